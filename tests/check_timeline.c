/* SPDX-License-Identifier: MIT */
/*
 * The timeline model and the small pieces under it: sorting as SPEC
 * section 2 says, lookups, titles, statuses, the arena, the buffer and the
 * diagnostics format.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "cal.h"
#include "check_suites.h"
#include "date.h"
#include "diag.h"
#include "timeline.h"

static void
add(struct timeline *tl, uint32_t file, const char *id, const char *date)
{
	struct tl_event	*e = timeline_add_event(tl, file);

	e->id = id;
	e->title = id;
	e->date_text = date;
	ck_assert_msg(date_parse(date, strlen(date), 0, &e->date, NULL, NULL),
	    "%s", date);
}

static const char *const sort_order[] = {
	"open", "bc", "jan", "early", "y2022", "y2022b", "jan5", "late", "q4",
	"dec"
};

START_TEST(test_sort)
{
	struct timeline	tl = TIMELINE_INIT;
	uint32_t	a = timeline_add_file(&tl, "dir/a.yaml");
	uint32_t	b = timeline_add_file(&tl, "b.yaml");
	size_t		i;

	add(&tl, a, "late", "late 2022");
	add(&tl, a, "y2022", "2022");
	add(&tl, a, "jan5", "2022-01-05");
	add(&tl, b, "q4", "2022-Q4");
	add(&tl, b, "open", "../2014");
	add(&tl, b, "y2022b", "2022");	/* same range: load order decides */
	add(&tl, b, "bc", "44 BC");
	add(&tl, a, "early", "early 2022");
	add(&tl, b, "dec", "2022-12");
	add(&tl, a, "jan", "2022-01");
	timeline_sort(&tl);
	ck_assert_uint_eq(tl.nevents, 10);
	/* earliest first; on the same earliest, the narrower range; on the
	 * same range, load order */
	for (i = 0; i < tl.nevents; i++)
		ck_assert_str_eq(tl.events[i].id, sort_order[i]);
	timeline_free(&tl);
}
END_TEST

/* Big timelines, in order but for a few events, reversed, and shuffled,
 * with many equal dates: sorted as SPEC section 2 says, ties in load
 * order (the sort walks a file in order once and sorts only the rest). */
START_TEST(test_sort_big)
{
	static char	 ids[3000][8], dates[3000][16];
	struct timeline	 tl = TIMELINE_INIT;
	uint32_t	 f = timeline_add_file(&tl, "f.yaml"), x = 12345;
	size_t		 i, n = 3000;	/* 1500 days from 1990 */

	for (i = 0; i < n; i++) {
		/* In order, two events a day; or backwards; or anywhere. */
		int64_t		day = cal_days_from_civil(1990, 1, 1) +
				    (int64_t)i / 2, y;
		unsigned	m, d;

		x = x * 1103515245u + 12345u;
		if (_i == 0 && (x >> 16) % 50 == 0)	/* a few out of place */
			day += (int64_t)((x >> 8) % 4000) - 2000;
		else if (_i == 1)
			day = cal_days_from_civil(1990, 1, 1) + (int64_t)(n - i);
		else if (_i == 2)
			day = cal_days_from_civil(1990, 1, 1) + (x >> 8) % 500;
		cal_civil_from_days(day, &y, &m, &d);
		snprintf(ids[i], sizeof ids[i], "e%04zu", i);
		snprintf(dates[i], sizeof dates[i], "%04lld-%02u-%02u",
		    (long long)y, m, d);
		add(&tl, f, ids[i], dates[i]);
	}
	timeline_sort(&tl);
	ck_assert_uint_eq(tl.nevents, n);
	for (i = 1; i < n; i++) {
		const struct tl_event *a = &tl.events[i - 1], *b = &tl.events[i];

		if (a->date.earliest != b->date.earliest)
			ck_assert(a->date.earliest < b->date.earliest);
		else if (a->date.latest != b->date.latest)
			ck_assert(a->date.latest < b->date.latest);
		else
			ck_assert_msg(strcmp(a->id, b->id) < 0,
			    "%s before %s", a->id, b->id);
	}
	for (i = 0; i < n; i++)
		ck_assert_ptr_eq(timeline_find_id(&tl, ids[i])->id, ids[i]);
	timeline_free(&tl);
}
END_TEST

START_TEST(test_end_widens)
{
	struct timeline	 tl = TIMELINE_INIT;
	uint32_t	 f = timeline_add_file(&tl, "f.yaml");
	struct tl_event	*e;

	add(&tl, f, "long", "2022-03");
	e = &tl.events[0];
	e->end_text = "2023";
	ck_assert(date_parse("2023", 4, DATE_PARSE_END,
	    &tl_event_extra(&tl.arena, e)->end, NULL, NULL));
	add(&tl, f, "short", "2022-03");
	timeline_sort(&tl);
	ck_assert_str_eq(tl.events[0].id, "short");
	ck_assert_str_eq(tl.events[1].id, "long");
	timeline_free(&tl);
}
END_TEST

START_TEST(test_lookup)
{
	struct timeline	 tl = TIMELINE_INIT;
	uint32_t	 a = timeline_add_file(&tl, "dir/a.yaml");
	char		*title;

	add(&tl, a, "x", "2022");
	add(&tl, a, "y", "2023");
	ck_assert_ptr_nonnull(timeline_find_id(&tl, "y"));
	ck_assert_str_eq(timeline_find_id(&tl, "y")->date_text, "2023");
	ck_assert_ptr_null(timeline_find_id(&tl, "z"));
	/* After the sort the index answers, and for a duplicate id the
	 * first loaded event wins although it sorts later. */
	add(&tl, a, "x", "2000");
	timeline_sort(&tl);
	ck_assert_ptr_nonnull(tl.ids.slots);
	ck_assert_str_eq(timeline_find_id(&tl, "x")->date_text, "2022");
	ck_assert_str_eq(timeline_find_id(&tl, "y")->date_text, "2023");
	ck_assert_ptr_null(timeline_find_id(&tl, "z"));
	title = timeline_title(&tl);
	ck_assert_str_eq(title, "a.yaml");	/* base name by default */
	free(title);
	timeline_add_file(&tl, "b.yaml");
	timeline_add_file(&tl, "other/a.yaml");
	title = timeline_title(&tl);
	ck_assert_str_eq(title, "a.yaml + b.yaml");
	free(title);
	timeline_free(&tl);
}
END_TEST

static void
count_dup(void *ctx, size_t first, size_t again)
{
	struct buf	*b = ctx;

	buf_printf(b, "%zu<%zu ", first, again);
}

/* An index built before the sort (as load_check does) is kept by it and
 * still answers right, the first loaded event of a duplicate id winning. */
START_TEST(test_index_kept)
{
	static char	 ids[300][8], dates[300][16];
	struct timeline	 tl = TIMELINE_INIT;
	uint32_t	 f = timeline_add_file(&tl, "f.yaml");
	struct buf	 dups = BUF_INIT;
	size_t		 i;

	for (i = 0; i < 300; i++) {
		/* Ids repeat every 250; dates run backwards, so the sort
		 * turns the whole array round. */
		snprintf(ids[i], sizeof ids[i], "e%zu", i % 250);
		snprintf(dates[i], sizeof dates[i], "%04zu-01-01", 2300 - i);
		add(&tl, f, ids[i], dates[i]);
	}
	timeline_index(&tl, count_dup, &dups);
	ck_assert(strncmp(dups.data, "0<250 1<251 2<252 ", 18) == 0);
	ck_assert_ptr_nonnull(strstr(dups.data, " 49<299 "));
	timeline_sort(&tl);
	ck_assert_str_eq(tl.events[0].date_text, "2001-01-01");
	for (i = 0; i < 250; i++) {
		char		 id[8];
		struct tl_event	*e;

		snprintf(id, sizeof id, "e%zu", i);
		e = timeline_find_id(&tl, id);
		ck_assert_ptr_nonnull(e);
		ck_assert_str_eq(e->id, id);
		ck_assert_str_eq(e->date_text, dates[i]);	/* the first */
	}
	ck_assert_ptr_null(timeline_find_id(&tl, "e250"));
	buf_free(&dups);
	timeline_free(&tl);
}
END_TEST

START_TEST(test_status)
{
	enum tl_status	s;

	ck_assert(tl_status_parse("Denied", 6, &s));
	ck_assert_int_eq(s, TL_STATUS_DENIED);
	ck_assert(tl_status_parse("CONFIRMED", 9, &s));
	ck_assert_int_eq(s, TL_STATUS_CONFIRMED);
	ck_assert(!tl_status_parse("deny", 4, &s));
	ck_assert(!tl_status_parse("", 0, &s));
	ck_assert_str_eq(tl_status_name(TL_STATUS_ALLEGED), "alleged");
	ck_assert_str_eq(tl_status_name(TL_STATUS_NONE), "");
}
END_TEST

START_TEST(test_arena)
{
	struct arena	 a = ARENA_INIT;
	char		*big, *s;
	size_t		 i;
	long long	*n;

	s = arena_strndup(&a, "hello world", 5);
	ck_assert_str_eq(s, "hello");
	n = arena_alloc(&a, sizeof *n, _Alignof(long long));
	ck_assert_uint_eq((uintptr_t)n % _Alignof(long long), 0);
	big = arena_alloc(&a, 10 << 20, 1);	/* bigger than a block */
	memset(big, 'x', 10 << 20);
	for (i = 0; i < 100000; i++)
		s = arena_strdup(&a, "abc");
	ck_assert_str_eq(s, "abc");
	arena_reset(&a);
	ck_assert_uint_eq(a.used, 0);
	s = arena_strdup(&a, "again");
	ck_assert_str_eq(s, "again");
	arena_free(&a);
}
END_TEST

START_TEST(test_buf)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	int		 i;

	ck_assert_str_eq(buf_str(&b), "");
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i);
	ck_assert_uint_eq(b.len, strlen(b.data));
	ck_assert(strncmp(b.data + b.len - 4, "999,", 4) == 0);
	buf_truncate(&b, 2);
	ck_assert_str_eq(b.data, "0,");
	s = buf_detach(&b);
	ck_assert_str_eq(s, "0,");
	ck_assert_ptr_null(b.data);
	free(s);
}
END_TEST

START_TEST(test_diag)
{
	struct diag_list	l = DIAG_LIST_INIT;
	struct buf		b = BUF_INIT;
	size_t			i;

	diag_add(&l, DIAG_ERROR, "f.yaml", 14, 9, "unrecognised date '%s'",
	    "lat\x1b[31m 2022");
	diag_add(&l, DIAG_NOTE, "f.yaml", 2, 0, "started here");
	diag_add(&l, DIAG_WARNING, "f.yaml", 0, 0, "whole file");
	diag_add(&l, DIAG_WARNING, NULL, 0, 0, "no file");
	for (i = 0; i < l.n; i++)
		diag_format(&l.v[i], &b);
	ck_assert_str_eq(b.data,
	    "f.yaml:14:9: error: unrecognised date 'lat^[[31m 2022'\n"
	    "f.yaml:2: note: started here\n"
	    "f.yaml: warning: whole file\n"
	    "warning: no file\n");
	ck_assert_uint_eq(l.errors, 1);
	ck_assert_uint_eq(l.warnings, 2);
	buf_free(&b);
	diag_free(&l);
}
END_TEST

Suite *
timeline_suite(void)
{
	Suite	*s = suite_create("timeline");
	TCase	*tc;

	tc = tcase_create("sort");
	tcase_add_test(tc, test_sort);
	tcase_add_loop_test(tc, test_sort_big, 0, 3);
	tcase_add_test(tc, test_end_widens);
	suite_add_tcase(s, tc);

	tc = tcase_create("model");
	tcase_add_test(tc, test_lookup);
	tcase_add_test(tc, test_index_kept);
	tcase_add_test(tc, test_status);
	suite_add_tcase(s, tc);

	tc = tcase_create("support");
	tcase_add_test(tc, test_arena);
	tcase_add_test(tc, test_buf);
	tcase_add_test(tc, test_diag);
	suite_add_tcase(s, tc);
	return s;
}
