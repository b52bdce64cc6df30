/* SPDX-License-Identifier: MIT */
/*
 * The status line: the message, the prompts (a line, or a one-key
 * question) and the view's key hint; see ui.h.  What a prompt does is
 * its opener's (struct ui_prompt_hooks).
 */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "export.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

void
ui_message(struct app *app, bool error, const char *fmt, ...)
{
	va_list	ap;

	free(app->message);
	va_start(ap, fmt);
	app->message = xvasprintf(fmt, ap);
	va_end(ap);
	app->message_error = error;
}

static const char *const ui_prompt_labels[UI_PROMPT_COUNT] = {
	[UI_PROMPT_SEARCH] = "/",
	[UI_PROMPT_FILTER] = "filter: ",
	[UI_PROMPT_GOTO] = "go to: ",
	[UI_PROMPT_NOTE] = "note: ",
	[UI_PROMPT_CONFIRM] = "",
	[UI_PROMPT_EDIT_AGAIN] = "",
	[UI_PROMPT_EXPORT_FORMAT] = "export as (" EXPORT_FORMAT_NAMES "): ",
	[UI_PROMPT_EXPORT_PATH] = "export to: ",
};

void
ui_prompt_open(struct app *app, enum ui_prompt_kind kind, const char *text,
    const struct ui_prompt_hooks *hooks)
{
	if (app->prompt_hooks.done != NULL)
		app->prompt_hooks.done(app->prompt_hooks.ctx);
	app->prompt = kind;
	app->prompt_hooks = *hooks;
	ui_prompt_set_error(app, NULL);
	lineedit_start(&app->edit[kind], text);
	if (hooks->answer == NULL)
		curs_set(1);
}

void
ui_prompt_close(struct app *app)
{
	struct ui_prompt_hooks	h = app->prompt_hooks;

	app->prompt = UI_PROMPT_NONE;
	memset(&app->prompt_hooks, 0, sizeof app->prompt_hooks);
	ui_prompt_set_error(app, NULL);
	curs_set(0);
	if (h.done != NULL)
		h.done(h.ctx);
}

void
ui_prompt_free(struct app *app)
{
	int	i;

	if (app->prompt_hooks.done != NULL)
		app->prompt_hooks.done(app->prompt_hooks.ctx);
	memset(&app->prompt_hooks, 0, sizeof app->prompt_hooks);
	for (i = 0; i < UI_PROMPT_COUNT; i++)
		lineedit_free(&app->edit[i]);
	free(app->prompt_error);
	app->prompt_error = NULL;
}

void
ui_prompt_set_error(struct app *app, const char *error)
{
	free(app->prompt_error);
	app->prompt_error = error != NULL ? xstrdup(error) : NULL;
}

static void
ui_prompt_accept(struct app *app)
{
	struct ui_prompt_hooks	 h = app->prompt_hooks;
	enum ui_prompt_kind	 kind = app->prompt;
	char			*text = xstrdup(lineedit_text(&app->edit[kind]));

	lineedit_remember(&app->edit[kind], text);
	app->prompt_hooks.done = NULL;	/* after accept, below */
	ui_prompt_close(app);
	if (h.accept != NULL)
		h.accept(app, text, h.ctx);
	if (h.done != NULL)
		h.done(h.ctx);
	free(text);
}

static void
ui_prompt_cancel(struct app *app)
{
	const struct ui_prompt_hooks *h = &app->prompt_hooks;

	if (h->cancel != NULL)
		h->cancel(app, h->ctx);
	ui_prompt_close(app);
}

enum ui_reaction
ui_prompt_key(struct app *app, int32_t key)
{
	const struct ui_prompt_hooks *h = &app->prompt_hooks;

	if (h->answer != NULL) {
		h->answer(app, key, h->ctx);
		return UI_RELAYOUT;
	}
	switch (lineedit_key(&app->edit[app->prompt], key)) {
	case LINEEDIT_ACCEPT:
		ui_prompt_accept(app);
		return UI_REDRAW;
	case LINEEDIT_CANCEL:
		ui_prompt_cancel(app);
		return UI_REDRAW;
	case LINEEDIT_CHANGED:
		if (h->change != NULL)
			h->change(app, lineedit_text(&app->edit[app->prompt]),
			    h->ctx);
		return UI_REDRAW;
	default:
		return UI_REDRAW;
	}
}

/*
 * Filter as you type: apply every change that parses, for at most
 * UI_FILTER_SLICE_MS before the screen shows what passed so far; the rest
 * is tested between keystrokes (ui_loop), so that typing never waits for a
 * big timeline.  Key scripts apply each filter whole, for screens that do
 * not depend on timing.
 */
#define UI_FILTER_STEP		2048	/* events between looks at the clock */

double
ui_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Test events of the filter being applied for about ms milliseconds. */
void
ui_filter_work(struct app *app, double ms)
{
	double	start = ui_now_ms();

	if (app->script != NULL) {
		browse_filter_finish(&app->br);
		return;
	}
	while (!browse_filter_run(&app->br, UI_FILTER_STEP))
		if (ui_now_ms() - start >= ms)
			break;
}

/* "row/count" at the right end of the status line, as less shows. */
static void
ui_draw_position(const struct app *app, int y)
{
	char	pos[48];
	int	len;

	if (!app->view->position || app->br.nshown == 0)
		return;
	len = snprintf(pos, sizeof pos, "%zu/%zu", app->br.cursor + 1,
	    app->br.nshown);
	if (len > 0 && len < app->cols)
		ui_put(y, app->cols - len, pos, (size_t)len, len, false);
}

/* The bottom line: the prompt, or the message, or a key hint. */
void
ui_draw_status(struct app *app)
{
	int		 y = app->rows - 1, x, w;
	const char	*label, *text;
	size_t		 cur;

	ui_blank(y, 0, app->cols);
	if (app->prompt != UI_PROMPT_NONE && app->prompt_hooks.answer != NULL) {
		attrset(ui_attr(app, UI_COLOR_ERROR));
		text = app->message != NULL ? app->message : "?";
		ui_put(y, 0, text, strlen(text), app->cols, false);
		attrset(A_NORMAL);
		return;
	}
	if (app->prompt != UI_PROMPT_NONE) {
		const struct lineedit *le = &app->edit[app->prompt];

		label = ui_prompt_labels[app->prompt];
		text = lineedit_text(le);
		x = ui_put(y, 0, label, strlen(label), app->cols, false);
		w = ui_put(y, x, text, strlen(text), app->cols - x - 1, false);
		if (app->prompt_error != NULL) {
			attrset(ui_attr(app, UI_COLOR_ERROR));
			ui_put(y, x + w + 2, app->prompt_error,
			    strlen(app->prompt_error), app->cols - x - w - 2,
			    false);
			attrset(A_NORMAL);
		}
		cur = text_width(text, le->cursor);
		move(y, x + (int)cur < app->cols ? x + (int)cur : app->cols - 1);
		return;
	}
	if (app->message != NULL) {
		if (app->message_error)
			attrset(ui_attr(app, UI_COLOR_ERROR));
		ui_put(y, 0, app->message, strlen(app->message), app->cols - 12,
		    false);
		attrset(A_NORMAL);
		ui_draw_position(app, y);
		return;
	}
	if ((text = app->saving) != NULL) {
		/* Keys clear the message; a save going on is still said. */
		ui_put(y, 0, text, strlen(text), app->cols - 12, false);
		ui_draw_position(app, y);
		return;
	}
	attrset(A_DIM);
	if (app->view->hint != NULL) {
		struct buf hint = BUF_INIT;

		app->view->hint(app, &hint);
		ui_put(y, 0, buf_str(&hint), hint.len, app->cols - 12, false);
		buf_free(&hint);
	}
	attrset(A_NORMAL);
	ui_draw_position(app, y);
}
