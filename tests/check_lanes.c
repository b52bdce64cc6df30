/* SPDX-License-Identifier: MIT */
/*
 * The timeline view's layout (src/lanes.c): the fuzzy and certain parts of
 * a date, the columns a range covers, the lanes of each mode, first-fit
 * packing and a crowded lane's count; the fast layout (each lane's index
 * by time) against a plain walk over every event, on random timelines.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "cal.h"
#include "date.h"
#include "lanes.h"
#include "ruler.h"
#include "timeline.h"

#define N(a)		(sizeof (a) / sizeof (a)[0])

static date_time
at(const char *text)
{
	struct date_range	r;

	if (!date_parse(text, strlen(text), 0, &r, NULL, NULL))
		ck_abort_msg("'%s' should parse", text);
	return r.earliest;
}

static date_time
last(const char *text)
{
	struct date_range	r;

	if (!date_parse(text, strlen(text), 0, &r, NULL, NULL))
		ck_abort_msg("'%s' should parse", text);
	return r.latest;
}

/* An event dated text (and end, if not NULL; its range is kept in one
 * static record, so one such event at a time). */
static void
event_set(struct tl_event *e, const char *text, const char *end)
{
	static struct tl_extra	x;

	memset(e, 0, sizeof *e);
	memset(&x, 0, sizeof x);
	e->title = text;
	e->date_text = text;
	if (!date_parse(text, strlen(text), 0, &e->date, NULL, NULL))
		ck_abort_msg("'%s' should parse", text);
	if (end != NULL) {
		e->end_text = end;
		e->extra = &x;
		if (!date_parse(end, strlen(end), DATE_PARSE_END, &x.end,
		    NULL, NULL))
			ck_abort_msg("end '%s' should parse", end);
	}
}

/* --- lanes_when ---------------------------------------------------------- */

START_TEST(when_fuzzy_and_certain)
{
	struct tl_event		e;
	struct lanes_when	w;

	/* "late 2022" alone: all fuzzy, a point of unknown day */
	event_set(&e, "late 2022", NULL);
	lanes_when(&e, &w);
	ck_assert(w.lo == at("2022-09-01") && w.hi == last("2022-12-31"));
	ck_assert(w.solid_lo > w.solid_hi);
	ck_assert(w.flags & LANES_POINT);

	/* 2022-09/2022-12: solid from start to end */
	event_set(&e, "2022-09/2022-12", NULL);
	lanes_when(&e, &w);
	ck_assert(w.solid_lo == at("2022-09-01"));
	ck_assert(w.solid_hi == last("2022-12-31"));
	ck_assert(!(w.flags & LANES_POINT));

	/* since late 2022, ongoing: fuzzy Sep..Dec, then certain, arrow */
	event_set(&e, "late 2022", "ongoing");
	lanes_when(&e, &w);
	ck_assert(w.lo == at("2022-09-01"));
	ck_assert(w.solid_lo == last("2022-12-31"));
	ck_assert(w.hi == DATE_MAX && w.solid_hi == DATE_MAX);
	ck_assert(w.flags & LANES_ONGOING && w.flags & LANES_OPEN_END);

	/* 2020/2022: a year at each end is fuzzy */
	event_set(&e, "2020/2022", NULL);
	lanes_when(&e, &w);
	ck_assert(w.solid_lo == last("2020-12-31"));
	ck_assert(w.solid_hi == at("2022-01-01"));

	/* an open start runs from the left edge */
	event_set(&e, "../2016", NULL);
	lanes_when(&e, &w);
	ck_assert(w.flags & LANES_OPEN_START && w.lo <= DATE_MIN);
	ck_assert(w.solid_hi == at("2016-01-01"));	/* 2016: fuzzy */

	/* a day is a certain point */
	event_set(&e, "2022-10-03", NULL);
	lanes_when(&e, &w);
	ck_assert(w.solid_lo == w.lo && w.solid_hi == w.hi);
	ck_assert(w.flags & LANES_POINT);

	/* ? and ~ are marked */
	event_set(&e, "2022-10?", NULL);
	lanes_when(&e, &w);
	ck_assert(w.flags & LANES_UNCERTAIN && !(w.flags & LANES_APPROXIMATE));
	event_set(&e, "2022-10-03", "2023~");
	lanes_when(&e, &w);
	ck_assert(w.flags & LANES_APPROXIMATE);
	ck_assert(w.solid_hi == at("2023-01-01"));
}
END_TEST

/* --- time to columns ----------------------------------------------------- */

START_TEST(cols_on_the_ruler)
{
	struct ruler	r;
	long		c0 = -5, c1 = -5;
	size_t		c;

	ruler_frame(&r, RULER_ZOOM_YEAR, at("2022-06-01"), 0, 0, 12);
	ck_assert(lanes_cols(&r, at("2022-03-15"), last("2022-03-31"), &c0,
	    &c1));
	ck_assert_int_eq(c0, 2);
	ck_assert_int_eq(c1, 2);
	/* clipped at both edges */
	ck_assert(lanes_cols(&r, DATE_MIN, DATE_MAX, &c0, &c1));
	ck_assert_int_eq(c0, 0);
	ck_assert_int_eq(c1, 11);
	ck_assert(lanes_cols(&r, at("2021-06-01"), last("2022-01-20"), &c0,
	    &c1));
	ck_assert_int_eq(c0, 0);
	ck_assert_int_eq(c1, 0);
	/* outside: untouched */
	c0 = c1 = 99;
	ck_assert(!lanes_cols(&r, at("2021-01-01"), last("2021-12-31"), &c0,
	    &c1));
	ck_assert(!lanes_cols(&r, at("2023-01-01"), at("2023-05-01"), &c0,
	    &c1));
	ck_assert_int_eq(c0, 99);
	/* latest before earliest: the instant */
	ck_assert(lanes_cols(&r, at("2022-12-05"), at("2022-01-01"), &c0,
	    &c1));
	ck_assert_int_eq(c0, 11);
	ck_assert_int_eq(c1, 11);
	/* every column's first instant lands in that column */
	for (c = 0; c < r.width; c++) {
		ck_assert(lanes_cols(&r, ruler_time(&r, c), ruler_time(&r, c),
		    &c0, &c1));
		ck_assert_int_eq(c0, (long)c);
	}
}
END_TEST

/* A day straddling two columns is still one marker, a day wider than a
 * column a bar. */
START_TEST(marker_one_column)
{
	struct ruler		r;
	struct tl_event		e;
	struct lanes_when	w;
	long			c0 = 0, c1 = 0, col = -5;
	date_time		third;

	/* 2022 on 100 columns: about 3.65 days a column */
	ruler_frame(&r, RULER_ZOOM_YEAR, at("2022-06-01"), 0, 0, 100);
	third = ruler_time(&r, 3);
	/* the day that holds column 3's first instant, which is not
	 * midnight: it straddles columns 2 and 3 */
	ck_assert(third % 86400 != 0);
	event_set(&e, "2022-01-11", NULL);
	lanes_when(&e, &w);
	ck_assert(w.lo < third && w.hi >= third);
	ck_assert(lanes_cols(&r, w.lo, w.hi, &c0, &c1));
	ck_assert_int_eq(c0, 2);
	ck_assert_int_eq(c1, 3);
	ck_assert(lanes_marker(&r, &w, c0, c1, &col));
	ck_assert_int_eq(col, ruler_col(&r, w.lo + (w.hi - w.lo) / 2));
	/* a day inside one column */
	event_set(&e, "2022-01-05", NULL);
	lanes_when(&e, &w);
	ck_assert(lanes_cols(&r, w.lo, w.hi, &c0, &c1));
	ck_assert_int_eq(c0, c1);
	ck_assert(lanes_marker(&r, &w, c0, c1, &col));
	ck_assert_int_eq(col, c0);
	/* a month is wider than a column: a bar */
	event_set(&e, "2022-03", NULL);
	lanes_when(&e, &w);
	ck_assert(lanes_cols(&r, w.lo, w.hi, &c0, &c1));
	ck_assert(!lanes_marker(&r, &w, c0, c1, &col));
	/* an interval is never a marker */
	event_set(&e, "2022-01-11", "2022-01-11");
	lanes_when(&e, &w);
	ck_assert(!lanes_marker(&r, &w, 2, 3, &col));
	/* at day zoom a day is the whole ruler */
	ruler_frame(&r, RULER_ZOOM_DAY, at("2022-01-11"), 0, 0, 100);
	event_set(&e, "2022-01-11", NULL);
	lanes_when(&e, &w);
	ck_assert(lanes_cols(&r, w.lo, w.hi, &c0, &c1));
	ck_assert(!lanes_marker(&r, &w, c0, c1, &col));
}
END_TEST

START_TEST(source_time)
{
	struct tl_source	s = { .date_text = "2024-10-24" };
	date_time		t = 0;

	ck_assert(lanes_source_time(&s, &t));
	ck_assert(t == at("2024-10-24"));
	s.date_text = NULL;
	ck_assert(!lanes_source_time(&s, &t));
}
END_TEST

/* --- lanes --------------------------------------------------------------- */

struct fixture {
	struct timeline	 tl;
	struct tl_event	 ev[8];
	struct tl_file	 files[2];
	uint32_t	 idx[8];
};

static const char *actors_a[] = { "Elon Musk", "Vladimir Putin" };
static const char *actors_b[] = { "Elon Musk" };
static const char *tags_a[] = { "kremlin", "wsj" };
static struct tl_source sources_a[] = {
	{ .outlet = "WSJ", .date_text = "2024-10-24" },
	{ .outlet = "WSJ", .date_text = "2024-10-25" },
	{ .url = "https://x" },
	{ .outlet = "CNN" },
};

static void
fixture(struct fixture *f)
{
	size_t	i;

	memset(f, 0, sizeof *f);
	event_set(&f->ev[0], "late 2022", "ongoing");
	event_set(&f->ev[1], "2022-10-03", NULL);
	event_set(&f->ev[2], "2023", NULL);
	f->ev[1].actors = actors_a;
	f->ev[1].nactors = 2;
	f->ev[0].actors = actors_b;
	f->ev[0].nactors = 1;
	f->ev[0].tags = tags_a;
	f->ev[0].ntags = 2;
	f->ev[0].sources = sources_a;
	f->ev[0].nsources = 4;
	f->ev[1].status = TL_STATUS_DENIED;
	f->ev[0].status = TL_STATUS_ALLEGED;
	f->ev[2].file = 1;
	f->files[0].title = "Musk";
	f->files[1].title = "Starlink";
	f->tl.files = f->files;
	f->tl.nfiles = 2;
	f->tl.events = f->ev;
	f->tl.nevents = 3;
	for (i = 0; i < 3; i++)
		f->idx[i] = (uint32_t)i;
}

/* The lane names of shown position p, joined with '|'. */
static char *
lanes_of(const struct lanes_keys *k, size_t p, char *buf, size_t n)
{
	uint32_t	i;

	buf[0] = '\0';
	for (i = k->first[p]; i < k->first[p + 1]; i++) {
		if (i > k->first[p])
			strncat(buf, "|", n - strlen(buf) - 1);
		strncat(buf, k->names[k->ids[i]], n - strlen(buf) - 1);
	}
	return buf;
}

START_TEST(keys_each_mode)
{
	static const struct {
		enum lanes_mode	 mode;
		const char	*lanes;		/* in order, '|' between */
		const char	*of[3];
	} cases[] = {
		{ LANES_FILE, "Musk|Starlink", { "Musk", "Musk", "Starlink" } },
		{ LANES_ACTOR, "Elon Musk|Vladimir Putin|(no actor)",
		    { "Elon Musk", "Elon Musk|Vladimir Putin", "(no actor)" } },
		{ LANES_TAG, "kremlin|wsj|(no tag)",
		    { "kremlin|wsj", "(no tag)", "(no tag)" } },
		{ LANES_STATUS, "alleged|denied|(no status)",
		    { "alleged", "denied", "(no status)" } },
		{ LANES_OUTLET, "CNN|WSJ|(no outlet)",
		    { "WSJ|CNN", "(no outlet)", "(no outlet)" } },
		{ LANES_NONE, "", { "", "", "" } },
	};
	struct fixture		f;
	struct lanes_keys	k;
	char			buf[200], all[200];
	size_t			i, p;

	fixture(&f);
	for (i = 0; i < N(cases); i++) {
		lanes_keys_build(&k, &f.tl, f.idx, 3, cases[i].mode);
		all[0] = '\0';
		for (p = 0; p < k.nlanes; p++) {
			if (p > 0)
				strcat(all, "|");
			strcat(all, k.names[p]);
		}
		ck_assert_str_eq(all, cases[i].lanes);
		for (p = 0; p < 3; p++)
			ck_assert_str_eq(lanes_of(&k, p, buf, sizeof buf),
			    cases[i].of[p]);
		lanes_keys_free(&k);
	}
	ck_assert_int_eq(lanes_mode_next(LANES_FILE), LANES_ACTOR);
	ck_assert_int_eq(lanes_mode_next(LANES_NONE), LANES_FILE);
	ck_assert_str_eq(lanes_mode_name(LANES_OUTLET), "outlet");
	for (i = 0; i < LANES_NMODES; i++) {
		enum lanes_mode	m = LANES_NMODES;

		ck_assert(lanes_mode_parse(lanes_mode_name(
		    (enum lanes_mode)i), &m));
		ck_assert_int_eq(m, (int)i);
	}
	ck_assert(!lanes_mode_parse("Actor", &k.mode));
	ck_assert(!lanes_mode_parse("", &k.mode));
}
END_TEST

START_TEST(keys_same_name_other_text)
{
	/* The same name in texts of their own (as two parsers keep them)
	 * is one lane; a text seen again by its pointer too. */
	static char a1[] = "Musk", a2[] = "Musk", b1[] = "Putin";
	const char	*ev0[] = { a1 }, *ev1[] = { a2, b1 }, *ev2[] = { a1, a2 };
	struct tl_event	 ev[3];
	uint32_t	 idx[3] = { 0, 1, 2 };
	struct timeline	 tl = TIMELINE_INIT;
	struct lanes_keys k;
	char		 buf[64];

	event_set(&ev[0], "2022-01-01", NULL);
	event_set(&ev[1], "2022-02-01", NULL);
	event_set(&ev[2], "2022-03-01", NULL);
	ev[0].actors = ev0;
	ev[0].nactors = 1;
	ev[1].actors = ev1;
	ev[1].nactors = 2;
	ev[2].actors = ev2;
	ev[2].nactors = 2;
	tl.events = ev;
	tl.nevents = 3;
	lanes_keys_build(&k, &tl, idx, 3, LANES_ACTOR);
	ck_assert_uint_eq(k.nlanes, 2);
	ck_assert_str_eq(k.names[0], "Musk");
	ck_assert_uint_eq(k.count[0], 3);
	ck_assert_str_eq(lanes_of(&k, 1, buf, sizeof buf), "Musk|Putin");
	ck_assert_str_eq(lanes_of(&k, 2, buf, sizeof buf), "Musk");
	/* the index by time: Musk's three, then Putin's one */
	ck_assert_uint_eq(k.lane_at[1], 3);
	ck_assert_uint_eq(k.lane_at[2], 4);
	ck_assert_uint_eq(k.pos[3], 1);
	lanes_keys_free(&k);
}
END_TEST

/* --- packing ------------------------------------------------------------- */

/* Events dated dates[] on a ruler of 2022, a column a day, one lane. */
static void
pack(const char *const *dates, size_t n, size_t max_rows, size_t gap,
    struct timeline *tl, struct tl_event *ev, uint32_t *idx,
    struct lanes_layout *L)
{
	struct lanes_keys	k;
	struct ruler		r;
	size_t			i;

	memset(tl, 0, sizeof *tl);
	for (i = 0; i < n; i++) {
		event_set(&ev[i], dates[i], NULL);
		idx[i] = (uint32_t)i;
	}
	tl->events = ev;
	tl->nevents = n;
	ruler_frame(&r, RULER_ZOOM_YEAR, at("2022-06-01"), 0, 0, 365);
	lanes_keys_build(&k, tl, idx, n, LANES_NONE);
	lanes_layout(L, &k, &r, max_rows, gap);
	lanes_keys_free(&k);
}

static uint32_t
row_of(const struct lanes_layout *L, uint32_t pos)
{
	size_t	i;

	for (i = 0; i < L->nitems; i++)
		if (L->items[i].pos == pos)
			return L->items[i].row;
	return UINT32_MAX;
}

START_TEST(packing_first_fit)
{
	static const char *const dates[] = {	/* sorted, as shown[] is */
		"2021/2024", "2022-01/2022-06", "2022-03/2022-09", "2022-07",
		"2022-08/2022-12", "2022-11-02",
	};
	struct tl_event		ev[N(dates)];
	uint32_t		idx[N(dates)];
	struct timeline		tl;
	struct lanes_layout	L = LANES_LAYOUT_INIT;

	pack(dates, N(dates), 10, 0, &tl, ev, idx, &L);
	ck_assert_int_eq(L.nlanes, 1);
	ck_assert_int_eq(L.nitems, 6);
	ck_assert_int_eq(row_of(&L, 0), 0);	/* 2021/2024: all of it */
	ck_assert_int_eq(row_of(&L, 1), 1);	/* Jan..Jun */
	ck_assert_int_eq(row_of(&L, 2), 2);	/* Mar..Sep overlaps it */
	ck_assert_int_eq(row_of(&L, 3), 1);	/* Jul: after Jan..Jun */
	ck_assert_int_eq(row_of(&L, 4), 1);	/* Aug..Dec: after Jul */
	ck_assert_int_eq(row_of(&L, 5), 2);	/* Nov: row 2 free since Oct */
	ck_assert_int_eq(L.lanes[0].rows, 3);
	ck_assert_int_eq(L.lanes[0].hidden, 0);

	/* with a gap of one column Jul cannot follow Jun on row 1 */
	pack(dates, N(dates), 10, 1, &tl, ev, idx, &L);
	ck_assert_int_eq(row_of(&L, 3), 3);
	ck_assert_int_eq(row_of(&L, 4), 1);
	ck_assert_int_eq(row_of(&L, 5), 2);
	lanes_layout_free(&L);
}
END_TEST

START_TEST(packing_crowded)
{
	static const char *const dates[] = {
		"2022-03", "2022-03", "2022-03", "2022-03", "2022-03",
		"2022-08",
	};
	struct tl_event		ev[N(dates)];
	uint32_t		idx[N(dates)];
	struct timeline		tl;
	struct lanes_layout	L = LANES_LAYOUT_INIT;

	pack(dates, N(dates), 3, 0, &tl, ev, idx, &L);
	ck_assert_int_eq(L.lanes[0].rows, 3);
	ck_assert_int_eq(L.lanes[0].hidden, 2);
	ck_assert_int_eq(L.lanes[0].density[58], 0);
	ck_assert_int_eq(L.lanes[0].density[59], 2);	/* 1 March */
	ck_assert_int_eq(L.lanes[0].density[89], 2);
	ck_assert_int_eq(L.lanes[0].density[90], 0);

	/* given 3 rows: 2 of bars, the last the density of the rest */
	lanes_layout_fit(&L, 3);
	ck_assert_int_eq(L.lanes[0].shown_rows, 3);
	ck_assert_int_eq(L.lanes[0].hidden, 3);
	ck_assert_int_eq(L.lanes[0].density[70], 3);
	ck_assert_int_eq(L.nitems, 3);		/* two in March, August */
	ck_assert_int_eq(row_of(&L, 5), 0);

	/* given everything: no density */
	pack(dates, N(dates), 10, 0, &tl, ev, idx, &L);
	lanes_layout_fit(&L, 10);
	ck_assert_int_eq(L.lanes[0].shown_rows, 5);
	ck_assert_int_eq(L.lanes[0].hidden, 0);
	ck_assert_ptr_null(L.lanes[0].density);

	/* one row: all density, "+6" */
	lanes_layout_fit(&L, 1);
	ck_assert_int_eq(L.lanes[0].shown_rows, 1);
	ck_assert_int_eq(L.lanes[0].hidden, 6);
	ck_assert_int_eq(L.nitems, 0);
	lanes_layout_free(&L);
}
END_TEST

START_TEST(fit_shares_rows)
{
	struct fixture		f;
	struct lanes_keys	k;
	struct lanes_layout	L = LANES_LAYOUT_INIT;
	struct ruler		r;

	fixture(&f);
	ruler_frame(&r, RULER_ZOOM_DECADE, at("2022-06-01"), 0, 0, 40);
	lanes_keys_build(&k, &f.tl, f.idx, 3, LANES_ACTOR);
	lanes_layout(&L, &k, &r, 10, 1);
	/* Elon Musk: the poll and the ongoing contacts overlap: 2 rows */
	ck_assert_int_eq(L.nlanes, 3);
	ck_assert_int_eq(L.lanes[0].rows, 2);
	ck_assert_int_eq(L.lanes[1].rows, 1);
	ck_assert_int_eq(L.nitems, 4);		/* the poll twice */
	lanes_layout_fit(&L, 2);
	ck_assert_int_eq(L.lanes[0].shown_rows, 1);
	ck_assert_int_eq(L.lanes[1].shown_rows, 1);
	ck_assert_int_eq(L.lanes[2].shown_rows, 0);
	ck_assert_int_eq(L.hidden_lanes, 1);
	ck_assert_int_eq(L.lanes[1].y, 1);
	ck_assert_int_eq(L.lanes[0].hidden, 2);	/* density with "+2" */
	lanes_layout_free(&L);
	lanes_keys_free(&k);
}
END_TEST

/* --- the fast layout against a plain one -------------------------------- */

static uint64_t rng_state;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static uint64_t
rng_below(uint64_t n)
{
	return n == 0 ? 0 : rng() % n;
}

static int
event_cmp(const void *a, const void *b)
{
	const struct tl_event	*x = a, *y = b;

	return x->date.earliest < y->date.earliest ? -1 :
	    x->date.earliest > y->date.earliest;
}

/* The layout as the header says it, walking every event: items, and per
 * lane rows, hidden and density (NULL when none hidden). */
struct plain {
	struct lanes_item	*items;
	size_t			 nitems;
	uint32_t		 keys[8], rows[8];
	size_t			 hidden[8], nitems_of[8];
	uint32_t		*density[8];
	size_t			 nlanes;
};

static void
plain_layout(struct plain *P, const struct timeline *tl, const uint32_t *idx,
    const struct lanes_keys *k, const struct ruler *r, size_t max_rows,
    size_t gap)
{
	size_t		 l, p, i, rr, rows;
	uint32_t	*row_end = calloc(max_rows, sizeof *row_end);
	date_time	 lo, hi;
	long		 c0, c1, c;
	bool		 in, any;

	ck_assert(row_end != NULL && k->nlanes <= 8);
	memset(P, 0, sizeof *P);
	P->items = calloc(k->first[k->n] + 1, sizeof *P->items);
	ck_assert(P->items != NULL);
	for (l = 0; l < k->nlanes; l++) {
		rows = 0;
		any = false;
		for (p = 0; p < k->n; p++) {
			for (in = false, i = k->first[p]; i < k->first[p + 1];
			    i++)
				in = in || k->ids[i] == l;
			lo = tl->events[idx[p]].date.earliest;
			hi = tl_event_latest(&tl->events[idx[p]]);
			if (!in || lo >= r->end || hi < r->start ||
			    !lanes_cols(r, lo, hi, &c0, &c1))
				continue;
			if (!any) {
				any = true;
				P->keys[P->nlanes] = (uint32_t)l;
			}
			for (rr = 0; rr < rows && row_end[rr] > (uint32_t)c0;
			    rr++)
				;
			if (rr == rows && rows == max_rows) {
				if (P->density[P->nlanes] == NULL)
					P->density[P->nlanes] = calloc(
					    r->width, sizeof (uint32_t));
				for (c = c0; c <= c1; c++)
					P->density[P->nlanes][c]++;
				P->hidden[P->nlanes]++;
				continue;
			}
			if (rr == rows)
				rows++;
			row_end[rr] = (uint32_t)(c1 + 1 + (long)gap);
			P->items[P->nitems++] = (struct lanes_item){
				(uint32_t)p, (uint32_t)P->nlanes,
				(uint32_t)rr, c0, c1 };
			P->nitems_of[P->nlanes]++;
		}
		if (any)
			P->rows[P->nlanes++] = (uint32_t)rows;
	}
	free(row_end);
}

static void
plain_free(struct plain *P)
{
	size_t	i;

	for (i = 0; i < 8; i++)
		free(P->density[i]);
	free(P->items);
}

/* n random events sorted by earliest, actors from a pool of 5 (0 to 3
 * of them, one maybe twice), 3 files: points, days, long spans, open
 * starts and ends. */
static void
random_events(struct tl_event *ev, size_t n, date_time base,
    const char **actors, struct tl_extra *extras)
{
	static const char *const pool[] = { "a", "b", "c", "d", "e" };
	size_t		i, j;
	date_time	len, span = (date_time)30 * 365 * 86400;

	for (i = 0; i < n; i++) {
		memset(&ev[i], 0, sizeof ev[i]);
		ev[i].title = "x";
		ev[i].date.earliest = base + (date_time)rng_below((uint64_t)
		    span);
		switch (rng_below(6)) {
		case 0: len = 0; break;
		case 1: len = 86399; break;
		case 2: len = (date_time)rng_below(40 * 86400); break;
		case 3: len = (date_time)rng_below((uint64_t)span / 4); break;
		case 4: len = (date_time)rng_below(3600); break;
		default: len = (date_time)rng_below(400 * 86400); break;
		}
		ev[i].date.latest = ev[i].date.earliest + len;
		if (rng_below(20) == 0)
			ev[i].date.earliest = DATE_MIN;
		memset(&extras[i], 0, sizeof extras[i]);
		if (rng_below(20) == 0) {
			ev[i].end_text = "ongoing";
			ev[i].extra = &extras[i];
			extras[i].end.latest = DATE_MAX;
		} else if (rng_below(8) == 0) {
			ev[i].end_text = "end";
			ev[i].extra = &extras[i];
			extras[i].end.latest = ev[i].date.latest +
			    (date_time)rng_below(800 * 86400);
		}
		ev[i].file = (uint32_t)rng_below(3);
		ev[i].nactors = (size_t)rng_below(4);
		ev[i].actors = actors + 4 * i;
		for (j = 0; j < ev[i].nactors; j++)
			actors[4 * i + j] = pool[rng_below(N(pool))];
	}
	qsort(ev, n, sizeof *ev, event_cmp);
	/* the actors' arrays move with the events: still each its own */
}

START_TEST(layout_as_plain_walk)
{
	enum { NEV = 400, ROUNDS = 400 };
	static const enum lanes_mode modes[] = {
		LANES_ACTOR, LANES_FILE, LANES_NONE
	};
	struct tl_event		*ev = calloc(NEV, sizeof *ev);
	uint32_t		*idx = calloc(NEV, sizeof *idx);
	const char		**actors = calloc(4 * NEV, sizeof *actors);
	struct tl_extra		*extras = calloc(NEV, sizeof *extras);
	struct timeline		 tl = TIMELINE_INIT;
	struct lanes_keys	 k;
	struct lanes_layout	 L = LANES_LAYOUT_INIT;
	struct plain		 P;
	struct ruler		 r;
	date_time		 base = at("2000-01-01"), lo, hi;
	size_t			 round, i, n, max_rows, gap, height;
	struct tl_file		 files[3];

	ck_assert(ev != NULL && idx != NULL && actors != NULL &&
	    extras != NULL);
	memset(files, 0, sizeof files);
	files[0].title = "f0";
	files[1].title = "f1";
	files[2].title = "f2";
	rng_state = 0x9e3779b97f4a7c15u;
	for (round = 0; round < ROUNDS; round++) {
		n = (size_t)rng_below(NEV) + 1;
		random_events(ev, n, base, actors, extras);
		for (i = 0; i < n; i++)
			idx[i] = (uint32_t)i;
		/* sometimes a filter: every other event */
		if (round % 5 == 4)
			for (i = 0; i < n / 2; i++)
				idx[i] = (uint32_t)(2 * i);
		if (round % 5 == 4)
			n /= 2;
		tl.events = ev;
		tl.nevents = NEV;
		tl.files = files;
		tl.nfiles = 3;
		if (rng_below(3) == 0) {
			/* any window: a few columns to a column a second */
			r.width = (size_t)rng_below(120) + 1;
			r.start = base + (date_time)rng_below((uint64_t)
			    31 * 365 * 86400) - 86400 * 365;
			r.end = r.start + 1 + (date_time)rng_below(
			    rng_below(2) ? 200 : (uint64_t)10 * 365 * 86400);
			r.zoom = RULER_ZOOM_ALL;
		} else {
			lo = ev[0].date.earliest > DATE_MIN ?
			    ev[0].date.earliest : base;
			hi = base + (date_time)30 * 365 * 86400;
			i = (size_t)rng_below(n);
			ruler_frame(&r, (enum ruler_zoom)rng_below(
			    RULER_ZOOM_COUNT), ev[i].date.earliest > DATE_MIN ?
			    ev[i].date.earliest : base, lo, hi,
			    (size_t)rng_below(200) + 1);
		}
		max_rows = (size_t)rng_below(round % 2 ? 4 : 30) + 1;
		gap = (size_t)rng_below(3);
		lanes_keys_build(&k, &tl, idx, n, modes[round % N(modes)]);
		lanes_layout(&L, &k, &r, max_rows, gap);
		plain_layout(&P, &tl, idx, &k, &r, max_rows, gap);
		ck_assert_uint_eq(L.nlanes, P.nlanes);
		ck_assert_uint_eq(L.nitems, P.nitems);
		for (i = 0; i < P.nitems; i++) {
			ck_assert_uint_eq(L.items[i].pos, P.items[i].pos);
			ck_assert_uint_eq(L.items[i].lane, P.items[i].lane);
			ck_assert_uint_eq(L.items[i].row, P.items[i].row);
			ck_assert_int_eq(L.items[i].c0, P.items[i].c0);
			ck_assert_int_eq(L.items[i].c1, P.items[i].c1);
		}
		for (i = 0; i < P.nlanes; i++) {
			ck_assert_uint_eq(L.lanes[i].key, P.keys[i]);
			ck_assert_uint_eq(L.lanes[i].rows, P.rows[i]);
			ck_assert_uint_eq(L.lanes[i].hidden, P.hidden[i]);
			ck_assert_uint_eq(L.lanes[i].nitems, P.nitems_of[i]);
			if (P.density[i] == NULL) {
				ck_assert_ptr_null(L.lanes[i].density);
				continue;
			}
			ck_assert_ptr_nonnull(L.lanes[i].density);
			ck_assert_mem_eq(L.lanes[i].density, P.density[i],
			    r.width * sizeof (uint32_t));
		}
		/* only the events that got a row are walked */
		ck_assert_uint_eq(L.visited, P.nitems);
		height = (size_t)rng_below(12);
		lanes_layout_fit(&L, height);
		plain_free(&P);
		lanes_keys_free(&k);
	}
	lanes_layout_free(&L);
	free(actors);
	free(extras);
	free(ev);
	free(idx);
}
END_TEST

START_TEST(layout_walks_few_events)
{
	enum { NEV = 1000 };
	struct tl_event		*ev = calloc(NEV, sizeof *ev);
	uint32_t		*idx = calloc(NEV, sizeof *idx);
	struct timeline		 tl = TIMELINE_INIT;
	struct lanes_keys	 k;
	struct lanes_layout	 L = LANES_LAYOUT_INIT;
	struct ruler		 r;
	char			 text[NEV][16];
	size_t			 i;

	ck_assert(ev != NULL && idx != NULL);
	/* one a day from 2000, and a long one early */
	for (i = 0; i < NEV; i++) {
		int64_t		 y;
		unsigned	 m, d;

		cal_civil_from_days(cal_days_from_civil(2000, 1, 1) +
		    (int64_t)i, &y, &m, &d);
		snprintf(text[i], sizeof text[i], "%04d-%02u-%02u", (int)y, m,
		    d);
		event_set(&ev[i], text[i], NULL);
		idx[i] = (uint32_t)i;
	}
	event_set(&ev[3], "2000-01-04", "ongoing");
	tl.events = ev;
	tl.nevents = NEV;
	lanes_keys_build(&k, &tl, idx, NEV, LANES_NONE);
	/* a month, a column a day: its 31 days and the ongoing one */
	ruler_frame(&r, RULER_ZOOM_MONTH, at("2002-03-10"), 0, 0, 31);
	lanes_layout(&L, &k, &r, 10, 0);
	ck_assert_uint_eq(L.nitems, 32);
	ck_assert_uint_eq(L.visited, 32);
	/* all 1000 at once, about 11 days a column, on 2 rows: the walk
	 * visits those given a row (at most one a column on each), not the
	 * others */
	ruler_frame(&r, RULER_ZOOM_ALL, at("2001-01-01"), at("2000-01-01"),
	    at("2002-09-26"), 100);
	lanes_layout(&L, &k, &r, 2, 0);
	ck_assert_uint_eq(L.lanes[0].rows, 2);
	ck_assert_uint_le(L.visited, 2 * 100);
	ck_assert_uint_eq(L.visited, L.nitems);
	ck_assert_uint_eq(L.lanes[0].hidden, NEV - L.nitems);
	lanes_layout_free(&L);
	lanes_keys_free(&k);
	free(ev);
	free(idx);
}
END_TEST

Suite *
lanes_suite(void)
{
	Suite	*s = suite_create("lanes");
	TCase	*tc = tcase_create("when");

	tcase_add_test(tc, when_fuzzy_and_certain);
	tcase_add_test(tc, cols_on_the_ruler);
	tcase_add_test(tc, marker_one_column);
	tcase_add_test(tc, source_time);
	suite_add_tcase(s, tc);
	tc = tcase_create("lanes");
	tcase_add_test(tc, keys_each_mode);
	tcase_add_test(tc, keys_same_name_other_text);
	tcase_add_test(tc, packing_first_fit);
	tcase_add_test(tc, packing_crowded);
	tcase_add_test(tc, fit_shares_rows);
	tcase_add_test(tc, layout_as_plain_walk);
	tcase_add_test(tc, layout_walks_few_events);
	suite_add_tcase(s, tc);
	return s;
}
