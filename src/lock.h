/* SPDX-License-Identifier: MIT */
/*
 * Saves to one file are serialised between processes (SPEC section 7):
 * every tlv that writes a file holds an exclusive flock(2) on the
 * directory the file is in from the moment it reads the file to check it
 * until the directory is synced after the rename.
 *
 * Why the directory and not a lock file beside the target (git's
 * index.lock): a lock file has to be created, which a user who may write
 * the file but not its directory cannot do, and it stays behind in every
 * `ls -a` and `git status`.  The directory needs neither.  Its lock is
 * released by the kernel when the process dies, however it dies, so a
 * crash never leaves a stale lock.  It also covers the temporary files
 * tlv makes there: while the lock is held, a temporary file of another
 * process for the same target can only be from one that died.  Where a
 * file system refuses flock on a directory (NFS without local locks),
 * a lock file ".NAME.tlv-lock" beside the target is flock'd instead.
 */
#ifndef TLV_LOCK_H
#define TLV_LOCK_H

#include <stdbool.h>

/*
 * Who holds the lock that fd (the lock's directory or lock file) is
 * refused: "NAME (pid N)" from /proc/locks and /proc/N/comm, control
 * characters shown as '?' -- or NULL when /proc does not say (no /proc,
 * another pid namespace, the holder gone meanwhile).  Malloc'd.
 */
char	*lock_holder(int fd);

/* Told once when the wait passes a second (for a message); holder is
 * lock_holder's, or NULL. */
typedef void	(*lock_waiting_fn)(void *ctx, const char *path,
		    const char *holder);

/*
 * Lock the directory of path (a file, through symlinks to its real
 * place), waiting while another process holds it -- up to LOCK_TIMEOUT_S
 * seconds, then false with *err (malloc'd).  Returns the lock's
 * descriptor in *fd.
 */
#define LOCK_TIMEOUT_S	60

bool	 lock_take(const char *path, lock_waiting_fn, void *ctx, int *fd,
	    char **err);

/*
 * The same without waiting, for a caller that must go on meanwhile (the
 * viewer): LOCK_TAKEN with the descriptor in *fd; LOCK_BUSY when another
 * process holds it, with *holder (lock_holder's, may be NULL); LOCK_FAILED
 * with *err (malloc'd) when it cannot be locked at all.
 */
enum lock_try {
	LOCK_TAKEN,
	LOCK_BUSY,
	LOCK_FAILED
};

enum lock_try lock_try(const char *path, int *fd, char **holder,
	    char **err);

/* What to say while waiting ("PATH: waiting for HOLDER to release its save
 * lock..."), and when the wait gave up; malloc'd. */
char	*lock_waiting_text(const char *path, const char *holder);
char	*lock_timeout_text(const char *path, const char *holder);

/* Release a lock (fd -1: nothing). */
void	 lock_release(int fd);

#endif
