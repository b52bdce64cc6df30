/* SPDX-License-Identifier: MIT */
/* xmalloc.c: fatal() when more than one thread dies at once. */
#include "config.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check_suites.h"
#include "xmalloc.h"

/* The viewer's hook restores the terminal, which takes a while. */
static void
slow_hook(void)
{
	struct timespec	ts = { 0, 200 * 1000 * 1000 };

	nanosleep(&ts, NULL);
	fputs("hook done\n", stderr);
}

static void *
die_late(void *arg)
{
	struct timespec	ts = { 0, 50 * 1000 * 1000 };

	(void)arg;
	nanosleep(&ts, NULL);
	fatal("out of memory (second)");
}

/* A thread that runs out of memory while another is already dying waits
 * for it: the terminal is restored before any message, and one message is
 * printed, after the hook (the viewer's loader and git threads may fail
 * with the UI thread; a message printed before the screen is restored is
 * wiped by it). */
START_TEST(test_fatal_two_threads)
{
	int	 fd[2], status;
	pid_t	 pid;
	char	 out[256];
	ssize_t	 n;
	size_t	 len = 0;

	ck_assert_int_eq(pipe(fd), 0);
	pid = fork();
	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		pthread_t	t;

		dup2(fd[1], 2);
		close(fd[0]);
		close(fd[1]);
		xmalloc_set_fatal_hook(slow_hook);
		if (pthread_create(&t, NULL, die_late, NULL) != 0)
			_exit(3);
		fatal("out of memory (first)");
	}
	close(fd[1]);
	while (len < sizeof out - 1 &&
	    (n = read(fd[0], out + len, sizeof out - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(fd[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 1);
	ck_assert_str_eq(out, "hook done\ntlv: out of memory (first)\n");
}
END_TEST

Suite *
xmalloc_suite(void)
{
	Suite	*s = suite_create("xmalloc");
	TCase	*tc = tcase_create("fatal");

	tcase_add_test(tc, test_fatal_two_threads);
	suite_add_tcase(s, tc);
	return s;
}
