/* SPDX-License-Identifier: MIT */
/*
 * tlv export --format markdown (export_int.h): a chronology for a report,
 * "# Title", a "## YEAR" heading each year, one list item per event.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "export.h"
#include "export_int.h"
#include "text.h"
#include "timeline.h"

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

void
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

bool
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
