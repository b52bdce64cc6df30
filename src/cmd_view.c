/* SPDX-License-Identifier: MIT */
/* tlv [OPTIONS] [FILE|DIR ...]: the interactive viewer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd.h"
#include "query.h"
#include "ui.h"

static int
cmd_view_run(int argc, char **argv, const char *usage)
{
	struct cli	 c = { .cmd = "" };
	struct query	*q;
	char		**paths;
	size_t		 n;
	int		 status;

	if (cli_begin(&c, argc, argv, CLI_OPT_FILTER | CLI_OPT_LAYOUT,
	    usage, &q, &status) == -1)
		return status;
	/* Parsed to report errors before the screen starts; the viewer
	 * parses the text again. */
	if (q != NULL)
		query_free(q);
	cli_paths(&c, &paths, &n);
	status = ui_run(paths, n, c.filter.len > 0 ? c.filter.data : NULL,
	    c.config, c.since);
	cli_free(&c);
	return status;
}

const struct cmd_entry cmd_view_entry = {
	"", "", NULL, NULL, cmd_view_run
};
