/* SPDX-License-Identifier: MIT */
/*
 * The YAML reader: turns the bytes of one timeline file into events of a
 * timeline, on libyaml's event API (its document API caps at 2^24 nodes).
 * It is five files sharing the private yamlio_int.h (which says what each
 * does): yamlio.c, the libyaml adapter and the only file that includes
 * <yaml.h>; yamlio_schema.c, node to event for tlv YAML; yamlio_tljs.c,
 * TimelineJS and the top level; yamlio_pos.c, positions and diagnostics;
 * yamlio_span.c, the span queries for the editor.
 *
 * What it accepts is SPEC section 1: a mapping with title, description and
 * an events sequence; or TimelineJS-shaped JSON (events[].start_date,
 * text.headline).  Every problem becomes a diagnostic with file:line:col and
 * loading goes on where it can: a bad event is skipped, the others load; a
 * syntax error ends the file, and the events read before it are dropped.
 *
 * Limits, each a diagnostic rather than a crash or a hang: nesting deeper
 * than YAMLIO_MAX_DEPTH; scalars containing NUL; aliases to anchors that
 * are undefined or still open (no cycles).  Aliases are resolved by sharing
 * the anchored node, never by copying, and the schema is walked to a fixed
 * depth, so an alias bomb costs nothing; anchors live in a hash table.
 * What the schema copies into the timeline is charged to a budget of
 * YAMLIO_BUDGET_MIB MiB plus YAMLIO_BUDGET_FACTOR times the file's size
 * (more than any file without aliases can use): aliases that point many
 * times at a big node fail the file with one error instead of eating all
 * memory.
 */
#ifndef TLV_YAMLIO_H
#define TLV_YAMLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct diag_list;
struct timeline;
struct tl_event;
struct tl_key;

#define YAMLIO_MAX_DEPTH	64
#define YAMLIO_BUDGET_MIB	64
#define YAMLIO_BUDGET_FACTOR	32

/*
 * Parse buf[0..len) as the file tl->files[file] (whose path names it in
 * diagnostics) and append its events to tl.  Sets the file's title,
 * description and format.  Returns false if the file could not be parsed
 * at all (its events are then dropped and the file is marked failed); a
 * file with only some bad events returns true.  The buffer need not be
 * NUL-terminated and is not kept.
 */
bool	yamlio_load_buffer(struct timeline *, uint32_t file, const char *buf,
	    size_t len, struct diag_list *);

/*
 * The same, telling the caller as it goes which bytes it is done with:
 * done(ctx, n) means buf[0..n) will not be read again (except to place a
 * rare encoding error), so a memory-mapped file can give those pages
 * back.  Called every few megabytes, with n increasing.
 */
bool	yamlio_load_stream(struct timeline *, uint32_t file, const char *buf,
	    size_t len, struct diag_list *, void (*done)(void *, size_t),
	    void *ctx);

/*
 * Parallel loading (load.c) cuts a big file at lines where an item of its
 * top-level events list starts, and parses each part on its own: the
 * first as a file (with part->rest false), each later one (rest true) as a
 * block list of events whose '-' stands at column part->indent (0-based)
 * and nothing else.  Lines, byte offsets and event numbers are then
 * counted from the part's start; part->lines tells how many line breaks
 * libyaml counted in it, to shift the next part's lines.  A later part
 * that is not such a list fails with an error: the caller then loads the
 * file whole, which gives the diagnostics their true places.
 */
struct yamlio_part {
	bool		rest;
	uint32_t	indent;
	size_t		lines;	/* out */
};

bool	yamlio_load_part(struct timeline *, uint32_t file, const char *buf,
	    size_t len, struct diag_list *, void (*done)(void *, size_t),
	    void *ctx, struct yamlio_part *);

/*
 * For a file that does not end with a line break: if its last node is a
 * block scalar ("|" or ">") that runs to the end of the file, the byte
 * offset of that indicator; else SIZE_MAX (also when buf does not parse).
 * The editor needs it to add lines after such a file's end without adding
 * a line break to that text.
 */
size_t	yamlio_eof_block_scalar(const char *buf, size_t len);

/*
 * The keys of a loaded event with the spans of each key and value in the
 * file, found by parsing the event's bytes again (buf: the file as it was
 * loaded) -- or, for an event of TL_KEYS_MIN bytes or more, those the load
 * kept (timeline.h, struct tl_keys) when they fit buf.  The array and the
 * key names are allocated in a.  NULL (and *count 0) if the bytes no
 * longer hold the event.
 */
struct tl_key	*yamlio_event_keys(const char *buf, size_t len,
		    const struct tl_event *, struct arena *a, uint32_t *count);

#endif
