/* SPDX-License-Identifier: MIT */
/*
 * The filter query language (SPEC section 4):
 *
 *	tag:starlink status:alleged,denied actor:"Elon Musk" from:2022-06
 *	to:2024 -tag:taiwan kremlin
 *
 * Terms are ANDed; ',' inside a value is OR; a leading '-' negates a term; a
 * bare word or "quoted phrase" matches case-insensitively in title,
 * description, actors, tags and notes.  Inside quotes, \" and \\ escape and
 * ',' is literal (tag:a,"b, c" is two tags).
 *
 * Fields:
 *	tag:T		an event tag equals T (case-insensitive)
 *	actor:A		an actor contains A (case-insensitive)
 *	status:S	status is S (a status name, or "none")
 *	from:D		the event's range ends at or after D's earliest
 *	to:D		the event's range starts at or before D's latest
 *	file:F		the event's file path contains F
 *	id:I		the event's id equals I
 *	has:notes	has:sources  has:id  has:description  has:end  has:related
 *	asof:D		known by D: some source dated on or before D's latest,
 *			or, with no dated source, the event's earliest <= D's
 *			latest
 * from: and to: together keep an event whose range overlaps
 * [from.earliest, to.latest] (SPEC section 2).  An unquoted date value
 * runs over blanks and commas as far as it still reads as a date:
 * "from:late 2022 to:early 2023" is two terms.
 */
#ifndef TLV_QUERY_H
#define TLV_QUERY_H

#include <stdbool.h>
#include <stddef.h>

struct timeline;
struct tl_event;

struct query;

/*
 * Parse text.  Returns a query (free with query_free) or NULL on error, with
 * *err a malloc'd message (caller frees) and *err_col the 0-based byte
 * offset of the problem in text.  An empty or all-blank text is a valid
 * query that matches everything.
 */
struct query	*query_parse(const char *text, char **err, size_t *err_col);
bool		 query_match(const struct query *, const struct timeline *,
		    const struct tl_event *);
/*
 * True if every event that matches the query text now also matched old
 * (NULL: no filter), judged from the texts alone: now is old with text
 * appended, and what was appended can only narrow -- more terms after a
 * blank, or a longer positive bare word, "phrase", or actor:/file: value
 * (those match substrings).  False when unsure.  Filter as you type uses
 * it to scan only the events old let through.
 */
bool		 query_narrows(const char *old, const char *now);
/* True if the query has no terms. */
bool		 query_is_empty(const struct query *);
void		 query_free(struct query *);

/*
 * Append to a query string one term field:"value" with value quoted and
 * escaped, preceded by a space if the buffer is not empty (for building a
 * query from --tag, --from, ...).  field NULL gives a bare quoted phrase.
 * The value is taken literally: inside quotes ',' is not OR, so
 * --actor "Musk, Elon" and --from "February 24, 2022" work; a shorthand
 * that takes a list (--status alleged,denied) must be split by the caller
 * or appended unquoted.  An empty value makes the query invalid.
 */
struct buf;
void		 query_append_term(struct buf *, const char *field,
		    const char *value);
/* The same for a list: "alleged,denied" becomes status:"alleged","denied"
 * (OR).  For --tag and --status. */
void		 query_append_list(struct buf *, const char *field,
		    const char *values);

#endif
