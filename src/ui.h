/* SPDX-License-Identifier: MIT */
/*
 * The interactive viewer.  Only ui*.c and view_*.c include curses.
 *
 * One struct app, owned by ui_run(), holds everything: the timeline, the
 * browse state, the views, the prompts.  Views are tables of functions
 * (struct view_ops); a view's action handler returns what must be redrawn
 * and the main loop repaints -- no handler refreshes the screen itself.
 *
 * The files, from the top: ui.c (the loop, the layout, keys to views),
 * view_*.c (the views), ui_edit.c (changes), ui_files.c (loading, reload),
 * ui_prompt.c (the status line and prompts), ui_script.c (the tests' key
 * scripts), ui_term.c (the terminal), ui_draw.c (drawing helpers).
 */
#ifndef TLV_UI_H
#define TLV_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action.h"
#include "browse.h"
#include "buf.h"
#include "conf.h"
#include "diag.h"
#include "lineedit.h"
#include "ruler.h"
#include "save.h"
#include "timeline.h"

struct app;

/* What a handler changed: the main loop redraws accordingly. */
enum ui_reaction {
	UI_NOTHING,
	UI_REDRAW,		/* repaint the current view */
	UI_RELAYOUT		/* sizes changed: clear and repaint */
};

struct view_ops {
	const char	*name;
	void		(*draw)(struct app *);
	enum ui_reaction (*action)(struct app *, enum action);
	/* A mouse click at screen row y, column x (NULL: ignored). */
	enum ui_reaction (*click)(struct app *, int y, int x);
};

extern const struct view_ops view_timeline_ops;
extern const struct view_ops view_help_ops;
extern const struct view_ops view_diag_ops;
extern const struct view_ops view_related_ops;

enum ui_prompt_kind {
	UI_PROMPT_NONE,
	UI_PROMPT_SEARCH,
	UI_PROMPT_FILTER,
	UI_PROMPT_GOTO,
	UI_PROMPT_NOTE,
	UI_PROMPT_CONFIRM,	/* D: y deletes */
	UI_PROMPT_EDIT_AGAIN,	/* the editor's text is invalid: e or d */
	UI_PROMPT_COUNT
};

/* Colour pairs (attributes only when colour is off). */
enum ui_color {
	UI_COLOR_NORMAL,
	UI_COLOR_HEADER,
	UI_COLOR_CONFIRMED,
	UI_COLOR_REPORTED,
	UI_COLOR_ALLEGED,
	UI_COLOR_DISPUTED,
	UI_COLOR_DENIED,
	UI_COLOR_RULER,
	UI_COLOR_CURSOR,	/* the selected event on the ruler */
	UI_COLOR_MATCH,		/* search matches */
	UI_COLOR_ERROR,
	UI_COLOR_TITLE,		/* pane titles */
	UI_COLOR_FILE0,		/* file markers: FILE0 .. FILE0+5 */
	UI_COLOR_COUNT = UI_COLOR_FILE0 + 6,
	UI_COLOR_FILE_CONF = UI_COLOR_COUNT	/* + file: configured ones */
};

struct ui_loader;
struct ui_script;
struct ui_undo;

struct app {
	/* data */
	struct timeline		 tl;
	struct ui_loader	*loader;	/* the whole timeline loading
						   on a thread, tl its first
						   events; or NULL */
	struct diag_list	 diags;
	char			**paths;
	size_t			 npaths;
	date_time		 lo, hi;	/* finite extent of the events */
	size_t			 datew;		/* date column width */

	/* state */
	struct browse		 br;
	const struct view_ops	*view;
	enum ruler_zoom		 zoom;
	bool			 detail;	/* detail pane shown */
	bool			 detail_focus;
	size_t			 detail_top;	/* first line shown */
	size_t			 pager_top;	/* help / diagnostics */
	size_t			 diag_cursor;	/* the problem selected */
	size_t			 related_row;	/* the chooser's link */
	char			*message;	/* status line, or NULL */
	bool			 message_error;
	bool			 quit;

	/* prompt */
	enum ui_prompt_kind	 prompt;
	struct lineedit		 edit[UI_PROMPT_COUNT];
	char			*prompt_error;	/* filter as you type */
	char			*filter_before;	/* to restore on Esc */

	/* The ruler's density as last drawn: a cursor move within the same
	 * frame draws it again without going over every event shown. */
	struct ui_density {
		float		*counts;
		size_t		 width;
		date_time	 start, end;
		uint64_t	 version;	/* of br's shown[] */
	}			 density;	/* counts NULL: not yet */

	/* screen */
	int			 rows, cols;
	int			 list_y, list_h;	/* list rows */
	int			 ruler_y, ruler_h;
	int			 detail_y, detail_h;
	bool			 color;
	bool			 utf8;
	bool			 file_color[26];	/* pair FILE_CONF + i set */
	struct keymap		 keys;

	/* files, for live reload */
	struct ui_stamp {
		long long	mtime_ns;
		long long	size;
		unsigned long long ino;
		bool		writable;	/* save_writable() */
	}			*stamps;	/* per file, from the last
						   load or poll */
	const char		*script;	/* TLV_SCRIPT, or NULL */
	struct ui_script	*steps;		/* its keys and commands */

	/* editing (ui_edit.c) */
	struct ui_undo		*undo;		/* oldest first */
	size_t			 nundo;
	const char		*author;	/* for notes, or NULL: $USER */
	struct conf		 conf;		/* the user's configuration */
	struct diag_list	 conf_diags;	/* its problems */
	char			*edit_path;	/* the editor's file */
	char			*edit_orig;	/* its text before editing */
	char			*edit_id;	/* the event edited; NULL: new */
	uint32_t		 edit_file;	/* where a new event goes */
};

/* Run the viewer on paths (already validated); returns an exit status. */
/* config: the --config option, or NULL (see conf_path). */
int	 ui_run(char **paths, size_t npaths, const char *filter,
	    const char *config);

/* Set the status line message (printf-style); error: shown in red. */
void	 ui_message(struct app *, bool error, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

/* Draw the whole screen now (for a message during a long wait). */
void	 ui_draw(struct app *);

/* --- drawing helpers (ui_draw.c) --- */

/* Attribute for a colour pair, honouring monochrome. */
int	 ui_attr(const struct app *, enum ui_color);
int	 ui_status_attr(const struct app *, enum tl_status);
/* Attribute of a file's marker (configured colour, else one of six). */
int	 ui_file_attr(const struct app *, uint32_t file);
/* Draw text (sanitised, one line) at y, x in at most width cells; returns
 * the cells used.  pad: fill the rest with spaces. */
int	 ui_put(int y, int x, const char *s, size_t len, int width, bool pad);
/* Whether the terminal takes UTF-8 (else ui_put draws text beyond ASCII
 * as "<U+XXXX>"); set once, when the screen starts. */
void	 ui_draw_charset(bool utf8);
/* Append s as ui_put will draw it (without UTF-8: ASCII, placeholders),
 * for a caller that measures text before drawing it. */
void	 ui_screen_text(struct buf *, const char *s, size_t len);
/* Fill [x, x + width) of row y with spaces. */
void	 ui_blank(int y, int x, int width);

/* --- the main loop (ui.c) --- */

/* The layout for the current size. */
void	 ui_layout(struct app *);

/* --- the terminal (ui_term.c) --- */

/* How long getch waits before the files are checked again (ms), and how
 * often the screen shows how far a load got. */
#define UI_POLL_MS		500
#define UI_LOAD_FRAME_MS	100

/* Start curses (on /dev/null for a key script), colours, keys, signals;
 * sets app->rows, app->cols. */
void	 ui_start(struct app *);
/* End curses if it runs (also the fatal() hook). */
void	 ui_end(void);
/* The signal (SIGINT, SIGTERM, SIGHUP) that ends the viewer, or 0. */
int	 ui_signal(void);
/* The next key from the terminal as a tlv key code (action.h); KEYC_NONE
 * when none came within the timeout. */
int32_t	 ui_read_key(void);
/* Once, at the start: say why text beyond ASCII shows as <U+XXXX>. */
void	 ui_say_charset(struct app *);

/* --- the key script of the tests (ui_script.c) --- */

/* Read the script (TLV_SCRIPT): fatal if it cannot be read. */
struct ui_script *ui_script_load(const char *path);
/* The next step: a key (*command NULL) or a command such as
 * "save-screen FILE"; false at the end. */
bool	 ui_script_next(struct ui_script *, int32_t *key,
	    const char **command);
void	 ui_script_free(struct ui_script *);
/* Write the screen as text, one line per row, trailing blanks removed. */
void	 ui_save_screen(const struct app *, const char *path);

/* --- the status line and the prompts (ui_prompt.c) --- */

/* Open the prompt of a kind. */
void	 ui_prompt_open(struct app *, enum ui_prompt_kind);
/* A key while a prompt is open. */
enum ui_reaction ui_prompt_key(struct app *, int32_t key);
/* The bottom line: the prompt, or the message, or a key hint. */
void	 ui_draw_status(struct app *);
/* Test events of the filter being applied for about ms milliseconds (all
 * of them under a key script). */
#define UI_FILTER_SLICE_MS	8
void	 ui_filter_work(struct app *, double ms);

/* --- the files (ui_files.c) --- */

/* The first load of everything named: big inputs load on a thread behind
 * a progress screen (or with the first events at once), which starts the
 * terminal (true); a quit meanwhile ends the process. */
bool	 ui_load_first(struct app *);
/* The whole timeline has loaded on its thread: it takes the place of the
 * first events (true). */
bool	 ui_load_poll(struct app *);
/* Quit while the loading thread still runs, without waiting for it. */
void	 ui_quit_loading(void) __attribute__((noreturn));
/* Whether a file changed on disk since it was loaded or last polled. */
bool	 ui_files_changed(const struct app *);

/* Reload every file (after a change on disk), keeping the cursor on the
 * same event; ui_reload_quiet says nothing and keeps the cursor on keep_id
 * when given. */
void	 ui_reload(struct app *);
/* Whether only the first events are loaded yet (and how far the whole
 * load got, if pct). */
bool	 ui_loading(const struct app *, unsigned *pct);
void	 ui_reload_quiet(struct app *, const char *keep_id);

/* 'r': follow the cursor's event's only related link, or open the chooser
 * of its links (view_related.c). */
void	 ui_related_open(struct app *);

/* --- changes (ui_edit.c) --- */
void	 ui_edit_note(struct app *, const char *text);
void	 ui_edit_delete(struct app *);
void	 ui_edit_undo(struct app *);
void	 ui_edit_event(struct app *);
void	 ui_edit_add(struct app *);
/* False, with the reason as the message, if file fi may not be written
 * (save_not_writable): the edit keys say so before they ask anything. */
bool	 ui_edit_allowed(struct app *, uint32_t fi);
/* After invalid editor text: edit again (true) or discard. */
void	 ui_edit_again(struct app *, bool again);
void	 ui_edit_finish(struct app *);
/* Open the editor on a file at a line (a problem's place), then reload. */
void	 ui_edit_problem(struct app *, const char *path, unsigned line);
/* Forget the changes kept for undo. */
void	 ui_edit_free(struct app *);

#endif
