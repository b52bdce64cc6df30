/* SPDX-License-Identifier: MIT */
/*
 * The status line: the message, and the prompts (search, filter as you
 * type, go to, note, and the one-key questions); see ui.h.
 */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
};

void
ui_prompt_open(struct app *app, enum ui_prompt_kind kind)
{
	app->prompt = kind;
	free(app->prompt_error);
	app->prompt_error = NULL;
	free(app->filter_before);
	app->filter_before = NULL;
	if (kind == UI_PROMPT_FILTER) {
		if (app->br.filter_text != NULL)
			app->filter_before = xstrdup(app->br.filter_text);
		lineedit_start(&app->edit[kind], app->br.filter_text);
	} else
		lineedit_start(&app->edit[kind], NULL);
	if (kind != UI_PROMPT_CONFIRM && kind != UI_PROMPT_EDIT_AGAIN)
		curs_set(1);
}

static void
ui_prompt_close(struct app *app)
{
	app->prompt = UI_PROMPT_NONE;
	free(app->prompt_error);
	app->prompt_error = NULL;
	curs_set(0);
}

/*
 * Filter as you type: apply every change that parses, for at most
 * UI_FILTER_SLICE_MS before the screen shows what passed so far; the rest
 * is tested between keystrokes (ui_loop), so that typing never waits for a
 * big timeline.  Key scripts apply each filter whole, for screens that do
 * not depend on timing.
 */
#define UI_FILTER_STEP		2048	/* events between looks at the clock */

static double
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

/* Back to the filter in force when the prompt opened (a query typed
 * meanwhile was rejected: no half-typed prefix of it stays applied). */
static void
ui_filter_restore(struct app *app)
{
	const char	*now = app->br.filter_text;
	const char	*before = app->filter_before;
	char		*err = NULL;

	if (now == before || (now != NULL && before != NULL &&
	    strcmp(now, before) == 0))
		return;
	if (browse_filter_begin(&app->br, before, &err, NULL))
		ui_filter_work(app, UI_FILTER_SLICE_MS);
	free(err);
}

static void
ui_filter_live(struct app *app)
{
	char	*err = NULL;
	size_t	 col = 0;

	free(app->prompt_error);
	app->prompt_error = NULL;
	if (!browse_filter_begin(&app->br, lineedit_text(&app->edit[
	    UI_PROMPT_FILTER]), &err, &col)) {
		app->prompt_error = xasprintf("column %zu: %s", col + 1, err);
		free(err);
		ui_filter_restore(app);
	} else
		ui_filter_work(app, UI_FILTER_SLICE_MS);
	app->detail_top = 0;
}

static void
ui_search(struct app *app, const char *term, int dir)
{
	bool	wrapped;

	if (*term == '\0' && app->br.search != NULL) {
		/* An empty search repeats the last one, as in less. */
		if (!browse_search_next(&app->br, dir, &wrapped))
			ui_message(app, true, "no match");
		return;
	}
	if (!browse_search(&app->br, term, dir, &wrapped))
		ui_message(app, true, "not found: %s", term);
	else if (wrapped)
		ui_message(app, false, "search wrapped around");
}

/* Where a go to landed when no shown event is in the date asked for. */
static void
ui_goto_say(struct app *app, const char *text, const struct date_range *r)
{
	const struct tl_event	*e = browse_current(&app->br);

	if (e == NULL || (e->date.earliest <= r->latest &&
	    tl_event_latest(e) >= r->earliest))
		return;
	if (e->date.earliest < r->earliest)
		ui_message(app, false, "no event shown is as late as %s: went "
		    "to the last, %s", text, e->date_text);
	else if (app->br.cursor == 0)
		ui_message(app, false, "no event shown is as early as %s: went "
		    "to the first, %s", text, e->date_text);
	else
		ui_message(app, false, "no event shown in %s: went to the "
		    "next, %s", text, e->date_text);
}

static void
ui_goto(struct app *app, const char *text)
{
	struct date_range	 r;
	char			*err = NULL;

	if (!date_parse(text, strlen(text), 0, &r, &err, NULL)) {
		ui_message(app, true, "%s", err);
		free(err);
		return;
	}
	if (!browse_goto_date(&app->br, &r)) {
		ui_message(app, true, "no events shown");
		return;
	}
	ui_goto_say(app, text, &r);
}

static void
ui_prompt_accept(struct app *app)
{
	enum ui_prompt_kind	 kind = app->prompt;
	char			*text = xstrdup(lineedit_text(&app->edit[kind]));

	lineedit_remember(&app->edit[kind], text);
	ui_prompt_close(app);
	switch (kind) {
	case UI_PROMPT_SEARCH:
		ui_search(app, text, 1);
		break;
	case UI_PROMPT_FILTER: {
		char	*err = NULL;
		size_t	 col = 0;

		/* Typed and applied already (maybe still being tested). */
		if (app->br.filter_text != NULL &&
		    strcmp(app->br.filter_text, text) == 0)
			break;
		if (!browse_set_filter(&app->br, text, &err, &col)) {
			ui_message(app, true, "filter not applied: column %zu: "
			    "%s", col + 1, err);
			free(err);
			ui_filter_restore(app);
		}
		break;
	}
	case UI_PROMPT_GOTO:
		ui_goto(app, text);
		break;
	case UI_PROMPT_NOTE:
		ui_edit_note(app, text);
		break;
	default:
		break;
	}
	free(text);
}

static void
ui_prompt_cancel(struct app *app)
{
	if (app->prompt == UI_PROMPT_FILTER) {
		char *err = NULL;

		browse_set_filter(&app->br, app->filter_before, &err, NULL);
		free(err);
	}
	ui_prompt_close(app);
}

/* The one-key questions: delete (y/n) and invalid editor text (e/d). */
static enum ui_reaction
ui_answer(struct app *app, int32_t key)
{
	if (app->prompt == UI_PROMPT_CONFIRM) {
		ui_prompt_close(app);
		if (key == 'y' || key == 'Y')
			ui_edit_delete(app);
		else
			ui_message(app, false, "not deleted");
	} else if (key == 'e' || key == 'E')
		ui_edit_again(app, true);
	else if (key == 'd' || key == 'D' || key == KEYC_ESC)
		ui_edit_again(app, false);
	return UI_RELAYOUT;
}

enum ui_reaction
ui_prompt_key(struct app *app, int32_t key)
{
	if (app->prompt == UI_PROMPT_CONFIRM ||
	    app->prompt == UI_PROMPT_EDIT_AGAIN)
		return ui_answer(app, key);
	switch (lineedit_key(&app->edit[app->prompt], key)) {
	case LINEEDIT_ACCEPT:
		ui_prompt_accept(app);
		return UI_REDRAW;
	case LINEEDIT_CANCEL:
		ui_prompt_cancel(app);
		return UI_REDRAW;
	case LINEEDIT_CHANGED:
		if (app->prompt == UI_PROMPT_FILTER)
			ui_filter_live(app);
		return UI_REDRAW;
	default:
		return UI_REDRAW;
	}
}

/* "row/count" at the right end of the status line, as less shows. */
static void
ui_draw_position(const struct app *app, int y)
{
	char	pos[48];
	int	len;

	if (app->view != &view_timeline_ops || app->br.nshown == 0)
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
	if (app->prompt == UI_PROMPT_CONFIRM ||
	    app->prompt == UI_PROMPT_EDIT_AGAIN) {
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
	text = app->view == &view_related_ops ?
	    "j/k choose  Enter or r follows  q back to the list" :
	    app->view == &view_diag_ops ?
	    "j/k choose  Enter opens it in the editor  q back to the list" :
	    app->view != &view_timeline_ops ?
	    "q back to the list  j/k scroll  Space/b page" : NULL;
	attrset(A_DIM);
	if (text != NULL)
		ui_put(y, 0, text, strlen(text), app->cols - 12, false);
	else {
		char *hint = xasprintf("? help  q quit  / search  f filter  "
		    "z/Z zoom: %s  Enter details", ruler_zoom_name(app->zoom));

		ui_put(y, 0, hint, strlen(hint), app->cols - 12, false);
		free(hint);
	}
	attrset(A_NORMAL);
	ui_draw_position(app, y);
}
