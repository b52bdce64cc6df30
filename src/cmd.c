/* SPDX-License-Identifier: MIT */
/*
 * The command table, in the order of the main usage text, which is made
 * from it; see cmd.h.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cmd.h"
#include "text.h"

static const struct cmd_entry *const cmd_table[] = {
	&cmd_summary_entry,
	&cmd_check_entry,
	&cmd_export_entry,
	&cmd_import_entry,
	&cmd_annotate_entry,
	&cmd_add_entry,
	&cmd_rm_entry,
	&cmd_diff_entry,
	&cmd_merge_driver_entry,
	&cmd_keys_entry,
	&cmd_ids_entry,
};
#define CMD_NTABLE (sizeof cmd_table / sizeof *cmd_table)

/* Where the description starts in the commands' list. */
#define CMD_ABOUT_COL	27

const char *
cmd_usage(void)
{
	static struct buf	 usage = BUF_INIT;
	const struct cmd_entry	*ce;
	size_t			 i, start;

	if (usage.len != 0)
		return usage.data;
	buf_adds(&usage,
	    "usage: tlv [OPTIONS] [FILE|DIR ...]\n"
	    "       tlv COMMAND [OPTIONS] [ARGS ...]\n"
	    "\n"
	    "Open the timeline in the viewer (with no FILE, the bundled "
	    "timelines).\n"
	    "When standard output is not a terminal, print the summary "
	    "instead.\n"
	    "\n"
	    "Commands ('tlv COMMAND --help' for each):\n");
	for (i = 0; i < CMD_NTABLE; i++) {
		ce = cmd_table[i];
		if (ce->about == NULL)
			continue;
		start = usage.len;
		buf_adds(&usage, "  ");
		buf_adds(&usage, ce->name);
		buf_addc(&usage, ' ');
		buf_adds(&usage, ce->args);
		/* A long usage line gets its description on the next. */
		if (usage.len - start + 2 > CMD_ABOUT_COL) {
			buf_addc(&usage, '\n');
			start = usage.len;
		}
		while (usage.len - start < CMD_ABOUT_COL)
			buf_addc(&usage, ' ');
		buf_adds(&usage, ce->about);
		buf_addc(&usage, '\n');
	}
	buf_adds(&usage,
	    "\n"
	    "Options (the filter the viewer opens with; see 'tlv summary "
	    "--help'):\n"
	    "  --filter QUERY, --from DATE, --to DATE, --tag TAG, --actor NAME,\n"
	    "  --status S[,S], --grep TEXT, --config FILE, --help, --version\n"
	    "  --since REV        the rows marked + (added) and ~ (changed), c, C\n"
	    "                     and changed: compare with commit REV, not HEAD\n"
	    "\n"
	    "In the viewer, ? or h lists every key.\n"
	    "\n"
	    "Exit status: 0 success, 1 a file had errors, 2 usage error.\n");
	return usage.data;
}

const struct cmd_entry *
cmd_find(const char *name)
{
	size_t	i;

	for (i = 0; i < CMD_NTABLE; i++)
		if (strcmp(name, cmd_table[i]->name) == 0)
			return cmd_table[i];
	return NULL;
}

/*
 * The bare tlv's first argument names neither a command nor a file: a
 * misspelt command (SPEC section 3) is a usage error, not an empty
 * timeline.  Something that reads as a path ("x.yaml", "dir/") is left
 * for the loader to report as a file that cannot be read.
 */
bool
cmd_unknown(const char *arg)
{
	struct stat	 st;
	const char	*best = NULL;
	unsigned	 d, bestd = 3;
	size_t		 i;
	struct buf	 b = BUF_INIT;

	if (*arg == '\0' || *arg == '-' || strpbrk(arg, "/.") != NULL ||
	    stat(arg, &st) == 0)
		return false;
	for (i = 0; i < CMD_NTABLE; i++) {
		if (cmd_table[i]->about == NULL)
			continue;
		if ((d = text_distance(arg, cmd_table[i]->name, 2)) < bestd) {
			bestd = d;
			best = cmd_table[i]->name;
		}
	}
	text_sanitize(&b, arg, strlen(arg), 0);
	if (best != NULL) {
		fprintf(stderr, "tlv: unknown command '%s' (did you mean "
		    "'%s'?)\n", b.data, best);
	} else {
		fprintf(stderr, "tlv: unknown command '%s', and no file of that "
		    "name (commands:", b.data);
		for (i = 0; i < CMD_NTABLE; i++)
			if (cmd_table[i]->about != NULL)
				fprintf(stderr, " %s", cmd_table[i]->name);
		fputs(")\n", stderr);
	}
	fputs("Try 'tlv --help'.\n", stderr);
	buf_free(&b);
	return true;
}

int
cmd_run(const struct cmd_entry *ce, int argc, char **argv)
{
	return ce->run(argc, argv, ce->usage != NULL ? ce->usage :
	    cmd_usage());
}
