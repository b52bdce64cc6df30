/* SPDX-License-Identifier: MIT */
/*
 * Safe saves; see save.h.  The order of the steps is what makes a crash or
 * a full disk harmless: the original is replaced by rename(2) of a
 * complete, fsync'd file, so at any instant the path names either the old
 * bytes or the new ones -- or, written in place, only after a synced copy
 * of the old bytes is beside it.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <pwd.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#ifdef HAVE_SYS_XATTR_H
#include <sys/xattr.h>
#endif
#ifdef HAVE_LINUX_FS_H
#include <linux/fs.h>
#endif
#include <time.h>
#include <unistd.h>

#include "edit.h"
#include "load.h"
#include "load_int.h"
#include "lock.h"
#include "save.h"
#include "save_int.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

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

/* --- the new bytes, in pieces ----------------------------------------------
 *
 * A save writes the bytes before the splice, its text and the bytes after
 * it from the file (struct save_src below), a chunk at a time, hashing
 * them as it goes: the new file is never whole in memory.  A pass over
 * the file reads it with pread() into one chunk's buffer rather than
 * through the mapping: write() from pages of a mapping not yet faulted in
 * copies short and goes again, and at 1M events that took 1.3 to 3 s
 * where the reads take 0.2 (the mapping is for the planners and the
 * check, which read little of it).
 */

#define SAVE_CHUNK	((size_t)1 << 20)
#define SAVE_OVER	4	/* bytes read past a chunk: a line break may
				   straddle its end (CR LF, or U+2028) */

struct save_part {
	const char		*p;
	size_t			 n;
	const struct save_src	*src;	/* the old bytes p are at off in it */
	size_t			 off;
};

/* The bytes [at, at + n) of s and up to SAVE_OVER after them (*avail:
 * how many in all): read into buf (SAVE_CHUNK + SAVE_OVER bytes) from a
 * mapped file, else, or if the read falls short, the bytes in memory. */
static const char *
save_src_read(const struct save_src *s, size_t at, size_t n, char *buf,
    size_t *avail)
{
	size_t	want = s->len - at < n + SAVE_OVER ? s->len - at :
		    n + SAVE_OVER, got = 0;
	ssize_t	r;

	*avail = want;
	if (s->map == NULL || buf == NULL || n > SAVE_CHUNK)
		return s->p + at;
	while (got < want) {
		r = pread(s->fd, buf + got, want - got, (off_t)(at + got));
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return s->p + at;
		got += (size_t)r;
	}
	return buf;
}

/* load_hash over pieces of any length. */
struct save_hash {
	struct load_hasher	h;
	unsigned char		pend[LOAD_HASH_BLOCK];
	size_t			npend;
};

static void
save_hash_feed(struct save_hash *s, const char *p, size_t n)
{
	size_t	k, whole;

	if (s->npend > 0) {
		k = LOAD_HASH_BLOCK - s->npend < n ? LOAD_HASH_BLOCK - s->npend :
		    n;
		memcpy(s->pend + s->npend, p, k);
		s->npend += k;
		p += k;
		n -= k;
		if (s->npend < LOAD_HASH_BLOCK)
			return;
		load_hash_feed(&s->h, s->pend, LOAD_HASH_BLOCK);
		s->npend = 0;
	}
	whole = n - n % LOAD_HASH_BLOCK;
	load_hash_feed(&s->h, (const unsigned char *)p, whole);
	memcpy(s->pend, p + whole, n - whole);
	s->npend = n - whole;
}

/*
 * The old bytes checked while the new ones are written (save_job's late):
 * hashed, to be the bytes that were loaded, and looked at for line breaks
 * the planners do not know, in one pass of their own (save_write_parts).
 */
struct save_verify {
	const struct save_src *src;	/* the old bytes */
	size_t		 len;
	_Atomic size_t	 done;		/* how many are checked so far */
	uint64_t	 want;		/* their hash when they were loaded */
	struct save_hash h;
	const char	*odd;		/* text_odd_break's, or NULL */
	bool		 stale;		/* they are not what was loaded */
};

/* The old bytes q[0..n) (avail of them there, the ones after), in order. */
static void
save_verify_feed(struct save_verify *vf, const char *q, size_t n,
    size_t avail)
{
	size_t		 w = avail < n + 3 ? avail : n + 3;
	const char	*o;

	save_hash_feed(&vf->h, q, n);
	/* a break may straddle the piece's end */
	if (w < avail && w > 0 && q[w - 1] == '\r')
		w++;
	if (vf->odd == NULL && (o = text_odd_break(q, w)) != NULL)
		vf->odd = o;
}

/* The old bytes [from, to), in order, a chunk at a time through buf (or
 * the mapping, whose pages are given back as it goes). */
static void
save_verify_range(struct save_verify *vf, size_t from, size_t to, char *buf)
{
	const char	*q;
	size_t		 n, avail;

	for (; from < to; from += n) {
		n = to - from < SAVE_CHUNK ? to - from : SAVE_CHUNK;
		q = save_src_read(vf->src, from, n, buf, &avail);
		save_verify_feed(vf, q, n, avail);
		if (q != buf)
			save_src_drop(vf->src, from, avail);
		atomic_store_explicit(&vf->done, from + n,
		    memory_order_release);
	}
}

/* The hash of all the old bytes fed. */
static uint64_t
save_verify_hash(struct save_verify *vf)
{
	load_hash_feed(&vf->h.h, vf->h.pend, vf->h.npend);
	vf->h.npend = 0;
	return load_hash_end(&vf->h.h);
}

/* All fed: whether the old bytes are what was loaded, with only LF and
 * CRLF breaks (else errno ESTALE). */
static bool
save_verify_end(struct save_verify *vf)
{
	vf->stale = save_verify_hash(vf) != vf->want;
	if (vf->stale || vf->odd != NULL) {
		errno = ESTALE;
		return false;
	}
	return true;
}

static void
save_verify_start(struct save_verify *vf)
{
	memset(&vf->h, 0, sizeof vf->h);
	load_hash_start(&vf->h.h, vf->len);
	atomic_store(&vf->done, 0);
	vf->odd = NULL;
	vf->stale = false;
}

static size_t
save_parts_len(const struct save_part *v, size_t n)
{
	size_t	len = 0, i;

	for (i = 0; i < n; i++)
		len += v[i].n;
	return len;
}

/*
 * The old bytes [off, off + k) of src copied to fd, at pos (fd's offset),
 * by copy_file_range(), which keeps them in the kernel: at 1M events that
 * takes 0.25 s where write() takes 0.2 to 1.5 (the page cache's new pages
 * filled from a user buffer).  What was written is read back into back,
 * unless NULL, to be hashed.  False, with fd's offset at pos, if it could
 * not be done: the caller writes them.
 */
static bool
save_copy_chunk(int fd, off_t pos, const struct save_src *src, size_t off,
    size_t k, char *back)
{
#ifdef HAVE_COPY_FILE_RANGE
	off_t	in = (off_t)off;
	size_t	done = 0;
	ssize_t	r;

	if (src->map == NULL || k > SAVE_CHUNK)
		return false;
	while (done < k) {
		r = copy_file_range(src->fd, &in, fd, NULL, k - done, 0);
		if (r == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			goto undo;
		done += (size_t)r;
	}
	if (back == NULL || pread(fd, back, k, pos) == (ssize_t)k)
		return true;
undo:
	(void)lseek(fd, pos, SEEK_SET);
	return false;
#else
	(void)fd, (void)pos, (void)src, (void)off, (void)k, (void)back;
	return false;
#endif
}

/*
 * The old file's pages before upto, from *dropped, given back to the
 * kernel (posix_fadvise) once the writer and the check are past them: the
 * file is being replaced, and its pages are the ones the new file's take
 * at once -- pages the kernel has not used for a while cost this VM 3-8x
 * as much to fill (its host takes back what the guest frees).  The pages
 * that stay mapped are left alone.
 */
static void
save_src_evict(const struct save_src *src, size_t *dropped, size_t upto)
{
#ifdef POSIX_FADV_DONTNEED
	if (src->map == NULL || upto < *dropped + 4 * SAVE_CHUNK)
		return;
	(void)posix_fadvise(src->fd, (off_t)*dropped,
	    (off_t)(upto - *dropped), POSIX_FADV_DONTNEED);
	*dropped = upto;
#else
	(void)src, (void)dropped, (void)upto;
#endif
}

/* The old bytes checked on a thread of their own (save_write_parts). */
static void *
save_verify_run(void *arg)
{
	struct save_verify	*vf = arg;
	char			*buf = xmalloc(SAVE_CHUNK + SAVE_OVER);

	save_verify_range(vf, 0, vf->len, buf);
	free(buf);
	return NULL;
}

/* Write the pieces to fd, their hash (load_hash of them all) to *hash
 * unless NULL; with vf, check the old bytes too -- on a thread of their
 * own when they are a file's, the other core's work while this one
 * writes. */
static bool
save_write_parts(int fd, const struct save_part *v, size_t n, uint64_t *hash,
    struct save_verify *vf)
{
	struct save_hash	 h;
	const char		*q;
	char			*buf = xmalloc(SAVE_CHUNK + SAVE_OVER);
	size_t			 i, at, k, avail, dropped = 0, checked;
	off_t			 pos = 0;
	pthread_t		 t;
	bool			 copy = true, apart = false, ok = true;

	memset(&h, 0, sizeof h);
	load_hash_start(&h.h, save_parts_len(v, n));
	if (vf != NULL) {
		save_verify_start(vf);
		apart = vf->src->map != NULL &&
		    pthread_create(&t, NULL, save_verify_run, vf) == 0;
		if (!apart)
			save_verify_range(vf, 0, vf->len, buf);
	}
	for (i = 0; ok && i < n; i++)
		for (at = 0; ok && at < v[i].n; at += k, pos += (off_t)k) {
			k = v[i].n - at < SAVE_CHUNK ? v[i].n - at : SAVE_CHUNK;
			q = NULL;
			if (v[i].src != NULL && copy) {
				if (save_copy_chunk(fd, pos, v[i].src,
				    v[i].off + at, k, hash != NULL ? buf :
				    NULL))
					q = buf;
				else
					copy = false;	/* write the rest */
			}
			if (q == NULL) {
				q = v[i].src != NULL ? save_src_read(v[i].src,
				    v[i].off + at, k, buf, &avail) :
				    v[i].p + at;
				ok = save_write_all(fd, q, k);
			}
			if (hash != NULL)
				save_hash_feed(&h, q, k);
			if (v[i].src == NULL)
				continue;
			if (q != buf)
				save_src_drop(v[i].src, v[i].off + at, k);
			checked = vf != NULL ? atomic_load_explicit(&vf->done,
			    memory_order_acquire) : SIZE_MAX;
			save_src_evict(v[i].src, &dropped, v[i].off + at + k <
			    checked ? v[i].off + at + k : checked);
		}
	if (apart)
		pthread_join(t, NULL);
	free(buf);
	if (!ok)
		return false;
	if (hash != NULL) {
		load_hash_feed(&h.h, h.pend, h.npend);
		*hash = load_hash_end(&h.h);
	}
	return vf == NULL || save_verify_end(vf);
}

/* The pieces as one buffer (malloc'd), for a write in place, which must
 * not read the file it overwrites. */
static char *
save_parts_join(const struct save_part *v, size_t n, size_t *len)
{
	char	*b;
	size_t	 i, at = 0;

	*len = save_parts_len(v, n);
	b = xmalloc(*len + 1);
	for (i = 0; i < n; i++) {
		memcpy(b + at, v[i].p, v[i].n);
		at += v[i].n;
	}
	b[at] = '\0';
	return b;
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

/* --- the file's metadata -------------------------------------------------
 *
 * A save by rename makes a new inode, so everything about the old one that
 * is not its bytes has to be given to the temporary file before the
 * rename: owner and group (fchown, before fchmod, which would otherwise
 * clear set-user-ID and set-group-ID), every extended attribute -- which
 * includes the ACL (system.posix_acl_access) -- and the inode flags a
 * user may set (chattr +d, +A, +S, +c, +C).  Then it is checked.  What
 * cannot be copied (another user's file: its owner; an attribute in a
 * namespace only root may write) makes the save write in place instead,
 * as vim's backupcopy=auto does, and so does a file with more than one
 * link (a rename would leave the other names with the old bytes).
 */

#define SAVE_BACKUP_TAG	".tlv-backup-"

#ifdef HAVE_LINUX_FS_H
/* The flags a file's owner may set and a new file should carry. */
#define SAVE_FLAGS	(FS_NODUMP_FL | FS_NOATIME_FL | FS_SYNC_FL | \
			    FS_COMPR_FL | FS_NOCOMP_FL | FS_NOCOW_FL)
#endif

/* Give fd (a new, empty file) the inode flags of ofd; false if they
 * differ and cannot be set. */
static bool
save_copy_flags(int ofd, int fd)
{
#ifdef HAVE_LINUX_FS_H
	int	have = 0, want = 0;

	if (ioctl(ofd, FS_IOC_GETFLAGS, &want) == -1)
		return true;	/* no flags here */
	if (ioctl(fd, FS_IOC_GETFLAGS, &have) == -1)
		return (want & SAVE_FLAGS) == 0;
	want = (have & ~SAVE_FLAGS) | (want & SAVE_FLAGS);
	return want == have || ioctl(fd, FS_IOC_SETFLAGS, &want) == 0;
#else
	(void)ofd;
	(void)fd;
	return true;
#endif
}

#ifdef HAVE_SYS_XATTR_H
/* The names of fd's extended attributes (a list of NUL-terminated
 * names, malloc'd, *n its size); NULL if there are none or none can be
 * listed. */
static char *
save_xattr_names(int fd, ssize_t *n)
{
	char	*names = NULL;

	for (;;) {
		if ((*n = flistxattr(fd, NULL, 0)) <= 0)
			return NULL;
		names = xmalloc((size_t)*n);
		if ((*n = flistxattr(fd, names, (size_t)*n)) >= 0)
			return names;
		free(names);
		if (errno != ERANGE)	/* else it grew: again */
			return NULL;
	}
}

/* Whether fd has the attribute name with the value v[0..n). */
static bool
save_xattr_same(int fd, const char *name, const char *v, ssize_t n)
{
	char	*cur = xmalloc((size_t)n + 1);
	bool	 same;

	same = fgetxattr(fd, name, cur, (size_t)n + 1) == n &&
	    memcmp(cur, v, (size_t)n) == 0;
	free(cur);
	return same;
}
#endif

/* Give fd every extended attribute of ofd, and remove the ACL the
 * directory's default may have given it if ofd has none; false if one
 * cannot be copied. */
static bool
save_copy_xattrs(int ofd, int fd)
{
#ifdef HAVE_SYS_XATTR_H
	static const char	 acl[] = "system.posix_acl_access";
	char			*names, *name, *v;
	ssize_t			 n, vn;
	bool			 ok = true, has_acl = false;

	names = save_xattr_names(ofd, &n);
	for (name = names; ok && names != NULL && name < names + n;
	    name += strlen(name) + 1) {
		has_acl |= strcmp(name, acl) == 0;
		if ((vn = fgetxattr(ofd, name, NULL, 0)) < 0)
			continue;	/* gone meanwhile */
		v = xmalloc((size_t)vn + 1);
		if ((vn = fgetxattr(ofd, name, v, (size_t)vn)) >= 0 &&
		    fsetxattr(fd, name, v, (size_t)vn, 0) == -1 &&
		    !save_xattr_same(fd, name, v, vn))
			ok = false;
		free(v);
	}
	free(names);
	if (ok && !has_acl && fremovexattr(fd, acl) == -1 && errno != ENODATA &&
	    errno != ENOTSUP)
		ok = false;
	return ok;
#else
	(void)ofd;
	(void)fd;
	return true;
#endif
}

/*
 * Make the temporary file fd what the original (ofd, st) is apart from its
 * bytes, after they are written (a write clears the set-ID bits and
 * security.capability).  False with errno set on an error; false with
 * *in_place set if it cannot be made so (the save then writes in place).
 */
static bool
save_metadata(int ofd, int fd, const struct stat *st, bool *in_place)
{
	struct stat	now;

	*in_place = false;
	if (fchown(fd, st->st_uid, st->st_gid) == -1 &&
	    fchown(fd, (uid_t)-1, st->st_gid) == -1 && errno != EPERM)
		return false;
	if (!save_copy_xattrs(ofd, fd)) {
		*in_place = true;
		return false;
	}
	if (fchmod(fd, st->st_mode & 07777) == -1 || fstat(fd, &now) == -1)
		return false;
	if (now.st_uid != st->st_uid || now.st_gid != st->st_gid ||
	    (now.st_mode & 07777) != (st->st_mode & 07777)) {
		*in_place = true;
		return false;
	}
	return true;
}

/* Copy the bytes of ofd (from its start) to fd. */
static bool
save_copy_bytes(int ofd, int fd)
{
	char	b[65536];
	ssize_t	n;
	off_t	at = 0;

	for (;;) {
		n = pread(ofd, b, sizeof b, at);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1)
			return false;
		if (n == 0)
			return true;
		if (!save_write_all(fd, b, (size_t)n))
			return false;
		at += n;
	}
}

/* Write data over the file open as wfd, from its start, and cut it
 * there. */
static bool
save_overwrite(int wfd, const char *data, size_t len)
{
	return lseek(wfd, 0, SEEK_SET) == 0 && save_write_all(wfd, data, len) &&
	    ftruncate(wfd, (off_t)len) == 0 && fsync(wfd) == 0;
}

/*
 * Write data over the original in place: first a synced copy of it as
 * ".NAME.tlv-backup-XXXXXX" (so that a crash in the middle leaves the old
 * bytes there, and tlv says where), then the new bytes; the copy is
 * removed after.  If the write fails, the old bytes are put back.
 */
static bool
save_in_place(const char *real, const char *dir, int ofd,
    const struct stat *st, const char *data, size_t len, char **err,
    const char *path)
{
	char	*bak;
	int	 bfd, wfd, saved;

	bak = xasprintf("%s/.%s" SAVE_BACKUP_TAG "XXXXXX", dir,
	    save_basename(real));
	if ((bfd = mkstemp(bak)) == -1) {
		saved = errno;
		free(bak);
		return save_fail(err, "cannot save (backup copy)", path, saved);
	}
	/* The copy may be read by whoever may read the file. */
	if (fchown(bfd, (uid_t)-1, st->st_gid) == 0)
		(void)fchmod(bfd, st->st_mode & 0660);
	if (!save_copy_bytes(ofd, bfd) || fsync(bfd) == -1 ||
	    close(bfd) == -1 || !save_sync_dir(dir)) {
		saved = errno;
		unlink(bak);
		free(bak);
		return save_fail(err, "cannot save (backup copy)", path, saved);
	}
	if ((wfd = open(real, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		saved = errno;
		unlink(bak);
		free(bak);
		return save_fail(err, "cannot save", path, saved);
	}
	if (!save_overwrite(wfd, data, len)) {
		saved = errno;
		/* Put the old bytes back from the copy. */
		bfd = open(bak, O_RDONLY | O_CLOEXEC);
		if (bfd != -1 && lseek(wfd, 0, SEEK_SET) == 0 &&
		    save_copy_bytes(bfd, wfd) &&
		    ftruncate(wfd, st->st_size) == 0 && fsync(wfd) == 0) {
			unlink(bak);
			save_fail(err, "cannot save", path, saved);
		} else if (err != NULL)
			*err = xasprintf("cannot save %s: %s; the file as it "
			    "was is in %s", path, strerror(saved), bak);
		if (bfd != -1)
			close(bfd);
		close(wfd);
		free(bak);
		return false;
	}
	close(wfd);
	unlink(bak);
	free(bak);
	if (!save_sync_dir(dir))
		return save_fail(err, "saved, but could not sync the directory "
		    "of", path, errno);
	return true;
}

/*
 * A backup copy beside real (in dir) that an interrupted in-place save
 * left: its name (malloc'd), else NULL.  Under the lock no other save is
 * writing one, so any there is from a save that died.
 */
static char *
save_left_backup(const char *real, const char *dir)
{
	char		*prefix, *found = NULL;
	DIR		*d;
	struct dirent	*de;

	prefix = xasprintf(".%s" SAVE_BACKUP_TAG, save_basename(real));
	if ((d = opendir(dir)) != NULL) {
		while (found == NULL && (de = readdir(d)) != NULL)
			if (strncmp(de->d_name, prefix, strlen(prefix)) == 0 &&
			    strlen(de->d_name) == strlen(prefix) + 6)
				found = xasprintf("%s/%s", dir, de->d_name);
		closedir(d);
	}
	free(prefix);
	return found;
}

/* save_in_place with the pieces joined. */
static bool
save_in_place_parts(const char *real, const char *dir, int ofd,
    const struct stat *st, const struct save_part *v, size_t n,
    uint64_t *hash, char **err, const char *path, struct save_verify *vf)
{
	size_t	 len;
	char	*data;
	bool	 ok;

	if (vf != NULL) {
		save_verify_start(vf);
		save_verify_range(vf, 0, vf->len, NULL);
		if (!save_verify_end(vf))
			return save_fail(err, "cannot save", path, errno);
	}
	data = save_parts_join(v, n, &len);
	if (hash != NULL)
		*hash = load_hash(data, len);
	ok = save_in_place(real, dir, ofd, st, data, len, err, path);
	free(data);
	return ok;
}

/* Write the pieces v[0..n) to path (steps 3 and 3' of save.h), their
 * load_hash to *hash unless NULL. */
static bool
save_write_new(const char *path, const struct save_part *v, size_t n,
    uint64_t *hash, char **err, struct save_verify *vf)
{
	char		 real[PATH_MAX], *dir, *tmp;
	struct stat	 st;
	int		 fd, ofd, saved;
	bool		 in_place = false, ok;

	if (realpath(path, real) == NULL ||
	    (ofd = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return save_fail(err, "cannot save", path, errno);
	if (fstat(ofd, &st) == -1) {
		saved = errno;
		close(ofd);
		return save_fail(err, "cannot save", path, saved);
	}
	dir = save_dirname(real);
	save_clean_dead(real, dir);
	if ((tmp = save_left_backup(real, dir)) != NULL) {
		/* The file may be half-written: the user decides. */
		if (err != NULL)
			*err = xasprintf("%s: an earlier save was interrupted "
			    "while writing it in place; the file as it was is "
			    "in %s -- compare the two, keep the right one and "
			    "remove the copy (nothing was written)", path, tmp);
		free(tmp);
		ok = false;
		goto out;
	}
	if (st.st_nlink > 1) {
		/* Other names: they must see the new bytes too. */
		ok = save_in_place_parts(real, dir, ofd, &st, v, n, hash, err,
		    path, vf);
		goto out;
	}
	tmp = xasprintf("%s/.%s" SAVE_TMP_TAG "%ld-XXXXXX", dir,
	    save_basename(real), (long)getpid());
	if ((fd = mkstemp(tmp)) == -1) {
		saved = errno;
		free(tmp);
		ok = save_fail(err, "cannot save (temporary file)", path, saved);
		goto out;
	}
	in_place = !save_copy_flags(ofd, fd);	/* before the bytes (+C) */
	if (in_place || !save_write_parts(fd, v, n, hash, vf) ||
	    !save_metadata(ofd, fd, &st, &in_place) || fsync(fd) == -1) {
		saved = errno;
		close(fd);
		unlink(tmp);
		free(tmp);
		if (in_place)
			ok = save_in_place_parts(real, dir, ofd, &st, v, n,
			    hash, err, path, vf);
		else
			ok = save_fail(err, "cannot save", path, saved);
		goto out;
	}
	if (close(fd) == -1 || rename(tmp, real) == -1) {
		saved = errno;
		unlink(tmp);
		free(tmp);
		ok = save_fail(err, "cannot save", path, saved);
		goto out;
	}
	free(tmp);
	ok = save_sync_dir(dir) || save_fail(err, "saved, but could not sync "
	    "the directory of", path, errno);
out:
	close(ofd);
	free(dir);
	return ok;
}

bool
save_atomic(const char *path, const char *data, size_t len, char **err)
{
	struct save_part	v = { data, len, NULL, 0 };
	uint64_t		hash;

	return save_write_new(path, &v, 1, &hash, err, NULL);
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
			    "loaded (nothing was written)", path);
		free(cur);
		return NULL;
	}
	return cur;
}

char *
save_read(const struct tl_file *f, size_t *len, bool *stale, char **err)
{
	char		*cur = save_read_unchanged(f->path, f->size, f->hash,
			    len, stale, err);
	const char	*odd = cur != NULL ? text_odd_break(cur, *len) : NULL;

	if (odd == NULL)
		return cur;
	if (err != NULL)
		*err = xasprintf("%s uses %s line breaks; tlv edits only LF or "
		    "CRLF files", f->path, odd);
	free(cur);
	return NULL;
}

static void
save_src_free(struct save_src *s)
{
	if (s->map != NULL) {
		munmap(s->map, s->len);
		close(s->fd);
	}
	memset(s, 0, sizeof *s);
}

/* Hash src and look for line breaks the planners do not know, a chunk at
 * a time: the pass of save_verify on its own. */
static const char *
save_src_scan(const struct save_src *s, uint64_t *hash)
{
	struct save_verify	 vf;
	char			*buf = s->map != NULL ?
				    xmalloc(SAVE_CHUNK + SAVE_OVER) : NULL;

	memset(&vf, 0, sizeof vf);
	vf.src = s;
	vf.len = s->len;
	save_verify_start(&vf);
	save_verify_range(&vf, 0, s->len, buf);
	free(buf);
	*hash = save_verify_hash(&vf);
	return vf.odd;
}

/* The file f as it is on disk, mapped into *s; false (with *err, *stale)
 * unless it is what was loaded and has only LF or CRLF line breaks --
 * without scan, only unless it has the size it had (the rest is checked
 * as it is written: save_verify). */
static bool
save_map(const struct tl_file *f, struct save_src *s, bool *stale,
    char **err, bool scan)
{
	struct stat	 st;
	const char	*odd;
	uint64_t	 hash;
	int		 fd, saved;

	memset(s, 0, sizeof *s);
	s->p = "";
	*stale = false;
	if ((fd = open(f->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return save_fail(err, "cannot read", f->path, errno);
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		saved = S_ISREG(st.st_mode) ? errno : EINVAL;
		close(fd);
		return save_fail(err, "cannot read", f->path, saved);
	}
	if ((uint64_t)st.st_size == f->size && f->size > 0) {
		s->map = mmap(NULL, f->size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (s->map == MAP_FAILED) {
			saved = errno;
			s->map = NULL;
			close(fd);
			return save_fail(err, "cannot read", f->path, saved);
		}
		s->p = s->map;
		s->len = f->size;
		s->fd = fd;	/* for save_src_read */
	} else
		close(fd);
	odd = NULL;
	hash = f->hash;
	if (scan)
		odd = save_src_scan(s, &hash);
	if ((uint64_t)st.st_size != f->size || hash != f->hash) {
		*stale = true;
		if (err != NULL)
			*err = xasprintf("%s changed on disk since it was "
			    "loaded (nothing was written)", f->path);
	} else if (odd != NULL && err != NULL)
		*err = xasprintf("%s uses %s line breaks; tlv edits only LF or "
		    "CRLF files", f->path, odd);
	if (*stale || odd != NULL) {
		save_src_free(s);
		return false;
	}
	return true;
}

/* The check of step 2 for ed on s: true if it may be written, else false
 * with *err.  A refusal is confirmed on the whole file: the file's top
 * (its markup, say) may make the items mean what they alone do not.  With
 * stale (save_job's late) the bytes were not yet compared with what was
 * loaded, so a refusal first looks whether they are why. */
static bool
save_commit_check(const struct tl_file *f, const struct timeline *tl,
    const struct save_src *s, const struct edit *ed, char **err, bool *stale)
{
	char		*why = NULL;
	enum save_check	 c;
	uint64_t	 h;
	const char	*odd;

	if ((c = save_check_region(tl, f, s, ed, &why)) != SAVE_CHECK_OK &&
	    c != SAVE_CHECK_TAKEN && c != SAVE_CHECK_ODD) {
		free(why);
		why = NULL;
		c = save_check_whole(tl, f, s, ed, &why) ? SAVE_CHECK_OK :
		    SAVE_CHECK_BAD;
	}
	if (c == SAVE_CHECK_OK) {
		free(why);
		return true;
	}
	if (stale != NULL) {
		odd = save_src_scan(s, &h);
		if (h != f->hash || odd != NULL) {
			free(why);
			*stale = h != f->hash;
			if (err != NULL)
				*err = *stale ? xasprintf("%s changed on disk "
				    "since it was loaded (nothing was written)",
				    f->path) : xasprintf("%s uses %s line "
				    "breaks; tlv edits only LF or CRLF files",
				    f->path, odd);
			return false;
		}
	}
	if (err != NULL)
		*err = xasprintf("not saved: the change would break %s (%s)",
		    f->path, why != NULL ? why : "?");
	free(why);
	return false;
}

/* Check ed on s and save the result (see save.h, save_commit): the new
 * file's size and hash to *nlen, *hash.  f and tl are only read (this
 * runs on the viewer's save thread), and tl not at all after job's
 * checked (job may be NULL). */
static bool
save_commit_src(const struct tl_file *f, const struct timeline *tl,
    const struct save_src *s, const struct edit *ed, struct save_undo *undo,
    size_t *nlenp, uint64_t *hashp, char **err, bool *stale,
    const struct save_job *job)
{
	struct save_verify	 vf, *vfp = NULL;
	struct save_part	 v[3];
	uint64_t		 hash = 0;	/* not known: unhashed */
	size_t			 nlen;

	if (ed->start > ed->end || ed->end > s->len)
		return save_fail(err, "internal error: an edit outside",
		    f->path, ERANGE);
	if (!save_commit_check(f, tl, s, ed, err, stale))
		return false;
	if (undo != NULL)	/* before the pages are given back */
		save_undo_keep(tl, f, s, ed, undo);
	v[0] = (struct save_part){ s->p, ed->start, s, 0 };
	v[1] = (struct save_part){ ed->text.data != NULL ? ed->text.data : "",
	    ed->text.len, NULL, 0 };
	v[2] = (struct save_part){ s->p + ed->end, s->len - ed->end, s,
	    ed->end };
	nlen = v[0].n + v[1].n + v[2].n;
	if (job != NULL && job->checked != NULL)
		job->checked(job->ctx);	/* tl is not read after this */
	if (stale != NULL) {
		/* Not compared with what was loaded yet: while writing. */
		memset(&vf, 0, sizeof vf);
		vf.src = s;
		vf.len = s->len;
		vf.want = f->hash;
		vfp = &vf;
	}
	if (!save_write_new(f->path, v, 3, job != NULL && job->unhashed ?
	    NULL : &hash, err, vfp)) {
		if (vfp != NULL && (vf.stale || vf.odd != NULL) &&
		    err != NULL) {
			free(*err);
			*err = vf.stale ? xasprintf("%s changed on disk since "
			    "it was loaded (nothing was written)", f->path) :
			    xasprintf("%s uses %s line breaks; tlv edits only "
			    "LF or CRLF files", f->path, vf.odd);
			*stale = vf.stale;
		}
		if (undo != NULL)
			save_undo_free(undo);
		return false;
	}
	*nlenp = nlen;
	*hashp = hash;
	if (undo != NULL) {
		undo->path = xstrdup(f->path);
		undo->after_len = nlen;
		undo->after_hash = hash;
	}
	return true;
}

bool
save_commit(struct tl_file *f, char *cur, size_t len, const struct edit *ed,
    struct save_undo *undo, char **err)
{
	struct save_src	s = { cur, len, NULL, -1 };
	uint64_t	hash;
	size_t		nlen;
	bool		ok;

	if ((ok = save_commit_src(f, NULL, &s, ed, undo, &nlen, &hash, err,
	    NULL, NULL))) {
		f->size = nlen;
		f->hash = hash;
	}
	free(cur);
	return ok;
}

/* At most this many reloads under one lock (another program than tlv
 * may be writing the file meanwhile). */
#define SAVE_RELOADS	3

/* A change planned and not yet written (save.h, save_start). */
struct save_pending {
	struct save_job	 job;		/* its callbacks are not called again */
	struct tl_file	*f;
	struct save_src	 src;
	struct edit	 ed;
	int		 fd;		/* the lock */
	/* save_pending_run's, for save_pending_end */
	bool		 ran, ok, stale;
	char		*err;
	size_t		 nlen;
	uint64_t	 hash;
	struct save_undo undo;
	struct save_where where;
};

struct save_pending *
save_start(const struct save_job *job, char **err)
{
	struct tl_file		*f = job->file;
	struct save_pending	*p;
	struct save_src		 src;
	struct edit		 ed;
	char			*locked;
	int			 fd, tries;
	bool			 stale;

	*err = NULL;
	fd = job->locked ? job->lock_fd : -1;
	if ((*err = save_not_writable(f->path)) != NULL) {
		lock_release(fd);
		return NULL;
	}
	if (!job->locked &&
	    !lock_take(f->path, job->waiting, job->ctx, &fd, err))
		return NULL;
	locked = xstrdup(f->path);
	for (tries = 0; ; tries++) {
		memset(&ed, 0, sizeof ed);
		if (!save_map(f, &src, &stale, err, !job->late) && stale &&
		    job->reload != NULL && tries < SAVE_RELOADS) {
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
					return NULL;
				}
			}
			continue;
		}
		if (*err != NULL)
			break;
		if (!job->plan(job->ctx, src.p, src.len, &ed, err)) {
			save_src_free(&src);
			edit_free(&ed);
			break;
		}
		free(locked);
		p = xcalloc(1, sizeof *p);
		p->job = *job;
		p->f = f;
		p->src = src;
		p->ed = ed;
		p->fd = fd;
		return p;
	}
	lock_release(fd);
	free(locked);
	return NULL;
}

const char *
save_pending_path(const struct save_pending *p)
{
	return p->f->path;
}

void
save_pending_run(struct save_pending *p)
{
	p->ok = save_commit_src(p->f, p->job.tl, &p->src, &p->ed,
	    p->job.undo != NULL ? &p->undo : NULL, &p->nlen, &p->hash,
	    &p->err, p->job.late ? &p->stale : NULL, &p->job);
	if (p->ok && p->job.where != NULL && p->job.checked == NULL)
		save_where_fill(p->job.tl, p->f, &p->src, &p->ed, &p->where);
	save_src_free(&p->src);
	p->ran = true;
}

bool
save_pending_end(struct save_pending *p, char **err, bool *stale)
{
	bool	ok;

	if (!p->ran)
		save_pending_run(p);
	if (stale != NULL)
		*stale = p->stale;
	if ((ok = p->ok)) {
		p->f->size = p->nlen;
		p->f->hash = p->hash;
		if (p->job.undo != NULL)
			*p->job.undo = p->undo;
		if (p->job.where != NULL)
			*p->job.where = p->where;
	}
	if (ok && p->job.edit != NULL)
		*p->job.edit = p->ed;
	else
		edit_free(&p->ed);
	*err = ok ? NULL : p->err != NULL ? p->err : xstrdup("not saved");
	if (ok)
		free(p->err);
	lock_release(p->fd);
	free(p);
	return ok;
}

/* With job->late, a change on disk found while writing is loaded again
 * (job->reload) and planned again, as one found before the plan is. */
bool
save_change(const struct save_job *job, char **err)
{
	struct save_pending	*p;
	struct save_job		 j = *job;
	bool			 stale;
	int			 tries;

	for (tries = 0; ; tries++) {
		if ((p = save_start(&j, err)) == NULL)
			return false;
		save_pending_run(p);
		if (save_pending_end(p, err, &stale))
			return true;
		if (!stale || j.reload == NULL || tries >= SAVE_RELOADS)
			return false;
		free(*err);
		*err = NULL;
		j.locked = false;	/* save_pending_end released it */
		if ((j.file = j.reload(j.ctx, err)) == NULL)
			return false;
	}
}

void
save_undo_free(struct save_undo *u)
{
	free(u->path);
	free(u->before);
	memset(u, 0, sizeof *u);
}
