/* SPDX-License-Identifier: MIT */
/*
 * rusage: run a command and report its wall time and peak memory.
 *
 *	bench/rusage [-o FILE] COMMAND [ARG ...]
 *
 * Forks, execs COMMAND (searched in PATH) with the standard streams it was
 * given, waits for it with wait4() and writes one line
 *
 *	WALL_SECONDS MAX_RSS_KIB EXIT_STATUS
 *
 * to FILE (default: standard error), e.g. "0.412337 52144 0".  The wall time
 * is CLOCK_MONOTONIC from just before fork() to just after wait4(); the peak
 * resident set is the child's ru_maxrss (KiB on Linux).  EXIT_STATUS is the
 * command's exit status, or 128 + N when signal N killed it.  rusage exits
 * with that status too, 127 when COMMAND cannot be run, 2 on a usage error.
 *
 * It stands in for GNU time's "%e %M" so that make bench needs no package
 * beyond the compiler.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
rusage_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run argv; fill *wall, *ru and return the exit status as described above. */
static int
rusage_run(char **argv, double *wall, struct rusage *ru)
{
	double	start = rusage_now();
	pid_t	pid;
	int	status;

	if ((pid = fork()) == -1) {
		perror("rusage: fork");
		return 127;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "rusage: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, ru) == -1)
		if (errno != EINTR) {
			perror("rusage: wait4");
			return 127;
		}
	*wall = rusage_now() - start;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

int
main(int argc, char **argv)
{
	const char	*outpath = NULL;
	FILE		*out = stderr;
	struct rusage	 ru;
	double		 wall = 0;
	int		 status, argi = 1;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		outpath = argv[2];
		argi = 3;
	}
	if (argi >= argc || argv[argi][0] == '-') {
		fputs("usage: rusage [-o FILE] COMMAND [ARG ...]\n", stderr);
		return 2;
	}
	if (outpath != NULL && (out = fopen(outpath, "w")) == NULL) {
		fprintf(stderr, "rusage: %s: %s\n", outpath, strerror(errno));
		return 2;
	}
	memset(&ru, 0, sizeof ru);
	status = rusage_run(argv + argi, &wall, &ru);
	fprintf(out, "%.6f %ld %d\n", wall, ru.ru_maxrss, status);
	if ((outpath != NULL && fclose(out) == EOF) ||
	    (outpath == NULL && fflush(out) == EOF)) {
		perror("rusage: output");
		return 127;
	}
	return status;
}
