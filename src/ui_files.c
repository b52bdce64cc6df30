/* SPDX-License-Identifier: MIT */
/*
 * The files shown: loading them (big ones on a thread, behind a progress
 * screen or with their first events at once), what tells a change on disk
 * (ui_stamp), and reloading; see ui.h.
 */
#include "config.h"

#include <curses.h>
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "apply.h"
#include "load.h"
#include "save.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

static void
ui_stamp(const char *path, struct ui_stamp *s)
{
	struct stat	st;

	memset(s, 0, sizeof *s);
	if (stat(path, &st) == 0) {
		s->mtime_ns = (long long)st.st_mtim.tv_sec * 1000000000LL +
		    st.st_mtim.tv_nsec;
		s->size = (long long)st.st_size;
		s->ino = (unsigned long long)st.st_ino;
		s->writable = save_writable(path);
	}
}

/* The finite extent of the events and the date column width. */
static void
ui_measure(struct app *app)
{
	size_t	i, w;

	app->lo = DATE_MAX;
	app->hi = DATE_MIN;
	app->datew = app->conf.date_display == CONF_DATE_ISO ? 23 : 4;
	for (i = 0; i < app->tl.nevents; i++) {
		const struct tl_event *e = &app->tl.events[i];
		date_time l = tl_event_latest(e);

		if (e->date.earliest > DATE_MIN && e->date.earliest < app->lo)
			app->lo = e->date.earliest;
		if (l < DATE_MAX && l > app->hi)
			app->hi = l;
		w = text_width(e->date_text, strlen(e->date_text));
		if (w > app->datew)
			app->datew = w > 22 ? 22 : w;
	}
}

/* After loading: extents, and what tells a change on disk. */
static void
ui_loaded(struct app *app)
{
	size_t	i;

	ui_measure(app);
	free(app->stamps);
	app->stamps = xreallocarray(NULL, app->tl.nfiles + 1,
	    sizeof *app->stamps);
	for (i = 0; i < app->tl.nfiles; i++) {
		ui_stamp(app->tl.files[i].path, &app->stamps[i]);
		save_clean_stale(app->tl.files[i].path);
	}
	/* What changed since the commit: once the whole timeline is in. */
	if (app->loader == NULL)
		ui_changes_start(app);
}

/* Load (or reload) everything named on the command line. */
static void
ui_load(struct app *app)
{
	load_paths(&app->tl, app->paths, app->npaths, &app->diags);
	ui_loaded(app);
}

/* --- the first load of big files ----------------------------------------
 *
 * Inputs of UI_LOAD_SCREEN_MIN bytes or more load on a thread.  One big
 * file shows its first events at once (load_head): the viewer works on
 * them, the header says how far the whole file got, and the whole
 * timeline takes their place when it is loaded, the cursor staying on its
 * event.  Otherwise a progress screen shows the file, a bar, megabytes and
 * events.  Either way q, Ctrl-C or a signal quits at once: nothing has
 * been changed, so nothing is lost by not waiting.  Edits wait for the
 * whole file.
 */
#define UI_LOAD_SCREEN_MIN	((long long)8 << 20)
#define UI_LOAD_HEAD		((size_t)2 << 20)

struct ui_loader {
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	char		**paths;
	size_t		 npaths;
	struct timeline	 tl;	/* what the thread loads */
	struct diag_list diags;
	char		 path[1024];
	size_t		 done, total, events;
	bool		 finished;
	long		 slow_ms;	/* TLV_TEST_SLOW_LOAD: test hook */
};

/* Bytes of the timeline files a path names (a file, or the timeline files
 * directly in a directory). */
static long long
ui_input_bytes(char *const *paths, size_t n)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	long long	 sum = 0;
	size_t		 i;
	char		*p;

	for (i = 0; i < n; i++) {
		if (stat(paths[i], &st) != 0)
			continue;
		if (S_ISREG(st.st_mode))
			sum += (long long)st.st_size;
		if (!S_ISDIR(st.st_mode) || (d = opendir(paths[i])) == NULL)
			continue;
		while ((de = readdir(d)) != NULL) {
			p = xasprintf("%s/%s", paths[i], de->d_name);
			if (de->d_name[0] != '.' && stat(p, &st) == 0 &&
			    S_ISREG(st.st_mode))
				sum += (long long)st.st_size;
			free(p);
		}
		closedir(d);
	}
	return sum;
}

static void
ui_loader_progress(void *ctx, const char *path, size_t done, size_t total,
    size_t events)
{
	struct ui_loader	*ld = ctx;
	struct timespec		 ts;

	pthread_mutex_lock(&ld->lock);
	snprintf(ld->path, sizeof ld->path, "%s", path);
	ld->done = done;
	ld->total = total;
	ld->events = events;
	pthread_mutex_unlock(&ld->lock);
	if (ld->slow_ms > 0) {
		ts.tv_sec = ld->slow_ms / 1000;
		ts.tv_nsec = ld->slow_ms % 1000 * 1000000L;
		nanosleep(&ts, NULL);
	}
}

static void *
ui_loader_run(void *arg)
{
	struct ui_loader		*ld = arg;
	const struct load_progress	 p = { ui_loader_progress, ld };

	load_paths_progress(&ld->tl, ld->paths, ld->npaths, &ld->diags, &p);
	pthread_mutex_lock(&ld->lock);
	ld->finished = true;
	pthread_mutex_unlock(&ld->lock);
	return NULL;
}

/* Start loading everything on a thread; NULL if no thread can start. */
static struct ui_loader *
ui_loader_start(struct app *app)
{
	struct ui_loader	*ld = xcalloc(1, sizeof *ld);
	const char		*slow = getenv("TLV_TEST_SLOW_LOAD");

	pthread_mutex_init(&ld->lock, NULL);
	ld->paths = app->paths;
	ld->npaths = app->npaths;
	ld->slow_ms = slow != NULL ? strtol(slow, NULL, 10) : 0;
	if (pthread_create(&ld->thread, NULL, ui_loader_run, ld) != 0) {
		pthread_mutex_destroy(&ld->lock);
		free(ld);
		return NULL;
	}
	return ld;
}

static bool
ui_loader_done(struct ui_loader *ld)
{
	bool	done;

	pthread_mutex_lock(&ld->lock);
	done = ld->finished;
	pthread_mutex_unlock(&ld->lock);
	return done;
}

/* Wait for the thread (it is done) and take what it loaded. */
static void
ui_loader_take(struct ui_loader *ld, struct timeline *tl,
    struct diag_list *diags)
{
	pthread_join(ld->thread, NULL);
	pthread_mutex_destroy(&ld->lock);
	*tl = ld->tl;
	*diags = ld->diags;
	free(ld);
}

bool
ui_loading(const struct app *app, unsigned *pct)
{
	if (app->loader == NULL)
		return false;
	if (pct != NULL) {
		pthread_mutex_lock(&app->loader->lock);
		*pct = app->loader->total > 0 ? (unsigned)(app->loader->done *
		    100 / app->loader->total) : 0;
		pthread_mutex_unlock(&app->loader->lock);
	}
	return true;
}

/* One frame: the file, a bar, bytes and events. */
static void
ui_loader_draw(struct app *app, struct ui_loader *ld)
{
	struct buf	title = BUF_INIT;
	char		line[160];
	size_t		done, total, events, pct;
	int		y, w, bar, fill;

	pthread_mutex_lock(&ld->lock);
	done = ld->done;
	total = ld->total;
	events = ld->events;
	buf_printf(&title, "loading %s", ld->path[0] != '\0' ? ld->path :
	    "...");
	pthread_mutex_unlock(&ld->lock);
	getmaxyx(stdscr, app->rows, app->cols);
	erase();
	y = app->rows / 2 - 1;
	w = app->cols - 4;
	if (y < 0 || w < 10) {
		refresh();
		buf_free(&title);
		return;
	}
	attrset(ui_attr(app, UI_COLOR_TITLE));
	ui_put(y, 2, title.data, title.len, w, false);
	buf_free(&title);
	attrset(A_NORMAL);
	pct = total > 0 ? done * 100 / total : 0;
	bar = w - 2;
	fill = total > 0 ? (int)((double)done / (double)total * bar) : 0;
	mvaddch(y + 1, 2, '[');
	if (fill > 0)
		mvhline(y + 1, 3, '#', fill);
	if (bar - fill > 0)
		mvhline(y + 1, 3 + fill, '-', bar - fill);
	mvaddch(y + 1, 3 + bar, ']');
	snprintf(line, sizeof line, "%3zu%%  %zu of %zu MB  %zu events   "
	    "q quits", pct, done >> 20, total >> 20, events);
	ui_put(y + 2, 2, line, strlen(line), w, false);
	refresh();
}

/* Load on a thread behind the progress screen; false if the user quit. */
static bool
ui_load_with_screen(struct app *app)
{
	struct ui_loader	*ld = ui_loader_start(app);
	wint_t			 wc;
	int			 st;

	if (ld == NULL) {
		ui_load(app);
		return true;
	}
	timeout(UI_LOAD_FRAME_MS);
	while (!ui_loader_done(ld)) {
		ui_loader_draw(app, ld);
		st = get_wch(&wc);
		if (ui_signal() != 0 || (st == OK && (wc == 'q' ||
		    wc == 'Q' || wc == 3 /* C-c */)))
			return false;
	}
	ui_loader_take(ld, &app->tl, &app->diags);
	timeout(UI_POLL_MS);
	ui_loaded(app);
	return true;
}

/* Quit while the loading thread still runs: without waiting for it (it
 * has written nothing, and what it reads is not ours to free). */
void
ui_quit_loading(void)
{
	ui_end();
	fflush(stdout);
	_exit(ui_signal() != 0 ? 128 + ui_signal() : 0);
}

/* The first events of one big file now, the rest on a thread; false if
 * that cannot be done. */
static bool
ui_load_head(struct app *app)
{
	struct stat	st;

	if (app->npaths != 1 || stat(app->paths[0], &st) != 0 ||
	    !S_ISREG(st.st_mode) ||
	    !load_head(&app->tl, app->paths[0], UI_LOAD_HEAD))
		return false;
	if ((app->loader = ui_loader_start(app)) == NULL) {
		timeline_free(&app->tl);
		memset(&app->tl, 0, sizeof app->tl);
		return false;
	}
	ui_loaded(app);
	return true;
}

/* Where the cursor goes after the timeline changes: the event with id
 * keep if given, else the one it is on (by id, or the time). */
struct ui_keep {
	char		*id;
	date_time	 time;
};

static void
ui_keep_take(const struct app *app, const char *keep, struct ui_keep *k)
{
	const struct tl_event	*e = browse_current(&app->br);

	k->id = NULL;
	k->time = app->lo;
	if (e != NULL) {
		k->id = e->id != NULL ? xstrdup(e->id) : NULL;
		k->time = e->date.earliest;
	}
	if (keep != NULL) {
		free(k->id);
		k->id = xstrdup(keep);
	}
}

/* The timeline changed under the views: the cursor back on k's event. */
static void
ui_keep_show(struct app *app, struct ui_keep *k)
{
	browse_reset(&app->br, &app->tl, k->id, k->time);
	free(k->id);
	k->id = NULL;
	ui_views_reset(app);
}

/*
 * Put tl (with its diagnostics) in the place of the timeline shown, the
 * cursor staying on its event -- or on the event with id keep -- and free
 * the old one.
 */
static void
ui_replace_timeline(struct app *app, const char *keep, struct timeline *tl,
    struct diag_list *diags)
{
	struct ui_keep		 k;
	struct timeline		 old = app->tl;

	ui_keep_take(app, keep, &k);
	diag_free(&app->diags);
	app->tl = *tl;
	app->diags = *diags;
	ui_loaded(app);
	ui_keep_show(app, &k);
	timeline_free(&old);
}

void
ui_saved(struct app *app, uint32_t fi, const struct save_where *where,
    const char *keep)
{
	struct apply_items	 c;
	struct ui_keep		 k;
	bool			 done;

	ui_keep_take(app, keep, &k);
	memset(&c, 0, sizeof c);
	if (where != NULL && where->items) {
		c.file = fi;
		c.r0 = where->r0;
		c.r1 = where->r1;
		c.line0 = where->line0;
		c.lines = where->lines;
		c.col = where->col;
		c.bytes = where->bytes;
		c.len = where->len;
	}
	done = (where != NULL && where->items &&
	    apply_items(&app->tl, &app->diags, &c)) ||
	    apply_file(&app->tl, &app->diags, fi);
	if (!done) {
		ui_reload_quiet(app, k.id);
		free(k.id);
		return;
	}
	/* Only the saved file is new: the others' stamps stay, so that a
	 * change another program made to one of them is still seen. */
	ui_measure(app);
	ui_stamp(app->tl.files[fi].path, &app->stamps[fi]);
	save_clean_stale(app->tl.files[fi].path);
	ui_changes_start(app);
	ui_keep_show(app, &k);
}

void
ui_say_errors(struct app *app)
{
	size_t	files = app->diags.errors, conf = app->conf_diags.errors;

	if (conf == 0)
		ui_message(app, true, "%zu error%s in the files: E shows them",
		    files, files == 1 ? "" : "s");
	else if (files == 0)
		ui_message(app, true, "%zu error%s in the config: E shows them",
		    conf, conf == 1 ? "" : "s");
	else
		ui_message(app, true, "%zu error%s in the files and %zu in the "
		    "config: E shows them", files, files == 1 ? "" : "s", conf);
}

/* The whole timeline is loaded: it takes the place of the first events. */
static void
ui_load_finish(struct app *app)
{
	struct timeline		tl;
	struct diag_list	diags;

	ui_loader_take(app->loader, &tl, &diags);
	app->loader = NULL;
	ui_replace_timeline(app, NULL, &tl, &diags);
	if (app->diags.errors + app->conf_diags.errors > 0)
		ui_say_errors(app);
	else
		ui_message(app, false, "loaded: %zu events", app->tl.nevents);
}

bool
ui_files_changed(const struct app *app)
{
	struct ui_stamp	now;
	size_t		i;

	for (i = 0; i < app->tl.nfiles; i++) {
		ui_stamp(app->tl.files[i].path, &now);
		if (memcmp(&now, &app->stamps[i], sizeof now) != 0)
			return true;
	}
	return false;
}

void
ui_reload_quiet(struct app *app, const char *keep)
{
	struct timeline		tl = TIMELINE_INIT;
	struct diag_list	diags = DIAG_LIST_INIT;

	load_paths_keep(&tl, app->paths, app->npaths, &diags, &app->tl);
	ui_replace_timeline(app, keep, &tl, &diags);
}

void
ui_reload(struct app *app)
{
	struct ui_stamp	 now;
	char		*first = NULL;
	size_t		 i, changed = 0;

	/* Which files changed, to say so (the stamps of the last load). */
	for (i = 0; i < app->tl.nfiles; i++) {
		ui_stamp(app->tl.files[i].path, &now);
		if (memcmp(&now, &app->stamps[i], sizeof now) != 0 &&
		    changed++ == 0)
			first = xstrdup(app->tl.files[i].path);
	}
	ui_reload_quiet(app, NULL);
	for (i = 0; i < app->tl.nfiles; i++)
		if (app->tl.files[i].stale) {
			ui_message(app, true, "reloaded: %s is broken on disk; "
			    "its last good events are shown, marked stale (E "
			    "shows why)", app->tl.files[i].path);
			free(first);
			return;
		}
	if (app->diags.errors > 0)
		ui_message(app, true, "reloaded: %zu error%s (E shows them)",
		    app->diags.errors, app->diags.errors == 1 ? "" : "s");
	else if (changed == 1)
		ui_message(app, false, "reloaded: %s changed on disk", first);
	else if (changed > 1)
		ui_message(app, false, "reloaded: %s and %zu other file%s "
		    "changed on disk", first, changed - 1, changed == 2 ? "" :
		    "s");
	else
		ui_message(app, false, "reloaded");
	free(first);
}

bool
ui_load_first(struct app *app)
{
	if (app->script != NULL ||
	    ui_input_bytes(app->paths, app->npaths) < UI_LOAD_SCREEN_MIN) {
		ui_changes_start_early(app);
		ui_load(app);
		return false;
	}
	ui_start(app);
	if (!ui_load_head(app) && !ui_load_with_screen(app))
		ui_quit_loading();
	return true;
}

bool
ui_load_poll(struct app *app)
{
	if (app->loader == NULL || !ui_loader_done(app->loader))
		return false;
	ui_load_finish(app);
	return true;
}
