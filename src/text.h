/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 text for display: decoding, display width, sanitising untrusted
 * text, wrapping, fitting into columns and case folding for search.  Plain C,
 * no locale: widths come from tables compiled in (East Asian Wide/Fullwidth
 * and emoji are 2 cells, combining marks and zero-width characters 0), so the
 * viewer, the printers and the tests agree on every machine.
 *
 * Sanitising (text_sanitize) is what makes file content safe to print:
 *	- C0 controls (U+0000..U+001F except TAB and LF when kept) and DEL are
 *	  shown in caret notation: ESC is "^[", BEL "^G", DEL "^?";
 *	- C1 controls (U+0080..U+009F), bidirectional controls (U+061C,
 *	  U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), zero-width and
 *	  invisible formatting characters (U+200B..U+200D, U+2060..U+2064,
 *	  U+FEFF) and the line/paragraph separators U+2028/U+2029 are shown as
 *	  "<U+XXXX>";
 *	- invalid UTF-8 becomes U+FFFD, one per bad byte.
 * Everything else is copied unchanged.  The output is valid UTF-8 with no
 * control characters other than the kept TAB/LF.
 *
 * The functions that make text append it to a struct buf; none truncates
 * silently (text_fit ends what it cuts with an ellipsis).
 */
#ifndef TLV_TEXT_H
#define TLV_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct buf;

#define TEXT_KEEP_NEWLINE	0x1	/* copy LF as is (else "^J") */
#define TEXT_KEEP_TAB		0x2	/* copy TAB as is (else "^I") */

/*
 * Decode one code point from s[0..len).  Returns the bytes used (>= 1 when
 * len > 0, 0 when len == 0).  Invalid or truncated sequences, overlongs and
 * surrogates give *cp = 0xFFFD and use 1 byte.
 */
size_t	 text_decode(const char *s, size_t len, uint32_t *cp);
/* Append the UTF-8 encoding of cp (must be a valid scalar value). */
void	 text_encode(struct buf *, uint32_t cp);

/*
 * Display width of one code point in terminal cells: 0 (combining marks,
 * zero-width), 1 or 2 (wide).  Control characters give 0; sanitise first.
 */
int	 text_cp_width(uint32_t cp);
/* Display width of sanitised text (LF and TAB count as 1 each). */
size_t	 text_width(const char *s, size_t len);

/* True if s needs no sanitising (with the given TEXT_KEEP_* flags). */
bool	 text_is_clean(const char *s, size_t len, unsigned flags);
/* Append the sanitised form of s[0..len) to out. */
void	 text_sanitize(struct buf *out, const char *s, size_t len,
	    unsigned flags);

/*
 * Append s (valid UTF-8, as text_sanitize makes it) for a terminal whose
 * character set is not UTF-8: ASCII is copied, every other code point
 * becomes "<U+XXXX>" (as less shows it), so the output is ASCII and each
 * byte one cell.
 */
void	 text_to_ascii(struct buf *out, const char *s, size_t len);

/*
 * Append s (sanitised, single line: newlines and tabs become spaces) cut to
 * at most width cells.  If it does not fit it ends with "…" (U+2026) and
 * never splits a character; a wide character that would straddle the limit
 * is dropped.  Returns the width actually used.  pad: fill with spaces up to
 * width.
 */
size_t	 text_fit(struct buf *out, const char *s, size_t len, size_t width,
	    bool pad);

/*
 * Append s (sanitised) word-wrapped to width cells per line, every line
 * (including the first) prefixed with indent (indent's width counts toward
 * width).  Existing newlines are kept as paragraph breaks; runs of spaces
 * collapse at line breaks; a word longer than a line is broken at a
 * character boundary.  Each output line ends with "\n".  Empty input
 * appends nothing.
 */
void	 text_wrap(struct buf *out, const char *s, size_t len, size_t width,
	    const char *indent);

/*
 * Append the folded form of s for matching that ignores case and Latin
 * diacritics: simple lower-casing of ASCII, Latin-1, Latin Extended-A/B and
 * Additional, Greek and Cyrillic (U+00DF sharp s stays; final sigma folds
 * to sigma), and a Latin letter's diacritics dropped ("Müller" folds to
 * "muller", "Zoë" to "zoe", "Łódź" to "lodz"; the combining marks
 * U+0300..U+036F go, so a decomposed "u" + U+0308 is "u" too).  Invalid
 * bytes are copied as U+FFFD.  The result is valid UTF-8.
 */
void	 text_fold(struct buf *out, const char *s, size_t len);
/* Fold one code point (same rules; a combining mark stays itself). */
uint32_t text_fold_cp(uint32_t cp);

/*
 * Substring search that ignores case and diacritics: is needle_folded
 * (already folded with text_fold) in hay (not folded)?  Combining marks in
 * hay are passed over.  No allocation.
 */
bool	 text_contains_folded(const char *hay, size_t hay_len,
	    const char *needle_folded, size_t needle_len);
/* The same, giving the byte range [*from, *to) of the first match in hay
 * (for highlighting); false if there is none or the needle is empty. */
bool	 text_find_folded(const char *hay, size_t hay_len,
	    const char *needle_folded, size_t needle_len, size_t *from,
	    size_t *to);
/* Equality of two unfolded strings, ignoring case and diacritics. */
bool	 text_equal_folded(const char *a, size_t alen, const char *b,
	    size_t blen);

/* The start of the line holding byte pos - 1 (pos itself at a line
 * start or 0), and the start of the line after the one at ls (after its
 * '\n'), or len. */
size_t	 text_line_start(const char *buf, size_t pos);
size_t	 text_next_line(const char *buf, size_t len, size_t ls);
/* Levenshtein distance (in code points), capped: returns max+1 if larger. */
unsigned text_distance(const char *a, const char *b, unsigned max);
/* The one of names[0..n) nearest to word within two edits, for "did you
 * mean" (the first of the nearest); NULL if none is that near. */
const char *text_closest(const char *word, const char *const *names,
	    size_t n);

/*
 * The kind of line break other than LF and CRLF that buf has ("lone CR",
 * "NEL (U+0085)", "LS (U+2028)", "PS (U+2029)": YAML breaks lines there
 * too, the editor's planners do not), or NULL.  Such a file is not
 * edited.
 */
const char *text_odd_break(const char *buf, size_t len);

#endif
