/* SPDX-License-Identifier: MIT */
/*
 * The civil calendar (cal.h): days of known dates both ways, every day
 * from 5000 BC to AD 5000 and samples of deep time round trip, the leap
 * rules, weekdays of known dates, floor division, the names, and absurd
 * arguments that must not overflow.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>

#include "cal.h"
#include "check_suites.h"

#define N(a)	(sizeof (a) / sizeof (a)[0])

/* Days since 1970 against Python's datetime (proleptic Gregorian); year
 * 0 is 1 BC. */
START_TEST(known_days)
{
	static const struct {
		int64_t		year;
		unsigned	month, day;
		int64_t		days;
	} v[] = {
		{ 1970, 1, 1, 0 }, { 2022, 2, 24, 19047 },
		{ 2000, 2, 29, 11016 }, { 1900, 3, 1, -25508 },
		{ 1600, 2, 29, -135081 }, { 1, 1, 1, -719162 },
		{ 0, 1, 1, -719528 }, { 9999, 12, 31, 2932896 },
		{ 1969, 12, 31, -1 }, { 0, 2, 29, -719469 },
		{ -1, 12, 31, -719529 },
	};
	size_t		i;
	int64_t		y;
	unsigned	m, d;

	for (i = 0; i < N(v); i++) {
		ck_assert_int_eq(cal_days_from_civil(v[i].year, v[i].month,
		    v[i].day), v[i].days);
		cal_civil_from_days(v[i].days, &y, &m, &d);
		ck_assert_int_eq(y, v[i].year);
		ck_assert_uint_eq(m, v[i].month);
		ck_assert_uint_eq(d, v[i].day);
	}
}
END_TEST

/* Walk every day from 5000 BC to AD 5000: each is the day after the last
 * and comes back to its count; the weekdays go round in sevens. */
START_TEST(round_trip_days)
{
	int64_t		first = cal_days_from_civil(-4999, 1, 1);
	int64_t		last = cal_days_from_civil(5000, 12, 31), days, y;
	int64_t		py = -5000;
	unsigned	m, d, pm = 12, pd = 31, pw;

	pw = cal_weekday(first - 1);
	/* no ck_assert in the loop: each one is a write to Check's pipe */
	for (days = first; days <= last; days++) {
		bool	next;

		cal_civil_from_days(days, &y, &m, &d);
		if (d == 1 && m == 1)
			next = py == y - 1 && pm == 12 && pd == 31;
		else if (d == 1)
			next = py == y && pm == m - 1 &&
			    pd == cal_month_days(y, pm);
		else
			next = py == y && pm == m && pd == d - 1;
		if (!next)
			ck_abort_msg("%lld-%02u-%02u does not follow "
			    "%lld-%02u-%02u", (long long)y, m, d,
			    (long long)py, pm, pd);
		if (cal_days_from_civil(y, m, d) != days)
			ck_abort_msg("day %lld does not round-trip",
			    (long long)days);
		if (cal_weekday(days) != (pw + 1) % 7)
			ck_abort_msg("day %lld: weekday %u after %u",
			    (long long)days, cal_weekday(days), pw);
		py = y;
		pm = m;
		pd = d;
		pw = cal_weekday(days);
	}
	ck_assert_int_eq(py, 5000);
}
END_TEST

/* Deep time, as far as date.c parses (a billion years either way): the
 * first and last days of sampled years round trip, 400 years are always
 * 146097 days, and a year is 365 or 366 days as its leap rule says. */
START_TEST(round_trip_deep_time)
{
	const int64_t	limit = INT64_C(1000000000);
	int64_t		year, y, a, b;
	unsigned	m, d;
	bool		ok = true;

	for (year = -limit; year <= limit && ok; year += 999983) {
		a = cal_days_from_civil(year, 1, 1);
		b = cal_days_from_civil(year, 12, 31);
		cal_civil_from_days(a, &y, &m, &d);
		ok = y == year && m == 1 && d == 1;
		cal_civil_from_days(b, &y, &m, &d);
		ok = ok && y == year && m == 12 && d == 31;
		ok = ok && b - a + 1 == (cal_is_leap(year) ? 366 : 365);
		ok = ok && cal_days_from_civil(year + 400, 1, 1) - a == 146097;
		if (!ok)
			ck_abort_msg("year %lld", (long long)year);
	}
	ck_assert_int_eq(cal_days_from_civil(-limit, 3, 1) + 146097,
	    cal_days_from_civil(-limit + 400, 3, 1));
}
END_TEST

START_TEST(leap_years)
{
	static const struct { int64_t year; unsigned feb; } v[] = {
		{ 1900, 28 }, { 2000, 29 }, { 2024, 29 }, { 2023, 28 },
		{ 2100, 28 }, { 1600, 29 }, { 0, 29 }, { -1, 28 }, { -4, 29 },
		{ -100, 28 }, { -400, 29 }, { -1000000000, 29 },
		{ -999999900, 28 },
	};
	size_t	i;

	for (i = 0; i < N(v); i++) {
		ck_assert_msg(cal_month_days(v[i].year, 2) == v[i].feb,
		    "February %lld has %u days", (long long)v[i].year,
		    v[i].feb);
		ck_assert(cal_is_leap(v[i].year) == (v[i].feb == 29));
	}
	ck_assert_uint_eq(cal_month_days(2022, 1), 31);
	ck_assert_uint_eq(cal_month_days(2022, 4), 30);
	ck_assert_uint_eq(cal_month_days(2022, 12), 31);
	ck_assert_uint_eq(cal_month_days(2022, 0), 0);
	ck_assert_uint_eq(cal_month_days(2022, 13), 0);
}
END_TEST

/* Weekdays of dates whose weekday is known (proleptic Gregorian). */
START_TEST(weekdays)
{
	static const struct {
		int64_t		year;
		unsigned	month, day, wday;
	} v[] = {
		{ 1970, 1, 1, 3 },	/* Thursday */
		{ 2022, 2, 24, 3 },	/* the invasion: Thursday */
		{ 2000, 1, 1, 5 },	/* Saturday */
		{ 1582, 10, 15, 4 },	/* the first Gregorian day: Friday */
		{ 1969, 7, 20, 6 },	/* Apollo 11 lands: Sunday */
		{ 1, 1, 1, 0 },		/* Monday */
		{ 0, 12, 31, 6 },	/* Sunday, the day before */
		{ 1900, 1, 1, 0 },	/* Monday */
		{ 2024, 2, 29, 3 },	/* Thursday */
	};
	size_t	i;

	for (i = 0; i < N(v); i++)
		ck_assert_msg(cal_weekday(cal_days_from_civil(v[i].year,
		    v[i].month, v[i].day)) == v[i].wday,
		    "%lld-%02u-%02u is a %s", (long long)v[i].year,
		    v[i].month, v[i].day, cal_weekday_name(v[i].wday));
	ck_assert_uint_eq(cal_weekday(-1), 2);
	ck_assert_uint_eq(cal_weekday(-7), 3);
	ck_assert_uint_eq(cal_weekday(-8), 2);
}
END_TEST

START_TEST(floor_division)
{
	static const int64_t v[][3] = {
		{ 7, 2, 3 }, { -7, 2, -4 }, { 7, -2, -4 }, { -7, -2, 3 },
		{ 6, 3, 2 }, { -6, 3, -2 }, { 0, 5, 0 }, { -1, 400, -1 },
		{ -400, 400, -1 }, { -401, 400, -2 }, { 399, 400, 0 },
		{ INT64_MIN + 2, 7, -INT64_C(1317624576693539401) },
		{ INT64_MIN + 1, 7, -INT64_C(1317624576693539401) },
	};
	size_t	i;

	for (i = 0; i < N(v); i++)
		ck_assert_msg(cal_floor_div(v[i][0], v[i][1]) == v[i][2],
		    "%lld / %lld", (long long)v[i][0], (long long)v[i][1]);
}
END_TEST

START_TEST(names)
{
	ck_assert_str_eq(cal_month_name(1), "January");
	ck_assert_str_eq(cal_month_name(12), "December");
	ck_assert_str_eq(cal_month_abbr(9), "Sep");
	ck_assert_str_eq(cal_weekday_name(0), "Monday");
	ck_assert_str_eq(cal_weekday_name(6), "Sunday");
	ck_assert_str_eq(cal_weekday_abbr(3), "Thu");
	ck_assert_str_eq(cal_month_name(0), "");
	ck_assert_str_eq(cal_month_abbr(13), "");
	ck_assert_str_eq(cal_weekday_name(7), "");
	ck_assert_str_eq(cal_weekday_abbr(99), "");
}
END_TEST

/* Absurd values do not crash or overflow (UBSan checks this). */
START_TEST(extreme_calls)
{
	int64_t		y;
	unsigned	m, d;

	cal_civil_from_days(INT64_MAX, &y, &m, &d);
	ck_assert_uint_ge(m, 1);
	cal_civil_from_days(INT64_MIN, &y, &m, &d);
	ck_assert_uint_le(m, 12);
	(void)cal_days_from_civil(INT64_MAX, 12, 31);
	(void)cal_days_from_civil(INT64_MIN, 1, 1);
	(void)cal_days_from_civil(2022, 0, 0);
	(void)cal_days_from_civil(2022, 99, 4000000000u);
	ck_assert_uint_lt(cal_weekday(INT64_MAX), 7);
	ck_assert_uint_lt(cal_weekday(INT64_MIN), 7);
	(void)cal_is_leap(INT64_MIN);
	ck_assert_uint_eq(cal_month_days(INT64_MIN, 2), 29);
}
END_TEST

Suite *
cal_suite(void)
{
	Suite	*s = suite_create("cal");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, known_days);
	tcase_add_test(tc, round_trip_days);
	tcase_add_test(tc, round_trip_deep_time);
	tcase_add_test(tc, leap_years);
	tcase_add_test(tc, weekdays);
	tcase_add_test(tc, floor_division);
	tcase_add_test(tc, names);
	tcase_add_test(tc, extreme_calls);
	suite_add_tcase(s, tc);
	return s;
}
