/* SPDX-License-Identifier: MIT */
/* A big file parsed in parallel; see load_int.h. */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "diag.h"
#include "load.h"
#include "load_int.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"

/* --- parallel loading ----------------------------------------------------
 *
 * A big file's events list is cut at lines where one of its items starts
 * ("  - " at the items' column), and the parts are parsed at the same time,
 * each by its own libyaml parser into its own timeline (yamlio_load_part);
 * the first part, with the top of the file, on the calling thread.  The
 * events are then moved into tl in order, their lines and offsets shifted
 * to the part's place, and the parts' arenas adopted.
 *
 * This is only a faster way to the same result: if any part has anything
 * to say (an error, a warning, a cut that turns out not to be between two
 * items), everything the parts made is dropped and the file is parsed
 * whole, so that every diagnostic is exactly what one parser gives.
 */
#define LOAD_PAR_MIN	((size_t)4 << 20)	/* smaller files: one parser */
#define LOAD_JOBS_MAX	16

struct load_part {
	/* in */
	const char		*path;
	const char		*base;	/* the whole mapped file */
	size_t			 start, end;	/* this part's bytes */
	uint32_t		 indent;
	/* done with pages: */
	size_t			 dropped;	/* absolute, page-aligned */
	/* out */
	struct timeline		 tl;
	struct diag_list	 diags;
	struct yamlio_part	 yp;
	bool			 ok;
	bool			 threaded;	/* else parsed by the caller */
};

/* How many parsers: $TLV_JOBS if set (1 turns parallel loading off), else
 * the processors online. */
size_t
load_jobs(void)
{
	const char	*env = getenv("TLV_JOBS");
	long		 n;
	char		*end;

	if (env != NULL && *env != '\0') {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n >= 1)
			return n > LOAD_JOBS_MAX ? LOAD_JOBS_MAX : (size_t)n;
	}
	n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		return 1;
	return n > LOAD_JOBS_MAX ? LOAD_JOBS_MAX : (size_t)n;
}

/* Whether b[i..) starts a line "<indent spaces>-" then a space, tab or
 * line end: an item of a block list at that column. */
static bool
load_item_line(const char *b, size_t len, size_t i, uint32_t indent)
{
	size_t	k;

	if (len - i < (size_t)indent + 2)
		return false;
	for (k = 0; k < indent; k++)
		if (b[i + k] != ' ')
			return false;
	i += indent;
	return b[i] == '-' && (b[i + 1] == ' ' || b[i + 1] == '\t' ||
	    b[i + 1] == '\n' || b[i + 1] == '\r');
}

/*
 * Where to cut b[0..len) into at most n parts: cut[0] = 0, then the starts
 * of item lines near each n-th of the file, cut[k] = len.  Returns k, the
 * number of parts (1 when the file's layout does not allow cutting: no
 * top-level "events:" key followed by a block list).  *indent: the
 * items' column.  *key_end: the byte after "events", to check against the
 * first part's parse.
 */
static size_t
load_split(const char *b, size_t len, size_t n, size_t *cut,
    uint32_t *indent, size_t *key_end)
{
	const char	*p;
	size_t		 i, k, at, first;

	/* A line "events:" at column 0, with nothing but a comment after. */
	for (i = 0; ; i = (size_t)(p - b) + 1) {
		p = i < len ? memchr(b + i, 'e', len - i) : NULL;
		if (p == NULL)
			return 1;
		at = (size_t)(p - b);
		if ((at == 0 || b[at - 1] == '\n') && len - at > 7 &&
		    memcmp(p, "events:", 7) == 0)
			break;
	}
	*key_end = at + 6;
	for (i = at + 7; i < len && (b[i] == ' ' || b[i] == '\t'); i++)
		;
	if (i < len && b[i] == '#')
		while (i < len && b[i] != '\n')
			i++;
	if (i >= len || (b[i] != '\n' && b[i] != '\r'))
		return 1;
	/* The first item: past blank and comment lines. */
	for (;;) {
		while (i < len && b[i] != '\n')
			i++;
		if (++i >= len)
			return 1;
		for (k = i; k < len && b[k] == ' '; k++)
			;
		if (k < len && (b[k] == '\n' || b[k] == '\r' || b[k] == '#'))
			continue;
		if (k - i > 64 || !load_item_line(b, len, i, (uint32_t)(k - i)))
			return 1;
		*indent = (uint32_t)(k - i);
		first = i;
		break;
	}
	cut[0] = 0;
	for (k = 1; k < n; k++) {
		size_t t = len / n * k;

		if (t <= first)
			t = first + 1;
		if (t <= cut[k - 1])
			t = cut[k - 1] + 1;
		/* The next line at t or after that is an item line. */
		for (;;) {
			p = t < len ? memchr(b + t, '\n', len - t) : NULL;
			if (p == NULL)
				goto done;
			t = (size_t)(p - b) + 1;
			if (load_item_line(b, len, t, *indent))
				break;
		}
		cut[k] = t;
	}
done:
	cut[k] = len;
	return k;
}

/* The pages of a part that its parser is done with. */
static void
load_part_drop(void *ctx, size_t upto)
{
	struct load_part	*pt = ctx;
	size_t			 page = (size_t)sysconf(_SC_PAGESIZE);
	size_t			 end = (pt->start + upto) / page * page;

	if (pt->dropped == 0)
		pt->dropped = (pt->start + page - 1) / page * page;
	if (end > pt->dropped) {
		madvise((void *)(uintptr_t)(pt->base + pt->dropped),
		    end - pt->dropped, MADV_DONTNEED);
		pt->dropped = end;
	}
}

static void *
load_part_run(void *arg)
{
	struct load_part	*pt = arg;

	(void)timeline_add_file(&pt->tl, pt->path);
	pt->ok = yamlio_load_part(&pt->tl, 0, pt->base + pt->start,
	    pt->end - pt->start, &pt->diags, load_part_drop, pt, &pt->yp);
	return NULL;
}

/* The first part, on the calling thread, into tl itself. */
struct load_first {
	struct load_map			*m;
	const struct load_progress	*progress;
	size_t			 len;	/* of the part */
	size_t			 total;
	size_t			 first_events;	/* in tl before the file */
};

static void
load_first_drop(void *ctx, size_t upto)
{
	struct load_first	*lf = ctx;

	load_drop(lf->m, upto);	/* lf->m->progress is NULL meanwhile */
	/* Progress for the whole file: the parts go at about one pace. */
	if (lf->progress != NULL && lf->progress->fn != NULL && upto > 0)
		lf->progress->fn(lf->progress->ctx, lf->m->path,
		    (size_t)((double)upto / (double)lf->len *
		    (double)lf->total), lf->total, lf->first_events +
		    (size_t)((double)(lf->m->tl->nevents - lf->first_events) *
		    (double)lf->total / (double)lf->len));
}

/* Give back the whole pages inside p[0..len) (memory that is read no
 * more and freed soon after). */
static void
load_release(const void *p, size_t len)
{
	size_t		page = (size_t)sysconf(_SC_PAGESIZE);
	uintptr_t	a = ((uintptr_t)p + page - 1) / page * page;
	uintptr_t	b = ((uintptr_t)p + len) / page * page;

	if (b > a)
		madvise((void *)a, b - a, MADV_DONTNEED);
}

/* Move the events of a later part into tl: file fi, lines shifted by
 * line_base, offsets by the part's start, numbered after tl's.  The
 * part's array is given back as it is copied, so that the events are in
 * memory about once. */
#define LOAD_ADOPT_STEP	4096

static void
load_part_adopt(struct timeline *tl, uint32_t fi, struct load_part *pt,
    size_t line_base)
{
	struct tl_file	*f = &tl->files[fi];
	size_t		 i, j, n = pt->tl.nevents, done;

	timeline_reserve(tl, tl->nevents + n);
	for (done = 0; done < n; done += i) {
		struct tl_event *src = pt->tl.events + done;
		size_t step = n - done < LOAD_ADOPT_STEP ? n - done :
		    LOAD_ADOPT_STEP;

		for (i = 0; i < step; i++) {
			struct tl_event *e = &tl->events[tl->nevents++];

			*e = src[i];
			e->file = fi;
			e->span.start += pt->start;
			e->span.end += pt->start;
			e->span.line += (uint32_t)line_base;
			for (j = 0; j < e->nrelated; j++)
				e->related[j].line += (uint32_t)line_base;
		}
		load_release(src, step * sizeof *src);
	}
	free(pt->tl.events);
	pt->tl.events = NULL;
	pt->tl.nevents = pt->tl.cap = 0;
	if (pt->tl.files[0].nitems > 0)
		f->events_last = pt->start + pt->tl.files[0].events_last;
	f->nitems += pt->tl.files[0].nitems;
	f->refs |= pt->tl.files[0].refs;
	f->events_end = pt->start + pt->tl.files[0].events_end;
	arena_adopt(&tl->arena, &pt->tl.arena);
}

/* Start parsing parts 1..k-1 (part i is m's bytes cut[i]..cut[i+1]), each
 * on a thread of its own; a part that gets no thread is marked to be
 * parsed by load_parts_join, after the first. */
static void
load_parts_start(const struct load_map *m, const size_t *cut, size_t k,
    uint32_t indent, struct load_part *parts, pthread_t *threads)
{
	size_t	i;

	for (i = 1; i < k; i++) {
		struct load_part *pt = &parts[i];

		pt->path = m->path;
		pt->base = m->base;
		pt->start = cut[i];
		pt->end = cut[i + 1];
		pt->indent = indent;
		pt->yp.rest = true;
		pt->yp.indent = indent;
		pt->threaded = pthread_create(&threads[i], NULL,
		    load_part_run, pt) == 0;
	}
}

/* Wait for parts 1..k-1; parse here those that got no thread. */
static void
load_parts_join(struct load_part *parts, pthread_t *threads, size_t k)
{
	size_t	i;

	for (i = 1; i < k; i++)
		if (parts[i].threaded)
			pthread_join(threads[i], NULL);
		else
			(void)load_part_run(&parts[i]);
}

/*
 * May the parts be put together?  The first part (f, as parsed) must be
 * the top of the file with its events list running to the cut, and the
 * later parts must have parsed without a word said.  (The later parts
 * cannot know that the file is HTML; a tl_html needs one parser.)
 */
static bool
load_parts_clean(const struct tl_file *f, const struct load_part *parts,
    size_t k, size_t key_end, uint32_t indent)
{
	size_t	i;

	if (f->html || f->events_key_end != key_end || f->events_flow ||
	    f->events_indent != indent)
		return false;
	for (i = 1; i < k; i++)
		if (!parts[i].ok || parts[i].diags.n != 0 ||
		    parts[i].tl.nhtml != 0)
			return false;
	return true;
}

/*
 * Parse the mapped file m as tl->files[fi] in parallel, if it is big and
 * its layout allows; true if that was done (*ok set as yamlio would),
 * false if the caller should parse it whole (nothing was changed then).
 */
bool
load_parallel(struct timeline *tl, uint32_t fi, struct load_map *m,
    struct diag_list *diags, bool *ok)
{
	struct load_part	*parts;
	pthread_t		*threads;
	struct load_first	 lf;
	struct yamlio_part	 yp0;
	struct tl_file		 saved = tl->files[fi];
	size_t			 cut[LOAD_JOBS_MAX + 1], n, k, i;
	size_t			 first_ev = tl->nevents, first_diag = diags->n;
	size_t			 first_dropped = tl->ndropped;
	size_t			 first_html = tl->nhtml;
	size_t			 key_end = 0, line_base;
	uint32_t		 indent = 0;
	pthread_t		 hasher;
	bool			 good, hashing;

	if (m->len < LOAD_PAR_MIN || (n = load_jobs()) < 2)
		return false;
	if ((k = load_split(m->base, m->len, n, cut, &indent,
	    &key_end)) < 2)
		return false;
	/* The hash is taken at the same time as the parts are parsed (it
	 * reads the file some twenty times faster than a parser). */
	m->hashing = false;
	hashing = pthread_create(&hasher, NULL, load_hash_mapped, m) == 0;
	if (!hashing)
		(void)load_hash_mapped(m);
	parts = xcalloc(k, sizeof *parts);
	threads = xcalloc(k, sizeof *threads);
	load_parts_start(m, cut, k, indent, parts, threads);
	memset(&yp0, 0, sizeof yp0);
	lf.m = m;
	lf.progress = m->progress;
	lf.len = cut[1];
	lf.total = m->len;
	lf.first_events = first_ev;
	m->progress = NULL;
	good = yamlio_load_part(tl, fi, m->base, cut[1], diags,
	    load_first_drop, &lf, &yp0);
	m->progress = lf.progress;
	load_parts_join(parts, threads, k);
	if (hashing)
		pthread_join(hasher, NULL);

	good = good && diags->n == first_diag &&
	    load_parts_clean(&tl->files[fi], parts, k, key_end, indent);
	if (good) {
		line_base = yp0.lines;
		for (i = 1; i < k; i++) {
			load_part_adopt(tl, fi, &parts[i], line_base);
			line_base += parts[i].yp.lines;
		}
		tl->files[fi].nevents = tl->nevents - first_ev;
		*ok = true;
	} else {
		/* Back to how it was; the caller parses the file whole. */
		timeline_truncate(tl, first_ev);
		tl->ndropped = first_dropped;
		tl->nhtml = first_html;
		diag_truncate(diags, first_diag);
		tl->files[fi] = saved;
	}
	for (i = 1; i < k; i++) {
		timeline_free(&parts[i].tl);
		diag_free(&parts[i].diags);
	}
	free(parts);
	free(threads);
	return good;
}

bool
load_head(struct timeline *tl, const char *path, size_t max)
{
	struct load_map		 m;
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct yamlio_part	 yp;
	size_t			 cut[3], key_end = 0, first = tl->nevents;
	uint32_t		 indent = 0, fi;
	bool			 ok = false;

	if (!load_map(path, &m))
		return false;
	/* Cut in two as if the file were 2 * max bytes long. */
	if (max > 0 && m.len / max >= 2 &&
	    load_split(m.base, max * 2, 2, cut, &indent, &key_end) == 2) {
		memset(&yp, 0, sizeof yp);
		fi = timeline_add_file(tl, path);
		ok = yamlio_load_part(tl, fi, m.base, cut[1], &diags, NULL,
		    NULL, &yp) && diags.n == 0 && tl->nevents > first;
		if (ok)
			timeline_sort(tl);
		else {
			timeline_free(tl);
			memset(tl, 0, sizeof *tl);
		}
	}
	diag_free(&diags);
	munmap((void *)(uintptr_t)m.base, m.len);
	return ok;
}
