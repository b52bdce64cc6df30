/* SPDX-License-Identifier: MIT */
/* An index of strings by hash; see idindex.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "idindex.h"
#include "xmalloc.h"

/* How many items ahead of its slot a key is hashed while building. */
#define IDINDEX_AHEAD	8

static inline const char *
idindex_key(const struct idindex *ix, size_t i)
{
	const char	*k;

	memcpy(&k, ix->keys + i * ix->stride, sizeof k);
	return k;
}

size_t
idindex_hash(const char *s)
{
	size_t	h = (size_t)14695981039346656037ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ULL;
	return h;
}

/* Put item i, whose key hashed to slot h, in the first free slot from h,
 * unless an item with its key is there already. */
static void
idindex_put(struct idindex *ix, size_t i, size_t h,
    void (*dup)(void *, size_t, size_t), void *ctx)
{
	const char	*key = idindex_key(ix, i);
	uint32_t	 at;

	for (; (at = ix->slots[h]) != IDINDEX_NONE; h = (h + 1) & ix->mask)
		if (strcmp(idindex_key(ix, at), key) == 0) {
			if (dup != NULL)
				dup(ctx, at, i);
			return;
		}
	ix->slots[h] = (uint32_t)i;
}

void
idindex_build(struct idindex *ix, const void *keys, size_t stride, size_t n,
    void (*dup)(void *, size_t, size_t), void *ctx)
{
	size_t		 cap = 16, i, ahead[IDINDEX_AHEAD];
	const char	*key;

	idindex_free(ix);
	while (cap < n * 2)
		cap *= 2;
	ix->slots = xreallocarray(NULL, cap, sizeof *ix->slots);
	memset(ix->slots, 0xFF, cap * sizeof *ix->slots);
	ix->mask = cap - 1;
	ix->keys = keys;
	ix->stride = stride;
	/* Item i is hashed and its slot fetched; item i - AHEAD, whose
	 * hash is in the place i's takes, is put. */
	for (i = 0; i < n + IDINDEX_AHEAD; i++) {
		size_t	a = i % IDINDEX_AHEAD;

		if (i >= IDINDEX_AHEAD &&
		    idindex_key(ix, i - IDINDEX_AHEAD) != NULL)
			idindex_put(ix, i - IDINDEX_AHEAD, ahead[a], dup, ctx);
		if (i < n && (key = idindex_key(ix, i)) != NULL) {
			ahead[a] = idindex_hash(key) & ix->mask;
#ifdef __GNUC__
			__builtin_prefetch(&ix->slots[ahead[a]]);
#endif
		}
	}
}

uint32_t
idindex_find(const struct idindex *ix, const char *key)
{
	size_t		h;
	uint32_t	at;

	if (ix->slots == NULL)
		return IDINDEX_NONE;
	for (h = idindex_hash(key) & ix->mask;
	    (at = ix->slots[h]) != IDINDEX_NONE; h = (h + 1) & ix->mask)
		if (strcmp(idindex_key(ix, at), key) == 0)
			return at;
	return IDINDEX_NONE;
}

void
idindex_renumber(struct idindex *ix, const uint32_t *to)
{
	size_t	h;

	if (ix->slots == NULL)
		return;
	for (h = 0; h <= ix->mask; h++)
		if (ix->slots[h] != IDINDEX_NONE)
			ix->slots[h] = to[ix->slots[h]];
}

void
idindex_free(struct idindex *ix)
{
	free(ix->slots);
	*ix = (struct idindex)IDINDEX_INIT;
}
