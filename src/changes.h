/* SPDX-License-Identifier: MIT */
/*
 * What changed in the loaded files since a commit (SPEC section 11): the
 * viewer's marks, c/C and the query field changed:.  Plain C, no curses.
 *
 * In two steps, so that the slow one can run on a thread: changes_read()
 * asks git for each file's version at a revision (one 'git cat-file
 * --batch' per directory, an argument vector, never a shell; git.h) and
 * loads those versions -- it reads only the paths it is given;
 * changes_apply() then compares the loaded timeline with them
 * (storydiff_marks) and sets tl->changed.  A file that cannot be
 * compared (not in a git work tree, not tracked, no such revision, git
 * missing) gets no marks, and changes_why() says why.  A file tracked but
 * not yet in the revision is all new: every event added.  changes_stale()
 * tells when a commit or a checkout made the answer old.
 */
#ifndef TLV_CHANGES_H
#define TLV_CHANGES_H

#include <stdbool.h>
#include <stddef.h>

#include "storydiff.h"
#include "timeline.h"

enum changes_state {
	CHANGES_OK,		/* old holds its version at rev */
	CHANGES_NEW,		/* tracked, not in rev: all added */
	CHANGES_UNTRACKED,	/* in a work tree, not tracked by git */
	CHANGES_NO_REPO,	/* not in a git work tree */
	CHANGES_NO_REV,		/* rev is not a commit there */
	CHANGES_NO_GIT		/* git could not be run */
};

struct changes_file {
	char			*path;
	enum changes_state	 state;
	struct timeline		 old;	/* CHANGES_OK: its events, sorted */
};

/* A file of git's that says what HEAD is, as it was seen. */
struct changes_watch {
	char			*path;
	bool			 exists;
	unsigned long long	 dev, ino, size;
	long long		 sec;
	long			 nsec;
};

/* Owns everything; changes_free() releases it. */
struct changes {
	char			*rev;
	struct changes_file	*files;
	size_t			 nfiles;
	/* Each repository's HEAD, the branch it is on, packed-refs and
	 * index, seen before the versions were read: when one changes (a
	 * commit, a checkout), the answer is out of date. */
	struct changes_watch	*watch;
	size_t			 nwatch;
};

/* What changes_apply found: events changed, added, gone since rev, and
 * how many files could be compared. */
struct changes_count {
	size_t	changed, added, gone;
	size_t	files;
};

/* Read the versions at rev (NULL: HEAD) of the files at paths. */
void	 changes_read(struct changes *, char *const *paths, size_t n,
	    const char *rev);
/* The paths of tl's files, for changes_read (a malloc'd array of
 * malloc'd copies; changes_paths_free frees it). */
char	**changes_paths(const struct timeline *, size_t *n);
void	 changes_paths_free(char **, size_t n);
/* The files that load_paths will load for paths (a directory's timeline
 * files, named as it names them), in the same form: for changes_read to
 * start before the load. */
char	**changes_expand(char *const *paths, size_t n, size_t *nfiles);
/*
 * Set tl->changed from what changes_read found for tl's files (matched by
 * path) and count.  False, with tl->changed NULL, if no file of tl could
 * be compared.
 */
bool	 changes_apply(const struct changes *, struct timeline *,
	    struct changes_count *);
/* Why no file could be compared (malloc'd; one line, sanitised), or NULL
 * if one could. */
char	*changes_why(const struct changes *);
void	 changes_free(struct changes *);
/*
 * Whether one of the files watched (changes_read's c->watch) is not as it
 * was: appeared, went, or another inode, size or time.  A few stat calls,
 * no git: cheap enough for the viewer's idle tick.
 */
bool	 changes_stale(const struct changes_watch *, size_t n);
void	 changes_watch_free(struct changes_watch *, size_t n);

#endif
