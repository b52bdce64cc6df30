/* SPDX-License-Identifier: MIT */
/*
 * The time ruler's maths: which span of time the ruler shows, the column of
 * an instant, tick marks and labels, and the density of events per column.
 * Plain C, no curses: the viewer draws what this computes.
 *
 * A ruler maps the half-open span [start, end) linearly onto width columns;
 * column c covers [ruler_time(c), ruler_time(c + 1)).  Spans are chosen on
 * calendar boundaries (whole decades, years, quarters, months, days) so
 * ticks fall on columns people recognise.
 *
 * All instants are UTC on the proleptic Gregorian calendar with
 * astronomical years (year 0 = 1 BC), as in date.h.  The column maths is
 * exact integer arithmetic: column c starts at start + ceil(c * span /
 * width), so every column of a framed ruler holds at least one second and
 * ruler_col(r, ruler_time(r, c)) == c for every c < width.
 *
 * A ruler is valid when 1 <= width <= RULER_WIDTH_MAX, end > start and
 * both lie within +-RULER_TIME_LIMIT; ruler_frame() always makes one.  On
 * an invalid ruler ruler_col() gives -1 or width, ruler_time() gives start,
 * ruler_ticks() none and ruler_density() all zeros.  Nothing here
 * allocates except ruler_density() (scratch, freed before it returns).
 */
#ifndef TLV_RULER_H
#define TLV_RULER_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"

struct timeline;

enum ruler_zoom {
	RULER_ZOOM_ALL,		/* the whole timeline */
	RULER_ZOOM_DECADE,	/* ten years around the cursor */
	RULER_ZOOM_YEAR,	/* one calendar year */
	RULER_ZOOM_QUARTER,	/* one calendar quarter */
	RULER_ZOOM_MONTH,	/* one calendar month */
	RULER_ZOOM_DAY,		/* one day */
	RULER_ZOOM_COUNT
};

/* Widest ruler: below a day's seconds, so no column is ever empty. */
#define RULER_WIDTH_MAX		((size_t)1 << 16)
/* Rulers reach no further than this from 1970 (twice DATE_MAX). */
#define RULER_TIME_LIMIT	((date_time)1 << 61)

struct ruler {
	date_time	 start;	/* first instant shown */
	date_time	 end;	/* first instant not shown; end > start */
	size_t		 width;	/* columns, >= 1 */
	enum ruler_zoom	 zoom;
};

/* Name of a zoom level for the status line: "all", "decade", ...; "" for
 * a value out of range. */
const char	*ruler_zoom_name(enum ruler_zoom);

/*
 * Frame the ruler for zoom around instant center.  ALL covers [lo, hi]
 * (the timeline's finite extent; DATE_MIN/DATE_MAX ends are ignored),
 * widened to whole years, at least one year.  DECADE covers the calendar
 * decade containing center (2020-01-01..2030-01-01); YEAR, QUARTER, MONTH
 * and DAY the calendar period containing center.
 *
 * An end of [lo, hi] at or beyond DATE_MIN/DATE_MAX takes the other end's
 * value; when both are open, or lo > hi, ALL frames the year containing
 * center.  Decades are astronomical: 44 BC (year -43) lies in the decade
 * -0050-01-01..-0040-01-01 (51 BC..42 BC).  center is clamped to
 * [DATE_MIN, DATE_MAX], width to [1, RULER_WIDTH_MAX]; a zoom out of
 * range means ALL.
 */
void		 ruler_frame(struct ruler *, enum ruler_zoom, date_time center,
		    date_time lo, date_time hi, size_t width);

/* Column of instant t: exactly -1 before the span, width after it. */
long long	 ruler_col(const struct ruler *, date_time t);
/* First instant of column col (col >= width gives end). */
date_time	 ruler_time(const struct ruler *, size_t col);

/* A labelled tick at the start of a calendar period. */
struct ruler_tick {
	size_t	col;
	char	label[40];	/* "2022", "Oct", "24", "44 BC", "Oct 2022",
				   "Sat 15 Oct 2022" */
};

/*
 * Ticks for the ruler's zoom (years for ALL and DECADE, with a step that
 * keeps labels at least their width + 1 apart; months for YEAR and
 * QUARTER; days for MONTH; hours for DAY).  Writes at most max ticks, in
 * column order, and returns how many.  Labels never overlap.
 *
 * Labels: years as date_format_year() ("2022", "44 BC"); months "Jan" ..
 * "Dec", except that at ALL..QUARTER zoom the first tick of each year on
 * the ruler (January, or the ruler's first tick) shows the year instead,
 * so the year is always on screen; days "1".."31"; hours "00".."23".
 * The first tick of a MONTH ruler names the month ("Oct 2022") and of a
 * DAY ruler the day ("Sat 15 Oct 2022"), when that fits; the ticks that
 * label would run into are left out (only there: elsewhere a step whose
 * labels collide is not taken).
 *
 * Steps, finest first: hours 1, 2, 3, 6, 12; days 1, 2, 5, 7, 14 (counted
 * from the 1st: 1, 8, 15, 22, 29); months 1, 2, 3, 6 (from January);
 * years 1, 2, 5, 10, 20, 50, 100, ... (CE years that are multiples of the
 * step, BC years whose BC number is: "100 BC", "100").  The walk starts at
 * the zoom's unit and takes the first step at which every label starts at
 * least its predecessor's width + 1 columns after it; when a unit runs
 * out it goes on to the next coarser one (a narrow DAY ruler shows the
 * day, a narrow YEAR ruler the year).  A tick whose label would run past
 * the last column is left out, so a very narrow ruler may have none.
 * The result does not depend on max.
 */
size_t		 ruler_ticks(const struct ruler *, struct ruler_tick *,
		    size_t max);

/*
 * Event density per column: for each event given (indexes into
 * tl->events), add 1 spread evenly over the columns its range
 * [earliest, latest] overlaps within the span, so a precise date is a
 * spike and "late 2022" a low plateau.  counts must hold width floats and
 * is zeroed first.  Open ends (DATE_MIN/DATE_MAX) are clipped to the span.
 *
 * Every event that overlaps the span adds exactly 1 in total, however
 * much of it lies outside: an event inside one column puts 1.0 there, one
 * covering k visible columns 1/k in each.  Events entirely outside the
 * span add nothing, and a column no event overlaps is exactly 0.0.  An
 * event with latest < earliest counts as the instant earliest.  Runs in
 * O(n + width).  tl is not read when n is 0.
 */
void		 ruler_density(const struct ruler *, const struct timeline *,
		    const uint32_t *idx, size_t n, float *counts);

/*
 * The start of the next (dir > 0) or previous (dir < 0) calendar period
 * from t for the '[' and ']' keys: years at ALL, DECADE and YEAR; months
 * at QUARTER and MONTH; days at DAY.  "Previous" from an instant inside a
 * period is that period's start; from a period's start, the one before.
 * DATE_MIN, DATE_MAX and anything beyond, or dir == 0, return t
 * unchanged; other results are clamped to [DATE_MIN, DATE_MAX].
 */
date_time	 ruler_step(enum ruler_zoom, date_time t, int dir);

#endif
