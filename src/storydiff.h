/* SPDX-License-Identifier: MIT */
/*
 * What changed in a story between two versions of a timeline file, by
 * event rather than by line (SPEC section 11), and a stable text form of
 * a file for git's textconv.  Plain C: no I/O, no curses; every text from
 * the files is sanitised (one line each).
 *
 * Events are matched by id (an event without one by its date and title).
 * One line per change: an event added or removed, re-dated (the dates as
 * written), re-titled, its verdict (status) changed or an entry added to
 * or removed from its verdicts list, a source or a note added or removed,
 * a source's via or archive set, changed or dropped, a relation added,
 * changed or removed (the related list in any order: a reorder is no
 * change), other fields changed (named).  Lines follow the new version's
 * chronology; removed events come last, in the old one's.
 */
#ifndef TLV_STORYDIFF_H
#define TLV_STORYDIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;
struct timeline;

/*
 * Append the changes from old to new (each one file's events, sorted) to
 * out, each line "  KIND  EVENT  DETAIL\n", KIND in colour if color.
 * Returns how many.
 */
size_t	 storydiff_lines(const struct timeline *old,
	    const struct timeline *new, bool color, struct buf *out);

/* What changed in one event (storydiff_marks): the same changes as the
 * lines of storydiff_lines, as bits. */
#define STORYDIFF_ADDED		0x01u	/* not in the old version */
#define STORYDIFF_DATE		0x02u	/* re-dated (date or end) */
#define STORYDIFF_TITLE		0x04u
#define STORYDIFF_STATUS	0x08u	/* verdict: status or verdicts list */
#define STORYDIFF_SOURCES	0x10u	/* a source added or removed, or its
					   via or archive changed */
#define STORYDIFF_NOTES		0x20u	/* a note added or removed */
#define STORYDIFF_OTHER		0x40u	/* description, tags, actors */
#define STORYDIFF_RELATED	0x80u	/* a relation added, changed, removed */
#define STORYDIFF_ANY		0xffu

/*
 * For each event of new that comes from file number file (the others are
 * left alone), set marks[i] (i its index in new->events) to what changed
 * in it since old (one file's events, sorted), 0 if nothing did; events
 * are matched as by storydiff_lines.  Returns how many of old's events
 * are gone.
 */
size_t	 storydiff_marks(const struct timeline *old,
	    const struct timeline *new, uint32_t file, uint8_t *marks);

/*
 * The events of tl (sorted) as stable text: each event a block of
 * "== ID" and one "key: value" line per field, in a fixed order (the
 * related ids sorted: their order is no change), so that a line diff of
 * two such texts shows changes by event.  The blocks go by id (those
 * without one last, by date), so a re-dated event's block stays where it
 * was and its diff is the one date line.
 */
void	 storydiff_text(const struct timeline *tl, struct buf *out);

#endif
