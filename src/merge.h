/* SPDX-License-Identifier: MIT */
/*
 * Three-way merge of one timeline file by event id, for git's merge driver
 * (SPEC section 11).  Plain C: no I/O, no curses.
 *
 * Events are matched by id (an event without one by its whole text).  What
 * theirs changed since base is applied to ours through byte-exact splices,
 * so ours' bytes outside the events it merged stay as they were: comments,
 * order, layout.  Per event:
 *
 *  - changed on one side only: that side's version;
 *  - changed on both: field by field (a field is a key and its value, with
 *    the comment lines after it); different fields both apply; list fields
 *    written as block lists (notes, sources, tags ...) keep the items both
 *    sides added -- new notes in 'at' order -- and drop those one side
 *    removed (an item both replaced, each with its own, is the list
 *    changed two ways); the same field changed two ways is a conflict,
 *    written with git's markers around that field alone;
 *  - added on both sides with one id: merged as above against nothing;
 *  - added on one side: kept, theirs' placed after the event before it in
 *    theirs;
 *  - deleted on one side and changed on the other: a conflict around the
 *    whole event;
 *  - the file's top (before the events) and tail (after them): three-way
 *    as whole blocks.
 *
 * Nothing of either side is dropped silently: a change that cannot be made
 * by field is a conflict around the whole event.  Input that does not load
 * without errors (or an events list tlv cannot splice, such as a flow
 * list) fails the merge, leaving git's text merge to the user.
 */
#ifndef TLV_MERGE_H
#define TLV_MERGE_H

#include <stddef.h>

struct buf;
struct diag_list;

enum merge_status {
	MERGE_CLEAN,
	MERGE_CONFLICT,
	MERGE_FAILED
};

struct merge_text {
	const char	*data;
	size_t		 len;
};

/* The conflict markers: git's, seven characters wide. */
#define MERGE_OURS	"<<<<<<< ours"
#define MERGE_SEP	"======="
#define MERGE_THEIRS	">>>>>>> theirs"

/*
 * Merge theirs' changes since base into ours.  path names the file in
 * diagnostics.  MERGE_CLEAN: out holds the merged bytes, which load with no
 * error.  MERGE_CONFLICT: out holds them with *conflicts marked blocks.
 * MERGE_FAILED: out is empty and diags say why.
 */
enum merge_status merge_story(const char *path, const struct merge_text *base,
		    const struct merge_text *ours,
		    const struct merge_text *theirs, struct buf *out,
		    size_t *conflicts, struct diag_list *diags);

#endif
