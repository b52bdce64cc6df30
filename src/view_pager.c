/* SPDX-License-Identifier: MIT */
/*
 * Two read-only pages: the help (made from the action table and the key
 * map, so it always tells the truth) and the diagnostics of the loaded
 * files.  Both scroll like less; q or Esc goes back to the list.  In the
 * problems j/k select one, and Enter opens the editor at its line.
 */
#include "config.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "ui.h"
#include "xmalloc.h"

/* Each page's own state (the help's and the problems'). */
struct vp_state {
	size_t	top;		/* first line shown */
	size_t	cursor;		/* the problem selected */
};

/* The state of the page shown (the help or the problems). */
static struct vp_state *
vp_of(const struct app *app)
{
	return ui_view_private(app, app->view_id);
}

/* Draw the lines of text (each ending in '\n') under a title row; line
 * sel (or none: SIZE_MAX) highlighted. */
static void
vp_draw_text(struct app *app, const char *title, const struct buf *text,
    size_t sel)
{
	struct vp_state	*vp = vp_of(app);
	const char	*p, *nl;
	size_t		 line = 0, nlines = 0;
	int		 y = 0;

	for (p = buf_str(text); *p != '\0'; p++)
		nlines += *p == '\n';
	if (vp->top + 1 > nlines)
		vp->top = nlines > 0 ? nlines - 1 : 0;
	attrset(ui_attr(app, UI_COLOR_HEADER));
	ui_put(0, 0, title, strlen(title), app->cols, true);
	attrset(A_NORMAL);
	for (p = buf_str(text); (nl = strchr(p, '\n')) != NULL;
	    p = nl + 1, line++) {
		if (line < vp->top)
			continue;
		if (++y >= app->rows - 1)
			break;
		if (line == sel)
			attrset(A_REVERSE);
		ui_put(y, 0, p, (size_t)(nl - p), app->cols, line == sel);
		attrset(A_NORMAL);
	}
}

/* The pages scroll; q, ? and E go back to the list (the loop's). */
static enum ui_reaction
vp_action(struct app *app, enum action a)
{
	size_t	page = app->rows > 3 ? (size_t)app->rows - 3 : 1;

	return ui_scroll(&vp_of(app)->top, page, a, true) ? UI_REDRAW :
	    UI_PASS;
}

/* Opened: from the top. */
static void
vp_enter(struct app *app)
{
	vp_of(app)->top = 0;
}

/* "  keys      help" for every action, in table order. */
static void
vp_help_text(const struct app *app, struct buf *b)
{
	struct buf	keys = BUF_INIT;
	int		a;

	buf_adds(b, "\n");
	for (a = 1; a < ACTION_COUNT; a++) {
		buf_reset(&keys);
		keymap_describe(&app->keys, (enum action)a, &keys);
		if (keys.len == 0)
			continue;
		buf_printf(b, "  %-20s %s\n", keys.data,
		    action_info((enum action)a)->help);
	}
	buf_adds(b, "\n  Prompts: Left/Right, Home/End, Backspace, C-u, C-w, "
	    "Up/Down for history,\n  Enter to accept, Esc to cancel.  The "
	    "mouse wheel scrolls; a click selects.\n");
	buf_adds(b, "\n  Filter queries: tag:T actor:A status:S,S from:DATE "
	    "to:DATE file:F id:I\n  has:notes has:sources asof:DATE, bare "
	    "words and \"phrases\"; -term negates.\n  Contested claims: "
	    "source:TEXT sources:N (independent) rel:contradicts;\n  with "
	    "asof: the list shows the verdict as of then; !: it changed.\n");
	buf_free(&keys);
}

static void
vp_help_draw(struct app *app)
{
	struct buf	b = BUF_INIT;

	vp_help_text(app, &b);
	vp_draw_text(app, " tlv help · q: back to the list", &b, SIZE_MAX);
	buf_free(&b);
}

/* The problems: the configuration's, then the files' in the order tlv
 * check prints them (diag_order: by file, line and column, each with its
 * notes).  app->diags stays in the order it was found in, which a save
 * in place relies on (apply.c). */
static size_t
vp_diag_count(const struct app *app)
{
	return app->conf_diags.n + app->diags.n;
}

/* The files' problems in tlv check's order: indexes into app->diags
 * (malloc'd; free it). */
static size_t *
vp_diag_order(const struct app *app)
{
	char	**paths = xcalloc(app->tl.nfiles + 1, sizeof *paths);
	size_t	 *order = xcalloc(app->diags.n + 1, sizeof *order);
	size_t	  i;

	for (i = 0; i < app->tl.nfiles; i++)
		paths[i] = app->tl.files[i].path;
	diag_order(&app->diags, paths, app->tl.nfiles, order);
	free(paths);
	return order;
}

static const struct diag *
vp_diag_at(const struct app *app, const size_t *order, size_t i)
{
	return i < app->conf_diags.n ? &app->conf_diags.v[i] :
	    &app->diags.v[order[i - app->conf_diags.n]];
}

static void
vp_diag_draw(struct app *app)
{
	struct vp_state	*vp = vp_of(app);
	struct buf	b = BUF_INIT;
	size_t		i, n = vp_diag_count(app);
	size_t		h = app->rows > 3 ? (size_t)app->rows - 2 : 1;
	size_t		*order = vp_diag_order(app);

	buf_adds(&b, "\n");
	for (i = 0; i < n; i++)
		diag_format(vp_diag_at(app, order, i), &b);
	free(order);
	if (n == 0)
		buf_adds(&b, "No problems found in the files.\n");
	buf_printf(&b, "\n%zu error%s, %zu warning%s\n",
	    app->diags.errors + app->conf_diags.errors,
	    app->diags.errors + app->conf_diags.errors == 1 ? "" : "s",
	    app->diags.warnings, app->diags.warnings == 1 ? "" : "s");
	/* The selected problem (line 1 + cursor) stays in sight. */
	if (vp->cursor >= n)
		vp->cursor = n > 0 ? n - 1 : 0;
	if (n > 0 && 1 + vp->cursor < vp->top)
		vp->top = 1 + vp->cursor;
	if (n > 0 && 1 + vp->cursor >= vp->top + h)
		vp->top = 2 + vp->cursor - h;
	vp_draw_text(app, n > 0 ? " Problems in the files · Enter: open in "
	    "the editor · q: back to the list" :
	    " Problems in the files · q: back to the list", &b,
	    n > 0 ? 1 + vp->cursor : SIZE_MAX);
	buf_free(&b);
}

/* j/k and the pages move the selection; Enter (or e) opens the editor
 * at the selected problem's line. */
static enum ui_reaction
vp_diag_action(struct app *app, enum action a)
{
	size_t			 n = vp_diag_count(app);
	size_t			 page = app->rows > 3 ? (size_t)app->rows - 3 : 1;
	struct vp_state		*vp = vp_of(app);
	size_t			*c = &vp->cursor, *order;
	const struct diag	*d;

	if (n == 0)
		return vp_action(app, a);
	switch (a) {
	case ACTION_MOVE_DOWN:
		*c += *c + 1 < n;
		break;
	case ACTION_MOVE_UP:
		*c -= *c > 0;
		break;
	case ACTION_PAGE_DOWN:
		*c = *c + page < n ? *c + page : n - 1;
		break;
	case ACTION_PAGE_UP:
		*c = *c > page ? *c - page : 0;
		break;
	case ACTION_MOVE_FIRST:
		*c = 0;
		vp->top = 0;
		break;
	case ACTION_MOVE_LAST:
		*c = n - 1;
		break;
	case ACTION_DETAIL:
	case ACTION_EDIT:
		order = vp_diag_order(app);
		d = vp_diag_at(app, order, *c < n ? *c : n - 1);
		free(order);
		if (d->file == NULL) {
			ui_message(app, true, "this problem is not in a file");
			return UI_REDRAW;
		}
		ui_edit_problem(app, d->file, d->line);
		return UI_RELAYOUT;
	default:
		return vp_action(app, a);
	}
	return UI_REDRAW;
}

static void
vp_help_hint(struct app *app, struct buf *b)
{
	(void)app;
	buf_adds(b, "q back to the list  j/k scroll  Space/b page");
}

static void
vp_diag_hint(struct app *app, struct buf *b)
{
	(void)app;
	buf_adds(b, "j/k choose  Enter opens it in the editor  q back to the "
	    "list");
}

const struct view_ops view_help_ops = {
	.name = "help",
	.private_size = sizeof(struct vp_state),
	.enter = vp_enter,
	.draw = vp_help_draw,
	.action = vp_action,
	.hint = vp_help_hint,
};

const struct view_ops view_diag_ops = {
	.name = "diagnostics",
	.private_size = sizeof(struct vp_state),
	.enter = vp_enter,
	.draw = vp_diag_draw,
	.action = vp_diag_action,
	.hint = vp_diag_hint,
};
