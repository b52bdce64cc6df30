/* SPDX-License-Identifier: MIT */
/*
 * Date expressions (SPEC section 2): parsing and formatting, on the
 * calendar of cal.c.
 *
 * date_parse() trims the text, splits an interval at its '/', and reads
 * each side as a run of atoms: words (looked up in words[]), numeric chunks
 * ("2022-02-24T04:50Z", "1970s", "24th", "201X", read by chunk_parse()) and
 * commas.  The first atom of a side picks its form; there is no
 * backtracking, so every failure has one message and one column.  When a
 * word is unknown, close words from words[] are tried in its place and the
 * ones that make the whole text parse are offered as suggestions.
 *
 * Invariants:
 *	- parsing never guesses: whatever is not understood exactly fails;
 *	- a parsed year lies within +-YEAR_LIMIT, so every range is inside
 *	  [DATE_MIN, DATE_MAX] and no arithmetic on it can overflow;
 *	- no locale, no libc time functions, no mutable static state.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cal.h"
#include "date.h"
#include "xmalloc.h"

/* Parsed years stay within +-YEAR_LIMIT. */
#define YEAR_LIMIT		INT64_C(1000000000)
/* Longer (trimmed) text is refused outright; this bounds all the work. */
#define TEXT_MAX		128
/* Letters of a word that are kept; longer words are unknown. */
#define WORD_MAX		16
/* Time zone offsets allowed, in minutes (as java.time: +-18:00). */
#define OFFSET_LIMIT		(18 * 60)

/* ---- calendar ------------------------------------------------------ */

static int64_t
clamp64(int64_t v, int64_t lo, int64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void
date_split(date_time t, struct date_parts *p)
{
	int64_t	days = t / DATE_SECS_PER_DAY, secs = t % DATE_SECS_PER_DAY;

	if (secs < 0) {		/* floor, without days * 86400 overflowing */
		days--;
		secs += DATE_SECS_PER_DAY;
	}
	cal_civil_from_days(days, &p->year, &p->month, &p->day);
	p->hour = (unsigned)(secs / 3600);
	p->minute = (unsigned)(secs / 60 % 60);
	p->second = (unsigned)(secs % 60);
}

date_time
date_join(const struct date_parts *p)
{
	int64_t	days, t;

	days = cal_days_from_civil(p->year, p->month, p->day);
	if (days > DATE_MAX / DATE_SECS_PER_DAY + 1)
		return DATE_MAX;
	if (days < DATE_MIN / DATE_SECS_PER_DAY - 1)
		return DATE_MIN;
	t = days * DATE_SECS_PER_DAY + (int64_t)p->hour * 3600 +
	    (int64_t)p->minute * 60 + (int64_t)p->second;
	return clamp64(t, DATE_MIN, DATE_MAX);
}

/* ---- formatting ---------------------------------------------------- */

/* ISO 8601 year: 4 digits for 0..9999, else signed ("-0043", "+12022"). */
static void
format_iso_year(int64_t year, char *buf, size_t n)
{
	if (year >= 0 && year <= 9999)
		snprintf(buf, n, "%04d", (int)year);
	else if (year < 0)
		snprintf(buf, n, "-%04llu",
		    (unsigned long long)(0 - (uint64_t)year));
	else
		snprintf(buf, n, "+%lld", (long long)year);
}

char *
date_format_iso(date_time t, enum date_precision prec, char *buf, size_t n)
{
	struct date_parts	p;
	char			year[32];

	if (n == 0)
		return buf;
	if (t <= DATE_MIN || t >= DATE_MAX) {
		snprintf(buf, n, "..");
		return buf;
	}
	date_split(t, &p);
	format_iso_year(p.year, year, sizeof year);
	if (prec > DATE_PREC_DAY)
		snprintf(buf, n, "%s-%02u-%02uT%02u:%02u:%02uZ", year,
		    p.month, p.day, p.hour, p.minute, p.second);
	else
		snprintf(buf, n, "%s-%02u-%02u", year, p.month, p.day);
	return buf;
}

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

char *
date_format_ago(int64_t year, char *buf, size_t n)
{
	static const struct {
		int64_t		 unit;
		const char	*name;
	} units[] = { { 1000000000, "billion " }, { 1000000, "million " },
		{ 1000, "thousand " }, { 1, "" } };
	uint64_t	ago = 1 - (uint64_t)year;	/* (year <= 0) */
	size_t		i;

	for (i = 0; i + 1 < sizeof units / sizeof *units; i++)
		if (ago >= (uint64_t)units[i].unit)
			break;
	/* Three significant digits at most: 13.8 billion, 65 million. */
	snprintf(buf, n, "%.3g %syears ago", (double)ago /
	    (double)units[i].unit, units[i].name);
	return buf;
}

char *
date_format_year(int64_t year, char *buf, size_t n)
{
	if (n == 0)
		return buf;
	if (year > 0)
		snprintf(buf, n, "%lld", (long long)year);
	else	/* unsigned: 1 - INT64_MIN does not fit an int64_t */
		snprintf(buf, n, "%llu BC",
		    (unsigned long long)(1 - (uint64_t)year));
	return buf;
}

int
date_range_cmp(const struct date_range *a, const struct date_range *b)
{
	if (a->earliest != b->earliest)
		return a->earliest < b->earliest ? -1 : 1;
	if (a->latest != b->latest)
		return a->latest < b->latest ? -1 : 1;
	return 0;
}

/* ---- words ----------------------------------------------------------- */

enum word_kind {
	W_PART,		/* early/mid/late: a = 0, 1, 2 */
	W_SEASON,	/* a = first month, b = months (winter runs on) */
	W_QUARTER,	/* Q1..Q4, H1, H2: as W_SEASON */
	W_MONTH,	/* a = 1..12 */
	W_CIRCA,
	W_BC,
	W_AD,
	W_THE,
	W_OF,
	W_WEEKDAY,	/* a = 0 (Monday)..6 */
	W_ONGOING
};

struct word {
	const char	*name;
	enum word_kind	 kind;
	unsigned	 a, b;
};

/* Every word the parser knows, and so every word it may suggest. */
static const struct word words[] = {
	{ "early", W_PART, 0, 0 },	{ "mid", W_PART, 1, 0 },
	{ "late", W_PART, 2, 0 },
	{ "spring", W_SEASON, 3, 3 },	{ "summer", W_SEASON, 6, 3 },
	{ "autumn", W_SEASON, 9, 3 },	{ "fall", W_SEASON, 9, 3 },
	{ "winter", W_SEASON, 12, 3 },
	{ "q1", W_QUARTER, 1, 3 },	{ "q2", W_QUARTER, 4, 3 },
	{ "q3", W_QUARTER, 7, 3 },	{ "q4", W_QUARTER, 10, 3 },
	{ "h1", W_QUARTER, 1, 6 },	{ "h2", W_QUARTER, 7, 6 },
	{ "january", W_MONTH, 1, 0 },	{ "jan", W_MONTH, 1, 0 },
	{ "february", W_MONTH, 2, 0 },	{ "feb", W_MONTH, 2, 0 },
	{ "march", W_MONTH, 3, 0 },	{ "mar", W_MONTH, 3, 0 },
	{ "april", W_MONTH, 4, 0 },	{ "apr", W_MONTH, 4, 0 },
	{ "may", W_MONTH, 5, 0 },
	{ "june", W_MONTH, 6, 0 },	{ "jun", W_MONTH, 6, 0 },
	{ "july", W_MONTH, 7, 0 },	{ "jul", W_MONTH, 7, 0 },
	{ "august", W_MONTH, 8, 0 },	{ "aug", W_MONTH, 8, 0 },
	{ "september", W_MONTH, 9, 0 },	{ "sep", W_MONTH, 9, 0 },
	{ "sept", W_MONTH, 9, 0 },
	{ "october", W_MONTH, 10, 0 },	{ "oct", W_MONTH, 10, 0 },
	{ "november", W_MONTH, 11, 0 },	{ "nov", W_MONTH, 11, 0 },
	{ "december", W_MONTH, 12, 0 },	{ "dec", W_MONTH, 12, 0 },
	{ "circa", W_CIRCA, 0, 0 },	{ "ca", W_CIRCA, 0, 0 },
	{ "c", W_CIRCA, 0, 0 },		{ "approx", W_CIRCA, 0, 0 },
	{ "approximately", W_CIRCA, 0, 0 },
	{ "bc", W_BC, 0, 0 },		{ "bce", W_BC, 0, 0 },
	{ "ad", W_AD, 0, 0 },		{ "ce", W_AD, 0, 0 },
	{ "the", W_THE, 0, 0 },		{ "of", W_OF, 0, 0 },
	{ "monday", W_WEEKDAY, 0, 0 },	{ "mon", W_WEEKDAY, 0, 0 },
	{ "tuesday", W_WEEKDAY, 1, 0 },	{ "tue", W_WEEKDAY, 1, 0 },
	{ "tues", W_WEEKDAY, 1, 0 },
	{ "wednesday", W_WEEKDAY, 2, 0 }, { "wed", W_WEEKDAY, 2, 0 },
	{ "thursday", W_WEEKDAY, 3, 0 }, { "thu", W_WEEKDAY, 3, 0 },
	{ "thur", W_WEEKDAY, 3, 0 },	{ "thurs", W_WEEKDAY, 3, 0 },
	{ "friday", W_WEEKDAY, 4, 0 },	{ "fri", W_WEEKDAY, 4, 0 },
	{ "saturday", W_WEEKDAY, 5, 0 }, { "sat", W_WEEKDAY, 5, 0 },
	{ "sunday", W_WEEKDAY, 6, 0 },	{ "sun", W_WEEKDAY, 6, 0 },
	{ "ongoing", W_ONGOING, 0, 0 },
};

#define NWORDS	(sizeof words / sizeof words[0])

static const struct word *
word_find(const char *norm)
{
	size_t	i;

	for (i = 0; i < NWORDS; i++)
		if (strcmp(words[i].name, norm) == 0)
			return &words[i];
	return NULL;
}

/* Levenshtein distance of two short lower-case words. */
static unsigned
word_distance(const char *a, const char *b)
{
	unsigned	row[WORD_MAX + 1], diag, up, i, j, na, nb, cost;

	na = (unsigned)strlen(a);
	nb = (unsigned)strlen(b);
	if (na > WORD_MAX || nb > WORD_MAX)
		return WORD_MAX;
	for (j = 0; j <= nb; j++)
		row[j] = j;
	for (i = 1; i <= na; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= nb; j++) {
			up = row[j];
			cost = a[i - 1] == b[j - 1] ? 0 : 1;
			row[j] = diag + cost;
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[nb];
}

/* ---- scanning ------------------------------------------------------ */

enum perr { PERR_NONE, PERR_SYNTAX, PERR_INVALID, PERR_WORD };

/* One parse of one text: the text and the first failure. */
struct pctx {
	const char	*s;
	size_t		 b, e;		/* the trimmed text */
	unsigned	 opts;
	enum perr	 ekind;
	size_t		 ecol;		/* where the problem starts */
	size_t		 elen;		/* PERR_WORD: bytes of the word */
	char		*edetail;	/* malloc'd */
};

struct scan {
	struct pctx	*p;
	size_t		 pos, lim;
};

enum atom_kind { A_END, A_WORD, A_CHUNK, A_COMMA, A_OTHER };

struct atom {
	enum atom_kind		 kind;
	size_t			 pos, len;
	const struct word	*w;		/* A_WORD; NULL if unknown */
	char			 norm[WORD_MAX + 1];
	bool			 hyphen;	/* A_WORD: "mid-" */
};

static bool fail(struct pctx *, enum perr, size_t, const char *, ...)
    __attribute__((format(printf, 4, 5)));

static bool
fail(struct pctx *p, enum perr kind, size_t col, const char *fmt, ...)
{
	va_list	ap;

	if (p->ekind != PERR_NONE)
		return false;
	p->ekind = kind;
	p->ecol = col;
	va_start(ap, fmt);
	p->edetail = xvasprintf(fmt, ap);
	va_end(ap);
	return false;
}

static bool
is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static bool
is_alpha(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static int
to_lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static bool
is_qual(int ch)
{
	return ch == '?' || ch == '~' || ch == '%';
}

static int
byte_at(const char *s, size_t pos, size_t lim)
{
	return pos < lim ? (unsigned char)s[pos] : -1;
}

static int
peekc(const struct scan *s)
{
	return byte_at(s->p->s, s->pos, s->lim);
}

/* Bytes of the blank at pos: space, tab, CR, LF or U+00A0, else 0. */
static size_t
blank_at(const char *s, size_t pos, size_t lim)
{
	int	ch = byte_at(s, pos, lim);

	if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r')
		return 1;
	if (ch == 0xc2 && byte_at(s, pos + 1, lim) == 0xa0)
		return 2;
	return 0;
}

static void
trim(const char *s, size_t *b, size_t *e)
{
	size_t	n;

	while ((n = blank_at(s, *b, *e)) > 0)
		*b += n;
	for (;;) {
		if (*e > *b && blank_at(s, *e - 1, *e) == 1)
			*e -= 1;
		else if (*e >= *b + 2 && blank_at(s, *e - 2, *e) == 2)
			*e -= 2;
		else
			break;
	}
}

/* Bytes of the UTF-8 character at pos (1 for a stray byte). */
static size_t
char_len(const char *s, size_t pos, size_t lim)
{
	int	ch = byte_at(s, pos, lim);
	size_t	n = 1;

	if (ch >= 0xc0)
		n = ch >= 0xf0 ? 4 : ch >= 0xe0 ? 3 : 2;
	while (n > 1 && pos + n > lim)
		n--;
	return n;
}

/* Does a numeric chunk start here: digit, sign+digit, qualifier+either. */
static bool
chunk_starts(const char *s, size_t pos, size_t lim)
{
	int	ch = byte_at(s, pos, lim);

	if (is_qual(ch))
		ch = byte_at(s, ++pos, lim);
	if (ch == '+' || ch == '-')
		ch = byte_at(s, ++pos, lim);
	return is_digit(ch);
}

/* Letters and dots ("B.C.", "Feb."); "Q4" and "H2" are one word. */
static void
word_read(const struct scan *s, struct atom *a)
{
	const char	*t = s->p->s;
	size_t		 pos = a->pos, k = 0;
	int		 ch;

	while ((ch = byte_at(t, pos, s->lim)) != -1 &&
	    (is_alpha(ch) || ch == '.')) {
		if (ch != '.' && k++ < WORD_MAX)
			a->norm[k - 1] = (char)to_lower(ch);
		pos++;
	}
	if (k == 1 && pos == a->pos + 1 &&
	    (a->norm[0] == 'q' || a->norm[0] == 'h'))
		while (is_digit(ch = byte_at(t, pos, s->lim))) {
			if (k++ < WORD_MAX)
				a->norm[k - 1] = (char)ch;
			pos++;
		}
	a->norm[k < WORD_MAX ? k : WORD_MAX] = '\0';
	if (byte_at(t, pos, s->lim) == '-' && pos + 1 < s->lim &&
	    blank_at(t, pos + 1, s->lim) == 0) {
		a->hyphen = true;
		pos++;
	}
	a->kind = A_WORD;
	a->len = pos - a->pos;
	a->w = k <= WORD_MAX ? word_find(a->norm) : NULL;
}

/* The atom at or after s->pos; s is not moved. */
static void
atom_peek(const struct scan *s, struct atom *a)
{
	const char	*t = s->p->s;
	size_t		 pos = s->pos, n;
	int		 ch;

	while ((n = blank_at(t, pos, s->lim)) > 0)
		pos += n;
	memset(a, 0, sizeof *a);
	a->pos = pos;
	ch = byte_at(t, pos, s->lim);
	if (ch == -1)
		a->kind = A_END;
	else if (is_alpha(ch))
		word_read(s, a);
	else if (chunk_starts(t, pos, s->lim)) {
		a->kind = A_CHUNK;
		while (pos < s->lim && t[pos] != ',' &&
		    blank_at(t, pos, s->lim) == 0)
			pos++;
		a->len = pos - a->pos;
	} else if (ch == ',') {
		a->kind = A_COMMA;
		a->len = 1;
	} else {
		a->kind = A_OTHER;
		a->len = char_len(t, pos, s->lim);
	}
}

static void
atom_skip(struct scan *s, const struct atom *a)
{
	s->pos = a->pos + a->len;
}

/* Skip the next atom if it is a word of this kind. */
static bool
skip_word(struct scan *s, enum word_kind kind)
{
	struct atom	a;

	atom_peek(s, &a);
	if (a.kind != A_WORD || a.w == NULL || a.w->kind != kind || a.hyphen)
		return false;
	atom_skip(s, &a);
	return true;
}

static void
skip_comma(struct scan *s)
{
	struct atom	a;

	atom_peek(s, &a);
	if (a.kind == A_COMMA)
		atom_skip(s, &a);
}

/* Fail on bytes [pos, pos+len) that do not belong there. */
static bool
unexpected(struct pctx *p, size_t pos, size_t len)
{
	const char	*t = p->s + pos;
	int		 ch = (unsigned char)t[0];

	if (len == 3 && (memcmp(t, "\xe2\x80\x93", 3) == 0 ||
	    memcmp(t, "\xe2\x80\x94", 3) == 0))
		return fail(p, PERR_SYNTAX, pos, "unexpected '%.3s' "
		    "(write an interval with '/', as in 2022/2023)", t);
	if (ch < 0x20 || ch == 0x7f)
		return fail(p, PERR_SYNTAX, pos,
		    "unexpected control character 0x%02x", (unsigned)ch);
	if (len > 40)
		return fail(p, PERR_SYNTAX, pos, "unexpected '%.40s...'", t);
	return fail(p, PERR_SYNTAX, pos, "unexpected '%.*s'", (int)len, t);
}

/* Fail on the byte at s->pos, or on the chunk ending too soon. */
static bool
unexpected_here(const struct scan *s)
{
	if (s->pos >= s->lim)
		return fail(s->p, PERR_SYNTAX, s->pos, "incomplete date");
	return unexpected(s->p, s->pos, char_len(s->p->s, s->pos, s->lim));
}

static bool
unexpected_atom(struct pctx *p, const struct atom *a)
{
	if (a->kind == A_END)
		return fail(p, PERR_SYNTAX, 0, "incomplete date");
	if (a->kind == A_WORD && a->w == NULL && is_digit(a->norm[1]))
		return fail(p, PERR_INVALID, a->pos, a->norm[0] == 'q' ?
		    "a quarter is Q1..Q4" : "a half is H1 or H2");
	if (a->kind == A_WORD && a->w == NULL) {
		fail(p, PERR_WORD, a->pos, "unknown word '%.*s'",
		    (int)a->len, p->s + a->pos);
		p->elen = a->len - (a->hyphen ? 1 : 0);
		return false;
	}
	return unexpected(p, a->pos, a->len);
}

/* ---- numeric chunks --------------------------------------------------- */

enum chunk_kind {
	C_NUMBER,	/* 1..3 digits, maybe "24th": a day, or a year + era */
	C_YEAR,		/* [+-]YYYY[Y...]: also a year span in r */
	C_SPAN,		/* anything else that is a date: r */
	C_TIME		/* "04:50[:00][Z|+hh:mm]" */
};

struct chunk {
	enum chunk_kind		 kind;
	size_t			 pos;
	int64_t			 num;		/* C_NUMBER, C_YEAR */
	bool			 sign;		/* C_YEAR written with + or - */
	bool			 ordinal;	/* C_NUMBER "24th" */
	unsigned		 flags;		/* DATE_* */
	struct date_range	 r;
	/* C_SPAN kinds, for what may follow or precede */
	bool			 is_day, is_month, is_decade;
	int64_t			 year;		/* is_day, is_month, is_decade */
	unsigned		 month, day;	/* is_day, is_month */
	int64_t			 tsecs;		/* C_TIME: from midnight, UTC */
};

static void
set_days(struct date_range *r, int64_t y1, unsigned m1, unsigned d1,
    int64_t y2, unsigned m2, unsigned d2)
{
	r->earliest = cal_days_from_civil(y1, m1, d1) * DATE_SECS_PER_DAY;
	r->latest = cal_days_from_civil(y2, m2, d2) * DATE_SECS_PER_DAY +
	    DATE_SECS_PER_DAY - 1;
}

/* n months from month m of year y (running into the next year). */
static void
set_months(struct date_range *r, int64_t y, unsigned m, unsigned n)
{
	unsigned	last = m + n - 1;
	int64_t		y2 = y + (last - 1) / 12;
	unsigned	m2 = (last - 1) % 12 + 1;

	set_days(r, y, m, 1, y2, m2, cal_month_days(y2, m2));
}

static void
set_years(struct date_range *r, int64_t y1, int64_t y2)
{
	set_days(r, y1, 1, 1, y2, 12, 31);
}

static void
take_quals(struct scan *s, unsigned *flags)
{
	int	ch;

	while (is_qual(ch = peekc(s))) {
		if (ch != '~')
			*flags |= DATE_UNCERTAIN;
		if (ch != '?')
			*flags |= DATE_APPROXIMATE;
		s->pos++;
	}
}

static int64_t
sat_digit(int64_t v, int d)
{
	v = v * 10 + d;
	return v > YEAR_LIMIT ? YEAR_LIMIT + 1 : v;
}

/* Two digits, or "XX" when xx is not NULL; a third digit is wrong
 * unless more may follow (zone offsets "+0530"). */
static bool
take_digits2(struct scan *s, unsigned *v, bool *xx, bool more,
    const char *what)
{
	int	c1 = peekc(s), c2 = byte_at(s->p->s, s->pos + 1, s->lim);
	int	c3 = byte_at(s->p->s, s->pos + 2, s->lim);

	if (xx != NULL && to_lower(c1) == 'x' && to_lower(c2) == 'x') {
		*xx = true;
		s->pos += 2;
		return true;
	}
	if (!is_digit(c1) || !is_digit(c2) || (!more && is_digit(c3)))
		return fail(s->p, PERR_SYNTAX, s->pos,
		    "%s needs two digits", what);
	*v = (unsigned)((c1 - '0') * 10 + (c2 - '0'));
	s->pos += 2;
	return true;
}

static bool
take_two(struct scan *s, unsigned *v, bool *xx, const char *what)
{
	return take_digits2(s, v, xx, false, what);
}

/* "hh:mm[:ss[.fff]][Z|+hh[:mm]]" into c->tsecs, c->r.precision. */
static bool
take_time(struct scan *s, struct chunk *c)
{
	unsigned	h, m, sec = 0;
	size_t		col = s->pos;

	if (!take_two(s, &h, NULL, "an hour"))
		return false;
	if (peekc(s) != ':')
		return fail(s->p, PERR_SYNTAX, col,
		    "a time needs hours and minutes, as in 04:50");
	s->pos++;
	if (!take_two(s, &m, NULL, "a minute"))
		return false;
	c->r.precision = DATE_PREC_MINUTE;
	if (peekc(s) == ':') {
		s->pos++;
		if (!take_two(s, &sec, NULL, "a second"))
			return false;
		c->r.precision = DATE_PREC_SECOND;
		if ((peekc(s) == '.' || peekc(s) == ',') &&
		    is_digit(byte_at(s->p->s, s->pos + 1, s->lim)))
			for (s->pos++; is_digit(peekc(s)); s->pos++)
				;
	}
	if (h > 23)
		return fail(s->p, PERR_INVALID, col, "hour must be 00..23");
	if (m > 59)
		return fail(s->p, PERR_INVALID, col + 3,
		    "minute must be 00..59");
	if (sec > 59)
		return fail(s->p, PERR_INVALID, col + 6,
		    "second must be 00..59");
	c->tsecs = (int64_t)h * 3600 + m * 60 + sec;
	return true;
}

/* "Z", "+hh", "+hhmm", "+hh:mm": subtract the offset from c->tsecs. */
static bool
take_zone(struct scan *s, struct chunk *c)
{
	int		ch = peekc(s), sign;
	unsigned	h, m = 0;
	size_t		col = s->pos;

	if (ch == 'Z' || ch == 'z') {
		s->pos++;
		return true;
	}
	if (ch != '+' && ch != '-')
		return true;
	sign = ch == '-' ? -1 : 1;
	s->pos++;
	if (!take_digits2(s, &h, NULL, true, "a time zone offset"))
		return false;
	if (peekc(s) == ':')
		s->pos++;
	if (is_digit(peekc(s)) &&
	    !take_two(s, &m, NULL, "a time zone offset"))
		return false;
	if (m > 59 || h * 60 + m > OFFSET_LIMIT)
		return fail(s->p, PERR_INVALID, col, "time zone offset "
		    "must be between -18:00 and +18:00");
	c->tsecs -= sign * (int64_t)(h * 60 + m) * 60;
	return true;
}

/* A chunk that is only a time, for "2022-02-24 04:50". */
static bool
chunk_time(struct scan *s, struct chunk *c)
{
	c->kind = C_TIME;
	return take_time(s, c) && take_zone(s, c);
}

/* The year of an ISO chunk: [+-]digits[X...], into [*lo, *hi]. */
static bool
chunk_year(struct scan *s, struct chunk *c, unsigned *nd, unsigned *nx,
    int64_t *lo, int64_t *hi)
{
	int	ch = peekc(s);
	int64_t	v = 0, w;
	bool	neg = ch == '-';

	if (ch == '+' || ch == '-') {
		c->sign = true;
		s->pos++;
	}
	for (*nd = 0; is_digit(ch = peekc(s)); (*nd)++, s->pos++)
		v = sat_digit(v, ch - '0');
	for (*nx = 0, w = v; to_lower(ch = peekc(s)) == 'x'; (*nx)++,
	    s->pos++) {
		v = sat_digit(v, 0);
		w = sat_digit(w, 9);
	}
	if (*nd == 0)
		return fail(s->p, PERR_SYNTAX, c->pos,
		    "a year cannot be entirely unspecified");
	if (w > YEAR_LIMIT)
		return fail(s->p, PERR_INVALID, c->pos, "year out of range "
		    "(at most %lld either way)", (long long)YEAR_LIMIT);
	*lo = neg ? -w : v;
	*hi = neg ? -v : w;
	c->num = *lo;
	return true;
}

/* After 1..3 digits: "24", "24th", "1st", with qualifiers. */
static bool
chunk_number(struct scan *s, struct chunk *c)
{
	static const char *const	sfx[] = { "st", "nd", "rd", "th" };
	size_t				i;
	int				c1, c2;

	c->kind = C_NUMBER;
	c1 = to_lower(peekc(s));
	c2 = to_lower(byte_at(s->p->s, s->pos + 1, s->lim));
	for (i = 0; i < 4; i++)
		if (c1 == sfx[i][0] && c2 == sfx[i][1]) {
			c->ordinal = true;
			s->pos += 2;
			break;
		}
	take_quals(s, &c->flags);
	return true;
}

/* U+2019, the apostrophe word processors write. */
static bool
is_rsquo(const struct scan *s)
{
	return s->pos + 3 <= s->lim &&
	    memcmp(s->p->s + s->pos, "\xe2\x80\x99", 3) == 0;
}

/* "1970s", "1970's": a decade; "1900s" is refused as ambiguous. */
static bool
chunk_decade(struct scan *s, struct chunk *c, unsigned nd, int64_t y)
{
	if (peekc(s) == '\'')
		s->pos++;
	else if (is_rsquo(s))
		s->pos += 3;
	if (to_lower(peekc(s)) != 's')
		return unexpected_here(s);
	s->pos++;
	if (c->sign || nd < 4)
		return fail(s->p, PERR_SYNTAX, c->pos,
		    "a decade is written with 4 digits, as in 1970s");
	if (y % 10 != 0)
		return fail(s->p, PERR_INVALID, c->pos,
		    "a decade ends in 0, as in 1970s");
	if (y % 100 == 0)
		return fail(s->p, PERR_INVALID, c->pos, "'%llds' is ambiguous: "
		    "write %lldX for %lld..%lld or %lldXX for %lld..%lld",
		    (long long)y, (long long)(y / 10), (long long)y,
		    (long long)y + 9, (long long)(y / 100), (long long)y,
		    (long long)y + 99);
	take_quals(s, &c->flags);
	c->kind = C_SPAN;
	c->is_decade = true;
	c->year = y;
	set_years(&c->r, y, y + 9);
	c->r.precision = DATE_PREC_DECADE;
	return true;
}

/* EDTF sub-year groupings 21..41: first month and length. */
static const unsigned char subyears[21][2] = {
	{ 3, 3 }, { 6, 3 }, { 9, 3 }, { 12, 3 },	/* 21-24 seasons */
	{ 3, 3 }, { 6, 3 }, { 9, 3 }, { 12, 3 },	/* 25-28 north */
	{ 9, 3 }, { 12, 3 }, { 3, 3 }, { 6, 3 },	/* 29-32 south */
	{ 1, 3 }, { 4, 3 }, { 7, 3 }, { 10, 3 },	/* 33-36 quarters */
	{ 1, 4 }, { 5, 4 }, { 9, 4 },			/* 37-39 thirds */
	{ 1, 6 }, { 7, 6 }				/* 40-41 halves */
};

/* "Q4" or "H2" after a year (the '-' already read). */
static bool
chunk_quarter(struct scan *s, struct chunk *c, int64_t y)
{
	int	letter = to_lower(peekc(s)), d;
	size_t	col = s->pos;

	s->pos++;
	d = peekc(s);
	if (!is_digit(d) || is_digit(byte_at(s->p->s, s->pos + 1, s->lim)))
		return fail(s->p, PERR_SYNTAX, col, letter == 'q' ?
		    "a quarter is Q1..Q4" : "a half is H1 or H2");
	s->pos++;
	if (letter == 'q' && (d < '1' || d > '4'))
		return fail(s->p, PERR_INVALID, col, "a quarter is Q1..Q4");
	if (letter == 'h' && (d < '1' || d > '2'))
		return fail(s->p, PERR_INVALID, col, "a half is H1 or H2");
	if (letter == 'q')
		set_months(&c->r, y, (unsigned)(d - '1') * 3 + 1, 3);
	else
		set_months(&c->r, y, (unsigned)(d - '1') * 6 + 1, 6);
	c->r.precision = DATE_PREC_SEASON;
	take_quals(s, &c->flags);
	return true;
}

/* A time after a day: "T04:50[:00][zone]", the 'T' already read. */
static bool
chunk_day_time(struct scan *s, struct chunk *c)
{
	date_time	day = c->r.earliest;

	if (!take_time(s, c) || !take_zone(s, c))
		return false;
	c->r.earliest = day + c->tsecs;
	c->r.latest = c->r.earliest +
	    (c->r.precision == DATE_PREC_MINUTE ? 59 : 0);
	c->flags |= DATE_HAS_TIME;
	return true;
}

/* "-DD" or "-XX" after year y, month m; then an optional time. */
static bool
chunk_day(struct scan *s, struct chunk *c, int64_t y, unsigned m)
{
	unsigned	d = 0, md = cal_month_days(y, m);
	bool		xx = false;
	size_t		col;

	take_quals(s, &c->flags);
	col = s->pos;
	if (!take_two(s, &d, &xx, "a day"))
		return false;
	take_quals(s, &c->flags);
	if (xx) {
		c->flags |= DATE_UNSPECIFIED;
		return true;
	}
	if (d == 0)
		return fail(s->p, PERR_INVALID, col, "there is no day 00");
	if (d > md) {
		char	yb[32];

		return fail(s->p, PERR_INVALID, col, "%s %s has %u days",
		    cal_month_name(m), date_format_year(y, yb, sizeof yb),
		    md);
	}
	set_days(&c->r, y, m, d, y, m, d);
	c->r.precision = DATE_PREC_DAY;
	c->is_day = true;
	c->is_month = false;
	c->day = d;
	if (to_lower(peekc(s)) != 't')
		return true;
	s->pos++;
	return chunk_day_time(s, c);
}

/* "-XX" month: the year stays; a day may only be "-XX" too. */
static bool
chunk_month_xx(struct scan *s, struct chunk *c, unsigned nx)
{
	unsigned	d;
	bool		xx = false;
	size_t		col;

	c->flags |= DATE_UNSPECIFIED;
	if (nx == 0)
		c->r.precision = DATE_PREC_YEAR;
	if (peekc(s) != '-')
		return true;
	s->pos++;
	take_quals(s, &c->flags);
	col = s->pos;
	if (!take_two(s, &d, &xx, "a day"))
		return false;
	if (!xx)
		return fail(s->p, PERR_SYNTAX, col,
		    "a day cannot follow an unspecified month");
	take_quals(s, &c->flags);
	return true;
}

/* Four digits after "2022-": "2022-2023" was meant as an interval. */
static bool
looks_like_year(const struct scan *s)
{
	size_t	i;

	for (i = 0; i < 4; i++)
		if (!is_digit(byte_at(s->p->s, s->pos + i, s->lim)))
			return false;
	return true;
}

/* "-MM", "-XX", "-21".."-41", "-Q4", "-H2", then maybe a day. */
static bool
chunk_month(struct scan *s, struct chunk *c, int64_t y, unsigned nx)
{
	unsigned	m = 0;
	bool		xx = false;
	size_t		col;
	int		ch;

	take_quals(s, &c->flags);
	col = s->pos;
	ch = to_lower(peekc(s));
	if ((ch == 'q' || ch == 'h') && nx == 0)
		return chunk_quarter(s, c, y);
	if (looks_like_year(s))
		return fail(s->p, PERR_SYNTAX, col - 1, "write an interval "
		    "with '/', as in 2022/2023");
	if (!take_two(s, &m, &xx, "a month"))
		return false;
	take_quals(s, &c->flags);
	if (xx)
		return chunk_month_xx(s, c, nx);
	if (nx > 0)
		return fail(s->p, PERR_SYNTAX, col, "a month cannot follow "
		    "unspecified year digits");
	if (m >= 21 && m <= 41) {
		set_months(&c->r, y, subyears[m - 21][0], subyears[m - 21][1]);
		c->r.precision = DATE_PREC_SEASON;
		return true;
	}
	if (m < 1 || m > 12)
		return fail(s->p, PERR_INVALID, col, "month must be 01..12");
	set_months(&c->r, y, m, 1);
	c->r.precision = DATE_PREC_MONTH;
	c->is_month = true;
	c->year = y;
	c->month = m;
	if (peekc(s) != '-')
		return true;
	s->pos++;
	return chunk_day(s, c, y, m);
}

/* "20220224" is a compact date, not the year 20,220,224: refuse it. */
static bool
compact_date(const struct chunk *c, unsigned nd)
{
	unsigned	m, d;

	if (nd != 8 || c->sign)
		return false;
	m = (unsigned)(c->num / 100 % 100);
	d = (unsigned)(c->num % 100);
	return m >= 1 && m <= 12 && d >= 1 &&
	    d <= cal_month_days(c->num / 10000, m);
}

/* What follows a year of four or more digits. */
static bool
chunk_after_year(struct scan *s, struct chunk *c, unsigned nd, unsigned nx,
    int64_t lo, int64_t hi)
{
	int	ch;

	set_years(&c->r, lo, hi);
	c->r.precision = nx == 0 ? DATE_PREC_YEAR :
	    nx == 1 ? DATE_PREC_DECADE : DATE_PREC_CENTURY;
	if (nx > 0)
		c->flags |= DATE_UNSPECIFIED;
	c->kind = nx == 0 ? C_YEAR : C_SPAN;
	take_quals(s, &c->flags);
	ch = to_lower(peekc(s));
	if (ch == -1) {
		if (compact_date(c, nd))
			return fail(s->p, PERR_SYNTAX, c->pos, "write a date "
			    "with dashes, as in %.4s-%.2s-%.2s",
			    s->p->s + c->pos, s->p->s + c->pos + 4,
			    s->p->s + c->pos + 6);
		return true;
	}
	c->kind = C_SPAN;
	if (ch == 'q' && nx == 0)
		return chunk_quarter(s, c, lo);
	if (ch == '-') {
		s->pos++;
		return chunk_month(s, c, lo, nx);
	}
	return unexpected_here(s);
}

/* Parse the chunk atom a: every numeric form, see struct chunk. */
static bool
chunk_parse(struct pctx *p, const struct atom *a, struct chunk *c)
{
	struct scan	s = { p, a->pos, a->pos + a->len };
	unsigned	nd = 0, nx = 0;
	int64_t		lo = 0, hi = 0;
	int		ch;

	memset(c, 0, sizeof *c);
	c->pos = a->pos;
	if (is_digit(peekc(&s)) && (byte_at(p->s, s.pos + 1, s.lim) == ':' ||
	    byte_at(p->s, s.pos + 2, s.lim) == ':')) {
		if (!chunk_time(&s, c))
			return false;
	} else {
		take_quals(&s, &c->flags);
		if (!chunk_year(&s, c, &nd, &nx, &lo, &hi))
			return false;
		ch = to_lower(peekc(&s));
		if ((ch == 's' && to_lower(byte_at(p->s, s.pos + 1, s.lim)) !=
		    't') || ch == '\'' || is_rsquo(&s)) {
			if (nx > 0)
				return unexpected_here(&s);
			if (!chunk_decade(&s, c, nd, lo))
				return false;
		} else if (nd + nx < 4) {
			if (c->sign || nx > 0)
				return fail(p, PERR_SYNTAX, c->pos, "a year "
				    "needs at least 4 digits, as in 0800");
			if (!chunk_number(&s, c))
				return false;
		} else if (!chunk_after_year(&s, c, nd, nx, lo, hi))
			return false;
	}
	return s.pos == s.lim || unexpected_here(&s);
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
		return fail(sd->s.p, PERR_INVALID, col, "%s %s has %u days",
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

	atom_peek(&sd->s, &a);
	if (a.kind != A_CHUNK || !is_digit((unsigned char)sd->s.p->s[a.pos]))
		return true;
	if (!chunk_parse(sd->s.p, &a, &c))
		return false;
	if (c.kind != C_TIME)
		return true;	/* not a time: the caller reports it */
	atom_skip(&sd->s, &a);
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
	bool		 ad = skip_word(&sd->s, W_AD), bc = false;

	atom_peek(&sd->s, &a);
	if (a.kind == A_END)
		return fail(p, PERR_SYNTAX, 0, "no year given");
	if (a.kind != A_CHUNK)
		return unexpected_atom(p, &a);
	if (!chunk_parse(p, &a, &c))
		return false;
	if ((c.kind != C_NUMBER && c.kind != C_YEAR) || c.ordinal)
		return fail(p, PERR_SYNTAX, a.pos, "expected a year, "
		    "found '%.*s'", (int)a.len, p->s + a.pos);
	atom_skip(&sd->s, &a);
	if (!ad && !(bc = skip_word(&sd->s, W_BC)))
		ad = skip_word(&sd->s, W_AD);
	if ((ad || bc) && c.sign)
		return fail(p, PERR_SYNTAX, a.pos,
		    "a year with a sign takes no era");
	if ((ad || bc) && c.num == 0)
		return fail(p, PERR_INVALID, a.pos, "there is no year 0 %s "
		    "(1 BC is followed by AD 1)", bc ? "BC" : "AD");
	if (!ad && !bc && c.kind == C_NUMBER)
		return fail(p, PERR_SYNTAX, a.pos, "a year needs at least 4 "
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

	atom_skip(&sd->s, a);
	skip_word(&sd->s, W_OF);
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

	atom_peek(&sd->s, &a);
	if (a.kind == A_CHUNK && !chunk_parse(sd->s.p, &a, &c))
		return false;
	if (a.kind == A_CHUNK && c.kind == C_NUMBER && c.num < 100) {
		atom_skip(&sd->s, &a);
		if (c.ordinal || (!skip_word(&sd->s, W_BC) &&
		    !skip_word(&sd->s, W_AD))) {
			skip_comma(&sd->s);
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

	skip_word(&sd->s, W_OF);
	atom_peek(&sd->s, &a);
	if (a.kind == A_END && !day->ordinal)
		return fail(sd->s.p, PERR_SYNTAX, 0, "a year needs at least 4 "
		    "digits, as in 0800 or 800 AD");
	if (a.kind == A_END)
		return fail(sd->s.p, PERR_SYNTAX, 0,
		    "a day needs a month and a year");
	if (a.kind == A_WORD && a.w == NULL)
		return unexpected_atom(sd->s.p, &a);
	if (!is_word(&a, W_MONTH))
		return fail(sd->s.p, PERR_SYNTAX, a.pos, "expected a month "
		    "after the day, found '%.*s'", (int)a.len,
		    sd->s.p->s + a.pos);
	atom_skip(&sd->s, &a);
	skip_comma(&sd->s);
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

	atom_skip(&sd->s, pa);
	atom_peek(&sd->s, &a);
	if (is_word(&a, W_MONTH)) {
		atom_skip(&sd->s, &a);
		if (!take_year(sd, &y))
			return false;
		part_of_month(sd, part, y, a.w->a);
		return true;
	}
	if (a.kind == A_END)
		return fail(p, PERR_SYNTAX, 0, "'%s' needs a year, a decade "
		    "or a month", pa->w->name);
	if (a.kind == A_WORD && a.w == NULL)
		return unexpected_atom(p, &a);
	if (a.kind == A_CHUNK && !chunk_parse(p, &a, &c))
		return false;
	if (a.kind == A_CHUNK && (c.is_decade || c.is_month)) {
		atom_skip(&sd->s, &a);
		sd->r.flags |= c.flags;
		if (c.is_decade)
			part_of_decade(sd, part, c.year);
		else
			part_of_month(sd, part, c.year, c.month);
		return true;
	}
	if (!is_word(&a, W_AD) && (a.kind != A_CHUNK ||
	    (c.kind != C_YEAR && c.kind != C_NUMBER)))
		return fail(p, PERR_SYNTAX, a.pos, "'%s' goes with a year, "
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

	if (!chunk_parse(p, a, &c))
		return false;
	if (c.kind == C_TIME)
		return fail(p, PERR_SYNTAX, a->pos,
		    "a time needs a date before it");
	atom_skip(&sd->s, a);
	atom_peek(&sd->s, &n);
	if (c.kind == C_NUMBER && (c.ordinal || (!is_word(&n, W_BC) &&
	    !is_word(&n, W_AD))))
		return body_day_first(sd, &c);
	if (c.kind == C_YEAR && is_word(&n, W_QUARTER)) {
		atom_skip(&sd->s, &n);		/* "2022 Q4" */
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
		return unexpected_atom(p, a);
	if (a->hyphen && a->w->kind != W_PART)
		return unexpected(p, a->pos + a->len - 1, 1);
	switch (a->w->kind) {
	case W_PART:
		return body_part(sd, a);
	case W_SEASON:
	case W_QUARTER:
		return body_season(sd, a);
	case W_MONTH:
		atom_skip(&sd->s, a);
		return body_month(sd, a->w->a);
	case W_AD:
		return body_year(sd);
	case W_ONGOING:
		return fail(p, PERR_SYNTAX, a->pos,
		    "'ongoing' stands alone, as an end date");
	default:
		return unexpected_atom(p, a);
	}
}

static bool
side_body(struct side *sd)
{
	struct atom	a;

	atom_peek(&sd->s, &a);
	if (a.kind == A_END)
		return fail(sd->s.p, PERR_SYNTAX, 0, "no date given");
	if (a.kind == A_CHUNK)
		return body_chunk(sd, &a);
	if (a.kind == A_WORD)
		return body_word(sd, &a);
	return unexpected_atom(sd->s.p, &a);
}

/* A weekday written before a date must be that date's. */
static bool
side_weekday(struct side *sd, unsigned wday, size_t col)
{
	unsigned	actual;
	char		iso[32];

	if (!sd->has_day)
		return fail(sd->s.p, PERR_INVALID, col,
		    "a weekday goes only with a full date");
	actual = cal_weekday(sd->day);
	if (actual == wday)
		return true;
	return fail(sd->s.p, PERR_INVALID, col, "%s is a %s, not a %s",
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
		atom_peek(s, &a);
		if (is_word(&a, W_CIRCA) && pf->flags == 0)
			pf->flags = DATE_APPROXIMATE;
		else if (is_word(&a, W_WEEKDAY) && pf->wday < 0) {
			pf->wday = (int)a.w->a;
			pf->wday_col = a.pos;
			atom_skip(s, &a);
			skip_comma(s);
			continue;
		} else if (is_word(&a, W_THE) && !pf->the) {
			pf->the = true;
			pf->the_col = a.pos;
		} else
			return;
		atom_skip(s, &a);
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
	atom_peek(&sd.s, &a);
	if (a.kind != A_END)
		return unexpected_atom(p, &a);
	if (pf.the && sd.r.precision != DATE_PREC_DECADE)
		return fail(p, PERR_SYNTAX, pf.the_col,
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
	trim(p->s, &b, &e);
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
		return fail(p, PERR_SYNTAX, 0,
		    "an interval needs at least one known end");
	if (!oa && !oz && a.earliest > z.latest)
		return fail(p, PERR_INVALID, 0,
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
 * when t is one, 0 when it is not, -1 after fail().
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
			return fail(p, PERR_SYNTAX, i, "a 'Y' year needs "
			    "digits") ? 1 : -1;
		if (i < n && t[i] == 'E') {
			for (k = ++i; i < n && is_digit((unsigned char)t[i]) &&
			    e < 20; i++)
				e = e * 10 + (t[i] - '0');
			if (i == k)
				return fail(p, PERR_SYNTAX, i, "an exponent "
				    "needs digits") ? 1 : -1;
			while (e-- > 0 && y <= DEEP_MAX)
				y *= 10;
		}
		if (i < n)
			return fail(p, PERR_SYNTAX, i, "unexpected '%c' in a "
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
			return fail(p, PERR_SYNTAX, 0, "'%.*s' is not a whole "
			    "number of years", (int)(n - m), t) ? 1 : -1;
		y = 1 - mant * (mults[k].mult / scale);
	} else
		return 0;
	if (y > DEEP_MAX || y < -DEEP_MAX)
		return fail(p, PERR_SYNTAX, 0, "a year beyond 30 billion "
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
		return fail(p, PERR_SYNTAX, 0, "empty date");
	if (n > TEXT_MAX)
		return fail(p, PERR_SYNTAX, 0, "too long (%zu bytes; a date "
		    "has at most %d)", n, TEXT_MAX);
	if (equal_fold(t, n, "ongoing")) {
		if (!(p->opts & DATE_PARSE_END))
			return fail(p, PERR_SYNTAX, 0,
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
		return fail(p, PERR_SYNTAX, (size_t)(again - p->s),
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
	trim(s, &p->b, &p->e);
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
		for (i = 0; i < NWORDS && n < 3; i++) {
			if (word_distance(typed, words[i].name) != d)
				continue;
			for (j = 0; j < n; j++)
				if (same_meaning(found[j], &words[i]))
					break;
			if (j == n && parses(p, &words[i]))
				found[n++] = &words[i];
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
