/* SPDX-License-Identifier: MIT */
/*
 * Contested claims (SPEC section 10): what an event's verdicts, relations
 * and sources say beyond their text.  Plain functions of one event; no
 * allocation but into a caller's buffer, no printing.
 *
 * Verdicts: tl_event_verdicts(e) is the history oldest first; the verdict
 * as of an instant t is the last one dated by t (its earliest on or before
 * t).
 *
 * Sources: a source with "via: X" relays outlet X.  Its origin is found by
 * following via through the event's own sources: X's source, if the event
 * has one, and that one's via, and so on, to an outlet that relays no one
 * (or is not among the sources: then X itself).  A source without via is
 * its own origin: its outlet, else its URL's host (without "www."), else
 * its title.  Sources are independent when their origins differ (compared
 * case-insensitively); a via chain that comes back on itself has no
 * origin, and the loader refuses it (claims_via_cycle).
 */
#ifndef TLV_CLAIMS_H
#define TLV_CLAIMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "date.h"
#include "timeline.h"

/* The status as of t: the last verdict's dated by t; TL_STATUS_NONE if e
 * has verdicts and none yet by t; e->status if it has no verdicts. */
enum tl_status	 claims_status_asof(const struct tl_event *, date_time t);
/* The verdict as of t (NULL: none yet, or no verdicts). */
const struct tl_verdict *claims_verdict_asof(const struct tl_event *,
		    date_time t);
/* Has the verdict changed: some two of its verdicts, dated by t, differ in
 * status.  DATE_MAX (or any later instant) for "ever". */
bool		 claims_changed(const struct tl_event *, date_time t);

/* The origin of source i (see above): true with *s, *len (not
 * NUL-terminated: a URL's host is part of the URL), false if it has none
 * or its via chain loops. */
bool		 claims_origin(const struct tl_event *, uint32_t i,
		    const char **s, size_t *len);
/* claims_origin, true only for the first source of e with that origin
 * (walking i from 0 gives each independent origin once). */
bool		 claims_new_origin(const struct tl_event *, uint32_t i,
		    const char **s, size_t *len);
/* The first source of e whose via chain comes back on itself, or
 * UINT32_MAX if none does. */
uint32_t	 claims_via_cycle(const struct tl_event *);
/* How many independent sources e has (distinct origins); if names is not
 * NULL, the origins are appended to it, ", " between, in source order. */
uint32_t	 claims_independent(const struct tl_event *, struct buf *names);

/* What tlv check says of e's relation r to event to (SPEC section 10), into
 * msg: two confirmed events that contradict each other; a retraction or
 * supersession of an event whose status was not updated (it is neither
 * disputed nor denied, and has no verdict dated on or after e's earliest
 * day).  False, msg untouched, if nothing is wrong. */
bool		 claims_relation_problem(const struct tl_event *e,
		    const struct tl_ref *r, const struct tl_event *to,
		    struct buf *msg);

#endif
