/* SPDX-License-Identifier: MIT */
/*
 * The viewer's state without a terminal: filtering keeps the cursor on its
 * event, movement clamps, search wraps, dates and periods jump, related
 * links go and come back; the prompt's line editor; key names and the
 * action table.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "browse.h"
#include "buf.h"
#include "check_suites.h"
#include "diag.h"
#include "lineedit.h"
#include "storydiff.h"
#include "timeline.h"
#include "yamlio.h"

static const char story[] =
    "events:\n"
    "  - {id: crimea, date: 2014-03, title: Crimea annexed, tags: [crimea]}\n"
    "  - {id: invasion, date: 2022-02-24, title: Invasion, tags: [war]}\n"
    "  - {id: starlink, date: 2022-02-26, title: Starlink for Ukraine,\n"
    "     tags: [starlink], related: [invasion, contact]}\n"
    "  - {id: poll, date: 2022-10-03, title: Peace plan poll}\n"
    "  - {id: contact, date: late 2022, title: Contact with Putin,\n"
    "     status: alleged, tags: [starlink, kremlin], related: [starlink]}\n"
    "  - {id: carlson, date: 2024-02-08, title: Carlson interview on X}\n"
    "  - {id: wsj, date: 2024-10-24, title: WSJ report on Starlink,\n"
    "     description: Musk and Putin talk regularly}\n";

struct fixture {
	struct timeline		tl;
	struct diag_list	diags;
	struct browse		br;
};

static void
fixture_load(struct fixture *f)
{
	uint32_t	fi;

	memset(f, 0, sizeof *f);
	fi = timeline_add_file(&f->tl, "story.yaml");
	ck_assert(yamlio_load_buffer(&f->tl, fi, story, strlen(story),
	    &f->diags));
	ck_assert_uint_eq(f->diags.n, 0);
	timeline_sort(&f->tl);
	browse_init(&f->br, &f->tl);
}

static void
fixture_free(struct fixture *f)
{
	browse_free(&f->br);
	timeline_free(&f->tl);
	diag_free(&f->diags);
}

static const char *
cur_id(const struct fixture *f)
{
	const struct tl_event	*e = browse_current(&f->br);

	return e != NULL ? e->id : "(none)";
}

START_TEST(test_move)
{
	struct fixture	f;

	fixture_load(&f);
	ck_assert_uint_eq(f.br.nshown, 7);
	ck_assert_str_eq(cur_id(&f), "crimea");
	ck_assert(!browse_move(&f.br, -1));
	ck_assert(browse_move(&f.br, 2));
	ck_assert_str_eq(cur_id(&f), "starlink");
	ck_assert(browse_move(&f.br, 100));
	ck_assert_str_eq(cur_id(&f), "wsj");
	ck_assert(!browse_move(&f.br, 1));
	browse_fit(&f.br, 3);
	ck_assert_uint_eq(f.br.top, 4);	/* last page, no empty rows */
	ck_assert(browse_move_to(&f.br, 0));
	browse_fit(&f.br, 3);
	ck_assert_uint_eq(f.br.top, 0);
	fixture_free(&f);
}
END_TEST

START_TEST(test_filter)
{
	struct fixture	 f;
	char		*err = NULL;
	size_t		 col = 0;

	fixture_load(&f);
	browse_move_to(&f.br, 3);	/* contact (late 2022 starts in Sep) */
	ck_assert(browse_set_filter(&f.br, "tag:starlink", &err, &col));
	ck_assert_uint_eq(f.br.nshown, 2);
	ck_assert_str_eq(cur_id(&f), "contact");	/* stays on its event */
	ck_assert(!browse_set_filter(&f.br, "tga:x", &err, &col));
	ck_assert_ptr_nonnull(err);
	ck_assert_uint_eq(col, 0);
	free(err);
	ck_assert_uint_eq(f.br.nshown, 2);		/* old filter stays */
	ck_assert_str_eq(f.br.filter_text, "tag:starlink");
	ck_assert(browse_set_filter(&f.br, "-tag:kremlin", &err, &col));
	ck_assert_uint_eq(f.br.nshown, 6);
	ck_assert_str_eq(cur_id(&f), "poll");		/* nearest after */
	ck_assert(browse_set_filter(&f.br, "nothing-matches-this", &err,
	    &col));
	ck_assert_uint_eq(f.br.nshown, 0);
	ck_assert_ptr_null(browse_current(&f.br));
	ck_assert(browse_set_filter(&f.br, "  ", &err, &col));
	ck_assert_ptr_null(f.br.filter_text);
	ck_assert_uint_eq(f.br.nshown, 7);
	fixture_free(&f);
}
END_TEST

START_TEST(test_search)
{
	struct fixture	f;
	bool		wrapped;

	fixture_load(&f);
	ck_assert(browse_search(&f.br, "STARLINK", 1, &wrapped));
	ck_assert_str_eq(cur_id(&f), "starlink");
	ck_assert(!wrapped);
	ck_assert(browse_search_next(&f.br, 1, &wrapped));
	ck_assert_str_eq(cur_id(&f), "contact");	/* by its tag */
	ck_assert(browse_search_next(&f.br, 1, &wrapped));
	ck_assert_str_eq(cur_id(&f), "wsj");
	ck_assert(browse_search_next(&f.br, 1, &wrapped));
	ck_assert_str_eq(cur_id(&f), "starlink");
	ck_assert(wrapped);
	ck_assert(browse_search_next(&f.br, -1, &wrapped));
	ck_assert_str_eq(cur_id(&f), "wsj");
	ck_assert(wrapped);
	browse_move_to(&f.br, 0);
	ck_assert(browse_search(&f.br, "putin", 1, &wrapped));
	ck_assert_str_eq(cur_id(&f), "contact");	/* title */
	ck_assert(browse_search_next(&f.br, 1, &wrapped));
	ck_assert_str_eq(cur_id(&f), "wsj");		/* description */
	ck_assert(!browse_search(&f.br, "zzz", 1, &wrapped));
	fixture_free(&f);
}
END_TEST

START_TEST(test_dates)
{
	struct fixture		f;
	struct date_range	r;

	fixture_load(&f);
	ck_assert(date_parse("late 2022", 9, 0, &r, NULL, NULL));
	ck_assert(browse_goto_date(&f.br, &r));
	ck_assert_str_eq(cur_id(&f), "contact");
	/* no event starts on 2014-03-10, but crimea (2014-03) covers it */
	ck_assert(date_parse("2014-03-10", 10, 0, &r, NULL, NULL));
	ck_assert(browse_goto_date(&f.br, &r));
	ck_assert_str_eq(cur_id(&f), "crimea");
	/* 2023: nothing starts or reaches into it; the next, carlson */
	ck_assert(date_parse("2023", 4, 0, &r, NULL, NULL));
	ck_assert(browse_goto_date(&f.br, &r));
	ck_assert_str_eq(cur_id(&f), "carlson");
	ck_assert(date_parse("2030", 4, 0, &r, NULL, NULL));
	ck_assert(browse_goto_date(&f.br, &r));
	ck_assert_str_eq(cur_id(&f), "wsj");		/* the last */
	browse_move_to(&f.br, 0);
	ck_assert(browse_step_period(&f.br, RULER_ZOOM_ALL, 1));
	ck_assert_str_eq(cur_id(&f), "invasion");	/* 2014 -> 2022 */
	ck_assert(browse_step_period(&f.br, RULER_ZOOM_MONTH, 1));
	ck_assert_str_eq(cur_id(&f), "contact");	/* Feb -> Sep */
	ck_assert(browse_step_period(&f.br, RULER_ZOOM_YEAR, 1));
	ck_assert_str_eq(cur_id(&f), "carlson");
	ck_assert(browse_step_period(&f.br, RULER_ZOOM_YEAR, -1));
	ck_assert_str_eq(cur_id(&f), "invasion");	/* start of 2022 */
	ck_assert(browse_step_period(&f.br, RULER_ZOOM_YEAR, -1));
	ck_assert_str_eq(cur_id(&f), "crimea");
	ck_assert(!browse_step_period(&f.br, RULER_ZOOM_YEAR, -1));
	fixture_free(&f);
}
END_TEST

START_TEST(test_follow)
{
	struct fixture	 f;
	bool		 unfiltered;
	char		*err = NULL;
	size_t		 col;

	fixture_load(&f);
	browse_move_to(&f.br, 2);
	ck_assert_str_eq(cur_id(&f), "starlink");
	ck_assert(browse_follow(&f.br, 1, &unfiltered));
	ck_assert_str_eq(cur_id(&f), "contact");
	ck_assert(!unfiltered);
	ck_assert(browse_follow(&f.br, 0, &unfiltered));
	ck_assert_str_eq(cur_id(&f), "starlink");
	ck_assert(browse_back(&f.br));
	ck_assert_str_eq(cur_id(&f), "contact");
	ck_assert(browse_back(&f.br));
	ck_assert_str_eq(cur_id(&f), "starlink");
	ck_assert(!browse_back(&f.br));
	ck_assert(!browse_follow(&f.br, 2, &unfiltered));
	/* a link to an event the filter hides clears the filter */
	ck_assert(browse_set_filter(&f.br, "tag:starlink", &err, &col));
	browse_move_to(&f.br, 0);
	ck_assert(browse_follow(&f.br, 0, &unfiltered));
	ck_assert(unfiltered);
	ck_assert_str_eq(cur_id(&f), "invasion");
	ck_assert_uint_eq(f.br.nshown, 7);
	fixture_free(&f);
}
END_TEST

START_TEST(test_reset)
{
	struct fixture	 f;
	struct timeline	 tl2 = TIMELINE_INIT;
	struct diag_list d2 = DIAG_LIST_INIT;
	uint32_t	 fi;
	static const char newer[] =
	    "events:\n  - {id: new, date: 2000, title: New}\n"
	    "  - {id: poll, date: 2022-10-03, title: Peace plan poll}\n";

	fixture_load(&f);
	browse_move_to(&f.br, 4);
	ck_assert_str_eq(cur_id(&f), "poll");
	fi = timeline_add_file(&tl2, "story.yaml");
	ck_assert(yamlio_load_buffer(&tl2, fi, newer, strlen(newer), &d2));
	timeline_sort(&tl2);
	browse_reset(&f.br, &tl2, "poll", 0);
	ck_assert_str_eq(cur_id(&f), "poll");
	ck_assert_uint_eq(f.br.cursor, 1);
	browse_free(&f.br);
	timeline_free(&f.tl);
	diag_free(&f.diags);
	timeline_free(&tl2);
	diag_free(&d2);
}
END_TEST

/* Typing a query one character at a time (which narrows from the last
 * result when it can) shows exactly what the whole query shows. */
static const char *const typed_queries[] = {
	"starlink", "tag:starlink", "actor:putin", "musk -tag:kremlin",
	"\"contact with\" x", "status:alleged,confirmed", "-star",
	"from:2022 to:2023", "file:story", "id:poll",
};

START_TEST(test_narrow)
{
	const char	*q = typed_queries[_i];
	struct fixture	 f, g;
	char		 buf[64], *err;
	size_t		 k, i;

	fixture_load(&f);
	fixture_load(&g);
	for (k = 1; k <= strlen(q); k++) {
		memcpy(buf, q, k);
		buf[k] = '\0';
		err = NULL;
		if (!browse_set_filter(&f.br, buf, &err, NULL)) {
			free(err);
			continue;
		}
		err = NULL;
		browse_set_filter(&g.br, NULL, &err, NULL);
		ck_assert(browse_set_filter(&g.br, buf, &err, NULL));
		ck_assert_msg(f.br.nshown == g.br.nshown, "'%s': %zu vs %zu",
		    buf, f.br.nshown, g.br.nshown);
		for (i = 0; i < f.br.nshown; i++)
			ck_assert_uint_eq(f.br.shown[i], g.br.shown[i]);
	}
	fixture_free(&f);
	fixture_free(&g);
}
END_TEST

/* The row the cursor goes to for event ev: ev's, else the next shown
 * (else the last). */
static size_t
browse_row_near(const struct browse *b, size_t ev)
{
	size_t	row = 0;

	while (row < b->nshown && b->shown[row] < ev)
		row++;
	return row == b->nshown && row > 0 ? row - 1 : row;
}

/*
 * The same typed a slice at a time, as the viewer does on big timelines:
 * each keystroke begins the filter and tests only `slice` events (1, 2 or
 * 3) before the next one comes; at the end, finished, it shows exactly
 * what typing it with every keystroke applied whole shows.  The cursor
 * starts on 'contact': as long as no keystroke's filter finished, it stays
 * nearest to that event.
 */
/* The same filter set again tests every event again: what it matches may
 * have changed meanwhile (the changes since a commit came, a mark). */
START_TEST(test_same_again)
{
	struct fixture	 f;
	char		*err = NULL;

	fixture_load(&f);
	ck_assert(browse_set_filter(&f.br, "changed: starlink", &err, NULL));
	ck_assert_uint_eq(f.br.nshown, 0);	/* nothing known yet */
	f.tl.changed = calloc(f.tl.nevents, 1);
	f.tl.changed[2] = STORYDIFF_NOTES;	/* starlink, 2022-02-26 */
	ck_assert(browse_set_filter(&f.br, "changed: starlink", &err, NULL));
	ck_assert_uint_eq(f.br.nshown, 1);
	ck_assert_str_eq(browse_current(&f.br)->id, "starlink");
	fixture_free(&f);
}
END_TEST

START_TEST(test_slices)
{
	const char	*q = typed_queries[_i / 3];
	size_t		 slice = (size_t)_i % 3 + 1, k, i, contact;
	struct fixture	 f, g;
	char		 buf[64], *err;
	bool		 finished = false;

	fixture_load(&f);
	fixture_load(&g);
	ck_assert(browse_move_to(&f.br, 3));
	ck_assert(browse_move_to(&g.br, 3));
	ck_assert_str_eq(cur_id(&f), "contact");
	contact = browse_current_index(&f.br);
	for (k = 1; k <= strlen(q); k++) {
		memcpy(buf, q, k);
		buf[k] = '\0';
		err = NULL;
		if (!browse_filter_begin(&f.br, buf, &err, NULL)) {
			free(err);
			continue;
		}
		if (browse_filter_run(&f.br, slice) && k < strlen(q))
			finished = true;
		/* What is shown so far is in order. */
		for (i = 1; i < f.br.nshown; i++)
			ck_assert_uint_lt(f.br.shown[i - 1], f.br.shown[i]);
		ck_assert(browse_set_filter(&g.br, buf, &err, NULL));
	}
	ck_assert_uint_le(browse_filter_percent(&f.br), 100);
	browse_filter_finish(&f.br);
	ck_assert(!browse_filtering(&f.br));
	ck_assert_uint_eq(browse_filter_percent(&f.br), 100);
	ck_assert_msg(f.br.nshown == g.br.nshown, "'%s': %zu vs %zu", buf,
	    f.br.nshown, g.br.nshown);
	for (i = 0; i < f.br.nshown; i++)
		ck_assert_uint_eq(f.br.shown[i], g.br.shown[i]);
	/* Never finished before the end: still nearest the first event
	 * (where applying every keystroke whole may have wandered off). */
	ck_assert(f.br.nshown == 0 || f.br.cursor < f.br.nshown);
	if (!finished)
		ck_assert_uint_eq(f.br.cursor, browse_row_near(&f.br, contact));
	fixture_free(&f);
	fixture_free(&g);
}
END_TEST

/* --- line editor --------------------------------------------------------- */

static void
keys(struct lineedit *le, const int32_t *k)
{
	for (; *k != 0; k++)
		lineedit_key(le, *k);
}

START_TEST(test_lineedit)
{
	struct lineedit	le;
	const int32_t	typed[] = { 't', 'a', 'g', ':', 0xE9, 'x', 0 };
	const int32_t	edits[] = { KEYC_LEFT, KEYC_BACKSPACE, KEYC_HOME,
			    '-', KEYC_END, 'y', 0 };

	memset(&le, 0, sizeof le);
	lineedit_start(&le, NULL);
	keys(&le, typed);
	ck_assert_str_eq(lineedit_text(&le), "tag:éx");
	keys(&le, edits);	/* delete the é, not half of it */
	ck_assert_str_eq(lineedit_text(&le), "-tag:xy");
	ck_assert_int_eq(lineedit_key(&le, KEYC_CTRL('w')), LINEEDIT_CHANGED);
	ck_assert_str_eq(lineedit_text(&le), "");
	lineedit_start(&le, "one two  three");
	lineedit_key(&le, KEYC_CTRL('w'));
	ck_assert_str_eq(lineedit_text(&le), "one two  ");
	lineedit_key(&le, KEYC_CTRL('u'));
	ck_assert_str_eq(lineedit_text(&le), "");
	ck_assert_int_eq(lineedit_key(&le, KEYC_ENTER), LINEEDIT_ACCEPT);
	ck_assert_int_eq(lineedit_key(&le, KEYC_ESC), LINEEDIT_CANCEL);
	ck_assert_int_eq(lineedit_key(&le, KEYC_F1), LINEEDIT_NONE);
	lineedit_free(&le);
}
END_TEST

START_TEST(test_history)
{
	struct lineedit	le;

	memset(&le, 0, sizeof le);
	lineedit_remember(&le, "first");
	lineedit_remember(&le, "second");
	lineedit_remember(&le, "second");	/* no repeats */
	lineedit_remember(&le, "   ");		/* no blanks */
	ck_assert_uint_eq(le.nhistory, 2);
	lineedit_start(&le, "draft");
	lineedit_key(&le, KEYC_UP);
	ck_assert_str_eq(lineedit_text(&le), "second");
	lineedit_key(&le, KEYC_UP);
	ck_assert_str_eq(lineedit_text(&le), "first");
	ck_assert_int_eq(lineedit_key(&le, KEYC_UP), LINEEDIT_NONE);
	lineedit_key(&le, KEYC_DOWN);
	lineedit_key(&le, KEYC_DOWN);
	ck_assert_str_eq(lineedit_text(&le), "draft");
	lineedit_free(&le);
}
END_TEST

/* --- keys ---------------------------------------------------------------- */

START_TEST(test_keys)
{
	struct keymap	km;
	int32_t		key;
	char		name[16];
	struct buf	b = BUF_INIT;

	ck_assert(action_key_parse("Down", 4, &key));
	ck_assert_int_eq(key, KEYC_DOWN);
	ck_assert(action_key_parse("C-l", 3, &key));
	ck_assert_int_eq(key, 12);
	ck_assert(action_key_parse("F1", 2, &key));
	ck_assert_int_eq(key, KEYC_F1);
	ck_assert(action_key_parse("é", 2, &key));
	ck_assert_int_eq(key, 0xE9);
	ck_assert(!action_key_parse("Dwn", 3, &key));
	ck_assert(!action_key_parse("ab", 2, &key));
	ck_assert_str_eq(action_key_name(KEYC_PGDN, name, sizeof name), "PgDn");
	ck_assert_str_eq(action_key_name(12, name, sizeof name), "C-l");
	keymap_init_defaults(&km);
	ck_assert_int_eq(keymap_lookup(&km, 'j'), ACTION_MOVE_DOWN);
	ck_assert_int_eq(keymap_lookup(&km, KEYC_DOWN), ACTION_MOVE_DOWN);
	ck_assert_int_eq(keymap_lookup(&km, 'q'), ACTION_QUIT);
	ck_assert_int_eq(keymap_lookup(&km, '/'), ACTION_SEARCH);
	ck_assert_int_eq(keymap_lookup(&km, 'x'), ACTION_EXPORT);
	ck_assert_int_eq(keymap_lookup(&km, 'X'), ACTION_NONE);
	keymap_describe(&km, ACTION_PAGE_DOWN, &b);
	ck_assert_str_eq(b.data, "PgDn, Space, C-f");
	ck_assert_int_eq(action_by_name("zoom-in"), ACTION_ZOOM_IN);
	/* every key in the table parses: the help cannot list a dead key */
	{
		int a;

		for (a = 1; a < ACTION_COUNT; a++) {
			buf_reset(&b);
			keymap_describe(&km, (enum action)a, &b);
			ck_assert_msg(b.len > 0, "%s has no key",
			    action_info((enum action)a)->name);
		}
	}
	buf_free(&b);
	keymap_free(&km);
}
END_TEST

Suite *
browse_suite(void)
{
	Suite	*s = suite_create("browse");
	TCase	*tc;

	tc = tcase_create("browse");
	tcase_add_test(tc, test_move);
	tcase_add_test(tc, test_filter);
	tcase_add_test(tc, test_search);
	tcase_add_test(tc, test_dates);
	tcase_add_test(tc, test_follow);
	tcase_add_test(tc, test_reset);
	tcase_add_test(tc, test_same_again);
	tcase_add_loop_test(tc, test_narrow, 0,
	    (int)(sizeof typed_queries / sizeof typed_queries[0]));
	tcase_add_loop_test(tc, test_slices, 0,
	    (int)(3 * sizeof typed_queries / sizeof typed_queries[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("lineedit");
	tcase_add_test(tc, test_lineedit);
	tcase_add_test(tc, test_history);
	suite_add_tcase(s, tc);

	tc = tcase_create("keys");
	tcase_add_test(tc, test_keys);
	suite_add_tcase(s, tc);
	return s;
}
