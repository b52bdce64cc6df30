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
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"

/*
 * A file's hash, to notice a change on disk before a save.  Four lanes of
 * FNV-style mixing over 32-byte blocks, so that four multiplies are in
 * flight and hashing keeps up with memory; the bytes after the last whole
 * block go into the first lane one by one, and the lanes are folded at
 * the end.  A file can be fed in pieces: every piece but the last must be
 * a multiple of LOAD_HASH_BLOCK bytes.
 */
#define LOAD_HASH_BLOCK	32
#define LOAD_HASH_PRIME	1099511628211ULL

struct load_hasher {
	uint64_t	h[4];
};

static void
load_hash_start(struct load_hasher *s, size_t len)
{
	s->h[0] = 14695981039346656037ULL ^ len;
	s->h[1] = s->h[0] ^ 0x9E3779B97F4A7C15ULL;
	s->h[2] = s->h[0] ^ 0xC2B2AE3D27D4EB4FULL;
	s->h[3] = s->h[0] ^ 0x165667B19E3779F9ULL;
}

static void
load_hash_feed(struct load_hasher *s, const unsigned char *b, size_t len)
{
	uint64_t	w;
	size_t		i, k;

	for (i = 0; i + LOAD_HASH_BLOCK <= len; i += LOAD_HASH_BLOCK)
		for (k = 0; k < 4; k++) {
			memcpy(&w, b + i + 8 * k, 8);
			s->h[k] = (s->h[k] ^ w) * LOAD_HASH_PRIME;
			s->h[k] ^= s->h[k] >> 32;
		}
	for (; i < len; i++)
		s->h[0] = (s->h[0] ^ b[i]) * LOAD_HASH_PRIME;
}

static uint64_t
load_hash_end(const struct load_hasher *s)
{
	uint64_t	h = s->h[0];
	size_t		k;

	for (k = 1; k < 4; k++) {
		h = (h ^ s->h[k]) * LOAD_HASH_PRIME;
		h ^= h >> 29;
	}
	return h;
}

uint64_t
load_hash(const void *p, size_t len)
{
	struct load_hasher	s;

	load_hash_start(&s, len);
	load_hash_feed(&s, p, len);
	return load_hash_end(&s);
}

/* Read a whole regular file; NULL with errno set (EFBIG when too big). */
char *
load_read_file(const char *path, size_t *lenp)
{
	struct stat	 st;
	char		*buf = NULL;
	size_t		 len = 0, cap;
	ssize_t		 r;
	int		 fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;	/* FIFO, device: reported as such */
		goto fail;
	}
	if ((uintmax_t)st.st_size > TL_MAX_FILE_SIZE) {
		errno = EFBIG;
		goto fail;
	}
	cap = (size_t)st.st_size + 1;
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap >= TL_MAX_FILE_SIZE) {
				errno = EFBIG;
				goto fail;
			}
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(fd, buf + len, cap - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			goto fail;
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	*lenp = len;
	return buf;
fail:
	saved = errno;
	free(buf);
	close(fd);
	errno = saved;
	return NULL;
}

/*
 * Big files are mapped rather than read, and the pages the parser is done
 * with are given back as it goes (MADV_DONTNEED on a private, read-only
 * file mapping just drops clean pages; they would be read again from the
 * page cache if touched), so a file never has to be in memory whole: the
 * timeline built from it is what stays.
 */
#define LOAD_MAP_MIN	((size_t)1 << 20)

struct load_map {
	const char			*base;
	size_t				 len;
	size_t				 dropped;	/* given back */
	const char			*path;
	const struct load_progress	*progress;
	const struct timeline		*tl;	/* for the events count */
	bool				 hashing;	/* hash what is
							   dropped */
	struct load_hasher		 hasher;
};

static void
load_drop(void *ctx, size_t upto)
{
	struct load_map	*m = ctx;
	size_t		 page = (size_t)sysconf(_SC_PAGESIZE);
	size_t		 end = upto / page * page;

	if (end > m->dropped) {
		if (m->hashing)
			load_hash_feed(&m->hasher, (const unsigned char *)
			    m->base + m->dropped, end - m->dropped);
		madvise((void *)(uintptr_t)(m->base + m->dropped),
		    end - m->dropped, MADV_DONTNEED);
		m->dropped = end;
	}
	if (m->progress != NULL && m->progress->fn != NULL && upto < m->len)
		m->progress->fn(m->progress->ctx, m->path, upto, m->len,
		    m->tl->nevents);
}

/* Hash the whole mapping in one pass in order (the kernel reads ahead,
 * MADV_SEQUENTIAL), giving pages back behind it so that hashing never
 * holds more than a step of the file in memory.  For parallel parsing,
 * on a thread of its own while the parts are parsed (see load_parallel);
 * one parser hashes the pages it gives back instead (load_drop), which
 * saves reading the file twice.  Touches only m->hasher. */
#define LOAD_HASH_STEP	((size_t)4 << 20)	/* a multiple of the block */

static void *
load_hash_mapped(void *arg)
{
	struct load_map		*m = arg;
	const unsigned char	*b = (const unsigned char *)m->base;
	size_t			 off, n;

	for (off = 0; off < m->len; off += n) {
		n = m->len - off < LOAD_HASH_STEP ? m->len - off :
		    LOAD_HASH_STEP;
		load_hash_feed(&m->hasher, b + off, n);
		madvise((void *)(uintptr_t)(b + off), n, MADV_DONTNEED);
	}
	return NULL;
}

/* Map path if it is a regular file of at least LOAD_MAP_MIN bytes. */
static bool
load_map(const char *path, struct load_map *m)
{
	struct stat	st;
	void		*p;
	int		 fd;

	memset(m, 0, sizeof *m);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return false;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (uintmax_t)st.st_size < LOAD_MAP_MIN ||
	    (uintmax_t)st.st_size > TL_MAX_FILE_SIZE) {
		close(fd);
		return false;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return false;
	madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
	m->base = p;
	m->len = (size_t)st.st_size;
	m->hashing = true;
	load_hash_start(&m->hasher, m->len);
	return true;
}

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
static size_t
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
	f->nitems += pt->tl.files[0].nitems;
	f->events_end = pt->start + pt->tl.files[0].events_end;
	arena_adopt(&tl->arena, &pt->tl.arena);
}

/*
 * Parse the mapped file m as tl->files[fi] in parallel, if it is big and
 * its layout allows; true if that was done (*ok set as yamlio would),
 * false if the caller should parse it whole (nothing was changed then).
 */
static bool
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
	for (i = 1; i < k; i++) {
		struct load_part *pt = &parts[i];

		pt->path = m->path;
		pt->base = m->base;
		pt->start = cut[i];
		pt->end = cut[i + 1];
		pt->indent = indent;
		pt->yp.rest = true;
		pt->yp.indent = indent;
		/* A part that gets no thread is parsed here, after the
		 * first. */
		pt->threaded = pthread_create(&threads[i], NULL,
		    load_part_run, pt) == 0;
	}
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
	for (i = 1; i < k; i++)
		if (parts[i].threaded)
			pthread_join(threads[i], NULL);
		else
			(void)load_part_run(&parts[i]);
	if (hashing)
		pthread_join(hasher, NULL);

	/* The first part must be the top of the file with its events list
	 * running to the cut, and nothing may have been said anywhere. */
	/* (The later parts cannot know that the file is HTML.) */
	good = good && diags->n == first_diag && !tl->files[fi].html &&
	    tl->files[fi].events_key_end == key_end &&
	    !tl->files[fi].events_flow &&
	    tl->files[fi].events_indent == indent;
	for (i = 1; i < k && good; i++)
		good = parts[i].ok && parts[i].diags.n == 0 &&
		    parts[i].tl.nhtml == 0;	/* its tl_html: one parser */
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

/* Every timeline file directly in dir, sorted; false if unreadable. */
static bool
load_dir(struct timeline *tl, const char *dir, struct diag_list *diags,
    size_t *failed, const struct load_progress *progress)
{
	DIR		 *d;
	struct dirent	 *de;
	char		**names = NULL;
	size_t		  n = 0, i;
	size_t		  dlen = strlen(dir);
	const char	 *sep = dlen > 0 && dir[dlen - 1] == '/' ? "" : "/";

	if ((d = opendir(dir)) == NULL) {
		diag_add(diags, DIAG_ERROR, dir, 0, 0, "cannot read: %s",
		    strerror(errno));
		return false;
	}
	while ((de = readdir(d)) != NULL) {
		if (!load_is_timeline_name(de->d_name))
			continue;
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = xasprintf("%s%s%s", dir, sep, de->d_name);
	}
	closedir(d);
	if (n > 1)	/* names is NULL when n is 0: not for qsort */
		qsort(names, n, sizeof *names, load_name_cmp);
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

/* The related ids of one event (loaded or dropped) that match no loaded
 * event: a warning each. */
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

/* e: the loaded event stating them (NULL for a dropped one), whose
 * relations are checked too. */
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
		diag_add(diags, DIAG_WARNING, tl->files[file].path, rel[j].line,
		    rel[j].col, load_find_dropped(tl, r) != NULL ?
		    "related id '%s' names an event that was not loaded (it "
		    "has errors)" : "related id '%s' matches no loaded event",
		    r);
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
