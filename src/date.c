/* SPDX-License-Identifier: MIT */
/*
 * Date expressions (SPEC section 2): parsing, on the calendar of cal.c;
 * date_int.h says what its other two files do (date_scan.c's scanner
 * below this, date_format.c's formatting at the bottom).
 *
 * date_parse() trims the text, splits an interval at its '/', and reads
 * each side as a run of atoms: words (looked up in date_words[]), numeric
 * chunks ("2022-02-24T04:50Z", "1970s", "24th", "201X", read by
 * date_chunk_parse()) and commas.  The first atom of a side picks its form;
 * there is no backtracking, so every failure has one message and one
 * column.  When a word is unknown, close words from date_words[] are tried
 * in its place and the ones that make the whole text parse are offered as
 * suggestions.
 *
 * Invariants:
 *	- parsing never guesses: whatever is not understood exactly fails;
 *	- a parsed year lies within +-YEAR_LIMIT (date_scan.c), so every
 *	  range is inside [DATE_MIN, DATE_MAX] and no arithmetic on it can
 *	  overflow;
 *	- no locale, no libc time functions but date_now's time(), no
 *	  mutable static state but date_now's pinned clock.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cal.h"
#include "date.h"
#include "date_int.h"
#include "xmalloc.h"

/* Longer (trimmed) text is refused outright; this bounds all the work. */
#define TEXT_MAX		128

/* ---- the clock ------------------------------------------------------ */

date_time
date_now(void)
{
	static bool		 read;
	static bool		 pinned;
	static date_time	 pin;
	const char		*env;
	struct date_range	 r;

	if (!read) {
		read = true;
		env = getenv("TLV_TEST_NOW");
		if (env != NULL && *env != '\0' &&
		    date_parse(env, strlen(env), 0, &r, NULL, NULL)) {
			pinned = true;
			pin = r.earliest;
		}
	}
	return pinned ? pin : (date_time)time(NULL);
}

char *
date_now_text(void)
{
	char	b[48];

	return xstrdup(date_format_iso(date_now(), DATE_PREC_SECOND, b,
	    sizeof b));
}

/* ---- word forms ------------------------------------------------------- */

/* One side of an interval as it is being read. */
struct side {
	struct scan		 s;
	struct date_range	 r;
	bool			 has_day;	/* a day was given: for weekdays */
	int64_t			 day;		/* its days since 1970 */
};

static bool
is_word(const struct atom *a, enum word_kind kind)
{
	return a->kind == A_WORD && a->w != NULL && a->w->kind == kind &&
	    !a->hyphen;
}

/* Day d of month m of year y, checked. */
static bool
side_day(struct side *sd, int64_t y, unsigned m, unsigned d, size_t col)
{
	char	yb[32];

	if (d == 0 || d > cal_month_days(y, m))
		return date_fail(sd->s.p, PERR_INVALID, col,
		    "%s %s has %u days",
		    cal_month_name(m), date_format_year(y, yb, sizeof yb),
		    cal_month_days(y, m));
	set_days(&sd->r, y, m, d, y, m, d);
	sd->r.precision = DATE_PREC_DAY;
	sd->has_day = true;
	sd->day = cal_days_from_civil(y, m, d);
	return true;
}

/* An optional "04:50[:00][zone]" chunk after a day. */
static bool
side_time(struct side *sd)
{
	struct atom	a;
	struct chunk	c;

	date_atom_peek(&sd->s, &a);
	if (a.kind != A_CHUNK || !is_digit((unsigned char)sd->s.p->s[a.pos]))
		return true;
	if (!date_chunk_parse(sd->s.p, &a, &c))
		return false;
	if (c.kind != C_TIME)
		return true;	/* not a time: the caller reports it */
	date_atom_skip(&sd->s, &a);
	sd->r.earliest += c.tsecs;
	sd->r.precision = c.r.precision;
	sd->r.latest = sd->r.earliest +
	    (c.r.precision == DATE_PREC_MINUTE ? 59 : 0);
	sd->r.flags |= DATE_HAS_TIME;
	return true;
}

/*
 * A year in words: "2022", "-0043", "44 BC", "AD 1066", "1066 CE".  EDTF
 * qualifiers on the number go into sd->r.flags.
 */
static bool
take_year(struct side *sd, int64_t *year)
{
	struct pctx	*p = sd->s.p;
	struct atom	 a;
	struct chunk	 c;
	bool		 ad = date_skip_word(&sd->s, W_AD), bc = false;

	date_atom_peek(&sd->s, &a);
	if (a.kind == A_END)
		return date_fail(p, PERR_SYNTAX, 0, "no year given");
	if (a.kind != A_CHUNK)
		return date_unexpected_atom(p, &a);
	if (!date_chunk_parse(p, &a, &c))
		return false;
	if ((c.kind != C_NUMBER && c.kind != C_YEAR) || c.ordinal)
		return date_fail(p, PERR_SYNTAX, a.pos, "expected a year, "
		    "found '%.*s'", (int)a.len, p->s + a.pos);
	date_atom_skip(&sd->s, &a);
	if (!ad && !(bc = date_skip_word(&sd->s, W_BC)))
		ad = date_skip_word(&sd->s, W_AD);
	if ((ad || bc) && c.sign)
		return date_fail(p, PERR_SYNTAX, a.pos,
		    "a year with a sign takes no era");
	if ((ad || bc) && c.num == 0)
		return date_fail(p, PERR_INVALID, a.pos,
		    "there is no year 0 %s "
		    "(1 BC is followed by AD 1)", bc ? "BC" : "AD");
	if (!ad && !bc && c.kind == C_NUMBER)
		return date_fail(p, PERR_SYNTAX, a.pos,
		    "a year needs at least 4 "
		    "digits, as in 0800 or 800 AD");
	*year = bc ? 1 - c.num : c.num;
	sd->r.flags |= c.flags;
	return true;
}

/* A year alone: "2022", "44 BC", "AD 1066". */
static bool
body_year(struct side *sd)
{
	int64_t	y;

	if (!take_year(sd, &y))
		return false;
	set_years(&sd->r, y, y);
	sd->r.precision = DATE_PREC_YEAR;
	return true;
}

/* "spring 2022", "Q4 2022", "H2 2022", "summer of 1969". */
static bool
body_season(struct side *sd, const struct atom *a)
{
	int64_t	y;

	date_atom_skip(&sd->s, a);
	date_skip_word(&sd->s, W_OF);
	if (!take_year(sd, &y))
		return false;
	set_months(&sd->r, y, a->w->a, a->w->b);
	sd->r.precision = DATE_PREC_SEASON;
	return true;
}

/* "2024", "24, 2022", "24th 2022" after a month name. */
static bool
body_month(struct side *sd, unsigned m)
{
	struct atom	a;
	struct chunk	c;
	struct scan	save = sd->s;
	int64_t		y;

	date_atom_peek(&sd->s, &a);
	if (a.kind == A_CHUNK && !date_chunk_parse(sd->s.p, &a, &c))
		return false;
	if (a.kind == A_CHUNK && c.kind == C_NUMBER && c.num < 100) {
		date_atom_skip(&sd->s, &a);
		if (c.ordinal || (!date_skip_word(&sd->s, W_BC) &&
		    !date_skip_word(&sd->s, W_AD))) {
			date_skip_comma(&sd->s);
			sd->r.flags |= c.flags;
			return take_year(sd, &y) &&
			    side_day(sd, y, m, (unsigned)c.num, a.pos) &&
			    side_time(sd);
		}
		sd->s = save;	/* "Feb 24 BC": a year after all */
	}
	if (!take_year(sd, &y))
		return false;
	set_months(&sd->r, y, m, 1);
	sd->r.precision = DATE_PREC_MONTH;
	return true;
}

/* "24 February 2022", "24th of Feb. 2022", after the day number. */
static bool
body_day_first(struct side *sd, const struct chunk *day)
{
	struct atom	a;
	int64_t		y;

	date_skip_word(&sd->s, W_OF);
	date_atom_peek(&sd->s, &a);
	if (a.kind == A_END && !day->ordinal)
		return date_fail(sd->s.p, PERR_SYNTAX, 0,
		    "a year needs at least 4 "
		    "digits, as in 0800 or 800 AD");
	if (a.kind == A_END)
		return date_fail(sd->s.p, PERR_SYNTAX, 0,
		    "a day needs a month and a year");
	if (a.kind == A_WORD && a.w == NULL)
		return date_unexpected_atom(sd->s.p, &a);
	if (!is_word(&a, W_MONTH))
		return date_fail(sd->s.p, PERR_SYNTAX, a.pos,
		    "expected a month "
		    "after the day, found '%.*s'", (int)a.len,
		    sd->s.p->s + a.pos);
	date_atom_skip(&sd->s, &a);
	date_skip_comma(&sd->s);
	sd->r.flags |= day->flags;
	return take_year(sd, &y) &&
	    side_day(sd, y, a.w->a, (unsigned)day->num, day->pos) &&
	    side_time(sd);
}

/* early/mid/late (part 0, 1, 2) of month m of year y: days 1-10, 11-20, 21-. */
static void
part_of_month(struct side *sd, unsigned part, int64_t y, unsigned m)
{
	unsigned	last = part == 2 ? cal_month_days(y, m) : part * 10 + 10;

	set_days(&sd->r, y, m, part * 10 + 1, y, m, last);
	sd->r.precision = DATE_PREC_DAY_PART;
}

/* early/mid/late of a decade: years 0-3, 4-6, 7-9. */
static void
part_of_decade(struct side *sd, unsigned part, int64_t y)
{
	static const unsigned char	first[3] = { 0, 4, 7 }, last[3] = {
		3, 6, 9
	};

	set_years(&sd->r, y + first[part], y + last[part]);
	sd->r.precision = DATE_PREC_DECADE;
}

/* After early/mid/late: a month name, a decade, an ISO month or a year. */
static bool
body_part(struct side *sd, const struct atom *pa)
{
	struct pctx	*p = sd->s.p;
	unsigned	 part = pa->w->a;
	struct atom	 a;
	struct chunk	 c;
	int64_t		 y;

	date_atom_skip(&sd->s, pa);
	date_atom_peek(&sd->s, &a);
	if (is_word(&a, W_MONTH)) {
		date_atom_skip(&sd->s, &a);
		if (!take_year(sd, &y))
			return false;
		part_of_month(sd, part, y, a.w->a);
		return true;
	}
	if (a.kind == A_END)
		return date_fail(p, PERR_SYNTAX, 0,
		    "'%s' needs a year, a decade "
		    "or a month", pa->w->name);
	if (a.kind == A_WORD && a.w == NULL)
		return date_unexpected_atom(p, &a);
	if (a.kind == A_CHUNK && !date_chunk_parse(p, &a, &c))
		return false;
	if (a.kind == A_CHUNK && (c.is_decade || c.is_month)) {
		date_atom_skip(&sd->s, &a);
		sd->r.flags |= c.flags;
		if (c.is_decade)
			part_of_decade(sd, part, c.year);
		else
			part_of_month(sd, part, c.year, c.month);
		return true;
	}
	if (!is_word(&a, W_AD) && (a.kind != A_CHUNK ||
	    (c.kind != C_YEAR && c.kind != C_NUMBER)))
		return date_fail(p, PERR_SYNTAX, a.pos,
		    "'%s' goes with a year, "
		    "a decade or a month", pa->w->name);
	if (!take_year(sd, &y))
		return false;
	set_months(&sd->r, y, part * 4 + 1, 4);
	sd->r.precision = DATE_PREC_SEASON;
	return true;
}

/* A side that starts with a number. */
static bool
body_chunk(struct side *sd, const struct atom *a)
{
	struct pctx	*p = sd->s.p;
	struct chunk	 c;
	struct atom	 n;
	struct scan	 save = sd->s;

	if (!date_chunk_parse(p, a, &c))
		return false;
	if (c.kind == C_TIME)
		return date_fail(p, PERR_SYNTAX, a->pos,
		    "a time needs a date before it");
	date_atom_skip(&sd->s, a);
	date_atom_peek(&sd->s, &n);
	if (c.kind == C_NUMBER && (c.ordinal || (!is_word(&n, W_BC) &&
	    !is_word(&n, W_AD))))
		return body_day_first(sd, &c);
	if (c.kind == C_YEAR && is_word(&n, W_QUARTER)) {
		date_atom_skip(&sd->s, &n);		/* "2022 Q4" */
		set_months(&sd->r, c.num, n.w->a, n.w->b);
		sd->r.precision = DATE_PREC_SEASON;
		sd->r.flags |= c.flags;
		return true;
	}
	if (c.kind != C_SPAN) {
		sd->s = save;
		return body_year(sd);
	}
	sd->r = c.r;
	sd->r.flags |= c.flags;
	if (!c.is_day)
		return true;
	sd->has_day = true;
	sd->day = cal_days_from_civil(c.year, c.month, c.day);
	return (c.flags & DATE_HAS_TIME) || side_time(sd);
}

/* A side that starts with a word. */
static bool
body_word(struct side *sd, const struct atom *a)
{
	struct pctx	*p = sd->s.p;

	if (a->w == NULL)
		return date_unexpected_atom(p, a);
	if (a->hyphen && a->w->kind != W_PART)
		return date_unexpected(p, a->pos + a->len - 1, 1);
	switch (a->w->kind) {
	case W_PART:
		return body_part(sd, a);
	case W_SEASON:
	case W_QUARTER:
		return body_season(sd, a);
	case W_MONTH:
		date_atom_skip(&sd->s, a);
		return body_month(sd, a->w->a);
	case W_AD:
		return body_year(sd);
	case W_ONGOING:
		return date_fail(p, PERR_SYNTAX, a->pos,
		    "'ongoing' stands alone, as an end date");
	default:
		return date_unexpected_atom(p, a);
	}
}

static bool
side_body(struct side *sd)
{
	struct atom	a;

	date_atom_peek(&sd->s, &a);
	if (a.kind == A_END)
		return date_fail(sd->s.p, PERR_SYNTAX, 0, "no date given");
	if (a.kind == A_CHUNK)
		return body_chunk(sd, &a);
	if (a.kind == A_WORD)
		return body_word(sd, &a);
	return date_unexpected_atom(sd->s.p, &a);
}

/* A weekday written before a date must be that date's. */
static bool
side_weekday(struct side *sd, unsigned wday, size_t col)
{
	unsigned	actual;
	char		iso[32];

	if (!sd->has_day)
		return date_fail(sd->s.p, PERR_INVALID, col,
		    "a weekday goes only with a full date");
	actual = cal_weekday(sd->day);
	if (actual == wday)
		return true;
	return date_fail(sd->s.p, PERR_INVALID, col, "%s is a %s, not a %s",
	    date_format_iso(sd->day * DATE_SECS_PER_DAY, DATE_PREC_DAY, iso,
	    sizeof iso), cal_weekday_name(actual), cal_weekday_name(wday));
}

/* Words before the body: circa, a weekday, "the". */
struct prefix {
	unsigned	flags;
	int		wday;
	size_t		wday_col;
	bool		the;
	size_t		the_col;
};

static void
take_prefix(struct scan *s, struct prefix *pf)
{
	struct atom	a;

	memset(pf, 0, sizeof *pf);
	pf->wday = -1;
	for (;;) {
		date_atom_peek(s, &a);
		if (is_word(&a, W_CIRCA) && pf->flags == 0)
			pf->flags = DATE_APPROXIMATE;
		else if (is_word(&a, W_WEEKDAY) && pf->wday < 0) {
			pf->wday = (int)a.w->a;
			pf->wday_col = a.pos;
			date_atom_skip(s, &a);
			date_skip_comma(s);
			continue;
		} else if (is_word(&a, W_THE) && !pf->the) {
			pf->the = true;
			pf->the_col = a.pos;
		} else
			return;
		date_atom_skip(s, &a);
	}
}

/* A date that is not an interval, in text[b, e). */
static bool
parse_side(struct pctx *p, size_t b, size_t e, struct date_range *out)
{
	struct side	sd;
	struct prefix	pf;
	struct atom	a;

	memset(&sd, 0, sizeof sd);
	sd.s.p = p;
	sd.s.pos = b;
	sd.s.lim = e;
	take_prefix(&sd.s, &pf);
	if (!side_body(&sd))
		return false;
	date_atom_peek(&sd.s, &a);
	if (a.kind != A_END)
		return date_unexpected_atom(p, &a);
	if (pf.the && sd.r.precision != DATE_PREC_DECADE)
		return date_fail(p, PERR_SYNTAX, pf.the_col,
		    "'the' goes only with a decade, as in 'the 1970s'");
	if (pf.wday >= 0 && !side_weekday(&sd, (unsigned)pf.wday,
	    pf.wday_col))
		return false;
	*out = sd.r;
	out->flags |= pf.flags;
	return true;
}

/* ---- intervals and the whole text ------------------------------------- */

/* One end of an interval; empty or ".." is open. */
static bool
parse_end(struct pctx *p, size_t b, size_t e, struct date_range *r,
    bool *open)
{
	date_trim(p->s, &b, &e);
	memset(r, 0, sizeof *r);
	*open = b == e || (e - b == 2 && memcmp(p->s + b, "..", 2) == 0);
	return *open || parse_side(p, b, e, r);
}

static bool
parse_interval(struct pctx *p, size_t slash, struct date_range *out)
{
	struct date_range	a, z;
	bool			oa, oz;

	if (!parse_end(p, p->b, slash, &a, &oa) ||
	    !parse_end(p, slash + 1, p->e, &z, &oz))
		return false;
	if (oa && oz)
		return date_fail(p, PERR_SYNTAX, 0,
		    "an interval needs at least one known end");
	if (!oa && !oz && a.earliest > z.latest)
		return date_fail(p, PERR_INVALID, 0,
		    "the interval starts after it ends");
	out->earliest = oa ? DATE_MIN : a.earliest;
	out->latest = oz ? DATE_MAX : z.latest;
	if (oa || oz)
		out->precision = oa ? z.precision : a.precision;
	else
		out->precision = a.precision < z.precision ? a.precision :
		    z.precision;
	out->flags = DATE_INTERVAL | a.flags | z.flags |
	    (oa ? DATE_OPEN_START : 0) | (oz ? DATE_OPEN_END : 0);
	return true;
}

static bool
equal_fold(const char *s, size_t n, const char *word)
{
	size_t	i;

	if (strlen(word) != n)
		return false;
	for (i = 0; i < n; i++)
		if (to_lower((unsigned char)s[i]) != word[i])
			return false;
	return true;
}

/*
 * Deep time (SPEC section 2): EDTF's "Y" years ("Y-13800000000",
 * "Y170000002") with an exponent ("Y-17E7"), and "13.8 billion years
 * ago", "65 million years ago", "12000 years ago".  N years ago is the
 * year N BC (1 - N: TimelineJS's year -N).  Returns 1 and fills *out
 * when t is one, 0 when it is not, -1 after date_fail().
 */
#define DEEP_MAX	((int64_t)30000000000)	/* years: inside DATE_MIN */

static int
parse_deep(struct pctx *p, const char *t, size_t n, struct date_range *out)
{
	static const struct {
		const char	*word;
		int64_t		 mult;
	} mults[] = {
		{ " thousand years ago", 1000 }, { " million years ago",
		1000000 }, { " billion years ago", 1000000000 },
		{ " years ago", 1 },
	};
	size_t		 i = 0, k, m;
	int64_t		 y = 0, mant = 0, scale = 1, e = 0;
	bool		 neg = false, dot = false;

	if (n >= 2 && t[0] == 'Y' && (is_digit((unsigned char)t[1]) ||
	    t[1] == '-')) {
		i = 1;
		if (t[i] == '-') {
			neg = true;
			i++;
		}
		for (k = i; i < n && is_digit((unsigned char)t[i]); i++) {
			if (y > DEEP_MAX)
				break;
			y = y * 10 + (t[i] - '0');
		}
		if (i == k)
			return date_fail(p, PERR_SYNTAX, i, "a 'Y' year needs "
			    "digits") ? 1 : -1;
		if (i < n && t[i] == 'E') {
			for (k = ++i; i < n && is_digit((unsigned char)t[i]) &&
			    e < 20; i++)
				e = e * 10 + (t[i] - '0');
			if (i == k)
				return date_fail(p, PERR_SYNTAX, i,
				    "an exponent "
				    "needs digits") ? 1 : -1;
			while (e-- > 0 && y <= DEEP_MAX)
				y *= 10;
		}
		if (i < n)
			return date_fail(p, PERR_SYNTAX, i,
			    "unexpected '%c' in a "
			    "'Y' year", t[i]) ? 1 : -1;
		if (neg)
			y = -y;
	} else if (n > 10 && is_digit((unsigned char)t[0])) {
		for (k = 0; k < sizeof mults / sizeof *mults; k++) {
			m = strlen(mults[k].word);
			if (n > m && equal_fold(t + n - m, m, mults[k].word))
				break;
		}
		if (k == sizeof mults / sizeof *mults)
			return 0;
		for (i = 0; i < n - m; i++) {
			if (t[i] == '.' && !dot) {
				dot = true;
				continue;
			}
			if (!is_digit((unsigned char)t[i]) || mant > DEEP_MAX)
				return 0;
			mant = mant * 10 + (t[i] - '0');
			if (dot)
				scale *= 10;
		}
		if (scale > mults[k].mult || mults[k].mult % scale != 0 ||
		    mant > DEEP_MAX / (mults[k].mult / scale))
			return date_fail(p, PERR_SYNTAX, 0,
			    "'%.*s' is not a whole "
			    "number of years", (int)(n - m), t) ? 1 : -1;
		y = 1 - mant * (mults[k].mult / scale);
	} else
		return 0;
	if (y > DEEP_MAX || y < -DEEP_MAX)
		return date_fail(p, PERR_SYNTAX, 0, "a year beyond 30 billion "
		    "years") ? 1 : -1;
	memset(out, 0, sizeof *out);
	set_years(out, y, y);
	out->precision = DATE_PREC_YEAR;
	return 1;
}

static bool
parse_text(struct pctx *p, struct date_range *out)
{
	const char	*t = p->s + p->b, *slash, *again;
	size_t		 n = p->e - p->b;

	memset(out, 0, sizeof *out);
	if (n == 0)
		return date_fail(p, PERR_SYNTAX, 0, "empty date");
	if (n > TEXT_MAX)
		return date_fail(p, PERR_SYNTAX, 0,
		    "too long (%zu bytes; a date "
		    "has at most %d)", n, TEXT_MAX);
	if (equal_fold(t, n, "ongoing")) {
		if (!(p->opts & DATE_PARSE_END))
			return date_fail(p, PERR_SYNTAX, 0,
			    "'ongoing' is only allowed as an end date");
		out->earliest = DATE_MIN;
		out->latest = DATE_MAX;
		out->precision = DATE_PREC_NONE;
		out->flags = DATE_ONGOING;
		return true;
	}
	switch (parse_deep(p, t, n, out)) {
	case 1:
		return true;
	case -1:
		return false;
	}
	if ((slash = memchr(t, '/', n)) == NULL)
		return parse_side(p, p->b, p->e, out);
	again = memchr(slash + 1, '/', (size_t)(t + n - slash - 1));
	if (again != NULL)
		return date_fail(p, PERR_SYNTAX, (size_t)(again - p->s),
		    "an interval has one '/'");
	return parse_interval(p, (size_t)(slash - p->s), out);
}

static void
pctx_init(struct pctx *p, const char *s, size_t len, unsigned opts)
{
	memset(p, 0, sizeof *p);
	p->s = s;
	p->e = len;
	p->opts = opts;
	date_trim(s, &p->b, &p->e);
}

/* ---- messages and suggestions ----------------------------------------- */

/* The text for a message, long text cut.  Control characters are left as
 * they are: whoever prints a message sanitises it (diag_format, the CLI,
 * the viewer), so they are shown the same way everywhere. */
static void
quote(struct buf *b, const char *s, size_t n)
{
	size_t	max = n;

	if (n > TEXT_MAX) {
		max = 40;
		while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
			max--;
	}
	buf_add(b, s, max);
	if (max < n)
		buf_adds(b, "...");
}

/* Lower-case letters of a word as typed; 0 if too long. */
static size_t
typed_letters(const char *s, size_t n, char *out)
{
	size_t	i, k = 0;

	for (i = 0; i < n; i++) {
		if (!is_alpha((unsigned char)s[i]) && !is_digit(s[i]))
			continue;
		if (k == WORD_MAX)
			return 0;
		out[k++] = (char)to_lower((unsigned char)s[i]);
	}
	out[k] = '\0';
	return k;
}

/* The trimmed text with the bad word replaced by w, in the typed case. */
static void
replace_word(const struct pctx *p, const struct word *w, struct buf *b)
{
	const char	*typed = p->s + p->ecol;
	size_t		 i, upper = 0, letters = 0;
	bool		 first_up = typed[0] >= 'A' && typed[0] <= 'Z';

	for (i = 0; i < p->elen; i++)
		if (is_alpha((unsigned char)typed[i])) {
			letters++;
			upper += typed[i] >= 'A' && typed[i] <= 'Z';
		}
	buf_add(b, p->s + p->b, p->ecol - p->b);
	for (i = 0; w->name[i] != '\0'; i++) {
		int	ch = (unsigned char)w->name[i];

		if ((letters > 1 && upper == letters) || (i == 0 && first_up))
			ch = ch >= 'a' && ch <= 'z' ? ch - 'a' + 'A' : ch;
		buf_addc(b, (char)ch);
	}
	buf_add(b, p->s + p->ecol + p->elen, p->e - p->ecol - p->elen);
}

static bool
parses(const struct pctx *p, const struct word *w)
{
	struct buf		b = BUF_INIT;
	struct pctx		q;
	struct date_range	r;
	bool			ok;

	replace_word(p, w, &b);
	pctx_init(&q, buf_str(&b), b.len, p->opts);
	ok = parse_text(&q, &r);
	free(q.edetail);
	buf_free(&b);
	return ok;
}

static bool
same_meaning(const struct word *a, const struct word *b)
{
	return a->kind == b->kind && a->a == b->a && a->b == b->b;
}

/* Up to 3 known words close to the unknown one that make the text parse. */
static size_t
suggest_words(const struct pctx *p, const struct word **found)
{
	char		typed[WORD_MAX + 1];
	size_t		tn, i, j, n = 0;
	unsigned	d, max;

	tn = typed_letters(p->s + p->ecol, p->elen, typed);
	if (tn < 2)
		return 0;
	max = tn <= 4 ? 1 : 2;
	for (d = 1; d <= max && n == 0; d++)
		for (i = 0; i < date_nwords && n < 3; i++) {
			if (date_word_distance(typed, date_words[i].name) != d)
				continue;
			for (j = 0; j < n; j++)
				if (same_meaning(found[j], &date_words[i]))
					break;
			if (j == n && parses(p, &date_words[i]))
				found[n++] = &date_words[i];
		}
	return n;
}

/* " (did you mean 'late 2022'?)", or nothing. */
static bool
add_suggestion(const struct pctx *p, struct buf *msg)
{
	const struct word	*found[3];
	size_t			 n, i;
	struct buf		 b = BUF_INIT;

	if ((n = suggest_words(p, found)) == 0)
		return false;
	buf_adds(msg, " (did you mean ");
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(msg, i + 1 == n ? " or " : ", ");
		buf_reset(&b);
		replace_word(p, found[i], &b);
		buf_addc(msg, '\'');
		quote(msg, buf_str(&b), b.len);
		buf_addc(msg, '\'');
	}
	buf_adds(msg, "?)");
	buf_free(&b);
	return true;
}

static char *
error_message(const struct pctx *p)
{
	struct buf	b = BUF_INIT;

	if (p->b == p->e)
		return xstrdup("empty date");
	buf_adds(&b, p->ekind == PERR_INVALID ? "invalid date '" :
	    "unrecognised date '");
	quote(&b, p->s + p->b, p->e - p->b);
	buf_addc(&b, '\'');
	if (p->ekind != PERR_WORD || !add_suggestion(p, &b))
		buf_printf(&b, ": %s", p->edetail);
	return buf_detach(&b);
}

/* The commonest form, a valid "YYYY-MM-DD" alone (years 1000 to 9999, no
 * blanks around), without the general scanner: what it gives is what
 * parse_text gives for the same text (tests/check_date.c compares the two,
 * the scanner's with DATE_PARSE_SCAN).  False for anything else, which
 * the scanner then reads or explains. */
static bool
parse_iso_day(const char *t, size_t len, struct date_range *out)
{
	static const unsigned char at[8] = { 0, 1, 2, 3, 5, 6, 8, 9 };
	unsigned	v[8], y, m, d, i;

	if (len != 10 || t[4] != '-' || t[7] != '-')
		return false;
	for (i = 0; i < 8; i++) {
		if (t[at[i]] < '0' || t[at[i]] > '9')
			return false;
		v[i] = (unsigned)(t[at[i]] - '0');
	}
	y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
	m = v[4] * 10 + v[5];
	d = v[6] * 10 + v[7];
	if (y < 1000 || m < 1 || m > 12 || d < 1 ||
	    d > cal_month_days(y, m))
		return false;
	memset(out, 0, sizeof *out);
	set_days(out, y, m, d, y, m, d);
	out->precision = DATE_PREC_DAY;
	return true;
}

bool
date_parse(const char *text, size_t len, unsigned opts,
    struct date_range *out, char **err, size_t *err_col)
{
	struct pctx		p;
	struct date_range	r;
	bool			ok;

	if (err != NULL)
		*err = NULL;
	if (err_col != NULL)
		*err_col = 0;
	if (text != NULL && !(opts & DATE_PARSE_SCAN) &&
	    parse_iso_day(text, len, out))
		return true;
	if (opts & DATE_PARSE_SHORTCUT)
		return false;
	if (text == NULL)
		len = 0;
	pctx_init(&p, text != NULL ? text : "", len, opts);
	if ((ok = parse_text(&p, &r)))
		*out = r;
	else {
		if (err != NULL)
			*err = error_message(&p);
		if (err_col != NULL)
			*err_col = p.ecol;
	}
	free(p.edetail);
	return ok;
}
