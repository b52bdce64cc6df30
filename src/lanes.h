/* SPDX-License-Identifier: MIT */
/*
 * The timeline view's layout (SPEC section 5, "The timeline view"), without
 * curses: the viewer's lanes view and 'tlv export --format svg' draw what
 * this computes.
 *
 * Time runs left to right on a struct ruler (ruler.h): an event's range
 * [lo, hi] covers the columns from ruler_col(lo) to ruler_col(hi), clipped
 * to the ruler (lanes_cols).  Events are sorted into lanes by a key (file,
 * actor, tag, status, outlet, or one lane for all); an event with two
 * actors is in both actor lanes.  Within a lane, events that would share a
 * column go on rows of their own: first-fit interval packing in time order,
 * with a gap of one column between neighbours on a row.  A lane with more
 * rows than it is given shows its last row as the density of the events
 * that did not get a row, and counts them.
 *
 * The fuzzy part of a date (lanes_when): a single date coarser than a day
 * ("late 2022", "2022-10", "2022") is all fuzzy, the event happened some
 * time in it; an interval ("2022-09/2022-12", or a date with an end) is
 * certain from its start to its end, and each end coarser than a month
 * ("late 2022" as a start) is fuzzy over its own range.
 *
 * Only the events inside the window are visited, and within a lane only
 * those that get a row: struct lanes_keys keeps each lane's events in time
 * order with their earliest and latest instants, and the latest again
 * sorted.  The layout walks a lane from the first event that can reach the
 * window (blocks of events that end before it are skipped whole); once
 * every row is taken up to some column, a binary search jumps to the
 * first event starting at or after it, as every event between has no row.
 * The count of a crowded lane is the events meeting the window (two
 * binary searches: those starting before its end minus those ending
 * before its start) minus those given rows, and its density per column
 * the same sum over the column's instants.
 *
 * Ownership: the keys borrow the timeline's strings (lane names) and own
 * their arrays; they are made for one array of shown events: rebuild after
 * a filter or a reload.  A layout needs neither once made: it owns its
 * items, lanes and density counts until lanes_layout_free().
 */
#ifndef TLV_LANES_H
#define TLV_LANES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "ruler.h"

struct timeline;
struct tl_event;
struct tl_source;

enum lanes_mode {
	LANES_FILE,
	LANES_ACTOR,
	LANES_TAG,
	LANES_STATUS,
	LANES_OUTLET,
	LANES_NONE,
	LANES_NMODES
};

/* "file", "actor", ... "none"; "" out of range. */
const char	*lanes_mode_name(enum lanes_mode);
/* The mode named (exactly, as lanes_mode_name gives it); false if none. */
bool		 lanes_mode_parse(const char *, enum lanes_mode *);
#define LANES_MODE_NAMES	"file, actor, tag, status, outlet, none"
/* The mode 'L' goes to: file -> actor -> tag -> status -> outlet -> none
 * -> file. */
enum lanes_mode	 lanes_mode_next(enum lanes_mode);

/* --- an event's time ----------------------------------------------------- */

#define LANES_OPEN_START	0x01	/* no known start: from the left edge */
#define LANES_OPEN_END		0x02	/* no known end: to the right edge */
#define LANES_ONGOING		0x04	/* end: ongoing (with OPEN_END) */
#define LANES_UNCERTAIN		0x08	/* '?' on the date or its end */
#define LANES_APPROXIMATE	0x10	/* '~', circa */
#define LANES_POINT		0x20	/* one date, no interval */

struct lanes_when {
	date_time	lo, hi;		/* the whole range, closed; DATE_MIN,
					   DATE_MAX when open */
	date_time	solid_lo, solid_hi; /* the certain part; solid_lo >
					   solid_hi when it has none */
	unsigned	flags;
};

/* The parts of event e's time, as the header says. */
void	 lanes_when(const struct tl_event *e, struct lanes_when *);

/* Columns c0 <= c1 that [lo, hi] covers on the ruler, clipped to it;
 * false (c0, c1 untouched) when the range misses the ruler.  hi < lo
 * counts as the instant lo. */
bool	 lanes_cols(const struct ruler *, date_time lo, date_time hi,
	    long *c0, long *c1);

/* Whether the point event of w, over the columns [c0, c1] (a layout's
 * item), is drawn as one marker: a point no longer than a column, which
 * may still straddle two; *col is then the column of its middle instant,
 * within [c0, c1]. */
bool	 lanes_marker(const struct ruler *, const struct lanes_when *,
	    long c0, long c1, long *col);

/* A source's publication date (its earliest instant); false if it has
 * none (or one that does not parse). */
bool	 lanes_source_time(const struct tl_source *, date_time *);

#define LANES_BLOCK	64

/* --- lane keys ----------------------------------------------------------- */

struct lanes_keys {
	enum lanes_mode	 mode;
	const char	**names;	/* lane names (borrowed or static) */
	uint32_t	*count;		/* events in each lane */
	size_t		 nlanes;
	uint32_t	*first;		/* n + 1: lanes of position p are */
	uint32_t	*ids;		/* ids[first[p] .. first[p + 1]) */
	size_t		 n;
	/* The index by time: lane l's events are the entries lane_at[l] ..
	 * lane_at[l + 1] (the lanes' events one after the other). */
	uint32_t	*lane_at;	/* nlanes + 1 */
	uint32_t	*pos;		/* per entry: the position, ascending in
					   a lane */
	date_time	*lo, *hi;	/* per entry: earliest, latest (at least
					   earliest) */
	date_time	*ends;		/* a lane's hi sorted (each within
					   DATE_MIN .. DATE_MAX, as dates
					   are) */
	date_time	*reach;		/* per LANES_BLOCK entries (from entry
					   0, across lanes): the latest hi */
};

/*
 * The lanes of the shown events in a mode.  Lane order: files in load
 * order; statuses as tl_status (none last); actors, tags and outlets by
 * the number of events, most first (ties by name), and the events with
 * none in a last lane "(no actor)", "(no tag)", "(no outlet)".  LANES_NONE
 * has one lane, "".  Lanes with no event are not made.  The shown events
 * idx[0 .. n) must be in time order (earliest first), as shown[] is.
 */
void	 lanes_keys_build(struct lanes_keys *, const struct timeline *,
	    const uint32_t *idx, size_t n, enum lanes_mode);
void	 lanes_keys_free(struct lanes_keys *);

/* --- the layout of one frame --------------------------------------------- */

struct lanes_item {
	uint32_t	pos;		/* into the shown events */
	uint32_t	lane;		/* index into layout lanes[] */
	uint32_t	row;		/* within the lane */
	long		c0, c1;		/* columns, clipped */
};

struct lanes_lane {
	uint32_t	 key;		/* lane id in struct lanes_keys */
	uint32_t	 rows;		/* rows its events need (at most the
					   layout's max_rows) */
	uint32_t	 shown_rows;	/* rows given (lanes_layout_fit) */
	uint32_t	 y;		/* first row, from the top */
	size_t		 hidden;	/* events without a row of their own */
	uint32_t	*density;	/* width counts of those, or NULL */
	uint32_t	*row_end;	/* packing state (internal) */
	uint32_t	 full_until;	/* (internal) */
	size_t		 nitems;
};

struct lanes_layout {
	struct lanes_item	*items;	/* by lane, then in time order */
	size_t			 nitems, cap;
	struct lanes_lane	*lanes;	/* lanes with an event in the window,
					   in key order */
	size_t			 nlanes;
	size_t			 width;
	size_t			 hidden_lanes; /* left out by lanes_layout_fit */
	size_t			 visited;	/* events the walk placed */
};

#define LANES_LAYOUT_INIT { NULL, 0, 0, NULL, 0, 0, 0, 0 }

/*
 * Pack the shown events (of the keys) that meet the ruler's span into
 * lanes, each lane up to max_rows rows (at least 1): first fit, in
 * time order, an item needing columns [c0, c1 + gap] free.  Events that
 * fit no row count as hidden in their lane (and in its density, per
 * column they cover).  The layout is emptied first.
 */
void	 lanes_layout(struct lanes_layout *, const struct lanes_keys *,
	    const struct ruler *, size_t max_rows, size_t gap);

/*
 * Give the lanes height rows in all: each lane one row, from the top,
 * while rows remain (the others are hidden_lanes), then one more row to
 * each lane that needs it, in turn, until none is left or all have what
 * they need.  A lane given fewer rows than it needs (or with events that
 * found no row in lanes_layout) shows shown_rows - 1
 * rows of bars and, on its last row, the density of the rest: their items
 * are dropped from the layout and added to density and hidden.  Sets each
 * lane's y.
 */
void	 lanes_layout_fit(struct lanes_layout *, size_t height);

void	 lanes_layout_free(struct lanes_layout *);

#endif
