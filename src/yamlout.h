/* SPDX-License-Identifier: MIT */
/*
 * Writing YAML scalars so that they read back as exactly the same text.
 *
 * yamlout_scalar() picks the plainest style that is safe:
 *
 *   plain          Elon Musk
 *	A conservative subset: starts with a letter, '_', '(', '/' or a
 *	non-ASCII character; no ':', '#', ',', '[', ']', '{', '}', tab or
 *	newline; no leading or trailing space; not a null or boolean word
 *	(null, true, no, on, y, ... in any case).
 *   literal block  |, |- or |+
 *	Text with newlines whose lines can be written as they are: no tab,
 *	control or invisible character, first line with content not starting
 *	with a space, no line of only spaces; only when indent >= 1.
 *   double-quoted  "..."
 *	Everything else, with YAML escapes (\\ \" \n \t \xXX \uXXXX):
 *	C0, DEL, C1, bidirectional and zero-width controls, U+2028/9, U+FEFF
 *	and U+FFFE/F are escaped.
 *
 * A scalar that begins with a digit, '-', '+' or '.' is never plain, so
 * numbers, dates and times stay strings for every YAML reader, not only
 * for tlv's.  Plain and double-quoted output is a single line and is safe
 * in flow context too; block output is not (it needs block context).
 * Invalid UTF-8 cannot be written as YAML: each bad byte becomes U+FFFD.
 */
#ifndef TLV_YAMLOUT_H
#define TLV_YAMLOUT_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/*
 * Append text (NUL-terminated) as a YAML scalar, for writing after
 * "key: " or "- ".  The output never ends with a newline: the caller ends
 * the line, whatever the style.  Block style puts its content lines at
 * indent spaces (pass more than the column of the key or of the "-"); with
 * indent < 1 block style is not used.
 */
void	yamlout_scalar(struct buf *, const char *text, int indent);

/*
 * The one plain-scalar policy, for every writer of YAML in tlv: whether
 * text (len bytes) may be written plain and read back as exactly that
 * text.  Never: empty text, a trailing space, a null or boolean word
 * (null, ~, true, false, yes, no, on, off, y, n in any case), or anything
 * not clean (controls, invisible and bidirectional characters, U+FFFE/F,
 * invalid UTF-8).  Then, by default, the conservative subset above (a
 * letter first, no ':#,[]{}'), so that numbers and dates stay strings for
 * every YAML reader; with YAMLOUT_AS_TYPED, as the editor writes into a
 * timeline (dates and times stay plain, as people write them): anything
 * YAML reads back as the text -- no indicator first, no ': ' or ' #', no
 * ':' last; with YAMLOUT_FLOW also none of ':,[]{}' (inside [...] or
 * {...}).
 */
#define YAMLOUT_AS_TYPED	0x1
#define YAMLOUT_FLOW		0x2
bool	yamlout_plain_ok(const char *text, size_t len, unsigned how);

/* Append text double-quoted and escaped (the fallback style, exposed for
 * keys and for tests). */
void	yamlout_quoted(struct buf *, const char *text, size_t len);

#endif
