/* SPDX-License-Identifier: MIT */
/*
 * tlv merge-driver BASE OURS THEIRS PATH: git's merge driver (%O %A %B
 * %P).  Merges by event (merge.h) and writes OURS in place, atomically, as
 * git expects.  Exit 0 when clean, 1 on a conflict (the file holds git's
 * markers around each field in conflict) or when the input cannot be
 * merged by event (OURS is left as it was and the reason printed: git
 * then reports the file as conflicted), 2 on a usage error.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "diag.h"
#include "load.h"
#include "merge.h"
#include "save.h"

static const char cmd_merge_usage[] =
"usage: tlv merge-driver BASE OURS THEIRS PATH\n"
"\n"
"A git merge driver: merge the timeline file PATH by event id, writing the\n"
"result to OURS.  Notes added on both sides are all kept; changes to\n"
"different fields of an event both apply; only the same field changed two\n"
"ways is a conflict, marked around that field alone.  Set it up with\n"
"\n"
"  git config merge.tlv.name 'tlv timeline merge'\n"
"  git config merge.tlv.driver 'tlv merge-driver %O %A %B %P'\n"
"  echo '*.yaml merge=tlv diff=tlv' >> .gitattributes\n"
"\n"
"Exit status: 0 merged, 1 conflicts (or not mergeable by event: OURS is\n"
"left as it was), 2 usage error.\n";

static int
cmd_merge_run(int argc, char **argv, const char *usage)
{
	struct cli		 c = { .cmd = "merge-driver" };
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct merge_text	 t[3];
	struct buf		 out = BUF_INIT;
	char			*data[3] = { NULL, NULL, NULL }, *err = NULL;
	const char		*path;
	size_t			 i, conflicts = 0;
	int			 status;
	enum merge_status	 ms = MERGE_FAILED;

	if (cli_parse(&c, argc, argv, 0, usage, &status) == -1) {
		cli_free(&c);
		return status;
	}
	if (c.npaths != 4) {
		cli_free(&c);
		return cli_usage_error("merge-driver", "expected BASE OURS "
		    "THEIRS PATH (git's %%O %%A %%B %%P)");
	}
	path = c.paths[3];
	status = CLI_DATA_ERROR;
	for (i = 0; i < 3; i++) {
		if ((data[i] = load_read_file(c.paths[i], &t[i].len)) ==
		    NULL) {
			cli_say(stderr, "tlv merge-driver: %s: %s",
			    c.paths[i], strerror(errno));
			goto done;
		}
		t[i].data = data[i];
	}
	ms = merge_story(path, &t[0], &t[1], &t[2], &out, &conflicts, &diags);
	diag_print(&diags, stderr, DIAG_ERROR);
	if (ms == MERGE_FAILED) {
		cli_say(stderr, "tlv merge-driver: %s: not merged by event; "
		    "the file is left as it was for you to merge", path);
		goto done;
	}
	if (!save_atomic(c.paths[1], out.data, out.len, &err)) {
		cli_say(stderr, "tlv merge-driver: %s: %s", c.paths[1], err);
		free(err);
		goto done;
	}
	if (ms == MERGE_CONFLICT)
		cli_say(stderr, "tlv merge-driver: %s: %zu conflict%s",
		    path, conflicts, conflicts == 1 ? "" : "s");
	else
		status = CLI_OK;
done:
	for (i = 0; i < 3; i++)
		free(data[i]);
	buf_free(&out);
	diag_free(&diags);
	cli_free(&c);
	return status;
}

const struct cmd_entry cmd_merge_driver_entry = {
	"merge-driver", "BASE OURS THEIRS PATH", "git merge driver, by event",
	cmd_merge_usage, cmd_merge_run
};
