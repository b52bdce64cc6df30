/* SPDX-License-Identifier: MIT */
/*
 * Plain-text chronologies (summary.h) of a small timeline: the normal,
 * brief and full layouts, wrapping, a filter's count, text beyond ASCII
 * for a terminal without UTF-8, control characters sanitised, and the
 * detail pane's lines.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check_suites.h"
#include "diag.h"
#include "load.h"
#include "query.h"
#include "summary.h"
#include "timeline.h"

static const char story[] =
"title: A small story\n"
"events:\n"
"  - id: launch\n"
"    date: 2022-02-26\n"
"    title: Starlink terminals arrive\n"
"    status: confirmed\n"
"    description: >\n"
"      The first terminals arrive in Kyiv two days after the invasion,\n"
"      after a public request on social media.\n"
"    actors: [SpaceX, Mykhailo Fedorov]\n"
"    tags: [starlink, ukraine]\n"
"    sources:\n"
"      - title: Reuters report\n"
"        url: https://example.com/a\n"
"    related: [talk]\n"
"  - id: talk\n"
"    date: late 2022\n"
"    title: A call is reported\n"
"    status: alleged\n"
"    notes:\n"
"      - at: 2023-01-02\n"
"        by: ed\n"
"        text: Second source still missing.\n"
"  - id: old\n"
"    date: 44 BC\n"
"    title: Ides of March\n";

static void
load_story(struct timeline *tl, const char *text)
{
	struct diag_list	diags = DIAG_LIST_INIT;

	*tl = (struct timeline)TIMELINE_INIT;
	ck_assert(load_buffer(tl, "story.yaml", text, strlen(text), &diags));
	ck_assert_uint_eq(diags.n, 0);
	diag_free(&diags);
}

/* What summary_print writes, malloc'd; *n: what it returned. */
static char *
print(const char *text, enum summary_mode mode, size_t width,
    const char *filter, bool ascii, size_t *n)
{
	struct timeline		 tl;
	struct summary_opts	 so = { mode, width, NULL, ascii };
	struct query		*q = NULL;
	char			*out = NULL, *err = NULL;
	size_t			 len = 0, col;
	FILE			*fp;

	load_story(&tl, text);
	if (filter != NULL) {
		q = query_parse(filter, &err, &col);
		ck_assert_msg(q != NULL, "%s", err);
		so.query = q;
	}
	fp = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(fp);
	*n = summary_print(fp, &tl, &so);
	ck_assert_int_eq(fclose(fp), 0);
	if (q != NULL)
		query_free(q);
	timeline_free(&tl);
	return out;
}

START_TEST(normal)
{
	size_t	n;
	char	*out = print(story, SUMMARY_NORMAL, 80, NULL, false, &n);

	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(out,
	    "A small story\n"
	    "=============\n"
	    "3 events from 1 file\n"
	    "\n"
	    "44 BC\n"
	    "  44 BC       Ides of March\n"
	    "\n"
	    "2022\n"
	    "  2022-02-26  Starlink terminals arrive  [confirmed]\n"
	    "  late 2022   A call is reported  [alleged]\n");
	free(out);
}
END_TEST

START_TEST(brief)
{
	size_t	n;
	char	*out = print(story, SUMMARY_BRIEF, 80, NULL, false, &n);

	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(out,
	    "44 BC       Ides of March\n"
	    "2022-02-26  Starlink terminals arrive  [confirmed]\n"
	    "late 2022   A call is reported  [alleged]\n");
	free(out);
}
END_TEST

/* Everything under each event, wrapped to 40 columns with hanging
 * indents. */
START_TEST(full)
{
	size_t	n;
	char	*out = print(story, SUMMARY_FULL, 40, NULL, false, &n);

	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(out,
	    "A small story\n"
	    "=============\n"
	    "3 events from 1 file\n"
	    "\n"
	    "44 BC\n"
	    "\n"
	    "  44 BC       Ides of March\n"
	    "      id: old\n"
	    "\n"
	    "2022\n"
	    "\n"
	    "  2022-02-26  Starlink terminals arrive  [confirmed]\n"
	    "      The first terminals arrive in Kyiv\n"
	    "      two days after the invasion, after\n"
	    "      a public request on social media.\n"
	    "      id: launch\n"
	    "      actors: SpaceX, Mykhailo Fedorov\n"
	    "      tags: starlink, ukraine\n"
	    "      source: Reuters report,\n"
	    "              https://example.com/a\n"
	    "      related: talk: A call is reported\n"
	    "               [alleged]\n"
	    "\n"
	    "  late 2022   A call is reported  [alleged]\n"
	    "      id: talk\n"
	    "      note: 2023-01-02 ed: Second source\n"
	    "            still missing.\n");
	free(out);
}
END_TEST

/* A filter: the heading counts what matched of all; brief prints only
 * the lines. */
START_TEST(filtered)
{
	size_t	n;
	char	*out;

	out = print(story, SUMMARY_NORMAL, 80, "tag:starlink", false, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(out,
	    "A small story\n"
	    "=============\n"
	    "1 event of 3 from 1 file\n"
	    "\n"
	    "2022\n"
	    "  2022-02-26  Starlink terminals arrive  [confirmed]\n");
	free(out);
	out = print(story, SUMMARY_NORMAL, 80, "tag:nothing", false, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(out,
	    "A small story\n"
	    "=============\n"
	    "0 events of 3 from 1 file\n");
	free(out);
	out = print(story, SUMMARY_BRIEF, 80, "status:alleged", false, &n);
	ck_assert_uint_eq(n, 1);
	/* The date column is as wide as the widest date shown. */
	ck_assert_str_eq(out, "late 2022  A call is reported  [alleged]\n");
	free(out);
}
END_TEST

/* An escape in a title shows as a placeholder; with ascii, text beyond
 * ASCII as <U+XXXX>, else as it is. */
START_TEST(hostile_and_ascii)
{
	static const char text[] =
	"events:\n"
	"  - date: 2020\n"
	"    title: \"Bad \\e[31mred M\\u00fcller\"\n";
	size_t	n;
	char	*out;

	out = print(text, SUMMARY_BRIEF, 80, NULL, false, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_ptr_null(strchr(out, '\033'));
	ck_assert_str_eq(out, "2020  Bad ^[[31mred M\303\274ller\n");
	free(out);
	out = print(text, SUMMARY_BRIEF, 80, NULL, true, &n);
	ck_assert_str_eq(out, "2020  Bad ^[[31mred M<U+00FC>ller\n");
	free(out);
}
END_TEST

/* The detail pane's lines: what --full prints under the event, each line
 * after the indent given; a labelled line's continuation hangs under its
 * value, in spaces. */
START_TEST(event_details)
{
	struct timeline		 tl;
	struct buf		 b = BUF_INIT;
	const struct tl_event	*e;

	load_story(&tl, story);
	e = timeline_find_id(&tl, "talk");
	ck_assert_ptr_nonnull(e);
	summary_event_details(&b, &tl, e, 40, "> ", false);
	ck_assert_str_eq(buf_str(&b),
	    "> id: talk\n"
	    "> note: 2023-01-02 ed: Second source\n"
	    "        still missing.\n");
	buf_free(&b);
	timeline_free(&tl);
}
END_TEST

Suite *
summary_suite(void)
{
	Suite	*s = suite_create("summary");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, normal);
	tcase_add_test(tc, brief);
	tcase_add_test(tc, full);
	tcase_add_test(tc, filtered);
	tcase_add_test(tc, hostile_and_ascii);
	tcase_add_test(tc, event_details);
	suite_add_tcase(s, tc);
	return s;
}
