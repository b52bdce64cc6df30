/* SPDX-License-Identifier: MIT */
/*
 * The user's marks (SPEC section 5, 'm' and '''; has:mark in a query).
 * A mark belongs to the user, not to the timeline file: it is kept in
 * $XDG_STATE_HOME/tlv/marks (else ~/.local/state/tlv/marks), one mark a
 * line, "FILE<TAB>ID", FILE the absolute path of the timeline file and ID
 * the event's id, with '\', TAB and newline escaped as \\, \t and \n.  So
 * a mark survives a reload and any edit of the event that keeps its id; an
 * event without an id cannot be marked.
 *
 * The store is read again before each change and written whole to a
 * temporary file that is renamed over it, so a crash never leaves half a
 * file and two viewers lose at most a change made at the same instant.
 * Plain C, no curses; never prints.
 *
 * Ownership: struct marks owns its strings; marks_free() releases them.
 */
#ifndef TLV_MARKS_H
#define TLV_MARKS_H

#include <stdbool.h>
#include <stddef.h>

struct timeline;
struct tl_event;

struct mark {
	char	*file;		/* absolute path */
	char	*id;
};

struct marks {
	struct mark	*v;	/* in the store's order */
	size_t		 n;
};

#define MARKS_INIT	{ NULL, 0 }

/* The store's path (malloc'd), or NULL when there is neither an absolute
 * $XDG_STATE_HOME nor a $HOME. */
char	*marks_path(void);

/*
 * Replace m's marks with the store's.  A missing store is no mark and no
 * error.  False with *err (malloc'd) when it cannot be read; m is then
 * left empty.  Lines that do not read as marks are skipped.
 */
bool	 marks_load(struct marks *, const char *path, char **err);

/* Write m to path atomically, creating its directories (mode 0700).  False
 * with *err (malloc'd) on failure; the old store is then untouched. */
bool	 marks_save(const struct marks *, const char *path, char **err);

bool	 marks_has(const struct marks *, const char *file, const char *id);
/* Mark (on) or unmark; returns whether anything changed. */
bool	 marks_set(struct marks *, const char *file, const char *id, bool on);

/* The absolute form of a loaded file's path, as marks key it (realpath,
 * else the path made absolute); malloc'd. */
char	*marks_file_key(const char *path);

void	 marks_free(struct marks *);

/*
 * Which events of a timeline are marked, for has:mark and the list: the
 * flags are worked out on first use for a timeline and again whenever it
 * is another one (or its events another array or size: a reload), or
 * after marks_index_reset.  Borrows
 * the marks.
 */
struct marks_index {
	const struct marks	*marks;
	const struct timeline	*tl;
	const struct tl_event	*events;	/* tl's, when worked out */
	size_t			 nevents;
	bool			*flags;		/* per event; owned */
};

void	 marks_index_init(struct marks_index *, const struct marks *);
/* Forget the flags (after the marks changed). */
void	 marks_index_reset(struct marks_index *);
bool	 marks_index_has(struct marks_index *, const struct timeline *,
	    const struct tl_event *);
/* marks_index_has with arg a struct marks_index (query_env's marked). */
bool	 marks_index_marked(void *arg, const struct timeline *,
	    const struct tl_event *);
void	 marks_index_free(struct marks_index *);

#endif
