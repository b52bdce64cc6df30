/* SPDX-License-Identifier: MIT */
/*
 * The YAML reader's schema: a tree of nodes to a timeline's events and
 * file fields, for tlv YAML (SPEC section 1) and TimelineJS; see
 * yamlio_int.h.  Nothing here knows libyaml.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "claims.h"
#include "date.h"
#include "diag.h"
#include "export.h"
#include "html.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"
#include "yamlio_int.h"

/* Keys whose values the schema copies into the timeline as they are
 * (yl_text): id, title, description, url, text. */
bool
yl_model_key(const struct ynode *k)
{
	return k->kind == YN_SCALAR && (YL_IS(k, "id") || YL_IS(k, "url") ||
	    YL_IS(k, "text") || YL_IS(k, "title") || YL_IS(k, "description"));
}

/* --- messages about events ---------------------------------------------- */

/* "in event 'id'" or "in event 3" for messages about an event. */
static void
yl_event_label(const struct yl *y, struct buf *b)
{
	if (y->ev_out != NULL && y->ev_out->id != NULL)
		buf_printf(b, "event '%s'", y->ev_out->id);
	else
		buf_printf(b, "event %u", y->event_no);
}

/* --- schema helpers ------------------------------------------------------ */

const char *const yn_kind_names[] = {
	[YN_SCALAR] = "a text value",
	[YN_SEQ] = "a list",
	[YN_MAP] = "a mapping",
};

void
yl_type_error(struct yl *y, const struct ynode *n, const char *key,
    const char *want)
{
	yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
	    "'%s' must be %s, not %s", key, want, yn_kind_names[n->kind]);
}

/* Copy a scalar into the timeline; NULL (and an error) if not a scalar.
 * Null scalars give NULL without an error. */
static const char *
yl_text(struct yl *y, const struct ynode *n, const char *key)
{
	if (n->kind != YN_SCALAR) {
		yl_type_error(y, n, key, "a text value");
		return NULL;
	}
	if (n->null || n->bad)
		return NULL;
	if (n->in_model)
		return n->text;
	return arena_strndup(&y->tl->arena, n->text, n->len);
}

/*
 * Tags, actors, outlets, authors and dates come from small vocabularies:
 * each distinct short text is stored once per file, which keeps a big
 * timeline well under the size of its file.  Only those fields are
 * interned (an id or a title is unique: a table entry would cost more
 * than it saves), and the table stops growing at YL_WORDS_MAX entries.
 */
#define YL_WORD_MAX_LEN	48
#define YL_WORDS_MAX	((size_t)1 << 16)

static uint32_t
yl_word_hash(const char *s, size_t len)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* s (len at most YL_WORD_MAX_LEN, hash h) in the table, or added. */
static const char *
yl_intern_hashed(struct yl *y, const char *s, size_t len, uint32_t h)
{
	struct yl_word	*w, *old;
	size_t		 i, j, oldcap;
	const char	*p;

	if (y->capwords > 0)
		for (i = h & (y->capwords - 1); (w = &y->words[i])->s != NULL;
		    i = (i + 1) & (y->capwords - 1))
			if (w->hash == h && w->len == len &&
			    memcmp(w->s, s, len) == 0)
				return w->s;
	/* Kept apart from the long texts of a big file, the words stay
	 * close together in memory, and so in the processor's cache for the
	 * next lookup.  (A small file would leave most of a block of its
	 * own empty.) */
	p = arena_strndup(y->wordarena, s, len);
	if (y->nwords >= YL_WORDS_MAX)
		return p;
	/* Up to three quarters full: the table is alive at the peak of a
	 * load (the whole model built, the file not yet let go). */
	if ((y->nwords + 1) * 4 > y->capwords * 3) {
		old = y->words;
		oldcap = y->capwords;
		y->capwords = oldcap == 0 ? 256 : oldcap * 2;
		y->words = xcalloc(y->capwords, sizeof *y->words);
		for (j = 0; j < oldcap; j++) {
			if (old[j].s == NULL)
				continue;
			for (i = old[j].hash & (y->capwords - 1);
			    y->words[i].s != NULL;
			    i = (i + 1) & (y->capwords - 1))
				;
			y->words[i] = old[j];
		}
		free(old);
	}
	for (i = h & (y->capwords - 1); y->words[i].s != NULL;
	    i = (i + 1) & (y->capwords - 1))
		;
	y->words[i].s = p;
	y->words[i].len = (uint32_t)len;
	y->words[i].hash = h;
	y->nwords++;
	return p;
}

static const char *
yl_intern(struct yl *y, const char *s, size_t len)
{
	if (len > YL_WORD_MAX_LEN)
		return arena_strndup(&y->tl->arena, s, len);
	return yl_intern_hashed(y, s, len, yl_word_hash(s, len));
}

/* yl_text, interned. */
static const char *
yl_word(struct yl *y, const struct ynode *n, const char *key)
{
	if (n->kind != YN_SCALAR) {
		yl_type_error(y, n, key, "a text value");
		return NULL;
	}
	if (n->null || n->bad)
		return NULL;
	return yl_intern(y, n->text, n->len);
}

/* s (from yl_text or yl_word) as a required, non-empty text value. */
static const char *
yl_required(struct yl *y, const struct ynode *n, const char *key,
    const char *s)
{
	if ((s == NULL || *s == '\0') && n->kind == YN_SCALAR && !n->bad) {
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "'%s' is empty", key);
		return NULL;
	}
	return s;
}

static const char *
yl_required_text(struct yl *y, const struct ynode *n, const char *key)
{
	return yl_required(y, n, key, yl_text(y, n, key));
}

/* Parse a date scalar; false (with an error) if it is not one.  Dates
 * repeat (the same day, the same month, and close together in a file),
 * so the latest dates read are remembered, text and value, in a small
 * table keyed by the text's hash: a date met again is neither interned
 * nor parsed again. */
static bool
yl_date(struct yl *y, const struct ynode *n, const char *key, unsigned opts,
    const char **text, struct date_range *out)
{
	struct yl_date_memo	*m = NULL;
	char			*err = NULL;
	size_t			 col = 0;
	uint32_t		 h = 0;

	if (n->kind == YN_SCALAR && !n->null && !n->bad && n->len > 0 &&
	    n->len <= YL_WORD_MAX_LEN) {
		if (y->dates == NULL)
			y->dates = xcalloc(YL_DATES, sizeof *y->dates);
		h = yl_word_hash(n->text, n->len);
		m = &y->dates[(h * 0x9E3779B1u) >> (32 - YL_DATES_BITS)];
		if (m->text != NULL && m->hash == h && m->len == n->len &&
		    m->opts == opts && memcmp(m->text, n->text, n->len) == 0) {
			*text = m->text;
			*out = m->date;
			return true;
		}
		*text = yl_intern_hashed(y, n->text, n->len, h);
	} else if ((*text = yl_required(y, n, key, yl_word(y, n, key))) ==
	    NULL)
		return false;
	if (date_parse(n->text, n->len, opts, out, &err, &col)) {
		if (m != NULL) {
			m->text = *text;
			m->hash = h;
			m->len = (uint16_t)n->len;
			m->opts = (uint16_t)opts;
			m->date = *out;
		}
		return true;
	}
	yl_diag(y, DIAG_ERROR, n->span.line, yl_col_in(y, n, col), "%s",
	    err != NULL ? err : "unrecognised date");
	free(err);
	*text = NULL;
	return false;
}

/* A list of strings: a sequence of scalars, or one scalar. */
static const char **
yl_strings(struct yl *y, const struct ynode *n, const char *key,
    uint32_t *count)
{
	const char	**v;
	size_t		  i, k = 0;

	*count = 0;
	if (n->kind == YN_MAP) {
		yl_type_error(y, n, key, "a list of text values");
		return NULL;
	}
	if (n->kind == YN_SCALAR) {
		if (n->null)
			return NULL;
		v = arena_alloc(&y->tl->arena, sizeof *v, _Alignof(char *));
		v[0] = yl_intern(y, n->text, n->len);
		*count = 1;
		return v;
	}
	v = arena_alloc(&y->tl->arena, n->nkids * sizeof *v, _Alignof(char *));
	for (i = 0; i < n->nkids; i++) {
		const struct ynode *it = n->kids[i];

		if (it->bad)
			continue;
		if (it->kind != YN_SCALAR || it->null) {
			/* Through an alias, once, where the alias is. */
			const struct ynode *at = n->aliased ? n : it;

			yl_diag(y, DIAG_ERROR, at->span.line, at->span.col,
			    "items of '%s' must be text values", key);
			if (n->aliased)
				break;
			continue;
		}
		v[k++] = yl_intern(y, it->text, it->len);
	}
	*count = (uint32_t)k;
	return v;
}

/* The closest of names[] to word, for "did you mean" (NULL if none). */
static const char *
yl_suggest(const char *word, const char *const *names, size_t n)
{
	const char	*best = NULL;
	unsigned	 bestd = 3, d;
	size_t		 i;

	for (i = 0; i < n; i++) {
		d = text_distance(word, names[i], 2);
		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	return best;
}

static void
yl_unknown_key(struct yl *y, const struct ynode *k, const char *where,
    const char *const *names, size_t n)
{
	const char	*s = yl_suggest(k->text, names, n);
	struct buf	 b = BUF_INIT;

	if (s != NULL)
		buf_printf(&b, " (did you mean '%s'?)", s);
	yl_diag(y, DIAG_WARNING, k->span.line, k->span.col,
	    "unknown key '%s' in %s%s", k->text, where, buf_str(&b));
	buf_free(&b);
}

/* Look up key in a mapping node (NULL if absent); the last of
 * duplicates (JSON: see yl_dup_key). */
static const struct ynode *
yl_map_get(const struct ynode *map, const char *key)
{
	size_t	i;

	for (i = map->nkids & ~(size_t)1; i >= 2; i -= 2) {
		const struct ynode *k = map->kids[i - 2];

		if (k->kind == YN_SCALAR && strcmp(k->text, key) == 0)
			return map->kids[i - 1];
	}
	return NULL;
}

/* --- sources, notes, related -------------------------------------------- */

static const char *const source_keys[] = {
	"outlet", "url", "title", "date", "via", "archive"
};

static bool
yl_looks_like_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

/* e's claims record, made when first needed. */
static struct tl_claims *
yl_claims(struct yl *y, struct tl_event *e)
{
	if (e->claims == NULL)
		e->claims = arena_calloc(&y->tl->arena, 1, sizeof *e->claims,
		    _Alignof(struct tl_claims));
	return e->claims;
}

/* One source into *s, its via: and archive: into *m. */
static void
yl_source(struct yl *y, const struct ynode *n, struct tl_source *s,
    struct tl_source_more *m)
{
	size_t		 i;

	memset(s, 0, sizeof *s);
	memset(m, 0, sizeof *m);
	if (n->kind == YN_SCALAR) {
		const char *t = yl_required_text(y, n, "sources");

		if (t != NULL && yl_looks_like_url(t))
			s->url = t;
		else
			s->outlet = t;
		return;
	}
	if (n->kind != YN_MAP) {
		yl_type_error(y, n, "sources", "a mapping or a text value");
		return;
	}
	for (i = 0; i + 1 < n->nkids; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1];

		if (k->kind != YN_SCALAR)
			continue;
		if (YL_IS(k, "outlet"))
			s->outlet = yl_word(y, v, "outlet");
		else if (YL_IS(k, "url"))
			s->url = yl_text(y, v, "url");
		else if (YL_IS(k, "title"))
			s->title = yl_text(y, v, "title");
		else if (YL_IS(k, "date")) {
			struct date_range r;

			(void)yl_date(y, v, "date", 0, &s->date_text, &r);
		} else if (YL_IS(k, "via"))
			m->via = yl_required(y, v, "via", yl_word(y, v, "via"));
		else if (YL_IS(k, "archive"))
			m->archive = yl_text(y, v, "archive");
		else
			yl_unknown_key(y, k, "source", source_keys,
			    sizeof source_keys / sizeof *source_keys);
	}
}

static void
yl_sources(struct yl *y, const struct ynode *n, struct tl_event *e)
{
	size_t			 i, count = n->kind == YN_SEQ ? n->nkids : 1;
	struct tl_source_more	 m, *more = NULL;

	if (n->kind == YN_SCALAR && n->null)
		return;
	e->sources = arena_calloc(&y->tl->arena, count, sizeof *e->sources,
	    _Alignof(struct tl_source));
	for (i = 0; i < count; i++) {
		yl_source(y, n->kind == YN_SEQ ? n->kids[i] : n,
		    &e->sources[i], &m);
		if (m.via == NULL && m.archive == NULL)
			continue;
		/* Few sources relay or are archived: the record for all of
		 * them is made for the first that does. */
		if (more == NULL)
			more = arena_calloc(&y->tl->arena, count, sizeof *more,
			    _Alignof(struct tl_source_more));
		more[i] = m;
	}
	e->nsources = (uint32_t)count;
	if (more == NULL)
		return;
	yl_claims(y, e)->more = more;
	if ((i = claims_via_cycle(e)) != UINT32_MAX) {
		const struct ynode *via = yl_map_get(n->kind == YN_SEQ ?
		    n->kids[i] : n, "via");

		yl_diag(y, DIAG_ERROR, via->span.line, via->span.col,
		    "'via: %s' goes round in a circle: the sources relaying "
		    "one another trace back to no outlet", more[i].via);
	}
}

static const char *const note_keys[] = { "at", "by", "text" };

static bool
yl_note(struct yl *y, const struct ynode *n, struct tl_note *note)
{
	size_t			i;
	struct date_range	r;

	memset(note, 0, sizeof *note);
	if (n->kind == YN_SCALAR) {
		note->text = yl_required_text(y, n, "notes");
		return note->text != NULL;
	}
	if (n->kind != YN_MAP) {
		yl_type_error(y, n, "notes", "a mapping or a text value");
		return false;
	}
	for (i = 0; i + 1 < n->nkids; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1];

		if (k->kind != YN_SCALAR)
			continue;
		if (YL_IS(k, "at"))
			yl_date(y, v, "at", 0, &note->at, &r);
		else if (YL_IS(k, "by"))
			note->by = yl_word(y, v, "by");
		else if (YL_IS(k, "text"))
			note->text = yl_required_text(y, v, "text");
		else
			yl_unknown_key(y, k, "note", note_keys,
			    sizeof note_keys / sizeof *note_keys);
	}
	if (note->text == NULL && yl_map_get(n, "text") == NULL)
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "note has no 'text'");
	return note->text != NULL;
}

static void
yl_notes(struct yl *y, const struct ynode *n, struct tl_event *e)
{
	size_t	i, count = n->kind == YN_SEQ ? n->nkids : 1;

	if (n->kind == YN_SCALAR && n->null)
		return;
	e->notes = arena_calloc(&y->tl->arena, count, sizeof *e->notes,
	    _Alignof(struct tl_note));
	if (n->kind != YN_SEQ) {
		e->nnotes = yl_note(y, n, &e->notes[0]) ? 1 : 0;
		return;
	}
	for (i = 0; i < count; i++)
		if (yl_note(y, n->kids[i], &e->notes[e->nnotes]))
			e->nnotes++;
}

static void
yl_ref(struct yl *y, const struct ynode *it, struct tl_ref *r)
{
	r->text = arena_strndup(&y->tl->arena, it->text, it->len);
	r->line = it->span.line;
	r->col = it->span.col <= TL_REF_MAX_COL ? it->span.col :
	    TL_REF_MAX_COL;
	r->rel = TL_REL_NONE;
}

static const char *const relation_keys[] = { "id", "rel" };

/* An item {id: ID, rel: KIND} of related. */
static bool
yl_relation(struct yl *y, const struct ynode *n, struct tl_ref *r)
{
	static const char *const rels[] = {
		"supports", "contradicts", "retracts", "supersedes", "follows"
	};
	const struct ynode	*id = NULL, *rel = NULL;
	enum tl_rel		 kind = TL_REL_NONE;
	const char		*s;
	size_t			 i;

	for (i = 0; i + 1 < n->nkids; i += 2) {
		const struct ynode *k = n->kids[i];

		if (k->kind == YN_SCALAR && YL_IS(k, "id"))
			id = n->kids[i + 1];
		else if (k->kind == YN_SCALAR && YL_IS(k, "rel"))
			rel = n->kids[i + 1];
		else if (k->kind == YN_SCALAR)
			yl_unknown_key(y, k, "related item", relation_keys, 2);
	}
	if (id == NULL || id->kind != YN_SCALAR || id->null || id->len == 0) {
		yl_diag(y, DIAG_ERROR, (id != NULL ? id : n)->span.line,
		    (id != NULL ? id : n)->span.col,
		    "a related item needs an 'id' (an event id)");
		return false;
	}
	if (rel != NULL && (rel->kind != YN_SCALAR ||
	    (!rel->null && !tl_rel_parse(rel->text, rel->len, &kind)))) {
		s = rel->kind == YN_SCALAR ? yl_suggest(rel->text, rels, 5) :
		    NULL;
		if (s != NULL)
			yl_diag(y, DIAG_ERROR, rel->span.line, rel->span.col,
			    "unknown relation '%s' (did you mean '%s'?)",
			    rel->text, s);
		else
			yl_diag(y, DIAG_ERROR, rel->span.line, rel->span.col,
			    "unknown relation%s%s%s (expected supports, "
			    "contradicts, retracts, supersedes or follows)",
			    rel->kind == YN_SCALAR ? " '" : "",
			    rel->kind == YN_SCALAR ? rel->text : "",
			    rel->kind == YN_SCALAR ? "'" : "");
		return false;
	}
	yl_ref(y, id, r);
	r->rel = kind;
	return true;
}

static void
yl_related(struct yl *y, const struct ynode *n, struct tl_event *e)
{
	const struct ynode	*const *items = &n;
	size_t			 i, count = 1;

	if (n->kind == YN_MAP) {
		yl_type_error(y, n, "related", "a list of event ids");
		return;
	}
	if (n->kind == YN_SCALAR && n->null)
		return;
	if (n->kind == YN_SEQ) {
		items = (const struct ynode *const *)n->kids;
		count = n->nkids;
	}
	/* a second 'related' key (an error said) replaces the first */
	e->nrelated = 0;
	e->related = arena_calloc(&y->tl->arena, count, sizeof *e->related,
	    _Alignof(struct tl_ref));
	for (i = 0; i < count; i++) {
		const struct ynode *it = items[i];
		struct tl_ref *r = &e->related[e->nrelated];

		if (it->kind == YN_MAP) {
			if (yl_relation(y, it, r))
				e->nrelated++;
			continue;
		}
		if (it->kind != YN_SCALAR || it->null) {
			yl_diag(y, DIAG_ERROR, it->span.line, it->span.col,
			    "items of 'related' must be event ids or {id, rel}");
			continue;
		}
		yl_ref(y, it, r);
		e->nrelated++;
	}
}

/* --- events -------------------------------------------------------------- */

/* A status value into *out; false (an error said) if it is not one. */
static bool
yl_status_value(struct yl *y, const struct ynode *n, enum tl_status *out)
{
	static const char *const names[] = {
		"confirmed", "reported", "alleged", "disputed", "denied"
	};
	const char	*s;

	if (n->kind != YN_SCALAR) {
		yl_type_error(y, n, "status", "a text value");
		return false;
	}
	if (n->null)
		return false;
	if (tl_status_parse(n->text, n->len, out))
		return true;
	s = yl_suggest(n->text, names, sizeof names / sizeof *names);
	if (s != NULL)
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "unknown status '%s' (did you mean '%s'?)", n->text, s);
	else
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "unknown status '%s' (expected confirmed, reported, "
		    "alleged, disputed or denied)", n->text);
	return false;
}

static void
yl_status(struct yl *y, const struct ynode *n, struct tl_event *e)
{
	(void)yl_status_value(y, n, &e->status);
}

static const char *const verdict_keys[] = { "date", "status", "by", "text" };

/* One item of verdicts; false if it is not one (an error said). */
static bool
yl_verdict(struct yl *y, const struct ynode *n, struct tl_verdict *v)
{
	size_t	i;
	bool	ok = true;

	memset(v, 0, sizeof *v);
	if (n->kind != YN_MAP) {
		yl_type_error(y, n, "verdicts", "a list of mappings (date, "
		    "status, by, text)");
		return false;
	}
	for (i = 0; i + 1 < n->nkids; i += 2) {
		const struct ynode *k = n->kids[i], *val = n->kids[i + 1];

		if (k->kind != YN_SCALAR)
			continue;
		if (YL_IS(k, "date"))
			ok &= yl_date(y, val, "date", 0, &v->date_text,
			    &v->date);
		else if (YL_IS(k, "status"))
			ok &= yl_status_value(y, val, &v->status) ||
			    (val->kind == YN_SCALAR && val->null);
		else if (YL_IS(k, "by"))
			v->by = yl_word(y, val, "by");
		else if (YL_IS(k, "text"))
			v->text = yl_text(y, val, "text");
		else
			yl_unknown_key(y, k, "verdict", verdict_keys,
			    sizeof verdict_keys / sizeof *verdict_keys);
	}
	if (ok && (v->date_text == NULL || v->status == TL_STATUS_NONE)) {
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "verdict has no '%s'", v->date_text == NULL ? "date" :
		    "status");
		ok = false;
	}
	return ok && v->date_text != NULL && v->status != TL_STATUS_NONE;
}

static void
yl_verdicts(struct yl *y, const struct ynode *n, struct tl_event *e)
{
	const struct ynode	*const *items = &n;
	size_t			 i, count = 1, k = 0;
	struct tl_verdict	*v;

	if (n->kind == YN_SCALAR && n->null)
		return;
	if (n->kind == YN_SEQ) {
		items = (const struct ynode *const *)n->kids;
		count = n->nkids;
	}
	if (count == 0)
		return;
	v = arena_calloc(&y->tl->arena, count + 1, sizeof *v,
	    _Alignof(struct tl_verdict));
	for (i = 0; i < count; i++) {
		if (!yl_verdict(y, items[i], &v[k]))
			continue;
		if (k > 0 && v[k].date.earliest < v[k - 1].date.earliest)
			yl_diag(y, DIAG_WARNING, items[i]->span.line,
			    items[i]->span.col, "verdict of %s is dated before "
			    "the one above it (%s): verdicts go oldest first",
			    v[k].date_text, v[k - 1].date_text);
		k++;
	}
	v[k].status = TL_STATUS_NONE;
	if (k > 0)
		yl_claims(y, e)->verdicts = v;
}

enum yl_key_id {
	K_ID, K_DATE, K_END, K_TITLE, K_DESCRIPTION, K_STATUS, K_TAGS,
	K_ACTORS, K_SOURCES, K_RELATED, K_NOTES, K_TIMELINEJS, K_VERDICTS,
	K_UNKNOWN
};

static const char *const event_keys[K_UNKNOWN] = {
	[K_ID] = "id", [K_DATE] = "date", [K_END] = "end",
	[K_TITLE] = "title", [K_DESCRIPTION] = "description",
	[K_STATUS] = "status", [K_TAGS] = "tags", [K_ACTORS] = "actors",
	[K_SOURCES] = "sources", [K_RELATED] = "related", [K_NOTES] = "notes",
	[K_TIMELINEJS] = "timelinejs", [K_VERDICTS] = "verdicts",
};

/* The key's id: by its length, then compared in place (this runs for
 * every key of every event). */
static enum yl_key_id
yl_event_key(const struct ynode *k)
{
	switch (k->len) {
	case 2:
		return YL_IS(k, "id") ? K_ID : K_UNKNOWN;
	case 3:
		return YL_IS(k, "end") ? K_END : K_UNKNOWN;
	case 4:
		return YL_IS(k, "date") ? K_DATE : YL_IS(k, "tags") ? K_TAGS :
		    K_UNKNOWN;
	case 5:
		return YL_IS(k, "title") ? K_TITLE : YL_IS(k, "notes") ?
		    K_NOTES : K_UNKNOWN;
	case 6:
		return YL_IS(k, "status") ? K_STATUS : YL_IS(k, "actors") ?
		    K_ACTORS : K_UNKNOWN;
	case 7:
		return YL_IS(k, "sources") ? K_SOURCES : YL_IS(k, "related") ?
		    K_RELATED : K_UNKNOWN;
	case 8:
		return YL_IS(k, "verdicts") ? K_VERDICTS : K_UNKNOWN;
	case 10:
		return YL_IS(k, "timelinejs") ? K_TIMELINEJS : K_UNKNOWN;
	case 11:
		return YL_IS(k, "description") ? K_DESCRIPTION : K_UNKNOWN;
	default:
		return K_UNKNOWN;
	}
}

static void
yl_event_field(struct yl *y, enum yl_key_id id, const struct ynode *k,
    const struct ynode *v, struct tl_event *e)
{
	const char	*key = id < K_UNKNOWN ? event_keys[id] : NULL;

	switch (id) {
	case K_ID:
		e->id = yl_required_text(y, v, key);
		break;
	case K_DATE:
		yl_date(y, v, key, 0, &e->date_text, &e->date);
		break;
	case K_END:
		yl_date(y, v, key, DATE_PARSE_END, &e->end_text, &e->end);
		break;
	case K_TITLE:
		/* HTML: an empty title is made from the text. */
		e->title = y->tl->files[y->file].html ? yl_text(y, v, key) :
		    yl_required_text(y, v, key);
		break;
	case K_DESCRIPTION:
		e->description = yl_text(y, v, key);
		break;
	case K_STATUS:
		yl_status(y, v, e);
		break;
	case K_TAGS:
		e->tags = yl_strings(y, v, key, &e->ntags);
		break;
	case K_ACTORS:
		e->actors = yl_strings(y, v, key, &e->nactors);
		break;
	case K_SOURCES:
		yl_sources(y, v, e);
		break;
	case K_RELATED:
		yl_related(y, v, e);
		break;
	case K_NOTES:
		yl_notes(y, v, e);
		break;
	case K_VERDICTS:
		yl_verdicts(y, v, e);
		break;
	case K_TIMELINEJS:	/* read by yl_side_event */
		if (v->kind != YN_MAP)
			yl_type_error(y, v, key, "a mapping of TimelineJS "
			    "slide keys");
		break;
	case K_UNKNOWN: {
		struct buf b = BUF_INIT;

		yl_event_label(y, &b);
		yl_unknown_key(y, k, b.data, event_keys, K_UNKNOWN);
		buf_free(&b);
		break;
	}
	}
}

/* Every key and value span of a mapping, in file order, into a (names of
 * unknown keys copied there too). */
struct tl_key *
yl_keys_of(const struct ynode *map, struct arena *a, uint32_t *count)
{
	size_t		 i, n = map->nkids / 2;
	struct tl_key	*v = arena_alloc(a, n * sizeof *v,
			    _Alignof(struct tl_key));

	*count = 0;
	for (i = 0; i < n; i++) {
		const struct ynode *k = map->kids[2 * i];
		struct tl_key *tk = &v[*count];
		enum yl_key_id id;

		if (k->kind != YN_SCALAR)
			continue;
		id = yl_event_key(k);
		tk->name = id != K_UNKNOWN ? event_keys[id] :
		    arena_strndup(a, k->text, k->len);
		tk->key = k->span;
		tk->value = map->kids[2 * i + 1]->span;
		(*count)++;
	}
	return v;
}

/* Required keys and the end after the date.  present: a bit per key id
 * seen in the mapping. */
static void
yl_event_check(struct yl *y, const struct ynode *map, struct tl_event *e,
    unsigned present)
{
	struct buf	b = BUF_INIT;
	bool		backwards = e->date_text != NULL &&
			    e->end_text != NULL &&
			    !(e->end.flags & DATE_ONGOING) &&
			    e->end.latest < e->date.earliest;

	/* The label is made only for a message (this runs for every event). */
	if ((present & (1u << K_TITLE) || y->tl->files[y->file].html) &&
	    (present & (1u << K_DATE)) && !backwards)
		return;
	yl_event_label(y, &b);
	if (!(present & (1u << K_TITLE)) && !y->tl->files[y->file].html)
		yl_diag(y, DIAG_ERROR, map->span.line, map->span.col,
		    "%s has no 'title'", b.data);
	if (!(present & (1u << K_DATE)))
		yl_diag(y, DIAG_ERROR, map->span.line, map->span.col,
		    "%s has no 'date'", b.data);
	if (backwards) {
		const struct ynode *v = yl_map_get(map, "end");

		yl_diag(y, DIAG_ERROR, v->span.line, v->span.col,
		    "'end' (%s) is before 'date' (%s) in %s", e->end_text,
		    e->date_text, b.data);
	}
	buf_free(&b);
}

/* The status is the last verdict's: taken from it when the event has no
 * status of its own, a warning when they differ. */
static void
yl_event_verdict(struct yl *y, const struct ynode *map, struct tl_event *e,
    unsigned present)
{
	const struct ynode	*v;
	enum tl_status		 last;
	struct buf		 b = BUF_INIT;

	if (tl_event_verdicts(e) == NULL)
		return;
	last = tl_event_verdicts(e)[tl_event_nverdicts(e) - 1].status;
	if (!(present & (1u << K_STATUS)) ||
	    (v = yl_map_get(map, "status")) == NULL || v->kind != YN_SCALAR ||
	    v->null) {
		e->status = last;
		return;
	}
	if (e->status == last || e->status == TL_STATUS_NONE)
		return;
	yl_event_label(y, &b);
	yl_diag(y, DIAG_WARNING, v->span.line, v->span.col,
	    "'status' of %s is %s but its last verdict is %s (the status is "
	    "the verdict now)", b.data, tl_status_name(e->status),
	    tl_status_name(last));
	buf_free(&b);
}

/* A TimelineJS value that counts as absent: null, or a text of nothing
 * but blanks ("unique_id": "", "month": "" from a spreadsheet). */
static bool
yl_tljs_blank(const struct ynode *v)
{
	size_t	i;

	if (v->kind != YN_SCALAR || v->null)
		return v->kind == YN_SCALAR;
	for (i = 0; i < v->len; i++)
		if (strchr(" \t\r\n", v->text[i]) == NULL)
			return false;
	return true;
}

/* The years TimelineJS's cosmological scale reaches, and some. */
#define YL_TLJS_YEAR_MAX	20000000000LL

/* A deep-time year (EDTF numbering) as a date text: "13.8 billion years
 * ago" when that is this very year, else EDTF's "Y-13800000000". */
static void
yl_deep_year(struct buf *b, long long x)
{
	struct date_range	r, want;
	char			t[32];

	buf_printf(b, "Y%lld", x);
	if (x > -DATE_DEEP_YEAR || !date_parse(b->data, b->len, 0, &want,
	    NULL, NULL))
		return;
	date_format_ago(x, t, sizeof t);
	if (date_parse(t, strlen(t), 0, &r, NULL, NULL) &&
	    r.earliest == want.earliest) {
		buf_reset(b);
		buf_adds(b, t);
	}
}

/* TimelineJS: {year, month, day, hour, minute, second} to an ISO text. */
static const char *
yl_tljs_date(struct yl *y, const struct ynode *n, const char *key,
    struct date_range *out)
{
	static const char *const parts[] = {
		"year", "month", "day", "hour", "minute", "second"
	};
	static const char *const seps[] = { "", "-", "-", "T", ":", ":" };
	struct buf	 b = BUF_INIT;
	const char	*text = NULL;
	size_t		 i;
	char		*err = NULL;

	if (n->kind != YN_MAP) {
		yl_type_error(y, n, key, "a mapping with year, month, day");
		return NULL;
	}
	for (i = 0; i < 6; i++) {
		const struct ynode *v = yl_map_get(n, parts[i]);
		long long x = 0;
		char *end = NULL;

		/* Empty is absent, as in TimelineJS (spreadsheet cells). */
		if (v == NULL || yl_tljs_blank(v))
			break;
		if (v->kind == YN_SCALAR) {
			x = strtoll(v->text, &end, 10);
			while (*end == ' ' || *end == '\t')
				end++;
		}
		if (v->kind != YN_SCALAR || *end != '\0' || end == v->text) {
			yl_diag(y, DIAG_ERROR, v->span.line, v->span.col,
			    "'%s' in '%s' must be a whole number", parts[i], key);
			buf_free(&b);
			return NULL;
		}
		if (x < -YL_TLJS_YEAR_MAX || x > YL_TLJS_YEAR_MAX ||
		    (i > 0 && (x < 0 || x > 99))) {
			yl_diag(y, DIAG_ERROR, v->span.line, v->span.col,
			    "'%s' in '%s' is out of range (%lld)", parts[i],
			    key, x);
			buf_free(&b);
			return NULL;
		}
		/* TimelineJS has no year 0: its -138 is 138 BC, which is
		 * EDTF's -0137 (year 0 = 1 BC). */
		if (i == 0 && x < 0)
			x++;
		if (i == 0 && (x < -9999 || x > 9999)) {
			/* Deep time (scale: cosmological): the year alone. */
			yl_deep_year(&b, x);
			break;
		}
		if (i == 0)
			buf_printf(&b, x < 0 ? "-%04lld" : "%04lld",
			    x < 0 ? -x : x);
		else
			buf_printf(&b, "%s%02lld", seps[i], x);
	}
	if (i == 4)
		buf_adds(&b, ":00");	/* hour alone is not ISO */
	if (b.len == 0)
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "'%s' has no 'year'", key);
	else if (!date_parse(b.data, b.len, 0, out, &err, NULL)) {
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col, "%s", err);
		free(err);
	} else
		text = arena_strndup(&y->tl->arena, b.data, b.len);
	buf_free(&b);
	return text;
}

static void
yl_tljs_event(struct yl *y, const struct ynode *map, struct tl_event *e)
{
	const struct ynode	*v, *text;

	y->tl->files[y->file].format = TL_FORMAT_TIMELINEJS;
	y->tl->files[y->file].html = true;
	if ((v = yl_map_get(map, "unique_id")) != NULL && !yl_tljs_blank(v)) {
		e->id = yl_text(y, v, "unique_id");
		tl_event_set_id_pos(e, v->span.line, v->span.col);
	}
	e->date_text = yl_tljs_date(y, yl_map_get(map, "start_date"),
	    "start_date", &e->date);
	if ((v = yl_map_get(map, "end_date")) != NULL)
		e->end_text = yl_tljs_date(y, v, "end_date", &e->end);
	if ((text = yl_map_get(map, "text")) != NULL && text->kind == YN_MAP) {
		if ((v = yl_map_get(text, "headline")) != NULL)
			e->title = yl_text(y, v, "headline");
		if ((v = yl_map_get(text, "text")) != NULL)
			e->description = yl_text(y, v, "text");
	}
	if ((v = yl_map_get(map, "group")) != NULL && !yl_tljs_blank(v))
		e->tags = yl_strings(y, v, "group", &e->ntags);
}

/* Turn one item of the events list into an event.  before: the error
 * count before the item was built (errors while building, such as duplicate
 * keys, also drop it). */
/* First pass over an event's keys: the id (so that messages can name the
 * event), which known keys are there, and whether it is TimelineJS. */
static unsigned
yl_event_scan(struct yl *y, const struct ynode *map, struct tl_event *e,
    bool *tljs)
{
	unsigned	present = 0;
	size_t		i;

	*tljs = false;
	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct ynode *k = map->kids[i];
		enum yl_key_id id;

		if (k->kind != YN_SCALAR)
			continue;
		id = yl_event_key(k);
		if (id == K_UNKNOWN) {
			*tljs = *tljs || strcmp(k->text, "start_date") == 0;
			continue;
		}
		present |= 1u << id;
		if (id == K_ID) {
			e->id = yl_required_text(y, map->kids[i + 1], "id");
			tl_event_set_id_pos(e, map->kids[i + 1]->span.line,
			    map->kids[i + 1]->span.col);
		}
	}
	return present;
}

static void
yl_event_fields(struct yl *y, const struct ynode *map, struct tl_event *e)
{
	size_t	i;

	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct ynode *k = map->kids[i];
		enum yl_key_id id;

		if (k->kind != YN_SCALAR) {
			yl_diag(y, DIAG_ERROR, k->span.line, k->span.col,
			    "keys must be text values");
			continue;
		}
		if ((id = yl_event_key(k)) != K_ID)
			yl_event_field(y, id, k, map->kids[i + 1], e);
	}
}

/* What n costs to take into the timeline, down to the depth the schema
 * reads (an event's notes[i].text is 3 below the event); at most a little
 * over limit, so that the walk stops early. */
static size_t
yl_cost(const struct ynode *n, unsigned depth, size_t limit)
{
	size_t	c = sizeof *n, i;

	if (n->kind == YN_SCALAR)
		return c + n->len;
	if (depth >= 4)
		return c;
	for (i = 0; i < n->nkids && c <= limit; i++)
		c += yl_cost(n->kids[i], depth + 1, limit - c);
	return c;
}

/* Aliases share nodes, but the schema copies what it takes: a small file
 * whose aliases point many times at a big node would copy without end.
 * Every node taken is charged to a budget proportional to the file
 * (YAMLIO_BUDGET_*); past it, the file fails with one error.  Until the
 * file defines an anchor no node can be shared, so nothing is charged
 * (the walk would cost every event a second pass over its tree). */
bool
yl_charge(struct yl *y, const struct ynode *n)
{
	size_t	c;

	if (!y->keep_scratch)
		return true;
	c = yl_cost(n, 0, y->budget);

	if (c <= y->budget) {
		y->budget -= c;
		return true;
	}
	yl_diag(y, DIAG_ERROR, n->span.line, n->span.col, "aliases make this "
	    "file expand beyond %d MiB plus %d times its size (an alias "
	    "bomb?); the file is not loaded", YAMLIO_BUDGET_MIB,
	    YAMLIO_BUDGET_FACTOR);
	y->failed = true;
	return false;
}

/* At most this many characters of a text make a title for an event
 * with none (a TimelineJS slide without a headline). */
#define YL_TITLE_FROM_TEXT	60

/* A title is one line: the line breaks of readable text as blanks. */
static void
yl_one_line(struct buf *b)
{
	size_t	i, n = 0;

	for (i = 0; i < b->len; i++)
		if (b->data[i] != '\n')
			b->data[n++] = b->data[i];
		else if (n > 0 && b->data[n - 1] != ' ')
			b->data[n++] = ' ';
	buf_truncate(b, n);
}

/* A title from the first line of readable text t, cut at a blank. */
static void
yl_title_from(struct buf *b, const char *t)
{
	size_t	n = strcspn(t, "\n"), i, chars = 0, cut = 0;

	for (i = 0; i < n; i++) {
		if (((unsigned char)t[i] & 0xC0) == 0x80)
			continue;
		if (chars++ == YL_TITLE_FROM_TEXT)
			break;
		if (t[i] == ' ')
			cut = i;
	}
	if (i < n) {
		buf_add(b, t, cut > 0 ? cut : i);
		buf_adds(b, "\xe2\x80\xa6");
	} else
		buf_add(b, t, n);
}

/* Is the plain scalar s a JSON number, true or false? */
static bool
yl_json_literal(const char *s)
{
	size_t	i = *s == '-';

	if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
		return true;
	if (s[i] < '0' || s[i] > '9' || (s[i] == '0' && s[i + 1] >= '0' &&
	    s[i + 1] <= '9'))
		return false;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (s[i] == '.') {
		if (s[++i] < '0' || s[i] > '9')
			return false;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (s[i] == 'e' || s[i] == 'E') {
		i += s[i + 1] == '+' || s[i + 1] == '-' ? 2 : 1;
		if (s[i] < '0' || s[i] > '9')
			return false;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return s[i] == '\0';
}

static void	yl_json_members(struct buf *, const struct ynode *,
		    const char *const *skip);

/* Node n as JSON: a plain number, true, false or null as itself, any
 * other scalar as a string. */
static void
yl_json(struct buf *b, const struct ynode *n)
{
	size_t	i;

	switch (n->kind) {
	case YN_SCALAR:
		if (n->null)
			buf_adds(b, "null");
		else if (n->plain && yl_json_literal(n->text))
			buf_add(b, n->text, n->len);
		else
			export_json_string(b, n->text, n->len);
		break;
	case YN_SEQ:
		buf_addc(b, '[');
		for (i = 0; i < n->nkids; i++) {
			if (i > 0)
				buf_adds(b, ", ");
			yl_json(b, n->kids[i]);
		}
		buf_addc(b, ']');
		break;
	case YN_MAP:
		buf_addc(b, '{');
		yl_json_members(b, n, NULL);
		buf_addc(b, '}');
		break;
	default:
		buf_adds(b, "null");
	}
}

static bool
yl_in(const struct ynode *k, const char *const *list)
{
	for (; list != NULL && *list != NULL; list++)
		if (strcmp(k->text, *list) == 0)
			return true;
	return false;
}

/* The members of mapping map as JSON, but keys in skip (a NULL-ended
 * list, or NULL). */
static void
yl_json_members(struct buf *b, const struct ynode *map,
    const char *const *skip)
{
	size_t	i, n = 0;

	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct ynode *k = map->kids[i];

		if (k->kind != YN_SCALAR || yl_in(k, skip))
			continue;
		if (n++ > 0)
			buf_adds(b, ", ");
		export_json_string(b, k->text, k->len);
		buf_adds(b, ": ");
		yl_json(b, map->kids[i + 1]);
	}
}

/* The JSON members of map but skip, in the timeline's arena; NULL for
 * none. */
static const char *
yl_members_text(struct yl *y, const struct ynode *map,
    const char *const *skip)
{
	struct buf	 b = BUF_INIT;
	const char	*r = NULL;

	if (map != NULL && map->kind == YN_MAP)
		yl_json_members(&b, map, skip);
	if (b.len > 0)
		r = arena_strndup(&y->tl->arena, b.data, b.len);
	buf_free(&b);
	return r;
}

static void	yl_event_fields(struct yl *, const struct ynode *,
		    struct tl_event *);

/* A slide's "tlv" mapping (what tlv's export puts there): tlv's own
 * fields, which win over what the slide says of them.  Its description
 * is tlv text; the slide's text (with the status and sources added for
 * TimelineJS readers) is not read. */
static void
yl_tljs_tlv(struct yl *y, const struct ynode *v, struct tl_event *e,
    struct tl_html *side)
{
	const struct ynode	*d;
	struct buf		 t = BUF_INIT;

	if (v->kind != YN_MAP) {
		yl_type_error(y, v, "tlv", "a mapping of tlv's event keys");
		return;
	}
	d = yl_map_get(v, "description");
	/* What the slide said of these came from the same event. */
	e->description = NULL;
	e->end_text = NULL;
	e->tags = NULL;
	e->ntags = 0;
	yl_event_fields(y, v, e);
	side->display = NULL;	/* tlv's, made from the date */
	/* The file is HTML: the description is kept as HTML of itself. */
	if (e->description != NULL && d != NULL) {
		export_tljs_html_text(&t, e->description);
		side->text = arena_strndup(&y->tl->arena, buf_str(&t), t.len);
	} else
		side->text = NULL;
	if (!side->html)
		side->title = e->title;
	side->html = true;
	buf_free(&t);
}

/* What an event has beyond tlv's fields (struct tl_html), from a
 * TimelineJS slide (tljs) or a tlv event's "timelinejs" mapping, and the
 * readable text of an HTML file's title and description.  A slide
 * without a headline is titled by its text, else its media's caption or
 * display date, else its date. */
static void
yl_side_event(struct yl *y, const struct ynode *map, struct tl_event *e,
    bool tljs)
{
	/* Slide keys that tlv's fields hold. */
	static const char *const slide_own[] = { "start_date", "end_date",
		"text", "unique_id", "group", "display_date", "tlv", NULL };
	static const char *const date_own[] = { "year", "month", "day",
		"hour", "minute", "second", NULL };
	static const char *const side_own[] = { "start_date", "end_date",
		"display_date", NULL };
	struct tl_html	 side = { .file = y->file, .start = e->span.start };
	struct buf	 t = BUF_INIT, d = BUF_INIT;
	const char	*title = e->title != NULL ? e->title : "";
	const char	*desc = e->description;
	const struct ynode *v, *m, *src = tljs ? map :
			    yl_map_get(map, "timelinejs");

	if (src != NULL && src->kind == YN_MAP) {
		side.extra = yl_members_text(y, src, tljs ? slide_own :
		    side_own);
		side.start_extra = yl_members_text(y, yl_map_get(src,
		    "start_date"), tljs ? date_own : NULL);
		side.end_extra = yl_members_text(y, yl_map_get(src,
		    "end_date"), tljs ? date_own : NULL);
		if ((v = yl_map_get(src, "display_date")) != NULL &&
		    !yl_tljs_blank(v))
			side.display = yl_text(y, v, "display_date");
	} else
		src = NULL;
	if (y->tl->files[y->file].html) {
		html_to_text(&t, title, strlen(title));
		yl_one_line(&t);
		if (desc != NULL)
			html_to_text(&d, desc, strlen(desc));
		if (t.len == 0 && d.len > 0)
			yl_title_from(&t, d.data);
		if (t.len == 0 && src != NULL &&
		    (m = yl_map_get(src, "media")) != NULL &&
		    m->kind == YN_MAP && (v = yl_map_get(m, "caption")) !=
		    NULL && v->kind == YN_SCALAR && !v->null) {
			struct buf c = BUF_INIT;

			html_to_text(&c, v->text, v->len);
			yl_title_from(&t, buf_str(&c));
			buf_free(&c);
		}
		if (t.len == 0 && side.display != NULL)
			html_to_text(&t, side.display, strlen(side.display));
		if (t.len == 0 && e->date_text != NULL)
			buf_adds(&t, e->date_text);
		if (strcmp(buf_str(&t), title) != 0 || (desc != NULL &&
		    strcmp(buf_str(&d), desc) != 0)) {
			side.html = true;
			side.title = title;
			side.text = desc;
			e->title = arena_strndup(&y->tl->arena, buf_str(&t),
			    t.len);
			e->description = desc == NULL || d.len == 0 ? NULL :
			    arena_strndup(&y->tl->arena, d.data, d.len);
		}
	}
	if (tljs && (v = yl_map_get(map, "tlv")) != NULL)
		yl_tljs_tlv(y, v, e, &side);
	if (side.html || side.display != NULL || side.extra != NULL ||
	    side.start_extra != NULL || side.end_extra != NULL) {
		if (y->tl->nhtml == y->tl->caphtml) {
			y->tl->caphtml = y->tl->caphtml == 0 ? 16 :
			    y->tl->caphtml * 2;
			y->tl->html = xreallocarray(y->tl->html,
			    y->tl->caphtml, sizeof *y->tl->html);
		}
		y->tl->html[y->tl->nhtml++] = side;
	}
	buf_free(&t);
	buf_free(&d);
}

/* Turn one item of the events list into an event.  before: the error
 * count before the item was built (errors while building, such as duplicate
 * keys, also drop it). */
void
yl_event(struct yl *y, const struct ynode *map, size_t before)
{
	struct tl_event	*e;
	unsigned	 present;
	bool		 tljs;

	if (y->failed || !yl_charge(y, map))
		return;
	y->event_no++;
	if (map->kind != YN_MAP) {
		yl_diag(y, DIAG_ERROR, map->span.line, map->span.col,
		    "event %u must be a mapping (id, date, title, ...), not %s",
		    y->event_no, yn_kind_names[map->kind]);
		return;
	}
	e = y->ev_out = timeline_add_event(y->tl, y->file);
	e->span = yl_bytes(y, map->span);
	present = yl_event_scan(y, map, e, &tljs);
	if (tljs) {
		e->id = NULL;
		yl_tljs_event(y, map, e);
	} else {
		yl_event_fields(y, map, e);
		yl_event_check(y, map, e, present);
		yl_event_verdict(y, map, e, present);
	}
	y->ev_out = NULL;
	if (y->errors != before || e->date_text == NULL) {
		timeline_add_dropped(y->tl, e);
		timeline_truncate(y->tl, y->tl->nevents - 1);
	} else {
		if (tljs || (present & (1u << K_TIMELINEJS)) ||
		    y->tl->files[y->file].html)
			yl_side_event(y, map, e, tljs);
		if (e->title == NULL) {
			timeline_add_dropped(y->tl, e);
			timeline_truncate(y->tl, y->tl->nevents - 1);
		}
	}
}

/* --- top level ----------------------------------------------------------- */

static const char *const top_keys[] = { "title", "description", "events",
	"markup", "timelinejs" };

/* TimelineJS top-level keys we know and ignore. */
static const char *const tljs_top_keys[] = { "scale", "eras", "options" };

/* A readable text of HTML s (one line for a title), in the timeline's
 * arena, or s itself when that is the same; *html: s when not. */
static const char *
yl_html_text(struct yl *y, const char *s, bool title, const char **html)
{
	struct buf	 t = BUF_INIT;
	const char	*r = s;

	*html = NULL;
	if (s == NULL)
		return NULL;
	html_to_text(&t, s, strlen(s));
	if (title)
		yl_one_line(&t);
	if (strcmp(buf_str(&t), s) != 0) {
		*html = s;
		r = arena_strndup(&y->tl->arena, buf_str(&t), t.len);
	}
	buf_free(&t);
	return r;
}

/* The title or description of a file: as text when the file is HTML. */
static void
yl_file_text(struct yl *y, const char *s, const char **text,
    const char **html)
{
	struct tl_file	*f = &y->tl->files[y->file];
	const char	*t, *h;

	if (s == NULL)
		return;
	if (!f->html) {
		*text = s;
		return;
	}
	t = yl_html_text(y, s, text == &f->title, &h);
	if (*t == '\0' && text == &f->title) {
		*html = s;	/* the file's name shows; no headline goes out */
		return;
	}
	*text = t;
	*html = h;
}

/* A TimelineJS top-level key (eras, scale, ...) kept as a JSON member
 * for the export. */
static void
yl_tljs_top(struct yl *y, struct tl_file *f, const struct ynode *k,
    const struct ynode *v)
{
	struct buf	b = BUF_INIT;

	if (f->tljs_top != NULL)
		buf_printf(&b, "%s, ", f->tljs_top);
	export_json_string(&b, k->text, k->len);
	buf_adds(&b, ": ");
	yl_json(&b, v);
	f->tljs_top = arena_strndup(&y->tl->arena, b.data, b.len);
	buf_free(&b);
}

void
yl_top_field(struct yl *y, const struct ynode *k, const struct ynode *v)
{
	struct tl_file	*f = &y->tl->files[y->file];
	const struct ynode *t;
	size_t		 i;

	if (strcmp(k->text, "title") == 0 && v->kind == YN_MAP) {
		/* TimelineJS: title: {text: {headline, text}} */
		f->format = TL_FORMAT_TIMELINEJS;
		static const char *const own[] = { "text", NULL };

		f->html = true;
		f->tljs_title = yl_members_text(y, v, own);
		f->title_html = "";	/* until a headline says otherwise */
		if ((t = yl_map_get(v, "text")) != NULL && t->kind == YN_MAP) {
			const struct ynode *h = yl_map_get(t, "headline");
			const struct ynode *d = yl_map_get(t, "text");

			if (h != NULL) {
				f->title_html = NULL;
				yl_file_text(y, yl_text(y, h, "headline"),
				    &f->title, &f->title_html);
			}
			if (d != NULL)
				yl_file_text(y, yl_text(y, d, "text"),
				    &f->description, &f->description_html);
		}
	} else if (strcmp(k->text, "title") == 0) {
		yl_file_text(y, f->html ? yl_text(y, v, "title") :
		    yl_required_text(y, v, "title"), &f->title,
		    &f->title_html);
	} else if (strcmp(k->text, "description") == 0)
		yl_file_text(y, yl_text(y, v, "description"), &f->description,
		    &f->description_html);
	else if (strcmp(k->text, "markup") == 0) {
		/* Titles and descriptions are HTML, as TimelineJS's: what
		 * tlv import writes.  It must come before the events. */
		if (v->kind == YN_SCALAR && v->len == 4 &&
		    strcmp(v->text, "html") == 0)
			f->html = true;
		else
			yl_diag(y, DIAG_ERROR, v->span.line, v->span.col,
			    "'markup' must be 'html' (titles and descriptions "
			    "are HTML)");
	} else if (strcmp(k->text, "timelinejs") == 0 && v->kind == YN_MAP) {
		/* What tlv import keeps of a TimelineJS file's own keys. */
		static const char *const own[] = { "title", NULL };

		f->tljs_title = yl_members_text(y, yl_map_get(v, "title"),
		    NULL);
		f->tljs_top = yl_members_text(y, v, own);
	} else {
		for (i = 0; i < sizeof tljs_top_keys / sizeof *tljs_top_keys;
		    i++)
			if (strcmp(k->text, tljs_top_keys[i]) == 0) {
				yl_tljs_top(y, f, k, v);
				return;
			}
		yl_unknown_key(y, k, "the top-level mapping", top_keys,
		    sizeof top_keys / sizeof *top_keys);
	}
}

/* The top level is read key by key, never built whole, so its duplicate
 * keys are caught here: title and description (events has its own check;
 * other keys are warned about anyway).  seen: where each was first. */
void
yl_top_dup(struct yl *y, const struct ynode *k, struct tl_span seen[2])
{
	size_t	i;

	for (i = 0; i < 2; i++) {
		if (strcmp(k->text, top_keys[i]) != 0)
			continue;
		if (seen[i].line != 0)
			yl_diag(y, DIAG_ERROR, k->span.line, k->span.col,
			    "duplicate key '%s' (first at line %u, column %u)",
			    k->text, (unsigned)seen[i].line,
			    (unsigned)seen[i].col);
		else
			seen[i] = k->span;
	}
}

/* A second 'events' key (seen: there was one before, at
 * f->events_line). */
void
yl_events_dup(struct yl *y, const struct ynode *k, bool seen)
{
	if (seen)
		yl_diag(y, DIAG_ERROR, k->span.line, k->span.col,
		    "duplicate key 'events' (first at line %u)",
		    (unsigned)y->tl->files[y->file].events_line);
}

