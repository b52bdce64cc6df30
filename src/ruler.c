/* SPDX-License-Identifier: MIT */
/*
 * The time ruler's maths (ruler.h): framing a span on calendar
 * boundaries, instants to columns and back, tick marks and the density of
 * events per column.  No curses, no locale, no libc time functions.
 *
 * Column arithmetic stays in 64-bit unsigned integers without overflow:
 * a span is at most 2^62 seconds and a ruler at most 2^16 columns, so
 * c * (span / width) and c * (span % width) both fit.  ruler_col()
 * estimates its answer from the top bits of the span and corrects it with
 * the exact column starts.
 *
 * Calendar walking goes through struct mark, a period start held as civil
 * fields, so months and leap years come from cal_days_from_civil() and
 * cal_month_days() and BC years need no special case.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "date.h"
#include "ruler.h"
#include "timeline.h"
#include "xmalloc.h"

/* Spans up to 2^(ESTIMATE_BITS + 16) need no shift in ruler_col(). */
#define ESTIMATE_BITS	46
/* More years than any valid ruler spans (2^62 s is 1.5e11 years). */
#define YEAR_STEP_MAX	INT64_C(1000000000000)

/* The calendar units ticks and steps are made of, finest first. */
enum unit {
	UNIT_HOUR,
	UNIT_DAY,
	UNIT_MONTH,
	UNIT_YEAR
};

/* The start of a calendar period; fields finer than its unit are 1 or 0. */
struct mark {
	int64_t		year;
	unsigned	month;	/* 1..12 */
	unsigned	day;	/* 1..31 */
	unsigned	hour;	/* 0..23 */
};

/* A tick spacing: every step-th unit. */
struct tick_step {
	enum unit	unit;
	int64_t		step;
};

static const char *const zoom_names[RULER_ZOOM_COUNT] = {
	[RULER_ZOOM_ALL] = "all",
	[RULER_ZOOM_DECADE] = "decade",
	[RULER_ZOOM_YEAR] = "year",
	[RULER_ZOOM_QUARTER] = "quarter",
	[RULER_ZOOM_MONTH] = "month",
	[RULER_ZOOM_DAY] = "day"
};

/* Sub-year steps, finest first; year steps follow as 1, 2, 5, 10, ... */
static const struct tick_step small_steps[] = {
	{ UNIT_HOUR, 1 }, { UNIT_HOUR, 2 }, { UNIT_HOUR, 3 },
	{ UNIT_HOUR, 6 }, { UNIT_HOUR, 12 },
	{ UNIT_DAY, 1 }, { UNIT_DAY, 2 }, { UNIT_DAY, 5 },
	{ UNIT_DAY, 7 }, { UNIT_DAY, 14 },
	{ UNIT_MONTH, 1 }, { UNIT_MONTH, 2 }, { UNIT_MONTH, 3 },
	{ UNIT_MONTH, 6 }
};

#define NSMALL_STEPS	(sizeof small_steps / sizeof small_steps[0])

const char *
ruler_zoom_name(enum ruler_zoom zoom)
{
	if ((unsigned)zoom >= RULER_ZOOM_COUNT)
		return "";
	return zoom_names[zoom];
}

/* ---- calendar ------------------------------------------------------ */

static date_time
clamp_time(date_time t, date_time lo, date_time hi)
{
	return t < lo ? lo : t > hi ? hi : t;
}

static date_time
civil_time(int64_t year, unsigned month, unsigned day)
{
	return cal_days_from_civil(year, month, day) * DATE_SECS_PER_DAY;
}

static date_time
year_start(int64_t year)
{
	return civil_time(year, 1, 1);
}

static date_time
mark_time(const struct mark *m)
{
	return civil_time(m->year, m->month, m->day) +
	    (date_time)m->hour * 3600;
}

/* The start of the unit-long period containing t. */
static void
mark_floor(enum unit unit, date_time t, struct mark *m)
{
	struct date_parts	p;

	date_split(t, &p);
	m->year = p.year;
	m->month = unit <= UNIT_MONTH ? p.month : 1;
	m->day = unit <= UNIT_DAY ? p.day : 1;
	m->hour = unit <= UNIT_HOUR ? p.hour : 0;
}

static void
mark_next_month(struct mark *m)
{
	if (++m->month > 12) {
		m->month = 1;
		m->year++;
	}
}

static void
mark_next_day(struct mark *m)
{
	if (++m->day > cal_month_days(m->year, m->month)) {
		m->day = 1;
		mark_next_month(m);
	}
}

/* The start of the next period of the unit. */
static void
mark_advance(enum unit unit, struct mark *m)
{
	switch (unit) {
	case UNIT_HOUR:
		if (++m->hour > 23) {
			m->hour = 0;
			mark_next_day(m);
		}
		break;
	case UNIT_DAY:
		mark_next_day(m);
		break;
	case UNIT_MONTH:
		mark_next_month(m);
		break;
	case UNIT_YEAR:
		m->year++;
		break;
	}
}

/* First aligned year >= year: CE multiples of step, BC numbers too. */
static int64_t
year_align(int64_t year, int64_t step)
{
	int64_t	bc;

	if (year <= 0) {
		bc = 1 - year;		/* year 0 is 1 BC */
		bc -= bc % step;
		if (bc >= 1)
			return 1 - bc;
		year = 1;
	}
	return (year + step - 1) / step * step;
}

/* Rounds v - 1 up to a multiple of step, plus 1: 1, 1 + step, ... */
static unsigned
align_from_one(unsigned v, unsigned step)
{
	return (v - 1 + step - 1) / step * step + 1;
}

/* Moves m forward to the first mark of the step at or after it. */
static void
mark_align(const struct tick_step *s, struct mark *m)
{
	unsigned	step = (unsigned)s->step;	/* small below years */

	switch (s->unit) {
	case UNIT_HOUR:
		m->hour = (m->hour + step - 1) / step * step;
		if (m->hour > 23) {
			m->hour = 0;
			mark_next_day(m);
		}
		break;
	case UNIT_DAY:
		m->day = align_from_one(m->day, step);
		if (m->day > cal_month_days(m->year, m->month)) {
			m->day = 1;
			mark_next_month(m);
		}
		break;
	case UNIT_MONTH:
		m->month = align_from_one(m->month, step);
		if (m->month > 12) {
			m->month = 1;
			m->year++;
		}
		break;
	case UNIT_YEAR:
		m->year = year_align(m->year, s->step);
		break;
	}
}

/* ---- columns ------------------------------------------------------- */

static bool
ruler_ok(const struct ruler *r)
{
	return r->width >= 1 && r->width <= RULER_WIDTH_MAX &&
	    r->start >= -RULER_TIME_LIMIT && r->end <= RULER_TIME_LIMIT &&
	    r->end > r->start;
}

static uint64_t
ruler_span(const struct ruler *r)
{
	return (uint64_t)r->end - (uint64_t)r->start;
}

/* Offset of column c from start: ceil(c * span / w), exactly, c <= w. */
static uint64_t
col_offset(uint64_t span, uint64_t w, uint64_t c)
{
	return c * (span / w) + (c * (span % w) + w - 1) / w;
}

/* floor(d * w / span), give or take one: both scaled to fit 64 bits. */
static uint64_t
col_estimate(uint64_t d, uint64_t span, uint64_t w)
{
	unsigned	shift = 0;

	while ((span >> shift) >> ESTIMATE_BITS != 0)
		shift++;
	return (d >> shift) * w / (span >> shift);
}

long long
ruler_col(const struct ruler *r, date_time t)
{
	uint64_t	span, w, d, c;

	if (t < r->start)
		return -1;
	if (!ruler_ok(r) || t >= r->end)
		return (long long)r->width;
	span = ruler_span(r);
	w = r->width;
	d = (uint64_t)t - (uint64_t)r->start;
	c = col_estimate(d, span, w);
	if (c >= w)
		c = w - 1;
	while (c > 0 && col_offset(span, w, c) > d)
		c--;
	while (c + 1 < w && col_offset(span, w, c + 1) <= d)
		c++;
	return (long long)c;
}

date_time
ruler_time(const struct ruler *r, size_t col)
{
	if (!ruler_ok(r))
		return r->start;
	if (col >= r->width)
		return r->end;
	return (date_time)((uint64_t)r->start +
	    col_offset(ruler_span(r), r->width, col));
}

/* ---- framing ------------------------------------------------------- */

static int64_t
year_of(date_time t)
{
	struct date_parts	p;

	date_split(t, &p);
	return p.year;
}

static bool
is_finite(date_time t)
{
	return t > DATE_MIN && t < DATE_MAX;
}

/* ALL: whole years over [lo, hi]; the year of center if that is empty. */
static void
frame_all(struct ruler *r, date_time center, date_time lo, date_time hi)
{
	if (!is_finite(lo))
		lo = hi;
	if (!is_finite(hi))
		hi = lo;
	if (!is_finite(lo) || lo > hi)
		lo = hi = center;
	r->start = year_start(year_of(lo));
	r->end = year_start(year_of(hi) + 1);
}

/* One calendar period of the zoom around center (not ALL). */
static void
frame_period(struct ruler *r, enum ruler_zoom zoom, date_time center)
{
	struct date_parts	p;
	int64_t			y;
	unsigned		m;

	date_split(center, &p);
	switch (zoom) {
	case RULER_ZOOM_DECADE:
		y = cal_floor_div(p.year, 10) * 10;
		r->start = year_start(y);
		r->end = year_start(y + 10);
		break;
	case RULER_ZOOM_QUARTER:
		m = (p.month - 1) / 3 * 3 + 1;
		r->start = civil_time(p.year, m, 1);
		r->end = m == 10 ? year_start(p.year + 1) :
		    civil_time(p.year, m + 3, 1);
		break;
	case RULER_ZOOM_MONTH:
		r->start = civil_time(p.year, p.month, 1);
		r->end = p.month == 12 ? year_start(p.year + 1) :
		    civil_time(p.year, p.month + 1, 1);
		break;
	case RULER_ZOOM_DAY:
		r->start = civil_time(p.year, p.month, p.day);
		r->end = r->start + DATE_SECS_PER_DAY;
		break;
	default:
		r->start = year_start(p.year);
		r->end = year_start(p.year + 1);
		break;
	}
}

void
ruler_frame(struct ruler *r, enum ruler_zoom zoom, date_time center,
    date_time lo, date_time hi, size_t width)
{
	if ((unsigned)zoom >= RULER_ZOOM_COUNT)
		zoom = RULER_ZOOM_ALL;
	center = clamp_time(center, DATE_MIN, DATE_MAX);
	if (zoom == RULER_ZOOM_ALL)
		frame_all(r, center, lo, hi);
	else
		frame_period(r, zoom, center);
	r->width = width < 1 ? 1 : width > RULER_WIDTH_MAX ?
	    RULER_WIDTH_MAX : width;
	r->zoom = zoom;
}

/* ---- ticks --------------------------------------------------------- */

/* Whether months at this zoom show the year on each year's first tick. */
static bool
zoom_years_on_months(enum ruler_zoom zoom)
{
	return zoom <= RULER_ZOOM_QUARTER;
}

/*
 * The label that names the larger unit at the first tick of a MONTH or DAY
 * ruler, where the ticks alone ("1 2 3", "00 01") say nothing of when:
 * "Oct 2022" before the days, "Sat 15 Oct 2022" before the hours.  False
 * for the other ticks.
 */
static bool
mark_context_label(const struct ruler *r, enum unit unit,
    const struct mark *m, bool first, char *buf, size_t n)
{
	char	year[24];
	int64_t	days;

	if (!first || (unit == UNIT_DAY ? r->zoom != RULER_ZOOM_MONTH :
	    unit != UNIT_HOUR || r->zoom != RULER_ZOOM_DAY))
		return false;
	date_format_year(m->year, year, sizeof year);
	if (unit == UNIT_DAY) {
		snprintf(buf, n, "%s %s", cal_month_abbr(m->month), year);
		return true;
	}
	days = cal_days_from_civil(m->year, m->month, m->day);
	snprintf(buf, n, "%s %u %s %s", cal_weekday_abbr(cal_weekday(days)),
	    m->day, cal_month_abbr(m->month), year);
	return true;
}

static void
mark_label(const struct ruler *r, enum unit unit, const struct mark *m,
    bool first, char *buf, size_t n)
{
	char	year[24];
	size_t	len;

	switch (unit) {
	case UNIT_HOUR:
		snprintf(buf, n, "%02u", m->hour);
		break;
	case UNIT_DAY:
		snprintf(buf, n, "%u", m->day);
		break;
	case UNIT_MONTH:
		if (!zoom_years_on_months(r->zoom) ||
		    (m->month != 1 && !first)) {
			snprintf(buf, n, "%s", cal_month_abbr(m->month));
			break;
		}
		/* FALLTHROUGH */
	case UNIT_YEAR:
		date_format_year(m->year, year, sizeof year);
		len = strlen(year) < n ? strlen(year) : n - 1;
		memcpy(buf, year, len);
		buf[len] = '\0';
		break;
	}
}

/*
 * Walks the ticks of one step across the ruler, writing the first max of
 * those whose label fits to out.  Returns false as soon as a label would
 * start less than its predecessor's width + 1 after it; else sets *n to
 * the number of ticks (which may exceed max).  Each tick that passes takes
 * at least two columns, so a walk visits at most width / 2 + 2 marks.
 */
static bool
tick_walk(const struct ruler *r, const struct tick_step *s,
    struct ruler_tick *out, size_t max, size_t *n)
{
	struct ruler_tick	 tick;
	struct mark		 m;
	long long		 col, next_free = 0;
	size_t			 len;
	bool			 first = true, context = false;

	*n = 0;
	mark_floor(s->unit, r->start, &m);
	if (mark_time(&m) < r->start)
		mark_advance(s->unit, &m);
	for (mark_align(s, &m); mark_time(&m) < r->end;
	    mark_advance(s->unit, &m), mark_align(s, &m)) {
		col = ruler_col(r, mark_time(&m));
		if (mark_context_label(r, s->unit, &m, first, tick.label,
		    sizeof tick.label) && (size_t)col + strlen(tick.label) <=
		    r->width)
			context = true;
		else
			mark_label(r, s->unit, &m, first, tick.label,
			    sizeof tick.label);
		if (col < next_free) {
			/* The ticks under the larger unit's label go. */
			if (context)
				continue;
			return false;
		}
		context = context && first;
		len = strlen(tick.label);
		next_free = col + (long long)len + 1;
		first = false;
		if ((size_t)col + len > r->width)
			continue;
		tick.col = (size_t)col;
		if (*n < max)
			out[*n] = tick;
		(*n)++;
	}
	return true;
}

/* The index in small_steps of the zoom's finest step; NSMALL_STEPS for
 * years. */
static size_t
zoom_first_step(enum ruler_zoom zoom)
{
	switch (zoom) {
	case RULER_ZOOM_DAY:
		return 0;
	case RULER_ZOOM_MONTH:
		return 5;
	case RULER_ZOOM_YEAR:
	case RULER_ZOOM_QUARTER:
		return 10;
	default:
		return NSMALL_STEPS;
	}
}

/* 1, 2, 5, 10, 20, 50, ... */
static int64_t
year_step_next(int64_t step)
{
	int64_t	decade = 1;

	while (step >= 10 * decade)
		decade *= 10;
	return step == decade ? 2 * decade : step == 2 * decade ?
	    5 * decade : 10 * decade;
}

size_t
ruler_ticks(const struct ruler *r, struct ruler_tick *out, size_t max)
{
	struct tick_step	s;
	size_t			i, n;

	if (!ruler_ok(r))
		return 0;
	for (i = zoom_first_step(r->zoom); i < NSMALL_STEPS; i++)
		if (tick_walk(r, &small_steps[i], out, max, &n))
			return n < max ? n : max;
	/*
	 * Once the step exceeds the span in years at most one mark is left,
	 * and a single mark always passes, long before YEAR_STEP_MAX.
	 */
	s.unit = UNIT_YEAR;
	for (s.step = 1; s.step <= YEAR_STEP_MAX;
	    s.step = year_step_next(s.step))
		if (tick_walk(r, &s, out, max, &n))
			return n < max ? n : max;
	return 0;
}

/* ---- density ------------------------------------------------------- */

/* A difference array: what starts and stops at a column. */
struct density_cell {
	double	rate;	/* change of the per-column weight */
	int64_t	live;	/* change of the number of events covering it */
};

static void
density_add(const struct ruler *r, const struct tl_event *e,
    struct density_cell *cells)
{
	date_time	a = e->date.earliest, l = tl_event_latest(e);
	date_time	b = l < a ? a : l;
	long long	c0, c1;
	double		v;

	if (b < r->start || a >= r->end)
		return;
	c0 = a < r->start ? 0 : ruler_col(r, a);
	c1 = b >= r->end ? (long long)r->width - 1 : ruler_col(r, b);
	v = 1.0 / (double)(c1 - c0 + 1);
	cells[c0].rate += v;
	cells[c0].live++;
	cells[c1 + 1].rate -= v;
	cells[c1 + 1].live--;
}

void
ruler_density(const struct ruler *r, const struct timeline *tl,
    const uint32_t *idx, size_t n, float *counts)
{
	struct density_cell	*cells;
	double			 sum = 0;
	int64_t			 live = 0;
	size_t			 i, c;

	for (c = 0; c < r->width; c++)
		counts[c] = 0.0f;
	if (!ruler_ok(r) || n == 0)
		return;
	cells = xcalloc(r->width + 1, sizeof *cells);
	for (i = 0; i < n; i++)
		density_add(r, &tl->events[idx[i]], cells);
	for (c = 0; c < r->width; c++) {
		live += cells[c].live;
		sum += cells[c].rate;
		if (live == 0)
			sum = 0;	/* no rounding left over in a gap */
		counts[c] = (float)sum;
	}
	free(cells);
}

/* ---- stepping ------------------------------------------------------ */

static enum unit
zoom_step_unit(enum ruler_zoom zoom)
{
	switch (zoom) {
	case RULER_ZOOM_QUARTER:
	case RULER_ZOOM_MONTH:
		return UNIT_MONTH;
	case RULER_ZOOM_DAY:
		return UNIT_DAY;
	default:
		return UNIT_YEAR;
	}
}

date_time
ruler_step(enum ruler_zoom zoom, date_time t, int dir)
{
	enum unit	unit = zoom_step_unit(zoom);
	struct mark	m;

	if (dir == 0 || t <= DATE_MIN || t >= DATE_MAX)
		return t;
	mark_floor(unit, t, &m);
	if (dir > 0)
		mark_advance(unit, &m);
	else if (mark_time(&m) == t)
		mark_floor(unit, t - 1, &m);
	return clamp_time(mark_time(&m), DATE_MIN, DATE_MAX);
}
