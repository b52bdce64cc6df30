/* SPDX-License-Identifier: MIT */
/*
 * Finding events: search (and n/N), filter as you type (and F), go to a
 * date; see ui.h.  What the prompt does is given here, as its hooks: the prompt
 * (ui_prompt.c) knows nothing of it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "xmalloc.h"

/* Back to the filter in force when the prompt opened (a query typed
 * meanwhile was rejected: no half-typed prefix of it stays applied). */
static void
ui_filter_restore(struct app *app, const char *before)
{
	const char	*now = app->br.filter_text;
	char		*err = NULL;

	if (now == before || (now != NULL && before != NULL &&
	    strcmp(now, before) == 0))
		return;
	if (browse_filter_begin(&app->br, before, &err, NULL))
		ui_filter_work(app, UI_FILTER_SLICE_MS);
	free(err);
}

/* Filter as you type (see ui_filter_work); ctx: the filter before. */
static void
ui_filter_live(struct app *app, const char *text, void *ctx)
{
	char	*err = NULL, *msg;
	size_t	 col = 0;

	ui_prompt_set_error(app, NULL);
	if (!browse_filter_begin(&app->br, text, &err, &col)) {
		msg = xasprintf("column %zu: %s", col + 1, err);
		ui_prompt_set_error(app, msg);
		free(msg);
		free(err);
		ui_filter_restore(app, ctx);
	} else
		ui_filter_work(app, UI_FILTER_SLICE_MS);
	ui_views_reset(app);
}

static void
ui_filter_accept(struct app *app, const char *text, void *ctx)
{
	char	*err = NULL;
	size_t	 col = 0;

	/* Typed and applied already (maybe still being tested). */
	if ((app->br.filter_text == NULL ||
	    strcmp(app->br.filter_text, text) != 0) &&
	    !browse_set_filter(&app->br, text, &err, &col)) {
		ui_message(app, true, "filter not applied: column %zu: %s",
		    col + 1, err);
		free(err);
		ui_filter_restore(app, ctx);
		return;
	}
	ui_changes_explain(app);
}

static void
ui_filter_cancel(struct app *app, void *ctx)
{
	char	*err = NULL;

	browse_set_filter(&app->br, ctx, &err, NULL);
	free(err);
}

static void
ui_search(struct app *app, const char *term, void *ctx)
{
	const int	dir = 1;
	bool		wrapped;

	(void)ctx;
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
ui_goto(struct app *app, const char *text, void *ctx)
{
	struct date_range	 r;
	char			*err = NULL;

	(void)ctx;
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


void
ui_find_open(struct app *app, enum ui_prompt_kind kind)
{
	struct ui_prompt_hooks	h;

	memset(&h, 0, sizeof h);
	switch (kind) {
	case UI_PROMPT_SEARCH:
		h.accept = ui_search;
		break;
	case UI_PROMPT_GOTO:
		h.accept = ui_goto;
		break;
	case UI_PROMPT_FILTER:
		h.accept = ui_filter_accept;
		h.change = ui_filter_live;
		h.cancel = ui_filter_cancel;
		h.done = free;
		h.ctx = app->br.filter_text != NULL ?
		    xstrdup(app->br.filter_text) : NULL;
		ui_prompt_open(app, kind, app->br.filter_text, &h);
		return;
	default:
		return;
	}
	ui_prompt_open(app, kind, NULL, &h);
}

/* n, N: the next match of the last search, either way. */
static enum ui_reaction
ui_find_next(struct app *app, int dir)
{
	bool	wrapped;

	if (app->br.search == NULL) {
		ui_message(app, true, "no search yet: / searches");
		return UI_REDRAW;
	}
	if (!browse_search_next(&app->br, dir, &wrapped))
		ui_message(app, true, "no match");
	else if (wrapped)
		ui_message(app, false, "search wrapped around");
	ui_views_reset(app);
	return UI_REDRAW;
}

enum ui_reaction
ui_find_action(struct app *app, enum action a)
{
	char	*err = NULL;

	switch (a) {
	case ACTION_SEARCH:
		ui_find_open(app, UI_PROMPT_SEARCH);
		return UI_REDRAW;
	case ACTION_FILTER:
		ui_find_open(app, UI_PROMPT_FILTER);
		return UI_REDRAW;
	case ACTION_GOTO_DATE:
		ui_find_open(app, UI_PROMPT_GOTO);
		return UI_REDRAW;
	case ACTION_NEXT_MATCH:
	case ACTION_PREV_MATCH:
		return ui_find_next(app, a == ACTION_NEXT_MATCH ? 1 : -1);
	case ACTION_CLEAR_FILTER:
		browse_set_filter(&app->br, NULL, &err, NULL);
		free(err);
		ui_message(app, false, "filter cleared");
		return UI_REDRAW;
	default:
		return UI_PASS;
	}
}
