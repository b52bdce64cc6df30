/* SPDX-License-Identifier: MIT */
/*
 * What the viewer shows, without curses: the events that pass the filter,
 * the cursor among them, the first row on screen, the search term, and the
 * trail of related links followed.  The viewer draws this state; every key
 * that moves or filters changes it through these functions, so all of it
 * is tested without a terminal.
 *
 * Ownership: a browse borrows the timeline (which must outlive it, or be
 * handed over again with browse_reset after a reload) and owns its index
 * arrays, its query and its strings.
 */
#ifndef TLV_BROWSE_H
#define TLV_BROWSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "ruler.h"

struct query;
struct query_env;
struct timeline;
struct tl_event;

struct browse {
	const struct timeline	*tl;
	uint32_t		*shown;		/* indexes into tl->events */
	size_t			 nshown;
	size_t			 cursor;	/* index into shown */
	size_t			 top;		/* first row on screen */
	struct query		*filter;	/* NULL: everything */
	char			*filter_text;	/* NULL when no filter */
	const struct query_env	*env;		/* for the filter's @NAME and
						   has:mark, or NULL; borrowed
						   (set after browse_init) */
	char			*search;	/* folded search term, or NULL */
	size_t			 search_len;
	uint32_t		*trail;		/* events left by 'r', for back */
	size_t			 ntrail;

	/* A filter still being applied (see browse_filter_begin): the events
	 * left to test are pend[pend_at..npend), then tl->events from scan
	 * on -- all after those in shown[]. */
	uint32_t		*pend;
	size_t			 npend, pend_at;
	size_t			 scan;
	size_t			 anchor;	/* the event the cursor stays
						   nearest to, or SIZE_MAX */
	size_t			 tested, total;
	uint64_t		 version;	/* changes with shown[] */
};

void	 browse_init(struct browse *, const struct timeline *);
void	 browse_free(struct browse *);

/*
 * A new timeline (after a reload): refilter with the current filter and put
 * the cursor on the event with id keep_id if it is still there (else on
 * the event nearest in time to keep_time).  The trail is cleared.
 */
void	 browse_reset(struct browse *, const struct timeline *,
	    const char *keep_id, date_time keep_time);

/*
 * Filter with query text (NULL or blank: no filter).  On a parse error the
 * previous filter stays in force and false is returned with *err (malloc'd)
 * and *err_col.  On success the cursor stays on the same event if it still
 * passes, else on the nearest one in time.  The same text as the filter
 * in force tests every event again (what it matches changed: marks, the
 * changes since a commit).
 */
bool	 browse_set_filter(struct browse *, const char *text, char **err,
	    size_t *err_col);

/*
 * The same a slice at a time, so that typing a filter over a million
 * events never waits for all of them: browse_filter_begin() sets the
 * filter and tests nothing yet; each browse_filter_run() tests up to max
 * events, shown[] growing in order with the cursor kept nearest to the
 * event it was on, and returns true once every event is tested.  While
 * browse_filtering() is true only the cursor and shown[] so far are
 * meaningful: browse_filter_finish() completes it (every other function
 * expects a finished filter).  A narrower filter begun meanwhile tests
 * again only what passed so far and what was not tested yet.
 */
bool	 browse_filter_begin(struct browse *, const char *text, char **err,
	    size_t *err_col);
bool	 browse_filter_run(struct browse *, size_t max);
void	 browse_filter_finish(struct browse *);
bool	 browse_filtering(const struct browse *);
/* How much of the filter is done, 0..100. */
unsigned browse_filter_percent(const struct browse *);

/* The event under the cursor, or NULL when nothing is shown. */
const struct tl_event *browse_current(const struct browse *);
/* Index into tl->events of the cursor's event; SIZE_MAX if none. */
size_t	 browse_current_index(const struct browse *);

/* Move the cursor by delta rows (clamped); returns true if it moved. */
bool	 browse_move(struct browse *, long delta);
bool	 browse_move_to(struct browse *, size_t row);
/* Keep the cursor visible in a list of height rows (adjusts top). */
void	 browse_fit(struct browse *, size_t height);

/*
 * Set the search term (NULL clears) and move to the first match at or
 * after the cursor (dir > 0) or at or before it (dir < 0), wrapping.
 * browse_search_next() moves to the next/previous match strictly after or
 * before the cursor, wrapping.  Both return false when nothing matches.
 * *wrapped says whether the search went round the end.
 */
bool	 browse_search(struct browse *, const char *term, int dir,
	    bool *wrapped);
bool	 browse_search_next(struct browse *, int dir, bool *wrapped);
/* Does the event match the search term (title, description, actors,
 * tags, notes)? */
bool	 browse_is_match(const struct browse *, const struct tl_event *);

/* Cursor to the first shown event starting in r; when none does, to the
 * last one starting before r whose range reaches into it (an interval or
 * a coarse date over r's earliest; not an ongoing or open end), else to the first starting after r
 * (the last event if none); false if nothing is shown. */
bool	 browse_goto_date(struct browse *, const struct date_range *);

/* Cursor to the first event of the next (dir > 0) or previous period
 * (ruler_step at zoom); false if there is none. */
bool	 browse_step_period(struct browse *, enum ruler_zoom, int dir);

/*
 * Follow the cursor event's n-th related id (0-based): the cursor goes to
 * that event (clearing the filter if it hides it: *unfiltered is set) and
 * the old position is pushed on the trail.  False if there is no such id
 * or it matches no loaded event.
 */
bool	 browse_follow(struct browse *, size_t n, bool *unfiltered);
/* Back along the trail; false if it is empty. */
bool	 browse_back(struct browse *);

#endif
