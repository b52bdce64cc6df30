/* SPDX-License-Identifier: MIT */
/*
 * The sources of the cursor's event that have a URL, for 'o' when there
 * are several: a row per source with its outlet, date and URL; j/k
 * choose, Enter or o opens it in the browser (ui_reporter_open_url), q or
 * Esc goes back.  The cursor cannot move while the chooser is open, so
 * the sources are always the current event's; it opens on its first row.
 */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "buf.h"
#include "ui.h"

struct vs_state {
	size_t	row;		/* among the sources with a URL */
};

static struct vs_state *
vs_of(const struct app *app)
{
	return ui_view_private(app, UI_VIEW_SOURCES);
}

/* The n-th source with a URL of e, or NULL; *count: how many there are. */
static const struct tl_source *
vs_source(const struct tl_event *e, size_t n, size_t *count)
{
	const struct tl_source	*found = NULL;
	uint32_t		 i;
	size_t			 k = 0;

	for (i = 0; e != NULL && i < e->nsources; i++) {
		if (e->sources[i].url == NULL)
			continue;
		if (k++ == n)
			found = &e->sources[i];
	}
	if (count != NULL)
		*count = k;
	return found;
}

static void
vs_enter(struct app *app)
{
	vs_of(app)->row = 0;
}

/* " 2  TASS  2024-10-25  https://tass.com/..." */
static void
vs_draw_row(struct app *app, int y, const struct tl_source *s, size_t n,
    bool sel)
{
	struct buf	b = BUF_INIT;

	attrset(sel ? A_REVERSE | A_BOLD : A_NORMAL);
	ui_blank(y, 0, app->cols);
	buf_printf(&b, " %zu  ", n + 1);
	if (s->outlet != NULL)
		buf_printf(&b, "%s  ", s->outlet);
	if (s->date_text != NULL)
		buf_printf(&b, "%s  ", s->date_text);
	buf_adds(&b, s->url);
	ui_put(y, 0, b.data, b.len, app->cols, false);
	attrset(A_NORMAL);
	buf_free(&b);
}

static void
vs_draw(struct app *app)
{
	const struct tl_event	*e = browse_current(&app->br);
	const struct tl_source	*s;
	struct vs_state		*vs = vs_of(app);
	struct buf		 b = BUF_INIT;
	size_t			 n, count, top, h;
	int			 y;

	if (e == NULL)
		return;
	buf_printf(&b, " Sources of: %s · Enter opens · q: back", e->title);
	attrset(ui_attr(app, UI_COLOR_HEADER));
	ui_put(0, 0, b.data, b.len, app->cols, true);
	attrset(A_NORMAL);
	buf_free(&b);
	vs_source(e, 0, &count);
	h = app->rows > 3 ? (size_t)app->rows - 3 : 1;
	top = vs->row >= h ? vs->row - h + 1 : 0;
	for (n = top, y = 2; n < count && n < top + h; n++, y++)
		if ((s = vs_source(e, n, NULL)) != NULL)
			vs_draw_row(app, y, s, n, n == vs->row);
}

static enum ui_reaction
vs_open(struct app *app, size_t n)
{
	const struct tl_source	*s = vs_source(browse_current(&app->br), n,
				    NULL);

	ui_view_show(app, UI_VIEW_TIMELINE);
	if (s != NULL)
		ui_reporter_open_url(app, s->url);
	return UI_REDRAW;
}

static enum ui_reaction
vs_action(struct app *app, enum action a)
{
	struct vs_state	*vs = vs_of(app);
	size_t		 count;

	if (a == ACTION_DETAIL || a == ACTION_OPEN_SOURCE)
		return vs_open(app, vs->row);
	vs_source(browse_current(&app->br), 0, &count);
	return ui_chooser_action(app, &vs->row, count, a);
}

static enum ui_reaction
vs_click(struct app *app, int y, int x)
{
	struct vs_state	*vs = vs_of(app);
	size_t		 h = app->rows > 3 ? (size_t)app->rows - 3 : 1;
	size_t		 top, n, count;

	(void)x;
	vs_source(browse_current(&app->br), 0, &count);
	if (y < 2)
		return UI_NOTHING;
	top = vs->row >= h ? vs->row - h + 1 : 0;
	n = top + (size_t)(y - 2);
	return n < count ? vs_open(app, n) : UI_NOTHING;
}

static void
vs_hint(struct app *app, struct buf *b)
{
	(void)app;
	buf_adds(b, "j/k choose  Enter or o opens  q back to the list");
}

/* The events changed under the views: so did the marks' flags. */
static void
vs_reset(struct app *app)
{
	ui_reporter_reset(app);
}

const struct view_ops view_sources_ops = {
	.name = "sources",
	.private_size = sizeof(struct vs_state),
	.enter = vs_enter,
	.reset = vs_reset,
	.draw = vs_draw,
	.action = vs_action,
	.click = vs_click,
	.hint = vs_hint,
};
