/* SPDX-License-Identifier: MIT */
/*
 * Safe saves; see save.h.  The order of the steps is what makes a crash or
 * a full disk harmless: the original is only ever replaced by rename(2) of
 * a complete, fsync'd file, so at any instant the path names either the
 * old bytes or the new ones.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "edit.h"
#include "load.h"
#include "lock.h"
#include "save.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"

#define SAVE_TMP_TAG	".tlv-"

static bool
save_fail(char **err, const char *what, const char *path, int errnum)
{
	if (err != NULL)
		*err = xasprintf("%s %s: %s", what, path, strerror(errnum));
	return false;
}

/* The directory part of path ("." when there is none), malloc'd. */
static char *
save_dirname(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static const char *
save_basename(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/*
 * If name is one of our temporary files for a target whose base name
 * makes prefix (".NAME.tlv-"): true, with *pid the process that made it
 * (0 for the older ".NAME.tlv-XXXXXX" form, which carries none).
 */
static bool
save_tmp_name(const char *name, const char *prefix, long *pid)
{
	size_t		 n = strlen(prefix);
	const char	*p = name + n, *q;

	if (strncmp(name, prefix, n) != 0)
		return false;
	*pid = 0;
	if (strlen(p) == 6)
		return true;
	for (q = p; isdigit((unsigned char)*q); q++)
		*pid = *pid * 10 + (*q - '0');
	return q > p && q - p < 12 && *q == '-' && strlen(q + 1) == 6;
}

static bool
save_pid_gone(long pid)
{
	return pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) == -1 &&
	    errno == ESRCH;
}

/* Remove the temporary files for the target real (in dir) that are a
 * minute old, or (if dead) made by a process that is gone. */
static void
save_clean(const char *real, const char *dir, bool dead)
{
	char		*prefix, *p;
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	time_t		 now = time(NULL);
	long		 pid;

	prefix = xasprintf(".%s" SAVE_TMP_TAG, save_basename(real));
	if ((d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (!save_tmp_name(de->d_name, prefix, &pid))
				continue;
			p = xasprintf("%s/%s", dir, de->d_name);
			if (lstat(p, &st) == 0 && S_ISREG(st.st_mode) &&
			    ((dead && save_pid_gone(pid)) ||
			    now - st.st_mtime > 60))
				unlink(p);
			free(p);
		}
		closedir(d);
	}
	free(prefix);
}

/* Under the lock: a temporary file of a process that is gone can only be
 * what a crash left. */
static void
save_clean_dead(const char *real, const char *dir)
{
	save_clean(real, dir, true);
}

static bool
save_write_all(int fd, const char *data, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return false;
		}
		data += n;
		len -= (size_t)n;
	}
	return true;
}

static bool
save_sync_dir(const char *dir)
{
	int	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	bool	ok;

	if (fd == -1)
		return false;
	ok = fsync(fd) == 0 || errno == EINVAL;	/* some file systems */
	close(fd);
	return ok;
}

/* Write, sync and close the temporary file; keep the original's mode. */
static bool
save_fill(int fd, const struct stat *st, const char *data, size_t len)
{
	if (fchmod(fd, st->st_mode & 07777) == -1)
		return false;
	if (geteuid() == 0 && fchown(fd, st->st_uid, st->st_gid) == -1)
		return false;
	if (!save_write_all(fd, data, len) || fsync(fd) == -1)
		return false;
	return true;
}

bool
save_atomic(const char *path, const char *data, size_t len, char **err)
{
	char		 real[PATH_MAX], *dir, *tmp;
	struct stat	 st;
	int		 fd, saved;

	if (realpath(path, real) == NULL || stat(real, &st) == -1)
		return save_fail(err, "cannot save", path, errno);
	dir = save_dirname(real);
	save_clean_dead(real, dir);
	tmp = xasprintf("%s/.%s" SAVE_TMP_TAG "%ld-XXXXXX", dir,
	    save_basename(real), (long)getpid());
	if ((fd = mkstemp(tmp)) == -1) {
		saved = errno;
		free(tmp);
		free(dir);
		return save_fail(err, "cannot save (temporary file)", path,
		    saved);
	}
	if (!save_fill(fd, &st, data, len)) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp, real) == -1) {
		saved = errno;
		goto fail;
	}
	free(tmp);
	if (!save_sync_dir(dir)) {
		saved = errno;
		free(dir);
		return save_fail(err, "saved, but could not sync the directory "
		    "of", path, saved);
	}
	free(dir);
	return true;
fail:
	unlink(tmp);
	free(tmp);
	free(dir);
	return save_fail(err, "cannot save", path, saved);
}

void
save_clean_stale(const char *path)
{
	char	real[PATH_MAX], *dir;

	if (realpath(path, real) == NULL)
		return;
	dir = save_dirname(real);
	save_clean(real, dir, true);
	free(dir);
}

/* --- who may write ----------------------------------------------------- */

/* 0 if this user may write the file at path, else an errno; st set. */
static int
save_may_write(const char *path, struct stat *st)
{
	char	real[PATH_MAX];

	if (realpath(path, real) == NULL || stat(real, st) == -1)
		return 0;	/* the save says why */
	if (faccessat(AT_FDCWD, real, W_OK, AT_EACCESS) == 0) {
		/* root may write anything; vim and emacs still refuse a
		 * file that nobody is meant to write */
		if (geteuid() != 0 || (st->st_mode & 0222) != 0)
			return 0;
		return EACCES;
	}
	return errno == EROFS || errno == EPERM || errno == EACCES ? errno : 0;
}

bool
save_writable(const char *path)
{
	struct stat	st;

	return save_may_write(path, &st) == 0;
}

char *
save_not_writable(const char *path)
{
	char		 uid[32];
	struct stat	 st;
	struct passwd	*pw;
	const char	*owner;

	if ((errno = save_may_write(path, &st)) == 0)
		return NULL;
	if (errno == EROFS)
		return xasprintf("%s: on a read-only file system; nothing was "
		    "written", path);
	if (errno == EPERM)
		return xasprintf("%s: not writable (immutable or append-only); "
		    "nothing was written", path);
	if ((pw = getpwuid(st.st_uid)) != NULL)
		owner = pw->pw_name;
	else {
		snprintf(uid, sizeof uid, "%lu", (unsigned long)st.st_uid);
		owner = uid;
	}
	return xasprintf("%s: not writable (mode %04o, owner %s); tlv does not "
	    "save files you may not write", path,
	    (unsigned)(st.st_mode & 07777), owner);
}

/* --- change detection and the safety net -------------------------------- */

/* Read the file now; false (with *err, *stale) unless it is what was
 * loaded. */
static char *
save_read_unchanged(const char *path, size_t size, uint64_t hash,
    size_t *len, bool *stale, char **err)
{
	char	*cur = load_read_file(path, len);

	*stale = false;
	if (cur == NULL) {
		save_fail(err, "cannot read", path, errno);
		return NULL;
	}
	if (*len != size || load_hash(cur, *len) != hash) {
		*stale = true;
		if (err != NULL)
			*err = xasprintf("%s changed on disk since it was "
			    "loaded; reload it first (nothing was written)",
			    path);
		free(cur);
		return NULL;
	}
	return cur;
}

/* Errors when buf is loaded as path; SIZE_MAX if it does not parse.  The
 * first error message goes to *first (malloc'd) if not NULL. */
static size_t
save_count_errors(const char *path, const char *buf, size_t len,
    char **first)
{
	struct timeline		tl = TIMELINE_INIT;
	struct diag_list	diags = DIAG_LIST_INIT;
	uint32_t		fi = timeline_add_file(&tl, path);
	size_t			errors, i;

	errors = yamlio_load_buffer(&tl, fi, buf, len, &diags) ?
	    diags.errors : SIZE_MAX;
	for (i = 0; first != NULL && i < diags.n; i++)
		if (diags.v[i].severity == DIAG_ERROR) {
			*first = xasprintf("line %u: %s", diags.v[i].line,
			    diags.v[i].msg);
			break;
		}
	timeline_free(&tl);
	diag_free(&diags);
	return errors;
}

char *
save_read(const struct tl_file *f, size_t *len, bool *stale, char **err)
{
	char		*cur = save_read_unchanged(f->path, f->size, f->hash,
			    len, stale, err);
	const char	*odd = cur != NULL ? edit_odd_break(cur, *len) : NULL;

	if (odd == NULL)
		return cur;
	if (err != NULL)
		*err = xasprintf("%s uses %s line breaks; tlv edits only LF or "
		    "CRLF files", f->path, odd);
	free(cur);
	return NULL;
}

bool
save_commit(struct tl_file *f, char *cur, size_t len, const struct edit *ed,
    struct save_undo *undo, char **err)
{
	char	*next, *why = NULL;
	size_t	 nlen, before, after;

	if (ed->start > ed->end || ed->end > len) {
		free(cur);
		return save_fail(err, "internal error: an edit outside",
		    f->path, ERANGE);
	}
	next = edit_apply(cur, len, ed, &nlen);
	before = save_count_errors(f->path, cur, len, NULL);
	after = save_count_errors(f->path, next, nlen, &why);
	if (after == SIZE_MAX || (before != SIZE_MAX && after > before)) {
		if (err != NULL)
			*err = xasprintf("not saved: the change would break %s "
			    "(%s)", f->path, why != NULL ? why : "?");
		free(why);
		free(cur);
		free(next);
		return false;
	}
	free(why);
	if (!save_atomic(f->path, next, nlen, err)) {
		free(cur);
		free(next);
		return false;
	}
	f->size = nlen;
	f->hash = load_hash(next, nlen);
	if (undo != NULL) {
		undo->path = xstrdup(f->path);
		undo->before = cur;
		undo->before_len = len;
		undo->after_len = nlen;
		undo->after_hash = f->hash;
	} else
		free(cur);
	free(next);
	return true;
}

/* At most this many reloads under one lock (another program than tlv
 * may be writing the file meanwhile). */
#define SAVE_RELOADS	3

bool
save_change(const struct save_job *job, char **err)
{
	struct tl_file	*f = job->file;
	struct edit	 ed;
	char		*cur, *locked;
	size_t		 len;
	int		 fd, tries;
	bool		 stale, ok = false;

	if ((*err = save_not_writable(f->path)) != NULL ||
	    !lock_take(f->path, job->waiting, job->ctx, &fd, err))
		return false;
	locked = xstrdup(f->path);
	for (tries = 0; ; tries++) {
		memset(&ed, 0, sizeof ed);
		cur = save_read(f, &len, &stale, err);
		if (cur == NULL && stale && job->reload != NULL &&
		    tries < SAVE_RELOADS) {
			free(*err);
			*err = NULL;
			if ((f = job->reload(job->ctx, err)) == NULL)
				break;
			if (strcmp(f->path, locked) != 0) {
				/* The event is in another file now. */
				lock_release(fd);
				free(locked);
				locked = xstrdup(f->path);
				if (!lock_take(f->path, job->waiting,
				    job->ctx, &fd, err)) {
					free(locked);
					return false;
				}
			}
			continue;
		}
		if (cur == NULL)
			break;
		if (!job->plan(job->ctx, cur, len, &ed, err))
			free(cur);
		else
			ok = save_commit(f, cur, len, &ed, job->undo, err);
		if (ok && job->edit != NULL)
			*job->edit = ed;
		else
			edit_free(&ed);
		break;
	}
	lock_release(fd);
	free(locked);
	return ok;
}

bool
save_undo(const struct save_undo *u, bool *stale, char **err)
{
	char	*cur;
	size_t	 len;
	int	 fd;
	bool	 ok = false;

	*stale = false;
	if ((*err = save_not_writable(u->path)) != NULL ||
	    !lock_take(u->path, NULL, NULL, &fd, err))
		return false;
	if ((cur = save_read_unchanged(u->path, u->after_len, u->after_hash,
	    &len, stale, err)) != NULL) {
		free(cur);
		ok = save_atomic(u->path, u->before, u->before_len, err);
	}
	lock_release(fd);
	return ok;
}

void
save_undo_free(struct save_undo *u)
{
	free(u->path);
	free(u->before);
	memset(u, 0, sizeof *u);
}
