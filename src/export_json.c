/* SPDX-License-Identifier: MIT */
/*
 * tlv export --format json (export_int.h): every field, in tlv's own
 * schema (doc/export-json.md).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "claims.h"
#include "export.h"
#include "export_int.h"
#include "timeline.h"

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

void
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

bool
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

void
export_json_end(struct export *x)
{
	buf_adds(&x->b, x->n > 0 ? "\n  ]\n}\n" : "]\n}\n");
	export_flush(x);
}
