/* SPDX-License-Identifier: MIT */
/*
 * The YAML reader's libyaml adapter (see yamlio.h and yamlio_int.h): the
 * only file that includes <yaml.h>.
 *
 * libyaml's events are pulled one at a time.  The top-level mapping is read
 * key by key; each item of its events sequence is built into a small tree
 * of nodes (struct ynode) in a scratch arena, turned into a struct tl_event
 * by the schema (yamlio_schema.c), and the arena is reset for the next
 * event.  So memory stays proportional to one event, not the file.  Once a
 * file defines an anchor, the scratch arena is no longer reset (a later
 * alias may point back into it).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "arena.h"
#include "diag.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"
#include "yamlio_int.h"

/* libyaml's parser and the event it gave last. */
struct yl_reader {
	yaml_parser_t	parser;
	yaml_event_t	ev;
	bool		have_ev;
};

/* A span from libyaml's marks (character indexes, 0-based lines). */
static struct tl_span
yl_span(const yaml_mark_t *start, const yaml_mark_t *end)
{
	struct tl_span	s;

	s.start = start->index;
	s.end = end->index;
	s.line = (uint32_t)start->line + 1;
	s.col = (uint32_t)start->column + 1;
	return s;
}

/*
 * libyaml's messages in words for people who do not know YAML's grammar:
 * matched on libyaml's problem text (and context, when given), in order.
 * note: the text of the note at the context mark, or NULL for none.
 */
static const struct yl_message {
	const char	*problem;	/* prefix of libyaml's problem */
	const char	*context;	/* prefix of its context, or NULL */
	const char	*message;
	const char	*note;
} yl_messages[] = {
	{ "found a tab character that violates indentation", NULL,
	  "tab character in indentation (YAML indents with spaces)", NULL },
	{ "found unexpected end of stream", "while scanning a quoted",
	  "the file ends inside a quoted value (missing closing quote)",
	  "the quote was opened here" },
	{ "did not find expected ',' or ']'", NULL,
	  "expected ',' or ']' here (a '[' is not closed)",
	  "the '[' was opened here" },
	{ "did not find expected ',' or '}'", NULL,
	  "expected ',' or '}' here (a '{' is not closed)",
	  "the '{' was opened here" },
	{ "mapping values are not allowed in this context", NULL,
	  "unexpected ': ' inside a value (put the whole value in quotes to "
	  "use a colon in text)", NULL },
	{ "did not find expected alphabetic or numeric character",
	  "while scanning an anchor",
	  "a value cannot start with '&' (it marks a YAML anchor); put the "
	  "value in quotes", NULL },
	{ "did not find expected alphabetic or numeric character",
	  "while scanning an alias",
	  "a value cannot start with '*' (it marks a YAML alias); put the "
	  "value in quotes", NULL },
	{ "did not find expected key", "while parsing a block mapping",
	  "bad indentation: expected a key lined up with the keys above",
	  "the mapping started here" },
	{ "did not find expected '-' indicator", NULL,
	  "bad indentation: expected a '- ' list item lined up with the ones "
	  "above", "the list started here" },
	{ "block sequence entries are not allowed in this context", NULL,
	  "a '- ' list item is not allowed here (check the indentation)",
	  NULL },
	{ "found character that cannot start any token", NULL,
	  "this character cannot start a value here; put the value in quotes",
	  NULL },
	{ "found undefined tag handle", NULL,
	  "unknown YAML tag ('!' starts a tag); put the value in quotes", NULL },
};

static bool
yl_prefix(const char *s, const char *prefix)
{
	return s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
}

static const struct yl_message *
yl_message_for(const char *problem, const char *ctx)
{
	size_t	i;

	for (i = 0; i < sizeof yl_messages / sizeof *yl_messages; i++)
		if (yl_prefix(problem, yl_messages[i].problem) &&
		    (yl_messages[i].context == NULL ||
		    yl_prefix(ctx, yl_messages[i].context)))
			return &yl_messages[i];
	return NULL;
}

/* Byte at a libyaml mark, or -1 past the end. */
static int
yl_byte_at(struct yl *y, const yaml_mark_t *m)
{
	size_t	off = yl_byte_offset(y, m->index);

	return off < y->len ? y->buf[off] : -1;
}

/* A reader error (bad encoding) has only a byte offset. */
static void
yl_reader_error(struct yl *y)
{
	yaml_parser_t	*p = &y->rd->parser;
	unsigned	 line, col;

	yl_locate_byte(y, p->problem_offset, &line, &col);
	if (p->problem_value >= 0x80 && p->problem != NULL &&
	    yl_prefix(p->problem, "control characters"))
		/* Good UTF-8 that YAML does not allow raw. */
		yl_diag(y, DIAG_ERROR, line, col, "the character U+%04X may not "
		    "be in a YAML file as it is; write it \"\\u%04X\" in a "
		    "double-quoted text", (unsigned)p->problem_value,
		    (unsigned)p->problem_value);
	else if (p->problem_value != -1)
		yl_diag(y, DIAG_ERROR, line, col, "invalid UTF-8 (byte 0x%02X); "
		    "save the file as UTF-8", (unsigned)p->problem_value & 0xFF);
	else
		yl_diag(y, DIAG_ERROR, line, col, "invalid UTF-8 (%s); save the "
		    "file as UTF-8", p->problem);
}

/*
 * Turn libyaml's error into diagnostics, with a note where the construct
 * that failed started (as gcc does).  Diagnostics about the event just
 * before the error are dropped: they are usually its echo (a key that
 * seemed missing because the indentation went wrong).
 */
static void
yl_syntax_error(struct yl *y)
{
	yaml_parser_t		*p = &y->rd->parser;
	const char		*problem = p->problem != NULL ? p->problem :
				    "syntax error";
	const struct yl_message	*m;
	unsigned		 line, col;

	y->failed = true;
	if (p->error == YAML_MEMORY_ERROR)
		fatal("out of memory (libyaml)");
	if (y->in_events)
		y->errors -= diag_truncate(y->diags, y->event_diags);
	if (p->error == YAML_READER_ERROR) {
		yl_reader_error(y);
		return;
	}
	line = (unsigned)p->problem_mark.line + 1;
	col = (unsigned)p->problem_mark.column + 1;
	if (yl_prefix(problem, "found character that cannot start any token") &&
	    yl_byte_at(y, &p->problem_mark) == '\t')
		problem = "found a tab character that violates indentation";
	m = yl_message_for(problem, p->context);
	if (m != NULL && yl_prefix(m->message, "a value cannot start with"))
		col = (unsigned)p->context_mark.column + 1;
	if (m != NULL)
		yl_diag(y, DIAG_ERROR, line, col, "%s", m->message);
	else if (p->context != NULL)
		yl_diag(y, DIAG_ERROR, line, col, "%s %s", problem, p->context);
	else
		yl_diag(y, DIAG_ERROR, line, col, "%s", problem);
	if (m != NULL && m->note == NULL)
		return;
	if (p->context != NULL && (p->context_mark.line != p->problem_mark.line ||
	    p->context_mark.column != p->problem_mark.column))
		diag_add(y->diags, DIAG_NOTE, y->path,
		    (unsigned)p->context_mark.line + 1,
		    (unsigned)p->context_mark.column + 1, "%s",
		    m != NULL ? m->note : p->context);
}


/* --- event pump ---------------------------------------------------------- */

static void
yl_drop(struct yl *y)
{
	if (y->rd->have_ev) {
		yaml_event_delete(&y->rd->ev);
		y->rd->have_ev = false;
	}
}

/* Whether a libyaml event is an alias or has an anchor. */
static bool
yl_event_refs(const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return true;
	case YAML_SCALAR_EVENT:
		return ev->data.scalar.anchor != NULL;
	case YAML_SEQUENCE_START_EVENT:
		return ev->data.sequence_start.anchor != NULL;
	case YAML_MAPPING_START_EVENT:
		return ev->data.mapping_start.anchor != NULL;
	default:
		return false;
	}
}

/* Fetch the next libyaml event into y->rd->ev (noting in the file, if
 * one is loaded, an anchor or alias it is).  False on a syntax error. */
static bool
yl_next(struct yl *y)
{
	yl_drop(y);
	if (y->failed)
		return false;
	if (!yaml_parser_parse(&y->rd->parser, &y->rd->ev)) {
		yl_syntax_error(y);
		return false;
	}
	y->rd->have_ev = true;
	if (y->tl != NULL && yl_event_refs(&y->rd->ev))
		y->tl->files[y->file].refs = true;
	return true;
}


/* --- anchors ------------------------------------------------------------- */

static size_t
yl_hash(const char *s)
{
	size_t	h = 14695981039346656037ULL & SIZE_MAX;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ULL;
	return h;
}

static void
yl_anchor_put(struct yl *y, const char *name, struct ynode *node)
{
	size_t	i, mask;

	if (2 * (y->nanchors + 1) > y->capanchors) {
		struct anchor	*old = y->anchors;
		size_t		 oldcap = y->capanchors, j;

		y->capanchors = oldcap == 0 ? 64 : oldcap * 2;
		y->anchors = xcalloc(y->capanchors, sizeof *y->anchors);
		y->nanchors = 0;
		for (j = 0; j < oldcap; j++)
			if (old[j].name != NULL)
				yl_anchor_put(y, old[j].name, old[j].node);
		free(old);
	}
	mask = y->capanchors - 1;
	for (i = yl_hash(name) & mask; y->anchors[i].name != NULL;
	    i = (i + 1) & mask) {
		if (strcmp(y->anchors[i].name, name) == 0) {
			y->anchors[i].node = node;	/* redefinition */
			return;
		}
	}
	y->anchors[i].name = name;
	y->anchors[i].node = node;
	y->nanchors++;
}

static struct ynode *
yl_anchor_get(const struct yl *y, const char *name)
{
	size_t	i, mask;

	if (y->capanchors == 0)
		return NULL;
	mask = y->capanchors - 1;
	for (i = yl_hash(name) & mask; y->anchors[i].name != NULL;
	    i = (i + 1) & mask)
		if (strcmp(y->anchors[i].name, name) == 0)
			return y->anchors[i].node;
	return NULL;
}

static void
yl_anchor_define(struct yl *y, const yaml_char_t *anchor, struct ynode *n)
{
	if (anchor == NULL)
		return;
	y->keep_scratch = true;
	yl_anchor_put(y, arena_strdup(&y->scratch, (const char *)anchor), n);
}


/* --- building nodes ------------------------------------------------------ */

static struct ynode *yl_build(struct yl *);

static struct ynode *
yl_new_node(struct yl *y, enum ynode_kind kind)
{
	struct ynode	*n = arena_alloc(&y->scratch, sizeof *n,
			    _Alignof(struct ynode));

	*n = (struct ynode){ .kind = kind };	/* zeroed in line */
	return n;
}

static struct ynode *
yl_build_scalar(struct yl *y, bool model)
{
	yaml_event_t	*e = &y->rd->ev;
	struct ynode	*n = yl_new_node(y, YN_SCALAR);
	const char	*v = (const char *)e->data.scalar.value;
	size_t		 len = e->data.scalar.length;

	n->span = yl_span(&e->start_mark, &e->end_mark);
	n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	n->quoted = e->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	    e->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	/* libyaml refuses a NUL byte in the input: only an escape ("\0",
	 * "\x00", "\u0000") in double quotes can make one. */
	if (e->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    memchr(v, '\0', len) != NULL) {
		n->text = v;
		n->len = len;
		yl_diag(y, DIAG_ERROR, n->span.line, yl_col_in(y, n,
		    strlen(v)), "NUL character in text (not supported)");
		len = strlen(v);
		n->bad = true;
	}
	n->len = len;
	n->null = n->plain && (len == 0 || (len == 1 && v[0] == '~') ||
	    (len == 4 && (memcmp(v, "null", 4) == 0 ||
	    memcmp(v, "Null", 4) == 0 || memcmp(v, "NULL", 4) == 0)));
	/* A text the timeline keeps as it is goes straight to its arena:
	 * yl_text then has nothing to copy. */
	n->in_model = model && !n->null && !n->bad;
	n->text = arena_strndup(n->in_model ? &y->tl->arena : &y->scratch, v,
	    len);
	yl_anchor_define(y, e->data.scalar.anchor, n);
	return n;
}

static struct ynode *
yl_build_alias(struct yl *y)
{
	const char	*name = (const char *)y->rd->ev.data.alias.anchor;
	struct ynode	*n = yl_anchor_get(y, name), *copy;

	if (n == NULL) {
		yl_diag(y, DIAG_ERROR, (uint32_t)y->rd->ev.start_mark.line + 1,
		    (uint32_t)y->rd->ev.start_mark.column + 1,
		    "alias '*%s' refers to no complete anchor (undefined, or "
		    "an alias inside its own anchor)", name);
		n = yl_new_node(y, YN_SCALAR);
		n->text = "";
		n->null = true;
		n->bad = true;
		n->span = yl_span(&y->rd->ev.start_mark, &y->rd->ev.end_mark);
		return n;
	}
	/* A copy that sits where the alias is written: messages and edits
	 * point at the alias, not at the anchor far away. */
	copy = yl_new_node(y, n->kind);
	*copy = *n;
	copy->span = yl_span(&y->rd->ev.start_mark, &y->rd->ev.end_mark);
	copy->aliased = true;
	return copy;
}

/* Duplicate keys: pairwise for small mappings, sorted for big ones. */
static int
yl_key_cmp(const void *pa, const void *pb)
{
	const struct ynode	*a = *(struct ynode *const *)pa;
	const struct ynode	*b = *(struct ynode *const *)pb;
	int			 c = strcmp(a->text, b->text);

	if (c != 0)
		return c;
	return a->span.start < b->span.start ? -1 : a->span.start > b->span.start;
}

/* Does the text start (after blanks) with '{', as JSON does?  (A YAML
 * flow mapping at the top is JSON's shape too.) */
static bool
yl_is_json(const char *s, size_t len)
{
	size_t	i = 0;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
	    s[i] == '\n'))
		i++;
	return i < len && s[i] == '{';
}

/* A duplicate key is an error in YAML; in JSON, as JSON.parse (and so
 * TimelineJS) reads it, the last one is used (yl_map_get) with a
 * warning. */
static void
yl_dup_key(struct yl *y, const struct ynode *first, const struct ynode *dup)
{
	if (y->json)
		yl_diag(y, DIAG_WARNING, dup->span.line, dup->span.col,
		    "duplicate key '%s' (first at line %u, column %u); the "
		    "last one is used, as in JSON", dup->text,
		    (unsigned)first->span.line, (unsigned)first->span.col);
	else
		yl_diag(y, DIAG_ERROR, dup->span.line, dup->span.col,
		    "duplicate key '%s' (first at line %u, column %u)",
		    dup->text, (unsigned)first->span.line,
		    (unsigned)first->span.col);
}

static void
yl_check_dup_keys(struct yl *y, struct ynode *map)
{
	size_t		 nk = map->nkids / 2, i, j, n = 0;
	struct ynode	**keys;

	if (nk <= 16) {
		for (i = 1; i < nk; i++) {
			struct ynode *k = map->kids[2 * i];

			if (k->kind != YN_SCALAR)
				continue;
			for (j = 0; j < i; j++) {
				struct ynode *o = map->kids[2 * j];

				if (o->kind == YN_SCALAR && o->len == k->len &&
				    memcmp(o->text, k->text, k->len) == 0) {
					yl_dup_key(y, o, k);
					break;
				}
			}
		}
		return;
	}
	keys = xreallocarray(NULL, nk, sizeof *keys);
	for (i = 0; i < nk; i++)
		if (map->kids[2 * i]->kind == YN_SCALAR)
			keys[n++] = map->kids[2 * i];
	qsort(keys, n, sizeof *keys, yl_key_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(keys[i - 1]->text, keys[i]->text) == 0)
			yl_dup_key(y, keys[i - 1], keys[i]);
	free(keys);
}

static void
yl_push_pending(struct yl *y, struct ynode *n)
{
	if (y->npending == y->cappending) {
		y->cappending = y->cappending == 0 ? 64 : y->cappending * 2;
		y->pending = xreallocarray(y->pending, y->cappending,
		    sizeof *y->pending);
	}
	y->pending[y->npending++] = n;
}

/* Build a sequence or mapping whose start event is current. */
static struct ynode *
yl_build_collection(struct yl *y)
{
	bool		 map = y->rd->ev.type == YAML_MAPPING_START_EVENT;
	yaml_event_type_t end = map ? YAML_MAPPING_END_EVENT :
			    YAML_SEQUENCE_END_EVENT;
	struct ynode	*n = yl_new_node(y, map ? YN_MAP : YN_SEQ);
	yaml_char_t	*anchor;
	size_t		 base = y->npending, i;
	yaml_mark_t	 start = y->rd->ev.start_mark;

	if (map) {
		anchor = y->rd->ev.data.mapping_start.anchor;
		n->flow = y->rd->ev.data.mapping_start.style ==
		    YAML_FLOW_MAPPING_STYLE;
	} else {
		anchor = y->rd->ev.data.sequence_start.anchor;
		n->flow = y->rd->ev.data.sequence_start.style ==
		    YAML_FLOW_SEQUENCE_STYLE;
	}
	/* Keep the anchor name: the event is about to be freed. */
	if (anchor != NULL)
		anchor = (yaml_char_t *)arena_strdup(&y->scratch,
		    (const char *)anchor);
	if (++y->depth > YAMLIO_MAX_DEPTH) {
		yl_diag(y, DIAG_ERROR, (uint32_t)start.line + 1,
		    (uint32_t)start.column + 1, "nesting deeper than %d levels",
		    YAMLIO_MAX_DEPTH);
		y->failed = true;
		return NULL;
	}
	for (;;) {
		struct ynode *kid;

		if (!yl_next(y))
			return NULL;
		if (y->rd->ev.type == end)
			break;
		/* The value of a key whose text the schema keeps. */
		y->model_next = map && y->model_hints &&
		    (y->npending - base) % 2 == 1 &&
		    yl_model_key(y->pending[y->npending - 1]);
		if ((kid = yl_build(y)) == NULL)
			return NULL;
		yl_push_pending(y, kid);
	}
	y->depth--;
	n->nkids = y->npending - base;
	n->kids = arena_alloc(&y->scratch, n->nkids * sizeof *n->kids,
	    _Alignof(struct ynode *));
	for (i = 0; i < n->nkids; i++)
		n->kids[i] = y->pending[base + i];
	y->npending = base;
	n->span = yl_span(&start, &y->rd->ev.end_mark);
	if (!n->flow && n->nkids > 0)
		n->span.end = n->kids[n->nkids - 1]->span.end;
	if (map)
		yl_check_dup_keys(y, n);
	if (anchor != NULL)
		yl_anchor_define(y, anchor, n);
	return n;
}

/* Build the node whose first event is current; NULL after a syntax error. */
static struct ynode *
yl_build(struct yl *y)
{
	bool	model = y->model_next;

	y->model_next = false;
	switch (y->rd->ev.type) {
	case YAML_SCALAR_EVENT:
		return yl_build_scalar(y, model);
	case YAML_ALIAS_EVENT:
		return yl_build_alias(y);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return yl_build_collection(y);
	default:
		yl_diag(y, DIAG_ERROR, (uint32_t)y->rd->ev.start_mark.line + 1,
		    (uint32_t)y->rd->ev.start_mark.column + 1,
		    "unexpected YAML structure");
		y->failed = true;
		return NULL;
	}
}

static void
yl_scratch_reset(struct yl *y)
{
	if (!y->keep_scratch)
		arena_reset(&y->scratch);
}

/* Between two events, the bytes well behind the cursor are done with
 * (the margin covers marks that go back inside an event). */
#define YL_DONE_STEP	((size_t)256 << 10)
#define YL_DONE_MARGIN	((size_t)64 << 10)

static void
yl_report_done(struct yl *y)
{
	size_t	upto;

	if (y->done == NULL || y->cur_byte < YL_DONE_MARGIN)
		return;
	upto = y->cur_byte - YL_DONE_MARGIN;
	if (upto >= y->done_upto + YL_DONE_STEP) {
		y->done(y->done_ctx, upto);
		y->done_upto = upto;
	}
}

/* The events sequence: its start event is current.  Each item is built,
 * turned into an event, and forgotten. */
static bool
yl_events(struct yl *y)
{
	struct ynode	*n;
	size_t		 before;
	struct tl_file	*f = &y->tl->files[y->file];

	if (++y->depth > YAMLIO_MAX_DEPTH)
		return false;
	/* Where new events go (the editor appends after the last item). */
	f->events_flow = y->rd->ev.data.sequence_start.style ==
	    YAML_FLOW_SEQUENCE_STYLE;
	f->events_start = yl_byte_offset(y, y->rd->ev.start_mark.index);
	f->events_end = f->events_start;
	f->events_indent = (uint32_t)y->rd->ev.start_mark.column;
	y->in_events = true;
	y->event_diags = y->diags->n;
	for (;;) {
		if (!yl_next(y))
			return false;
		if (y->rd->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		before = y->errors;
		y->event_diags = y->diags->n;
		yl_report_done(y);
		if ((n = yl_build(y)) == NULL)
			return false;
		f = &y->tl->files[y->file];
		f->nitems++;
		f->events_last = yl_byte_offset(y, n->span.start);
		yl_event(y, n, before);
		f = &y->tl->files[y->file];
		f->events_end = yl_byte_offset(y, n->span.end);
		yl_scratch_reset(y);
	}
	if (f->events_flow)
		f->events_end = yl_byte_offset(y, y->rd->ev.end_mark.index);
	y->in_events = false;
	y->depth--;
	return true;
}


/* The top-level mapping, from its MAPPING-START on. */
static bool
yl_top(struct yl *y)
{
	struct ynode	*k, *v;
	struct tl_span	 seen[2] = { { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
	bool		 seen_events = false;
	struct tl_file	*f = &y->tl->files[y->file];

	y->depth = 1;
	for (;;) {
		if (!yl_next(y))
			return false;
		if (y->rd->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((k = yl_build(y)) == NULL || !yl_next(y))
			return false;
		if (k->kind == YN_SCALAR && strcmp(k->text, "events") == 0 &&
		    y->rd->ev.type == YAML_SEQUENCE_START_EVENT) {
			yl_events_dup(y, k, seen_events);
			seen_events = true;
			f->events_line = k->span.line;
			f->events_key_end = yl_byte_offset(y, k->span.end);
			if (!yl_events(y))
				return false;
			continue;
		}
		if ((v = yl_build(y)) == NULL)
			return false;
		if (k->kind != YN_SCALAR)
			yl_diag(y, DIAG_ERROR, k->span.line, k->span.col,
			    "keys must be text values");
		else if (strcmp(k->text, "events") == 0) {
			size_t i;

			/* An alias to a list: the events are still there. */
			for (i = 0; v->kind == YN_SEQ && i < v->nkids; i++)
				yl_event(y, v->kids[i], y->errors);
			if (v->kind != YN_SEQ && !(v->kind == YN_SCALAR &&
			    v->null))
				yl_type_error(y, v, "events", "a list");
			yl_events_dup(y, k, seen_events);
			seen_events = true;
			f->events_line = k->span.line;
			f->events_key_end = yl_byte_offset(y, k->span.end);
			f->events_start = f->events_end = yl_byte_offset(y,
			    v->span.end);
			f->events_empty_value = v->kind == YN_SCALAR;
		} else if (yl_charge(y, v)) {
			yl_top_dup(y, k, seen);
			yl_top_field(y, k, v);
		}
		yl_scratch_reset(y);
	}
	if (!seen_events)
		yl_diag(y, DIAG_ERROR, 1, 1, "no 'events' list in this file");
	return true;
}

/* Stream and document framing around the top-level mapping. */
static bool
yl_stream(struct yl *y)
{
	struct ynode	*n;

	if (!yl_next(y) || !yl_next(y))	/* STREAM-START, then... */
		return false;
	if (y->rd->ev.type == YAML_STREAM_END_EVENT) {
		yl_diag(y, DIAG_ERROR, 0, 0, "file is empty (expected a "
		    "mapping with an 'events' list)");
		return false;
	}
	if (!yl_next(y))		/* ...DOCUMENT-START, the root */
		return false;
	if (y->rd->ev.type != YAML_MAPPING_START_EVENT) {
		uint32_t line = (uint32_t)y->rd->ev.start_mark.line + 1;
		uint32_t col = (uint32_t)y->rd->ev.start_mark.column + 1;

		if ((n = yl_build(y)) == NULL)
			return false;
		yl_diag(y, DIAG_ERROR, line, col, "the file must be a mapping "
		    "with an 'events' list, not %s", yn_kind_names[n->kind]);
		return false;
	}
	if (y->rd->ev.data.mapping_start.anchor != NULL)
		y->keep_scratch = true;
	if (!yl_top(y) || !yl_next(y))	/* DOCUMENT-END */
		return false;
	if (!yl_next(y))
		return false;
	if (y->rd->ev.type == YAML_DOCUMENT_START_EVENT) {
		yl_diag(y, DIAG_ERROR, (uint32_t)y->rd->ev.start_mark.line + 1,
		    (uint32_t)y->rd->ev.start_mark.column + 1,
		    "a second YAML document in one file (a timeline file "
		    "holds one)");
		return false;
	}
	return true;
}

/* A later part of a file cut for parallel loading: a block list of
 * events at the part's column and nothing else.  Anything else fails the
 * part, and the caller loads the file whole instead. */
static bool
yl_part(struct yl *y)
{
	if (!yl_next(y) || !yl_next(y) || y->rd->ev.type != YAML_DOCUMENT_START_EVENT)
		return false;
	if (!yl_next(y) || y->rd->ev.type != YAML_SEQUENCE_START_EVENT ||
	    y->rd->ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ||
	    y->rd->ev.start_mark.column != y->part->indent ||
	    y->rd->ev.data.sequence_start.anchor != NULL)
		return false;
	if (!yl_events(y) || !yl_next(y) ||
	    y->rd->ev.type != YAML_DOCUMENT_END_EVENT)
		return false;
	return yl_next(y) && y->rd->ev.type == YAML_STREAM_END_EVENT;
}

/* After a file failed for its shape (not a mapping, a second document),
 * read the rest of the stream so that a syntax error further on is
 * reported too: one event at a time, nothing kept. */
static void
yl_drain(struct yl *y)
{
	while (!y->failed && y->rd->have_ev &&
	    y->rd->ev.type != YAML_STREAM_END_EVENT)
		(void)yl_next(y);
}

/* What a reader holds besides the parser. */
void
yl_free(struct yl *y)
{
	arena_free(&y->scratch);
	arena_free(&y->wordtext);
	free(y->pending);
	free(y->anchors);
	free(y->words);
	free(y->dates);
}

static bool
yl_utf16(const unsigned char *b, size_t len)
{
	return len >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
	    (b[0] == 0xFE && b[1] == 0xFF));
}

bool
yamlio_load_buffer(struct timeline *tl, uint32_t file, const char *buf,
    size_t len, struct diag_list *diags)
{
	return yamlio_load_stream(tl, file, buf, len, diags, NULL, NULL);
}

bool
yamlio_load_stream(struct timeline *tl, uint32_t file, const char *buf,
    size_t len, struct diag_list *diags, void (*done)(void *, size_t),
    void *ctx)
{
	return yamlio_load_part(tl, file, buf, len, diags, done, ctx, NULL);
}

bool
yamlio_load_part(struct timeline *tl, uint32_t file, const char *buf,
    size_t len, struct diag_list *diags, void (*done)(void *, size_t),
    void *ctx, struct yamlio_part *part)
{
	struct yl	 y;
	struct yl_reader rd;
	size_t		 first = tl->nevents;
	size_t		 first_dropped = tl->ndropped;
	bool		 ok;

	memset(&y, 0, sizeof y);
	memset(&rd, 0, sizeof rd);
	y.rd = &rd;
	y.tl = tl;
	y.model_hints = true;
	y.wordarena = len >= YL_WORDTEXT_MIN ? &y.wordtext : &tl->arena;
	y.file = file;
	y.path = tl->files[file].path;
	y.diags = diags;
	y.buf = (const unsigned char *)buf;
	y.len = len;
	y.json = yl_is_json(buf, len);
	y.done = done;
	y.done_ctx = ctx;
	y.budget = (size_t)YAMLIO_BUDGET_MIB << 20;
	y.budget += len > (SIZE_MAX - y.budget) / YAMLIO_BUDGET_FACTOR ?
	    SIZE_MAX - y.budget : len * YAMLIO_BUDGET_FACTOR;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		y.cur_byte = 3;	/* libyaml does not count the BOM */
	if (len > TL_MAX_FILE_SIZE) {
		yl_diag(&y, DIAG_ERROR, 0, 0, "file too large (over %u bytes)",
		    (unsigned)TL_MAX_FILE_SIZE);
		ok = false;
	} else if (yl_utf16(y.buf, len)) {
		yl_diag(&y, DIAG_ERROR, 1, 1, "UTF-16 text is not supported "
		    "(save the file as UTF-8)");
		ok = false;
	} else {
		if (!yaml_parser_initialize(&rd.parser))
			fatal("out of memory (libyaml)");
		yaml_parser_set_input_string(&rd.parser, y.buf, len);
		y.part = part != NULL && part->rest ? part : NULL;
		if (y.part != NULL) {
			ok = yl_part(&y);
			if (!ok && y.errors == 0)
				yl_diag(&y, DIAG_ERROR, 0, 0, "not a part of an "
				    "events list");
		} else {
			ok = yl_stream(&y);
			if (!ok)
				yl_drain(&y);
		}
		if (part != NULL)
			part->lines = rd.parser.mark.line;
		yl_drop(&y);
		yaml_parser_delete(&rd.parser);
	}
	if (!ok || y.failed) {
		timeline_truncate(tl, first);
		tl->ndropped = first_dropped;
		while (tl->nhtml > 0 && tl->html[tl->nhtml - 1].file == file)
			tl->nhtml--;
		tl->files[file].failed = true;
		ok = false;
	}
	tl->files[file].nevents = tl->nevents - first;
	tl->files[file].errors += y.errors;
	arena_adopt(&tl->arena, &y.wordtext);
	yl_free(&y);
	return ok;
}

struct ynode *
yl_read_root(struct yl *y)
{
	struct yl_reader	 rd;
	struct ynode		*n = NULL;

	memset(&rd, 0, sizeof rd);
	y->rd = &rd;
	if (!yaml_parser_initialize(&rd.parser))
		fatal("out of memory (libyaml)");
	yaml_parser_set_input_string(&rd.parser, y->buf, y->len);
	/* STREAM-START, DOCUMENT-START, the root. */
	if (yl_next(y) && yl_next(y) && yl_next(y))
		n = yl_build(y);
	yl_drop(y);
	yaml_parser_delete(&rd.parser);
	y->rd = NULL;
	return n;
}

bool
yl_last_scalar(const char *buf, size_t len, size_t *start, size_t *end,
    bool *block)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	bool		 done = false, ok = true;

	*start = *end = SIZE_MAX;
	*block = false;
	if (!yaml_parser_initialize(&parser))
		fatal("out of memory (libyaml)");
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done && (ok = yaml_parser_parse(&parser, &ev))) {
		if (ev.type == YAML_SCALAR_EVENT) {
			*block = ev.data.scalar.style ==
			    YAML_LITERAL_SCALAR_STYLE ||
			    ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
			*start = ev.start_mark.index;
			*end = ev.end_mark.index;
		} else if (ev.type == YAML_MAPPING_END_EVENT ||
		    ev.type == YAML_SEQUENCE_END_EVENT) {
			/* A flow collection's end comes after its last
			 * scalar; a block one's is at the end anyway. */
			if (*end == SIZE_MAX || ev.end_mark.index > *end)
				*block = false;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return ok;
}
