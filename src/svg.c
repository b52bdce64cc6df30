/* SPDX-License-Identifier: MIT */
/* The timeline view as an SVG document: see svg.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lanes.h"
#include "query.h"
#include "ruler.h"
#include "svg.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

/* Geometry, in SVG user units (pixels at 100%). */
#define SVG_LEFT	170	/* lane names */
#define SVG_PLOT	1000	/* the time axis: a ruler column a pixel */
#define SVG_RIGHT	24
#define SVG_TOP		66	/* the first lane's first row */
#define SVG_AXIS	56
#define SVG_ROW		20
#define SVG_LANE_GAP	6
#define SVG_CHAR	6	/* a character of the 10-unit font, about */
#define SVG_GAP		6	/* columns between bars on a row */

static const char *const svg_colors[TL_STATUS_COUNT] = {
	[TL_STATUS_NONE] = "#616161",
	[TL_STATUS_CONFIRMED] = "#2e7d32",
	[TL_STATUS_REPORTED] = "#1565c0",
	[TL_STATUS_ALLEGED] = "#e65100",
	[TL_STATUS_DISPUTED] = "#6a1b9a",
	[TL_STATUS_DENIED] = "#c62828",
};

struct svg {
	FILE			*fp;
	struct buf		 b;
	const struct timeline	*tl;
	struct ruler		 r;
	struct lanes_keys	 keys;
	struct lanes_layout	 L;
	uint32_t		*idx;
	size_t			 n;
};

void
svg_text(struct buf *b, const char *s, size_t len)
{
	struct buf	t = BUF_INIT;
	size_t		i;

	text_fit(&t, s, len, (size_t)-1 / 2, false);
	for (i = 0; i < t.len; i++)
		switch (t.data[i]) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, "&quot;");
			break;
		case '\'':
			buf_adds(b, "&#39;");
			break;
		default:
			buf_addc(b, t.data[i]);
		}
	buf_free(&t);
}

/* s cut to cells (with "…"), escaped. */
static void
svg_text_fit(struct buf *b, const char *s, size_t cells)
{
	struct buf	t = BUF_INIT;

	text_fit(&t, s, strlen(s), cells, false);
	svg_text(b, t.data != NULL ? t.data : "", t.len);
	buf_free(&t);
}

static void
svg_flush(struct svg *g)
{
	if (g->b.len > 0)
		fwrite(g->b.data, 1, g->b.len, g->fp);
	g->b.len = 0;
}

static int
svg_x(long col)
{
	return SVG_LEFT + (int)col;
}

/* Top of lane li's row. */
static int
svg_row_y(const struct svg *g, size_t li, uint32_t row)
{
	return SVG_TOP + (int)(g->L.lanes[li].y + row) * SVG_ROW +
	    (int)li * SVG_LANE_GAP;
}

static int
svg_height(const struct svg *g)
{
	size_t	n = g->L.nlanes;

	return n == 0 ? SVG_TOP + 60 : svg_row_y(g, n - 1,
	    g->L.lanes[n - 1].shown_rows) + 50;
}

static void
svg_head(struct svg *g, int width, int height)
{
	char	*title = timeline_title(g->tl);
	size_t	 i;

	buf_printf(&g->b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	    "font-family=\"DejaVu Sans, Verdana, sans-serif\" "
	    "font-size=\"10\">\n<title>", width, height, width, height);
	svg_text(&g->b, title, strlen(title));
	buf_adds(&g->b, "</title>\n<defs>\n<pattern id=\"fuzzy\" width=\"4\" "
	    "height=\"4\" patternUnits=\"userSpaceOnUse\" "
	    "patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"4\" "
	    "fill=\"#ffffff\" fill-opacity=\"0.6\"/></pattern>\n</defs>\n");
	buf_printf(&g->b, "<rect class=\"background\" width=\"%d\" "
	    "height=\"%d\" fill=\"#ffffff\"/>\n<text class=\"heading\" x=\"12\" "
	    "y=\"22\" font-size=\"15\" font-weight=\"bold\">", width, height);
	svg_text(&g->b, title, strlen(title));
	buf_printf(&g->b, "</text>\n<text x=\"12\" y=\"38\" fill=\"#555555\">"
	    "%zu events · %s%s</text>\n", g->n, g->keys.mode == LANES_NONE ?
	    "one lane" : "lanes by ", g->keys.mode == LANES_NONE ? "" :
	    lanes_mode_name(g->keys.mode));
	free(title);
	for (i = 0; i < g->L.nlanes; i++)
		if (i % 2 == 0)
			buf_printf(&g->b, "<rect class=\"band\" x=\"0\" "
			    "y=\"%d\" width=\"%d\" height=\"%d\" "
			    "fill=\"#f3f3f3\"/>\n", svg_row_y(g, i, 0) - 3,
			    width, (int)g->L.lanes[i].shown_rows * SVG_ROW + 6);
}

/* The time axis: a line, ticks with labels, light grid lines. */
static void
svg_axis(struct svg *g, int height)
{
	struct ruler_tick	 t[64];
	size_t			 i, n = ruler_ticks(&g->r, t, 64);

	buf_printf(&g->b, "<g class=\"axis\">\n<line x1=\"%d\" y1=\"%d\" "
	    "x2=\"%d\" y2=\"%d\" stroke=\"#333333\"/>\n", svg_x(0), SVG_AXIS,
	    svg_x(SVG_PLOT), SVG_AXIS);
	for (i = 0; i < n; i++) {
		buf_printf(&g->b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
		    "y2=\"%d\" stroke=\"#cccccc\"/><line x1=\"%d\" y1=\"%d\" "
		    "x2=\"%d\" y2=\"%d\" stroke=\"#333333\"/>"
		    "<text x=\"%d\" y=\"%d\">", svg_x((long)t[i].col),
		    SVG_AXIS, svg_x((long)t[i].col), height - 40,
		    svg_x((long)t[i].col), SVG_AXIS - 5,
		    svg_x((long)t[i].col), SVG_AXIS, svg_x((long)t[i].col) + 2,
		    SVG_AXIS - 7);
		svg_text(&g->b, t[i].label, strlen(t[i].label));
		buf_adds(&g->b, "</text>\n");
	}
	buf_adds(&g->b, "</g>\n");
}

/* The bar of item it, its arrows and its source ticks. */
static void
svg_bar(struct svg *g, const struct lanes_item *it, int y)
{
	const struct tl_event	*e = &g->tl->events[g->idx[it->pos]];
	const char		*col = svg_colors[e->status < TL_STATUS_COUNT ?
				    e->status : 0];
	struct lanes_when	 w;
	long			 s0, s1;
	int			 x0 = svg_x(it->c0), x1 = svg_x(it->c1 + 1);
	date_time		 t;
	uint32_t		 i;
	bool			 solid;

	lanes_when(e, &w);
	if (w.flags & LANES_POINT && it->c1 - it->c0 < 4) {
		int	cx = (x0 + x1) / 2;

		buf_printf(&g->b, "<path class=\"%s\" d=\"M%d %dl5 5l-5 5l-5 "
		    "-5z\" fill=\"%s\"%s/>\n", w.solid_lo <= w.solid_hi ?
		    "point" : "point fuzzy", cx, y, col, w.solid_lo <=
		    w.solid_hi ? "" : " fill-opacity=\"0.4\" stroke=\"#000000\" "
		    "stroke-width=\"0.5\"");
	} else {
		solid = w.solid_lo <= w.solid_hi && lanes_cols(&g->r,
		    w.solid_lo, w.solid_hi, &s0, &s1);
		if (!solid || s0 > it->c0 || s1 < it->c1)
			buf_printf(&g->b, "<rect class=\"fuzzy\" x=\"%d\" "
			    "y=\"%d\" width=\"%d\" height=\"8\" fill=\"%s\" "
			    "fill-opacity=\"0.35\"/><rect x=\"%d\" y=\"%d\" "
			    "width=\"%d\" height=\"8\" fill=\"url(#fuzzy)\"/>\n",
			    x0, y + 1, x1 - x0, col, x0, y + 1, x1 - x0);
		if (solid)
			buf_printf(&g->b, "<rect class=\"certain\" x=\"%d\" "
			    "y=\"%d\" width=\"%d\" height=\"8\" fill=\"%s\"/>\n",
			    svg_x(s0), y + 1, svg_x(s1 + 1) - svg_x(s0), col);
		if (w.flags & LANES_OPEN_END && it->c1 + 1 >= (long)g->r.width)
			buf_printf(&g->b, "<path class=\"ongoing\" d=\"M%d %dl8 "
			    "5l-8 5z\" fill=\"%s\"/>\n", x1, y, col);
		if (w.flags & LANES_OPEN_START && it->c0 == 0)
			buf_printf(&g->b, "<path class=\"open-start\" d=\"M%d "
			    "%dl-8 5l8 5z\" fill=\"%s\"/>\n", x0, y, col);
	}
	for (i = 0; i < e->nsources; i++)
		if (lanes_source_time(&e->sources[i], &t) &&
		    lanes_cols(&g->r, t, t, &s0, &s1))
			buf_printf(&g->b, "<line class=\"source\" x1=\"%d\" "
			    "y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#111111\" "
			    "stroke-width=\"1.5\"/>\n", svg_x(s0), y - 1,
			    svg_x(s0), y + 11);
}

/* The title of item it from its start, cut at next_x. */
static void
svg_title(struct svg *g, const struct lanes_item *it, int y, int next_x)
{
	const struct tl_event	*e = &g->tl->events[g->idx[it->pos]];
	struct lanes_when	 w;
	int			 x = svg_x(it->c0), room;

	lanes_when(e, &w);
	if (w.flags & LANES_POINT && it->c1 - it->c0 < 4)
		x += 6;
	room = (next_x - x - 4) / SVG_CHAR -
	    (w.flags & LANES_UNCERTAIN ? 2 : 0) -
	    (w.flags & LANES_APPROXIMATE ? 2 : 0);
	if (room < 2)
		return;
	buf_printf(&g->b, "<text class=\"title\" x=\"%d\" y=\"%d\">", x,
	    y + 18);
	svg_text_fit(&g->b, e->title, (size_t)room);
	if (w.flags & LANES_UNCERTAIN)
		buf_adds(&g->b, " ?");
	if (w.flags & LANES_APPROXIMATE)
		buf_adds(&g->b, " ~");
	buf_adds(&g->b, "</text>\n");
}

/* A crowded lane's last row: its density, and "+N" at the left. */
static void
svg_density(struct svg *g, size_t li, int y)
{
	const struct lanes_lane	*ln = &g->L.lanes[li];
	uint32_t		 max = 1;
	size_t			 c, d;

	for (c = 0; c < g->L.width; c++)
		if (ln->density[c] > max)
			max = ln->density[c];
	for (c = 0; c < g->L.width; c = d) {
		for (d = c + 1; d < g->L.width &&
		    ln->density[d] == ln->density[c]; d++)
			;
		if (ln->density[c] > 0)
			buf_printf(&g->b, "<rect class=\"density\" x=\"%d\" "
			    "y=\"%d\" width=\"%d\" height=\"12\" "
			    "fill=\"#37474f\" fill-opacity=\"%.2f\"/>\n",
			    svg_x((long)c), y + 1, (int)(d - c), 0.15 +
			    0.85 * (double)ln->density[c] / max);
	}
	buf_printf(&g->b, "<text class=\"count\" x=\"12\" y=\"%d\" "
	    "fill=\"#37474f\">+%zu</text>\n", y + 11, ln->hidden);
}

static void
svg_lane(struct svg *g, size_t li, size_t *at)
{
	const struct lanes_lane	*ln = &g->L.lanes[li];
	const struct lanes_item	*it;
	size_t			 first = *at, i, end;
	int			*next;
	uint32_t		 r, bars;

	buf_printf(&g->b, "<g class=\"lane\">\n<text class=\"lane-name\" "
	    "x=\"12\" y=\"%d\" font-weight=\"bold\">", svg_row_y(g, li, 0) + 11);
	svg_text_fit(&g->b, *g->keys.names[ln->key] != '\0' ?
	    g->keys.names[ln->key] : "all", (SVG_LEFT - 20) / SVG_CHAR);
	buf_adds(&g->b, "</text>\n");
	for (end = first; end < g->L.nitems && g->L.items[end].lane == li;
	    end++)
		;
	bars = ln->hidden > 0 ? ln->shown_rows - 1 : ln->shown_rows;
	next = xreallocarray(NULL, ln->shown_rows + 1, sizeof *next);
	for (r = 0; r <= ln->shown_rows; r++)
		next[r] = svg_x(SVG_PLOT) + SVG_RIGHT;
	for (i = end; i-- > first; ) {
		it = &g->L.items[i];
		if (it->row >= bars)
			continue;
		svg_bar(g, it, svg_row_y(g, li, it->row));
		svg_title(g, it, svg_row_y(g, li, it->row), next[it->row]);
		next[it->row] = svg_x(it->c0);
		if (g->b.len > 65536)
			svg_flush(g);
	}
	free(next);
	if (ln->hidden > 0 && ln->density != NULL)
		svg_density(g, li, svg_row_y(g, li, bars));
	buf_adds(&g->b, "</g>\n");
	*at = end;
}

static void
svg_legend(struct svg *g, int y)
{
	int	x = 12, i;

	buf_adds(&g->b, "<g class=\"legend\">\n");
	for (i = 1; i <= TL_STATUS_COUNT; i++) {
		int s = i % TL_STATUS_COUNT;

		buf_printf(&g->b, "<rect x=\"%d\" y=\"%d\" width=\"14\" "
		    "height=\"8\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s"
		    "</text>\n", x, y, svg_colors[s], x + 18, y + 8,
		    s == 0 ? "no status" : tl_status_name((enum tl_status)s));
		x += 100;
	}
	buf_printf(&g->b, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"8\" "
	    "fill=\"#616161\" fill-opacity=\"0.35\"/><rect x=\"%d\" y=\"%d\" "
	    "width=\"14\" height=\"8\" fill=\"url(#fuzzy)\"/><text x=\"%d\" "
	    "y=\"%d\">fuzzy date</text>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	    "y2=\"%d\" stroke=\"#111111\" stroke-width=\"1.5\"/><text x=\"%d\" "
	    "y=\"%d\">a source published</text>\n</g>\n", x, y, x, y, x + 18,
	    y + 8, x + 118, y - 2, x + 118, y + 10, x + 124, y + 8);
}

/* Widen [lo, hi] to the instant t unless it is an open end. */
static void
svg_extent(date_time t, date_time *lo, date_time *hi)
{
	if (t <= DATE_MIN || t >= DATE_MAX)
		return;
	if (t < *lo)
		*lo = t;
	if (t > *hi)
		*hi = t;
}

/* The kept events, their extent (with their sources' dates), the ruler, the lanes and their layout. */
static void
svg_plan(struct svg *g, const struct query *q, enum lanes_mode mode)
{
	const struct tl_event	*e;
	date_time		 lo = DATE_MAX, hi = DATE_MIN, t;
	size_t			 i, j, rows = 0;

	g->idx = xreallocarray(NULL, g->tl->nevents + 1, sizeof *g->idx);
	for (i = 0; i < g->tl->nevents; i++) {
		e = &g->tl->events[i];
		if (q != NULL && !query_match(q, g->tl, e))
			continue;
		g->idx[g->n++] = (uint32_t)i;
		svg_extent(e->date.earliest, &lo, &hi);
		svg_extent(e->date.latest, &lo, &hi);
		svg_extent(tl_event_latest(e), &lo, &hi);
		for (j = 0; j < e->nsources; j++)
			if (lanes_source_time(&e->sources[j], &t))
				svg_extent(t, &lo, &hi);
	}
	ruler_frame(&g->r, RULER_ZOOM_ALL, lo < DATE_MAX ? lo : 0, lo, hi,
	    SVG_PLOT);
	lanes_keys_build(&g->keys, g->tl, g->idx, g->n, mode);
	lanes_layout(&g->L, &g->keys, &g->r, SVG_MAX_ROWS, SVG_GAP);
	for (i = 0; i < g->L.nlanes; i++)
		rows += g->L.lanes[i].rows;
	lanes_layout_fit(&g->L, rows);
}

size_t
svg_write(FILE *fp, const struct timeline *tl, const struct query *q,
    enum lanes_mode mode)
{
	struct svg	g;
	size_t		li, at = 0;
	int		width = SVG_LEFT + SVG_PLOT + SVG_RIGHT, height;

	memset(&g, 0, sizeof g);
	g.fp = fp;
	g.tl = tl;
	svg_plan(&g, q, mode);
	height = svg_height(&g);
	svg_head(&g, width, height);
	svg_axis(&g, height);
	for (li = 0; li < g.L.nlanes; li++)
		if (g.L.lanes[li].shown_rows > 0)
			svg_lane(&g, li, &at);
	svg_legend(&g, height - 24);
	buf_adds(&g.b, "</svg>\n");
	svg_flush(&g);
	buf_free(&g.b);
	lanes_layout_free(&g.L);
	lanes_keys_free(&g.keys);
	free(g.idx);
	return g.n;
}
