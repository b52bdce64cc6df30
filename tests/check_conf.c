/* SPDX-License-Identifier: MIT */
/*
 * The configuration file (src/conf.c): every directive, the exact
 * diagnostic of each kind of bad line (and that the rest of the file still
 * applies), key bindings on top of the defaults, which file is read, and
 * the shipped doc/config.sample loading without a problem.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action.h"
#include "buf.h"
#include "check_suites.h"
#include "conf.h"
#include "diag.h"

#define N(a)	(sizeof (a) / sizeof *(a))

/* Write text to a temporary file; returns its malloc'd path. */
static char *
conf_fixture(const char *text)
{
	char	*path = strdup("/tmp/tlv-check-conf.XXXXXX");
	int	 fd;

	ck_assert_ptr_nonnull(path);
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (int)strlen(text));
	close(fd);
	return path;
}

/* Load text; all diagnostics, formatted, with the file named "cfg". */
static bool
conf_run(const char *text, struct conf *c, struct buf *out)
{
	struct diag_list	 diags = DIAG_LIST_INIT;
	char			*path = conf_fixture(text);
	bool			 ok;
	size_t			 i;

	conf_init(c);
	ok = conf_load(c, path, true, &diags);
	for (i = 0; i < diags.n; i++) {
		free(diags.v[i].file);
		diags.v[i].file = strdup("cfg");
		diag_format(&diags.v[i], out);
	}
	ck_assert_int_eq(ok, diags.n == 0);
	diag_free(&diags);
	unlink(path);
	free(path);
	return ok;
}

START_TEST(parse_all)
{
	struct conf	c;
	struct buf	out = BUF_INIT;

	ck_assert(conf_run(
	    "# a comment\n"
	    "\n"
	    "   author   Alice  Smith   # trailing comment\n"
	    "color alleged yellow\r\n"
	    "color Denied default\n"
	    "color file 2 magenta\n"
	    "color file musk-kremlin.yaml cyan\n"
	    "bind j quit\n"
	    "bind \"#\" search\n"
	    "unbind x\n"
	    "filter tag:starlink actor:\"Elon Musk\" -tag:test # not the query\n"
	    "date-display iso\n", &c, &out));
	ck_assert_str_eq(buf_str(&out), "");
	ck_assert_str_eq(c.author, "Alice Smith");
	ck_assert_int_eq(c.status_color[TL_STATUS_ALLEGED], 3);
	ck_assert_int_eq(c.status_color[TL_STATUS_DENIED], CONF_COLOR_DEFAULT);
	ck_assert_int_eq(c.status_color[TL_STATUS_CONFIRMED], CONF_COLOR_UNSET);
	ck_assert_uint_eq(c.nfile_colors, 2);
	ck_assert_int_eq(conf_file_color(&c, 1, "other.yaml"), 5);
	ck_assert_int_eq(conf_file_color(&c, 0, "timelines/musk-kremlin.yaml"),
	    6);
	ck_assert_int_eq(conf_file_color(&c, 0, "a.yaml"), CONF_COLOR_UNSET);
	ck_assert_uint_eq(c.nbindings, 3);
	ck_assert_int_eq(c.bindings[0].key, 'j');
	ck_assert_int_eq(c.bindings[0].action, ACTION_QUIT);
	ck_assert_int_eq(c.bindings[1].key, '#');
	ck_assert_int_eq(c.bindings[1].action, ACTION_SEARCH);
	ck_assert_int_eq(c.bindings[2].key, 'x');
	ck_assert_int_eq(c.bindings[2].action, ACTION_NONE);
	ck_assert_str_eq(c.filter,
	    "tag:starlink actor:\"Elon Musk\" -tag:test");
	ck_assert_int_eq(c.date_display, CONF_DATE_ISO);
	conf_free(&c);
	buf_free(&out);
}
END_TEST

/* Saved filters: NAME = QUERY, the query as written; a query may use
 * the others, the default filter too; a quoted "=" is no saved
 * filter. */
START_TEST(parse_saved)
{
	struct conf	c;
	struct buf	out = BUF_INIT;

	ck_assert(conf_run("filter kremlin = tag:russia  status:denied # c\n"
	    "filter mine = has:mark\n"
	    "filter both = @kremlin -@mine\n"
	    "filter @both kremlin\n"
	    "filter a \"=\" b\n", &c, &out));
	ck_assert_str_eq(buf_str(&out), "");
	ck_assert_uint_eq(c.nsaved, 3);
	ck_assert_str_eq(c.saved[0].name, "kremlin");
	ck_assert_str_eq(c.saved[0].text, "tag:russia  status:denied");
	ck_assert_str_eq(c.saved[1].name, "mine");
	ck_assert_str_eq(c.saved[2].name, "both");
	ck_assert_str_eq(c.saved[2].text, "@kremlin -@mine");
	ck_assert_str_eq(c.filter, "a \"=\" b");
	conf_free(&c);
	buf_free(&out);
}
END_TEST

/* A later line overrides an earlier one. */
START_TEST(parse_override)
{
	struct conf	c;
	struct buf	out = BUF_INIT;

	ck_assert(conf_run("author a\nauthor \"b \\\"c\\\"\"\n"
	    "color alleged red\ncolor alleged blue\n"
	    "filter x\nfilter y\ncolor file 1 red\ncolor file 1 green\n",
	    &c, &out));
	ck_assert_str_eq(c.author, "b \"c\"");
	ck_assert_int_eq(c.status_color[TL_STATUS_ALLEGED], 4);
	ck_assert_str_eq(c.filter, "y");
	ck_assert_int_eq(conf_file_color(&c, 0, "x.yaml"), 2);
	conf_free(&c);
	buf_free(&out);
}
END_TEST

static const struct {
	const char	*line;
	const char	*diag;
} error_cases[] = {
	{ "bnd j quit",
	  "cfg:1:1: error: unknown directive 'bnd' (did you mean 'bind'?)" },
	{ "keymap j quit",
	  "cfg:1:1: error: unknown directive 'keymap' (one of: author, bind, "
	  "color, date-display, filter, unbind)" },
	{ "colour alleged red",
	  "cfg:1:1: error: unknown directive 'colour' (did you mean "
	  "'color'?)" },
	{ "bind j mve-down",
	  "cfg:1:8: error: unknown action 'mve-down' (did you mean "
	  "'move-down'?)" },
	{ "bind Dwn quit",
	  "cfg:1:6: error: unknown key 'Dwn' (a character, or Up, Down, PgUp, "
	  "PgDn, Home, End, Enter, Tab, Esc, Space, Backspace, Delete, "
	  "F1..F12, C-a..C-z)" },
	{ "bind j",
	  "cfg:1:7: error: missing argument (usage: bind KEY ACTION)" },
	{ "bind j quit now",
	  "cfg:1:13: error: too many arguments (usage: bind KEY ACTION)" },
	{ "unbind",
	  "cfg:1:7: error: missing argument (usage: unbind KEY)" },
	{ "color alleged yelow",
	  "cfg:1:15: error: unknown colour 'yelow' (did you mean 'yellow'?)" },
	{ "color alleged orange",
	  "cfg:1:15: error: unknown colour 'orange' (one of: black, red, "
	  "green, yellow, blue, magenta, cyan, white, default)" },
	{ "color aleged red",
	  "cfg:1:7: error: unknown colour target 'aleged' (did you mean "
	  "'alleged'?)" },
	{ "color file 0 red",
	  "cfg:1:12: error: bad file number '0' (1 is the first file)" },
	{ "color file 2",
	  "cfg:1:13: error: usage: color file N|NAME COLOUR" },
	{ "filter tag:a status:bogus",
	  "cfg:1:21: error: invalid filter: unknown status 'bogus' (one of "
	  "confirmed, reported, alleged, disputed, denied, none)" },
	{ "filter 9x = tag:a",
	  "cfg:1:8: error: bad filter name '9x' (letters, digits, '_' and "
	  "'-', a letter first)" },
	{ "filter mine =",
	  "cfg:1:14: error: missing query (usage: filter NAME = QUERY)" },
	{ "filter = tag:a",
	  "cfg:1:8: error: missing name before '=' (usage: filter NAME = "
	  "QUERY)" },
	{ "filter mine=tag:a",
	  "cfg:1:12: error: blanks are needed around '=' (usage: filter "
	  "NAME = QUERY)" },
	{ "filter mine =tag:a",
	  "cfg:1:13: error: blanks are needed around '=' (usage: filter "
	  "NAME = QUERY)" },
	{ "filter mine = tag:a stauts:x",
	  "cfg:1:21: error: invalid filter: unknown field 'stauts' (did you "
	  "mean 'status'?)" },
	{ "filter mine = @nowhere",
	  "cfg:1:15: error: invalid filter: unknown saved filter '@nowhere' "
	  "(filter NAME = QUERY in the config)" },
	{ "filter mine = tag:a @mine",
	  "cfg:1:21: error: invalid filter: saved filter 'mine' refers to "
	  "itself (mine -> mine)" },
	{ "filter @nope",
	  "cfg:1:8: error: invalid filter: unknown saved filter '@nope' "
	  "(filter NAME = QUERY in the config)" },
	{ "filter \"é\" tag:a @x",
	  "cfg:1:18: error: invalid filter: unknown saved filter '@x' "
	  "(filter NAME = QUERY in the config)" },
	{ "date-display isoo",
	  "cfg:1:14: error: unknown date display 'isoo' (did you mean "
	  "'iso'?)" },
	{ "author \"alice",
	  "cfg:1:8: error: unterminated quote" },
	{ "  bind \xc3\xa9\xc3\xa9 quit",
	  "cfg:1:8: error: unknown key '\xc3\xa9\xc3\xa9' (a character, or "
	  "Up, Down, PgUp, PgDn, Home, End, Enter, Tab, Esc, Space, "
	  "Backspace, Delete, F1..F12, C-a..C-z)" },
};

/* Each bad line gives its diagnostic, is skipped, and the next applies. */
START_TEST(errors_each)
{
	struct conf	 c;
	struct buf	 text = BUF_INIT, out = BUF_INIT, want = BUF_INIT;

	buf_printf(&text, "%s\nauthor bob\n", error_cases[_i].line);
	ck_assert(!conf_run(text.data, &c, &out));
	buf_printf(&want, "%s\n", error_cases[_i].diag);
	ck_assert_str_eq(buf_str(&out), buf_str(&want));
	ck_assert_str_eq(c.author, "bob");
	ck_assert_uint_eq(c.nbindings, 0);
	conf_free(&c);
	buf_free(&text);
	buf_free(&out);
	buf_free(&want);
}
END_TEST

/* Saved filters may use those below them; a loop is reported at each
 * of its lines, in the order of the lines, and those lines are skipped
 * (a filter using one is an error too); the default filter may use any. */
START_TEST(saved_order_and_loops)
{
	struct conf	c;
	struct buf	out = BUF_INIT;

	ck_assert(!conf_run("filter @mine\n"
	    "filter mine = @kremlin -tag:x\n"
	    "filter a = @b\n"
	    "color denied purple\n"
	    "filter b = tag:y @a\n"
	    "filter uses = @a\n"
	    "filter kremlin = tag:russia\n"
	    "filter either = @kremlin,@mine\n", &c, &out));
	ck_assert_str_eq(buf_str(&out),
	    "cfg:3:12: error: invalid filter: saved filter 'a' refers to "
	    "itself (a -> b -> a)\n"
	    "cfg:4:14: error: unknown colour 'purple' (one of: black, red, "
	    "green, yellow, blue, magenta, cyan, white, default)\n"
	    "cfg:5:18: error: invalid filter: saved filter 'b' refers to "
	    "itself (b -> a -> b)\n"
	    "cfg:6:15: error: invalid filter: saved filter 'a' refers to "
	    "itself (a -> b -> a)\n");
	ck_assert_uint_eq(c.nsaved, 3);
	ck_assert_str_eq(c.saved[0].name, "mine");
	ck_assert_str_eq(c.saved[1].name, "kremlin");
	ck_assert_str_eq(c.saved[2].name, "either");
	ck_assert_str_eq(c.filter, "@mine");
	conf_free(&c);
	buf_free(&out);
}
END_TEST

/* Every problem of a file in one run, each with its own line. */
START_TEST(errors_all)
{
	struct conf	c;
	struct buf	out = BUF_INIT;

	ck_assert(!conf_run("bind j quit\nfoo\n\nbind k nothing\n"
	    "color denied red\n", &c, &out));
	ck_assert_str_eq(buf_str(&out),
	    "cfg:2:1: error: unknown directive 'foo' (one of: author, bind, "
	    "color, date-display, filter, unbind)\n"
	    "cfg:4:8: error: unknown action 'nothing' ('tlv keys' and KEYS "
	    "in tlv(1) list them)\n");
	ck_assert_uint_eq(c.nbindings, 1);
	ck_assert_int_eq(c.status_color[TL_STATUS_DENIED], 1);
	conf_free(&c);
	buf_free(&out);
}
END_TEST

START_TEST(errors_missing)
{
	struct conf		c;
	struct diag_list	diags = DIAG_LIST_INIT;
	struct buf		out = BUF_INIT;

	conf_init(&c);
	/* The default file need not exist ... */
	ck_assert(conf_load(&c, "/nonexistent/tlv/config", false, &diags));
	ck_assert_uint_eq(diags.n, 0);
	/* ... a file named with --config or $TLV_CONFIG must. */
	ck_assert(!conf_load(&c, "/nonexistent/tlv/config", true, &diags));
	ck_assert_uint_eq(diags.n, 1);
	diag_format(&diags.v[0], &out);
	ck_assert_str_eq(buf_str(&out), "/nonexistent/tlv/config: error: "
	    "cannot read: No such file or directory\n");
	/* A directory is not a file. */
	ck_assert(!conf_load(&c, "/", false, &diags));
	ck_assert_uint_eq(diags.errors, 2);
	diag_free(&diags);
	buf_free(&out);
	conf_free(&c);
}
END_TEST

/* Bindings apply on top of the defaults, in order. */
START_TEST(keys_apply)
{
	struct conf	c;
	struct buf	out = BUF_INIT;
	struct keymap	km;

	ck_assert(conf_run("bind j quit\nunbind q\nbind C-n move-down\n"
	    "bind F5 redraw\nbind C-n move-up\n", &c, &out));
	keymap_init_defaults(&km);
	conf_apply_keys(&c, &km);
	ck_assert_int_eq(keymap_lookup(&km, 'j'), ACTION_QUIT);
	ck_assert_int_eq(keymap_lookup(&km, 'q'), ACTION_NONE);
	ck_assert_int_eq(keymap_lookup(&km, KEYC_CTRL('n')), ACTION_MOVE_UP);
	ck_assert_int_eq(keymap_lookup(&km, KEYC_F1 + 4), ACTION_REDRAW);
	ck_assert_int_eq(keymap_lookup(&km, KEYC_DOWN), ACTION_MOVE_DOWN);
	ck_assert_int_eq(keymap_lookup(&km, 'k'), ACTION_MOVE_UP);
	keymap_free(&km);
	conf_free(&c);
	buf_free(&out);
}
END_TEST

/* The variables conf_path() reads, saved so that CK_FORK=no runs leave the
 * environment as they found it. */
static const char *const path_vars[] = { "HOME", "XDG_CONFIG_HOME",
    "TLV_CONFIG" };

/* --config, then $TLV_CONFIG, then $XDG_CONFIG_HOME, then $HOME. */
START_TEST(path_order)
{
	char	*p, *saved[N(path_vars)];
	bool	 req;
	size_t	 i;

	for (i = 0; i < N(path_vars); i++) {
		p = getenv(path_vars[i]);
		saved[i] = p != NULL ? strdup(p) : NULL;
	}
	setenv("HOME", "/home/u", 1);
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	setenv("TLV_CONFIG", "/env/config", 1);
	p = conf_path("opt.conf", &req);
	ck_assert_str_eq(p, "opt.conf");
	ck_assert(req);
	free(p);
	p = conf_path(NULL, &req);
	ck_assert_str_eq(p, "/env/config");
	ck_assert(req);
	free(p);
	setenv("TLV_CONFIG", "", 1);
	p = conf_path(NULL, &req);
	ck_assert_str_eq(p, "/xdg/tlv/config");
	ck_assert(!req);
	free(p);
	/* A relative XDG_CONFIG_HOME is invalid and ignored (XDG spec). */
	setenv("XDG_CONFIG_HOME", "rel", 1);
	p = conf_path(NULL, &req);
	ck_assert_str_eq(p, "/home/u/.config/tlv/config");
	free(p);
	unsetenv("HOME");
	ck_assert_ptr_null(conf_path(NULL, &req));
	for (i = 0; i < N(path_vars); i++) {
		if (saved[i] != NULL)
			setenv(path_vars[i], saved[i], 1);
		else
			unsetenv(path_vars[i]);
		free(saved[i]);
	}
}
END_TEST

/* The shipped sample is valid, and sets what it says. */
START_TEST(sample_loads)
{
	struct conf		c;
	struct diag_list	diags = DIAG_LIST_INIT;
	struct buf		out = BUF_INIT;
	size_t			i;

	conf_init(&c);
	conf_load(&c, TESTDATA "/../../doc/config.sample", true, &diags);
	for (i = 0; i < diags.n; i++)
		diag_format(&diags.v[i], &out);
	ck_assert_str_eq(buf_str(&out), "");
	ck_assert_str_eq(c.author, "alice");
	ck_assert_str_eq(c.filter, "-tag:test");
	ck_assert_int_eq(c.status_color[TL_STATUS_ALLEGED], 3);
	ck_assert_uint_gt(c.nbindings, 0);
	diag_free(&diags);
	buf_free(&out);
	conf_free(&c);
}
END_TEST

Suite *
conf_suite(void)
{
	Suite	*s = suite_create("conf");
	TCase	*tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, parse_all);
	tcase_add_test(tc, parse_override);
	tcase_add_test(tc, parse_saved);
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_loop_test(tc, errors_each, 0, (int)N(error_cases));
	tcase_add_test(tc, errors_all);
	tcase_add_test(tc, saved_order_and_loops);
	tcase_add_test(tc, errors_missing);
	suite_add_tcase(s, tc);
	tc = tcase_create("keys");
	tcase_add_test(tc, keys_apply);
	suite_add_tcase(s, tc);
	tc = tcase_create("path");
	tcase_add_test(tc, path_order);
	tcase_add_test(tc, sample_loads);
	suite_add_tcase(s, tc);
	return s;
}
