/* SPDX-License-Identifier: MIT */
/*
 * The time ruler's maths (src/ruler.c): the span each zoom frames, where
 * an instant lands on screen, which labels the ruler shows and where, how
 * events pile up per column, and where '[' and ']' jump to.  Instants in
 * the tables are date expressions (their earliest instant; ".." is open)
 * and results are compared as ISO text, so a failure reads as a date.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "date.h"
#include "ruler.h"
#include "timeline.h"

#define N(a)		(sizeof (a) / sizeof (a)[0])
#define MAX_TICKS	400
#define NOW		"2022-10-15T12:00"

/* --- helpers ------------------------------------------------------------- */

static struct date_range
parse_ok(const char *text, unsigned opts)
{
	struct date_range	r;
	char			*err = NULL;

	memset(&r, 0, sizeof r);
	if (!date_parse(text, strlen(text), opts, &r, &err, NULL))
		ck_abort_msg("'%s' should parse, got: %s", text, err);
	return r;
}

/*
 * An instant written as a date expression: its first instant, or with
 * last its final one.  "MIN" and "MAX" are DATE_MIN and DATE_MAX, "MIN+1"
 * and "MAX-1" their neighbours, ".." an open end.
 */
static date_time
instant(const char *text, bool last)
{
	if (strcmp(text, "..") == 0)
		return last ? DATE_MAX : DATE_MIN;
	if (strcmp(text, "MIN") == 0)
		return DATE_MIN;
	if (strcmp(text, "MIN+1") == 0)
		return DATE_MIN + 1;
	if (strcmp(text, "MAX") == 0)
		return DATE_MAX;
	if (strcmp(text, "MAX-1") == 0)
		return DATE_MAX - 1;
	return last ? parse_ok(text, 0).latest : parse_ok(text, 0).earliest;
}

/* "2022-10-01" at midnight, else "2022-10-15T12:00:00Z"; "MIN", "MAX". */
static const char *
iso(date_time t, char *buf, size_t n)
{
	if (t == DATE_MIN)
		snprintf(buf, n, "MIN");
	else if (t == DATE_MAX)
		snprintf(buf, n, "MAX");
	else
		date_format_iso(t, t % DATE_SECS_PER_DAY == 0 ?
		    DATE_PREC_DAY : DATE_PREC_SECOND, buf, n);
	return buf;
}

static struct ruler
frame(enum ruler_zoom zoom, const char *center, const char *lo,
    const char *hi, size_t width)
{
	struct ruler	r;

	memset(&r, 0xa5, sizeof r);
	ruler_frame(&r, zoom, instant(center, false), instant(lo, false),
	    instant(hi, true), width);
	return r;
}

/* The ticks as the ruler would read: "0:2022 10:Feb 19:Mar". */
static void
ticks_text(const struct ruler *r, char *buf, size_t n)
{
	struct ruler_tick	ticks[MAX_TICKS];
	size_t			i, count, used = 0;

	buf[0] = '\0';
	count = ruler_ticks(r, ticks, N(ticks));
	ck_assert_uint_lt(count, N(ticks));
	for (i = 0; i < count && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%zu:%s",
		    i > 0 ? " " : "", ticks[i].col, ticks[i].label);
}

/* --- frame --------------------------------------------------------------- */

static const struct {
	enum ruler_zoom	 zoom;
	const char	*center, *lo, *hi;
	size_t		 width;
	const char	*start, *end;
	size_t		 want_width;
} frame_cases[] = {
	/* each zoom around one instant */
	{ RULER_ZOOM_ALL, NOW, "2014-03-01", "2024-06-30", 80,
	  "2014-01-01", "2025-01-01", 80 },
	{ RULER_ZOOM_DECADE, NOW, "..", "..", 80,
	  "2020-01-01", "2030-01-01", 80 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 80,
	  "2022-01-01", "2023-01-01", 80 },
	{ RULER_ZOOM_QUARTER, NOW, "..", "..", 80,
	  "2022-10-01", "2023-01-01", 80 },
	{ RULER_ZOOM_MONTH, NOW, "..", "..", 80,
	  "2022-10-01", "2022-11-01", 80 },
	{ RULER_ZOOM_DAY, NOW, "..", "..", 80,
	  "2022-10-15", "2022-10-16", 80 },
	/* periods' first and last instants */
	{ RULER_ZOOM_DECADE, "2020-01-01", "..", "..", 80,
	  "2020-01-01", "2030-01-01", 80 },
	{ RULER_ZOOM_DECADE, "2019-12-31T23:59:59", "..", "..", 80,
	  "2010-01-01", "2020-01-01", 80 },
	{ RULER_ZOOM_QUARTER, "2022-03-31T23:59:59", "..", "..", 80,
	  "2022-01-01", "2022-04-01", 80 },
	{ RULER_ZOOM_QUARTER, "2022-04-01", "..", "..", 80,
	  "2022-04-01", "2022-07-01", 80 },
	{ RULER_ZOOM_MONTH, "2022-12-31T23:59:59", "..", "..", 80,
	  "2022-12-01", "2023-01-01", 80 },
	{ RULER_ZOOM_MONTH, "2024-02-10", "..", "..", 80,
	  "2024-02-01", "2024-03-01", 80 },
	{ RULER_ZOOM_DAY, "2024-02-29T23:59:59", "..", "..", 80,
	  "2024-02-29", "2024-03-01", 80 },
	/* ALL: whole years over the extent, at least one */
	{ RULER_ZOOM_ALL, NOW, "2014", "2014", 80,
	  "2014-01-01", "2015-01-01", 80 },
	{ RULER_ZOOM_ALL, NOW, "2019-05-05", "2019-05-05", 80,
	  "2019-01-01", "2020-01-01", 80 },
	{ RULER_ZOOM_ALL, NOW, "2014-03-01", "2024-12-31T23:59:59", 80,
	  "2014-01-01", "2025-01-01", 80 },
	{ RULER_ZOOM_ALL, NOW, "2016", "..", 80,
	  "2016-01-01", "2017-01-01", 80 },
	{ RULER_ZOOM_ALL, NOW, "..", "2016", 80,
	  "2016-01-01", "2017-01-01", 80 },
	/* ALL with nothing to show: the year around the cursor */
	{ RULER_ZOOM_ALL, NOW, "..", "..", 80,
	  "2022-01-01", "2023-01-01", 80 },
	{ RULER_ZOOM_ALL, NOW, "2024", "2014", 80,
	  "2022-01-01", "2023-01-01", 80 },
	{ RULER_ZOOM_ALL, "-0043-03-15", "..", "..", 80,
	  "-0043-01-01", "-0042-01-01", 80 },
	/* BC and year 0 (1 BC) */
	{ RULER_ZOOM_ALL, NOW, "44 BC", "2022", 80,
	  "-0043-01-01", "2023-01-01", 80 },
	{ RULER_ZOOM_DECADE, "-0043-03-15", "..", "..", 80,
	  "-0050-01-01", "-0040-01-01", 80 },
	{ RULER_ZOOM_YEAR, "-0043-03-15", "..", "..", 80,
	  "-0043-01-01", "-0042-01-01", 80 },
	{ RULER_ZOOM_QUARTER, "-0043-03-15", "..", "..", 80,
	  "-0043-01-01", "-0043-04-01", 80 },
	{ RULER_ZOOM_MONTH, "-0043-03-15", "..", "..", 80,
	  "-0043-03-01", "-0043-04-01", 80 },
	{ RULER_ZOOM_DAY, "0000-02-29", "..", "..", 80,
	  "0000-02-29", "0000-03-01", 80 },
	{ RULER_ZOOM_DECADE, "0000-06-01", "..", "..", 80,
	  "0000-01-01", "0010-01-01", 80 },
	{ RULER_ZOOM_DECADE, "-0001-06-01", "..", "..", 80,
	  "-0010-01-01", "0000-01-01", 80 },
	/* widths */
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 0,
	  "2022-01-01", "2023-01-01", 1 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 1,
	  "2022-01-01", "2023-01-01", 1 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 1000,
	  "2022-01-01", "2023-01-01", 1000 },
	{ RULER_ZOOM_DAY, NOW, "..", "..", SIZE_MAX,
	  "2022-10-15", "2022-10-16", RULER_WIDTH_MAX },
	/* a zoom out of range frames ALL */
	{ RULER_ZOOM_COUNT, NOW, "2014", "2024", 80,
	  "2014-01-01", "2025-01-01", 80 },
};

START_TEST(frame_spans)
{
	struct ruler	r;
	char		a[40], b[40];

	r = frame(frame_cases[_i].zoom, frame_cases[_i].center,
	    frame_cases[_i].lo, frame_cases[_i].hi, frame_cases[_i].width);
	ck_assert_str_eq(iso(r.start, a, sizeof a), frame_cases[_i].start);
	ck_assert_str_eq(iso(r.end, b, sizeof b), frame_cases[_i].end);
	ck_assert_uint_eq(r.width, frame_cases[_i].want_width);
	ck_assert_int_eq(r.zoom, frame_cases[_i].zoom == RULER_ZOOM_COUNT ?
	    RULER_ZOOM_ALL : frame_cases[_i].zoom);
}
END_TEST

/* The cursor may sit on an open end: the ruler still frames a span. */
static const char *const limit_centers[] = { "MIN", "MIN+1", "MAX-1", "MAX" };

START_TEST(frame_at_limits)
{
	struct ruler	r;
	int		z;

	for (z = 0; z < RULER_ZOOM_COUNT; z++) {
		r = frame((enum ruler_zoom)z, limit_centers[_i], "..", "..",
		    80);
		ck_assert_int_lt(r.start, r.end);
		ck_assert_int_le(r.start, instant(limit_centers[_i], false));
		ck_assert_int_gt(r.end, instant(limit_centers[_i], false));
		ck_assert_int_eq(ruler_col(&r, r.start), 0);
		ck_assert_int_eq(ruler_col(&r, r.end - 1), 79);
	}
}
END_TEST

static const struct {
	enum ruler_zoom	 zoom;
	const char	*name;
} name_cases[] = {
	{ RULER_ZOOM_ALL, "all" },
	{ RULER_ZOOM_DECADE, "decade" },
	{ RULER_ZOOM_YEAR, "year" },
	{ RULER_ZOOM_QUARTER, "quarter" },
	{ RULER_ZOOM_MONTH, "month" },
	{ RULER_ZOOM_DAY, "day" },
	{ RULER_ZOOM_COUNT, "" },
};

START_TEST(zoom_names)
{
	ck_assert_str_eq(ruler_zoom_name(name_cases[_i].zoom),
	    name_cases[_i].name);
}
END_TEST

/* --- columns ------------------------------------------------------------- */

static const struct {
	enum ruler_zoom	 zoom;
	const char	*center, *lo, *hi;
	size_t		 width;
} ruler_cases[] = {
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 1 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 7 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 80 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 1000 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", RULER_WIDTH_MAX },
	{ RULER_ZOOM_DAY, NOW, "..", "..", 1000 },
	{ RULER_ZOOM_DAY, NOW, "..", "..", RULER_WIDTH_MAX },
	{ RULER_ZOOM_MONTH, "2024-02-10", "..", "..", 997 },
	{ RULER_ZOOM_QUARTER, NOW, "..", "..", 333 },
	{ RULER_ZOOM_DECADE, NOW, "..", "..", 120 },
	{ RULER_ZOOM_YEAR, "-0043-03-15", "..", "..", 500 },
	{ RULER_ZOOM_ALL, NOW, "-5000", "4999", 3 },
	{ RULER_ZOOM_ALL, NOW, "-5000", "4999", 1000 },
	{ RULER_ZOOM_ALL, NOW, "-1000000000", "1000000000", 1000 },
	{ RULER_ZOOM_ALL, NOW, "-1000000000", "1000000000",
	  RULER_WIDTH_MAX },
	{ RULER_ZOOM_DAY, "MAX", "..", "..", 80 },
	{ RULER_ZOOM_DECADE, "MIN", "..", "..", 80 },
};

static struct ruler
ruler_case(int i)
{
	return frame(ruler_cases[i].zoom, ruler_cases[i].center,
	    ruler_cases[i].lo, ruler_cases[i].hi, ruler_cases[i].width);
}

/* Every column starts where it says, and its instants map back to it. */
START_TEST(columns_round_trip)
{
	struct ruler	r = ruler_case(_i);
	uint64_t	span = (uint64_t)r.end - (uint64_t)r.start;
	date_time	t, next;
	size_t		c;

	ck_assert_int_eq(ruler_time(&r, 0), r.start);
	ck_assert_int_eq(ruler_time(&r, r.width), r.end);
	ck_assert_int_eq(ruler_time(&r, r.width + 5), r.end);
	/* (plain ifs: tens of thousands of ck_asserts crawl under valgrind) */
	for (c = 0; c < r.width; c++) {
		t = ruler_time(&r, c);
		next = ruler_time(&r, c + 1);
		if (ruler_col(&r, t) != (long long)c ||
		    ruler_col(&r, next - 1) != (long long)c)
			ck_abort_msg("column %zu: starts %lld, ends %lld, maps "
			    "to %lld..%lld", c, (long long)t, (long long)next,
			    ruler_col(&r, t), ruler_col(&r, next - 1));
		/* columns are equal to within one second */
		if ((uint64_t)(next - t) < span / r.width ||
		    (uint64_t)(next - t) > span / r.width + 1)
			ck_abort_msg("column %zu is %lld s wide, not %llu",
			    c, (long long)(next - t),
			    (unsigned long long)(span / r.width));
	}
}
END_TEST

/* Sweeping an instant across the span moves its column only rightward,
 * and the column found always covers the instant. */
START_TEST(columns_monotonic)
{
	struct ruler	r = ruler_case(_i);
	uint64_t	span = (uint64_t)r.end - (uint64_t)r.start;
	uint64_t	k, steps = 4000;
	long long	col, prev = 0;
	date_time	t;

	for (k = 0; k < steps; k++) {
		t = (date_time)((uint64_t)r.start + span / steps * k + k % 7);
		col = ruler_col(&r, t);
		if (col < prev || col >= (long long)r.width ||
		    ruler_time(&r, (size_t)col) > t ||
		    ruler_time(&r, (size_t)col + 1) <= t)
			ck_abort_msg("instant %lld: column %lld after %lld",
			    (long long)t, col, prev);
		prev = col;
	}
}
END_TEST

/* Off the ruler: just before is -1, at the end and beyond is width. */
START_TEST(columns_outside)
{
	struct ruler	r = ruler_case(_i);
	long long	w = (long long)r.width;

	ck_assert_int_eq(ruler_col(&r, r.start - 1), -1);
	ck_assert_int_eq(ruler_col(&r, r.start), 0);
	ck_assert_int_eq(ruler_col(&r, r.end - 1), w - 1);
	ck_assert_int_eq(ruler_col(&r, r.end), w);
	ck_assert_int_eq(ruler_col(&r, INT64_MAX), w);
	ck_assert_int_eq(ruler_col(&r, INT64_MIN), -1);
	if (r.start > DATE_MIN)
		ck_assert_int_eq(ruler_col(&r, DATE_MIN), -1);
	if (r.end <= DATE_MAX)
		ck_assert_int_eq(ruler_col(&r, DATE_MAX), w);
}
END_TEST

static const struct {
	enum ruler_zoom	 zoom;
	const char	*center, *lo, *hi;
	size_t		 width;
	const char	*at;
	long long	 col;
} col_cases[] = {
	/* a 365-column year: one column per day */
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 365, "2022-01-01", 0 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 365, "2022-02-24", 54 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 365, "2022-12-31T23:59:59", 364 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 365, "2023-01-01", 365 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 365, "2021-12-31T23:59:59", -1 },
	{ RULER_ZOOM_YEAR, "2024-06-01", "..", "..", 366, "2024-03-01", 60 },
	{ RULER_ZOOM_YEAR, "2024-06-01", "..", "..", 366, "2024-12-31", 365 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 120, "2022-10-01", 89 },
	/* a 24-column day: one column per hour */
	{ RULER_ZOOM_DAY, NOW, "..", "..", 24, "2022-10-15T13:59:59", 13 },
	{ RULER_ZOOM_DAY, NOW, "..", "..", 24, "2022-10-15T14:00", 14 },
	/* 10,000 years in 25 columns: 400 years (146,097 days) each */
	{ RULER_ZOOM_ALL, NOW, "-4000", "5999", 25, "-4000", 0 },
	{ RULER_ZOOM_ALL, NOW, "-4000", "5999", 25, "1999-12-31T23:59:59",
	  14 },
	{ RULER_ZOOM_ALL, NOW, "-4000", "5999", 25, "2000", 15 },
	{ RULER_ZOOM_ALL, NOW, "-4000", "5999", 25, "5999-12-31T23:59:59",
	  24 },
	{ RULER_ZOOM_ALL, NOW, "-4000", "5999", 25, "6000", 25 },
	{ RULER_ZOOM_ALL, NOW, "-4000", "5999", 25, "-4001-12-31T23:59:59",
	  -1 },
	/* ... and in 1000 columns: 10 years on average */
	{ RULER_ZOOM_ALL, NOW, "-4000", "5999", 1000, "-0400", 360 },
	{ RULER_ZOOM_ALL, NOW, "-4000", "5999", 1000, "1999-12-31T23:59:59",
	  599 },
	{ RULER_ZOOM_ALL, NOW, "-4000", "5999", 1000, "2000", 600 },
	/* one column holds the whole span */
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 1, "2022-06-01", 0 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 1, "2022-12-31T23:59:59", 0 },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 1, "2023-01-01", 1 },
	/* two billion years */
	{ RULER_ZOOM_ALL, NOW, "-1000000000", "1000000000", 1000,
	  "-1000000000", 0 },
	{ RULER_ZOOM_ALL, NOW, "-1000000000", "1000000000", 1000,
	  "1000000000-12-31T23:59:59", 999 },
	{ RULER_ZOOM_ALL, NOW, "-1000000000", "1000000000", 1000, "MIN", -1 },
	{ RULER_ZOOM_ALL, NOW, "-1000000000", "1000000000", 1000, "MAX",
	  1000 },
};

START_TEST(columns_exact)
{
	struct ruler	r;

	r = frame(col_cases[_i].zoom, col_cases[_i].center, col_cases[_i].lo,
	    col_cases[_i].hi, col_cases[_i].width);
	ck_assert_int_eq(ruler_col(&r, instant(col_cases[_i].at, false)),
	    col_cases[_i].col);
}
END_TEST

/* --- ticks --------------------------------------------------------------- */

static const struct {
	enum ruler_zoom	 zoom;
	const char	*center, *lo, *hi;
	size_t		 width;
	const char	*ticks;
} tick_cases[] = {
	/* a year: months, the year on January; every other when narrow */
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 120,
	  "0:2022 10:Feb 19:Mar 29:Apr 39:May 49:Jun 59:Jul 69:Aug 79:Sep "
	  "89:Oct 99:Nov 109:Dec" },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 40,
	  "0:2022 6:Mar 13:May 19:Jul 26:Sep 33:Nov" },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 10, "0:2022" },
	{ RULER_ZOOM_YEAR, NOW, "..", "..", 3, "" },
	{ RULER_ZOOM_YEAR, "0000-06-01", "..", "..", 60,
	  "0:1 BC 5:Feb 9:Mar 14:Apr 19:May 24:Jun 29:Jul 34:Aug 40:Sep "
	  "44:Oct 50:Nov 54:Dec" },
	/* a quarter: the year on its first tick */
	{ RULER_ZOOM_QUARTER, NOW, "..", "..", 120, "0:2022 40:Nov 79:Dec" },
	{ RULER_ZOOM_QUARTER, NOW, "..", "..", 10, "3:2022" },
	/* a month: days from the 1st, the 1st named by month and year (the
	 * days it covers go); the month alone when too narrow */
	{ RULER_ZOOM_MONTH, NOW, "..", "..", 40,
	  "0:Oct 2022 12:11 19:16 25:21 32:26 38:31" },
	{ RULER_ZOOM_MONTH, NOW, "..", "..", 10, "0:Oct 2022" },
	{ RULER_ZOOM_MONTH, NOW, "..", "..", 7, "0:1 3:15" },
	{ RULER_ZOOM_MONTH, "-0043-03-15", "..", "..", 80,
	  "0:Mar 44 BC 10:5 15:7 20:9 25:11 30:13 36:15 41:17 46:19 51:21 "
	  "56:23 61:25 67:27 72:29 77:31" },
	{ RULER_ZOOM_DAY, "2024-02-29T12:00", "..", "..", 80,
	  "0:Thu 29 Feb 2024 16:05 20:06 23:07 26:08 30:09 33:10 36:11 40:12 "
	  "43:13 46:14 50:15 53:16 56:17 60:18 63:19 66:20 70:21 73:22 76:23" },
	{ RULER_ZOOM_MONTH, NOW, "..", "..", 3, "0:Oct" },
	/* a day: hours, the first named by the day; the day of the month
	 * when too narrow */
	{ RULER_ZOOM_DAY, NOW, "..", "..", 120,
	  "0:Sat 15 Oct 2022 20:04 25:05 30:06 35:07 40:08 45:09 50:10 "
	  "55:11 60:12 65:13 70:14 75:15 80:16 85:17 90:18 95:19 100:20 "
	  "105:21 110:22 115:23" },
	{ RULER_ZOOM_DAY, NOW, "..", "..", 40,
	  "0:Sat 15 Oct 2022 16:10 20:12 23:14 26:16 30:18 33:20 "
	  "36:22" },
	{ RULER_ZOOM_DAY, NOW, "..", "..", 10, "0:00 5:12" },
	{ RULER_ZOOM_DAY, NOW, "..", "..", 4, "0:15" },
	{ RULER_ZOOM_DAY, NOW, "..", "..", 1, "" },
	/* a decade: every year, or every other */
	{ RULER_ZOOM_DECADE, NOW, "..", "..", 120,
	  "0:2020 12:2021 24:2022 36:2023 47:2024 60:2025 72:2026 83:2027 "
	  "95:2028 108:2029" },
	{ RULER_ZOOM_DECADE, NOW, "..", "..", 40,
	  "0:2020 8:2022 15:2024 24:2026 31:2028" },
	{ RULER_ZOOM_DECADE, NOW, "..", "..", 10, "0:2020 5:2025" },
	{ RULER_ZOOM_DECADE, "-0043-03-15", "..", "..", 80,
	  "0:51 BC 7:50 BC 15:49 BC 24:48 BC 32:47 BC 40:46 BC 47:45 BC "
	  "56:44 BC 64:43 BC 72:42 BC" },
	/* "42 BC" at column 36 would run past column 39: left out */
	{ RULER_ZOOM_DECADE, "-0043-03-15", "..", "..", 40,
	  "3:50 BC 12:48 BC 20:46 BC 28:44 BC" },
	/* all: the finest of 1, 2, 5, 10, ... years that leaves room */
	{ RULER_ZOOM_ALL, NOW, "2014-03-01", "2024-06-30", 120,
	  "0:2014 10:2015 21:2016 32:2017 43:2018 54:2019 65:2020 76:2021 "
	  "87:2022 98:2023 109:2024" },
	{ RULER_ZOOM_ALL, NOW, "2014-03-01", "2024-06-30", 40,
	  "0:2014 7:2016 14:2018 21:2020 29:2022 36:2024" },
	{ RULER_ZOOM_ALL, NOW, "2014-03-01", "2024-06-30", 10,
	  "0:2015 5:2020" },
	{ RULER_ZOOM_ALL, NOW, "1900", "2024", 80,
	  "0:1900 6:1910 12:1920 19:1930 25:1940 31:1950 38:1960 44:1970 "
	  "51:1980 57:1990 63:2000 70:2010 76:2020" },
	/* round BC and CE numbers; there is no year 0 */
	{ RULER_ZOOM_ALL, NOW, "-0300", "0250", 80,
	  "0:300 BC 7:250 BC 14:200 BC 21:150 BC 29:100 BC 36:50 BC 50:50 "
	  "58:100 65:150 72:200" },
	{ RULER_ZOOM_ALL, NOW, "-1000000000", "1000000000", 80,
	  "0:1000000000 BC 20:500000000 BC 59:500000000" },
};

START_TEST(ticks_exact)
{
	struct ruler	r;
	char		text[1024];

	r = frame(tick_cases[_i].zoom, tick_cases[_i].center,
	    tick_cases[_i].lo, tick_cases[_i].hi, tick_cases[_i].width);
	ticks_text(&r, text, sizeof text);
	ck_assert_str_eq(text, tick_cases[_i].ticks);
}
END_TEST

/* Rulers for the overlap property, each at every zoom. */
static const struct {
	const char	*center, *lo, *hi;
} overlap_rulers[] = {
	{ NOW, "1900", "2024" },
	{ "1999-12-31T23:59:59", "2014-03-01", "2024-06-30" },
	{ "-0043-03-15", "-5000", "4999" },
	{ "0000-02-29", "-1000000000", "1000000000" },
	{ "2024-02-29T12:00", "..", ".." },
};

static void
check_ticks_fit(const struct ruler *r)
{
	struct ruler_tick	ticks[MAX_TICKS], few[2];
	size_t			i, n, len;

	n = ruler_ticks(r, ticks, N(ticks));
	if (n >= N(ticks))
		ck_abort_msg("%zu ticks on %zu columns", n, r->width);
	if (r->width >= 16 && n == 0)
		ck_abort_msg("no label on a %zu-column %s ruler",
		    r->width, ruler_zoom_name(r->zoom));
	for (i = 0; i < n; i++) {
		len = strlen(ticks[i].label);
		if (len == 0 || ticks[i].col + len > r->width)
			ck_abort_msg("'%s' at %zu does not fit %zu columns",
			    ticks[i].label, ticks[i].col, r->width);
		if (i > 0 && ticks[i - 1].col + strlen(ticks[i - 1].label) +
		    1 > ticks[i].col)
			ck_abort_msg("'%s' at %zu runs into '%s' at %zu "
			    "(width %zu)", ticks[i - 1].label,
			    ticks[i - 1].col, ticks[i].label, ticks[i].col,
			    r->width);
	}
	/* a shorter buffer gets the same first ticks */
	if (ruler_ticks(r, few, N(few)) != (n < 2 ? n : 2))
		ck_abort_msg("a 2-tick buffer got a different count");
	for (i = 0; i < n && i < 2; i++)
		if (few[i].col != ticks[i].col ||
		    strcmp(few[i].label, ticks[i].label) != 0)
			ck_abort_msg("a 2-tick buffer got '%s' at %zu, not "
			    "'%s' at %zu", few[i].label, few[i].col,
			    ticks[i].label, ticks[i].col);
}

/* _i is the width. */
START_TEST(ticks_never_overlap)
{
	struct ruler	r;
	size_t		i;
	int		z;

	for (i = 0; i < N(overlap_rulers); i++)
		for (z = 0; z < RULER_ZOOM_COUNT; z++) {
			r = frame((enum ruler_zoom)z, overlap_rulers[i].center,
			    overlap_rulers[i].lo, overlap_rulers[i].hi,
			    (size_t)_i);
			check_ticks_fit(&r);
		}
}
END_TEST

/* --- density ------------------------------------------------------------- */

#define MAX_EVENTS	3
#define MAX_RUNS	3

/* Columns first..last each hold value; every other column is 0. */
struct density_run {
	int	first, last;
	double	value;
};

static const struct {
	enum ruler_zoom		 zoom;
	const char		*center;
	size_t			 width;
	const char		*dates[MAX_EVENTS];	/* "date" or "date|end" */
	struct density_run	 runs[MAX_RUNS];
} density_cases[] = {
	/* 73 columns of 5 days each: a precise date is one spike */
	{ RULER_ZOOM_YEAR, NOW, 73, { "2022-02-24" }, { { 10, 10, 1.0 } } },
	/* ... "late 2022" a low plateau, September to December */
	{ RULER_ZOOM_YEAR, NOW, 73, { "late 2022" },
	  { { 48, 72, 1.0 / 25 } } },
	{ RULER_ZOOM_YEAR, NOW, 73, { "late 2022", "2022-02-24" },
	  { { 10, 10, 1.0 }, { 48, 72, 1.0 / 25 } } },
	/* a day straddling two columns is split between them */
	{ RULER_ZOOM_YEAR, NOW, 120, { "2022-02-24" },
	  { { 17, 18, 0.5 } } },
	/* two on one day, one elsewhere */
	{ RULER_ZOOM_YEAR, NOW, 73,
	  { "2022-02-24", "2022-02-24T04:50", "2022-10-15" },
	  { { 10, 10, 2.0 }, { 57, 57, 1.0 } } },
	/* open ends are clipped to the span, the weight stays 1 */
	{ RULER_ZOOM_YEAR, NOW, 73, { "2022/.." }, { { 0, 72, 1.0 / 73 } } },
	{ RULER_ZOOM_YEAR, NOW, 73, { "../2022-06" },
	  { { 0, 36, 1.0 / 37 } } },
	{ RULER_ZOOM_YEAR, NOW, 73, { "../2030" }, { { 0, 72, 1.0 / 73 } } },
	{ RULER_ZOOM_YEAR, NOW, 73, { "2021-06-01|2022-01-03" },
	  { { 0, 0, 1.0 } } },
	/* outside the span: nothing */
	{ RULER_ZOOM_YEAR, "2023-07-01", 73, { "../2022-06" }, { { 0, -1, 0 } } },
	{ RULER_ZOOM_YEAR, NOW, 73, { "2021", "2023", "2021-12-31" },
	  { { 0, -1, 0 } } },
	{ RULER_ZOOM_YEAR, NOW, 73, { "2022-12-31" }, { { 72, 72, 1.0 } } },
	/* other zooms */
	{ RULER_ZOOM_DAY, NOW, 24, { "2022-10-15T04:50" },
	  { { 4, 4, 1.0 } } },
	{ RULER_ZOOM_MONTH, NOW, 31, { "2022-10-15", "late October 2022" },
	  { { 14, 14, 1.0 }, { 20, 30, 1.0 / 11 } } },
	{ RULER_ZOOM_YEAR, "-0043-03-15", 73, { "-0043-03-15", "44 BC" },
	  { { 0, 72, 1.0 / 73 }, { 14, 14, 1.0 + 1.0 / 73 } } },
	{ RULER_ZOOM_YEAR, NOW, 1, { "2022-02-24", "late 2022", "2021" },
	  { { 0, 0, 2.0 } } },
};

/* Sets up e from "date" or "date|end" as the loader would (an end's
 * range in a static pool, reused after EXTRAS ends: enough for a test's
 * events). */
#define EXTRAS	1024
static void
event_from(struct tl_event *e, const char *text)
{
	static struct tl_extra	 pool[EXTRAS];
	static size_t		 next;
	const char		*bar = strchr(text, '|');
	char			 date[64];

	memset(e, 0, sizeof *e);
	snprintf(date, sizeof date, "%.*s",
	    (int)(bar ? (size_t)(bar - text) : strlen(text)), text);
	e->date = parse_ok(date, 0);
	if (bar) {
		e->extra = &pool[next++ % EXTRAS];
		e->end_text = bar + 1;
		e->extra->end = parse_ok(bar + 1, DATE_PARSE_END);
	}
}

static double
run_value(int i, size_t col, bool *covered)
{
	const struct density_run	*run;
	double				 v = 0;
	size_t				 k;

	*covered = false;
	for (k = 0; k < MAX_RUNS; k++) {
		run = &density_cases[i].runs[k];
		if (run->value != 0 && (int)col >= run->first &&
		    (int)col <= run->last) {
			/* the later run wins where runs nest */
			v = run->value;
			*covered = true;
		}
	}
	return v;
}

START_TEST(density_shapes)
{
	struct tl_event		 events[MAX_EVENTS];
	struct timeline		 tl = TIMELINE_INIT;
	uint32_t		 idx[MAX_EVENTS];
	float			 counts[128];
	struct ruler		 r;
	size_t			 n = 0, c;
	double			 want;
	bool			 covered;

	r = frame(density_cases[_i].zoom, density_cases[_i].center, "..",
	    "..", density_cases[_i].width);
	for (n = 0; n < MAX_EVENTS && density_cases[_i].dates[n]; n++) {
		event_from(&events[n], density_cases[_i].dates[n]);
		idx[n] = (uint32_t)n;
	}
	tl.events = events;
	tl.nevents = n;
	for (c = 0; c < N(counts); c++)
		counts[c] = -7.0f;
	ruler_density(&r, &tl, idx, n, counts);
	for (c = 0; c < r.width; c++) {
		want = run_value(_i, c, &covered);
		if (covered)
			ck_assert_double_eq_tol((double)counts[c], want, 1e-6);
		else
			ck_assert_msg(counts[c] == 0.0f,
			    "column %zu: %g, want exactly 0", c,
			    (double)counts[c]);
	}
	ck_assert_msg(counts[r.width] == -7.0f, "wrote past the width");
}
END_TEST

/* Events of every shape, for the sum property. */
static const char *const mixed_dates[] = {
	"2022-02-24", "2022-02-24T04:50", "late 2022", "2022", "2022-10",
	"Q3 2022", "2014/..", "../2016", "../2030", "2021-06-01|2022-01-03",
	"2014-03-01", "2019-12-31", "2020-01-01", "1914/1918", "1939/1945",
	"44 BC", "-0043-03-15", "0000-02-29", "1 AD", "-4000/5999", "1900",
	"2024-06-30", "2031", "1000000000", "-1000000000/2022-10-15",
	"2022-10-15T12:00:01Z", "early 2023", "200X",
};

/* _i picks a zoom and a width. */
static const size_t mixed_widths[] = { 1, 7, 73, 80, 1000 };

START_TEST(density_sum)
{
	struct tl_event	 events[N(mixed_dates)];
	struct timeline	 tl = TIMELINE_INIT;
	uint32_t	 idx[N(mixed_dates)];
	float		 counts[1000];
	double		 want[1000], total = 0;
	struct ruler	 r;
	long long	 c0, c1, c;
	size_t		 i, overlapping = 0;

	r = frame((enum ruler_zoom)(_i / (int)N(mixed_widths)), NOW,
	    "1900", "2024", mixed_widths[_i % (int)N(mixed_widths)]);
	memset(want, 0, sizeof want);
	for (i = 0; i < N(mixed_dates); i++) {
		event_from(&events[i], mixed_dates[i]);
		idx[i] = (uint32_t)i;
		if (tl_event_latest(&events[i]) < r.start ||
		    events[i].date.earliest >= r.end)
			continue;
		overlapping++;
		c0 = ruler_col(&r, events[i].date.earliest);
		c1 = ruler_col(&r, tl_event_latest(&events[i]));
		c0 = c0 < 0 ? 0 : c0;
		c1 = c1 >= (long long)r.width ? (long long)r.width - 1 : c1;
		for (c = c0; c <= c1; c++)
			want[c] += 1.0 / (double)(c1 - c0 + 1);
	}
	tl.events = events;
	tl.nevents = N(events);
	ruler_density(&r, &tl, idx, N(idx), counts);
	for (i = 0; i < r.width; i++) {
		ck_assert_double_eq_tol((double)counts[i], want[i], 1e-5);
		if (want[i] == 0)
			ck_assert_msg(counts[i] == 0.0f, "column %zu: %g", i,
			    (double)counts[i]);
		total += (double)counts[i];
	}
	ck_assert_double_eq_tol(total, (double)overlapping, 1e-4);
}
END_TEST

/* Thousands of overlapping plateaus leave no residue in a gap. */
START_TEST(density_gaps_are_empty)
{
	struct tl_event	*events;
	struct timeline	 tl = TIMELINE_INIT;
	uint32_t	*idx;
	float		 counts[80];
	struct ruler	 r;
	size_t		 i, n = 3001, c;

	r = frame(RULER_ZOOM_YEAR, NOW, "..", "..", 80);
	events = calloc(n, sizeof *events);
	idx = calloc(n, sizeof *idx);
	ck_assert_ptr_nonnull(events);
	ck_assert_ptr_nonnull(idx);
	for (i = 0; i + 1 < n; i++) {
		/* spans of 1 to 37 columns in the first half of the year */
		events[i].date.earliest = ruler_time(&r, i % 3);
		events[i].date.latest = ruler_time(&r, 3 + i % 37) - 1;
		idx[i] = (uint32_t)i;
	}
	event_from(&events[n - 1], "2022-12-01");
	idx[n - 1] = (uint32_t)(n - 1);
	tl.events = events;
	tl.nevents = n;
	ruler_density(&r, &tl, idx, n, counts);
	for (c = 40; c < 80; c++)
		ck_assert_msg(counts[c] == (c == 73 ? 1.0f : 0.0f),
		    "column %zu: %g", c, (double)counts[c]);
	free(events);
	free(idx);
}
END_TEST

/* No events: a flat ruler, the timeline untouched. */
START_TEST(density_no_events)
{
	struct ruler	r;
	float		counts[40];
	size_t		c;

	r = frame(RULER_ZOOM_DAY, NOW, "..", "..", 40);
	for (c = 0; c < N(counts); c++)
		counts[c] = 3.0f;
	ruler_density(&r, NULL, NULL, 0, counts);
	for (c = 0; c < N(counts); c++)
		ck_assert(counts[c] == 0.0f);
}
END_TEST

/* --- step ---------------------------------------------------------------- */

static const struct {
	enum ruler_zoom	 zoom;
	const char	*from;
	int		 dir;
	const char	*to;
} step_cases[] = {
	/* years at ALL, DECADE and YEAR */
	{ RULER_ZOOM_YEAR, NOW, 1, "2023-01-01" },
	{ RULER_ZOOM_YEAR, NOW, -1, "2022-01-01" },
	{ RULER_ZOOM_YEAR, "2022-01-01", -1, "2021-01-01" },
	{ RULER_ZOOM_YEAR, "2022-01-01", 1, "2023-01-01" },
	{ RULER_ZOOM_YEAR, "2022-12-31T23:59:59", 1, "2023-01-01" },
	{ RULER_ZOOM_YEAR, "2022-01-01T00:00:01Z", -1, "2022-01-01" },
	{ RULER_ZOOM_ALL, NOW, 1, "2023-01-01" },
	{ RULER_ZOOM_DECADE, NOW, -1, "2022-01-01" },
	{ RULER_ZOOM_YEAR, NOW, 7, "2023-01-01" },
	{ RULER_ZOOM_YEAR, NOW, -7, "2022-01-01" },
	/* months at QUARTER and MONTH */
	{ RULER_ZOOM_QUARTER, NOW, 1, "2022-11-01" },
	{ RULER_ZOOM_MONTH, NOW, -1, "2022-10-01" },
	{ RULER_ZOOM_MONTH, "2022-10-01", -1, "2022-09-01" },
	{ RULER_ZOOM_MONTH, "2022-12-31T23:59:59", 1, "2023-01-01" },
	{ RULER_ZOOM_MONTH, "2023-01-01", -1, "2022-12-01" },
	{ RULER_ZOOM_MONTH, "2024-01-31", 1, "2024-02-01" },
	{ RULER_ZOOM_QUARTER, "2024-03-01", -1, "2024-02-01" },
	/* days at DAY */
	{ RULER_ZOOM_DAY, NOW, 1, "2022-10-16" },
	{ RULER_ZOOM_DAY, NOW, -1, "2022-10-15" },
	{ RULER_ZOOM_DAY, "2022-03-01", -1, "2022-02-28" },
	{ RULER_ZOOM_DAY, "2024-03-01", -1, "2024-02-29" },
	{ RULER_ZOOM_DAY, "2024-02-28T23:00", 1, "2024-02-29" },
	{ RULER_ZOOM_DAY, "2022-12-31T23:59:59", 1, "2023-01-01" },
	/* BC and year 0 */
	{ RULER_ZOOM_YEAR, "-0043-03-15", 1, "-0042-01-01" },
	{ RULER_ZOOM_YEAR, "-0043-03-15", -1, "-0043-01-01" },
	{ RULER_ZOOM_YEAR, "-0043-01-01", -1, "-0044-01-01" },
	{ RULER_ZOOM_YEAR, "0000-01-01", -1, "-0001-01-01" },
	{ RULER_ZOOM_YEAR, "0000-06-01", 1, "0001-01-01" },
	{ RULER_ZOOM_YEAR, "0001-01-01", -1, "0000-01-01" },
	{ RULER_ZOOM_MONTH, "-0043-03-15", -1, "-0043-03-01" },
	{ RULER_ZOOM_MONTH, "-0043-03-01", -1, "-0043-02-01" },
	{ RULER_ZOOM_MONTH, "-0001-12-31", 1, "0000-01-01" },
	{ RULER_ZOOM_DAY, "-0043-03-01", -1, "-0043-02-28" },
	{ RULER_ZOOM_DAY, "0000-03-01", -1, "0000-02-29" },
	/* open ends stay put; no direction, no move */
	{ RULER_ZOOM_YEAR, "MIN", -1, "MIN" },
	{ RULER_ZOOM_YEAR, "MIN", 1, "MIN" },
	{ RULER_ZOOM_DAY, "MAX", 1, "MAX" },
	{ RULER_ZOOM_DAY, "MAX", -1, "MAX" },
	{ RULER_ZOOM_YEAR, "MIN+1", -1, "MIN" },
	{ RULER_ZOOM_YEAR, "MAX-1", 1, "MAX" },
	{ RULER_ZOOM_DAY, NOW, 0, "2022-10-15T12:00:00Z" },
};

START_TEST(step_jumps)
{
	char	buf[40];

	ck_assert_str_eq(iso(ruler_step(step_cases[_i].zoom,
	    instant(step_cases[_i].from, false), step_cases[_i].dir), buf,
	    sizeof buf), step_cases[_i].to);
}
END_TEST

/* ']' then '[' from a period start comes back to it, at every zoom. */
START_TEST(step_there_and_back)
{
	date_time	t, there;
	int		z, k;

	for (z = 0; z < RULER_ZOOM_COUNT; z++) {
		t = ruler_step((enum ruler_zoom)z,
		    instant(_i ? "-0043-03-15" : NOW, false), -1);
		for (k = 0; k < 30; k++) {
			there = ruler_step((enum ruler_zoom)z, t, 1);
			ck_assert_int_gt(there, t);
			ck_assert_int_eq(ruler_step((enum ruler_zoom)z, there,
			    -1), t);
			t = there;
		}
	}
}
END_TEST

/* --- suite --------------------------------------------------------------- */

Suite *
ruler_suite(void)
{
	Suite	*s = suite_create("ruler");
	TCase	*tc;

	tc = tcase_create("frame");
	tcase_add_loop_test(tc, frame_spans, 0, (int)N(frame_cases));
	tcase_add_loop_test(tc, frame_at_limits, 0, (int)N(limit_centers));
	tcase_add_loop_test(tc, zoom_names, 0, (int)N(name_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("columns");
	tcase_add_loop_test(tc, columns_round_trip, 0, (int)N(ruler_cases));
	tcase_add_loop_test(tc, columns_monotonic, 0, (int)N(ruler_cases));
	tcase_add_loop_test(tc, columns_outside, 0, (int)N(ruler_cases));
	tcase_add_loop_test(tc, columns_exact, 0, (int)N(col_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("ticks");
	tcase_add_loop_test(tc, ticks_exact, 0, (int)N(tick_cases));
	tcase_add_loop_test(tc, ticks_never_overlap, 10, 301);
	suite_add_tcase(s, tc);

	tc = tcase_create("density");
	tcase_add_loop_test(tc, density_shapes, 0, (int)N(density_cases));
	tcase_add_loop_test(tc, density_sum, 0,
	    RULER_ZOOM_COUNT * (int)N(mixed_widths));
	tcase_add_test(tc, density_gaps_are_empty);
	tcase_add_test(tc, density_no_events);
	suite_add_tcase(s, tc);

	tc = tcase_create("step");
	tcase_add_loop_test(tc, step_jumps, 0, (int)N(step_cases));
	tcase_add_loop_test(tc, step_there_and_back, 0, 2);
	suite_add_tcase(s, tc);

	return s;
}
