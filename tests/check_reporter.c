/* SPDX-License-Identifier: MIT */
/*
 * A reporter's keys, their core (src/marks.c, src/cite.c, src/launch.c):
 * the marks store and its index, the citation text and its OSC 52
 * sequence, and which URLs the browser launcher accepts.  The launcher
 * itself and the keys are tested through the viewer (tests/ui.sh).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "check_suites.h"
#include "cite.h"
#include "launch.h"
#include "lineedit.h"
#include "action.h"
#include "marks.h"
#include "timeline.h"
#include "xmalloc.h"

/* --- marks --------------------------------------------------------------- */

/* A private directory for a store; removed by the caller. */
static char *
marks_tmpdir(void)
{
	char	*dir = xstrdup("/tmp/tlv-check-marks-XXXXXX");

	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

static char *
slurp(const char *path)
{
	FILE		*f = fopen(path, "r");
	struct buf	 b = BUF_INIT;
	int		 c;

	ck_assert_ptr_nonnull(f);
	while ((c = fgetc(f)) != EOF)
		buf_addc(&b, (char)c);
	fclose(f);
	buf_addc(&b, '\0');
	return buf_detach(&b);
}

START_TEST(test_marks_roundtrip)
{
	struct marks	 m = MARKS_INIT, back = MARKS_INIT;
	char		*dir = marks_tmpdir(), *path, *err = NULL, *text;

	path = xasprintf("%s/state/tlv/marks", dir);
	ck_assert(marks_load(&m, path, &err));	/* missing: no marks */
	ck_assert_uint_eq(m.n, 0);
	ck_assert(marks_set(&m, "/srv/a.yaml", "crimea-outage", true));
	ck_assert(!marks_set(&m, "/srv/a.yaml", "crimea-outage", true));
	ck_assert(marks_set(&m, "/srv/odd\tname\n.yaml", "id\\x", true));
	ck_assert(marks_set(&m, "/srv/b.yaml", "crimea-outage", true));
	ck_assert(marks_save(&m, path, &err));
	text = slurp(path);
	ck_assert_str_eq(text, "# tlv marks: FILE<TAB>ID, one a line\n"
	    "/srv/a.yaml\tcrimea-outage\n"
	    "/srv/odd\\tname\\n.yaml\tid\\\\x\n"
	    "/srv/b.yaml\tcrimea-outage\n");
	free(text);
	ck_assert(marks_load(&back, path, &err));
	ck_assert_uint_eq(back.n, 3);
	ck_assert(marks_has(&back, "/srv/odd\tname\n.yaml", "id\\x"));
	ck_assert(marks_has(&back, "/srv/b.yaml", "crimea-outage"));
	ck_assert(!marks_has(&back, "/srv/b.yaml", "other"));
	ck_assert(marks_set(&back, "/srv/a.yaml", "crimea-outage", false));
	ck_assert(!marks_set(&back, "/srv/a.yaml", "crimea-outage", false));
	ck_assert(!marks_has(&back, "/srv/a.yaml", "crimea-outage"));
	ck_assert(marks_has(&back, "/srv/b.yaml", "crimea-outage"));
	marks_free(&m);
	marks_free(&back);
	unlink(path);
	free(path);
	path = xasprintf("%s/state/tlv", dir);
	rmdir(path);
	free(path);
	path = xasprintf("%s/state", dir);
	rmdir(path);
	free(path);
	ck_assert_int_eq(rmdir(dir), 0);	/* no temporary file left */
	free(dir);
}
END_TEST

/* Lines that are not marks are skipped, not fatal. */
START_TEST(test_marks_bad_lines)
{
	struct marks	 m = MARKS_INIT;
	char		*dir = marks_tmpdir(), *path, *err = NULL;
	FILE		*f;

	path = xasprintf("%s/marks", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("# comment\n\nno tab\nrelative\tid\n/a\t\n/a\tbad\\q\n"
	    "/a\tgood\n/a\tgood\n/b\tlast", f);
	fclose(f);
	ck_assert(marks_load(&m, path, &err));
	ck_assert_uint_eq(m.n, 2);
	ck_assert(marks_has(&m, "/a", "good"));
	ck_assert(marks_has(&m, "/b", "last"));
	marks_free(&m);
	unlink(path);
	free(path);
	rmdir(dir);
	free(dir);
}
END_TEST

/* An unwritable place fails with a message and leaves the store alone. */
START_TEST(test_marks_save_fails)
{
	struct marks	 m = MARKS_INIT;
	char		*err = NULL;

	marks_set(&m, "/a", "x", true);
	ck_assert(!marks_save(&m, "/proc/tlv-no/such/marks", &err));
	ck_assert_ptr_nonnull(strstr(err, "cannot"));
	free(err);
	marks_free(&m);
}
END_TEST

START_TEST(test_marks_path)
{
	char	*p;

	setenv("XDG_STATE_HOME", "/state", 1);
	setenv("HOME", "/home/u", 1);
	ck_assert_str_eq(p = marks_path(), "/state/tlv/marks");
	free(p);
	setenv("XDG_STATE_HOME", "relative", 1);	/* ignored, as XDG says */
	ck_assert_str_eq(p = marks_path(), "/home/u/.local/state/tlv/marks");
	free(p);
	unsetenv("XDG_STATE_HOME");
	ck_assert_str_eq(p = marks_path(), "/home/u/.local/state/tlv/marks");
	free(p);
	unsetenv("HOME");
	ck_assert_ptr_null(marks_path());
}
END_TEST

/* The index flags the events of the marked file with the marked id --
 * and only that file's, though another file has the same id. */
START_TEST(test_marks_index)
{
	struct timeline		 tl = TIMELINE_INIT;
	struct marks		 m = MARKS_INIT;
	struct marks_index	 x;
	struct tl_event		*e;
	char			*key;
	uint32_t		 f0, f1;

	f0 = timeline_add_file(&tl, "/nonexistent/tlv/a.yaml");
	f1 = timeline_add_file(&tl, "/nonexistent/tlv/b.yaml");
	e = timeline_add_event(&tl, f0);
	e->id = "one";
	e->title = "One";
	e = timeline_add_event(&tl, f0);
	e->title = "No id";
	e = timeline_add_event(&tl, f1);
	e->id = "one";
	e->title = "One again";
	e = timeline_add_event(&tl, f1);
	e->id = "two";
	e->title = "Two";
	key = marks_file_key("/nonexistent/tlv/b.yaml");
	ck_assert_str_eq(key, "/nonexistent/tlv/b.yaml");
	marks_set(&m, key, "one", true);
	free(key);
	marks_index_init(&x, &m);
	ck_assert(!marks_index_has(&x, &tl, &tl.events[0]));
	ck_assert(!marks_index_has(&x, &tl, &tl.events[1]));
	ck_assert(marks_index_has(&x, &tl, &tl.events[2]));
	ck_assert(!marks_index_marked(&x, &tl, &tl.events[3]));
	marks_set(&m, "/nonexistent/tlv/b.yaml", "two", true);
	ck_assert(!marks_index_has(&x, &tl, &tl.events[3]));	/* cached */
	marks_index_reset(&x);
	ck_assert(marks_index_has(&x, &tl, &tl.events[3]));
	marks_index_free(&x);
	marks_free(&m);
	timeline_free(&tl);
}
END_TEST

/* --- citations ----------------------------------------------------------- */

START_TEST(test_cite_event)
{
	struct tl_source	src[4] = {
		{ .outlet = "The Wall Street Journal", .date_text =
		  "2024-10-24", .title = "Musk's secret \033[31mconversations",
		  .url = "https://www.wsj.com/x" },
		{ .outlet = "TASS", .date_text = "2024-10-25" },
		{ .url = "https://example.org/\007bell" },
		{ .title = "A book", .url = "https://example.org/b" },
	};
	struct tl_extra		x = { .end = { .flags = DATE_ONGOING } };
	struct tl_event		e = {
		.title = "Musk reportedly \033]0;pwned\007in contact",
		.date_text = "late 2022", .end_text = "ongoing", .extra = &x,
		.status = TL_STATUS_ALLEGED, .sources = src, .nsources = 4,
	};
	struct buf		b = BUF_INIT;

	cite_event(&b, &e);
	ck_assert_str_eq(buf_str(&b),
	    "late 2022 to ongoing: Musk reportedly ^[]0;pwned^Gin contact "
	    "(alleged)\n"
	    "- The Wall Street Journal, 2024-10-24: Musk's secret "
	    "^[[31mconversations <https://www.wsj.com/x>\n"
	    "- TASS, 2024-10-25\n"
	    "- https://example.org/^Gbell\n"
	    "- A book <https://example.org/b>\n");
	buf_reset(&b);
	e.status = TL_STATUS_NONE;
	e.end_text = NULL;
	e.nsources = 0;
	cite_event(&b, &e);
	ck_assert_str_eq(buf_str(&b),
	    "late 2022: Musk reportedly ^[]0;pwned^Gin contact\n");
	buf_free(&b);
}
END_TEST

static const struct {
	const char	*in, *out;
} base64_cases[] = {
	{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
	{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" },
	{ "foobar", "Zm9vYmFy" }, { "\xff\xfe\xfd", "//79" },
	{ "Élysée", "w4lseXPDqWU=" },
};

START_TEST(test_cite_base64)
{
	struct buf	b = BUF_INIT;

	cite_base64(&b, base64_cases[_i].in, strlen(base64_cases[_i].in));
	ck_assert_str_eq(buf_str(&b), base64_cases[_i].out);
	buf_free(&b);
}
END_TEST

START_TEST(test_cite_osc52)
{
	struct buf	b = BUF_INIT;

	cite_osc52(&b, "foobar\n", 7);
	ck_assert_str_eq(buf_str(&b), "\033]52;c;Zm9vYmFyCg==\a");
	buf_free(&b);
}
END_TEST

/* --- the launcher's URLs ------------------------------------------------- */

static const struct {
	const char	*url;
	bool		 ok;
} url_cases[] = {
	{ "https://www.wsj.com/tech/musk-putin", true },
	{ "http://example.org/a?b=c&d=e#f", true },
	{ "HTTPS://EXAMPLE.ORG/", true },
	{ "https://example.org/é", true },
	{ "file:///etc/passwd", false },
	{ "javascript:alert(1)", false },
	{ "ftp://example.org/", false },
	{ "example.org", false },
	{ "-https://example.org", false },
	{ "https://example.org/\n--new-window", false },
	{ "https://example.org/\033]52;c;x\007", false },
	{ "https://example.org/a b", false },
	{ "https://example.org/\x7f", false },
	{ "https://example.org/\xe2\x80\xae" "evil", false },	/* RLO */
	{ "https://example.org/\xc2\x85", false },		/* C1 NEL */
};

START_TEST(test_launch_url)
{
	const char	*why = NULL;
	bool		 ok = launch_url_ok(url_cases[_i].url, &why);

	ck_assert_msg(ok == url_cases[_i].ok, "'%s': %d", url_cases[_i].url,
	    (int)ok);
	ck_assert(ok ? why == NULL : why != NULL);
}
END_TEST

/* A browser that cannot be started is an error naming $BROWSER; the next
 * of a ':' list is tried. */
START_TEST(test_launch_fails)
{
	char	*used = NULL, *err = NULL;

	ck_assert(!launch_browser("https://example.org/",
	    "/nonexistent/tlv-browser", &used, &err));
	ck_assert_ptr_null(used);
	ck_assert_str_eq(err, "cannot start $BROWSER: No such file or "
	    "directory");
	free(err);
	err = NULL;
	ck_assert(launch_browser("https://example.org/",
	    "/nonexistent/tlv-browser:true --flag %s", &used, &err));
	ck_assert_str_eq(used, "true");
	free(used);
}
END_TEST

/* --- Tab completes saved filters' names (the f prompt) ---------------- */

static const char *const complete_words[] = {
	"@kremlin", "@kremlin-denials", "@mine", "@musk"
};

static const struct {
	const char	*text;
	size_t		 cursor;	/* SIZE_MAX: at the end */
	const char	*want;
	size_t		 want_cursor;
	bool		 changed;
} complete_cases[] = {
	{ "tag:x @mi", SIZE_MAX, "tag:x @mine ", 12, true },
	{ "@m", SIZE_MAX, "@m", 2, false },		/* @mine or @musk */
	{ "@mu", SIZE_MAX, "@musk ", 6, true },
	{ "@k", SIZE_MAX, "@kremlin", 8, true },	/* so far as both go */
	{ "@kremlin", SIZE_MAX, "@kremlin", 8, false },
	{ "-@kremlin-", SIZE_MAX, "-@kremlin-denials ", 18, true },
	{ "@x", SIZE_MAX, "@x", 2, false },
	{ "", 0, "", 0, false },
	{ "tag:x ", SIZE_MAX, "tag:x ", 6, false },
	/* in the middle: up to the cursor, and no second blank */
	{ "@mi tag:x", 3, "@mine tag:x", 5, true },
	/* after a ',': @a,@b is either filter */
	{ "@mine,@mu", SIZE_MAX, "@mine,@musk ", 12, true },
};

START_TEST(test_complete)
{
	struct lineedit		le;
	enum lineedit_result	r;

	memset(&le, 0, sizeof le);
	lineedit_start(&le, complete_cases[_i].text);
	if (complete_cases[_i].cursor != SIZE_MAX)
		le.cursor = complete_cases[_i].cursor;
	ck_assert_int_eq(lineedit_key(&le, KEYC_TAB), LINEEDIT_NONE);
	lineedit_set_words(&le, complete_words,
	    sizeof complete_words / sizeof complete_words[0]);
	r = lineedit_key(&le, KEYC_TAB);
	ck_assert_str_eq(lineedit_text(&le), complete_cases[_i].want);
	ck_assert_uint_eq(le.cursor, complete_cases[_i].want_cursor);
	ck_assert_int_eq(r == LINEEDIT_CHANGED, complete_cases[_i].changed);
	lineedit_free(&le);
}
END_TEST

#define NCASES(a)	((int)(sizeof (a) / sizeof (a)[0]))

Suite *
reporter_suite(void)
{
	Suite	*s = suite_create("reporter");
	TCase	*tc;

	tc = tcase_create("marks");
	tcase_add_test(tc, test_marks_roundtrip);
	tcase_add_test(tc, test_marks_bad_lines);
	tcase_add_test(tc, test_marks_save_fails);
	tcase_add_test(tc, test_marks_path);
	tcase_add_test(tc, test_marks_index);
	suite_add_tcase(s, tc);
	tc = tcase_create("cite");
	tcase_add_test(tc, test_cite_event);
	tcase_add_loop_test(tc, test_cite_base64, 0, NCASES(base64_cases));
	tcase_add_test(tc, test_cite_osc52);
	suite_add_tcase(s, tc);
	tc = tcase_create("complete");
	tcase_add_loop_test(tc, test_complete, 0, NCASES(complete_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("launch");
	tcase_add_loop_test(tc, test_launch_url, 0, NCASES(url_cases));
	tcase_add_test(tc, test_launch_fails);
	suite_add_tcase(s, tc);
	return s;
}
