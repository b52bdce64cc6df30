/* SPDX-License-Identifier: MIT */
/*
 * Filter-as-you-type latency: load a timeline, then apply the filter the
 * way the viewer does on each keystroke while a user types a few queries
 * (each prefix of each query, one keystroke each), and print the median
 * and the 99th percentile in milliseconds.
 *
 *	bench/filter FILE|DIR ...
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "browse.h"
#include "diag.h"
#include "load.h"
#include "timeline.h"

static const char *const typed[] = {
	"starlink",
	"tag:starlink",
	"status:alleged",
	"musk putin",
	"from:2022 to:2023",
	"actor:\"Elon Musk\" -tag:taiwan",
};

static double
filter_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
filter_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct browse		 br;
	double			*ms = NULL, t;
	size_t			 n = 0, i, k, len;
	char			*err, buf[128];

	if (argc < 2) {
		fprintf(stderr, "usage: bench/filter FILE|DIR ...\n");
		return 2;
	}
	load_paths(&tl, argv + 1, (size_t)argc - 1, &diags);
	browse_init(&br, &tl);
	for (i = 0; i < sizeof typed / sizeof *typed; i++) {
		len = strlen(typed[i]);
		for (k = 1; k <= len; k++) {
			memcpy(buf, typed[i], k);
			buf[k] = '\0';
			err = NULL;
			t = filter_now();
			browse_set_filter(&br, buf, &err, NULL);
			ms = realloc(ms, (n + 1) * sizeof *ms);
			if (ms == NULL)
				return 1;
			ms[n++] = filter_now() - t;
			free(err);
		}
	}
	qsort(ms, n, sizeof *ms, filter_cmp);
	printf("%zu events, %zu keystrokes: median %.2f ms, p99 %.2f ms, "
	    "max %.2f ms\n", tl.nevents, n, ms[n / 2], ms[n * 99 / 100],
	    ms[n - 1]);
	free(ms);
	browse_free(&br);
	timeline_free(&tl);
	diag_free(&diags);
	return 0;
}
