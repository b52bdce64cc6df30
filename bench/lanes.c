/* SPDX-License-Identifier: MIT */
/*
 * The timeline view's cost without a terminal (src/lanes.c, as
 * src/view_lanes.c uses it): load a timeline, then print in milliseconds
 *
 *   T           pressing T: the file lanes of every event shown with
 *               their index by time, then the first frame's layout
 *   frame       the median and the worst of 20 layouts of the same window,
 *               at zoom all (every event is in the window) and at zoom
 *               year around the middle event (the viewer lays out again
 *               only when the window, the events or the lanes changed: a
 *               redraw for a move of the selection costs none of this)
 *   pan         the median and the worst of 20 frames, each panned a tenth
 *               of the window (the Left/Right keys) at year zoom
 *   zoom        the median and the worst of the frames after each z and Z
 *               through every zoom level and back
 *   L           each press of L from file lanes round to them again
 *               (actor, tag, status, outlet, none, file): the lanes of
 *               every event shown in the new mode and the frame's layout
 *
 * on a screen of COLSxROWS (default 200x50: the plot is the columns after
 * the lane names, the lanes the rows under the header and the ruler).
 * Drawing the cells with curses is not counted (as bench/filter).
 *
 *	bench/lanes [-s COLSxROWS] FILE|DIR ...
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "browse.h"
#include "diag.h"
#include "lanes.h"
#include "load.h"
#include "ruler.h"
#include "timeline.h"

#define FRAMES	20

static double
lanes_now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
lanes_cmp(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
lanes_report(const char *what, double *ms, size_t n)
{
	qsort(ms, n, sizeof *ms, lanes_cmp);
	printf("; %s median %.2f ms, max %.2f ms", what, ms[n / 2],
	    ms[n - 1]);
}

/* The finite extent of the events, as the viewer's app->lo, app->hi. */
static void
lanes_extent(const struct timeline *tl, date_time *lo, date_time *hi)
{
	size_t		i;
	date_time	t;

	*lo = DATE_MAX;
	*hi = DATE_MIN;
	for (i = 0; i < tl->nevents; i++) {
		t = tl->events[i].date.earliest;
		if (t > DATE_MIN && t < *lo)
			*lo = t;
		t = tl_event_latest(&tl->events[i]);
		if (t < DATE_MAX && t > *hi)
			*hi = t;
	}
}

static double
lanes_frame(struct lanes_layout *L, const struct lanes_keys *k, const struct ruler *r, size_t rows)
{
	double	t = lanes_now();

	lanes_layout(L, k, r, rows, 1);
	lanes_layout_fit(L, rows);
	return lanes_now() - t;
}

int
main(int argc, char **argv)
{
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct browse		 br;
	struct lanes_keys	 keys;
	struct lanes_layout	 L = LANES_LAYOUT_INIT;
	struct ruler		 r;
	double			 ms[2 * RULER_ZOOM_COUNT + FRAMES], t, first;
	date_time		 lo, hi, mid, step;
	int			 cols = 200, lines = 50, a = 1, z;
	enum lanes_mode		 m;
	size_t			 width, rows, i, n;

	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		if (sscanf(argv[2], "%dx%d", &cols, &lines) != 2 || cols < 40 ||
		    lines < 10)
			return 2;
		a = 3;
	}
	if (a >= argc) {
		fprintf(stderr, "usage: bench/lanes [-s COLSxROWS] FILE|DIR ...\n");
		return 2;
	}
	load_paths(&tl, argv + a, (size_t)(argc - a), &diags);
	browse_init(&br, &tl);
	lanes_extent(&tl, &lo, &hi);
	/* The lane names take 16 columns and a space (view_lanes.c); the
	 * header, the ruler and the status line 5 rows. */
	width = (size_t)cols - 17;
	rows = (size_t)lines - 5;
	/* The middle event, where a cursor would be. */
	mid = br.nshown > 0 ? tl.events[br.shown[br.nshown / 2]].date.earliest :
	    0;

	t = lanes_now();
	lanes_keys_build(&keys, &tl, br.shown, br.nshown, LANES_FILE);
	ruler_frame(&r, RULER_ZOOM_ALL, lo, lo, hi, width);
	lanes_frame(&L, &keys, &r, rows);
	first = lanes_now() - t;
	printf("%zu events, %dx%d: T %.2f ms", tl.nevents, cols, lines, first);

	for (i = 0; i < FRAMES; i++)
		ms[i] = lanes_frame(&L, &keys, &r, rows);
	lanes_report("frame at zoom all", ms, FRAMES);

	ruler_frame(&r, RULER_ZOOM_YEAR, mid, lo, hi, width);
	for (i = 0; i < FRAMES; i++)
		ms[i] = lanes_frame(&L, &keys, &r, rows);
	lanes_report("frame at zoom year", ms, FRAMES);

	step = (r.end - r.start) / 10;
	for (i = 0; i < FRAMES; i++) {
		r.start += step;
		r.end += step;
		ms[i] = lanes_frame(&L, &keys, &r, rows);
	}
	lanes_report("pan", ms, FRAMES);

	for (n = 0, z = 1; z < RULER_ZOOM_COUNT; z++) {
		ruler_frame(&r, (enum ruler_zoom)z, mid, lo, hi, width);
		ms[n++] = lanes_frame(&L, &keys, &r, rows);
	}
	for (z = RULER_ZOOM_COUNT - 2; z >= 0; z--) {
		ruler_frame(&r, (enum ruler_zoom)z, mid, lo, hi, width);
		ms[n++] = lanes_frame(&L, &keys, &r, rows);
	}
	lanes_report("zoom", ms, n);

	printf("; L");
	for (m = lanes_mode_next(LANES_FILE); ; m = lanes_mode_next(m)) {
		lanes_keys_free(&keys);
		t = lanes_now();
		lanes_keys_build(&keys, &tl, br.shown, br.nshown, m);
		lanes_frame(&L, &keys, &r, rows);
		printf("%s %s %.2f ms", m == LANES_ACTOR ? "" : ",",
		    lanes_mode_name(m), lanes_now() - t);
		if (m == LANES_FILE)
			break;
	}
	printf("\n");

	lanes_layout_free(&L);
	lanes_keys_free(&keys);
	browse_free(&br);
	timeline_free(&tl);
	diag_free(&diags);
	return 0;
}
