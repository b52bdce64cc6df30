/* SPDX-License-Identifier: MIT */
/* Shared command-line handling; see cli.h. */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "changes.h"
#include "cli.h"
#include "conf.h"
#include "diag.h"
#include "load.h"
#include "marks.h"
#include "query.h"
#include "text.h"
#include "xmalloc.h"

enum {
	OPT_FILTER = 256, OPT_FROM, OPT_TO, OPT_TAG, OPT_ACTOR, OPT_STATUS,
	OPT_GREP, OPT_BRIEF, OPT_FULL, OPT_WIDTH, OPT_CONFIG, OPT_HELP,
	OPT_VERSION, OPT_SINCE
};

struct cli_option {
	struct option	 opt;
	unsigned	 group;		/* 0: always */
	const char	*field;		/* query field for shorthands */
};

static const struct cli_option cli_options[] = {
	{ { "filter", required_argument, NULL, OPT_FILTER }, CLI_OPT_FILTER, NULL },
	{ { "from", required_argument, NULL, OPT_FROM }, CLI_OPT_FILTER, "from" },
	{ { "to", required_argument, NULL, OPT_TO }, CLI_OPT_FILTER, "to" },
	{ { "tag", required_argument, NULL, OPT_TAG }, CLI_OPT_FILTER, "tag" },
	{ { "actor", required_argument, NULL, OPT_ACTOR }, CLI_OPT_FILTER, "actor" },
	{ { "status", required_argument, NULL, OPT_STATUS }, CLI_OPT_FILTER, "status" },
	{ { "grep", required_argument, NULL, OPT_GREP }, CLI_OPT_FILTER, "" },
	{ { "since", required_argument, NULL, OPT_SINCE }, CLI_OPT_FILTER, NULL },
	{ { "brief", no_argument, NULL, OPT_BRIEF }, CLI_OPT_LAYOUT, NULL },
	{ { "full", no_argument, NULL, OPT_FULL }, CLI_OPT_LAYOUT, NULL },
	{ { "width", required_argument, NULL, OPT_WIDTH }, CLI_OPT_LAYOUT, NULL },
	{ { "config", required_argument, NULL, OPT_CONFIG }, 0, NULL },
	{ { "help", no_argument, NULL, OPT_HELP }, 0, NULL },
	{ { "version", no_argument, NULL, OPT_VERSION }, 0, NULL },
};
#define CLI_NOPTIONS (sizeof cli_options / sizeof cli_options[0])

static void
cli_vsay(FILE *fp, const char *lead, const char *fmt, va_list ap)
{
	struct buf	b = BUF_INIT, s = BUF_INIT;

	buf_adds(&b, lead);
	buf_vprintf(&b, fmt, ap);
	text_sanitize(&s, b.data, b.len, 0);
	buf_addc(&s, '\n');
	fputs(s.data, fp);
	buf_free(&b);
	buf_free(&s);
}

void
cli_say(FILE *fp, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	cli_vsay(fp, "", fmt, ap);
	va_end(ap);
}

int
cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list	ap;
	char	lead[64];

	/* cmd is one of the command table's names. */
	snprintf(lead, sizeof lead, "tlv%s%s: ", *cmd != '\0' ? " " : "", cmd);
	va_start(ap, fmt);
	cli_vsay(stderr, lead, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'tlv%s%s --help'.\n", *cmd != '\0' ? " " : "",
	    cmd);
	return CLI_USAGE;
}

void
cli_config(const char *cmd, const char *option, struct conf *conf)
{
	struct conf		 mine;
	struct diag_list	 diags = DIAG_LIST_INIT;
	bool			 required;
	char			*path = conf_path(option, &required);

	if (conf == NULL)
		conf = &mine;
	conf_init(conf);
	if (path != NULL && !conf_load(conf, path, required, &diags)) {
		fprintf(stderr, "tlv%s%s: configuration problems (a bad line "
		    "is skipped):\n", *cmd != '\0' ? " " : "", cmd);
		diag_print(&diags, stderr, DIAG_WARNING);
	}
	diag_free(&diags);
	free(path);
	if (conf == &mine)
		conf_free(&mine);
}

static const struct cli_option *
cli_find(int val)
{
	size_t	i;

	for (i = 0; i < CLI_NOPTIONS; i++)
		if (cli_options[i].opt.val == val)
			return &cli_options[i];
	return NULL;
}

static bool
cli_set_width(struct cli *c, const char *arg)
{
	char		*end;
	unsigned long	 w = strtoul(arg, &end, 10);

	if (*arg < '0' || *arg > '9' || *end != '\0' || w < 20 || w > 10000)
		return false;
	c->width = (size_t)w;
	return true;
}

/* Apply one option; false on a bad value. */
static bool
cli_apply(struct cli *c, int val, const char *arg)
{
	const struct cli_option	*o = cli_find(val);

	switch (val) {
	case OPT_FILTER:
		if (c->filter.len != 0)
			buf_addc(&c->filter, ' ');
		buf_adds(&c->filter, arg);
		return true;
	case OPT_BRIEF:
		c->mode = SUMMARY_BRIEF;
		return true;
	case OPT_FULL:
		c->mode = SUMMARY_FULL;
		return true;
	case OPT_WIDTH:
		return cli_set_width(c, arg);
	case OPT_CONFIG:
		c->config = arg;
		return true;
	case OPT_SINCE:
		c->since = arg;
		return true;
	case OPT_TAG:
	case OPT_STATUS:
		query_append_list(&c->filter, o->field, arg);
		return true;
	default:
		query_append_term(&c->filter, *o->field != '\0' ? o->field :
		    NULL, arg);
		return true;
	}
}

int
cli_option_error(const char *cmd, const struct option *opts,
    const char *arg)
{
	const struct option *only = NULL;	/* the one it starts, if */
	const char	*eq, *best, **names;
	struct buf	 b = BUF_INIT, all = BUF_INIT;
	size_t		 i, n, len, starts = 0;
	int		 status;

	if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
		return cli_usage_error(cmd, "unknown option '%s'", arg);
	arg += 2;
	len = (eq = strchr(arg, '=')) != NULL ? (size_t)(eq - arg) :
	    strlen(arg);
	text_sanitize(&b, arg, len, 0);	/* the name, to compare */
	for (n = 0; opts[n].name != NULL; n++)
		;
	names = xreallocarray(NULL, n + 1, sizeof *names);
	for (i = 0; i < n; i++)
		names[i] = opts[i].name;
	for (i = 0; i < n; i++) {
		if (strncmp(opts[i].name, arg, len) == 0) {
			if (strlen(opts[i].name) == len) {
				only = &opts[i];
				starts = 1;
				break;
			}
			only = &opts[i];
			buf_printf(&all, "%s--%s", starts++ > 0 ? ", " : "",
			    opts[i].name);
		}
	}
	best = starts == 0 ? text_closest(buf_str(&b), names, n) : NULL;
	if (starts == 1)
		status = cli_usage_error(cmd, only->has_arg == no_argument ?
		    "option '--%s' takes no value" :
		    "option '--%s' needs a value", only->name);
	else if (starts > 1)
		status = cli_usage_error(cmd, "option '--%s' is ambiguous "
		    "(%s)", arg, buf_str(&all));
	else if (best != NULL)
		status = cli_usage_error(cmd, "unknown option '--%s' (did you "
		    "mean '--%s'?)", arg, best);
	else
		status = cli_usage_error(cmd, "unknown option '--%s'", arg);
	free(names);
	buf_free(&b);
	buf_free(&all);
	return status;
}

int
cli_parse(struct cli *c, int argc, char **argv, unsigned groups,
    const char *usage, int *status)
{
	struct option	opts[CLI_NOPTIONS + 1];
	size_t		i, n = 0;
	int		ch;

	for (i = 0; i < CLI_NOPTIONS; i++)
		if (cli_options[i].group == 0 ||
		    (cli_options[i].group & groups) != 0)
			opts[n++] = cli_options[i].opt;
	memset(&opts[n], 0, sizeof opts[n]);
	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (ch == 'h' || ch == OPT_HELP) {
			fputs(usage, stdout);
			*status = CLI_OK;
			return -1;
		}
		if (ch == OPT_VERSION) {
			printf("tlv %s\n", PACKAGE_VERSION);
			*status = CLI_OK;
			return -1;
		}
		if (ch == '?' || ch == ':') {
			*status = cli_option_error(c->cmd, opts,
			    argv[optind - 1]);
			return -1;
		}
		if (!cli_apply(c, ch, optarg)) {
			*status = cli_usage_error(c->cmd, "invalid --width '%s' "
			    "(a number from 20 to 10000)", optarg);
			return -1;
		}
	}
	c->paths = argv + optind;
	c->npaths = (size_t)(argc - optind);
	return 0;
}

/*
 * What a --filter may refer to: the config's saved filters (@NAME) and the
 * user's marks (has:mark, read on first use).  A query borrows it, and
 * commands free their query after cli_free, so it lives as long as the
 * process.
 */
static struct cli_env {
	struct conf		conf;
	struct marks		marks;
	struct marks_index	index;
	bool			loaded;
	struct query_env	env;
	struct diag_list	diags;		/* the config's */
} cli_env;

static bool
cli_marked(void *arg, const struct timeline *tl, const struct tl_event *e)
{
	struct cli_env	*x = arg;
	char		*path, *err = NULL;

	if (!x->loaded) {
		x->loaded = true;
		if ((path = marks_path()) != NULL &&
		    !marks_load(&x->marks, path, &err)) {
			cli_say(stderr, "tlv: %s (no event is marked)", err);
			free(err);
		}
		free(path);
		marks_index_init(&x->index, &x->marks);
	}
	return marks_index_has(&x->index, tl, e);
}

/* The env for c's queries, the config read quietly (the command reports
 * its problems when it reads it again). */
static const struct query_env *
cli_query_env(const struct cli *c)
{
	bool			 required;
	char			*path = conf_path(c->config, &required);

	conf_free(&cli_env.conf);
	diag_free(&cli_env.diags);
	if (path != NULL)
		conf_load(&cli_env.conf, path, required, &cli_env.diags);
	free(path);
	conf_query_env(&cli_env.conf, &cli_env.env);
	cli_env.env.marked = cli_marked;
	cli_env.env.marked_arg = &cli_env;
	return &cli_env.env;
}

struct query *
cli_query(const struct cli *c, bool *ok)
{
	struct query	*q;
	char		*err = NULL;
	size_t		 col = 0, i;
	struct buf	 b = BUF_INIT;

	*ok = true;
	if (c->filter.len == 0)
		return NULL;
	if ((q = query_parse_env(c->filter.data, cli_query_env(c), &err,
	    &col)) != NULL)
		return q;
	*ok = false;
	text_sanitize(&b, err, strlen(err), 0);
	fprintf(stderr, "tlv%s%s: invalid filter at column %zu: %s\n",
	    *c->cmd != '\0' ? " " : "", c->cmd, col + 1, b.data);
	buf_reset(&b);
	text_sanitize(&b, c->filter.data, c->filter.len, 0);
	fprintf(stderr, "  %s\n  ", b.data);
	buf_reset(&b);
	text_sanitize(&b, c->filter.data, col, 0);
	for (i = text_width(b.data, b.len); i > 0; i--)
		fputc(' ', stderr);
	fputs("^\n", stderr);
	/* An @NAME may be unknown because its line was bad: say so. */
	if (cli_env.diags.errors > 0) {
		fprintf(stderr, "tlv%s%s: configuration problems (a bad line "
		    "is skipped):\n", *c->cmd != '\0' ? " " : "", c->cmd);
		diag_print(&cli_env.diags, stderr, DIAG_WARNING);
	}
	buf_free(&b);
	free(err);
	return NULL;
}

int
cli_since_check(const struct cli *c, const struct query *q)
{
	/* The bare command's --since is the viewer's, for its marks
	 * (piped, it has none to show). */
	if (c->since == NULL || *c->cmd == '\0' || query_uses(q, "changed"))
		return CLI_OK;
	return cli_usage_error(c->cmd, "--since %s: only changed: in --filter "
	    "uses it, and the filter has none", c->since);
}

int
cli_begin(struct cli *c, int argc, char **argv, unsigned groups,
    const char *usage, struct query **q, int *status)
{
	bool	ok;

	*q = NULL;
	if (cli_parse(c, argc, argv, groups, usage, status) == -1) {
		cli_free(c);
		return -1;
	}
	*q = cli_query(c, &ok);
	if (!ok) {
		cli_free(c);
		*status = CLI_USAGE;
		return -1;
	}
	if ((*status = cli_since_check(c, *q)) != CLI_OK) {
		if (*q != NULL)
			query_free(*q);
		*q = NULL;
		cli_free(c);
		return -1;
	}
	return 0;
}

/* The bundled timelines: $TLV_TIMELINES, the build tree (next to the
 * binary's directory), or the installed copy. */
static const char *
cli_bundled(void)
{
	static char	path[PATH_MAX + 32];
	const char	*env = getenv("TLV_TIMELINES");
	char		*slash;
	struct stat	 st;
	ssize_t		 n;

	if (env != NULL && *env != '\0')
		return env;
	n = readlink("/proc/self/exe", path, PATH_MAX);
	if (n > 0) {
		path[n] = '\0';
		if ((slash = strrchr(path, '/')) != NULL) {
			*slash = '\0';	/* .../src: its parent holds timelines/ */
			if ((slash = strrchr(path, '/')) != NULL) {
				strcpy(slash, "/timelines");
				if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
					return path;
			}
		}
	}
	return PKGDATADIR "/timelines";
}

void
cli_paths(const struct cli *c, char ***paths, size_t *n)
{
	static char	*bundled[1];

	if (c->npaths > 0) {
		*paths = c->paths;
		*n = c->npaths;
		return;
	}
	bundled[0] = (char *)(uintptr_t)cli_bundled();
	*paths = bundled;
	*n = 1;
}

size_t
cli_width(const struct cli *c)
{
	struct winsize	ws;

	if (c->width != 0)
		return c->width;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

/* "tlv: loading big.yaml  45% (41 of 91 MB, 45000 events)" on stderr,
 * rewritten in place; cleared when the file is done. */
static void
cli_progress_line(void *ctx, const char *path, size_t done, size_t total,
    size_t events)
{
	struct buf	b = BUF_INIT;

	(void)ctx;
	if (done >= total) {
		fputs("\r\033[K", stderr);
		return;
	}
	text_sanitize(&b, path, strlen(path), 0);
	fprintf(stderr, "\rtlv: loading %s %3zu%% (%zu of %zu MB, %zu events)"
	    "\033[K", b.data, done * 100 / total, done >> 20, total >> 20,
	    events);
	buf_free(&b);
}

int
cli_changes(const struct cli *c, const struct query *q, struct timeline *tl)
{
	struct changes		 ch;
	struct changes_count	 count;
	char			**paths, *why = NULL;
	size_t			 n;
	int			 status = CLI_OK;

	if (!query_uses(q, "changed"))
		return CLI_OK;	/* cli_begin refused a --since for none */
	paths = changes_paths(tl, &n);
	changes_read(&ch, paths, n, c->since);
	changes_paths_free(paths, n);
	if (!changes_apply(&ch, tl, &count))
		why = changes_why(&ch);
	if (why != NULL && c->since != NULL)
		/* Asked for by name: not a quiet "nothing matches". */
		status = cli_usage_error(c->cmd, "--since %s: %s", c->since,
		    why);
	else if (why != NULL)
		cli_say(stderr, "tlv%s%s: changed: %s: nothing matches",
		    *c->cmd != '\0' ? " " : "", c->cmd, why);
	free(why);
	changes_free(&ch);
	return status;
}

const struct load_progress *
cli_progress(void)
{
	static const struct load_progress p = { cli_progress_line, NULL };

	return isatty(STDERR_FILENO) ? &p : NULL;
}

void
cli_free(struct cli *c)
{
	buf_free(&c->filter);
}
