/* SPDX-License-Identifier: MIT */
/* A saved change put into the loaded timeline in place; see apply.h. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "apply.h"
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "load.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"

/* --- load order, and the checks across files ------------------------------
 *
 * A load parses the files in order, then runs load_check on the events in
 * load order (file, then place in it) and sorts them.  A change in place
 * goes back to that point -- the events in load order, the diagnostics
 * without load_check's -- changes what the files' parsing gave, and does
 * the rest as the load does.
 */

struct apply_key {
	uint64_t	key;
	uint32_t	at;
};

static int
apply_key_cmp(const void *a, const void *b)
{
	const struct apply_key	*x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* The permutation that puts tl's events in load order (for
 * timeline_sort_apply). */
static uint32_t *
apply_load_order(const struct timeline *tl)
{
	struct apply_key	*k;
	uint32_t		*from;
	size_t			 i;

	k = xreallocarray(NULL, tl->nevents + 1, sizeof *k);
	for (i = 0; i < tl->nevents; i++) {
		k[i].key = (uint64_t)tl->events[i].file << 32 |
		    tl->events[i].span.start;
		k[i].at = (uint32_t)i;
	}
	qsort(k, tl->nevents, sizeof *k, apply_key_cmp);
	from = xreallocarray(NULL, tl->nevents + 1, sizeof *from);
	for (i = 0; i < tl->nevents; i++)
		from[i] = k[i].at;
	free(k);
	return from;
}

static bool
apply_diag_same(const struct diag *a, const struct diag *b)
{
	return a->severity == b->severity && a->line == b->line &&
	    a->col == b->col && strcmp(a->file, b->file) == 0 &&
	    strcmp(a->msg, b->msg) == 0;
}

/*
 * The events in load order, load_check's diagnostics off the end of diags
 * and its errors off the files' counts: the timeline as the files' parsing
 * left it.  False (nothing changed) if diags does not end with what
 * load_check says of tl, or a file is kept stale (its events are not its
 * file's).
 */
static bool
apply_begin(struct timeline *tl, struct diag_list *diags)
{
	struct diag_list	 chk = DIAG_LIST_INIT;
	size_t			*errors, i, at = 0;
	bool			 same;

	for (i = 0; i < tl->nfiles; i++)
		if (tl->files[i].stale)
			return false;
	timeline_sort_apply(tl, apply_load_order(tl));
	errors = xreallocarray(NULL, tl->nfiles + 1, sizeof *errors);
	for (i = 0; i < tl->nfiles; i++)
		errors[i] = tl->files[i].errors;
	load_check(tl, &chk);
	if ((same = chk.n <= diags->n))
		at = diags->n - chk.n;
	for (i = 0; same && i < chk.n; i++)
		same = apply_diag_same(&diags->v[at + i], &chk.v[i]);
	for (i = 0; i < tl->nfiles; i++)
		tl->files[i].errors = same ? errors[i] -
		    (tl->files[i].errors - errors[i]) : errors[i];
	if (same)
		diag_truncate(diags, at);
	else
		timeline_sort(tl);
	diag_free(&chk);
	free(errors);
	return same;
}

/* What a load does after parsing. */
static void
apply_end(struct timeline *tl, struct diag_list *diags)
{
	load_check(tl, diags);
	timeline_sort(tl);
}

/* The events of file fi, [*a, *b) of tl's in load order, from byte r0 to
 * before r1. */
static void
apply_find(const struct timeline *tl, uint32_t fi, size_t r0, size_t r1,
    size_t *a, size_t *b)
{
	const struct tl_event	*ev = tl->events;
	size_t			 lo = 0, hi = tl->nevents, mid;
	uint64_t		 k0 = (uint64_t)fi << 32 | r0;
	uint64_t		 k1 = r1 > UINT32_MAX ? ((uint64_t)fi + 1) << 32 :
				    (uint64_t)fi << 32 | r1;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (((uint64_t)ev[mid].file << 32 | ev[mid].span.start) < k0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*a = lo;
	for (hi = tl->nevents; lo < hi; ) {
		mid = lo + (hi - lo) / 2;
		if (((uint64_t)ev[mid].file << 32 | ev[mid].span.start) < k1)
			lo = mid + 1;
		else
			hi = mid;
	}
	*b = lo;
}

/* Replace events [a, b) of tl with the n events v (moved, not copied),
 * which become file fi's. */
static void
apply_replace(struct timeline *tl, size_t a, size_t b, struct tl_event *v,
    size_t n, uint32_t fi)
{
	size_t	i, keep = tl->nevents - b;

	if (tl->nevents - (b - a) + n > tl->cap)
		timeline_reserve(tl, tl->nevents - (b - a) + n + 64);
	if (keep > 0)
		memmove(tl->events + a + n, tl->events + b,
		    keep * sizeof *tl->events);
	for (i = 0; i < n; i++) {
		tl->events[a + i] = v[i];
		tl->events[a + i].file = fi;
	}
	tl->nevents = a + n + keep;
}

/* --- items in place -------------------------------------------------------- */

static void
apply_shift_refs(struct tl_ref *r, uint32_t n, long long dline)
{
	uint32_t	i;

	for (i = 0; i < n; i++)
		r[i].line = (uint32_t)((long long)r[i].line + dline);
}

static size_t
apply_lines(const char *b, size_t len)
{
	size_t	i, n = 0;

	for (i = 0; i < len; i++)
		n += b[i] == '\n';
	return n;
}

/* Whether the old items [r0, r1) of file fi had anything but events: a
 * dropped item, or a diagnostic on one of their lines. */
static bool
apply_items_plain(const struct timeline *tl, const struct diag_list *diags,
    const struct apply_items *c)
{
	const char	*path = tl->files[c->file].path;
	size_t		 i;

	for (i = 0; i < tl->ndropped; i++)
		if (tl->dropped[i].file == c->file &&
		    tl->dropped[i].start >= c->r0 && tl->dropped[i].start < c->r1)
			return false;
	for (i = 0; i < diags->n; i++)
		if (diags->v[i].line >= c->line0 &&
		    diags->v[i].line <= c->line0 + c->lines &&
		    strcmp(diags->v[i].file, path) == 0)
			return false;
	return true;
}

/* Whether e is the last item of its file before the items changed: no
 * dropped one after it. */
static bool
apply_last_item(const struct timeline *tl, const struct tl_event *e)
{
	size_t	i;

	for (i = 0; i < tl->ndropped; i++)
		if (tl->dropped[i].file == e->file &&
		    tl->dropped[i].start > e->span.start)
			return false;
	return true;
}

static void	apply_shift_rest(struct timeline *, struct diag_list *,
		    const struct apply_items *, long long, long long);

/* What is after the items moves by delta bytes and dline lines. */
static void
apply_shift_after(struct timeline *tl, struct diag_list *diags,
    const struct apply_items *c, size_t from, long long delta,
    long long dline)
{
	size_t		 i;

	for (i = from; i < tl->nevents && tl->events[i].file == c->file; i++) {
		struct tl_event *e = &tl->events[i];

		e->span.start = (uint32_t)((long long)e->span.start + delta);
		e->span.end = (uint32_t)((long long)e->span.end + delta);
		e->span.line = (uint32_t)((long long)e->span.line + dline);
		apply_shift_refs(e->related, e->nrelated, dline);
	}
	apply_shift_rest(tl, diags, c, delta, dline);
}

/* What else is after the items: dropped items, HTML records, diagnostics
 * of the file. */
static void
apply_shift_rest(struct timeline *tl, struct diag_list *diags,
    const struct apply_items *c, long long delta, long long dline)
{
	const char	*path = tl->files[c->file].path;
	size_t		 i;

	for (i = 0; i < tl->ndropped; i++) {
		struct tl_dropped_id *d = &tl->dropped[i];

		if (d->file != c->file || d->start < c->r1)
			continue;
		d->start = (uint32_t)((long long)d->start + delta);
		d->line = (uint32_t)((long long)d->line + dline);
		apply_shift_refs(d->related, d->nrelated, dline);
	}
	for (i = 0; i < tl->nhtml; i++)
		if (tl->html[i].file == c->file && tl->html[i].start >= c->r1)
			tl->html[i].start = (uint32_t)((long long)
			    tl->html[i].start + delta);
	for (i = 0; i < diags->n; i++)
		if (diags->v[i].line > c->line0 + c->lines &&
		    strcmp(diags->v[i].file, path) == 0)
			diags->v[i].line = (unsigned)((long long)
			    diags->v[i].line + dline);
}

/* The new items t (parsed alone) in the place of the old ones; false
 * (nothing changed) if that is not what a load would give. */
static bool
apply_splice(struct timeline *tl, struct diag_list *diags,
    const struct apply_items *c, struct timeline *t)
{
	struct tl_file	*f = &tl->files[c->file];
	const struct tl_file *nf = &t->files[0];
	long long	 delta = (long long)c->len - (long long)(c->r1 - c->r0);
	long long	 dline = (long long)apply_lines(c->bytes, c->len) -
			    (long long)c->lines;
	size_t		 a, b, i, n = t->nevents;

	size_t		 start = f->events_start, end = f->events_end;

	if (!apply_items_plain(tl, diags, c))
		return false;
	apply_find(tl, c->file, c->r0, c->r1, &a, &b);
	/* Where the list begins and ends now. */
	if (c->r0 <= f->events_start)
		start = n > 0 ? c->r0 + nf->events_start :
		    c->r0 + f->events_indent;	/* the next item's '-' */
	if (c->r1 >= f->events_end && n > 0)
		end = c->r0 + nf->events_end;
	else if (c->r1 >= f->events_end) {
		/* The end of the item before, an event. */
		if (a == 0 || tl->events[a - 1].file != c->file ||
		    !apply_last_item(tl, &tl->events[a - 1]))
			return false;
		end = tl->events[a - 1].span.end;
	} else
		end = (size_t)((long long)f->events_end + delta);
	if (n == 0 && c->r0 <= f->events_start && c->r1 >= f->events_end)
		return false;	/* no item left */
	for (i = 0; i < n; i++) {
		struct tl_event *e = &t->events[i];

		e->span.start += (uint32_t)c->r0;
		e->span.end += (uint32_t)c->r0;
		e->span.line += c->line0 - 1;
		apply_shift_refs(e->related, e->nrelated, c->line0 - 1);
	}
	apply_replace(tl, a, b, t->events, n, c->file);
	apply_shift_after(tl, diags, c, a + n, delta, dline);
	f->nevents = f->nevents - (b - a) + n;
	f->nitems = f->nitems - (uint32_t)(b - a) + nf->nitems;
	f->events_start = start;
	f->events_end = end;
	arena_adopt(&tl->arena, &t->arena);
	t->nevents = 0;
	return true;
}

/* --- a change the checks across files do not see ---------------------------
 *
 * Most saved changes (a note above all) leave every event where the sort
 * put it and everything load_check looks at as it was: the ids and where
 * they are, the related ids and where, the dates, titles, statuses and
 * verdicts.  Then the new events simply take the old ones' slots and the
 * rest shift: nothing is sorted or checked again, and the result is what
 * the slow way (load order, splice, load_check, sort) gives -- load_check's
 * diagnostics only move with their lines, and none quotes a line.
 */

static bool
apply_verdicts_same(const struct tl_event *a, const struct tl_event *b)
{
	const struct tl_verdict	*x = tl_event_verdicts(a);
	const struct tl_verdict	*y = tl_event_verdicts(b);

	if (x == NULL || y == NULL)
		return x == y;
	for (;; x++, y++) {
		if (x->status != y->status)
			return false;
		if (x->status == TL_STATUS_NONE)
			return true;
		if (!tl_range_same(&x->date, &y->date) ||
		    !tl_str_same(x->date_text, y->date_text))
			return false;
	}
}

/* Whether n (the new event, its lines counted from line dl + 1 of the
 * file) is o to the sort and to load_check. */
static bool
apply_same_checks(const struct tl_event *o, const struct tl_event *n,
    uint32_t dl)
{
	uint32_t	i;

	if (!tl_str_same(o->id, n->id) || o->id_at != n->id_at ||
	    o->span.line != n->span.line + dl || !tl_str_same(o->title,
	    n->title) || !tl_str_same(o->date_text, n->date_text) ||
	    !tl_str_same(o->end_text, n->end_text) ||
	    !tl_range_same(&o->date, &n->date) ||
	    (o->end_text != NULL && !tl_range_same(tl_event_end(o),
	    tl_event_end(n))) ||
	    o->status != n->status || o->nrelated != n->nrelated ||
	    !apply_verdicts_same(o, n))
		return false;
	for (i = 0; i < o->nrelated; i++)
		if (strcmp(o->related[i].text, n->related[i].text) != 0 ||
		    o->related[i].line != n->related[i].line + dl ||
		    o->related[i].col != n->related[i].col ||
		    o->related[i].rel != n->related[i].rel)
			return false;
	return true;
}

static int
apply_slot_cmp(const void *a, const void *b)
{
	const struct apply_key	*x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* The new items t (parsed alone) in the old ones' slots of the sorted timeline, if the checks would not see the
 * difference; false (nothing changed) if they would. */
static bool
apply_fast(struct timeline *tl, struct diag_list *diags,
    const struct apply_items *c, struct timeline *t)
{
	struct tl_file		*f = &tl->files[c->file];
	const struct tl_file	*nf = &t->files[0];
	struct apply_key	*slot;
	long long		 delta = (long long)c->len -
				    (long long)(c->r1 - c->r0);
	long long		 dline = (long long)apply_lines(c->bytes,
				    c->len) - (long long)c->lines;
	size_t			 i, k = 0, n = t->nevents, start, end;
	bool			 ok = true;

	if (n == 0 || !apply_items_plain(tl, diags, c))
		return false;
	slot = xreallocarray(NULL, n, sizeof *slot);
	for (i = 0; i < tl->nevents && ok; i++)
		if (tl->events[i].file == c->file &&
		    tl->events[i].span.start >= c->r0 &&
		    tl->events[i].span.start < c->r1) {
			if ((ok = k < n)) {
				slot[k].key = tl->events[i].span.start;
				slot[k++].at = (uint32_t)i;
			}
		}
	ok = ok && k == n;
	if (ok)
		qsort(slot, n, sizeof *slot, apply_slot_cmp);
	for (i = 0; ok && i < n; i++)
		ok = apply_same_checks(&tl->events[slot[i].at], &t->events[i],
		    c->line0 - 1);
	if (!ok) {
		free(slot);
		return false;
	}
	/* Where the list begins and ends now (as apply_splice says). */
	start = c->r0 <= f->events_start ? c->r0 + nf->events_start :
	    f->events_start;
	end = c->r1 >= f->events_end ? c->r0 + nf->events_end :
	    (size_t)((long long)f->events_end + delta);
	for (i = 0; i < tl->nevents; i++) {
		struct tl_event *e = &tl->events[i];

		if (e->file != c->file || e->span.start < c->r1)
			continue;
		e->span.start = (uint32_t)((long long)e->span.start + delta);
		e->span.end = (uint32_t)((long long)e->span.end + delta);
		e->span.line = (uint32_t)((long long)e->span.line + dline);
		apply_shift_refs(e->related, e->nrelated, dline);
	}
	apply_shift_rest(tl, diags, c, delta, dline);
	for (i = 0; i < n; i++) {
		struct tl_event *e = &tl->events[slot[i].at];

		*e = t->events[i];
		e->file = c->file;
		e->span.start += (uint32_t)c->r0;
		e->span.end += (uint32_t)c->r0;
		e->span.line += c->line0 - 1;
		apply_shift_refs(e->related, e->nrelated, c->line0 - 1);
	}
	t->nevents = 0;
	f->events_start = start;
	f->events_end = end;
	arena_adopt(&tl->arena, &t->arena);
	/* What changed since a commit is forgotten, as by a load. */
	free(tl->changed);
	tl->changed = NULL;
	free(slot);
	return true;
}

/*
 * Parse the new items alone into t (file 0), their offsets counted from
 * bytes[0] and their lines from 1, as a part of a parallel load gives
 * them.  A flow list's are parsed inside "events: [" on a line of its
 * own, then r0's column in blanks, and a closing "]", which are then
 * taken off their spans.  False if they are not events alone, without a
 * word said.
 */
static bool
apply_parse(struct timeline *t, const struct tl_file *f,
    const struct apply_items *c)
{
	static const char	 head[] = "events: [\n";
	struct diag_list	 d = DIAG_LIST_INIT;
	struct yamlio_part	 yp;
	struct buf		 b = BUF_INIT;
	struct tl_file		*nf = &t->files[0];
	size_t			 pre, i;
	bool			 ok;

	if (c->len == 0)
		return true;	/* nothing left of the items: none to parse */
	if (!f->events_flow) {
		memset(&yp, 0, sizeof yp);
		yp.rest = true;
		yp.indent = f->events_indent;
		ok = yamlio_load_part(t, 0, c->bytes, c->len, &d, NULL, NULL,
		    &yp);
	} else {
		buf_add(&b, head, sizeof head - 1);
		for (i = 0; i < c->col; i++)
			buf_addc(&b, ' ');
		pre = b.len;
		buf_add(&b, c->bytes, c->len);
		buf_adds(&b, "]\n");
		ok = yamlio_load_buffer(t, 0, b.data, b.len, &d) &&
		    nf->events_flow && (nf->nitems == 0 ||
		    nf->events_last >= pre);
		for (i = 0; ok && i < t->nevents; i++) {
			struct tl_event *e = &t->events[i];

			if (!(ok = e->span.start >= pre && e->span.line >= 2))
				break;
			e->span.start -= (uint32_t)pre;
			e->span.end -= (uint32_t)pre;
			e->span.line--;
			apply_shift_refs(e->related, e->nrelated, -1);
		}
		if (ok && nf->nitems > 0)
			nf->events_last -= pre;
		buf_free(&b);
	}
	ok = ok && d.n == 0 && t->nhtml == 0 && t->ndropped == 0 &&
	    nf->nitems == t->nevents && !nf->html;
	diag_free(&d);
	return ok;
}

/* Where the file's last item begins once the items are in (t, parsed by
 * apply_parse): SIZE_MAX if that cannot be told. */
static size_t
apply_last(const struct timeline *tl, const struct apply_items *c,
    const struct timeline *t)
{
	const struct tl_file	*f = &tl->files[c->file];
	size_t			 i, last = 0;
	bool			 any = false;

	if (f->events_last >= c->r1)
		return (size_t)((long long)f->events_last +
		    (long long)c->len - (long long)(c->r1 - c->r0));
	if (f->events_last < c->r0)
		return f->events_last;
	if (t->files[0].nitems > 0)
		return c->r0 + t->files[0].events_last;
	/* The last items are gone: the one before them. */
	for (i = 0; i < tl->nevents; i++)
		if (tl->events[i].file == c->file &&
		    tl->events[i].span.start < c->r0 &&
		    (!any || tl->events[i].span.start > last)) {
			last = tl->events[i].span.start;
			any = true;
		}
	for (i = 0; i < tl->ndropped; i++)
		if (tl->dropped[i].file == c->file &&
		    tl->dropped[i].start < c->r0 && tl->dropped[i].start > last)
			return SIZE_MAX;
	return any ? last : SIZE_MAX;
}

bool
apply_items(struct timeline *tl, struct diag_list *diags,
    const struct apply_items *c)
{
	struct timeline		t = TIMELINE_INIT;
	const struct tl_file	*f;
	size_t			last = 0;
	bool			ok;

	if (c->file >= tl->nfiles || c->r0 > c->r1 || c->line0 == 0)
		return false;
	f = &tl->files[c->file];
	if (f->format != TL_FORMAT_TLV || f->html || f->failed || f->stale ||
	    f->nitems == 0)
		return false;
	(void)timeline_add_file(&t, f->path);
	ok = apply_parse(&t, f, c) && (last = apply_last(tl, c, &t)) !=
	    SIZE_MAX;
	if (ok && apply_fast(tl, diags, c, &t))
		ok = true;
	else if (ok && (ok = apply_begin(tl, diags))) {
		ok = apply_splice(tl, diags, c, &t);
		apply_end(tl, diags);
	}
	if (ok) {
		tl->files[c->file].events_last = last;
		if (t.files[0].refs)	/* the safety net reads it */
			tl->files[c->file].refs = true;
	}
	timeline_free(&t);
	return ok;
}

/* --- one file again ---------------------------------------------------------- */

/* The index of the file a diagnostic is about, or nfiles (a directory's,
 * or a path that is no file). */
static size_t
apply_diag_file(const struct timeline *tl, const struct diag *d)
{
	size_t	i;

	for (i = 0; i < tl->nfiles; i++)
		if (strcmp(tl->files[i].path, d->file) == 0)
			return i;
	return tl->nfiles;
}

/* The parsing's diagnostics with file fi's replaced by those of nd (moved
 * out of it); false (nothing changed) if one is about no file. */
static bool
apply_file_diags(const struct timeline *tl, struct diag_list *diags,
    uint32_t fi, struct diag_list *nd)
{
	struct diag_list	out = DIAG_LIST_INIT;
	size_t			i, k, pass;

	for (i = 0; i < diags->n; i++)
		if (apply_diag_file(tl, &diags->v[i]) == tl->nfiles)
			return false;
	out.cap = diags->n + nd->n + 1;
	out.v = xreallocarray(NULL, out.cap, sizeof *out.v);
	/* Those of the files before fi, fi's new ones, the others'. */
	for (pass = 0; pass < 3; pass++) {
		const struct diag_list *from = pass == 1 ? nd : diags;

		for (i = 0; i < from->n; i++) {
			const struct diag *d = &from->v[i];

			k = pass == 1 ? fi : apply_diag_file(tl, d);
			if ((pass == 0 && k >= fi) || (pass == 2 && k <= fi))
				continue;
			out.v[out.n++] = *d;
			out.errors += d->severity == DIAG_ERROR;
			out.warnings += d->severity == DIAG_WARNING;
		}
	}
	for (i = 0; i < diags->n; i++)
		if (apply_diag_file(tl, &diags->v[i]) == fi) {
			free(diags->v[i].file);
			free(diags->v[i].msg);
		}
	free(diags->v);
	free(nd->v);
	memset(nd, 0, sizeof *nd);
	*diags = out;
	return true;
}

/* Move what t (one file, loaded) has of its file into tl as file fi. */
static void
apply_file_take(struct timeline *tl, uint32_t fi, struct timeline *t)
{
	struct tl_file	*f = &tl->files[fi];
	char		*path = f->path;
	size_t		 a, b, i, n;

	apply_find(tl, fi, 0, SIZE_MAX, &a, &b);
	apply_replace(tl, a, b, t->events, t->nevents, fi);
	t->nevents = 0;
	for (i = n = 0; i < tl->ndropped; i++)
		if (tl->dropped[i].file != fi)
			tl->dropped[n++] = tl->dropped[i];
	tl->ndropped = n;
	for (i = 0; i < t->ndropped; i++) {
		if (tl->ndropped == tl->dropped_cap) {
			tl->dropped_cap = tl->dropped_cap * 2 + 16;
			tl->dropped = xreallocarray(tl->dropped,
			    tl->dropped_cap, sizeof *tl->dropped);
		}
		tl->dropped[tl->ndropped] = t->dropped[i];
		tl->dropped[tl->ndropped++].file = fi;
	}
	/* The HTML records, in load order: fi's in their place. */
	for (i = n = 0; i < tl->nhtml; i++)
		if (tl->html[i].file != fi)
			tl->html[n++] = tl->html[i];
	tl->nhtml = n;
	for (a = 0; a < tl->nhtml && tl->html[a].file < fi; a++)
		;
	if (tl->nhtml + t->nhtml > tl->caphtml) {
		tl->caphtml = tl->nhtml + t->nhtml + 16;
		tl->html = xreallocarray(tl->html, tl->caphtml,
		    sizeof *tl->html);
	}
	if (tl->nhtml > a)
		memmove(tl->html + a + t->nhtml, tl->html + a,
		    (tl->nhtml - a) * sizeof *tl->html);
	for (i = 0; i < t->nhtml; i++) {
		tl->html[a + i] = t->html[i];
		tl->html[a + i].file = fi;
	}
	tl->nhtml += t->nhtml;
	*f = t->files[0];
	f->path = path;
	arena_adopt(&tl->arena, &t->arena);
}

bool
apply_file(struct timeline *tl, struct diag_list *diags, uint32_t fi)
{
	struct timeline		 t = TIMELINE_INIT;
	struct diag_list	 d = DIAG_LIST_INIT;
	const struct tl_file	*f, *nf;
	bool			 ok;

	if (fi >= tl->nfiles)
		return false;
	f = &tl->files[fi];
	(void)load_file(&t, f->path, &d);
	nf = &t.files[0];
	/* A file that broke keeps its last good events: a reload's job. */
	ok = !((nf->errors > 0 || nf->failed) && (f->stale ||
	    (f->errors == 0 && !f->failed)));
	if (ok && (ok = apply_begin(tl, diags))) {
		if ((ok = apply_file_diags(tl, diags, fi, &d)))
			apply_file_take(tl, fi, &t);
		apply_end(tl, diags);
	}
	timeline_free(&t);
	diag_free(&d);
	return ok;
}
