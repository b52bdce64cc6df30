/* SPDX-License-Identifier: MIT */
/*
 * The timeline model; see timeline.h.  Events are appended file by file in
 * load order, then sorted once by timeline_sort().
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
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
	free(tl->ids);
	tl->ids = NULL;
	tl->ids_mask = 0;
}

static size_t
timeline_id_hash(const char *s)
{
	size_t	h = (size_t)14695981039346656037ULL;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ULL;
	return h;
}

/* Index every id; on duplicates the first loaded (the first in the array,
 * which is in load order) wins, and dup (if not NULL) hears of each pair,
 * the winner first, in the order they are met. */
void
timeline_index(struct timeline *tl, void (*dup)(void *, size_t, size_t),
    void *ctx)
{
	size_t	cap = 16, i, h;

	timeline_unindex(tl);
	while (cap < tl->nevents * 2)
		cap *= 2;
	tl->ids = xreallocarray(NULL, cap, sizeof *tl->ids);
	memset(tl->ids, 0xFF, cap * sizeof *tl->ids);
	tl->ids_mask = cap - 1;
	for (i = 0; i < tl->nevents; i++) {
		const char	*id = tl->events[i].id;
		uint32_t	 at;

		if (id == NULL)
			continue;
		for (h = timeline_id_hash(id) & tl->ids_mask;
		    (at = tl->ids[h]) != TIMELINE_NO_ID;
		    h = (h + 1) & tl->ids_mask)
			if (strcmp(tl->events[at].id, id) == 0)
				break;
		if (at == TIMELINE_NO_ID)
			tl->ids[h] = (uint32_t)i;
		else if (dup != NULL)
			dup(ctx, at, i);
	}
}

void
timeline_reserve(struct timeline *tl, size_t n)
{
	if (n <= tl->cap)
		return;
	timeline_unindex(tl);
	tl->cap = n;
	tl->events = xreallocarray(tl->events, tl->cap, sizeof *tl->events);
}

struct tl_event *
timeline_add_event(struct timeline *tl, uint32_t file)
{
	struct tl_event	*e;

	timeline_unindex(tl);

	if (tl->nevents >= TIMELINE_MOVED)	/* 400 GB of events */
		fatal("out of memory (more than %u events)",
		    (unsigned)TIMELINE_MOVED);
	if (tl->nevents == tl->cap)
		timeline_reserve(tl, tl->cap == 0 ? 256 : tl->cap * 2);
	e = &tl->events[tl->nevents++];
	memset(e, 0, sizeof *e);
	e->file = file;
	return e;
}

void
timeline_truncate(struct timeline *tl, size_t n)
{
	if (n < tl->nevents) {
		tl->nevents = n;
		timeline_unindex(tl);
	}
}

/* Earliest first, then the narrower range (SPEC section 2). */
static int
timeline_cmp(const struct tl_event *a, const struct tl_event *b)
{
	date_time	al, bl;

	if (a->date.earliest != b->date.earliest)
		return a->date.earliest < b->date.earliest ? -1 : 1;
	al = tl_event_latest(a);
	bl = tl_event_latest(b);
	return (al > bl) - (al < bl);
}

/*
 * Sorting a million events of 200 bytes: qsort() on the events would
 * move them (or, as glibc does for big elements, allocate two pointers per
 * event).  Instead a 4-byte index is sorted and the events are then put in
 * place by following the permutation's cycles, one event held aside.  An
 * id index built before (load_check's) is kept: its entries are moved
 * through the same permutation, which costs less than hashing every id
 * again.
 */
static _Thread_local const struct tl_event *timeline_sorting;

/* On the same range, load order: the events' places before the sort. */
static int
timeline_cmp_index(const void *pa, const void *pb)
{
	uint32_t	a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
	int		c = timeline_cmp(&timeline_sorting[a],
			    &timeline_sorting[b]);

	return c != 0 ? c : (a > b) - (a < b);
}

/*
 * The events' indexes in sorted order, into from[0..n).  Timelines are
 * written mostly in order, so the events are first walked once: those in
 * order between the last one kept and the next stay where they are (a
 * sorted run), the others are set aside, sorted, and merged in from the
 * end.  That is about three comparisons an event for a file in order,
 * with an event here and there out of place, against n log n for sorting
 * everything; when more than a quarter is set aside, everything is
 * sorted.  The comparison is a total order (load order breaks ties), so
 * the result is qsort's either way.
 */
static void
timeline_order(uint32_t *from, uint32_t n)
{
	uint32_t	*aside, na = 0, nb = 0, cap = n / 4 + 1, i, k;
	int64_t		 a, b;

	aside = xreallocarray(NULL, cap, sizeof *aside);
	for (i = 0; i < n; i++) {
		uint32_t next = i + 1;

		/* In order after the last kept, and not above the next one
		 * (an event far ahead of its place would hold up the rest). */
		if ((na == 0 || timeline_cmp_index(&from[na - 1], &i) < 0) &&
		    (next == n || timeline_cmp_index(&i, &next) < 0))
			from[na++] = i;
		else if (nb < cap)
			aside[nb++] = i;
		else
			break;
	}
	if (i < n) {	/* too far from sorted */
		for (i = 0; i < n; i++)
			from[i] = i;
		qsort(from, n, sizeof *from, timeline_cmp_index);
		free(aside);
		return;
	}
	qsort(aside, nb, sizeof *aside, timeline_cmp_index);
	for (k = n, a = (int64_t)na - 1, b = (int64_t)nb - 1; b >= 0; )
		if (a >= 0 && timeline_cmp_index(&from[a], &aside[b]) > 0)
			from[--k] = from[a--];
		else
			from[--k] = aside[b--];
	free(aside);
}

static void
timeline_permute_sort(struct timeline *tl)
{
	uint32_t	*from, i, j, k, next;
	size_t		 h;
	struct tl_event	 held;

	from = xreallocarray(NULL, tl->nevents, sizeof *from);
	timeline_sorting = tl->events;
	timeline_order(from, (uint32_t)tl->nevents);
	timeline_sorting = NULL;
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
	if (tl->ids != NULL)
		for (h = 0; h <= tl->ids_mask; h++)
			if (tl->ids[h] != TIMELINE_NO_ID)
				tl->ids[h] = from[tl->ids[h]] &
				    ~TIMELINE_MOVED;
	free(from);
}

void
timeline_sort(struct timeline *tl)
{
	if (tl->ids == NULL)	/* while the events are in load order */
		timeline_index(tl, NULL, NULL);
	if (tl->nevents > 1)
		timeline_permute_sort(tl);
}

struct tl_event *
timeline_find_id(const struct timeline *tl, const char *id)
{
	size_t	i, h;

	if (tl->ids != NULL) {
		for (h = timeline_id_hash(id) & tl->ids_mask;
		    tl->ids[h] != TIMELINE_NO_ID; h = (h + 1) & tl->ids_mask)
			if (strcmp(tl->events[tl->ids[h]].id, id) == 0)
				return &tl->events[tl->ids[h]];
		return NULL;
	}
	for (i = 0; i < tl->nevents; i++) {
		const char *eid = tl->events[i].id;

		if (eid != NULL && strcmp(eid, id) == 0)
			return &tl->events[i];
	}
	return NULL;
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
	free(tl->ids);
	arena_free(&tl->arena);
	memset(tl, 0, sizeof *tl);
}
