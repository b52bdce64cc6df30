/* SPDX-License-Identifier: MIT */
/*
 * What changed since a commit; see changes.h.  Files are asked for by
 * directory: one 'git -C DIR cat-file --batch' reads "REV:./BASE" lines
 * and answers each with "OID blob SIZE" and the bytes, or "... missing".
 * Only when something is missing does git run again, to say why (no such
 * revision, or which files it does not track).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "changes.h"
#include "diag.h"
#include "git.h"
#include "load.h"
#include "storydiff.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

/* Load one old version (its errors are not ours to report). */
static void
changes_load(struct changes_file *f, const char *data, size_t len)
{
	struct diag_list	diags = DIAG_LIST_INIT;

	(void)load_buffer(&f->old, f->path, data, len, &diags);
	diag_free(&diags);
	f->state = CHANGES_OK;
}

/* Read one answer of cat-file at *at; false if it is not a blob. */
static bool
changes_answer(const struct buf *out, size_t *at, const char **data,
    size_t *len)
{
	const char	*p = buf_str(out) + *at, *end = buf_str(out) + out->len;
	const char	*nl = memchr(p, '\n', (size_t)(end - p));
	const char	*sp;
	char		*num_end;
	unsigned long long size;

	if (nl == NULL) {
		*at = out->len;
		return false;
	}
	*at = (size_t)(nl + 1 - buf_str(out));
	sp = memchr(p, ' ', (size_t)(nl - p));
	if (sp == NULL || (size_t)(nl - sp) < 6 || memcmp(sp, " blob ", 6) != 0)
		return false;	/* "missing", "ambiguous", a tree */
	errno = 0;
	size = strtoull(sp + 6, &num_end, 10);
	if (errno != 0 || num_end != nl || size > (size_t)(end - nl - 1))
		return false;
	*data = nl + 1;
	*len = (size_t)size;
	*at += (size_t)size + (*at + (size_t)size < out->len);	/* its LF */
	return true;
}

/* The files of one directory that cat-file did not give: why. */
static void
changes_missing(struct changes *c, const char *dir, size_t *idx, size_t n)
{
	struct buf	 out = BUF_INIT;
	char		*spec = xasprintf("%s^{commit}", c->rev);
	const char	**argv;
	const char	*base;
	char		*d;
	size_t		 i, k;
	int		 rc;

	{
		const char *rv[] = { "git", "-C", dir, "rev-parse", "--verify",
		    "--quiet", spec, NULL };

		rc = git_run(rv, NULL, &out, true);
	}
	free(spec);
	argv = xcalloc(n + 7, sizeof *argv);
	k = 0;
	argv[k++] = "git";
	argv[k++] = "-C";
	argv[k++] = dir;
	argv[k++] = "ls-files";
	argv[k++] = "-z";
	argv[k++] = "--";
	for (i = 0; i < n; i++) {
		git_split(c->files[idx[i]].path, &d, &base);
		free(d);
		argv[k++] = base;
	}
	buf_reset(&out);
	if (rc == 0 && git_run(argv, NULL, &out, true) != 0)
		buf_reset(&out);
	for (i = 0; i < n; i++) {
		struct changes_file *f = &c->files[idx[i]];
		const char *p = buf_str(&out), *end = p + out.len;
		bool tracked = false;

		for (; p < end; p += strlen(p) + 1)
			if (strcmp(p, argv[6 + i]) == 0)
				tracked = true;
		f->state = rc != 0 ? CHANGES_NO_REV : tracked ? CHANGES_NEW :
		    CHANGES_UNTRACKED;
	}
	free(argv);
	buf_free(&out);
}

/* Could dir be in a git work tree: a .git in it or above (or git told
 * where by the environment)?  If not, git need not run to say no. */
static bool
changes_maybe_repo(const char *dir)
{
	struct stat	 st;
	char		*p, *slash, *dot;
	bool		 found = false;

	if (getenv("GIT_DIR") != NULL || getenv("GIT_WORK_TREE") != NULL ||
	    (p = realpath(dir, NULL)) == NULL)
		return true;
	for (;;) {
		dot = xasprintf("%s/.git", strcmp(p, "/") == 0 ? "" : p);
		found = lstat(dot, &st) == 0;
		free(dot);
		if (found || (slash = strrchr(p, '/')) == NULL || slash == p)
			break;
		*slash = '\0';
	}
	if (!found && strcmp(p, "/") != 0)	/* and the root's */
		found = lstat("/.git", &st) == 0;
	free(p);
	return found;
}

/* --- what HEAD is: the files to watch --- */

static void
changes_stamp(struct changes_watch *w)
{
	struct stat	st;

	if (stat(w->path, &st) != 0) {
		w->exists = false;
		w->dev = w->ino = w->size = 0;
		w->sec = 0;
		w->nsec = 0;
		return;
	}
	w->exists = true;
	w->dev = (unsigned long long)st.st_dev;
	w->ino = (unsigned long long)st.st_ino;
	w->size = (unsigned long long)st.st_size;
	w->sec = (long long)st.st_mtim.tv_sec;
	w->nsec = (long)st.st_mtim.tv_nsec;
}

/* Watch path (taken), stamped now, unless it is watched already. */
static void
changes_watch_add(struct changes *c, char *path)
{
	size_t	i;

	for (i = 0; i < c->nwatch; i++)
		if (strcmp(c->watch[i].path, path) == 0) {
			free(path);
			return;
		}
	c->watch = xreallocarray(c->watch, c->nwatch + 1, sizeof *c->watch);
	c->watch[c->nwatch].path = path;
	changes_stamp(&c->watch[c->nwatch++]);
}

/*
 * The files that say what HEAD of dir's repository is: its HEAD, the ref
 * HEAD names ("ref: refs/heads/main") and packed-refs, in the common
 * directory of a linked worktree, and the index.  Stamped before the
 * versions are read, so a commit made while they are is seen.
 */
static void
changes_watch_dir(struct changes *c, const char *dir)
{
	const char	*argv[] = { "git", "-C", dir, "rev-parse",
			    "--path-format=absolute", "--git-dir",
			    "--git-common-dir", NULL };
	struct buf	 out = BUF_INIT, head = BUF_INIT;
	char		*gitdir, *common, *nl;
	const char	*ref;

	if (git_run(argv, NULL, &out, true) != 0 || out.data == NULL)
		goto done;
	gitdir = out.data;
	if ((nl = strchr(gitdir, '\n')) == NULL)
		goto done;
	*nl = '\0';
	common = nl + 1;
	if ((nl = strchr(common, '\n')) != NULL)
		*nl = '\0';
	if (*gitdir != '/' || *common != '/')
		goto done;
	changes_watch_add(c, xasprintf("%s/HEAD", gitdir));
	changes_watch_add(c, xasprintf("%s/index", gitdir));
	changes_watch_add(c, xasprintf("%s/packed-refs", common));
	{
		char	*hp = xasprintf("%s/HEAD", gitdir);
		FILE	*f = fopen(hp, "r");
		char	 line[4096];

		free(hp);
		if (f != NULL && fgets(line, sizeof line, f) != NULL &&
		    strncmp(line, "ref: ", 5) == 0) {
			ref = line + 5;
			buf_adds(&head, ref);
			while (head.len > 0 && (head.data[head.len - 1] ==
			    '\n' || head.data[head.len - 1] == '\r'))
				head.data[--head.len] = '\0';
			if (head.len > 0 && strstr(buf_str(&head), "..") ==
			    NULL && buf_str(&head)[0] != '/')
				changes_watch_add(c, xasprintf("%s/%s", common,
				    buf_str(&head)));
		}
		if (f != NULL)
			fclose(f);
	}
done:
	buf_free(&out);
	buf_free(&head);
}

bool
changes_stale(const struct changes_watch *w, size_t n)
{
	struct changes_watch	now;
	size_t			i;

	for (i = 0; i < n; i++) {
		now.path = w[i].path;
		changes_stamp(&now);
		if (now.exists != w[i].exists || now.dev != w[i].dev ||
		    now.ino != w[i].ino || now.size != w[i].size ||
		    now.sec != w[i].sec || now.nsec != w[i].nsec)
			return true;
	}
	return false;
}

void
changes_watch_free(struct changes_watch *w, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(w[i].path);
	free(w);
}

/* The files idx[0..n) of one directory. */
static void
changes_read_dir(struct changes *c, const char *dir, size_t *idx, size_t n)
{
	struct buf	 in = BUF_INIT, out = BUF_INIT;
	const char	*argv[] = { "git", "-C", dir, "cat-file", "--batch",
			    NULL };
	const char	*base, *data;
	char		*d;
	size_t		 i, at = 0, len, nmissing = 0;
	int		 rc;

	for (i = 0; i < n; i++) {
		git_split(c->files[idx[i]].path, &d, &base);
		free(d);
		/* A name with a line break cannot be asked: not there. */
		buf_printf(&in, "%s:./%s\n", c->rev, strchr(base, '\n') ==
		    NULL ? base : "\n");
	}
	if (changes_maybe_repo(dir)) {
		changes_watch_dir(c, dir);
		rc = git_run(argv, &in, &out, true);
	} else
		rc = 128;
	for (i = 0; i < n; i++) {
		struct changes_file *f = &c->files[idx[i]];

		if (rc == -1)
			f->state = CHANGES_NO_GIT;
		else if (rc != 0)
			f->state = CHANGES_NO_REPO;
		else if (changes_answer(&out, &at, &data, &len))
			changes_load(f, data, len);
		else
			idx[nmissing++] = idx[i];
	}
	if (nmissing > 0)
		changes_missing(c, dir, idx, nmissing);
	buf_free(&in);
	buf_free(&out);
}

void
changes_read(struct changes *c, char *const *paths, size_t n,
    const char *rev)
{
	char		**dirs = xcalloc(n + 1, sizeof *dirs);
	size_t		 *idx = xcalloc(n + 1, sizeof *idx);
	const char	 *base;
	size_t		  i, j, m;

	memset(c, 0, sizeof *c);
	c->rev = xstrdup(rev != NULL ? rev : "HEAD");
	c->files = xcalloc(n + 1, sizeof *c->files);
	c->nfiles = n;
	for (i = 0; i < n; i++) {
		c->files[i].path = xstrdup(paths[i]);
		c->files[i].state = CHANGES_NO_REPO;
		git_split(paths[i], &dirs[i], &base);
	}
	for (i = 0; i < n; i++) {
		if (dirs[i] == NULL)
			continue;
		for (m = 0, j = i; j < n; j++)
			if (dirs[j] != NULL && (j == i ||
			    strcmp(dirs[j], dirs[i]) == 0))
				idx[m++] = j;
		changes_read_dir(c, dirs[i], idx, m);
		for (j = n; j-- > i + 1;)	/* dirs[i] last: it is used */
			if (dirs[j] != NULL && strcmp(dirs[j], dirs[i]) == 0) {
				free(dirs[j]);
				dirs[j] = NULL;
			}
		free(dirs[i]);
		dirs[i] = NULL;
	}
	free(dirs);
	free(idx);
}

char **
changes_paths(const struct timeline *tl, size_t *n)
{
	char	**v = xcalloc(tl->nfiles + 1, sizeof *v);
	size_t	  i;

	for (i = 0; i < tl->nfiles; i++)
		v[i] = xstrdup(tl->files[i].path);
	*n = tl->nfiles;
	return v;
}

void
changes_paths_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

char **
changes_expand(char *const *paths, size_t n, size_t *nfiles)
{
	struct stat	  st;
	char		**v = NULL, **in;
	size_t		  i, k, m, nv = 0;

	for (i = 0; i < n; i++) {
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if ((in = load_dir_files(paths[i], &m)) == NULL)
				continue;
		} else {
			in = xcalloc(1, sizeof *in);
			in[0] = xstrdup(paths[i]);
			m = 1;
		}
		v = xreallocarray(v, nv + m + 1, sizeof *v);
		for (k = 0; k < m; k++)
			v[nv++] = in[k];
		free(in);
	}
	*nfiles = nv;
	return v != NULL ? v : xcalloc(1, sizeof *v);
}

static const struct changes_file *
changes_find(const struct changes *c, const char *path)
{
	size_t	i;

	for (i = 0; i < c->nfiles; i++)
		if (strcmp(c->files[i].path, path) == 0)
			return &c->files[i];
	return NULL;
}

bool
changes_apply(const struct changes *c, struct timeline *tl,
    struct changes_count *count)
{
	const struct changes_file	*f;
	uint8_t				*marks;
	uint32_t			 fi;
	size_t				 i;

	memset(count, 0, sizeof *count);
	free(tl->changed);
	tl->changed = NULL;
	marks = xcalloc(tl->nevents + 1, 1);
	for (fi = 0; fi < tl->nfiles; fi++) {
		if ((f = changes_find(c, tl->files[fi].path)) == NULL)
			continue;
		if (f->state == CHANGES_OK)
			count->gone += storydiff_marks(&f->old, tl, fi, marks);
		else if (f->state == CHANGES_NEW) {
			for (i = 0; i < tl->nevents; i++)
				if (tl->events[i].file == fi)
					marks[i] = STORYDIFF_ADDED;
		} else
			continue;
		count->files++;
	}
	if (count->files == 0) {
		free(marks);
		return false;
	}
	for (i = 0; i < tl->nevents; i++) {
		if (marks[i] == STORYDIFF_ADDED)
			count->added++;
		else if (marks[i] != 0)
			count->changed++;
	}
	tl->changed = marks;
	return true;
}

char *
changes_why(const struct changes *c)
{
	struct buf	 b = BUF_INIT;
	const struct changes_file *f = NULL;
	size_t		 i;

	for (i = 0; i < c->nfiles; i++) {
		if (c->files[i].state == CHANGES_OK ||
		    c->files[i].state == CHANGES_NEW)
			return NULL;
		if (f == NULL)
			f = &c->files[i];
	}
	if (f == NULL)
		return xstrdup("no file to compare");
	if (f->state == CHANGES_NO_GIT)
		return xstrdup("git could not be run");
	if (f->state == CHANGES_NO_REV) {
		buf_adds(&b, "no commit '");
		text_sanitize(&b, c->rev, strlen(c->rev), 0);
		buf_adds(&b, strcmp(c->rev, "HEAD") == 0 ? "' yet" : "'");
		return buf_detach(&b);
	}
	text_sanitize(&b, f->path, strlen(f->path), 0);
	buf_adds(&b, f->state == CHANGES_UNTRACKED ? " is not tracked by git" :
	    " is not in a git work tree");
	return buf_detach(&b);
}

void
changes_free(struct changes *c)
{
	size_t	i;

	for (i = 0; i < c->nfiles; i++) {
		free(c->files[i].path);
		timeline_free(&c->files[i].old);
	}
	free(c->files);
	free(c->rev);
	changes_watch_free(c->watch, c->nwatch);
	memset(c, 0, sizeof *c);
}
