/* SPDX-License-Identifier: MIT */
/*
 * The user's marks; see marks.h.  The store is small (a person marks tens
 * of events, not millions), so it is a plain array searched in order; what
 * must be fast is has:mark over a big timeline, which marks_index answers
 * from a flag per event worked out once.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "marks.h"
#include "timeline.h"
#include "xmalloc.h"

char *
marks_path(void)
{
	const char	*env;

	if ((env = getenv("XDG_STATE_HOME")) != NULL && *env == '/')
		return xasprintf("%s/tlv/marks", env);
	if ((env = getenv("HOME")) != NULL && *env != '\0')
		return xasprintf("%s/.local/state/tlv/marks", env);
	return NULL;
}

static void
marks_escape(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\\')
			buf_adds(b, "\\\\");
		else if (*s == '\t')
			buf_adds(b, "\\t");
		else if (*s == '\n')
			buf_adds(b, "\\n");
		else
			buf_addc(b, *s);
	}
}

/* Undo marks_escape on s[0..len) into b; false on a bad escape. */
static bool
marks_unescape(struct buf *b, const char *s, size_t len)
{
	size_t	i;

	buf_reset(b);
	for (i = 0; i < len; i++) {
		if (s[i] != '\\') {
			buf_addc(b, s[i]);
			continue;
		}
		if (++i == len)
			return false;
		if (s[i] == '\\')
			buf_addc(b, '\\');
		else if (s[i] == 't')
			buf_addc(b, '\t');
		else if (s[i] == 'n')
			buf_addc(b, '\n');
		else
			return false;
	}
	return b->len > 0;
}

static void
marks_add(struct marks *m, const char *file, const char *id)
{
	m->v = xreallocarray(m->v, m->n + 1, sizeof *m->v);
	m->v[m->n].file = xstrdup(file);
	m->v[m->n].id = xstrdup(id);
	m->n++;
}

/* One line of the store (without its newline). */
static void
marks_line(struct marks *m, const char *line, size_t len)
{
	struct buf	 file = BUF_INIT, id = BUF_INIT;
	const char	*tab = memchr(line, '\t', len);

	if (len > 0 && line[0] != '#' && tab != NULL &&
	    marks_unescape(&file, line, (size_t)(tab - line)) &&
	    marks_unescape(&id, tab + 1, len - (size_t)(tab - line) - 1) &&
	    file.data[0] == '/' && strlen(file.data) == file.len &&
	    strlen(id.data) == id.len &&
	    !marks_has(m, file.data, id.data))
		marks_add(m, file.data, id.data);
	buf_free(&file);
	buf_free(&id);
}

bool
marks_load(struct marks *m, const char *path, char **err)
{
	FILE	*f;
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;

	marks_free(m);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return true;
		*err = xasprintf("cannot read %s: %s", path, strerror(errno));
		return false;
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		if (n > 0 && line[n - 1] == '\n')
			n--;
		marks_line(m, line, (size_t)n);
	}
	free(line);
	if (ferror(f)) {
		*err = xasprintf("cannot read %s: %s", path, strerror(errno));
		fclose(f);
		marks_free(m);
		return false;
	}
	fclose(f);
	return true;
}

/* mkdir -p the directory part of path. */
static bool
marks_mkdirs(const char *path, char **err)
{
	char	*dir = xstrdup(path), *p;

	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			*err = xasprintf("cannot create %s: %s", dir,
			    strerror(errno));
			free(dir);
			return false;
		}
		*p = '/';
	}
	free(dir);
	return true;
}

/* Write all of b to fd. */
static bool
marks_write_all(int fd, const struct buf *b)
{
	size_t	done = 0;
	ssize_t	n;

	while (done < b->len) {
		if ((n = write(fd, b->data + done, b->len - done)) == -1) {
			if (errno == EINTR)
				continue;
			return false;
		}
		done += (size_t)n;
	}
	return true;
}

bool
marks_save(const struct marks *m, const char *path, char **err)
{
	struct buf	 b = BUF_INIT;
	char		*tmp;
	size_t		 i;
	int		 fd, e;

	if (!marks_mkdirs(path, err))
		return false;
	buf_adds(&b, "# tlv marks: FILE<TAB>ID, one a line\n");
	for (i = 0; i < m->n; i++) {
		marks_escape(&b, m->v[i].file);
		buf_addc(&b, '\t');
		marks_escape(&b, m->v[i].id);
		buf_addc(&b, '\n');
	}
	tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1) {
		*err = xasprintf("cannot write %s: %s", path, strerror(errno));
		free(tmp);
		buf_free(&b);
		return false;
	}
	if (!marks_write_all(fd, &b) || fsync(fd) == -1) {
		e = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		e = errno;
		goto fail;
	}
	free(tmp);
	buf_free(&b);
	return true;
fail:
	unlink(tmp);
	*err = xasprintf("cannot write %s: %s", path, strerror(e));
	free(tmp);
	buf_free(&b);
	return false;
}

static size_t
marks_find(const struct marks *m, const char *file, const char *id)
{
	size_t	i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->v[i].id, id) == 0 &&
		    strcmp(m->v[i].file, file) == 0)
			return i;
	return SIZE_MAX;
}

bool
marks_has(const struct marks *m, const char *file, const char *id)
{
	return marks_find(m, file, id) != SIZE_MAX;
}

bool
marks_set(struct marks *m, const char *file, const char *id, bool on)
{
	size_t	i = marks_find(m, file, id);

	if (on == (i != SIZE_MAX))
		return false;
	if (on) {
		marks_add(m, file, id);
		return true;
	}
	free(m->v[i].file);
	free(m->v[i].id);
	memmove(&m->v[i], &m->v[i + 1], (m->n - i - 1) * sizeof *m->v);
	m->n--;
	return true;
}

char *
marks_file_key(const char *path)
{
	char	*real, *cwd;
	char	*key;

	if ((real = realpath(path, NULL)) != NULL) {
		key = xstrdup(real);
		free(real);
		return key;
	}
	if (path[0] == '/' || (cwd = getcwd(NULL, 0)) == NULL)
		return xstrdup(path);
	key = xasprintf("%s/%s", cwd, path);
	free(cwd);
	return key;
}

void
marks_free(struct marks *m)
{
	size_t	i;

	for (i = 0; i < m->n; i++) {
		free(m->v[i].file);
		free(m->v[i].id);
	}
	free(m->v);
	m->v = NULL;
	m->n = 0;
}

/* --- the index ---------------------------------------------------------- */

void
marks_index_init(struct marks_index *x, const struct marks *m)
{
	memset(x, 0, sizeof *x);
	x->marks = m;
}

void
marks_index_reset(struct marks_index *x)
{
	free(x->flags);
	x->flags = NULL;
	x->tl = NULL;
	x->events = NULL;
	x->nevents = 0;
}

/* Flag the events with id of file f (the first loaded event with that id
 * is found by the index; another file's is looked for the long way). */
static void
marks_index_flag(struct marks_index *x, uint32_t f, const char *id)
{
	const struct timeline	*tl = x->tl;
	const struct tl_event	*e = timeline_find_id(tl, id);
	size_t			 i;

	if (e != NULL && e->file == f) {
		x->flags[e - tl->events] = true;
		return;
	}
	if (e == NULL)
		return;
	for (i = 0; i < tl->nevents; i++)
		if (tl->events[i].file == f && tl->events[i].id != NULL &&
		    strcmp(tl->events[i].id, id) == 0)
			x->flags[i] = true;
}

static void
marks_index_build(struct marks_index *x, const struct timeline *tl)
{
	char	*key;
	size_t	 f, i;

	marks_index_reset(x);
	x->tl = tl;
	x->events = tl->events;
	x->nevents = tl->nevents;
	x->flags = xcalloc(tl->nevents + 1, sizeof *x->flags);
	if (x->marks == NULL || x->marks->n == 0)
		return;
	for (f = 0; f < tl->nfiles; f++) {
		key = marks_file_key(tl->files[f].path);
		for (i = 0; i < x->marks->n; i++)
			if (strcmp(x->marks->v[i].file, key) == 0)
				marks_index_flag(x, (uint32_t)f,
				    x->marks->v[i].id);
		free(key);
	}
}

bool
marks_index_has(struct marks_index *x, const struct timeline *tl,
    const struct tl_event *e)
{
	if (tl == NULL || e < tl->events || e >= tl->events + tl->nevents)
		return false;
	if (x->flags == NULL || x->tl != tl || x->events != tl->events ||
	    x->nevents != tl->nevents)
		marks_index_build(x, tl);
	return x->flags[e - tl->events];
}

bool
marks_index_marked(void *arg, const struct timeline *tl,
    const struct tl_event *e)
{
	return marks_index_has(arg, tl, e);
}

void
marks_index_free(struct marks_index *x)
{
	marks_index_reset(x);
}
