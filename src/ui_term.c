/* SPDX-License-Identifier: MIT */
/*
 * The terminal: start-up and end, colours, the signals that end the
 * viewer, and curses keys as tlv key codes; see ui.h.
 */
#include "config.h"

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "ui.h"
#include "xmalloc.h"

static volatile sig_atomic_t ui_signalled;

void
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

void
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

void
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

int
ui_signal(void)
{
	return (int)ui_signalled;
}

int32_t
ui_read_key(void)
{
	wint_t	wc;
	int	status;

	status = get_wch(&wc);
	if (status == ERR)
		return KEYC_NONE;
	return ui_translate(status, wc);
}
