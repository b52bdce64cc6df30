/* SPDX-License-Identifier: MIT */
/* One Check suite per core module; tests/check_main.c runs them all. */
#ifndef TLV_CHECK_SUITES_H
#define TLV_CHECK_SUITES_H

#include <check.h>

Suite	*apply_suite(void);
Suite	*browse_suite(void);
Suite	*cal_suite(void);
Suite	*claims_suite(void);
Suite	*cli_suite(void);
Suite	*conf_suite(void);
Suite	*date_suite(void);
Suite	*edit_suite(void);
Suite	*export_suite(void);
Suite	*html_suite(void);
Suite	*idindex_suite(void);
Suite	*lanes_suite(void);
Suite	*load_suite(void);
Suite	*merge_suite(void);
Suite	*query_suite(void);
Suite	*reporter_suite(void);
Suite	*ruler_suite(void);
Suite	*storydiff_suite(void);
Suite	*summary_suite(void);
Suite	*text_suite(void);
Suite	*timeline_suite(void);
Suite	*yamlio_suite(void);
Suite	*xmalloc_suite(void);

#endif
