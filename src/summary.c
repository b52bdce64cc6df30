/* SPDX-License-Identifier: MIT */
/*
 * Plain-text chronologies; see summary.h.  Each event is formatted into one
 * buffer and written with one fwrite, so a million events cost a million
 * writes to the stdio buffer, not one per field.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "claims.h"
#include "date.h"
#include "query.h"
#include "summary.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

/* Dates wider than this do not widen the date column. */
#define SUMMARY_DATE_COLUMN_MAX	24
#define SUMMARY_INDENT		"      "

struct summary {
	FILE				*fp;
	const struct timeline		*tl;
	const struct summary_opts	*opts;
	size_t				 datew;	/* date column width */
	struct buf			 line;
	size_t				 width;	/* wrap details to this */
	const char			*indent; /* of detail lines */
	date_time			 asof;	/* the query's asof:, or
						   DATE_MAX */
};

/* Write b, as ASCII with placeholders when the terminal needs it. */
static void
summary_write(const struct summary *s, const struct buf *b)
{
	struct buf	a = BUF_INIT;

	if (!s->opts->ascii) {
		fwrite(b->data, 1, b->len, s->fp);
		return;
	}
	text_to_ascii(&a, buf_str(b), b->len);
	fwrite(a.data, 1, a.len, s->fp);
	buf_free(&a);
}

static bool
summary_match(const struct summary *s, const struct tl_event *e)
{
	return s->opts->query == NULL || query_match(s->opts->query, s->tl, e);
}

/* Append sanitised single-line text. */
static void
summary_text(struct buf *b, const char *s)
{
	text_sanitize(b, s, strlen(s), 0);
}

static size_t
summary_date_width(const struct summary *s)
{
	size_t	i, w, max = 0;

	for (i = 0; i < s->tl->nevents; i++) {
		const struct tl_event *e = &s->tl->events[i];

		if (!summary_match(s, e))
			continue;
		w = text_width(e->date_text, strlen(e->date_text));
		if (w > max && w <= SUMMARY_DATE_COLUMN_MAX)
			max = w;
	}
	return max;
}

/* The year an event is listed under; false for an open start. */
static bool
summary_year(const struct tl_event *e, int64_t *year)
{
	struct date_parts	p;

	if (e->date.earliest <= DATE_MIN)
		return false;
	date_split(e->date.earliest, &p);
	*year = p.year;
	return true;
}

static void
summary_heading(struct summary *s, size_t shown)
{
	struct buf	 b = BUF_INIT;
	char		*title = timeline_title(s->tl);
	size_t		 w, i;

	summary_text(&b, title);
	w = text_width(b.data, b.len);
	buf_addc(&b, '\n');
	for (i = 0; i < w; i++)
		buf_addc(&b, '=');
	buf_printf(&b, "\n%zu event%s", shown, shown == 1 ? "" : "s");
	if (shown != s->tl->nevents)
		buf_printf(&b, " of %zu", s->tl->nevents);
	buf_printf(&b, " from %zu file%s\n", s->tl->nfiles,
	    s->tl->nfiles == 1 ? "" : "s");
	summary_write(s, &b);
	buf_free(&b);
	free(title);
}

/* "  DATE   TITLE  [status]" */
static void
summary_event_line(struct summary *s, const struct tl_event *e,
    const char *indent)
{
	struct buf	*b = &s->line;
	size_t		 start, w;
	enum tl_status	 status;

	buf_adds(b, indent);
	start = b->len;
	summary_text(b, e->date_text);
	w = text_width(b->data + start, b->len - start);
	buf_addn(b, ' ', (w < s->datew ? s->datew - w : 0) + 2);
	summary_text(b, e->title);
	status = s->asof < DATE_MAX ? claims_status_asof(e, s->asof) :
	    e->status;
	if (status != TL_STATUS_NONE) {
		buf_adds(b, "  [");
		buf_adds(b, tl_status_name(status));
		buf_addc(b, ']');
	}
	buf_addc(b, '\n');
}

/* "      label: text" wrapped, continuation lines aligned after the
 * label. */
/*
 * Wrap text to width into out with indent: for a terminal without UTF-8
 * the text is made ASCII first, so that the lines are as wide as they are
 * drawn.
 */
static void
summary_wrap(const struct summary *s, struct buf *out, const char *text,
    size_t len, const char *indent)
{
	struct buf	clean = BUF_INIT, a = BUF_INIT;

	if (!s->opts->ascii) {
		text_wrap(out, text, len, s->width, indent);
		return;
	}
	text_sanitize(&clean, text, len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	text_to_ascii(&a, buf_str(&clean), clean.len);
	text_wrap(out, buf_str(&a), a.len, s->width, indent);
	buf_free(&clean);
	buf_free(&a);
}

/* Append text sanitised (and made ASCII for a terminal without UTF-8). */
static void
summary_clean(const struct summary *s, struct buf *out, const char *text)
{
	struct buf	clean = BUF_INIT;

	if (!s->opts->ascii) {
		text_sanitize(out, text, strlen(text), 0);
		return;
	}
	text_sanitize(&clean, text, strlen(text), 0);
	text_to_ascii(out, buf_str(&clean), clean.len);
	buf_free(&clean);
}

static void
summary_labelled(struct summary *s, const char *label, const char *text,
    size_t len)
{
	struct buf	indent = BUF_INIT, lines = BUF_INIT;
	size_t		lead = strlen(s->indent) + strlen(label) + 2;

	buf_addn(&indent, ' ', lead);
	summary_wrap(s, &lines, text, len, indent.data);
	if (lines.len >= lead) {
		buf_printf(&s->line, "%s%s: ", s->indent, label);
		buf_add(&s->line, lines.data + lead, lines.len - lead);
	}
	buf_free(&indent);
	buf_free(&lines);
}

static void
summary_list(struct summary *s, const char *label, const char *const *v,
    size_t n)
{
	struct buf	items = BUF_INIT;
	size_t		i;

	if (n == 0)
		return;
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&items, ", ");
		buf_adds(&items, v[i]);
	}
	summary_labelled(s, label, items.data, items.len);
	buf_free(&items);
}

static void
summary_field(struct summary *s, const char *label, const char *value)
{
	if (value != NULL)
		summary_labelled(s, label, value, strlen(value));
}

/*
 * "source: outlet, title, date, url" on one line when it fits; else the
 * rest wrapped and the url on a line of its own, never broken (a url cut
 * in two cannot be copied or clicked): aligned after the label, or at the
 * indent when even that is too narrow.
 */
static void
summary_source(struct summary *s, const struct tl_source *src,
    const struct tl_source_more *more)
{
	const char	*parts[4] = { src->outlet, src->title, src->date_text,
			    src->url };
	const char	*v[4];
	struct buf	 url = BUF_INIT, rest = BUF_INIT, who = BUF_INIT;
	size_t		 i, n = 0, lead, w;

	/* "Reuters via The Wall Street Journal": whose reporting it is */
	if (more != NULL && more->via != NULL) {
		buf_printf(&who, "%s via %s", src->outlet != NULL ?
		    src->outlet : "", more->via);
		parts[0] = who.data + (src->outlet == NULL);
	}

	for (i = 0; i < 4; i++)
		if (parts[i] != NULL)
			v[n++] = parts[i];
	lead = strlen(s->indent) + strlen("source") + 2;
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_adds(&rest, ", ");
		summary_clean(s, &rest, v[i]);
	}
	if (src->url == NULL ||
	    lead + text_width(rest.data, rest.len) <= s->width) {
		summary_list(s, "source", v, n);
		buf_free(&rest);
		buf_free(&who);
		return;
	}
	if (n > 1) {
		summary_list(s, "source", v, n - 1);
		buf_truncate(&s->line, s->line.len - 1);	/* its '\n' */
		buf_adds(&s->line, ",\n");
	} else
		buf_printf(&s->line, "%ssource:\n", s->indent);
	summary_clean(s, &url, src->url);
	w = text_width(url.data, url.len);
	buf_addn(&s->line, ' ', lead + w <= s->width ? lead :
	    strlen(s->indent));
	buf_add(&s->line, url.data, url.len);
	buf_addc(&s->line, '\n');
	buf_free(&url);
	buf_free(&rest);
	buf_free(&who);
}

/* "  archive: URL", the URL never broken: on a line of its own when it
 * does not fit after the label. */
static void
summary_archive(struct summary *s, const char *archive)
{
	struct buf	url = BUF_INIT;
	size_t		lead = strlen(s->indent) + strlen("  archive") + 2;

	summary_clean(s, &url, archive);
	if (lead + text_width(url.data, url.len) <= s->width)
		buf_printf(&s->line, "%s  archive: ", s->indent);
	else
		buf_printf(&s->line, "%s  archive:\n%s", s->indent,
		    s->indent);
	buf_add(&s->line, url.data, url.len);
	buf_addc(&s->line, '\n');
	buf_free(&url);
}

static void
summary_note(struct summary *s, const struct tl_note *n)
{
	struct buf	b = BUF_INIT;

	if (n->at != NULL)
		buf_printf(&b, "%s ", n->at);
	if (n->by != NULL)
		buf_printf(&b, "%s: ", n->by);
	buf_adds(&b, n->text);
	summary_labelled(s, "note", b.data, b.len);
	buf_free(&b);
}

/* "related: id: its title [status]", so the answer to a claim reads in
 * place. */
static void
summary_related(struct summary *s, const struct tl_ref *ref)
{
	const char		*id = ref->text;
	const struct tl_event	*r = timeline_find_id(s->tl, id);
	struct buf		 b = BUF_INIT;

	buf_adds(&b, id);
	if (r == NULL)
		buf_adds(&b, " (not loaded)");
	else {
		buf_printf(&b, ": %s", r->title);
		if (r->status != TL_STATUS_NONE)
			buf_printf(&b, " [%s]", tl_status_name(r->status));
	}
	summary_labelled(s, ref->rel != TL_REL_NONE ?
	    tl_rel_name((enum tl_rel)ref->rel) : "related", b.data, b.len);
	buf_free(&b);
}

/* "verdict: 2024-10-24 alleged (by): text", oldest first. */
static void
summary_verdicts(struct summary *s, const struct tl_event *e)
{
	const struct tl_verdict	*v;
	struct buf		 b = BUF_INIT;

	for (v = tl_event_verdicts(e); v != NULL &&
	    v->status != TL_STATUS_NONE; v++) {
		buf_reset(&b);
		buf_printf(&b, "%s %s", v->date_text,
		    tl_status_name(v->status));
		if (v->by != NULL)
			buf_printf(&b, " (%s)", v->by);
		if (v->text != NULL)
			buf_printf(&b, ": %s", v->text);
		summary_labelled(s, "verdict", b.data, b.len);
	}
	buf_free(&b);
}

/* "3 sources, 1 independent (The Wall Street Journal)" where the count
 * of sources says more than there is: relays, or one outlet twice. */
static void
summary_independent(struct summary *s, const struct tl_event *e)
{
	struct buf	names = BUF_INIT, b = BUF_INIT;
	uint32_t	n = claims_independent(e, &names);

	if (n < e->nsources) {
		buf_printf(&b, "%u sources, %u independent",
		    (unsigned)e->nsources, (unsigned)n);
		if (n > 0)
			buf_printf(&b, " (%s)", buf_str(&names));
		summary_wrap(s, &s->line, b.data, b.len, s->indent);
	}
	buf_free(&names);
	buf_free(&b);
}

static void
summary_details(struct summary *s, const struct tl_event *e)
{
	uint32_t	i;

	if (e->description != NULL) {
		summary_wrap(s, &s->line, e->description,
		    strlen(e->description), s->indent);
	}
	summary_field(s, "id", e->id);
	if (e->end_text != NULL)
		summary_field(s, "until", e->end_text);
	summary_list(s, "actors", e->actors, e->nactors);
	summary_list(s, "tags", e->tags, e->ntags);
	summary_verdicts(s, e);
	for (i = 0; i < e->nsources; i++) {
		const struct tl_source_more *m = tl_event_source_more(e, i);

		summary_source(s, &e->sources[i], m);
		if (m != NULL && m->archive != NULL)
			summary_archive(s, m->archive);
	}
	summary_independent(s, e);
	for (i = 0; i < e->nrelated; i++)
		summary_related(s, &e->related[i]);
	for (i = 0; i < e->nnotes; i++)
		summary_note(s, &e->notes[i]);
}

size_t
summary_print(FILE *fp, const struct timeline *tl,
    const struct summary_opts *opts)
{
	struct summary	 s = { fp, tl, opts, 0, BUF_INIT, opts->width,
			    SUMMARY_INDENT, DATE_MAX };
	size_t		 i, shown = 0;
	bool		 brief = opts->mode == SUMMARY_BRIEF;
	bool		 have_year = false, open_heading = false;
	int64_t		 year = 0, y;
	char		 label[32];

	s.datew = summary_date_width(&s);
	if (opts->query == NULL || !query_asof(opts->query, &s.asof))
		s.asof = DATE_MAX;
	for (i = 0; i < tl->nevents; i++)
		shown += summary_match(&s, &tl->events[i]);
	if (!brief)
		summary_heading(&s, shown);
	for (i = 0; i < tl->nevents; i++) {
		const struct tl_event *e = &tl->events[i];

		if (!summary_match(&s, e))
			continue;
		buf_reset(&s.line);
		if (!brief && !summary_year(e, &y) && !open_heading) {
			buf_adds(&s.line, "\nOpen start\n");
			open_heading = true;
		} else if (!brief && summary_year(e, &y) &&
		    (!have_year || y != year)) {
			buf_printf(&s.line, "\n%s\n",
			    date_format_year(y, label, sizeof label));
			have_year = true;
			year = y;
		}
		if (opts->mode == SUMMARY_FULL)
			buf_addc(&s.line, '\n');
		summary_event_line(&s, e, brief ? "" : "  ");
		if (opts->mode == SUMMARY_FULL)
			summary_details(&s, e);
		summary_write(&s, &s.line);
	}
	buf_free(&s.line);
	return shown;
}

void
summary_event_details(struct buf *out, const struct timeline *tl,
    const struct tl_event *e, size_t width, const char *indent, bool ascii)
{
	struct summary_opts	opts = { SUMMARY_FULL, width, NULL, ascii };
	struct summary		s = { NULL, tl, &opts, 0, *out, width, indent,
				    DATE_MAX };

	summary_details(&s, e);
	*out = s.line;
}
