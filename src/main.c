/* SPDX-License-Identifier: MIT */
/*
 * tlv: a terminal timeline viewer.  main() picks the command; each command
 * lives in its own cmd_*.c file.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char main_usage[] =
"usage: tlv [OPTIONS] [FILE|DIR ...]\n"
"       tlv COMMAND [OPTIONS] [ARGS ...]\n"
"\n"
"A timeline viewer for events kept in YAML files.  With no COMMAND, open the\n"
"timeline (when standard output is not a terminal, print its summary).  With\n"
"no FILE, the bundled timelines.\n"
"\n"
"Commands:\n"
"  summary [FILE|DIR ...]   print a plain-text chronology\n"
"  check [FILE|DIR ...]     validate files; print every problem\n"
"\n"
"Options: the filters and layout options of 'tlv summary --help';\n"
"  --help, --version.\n";

struct main_command {
	const char	*name;
	int		(*run)(int, char **);
};

static const struct main_command main_commands[] = {
	{ "summary", cmd_summary },
	{ "check", cmd_check },
};

/* Commands of the contract that this version does not have yet. */
static const char *const main_planned[] = {
	"annotate", "add", "rm", "export", "import"
};

int
main(int argc, char **argv)
{
	size_t	i;

	if (argc >= 2) {
		for (i = 0; i < sizeof main_commands / sizeof *main_commands;
		    i++)
			if (strcmp(argv[1], main_commands[i].name) == 0)
				return main_commands[i].run(argc - 1, argv + 1);
		for (i = 0; i < sizeof main_planned / sizeof *main_planned; i++)
			if (strcmp(argv[1], main_planned[i]) == 0)
				return cli_usage_error("", "'%s' is not "
				    "available in this version", argv[1]);
		if (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0) {
			fputs(main_usage, stdout);
			return CLI_OK;
		}
	}
	/* The viewer is not built yet: the bare command prints the summary,
	 * as it does whenever standard output is not a terminal. */
	return cmd_summary(argc, argv);
}
