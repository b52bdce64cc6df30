/* SPDX-License-Identifier: MIT */
/*
 * Running git as a child: an argument vector (posix_spawnp, never a
 * shell), its standard input from a buffer, its standard output into
 * one.  Plain C: no curses.  Used by tlv diff and by what changed since a
 * commit (changes.h: the viewer's marks, the changed: filter).
 */
#ifndef TLV_GIT_H
#define TLV_GIT_H

#include <stdbool.h>

struct buf;

/*
 * Run argv (argv[0] "git"; NULL-terminated) with input on its standard
 * input (NULL: none) and append its standard output to out; its errors go
 * to ours, or to /dev/null if quiet.  Input and output flow together, so
 * any size of either works.  Returns git's exit status, -1 if it could
 * not be run (errno says why) or was killed.
 */
int	 git_run(const char *const *argv, const struct buf *input,
	    struct buf *out, bool quiet);

/*
 * The file at path as committed at rev (git -C DIR show REV:./BASE) into
 * out (reset first); false if it is not there or git failed.
 */
bool	 git_show(const char *path, const char *rev, struct buf *out);

/* The directory of path ("." for a bare name) and its base name. */
void	 git_split(const char *path, char **dir, const char **base);

#endif
