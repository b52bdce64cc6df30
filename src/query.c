/* SPDX-License-Identifier: MIT */
/*
 * The filter query (SPEC section 4): a line of text parsed once into a list
 * of compiled terms, then matched against every event on every keystroke.
 *
 * A query is a list of terms, ANDed; a term is a field (or plain text), a
 * negation flag and one or more values, ORed.  Everything query_match needs
 * is prepared at parse time -- text needles folded, statuses and dates
 * resolved -- so matching never allocates.  Terms are kept sorted cheapest
 * first (status, has:, dates before tags, text search last) so most events
 * are rejected early.
 *
 * Syntax: terms are separated by blanks; a term is [-][field:]value.  A
 * field's value is a ','-separated list of items; an item is a run of
 * characters other than blank, ',' and '"', or a "quoted string" (\" and \\
 * escape, any other backslash is literal) in which ',' is literal.  A bare
 * term is one phrase, quoted or not, and its commas are literal.  A term
 * that starts with a name (a letter, then letters, digits or '_') followed
 * by ':' is a field term, so an unknown name is an error, not text.
 *
 * A term @NAME is a saved filter: its text is parsed (with the same env,
 * so it may use other saved filters) into a query of its own that the term
 * matches as a whole.  The names being expanded are kept on a chain, so a
 * filter that uses itself, directly or not, is an error and not a loop.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "claims.h"
#include "date.h"
#include "query.h"
#include "storydiff.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

enum query_has {
	QUERY_HAS_NOTES,
	QUERY_HAS_SOURCES,
	QUERY_HAS_ID,
	QUERY_HAS_DESCRIPTION,
	QUERY_HAS_END,
	QUERY_HAS_RELATED,
	QUERY_HAS_MARK,
	QUERY_HAS_COUNT
};

/* changed: values and their STORYDIFF_* bits ("" is any change). */
static const struct query_changed {
	const char	*name;
	unsigned	 bits;
} query_changed_kinds[] = {
	{ "any", STORYDIFF_ANY },
	{ "added", STORYDIFF_ADDED },
	{ "notes", STORYDIFF_NOTES },
	{ "status", STORYDIFF_STATUS },
	{ "date", STORYDIFF_DATE },
	{ "title", STORYDIFF_TITLE },
	{ "sources", STORYDIFF_SOURCES },
	{ "related", STORYDIFF_RELATED },
};
#define QUERY_NCHANGED \
	(sizeof query_changed_kinds / sizeof query_changed_kinds[0])

/* Indexed by enum query_has. */
static const char *const query_has_names[QUERY_HAS_COUNT] = {
	"notes", "sources", "id", "description", "end", "related", "mark"
};

struct query_value {
	char	*s;	/* the value; folded for text and actor: */
	size_t	 len;
	const struct query_env *env;	/* has:mark asks it; or NULL */
	date_time asof;		/* status: the verdict as of this (the
				   query's asof:, DATE_MAX without) */
	union {
		enum tl_status		status;
		struct date_range	date;
		enum query_has		has;
		struct query		*sub;	/* @NAME: owned */
		unsigned		changed;	/* STORYDIFF_* */
		enum tl_rel		rel;
		uint32_t		count;		/* sources:N */
	} u;
};

struct query_parser;
struct query_item;

struct query_field {
	const char	*name;		/* NULL for plain text */
	unsigned	 cost;		/* terms are matched cheapest first */
	bool		 single;	/* takes one value, no ',' list */
	bool		 bare;		/* "name:" alone is a value too */
	bool		 substring;	/* a longer value matches less */
	bool		(*compile)(struct query_parser *,
			    const struct query_field *,
			    const struct query_item *, struct query_value *);
	bool		(*match)(const struct query_value *,
			    const struct timeline *, const struct tl_event *);
};

struct query_term {
	const struct query_field *field;
	bool			  negate;
	struct query_value	 *values;
	size_t			  nvalues;
};

struct query {
	struct query_term	*terms;
	size_t			 nterms;
};

/* One item of a value as written: where it is and its unescaped text. */
struct query_item {
	size_t		col;		/* of the item (its quote if quoted) */
	size_t		content_col;	/* of its first byte of content */
	bool		exact;		/* content bytes map 1:1 to the text */
	bool		quoted;
	struct buf	text;
};

struct query_parser {
	const char		*s;
	size_t			 pos;
	const struct query_env	*env;		/* or NULL */
	const char		*chain[QUERY_SAVED_DEPTH]; /* @NAMEs being
						   expanded, outermost first */
	size_t			 depth;
	struct query_item	 item;
	char			*err;
	size_t			 err_col;
};

/* --- matching ------------------------------------------------------------ */

static bool
query_text_in(const char *hay, const struct query_value *v)
{
	return hay != NULL && text_contains_folded(hay, strlen(hay), v->s,
	    v->len);
}

static bool
query_text_in_list(const char *const *list, uint32_t n,
    const struct query_value *v)
{
	uint32_t	i;

	for (i = 0; i < n; i++) {
		if (query_text_in(list[i], v))
			return true;
	}
	return false;
}

static bool
query_match_text(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	uint32_t	i;

	(void)tl;
	if (query_text_in(ev->title, v) || query_text_in(ev->description, v))
		return true;
	if (query_text_in_list(ev->actors, ev->nactors, v) ||
	    query_text_in_list(ev->tags, ev->ntags, v))
		return true;
	for (i = 0; i < ev->nnotes; i++) {
		if (query_text_in(ev->notes[i].text, v))
			return true;
	}
	return false;
}

static bool
query_match_actor(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	(void)tl;
	return query_text_in_list(ev->actors, ev->nactors, v);
}

static bool
query_match_tag(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	uint32_t	i;

	(void)tl;
	for (i = 0; i < ev->ntags; i++) {
		if (text_equal_folded(ev->tags[i], strlen(ev->tags[i]), v->s,
		    v->len))
			return true;
	}
	return false;
}

static bool
query_match_status(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	(void)tl;
	if (v->asof < DATE_MAX)
		return claims_status_asof(ev, v->asof) == v->u.status;
	return ev->status == v->u.status;
}

static bool
query_match_rel(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	uint32_t	i;

	(void)tl;
	for (i = 0; i < ev->nrelated; i++)
		if (ev->related[i].rel == v->u.rel)
			return true;
	return false;
}

static bool
query_match_sources(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	(void)tl;
	return ev->nsources >= v->u.count &&
	    claims_independent(ev, NULL) >= v->u.count;
}

/* An outlet, URL, title, relayed outlet or archive of a source (a plain
 * text source is an outlet, or a URL). */
static bool
query_match_source(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	const struct tl_source	*s;
	const struct tl_source_more *m;
	uint32_t		 i;

	(void)tl;
	for (i = 0; i < ev->nsources; i++) {
		s = &ev->sources[i];
		if (query_text_in(s->outlet, v) || query_text_in(s->url, v) ||
		    query_text_in(s->title, v))
			return true;
		m = tl_event_source_more(ev, i);
		if (m != NULL && (query_text_in(m->via, v) ||
		    query_text_in(m->archive, v)))
			return true;
	}
	return false;
}

static bool
query_match_from(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	(void)tl;
	return tl_event_latest(ev) >= v->u.date.earliest;
}

static bool
query_match_to(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	(void)tl;
	return ev->date.earliest <= v->u.date.latest;
}

/*
 * Known by the value's latest instant: some dated source says so, or, with
 * no dated source at all, the event itself had begun.
 */
static bool
query_match_asof(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	bool			dated = false;
	uint32_t		i;
	struct date_range	r;
	const char		*d;

	(void)tl;
	for (i = 0; i < ev->nsources; i++) {
		/* Parsed again here rather than kept for every source: asof:
		 * is rare, and the loader checked the date. */
		if ((d = ev->sources[i].date_text) == NULL ||
		    !date_parse(d, strlen(d), 0, &r, NULL, NULL))
			continue;
		if (r.earliest <= v->u.date.latest)
			return true;
		dated = true;
	}
	return !dated && ev->date.earliest <= v->u.date.latest;
}

static bool
query_match_file(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	const char	*path;

	if (tl == NULL || ev->file >= tl->nfiles)
		return false;
	path = tl->files[ev->file].path;
	return path != NULL && strstr(path, v->s) != NULL;
}

static bool
query_match_id(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	(void)tl;
	return ev->id != NULL && strcmp(ev->id, v->s) == 0;
}

static bool
query_match_has(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	(void)tl;
	switch (v->u.has) {
	case QUERY_HAS_NOTES:
		return ev->nnotes != 0;
	case QUERY_HAS_SOURCES:
		return ev->nsources != 0;
	case QUERY_HAS_ID:
		return ev->id != NULL;
	case QUERY_HAS_DESCRIPTION:
		return ev->description != NULL;
	case QUERY_HAS_END:
		return ev->end_text != NULL;
	case QUERY_HAS_RELATED:
		return ev->nrelated != 0;
	case QUERY_HAS_MARK:
		return v->env != NULL && v->env->marked != NULL &&
		    v->env->marked(v->env->marked_arg, tl, ev);
	case QUERY_HAS_COUNT:
		break;
	}
	return false;
}

/* What changed since a commit: the timeline knows, when git could say
 * (changes.h); ev must be one of tl's events. */
static bool
query_match_changed(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	uintptr_t	at = (uintptr_t)ev, first;

	if (tl == NULL || tl->changed == NULL || tl->nevents == 0)
		return false;
	first = (uintptr_t)tl->events;
	if (at < first || at >= (uintptr_t)(tl->events + tl->nevents))
		return false;
	return (tl->changed[(at - first) / sizeof *ev] & v->u.changed) != 0;
}

static bool
query_match_term(const struct query_term *t, const struct timeline *tl,
    const struct tl_event *ev)
{
	size_t	i;

	for (i = 0; i < t->nvalues; i++) {
		if (t->field->match(&t->values[i], tl, ev))
			return !t->negate;
	}
	return t->negate;
}

bool
query_match(const struct query *q, const struct timeline *tl,
    const struct tl_event *ev)
{
	size_t	i;

	for (i = 0; i < q->nterms; i++) {
		if (!query_match_term(&q->terms[i], tl, ev))
			return false;
	}
	return true;
}

/* Could the word at s be a term of its own rather than more of a date? */
static bool
query_is_term_word(const char *s, size_t len)
{
	return s[0] == '-' || memchr(s, ':', len) != NULL;
}

/* Where the last term of s starts, and whether s ends inside quotes. */
static size_t
query_last_term(const char *s, bool *in_quote)
{
	size_t	i, start = 0;

	*in_quote = false;
	for (i = 0; s[i] != '\0'; i++) {
		if (*in_quote) {
			if (s[i] == '\\' && s[i + 1] != '\0')
				i++;
			else if (s[i] == '"')
				*in_quote = false;
		} else if (s[i] == '"')
			*in_quote = true;
		else if (s[i] == ' ' || s[i] == '\t')
			start = i + 1;
	}
	return start;
}

static bool	query_is_date_field(const char *);

/* Could more text extend a date value of s (an unquoted date run that
 * reaches its end, as "from:late" does)? */
static bool
query_date_open(const char *s)
{
	size_t	i = 0, w;
	bool	open = false, in_quote;

	for (;;) {
		while (s[i] == ' ' || s[i] == '\t')
			i++;
		if (s[i] == '\0')
			return open;
		w = i;
		for (in_quote = false; s[i] != '\0' && (in_quote ||
		    (s[i] != ' ' && s[i] != '\t')); i++) {
			if (in_quote && s[i] == '\\' && s[i + 1] != '\0')
				i++;
			else if (s[i] == '"')
				in_quote = !in_quote;
		}
		if (query_is_date_field(s + w))
			open = true;
		else if (s[w] == '"' || query_is_term_word(s + w, i - w))
			open = false;
	}
}

bool
query_narrows(const char *old, const char *now)
{
	size_t		 n, t, colon;
	const char	*term, *suffix;
	bool		 in_quote;

	if (old == NULL || old[strspn(old, " \t")] == '\0')
		return true;
	n = strlen(old);
	if (strncmp(now, old, n) != 0)
		return false;
	suffix = now + n;
	if (query_date_open(old))
		return false;		/* "from:late" + " 2022" */
	t = query_last_term(old, &in_quote);
	if (t == n && !in_quote)
		return true;		/* a blank before: only more terms */
	term = old + t;
	if (term[0] == '-' || term[0] == '@')
		return false;		/* a longer negated word hides less;
					   a longer @NAME is another filter */
	colon = strcspn(term, ":\"");
	if (term[colon] == ':')		/* a field: substring ones only */
		return (strncasecmp(term, "actor", colon) == 0 ||
		    strncasecmp(term, "file", colon) == 0) && colon >= 4 &&
		    strchr(suffix, ',') == NULL;
	return in_quote || strchr(suffix, ':') == NULL;
}

bool
query_is_empty(const struct query *q)
{
	return q->nterms == 0;
}

/* --- errors and suggestions ---------------------------------------------- */

/* Record the first error; always returns false. */
static bool
query_fail(struct query_parser *p, size_t col, char *msg)
{
	if (p->err == NULL) {
		p->err = msg;
		p->err_col = col;
	} else
		free(msg);
	return false;
}

/* True if a and b differ only by swapping two adjacent bytes. */
static bool
query_is_swap(const char *a, const char *b)
{
	size_t	i;

	if (strlen(a) != strlen(b))
		return false;
	for (i = 0; a[i] != '\0' && a[i] == b[i]; i++)
		continue;
	if (a[i] == '\0' || a[i + 1] != b[i] || a[i + 1] == '\0' ||
	    a[i] != b[i + 1])
		return false;
	return strcmp(a + i + 2, b + i + 2) == 0;
}

/*
 * Is cand a plausible correction of word (folded)?  One edit, a swap of
 * neighbours, or two edits in a word long enough that two edits still leave
 * most of it: "tga" suggests "tag" but "foo" does not suggest "to".  Sets
 * *dist to the distance, a swap counting as one.
 */
static bool
query_is_close(const char *word, const char *cand, unsigned *dist)
{
	size_t	len = strlen(word);

	*dist = text_distance(word, cand, 2);
	if (*dist == 1 && len > 1)
		return true;
	if (*dist == 2 && query_is_swap(word, cand)) {
		*dist = 1;
		return true;
	}
	return *dist == 2 && len >= 5;
}

/* The candidate closest to word[0..len) (case-insensitive), or NULL. */
static const char *
query_suggest(const char *word, size_t len, const char *const *cands,
    size_t n)
{
	struct buf	 folded = BUF_INIT;
	const char	*best = NULL;
	unsigned	 d, bestd = 3;
	size_t		 i;

	text_fold(&folded, word, len);
	for (i = 0; i < n; i++) {
		if (query_is_close(buf_str(&folded), cands[i], &d) &&
		    d < bestd) {
			best = cands[i];
			bestd = d;
		}
	}
	buf_free(&folded);
	return best;
}

/* "unknown WHAT 'word' (did you mean 'x'?)", else with "(one of ...)". */
static char *
query_unknown(const char *what, const char *word, size_t len,
    const char *best, const char *choices)
{
	if (best != NULL)
		return xasprintf("unknown %s '%.*s' (did you mean '%s'?)",
		    what, (int)len, word, best);
	if (choices != NULL)
		return xasprintf("unknown %s '%.*s' (one of %s)", what,
		    (int)len, word, choices);
	return xasprintf("unknown %s '%.*s'", what, (int)len, word);
}

/* --- compiling values ---------------------------------------------------- */

static bool
query_compile_plain(struct query_parser *p, const struct query_field *f,
    const struct query_item *it, struct query_value *v)
{
	(void)p;
	(void)f;
	v->s = xstrndup(buf_str(&it->text), it->text.len);
	v->len = it->text.len;
	return true;
}

static bool
query_compile_folded(struct query_parser *p, const struct query_field *f,
    const struct query_item *it, struct query_value *v)
{
	struct buf	folded = BUF_INIT;

	(void)p;
	(void)f;
	text_fold(&folded, buf_str(&it->text), it->text.len);
	v->len = folded.len;
	v->s = buf_detach(&folded);
	return true;
}

static bool
query_compile_status(struct query_parser *p, const struct query_field *f,
    const struct query_item *it, struct query_value *v)
{
	const char	*names[TL_STATUS_COUNT];
	const char	*word = buf_str(&it->text), *best;
	size_t		 i;

	(void)f;
	v->asof = DATE_MAX;	/* until query_set_asof */
	if (text_equal_folded(word, it->text.len, "none", 4)) {
		v->u.status = TL_STATUS_NONE;
		return true;
	}
	if (tl_status_parse(word, it->text.len, &v->u.status))
		return true;
	names[0] = "none";
	for (i = 1; i < TL_STATUS_COUNT; i++)
		names[i] = tl_status_name((enum tl_status)i);
	best = query_suggest(word, it->text.len, names, TL_STATUS_COUNT);
	return query_fail(p, it->col, query_unknown("status", word,
	    it->text.len, best,
	    "confirmed, reported, alleged, disputed, denied, none"));
}

static bool
query_compile_rel(struct query_parser *p, const struct query_field *f,
    const struct query_item *it, struct query_value *v)
{
	const char	*names[TL_REL_COUNT - 1];
	const char	*word = buf_str(&it->text), *best;
	size_t		 i;

	(void)f;
	if (tl_rel_parse(word, it->text.len, &v->u.rel))
		return true;
	for (i = 0; i + 1 < TL_REL_COUNT; i++)
		names[i] = tl_rel_name((enum tl_rel)(i + 1));
	best = query_suggest(word, it->text.len, names, TL_REL_COUNT - 1);
	return query_fail(p, it->col, query_unknown("relation", word,
	    it->text.len, best,
	    "supports, contradicts, retracts, supersedes, follows"));
}

static bool
query_compile_count(struct query_parser *p, const struct query_field *f,
    const struct query_item *it, struct query_value *v)
{
	const char	*word = buf_str(&it->text);
	size_t		 i;
	uint32_t	 n = 0;

	for (i = 0; i < it->text.len && word[i] >= '0' && word[i] <= '9' &&
	    n < 100000; i++)
		n = n * 10 + (uint32_t)(word[i] - '0');
	if (i == 0 || i < it->text.len)
		return query_fail(p, it->col, xasprintf("%s: '%.*s' is not a "
		    "number (sources:2 keeps events with at least 2 "
		    "independent sources)", f->name, (int)it->text.len, word));
	v->u.count = n;
	return true;
}

static bool
query_compile_has(struct query_parser *p, const struct query_field *f,
    const struct query_item *it, struct query_value *v)
{
	const char	*word = buf_str(&it->text), *best;
	size_t		 i;

	(void)f;
	v->env = p->env;
	for (i = 0; i < QUERY_HAS_COUNT; i++) {
		if (text_equal_folded(word, it->text.len, query_has_names[i],
		    strlen(query_has_names[i]))) {
			v->u.has = (enum query_has)i;
			return true;
		}
	}
	best = query_suggest(word, it->text.len, query_has_names,
	    QUERY_HAS_COUNT);
	return query_fail(p, it->col, query_unknown("has: value", word,
	    it->text.len, best,
	    "notes, sources, id, description, end, related, mark"));
}

static bool
query_compile_changed(struct query_parser *p, const struct query_field *f,
    const struct query_item *it, struct query_value *v)
{
	const char	*names[QUERY_NCHANGED];
	const char	*word = buf_str(&it->text), *best;
	size_t		 i;

	(void)f;
	for (i = 0; i < QUERY_NCHANGED; i++) {
		names[i] = query_changed_kinds[i].name;
		if (it->text.len == 0 || text_equal_folded(word, it->text.len,
		    names[i], strlen(names[i]))) {
			v->u.changed = query_changed_kinds[i].bits;
			return true;
		}
	}
	best = query_suggest(word, it->text.len, names, QUERY_NCHANGED);
	return query_fail(p, it->col, query_unknown("changed: value", word,
	    it->text.len, best,
	    "any, added, notes, status, date, title, sources, related"));
}

static bool
query_compile_date(struct query_parser *p, const struct query_field *f,
    const struct query_item *it, struct query_value *v)
{
	char	*derr = NULL;
	size_t	 dcol = 0, col;
	bool	 ok;

	if (date_parse(buf_str(&it->text), it->text.len, 0, &v->u.date,
	    &derr, &dcol))
		return true;
	/* Escapes shift bytes: then point at the item as a whole. */
	col = it->exact && dcol <= it->text.len ? it->content_col + dcol :
	    it->col;
	ok = query_fail(p, col, xasprintf("%s: %s", f->name,
	    derr != NULL ? derr : "invalid date"));
	free(derr);
	return ok;
}

/* --- the field table ----------------------------------------------------- */

static const struct query_field query_fields[] = {
	{ .name = "tag", .cost = 2, .compile = query_compile_plain,
	  .match = query_match_tag },
	{ .name = "actor", .cost = 3, .compile = query_compile_folded,
	  .match = query_match_actor, .substring = true },
	{ .name = "status", .cost = 0, .compile = query_compile_status,
	  .match = query_match_status },
	{ .name = "from", .cost = 0, .single = true,
	  .compile = query_compile_date, .match = query_match_from },
	{ .name = "to", .cost = 0, .single = true,
	  .compile = query_compile_date, .match = query_match_to },
	{ .name = "file", .cost = 2, .compile = query_compile_plain,
	  .match = query_match_file, .substring = true },
	{ .name = "id", .cost = 1, .compile = query_compile_plain,
	  .match = query_match_id },
	{ .name = "has", .cost = 0, .compile = query_compile_has,
	  .match = query_match_has },
	{ .name = "asof", .cost = 1, .single = true,
	  .compile = query_compile_date, .match = query_match_asof },
	{ .name = "changed", .cost = 0, .bare = true,
	  .compile = query_compile_changed, .match = query_match_changed },
	{ .name = "rel", .cost = 1, .compile = query_compile_rel,
	  .match = query_match_rel },
	{ .name = "sources", .cost = 2, .single = true,
	  .compile = query_compile_count, .match = query_match_sources },
	{ .name = "source", .cost = 3, .compile = query_compile_folded,
	  .match = query_match_source },
};
#define QUERY_NFIELDS (sizeof query_fields / sizeof query_fields[0])

/* Does the word start a date field (one of query_fields compiled as a
 * date) with an unquoted value? */
static bool
query_is_date_field(const char *w)
{
	size_t	i, n;

	w += *w == '-';
	for (i = 0; i < QUERY_NFIELDS; i++) {
		if (query_fields[i].compile != query_compile_date)
			continue;
		n = strlen(query_fields[i].name);
		if (strncasecmp(w, query_fields[i].name, n) == 0 &&
		    w[n] == ':')
			return w[n + 1] != '"';
	}
	return false;
}

static const struct query_field query_text = {
	.name = NULL, .cost = 4, .compile = query_compile_folded,
	.match = query_match_text, .substring = true
};

static bool
query_match_saved(const struct query_value *v, const struct timeline *tl,
    const struct tl_event *ev)
{
	return query_match(v->u.sub, tl, ev);
}

/* @NAME: compiled by query_parse_saved, not through the table. */
static const struct query_field query_saved_field = {
	.name = "@", .cost = 3, .single = true, .match = query_match_saved
};

static const char *
query_unknown_field_hint(const char *name, size_t len)
{
	const char	*names[QUERY_NFIELDS];
	size_t		 i;

	for (i = 0; i < QUERY_NFIELDS; i++)
		names[i] = query_fields[i].name;
	return query_suggest(name, len, names, QUERY_NFIELDS);
}

/* --- parsing ------------------------------------------------------------- */

static bool
query_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

static bool
query_is_name_char(char c, bool first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	return !first && ((c >= '0' && c <= '9') || c == '_');
}

/* Skip blanks; false at the end of the text. */
static bool
query_skip_blanks(struct query_parser *p)
{
	while (query_is_blank(p->s[p->pos]))
		p->pos++;
	return p->s[p->pos] != '\0';
}

/* The item's text between quotes, with escapes undone; pos is at '"'. */
static bool
query_parse_quoted(struct query_parser *p, struct query_item *it)
{
	const char	*s = p->s;
	size_t		 i = p->pos + 1;

	it->quoted = true;
	it->content_col = i;
	for (;;) {
		if (s[i] == '\0')
			return query_fail(p, it->col,
			    xstrdup("unterminated quote"));
		if (s[i] == '"')
			break;
		if (s[i] == '\\' && (s[i + 1] == '"' || s[i + 1] == '\\')) {
			it->exact = false;
			i++;
		}
		buf_addc(&it->text, s[i++]);
	}
	p->pos = i + 1;
	return true;
}

/* After an item: a blank, the end or (in a list) a ',' must follow. */
static bool
query_check_item_end(struct query_parser *p, bool list)
{
	char	c = p->s[p->pos];

	if (c == '\0' || query_is_blank(c) || (list && c == ','))
		return true;
	if (c == '"')
		return query_fail(p, p->pos, xstrdup("unexpected '\"' "
		    "(put the quotes around the whole value)"));
	return query_fail(p, p->pos,
	    xstrdup("expected a blank after the closing quote"));
}

/* Read one item into p->item; in a list, ',' ends an unquoted item. */
static bool
query_parse_item(struct query_parser *p, bool list)
{
	struct query_item	*it = &p->item;
	size_t			 end;
	char			 c;

	buf_reset(&it->text);
	it->col = p->pos;
	it->exact = true;
	it->quoted = false;
	if (p->s[p->pos] == '"') {
		if (!query_parse_quoted(p, it))
			return false;
	} else {
		for (end = p->pos; (c = p->s[end]) != '\0' &&
		    !query_is_blank(c) && c != '"' && !(list && c == ',');
		    end++)
			continue;
		it->content_col = p->pos;
		buf_add(&it->text, p->s + p->pos, end - p->pos);
		p->pos = end;
	}
	return query_check_item_end(p, list);
}

/* An item must not be empty; say what is missing where. */
static bool
query_check_nonempty(struct query_parser *p, const struct query_field *f,
    size_t nth)
{
	const struct query_item	*it = &p->item;

	if (it->text.len != 0)
		return true;
	if (it->quoted)
		return query_fail(p, it->col, xstrdup(f->name != NULL ?
		    "empty value" : "empty phrase"));
	if (nth == 0 && f->name != NULL)
		return query_fail(p, it->col, xasprintf("missing value after "
		    "'%s:'", f->name));
	return query_fail(p, it->col, xstrdup("missing value after ','"));
}

static void
query_term_add_value(struct query_term *t, const struct query_value *v)
{
	t->values = xreallocarray(t->values, t->nvalues + 1,
	    sizeof *t->values);
	t->values[t->nvalues++] = *v;
}

/* A word of a date run ends at a blank, a quote or the end. */
static size_t
query_word_end(const char *s, size_t i)
{
	while (s[i] != '\0' && !query_is_blank(s[i]) && s[i] != '"')
		i++;
	return i;
}

#define QUERY_DATE_WORDS	8	/* "circa early February 2022" and more */

/*
 * An unquoted date value runs as far as it still reads as a date: over
 * blanks and commas ("from:late 2022", "asof:24 February 2022", "from:
 * February 24, 2022"), to the end of the longest run of words that parses.
 * When none does, a run of several words that cannot be terms of their own
 * is taken whole, for its error ("lat 2022": did you mean 'late 2022'?).
 * False leaves the value to be read as one item.
 */
static bool
query_parse_date_run(struct query_parser *p)
{
	struct query_item	*it = &p->item;
	struct date_range	 r;
	const char		*s = p->s;
	size_t			 start = p->pos, i = start, end, best = 0;
	size_t			 words = 0, plain = 0;
	bool			 syntax = false;

	while (words < QUERY_DATE_WORDS) {
		end = query_word_end(s, i);
		if (end == i)
			break;
		if (words > 0 && !syntax &&
		    !(syntax = query_is_term_word(s + i, end - i)))
			plain = end;
		words++;
		if (date_parse(s + start, end - start, 0, &r, NULL, NULL))
			best = end;
		for (i = end; query_is_blank(s[i]); i++)
			continue;
	}
	if (best == 0)
		best = plain;
	if (best == 0)
		return false;
	buf_reset(&it->text);
	it->col = it->content_col = start;
	it->exact = true;
	it->quoted = false;
	buf_add(&it->text, s + start, best - start);
	p->pos = best;
	return true;
}

/* The values of a term: one phrase for text, else a ',' list. */
static bool
query_parse_values(struct query_parser *p, struct query_term *t)
{
	const struct query_field	*f = t->field;
	struct query_value		 v;
	bool				 list = f->name != NULL;

	if (f->bare && (p->s[p->pos] == '\0' || query_is_blank(p->s[p->pos]))) {
		memset(&v, 0, sizeof v);
		buf_reset(&p->item.text);	/* "changed:" alone */
		p->item.col = p->pos;
		if (!f->compile(p, f, &p->item, &v))
			return false;
		query_term_add_value(t, &v);
		return true;
	}
	if (f->single && p->s[p->pos] != '"' && query_parse_date_run(p)) {
		memset(&v, 0, sizeof v);
		if (!f->compile(p, f, &p->item, &v))
			return false;
		query_term_add_value(t, &v);
		return true;
	}
	for (;;) {
		memset(&v, 0, sizeof v);
		if (!query_parse_item(p, list) ||
		    !query_check_nonempty(p, f, t->nvalues) ||
		    !f->compile(p, f, &p->item, &v))
			return false;
		query_term_add_value(t, &v);
		if (!list || p->s[p->pos] != ',')
			return true;
		if (f->single)
			return query_fail(p, p->pos, xasprintf("%s: takes one "
			    "date (quote a date that contains ',')", f->name));
		p->pos++;
	}
}

/*
 * If a field name and ':' start the term, set *f to its field and skip
 * them; otherwise leave *f to plain text.  An unknown name is an error.
 */
static bool
query_parse_field(struct query_parser *p, const struct query_field **f)
{
	const char	*name = p->s + p->pos;
	size_t		 len, i;

	*f = &query_text;
	for (len = 0; query_is_name_char(name[len], len == 0); len++)
		continue;
	if (len == 0 || name[len] != ':')
		return true;
	for (i = 0; i < QUERY_NFIELDS; i++) {
		if (text_equal_folded(name, len, query_fields[i].name,
		    strlen(query_fields[i].name))) {
			*f = &query_fields[i];
			p->pos += len + 1;
			return true;
		}
	}
	return query_fail(p, p->pos, query_unknown("field", name, len,
	    query_unknown_field_hint(name, len), NULL));
}

static void
query_term_free(struct query_term *t)
{
	size_t	i;

	for (i = 0; i < t->nvalues; i++) {
		free(t->values[i].s);
		if (t->field == &query_saved_field)
			query_free(t->values[i].u.sub);
	}
	free(t->values);
}

static struct query *query_parse_in(const char *, const struct query_env *,
		    const char *const *, size_t, char **, size_t *);

bool
query_saved_name_ok(const char *name, size_t len)
{
	size_t	i;

	if (len == 0 || !query_is_name_char(name[0], true))
		return false;
	for (i = 1; i < len; i++)
		if (!query_is_name_char(name[i], false) && name[i] != '-')
			return false;
	return true;
}

/* The text of the saved filter name[0..len) (the last of that name), or
 * NULL. */
static const char *
query_saved_text(const struct query_env *env, const char *name, size_t len)
{
	size_t	i;

	for (i = env != NULL ? env->nsaved : 0; i-- > 0;) {
		if (strlen(env->saved[i].name) == len &&
		    memcmp(env->saved[i].name, name, len) == 0)
			return env->saved[i].text;
	}
	return NULL;
}

/* Marks a loop's message, which goes up the chain as it is: it names
 * the whole loop already. */
#define QUERY_LOOP_MSG	"refers to itself"

/* "saved filter 'a' refers to itself (a -> b -> a)": the chain from
 * name's first place on it. */
static char *
query_saved_loop(const struct query_parser *p, const char *name, size_t len,
    size_t from)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	buf_printf(&b, "saved filter '%.*s' " QUERY_LOOP_MSG " (", (int)len,
	    name);
	for (i = from; i < p->depth; i++)
		buf_printf(&b, "%s -> ", p->chain[i]);
	buf_printf(&b, "%.*s)", (int)len, name);
	return buf_detach(&b);
}

/* One @NAME at pos (the '@'): its text parsed into a value of t. */
static bool
query_parse_saved_one(struct query_parser *p, struct query_term *t)
{
	const char		*name = p->s + p->pos + 1, *text;
	const char		*chain[QUERY_SAVED_DEPTH];
	struct query_value	 v;
	size_t			 len, at = p->pos, i, col = 0;
	char			*err = NULL, *key;

	for (len = 0; name[len] != '\0' && name[len] != ',' &&
	    !query_is_blank(name[len]); len++)
		continue;
	if (!query_saved_name_ok(name, len))
		return query_fail(p, at, xstrdup(len == 0 ? "missing name "
		    "after '@'" : "a saved filter's name is letters, digits, "
		    "'_' and '-'"));
	if ((text = query_saved_text(p->env, name, len)) == NULL)
		return query_fail(p, at, xasprintf("unknown saved filter "
		    "'@%.*s' (filter NAME = QUERY in the config)", (int)len,
		    name));
	for (i = 0; i < p->depth; i++)
		if (strlen(p->chain[i]) == len &&
		    memcmp(p->chain[i], name, len) == 0)
			return query_fail(p, at, query_saved_loop(p, name,
			    len, i));
	if (p->depth == QUERY_SAVED_DEPTH)
		return query_fail(p, at, xstrdup("saved filters nested too "
		    "deep"));
	if (p->depth > 0)
		memcpy(chain, p->chain, p->depth * sizeof *chain);
	key = xstrndup(name, len);
	chain[p->depth] = key;
	memset(&v, 0, sizeof v);
	v.u.sub = query_parse_in(text, p->env, chain, p->depth + 1, &err,
	    &col);
	free(key);
	p->pos += 1 + len;
	if (v.u.sub == NULL) {
		query_fail(p, at, strstr(err, QUERY_LOOP_MSG) != NULL &&
		    strncmp(err, "saved filter '", 14) == 0 ? xstrdup(err) :
		    xasprintf("in @%.*s at column %zu: %s", (int)len, name,
		    col + 1, err));
		free(err);
		return false;
	}
	t->field = &query_saved_field;
	query_term_add_value(t, &v);
	return true;
}

/* @NAME, or @a,@b: either saved filter (',' is OR, as in a value). */
static bool
query_parse_saved(struct query_parser *p, struct query_term *t)
{
	for (;;) {
		if (!query_parse_saved_one(p, t))
			return false;
		if (p->s[p->pos] != ',')
			return true;
		if (p->s[++p->pos] != '@')
			return query_fail(p, p->pos, xstrdup("another @NAME "
			    "after ',' (either of two saved filters: "
			    "@a,@b)"));
	}
}

static bool
query_parse_term(struct query_parser *p, struct query *q)
{
	struct query_term	t;

	memset(&t, 0, sizeof t);
	if (p->s[p->pos] == '-') {
		t.negate = true;
		p->pos++;
		if (p->s[p->pos] == '\0' || query_is_blank(p->s[p->pos]))
			return query_fail(p, p->pos - 1,
			    xstrdup("nothing to negate after '-'"));
	}
	if (p->s[p->pos] == '@') {
		if (!query_parse_saved(p, &t)) {
			query_term_free(&t);
			return false;
		}
	} else if (!query_parse_field(p, &t.field) ||
	    !query_parse_values(p, &t)) {
		query_term_free(&t);
		return false;
	}
	q->terms = xreallocarray(q->terms, q->nterms + 1, sizeof *q->terms);
	q->terms[q->nterms++] = t;
	return true;
}

/* Stable sort, cheapest term first (queries have a handful of terms). */
static void
query_sort(struct query *q)
{
	struct query_term	t;
	size_t			i, j;

	for (i = 1; i < q->nterms; i++) {
		t = q->terms[i];
		for (j = i; j > 0 && q->terms[j - 1].field->cost >
		    t.field->cost; j--)
			q->terms[j] = q->terms[j - 1];
		q->terms[j] = t;
	}
}

/* status: terms, here and in @NAMEs, judge the verdict as of t. */
static void
query_set_asof(struct query *q, date_time t)
{
	size_t	i, j;

	for (i = 0; i < q->nterms; i++) {
		struct query_term *term = &q->terms[i];

		if (term->field == &query_saved_field)
			for (j = 0; j < term->nvalues; j++)
				query_set_asof(term->values[j].u.sub, t);
		else if (term->field->match == query_match_status)
			for (j = 0; j < term->nvalues; j++)
				term->values[j].asof = t;
	}
}

bool
query_asof(const struct query *q, date_time *t)
{
	size_t	i, j;

	for (i = 0; q != NULL && i < q->nterms; i++) {
		const struct query_term *term = &q->terms[i];

		if (term->negate)
			continue;
		for (j = 0; term->field == &query_saved_field &&
		    j < term->nvalues; j++)
			if (query_asof(term->values[j].u.sub, t))
				return true;
		if (term->field->match == query_match_asof) {
			*t = term->values[0].u.date.latest;
			return true;
		}
	}
	return false;
}

static struct query *
query_parse_in(const char *text, const struct query_env *env,
    const char *const *chain, size_t depth, char **err, size_t *err_col)
{
	struct query_parser	 p;
	struct query		*q = xcalloc(1, sizeof *q);
	date_time		 asof;

	memset(&p, 0, sizeof p);
	p.s = text;
	p.env = env;
	p.depth = depth;
	if (depth > 0)
		memcpy(p.chain, chain, depth * sizeof *chain);
	while (query_skip_blanks(&p)) {
		if (!query_parse_term(&p, q)) {
			query_free(q);
			q = NULL;
			break;
		}
	}
	buf_free(&p.item.text);
	if (q != NULL) {
		query_sort(q);
		if (depth == 0 && query_asof(q, &asof))
			query_set_asof(q, asof);
		return q;
	}
	if (err_col != NULL)
		*err_col = p.err_col;
	if (err != NULL)
		*err = p.err;
	else
		free(p.err);
	return NULL;
}

struct query *
query_parse_env(const char *text, const struct query_env *env, char **err,
    size_t *err_col)
{
	const char	*self = env != NULL ? env->self : NULL;

	return query_parse_in(text, env, &self, self != NULL, err, err_col);
}

struct query *
query_parse(const char *text, char **err, size_t *err_col)
{
	return query_parse_in(text, NULL, NULL, 0, err, err_col);
}

bool
query_uses(const struct query *q, const char *field)
{
	const struct query_term	*t;
	size_t			 i, j;

	for (i = 0; q != NULL && i < q->nterms; i++) {
		t = &q->terms[i];
		for (j = 0; t->field == &query_saved_field &&
		    j < t->nvalues; j++)
			if (query_uses(t->values[j].u.sub, field))
				return true;
		if (t->field != &query_saved_field && t->field->name != NULL &&
		    strcmp(t->field->name, field) == 0)
			return true;
	}
	return false;
}

/* The same value (its text, and what it was compiled to: the values are
 * zeroed before they are compiled, so whole unions compare). */
static bool
query_value_same(const struct query_value *a, const struct query_value *b)
{
	if (a->s == NULL || b->s == NULL ? a->s != b->s : a->len != b->len ||
	    memcmp(a->s, b->s, a->len) != 0)
		return false;
	return memcmp(&a->u, &b->u, sizeof a->u) == 0;
}

/* Does every event that term n matches also match term o?  The same
 * term, or a substring field's one value grown ("kreml" -> "kremlin"). */
static bool
query_term_implies(const struct query_term *n, const struct query_term *o)
{
	size_t	i;

	if (n->field != o->field || n->negate != o->negate ||
	    n->nvalues != o->nvalues)
		return false;
	if (n->field->substring && !n->negate && n->nvalues == 1)
		return o->values[0].s != NULL && n->values[0].s != NULL &&
		    strstr(n->values[0].s, o->values[0].s) != NULL;
	for (i = 0; i < n->nvalues; i++)
		if (!query_value_same(&n->values[i], &o->values[i]))
			return false;
	return true;
}

bool
query_implies(const struct query *now, const struct query *old)
{
	bool	*used;
	size_t	 i, j;
	bool	 ok = true;

	if (old == NULL || old->nterms == 0)
		return true;
	if (now == NULL)
		return false;
	used = xcalloc(now->nterms + 1, sizeof *used);
	for (i = 0; ok && i < old->nterms; i++) {
		for (j = 0; j < now->nterms; j++)
			if (!used[j] && query_term_implies(&now->terms[j],
			    &old->terms[i]))
				break;
		if (j < now->nterms)
			used[j] = true;
		else
			ok = false;
	}
	/* A new asof: changes what status: means: not narrower. */
	for (j = 0; ok && j < now->nterms; j++)
		if (!used[j] && now->terms[j].field->name != NULL &&
		    strcmp(now->terms[j].field->name, "asof") == 0)
			ok = false;
	free(used);
	return ok;
}

void
query_free(struct query *q)
{
	size_t	i;

	if (q == NULL)
		return;
	for (i = 0; i < q->nterms; i++)
		query_term_free(&q->terms[i]);
	free(q->terms);
	free(q);
}

/* Append field:"v" (split: field:"a","b" for "a,b"). */
static void
query_append_values(struct buf *b, const char *field, const char *value,
    bool split)
{
	const char	*s;

	if (b->len != 0)
		buf_addc(b, ' ');
	if (field != NULL) {
		buf_adds(b, field);
		buf_addc(b, ':');
	}
	buf_addc(b, '"');
	for (s = value; *s != '\0'; s++) {
		if (split && *s == ',') {
			buf_adds(b, "\",\"");
			continue;
		}
		if (*s == '"' || *s == '\\')
			buf_addc(b, '\\');
		buf_addc(b, *s);
	}
	buf_addc(b, '"');
}

void
query_append_term(struct buf *b, const char *field, const char *value)
{
	query_append_values(b, field, value, false);
}

void
query_append_list(struct buf *b, const char *field, const char *values)
{
	query_append_values(b, field, values, true);
}
