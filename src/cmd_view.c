/* SPDX-License-Identifier: MIT */
/* tlv [OPTIONS] [FILE|DIR ...]: the interactive viewer. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "query.h"
#include "ui.h"

static const char view_usage[] =
"usage: tlv [OPTIONS] [FILE|DIR ...]\n"
"       tlv COMMAND [OPTIONS] [ARGS ...]\n"
"\n"
"Open the timeline in the viewer (with no FILE, the bundled timelines).\n"
"When standard output is not a terminal, print the summary instead.\n"
"\n"
"Commands:\n"
"  summary [FILE|DIR ...]   print a plain-text chronology\n"
"  check [FILE|DIR ...]     validate files; print every problem\n"
"  export --format FMT [FILE|DIR ...]   markdown, json, csv, ics, timelinejs\n"
"  import --from timelinejs FILE.json   TimelineJS JSON to tlv YAML\n"
"  annotate [--by NAME] ID TEXT [FILE|DIR ...]   append a note to event ID\n"
"  add --date D --title T [--status S] [--tag T]... [--actor A]... FILE\n"
"  rm ID [FILE|DIR ...]     delete event ID\n"
"\n"
"Options (the filter the viewer opens with; see 'tlv summary --help'):\n"
"  --filter QUERY, --from DATE, --to DATE, --tag TAG, --actor NAME,\n"
"  --status S[,S], --grep TEXT, --config FILE, --help, --version\n"
"\n"
"In the viewer, ? or h lists every key.\n";

int
cmd_view(int argc, char **argv)
{
	struct cli	 c = { .cmd = "" };
	struct query	*q;
	char		**paths;
	size_t		 n;
	int		 status;

	if (cli_begin(&c, argc, argv, CLI_OPT_FILTER | CLI_OPT_LAYOUT,
	    view_usage, &q, &status) == -1)
		return status;
	/* Parsed to report errors before the screen starts; the viewer
	 * parses the text again. */
	if (q != NULL)
		query_free(q);
	cli_paths(&c, &paths, &n);
	status = ui_run(paths, n, c.filter.len > 0 ? c.filter.data : NULL,
	    c.config);
	cli_free(&c);
	return status;
}
