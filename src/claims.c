/* SPDX-License-Identifier: MIT */
/*
 * Contested claims: verdicts as of a date, sources traced to their origin;
 * see claims.h.
 */
#include "config.h"

#include <string.h>

#include "claims.h"
#include "text.h"

const struct tl_verdict *
claims_verdict_asof(const struct tl_event *e, date_time t)
{
	const struct tl_verdict	*v = tl_event_verdicts(e), *last = NULL;

	if (v == NULL)
		return NULL;
	for (; v->status != TL_STATUS_NONE; v++)
		if (v->date.earliest <= t)
			last = v;
	return last;
}

enum tl_status
claims_status_asof(const struct tl_event *e, date_time t)
{
	const struct tl_verdict	*v;

	if (tl_event_verdicts(e) == NULL)
		return e->status;
	v = claims_verdict_asof(e, t);
	return v != NULL ? v->status : TL_STATUS_NONE;
}

bool
claims_changed(const struct tl_event *e, date_time t)
{
	const struct tl_verdict	*v = tl_event_verdicts(e);
	enum tl_status		 first = TL_STATUS_NONE;

	if (v == NULL)
		return false;
	for (; v->status != TL_STATUS_NONE; v++) {
		if (v->date.earliest > t)
			continue;
		if (first == TL_STATUS_NONE)
			first = v->status;
		else if (v->status != first)
			return true;
	}
	return false;
}

static bool
claims_same(const char *a, size_t alen, const char *b, size_t blen)
{
	return text_equal_folded(a, alen, b, blen);
}

static const char *
claims_via(const struct tl_event *e, uint32_t i)
{
	const struct tl_source_more	*m = tl_event_source_more(e, i);

	return m != NULL ? m->via : NULL;
}

/* The source of e relaying no one whose outlet is name, else the first
 * whose outlet is name; UINT32_MAX if none. */
static uint32_t
claims_find_outlet(const struct tl_event *e, const char *name)
{
	uint32_t	i, found = UINT32_MAX;
	size_t		len = strlen(name);

	for (i = 0; i < e->nsources; i++) {
		const char *o = e->sources[i].outlet;

		if (o == NULL || !claims_same(o, strlen(o), name, len))
			continue;
		if (claims_via(e, i) == NULL)
			return i;
		if (found == UINT32_MAX)
			found = i;
	}
	return found;
}

/* Follow source i's via chain: the index of the last source on it (one
 * relaying no one, or relaying an outlet not among the sources), with
 * *name the outlet it relays then (NULL if it relays no one); UINT32_MAX
 * if the chain loops. */
static uint32_t
claims_follow(const struct tl_event *e, uint32_t i, const char **name)
{
	uint32_t	steps, j;

	for (steps = 0; steps <= e->nsources; steps++) {
		*name = claims_via(e, i);
		if (*name == NULL)
			return i;
		j = claims_find_outlet(e, *name);
		if (j == UINT32_MAX)
			return i;
		if (claims_via(e, j) == NULL) {
			*name = NULL;
			return j;
		}
		i = j;
	}
	return UINT32_MAX;
}

/* A URL's host, without "www.". */
static bool
claims_host(const char *url, const char **s, size_t *len)
{
	const char	*p = strstr(url, "://");
	size_t		 n;

	if (p == NULL)
		return false;
	p += 3;
	n = strcspn(p, "/:?#");
	if (n > 4 && strncmp(p, "www.", 4) == 0) {
		p += 4;
		n -= 4;
	}
	*s = p;
	*len = n;
	return n > 0;
}

bool
claims_origin(const struct tl_event *e, uint32_t i, const char **s,
    size_t *len)
{
	const struct tl_source	*src;
	const char		*via;
	uint32_t		 j;

	if (i >= e->nsources)
		return false;
	j = claims_follow(e, i, &via);
	if (j == UINT32_MAX)
		return false;
	if (via != NULL) {
		*s = via;
		*len = strlen(via);
		return true;
	}
	src = &e->sources[j];
	if (src->outlet != NULL || src->url == NULL) {
		*s = src->outlet != NULL ? src->outlet : src->title;
		*len = *s != NULL ? strlen(*s) : 0;
		return *s != NULL;
	}
	return claims_host(src->url, s, len);
}

uint32_t
claims_via_cycle(const struct tl_event *e)
{
	uint32_t	i;
	const char	*name;

	for (i = 0; i < e->nsources; i++)
		if (claims_follow(e, i, &name) == UINT32_MAX)
			return i;
	return UINT32_MAX;
}

bool
claims_new_origin(const struct tl_event *e, uint32_t i, const char **s,
    size_t *len)
{
	const char	*t;
	size_t		 tlen;
	uint32_t	 k;

	if (!claims_origin(e, i, s, len))
		return false;
	for (k = 0; k < i; k++)
		if (claims_origin(e, k, &t, &tlen) &&
		    claims_same(*s, *len, t, tlen))
			return false;
	return true;
}

uint32_t
claims_independent(const struct tl_event *e, struct buf *names)
{
	uint32_t	i, count = 0;
	const char	*s;
	size_t		 len;

	for (i = 0; i < e->nsources; i++) {
		if (!claims_new_origin(e, i, &s, &len))
			continue;
		if (names != NULL) {
			if (count > 0)
				buf_adds(names, ", ");
			buf_add(names, s, len);
		}
		count++;
	}
	return count;
}

/* An event as messages name it: its id, else its title. */
static void
claims_label(struct buf *b, const struct tl_event *e)
{
	if (e->id != NULL)
		buf_printf(b, "'%s'", e->id);
	else
		buf_printf(b, "\"%s\"", e->title);
}

/* Was to's verdict updated by the time of e: disputed or denied now, or a
 * verdict dated on or after e's earliest. */
static bool
claims_updated(const struct tl_event *to, const struct tl_event *e)
{
	const struct tl_verdict	*v = tl_event_verdicts(to);

	if (to->status == TL_STATUS_DISPUTED || to->status == TL_STATUS_DENIED)
		return true;
	if (v != NULL)
		for (; v->status != TL_STATUS_NONE; v++)
			if (v->date.latest >= e->date.earliest)
				return true;
	return false;
}

bool
claims_relation_problem(const struct tl_event *e, const struct tl_ref *r,
    const struct tl_event *to, struct buf *msg)
{
	switch ((enum tl_rel)r->rel) {
	case TL_REL_CONTRADICTS:
		if (e->status != TL_STATUS_CONFIRMED ||
		    to->status != TL_STATUS_CONFIRMED)
			return false;
		claims_label(msg, e);
		buf_adds(msg, " contradicts ");
		claims_label(msg, to);
		buf_adds(msg, " but both are confirmed");
		return true;
	case TL_REL_RETRACTS:
	case TL_REL_SUPERSEDES:
		if (claims_updated(to, e))
			return false;
		claims_label(msg, e);
		buf_printf(msg, " %s ", tl_rel_name((enum tl_rel)r->rel));
		claims_label(msg, to);
		if (to->status == TL_STATUS_NONE)
			buf_adds(msg, ", which has no status");
		else
			buf_printf(msg, ", whose status is still %s",
			    tl_status_name(to->status));
		buf_printf(msg, ": it has no verdict dated on or after %s",
		    e->date_text);
		return true;
	default:
		return false;
	}
}
