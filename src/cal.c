/* SPDX-License-Identifier: MIT */
/* The civil calendar (cal.h). */
#include "config.h"

#include "cal.h"

/* The functions clamp beyond these: far outside DATE_MIN..DATE_MAX. */
#define CAL_YEAR_LIMIT	(INT64_C(1) << 40)
#define CAL_DAY_LIMIT	(INT64_C(1) << 48)

static const char *const cal_months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static const char *const cal_weekdays[7] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday"
};

/* The abbreviations are the names' first three letters. */
static const char *const cal_months_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};

static const char *const cal_weekdays_abbr[7] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};

int64_t
cal_floor_div(int64_t a, int64_t b)
{
	int64_t	q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int64_t
cal_clamp(int64_t v, int64_t limit)
{
	return v < -limit ? -limit : v > limit ? limit : v;
}

/*
 * Days are counted in 400-year eras starting on 1 March, so the leap day
 * is the last day of its year and month lengths follow a fixed pattern.
 */
int64_t
cal_days_from_civil(int64_t year, unsigned month, unsigned day)
{
	int64_t		y, era, yoe, doy, doe;
	unsigned	mp;

	y = cal_clamp(year, CAL_YEAR_LIMIT);
	if (month <= 2)
		y--;
	era = cal_floor_div(y, 400);
	yoe = y - era * 400;				/* 0..399 */
	mp = (month + 9) % 12;				/* March is 0 */
	doy = (153 * (int64_t)mp + 2) / 5 + (int64_t)day - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* 0..146096 */
	return era * 146097 + doe - 719468;
}

void
cal_civil_from_days(int64_t days, int64_t *year, unsigned *month,
    unsigned *day)
{
	int64_t	z, era, doe, yoe, doy, mp, m;

	z = cal_clamp(days, CAL_DAY_LIMIT) + 719468;
	era = cal_floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp < 10 ? mp + 3 : mp - 9;
	*day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*month = (unsigned)m;
	*year = yoe + era * 400 + (m <= 2);
}

bool
cal_is_leap(int64_t year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

unsigned
cal_month_days(int64_t year, unsigned month)
{
	static const unsigned char	days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && cal_is_leap(year))
		return 29;
	return days[month - 1];
}

/* 1970-01-01 was a Thursday: day 0 is weekday 3. */
unsigned
cal_weekday(int64_t days)
{
	int64_t	d = cal_clamp(days, CAL_DAY_LIMIT) + 3;

	return (unsigned)(d - cal_floor_div(d, 7) * 7);
}

const char *
cal_month_name(unsigned month)
{
	return month >= 1 && month <= 12 ? cal_months[month - 1] : "";
}

const char *
cal_month_abbr(unsigned month)
{
	return month >= 1 && month <= 12 ? cal_months_abbr[month - 1] : "";
}

const char *
cal_weekday_name(unsigned wday)
{
	return wday < 7 ? cal_weekdays[wday] : "";
}

const char *
cal_weekday_abbr(unsigned wday)
{
	return wday < 7 ? cal_weekdays_abbr[wday] : "";
}
