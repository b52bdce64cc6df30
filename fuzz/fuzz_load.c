/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for the loader: the input is one timeline file.  It is
 * parsed by yamlio_load_buffer(), then checked across files, sorted,
 * printed as a full summary and its diagnostics formatted, all to nowhere.
 * Any crash, leak, hang or sanitizer report is a finding.  Built only with
 * ./configure --enable-fuzzing (see 'make fuzz').
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "buf.h"
#include "diag.h"
#include "load.h"
#include "summary.h"
#include "timeline.h"
#include "yamlio.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static FILE	*fuzz_null;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct summary_opts	 so = { .mode = SUMMARY_FULL, .width = 60 };
	struct buf		 b = BUF_INIT;
	uint32_t		 fi;
	size_t			 i;

	if (fuzz_null == NULL && (fuzz_null = fopen("/dev/null", "w")) == NULL)
		abort();
	fi = timeline_add_file(&tl, "fuzz.yaml");
	yamlio_load_buffer(&tl, fi, (const char *)data, size, &diags);
	load_check(&tl, &diags);
	timeline_sort(&tl);
	summary_print(fuzz_null, &tl, &so);
	so.mode = SUMMARY_BRIEF;
	summary_print(fuzz_null, &tl, &so);
	for (i = 0; i < diags.n; i++) {
		buf_reset(&b);
		diag_format(&diags.v[i], &b);
	}
	buf_free(&b);
	diag_free(&diags);
	timeline_free(&tl);
	return 0;
}
