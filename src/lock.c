/* SPDX-License-Identifier: MIT */
/*
 * Save locks; see lock.h.  The wait polls with LOCK_NB so that it can be
 * bounded and announced without signals.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
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

/* Wait for an exclusive flock on fd: 0, or an errno (EWOULDBLOCK after
 * the timeout). */
static int
lock_wait(int fd, const char *path, lock_waiting_fn waiting, void *ctx)
{
	long	waited = 0;
	bool	told = false;

	for (;;) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return 0;
		if (errno == EINTR)
			continue;
		if (errno != EWOULDBLOCK)
			return errno;
		if (waited >= LOCK_TIMEOUT_S * 1000L)
			return EWOULDBLOCK;
		if (!told && waited >= LOCK_TELL_MS && waiting != NULL) {
			waiting(ctx, path);
			told = true;
		}
		lock_nap();
		waited += LOCK_POLL_MS;
	}
}

bool
lock_take(const char *path, lock_waiting_fn waiting, void *ctx, int *fdp,
    char **err)
{
	char		 real[PATH_MAX], *dir, *slash, *file;
	struct stat	 st;
	int		 fd, e;

	*fdp = -1;
	if (realpath(path, real) == NULL) {
		*err = xasprintf("cannot lock %s: %s", path, strerror(errno));
		return false;
	}
	slash = strrchr(real, '/');
	dir = slash == real ? xstrdup("/") : xstrndup(real,
	    (size_t)(slash - real));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	e = fd == -1 ? errno : lock_wait(fd, path, waiting, ctx);
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
		e = fd == -1 ? errno : lock_wait(fd, path, waiting, ctx);
		free(file);
	}
	free(dir);
	if (e == 0) {
		*fdp = fd;
		return true;
	}
	if (fd != -1)
		close(fd);
	if (e == EWOULDBLOCK)
		*err = xasprintf("another tlv has been saving beside %s for %d "
		    "s; nothing was written", path, LOCK_TIMEOUT_S);
	else
		*err = xasprintf("cannot lock %s for saving: %s", path,
		    strerror(e));
	return false;
}

void
lock_release(int fd)
{
	if (fd != -1)
		close(fd);	/* the lock goes with the descriptor */
}
