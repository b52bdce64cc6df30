/* SPDX-License-Identifier: MIT */
/*
 * Tests for text.c: decoding, widths, sanitising, fitting, wrapping, case
 * folding and edit distance.  Every case compares exact output bytes.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check_suites.h"
#include "text.h"

/* A string literal and its length, so cases may hold NUL bytes. */
#define S(x)	x, sizeof(x) - 1
#define NCASES(a)	((int)(sizeof(a) / sizeof((a)[0])))
#define RANDOM_RUNS	300	/* seeds for the random-input tests */

/* --- decode ----------------------------------------------------------- */

static const struct {
	const char	*in;
	size_t		 len;
	uint32_t	 cp;
	size_t		 used;
} decode_cases[] = {
	{ S(""), 0, 0 },
	{ S("A"), 0x41, 1 },
	{ S("\0"), 0, 1 },
	{ S("\x7f"), 0x7F, 1 },
	{ S("\xc3\xa9"), 0xE9, 2 },			/* é */
	{ S("\xdf\xbf"), 0x7FF, 2 },
	{ S("\xe0\xa0\x80"), 0x800, 3 },
	{ S("\xe6\xbc\xa2"), 0x6F22, 3 },		/* 漢 */
	{ S("\xed\x9f\xbf"), 0xD7FF, 3 },
	{ S("\xee\x80\x80"), 0xE000, 3 },
	{ S("\xef\xbf\xbd"), 0xFFFD, 3 },		/* a real U+FFFD */
	{ S("\xf0\x9f\x9a\x80"), 0x1F680, 4 },		/* 🚀 */
	{ S("\xf4\x8f\xbf\xbf"), 0x10FFFF, 4 },
	{ S("\xc3\xa9xyz"), 0xE9, 2 },			/* stops after one */
	/* overlong */
	{ S("\xc0\xaf"), 0xFFFD, 1 },
	{ S("\xc1\xbf"), 0xFFFD, 1 },
	{ S("\xe0\x80\xaf"), 0xFFFD, 1 },
	{ S("\xe0\x9f\xbf"), 0xFFFD, 1 },
	{ S("\xf0\x80\x80\xaf"), 0xFFFD, 1 },
	{ S("\xf0\x8f\xbf\xbf"), 0xFFFD, 1 },
	/* surrogates */
	{ S("\xed\xa0\x80"), 0xFFFD, 1 },
	{ S("\xed\xbf\xbf"), 0xFFFD, 1 },
	/* above U+10FFFF */
	{ S("\xf4\x90\x80\x80"), 0xFFFD, 1 },
	{ S("\xf5\x80\x80\x80"), 0xFFFD, 1 },
	{ S("\xf8\x88\x80\x80\x80"), 0xFFFD, 1 },
	/* truncated or broken sequences */
	{ S("\xc3"), 0xFFFD, 1 },
	{ S("\xe6\xbc"), 0xFFFD, 1 },
	{ S("\xf0\x9f\x9a"), 0xFFFD, 1 },
	{ S("\xc3" "A"), 0xFFFD, 1 },
	{ S("\xe6\xbc" "A"), 0xFFFD, 1 },
	{ S("\xf0\x9f\x9a" "A"), 0xFFFD, 1 },
	{ S("\x80"), 0xFFFD, 1 },
	{ S("\xbf"), 0xFFFD, 1 },
	{ S("\xfe"), 0xFFFD, 1 },
	{ S("\xff"), 0xFFFD, 1 },
};

START_TEST(test_decode)
{
	uint32_t	cp = 12345;
	size_t		used;

	used = text_decode(decode_cases[_i].in, decode_cases[_i].len, &cp);
	ck_assert_uint_eq(used, decode_cases[_i].used);
	if (decode_cases[_i].len > 0)
		ck_assert_uint_eq(cp, decode_cases[_i].cp);
}
END_TEST

/* Every scalar value survives encode + decode; surrogates encode U+FFFD. */
START_TEST(test_encode_round_trip)
{
	struct buf	b = BUF_INIT;
	uint32_t	cp, back, want;

	/* No ck_assert in the loop: each one is a write to Check's pipe. */
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		buf_reset(&b);
		text_encode(&b, cp);
		want = cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp;
		if (text_decode(b.data, b.len, &back) != b.len || back != want)
			ck_abort_msg("U+%04X decodes as U+%04X", (unsigned)cp,
			    (unsigned)back);
	}
	buf_free(&b);
}
END_TEST

/* --- width ------------------------------------------------------------- */

static const struct {
	uint32_t	cp;
	int		width;
} cp_width_cases[] = {
	{ 'A', 1 },
	{ 0xE9, 1 },		/* é */
	{ 0xAD, 1 },		/* soft hyphen: terminals draw it */
	{ 0x00, 0 },
	{ 0x1B, 0 },		/* ESC: controls are 0 */
	{ 0x7F, 0 },
	{ 0x9B, 0 },		/* CSI */
	{ 0x6F22, 2 },		/* 漢 */
	{ 0x5B57, 2 },		/* 字 */
	{ 0x3042, 2 },		/* あ */
	{ 0x30AB, 2 },		/* カ */
	{ 0xD55C, 2 },		/* 한 */
	{ 0x1100, 2 },		/* Hangul leading jamo */
	{ 0x1160, 0 },		/* Hangul medial vowel: combines */
	{ 0x11A8, 0 },		/* Hangul final consonant */
	{ 0xFF21, 2 },		/* fullwidth Ａ */
	{ 0x3000, 2 },		/* ideographic space */
	{ 0x20000, 2 },		/* CJK extension B */
	{ 0x2FFFD, 2 },		/* unassigned in plane 2: wide */
	{ 0x1F680, 2 },		/* 🚀 */
	{ 0x1F600, 2 },		/* 😀 */
	{ 0x1F300, 2 },		/* 🌀 */
	{ 0x1F9FF, 2 },		/* 🧿 */
	{ 0x1F321, 1 },		/* thermometer: text presentation */
	{ 0x1F1E6, 1 },		/* regional indicator: a flag pair is 2 */
	{ 0x0301, 0 },		/* combining acute */
	{ 0x0300, 0 },
	{ 0x036F, 0 },
	{ 0x1AB0, 0 },
	{ 0x1DC0, 0 },
	{ 0x20D0, 0 },
	{ 0xFE20, 0 },
	{ 0x0591, 0 },		/* Hebrew accent */
	{ 0x064B, 0 },		/* Arabic fathatan */
	{ 0x094D, 0 },		/* Devanagari virama */
	{ 0x0915, 1 },		/* Devanagari KA */
	{ 0x0E31, 0 },		/* Thai mai han-akat */
	{ 0x3099, 0 },		/* combining kana voiced mark: zero wins */
	{ 0x200B, 0 },		/* ZWSP */
	{ 0x200D, 0 },		/* ZWJ */
	{ 0x200F, 0 },
	{ 0x2060, 0 },
	{ 0x2064, 0 },
	{ 0xFEFF, 0 },
	{ 0xFE0F, 0 },		/* VS16 */
	{ 0xE0100, 0 },		/* VS17 */
	{ 0xE01EF, 0 },
	{ 0x2026, 1 },		/* … */
	{ 0x0416, 1 },		/* Ж */
	{ 0x03A3, 1 },		/* Σ */
	{ 0xFFFD, 1 },
	{ 0x10FFFF, 1 },
};

static const struct {
	const char	*in;
	size_t		 len;
	size_t		 width;
} width_cases[] = {
	{ S(""), 0 },
	{ S("abc"), 3 },
	{ S("\xe6\xbc\xa2\xe5\xad\x97"), 4 },			/* 漢字 */
	{ S("\xf0\x9f\x9a\x80"), 2 },				/* 🚀 */
	{ S("e\xcc\x81"), 1 },					/* e + U+0301 */
	{ S("\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4"), 6 },	/* 한국어 */
	{ S("\xef\xbc\xa1"), 2 },				/* Ａ */
	{ S("\xe6\x97\xa5\xe6\x9c\xac" "abc"), 7 },		/* 日本abc */
	{ S("tab\tnl\n"), 7 },					/* 1 each */
	/* the width of the sanitised form */
	{ S("\x1b[31m"), 6 },					/* ^[[31m */
	{ S("a\xe2\x80\x8d" "b"), 10 },				/* a<U+200D>b */
	{ S("\xff"), 1 },					/* U+FFFD */
	{ S("^[[31m"), 6 },					/* sanitised */
};

START_TEST(test_cp_width)
{
	ck_assert_int_eq(text_cp_width(cp_width_cases[_i].cp),
	    cp_width_cases[_i].width);
}
END_TEST

START_TEST(test_width)
{
	ck_assert_uint_eq(text_width(width_cases[_i].in, width_cases[_i].len),
	    width_cases[_i].width);
}
END_TEST

/* --- sanitize --------------------------------------------------------- */

#define KEEP_BOTH	(TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB)

static const struct {
	const char	*in;
	size_t		 len;
	unsigned	 flags;
	const char	*out;
} sanitize_cases[] = {
	{ S("plain text"), 0, "plain text" },
	{ S(""), 0, "" },
	{ S("\x1b[31mred\x1b[0m"), 0, "^[[31mred^[[0m" },
	{ S("bell\a"), 0, "bell^G" },
	{ S("a\0b"), 0, "a^@b" },
	{ S("del\x7f"), 0, "del^?" },
	{ S("cr\r\n"), KEEP_BOTH, "cr^M\n" },
	{ S("\x1f"), 0, "^_" },
	{ S("\xc2\x9b" "31m"), 0, "<U+009B>31m" },		/* C1 CSI */
	{ S("\xc2\x85"), 0, "<U+0085>" },			/* NEL */
	{ S("abc\xe2\x80\xae" "fed"), 0, "abc<U+202E>fed" },	/* RLO */
	{ S("\xe2\x80\x8f\xd8\x9c\xe2\x81\xa6\xe2\x81\xa9"), 0,
	    "<U+200F><U+061C><U+2066><U+2069>" },		/* bidi */
	{ S("zero\xe2\x80\x8bwidth"), 0, "zero<U+200B>width" },	/* ZWSP */
	{ S("\xe2\x80\x8d\xe2\x81\xa0\xe2\x81\xa4\xef\xbb\xbf"), 0,
	    "<U+200D><U+2060><U+2064><U+FEFF>" },
	{ S("line\xe2\x80\xa8para\xe2\x80\xa9"), 0,
	    "line<U+2028>para<U+2029>" },
	{ S("bad\xff\xfe" "bytes"), 0,
	    "bad\xef\xbf\xbd\xef\xbf\xbd" "bytes" },
	/* one U+FFFD per bad byte */
	{ S("\xe6\xbc"), 0, "\xef\xbf\xbd\xef\xbf\xbd" },
	{ S("\xed\xa0\x80"), 0,
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },		/* surrogate */
	{ S("\xc0\xaf"), 0, "\xef\xbf\xbd\xef\xbf\xbd" },	/* overlong */
	{ S("a\tb\nc"), 0, "a^Ib^Jc" },
	{ S("a\tb\nc"), TEXT_KEEP_TAB, "a\tb^Jc" },
	{ S("a\tb\nc"), TEXT_KEEP_NEWLINE, "a^Ib\nc" },
	{ S("a\tb\nc"), KEEP_BOTH, "a\tb\nc" },
	/* clean text is copied byte for byte */
	{ S("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
	    "\xe6\xbc\xa2\xe5\xad\x97 e\xcc\x81 \xf0\x9f\x9a\x80 "
	    "\xef\xbf\xbd \xc2\xa0\xc2\xad"), 0,
	    "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 "
	    "\xe6\xbc\xa2\xe5\xad\x97 e\xcc\x81 \xf0\x9f\x9a\x80 "
	    "\xef\xbf\xbd \xc2\xa0\xc2\xad" },
	{ S("\xe2\x81\xa5"), 0, "\xe2\x81\xa5" },		/* U+2065 */
};

START_TEST(test_sanitize)
{
	struct buf	 b = BUF_INIT;
	const char	*in = sanitize_cases[_i].in;
	const char	*out = sanitize_cases[_i].out;
	size_t		 len = sanitize_cases[_i].len;
	unsigned	 flags = sanitize_cases[_i].flags;
	bool		 same;

	buf_adds(&b, "[");
	text_sanitize(&b, in, len, flags);
	ck_assert_int_eq(b.data[0], '[');	/* appended */
	ck_assert_str_eq(b.data + 1, out);
	same = strlen(out) == len && memcmp(in, out, len) == 0;
	ck_assert_int_eq(text_is_clean(in, len, flags), same);
	buf_free(&b);
}
END_TEST

/*
 * Random strings built from troublesome pieces (fixed seeds, so a failure
 * repeats): the sanitised form is clean, sanitising it again changes
 * nothing, and it has the width text_width reports for the input.
 */
static const char *const random_pieces[] = {
	"a", "Z", " ", "  ", "\t", "\n", "\r", "\x1b", "\x7f", "", "\xc2\x9b",
	"\xc3\xa9", "e\xcc\x81", "\xcc\x81", "\xe6\xbc\xa2", "\xf0\x9f\x9a\x80",
	"\xe2\x80\xae", "\xe2\x80\x8b", "\xe2\x80\x8d", "\xef\xbb\xbf", "\xff",
	"\xe6\xbc", "\xed\xa0\x80", "\xc0\xaf", "\xf4\x90\x80\x80", "word",
	"\xd0\x96", "\xef\xbc\xa1",
};

static uint32_t
random_next(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

static void
random_text(struct buf *b, uint32_t seed)
{
	uint32_t	 state = seed * 2654435761u + 1;
	const char	*p;
	size_t		 n, k;

	buf_reset(b);
	n = random_next(&state) % 40;
	for (k = 0; k < n; k++) {
		if (random_next(&state) % 8 == 0) {
			buf_addc(b, (char)(random_next(&state) & 0xFF));
			continue;
		}
		p = random_pieces[random_next(&state) %
		    (sizeof random_pieces / sizeof random_pieces[0])];
		if (*p == '\0')	/* "" stands for a NUL byte */
			buf_addc(b, '\0');
		else
			buf_adds(b, p);
	}
}

/* No invalid byte, no control except a kept TAB or LF. */
static bool
is_shown_safely(const char *s, size_t len, unsigned flags)
{
	uint32_t	cp;
	size_t		i, n;

	for (i = 0; i < len; i += n) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1)
			return false;
		if (cp == '\t' && (flags & TEXT_KEEP_TAB))
			continue;
		if (cp == '\n' && (flags & TEXT_KEEP_NEWLINE))
			continue;
		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
			return false;
	}
	return true;
}

START_TEST(test_sanitize_random)
{
	struct buf	in = BUF_INIT, out = BUF_INIT, again = BUF_INIT;
	unsigned	flags;

	random_text(&in, (uint32_t)_i);
	for (flags = 0; flags <= (TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB); flags++) {
		buf_reset(&out);
		buf_reset(&again);
		text_sanitize(&out, in.data, in.len, flags);
		ck_assert(is_shown_safely(out.data, out.len, flags));
		ck_assert(text_is_clean(out.data, out.len, flags));
		text_sanitize(&again, out.data, out.len, flags);
		ck_assert_str_eq(buf_str(&again), buf_str(&out));
	}
	ck_assert_uint_eq(text_width(out.data, out.len),
	    text_width(in.data, in.len));
	buf_free(&in);
	buf_free(&out);
	buf_free(&again);
}
END_TEST

/* --- fit --------------------------------------------------------------- */

static const struct {
	const char	*in;
	size_t		 len;
	size_t		 width;
	bool		 pad;
	const char	*out;
	size_t		 used;
} fit_cases[] = {
	{ S("hello"), 5, false, "hello", 5 },			/* exact */
	{ S("hello"), 10, false, "hello", 5 },
	{ S("hello"), 10, true, "hello     ", 10 },
	{ S("hello world"), 8, false, "hello w\xe2\x80\xa6", 8 },
	{ S("hello world"), 8, true, "hello w\xe2\x80\xa6", 8 },
	{ S(""), 3, true, "   ", 3 },
	{ S(""), 3, false, "", 0 },
	/* width 0 and 1 */
	{ S("hello"), 0, false, "", 0 },
	{ S("hello"), 0, true, "", 0 },
	{ S("a"), 1, false, "a", 1 },
	{ S("ab"), 1, false, "\xe2\x80\xa6", 1 },
	{ S("\xe6\xbc\xa2"), 1, false, "\xe2\x80\xa6", 1 },	/* 漢 */
	{ S("\xe6\xbc\xa2"), 1, true, "\xe2\x80\xa6", 1 },
	/* wide characters at the edge */
	{ S("\xe6\xbc\xa2\xe5\xad\x97"), 4, false,
	    "\xe6\xbc\xa2\xe5\xad\x97", 4 },			/* 漢字 fits */
	{ S("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2"), 5, false,
	    "\xe6\xbc\xa2\xe5\xad\x97\xe2\x80\xa6", 5 },	/* 漢字… */
	{ S("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2"), 4, false,
	    "\xe6\xbc\xa2\xe2\x80\xa6", 3 },			/* 漢… */
	{ S("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2"), 4, true,
	    "\xe6\xbc\xa2\xe2\x80\xa6 ", 4 },			/* 漢…_ */
	{ S("a\xe6\xbc\xa2" "b"), 3, false, "a\xe2\x80\xa6", 2 },
	{ S("a\xe6\xbc\xa2" "b"), 3, true, "a\xe2\x80\xa6 ", 3 },
	{ S("ab\xe6\xbc\xa2"), 3, false, "ab\xe2\x80\xa6", 3 },
	/* combining marks stay with their base */
	{ S("e\xcc\x81"), 1, false, "e\xcc\x81", 1 },
	{ S("e\xcc\x81" "e\xcc\x81" "e\xcc\x81"), 3, false,
	    "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 3 },
	{ S("e\xcc\x81" "e\xcc\x81" "e\xcc\x81"), 2, false,
	    "e\xcc\x81\xe2\x80\xa6", 2 },			/* é… */
	{ S("ab" "e\xcc\x81\xcc\xa3" "cd"), 4, false,
	    "ab" "e\xcc\x81\xcc\xa3\xe2\x80\xa6", 4 },
	{ S("\xcc\x81" "abc"), 3, false, "abc", 3 },	/* no dangling */
	{ S("\xcc\x81" "abcd"), 3, false, "ab\xe2\x80\xa6", 3 },
	/* single line, sanitised, replacements never split */
	{ S("a\tb\nc"), 10, false, "a b c", 5 },
	{ S("\x1b[1m"), 3, false, "^[\xe2\x80\xa6", 3 },
	{ S("\x1b[1m"), 2, false, "\xe2\x80\xa6", 1 },
	{ S("x\xe2\x80\xae" "y"), 5, false, "x\xe2\x80\xa6", 2 },
	{ S("x\xe2\x80\xae" "y"), 10, false, "x<U+202E>y", 10 },
	{ S("\xff" "a"), 2, false, "\xef\xbf\xbd" "a", 2 },
};

START_TEST(test_fit)
{
	struct buf	b = BUF_INIT;
	size_t		used;

	buf_adds(&b, "|");
	used = text_fit(&b, fit_cases[_i].in, fit_cases[_i].len,
	    fit_cases[_i].width, fit_cases[_i].pad);
	ck_assert_str_eq(buf_str(&b) + 1, fit_cases[_i].out);
	ck_assert_uint_eq(used, fit_cases[_i].used);
	ck_assert_uint_eq(text_width(b.data + 1, b.len - 1), used);
	buf_free(&b);
}
END_TEST

/* Random input fitted to every width from 0 to 12, padded or not. */
START_TEST(test_fit_random)
{
	struct buf	 in = BUF_INIT, out = BUF_INIT;
	size_t		 width, used, total;
	bool		 pad;

	random_text(&in, (uint32_t)_i);
	total = text_width(in.data, in.len);
	for (width = 0; width <= 12; width++) {
		for (pad = false; ; pad = true) {
			buf_reset(&out);
			used = text_fit(&out, in.data, in.len, width, pad);
			ck_assert_uint_eq(text_width(out.data, out.len), used);
			ck_assert_uint_le(used, width);
			ck_assert(!pad || used == width);
			ck_assert(is_shown_safely(out.data, out.len, 0));
			ck_assert(width == 0 || (total > width) ==
			    (strstr(buf_str(&out), "\xe2\x80\xa6") != NULL));
			if (pad)
				break;
		}
	}
	buf_free(&in);
	buf_free(&out);
}
END_TEST

/* --- wrap -------------------------------------------------------------- */

static const struct {
	const char	*in;
	size_t		 len;
	size_t		 width;
	const char	*indent;
	const char	*out;
} wrap_cases[] = {
	{ S(""), 10, "", "" },
	{ S(""), 10, "  ", "" },
	{ S("the quick brown fox"), 10, "", "the quick\nbrown fox\n" },
	{ S("the quick brown fox"), 19, "", "the quick brown fox\n" },
	{ S("the quick brown fox"), 18, "", "the quick brown\nfox\n" },
	/* paragraphs */
	{ S("one two\n\nthree"), 20, "", "one two\n\nthree\n" },
	{ S("one\ntwo\n"), 20, "", "one\ntwo\n" },
	{ S("\n"), 20, "", "\n" },
	{ S("a b c d\ne f"), 3, "", "a b\nc d\ne f\n" },
	/* indent on every line, counted in the width */
	{ S("the quick brown fox jumps"), 12, "  ",
	    "  the quick\n  brown fox\n  jumps\n" },
	{ S("a\n\nb"), 10, "> ", "> a\n>\n> b\n" },
	{ S("ab"), 2, "    ", "    a\n    b\n" },
	{ S("x"), 10, NULL, "x\n" },
	/* long words break at character boundaries */
	{ S("abcdefghij"), 4, "", "abcd\nefgh\nij\n" },
	{ S("hi abcdefghij"), 5, "", "hi\nabcde\nfghij\n" },
	{ S("e\xcc\x81t\xc3\xa9" "e\xcc\x81"), 2, "",
	    "e\xcc\x81t\n\xc3\xa9" "e\xcc\x81\n" },		/* été+é */
	{ S("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"), 4, "",
	    "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\n\xd0\xb2\xd0\xb0\n" },
	/* CJK breaks between wide characters */
	{ S("\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2"
	    "\xe5\xad\x97"), 5, "",
	    "\xe6\xbc\xa2\xe5\xad\x97\n\xe6\xbc\xa2\xe5\xad\x97\n"
	    "\xe6\xbc\xa2\xe5\xad\x97\n" },
	{ S("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" "abc"), 7, "",
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\nabc\n" },	/* 日本語abc */
	{ S("ab\xe6\xbc\xa2\xe5\xad\x97"), 5, "",
	    "ab\xe6\xbc\xa2\n\xe5\xad\x97\n" },
	{ S("\xe6\xbc\xa2"), 1, "", "\xe6\xbc\xa2\n" },	/* cannot fit */
	/* spaces: trailing dropped, inner kept, collapse at breaks */
	{ S("hello   "), 10, "", "hello\n" },
	{ S("a   b"), 10, "", "a   b\n" },
	{ S("aaa   bbb"), 5, "", "aaa\nbbb\n" },
	{ S("   "), 10, "", "\n" },
	{ S("  - item"), 20, "", "  - item\n" },
	{ S("a\tb"), 10, "", "a b\n" },
	/* sanitised */
	{ S("a\x1b[0mb c"), 10, "", "a^[[0mb c\n" },
	{ S("a\xe2\x80\xae" "b"), 10, "", "a<U+202E>b\n" },
	{ S("a\xe2\x80\xae" "b"), 5, "", "a\n<U+202E>\nb\n" },	/* atomic */
	{ S("\xff"), 5, "", "\xef\xbf\xbd\n" },
};

START_TEST(test_wrap)
{
	struct buf	b = BUF_INIT;

	text_wrap(&b, wrap_cases[_i].in, wrap_cases[_i].len,
	    wrap_cases[_i].width, wrap_cases[_i].indent);
	ck_assert_str_eq(buf_str(&b), wrap_cases[_i].out);
	buf_free(&b);
}
END_TEST

/* Append s without its spaces, tabs and newlines. */
static void
strip_blanks(struct buf *b, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			buf_addc(b, s[i]);
	}
}

/*
 * Random input wrapped to 10 cells with a 2-cell indent: every line starts
 * with the indent, fits, has no trailing blank, and nothing but blanks is
 * lost or added.
 */
START_TEST(test_wrap_random)
{
	struct buf	 in = BUF_INIT, out = BUF_INIT, want = BUF_INIT;
	struct buf	 san = BUF_INIT, got = BUF_INIT;
	const char	*line, *nl;
	size_t		 n;

	random_text(&in, (uint32_t)_i);
	text_wrap(&out, in.data, in.len, 10, "| ");
	text_sanitize(&san, in.data, in.len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	strip_blanks(&want, san.data, san.len);
	for (line = buf_str(&out); *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		n = (size_t)(nl - line);
		ck_assert_uint_le(text_width(line, n), 10);
		ck_assert(n == 1 ? line[0] == '|' :
		    strncmp(line, "| ", 2) == 0);
		ck_assert(line[n - 1] != ' ');
		if (n > 2)
			strip_blanks(&got, line + 2, n - 2);
	}
	ck_assert_str_eq(buf_str(&got), buf_str(&want));
	buf_free(&in);
	buf_free(&out);
	buf_free(&want);
	buf_free(&san);
	buf_free(&got);
}
END_TEST

/* --- fold -------------------------------------------------------------- */

static const struct {
	const char	*in;
	size_t		 len;
	const char	*out;
	size_t		 outlen;
} fold_cases[] = {
	{ S(""), S("") },
	{ S("Hello WORLD 42!"), S("hello world 42!") },
	{ S("\xc3\x89" "COLE"), S("ecole") },			/* ÉCOLE */
	/* ÀÞ×ß: Þ lower-cased, × and ß stay */
	{ S("\xc3\x80\xc3\x9e\xc3\x97\xc3\x9f"),
	    S("a\xc3\xbe\xc3\x97\xc3\x9f") },
	{ S("\xc5\xb8"), S("y") },				/* Ÿ → y */
	{ S("M\xc3\xbcller"), S("muller") },			/* Müller */
	{ S("Zo\xc3\xab"), S("zoe") },				/* Zoë */
	{ S("Mu\xcc\x88ller"), S("muller") },		/* u + U+0308 */
	{ S("Nguy\xe1\xbb\x85n"), S("nguyen") },		/* Nguyễn */
	{ S("\xc5\x81\xc3\xb3" "d\xc5\xba"), S("lodz") },		/* Łódź */
	{ S("\xc7\xbe\xc3\x98"), S("oo") },			/* ǾØ */
	{ S("\xc3\x86\xc5\x92"), S("\xc3\xa6\xc5\x93") },	/* ÆŒ: æœ */
	{ S("\xc4\xb0stanbul"), S("istanbul") },		/* İ → i */
	{ S("\xc4\x80\xc5\x81\xc5\xb9\xc5\xbd"), S("alzz") },	/* ĀŁŹŽ */
	{ S("\xc7\x84\xc7\x85\xc7\x86"),
	    S("\xc7\x86\xc7\x86\xc7\x86") },			/* Ǆǅǆ */
	{ S("\xc8\xba"), S("\xe2\xb1\xa5") },			/* Ⱥ → ⱥ */
	{ S("\xce\xa3\xce\x91\xce\xa3"),
	    S("\xcf\x83\xce\xb1\xcf\x83") },			/* ΣΑΣ → σασ */
	{ S("\xcf\x82"), S("\xcf\x83") },			/* ς → σ */
	{ S("\xce\x86\xce\x8f"), S("\xce\xac\xcf\x8e") },	/* ΆΏ → άώ */
	/* МОСКВА */
	{ S("\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90"),
	    S("\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0") },
	/* Москва */
	{ S("\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0"),
	    S("\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0") },
	{ S("\xd0\x81\xd0\x8f"), S("\xd1\x91\xd1\x9f") },	/* ЁЏ → ёџ */
	{ S("\xd1\xa2\xd2\x90"), S("\xd1\xa3\xd2\x91") },	/* ѢҐ → ѣґ */
	{ S("\xe6\xbc\xa2 \xf0\x9f\x9a\x80"),
	    S("\xe6\xbc\xa2 \xf0\x9f\x9a\x80") },		/* unchanged */
	{ S("\xff" "A"), S("\xef\xbf\xbd" "a") },
	{ S("A\0B"), S("a\0b") },
};

START_TEST(test_fold)
{
	struct buf	b = BUF_INIT;
	size_t		n = fold_cases[_i].outlen;

	buf_adds(&b, "X");
	text_fold(&b, fold_cases[_i].in, fold_cases[_i].len);
	ck_assert_int_eq(b.data[0], 'X');	/* appended */
	ck_assert_uint_eq(b.len, n + 1);
	ck_assert_mem_eq(b.data + 1, fold_cases[_i].out, n);
	buf_free(&b);
}
END_TEST

/* Table invariants the search relies on, over every code point. */
START_TEST(test_fold_invariants)
{
	uint32_t	cp, f;

	for (cp = 0; cp <= 0x10FFFF; cp++) {
		f = text_fold_cp(cp);
		if (text_fold_cp(f) != f)
			ck_abort_msg("U+%04X: folding twice differs",
			    (unsigned)cp);
		if (f != cp && (f > 0x10FFFF || (f >= 0xD800 && f <= 0xDFFF)))
			ck_abort_msg("U+%04X folds to no scalar", (unsigned)cp);
		/* Only letters fold into ASCII, and only to letters. */
		if (cp >= 0x80 && f < 0x80 && !(f >= 'a' && f <= 'z'))
			ck_abort_msg("U+%04X folds to ASCII '%c'",
			    (unsigned)cp, (char)f);
		if (f != cp && cp < 0x80 && !(cp >= 'A' && cp <= 'Z'))
			ck_abort_msg("ASCII '%c' folds", (char)cp);
	}
}
END_TEST

/*
 * Every code point that folds to an ASCII letter is found by a search for
 * that letter (alone and with the next one), at each offset of an ASCII
 * hay: the candidate scans (8 and 16 bytes at a time) must not skip it.
 */
START_TEST(test_fold_found)
{
	static const char	 filler[] = "0123456789 0123456789 0123456789 ";
	struct buf		 hay = BUF_INIT;
	char			 needle[3];
	uint32_t		 cp, f;
	size_t			 off;

	for (cp = 0x80; cp < 0x10000; cp++) {
		if ((cp >= 0xD800 && cp <= 0xDFFF) ||
		    (f = text_fold_cp(cp)) >= 0x80)
			continue;
		for (off = 0; off < 20; off += 3) {
			buf_reset(&hay);
			buf_add(&hay, filler, off);
			text_encode(&hay, cp);
			buf_adds(&hay, "q");
			buf_adds(&hay, filler);
			needle[0] = (char)f;
			needle[1] = 'q';
			needle[2] = '\0';
			ck_assert_msg(text_contains_folded(hay.data, hay.len,
			    needle, 2), "U+%04X at %zu: '%s' not found",
			    (unsigned)cp, off, needle);
			ck_assert_msg(text_contains_folded(hay.data, hay.len,
			    needle, 1), "U+%04X at %zu: '%c' not found",
			    (unsigned)cp, off, needle[0]);
		}
		/* and as the second letter */
		buf_reset(&hay);
		buf_adds(&hay, filler);
		buf_adds(&hay, "Q");
		text_encode(&hay, cp);
		buf_adds(&hay, filler);
		needle[0] = 'q';
		needle[1] = (char)f;
		ck_assert_msg(text_contains_folded(hay.data, hay.len, needle,
		    2), "U+%04X second: 'q%c' not found", (unsigned)cp,
		    needle[1]);
	}
	buf_free(&hay);
}
END_TEST

static const struct {
	const char	*hay;
	const char	*needle;	/* folded by the test */
	bool		 found;
} contains_cases[] = {
	{ "The Kremlin said", "kremlin", true },
	{ "The KREMLIN said", "Kremlin", true },
	{ "kreml", "kremlin", false },
	{ "Starlink Ukraine", "link uk", true },
	{ "aaab", "aab", true },
	{ "abc", "", true },
	{ "", "a", false },
	{ "ab", "abc", false },
	{ "price: $100", "$100", true },
	{ "@Elon", "@elon", true },
	{ "@Elon", "@elm", false },
	{ "\xc4\xb0STANBUL", "istanbul", true },		/* İSTANBUL */
	{ "ISTANBUL", "istanbul", true },
	{ "x\xc4\xb0", "i", true },
	{ "\xc3\x89" "cole", "\xc3\x89" "COLE", true },		/* École */
	{ "\xc3\x89" "cole", "ecole", true },			/* no accents */
	{ "Hans M\xc3\xbcller", "muller", true },		/* Müller */
	{ "M\xc3\x9cLLER", "m\xc3\xbcller", true },
	{ "Mu\xcc\x88ller", "muller", true },			/* u + U+0308 */
	{ "Mu\xcc\x88ller", "M\xc3\xbcller", true },
	{ "Zo\xc3\xab Kravitz", "zoe k", true },		/* Zoë */
	{ "Zo\xc3\xab", "zoe ", false },
	{ "Nguy\xe1\xbb\x85n", "nguyen", true },		/* Nguyễn */
	{ "\xc5\x81\xc3\xb3" "d\xc5\xba", "lodz", true },		/* Łódź */
	{ "x\xc3\xa9x", "xex", true },
	{ "x\xc3\xa9x", "xax", false },
	{ "xxx\xc3\x89", "\xc3\xa9", true },
	{ "\xc3\xa9", "\xc3\xa9" "e", false },
	{ "\xc5\xb8" "es", "\xc3\xbf" "ES", true },		/* Ÿes */
	{ "\xce\x9f\xce\x94\xce\xa5\xce\xa3\xce\xa3\xce\x95\xce\xa5\xce\xa3",
	    "\xce\xbf\xce\xb4\xcf\x85\xcf\x83\xcf\x83\xce\xb5\xcf\x85\xcf\x82",
	    true },				/* ΟΔΥΣΣΕΥΣ has οδυσσευς */
	{ "\xce\x91\xce\x98\xce\x97\xce\x9d\xce\x91",
	    "\xce\xb8\xce\xb7\xce\xbd", true },		/* ΑΘΗΝΑ has θην */
	{ "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd \xd0\xb2 "
	    "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x95",
	    "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2",
	    true },				/* Путин в МОСКВЕ has москв */
	{ "\xd0\x9f\xd1\x83\xd1\x82\xd0\xb8\xd0\xbd",
	    "\xd0\x9f\xd0\xa3\xd0\xa2\xd0\x98\xd0\x9d", true },	/* ПУТИН */
	{ "\xd0\x81\xd0\xbb\xd0\xba\xd0\xb0",
	    "\xd1\x91\xd0\xbb", true },				/* Ёлка: ёл */
	{ "\xd0\x81\xd0\xbb\xd0\xba\xd0\xb0",
	    "\xd0\xb5\xd0\xbb", false },			/* ел */
	{ "\xc8\xba" "x", "\xe2\xb1\xa5" "X", true },		/* Ⱥx: ⱥx */
	{ "a\xff" "b", "\xff" "b", true },			/* U+FFFD */
	{ "\xe6\xbc\xa2\xe5\xad\x97", "\xe5\xad\x97", true },
	{ "\xe6\xbc\xa2\xe5\xad\x97", "\xe5\xad\x98", false },
};

START_TEST(test_contains)
{
	struct buf	 n = BUF_INIT;
	const char	*hay = contains_cases[_i].hay;
	const char	*needle = contains_cases[_i].needle;

	text_fold(&n, needle, strlen(needle));
	ck_assert_int_eq(text_contains_folded(hay, strlen(hay), buf_str(&n),
	    n.len), contains_cases[_i].found);
	buf_free(&n);
}
END_TEST

/* A word placed at every offset of a long hay: exercises the 8-byte scan. */
static const struct {
	const char	*word;		/* put in the hay */
	const char	*found;		/* needle, folded by the test */
	const char	*missing;	/* needle that is not there */
} contains_at_cases[] = {
	{ "KREMLIN", "kremlin", "kremlix" },
	{ "Kremlin", "KREMLIN", "kremlinx" },
	{ "\xc4\xb0stanbul", "istanbul", "istanbux" },	/* İstanbul */
	{ "ISTANBUL", "is", "isx" },
	{ "M\xc3\xbcller", "muller", "mullex" },		/* Müller */
	{ "\xc3\x89LYS\xc3\x89" "E", "elysee", "elyseex" },	/* ÉLYSÉE */
	{ "Zo\xc3\xab", "zoe", "zoex" },			/* Zoë */
	{ "\xc3\xa9t\xc3\xa9", "ete", "etf" },			/* été */
	{ "Ab", "ab", "ac" },
	{ "q", "q", "qq" },
	{ "$100", "$100", "$101" },
	/* МОСКВА has москва, not москвы */
	{ "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90",
	    "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
	    "\xd0\xbc\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd1\x8b" },
	{ "\xce\xa3\xce\x91\xce\xa3", "\xcf\x83\xce\xb1\xcf\x82",
	    "\xcf\x83\xce\xb1\xcf\x82\xcf\x82" },		/* ΣΑΣ */
};

START_TEST(test_contains_at)
{
	static const char	 filler[] =
	    "Lorem ipsum dolor sit amet, consectetur adipiscing elit ";
	struct buf		 hay = BUF_INIT, yes = BUF_INIT, no = BUF_INIT;
	const char		*word = contains_at_cases[_i].word;
	size_t			 off;

	text_fold(&yes, contains_at_cases[_i].found,
	    strlen(contains_at_cases[_i].found));
	text_fold(&no, contains_at_cases[_i].missing,
	    strlen(contains_at_cases[_i].missing));
	for (off = 0; off < 24; off++) {
		buf_reset(&hay);
		buf_add(&hay, filler, off);
		buf_adds(&hay, word);
		buf_adds(&hay, off % 2 ? filler + off : "");
		ck_assert_msg(text_contains_folded(hay.data, hay.len, yes.data,
		    yes.len), "not found at %zu in '%s'", off, hay.data);
		ck_assert_msg(!text_contains_folded(hay.data, hay.len, no.data,
		    no.len), "wrongly found at %zu in '%s'", off, hay.data);
	}
	buf_free(&hay);
	buf_free(&yes);
	buf_free(&no);
}
END_TEST

static const struct {
	const char	*a;
	const char	*b;
	bool		 equal;
} equal_cases[] = {
	{ "", "", true },
	{ "abc", "ABC", true },
	{ "abc", "abcd", false },
	{ "abcd", "abc", false },
	{ "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
	    "\xd0\x9c\xd0\x9e\xd0\xa1\xd0\x9a\xd0\x92\xd0\x90", true },
	{ "\xce\xa3\xce\x91\xce\xa3", "\xcf\x83\xce\xb1\xcf\x82", true },
	{ "\xc4\xb0", "i", true },
	{ "\xc3\xa9", "e", true },
	{ "M\xc3\xbcller", "Mu\xcc\x88LLER", true },
	{ "Mu\xcc\x88", "mu", true },
	{ "\xc3\xa9", "f", false },
	{ "\xc8\xba", "\xe2\xb1\xa5", true },
};

START_TEST(test_equal)
{
	const char	*a = equal_cases[_i].a, *b = equal_cases[_i].b;

	ck_assert_int_eq(text_equal_folded(a, strlen(a), b, strlen(b)),
	    equal_cases[_i].equal);
	ck_assert_int_eq(text_equal_folded(b, strlen(b), a, strlen(a)),
	    equal_cases[_i].equal);
}
END_TEST

/* --- distance ----------------------------------------------------------- */

static const struct {
	const char	*a;
	const char	*b;
	unsigned	 max;
	unsigned	 distance;
} distance_cases[] = {
	{ "kitten", "sitting", 5, 3 },
	{ "lat 2022", "late 2022", 3, 1 },
	{ "", "abc", 5, 3 },
	{ "abc", "", 5, 3 },
	{ "same", "same", 0, 0 },
	{ "abcdef", "uvwxyz", 2, 3 },		/* capped: max + 1 */
	{ "abc", "abcdefgh", 2, 3 },		/* lengths alone exceed */
	{ "abc", "xyz", UINT_MAX, 3 },
	{ "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0",
	    "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xb2\xd0\xba\xd0\xb0", 3, 2 },
	{ "\xe6\xbc\xa2\xe5\xad\x97", "\xe6\xbc\xa2\xe5\xad\x90", 2, 1 },
	{ "\xff", "\xef\xbf\xbd", 2, 0 },	/* both U+FFFD */
};

START_TEST(test_distance)
{
	ck_assert_uint_eq(text_distance(distance_cases[_i].a,
	    distance_cases[_i].b, distance_cases[_i].max),
	    distance_cases[_i].distance);
}
END_TEST

/* Strings longer than the stack buffer go through the heap. */
START_TEST(test_distance_long)
{
	char	a[301], b[301];

	memset(a, 'a', 300);
	memset(b, 'a', 300);
	a[300] = b[300] = '\0';
	b[150] = 'b';
	ck_assert_uint_eq(text_distance(a, b, 10), 1);
	b[299] = '\0';
	ck_assert_uint_eq(text_distance(a, b, 10), 2);
	memset(b, 'z', 299);
	ck_assert_uint_eq(text_distance(a, b, 10), 11);
}
END_TEST

/* Lines of "ab\ncd\n\nx" (no final newline): starts 0, 3, 6, 7. */
START_TEST(test_lines)
{
	const char	*b = "ab\ncd\n\nx";
	size_t		 len = strlen(b);

	ck_assert_uint_eq(text_line_start(b, 0), 0);
	ck_assert_uint_eq(text_line_start(b, 2), 0);	/* at the '\n' */
	ck_assert_uint_eq(text_line_start(b, 3), 3);	/* a line's start */
	ck_assert_uint_eq(text_line_start(b, 5), 3);
	ck_assert_uint_eq(text_line_start(b, 7), 7);
	ck_assert_uint_eq(text_line_start(b, len), 7);
	ck_assert_uint_eq(text_next_line(b, len, 0), 3);
	ck_assert_uint_eq(text_next_line(b, len, 3), 6);
	ck_assert_uint_eq(text_next_line(b, len, 6), 7);	/* blank */
	ck_assert_uint_eq(text_next_line(b, len, 7), len);	/* last */
	ck_assert_uint_eq(text_next_line(b, len, len), len);
}
END_TEST

static void
text_add_loop(Suite *s, const char *name, const TTest *test, int n)
{
	TCase	*tc = tcase_create(name);

	tcase_add_loop_test(tc, test, 0, n);
	suite_add_tcase(s, tc);
}

Suite *
text_suite(void)
{
	Suite	*s = suite_create("text");
	TCase	*tc;

	text_add_loop(s, "decode", test_decode, NCASES(decode_cases));
	tc = tcase_create("encode");
	tcase_add_test(tc, test_encode_round_trip);
	suite_add_tcase(s, tc);
	text_add_loop(s, "cp_width", test_cp_width, NCASES(cp_width_cases));
	text_add_loop(s, "width", test_width, NCASES(width_cases));
	text_add_loop(s, "sanitize", test_sanitize, NCASES(sanitize_cases));
	text_add_loop(s, "sanitize_random", test_sanitize_random, RANDOM_RUNS);
	text_add_loop(s, "fit", test_fit, NCASES(fit_cases));
	text_add_loop(s, "fit_random", test_fit_random, RANDOM_RUNS);
	text_add_loop(s, "wrap", test_wrap, NCASES(wrap_cases));
	text_add_loop(s, "wrap_random", test_wrap_random, RANDOM_RUNS);
	text_add_loop(s, "fold", test_fold, NCASES(fold_cases));
	tc = tcase_create("fold_invariants");
	tcase_add_test(tc, test_fold_invariants);
	tcase_add_test(tc, test_fold_found);
	suite_add_tcase(s, tc);
	text_add_loop(s, "contains", test_contains, NCASES(contains_cases));
	text_add_loop(s, "contains_at", test_contains_at,
	    NCASES(contains_at_cases));
	text_add_loop(s, "equal", test_equal, NCASES(equal_cases));
	text_add_loop(s, "distance", test_distance, NCASES(distance_cases));
	tc = tcase_create("distance_long");
	tcase_add_test(tc, test_distance_long);
	suite_add_tcase(s, tc);
	tc = tcase_create("lines");
	tcase_add_test(tc, test_lines);
	suite_add_tcase(s, tc);
	return s;
}
