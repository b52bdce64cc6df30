/* SPDX-License-Identifier: MIT */
/* Files and directories into one timeline; see load.h. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "claims.h"
#include "diag.h"
#include "load.h"
#include "load_int.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"

/*
 * A byte no YAML text may hold (NUL, a C0 control other than tab, line
 * feed and carriage return, or DEL) in the first LOAD_PEEK bytes: its
 * offset + 1, else 0.  libyaml decodes and checks the first 16 KiB of its
 * input before it reads a token, so such a byte is the first and only
 * error a whole parse would report; parsing the bytes up to it gives that
 * error at once, without reading (or cutting, or hashing) the rest of a
 * file that may be gigabytes of zeros.
 */
#define LOAD_PEEK	4096

static size_t
load_bad_head(const char *buf, size_t len)
{
	size_t	i, n = len < LOAD_PEEK ? len : LOAD_PEEK;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7F)
			return i + 1;
	}
	return 0;
}

static bool
load_one(struct timeline *tl, const char *path, struct diag_list *diags,
    const struct load_progress *progress)
{
	uint32_t	 fi = timeline_add_file(tl, path);
	struct tl_file	*f = &tl->files[fi];
	struct load_map	 m;
	size_t		 len;
	char		*buf;
	bool		 ok;

	if (load_map(path, &m) && (len = load_bad_head(m.base, m.len)) > 0) {
		/* Refused on its first bytes (the file cannot be edited, so
		 * the hash of those is enough). */
		f->size = m.len;
		f->hash = load_hash(m.base, len);
		ok = yamlio_load_buffer(tl, fi, m.base, len, diags);
		munmap((void *)(uintptr_t)m.base, m.len);
		if (progress != NULL && progress->fn != NULL)
			progress->fn(progress->ctx, path, m.len, m.len,
			    tl->nevents);
		return ok;
	}
	if (m.base != NULL) {
		m.path = path;
		m.progress = progress;
		m.tl = tl;
		f->size = m.len;
		if (!load_parallel(tl, fi, &m, diags, &ok))
			ok = yamlio_load_stream(tl, fi, m.base, m.len, diags,
			    load_drop, &m);
		if (m.hashing)	/* what the parser did not give back */
			load_hash_feed(&m.hasher, (const unsigned char *)
			    m.base + m.dropped, m.len - m.dropped);
		tl->files[fi].hash = load_hash_end(&m.hasher);
		munmap((void *)(uintptr_t)m.base, m.len);
		if (progress != NULL && progress->fn != NULL)
			progress->fn(progress->ctx, path, m.len, m.len,
			    tl->nevents);
		return ok;
	}
	if ((buf = load_read_file(path, &len)) == NULL) {
		const char *why = errno == EINVAL ? "not a regular file" :
		    errno == EFBIG ? "file too large" : strerror(errno);

		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", why);
		f->failed = true;
		f->errors++;
		return false;
	}
	f->size = len;
	f->hash = load_hash(buf, len);
	ok = yamlio_load_buffer(tl, fi, buf, len, diags);
	free(buf);
	return ok;
}

bool
load_file(struct timeline *tl, const char *path, struct diag_list *diags)
{
	return load_one(tl, path, diags, NULL);
}

bool
load_buffer_unsorted(struct timeline *tl, const char *name, const char *buf,
    size_t len, struct diag_list *diags)
{
	uint32_t	fi = timeline_add_file(tl, name);
	size_t		errors = diags->errors;
	bool		ok;

	if (buf == NULL)
		buf = "";
	tl->files[fi].size = len;
	tl->files[fi].hash = load_hash(buf, len);
	if (!yamlio_load_buffer(tl, fi, buf, len, diags))
		return false;
	ok = diags->errors == errors;
	load_check(tl, diags);
	return ok;
}

bool
load_buffer(struct timeline *tl, const char *name, const char *buf,
    size_t len, struct diag_list *diags)
{
	bool	ok = load_buffer_unsorted(tl, name, buf, len, diags);

	timeline_sort(tl);
	return ok;
}

static bool
load_is_timeline_name(const char *name)
{
	const char	*dot = strrchr(name, '.');

	if (name[0] == '.' || dot == NULL)
		return false;
	return strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0 ||
	    strcmp(dot, ".json") == 0;
}

static int
load_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
load_dir_files(const char *dir, size_t *np)
{
	DIR		 *d;
	struct dirent	 *de;
	char		**names = NULL;
	size_t		  n = 0;
	size_t		  dlen = strlen(dir);
	const char	 *sep = dlen > 0 && dir[dlen - 1] == '/' ? "" : "/";

	*np = 0;
	if ((d = opendir(dir)) == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (!load_is_timeline_name(de->d_name))
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xasprintf("%s%s%s", dir, sep, de->d_name);
	}
	closedir(d);
	if (n > 1)	/* names is NULL when n is 0: not for qsort */
		qsort(names, n, sizeof *names, load_name_cmp);
	*np = n;
	return names != NULL ? names : xcalloc(1, sizeof *names);
}

/* Every timeline file directly in dir, sorted; false if unreadable. */
static bool
load_dir(struct timeline *tl, const char *dir, struct diag_list *diags,
    size_t *failed, const struct load_progress *progress)
{
	char		**names;
	size_t		  n = 0, i;

	if ((names = load_dir_files(dir, &n)) == NULL) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot read: %s",
		    strerror(errno));
		return false;
	}
	for (i = 0; i < n; i++) {
		if (!load_one(tl, names[i], diags, progress))
			(*failed)++;
		free(names[i]);
	}
	free(names);
	if (n == 0)
		diag_add(diags, DIAG_WARNING, dir, 0, 0,
		    "no .yaml, .yml or .json files in this directory");
	return true;
}

/* With processors to spare, a big timeline's sort order is worked out on
 * a thread while the checks run: both only read the events (the checks
 * write the id index, the files' error counts and the diagnostics). */
#define LOAD_SORT_PAR_MIN	((size_t)1 << 16)

struct load_order {
	const struct timeline	*tl;
	uint32_t		*from;
};

static void *
load_order_run(void *arg)
{
	struct load_order	*lo = arg;

	lo->from = timeline_sort_order(lo->tl);
	return NULL;
}

static void
load_check_sort(struct timeline *tl, struct diag_list *diags)
{
	struct load_order	lo = { tl, NULL };
	pthread_t		t;
	bool			threaded;

	threaded = tl->nevents >= LOAD_SORT_PAR_MIN && load_jobs() >= 2 &&
	    pthread_create(&t, NULL, load_order_run, &lo) == 0;
	load_check(tl, diags);
	if (threaded)
		pthread_join(t, NULL);
	else
		lo.from = timeline_sort_order(tl);
	timeline_sort_apply(tl, lo.from);
}

size_t
load_paths(struct timeline *tl, char *const *paths, size_t n,
    struct diag_list *diags)
{
	return load_paths_progress(tl, paths, n, diags, NULL);
}

/* Keep before's events of file fi (bf there) in place of what it holds
 * now; the ids it dropped now go too.  tl is in load order. */
static void
load_keep_file(struct timeline *tl, uint32_t fi, const struct timeline *before,
    uint32_t bf)
{
	size_t	i, n = 0;

	for (i = 0; i < tl->nevents; i++)
		if (tl->events[i].file != fi)
			tl->events[n++] = tl->events[i];
	timeline_truncate(tl, n);
	for (i = n = 0; i < tl->ndropped; i++)
		if (tl->dropped[i].file != fi)
			tl->dropped[n++] = tl->dropped[i];
	tl->ndropped = n;
	for (i = 0; i < before->nevents; i++)
		if (before->events[i].file == bf)
			timeline_copy_event(tl, fi, &before->events[i]);
	tl->files[fi].nevents = before->files[bf].nevents;
	tl->files[fi].title = arena_strdup(&tl->arena, before->files[bf].title);
	tl->files[fi].description = before->files[bf].description != NULL ?
	    arena_strdup(&tl->arena, before->files[bf].description) : NULL;
	tl->files[fi].stale = true;
}

static void
load_keep_stale(struct timeline *tl, const struct timeline *before)
{
	const struct tl_file	*b;
	uint32_t		 fi, bf;

	for (fi = 0; fi < tl->nfiles; fi++) {
		if (tl->files[fi].errors == 0 && !tl->files[fi].failed)
			continue;
		for (bf = 0; bf < before->nfiles; bf++) {
			b = &before->files[bf];
			if (strcmp(b->path, tl->files[fi].path) != 0)
				continue;
			if (b->stale || (b->errors == 0 && !b->failed))
				load_keep_file(tl, fi, before, bf);
			break;
		}
	}
}

static size_t
load_paths_all(struct timeline *tl, char *const *paths, size_t n,
    struct diag_list *diags, const struct load_progress *progress,
    const struct timeline *before)
{
	struct stat	st;
	size_t		i, failed = 0;

	for (i = 0; i < n; i++) {
		if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (!load_dir(tl, paths[i], diags, &failed, progress))
				failed++;
		} else if (!load_one(tl, paths[i], diags, progress))
			failed++;
	}
	if (before != NULL)
		load_keep_stale(tl, before);
	load_check_sort(tl, diags);
	return failed;
}

size_t
load_paths_progress(struct timeline *tl, char *const *paths, size_t n,
    struct diag_list *diags, const struct load_progress *progress)
{
	return load_paths_all(tl, paths, n, diags, progress, NULL);
}

size_t
load_paths_keep(struct timeline *tl, char *const *paths, size_t n,
    struct diag_list *diags, const struct timeline *before)
{
	return load_paths_all(tl, paths, n, diags, NULL, before);
}

/* --- checks across files ------------------------------------------------- */

/*
 * A second use of an id, reported after all are found so that they come
 * in load order: the ids of events dropped for other errors (a bad date)
 * count too, so a reused id is reported in the same run, not only once
 * the first problem is fixed.
 */
struct load_dup {
	const char	*id;
	uint32_t	 file, start, line, col;	/* the second use */
	uint32_t	 ffile, fline, fcol;		/* the first */
};

struct load_dups {
	struct timeline		*tl;
	struct load_dup		*v;
	size_t			 n, cap;
};

static void
load_dup_add(struct load_dups *d, const char *id, uint32_t file,
    uint32_t start, uint32_t line, uint32_t col, uint32_t ffile,
    uint32_t fline, uint32_t fcol)
{
	struct load_dup	*p;

	if (d->n == d->cap) {
		d->cap = d->cap != 0 ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	p = &d->v[d->n++];
	p->id = id;
	p->file = file;
	p->start = start;
	p->line = line;
	p->col = col;
	p->ffile = ffile;
	p->fline = fline;
	p->fcol = fcol;
}

/* The loaded event e, a second use of the id of the first. */
static void
load_dup_event(struct load_dups *d, const struct tl_event *e, uint32_t ffile,
    uint32_t fline, uint32_t fcol)
{
	uint32_t	l, c;

	tl_event_id_pos(e, &l, &c);
	load_dup_add(d, e->id, e->file, e->span.start, l, c, ffile, fline, fcol);
}

static void
load_dup_id(void *ctx, size_t first, size_t dup)
{
	struct load_dups	*d = ctx;
	const struct tl_event	*a = &d->tl->events[first];
	uint32_t		 al, ac;

	tl_event_id_pos(a, &al, &ac);
	load_dup_event(d, &d->tl->events[dup], a->file, al, ac);
}

/* Dropped ids by id, then load order. */
static int
load_dropped_cmp(const void *a, const void *b)
{
	const struct tl_dropped_id *x = a, *y = b;
	int c;

	/* Those without an id (kept for their related ids) first. */
	if (x->id == NULL || y->id == NULL)
		c = (x->id != NULL) - (y->id != NULL);
	else
		c = strcmp(x->id, y->id);
	if (c != 0)
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int
load_dup_cmp(const void *a, const void *b)
{
	const struct load_dup *x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Each use of a dropped id after the first, dropped or loaded (uses among
 * loaded events only are load_dup_id's). */
static void
load_dropped_dups(struct load_dups *d)
{
	struct timeline		*tl = d->tl;
	struct tl_dropped_id	*v = tl->dropped;
	const struct tl_event	*g;
	size_t			 i, j, k;
	uint32_t		 gl = 0, gc = 0;

	if (tl->ndropped == 0)
		return;
	qsort(v, tl->ndropped, sizeof *v, load_dropped_cmp);
	for (i = 0; i < tl->ndropped && v[i].id == NULL; i++)
		;
	for (; i < tl->ndropped; i = j) {
		for (j = i + 1; j < tl->ndropped &&
		    strcmp(v[j].id, v[i].id) == 0; j++)
			;
		/* v[i..j) share an id, in load order; g is the first
		 * loaded event of it, if any. */
		if ((g = timeline_find_id(tl, v[i].id)) != NULL)
			tl_event_id_pos(g, &gl, &gc);
		if (g != NULL && (g->file != v[i].file ? g->file < v[i].file :
		    g->span.start < v[i].start)) {
			for (k = i; k < j; k++)
				load_dup_add(d, v[k].id, v[k].file, v[k].start,
				    v[k].line, v[k].col, g->file, gl, gc);
			continue;
		}
		for (k = i + 1; k < j; k++)
			load_dup_add(d, v[k].id, v[k].file, v[k].start,
			    v[k].line, v[k].col, v[i].file, v[i].line,
			    v[i].col);
		if (g != NULL)
			load_dup_event(d, g, v[i].file, v[i].line, v[i].col);
	}
}

static void
load_dups_report(struct load_dups *d, struct diag_list *diags)
{
	struct timeline	*tl = d->tl;
	size_t		 i;

	/* load_dup_id's come in load order; the dropped ones join them. */
	if (tl->ndropped > 0 && d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, load_dup_cmp);
	for (i = 0; i < d->n; i++) {
		const struct load_dup *p = &d->v[i];

		diag_add(diags, DIAG_ERROR, tl->files[p->file].path, p->line,
		    p->col, "duplicate id '%s' (ids must be unique across all "
		    "loaded files)", p->id);
		diag_add(diags, DIAG_NOTE, tl->files[p->ffile].path, p->fline,
		    p->fcol, "'%s' was first used here", p->id);
		tl->files[p->file].errors++;
	}
	free(d->v);
}

/* A dropped event of this id, or NULL (the dropped ids are sorted). */
static const struct tl_dropped_id *
load_find_dropped(const struct timeline *tl, const char *id)
{
	struct tl_dropped_id	key = { .id = id, .file = 0, .start = 0 };
	size_t			lo = 0, hi = tl->ndropped, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (load_dropped_cmp(&tl->dropped[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tl->ndropped && tl->dropped[lo].id != NULL &&
	    strcmp(tl->dropped[lo].id, id) == 0 ? &tl->dropped[lo] : NULL;
}

/* What is wrong with e's relation r to event to (claims.h): a warning. */
static void
load_check_relation(const struct timeline *tl, struct diag_list *diags,
    const struct tl_event *e, const struct tl_ref *r,
    const struct tl_event *to)
{
	struct buf	b = BUF_INIT;

	if (claims_relation_problem(e, r, to, &b))
		diag_add(diags, DIAG_WARNING, tl->files[e->file].path,
		    r->line, r->col, "%s", b.data);
	buf_free(&b);
}

/* The related ids of one event (loaded or dropped) that match no event,
 * loaded or dropped: a warning each.  e: the loaded event stating them
 * (NULL for a dropped one), whose relations are checked too. */
static void
load_check_related(const struct timeline *tl, struct diag_list *diags,
    const struct tl_event *e, uint32_t file, const struct tl_ref *rel,
    uint32_t n)
{
	uint32_t	j;

	for (j = 0; j < n; j++) {
		const char *r = rel[j].text;
		const struct tl_event *to;

		if ((to = timeline_find_id(tl, r)) != NULL) {
			if (e != NULL && rel[j].rel != TL_REL_NONE)
				load_check_relation(tl, diags, e, &rel[j], to);
			continue;
		}
		/* An event not loaded for its errors: those errors are the
		 * problem, reported once, not again at every link to it. */
		if (load_find_dropped(tl, r) != NULL)
			continue;
		diag_add(diags, DIAG_WARNING, tl->files[file].path, rel[j].line,
		    rel[j].col, "related id '%s' matches no loaded event", r);
	}
}

/* Dropped events in load order. */
static int
load_dropped_pos_cmp(const void *a, const void *b)
{
	const struct tl_dropped_id *x = *(const struct tl_dropped_id *const *)a;
	const struct tl_dropped_id *y = *(const struct tl_dropped_id *const *)b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

void
load_check(struct timeline *tl, struct diag_list *diags)
{
	struct load_dups	 d = { tl, NULL, 0, 0 };
	struct tl_dropped_id	**byp = NULL;
	size_t			 i, k, nd = 0;

	/* The id index keeps the first loaded event of each id; the sort
	 * after keeps the index. */
	timeline_index(tl, load_dup_id, &d);
	load_dropped_dups(&d);
	load_dups_report(&d, diags);
	/* The related ids of loaded and of dropped events, in load order. */
	for (i = 0; i < tl->ndropped; i++)
		if (tl->dropped[i].nrelated > 0)
			nd++;
	if (nd > 0) {
		byp = xreallocarray(NULL, nd, sizeof *byp);
		for (i = 0, k = 0; i < tl->ndropped; i++)
			if (tl->dropped[i].nrelated > 0)
				byp[k++] = &tl->dropped[i];
		qsort(byp, nd, sizeof *byp, load_dropped_pos_cmp);
	}
	for (i = 0, k = 0; i < tl->nevents || k < nd; ) {
		const struct tl_event *e = i < tl->nevents ? &tl->events[i] :
		    NULL;

		if (e != NULL && (k == nd || (e->file != byp[k]->file ?
		    e->file < byp[k]->file : e->span.start < byp[k]->start))) {
			load_check_related(tl, diags, e, e->file, e->related,
			    e->nrelated);
			i++;
		} else {
			load_check_related(tl, diags, NULL, byp[k]->file,
			    byp[k]->related, byp[k]->nrelated);
			k++;
		}
	}
	free(byp);
}

