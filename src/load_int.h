/* SPDX-License-Identifier: MIT */
/*
 * Loading's insides, shared by its three files (and by save.c, for the
 * hasher, which hashes a file in pieces too; nothing else includes this
 * header).  From the bottom up:
 *
 *   load_read.c  a file's bytes: read whole, or mapped with the pages the
 *                parser is done with given back; the file's hash.
 *   load_par.c   a big file cut at its events and parsed in parallel;
 *                load_head, the quick look at a big file's start.
 *   load.c       files, directories, reloads and the checks across
 *                files (load.h).
 *
 * Each file calls only those above it in this list.
 */
#ifndef TLV_LOAD_INT_H
#define TLV_LOAD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct diag_list;
struct load_progress;
struct timeline;

/*
 * A file's hash, to notice a change on disk before a save.  Four lanes of
 * FNV-style mixing over 32-byte blocks, so that four multiplies are in
 * flight and hashing keeps up with memory; the bytes after the last whole
 * block go into the first lane one by one, and the lanes are folded at
 * the end.  A file can be fed in pieces: every piece but the last must be
 * a multiple of LOAD_HASH_BLOCK bytes.
 */
#define LOAD_HASH_BLOCK	32
#define LOAD_HASH_PRIME	1099511628211ULL

struct load_hasher {
	uint64_t	h[4];
};

void	 load_hash_start(struct load_hasher *, size_t len);
void	 load_hash_feed(struct load_hasher *, const unsigned char *,
	    size_t len);
uint64_t load_hash_end(const struct load_hasher *);

#define LOAD_MAP_MIN	((size_t)1 << 20)

struct load_map {
	const char			*base;
	size_t				 len;
	size_t				 dropped;	/* given back */
	const char			*path;
	const struct load_progress	*progress;
	const struct timeline		*tl;	/* for the events count */
	bool				 hashing;	/* hash what is
							   dropped */
	struct load_hasher		 hasher;
};

/* Map path into *m if it is a regular file of at least LOAD_MAP_MIN
 * bytes (m->hashing set: the pages given back are hashed). */
bool	 load_map(const char *path, struct load_map *m);
/* The parser's done callback for a mapping (ctx: the struct load_map):
 * gives pages back, hashing them first, and reports progress. */
void	 load_drop(void *ctx, size_t upto);
/* Hash the whole mapping (arg: the struct load_map); a thread's body. */
void	*load_hash_mapped(void *arg);

/* How many parsers or threads: $TLV_JOBS if set (1: no parallel
 * loading), else the processors online; at most 16. */
size_t	 load_jobs(void);

/* Parse the mapped file m as tl->files[fi] in parallel, if it is big and
 * its layout allows; true if that was done (*ok set as yamlio would),
 * false if the caller should parse it whole (nothing was changed then). */
bool	 load_parallel(struct timeline *, uint32_t fi, struct load_map *m,
	    struct diag_list *, bool *ok);

#endif
