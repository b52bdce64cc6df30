/* SPDX-License-Identifier: MIT */
/*
 * The interactive viewer.  Only ui*.c and view_*.c include curses.
 *
 * One struct app, owned by ui_run(), holds what the views share: the
 * timeline, the browse state, the message and the prompt, the screen.
 * What is one view's, or the editor's, is that file's own (a view's
 * private state; app->edits), opaque to the rest.  Views are tables of
 * functions (struct view_ops); a view's action handler returns what must
 * be redrawn and the main loop repaints -- no handler refreshes the screen
 * itself.
 *
 * The files, each calling only those below it: ui.c (the loop, the layout,
 * keys to views: the one file that names the views), view_*.c (the views;
 * view_lanes.c is the list view's lanes, not a view of its own), ui_find.c
 * (search, filter, go to), ui_edit.c (changes), ui_reporter.c (a reporter's
 * keys: o y m ' x), ui_files.c (loading, reload), ui_changes.c (what changed
 * since a commit), ui_view.c (which view is shown, the whole screen drawn),
 * ui_term.c (the terminal), ui_prompt.c (the status line and the prompts),
 * ui_script.c (the tests' key scripts), ui_draw.c (drawing helpers).  A view
 * reaches another only through ui_view_show -- but for the list's r, which
 * asks view_related.c's ui_related_open to follow the link or open its
 * chooser -- and a prompt its opener only through its hooks.
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
struct buf;

/* What a handler changed: the main loop redraws accordingly. */
enum ui_reaction {
	UI_NOTHING,
	UI_REDRAW,		/* repaint the current view */
	UI_RELAYOUT,		/* sizes changed: clear and repaint */
	UI_PASS			/* an action not the view's: the loop's */
};

/*
 * The views.  Each is a table of functions in its own view_*.c and a slot
 * here; ui.c's table (ui_views) puts the two together, and nothing else
 * names a view's table: a view shows another with ui_view_show(app, id).
 *
 * A view's own state is its private struct, private_size bytes that
 * ui_run allocates zeroed before anything runs and frees (after free_private)
 * at the end; the view finds it with ui_view_private(app, its id), and no
 * other file looks inside.  To add a view: an id below, a view_*.c with
 * its ops (draw and action at least), its line in ui.c's ui_views and in
 * Makefile.am; the key that opens it calls ui_view_show.
 *
 * A key flows: the terminal (ui_read_key) or a test's script, to the
 * prompt if one is open (ui_prompt_key), else through the key map to an
 * action (action.h), which goes to the current view's action.  The view
 * handles what it knows and returns UI_PASS for the rest, which the loop
 * does the same way for every view (ui_act in ui.c): q quits from the
 * list and goes back to it from elsewhere, ? and E open the help and the
 * problems from the list and go back from anywhere else.  A view that
 * shows the events can pass on the finding keys to ui_find_action first.
 * To add a key: its row in action.h's ACTION_LIST (name, default keys,
 * flags, help: the help page, the man page check and the config follow),
 * then its case in the action of the view(s) it is for.
 */
enum ui_view_id {
	UI_VIEW_TIMELINE,	/* the list: view_timeline.c */
	UI_VIEW_HELP,		/* view_pager.c */
	UI_VIEW_DIAG,		/* the problems: view_pager.c */
	UI_VIEW_RELATED,	/* the related links' chooser: view_related.c */
	UI_VIEW_SOURCES,	/* o's chooser of URLs: view_sources.c */
	UI_VIEW_COUNT
};

struct view_ops {
	const char	*name;
	size_t		 private_size;	/* of its own state (0: none) */
	void		(*free_private)(void *);	/* or NULL */
	/* Shown by ui_view_show (NULL: nothing to do). */
	void		(*enter)(struct app *);
	/* The events changed under it -- a reload, a new filter, a jump
	 * from another view: forget scroll positions (NULL: nothing). */
	void		(*reset)(struct app *);
	/* The screen's size changed (NULL: nothing); called for every
	 * view, shown or not, before the next draw. */
	void		(*layout)(struct app *);
	void		(*draw)(struct app *);
	enum ui_reaction (*action)(struct app *, enum action);
	/* A mouse click at screen row y, column x (NULL: ignored). */
	enum ui_reaction (*click)(struct app *, int y, int x);
	/* The status line's key hint when there is no message (NULL: none). */
	void		(*hint)(struct app *, struct buf *);
	/* The status line ends with "row/count" of the cursor in the list. */
	bool		 position;
};

extern const struct view_ops view_timeline_ops;
extern const struct view_ops view_help_ops;
extern const struct view_ops view_diag_ops;
extern const struct view_ops view_related_ops;
extern const struct view_ops view_sources_ops;

/* Prompts: a kind has its label and its own history (lineedit). */
enum ui_prompt_kind {
	UI_PROMPT_NONE,
	UI_PROMPT_SEARCH,
	UI_PROMPT_FILTER,
	UI_PROMPT_GOTO,
	UI_PROMPT_NOTE,
	UI_PROMPT_CONFIRM,	/* D: y deletes */
	UI_PROMPT_EDIT_AGAIN,	/* the editor's text is invalid: e or d */
	UI_PROMPT_EXPORT_FORMAT, /* x: which format */
	UI_PROMPT_EXPORT_PATH,	/* x: which file */
	UI_PROMPT_COUNT
};

/*
 * What a prompt does, given by whoever opens it (ui_prompt_open): the
 * prompt itself knows nothing of searching, filtering or editing.  A
 * prompt with answer set is a one-key question (the message is the
 * question): every key goes to answer, which closes the prompt
 * (ui_prompt_close) when it is answered.  Otherwise it is a line: accept
 * gets the text on Enter (the prompt closed already), change (if set)
 * every edit as it is typed, cancel (if set) Esc.  done (if set) gets
 * ctx once the prompt has closed and its hooks have run (free, say).
 */
struct ui_prompt_hooks {
	void	(*accept)(struct app *, const char *text, void *ctx);
	void	(*change)(struct app *, const char *text, void *ctx);
	void	(*cancel)(struct app *, void *ctx);
	void	(*answer)(struct app *, int32_t key, void *ctx);
	void	(*done)(void *ctx);
	void	*ctx;
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

struct ui_changes;
struct ui_edits;
struct ui_loader;
struct ui_reporter;
struct ui_script;

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
	struct ui_view {
		const struct view_ops	*ops;
		void			*priv;	/* its own state */
	}			 views[UI_VIEW_COUNT];
	enum ui_view_id		 view_id;	/* the view shown */
	const struct view_ops	*view;		/* = views[view_id].ops */
	char			*message;	/* status line, or NULL */
	bool			 message_error;
	bool			 quit;

	/* prompt (ui_prompt.c) */
	enum ui_prompt_kind	 prompt;
	struct lineedit		 edit[UI_PROMPT_COUNT];
	struct ui_prompt_hooks	 prompt_hooks;	/* of the prompt open */
	char			*prompt_error;	/* shown after the text */

	/* screen */
	int			 rows, cols;
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

	const char		*author;	/* for notes, or NULL: $USER */
	struct conf		 conf;		/* the user's configuration */
	struct diag_list	 conf_diags;	/* its problems */
	struct ui_reporter	*reporter;	/* ui_reporter.c's own: marks,
						   the filter's env, x */
	struct ui_edits		*edits;		/* ui_edit.c's own: undo and
						   the editor's session */
	const char		*saving;	/* "saving PATH..." while
						   ui_edit.c writes a change
						   on its thread, else NULL:
						   nothing may change the
						   timeline (no reload) */
	struct ui_changes	*changes;	/* ui_changes.c's own: what
						   changed since a commit */
};

/* Run the viewer on paths (already validated); returns an exit status. */
/* config: the --config option, or NULL (see conf_path); since: the
 * --since commit, or NULL (HEAD). */
int	 ui_run(char **paths, size_t npaths, const char *filter,
	    const char *config, const char *since);

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

/* --- the timeline view's lanes (view_lanes.c) --- */

/* What 'T' draws in the list view's main area (under its header, ruler
 * and detail pane, which it shares): the events as bars in lanes.  The
 * list view owns one (its own state) and calls these. */
struct ui_lanes;
struct ui_lanes	*ui_lanes_new(void);
void	 ui_lanes_free(struct ui_lanes *);
/* Columns of the lane names at the left (the plot and the ruler above
 * start one after). */
int	 ui_lanes_name_width(const struct app *);
/* The window: the ruler framed at zoom around center, width columns,
 * shifted by the lanes' pan (which a move of the cursor or a new zoom
 * puts back to none). */
void	 ui_lanes_frame(const struct app *, struct ui_lanes *, enum ruler_zoom,
	    date_time center, size_t width, struct ruler *);
/* Draw the lanes of the shown events on ruler r in rows [y, y + h). */
void	 ui_lanes_draw(struct app *, struct ui_lanes *, const struct ruler *,
	    int y, int h);
/* L, Left, Right (UI_NOTHING for the rest, which the list handles). */
enum ui_reaction ui_lanes_action(struct app *, struct ui_lanes *,
	    enum action);
/* A click on a bar or its title selects its event. */
enum ui_reaction ui_lanes_click(struct app *, struct ui_lanes *, int y,
	    int x);

/* --- the main loop (ui.c) --- */

/* The layout for the current size (every view's layout). */
void	 ui_layout(struct app *);

/* --- the views (ui_view.c) --- */

/* Show view id (its enter first). */
void	 ui_view_show(struct app *, enum ui_view_id);
/* View id's own state (view_ops.private_size bytes). */
void	*ui_view_private(const struct app *, enum ui_view_id);
/* The events changed under the views: every view's reset. */
void	 ui_views_reset(struct app *);
/* Draw the whole screen now (for a message during a long wait). */
void	 ui_draw(struct app *);
/* Scroll text whose first line shown is *top by a line, a page, to the
 * top (and to the end if to_end: the drawing clamps it); false if a is
 * not a scroll. */
bool	 ui_scroll(size_t *top, size_t page, enum action, bool to_end);
/* A chooser's keys (the related links', the sources'): j/k move *row
 * among n rows, g/G and PgUp/PgDn to the first/last, BACK goes back to
 * the list, ? and E do nothing (the chooser is the cursor's event's:
 * close it first); UI_PASS for the rest (q: back to the list). */
enum ui_reaction ui_chooser_action(struct app *, size_t *row, size_t n,
	    enum action);

/* --- the terminal (ui_term.c) --- */

/* How long getch waits before the files are checked again (ms), and how
 * often the screen shows how far a load got. */
#define UI_POLL_MS		500
#define UI_LOAD_FRAME_MS	100
#define UI_SAVE_POLL_MS		20	/* while a save is written */

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

/* A monotonic clock, in milliseconds. */
double	 ui_now_ms(void);
/* Set the status line message (printf-style); error: shown in red. */
void	 ui_message(struct app *, bool error, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* Open the prompt of a kind, its line starting as text (or empty), doing
 * what hooks say (copied).  To add a prompt: a kind, its label in
 * ui_prompt.c, and the hooks of whoever opens it. */
void	 ui_prompt_open(struct app *, enum ui_prompt_kind, const char *text,
	    const struct ui_prompt_hooks *);
void	 ui_prompt_close(struct app *);
/* The end: the prompts' lines and history. */
void	 ui_prompt_free(struct app *);
/* What is wrong with the text typed so far, shown after it (NULL: clear);
 * for a change hook. */
void	 ui_prompt_set_error(struct app *, const char *);
/* A key while a prompt is open. */
enum ui_reaction ui_prompt_key(struct app *, int32_t key);
/* The bottom line: the prompt, or the message, or the view's key hint. */
void	 ui_draw_status(struct app *);
/* Test events of the filter being applied for about ms milliseconds (all
 * of them under a key script). */
#define UI_FILTER_SLICE_MS	8
void	 ui_filter_work(struct app *, double ms);

/* --- the files (ui_files.c) --- */

/* The status line says how many errors the files and the config have,
 * each by name, and that E shows them. */
void	 ui_say_errors(struct app *);

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
 * same event, and say how it went; ui_reload_quiet says nothing and keeps
 * the cursor on keep_id when given. */
void	 ui_reload(struct app *);
void	 ui_reload_quiet(struct app *, const char *keep_id);
/*
 * This tlv saved a change to file fi (where: what save_change said of
 * it, or NULL): put it into the timeline in place (apply.h) where it can
 * be, else load only that file again, else every file, keeping the
 * cursor on keep_id when given; the other files' stamps stay.
 */
void	 ui_saved(struct app *, uint32_t fi, const struct save_where *where,
	    const char *keep_id);
/* Whether only the first events are loaded yet (and how far the whole
 * load got, if pct). */
bool	 ui_loading(const struct app *, unsigned *pct);

/* --- finding events (ui_find.c) --- */

/* Open the prompt that searches (UI_PROMPT_SEARCH), filters as it is
 * typed (UI_PROMPT_FILTER) or goes to a date (UI_PROMPT_GOTO) in the
 * list (app->br), for any view that shows the events. */
void	 ui_find_open(struct app *, enum ui_prompt_kind);
/* The finding keys: / f : open those prompts, n N go to the next match,
 * F clears the filter; UI_PASS for any other action. */
enum ui_reaction ui_find_action(struct app *, enum action);

/* --- related links (view_related.c) --- */

/* 'r': follow the cursor's event's only related link, or open the chooser
 * of its links. */
void	 ui_related_open(struct app *);

/* --- a reporter's keys (ui_reporter.c) --- */

/* Once, after the configuration and before the first filter: the user's
 * marks, and the filter's env (app->br.env: @NAME, has:mark), Tab's
 * saved filter names in the f prompt. */
void	 ui_reporter_init(struct app *);
/* The events changed (a reload): the marks' flags are worked out again. */
void	 ui_reporter_reset(struct app *);
/* Whether the user marked e (an event of app->tl). */
bool	 ui_reporter_marked(struct app *, const struct tl_event *);
/* o, y, m, ', x; UI_PASS for any other action. */
enum ui_reaction ui_reporter_action(struct app *, enum action);
/* Open url in the browser (refused unless http or https) and say so. */
void	 ui_reporter_open_url(struct app *, const char *url);
void	 ui_reporter_free(struct app *);

/* --- what changed since a commit (ui_changes.c) --- */

/* Once, before the first load: the commit to compare with (--since;
 * NULL: HEAD). */
void	 ui_changes_init(struct app *, const char *since);
/* The files were loaded (again): ask git, on a thread, what changed in
 * them since the commit (changes.h). */
void	 ui_changes_start(struct app *);
/* The same before the first load (of files small enough to load at
 * once), for the files it will load: git works while they load. */
void	 ui_changes_start_early(struct app *);
/* If git's answer came (under a key script: once it comes), mark the
 * timeline with it (app->tl.changed), apply the filter again if it uses
 * changed:, and return true. */
bool	 ui_changes_poll(struct app *);
/* When idle: if a commit or a checkout changed what the last answer was
 * from (git's HEAD, the branch, the index), ask git again and return
 * true; the marks follow once it answers. */
bool	 ui_changes_watch(struct app *);
/* What changed in e (an event of app->tl) since the commit: STORYDIFF_*
 * bits, 0 if nothing or not known. */
unsigned ui_changes_of(const struct app *, const struct tl_event *);
/* After a filter is set: if it uses changed: and nothing is known, say
 * why in the message. */
void	 ui_changes_explain(struct app *);
/* c, C: the next, previous changed event shown; UI_PASS for any other. */
enum ui_reaction ui_changes_action(struct app *, enum action);
void	 ui_changes_free(struct app *);

/* --- changes (ui_edit.c) --- */

/* Each says how it went in the message.  The state of editing (undo, the
 * editor's session) is ui_edit.c's own (app->edits). */
void	 ui_edit_note(struct app *, const char *text);
void	 ui_edit_delete(struct app *);
void	 ui_edit_undo(struct app *);
void	 ui_edit_event(struct app *);
void	 ui_edit_add(struct app *);
/* False, with the reason as the message, if file fi may not be written
 * (save_not_writable): the edit keys say so before they ask anything. */
bool	 ui_edit_allowed(struct app *, uint32_t fi);
/* The same for a note (a: not into a TimelineJS file, edit.h's
 * edit_fields_allowed). */
bool	 ui_edit_note_allowed(struct app *, uint32_t fi);
/* Open the editor on a file at a line (a problem's place), then reload. */
void	 ui_edit_problem(struct app *, const char *path, unsigned line);
/* The end: the editor's file removed, the changes kept for undo
 * forgotten. */
void	 ui_edit_free(struct app *);

/*
 * A change is written on a thread of its own (ui_edit.c), after waiting,
 * if another program holds the file's save lock, for it to be free:
 * meanwhile the viewer reads keys and draws, and nothing may change the
 * timeline.  While one is on its way, app->saving says so (the loop then
 * polls often and looks for no changed files; the status line shows it).
 * ui_edit_poll: try the lock again, or end a save that is written (wait:
 * wait for either): true if one ended, and the timeline shown changed.
 * ui_edit_settle: wait for one.  ui_edit_quit: before the screen ends,
 * wait for one, saying so (after a signal, not for a lock: the change is
 * dropped); why it failed (malloc'd), or NULL.
 */
bool	 ui_edit_poll(struct app *, bool wait);
void	 ui_edit_settle(struct app *);
char	*ui_edit_quit(struct app *);

#endif
