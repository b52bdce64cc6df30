/* SPDX-License-Identifier: MIT */
/*
 * tlv: a terminal timeline viewer.  main() picks the command; each command
 * lives in its own cmd_*.c file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd_export.h"

struct main_command {
	const char	*name;
	int		(*run)(int, char **);
};

static const struct main_command main_commands[] = {
	{ "summary", cmd_summary },
	{ "check", cmd_check },
	{ "annotate", cmd_annotate },
	{ "add", cmd_add },
	{ "rm", cmd_rm },
	{ "export", cmd_export },
	{ "import", cmd_import },
	/* Hidden developer and completion aids (cmd_keys.c). */
	{ "keys", cmd_keys },
	{ "ids", cmd_ids },
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
	}
	/* Piped, the bare command prints the summary: scripts never hang. */
	if (isatty(STDOUT_FILENO) || getenv("TLV_SCRIPT") != NULL)
		return cmd_view(argc, argv);
	return cmd_summary(argc, argv);
}
