/* SPDX-License-Identifier: MIT */
/*
 * The timeline view's layout (src/lanes.c): the fuzzy and certain parts of
 * a date, the columns a range covers, the lanes of each mode, first-fit
 * packing and a crowded lane's count, and the index that visits only the
 * events in the window.
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

/* An event dated text (and end, if not NULL). */
static void
event_set(struct tl_event *e, const char *text, const char *end)
{
	memset(e, 0, sizeof *e);
	e->title = text;
	e->date_text = text;
	if (!date_parse(text, strlen(text), 0, &e->date, NULL, NULL))
		ck_abort_msg("'%s' should parse", text);
	if (end != NULL) {
		e->end_text = end;
		if (!date_parse(end, strlen(end), DATE_PARSE_END, &e->end,
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
}
END_TEST

/* --- packing ------------------------------------------------------------- */

/* Events dated dates[] on a ruler of 2022, a column a day, one lane. */
static void
pack(const char *const *dates, size_t n, size_t max_rows, size_t gap,
    struct timeline *tl, struct tl_event *ev, uint32_t *idx,
    struct lanes_layout *L)
{
	struct lanes_index	ix;
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
	lanes_index_build(&ix, tl, idx, n);
	lanes_keys_build(&k, tl, idx, n, LANES_NONE);
	lanes_layout(L, &ix, &k, &r, max_rows, gap);
	lanes_keys_free(&k);
	lanes_index_free(&ix);
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
	struct lanes_index	ix;
	struct lanes_keys	k;
	struct lanes_layout	L = LANES_LAYOUT_INIT;
	struct ruler		r;

	fixture(&f);
	ruler_frame(&r, RULER_ZOOM_DECADE, at("2022-06-01"), 0, 0, 40);
	lanes_index_build(&ix, &f.tl, f.idx, 3);
	lanes_keys_build(&k, &f.tl, f.idx, 3, LANES_ACTOR);
	lanes_layout(&L, &ix, &k, &r, 10, 1);
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
	lanes_index_free(&ix);
}
END_TEST

/* --- the index ----------------------------------------------------------- */

START_TEST(index_visits_the_window)
{
	enum { NEV = 1000 };
	struct tl_event		*ev = calloc(NEV, sizeof *ev);
	uint32_t		*idx = calloc(NEV, sizeof *idx);
	struct timeline		 tl = TIMELINE_INIT;
	struct lanes_index	 ix;
	struct ruler		 r;
	char			 text[NEV][16];
	size_t			 i, at_ = 0, pos, got = 0, want = 0;
	date_time		 lo, hi;

	ck_assert(ev != NULL && idx != NULL);
	/* one a day from 2000, and a long one in the first block */
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
	lanes_index_build(&ix, &tl, idx, NEV);
	ruler_frame(&r, RULER_ZOOM_MONTH, at("2002-03-10"), 0, 0, 31);
	for (i = 0; i < NEV; i++) {
		lo = ev[i].date.earliest;
		hi = tl_event_latest(&ev[i]);
		if (lo < r.end && hi >= r.start)
			want++;
	}
	while (lanes_index_next(&ix, r.start, r.end, &at_, &pos)) {
		lo = ev[idx[pos]].date.earliest;
		hi = tl_event_latest(&ev[idx[pos]]);
		ck_assert(lo < r.end && hi >= r.start);
		got++;
	}
	ck_assert_int_eq(want, 31 + 1);
	ck_assert_int_eq(got, want);
	lanes_index_free(&ix);
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
	tcase_add_test(tc, source_time);
	suite_add_tcase(s, tc);
	tc = tcase_create("lanes");
	tcase_add_test(tc, keys_each_mode);
	tcase_add_test(tc, packing_first_fit);
	tcase_add_test(tc, packing_crowded);
	tcase_add_test(tc, fit_shares_rows);
	tcase_add_test(tc, index_visits_the_window);
	suite_add_tcase(s, tc);
	return s;
}
