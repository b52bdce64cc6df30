/* SPDX-License-Identifier: MIT */
/*
 * Bump allocator; see arena.h.  Blocks are chained newest first, and the
 * head block's free bytes are [a->cur, a->end), which arena_alloc() hands
 * out in line; a request larger than a quarter of the block size gets a
 * block of its own so that big strings do not waste the tail of the
 * current block.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xmalloc.h"

/* A block and malloc's header fill 64 pages exactly (big blocks are mmap'd). */
#define ARENA_BLOCK	(256 * 1024 - 64)

struct arena_block {
	struct arena_block	*next;
	size_t			 size;	/* usable bytes after the header */
	max_align_t		 data[];
};

/* Hand out the bytes of b after the first used. */
static void
arena_use(struct arena *a, struct arena_block *b, size_t used)
{
	a->cur = (char *)b->data + used;
	a->end = (char *)b->data + b->size;
}

void *
arena_alloc_block(struct arena *a, size_t size, size_t align)
{
	struct arena_block	*b;
	size_t			 need;
	void			*p;

	if (align == 0 || (align & (align - 1)) != 0)
		align = sizeof(max_align_t);
	if (size > SIZE_MAX - align - sizeof *b)
		fatal("out of memory (arena request of %zu bytes)", size);
	if ((p = arena_take(a, size, align)) != NULL)	/* align mended */
		return p;
	a->used += size;
	need = size + align;	/* room to align in the block */
	if (need > ARENA_BLOCK / 4) {
		b = xmalloc(sizeof *b + need);
		b->size = need;
		if (a->head != NULL) {
			/* Oversized: after the head, which stays the block
			 * allocated from. */
			b->next = a->head->next;
			a->head->next = b;
			return b->data;
		}
	} else {
		b = xmalloc(sizeof *b + ARENA_BLOCK);
		b->size = ARENA_BLOCK;
	}
	b->next = a->head;
	a->head = b;
	arena_use(a, b, size);
	return b->data;
}

void *
arena_calloc(struct arena *a, size_t n, size_t size, size_t align)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		fatal("out of memory (%zu x %zu bytes overflows)", n, size);
	p = arena_alloc(a, n * size, align);
	memset(p, 0, n * size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char	*p;

	if (len == SIZE_MAX)
		fatal("out of memory (string too long)");
	p = arena_alloc(a, len + 1, 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_adopt(struct arena *dst, struct arena *src)
{
	struct arena_block	*tail;

	if (src->head == NULL)
		return;
	if (dst->head == NULL) {
		*dst = *src;
	} else {
		/* After dst's head, which stays the block allocated from. */
		for (tail = src->head; tail->next != NULL; tail = tail->next)
			;
		tail->next = dst->head->next;
		dst->head->next = src->head;
		dst->used += src->used;
	}
	src->head = NULL;
	src->cur = src->end = NULL;
	src->used = 0;
}

void
arena_reset(struct arena *a)
{
	struct arena_block	*b, *next, *keep = NULL;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		if (keep == NULL && b->size == ARENA_BLOCK) {
			keep = b;
			continue;
		}
		free(b);
	}
	a->head = keep;
	a->cur = a->end = NULL;
	if (keep != NULL) {
		keep->next = NULL;
		arena_use(a, keep, 0);
	}
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_block	*b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->cur = a->end = NULL;
	a->used = 0;
}
