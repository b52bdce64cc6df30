/* SPDX-License-Identifier: MIT */
/* Citations and OSC 52; see cite.h. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "buf.h"
#include "cite.h"
#include "text.h"
#include "timeline.h"

/* Append s sanitised, on one line. */
static void
cite_put(struct buf *b, const char *s)
{
	text_sanitize(b, s, strlen(s), 0);
}

/* "- OUTLET, DATE: TITLE <URL>", with what the source has. */
static void
cite_source(struct buf *b, const struct tl_source *src)
{
	bool	head = src->outlet != NULL || src->date_text != NULL;

	buf_adds(b, "- ");
	if (src->outlet != NULL)
		cite_put(b, src->outlet);
	if (src->date_text != NULL) {
		buf_adds(b, src->outlet != NULL ? ", " : "");
		cite_put(b, src->date_text);
	}
	if (head && (src->title != NULL || src->url != NULL))
		buf_adds(b, ": ");
	if (src->title != NULL) {
		cite_put(b, src->title);
		buf_adds(b, src->url != NULL ? " " : "");
	}
	if (src->url != NULL) {
		buf_adds(b, head || src->title != NULL ? "<" : "");
		cite_put(b, src->url);
		buf_adds(b, head || src->title != NULL ? ">" : "");
	}
	buf_addc(b, '\n');
}

void
cite_event(struct buf *b, const struct tl_event *e)
{
	uint32_t	i;

	cite_put(b, e->date_text);
	if (e->end_text != NULL) {
		buf_adds(b, " to ");
		cite_put(b, e->end_text);
	}
	buf_adds(b, ": ");
	cite_put(b, e->title);
	if (e->status != TL_STATUS_NONE)
		buf_printf(b, " (%s)", tl_status_name(e->status));
	buf_addc(b, '\n');
	for (i = 0; i < e->nsources; i++)
		cite_source(b, &e->sources[i]);
}

void
cite_base64(struct buf *b, const void *data, size_t len)
{
	static const char	 digits[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char	*p = data;
	unsigned long		 v;
	size_t			 i;

	for (i = 0; i + 2 < len; i += 3) {
		v = (unsigned long)p[i] << 16 | (unsigned long)p[i + 1] << 8 |
		    p[i + 2];
		buf_addc(b, digits[v >> 18 & 63]);
		buf_addc(b, digits[v >> 12 & 63]);
		buf_addc(b, digits[v >> 6 & 63]);
		buf_addc(b, digits[v & 63]);
	}
	if (i == len)
		return;
	v = (unsigned long)p[i] << 16;
	if (i + 1 < len)
		v |= (unsigned long)p[i + 1] << 8;
	buf_addc(b, digits[v >> 18 & 63]);
	buf_addc(b, digits[v >> 12 & 63]);
	buf_addc(b, i + 1 < len ? digits[v >> 6 & 63] : '=');
	buf_addc(b, '=');
}

void
cite_osc52(struct buf *b, const char *text, size_t len)
{
	buf_adds(b, "\033]52;c;");
	cite_base64(b, text, len);
	buf_addc(b, '\a');
}
