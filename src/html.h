/* SPDX-License-Identifier: MIT */
/*
 * TimelineJS text is HTML.  tlv keeps it as HTML (a round trip gives it
 * back unchanged) and shows it as readable text: html_to_text().
 */
#ifndef TLV_HTML_H
#define TLV_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * Readable text of HTML s[0..len) appended to b: tags removed (script and
 * style with their content), block ends (<p>, <br>, <div>, <li>, headings)
 * as line breaks and list items as "- ", runs of blanks as one space,
 * links kept as "label (URL)" (or the URL alone when the label is the
 * URL), character references decoded (named ones of HTML's common set,
 * numeric ones to valid characters other than NUL; others kept as they
 * are).  Lines are trimmed and blank runs of lines become one blank line.
 * The result is not sanitised: callers print it as any other file text.
 */
void	html_to_text(struct buf *b, const char *s, size_t len);

/* s[0..len) with its character references decoded (those html_to_text
 * decodes) and everything else, tags too, copied as it is: the reverse of
 * export_html_escape, for tlv import. */
void	html_decode_refs(struct buf *b, const char *s, size_t len);

#endif
