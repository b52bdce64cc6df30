/* SPDX-License-Identifier: MIT */
/*
 * Filter-as-you-type latency: load a timeline, then apply the filter the
 * way the viewer does on each keystroke while a user types a few queries
 * (each prefix of each query, one keystroke each), and print, in
 * milliseconds, the median and the 99th percentile of
 *
 *   to screen   what a keystroke waits before the screen shows the events
 *               that passed so far: browse_filter_begin and one slice of
 *               at most SLICE_MS (src/ui.h's UI_FILTER_SLICE_MS), as the
 *               viewer does; the rest is tested between keystrokes
 *   whole       the same until every event is tested (the full result,
 *               and the slowest a filter can be to finish)
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

#define SLICE_MS	8	/* as UI_FILTER_SLICE_MS, src/ui.h */
#define STEP		2048	/* as UI_FILTER_STEP */

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

static void
filter_report(const char *what, double *ms, size_t n)
{
	qsort(ms, n, sizeof *ms, filter_cmp);
	printf("%s median %.2f ms, p99 %.2f ms, max %.2f ms", what,
	    ms[n / 2], ms[n * 99 / 100], ms[n - 1]);
}

int
main(int argc, char **argv)
{
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct browse		 br;
	double			*screen = NULL, *whole = NULL, t;
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
			screen = realloc(screen, (n + 1) * sizeof *screen);
			whole = realloc(whole, (n + 1) * sizeof *whole);
			if (screen == NULL || whole == NULL)
				return 1;
			t = filter_now();
			if (browse_filter_begin(&br, buf, &err, NULL))
				while (!browse_filter_run(&br, STEP) &&
				    filter_now() - t < SLICE_MS)
					;
			screen[n] = filter_now() - t;
			browse_filter_finish(&br);
			whole[n++] = filter_now() - t;
			free(err);
		}
	}
	printf("%zu events, %zu keystrokes:", tl.nevents, n);
	filter_report(" to screen", screen, n);
	filter_report("; whole filter", whole, n);
	printf("\n");
	free(screen);
	free(whole);
	browse_free(&br);
	timeline_free(&tl);
	diag_free(&diags);
	return 0;
}
