/* SPDX-License-Identifier: MIT */
/* tlv check: report every problem in the files, then the counts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd.h"
#include "diag.h"
#include "load.h"
#include "timeline.h"
#include "xmalloc.h"

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

/* The problems in the order of the files, then of their lines. */
static void
cmd_check_sort(struct diag_list *diags, const struct timeline *tl)
{
	char	**paths = xcalloc(tl->nfiles + 1, sizeof *paths);
	size_t	  i;

	for (i = 0; i < tl->nfiles; i++)
		paths[i] = tl->files[i].path;
	diag_sort(diags, paths, tl->nfiles);
	free(paths);
}

static int
cmd_check_run(int argc, char **argv, const char *usage)
{
	struct cli		 c = { .cmd = "check" };
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	char			**paths;
	size_t			 n;
	int			 status;

	if (cli_parse(&c, argc, argv, 0, usage, &status) == -1) {
		cli_free(&c);
		return status;
	}
	cli_config(c.cmd, c.config, NULL);
	cli_paths(&c, &paths, &n);
	load_paths_progress(&tl, paths, n, &diags, cli_progress());
	cmd_check_sort(&diags, &tl);
	diag_print(&diags, stdout, DIAG_WARNING);
	printf("%zu error%s, %zu warning%s\n", diags.errors,
	    diags.errors == 1 ? "" : "s", diags.warnings,
	    diags.warnings == 1 ? "" : "s");
	status = diags.errors > 0 ? CLI_DATA_ERROR : CLI_OK;
	diag_free(&diags);
	timeline_free(&tl);
	cli_free(&c);
	return status;
}

const struct cmd_entry cmd_check_entry = {
	"check", "[FILE|DIR ...]", "validate files; print every problem",
	cmd_check_usage, cmd_check_run
};
