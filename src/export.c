/* SPDX-License-Identifier: MIT */
/*
 * Exporters; see export.h.  Each format is a struct export_ops of three
 * steps (begin, one event, end).  Like summary.c, an event is formatted
 * into one buffer and written with one fwrite.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "cal.h"
#include "claims.h"
#include "export.h"
#include "svg.h"
#include "query.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

struct export {
	FILE				*fp;
	const struct timeline		*tl;
	const struct export_opts	*opts;
	struct buf			 b;	/* the text being built */
	size_t				 n;	/* events written */
	bool				 have_year;	/* markdown headings */
	bool				 open_heading;
	int64_t				 year;
};

struct export_ops {
	const char	*name;
	const char	*alias[2];	/* the usual short names, or NULL */
	void		(*begin)(struct export *);
	/* Format one event into x->b; false to skip it (after telling). */
	bool		(*event)(struct export *, const struct tl_event *);
	void		(*end)(struct export *);
};

static void
export_flush(struct export *x)
{
	if (x->b.len == 0)
		return;
	fwrite(x->b.data, 1, x->b.len, x->fp);
	buf_reset(&x->b);
}

static void
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

/* The qualifiers of SPEC section 2 by flag, for json. */
static const struct {
	unsigned	 flag;
	const char	*name;
} export_qualifiers[] = {
	{ DATE_UNCERTAIN, "uncertain" },
	{ DATE_APPROXIMATE, "approximate" },
	{ DATE_UNSPECIFIED, "unspecified" },
	{ DATE_INTERVAL, "interval" },
	{ DATE_OPEN_START, "open-start" },
	{ DATE_OPEN_END, "open-end" },
};

static const char *const export_precisions[] = {
	[DATE_PREC_NONE] = "none",
	[DATE_PREC_CENTURY] = "century",
	[DATE_PREC_DECADE] = "decade",
	[DATE_PREC_YEAR] = "year",
	[DATE_PREC_SEASON] = "season",
	[DATE_PREC_MONTH] = "month",
	[DATE_PREC_DAY_PART] = "day-part",
	[DATE_PREC_DAY] = "day",
	[DATE_PREC_MINUTE] = "minute",
	[DATE_PREC_SECOND] = "second",
};

/* --- shared: ISO bounds ------------------------------------------------- */

static bool
export_ongoing(const struct tl_event *e)
{
	return e->end_text != NULL && (e->end.flags & DATE_ONGOING);
}

/* The range that gives the event its latest instant. */
static const struct date_range *
export_last_range(const struct tl_event *e)
{
	if (e->end_text != NULL && e->end.latest >= e->date.latest)
		return &e->end;
	return &e->date;
}

/* ISO text of t into buf, as a date or (when written with a time) an
 * instant; false for an open end. */
static bool
export_iso(date_time t, const struct date_range *r, char *buf, size_t n)
{
	if (t <= DATE_MIN || t >= DATE_MAX)
		return false;
	date_format_iso(t, (r->flags & DATE_HAS_TIME) ? DATE_PREC_SECOND :
	    DATE_PREC_DAY, buf, n);
	return true;
}

/* --- encoders ------------------------------------------------------------ */

/* Must cp be \u-escaped in JSON?  s[0..used) is its encoding. */
static bool
export_json_escapes(uint32_t cp, const char *s, size_t used)
{
	if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029)
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

/* --- markdown ------------------------------------------------------------ */

static void
export_md_str(struct buf *b, const char *s)
{
	export_md_text(b, s, strlen(s));
}

/* A description: its lines trimmed and each prefixed with indent (two
 * spaces under a list item), blank lines kept as paragraph breaks. */
static void
export_md_description(struct buf *b, const char *d, const char *indent)
{
	struct buf	t = BUF_INIT;
	size_t		i, start, end;

	export_md_str(&t, d);
	for (start = 0; start < t.len; start = i + 1) {
		for (i = start; i < t.len && t.data[i] != '\n'; i++)
			;
		for (end = i; end > start && (t.data[end - 1] == ' ' ||
		    t.data[end - 1] == '\t'); end--)
			;
		while (start < end && (t.data[start] == ' ' ||
		    t.data[start] == '\t'))
			start++;
		if (start == end)
			buf_addc(b, '\n');
		else {
			buf_adds(b, indent);
			buf_add(b, t.data + start, end - start);
			buf_addc(b, '\n');
		}
	}
	buf_free(&t);
}

static void
export_md_begin(struct export *x)
{
	char	*title = timeline_title(x->tl);
	size_t	 i;

	buf_adds(&x->b, "# ");
	export_md_str(&x->b, title);
	buf_addc(&x->b, '\n');
	free(title);
	for (i = 0; i < x->tl->nfiles; i++) {
		const char *d = x->tl->files[i].description;

		if (d == NULL)
			continue;
		buf_addc(&x->b, '\n');
		export_md_description(&x->b, d, "");
	}
	export_flush(x);
}

static void
export_md_year(struct export *x, const struct tl_event *e)
{
	struct date_parts	p;
	char			label[32];

	if (e->date.earliest <= DATE_MIN) {
		if (!x->open_heading)
			buf_adds(&x->b, "\n## Open start\n");
		x->open_heading = true;
		return;
	}
	date_split(e->date.earliest, &p);
	if (x->have_year && p.year == x->year)
		return;
	buf_printf(&x->b, "\n## %s\n",
	    date_format_year(p.year, label, sizeof label));
	x->have_year = true;
	x->year = p.year;
}

/* Is url something a report may link to? */
static bool
export_md_linkable(const char *url)
{
	static const char *const schemes[] = {
		"http://", "https://", "mailto:", "ftp://"
	};
	size_t	i;

	for (i = 0; i < sizeof schemes / sizeof *schemes; i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			return true;
	return false;
}

/* A link destination: sanitised, with what would end or break it
 * percent-encoded. */
static void
export_md_url(struct buf *b, const char *url)
{
	struct buf	t = BUF_INIT;
	size_t		i;

	text_sanitize(&t, url, strlen(url), 0);
	for (i = 0; i < t.len; i++) {
		unsigned char c = (unsigned char)t.data[i];

		if (c <= ' ' || strchr("<>()\\`\"'", c) != NULL)
			buf_printf(b, "%%%02X", c);
		else
			buf_addc(b, (char)c);
	}
	buf_free(&t);
}

static void
export_md_source(struct buf *b, const struct tl_source *src,
    const struct tl_source_more *more)
{
	const char	*label = src->outlet != NULL ? src->outlet :
			    src->title != NULL ? src->title : src->url;

	if (label == NULL)
		label = src->date_text;
	if (label == NULL)
		return;
	if (src->url != NULL && export_md_linkable(src->url)) {
		buf_addc(b, '[');
		export_md_str(b, label);
		buf_adds(b, "](");
		export_md_url(b, src->url);
		buf_addc(b, ')');
	} else {
		export_md_str(b, label);
		if (src->url != NULL && label != src->url) {
			buf_adds(b, ", ");
			export_md_str(b, src->url);
		}
	}
	if (src->title != NULL && label != src->title) {
		buf_adds(b, ", \"");
		export_md_str(b, src->title);
		buf_addc(b, '"');
	}
	if (more != NULL && more->via != NULL) {
		buf_adds(b, " via ");
		export_md_str(b, more->via);
	}
	if (more != NULL && more->archive != NULL &&
	    export_md_linkable(more->archive)) {
		buf_adds(b, " [archived](");
		export_md_url(b, more->archive);
		buf_addc(b, ')');
	}
	if (src->date_text != NULL && label != src->date_text) {
		buf_adds(b, " (");
		export_md_str(b, src->date_text);
		buf_addc(b, ')');
	}
}

static void
export_md_list(struct buf *b, const char *label, const char *const *v,
    uint32_t n)
{
	uint32_t	i;

	if (n == 0)
		return;
	buf_printf(b, "\n  %s: ", label);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		export_md_str(b, v[i]);
	}
	buf_addc(b, '\n');
}

/* "  Verdicts: 2024-10-24 *alleged* (by): text; ..." */
static void
export_md_verdicts(struct buf *b, const struct tl_event *e)
{
	const struct tl_verdict	*first = tl_event_verdicts(e), *v;

	if (first == NULL)
		return;
	buf_adds(b, "\n  Verdicts: ");
	for (v = first; v->status != TL_STATUS_NONE; v++) {
		if (v > first)
			buf_adds(b, "; ");
		export_md_str(b, v->date_text);
		buf_printf(b, " *%s*", tl_status_name(v->status));
		if (v->by != NULL) {
			buf_adds(b, " (");
			export_md_str(b, v->by);
			buf_addc(b, ')');
		}
		if (v->text != NULL) {
			buf_adds(b, ": ");
			export_md_str(b, v->text);
		}
	}
	buf_addc(b, '\n');
}

static bool
export_md_event(struct export *x, const struct tl_event *e)
{
	struct buf	*b = &x->b;
	uint32_t	 i;

	export_md_year(x, e);
	buf_adds(b, "\n- **");
	export_md_str(b, e->date_text);
	if (e->end_text != NULL) {
		buf_adds(b, " \xe2\x80\x93 ");	/* en dash */
		export_md_str(b, e->end_text);
	}
	buf_adds(b, "**: ");
	export_md_str(b, e->title);
	if (e->status != TL_STATUS_NONE)
		buf_printf(b, " *(%s)*", tl_status_name(e->status));
	buf_addc(b, '\n');
	if (e->description != NULL) {
		buf_addc(b, '\n');
		export_md_description(b, e->description, "  ");
	}
	export_md_list(b, "Actors", e->actors, e->nactors);
	export_md_list(b, "Tags", e->tags, e->ntags);
	if (e->nsources > 0)
		buf_adds(b, "\n  Sources: ");
	for (i = 0; i < e->nsources; i++) {
		if (i > 0)
			buf_adds(b, "; ");
		export_md_source(b, &e->sources[i],
		    tl_event_source_more(e, i));
	}
	if (e->nsources > 0)
		buf_addc(b, '\n');
	export_md_verdicts(b, e);
	return true;
}

/* --- json ----------------------------------------------------------------
 *
 * Schema (version 1; doc/export-json.md is the full description):
 *
 *	{ "version": 1, "title": TEXT, "events": [ EVENT, ... ] }
 *	EVENT = { "id": TEXT|null, "date": TEXT (as written),
 *	    "earliest": ISO|null, "latest": ISO|null (null: open end),
 *	    "precision": "none"|"century"|"decade"|"year"|"season"|"month"|
 *		"day-part"|"day"|"minute"|"second",
 *	    "qualifiers": [ "uncertain"|"approximate"|"unspecified"|
 *		"interval"|"open-start"|"open-end"|"ongoing", ... ],
 *	    "end": TEXT|null, "title": TEXT, "description": TEXT|null,
 *	    "status": "confirmed"|"reported"|"alleged"|"disputed"|"denied"|null,
 *	    "verdicts": [ { "date": TEXT, "status": STATUS, "by", "text":
 *		TEXT|null } ],
 *	    "tags": [TEXT], "actors": [TEXT],
 *	    "sources": [ { "outlet", "url", "title", "date", "via",
 *		"archive": TEXT|null } ],
 *	    "independent_sources": [TEXT],
 *	    "related": [TEXT], "relations": [ { "id": TEXT, "rel":
 *		"supports"|"contradicts"|"retracts"|"supersedes"|"follows"|
 *		null } ],
 *	    "notes": [ { "at", "by": TEXT|null, "text": TEXT } ],
 *	    "file": TEXT }
 * ISO is "2022-02-24" or, for dates written with a time,
 * "2022-02-24T04:50:00Z".  Keys always appear, in this order.
 */

static void
export_json_str(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_adds(b, "null");
	else
		export_json_string(b, s, strlen(s));
}

/* "key": value-or-null, on its own line of an event. */
static void
export_json_field(struct buf *b, const char *key, const char *value)
{
	buf_printf(b, ",\n      \"%s\": ", key);
	export_json_str(b, value);
}

static void
export_json_array(struct buf *b, const char *key, const char *const *v,
    uint32_t n)
{
	uint32_t	i;

	buf_printf(b, ",\n      \"%s\": [", key);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		export_json_str(b, v[i]);
	}
	buf_addc(b, ']');
}

static void
export_json_begin(struct export *x)
{
	char	*title = timeline_title(x->tl);

	buf_printf(&x->b, "{\n  \"version\": %d,\n  \"title\": ",
	    EXPORT_JSON_VERSION);
	export_json_str(&x->b, title);
	buf_adds(&x->b, ",\n  \"events\": [");
	free(title);
	export_flush(x);
}

static void
export_json_dates(struct buf *b, const struct tl_event *e)
{
	char		iso[48];
	size_t		i;
	const char	*sep = "";

	export_json_field(b, "earliest", export_iso(e->date.earliest, &e->date,
	    iso, sizeof iso) ? iso : NULL);
	export_json_field(b, "latest", export_iso(tl_event_latest(e),
	    export_last_range(e), iso, sizeof iso) ? iso : NULL);
	export_json_field(b, "precision", export_precisions[e->date.precision]);
	buf_adds(b, ",\n      \"qualifiers\": [");
	for (i = 0; i < sizeof export_qualifiers / sizeof *export_qualifiers;
	    i++)
		if (e->date.flags & export_qualifiers[i].flag) {
			buf_printf(b, "%s\"%s\"", sep,
			    export_qualifiers[i].name);
			sep = ", ";
		}
	if (export_ongoing(e))
		buf_printf(b, "%s\"ongoing\"", sep);
	buf_addc(b, ']');
	export_json_field(b, "end", e->end_text);
}

static void
export_json_sources(struct buf *b, const struct tl_event *e)
{
	uint32_t	i;

	buf_adds(b, ",\n      \"sources\": [");
	for (i = 0; i < e->nsources; i++) {
		const struct tl_source *s = &e->sources[i];
		const struct tl_source_more *m = tl_event_source_more(e, i);

		buf_adds(b, i > 0 ? ",\n        {\"outlet\": " :
		    "\n        {\"outlet\": ");
		export_json_str(b, s->outlet);
		buf_adds(b, ", \"url\": ");
		export_json_str(b, s->url);
		buf_adds(b, ", \"title\": ");
		export_json_str(b, s->title);
		buf_adds(b, ", \"date\": ");
		export_json_str(b, s->date_text);
		buf_adds(b, ", \"via\": ");
		export_json_str(b, m != NULL ? m->via : NULL);
		buf_adds(b, ", \"archive\": ");
		export_json_str(b, m != NULL ? m->archive : NULL);
		buf_addc(b, '}');
	}
	buf_adds(b, e->nsources > 0 ? "\n      ]" : "]");
	buf_adds(b, ",\n      \"independent_sources\": [");
	for (i = 0; i < e->nsources; i++) {
		const char	*o;
		size_t		 len;

		if (!claims_new_origin(e, i, &o, &len))
			continue;
		if (b->data[b->len - 1] != '[')
			buf_adds(b, ", ");
		export_json_string(b, o, len);
	}
	buf_addc(b, ']');
}

static void
export_json_verdicts(struct buf *b, const struct tl_event *e)
{
	const struct tl_verdict	*first = tl_event_verdicts(e), *v;

	buf_adds(b, ",\n      \"verdicts\": [");
	for (v = first; v != NULL && v->status != TL_STATUS_NONE; v++) {
		buf_adds(b, v > first ? ",\n        {\"date\": " :
		    "\n        {\"date\": ");
		export_json_str(b, v->date_text);
		buf_adds(b, ", \"status\": ");
		export_json_str(b, tl_status_name(v->status));
		buf_adds(b, ", \"by\": ");
		export_json_str(b, v->by);
		buf_adds(b, ", \"text\": ");
		export_json_str(b, v->text);
		buf_addc(b, '}');
	}
	buf_adds(b, first != NULL ? "\n      ]" : "]");
}

static void
export_json_related(struct buf *b, const struct tl_event *e)
{
	uint32_t	i;

	buf_adds(b, ",\n      \"related\": [");
	for (i = 0; i < e->nrelated; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		export_json_str(b, e->related[i].text);
	}
	buf_adds(b, "],\n      \"relations\": [");
	for (i = 0; i < e->nrelated; i++) {
		buf_adds(b, i > 0 ? ", {\"id\": " : "{\"id\": ");
		export_json_str(b, e->related[i].text);
		buf_adds(b, ", \"rel\": ");
		export_json_str(b, e->related[i].rel != TL_REL_NONE ?
		    tl_rel_name((enum tl_rel)e->related[i].rel) : NULL);
		buf_addc(b, '}');
	}
	buf_addc(b, ']');
}

static void
export_json_notes(struct buf *b, const struct tl_event *e)
{
	uint32_t	i;

	buf_adds(b, ",\n      \"notes\": [");
	for (i = 0; i < e->nnotes; i++) {
		const struct tl_note *n = &e->notes[i];

		buf_adds(b, i > 0 ? ",\n        {\"at\": " :
		    "\n        {\"at\": ");
		export_json_str(b, n->at);
		buf_adds(b, ", \"by\": ");
		export_json_str(b, n->by);
		buf_adds(b, ", \"text\": ");
		export_json_str(b, n->text);
		buf_addc(b, '}');
	}
	buf_adds(b, e->nnotes > 0 ? "\n      ]" : "]");
}

static bool
export_json_event(struct export *x, const struct tl_event *e)
{
	struct buf	*b = &x->b;

	buf_adds(b, x->n > 0 ? ",\n    {\n      \"id\": " :
	    "\n    {\n      \"id\": ");
	export_json_str(b, e->id);
	export_json_field(b, "date", e->date_text);
	export_json_dates(b, e);
	export_json_field(b, "title", e->title);
	export_json_field(b, "description", e->description);
	export_json_field(b, "status", e->status == TL_STATUS_NONE ? NULL :
	    tl_status_name(e->status));
	export_json_verdicts(b, e);
	export_json_array(b, "tags", e->tags, e->ntags);
	export_json_array(b, "actors", e->actors, e->nactors);
	export_json_sources(b, e);
	export_json_related(b, e);
	export_json_notes(b, e);
	export_json_field(b, "file", x->tl->files[e->file].path);
	buf_adds(b, "\n    }");
	return true;
}

static void
export_json_end(struct export *x)
{
	buf_adds(&x->b, x->n > 0 ? "\n  ]\n}\n" : "]\n}\n");
	export_flush(x);
}

/* --- csv ----------------------------------------------------------------- */

static void
export_csv_begin(struct export *x)
{
	buf_adds(&x->b, "id,date,earliest,latest,end,title,status,tags,"
	    "actors,sources,description,file\r\n");
	export_flush(x);
}

static void
export_csv_str(struct buf *b, const char *s, bool neutralise, bool last)
{
	if (s != NULL)
		export_csv_field(b, s, strlen(s), neutralise);
	buf_adds(b, last ? "\r\n" : ",");
}

/*
 * One item of a list cell (a tag, an actor, a part of a source):
 * sanitised with TAB and LF shown as ^I and ^J, since they are what
 * separates the items (LF) and a source's parts (TAB) and so can be in no
 * name; "'" before a leading = + - @, as for a cell.
 */
static void
export_csv_item(struct buf *t, const char *s)
{
	if (s == NULL)
		return;
	if (*s != '\0' && strchr("=+-@", *s) != NULL)
		buf_addc(t, '\'');
	text_sanitize(t, s, strlen(s), 0);
}

/* Tags or actors: one a line. */
static void
export_csv_list(struct buf *b, const char *const *v, uint32_t n)
{
	struct buf	t = BUF_INIT;
	uint32_t	i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(&t, '\n');
		export_csv_item(&t, v[i]);
	}
	export_csv_str(b, t.data, false, false);
	buf_free(&t);
}

/* Sources: one a line, each "outlet TAB title TAB date TAB url", a part
 * left empty when the source has none, so that a comma in a name ("Le
 * Monde, Paris") is not taken for a separator. */
static void
export_csv_sources(struct buf *b, const struct tl_event *e)
{
	struct buf	t = BUF_INIT;
	uint32_t	i, k;

	for (i = 0; i < e->nsources; i++) {
		const struct tl_source *s = &e->sources[i];
		const char *parts[4] = { s->outlet, s->title, s->date_text,
		    s->url };

		if (i > 0)
			buf_addc(&t, '\n');
		for (k = 0; k < 4; k++) {
			if (k > 0)
				buf_addc(&t, '\t');
			export_csv_item(&t, parts[k]);
		}
	}
	/* The items are neutralised; a leading TAB is an empty outlet. */
	export_csv_str(b, t.data, false, false);
	buf_free(&t);
}

/* A description without the line break (and blanks) a block scalar ends
 * with: the cell holds the text, not the YAML layout. */
static void
export_csv_text(struct buf *b, const char *s)
{
	size_t	len;

	if (s != NULL) {
		for (len = strlen(s); len > 0 && strchr(" \t\r\n",
		    s[len - 1]) != NULL; len--)
			;
		export_csv_field(b, s, len, true);
	}
	buf_addc(b, ',');
}

static bool
export_csv_event(struct export *x, const struct tl_event *e)
{
	struct buf	*b = &x->b;
	char		 iso[48];

	export_csv_str(b, e->id, true, false);
	export_csv_str(b, e->date_text, false, false);
	export_csv_str(b, export_iso(e->date.earliest, &e->date, iso, sizeof iso) ?
	    iso : NULL, false, false);
	export_csv_str(b, export_iso(tl_event_latest(e), export_last_range(e),
	    iso, sizeof iso) ? iso : NULL, false, false);
	export_csv_str(b, e->end_text, false, false);
	export_csv_str(b, e->title, true, false);
	export_csv_str(b, e->status == TL_STATUS_NONE ? NULL :
	    tl_status_name(e->status), false, false);
	export_csv_list(b, e->tags, e->ntags);
	export_csv_list(b, e->actors, e->nactors);
	export_csv_sources(b, e);
	export_csv_text(b, e->description);
	export_csv_str(b, x->tl->files[e->file].path, true, true);
	return true;
}

/* --- ics ----------------------------------------------------------------- */

/* Append "NAME:" + value as one folded content line. */
static void
export_ics_prop(struct buf *b, const char *name, const char *value)
{
	struct buf	t = BUF_INIT;

	buf_adds(&t, name);
	buf_adds(&t, value);
	export_ics_line(b, t.data, t.len);
	buf_free(&t);
}

/* Append "NAME:" + TEXT-escaped value as one folded content line. */
static void
export_ics_textprop(struct buf *b, const char *name, const char *value)
{
	struct buf	t = BUF_INIT;

	buf_adds(&t, name);
	export_ics_text(&t, value, strlen(value));
	export_ics_line(b, t.data, t.len);
	buf_free(&t);
}

static void
export_ics_begin(struct export *x)
{
	char	*title = timeline_title(x->tl);

	export_ics_prop(&x->b, "BEGIN:", "VCALENDAR");
	export_ics_prop(&x->b, "VERSION:", "2.0");
	export_ics_prop(&x->b, "PRODID:",
	    "-//tlv//tlv " PACKAGE_VERSION "//EN");
	export_ics_prop(&x->b, "CALSCALE:", "GREGORIAN");
	export_ics_textprop(&x->b, "X-WR-CALNAME:", title);
	free(title);
	export_flush(x);
}

/* 64-bit FNV-1a, byte by byte: the same on every machine. */
static uint64_t
export_fnv(uint64_t h, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* UID: the id, or a hash of file name, date and title for events
 * without one (stable across runs and directories). */
static void
export_ics_uid(struct export *x, const struct tl_event *e, struct buf *t)
{
	const char	*path = x->tl->files[e->file].path;
	const char	*base = strrchr(path, '/');
	uint64_t	 h = 0xcbf29ce484222325ULL;

	if (e->id != NULL) {
		buf_adds(t, e->id);
		buf_adds(t, "@tlv");
		return;
	}
	base = base != NULL ? base + 1 : path;
	h = export_fnv(h, base, strlen(base) + 1);
	h = export_fnv(h, e->date_text, strlen(e->date_text) + 1);
	h = export_fnv(h, e->title, strlen(e->title));
	buf_printf(t, "tlv-%016llx@tlv", (unsigned long long)h);
}

/* Why iCalendar cannot hold e, or NULL.  Fills the all-day bounds. */
static const char *
export_ics_days(const struct tl_event *e, struct date_parts *start,
    struct date_parts *end)
{
	if (e->date.earliest <= DATE_MIN)
		return "iCalendar cannot express an open start";
	if (export_ongoing(e))
		return "iCalendar cannot express an ongoing end";
	if (tl_event_latest(e) >= DATE_MAX)
		return "iCalendar cannot express an open end";
	date_split(e->date.earliest, start);
	/* DTEND is exclusive: the day after the last day. */
	date_split(tl_event_latest(e), end);
	cal_civil_from_days(cal_days_from_civil(end->year, end->month,
	    end->day) + 1, &end->year, &end->month, &end->day);
	if (start->year < 1)
		return "iCalendar cannot express years before 1 AD";
	if (end->year > 9999)
		return "iCalendar cannot express years after 9999";
	return NULL;
}

static void
export_ics_description(struct buf *t, const struct tl_event *e)
{
	uint32_t	i, k;

	buf_printf(t, "Date: %s", e->date_text);
	if (e->end_text != NULL)
		buf_printf(t, " \xe2\x80\x93 %s", e->end_text);
	if (e->status != TL_STATUS_NONE)
		buf_printf(t, "\nStatus: %s", tl_status_name(e->status));
	if (e->description != NULL)
		buf_printf(t, "\n\n%s", e->description);
	if (e->nsources > 0)
		buf_adds(t, "\n\nSources:");
	for (i = 0; i < e->nsources; i++) {
		const struct tl_source *s = &e->sources[i];
		const char *parts[4] = { s->outlet, s->title, s->date_text,
		    s->url };
		const char *sep = "\n- ";

		for (k = 0; k < 4; k++)
			if (parts[k] != NULL) {
				buf_printf(t, "%s%s", sep, parts[k]);
				sep = ", ";
			}
	}
}

static void
export_ics_categories(struct buf *b, const struct tl_event *e)
{
	struct buf	t = BUF_INIT;
	uint32_t	i;

	if (e->ntags == 0)
		return;
	buf_adds(&t, "CATEGORIES:");
	for (i = 0; i < e->ntags; i++) {
		if (i > 0)
			buf_addc(&t, ',');
		export_ics_text(&t, e->tags[i], strlen(e->tags[i]));
	}
	export_ics_line(b, t.data, t.len);
	buf_free(&t);
}

static bool
export_ics_event(struct export *x, const struct tl_event *e)
{
	struct date_parts	 start, end, now;
	struct buf		 t = BUF_INIT;
	const char		*why = export_ics_days(e, &start, &end);

	if (why != NULL) {
		export_skip(x, e, why);
		return false;
	}
	date_split(x->opts->now, &now);
	export_ics_prop(&x->b, "BEGIN:", "VEVENT");
	export_ics_uid(x, e, &t);
	export_ics_textprop(&x->b, "UID:", t.data);
	buf_reset(&t);
	buf_printf(&t, "DTSTAMP:%04lld%02u%02uT%02u%02u%02uZ",
	    (long long)now.year, now.month, now.day, now.hour, now.minute,
	    now.second);
	buf_printf(&t, "\r\nDTSTART;VALUE=DATE:%04lld%02u%02u",
	    (long long)start.year, start.month, start.day);
	buf_printf(&t, "\r\nDTEND;VALUE=DATE:%04lld%02u%02u\r\n",
	    (long long)end.year, end.month, end.day);
	buf_add(&x->b, t.data, t.len);
	export_ics_textprop(&x->b, "SUMMARY:", e->title);
	buf_reset(&t);
	export_ics_description(&t, e);
	export_ics_textprop(&x->b, "DESCRIPTION:", t.data);
	export_ics_categories(&x->b, e);
	export_ics_prop(&x->b, "END:", "VEVENT");
	buf_free(&t);
	return true;
}

static void
export_ics_end(struct export *x)
{
	export_ics_prop(&x->b, "END:", "VCALENDAR");
	export_flush(x);
}

/* --- timelinejs ---------------------------------------------------------- */

/* TimelineJS date parts: year, month, day, hour, minute, second. */
enum { TLJS_YEAR, TLJS_MONTH, TLJS_DAY, TLJS_HOUR, TLJS_MINUTE,
	TLJS_SECOND };

/* The finest part the precision needs. */
static int
export_tljs_unit(const struct date_range *r)
{
	switch (r->precision) {
	case DATE_PREC_CENTURY:
	case DATE_PREC_DECADE:
	case DATE_PREC_YEAR:
		return TLJS_YEAR;
	case DATE_PREC_SEASON:
	case DATE_PREC_MONTH:
		return TLJS_MONTH;
	case DATE_PREC_MINUTE:
		return TLJS_MINUTE;
	case DATE_PREC_SECOND:
		return TLJS_SECOND;
	default:
		return (r->flags & DATE_HAS_TIME) ? TLJS_SECOND : TLJS_DAY;
	}
}

/* The finest part needed to land on t exactly, as a start (first: t is
 * the first instant) or as an end (its last instant). */
static int
export_tljs_align(const struct date_parts *p, bool first)
{
	if (first ? p->second != 0 : p->second != 59)
		return TLJS_SECOND;
	if (first ? p->minute != 0 : p->minute != 59)
		return TLJS_MINUTE;
	if (first ? p->hour != 0 : p->hour != 23)
		return TLJS_HOUR;
	if (first ? p->day != 1 : p->day != cal_month_days(p->year,
	    p->month))
		return TLJS_DAY;
	if (first ? p->month != 1 : p->month != 12)
		return TLJS_MONTH;
	return TLJS_YEAR;
}

static void
export_tljs_parts(struct buf *b, const char *key, const struct date_parts *p,
    int unit, const char *extra)
{
	static const char *const names[] = {
		"year", "month", "day", "hour", "minute", "second"
	};
	/* TimelineJS has no year 0: EDTF's 0 (1 BC) is its -1. */
	const long long	v[] = { (long long)(p->year <= 0 ? p->year - 1 :
			    p->year), p->month, p->day, p->hour,
			    p->minute, p->second };
	int		i;

	buf_printf(b, "%s\n      \"%s\": {", b->data[b->len - 1] == '{' ? "" :
	    ",", key);
	for (i = 0; i <= unit; i++)
		buf_printf(b, "%s\"%s\": %lld", i > 0 ? ", " : "", names[i],
		    v[i]);
	if (extra != NULL)
		buf_printf(b, ", %s", extra);	/* display_date, format */
	buf_addc(b, '}');
}

/* Do a and b agree in parts 0..unit? */
static bool
export_tljs_same(const struct date_parts *a, const struct date_parts *b,
    int unit)
{
	const long long	va[] = { (long long)a->year, a->month, a->day,
			    a->hour, a->minute, a->second };
	const long long	vb[] = { (long long)b->year, b->month, b->day,
			    b->hour, b->minute, b->second };
	int		i;

	for (i = 0; i <= unit; i++)
		if (va[i] != vb[i])
			return false;
	return true;
}

/* start_date and, when the event is longer than that, end_date.  Each
 * gives the parts its precision needs, and more where the instant is not
 * on a boundary of that unit (the end of "2022/2023-06" is June 2023). */
/* The zone offset of a time written with one ("T04:50+02:00": 7200
 * seconds), else 0.  TimelineJS places its parts at local time, so they
 * are given as written, not in UTC. */
static date_time
export_tljs_offset(const char *text)
{
	const char	*t = strchr(text, 'T'), *p;
	int		 h, m = 0, sign;

	if (t == NULL || t - text < 10)
		return 0;
	for (p = t + 1; (*p >= '0' && *p <= '9') || *p == ':' || *p == '.';
	    p++)
		;
	if ((*p != '+' && *p != '-') || p[1] < '0' || p[1] > '9' ||
	    p[2] < '0' || p[2] > '9')
		return 0;
	sign = *p == '-' ? -1 : 1;
	h = (p[1] - '0') * 10 + (p[2] - '0');
	p += p[3] == ':' ? 4 : 3;
	if (p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9')
		m = (p[0] - '0') * 10 + (p[1] - '0');
	return sign * (date_time)(h * 3600 + m * 60);
}

static void
export_tljs_dates(struct buf *b, const struct tl_event *e,
    const struct tl_html *h)
{
	struct date_parts	s, l;
	int			su, lu, i;

	date_split(e->date.earliest + export_tljs_offset(e->date_text), &s);
	su = export_tljs_unit(&e->date);
	if ((i = export_tljs_align(&s, true)) > su)
		su = i;
	export_tljs_parts(b, "start_date", &s, su, h != NULL ?
	    h->start_extra : NULL);
	if (tl_event_latest(e) >= DATE_MAX)
		return;		/* open or ongoing: not expressible */
	date_split(tl_event_latest(e) + export_tljs_offset(
	    export_last_range(e) == &e->end ? e->end_text : e->date_text), &l);
	lu = export_tljs_unit(export_last_range(e));
	if ((i = export_tljs_align(&l, false)) > lu)
		lu = i;
	if (su != lu || !export_tljs_same(&s, &l, su))
		export_tljs_parts(b, "end_date", &l, lu, h != NULL ?
		    h->end_extra : NULL);
}

/* tlv text as TimelineJS HTML: escaped, its line breaks as <br> (HTML
 * would run the lines together). */
void
export_tljs_html_text(struct buf *t, const char *s)
{
	const char	*nl;
	size_t		 n = strlen(s);

	while (n > 0 && s[n - 1] == '\n')
		n--;		/* a block scalar's last line break */
	while ((nl = memchr(s, '\n', n)) != NULL) {
		export_html_escape(t, s, (size_t)(nl - s));
		buf_adds(t, "<br>");
		n -= (size_t)(nl + 1 - s);
		s = nl + 1;
	}
	export_html_escape(t, s, n);
}

static void
export_tljs_html(struct buf *b, const char *s)
{
	struct buf	t = BUF_INIT;

	export_tljs_html_text(&t, s);
	export_json_string(b, t.data != NULL ? t.data : "", t.len);
	buf_free(&t);
}

/* Text that came as HTML (html not NULL) goes back as it came; other
 * text is escaped. */
static void
export_tljs_text(struct buf *b, const char *html, const char *text)
{
	if (html != NULL)
		export_json_str(b, html);
	else
		export_tljs_html(b, text);
}

static void
export_tljs_begin(struct export *x)
{
	const struct tl_file *f;
	char	*title = timeline_title(x->tl);
	struct buf d = BUF_INIT;
	size_t	 i;

	for (i = 0; i < x->tl->nfiles; i++) {
		f = &x->tl->files[i];
		if (f->description == NULL)
			continue;
		if (d.len > 0)
			buf_adds(&d, "\n\n");
		buf_adds(&d, f->description);
	}
	/* The file's own HTML when there is one file. */
	f = x->tl->nfiles == 1 ? &x->tl->files[0] : NULL;
	buf_adds(&x->b, "{\n  \"title\": {\"text\": {\"headline\": ");
	export_tljs_text(&x->b, f != NULL ? f->title_html : NULL, title);
	if (d.len > 0) {
		buf_adds(&x->b, ", \"text\": ");
		export_tljs_text(&x->b, f != NULL ? f->description_html : NULL,
		    d.data);
	}
	buf_addc(&x->b, '}');
	/* A TimelineJS file's other keys (media, eras, ...) as they came. */
	if (f != NULL && f->tljs_title != NULL)
		buf_printf(&x->b, ", %s", f->tljs_title);
	buf_addc(&x->b, '}');
	if (f != NULL && f->tljs_top != NULL)
		buf_printf(&x->b, ",\n  %s", f->tljs_top);
	buf_adds(&x->b, ",\n  \"events\": [");
	free(title);
	buf_free(&d);
	export_flush(x);
}

/* A date as a TimelineJS reader reads it: an ISO year (with month and
 * day) before 1000 without its padding, and BC years as "44 BCE"
 * ("-0043-03-15" is "15 March 44 BCE"); anything else as written. */
static void
export_tljs_display(struct buf *b, const char *text)
{
	const char	*p = text + (*text == '-');
	long long	 y = 0;
	unsigned	 md[2] = { 0, 0 }, i, n;

	for (n = 0; p[n] >= '0' && p[n] <= '9' && n < 12; n++)
		y = y * 10 + (p[n] - '0');
	p += n;
	for (i = 0; i < 2 && p[0] == '-' && p[1] >= '0' && p[1] <= '9' &&
	    p[2] >= '0' && p[2] <= '9'; i++, p += 3)
		md[i] = (unsigned)((p[1] - '0') * 10 + (p[2] - '0'));
	if (*text == '-')
		y = -y;
	if (n < 4 || *p != '\0' || md[0] > 12 || (i > 0 && md[0] == 0) ||
	    md[1] > 31 || (i > 1 && md[1] == 0) || (y >= 1000 &&
	    text[0] != '0')) {
		buf_adds(b, text);
		return;
	}
	if (i > 1)
		buf_printf(b, "%u ", md[1]);
	if (i > 0)
		buf_printf(b, "%s ", cal_month_name(md[0]));
	if (y <= 0)
		buf_printf(b, "%lld BCE", 1 - y);
	else
		buf_printf(b, "%lld", y);
}

/* Is the event's date one TimelineJS shows as well from its parts (a
 * year, month, day or time, with no qualifier)? */
static bool
export_tljs_plain_range(const struct date_range *r)
{
	return (r->flags & ~(unsigned)DATE_HAS_TIME) == 0 &&
	    (r->precision == DATE_PREC_YEAR || r->precision ==
	    DATE_PREC_MONTH || r->precision >= DATE_PREC_DAY);
}

static bool
export_tljs_plain(const struct tl_event *e)
{
	return export_tljs_plain_range(&e->date) && (e->end_text == NULL ||
	    export_tljs_plain_range(&e->end));
}

/* "key": "value" into a JSON object being built (sep: ", " after the
 * first member). */
static void
export_tljs_member(struct buf *b, const char **sep, const char *key,
    const char *value)
{
	if (value == NULL)
		return;
	buf_printf(b, "%s\"%s\": ", *sep, key);
	export_json_str(b, value);
	*sep = ", ";
}

static void
export_tljs_list(struct buf *b, const char **sep, const char *key,
    const char *const *v, uint32_t n)
{
	uint32_t	i;

	if (n == 0)
		return;
	buf_printf(b, "%s\"%s\": [", *sep, key);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(b, ", ");
		export_json_str(b, v[i]);
	}
	buf_addc(b, ']');
	*sep = ", ";
}

/* The verdicts and the related ids (with their relations) of the "tlv"
 * key, in tlv's own keys. */
static void
export_tljs_claims(struct buf *b, const char **sep, const struct tl_event *e)
{
	const struct tl_verdict	*first = tl_event_verdicts(e), *v;
	uint32_t		 i;

	if (first != NULL) {
		buf_printf(b, "%s\"verdicts\": [", *sep);
		for (v = first; v->status != TL_STATUS_NONE; v++) {
			const char *s2 = "";

			buf_adds(b, v > first ? ", {" : "{");
			export_tljs_member(b, &s2, "date", v->date_text);
			export_tljs_member(b, &s2, "status",
			    tl_status_name(v->status));
			export_tljs_member(b, &s2, "by", v->by);
			export_tljs_member(b, &s2, "text", v->text);
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
		*sep = ", ";
	}
	if (e->nrelated == 0)
		return;
	buf_printf(b, "%s\"related\": [", *sep);
	for (i = 0; i < e->nrelated; i++) {
		const struct tl_ref *r = &e->related[i];

		if (i > 0)
			buf_adds(b, ", ");
		if (r->rel == TL_REL_NONE) {
			export_json_str(b, r->text);
			continue;
		}
		buf_adds(b, "{\"id\": ");
		export_json_str(b, r->text);
		buf_printf(b, ", \"rel\": \"%s\"}",
		    tl_rel_name((enum tl_rel)r->rel));
	}
	buf_addc(b, ']');
	*sep = ", ";
}

/* tlv's own fields under "tlv", which TimelineJS ignores and tlv reads
 * back (SPEC section 9): the date and end as written, and what TimelineJS
 * has no place for.  plain: the description is tlv text (not HTML). */
static void
export_tljs_tlv(struct buf *b, const struct tl_event *e, bool plain)
{
	const char	*sep = "";
	uint32_t	 i;

	buf_adds(b, ",\n      \"tlv\": {");
	export_tljs_member(b, &sep, "date", e->date_text);
	export_tljs_member(b, &sep, "end", e->end_text);
	if (plain)
		export_tljs_member(b, &sep, "description", e->description);
	if (e->status != TL_STATUS_NONE)
		export_tljs_member(b, &sep, "status",
		    tl_status_name(e->status));
	export_tljs_list(b, &sep, "tags", e->tags, e->ntags);
	export_tljs_list(b, &sep, "actors", e->actors, e->nactors);
	if (e->nsources > 0) {
		buf_printf(b, "%s\"sources\": [", sep);
		for (i = 0; i < e->nsources; i++) {
			const struct tl_source *so = &e->sources[i];
			const struct tl_source_more *m =
			    tl_event_source_more(e, i);
			const char *s2 = "";

			buf_adds(b, i > 0 ? ", {" : "{");
			export_tljs_member(b, &s2, "outlet", so->outlet);
			export_tljs_member(b, &s2, "url", so->url);
			export_tljs_member(b, &s2, "title", so->title);
			export_tljs_member(b, &s2, "date", so->date_text);
			if (m != NULL) {
				export_tljs_member(b, &s2, "via", m->via);
				export_tljs_member(b, &s2, "archive",
				    m->archive);
			}
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
		sep = ", ";
	}
	export_tljs_claims(b, &sep, e);
	if (e->nnotes > 0) {
		buf_printf(b, "%s\"notes\": [", sep);
		for (i = 0; i < e->nnotes; i++) {
			const char *s2 = "";

			buf_adds(b, i > 0 ? ", {" : "{");
			export_tljs_member(b, &s2, "at", e->notes[i].at);
			export_tljs_member(b, &s2, "by", e->notes[i].by);
			export_tljs_member(b, &s2, "text", e->notes[i].text);
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
	}
	buf_addc(b, '}');
}

/* Does the event have anything that only the "tlv" key can carry? */
static bool
export_tljs_has_tlv(const struct tl_event *e)
{
	return e->status != TL_STATUS_NONE || e->nactors > 0 ||
	    e->nsources > 0 || e->nnotes > 0 || e->nrelated > 0 ||
	    e->ntags > 1 || !export_tljs_plain(e);
}

/* The verdict's history for TimelineJS readers: "<p>Verdicts: 2024-10-24
 * alleged (by WSJ: text); 2025-03-01 confirmed</p>". */
static void
export_tljs_verdicts(struct buf *t, const struct tl_event *e)
{
	const struct tl_verdict	*first = tl_event_verdicts(e), *v;

	if (first == NULL)
		return;
	buf_adds(t, "<p>Verdicts: ");
	for (v = first; v->status != TL_STATUS_NONE; v++) {
		if (v > first)
			buf_adds(t, "; ");
		export_html_escape(t, v->date_text, strlen(v->date_text));
		buf_printf(t, " %s", tl_status_name(v->status));
		if (v->by != NULL) {
			buf_adds(t, " (");
			export_html_escape(t, v->by, strlen(v->by));
			buf_addc(t, ')');
		}
		if (v->text != NULL) {
			buf_adds(t, ": ");
			export_html_escape(t, v->text, strlen(v->text));
		}
	}
	buf_adds(t, "</p>");
}

/* For TimelineJS readers, after the text: the status and the sources
 * (as links), as HTML paragraphs. */
static void
export_tljs_status(struct buf *t, const struct tl_event *e)
{
	uint32_t	i;

	if (e->status != TL_STATUS_NONE)
		buf_printf(t, "<p>Status: %s</p>", tl_status_name(e->status));
	export_tljs_verdicts(t, e);
	if (e->nsources == 0)
		return;
	buf_adds(t, "<p>Sources: ");
	for (i = 0; i < e->nsources; i++) {
		const struct tl_source *so = &e->sources[i];
		const struct tl_source_more *m = tl_event_source_more(e, i);
		const char *name = so->outlet != NULL ? so->outlet :
		    so->title != NULL ? so->title : so->url;

		if (i > 0)
			buf_adds(t, "; ");
		if (so->url != NULL) {
			buf_adds(t, "<a href=\"");
			export_html_escape(t, so->url, strlen(so->url));
			buf_adds(t, "\">");
		}
		if (name != NULL)
			export_html_escape(t, name, strlen(name));
		if (so->url != NULL)
			buf_adds(t, "</a>");
		if (m != NULL && m->via != NULL) {
			buf_adds(t, " (via ");
			export_html_escape(t, m->via, strlen(m->via));
			buf_addc(t, ')');
		}
		if (so->date_text != NULL) {
			buf_adds(t, ", ");
			export_html_escape(t, so->date_text,
			    strlen(so->date_text));
		}
	}
	buf_adds(t, "</p>");
}

static bool
export_tljs_event(struct export *x, const struct tl_event *e)
{
	struct buf	*b = &x->b;
	struct buf	 d = BUF_INIT;
	const struct tl_html *h;

	if (e->date.earliest <= DATE_MIN) {
		export_skip(x, e, "TimelineJS cannot express an open start");
		return false;
	}
	buf_adds(b, x->n > 0 ? ",\n    {" : "\n    {");
	h = timeline_html(x->tl, e);
	/* A slide's own display date; none where it had none (TimelineJS
	 * makes the same one again); tlv's date as written. */
	if (h != NULL && h->display != NULL) {
		buf_adds(b, "\n      \"display_date\": ");
		export_json_str(b, h->display);
	} else if (!x->tl->files[e->file].html || !export_tljs_plain(e)) {
		buf_adds(b, "\n      \"display_date\": ");
		export_tljs_display(&d, e->date_text);
		if (e->end_text != NULL) {
			buf_adds(&d, " \xe2\x80\x93 ");
			export_tljs_display(&d, e->end_text);
		}
		export_tljs_html(b, d.data);
	}
	buf_free(&d);
	export_tljs_dates(b, e, h);
	buf_adds(b, ",\n      \"text\": {\"headline\": ");
	export_tljs_text(b, h != NULL && h->html ? h->title : NULL, e->title);
	buf_reset(&d);
	if (h != NULL && h->html ? h->text != NULL : e->description != NULL) {
		if (h != NULL && h->html)
			buf_adds(&d, h->text);
		else
			export_tljs_html_text(&d, e->description);
	}
	export_tljs_status(&d, e);
	if (d.len > 0) {
		buf_adds(b, ", \"text\": ");
		export_json_string(b, d.data, d.len);
	}
	buf_free(&d);
	/* A TimelineJS file's group became the event's tag: it goes back
	 * (and an event without one has none); tlv's own files are groups. */
	if (!x->tl->files[e->file].html) {
		buf_adds(b, "},\n      \"group\": ");
		export_tljs_html(b, x->tl->files[e->file].title);
	} else if (e->ntags > 0) {
		buf_adds(b, "},\n      \"group\": ");
		export_json_str(b, e->tags[0]);
	} else
		buf_addc(b, '}');
	if (e->id != NULL) {
		buf_adds(b, ",\n      \"unique_id\": ");
		export_json_str(b, e->id);
	}
	if (h != NULL && h->extra != NULL)
		buf_printf(b, ",\n      %s", h->extra);	/* media, ... */
	if (!x->tl->files[e->file].html || export_tljs_has_tlv(e))
		export_tljs_tlv(b, e, !x->tl->files[e->file].html);
	buf_adds(b, "\n    }");
	return true;
}

/* --- driver -------------------------------------------------------------- */

static const struct export_ops export_formats[EXPORT_NFORMATS] = {
	[EXPORT_MARKDOWN] = { .name = "markdown", .alias = { "md" },
	    .begin = export_md_begin, .event = export_md_event },
	[EXPORT_JSON] = { .name = "json", .begin = export_json_begin,
	    .event = export_json_event, .end = export_json_end },
	[EXPORT_CSV] = { .name = "csv", .begin = export_csv_begin,
	    .event = export_csv_event },
	[EXPORT_ICS] = { .name = "ics", .alias = { "ical", "icalendar" },
	    .begin = export_ics_begin, .event = export_ics_event,
	    .end = export_ics_end },
	[EXPORT_TIMELINEJS] = { .name = "timelinejs",
	    .begin = export_tljs_begin, .event = export_tljs_event,
	    .end = export_json_end },
	[EXPORT_SVG] = { .name = "svg" },	/* svg.c draws it whole */
};

bool
export_format_parse(const char *name, enum export_format *fmt)
{
	const struct export_ops	*o;
	size_t			 i, j;

	for (i = 0; i < EXPORT_NFORMATS; i++) {
		o = &export_formats[i];
		for (j = 0; j < 3; j++) {
			const char *n = j == 0 ? o->name : o->alias[j - 1];

			if (n != NULL && strcasecmp(name, n) == 0) {
				*fmt = (enum export_format)i;
				return true;
			}
		}
	}
	return false;
}

const char *
export_format_name(enum export_format fmt)
{
	return export_formats[fmt].name;
}

size_t
export_write(FILE *fp, const struct timeline *tl, enum export_format fmt,
    const struct export_opts *opts)
{
	const struct export_ops	*ops = &export_formats[fmt];
	struct export		 x = { .fp = fp, .tl = tl, .opts = opts };
	size_t			 i;

	if (fmt == EXPORT_SVG)
		return svg_write(fp, tl, opts->query,
		    (enum lanes_mode)opts->lanes);
	ops->begin(&x);
	for (i = 0; i < tl->nevents; i++) {
		const struct tl_event *e = &tl->events[i];

		if (opts->query != NULL && !query_match(opts->query, tl, e))
			continue;
		if (ops->event(&x, e))
			x.n++;
		export_flush(&x);
	}
	if (ops->end != NULL)
		ops->end(&x);
	buf_free(&x.b);
	return x.n;
}
