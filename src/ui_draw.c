/* SPDX-License-Identifier: MIT */
/* Drawing helpers shared by the views; see ui.h. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "ui.h"

/* Monochrome: each colour's stand-in attribute. */
static const int ui_mono[UI_COLOR_COUNT] = {
	[UI_COLOR_HEADER] = A_REVERSE,
	[UI_COLOR_CONFIRMED] = A_BOLD,
	[UI_COLOR_ALLEGED] = A_UNDERLINE,
	[UI_COLOR_DISPUTED] = A_UNDERLINE,
	[UI_COLOR_DENIED] = A_DIM,
	[UI_COLOR_CURSOR] = A_BOLD,
	[UI_COLOR_MATCH] = A_UNDERLINE | A_BOLD,
	[UI_COLOR_ERROR] = A_BOLD,
	[UI_COLOR_TITLE] = A_BOLD,
};

int
ui_attr(const struct app *app, enum ui_color c)
{
	if (!app->color)
		return ui_mono[c];
	if (c == UI_COLOR_HEADER || c == UI_COLOR_TITLE)
		return (int)COLOR_PAIR(c) | A_BOLD;
	return (int)COLOR_PAIR(c);
}

int
ui_status_attr(const struct app *app, enum tl_status s)
{
	static const enum ui_color map[TL_STATUS_COUNT] = {
		[TL_STATUS_NONE] = UI_COLOR_NORMAL,
		[TL_STATUS_CONFIRMED] = UI_COLOR_CONFIRMED,
		[TL_STATUS_REPORTED] = UI_COLOR_REPORTED,
		[TL_STATUS_ALLEGED] = UI_COLOR_ALLEGED,
		[TL_STATUS_DISPUTED] = UI_COLOR_DISPUTED,
		[TL_STATUS_DENIED] = UI_COLOR_DENIED,
	};

	return ui_attr(app, map[(unsigned)s < TL_STATUS_COUNT ? s : 0]);
}

int
ui_file_attr(const struct app *app, uint32_t file)
{
	if (app->color && file < 26 && app->file_color[file])
		return (int)COLOR_PAIR(UI_COLOR_FILE_CONF + (int)file);
	return ui_attr(app, (enum ui_color)(UI_COLOR_FILE0 + file % 6));
}

/*
 * Set once, when the viewer starts (ui_draw_charset): the terminal's
 * character set is not UTF-8, so text beyond ASCII is drawn as "<U+XXXX>"
 * (raw UTF-8 bytes would show as garbage such as "~@~T").
 */
static bool	ui_draw_ascii;

void
ui_draw_charset(bool utf8)
{
	ui_draw_ascii = !utf8;
}

/*
 * The viewer's own separators, U+00B7 and U+2013 (" · ", " – "), are
 * drawn as '-', and the "…" of a cut text as '~', rather than as
 * placeholders.
 */
static void
ui_ascii_marks(struct buf *b)
{
	static const struct {
		const char	*utf8;
		char		 ascii;
	} marks[] = {
		{ "\xc2\xb7", '-' }, { "\xe2\x80\x93", '-' },
		{ "\xe2\x80\xa6", '~' },
	};
	size_t	i, k, n, to;

	for (k = 0; k < sizeof marks / sizeof marks[0]; k++) {
		n = strlen(marks[k].utf8);
		for (i = to = 0; i < b->len; ) {
			if (i + n <= b->len &&
			    memcmp(b->data + i, marks[k].utf8, n) == 0) {
				b->data[to++] = marks[k].ascii;
				i += n;
			} else
				b->data[to++] = b->data[i++];
		}
		buf_truncate(b, to);
	}
}

/* The text as ui_put draws it without UTF-8: sanitised, ASCII. */
static void
ui_ascii_text(struct buf *out, const char *s, size_t len)
{
	struct buf	clean = BUF_INIT;
	size_t		i, at = out->len;

	text_sanitize(&clean, s, len, TEXT_KEEP_NEWLINE | TEXT_KEEP_TAB);
	ui_ascii_marks(&clean);
	text_to_ascii(out, buf_str(&clean), clean.len);
	for (i = at; i < out->len; i++)
		if (out->data[i] == '\n' || out->data[i] == '\t')
			out->data[i] = ' ';
	buf_free(&clean);
}

void
ui_screen_text(struct buf *out, const char *s, size_t len)
{
	if (ui_draw_ascii)
		ui_ascii_text(out, s, len);
	else
		buf_add(out, s, len);
}

/* ui_put for a terminal without UTF-8: placeholders, '~' where cut. */
static int
ui_put_ascii(int y, int x, const char *s, size_t len, int width, bool pad)
{
	struct buf	b = BUF_INIT;
	size_t		n;

	ui_ascii_text(&b, s, len);
	n = b.len;
	if (n > (size_t)width) {
		n = (size_t)width;
		b.data[n - 1] = '~';
	}
	if (n > 0)
		mvaddnstr(y, x, b.data, (int)n);
	if (pad && n < (size_t)width)
		mvhline(y, x + (int)n, ' ', width - (int)n);
	buf_free(&b);
	return pad ? width : (int)n;
}

int
ui_put(int y, int x, const char *s, size_t len, int width, bool pad)
{
	struct buf	b = BUF_INIT;
	size_t		used;

	if (width <= 0)
		return 0;
	if (ui_draw_ascii)
		return ui_put_ascii(y, x, s, len, width, pad);
	used = text_fit(&b, s, len, (size_t)width, pad);
	if (b.len > 0)
		mvaddnstr(y, x, b.data, (int)b.len);
	buf_free(&b);
	return (int)used;
}

void
ui_blank(int y, int x, int width)
{
	if (width > 0)
		mvhline(y, x, ' ', width);
}
