/* SPDX-License-Identifier: MIT */
/*
 * Saving a changed timeline file so that nothing is ever lost (SPEC
 * section 7, doc/tlv.1 SAVING):
 *
 *  0. a file this user may not write is refused (save_not_writable), and
 *     saves to one file are serialised by a lock on its directory
 *     (lock.h), held from step 1 to the end;
 *  1. the file on disk must still be what was loaded (same size and
 *     load_hash); if another program changed it, the change is planned
 *     again on the new bytes (save_change) or nothing is written;
 *  2. the new bytes must load without new errors (a safety net under the
 *     edit planner: a change that would break the file is refused) --
 *     checked on what changed, in its context (save_check, in
 *     save_check.c; save_int.h says which part does what);
 *  3. they go to a temporary file in the same directory
 *     (".NAME.tlv-PID-XXXXXX", PID the saving process's), which gets the
 *     original's extended attributes (its ACL among them), inode flags,
 *     owner and group and then mode, is checked and fsync'd and renamed
 *     over the original -- through a symlink, over its target -- and then
 *     the directory is fsync'd;
 *  3'. where the temporary file cannot be made the same (another user's
 *     file, an attribute only root may set), or the file has more than one
 *     link, the bytes are written in place instead, after a synced backup
 *     copy (".NAME.tlv-backup-XXXXXX") that is removed after.
 *
 * Any failure (ENOSPC, EACCES, EROFS, EIO, a short write) leaves the
 * original byte-identical and removes the temporary file.  No I/O error is
 * ever reported as success.
 */
#ifndef TLV_SAVE_H
#define TLV_SAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct edit;
struct timeline;
struct tl_file;

/*
 * What an undo needs: the bytes before a change and the hash after it.
 * Not the whole file where the change is in the items of an events list
 * (block or flow): then before is only the items around it (the one
 * before, those it touched and the one after), the bytes [base, base +
 * before_len) of the file before the change, and window is set
 * (edit_undo's window; flow, for a flow list's).
 */
struct save_undo {
	char		*path;
	char		*before;
	size_t		 before_len;
	size_t		 base;
	bool		 window;
	bool		 flow;		/* the window is of a flow list's */
	size_t		 after_len;
	uint64_t	 after_hash;
};

/*
 * The file f as it is on disk now (malloc'd, *len set), to plan an edit
 * on.  NULL with *err (malloc'd) if it cannot be read, or -- *stale set --
 * if it is no longer what was loaded.
 */
char	*save_read(const struct tl_file *f, size_t *len, bool *stale,
	    char **err);

/*
 * Apply ed to cur (from save_read, len bytes) and save the result,
 * checking the whole new file (save_check without a timeline).  cur is
 * consumed (freed); *undo, if not NULL, gets a copy on success.  On success f's size and hash describe the new contents.  On
 * failure returns false with *err (malloc'd); the file is unchanged.
 */
bool	 save_commit(struct tl_file *f, char *cur, size_t len,
	    const struct edit *ed, struct save_undo *undo, char **err);

/*
 * The safety net of step 2: whether the change ed to buf (the bytes f was
 * loaded from, f one of tl's files; tl may be NULL) loads without new
 * errors.  What the change touches is loaded in its context -- the items
 * of the events list (block or flow) from the one the splice begins in
 * to the next one it leaves alone -- and the rest is trusted to be what
 * was loaded (its hash says so), unless no such region can be told apart
 * (a file with errors, an anchor): then the whole new file is loaded
 * against the old.  A big event's quoted description that ends before
 * the splice is loaded as a shorter text (save_check.c says why that is
 * the same).  False with
 * *why (malloc'd) when it would break the file.
 */
bool	 save_check(const struct timeline *tl, const struct tl_file *f,
	    const char *buf, size_t len, const struct edit *ed, char **why);

/*
 * What save_check loads for ed: true with [*from, *to) the bytes of buf
 * (the items the change touches, ed applied between them), false when it
 * loads the whole new file.  For tests and the bench.
 */
bool	 save_check_scope(const struct timeline *tl, const struct tl_file *f,
	    const char *buf, size_t len, const struct edit *ed, size_t *from,
	    size_t *to);

/*
 * The one path for a change (SPEC section 7): lock the file's directory
 * (lock.h), read the file, plan the change on its bytes, commit, unlock.
 * If the file changed since it was loaded, reload (still under the lock)
 * finds the change's event again in the new bytes and returns the file it
 * is in now -- or NULL with *err if the change no longer applies; without
 * reload a changed file is an error.  So a second tlv saving the same file
 * waits for the first, then applies its change to what the first wrote.
 */
/*
 * Where a saved change went, for the viewer to change its loaded timeline
 * in place (apply.h) instead of loading the file again: the items
 * [r0, r1) of the old bytes (whole lines of a block list, from line
 * line0, with lines line breaks; in a flow list, from the '{' of the
 * first to the '}' of the last, r0 at character col of its line) held
 * the splice, and bytes (malloc'd, len of them: the caller frees them)
 * are what they are now.  items is false, and nothing else set, when no
 * such items could be told apart (a file with errors, a splice outside
 * the events list): the file is to be loaded again.
 */
struct save_where {
	bool		 items;
	size_t		 r0, r1;
	uint32_t	 line0, lines;
	uint32_t	 col;		/* flow: r0's, counted from 0 */
	char		*bytes;
	size_t		 len;
};

struct save_job {
	struct tl_file	 *file;
	bool		(*plan)(void *ctx, const char *buf, size_t len,
			    struct edit *, char **err);
	struct tl_file	*(*reload)(void *ctx, char **err);
	void		(*waiting)(void *ctx, const char *path,
			    const char *holder);	/* lock.h */
	void		 *ctx;
	const struct timeline *tl;	/* file is one of its files, or NULL:
					   then the whole new file is checked
					   (see save.c) */
	struct save_undo *undo;		/* filled on success, or NULL */
	struct edit	 *edit;		/* the splice made, on success (the
					   caller frees it), or NULL */
	struct save_where *where;	/* filled on success, or NULL */
	void		(*checked)(void *ctx);	/* or NULL: called when the
					   change is planned and checked,
					   before its bytes are written; the
					   caller may then drop tl's events
					   (timeline_drop_events), whose
					   memory the new file's pages take.
					   Not with where, which reads tl
					   after the write */
	bool		  locked;	/* the caller took the file's lock
					   (lock.h) already: lock_fd, which
					   save_start takes over (and
					   releases on failure) instead of
					   waiting for it there */
	int		  lock_fd;
	bool		  unhashed;	/* the new file's hash is not wanted
					   (a command that exits after the
					   save): it is not read back to be
					   hashed, and file's hash is 0 */
	bool		  late;		/* compare the file with what was
					   loaded (and look at its line
					   breaks) while the new bytes are
					   written, not before the plan: one
					   pass over the file, not two.  A
					   change on disk that kept its size
					   is then found only there: nothing
					   is written, save_pending_end says
					   stale, and save_change reloads
					   (with reload) and plans again,
					   the lock released meanwhile */
};

bool	 save_change(const struct save_job *, char **err);

/*
 * save_change in three parts, for a caller that does not wait for the
 * write (the viewer saves on a thread of its own):
 *
 * save_start, on the caller's thread, does what comes before the write --
 * the lock, the file read and compared with what was loaded (a reload if
 * it changed), the plan -- and returns the change still to write, or NULL
 * (with *err, which a reload that said why itself may leave NULL; the
 * lock is released).  The job's callbacks are not called after it.
 *
 * save_pending_run checks and writes it (steps 2 and 3), and may run on
 * another thread: it only reads job->tl and the file, so nothing may
 * change them until it is done (no reload, no other change to tl).
 *
 * save_pending_end, on the caller's thread again (after save_pending_run,
 * or it runs that first), gives the file its new size and hash, fills
 * job->undo, job->edit and job->where as save_change does, releases the
 * lock and frees the change: true if saved, else false with *err, and
 * *stale (if not NULL) set when the file was found changed on disk only
 * while it was written (job->late).
 */
struct save_pending;

struct save_pending *save_start(const struct save_job *, char **err);
const char	*save_pending_path(const struct save_pending *);
void		 save_pending_run(struct save_pending *);
bool		 save_pending_end(struct save_pending *, char **err,
		    bool *stale);

/*
 * Why path may not be written by this user (malloc'd), or NULL if it may:
 * no write permission ("FILE: not writable (mode 0444, owner alice); tlv
 * does not save files you may not write"), and for root a mode without
 * any write bit, as vim and emacs refuse; a read-only file system; an
 * immutable file.  save_change refuses such a file before it plans.
 */
char	*save_not_writable(const char *path);
bool	 save_writable(const char *path);	/* the same, without why */

void	 save_undo_free(struct save_undo *);

/* Write data to path (steps 3 and 3' of the list above); call with the
 * lock held if another tlv may save the file. */
bool	 save_atomic(const char *path, const char *data, size_t len,
	    char **err);

/* Remove temporary files that a crash left beside path: those of a
 * process that is gone, and any older than a minute (a save in progress
 * elsewhere is not disturbed).  A save does the same under its lock. */
void	 save_clean_stale(const char *path);

#endif
