/* SPDX-License-Identifier: MIT */
/*
 * The timeline view's lanes (SPEC section 5, "The timeline view"): what
 * 'T' puts in the list view's main area, under the same header, ruler and
 * detail pane.  The layout is lanes.c's; this file draws it and handles
 * the keys only the lanes have (L, Left, Right) and the mouse.
 *
 *	Musk, Putin…  ░░░████████████████████▶  (fuzzy ░, certain █, arrow)
 *	              ◆ Musk posts a… ◆ Bremmer…│   (days ◆, a source │)
 *	Starlink      ▂▃█▅▁ ...                (a crowded lane's last row)
 *	+312
 *
 * Without UTF-8: '#' certain, ':' fuzzy, '*' a day, 'o' a fuzzy day, '>'
 * and '<' the arrows, '|' a source, " .:-=+*#%@" the density -- the
 * glyphs, not the colours, tell fuzzy from certain (NO_COLOR, monochrome).
 * An event marked with m has "* " before its title, as in the list (a
 * bold '*' just after its bar when the title has no room).
 *
 * The window: the list's ruler (zoom and the period around the selected
 * event), shifted by Left and Right a tenth of its span at a time; moving
 * the selection or the zoom brings it back around the selected event.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "lanes.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

struct ui_lanes {
	enum lanes_mode		 mode;
	date_time		 shift;		/* the window's pan */
	size_t			 cursor;	/* when shift was set */
	enum ruler_zoom		 zoom;
	/* Built for shown[] of this version (and this timeline). */
	uint64_t		 version;
	const struct tl_event	*events;
	size_t			 nevents;
	bool			 built;
	enum lanes_mode		 keys_mode;
	struct lanes_keys	 keys;
	struct lanes_layout	 L;
	/* Where the last frame put things, for the mouse; the layout is
	 * made again only when its window, rows or events change (a move
	 * of the selection redraws the same one). */
	struct ruler		 r;
	int			 y, h, x;
	bool			 laid;
	date_time		 L_start, L_end;
	int			 L_h;
	uint64_t		 laid_version;
	enum lanes_mode		 laid_mode;
};

struct ui_lanes *
ui_lanes_new(void)
{
	struct ui_lanes	*vl = xcalloc(1, sizeof *vl);

	vl->L = (struct lanes_layout)LANES_LAYOUT_INIT;
	return vl;
}

void
ui_lanes_free(struct ui_lanes *vl)
{
	if (vl == NULL)
		return;
	if (vl->built)
		lanes_keys_free(&vl->keys);
	lanes_layout_free(&vl->L);
	free(vl);
}

int
ui_lanes_name_width(const struct app *app)
{
	int	w = app->cols / 5;

	return w > 16 ? 16 : w < 5 ? 5 : w;
}

/* The lanes (and their index by time) for the events shown now. */
static void
vl_build(struct app *app, struct ui_lanes *vl)
{
	if (vl->built && vl->version == app->br.version &&
	    vl->events == app->tl.events && vl->nevents == app->tl.nevents &&
	    vl->keys_mode == vl->mode)
		return;
	if (vl->built)
		lanes_keys_free(&vl->keys);
	lanes_keys_build(&vl->keys, &app->tl, app->br.shown, app->br.nshown,
	    vl->mode);
	vl->built = true;
	vl->keys_mode = vl->mode;
	vl->version = app->br.version;
	vl->events = app->tl.events;
	vl->nevents = app->tl.nevents;
}

void
ui_lanes_frame(const struct app *app, struct ui_lanes *vl, enum ruler_zoom zoom,
    date_time center, size_t width, struct ruler *r)
{
	date_time	span, lim = RULER_TIME_LIMIT / 2;

	if (vl->cursor != app->br.cursor || vl->zoom != zoom) {
		vl->shift = 0;
		vl->cursor = app->br.cursor;
		vl->zoom = zoom;
	}
	ruler_frame(r, zoom, center, app->lo, app->hi, width);
	span = r->end - r->start;
	if (vl->shift > lim - r->end)
		vl->shift = lim - r->end;
	if (vl->shift < -lim - r->start)
		vl->shift = -lim - r->start;
	r->start += vl->shift;
	r->end += vl->shift;
	(void)span;
}

/* --- drawing ------------------------------------------------------------- */

static void
vl_glyph(const struct app *app, int y, int x, const char *utf8, char ascii)
{
	if (app->utf8)
		mvaddstr(y, x, utf8);
	else
		mvaddch(y, x, (chtype)(unsigned char)ascii);
}

/* The bar of e over [c0, c1] at row y (x: the plot's left). */
static void
vl_bar(struct app *app, struct ui_lanes *vl, const struct tl_event *e,
    const struct lanes_item *it, int y, int attr)
{
	struct lanes_when	w;
	long			s0 = 1, s1 = 0, c;
	bool			solid;
	int			x = vl->x;

	lanes_when(e, &w);
	solid = w.solid_lo <= w.solid_hi && lanes_cols(&vl->r, w.solid_lo,
	    w.solid_hi, &s0, &s1);
	attrset(attr);
	if (w.flags & LANES_POINT && it->c0 == it->c1)	/* vl_row's */
		vl_glyph(app, y, x + (int)it->c0, solid ? "◆" : "◇",
		    solid ? '*' : 'o');
	else
		for (c = it->c0; c <= it->c1; c++)
			if (solid && c >= s0 && c <= s1)
				vl_glyph(app, y, x + (int)c, "█", '#');
			else
				vl_glyph(app, y, x + (int)c, "░", ':');
	if (w.flags & LANES_OPEN_END && it->c1 + 1 >= (long)vl->r.width)
		vl_glyph(app, y, x + (int)it->c1, "▶", '>');
	if (w.flags & LANES_OPEN_START && it->c0 == 0 &&
	    (w.lo <= DATE_MIN || w.lo < vl->r.start))
		vl_glyph(app, y, x, "◀", '<');
	attrset(A_NORMAL);
}

/* Source ticks of e (item it) on row y, where the row is not taken by a
 * title: on a bar a heavy one; none on a point's own day or on its own
 * bar when that is shorter than three columns. */
static void
vl_ticks(const struct app *app, struct ui_lanes *vl, const struct tl_event *e,
    const struct lanes_item *it, int y, const unsigned char *text)
{
	date_time	t;
	long		c0, c1;
	uint32_t	i;
	bool		point = e->end_text == NULL &&
			    !(e->date.flags & DATE_INTERVAL);

	attrset(A_BOLD);
	for (i = 0; i < e->nsources; i++) {
		if (!lanes_source_time(&e->sources[i], &t) ||
		    !lanes_cols(&vl->r, t, t, &c0, &c1) || text[c0] == 1 ||
		    text[c0] == 3)
			continue;
		/* not over a point, nor over a bar of one or two columns,
		 * which the tick would hide */
		if ((point || it->c1 - it->c0 < 2) && c0 >= it->c0 &&
		    c0 <= it->c1)
			continue;
		if (text[c0] == 2)
			vl_glyph(app, y, vl->x + (int)c0, "┃", '|');
		else
			vl_glyph(app, y, vl->x + (int)c0, "│", '|');
	}
	attrset(A_NORMAL);
}

/* Room for text from column from, cut before the event's first source
 * tick there: the lag to the reporting shows before the title. */
static long
vl_before_tick(const struct ui_lanes *vl, const struct tl_event *e,
    long from, long room)
{
	date_time	t;
	long		c0, c1;
	uint32_t	i;

	for (i = 0; i < e->nsources; i++)
		if (lanes_source_time(&e->sources[i], &t) &&
		    lanes_cols(&vl->r, t, t, &c0, &c1) && c0 >= from &&
		    c0 - from - 1 < room)
			room = c0 - from - 1;
	return room;
}

/* The title (after "* " when the user marked the event with m, as in the
 * list, and ? ~ marks) after the bar, else on it; *text marks the cells it
 * takes.  next: the column where the row's next bar starts. */
static void
vl_title(struct app *app, struct ui_lanes *vl, const struct tl_event *e,
    const struct lanes_item *it, int y, long next, int attr,
    unsigned char *text)
{
	struct buf	b = BUF_INIT;
	long		from = it->c1 + 2, room = next - 1 - from, c, cut, end_;
	int		used;

	if (ui_reporter_marked(app, e))
		buf_adds(&b, "* ");
	if ((e->date.flags | (e->end_text != NULL ?
	    tl_event_end(e)->flags : 0)) &
	    (DATE_UNCERTAIN | DATE_APPROXIMATE))
		buf_adds(&b, e->date.flags & DATE_UNCERTAIN ||
		    (e->end_text != NULL &&
		    tl_event_end(e)->flags & DATE_UNCERTAIN) ?
		    "? " : "~ ");
	buf_adds(&b, e->title);
	if (room < 4 && it->c1 - it->c0 >= 5) {
		from = it->c0 + 1;	/* on the bar */
		room = it->c1 - it->c0 - 1;
		attr |= A_REVERSE;
	}
	/* Before the first tick; else after it, if that leaves more. */
	if ((cut = vl_before_tick(vl, e, from, room)) < 4 && room - cut > 6) {
		end_ = from + room;
		from += cut + 3;
		room = vl_before_tick(vl, e, from, end_ - from);
	} else
		room = cut;
	if (room >= 3 && from < (long)vl->r.width) {
		if (from + room > (long)vl->r.width)
			room = (long)vl->r.width - from;
		attrset(attr);
		used = ui_put(y, vl->x + (int)from, b.data, b.len, (int)room,
		    false);
		attrset(A_NORMAL);
		for (c = from; c < from + used && c < (long)vl->r.width; c++)
			text[c] = 1;
	} else if (ui_reporter_marked(app, e) && it->c1 + 1 <
	    (long)vl->r.width && text[it->c1 + 1] == 0) {
		/* No room for the title: the mark alone, in the gap a row
		 * keeps after each bar. */
		attrset(A_BOLD);
		mvaddch(y, vl->x + (int)it->c1 + 1, '*');
		attrset(A_NORMAL);
		text[it->c1 + 1] = 1;
	}
	buf_free(&b);
}

/* Item i as drawn: a day no longer than a column is one marker even when
 * it straddles two (lanes_marker), then *one is it on that column. */
static const struct lanes_item *
vl_item(const struct app *app, const struct ui_lanes *vl, size_t i,
    struct lanes_item *one)
{
	const struct lanes_item	*it = &vl->L.items[i];
	struct lanes_when	 w;
	long			 col = 0;

	if (it->c0 == it->c1)
		return it;
	lanes_when(&app->tl.events[app->br.shown[it->pos]], &w);
	if (!lanes_marker(&vl->r, &w, it->c0, it->c1, &col))
		return it;
	*one = *it;
	one->c0 = one->c1 = col;
	return one;
}

/* Row r of lane li: its items' bars, titles and ticks. */
static void
vl_row(struct app *app, struct ui_lanes *vl, size_t first, size_t end,
    uint32_t r, int y, unsigned char *text)
{
	const struct lanes_item	*it;
	const struct tl_event	*e;
	struct lanes_item	 one;
	size_t			 i, j, cur = app->br.cursor;
	long			 next, c;
	int			 attr;

	memset(text, 0, vl->r.width);
	for (i = first; i < end; i++) {
		it = vl_item(app, vl, i, &one);
		if (it->row != r)
			continue;
		e = &app->tl.events[app->br.shown[it->pos]];
		attr = it->pos == cur ? (int)(A_REVERSE | A_BOLD) :
		    ui_status_attr(app, e->status);
		vl_bar(app, vl, e, it, y, attr);
		for (c = it->c0; c <= it->c1; c++)	/* 3: a day's mark */
			text[c] = it->c0 == it->c1 && e->end_text == NULL &&
			    !(e->date.flags & DATE_INTERVAL) ? 3 : 2;
		for (j = i + 1; j < end && vl->L.items[j].row != r; j++)
			;
		next = j < end ? vl->L.items[j].c0 : (long)vl->r.width + 1;
		if (it->pos == cur)
			attr = (int)A_BOLD;
		else if (browse_is_match(&app->br, e))
			attr = ui_attr(app, UI_COLOR_MATCH);
		else
			attr = A_NORMAL;
		vl_title(app, vl, e, it, y, next, attr, text);
	}
	for (i = first; i < end; i++) {
		it = vl_item(app, vl, i, &one);
		if (it->row == r)
			vl_ticks(app, vl, &app->tl.events[app->br.shown[it->pos]],
			    it, y, text);
	}
}

/* A crowded lane's last row: its density, "+N" at the right of the name
 * column (the name before it when this is the lane's only row). */
static void
vl_density(struct app *app, struct ui_lanes *vl, const struct lanes_lane *ln,
    int y, const char *name, int name_attr)
{
	static const char *const blocks[] = {
		"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
	};
	static const char ascii[] = ".:-=+*#%@";
	uint32_t	max = 1;
	size_t		c;
	int		lv, w, cw;
	char		count[32];

	for (c = 0; c < vl->r.width; c++)
		if (ln->density[c] > max)
			max = ln->density[c];
	attrset(ui_attr(app, UI_COLOR_RULER));
	for (c = 0; c < vl->r.width; c++) {
		if (ln->density[c] == 0)
			continue;
		lv = (int)(7 * (uint64_t)ln->density[c] / max);
		if (app->utf8)
			mvaddstr(y, vl->x + (int)c, blocks[lv]);
		else
			mvaddch(y, vl->x + (int)c, (chtype)ascii[lv + 1]);
	}
	snprintf(count, sizeof count, "+%zu", ln->hidden);
	cw = (int)strlen(count);
	w = vl->x - 1;
	if (name != NULL && w - cw - 1 > 0) {
		attrset(name_attr);
		ui_put(y, 0, name, strlen(name), w - cw - 1, false);
	}
	attrset(A_BOLD);
	ui_put(y, w - cw > 0 ? w - cw : 0, count, (size_t)cw, w, false);
	attrset(A_NORMAL);
}

/* The selected event when it is in lane ln but among the events of its
 * density (items [first, end) are the lane's): its cells of the density
 * row y highlighted as a selected bar is, so the selection never hides. */
static void
vl_hidden_cursor(struct app *app, struct ui_lanes *vl,
    const struct lanes_lane *ln, size_t first, size_t end, int y)
{
	const struct tl_event	*e;
	struct lanes_when	 w;
	size_t			 cur = app->br.cursor, i;
	long			 c0 = 0, c1 = -1, c, col = 0;
	uint32_t		 j;

	if (cur >= app->br.nshown || cur >= vl->keys.n)
		return;
	for (j = vl->keys.first[cur]; j < vl->keys.first[cur + 1] &&
	    vl->keys.ids[j] != ln->key; j++)
		;
	if (j == vl->keys.first[cur + 1])
		return;			/* not in this lane */
	for (i = first; i < end; i++)
		if (vl->L.items[i].pos == cur)
			return;		/* it has a bar */
	e = &app->tl.events[app->br.shown[cur]];
	lanes_when(e, &w);
	if (!lanes_cols(&vl->r, w.lo, w.hi, &c0, &c1))
		return;
	attrset(A_REVERSE | A_BOLD);
	if (lanes_marker(&vl->r, &w, c0, c1, &col))
		vl_glyph(app, y, vl->x + (int)col, "◆", '*');
	else
		for (c = c0; c <= c1; c++)
			vl_glyph(app, y, vl->x + (int)c, "█", '#');
	attrset(A_NORMAL);
}

static int
vl_name_attr(const struct app *app, const struct ui_lanes *vl,
    const struct lanes_lane *ln, size_t first)
{
	const struct tl_event	*e;

	if (first >= vl->L.nitems || vl->L.items[first].lane >= vl->L.nlanes ||
	    &vl->L.lanes[vl->L.items[first].lane] != ln)
		return A_BOLD;
	e = &app->tl.events[app->br.shown[vl->L.items[first].pos]];
	if (vl->mode == LANES_FILE)
		return ui_file_attr(app, e->file) | A_BOLD;
	if (vl->mode == LANES_STATUS)
		return ui_status_attr(app, e->status) | A_BOLD;
	return A_BOLD;
}

static void
vl_lane(struct app *app, struct ui_lanes *vl, size_t li, size_t *at,
    unsigned char *text)
{
	const struct lanes_lane	*ln = &vl->L.lanes[li];
	const char		*name = vl->keys.names[ln->key];
	size_t			 first = *at, end;
	uint32_t		 r, bars;
	int			 y = vl->y + (int)ln->y, attr;

	for (end = first; end < vl->L.nitems && vl->L.items[end].lane == li;
	    end++)
		;
	*at = end;
	if (ln->shown_rows == 0)
		return;
	attr = vl_name_attr(app, vl, ln, first);
	if (*name == '\0')
		name = "all";
	bars = ln->hidden > 0 ? ln->shown_rows - 1 : ln->shown_rows;
	if (bars > 0) {
		attrset(attr);
		ui_put(y, 0, name, strlen(name), vl->x - 1, false);
		attrset(A_NORMAL);
	}
	for (r = 0; r < bars; r++)
		vl_row(app, vl, first, end, r, y + (int)r, text);
	if (ln->hidden > 0 && ln->density != NULL) {
		vl_density(app, vl, ln, y + (int)bars, bars == 0 ? name :
		    NULL, attr);
		vl_hidden_cursor(app, vl, ln, first, end, y + (int)bars);
	}
}

void
ui_lanes_draw(struct app *app, struct ui_lanes *vl, const struct ruler *r,
    int y, int h)
{
	unsigned char	*text;
	size_t		 li, at = 0;
	char		 more[48];
	const char	*empty;

	vl->r = *r;
	vl->y = y;
	vl->h = h;
	vl->x = ui_lanes_name_width(app) + 1;
	if (app->br.nshown == 0) {
		empty = app->tl.nevents == 0 ? "(no events loaded)" :
		    "(no event matches the filter; F clears it)";
		attrset(A_DIM);
		ui_put(y, 1, empty, strlen(empty), app->cols - 1, false);
		attrset(A_NORMAL);
		return;
	}
	vl_build(app, vl);
	if (!vl->laid || vl->laid_version != app->br.version ||
	    vl->laid_mode != vl->mode || vl->L.width != r->width ||
	    vl->L_start != r->start || vl->L_end != r->end || vl->L_h != h ||
	    vl->events != app->tl.events) {
		lanes_layout(&vl->L, &vl->keys, r,
		    (size_t)(h > 0 ? h : 1), 1);
		lanes_layout_fit(&vl->L, (size_t)(h > 0 ? h : 0));
		vl->laid = true;
		vl->laid_version = app->br.version;
		vl->laid_mode = vl->mode;
		vl->L_start = r->start;
		vl->L_end = r->end;
		vl->L_h = h;
	}
	text = xcalloc(r->width + 1, 1);
	for (li = 0; li < vl->L.nlanes; li++)
		vl_lane(app, vl, li, &at, text);
	free(text);
	if (vl->L.nlanes == 0) {
		attrset(A_DIM);
		empty = "(no event in this window: z/Z zoom, Left/Right pan)";
		ui_put(y, vl->x, empty, strlen(empty), (int)r->width, false);
		attrset(A_NORMAL);
	} else if (vl->L.hidden_lanes > 0) {
		snprintf(more, sizeof more, " +%zu lanes ", vl->L.hidden_lanes);
		attrset(A_DIM);
		ui_put(y + h - 1, app->cols - (int)strlen(more), more,
		    strlen(more), (int)strlen(more), false);
		attrset(A_NORMAL);
	}
}

/* --- keys and the mouse -------------------------------------------------- */

enum ui_reaction
ui_lanes_action(struct app *app, struct ui_lanes *vl, enum action a)
{
	date_time	step = (vl->r.end - vl->r.start) / 10;

	switch (a) {
	case ACTION_LANES:
		vl->mode = lanes_mode_next(vl->mode);
		ui_message(app, false, "lanes: %s", lanes_mode_name(vl->mode));
		return UI_REDRAW;
	case ACTION_PAN_LEFT:
	case ACTION_PAN_RIGHT:
		if (step < 1)
			step = 1;
		vl->shift += a == ACTION_PAN_LEFT ? -step : step;
		return UI_REDRAW;
	default:
		return UI_NOTHING;
	}
}

enum ui_reaction
ui_lanes_click(struct app *app, struct ui_lanes *vl, int y, int x)
{
	const struct lanes_item	*it;
	const struct lanes_lane	*ln;
	struct lanes_item	 one;
	long			 c = x - vl->x, d, bd = 0;
	size_t			 i;
	uint32_t		 best = UINT32_MAX;

	if (y < vl->y || y >= vl->y + vl->h || c < 0)
		return UI_NOTHING;
	for (i = 0; i < vl->L.nitems; i++) {
		it = vl_item(app, vl, i, &one);
		ln = &vl->L.lanes[it->lane];
		if (vl->y + (int)(ln->y + it->row) != y)
			continue;
		/* on the bar, else the nearest bar to its left (its
		 * title) */
		d = c >= it->c0 && c <= it->c1 ? 0 : c > it->c1 ? c - it->c1 :
		    -1;
		if (d >= 0 && (best == UINT32_MAX || d < bd)) {
			best = it->pos;
			bd = d;
		}
	}
	if (best == UINT32_MAX)
		return UI_NOTHING;
	browse_move_to(&app->br, best);
	return UI_REDRAW;
}
