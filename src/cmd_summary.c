/* SPDX-License-Identifier: MIT */
/* tlv summary: print a plain-text chronology (SPEC section 8). */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "cmd_load.h"
#include "query.h"
#include "summary.h"
#include "timeline.h"

static const char cmd_summary_usage[] =
"usage: tlv summary [OPTIONS] [FILE|DIR ...]\n"
"\n"
"Print the events as a plain-text chronology, grouped by year.  With no\n"
"FILE, the bundled timelines.\n"
"\n"
"Layout:\n"
"  --brief            one line per event, no headings\n"
"  --full             add descriptions, actors, tags, sources and notes\n"
"  --width N          wrap --full text to N columns (default: terminal, 80)\n"
"\n"
"Filters (ANDed; see 'Filter queries' in tlv(1)):\n"
CLI_FILTER_USAGE
"\n"
"  --config FILE      the configuration file (see tlv(1))\n"
"\n"
"Exit status: 0 success, 1 a file had errors, 2 usage error.\n";

/* A terminal whose locale's character set is not UTF-8 would show UTF-8
 * as garbage: there, non-ASCII is written as <U+XXXX>.  A pipe or a file
 * gets the text as it is. */
static bool
cmd_summary_needs_ascii(void)
{
	bool	utf8;

	if (!isatty(STDOUT_FILENO) || setlocale(LC_CTYPE, "") == NULL)
		return false;
	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	setlocale(LC_CTYPE, "C");
	return !utf8;
}

/* cmd is "summary", or "" for the bare tlv piped (with the main usage). */
static int
cmd_summary_show(int argc, char **argv, const char *cmd, const char *usage)
{
	struct cli		 c = { .cmd = cmd };
	struct timeline		 tl = TIMELINE_INIT;
	struct summary_opts	 so;
	struct query		*q;
	char			**paths;
	size_t			 n;
	int			 status;

	if (cli_begin(&c, argc, argv, CLI_OPT_FILTER | CLI_OPT_LAYOUT,
	    usage, &q, &status) == -1)
		return status;
	cli_config(c.cmd, c.config, NULL);
	cli_paths(&c, &paths, &n);
	status = cmd_load(&tl, paths, n, CMD_LOAD_REPORT);
	if (cli_changes(&c, q, &tl) != CLI_OK) {
		status = CLI_USAGE;
		goto out;
	}
	so.mode = c.mode;
	so.width = cli_width(&c);
	so.query = q;
	so.ascii = cmd_summary_needs_ascii();
	summary_print(stdout, &tl, &so);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("tlv: stdout");
		status = CLI_DATA_ERROR;
	}
out:
	if (q != NULL)
		query_free(q);
	timeline_free(&tl);
	cli_free(&c);
	return status;
}

static int
cmd_summary_cmd(int argc, char **argv, const char *usage)
{
	return cmd_summary_show(argc, argv, "summary", usage);
}

static int
cmd_summary_bare(int argc, char **argv, const char *usage)
{
	return cmd_summary_show(argc, argv, "", usage);
}

const struct cmd_entry cmd_summary_entry = {
	"summary", "[FILE|DIR ...]", "print a plain-text chronology",
	cmd_summary_usage, cmd_summary_cmd
};

const struct cmd_entry cmd_summary_bare_entry = {
	"", "", NULL, NULL, cmd_summary_bare
};
