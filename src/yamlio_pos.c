/* SPDX-License-Identifier: MIT */
/*
 * The YAML reader's positions and diagnostics; see yamlio_int.h.
 *
 * libyaml marks count characters, not bytes, and are 0-based; a cursor over
 * the buffer turns a mark into a byte offset (marks arrive nearly in order,
 * so the walk is linear overall).  Lines and columns shown to people are
 * 1-based.
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include "diag.h"
#include "xmalloc.h"
#include "yamlio_int.h"

/* --- positions ----------------------------------------------------------- */

/* Byte offset of character index idx.  Forward sixteen bytes at a time
 * (SSE2: the characters in them are the bytes that are not UTF-8
 * continuation bytes), or eight ASCII bytes at a time; marks mostly move
 * forward, so the whole file is walked about once. */
size_t
yl_byte_offset(struct yl *y, size_t idx)
{
	const unsigned char	*b = y->buf;

	while (y->cur_char < idx && y->cur_byte < y->len) {
#if defined(__SSE2__) && defined(__GNUC__)
		/* Whole steps: the byte after the sixteen starts a character. */
		while (y->cur_byte + 16 < y->len &&
		    (b[y->cur_byte + 16] & 0xC0) != 0x80) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)
			    (b + y->cur_byte));
			/* 1 per continuation byte, summed per half. */
			__m128i n = _mm_sad_epu8(_mm_and_si128(_mm_cmplt_epi8(v,
			    _mm_set1_epi8(-64)), _mm_set1_epi8(1)),
			    _mm_setzero_si128());
			size_t chars = 16 - (size_t)(_mm_cvtsi128_si32(n) +
			    _mm_cvtsi128_si32(_mm_srli_si128(n, 8)));

			if (y->cur_char + chars > idx)
				break;
			y->cur_byte += 16;
			y->cur_char += chars;
		}
#else
		uint64_t w;

		/* Eight ASCII bytes are eight characters. */
		while (y->cur_char + 8 <= idx && y->cur_byte + 8 <= y->len) {
			memcpy(&w, b + y->cur_byte, 8);
			if ((w & 0x8080808080808080ULL) != 0)
				break;
			y->cur_byte += 8;
			y->cur_char += 8;
		}
#endif
		if (y->cur_char >= idx)
			break;
		y->cur_byte++;
		while (y->cur_byte < y->len && (b[y->cur_byte] & 0xC0) == 0x80)
			y->cur_byte++;
		y->cur_char++;
	}
	while (y->cur_char > idx && y->cur_byte > 0) {
		y->cur_byte--;
		while (y->cur_byte > 0 && (b[y->cur_byte] & 0xC0) == 0x80)
			y->cur_byte--;
		y->cur_char--;
	}
	return y->cur_byte;
}

/* A node's span in bytes. */
struct tl_span
yl_bytes(struct yl *y, struct tl_span s)
{
	s.start = yl_byte_offset(y, s.start);
	s.end = yl_byte_offset(y, s.end);
	return s;
}

/* Line and column of a byte offset, by counting (for reader errors). */
void
yl_locate_byte(const struct yl *y, size_t off, unsigned *line, unsigned *col)
{
	size_t	i;

	*line = 1;
	*col = 1;
	for (i = 0; i < off && i < y->len; i++) {
		if (y->buf[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if ((y->buf[i] & 0xC0) != 0x80)
			(*col)++;
	}
}

/* Bytes that the double-quoted escape at src produces, and (*adv) the
 * bytes it takes in the source; 0 for a line-break escape. */
static size_t
yl_escape_size(const unsigned char *src, const unsigned char *end,
    size_t *adv)
{
	unsigned long	cp;
	size_t		digits = 0;
	char		hex[9];

	*adv = 2;
	if (end - src < 2)
		return 0;
	switch (src[1]) {
	case 'x':
		digits = 2;
		break;
	case 'u':
		digits = 4;
		break;
	case 'U':
		digits = 8;
		break;
	case 'N':
	case '_':
		return 2;
	case 'L':
	case 'P':
		return 3;
	case '\n':
	case '\r':
		return 0;
	default:
		return 1;
	}
	if ((size_t)(end - src) < 2 + digits)
		return 0;
	*adv = 2 + digits;
	memcpy(hex, src + 2, digits);
	hex[digits] = '\0';
	cp = strtoul(hex, NULL, 16);
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

/*
 * Column of byte offset off in scalar n's value, found by walking the
 * source alongside the value (escapes and '' take more source than value).
 * Multi-line and block scalars give the value's first column.
 */
uint32_t
yl_col_in(struct yl *y, const struct ynode *n, size_t off)
{
	struct tl_span		 b = yl_bytes(y, n->span);
	const unsigned char	*src = y->buf + b.start;
	const unsigned char	*end = y->buf + b.end;
	uint32_t		 col = n->span.col;
	size_t			 i = 0, adv, l;
	char			 q;

	if ((!n->plain && !n->quoted) || n->aliased || end > y->buf + y->len)
		return col;
	q = n->quoted ? (char)*src++ : 0;
	if (q != 0)
		col++;
	while (src < end && i < off) {
		if (*src == '\n' || *src == '\r')
			return n->span.col;
		if (q == '"' && *src == '\\') {
			if ((l = yl_escape_size(src, end, &adv)) == 0)
				return n->span.col;
		} else if (q == '\'' && *src == '\'' && src + 1 < end &&
		    src[1] == '\'') {
			l = 1;
			adv = 2;
		} else {
			/* One character: one column, however many bytes. */
			for (l = 1; src + l < end && (src[l] & 0xC0) == 0x80; l++)
				continue;
			i += l;
			src += l;
			col++;
			continue;
		}
		i += l;
		src += adv;
		col += (uint32_t)adv;	/* escapes are ASCII */
	}
	return col;
}

/* --- diagnostics --------------------------------------------------------- */

void
yl_diag(struct yl *y, enum diag_severity sev, uint32_t line, uint32_t col,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(y->diags, sev, y->path, line, col, "%s", msg);
	free(msg);
	if (sev == DIAG_ERROR)
		y->errors++;
}

