/* SPDX-License-Identifier: MIT */
/*
 * git as a child; see git.h.  Its input goes through one end of a socket
 * pair, written with MSG_NOSIGNAL: a git that exits without reading it
 * all gives EPIPE, not a SIGPIPE that would kill tlv.  poll() moves input
 * and output together, so a big output never blocks a long input.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "git.h"
#include "xmalloc.h"

extern char **environ;

/* Start git with its output on out_fd[1] and, if in, its input from
 * in_fd[1]; returns posix_spawnp's result. */
static int
git_spawn(const char *const *args, const int out_fd[2], const int in_fd[2],
    bool quiet, pid_t *pid)
{
	posix_spawn_file_actions_t	 fa;
	char				**argv;
	size_t				 i, argc;
	int				 rc;

	for (argc = 0; args[argc] != NULL; argc++)
		continue;
	/* posix_spawnp takes char *const[]: copies of the arguments. */
	argv = xcalloc(argc + 1, sizeof *argv);
	for (i = 0; i < argc; i++)
		argv[i] = xstrdup(args[i]);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, out_fd[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, out_fd[0]);
	posix_spawn_file_actions_addclose(&fa, out_fd[1]);
	if (in_fd != NULL) {
		posix_spawn_file_actions_adddup2(&fa, in_fd[1], STDIN_FILENO);
		posix_spawn_file_actions_addclose(&fa, in_fd[0]);
		posix_spawn_file_actions_addclose(&fa, in_fd[1]);
	} else
		posix_spawn_file_actions_addopen(&fa, STDIN_FILENO,
		    "/dev/null", O_RDONLY, 0);
	if (quiet)
		posix_spawn_file_actions_addopen(&fa, STDERR_FILENO,
		    "/dev/null", O_WRONLY, 0);
	rc = posix_spawnp(pid, "git", &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	return rc;
}

/* Write input to fd_in and read fd_out into out until git closes it. */
static void
git_pump(int fd_out, int fd_in, const struct buf *input, struct buf *out)
{
	struct pollfd	 pf[2];
	char		 chunk[65536];
	size_t		 sent = 0;
	ssize_t		 n;
	nfds_t		 npf;

	for (;;) {
		pf[0].fd = fd_out;
		pf[0].events = POLLIN;
		npf = 1;
		if (fd_in != -1) {
			pf[1].fd = fd_in;
			pf[1].events = POLLOUT;
			npf = 2;
		}
		if (poll(pf, npf, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (npf == 2 && (pf[1].revents & (POLLOUT | POLLERR |
		    POLLHUP)) != 0) {
			n = send(fd_in, input->data + sent, input->len - sent,
			    MSG_NOSIGNAL | MSG_DONTWAIT);
			if (n > 0)
				sent += (size_t)n;
			if ((n == -1 && errno != EINTR && errno != EAGAIN) ||
			    sent == input->len) {
				close(fd_in);	/* all sent, or git left */
				fd_in = -1;
			}
		}
		if ((pf[0].revents & (POLLIN | POLLERR | POLLHUP)) == 0)
			continue;
		n = read(fd_out, chunk, sizeof chunk);
		if (n > 0)
			buf_add(out, chunk, (size_t)n);
		else if (n == 0 || errno != EINTR)
			break;
	}
	if (fd_in != -1)
		close(fd_in);
}

int
git_run(const char *const *argv, const struct buf *input, struct buf *out,
    bool quiet)
{
	pid_t	 pid;
	int	 o[2], in[2] = { -1, -1 }, st, rc;
	bool	 with_input = input != NULL && input->len > 0;

	if (pipe(o) == -1)
		return -1;
	if (with_input && socketpair(AF_UNIX, SOCK_STREAM, 0, in) == -1) {
		close(o[0]);
		close(o[1]);
		return -1;
	}
	rc = git_spawn(argv, o, with_input ? in : NULL, quiet, &pid);
	close(o[1]);
	if (with_input)
		close(in[1]);
	if (rc != 0) {
		close(o[0]);
		if (with_input)
			close(in[0]);
		errno = rc;
		return -1;
	}
	git_pump(o[0], with_input ? in[0] : -1, input, out);
	close(o[0]);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

void
git_split(const char *path, char **dir, const char **base)
{
	const char	*slash = strrchr(path, '/');

	*dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	*base = slash == NULL ? path : slash + 1;
}

bool
git_show(const char *path, const char *rev, struct buf *out)
{
	char		*dir, *spec;
	const char	*base;
	int		 rc;

	buf_reset(out);
	git_split(path, &dir, &base);
	spec = xasprintf("%s:./%s", rev, base);
	{
		const char *argv[] = { "git", "-C", dir, "show", spec, NULL };

		rc = git_run(argv, NULL, out, true);
	}
	free(spec);
	free(dir);
	return rc == 0;
}
