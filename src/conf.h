/* SPDX-License-Identifier: MIT */
/*
 * The user's configuration file (tlv(1), CONFIGURATION): one directive a
 * line, words separated by blanks, "double quotes" (with \" and \\) around
 * a word that has blanks or starts with '#', and '#' starting a comment
 * where a word could start:
 *
 *	author alice			# default 'by' for notes
 *	color alleged yellow		# a status's colour
 *	color file 2 magenta		# a file's colour (1-based index or name)
 *	bind j move-down		# key names as in action.h
 *	unbind x
 *	filter -tag:test		# the filter the viewer opens with
 *	filter mine = has:mark tag:x	# a saved filter: @mine in a query
 *	date-display as-written		# or iso
 *
 * Plain C, no curses: colours are curses' numbers (0-7, -1 for the
 * terminal's default) kept as ints; the viewer maps them.  A later line
 * overrides an earlier one.  Every problem becomes a diagnostic
 * FILE:LINE:COL: error: MESSAGE; the line is skipped and the rest still
 * applies, so tlv always starts.  The file is named "conf" rather than
 * "config" so that it does not shadow autoconf's config.h.
 */
#ifndef TLV_CONF_H
#define TLV_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "action.h"
#include "query.h"
#include "timeline.h"

struct diag_list;

#define CONF_COLOR_UNSET	(-2)	/* not configured: the built-in one */
#define CONF_COLOR_DEFAULT	(-1)	/* the terminal's default colour */

enum conf_date_display {
	CONF_DATE_AS_WRITTEN = 0,	/* the default */
	CONF_DATE_ISO
};

/* "bind KEY ACTION"; "unbind KEY" has action ACTION_NONE. */
struct conf_binding {
	int32_t		 key;
	enum action	 action;
};

/* "color file N|NAME COLOUR": index is 1-based, 0 when given by name. */
struct conf_file_color {
	unsigned	 index;
	char		*name;		/* or NULL (owned) */
	int		 color;
};

/* Everything owned by the struct; conf_free() releases it. */
struct conf {
	char			*author;	/* or NULL: $USER */
	int			 status_color[TL_STATUS_COUNT]; /* or UNSET */
	struct conf_file_color	*file_colors;	/* in file order */
	size_t			 nfile_colors;
	struct conf_binding	*bindings;	/* in file order */
	size_t			 nbindings;
	char			*filter;	/* or NULL; a valid query */
	struct query_saved	*saved;		/* "filter NAME = QUERY", in
						   file order (name and text
						   owned); each a valid
						   query with all of them
						   (no loop) */
	size_t			 nsaved;
	enum conf_date_display	 date_display;
};

/* The defaults: nothing set. */
void	 conf_init(struct conf *);

/*
 * Which file to read: option (--config) if not NULL, else $TLV_CONFIG if
 * set and not empty, else $XDG_CONFIG_HOME/tlv/config, else
 * $HOME/.config/tlv/config.  *required is true for the first two (a
 * missing file is then an error).  Returns a malloc'd path, or NULL when
 * there is no HOME to look in.
 */
char	*conf_path(const char *option, bool *required);

/*
 * Read path into c (which conf_init() prepared, or an earlier load filled:
 * later settings override).  A missing file is no error unless required.
 * Problems go to diags as "path:LINE:COL: error: ..."; returns false if
 * there were any.  Never prints, never exits.
 */
bool	 conf_load(struct conf *, const char *path, bool required,
	    struct diag_list *);

/* Apply the bindings, in order, to km (keymap_bind; unbind is NONE). */
void	 conf_apply_keys(const struct conf *, struct keymap *km);

/*
 * The colour configured for a loaded file: file is its 0-based index,
 * path its path as loaded; a name matches the whole path or its last
 * component.  The last matching line wins; CONF_COLOR_UNSET if none.
 */
int	 conf_file_color(const struct conf *, size_t file, const char *path);

/* An env for query_parse_env with the saved filters (nothing marked);
 * it borrows c. */
void	 conf_query_env(const struct conf *, struct query_env *);

/* Colour number by name ("red", "default", ...); false if unknown. */
bool	 conf_color_parse(const char *name, int *color);

void	 conf_free(struct conf *);

#endif
