/* SPDX-License-Identifier: MIT */
/*
 * HTML to readable text (html.h).  A small scanner, not a parser: tags are
 * recognised by '<' followed by a letter, '/' or '!', and end at the next
 * '>' outside quotes; everything else is text.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "text.h"

/* Named character references worth decoding (HTML's most used). */
static const struct {
	const char	*name;
	uint32_t	 cp;
} html_named[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", ' ' }, { "ndash", 0x2013 },
	{ "mdash", 0x2014 }, { "hellip", 0x2026 }, { "lsquo", 0x2018 },
	{ "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
	{ "laquo", 0x00AB }, { "raquo", 0x00BB }, { "copy", 0x00A9 },
	{ "reg", 0x00AE }, { "trade", 0x2122 }, { "deg", 0x00B0 },
	{ "middot", 0x00B7 }, { "bull", 0x2022 }, { "times", 0x00D7 },
	{ "euro", 0x20AC }, { "pound", 0x00A3 }, { "eacute", 0x00E9 },
	{ "egrave", 0x00E8 }, { "aacute", 0x00E1 }, { "agrave", 0x00E0 },
	{ "iacute", 0x00ED }, { "oacute", 0x00F3 }, { "uacute", 0x00FA },
	{ "ntilde", 0x00F1 }, { "ccedil", 0x00E7 }, { "auml", 0x00E4 },
	{ "ouml", 0x00F6 }, { "uuml", 0x00FC }, { "szlig", 0x00DF },
};

/* A character reference at s ('&' first); its length, and *cp, or 0. */
static size_t
html_ref(const char *s, size_t len, uint32_t *cp)
{
	size_t		i, n;
	uint64_t	v = 0;
	int		base = 10;
	unsigned	d;

	if (len < 3 || s[0] != '&')
		return 0;
	if (s[1] != '#') {
		for (i = 0; i < sizeof html_named / sizeof *html_named; i++) {
			n = strlen(html_named[i].name);
			if (len >= n + 2 && memcmp(s + 1, html_named[i].name,
			    n) == 0 && s[n + 1] == ';') {
				*cp = html_named[i].cp;
				return n + 2;
			}
		}
		return 0;
	}
	i = 2;
	if (len > 2 && (s[2] | 0x20) == 'x') {
		base = 16;
		i = 3;
	}
	for (n = i; i < len && i < n + 8 && s[i] != ';'; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned)(s[i] - '0');
		else if (base == 16 && (s[i] | 0x20) >= 'a' &&
		    (s[i] | 0x20) <= 'f')
			d = (unsigned)((s[i] | 0x20) - 'a' + 10);
		else
			return 0;
		v = v * (unsigned)base + d;
	}
	if (i >= len || s[i] != ';' || i == n || v == 0 || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = (uint32_t)v;
	return i + 1;
}

/* The end of a tag starting at s[0] == '<' (after its '>'), or 0. */
static size_t
html_tag_end(const char *s, size_t len)
{
	size_t	i;
	char	q = 0;

	if (len < 2 || !(s[1] == '/' || s[1] == '!' ||
	    ((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z')))
		return 0;
	for (i = 1; i < len; i++) {
		if (q != 0) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'')
			q = s[i];
		else if (s[i] == '>')
			return i + 1;
	}
	return 0;
}

struct html_out {
	struct buf	*b;
	size_t		 start;		/* where this text began in b */
	unsigned	 newlines;	/* line breaks owed before the next
					   character (2: a blank line) */
	bool		 space;		/* a space owed */
	const char	*prefix;	/* owed after the line breaks */
};

static void
html_owed(struct html_out *o)
{
	if (o->b->len > o->start) {
		if (o->newlines > 0) {
			/* Lines end without blanks. */
			size_t n = o->b->len;

			while (n > o->start && o->b->data[n - 1] == ' ')
				n--;
			buf_truncate(o->b, n);
			buf_addn(o->b, '\n', o->newlines > 1 ? 2 : 1);
		} else if (o->space)
			buf_addc(o->b, ' ');
	}
	if (o->prefix != NULL)
		buf_adds(o->b, o->prefix);
	o->newlines = 0;
	o->space = false;
	o->prefix = NULL;
}

static void
html_char(struct html_out *o, const char *s, size_t n)
{
	html_owed(o);
	buf_add(o->b, s, n);
}

static void
html_break(struct html_out *o, unsigned n)
{
	if (o->newlines < n)
		o->newlines = n;
	o->space = false;
}

/* <br>: each one a line break (two make a blank line). */
static void
html_br(struct html_out *o)
{
	if (o->b->len > o->start)
		o->newlines++;
	o->space = false;
}

/* The tag's name, lowercased, into name (at most size - 1 bytes). */
static void
html_tag_name(const char *t, size_t len, char *name, size_t size)
{
	size_t	i = 1, n = 0;

	if (i < len && t[i] == '/')
		i++;
	while (i < len && n + 1 < size && (((t[i] | 0x20) >= 'a' &&
	    (t[i] | 0x20) <= 'z') || (t[i] >= '0' && t[i] <= '9')))
		name[n++] = (char)(t[i++] | 0x20);
	name[n] = '\0';
}

/* The value of attribute attr in tag t[0..len) into v (raw); false if
 * there is none. */
static bool
html_attr(const char *t, size_t len, const char *attr, struct buf *v)
{
	size_t	i, n = strlen(attr), j;
	char	q;

	for (i = 1; i + n < len; i++) {
		if (strncasecmp(t + i, attr, n) != 0 || !(t[i - 1] == ' ' ||
		    t[i - 1] == '\t' || t[i - 1] == '\n'))
			continue;
		j = i + n;
		while (j < len && t[j] == ' ')
			j++;
		if (j >= len || t[j] != '=')
			continue;
		for (j++; j < len && t[j] == ' '; j++)
			;
		q = j < len && (t[j] == '"' || t[j] == '\'') ? t[j++] : 0;
		for (i = j; j < len && (q != 0 ? t[j] != q : t[j] != ' ' &&
		    t[j] != '>'); j++)
			;
		buf_reset(v);
		buf_add(v, t + i, j - i);
		return true;
	}
	return false;
}

static bool
html_is(const char *name, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

void
html_decode_refs(struct buf *b, const char *s, size_t len)
{
	size_t		i = 0, n;
	uint32_t	cp;

	while (i < len)
		if (s[i] == '&' && (n = html_ref(s + i, len - i, &cp)) != 0) {
			text_encode(b, cp);
			i += n;
		} else
			buf_addc(b, s[i++]);
}

/* A link being read: its href, decoded, and where its label began in b. */
struct html_link {
	struct buf	 href;
	struct buf	 attr;		/* the href as written */
	size_t		 at;
	bool		 open;		/* an <a> with an href, not closed */
};

/* Past the element that tag name opened at s[i] (script, style: their
 * text is not shown): the offset of its closing tag, or len. */
static size_t
html_skip_raw(const char *s, size_t i, size_t len, const char *name)
{
	size_t	k;

	for (k = i; k + 2 < len; k++)
		if (s[k] == '<' && s[k + 1] == '/' &&
		    strncasecmp(s + k + 2, name, strlen(name)) == 0)
			return k;
	return len;
}

/* <a ...> (tag t of n bytes): keep its href for when it closes. */
static void
html_link_open(struct html_out *o, struct html_link *l, const char *t,
    size_t n)
{
	buf_reset(&l->href);
	l->open = false;
	if (html_attr(t, n, "href", &l->attr)) {
		html_decode_refs(&l->href, l->attr.data, l->attr.len);
		l->open = l->href.len > 0;
	}
	html_owed(o);
	l->at = o->b->len;
}

/* </a>: the href after its label, "label (href)", unless the label is the
 * href; the href alone for an empty label. */
static void
html_link_close(struct html_out *o, struct html_link *l)
{
	struct buf	*b = o->b;
	size_t		 lab = b->len - l->at;

	l->open = false;
	if (lab == 0) {
		html_owed(o);
		buf_add(b, l->href.data, l->href.len);
	} else if (lab != l->href.len || memcmp(b->data + l->at,
	    l->href.data, l->href.len) != 0)
		buf_printf(b, " (%s)", buf_str(&l->href));
}

/* What tag t (n bytes, named name) does to the text: a link, a list item,
 * a line break, a paragraph, a table cell's space; other tags nothing. */
static void
html_tag(struct html_out *o, struct html_link *l, const char *t, size_t n,
    const char *name)
{
	static const char *const paragraphs[] = { "p", "div", "ul", "ol",
		"blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "table",
		"pre", "figure", NULL };
	static const char *const lines[] = { "tr", "hr", "dt", "dd",
		"figcaption", NULL };
	bool	close = t[1] == '/';

	if (strcmp(name, "a") == 0 && !close)
		html_link_open(o, l, t, n);
	else if (strcmp(name, "a") == 0 && l->open)
		html_link_close(o, l);
	else if (strcmp(name, "li") == 0 && !close) {
		html_break(o, 1);
		o->prefix = "- ";
	} else if (strcmp(name, "br") == 0)
		html_br(o);
	else if (html_is(name, paragraphs))
		html_break(o, 2);
	else if (html_is(name, lines))
		html_break(o, 1);
	else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
		o->space = true;
}

/* Text at s[0..len) that is not a tag: blanks as one owed space, a
 * character reference decoded, any other byte as it is.  Returns the
 * bytes read. */
static size_t
html_text_at(struct html_out *o, const char *s, size_t len)
{
	uint32_t	cp;
	size_t		n;

	if (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' ||
	    s[0] == '\f') {
		o->space = true;
		return 1;
	}
	if (s[0] == '&' && (n = html_ref(s, len, &cp)) != 0) {
		html_owed(o);
		if (cp == ' ')
			buf_addc(o->b, ' ');
		else
			text_encode(o->b, cp);
		return n;
	}
	html_char(o, s, 1);
	return 1;
}

void
html_to_text(struct buf *b, const char *s, size_t len)
{
	struct html_out	 o = { .b = b, .start = b->len };
	struct html_link l = { .href = BUF_INIT, .attr = BUF_INIT };
	size_t		 i = 0, n;
	char		 name[16];

	while (i < len) {
		if (s[i] != '<' || (n = html_tag_end(s + i, len - i)) == 0) {
			i += html_text_at(&o, s + i, len - i);
			continue;
		}
		html_tag_name(s + i, n, name, sizeof name);
		if (s[i + 1] != '/' && (strcmp(name, "script") == 0 ||
		    strcmp(name, "style") == 0))
			i = html_skip_raw(s, i + n, len, name);
		else {
			html_tag(&o, &l, s + i, n, name);
			i += n;
		}
	}
	n = b->len;
	while (n > o.start && b->data[n - 1] == ' ')
		n--;
	buf_truncate(b, n);
	buf_free(&l.href);
	buf_free(&l.attr);
}
