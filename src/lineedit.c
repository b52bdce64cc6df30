/* SPDX-License-Identifier: MIT */
/* The prompts' line editor; see lineedit.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "lineedit.h"
#include "text.h"
#include "xmalloc.h"

static void
lineedit_set(struct lineedit *le, const char *s)
{
	buf_reset(&le->text);
	buf_adds(&le->text, s != NULL ? s : "");
	le->cursor = le->text.len;
}

void
lineedit_start(struct lineedit *le, const char *initial)
{
	lineedit_set(le, initial);
	le->hpos = le->nhistory;
	free(le->draft);
	le->draft = NULL;
}

const char *
lineedit_text(const struct lineedit *le)
{
	return buf_str(&le->text);
}

static bool
lineedit_is_cont(const struct lineedit *le, size_t i)
{
	return i < le->text.len && (le->text.data[i] & 0xC0) == 0x80;
}

static size_t
lineedit_prev(const struct lineedit *le, size_t i)
{
	if (i == 0)
		return 0;
	for (i--; i > 0 && lineedit_is_cont(le, i); i--)
		continue;
	return i;
}

static size_t
lineedit_next(const struct lineedit *le, size_t i)
{
	if (i >= le->text.len)
		return le->text.len;
	for (i++; lineedit_is_cont(le, i); i++)
		continue;
	return i;
}

/* Remove bytes [from, to). */
static void
lineedit_cut(struct lineedit *le, size_t from, size_t to)
{
	char	*d = le->text.data;

	if (from >= to)
		return;
	memmove(d + from, d + to, le->text.len - to + 1);
	le->text.len -= to - from;
	le->cursor = from;
}

static void
lineedit_insert(struct lineedit *le, int32_t key)
{
	struct buf	enc = BUF_INIT;
	size_t		n;

	text_encode(&enc, (uint32_t)key);
	n = enc.len;
	buf_reserve(&le->text, n);
	memmove(le->text.data + le->cursor + n, le->text.data + le->cursor,
	    le->text.len - le->cursor + 1);
	memcpy(le->text.data + le->cursor, enc.data, n);
	le->text.len += n;
	le->cursor += n;
	buf_free(&enc);
}

/* Start of the word before the cursor (C-w). */
static size_t
lineedit_word_start(const struct lineedit *le)
{
	size_t	i = le->cursor;

	while (i > 0 && le->text.data[i - 1] == ' ')
		i--;
	while (i > 0 && le->text.data[i - 1] != ' ')
		i--;
	return i;
}

static enum lineedit_result
lineedit_history(struct lineedit *le, int dir)
{
	if (dir < 0 && le->hpos == 0)
		return LINEEDIT_NONE;
	if (dir > 0 && le->hpos >= le->nhistory)
		return LINEEDIT_NONE;
	if (le->hpos == le->nhistory) {
		free(le->draft);
		le->draft = xstrdup(lineedit_text(le));
	}
	le->hpos = dir < 0 ? le->hpos - 1 : le->hpos + 1;
	lineedit_set(le, le->hpos < le->nhistory ? le->history[le->hpos] :
	    le->draft);
	return LINEEDIT_CHANGED;
}

static enum lineedit_result
lineedit_edit(struct lineedit *le, int32_t key)
{
	size_t	old_len = le->text.len;

	switch (key) {
	case KEYC_BACKSPACE:
	case 0x7f:
	case KEYC_CTRL('h'):
		lineedit_cut(le, lineedit_prev(le, le->cursor), le->cursor);
		break;
	case KEYC_DELETE:
	case KEYC_CTRL('d'):
		lineedit_cut(le, le->cursor, lineedit_next(le, le->cursor));
		break;
	case KEYC_CTRL('u'):
		lineedit_cut(le, 0, le->cursor);
		break;
	case KEYC_CTRL('k'):
		lineedit_cut(le, le->cursor, le->text.len);
		break;
	case KEYC_CTRL('w'):
		lineedit_cut(le, lineedit_word_start(le), le->cursor);
		break;
	default:
		if (key < 0x20 || key >= KEYC_BASE || (key >= 0x7f && key < 0xa0))
			return LINEEDIT_NONE;
		lineedit_insert(le, key);
		return LINEEDIT_CHANGED;
	}
	return le->text.len != old_len ? LINEEDIT_CHANGED : LINEEDIT_NONE;
}

void
lineedit_set_words(struct lineedit *le, const char *const *words, size_t n)
{
	le->words = words;
	le->nwords = n;
}

/* Insert s[0..len) at the cursor. */
static void
lineedit_insert_text(struct lineedit *le, const char *s, size_t len)
{
	buf_reserve(&le->text, len);
	memmove(le->text.data + le->cursor + len, le->text.data + le->cursor,
	    le->text.len - le->cursor + 1);
	memcpy(le->text.data + le->cursor, s, len);
	le->text.len += len;
	le->cursor += len;
}

/* Tab: complete the word before the cursor (see lineedit.h). */
static enum lineedit_result
lineedit_complete(struct lineedit *le)
{
	const char	*text = buf_str(&le->text), *first = NULL;
	size_t		 start = le->cursor, plen, common = 0, nfit = 0, i, k;

	/* After a ',' too: @a,@b is either saved filter. */
	while (start > 0 && text[start - 1] != ' ' && text[start - 1] != '\t' &&
	    text[start - 1] != ',')
		start--;
	start += text[start] == '-' && start < le->cursor;
	plen = le->cursor - start;
	if (plen == 0)
		return LINEEDIT_NONE;
	for (i = 0; i < le->nwords; i++) {
		if (strncmp(le->words[i], text + start, plen) != 0)
			continue;
		if (nfit++ == 0) {
			first = le->words[i];
			common = strlen(first);
			continue;
		}
		for (k = plen; k < common && le->words[i][k] == first[k]; k++)
			continue;
		common = k;
	}
	if (nfit == 0 || (common == plen && nfit > 1))
		return LINEEDIT_NONE;
	lineedit_insert_text(le, first + plen, common - plen);
	if (nfit == 1 && le->text.data[le->cursor] != ' ')
		lineedit_insert_text(le, " ", 1);
	return common > plen || nfit == 1 ? LINEEDIT_CHANGED : LINEEDIT_NONE;
}

enum lineedit_result
lineedit_key(struct lineedit *le, int32_t key)
{
	switch (key) {
	case KEYC_TAB:
		return lineedit_complete(le);
	case KEYC_ENTER:
	case '\r':
		return LINEEDIT_ACCEPT;
	case KEYC_ESC:
	case KEYC_CTRL('g'):
		return LINEEDIT_CANCEL;
	case KEYC_LEFT:
	case KEYC_CTRL('b'):
		le->cursor = lineedit_prev(le, le->cursor);
		return LINEEDIT_NONE;
	case KEYC_RIGHT:
	case KEYC_CTRL('f'):
		le->cursor = lineedit_next(le, le->cursor);
		return LINEEDIT_NONE;
	case KEYC_HOME:
	case KEYC_CTRL('a'):
		le->cursor = 0;
		return LINEEDIT_NONE;
	case KEYC_END:
	case KEYC_CTRL('e'):
		le->cursor = le->text.len;
		return LINEEDIT_NONE;
	case KEYC_UP:
		return lineedit_history(le, -1);
	case KEYC_DOWN:
		return lineedit_history(le, 1);
	default:
		return lineedit_edit(le, key);
	}
}

void
lineedit_remember(struct lineedit *le, const char *s)
{
	const char	*p;

	for (p = s; *p == ' '; p++)
		continue;
	if (*p == '\0' || (le->nhistory > 0 &&
	    strcmp(le->history[le->nhistory - 1], s) == 0))
		return;
	if (le->nhistory == LINEEDIT_HISTORY_MAX) {
		free(le->history[0]);
		memmove(le->history, le->history + 1,
		    (le->nhistory - 1) * sizeof *le->history);
		le->nhistory--;
	}
	le->history = xreallocarray(le->history, le->nhistory + 1,
	    sizeof *le->history);
	le->history[le->nhistory++] = xstrdup(s);
	le->hpos = le->nhistory;
}

void
lineedit_free(struct lineedit *le)
{
	size_t	i;

	for (i = 0; i < le->nhistory; i++)
		free(le->history[i]);
	free(le->history);
	free(le->draft);
	buf_free(&le->text);
	memset(le, 0, sizeof *le);
}
