/* SPDX-License-Identifier: MIT */
/*
 * The YAML reader's span queries for the editor (see yamlio.h): where the
 * keys of a loaded event are, and whether a file ends inside a block
 * scalar.  libyaml is reached through the adapter (yamlio_int.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"
#include "yamlio_int.h"

size_t
yamlio_eof_block_scalar(const char *buf, size_t len)
{
	size_t			 start, chars, i, at, total, bom;
	bool			 block;
	const unsigned char	*b = (const unsigned char *)buf;

	if (!yl_last_scalar(buf, len, &start, &chars, &block) || !block)
		return SIZE_MAX;
	/* It must end where the file does (libyaml counts characters, and
	 * not a BOM). */
	bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	for (total = 0, i = bom; i < len; i++)
		if ((b[i] & 0xC0) != 0x80)
			total++;
	if (chars != total)
		return SIZE_MAX;
	/* The start's character index as a byte offset. */
	for (at = 0, i = bom; i < len && at < start; at++)
		for (i++; i < len && (b[i] & 0xC0) == 0x80; i++)
			;
	/* Past an anchor or a tag to the indicator. */
	for (; i < len && b[i] != '\n'; i++)
		if ((b[i] == '|' || b[i] == '>') &&
		    (i == 0 || b[i - 1] == ' ' || b[i - 1] == '\t' ||
		    b[i - 1] == ':' || b[i - 1] == '-'))
			return i;
	return SIZE_MAX;
}

/*
 * The keys the load kept for a big event (timeline.h, struct tl_keys), at
 * their places in buf; NULL if it kept none or they do not fit the bytes
 * (each key must lie in the event and begin with its name or a quote):
 * then the event is parsed again.
 */
static struct tl_key *
yl_kept_keys(const char *buf, const struct tl_event *e,
    struct arena *a, uint32_t *count)
{
	const struct tl_keys	*k = e->extra != NULL ? e->extra->keys : NULL;
	struct tl_key		*v;
	size_t			 n = e->span.end - e->span.start, at;
	uint32_t		 i;

	if (k == NULL || k->n == 0)
		return NULL;
	for (i = 0; i < k->n; i++) {
		const struct tl_key *c = &k->v[i];

		at = e->span.start + (size_t)c->key.start;
		if (c->key.start > c->key.end || c->key.end > c->value.start ||
		    c->value.start > c->value.end || c->value.end > n ||
		    c->name == NULL || c->name[0] == '\0' ||
		    (buf[at] != c->name[0] && buf[at] != '"' &&
		    buf[at] != '\''))
			return NULL;
	}
	v = arena_alloc(a, k->n * sizeof *v, _Alignof(struct tl_key));
	for (i = 0; i < k->n; i++) {
		struct tl_span *sp[2] = { &v[i].key, &v[i].value };
		int j;

		v[i] = k->v[i];
		v[i].name = arena_strdup(a, k->v[i].name);
		for (j = 0; j < 2; j++) {
			sp[j]->start += e->span.start;
			sp[j]->end += e->span.start;
			sp[j]->line += e->span.line;
		}
	}
	*count = k->n;
	return v;
}

/*
 * The keys of one event (the load's, if it kept them), else by parsing
 * its bytes again: the lines from the
 * start of its first line to its end, with whatever stands before it on
 * that line ("  - ", "events: [") blanked, parse as a mapping at the same
 * columns.  Offsets and lines are then shifted back into the file.
 */
struct tl_key *
yamlio_event_keys(const char *buf, size_t len, const struct tl_event *e,
    struct arena *a, uint32_t *count)
{
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct yl		 y;
	struct ynode		*n;
	struct tl_key		*keys = NULL;
	size_t			 ls = e->span.start, i;
	char			*tmp;

	*count = 0;
	if (e->span.end > len || e->span.start >= e->span.end)
		return NULL;
	if ((keys = yl_kept_keys(buf, e, a, count)) != NULL)
		return keys;
	while (ls > 0 && buf[ls - 1] != '\n')
		ls--;
	tmp = xstrndup(buf + ls, e->span.end - ls);
	memset(tmp, ' ', e->span.start - ls);
	memset(&y, 0, sizeof y);
	y.wordarena = &y.wordtext;	/* (nothing is interned here) */
	y.diags = &diags;
	y.path = "event";
	y.buf = (const unsigned char *)tmp;
	y.len = e->span.end - ls;
	if ((n = yl_read_root(&y)) != NULL && n->kind == YN_MAP)
		keys = yl_keys_of(n, a, count);
	for (i = 0; keys != NULL && i < *count; i++) {
		struct tl_span *sp[2] = { &keys[i].key, &keys[i].value };
		int j;

		for (j = 0; j < 2; j++) {
			*sp[j] = yl_bytes(&y, *sp[j]);
			sp[j]->start += ls;
			sp[j]->end += ls;
			sp[j]->line += e->span.line - 1;
		}
	}
	yl_free(&y);
	diag_free(&diags);
	free(tmp);
	return keys;
}
