/* SPDX-License-Identifier: MIT */
/*
 * What the commands share: option parsing for filters and summary layout,
 * the default timeline directory, the configuration, the progress line,
 * and usage errors; and, defined in cmd_edit.c, a new note's author and
 * time (tlv annotate and the viewer's a).  Loading and its report are
 * cmd_load.h's.  Exit codes follow SPEC section 3.
 */
#ifndef TLV_CLI_H
#define TLV_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "summary.h"

#define CLI_OK		0
#define CLI_DATA_ERROR	1
#define CLI_USAGE	2

/* Option groups a command accepts. */
#define CLI_OPT_FILTER	0x1	/* --filter --from --to --tag ... */
#define CLI_OPT_LAYOUT	0x2	/* --brief --full --width */

struct query;

/* The filter options, for the commands' usage texts. */
#define CLI_FILTER_USAGE \
"  --filter QUERY     e.g. 'tag:starlink status:alleged,denied from:2022'\n" \
"  --from DATE        events that end on or after DATE\n" \
"  --to DATE          events that start on or before DATE\n" \
"  --tag TAG          events with this tag\n" \
"  --actor NAME       events with an actor containing NAME\n" \
"  --status S[,S]     confirmed, reported, alleged, disputed, denied, none\n" \
"  --grep TEXT        TEXT in title, description, actors, tags or notes\n" \
"  --since REV        changed: means since commit REV (default: HEAD)\n"

struct cli {
	const char		*cmd;		/* "summary", ... ("" for bare) */
	struct buf		 filter;	/* the composed query text */
	char			**paths;	/* not owned (argv) */
	size_t			 npaths;
	enum summary_mode	 mode;
	size_t			 width;		/* 0: not given */
	const char		*config;	/* --config FILE, or NULL (argv) */
	const char		*since;		/* --since REV, or NULL (argv) */
};

/*
 * Parse argv (after the command name).  Prints --help text itself (usage is
 * the command's help text) and returns -1 with *status set when the caller
 * should exit: CLI_OK after --help/--version, CLI_USAGE on a bad option.
 */
int	 cli_parse(struct cli *, int argc, char **argv, unsigned groups,
	    const char *usage, int *status);
/* Compile cli->filter; NULL (after printing the error with a caret) on
 * error.  An empty filter gives NULL with *ok true. */
struct query *cli_query(const struct cli *, bool *ok);
/* CLI_OK, or CLI_USAGE said why: a command's --since that no changed: in
 * q uses. */
int	 cli_since_check(const struct cli *, const struct query *);
/*
 * cli_parse, then cli_query: the start of every command that filters.
 * Returns 0 with *q set (NULL: no filter), or -1 with *status set when the
 * command should end (help shown, or a usage error printed: also a
 * command's --since with no changed: in the filter); c is freed then.
 */
int	 cli_begin(struct cli *, int argc, char **argv, unsigned groups,
	    const char *usage, struct query **q, int *status);
/* Paths given, or the bundled timelines directory when none. */
void	 cli_paths(const struct cli *, char ***paths, size_t *n);
/* A progress line on stderr for big files, when stderr is a terminal
 * (NULL otherwise). */
struct load_progress;
const struct load_progress *cli_progress(void);
/* Width for wrapping: --width, else the terminal's, else 80. */
size_t	 cli_width(const struct cli *);
/*
 * Read the configuration (--config FILE, else $TLV_CONFIG or the default
 * file; see conf.h) into conf (NULL: only to check it), and print its
 * problems to stderr as FILE:LINE:COL diagnostics under a line naming them
 * configuration problems.  As in the viewer, a bad line is skipped and
 * the command goes on: the exit status is not changed.
 */
struct conf;
void	 cli_config(const char *cmd, const char *option, struct conf *conf);
/*
 * If q uses changed: (SPEC section 11), mark tl's events changed since
 * --since or HEAD (changes.h: git is asked); when no file can be
 * compared, say why on stderr ("tlv CMD: changed: ...: nothing
 * matches").  CLI_USAGE, said why, when --since was given and no file
 * can be compared with it (no such commit, not in a git work tree); else
 * CLI_OK.  (cli_begin refuses a command's --since without changed:.)
 */
struct timeline;
int	 cli_changes(const struct cli *, const struct query *,
	    struct timeline *);
/*
 * The usage error for the word arg, which getopt_long did not take, among
 * the long options opts (ended by one without a name): a known one
 * without its value (or with one it takes none of), the start of several,
 * or an unknown one, with the nearest name if one is near.
 */
struct option;
int	 cli_option_error(const char *cmd, const struct option *opts,
	    const char *arg);
/* Print "tlv CMD: message" and a hint to stderr; returns CLI_USAGE.  The
 * message goes through the sanitiser (it quotes what the user typed). */
int	 cli_usage_error(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Print one line to fp: the formatted text through the sanitiser (a
 * control character in it, LF too, shows as a placeholder), then a
 * newline.  For every message that quotes user input or file content. */
void	 cli_say(FILE *fp, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 cli_free(struct cli *);

/* For notes (cmd_edit.c): the author given, else $USER, $LOGNAME or the
 * account's name.  (Their time is date.h's date_now_text.) */
const char *cmd_edit_author(const char *given);

/* A new note, the one place its time and author are made (tlv annotate
 * and the viewer's a): at now (date_now_text), by the name given (--by),
 * else the configuration's author, else as cmd_edit_author.  Returns the
 * time, malloc'd, which n->at points to: free it after the note. */
struct edit_note;
char	*cmd_edit_note(struct edit_note *n, const char *by,
	    const char *conf_author, const char *text);

#endif
