/* SPDX-License-Identifier: MIT */
/*
 * tlv export --format timelinejs (export_int.h): TimelineJS3 JSON that tlv
 * loads again (yamlio_tljs.c reads it), its end written by json's.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cal.h"
#include "export.h"
#include "export_int.h"
#include "timeline.h"

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
	    export_last_range(e) == tl_event_end(e) ? e->end_text : e->date_text), &l);
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

void
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
	    export_tljs_plain_range(tl_event_end(e)));
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

bool
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
