/* SPDX-License-Identifier: MIT */
/*
 * Reading a parsed date (date.h, date_int.h): instants to calendar parts
 * and back, ISO and human text, the order of ranges.  No parsing.
 */
#include "config.h"

#include <stdio.h>

#include "cal.h"
#include "date.h"
#include "date_int.h"

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
