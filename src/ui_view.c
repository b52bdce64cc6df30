/* SPDX-License-Identifier: MIT */
/*
 * The views' registry: which is shown, their own state, and the whole
 * screen drawn; see ui.h.  The views' tables are given by ui.c (ui_run):
 * nothing here names a view.
 */
#include "config.h"

#include <curses.h>
#include <stdint.h>

#include "ui.h"

void
ui_view_show(struct app *app, enum ui_view_id id)
{
	app->view_id = id;
	app->view = app->views[id].ops;
	if (app->view->enter != NULL)
		app->view->enter(app);
}

void *
ui_view_private(const struct app *app, enum ui_view_id id)
{
	return app->views[id].priv;
}

void
ui_views_reset(struct app *app)
{
	int	i;

	for (i = 0; i < UI_VIEW_COUNT; i++)
		if (app->views[i].ops != NULL && app->views[i].ops->reset != NULL)
			app->views[i].ops->reset(app);
}

void
ui_draw(struct app *app)
{
	erase();
	attrset(A_NORMAL);
	if (app->rows < 2 || app->cols < 10) {
		ui_put(0, 0, "(too small)", 11, app->cols, false);
		refresh();
		return;
	}
	app->view->draw(app);
	ui_draw_status(app);
	refresh();
}

enum ui_reaction
ui_chooser_action(struct app *app, size_t *row, size_t n, enum action a)
{
	size_t	last = n > 0 ? n - 1 : 0;

	switch (a) {
	case ACTION_MOVE_DOWN:
		*row += *row < last;
		break;
	case ACTION_MOVE_UP:
		*row -= *row > 0;
		break;
	case ACTION_MOVE_FIRST:
	case ACTION_PAGE_UP:
		*row = 0;
		break;
	case ACTION_MOVE_LAST:
	case ACTION_PAGE_DOWN:
		*row = last;
		break;
	case ACTION_BACK:
		ui_view_show(app, UI_VIEW_TIMELINE);
		break;
	case ACTION_HELP:
	case ACTION_DIAGNOSTICS:
		return UI_NOTHING;
	default:
		return UI_PASS;
	}
	return UI_REDRAW;
}

bool
ui_scroll(size_t *top, size_t page, enum action a, bool to_end)
{
	switch (a) {
	case ACTION_MOVE_DOWN:
		(*top)++;
		return true;
	case ACTION_MOVE_UP:
		*top -= *top > 0;
		return true;
	case ACTION_PAGE_DOWN:
		*top += page;
		return true;
	case ACTION_PAGE_UP:
		*top = *top > page ? *top - page : 0;
		return true;
	case ACTION_MOVE_FIRST:
		*top = 0;
		return true;
	case ACTION_MOVE_LAST:
		if (!to_end)
			return false;
		*top = SIZE_MAX / 2;	/* the drawing brings it back */
		return true;
	default:
		return false;
	}
}
