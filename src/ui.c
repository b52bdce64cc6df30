/* SPDX-License-Identifier: MIT */
/*
 * The viewer's main loop, its layout and the keys' way to the views; see
 * ui.h.
 *
 * Every second without a key, the loaded files are checked; a file changed
 * on disk is reloaded and the cursor stays on the same event id.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ui.h"
#include "xmalloc.h"

/* The views, by id (see ui.h): the one place that names their tables. */
static const struct view_ops *const ui_views[UI_VIEW_COUNT] = {
	[UI_VIEW_TIMELINE] = &view_timeline_ops,
	[UI_VIEW_HELP] = &view_help_ops,
	[UI_VIEW_DIAG] = &view_diag_ops,
	[UI_VIEW_RELATED] = &view_related_ops,
	[UI_VIEW_SOURCES] = &view_sources_ops,
};

static void
ui_views_init(struct app *app)
{
	int	i;

	for (i = 0; i < UI_VIEW_COUNT; i++) {
		app->views[i].ops = ui_views[i];
		app->views[i].priv = ui_views[i]->private_size > 0 ?
		    xcalloc(1, ui_views[i]->private_size) : NULL;
	}
	app->view_id = UI_VIEW_TIMELINE;
	app->view = app->views[UI_VIEW_TIMELINE].ops;
}

static void
ui_views_free(struct app *app)
{
	int	i;

	for (i = 0; i < UI_VIEW_COUNT; i++) {
		if (app->views[i].ops->free_private != NULL)
			app->views[i].ops->free_private(app->views[i].priv);
		free(app->views[i].priv);
	}
}

void
ui_layout(struct app *app)
{
	int	i;

	getmaxyx(stdscr, app->rows, app->cols);
	for (i = 0; i < UI_VIEW_COUNT; i++)
		if (app->views[i].ops->layout != NULL)
			app->views[i].ops->layout(app);
}

/*
 * An action to the current view, and what it passes on to what every view
 * shares: q quits from the list and goes back to it from elsewhere; ? and
 * E open the help and the problems from the list, and go back to it from
 * anywhere else.
 */
static enum ui_reaction
ui_act(struct app *app, enum action a)
{
	enum ui_reaction	r = app->view->action(app, a);
	bool			list = app->view_id == UI_VIEW_TIMELINE;

	if (r != UI_PASS)
		return r;
	switch (a) {
	case ACTION_QUIT:
		if (list) {
			app->quit = true;
			return UI_NOTHING;
		}
		ui_view_show(app, UI_VIEW_TIMELINE);
		return UI_REDRAW;
	case ACTION_HELP:
	case ACTION_DIAGNOSTICS:
		ui_view_show(app, !list ? UI_VIEW_TIMELINE :
		    a == ACTION_HELP ? UI_VIEW_HELP : UI_VIEW_DIAG);
		return UI_REDRAW;
	default:
		return UI_NOTHING;
	}
}

static enum ui_reaction
ui_mouse(struct app *app)
{
	MEVENT	ev;

	if (getmouse(&ev) != OK)
		return UI_NOTHING;
	if (ev.bstate & BUTTON4_PRESSED)
		return ui_act(app, ACTION_MOVE_UP);
	if (ev.bstate & BUTTON5_PRESSED)
		return ui_act(app, ACTION_MOVE_DOWN);
	if ((ev.bstate & BUTTON1_PRESSED) && app->view->click != NULL)
		return app->view->click(app, ev.y, ev.x);
	return UI_NOTHING;
}

static enum ui_reaction
ui_key(struct app *app, int32_t key)
{
	enum action	a;

	if (key == KEYC_RESIZE)
		return UI_RELAYOUT;
	/* A prompt as you type (the filter) takes every key. */
	if (app->prompt != UI_PROMPT_NONE && app->prompt_hooks.change != NULL)
		return ui_prompt_key(app, key);
	/* Anything else works on the whole result of a filter being
	 * typed (q does not wait for it). */
	if (key == KEYC_MOUSE) {
		browse_filter_finish(&app->br);
		return ui_mouse(app);
	}
	if (app->prompt != UI_PROMPT_NONE) {
		browse_filter_finish(&app->br);
		return ui_prompt_key(app, key);
	}
	free(app->message);
	app->message = NULL;
	if ((a = keymap_lookup(&app->keys, key)) == ACTION_NONE) {
		if (key == KEYC_ESC && app->view_id != UI_VIEW_TIMELINE)
			a = ACTION_QUIT;
		else
			return UI_REDRAW;
	}
	if (a != ACTION_QUIT)
		browse_filter_finish(&app->br);
	if (a == ACTION_REDRAW) {
		clearok(curscr, TRUE);
		return UI_RELAYOUT;
	}
	return ui_act(app, a);
}

/* Run a script command. */
static void
ui_command(struct app *app, const char *cmd)
{
	int	cols, rows;

	if (strncmp(cmd, "save-screen ", 12) == 0) {
		ui_draw(app);
		ui_save_screen(app, cmd + 12);
	} else if (strcmp(cmd, "poll") == 0) {
		/* What a second without a key does (tests only). */
		if (ui_files_changed(app))
			ui_reload(app);
	} else if (strncmp(cmd, "sh ", 3) == 0) {
		/* Another program at work meanwhile (tests only). */
		if (system(cmd + 3) != 0)
			fatal("TLV_SCRIPT: '%s' failed", cmd + 3);
	} else if (sscanf(cmd, "resize %dx%d", &cols, &rows) == 2 &&
	    cols > 0 && rows > 0) {
		resizeterm(rows, cols);
		ui_layout(app);
	} else if (sscanf(cmd, "click %d %d", &rows, &cols) == 2 &&
	    app->view->click != NULL)
		/* A mouse click at row, column (tests only). */
		app->view->click(app, rows, cols);
}

/* The next key; KEYC_NONE on a timeout (or a script command done). */
static int32_t
ui_next_key(struct app *app)
{
	const char	*command;
	int32_t		 key;

	if (app->script == NULL)
		return ui_read_key();
	if (!ui_script_next(app->steps, &key, &command)) {
		app->quit = true;
		return KEYC_NONE;
	}
	if (command != NULL) {
		ui_command(app, command);
		return KEYC_NONE;
	}
	return key;
}

static void
ui_loop(struct app *app)
{
	enum ui_reaction	r = UI_RELAYOUT;
	int32_t			key;

	while (!app->quit && ui_signal() == 0) {
		/* A save written: the timeline changed (ui_edit.c).  While
		 * one is, nothing else changes the timeline. */
		if (ui_edit_poll(app, false))
			r = UI_RELAYOUT;
		if (app->saving == NULL && ui_changes_poll(app) &&
		    r == UI_NOTHING)
			r = UI_REDRAW;	/* the marks came */
		if (r == UI_RELAYOUT)
			ui_layout(app);
		if (r != UI_NOTHING)
			ui_draw(app);
		/* A filter still being tested: look for a key without
		 * waiting, and go on testing while there is none.  A file
		 * loading: look at it often. */
		timeout(browse_filtering(&app->br) ? 0 : app->loader != NULL ?
		    UI_LOAD_FRAME_MS : app->saving != NULL ?
		    UI_SAVE_POLL_MS : UI_POLL_MS);
		key = ui_next_key(app);
		if (ui_load_poll(app)) {
			r = UI_RELAYOUT;
			if (key == KEYC_NONE)
				continue;
		} else if (app->loader != NULL && key == KEYC_NONE) {
			r = UI_REDRAW;	/* how far it got */
			continue;
		}
		if (key == KEYC_NONE && browse_filtering(&app->br)) {
			ui_filter_work(app, UI_FILTER_SLICE_MS * 4);
			r = UI_REDRAW;
			continue;
		}
		if (key == KEYC_NONE) {
			r = UI_NOTHING;
			if (app->script == NULL && app->saving ==
			    NULL && ui_files_changed(app)) {
				ui_reload(app);
				r = UI_REDRAW;
			} else if (app->script == NULL)
				(void)ui_changes_watch(app);
			continue;
		}
		r = ui_key(app, key);
	}
}

static void
ui_free(struct app *app)
{
	ui_prompt_free(app);
	browse_free(&app->br);
	timeline_free(&app->tl);
	diag_free(&app->diags);
	keymap_free(&app->keys);
	ui_edit_free(app);
	ui_reporter_free(app);
	ui_changes_free(app);
	conf_free(&app->conf);
	diag_free(&app->conf_diags);
	free(app->stamps);
	free(app->message);
	ui_views_free(app);
}

/* The user's configuration: keys, author, default filter, colours (used
 * when the screen starts).  Problems go to the problems view. */
static void
ui_configure(struct app *app, const char *option, const char **filter)
{
	bool	 required;
	char	*path = conf_path(option, &required);

	conf_init(&app->conf);
	if (path != NULL)
		conf_load(&app->conf, path, required, &app->conf_diags);
	free(path);
	conf_apply_keys(&app->conf, &app->keys);
	app->author = app->conf.author;
	if (*filter == NULL)
		*filter = app->conf.filter;
}

int
ui_run(char **paths, size_t npaths, const char *filter, const char *config,
    const char *since)
{
	struct app	 app;
	char		*err = NULL, *saving;
	size_t		 col = 0;
	int		 status = 0;
	bool		 started;

	memset(&app, 0, sizeof app);
	app.paths = paths;
	app.npaths = npaths;
	ui_views_init(&app);
	app.script = getenv("TLV_SCRIPT");
	if (app.script != NULL && *app.script == '\0')
		app.script = NULL;
	if (app.script != NULL)
		app.steps = ui_script_load(app.script);
	keymap_init_defaults(&app.keys);
	ui_configure(&app, config, &filter);
	ui_changes_init(&app, since);
	started = ui_load_first(&app);
	browse_init(&app.br, &app.tl);
	ui_reporter_init(&app);
	if (filter != NULL && !browse_set_filter(&app.br, filter, &err, &col))
		fatal("invalid filter at column %zu: %s", col + 1, err);
	if (app.diags.errors + app.conf_diags.errors > 0)
		ui_say_errors(&app);
	if (!started)
		ui_start(&app);
	if (!app.utf8)
		ui_say_charset(&app);
	ui_loop(&app);
	saving = ui_edit_quit(&app);
	if (app.loader != NULL)
		ui_quit_loading();
	ui_end();
	if (saving != NULL) {
		cli_say(stderr, "tlv: %s", saving);
		free(saving);
		status = 1;
	}
	xmalloc_set_fatal_hook(NULL);
	if (status == 0)
		status = app.diags.errors > 0 ? 1 : 0;
	if (ui_signal() != 0)
		status = 128 + ui_signal();
	ui_free(&app);
	ui_script_free(app.steps);
	return status;
}
