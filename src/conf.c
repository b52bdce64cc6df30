/* SPDX-License-Identifier: MIT */
/*
 * The configuration file; see conf.h.  A line is split into words (with
 * their columns, for diagnostics), the first word picks a directive from
 * a table, and the directive checks and applies its arguments.  A bad line
 * changes nothing.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "diag.h"
#include "query.h"
#include "text.h"
#include "xmalloc.h"

/* One word of a line: its text with quotes removed, and where it was. */
struct conf_word {
	char	*text;
	size_t	 start, end;	/* bytes of the line, quotes included */
};

/* The line being read. */
struct conf_ctx {
	struct conf		*c;
	const char		*path;
	unsigned		 lineno;
	const char		*line;
	size_t			 len;
	struct conf_word	*w;
	size_t			 nw;
	struct diag_list	*diags;
	bool			 ok;
	/* The filter lines, checked when every saved filter is known (one
	 * may use another given below it). */
	struct conf_pending {
		char		*line;
		unsigned	 lineno;
		size_t		 start, end;	/* the query in line */
		size_t		 saved;		/* its index in c->saved, or
						   SIZE_MAX: the default */
	}			*pending;
	size_t			 npending;
};

struct conf_directive {
	const char	*name;
	size_t		 min, max;	/* arguments */
	const char	*usage;
	void		(*apply)(struct conf_ctx *);
};

static const char *const conf_color_names[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};
#define CONF_NCOLORS (sizeof conf_color_names / sizeof *conf_color_names)

/* The 1-based column (in characters) of byte off of the line. */
static unsigned
conf_col(const struct conf_ctx *x, size_t off)
{
	size_t		i = 0;
	unsigned	col = 1;
	uint32_t	cp;

	while (i < off && i < x->len) {
		i += text_decode(x->line + i, x->len - i, &cp);
		col++;
	}
	return col;
}

static void
conf_error(struct conf_ctx *x, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
conf_error(struct conf_ctx *x, size_t off, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	diag_add(x->diags, DIAG_ERROR, x->path, x->lineno, conf_col(x, off),
	    "%s", msg);
	free(msg);
	x->ok = false;
}

/*
 * "unknown WHAT 'word' (did you mean 'x'?)"; with no close name,
 * "(one of: a, b, ...)", or "(HINT)" when hint is not NULL.
 */
static void
conf_unknown(struct conf_ctx *x, size_t i, const char *what,
    const char *const *names, size_t n, const char *hint)
{
	const char	*s = text_closest(x->w[i].text, names, n);
	struct buf	 b = BUF_INIT;
	size_t		 j;

	if (s != NULL) {
		conf_error(x, x->w[i].start, "unknown %s '%s' (did you mean "
		    "'%s'?)", what, x->w[i].text, s);
		return;
	}
	if (hint != NULL)
		buf_adds(&b, hint);
	else
		buf_adds(&b, "one of: ");
	for (j = 0; hint == NULL && j < n; j++)
		buf_printf(&b, "%s%s", j > 0 ? ", " : "", names[j]);
	conf_error(x, x->w[i].start, "unknown %s '%s' (%s)", what,
	    x->w[i].text, buf_str(&b));
	buf_free(&b);
}

bool
conf_color_parse(const char *name, int *color)
{
	size_t	i;

	if (strcmp(name, "default") == 0) {
		*color = CONF_COLOR_DEFAULT;
		return true;
	}
	for (i = 0; i < CONF_NCOLORS; i++)
		if (strcmp(name, conf_color_names[i]) == 0) {
			*color = (int)i;
			return true;
		}
	return false;
}

/* The colour in word i, or false after an error. */
static bool
conf_word_color(struct conf_ctx *x, size_t i, int *color)
{
	static const char *const names[] = {
		"black", "red", "green", "yellow", "blue", "magenta", "cyan",
		"white", "default"
	};

	if (conf_color_parse(x->w[i].text, color))
		return true;
	conf_unknown(x, i, "colour", names, sizeof names / sizeof *names, NULL);
	return false;
}

static void
conf_do_author(struct conf_ctx *x)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 1; i < x->nw; i++)
		buf_printf(&b, "%s%s", i > 1 ? " " : "", x->w[i].text);
	free(x->c->author);
	x->c->author = buf_detach(&b);
}

/* color file N|NAME COLOUR */
static void
conf_color_file(struct conf_ctx *x)
{
	struct conf_file_color	 fc = { 0, NULL, 0 };
	const char		*s = x->w[2].text;
	char			*end;
	unsigned long		 n;

	if (x->nw != 4) {
		conf_error(x, x->w[x->nw - 1].end, "usage: color file "
		    "N|NAME COLOUR");
		return;
	}
	if (*s >= '0' && *s <= '9') {
		n = strtoul(s, &end, 10);
		if (*end != '\0' || n == 0 || n > 100000) {
			conf_error(x, x->w[2].start, "bad file number '%s' "
			    "(1 is the first file)", s);
			return;
		}
		fc.index = (unsigned)n;
	} else if (*s == '\0') {
		conf_error(x, x->w[2].start, "empty file name");
		return;
	}
	if (!conf_word_color(x, 3, &fc.color))
		return;
	if (fc.index == 0)
		fc.name = xstrdup(s);
	x->c->file_colors = xreallocarray(x->c->file_colors,
	    x->c->nfile_colors + 1, sizeof *x->c->file_colors);
	x->c->file_colors[x->c->nfile_colors++] = fc;
}

/* color STATUS COLOUR | color file N|NAME COLOUR */
static void
conf_do_color(struct conf_ctx *x)
{
	static const char *const names[] = {
		"confirmed", "reported", "alleged", "disputed", "denied", "file"
	};
	enum tl_status	st;
	int		color;

	if (strcmp(x->w[1].text, "file") == 0) {
		conf_color_file(x);
		return;
	}
	if (!tl_status_parse(x->w[1].text, strlen(x->w[1].text), &st)) {
		conf_unknown(x, 1, "colour target", names,
		    sizeof names / sizeof *names, NULL);
		return;
	}
	if (x->nw != 3) {
		conf_error(x, x->w[x->nw - 1].start, "usage: color STATUS "
		    "COLOUR");
		return;
	}
	if (conf_word_color(x, 2, &color))
		x->c->status_color[st] = color;
}

/* The key in word i, or false after an error. */
static bool
conf_word_key(struct conf_ctx *x, size_t i, int32_t *key)
{
	const char	*s = x->w[i].text;

	if (action_key_parse(s, strlen(s), key))
		return true;
	conf_error(x, x->w[i].start, "unknown key '%s' (a character, or "
	    "Up, Down, PgUp, PgDn, Home, End, Enter, Tab, Esc, Space, "
	    "Backspace, Delete, F1..F12, C-a..C-z)", s);
	return false;
}

static void
conf_add_binding(struct conf *c, int32_t key, enum action a)
{
	c->bindings = xreallocarray(c->bindings, c->nbindings + 1,
	    sizeof *c->bindings);
	c->bindings[c->nbindings].key = key;
	c->bindings[c->nbindings].action = a;
	c->nbindings++;
}

static void
conf_do_bind(struct conf_ctx *x)
{
	const char	*names[ACTION_COUNT];
	enum action	 a;
	int32_t		 key;
	int		 i;

	if (!conf_word_key(x, 1, &key))
		return;
	if ((a = action_by_name(x->w[2].text)) == ACTION_NONE) {
		for (i = 1; i < ACTION_COUNT; i++)
			names[i - 1] = action_info((enum action)i)->name;
		conf_unknown(x, 2, "action", names, ACTION_COUNT - 1,
		    "'tlv keys' and KEYS in tlv(1) list them");
		return;
	}
	conf_add_binding(x->c, key, a);
}

static void
conf_do_unbind(struct conf_ctx *x)
{
	int32_t	key;

	if (conf_word_key(x, 1, &key))
		conf_add_binding(x->c, key, ACTION_NONE);
}

/* The rest of the line from word i as written, to be checked as a query
 * once the file is read (conf_check_filters); saved: as in struct
 * conf_pending. */
static char *
conf_query_text(struct conf_ctx *x, size_t i, size_t saved)
{
	size_t			 start = x->w[i].start;
	struct conf_pending	*pe;

	x->pending = xreallocarray(x->pending, x->npending + 1,
	    sizeof *x->pending);
	pe = &x->pending[x->npending++];
	pe->line = xstrndup(x->line, x->len);
	pe->lineno = x->lineno;
	pe->start = start;
	pe->end = x->w[x->nw - 1].end;
	pe->saved = saved;
	return xstrndup(x->line + start, pe->end - start);
}

/* Remove saved filter i (its line had an error). */
static void
conf_saved_drop(struct conf *c, size_t i)
{
	free((void *)(uintptr_t)c->saved[i].name);
	free((void *)(uintptr_t)c->saved[i].text);
	memmove(&c->saved[i], &c->saved[i + 1], (c->nsaved - i - 1) *
	    sizeof *c->saved);
	c->nsaved--;
}

/*
 * Check the filter lines with every saved filter known: an error is
 * reported at its line and column, and the line is skipped (a saved
 * filter with one is dropped, after all are checked: one that uses it
 * has the error too).  The last good default filter is the one.
 */
static void
conf_check_filters(struct conf_ctx *x)
{
	struct conf		*c = x->c;
	struct conf_pending	*pe;
	struct query_env	 env;
	struct query		*q;
	bool			*bad = xcalloc(c->nsaved + 1, sizeof *bad);
	char			*err, *text;
	size_t			 i, col;

	for (i = 0; i < x->npending; i++) {
		pe = &x->pending[i];
		x->line = pe->line;
		x->len = strlen(pe->line);
		x->lineno = pe->lineno;
		text = xstrndup(pe->line + pe->start, pe->end - pe->start);
		conf_query_env(c, &env);
		env.self = pe->saved != SIZE_MAX ? c->saved[pe->saved].name :
		    NULL;
		err = NULL;
		col = 0;
		if ((q = query_parse_env(text, &env, &err, &col)) == NULL) {
			conf_error(x, pe->start + col, "invalid filter: %s",
			    err);
			if (pe->saved != SIZE_MAX)
				bad[pe->saved] = true;
		} else if (pe->saved == SIZE_MAX) {
			free(c->filter);
			c->filter = text;
			text = NULL;
		}
		free(text);
		query_free(q);
		free(err);
		free(pe->line);
	}
	for (i = c->nsaved; i-- > 0;)
		if (bad[i])
			conf_saved_drop(c, i);
	free(bad);
	free(x->pending);
	x->pending = NULL;
	x->npending = 0;
}

/* filter NAME = QUERY */
static void
conf_filter_saved(struct conf_ctx *x)
{
	struct conf	*c = x->c;
	const char	*name = x->w[1].text;
	char		*text;

	if (!query_saved_name_ok(name, strlen(name))) {
		conf_error(x, x->w[1].start, "bad filter name '%s' (letters, "
		    "digits, '_' and '-', a letter first)", name);
		return;
	}
	if (x->nw == 3) {
		conf_error(x, x->w[2].end, "missing query (usage: filter "
		    "NAME = QUERY)");
		return;
	}
	text = conf_query_text(x, 3, c->nsaved);
	c->saved = xreallocarray(c->saved, c->nsaved + 1, sizeof *c->saved);
	c->saved[c->nsaved].name = xstrdup(name);
	c->saved[c->nsaved].text = text;
	c->nsaved++;
}

/* filter QUERY: the rest of the line as written, checked now; or filter
 * NAME = QUERY (an unquoted '=' for second word). */
static void
conf_do_filter(struct conf_ctx *x)
{
	const char	*w1 = x->w[1].text, *eq = strchr(w1, '=');

	if (x->nw >= 3 && strcmp(x->w[2].text, "=") == 0 &&
	    x->line[x->w[2].start] == '=') {
		conf_filter_saved(x);
		return;
	}
	/* Not a query a user means: a saved filter written without its name
	 * or without the blanks around '=' (it would hide every event). */
	if (x->line[x->w[1].start] == '=') {
		conf_error(x, x->w[1].start, "missing name before '=' (usage: "
		    "filter NAME = QUERY)");
		return;
	}
	if ((eq != NULL && x->line[x->w[1].start] != '"' &&
	    query_saved_name_ok(w1, (size_t)(eq - w1))) ||
	    (x->nw >= 3 && x->line[x->w[2].start] == '=' &&
	    query_saved_name_ok(w1, strlen(w1)))) {
		conf_error(x, eq != NULL ? x->w[1].start + (size_t)(eq - w1) :
		    x->w[2].start, "blanks are needed around '=' (usage: "
		    "filter NAME = QUERY)");
		return;
	}
	free(conf_query_text(x, 1, SIZE_MAX));
}

static void
conf_do_date_display(struct conf_ctx *x)
{
	static const char *const names[] = { "as-written", "iso" };

	if (strcmp(x->w[1].text, "as-written") == 0)
		x->c->date_display = CONF_DATE_AS_WRITTEN;
	else if (strcmp(x->w[1].text, "iso") == 0)
		x->c->date_display = CONF_DATE_ISO;
	else
		conf_unknown(x, 1, "date display", names, 2, NULL);
}

static const struct conf_directive conf_directives[] = {
	{ .name = "author", .min = 1, .max = SIZE_MAX, .usage = "author NAME",
	  .apply = conf_do_author },
	{ .name = "bind", .min = 2, .max = 2, .usage = "bind KEY ACTION",
	  .apply = conf_do_bind },
	{ .name = "color", .min = 2, .max = 3,
	  .usage = "color STATUS COLOUR | color file N|NAME COLOUR",
	  .apply = conf_do_color },
	{ .name = "date-display", .min = 1, .max = 1,
	  .usage = "date-display as-written|iso",
	  .apply = conf_do_date_display },
	{ .name = "filter", .min = 1, .max = SIZE_MAX,
	  .usage = "filter QUERY | filter NAME = QUERY",
	  .apply = conf_do_filter },
	{ .name = "unbind", .min = 1, .max = 1, .usage = "unbind KEY",
	  .apply = conf_do_unbind },
};
#define CONF_NDIRECTIVES (sizeof conf_directives / sizeof *conf_directives)

/* Add the word starting at byte *i; false on an unterminated quote. */
static bool
conf_split_word(struct conf_ctx *x, size_t *i)
{
	struct buf	 b = BUF_INIT;
	size_t		 start = *i, p = *i;
	bool		 quoted = false;

	for (; p < x->len; p++) {
		char ch = x->line[p];

		if (!quoted && (ch == ' ' || ch == '\t'))
			break;
		if (ch == '"')
			quoted = !quoted;
		else if (quoted && ch == '\\' && p + 1 < x->len &&
		    (x->line[p + 1] == '"' || x->line[p + 1] == '\\'))
			buf_addc(&b, x->line[++p]);
		else
			buf_addc(&b, ch);
	}
	if (quoted) {
		conf_error(x, start, "unterminated quote");
		buf_free(&b);
		return false;
	}
	x->w = xreallocarray(x->w, x->nw + 1, sizeof *x->w);
	x->w[x->nw].text = b.data != NULL ? buf_detach(&b) : xstrdup("");
	x->w[x->nw].start = start;
	x->w[x->nw].end = p;
	x->nw++;
	*i = p;
	return true;
}

/* Split the line into x->w; false (after an error) if it cannot be. */
static bool
conf_split(struct conf_ctx *x)
{
	size_t	i = 0;

	for (;;) {
		while (i < x->len && (x->line[i] == ' ' || x->line[i] == '\t'))
			i++;
		if (i == x->len || x->line[i] == '#')
			return true;
		if (!conf_split_word(x, &i))
			return false;
	}
}

static void
conf_line(struct conf_ctx *x)
{
	const char	*names[CONF_NDIRECTIVES];
	size_t		 i, nargs;
	const struct conf_directive *d;

	if (memchr(x->line, '\0', x->len) != NULL) {
		conf_error(x, strlen(x->line), "NUL byte in line");
		return;
	}
	if (!conf_split(x) || x->nw == 0)
		return;
	for (i = 0; i < CONF_NDIRECTIVES; i++) {
		d = &conf_directives[i];
		names[i] = d->name;
		if (strcmp(x->w[0].text, d->name) != 0)
			continue;
		nargs = x->nw - 1;
		if (nargs < d->min || nargs > d->max)
			conf_error(x, nargs < d->min ? x->w[x->nw - 1].end :
			    x->w[d->max + 1].start, "%s (usage: %s)",
			    nargs < d->min ? "missing argument" :
			    "too many arguments", d->usage);
		else
			d->apply(x);
		return;
	}
	conf_unknown(x, 0, "directive", names, CONF_NDIRECTIVES, NULL);
}

static void
conf_line_free(struct conf_ctx *x)
{
	size_t	i;

	for (i = 0; i < x->nw; i++)
		free(x->w[i].text);
	free(x->w);
	x->w = NULL;
	x->nw = 0;
}

void
conf_init(struct conf *c)
{
	int	i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < TL_STATUS_COUNT; i++)
		c->status_color[i] = CONF_COLOR_UNSET;
	c->date_display = CONF_DATE_AS_WRITTEN;
}

char *
conf_path(const char *option, bool *required)
{
	const char	*env;

	*required = true;
	if (option != NULL)
		return xstrdup(option);
	if ((env = getenv("TLV_CONFIG")) != NULL && *env != '\0')
		return xstrdup(env);
	*required = false;
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && *env == '/')
		return xasprintf("%s/tlv/config", env);
	if ((env = getenv("HOME")) != NULL && *env != '\0')
		return xasprintf("%s/.config/tlv/config", env);
	return NULL;
}

/* The file's diagnostics, from index from, in the order of its lines
 * (the filter lines' are found at its end): stable. */
static void
conf_sort_diags(struct diag_list *diags, size_t from)
{
	struct diag	d;
	size_t		i, j;

	for (i = from + 1; i < diags->n; i++) {
		d = diags->v[i];
		for (j = i; j > from && (diags->v[j - 1].line > d.line ||
		    (diags->v[j - 1].line == d.line &&
		    diags->v[j - 1].col > d.col)); j--)
			diags->v[j] = diags->v[j - 1];
		diags->v[j] = d;
	}
}

bool
conf_load(struct conf *c, const char *path, bool required,
    struct diag_list *diags)
{
	struct conf_ctx	 x = { .c = c, .path = path, .diags = diags,
			    .ok = true };
	FILE		*f;
	char		*line = NULL;
	size_t		 cap = 0;
	ssize_t		 n;
	size_t		 n0 = diags->n;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT && !required)
			return true;
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		return false;
	}
	while ((n = getline(&line, &cap, f)) != -1) {
		x.lineno++;
		x.len = (size_t)n;
		while (x.len > 0 && (line[x.len - 1] == '\n' ||
		    line[x.len - 1] == '\r'))
			x.len--;
		line[x.len] = '\0';
		x.line = line;
		conf_line(&x);
		conf_line_free(&x);
	}
	if (ferror(f)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s",
		    strerror(errno));
		x.ok = false;
	}
	conf_check_filters(&x);
	conf_sort_diags(diags, n0);
	free(line);
	fclose(f);
	return x.ok;
}

void
conf_apply_keys(const struct conf *c, struct keymap *km)
{
	size_t	i;

	for (i = 0; i < c->nbindings; i++)
		keymap_bind(km, c->bindings[i].key, c->bindings[i].action);
}

int
conf_file_color(const struct conf *c, size_t file, const char *path)
{
	const struct conf_file_color	*fc;
	const char			*base = strrchr(path, '/');
	int				 color = CONF_COLOR_UNSET;
	size_t				 i;

	base = base != NULL ? base + 1 : path;
	for (i = 0; i < c->nfile_colors; i++) {
		fc = &c->file_colors[i];
		if (fc->index != 0 ? fc->index == file + 1 :
		    strcmp(fc->name, path) == 0 || strcmp(fc->name, base) == 0)
			color = fc->color;
	}
	return color;
}

void
conf_query_env(const struct conf *c, struct query_env *env)
{
	memset(env, 0, sizeof *env);
	env->saved = c->saved;
	env->nsaved = c->nsaved;
}

void
conf_free(struct conf *c)
{
	size_t	i;

	free(c->author);
	for (i = 0; i < c->nfile_colors; i++)
		free(c->file_colors[i].name);
	free(c->file_colors);
	free(c->bindings);
	free(c->filter);
	for (i = 0; i < c->nsaved; i++) {
		free((void *)(uintptr_t)c->saved[i].name);
		free((void *)(uintptr_t)c->saved[i].text);
	}
	free(c->saved);
	conf_init(c);
}
