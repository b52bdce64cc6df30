/* SPDX-License-Identifier: MIT */
/*
 * Date expressions (SPEC section 2).  Every expression resolves to a closed
 * range [earliest, latest] of instants, in seconds since
 * 1970-01-01T00:00:00Z on the proleptic Gregorian calendar with astronomical
 * year numbering (year 0 = 1 BC, -43 = 44 BC).  A day-precision date covers
 * 00:00:00..23:59:59 UTC of that day; a month, its first day's start to its
 * last day's end; and so on.  An open interval end ("..") is DATE_MIN or
 * DATE_MAX.  Times without a zone are taken as UTC.
 *
 * The text as written is kept by the caller for display; struct date_range
 * holds only what was resolved from it.
 */
#ifndef TLV_DATE_H
#define TLV_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int64_t date_time;

/* Far enough out that no real date gets near, small enough not to overflow
 * when a day's worth of seconds is added. */
#define DATE_MIN	(-((date_time)1 << 60))
#define DATE_MAX	(((date_time)1 << 60))

#define DATE_SECS_PER_DAY	86400

/* The finest unit the expression was written with (for intervals: the
 * coarser of the two ends). */
enum date_precision {
	DATE_PREC_NONE = 0,	/* open or unknown */
	DATE_PREC_CENTURY,	/* 19XX */
	DATE_PREC_DECADE,	/* 1970s, 201X */
	DATE_PREC_YEAR,		/* 2022 */
	DATE_PREC_SEASON,	/* halves, quarters, seasons, early/mid/late YEAR */
	DATE_PREC_MONTH,	/* 2022-10, February 2024 */
	DATE_PREC_DAY_PART,	/* early/mid/late February 2024 */
	DATE_PREC_DAY,		/* 2022-02-24 */
	DATE_PREC_MINUTE,	/* 2022-02-24T04:50 */
	DATE_PREC_SECOND	/* 2022-02-24T04:50:00 */
};

/* Qualifier flags. */
#define DATE_UNCERTAIN		0x01	/* EDTF '?' or '%' */
#define DATE_APPROXIMATE	0x02	/* EDTF '~' or '%', circa, c. */
#define DATE_UNSPECIFIED	0x04	/* EDTF X digits */
#define DATE_INTERVAL		0x08	/* A/B */
#define DATE_OPEN_START		0x10	/* ../B or /B */
#define DATE_OPEN_END		0x20	/* A/.. or A/ */
#define DATE_HAS_TIME		0x40	/* a time of day was given */
#define DATE_ONGOING		0x80	/* "ongoing" (only with DATE_PARSE_END) */

struct date_range {
	date_time		earliest;
	date_time		latest;
	enum date_precision	precision;
	unsigned		flags;
};

/* Options for date_parse(). */
#define DATE_PARSE_END		0x1	/* accept "ongoing" (an event's end:) */
#define DATE_PARSE_SCAN		0x2	/* the general scanner only, never
					   the "YYYY-MM-DD" shortcut (tests
					   check that the two agree) */
#define DATE_PARSE_SHORTCUT	0x4	/* the shortcut only: false for any
					   text it does not take (tests check
					   that it takes what it should) */

/*
 * Parse text[0..len) (need not be NUL-terminated; leading and trailing
 * blanks are ignored; words are case-insensitive).  On success fills *out
 * and returns true.  On failure returns false and, if err is not NULL,
 * sets *err to a malloc'd message without position, e.g.
 *	"unrecognised date 'lat 2022' (did you mean 'late 2022'?)"
 *	"invalid date '2022-02-30': February 2022 has 28 days"
 * and *err_col (if not NULL) to the 0-based byte offset in text where the
 * problem starts (0 when the whole text is wrong).  The caller frees *err.
 */
bool	 date_parse(const char *text, size_t len, unsigned opts,
	    struct date_range *out, char **err, size_t *err_col);

/* Split an instant into calendar parts (UTC). */
struct date_parts {
	int64_t		year;
	unsigned	month, day, hour, minute, second;
};
void	 date_split(date_time, struct date_parts *);
date_time date_join(const struct date_parts *);

/*
 * Format an instant as ISO 8601 into buf (at least 32 bytes):
 * "2022-02-24", "-0043-03-15" (DATE_PREC_DAY and coarser) or
 * "2022-02-24T04:50:00Z" (finer).  DATE_MIN/DATE_MAX give "..".
 * Returns buf.
 */
char	*date_format_iso(date_time, enum date_precision, char *buf, size_t n);

/* Human year label for headings: "2022", "44 BC". buf at least 24 bytes. */
char	*date_format_year(int64_t year, char *buf, size_t n);
/* Years before -DATE_DEEP_YEAR are deep time (SPEC section 2). */
#define DATE_DEEP_YEAR	((int64_t)99999)
/* Year (<= 0) as "13.8 billion years ago", "65 million years ago" (N
 * years ago is N BC; three significant digits). */
char	*date_format_ago(int64_t year, char *buf, size_t n);

/*
 * The one clock: now, in seconds since 1970 (UTC); or the date in
 * $TLV_TEST_NOW when it is set and parses, so that tests can pin what a
 * note's "at" or an export's stamp says.  The variable is read once.
 */
date_time date_now(void);
/* date_now() as "2026-11-29T10:15:00Z", malloc'd (a note's "at"). */
char	*date_now_text(void);

/* Order two ranges as SPEC section 2 sorts: earliest, then latest. */
int	 date_range_cmp(const struct date_range *, const struct date_range *);

#endif
