/* SPDX-License-Identifier: MIT */
/*
 * The in-memory timeline: every event of every loaded file, in one array
 * sorted as SPEC section 2 says (earliest, then latest, then load order).
 *
 * Ownership: the timeline owns everything reachable from it.  Strings and
 * per-event arrays live in the timeline's arena (tl->arena), so an event is a
 * flat record with no malloc of its own; they stay valid until
 * timeline_free().  Text fields are NUL-terminated UTF-8 without NUL inside
 * (the loader rejects scalars with NUL).  Optional text fields are NULL when
 * absent, never "".
 *
 * Positions: every event knows its file and its byte span in that file;
 * the span of each of its keys and values (struct tl_key) is found on
 * demand by yamlio_event_keys(), from the file's bytes, so that the editor
 * can patch the file in place without a million key records in memory --
 * but kept from the load for the few events too big to parse again
 * cheaply (struct tl_keys).
 * Byte offsets are 0-based; line and column are 1-based, the column
 * counting characters.
 */
#ifndef TLV_TIMELINE_H
#define TLV_TIMELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "idindex.h"

enum tl_status {
	TL_STATUS_NONE = 0,
	TL_STATUS_CONFIRMED,
	TL_STATUS_REPORTED,
	TL_STATUS_ALLEGED,
	TL_STATUS_DISPUTED,
	TL_STATUS_DENIED,
	TL_STATUS_COUNT
};

/* A stretch of a file: bytes [start, end), and where start is.  Offsets
 * in 32 bits keep an event small: no file (or buffer parsed as one) over
 * TL_MAX_FILE_SIZE bytes is read. */
#define TL_MAX_FILE_SIZE	((size_t)UINT32_MAX)

struct tl_span {
	uint32_t	start;
	uint32_t	end;
	uint32_t	line;
	uint32_t	col;
};

/* One key of an event mapping and its value, in file order (see
 * yamlio_event_keys). */
struct tl_key {
	const char	*name;
	struct tl_span	 key;
	struct tl_span	 value;
};

/* How a related event relates (SPEC section 10), read from the event that
 * states it: "this event contradicts that one". */
enum tl_rel {
	TL_REL_NONE = 0,	/* a plain id */
	TL_REL_SUPPORTS,
	TL_REL_CONTRADICTS,
	TL_REL_RETRACTS,
	TL_REL_SUPERSEDES,
	TL_REL_FOLLOWS,
	TL_REL_COUNT
};

#define TL_REF_MAX_COL	0xFFFFFFFu	/* columns beyond are stored as it */

/* A string with the place it came from (related ids, for diagnostics),
 * and for a related id its relation (an enum tl_rel; 0 for other uses).
 * The column shares a word with it: a related id is no further than
 * TL_REF_MAX_COL characters into its line, or is said to be there. */
struct tl_ref {
	const char	*text;
	uint32_t	 line;
	unsigned	 col : 28;
	unsigned	 rel : 4;
};

/* What few sources have: the outlet they relay and an archived copy. */
struct tl_source_more {
	const char		*via;		/* an outlet, or NULL */
	const char		*archive;	/* a URL, or NULL */
};

struct tl_source {
	const char		*outlet;	/* or NULL; a plain-text source
						   that is not a URL is its
						   outlet */
	const char		*url;		/* or NULL */
	const char		*title;		/* or NULL */
	const char		*date_text;	/* as written (a valid date), or
						   NULL */
};

/* One change of an event's verdict (SPEC section 10). */
struct tl_verdict {
	const char		*date_text;	/* as written, never NULL */
	const char		*by;		/* or NULL */
	const char		*text;		/* or NULL */
	struct date_range	 date;
	enum tl_status		 status;	/* never TL_STATUS_NONE, but in
						   the entry ending the list */
};

struct tl_note {
	const char	*at;	/* as written, or NULL */
	const char	*by;	/* or NULL */
	const char	*text;	/* never NULL */
};

/* The key spans of an event of at least TL_KEYS_MIN bytes, as the load
 * found them (yamlio_event_keys gives them instead of parsing its bytes
 * again): offsets relative to the event's span.start and lines to its
 * span.line, so they stay right when a change elsewhere moves the event.
 * Known key names are yamlio's own strings, others in the arena. */
#ifndef TL_KEYS_MIN		/* a fuzzing build sets it low (fuzz/README) */
#define TL_KEYS_MIN	((uint32_t)256 * 1024)
#endif

struct tl_keys {
	uint32_t		 n;
	struct tl_key		 v[];
};

/* What few events have: an end date, the claims of SPEC section 10, the
 * key spans of a big event. */
struct tl_extra {
	struct date_range	 end;		/* valid if the event's
						   end_text */
	struct tl_verdict	*verdicts;	/* ended by a TL_STATUS_NONE
						   entry, or NULL */
	struct tl_source_more	*more;		/* one per source (nsources),
						   or NULL */
	struct tl_keys		*keys;		/* an event of TL_KEYS_MIN
						   bytes or more, or NULL */
};

struct tl_event {
	/* Pointers and 8-byte fields first, then 4-byte ones: no padding
	 * (a million events are most of a big timeline's memory). */
	const char		*id;		/* or NULL */
	const char		*title;		/* never NULL */
	const char		*description;	/* or NULL */
	const char		*date_text;	/* as written, never NULL */
	const char		*end_text;	/* as written, or NULL; then
						   tl_event_end() is where */
	struct date_range	 date;		/* date.earliest sorts first */

	const char		**tags;
	const char		**actors;
	struct tl_source	*sources;
	struct tl_ref		*related;
	struct tl_note		*notes;
	/* The end's range, verdicts and sources' via and archive, or NULL:
	 * few events have any, so they are one pointer away (see
	 * tl_event_end, tl_event_verdicts and tl_event_source_more; never
	 * NULL when end_text is not). */
	struct tl_extra		*extra;
	struct tl_span		 span;	/* the whole event mapping */

	uint32_t		 ntags, nactors, nsources, nrelated, nnotes;
	/* Where the id's value is: lines after span.line in the high 8
	 * bits (an id is near its event's top), the column in the low 24
	 * (a JSON file may be one long line); 0 when unknown or too far to
	 * say.  See tl_event_id_pos(). */
	uint32_t		 id_at;
	uint32_t		 file;	/* index into tl->files */
	enum tl_status		 status;
};

enum tl_format {
	TL_FORMAT_TLV = 0,
	TL_FORMAT_TIMELINEJS
};

struct tl_file {
	char		*path;		/* as given (or found in a directory) */
	const char	*title;		/* from the file, else its base name */
	const char	*description;	/* or NULL */
	enum tl_format	 format;
	bool		 failed;	/* could not be read or parsed at all */
	bool		 stale;		/* broke on disk: its events are the
					   last good ones (load_paths_keep),
					   not what the file holds now */
	size_t		 nevents;	/* events loaded from it */
	size_t		 errors;	/* diagnostics of severity error */
	size_t		 size;		/* bytes on disk when loaded */
	uint64_t	 hash;		/* load_hash() of those bytes */
	uint32_t	 events_line;	/* line of "events:" (0 if none) */

	/* Where the events list is, for the editor (byte offsets). */
	size_t		 events_key_end;	/* after the "events" key */
	size_t		 events_start;	/* the list's first '-' or '[' */
	size_t		 events_end;	/* end of its last item (flow: after
					   the ']') */
	size_t		 events_last;	/* where its last item begins (0 if
					   none) */
	uint32_t	 events_indent;	/* column of the items' '-' */
	uint32_t	 nitems;	/* items in the list, good or bad */
	bool		 events_flow;	/* events: [ ... ] */
	bool		 events_empty_value; /* "events:" with no list */
	bool		 refs;		/* an anchor or an alias was seen in
					   it (or in a change saved since) */
	bool		 html;		/* titles and descriptions are HTML
					   (TimelineJS, or "markup: html") */
	const char	*title_html;	/* HTML title and description when */
	const char	*description_html; /* they differ from the text, or
					   NULL */
	const char	*tljs_title;	/* TimelineJS: the title slide's other
					   keys, as JSON members, or NULL */
	const char	*tljs_top;	/* ... and the file's (eras, scale) */
};

/* What a TimelineJS slide has beyond tlv's fields (SPEC section 9), for
 * an export to TimelineJS to give back: its headline and text as HTML
 * (the event shows their readable text, html_to_text), its display date,
 * and its other keys (media, background, ...) as JSON members ("\"media\":
 * {...}, ...", no braces), those of its start_date and end_date apart.
 * Only events with something here have one; the event is found by its
 * file and its span's start (timeline_html). */
struct tl_html {
	uint32_t	 file;
	uint32_t	 start;
	const char	*title;		/* HTML, or NULL: the title's text */
	const char	*text;		/* HTML, or NULL: the description */
	bool		 html;		/* title and text are set */
	const char	*display;	/* display_date, or NULL */
	const char	*extra;		/* JSON members, or NULL */
	const char	*start_extra;	/* start_date's display_date ... */
	const char	*end_extra;
};

/* The id of an event that was not loaded because it had errors: kept so
 * that the checks across files still report its id used twice (SPEC
 * section 6: every problem in one run). */
struct tl_dropped_id {
	const char	*id;		/* or NULL (an event kept for related) */
	struct tl_ref	*related;	/* its related ids, still checked */
	uint32_t	 nrelated;
	uint32_t	 file;
	uint32_t	 start;		/* byte offset of the event */
	uint32_t	 line;		/* of the id's value */
	uint32_t	 col;
};

struct timeline {
	struct tl_file		*files;
	size_t			 nfiles;
	/* In load order until timeline_sort; "the first loaded" of
	 * anything is decided in that order (the id index is built in it
	 * and kept through the sort). */
	struct tl_event		*events;
	size_t			 nevents;
	size_t			 cap;
	struct arena		 arena;
	/* The events by id (idindex.h; the keys are the events' ids),
	 * built by load_check or timeline_sort; not built (ids.slots NULL)
	 * until then or after a change. */
	struct idindex		 ids;
	/* Ids of events dropped for their errors, in load order. */
	struct tl_dropped_id	*dropped;
	size_t			 ndropped;
	size_t			 dropped_cap;
	struct tl_html		*html;	/* in load order */
	size_t			 nhtml, caphtml;
	/* What changed in each event since a commit (STORYDIFF_* bits,
	 * changes.h), nevents of them; NULL when not known.  Set after
	 * the load; dropped when events are added, dropped or sorted. */
	uint8_t			*changed;
};

#define TIMELINE_INIT { NULL, 0, NULL, 0, 0, ARENA_INIT, IDINDEX_INIT, NULL, \
	0, 0, NULL, 0, 0, NULL }

/* The event's last instant, which sorts second: the later of its date's
 * and its end's. */
static inline date_time
tl_event_latest(const struct tl_event *e)
{
	return e->end_text != NULL && e->extra->end.latest > e->date.latest ?
	    e->extra->end.latest : e->date.latest;
}

/* No end: all zero. */
extern const struct date_range tl_no_end;

/* The range of e's end: meaningful when e->end_text is not NULL (else
 * zeroes).  Never NULL. */
static inline const struct date_range *
tl_event_end(const struct tl_event *e)
{
	return e->extra != NULL ? &e->extra->end : &tl_no_end;
}

#define TL_ID_LINES	0xFFu		/* see tl_event.id_at */
#define TL_ID_COLS	0xFFFFFFu

/* Remember where the id's value is (line and column in the file). */
static inline void
tl_event_set_id_pos(struct tl_event *e, uint32_t line, uint32_t col)
{
	uint32_t	d = line - e->span.line;

	e->id_at = line >= e->span.line && d <= TL_ID_LINES &&
	    col <= TL_ID_COLS ? d << 24 | col : 0;
}

/* Where the id's value is; where the event starts if that is unknown. */
static inline void
tl_event_id_pos(const struct tl_event *e, uint32_t *line, uint32_t *col)
{
	*line = e->span.line + (e->id_at != 0 ? e->id_at >> 24 : 0);
	*col = e->id_at != 0 ? e->id_at & TL_ID_COLS : e->span.col;
}

/* The verdict's history, oldest first, ended by an entry whose status is
 * TL_STATUS_NONE; NULL when e has none. */
static inline const struct tl_verdict *
tl_event_verdicts(const struct tl_event *e)
{
	return e->extra != NULL ? e->extra->verdicts : NULL;
}

/* How many verdicts e has. */
static inline uint32_t
tl_event_nverdicts(const struct tl_event *e)
{
	const struct tl_verdict	*v = tl_event_verdicts(e);
	uint32_t		 n = 0;

	if (v != NULL)
		while (v[n].status != TL_STATUS_NONE)
			n++;
	return n;
}

/* The via and archive of e's source i, or NULL if no source of e has
 * either (then neither has it). */
static inline const struct tl_source_more *
tl_event_source_more(const struct tl_event *e, uint32_t i)
{
	return e->extra != NULL && e->extra->more != NULL &&
	    i < e->nsources ? &e->extra->more[i] : NULL;
}

/* Relation names ("supports", ...); "" for TL_REL_NONE. */
const char	*tl_rel_name(enum tl_rel);
/* Parse a relation name (case-insensitive); false if unknown. */
bool		 tl_rel_parse(const char *, size_t, enum tl_rel *);
/* Status names ("confirmed", ...); "" for TL_STATUS_NONE. */
const char	*tl_status_name(enum tl_status);
/* Parse a status name (case-insensitive); false if unknown. */
bool		 tl_status_parse(const char *, size_t, enum tl_status *);

/* Add a file record; returns its index.  path is copied. */
uint32_t	 timeline_add_file(struct timeline *, const char *path);
/* Append a zeroed event for file; returns it (valid until the next add). */
struct tl_event	*timeline_add_event(struct timeline *, uint32_t file);
/* Room for n events in all (events may move). */
void		 timeline_reserve(struct timeline *, size_t n);
/* Whether a and b say the same: every field as loaded (id, title,
 * description, dates as written and as read, status, tags, actors,
 * sources with their via and archive, relations, notes, verdicts) -- not
 * where they are (file, span, lines).  Any two timelines. */
bool		 tl_event_same(const struct tl_event *, const struct tl_event *);
/* The same two strings (both NULL, or equal); the same range. */
bool		 tl_str_same(const char *, const char *);
bool		 tl_range_same(const struct date_range *,
		    const struct date_range *);
/* A copy of e (of any timeline) as an event of dst's file, every string
 * and array in dst's arena.  Returns it (valid until the next add). */
struct tl_event	*timeline_copy_event(struct timeline *dst, uint32_t file,
		    const struct tl_event *e);
/* e's extra record, made (zeroed, in a) when it has none. */
struct tl_extra	*tl_event_extra(struct arena *a, struct tl_event *e);
/* Give e an end: text (kept as it is, or NULL for none) and its range. */
void		 tl_event_set_end(struct arena *a, struct tl_event *e,
		    const char *text, const struct date_range *end);
/* Drop events from index n on (used when a file fails half-way). */
void		 timeline_truncate(struct timeline *, size_t n);
/* Remember the id and related ids of an event about to be dropped for its
 * errors (copied; nothing if it has neither). */
void		 timeline_add_dropped(struct timeline *, const struct tl_event *);
/* Sort all events (once, from load order) and index their ids. */
void		 timeline_sort(struct timeline *);
/* timeline_sort in two steps: the order, which only reads the events (so
 * another thread can work it out while they are checked), then the
 * events put in it (from is freed). */
uint32_t	*timeline_sort_order(const struct timeline *);
void		 timeline_sort_apply(struct timeline *, uint32_t *from);
/* Index the ids of events in load order (timeline_sort does it first, or
 * keeps an index built before).  dup, if not NULL, is called for each
 * duplicate: the indexes of the first loaded event of the id and of the
 * other. */
void		 timeline_index(struct timeline *,
		    void (*dup)(void *, size_t first, size_t again),
		    void *ctx);
/* Find an event by id (the first loaded, if several); NULL if none.
 * Hashed after timeline_sort, linear before. */
struct tl_event	*timeline_find_id(const struct timeline *, const char *id);
/* The HTML of event e (see struct tl_html), or NULL. */
const struct tl_html *timeline_html(const struct timeline *,
		    const struct tl_event *e);
/* The events (other than id's own) whose related list names id, appended
 * to b as "x, y" (by id, or by title in quotes when they have none);
 * returns how many.  For saying what a deletion leaves dangling. */
size_t		 timeline_links_to(const struct timeline *, const char *id,
		    struct buf *b);
/* Display title of the whole timeline: one file's title, or several joined
 * with " + " (distinct titles only), into a malloc'd string. */
char		*timeline_title(const struct timeline *);
void		 timeline_free(struct timeline *);
/*
 * Free the events and all the text they and the files point to, keeping
 * the files' paths and what was read off them (size, hash, where the
 * events list is): what a save still needs once its change is planned
 * and checked (save_job's checked), so that the new file's pages can be
 * the loaded model's.  timeline_free still frees the rest.
 */
void		 timeline_drop_events(struct timeline *);

#endif
