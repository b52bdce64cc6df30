/* SPDX-License-Identifier: MIT */
/* tlv check: report every problem in the files, then the counts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd.h"
#include "cmd_load.h"
#include "timeline.h"

static const char cmd_check_usage[] =
"usage: tlv check [FILE|DIR ...]\n"
"\n"
"Validate timeline files and print every problem found, one per line, as\n"
"FILE:LINE:COL: error|warning: MESSAGE, then 'N errors, M warnings'.\n"
"With no FILE, the bundled timelines.\n"
"\n"
"  --config FILE      the configuration file (see tlv(1))\n"
"\n"
"Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage error.\n";

static int
cmd_check_run(int argc, char **argv, const char *usage)
{
	struct cli		 c = { .cmd = "check" };
	struct timeline		 tl = TIMELINE_INIT;
	char			**paths;
	size_t			 n;
	int			 status;

	if (cli_parse(&c, argc, argv, 0, usage, &status) == -1) {
		cli_free(&c);
		return status;
	}
	cli_config(c.cmd, c.config, NULL);
	cli_paths(&c, &paths, &n);
	status = cmd_load(&tl, paths, n, CMD_LOAD_EVERY | CMD_LOAD_PROGRESS);
	timeline_free(&tl);
	cli_free(&c);
	return status;
}

const struct cmd_entry cmd_check_entry = {
	"check", "[FILE|DIR ...]", "validate files; print every problem",
	cmd_check_usage, cmd_check_run
};
