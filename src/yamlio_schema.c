/* SPDX-License-Identifier: MIT */
/*
 * The YAML reader's schema: a tree of nodes to a timeline's events, for
 * tlv YAML (SPEC section 1); TimelineJS and the top level are
 * yamlio_tljs.c's, on top of this; see yamlio_int.h.  Nothing here knows
 * libyaml.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "claims.h"
#include "date.h"
#include "diag.h"
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
const char *
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

const char *
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
const char **
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

void
yl_unknown_key(struct yl *y, const struct ynode *k, const char *where,
    const char *const *names, size_t n)
{
	const char	*s = text_closest(k->text, names, n);
	struct buf	 b = BUF_INIT;

	if (s != NULL)
		buf_printf(&b, " (did you mean '%s'?)", s);
	yl_diag(y, DIAG_WARNING, k->span.line, k->span.col,
	    "unknown key '%s' in %s%s", k->text, where, buf_str(&b));
	buf_free(&b);
}

/* Look up key in a mapping node (NULL if absent); the last of
 * duplicates (JSON: see yl_dup_key). */
const struct ynode *
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

/* e's extra record, made when first needed. */
static struct tl_extra *
yl_extra(struct yl *y, struct tl_event *e)
{
	return tl_event_extra(&y->tl->arena, e);
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

	/* A second 'sources' (a duplicate key in JSON) takes the place of
	 * the first, its relays and archives too. */
	e->sources = NULL;
	e->nsources = 0;
	if (e->extra != NULL)
		e->extra->more = NULL;
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
	yl_extra(y, e)->more = more;
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

	e->notes = NULL;	/* a duplicate key (JSON): the last is used */
	e->nnotes = 0;
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
		s = rel->kind == YN_SCALAR ? text_closest(rel->text, rels, 5) :
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
	s = text_closest(n->text, names, sizeof names / sizeof *names);
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

	if (e->extra != NULL)	/* a duplicate key (JSON): the last is used */
		e->extra->verdicts = NULL;
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
		yl_extra(y, e)->verdicts = v;
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
	case K_END: {
		struct date_range	 end = { 0, 0, DATE_PREC_NONE, 0 };
		const char		*text;

		yl_date(y, v, key, DATE_PARSE_END, &text, &end);
		tl_event_set_end(&y->tl->arena, e, text, &end);
		break;
	}
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

/* Keep the key spans of an event too big to parse again cheaply
 * (timeline.h, struct tl_keys): relative to its span, in bytes. */
static void
yl_event_keep_keys(struct yl *y, const struct ynode *map, struct tl_event *e)
{
	struct tl_keys	*kk;
	struct tl_key	*k;
	uint32_t	 n, i;

	if (e->span.end - e->span.start < TL_KEYS_MIN)
		return;
	k = yl_keys_of(map, &y->tl->arena, &n);
	kk = arena_alloc(&y->tl->arena, sizeof *kk + n * sizeof kk->v[0],
	    _Alignof(struct tl_keys));
	kk->n = n;
	for (i = 0; i < n; i++) {
		kk->v[i].name = k[i].name;
		kk->v[i].key = yl_bytes(y, k[i].key);
		kk->v[i].value = yl_bytes(y, k[i].value);
		kk->v[i].key.start -= e->span.start;
		kk->v[i].key.end -= e->span.start;
		kk->v[i].key.line -= e->span.line;
		kk->v[i].value.start -= e->span.start;
		kk->v[i].value.end -= e->span.start;
		kk->v[i].value.line -= e->span.line;
	}
	yl_extra(y, e)->keys = kk;
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
			    !(tl_event_end(e)->flags & DATE_ONGOING) &&
			    tl_event_end(e)->latest < e->date.earliest;

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

void
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

bool
yl_event_tlv(struct yl *y, const struct ynode *map, struct tl_event *e,
    bool *side)
{
	unsigned	present;
	bool		tljs;

	present = yl_event_scan(y, map, e, &tljs);
	*side = (present & (1u << K_TIMELINEJS)) != 0;
	if (tljs) {
		e->id = NULL;
		return false;
	}
	yl_event_fields(y, map, e);
	yl_event_check(y, map, e, present);
	yl_event_verdict(y, map, e, present);
	yl_event_keep_keys(y, map, e);
	return true;
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
