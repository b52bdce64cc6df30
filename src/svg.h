/* SPDX-License-Identifier: MIT */
/*
 * 'tlv export --format svg': the timeline view's picture (lanes.h) as a
 * standalone SVG 1.1 document for a report or a browser.  Plain C, no
 * curses.
 *
 * The same layout rules as the viewer: a time axis across the top with the
 * ruler's tick labels (whole span of the events kept, RULER_ZOOM_ALL);
 * lanes as bands with their names at the left; each event a bar from its
 * earliest to its latest instant on a row of its lane (first-fit
 * packing), its certain part solid and its fuzzy part lighter (and
 * hatched, so the difference survives a grey-scale print); a point
 * narrower than a few pixels a diamond; '?'/'~' written after the title;
 * an ongoing end an arrow at the right edge, an open start one at the
 * left; each source's publication date a small dark tick on the event's
 * row; colours by status with a legend; a lane with more rows than
 * SVG_MAX_ROWS a density strip with "+N".  Titles are written on the bar's
 * row from its start, cut (with "…") where the next bar on the row begins.
 *
 * Text from files is sanitised (text_fit: no control characters, one
 * line) and XML-escaped (& < > " '), so any title makes well-formed XML.
 */
#ifndef TLV_SVG_H
#define TLV_SVG_H

#include <stddef.h>
#include <stdio.h>

#include "lanes.h"

struct query;
struct timeline;

/* Rows one lane may take before the rest shows as a density. */
#define SVG_MAX_ROWS	24

/* Write the events of tl that q keeps (NULL: all) in lanes of mode to
 * fp; returns the number of events kept.  Write errors are left in fp's
 * error flag. */
size_t	 svg_write(FILE *fp, const struct timeline *tl, const struct query *q,
	    enum lanes_mode mode);

/* XML text: sanitised (one line) and & < > " ' escaped. */
struct buf;
void	 svg_text(struct buf *, const char *s, size_t len);

#endif
