/* SPDX-License-Identifier: MIT */
/*
 * tlv: a terminal timeline viewer.  main() runs the command its first
 * argument names (cmd.h), or the bare tlv's: the viewer on a terminal,
 * the summary into a pipe.
 */
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"

int
main(int argc, char **argv)
{
	const struct cmd_entry	*ce;

	if (argc >= 2) {
		if ((ce = cmd_find(argv[1])) != NULL)
			return cmd_run(ce, argc - 1, argv + 1);
		if (cmd_unknown(argv[1]))
			return CLI_USAGE;
	}
	/* Piped, the bare command prints the summary: scripts never hang. */
	if (isatty(STDOUT_FILENO) || getenv("TLV_SCRIPT") != NULL)
		return cmd_run(&cmd_view_entry, argc, argv);
	return cmd_run(&cmd_summary_bare_entry, argc, argv);
}
