/* SPDX-License-Identifier: MIT */
/*
 * The timeline view: header, time ruler, event list and detail pane.
 *
 *	 Title + Title · 12/20 events · filter: tag:x · 2 files (a=...)
 * (with "12/20 events (filtering 40%)" while a filter is being applied, and
 * "· loading 40%: the first events only" while a big file loads; the file
 * list, then the title, is what gets shortened)
 *	 ▁▁ ▃█▁   ▂▂▂▂▅      (density of the shown events)
 *	 ───┬────━━━━┬─────  (axis, ticks, the selected event's range)
 *	    2014     2022    (tick labels; the zoom level at the right)
 *	 a 2022-02-24  confirmed  Russia launches ...
 *	 ...
 *	 ─ detail ────────────
 *	 ...
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "query.h"
#include "storydiff.h"
#include "summary.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

/* Width of the status column ("confirmed"). */
#define VT_STATUS_W	9

/* The view's own state (ui.h: view_ops.private_size). */
struct vt_state {
	enum ruler_zoom	 zoom;
	bool		 detail;	/* detail pane shown */
	bool		 detail_focus;
	size_t		 detail_top;	/* first line shown */
	/* The ruler's density as last drawn: a cursor move within the same
	 * frame draws it again without going over every event shown. */
	struct vt_density {
		float		*counts;
		size_t		 width;
		date_time	 start, end;
		uint64_t	 version;	/* of br's shown[] */
	}		 density;	/* counts NULL: not yet */
	/* The layout (vt_layout). */
	int		 list_y, list_h;	/* list rows */
	int		 ruler_y, ruler_h;
	int		 detail_y, detail_h;
	/* T: the main area shows the lanes (view_lanes.c), the ruler
	 * starting after their names. */
	bool		 lanes;
	struct ui_lanes	*vl;
	int		 ruler_x;
};

static struct vt_state *
vt_of(const struct app *app)
{
	return ui_view_private(app, UI_VIEW_TIMELINE);
}

/* --- header -------------------------------------------------------------- */

/* Cells s takes on one line, sanitised. */
static size_t
vt_cells(const char *s, size_t len)
{
	struct buf	b = BUF_INIT;
	size_t		w = text_fit(&b, s, len, (size_t)-1 / 2, false);

	buf_free(&b);
	return w;
}

/* Files that broke on disk, whose last good events are shown. */
static void
vt_header_stale(const struct app *app, struct buf *b)
{
	const char	*p, *base;
	size_t		 i;

	for (i = 0; i < app->tl.nfiles; i++)
		if (app->tl.files[i].stale) {
			p = app->tl.files[i].path;
			base = strrchr(p, '/');
			buf_printf(b, " · stale: %s", base != NULL ? base + 1 :
			    p);
		}
}

/* The file of the event under the cursor (else the first) may not be
 * written: the edit keys will refuse.  As found at the last load or poll
 * (ui_stamp), not asked of the file system on every frame. */
static bool
vt_read_only(const struct app *app)
{
	const struct tl_event	*e = browse_current(&app->br);
	uint32_t		 fi = e != NULL ? e->file : 0;

	return fi < app->tl.nfiles && app->stamps != NULL &&
	    !app->stamps[fi].writable;
}

/* What the header must always show: the shown/total count, the filter,
 * the loading, the errors and the stale files. */
static void
vt_header_state(struct app *app, struct buf *b)
{
	unsigned	pct;

	buf_printf(b, "%zu/%zu events", app->br.nshown, app->tl.nevents);
	if (browse_filtering(&app->br))
		buf_printf(b, " (filtering %u%%)",
		    browse_filter_percent(&app->br));
	if (app->br.filter_text != NULL)
		buf_printf(b, " · filter: %s", app->br.filter_text);
	if (ui_loading(app, &pct))
		buf_printf(b, " · loading %u%%: the first events only", pct);
	if (app->diags.errors > 0)
		buf_printf(b, " · %zu error%s (E)", app->diags.errors,
		    app->diags.errors == 1 ? "" : "s");
	vt_header_stale(app, b);
	if (vt_read_only(app))
		buf_adds(b, " · read-only");
}

static void
vt_header_files(const struct app *app, struct buf *b)
{
	size_t	i;

	buf_printf(b, "%zu file%s", app->tl.nfiles,
	    app->tl.nfiles == 1 ? "" : "s");
	if (app->tl.nfiles > 1 && app->tl.nfiles <= 26)
		for (i = 0; i < app->tl.nfiles; i++) {
			const char *p = app->tl.files[i].path;
			const char *base = strrchr(p, '/');

			buf_printf(b, "%s%c=%s", i == 0 ? " (" : " ",
			    (int)('a' + i), base != NULL ? base + 1 : p);
			if (i + 1 == app->tl.nfiles)
				buf_addc(b, ')');
		}
}

/*
 * " Title · 5/20 events · filter: tag:x · 2 files (a=... b=...)".  The
 * count and the filter are never cut: the file list is shortened first,
 * then the title (dropped when it would be a stub), and only a screen too
 * narrow for the state itself cuts that.
 */
#define VT_TITLE_MIN	12
#define VT_SEP		" · "
#define VT_SEP_W	3

static void
vt_draw_header(struct app *app)
{
	struct buf	 line = BUF_INIT, state = BUF_INIT, files = BUF_INIT;
	struct buf	 raw = BUF_INIT, tb = BUF_INIT;
	char		*title = timeline_title(&app->tl);
	size_t		 cols = app->cols > 1 ? (size_t)app->cols - 1 : 0;
	size_t		 sw, tw, left;

	/* Measured as drawn: without UTF-8 a placeholder takes 8 cells. */
	vt_header_state(app, &raw);
	ui_screen_text(&state, buf_str(&raw), raw.len);
	buf_reset(&raw);
	vt_header_files(app, &raw);
	ui_screen_text(&files, buf_str(&raw), raw.len);
	ui_screen_text(&tb, title, strlen(title));
	free(title);
	title = buf_detach(&tb);
	buf_free(&raw);
	sw = vt_cells(state.data, state.len);
	tw = vt_cells(title, strlen(title));
	left = cols > sw ? cols - sw : 0;
	buf_addc(&line, ' ');
	if (left >= VT_TITLE_MIN + VT_SEP_W) {
		if (tw > left - VT_SEP_W)
			tw = left - VT_SEP_W;
		left -= text_fit(&line, title, strlen(title), tw, false) +
		    VT_SEP_W;
		buf_adds(&line, VT_SEP);
	}
	text_fit(&line, state.data, state.len, cols, false);
	if (left > VT_SEP_W + 1) {
		buf_adds(&line, VT_SEP);
		text_fit(&line, files.data, files.len, left - VT_SEP_W, false);
	}
	attrset(ui_attr(app, UI_COLOR_HEADER));
	ui_put(0, 0, line.data, line.len, app->cols, true);
	attrset(A_NORMAL);
	buf_free(&line);
	buf_free(&state);
	buf_free(&files);
	free(title);
}

/* --- ruler --------------------------------------------------------------- */

/* Where the ruler is centred: the selected event, else the timeline. */
static date_time
vt_ruler_center(const struct app *app)
{
	const struct tl_event	*e = browse_current(&app->br);

	if (e == NULL)
		return app->lo < DATE_MAX ? app->lo : 0;
	if (e->date.earliest > DATE_MIN)
		return e->date.earliest;
	return tl_event_latest(e) < DATE_MAX ? tl_event_latest(e) : 0;
}

static void
vt_frame(const struct app *app, struct ruler *r)
{
	struct vt_state	*vt = vt_of(app);

	vt->ruler_x = vt->lanes ? ui_lanes_name_width(app) + 1 : 0;
	if (vt->lanes)
		ui_lanes_frame(app, vt->vl, vt->zoom, vt_ruler_center(app),
		    (size_t)(app->cols - vt->ruler_x), r);
	else
		ruler_frame(r, vt->zoom, vt_ruler_center(app), app->lo,
		    app->hi, (size_t)app->cols);
}

static void
vt_draw_density(struct app *app, const struct ruler *r, int y)
{
	static const char *const blocks[] = {
		" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"
	};
	static const char ascii[] = " .:-=+*#%@";
	struct vt_state	*vt = vt_of(app);
	struct vt_density *d = &vt->density;
	float		*counts;
	float		 max = 0;
	size_t		 c;
	int		 level;

	if (d->counts == NULL || d->width != r->width || d->start != r->start ||
	    d->end != r->end || d->version != app->br.version) {
		d->counts = xreallocarray(d->counts, r->width, sizeof *counts);
		ruler_density(r, &app->tl, app->br.shown, app->br.nshown,
		    d->counts);
		d->width = r->width;
		d->start = r->start;
		d->end = r->end;
		d->version = app->br.version;
	}
	counts = d->counts;
	for (c = 0; c < r->width; c++)
		if (counts[c] > max)
			max = counts[c];
	attrset(ui_attr(app, UI_COLOR_RULER));
	for (c = 0; c < r->width; c++) {
		if (counts[c] <= 0 || max <= 0)
			continue;
		level = 1 + (int)(7.0f * counts[c] / max);
		if (level > 8)
			level = 8;
		if (app->utf8)
			mvaddstr(y, vt->ruler_x + (int)c, blocks[level]);
		else
			mvaddch(y, vt->ruler_x + (int)c, (chtype)ascii[level +
			    1 > 9 ? 9 : level + 1]);
	}
	attrset(A_NORMAL);
}

/* The axis with ticks, and the selected event's range on it. */
static void
vt_draw_axis(struct app *app, const struct ruler *r, int y,
    const struct ruler_tick *ticks, size_t nticks)
{
	const struct tl_event	*e = browse_current(&app->br);
	long long		 a, b, c;
	size_t			 i;
	int			 x = vt_of(app)->ruler_x;

	attrset(ui_attr(app, UI_COLOR_RULER));
	for (c = 0; c < (long long)r->width; c++)
		mvaddstr(y, x + (int)c, app->utf8 ? "─" : "-");
	for (i = 0; i < nticks; i++)
		mvaddstr(y, x + (int)ticks[i].col, app->utf8 ? "┬" : "+");
	attrset(A_NORMAL);
	if (e == NULL)
		return;
	a = ruler_col(r, e->date.earliest <= DATE_MIN ? r->start : e->date.earliest);
	b = ruler_col(r, tl_event_latest(e) >= DATE_MAX ? r->end - 1 :
	    tl_event_latest(e));
	attrset(ui_attr(app, UI_COLOR_CURSOR) | A_BOLD);
	if (b < 0)
		mvaddstr(y, x, app->utf8 ? "◀" : "<");
	else if (a >= (long long)r->width)
		mvaddstr(y, x + (int)r->width - 1, app->utf8 ? "▶" : ">");
	else if (a == b)
		mvaddstr(y, x + (int)a, app->utf8 ? "●" : "*");
	else
		for (c = a < 0 ? 0 : a; c <= b && c < (long long)r->width; c++)
			mvaddstr(y, x + (int)c, app->utf8 ? "━" : "=");
	attrset(A_NORMAL);
}

/* The tick labels, then the zoom at the right where the labels leave
 * room ("zoom: month", else "month"): a label is never dropped for it. */
static void
vt_draw_labels(struct app *app, const struct ruler *r, int y,
    const struct ruler_tick *ticks, size_t nticks)
{
	struct vt_state	*vt = vt_of(app);
	const char	*zoom = ruler_zoom_name(vt->zoom);
	char		 label[32];
	int		 zx, used = 0;
	size_t		 i, len;

	for (i = 0; i < nticks; i++) {
		len = strlen(ticks[i].label);
		ui_put(y, vt->ruler_x + (int)ticks[i].col, ticks[i].label, len,
		    (int)(r->width - ticks[i].col), false);
		used = vt->ruler_x + (int)(ticks[i].col + len);
	}
	snprintf(label, sizeof label, " zoom: %s", zoom);
	if (app->cols - (int)strlen(label) <= used)
		snprintf(label, sizeof label, " %s", zoom);
	zx = app->cols - (int)strlen(label);
	if (zx > used) {
		attrset(A_DIM);
		ui_put(y, zx, label, strlen(label), app->cols - zx, false);
		attrset(A_NORMAL);
	}
}

static void
vt_draw_ruler(struct app *app)
{
	struct vt_state	*vt = vt_of(app);
	struct ruler		r;
	struct ruler_tick	ticks[64];
	size_t			nticks;

	if (vt->ruler_h == 0)
		return;
	vt_frame(app, &r);
	vt_draw_density(app, &r, vt->ruler_y);
	if (vt->ruler_h < 3)
		return;
	nticks = ruler_ticks(&r, ticks, sizeof ticks / sizeof *ticks);
	vt_draw_axis(app, &r, vt->ruler_y + 1, ticks, nticks);
	vt_draw_labels(app, &r, vt->ruler_y + 2, ticks, nticks);
}

/* --- list ---------------------------------------------------------------- */

/* Byte range [*from, *to) of the search match in s, by folding. */
static bool
vt_find_match(const struct app *app, const char *s, size_t *from, size_t *to)
{
	return app->br.search != NULL && text_find_folded(s, strlen(s),
	    app->br.search, app->br.search_len, from, to);
}

/* The title, with the search match highlighted. */
static void
vt_draw_title(struct app *app, int y, int x, const char *title, int attr,
    bool match)
{
	size_t	from, to;
	int	w = app->cols - x, used;

	if (!match || !vt_find_match(app, title, &from, &to)) {
		ui_put(y, x, title, strlen(title), w, true);
		return;
	}
	used = ui_put(y, x, title, from, w, false);
	attrset(ui_attr(app, UI_COLOR_MATCH));
	used += ui_put(y, x + used, title + from, to - from, w - used, false);
	attrset(attr);
	ui_put(y, x + used, title + to, strlen(title + to), w - used, true);
}

/* The date column: as written, or (date-display iso) the resolved range
 * as ISO days, "2022-09-01/2022-12-31", ".." for an open end. */
static const char *
vt_date(const struct app *app, const struct tl_event *e, char *buf,
    size_t n)
{
	char	a[32], b[32];

	if (app->conf.date_display != CONF_DATE_ISO)
		return e->date_text;
	date_format_iso(e->date.earliest, DATE_PREC_DAY, a, sizeof a);
	date_format_iso(tl_event_latest(e), DATE_PREC_DAY, b, sizeof b);
	if (strcmp(a, b) == 0)
		snprintf(buf, n, "%s", a);
	else
		snprintf(buf, n, "%s/%s", a, b);
	return buf;
}

static void
vt_draw_row(struct app *app, int y, size_t row)
{
	const struct tl_event	*e = &app->tl.events[app->br.shown[row]];
	bool			 sel = row == app->br.cursor;
	int			 attr = sel ? A_REVERSE | A_BOLD : A_NORMAL;
	int			 x = 0;
	char			 mark[2] = { 0, 0 };
	const char		*status, *date;
	char			 dbuf[80];
	date_time		 asof;
	enum tl_status		 shown;
	unsigned		 changed;

	/* With asof: in the filter, the verdict as it was then. */
	if (!query_asof(app->br.filter, &asof))
		asof = DATE_MAX;
	shown = asof < DATE_MAX ? claims_status_asof(e, asof) : e->status;
	status = tl_status_name(shown);

	attrset(attr);
	ui_blank(y, 0, app->cols);
	if (app->tl.nfiles > 1) {
		mark[0] = e->file < 26 ? (char)('a' + e->file) : '*';
		attrset(attr | ui_file_attr(app, e->file));
		ui_put(y, 0, mark, 1, 1, false);
		x = 2;
	}
	attrset(attr);
	date = vt_date(app, e, dbuf, sizeof dbuf);
	x += ui_put(y, x, date, strlen(date), (int)app->datew, true) + 2;
	if (x >= app->cols)
		return;
	attrset(sel ? attr : ui_status_attr(app, shown));
	x += ui_put(y, x, status, strlen(status), VT_STATUS_W, true);
	/* '!': the verdict changed (by the filter's asof: date) */
	if (claims_changed(e, asof) && x < app->cols)
		ui_put(y, x, "!", 1, 1, false);
	x += 2;
	attrset(attr);
	if (app->tl.files[e->file].stale && x < app->cols)
		x += ui_put(y, x, "[stale] ", 8, app->cols - x, false);
	if (ui_reporter_marked(app, e) && x < app->cols)
		x += ui_put(y, x, "* ", 2, app->cols - x, false);
	/* Since the commit: '+' added, '~' changed. */
	if ((changed = ui_changes_of(app, e)) != 0 && x < app->cols)
		x += ui_put(y, x, changed & STORYDIFF_ADDED ? "+ " : "~ ", 2,
		    app->cols - x, false);
	if (x < app->cols)
		vt_draw_title(app, y, x, e->title, attr,
		    browse_is_match(&app->br, e));
	attrset(A_NORMAL);
}

static void
vt_draw_list(struct app *app)
{
	struct vt_state	*vt = vt_of(app);
	size_t	row;
	int	y;
	const char *empty;

	browse_fit(&app->br, (size_t)vt->list_h);
	if (app->br.nshown == 0) {
		empty = app->tl.nevents == 0 ? "(no events loaded)" :
		    "(no event matches the filter; F clears it)";
		attrset(A_DIM);
		ui_put(vt->list_y, 1, empty, strlen(empty), app->cols - 1,
		    false);
		attrset(A_NORMAL);
		return;
	}
	for (y = 0, row = app->br.top; y < vt->list_h &&
	    row < app->br.nshown; y++, row++)
		vt_draw_row(app, vt->list_y + y, row);
}

/* --- detail -------------------------------------------------------------- */

/* The detail text of e, as lines in b (each ending in '\n'). */
static void
vt_detail_text(struct app *app, const struct tl_event *e, struct buf *b)
{
	const struct tl_file	*f = &app->tl.files[e->file];
	size_t			 width = (size_t)app->cols > 4 ?
				    (size_t)app->cols - 1 : 4;

	buf_printf(b, " %s\n", e->title);
	buf_printf(b, " %s", e->date_text);
	if (e->end_text != NULL)
		buf_printf(b, " – %s", e->end_text);
	if (e->status != TL_STATUS_NONE)
		buf_printf(b, " · %s", tl_status_name(e->status));
	buf_printf(b, " · %s:%u%s\n", f->path, (unsigned)e->span.line,
	    f->stale ? " (stale: the file is broken on disk, E shows why)" :
	    "");
	summary_event_details(b, &app->tl, e, width, " ", !app->utf8);
}

static size_t
vt_count_lines(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* A horizontal rule across row y. */
static void
vt_hline(const struct app *app, int y)
{
	int	x;

	for (x = 0; x < app->cols; x++)
		mvaddstr(y, x, app->utf8 ? "─" : "-");
}

static void
vt_draw_detail(struct app *app)
{
	struct vt_state	*vt = vt_of(app);
	const struct tl_event	*e = browse_current(&app->br);
	struct buf		 b = BUF_INIT;
	const char		*p, *nl;
	size_t			 line = 0, nlines;
	int			 y = vt->detail_y;
	const char		*title = vt->detail_focus ?
				    " detail (Tab: back to the list) " :
				    " detail (Tab: scroll) ";

	if (vt->detail_h == 0)
		return;
	attrset(ui_attr(app, UI_COLOR_TITLE));
	vt_hline(app, y);
	ui_put(y, 1, title, strlen(title), app->cols - 1, false);
	attrset(A_NORMAL);
	if (e == NULL)
		return;
	vt_detail_text(app, e, &b);
	nlines = vt_count_lines(b.data);
	if (vt->detail_top + 1 > nlines)
		vt->detail_top = nlines > 0 ? nlines - 1 : 0;
	for (p = b.data; (nl = strchr(p, '\n')) != NULL; p = nl + 1, line++) {
		if (line < vt->detail_top)
			continue;
		if (++y >= vt->detail_y + vt->detail_h)
			break;
		if (line == 0)
			attrset(A_BOLD);
		ui_put(y, 0, p, (size_t)(nl - p), app->cols, false);
		attrset(A_NORMAL);
	}
	buf_free(&b);
}

static void
vt_draw(struct app *app)
{
	struct vt_state	*vt = vt_of(app);
	struct ruler	 r;

	vt_draw_header(app);
	vt_draw_ruler(app);
	if (vt->lanes) {
		vt_frame(app, &r);
		ui_lanes_draw(app, vt->vl, &r, vt->list_y, vt->list_h);
	} else
		vt_draw_list(app);
	vt_draw_detail(app);
}

/* --- actions ------------------------------------------------------------- */

static enum ui_reaction
vt_moved(struct app *app, bool moved)
{
	struct vt_state	*vt = vt_of(app);

	if (moved)
		vt->detail_top = 0;
	return moved ? UI_REDRAW : UI_NOTHING;
}

static enum ui_reaction
vt_scroll_detail(struct app *app, enum action a)
{
	struct vt_state	*vt = vt_of(app);
	size_t		 page = vt->detail_h > 2 ? (size_t)vt->detail_h - 2 : 1;

	return ui_scroll(&vt->detail_top, page, a, false) ? UI_REDRAW :
	    UI_NOTHING;
}

static enum ui_reaction
vt_period(struct app *app, int dir)
{
	struct vt_state	*vt = vt_of(app);

	if (!browse_step_period(&app->br, vt->zoom, dir))
		ui_message(app, false, dir > 0 ? "no later period" :
		    "no earlier period");
	return vt_moved(app, true);
}

static enum ui_reaction
vt_zoom(struct app *app, int dir)
{
	struct vt_state	*vt = vt_of(app);
	int	z = (int)vt->zoom + dir;

	if (z < 0 || z >= RULER_ZOOM_COUNT) {
		ui_message(app, false, "zoom: %s (the %s)",
		    ruler_zoom_name(vt->zoom), dir > 0 ? "closest" : "widest");
		return UI_REDRAW;
	}
	vt->zoom = (enum ruler_zoom)z;
	ui_message(app, false, "zoom: %s", ruler_zoom_name(vt->zoom));
	return UI_REDRAW;
}

/* D asked: y deletes. */
static void
vt_delete_answer(struct app *app, int32_t key, void *ctx)
{
	(void)ctx;
	ui_prompt_close(app);
	if (key == 'y' || key == 'Y')
		ui_edit_delete(app);
	else
		ui_message(app, false, "not deleted");
}

static const struct ui_prompt_hooks vt_delete_hooks = {
	.answer = vt_delete_answer,
};

static enum ui_reaction
vt_ask_delete(struct app *app)
{
	const struct tl_event	*e = browse_current(&app->br);

	if (e == NULL)
		return UI_NOTHING;
	if (!ui_edit_allowed(app, e->file))
		return UI_REDRAW;
	ui_message(app, true, "delete '%s'? y deletes (u undoes), any other "
	    "key keeps it", e->title);
	ui_prompt_open(app, UI_PROMPT_CONFIRM, NULL, &vt_delete_hooks);
	return UI_REDRAW;
}

/* An 'a' note, typed: saved at once. */
static void
vt_note_accept(struct app *app, const char *text, void *ctx)
{
	(void)ctx;
	ui_edit_note(app, text);
}

static const struct ui_prompt_hooks vt_note_hooks = {
	.accept = vt_note_accept,
};

static enum ui_reaction
vt_ask_note(struct app *app)
{
	const struct tl_event	*e = browse_current(&app->br);

	if (e == NULL)
		return UI_NOTHING;
	if (!ui_edit_note_allowed(app, e->file))
		return UI_REDRAW;
	ui_prompt_open(app, UI_PROMPT_NOTE, NULL, &vt_note_hooks);
	return UI_REDRAW;
}

/* The keys that change a file (ACTION_F_EDITS). */
static enum ui_reaction
vt_edit_action(struct app *app, enum action a)
{
	switch (a) {
	case ACTION_ANNOTATE:
		return vt_ask_note(app);
	case ACTION_DELETE:
		return vt_ask_delete(app);
	case ACTION_EDIT:
		if (browse_current(&app->br) != NULL)
			ui_edit_event(app);
		return UI_RELAYOUT;
	case ACTION_ADD:
		ui_edit_add(app);
		return UI_RELAYOUT;
	case ACTION_UNDO:
		ui_edit_undo(app);
		return UI_REDRAW;
	default:
		return UI_PASS;
	}
}

/* The cursor, the panes and the ruler. */
static enum ui_reaction
vt_list_action(struct app *app, enum action a)
{
	struct vt_state	*vt = vt_of(app);
	long		 page = vt->list_h > 1 ? vt->list_h - 1 : 1;

	switch (a) {
	case ACTION_MOVE_DOWN:
		return vt_moved(app, browse_move(&app->br, 1));
	case ACTION_MOVE_UP:
		return vt_moved(app, browse_move(&app->br, -1));
	case ACTION_PAGE_DOWN:
		return vt_moved(app, browse_move(&app->br, page));
	case ACTION_PAGE_UP:
		return vt_moved(app, browse_move(&app->br, -page));
	case ACTION_MOVE_FIRST:
		return vt_moved(app, browse_move_to(&app->br, 0));
	case ACTION_MOVE_LAST:
		return vt_moved(app, browse_move_to(&app->br, SIZE_MAX));
	case ACTION_DETAIL:
		vt->detail = !vt->detail;
		vt->detail_focus = false;
		return UI_RELAYOUT;
	case ACTION_FOCUS:
		vt->detail_focus = !vt->detail_focus || !vt->detail;
		vt->detail = true;
		return UI_RELAYOUT;
	case ACTION_PREV_PERIOD:
	case ACTION_NEXT_PERIOD:
		return vt_period(app, a == ACTION_NEXT_PERIOD ? 1 : -1);
	case ACTION_ZOOM_IN:
	case ACTION_ZOOM_OUT:
		return vt_zoom(app, a == ACTION_ZOOM_IN ? 1 : -1);
	case ACTION_FOLLOW:
		ui_related_open(app);
		return UI_REDRAW;
	case ACTION_BACK:
		if (!browse_back(&app->br))
			ui_message(app, false, "nothing to go back to");
		return vt_moved(app, true);
	default:
		return UI_PASS;
	}
}

/* What the list does not know (q, ?, E...) goes back to the loop. */
/* T, and what only the timeline view's lanes do (view_lanes.c). */
static enum ui_reaction
vt_lanes_action(struct app *app, enum action a)
{
	struct vt_state	*vt = vt_of(app);

	if (a == ACTION_TIMELINE_VIEW) {
		if (vt->vl == NULL)
			vt->vl = ui_lanes_new();
		vt->lanes = !vt->lanes;
		ui_message(app, false, vt->lanes ? "timeline view (T: the "
		    "list; L: lanes; Left/Right: pan)" : "list view");
		return UI_REDRAW;
	}
	if (vt->lanes && ui_lanes_action(app, vt->vl, a) != UI_NOTHING)
		return UI_REDRAW;
	return UI_PASS;
}

static enum ui_reaction
vt_action(struct app *app, enum action a)
{
	struct vt_state		*vt = vt_of(app);
	enum ui_reaction	 r;

	if (vt->detail_focus && vt_scroll_detail(app, a) == UI_REDRAW)
		return UI_REDRAW;
	if ((action_info(a)->flags & ACTION_F_EDITS) && ui_loading(app, NULL)) {
		ui_message(app, true, "still loading: edits wait for the whole "
		    "file");
		return UI_REDRAW;
	}
	if ((r = vt_lanes_action(app, a)) != UI_PASS ||
	    (r = vt_edit_action(app, a)) != UI_PASS ||
	    (r = vt_list_action(app, a)) != UI_PASS ||
	    (r = ui_reporter_action(app, a)) != UI_PASS ||
	    (r = ui_changes_action(app, a)) != UI_PASS)
		return r;
	return ui_find_action(app, a);
}

static enum ui_reaction
vt_click(struct app *app, int y, int x)
{
	struct vt_state	*vt = vt_of(app);

	if (vt->lanes && y >= vt->list_y && y < vt->list_y + vt->list_h)
		return vt_moved(app, ui_lanes_click(app, vt->vl, y, x) ==
		    UI_REDRAW);
	if (y >= vt->list_y && y < vt->list_y + vt->list_h) {
		size_t row = app->br.top + (size_t)(y - vt->list_y);

		if (row < app->br.nshown)
			return vt_moved(app, browse_move_to(&app->br, row));
	}
	if (y >= vt->detail_y && y < vt->detail_y + vt->detail_h) {
		vt->detail_focus = true;
		return UI_REDRAW;
	}
	return UI_NOTHING;
}

/* Where the ruler, the list and the detail pane go. */
static void
vt_layout(struct app *app)
{
	struct vt_state	*vt = vt_of(app);
	int		 avail;

	vt->ruler_y = 1;
	vt->ruler_h = app->rows >= 14 ? 3 : app->rows >= 8 ? 1 : 0;
	vt->list_y = 1 + vt->ruler_h;
	avail = app->rows - vt->list_y - 1;
	if (avail < 1)
		avail = 1;
	vt->detail_h = 0;
	if (vt->detail && avail >= 4) {
		vt->detail_h = avail * 2 / 5 < 3 ? 3 : avail * 2 / 5;
		if (app->rows >= 30)
			vt->detail_h = avail / 2;
	}
	vt->list_h = avail - vt->detail_h;
	vt->detail_y = vt->list_y + vt->list_h;
}

/* Another event, or other events: the detail from its top. */
static void
vt_reset(struct app *app)
{
	vt_of(app)->detail_top = 0;
}

static void
vt_hint(struct app *app, struct buf *b)
{
	if (vt_of(app)->lanes)
		buf_printf(b, "T list  L lanes  z/Z zoom: %s  Left/Right pan  "
		    "? help", ruler_zoom_name(vt_of(app)->zoom));
	else
		buf_printf(b, "? help  q quit  / search  f filter  z/Z zoom: "
		    "%s  Enter details", ruler_zoom_name(vt_of(app)->zoom));
}

static void
vt_free(void *priv)
{
	struct vt_state	*vt = priv;

	free(vt->density.counts);
	ui_lanes_free(vt->vl);
}

const struct view_ops view_timeline_ops = {
	.name = "timeline",
	.private_size = sizeof(struct vt_state),
	.free_private = vt_free,
	.reset = vt_reset,
	.layout = vt_layout,
	.draw = vt_draw,
	.action = vt_action,
	.click = vt_click,
	.hint = vt_hint,
	.position = true,
};
