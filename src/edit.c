/* SPDX-License-Identifier: MIT */
/*
 * Planning byte-exact changes to a timeline file; see edit.h.
 *
 * The loader gives each event its span: from its first key (or '{') to the
 * end of its last value (or the '}').  An item of a block list starts at
 * its '-', earlier on the same line; a change that adds lines goes after
 * the line on which the event (or its notes list) ends, so a trailing
 * comment on that line stays where it is.  Line ends follow the file's
 * first line end (LF or CRLF); a file without a final newline keeps
 * lacking one.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "edit.h"
#include "export.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"
#include "yamlout.h"

/* --- positions ----------------------------------------------------------- */

static const char *
edit_eol(const char *buf, size_t len)
{
	const char	*nl = memchr(buf, '\n', len);

	return nl != NULL && nl > buf && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* Where lines go after the line holding byte pos - 1: the start of the
 * next line, or len when that line is the last (no final newline). */
static size_t
edit_after_line(const char *buf, size_t len, size_t pos)
{
	const char	*nl;

	if (pos == 0 || buf[pos - 1] == '\n')
		return pos;
	nl = memchr(buf + pos, '\n', len - pos);
	return nl != NULL ? (size_t)(nl - buf) + 1 : len;
}

/* The '-' that ends [ls, e) after nothing but indentation, or SIZE_MAX. */
static size_t
edit_dash_at(const char *buf, size_t ls, size_t e)
{
	size_t	i;

	if (e == ls || buf[e - 1] != '-')
		return SIZE_MAX;
	for (i = ls; i < e - 1; i++)
		if (buf[i] != ' ')
			return SIZE_MAX;
	return e - 1;
}

/*
 * The '-' of a block list item whose mapping starts at pos, or SIZE_MAX
 * (a flow list item, or something else): on pos's line before it ("  - id:
 * x"), or ending an earlier line after which only blank and comment lines
 * come ("  - # comment" then the keys).
 */
static size_t
edit_dash(const char *buf, size_t pos)
{
	size_t	ls = text_line_start(buf, pos), i = pos, end, c;

	while (i > ls && (buf[i - 1] == ' ' || buf[i - 1] == '\t'))
		i--;
	if (i > ls)
		return edit_dash_at(buf, ls, i);
	while (ls > 0) {
		end = ls - 1;	/* the '\n' */
		if (end > 0 && buf[end - 1] == '\r')
			end--;
		ls = text_line_start(buf, ls - 1);
		/* Where a comment starts, else the end of the line. */
		for (c = ls; c < end; c++)
			if (buf[c] == '#' && (c == ls || buf[c - 1] == ' ' ||
			    buf[c - 1] == '\t'))
				break;
		while (c > ls && (buf[c - 1] == ' ' || buf[c - 1] == '\t'))
			c--;
		if (c > ls)
			return edit_dash_at(buf, ls, c);
	}
	return SIZE_MAX;
}

/* Whether the value [start, end) is a block list: "- " (or '-' at the end
 * of a line) at its start, not a plain text that begins with '-'. */
static bool
edit_block_seq(const char *buf, size_t len, size_t start, size_t end)
{
	return end > start && buf[start] == '-' && (start + 1 == len ||
	    buf[start + 1] == ' ' || buf[start + 1] == '\t' ||
	    buf[start + 1] == '\n' || buf[start + 1] == '\r');
}

static bool
edit_fail(char **err, const char *msg)
{
	if (err != NULL)
		*err = xstrdup(msg);
	return false;
}

/* An event whose mapping has a tag or an anchor ("- &a" then its keys):
 * the planners' places would be wrong, and an anchored event is copied by
 * its aliases, which an edit would change too. */
static bool
edit_event_plain(const char *buf, size_t len, const struct tl_event *e,
    char **err)
{
	size_t	i;

	if (e->span.start < len && (buf[e->span.start] == '!' ||
	    buf[e->span.start] == '&'))
		return edit_fail(err, "the event has a tag or an anchor; "
		    "edit it in the file");
	/* libyaml ends a block mapping whose last value is empty ("? key")
	 * or keeps trailing blank lines ("|+") where the next token starts,
	 * on a later line: its lines cannot be told from the next item's. */
	if (e->span.end < len && e->span.end > e->span.start &&
	    strchr(" \t\r\n", buf[e->span.end]) == NULL) {
		for (i = e->span.end; i > e->span.start &&
		    strchr(" \t\r\n", buf[i - 1]) != NULL; i--)
			if (buf[i - 1] == '\n')
				return edit_fail(err, "the event ends in an "
				    "empty value or blank lines kept by '|+'; "
				    "edit it in the file");
	}
	return true;
}

/* Bytes of indentation before pos on its line. */
static size_t
edit_indent_of(const char *buf, size_t pos)
{
	return pos - text_line_start(buf, pos);
}

static void
edit_spaces(struct buf *b, size_t n)
{
	while (n-- > 0)
		buf_addc(b, ' ');
}

/* The key name of event e with its spans (parsed again from buf). */
static bool
edit_key(const char *buf, size_t len, const struct tl_event *e,
    const char *name, struct tl_key *out)
{
	struct arena	 a = ARENA_INIT;
	struct tl_key	*keys;
	uint32_t	 n, i;
	bool		 found = false;

	keys = yamlio_event_keys(buf, len, e, &a, &n);
	for (i = 0; i < n && !found; i++)
		if (strcmp(keys[i].name, name) == 0) {
			*out = keys[i];
			out->name = NULL;	/* it lives in a */
			found = true;
		}
	arena_free(&a);
	return found;
}

static bool
edit_is_flow_map(const char *buf, size_t len, const struct tl_event *e)
{
	return e->span.start < len && buf[e->span.start] == '{' &&
	    e->span.end > e->span.start && buf[e->span.end - 1] == '}';
}

/* The first byte at or after i that is not a blank or a line break. */
static size_t
edit_skip_space(const char *buf, size_t len, size_t i)
{
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' ||
	    buf[i] == '\n'))
		i++;
	return i;
}

/* Whether e is written as JSON writes an object ({"key": ...}, as a
 * TimelineJS file is): what is added to it is written so too, so that a
 * JSON reader (TimelineJS itself) still reads the file. */
static bool
edit_json_event(const char *buf, size_t len, const struct tl_event *e)
{
	size_t	i;

	if (!edit_is_flow_map(buf, len, e))
		return false;
	i = edit_skip_space(buf, e->span.end, e->span.start + 1);
	return i < e->span.end && buf[i] == '"';
}

/* Spaces at the start of the line [ls, end). */
static size_t
edit_line_indent(const char *buf, size_t ls, size_t end)
{
	size_t	i = ls;

	while (i < end && buf[i] == ' ')
		i++;
	return i - ls;
}

/* Whether the line [ls, end) holds only spaces (and a CR). */
static bool
edit_line_blank(const char *buf, size_t ls, size_t end)
{
	size_t	i = ls + edit_line_indent(buf, ls, end);

	return i == end || (i + 1 == end && buf[i] == '\r');
}


/*
 * Splice text at pos (insert).  Lines added at the end of a file without
 * a final newline: the newline goes first instead of last (but for lines
 * that end with a block scalar, which keep their last newline).  If that
 * newline would end up in a block scalar that runs to the end of the file
 * (clip and keep chomping keep a final line break), the scalar's header
 * gets strip chomping ('-'), which gives exactly the text it had -- when
 * its last line has text on it; after a last line of spaces the change
 * is refused, as the new text could not be told from the old.
 */
static bool
edit_insert_lines(struct edit *ed, const char *buf, size_t len, size_t pos,
    const struct buf *lines, const char *eol, char **err)
{
	size_t	el = strlen(eol), h, i;

	ed->start = ed->end = pos;
	if (pos == len && len > 0 && buf[len - 1] != '\n' &&
	    lines->len >= el) {
		if ((h = yamlio_eof_block_scalar(buf, len)) != SIZE_MAX) {
			if (edit_line_blank(buf, text_line_start(buf, len),
			    len))
				return edit_fail(err, "the file ends inside a "
				    "block of text ('|' or '>') with a line of "
				    "spaces and no newline; end the file with "
				    "a newline first");
			ed->start = h + 1;
			buf_addc(&ed->text, '-');
			for (i = h + 1; i < len && (buf[i] == '-' ||
			    buf[i] == '+' || (buf[i] >= '0' && buf[i] <= '9'));
			    i++)
				if (buf[i] != '-' && buf[i] != '+')
					buf_addc(&ed->text, buf[i]);
			buf_add(&ed->text, buf + i, len - i);
		}
		/* The file keeps ending without a newline, unless the new
		 * lines end with a block scalar, whose text needs it. */
		buf_adds(&ed->text, eol);
		buf_add(&ed->text, lines->data, lines->len -
		    (yamlio_eof_block_scalar(lines->data, lines->len - el) ==
		    SIZE_MAX ? el : 0));
	} else
		buf_add(&ed->text, lines->data, lines->len);
	return true;
}

void
edit_scalar(struct buf *b, const char *text, bool flow)
{
	if (yamlout_plain_ok(text, strlen(text), YAMLOUT_AS_TYPED |
	    (flow ? YAMLOUT_FLOW : 0)))
		buf_adds(b, text);
	else
		yamlout_quoted(b, text, strlen(text));
}

/* --- notes --------------------------------------------------------------- */

/* "- at: ...\n  by: ...\n  text: ...\n", each line after indent. */
static void
edit_note_block(struct buf *b, size_t indent, const struct edit_note *n,
    const char *eol)
{
	edit_spaces(b, indent);
	buf_adds(b, "- at: ");
	edit_scalar(b, n->at, false);
	buf_adds(b, eol);
	if (n->by != NULL) {
		edit_spaces(b, indent + 2);
		buf_adds(b, "by: ");
		edit_scalar(b, n->by, false);
		buf_adds(b, eol);
	}
	edit_spaces(b, indent + 2);
	buf_adds(b, "text: ");
	edit_scalar(b, n->text, false);
	buf_adds(b, eol);
}

/* sep, then "key: value" in a flow collection -- or, json, as JSON
 * writes it ("key": "value"), which is YAML too. */
static void
edit_flow_pair(struct buf *b, const char *sep, const char *key,
    const char *value, bool json)
{
	buf_adds(b, sep);
	if (json) {
		buf_addc(b, '"');
		buf_adds(b, key);
		buf_adds(b, "\": ");
		export_json_string(b, value, strlen(value));
	} else {
		buf_adds(b, key);
		buf_adds(b, ": ");
		edit_scalar(b, value, true);
	}
}

static void
edit_note_flow(struct buf *b, const struct edit_note *n, bool json)
{
	edit_flow_pair(b, "{", "at", n->at, json);
	if (n->by != NULL)
		edit_flow_pair(b, ", ", "by", n->by, json);
	edit_flow_pair(b, ", ", "text", n->text, json);
	buf_addc(b, '}');
}

/*
 * Where the content of a flow collection ends and how its last entry
 * stands, walking [from, close): from is in the collection (not in a
 * nested one, a quoted scalar or a comment) at or before its last entry's
 * start.  In a flow collection libyaml starts a comment at a '#' wherever
 * a token could start (after a blank, '[', '{' or ','), and a quote there
 * (or after a ':') starts a quoted scalar, in which '#' and line breaks are
 * text -- but not inside a plain one ("5' 10\""), which runs to a flow
 * indicator, a ':' before a blank, or a comment.  Right after a quoted
 * scalar or a ']' or '}', a '#' starts a comment too ("}# c").  *end:
 * after the last byte of content (from if none); *entry: where the last
 * entry begins (SIZE_MAX if none); *alone: it is the first thing on its
 * line.
 */
static void
edit_flow_walk(const char *buf, size_t from, size_t close, size_t *end,
    size_t *entry, bool *alone)
{
	size_t	i, depth = 0;
	char	q = 0;
	bool	next = true, token, plain = false, closed = false;
	bool	line = edit_line_blank(buf, text_line_start(buf, from), from);

	*end = from;
	*entry = SIZE_MAX;
	*alone = false;
	for (i = from; i < close; i++) {
		if (q != 0) {
			if (q == '"' && buf[i] == '\\' && i + 1 < close)
				i++;
			else if (buf[i] == q) {
				q = 0;
				closed = true;
			}
			*end = i + 1;
			continue;
		}
		if (buf[i] == '\n') {
			line = true;
			continue;
		}
		if (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r')
			continue;
		token = i == from || strchr(" \t\n[{,:", buf[i - 1]) != NULL;
		if ((token || closed) && buf[i] == '#' && (i == from ||
		    buf[i - 1] != ':')) {
			while (i + 1 < close && buf[i + 1] != '\n')
				i++;
			plain = false;
			continue;
		}
		if (depth == 0 && next && buf[i] != ',') {
			*entry = i;
			*alone = line;
			next = false;
		}
		line = false;
		if (token && !plain && (buf[i] == '"' || buf[i] == '\''))
			q = buf[i];
		else if (buf[i] == '[' || buf[i] == '{')
			depth++;
		else if ((buf[i] == ']' || buf[i] == '}') && depth > 0)
			depth--;
		else if (buf[i] == ',' && depth == 0)
			next = true;
		plain = strchr(",[]{}", buf[i]) == NULL && q == 0 &&
		    (plain || token) && !(buf[i] == ':' && (i + 1 == close ||
		    strchr(" \t\r\n,[]{}", buf[i + 1]) != NULL));
		closed = buf[i] == ']' || buf[i] == '}';
		*end = i + 1;
	}
}

/* Insert before the closing bracket at close: after the last thing in
 * the collection (before a comment on its line), with ", " -- a blank
 * after a trailing comma, which YAML allows ("{a: 1,}"): not a second
 * one; a blank before it after a key without a value ("{a:}") -- or
 * right after the opening bracket at open when there is nothing.  When
 * the last entry begins a line of its own (after open's), the item goes
 * on a new line indented as that one: one item a line stays so.  The
 * walk for the last thing starts at from (edit_flow_walk). */
static void
edit_flow_insert(struct edit *ed, const char *buf, size_t len, size_t open,
    size_t from, size_t close, const struct buf *item)
{
	size_t	end, entry, ls, i;
	bool	alone;

	edit_flow_walk(buf, from, close, &end, &entry, &alone);
	ed->start = ed->end = end;
	if (end > open + 1 && buf[end - 1] == ':')
		buf_addc(&ed->text, ' ');	/* "k:," is libyaml's error */
	if (end > open + 1 && buf[end - 1] != ',')
		buf_addc(&ed->text, ',');
	ls = entry != SIZE_MAX ? text_line_start(buf, entry) : 0;
	if (end > open + 1 && entry != SIZE_MAX && alone && ls > open) {
		for (i = ls; i < entry && (buf[i] == ' ' || buf[i] == '\t');
		    i++)
			;
		buf_adds(&ed->text, edit_eol(buf, len));
		buf_add(&ed->text, buf + ls, i - ls);
	} else if (end > open + 1)
		buf_addc(&ed->text, ' ');
	buf_add(&ed->text, item->data, item->len);
}

/* The notes value is a flow list [...]: add the note before its ']'. */
static bool
edit_note_in_flow_list(const char *buf, size_t len, const struct tl_key *k,
    const struct edit_note *n, bool json, struct edit *ed, char **err)
{
	struct buf	item = BUF_INIT;

	if (buf[k->value.start] != '[' || buf[k->value.end - 1] != ']')
		return edit_fail(err, "its 'notes' is not a list");
	edit_note_flow(&item, n, json);
	edit_flow_insert(ed, buf, len, k->value.start, k->value.start + 1,
	    k->value.end - 1, &item);
	buf_free(&item);
	return true;
}

/* A flow-mapping event {...} without notes: add "notes: [...]" in it. */
static void
edit_note_in_flow_map(const char *buf, size_t len, const struct tl_event *e,
    const struct edit_note *n, struct edit *ed)
{
	struct buf	item = BUF_INIT;
	bool		json = edit_json_event(buf, len, e);

	buf_adds(&item, json ? "\"notes\": [" : "notes: [");
	edit_note_flow(&item, n, json);
	buf_addc(&item, ']');
	edit_flow_insert(ed, buf, len, e->span.start, e->span.start + 1,
	    e->span.end - 1, &item);
	buf_free(&item);
}

bool
edit_fields_allowed(const struct tl_file *f, char **err)
{
	if (f->format != TL_FORMAT_TIMELINEJS)
		return true;
	if (err != NULL)
		*err = xasprintf("%s is a TimelineJS file, and TimelineJS "
		    "would not read a tlv note, verdict or event in it: import "
		    "it to change it (tlv import --from timelinejs %s > "
		    "story.yaml)", f->path, f->path);
	return false;
}

bool
edit_plan_note(const char *buf, size_t len, const struct tl_event *e,
    const struct edit_note *n, struct edit *ed, char **err)
{
	struct tl_key		 notes;
	const struct tl_key	*k = edit_key(buf, len, e, "notes", &notes) ?
				    &notes : NULL;
	const char		*eol = edit_eol(buf, len);
	struct buf		 lines = BUF_INIT;
	size_t			 indent;
	bool			 ok = true;

	memset(ed, 0, sizeof *ed);
	if (!edit_event_plain(buf, len, e, err))
		return false;
	if (k != NULL && k->value.end > k->value.start &&
	    buf[k->value.start] == '[')
		return edit_note_in_flow_list(buf, len, k, n,
		    edit_json_event(buf, len, e), ed, err);
	if (edit_is_flow_map(buf, len, e)) {
		if (k != NULL)
			return edit_fail(err, "its 'notes' is not a list");
		edit_note_in_flow_map(buf, len, e, n, ed);
		return true;
	}
	if (k != NULL && edit_block_seq(buf, len, k->value.start,
	    k->value.end)) {
		/* A block list: one more item after its last line. */
		edit_note_block(&lines, edit_indent_of(buf, k->value.start), n,
		    eol);
		ok = edit_insert_lines(ed, buf, len, edit_after_line(buf, len,
		    k->value.end), &lines, eol, err);
	} else if (k != NULL)
		return edit_fail(err, "its 'notes' is not a list");
	else {
		indent = edit_indent_of(buf, e->span.start);
		edit_spaces(&lines, indent);
		buf_printf(&lines, "notes:%s", eol);
		edit_note_block(&lines, indent + 2, n, eol);
		ok = edit_insert_lines(ed, buf, len, edit_after_line(buf, len,
		    e->span.end), &lines, eol, err);
	}
	buf_free(&lines);
	return ok;
}

/* --- verdicts ------------------------------------------------------------ */

/* A verdict as a block list item ("- date: ...", then status and by). */
static void
edit_verdict_block(struct buf *b, size_t indent, const struct edit_verdict *v,
    const char *eol)
{
	edit_spaces(b, indent);
	buf_adds(b, "- date: ");
	edit_scalar(b, v->date, false);
	buf_adds(b, eol);
	edit_spaces(b, indent + 2);
	buf_adds(b, "status: ");
	edit_scalar(b, v->status, false);
	buf_adds(b, eol);
	if (v->by != NULL) {
		edit_spaces(b, indent + 2);
		buf_adds(b, "by: ");
		edit_scalar(b, v->by, false);
		buf_adds(b, eol);
	}
}

/* The same as a flow mapping (json: as JSON writes it). */
static void
edit_verdict_flow(struct buf *b, const struct edit_verdict *v, bool json)
{
	edit_flow_pair(b, "{", "date", v->date, json);
	edit_flow_pair(b, ", ", "status", v->status, json);
	if (v->by != NULL)
		edit_flow_pair(b, ", ", "by", v->by, json);
	buf_addc(b, '}');
}

bool
edit_plan_verdict(const char *buf, size_t len, const struct tl_event *e,
    const struct edit_verdict *v, struct edit *ed, char **err)
{
	struct tl_key	 k;
	struct buf	 item = BUF_INIT;
	bool		 ok = true;

	memset(ed, 0, sizeof *ed);
	if (!edit_event_plain(buf, len, e, err))
		return false;
	if (!edit_key(buf, len, e, "verdicts", &k))
		return edit_fail(err, "the event has no 'verdicts' list");
	if (k.value.end > k.value.start && buf[k.value.start] == '[' &&
	    buf[k.value.end - 1] == ']') {
		edit_verdict_flow(&item, v, edit_json_event(buf, len, e));
		edit_flow_insert(ed, buf, len, k.value.start,
		    k.value.start + 1, k.value.end - 1, &item);
	} else if (edit_block_seq(buf, len, k.value.start, k.value.end)) {
		edit_verdict_block(&item, edit_indent_of(buf, k.value.start),
		    v, edit_eol(buf, len));
		ok = edit_insert_lines(ed, buf, len, edit_after_line(buf, len,
		    k.value.end), &item, edit_eol(buf, len), err);
	} else
		ok = edit_fail(err, "its 'verdicts' is not a list");
	buf_free(&item);
	return ok;
}

/* The item text (a mapping at column 0) as the one item of a file's
 * events list, each line indented by four ("  - " on the first): back
 * with edit_item_unwrap. */
static void
edit_item_wrap(struct buf *b, const char *text)
{
	const char	*p, *nl;

	buf_adds(b, "events:\n");
	for (p = text; *p != '\0'; p = nl != NULL ? nl + 1 : "") {
		nl = strchr(p, '\n');
		buf_adds(b, p == text ? "  - " : "    ");
		buf_add(b, p, nl != NULL ? (size_t)(nl - p + 1) : strlen(p));
	}
}

static char *
edit_item_unwrap(const char *w, size_t len)
{
	struct buf	 b = BUF_INIT;
	const char	*p = w + strlen("events:\n"), *end = w + len, *nl;

	for (; p < end; p = nl != NULL ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		p += (size_t)(end - p) >= 4 ? 4 : (size_t)(end - p);
		buf_add(&b, p, nl != NULL ? (size_t)(nl - p + 1) :
		    (size_t)(end - p));
	}
	return buf_detach(&b);
}

char *
edit_item_verdict(const char *item_text, const struct tl_event *old,
    const char *date, const char *by)
{
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct buf		 b = BUF_INIT;
	const struct tl_verdict	*vs;
	const struct tl_event	*e;
	struct edit_verdict	 v;
	struct edit		 ed;
	char			*out = NULL, *nb;
	size_t			 n;

	edit_item_wrap(&b, item_text);
	if (yamlio_load_buffer(&tl, timeline_add_file(&tl, "event"), b.data,
	    b.len, &diags) && diags.errors == 0 && tl.nevents == 1) {
		e = &tl.events[0];
		vs = tl_event_verdicts(e);
		n = tl_event_nverdicts(e);
		v.date = date;
		v.status = tl_status_name(e->status);
		v.by = by;
		if (e->status != TL_STATUS_NONE && e->status != old->status &&
		    n > 0 && vs[n - 1].status != e->status &&
		    edit_plan_verdict(b.data, b.len, e, &v, &ed, NULL)) {
			nb = edit_apply(b.data, b.len, &ed, &n);
			out = edit_item_unwrap(nb, n);
			free(nb);
			edit_free(&ed);
		}
	}
	timeline_free(&tl);
	diag_free(&diags);
	buf_free(&b);
	return out;
}

/* --- delete, add, replace ------------------------------------------------ */

/* An item of a flow list: remove it and one comma beside it -- and the
 * line it was alone on (one item a line). */
static bool
edit_delete_flow_item(const char *buf, size_t len, const struct tl_event *e,
    struct edit *ed)
{
	size_t	i = e->span.end, j = e->span.start, ls;

	i = edit_skip_space(buf, len, i);
	if (i < len && buf[i] == ',') {
		for (i++; i < len && (buf[i] == ' ' || buf[i] == '\t'); i++)
			continue;
		ed->start = e->span.start;
		ed->end = i;
		ls = text_line_start(buf, e->span.start);
		if (i < len && (buf[i] == '\n' || (buf[i] == '\r' &&
		    i + 1 < len && buf[i + 1] == '\n')) &&
		    edit_line_blank(buf, ls, e->span.start)) {
			ed->start = ls;
			ed->end = i + (buf[i] == '\r' ? 2 : 1);
		}
		return true;
	}
	while (j > 0 && strchr(" \t\r\n", buf[j - 1]) != NULL)
		j--;
	ed->start = j > 0 && buf[j - 1] == ',' ? j - 1 : e->span.start;
	ed->end = e->span.end;
	return true;
}

/* Whether the line starting at ls is blank (and there is one). */
static bool
edit_blank_at(const char *buf, size_t len, size_t ls)
{
	size_t	end = text_next_line(buf, len, ls);

	if (ls >= len)
		return false;
	if (end > ls && buf[end - 1] == '\n')
		end--;
	return edit_line_blank(buf, ls, end);
}

/*
 * Items set apart by blank lines: a deleted item takes one blank line
 * with it, so no double blank line is left -- the one after it, or,
 * for the last item, the one before it.
 */
static void
edit_delete_blank(const char *buf, size_t len, size_t dash, struct edit *ed)
{
	size_t	indent = edit_indent_of(buf, dash), ls, prev;
	bool	before, after, next = false;

	prev = ed->start > 0 ? text_line_start(buf, ed->start - 1) : 0;
	before = ed->start > 0 && edit_blank_at(buf, len, prev);
	after = edit_blank_at(buf, len, ed->end);
	for (ls = ed->end; ls < len && edit_blank_at(buf, len, ls);
	    ls = text_next_line(buf, len, ls))
		continue;
	/* Another item of the list after it? */
	if (ls < len && edit_line_indent(buf, ls, len) == indent &&
	    ls + indent < len && buf[ls + indent] == '-')
		next = true;
	if (after && (next || before))
		ed->end = text_next_line(buf, len, ed->end);
	else if (before && !after && !next)
		ed->start = prev;
}

bool
edit_plan_delete(const char *buf, size_t len, const struct tl_event *e,
    struct edit *ed, char **err)
{
	size_t	dash = edit_dash(buf, e->span.start), nl;

	memset(ed, 0, sizeof *ed);
	if (!edit_event_plain(buf, len, e, err))
		return false;
	if (e->span.end > len)
		return edit_fail(err, "the event is not where it was loaded");
	if (dash == SIZE_MAX)
		return edit_delete_flow_item(buf, len, e, ed);
	ed->start = text_line_start(buf, dash);
	ed->end = edit_after_line(buf, len, e->span.end);
	edit_delete_blank(buf, len, dash, ed);
	/* The last line of a file without a final newline: take the newline
	 * before the item instead, so the file still ends without one --
	 * but not the last line break of a block scalar that would then end
	 * the file: clip chomping keeps it in its text. */
	if (ed->end == len && len > 0 && buf[len - 1] != '\n' &&
	    ed->start > 0) {
		nl = ed->start >= 2 && buf[ed->start - 2] == '\r' ? 2 : 1;
		if (yamlio_eof_block_scalar(buf, ed->start - nl) == SIZE_MAX)
			ed->start -= nl;
	}
	(void)err;
	return true;
}

/* "key: [a, b]" -- or, json, as JSON writes it. */
static void
edit_flow_list(struct buf *b, const char *key, const char *const *v,
    size_t n, bool json)
{
	size_t	i;

	buf_printf(b, json ? "\"%s\": [" : "%s: [", key);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		if (json)
			export_json_string(b, v[i], strlen(v[i]));
		else
			edit_scalar(b, v[i], true);
	}
	buf_addc(b, ']');
}

/* The new event as block lines, "- " at indent. */
static void
edit_event_block(struct buf *b, size_t indent, const struct edit_event *ev,
    const char *eol)
{
	const char	*keys[] = { "id", "date", "title", "status" };
	const char	*vals[] = { ev->id, ev->date, ev->title, ev->status };
	size_t		 i;
	bool		 first = true;

	for (i = 0; i < 4; i++) {
		if (vals[i] == NULL)
			continue;
		edit_spaces(b, indent);
		buf_adds(b, first ? "- " : "  ");
		buf_printf(b, "%s: ", keys[i]);
		edit_scalar(b, vals[i], false);
		buf_adds(b, eol);
		first = false;
	}
	if (ev->ntags > 0) {
		edit_spaces(b, indent + 2);
		edit_flow_list(b, "tags", ev->tags, ev->ntags, false);
		buf_adds(b, eol);
	}
	if (ev->nactors > 0) {
		edit_spaces(b, indent + 2);
		edit_flow_list(b, "actors", ev->actors, ev->nactors, false);
		buf_adds(b, eol);
	}
}

/* The new event as a flow mapping (json: as JSON writes it). */
static void
edit_event_flow(struct buf *b, const struct edit_event *ev, bool json)
{
	const char	*keys[] = { "id", "date", "title", "status" };
	const char	*vals[] = { ev->id, ev->date, ev->title, ev->status };
	size_t		 i;
	bool		 first = true;

	buf_addc(b, '{');
	for (i = 0; i < 4; i++) {
		if (vals[i] == NULL)
			continue;
		edit_flow_pair(b, first ? "" : ", ", keys[i], vals[i], json);
		first = false;
	}
	if (ev->ntags > 0) {
		buf_adds(b, ", ");
		edit_flow_list(b, "tags", ev->tags, ev->ntags, json);
	}
	if (ev->nactors > 0) {
		buf_adds(b, ", ");
		edit_flow_list(b, "actors", ev->actors, ev->nactors, json);
	}
	buf_addc(b, '}');
}

/* Whether f's flow events list is written as JSON writes it: its first
 * item is an object {"key": ...}, or, with none, the file is one. */
static bool
edit_json_list(const char *buf, size_t len, const struct tl_file *f)
{
	size_t	i = f->nitems > 0 ? f->events_start + 1 : 0;

	i = edit_skip_space(buf, len, i);
	if (i >= len || buf[i] != '{')
		return false;
	i = edit_skip_space(buf, len, i + 1);
	return i < len && buf[i] == '"';
}

/*
 * Whether new events can go into f's events list as the loader left it
 * plain: a flow list starts with '[', a block list with its first '-',
 * and an empty one ("events:") has nothing but blanks and comments after
 * its key.  A tag, an anchor or an explicit null there is refused.
 */
static bool
edit_events_plain(const char *buf, size_t len, const struct tl_file *f,
    char **err)
{
	size_t	i;

	if (f->events_line == 0)
		return edit_fail(err, "the file has no 'events' list");
	if (f->events_flow || f->nitems > 0) {
		if (f->events_start < len && buf[f->events_start] ==
		    (f->events_flow ? '[' : '-'))
			return true;
	} else {
		/* "events:" (or "events" quoted, then ':'), not an explicit
		 * "? events" whose value would need a ':' line of its own. */
		i = f->events_key_end;
		while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
			i++;
		if (i >= len || buf[i] != ':')
			return edit_fail(err, "the 'events' key is written in "
			    "a form tlv does not add to; add the event in the "
			    "file");
		for (i++; i < len && i < f->events_end; i++) {
			if (buf[i] == '#')
				while (i < len && buf[i] != '\n')
					i++;
			else if (buf[i] != ' ' && buf[i] != '\t' &&
			    buf[i] != '\r' && buf[i] != '\n')
				break;
		}
		if (i >= f->events_end || i >= len) {
			/* In a flow mapping (JSON) ',' or '}' comes next:
			 * block lines cannot go there. */
			i = edit_skip_space(buf, len, i);
			return i >= len || strchr(",}]", buf[i]) == NULL ||
			    edit_fail(err, "the 'events' key has no list, in "
			    "a flow mapping (JSON); write [] first");
		}
	}
	return edit_fail(err, "the events list has a tag, an anchor or a "
	    "value tlv does not add to; add the event in the file");
}

/* Where the first item of an empty events list goes: two columns in from
 * its key's line (the top level need not start at column 0, nor after a
 * byte order mark, which is no column). */
static size_t
edit_empty_indent(const char *buf, const struct tl_file *f)
{
	size_t	ls = text_line_start(buf, f->events_key_end);

	if (ls == 0 && f->events_key_end >= 3 &&
	    memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		ls = 3;
	return edit_line_indent(buf, ls, f->events_key_end) + 2;
}

/* Whether the file sets its last item apart from the one before by a
 * blank line: then a new item gets one too.  The last item's '-' is the
 * last line at the items' indentation that starts with one. */
static bool
edit_items_spaced(const char *buf, size_t len, const struct tl_file *f)
{
	size_t	ls, prev;

	if (f->nitems < 2 || f->events_end == 0 || f->events_end > len)
		return false;
	for (ls = text_line_start(buf, f->events_end - 1); ;
	    ls = text_line_start(buf, ls - 1)) {
		if (edit_line_indent(buf, ls, len) == f->events_indent &&
		    ls + f->events_indent < len &&
		    buf[ls + f->events_indent] == '-')
			break;
		if (ls <= f->events_start)
			return false;
	}
	if (ls == 0 || ls <= f->events_start)
		return false;
	prev = text_line_start(buf, ls - 1);
	return edit_blank_at(buf, len, prev);
}

bool
edit_plan_add(const char *buf, size_t len, const struct tl_file *f,
    const struct edit_event *ev, struct edit *ed, char **err)
{
	const char	*eol = edit_eol(buf, len);
	struct buf	 lines = BUF_INIT;
	size_t		 from;
	bool		 ok = true;

	memset(ed, 0, sizeof *ed);
	if (!edit_fields_allowed(f, err))
		return false;
	if (!edit_events_plain(buf, len, f, err))
		return false;
	if (f->events_flow) {
		if (f->events_end == 0 || buf[f->events_end - 1] != ']')
			return edit_fail(err, "cannot find the end of the "
			    "events list");
		/* The walk to the list's end starts at its last item. */
		from = f->events_last > f->events_start && f->events_last <
		    f->events_end ? f->events_last : f->events_start + 1;
		edit_event_flow(&lines, ev, edit_json_list(buf, len, f));
		edit_flow_insert(ed, buf, len, f->events_start, from,
		    f->events_end - 1, &lines);
	} else if (f->nitems == 0) {
		edit_event_block(&lines, edit_empty_indent(buf, f), ev, eol);
		ok = edit_insert_lines(ed, buf, len, edit_after_line(buf, len,
		    f->events_key_end), &lines, eol, err);
	} else {
		if (edit_items_spaced(buf, len, f))
			buf_adds(&lines, eol);
		edit_event_block(&lines, f->events_indent, ev, eol);
		ok = edit_insert_lines(ed, buf, len, edit_after_line(buf, len,
		    f->events_end), &lines, eol, err);
	}
	buf_free(&lines);
	return ok;
}

/* item_text ("id: x\ndate: ...\n", relative to its first key) as lines
 * of a block list item whose '-' is at column indent (edit.h). */
void
edit_item_block(struct buf *b, const char *item_text, size_t indent,
    const char *eol)
{
	const char	*p, *nl;
	bool		 first = true;
	size_t		 n;

	for (p = item_text; *p != '\0'; p = nl != NULL ? nl + 1 : "") {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (first) {
			edit_spaces(b, indent);
			buf_adds(b, "- ");
		} else if (n > 0)
			edit_spaces(b, indent + 2);
		buf_add(b, p, n);
		buf_adds(b, eol);
		first = false;
	}
}

const char *
edit_eol_of(const char *buf, size_t len)
{
	return edit_eol(buf, len);
}

size_t
edit_line_after(const char *buf, size_t len, size_t pos)
{
	return edit_after_line(buf, len, pos);
}

bool
edit_item_range(const char *buf, size_t len, const struct tl_event *e,
    size_t *start, size_t *end)
{
	size_t	dash;

	if (!edit_event_plain(buf, len, e, NULL) || e->span.end > len ||
	    (dash = edit_dash(buf, e->span.start)) == SIZE_MAX)
		return false;
	*start = text_line_start(buf, dash);
	*end = edit_after_line(buf, len, e->span.end);
	return true;
}

bool
edit_list_start(const char *buf, size_t len, const struct tl_file *f,
    size_t *pos, size_t *indent, char **err)
{
	if (f->events_line != 0 && f->events_flow)
		return edit_fail(err, "the events list is not a block list");
	if (!edit_events_plain(buf, len, f, err))
		return false;
	if (f->nitems == 0) {
		*pos = edit_after_line(buf, len, f->events_key_end);
		*indent = edit_empty_indent(buf, f);
	} else {
		*pos = text_line_start(buf, f->events_start);
		*indent = f->events_indent;
	}
	return true;
}

bool
edit_plan_add_text(const char *buf, size_t len, const struct tl_file *f,
    const char *item_text, struct edit *ed, char **err)
{
	const char	*eol = edit_eol(buf, len);
	struct buf	 lines = BUF_INIT;
	size_t		 at;
	bool		 ok;

	memset(ed, 0, sizeof *ed);
	if (f->events_line != 0 && f->events_flow)
		return edit_fail(err, "the events list is not a block list; "
		    "add the event with 'tlv add' or in the file");
	if (!edit_events_plain(buf, len, f, err))
		return false;
	if (f->nitems == 0) {
		edit_item_block(&lines, item_text, edit_empty_indent(buf, f),
		    eol);
		at = edit_after_line(buf, len, f->events_key_end);
	} else {
		if (edit_items_spaced(buf, len, f))
			buf_adds(&lines, eol);
		edit_item_block(&lines, item_text, f->events_indent, eol);
		at = edit_after_line(buf, len, f->events_end);
	}
	ok = edit_insert_lines(ed, buf, len, at, &lines, eol, err);
	buf_free(&lines);
	return ok;
}

/* Whether the top-level line [p, p + n) is a key with an empty value. */
static bool
edit_key_empty(const char *p, size_t n)
{
	static const char *const empty[] = { "", "[]", "{}", "''", "\"\"" };
	const char	*colon = memchr(p, ':', n), *v;
	size_t		 i, vn;

	if (colon == NULL || colon == p || *p == '#' || *p == ' ')
		return false;
	for (i = 0; p + i < colon; i++)
		if (!((p[i] >= 'a' && p[i] <= 'z') || p[i] == '_'))
			return false;
	v = colon + 1;
	vn = n - (size_t)(v - p);
	while (vn > 0 && (*v == ' ' || *v == '\t'))
		v++, vn--;
	for (i = 0; i < sizeof empty / sizeof empty[0]; i++)
		if (vn == strlen(empty[i]) && memcmp(v, empty[i], vn) == 0)
			return true;
	return false;
}

void
edit_item_prune(const char *item_text, struct buf *out)
{
	const char	*p, *nl, *next;
	size_t		 n;

	for (p = item_text; *p != '\0'; p = next) {
		nl = strchr(p, '\n');
		next = nl != NULL ? nl + 1 : p + strlen(p);
		n = (size_t)(next - p) - (nl != NULL ? 1 : 0);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n > 0 && p[0] != ' ' && p[0] != '\t') {
			/* Blanks at the end, but an escaped one ("\ "). */
			while (n > 1 && (p[n - 1] == ' ' || p[n - 1] == '\t') &&
			    p[n - 2] != '\\')
				n--;
			/* An empty key, unless lines under it give it a
			 * value. */
			if (edit_key_empty(p, n) && *next != ' ' &&
			    *next != '\t' && *next != '-')
				continue;
		}
		buf_add(out, p, n);
		buf_addc(out, '\n');
	}
}

void
edit_item_text(const char *buf, size_t len, const struct tl_event *e,
    struct buf *out)
{
	size_t	dash = edit_dash(buf, e->span.start);
	size_t	end = dash != SIZE_MAX ? edit_after_line(buf, len, e->span.end) :
		    e->span.end;
	size_t	indent = edit_indent_of(buf, e->span.start), i = e->span.start;
	size_t	j, sp;

	/* Lines relative to the first key's column: that is how the user
	 * sees the event, and how edit_plan_replace puts it back. */
	while (i < end) {
		const char *nl = memchr(buf + i, '\n', end - i);
		size_t stop = nl != NULL ? (size_t)(nl - buf) : end;

		j = stop > i && buf[stop - 1] == '\r' ? stop - 1 : stop;
		buf_add(out, buf + i, j - i);
		buf_addc(out, '\n');
		i = stop + 1;
		for (sp = 0; sp < indent && i < end && buf[i] == ' '; sp++)
			i++;
	}
}

bool
edit_plan_replace(const char *buf, size_t len, const struct tl_event *e,
    const char *item_text, struct edit *ed, char **err)
{
	size_t		 dash = edit_dash(buf, e->span.start), indent, el;
	const char	*eol = edit_eol(buf, len), *p, *nl;
	struct buf	 lines = BUF_INIT;
	bool		 first = true;

	memset(ed, 0, sizeof *ed);
	if (!edit_event_plain(buf, len, e, err))
		return false;
	if (dash == SIZE_MAX)
		return edit_fail(err, "this event is inside a flow list "
		    "([...]); edit the file itself");
	indent = edit_indent_of(buf, e->span.start);
	el = strlen(eol);
	for (p = item_text; *p != '\0'; p = nl != NULL ? nl + 1 : "") {
		size_t n;

		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (first)
			/* "  -   " as it was before the first key */
			buf_add(&lines, buf + text_line_start(buf, dash),
			    e->span.start - text_line_start(buf, dash));
		else if (n > 0)
			edit_spaces(&lines, indent);
		buf_add(&lines, p, n);
		buf_adds(&lines, eol);
		first = false;
	}
	ed->start = text_line_start(buf, dash);
	ed->end = edit_after_line(buf, len, e->span.end);
	if (ed->end == len && len > 0 && buf[len - 1] != '\n' &&
	    lines.len >= el)
		lines.len -= el;
	buf_add(&ed->text, lines.data, lines.len);
	buf_free(&lines);
	return true;
}

bool
edit_plan_set_id(const char *buf, size_t len, const struct tl_event *e,
    const char *id, struct edit *ed, char **err)
{
	memset(ed, 0, sizeof *ed);
	if (!edit_event_plain(buf, len, e, err))
		return false;
	if (e->span.start >= len)
		return edit_fail(err, "the event is not where it was loaded");
	if (edit_is_flow_map(buf, len, e)) {
		ed->start = ed->end = e->span.start + 1;
		buf_adds(&ed->text, "id: ");
		edit_scalar(&ed->text, id, true);
		buf_adds(&ed->text, ", ");
		return true;
	}
	ed->start = ed->end = e->span.start;
	buf_adds(&ed->text, "id: ");
	edit_scalar(&ed->text, id, false);
	buf_adds(&ed->text, edit_eol(buf, len));
	edit_spaces(&ed->text, edit_indent_of(buf, e->span.start));
	return true;
}

bool
edit_join(const char *buf, size_t len, const struct edit *a,
    const struct edit *b, struct edit *out, char **err)
{
	const struct edit	*x = a, *y = b;

	memset(out, 0, sizeof *out);
	if (b->start < a->start || (b->start == a->start && b->end < a->end)) {
		x = b;
		y = a;
	}
	if (x->start > x->end || y->start > y->end || y->end > len)
		return edit_fail(err, "internal error: an edit outside the "
		    "file");
	if (x->end > y->start)
		return edit_fail(err, "the two changes overlap; make them "
		    "one at a time");
	out->start = x->start;
	out->end = y->end;
	buf_add(&out->text, x->text.data != NULL ? x->text.data : "",
	    x->text.len);
	buf_add(&out->text, buf + x->end, y->start - x->end);
	buf_add(&out->text, y->text.data != NULL ? y->text.data : "",
	    y->text.len);
	return true;
}

/* --- undo ---------------------------------------------------------------- */

/* The event of file with id in tl (tl need not be sorted), or NULL. */
static const struct tl_event *
edit_find(const struct timeline *tl, uint32_t file, const char *id)
{
	size_t	i;

	for (i = 0; i < tl->nevents; i++)
		if (tl->events[i].file == file && tl->events[i].id != NULL &&
		    strcmp(tl->events[i].id, id) == 0)
			return &tl->events[i];
	return NULL;
}

/*
 * Is after[lo, hi) in buf too, with after's byte at is placed at buf's
 * byte at?  Then the splice at from in after is at *pos in buf.
 */
static bool
edit_match(const char *after, size_t lo, size_t hi, size_t is,
    const char *buf, size_t len, size_t at, size_t from, size_t *pos)
{
	if (at < is - lo || at - (is - lo) + (hi - lo) > len ||
	    memcmp(after + lo, buf + at - (is - lo), hi - lo) != 0)
		return false;
	*pos = at - (is - lo) + (from - lo);
	return true;
}

/* The deleted event's place: next to the event after it (or else the one
 * before it, or else the "events" key) in the file as the deletion left
 * it, if the bytes between are as they were. */
static bool
edit_undo_place(const char *buf, size_t len, const struct timeline *tl,
    uint32_t file, const char *after, const struct timeline *at,
    const struct edit_undo *u, size_t *pos)
{
	const struct tl_event	*next = NULL, *prev = NULL, *e, *c;
	size_t			 s = u->start, t = u->start + u->text_len, i;

	for (i = 0; i < at->nevents; i++) {
		e = &at->events[i];
		if (e->span.start >= t && (next == NULL ||
		    e->span.start < next->span.start))
			next = e;
		if (e->span.end <= s && (prev == NULL ||
		    e->span.end > prev->span.end))
			prev = e;
	}
	if (next != NULL && next->id != NULL &&
	    (c = edit_find(tl, file, next->id)) != NULL &&
	    edit_match(after, s, next->span.start, next->span.start, buf, len,
	    c->span.start, s, pos))
		return true;
	if (prev != NULL && prev->id != NULL &&
	    (c = edit_find(tl, file, prev->id)) != NULL &&
	    edit_match(after, prev->span.end, t, prev->span.end, buf, len,
	    c->span.end, s, pos))
		return true;
	/* No neighbour with an id: from the "events" key on. */
	i = at->files[0].events_key_end;
	return at->files[0].events_line != 0 && tl->files[file].events_line !=
	    0 && i <= s && edit_match(after, i, t, i, buf, len,
	    tl->files[file].events_key_end, s, pos);
}

/* Where the change to event u->id is in buf, if that event is still as
 * the change left it. */
static bool
edit_undo_find(const char *buf, size_t len, const struct timeline *tl,
    uint32_t file, const char *after, const struct timeline *at,
    const struct edit_undo *u, size_t *pos, char **err)
{
	const struct tl_event	*a = edit_find(at, 0, u->id);
	const struct tl_event	*c = edit_find(tl, file, u->id);
	size_t			 lo, hi;

	if (a == NULL)
		return edit_fail(err, "the change is not in the file");
	if (c == NULL) {
		if (err != NULL)
			*err = xasprintf("'%s' is no longer in the file "
			    "(another program removed it)", u->id);
		return false;
	}
	lo = u->start < a->span.start ? u->start : a->span.start;
	hi = u->start + u->text_len > a->span.end ?
	    u->start + u->text_len : a->span.end;
	if (edit_match(after, lo, hi, a->span.start, buf, len, c->span.start,
	    u->start, pos))
		return true;
	if (err != NULL)
		*err = xasprintf("another program changed '%s' since; undo "
		    "by hand in the file", u->id);
	return false;
}

bool
edit_plan_undo(const char *buf, size_t len, const struct timeline *tl,
    uint32_t file, const struct edit_undo *u, struct edit *ed, char **err)
{
	const char		*head = u->flow ? "events: [\n" : "events:\n";
	const char		*tail = u->flow ? "\n]\n" : "";
	size_t			 hn = strlen(head), tn = strlen(tail);
	struct timeline		 at = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct edit_undo	 w;
	struct edit		 did;
	char			*after, *wb = NULL;
	size_t			 alen, pos = 0;
	bool			 ok;

	memset(ed, 0, sizeof *ed);
	if (u->window) {
		/* The items around the change load after an "events:" line
		 * (in "events: [" ... "]", a flow list's). */
		w = *u;
		w.before_len = hn + u->before_len + tn;
		wb = xmalloc(w.before_len + 1);
		memcpy(wb, head, hn);
		memcpy(wb + hn, u->before, u->before_len);
		memcpy(wb + hn + u->before_len, tail, tn + 1);
		w.before = wb;
		w.start += hn;
		w.end += hn;
		u = &w;
	}
	memset(&did, 0, sizeof did);
	did.start = u->start;
	did.end = u->end;
	buf_add(&did.text, u->text, u->text_len);
	after = edit_apply(u->before, u->before_len, &did, &alen);
	edit_free(&did);
	(void)yamlio_load_buffer(&at, timeline_add_file(&at, "after"), after,
	    alen, &diags);
	if (u->id != NULL)
		ok = edit_undo_find(buf, len, tl, file, after, &at, u, &pos,
		    err);
	else if (u->gone != NULL && edit_find(tl, file, u->gone) != NULL) {
		if (err != NULL)
			*err = xasprintf("another program put '%s' back in "
			    "the file since", u->gone);
		ok = false;
	} else if (!(ok = edit_undo_place(buf, len, tl, file, after, &at, u,
	    &pos)) && err != NULL)
		*err = xasprintf("another program changed the events around "
		    "'%s' since; undo by hand in the file", u->gone != NULL ?
		    u->gone : "?");
	if (ok) {
		ed->start = pos;
		ed->end = pos + u->text_len;
		buf_add(&ed->text, u->before + u->start, u->end - u->start);
	}
	timeline_free(&at);
	diag_free(&diags);
	free(after);
	free(wb);
	return ok;
}

char *
edit_apply(const char *buf, size_t len, const struct edit *ed, size_t *newlen)
{
	char	*out;
	size_t	 n = ed->start + ed->text.len + (len - ed->end);

	out = xmalloc(n + 1);
	memcpy(out, buf, ed->start);
	if (ed->text.len > 0)
		memcpy(out + ed->start, ed->text.data, ed->text.len);
	memcpy(out + ed->start + ed->text.len, buf + ed->end, len - ed->end);
	out[n] = '\0';
	*newlen = n;
	return out;
}

/* --- ids ----------------------------------------------------------------- */

static void
edit_slug_words(struct buf *b, const char *s, size_t max)
{
	bool	dash = b->len > 0;

	for (; *s != '\0' && b->len < max; s++) {
		char c = *s;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && b->len > 0)
				buf_addc(b, '-');
			buf_addc(b, c);
			dash = false;
		} else
			dash = true;
	}
}

char *
edit_slug(const struct timeline *tl, const char *date, const char *title)
{
	struct buf	base = BUF_INIT, id = BUF_INIT;
	unsigned	n;

	edit_slug_words(&base, date != NULL ? date : "", 20);
	edit_slug_words(&base, title != NULL ? title : "", 56);
	if (base.len == 0)
		buf_adds(&base, "event");
	buf_adds(&id, base.data);
	for (n = 2; timeline_find_id(tl, id.data) != NULL; n++) {
		buf_reset(&id);
		buf_printf(&id, "%s-%u", base.data, n);
	}
	buf_free(&base);
	return buf_detach(&id);
}

void
edit_free(struct edit *ed)
{
	buf_free(&ed->text);
}
