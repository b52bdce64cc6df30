/* SPDX-License-Identifier: MIT */
/*
 * Test helper for tests/yts.sh: parse each FILE with libyaml's event API,
 * as tlv does, and print "FILE LINE": the 1-based line of libyaml's error
 * (problem_mark), or 0 if libyaml accepts the whole stream.  Exit 0; 2 if
 * a FILE cannot be read.  Reader (encoding) errors have only a byte offset: their
 * line is counted from it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <yaml.h>

static unsigned char *
errline_read(const char *path, size_t *len)
{
	FILE		*f;
	unsigned char	*buf = NULL;
	size_t		 cap = 0, n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	*len = 0;
	do {
		if (*len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if ((buf = realloc(buf, cap)) == NULL)
				abort();
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
	} while (n > 0);
	fclose(f);
	return buf;
}

static unsigned long
errline_of_offset(const unsigned char *buf, size_t len, size_t off)
{
	unsigned long	line = 1;
	size_t		i;

	for (i = 0; i < off && i < len; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

static unsigned long
errline_file(const char *path)
{
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	unsigned char	*buf;
	size_t		 len;
	unsigned long	 line = 0;
	int		 done = 0;

	if ((buf = errline_read(path, &len)) == NULL) {
		fprintf(stderr, "yaml_errline: cannot read %s\n", path);
		exit(2);
	}
	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			if (p.error == YAML_READER_ERROR)
				line = errline_of_offset(buf, len,
				    p.problem_offset);
			else
				line = (unsigned long)p.problem_mark.line + 1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	free(buf);
	return line;
}

int
main(int argc, char **argv)
{
	int	i;

	if (argc < 2) {
		fprintf(stderr, "usage: yaml_errline FILE...\n");
		return 2;
	}
	for (i = 1; i < argc; i++)
		printf("%s %lu\n", argv[i], errline_file(argv[i]));
	return 0;
}
