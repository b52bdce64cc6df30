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

int
ui_put(int y, int x, const char *s, size_t len, int width, bool pad)
{
	struct buf	b = BUF_INIT;
	size_t		used;

	if (width <= 0)
		return 0;
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
