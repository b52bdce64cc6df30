/* SPDX-License-Identifier: MIT */
/*
 * Two hidden commands for developers and the shell:
 *
 *	tlv keys		the default keys as the man page's mdoc list,
 *				from the action table (tests/man.sh compares
 *				it with doc/tlv.1, so the two cannot drift)
 *	tlv ids [FILE|DIR ...]	every event id, one a line (bash completion)
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "action.h"
#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "cmd_load.h"
#include "text.h"
#include "timeline.h"

static const char cmd_keys_usage[] =
"usage: tlv keys\n"
"\n"
"Print the viewer's default keys as the mdoc list of tlv(1)'s KEYS\n"
"section (a developer aid: tests/man.sh compares the two).\n";

static const char cmd_keys_ids_usage[] =
"usage: tlv ids [FILE|DIR ...]\n"
"\n"
"Print the id of every event, one a line, in timeline order (for shell\n"
"completion).  Problems in the files are not reported; see 'tlv check'.\n";

/* Append s escaped for roff text; lead: the start of an input line. */
static void
cmd_keys_escape(struct buf *b, const char *s, bool lead)
{
	if (lead && (*s == '.' || *s == '\''))
		buf_adds(b, "\\&");
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			buf_adds(b, "\\e");
		else if (*s == '-')
			buf_adds(b, "\\-");
		else if (*s == '"')
			buf_adds(b, "\\(dq");
		else
			buf_addc(b, *s);
	}
}

/* ".It Ic j , Down Pq Cm move-down" then the help text. */
static void
cmd_keys_item(struct buf *b, const struct action_info *ai)
{
	const char	*p, *end;
	int32_t		 key;
	bool		 first = true;
	char		 word[64];

	buf_adds(b, ".It Ic");
	for (p = ai->keys; *p != '\0'; p = end) {
		while (*p == ' ')
			p++;
		for (end = p; *end != '\0' && *end != ' '; end++)
			continue;
		if (end == p || (size_t)(end - p) >= sizeof word ||
		    !action_key_parse(p, (size_t)(end - p), &key))
			continue;
		memcpy(word, p, (size_t)(end - p));
		word[end - p] = '\0';
		/* \& keeps a key such as "[" or ":" from being a delimiter. */
		buf_adds(b, first ? " \\&" : " , \\&");
		cmd_keys_escape(b, word, false);
		first = false;
	}
	buf_adds(b, " Pq Cm ");
	cmd_keys_escape(b, ai->name, false);
	buf_addc(b, '\n');
	cmd_keys_escape(b, ai->help, true);
	buf_addc(b, '\n');
}

static int
cmd_keys_keys(int argc, char **argv, const char *usage)
{
	struct cli	 c = { .cmd = "keys" };
	struct buf	 b = BUF_INIT;
	int		 a, status;

	if (cli_parse(&c, argc, argv, 0, usage, &status) == -1) {
		cli_free(&c);
		return status;
	}
	if (c.npaths != 0) {
		cli_free(&c);
		return cli_usage_error("keys", "no arguments expected");
	}
	buf_adds(&b, ".Bl -tag -width Ds -compact\n");
	for (a = 1; a < ACTION_COUNT; a++)
		cmd_keys_item(&b, action_info((enum action)a));
	buf_adds(&b, ".El\n");
	fputs(buf_str(&b), stdout);
	buf_free(&b);
	cli_free(&c);
	return fflush(stdout) == 0 ? CLI_OK : CLI_DATA_ERROR;
}

static int
cmd_keys_ids(int argc, char **argv, const char *usage)
{
	struct cli		 c = { .cmd = "ids" };
	struct timeline		 tl = TIMELINE_INIT;
	char			**paths;
	size_t			 n, i;
	int			 status;

	if (cli_parse(&c, argc, argv, 0, usage, &status) == -1) {
		cli_free(&c);
		return status;
	}
	cli_paths(&c, &paths, &n);
	status = cmd_load(&tl, paths, n, 0);
	/* Only ids a shell can take back as one word are useful. */
	for (i = 0; i < tl.nevents; i++) {
		const char *id = tl.events[i].id;

		if (id != NULL && *id != '\0' &&
		    text_is_clean(id, strlen(id), 0) &&
		    strpbrk(id, " \t\n") == NULL)
			printf("%s\n", id);
	}
	if (fflush(stdout) != 0)
		status = CLI_DATA_ERROR;
	timeline_free(&tl);
	cli_free(&c);
	return status;
}

/* Hidden developer and completion aids. */
const struct cmd_entry cmd_keys_entry = {
	"keys", "", NULL, cmd_keys_usage, cmd_keys_keys
};

const struct cmd_entry cmd_ids_entry = {
	"ids", "", NULL, cmd_keys_ids_usage, cmd_keys_ids
};
