/* SPDX-License-Identifier: MIT */
/*
 * A fault injector for the save tests, loaded with LD_PRELOAD: it makes one
 * kind of system call fail, or stall, the way a full disk, a read-only
 * file system or a crash would.
 *
 *	FAILIO_OP=write|fsync|rename|fchmod|mkstemp|flock	the call to break
 *	FAILIO_OP=flockdir	flock, on directories only (as on NFS)
 *	FAILIO_OP=fsetxattr|fchown|ftruncate	the metadata copy, in place
 *	FAILIO_ERRNO=N		fail it with errno N (e.g. 28 ENOSPC)
 *	FAILIO_SHORT=1		write: write half, then fail with FAILIO_ERRNO
 *	FAILIO_SLEEP=S		stall S seconds before the call (kill -9 then)
 *	FAILIO_LOG=PATH		append a line "rename TARGET" to PATH at each
 *				rename (to count a viewer's saves)
 *
 * Only calls on files tlv writes are affected: write and fsync on
 * descriptors above 2.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/xattr.h>
#include <unistd.h>

static int
failio_hit(const char *op)
{
	const char	*want = getenv("FAILIO_OP");
	const char	*nap = getenv("FAILIO_SLEEP");

	if (want == NULL || strcmp(want, op) != 0)
		return 0;
	if (nap != NULL)
		sleep((unsigned)atoi(nap));
	if (getenv("FAILIO_ERRNO") == NULL)
		return 0;
	errno = atoi(getenv("FAILIO_ERRNO"));
	return 1;
}

ssize_t
write(int fd, const void *p, size_t n)
{
	ssize_t	(*real)(int, const void *, size_t) =
	    (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");

	if (fd > 2 && getenv("FAILIO_SHORT") != NULL && n > 1 &&
	    failio_hit("write")) {
		int saved = errno;

		real(fd, p, n / 2);
		unsetenv("FAILIO_SHORT");
		errno = saved;
		return -1;
	}
	if (fd > 2 && failio_hit("write"))
		return -1;
	return real(fd, p, n);
}

int
fsync(int fd)
{
	int	(*real)(int) = (int (*)(int))dlsym(RTLD_NEXT, "fsync");

	if (fd > 2 && failio_hit("fsync"))
		return -1;
	return real(fd);
}

int
rename(const char *a, const char *b)
{
	int	(*real)(const char *, const char *) =
	    (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");

	const char	*log = getenv("FAILIO_LOG");
	FILE		*fp;

	if (failio_hit("rename"))
		return -1;
	if (log != NULL && (fp = fopen(log, "a")) != NULL) {
		fprintf(fp, "rename %s\n", b);
		fclose(fp);
	}
	return real(a, b);
}

int
fchmod(int fd, mode_t mode)
{
	int	(*real)(int, mode_t) =
	    (int (*)(int, mode_t))dlsym(RTLD_NEXT, "fchmod");

	if (failio_hit("fchmod"))
		return -1;
	return real(fd, mode);
}

int
mkstemp(char *t)
{
	int	(*real)(char *) = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp");

	if (failio_hit("mkstemp"))
		return -1;
	return real(t);
}

int
flock(int fd, int op)
{
	int		(*real)(int, int) = (int (*)(int, int))dlsym(RTLD_NEXT,
			    "flock");
	struct stat	st;

	if (failio_hit("flock"))
		return -1;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode) && failio_hit("flockdir"))
		return -1;
	return real(fd, op);
}

int
fsetxattr(int fd, const char *name, const void *v, size_t n, int flags)
{
	int	(*real)(int, const char *, const void *, size_t, int) =
	    (int (*)(int, const char *, const void *, size_t, int))dlsym(
	    RTLD_NEXT, "fsetxattr");

	if (failio_hit("fsetxattr"))
		return -1;
	return real(fd, name, v, n, flags);
}

int
fchown(int fd, uid_t u, gid_t g)
{
	int	(*real)(int, uid_t, gid_t) =
	    (int (*)(int, uid_t, gid_t))dlsym(RTLD_NEXT, "fchown");

	if (failio_hit("fchown"))
		return -1;
	return real(fd, u, g);
}

int
ftruncate(int fd, off_t len)
{
	int	(*real)(int, off_t) =
	    (int (*)(int, off_t))dlsym(RTLD_NEXT, "ftruncate");

	if (failio_hit("ftruncate"))
		return -1;
	return real(fd, len);
}
