/* SPDX-License-Identifier: MIT */
/*
 * The viewer's terminal, main loop and prompts; see ui.h.
 *
 * Keys come from the terminal, or -- for tests -- from a script named by
 * TLV_SCRIPT, in which case the screen is a curses screen on /dev/null of
 * LINES x COLUMNS and ":save-screen FILE" writes it out as text.  A script
 * line is either a command (":save-screen FILE", ":resize COLSxROWS",
 * ":sh COMMAND" to run a command meanwhile, ":poll" to look for files
 * changed on disk now, as a second without a key does) or
 * keys: plain characters, and names in angle brackets (<Down>, <Enter>,
 * <C-l>, <lt> for '<').  When the script ends, tlv quits.
 *
 * Every second without a key, the loaded files are checked; a file changed
 * on disk is reloaded and the cursor stays on the same event id.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <dirent.h>
#include <locale.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "load.h"
#include "query.h"
#include "text.h"
#include "save.h"
#include "ui.h"
#include "xmalloc.h"

/* How long getch waits before the files are checked again (ms). */
#define UI_POLL_MS	500

static volatile sig_atomic_t ui_signalled;

/* --- script input -------------------------------------------------------- */

/* A script step: a key, or a command (with its argument). */
struct ui_step {
	int32_t	 key;		/* KEYC_NONE for a command */
	char	*command;	/* "save-screen FILE", ... */
};

struct ui_script {
	struct ui_step	*v;
	size_t		 n, next;
};

static struct ui_script ui_script;

static void
ui_script_add(int32_t key, const char *command)
{
	struct ui_script *s = &ui_script;

	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n].key = key;
	s->v[s->n].command = command != NULL ? xstrdup(command) : NULL;
	s->n++;
}

/* Keys of one script line. */
static void
ui_script_keys(const char *line)
{
	const char	*p = line, *end;
	int32_t		 key;
	uint32_t	 cp;
	size_t		 n;

	while (*p != '\0') {
		if (*p == '<' && (end = strchr(p, '>')) != NULL && end > p + 1) {
			if (end - p == 3 && strncmp(p + 1, "lt", 2) == 0)
				key = '<';
			else if (!action_key_parse(p + 1, (size_t)(end - p - 1),
			    &key))
				fatal("TLV_SCRIPT: unknown key name '%.*s'",
				    (int)(end - p + 1), p);
			ui_script_add(key, NULL);
			p = end + 1;
			continue;
		}
		n = text_decode(p, strlen(p), &cp);
		ui_script_add((int32_t)cp, NULL);
		p += n;
	}
}

static void
ui_script_load(const char *path)
{
	FILE	*fp = fopen(path, "r");
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;

	if (fp == NULL)
		fatal("TLV_SCRIPT: %s: %s", path, strerror(errno));
	while ((n = getline(&line, &cap, fp)) != -1) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (line[0] == ':' && line[1] != '\0' && line[1] != ' ' &&
		    (strncmp(line, ":save-screen ", 13) == 0 ||
		    strncmp(line, ":resize ", 8) == 0 ||
		    strncmp(line, ":sh ", 4) == 0 ||
		    strcmp(line, ":poll") == 0))
			ui_script_add(KEYC_NONE, line + 1);
		else
			ui_script_keys(line);
	}
	free(line);
	fclose(fp);
}

static void
ui_script_free(void)
{
	size_t	i;

	for (i = 0; i < ui_script.n; i++)
		free(ui_script.v[i].command);
	free(ui_script.v);
	memset(&ui_script, 0, sizeof ui_script);
}

/* Write the screen as text, one line per row, trailing blanks removed. */
static void
ui_save_screen(const struct app *app, const char *path)
{
	FILE		*fp = fopen(path, "w");
	wchar_t		*row = xreallocarray(NULL, (size_t)app->cols + 1,
			    sizeof *row);
	struct buf	 line = BUF_INIT;
	int		 y, i, n;

	if (fp == NULL)
		fatal("save-screen: %s: %s", path, strerror(errno));
	for (y = 0; y < app->rows; y++) {
		buf_reset(&line);
		n = mvinnwstr(y, 0, row, app->cols);
		for (i = 0; i < n && row[i] != L'\0'; i++)
			text_encode(&line, (uint32_t)row[i]);
		while (line.len > 0 && line.data[line.len - 1] == ' ')
			line.len--;
		fprintf(fp, "%.*s\n", (int)line.len, buf_str(&line));
	}
	buf_free(&line);
	free(row);
	if (fclose(fp) != 0)
		fatal("save-screen: %s: %s", path, strerror(errno));
}

/* --- terminal ------------------------------------------------------------ */

static void
ui_end(void)
{
	if (!isendwin())
		endwin();
}

static void
ui_on_signal(int sig)
{
	ui_signalled = sig;
}

static void
ui_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void
ui_colors(struct app *app)
{
	static const short fg[UI_COLOR_COUNT] = {
		[UI_COLOR_HEADER] = COLOR_WHITE,
		[UI_COLOR_CONFIRMED] = COLOR_GREEN,
		[UI_COLOR_REPORTED] = COLOR_CYAN,
		[UI_COLOR_ALLEGED] = COLOR_YELLOW,
		[UI_COLOR_DISPUTED] = COLOR_MAGENTA,
		[UI_COLOR_DENIED] = COLOR_RED,
		[UI_COLOR_RULER] = COLOR_BLUE,
		[UI_COLOR_CURSOR] = COLOR_YELLOW,
		[UI_COLOR_MATCH] = COLOR_BLACK,
		[UI_COLOR_ERROR] = COLOR_RED,
		[UI_COLOR_TITLE] = COLOR_BLUE,
		[UI_COLOR_FILE0] = COLOR_CYAN,
		[UI_COLOR_FILE0 + 1] = COLOR_MAGENTA,
		[UI_COLOR_FILE0 + 2] = COLOR_GREEN,
		[UI_COLOR_FILE0 + 3] = COLOR_YELLOW,
		[UI_COLOR_FILE0 + 4] = COLOR_BLUE,
		[UI_COLOR_FILE0 + 5] = COLOR_RED,
	};
	static const enum ui_color status_pair[TL_STATUS_COUNT] = {
		[TL_STATUS_CONFIRMED] = UI_COLOR_CONFIRMED,
		[TL_STATUS_REPORTED] = UI_COLOR_REPORTED,
		[TL_STATUS_ALLEGED] = UI_COLOR_ALLEGED,
		[TL_STATUS_DISPUTED] = UI_COLOR_DISPUTED,
		[TL_STATUS_DENIED] = UI_COLOR_DENIED,
	};
	const char	*no_color = getenv("NO_COLOR");
	short		 i, c;

	app->color = has_colors() && (no_color == NULL || *no_color == '\0');
	if (!app->color)
		return;
	start_color();
	use_default_colors();
	for (i = 1; i < UI_COLOR_COUNT; i++)
		init_pair(i, fg[i], i == UI_COLOR_HEADER ? COLOR_BLUE :
		    i == UI_COLOR_MATCH ? COLOR_YELLOW : -1);
	for (i = TL_STATUS_NONE + 1; i < TL_STATUS_COUNT; i++)
		if ((c = (short)app->conf.status_color[i]) != CONF_COLOR_UNSET)
			init_pair((short)status_pair[i], c, -1);
	for (i = 0; i < 26 && (size_t)i < app->tl.nfiles; i++) {
		c = (short)conf_file_color(&app->conf, (size_t)i,
		    app->tl.files[i].path);
		if (c != CONF_COLOR_UNSET && COLOR_PAIRS > UI_COLOR_FILE_CONF + i) {
			init_pair((short)(UI_COLOR_FILE_CONF + i), c, -1);
			app->file_color[i] = true;
		}
	}
}

/* Once, at the start: why text beyond ASCII shows as <U+XXXX>. */
static void
ui_say_charset(struct app *app)
{
	char	*before = app->message;

	app->message = NULL;
	ui_message(app, before != NULL && app->message_error, "%s%snon-ASCII "
	    "shown as <U+XXXX>: charset %s is not UTF-8",
	    before != NULL ? before : "", before != NULL ? "; " : "",
	    nl_langinfo(CODESET));
	free(before);
}

static void
ui_start(struct app *app)
{
	FILE	*in, *out;

	setlocale(LC_ALL, "");
	app->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	ui_draw_charset(app->utf8);
	if (app->script != NULL) {
		in = fopen("/dev/null", "r");
		out = fopen("/dev/null", "w");
		if (in == NULL || out == NULL ||
		    newterm(NULL, out, in) == NULL)
			fatal("cannot start curses for TLV_SCRIPT");
	} else {
		/* The terminal's own size, not $LINES/$COLUMNS: those do not
		 * change when the window does. */
		unsetenv("LINES");
		unsetenv("COLUMNS");
		in = isatty(STDIN_FILENO) ? stdin : fopen("/dev/tty", "r");
		if (in == NULL || newterm(NULL, stdout, in) == NULL)
			fatal("cannot open the terminal ($TERM is '%s')",
			    getenv("TERM") != NULL ? getenv("TERM") : "");
	}
	xmalloc_set_fatal_hook(ui_end);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	timeout(UI_POLL_MS);
	ui_colors(app);
	ui_signals();
	getmaxyx(stdscr, app->rows, app->cols);
}

/* Terminal key to tlv key code. */
static int32_t
ui_translate(int status, wint_t wc)
{
	static const struct { int curses; int32_t key; } map[] = {
		{ KEY_UP, KEYC_UP }, { KEY_DOWN, KEYC_DOWN },
		{ KEY_LEFT, KEYC_LEFT }, { KEY_RIGHT, KEYC_RIGHT },
		{ KEY_HOME, KEYC_HOME }, { KEY_END, KEYC_END },
		{ KEY_PPAGE, KEYC_PGUP }, { KEY_NPAGE, KEYC_PGDN },
		{ KEY_DC, KEYC_DELETE }, { KEY_BACKSPACE, KEYC_BACKSPACE },
		{ KEY_RESIZE, KEYC_RESIZE }, { KEY_MOUSE, KEYC_MOUSE },
		{ KEY_ENTER, KEYC_ENTER },
	};
	size_t	i;

	if (status == OK)
		return wc == '\r' ? KEYC_ENTER : (int32_t)wc;
	for (i = 0; i < sizeof map / sizeof *map; i++)
		if ((int)wc == map[i].curses)
			return map[i].key;
	if ((int)wc >= KEY_F(1) && (int)wc <= KEY_F(12))
		return KEYC_F1 + (int32_t)wc - KEY_F(1);
	return KEYC_NONE;
}

/* --- files --------------------------------------------------------------- */

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
#define UI_LOAD_FRAME_MS	100

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
		if (ui_signalled != 0 || (st == OK && (wc == 'q' ||
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
static void
ui_quit_loading(void)
{
	ui_end();
	fflush(stdout);
	_exit(ui_signalled != 0 ? 128 + ui_signalled : 0);
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

/*
 * Put tl (with its diagnostics) in the place of the timeline shown, the
 * cursor staying on its event -- or on the event with id keep -- and free
 * the old one.
 */
static void
ui_replace_timeline(struct app *app, const char *keep, struct timeline *tl,
    struct diag_list *diags)
{
	const struct tl_event	*e = browse_current(&app->br);
	char			*keep_id = NULL;
	date_time		 keep_time = app->lo;
	struct timeline		 old = app->tl;

	if (e != NULL) {
		keep_id = e->id != NULL ? xstrdup(e->id) : NULL;
		keep_time = e->date.earliest;
	}
	if (keep != NULL) {
		free(keep_id);
		keep_id = xstrdup(keep);
	}
	diag_free(&app->diags);
	app->tl = *tl;
	app->diags = *diags;
	ui_loaded(app);
	browse_reset(&app->br, &app->tl, keep_id, keep_time);
	timeline_free(&old);
	free(keep_id);
	app->detail_top = 0;
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
	if (app->diags.errors > 0)
		ui_message(app, true, "%zu error%s in the files: E shows them",
		    app->diags.errors, app->diags.errors == 1 ? "" : "s");
	else
		ui_message(app, false, "loaded: %zu events", app->tl.nevents);
}

static bool
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
	size_t	i;

	ui_reload_quiet(app, NULL);
	for (i = 0; i < app->tl.nfiles; i++)
		if (app->tl.files[i].stale) {
			ui_message(app, true, "reloaded: %s is broken on disk; "
			    "its last good events are shown, marked stale (E "
			    "shows why)", app->tl.files[i].path);
			return;
		}
	if (app->diags.errors > 0)
		ui_message(app, true, "reloaded: %zu error%s (E shows them)",
		    app->diags.errors, app->diags.errors == 1 ? "" : "s");
	else
		ui_message(app, false, "reloaded: the files changed on disk");
}

/* --- messages and prompts ------------------------------------------------ */

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
#define UI_FILTER_SLICE_MS	8
#define UI_FILTER_STEP		2048	/* events between looks at the clock */

static double
ui_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Test events of the filter being applied for about ms milliseconds. */
static void
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

static enum ui_reaction
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
static void
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

/* --- layout and the loop ------------------------------------------------- */

void
ui_layout(struct app *app)
{
	int	avail;

	getmaxyx(stdscr, app->rows, app->cols);
	app->ruler_y = 1;
	app->ruler_h = app->rows >= 14 ? 3 : app->rows >= 8 ? 1 : 0;
	app->list_y = 1 + app->ruler_h;
	avail = app->rows - app->list_y - 1;
	if (avail < 1)
		avail = 1;
	app->detail_h = 0;
	if (app->detail && avail >= 4) {
		app->detail_h = avail * 2 / 5 < 3 ? 3 : avail * 2 / 5;
		if (app->rows >= 30)
			app->detail_h = avail / 2;
	}
	app->list_h = avail - app->detail_h;
	app->detail_y = app->list_y + app->list_h;
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

static enum ui_reaction
ui_mouse(struct app *app)
{
	MEVENT	ev;

	if (getmouse(&ev) != OK)
		return UI_NOTHING;
	if (ev.bstate & BUTTON4_PRESSED)
		return app->view->action(app, ACTION_MOVE_UP);
	if (ev.bstate & BUTTON5_PRESSED)
		return app->view->action(app, ACTION_MOVE_DOWN);
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
	if (app->prompt == UI_PROMPT_FILTER)
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
		if (key == KEYC_ESC && app->view != &view_timeline_ops)
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
	return app->view->action(app, a);
}

/* Run a script command; false to stop. */
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
	}
}

/* The next key; KEYC_NONE on a timeout (or a script command done). */
static int32_t
ui_next_key(struct app *app)
{
	wint_t	wc;
	int	status;

	if (app->script != NULL) {
		struct ui_step *s;

		if (ui_script.next >= ui_script.n) {
			app->quit = true;
			return KEYC_NONE;
		}
		s = &ui_script.v[ui_script.next++];
		if (s->command != NULL) {
			ui_command(app, s->command);
			return KEYC_NONE;
		}
		return s->key;
	}
	status = get_wch(&wc);
	if (status == ERR)
		return KEYC_NONE;
	return ui_translate(status, wc);
}

static void
ui_loop(struct app *app)
{
	enum ui_reaction	r = UI_RELAYOUT;
	int32_t			key;

	while (!app->quit && ui_signalled == 0) {
		if (r == UI_RELAYOUT)
			ui_layout(app);
		if (r != UI_NOTHING)
			ui_draw(app);
		/* A filter still being tested: look for a key without
		 * waiting, and go on testing while there is none.  A file
		 * loading: look at it often. */
		timeout(browse_filtering(&app->br) ? 0 : app->loader != NULL ?
		    UI_LOAD_FRAME_MS : UI_POLL_MS);
		key = ui_next_key(app);
		if (app->loader != NULL && ui_loader_done(app->loader)) {
			ui_load_finish(app);
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
			if (app->script == NULL && ui_files_changed(app)) {
				ui_reload(app);
				r = UI_REDRAW;
			}
			continue;
		}
		r = ui_key(app, key);
	}
}

static void
ui_free(struct app *app)
{
	int	i;

	for (i = 0; i < UI_PROMPT_COUNT; i++)
		lineedit_free(&app->edit[i]);
	browse_free(&app->br);
	timeline_free(&app->tl);
	diag_free(&app->diags);
	keymap_free(&app->keys);
	ui_edit_finish(app);
	ui_edit_free(app);
	conf_free(&app->conf);
	diag_free(&app->conf_diags);
	free(app->stamps);
	free(app->message);
	free(app->prompt_error);
	free(app->filter_before);
	free(app->density.counts);
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
ui_run(char **paths, size_t npaths, const char *filter, const char *config)
{
	struct app	 app;
	char		*err = NULL;
	size_t		 col = 0;
	int		 status;
	bool		 started = false;

	memset(&app, 0, sizeof app);
	app.paths = paths;
	app.npaths = npaths;
	app.view = &view_timeline_ops;
	app.zoom = RULER_ZOOM_ALL;
	app.script = getenv("TLV_SCRIPT");
	if (app.script != NULL && *app.script == '\0')
		app.script = NULL;
	if (app.script != NULL)
		ui_script_load(app.script);
	keymap_init_defaults(&app.keys);
	ui_configure(&app, config, &filter);
	if (app.script == NULL &&
	    ui_input_bytes(paths, npaths) >= UI_LOAD_SCREEN_MIN) {
		ui_start(&app);
		started = true;
		if (!ui_load_head(&app) && !ui_load_with_screen(&app))
			ui_quit_loading();
	} else
		ui_load(&app);
	browse_init(&app.br, &app.tl);
	if (filter != NULL && !browse_set_filter(&app.br, filter, &err, &col))
		fatal("invalid filter at column %zu: %s", col + 1, err);
	if (app.diags.errors + app.conf_diags.errors > 0)
		ui_message(&app, true, "%zu error%s in the files: E shows them",
		    app.diags.errors + app.conf_diags.errors,
		    app.diags.errors + app.conf_diags.errors == 1 ? "" : "s");
	if (!started)
		ui_start(&app);
	if (!app.utf8)
		ui_say_charset(&app);
	ui_loop(&app);
	if (app.loader != NULL)
		ui_quit_loading();
	ui_end();
	xmalloc_set_fatal_hook(NULL);
	status = app.diags.errors > 0 ? 1 : 0;
	if (ui_signalled != 0)
		status = 128 + ui_signalled;
	ui_free(&app);
	ui_script_free();
	return status;
}
