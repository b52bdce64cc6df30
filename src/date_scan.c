/* SPDX-License-Identifier: MIT */
/*
 * The scanner of date expressions (date_int.h): the words tlv knows, a
 * text's atoms, the first failure of a parse, and the numeric chunks
 * ("2022-02-24T04:50Z", "1970s", "24th", "201X") with everything they
 * can mean.  No locale, no mutable static state.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cal.h"
#include "date.h"
#include "date_int.h"
#include "xmalloc.h"

/* Parsed years stay within +-YEAR_LIMIT. */
#define YEAR_LIMIT		INT64_C(1000000000)
/* Time zone offsets allowed, in minutes (as java.time: +-18:00). */
#define OFFSET_LIMIT		(18 * 60)

/* ---- words ----------------------------------------------------------- */

/* Every word the parser knows, and so every word it may suggest. */
const struct word date_words[] = {
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

const size_t date_nwords = sizeof date_words / sizeof date_words[0];

static const struct word *
word_find(const char *norm)
{
	size_t	i;

	for (i = 0; i < date_nwords; i++)
		if (strcmp(date_words[i].name, norm) == 0)
			return &date_words[i];
	return NULL;
}

/* Levenshtein distance of two short lower-case words. */
unsigned
date_word_distance(const char *a, const char *b)
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

bool
date_fail(struct pctx *p, enum perr kind, size_t col, const char *fmt, ...)
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

void
date_trim(const char *s, size_t *b, size_t *e)
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
void
date_atom_peek(const struct scan *s, struct atom *a)
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

void
date_atom_skip(struct scan *s, const struct atom *a)
{
	s->pos = a->pos + a->len;
}

/* Skip the next atom if it is a word of this kind. */
bool
date_skip_word(struct scan *s, enum word_kind kind)
{
	struct atom	a;

	date_atom_peek(s, &a);
	if (a.kind != A_WORD || a.w == NULL || a.w->kind != kind || a.hyphen)
		return false;
	date_atom_skip(s, &a);
	return true;
}

void
date_skip_comma(struct scan *s)
{
	struct atom	a;

	date_atom_peek(s, &a);
	if (a.kind == A_COMMA)
		date_atom_skip(s, &a);
}

/* Fail on bytes [pos, pos+len) that do not belong there. */
bool
date_unexpected(struct pctx *p, size_t pos, size_t len)
{
	const char	*t = p->s + pos;
	int		 ch = (unsigned char)t[0];

	if (len == 3 && (memcmp(t, "\xe2\x80\x93", 3) == 0 ||
	    memcmp(t, "\xe2\x80\x94", 3) == 0))
		return date_fail(p, PERR_SYNTAX, pos, "unexpected '%.3s' "
		    "(write an interval with '/', as in 2022/2023)", t);
	if (ch < 0x20 || ch == 0x7f)
		return date_fail(p, PERR_SYNTAX, pos,
		    "unexpected control character 0x%02x", (unsigned)ch);
	if (len > 40)
		return date_fail(p, PERR_SYNTAX, pos,
		    "unexpected '%.40s...'", t);
	return date_fail(p, PERR_SYNTAX, pos, "unexpected '%.*s'", (int)len, t);
}

/* Fail on the byte at s->pos, or on the chunk ending too soon. */
static bool
unexpected_here(const struct scan *s)
{
	if (s->pos >= s->lim)
		return date_fail(s->p, PERR_SYNTAX, s->pos, "incomplete date");
	return date_unexpected(s->p, s->pos, char_len(s->p->s, s->pos, s->lim));
}

bool
date_unexpected_atom(struct pctx *p, const struct atom *a)
{
	if (a->kind == A_END)
		return date_fail(p, PERR_SYNTAX, 0, "incomplete date");
	if (a->kind == A_WORD && a->w == NULL && is_digit(a->norm[1]))
		return date_fail(p, PERR_INVALID, a->pos, a->norm[0] == 'q' ?
		    "a quarter is Q1..Q4" : "a half is H1 or H2");
	if (a->kind == A_WORD && a->w == NULL) {
		date_fail(p, PERR_WORD, a->pos, "unknown word '%.*s'",
		    (int)a->len, p->s + a->pos);
		p->elen = a->len - (a->hyphen ? 1 : 0);
		return false;
	}
	return date_unexpected(p, a->pos, a->len);
}

/* ---- numeric chunks --------------------------------------------------- */

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
		return date_fail(s->p, PERR_SYNTAX, s->pos,
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
		return date_fail(s->p, PERR_SYNTAX, col,
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
		return date_fail(s->p, PERR_INVALID, col,
		    "hour must be 00..23");
	if (m > 59)
		return date_fail(s->p, PERR_INVALID, col + 3,
		    "minute must be 00..59");
	if (sec > 59)
		return date_fail(s->p, PERR_INVALID, col + 6,
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
		return date_fail(s->p, PERR_INVALID, col, "time zone offset "
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
		return date_fail(s->p, PERR_SYNTAX, c->pos,
		    "a year cannot be entirely unspecified");
	if (w > YEAR_LIMIT)
		return date_fail(s->p, PERR_INVALID, c->pos,
		    "year out of range "
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
		return date_fail(s->p, PERR_SYNTAX, c->pos,
		    "a decade is written with 4 digits, as in 1970s");
	if (y % 10 != 0)
		return date_fail(s->p, PERR_INVALID, c->pos,
		    "a decade ends in 0, as in 1970s");
	if (y % 100 == 0)
		return date_fail(s->p, PERR_INVALID, c->pos,
		    "'%llds' is ambiguous: "
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
		return date_fail(s->p, PERR_SYNTAX, col, letter == 'q' ?
		    "a quarter is Q1..Q4" : "a half is H1 or H2");
	s->pos++;
	if (letter == 'q' && (d < '1' || d > '4'))
		return date_fail(s->p, PERR_INVALID, col,
		    "a quarter is Q1..Q4");
	if (letter == 'h' && (d < '1' || d > '2'))
		return date_fail(s->p, PERR_INVALID, col, "a half is H1 or H2");
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
		return date_fail(s->p, PERR_INVALID, col, "there is no day 00");
	if (d > md) {
		char	yb[32];

		return date_fail(s->p, PERR_INVALID, col, "%s %s has %u days",
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
		return date_fail(s->p, PERR_SYNTAX, col,
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
		return date_fail(s->p, PERR_SYNTAX, col - 1,
		    "write an interval "
		    "with '/', as in 2022/2023");
	if (!take_two(s, &m, &xx, "a month"))
		return false;
	take_quals(s, &c->flags);
	if (xx)
		return chunk_month_xx(s, c, nx);
	if (nx > 0)
		return date_fail(s->p, PERR_SYNTAX, col,
		    "a month cannot follow "
		    "unspecified year digits");
	if (m >= 21 && m <= 41) {
		set_months(&c->r, y, subyears[m - 21][0], subyears[m - 21][1]);
		c->r.precision = DATE_PREC_SEASON;
		return true;
	}
	if (m < 1 || m > 12)
		return date_fail(s->p, PERR_INVALID, col,
		    "month must be 01..12");
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
			return date_fail(s->p, PERR_SYNTAX, c->pos,
			    "write a date "
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
bool
date_chunk_parse(struct pctx *p, const struct atom *a, struct chunk *c)
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
				return date_fail(p, PERR_SYNTAX, c->pos,
				    "a year "
				    "needs at least 4 digits, as in 0800");
			if (!chunk_number(&s, c))
				return false;
		} else if (!chunk_after_year(&s, c, nd, nx, lo, hi))
			return false;
	}
	return s.pos == s.lim || unexpected_here(&s);
}
