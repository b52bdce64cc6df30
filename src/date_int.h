/* SPDX-License-Identifier: MIT */
/*
 * The date module's insides, shared by its three files (nothing else
 * includes this header).  From the bottom up:
 *
 *   date_format.c  date_split/date_join, the date_format_* functions and
 *                  date_range_cmp: what reads a parsed date, no parsing.
 *   date_scan.c    the scanner: the words tlv knows (date_words[]), a
 *                  text's atoms (words, numeric chunks, commas), the first
 *                  failure of a parse (date_fail), and every numeric form
 *                  ("2022-02-24T04:50Z", "1970s", "24th", "201X":
 *                  date_chunk_parse).
 *   date.c         date_parse: the word forms, one side of an interval,
 *                  intervals and the whole text, the messages and their
 *                  suggestions; date_now (TLV_TEST_NOW is parsed).
 *
 * Each file calls only those above it in this list; never the other way.
 */
#ifndef TLV_DATE_INT_H
#define TLV_DATE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cal.h"
#include "date.h"

/* Letters of a word that are kept; longer words are unknown. */
#define WORD_MAX		16

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

/* date_scan.c */

/* Every word the parser knows, and so every word it may suggest. */
extern const struct word	date_words[];
extern const size_t		date_nwords;

/* Levenshtein distance of two short lower-case words. */
unsigned date_word_distance(const char *a, const char *b);

/* Note the first failure of p (later ones are dropped): its kind, its
 * column and a printf-style detail.  Returns false, for "return
 * date_fail(...)". */
bool	 date_fail(struct pctx *, enum perr, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Fail on bytes [pos, pos+len) that do not belong there. */
bool	 date_unexpected(struct pctx *p, size_t pos, size_t len);
/* Fail on atom a (a word, a chunk, a comma or the end). */
bool	 date_unexpected_atom(struct pctx *p, const struct atom *a);

/* Move *b and *e inward past blanks (space, tab, CR, LF, U+00A0). */
void	 date_trim(const char *s, size_t *b, size_t *e);
/* The atom at or after s->pos; s is not moved. */
void	 date_atom_peek(const struct scan *s, struct atom *a);
/* Move s past atom a (as date_atom_peek gave it). */
void	 date_atom_skip(struct scan *s, const struct atom *a);
/* Skip the next atom if it is a word of this kind. */
bool	 date_skip_word(struct scan *s, enum word_kind kind);
/* Skip the next atom if it is a comma. */
void	 date_skip_comma(struct scan *s);

/* Parse the chunk atom a: every numeric form, see struct chunk. */
bool	 date_chunk_parse(struct pctx *p, const struct atom *a,
	    struct chunk *c);

/* Small helpers of every part, inline: they sit in the scanner's loops. */

static inline bool
is_digit(int ch)
{
	return ch >= '0' && ch <= '9';
}

static inline bool
is_alpha(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static inline int
to_lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

static inline void
set_days(struct date_range *r, int64_t y1, unsigned m1, unsigned d1,
    int64_t y2, unsigned m2, unsigned d2)
{
	r->earliest = cal_days_from_civil(y1, m1, d1) * DATE_SECS_PER_DAY;
	r->latest = cal_days_from_civil(y2, m2, d2) * DATE_SECS_PER_DAY +
	    DATE_SECS_PER_DAY - 1;
}

/* n months from month m of year y (running into the next year). */
static inline void
set_months(struct date_range *r, int64_t y, unsigned m, unsigned n)
{
	unsigned	last = m + n - 1;
	int64_t		y2 = y + (last - 1) / 12;
	unsigned	m2 = (last - 1) % 12 + 1;

	set_days(r, y, m, 1, y2, m2, cal_month_days(y2, m2));
}

static inline void
set_years(struct date_range *r, int64_t y1, int64_t y2)
{
	set_days(r, y1, 1, 1, y2, 12, 31);
}

#endif
