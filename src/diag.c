/* SPDX-License-Identifier: MIT */
/* Diagnostics list; see diag.h. */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "text.h"
#include "xmalloc.h"

static const char *const diag_names[] = {
	[DIAG_ERROR] = "error",
	[DIAG_WARNING] = "warning",
	[DIAG_NOTE] = "note",
};

void
diag_add(struct diag_list *l, enum diag_severity sev, const char *file,
    unsigned line, unsigned col, const char *fmt, ...)
{
	struct diag	*d;
	va_list		 ap;

	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 16 : l->cap * 2;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	d = &l->v[l->n++];
	d->severity = sev;
	d->file = file != NULL ? xstrdup(file) : NULL;
	d->line = line;
	d->col = col;
	va_start(ap, fmt);
	d->msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (sev == DIAG_ERROR)
		l->errors++;
	else if (sev == DIAG_WARNING)
		l->warnings++;
}

void
diag_format(const struct diag *d, struct buf *out)
{
	struct buf	b = BUF_INIT;

	if (d->file != NULL) {
		buf_adds(&b, d->file);
		if (d->line != 0) {
			buf_printf(&b, ":%u", d->line);
			if (d->col != 0)
				buf_printf(&b, ":%u", d->col);
		}
		buf_adds(&b, ": ");
	}
	buf_printf(&b, "%s: %s", diag_names[d->severity], d->msg);
	text_sanitize(out, b.data, b.len, 0);
	buf_addc(out, '\n');
	buf_free(&b);
}

void
diag_print(const struct diag_list *l, FILE *fp, enum diag_severity max)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;
	bool		 shown = false;

	for (i = 0; i < l->n; i++) {
		const struct diag *d = &l->v[i];

		if (d->severity != DIAG_NOTE)
			shown = d->severity <= max;
		if (!shown)
			continue;
		buf_reset(&b);
		diag_format(d, &b);
		fwrite(b.data, 1, b.len, fp);
	}
	buf_free(&b);
}

/* A diagnostic and its notes: diag_sort's unit. */
struct diag_group {
	size_t		file;		/* rank of its file */
	unsigned	line, col;
	size_t		first, n;	/* its diagnostics in the list */
};

static int
diag_group_cmp(const void *a, const void *b)
{
	const struct diag_group	*x = a, *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

static size_t
diag_file_rank(const char *file, char *const *paths, size_t npaths)
{
	size_t	i;

	for (i = 0; file != NULL && i < npaths; i++)
		if (strcmp(paths[i], file) == 0)
			return i;
	return npaths;
}

void
diag_order(const struct diag_list *l, char *const *paths, size_t npaths,
    size_t *order)
{
	struct diag_group	*g;
	size_t			 i, j, k, ng = 0;

	if (l->n < 2) {
		for (i = 0; i < l->n; i++)
			order[i] = i;
		return;
	}
	g = xreallocarray(NULL, l->n, sizeof *g);
	for (i = 0; i < l->n; i++) {
		if (l->v[i].severity == DIAG_NOTE && ng > 0) {
			g[ng - 1].n++;
			continue;
		}
		g[ng].file = diag_file_rank(l->v[i].file, paths, npaths);
		g[ng].line = l->v[i].line;
		g[ng].col = l->v[i].col;
		g[ng].first = i;
		g[ng++].n = 1;
	}
	qsort(g, ng, sizeof *g, diag_group_cmp);
	for (i = 0, k = 0; i < ng; i++)
		for (j = 0; j < g[i].n; j++)
			order[k++] = g[i].first + j;
	free(g);
}

void
diag_sort(struct diag_list *l, char *const *paths, size_t npaths)
{
	struct diag	*v;
	size_t		*order, i;

	if (l->n < 2)
		return;
	order = xreallocarray(NULL, l->n, sizeof *order);
	diag_order(l, paths, npaths, order);
	v = xreallocarray(NULL, l->cap, sizeof *v);
	for (i = 0; i < l->n; i++)
		v[i] = l->v[order[i]];
	free(l->v);
	l->v = v;
	free(order);
}

size_t
diag_truncate(struct diag_list *l, size_t n)
{
	size_t	errors = 0;

	while (l->n > n) {
		struct diag *d = &l->v[--l->n];

		if (d->severity == DIAG_ERROR) {
			l->errors--;
			errors++;
		} else if (d->severity == DIAG_WARNING)
			l->warnings--;
		free(d->file);
		free(d->msg);
	}
	return errors;
}

void
diag_free(struct diag_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].file);
		free(l->v[i].msg);
	}
	free(l->v);
	memset(l, 0, sizeof *l);
}
