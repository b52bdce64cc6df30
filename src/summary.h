/* SPDX-License-Identifier: MIT */
/*
 * Plain-text chronologies (SPEC section 8).
 *
 *	SUMMARY_NORMAL	a title heading, then events under year headings,
 *			one line each: date as written, title, [status]
 *	SUMMARY_BRIEF	one line per event, nothing else (for scripts)
 *	SUMMARY_FULL	as NORMAL, and under each event its description
 *			(wrapped to width), id, actors, tags, sources,
 *			related ids and notes
 *
 * All text from files goes through the sanitiser.  Output is written to
 * the stream given; nothing else is printed.
 */
#ifndef TLV_SUMMARY_H
#define TLV_SUMMARY_H

#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>

struct query;
struct timeline;

enum summary_mode {
	SUMMARY_NORMAL,
	SUMMARY_BRIEF,
	SUMMARY_FULL
};

struct summary_opts {
	enum summary_mode	 mode;
	size_t			 width;	/* for wrapping (--full); >= 20 */
	const struct query	*query;	/* NULL: every event */
	bool			 ascii;	/* for a terminal without UTF-8:
					   non-ASCII as <U+XXXX> */
};

/* Print the events of tl that match; returns how many were printed. */
size_t	summary_print(FILE *, const struct timeline *,
	    const struct summary_opts *);

/*
 * Append what --full prints under an event (description, id, end, actors,
 * tags, sources, related ids, notes), wrapped to width, each line after
 * indent (a labelled line's continuation hangs under its value: as many
 * spaces as indent and label); for the viewer's detail pane.  ascii: text
 * beyond ASCII as <U+XXXX>, wrapped as wide as that is.
 */
struct buf;
struct tl_event;
void	summary_event_details(struct buf *, const struct timeline *,
	    const struct tl_event *, size_t width, const char *indent,
	    bool ascii);

#endif
