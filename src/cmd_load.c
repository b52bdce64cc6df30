/* SPDX-License-Identifier: MIT */
/* Loading for the commands, and their reports of its problems. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd_load.h"
#include "diag.h"
#include "load.h"
#include "timeline.h"
#include "xmalloc.h"

/* The problems in the order of the files, then of their lines. */
static void
cmd_load_sort(struct diag_list *diags, const struct timeline *tl)
{
	char	**paths = xcalloc(tl->nfiles + 1, sizeof *paths);
	size_t	  i;

	for (i = 0; i < tl->nfiles; i++)
		paths[i] = tl->files[i].path;
	diag_sort(diags, paths, tl->nfiles);
	free(paths);
}

static void
cmd_load_report(struct diag_list *diags, const struct timeline *tl,
    unsigned flags)
{
	if (flags & CMD_LOAD_EVERY) {
		cmd_load_sort(diags, tl);
		diag_print(diags, stdout, DIAG_WARNING);
		printf("%zu error%s, %zu warning%s\n", diags->errors,
		    diags->errors == 1 ? "" : "s", diags->warnings,
		    diags->warnings == 1 ? "" : "s");
		return;
	}
	if (flags & CMD_LOAD_ERRORS)
		diag_print(diags, stderr, DIAG_ERROR);
	if ((flags & CMD_LOAD_COUNT) && diags->warnings > 0)
		fprintf(stderr, "tlv: %zu warning%s; 'tlv check' shows them\n",
		    diags->warnings, diags->warnings == 1 ? "" : "s");
}

int
cmd_load(struct timeline *tl, char *const *paths, size_t n, unsigned flags)
{
	struct diag_list	diags = DIAG_LIST_INIT;
	int			status;
	size_t			i;

	if (flags & CMD_LOAD_IN_ORDER) {
		for (i = 0; i < n; i++)
			(void)load_file(tl, paths[i], &diags);
		load_check(tl, &diags);
	} else
		(void)load_paths_progress(tl, paths, n, &diags,
		    (flags & CMD_LOAD_PROGRESS) ? cli_progress() : NULL);
	cmd_load_report(&diags, tl, flags);
	status = diags.errors > 0 ? CLI_DATA_ERROR : CLI_OK;
	diag_free(&diags);
	return status;
}

int
cmd_load_buffer(struct timeline *tl, const char *name, const char *buf,
    size_t len, unsigned flags)
{
	struct diag_list	diags = DIAG_LIST_INIT;
	int			status;

	(void)load_buffer(tl, name, buf, len, &diags);
	if (flags & CMD_LOAD_ERRORS)
		diag_print(&diags, stderr, DIAG_ERROR);
	status = diags.errors > 0 ? CLI_DATA_ERROR : CLI_OK;
	diag_free(&diags);
	return status;
}

bool
cmd_load_refused(const char *cmd, const struct timeline *tl)
{
	size_t	i, n = 0;

	for (i = 0; i < tl->nfiles; i++)
		n += tl->files[i].failed;
	if (n == 0)
		return false;
	cli_say(stderr, "tlv %s: %zu file%s could not be loaded (above); "
	    "nothing changed", cmd, n, n == 1 ? "" : "s");
	return true;
}
