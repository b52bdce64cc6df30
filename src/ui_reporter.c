/* SPDX-License-Identifier: MIT */
/*
 * A reporter's keys (SPEC section 5): o opens a source in the browser, y
 * copies the event as a citation (OSC 52), m marks or unmarks it and '
 * goes to the next mark, x exports what is shown; and what the filter
 * needs of them -- has:mark, @NAME, Tab completing @NAME in the f prompt.
 * See ui.h.  The work is the core's (marks.c, cite.c, launch.c,
 * export.c); this file asks and says.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cite.h"
#include "export.h"
#include "launch.h"
#include "marks.h"
#include "ui.h"
#include "xmalloc.h"

struct ui_reporter {
	struct marks		 marks;
	struct marks_index	 index;
	char			*store;		/* marks_path(), or NULL */
	struct query_env	 env;		/* app->br's */
	char			**words;	/* "@NAME" for Tab */
	size_t			 nwords;
	enum export_format	 format;	/* x: the one asked */
	char			*path;		/* x: the file asked */
	char			*typed;		/* ... as typed, to say */
};

static bool
ui_reporter_env_marked(void *arg, const struct timeline *tl,
    const struct tl_event *e)
{
	struct ui_reporter	*r = arg;

	return marks_index_has(&r->index, tl, e);
}

/* The saved filters' names, "@NAME" once each, for Tab in f. */
static void
ui_reporter_words(struct ui_reporter *r, const struct conf *c)
{
	size_t	i, j;
	char	*w;

	for (i = 0; i < c->nsaved; i++) {
		w = xasprintf("@%s", c->saved[i].name);
		for (j = 0; j < r->nwords && strcmp(r->words[j], w) != 0; j++)
			continue;
		if (j < r->nwords) {
			free(w);
			continue;
		}
		r->words = xreallocarray(r->words, r->nwords + 1,
		    sizeof *r->words);
		r->words[r->nwords++] = w;
	}
}

void
ui_reporter_init(struct app *app)
{
	struct ui_reporter	*r = xcalloc(1, sizeof *r);
	char			*err = NULL;

	app->reporter = r;
	if ((r->store = marks_path()) != NULL &&
	    !marks_load(&r->marks, r->store, &err)) {
		ui_message(app, true, "marks: %s", err);
		free(err);
	}
	marks_index_init(&r->index, &r->marks);
	conf_query_env(&app->conf, &r->env);
	r->env.marked = ui_reporter_env_marked;
	r->env.marked_arg = r;
	app->br.env = &r->env;
	ui_reporter_words(r, &app->conf);
	lineedit_set_words(&app->edit[UI_PROMPT_FILTER],
	    (const char *const *)r->words, r->nwords);
}

void
ui_reporter_reset(struct app *app)
{
	if (app->reporter != NULL)
		marks_index_reset(&app->reporter->index);
}

bool
ui_reporter_marked(struct app *app, const struct tl_event *e)
{
	return app->reporter != NULL &&
	    marks_index_has(&app->reporter->index, &app->tl, e);
}

void
ui_reporter_free(struct app *app)
{
	struct ui_reporter	*r = app->reporter;
	size_t			 i;

	if (r == NULL)
		return;
	marks_index_free(&r->index);
	marks_free(&r->marks);
	for (i = 0; i < r->nwords; i++)
		free(r->words[i]);
	free(r->words);
	free(r->store);
	free(r->path);
	free(r->typed);
	free(r);
	app->reporter = NULL;
}

/* --- m and ' ------------------------------------------------------------- */

/* The filter again, for has:mark (the cursor stays on its event). */
static void
ui_reporter_refilter(struct app *app)
{
	char	*text, *err = NULL;

	if (app->br.filter_text == NULL)
		return;
	text = xstrdup(app->br.filter_text);
	if (!browse_set_filter(&app->br, text, &err, NULL))
		free(err);
	free(text);
	ui_views_reset(app);
}

/* m: the store read again (another tlv may have changed it), the mark
 * turned over, the store written. */
static enum ui_reaction
ui_reporter_mark(struct app *app)
{
	struct ui_reporter	*r = app->reporter;
	const struct tl_event	*e = browse_current(&app->br);
	char			*file, *err = NULL;
	bool			 on;

	if (e == NULL)
		return UI_NOTHING;
	if (e->id == NULL) {
		ui_message(app, true, "this event has no id: a mark is kept "
		    "by id (e adds one)");
		return UI_REDRAW;
	}
	if (r->store == NULL) {
		ui_message(app, true, "no $XDG_STATE_HOME or $HOME to keep "
		    "marks in");
		return UI_REDRAW;
	}
	if (!marks_load(&r->marks, r->store, &err)) {
		ui_message(app, true, "marks not changed: %s", err);
		free(err);
		return UI_REDRAW;
	}
	file = marks_file_key(app->tl.files[e->file].path);
	on = !marks_has(&r->marks, file, e->id);
	marks_set(&r->marks, file, e->id, on);
	free(file);
	marks_index_reset(&r->index);
	if (!marks_save(&r->marks, r->store, &err)) {
		ui_message(app, true, "mark not saved: %s", err);
		free(err);
	} else
		ui_message(app, false, on ? "marked: %s (' goes to the next "
		    "mark)" : "unmarked: %s", e->title);
	ui_reporter_refilter(app);
	return UI_REDRAW;
}

/* ': the next marked event shown after the cursor, round the end. */
static enum ui_reaction
ui_reporter_next_mark(struct app *app)
{
	size_t	n = app->br.nshown, i, row;

	for (i = 1; i <= n; i++) {
		row = (app->br.cursor + i) % n;
		if (!ui_reporter_marked(app, &app->tl.events[
		    app->br.shown[row]]))
			continue;
		if (i == n)
			ui_message(app, false, "the only mark shown");
		else if (row < app->br.cursor)
			ui_message(app, false, "marks wrapped around");
		browse_move_to(&app->br, row);
		ui_views_reset(app);
		return UI_REDRAW;
	}
	ui_message(app, true, "no marked event shown (m marks one)");
	return UI_REDRAW;
}

/* --- y ------------------------------------------------------------------- */

/* Write all of s to the terminal (stdout: the screen's, or in a key
 * script the output the tests read). */
static bool
ui_reporter_write(const char *s, size_t len)
{
	ssize_t	n;

	fflush(stdout);
	while (len > 0) {
		if ((n = write(STDOUT_FILENO, s, len)) == -1) {
			if (errno == EINTR)
				continue;
			return false;
		}
		s += n;
		len -= (size_t)n;
	}
	return true;
}

static enum ui_reaction
ui_reporter_copy(struct app *app)
{
	const struct tl_event	*e = browse_current(&app->br);
	struct buf		 text = BUF_INIT, seq = BUF_INIT;

	if (e == NULL)
		return UI_NOTHING;
	cite_event(&text, e);
	cite_osc52(&seq, text.data, text.len);
	if (ui_reporter_write(seq.data, seq.len))
		ui_message(app, false, "citation copied (OSC 52; in tmux: "
		    "set-clipboard on): %s", e->title);
	else
		ui_message(app, true, "citation not copied: %s",
		    strerror(errno));
	buf_free(&text);
	buf_free(&seq);
	return UI_REDRAW;
}

/* --- o ------------------------------------------------------------------- */

void
ui_reporter_open_url(struct app *app, const char *url)
{
	const char	*why;
	char		*used = NULL, *err = NULL;

	if (!launch_url_ok(url, &why)) {
		ui_message(app, true, "not opened: %s", why);
		return;
	}
	if (!launch_browser(url, getenv("BROWSER"), &used, &err)) {
		ui_message(app, true, "%s", err);
		free(err);
		return;
	}
	ui_message(app, false, "opened %s in %s", url, strrchr(used, '/') !=
	    NULL ? strrchr(used, '/') + 1 : used);
	free(used);
}

static enum ui_reaction
ui_reporter_open(struct app *app)
{
	const struct tl_event	*e = browse_current(&app->br);
	uint32_t		 i, n = 0, last = 0;

	if (e == NULL)
		return UI_NOTHING;
	for (i = 0; i < e->nsources; i++)
		if (e->sources[i].url != NULL) {
			n++;
			last = i;
		}
	if (n == 0)
		ui_message(app, true, "no source of this event has a URL");
	else if (n == 1)
		ui_reporter_open_url(app, e->sources[last].url);
	else
		ui_view_show(app, UI_VIEW_SOURCES);
	return UI_REDRAW;
}

/* --- x ------------------------------------------------------------------- */

/* path with a leading "~/" made $HOME's (malloc'd). */
static char *
ui_reporter_expand(const char *path)
{
	const char	*home = getenv("HOME");

	if (path[0] == '~' && path[1] == '/' && home != NULL && *home != '\0')
		return xasprintf("%s%s", home, path + 1);
	return xstrdup(path);
}

/* The mode of the file x writes: an existing file's own, else what the
 * umask leaves of 0666 (mkstemp's 0600 is the temporary file's). */
static mode_t
ui_reporter_export_mode(const char *path)
{
	struct stat	 st;
	mode_t		 mask;

	if (stat(path, &st) == 0)
		return st.st_mode & 07777;
	mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

/* Write what is shown to r->path through a temporary file beside it, so
 * that a failure leaves no half file and an old one as it was. */
static void
ui_reporter_export_write(struct app *app)
{
	struct ui_reporter	*r = app->reporter;
	struct export_opts	 opts;
	char			*tmp = xasprintf("%s.tlv-XXXXXX", r->path);
	FILE			*fp = NULL;
	size_t			 n = 0;
	int			 fd, e = 0;

	memset(&opts, 0, sizeof opts);
	opts.query = app->br.filter;
	opts.now = date_now();
	if ((fd = mkstemp(tmp)) == -1 ||
	    fchmod(fd, ui_reporter_export_mode(r->path)) != 0 ||
	    (fp = fdopen(fd, "w")) == NULL)
		e = errno;
	else {
		n = export_write(fp, &app->tl, r->format, &opts);
		if (ferror(fp) || fflush(fp) != 0 || fsync(fd) != 0)
			e = errno != 0 ? errno : EIO;
		if (fclose(fp) != 0 && e == 0)
			e = errno;
		if (e == 0 && rename(tmp, r->path) != 0)
			e = errno;
	}
	if (fd != -1 && fp == NULL)
		close(fd);
	if (e != 0) {
		unlink(tmp);
		ui_message(app, true, "not exported: %s: %s", r->typed,
		    strerror(e));
	} else
		ui_message(app, false, "exported %zu event%s (%s) to %s", n,
		    n == 1 ? "" : "s", app->br.filter_text != NULL ?
		    app->br.filter_text : "no filter", r->typed);
	free(tmp);
}

static void
ui_reporter_overwrite_answer(struct app *app, int32_t key, void *ctx)
{
	(void)ctx;
	ui_prompt_close(app);
	if (key == 'y' || key == 'Y')
		ui_reporter_export_write(app);
	else
		ui_message(app, false, "not exported: %s kept as it was",
		    app->reporter->typed);
}

static const struct ui_prompt_hooks ui_reporter_overwrite_hooks = {
	.answer = ui_reporter_overwrite_answer,
};

static void
ui_reporter_path_accept(struct app *app, const char *text, void *ctx)
{
	struct ui_reporter	*r = app->reporter;
	struct stat		 st;

	(void)ctx;
	if (text[strspn(text, " ")] == '\0') {
		ui_message(app, false, "not exported");
		return;
	}
	free(r->path);
	free(r->typed);
	r->path = ui_reporter_expand(text);
	r->typed = xstrdup(text);
	if (stat(r->path, &st) == 0) {
		ui_message(app, true, "%s exists: y overwrites it, any other "
		    "key keeps it", r->typed);
		ui_prompt_open(app, UI_PROMPT_CONFIRM, NULL,
		    &ui_reporter_overwrite_hooks);
		return;
	}
	ui_reporter_export_write(app);
}

static const struct ui_prompt_hooks ui_reporter_path_hooks = {
	.accept = ui_reporter_path_accept,
};

static void
ui_reporter_format_accept(struct app *app, const char *text, void *ctx)
{
	static const char *const ext[] = {
		[EXPORT_MARKDOWN] = "md", [EXPORT_JSON] = "json",
		[EXPORT_CSV] = "csv", [EXPORT_ICS] = "ics",
		[EXPORT_TIMELINEJS] = "json", [EXPORT_SVG] = "svg",
	};
	struct ui_reporter	*r = app->reporter;
	char			*name;

	(void)ctx;
	if (text[strspn(text, " ")] == '\0') {
		ui_message(app, false, "not exported");
		return;
	}
	if (!export_format_parse(text, &r->format)) {
		ui_message(app, true, "unknown format '%s' ("
		    EXPORT_FORMAT_NAMES ")", text);
		return;
	}
	name = xasprintf("tlv-export.%s", ext[r->format]);
	ui_prompt_open(app, UI_PROMPT_EXPORT_PATH, name,
	    &ui_reporter_path_hooks);
	free(name);
}

static const struct ui_prompt_hooks ui_reporter_format_hooks = {
	.accept = ui_reporter_format_accept,
};

static enum ui_reaction
ui_reporter_export(struct app *app)
{
	if (ui_loading(app, NULL)) {
		ui_message(app, true, "still loading: export waits for the "
		    "whole file");
		return UI_REDRAW;
	}
	ui_prompt_open(app, UI_PROMPT_EXPORT_FORMAT, NULL,
	    &ui_reporter_format_hooks);
	return UI_REDRAW;
}

enum ui_reaction
ui_reporter_action(struct app *app, enum action a)
{
	switch (a) {
	case ACTION_OPEN_SOURCE:
		return ui_reporter_open(app);
	case ACTION_COPY_CITATION:
		return ui_reporter_copy(app);
	case ACTION_MARK:
		return ui_reporter_mark(app);
	case ACTION_NEXT_MARK:
		return ui_reporter_next_mark(app);
	case ACTION_EXPORT:
		return ui_reporter_export(app);
	default:
		return UI_PASS;
	}
}
