/* SPDX-License-Identifier: MIT */
/*
 * Loading for the commands, the one way they all load: the paths
 * (cli_paths' list) into a timeline through load.c, and the problems
 * reported as the command wants them, each as FILE:LINE:COL: SEVERITY:
 * MESSAGE through the sanitiser (diag.h).  The viewer loads on its own
 * (ui_files.c): it shows problems on a page, not on stderr.
 */
#ifndef TLV_CMD_LOAD_H
#define TLV_CMD_LOAD_H

#include <stdbool.h>
#include <stddef.h>

struct timeline;

/* What to report, and how to load. */
#define CMD_LOAD_ERRORS		0x01	/* the errors on stderr */
#define CMD_LOAD_COUNT		0x02	/* then "tlv: N warnings; 'tlv check'
					   shows them" on stderr */
#define CMD_LOAD_EVERY		0x04	/* every problem on stdout, in the
					   order of the files then of their
					   lines, then "N errors, M warnings"
					   (tlv check) */
#define CMD_LOAD_PROGRESS	0x08	/* a progress line on a terminal's
					   stderr for a big file */
#define CMD_LOAD_IN_ORDER	0x10	/* the events in the files' order,
					   not sorted (tlv import) */
/* What a command that prints the events wants. */
#define CMD_LOAD_REPORT	(CMD_LOAD_ERRORS | CMD_LOAD_COUNT | CMD_LOAD_PROGRESS)

/*
 * Load paths[0..n) into tl (empty) as load_paths does, and report as
 * flags say.  Returns the exit status the files give: CLI_DATA_ERROR if
 * one had an error, else CLI_OK (cli.h).
 */
int	 cmd_load(struct timeline *, char *const *paths, size_t n,
	    unsigned flags);

/*
 * One version of a file held in memory, named name ("story.yaml (HEAD)"),
 * into tl (empty), as load_buffer does; its errors on stderr with
 * CMD_LOAD_ERRORS (the other flags do not apply).  Returns the exit
 * status as cmd_load does: a duplicate id is an error here too.
 */
int	 cmd_load_buffer(struct timeline *, const char *name,
	    const char *buf, size_t len, unsigned flags);

/*
 * After cmd_load, for a command that changes files: if a file could not
 * be loaded at all, what it is asked about may be in it, so it says
 * "tlv CMD: N files could not be loaded (above); nothing changed" on
 * stderr and returns true.  False (nothing said) when every file loaded.
 */
bool	 cmd_load_refused(const char *cmd, const struct timeline *);

#endif
