/* SPDX-License-Identifier: MIT */
/*
 * The viewer's actions: one table that drives key bindings, the help
 * screen and the man page's key list, so they cannot drift apart.
 *
 *	_(ENUM, "name", "default keys", flags, "help text")
 *
 * Default keys are written in the same syntax a user's config uses: single
 * characters, or names such as Down, PgDn, Space, Enter, Tab, Esc, C-l
 * (Control-L), separated by spaces.  Flags (ACTION_F_*, or 0) say what
 * the viewer must know of an action before it runs: ACTION_F_EDITS, it
 * changes a file -- refused while a big file is still loading.  Plain C:
 * the key codes are tlv's own (enum action_key), which the UI maps to and
 * from curses.
 */
#ifndef TLV_ACTION_H
#define TLV_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What an action is (action_info()->flags). */
#define ACTION_F_EDITS	0x1u	/* changes a file */

#define ACTION_LIST(_)							\
	_(MOVE_DOWN, "move-down", "j Down", 0, "next event")		\
	_(MOVE_UP, "move-up", "k Up", 0, "previous event")			\
	_(PAGE_DOWN, "page-down", "PgDn Space C-f", 0, "one page down")	\
	_(PAGE_UP, "page-up", "PgUp b C-b", 0, "one page up")		\
	_(MOVE_FIRST, "move-first", "g Home", 0, "first event")		\
	_(MOVE_LAST, "move-last", "G End", 0, "last event")		\
	_(DETAIL, "toggle-detail", "Enter", 0, "show or hide the detail pane") \
	_(FOCUS, "focus-detail", "Tab", 0, "focus the detail pane, so j/k scroll it (and back)") \
	_(SEARCH, "search", "/", 0, "search title, description, actors, tags, notes") \
	_(NEXT_MATCH, "next-match", "n", 0, "next search match")		\
	_(PREV_MATCH, "prev-match", "N", 0, "previous search match")	\
	_(FILTER, "filter", "f", 0, "filter query; the list follows as you type") \
	_(CLEAR_FILTER, "clear-filter", "F", 0, "clear the filter")	\
	_(PREV_PERIOD, "prev-period", "[", 0, "previous year (month when zoomed in)") \
	_(NEXT_PERIOD, "next-period", "]", 0, "next year (month when zoomed in)") \
	_(ZOOM_IN, "zoom-in", "z +", 0, "zoom the time ruler in")	\
	_(ZOOM_OUT, "zoom-out", "Z -", 0, "zoom the time ruler out")	\
	_(GOTO_DATE, "goto-date", ":", 0, "go to a date, e.g. :2022-10 or :late 2022") \
	_(TIMELINE_VIEW, "timeline-view", "T", 0, "the list or the timeline view (events on the time axis)") \
	_(LANES, "cycle-lanes", "L", 0, "lanes: file, actor, tag, status, outlet, none") \
	_(PAN_LEFT, "pan-left", "Left", 0, "timeline view: pan left a tenth of the window") \
	_(PAN_RIGHT, "pan-right", "Right", 0, "timeline view: pan right a tenth of the window") \
	_(FOLLOW, "follow-related", "r", 0, "follow the event's related link (more than one: choose)") \
	_(BACK, "back", "< Backspace", 0, "back to where 'r' came from")	\
	_(ANNOTATE, "annotate", "a", ACTION_F_EDITS, "add a note to the event (saved at once)") \
	_(EDIT, "edit", "e", ACTION_F_EDITS, "edit the event in $VISUAL or $EDITOR")	\
	_(ADD, "add", "A", ACTION_F_EDITS, "add an event (in the editor, from a template)") \
	_(DELETE, "delete", "D", ACTION_F_EDITS, "delete the event (asks first)")	\
	_(UNDO, "undo", "u", ACTION_F_EDITS, "undo the last change (again: the one before)") \
	_(OPEN_SOURCE, "open-source", "o", 0, "open a source of the event in $BROWSER or xdg-open (several: choose)") \
	_(COPY_CITATION, "copy-citation", "y", 0, "copy the event as a citation: date, title, status, sources (OSC 52)") \
	_(MARK, "mark", "m", 0, "mark or unmark the event (your marks, kept under $XDG_STATE_HOME/tlv)") \
	_(NEXT_MARK, "next-mark", "'", 0, "next marked event") \
	_(NEXT_CHANGE, "next-change", "c", 0, "next event changed since the last commit (or --since)") \
	_(PREV_CHANGE, "prev-change", "C", 0, "previous event changed since the last commit") \
	_(EXPORT, "export", "x", 0, "export what is shown (the filter) to a file: format and path asked") \
	_(DIAGNOSTICS, "diagnostics", "E", 0, "show problems found in the files (Enter: open one in the editor at its line)") \
	_(HELP, "help", "? F1 h", 0, "this help: every key")				\
	_(REDRAW, "redraw", "C-l", 0, "redraw the screen")			\
	_(QUIT, "quit", "q", 0, "quit (in help or problems: back to the list)")

enum action {
	ACTION_NONE = 0,
#define ACTION_ENUM(id, name, keys, flags, help) ACTION_##id,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION_COUNT
};

/* Key codes: Unicode code points, and these above them. */
enum action_key {
	KEYC_NONE = 0,
	KEYC_BASE = 0x110000,
	KEYC_UP, KEYC_DOWN, KEYC_LEFT, KEYC_RIGHT, KEYC_HOME, KEYC_END,
	KEYC_PGUP, KEYC_PGDN, KEYC_DELETE, KEYC_BACKSPACE, KEYC_RESIZE,
	KEYC_MOUSE,
	KEYC_F1, KEYC_F12 = KEYC_F1 + 11
};
#define KEYC_ENTER	'\n'
#define KEYC_TAB	'\t'
#define KEYC_ESC	0x1b
#define KEYC_CTRL(c)	((c) & 0x1f)

struct action_info {
	const char	*name;
	const char	*keys;	/* default bindings */
	unsigned	 flags;	/* ACTION_F_* */
	const char	*help;
};

const struct action_info *action_info(enum action);
/* Action by name ("move-down"); ACTION_NONE if unknown. */
enum action	 action_by_name(const char *);

/*
 * Parse one key name ("j", "Down", "C-l", "F1", "Space", "<", "é") into
 * *key.  False if it is not a key name.
 */
bool		 action_key_parse(const char *name, size_t len, int32_t *key);
/* Name of a key, as action_key_parse reads it, into buf (>= 16 bytes). */
const char	*action_key_name(int32_t key, char *buf, size_t n);

/* A key map: which action each key triggers. */
struct keymap {
	struct keymap_entry {
		int32_t		key;
		enum action	action;
	}		*v;
	size_t		 n;
};

/* The default bindings, from the table. */
void		 keymap_init_defaults(struct keymap *);
/* Bind (or rebind) key; ACTION_NONE unbinds. */
void		 keymap_bind(struct keymap *, int32_t key, enum action);
enum action	 keymap_lookup(const struct keymap *, int32_t key);
/* The keys bound to action, as names separated by ", " (into buf). */
struct buf;
void		 keymap_describe(const struct keymap *, enum action,
		    struct buf *);
void		 keymap_free(struct keymap *);

#endif
