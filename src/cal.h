/* SPDX-License-Identifier: MIT */
/*
 * The civil calendar: proleptic Gregorian, any year (year 0 is 1 BC, -43
 * is 44 BC), days counted from 1970-01-01 (day 0, a Thursday).  The one
 * place for it: date_scan.c and date.c parse and date_format.c formats
 * with it, ruler.c walks months and labels ticks with it, export_ics.c
 * rounds days with it.  Pure functions of their arguments; no locale, no
 * libc time functions.
 *
 * Out-of-range arguments never overflow: a year beyond +-2^40 or a day
 * count beyond +-2^48 is clamped there first (far outside DATE_MIN ..
 * DATE_MAX, date.h).
 */
#ifndef TLV_CAL_H
#define TLV_CAL_H

#include <stdbool.h>
#include <stdint.h>

/* a / b rounded toward minus infinity (b != 0). */
int64_t	 cal_floor_div(int64_t a, int64_t b);
/* A civil date (month 1..12, day 1..31) as days since 1970-01-01, and
 * back. */
int64_t	 cal_days_from_civil(int64_t year, unsigned month, unsigned day);
void	 cal_civil_from_days(int64_t days, int64_t *year, unsigned *month,
	    unsigned *day);
/* Whether year has 29 February. */
bool	 cal_is_leap(int64_t year);
/* Days in a month of a year (1..12); 0 for another month. */
unsigned cal_month_days(int64_t year, unsigned month);
/* The weekday of a day count: Monday is 0, Sunday 6. */
unsigned cal_weekday(int64_t days);
/* English names: month 1..12 ("January", "Jan"), weekday 0..6 as
 * cal_weekday's ("Monday", "Mon").  "" out of range. */
const char *cal_month_name(unsigned month);
const char *cal_month_abbr(unsigned month);
const char *cal_weekday_name(unsigned wday);
const char *cal_weekday_abbr(unsigned wday);

#endif
