/* SPDX-License-Identifier: MIT */
/*
 * The safety net of a save (save.h step 2, save_int.h): the change is
 * checked by loading what it changed, in its context, and the rest is
 * trusted to be what was loaded.  Also what the same region gives: the
 * bytes an undo keeps, where a saved change went.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "edit.h"
#include "save.h"
#include "save_int.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"

/* --- the safety net: what changed must load --------------------------------
 *
 * A change is checked by loading what it changed, in its context: the
 * items of a block events list that the splice touches, from the '-' line
 * of the item it begins in to the line that begins the next item (or
 * leaves the list).  The rest of the file is what was loaded -- its hash
 * says so -- and parses as it did, because the items around the region
 * are unchanged, the region's lines stay inside the list (deeper than its
 * '-', or a '-' at its column) and the region loads alone, closed, without
 * errors, its ids are not taken elsewhere, and it has no anchor or alias
 * that could tie it to another item (its old bytes had none if the load
 * saw none in the file; the new ones, if its own load sees none).  A flow
 * list (JSON among them) is checked on its items too (save_flow_region
 * says why that holds).  Where that cannot be said (a file with errors,
 * an item the load did not see begin there), the whole new file is loaded
 * against the old.
 */

/* The column of the line at ls, -1 if it is blank or a comment; *item: it
 * begins with a '-' entry. */
static long
save_line_col(const char *b, size_t len, size_t ls, bool *item)
{
	size_t	i = ls;

	while (i < len && b[i] == ' ')
		i++;
	*item = false;
	if (i == len || b[i] == '\n' || b[i] == '\r' || b[i] == '#')
		return -1;
	*item = b[i] == '-' && (i + 1 == len || b[i + 1] == ' ' ||
	    b[i + 1] == '\n' || b[i + 1] == '\r');
	return (long)(i - ls);
}

/* Whether the load saw an item of file fi begin in [from, to). */
static bool
save_item_seen(const struct timeline *tl, uint32_t fi, size_t from,
    size_t to)
{
	size_t	i;

	for (i = 0; i < tl->nevents; i++)
		if (tl->events[i].file == fi && tl->events[i].span.start >=
		    from && tl->events[i].span.start < to)
			return true;
	for (i = 0; i < tl->ndropped; i++)
		if (tl->dropped[i].file == fi && tl->dropped[i].start >= from &&
		    tl->dropped[i].start < to)
			return true;
	return false;
}

/* The line of the item (a '-' at the list's column ind) that holds the
 * line at ls, walking up; SIZE_MAX when a line at the list's column or
 * less that begins none comes first (the list's key, another key). */
static size_t
save_item_up(const char *b, size_t len, size_t ls, long ind)
{
	long	col;
	bool	item;

	for (;; ls = text_line_start(b, ls - 1)) {
		col = save_line_col(b, len, ls, &item);
		if (col == ind && item)
			return ls;
		if ((col >= 0 && col <= ind) || ls == 0)
			return SIZE_MAX;
	}
}

/* The region [*r0, *r1) of the old bytes that holds the splice, or
 * SAVE_CHECK_WHOLE.  An insertion at a line's start (a note at the end
 * of an item, a new item after it) belongs with the item before it: the
 * region begins there, not at the next item. */
static enum save_check
save_region(const struct timeline *tl, const struct tl_file *f,
    const struct save_src *s, const struct edit *ed, size_t *r0, size_t *r1)
{
	const char	*b = s->p;
	long		 ind = (long)f->events_indent, col = -1;
	size_t		 ls = SIZE_MAX;
	uint32_t	 fi;
	bool		 item;

	if (tl == NULL || f < tl->files || f >= tl->files + tl->nfiles ||
	    f->events_flow || f->nitems == 0 ||
	    ed->start < text_line_start(b, f->events_start))
		return SAVE_CHECK_WHOLE;
	fi = (uint32_t)(f - tl->files);
	if (ed->start == ed->end && ed->start > f->events_start &&
	    text_line_start(b, ed->start) == ed->start)
		ls = save_item_up(b, s->len, text_line_start(b, ed->start - 1), ind);
	if (ls == SIZE_MAX)
		ls = save_item_up(b, s->len, text_line_start(b, ed->start), ind);
	if (ls == SIZE_MAX ||
	    !save_item_seen(tl, fi, ls, text_next_line(b, s->len, ls)))
		return SAVE_CHECK_WHOLE;
	*r0 = ls;
	ls = ed->end == text_line_start(b, ed->end) ? ed->end :
	    text_next_line(b, s->len, ed->end);
	for (; ls < s->len; ls = text_next_line(b, s->len, ls))
		if ((col = save_line_col(b, s->len, ls, &item)) >= 0 &&
		    col <= ind)
			break;
	/* The line there must begin an item the load saw, or come after
	 * the list's end: not a line inside a quoted scalar, which may be
	 * at any column. */
	if (ls < s->len && ls < f->events_end && (col != ind || !item ||
	    !save_item_seen(tl, fi, ls, text_next_line(b, s->len, ls))))
		return SAVE_CHECK_WHOLE;
	*r1 = ls;
	return SAVE_CHECK_OK;
}

/* Every line of the region r stays in the list: deeper than its '-', or
 * a '-' entry at its column, the first line with content one. */
static bool
save_region_inside(const struct buf *r, size_t from, long ind)
{
	size_t	ls;
	long	col;
	bool	item, first = true;

	for (ls = from; ls < r->len; ls = text_next_line(r->data, r->len, ls)) {
		if ((col = save_line_col(r->data, r->len, ls, &item)) < 0)
			continue;
		if (col < ind || (col == ind && !item) || (first && col != ind))
			return false;
		first = false;
	}
	return true;
}

/* Whether b[0..n) may hold an anchor or an alias ('&' or '*' where a node
 * may begin): another item may refer to it, or it to another item, so
 * what it means is not in the region alone.  Bytes that were not loaded
 * whole are read so; the cost is a text's " & " taken for one. */
static bool
save_refs(const char *b, size_t n)
{
	const char	*p, *end = b + n;
	int		 c;

	/* memchr for each, not a test of every byte: a big item is most
	 * often one long text without either. */
	for (c = 0; c < 2; c++)
		for (p = b; p < end &&
		    (p = memchr(p, c == 0 ? '&' : '*', (size_t)(end - p))) !=
		    NULL; p++)
			if (p == b || strchr(" \t\n\r[{,-:?", p[-1]) != NULL)
				return true;
	return false;
}

/* Whether the old bytes b[0..n) of f may hold an anchor or an alias: not
 * when the load, which read all of f without an error, saw none -- an
 * '&' in a text ("R & D") is not one. */
static bool
save_old_refs(const struct tl_file *f, const char *b, size_t n)
{
	if (!f->refs && f->errors == 0 && !f->failed && !f->stale)
		return false;
	return save_refs(b, n);
}

/* Whether an event outside the region [r0, r1) of f has the id, and
 * none in it had (a file that has the id twice already keeps it so). */
static bool
save_id_taken(const struct timeline *tl, const struct tl_file *f,
    const char *id, size_t r0, size_t r1)
{
	const struct tl_event	*e;
	bool			 out = false;
	size_t			 i;

	for (i = 0; i < tl->nevents; i++) {
		e = &tl->events[i];
		if (e->id == NULL || strcmp(e->id, id) != 0)
			continue;
		if (&tl->files[e->file] == f && e->span.start >= r0 &&
		    e->span.start < r1)
			return false;
		out = true;
	}
	return out;
}

/* Load the new region alone: OK, BAD (its first error into *why, TAKEN
 * if that is a taken id), or WHOLE when it holds an anchor or an alias:
 * what it means is then not in it alone. */
static enum save_check
save_region_loads(const struct timeline *tl, const struct tl_file *f,
    const struct buf *r, size_t r0, size_t r1, uint32_t line0, char **why)
{
	struct timeline		 t = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	uint32_t		 fi = timeline_add_file(&t, f->path);
	size_t			 i;
	enum save_check		 c = SAVE_CHECK_OK;

	if (!yamlio_load_buffer(&t, fi, r->data, r->len, &diags) ||
	    diags.errors > 0) {
		c = SAVE_CHECK_BAD;
		for (i = 0; i < diags.n && *why == NULL; i++)
			if (diags.v[i].severity == DIAG_ERROR)
				*why = xasprintf("line %u: %s", diags.v[i].line +
				    line0 - 2, diags.v[i].msg);
		if (*why == NULL)
			*why = xstrdup("it does not load");
	} else if (t.files[fi].refs)
		c = SAVE_CHECK_WHOLE;
	/* An id it brings must not be another event's. */
	for (i = 0; c == SAVE_CHECK_OK && i < t.nevents; i++)
		if (t.events[i].id != NULL &&
		    save_id_taken(tl, f, t.events[i].id, r0, r1)) {
			*why = xasprintf("the id '%s' is taken",
			    t.events[i].id);
			c = SAVE_CHECK_TAKEN;
		}
	timeline_free(&t);
	diag_free(&diags);
	return c;
}

/* The line number of byte pos, counted from a loaded event at or before
 * it in file f. */
static uint32_t
save_line_of(const struct timeline *tl, const struct tl_file *f,
    const char *b, size_t pos)
{
	const struct tl_event	*e, *best = NULL;
	const char		*nl;
	uint32_t		 line;
	size_t			 i, at;

	for (i = 0; i < tl->nevents; i++) {
		e = &tl->events[i];
		if (&tl->files[e->file] == f && e->span.start <= pos &&
		    (best == NULL || e->span.start > best->span.start))
			best = e;
	}
	line = best != NULL ? best->span.line : 1;
	for (at = best != NULL ? best->span.start : 0; at < pos &&
	    (nl = memchr(b + at, '\n', pos - at)) != NULL;
	    at = (size_t)(nl - b) + 1)
		line++;
	return line;
}

/*
 * A big quoted text the check need not read.  An event of f in the region
 * that the load kept the keys of (timeline.h, struct tl_keys: it loaded,
 * without errors, from these bytes) may have a description that is one
 * quoted scalar, the rest of its last line blank, all before the splice.
 * Its text is loaded as a shorter one: the quotes, and each line break
 * with the blanks that begin the next line, the rest dropped.  The region
 * then loads as it would with the text, because
 *  - the scalar's own bytes are valid as they are, wherever they stand
 *    (escapes, a document marker on a line: neither depends on what is
 *    around), and they were;
 *  - nothing else on its lines changes: it begins where it did, after
 *    its key, so it is a value as it was, and a simple key it might be
 *    is given up (or is an error) alike, when the next token comes on a
 *    later line, in both cases; the lines are as many;
 *  - any text is a good description.
 * Set [*q0, *q1) to the scalar's bytes; false when there is none.
 */
#ifndef SAVE_QUOTED_MIN		/* a fuzzing build sets it low (fuzz/README) */
#define SAVE_QUOTED_MIN	((size_t)64 * 1024)
#endif

static bool
save_quoted_skip(const struct timeline *tl, const struct tl_file *f,
    const struct save_src *s, size_t r0, size_t before, size_t *q0,
    size_t *q1)
{
	const struct tl_event	*e;
	const struct tl_key	*k;
	size_t			 i, j, eol;

	for (i = 0; i < tl->nevents; i++) {
		e = &tl->events[i];
		if (&tl->files[e->file] != f || e->span.start < r0 ||
		    e->span.start >= before || e->extra == NULL ||
		    e->extra->keys == NULL || e->span.end > s->len)
			continue;
		for (j = 0; j < e->extra->keys->n; j++) {
			k = &e->extra->keys->v[j];
			if (strcmp(k->name, "description") != 0)
				continue;
			*q0 = e->span.start + (size_t)k->value.start;
			*q1 = e->span.start + (size_t)k->value.end;
			if (*q1 > e->span.end || *q1 - *q0 < SAVE_QUOTED_MIN ||
			    (s->p[*q0] != '"' && s->p[*q0] != '\'') ||
			    s->p[*q1 - 1] != s->p[*q0])
				break;
			for (eol = *q1; eol < s->len && (s->p[eol] == ' ' ||
			    s->p[eol] == '\t' || s->p[eol] == '\r'); eol++)
				;
			if (eol < s->len && s->p[eol] == '\n' &&
			    eol < before)
				return true;
			break;
		}
	}
	return false;
}

/* The bytes [from, to) of s into r, a big quoted text among them loaded
 * as a shorter one (save_quoted_skip). */
static void
save_region_add(struct buf *r, const struct timeline *tl,
    const struct tl_file *f, const struct save_src *s, size_t from,
    size_t to)
{
	size_t	q0, q1, i, ws;

	if (!save_quoted_skip(tl, f, s, from, to, &q0, &q1)) {
		buf_add(r, s->p + from, to - from);
		return;
	}
	buf_add(r, s->p + from, q0 + 1 - from);
	for (i = q0 + 1; i < q1 - 1; i++) {
		const char *nl = memchr(s->p + i, '\n', q1 - 1 - i);

		if (nl == NULL)
			break;
		i = (size_t)(nl - s->p);
		if (i > q0 + 1 && s->p[i - 1] == '\r')
			buf_addc(r, '\r');
		buf_addc(r, '\n');
		for (ws = i + 1; ws < q1 - 1 && (s->p[ws] == ' ' ||
		    s->p[ws] == '\t'); ws++)
			;
		buf_add(r, s->p + i + 1, ws - (i + 1));
	}
	buf_add(r, s->p + q1 - 1, to - (q1 - 1));
}

/* Past the blanks, commas and comments from at (to before to): where the
 * next '{' is, or to; SIZE_MAX at anything else, or a comment that does
 * not end before to.  *commas: how many. */
static size_t
save_flow_gap(const char *p, size_t at, size_t to, size_t *commas)
{
	for (*commas = 0; at < to && p[at] != '{'; at++)
		if (p[at] == '#') {
			while (at + 1 < to && p[at + 1] != '\n')
				at++;
			if (at + 1 >= to)
				return SIZE_MAX;
		} else if (p[at] == ',')
			(*commas)++;
		else if (p[at] != ' ' && p[at] != '\t' && p[at] != '\r' &&
		    p[at] != '\n')
			return SIZE_MAX;
	return at;
}

/*
 * A flow events list ([...], as JSON has it) of a tlv file that loaded
 * clean: every item is an event, a flow mapping {...} whose bytes the
 * load recorded, with only blanks, one comma and comments between two.
 * A splice within [A.start, B.end] -- A the last event to begin at or
 * before it, B the first to end at or after it -- is checked on the items
 * A to B.  Inside a flow collection what a node's bytes mean depends on
 * nothing around them but that a node may begin there (after '[' or
 * ','); so if the new bytes load alone after "[" as whole nodes, the
 * last one ending in the '}' they end with (no trailing comma), the list
 * goes on after them as it went on after B.  Their first line keeps its
 * column (a document marker counts only at column 0).
 */
static enum save_check
save_flow_region(const struct timeline *tl, const struct tl_file *f,
    const struct save_src *s, const struct edit *ed, size_t *r0, size_t *r1)
{
	const struct tl_event	*e, *a = NULL, *b = NULL;
	const char		*p = s->p;
	size_t			 i, at, n = 0;
	uint32_t		 fi;

	if (tl == NULL || f < tl->files || f >= tl->files + tl->nfiles ||
	    f->format != TL_FORMAT_TLV || f->errors != 0 || f->failed ||
	    f->stale || f->nevents == 0 || f->nevents != f->nitems)
		return SAVE_CHECK_WHOLE;
	fi = (uint32_t)(f - tl->files);
	for (i = 0; i < tl->nevents; i++) {
		e = &tl->events[i];
		if (e->file != fi)
			continue;
		n++;
		if (e->span.start <= ed->start && (a == NULL ||
		    e->span.start > a->span.start))
			a = e;
		if (e->span.end >= ed->end && (b == NULL ||
		    e->span.start < b->span.start))
			b = e;
	}
	if (n != f->nevents || b == NULL || b->span.end > s->len ||
	    (a != NULL && a->span.start > b->span.start))
		return SAVE_CHECK_WHOLE;
	*r1 = b->span.end;
	if (a != NULL)
		*r0 = at = a->span.start;
	else {
		/* Before the first event: nothing after the '[' but blanks
		 * and comments. */
		if (f->events_start >= ed->start || p[f->events_start] != '[' ||
		    save_flow_gap(p, f->events_start + 1, ed->start, &n) !=
		    ed->start || n != 0)
			return SAVE_CHECK_WHOLE;
		*r0 = ed->start;
		if ((at = save_flow_gap(p, *r0, *r1, &n)) == SIZE_MAX || n != 0)
			return SAVE_CHECK_WHOLE;
	}
	/* From there to B: events, and what separates two between them. */
	while (at < *r1) {
		e = NULL;
		for (i = 0; i < tl->nevents && e == NULL; i++)
			if (tl->events[i].file == fi &&
			    tl->events[i].span.start == at)
				e = &tl->events[i];
		if (e == NULL || e->span.end <= at || e->span.end > *r1 ||
		    p[at] != '{' || p[e->span.end - 1] != '}')
			return SAVE_CHECK_WHOLE;
		at = save_flow_gap(p, e->span.end, *r1, &n);
		if (at == SIZE_MAX || (at < *r1 && n != 1))
			return SAVE_CHECK_WHOLE;
	}
	return SAVE_CHECK_OK;
}

/* The flow list's region (save_flow_region) with ed applied, into r. */
static enum save_check
save_flow_scope(const struct timeline *tl, const struct tl_file *f,
    const struct save_src *s, const struct edit *ed, struct buf *r,
    size_t *r0, size_t *r1)
{
	const char	*text = ed->text.data != NULL ? ed->text.data : "";
	enum save_check	 c;
	size_t		 col;

	if ((c = save_flow_region(tl, f, s, ed, r0, r1)) != SAVE_CHECK_OK)
		return c;
	if (save_old_refs(f, s->p + *r0, *r1 - *r0))
		return SAVE_CHECK_WHOLE;
	buf_adds(r, "events: [\n");
	for (col = *r0 - text_line_start(s->p, *r0); col > 0; col--)
		buf_addc(r, ' ');
	buf_add(r, s->p + *r0, ed->start - *r0);
	buf_add(r, text, ed->text.len);
	buf_add(r, s->p + ed->end, *r1 - ed->end);
	if (r->data[r->len - 1] != '}') {
		buf_free(r);
		return SAVE_CHECK_WHOLE;
	}
	buf_adds(r, "]\n");
	return SAVE_CHECK_OK;
}

/* The region [*r0, *r1) of s that the change ed is checked on, and into
 * r (empty) the YAML loaded for it: the region with the splice applied,
 * under "events:"; or WHOLE (r left empty) when the region alone cannot
 * tell (see above). */
static enum save_check
save_scope(const struct timeline *tl, const struct tl_file *f,
    const struct save_src *s, const struct edit *ed, struct buf *r,
    size_t *r0, size_t *r1)
{
	const char	*text = ed->text.data != NULL ? ed->text.data : "";
	size_t		 from;
	enum save_check	 c;

	if (f->events_flow)
		return save_flow_scope(tl, f, s, ed, r, r0, r1);
	if ((c = save_region(tl, f, s, ed, r0, r1)) != SAVE_CHECK_OK)
		return c;
	if (save_old_refs(f, s->p + *r0, *r1 - *r0))
		return SAVE_CHECK_WHOLE;
	buf_adds(r, "events:\n");
	from = r->len;
	save_region_add(r, tl, f, s, *r0, ed->start);
	buf_add(r, text, ed->text.len);
	if (*r1 > ed->end)
		buf_add(r, s->p + ed->end, *r1 - ed->end);
	/* Its last line must end there: a text without its line break
	 * would take the next line into it. */
	if ((*r1 < s->len && r->data[r->len - 1] != '\n') ||
	    !save_region_inside(r, from, (long)f->events_indent)) {
		buf_free(r);
		return SAVE_CHECK_WHOLE;
	}
	return SAVE_CHECK_OK;
}

char *
save_check_text(const struct timeline *tl, const struct tl_file *f,
    const char *buf, size_t len, const struct edit *ed, size_t *n)
{
	struct save_src	s = { buf, len, NULL, -1 };
	struct buf	r = BUF_INIT;
	size_t		r0, r1;

	*n = 0;
	if (ed->start > ed->end || ed->end > len ||
	    save_scope(tl, f, &s, ed, &r, &r0, &r1) != SAVE_CHECK_OK)
		return NULL;
	*n = r.len;
	return buf_detach(&r);
}

/* Check the change ed to s by loading the region it touches (see
 * above): OK, BAD (with *why) or WHOLE (no region to check). */
enum save_check
save_check_region(const struct timeline *tl, const struct tl_file *f,
    const struct save_src *s, const struct edit *ed, char **why)
{
	struct buf		r = BUF_INIT;
	size_t			r0, r1;
	enum save_check		c;
	const char		*odd = text_odd_break(ed->text.data != NULL ?
				    ed->text.data : "", ed->text.len);

	if (odd != NULL) {
		*why = xasprintf("its new text has a %s line break, which YAML "
		    "reads as one: tlv writes LF or CRLF; in quotes, write it "
		    "as an escape", odd);
		return SAVE_CHECK_ODD;
	}
	if ((c = save_scope(tl, f, s, ed, &r, &r0, &r1)) != SAVE_CHECK_OK)
		return c;
	c = save_region_loads(tl, f, &r, r0, r1, save_line_of(tl, f, s->p, r0),
	    why);
	save_src_drop(s, r0, r1 - r0);
	buf_free(&r);
	return c;
}

/* --- the whole file: when no region can be told apart ---------------------
 *
 * The whole new file is loaded as well as the old, and must have no more
 * errors, and every event of the old that the splice does not touch (or
 * come right next to, or follow: a note added after an event's last line
 * is that event's) must be in the new, where the splice moved it, saying
 * the same (tl_event_same): a change that makes a later item the value of
 * a new key, or redefines an anchor that a later event's alias names, is
 * refused.
 */

/* Load buf as path into t: its errors, SIZE_MAX if it does not parse.
 * The first error message goes to *first (malloc'd) if not NULL. */
static size_t
save_load_whole(struct timeline *t, const char *path, const char *buf,
    size_t len, char **first)
{
	struct diag_list	diags = DIAG_LIST_INIT;
	uint32_t		fi = timeline_add_file(t, path);
	size_t			errors, i;

	errors = yamlio_load_buffer(t, fi, buf, len, &diags) ?
	    diags.errors : SIZE_MAX;
	for (i = 0; first != NULL && i < diags.n; i++)
		if (diags.v[i].severity == DIAG_ERROR) {
			*first = xasprintf("line %u: %s", diags.v[i].line,
			    diags.v[i].msg);
			break;
		}
	diag_free(&diags);
	return errors;
}

/* The first of old's n events (those of the bytes before ed, in their
 * order) that ed does not touch and that new (after it) does not have
 * where ed moved it, saying the same; NULL if there is none. */
static const struct tl_event *
save_untouched_changed(const struct tl_event *const *old, size_t n,
    const struct timeline *new, const struct edit *ed)
{
	const struct tl_event	*o;
	size_t			 i, j = 0, want;

	for (i = 0; i < n; i++) {
		o = old[i];
		if (o->span.end >= ed->start && o->span.start <= ed->end)
			continue;	/* touched, or right next to it */
		if (o->span.start < ed->start && (i + 1 == n ||
		    old[i + 1]->span.start >= ed->start))
			continue;	/* the last before it: a note or a key
					   after its last line is its own */
		want = o->span.start < ed->start ? o->span.start :
		    o->span.start - (ed->end - ed->start) + ed->text.len;
		while (j < new->nevents && new->events[j].span.start < want)
			j++;
		if (j == new->nevents || new->events[j].span.start != want ||
		    !tl_event_same(o, &new->events[j]))
			return o;
	}
	return NULL;
}

static int
save_by_start(const void *a, const void *b)
{
	const struct tl_event	*x = *(const struct tl_event *const *)a;
	const struct tl_event	*y = *(const struct tl_event *const *)b;

	return (x->span.start > y->span.start) - (x->span.start < y->span.start);
}

/* The events of f as tl holds them, in the order of their bytes (*n of
 * them, malloc'd), when they are the whole file's without errors: f is
 * tl's, it loaded clean and is not stale, and tl has all its events
 * (apply keeps them so after a change).  NULL otherwise: then the old
 * bytes are loaded again. */
static const struct tl_event **
save_loaded_events(const struct timeline *tl, const struct tl_file *f,
    size_t *n)
{
	const struct tl_event	**v;
	size_t			  i, k = 0;
	uint32_t		  fi;
	bool			  sorted = true;

	if (tl == NULL || f < tl->files || f >= tl->files + tl->nfiles ||
	    f->errors != 0 || f->failed || f->stale)
		return NULL;
	fi = (uint32_t)(f - tl->files);
	v = xreallocarray(NULL, f->nevents > 0 ? f->nevents : 1, sizeof *v);
	for (i = 0; i < tl->nevents; i++) {
		if (tl->events[i].file != fi)
			continue;
		if (k == f->nevents) {
			free(v);
			return NULL;
		}
		sorted = sorted && (k == 0 ||
		    v[k - 1]->span.start < tl->events[i].span.start);
		v[k++] = &tl->events[i];
	}
	if (k != f->nevents) {
		free(v);
		return NULL;
	}
	if (!sorted)
		qsort(v, k, sizeof *v, save_by_start);
	*n = k;
	return v;
}

/* The whole check.  The events before the change are tl's own where
 * they can be (save_loaded_events): a second model of a big file costs
 * what the first did, and the file's hash says its bytes are the ones
 * tl was loaded from. */
bool
save_check_whole(const struct timeline *tl, const struct tl_file *f,
    const struct save_src *s, const struct edit *ed, char **why)
{
	struct timeline		  old = TIMELINE_INIT, new = TIMELINE_INIT;
	const struct tl_event	**v, *o;
	char			 *next;
	size_t			  nlen, n = 0, before = 0, after, i;
	bool			  ok;

	if ((v = save_loaded_events(tl, f, &n)) == NULL) {
		before = save_load_whole(&old, f->path, s->p, s->len, NULL);
		n = before != SIZE_MAX ? old.nevents : 0;
		v = xreallocarray(NULL, n > 0 ? n : 1, sizeof *v);
		for (i = 0; i < n; i++)
			v[i] = &old.events[i];
	}
	next = edit_apply(s->p, s->len, ed, &nlen);
	save_src_drop(s, 0, s->len);	/* read again only in pieces */
	after = save_load_whole(&new, f->path, next, nlen, why);
	free(next);
	ok = after != SIZE_MAX && (before == SIZE_MAX || after <= before);
	if (ok && before != SIZE_MAX &&
	    (o = save_untouched_changed(v, n, &new, ed)) != NULL) {
		free(*why);
		*why = o->id != NULL ? xasprintf("it would also change event "
		    "'%s' (line %u), which it does not touch", o->id,
		    o->span.line) : xasprintf("it would also change the event "
		    "at line %u, which it does not touch", o->span.line);
		ok = false;
	}
	free(v);
	timeline_free(&old);
	timeline_free(&new);
	return ok;
}

/* The line of the item before the one at r0 (a '-' at the list's
 * column), or r0 if there is none in the list. */
static size_t
save_item_before(const struct tl_file *f, const struct save_src *s,
    size_t r0)
{
	long	ind = (long)f->events_indent, col;
	size_t	ls = r0;
	bool	item;

	while (ls > f->events_start && ls > 0) {
		ls = text_line_start(s->p, ls - 1);
		col = save_line_col(s->p, s->len, ls, &item);
		if (col == ind && item)
			return ls;
		if (col >= 0 && col < ind)
			break;
	}
	return r0;
}

/* The end of the item at r1 (where the next line at the list's column or
 * less begins), or r1 if no item begins there. */
static size_t
save_item_after(const struct tl_file *f, const struct save_src *s,
    size_t r1)
{
	long	ind = (long)f->events_indent, col;
	size_t	ls;
	bool	item;

	if (r1 >= s->len || save_line_col(s->p, s->len, r1, &item) != ind ||
	    !item)
		return r1;
	for (ls = text_next_line(s->p, s->len, r1); ls < s->len;
	    ls = text_next_line(s->p, s->len, ls))
		if ((col = save_line_col(s->p, s->len, ls, &item)) >= 0 &&
		    col <= ind)
			break;
	return ls;
}

/* The flow list's items around [r0, r1): from the '{' of the event
 * before it to the '}' of the one after (r0, r1 where there is none). */
static void
save_flow_around(const struct timeline *tl, const struct tl_file *f,
    size_t r0, size_t r1, size_t *w0, size_t *w1)
{
	const struct tl_event	*e, *a = NULL, *b = NULL;
	size_t			 i;

	for (i = 0; i < tl->nevents; i++) {
		e = &tl->events[i];
		if (&tl->files[e->file] != f)
			continue;
		if (e->span.start < r0 && (a == NULL ||
		    e->span.start > a->span.start))
			a = e;
		if (e->span.start >= r1 && (b == NULL ||
		    e->span.start < b->span.start))
			b = e;
	}
	*w0 = a != NULL ? a->span.start : r0;
	*w1 = b != NULL ? b->span.end : r1;
}

/* What an undo of ed needs (save.h): the items around the change where
 * they can be told apart, else the whole file. */
void
save_undo_keep(const struct timeline *tl, const struct tl_file *f,
    const struct save_src *s, const struct edit *ed, struct save_undo *u)
{
	size_t	r0, r1, w0 = 0, w1 = s->len;

	memset(u, 0, sizeof *u);
	if (f->events_flow && save_flow_region(tl, f, s, ed, &r0, &r1) ==
	    SAVE_CHECK_OK) {
		save_flow_around(tl, f, r0, r1, &w0, &w1);
		u->window = u->flow = true;
		u->base = w0;
	} else if (!f->events_flow && save_region(tl, f, s, ed, &r0, &r1) ==
	    SAVE_CHECK_OK) {
		w0 = save_item_before(f, s, r0);
		w1 = save_item_after(f, s, r1);
		u->window = true;
		u->base = w0;
	}
	u->before = xmalloc(w1 - w0 + 1);
	memcpy(u->before, s->p + w0, w1 - w0);
	u->before[w1 - w0] = '\0';
	u->before_len = w1 - w0;
}

bool
save_check(const struct timeline *tl, const struct tl_file *f,
    const char *buf, size_t len, const struct edit *ed, char **why)
{
	struct save_src	s = { buf, len, NULL, -1 };
	enum save_check	c;

	*why = NULL;
	if (ed->start > ed->end || ed->end > len) {
		*why = xstrdup("an edit outside the file");
		return false;
	}
	if ((c = save_check_region(tl, f, &s, ed, why)) == SAVE_CHECK_OK)
		return true;
	if (c == SAVE_CHECK_TAKEN || c == SAVE_CHECK_ODD)
		return false;	/* an error at the next load, or an edit */
	free(*why);	/* a refusal is confirmed on the whole file */
	*why = NULL;
	return save_check_whole(tl, f, &s, ed, why);
}

bool
save_check_scope(const struct timeline *tl, const struct tl_file *f,
    const char *buf, size_t len, const struct edit *ed, size_t *from,
    size_t *to)
{
	struct save_src	s = { buf, len, NULL, -1 };
	struct buf	r = BUF_INIT;
	bool		ok;

	ok = ed->start <= ed->end && ed->end <= len &&
	    save_scope(tl, f, &s, ed, &r, from, to) == SAVE_CHECK_OK;
	buf_free(&r);
	return ok;
}

/* Whether an event of f begins after r1 on r1's line: its column would
 * move with the change. */
static bool
save_flow_after(const struct timeline *tl, const struct tl_file *f,
    const struct save_src *s, size_t r1)
{
	const struct tl_event	*e;
	size_t			 i, next = SIZE_MAX;

	for (i = 0; i < tl->nevents; i++) {
		e = &tl->events[i];
		if (&tl->files[e->file] == f && e->span.start >= r1 &&
		    e->span.start < next)
			next = e->span.start;
	}
	return next != SIZE_MAX && next <= s->len &&
	    memchr(s->p + r1, '\n', next - r1) == NULL;
}

/* Where the saved change ed to s went (save.h, struct save_where). */
void
save_where_fill(const struct timeline *tl, const struct tl_file *f,
    const struct save_src *s, const struct edit *ed, struct save_where *w)
{
	struct buf	b = BUF_INIT;
	size_t		r0, r1, i;

	memset(w, 0, sizeof *w);
	if ((f->events_flow ? save_flow_region(tl, f, s, ed, &r0, &r1) :
	    save_region(tl, f, s, ed, &r0, &r1)) != SAVE_CHECK_OK)
		return;
	for (i = text_line_start(s->p, r0); i < r0; i++)
		w->col += ((unsigned char)s->p[i] & 0xC0) != 0x80;
	buf_add(&b, s->p + r0, ed->start - r0);
	buf_add(&b, ed->text.data != NULL ? ed->text.data : "", ed->text.len);
	buf_add(&b, s->p + ed->end, r1 - ed->end);
	if (f->events_flow ? (b.len > 0 && b.data[b.len - 1] != '}') ||
	    save_flow_after(tl, f, s, r1) :
	    r1 < s->len && b.len > 0 && b.data[b.len - 1] != '\n') {
		/* The next line is joined to them; a flow list's end
		 * inside an item, or before one on the same line. */
		buf_free(&b);
		memset(w, 0, sizeof *w);
		return;
	}
	w->items = true;
	w->r0 = r0;
	w->r1 = r1;
	w->line0 = save_line_of(tl, f, s->p, r0);
	for (i = r0; i < r1; i++)
		w->lines += s->p[i] == '\n';
	w->len = b.len;
	w->bytes = b.data != NULL ? buf_detach(&b) : xstrdup("");
	save_src_drop(s, r0, r1 - r0);
}
