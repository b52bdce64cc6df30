/* SPDX-License-Identifier: MIT */
/*
 * HTML to readable text (html.h): paragraphs, line breaks, list items,
 * table cells, links with and without a label, script and style left
 * out (closed or not), blanks folded, character references, a '<' that
 * is no tag, and text appended after what the buffer holds.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "check_suites.h"
#include "html.h"

#define N(a)	(sizeof (a) / sizeof (a)[0])

static const struct {
	const char	*html;
	const char	*text;
} cases[] = {
	{ "<p>One</p><p>Two &amp; <b>three</b></p>", "One\n\nTwo & three" },
	{ "<h1>Title</h1>text<hr>more", "Title\n\ntext\nmore" },
	{ "<div>x</div>   ", "x" },
	{ "a<br>b<br/>c", "a\nb\nc" },
	{ "<ul><li>one</li><li>two</li></ul>", "- one\n- two" },
	{ "<table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>",
	    "a b\nc" },
	{ "See <a href=\"https://e.org/?a=1&amp;b=2\">the report</a>.",
	    "See the report (https://e.org/?a=1&b=2)." },
	{ "<a href=\"https://e.org/\">https://e.org/</a>", "https://e.org/" },
	{ "x <a href=\"https://e.org/\"></a> y", "x https://e.org/ y" },
	{ "<a>plain</a> <a href=\"\">empty</a>", "plain empty" },
	{ "before<script>alert(\"<p>\")</script>after<STYLE>p{}</style>!",
	    "beforeafter!" },
	{ "<script>never closed", "" },
	{ "  lots   of space&#8212;here&#x2014;&bogus; &copy;  ",
	    "lots of space\u2014here\u2014&bogus; \u00a9" },
	{ "1 < 2 and 3 > 2", "1 < 2 and 3 > 2" },
};

START_TEST(to_text)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < N(cases); i++) {
		buf_reset(&b);
		html_to_text(&b, cases[i].html, strlen(cases[i].html));
		ck_assert_str_eq(buf_str(&b), cases[i].text);
	}
	buf_free(&b);
}
END_TEST

/* The text goes after what b holds, and only its own blanks are trimmed. */
START_TEST(appends)
{
	struct buf	b = BUF_INIT;

	buf_adds(&b, "kept ");
	html_to_text(&b, "<p> new </p>", 12);
	ck_assert_str_eq(buf_str(&b), "kept new");
	buf_reset(&b);
	buf_adds(&b, "kept ");
	html_to_text(&b, "   ", 3);
	ck_assert_str_eq(buf_str(&b), "kept ");
	buf_free(&b);
}
END_TEST

Suite *
html_suite(void)
{
	Suite	*s = suite_create("html");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, to_text);
	tcase_add_test(tc, appends);
	suite_add_tcase(s, tc);
	return s;
}
