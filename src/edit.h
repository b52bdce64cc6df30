/* SPDX-License-Identifier: MIT */
/*
 * Planning changes to a timeline file's bytes, so that a save rewrites only
 * what the user changed (SPEC section 7).  Plain C: no I/O here (save.h
 * writes), no curses.
 *
 * Every function takes the file's bytes as they were loaded (the spans in
 * struct tl_event and struct tl_file point into them) and describes the
 * change as one splice: replace bytes [start, end) with text.  Everything
 * outside the splice stays byte-identical: comments, blank lines, key
 * order, quoting, indentation, CRLF line ends, a missing final newline.
 *
 * Text written into the file is YAML that re-parses to exactly the text
 * given (see edit_scalar).  A layout the planner cannot change safely is an
 * error with a message, never a guess.
 */
#ifndef TLV_EDIT_H
#define TLV_EDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct timeline;
struct tl_event;
struct tl_file;

/* One splice.  text is owned by the edit (edit_free). */
struct edit {
	size_t		start;
	size_t		end;
	struct buf	text;
};

/* The fields of a new note. */
struct edit_note {
	const char	*at;	/* ISO 8601 instant, e.g. 2026-11-29T10:15:00Z */
	const char	*by;	/* or NULL */
	const char	*text;
};

/* The fields of a new event (NULL / 0 where absent). */
struct edit_event {
	const char	*id;
	const char	*date;
	const char	*title;
	const char	*status;
	const char	*const *tags;
	size_t		 ntags;
	const char	*const *actors;
	size_t		 nactors;
};

/*
 * Whether tlv's own fields (a note, a verdict, a new event) may be written
 * into file f: not into a TimelineJS file, whose slides are TimelineJS's
 * (tlv reads its fields there only from the "tlv" key its export writes
 * whole).  False with *err (malloc'd) saying so and what to do.
 */
bool	 edit_fields_allowed(const struct tl_file *f, char **err);

/*
 * Append a note at the end of the event's notes (a block or flow list), or
 * add a notes list at the end of the event.  An event written as a flow
 * mapping gets the note inside it -- written as JSON writes it when the
 * event is ({"key": ...}), so that a JSON file stays JSON.
 */
bool	 edit_plan_note(const char *buf, size_t len, const struct tl_event *,
	    const struct edit_note *, struct edit *, char **err);

/* The fields of a new verdict (SPEC section 10). */
struct edit_verdict {
	const char	*date;		/* YYYY-MM-DD */
	const char	*status;	/* a status name */
	const char	*by;		/* or NULL */
};

/* Append a verdict at the end of the event's verdicts list (a block or
 * flow list).  An event without one is refused: its status is all the
 * file says of its verdict. */
bool	 edit_plan_verdict(const char *buf, size_t len, const struct tl_event *,
	    const struct edit_verdict *, struct edit *, char **err);

/*
 * An edit that changes the status of an event with a verdicts list
 * records a verdict (SPEC section 10): when item_text (as
 * edit_plan_replace takes it; the event old as it was) gives the event
 * another status and a verdicts list whose last verdict is not that
 * status, item_text with {date, status: the new one, by (unless NULL)}
 * at the end of the list, malloc'd.  Else NULL: there is nothing to add
 * (no verdicts list, the status unchanged, or the edit added the verdict
 * itself), and the edit is saved as it is.
 */
char	*edit_item_verdict(const char *item_text, const struct tl_event *old,
	    const char *date, const char *by);

/* Remove the event's item from the events list (its lines, in a block
 * list). */
bool	 edit_plan_delete(const char *buf, size_t len, const struct tl_event *,
	    struct edit *, char **err);

/* Append a new event after the last item of the file's events list. */
bool	 edit_plan_add(const char *buf, size_t len, const struct tl_file *,
	    const struct edit_event *, struct edit *, char **err);

/* The same with the event written as item text (see edit_plan_replace),
 * for an event made in $EDITOR.  Block lists only. */
bool	 edit_plan_add_text(const char *buf, size_t len, const struct tl_file *,
	    const char *item_text, struct edit *, char **err);

/*
 * Replace the event's item with item_text: a YAML mapping written as it
 * would stand at column 0 after "- " (first line without indentation,
 * following lines indented by two spaces, as edit_item_text() produces).
 * It is re-indented to the item's place.
 */
bool	 edit_plan_replace(const char *buf, size_t len,
	    const struct tl_event *, const char *item_text, struct edit *,
	    char **err);

/* Give an event without an id the id given (a first key "id: ..."). */
bool	 edit_plan_set_id(const char *buf, size_t len, const struct tl_event *,
	    const char *id, struct edit *, char **err);

/*
 * Two splices a and b planned on the same bytes buf, as one: from the
 * first one's start to the second one's end, the bytes between them kept
 * (so that one save, and one undo, makes both -- an event given an id and
 * a note at once).  An insertion where the other splice begins or ends
 * does not overlap it; at one point, a's text goes first.  Into out (a and
 * b stay the caller's); false with *err when they overlap.
 */
bool	 edit_join(const char *buf, size_t len, const struct edit *a,
	    const struct edit *b, struct edit *out, char **err);

/*
 * What undoing a change needs: the file's bytes before it, the splice it
 * made there, and the event it was about -- id: the event as the change
 * left it, or NULL when the change deleted the event whose id was gone.
 * The caller owns every field.
 */
struct edit_undo {
	const char	*before;
	size_t		 before_len;
	size_t		 start, end;	/* the splice in before */
	const char	*text;		/* what it put there */
	size_t		 text_len;
	const char	*id;
	const char	*gone;
	bool		 window;	/* before is not the whole file but the
					   items around the change in an
					   events list (save.h), start and end
					   counted from its start */
	bool		 flow;		/* ... a flow list's: "{...}, {...}" */
};

/*
 * The change that undoes u in the file's current bytes, which tl's file
 * `file` was loaded from -- also after another program changed the file:
 * the change is found again by its event's id (or, for a deletion, by the
 * event next to it), and undone if the bytes it touched are still as it
 * left them.  Refused with a reason when the other program changed that
 * same event (or put a deleted one back).
 */
bool	 edit_plan_undo(const char *buf, size_t len, const struct timeline *,
	    uint32_t file, const struct edit_undo *, struct edit *,
	    char **err);

/*
 * Item text (as edit_plan_replace takes it) without what was left empty
 * of a template: keys at its top level with no value or an empty one
 * ([], {}, '', "") and no lines under them, and blanks at the end of its
 * top-level lines.  Into out.
 */
void	 edit_item_prune(const char *item_text, struct buf *out);

/* The event's item as edit_plan_replace takes it, for $EDITOR. */
void	 edit_item_text(const char *buf, size_t len, const struct tl_event *,
	    struct buf *);

/*
 * For whole-item merges (merge.c): the lines [*start, *end) of the event's
 * item in a block list, from the start of its '-' line to the end of its
 * last line; false for an item of a flow list or one the planners refuse
 * (tag, anchor).
 */
bool	 edit_item_range(const char *buf, size_t len, const struct tl_event *,
	    size_t *start, size_t *end);

/* Where an item goes before the first of f's events list (a block list),
 * or after "events:" when it is empty, and the column of its '-'. */
bool	 edit_list_start(const char *buf, size_t len, const struct tl_file *,
	    size_t *pos, size_t *indent, char **err);

/* item_text (see edit_plan_replace) as the lines of a block list item
 * whose '-' is at column indent, each ending with eol. */
void	 edit_item_block(struct buf *, const char *item_text, size_t indent,
	    const char *eol);

/* The file's line end: that of its first line ("\n" when it has none). */
const char *edit_eol_of(const char *buf, size_t len);

/* The end of the line holding byte pos - 1 (the start of the next line,
 * or len); pos itself at the start of a line. */
size_t	 edit_line_after(const char *buf, size_t len, size_t pos);

/* New bytes: buf with the splice applied (malloc'd, *newlen set). */
char	*edit_apply(const char *buf, size_t len, const struct edit *,
	    size_t *newlen);

/*
 * Append text as a YAML scalar that re-parses to exactly text: plain when
 * that is safe (dates and times stay plain, as people write them), else
 * double-quoted (yamlout_quoted).  flow: the scalar sits in
 * a flow collection ([...] or {...}), where ',', '[', ']', '{', '}' also
 * need quotes.
 */
void	 edit_scalar(struct buf *, const char *text, bool flow);

/*
 * A new id for an event: a slug of its date and title ("2022-02-24-russia-
 * invades-ukraine"), at most 60 bytes, made unique against tl by a -2, -3
 * ... suffix.  malloc'd.
 */
char	*edit_slug(const struct timeline *, const char *date,
	    const char *title);

void	 edit_free(struct edit *);

#endif
