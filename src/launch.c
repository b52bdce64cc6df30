/* SPDX-License-Identifier: MIT */
/*
 * The browser launcher; see launch.h.  The child forks the browser and
 * exits at once, so the caller waits only for it; whether exec worked
 * comes back through a close-on-exec pipe: end of file is success, an
 * errno is failure.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch.h"
#include "text.h"
#include "xmalloc.h"

bool
launch_url_ok(const char *url, const char **why)
{
	const unsigned char	*p;
	size_t			 len = strlen(url);

	if (strncasecmp(url, "http://", 7) != 0 &&
	    strncasecmp(url, "https://", 8) != 0) {
		*why = "only http and https URLs are opened";
		return false;
	}
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f) {
			*why = "the URL has a control character or a blank";
			return false;
		}
	if (!text_is_clean(url, len, 0)) {
		*why = "the URL has an invisible or control character";
		return false;
	}
	*why = NULL;
	return true;
}

/* Split one command of $BROWSER into argv (malloc'd, words in cmd). */
static char **
launch_argv(char *cmd, const char *url)
{
	char	**argv = NULL, *w;
	size_t	  n = 0;
	bool	  placed = false;

	for (w = strtok(cmd, " \t"); w != NULL; w = strtok(NULL, " \t")) {
		argv = xreallocarray(argv, n + 2, sizeof *argv);
		if (strcmp(w, "%s") == 0) {
			argv[n++] = (char *)(uintptr_t)url;
			placed = true;
		} else
			argv[n++] = w;
	}
	if (n == 0)
		return NULL;
	argv = xreallocarray(argv, n + 2, sizeof *argv);
	if (!placed)
		argv[n++] = (char *)(uintptr_t)url;
	argv[n] = NULL;
	return argv;
}

/* In the grandchild: stdio on /dev/null, then exec; errno to fd.  What
 * the caller allocated (argv and the words in list) is freed before an
 * exit, so that a leak checker following the fork finds nothing lost. */
static void
launch_exec(char **argv, char *list, int fd)
{
	int	null = open("/dev/null", O_RDWR), e;

	if (null != -1) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	setsid();
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], argv);
	e = errno;
	free(argv);
	free(list);
	if (write(fd, &e, sizeof e) == -1)
		_exit(127);
	_exit(127);
}

/* Run argv (its words in list) detached; 0 once exec worked, else an
 * errno. */
static int
launch_run(char **argv, char *list)
{
	int	fds[2], e = 0, status;
	pid_t	pid;
	ssize_t	n;

	if (pipe2(fds, O_CLOEXEC) == -1)
		return errno;
	if ((pid = fork()) == -1) {
		e = errno;
		close(fds[0]);
		close(fds[1]);
		return e;
	}
	if (pid == 0) {
		close(fds[0]);
		if ((pid = fork()) == 0)
			launch_exec(argv, list, fds[1]);
		free(argv);
		free(list);
		_exit(pid == -1 ? 1 : 0);
	}
	close(fds[1]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		continue;
	while ((n = read(fds[0], &e, sizeof e)) == -1 && errno == EINTR)
		continue;
	close(fds[0]);
	if (n == (ssize_t)sizeof e)
		return e != 0 ? e : ENOEXEC;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return EAGAIN;
	return 0;
}

bool
launch_browser(const char *url, const char *browser, char **used, char **err)
{
	char	*list = xstrdup(browser != NULL && *browser != '\0' ? browser :
		    "xdg-open");
	char	*cmd, *next, **argv;
	int	 e = ENOENT;

	*used = NULL;
	for (cmd = list; cmd != NULL; cmd = next) {
		if ((next = strchr(cmd, ':')) != NULL)
			*next++ = '\0';
		if ((argv = launch_argv(cmd, url)) == NULL)
			continue;
		e = launch_run(argv, list);
		if (e == 0)
			*used = xstrdup(argv[0]);
		free(argv);
		if (e == 0)
			break;
	}
	free(list);
	if (*used != NULL)
		return true;
	*err = xasprintf("cannot start %s: %s", browser != NULL &&
	    *browser != '\0' ? "$BROWSER" : "xdg-open", strerror(e));
	return false;
}
