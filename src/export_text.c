/* SPDX-License-Identifier: MIT */
/*
 * What every exporter shares (export_int.h): the buffer each event is
 * built in and written from, a skipped event told, ISO bounds; and the
 * text encoders export.h declares.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "export.h"
#include "export_int.h"
#include "text.h"
#include "timeline.h"

void
export_flush(struct export *x)
{
	if (x->b.len == 0)
		return;
	fwrite(x->b.data, 1, x->b.len, x->fp);
	buf_reset(&x->b);
}

void
export_skip(struct export *x, const struct tl_event *e, const char *why)
{
	if (x->opts->skipped != NULL)
		x->opts->skipped(x->opts->arg, e, why);
}

static void
export_sanitized(struct buf *out, const char *s, size_t len)
{
	text_sanitize(out, s, len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
}

/* --- shared: ISO bounds ------------------------------------------------- */

bool
export_ongoing(const struct tl_event *e)
{
	return e->end_text != NULL && (tl_event_end(e)->flags & DATE_ONGOING);
}

/* The range that gives the event its latest instant. */
const struct date_range *
export_last_range(const struct tl_event *e)
{
	if (e->end_text != NULL && tl_event_end(e)->latest >= e->date.latest)
		return tl_event_end(e);
	return &e->date;
}

/* ISO text of t into buf, as a date or (when written with a time) an
 * instant; false for an open end. */
bool
export_iso(date_time t, const struct date_range *r, char *buf, size_t n)
{
	if (t <= DATE_MIN || t >= DATE_MAX)
		return false;
	date_format_iso(t, (r->flags & DATE_HAS_TIME) ? DATE_PREC_SECOND :
	    DATE_PREC_DAY, buf, n);
	return true;
}

/* --- encoders ------------------------------------------------------------ */

/* Must cp be \u-escaped in JSON?  s[0..used) is its encoding.  So is
 * what YAML may not hold raw (a tlv file written as JSON is read as YAML):
 * the C1 controls, NEL (a line break to YAML) among them, U+FFFE, U+FFFF. */
static bool
export_json_escapes(uint32_t cp, const char *s, size_t used)
{
	if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029 ||
	    (cp >= 0x80 && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF)
		return true;
	if (cp == 0xFFFD && used == 1)
		return true;	/* an invalid byte */
	return !text_is_clean(s, used, 0);
}

static void
export_json_cp(struct buf *b, uint32_t cp)
{
	switch (cp) {
	case '\b':
		buf_adds(b, "\\b");
		return;
	case '\f':
		buf_adds(b, "\\f");
		return;
	case '\n':
		buf_adds(b, "\\n");
		return;
	case '\r':
		buf_adds(b, "\\r");
		return;
	case '\t':
		buf_adds(b, "\\t");
		return;
	default:
		break;
	}
	if (cp > 0xFFFF) {
		cp -= 0x10000;
		buf_printf(b, "\\u%04x\\u%04x", (unsigned)(0xD800 + (cp >> 10)),
		    (unsigned)(0xDC00 + (cp & 0x3FF)));
	} else
		buf_printf(b, "\\u%04x", (unsigned)cp);
}

void
export_json_string(struct buf *b, const char *s, size_t len)
{
	size_t		i = 0, used;
	uint32_t	cp;

	buf_addc(b, '"');
	while (i < len) {
		used = text_decode(s + i, len - i, &cp);
		if (cp == '"' || cp == '\\') {
			buf_addc(b, '\\');
			buf_addc(b, (char)cp);
		} else if (export_json_escapes(cp, s + i, used))
			export_json_cp(b, cp);
		else
			buf_add(b, s + i, used);
		i += used;
	}
	buf_addc(b, '"');
}

void
export_csv_field(struct buf *b, const char *s, size_t len, bool neutralise)
{
	struct buf	t = BUF_INIT;
	size_t		i;

	if (neutralise && len > 0 && strchr("=+-@\t\r", s[0]) != NULL)
		buf_addc(&t, '\'');
	export_sanitized(&t, s, len);
	if (t.len == 0 || strcspn(t.data, ",\"\r\n") == t.len) {
		buf_add(b, t.data, t.len);
		buf_free(&t);
		return;
	}
	buf_addc(b, '"');
	for (i = 0; i < t.len; i++) {
		if (t.data[i] == '"')
			buf_addc(b, '"');
		buf_addc(b, t.data[i]);
	}
	buf_addc(b, '"');
	buf_free(&t);
}

/*
 * An ordered list marker at s, the start of a line: "1." or "12)" for
 * CommonMark, and pandoc's fancy lists too: a letter or a roman numeral
 * ("a)", "iv.", "B."), any of them in parentheses ("(1)", "(a)"), then a
 * blank or the end.  Returns the offset of the character to escape (the
 * '.' or ')', or the '(' of the parenthesised form), or SIZE_MAX.
 */
static size_t
export_md_ordered(const char *s, size_t len)
{
	size_t	i, start = s[0] == '(' ? 1 : 0;

	i = start;
	while (i < len && i - start < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == start) {
		while (i < len && i - start < 12 && s[i] != '\0' &&
		    strchr("ivxlcdmIVXLCDM", s[i]) != NULL)
			i++;
		if (i == start && i < len &&
		    (unsigned)((s[i] | 0x20) - 'a') < 26u)
			i++;
	}
	if (i == start || i >= len || (s[i] != ')' && (start != 0 ||
	    s[i] != '.')))
		return SIZE_MAX;
	if (i + 1 < len && s[i + 1] != ' ' && s[i + 1] != '\t' &&
	    s[i + 1] != '\n')
		return SIZE_MAX;
	return start != 0 ? 0 : i;
}

/* Would "&" + s read as an entity reference ("amp;", "#39;")? */
static bool
export_md_entity(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len && i < 32; i++)
		if (!(s[i] == '#' || (s[i] >= '0' && s[i] <= '9') ||
		    (unsigned)((s[i] | 0x20) - 'a') < 26u))
			break;
	return i > 0 && i < len && s[i] == ';';
}

/*
 * Whether s[i] must be escaped.  Always: what CommonMark and pandoc read as
 * inline markup (\ ` * _ [ ] < > # | ~), pandoc's citations (@), math
 * ($), superscript (^) and attributes ({ }).  A '-' or '.' next to another
 * (pandoc's smart typography makes "--" an en dash, "---" an em dash,
 * "..." an ellipsis), '&' before an entity name, and at the start of a
 * line the block markers - + = and pandoc's definition ':'.
 */
static bool
export_md_special(const char *s, size_t i, size_t len, bool line_start)
{
	char	c = s[i];

	if (strchr("\\`*_[]<>#|~@$^{}", c) != NULL)
		return true;
	if (c == '&')
		return export_md_entity(s + i + 1, len - i - 1);
	if ((c == '-' || c == '.') && ((i > 0 && s[i - 1] == c) ||
	    (i + 1 < len && s[i + 1] == c)))
		return true;
	return line_start && (c == '-' || c == '+' || c == '=' || c == ':');
}

void
export_md_text(struct buf *b, const char *s, size_t len)
{
	struct buf	t = BUF_INIT;
	size_t		i, d, esc_at = SIZE_MAX;
	bool		line_start = true;

	export_sanitized(&t, s, len);
	for (i = 0; i < t.len; i++) {
		if (line_start && (d = export_md_ordered(t.data + i,
		    t.len - i)) != SIZE_MAX)
			esc_at = i + d;	/* the '.' of "1.", the '(' of "(a)" */
		if (export_md_special(t.data, i, t.len, line_start) ||
		    i == esc_at)
			buf_addc(b, '\\');
		buf_addc(b, t.data[i]);
		line_start = t.data[i] == '\n' ||
		    (line_start && (t.data[i] == ' ' || t.data[i] == '\t'));
	}
	buf_free(&t);
}

void
export_ics_text(struct buf *b, const char *s, size_t len)
{
	struct buf	t = BUF_INIT;
	size_t		i;

	export_sanitized(&t, s, len);
	for (i = 0; i < t.len; i++) {
		if (t.data[i] == '\n') {
			buf_adds(b, "\\n");
			continue;
		}
		if (t.data[i] == '\\' || t.data[i] == ';' || t.data[i] == ',')
			buf_addc(b, '\\');
		buf_addc(b, t.data[i]);
	}
	buf_free(&t);
}

void
export_ics_line(struct buf *b, const char *s, size_t len)
{
	size_t	max = 75, cut;

	for (;;) {
		cut = len <= max ? len : max;
		/* Back up to the first byte of a UTF-8 sequence. */
		while (cut < len && cut > 0 && ((unsigned char)s[cut] & 0xC0) ==
		    0x80)
			cut--;
		buf_add(b, s, cut);
		buf_adds(b, "\r\n");
		if (cut == len)
			return;
		s += cut;
		len -= cut;
		buf_addc(b, ' ');
		max = 74;
	}
}

void
export_html_escape(struct buf *b, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] == '&')
			buf_adds(b, "&amp;");
		else if (s[i] == '<')
			buf_adds(b, "&lt;");
		else if (s[i] == '>')
			buf_adds(b, "&gt;");
		else
			buf_addc(b, s[i]);
	}
}

void
export_json_str(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_adds(b, "null");
	else
		export_json_string(b, s, strlen(s));
}
