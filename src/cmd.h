/* SPDX-License-Identifier: MIT */
/*
 * The commands.  Each cmd_*.c file defines the entry of each command it
 * holds (as tmux's cmd-*.c do); cmd.c's table lists them in the order of
 * the main usage text, which it makes from the table, and finds them by
 * name.  main() runs the one named, or the bare tlv's.
 *
 * To add a command: a cmd_NAME.c with its usage text, its run function
 * and its entry; the entry's declaration below and its place in cmd.c's
 * table; the file in Makefile.am; completion/tlv.bash (tests/completion.sh
 * checks it against 'tlv --help'); the man page.
 */
#ifndef TLV_CMD_H
#define TLV_CMD_H

#include <stdbool.h>

struct cmd_entry {
	const char	*name;		/* "summary"; "" for the bare tlv's */
	const char	*args;		/* after the name in the usage text */
	const char	*about;		/* its line there; NULL: hidden */
	const char	*usage;		/* its --help text; NULL: the main
					   usage text (cmd_usage) */
	/* argv[0] is the command's name; usage: the --help text.  Returns
	 * the exit status (cli.h's CLI_*). */
	int		(*run)(int argc, char **argv, const char *usage);
};

extern const struct cmd_entry cmd_summary_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_annotate_entry;
extern const struct cmd_entry cmd_add_entry;
extern const struct cmd_entry cmd_rm_entry;
extern const struct cmd_entry cmd_diff_entry;
extern const struct cmd_entry cmd_merge_driver_entry;
extern const struct cmd_entry cmd_keys_entry;		/* hidden */
extern const struct cmd_entry cmd_ids_entry;		/* hidden */
/* The bare tlv: the viewer on a terminal, else the summary. */
extern const struct cmd_entry cmd_view_entry;
extern const struct cmd_entry cmd_summary_bare_entry;

/* The command named name, or NULL. */
const struct cmd_entry *cmd_find(const char *name);
/* The bare tlv's usage text, made from the table. */
const char	*cmd_usage(void);
/* If arg names neither a command nor a file (a misspelt command), say so
 * on stderr, with the closest command, and return true. */
bool		 cmd_unknown(const char *arg);
/* Run the entry with its usage text. */
int		 cmd_run(const struct cmd_entry *, int argc, char **argv);

#endif
