/* SPDX-License-Identifier: MIT */
/*
 * tlv: a terminal timeline viewer.  main() picks the command from the one
 * command table below (name, usage line, what it does, run function); the
 * main usage text is made from the same table.  Each command lives in its
 * own cmd_*.c file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "cmd_export.h"
#include "text.h"

struct main_command {
	const char	*name;
	const char	*args;		/* after the name in the usage text */
	const char	*about;		/* NULL: hidden from the usage text */
	int		(*run)(int, char **);
};

static const struct main_command main_commands[] = {
	{ "summary", "[FILE|DIR ...]", "print a plain-text chronology",
	    cmd_summary },
	{ "check", "[FILE|DIR ...]", "validate files; print every problem",
	    cmd_check },
	{ "export", "--format FMT [FILE|DIR ...]",
	    "markdown, json, csv, ics, timelinejs, svg", cmd_export },
	{ "import", "--from timelinejs FILE.json", "TimelineJS JSON to tlv YAML",
	    cmd_import },
	{ "annotate", "[--by NAME] ID TEXT [FILE|DIR ...]",
	    "append a note to event ID", cmd_annotate },
	{ "add", "--date D --title T [--status S] [--tag T]... [--actor A]... "
	    "FILE", "add an event", cmd_add },
	{ "rm", "ID [FILE|DIR ...]", "delete event ID", cmd_rm },
	{ "diff", "[REV1 [REV2]] [FILE|DIR ...]",
	    "what changed in the story (git)", cmd_diff },
	{ "merge-driver", "BASE OURS THEIRS PATH", "git merge driver, by event",
	    cmd_merge_driver },
	/* Hidden developer and completion aids (cmd_keys.c). */
	{ "keys", "", NULL, cmd_keys },
	{ "ids", "", NULL, cmd_ids },
};
#define MAIN_NCOMMANDS (sizeof main_commands / sizeof *main_commands)

/* Where the description starts in the commands' list. */
#define MAIN_ABOUT_COL	27

const char *
cli_main_usage(void)
{
	static struct buf	 usage = BUF_INIT;
	const struct main_command *mc;
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
	for (i = 0; i < MAIN_NCOMMANDS; i++) {
		mc = &main_commands[i];
		if (mc->about == NULL)
			continue;
		start = usage.len;
		buf_adds(&usage, "  ");
		buf_adds(&usage, mc->name);
		buf_addc(&usage, ' ');
		buf_adds(&usage, mc->args);
		/* A long usage line gets its description on the next. */
		if (usage.len - start + 2 > MAIN_ABOUT_COL) {
			buf_addc(&usage, '\n');
			start = usage.len;
		}
		while (usage.len - start < MAIN_ABOUT_COL)
			buf_addc(&usage, ' ');
		buf_adds(&usage, mc->about);
		buf_addc(&usage, '\n');
	}
	buf_adds(&usage,
	    "\n"
	    "Options (the filter the viewer opens with; see 'tlv summary "
	    "--help'):\n"
	    "  --filter QUERY, --from DATE, --to DATE, --tag TAG, --actor NAME,\n"
	    "  --status S[,S], --grep TEXT, --config FILE, --help, --version\n"
	    "\n"
	    "In the viewer, ? or h lists every key.\n"
	    "\n"
	    "Exit status: 0 success, 1 a file had errors, 2 usage error.\n");
	return usage.data;
}

static const struct main_command *
main_find(const char *name)
{
	size_t	i;

	for (i = 0; i < MAIN_NCOMMANDS; i++)
		if (strcmp(name, main_commands[i].name) == 0)
			return &main_commands[i];
	return NULL;
}

/*
 * The bare tlv's first argument names neither a command nor a file: a
 * misspelt command (SPEC section 3) is a usage error, not an empty
 * timeline.  Something that reads as a path ("x.yaml", "dir/") is left
 * for the loader to report as a file that cannot be read.
 */
static bool
main_unknown_command(const char *arg)
{
	struct stat	 st;
	const char	*best = NULL;
	unsigned	 d, bestd = 3;
	size_t		 i;
	struct buf	 b = BUF_INIT;

	if (*arg == '\0' || *arg == '-' || strpbrk(arg, "/.") != NULL ||
	    stat(arg, &st) == 0)
		return false;
	for (i = 0; i < MAIN_NCOMMANDS; i++) {
		if (main_commands[i].about == NULL)
			continue;
		if ((d = text_distance(arg, main_commands[i].name, 2)) < bestd) {
			bestd = d;
			best = main_commands[i].name;
		}
	}
	text_sanitize(&b, arg, strlen(arg), 0);
	if (best != NULL) {
		fprintf(stderr, "tlv: unknown command '%s' (did you mean "
		    "'%s'?)\n", b.data, best);
	} else {
		fprintf(stderr, "tlv: unknown command '%s', and no file of that "
		    "name (commands:", b.data);
		for (i = 0; i < MAIN_NCOMMANDS; i++)
			if (main_commands[i].about != NULL)
				fprintf(stderr, " %s", main_commands[i].name);
		fputs(")\n", stderr);
	}
	fputs("Try 'tlv --help'.\n", stderr);
	buf_free(&b);
	return true;
}

int
main(int argc, char **argv)
{
	const struct main_command *mc;

	if (argc >= 2) {
		if ((mc = main_find(argv[1])) != NULL)
			return mc->run(argc - 1, argv + 1);
		if (main_unknown_command(argv[1]))
			return CLI_USAGE;
	}
	/* Piped, the bare command prints the summary: scripts never hang. */
	if (isatty(STDOUT_FILENO) || getenv("TLV_SCRIPT") != NULL)
		return cmd_view(argc, argv);
	return cmd_summary_bare(argc, argv);
}
