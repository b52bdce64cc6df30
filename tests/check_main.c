/* SPDX-License-Identifier: MIT */
/*
 * Runs every core suite.  CK_RUN_SUITE / CK_RUN_CASE select one (Check reads
 * them itself); CK_FORK=no runs in one process for gdb and valgrind.
 */
#include "config.h"

#include <stdlib.h>

#include "check_suites.h"

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(apply_suite());
	srunner_add_suite(sr, browse_suite());
	srunner_add_suite(sr, cal_suite());
	srunner_add_suite(sr, claims_suite());
	srunner_add_suite(sr, cli_suite());
	srunner_add_suite(sr, conf_suite());
	srunner_add_suite(sr, date_suite());
	srunner_add_suite(sr, edit_suite());
	srunner_add_suite(sr, export_suite());
	srunner_add_suite(sr, html_suite());
	srunner_add_suite(sr, idindex_suite());
	srunner_add_suite(sr, merge_suite());
	srunner_add_suite(sr, query_suite());
	srunner_add_suite(sr, reporter_suite());
	srunner_add_suite(sr, lanes_suite());
	srunner_add_suite(sr, load_suite());
	srunner_add_suite(sr, ruler_suite());
	srunner_add_suite(sr, storydiff_suite());
	srunner_add_suite(sr, summary_suite());
	srunner_add_suite(sr, text_suite());
	srunner_add_suite(sr, timeline_suite());
	srunner_add_suite(sr, yamlio_suite());
	srunner_add_suite(sr, xmalloc_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
