/* SPDX-License-Identifier: MIT */
/*
 * A one-line editor with history, for the viewer's prompts.  Keys are
 * tlv's key codes (action.h); no curses.  Editing keys are those of
 * readline and less: Left/Right, Home/C-a, End/C-e, Backspace, Delete/C-d,
 * C-u (kill to start), C-k (kill to end), C-w (kill word), Up/Down
 * (history), Enter (accept), Esc/C-g (cancel), and Tab, which completes
 * the word before the cursor from a list the caller gives
 * (lineedit_set_words): to the longest beginning the words that fit share,
 * and with a blank after it when only one fits.  A word starts after a
 * blank or a ',' (@a,@b in a query); a leading '-' of the word (a negated
 * query term) is kept out of the match.
 */
#ifndef TLV_LINEEDIT_H
#define TLV_LINEEDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define LINEEDIT_HISTORY_MAX	100

enum lineedit_result {
	LINEEDIT_NONE,		/* key ignored or only the cursor moved */
	LINEEDIT_CHANGED,	/* the text changed */
	LINEEDIT_ACCEPT,	/* Enter */
	LINEEDIT_CANCEL		/* Esc */
};

struct lineedit {
	struct buf	 text;
	size_t		 cursor;	/* byte offset, on a character start */
	char		**history;	/* oldest first */
	size_t		 nhistory;
	size_t		 hpos;		/* == nhistory: not browsing */
	char		*draft;		/* the text before browsing history */
	const char *const *words;	/* Tab completes to these (borrowed;
					   NULL: Tab does nothing) */
	size_t		 nwords;
};

/* Start editing with initial text (may be NULL), cursor at the end. */
void	 lineedit_start(struct lineedit *, const char *initial);
enum lineedit_result lineedit_key(struct lineedit *, int32_t key);
/* Remember an accepted line (not blank, not a repeat of the last). */
void	 lineedit_remember(struct lineedit *, const char *);
const char *lineedit_text(const struct lineedit *);
/* The words Tab completes to (borrowed: they must outlive le's use). */
void	 lineedit_set_words(struct lineedit *, const char *const *words,
	    size_t n);
void	 lineedit_free(struct lineedit *);

#endif
