/* SPDX-License-Identifier: MIT */
/*
 * The viewer's state without curses; see browse.h.
 *
 * Invariant: shown[] holds indexes into tl->events in increasing order (the
 * timeline is sorted, so shown[] is too), and cursor < nshown unless
 * nshown == 0, when cursor == top == 0.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "browse.h"
#include "buf.h"
#include "query.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

/*
 * Filtering a big timeline waits on memory more than it computes: each
 * event's texts are elsewhere in the arena.  So the loops ask for the
 * texts of an event a few places ahead while they test this one.
 */
#define BROWSE_AHEAD	8

static void
browse_prefetch(const struct tl_event *e)
{
#if defined(__GNUC__)
	__builtin_prefetch(e->title);
	__builtin_prefetch(e->description);
	__builtin_prefetch(e->tags);
	__builtin_prefetch(e->actors);
#else
	(void)e;
#endif
}

/* Row of the first shown event with index >= ev (nshown if none). */
static size_t
browse_row_of(const struct browse *b, size_t ev)
{
	size_t	lo = 0, hi = b->nshown;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->shown[mid] < ev)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Row of the first shown event with earliest >= t (nshown if none). */
static size_t
browse_row_at_time(const struct browse *b, date_time t)
{
	size_t	lo = 0, hi = b->nshown;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->tl->events[b->shown[mid]].date.earliest < t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
browse_clamp(struct browse *b)
{
	if (b->nshown == 0) {
		b->cursor = b->top = 0;
		return;
	}
	if (b->cursor >= b->nshown)
		b->cursor = b->nshown - 1;
	if (b->top > b->cursor)
		b->top = b->cursor;
}

/* Put the cursor on event ev if shown, else on the nearest by order. */
static void
browse_place(struct browse *b, size_t ev)
{
	size_t	row = browse_row_of(b, ev);

	if (row == b->nshown && row > 0)
		row--;
	b->cursor = row;
	browse_clamp(b);
}

/* --- applying a filter, all at once or a slice at a time ---------------- */

/*
 * Set up testing with the current filter: narrowing tests again only what
 * passed so far (and what was still to test); otherwise every event.
 * shown[] starts empty and grows in event order as browse_filter_run goes.
 */
static void
browse_filter_setup(struct browse *b, bool narrow)
{
	size_t		 nev = b->tl->nevents, left, i;
	uint32_t	*pend;

	b->shown = xreallocarray(b->shown, nev + 1, sizeof *b->shown);
	b->version++;
	if (b->filter == NULL) {
		for (i = 0; i < nev; i++)
			b->shown[i] = (uint32_t)i;
		b->nshown = nev;
		free(b->pend);
		b->pend = NULL;
		b->npend = b->pend_at = 0;
		b->scan = nev;
		return;
	}
	if (narrow) {
		/* What passed, then what was not tested yet: all before
		 * scan, in order. */
		left = b->npend - b->pend_at;
		pend = xreallocarray(NULL, b->nshown + left + 1, sizeof *pend);
		memcpy(pend, b->shown, b->nshown * sizeof *pend);
		if (left > 0)
			memcpy(pend + b->nshown, b->pend + b->pend_at,
			    left * sizeof *pend);
		free(b->pend);
		b->pend = pend;
		b->npend = b->nshown + left;
	} else {
		free(b->pend);
		b->pend = NULL;
		b->npend = 0;
		b->scan = 0;
	}
	b->pend_at = 0;
	b->nshown = 0;
	b->tested = 0;
	b->total = b->npend + (nev - b->scan);
}

bool
browse_filtering(const struct browse *b)
{
	return b->pend_at < b->npend || b->scan < b->tl->nevents;
}

bool
browse_filter_run(struct browse *b, size_t max)
{
	const struct tl_event	*ev = b->tl->events;
	size_t			 nev = b->tl->nevents, k, done = 0;
	size_t			 before = b->nshown;

	while (done < max && b->pend_at < b->npend) {
		if (b->pend_at + BROWSE_AHEAD < b->npend)
			browse_prefetch(&ev[b->pend[b->pend_at +
			    BROWSE_AHEAD]]);
		k = b->pend[b->pend_at++];
		if (query_match(b->filter, b->tl, &ev[k]))
			b->shown[b->nshown++] = (uint32_t)k;
		done++;
	}
	while (done < max && b->scan < nev) {
		if (b->scan + BROWSE_AHEAD < nev)
			browse_prefetch(&ev[b->scan + BROWSE_AHEAD]);
		k = b->scan++;
		if (query_match(b->filter, b->tl, &ev[k]))
			b->shown[b->nshown++] = (uint32_t)k;
		done++;
	}
	b->tested += done;
	if (b->nshown != before)
		b->version++;
	if (b->anchor != SIZE_MAX)
		browse_place(b, b->anchor);
	else
		browse_clamp(b);
	if (browse_filtering(b))
		return false;
	free(b->pend);
	b->pend = NULL;
	b->npend = b->pend_at = 0;
	return true;
}

void
browse_filter_finish(struct browse *b)
{
	if (browse_filtering(b))
		(void)browse_filter_run(b, SIZE_MAX);
}

unsigned
browse_filter_percent(const struct browse *b)
{
	return b->total == 0 ? 100 : (unsigned)(b->tested * 100 / b->total);
}

void
browse_init(struct browse *b, const struct timeline *tl)
{
	memset(b, 0, sizeof *b);
	b->tl = tl;
	browse_filter_setup(b, false);
}

void
browse_free(struct browse *b)
{
	if (b->filter != NULL)
		query_free(b->filter);
	free(b->filter_text);
	free(b->search);
	free(b->shown);
	free(b->trail);
	free(b->pend);
	memset(b, 0, sizeof *b);
}

void
browse_reset(struct browse *b, const struct timeline *tl,
    const char *keep_id, date_time keep_time)
{
	const struct tl_event	*e;
	size_t			 row;

	b->tl = tl;
	b->ntrail = 0;
	b->anchor = SIZE_MAX;
	browse_filter_setup(b, false);
	browse_filter_finish(b);
	if (keep_id != NULL && (e = timeline_find_id(tl, keep_id)) != NULL) {
		browse_place(b, (size_t)(e - tl->events));
		return;
	}
	row = browse_row_at_time(b, keep_time);
	b->cursor = row < b->nshown ? row : (b->nshown > 0 ? b->nshown - 1 : 0);
	browse_clamp(b);
}

const struct tl_event *
browse_current(const struct browse *b)
{
	if (b->nshown == 0)
		return NULL;
	return &b->tl->events[b->shown[b->cursor]];
}

size_t
browse_current_index(const struct browse *b)
{
	return b->nshown == 0 ? SIZE_MAX : b->shown[b->cursor];
}

bool
browse_filter_begin(struct browse *b, const char *text, char **err,
    size_t *err_col)
{
	struct query	*q = NULL;
	const char	*p = text;
	bool		 narrow;

	while (p != NULL && (*p == ' ' || *p == '\t'))
		p++;
	if (p != NULL && *p != '\0' &&
	    (q = query_parse_env(text, b->env, err, err_col)) == NULL)
		return false;
	/* The cursor's event before this typing began. */
	if (!browse_filtering(b))
		b->anchor = browse_current_index(b);
	/* The same text again is asked for when what it matches changed
	 * (marks, changes since a commit): every event is tested again. */
	narrow = q != NULL && (b->filter_text == NULL ||
	    strcmp(b->filter_text, text) != 0) &&
	    (query_narrows(b->filter_text, text) ||
	    query_implies(q, b->filter));
	if (b->filter != NULL)
		query_free(b->filter);
	free(b->filter_text);
	b->filter = q;
	b->filter_text = q != NULL ? xstrdup(text) : NULL;
	browse_filter_setup(b, narrow);
	if (b->anchor != SIZE_MAX)
		browse_place(b, b->anchor);
	else
		browse_clamp(b);
	return true;
}

bool
browse_set_filter(struct browse *b, const char *text, char **err,
    size_t *err_col)
{
	if (!browse_filter_begin(b, text, err, err_col))
		return false;
	browse_filter_finish(b);
	return true;
}

bool
browse_move_to(struct browse *b, size_t row)
{
	size_t	old = b->cursor;

	if (b->nshown == 0)
		return false;
	b->cursor = row < b->nshown ? row : b->nshown - 1;
	return b->cursor != old;
}

bool
browse_move(struct browse *b, long delta)
{
	size_t	row;

	if (b->nshown == 0)
		return false;
	if (delta < 0)
		row = (size_t)-delta > b->cursor ? 0 : b->cursor - (size_t)-delta;
	else
		row = (size_t)delta > b->nshown - 1 - b->cursor ?
		    b->nshown - 1 : b->cursor + (size_t)delta;
	return browse_move_to(b, row);
}

void
browse_fit(struct browse *b, size_t height)
{
	browse_clamp(b);
	if (height == 0 || b->nshown == 0)
		return;
	if (b->cursor < b->top)
		b->top = b->cursor;
	else if (b->cursor >= b->top + height)
		b->top = b->cursor - height + 1;
	/* No empty rows below the last event while earlier ones fit. */
	if (b->nshown >= height && b->top > b->nshown - height)
		b->top = b->nshown - height;
	else if (b->nshown < height)
		b->top = 0;
}

/* --- search -------------------------------------------------------------- */

static bool
browse_has(const struct browse *b, const char *s)
{
	return s != NULL && text_contains_folded(s, strlen(s), b->search,
	    b->search_len);
}

static bool
browse_has_any(const struct browse *b, const char *const *v, uint32_t n)
{
	uint32_t	i;

	for (i = 0; i < n; i++)
		if (browse_has(b, v[i]))
			return true;
	return false;
}

bool
browse_is_match(const struct browse *b, const struct tl_event *e)
{
	uint32_t	i;

	if (b->search == NULL)
		return false;
	if (browse_has(b, e->title) || browse_has(b, e->description) ||
	    browse_has_any(b, e->actors, e->nactors) ||
	    browse_has_any(b, e->tags, e->ntags))
		return true;
	for (i = 0; i < e->nnotes; i++)
		if (browse_has(b, e->notes[i].text))
			return true;
	return false;
}

/* Scan for a match from the cursor in direction dir, wrapping once; skip
 * is 0 to include the cursor's row, 1 to start at the next one. */
static bool
browse_scan(struct browse *b, size_t skip, int dir, bool *wrapped)
{
	size_t	i, row, n = b->nshown, origin = b->cursor;

	for (i = skip; i < n + skip; i++) {
		if (dir > 0) {
			row = (origin + i) % n;
			*wrapped = origin + i >= n;
		} else {
			row = (origin + n - i % n) % n;
			*wrapped = i > origin;
		}
		if (browse_is_match(b, &b->tl->events[b->shown[row]])) {
			b->cursor = row;
			return true;
		}
	}
	*wrapped = false;
	return false;
}

bool
browse_search(struct browse *b, const char *term, int dir, bool *wrapped)
{
	struct buf	f = BUF_INIT;

	free(b->search);
	b->search = NULL;
	b->search_len = 0;
	*wrapped = false;
	if (term == NULL || *term == '\0')
		return false;
	text_fold(&f, term, strlen(term));
	b->search_len = f.len;
	b->search = buf_detach(&f);
	if (b->nshown == 0)
		return false;
	return browse_scan(b, 0, dir, wrapped);
}

bool
browse_search_next(struct browse *b, int dir, bool *wrapped)
{
	*wrapped = false;
	if (b->search == NULL || b->nshown == 0)
		return false;
	return browse_scan(b, 1, dir, wrapped);
}

/* --- dates --------------------------------------------------------------- */

bool
browse_goto_date(struct browse *b, const struct date_range *r)
{
	size_t		row, i;
	date_time	t;

	if (b->nshown == 0)
		return false;
	row = browse_row_at_time(b, r->earliest);
	if (row == b->nshown ||
	    b->tl->events[b->shown[row]].date.earliest > r->latest)
		/* none starts in r: the nearest before that reaches it
		 * (an ongoing or open end does not count) */
		for (i = row; i-- > 0;)
			if ((t = tl_event_latest(&b->tl->events[b->shown[i]])) >=
			    r->earliest && t < DATE_MAX) {
				row = i;
				break;
			}
	b->cursor = row < b->nshown ? row : b->nshown - 1;
	return true;
}

bool
browse_step_period(struct browse *b, enum ruler_zoom zoom, int dir)
{
	const struct tl_event	*e = browse_current(b);
	date_time		 t, p;
	size_t			 row;

	if (e == NULL)
		return false;
	t = e->date.earliest;
	if (dir > 0) {
		p = t <= DATE_MIN ? DATE_MIN + 1 : ruler_step(zoom, t, 1);
		row = browse_row_at_time(b, p);
		if (row >= b->nshown)
			return false;
		b->cursor = row;
		return true;
	}
	for (p = t; p > DATE_MIN;) {
		p = ruler_step(zoom, p, -1);
		row = browse_row_at_time(b, p);
		if (row < b->cursor) {
			b->cursor = row;
			return true;
		}
		if (row == 0)
			break;
	}
	if (b->cursor > 0 && b->tl->events[b->shown[0]].date.earliest <= DATE_MIN) {
		b->cursor = 0;	/* the open-start events come first */
		return true;
	}
	return false;
}

/* --- related links ------------------------------------------------------- */

bool
browse_follow(struct browse *b, size_t n, bool *unfiltered)
{
	const struct tl_event	*e = browse_current(b), *to;
	size_t			 ev, row;

	*unfiltered = false;
	if (e == NULL || n >= e->nrelated ||
	    (to = timeline_find_id(b->tl, e->related[n].text)) == NULL)
		return false;
	ev = (size_t)(to - b->tl->events);
	b->trail = xreallocarray(b->trail, b->ntrail + 1, sizeof *b->trail);
	b->trail[b->ntrail++] = (uint32_t)browse_current_index(b);
	row = browse_row_of(b, ev);
	if (row >= b->nshown || b->shown[row] != ev) {
		char *err = NULL;

		browse_set_filter(b, NULL, &err, NULL);
		*unfiltered = true;
		row = browse_row_of(b, ev);
	}
	b->cursor = row;
	return true;
}

bool
browse_back(struct browse *b)
{
	size_t	ev, row;

	if (b->ntrail == 0)
		return false;
	ev = b->trail[--b->ntrail];
	row = browse_row_of(b, ev);
	if (row >= b->nshown || b->shown[row] != ev) {
		char *err = NULL;

		browse_set_filter(b, NULL, &err, NULL);
		row = browse_row_of(b, ev);
	}
	b->cursor = row < b->nshown ? row : b->cursor;
	return true;
}
