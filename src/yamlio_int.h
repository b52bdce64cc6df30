/* SPDX-License-Identifier: MIT */
/*
 * The YAML reader's insides, shared by its five files (nothing else
 * includes this header).  From the bottom up:
 *
 *   yamlio_pos.c     positions: libyaml's character indexes to byte
 *                    offsets, lines and columns; diagnostics (yl_diag).
 *   yamlio_schema.c  the tlv schema: a tree of nodes (struct ynode) to an
 *                    event's fields (SPEC section 1), the helpers that read
 *                    a node (yl_text, yl_map_get, ...), the alias budget.
 *   yamlio_tljs.c    TimelineJS on top of it: a slide to an event, what an
 *                    event has beyond tlv's fields (struct tl_html), and the
 *                    entry points that choose between the two schemas: an
 *                    item of the events list (yl_event) and a top-level key
 *                    (yl_top_field).  Neither schema file sees libyaml: a
 *                    node tree built by hand is all they need.
 *   yamlio.c         the libyaml adapter, the only file that includes
 *                    <yaml.h>: pulls libyaml's events, rewords its
 *                    messages, resolves anchors, builds the nodes, walks the
 *                    top-level mapping and the events list, and holds the
 *                    loading entry points of yamlio.h.
 *   yamlio_span.c    the span queries for the editor (yamlio_event_keys,
 *                    yamlio_eof_block_scalar), on top of the adapter.
 *
 * Each file calls only those above it in this list; never the other way.
 * Spans in nodes are libyaml's character indexes (start, end) with 1-based
 * line and column; yl_bytes() turns the few that are needed into bytes.
 */
#ifndef TLV_YAMLIO_INT_H
#define TLV_YAMLIO_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "date.h"
#include "diag.h"
#include "timeline.h"

struct yamlio_part;


enum ynode_kind {
	YN_SCALAR,
	YN_SEQ,
	YN_MAP
};

struct ynode {
	enum ynode_kind	 kind;
	bool		 plain;		/* plain scalar (unquoted) */
	bool		 quoted;	/* single- or double-quoted scalar */
	bool		 null;		/* plain "", "~", "null" */
	bool		 flow;		/* flow collection */
	bool		 bad;		/* already reported: stay quiet */
	bool		 aliased;	/* written as *alias */
	bool		 in_model;	/* text is in the timeline's arena */
	const char	*text;		/* scalar, NUL-terminated */
	size_t		 len;
	struct ynode	**kids;		/* seq: items; map: key, value, ... */
	size_t		 nkids;
	/* start and end are libyaml's character indexes, not bytes: most
	 * spans are never needed as bytes, so yl_bytes() converts the few
	 * that are (an event's, for the editor). */
	struct tl_span	 span;
};

struct anchor {
	const char	*name;
	struct ynode	*node;
};

/* Whether scalar node n is the string literal lit (compared in place: this
 * runs for every key of every event). */
#define YL_IS(n, lit)	((n)->len == sizeof(lit) - 1 && \
			    memcmp((n)->text, (lit), sizeof(lit) - 1) == 0)

/* A date parsed from an interned text (see yl_date). */
#define YL_DATES_BITS	12
#define YL_DATES	((size_t)1 << YL_DATES_BITS)

struct yl_date_memo {
	const char		*text;		/* interned */
	uint32_t		 hash;		/* yl_word_hash of it */
	uint16_t		 len;
	uint16_t		 opts;
	struct date_range	 date;
};

/* A short text kept once in the timeline's arena (see yl_intern). */
struct yl_word {
	const char	*s;
	uint32_t	 len;
	uint32_t	 hash;
};

struct yl_reader;

struct yl {
	struct yl_reader	*rd;		/* libyaml's parser and its
						   current event (yamlio.c) */
	bool			 failed;	/* syntax error: stop reading */

	struct timeline		*tl;
	uint32_t		 file;
	const char		*path;
	struct diag_list	*diags;
	size_t			 errors;	/* errors in this file */
	size_t			 budget;	/* bytes of nodes still allowed
						   into the timeline */

	const unsigned char	*buf;
	size_t			 len;
	size_t			 cur_char;	/* cursor: char index ... */
	size_t			 cur_byte;	/* ... and its byte offset */

	struct arena		 scratch;
	bool			 keep_scratch;
	bool			 model_hints;	/* values of yl_model_key keys
						   go to the timeline's arena */
	bool			 model_next;	/* the next node is one */
	struct ynode		**pending;	/* children being collected */
	size_t			 npending, cappending;
	unsigned		 depth;

	struct anchor		*anchors;	/* open addressing */
	size_t			 nanchors, capanchors;

	struct yl_word		*words;		/* interned (yl_intern) */
	struct arena		 wordtext;	/* their texts, together;
						   the timeline's at the end */
	struct arena		*wordarena;	/* &wordtext for a big
						   buffer, else the
						   timeline's */
	size_t			 nwords, capwords;
	struct yl_date_memo	*dates;		/* YL_DATES, or NULL */

	void			(*done)(void *, size_t);
	void			*done_ctx;
	size_t			 done_upto;	/* last reported to done */

	const struct yamlio_part *part;		/* a later part (see
						   yamlio_load_part), or NULL */
	unsigned		 event_no;	/* 1-based, within the file */
	bool			 in_events;	/* inside the events list */
	size_t			 event_diags;	/* diags->n before the last
						   event item */
	bool			 json;		/* the file is a JSON object:
						   duplicate keys are as
						   JSON.parse has them */
	struct tl_event		*ev_out;	/* event being filled */
	size_t			 ev_errors;	/* errors before this event */
};

/* Below YL_WORDTEXT_MIN bytes a file's words go to the timeline's arena
 * (see yl_intern in yamlio_schema.c). */
#define YL_WORDTEXT_MIN	((size_t)1 << 20)

/* yamlio_pos.c */
size_t		 yl_byte_offset(struct yl *, size_t idx);
struct tl_span	 yl_bytes(struct yl *, struct tl_span);
void		 yl_locate_byte(const struct yl *, size_t off, unsigned *line,
		    unsigned *col);
uint32_t	 yl_col_in(struct yl *, const struct ynode *, size_t off);
void		 yl_diag(struct yl *, enum diag_severity, uint32_t line,
		    uint32_t col, const char *, ...)
		    __attribute__((format(printf, 5, 6)));

/* yamlio_schema.c */
extern const char *const yn_kind_names[];	/* "a list", ... */

/* Keys whose values the schema keeps as they are: the adapter builds
 * them straight into the timeline's arena. */
bool		 yl_model_key(const struct ynode *key);
void		 yl_type_error(struct yl *, const struct ynode *,
		    const char *key, const char *want);
/* Scalar n as a text in the timeline (NULL, after an error naming key,
 * if it is not a scalar; NULL for null); yl_required_text: null is an
 * error too. */
const char	*yl_text(struct yl *, const struct ynode *n, const char *key);
const char	*yl_required_text(struct yl *, const struct ynode *n,
		    const char *key);
/* A text or a list of texts as a list (*count of them) in the timeline. */
const char	**yl_strings(struct yl *, const struct ynode *n,
		    const char *key, uint32_t *count);
/* The value of key in mapping map (the last one), or NULL. */
const struct ynode *yl_map_get(const struct ynode *map, const char *key);
/* A warning for key k, unknown in where, with the nearest of names. */
void		 yl_unknown_key(struct yl *, const struct ynode *k,
		    const char *where, const char *const *names, size_t n);
/* Charge node n to the file's alias budget; false (and the file fails)
 * past it. */
bool		 yl_charge(struct yl *, const struct ynode *);
/* The tlv fields of mapping map into e (every key but id). */
void		 yl_event_fields(struct yl *, const struct ynode *map,
		    struct tl_event *e);
/* An event item as tlv's: its id, fields, checks and verdicts; false,
 * with nothing read, for a TimelineJS slide (a start_date key); *side:
 * it has a "timelinejs" mapping. */
bool		 yl_event_tlv(struct yl *, const struct ynode *map,
		    struct tl_event *e, bool *side);
/* The key and value spans of mapping map, names of unknown keys in a. */
struct tl_key	*yl_keys_of(const struct ynode *map, struct arena *a,
		    uint32_t *count);

/* yamlio_tljs.c */
/* One item of the events list to an event (or a dropped one); before:
 * the error count before the item was built. */
void		 yl_event(struct yl *, const struct ynode *map, size_t before);
/* Top-level keys other than events: a field of the file, or a warning;
 * seen: where title and description first were, for duplicates. */
void		 yl_top_field(struct yl *, const struct ynode *key,
		    const struct ynode *value);
void		 yl_top_dup(struct yl *, const struct ynode *key,
		    struct tl_span seen[2]);
void		 yl_events_dup(struct yl *, const struct ynode *key,
		    bool seen);

/* yamlio.c */
/* The root node of the YAML text y->buf[0..y->len), built in y->scratch
 * (nothing goes to a timeline); NULL if it does not parse. */
struct ynode	*yl_read_root(struct yl *);
/* The last scalar of buf, as libyaml's character indexes, and whether it
 * is a block scalar ("|" or ">") not closed by a flow collection after
 * it; false if buf does not parse. */
bool		 yl_last_scalar(const char *buf, size_t len, size_t *start,
		    size_t *end, bool *block);
/* What a reader holds besides the parser. */
void		 yl_free(struct yl *);

#endif
