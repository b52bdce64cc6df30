/* SPDX-License-Identifier: MIT */
/*
 * Bump allocator; see arena.h.  Blocks are chained newest first; a request
 * larger than a quarter of the block size gets a block of its own so that
 * big strings do not waste the tail of the current block.
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
	size_t			 used;
	max_align_t		 data[];
};

static struct arena_block *
arena_new_block(struct arena *a, size_t need)
{
	struct arena_block	*b;
	size_t			 size = need > ARENA_BLOCK / 4 ? need : ARENA_BLOCK;

	if (size > SIZE_MAX - sizeof *b)
		fatal("out of memory (arena request of %zu bytes)", need);
	b = xmalloc(sizeof *b + size);
	b->size = size;
	b->used = 0;
	if (size == ARENA_BLOCK || a->head == NULL) {
		b->next = a->head;
		a->head = b;
	} else {
		/* Oversized: keep the current block at the head for reuse. */
		b->next = a->head->next;
		a->head->next = b;
	}
	return b;
}

void *
arena_alloc(struct arena *a, size_t size, size_t align)
{
	struct arena_block	*b = a->head;
	size_t			 off;

	if (align == 0 || (align & (align - 1)) != 0)
		align = sizeof(max_align_t);
	if (size > SIZE_MAX - align)
		fatal("out of memory (arena request of %zu bytes)", size);
	if (b != NULL) {
		off = (b->used + align - 1) & ~(align - 1);
		if (off <= b->size && size <= b->size - off) {
			b->used = off + size;
			a->used += size;
			return (char *)b->data + off;
		}
	}
	b = arena_new_block(a, size + align);
	b->used = size;
	a->used += size;
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
	if (keep != NULL) {
		keep->next = NULL;
		keep->used = 0;
	}
	a->head = keep;
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
	a->used = 0;
}
