/* SPDX-License-Identifier: MIT */
/*
 * The YAML reader's TimelineJS side, on top of the tlv schema: a slide
 * to an event (its {year, month, ...} dates, deep time), what an event
 * has beyond tlv's fields (struct tl_html, for HTML files and for
 * export), and the two entry points that choose between the schemas: an
 * item of the events list (yl_event) and a top-level key (yl_top_field);
 * see yamlio_int.h.  Nothing here knows libyaml.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "diag.h"
#include "export.h"
#include "html.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"
#include "yamlio_int.h"

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
	if ((v = yl_map_get(map, "end_date")) != NULL) {
		struct date_range	 end = { 0, 0, DATE_PREC_NONE, 0 };
		const char		*et = yl_tljs_date(y, v, "end_date",
					    &end);

		tl_event_set_end(&y->tl->arena, e, et, &end);
	}
	if ((text = yl_map_get(map, "text")) != NULL && text->kind == YN_MAP) {
		if ((v = yl_map_get(text, "headline")) != NULL)
			e->title = yl_text(y, v, "headline");
		if ((v = yl_map_get(text, "text")) != NULL)
			e->description = yl_text(y, v, "text");
	}
	if ((v = yl_map_get(map, "group")) != NULL && !yl_tljs_blank(v))
		e->tags = yl_strings(y, v, "group", &e->ntags);
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
void
yl_event(struct yl *y, const struct ynode *map, size_t before)
{
	struct tl_event	*e;
	bool		 tljs, side;

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
	tljs = !yl_event_tlv(y, map, e, &side);
	if (tljs)
		yl_tljs_event(y, map, e);
	y->ev_out = NULL;
	if (y->errors != before || e->date_text == NULL) {
		timeline_add_dropped(y->tl, e);
		timeline_truncate(y->tl, y->tl->nevents - 1);
	} else {
		if (tljs || side || y->tl->files[y->file].html)
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

void
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

/* The top level is read key by key, never built whole, so its duplicate
 * keys are caught here: title and description (events has its own check;
 * other keys are warned about anyway).  seen: where each was first. */
void
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
void
yl_events_dup(struct yl *y, const struct ynode *k, bool seen)
{
	if (seen)
		yl_diag(y, DIAG_ERROR, k->span.line, k->span.col,
		    "duplicate key 'events' (first at line %u)",
		    (unsigned)y->tl->files[y->file].events_line);
}
