/* SPDX-License-Identifier: MIT */
/*
 * The viewer's actions: one table that drives key bindings, the help
 * screen and the man page's key list, so they cannot drift apart.
 *
 *	_(ENUM, "name", "default keys", "help text")
 *
 * Default keys are written in the same syntax a user's config uses: single
 * characters, or names such as Down, PgDn, Space, Enter, Tab, Esc, C-l
 * (Control-L), separated by spaces.  Plain C: the key codes are tlv's own
 * (enum action_key), which the UI maps to and from curses.
 */
#ifndef TLV_ACTION_H
#define TLV_ACTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ACTION_LIST(_)							\
	_(MOVE_DOWN, "move-down", "j Down", "next event")		\
	_(MOVE_UP, "move-up", "k Up", "previous event")			\
	_(PAGE_DOWN, "page-down", "PgDn Space C-f", "one page down")	\
	_(PAGE_UP, "page-up", "PgUp b C-b", "one page up")		\
	_(MOVE_FIRST, "move-first", "g Home", "first event")		\
	_(MOVE_LAST, "move-last", "G End", "last event")		\
	_(DETAIL, "toggle-detail", "Enter", "show or hide the detail pane") \
	_(FOCUS, "focus-detail", "Tab", "focus the detail pane, so j/k scroll it (and back)") \
	_(SEARCH, "search", "/", "search title, description, actors, tags, notes") \
	_(NEXT_MATCH, "next-match", "n", "next search match")		\
	_(PREV_MATCH, "prev-match", "N", "previous search match")	\
	_(FILTER, "filter", "f", "filter query; the list follows as you type") \
	_(CLEAR_FILTER, "clear-filter", "F", "clear the filter")	\
	_(PREV_PERIOD, "prev-period", "[", "previous year (month when zoomed in)") \
	_(NEXT_PERIOD, "next-period", "]", "next year (month when zoomed in)") \
	_(ZOOM_IN, "zoom-in", "z +", "zoom the time ruler in")	\
	_(ZOOM_OUT, "zoom-out", "Z -", "zoom the time ruler out")	\
	_(GOTO_DATE, "goto-date", ":", "go to a date, e.g. :2022-10 or :late 2022") \
	_(FOLLOW, "follow-related", "r", "follow the event's related link (more than one: choose)") \
	_(BACK, "back", "< Backspace", "back to where 'r' came from")	\
	_(ANNOTATE, "annotate", "a", "add a note to the event (saved at once)") \
	_(EDIT, "edit", "e", "edit the event in $VISUAL or $EDITOR")	\
	_(ADD, "add", "A", "add an event (in the editor, from a template)") \
	_(DELETE, "delete", "D", "delete the event (asks first)")	\
	_(UNDO, "undo", "u", "undo the last change (again: the one before)") \
	_(DIAGNOSTICS, "diagnostics", "E", "show problems found in the files (Enter: open one in the editor at its line)") \
	_(HELP, "help", "? F1 h", "this help: every key")				\
	_(REDRAW, "redraw", "C-l", "redraw the screen")			\
	_(QUIT, "quit", "q", "quit (in help or problems: back to the list)")

enum action {
	ACTION_NONE = 0,
#define ACTION_ENUM(id, name, keys, help) ACTION_##id,
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
