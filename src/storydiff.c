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

static bool
sd_related_same(const struct tl_event *a, const struct tl_event *b)
{
	uint32_t	i;

	if (a->nrelated != b->nrelated)
		return false;
	for (i = 0; i < a->nrelated; i++)
		if (strcmp(a->related[i].text, b->related[i].text) != 0)
			return false;
	return true;
}

static bool
sd_source_same(const struct tl_source *a, const struct tl_source *b)
{
	return sd_str_same(a->outlet, b->outlet) && sd_str_same(a->url,
	    b->url) && sd_str_same(a->title, b->title) &&
	    sd_str_same(a->date_text, b->date_text);
}

static bool
sd_note_same(const struct tl_note *a, const struct tl_note *b)
{
	return sd_str_same(a->at, b->at) && sd_str_same(a->by, b->by) &&
	    strcmp(a->text, b->text) == 0;
}

static void
sd_source_line(struct sd_out *o, const struct tl_event *e,
    const struct tl_source *s, bool added)
{
	const char	*what = s->outlet != NULL ? s->outlet : s->title != NULL ?
			    s->title : s->url != NULL ? s->url : "(a source)";

	sd_begin(o, added ? "source" : "source-", added ? SD_GREEN : SD_RED,
	    e);
	buf_adds(o->b, added ? "+ " : "- ");
	sd_text(o->b, what);
	if (s->url != NULL && what != s->url) {
		buf_adds(o->b, " <");
		sd_text(o->b, s->url);
		buf_addc(o->b, '>');
	}
	buf_addc(o->b, '\n');
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
	text_fit(o->b, n->text, strlen(n->text), SD_NOTE_WIDTH, false);
	buf_addc(o->b, '\n');
}

/* Sources or notes: each of one list that the other lacks (as many
 * times as it lacks it). */
#define SD_LIST_DIFF(o, e, a, na, b, nb, same, line, added) do {	\
	bool	*used_ = xcalloc((size_t)(nb) + 1, sizeof *used_);	\
	uint32_t i_, j_;						\
									\
	for (i_ = 0; i_ < (na); i_++) {					\
		for (j_ = 0; j_ < (nb); j_++)				\
			if (!used_[j_] && same(&(a)[i_], &(b)[j_]))	\
				break;					\
		if (j_ < (nb))						\
			used_[j_] = true;				\
		else							\
			line(o, e, &(a)[i_], added);			\
	}								\
	free(used_);							\
} while (0)

static void
sd_event(struct sd_out *o, const struct tl_event *old,
    const struct tl_event *e)
{
	struct buf	other = BUF_INIT;

	if (!sd_str_same(old->date_text, e->date_text) ||
	    !sd_str_same(old->end_text, e->end_text)) {
		sd_begin(o, "re-dated", SD_YELLOW, e);
		sd_date(o->b, old);
		buf_adds(o->b, " -> ");
		sd_date(o->b, e);
		buf_addc(o->b, '\n');
	}
	if (strcmp(old->title, e->title) != 0) {
		sd_begin(o, "re-titled", SD_YELLOW, e);
		buf_addc(o->b, '"');
		sd_text(o->b, old->title);
		buf_adds(o->b, "\" -> \"");
		sd_text(o->b, e->title);
		buf_adds(o->b, "\"\n");
	}
	if (old->status != e->status) {
		sd_begin(o, "verdict", SD_YELLOW, e);
		buf_printf(o->b, "%s -> %s\n", old->status == TL_STATUS_NONE ?
		    "none" : tl_status_name(old->status), e->status ==
		    TL_STATUS_NONE ? "none" : tl_status_name(e->status));
	}
	SD_LIST_DIFF(o, e, e->sources, e->nsources, old->sources,
	    old->nsources, sd_source_same, sd_source_line, true);
	SD_LIST_DIFF(o, e, old->sources, old->nsources, e->sources,
	    e->nsources, sd_source_same, sd_source_line, false);
	SD_LIST_DIFF(o, e, e->notes, e->nnotes, old->notes, old->nnotes,
	    sd_note_same, sd_note_line, true);
	SD_LIST_DIFF(o, e, old->notes, old->nnotes, e->notes, e->nnotes,
	    sd_note_same, sd_note_line, false);
	if (!sd_str_same(old->description, e->description))
		buf_adds(&other, ", description");
	if (!sd_list_same(old->tags, old->ntags, e->tags, e->ntags))
		buf_adds(&other, ", tags");
	if (!sd_list_same(old->actors, old->nactors, e->actors, e->nactors))
		buf_adds(&other, ", actors");
	if (!sd_related_same(old, e))
		buf_adds(&other, ", related");
	if (other.len > 0) {
		sd_begin(o, "changed", SD_YELLOW, e);
		buf_adds(o->b, other.data + 2);
		buf_addc(o->b, '\n');
	}
	buf_free(&other);
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
			sd_event(&o, &old->events[at], e);
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

/* Whether two lists of sources (or notes) hold the same items, as many
 * times each, in any order: SD_LIST_DIFF would print no line. */
#define SD_LIST_SAME_FN(name, type, same)				\
static bool								\
name(const type *a, uint32_t na, const type *b, uint32_t nb)		\
{									\
	bool		*used, all = na == nb;				\
	uint32_t	 i, j;						\
									\
	if (!all || na == 0)						\
		return all;						\
	used = xcalloc(nb, sizeof *used);				\
	for (i = 0; all && i < na; i++) {				\
		for (j = 0; j < nb; j++)				\
			if (!used[j] && same(&a[i], &b[j]))		\
				break;					\
		if (j < nb)						\
			used[j] = true;					\
		else							\
			all = false;					\
	}								\
	free(used);							\
	return all;							\
}

SD_LIST_SAME_FN(sd_sources_same, struct tl_source, sd_source_same)
SD_LIST_SAME_FN(sd_notes_same, struct tl_note, sd_note_same)

/* What sd_event would print lines for, as STORYDIFF_* bits. */
static uint8_t
sd_event_marks(const struct tl_event *old, const struct tl_event *e)
{
	uint8_t	m = 0;

	if (!sd_str_same(old->date_text, e->date_text) ||
	    !sd_str_same(old->end_text, e->end_text))
		m |= STORYDIFF_DATE;
	if (strcmp(old->title, e->title) != 0)
		m |= STORYDIFF_TITLE;
	if (old->status != e->status)
		m |= STORYDIFF_STATUS;
	if (!sd_sources_same(e->sources, e->nsources, old->sources,
	    old->nsources))
		m |= STORYDIFF_SOURCES;
	if (!sd_notes_same(e->notes, e->nnotes, old->notes, old->nnotes))
		m |= STORYDIFF_NOTES;
	if (!sd_str_same(old->description, e->description) ||
	    !sd_list_same(old->tags, old->ntags, e->tags, e->ntags) ||
	    !sd_list_same(old->actors, old->nactors, e->actors,
	    e->nactors) || !sd_related_same(old, e))
		m |= STORYDIFF_OTHER;
	return m;
}

size_t
storydiff_marks(const struct timeline *old, const struct timeline *new,
    uint32_t file, uint8_t *marks)
{
	struct sd_index	 ix;
	size_t		 i, gone = 0;
	uint32_t	 at;

	sd_index_build(&ix, old);
	for (i = 0; i < new->nevents; i++) {
		const struct tl_event *e = &new->events[i];

		if (e->file != file)
			continue;
		if ((at = sd_match(&ix, e)) != IDINDEX_NONE)
			marks[i] = sd_event_marks(&old->events[at], e);
		else
			marks[i] = STORYDIFF_ADDED;
	}
	for (i = 0; i < old->nevents; i++)
		gone += !ix.seen[i];
	sd_index_free(&ix, old->nevents);
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
	sd_list_field(b, "tags", e->tags, e->ntags);
	sd_list_field(b, "actors", e->actors, e->nactors);
	if (e->description != NULL) {
		buf_adds(b, "description:\n");
		text_wrap(b, e->description, strlen(e->description), 76,
		    "  ");
	}
	for (i = 0; i < e->nsources; i++) {
		const struct tl_source *s = &e->sources[i];

		buf_adds(b, "source:");
		if (s->outlet != NULL) {
			buf_addc(b, ' ');
			sd_text(b, s->outlet);
		}
		if (s->title != NULL) {
			buf_adds(b, " \"");
			sd_text(b, s->title);
			buf_addc(b, '"');
		}
		if (s->date_text != NULL) {
			buf_adds(b, " (");
			sd_text(b, s->date_text);
			buf_addc(b, ')');
		}
		if (s->url != NULL) {
			buf_adds(b, " <");
			sd_text(b, s->url);
			buf_addc(b, '>');
		}
		buf_addc(b, '\n');
	}
	for (i = 0; i < e->nrelated; i++)
		sd_field(b, "related", e->related[i].text);
	for (i = 0; i < e->nnotes; i++) {
		const struct tl_note *n = &e->notes[i];

		buf_adds(b, "note:");
		if (n->at != NULL) {
			buf_addc(b, ' ');
			sd_text(b, n->at);
		}
		if (n->by != NULL) {
			buf_addc(b, ' ');
			sd_text(b, n->by);
		}
		buf_adds(b, ": ");
		sd_text(b, n->text);
		buf_addc(b, '\n');
	}
}

void
storydiff_text(const struct timeline *tl, struct buf *out)
{
	size_t	i;

	for (i = 0; i < tl->nevents; i++) {
		if (i > 0)
			buf_addc(out, '\n');
		sd_text_event(out, &tl->events[i]);
	}
}
