/* SPDX-License-Identifier: MIT */
/*
 * The YAML reader; see yamlio.h.
 *
 * libyaml's events are pulled one at a time.  The top-level mapping is read
 * key by key; each item of its events sequence is built into a small tree
 * of nodes (struct ynode) in a scratch arena, turned into a struct tl_event
 * by the schema code below, and the arena is reset for the next event.  So
 * memory stays proportional to one event, not the file.  Once a file
 * defines an anchor, the scratch arena is no longer reset (a later alias may
 * point back into it).
 *
 * libyaml marks count characters, not bytes, and are 0-based; a cursor over
 * the buffer turns a mark into a byte offset (marks arrive nearly in order,
 * so the walk is linear overall).  Lines and columns shown to people are
 * 1-based.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "export.h"
#include "html.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"

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

struct yl {
	yaml_parser_t		 parser;
	yaml_event_t		 ev;
	bool			 have_ev;
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

/* --- positions ----------------------------------------------------------- */

/* Byte offset of character index idx.  Forward sixteen bytes at a time
 * (SSE2: the characters in them are the bytes that are not UTF-8
 * continuation bytes), or eight ASCII bytes at a time; marks mostly move
 * forward, so the whole file is walked about once. */
static size_t
yl_byte_offset(struct yl *y, size_t idx)
{
	const unsigned char	*b = y->buf;

	while (y->cur_char < idx && y->cur_byte < y->len) {
#if defined(__SSE2__) && defined(__GNUC__)
		/* Whole steps: the byte after the sixteen starts a character. */
		while (y->cur_byte + 16 < y->len &&
		    (b[y->cur_byte + 16] & 0xC0) != 0x80) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
			    (b + y->cur_byte));
			/* 1 per continuation byte, summed per half. */
			__m128i n = _mm_sad_epu8(_mm_and_si128(_mm_cmplt_epi8(v,
			    _mm_set1_epi8(-64)), _mm_set1_epi8(1)),
			    _mm_setzero_si128());
			size_t chars = 16 - (size_t)(_mm_cvtsi128_si32(n) +
			    _mm_cvtsi128_si32(_mm_srli_si128(n, 8)));

			if (y->cur_char + chars > idx)
				break;
			y->cur_byte += 16;
			y->cur_char += chars;
		}
#else
		uint64_t w;

		/* Eight ASCII bytes are eight characters. */
		while (y->cur_char + 8 <= idx && y->cur_byte + 8 <= y->len) {
			memcpy(&w, b + y->cur_byte, 8);
			if ((w & 0x8080808080808080ULL) != 0)
				break;
			y->cur_byte += 8;
			y->cur_char += 8;
		}
#endif
		if (y->cur_char >= idx)
			break;
		y->cur_byte++;
		while (y->cur_byte < y->len && (b[y->cur_byte] & 0xC0) == 0x80)
			y->cur_byte++;
		y->cur_char++;
	}
	while (y->cur_char > idx && y->cur_byte > 0) {
		y->cur_byte--;
		while (y->cur_byte > 0 && (b[y->cur_byte] & 0xC0) == 0x80)
			y->cur_byte--;
		y->cur_char--;
	}
	return y->cur_byte;
}

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

/* A node's span in bytes. */
static struct tl_span
yl_bytes(struct yl *y, struct tl_span s)
{
	s.start = yl_byte_offset(y, s.start);
	s.end = yl_byte_offset(y, s.end);
	return s;
}

/* Line and column of a byte offset, by counting (for reader errors). */
static void
yl_locate_byte(const struct yl *y, size_t off, unsigned *line, unsigned *col)
{
	size_t	i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && i < y->len; i++) {
		if (y->buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((y->buf[i] & 0xC0) != 0x80)
			(*col)++;
	}
}

/* Bytes that the double-quoted escape at src produces, and (*adv) the
 * bytes it takes in the source; 0 for a line-break escape. */
static size_t
yl_escape_size(const unsigned char *src, const unsigned char *end,
    size_t *adv)
{
	unsigned long	cp;
	size_t		digits = 0;
	char		hex[9];

	*adv = 2;
	if (end - src < 2)
		return 0;
	switch (src[1]) {
	case 'x':
		digits = 2;
		break;
	case 'u':
		digits = 4;
		break;
	case 'U':
		digits = 8;
		break;
	case 'N':
	case '_':
		return 2;
	case 'L':
	case 'P':
		return 3;
	case '\n':
	case '\r':
		return 0;
	default:
		return 1;
	}
	if ((size_t)(end - src) < 2 + digits)
		return 0;
	*adv = 2 + digits;
	memcpy(hex, src + 2, digits);
	hex[digits] = '\0';
	cp = strtoul(hex, NULL, 16);
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/*
 * Column of byte offset off in scalar n's value, found by walking the
 * source alongside the value (escapes and '' take more source than value).
 * Multi-line and block scalars give the value's first column.
 */
static uint32_t
yl_col_in(struct yl *y, const struct ynode *n, size_t off)
{
	struct tl_span		 b = yl_bytes(y, n->span);
	const unsigned char	*src = y->buf + b.start;
	const unsigned char	*end = y->buf + b.end;
	uint32_t		 col = n->span.col;
	size_t			 i = 0, adv, l;
	char			 q;

	if ((!n->plain && !n->quoted) || n->aliased || end > y->buf + y->len)
		return col;
	q = n->quoted ? (char)*src++ : 0;
	if (q != 0)
		col++;
	while (src < end && i < off) {
		if (*src == '\n' || *src == '\r')
			return n->span.col;
		if (q == '"' && *src == '\\') {
			if ((l = yl_escape_size(src, end, &adv)) == 0)
				return n->span.col;
		} else if (q == '\'' && *src == '\'' && src + 1 < end &&
		    src[1] == '\'') {
			l = 1;
			adv = 2;
		} else {
			/* One character: one column, however many bytes. */
			for (l = 1; src + l < end && (src[l] & 0xC0) == 0x80; l++)
				continue;
			i += l;
			src += l;
			col++;
			continue;
		}
		i += l;
		src += adv;
		col += (uint32_t)adv;	/* escapes are ASCII */
	}
	return col;
}

/* --- diagnostics --------------------------------------------------------- */

static void yl_diag(struct yl *, enum diag_severity, uint32_t, uint32_t,
    const char *, ...) __attribute__((format(printf, 5, 6)));

static void
yl_diag(struct yl *y, enum diag_severity sev, uint32_t line, uint32_t col,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(y->diags, sev, y->path, line, col, "%s", msg);
	free(msg);
	if (sev == DIAG_ERROR)
		y->errors++;
}

/* "in event 'id'" or "in event 3" for messages about an event. */
static void
yl_event_label(const struct yl *y, struct buf *b)
{
	if (y->ev_out != NULL && y->ev_out->id != NULL)
		buf_printf(b, "event '%s'", y->ev_out->id);
	else
		buf_printf(b, "event %u", y->event_no);
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
	yaml_parser_t	*p = &y->parser;
	unsigned	 line, col;

	yl_locate_byte(y, p->problem_offset, &line, &col);
	if (p->problem_value != -1)
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
	yaml_parser_t		*p = &y->parser;
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
	if (y->have_ev) {
		yaml_event_delete(&y->ev);
		y->have_ev = false;
	}
}

/* Fetch the next libyaml event into y->ev.  False on a syntax error. */
static bool
yl_next(struct yl *y)
{
	yl_drop(y);
	if (y->failed)
		return false;
	if (!yaml_parser_parse(&y->parser, &y->ev)) {
		yl_syntax_error(y);
		return false;
	}
	y->have_ev = true;
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
	yaml_event_t	*e = &y->ev;
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
	const char	*name = (const char *)y->ev.data.alias.anchor;
	struct ynode	*n = yl_anchor_get(y, name), *copy;

	if (n == NULL) {
		yl_diag(y, DIAG_ERROR, (uint32_t)y->ev.start_mark.line + 1,
		    (uint32_t)y->ev.start_mark.column + 1,
		    "alias '*%s' refers to no complete anchor (undefined, or "
		    "an alias inside its own anchor)", name);
		n = yl_new_node(y, YN_SCALAR);
		n->text = "";
		n->null = true;
		n->bad = true;
		n->span = yl_span(&y->ev.start_mark, &y->ev.end_mark);
		return n;
	}
	/* A copy that sits where the alias is written: messages and edits
	 * point at the alias, not at the anchor far away. */
	copy = yl_new_node(y, n->kind);
	*copy = *n;
	copy->span = yl_span(&y->ev.start_mark, &y->ev.end_mark);
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

/* Keys whose values the schema copies into the timeline as they are
 * (yl_text): id, title, description, url, text. */
static bool
yl_model_key(const struct ynode *k)
{
	return k->kind == YN_SCALAR && (YL_IS(k, "id") || YL_IS(k, "url") ||
	    YL_IS(k, "text") || YL_IS(k, "title") || YL_IS(k, "description"));
}

/* Build a sequence or mapping whose start event is current. */
static struct ynode *
yl_build_collection(struct yl *y)
{
	bool		 map = y->ev.type == YAML_MAPPING_START_EVENT;
	yaml_event_type_t end = map ? YAML_MAPPING_END_EVENT :
			    YAML_SEQUENCE_END_EVENT;
	struct ynode	*n = yl_new_node(y, map ? YN_MAP : YN_SEQ);
	yaml_char_t	*anchor;
	size_t		 base = y->npending, i;
	yaml_mark_t	 start = y->ev.start_mark;

	if (map) {
		anchor = y->ev.data.mapping_start.anchor;
		n->flow = y->ev.data.mapping_start.style ==
		    YAML_FLOW_MAPPING_STYLE;
	} else {
		anchor = y->ev.data.sequence_start.anchor;
		n->flow = y->ev.data.sequence_start.style ==
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
		if (y->ev.type == end)
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
	n->span = yl_span(&start, &y->ev.end_mark);
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
	switch (y->ev.type) {
	case YAML_SCALAR_EVENT:
		return yl_build_scalar(y, model);
	case YAML_ALIAS_EVENT:
		return yl_build_alias(y);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		return yl_build_collection(y);
	default:
		yl_diag(y, DIAG_ERROR, (uint32_t)y->ev.start_mark.line + 1,
		    (uint32_t)y->ev.start_mark.column + 1,
		    "unexpected YAML structure");
		y->failed = true;
		return NULL;
	}
}

/* --- schema helpers ------------------------------------------------------ */

static const char *const yn_kind_names[] = {
	[YN_SCALAR] = "a text value",
	[YN_SEQ] = "a list",
	[YN_MAP] = "a mapping",
};

static void
yl_type_error(struct yl *y, const struct ynode *n, const char *key,
    const char *want)
{
	yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
	    "'%s' must be %s, not %s", key, want, yn_kind_names[n->kind]);
}

/* Copy a scalar into the timeline; NULL (and an error) if not a scalar.
 * Null scalars give NULL without an error. */
static const char *
yl_text(struct yl *y, const struct ynode *n, const char *key)
{
	if (n->kind != YN_SCALAR) {
		yl_type_error(y, n, key, "a text value");
		return NULL;
	}
	if (n->null || n->bad)
		return NULL;
	if (n->in_model)
		return n->text;
	return arena_strndup(&y->tl->arena, n->text, n->len);
}

/*
 * Tags, actors, outlets, authors and dates come from small vocabularies:
 * each distinct short text is stored once per file, which keeps a big
 * timeline well under the size of its file.  Only those fields are
 * interned (an id or a title is unique: a table entry would cost more
 * than it saves), and the table stops growing at YL_WORDS_MAX entries.
 */
#define YL_WORD_MAX_LEN	48
#define YL_WORDTEXT_MIN	((size_t)1 << 20)	/* see wordtext */
#define YL_WORDS_MAX	((size_t)1 << 16)

static uint32_t
yl_word_hash(const char *s, size_t len)
{
	uint32_t	h = 2166136261u;
	size_t		i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* s (len at most YL_WORD_MAX_LEN, hash h) in the table, or added. */
static const char *
yl_intern_hashed(struct yl *y, const char *s, size_t len, uint32_t h)
{
	struct yl_word	*w, *old;
	size_t		 i, j, oldcap;
	const char	*p;

	if (y->capwords > 0)
		for (i = h & (y->capwords - 1); (w = &y->words[i])->s != NULL;
		    i = (i + 1) & (y->capwords - 1))
			if (w->hash == h && w->len == len &&
			    memcmp(w->s, s, len) == 0)
				return w->s;
	/* Kept apart from the long texts of a big file, the words stay
	 * close together in memory, and so in the processor's cache for the
	 * next lookup.  (A small file would leave most of a block of its
	 * own empty.) */
	p = arena_strndup(y->wordarena, s, len);
	if (y->nwords >= YL_WORDS_MAX)
		return p;
	/* Up to three quarters full: the table is alive at the peak of a
	 * load (the whole model built, the file not yet let go). */
	if ((y->nwords + 1) * 4 > y->capwords * 3) {
		old = y->words;
		oldcap = y->capwords;
		y->capwords = oldcap == 0 ? 256 : oldcap * 2;
		y->words = xcalloc(y->capwords, sizeof *y->words);
		for (j = 0; j < oldcap; j++) {
			if (old[j].s == NULL)
				continue;
			for (i = old[j].hash & (y->capwords - 1);
			    y->words[i].s != NULL;
			    i = (i + 1) & (y->capwords - 1))
				;
			y->words[i] = old[j];
		}
		free(old);
	}
	for (i = h & (y->capwords - 1); y->words[i].s != NULL;
	    i = (i + 1) & (y->capwords - 1))
		;
	y->words[i].s = p;
	y->words[i].len = (uint32_t)len;
	y->words[i].hash = h;
	y->nwords++;
	return p;
}

static const char *
yl_intern(struct yl *y, const char *s, size_t len)
{
	if (len > YL_WORD_MAX_LEN)
		return arena_strndup(&y->tl->arena, s, len);
	return yl_intern_hashed(y, s, len, yl_word_hash(s, len));
}

/* yl_text, interned. */
static const char *
yl_word(struct yl *y, const struct ynode *n, const char *key)
{
	if (n->kind != YN_SCALAR) {
		yl_type_error(y, n, key, "a text value");
		return NULL;
	}
	if (n->null || n->bad)
		return NULL;
	return yl_intern(y, n->text, n->len);
}

/* s (from yl_text or yl_word) as a required, non-empty text value. */
static const char *
yl_required(struct yl *y, const struct ynode *n, const char *key,
    const char *s)
{
	if ((s == NULL || *s == '\0') && n->kind == YN_SCALAR && !n->bad) {
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "'%s' is empty", key);
		return NULL;
	}
	return s;
}

static const char *
yl_required_text(struct yl *y, const struct ynode *n, const char *key)
{
	return yl_required(y, n, key, yl_text(y, n, key));
}

/* Parse a date scalar; false (with an error) if it is not one.  Dates
 * repeat (the same day, the same month, and close together in a file),
 * so the latest dates read are remembered, text and value, in a small
 * table keyed by the text's hash: a date met again is neither interned
 * nor parsed again. */
static bool
yl_date(struct yl *y, const struct ynode *n, const char *key, unsigned opts,
    const char **text, struct date_range *out)
{
	struct yl_date_memo	*m = NULL;
	char			*err = NULL;
	size_t			 col = 0;
	uint32_t		 h = 0;

	if (n->kind == YN_SCALAR && !n->null && !n->bad && n->len > 0 &&
	    n->len <= YL_WORD_MAX_LEN) {
		if (y->dates == NULL)
			y->dates = xcalloc(YL_DATES, sizeof *y->dates);
		h = yl_word_hash(n->text, n->len);
		m = &y->dates[(h * 0x9E3779B1u) >> (32 - YL_DATES_BITS)];
		if (m->text != NULL && m->hash == h && m->len == n->len &&
		    m->opts == opts && memcmp(m->text, n->text, n->len) == 0) {
			*text = m->text;
			*out = m->date;
			return true;
		}
		*text = yl_intern_hashed(y, n->text, n->len, h);
	} else if ((*text = yl_required(y, n, key, yl_word(y, n, key))) ==
	    NULL)
		return false;
	if (date_parse(n->text, n->len, opts, out, &err, &col)) {
		if (m != NULL) {
			m->text = *text;
			m->hash = h;
			m->len = (uint16_t)n->len;
			m->opts = (uint16_t)opts;
			m->date = *out;
		}
		return true;
	}
	yl_diag(y, DIAG_ERROR, n->span.line, yl_col_in(y, n, col), "%s",
	    err != NULL ? err : "unrecognised date");
	free(err);
	*text = NULL;
	return false;
}

/* A list of strings: a sequence of scalars, or one scalar. */
static const char **
yl_strings(struct yl *y, const struct ynode *n, const char *key,
    uint32_t *count)
{
	const char	**v;
	size_t		  i, k = 0;

	*count = 0;
	if (n->kind == YN_MAP) {
		yl_type_error(y, n, key, "a list of text values");
		return NULL;
	}
	if (n->kind == YN_SCALAR) {
		if (n->null)
			return NULL;
		v = arena_alloc(&y->tl->arena, sizeof *v, _Alignof(char *));
		v[0] = yl_intern(y, n->text, n->len);
		*count = 1;
		return v;
	}
	v = arena_alloc(&y->tl->arena, n->nkids * sizeof *v, _Alignof(char *));
	for (i = 0; i < n->nkids; i++) {
		const struct ynode *it = n->kids[i];

		if (it->bad)
			continue;
		if (it->kind != YN_SCALAR || it->null) {
			/* Through an alias, once, where the alias is. */
			const struct ynode *at = n->aliased ? n : it;

			yl_diag(y, DIAG_ERROR, at->span.line, at->span.col,
			    "items of '%s' must be text values", key);
			if (n->aliased)
				break;
			continue;
		}
		v[k++] = yl_intern(y, it->text, it->len);
	}
	*count = (uint32_t)k;
	return v;
}

/* The closest of names[] to word, for "did you mean" (NULL if none). */
static const char *
yl_suggest(const char *word, const char *const *names, size_t n)
{
	const char	*best = NULL;
	unsigned	 bestd = 3, d;
	size_t		 i;

	for (i = 0; i < n; i++) {
		d = text_distance(word, names[i], 2);
		if (d < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	return best;
}

static void
yl_unknown_key(struct yl *y, const struct ynode *k, const char *where,
    const char *const *names, size_t n)
{
	const char	*s = yl_suggest(k->text, names, n);
	struct buf	 b = BUF_INIT;

	if (s != NULL)
		buf_printf(&b, " (did you mean '%s'?)", s);
	yl_diag(y, DIAG_WARNING, k->span.line, k->span.col,
	    "unknown key '%s' in %s%s", k->text, where, buf_str(&b));
	buf_free(&b);
}

/* Look up key in a mapping node (NULL if absent); the last of
 * duplicates (JSON: see yl_dup_key). */
static const struct ynode *
yl_map_get(const struct ynode *map, const char *key)
{
	size_t	i;

	for (i = map->nkids & ~(size_t)1; i >= 2; i -= 2) {
		const struct ynode *k = map->kids[i - 2];

		if (k->kind == YN_SCALAR && strcmp(k->text, key) == 0)
			return map->kids[i - 1];
	}
	return NULL;
}

/* --- sources, notes, related -------------------------------------------- */

static const char *const source_keys[] = { "outlet", "url", "title", "date" };

static bool
yl_looks_like_url(const char *s)
{
	return strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0;
}

static void
yl_source(struct yl *y, const struct ynode *n, struct tl_source *s)
{
	size_t	i;

	memset(s, 0, sizeof *s);
	if (n->kind == YN_SCALAR) {
		const char *t = yl_required_text(y, n, "sources");

		if (t != NULL && yl_looks_like_url(t))
			s->url = t;
		else
			s->outlet = t;
		return;
	}
	if (n->kind != YN_MAP) {
		yl_type_error(y, n, "sources", "a mapping or a text value");
		return;
	}
	for (i = 0; i + 1 < n->nkids; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1];

		if (k->kind != YN_SCALAR)
			continue;
		if (YL_IS(k, "outlet"))
			s->outlet = yl_word(y, v, "outlet");
		else if (YL_IS(k, "url"))
			s->url = yl_text(y, v, "url");
		else if (YL_IS(k, "title"))
			s->title = yl_text(y, v, "title");
		else if (YL_IS(k, "date")) {
			struct date_range r;

			(void)yl_date(y, v, "date", 0, &s->date_text, &r);
		}
		else
			yl_unknown_key(y, k, "source", source_keys,
			    sizeof source_keys / sizeof *source_keys);
	}
}

static void
yl_sources(struct yl *y, const struct ynode *n, struct tl_event *e)
{
	size_t	i, count = n->kind == YN_SEQ ? n->nkids : 1;

	if (n->kind == YN_SCALAR && n->null)
		return;
	e->sources = arena_calloc(&y->tl->arena, count, sizeof *e->sources,
	    _Alignof(struct tl_source));
	if (n->kind != YN_SEQ) {
		yl_source(y, n, &e->sources[0]);
		e->nsources = 1;
		return;
	}
	for (i = 0; i < count; i++)
		yl_source(y, n->kids[i], &e->sources[i]);
	e->nsources = (uint32_t)count;
}

static const char *const note_keys[] = { "at", "by", "text" };

static bool
yl_note(struct yl *y, const struct ynode *n, struct tl_note *note)
{
	size_t			i;
	struct date_range	r;

	memset(note, 0, sizeof *note);
	if (n->kind == YN_SCALAR) {
		note->text = yl_required_text(y, n, "notes");
		return note->text != NULL;
	}
	if (n->kind != YN_MAP) {
		yl_type_error(y, n, "notes", "a mapping or a text value");
		return false;
	}
	for (i = 0; i + 1 < n->nkids; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1];

		if (k->kind != YN_SCALAR)
			continue;
		if (YL_IS(k, "at"))
			yl_date(y, v, "at", 0, &note->at, &r);
		else if (YL_IS(k, "by"))
			note->by = yl_word(y, v, "by");
		else if (YL_IS(k, "text"))
			note->text = yl_required_text(y, v, "text");
		else
			yl_unknown_key(y, k, "note", note_keys,
			    sizeof note_keys / sizeof *note_keys);
	}
	if (note->text == NULL && yl_map_get(n, "text") == NULL)
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "note has no 'text'");
	return note->text != NULL;
}

static void
yl_notes(struct yl *y, const struct ynode *n, struct tl_event *e)
{
	size_t	i, count = n->kind == YN_SEQ ? n->nkids : 1;

	if (n->kind == YN_SCALAR && n->null)
		return;
	e->notes = arena_calloc(&y->tl->arena, count, sizeof *e->notes,
	    _Alignof(struct tl_note));
	if (n->kind != YN_SEQ) {
		e->nnotes = yl_note(y, n, &e->notes[0]) ? 1 : 0;
		return;
	}
	for (i = 0; i < count; i++)
		if (yl_note(y, n->kids[i], &e->notes[e->nnotes]))
			e->nnotes++;
}

static void
yl_related(struct yl *y, const struct ynode *n, struct tl_event *e)
{
	const struct ynode	*const *items = &n;
	size_t			 i, count = 1;

	if (n->kind == YN_MAP) {
		yl_type_error(y, n, "related", "a list of event ids");
		return;
	}
	if (n->kind == YN_SCALAR && n->null)
		return;
	if (n->kind == YN_SEQ) {
		items = (const struct ynode *const *)n->kids;
		count = n->nkids;
	}
	e->related = arena_calloc(&y->tl->arena, count, sizeof *e->related,
	    _Alignof(struct tl_ref));
	for (i = 0; i < count; i++) {
		const struct ynode *it = items[i];
		struct tl_ref *r = &e->related[e->nrelated];

		if (it->kind != YN_SCALAR || it->null) {
			yl_diag(y, DIAG_ERROR, it->span.line, it->span.col,
			    "items of 'related' must be event ids");
			continue;
		}
		r->text = arena_strndup(&y->tl->arena, it->text, it->len);
		r->line = it->span.line;
		r->col = it->span.col;
		e->nrelated++;
	}
}

/* --- events -------------------------------------------------------------- */

static void
yl_status(struct yl *y, const struct ynode *n, struct tl_event *e)
{
	static const char *const names[] = {
		"confirmed", "reported", "alleged", "disputed", "denied"
	};
	const char	*s;

	if (n->kind != YN_SCALAR) {
		yl_type_error(y, n, "status", "a text value");
		return;
	}
	if (n->null)
		return;
	if (tl_status_parse(n->text, n->len, &e->status))
		return;
	s = yl_suggest(n->text, names, sizeof names / sizeof *names);
	if (s != NULL)
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "unknown status '%s' (did you mean '%s'?)", n->text, s);
	else
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "unknown status '%s' (expected confirmed, reported, "
		    "alleged, disputed or denied)", n->text);
}

enum yl_key_id {
	K_ID, K_DATE, K_END, K_TITLE, K_DESCRIPTION, K_STATUS, K_TAGS,
	K_ACTORS, K_SOURCES, K_RELATED, K_NOTES, K_TIMELINEJS, K_UNKNOWN
};

static const char *const event_keys[K_UNKNOWN] = {
	[K_ID] = "id", [K_DATE] = "date", [K_END] = "end",
	[K_TITLE] = "title", [K_DESCRIPTION] = "description",
	[K_STATUS] = "status", [K_TAGS] = "tags", [K_ACTORS] = "actors",
	[K_SOURCES] = "sources", [K_RELATED] = "related", [K_NOTES] = "notes",
	[K_TIMELINEJS] = "timelinejs",
};

/* The key's id: by its length, then compared in place (this runs for
 * every key of every event). */
static enum yl_key_id
yl_event_key(const struct ynode *k)
{
	switch (k->len) {
	case 2:
		return YL_IS(k, "id") ? K_ID : K_UNKNOWN;
	case 3:
		return YL_IS(k, "end") ? K_END : K_UNKNOWN;
	case 4:
		return YL_IS(k, "date") ? K_DATE : YL_IS(k, "tags") ? K_TAGS :
		    K_UNKNOWN;
	case 5:
		return YL_IS(k, "title") ? K_TITLE : YL_IS(k, "notes") ?
		    K_NOTES : K_UNKNOWN;
	case 6:
		return YL_IS(k, "status") ? K_STATUS : YL_IS(k, "actors") ?
		    K_ACTORS : K_UNKNOWN;
	case 7:
		return YL_IS(k, "sources") ? K_SOURCES : YL_IS(k, "related") ?
		    K_RELATED : K_UNKNOWN;
	case 10:
		return YL_IS(k, "timelinejs") ? K_TIMELINEJS : K_UNKNOWN;
	case 11:
		return YL_IS(k, "description") ? K_DESCRIPTION : K_UNKNOWN;
	default:
		return K_UNKNOWN;
	}
}

static void
yl_event_field(struct yl *y, enum yl_key_id id, const struct ynode *k,
    const struct ynode *v, struct tl_event *e)
{
	const char	*key = id < K_UNKNOWN ? event_keys[id] : NULL;

	switch (id) {
	case K_ID:
		e->id = yl_required_text(y, v, key);
		break;
	case K_DATE:
		yl_date(y, v, key, 0, &e->date_text, &e->date);
		break;
	case K_END:
		yl_date(y, v, key, DATE_PARSE_END, &e->end_text, &e->end);
		break;
	case K_TITLE:
		/* HTML: an empty title is made from the text. */
		e->title = y->tl->files[y->file].html ? yl_text(y, v, key) :
		    yl_required_text(y, v, key);
		break;
	case K_DESCRIPTION:
		e->description = yl_text(y, v, key);
		break;
	case K_STATUS:
		yl_status(y, v, e);
		break;
	case K_TAGS:
		e->tags = yl_strings(y, v, key, &e->ntags);
		break;
	case K_ACTORS:
		e->actors = yl_strings(y, v, key, &e->nactors);
		break;
	case K_SOURCES:
		yl_sources(y, v, e);
		break;
	case K_RELATED:
		yl_related(y, v, e);
		break;
	case K_NOTES:
		yl_notes(y, v, e);
		break;
	case K_TIMELINEJS:	/* read by yl_side_event */
		if (v->kind != YN_MAP)
			yl_type_error(y, v, key, "a mapping of TimelineJS "
			    "slide keys");
		break;
	case K_UNKNOWN: {
		struct buf b = BUF_INIT;

		yl_event_label(y, &b);
		yl_unknown_key(y, k, b.data, event_keys, K_UNKNOWN);
		buf_free(&b);
		break;
	}
	}
}

/* Every key and value span of a mapping, in file order, into a (names of
 * unknown keys copied there too). */
static struct tl_key *
yl_keys_of(const struct ynode *map, struct arena *a, uint32_t *count)
{
	size_t		 i, n = map->nkids / 2;
	struct tl_key	*v = arena_alloc(a, n * sizeof *v,
			    _Alignof(struct tl_key));

	*count = 0;
	for (i = 0; i < n; i++) {
		const struct ynode *k = map->kids[2 * i];
		struct tl_key *tk = &v[*count];
		enum yl_key_id id;

		if (k->kind != YN_SCALAR)
			continue;
		id = yl_event_key(k);
		tk->name = id != K_UNKNOWN ? event_keys[id] :
		    arena_strndup(a, k->text, k->len);
		tk->key = k->span;
		tk->value = map->kids[2 * i + 1]->span;
		(*count)++;
	}
	return v;
}

/* Required keys and the end after the date.  present: a bit per key id
 * seen in the mapping. */
static void
yl_event_check(struct yl *y, const struct ynode *map, struct tl_event *e,
    unsigned present)
{
	struct buf	b = BUF_INIT;
	bool		backwards = e->date_text != NULL &&
			    e->end_text != NULL &&
			    !(e->end.flags & DATE_ONGOING) &&
			    e->end.latest < e->date.earliest;

	/* The label is made only for a message (this runs for every event). */
	if ((present & (1u << K_TITLE) || y->tl->files[y->file].html) &&
	    (present & (1u << K_DATE)) && !backwards)
		return;
	yl_event_label(y, &b);
	if (!(present & (1u << K_TITLE)) && !y->tl->files[y->file].html)
		yl_diag(y, DIAG_ERROR, map->span.line, map->span.col,
		    "%s has no 'title'", b.data);
	if (!(present & (1u << K_DATE)))
		yl_diag(y, DIAG_ERROR, map->span.line, map->span.col,
		    "%s has no 'date'", b.data);
	if (backwards) {
		const struct ynode *v = yl_map_get(map, "end");

		yl_diag(y, DIAG_ERROR, v->span.line, v->span.col,
		    "'end' (%s) is before 'date' (%s) in %s", e->end_text,
		    e->date_text, b.data);
	}
	buf_free(&b);
}

/* A TimelineJS value that counts as absent: null, or a text of nothing
 * but blanks ("unique_id": "", "month": "" from a spreadsheet). */
static bool
yl_tljs_blank(const struct ynode *v)
{
	size_t	i;

	if (v->kind != YN_SCALAR || v->null)
		return v->kind == YN_SCALAR;
	for (i = 0; i < v->len; i++)
		if (strchr(" \t\r\n", v->text[i]) == NULL)
			return false;
	return true;
}

/* The years TimelineJS's cosmological scale reaches, and some. */
#define YL_TLJS_YEAR_MAX	20000000000LL

/* A deep-time year (EDTF numbering) as a date text: "13.8 billion years
 * ago" when that is this very year, else EDTF's "Y-13800000000". */
static void
yl_deep_year(struct buf *b, long long x)
{
	struct date_range	r, want;
	char			t[32];

	buf_printf(b, "Y%lld", x);
	if (x > -DATE_DEEP_YEAR || !date_parse(b->data, b->len, 0, &want,
	    NULL, NULL))
		return;
	date_format_ago(x, t, sizeof t);
	if (date_parse(t, strlen(t), 0, &r, NULL, NULL) &&
	    r.earliest == want.earliest) {
		buf_reset(b);
		buf_adds(b, t);
	}
}

/* TimelineJS: {year, month, day, hour, minute, second} to an ISO text. */
static const char *
yl_tljs_date(struct yl *y, const struct ynode *n, const char *key,
    struct date_range *out)
{
	static const char *const parts[] = {
		"year", "month", "day", "hour", "minute", "second"
	};
	static const char *const seps[] = { "", "-", "-", "T", ":", ":" };
	struct buf	 b = BUF_INIT;
	const char	*text = NULL;
	size_t		 i;
	char		*err = NULL;

	if (n->kind != YN_MAP) {
		yl_type_error(y, n, key, "a mapping with year, month, day");
		return NULL;
	}
	for (i = 0; i < 6; i++) {
		const struct ynode *v = yl_map_get(n, parts[i]);
		long long x = 0;
		char *end = NULL;

		/* Empty is absent, as in TimelineJS (spreadsheet cells). */
		if (v == NULL || yl_tljs_blank(v))
			break;
		if (v->kind == YN_SCALAR) {
			x = strtoll(v->text, &end, 10);
			while (*end == ' ' || *end == '\t')
				end++;
		}
		if (v->kind != YN_SCALAR || *end != '\0' || end == v->text) {
			yl_diag(y, DIAG_ERROR, v->span.line, v->span.col,
			    "'%s' in '%s' must be a whole number", parts[i], key);
			buf_free(&b);
			return NULL;
		}
		if (x < -YL_TLJS_YEAR_MAX || x > YL_TLJS_YEAR_MAX ||
		    (i > 0 && (x < 0 || x > 99))) {
			yl_diag(y, DIAG_ERROR, v->span.line, v->span.col,
			    "'%s' in '%s' is out of range (%lld)", parts[i],
			    key, x);
			buf_free(&b);
			return NULL;
		}
		/* TimelineJS has no year 0: its -138 is 138 BC, which is
		 * EDTF's -0137 (year 0 = 1 BC). */
		if (i == 0 && x < 0)
			x++;
		if (i == 0 && (x < -9999 || x > 9999)) {
			/* Deep time (scale: cosmological): the year alone. */
			yl_deep_year(&b, x);
			break;
		}
		if (i == 0)
			buf_printf(&b, x < 0 ? "-%04lld" : "%04lld",
			    x < 0 ? -x : x);
		else
			buf_printf(&b, "%s%02lld", seps[i], x);
	}
	if (i == 4)
		buf_adds(&b, ":00");	/* hour alone is not ISO */
	if (b.len == 0)
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col,
		    "'%s' has no 'year'", key);
	else if (!date_parse(b.data, b.len, 0, out, &err, NULL)) {
		yl_diag(y, DIAG_ERROR, n->span.line, n->span.col, "%s", err);
		free(err);
	} else
		text = arena_strndup(&y->tl->arena, b.data, b.len);
	buf_free(&b);
	return text;
}

static void
yl_tljs_event(struct yl *y, const struct ynode *map, struct tl_event *e)
{
	const struct ynode	*v, *text;

	y->tl->files[y->file].format = TL_FORMAT_TIMELINEJS;
	y->tl->files[y->file].html = true;
	if ((v = yl_map_get(map, "unique_id")) != NULL && !yl_tljs_blank(v)) {
		e->id = yl_text(y, v, "unique_id");
		tl_event_set_id_pos(e, v->span.line, v->span.col);
	}
	e->date_text = yl_tljs_date(y, yl_map_get(map, "start_date"),
	    "start_date", &e->date);
	if ((v = yl_map_get(map, "end_date")) != NULL)
		e->end_text = yl_tljs_date(y, v, "end_date", &e->end);
	if ((text = yl_map_get(map, "text")) != NULL && text->kind == YN_MAP) {
		if ((v = yl_map_get(text, "headline")) != NULL)
			e->title = yl_text(y, v, "headline");
		if ((v = yl_map_get(text, "text")) != NULL)
			e->description = yl_text(y, v, "text");
	}
	if ((v = yl_map_get(map, "group")) != NULL && !yl_tljs_blank(v))
		e->tags = yl_strings(y, v, "group", &e->ntags);
}

/* Turn one item of the events list into an event.  before: the error
 * count before the item was built (errors while building, such as duplicate
 * keys, also drop it). */
/* First pass over an event's keys: the id (so that messages can name the
 * event), which known keys are there, and whether it is TimelineJS. */
static unsigned
yl_event_scan(struct yl *y, const struct ynode *map, struct tl_event *e,
    bool *tljs)
{
	unsigned	present = 0;
	size_t		i;

	*tljs = false;
	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct ynode *k = map->kids[i];
		enum yl_key_id id;

		if (k->kind != YN_SCALAR)
			continue;
		id = yl_event_key(k);
		if (id == K_UNKNOWN) {
			*tljs = *tljs || strcmp(k->text, "start_date") == 0;
			continue;
		}
		present |= 1u << id;
		if (id == K_ID) {
			e->id = yl_required_text(y, map->kids[i + 1], "id");
			tl_event_set_id_pos(e, map->kids[i + 1]->span.line,
			    map->kids[i + 1]->span.col);
		}
	}
	return present;
}

static void
yl_event_fields(struct yl *y, const struct ynode *map, struct tl_event *e)
{
	size_t	i;

	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct ynode *k = map->kids[i];
		enum yl_key_id id;

		if (k->kind != YN_SCALAR) {
			yl_diag(y, DIAG_ERROR, k->span.line, k->span.col,
			    "keys must be text values");
			continue;
		}
		if ((id = yl_event_key(k)) != K_ID)
			yl_event_field(y, id, k, map->kids[i + 1], e);
	}
}

/* What n costs to take into the timeline, down to the depth the schema
 * reads (an event's notes[i].text is 3 below the event); at most a little
 * over limit, so that the walk stops early. */
static size_t
yl_cost(const struct ynode *n, unsigned depth, size_t limit)
{
	size_t	c = sizeof *n, i;

	if (n->kind == YN_SCALAR)
		return c + n->len;
	if (depth >= 4)
		return c;
	for (i = 0; i < n->nkids && c <= limit; i++)
		c += yl_cost(n->kids[i], depth + 1, limit - c);
	return c;
}

/* Aliases share nodes, but the schema copies what it takes: a small file
 * whose aliases point many times at a big node would copy without end.
 * Every node taken is charged to a budget proportional to the file
 * (YAMLIO_BUDGET_*); past it, the file fails with one error.  Until the
 * file defines an anchor no node can be shared, so nothing is charged
 * (the walk would cost every event a second pass over its tree). */
static bool
yl_charge(struct yl *y, const struct ynode *n)
{
	size_t	c;

	if (!y->keep_scratch)
		return true;
	c = yl_cost(n, 0, y->budget);

	if (c <= y->budget) {
		y->budget -= c;
		return true;
	}
	yl_diag(y, DIAG_ERROR, n->span.line, n->span.col, "aliases make this "
	    "file expand beyond %d MiB plus %d times its size (an alias "
	    "bomb?); the file is not loaded", YAMLIO_BUDGET_MIB,
	    YAMLIO_BUDGET_FACTOR);
	y->failed = true;
	return false;
}

/* At most this many characters of a text make a title for an event
 * with none (a TimelineJS slide without a headline). */
#define YL_TITLE_FROM_TEXT	60

/* A title is one line: the line breaks of readable text as blanks. */
static void
yl_one_line(struct buf *b)
{
	size_t	i, n = 0;

	for (i = 0; i < b->len; i++)
		if (b->data[i] != '\n')
			b->data[n++] = b->data[i];
		else if (n > 0 && b->data[n - 1] != ' ')
			b->data[n++] = ' ';
	buf_truncate(b, n);
}

/* A title from the first line of readable text t, cut at a blank. */
static void
yl_title_from(struct buf *b, const char *t)
{
	size_t	n = strcspn(t, "\n"), i, chars = 0, cut = 0;

	for (i = 0; i < n; i++) {
		if (((unsigned char)t[i] & 0xC0) == 0x80)
			continue;
		if (chars++ == YL_TITLE_FROM_TEXT)
			break;
		if (t[i] == ' ')
			cut = i;
	}
	if (i < n) {
		buf_add(b, t, cut > 0 ? cut : i);
		buf_adds(b, "\xe2\x80\xa6");
	} else
		buf_add(b, t, n);
}

/* Is the plain scalar s a JSON number, true or false? */
static bool
yl_json_literal(const char *s)
{
	size_t	i = *s == '-';

	if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
		return true;
	if (s[i] < '0' || s[i] > '9' || (s[i] == '0' && s[i + 1] >= '0' &&
	    s[i + 1] <= '9'))
		return false;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (s[i] == '.') {
		if (s[++i] < '0' || s[i] > '9')
			return false;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (s[i] == 'e' || s[i] == 'E') {
		i += s[i + 1] == '+' || s[i + 1] == '-' ? 2 : 1;
		if (s[i] < '0' || s[i] > '9')
			return false;
		while (s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return s[i] == '\0';
}

static void	yl_json_members(struct buf *, const struct ynode *,
		    const char *const *skip);

/* Node n as JSON: a plain number, true, false or null as itself, any
 * other scalar as a string. */
static void
yl_json(struct buf *b, const struct ynode *n)
{
	size_t	i;

	switch (n->kind) {
	case YN_SCALAR:
		if (n->null)
			buf_adds(b, "null");
		else if (n->plain && yl_json_literal(n->text))
			buf_add(b, n->text, n->len);
		else
			export_json_string(b, n->text, n->len);
		break;
	case YN_SEQ:
		buf_addc(b, '[');
		for (i = 0; i < n->nkids; i++) {
			if (i > 0)
				buf_adds(b, ", ");
			yl_json(b, n->kids[i]);
		}
		buf_addc(b, ']');
		break;
	case YN_MAP:
		buf_addc(b, '{');
		yl_json_members(b, n, NULL);
		buf_addc(b, '}');
		break;
	default:
		buf_adds(b, "null");
	}
}

static bool
yl_in(const struct ynode *k, const char *const *list)
{
	for (; list != NULL && *list != NULL; list++)
		if (strcmp(k->text, *list) == 0)
			return true;
	return false;
}

/* The members of mapping map as JSON, but keys in skip (a NULL-ended
 * list, or NULL). */
static void
yl_json_members(struct buf *b, const struct ynode *map,
    const char *const *skip)
{
	size_t	i, n = 0;

	for (i = 0; i + 1 < map->nkids; i += 2) {
		const struct ynode *k = map->kids[i];

		if (k->kind != YN_SCALAR || yl_in(k, skip))
			continue;
		if (n++ > 0)
			buf_adds(b, ", ");
		export_json_string(b, k->text, k->len);
		buf_adds(b, ": ");
		yl_json(b, map->kids[i + 1]);
	}
}

/* The JSON members of map but skip, in the timeline's arena; NULL for
 * none. */
static const char *
yl_members_text(struct yl *y, const struct ynode *map,
    const char *const *skip)
{
	struct buf	 b = BUF_INIT;
	const char	*r = NULL;

	if (map != NULL && map->kind == YN_MAP)
		yl_json_members(&b, map, skip);
	if (b.len > 0)
		r = arena_strndup(&y->tl->arena, b.data, b.len);
	buf_free(&b);
	return r;
}

static void	yl_event_fields(struct yl *, const struct ynode *,
		    struct tl_event *);

/* A slide's "tlv" mapping (what tlv's export puts there): tlv's own
 * fields, which win over what the slide says of them.  Its description
 * is tlv text; the slide's text (with the status and sources added for
 * TimelineJS readers) is not read. */
static void
yl_tljs_tlv(struct yl *y, const struct ynode *v, struct tl_event *e,
    struct tl_html *side)
{
	const struct ynode	*d;
	struct buf		 t = BUF_INIT;

	if (v->kind != YN_MAP) {
		yl_type_error(y, v, "tlv", "a mapping of tlv's event keys");
		return;
	}
	d = yl_map_get(v, "description");
	/* What the slide said of these came from the same event. */
	e->description = NULL;
	e->end_text = NULL;
	e->tags = NULL;
	e->ntags = 0;
	yl_event_fields(y, v, e);
	side->display = NULL;	/* tlv's, made from the date */
	/* The file is HTML: the description is kept as HTML of itself. */
	if (e->description != NULL && d != NULL) {
		export_tljs_html_text(&t, e->description);
		side->text = arena_strndup(&y->tl->arena, buf_str(&t), t.len);
	} else
		side->text = NULL;
	if (!side->html)
		side->title = e->title;
	side->html = true;
	buf_free(&t);
}

/* What an event has beyond tlv's fields (struct tl_html), from a
 * TimelineJS slide (tljs) or a tlv event's "timelinejs" mapping, and the
 * readable text of an HTML file's title and description.  A slide
 * without a headline is titled by its text, else its media's caption or
 * display date, else its date. */
static void
yl_side_event(struct yl *y, const struct ynode *map, struct tl_event *e,
    bool tljs)
{
	/* Slide keys that tlv's fields hold. */
	static const char *const slide_own[] = { "start_date", "end_date",
		"text", "unique_id", "group", "display_date", "tlv", NULL };
	static const char *const date_own[] = { "year", "month", "day",
		"hour", "minute", "second", NULL };
	static const char *const side_own[] = { "start_date", "end_date",
		"display_date", NULL };
	struct tl_html	 side = { .file = y->file, .start = e->span.start };
	struct buf	 t = BUF_INIT, d = BUF_INIT;
	const char	*title = e->title != NULL ? e->title : "";
	const char	*desc = e->description;
	const struct ynode *v, *m, *src = tljs ? map :
			    yl_map_get(map, "timelinejs");

	if (src != NULL && src->kind == YN_MAP) {
		side.extra = yl_members_text(y, src, tljs ? slide_own :
		    side_own);
		side.start_extra = yl_members_text(y, yl_map_get(src,
		    "start_date"), tljs ? date_own : NULL);
		side.end_extra = yl_members_text(y, yl_map_get(src,
		    "end_date"), tljs ? date_own : NULL);
		if ((v = yl_map_get(src, "display_date")) != NULL &&
		    !yl_tljs_blank(v))
			side.display = yl_text(y, v, "display_date");
	} else
		src = NULL;
	if (y->tl->files[y->file].html) {
		html_to_text(&t, title, strlen(title));
		yl_one_line(&t);
		if (desc != NULL)
			html_to_text(&d, desc, strlen(desc));
		if (t.len == 0 && d.len > 0)
			yl_title_from(&t, d.data);
		if (t.len == 0 && src != NULL &&
		    (m = yl_map_get(src, "media")) != NULL &&
		    m->kind == YN_MAP && (v = yl_map_get(m, "caption")) !=
		    NULL && v->kind == YN_SCALAR && !v->null) {
			struct buf c = BUF_INIT;

			html_to_text(&c, v->text, v->len);
			yl_title_from(&t, buf_str(&c));
			buf_free(&c);
		}
		if (t.len == 0 && side.display != NULL)
			html_to_text(&t, side.display, strlen(side.display));
		if (t.len == 0 && e->date_text != NULL)
			buf_adds(&t, e->date_text);
		if (strcmp(buf_str(&t), title) != 0 || (desc != NULL &&
		    strcmp(buf_str(&d), desc) != 0)) {
			side.html = true;
			side.title = title;
			side.text = desc;
			e->title = arena_strndup(&y->tl->arena, buf_str(&t),
			    t.len);
			e->description = desc == NULL || d.len == 0 ? NULL :
			    arena_strndup(&y->tl->arena, d.data, d.len);
		}
	}
	if (tljs && (v = yl_map_get(map, "tlv")) != NULL)
		yl_tljs_tlv(y, v, e, &side);
	if (side.html || side.display != NULL || side.extra != NULL ||
	    side.start_extra != NULL || side.end_extra != NULL) {
		if (y->tl->nhtml == y->tl->caphtml) {
			y->tl->caphtml = y->tl->caphtml == 0 ? 16 :
			    y->tl->caphtml * 2;
			y->tl->html = xreallocarray(y->tl->html,
			    y->tl->caphtml, sizeof *y->tl->html);
		}
		y->tl->html[y->tl->nhtml++] = side;
	}
	buf_free(&t);
	buf_free(&d);
}

/* Turn one item of the events list into an event.  before: the error
 * count before the item was built (errors while building, such as duplicate
 * keys, also drop it). */
static void
yl_event(struct yl *y, const struct ynode *map, size_t before)
{
	struct tl_event	*e;
	unsigned	 present;
	bool		 tljs;

	if (y->failed || !yl_charge(y, map))
		return;
	y->event_no++;
	if (map->kind != YN_MAP) {
		yl_diag(y, DIAG_ERROR, map->span.line, map->span.col,
		    "event %u must be a mapping (id, date, title, ...), not %s",
		    y->event_no, yn_kind_names[map->kind]);
		return;
	}
	e = y->ev_out = timeline_add_event(y->tl, y->file);
	e->span = yl_bytes(y, map->span);
	present = yl_event_scan(y, map, e, &tljs);
	if (tljs) {
		e->id = NULL;
		yl_tljs_event(y, map, e);
	} else {
		yl_event_fields(y, map, e);
		yl_event_check(y, map, e, present);
	}
	y->ev_out = NULL;
	if (y->errors != before || e->date_text == NULL) {
		timeline_add_dropped(y->tl, e);
		timeline_truncate(y->tl, y->tl->nevents - 1);
	} else {
		if (tljs || (present & (1u << K_TIMELINEJS)) ||
		    y->tl->files[y->file].html)
			yl_side_event(y, map, e, tljs);
		if (e->title == NULL) {
			timeline_add_dropped(y->tl, e);
			timeline_truncate(y->tl, y->tl->nevents - 1);
		}
	}
}

/* --- top level ----------------------------------------------------------- */

static const char *const top_keys[] = { "title", "description", "events",
	"markup", "timelinejs" };

/* TimelineJS top-level keys we know and ignore. */
static const char *const tljs_top_keys[] = { "scale", "eras", "options" };

/* A readable text of HTML s (one line for a title), in the timeline's
 * arena, or s itself when that is the same; *html: s when not. */
static const char *
yl_html_text(struct yl *y, const char *s, bool title, const char **html)
{
	struct buf	 t = BUF_INIT;
	const char	*r = s;

	*html = NULL;
	if (s == NULL)
		return NULL;
	html_to_text(&t, s, strlen(s));
	if (title)
		yl_one_line(&t);
	if (strcmp(buf_str(&t), s) != 0) {
		*html = s;
		r = arena_strndup(&y->tl->arena, buf_str(&t), t.len);
	}
	buf_free(&t);
	return r;
}

/* The title or description of a file: as text when the file is HTML. */
static void
yl_file_text(struct yl *y, const char *s, const char **text,
    const char **html)
{
	struct tl_file	*f = &y->tl->files[y->file];
	const char	*t, *h;

	if (s == NULL)
		return;
	if (!f->html) {
		*text = s;
		return;
	}
	t = yl_html_text(y, s, text == &f->title, &h);
	if (*t == '\0' && text == &f->title) {
		*html = s;	/* the file's name shows; no headline goes out */
		return;
	}
	*text = t;
	*html = h;
}

/* A TimelineJS top-level key (eras, scale, ...) kept as a JSON member
 * for the export. */
static void
yl_tljs_top(struct yl *y, struct tl_file *f, const struct ynode *k,
    const struct ynode *v)
{
	struct buf	b = BUF_INIT;

	if (f->tljs_top != NULL)
		buf_printf(&b, "%s, ", f->tljs_top);
	export_json_string(&b, k->text, k->len);
	buf_adds(&b, ": ");
	yl_json(&b, v);
	f->tljs_top = arena_strndup(&y->tl->arena, b.data, b.len);
	buf_free(&b);
}

static void
yl_top_field(struct yl *y, const struct ynode *k, const struct ynode *v)
{
	struct tl_file	*f = &y->tl->files[y->file];
	const struct ynode *t;
	size_t		 i;

	if (strcmp(k->text, "title") == 0 && v->kind == YN_MAP) {
		/* TimelineJS: title: {text: {headline, text}} */
		f->format = TL_FORMAT_TIMELINEJS;
		static const char *const own[] = { "text", NULL };

		f->html = true;
		f->tljs_title = yl_members_text(y, v, own);
		f->title_html = "";	/* until a headline says otherwise */
		if ((t = yl_map_get(v, "text")) != NULL && t->kind == YN_MAP) {
			const struct ynode *h = yl_map_get(t, "headline");
			const struct ynode *d = yl_map_get(t, "text");

			if (h != NULL) {
				f->title_html = NULL;
				yl_file_text(y, yl_text(y, h, "headline"),
				    &f->title, &f->title_html);
			}
			if (d != NULL)
				yl_file_text(y, yl_text(y, d, "text"),
				    &f->description, &f->description_html);
		}
	} else if (strcmp(k->text, "title") == 0) {
		yl_file_text(y, f->html ? yl_text(y, v, "title") :
		    yl_required_text(y, v, "title"), &f->title,
		    &f->title_html);
	} else if (strcmp(k->text, "description") == 0)
		yl_file_text(y, yl_text(y, v, "description"), &f->description,
		    &f->description_html);
	else if (strcmp(k->text, "markup") == 0) {
		/* Titles and descriptions are HTML, as TimelineJS's: what
		 * tlv import writes.  It must come before the events. */
		if (v->kind == YN_SCALAR && v->len == 4 &&
		    strcmp(v->text, "html") == 0)
			f->html = true;
		else
			yl_diag(y, DIAG_ERROR, v->span.line, v->span.col,
			    "'markup' must be 'html' (titles and descriptions "
			    "are HTML)");
	} else if (strcmp(k->text, "timelinejs") == 0 && v->kind == YN_MAP) {
		/* What tlv import keeps of a TimelineJS file's own keys. */
		static const char *const own[] = { "title", NULL };

		f->tljs_title = yl_members_text(y, yl_map_get(v, "title"),
		    NULL);
		f->tljs_top = yl_members_text(y, v, own);
	} else {
		for (i = 0; i < sizeof tljs_top_keys / sizeof *tljs_top_keys;
		    i++)
			if (strcmp(k->text, tljs_top_keys[i]) == 0) {
				yl_tljs_top(y, f, k, v);
				return;
			}
		yl_unknown_key(y, k, "the top-level mapping", top_keys,
		    sizeof top_keys / sizeof *top_keys);
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
	f->events_flow = y->ev.data.sequence_start.style ==
	    YAML_FLOW_SEQUENCE_STYLE;
	f->events_start = yl_byte_offset(y, y->ev.start_mark.index);
	f->events_end = f->events_start;
	f->events_indent = (uint32_t)y->ev.start_mark.column;
	y->in_events = true;
	y->event_diags = y->diags->n;
	for (;;) {
		if (!yl_next(y))
			return false;
		if (y->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		before = y->errors;
		y->event_diags = y->diags->n;
		yl_report_done(y);
		if ((n = yl_build(y)) == NULL)
			return false;
		f = &y->tl->files[y->file];
		f->nitems++;
		yl_event(y, n, before);
		f = &y->tl->files[y->file];
		f->events_end = yl_byte_offset(y, n->span.end);
		yl_scratch_reset(y);
	}
	if (f->events_flow)
		f->events_end = yl_byte_offset(y, y->ev.end_mark.index);
	y->in_events = false;
	y->depth--;
	return true;
}

/* The top level is read key by key, never built whole, so its duplicate
 * keys are caught here: title and description (events has its own check;
 * other keys are warned about anyway).  seen: where each was first. */
static void
yl_top_dup(struct yl *y, const struct ynode *k, struct tl_span seen[2])
{
	size_t	i;

	for (i = 0; i < 2; i++) {
		if (strcmp(k->text, top_keys[i]) != 0)
			continue;
		if (seen[i].line != 0)
			yl_diag(y, DIAG_ERROR, k->span.line, k->span.col,
			    "duplicate key '%s' (first at line %u, column %u)",
			    k->text, (unsigned)seen[i].line,
			    (unsigned)seen[i].col);
		else
			seen[i] = k->span;
	}
}

/* A second 'events' key (seen: there was one before, at
 * f->events_line). */
static void
yl_events_dup(struct yl *y, const struct ynode *k, bool seen)
{
	if (seen)
		yl_diag(y, DIAG_ERROR, k->span.line, k->span.col,
		    "duplicate key 'events' (first at line %u)",
		    (unsigned)y->tl->files[y->file].events_line);
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
		if (y->ev.type == YAML_MAPPING_END_EVENT)
			break;
		if ((k = yl_build(y)) == NULL || !yl_next(y))
			return false;
		if (k->kind == YN_SCALAR && strcmp(k->text, "events") == 0 &&
		    y->ev.type == YAML_SEQUENCE_START_EVENT) {
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
	if (y->ev.type == YAML_STREAM_END_EVENT) {
		yl_diag(y, DIAG_ERROR, 0, 0, "file is empty (expected a "
		    "mapping with an 'events' list)");
		return false;
	}
	if (!yl_next(y))		/* ...DOCUMENT-START, the root */
		return false;
	if (y->ev.type != YAML_MAPPING_START_EVENT) {
		uint32_t line = (uint32_t)y->ev.start_mark.line + 1;
		uint32_t col = (uint32_t)y->ev.start_mark.column + 1;

		if ((n = yl_build(y)) == NULL)
			return false;
		yl_diag(y, DIAG_ERROR, line, col, "the file must be a mapping "
		    "with an 'events' list, not %s", yn_kind_names[n->kind]);
		return false;
	}
	if (y->ev.data.mapping_start.anchor != NULL)
		y->keep_scratch = true;
	if (!yl_top(y) || !yl_next(y))	/* DOCUMENT-END */
		return false;
	if (!yl_next(y))
		return false;
	if (y->ev.type == YAML_DOCUMENT_START_EVENT) {
		yl_diag(y, DIAG_ERROR, (uint32_t)y->ev.start_mark.line + 1,
		    (uint32_t)y->ev.start_mark.column + 1,
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
	if (!yl_next(y) || !yl_next(y) || y->ev.type != YAML_DOCUMENT_START_EVENT)
		return false;
	if (!yl_next(y) || y->ev.type != YAML_SEQUENCE_START_EVENT ||
	    y->ev.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ||
	    y->ev.start_mark.column != y->part->indent ||
	    y->ev.data.sequence_start.anchor != NULL)
		return false;
	if (!yl_events(y) || !yl_next(y) ||
	    y->ev.type != YAML_DOCUMENT_END_EVENT)
		return false;
	return yl_next(y) && y->ev.type == YAML_STREAM_END_EVENT;
}

/* After a file failed for its shape (not a mapping, a second document),
 * read the rest of the stream so that a syntax error further on is
 * reported too: one event at a time, nothing kept. */
static void
yl_drain(struct yl *y)
{
	while (!y->failed && y->have_ev && y->ev.type != YAML_STREAM_END_EVENT)
		(void)yl_next(y);
}

/* What a reader holds besides the parser. */
static void
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
	size_t		 first = tl->nevents;
	size_t		 first_dropped = tl->ndropped;
	bool		 ok;

	memset(&y, 0, sizeof y);
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
		if (!yaml_parser_initialize(&y.parser))
			fatal("out of memory (libyaml)");
		yaml_parser_set_input_string(&y.parser, y.buf, len);
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
			part->lines = y.parser.mark.line;
		yl_drop(&y);
		yaml_parser_delete(&y.parser);
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

size_t
yamlio_eof_block_scalar(const char *buf, size_t len)
{
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	size_t		 start = SIZE_MAX, chars = 0, i, at, total, bom;
	bool		 block = false, done = false, ok = true;
	const unsigned char *b = (const unsigned char *)buf;

	if (!yaml_parser_initialize(&parser))
		fatal("out of memory (libyaml)");
	yaml_parser_set_input_string(&parser, b, len);
	while (!done && (ok = yaml_parser_parse(&parser, &ev))) {
		if (ev.type == YAML_SCALAR_EVENT) {
			block = ev.data.scalar.style ==
			    YAML_LITERAL_SCALAR_STYLE ||
			    ev.data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
			start = ev.start_mark.index;
			chars = ev.end_mark.index;
		} else if (ev.type == YAML_MAPPING_END_EVENT ||
		    ev.type == YAML_SEQUENCE_END_EVENT) {
			/* A flow collection's end comes after its last
			 * scalar; a block one's is at the end anyway. */
			if (ev.end_mark.index > chars)
				block = false;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (!ok || !block)
		return SIZE_MAX;
	/* It must end where the file does (libyaml counts characters, and
	 * not a BOM). */
	bom = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	for (total = 0, i = bom; i < len; i++)
		if ((b[i] & 0xC0) != 0x80)
			total++;
	if (chars != total)
		return SIZE_MAX;
	/* The start's character index as a byte offset. */
	for (at = 0, i = bom; i < len && at < start; at++)
		for (i++; i < len && (b[i] & 0xC0) == 0x80; i++)
			;
	/* Past an anchor or a tag to the indicator. */
	for (; i < len && b[i] != '\n'; i++)
		if ((b[i] == '|' || b[i] == '>') &&
		    (i == 0 || b[i - 1] == ' ' || b[i - 1] == '\t' ||
		    b[i - 1] == ':' || b[i - 1] == '-'))
			return i;
	return SIZE_MAX;
}

/*
 * The keys of one event, by parsing its bytes again: the lines from the
 * start of its first line to its end, with whatever stands before it on
 * that line ("  - ", "events: [") blanked, parse as a mapping at the same
 * columns.  Offsets and lines are then shifted back into the file.
 */
struct tl_key *
yamlio_event_keys(const char *buf, size_t len, const struct tl_event *e,
    struct arena *a, uint32_t *count)
{
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct yl		 y;
	struct ynode		*n = NULL;
	struct tl_key		*keys = NULL;
	size_t			 ls = e->span.start, i;
	char			*tmp;

	*count = 0;
	if (e->span.end > len || e->span.start >= e->span.end)
		return NULL;
	while (ls > 0 && buf[ls - 1] != '\n')
		ls--;
	tmp = xstrndup(buf + ls, e->span.end - ls);
	memset(tmp, ' ', e->span.start - ls);
	memset(&y, 0, sizeof y);
	y.wordarena = &y.wordtext;	/* (nothing is interned here) */
	y.diags = &diags;
	y.path = "event";
	y.buf = (const unsigned char *)tmp;
	y.len = e->span.end - ls;
	if (!yaml_parser_initialize(&y.parser))
		fatal("out of memory (libyaml)");
	yaml_parser_set_input_string(&y.parser, y.buf, y.len);
	if (yl_next(&y) && yl_next(&y) && yl_next(&y) &&
	    (n = yl_build(&y)) != NULL && n->kind == YN_MAP)
		keys = yl_keys_of(n, a, count);
	for (i = 0; keys != NULL && i < *count; i++) {
		struct tl_span *sp[2] = { &keys[i].key, &keys[i].value };
		int j;

		for (j = 0; j < 2; j++) {
			*sp[j] = yl_bytes(&y, *sp[j]);
			sp[j]->start += ls;
			sp[j]->end += ls;
			sp[j]->line += e->span.line - 1;
		}
	}
	yl_drop(&y);
	yaml_parser_delete(&y.parser);
	yl_free(&y);
	diag_free(&diags);
	free(tmp);
	return keys;
}
