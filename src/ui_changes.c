/* SPDX-License-Identifier: MIT */
/*
 * What changed since a commit, in the viewer (SPEC section 11): the row
 * marks, c and C, and what changed: in the filter needs.  See ui.h.
 *
 * git is asked once per load, on a thread (changes_read: the versions at
 * the commit, loaded), so the first frame never waits for it; the loop
 * polls, and the answer marks the timeline shown (changes_apply).  A load
 * while the thread runs asks again once it is done.  Under a key script
 * the answer is waited for, so that screens are the same every run.
 * When idle the loop looks at git's own files (changes_stale: HEAD, the
 * branch, the index): a commit or a checkout elsewhere asks again, so
 * the marks follow without a reload.
 */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "changes.h"
#include "query.h"
#include "ui.h"
#include "xmalloc.h"

struct ui_changes {
	char			*rev;		/* --since, or NULL: HEAD */
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	bool			 running;	/* started, not joined */
	bool			 finished;	/* (lock) its work is done */
	bool			 again;		/* loaded again meanwhile */
	bool			 early;		/* started before the load */
	char			**paths;	/* the thread's */
	size_t			 npaths;
	struct changes		 got;		/* the thread's answer */
	bool			 known;		/* an answer came */
	char			*why;		/* nothing compared: why */
	bool			 said;		/* the status line said it */
	struct changes_count	 count;
	struct changes_watch	*watch;		/* git's files behind the */
	size_t			 nwatch;	/* answer (changes_stale) */
};

static const char *
ui_changes_rev(const struct ui_changes *c)
{
	return c->rev != NULL ? c->rev : "HEAD";
}

void
ui_changes_init(struct app *app, const char *since)
{
	struct ui_changes	*c = xcalloc(1, sizeof *c);

	c->rev = since != NULL ? xstrdup(since) : NULL;
	pthread_mutex_init(&c->lock, NULL);
	app->changes = c;
}

static void *
ui_changes_run(void *arg)
{
	struct ui_changes	*c = arg;

	changes_read(&c->got, c->paths, c->npaths, c->rev);
	pthread_mutex_lock(&c->lock);
	c->finished = true;
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* Ask git on a thread about paths (taken). */
static void
ui_changes_ask(struct ui_changes *c, char **paths, size_t n)
{
	c->again = false;
	c->finished = false;
	c->paths = paths;
	c->npaths = n;
	c->running = true;
	if (pthread_create(&c->thread, NULL, ui_changes_run, c) != 0) {
		c->running = false;	/* no thread: ask here */
		changes_read(&c->got, c->paths, c->npaths, c->rev);
		c->finished = true;
	}
}

void
ui_changes_start_early(struct app *app)
{
	struct ui_changes	*c = app->changes;
	char			**paths;
	size_t			  n;

	if (c == NULL || c->running || c->finished)
		return;
	paths = changes_expand(app->paths, app->npaths, &n);
	ui_changes_ask(c, paths, n);
	c->early = true;
}

void
ui_changes_start(struct app *app)
{
	struct ui_changes	*c = app->changes;
	char			**paths;
	size_t			  n;

	if (c == NULL)
		return;
	if (c->early) {		/* the load it was started for */
		c->early = false;
		return;
	}
	if (c->running) {
		c->again = true;
		return;
	}
	paths = changes_paths(&app->tl, &n);
	ui_changes_ask(c, paths, n);
}

/* Say why changed: in the filter matches nothing, if it does not. */
void
ui_changes_explain(struct app *app)
{
	struct ui_changes	*c = app->changes;

	if (c == NULL || !query_uses(app->br.filter, "changed") ||
	    app->tl.changed != NULL)
		return;
	if (!c->known)
		ui_message(app, false, "changed: asking git what changed "
		    "since %s...", ui_changes_rev(c));
	else if (c->why != NULL)
		ui_message(app, true, "changed: %s: nothing matches", c->why);
}

/* The answer, on the timeline shown; the filter again if it asks. */
static void
ui_changes_take(struct app *app)
{
	struct ui_changes	*c = app->changes;
	char			*text, *err = NULL;

	free(c->why);
	c->why = NULL;
	changes_watch_free(c->watch, c->nwatch);
	c->watch = c->got.watch;
	c->nwatch = c->got.nwatch;
	c->got.watch = NULL;
	c->got.nwatch = 0;
	if (!changes_apply(&c->got, &app->tl, &c->count))
		c->why = changes_why(&c->got);
	changes_free(&c->got);
	changes_paths_free(c->paths, c->npaths);
	c->paths = NULL;
	c->npaths = 0;
	c->known = true;
	if (query_uses(app->br.filter, "changed")) {
		text = xstrdup(app->br.filter_text);
		if (!browse_set_filter(&app->br, text, &err, NULL))
			free(err);
		free(text);
		ui_views_reset(app);
		ui_changes_explain(app);
	} else if (c->why != NULL && c->rev != NULL && !c->said) {
		/* --since named a commit that cannot be compared with: say
		 * so, once, rather than mark nothing without a word. */
		ui_message(app, true, "--since: %s; nothing is marked",
		    c->why);
		c->said = true;
	}
}

bool
ui_changes_poll(struct app *app)
{
	struct ui_changes	*c = app->changes;
	bool			 done;

	if (c == NULL || (!c->running && !c->finished))
		return false;
	if (c->running) {
		pthread_mutex_lock(&c->lock);
		done = c->finished;
		pthread_mutex_unlock(&c->lock);
		if (!done && app->script == NULL)
			return false;
		pthread_join(c->thread, NULL);
		c->running = false;
	}
	c->finished = false;
	ui_changes_take(app);
	if (c->again)
		ui_changes_start(app);
	return true;
}

bool
ui_changes_watch(struct app *app)
{
	struct ui_changes	*c = app->changes;

	if (c == NULL || c->running || c->finished || !c->known ||
	    !changes_stale(c->watch, c->nwatch))
		return false;
	ui_changes_start(app);
	return true;
}

unsigned
ui_changes_of(const struct app *app, const struct tl_event *e)
{
	const struct timeline	*tl = &app->tl;
	uintptr_t		 at = (uintptr_t)e, first = (uintptr_t)tl->events;

	if (tl->changed == NULL || at < first ||
	    at >= (uintptr_t)(tl->events + tl->nevents))
		return 0;
	return tl->changed[(at - first) / sizeof *e];
}

/* "notes, status" */
static void
ui_changes_kinds(struct buf *b, unsigned bits)
{
	static const struct {
		unsigned	 bit;
		const char	*name;
	} kinds[] = {
		{ STORYDIFF_ADDED, "added" },
		{ STORYDIFF_DATE, "re-dated" },
		{ STORYDIFF_TITLE, "re-titled" },
		{ STORYDIFF_STATUS, "verdict" },
		{ STORYDIFF_SOURCES, "sources" },
		{ STORYDIFF_NOTES, "notes" },
		{ STORYDIFF_RELATED, "relations" },
		{ STORYDIFF_OTHER, "other fields" },
	};
	size_t	i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (bits & kinds[i].bit)
			buf_printf(b, "%s%s", b->len > 0 ? ", " : "",
			    kinds[i].name);
}

/* Why c or C cannot go anywhere; false if they can. */
static bool
ui_changes_cannot(struct app *app)
{
	struct ui_changes	*c = app->changes;

	if (!c->known) {
		ui_message(app, false, "asking git what changed since %s...",
		    ui_changes_rev(c));
		return true;
	}
	if (c->why != NULL) {
		ui_message(app, true, "no changes to go to: %s", c->why);
		return true;
	}
	if (c->count.changed + c->count.added == 0) {
		ui_message(app, false, "nothing changed since %s%s",
		    ui_changes_rev(c), c->count.gone > 0 ? " but events "
		    "removed" : "");
		return true;
	}
	return false;
}

/* c, C: the next (dir 1) or previous shown event changed, round the end. */
static enum ui_reaction
ui_changes_jump(struct app *app, int dir)
{
	struct ui_changes	*c = app->changes;
	size_t			 n = app->br.nshown, i, row, nth = 0, all = 0;
	struct buf		 b = BUF_INIT;
	unsigned		 bits;

	if (ui_changes_cannot(app))
		return UI_REDRAW;
	for (i = 1; i <= n; i++) {
		row = dir > 0 ? (app->br.cursor + i) % n :
		    (app->br.cursor + n - i) % n;
		if (ui_changes_of(app, &app->tl.events[app->br.shown[row]])
		    != 0)
			break;
	}
	if (i > n) {
		ui_message(app, false, "no event shown changed since %s (%zu "
		    "in all)", ui_changes_rev(c), c->count.changed +
		    c->count.added);
		return UI_REDRAW;
	}
	browse_move_to(&app->br, row);
	ui_views_reset(app);
	for (i = 0; i < n; i++)
		if (ui_changes_of(app, &app->tl.events[app->br.shown[i]])) {
			all++;
			nth += i <= row;
		}
	bits = ui_changes_of(app, &app->tl.events[app->br.shown[row]]);
	ui_changes_kinds(&b, bits);
	ui_message(app, false, "since %s: %s (%zu of %zu changed)",
	    ui_changes_rev(c), b.data, nth, all);
	buf_free(&b);
	return UI_REDRAW;
}

enum ui_reaction
ui_changes_action(struct app *app, enum action a)
{
	if (app->changes == NULL)
		return UI_PASS;
	switch (a) {
	case ACTION_NEXT_CHANGE:
		return ui_changes_jump(app, 1);
	case ACTION_PREV_CHANGE:
		return ui_changes_jump(app, -1);
	default:
		return UI_PASS;
	}
}

void
ui_changes_free(struct app *app)
{
	struct ui_changes	*c = app->changes;
	bool			 done;

	if (c == NULL)
		return;
	pthread_mutex_lock(&c->lock);
	done = c->finished;
	pthread_mutex_unlock(&c->lock);
	if (c->running && app->script == NULL && !done) {
		/* The end: git's answer is not needed, nor waited for. */
		pthread_detach(c->thread);
		app->changes = NULL;
		return;
	}
	if (c->running)
		pthread_join(c->thread, NULL);
	if (c->running || c->finished)
		changes_free(&c->got);
	changes_paths_free(c->paths, c->npaths);
	changes_watch_free(c->watch, c->nwatch);
	pthread_mutex_destroy(&c->lock);
	free(c->why);
	free(c->rev);
	free(c);
	app->changes = NULL;
}
