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

struct arena_block;

struct arena {
	struct arena_block	*head;
	size_t			 used;	/* bytes handed out, for statistics */
};

#define ARENA_INIT { NULL, 0 }

void	*arena_alloc(struct arena *, size_t size, size_t align);
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
