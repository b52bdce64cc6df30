/* SPDX-License-Identifier: MIT */
/*
 * Exporters; see export.h.  The driver: each format is a struct export_ops
 * of three steps (begin, one event, end) written in its own file
 * (export_int.h lists them).  Like summary.c, an event is formatted into
 * one buffer and written with one fwrite.
 */
#include "config.h"

#include <strings.h>

#include "export.h"
#include "export_int.h"
#include "lanes.h"
#include "query.h"
#include "svg.h"
#include "timeline.h"

struct export_ops {
	const char	*name;
	const char	*alias[2];	/* the usual short names, or NULL */
	void		(*begin)(struct export *);
	/* Format one event into x->b; false to skip it (after telling). */
	bool		(*event)(struct export *, const struct tl_event *);
	void		(*end)(struct export *);
};

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
