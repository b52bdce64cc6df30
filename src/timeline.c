/* SPDX-License-Identifier: MIT */
/*
 * The timeline model; see timeline.h.  Events are appended file by file in
 * load order, then sorted once by timeline_sort().
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "idindex.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

static const char *const tl_status_names[TL_STATUS_COUNT] = {
	[TL_STATUS_NONE] = "",
	[TL_STATUS_CONFIRMED] = "confirmed",
	[TL_STATUS_REPORTED] = "reported",
	[TL_STATUS_ALLEGED] = "alleged",
	[TL_STATUS_DISPUTED] = "disputed",
	[TL_STATUS_DENIED] = "denied",
};

const char *
tl_status_name(enum tl_status s)
{
	return (unsigned)s < TL_STATUS_COUNT ? tl_status_names[s] : "";
}

bool
tl_status_parse(const char *s, size_t len, enum tl_status *out)
{
	int	i;

	for (i = TL_STATUS_NONE + 1; i < TL_STATUS_COUNT; i++) {
		const char *name = tl_status_names[i];

		if (text_equal_folded(s, len, name, strlen(name))) {
			*out = (enum tl_status)i;
			return true;
		}
	}
	return false;
}

static const char *const tl_rel_names[TL_REL_COUNT] = {
	[TL_REL_NONE] = "",
	[TL_REL_SUPPORTS] = "supports",
	[TL_REL_CONTRADICTS] = "contradicts",
	[TL_REL_RETRACTS] = "retracts",
	[TL_REL_SUPERSEDES] = "supersedes",
	[TL_REL_FOLLOWS] = "follows",
};

const char *
tl_rel_name(enum tl_rel r)
{
	return (unsigned)r < TL_REL_COUNT ? tl_rel_names[r] : "";
}

bool
tl_rel_parse(const char *s, size_t len, enum tl_rel *out)
{
	int	i;

	for (i = TL_REL_NONE + 1; i < TL_REL_COUNT; i++) {
		const char *name = tl_rel_names[i];

		if (text_equal_folded(s, len, name, strlen(name))) {
			*out = (enum tl_rel)i;
			return true;
		}
	}
	return false;
}

uint32_t
timeline_add_file(struct timeline *tl, const char *path)
{
	struct tl_file	*f;
	const char	*base;

	tl->files = xreallocarray(tl->files, tl->nfiles + 1, sizeof *tl->files);
	f = &tl->files[tl->nfiles];
	memset(f, 0, sizeof *f);
	f->path = xstrdup(path);
	base = strrchr(path, '/');
	f->title = arena_strdup(&tl->arena, base != NULL && base[1] != '\0' ?
	    base + 1 : path);
	return (uint32_t)tl->nfiles++;
}

/* Events are numbered in 31 bits (the 32nd marks a moved one while
 * sorting). */
#define TIMELINE_MOVED	((uint32_t)1 << 31)

static void
timeline_unindex(struct timeline *tl)
{
	idindex_free(&tl->ids);
}

/* Events added, dropped or moved: what was known to have changed in
 * each goes. */
static void
timeline_forget_changes(struct timeline *tl)
{
	free(tl->changed);
	tl->changed = NULL;
}

/* Index every id; on duplicates the first loaded (the first in the array,
 * which is in load order) wins, and dup (if not NULL) hears of each pair,
 * the winner first, in the order they are met. */
void
timeline_index(struct timeline *tl, void (*dup)(void *, size_t, size_t),
    void *ctx)
{
	idindex_build(&tl->ids, tl->nevents > 0 ? &tl->events[0].id : NULL,
	    sizeof tl->events[0], tl->nevents, dup, ctx);
}

void
timeline_reserve(struct timeline *tl, size_t n)
{
	if (n <= tl->cap)
		return;
	if (n > TIMELINE_MOVED)	/* 380 GB of events */
		fatal("out of memory (more than %u events)",
		    (unsigned)TIMELINE_MOVED);
	timeline_unindex(tl);
	tl->cap = n;
	tl->events = xreallocarray(tl->events, tl->cap, sizeof *tl->events);
}

struct tl_event *
timeline_add_event(struct timeline *tl, uint32_t file)
{
	struct tl_event	*e;

	timeline_unindex(tl);
	timeline_forget_changes(tl);
	if (tl->nevents == tl->cap)
		timeline_reserve(tl, tl->cap == 0 ? 256 : tl->cap * 2);
	e = &tl->events[tl->nevents++];
	memset(e, 0, sizeof *e);
	e->file = file;
	return e;
}

void
timeline_add_dropped(struct timeline *tl, const struct tl_event *e)
{
	struct tl_dropped_id	*d;
	uint32_t		 i;

	if (e->id == NULL && e->nrelated == 0)
		return;
	if (tl->ndropped == tl->dropped_cap) {
		tl->dropped_cap = tl->dropped_cap != 0 ? tl->dropped_cap * 2 : 16;
		tl->dropped = xreallocarray(tl->dropped, tl->dropped_cap,
		    sizeof *tl->dropped);
	}
	d = &tl->dropped[tl->ndropped++];
	d->id = e->id != NULL ? arena_strndup(&tl->arena, e->id,
	    strlen(e->id)) : NULL;
	d->nrelated = e->nrelated;
	d->related = e->nrelated == 0 ? NULL : arena_alloc(&tl->arena,
	    e->nrelated * sizeof *d->related, _Alignof(struct tl_ref));
	for (i = 0; i < e->nrelated; i++) {
		d->related[i] = e->related[i];
		if (e->related[i].text != NULL)	/* an item without an id */
			d->related[i].text = arena_strndup(&tl->arena,
			    e->related[i].text, strlen(e->related[i].text));
	}
	d->file = e->file;
	d->start = e->span.start;
	tl_event_id_pos(e, &d->line, &d->col);
}

/* A copy of s in a, NULL staying NULL. */
static const char *
timeline_str(struct arena *a, const char *s)
{
	return s != NULL ? arena_strdup(a, s) : NULL;
}

static const char **
timeline_strv(struct arena *a, const char *const *v, uint32_t n)
{
	const char	**out;
	uint32_t	  i;

	if (n == 0)
		return NULL;
	out = arena_calloc(a, n, sizeof *out, _Alignof(const char *));
	for (i = 0; i < n; i++)
		out[i] = timeline_str(a, v[i]);
	return out;
}

/* A copy of e's extra record (n sources) in a. */
static struct tl_extra *
timeline_extra(struct arena *a, const struct tl_extra *cl, uint32_t n)
{
	struct tl_extra		*c;
	const struct tl_verdict	*v;
	uint32_t		 k = 0, i;

	if (cl == NULL)
		return NULL;
	c = arena_calloc(a, 1, sizeof *c, _Alignof(struct tl_extra));
	c->end = cl->end;
	if ((v = cl->verdicts) != NULL) {
		while (v[k].status != TL_STATUS_NONE)
			k++;
		c->verdicts = arena_calloc(a, k + 1, sizeof *c->verdicts,
		    _Alignof(struct tl_verdict));
		for (i = 0; i < k; i++) {
			c->verdicts[i] = v[i];
			c->verdicts[i].date_text = timeline_str(a,
			    v[i].date_text);
			c->verdicts[i].by = timeline_str(a, v[i].by);
			c->verdicts[i].text = timeline_str(a, v[i].text);
		}
	}
	if (cl->more != NULL && n > 0) {
		c->more = arena_calloc(a, n, sizeof *c->more,
		    _Alignof(struct tl_source_more));
		for (i = 0; i < n; i++) {
			c->more[i].via = timeline_str(a, cl->more[i].via);
			c->more[i].archive = timeline_str(a,
			    cl->more[i].archive);
		}
	}
	if (cl->keys != NULL) {
		c->keys = arena_alloc(a, sizeof *c->keys + cl->keys->n *
		    sizeof c->keys->v[0], _Alignof(struct tl_keys));
		c->keys->n = cl->keys->n;
		for (i = 0; i < cl->keys->n; i++) {
			c->keys->v[i] = cl->keys->v[i];
			c->keys->v[i].name = timeline_str(a,
			    cl->keys->v[i].name);
		}
	}
	return c;
}

const struct date_range tl_no_end;

struct tl_extra *
tl_event_extra(struct arena *a, struct tl_event *e)
{
	if (e->extra == NULL)
		e->extra = arena_calloc(a, 1, sizeof *e->extra,
		    _Alignof(struct tl_extra));
	return e->extra;
}

void
tl_event_set_end(struct arena *a, struct tl_event *e, const char *text,
    const struct date_range *end)
{
	e->end_text = text;
	if (text != NULL)
		tl_event_extra(a, e)->end = *end;
	else if (e->extra != NULL)
		memset(&e->extra->end, 0, sizeof e->extra->end);
}

struct tl_event *
timeline_copy_event(struct timeline *dst, uint32_t file,
    const struct tl_event *e)
{
	struct tl_event	*c = timeline_add_event(dst, file);
	struct arena	*a = &dst->arena;
	uint32_t	 i;

	*c = *e;
	c->file = file;
	c->id = timeline_str(a, e->id);
	c->title = timeline_str(a, e->title);
	c->description = timeline_str(a, e->description);
	c->date_text = timeline_str(a, e->date_text);
	c->end_text = timeline_str(a, e->end_text);
	c->tags = timeline_strv(a, e->tags, e->ntags);
	c->actors = timeline_strv(a, e->actors, e->nactors);
	c->sources = e->nsources == 0 ? NULL : arena_calloc(a, e->nsources,
	    sizeof *c->sources, _Alignof(struct tl_source));
	for (i = 0; i < e->nsources; i++) {
		c->sources[i].outlet = timeline_str(a, e->sources[i].outlet);
		c->sources[i].url = timeline_str(a, e->sources[i].url);
		c->sources[i].title = timeline_str(a, e->sources[i].title);
		c->sources[i].date_text = timeline_str(a,
		    e->sources[i].date_text);
	}
	c->extra = timeline_extra(a, e->extra, e->nsources);
	c->related = e->nrelated == 0 ? NULL : arena_calloc(a, e->nrelated,
	    sizeof *c->related, _Alignof(struct tl_ref));
	for (i = 0; i < e->nrelated; i++) {
		c->related[i] = e->related[i];
		c->related[i].text = timeline_str(a, e->related[i].text);
	}
	c->notes = e->nnotes == 0 ? NULL : arena_calloc(a, e->nnotes,
	    sizeof *c->notes, _Alignof(struct tl_note));
	for (i = 0; i < e->nnotes; i++) {
		c->notes[i].at = timeline_str(a, e->notes[i].at);
		c->notes[i].by = timeline_str(a, e->notes[i].by);
		c->notes[i].text = timeline_str(a, e->notes[i].text);
	}
	return c;
}

void
timeline_truncate(struct timeline *tl, size_t n)
{
	if (n < tl->nevents) {
		tl->nevents = n;
		timeline_unindex(tl);
		timeline_forget_changes(tl);
	}
}

/*
 * Sorting a million events of 176 bytes: qsort() on the events would
 * move them (or, as glibc does for big elements, allocate two pointers per
 * event).  Instead 4-byte indexes are sorted and the events are then put
 * in place by following the permutation's cycles, one event held aside.
 * An id index built before (load_check's) is kept: its entries are moved
 * through the same permutation, which costs less than hashing every id
 * again.
 */

/* Whether event a sorts before event b (indexes into ev): earliest first,
 * then the narrower range (SPEC section 2), then load order, which is the
 * events' order before the sort.  A total order: ties cannot happen. */
static inline bool
timeline_before(const struct tl_event *ev, uint32_t a, uint32_t b)
{
	const struct tl_event	*x = &ev[a], *y = &ev[b];
	date_time		 xl, yl;

	if (x->date.earliest != y->date.earliest)
		return x->date.earliest < y->date.earliest;
	xl = tl_event_latest(x);
	yl = tl_event_latest(y);
	return xl != yl ? xl < yl : a < b;
}

/* Merge the sorted a[0..na) and b[0..nb) into out. */
static void
timeline_merge(const struct tl_event *ev, const uint32_t *a, size_t na,
    const uint32_t *b, size_t nb, uint32_t *out)
{
	size_t	i = 0, j = 0, k = 0;

	while (i < na && j < nb)
		out[k++] = timeline_before(ev, b[j], a[i]) ? b[j++] : a[i++];
	while (i < na)
		out[k++] = a[i++];
	while (j < nb)
		out[k++] = b[j++];
}

/* Sort v[0..n) with room[0..n): runs of 16 by insertion, then merged
 * bottom-up, back and forth between the two arrays.  The comparison is
 * in line, which qsort's call through a pointer is not. */
#define TIMELINE_RUN	16

static void
timeline_msort(const struct tl_event *ev, uint32_t *v, uint32_t *room,
    size_t n)
{
	uint32_t	*src = v, *dst = room, *t, x;
	size_t		 lo, i, j, w, mid, hi;

	for (lo = 0; lo < n; lo += TIMELINE_RUN) {
		hi = n - lo < TIMELINE_RUN ? n : lo + TIMELINE_RUN;
		for (i = lo + 1; i < hi; i++) {
			x = v[i];
			for (j = i; j > lo && timeline_before(ev, x, v[j - 1]);
			    j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
	}
	for (w = TIMELINE_RUN; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			mid = n - lo < w ? n : lo + w;
			hi = n - mid < w ? n : mid + w;
			timeline_merge(ev, src + lo, mid - lo, src + mid,
			    hi - mid, dst + lo);
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != v)
		memcpy(v, src, n * sizeof *v);
}

/*
 * The events' indexes in sorted order, into from[0..n).  Timelines are
 * written mostly in order, so the events are first walked once: those in
 * order between the last one kept and the next stay where they are (a
 * sorted run), the others are set aside, sorted, and merged in from the
 * end.  That is about three comparisons an event for a file in order,
 * with an event here and there out of place, against n log n for sorting
 * everything; when more than a quarter is set aside, everything is
 * sorted.  The order is total, so the result is the same either way.
 */
static void
timeline_order(const struct tl_event *ev, uint32_t *from, uint32_t n)
{
	uint32_t	*aside, *room, na = 0, nb = 0, cap = n / 4 + 1, i, k;
	int64_t		 a, b;

	aside = xreallocarray(NULL, cap, sizeof *aside);
	for (i = 0; i < n; i++) {
		/* In order after the last kept, and not above the next one
		 * (an event far ahead of its place would hold up the rest). */
		if ((na == 0 || timeline_before(ev, from[na - 1], i)) &&
		    (i + 1 == n || timeline_before(ev, i, i + 1)))
			from[na++] = i;
		else if (nb < cap)
			aside[nb++] = i;
		else
			break;
	}
	if (i < n) {	/* too far from sorted */
		free(aside);
		room = xreallocarray(NULL, n, sizeof *room);
		for (i = 0; i < n; i++)
			from[i] = i;
		timeline_msort(ev, from, room, n);
		free(room);
		return;
	}
	room = xreallocarray(NULL, nb + 1, sizeof *room);
	timeline_msort(ev, aside, room, nb);
	free(room);
	for (k = n, a = (int64_t)na - 1, b = (int64_t)nb - 1; b >= 0; )
		if (a >= 0 && timeline_before(ev, aside[b], from[a]))
			from[--k] = from[a--];
		else
			from[--k] = aside[b--];
	free(aside);
}

uint32_t *
timeline_sort_order(const struct timeline *tl)
{
	uint32_t	*from;

	from = xreallocarray(NULL, tl->nevents + 1, sizeof *from);
	if (tl->nevents > 0)
		timeline_order(tl->events, from, (uint32_t)tl->nevents);
	return from;
}

/* Put the events in the order from[] gives, and the id index with them. */
static void
timeline_permute(struct timeline *tl, uint32_t *from)
{
	uint32_t	 i, j, k, next;
	struct tl_event	 held;

	/* Slot j gets the event now at from[j].  As each event is moved,
	 * from[] of its old slot becomes its new slot (marked MOVED): the
	 * inverse permutation, for the id index. */
	for (i = 0; i < tl->nevents; i++) {
		if (from[i] & TIMELINE_MOVED)
			continue;
		held = tl->events[i];
		for (j = i, k = from[i]; k != i; j = k, k = next) {
			tl->events[j] = tl->events[k];
			next = from[k];
			from[k] = j | TIMELINE_MOVED;
		}
		tl->events[j] = held;
		from[i] = j | TIMELINE_MOVED;
	}
	for (i = 0; i < tl->nevents; i++)
		from[i] &= ~TIMELINE_MOVED;
	idindex_renumber(&tl->ids, from);
}

void
timeline_sort_apply(struct timeline *tl, uint32_t *from)
{
	if (tl->ids.slots == NULL)	/* while the events are in load order */
		timeline_index(tl, NULL, NULL);
	timeline_forget_changes(tl);
	timeline_permute(tl, from);
	free(from);
}

void
timeline_sort(struct timeline *tl)
{
	timeline_sort_apply(tl, timeline_sort_order(tl));
}

/* --- two events compared (tl_event_same) ------------------------------ */

bool
tl_str_same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool
tl_strv_same(const char *const *a, const char *const *b, uint32_t n)
{
	uint32_t	i;

	for (i = 0; i < n; i++)
		if (!tl_str_same(a[i], b[i]))
			return false;
	return true;
}

bool
tl_range_same(const struct date_range *a, const struct date_range *b)
{
	return a->earliest == b->earliest && a->latest == b->latest &&
	    a->precision == b->precision && a->flags == b->flags;
}

static bool
tl_sources_same(const struct tl_event *a, const struct tl_event *b)
{
	const struct tl_source_more	*ma, *mb;
	const struct tl_source		*x, *y;
	uint32_t			 i;

	for (i = 0; i < a->nsources; i++) {
		x = &a->sources[i];
		y = &b->sources[i];
		ma = tl_event_source_more(a, i);
		mb = tl_event_source_more(b, i);
		if (!tl_str_same(x->outlet, y->outlet) ||
		    !tl_str_same(x->url, y->url) ||
		    !tl_str_same(x->title, y->title) ||
		    !tl_str_same(x->date_text, y->date_text) ||
		    !tl_str_same(ma != NULL ? ma->via : NULL,
		    mb != NULL ? mb->via : NULL) ||
		    !tl_str_same(ma != NULL ? ma->archive : NULL,
		    mb != NULL ? mb->archive : NULL))
			return false;
	}
	return true;
}

/* Verdicts, relations and notes (the counts are the same). */
static bool
tl_claims_same(const struct tl_event *a, const struct tl_event *b)
{
	const struct tl_verdict	*va = tl_event_verdicts(a);
	const struct tl_verdict	*vb = tl_event_verdicts(b);
	uint32_t		 i, n = tl_event_nverdicts(a);

	if (n != tl_event_nverdicts(b))
		return false;
	for (i = 0; i < n; i++)
		if (va[i].status != vb[i].status ||
		    !tl_str_same(va[i].date_text, vb[i].date_text) ||
		    !tl_str_same(va[i].by, vb[i].by) ||
		    !tl_str_same(va[i].text, vb[i].text) ||
		    !tl_range_same(&va[i].date, &vb[i].date))
			return false;
	for (i = 0; i < a->nrelated; i++)
		if (a->related[i].rel != b->related[i].rel ||
		    !tl_str_same(a->related[i].text, b->related[i].text))
			return false;
	for (i = 0; i < a->nnotes; i++)
		if (!tl_str_same(a->notes[i].at, b->notes[i].at) ||
		    !tl_str_same(a->notes[i].by, b->notes[i].by) ||
		    !tl_str_same(a->notes[i].text, b->notes[i].text))
			return false;
	return true;
}

bool
tl_event_same(const struct tl_event *a, const struct tl_event *b)
{
	return a->status == b->status && a->ntags == b->ntags &&
	    a->nactors == b->nactors && a->nsources == b->nsources &&
	    a->nrelated == b->nrelated && a->nnotes == b->nnotes &&
	    tl_str_same(a->id, b->id) && tl_str_same(a->title, b->title) &&
	    tl_str_same(a->description, b->description) &&
	    tl_str_same(a->date_text, b->date_text) &&
	    tl_str_same(a->end_text, b->end_text) &&
	    tl_range_same(&a->date, &b->date) &&
	    (a->end_text == NULL ||
	    tl_range_same(tl_event_end(a), tl_event_end(b))) &&
	    tl_strv_same(a->tags, b->tags, a->ntags) &&
	    tl_strv_same(a->actors, b->actors, a->nactors) &&
	    tl_sources_same(a, b) && tl_claims_same(a, b);
}

struct tl_event *
timeline_find_id(const struct timeline *tl, const char *id)
{
	size_t		i;
	uint32_t	at;

	if (tl->ids.slots != NULL) {
		at = idindex_find(&tl->ids, id);
		return at != IDINDEX_NONE ? &tl->events[at] : NULL;
	}
	for (i = 0; i < tl->nevents; i++) {
		const char *eid = tl->events[i].id;

		if (eid != NULL && strcmp(eid, id) == 0)
			return &tl->events[i];
	}
	return NULL;
}

size_t
timeline_links_to(const struct timeline *tl, const char *id, struct buf *b)
{
	const struct tl_event	*e;
	size_t			 i, n = 0;
	uint32_t		 r;

	for (i = 0; i < tl->nevents; i++) {
		e = &tl->events[i];
		if (e->id != NULL && strcmp(e->id, id) == 0)
			continue;
		for (r = 0; r < e->nrelated; r++)
			if (strcmp(e->related[r].text, id) == 0)
				break;
		if (r == e->nrelated)
			continue;
		if (n++ > 0)
			buf_adds(b, ", ");
		if (e->id != NULL)
			buf_adds(b, e->id);
		else
			buf_printf(b, "'%s'", e->title);
	}
	return n;
}

char *
timeline_title(const struct timeline *tl)
{
	struct buf	b = BUF_INIT;
	size_t		i, j;

	for (i = 0; i < tl->nfiles; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(tl->files[j].title, tl->files[i].title) == 0)
				break;
		if (j < i)
			continue;
		if (b.len != 0)
			buf_adds(&b, " + ");
		buf_adds(&b, tl->files[i].title);
	}
	return buf_detach(&b);
}

void
timeline_free(struct timeline *tl)
{
	size_t	i;

	for (i = 0; i < tl->nfiles; i++)
		free(tl->files[i].path);
	free(tl->files);
	free(tl->events);
	idindex_free(&tl->ids);
	free(tl->dropped);
	free(tl->html);
	free(tl->changed);
	arena_free(&tl->arena);
	memset(tl, 0, sizeof *tl);
}

void
timeline_drop_events(struct timeline *tl)
{
	size_t	i;

	for (i = 0; i < tl->nfiles; i++) {
		struct tl_file *f = &tl->files[i];

		f->title = f->description = NULL;
		f->title_html = f->description_html = NULL;
		f->tljs_title = f->tljs_top = NULL;
		f->nevents = 0;
	}
	free(tl->events);
	tl->events = NULL;
	tl->nevents = tl->cap = 0;
	idindex_free(&tl->ids);
	free(tl->dropped);
	tl->dropped = NULL;
	tl->ndropped = tl->dropped_cap = 0;
	free(tl->html);
	tl->html = NULL;
	tl->nhtml = tl->caphtml = 0;
	free(tl->changed);
	tl->changed = NULL;
	arena_free(&tl->arena);
}

const struct tl_html *
timeline_html(const struct timeline *tl, const struct tl_event *e)
{
	size_t	lo = 0, hi = tl->nhtml;

	/* Loaded file by file, each in order: sorted by (file, start). */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct tl_html *h = &tl->html[mid];

		if (h->file == e->file && h->start == e->span.start)
			return h;
		if (h->file < e->file || (h->file == e->file &&
		    h->start < e->span.start))
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
