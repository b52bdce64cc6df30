/* SPDX-License-Identifier: MIT */
/*
 * Three-way merge by event id; see merge.h.
 *
 * The three versions are loaded as timelines (in load order, which is file
 * order).  The merge is a list of splices on ours' bytes, applied at the
 * end in order; splices never overlap (if they would, the merge fails
 * rather than guess).  A field's text is "relative": from its key to the
 * line where the next key starts, its later lines without the key's
 * indentation, so that the same field compares equal in files indented
 * differently and can be written back at ours' indentation.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "edit.h"
#include "idindex.h"
#include "load.h"
#include "merge.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlio.h"

enum { MB, MO, MT };	/* base, ours, theirs */

struct merge_side {
	const char	*label;
	const char	*buf;
	size_t		 len;
	struct timeline	 tl;
	char		**keys;		/* per event: id, or "\1" + its text */
	struct idindex	 ix;		/* of the keys */
};

struct merge_splice {
	size_t	 start;
	size_t	 end;
	size_t	 seq;
	char	*text;
	size_t	 len;
};

struct merge {
	struct merge_side	 s[3];
	struct merge_splice	*v;
	size_t			 n;
	size_t			 cap;
	size_t			 conflicts;
	const char		*eol;
	const char		*path;
	struct diag_list	*diags;
	bool			 failed;
};

/* A field of an event: a key, its value and the comment lines after it. */
struct merge_field {
	const char	*name;
	size_t		 key;		/* where the key starts */
	size_t		 end;		/* where the next key's line starts */
	size_t		 vstart;
	size_t		 vend;
	struct buf	 rel;
};

struct merge_fields {
	struct merge_field	*v;
	uint32_t		 n;
	size_t			 start;	/* the item's lines */
	size_t			 end;
	size_t			 keycol;
	struct arena		 a;
};

/* --- small text helpers -------------------------------------------------- */

static bool
merge_all_spaces(const char *p, size_t n)
{
	while (n-- > 0)
		if (*p++ != ' ')
			return false;
	return true;
}

/* text[0..n) with each line after the first losing up to col leading
 * spaces. */
static void
merge_dedent(struct buf *out, const char *text, size_t n, size_t col)
{
	size_t	i = 0, sp;
	bool	first = true;

	while (i < n) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t stop = nl != NULL ? (size_t)(nl - text) + 1 : n;

		if (!first)
			for (sp = 0; sp < col && i < stop && text[i] == ' ';
			    sp++)
				i++;
		buf_add(out, text + i, stop - i);
		i = stop;
		first = false;
	}
}

/* rel (relative text) with each later line that is not empty indented by
 * col spaces; the first line after prefix. */
static void
merge_render(struct buf *out, const char *prefix, size_t plen,
    const char *rel, size_t n, size_t col)
{
	size_t	i = 0;
	bool	first = true;

	while (i < n) {
		const char *nl = memchr(rel + i, '\n', n - i);
		size_t stop = nl != NULL ? (size_t)(nl - rel) + 1 : n;

		if (first)
			buf_add(out, prefix, plen);
		else if (!(rel[i] == '\n' || (rel[i] == '\r' && i + 1 < n &&
		    rel[i + 1] == '\n')))
			buf_addn(out, ' ', col);
		buf_add(out, rel + i, stop - i);
		i = stop;
		first = false;
	}
}

/* Length without the final line end(s). */
static size_t
merge_trim_len(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n;
}

static bool
merge_same(const char *a, size_t an, const char *b, size_t bn)
{
	an = merge_trim_len(a, an);
	bn = merge_trim_len(b, bn);
	return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

static void
merge_newline(struct buf *b, const char *eol)
{
	if (b->len > 0 && b->data[b->len - 1] != '\n')
		buf_adds(b, eol);
}

/* --- loading ------------------------------------------------------------- */

/* The event of side sd with key, or NULL. */
static struct tl_event *
merge_find(struct merge_side *sd, const char *key)
{
	uint32_t	at = idindex_find(&sd->ix, key);

	return at != IDINDEX_NONE ? &sd->tl.events[at] : NULL;
}

static void
merge_item_text(const struct merge_side *sd, const struct tl_event *e,
    struct buf *out)
{
	buf_reset(out);
	edit_item_text(sd->buf, sd->len, e, out);
}

/* The first repeat of a key (idindex's dup). */
static void
merge_dup(void *ctx, size_t first, size_t again)
{
	size_t	*at = ctx;

	(void)first;
	if (*at == SIZE_MAX)
		*at = again;
}

static bool
merge_index(struct merge *m, struct merge_side *sd, const char *name)
{
	struct buf	b = BUF_INIT;
	size_t		i, again = SIZE_MAX;

	sd->keys = xcalloc(sd->tl.nevents + 1, sizeof *sd->keys);
	for (i = 0; i < sd->tl.nevents; i++) {
		const struct tl_event *e = &sd->tl.events[i];

		if (e->id != NULL)
			sd->keys[i] = xstrdup(e->id);
		else {
			merge_item_text(sd, e, &b);
			sd->keys[i] = xasprintf("\1%s", buf_str(&b));
		}
	}
	buf_free(&b);
	idindex_build(&sd->ix, sd->keys, sizeof *sd->keys, sd->tl.nevents,
	    merge_dup, &again);
	if (again != SIZE_MAX) {
		const struct tl_event *e = &sd->tl.events[again];

		diag_add(m->diags, DIAG_ERROR, name, e->span.line, e->span.col,
		    "two events without an id are the same; tlv cannot tell "
		    "them apart in a merge");
		return false;
	}
	return true;
}

static bool
merge_load(struct merge *m, int which, const struct merge_text *t)
{
	struct merge_side	*sd = &m->s[which];
	char			*name = xasprintf("%s (%s)", m->path,
				    sd->label);
	struct tl_file		*f;
	const char		*odd;
	size_t			 errors = m->diags->errors;
	bool			 ok = false;

	sd->buf = t->data;
	sd->len = t->len;
	if (t->len > TL_MAX_FILE_SIZE)
		diag_add(m->diags, DIAG_ERROR, name, 0, 0, "too big");
	else if ((odd = text_odd_break(t->data, t->len)) != NULL)
		diag_add(m->diags, DIAG_ERROR, name, 0, 0, "the file uses %s "
		    "line breaks; tlv merges only LF or CRLF files", odd);
	else	/* in file order: merge_events walks it */
		(void)load_buffer_unsorted(&sd->tl, name, t->data, t->len,
		    m->diags);
	f = sd->tl.files;
	if (m->diags->errors > errors || f == NULL || f->failed)
		;	/* we or the loader said why */
	else if (f->format != TL_FORMAT_TLV || f->events_line == 0 ||
	    f->events_flow)
		diag_add(m->diags, DIAG_ERROR, name, f->events_line, 0,
		    "tlv merges only an events list written as a block list");
	else
		ok = merge_index(m, sd, name);
	free(name);
	return ok;
}

/* --- splices ------------------------------------------------------------- */

static void
merge_splice(struct merge *m, size_t start, size_t end, struct buf *text)
{
	struct merge_splice	*s;

	if (m->n == m->cap) {
		m->cap = m->cap == 0 ? 16 : m->cap * 2;
		m->v = xreallocarray(m->v, m->cap, sizeof *m->v);
	}
	s = &m->v[m->n];
	s->start = start;
	s->end = end;
	s->seq = m->n++;
	s->len = text->len;
	s->text = buf_detach(text);
}

static void
merge_fail(struct merge *m, const struct merge_side *sd,
    const struct tl_event *e, const char *why)
{
	char	*name = xasprintf("%s (%s)", m->path, sd->label);

	diag_add(m->diags, DIAG_ERROR, name, e != NULL ? e->span.line : 0,
	    e != NULL ? e->span.col : 0, "cannot merge by event: %s", why);
	free(name);
	m->failed = true;
}

static int
merge_splice_cmp(const void *a, const void *b)
{
	const struct merge_splice	*x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Ours with every splice applied, into out; false if two overlap. */
static bool
merge_apply(struct merge *m, struct buf *out)
{
	const struct merge_side	*o = &m->s[MO];
	size_t			 i, at = 0;

	if (m->n > 1)
		qsort(m->v, m->n, sizeof *m->v, merge_splice_cmp);
	for (i = 0; i < m->n; i++) {
		if (m->v[i].start < at)
			return false;
		buf_add(out, o->buf + at, m->v[i].start - at);
		buf_add(out, m->v[i].text, m->v[i].len);
		at = m->v[i].end;
	}
	buf_add(out, o->buf + at, o->len - at);
	return true;
}

/* A conflict block: ours' text, then theirs'. */
static void
merge_conflict(struct merge *m, struct buf *out, const struct buf *ours,
    const struct buf *theirs)
{
	merge_newline(out, m->eol);
	buf_printf(out, "%s%s", MERGE_OURS, m->eol);
	buf_add(out, ours->data, ours->len);
	merge_newline(out, m->eol);
	buf_printf(out, "%s%s", MERGE_SEP, m->eol);
	buf_add(out, theirs->data, theirs->len);
	merge_newline(out, m->eol);
	buf_printf(out, "%s%s", MERGE_THEIRS, m->eol);
	m->conflicts++;
}

/* --- whole blocks: the top of the file and its tail ---------------------- */

static void
merge_block(struct merge *m, const size_t from[3], const size_t to[3])
{
	const char	*p[3];
	size_t		 n[3], i;
	struct buf	 text = BUF_INIT, a = BUF_INIT, b = BUF_INIT;

	for (i = 0; i < 3; i++) {
		p[i] = m->s[i].buf + from[i];
		n[i] = to[i] - from[i];
	}
#define SAME(x, y) (n[x] == n[y] && memcmp(p[x], p[y], n[x]) == 0)
	if (SAME(MT, MB) || SAME(MO, MT))
		return;
	if (SAME(MO, MB))
		buf_add(&text, p[MT], n[MT]);
	else {
		buf_add(&a, p[MO], n[MO]);
		buf_add(&b, p[MT], n[MT]);
		merge_conflict(m, &text, &a, &b);
	}
#undef SAME
	merge_splice(m, from[MO], to[MO], &text);
	buf_free(&a);
	buf_free(&b);
}

static void
merge_frame(struct merge *m)
{
	size_t	from[3], to[3], i;
	bool	tails = true;

	for (i = 0; i < 3; i++) {
		const struct merge_side *sd = &m->s[i];
		const struct tl_file *f = &sd->tl.files[0];

		from[i] = 0;
		to[i] = edit_line_after(sd->buf, sd->len, f->events_key_end);
		tails = tails && f->nitems > 0;
	}
	merge_block(m, from, to);
	if (!tails)
		return;
	for (i = 0; i < 3; i++) {
		const struct merge_side *sd = &m->s[i];

		from[i] = edit_line_after(sd->buf, sd->len,
		    sd->tl.files[0].events_end);
		to[i] = sd->len;
	}
	merge_block(m, from, to);
}

/* --- fields -------------------------------------------------------------- */

static void
merge_fields_free(struct merge_fields *fs)
{
	uint32_t	i;

	for (i = 0; i < fs->n; i++)
		buf_free(&fs->v[i].rel);
	free(fs->v);
	arena_free(&fs->a);
	memset(fs, 0, sizeof *fs);
}

/* Cut event e into fields; false if it is not a block mapping with each
 * key at the start of its own line (the first after "- "). */
static bool
merge_fields_get(const struct merge_side *sd, const struct tl_event *e,
    struct merge_fields *fs)
{
	struct tl_key	*k;
	uint32_t	 n, i;
	size_t		 ls, j;

	memset(fs, 0, sizeof *fs);
	if (!edit_item_range(sd->buf, sd->len, e, &fs->start, &fs->end))
		return false;
	k = yamlio_event_keys(sd->buf, sd->len, e, &fs->a, &n);
	if (k == NULL || n == 0 || text_line_start(sd->buf, k[0].key.start) !=
	    fs->start)
		goto fail;
	fs->keycol = k[0].key.start - fs->start;
	for (j = fs->start; j < k[0].key.start && sd->buf[j] == ' '; j++)
		continue;
	if (j == k[0].key.start || sd->buf[j] != '-' ||
	    !merge_all_spaces(sd->buf + j + 1, k[0].key.start - j - 1))
		goto fail;
	fs->v = xcalloc(n, sizeof *fs->v);
	for (i = 0; i < n; i++) {
		struct merge_field *f = &fs->v[i];

		f->name = k[i].name;
		f->key = k[i].key.start;
		f->vstart = k[i].value.start;
		f->vend = k[i].value.end;
		if (i + 1 < n) {
			ls = text_line_start(sd->buf, k[i + 1].key.start);
			if (k[i + 1].key.start - ls != fs->keycol ||
			    !merge_all_spaces(sd->buf + ls, fs->keycol) ||
			    ls < f->vend || ls <= f->key)
				goto fail;
			f->end = ls;
		} else
			f->end = fs->end;
		if (f->vend > f->end)
			goto fail;
		merge_dedent(&f->rel, sd->buf + f->key, f->end - f->key,
		    fs->keycol);
		fs->n = i + 1;
	}
	return true;
fail:
	merge_fields_free(fs);
	return false;
}

static const struct merge_field *
merge_field_find(const struct merge_fields *fs, const char *name)
{
	uint32_t	i;

	if (fs == NULL)
		return NULL;
	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].name, name) == 0)
			return &fs->v[i];
	return NULL;
}

static bool
merge_field_same(const struct merge_field *a, const struct merge_field *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return merge_same(a->rel.data, a->rel.len, b->rel.data, b->rel.len);
}

/* --- list fields --------------------------------------------------------- */

struct merge_list {
	struct buf	 head;
	struct buf	*items;		/* each without the list's indent */
	size_t		 n;
	int		*mark;		/* merge_list_merge's bookkeeping */
};

static void
merge_list_free(struct merge_list *l)
{
	size_t	i;

	buf_free(&l->head);
	for (i = 0; i < l->n; i++)
		buf_free(&l->items[i]);
	free(l->items);
	free(l->mark);
	memset(l, 0, sizeof *l);
}

/* Split a field whose value is a block list on the lines after its key
 * into its items; false if it is something else. */
static bool
merge_list_get(const struct merge_side *sd, const struct merge_fields *fs,
    const struct merge_field *f, struct merge_list *l)
{
	const char	*r = f->rel.data;
	size_t		 n = f->rel.len, i = 0, col, sp, keep;
	size_t		 vls = text_line_start(sd->buf, f->vstart);

	memset(l, 0, sizeof *l);
	if (f->vend <= f->vstart || sd->buf[f->vstart] != '-' ||
	    vls <= f->key || f->vstart - vls < fs->keycol)
		return false;
	col = f->vstart - vls - fs->keycol;
	while (i < n) {
		const char *nl = memchr(r + i, '\n', n - i);
		size_t stop = nl != NULL ? (size_t)(nl - r) + 1 : n;

		for (sp = 0; i + sp < stop && r[i + sp] == ' '; sp++)
			continue;
		if (i > 0 && sp == col && i + sp < stop && r[i + sp] == '-' &&
		    (i + sp + 1 == stop || strchr(" \t\r\n",
		    r[i + sp + 1]) != NULL)) {
			l->items = xreallocarray(l->items, l->n + 1,
			    sizeof *l->items);
			memset(&l->items[l->n++], 0, sizeof *l->items);
		}
		keep = sp < col ? sp : col;
		if (l->n == 0)
			buf_add(&l->head, r + i, stop - i);
		else
			buf_add(&l->items[l->n - 1], r + i + keep,
			    stop - i - keep);
		i = stop;
	}
	l->mark = xcalloc(l->n + 1, sizeof *l->mark);
	return l->n > 0;
}

/* text with every line that is not empty indented by col spaces. */
static void
merge_indent(struct buf *out, const char *text, size_t n, size_t col)
{
	size_t	i = 0;

	while (i < n) {
		const char *nl = memchr(text + i, '\n', n - i);
		size_t stop = nl != NULL ? (size_t)(nl - text) + 1 : n;

		if (!(text[i] == '\n' || (text[i] == '\r' && i + 1 < n &&
		    text[i + 1] == '\n')))
			buf_addn(out, ' ', col);
		buf_add(out, text + i, stop - i);
		i = stop;
	}
}

static bool
merge_item_same(const struct buf *a, const struct buf *b)
{
	return merge_same(a->data, a->len, b->data, b->len);
}

/* The 'at' of a note item ("- at: X" or a later "  at: X"), unquoted;
 * "" if none. */
static void
merge_note_at(const struct buf *it, struct buf *at)
{
	const char	*p = buf_str(it), *v = NULL, *e;

	buf_reset(at);
	if (strncmp(p, "- at:", 5) == 0)
		v = p + 5;
	else if ((v = strstr(p, "\n  at:")) != NULL)
		v += 6;
	if (v == NULL) {
		buf_adds(at, "");
		return;
	}
	while (*v == ' ')
		v++;
	if (*v == '"' || *v == '\'')
		v++;
	for (e = v; *e != '\0' && strchr("\"'\r\n #", *e) == NULL; e++)
		continue;
	buf_add(at, v, (size_t)(e - v));
	buf_adds(at, "");
}

/* Index of an unmarked item of l equal to it, or SIZE_MAX. */
static size_t
merge_list_find(struct merge_list *l, const struct buf *it)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (l->mark[i] == 0 && merge_item_same(&l->items[i], it))
			return i;
	return SIZE_MAX;
}

/*
 * The three-way merge of list items: ours' items, less those base had and
 * theirs dropped, plus those theirs added that ours lacks.  New notes go
 * in 'at' order among ours' new ones; other new items at the end.  The
 * field's relative text (items at col) into rel: 1, or 0 if that is
 * ours' as it was.  -1 (a conflict on the field) when an item of base
 * was replaced on both sides, each with its own new item (a source's via
 * or a relation changed two ways): keeping both new items would say two
 * things of one source or one related event, and dropping one would lose
 * it.  Notes are only ever added, and all kept.
 */
static int
merge_list_merge(struct merge_list *b, struct merge_list *o,
    struct merge_list *t, bool notes, size_t col, const char *eol,
    struct buf *rel)
{
	struct buf	*items = xcalloc(o->n + t->n + 1, sizeof *items);
	bool		*fresh = xcalloc(o->n + t->n + 1, sizeof *fresh);
	struct buf	 at = BUF_INIT, at2 = BUF_INIT;
	bool		 n_conflict = false;
	size_t		 n = 0, i, j, k, changed = 0, ti, oi;
	size_t		 both_dropped = 0, o_new = 0, t_new = 0;

	/* o->mark: 1 kept from base, 2 dropped by theirs, 3 added by both;
	 * t->mark: 1 kept from base */
	for (i = 0; b != NULL && i < b->n; i++) {
		ti = merge_list_find(t, &b->items[i]);
		oi = merge_list_find(o, &b->items[i]);
		if (ti != SIZE_MAX)
			t->mark[ti] = 1;
		if (oi != SIZE_MAX)
			o->mark[oi] = ti != SIZE_MAX ? 1 : 2;
		both_dropped += ti == SIZE_MAX && oi == SIZE_MAX;
	}
	for (i = 0; i < o->n; i++) {
		if (o->mark[i] == 2) {
			changed++;
			continue;
		}
		fresh[n] = o->mark[i] == 0;
		buf_add(&items[n++], o->items[i].data, o->items[i].len);
	}
	for (i = 0; i < t->n; i++) {
		if (t->mark[i] != 0)
			continue;
		for (j = 0; j < o->n; j++)
			if (o->mark[j] == 0 && merge_item_same(&o->items[j],
			    &t->items[i]))
				break;
		if (j < o->n) {
			o->mark[j] = 3;
			continue;
		}
		k = n;
		if (notes) {
			merge_note_at(&t->items[i], &at);
			for (k = 0; k < n; k++) {
				if (!fresh[k])
					continue;
				merge_note_at(&items[k], &at2);
				if (strcmp(buf_str(&at2), buf_str(&at)) > 0)
					break;
			}
		}
		memmove(&items[k + 1], &items[k], (n - k) * sizeof *items);
		memmove(&fresh[k + 1], &fresh[k], (n - k) * sizeof *fresh);
		memset(&items[k], 0, sizeof *items);
		buf_add(&items[k], t->items[i].data, t->items[i].len);
		fresh[k] = true;
		n++;
		changed++;
		t_new++;
	}
	for (i = 0; i < o->n; i++)
		o_new += o->mark[i] == 0;
	if (!notes && both_dropped > 0 && o_new > 0 && t_new > 0) {
		changed = 0;
		n_conflict = true;
	}
	if (changed > 0) {
		buf_add(rel, o->head.data, o->head.len);
		for (i = 0; i < n; i++) {
			merge_newline(rel, eol);
			merge_indent(rel, items[i].data, items[i].len, col);
		}
	}
	for (i = 0; i < n; i++)
		buf_free(&items[i]);
	free(items);
	free(fresh);
	buf_free(&at);
	buf_free(&at2);
	return n_conflict ? -1 : changed > 0;
}

/* -1: the field is not a list in each side that has it, or an item was
 * replaced two ways (a conflict); 0: the merged list is ours' as it was;
 * 1: rel holds it. */
static int
merge_field_list(struct merge *m, const struct merge_fields *fs[3],
    const struct merge_field *f[3], struct buf *rel)
{
	struct merge_list	l[3];
	int			i, r = -1;
	size_t			col;

	memset(l, 0, sizeof l);
	for (i = 0; i < 3; i++)
		if (f[i] != NULL && !merge_list_get(&m->s[i], fs[i], f[i],
		    &l[i]))
			goto done;
	if (f[MO] == NULL || f[MT] == NULL)
		goto done;
	col = f[MO]->vstart - text_line_start(m->s[MO].buf, f[MO]->vstart) -
	    fs[MO]->keycol;
	r = merge_list_merge(f[MB] != NULL ? &l[MB] : NULL, &l[MO], &l[MT],
	    strcmp(f[MO]->name, "notes") == 0, col, m->eol, rel);
done:
	for (i = 0; i < 3; i++)
		merge_list_free(&l[i]);
	return r;
}

/* The merged event's text, field by field, at ours' indentation. */
struct merge_out {
	struct merge			*m;
	const struct merge_fields	*fo;
	struct buf			 text;
	bool				 first;
};

static void
merge_put_prefix(struct merge_out *w, struct buf *dst)
{
	if (w->first)
		buf_add(dst, w->m->s[MO].buf + w->fo->start, w->fo->keycol);
	else
		buf_addn(dst, ' ', w->fo->keycol);
}

static void
merge_put_ours(struct merge_out *w, struct buf *dst,
    const struct merge_field *f)
{
	merge_newline(dst, w->m->eol);
	merge_put_prefix(w, dst);
	buf_add(dst, w->m->s[MO].buf + f->key, f->end - f->key);
}

static void
merge_put_rel(struct merge_out *w, struct buf *dst, const struct buf *rel)
{
	struct buf	prefix = BUF_INIT;

	merge_newline(dst, w->m->eol);
	merge_put_prefix(w, &prefix);
	merge_render(dst, prefix.data, prefix.len, rel->data, rel->len,
	    w->fo->keycol);
	buf_free(&prefix);
}

static void
merge_put_conflict(struct merge_out *w, const struct merge_field *ours,
    const struct buf *theirs)
{
	struct buf	a = BUF_INIT, b = BUF_INIT;

	if (ours != NULL)
		merge_put_ours(w, &a, ours);
	if (theirs != NULL)
		merge_put_rel(w, &b, theirs);
	merge_conflict(w->m, &w->text, &a, &b);
	buf_free(&a);
	buf_free(&b);
}

/* One field of ours (and the same in base and theirs) into w. */
static void
merge_one_field(struct merge_out *w, const struct merge_fields *fs[3],
    const struct merge_field *f[3])
{
	struct buf	rel = BUF_INIT;
	int		list;

	if (merge_field_same(f[MO], f[MT]) || merge_field_same(f[MB], f[MT]))
		merge_put_ours(w, &w->text, f[MO]);
	else if (merge_field_same(f[MB], f[MO])) {
		if (f[MT] == NULL)
			return;		/* theirs dropped it */
		merge_put_rel(w, &w->text, &f[MT]->rel);
	} else if ((list = merge_field_list(w->m, fs, f, &rel)) == 1)
		merge_put_rel(w, &w->text, &rel);
	else if (list == 0)
		merge_put_ours(w, &w->text, f[MO]);
	else
		merge_put_conflict(w, f[MO], f[MT] != NULL ? &f[MT]->rel :
		    NULL);
	w->first = false;
	buf_free(&rel);
}

/* Merge an event changed on both sides by field (eb NULL: added on
 * both); false if one of them is not laid out so. */
static bool
merge_event_fields(struct merge *m, const struct tl_event *eb,
    const struct tl_event *eo, const struct tl_event *et)
{
	struct merge_fields		 v[3];
	const struct merge_fields	*fs[3] = { NULL, &v[MO], &v[MT] };
	const struct merge_field	*f[3];
	struct merge_out		 w = { m, &v[MO], BUF_INIT, true };
	uint32_t			 i;
	bool				 ok;

	memset(v, 0, sizeof v);
	ok = merge_fields_get(&m->s[MO], eo, &v[MO]) &&
	    merge_fields_get(&m->s[MT], et, &v[MT]) &&
	    (eb == NULL || merge_fields_get(&m->s[MB], eb, &v[MB]));
	if (eb != NULL)
		fs[MB] = &v[MB];
	for (i = 0; ok && i < v[MO].n; i++) {
		f[MO] = &v[MO].v[i];
		f[MB] = merge_field_find(fs[MB], f[MO]->name);
		f[MT] = merge_field_find(fs[MT], f[MO]->name);
		merge_one_field(&w, fs, f);
	}
	for (i = 0; ok && i < v[MT].n; i++) {
		f[MT] = &v[MT].v[i];
		if (merge_field_find(fs[MO], f[MT]->name) != NULL)
			continue;
		f[MB] = merge_field_find(fs[MB], f[MT]->name);
		if (f[MB] == NULL)
			merge_put_rel(&w, &w.text, &f[MT]->rel);
		else if (!merge_field_same(f[MB], f[MT]))
			merge_put_conflict(&w, NULL, &f[MT]->rel);
		w.first = false;
	}
	if (ok)
		merge_splice(m, v[MO].start, v[MO].end, &w.text);
	for (i = 0; i < 3; i++)
		merge_fields_free(&v[i]);
	buf_free(&w.text);
	return ok;
}

static size_t
merge_dash_col(const char *buf, size_t start)
{
	size_t	i = start;

	while (buf[i] == ' ')
		i++;
	return i - start;
}

/* The item of et as block lines at column indent (of ours' list). */
static void
merge_theirs_block(struct merge *m, const struct tl_event *et, size_t indent,
    struct buf *out)
{
	struct buf	item = BUF_INIT;

	merge_item_text(&m->s[MT], et, &item);
	edit_item_block(out, buf_str(&item), indent, m->eol);
	buf_free(&item);
}

/* A conflict around the whole event: ours' item (eo) against theirs' (et,
 * or NULL when theirs deleted it). */
static void
merge_event_conflict(struct merge *m, const struct tl_event *eo,
    const struct tl_event *et)
{
	const struct merge_side	*o = &m->s[MO];
	struct buf		 a = BUF_INIT, b = BUF_INIT, text = BUF_INIT;
	size_t			 start, end;

	if (!edit_item_range(o->buf, o->len, eo, &start, &end)) {
		merge_fail(m, o, eo, "the event has a tag or an anchor, or is "
		    "laid out in a way tlv does not splice");
		return;
	}
	buf_add(&a, o->buf + start, end - start);
	if (et != NULL)
		merge_theirs_block(m, et, merge_dash_col(o->buf, start), &b);
	merge_conflict(m, &text, &a, &b);
	merge_splice(m, start, end, &text);
	buf_free(&a);
	buf_free(&b);
}

static bool
merge_event_same(struct merge *m, int x, const struct tl_event *ex, int y,
    const struct tl_event *ey)
{
	struct buf	a = BUF_INIT, b = BUF_INIT;
	bool		same;

	merge_item_text(&m->s[x], ex, &a);
	merge_item_text(&m->s[y], ey, &b);
	same = merge_same(a.data, a.len, b.data, b.len);
	buf_free(&a);
	buf_free(&b);
	return same;
}

/* An event in ours and theirs (and in base, unless eb is NULL). */
static void
merge_event(struct merge *m, const struct tl_event *eb,
    const struct tl_event *eo, const struct tl_event *et)
{
	const struct merge_side	*o = &m->s[MO];
	struct buf		 tt = BUF_INIT;
	struct edit		 ed;
	char			*err = NULL;

	if (merge_event_same(m, MO, eo, MT, et) || (eb != NULL &&
	    merge_event_same(m, MB, eb, MT, et)))
		return;
	if (eb != NULL && merge_event_same(m, MB, eb, MO, eo)) {
		merge_item_text(&m->s[MT], et, &tt);
		if (edit_plan_replace(o->buf, o->len, eo, buf_str(&tt), &ed,
		    &err))
			merge_splice(m, ed.start, ed.end, &ed.text);
		else
			merge_event_conflict(m, eo, et);
		edit_free(&ed);
		free(err);
		buf_free(&tt);
		return;
	}
	if (!merge_event_fields(m, eb, eo, et))
		merge_event_conflict(m, eo, et);
}

/* The blank and comment lines before theirs' event et, after the event
 * before it (prev), with the list's indentation ours'. */
static void
merge_theirs_gap(struct merge *m, const struct tl_event *prev,
    const struct tl_event *et, size_t indent, struct buf *out)
{
	const struct merge_side	*t = &m->s[MT];
	size_t			 from, to, tfrom, col;

	if (prev == NULL || !edit_item_range(t->buf, t->len, prev, &tfrom,
	    &from) || !edit_item_range(t->buf, t->len, et, &to, &tfrom) ||
	    from >= to)
		return;
	col = merge_dash_col(t->buf, to);
	if (col == indent)
		buf_add(out, t->buf + from, to - from);
	else {
		struct buf rel = BUF_INIT;

		/* as merge_dedent does for later lines: all of them here */
		buf_adds(&rel, "\n");
		merge_dedent(&rel, t->buf + from, to - from, col);
		merge_indent(out, rel.data + 1, rel.len - 1, indent);
		buf_free(&rel);
	}
}

/* Theirs' event et, which ours lacks, after ours' event after (NULL: at
 * the start of the list), with the lines before it in theirs (after
 * prev); marked as a conflict when ours deleted it. */
static void
merge_insert(struct merge *m, const struct tl_event *after,
    const struct tl_event *prev, const struct tl_event *et, bool conflict)
{
	const struct merge_side	*o = &m->s[MO];
	struct buf		 block = BUF_INIT, text = BUF_INIT;
	struct buf		 none = BUF_INIT;
	size_t			 pos, indent, el = strlen(m->eol);
	char			*err = NULL;

	if (after != NULL) {
		if (!edit_item_range(o->buf, o->len, after, &indent, &pos)) {
			merge_fail(m, o, after, "the event has a tag or an "
			    "anchor, or is laid out in a way tlv does not "
			    "splice");
			return;
		}
		indent = merge_dash_col(o->buf, indent);
	} else if (!edit_list_start(o->buf, o->len, &o->tl.files[0], &pos,
	    &indent, &err)) {
		merge_fail(m, o, NULL, err);
		free(err);
		return;
	}
	if (after != NULL)
		merge_theirs_gap(m, prev, et, indent, &block);
	merge_theirs_block(m, et, indent, &block);
	if (conflict)
		merge_conflict(m, &text, &none, &block);
	else
		buf_add(&text, block.data, block.len);
	if (pos == o->len && o->len > 0 && o->buf[o->len - 1] != '\n') {
		/* A file without a final newline keeps lacking one. */
		if (yamlio_eof_block_scalar(o->buf, o->len) != SIZE_MAX) {
			merge_fail(m, o, NULL, "the file ends inside a block "
			    "of text without a newline");
			goto done;
		}
		buf_reset(&block);
		buf_adds(&block, m->eol);
		buf_add(&block, text.data, text.len - (conflict ? 0 : el));
		buf_reset(&text);
		buf_add(&text, block.data, block.len);
	}
	merge_splice(m, pos, pos, &text);
done:
	buf_free(&block);
	buf_free(&text);
}

static void
merge_events(struct merge *m)
{
	struct merge_side	*b = &m->s[MB], *o = &m->s[MO], *t = &m->s[MT];
	const struct tl_event	*eb, *eo, *et, *after = NULL;
	struct edit		 ed;
	char			*err = NULL;
	size_t			 i;

	for (i = 0; i < o->tl.nevents && !m->failed; i++) {
		eo = &o->tl.events[i];
		eb = merge_find(b, o->keys[i]);
		et = merge_find(t, o->keys[i]);
		if (et != NULL)
			merge_event(m, eb, eo, et);
		else if (eb == NULL)
			continue;	/* ours added it */
		else if (!merge_event_same(m, MB, eb, MO, eo))
			merge_event_conflict(m, eo, NULL);
		else if (edit_plan_delete(o->buf, o->len, eo, &ed, &err)) {
			merge_splice(m, ed.start, ed.end, &ed.text);
			edit_free(&ed);
		} else {
			merge_fail(m, o, eo, err);
			free(err);
			err = NULL;
		}
	}
	for (i = 0; i < t->tl.nevents && !m->failed; i++) {
		et = &t->tl.events[i];
		if ((eo = merge_find(o, t->keys[i])) != NULL) {
			after = eo;
			continue;
		}
		eb = merge_find(b, t->keys[i]);
		if (eb == NULL || !merge_event_same(m, MB, eb, MT, et))
			merge_insert(m, after, i > 0 ? et - 1 : NULL, et,
			    eb != NULL);
	}
}

/* --- the whole -------------------------------------------------------- */

static void
merge_side_free(struct merge_side *sd)
{
	size_t	i;

	for (i = 0; sd->keys != NULL && i < sd->tl.nevents; i++)
		free(sd->keys[i]);
	free(sd->keys);
	idindex_free(&sd->ix);
	timeline_free(&sd->tl);
}

/* Whether the merged bytes load without an error. */
static bool
merge_check(struct merge *m, const struct buf *out)
{
	struct timeline	 tl = TIMELINE_INIT;
	char		*name = xasprintf("%s (merged)", m->path);
	size_t		 errors = m->diags->errors;

	(void)load_buffer_unsorted(&tl, name, out->data, out->len, m->diags);
	timeline_free(&tl);
	free(name);
	return m->diags->errors == errors;
}

enum merge_status
merge_story(const char *path, const struct merge_text *base,
    const struct merge_text *ours, const struct merge_text *theirs,
    struct buf *out, size_t *conflicts, struct diag_list *diags)
{
	struct merge	m;
	bool		ok;
	size_t		i;

	memset(&m, 0, sizeof m);
	m.s[MB].label = "base";
	m.s[MO].label = "ours";
	m.s[MT].label = "theirs";
	m.path = path;
	m.diags = diags;
	m.eol = edit_eol_of(ours->data, ours->len);
	for (i = 0; i < 3; i++)
		m.s[i].tl = (struct timeline)TIMELINE_INIT;
	ok = merge_load(&m, MB, base);
	ok = merge_load(&m, MO, ours) && ok;
	ok = merge_load(&m, MT, theirs) && ok;
	m.failed = !ok;
	if (!m.failed)
		merge_frame(&m);
	if (!m.failed)
		merge_events(&m);
	if (!m.failed && !merge_apply(&m, out))
		merge_fail(&m, &m.s[MO], NULL, "two changes would overlap");
	if (!m.failed && m.conflicts == 0 && !merge_check(&m, out)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot merge by "
		    "event: the merged file would not load (a bug in tlv)");
		m.failed = true;
	}
	if (m.failed)
		buf_reset(out);
	*conflicts = m.conflicts;
	for (i = 0; i < 3; i++)
		merge_side_free(&m.s[i]);
	for (i = 0; i < m.n; i++)
		free(m.v[i].text);
	free(m.v);
	return m.failed ? MERGE_FAILED : m.conflicts > 0 ? MERGE_CONFLICT :
	    MERGE_CLEAN;
}
