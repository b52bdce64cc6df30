/* SPDX-License-Identifier: MIT */
/*
 * Date expressions (src/date.c): every written form resolves to the range a
 * reader expects, sorts where a reader expects, and every wrong form is an
 * error that says what is wrong and where.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "cal.h"
#include "date.h"

#define N(a)	(sizeof (a) / sizeof (a)[0])

/*
 * One end of a range as a test table writes it: "2022-02-24" when the
 * range starts at midnight (earliest) or ends at 23:59:59 (latest),
 * otherwise with the time, "2022-02-24T04:50:59"; ".." when open.
 */
static const char *
end_text(date_time t, bool latest, char *buf, size_t n)
{
	struct date_parts	p;
	char			day[32];
	unsigned		edge = latest ? 86399 : 0;

	if (t == DATE_MIN || t == DATE_MAX)
		return snprintf(buf, n, ".."), buf;
	date_split(t, &p);
	date_format_iso(t, DATE_PREC_DAY, day, sizeof day);
	if (p.hour * 3600 + p.minute * 60 + p.second == edge)
		snprintf(buf, n, "%s", day);
	else
		snprintf(buf, n, "%sT%02u:%02u:%02u", day, p.hour, p.minute,
		    p.second);
	return buf;
}

static struct date_range
parse_ok(const char *text, unsigned opts)
{
	struct date_range	r;
	char			*err = NULL;

	memset(&r, 0, sizeof r);
	if (!date_parse(text, strlen(text), opts, &r, &err, NULL))
		ck_abort_msg("'%s' should parse, got: %s", text, err);
	ck_assert_ptr_null(err);
	return r;
}

/* --- parse --------------------------------------------------------------- */

#define UNC	DATE_UNCERTAIN
#define APX	DATE_APPROXIMATE
#define UNS	DATE_UNSPECIFIED
#define INT	DATE_INTERVAL
#define TIM	DATE_HAS_TIME

static const struct parse_case {
	const char		*text;
	const char		*earliest, *latest;
	enum date_precision	 prec;
	unsigned		 flags;
} parse_cases[] = {
	/* ISO 8601 */
	{ "2022-02-24", "2022-02-24", "2022-02-24", DATE_PREC_DAY, 0 },
	{ "2022-02-24T04:50", "2022-02-24T04:50:00", "2022-02-24T04:50:59",
	    DATE_PREC_MINUTE, TIM },
	{ "2022-02-24T04:50:00", "2022-02-24T04:50:00",
	    "2022-02-24T04:50:00", DATE_PREC_SECOND, TIM },
	{ "2022-02-24T04:50:00Z", "2022-02-24T04:50:00",
	    "2022-02-24T04:50:00", DATE_PREC_SECOND, TIM },
	{ "2022-02-24T04:50:00+02:00", "2022-02-24T02:50:00",
	    "2022-02-24T02:50:00", DATE_PREC_SECOND, TIM },
	{ "2022-02-24T23:30-05:00", "2022-02-25T04:30:00",
	    "2022-02-25T04:30:59", DATE_PREC_MINUTE, TIM },
	{ "2022-02-24T04:50+0530", "2022-02-23T23:20:00",
	    "2022-02-23T23:20:59", DATE_PREC_MINUTE, TIM },
	{ "2022-02-24 04:50", "2022-02-24T04:50:00", "2022-02-24T04:50:59",
	    DATE_PREC_MINUTE, TIM },
	{ "2022-02-24t04:50:00.250z", "2022-02-24T04:50:00",
	    "2022-02-24T04:50:00", DATE_PREC_SECOND, TIM },
	{ "2022-10", "2022-10-01", "2022-10-31", DATE_PREC_MONTH, 0 },
	{ "2022", "2022-01-01", "2022-12-31", DATE_PREC_YEAR, 0 },
	{ "  2022\t", "2022-01-01", "2022-12-31", DATE_PREC_YEAR, 0 },
	{ "+2022", "2022-01-01", "2022-12-31", DATE_PREC_YEAR, 0 },
	{ "12022", "+12022-01-01", "+12022-12-31", DATE_PREC_YEAR, 0 },
	{ "-0043", "-0043-01-01", "-0043-12-31", DATE_PREC_YEAR, 0 },
	{ "-0043-03-15", "-0043-03-15", "-0043-03-15", DATE_PREC_DAY, 0 },
	{ "0000-02-29", "0000-02-29", "0000-02-29", DATE_PREC_DAY, 0 },
	/* EDTF qualifiers, at the end or on a component */
	{ "2022?", "2022-01-01", "2022-12-31", DATE_PREC_YEAR, UNC },
	{ "2022-10~", "2022-10-01", "2022-10-31", DATE_PREC_MONTH, APX },
	{ "2022%", "2022-01-01", "2022-12-31", DATE_PREC_YEAR, UNC | APX },
	{ "2022?-10", "2022-10-01", "2022-10-31", DATE_PREC_MONTH, UNC },
	{ "2022-02-24~", "2022-02-24", "2022-02-24", DATE_PREC_DAY, APX },
	{ "?2022-~02", "2022-02-01", "2022-02-28", DATE_PREC_MONTH,
	    UNC | APX },
	/* EDTF unspecified digits */
	{ "201X", "2010-01-01", "2019-12-31", DATE_PREC_DECADE, UNS },
	{ "201x", "2010-01-01", "2019-12-31", DATE_PREC_DECADE, UNS },
	{ "19XX", "1900-01-01", "1999-12-31", DATE_PREC_CENTURY, UNS },
	{ "2022-XX", "2022-01-01", "2022-12-31", DATE_PREC_YEAR, UNS },
	{ "2022-10-XX", "2022-10-01", "2022-10-31", DATE_PREC_MONTH, UNS },
	{ "2022-XX-XX", "2022-01-01", "2022-12-31", DATE_PREC_YEAR, UNS },
	{ "-004X", "-0049-01-01", "-0040-12-31", DATE_PREC_DECADE, UNS },
	/* EDTF intervals */
	{ "2022-02-24/2022-03-31", "2022-02-24", "2022-03-31",
	    DATE_PREC_DAY, INT },
	{ "2022-10/..", "2022-10-01", "..", DATE_PREC_MONTH,
	    INT | DATE_OPEN_END },
	{ "../2014", "..", "2014-12-31", DATE_PREC_YEAR,
	    INT | DATE_OPEN_START },
	{ "/2014", "..", "2014-12-31", DATE_PREC_YEAR,
	    INT | DATE_OPEN_START },
	{ "2022/", "2022-01-01", "..", DATE_PREC_YEAR, INT | DATE_OPEN_END },
	{ "late 2022/2023-03", "2022-09-01", "2023-03-31", DATE_PREC_SEASON,
	    INT },
	{ "2022-02-24 / 2022-02-24", "2022-02-24", "2022-02-24",
	    DATE_PREC_DAY, INT },
	{ "c. 1066/1070?", "1066-01-01", "1070-12-31", DATE_PREC_YEAR,
	    INT | APX | UNC },
	{ "2022-02-24T04:50Z/2022-02-24T05:00Z", "2022-02-24T04:50:00",
	    "2022-02-24T05:00:59", DATE_PREC_MINUTE, INT | TIM },
	/* quarters, halves, EDTF sub-year codes */
	{ "2022-Q4", "2022-10-01", "2022-12-31", DATE_PREC_SEASON, 0 },
	{ "Q4 2022", "2022-10-01", "2022-12-31", DATE_PREC_SEASON, 0 },
	{ "2022Q4", "2022-10-01", "2022-12-31", DATE_PREC_SEASON, 0 },
	{ "2022 q1", "2022-01-01", "2022-03-31", DATE_PREC_SEASON, 0 },
	{ "2022-H2", "2022-07-01", "2022-12-31", DATE_PREC_SEASON, 0 },
	{ "H2 2022", "2022-07-01", "2022-12-31", DATE_PREC_SEASON, 0 },
	{ "2022-21", "2022-03-01", "2022-05-31", DATE_PREC_SEASON, 0 },
	{ "2022-22", "2022-06-01", "2022-08-31", DATE_PREC_SEASON, 0 },
	{ "2022-23", "2022-09-01", "2022-11-30", DATE_PREC_SEASON, 0 },
	{ "2022-24", "2022-12-01", "2023-02-28", DATE_PREC_SEASON, 0 },
	{ "2022-29", "2022-09-01", "2022-11-30", DATE_PREC_SEASON, 0 },
	{ "2022-33", "2022-01-01", "2022-03-31", DATE_PREC_SEASON, 0 },
	{ "2022-36", "2022-10-01", "2022-12-31", DATE_PREC_SEASON, 0 },
	{ "2022-38", "2022-05-01", "2022-08-31", DATE_PREC_SEASON, 0 },
	{ "2022-40", "2022-01-01", "2022-06-30", DATE_PREC_SEASON, 0 },
	{ "2022-41", "2022-07-01", "2022-12-31", DATE_PREC_SEASON, 0 },
	/* early / mid / late */
	{ "early 2022", "2022-01-01", "2022-04-30", DATE_PREC_SEASON, 0 },
	{ "mid 2022", "2022-05-01", "2022-08-31", DATE_PREC_SEASON, 0 },
	{ "mid-2022", "2022-05-01", "2022-08-31", DATE_PREC_SEASON, 0 },
	{ "late 2022", "2022-09-01", "2022-12-31", DATE_PREC_SEASON, 0 },
	{ "Late 2022?", "2022-09-01", "2022-12-31", DATE_PREC_SEASON, UNC },
	{ "early February 2024", "2024-02-01", "2024-02-10",
	    DATE_PREC_DAY_PART, 0 },
	{ "mid February 2024", "2024-02-11", "2024-02-20",
	    DATE_PREC_DAY_PART, 0 },
	{ "late February 2024", "2024-02-21", "2024-02-29",
	    DATE_PREC_DAY_PART, 0 },
	{ "late Feb 2023", "2023-02-21", "2023-02-28", DATE_PREC_DAY_PART,
	    0 },
	{ "mid-Sept. 2022", "2022-09-11", "2022-09-20", DATE_PREC_DAY_PART,
	    0 },
	{ "late 2022-10", "2022-10-21", "2022-10-31", DATE_PREC_DAY_PART, 0 },
	/* decades */
	{ "1970s", "1970-01-01", "1979-12-31", DATE_PREC_DECADE, 0 },
	{ "1970's", "1970-01-01", "1979-12-31", DATE_PREC_DECADE, 0 },
	{ "the 1970s", "1970-01-01", "1979-12-31", DATE_PREC_DECADE, 0 },
	{ "early 1970s", "1970-01-01", "1973-12-31", DATE_PREC_DECADE, 0 },
	{ "mid 1970s", "1974-01-01", "1976-12-31", DATE_PREC_DECADE, 0 },
	{ "the late 1970s", "1977-01-01", "1979-12-31", DATE_PREC_DECADE,
	    0 },
	/* seasons */
	{ "spring 2022", "2022-03-01", "2022-05-31", DATE_PREC_SEASON, 0 },
	{ "summer 2022", "2022-06-01", "2022-08-31", DATE_PREC_SEASON, 0 },
	{ "autumn 2022", "2022-09-01", "2022-11-30", DATE_PREC_SEASON, 0 },
	{ "Fall 2022", "2022-09-01", "2022-11-30", DATE_PREC_SEASON, 0 },
	{ "winter 2022", "2022-12-01", "2023-02-28", DATE_PREC_SEASON, 0 },
	{ "winter 2023", "2023-12-01", "2024-02-29", DATE_PREC_SEASON, 0 },
	{ "summer of 1969", "1969-06-01", "1969-08-31", DATE_PREC_SEASON, 0 },
	/* month names */
	{ "February 2024", "2024-02-01", "2024-02-29", DATE_PREC_MONTH, 0 },
	{ "Feb 2024", "2024-02-01", "2024-02-29", DATE_PREC_MONTH, 0 },
	{ "SEPT 2022", "2022-09-01", "2022-09-30", DATE_PREC_MONTH, 0 },
	{ "24 February 2022", "2022-02-24", "2022-02-24", DATE_PREC_DAY, 0 },
	{ "24 Feb 2022", "2022-02-24", "2022-02-24", DATE_PREC_DAY, 0 },
	{ "February 24, 2022", "2022-02-24", "2022-02-24", DATE_PREC_DAY, 0 },
	{ "February 24 2022", "2022-02-24", "2022-02-24", DATE_PREC_DAY, 0 },
	{ "Feb. 24, 2022", "2022-02-24", "2022-02-24", DATE_PREC_DAY, 0 },
	{ "24th February 2022", "2022-02-24", "2022-02-24", DATE_PREC_DAY,
	    0 },
	{ "1st of May 2022", "2022-05-01", "2022-05-01", DATE_PREC_DAY, 0 },
	{ "Thursday, 24 February 2022", "2022-02-24", "2022-02-24",
	    DATE_PREC_DAY, 0 },
	{ "Mon., Feb. 21, 2022", "2022-02-21", "2022-02-21", DATE_PREC_DAY,
	    0 },
	{ "24 February 2022 04:50", "2022-02-24T04:50:00",
	    "2022-02-24T04:50:59", DATE_PREC_MINUTE, TIM },
	{ "24\xc2\xa0" "February\xc2\xa0" "2022", "2022-02-24", "2022-02-24",
	    DATE_PREC_DAY, 0 },
	/* circa, eras */
	{ "c. 1066", "1066-01-01", "1066-12-31", DATE_PREC_YEAR, APX },
	{ "c.1066", "1066-01-01", "1066-12-31", DATE_PREC_YEAR, APX },
	{ "ca. 1066", "1066-01-01", "1066-12-31", DATE_PREC_YEAR, APX },
	{ "circa 1066", "1066-01-01", "1066-12-31", DATE_PREC_YEAR, APX },
	{ "approx. 1066", "1066-01-01", "1066-12-31", DATE_PREC_YEAR, APX },
	{ "~1066", "1066-01-01", "1066-12-31", DATE_PREC_YEAR, APX },
	{ "44 BC", "-0043-01-01", "-0043-12-31", DATE_PREC_YEAR, 0 },
	{ "44 BCE", "-0043-01-01", "-0043-12-31", DATE_PREC_YEAR, 0 },
	{ "44 B.C.", "-0043-01-01", "-0043-12-31", DATE_PREC_YEAR, 0 },
	{ "1 BC", "0000-01-01", "0000-12-31", DATE_PREC_YEAR, 0 },
	{ "AD 1066", "1066-01-01", "1066-12-31", DATE_PREC_YEAR, 0 },
	{ "1066 AD", "1066-01-01", "1066-12-31", DATE_PREC_YEAR, 0 },
	{ "1066 CE", "1066-01-01", "1066-12-31", DATE_PREC_YEAR, 0 },
	{ "AD 79", "0079-01-01", "0079-12-31", DATE_PREC_YEAR, 0 },
	{ "c. 44 BC", "-0043-01-01", "-0043-12-31", DATE_PREC_YEAR, APX },
	{ "15 March 44 BC", "-0043-03-15", "-0043-03-15", DATE_PREC_DAY, 0 },
	{ "Feb 24 BC", "-0023-02-01", "-0023-02-28", DATE_PREC_MONTH, 0 },
	{ "circa late 2022", "2022-09-01", "2022-12-31", DATE_PREC_SEASON,
	    APX },
	{ "circa winter 2022", "2022-12-01", "2023-02-28", DATE_PREC_SEASON,
	    APX },
	/* deep time: EDTF Y years, exponents, "N years ago" (= N BC) */
	{ "Y-13800000000", "-13800000000-01-01", "-13800000000-12-31",
	    DATE_PREC_YEAR, 0 },
	{ "Y170000002", "+170000002-01-01", "+170000002-12-31",
	    DATE_PREC_YEAR, 0 },
	{ "Y-17E7", "-170000000-01-01", "-170000000-12-31", DATE_PREC_YEAR,
	    0 },
	{ "13.8 billion years ago", "-13799999999-01-01",
	    "-13799999999-12-31", DATE_PREC_YEAR, 0 },
	{ "65 Million Years Ago", "-64999999-01-01", "-64999999-12-31",
	    DATE_PREC_YEAR, 0 },
	{ "12000 years ago", "-11999-01-01", "-11999-12-31", DATE_PREC_YEAR,
	    0 },
};

START_TEST(parse_forms)
{
	const struct parse_case	*c = &parse_cases[_i];
	struct date_range	 r = parse_ok(c->text, 0);
	char			 e[48], l[48];

	ck_assert_msg(strcmp(end_text(r.earliest, false, e, sizeof e),
	    c->earliest) == 0, "'%s' starts %s, want %s", c->text, e,
	    c->earliest);
	ck_assert_msg(strcmp(end_text(r.latest, true, l, sizeof l),
	    c->latest) == 0, "'%s' ends %s, want %s", c->text, l, c->latest);
	ck_assert_msg(r.precision == c->prec, "'%s' precision %d, want %d",
	    c->text, (int)r.precision, (int)c->prec);
	ck_assert_msg(r.flags == c->flags, "'%s' flags 0x%x, want 0x%x",
	    c->text, r.flags, c->flags);
}
END_TEST

/* Instants against values computed elsewhere (Python calendar.timegm). */
START_TEST(parse_instants)
{
	struct date_range	r;

	r = parse_ok("2022-02-24T04:50:00Z", 0);
	ck_assert_int_eq(r.earliest, 1645678200);
	ck_assert_int_eq(r.latest, 1645678200);
	r = parse_ok("2022-02-24T04:50:00+02:00", 0);
	ck_assert_int_eq(r.earliest, 1645671000);
	r = parse_ok("1970-01-01", 0);
	ck_assert_int_eq(r.earliest, 0);
	ck_assert_int_eq(r.latest, DATE_SECS_PER_DAY - 1);
	r = parse_ok("1969-12-31T23:59:59", 0);
	ck_assert_int_eq(r.earliest, -1);
}
END_TEST

START_TEST(parse_ongoing)
{
	struct date_range	r = parse_ok(" Ongoing ", DATE_PARSE_END);

	ck_assert_int_eq(r.earliest, DATE_MIN);
	ck_assert_int_eq(r.latest, DATE_MAX);
	ck_assert_int_eq(r.precision, DATE_PREC_NONE);
	ck_assert_uint_eq(r.flags, DATE_ONGOING);
	/* an end date is otherwise parsed as any date */
	r = parse_ok("late 2022", DATE_PARSE_END);
	ck_assert_uint_eq(r.flags, 0);
}
END_TEST

/* The text need not be NUL-terminated: only len bytes are read. */
START_TEST(parse_length_bounded)
{
	struct date_range	r;
	char			*err = NULL;

	ck_assert(date_parse("2022-02-24T04:50", 10, 0, &r, &err, NULL));
	ck_assert_int_eq(r.precision, DATE_PREC_DAY);
	ck_assert(date_parse("2022junk", 4, 0, &r, &err, NULL));
	ck_assert_int_eq(r.precision, DATE_PREC_YEAR);
	ck_assert_ptr_null(err);
}
END_TEST

/* --- order --------------------------------------------------------------- */

/* Each line sorts strictly before the next. */
static const char *const order_texts[] = {
	"../2014",
	"44 BC",
	"c. 1066",
	"1970-01-01",
	"early 1970s/1975",
	"1970s",
	"2014",
	"2022-01",
	"2022-Q1",
	"early 2022",
	"2022-H1",
	"2022",
	"2022/..",
	"2022-01-05",
	"2022-02-24T04:50:00+02:00",
	"2022-02-24T04:50",
	"spring 2022",
	"late 2022",
	"winter 2022",
	"2023",
};

static int
cmp_by_text(const void *a, const void *b)
{
	struct date_range	ra = parse_ok(*(const char *const *)a, 0);
	struct date_range	rb = parse_ok(*(const char *const *)b, 0);

	return date_range_cmp(&ra, &rb);
}

START_TEST(order_neighbours)
{
	struct date_range	a = parse_ok(order_texts[_i], 0);
	struct date_range	b = parse_ok(order_texts[_i + 1], 0);

	ck_assert_msg(date_range_cmp(&a, &b) < 0, "'%s' should sort before "
	    "'%s'", order_texts[_i], order_texts[_i + 1]);
	ck_assert_msg(date_range_cmp(&b, &a) > 0, "'%s' should sort after "
	    "'%s'", order_texts[_i + 1], order_texts[_i]);
	ck_assert_int_eq(date_range_cmp(&a, &a), 0);
}
END_TEST

START_TEST(order_sorts_shuffled)
{
	const char	*v[N(order_texts)];
	size_t		 i;

	for (i = 0; i < N(v); i++)	/* a fixed shuffle: stride 7 */
		v[i] = order_texts[(i * 7) % N(v)];
	qsort(v, N(v), sizeof v[0], cmp_by_text);
	for (i = 0; i < N(v); i++)
		ck_assert_str_eq(v[i], order_texts[i]);
}
END_TEST

/* Same range, different words or flags: equal for sorting. */
START_TEST(order_same_range)
{
	static const char *const pairs[][2] = {
		{ "2022", "2022-XX" }, { "2022?", "2022" },
		{ "Q4 2022", "2022-36" }, { "spring 2022", "2022-21" },
		{ "early 2022", "2022-37" }, { "44 BC", "-0043" },
		{ "1970s", "197X" }, { "24 Feb 2022", "2022-02-24" },
	};
	size_t	i;

	for (i = 0; i < N(pairs); i++) {
		struct date_range	a = parse_ok(pairs[i][0], 0);
		struct date_range	b = parse_ok(pairs[i][1], 0);

		ck_assert_msg(date_range_cmp(&a, &b) == 0, "'%s' and '%s' "
		    "should sort together", pairs[i][0], pairs[i][1]);
	}
}
END_TEST

/* --- errors -------------------------------------------------------------- */

static const struct error_case {
	const char	*text;
	const char	*message;	/* a substring of the message */
	size_t		 col;
} error_cases[] = {
	{ "", "empty date", 0 },
	{ "   ", "empty date", 0 },
	{ "2022-02-30",
	    "invalid date '2022-02-30': February 2022 has 28 days", 8 },
	{ "2023-02-29", "February 2023 has 28 days", 8 },
	{ "1900-02-29", "February 1900 has 28 days", 8 },
	{ "2022-04-31", "April 2022 has 30 days", 8 },
	{ "2022-02-00", "there is no day 00", 8 },
	{ "-0001-02-29", "February 2 BC has 28 days", 9 },
	{ "31 Nov 2022", "November 2022 has 30 days", 0 },
	{ "Feb 30, 2024", "February 2024 has 29 days", 4 },
	{ "2023-13", "month must be 01..12", 5 },
	{ "2022-00", "month must be 01..12", 5 },
	{ "2022-42", "month must be 01..12", 5 },
	{ "2022-2-24", "a month needs two digits", 5 },
	{ "2022-02-24T25:00", "hour must be 00..23", 11 },
	{ "2022-02-24T04:60", "minute must be 00..59", 14 },
	{ "2022-02-24T04:50:61", "second must be 00..59", 17 },
	{ "2022-02-24T04", "a time needs hours and minutes", 11 },
	{ "2022-02-24T04:50+25:00", "time zone offset must be between", 16 },
	{ "2022-02-24T04:50:00+0", "time zone offset needs two digits", 20 },
	{ "2022-02-24T04:50?", "unexpected '?'", 16 },
	{ "04:50", "a time needs a date before it", 0 },
	{ "2022-Q5", "a quarter is Q1..Q4", 5 },
	{ "Q5 2022", "a quarter is Q1..Q4", 0 },
	{ "2022-H3", "a half is H1 or H2", 5 },
	{ "early", "'early' needs a year, a decade or a month", 0 },
	{ "late 2022 2023", "unexpected '2023'", 10 },
	{ "late late 2022", "'late' goes with a year", 5 },
	{ "spring", "no year given", 0 },
	{ "February 24", "no year given", 0 },
	{ "800", "a year needs at least 4 digits", 0 },
	{ "24 2022", "expected a month after the day", 3 },
	{ "lat 2022",
	    "unrecognised date 'lat 2022' (did you mean 'late 2022'?)", 0 },
	{ "erly 2022", "(did you mean 'early 2022'?)", 0 },
	{ "Febuary 2024", "(did you mean 'February 2024'?)", 0 },
	{ "sprng 2022", "(did you mean 'spring 2022'?)", 0 },
	{ "24 Febuary 2022", "(did you mean '24 February 2022'?)", 3 },
	{ "late Febuary 2024", "(did you mean 'late February 2024'?)", 5 },
	{ "circa erly 2022", "(did you mean 'circa early 2022'?)", 6 },
	{ "Q4 2022/sumer 2023", "(did you mean 'Q4 2022/summer 2023'?)", 8 },
	{ "  LAT 2022", "'LAT 2022' (did you mean 'LATE 2022'?)", 2 },
	{ "Jum 2022", "(did you mean 'Jun 2022' or 'Jul 2022'?)", 0 },
	{ "lat 2022/2023", "(did you mean 'late 2022/2023'?)", 0 },
	{ "blah 2022", "unknown word 'blah'", 0 },
	{ "2022/2021", "invalid date '2022/2021': the interval starts after "
	    "it ends", 0 },
	{ "2022-03/2022-02-15", "the interval starts after it ends", 0 },
	{ "../..", "an interval needs at least one known end", 0 },
	{ "/", "an interval needs at least one known end", 0 },
	{ "2022/2023/2024", "an interval has one '/'", 9 },
	{ "2022-2023", "write an interval with '/'", 4 },
	{ "2022\xe2\x80\x93" "2023", "write an interval with '/'", 4 },
	{ "2022-02-24x", "unexpected 'x'", 10 },
	{ "2022,", "unexpected ','", 4 },
	{ "2022\x01", "unexpected control character 0x01", 4 },
	{ "ongoing", "'ongoing' is only allowed as an end date", 0 },
	{ "2022/ongoing", "'ongoing' stands alone", 5 },
	{ "1900s", "'1900s' is ambiguous: write 190X", 0 },
	{ "1975s", "a decade ends in 0", 0 },
	{ "0 BC", "there is no year 0 BC", 0 },
	{ "-44 BC", "a year needs at least 4 digits", 0 },
	{ "XXXX", "unknown word 'XXXX'", 0 },
	{ "201X-05", "a month cannot follow unspecified year digits", 5 },
	{ "2022-XX-05", "a day cannot follow an unspecified month", 8 },
	{ "20220224", "write a date with dashes, as in 2022-02-24", 0 },
	{ "1000000001", "year out of range", 0 },
	{ "-1000000001", "year out of range", 0 },
	{ "99999999999999999999999999", "year out of range", 0 },
	{ "Friday, 24 February 2022", "2022-02-24 is a Thursday, not a "
	    "Friday", 0 },
	{ "Thursday 2022", "a weekday goes only with a full date", 0 },
	{ "the 2022", "'the' goes only with a decade", 0 },
	{ "Feb-2024", "unexpected '-'", 3 },
	{ "c.", "no date given", 0 },
	{ "2022-10 AD", "unexpected 'AD'", 8 },
};

START_TEST(errors_reported)
{
	const struct error_case	*c = &error_cases[_i];
	struct date_range	 r;
	char			*err = NULL;
	size_t			 col = 999;

	memset(&r, 0, sizeof r);
	ck_assert_msg(!date_parse(c->text, strlen(c->text), 0, &r, &err,
	    &col), "'%s' should not parse", c->text);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(strstr(err, c->message) != NULL,
	    "'%s': got \"%s\", want \"%s\"", c->text, err, c->message);
	ck_assert_msg(col == c->col, "'%s': column %zu, want %zu", c->text,
	    col, c->col);
	free(err);
}
END_TEST

/* Suggestions only offer words that make the whole text parse. */
START_TEST(errors_suggest_only_what_parses)
{
	struct date_range	 r;
	char			*err = NULL;

	ck_assert(!date_parse("ongoin", 6, 0, &r, &err, NULL));
	ck_assert_str_eq(err, "unrecognised date 'ongoin': unknown word "
	    "'ongoin'");
	free(err);
	ck_assert(!date_parse("ongoin", 6, DATE_PARSE_END, &r, &err, NULL));
	ck_assert_str_eq(err, "unrecognised date 'ongoin' (did you mean "
	    "'ongoing'?)");
	free(err);
}
END_TEST

/* err and err_col may be NULL; a failure leaves *out alone. */
START_TEST(errors_optional_outputs)
{
	struct date_range	r = { 1, 2, DATE_PREC_DAY, 0 };

	ck_assert(!date_parse("nonsense", 8, 0, &r, NULL, NULL));
	ck_assert_int_eq(r.earliest, 1);
	ck_assert_int_eq(r.latest, 2);
	ck_assert(!date_parse(NULL, 0, 0, &r, NULL, NULL));
}
END_TEST

/* --- limits -------------------------------------------------------------- */

START_TEST(limits_huge_years)
{
	struct date_range	r;
	char			 buf[48];

	r = parse_ok("1000000000", 0);
	ck_assert_str_eq(end_text(r.latest, true, buf, sizeof buf),
	    "+1000000000-12-31");
	r = parse_ok("-1000000000-01-01", 0);
	ck_assert_str_eq(end_text(r.earliest, false, buf, sizeof buf),
	    "-1000000000-01-01");
	r = parse_ok("winter 1000000000", 0);
	ck_assert_str_eq(end_text(r.latest, true, buf, sizeof buf),
	    "+1000000001-02-28");
	r = parse_ok("1000000000 BC", 0);
	ck_assert_str_eq(end_text(r.earliest, false, buf, sizeof buf),
	    "-999999999-01-01");
	ck_assert(r.earliest > DATE_MIN && r.latest < DATE_MAX);
	ck_assert(!date_parse("1000000001 BC", 13, 0, &r, NULL, NULL));
	ck_assert(date_parse("99999999X", 9, 0, &r, NULL, NULL));
	ck_assert(!date_parse("999999999X", 10, 0, &r, NULL, NULL));
	/* Deep time stops at 30 billion years, inside DATE_MIN. */
	ck_assert(!date_parse("Y-30000000001", 13, 0, &r, NULL, NULL));
	ck_assert(!date_parse("Y-9E99", 6, 0, &r, NULL, NULL));
	ck_assert(!date_parse("0.5 years ago", 13, 0, &r, NULL, NULL));
	ck_assert(!date_parse("Y-", 2, 0, &r, NULL, NULL));
	r = parse_ok("Y-30000000000", 0);
	ck_assert(r.earliest > DATE_MIN);
	ck_assert_str_eq(date_format_ago(-13799999999, buf, 24),
	    "13.8 billion years ago");
	ck_assert_str_eq(date_format_ago(-64999999, buf, 24),
	    "65 million years ago");
	ck_assert_str_eq(date_format_ago(-11999, buf, 24),
	    "12 thousand years ago");
}
END_TEST

START_TEST(limits_long_text)
{
	size_t			 n = 100000;
	char			*s = malloc(n + 1), *err = NULL;
	struct date_range	 r;

	ck_assert_ptr_nonnull(s);
	/* 128 bytes is the most a date may have ... */
	memset(s, '0', 129);
	memcpy(s, "2022-02-24T04:50:00.", 20);
	ck_assert(date_parse(s, 128, 0, &r, &err, NULL));
	/* ... and one more is refused, quoting only the start */
	ck_assert(!date_parse(s, 129, 0, &r, &err, NULL));
	ck_assert_ptr_nonnull(strstr(err, "too long (129 bytes"));
	ck_assert_ptr_nonnull(strstr(err, "'2022-02-24T04:50:00.00000000"
	    "000000000000...'"));
	free(err);
	memset(s, '9', n);
	ck_assert(!date_parse(s, n, 0, &r, &err, NULL));
	ck_assert_uint_lt(strlen(err), 200);
	free(err);
	/* blanks around a date do not count */
	memset(s, ' ', n);
	memcpy(s + n / 2, "2022", 4);
	ck_assert(date_parse(s, n, 0, &r, NULL, NULL));
	ck_assert_int_eq(r.precision, DATE_PREC_YEAR);
	free(s);
}
END_TEST

START_TEST(limits_leap_years)
{
	struct date_range	r;

	/* The calendar's leap rules are check_cal.c's; here, the parser. */
	parse_ok("2000-02-29", 0);
	parse_ok("29 February 2024", 0);
	ck_assert(!date_parse("1900-02-29", 10, 0, &r, NULL, NULL));
}
END_TEST

/* The "YYYY-MM-DD" shortcut in date_parse gives what the scanner gives
 * (DATE_PARSE_SCAN: the scanner alone; DATE_PARSE_SHORTCUT: the shortcut
 * alone): for every day of years around the edges of its range and of the
 * Gregorian leap rules, for the day after each month's last, and for near
 * misses of the form, with and without DATE_PARSE_END.  Returns whether
 * the text is a date; *took, whether the shortcut read it. */
static bool
same_ranges(const struct date_range *a, const struct date_range *b)
{
	return a->earliest == b->earliest && a->latest == b->latest &&
	    a->precision == b->precision && a->flags == b->flags;
}

static bool
same_as_scanner(const char *t, unsigned opts, bool *took)
{
	struct date_range	a, b, c;
	bool			oka, okb, okc;

	memset(&a, 0x5a, sizeof a);
	memset(&b, 0x5a, sizeof b);
	memset(&c, 0x5a, sizeof c);
	oka = date_parse(t, strlen(t), opts, &a, NULL, NULL);
	okb = date_parse(t, strlen(t), opts | DATE_PARSE_SCAN, &b, NULL, NULL);
	okc = date_parse(t, strlen(t), opts | DATE_PARSE_SHORTCUT, &c, NULL,
	    NULL);
	if (oka != okb || (oka && !same_ranges(&a, &b)))
		ck_abort_msg("'%s' (opts %u): shortcut and scanner differ", t,
		    opts);
	if (okc && (!okb || !same_ranges(&c, &b)))
		ck_abort_msg("'%s' (opts %u): the shortcut alone differs", t,
		    opts);
	*took = okc;
	return oka;
}

START_TEST(limits_iso_shortcut)
{
	static const int	years[][2] = {
		{ 999, 1001 }, { 1899, 1901 }, { 1969, 1971 }, { 1999, 2001 },
		{ 2023, 2025 }, { 2099, 2101 }, { 9998, 9999 },
	};
	static const char *const near[] = {
		"2022-1-01", "2022-01-1", "2022/01/01", "2022-01-01 ",
		" 2022-01-01", "2022-01-0a", "+022-01-01", "-022-01-01",
		"2022-00-10", "2022-13-01", "2022-01-00", "0000-01-01",
		"2022-02-29", "2024-02-29", "2022-XX-XX", "2022-01-01T10:00",
		"2022-01-01?", "~2022-01-01",
	};
	char		t[32];
	size_t		i, good = 0, bad = 0, took_n = 0;
	unsigned	opts, m, d;
	int		y;
	bool		took;

	for (opts = 0; opts <= DATE_PARSE_END; opts += DATE_PARSE_END) {
		for (i = 0; i < sizeof years / sizeof *years; i++)
			for (y = years[i][0]; y <= years[i][1]; y++)
				for (m = 1; m <= 12; m++)
					for (d = 1; d <= cal_month_days(y, m) + 1;
					    d++) {
						snprintf(t, sizeof t,
						    "%04d-%02u-%02u", y, m, d);
						if (same_as_scanner(t, opts, &took))
							good++;
						else
							bad++;
						took_n += took;
					}
		/* Of the near misses only 2024-02-29 is the form. */
		for (i = 0; i < sizeof near / sizeof *near; i++) {
			same_as_scanner(near[i], opts, &took);
			took_n += took;
		}
	}
	/* Real days and the days after each month's last were all tried:
	 * 12 of the latter a year, for 20 years, with and without END. */
	ck_assert_uint_eq(bad, 2 * 20 * 12);
	ck_assert_uint_gt(good, 2 * 20 * 365);
	/* The shortcut read every real day from 1000 on (not the 365 of 999)
	 * and the one near miss that is a day, so the comparison above was
	 * of two readers, not of the scanner with itself. */
	ck_assert_uint_eq(took_n, good - 2 * 365 + 2);
	/* Blanks around the form are read (the scanner trims them), whichever
	 * reader takes them. */
	ck_assert(same_as_scanner(" 2022-01-01", 0, &took));
	ck_assert(same_as_scanner("2022-01-01 ", 0, &took));
	ck_assert(same_as_scanner("2024-02-29", 0, &took));
	ck_assert(took);
	ck_assert(!same_as_scanner("2022-02-29", 0, &took));
	ck_assert(!took);
}
END_TEST

/* Every formatted start of a year parses back to itself, BC included. */
START_TEST(limits_round_trip_text)
{
	int64_t			year;
	char			buf[48];
	struct date_range	r;
	struct date_parts	p = { 0, 3, 15, 12, 34, 56 };

	for (year = -20000; year <= 20000; year += 7) {
		p.year = year;
		date_format_iso(date_join(&p), DATE_PREC_SECOND, buf,
		    sizeof buf);
		r = parse_ok(buf, 0);
		ck_assert_int_eq(r.earliest, date_join(&p));
		date_format_iso(r.earliest, DATE_PREC_DAY, buf, sizeof buf);
		r = parse_ok(buf, 0);
		ck_assert_int_eq(r.earliest, date_join(&p) - 12 * 3600 -
		    34 * 60 - 56);
	}
}
END_TEST

/* Absurd values do not crash or overflow (UBSan checks this). */
START_TEST(limits_extreme_calls)
{
	static const date_time	t[] = {
		0, -1, 1, DATE_MIN, DATE_MAX, DATE_MIN + 1, DATE_MAX - 1,
		INT64_C(1) << 50, -(INT64_C(1) << 50),
	};
	struct date_parts	p;
	size_t			i;
	char			buf[48];

	for (i = 0; i < N(t); i++) {
		date_split(t[i], &p);
		ck_assert_int_eq(date_join(&p), t[i]);
	}
	date_split(INT64_MAX, &p);
	date_split(INT64_MIN, &p);
	p.year = INT64_MAX;
	ck_assert_int_eq(date_join(&p), DATE_MAX);
	p.year = INT64_MIN;
	ck_assert_int_eq(date_join(&p), DATE_MIN);
	ck_assert_str_eq(date_format_iso(INT64_MAX, DATE_PREC_DAY, buf,
	    sizeof buf), "..");
	ck_assert_str_eq(date_format_iso(INT64_MIN, DATE_PREC_DAY, buf,
	    sizeof buf), "..");
}
END_TEST

/* --- format -------------------------------------------------------------- */

static const struct format_case {
	int64_t			year;
	unsigned		month, day, hour, minute, second;
	enum date_precision	prec;
	const char		*iso;
} format_cases[] = {
	{ 2022, 2, 24, 0, 0, 0, DATE_PREC_DAY, "2022-02-24" },
	{ 2022, 2, 24, 4, 50, 7, DATE_PREC_DAY, "2022-02-24" },
	{ 2022, 2, 24, 4, 50, 7, DATE_PREC_MINUTE, "2022-02-24T04:50:07Z" },
	{ 2022, 2, 24, 4, 50, 7, DATE_PREC_SECOND, "2022-02-24T04:50:07Z" },
	{ 2022, 1, 1, 0, 0, 0, DATE_PREC_YEAR, "2022-01-01" },
	{ 1969, 12, 31, 23, 59, 59, DATE_PREC_SECOND,
	    "1969-12-31T23:59:59Z" },
	{ -43, 3, 15, 0, 0, 0, DATE_PREC_DAY, "-0043-03-15" },
	{ 0, 2, 29, 0, 0, 0, DATE_PREC_DAY, "0000-02-29" },
	{ -1, 12, 31, 0, 0, 0, DATE_PREC_DAY, "-0001-12-31" },
	{ 9999, 12, 31, 0, 0, 0, DATE_PREC_DAY, "9999-12-31" },
	{ 10000, 1, 1, 0, 0, 0, DATE_PREC_DAY, "+10000-01-01" },
	{ -12345, 6, 7, 0, 0, 0, DATE_PREC_DAY, "-12345-06-07" },
	{ 79, 8, 24, 0, 0, 0, DATE_PREC_DAY, "0079-08-24" },
};

START_TEST(format_iso)
{
	const struct format_case	*c = &format_cases[_i];
	struct date_parts		 p = { c->year, c->month, c->day,
	    c->hour, c->minute, c->second };
	char				 buf[48];

	ck_assert_str_eq(date_format_iso(date_join(&p), c->prec, buf,
	    sizeof buf), c->iso);
}
END_TEST

START_TEST(format_iso_open_and_short)
{
	char	buf[48], tiny[5];

	ck_assert_str_eq(date_format_iso(DATE_MIN, DATE_PREC_DAY, buf,
	    sizeof buf), "..");
	ck_assert_str_eq(date_format_iso(DATE_MAX, DATE_PREC_SECOND, buf,
	    sizeof buf), "..");
	/* a short buffer is cut, never overrun */
	ck_assert_str_eq(date_format_iso(0, DATE_PREC_DAY, tiny,
	    sizeof tiny), "1970");
}
END_TEST

START_TEST(format_year)
{
	static const struct { int64_t year; const char *text; } v[] = {
		{ 2022, "2022" }, { 1, "1" }, { 0, "1 BC" }, { -43, "44 BC" },
		{ 10000, "10000" }, { -999999999, "1000000000 BC" },
		{ INT64_MIN, "9223372036854775809 BC" },
		{ INT64_MAX, "9223372036854775807" },
	};
	char	buf[32];
	size_t	i;

	for (i = 0; i < N(v); i++)
		ck_assert_str_eq(date_format_year(v[i].year, buf, sizeof buf),
		    v[i].text);
}
END_TEST

Suite *
date_suite(void)
{
	Suite	*s = suite_create("date");
	TCase	*tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, parse_forms, 0, (int)N(parse_cases));
	tcase_add_test(tc, parse_instants);
	tcase_add_test(tc, parse_ongoing);
	tcase_add_test(tc, parse_length_bounded);
	suite_add_tcase(s, tc);

	tc = tcase_create("order");
	tcase_add_loop_test(tc, order_neighbours, 0, (int)N(order_texts) - 1);
	tcase_add_test(tc, order_sorts_shuffled);
	tcase_add_test(tc, order_same_range);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_loop_test(tc, errors_reported, 0, (int)N(error_cases));
	tcase_add_test(tc, errors_suggest_only_what_parses);
	tcase_add_test(tc, errors_optional_outputs);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, limits_huge_years);
	tcase_add_test(tc, limits_long_text);
	tcase_add_test(tc, limits_leap_years);
	tcase_add_test(tc, limits_round_trip_text);
	tcase_add_test(tc, limits_iso_shortcut);
	tcase_add_test(tc, limits_extreme_calls);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_loop_test(tc, format_iso, 0, (int)N(format_cases));
	tcase_add_test(tc, format_iso_open_and_short);
	tcase_add_test(tc, format_year);
	suite_add_tcase(s, tc);
	return s;
}
