/* SPDX-License-Identifier: MIT */
/*
 * tlv export --format csv (export_int.h): one row per event, RFC 4180.
 */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "export.h"
#include "export_int.h"
#include "text.h"
#include "timeline.h"

void
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

bool
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
