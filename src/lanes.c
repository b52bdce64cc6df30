/* SPDX-License-Identifier: MIT */
/* The timeline view's layout: see lanes.h. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lanes.h"
#include "timeline.h"
#include "xmalloc.h"

static const char *const lanes_mode_names[LANES_NMODES] = {
	"file", "actor", "tag", "status", "outlet", "none"
};

const char *
lanes_mode_name(enum lanes_mode m)
{
	return (unsigned)m < LANES_NMODES ? lanes_mode_names[m] : "";
}

bool
lanes_mode_parse(const char *s, enum lanes_mode *m)
{
	unsigned	i;

	for (i = 0; i < LANES_NMODES; i++)
		if (strcmp(s, lanes_mode_names[i]) == 0) {
			*m = (enum lanes_mode)i;
			return true;
		}
	return false;
}

enum lanes_mode
lanes_mode_next(enum lanes_mode m)
{
	return (unsigned)m + 1 < LANES_NMODES ? (enum lanes_mode)(m + 1) :
	    LANES_FILE;
}

/* --- an event's time ----------------------------------------------------- */

/* A side of an interval is fuzzy when coarser than a month. */
static bool
side_fuzzy(enum date_precision p)
{
	return p != DATE_PREC_NONE && p < DATE_PREC_MONTH;
}

/* The two sides of an interval expression "A/B" (either may be open or
 * empty: then that side has precision NONE and keeps the whole range). */
static void
split_interval(const char *text, const struct date_range *whole,
    struct date_range *a, struct date_range *b)
{
	const char	*slash = strchr(text, '/');

	*a = *whole;
	*b = *whole;
	a->precision = b->precision = DATE_PREC_NONE;
	if (slash == NULL)
		return;
	if (!date_parse(text, (size_t)(slash - text), 0, a, NULL, NULL) ||
	    a->earliest <= DATE_MIN) {
		*a = *whole;
		a->precision = DATE_PREC_NONE;
	}
	if (!date_parse(slash + 1, strlen(slash + 1), 0, b, NULL, NULL) ||
	    b->latest >= DATE_MAX) {
		*b = *whole;
		b->precision = DATE_PREC_NONE;
	}
}

static unsigned
when_flags(const struct date_range *d)
{
	return (d->flags & DATE_UNCERTAIN ? LANES_UNCERTAIN : 0) |
	    (d->flags & DATE_APPROXIMATE ? LANES_APPROXIMATE : 0);
}

void
lanes_when(const struct tl_event *e, struct lanes_when *w)
{
	const struct date_range	*d = &e->date;
	struct date_range	 a, b;
	bool			 end = e->end_text != NULL;

	w->lo = d->earliest;
	w->hi = tl_event_latest(e);
	w->flags = when_flags(d) | (end ? when_flags(tl_event_end(e)) : 0);
	if (end && tl_event_end(e)->flags & DATE_ONGOING) {
		w->flags |= LANES_ONGOING;
		w->hi = DATE_MAX;
	}
	if (w->lo <= DATE_MIN)
		w->flags |= LANES_OPEN_START;
	if (w->hi >= DATE_MAX)
		w->flags |= LANES_OPEN_END;
	if (!end && !(d->flags & DATE_INTERVAL)) {
		w->flags |= LANES_POINT;
		if (d->precision != DATE_PREC_NONE &&
		    d->precision < DATE_PREC_DAY) {
			w->solid_lo = 1;	/* all fuzzy */
			w->solid_hi = 0;
		} else {
			w->solid_lo = w->lo;
			w->solid_hi = w->hi;
		}
		return;
	}
	if (d->flags & DATE_INTERVAL)
		split_interval(e->date_text, d, &a, &b);
	else
		a = *d;
	if (end) {
		b = *tl_event_end(e);
		if (b.flags & DATE_ONGOING)
			b.precision = DATE_PREC_NONE;
	}
	w->solid_lo = side_fuzzy(a.precision) ? a.latest : w->lo;
	w->solid_hi = side_fuzzy(b.precision) ? b.earliest : w->hi;
}

bool
lanes_cols(const struct ruler *r, date_time lo, date_time hi, long *c0,
    long *c1)
{
	long long	a, z;

	if (hi < lo)
		hi = lo;
	a = ruler_col(r, lo);
	z = ruler_col(r, hi);
	if (z < 0 || a >= (long long)r->width)
		return false;
	*c0 = a < 0 ? 0 : (long)a;
	*c1 = z >= (long long)r->width ? (long)r->width - 1 : (long)z;
	return true;
}

bool
lanes_marker(const struct ruler *r, const struct lanes_when *w, long c0,
    long c1, long *col)
{
	long long	m;

	if (!(w->flags & LANES_POINT) || c1 < c0 || r->width < 1 ||
	    r->end <= r->start)
		return false;
	if (c1 > c0 && (c1 > c0 + 1 || w->hi < w->lo ||
	    w->hi - w->lo >= (r->end - r->start) / (date_time)r->width))
		return false;
	m = ruler_col(r, w->lo + (w->hi > w->lo ? (w->hi - w->lo) / 2 : 0));
	*col = m < c0 ? c0 : m > c1 ? c1 : (long)m;
	return true;
}

bool
lanes_source_time(const struct tl_source *s, date_time *t)
{
	struct date_range	d;

	if (s->date_text == NULL || !date_parse(s->date_text,
	    strlen(s->date_text), 0, &d, NULL, NULL) || d.earliest <= DATE_MIN)
		return false;
	*t = d.earliest;
	return true;
}

/* --- lane keys ----------------------------------------------------------- */

struct keymap {
	uint32_t	*slot;	/* lane id + 1, 0 empty */
	size_t		 mask;
};

static uint32_t
str_hash(const char *s)
{
	uint32_t	h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

static void keys_add_lane(struct lanes_keys *, const char *, size_t *);

/*
 * The loader keeps each short text once (per parser), so the same name is
 * mostly the same pointer: a lane found by its pointer needs no look at
 * the text.  Up to PTRMAP_MAX pointers; a text beyond them is looked up
 * by its characters every time.
 */
#define PTRMAP_SIZE	8192
#define PTRMAP_MAX	(PTRMAP_SIZE / 2)

struct ptrmap {
	const char	*ptr[PTRMAP_SIZE];
	uint32_t	 id[PTRMAP_SIZE];
	size_t		 n;
};

static size_t
ptr_hash(const char *s)
{
	uint64_t	h = (uint64_t)(uintptr_t)s * UINT64_C(0x9e3779b97f4a7c15);

	return (size_t)(h >> 51) & (PTRMAP_SIZE - 1);
}

static void
keymap_grow(struct keymap *m, const struct lanes_keys *k)
{
	size_t		 i, j, n = (m->mask + 1) * 2;
	uint32_t	*s = xcalloc(n, sizeof *s);

	for (i = 0; i < k->nlanes; i++) {
		j = str_hash(k->names[i]) & (n - 1);
		while (s[j] != 0)
			j = (j + 1) & (n - 1);
		s[j] = (uint32_t)i + 1;
	}
	free(m->slot);
	m->slot = s;
	m->mask = n - 1;
}

/* The lane named s, made if new. */
static uint32_t
keymap_lane(struct keymap *m, struct lanes_keys *k, const char *s,
    size_t *cap)
{
	size_t	j;

	if ((k->nlanes + 1) * 2 > m->mask + 1)
		keymap_grow(m, k);
	j = str_hash(s) & m->mask;
	while (m->slot[j] != 0) {
		if (strcmp(k->names[m->slot[j] - 1], s) == 0)
			return m->slot[j] - 1;
		j = (j + 1) & m->mask;
	}
	keys_add_lane(k, s, cap);
	m->slot[j] = (uint32_t)k->nlanes;
	return (uint32_t)k->nlanes - 1;
}

/* keymap_lane, through the pointers seen before. */
static uint32_t
ptrmap_lane(struct ptrmap *pm, struct keymap *m, struct lanes_keys *k,
    const char *s, size_t *cap)
{
	size_t		j = ptr_hash(s);
	uint32_t	id;

	while (pm->ptr[j] != NULL) {
		if (pm->ptr[j] == s)
			return pm->id[j];
		j = (j + 1) & (PTRMAP_SIZE - 1);
	}
	id = keymap_lane(m, k, s, cap);
	if (pm->n < PTRMAP_MAX) {
		pm->ptr[j] = s;
		pm->id[j] = id;
		pm->n++;
	}
	return id;
}

static void
keys_add_lane(struct lanes_keys *k, const char *s, size_t *cap)
{
	if (k->nlanes == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		k->names = xreallocarray(k->names, *cap, sizeof *k->names);
		k->count = xreallocarray(k->count, *cap, sizeof *k->count);
	}
	k->names[k->nlanes] = s;
	k->count[k->nlanes++] = 0;
}

/* Append lane id to position p's lanes unless it has it already. */
static void
keys_push(struct lanes_keys *k, size_t p, uint32_t id, size_t *idcap)
{
	uint32_t	i;

	for (i = k->first[p]; i < k->first[p + 1]; i++)
		if (k->ids[i] == id)
			return;
	if (k->first[p + 1] == *idcap) {
		*idcap = *idcap < 64 ? 64 : *idcap * 2;
		k->ids = xreallocarray(k->ids, *idcap, sizeof *k->ids);
	}
	k->ids[k->first[p + 1]++] = id;
	k->count[id]++;
}

/* The names of event e in the mode (actors, tags or outlets). */
static size_t
event_names(const struct tl_event *e, enum lanes_mode mode, size_t i,
    const char **out)
{
	switch (mode) {
	case LANES_ACTOR:
		if (i >= e->nactors)
			return 0;
		*out = e->actors[i];
		return 1;
	case LANES_TAG:
		if (i >= e->ntags)
			return 0;
		*out = e->tags[i];
		return 1;
	default:
		while (i < e->nsources && e->sources[i].outlet == NULL)
			i++;
		if (i >= e->nsources)
			return 0;
		*out = e->sources[i].outlet;
		return i + 1;
	}
}

/* Ask for the memory an event's names are in ahead of its turn: the
 * events come in time order, their lists of names in the order they
 * were read, so each would be a wait for memory. */
static void
names_prefetch(const struct tl_event *e, enum lanes_mode mode)
{
#if defined(__GNUC__)
	__builtin_prefetch(mode == LANES_ACTOR ? (const void *)e->actors :
	    mode == LANES_TAG ? (const void *)e->tags :
	    (const void *)e->sources);
#else
	(void)e;
	(void)mode;
#endif
}

#define PREFETCH_AHEAD	16

/* The instants of e the layout works with: earliest, latest (at least
 * earliest). */
static void
event_times(const struct tl_event *e, date_time *lo, date_time *hi)
{
	*lo = e->date.earliest;
	*hi = tl_event_latest(e);
	if (*hi < *lo)
		*hi = *lo;
}

struct lane_rank {
	const char	*name;
	uint32_t	 count;
	uint32_t	 id;
};

/* Most events first, ties by name; the "(no actor)" lane last. */
static int
lane_cmp(const void *a, const void *b)
{
	const struct lane_rank	*x = a, *y = b;
	bool			 ex = x->name[0] == '(', ey = y->name[0] == '(';

	if (ex != ey)
		return ex ? 1 : -1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Actors, tags, outlets: lanes by name, then sorted by count. */
static void
keys_by_name(struct lanes_keys *k, const struct timeline *tl,
    const uint32_t *idx, size_t n, date_time *lo, date_time *hi, size_t *cap)
{
	static const char *const none[] = {
		[LANES_ACTOR] = "(no actor)", [LANES_TAG] = "(no tag)",
		[LANES_OUTLET] = "(no outlet)"
	};
	struct keymap	 m = { NULL, 0 };
	struct ptrmap	*pm = xcalloc(1, sizeof *pm);
	size_t		 p, i, j, idcap = 0;
	struct lane_rank *order;
	uint32_t	*rank, noid = UINT32_MAX;
	const char	*s;
	const char	**names;
	uint32_t	*count;

	m.mask = 15;
	m.slot = xcalloc(16, sizeof *m.slot);
	for (p = 0; p < n; p++) {
		const struct tl_event *e = &tl->events[idx[p]];

		if (p + PREFETCH_AHEAD < n)
			names_prefetch(&tl->events[idx[p + PREFETCH_AHEAD]],
			    k->mode);
		event_times(e, &lo[p], &hi[p]);
		k->first[p + 1] = k->first[p];
		for (i = 0; (j = event_names(e, k->mode, i, &s)) != 0;
		    i = k->mode == LANES_OUTLET ? j : i + 1)
			keys_push(k, p, ptrmap_lane(pm, &m, k, s, cap),
			    &idcap);
		if (k->first[p + 1] == k->first[p]) {
			if (noid == UINT32_MAX) {
				keys_add_lane(k, none[k->mode], cap);
				noid = (uint32_t)k->nlanes - 1;
			}
			keys_push(k, p, noid, &idcap);
		}
	}
	free(m.slot);
	free(pm);
	order = xreallocarray(NULL, k->nlanes + 1, sizeof *order);
	rank = xreallocarray(NULL, k->nlanes + 1, sizeof *rank);
	for (i = 0; i < k->nlanes; i++)
		order[i] = (struct lane_rank){ k->names[i], k->count[i],
		    (uint32_t)i };
	qsort(order, k->nlanes, sizeof *order, lane_cmp);
	names = xreallocarray(NULL, k->nlanes + 1, sizeof *names);
	count = xreallocarray(NULL, k->nlanes + 1, sizeof *count);
	for (i = 0; i < k->nlanes; i++) {
		rank[order[i].id] = (uint32_t)i;
		names[i] = order[i].name;
		count[i] = order[i].count;
	}
	for (i = 0; i < k->first[n]; i++)
		k->ids[i] = rank[k->ids[i]];
	free(k->names);
	free(k->count);
	k->names = names;
	k->count = count;
	free(order);
	free(rank);
}

/* Files, statuses, one lane: a fixed set, the empty ones left out. */
static void
keys_fixed(struct lanes_keys *k, const struct timeline *tl,
    const uint32_t *key, size_t n, size_t *cap)
{
	size_t		 p, i, nkeys;
	uint32_t	*map;

	nkeys = k->mode == LANES_FILE ? tl->nfiles : k->mode == LANES_STATUS ?
	    TL_STATUS_COUNT : 1;
	map = xcalloc(nkeys + 1, sizeof *map);
	for (p = 0; p < n; p++)
		if (key[p] < nkeys)
			map[key[p]]++;
	for (i = 0; i < nkeys; i++) {
		/* Statuses in their order, with none last. */
		size_t j = k->mode == LANES_STATUS ? (i + 1) % nkeys : i;

		if (map[j] == 0)
			continue;
		keys_add_lane(k, k->mode == LANES_FILE ? tl->files[j].title :
		    k->mode == LANES_STATUS ? (j == TL_STATUS_NONE ?
		    "(no status)" : tl_status_name((enum tl_status)j)) : "",
		    cap);
		k->count[k->nlanes - 1] = map[j];
		map[j] = (uint32_t)k->nlanes;	/* id + 1 */
	}
	k->ids = xreallocarray(NULL, n + 1, sizeof *k->ids);
	for (p = 0; p < n; p++) {
		k->ids[p] = key[p] < nkeys ? map[key[p]] - 1 : 0;
		k->first[p + 1] = (uint32_t)p + 1;
	}
	free(map);
}

static void
times_insertion(date_time *v, size_t n)
{
	size_t		i, j;
	date_time	t;

	for (i = 1; i < n; i++) {
		t = v[i];
		for (j = i; j > 0 && v[j - 1] > t; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

#define RADIX_MAX_BITS	13

/* v's sort key from 0: open ends first and last, the others from their
 * least. */
static uint64_t
times_key(date_time v, date_time min, uint64_t top)
{
	return v <= DATE_MIN ? 0 : v >= DATE_MAX ? top :
	    (uint64_t)v - (uint64_t)min + 1;
}

/* Sort v[0 .. n) (each within DATE_MIN .. DATE_MAX) ascending: least
 * significant digit first over the bits the range of the finite ones
 * needs (an open end would need them all); tmp has room for n. */
static void
times_radix(date_time *v, size_t n, date_time *tmp)
{
	uint32_t	 cnt[1u << RADIX_MAX_BITS];
	date_time	 min = DATE_MAX, max = DATE_MIN, *from = v, *to = tmp,
			*sw;
	uint64_t	 top, d;
	unsigned	 bits, passes, digit, shift, mask;
	size_t		 i, sum, c;

	if (n <= 32) {
		times_insertion(v, n);
		return;
	}
	for (i = 0; i < n; i++)
		if (v[i] > DATE_MIN && v[i] < DATE_MAX) {
			if (v[i] < min)
				min = v[i];
			if (v[i] > max)
				max = v[i];
		}
	top = min <= max ? (uint64_t)max - (uint64_t)min + 2 : 1;
	for (bits = 0; bits < 64 && top >> bits != 0; bits++)
		;
	passes = (bits + RADIX_MAX_BITS - 1) / RADIX_MAX_BITS;
	digit = (bits + passes - 1) / passes;
	mask = (1u << digit) - 1;
	for (shift = 0; shift < bits; shift += digit) {
		memset(cnt, 0, (mask + 1) * sizeof *cnt);
		for (i = 0; i < n; i++)
			cnt[(times_key(from[i], min, top) >> shift) & mask]++;
		for (sum = 0, c = 0; c <= mask; c++) {
			d = cnt[c];
			cnt[c] = (uint32_t)sum;
			sum += d;
		}
		for (i = 0; i < n; i++)
			to[cnt[(times_key(from[i], min, top) >> shift) &
			    mask]++] = from[i];
		sw = from;
		from = to;
		to = sw;
	}
	if (from != v)
		memcpy(v, from, n * sizeof *v);
}

/*
 * Sort v[0 .. n) ascending; tmp has room for n.  A lane's latest instants
 * in time order are mostly in order already (the events of a day end at
 * its end): those no later than every one after them are a sorted run
 * as they stand, and only the others (longer events) are sorted, then
 * merged with it.
 */
static void
times_sort(date_time *v, size_t n, date_time *tmp)
{
	size_t		i, na = n, nb = n, o, ia, ib;
	date_time	least = DATE_MAX;

	if (n < 2)
		return;
	for (i = 1; i < n && v[i - 1] <= v[i]; i++)
		;
	if (i == n)
		return;
	/* From the end: the run into tmp's end, the others into v's. */
	for (i = n; i-- > 0; )
		if (v[i] <= least)
			least = tmp[--na] = v[i];
		else
			v[--nb] = v[i];
	times_radix(v + nb, n - nb, tmp);	/* tmp[0 .. na) is free */
	/* Merge from the front: it never overtakes v's unread part. */
	for (o = 0, ia = na, ib = nb; ia < n && ib < n; )
		v[o++] = tmp[ia] <= v[ib] ? tmp[ia++] : v[ib++];
	while (ia < n)
		v[o++] = tmp[ia++];
}

/* Each lane's events in time order, their instants, the sorted ends and
 * the blocks' reach (lanes.h), from the instants of each position (taken
 * over, and *plo, *phi set to NULL, when the lanes are the positions
 * themselves). */
static void
keys_index(struct lanes_keys *k, date_time **plo, date_time **phi, size_t n)
{
	size_t		 p, i, l, m = k->first[n], e;
	uint32_t	*at;
	date_time	 hi, *tmp;
	size_t		 most = 0;

	k->lane_at = xcalloc(k->nlanes + 1, sizeof *k->lane_at);
	at = xreallocarray(NULL, k->nlanes + 1, sizeof *at);
	for (i = 0; i < m; i++)
		if (k->ids[i] < k->nlanes)
			k->lane_at[k->ids[i] + 1]++;
	for (l = 0; l < k->nlanes; l++) {
		if (k->lane_at[l + 1] > most)
			most = k->lane_at[l + 1];
		k->lane_at[l + 1] += k->lane_at[l];
		at[l] = k->lane_at[l];
	}
	m = k->lane_at[k->nlanes];
	k->pos = xreallocarray(NULL, m + 1, sizeof *k->pos);
	k->ends = xreallocarray(NULL, m + 1, sizeof *k->ends);
	k->reach = xreallocarray(NULL, m / LANES_BLOCK + 1, sizeof *k->reach);
	if (k->nlanes == 1 && m == n) {
		k->lo = *plo;
		k->hi = *phi;
		*plo = *phi = NULL;
		for (p = 0; p < n; p++)
			k->pos[p] = (uint32_t)p;
	} else {
		k->lo = xreallocarray(NULL, m + 1, sizeof *k->lo);
		k->hi = xreallocarray(NULL, m + 1, sizeof *k->hi);
		for (p = 0; p < n; p++)
			for (i = k->first[p]; i < k->first[p + 1]; i++) {
				if (k->ids[i] >= k->nlanes)
					continue;
				e = at[k->ids[i]]++;
				k->pos[e] = (uint32_t)p;
				k->lo[e] = (*plo)[p];
				k->hi[e] = (*phi)[p];
			}
	}
	for (e = 0; e < m; e++) {
		hi = k->hi[e];
		k->ends[e] = hi > DATE_MAX ? DATE_MAX : hi < DATE_MIN ?
		    DATE_MIN : hi;
		if (e % LANES_BLOCK == 0 || hi > k->reach[e / LANES_BLOCK])
			k->reach[e / LANES_BLOCK] = hi;
	}
	tmp = xreallocarray(NULL, most + 1, sizeof *tmp);
	for (l = 0; l < k->nlanes; l++)
		times_sort(k->ends + k->lane_at[l], k->lane_at[l + 1] -
		    k->lane_at[l], tmp);
	free(tmp);
	free(at);
}

void
lanes_keys_build(struct lanes_keys *k, const struct timeline *tl,
    const uint32_t *idx, size_t n, enum lanes_mode mode)
{
	size_t		 cap = 0, p;
	date_time	*lo, *hi;
	uint32_t	*key = NULL;
	bool		 fixed;

	memset(k, 0, sizeof *k);
	k->mode = (unsigned)mode < LANES_NMODES ? mode : LANES_FILE;
	k->n = n;
	k->first = xcalloc(n + 1, sizeof *k->first);
	fixed = k->mode != LANES_ACTOR && k->mode != LANES_TAG &&
	    k->mode != LANES_OUTLET;
	/* One walk over the events: their instants and lanes. */
	lo = xreallocarray(NULL, n + 1, sizeof *lo);
	hi = xreallocarray(NULL, n + 1, sizeof *hi);
	if (fixed) {
		key = xreallocarray(NULL, n + 1, sizeof *key);
		for (p = 0; p < n; p++) {
			const struct tl_event *e = &tl->events[idx[p]];

			event_times(e, &lo[p], &hi[p]);
			key[p] = k->mode == LANES_FILE ? e->file : k->mode ==
			    LANES_STATUS ? (uint32_t)e->status : 0;
		}
		keys_fixed(k, tl, key, n, &cap);
	} else
		keys_by_name(k, tl, idx, n, lo, hi, &cap);
	keys_index(k, &lo, &hi, n);
	free(key);
	free(lo);
	free(hi);
}

void
lanes_keys_free(struct lanes_keys *k)
{
	free(k->names);
	free(k->count);
	free(k->first);
	free(k->ids);
	free(k->lane_at);
	free(k->pos);
	free(k->lo);
	free(k->hi);
	free(k->ends);
	free(k->reach);
	memset(k, 0, sizeof *k);
}

/* --- the layout of one frame --------------------------------------------- */

/* The first i in [a, b) with v[i] >= t (v ascending there), else b. */
static size_t
first_from(const date_time *v, size_t a, size_t b, date_time t)
{
	size_t	mid;

	while (a < b) {
		mid = a + (b - a) / 2;
		if (v[mid] < t)
			a = mid + 1;
		else
			b = mid;
	}
	return a;
}

static struct lanes_lane *
layout_lane(struct lanes_layout *L, uint32_t key, size_t max_rows,
    size_t *cap)
{
	struct lanes_lane	*ln;

	if (L->nlanes == *cap) {
		*cap = *cap < 8 ? 8 : *cap * 2;
		L->lanes = xreallocarray(L->lanes, *cap, sizeof *L->lanes);
	}
	ln = &L->lanes[L->nlanes++];
	memset(ln, 0, sizeof *ln);
	ln->key = key;
	ln->row_end = xcalloc(max_rows, sizeof *ln->row_end);
	return ln;
}

/* Item pos over [c0, c1] on the first row free from c0 (there is one: the
 * caller knows). */
static void
layout_place(struct lanes_layout *L, struct lanes_lane *ln, uint32_t pos,
    long c0, long c1, size_t max_rows, size_t gap)
{
	struct lanes_item	*it;
	uint32_t		 r, m, i;

	for (r = 0; r < ln->rows && ln->row_end[r] > (uint32_t)c0; r++)
		;
	if (r == ln->rows)
		ln->rows++;
	ln->row_end[r] = (uint32_t)(c1 + 1) + (uint32_t)gap;
	if (ln->rows == max_rows) {
		for (m = UINT32_MAX, i = 0; i < ln->rows; i++)
			if (ln->row_end[i] < m)
				m = ln->row_end[i];
		ln->full_until = m;
	}
	if (L->nitems == L->cap) {
		L->cap = L->cap < 64 ? 64 : L->cap * 2;
		L->items = xreallocarray(L->items, L->cap, sizeof *L->items);
	}
	it = &L->items[L->nitems++];
	it->pos = pos;
	it->lane = (uint32_t)(ln - L->lanes);
	it->row = r;
	it->c0 = c0;
	it->c1 = c1;
	ln->nitems++;
}

static void
layout_clear(struct lanes_layout *L)
{
	size_t	i;

	for (i = 0; i < L->nlanes; i++) {
		free(L->lanes[i].density);
		free(L->lanes[i].row_end);
	}
	L->nitems = 0;
	L->nlanes = 0;
	L->hidden_lanes = 0;
	L->visited = 0;
}

/* Lane ln (the entries [a, b) of k): its events that get a row, first fit
 * in time order; every other event of the window has none. */
static void
layout_walk(struct lanes_layout *L, struct lanes_lane *ln,
    const struct lanes_keys *k, size_t a, size_t b, const struct ruler *r,
    size_t max_rows, size_t gap)
{
	size_t		 e = a;
	long		 c0, c1;

	while (e < b) {
		if (ln->rows == max_rows) {
			/* Every row is taken up to full_until. */
			if (ln->full_until >= r->width)
				break;
			e = first_from(k->lo, e, b,
			    ruler_time(r, ln->full_until));
		} else
			while (e < b && k->hi[e] < r->start) {
				if (e % LANES_BLOCK == 0 &&
				    k->reach[e / LANES_BLOCK] < r->start)
					e = e + LANES_BLOCK < b ?
					    e + LANES_BLOCK : b;
				else
					e++;
			}
		if (e >= b || k->lo[e] >= r->end)
			break;
		c0 = k->lo[e] < r->start ? 0 : (long)ruler_col(r, k->lo[e]);
		c1 = k->hi[e] >= r->end ? (long)r->width - 1 :
		    (long)ruler_col(r, k->hi[e]);
		layout_place(L, ln, k->pos[e], c0, c1, max_rows, gap);
		L->visited++;
		e++;
	}
}

/* Lane ln's density: per column, its events there without a row (those
 * meeting the column's instants less its items over it). */
static void
layout_density(struct lanes_layout *L, struct lanes_lane *ln,
    const struct lanes_keys *k, size_t a, size_t b, const struct ruler *r)
{
	const struct lanes_item	*it = L->items + L->nitems - ln->nitems;
	uint32_t		*d, on = 0;
	size_t			 i, c, nlo = a, nhi = a;

	d = ln->density = xcalloc(L->width + 1, sizeof *d);
	for (i = 0; i < ln->nitems; i++) {
		d[it[i].c0]++;
		d[it[i].c1 + 1]--;
	}
	for (c = 0; c < L->width; c++) {
		nlo = first_from(k->lo, nlo, b, ruler_time(r, c + 1));
		nhi = first_from(k->ends, nhi, b, ruler_time(r, c));
		on += d[c];
		d[c] = (uint32_t)(nlo - nhi) - on;
	}
	d[L->width] = 0;
}

void
lanes_layout(struct lanes_layout *L, const struct lanes_keys *k,
    const struct ruler *r, size_t max_rows, size_t gap)
{
	struct lanes_lane	*ln;
	size_t			 l, a, b, cap = 0, meet;

	layout_clear(L);
	free(L->lanes);
	L->lanes = NULL;
	L->width = r->width;
	if (max_rows == 0)
		max_rows = 1;
	if (r->width < 1 || r->width > RULER_WIDTH_MAX ||
	    r->start < -RULER_TIME_LIMIT || r->end > RULER_TIME_LIMIT ||
	    r->end <= r->start)
		return;		/* not a ruler (ruler.h) */
	for (l = 0; l < k->nlanes; l++) {
		a = k->lane_at[l];
		b = k->lane_at[l + 1];
		meet = first_from(k->lo, a, b, r->end) -
		    first_from(k->ends, a, b, r->start);
		if (meet == 0)
			continue;
		ln = layout_lane(L, (uint32_t)l, max_rows, &cap);
		layout_walk(L, ln, k, a, b, r, max_rows, gap);
		ln->hidden = meet - ln->nitems;
		if (ln->hidden > 0)
			layout_density(L, ln, k, a, b, r);
	}
}

void
lanes_layout_fit(struct lanes_layout *L, size_t height)
{
	struct lanes_lane	*ln;
	size_t			 i, n, left, y = 0;
	long			 c;
	bool			 more = true;

	L->hidden_lanes = 0;
	for (i = 0; i < L->nlanes; i++) {
		ln = &L->lanes[i];
		ln->shown_rows = y < height && ln->rows > 0 ? 1 : 0;
		y += ln->shown_rows;
		if (ln->shown_rows == 0)
			L->hidden_lanes++;
	}
	for (left = height - y; left > 0 && more; ) {
		more = false;
		for (i = 0; i < L->nlanes && left > 0; i++) {
			ln = &L->lanes[i];
			if (ln->shown_rows > 0 && ln->shown_rows < ln->rows) {
				ln->shown_rows++;
				left--;
				more = true;
			}
		}
	}
	for (y = 0, i = 0; i < L->nlanes; i++) {
		L->lanes[i].y = (uint32_t)y;
		y += L->lanes[i].shown_rows;
	}
	for (n = 0, i = 0; i < L->nitems; i++) {
		struct lanes_item *it = &L->items[i];

		ln = &L->lanes[it->lane];
		if ((ln->shown_rows < ln->rows || ln->hidden > 0) &&
		    it->row + 1 >= ln->shown_rows) {
			if (ln->density == NULL)
				ln->density = xcalloc(L->width + 1,
				    sizeof *ln->density);
			for (c = it->c0; c <= it->c1; c++)
				ln->density[c]++;
			ln->hidden++;
			ln->nitems--;
		} else
			L->items[n++] = *it;
	}
	L->nitems = n;
}

void
lanes_layout_free(struct lanes_layout *L)
{
	layout_clear(L);
	free(L->lanes);
	free(L->items);
	memset(L, 0, sizeof *L);
}
