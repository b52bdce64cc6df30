/* SPDX-License-Identifier: MIT */
/*
 * floor: the least any libyaml-based loader can cost.
 *
 *	bench/floor FILE
 *
 * Reads FILE whole into memory with read(), as tlv's loader does, then runs
 * libyaml's event parser over the buffer to STREAM-END, deleting each event
 * and building nothing.  Prints the number of libyaml events.  tlv's load
 * time and memory are reported against this floor: what is above it is
 * tlv's own work (tree, dates, checks, sorting), not the parser's.
 *
 * Exit status: 0, or 1 when the file cannot be read or is not YAML.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

/* The whole of path in a malloc'd buffer; NULL with errno set. */
static unsigned char *
floor_read(const char *path, size_t *lenp)
{
	struct stat	 st;
	unsigned char	*buf = NULL, *nbuf;
	size_t		 len = 0, cap;
	ssize_t		 r;
	int		 fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1)
		goto fail;
	cap = (size_t)st.st_size + 1;
	if ((buf = malloc(cap)) == NULL)
		goto fail;
	for (;;) {
		if (len == cap) {	/* the file grew while we read it */
			if ((nbuf = realloc(buf, cap * 2)) == NULL)
				goto fail;
			buf = nbuf;
			cap *= 2;
		}
		r = read(fd, buf + len, cap - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			goto fail;
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	*lenp = len;
	return buf;
fail:
	saved = errno;
	free(buf);
	close(fd);
	errno = saved;
	return NULL;
}

/* Parse buf to the end; the event count, or -1 after printing the error. */
static long long
floor_parse(const char *path, const unsigned char *buf, size_t len)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	long long	 n = 0;
	bool		 done = false;

	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "floor: out of memory\n");
		return -1;
	}
	yaml_parser_set_input_string(&parser, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "%s:%zu:%zu: error: %s\n", path,
			    parser.problem_mark.line + 1,
			    parser.problem_mark.column + 1,
			    parser.problem != NULL ? parser.problem :
			    "YAML error");
			n = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		n++;
	}
	yaml_parser_delete(&parser);
	return n;
}

int
main(int argc, char **argv)
{
	unsigned char	*buf;
	size_t		 len;
	long long	 n;

	if (argc != 2) {
		fputs("usage: floor FILE\n", stderr);
		return 2;
	}
	if ((buf = floor_read(argv[1], &len)) == NULL) {
		fprintf(stderr, "floor: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	n = floor_parse(argv[1], buf, len);
	free(buf);
	if (n < 0)
		return 1;
	printf("%lld\n", n);
	return 0;
}
