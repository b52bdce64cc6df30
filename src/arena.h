/* SPDX-License-Identifier: MIT */
/*
 * Bump allocator for strings and small arrays that live as long as the
 * timeline.  Memory comes in blocks; nothing is freed individually.
 * arena_free() releases everything; arena_reset() keeps the first block for
 * reuse (for per-event scratch work).  Pointers stay valid until then.
 */
#ifndef TLV_ARENA_H
#define TLV_ARENA_H

#include <stddef.h>
#include <stdint.h>

struct arena_block;

struct arena {
	struct arena_block	*head;
	char			*cur;	/* the head block's free bytes */
	char			*end;
	size_t			 used;	/* bytes handed out, for statistics */
};

#define ARENA_INIT { NULL, NULL, NULL, 0 }

/* size bytes aligned to align from the head block's free bytes; NULL if
 * they do not fit (or align is not a power of two). */
static inline void *
arena_take(struct arena *a, size_t size, size_t align)
{
	size_t	pad, room;
	char	*p;

	if (a->cur == NULL || align == 0 || (align & (align - 1)) != 0)
		return NULL;
	pad = (0 - (uintptr_t)a->cur) & (align - 1);
	room = (size_t)(a->end - a->cur);
	if (pad > room || size > room - pad)
		return NULL;
	p = a->cur + pad;
	a->cur = p + size;
	a->used += size;
	return p;
}

/* arena_alloc when arena_take cannot: align mended, a new block. */
void	*arena_alloc_block(struct arena *, size_t size, size_t align);

/* The common case in line: the bytes fit in the head block (this runs
 * for nearly every value of every event loaded). */
static inline void *
arena_alloc(struct arena *a, size_t size, size_t align)
{
	void	*p = arena_take(a, size, align);

	return p != NULL ? p : arena_alloc_block(a, size, align);
}

void	*arena_calloc(struct arena *, size_t n, size_t size, size_t align);
/* Copy len bytes and add a NUL. */
char	*arena_strndup(struct arena *, const char *, size_t len);
char	*arena_strdup(struct arena *, const char *);
/* Move every block of src into dst (src is left empty): what was
 * allocated in src now lives as long as dst. */
void	 arena_adopt(struct arena *dst, struct arena *src);
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

#endif
