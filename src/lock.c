/* SPDX-License-Identifier: MIT */
/*
 * Save locks; see lock.h.  The wait polls with LOCK_NB so that it can be
 * bounded and announced without signals; the holder is named from /proc
 * (Linux), so that a user knows whom they wait for.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/sysmacros.h>
#endif
#include <time.h>
#include <unistd.h>

#include "lock.h"
#include "xmalloc.h"

#define LOCK_POLL_MS	10
#define LOCK_TELL_MS	1000

static void
lock_nap(void)
{
	struct timespec	ts = { 0, LOCK_POLL_MS * 1000000L };

	nanosleep(&ts, NULL);
}

/* Lock fd at once: 0, EWOULDBLOCK (another process holds it) or an
 * errno. */
static int
lock_once(int fd)
{
	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno != EINTR)
			return errno;
	}
}

/* Wait for an exclusive flock on fd: 0, or an errno (EWOULDBLOCK after
 * the timeout). */
static int
lock_wait(int fd, const char *path, lock_waiting_fn waiting, void *ctx)
{
	long	 waited = 0;
	bool	 told = false;
	char	*holder;
	int	 e;

	for (;;) {
		if ((e = lock_once(fd)) != EWOULDBLOCK)
			return e;
		if (waited >= LOCK_TIMEOUT_S * 1000L)
			return EWOULDBLOCK;
		if (!told && waited >= LOCK_TELL_MS && waiting != NULL) {
			holder = lock_holder(fd);
			waiting(ctx, path, holder);
			free(holder);
			told = true;
		}
		lock_nap();
		waited += LOCK_POLL_MS;
	}
}

static int
lock_get(int fd, bool wait, const char *path, lock_waiting_fn waiting,
    void *ctx)
{
	return wait ? lock_wait(fd, path, waiting, ctx) : lock_once(fd);
}

/*
 * Lock the directory of path, or where it refuses flock the lock file
 * beside path, waiting or not: 0 with the descriptor in *fdp;
 * EWOULDBLOCK with it too (not locked: for lock_holder, the caller closes
 * it); else an errno and -1 there.
 */
static int
lock_open(const char *path, bool wait, lock_waiting_fn waiting, void *ctx,
    int *fdp)
{
	char		 real[PATH_MAX], *dir, *slash, *file;
	struct stat	 st;
	int		 fd, e;

	*fdp = -1;
	if (realpath(path, real) == NULL)
		return errno;
	slash = strrchr(real, '/');
	dir = slash == real ? xstrdup("/") : xstrndup(real,
	    (size_t)(slash - real));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	e = fd == -1 ? errno : lock_get(fd, wait, path, waiting, ctx);
	if (e != 0 && e != EWOULDBLOCK) {
		/* No flock on this directory: a lock file beside it. */
		if (fd != -1)
			close(fd);
		file = xasprintf("%s/.%s.tlv-lock", dir, slash + 1);
		fd = open(file, O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC, 0666);
		if (fd == -1 && (errno == EACCES || errno == EROFS))
			fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
			    O_CLOEXEC);
		if (fd != -1 && (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode))) {
			close(fd);
			fd = -1;
			errno = EINVAL;
		}
		e = fd == -1 ? errno : lock_get(fd, wait, path, waiting, ctx);
		free(file);
	}
	free(dir);
	if (e != 0 && e != EWOULDBLOCK && fd != -1) {
		close(fd);
		fd = -1;
	}
	*fdp = fd;
	return e;
}

static char *
lock_error(const char *path, int e)
{
	return xasprintf("cannot lock %s for saving: %s", path, strerror(e));
}

bool
lock_take(const char *path, lock_waiting_fn waiting, void *ctx, int *fdp,
    char **err)
{
	char	*holder;
	int	 fd, e;

	*fdp = -1;
	e = lock_open(path, true, waiting, ctx, &fd);
	if (e == 0) {
		*fdp = fd;
		return true;
	}
	if (e == EWOULDBLOCK) {
		holder = lock_holder(fd);
		*err = lock_timeout_text(path, holder);
		free(holder);
		close(fd);
	} else
		*err = lock_error(path, e);
	return false;
}

enum lock_try
lock_try(const char *path, int *fdp, char **holder, char **err)
{
	int	fd, e;

	*fdp = -1;
	*holder = NULL;
	e = lock_open(path, false, NULL, NULL, &fd);
	if (e == 0) {
		*fdp = fd;
		return LOCK_TAKEN;
	}
	if (e == EWOULDBLOCK) {
		*holder = lock_holder(fd);
		close(fd);
		return LOCK_BUSY;
	}
	*err = lock_error(path, e);
	return LOCK_FAILED;
}

#ifdef __linux__
/* The pid holding a flock on the file st is, from /proc/locks, or -1.
 * A line is "1: FLOCK  ADVISORY  WRITE 1234 fe:00:5678 0 EOF"; a
 * waiter's has "->" after the number. */
static long
lock_holder_pid(const struct stat *st)
{
	FILE			*f;
	char			 line[256], type[16];
	unsigned		 maj, mnr;
	unsigned long long	 ino;
	long			 pid = -1, p;

	if ((f = fopen("/proc/locks", "re")) == NULL)
		return -1;
	while (pid == -1 && fgets(line, sizeof line, f) != NULL) {
		if (strstr(line, "->") != NULL || sscanf(line,
		    "%*d: %15s %*s %*s %ld %x:%x:%llu", type, &p, &maj, &mnr,
		    &ino) != 5)
			continue;
		if (strcmp(type, "FLOCK") == 0 && maj == major(st->st_dev) &&
		    mnr == minor(st->st_dev) && ino == st->st_ino && p > 0)
			pid = p;
	}
	fclose(f);
	return pid;
}

char *
lock_holder(int fd)
{
	struct stat	 st;
	char		 path[64], name[32] = "a process";
	FILE		*f;
	long		 pid;
	size_t		 i;

	if (fstat(fd, &st) == -1 || (pid = lock_holder_pid(&st)) == -1)
		return NULL;
	snprintf(path, sizeof path, "/proc/%ld/comm", pid);
	if ((f = fopen(path, "re")) != NULL) {
		if (fgets(name, sizeof name, f) == NULL)
			strcpy(name, "a process");
		fclose(f);
	}
	name[strcspn(name, "\n")] = '\0';
	/* A process names itself: nothing of it reaches the terminal raw. */
	for (i = 0; name[i] != '\0'; i++)
		if ((unsigned char)name[i] < 0x20 ||
		    (unsigned char)name[i] >= 0x7f)
			name[i] = '?';
	return xasprintf("%s (pid %ld)", name, pid);
}
#else
char *
lock_holder(int fd)
{
	(void)fd;
	return NULL;
}
#endif

char *
lock_waiting_text(const char *path, const char *holder)
{
	return xasprintf("%s: waiting for %s to release the save lock...",
	    path, holder != NULL ? holder : "another program");
}

char *
lock_timeout_text(const char *path, const char *holder)
{
	return xasprintf("%s: %s held the save lock for %d s; nothing was "
	    "written", path, holder != NULL ? holder : "another program",
	    LOCK_TIMEOUT_S);
}

void
lock_release(int fd)
{
	if (fd != -1)
		close(fd);	/* the lock goes with the descriptor */
}
