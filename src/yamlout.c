/* SPDX-License-Identifier: MIT */
/*
 * Writing YAML scalars that read back exactly; see yamlout.h.  Each style
 * has a predicate that says whether it can carry the text; the emitter
 * takes the first that can, in the order plain, literal block, quoted.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "yamlout.h"

/* Words that some YAML reader takes for null or a boolean. */
static const char *const yamlout_words[] = {
	"null", "~", "true", "false", "yes", "no", "on", "off", "y", "n"
};

static bool
yamlout_is_word(const char *s, size_t len)
{
	size_t	i, j;
	char	c;

	for (i = 0; i < sizeof yamlout_words / sizeof *yamlout_words; i++) {
		if (strlen(yamlout_words[i]) != len)
			continue;
		for (j = 0; j < len; j++) {
			c = s[j] >= 'A' && s[j] <= 'Z' ? (char)(s[j] + 32) : s[j];
			if (c != yamlout_words[i][j])
				break;
		}
		if (j == len)
			return true;
	}
	return false;
}

/* Text YAML can hold as written: clean for the terminal (text.h) and
 * without the noncharacters U+FFFE and U+FFFF that YAML excludes too. */
static bool
yamlout_clean(const char *s, size_t len, unsigned flags)
{
	return text_is_clean(s, len, flags) &&
	    memmem(s, len, "\xef\xbf\xbe", 3) == NULL &&
	    memmem(s, len, "\xef\xbf\xbf", 3) == NULL;
}

static bool
yamlout_plain_first(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    c == '_' || c == '(' || c == '/' || c >= 0x80;
}

/* As typed (YAMLOUT_AS_TYPED): what YAML reads as a plain scalar's text,
 * numbers and dates included. */
static bool
yamlout_can_typed(const char *s, size_t len, bool flow)
{
	size_t	i;

	if (strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) != NULL || s[len - 1] == ':')
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] == ':' && (flow || (i + 1 < len && s[i + 1] == ' ')))
			return false;
		if (s[i] == '#' && s[i - 1] == ' ')
			return false;
		if (flow && strchr(",[]{}", s[i]) != NULL)
			return false;
	}
	return true;
}

bool
yamlout_plain_ok(const char *s, size_t len, unsigned how)
{
	if (len == 0 || s[len - 1] == ' ' || yamlout_is_word(s, len) ||
	    memchr(s, '\0', len) != NULL || !yamlout_clean(s, len, 0))
		return false;
	if (how & YAMLOUT_AS_TYPED)
		return yamlout_can_typed(s, len, (how & YAMLOUT_FLOW) != 0);
	return yamlout_plain_first((unsigned char)s[0]) &&
	    strcspn(s, ":#,[]{}") >= len;
}

/* Literal block: lines as they are, no escapes possible. */
static bool
yamlout_can_block(const char *s, size_t len, int indent)
{
	size_t	i, start;
	bool	content = false;

	if (indent < 1 || memchr(s, '\n', len) == NULL ||
	    !yamlout_clean(s, len, TEXT_KEEP_NEWLINE))
		return false;
	for (start = 0; start < len; start = i + 1) {
		for (i = start; i < len && s[i] == ' '; i++)
			;
		if (i < len && s[i] != '\n' && i > start && !content)
			return false;	/* would set the indentation */
		if ((i == len || s[i] == '\n') && i > start)
			return false;	/* a line of only spaces */
		content = content || (i < len && s[i] != '\n');
		while (i < len && s[i] != '\n')
			i++;
	}
	return content;
}

static void
yamlout_block(struct buf *b, const char *s, size_t len, int indent)
{
	size_t	trailing = 0, i, start;

	while (trailing < len && s[len - 1 - trailing] == '\n')
		trailing++;
	buf_adds(b, trailing == 0 ? "|-" : trailing == 1 ? "|" : "|+");
	if (trailing > 0)
		len--;	/* the last line break is the caller's newline */
	for (start = 0; start <= len; start = i + 1) {
		buf_addc(b, '\n');
		for (i = start; i < len && s[i] != '\n'; i++)
			;
		if (i > start) {
			buf_printf(b, "%*s", indent, "");
			buf_add(b, s + start, i - start);
		}
	}
}

/* One code point's escape in a double-quoted scalar, or false to copy it. */
static bool
yamlout_escape(struct buf *b, uint32_t cp, const char *s, size_t used)
{
	switch (cp) {
	case '"':
		buf_adds(b, "\\\"");
		return true;
	case '\\':
		buf_adds(b, "\\\\");
		return true;
	case '\n':
		buf_adds(b, "\\n");
		return true;
	case '\t':
		buf_adds(b, "\\t");
		return true;
	default:
		break;
	}
	if (cp < 0x20 || cp == 0x7F)
		buf_printf(b, "\\x%02X", (unsigned)cp);
	else if (cp == 0xFFFD && used == 1)
		buf_adds(b, "\\uFFFD");		/* an invalid byte */
	else if (cp == 0xFFFE || cp == 0xFFFF || !text_is_clean(s, used, 0))
		buf_printf(b, cp > 0xFFFF ? "\\U%08X" : "\\u%04X",
		    (unsigned)cp);
	else
		return false;
	return true;
}

void
yamlout_quoted(struct buf *b, const char *s, size_t len)
{
	size_t		i = 0, used;
	uint32_t	cp;

	buf_addc(b, '"');
	while (i < len) {
		used = text_decode(s + i, len - i, &cp);
		if (!yamlout_escape(b, cp, s + i, used))
			buf_add(b, s + i, used);
		i += used;
	}
	buf_addc(b, '"');
}

void
yamlout_scalar(struct buf *b, const char *text, int indent)
{
	size_t	len = strlen(text);

	if (yamlout_plain_ok(text, len, 0))
		buf_add(b, text, len);
	else if (yamlout_can_block(text, len, indent))
		yamlout_block(b, text, len, indent);
	else
		yamlout_quoted(b, text, len);
}
