/* SPDX-License-Identifier: MIT */
/*
 * Story-level changes between two versions of a timeline file; see
 * storydiff.h.  Events are matched by a key: the id, or "\1DATE\1TITLE"
 * for an event without one, looked up in an index (idindex.h) of the old
 * version's events.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "idindex.h"
#include "storydiff.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

#define SD_NOTE_WIDTH	100	/* cells of a note's text shown */

/* SGR colours of the kinds, when on a terminal. */
#define SD_GREEN	"\033[32m"
#define SD_RED		"\033[31m"
#define SD_YELLOW	"\033[33m"
#define SD_RESET	"\033[m"

struct sd_index {
	char		**keys;		/* per old event */
	struct idindex	  ix;		/* of the keys */
	bool		 *seen;		/* matched by a new event */
};

static char *
sd_key(const struct tl_event *e)
{
	return e->id != NULL ? xstrdup(e->id) :
	    xasprintf("\1%s\1%s", e->date_text, e->title);
}

static void
sd_index_build(struct sd_index *ix, const struct timeline *tl)
{
	size_t	i;

	ix->keys = xcalloc(tl->nevents + 1, sizeof *ix->keys);
	ix->seen = xcalloc(tl->nevents + 1, sizeof *ix->seen);
	for (i = 0; i < tl->nevents; i++)
		ix->keys[i] = sd_key(&tl->events[i]);
	/* The first of a duplicate key is the one matched. */
	ix->ix = (struct idindex)IDINDEX_INIT;
	idindex_build(&ix->ix, ix->keys, sizeof *ix->keys, tl->nevents, NULL,
	    NULL);
}

/* The old event that new event e is a version of, now seen; IDINDEX_NONE
 * if none (or that one was matched already). */
static uint32_t
sd_match(struct sd_index *ix, const struct tl_event *e)
{
	char		*key = sd_key(e);
	uint32_t	 at = idindex_find(&ix->ix, key);

	free(key);
	if (at == IDINDEX_NONE || ix->seen[at])
		return IDINDEX_NONE;
	ix->seen[at] = true;
	return at;
}

static void
sd_index_free(struct sd_index *ix, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(ix->keys[i]);
	free(ix->keys);
	idindex_free(&ix->ix);
	free(ix->seen);
}

/* --- one line ------------------------------------------------------------ */

struct sd_out {
	struct buf	*b;
	bool		 color;
	size_t		 n;
};

/* Sanitised, on one line, whole. */
static void
sd_text(struct buf *b, const char *s)
{
	text_fit(b, s, strlen(s), SIZE_MAX / 4, false);
}

/* "  KIND      EVENT  " */
static void
sd_begin(struct sd_out *o, const char *kind, const char *color,
    const struct tl_event *e)
{
	size_t	n = strlen(kind);

	buf_adds(o->b, "  ");
	if (o->color)
		buf_adds(o->b, color);
	buf_adds(o->b, kind);
	if (o->color)
		buf_adds(o->b, SD_RESET);
	buf_addn(o->b, ' ', n < 11 ? 11 - n : 1);
	if (e->id != NULL)
		sd_text(o->b, e->id);
	else {
		buf_addc(o->b, '"');
		sd_text(o->b, e->title);
		buf_addc(o->b, '"');
	}
	buf_adds(o->b, "  ");
	o->n++;
}

static void
sd_date(struct buf *b, const struct tl_event *e)
{
	sd_text(b, e->date_text);
	if (e->end_text != NULL) {
		buf_adds(b, " to ");
		sd_text(b, e->end_text);
	}
}

static void
sd_event_line(struct sd_out *o, const char *kind, const char *color,
    const struct tl_event *e)
{
	sd_begin(o, kind, color, e);
	sd_date(o->b, e);
	buf_adds(o->b, "  ");
	sd_text(o->b, e->title);
	if (e->status != TL_STATUS_NONE)
		buf_printf(o->b, " (%s)", tl_status_name(e->status));
	buf_addc(o->b, '\n');
}

/* --- comparing one event ------------------------------------------------- */

static bool
sd_str_same(const char *a, const char *b)
{
	return a == NULL || b == NULL ? a == b : strcmp(a, b) == 0;
}

static bool
sd_list_same(const char *const *a, uint32_t na, const char *const *b,
    uint32_t nb)
{
	uint32_t	i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

/*
 * Items of two lists, a the new event's and b the old one's: whether
 * item i of a's list and item j of b's are the same.
 */
typedef bool	sd_same_fn(const struct tl_event *a, uint32_t i,
		    const struct tl_event *b, uint32_t j);

#define SD_NONE	UINT32_MAX

/*
 * Pair each item of a's list (na items) with one of b's (nb) that is the
 * same and not paired yet, the first such: pa[i] is its index in b's list
 * or SD_NONE, pb[j] the other way round (both of SD_NONE at first, or
 * left from an earlier pass with another same).  Items in the same order
 * pair at once.
 */
static void
sd_pair(const struct tl_event *a, uint32_t na, const struct tl_event *b,
    uint32_t nb, sd_same_fn *same, uint32_t *pa, uint32_t *pb)
{
	uint32_t	i, j;

	for (i = 0; i < na; i++) {
		if (pa[i] != SD_NONE)
			continue;
		if (i < nb && pb[i] == SD_NONE && same(a, i, b, i)) {
			pa[i] = i;
			pb[i] = i;
			continue;
		}
		for (j = 0; j < nb; j++)
			if (pb[j] == SD_NONE && same(a, i, b, j)) {
				pa[i] = j;
				pb[j] = i;
				break;
			}
	}
}

/* Room for sd_pair's two arrays, all SD_NONE: pa, then pb at pa + na. */
static uint32_t *
sd_pairs_new(uint32_t na, uint32_t nb)
{
	size_t		 n = (size_t)na + nb, i;
	uint32_t	*p = xcalloc(n + 1, sizeof *p);

	for (i = 0; i < n; i++)
		p[i] = SD_NONE;
	return p;
}

static const char *
sd_status_name(enum tl_status s)
{
	return s == TL_STATUS_NONE ? "none" : tl_status_name(s);
}

/* Sanitised, cut to SD_NOTE_WIDTH cells. */
static void
sd_text_cut(struct buf *b, const char *s)
{
	text_fit(b, s, strlen(s), SD_NOTE_WIDTH, false);
}

/* --- verdicts --- */

static bool
sd_verdict_same(const struct tl_event *a, uint32_t i,
    const struct tl_event *b, uint32_t j)
{
	const struct tl_verdict	*x = &tl_event_verdicts(a)[i];
	const struct tl_verdict	*y = &tl_event_verdicts(b)[j];

	return x->status == y->status && strcmp(x->date_text,
	    y->date_text) == 0 && sd_str_same(x->by, y->by) &&
	    sd_str_same(x->text, y->text);
}

/* " (DATE, by BY): TEXT" */
static void
sd_verdict_tail(struct buf *b, const struct tl_verdict *v)
{
	buf_adds(b, " (");
	sd_text(b, v->date_text);
	if (v->by != NULL) {
		buf_adds(b, ", by ");
		sd_text(b, v->by);
	}
	buf_addc(b, ')');
	if (v->text != NULL) {
		buf_adds(b, ": ");
		sd_text_cut(b, v->text);
	}
}

/*
 * The verdict: each entry added to the verdicts list as "BEFORE -> NOW
 * (DATE, by BY): TEXT" (BEFORE the entry's before it, or for the first
 * the old status; "still NOW" if the same), each one removed as "- NOW
 * (...)", and a change of status that no added last entry says as
 * "OLD -> NEW".
 */
static void
sd_verdicts(struct sd_out *o, const struct tl_event *old,
    const struct tl_event *e)
{
	const struct tl_verdict	*va = tl_event_verdicts(e);
	const struct tl_verdict	*vb = tl_event_verdicts(old);
	uint32_t		 na = tl_event_nverdicts(e);
	uint32_t		 nb = tl_event_nverdicts(old), i, *pa;
	bool			 said = false;

	if (na + nb > 0) {
		pa = sd_pairs_new(na, nb);
		sd_pair(e, na, old, nb, sd_verdict_same, pa, pa + na);
		for (i = 0; i < na; i++) {
			enum tl_status	before = i > 0 ? va[i - 1].status :
					    old->status;

			if (pa[i] != SD_NONE)
				continue;
			sd_begin(o, "verdict", SD_YELLOW, e);
			if (before == va[i].status)
				buf_printf(o->b, "still %s",
				    sd_status_name(va[i].status));
			else
				buf_printf(o->b, "%s -> %s",
				    sd_status_name(before),
				    sd_status_name(va[i].status));
			sd_verdict_tail(o->b, &va[i]);
			buf_addc(o->b, '\n');
			if (i + 1 == na && va[i].status == e->status)
				said = true;
		}
		for (i = 0; i < nb; i++) {
			if (pa[na + i] != SD_NONE)
				continue;
			sd_begin(o, "verdict-", SD_RED, e);
			buf_printf(o->b, "- %s", sd_status_name(vb[i].status));
			sd_verdict_tail(o->b, &vb[i]);
			buf_addc(o->b, '\n');
		}
		free(pa);
	}
	if (old->status != e->status && !said) {
		sd_begin(o, "verdict", SD_YELLOW, e);
		buf_printf(o->b, "%s -> %s\n", sd_status_name(old->status),
		    sd_status_name(e->status));
	}
}

/* --- sources --- */

static bool
sd_source_same(const struct tl_event *a, uint32_t i,
    const struct tl_event *b, uint32_t j)
{
	const struct tl_source	*x = &a->sources[i], *y = &b->sources[j];

	return sd_str_same(x->outlet, y->outlet) && sd_str_same(x->url,
	    y->url) && sd_str_same(x->title, y->title) &&
	    sd_str_same(x->date_text, y->date_text);
}

static const char *
sd_source_what(const struct tl_source *s)
{
	return s->outlet != NULL ? s->outlet : s->title != NULL ? s->title :
	    s->url != NULL ? s->url : "(a source)";
}

static void
sd_source_line(struct sd_out *o, const struct tl_event *e, uint32_t i,
    bool added)
{
	const struct tl_source		*s = &e->sources[i];
	const struct tl_source_more	*m = tl_event_source_more(e, i);
	const char			*what = sd_source_what(s);

	sd_begin(o, added ? "source" : "source-", added ? SD_GREEN : SD_RED,
	    e);
	buf_adds(o->b, added ? "+ " : "- ");
	sd_text(o->b, what);
	if (s->url != NULL && what != s->url) {
		buf_adds(o->b, " <");
		sd_text(o->b, s->url);
		buf_addc(o->b, '>');
	}
	if (m != NULL && m->via != NULL) {
		buf_adds(o->b, ", via ");
		sd_text(o->b, m->via);
	}
	if (m != NULL && m->archive != NULL) {
		buf_adds(o->b, ", archived <");
		sd_text(o->b, m->archive);
		buf_addc(o->b, '>');
	}
	buf_addc(o->b, '\n');
}

/*
 * One of a source's via or archive (key "via" or "archived"), old to new:
 * "WHAT now via NEW", "WHAT now via NEW (was OLD)", "WHAT no longer via
 * OLD"; a URL in <>.
 */
static void
sd_source_more_line(struct sd_out *o, const struct tl_event *e,
    const struct tl_source *s, const char *key, bool url, const char *was,
    const char *now)
{
	const char	*open = url ? "<" : "", *close = url ? ">" : "";

	if (sd_str_same(was, now))
		return;
	sd_begin(o, now != NULL ? "source" : "source-", now != NULL ?
	    SD_YELLOW : SD_RED, e);
	sd_text(o->b, sd_source_what(s));
	buf_printf(o->b, " %s %s %s", now != NULL ? "now" : "no longer", key,
	    open);
	sd_text(o->b, now != NULL ? now : was);
	buf_adds(o->b, close);
	if (now != NULL && was != NULL) {
		buf_printf(o->b, " (was %s", open);
		sd_text(o->b, was);
		buf_printf(o->b, "%s)", close);
	}
	buf_addc(o->b, '\n');
}

static void
sd_sources(struct sd_out *o, const struct tl_event *old,
    const struct tl_event *e)
{
	uint32_t	na = e->nsources, nb = old->nsources, i, *pa;

	if (na + nb == 0)
		return;
	pa = sd_pairs_new(na, nb);
	sd_pair(e, na, old, nb, sd_source_same, pa, pa + na);
	for (i = 0; i < na; i++)
		if (pa[i] == SD_NONE)
			sd_source_line(o, e, i, true);
	for (i = 0; i < nb; i++)
		if (pa[na + i] == SD_NONE)
			sd_source_line(o, old, i, false);
	for (i = 0; i < na; i++) {
		const struct tl_source_more	*m, *was;

		if (pa[i] == SD_NONE)
			continue;
		m = tl_event_source_more(e, i);
		was = tl_event_source_more(old, pa[i]);
		sd_source_more_line(o, e, &e->sources[i], "via", false,
		    was != NULL ? was->via : NULL, m != NULL ? m->via : NULL);
		sd_source_more_line(o, e, &e->sources[i], "archived", true,
		    was != NULL ? was->archive : NULL, m != NULL ?
		    m->archive : NULL);
	}
	free(pa);
}

/* --- notes --- */

static bool
sd_note_same(const struct tl_event *a, uint32_t i, const struct tl_event *b,
    uint32_t j)
{
	const struct tl_note	*x = &a->notes[i], *y = &b->notes[j];

	return sd_str_same(x->at, y->at) && sd_str_same(x->by, y->by) &&
	    strcmp(x->text, y->text) == 0;
}

static void
sd_note_line(struct sd_out *o, const struct tl_event *e,
    const struct tl_note *n, bool added)
{
	sd_begin(o, added ? "note" : "note-", added ? SD_GREEN : SD_RED, e);
	buf_adds(o->b, added ? "+ " : "- ");
	if (n->by != NULL) {
		sd_text(o->b, n->by);
		buf_adds(o->b, ": ");
	}
	sd_text_cut(o->b, n->text);
	buf_addc(o->b, '\n');
}

static void
sd_notes(struct sd_out *o, const struct tl_event *old,
    const struct tl_event *e)
{
	uint32_t	na = e->nnotes, nb = old->nnotes, i, *pa;

	if (na + nb == 0)
		return;
	pa = sd_pairs_new(na, nb);
	sd_pair(e, na, old, nb, sd_note_same, pa, pa + na);
	for (i = 0; i < na; i++)
		if (pa[i] == SD_NONE)
			sd_note_line(o, e, &e->notes[i], true);
	for (i = 0; i < nb; i++)
		if (pa[na + i] == SD_NONE)
			sd_note_line(o, e, &old->notes[i], false);
	free(pa);
}

/* --- relations --- */

static bool
sd_related_same(const struct tl_event *a, uint32_t i,
    const struct tl_event *b, uint32_t j)
{
	return a->related[i].rel == b->related[j].rel &&
	    strcmp(a->related[i].text, b->related[j].text) == 0;
}

static bool
sd_related_same_id(const struct tl_event *a, uint32_t i,
    const struct tl_event *b, uint32_t j)
{
	return strcmp(a->related[i].text, b->related[j].text) == 0;
}

/* "contradicts ID", "related to ID" (a plain id) */
static void
sd_rel(struct buf *b, unsigned rel, const char *id)
{
	buf_adds(b, rel == TL_REL_NONE ? "related to" :
	    tl_rel_name((enum tl_rel)rel));
	buf_addc(b, ' ');
	sd_text(b, id);
}

/*
 * The related list as relations, in any order: "now contradicts ID" for
 * one added, "no longer supports ID" for one removed, "now contradicts ID
 * (was supports)" for one whose relation changed; "related to ID" is a
 * plain id.
 */
static void
sd_relations(struct sd_out *o, const struct tl_event *old,
    const struct tl_event *e)
{
	uint32_t	na = e->nrelated, nb = old->nrelated, i, *pa;

	if (na + nb == 0)
		return;
	pa = sd_pairs_new(na, nb);
	sd_pair(e, na, old, nb, sd_related_same, pa, pa + na);
	/* What is left of the same id changed its relation. */
	sd_pair(e, na, old, nb, sd_related_same_id, pa, pa + na);
	for (i = 0; i < na; i++) {
		const struct tl_ref	*r = &e->related[i];

		if (pa[i] != SD_NONE && old->related[pa[i]].rel == r->rel)
			continue;
		sd_begin(o, "related", SD_YELLOW, e);
		buf_adds(o->b, "now ");
		sd_rel(o->b, r->rel, r->text);
		if (pa[i] != SD_NONE) {
			unsigned	was = old->related[pa[i]].rel;

			buf_printf(o->b, " (was %s)", was == TL_REL_NONE ?
			    "only related" : tl_rel_name(
			    (enum tl_rel)was));
		}
		buf_addc(o->b, '\n');
	}
	for (i = 0; i < nb; i++) {
		const struct tl_ref	*r = &old->related[i];

		if (pa[na + i] != SD_NONE)
			continue;
		sd_begin(o, "related-", SD_RED, e);
		buf_adds(o->b, "no longer ");
		sd_rel(o->b, r->rel, r->text);
		buf_addc(o->b, '\n');
	}
	free(pa);
}

/* --- one event --- */

/* Print the changes from old to e; what changed as STORYDIFF_* bits. */
static uint8_t
sd_event(struct sd_out *o, const struct tl_event *old,
    const struct tl_event *e)
{
	struct buf	other = BUF_INIT;
	uint8_t		m = 0;
	size_t		n;

	if (!sd_str_same(old->date_text, e->date_text) ||
	    !sd_str_same(old->end_text, e->end_text)) {
		sd_begin(o, "re-dated", SD_YELLOW, e);
		sd_date(o->b, old);
		buf_adds(o->b, " -> ");
		sd_date(o->b, e);
		buf_addc(o->b, '\n');
		m |= STORYDIFF_DATE;
	}
	if (strcmp(old->title, e->title) != 0) {
		sd_begin(o, "re-titled", SD_YELLOW, e);
		buf_addc(o->b, '"');
		sd_text(o->b, old->title);
		buf_adds(o->b, "\" -> \"");
		sd_text(o->b, e->title);
		buf_adds(o->b, "\"\n");
		m |= STORYDIFF_TITLE;
	}
	n = o->n;
	sd_verdicts(o, old, e);
	if (o->n > n)
		m |= STORYDIFF_STATUS;
	n = o->n;
	sd_sources(o, old, e);
	if (o->n > n)
		m |= STORYDIFF_SOURCES;
	n = o->n;
	sd_notes(o, old, e);
	if (o->n > n)
		m |= STORYDIFF_NOTES;
	n = o->n;
	sd_relations(o, old, e);
	if (o->n > n)
		m |= STORYDIFF_RELATED;
	if (!sd_str_same(old->description, e->description))
		buf_adds(&other, ", description");
	if (!sd_list_same(old->tags, old->ntags, e->tags, e->ntags))
		buf_adds(&other, ", tags");
	if (!sd_list_same(old->actors, old->nactors, e->actors, e->nactors))
		buf_adds(&other, ", actors");
	if (other.len > 0) {
		sd_begin(o, "changed", SD_YELLOW, e);
		buf_adds(o->b, other.data + 2);
		buf_addc(o->b, '\n');
		m |= STORYDIFF_OTHER;
	}
	buf_free(&other);
	return m;
}

size_t
storydiff_lines(const struct timeline *old, const struct timeline *new,
    bool color, struct buf *out)
{
	struct sd_index	 ix;
	struct sd_out	 o = { out, color, 0 };
	size_t		 i;
	uint32_t	 at;

	sd_index_build(&ix, old);
	for (i = 0; i < new->nevents; i++) {
		const struct tl_event *e = &new->events[i];

		if ((at = sd_match(&ix, e)) != IDINDEX_NONE)
			(void)sd_event(&o, &old->events[at], e);
		else
			sd_event_line(&o, "added", SD_GREEN, e);
	}
	for (i = 0; i < old->nevents; i++)
		if (!ix.seen[i])
			sd_event_line(&o, "removed", SD_RED, &old->events[i]);
	sd_index_free(&ix, old->nevents);
	return o.n;
}

/* --- marks --------------------------------------------------------------- */

size_t
storydiff_marks(const struct timeline *old, const struct timeline *new,
    uint32_t file, uint8_t *marks)
{
	struct sd_index	 ix;
	struct buf	 lines = BUF_INIT;	/* what sd_event says, unused */
	struct sd_out	 o = { &lines, false, 0 };
	size_t		 i, gone = 0;
	uint32_t	 at;

	sd_index_build(&ix, old);
	for (i = 0; i < new->nevents; i++) {
		const struct tl_event *e = &new->events[i];

		if (e->file != file)
			continue;
		if ((at = sd_match(&ix, e)) != IDINDEX_NONE) {
			marks[i] = sd_event(&o, &old->events[at], e);
			buf_reset(&lines);
		} else
			marks[i] = STORYDIFF_ADDED;
	}
	for (i = 0; i < old->nevents; i++)
		gone += !ix.seen[i];
	sd_index_free(&ix, old->nevents);
	buf_free(&lines);
	return gone;
}

/* --- the text form ------------------------------------------------------- */

static void
sd_field(struct buf *b, const char *key, const char *value)
{
	if (value == NULL)
		return;
	buf_printf(b, "%s: ", key);
	sd_text(b, value);
	buf_addc(b, '\n');
}

static void
sd_list_field(struct buf *b, const char *key, const char *const *v,
    uint32_t n)
{
	uint32_t	i;

	if (n == 0)
		return;
	buf_printf(b, "%s: ", key);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		sd_text(b, v[i]);
	}
	buf_addc(b, '\n');
}

static int
sd_line_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The related list as "related: [REL ]ID" lines, sorted: the list is a
 * set, as storydiff_lines reads it, so a reorder changes no line. */
static void
sd_text_related(struct buf *b, const struct tl_event *e)
{
	char		**lines;
	uint32_t	  i;

	if (e->nrelated == 0)
		return;
	lines = xcalloc(e->nrelated, sizeof *lines);
	for (i = 0; i < e->nrelated; i++) {
		const struct tl_ref	*r = &e->related[i];
		struct buf		 l = BUF_INIT;

		buf_adds(&l, "related: ");
		if (r->rel != TL_REL_NONE)
			buf_printf(&l, "%s ", tl_rel_name((enum tl_rel)r->rel));
		sd_text(&l, r->text);
		buf_addc(&l, '\n');
		lines[i] = buf_detach(&l);
	}
	qsort(lines, e->nrelated, sizeof *lines, sd_line_cmp);
	for (i = 0; i < e->nrelated; i++) {
		buf_adds(b, lines[i]);
		free(lines[i]);
	}
	free(lines);
}

/* PRE TEXT POST, when there is a text. */
static void
sd_part(struct buf *b, const char *pre, const char *text, const char *post)
{
	if (text == NULL)
		return;
	buf_adds(b, pre);
	sd_text(b, text);
	buf_adds(b, post);
}

static void
sd_text_verdict(struct buf *b, const struct tl_verdict *v)
{
	buf_adds(b, "verdict: ");
	sd_text(b, v->date_text);
	buf_printf(b, " %s", tl_status_name(v->status));
	sd_part(b, ", by ", v->by, "");
	sd_part(b, ": ", v->text, "");
	buf_addc(b, '\n');
}

static void
sd_text_source(struct buf *b, const struct tl_source *s,
    const struct tl_source_more *m)
{
	buf_adds(b, "source:");
	sd_part(b, " ", s->outlet, "");
	sd_part(b, " \"", s->title, "\"");
	sd_part(b, " (", s->date_text, ")");
	sd_part(b, " <", s->url, ">");
	if (m != NULL) {
		sd_part(b, ", via ", m->via, "");
		sd_part(b, ", archived <", m->archive, ">");
	}
	buf_addc(b, '\n');
}

static void
sd_text_note(struct buf *b, const struct tl_note *n)
{
	buf_adds(b, "note:");
	sd_part(b, " ", n->at, "");
	sd_part(b, " ", n->by, "");
	buf_adds(b, ": ");
	sd_text(b, n->text);
	buf_addc(b, '\n');
}

static void
sd_text_event(struct buf *b, const struct tl_event *e)
{
	uint32_t	i;

	buf_adds(b, "== ");
	sd_text(b, e->id != NULL ? e->id : "(no id)");
	buf_addc(b, '\n');
	sd_field(b, "date", e->date_text);
	sd_field(b, "end", e->end_text);
	sd_field(b, "title", e->title);
	if (e->status != TL_STATUS_NONE)
		sd_field(b, "status", tl_status_name(e->status));
	for (i = 0; i < tl_event_nverdicts(e); i++)
		sd_text_verdict(b, &tl_event_verdicts(e)[i]);
	sd_list_field(b, "tags", e->tags, e->ntags);
	sd_list_field(b, "actors", e->actors, e->nactors);
	if (e->description != NULL) {
		buf_adds(b, "description:\n");
		text_wrap(b, e->description, strlen(e->description), 76,
		    "  ");
	}
	for (i = 0; i < e->nsources; i++)
		sd_text_source(b, &e->sources[i], tl_event_source_more(e, i));
	sd_text_related(b, e);
	for (i = 0; i < e->nnotes; i++)
		sd_text_note(b, &e->notes[i]);
}

/* Events with an id first, by id; those without after them, in the
 * timeline's order (by date), as the index breaks ties. */
struct sd_text_at {
	const char	*id;
	size_t		 i;
};

static int
sd_text_cmp(const void *a, const void *b)
{
	const struct sd_text_at	*x = a, *y = b;
	int			 c;

	if (x->id != NULL && y->id != NULL && (c = strcmp(x->id, y->id)) != 0)
		return c;
	if ((x->id == NULL) != (y->id == NULL))
		return x->id == NULL ? 1 : -1;
	return x->i < y->i ? -1 : x->i > y->i;
}

void
storydiff_text(const struct timeline *tl, struct buf *out)
{
	struct sd_text_at	*order = xcalloc(tl->nevents + 1, sizeof *order);
	size_t			 i;

	for (i = 0; i < tl->nevents; i++) {
		order[i].id = tl->events[i].id;
		order[i].i = i;
	}
	qsort(order, tl->nevents, sizeof *order, sd_text_cmp);
	for (i = 0; i < tl->nevents; i++) {
		if (i > 0)
			buf_addc(out, '\n');
		sd_text_event(out, &tl->events[order[i].i]);
	}
	free(order);
}
