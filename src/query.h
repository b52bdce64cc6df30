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
 *	has:mark	the user has marked the event (query_env's marked)
 *	@NAME		the saved filter NAME (query_env's saved): its terms,
 *			ANDed; -@NAME negates them as a whole; @a,@b is
 *			either (',' is OR, as in a value)
 *	changed:K	changed since a commit (tl->changed, changes.h), K one
 *			of any (also "changed:" alone), added, notes, status,
 *			date, title, sources, related; nothing matches while the
 *			timeline does not know
 *	asof:D		known by D: some source dated on or before D's latest,
 *			or, with no dated source, the event's earliest <= D's
 *			latest; and status: judges the verdict as of D's
 *			latest (claims_status_asof), not the status now
 *	rel:K		has a related item of relation K (supports,
 *			contradicts, retracts, supersedes, follows)
 *	sources:N	at least N independent sources (claims_independent)
 *	source:T	a source's outlet (a plain-text source is one), url,
 *			title, via or archive contains T (case-insensitive)
 * from: and to: together keep an event whose range overlaps
 * [from.earliest, to.latest] (SPEC section 2).  An unquoted date value
 * runs over blanks and commas as far as it still reads as a date:
 * "from:late 2022 to:early 2023" is two terms.
 */
#ifndef TLV_QUERY_H
#define TLV_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

struct timeline;
struct tl_event;

struct query;

/* A saved filter ("filter NAME = QUERY" in the config). */
struct query_saved {
	const char	*name;
	const char	*text;
};

/*
 * What a query may refer to beyond the event: saved filters for @NAME (the
 * last one of a name counts) and the user's marks for has:mark (marked
 * NULL: nothing is marked).  A query borrows its env: it must outlive the
 * query.  marked may keep a cache in arg (it is called with the timeline
 * being matched).
 */
struct query_env {
	const struct query_saved *saved;
	size_t			  nsaved;
	bool			(*marked)(void *arg, const struct timeline *,
				    const struct tl_event *);
	void			 *marked_arg;
	const char		 *self;	/* the saved filter whose text is
					   parsed (a config's check), so
					   a loop back to it is found; or
					   NULL */
};

/* Saved filters nest at most this deep (@a using @b using ...). */
#define QUERY_SAVED_DEPTH	16

/*
 * Parse text.  Returns a query (free with query_free) or NULL on error, with
 * *err a malloc'd message (caller frees) and *err_col the 0-based byte
 * offset of the problem in text.  An empty or all-blank text is a valid
 * query that matches everything.
 */
struct query	*query_parse(const char *text, char **err, size_t *err_col);
/* The same with an env (NULL: no saved filters, nothing marked).  An
 * unknown @NAME, one that uses itself, or an error in a saved filter's
 * text is an error at the column of the '@'. */
struct query	*query_parse_env(const char *text, const struct query_env *,
		    char **err, size_t *err_col);
/* Is name[0..len) a saved filter's name (letters, digits, '_', '-', a
 * letter first)? */
bool		 query_saved_name_ok(const char *name, size_t len);
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
/* True if a term of the query is of the field named (e.g. "changed"). */
bool		 query_uses(const struct query *, const char *field);
/* The instant of the query's asof: (its date's latest), if it has one not
 * negated (also through an @NAME): what the list and its colours judge
 * each event's verdict by (claims_status_asof). */
bool		 query_asof(const struct query *, date_time *);
/*
 * The same judged from parsed queries: true if every term of old has its
 * own term in now that matches no more than it does (the same term, or an
 * actor:, file: or plain text value grown longer) and now adds no asof:.
 * Then now's other terms can only narrow.  old NULL or empty: true.
 */
bool		 query_implies(const struct query *now, const struct query *old);
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
