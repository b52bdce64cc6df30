/* SPDX-License-Identifier: MIT */
/*
 * A saved change put into the loaded timeline in place, so that the
 * viewer need not load its files again after its own save (issue 15):
 * afterwards the timeline and its diagnostics are what loading the files
 * again would give -- the same events in the same order, the same spans
 * and lines, the same diagnostics in the same order, the same id index
 * and error counts.
 *
 * The timeline must be one load_paths made (its diagnostics: each file's,
 * in load order, then load_check's); the checks across files are run
 * again on the result, as a load runs them.  A function that cannot do its
 * part says so by returning false and leaves the timeline and its
 * diagnostics as they were: the caller then loads the files again.  What
 * changed since a commit (tl->changed) is forgotten, as by a load.
 */
#ifndef TLV_APPLY_H
#define TLV_APPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct diag_list;
struct timeline;

/*
 * The items [r0, r1) of file's old bytes (whole lines of a block events
 * list, from line line0, with lines line breaks; or a flow list's, from
 * the '{' of one, at character col of line line0, to the '}' of another)
 * are now bytes[0..len); the rest of the file is as it was (save.h,
 * struct save_where).  The file's size and hash must already be those of
 * the new bytes.  The new items are parsed alone, as a parallel load
 * parses a part of a file (a flow list's inside a list of their own);
 * false when that is not the same as loading the file (an HTML file),
 * when they or the old ones have any diagnostic of their own, or when
 * they changed the list's first or last item into none.
 *
 * A change the sort and the checks across files cannot see (a note: the
 * same ids, dates, titles, statuses, verdicts and related ids, at the
 * same lines) is put into the old events' slots without sorting or
 * checking anything again (a few milliseconds at 100k events, against a
 * sort and two load_checks).
 */
struct apply_items {
	uint32_t	 file;
	size_t		 r0, r1;
	uint32_t	 line0, lines;
	uint32_t	 col;		/* a flow list's: r0's, from 0 */
	const char	*bytes;
	size_t		 len;
};

bool	 apply_items(struct timeline *, struct diag_list *,
	    const struct apply_items *);

/*
 * Load file again from disk in the place of its events and diagnostics,
 * the other files' staying as they are.  False (nothing changed) if it
 * now fails or has errors it had not (a reload keeps its last good events
 * then: load_paths_keep), or its diagnostics cannot be told from those of
 * a directory around it.
 */
bool	 apply_file(struct timeline *, struct diag_list *, uint32_t file);

#endif
