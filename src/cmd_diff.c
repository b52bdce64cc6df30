/* SPDX-License-Identifier: MIT */
/*
 * tlv diff [REV1 [REV2]] [--] [FILE|DIR ...]: what changed in the story
 * between two commits, by event (storydiff.h); REV1 defaults to HEAD and
 * REV2 to the working files.  The old versions come from 'git show',
 * run as a child with an argument vector (git.h, never a shell).
 * With no FILE, the timeline files git says changed, from the current
 * directory down, a renamed one compared with what it was.  Exit 0 with no changes, 1 with changes, 2 on trouble
 * (as diff).  Colour only on a terminal (and not with NO_COLOR).
 *
 * tlv diff --textconv FILE: the file as stable text by event, for git's
 * diff.tlv.textconv; a file that does not load is printed as it is.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "cmd_load.h"
#include "diag.h"
#include "git.h"
#include "load.h"
#include "storydiff.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

static const char cmd_diff_usage[] =
"usage: tlv diff [REV1 [REV2]] [--] [FILE|DIR ...]\n"
"       tlv diff --textconv FILE\n"
"\n"
"What changed in the story between two git commits, one line per change,\n"
"by event: added, removed, re-dated, re-titled, verdict changed, sources\n"
"and notes added or removed, relations gained or lost, other fields\n"
"changed.  REV1 defaults to HEAD, REV2 to the working files.  With no\n"
"FILE, the timeline files that git says changed, from the current\n"
"directory down (a renamed one compared with what it was).\n"
"\n"
"  --textconv FILE    the file as stable text by event, for git's\n"
"                     diff.tlv.textconv (git log -p shows story changes)\n"
"\n"
"Exit status: 0 no changes, 1 changes, 2 trouble.\n";

struct diff_run {
	const char	*rev[2];	/* rev[1] NULL: the working files */
	bool		 color;
	bool		 trouble;
	size_t		 changes;
	struct buf	 out;
};

/* Whether arg names a commit. */
static bool
cmd_diff_is_rev(const char *arg)
{
	struct buf	 out = BUF_INIT;
	char		*spec = xasprintf("%s^{commit}", arg);
	const char	*argv[] = { "git", "rev-parse", "--verify", "--quiet",
			    spec, NULL };
	int		 rc = git_run(argv, NULL, &out, true);

	free(spec);
	buf_free(&out);
	return rc == 0;
}

static bool
cmd_diff_is_timeline_name(const char *name)
{
	const char	*dot = strrchr(name, '.');

	return name[0] != '.' && dot != NULL && (strcmp(dot, ".yaml") == 0 ||
	    strcmp(dot, ".yml") == 0 || strcmp(dot, ".json") == 0);
}

/* One version of the file: at rev, or the working file (rev NULL). */
static bool
cmd_diff_version(const char *path, const char *rev, struct buf *out)
{
	char	*data;
	size_t	 len;

	buf_reset(out);
	if (rev != NULL)
		return git_show(path, rev, out);
	if ((data = load_read_file(path, &len)) == NULL)
		return false;
	buf_add(out, data, len);
	free(data);
	return true;
}

/* Load one version; false (errors printed) if it has errors. */
static bool
cmd_diff_load(struct timeline *tl, const char *path, const char *rev,
    const struct buf *text)
{
	char	*name = rev != NULL ? xasprintf("%s (%s)", path, rev) :
		    xstrdup(path);
	int	 status = CLI_OK;

	if (text != NULL)
		status = cmd_load_buffer(tl, name, text->data, text->len,
		    CMD_LOAD_ERRORS);
	else	/* not in that version: no events */
		timeline_add_file(tl, name);
	free(name);
	return status == CLI_OK;
}

/*
 * The file at path, as was at r->rev[0] (under the name was, when git
 * says it was renamed, else path) and as is at r->rev[1].  A renamed file
 * is headed "PATH (was WAS)" and is a change even if its story is not.
 */
static void
cmd_diff_file_was(struct diff_run *r, const char *was, const char *path)
{
	struct buf	 a = BUF_INIT, b = BUF_INIT, lines = BUF_INIT;
	struct timeline	 old = TIMELINE_INIT, new = TIMELINE_INIT;
	bool		 has_a, has_b, ok_old, ok_new;
	bool		 renamed = strcmp(was, path) != 0;
	size_t		 n;

	has_a = cmd_diff_version(was, r->rev[0], &a);
	has_b = cmd_diff_version(path, r->rev[1], &b);
	if ((!has_a && !has_b) || (!renamed && has_a && has_b &&
	    a.len == b.len && (a.len == 0 || memcmp(a.data, b.data,
	    a.len) == 0)))
		goto done;
	/* Both, even when the old one has errors: else every event of the
	 * new one would show as removed. */
	ok_old = cmd_diff_load(&old, was, r->rev[0], has_a ? &a : NULL);
	ok_new = cmd_diff_load(&new, path, r->rev[1], has_b ? &b : NULL);
	if (!ok_old || !ok_new)
		r->trouble = true;
	n = storydiff_lines(&old, &new, r->color, &lines);
	if (n > 0 || renamed) {
		if (r->changes > 0)
			buf_addc(&r->out, '\n');
		buf_printf(&r->out, "%s", r->color ? "\033[1m" : "");
		text_sanitize(&r->out, path, strlen(path), 0);
		if (renamed) {
			buf_adds(&r->out, " (was ");
			text_sanitize(&r->out, was, strlen(was), 0);
			buf_addc(&r->out, ')');
		}
		buf_printf(&r->out, "%s\n", r->color ? "\033[m" : "");
		buf_add(&r->out, lines.data, lines.len);
		r->changes += n > 0 ? n : 1;
	}
done:
	timeline_free(&old);
	timeline_free(&new);
	buf_free(&a);
	buf_free(&b);
	buf_free(&lines);
}

static void
cmd_diff_file(struct diff_run *r, const char *path)
{
	cmd_diff_file_was(r, path, path);
}

/* --- which files --------------------------------------------------------- */

struct diff_names {
	char	**v;
	size_t	  n;
};

static void
cmd_diff_names_add(struct diff_names *ns, const char *name, size_t len)
{
	size_t	i;

	for (i = 0; i < ns->n; i++)
		if (strlen(ns->v[i]) == len && memcmp(ns->v[i], name, len) == 0)
			return;
	ns->v = xreallocarray(ns->v, ns->n + 1, sizeof *ns->v);
	ns->v[ns->n++] = xstrndup(name, len);
}

/* The NUL- or newline-separated names in out that are timeline files. */
static void
cmd_diff_names_from(struct diff_names *ns, const struct buf *out, char sep)
{
	const char	*p = buf_str(out), *end = p + out->len, *e, *base;

	for (; p < end; p = e + 1) {
		if ((e = memchr(p, sep, (size_t)(end - p))) == NULL)
			e = end;
		base = p;
		for (const char *q = p; q < e; q++)
			if (*q == '/')
				base = q + 1;
		if (e > p) {
			char *name = xstrndup(base, (size_t)(e - base));

			if (cmd_diff_is_timeline_name(name))
				cmd_diff_names_add(ns, p, (size_t)(e - p));
			free(name);
		}
	}
}

static int
cmd_diff_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
cmd_diff_names_free(struct diff_names *ns)
{
	size_t	i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
}

static void
cmd_diff_dir_working(struct diff_names *ns, const char *dir)
{
	DIR		*d;
	struct dirent	*de;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		if (cmd_diff_is_timeline_name(de->d_name))
			cmd_diff_names_add(ns, de->d_name, strlen(de->d_name));
	closedir(d);
}

/* The timeline files directly in dir: working ones and those at each rev
 * (a file deleted since is a change too). */
static void
cmd_diff_dir(struct diff_run *r, const char *dir)
{
	struct diff_names	 ns = { NULL, 0 };
	struct buf		 out = BUF_INIT;
	char			*path;
	size_t			 i;
	int			 k;

	for (k = 0; k < 2; k++) {
		const char *argv[] = { "git", "-C", dir, "ls-tree", "-z",
		    "--name-only", r->rev[k], NULL };

		if (r->rev[k] == NULL)
			continue;
		buf_reset(&out);
		if (git_run(argv, NULL, &out, true) == 0)	/* names unquoted */
			cmd_diff_names_from(&ns, &out, '\0');
	}
	if (r->rev[1] == NULL)
		cmd_diff_dir_working(&ns, dir);
	if (ns.n > 1)
		qsort(ns.v, ns.n, sizeof *ns.v, cmd_diff_name_cmp);
	for (i = 0; i < ns.n; i++) {
		path = strcmp(dir, ".") == 0 ? xstrdup(ns.v[i]) :
		    xasprintf("%s%s%s", dir, dir[strlen(dir) - 1] == '/' ?
		    "" : "/", ns.v[i]);
		cmd_diff_file(r, path);
		free(path);
	}
	buf_free(&out);
	cmd_diff_names_free(&ns);
}

/* One file git says changed: its name now, and the name it had. */
struct diff_pair {
	char	*path;
	char	*was;
};

static int
cmd_diff_pair_cmp(const void *a, const void *b)
{
	return strcmp(((const struct diff_pair *)a)->path,
	    ((const struct diff_pair *)b)->path);
}

/* A name of git's, if it is a timeline file's. */
static bool
cmd_diff_is_timeline_path(const char *path)
{
	const char	*slash = strrchr(path, '/');

	return cmd_diff_is_timeline_name(slash != NULL ? slash + 1 : path);
}

/*
 * With no FILE: what git says changed, from here down ('git diff
 * --name-status -M -z': "STATUS\0PATH\0", a rename "R<score>\0WAS\0PATH\0").
 * A timeline file renamed is compared with what it was; renamed from or
 * to another kind of file, it is added or removed.
 */
static bool
cmd_diff_changed(struct diff_run *r)
{
	struct diff_pair	*v = NULL;
	struct buf		 out = BUF_INIT;
	const char		*argv[] = { "git", "diff", "--name-status",
				    "-M", "--relative", "-z", r->rev[0],
				    r->rev[1], NULL, NULL };
	const char		*p, *end, *st, *was, *path;
	size_t			 i, n = 0;
	int			 rc;

	if (r->rev[1] == NULL)
		argv[7] = "--";
	else
		argv[8] = "--";
	rc = git_run(argv, NULL, &out, false);
	if (rc != 0) {
		buf_free(&out);
		return false;
	}
	p = buf_str(&out);
	end = p + out.len;
	while (p < end) {
		st = p;
		p += strlen(p) + 1;
		if (p >= end)
			break;
		was = path = p;
		p += strlen(p) + 1;
		if ((*st == 'R' || *st == 'C') && p < end) {
			path = p;
			p += strlen(p) + 1;
		}
		/* A copy (diff.renames=copies) is a new file; a file that
		 * was not a timeline is new as one. */
		if (*st == 'C' || !cmd_diff_is_timeline_path(was))
			was = path;
		if (!cmd_diff_is_timeline_path(path)) {
			if (was == path)
				continue;
			path = was;	/* no longer a timeline */
		}
		v = xreallocarray(v, n + 2, sizeof *v);
		v[n].path = xstrdup(path);
		v[n++].was = xstrdup(was);
	}
	if (n > 1)
		qsort(v, n, sizeof *v, cmd_diff_pair_cmp);
	for (i = 0; i < n; i++) {
		cmd_diff_file_was(r, v[i].was, v[i].path);
		free(v[i].path);
		free(v[i].was);
	}
	free(v);
	buf_free(&out);
	return true;
}

static int
cmd_diff_textconv(const char *path)
{
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct buf		 out = BUF_INIT;
	char			*data;
	size_t			 len;

	if ((data = load_read_file(path, &len)) == NULL) {
		cli_say(stderr, "tlv diff: %s: %s", path, strerror(errno));
		return CLI_USAGE;
	}
	if (load_buffer(&tl, path, data, len, &diags))
		storydiff_text(&tl, &out);
	else
		/* Not a timeline it can read: the text as it is, so that
		 * git still shows the change. */
		buf_add(&out, data, len);
	fwrite(buf_str(&out), 1, out.len, stdout);
	buf_free(&out);
	diag_free(&diags);
	timeline_free(&tl);
	free(data);
	return fflush(stdout) == 0 && !ferror(stdout) ? CLI_OK : CLI_USAGE;
}

static int
cmd_diff_run(int argc, char **argv, const char *usage)
{
	struct diff_run	 r = { { "HEAD", NULL }, false, false, 0, BUF_INIT };
	struct stat	 sb;
	const char	*nc = getenv("NO_COLOR");
	int		 i = 1, nrev = 0, first;

	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		return CLI_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--textconv") == 0) {
		if (argc != 3)
			return cli_usage_error("diff", "--textconv takes one "
			    "FILE");
		return cmd_diff_textconv(argv[2]);
	}
	/* Up to two revisions first: arguments that are not files and name
	 * commits. */
	for (; i < argc && nrev < 2; i++) {
		if (strcmp(argv[i], "--") == 0 || stat(argv[i], &sb) == 0)
			break;
		if (argv[i][0] == '-')
			return cli_usage_error("diff", "unknown option '%s'",
			    argv[i]);
		if (!cmd_diff_is_rev(argv[i]))
			break;
		r.rev[nrev++] = argv[i];
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	first = i;
	for (; i < argc; i++)
		if (stat(argv[i], &sb) != 0 &&
		    !cmd_diff_is_timeline_name(argv[i])) {
			cli_say(stderr, "tlv diff: '%s' is neither a commit nor "
			    "a file", argv[i]);
			return CLI_USAGE;
		}
	if (nrev == 0 && !cmd_diff_is_rev("HEAD")) {
		cli_say(stderr, "tlv diff: not in a git work tree with a "
		    "commit (git rev-parse HEAD failed)");
		return CLI_USAGE;
	}
	r.color = isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0');
	if (first == argc) {
		if (!cmd_diff_changed(&r))
			r.trouble = true;
	}
	for (i = first; i < argc; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			cmd_diff_dir(&r, argv[i]);
		else
			cmd_diff_file(&r, argv[i]);
	}
	fwrite(buf_str(&r.out), 1, r.out.len, stdout);
	buf_free(&r.out);
	if (fflush(stdout) != 0 || ferror(stdout))
		r.trouble = true;
	return r.trouble ? CLI_USAGE : r.changes > 0 ? CLI_DATA_ERROR : CLI_OK;
}

const struct cmd_entry cmd_diff_entry = {
	"diff", "[REV1 [REV2]] [FILE|DIR ...]",
	"what changed in the story (git)", cmd_diff_usage, cmd_diff_run
};
