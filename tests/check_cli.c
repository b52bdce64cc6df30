/* SPDX-License-Identifier: MIT */
/*
 * What the commands share (cli.h), below the command line that
 * tests/cli.sh drives: the filter options composed into one query text,
 * the option groups a command accepts, --width's range, the paths after
 * the options, and the sanitiser every message goes through.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "cli.h"
#include "query.h"

static char	*args_copy[16];

static void
args_free(void)
{
	size_t	i;

	for (i = 0; i < 16; i++) {
		free(args_copy[i]);
		args_copy[i] = NULL;
	}
}

/* argv as cli_parse takes it: writable copies of v (NULL-ended), until
 * the next call or the end of the test. */
static char **
args(const char *const *v, int *argc)
{
	char	**copy = args_copy;
	int	  i;

	args_free();
	for (i = 0; v[i] != NULL; i++) {
		ck_assert_int_lt(i, 15);
		copy[i] = strdup(v[i]);
	}
	*argc = i;
	return copy;
}

/* cli_parse of v for cmd; its return value, *status when it ends. */
static int
parse(struct cli *c, const char *const *v, unsigned groups, int *status)
{
	int	 argc;
	char	**argv = args(v, &argc);

	memset(c, 0, sizeof *c);
	c->cmd = v[0];
	*status = -1;
	return cli_parse(c, argc, argv, groups, "usage: tlv test\n", status);
}

START_TEST(filter_options_compose)
{
	static const char *const argv[] = { "summary", "--tag", "starlink",
		"--status", "alleged,denied", "--from", "2022-06",
		"--actor", "Elon Musk", "--filter", "kremlin", "a.yaml",
		"b.yaml", NULL };
	struct cli	 c;
	struct query	*q;
	bool		 ok;
	int		 status;

	ck_assert_int_eq(parse(&c, argv, CLI_OPT_FILTER | CLI_OPT_LAYOUT,
	    &status), 0);
	/* Each option's value quoted: a blank or a comma in it is its own. */
	ck_assert_str_eq(buf_str(&c.filter), "tag:\"starlink\" "
	    "status:\"alleged\",\"denied\" from:\"2022-06\" "
	    "actor:\"Elon Musk\" kremlin");
	ck_assert_uint_eq(c.npaths, 2);
	ck_assert_str_eq(c.paths[0], "a.yaml");
	ck_assert_str_eq(c.paths[1], "b.yaml");
	/* The text is a query that compiles. */
	q = cli_query(&c, &ok);
	ck_assert(ok);
	ck_assert_ptr_nonnull(q);
	query_free(q);
	cli_free(&c);
}
END_TEST

START_TEST(no_filter_no_query)
{
	static const char *const argv[] = { "summary", NULL };
	struct cli	 c;
	bool		 ok = false;
	int		 status;

	ck_assert_int_eq(parse(&c, argv, CLI_OPT_FILTER, &status), 0);
	ck_assert_uint_eq(c.npaths, 0);
	ck_assert_ptr_null(cli_query(&c, &ok));
	ck_assert(ok);
	cli_free(&c);
}
END_TEST

/* The layout options are the layout group's: another command refuses
 * them as unknown. */
START_TEST(groups_are_kept)
{
	static const char *const argv[] = { "check", "--brief", "a.yaml", NULL };
	static const char *const argv2[] = { "summary", "--brief", "--full", NULL };
	struct cli	 c;
	int		 status;

	ck_assert_int_eq(parse(&c, argv, CLI_OPT_FILTER, &status), -1);
	ck_assert_int_eq(status, CLI_USAGE);
	cli_free(&c);
	ck_assert_int_eq(parse(&c, argv2, CLI_OPT_LAYOUT, &status), 0);
	ck_assert_int_eq(c.mode, SUMMARY_FULL);	/* the last one given */
	cli_free(&c);
}
END_TEST

START_TEST(width_range)
{
	static const char *const good[] = { "20", "80", "10000" };
	static const char *const bad[] = { "19", "10001", "80x", "", "-80",
		"+80" };
	struct cli	 c;
	size_t		 i;
	int		 status;

	for (i = 0; i < sizeof good / sizeof *good; i++) {
		const char *argv[] = { "summary", "--width", good[i], NULL };

		ck_assert_int_eq(parse(&c, argv, CLI_OPT_LAYOUT, &status), 0);
		ck_assert_uint_eq(cli_width(&c), strtoul(good[i], NULL, 10));
		cli_free(&c);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *argv[] = { "summary", "--width", bad[i], NULL };

		ck_assert_msg(parse(&c, argv, CLI_OPT_LAYOUT, &status) == -1,
		    "--width '%s'", bad[i]);
		ck_assert_int_eq(status, CLI_USAGE);
		cli_free(&c);
	}
}
END_TEST

/* Options end at the first path: what follows is the command's. */
START_TEST(options_end_at_a_path)
{
	static const char *const argv[] = { "summary", "a.yaml", "--brief", NULL };
	struct cli	 c;
	int		 status;

	ck_assert_int_eq(parse(&c, argv, CLI_OPT_LAYOUT, &status), 0);
	ck_assert_int_eq(c.mode, SUMMARY_NORMAL);
	ck_assert_uint_eq(c.npaths, 2);
	ck_assert_str_eq(c.paths[1], "--brief");
	cli_free(&c);
}
END_TEST

/* A message quoting a file's text shows its control characters as
 * placeholders, its line breaks too: one line a message. */
START_TEST(say_sanitises)
{
	FILE	*fp = tmpfile();
	char	 line[256];

	ck_assert_ptr_nonnull(fp);
	cli_say(fp, "title '%s'", "a\033[2Jb\nc");
	rewind(fp);
	ck_assert_ptr_nonnull(fgets(line, sizeof line, fp));
	ck_assert_ptr_null(strchr(line, '\033'));
	ck_assert_msg(strncmp(line, "title 'a", 8) == 0 &&
	    line[strlen(line) - 1] == '\n', "%s", line);
	ck_assert_ptr_null(fgets(line, sizeof line, fp));	/* one line */
	fclose(fp);
}
END_TEST

Suite *
cli_suite(void)
{
	Suite	*s = suite_create("cli");
	TCase	*tc = tcase_create("options");

	tcase_add_checked_fixture(tc, NULL, args_free);

	tcase_add_test(tc, filter_options_compose);
	tcase_add_test(tc, no_filter_no_query);
	tcase_add_test(tc, groups_are_kept);
	tcase_add_test(tc, width_range);
	tcase_add_test(tc, options_end_at_a_path);
	tcase_add_test(tc, say_sanitises);
	suite_add_tcase(s, tc);
	return s;
}
