/* SPDX-License-Identifier: MIT */
/*
 * Loading files and directories into one timeline.
 *
 * A directory means every *.yaml / *.yml / *.json file directly in it,
 * sorted by name (byte order).  Each file is read whole (a big one is
 * mapped instead), parsed by yamlio, and forgotten (its size and hash are
 * kept for change detection).  After all files: checks across files
 * (duplicate ids are errors, related ids that match no loaded event are
 * warnings), then the events are sorted.  A big file is parsed in
 * parallel parts when its layout allows (load_int.h says which of the
 * three files does what).  Bytes already in memory (a version from git)
 * load the same way through load_buffer.  The commands load through
 * cmd_load.h, which reports what this finds; nothing here prints.
 */
#ifndef TLV_LOAD_H
#define TLV_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct diag_list;
struct timeline;

/*
 * Load paths[0..n) into tl, run the checks across files and sort.  Returns
 * the number of files that could not be loaded at all.
 */
size_t	 load_paths(struct timeline *, char *const *paths, size_t n,
	    struct diag_list *);

/*
 * load_paths for a reload: a file that has errors now (a half-done edit,
 * conflict markers, gone) but loaded without any in before -- or was kept
 * stale there -- keeps before's events, marked stale (tl_file.stale); its
 * errors are in diags as usual.  When it loads cleanly again it is itself.
 */
size_t	 load_paths_keep(struct timeline *, char *const *paths, size_t n,
	    struct diag_list *, const struct timeline *before);

/*
 * Progress of a long load: fn(ctx, path, done, total, events) every
 * megabyte or so of a big file (bytes parsed so far and the file's size;
 * the events loaded so far in all, estimated while parts of the file are
 * parsed in parallel), and once with done == total when it is finished.
 * Called on the loading thread.  For a progress line or screen.
 */
struct load_progress {
	void	(*fn)(void *ctx, const char *path, size_t done, size_t total,
		    size_t events);
	void	*ctx;
};

/* load_paths, reporting progress (progress may be NULL). */
size_t	 load_paths_progress(struct timeline *, char *const *paths, size_t n,
	    struct diag_list *, const struct load_progress *);

/*
 * A quick first look at a big timeline file while it loads: only its top
 * and the events in about its first max bytes (cut where an event
 * starts), sorted.  tl must be empty; false (tl left empty) if the file is
 * not over twice max, its events are not a block list, or that start has
 * anything to report.  Nothing is checked across files.
 */
bool	 load_head(struct timeline *, const char *path, size_t max);

/* The timeline files directly in dir, as load_paths names them
 * ("DIR/NAME"), sorted: a malloc'd array of n malloc'd names; NULL (errno
 * set) if dir cannot be read. */
char	**load_dir_files(const char *dir, size_t *n);
/* Load one file (no cross-file checks, no sort); false if it failed. */
bool	 load_file(struct timeline *, const char *path, struct diag_list *);

/*
 * Bytes in memory (a version from git, a merge's result) as one file named
 * name, which tl is to hold alone: parsed as load_file parses a file (its
 * size and hash kept), then, if it could be parsed, checked as
 * load_check does; then sorted.
 * buf may be NULL when len is 0.  True if the bytes themselves loaded
 * without an error (load_check's errors, duplicate ids, are in diags
 * but do not count here).
 */
bool	 load_buffer(struct timeline *, const char *name, const char *buf,
	    size_t len, struct diag_list *);
/* load_buffer without the sort: the events stay in file order (tlv
 * merge-driver walks each version's events in it). */
bool	 load_buffer_unsorted(struct timeline *, const char *name,
	    const char *buf, size_t len, struct diag_list *);

/* Read a whole regular file (malloc'd, *len set); NULL with errno set:
 * EISDIR, EINVAL (not a regular file), EFBIG (over TL_MAX_FILE_SIZE). */
char	*load_read_file(const char *path, size_t *len);

/* The checks across files; call once after the last load_file(). */
void	 load_check(struct timeline *, struct diag_list *);

/* A fast 64-bit hash of bytes (FNV-1a over words); for change detection
 * and hash tables, not for security. */
uint64_t load_hash(const void *, size_t);

#endif
