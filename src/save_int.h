/* SPDX-License-Identifier: MIT */
/*
 * save.c's private parts (save.h is the contract).  save_check.c, below
 * save.c, is the safety net of step 2 -- "does the new file load to the
 * old model plus the change" -- and what follows from the same region:
 * the bytes an undo keeps and where a saved change went (struct
 * save_where).  save.c does the rest: the lock, the file mapped and
 * compared with what was loaded, the plan, the write, the pending save.
 * Nothing here is thread-bound: save_pending_run calls these on the
 * viewer's save thread, and they only read the timeline and the bytes.
 */
#ifndef TLV_SAVE_INT_H
#define TLV_SAVE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

struct edit;
struct save_undo;
struct save_where;
struct timeline;
struct tl_file;

/* Give back the pages wholly inside [p, p + n) of a private read-only
 * mapping of a file: they stay in the page cache, not in this process. */
static inline void
save_drop_pages(const char *p, size_t n)
{
	uintptr_t	pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t	a = ((uintptr_t)p + pg - 1) & ~(pg - 1);
	uintptr_t	b = ((uintptr_t)p + n) & ~(pg - 1);

	if (b > a)
		(void)madvise((void *)a, b - a, MADV_DONTNEED);
}

/* The bytes a change is planned on: the file mapped (private, read-only),
 * so that a big file is not copied into memory; only the pages a planner
 * or the check reads stay in the process. */
struct save_src {
	const char	*p;
	size_t		 len;
	void		*map;		/* to munmap, or NULL */
	int		 fd;		/* the mapped file, open; with map */
};

/* Give back the pages of [at, at + n) of s if it is mapped. */
static inline void
save_src_drop(const struct save_src *s, size_t at, size_t n)
{
	if (s->map != NULL)
		save_drop_pages(s->p + at, n);
}

/* What save_check_region found: the region loads (OK), it does not
 * (BAD, *why set), it brings an id another event has (TAKEN, *why set;
 * an error at the next load, not confirmed on the whole file), its new
 * text has a line break other than LF or CRLF (ODD, *why set: refused
 * too, as such a file is not edited), or no region can be told apart
 * (WHOLE: load the whole new file). */
enum save_check { SAVE_CHECK_OK, SAVE_CHECK_BAD, SAVE_CHECK_WHOLE,
    SAVE_CHECK_TAKEN, SAVE_CHECK_ODD };

/* Check the change ed to s (f one of tl's files, or tl NULL: WHOLE) by
 * loading the items it touches in their context. */
enum save_check save_check_region(const struct timeline *tl,
	    const struct tl_file *f, const struct save_src *s,
	    const struct edit *ed, char **why);

/* For tests: the YAML save_check_region loads for ed to buf (malloc'd,
 * *n bytes: the region under "events:", a big quoted description loaded
 * as a shorter text), or NULL when it loads the whole file. */
char	*save_check_text(const struct timeline *tl, const struct tl_file *f,
	    const char *buf, size_t len, const struct edit *ed, size_t *n);

/* The whole new file loaded against the old: true unless it has more
 * errors (*why: the first, malloc'd, or NULL) or an event the splice does
 * not touch is not as it was (*why says which).  The old is tl's events
 * of f when f is tl's and loaded clean (tl may be NULL), else s loaded
 * again. */
bool	 save_check_whole(const struct timeline *tl, const struct tl_file *f,
	    const struct save_src *s, const struct edit *ed, char **why);

/* What an undo of ed needs (save.h, struct save_undo): the items around
 * the change where they can be told apart, else the whole file; fills
 * all of *u but its path and what comes after the write. */
void	 save_undo_keep(const struct timeline *tl, const struct tl_file *f,
	    const struct save_src *s, const struct edit *ed,
	    struct save_undo *u);

/* Where the saved change ed to s went (save.h, struct save_where); gives
 * back the region's pages. */
void	 save_where_fill(const struct timeline *tl, const struct tl_file *f,
	    const struct save_src *s, const struct edit *ed,
	    struct save_where *w);

#endif
