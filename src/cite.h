/* SPDX-License-Identifier: MIT */
/*
 * An event as a citation, for the viewer's 'y' (SPEC section 5), and the
 * OSC 52 sequence that hands text to the terminal's clipboard.  Plain C,
 * no curses, never prints.
 *
 * The citation, every piece of it sanitised (text_sanitize: no control
 * character of the file's reaches the terminal or the clipboard):
 *
 *	DATE[ to END]: TITLE (STATUS)
 *	- OUTLET, DATE: TITLE <URL>
 *
 * the dates as written, one line for each source with what it has
 * (a source with nothing but a URL is "- URL").
 */
#ifndef TLV_CITE_H
#define TLV_CITE_H

#include <stddef.h>

struct buf;
struct tl_event;

/* Append e's citation to b (lines end with '\n'). */
void	 cite_event(struct buf *, const struct tl_event *);

/* Append the base64 (RFC 4648, with '=' padding) of data[0..len). */
void	 cite_base64(struct buf *, const void *data, size_t len);

/* Append the OSC 52 sequence that sets the clipboard ("c") to text:
 * ESC ] 52 ; c ; BASE64 BEL. */
void	 cite_osc52(struct buf *, const char *text, size_t len);

#endif
