/* SPDX-License-Identifier: MIT */
/*
 * The related links of the cursor's event: 'r' follows the only one at
 * once, and with more than one opens this chooser -- a row per link with
 * the relation's kind when the event states any ("contradicts"), the
 * linked event's date, status and title (or that its id is not
 * loaded); j/k choose, Enter or r follows, q or Esc goes back.  The links
 * are always the current event's: the cursor cannot move while the
 * chooser is open, and it opens on its first row.
 */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "ui.h"

/* The chooser's own state. */
struct vr_state {
	size_t	row;		/* the link selected */
};

static struct vr_state *
vr_of(const struct app *app)
{
	return ui_view_private(app, UI_VIEW_RELATED);
}

/* Follow link n of the cursor's event and say where it went. */
static enum ui_reaction
vr_follow(struct app *app, size_t n)
{
	const struct tl_event	*e = browse_current(&app->br);
	bool			 unfiltered;

	ui_view_show(app, UI_VIEW_TIMELINE);
	if (e == NULL || n >= e->nrelated)
		return UI_REDRAW;
	if (!browse_follow(&app->br, n, &unfiltered)) {
		ui_message(app, true, "related id '%s' is not loaded",
		    e->related[n].text);
		return UI_REDRAW;
	}
	if (e->nrelated > 1)
		ui_message(app, false, "related %zu of %u%s; < goes back",
		    n + 1, (unsigned)e->nrelated,
		    unfiltered ? " (filter cleared)" : "");
	else
		ui_message(app, false, "related event%s; < goes back",
		    unfiltered ? " (filter cleared)" : "");
	ui_views_reset(app);
	return UI_REDRAW;
}

void
ui_related_open(struct app *app)
{
	const struct tl_event	*e = browse_current(&app->br);

	if (e == NULL || e->nrelated == 0) {
		ui_message(app, true, "no related events");
		return;
	}
	if (e->nrelated == 1) {
		(void)vr_follow(app, 0);
		return;
	}
	ui_view_show(app, UI_VIEW_RELATED);
}

/* The first row shown, of h, keeping the selected one in sight. */
static size_t
vr_top(const struct app *app, size_t h)
{
	size_t	row = vr_of(app)->row;

	return row >= h ? row - h + 1 : 0;
}

/* Width of the kind column ("contradicts"). */
#define VR_KIND_W	11

/* Does e state a relation's kind for any of its links? */
static bool
vr_has_kinds(const struct tl_event *e)
{
	uint32_t	i;

	for (i = 0; i < e->nrelated; i++)
		if (e->related[i].rel != TL_REL_NONE)
			return true;
	return false;
}

/* One link's row: "2  24 February 2022  confirmed  Russia launches ...",
 * with "contradicts" after the number when e states kinds. */
static void
vr_draw_row(struct app *app, int y, const struct tl_event *e, size_t n)
{
	const struct tl_event	*to = timeline_find_id(&app->tl,
				    e->related[n].text);
	bool			 sel = n == vr_of(app)->row;
	const char		*status;
	char			 num[24];
	int			 x, len;

	attrset(sel ? A_REVERSE | A_BOLD : A_NORMAL);
	ui_blank(y, 0, app->cols);
	len = snprintf(num, sizeof num, " %zu", n + 1);
	x = ui_put(y, 0, num, (size_t)len, app->cols, false) + 2;
	if (vr_has_kinds(e) && x < app->cols) {
		const char *kind = e->related[n].rel != TL_REL_NONE ?
		    tl_rel_name((enum tl_rel)e->related[n].rel) : "related";

		x += ui_put(y, x, kind, strlen(kind), VR_KIND_W, true) + 2;
	}
	if (to == NULL) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "%s (not loaded)", e->related[n].text);
		ui_put(y, x, b.data, b.len, app->cols - x, false);
		buf_free(&b);
		attrset(A_NORMAL);
		return;
	}
	x += ui_put(y, x, to->date_text, strlen(to->date_text),
	    (int)app->datew, true) + 2;
	status = tl_status_name(to->status);
	if (!sel)
		attrset(ui_status_attr(app, to->status));
	x += ui_put(y, x, status, strlen(status), 9, true) + 2;
	attrset(sel ? A_REVERSE | A_BOLD : A_NORMAL);
	if (x < app->cols)
		ui_put(y, x, to->title, strlen(to->title), app->cols - x,
		    false);
	attrset(A_NORMAL);
}

static void
vr_draw(struct app *app)
{
	const struct tl_event	*e = browse_current(&app->br);
	struct buf		 b = BUF_INIT;
	size_t			 n, top, h;
	int			 y;

	if (e == NULL)
		return;
	buf_printf(&b, " Related to: %s · Enter follows · q: back",
	    e->title);
	attrset(ui_attr(app, UI_COLOR_HEADER));
	ui_put(0, 0, b.data, b.len, app->cols, true);
	attrset(A_NORMAL);
	buf_free(&b);
	h = app->rows > 3 ? (size_t)app->rows - 3 : 1;
	top = vr_top(app, h);
	for (n = top, y = 2; n < e->nrelated && n < top + h; n++, y++)
		vr_draw_row(app, y, e, n);
}

static enum ui_reaction
vr_action(struct app *app, enum action a)
{
	const struct tl_event	*e = browse_current(&app->br);
	size_t			*row = &vr_of(app)->row;

	if (a == ACTION_DETAIL || a == ACTION_FOLLOW)
		return vr_follow(app, *row);
	return ui_chooser_action(app, row, e != NULL ? e->nrelated : 0, a);
}

/* A click on a link's row follows it. */
static enum ui_reaction
vr_click(struct app *app, int y, int x)
{
	const struct tl_event	*e = browse_current(&app->br);
	size_t			 h = app->rows > 3 ? (size_t)app->rows - 3 : 1;
	size_t			 top, n;

	(void)x;
	if (e == NULL || y < 2)
		return UI_NOTHING;
	top = vr_top(app, h);
	n = top + (size_t)(y - 2);
	if (n >= e->nrelated)
		return UI_NOTHING;
	return vr_follow(app, n);
}

/* Opened on its first row. */
static void
vr_enter(struct app *app)
{
	vr_of(app)->row = 0;
}

static void
vr_hint(struct app *app, struct buf *b)
{
	(void)app;
	buf_adds(b, "j/k choose  Enter or r follows  q back to the list");
}

const struct view_ops view_related_ops = {
	.name = "related",
	.private_size = sizeof(struct vr_state),
	.enter = vr_enter,
	.draw = vr_draw,
	.action = vr_action,
	.click = vr_click,
	.hint = vr_hint,
};
