/* SPDX-License-Identifier: MIT */
/*
 * Tests for export_text.c's encoders (JSON strings, CSV fields, Markdown text,
 * iCalendar text and line folding, HTML entities) and for yamlout.c: every
 * tricky string is emitted, loaded back by the real loader and compared
 * byte for byte.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check_suites.h"
#include "diag.h"
#include "export.h"
#include "html.h"
#include "timeline.h"
#include "yamlio.h"
#include "yamlout.h"

#define S(x)		x, sizeof(x) - 1
#define NCASES(a)	((int)(sizeof(a) / sizeof((a)[0])))

struct enc_case {
	const char	*in;
	size_t		 len;
	const char	*out;
};

/* --- json --------------------------------------------------------------- */

static const struct enc_case json_cases[] = {
	{ S(""), "\"\"" },
	{ S("plain"), "\"plain\"" },
	{ S("say \"hi\" \\ bye"), "\"say \\\"hi\\\" \\\\ bye\"" },
	{ S("a\nb\tc\rd\be\ff"), "\"a\\nb\\tc\\rd\\be\\ff\"" },
	{ S("esc\x1b[0m"), "\"esc\\u001b[0m\"" },
	{ S("nul\0x"), "\"nul\\u0000x\"" },
	{ S("bell\a del\x7f"), "\"bell\\u0007 del\\u007f\"" },
	{ S("c1 \xc2\x9b"), "\"c1 \\u009b\"" },
	{ S("rlo \xe2\x80\xae"), "\"rlo \\u202e\"" },
	{ S("ls \xe2\x80\xa8 ps \xe2\x80\xa9"), "\"ls \\u2028 ps \\u2029\"" },
	{ S("caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x9a\x80"),
	    "\"caf\xc3\xa9 \xe6\x97\xa5 \xf0\x9f\x9a\x80\"" },
	{ S("bad \xff byte"), "\"bad \\ufffd byte\"" },
	{ S("real \xef\xbf\xbd"), "\"real \xef\xbf\xbd\"" },
	{ S("</script>"), "\"</script>\"" },
};

START_TEST(test_json_string)
{
	struct buf	b = BUF_INIT;

	export_json_string(&b, json_cases[_i].in, json_cases[_i].len);
	ck_assert_str_eq(buf_str(&b), json_cases[_i].out);
	buf_free(&b);
}
END_TEST

/* --- csv ---------------------------------------------------------------- */

static const struct {
	const char	*in;
	bool		 neutralise;
	const char	*out;
} csv_cases[] = {
	{ "", false, "" },
	{ "plain", false, "plain" },
	{ "a,b", false, "\"a,b\"" },
	{ "say \"hi\"", false, "\"say \"\"hi\"\"\"" },
	{ "two\nlines", false, "\"two\nlines\"" },
	{ "tab\tinside", false, "tab\tinside" },
	{ "esc\x1b[31m", false, "esc^[[31m" },
	{ "cr\rhere", false, "cr^Mhere" },
	{ "=1+2", true, "'=1+2" },
	{ "+1", true, "'+1" },
	{ "-1", true, "'-1" },
	{ "@SUM(A1)", true, "'@SUM(A1)" },
	{ "=HYPERLINK(\"x\",\"y\")", true,
	    "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"" },
	{ "-0043", false, "-0043" },
	{ "a=b", true, "a=b" },
	{ "\xe6\x97\xa5\xe6\x9c\xac", false, "\xe6\x97\xa5\xe6\x9c\xac" },
};

START_TEST(test_csv_field)
{
	struct buf	b = BUF_INIT;

	export_csv_field(&b, csv_cases[_i].in, strlen(csv_cases[_i].in),
	    csv_cases[_i].neutralise);
	ck_assert_str_eq(buf_str(&b), csv_cases[_i].out);
	buf_free(&b);
}
END_TEST

/* --- markdown ----------------------------------------------------------- */

static const struct enc_case md_cases[] = {
	{ S("Plain text, with (parens) and a.dot"),
	    "Plain text, with (parens) and a.dot" },
	{ S("*bold* _it_ `code`"), "\\*bold\\* \\_it\\_ \\`code\\`" },
	{ S("[link](http://x)"), "\\[link\\](http://x)" },
	{ S("<script>alert(1)</script>"),
	    "\\<script\\>alert(1)\\</script\\>" },
	{ S("# heading"), "\\# heading" },
	{ S("- item"), "\\- item" },
	{ S("a - b"), "a - b" },
	{ S("1. first"), "1\\. first" },
	{ S("line\n2) second"), "line\n2\\) second" },
	{ S("1999. A year"), "1999\\. A year" },
	{ S("AT&T &amp; &#39;"), "AT&T \\&amp; \\&\\#39;" },
	{ S("back\\slash | pipe ~ tilde"),
	    "back\\\\slash \\| pipe \\~ tilde" },
	{ S("esc\x1b[2J"), "esc\\^\\[\\[2J" },
	/* pandoc: citations, smart dashes and ellipses, math, super- and
	 * subscript, attributes, definitions, fancy lists. */
	{ S("tag @sum"), "tag \\@sum" },
	{ S("\\---"), "\\\\\\-\\-\\-" },
	{ S("a -- b - c"), "a \\-\\- b - c" },
	{ S("wait... 1.5"), "wait\\.\\.\\. 1.5" },
	{ S("$5 ^2^ {.x}"), "\\$5 \\^2\\^ \\{.x\\}" },
	{ S(": term"), "\\: term" },
	{ S("a: b"), "a: b" },
	{ S("a) x\niv. y\n(1) z\nB. w"),
	    "a\\) x\niv\\. y\n\\(1) z\nB\\. w" },
	{ S("ab) x"), "ab) x" },
	{ S("e.g. this"), "e.g. this" },
};

START_TEST(test_md_text)
{
	struct buf	b = BUF_INIT;

	export_md_text(&b, md_cases[_i].in, md_cases[_i].len);
	ck_assert_str_eq(buf_str(&b), md_cases[_i].out);
	buf_free(&b);
}
END_TEST

/* --- ics ---------------------------------------------------------------- */

static const struct enc_case ics_cases[] = {
	{ S("plain"), "plain" },
	{ S("a, b; c\\d"), "a\\, b\\; c\\\\d" },
	{ S("two\nlines"), "two\\nlines" },
	{ S("esc\x1b[31m"), "esc^[[31m" },
	{ S("caf\xc3\xa9"), "caf\xc3\xa9" },
};

START_TEST(test_ics_text)
{
	struct buf	b = BUF_INIT;

	export_ics_text(&b, ics_cases[_i].in, ics_cases[_i].len);
	ck_assert_str_eq(buf_str(&b), ics_cases[_i].out);
	buf_free(&b);
}
END_TEST

/* Check folded output: CRLF line ends, at most 75 octets a line, no line
 * starting inside a UTF-8 sequence; returns the unfolded text. */
static char *
ics_unfold(const char *f)
{
	struct buf	b = BUF_INIT;
	const char	*p = f, *eol;
	bool		 first = true;

	while (*p != '\0') {
		eol = strstr(p, "\r\n");
		ck_assert_msg(eol != NULL, "line without CRLF: '%s'", p);
		ck_assert_msg(eol - p <= 75, "line of %d octets",
		    (int)(eol - p));
		ck_assert(memchr(p, '\n', (size_t)(eol - p)) == NULL);
		if (!first) {
			ck_assert_msg(*p == ' ', "continuation without space");
			p++;
		}
		ck_assert_msg(eol == p || ((unsigned char)*p & 0xC0) != 0x80,
		    "line starts inside a UTF-8 sequence");
		ck_assert_msg(eol == p ||
		    ((unsigned char)eol[-1] & 0x80) == 0 ||
		    ((unsigned char)eol[-1] & 0xC0) == 0x80,
		    "line ends on a UTF-8 lead byte");
		buf_add(&b, p, (size_t)(eol - p));
		p = eol + 2;
		first = false;
	}
	return buf_detach(&b);
}

/* Units of 1 to 4 octets after a prefix of 0..7 ASCII characters, so that
 * every unit meets the fold boundary at every offset. */
static const char *const fold_units[] = {
	"a", "\xc3\xa9", "\xe6\x97\xa5", "\xf0\x9f\x9a\x80"
};

START_TEST(test_ics_fold)
{
	struct buf	in = BUF_INIT, out = BUF_INIT;
	char		*back;
	int		 i;

	buf_adds(&in, "DESCRIPTION:");
	for (i = 0; i < _i % 8; i++)
		buf_addc(&in, 'x');
	for (i = 0; i < 100; i++)
		buf_adds(&in, fold_units[(_i / 8 + i) % 4 == 0 ? 0 :
		    (_i / 8) % 4]);
	export_ics_line(&out, in.data, in.len);
	back = ics_unfold(buf_str(&out));
	ck_assert_str_eq(back, in.data);
	free(back);
	buf_free(&in);
	buf_free(&out);
}
END_TEST

START_TEST(test_ics_fold_short)
{
	struct buf	b = BUF_INIT;
	char		line[76];

	export_ics_line(&b, "BEGIN:VEVENT", 12);
	ck_assert_str_eq(buf_str(&b), "BEGIN:VEVENT\r\n");
	buf_reset(&b);
	memset(line, 'x', 75);
	line[75] = '\0';
	export_ics_line(&b, line, 75);		/* exactly 75: no fold */
	ck_assert_uint_eq(b.len, 77);
	buf_reset(&b);
	export_ics_line(&b, "", 0);
	ck_assert_str_eq(buf_str(&b), "\r\n");
	buf_free(&b);
}
END_TEST

/* --- html --------------------------------------------------------------- */

static const struct enc_case html_cases[] = {
	{ S("AT&amp;T &lt;b&gt; &quot;q&quot; &apos;a&#39;"),
	    "AT&T <b> \"q\" 'a'" },
	{ S("&#233;t&#xE9; &#x1F680;"), "\xc3\xa9t\xc3\xa9 \xf0\x9f\x9a\x80" },
	{ S("&bogus; & &#; &#0; &#xD800; &#1114112; &amp"),
	    "&bogus; & &#; &#0; &#xD800; &#1114112; &amp" },
	/* the named references the viewer decodes, import decodes too */
	{ S("caf&eacute;&nbsp;&mdash;"), "caf\xc3\xa9 \xe2\x80\x94" },
	{ S("<p>kept</p>"), "<p>kept</p>" },
};

START_TEST(test_html_decode)
{
	struct buf	b = BUF_INIT;

	html_decode_refs(&b, html_cases[_i].in, html_cases[_i].len);
	ck_assert_str_eq(buf_str(&b), html_cases[_i].out);
	buf_free(&b);
}
END_TEST

START_TEST(test_html_round_trip)
{
	static const char	s[] = "a < b && c > d &amp; <i>x</i>";
	struct buf		e = BUF_INIT, d = BUF_INIT;

	export_html_escape(&e, s, strlen(s));
	ck_assert_str_eq(buf_str(&e),
	    "a &lt; b &amp;&amp; c &gt; d &amp;amp; &lt;i&gt;x&lt;/i&gt;");
	html_decode_refs(&d, e.data, e.len);
	ck_assert_str_eq(buf_str(&d), s);
	buf_free(&e);
	buf_free(&d);
}
END_TEST

/* --- yamlout ------------------------------------------------------------ */

static const char *const yaml_cases[] = {
	"Elon Musk", "2022", "2022-02-24", "12:30", "0x1F", "1e3", "-1", "+1",
	".5", ".inf", "null", "Null", "~", "true", "False", "yes", "NO", "on",
	"Off", "y", "n", "a: b", "a:b", "http://x.y/z?q=1#frag",
	"# not a comment", "a #b", "- item", "-", "? key", "[flow]", "{map}",
	"a, b", "&anchor", "*alias", "!tag", "|block", ">folded", "'single'",
	"\"double\"", "%directive", "@at", "`tick", " leading", "trailing ",
	"tab\there", "line1\nline2", "line1\nline2\n", "line1\n\n",
	"line1\n\n\n", "\nleading newline", "  indented\nsecond", "a\n  b\n c",
	"a\n \nb", "a\n\nb", "a\r\nb", "back\\slash \"q\"", "esc\x1b[31m",
	"bell\a", "del\x7f", "c1 \xc2\x9b nel \xc2\x85", "rlo \xe2\x80\xae",
	"zw\xe2\x80\x8b", "bom\xef\xbb\xbf", "ls\xe2\x80\xa8ps\xe2\x80\xa9",
	"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e",
	"\xc3\xa9migr\xc3\xa9", "\xf0\x9f\x9a\x80 rocket", "---", "...",
	"x\ty\nz", "multi\nline: with # marks\n- and dashes\n",
	"\xc3\x9c" "nic\xc3\xb6" "de: colon", "nonchar \xef\xbf\xbe",
	"(parenthesised)", "/path/like", "under_score", "it's fine",
	"say \"hi\"", "trailing\n ", "ends with colon:",
};

/* Load text as a file; the title of its single event, malloc'd, or
 * NULL. */
static char *
yaml_load_title(const char *doc)
{
	struct timeline		tl = TIMELINE_INIT;
	struct diag_list	diags = DIAG_LIST_INIT;
	uint32_t		fi = timeline_add_file(&tl, "t.yaml");
	char			*title = NULL;

	yamlio_load_buffer(&tl, fi, doc, strlen(doc), &diags);
	if (diags.errors == 0 && tl.nevents == 1)
		title = strdup(tl.events[0].title);
	timeline_free(&tl);
	diag_free(&diags);
	return title;
}

START_TEST(test_yamlout_block_context)
{
	const char	*s = yaml_cases[_i];
	struct buf	 doc = BUF_INIT;
	char		*got;

	buf_adds(&doc, "events:\n  - date: 2022\n    title: ");
	yamlout_scalar(&doc, s, 6);
	buf_adds(&doc, "\n    tags: [x]\n");
	got = yaml_load_title(doc.data);
	ck_assert_msg(got != NULL, "did not load:\n%s", doc.data);
	ck_assert_msg(strcmp(got, s) == 0, "read back '%s' from:\n%s", got,
	    doc.data);
	free(got);
	buf_free(&doc);
}
END_TEST

/* Single-line output must also work inside a flow mapping. */
START_TEST(test_yamlout_flow_context)
{
	const char	*s = yaml_cases[_i];
	struct buf	 doc = BUF_INIT, v = BUF_INIT;
	char		*got;

	yamlout_scalar(&v, s, 0);
	ck_assert_msg(memchr(v.data, '\n', v.len) == NULL,
	    "indent 0 gave a block scalar: %s", v.data);
	buf_printf(&doc, "events: [{title: %s, date: 2022}]\n", v.data);
	got = yaml_load_title(doc.data);
	ck_assert_msg(got != NULL, "did not load:\n%s", doc.data);
	ck_assert_msg(strcmp(got, s) == 0, "read back '%s' from:\n%s", got,
	    doc.data);
	free(got);
	buf_free(&doc);
	buf_free(&v);
}
END_TEST

static const struct {
	const char	*in;
	const char	*out;
} yaml_style_cases[] = {
	{ "Elon Musk", "Elon Musk" },
	{ "\xc3\xa9migr\xc3\xa9", "\xc3\xa9migr\xc3\xa9" },
	{ "2022", "\"2022\"" },
	{ "yes", "\"yes\"" },
	{ "a: b", "\"a: b\"" },
	{ "tab\there", "\"tab\\there\"" },
	{ "esc\x1b", "\"esc\\x1B\"" },
	{ "rlo \xe2\x80\xae", "\"rlo \\u202E\"" },
	{ "one\ntwo", "|-\n      one\n      two" },
	{ "one\ntwo\n", "|\n      one\n      two" },
	{ "one\n\ntwo\n\n", "|+\n      one\n\n      two\n" },
	{ " lead\nx", "\" lead\\nx\"" },
};

START_TEST(test_yamlout_style)
{
	struct buf	b = BUF_INIT;

	yamlout_scalar(&b, yaml_style_cases[_i].in, 6);
	ck_assert_str_eq(buf_str(&b), yaml_style_cases[_i].out);
	buf_free(&b);
}
END_TEST

/* Bytes that are not UTF-8 become U+FFFD, never raw bytes in YAML. */
START_TEST(test_yamlout_invalid)
{
	struct buf	b = BUF_INIT;

	yamlout_scalar(&b, "bad \xff\xfe end", 6);
	ck_assert_str_eq(buf_str(&b), "\"bad \\uFFFD\\uFFFD end\"");
	buf_free(&b);
}
END_TEST

static void
add_loop(Suite *s, const char *name, const TTest *test, int n)
{
	TCase	*tc = tcase_create(name);

	tcase_add_loop_test(tc, test, 0, n);
	suite_add_tcase(s, tc);
}

Suite *
export_suite(void)
{
	Suite	*s = suite_create("export");
	TCase	*tc;

	add_loop(s, "json_string", test_json_string, NCASES(json_cases));
	add_loop(s, "csv_field", test_csv_field, NCASES(csv_cases));
	add_loop(s, "md_text", test_md_text, NCASES(md_cases));
	add_loop(s, "ics_text", test_ics_text, NCASES(ics_cases));
	add_loop(s, "ics_fold", test_ics_fold, 32);
	add_loop(s, "html_decode", test_html_decode, NCASES(html_cases));
	add_loop(s, "yamlout_block", test_yamlout_block_context,
	    NCASES(yaml_cases));
	add_loop(s, "yamlout_flow", test_yamlout_flow_context,
	    NCASES(yaml_cases));
	add_loop(s, "yamlout_style", test_yamlout_style,
	    NCASES(yaml_style_cases));
	tc = tcase_create("misc");
	tcase_add_test(tc, test_ics_fold_short);
	tcase_add_test(tc, test_html_round_trip);
	tcase_add_test(tc, test_yamlout_invalid);
	suite_add_tcase(s, tc);
	return s;
}
