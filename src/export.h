/* SPDX-License-Identifier: MIT */
/*
 * Exporting a timeline (tlv export, SPEC section 3) to other formats, and
 * the text encoders they are made of.  Plain C: no curses, no libyaml.
 *
 *	markdown	a chronology for a report: "# Title", "## YEAR", one
 *			list item per event (date as written, title, status),
 *			its description, actors, tags and sources as links
 *	json		tlv's own schema, documented in doc/export-json.md
 *	csv		RFC 4180, one row per event (see export_csv_field)
 *	ics		RFC 5545 all-day events
 *	timelinejs	TimelineJS3 JSON, which tlv itself loads again
 *	svg		the timeline view's picture (svg.h), lanes by file
 *
 * Events are written in timeline order (sorted), only those the query
 * keeps.  Text from files is written faithfully where the format can carry
 * it and never as raw control characters:
 *	json, timelinejs	C0, DEL, C1, bidirectional and invisible
 *				controls are \uXXXX escapes (lossless);
 *	markdown, csv, ics	text goes through text_sanitize() first,
 *				keeping TAB and LF: other controls become
 *				caret or <U+XXXX> forms (lossy but visible).
 * Exporters write only to the FILE * given and report events a format
 * cannot hold through the skip callback; they never print or exit.
 */
#ifndef TLV_EXPORT_H
#define TLV_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "date.h"

struct buf;
struct query;
struct timeline;
struct tl_event;

enum export_format {
	EXPORT_MARKDOWN,
	EXPORT_JSON,
	EXPORT_CSV,
	EXPORT_ICS,
	EXPORT_TIMELINEJS,
	EXPORT_SVG,
	EXPORT_NFORMATS
};

/* For usage messages. */
#define EXPORT_FORMAT_NAMES	"markdown, json, csv, ics, timelinejs, svg"

/* Version of the json format's schema ("version" in its output). */
#define EXPORT_JSON_VERSION	1

struct export_opts {
	const struct query	*query;	/* NULL: every event */
	date_time		 now;	/* ics DTSTAMP */
	/*
	 * Called once for each event the format cannot express (ics: BCE
	 * years, years after 9999, open ends; timelinejs: an open start),
	 * with a short reason such as "iCalendar cannot express an open
	 * end".  The event is left out.  NULL: skip silently.
	 */
	void			(*skipped)(void *arg, const struct tl_event *,
				    const char *why);
	void			*arg;
	unsigned		 lanes;	/* svg: the lanes, an enum lanes_mode
					   (0, the default: by file) */
};

/* Format by name or short name (md, ical), in any case; false if unknown. */
bool		 export_format_parse(const char *, enum export_format *);
const char	*export_format_name(enum export_format);

/*
 * Write the events of tl that opts->query keeps, in format fmt, to fp.
 * Returns the number of events written (skipped ones not counted).  Write
 * errors are left in fp's error flag for the caller.
 */
size_t	 export_write(FILE *fp, const struct timeline *tl,
	    enum export_format fmt, const struct export_opts *opts);

/*
 * The encoders; each appends to the buffer.  s[0..len) is UTF-8; invalid
 * bytes become U+FFFD.
 */

/* A JSON string with its quotes: '"' '\\' and control characters
 * escaped (\n \t \r \b \f, others \u00XX); DEL, C1, bidirectional and
 * invisible controls and U+2028/U+2029 as \uXXXX; other valid UTF-8
 * copied as is. */
void	 export_json_string(struct buf *, const char *s, size_t len);

/*
 * One CSV field (RFC 4180): sanitised (TAB and LF kept), then quoted with
 * '"' doubled if it holds ',', '"', CR or LF.  neutralise: if the text
 * begins with '=', '+', '-', '@', TAB or CR, prefix "'" so that
 * spreadsheets show it as text instead of running it as a formula
 * (OWASP "CSV injection"); the exporter does this for every free-text
 * column but not for dates, which are parsed date expressions.
 */
void	 export_csv_field(struct buf *, const char *s, size_t len,
	    bool neutralise);

/* Markdown inline text: sanitised, with what CommonMark or pandoc would
 * read as markup backslash-escaped, so that the text renders as written:
 * \ ` * _ [ ] < > # | ~ @ $ ^ { }, a '-' or '.' in a run ("--", "..."),
 * '&' before an entity name, and at the start of a line - + = : and list
 * markers ("1.", "1)", "a)", "iv.", "(1)"). */
void	 export_md_text(struct buf *, const char *s, size_t len);

/* iCalendar TEXT value (RFC 5545 3.3.11): sanitised, then '\\' ';' ','
 * escaped with a backslash and LF written as "\n". */
void	 export_ics_text(struct buf *, const char *s, size_t len);

/* One iCalendar content line, folded (RFC 5545 3.1): at most 75 octets
 * per physical line, continuation lines starting with a space, never
 * inside a UTF-8 sequence; every physical line ends with CRLF. */
void	 export_ics_line(struct buf *, const char *line, size_t len);

/* tlv text as TimelineJS HTML: escaped (export_html_escape), its line
 * breaks as <br>, without a last line break. */
void	 export_tljs_html_text(struct buf *, const char *s);
/* HTML text for TimelineJS: '&' '<' '>' as entities. */
void	 export_html_escape(struct buf *, const char *s, size_t len);

#endif
