/* SPDX-License-Identifier: MIT */
/*
 * An index of strings by hash: which item has this key.  The one table
 * behind the timeline's ids (timeline_find_id), the story diff's match of
 * old and new events and the merge driver's of its three sides.
 *
 * Items are numbered from 0 in the order given.  Item i's key is the
 * string pointer at byte offset i * stride from keys: an array of char *
 * (keys = the array, stride = sizeof (char *)), or one field of an array
 * of structs (keys = &a[0].field, stride = sizeof a[0]).  An item whose
 * key is NULL is not indexed.  When a key repeats, the first item with it
 * is the one found, and dup (if not NULL) hears of each repeat, in item
 * order: (ctx, the first item, the repeat).
 *
 * The index does not own the keys: they must stay where they are and
 * unchanged while it is used (idindex_renumber follows items that moved
 * to other numbers).  Open addressing with linear probing, at most half
 * full, FNV-1a; the hashes of a build are taken a few items ahead of
 * their slots, which are fetched meanwhile (a big index is cache misses).
 */
#ifndef TLV_IDINDEX_H
#define TLV_IDINDEX_H

#include <stddef.h>
#include <stdint.h>

#define IDINDEX_NONE	UINT32_MAX	/* no item (and an empty slot) */

struct idindex {
	uint32_t	*slots;		/* item numbers, IDINDEX_NONE empty;
					   NULL when not built */
	size_t		 mask;		/* slots - 1, a power of two less 1 */
	const char	*keys;		/* as given to idindex_build */
	size_t		 stride;
};

#define IDINDEX_INIT	{ NULL, 0, NULL, 0 }

/* The hash of a key (FNV-1a), as the index uses it. */
size_t		 idindex_hash(const char *key);
/* Index n items (up to IDINDEX_NONE - 1) whose keys are at keys, stride
 * bytes apart; what was indexed before is dropped.  keys may be NULL when
 * n is 0. */
void		 idindex_build(struct idindex *, const void *keys,
		    size_t stride, size_t n,
		    void (*dup)(void *ctx, size_t first, size_t again),
		    void *ctx);
/* The first item with key, or IDINDEX_NONE (also when not built). */
uint32_t	 idindex_find(const struct idindex *, const char *key);
/* The items moved: item i is now item to[i] (to has an entry for every
 * item number in the index; the keys are where they were moved to). */
void		 idindex_renumber(struct idindex *, const uint32_t *to);
/* Back to IDINDEX_INIT (the keys are not the index's). */
void		 idindex_free(struct idindex *);

#endif
