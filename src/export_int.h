/* SPDX-License-Identifier: MIT */
/*
 * The exporters' private header: export.h's module in parts, each format
 * a file of its own.  Calls go down this list, never up:
 *
 *	export_text.c	what every format shares: the event's text built in
 *			x->b and written with one fwrite (export_flush), a
 *			skipped event reported (export_skip), ISO bounds; the
 *			encoders export.h declares (JSON strings, CSV fields,
 *			Markdown, iCalendar text and lines, HTML)
 *	export_md.c	markdown
 *	export_json.c	json (tlv's schema, doc/export-json.md)
 *	export_csv.c	csv
 *	export_ics.c	ics
 *	export_tljs.c	timelinejs (its end is json's)
 *	export.c	the driver: export_formats[] names each format's
 *			steps; export_format_parse, export_write
 *
 * A format is three steps: begin, then one call per event the query keeps
 * (formatting it into x->b; false to skip it after telling
 * export_skip), then end (NULL: none).  The driver flushes x->b after
 * each event; begin and end flush what they build themselves.
 */
#ifndef TLV_EXPORT_INT_H
#define TLV_EXPORT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "date.h"
#include "export.h"

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

/* export_text.c */

/* Write x->b to x->fp and empty it. */
void	 export_flush(struct export *x);
/* Tell opts->skipped (if set) that e is left out, and why. */
void	 export_skip(struct export *x, const struct tl_event *e,
	    const char *why);
/* Does the event's end say it is ongoing? */
bool	 export_ongoing(const struct tl_event *e);
/* The range that gives the event its latest instant (its end's or its
 * date's). */
const struct date_range *export_last_range(const struct tl_event *e);
/* ISO text of t into buf[0..n), as a date or (when r was written with a
 * time) an instant; false for an open bound (DATE_MIN, DATE_MAX). */
bool	 export_iso(date_time t, const struct date_range *r, char *buf,
	    size_t n);
/* export_json_string of s, or null for NULL. */
void	 export_json_str(struct buf *b, const char *s);

/* The formats' steps, for export.c's export_formats[]. */
void	 export_md_begin(struct export *);
bool	 export_md_event(struct export *, const struct tl_event *);
void	 export_json_begin(struct export *);
bool	 export_json_event(struct export *, const struct tl_event *);
void	 export_json_end(struct export *);	/* timelinejs's too */
void	 export_csv_begin(struct export *);
bool	 export_csv_event(struct export *, const struct tl_event *);
void	 export_ics_begin(struct export *);
bool	 export_ics_event(struct export *, const struct tl_event *);
void	 export_ics_end(struct export *);
void	 export_tljs_begin(struct export *);
bool	 export_tljs_event(struct export *, const struct tl_event *);

#endif
