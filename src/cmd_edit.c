/* SPDX-License-Identifier: MIT */
/*
 * The editing commands for scripts: tlv annotate, tlv add, tlv rm.  Each
 * loads the files, plans one change (edit.h), saves it safely (save.h) and
 * says what it did; anything it cannot do is an error with a reason and a
 * non-zero exit, never a partial write.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "cmd_load.h"
#include "conf.h"
#include "date.h"
#include "edit.h"
#include "lock.h"
#include "save.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"

static const char cmd_edit_annotate_usage[] =
"usage: tlv annotate [--by NAME] ID TEXT [FILE|DIR ...]\n"
"\n"
"Append a note to the event with id ID: 'at' is now (UTC), 'by' is NAME,\n"
"else the configuration's author, else $USER.  Only the event's lines\n"
"change in its file.\n"
"\n"
"  --config FILE      the configuration file (see tlv(1))\n";

static const char cmd_edit_add_usage[] =
"usage: tlv add --date DATE --title TITLE [--status S] [--tag T]...\n"
"               [--actor A]... [--id ID] FILE\n"
"\n"
"Append an event to FILE (created if missing) and print its id (made from\n"
"the date and title unless --id is given).\n"
"\n"
"  --config FILE      the configuration file (see tlv(1))\n";

static const char cmd_edit_rm_usage[] =
"usage: tlv rm ID [FILE|DIR ...]\n"
"\n"
"Delete the event with id ID from its file.\n"
"\n"
"  --config FILE      the configuration file (see tlv(1))\n";

/* The author of a note: given, else $USER, $LOGNAME, the account's
 * name, else "unknown". */
const char *
cmd_edit_author(const char *given)
{
	const char	*user = getenv("USER");
	struct passwd	*pw;

	if (given != NULL && *given != '\0')
		return given;
	if (user == NULL || *user == '\0')
		user = getenv("LOGNAME");
	if ((user == NULL || *user == '\0') && (pw = getpwuid(getuid())) != NULL)
		user = pw->pw_name;
	return user != NULL && *user != '\0' ? user : "unknown";
}

char *
cmd_edit_note(struct edit_note *n, const char *by, const char *conf_author,
    const char *text)
{
	char	*now = date_now_text();

	n->at = now;
	n->by = cmd_edit_author(by != NULL && *by != '\0' ? by : conf_author);
	n->text = text;
	return now;
}

static int
cmd_edit_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
cmd_edit_error(const char *cmd, const char *fmt, ...)
{
	struct buf	b = BUF_INIT, s = BUF_INIT;
	va_list		ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	text_sanitize(&s, b.data, b.len, 0);
	fprintf(stderr, "tlv %s: %s\n", cmd, s.data);
	buf_free(&b);
	buf_free(&s);
	return CLI_DATA_ERROR;
}

/* Load, print errors, and clear what an earlier crash left behind. */
static void
cmd_edit_load(struct timeline *tl, char **paths, size_t n)
{
	size_t	i;

	(void)cmd_load(tl, paths, n, CMD_LOAD_ERRORS);
	for (i = 0; i < tl->nfiles; i++)
		save_clean_stale(tl->files[i].path);
}

/* --- which id was meant ----------------------------------------------- */

/* A copy of s with ASCII letters in lower case. */
static char *
cmd_edit_fold(const char *s)
{
	char	*f = xstrdup(s), *p;

	for (p = f; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return f;
}

/* Does the word w[0..n) match a word of the id c (the same, or one
 * begins with most of the other: "activation", "activated")? */
static bool
cmd_edit_word_in(const char *w, size_t n, const char *c)
{
	const char	*sep = "-_. ";
	size_t		 m, k, want;

	for (; *c != '\0'; c += m + (c[m] != '\0')) {
		m = strcspn(c, sep);
		for (k = 0; k < m && k < n && c[k] == w[k]; k++)
			continue;
		want = n < m ? n : m;
		if (want > 0 && (k == want ? want >= 3 || n == m : k >= 5))
			return true;
	}
	return false;
}

/* Whether every word of the wanted id is in the candidate. */
static bool
cmd_edit_words_in(const char *want, const char *cand)
{
	const char	*sep = "-_. ";
	size_t		 n, words = 0;

	for (; *want != '\0'; want += n + (want[n] != '\0')) {
		if ((n = strcspn(want, sep)) == 0)
			continue;
		if (!cmd_edit_word_in(want, n, cand))
			return false;
		words++;
	}
	return words > 0;
}

/* How close the id cand is to want, both folded: 0 the same but for case,
 * then a few edits (more for a long id), then one inside the other, then
 * every word of want in cand; UINT_MAX when not close. */
static unsigned
cmd_edit_closeness(const char *cand, const char *want)
{
	size_t		len = strlen(want), lc = strlen(cand);
	unsigned	max = len < 5 ? 1 : len <= 8 ? 2 : len / 4 > 5 ? 5 :
			    (unsigned)(len / 4);
	unsigned	d;

	if (strcmp(cand, want) == 0)
		return 0;
	if ((d = text_distance(cand, want, max)) <= max)
		return d;
	if (len < 3)	/* "x" is in too many ids to mean one */
		return UINT_MAX;
	if (lc >= 3 && (strstr(cand, want) != NULL ||
	    strstr(want, cand) != NULL))
		return max + 1;
	return cmd_edit_words_in(want, cand) ? max + 2 : UINT_MAX;
}

#define CMD_EDIT_SUGGEST_MAX	3

/* The ids of tl closest to id (as cmd_edit_closeness; as many as tie, up to
 * CMD_EDIT_SUGGEST_MAX, first loaded first) as "'a', 'b' or 'c'" into out;
 * false if none is close. */
static bool
cmd_edit_suggest(const struct timeline *tl, const char *id, struct buf *out)
{
	const char	*best[CMD_EDIT_SUGGEST_MAX];
	unsigned	 bestd = UINT_MAX, d;
	char		*want = cmd_edit_fold(id), *cand;
	size_t		 i, n = 0;

	for (i = 0; i < tl->nevents; i++) {
		if (tl->events[i].id == NULL)
			continue;
		cand = cmd_edit_fold(tl->events[i].id);
		d = cmd_edit_closeness(cand, want);
		free(cand);
		if (d == UINT_MAX || d > bestd)
			continue;
		if (d < bestd) {
			bestd = d;
			n = 0;
		}
		if (n < CMD_EDIT_SUGGEST_MAX)
			best[n++] = tl->events[i].id;
	}
	free(want);
	for (i = 0; i < n; i++)
		buf_printf(out, "%s'%s'", i == 0 ? "" : i + 1 < n ? ", " :
		    " or ", best[i]);
	return n > 0;
}

/* The one event with this id, or NULL after an error message. */
static struct tl_event *
cmd_edit_find(struct timeline *tl, const char *cmd, const char *id)
{
	struct tl_event	*found = NULL;
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < tl->nevents; i++) {
		struct tl_event *e = &tl->events[i];

		if (e->id == NULL)
			continue;
		if (strcmp(e->id, id) == 0) {
			if (found != NULL) {
				cmd_edit_error(cmd, "ambiguous id '%s': in "
				    "%s:%u and %s:%u", id,
				    tl->files[found->file].path,
				    found->span.line, tl->files[e->file].path,
				    e->span.line);
				return NULL;
			}
			found = e;
		}
	}
	/* An event that was not loaded for its errors may have the id. */
	for (i = 0; i < tl->ndropped; i++) {
		const struct tl_dropped_id *dr = &tl->dropped[i];

		if (dr->id == NULL || strcmp(dr->id, id) != 0)
			continue;
		if (found != NULL)
			cmd_edit_error(cmd, "ambiguous id '%s': in %s:%u and "
			    "%s:%u (not loaded: it has errors)", id,
			    tl->files[found->file].path, found->span.line,
			    tl->files[dr->file].path, dr->line);
		else
			cmd_edit_error(cmd, "the event '%s' at %s:%u has "
			    "errors (above); nothing changed", id,
			    tl->files[dr->file].path, dr->line);
		return NULL;
	}
	if (found != NULL)
		return found;
	/* After a file could not be read, "no event" would mislead: the
	 * event may be in it. */
	if (cmd_load_refused(cmd, tl))
		;	/* it said so */
	else if (cmd_edit_suggest(tl, id, &b))
		cmd_edit_error(cmd, "no event with id '%s' (did you mean "
		    "%s?)", id, b.data);
	else
		cmd_edit_error(cmd, "no event with id '%s'", id);
	buf_free(&b);
	return NULL;
}

/* A planner: fills ed from the file's bytes. */
typedef bool (*edit_planner)(const char *, size_t, const void *,
    struct edit *, char **);

/*
 * One change from the command line.  find looks for what it is about in
 * tl (the file it goes to, the planner's argument), printing why not; it
 * is called again if the file changed before the save got its lock, on a
 * fresh load of the same paths.
 */
struct edit_run {
	const char	 *cmd;
	struct timeline	 *tl;
	char		**paths;
	size_t		  n;
	struct tl_file	*(*find)(struct edit_run *);
	edit_planner	  plan;
	void		 *arg;
};

static bool
cmd_edit_run_plan(void *ctx, const char *buf, size_t len, struct edit *ed,
    char **err)
{
	struct edit_run	*r = ctx;

	return r->plan(buf, len, r->arg, ed, err);
}

/* Planned and checked: the events are not read again (their memory is
 * the new file's pages' to take), only the files' paths. */
static void
cmd_edit_run_checked(void *ctx)
{
	struct edit_run	*r = ctx;

	timeline_drop_events(r->tl);
}

/* Under the save's lock: the file changed, so load it again. */
static struct tl_file *
cmd_edit_run_reload(void *ctx, char **err)
{
	struct edit_run	*r = ctx;

	(void)err;	/* find says why */
	timeline_free(r->tl);
	*r->tl = (struct timeline)TIMELINE_INIT;
	cmd_edit_load(r->tl, r->paths, r->n);
	return r->find(r);
}

static void
cmd_edit_run_waiting(void *ctx, const char *path, const char *holder)
{
	struct edit_run	*r = ctx;
	char		*say = lock_waiting_text(path, holder);

	cmd_edit_error(r->cmd, "%s", say);
	free(say);
}

/* Find, plan, save (locked; see save_change); report failures. */
static int
cmd_edit_change(struct edit_run *r)
{
	struct save_job	 job;
	struct tl_file	*f;
	char		*err = NULL;
	int		 status = CLI_OK;

	if ((f = r->find(r)) == NULL)
		return CLI_DATA_ERROR;
	memset(&job, 0, sizeof job);
	job.file = f;
	job.plan = cmd_edit_run_plan;
	job.reload = cmd_edit_run_reload;
	job.checked = cmd_edit_run_checked;
	job.unhashed = true;	/* the command ends with the save */
	job.waiting = cmd_edit_run_waiting;
	job.ctx = r;
	job.tl = r->tl;
	job.late = true;	/* one pass over the file: as it is written */
	if (!save_change(&job, &err))
		status = err != NULL ? cmd_edit_error(r->cmd, "%s", err) :
		    CLI_DATA_ERROR;
	free(err);
	return status;
}

/* Usage parsing shared by annotate and rm: returns optind or -1. */
static int
cmd_edit_options(int argc, char **argv, const char *usage, const char **by,
    const char **config, int *status)
{
	static const struct option opts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int	ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (ch == 'h') {
			fputs(usage, stdout);
			*status = CLI_OK;
			return -1;
		}
		if (ch == 'b' && by != NULL) {
			*by = optarg;
			continue;
		}
		if (ch == 'c') {
			*config = optarg;
			continue;
		}
		*status = cli_option_error(argv[0], opts, argv[optind - 1]);
		return -1;
	}
	return optind;
}

/* annotate and rm: the event with this id.  e is gone once the change
 * is checked (cmd_edit_run_checked); f, id and links stay. */
struct id_args {
	const char		*id;
	const struct tl_event	*e;
	const struct tl_file	*f;	/* e's */
	struct edit_note	 note;
	struct buf		 links;	/* rm: who names it, or empty */
};

static struct tl_file *
cmd_edit_find_id(struct edit_run *r)
{
	struct id_args	*a = r->arg;

	if ((a->e = cmd_edit_find(r->tl, r->cmd, a->id)) == NULL)
		return NULL;
	a->f = &r->tl->files[a->e->file];
	return &r->tl->files[a->e->file];
}

static bool
cmd_edit_plan_note(const char *buf, size_t len, const void *arg,
    struct edit *ed, char **err)
{
	const struct id_args	*a = arg;

	return edit_fields_allowed(a->f, err) &&
	    edit_plan_note(buf, len, a->e, &a->note, ed, err);
}

static bool
cmd_edit_plan_delete(const char *buf, size_t len, const void *arg,
    struct edit *ed, char **err)
{
	const struct id_args	*a = arg;

	return edit_plan_delete(buf, len, a->e, ed, err);
}

static int
cmd_edit_annotate(int argc, char **argv, const char *usage)
{
	struct cli		 c = { .cmd = "annotate" };
	struct timeline		 tl = TIMELINE_INIT;
	struct id_args		 a;
	struct edit_run		 r = { .cmd = "annotate", .tl = &tl,
				    .find = cmd_edit_find_id,
				    .plan = cmd_edit_plan_note, .arg = &a };
	struct conf		 conf;
	const char		*by = NULL, *config = NULL;
	char			*now;
	int			 i, status;

	if ((i = cmd_edit_options(argc, argv, usage, &by, &config,
	    &status)) == -1)
		return status;
	if (argc - i < 2)
		return cli_usage_error("annotate", "give an event ID and the "
		    "TEXT of the note");
	if (argv[i][0] == '\0')
		return cli_usage_error("annotate", "the event ID is empty");
	if (argv[i + 1][0] == '\0')
		return cli_usage_error("annotate", "the note is empty");
	c.paths = argv + i + 2;
	c.npaths = (size_t)(argc - i - 2);
	cli_config(c.cmd, config, &conf);
	cli_paths(&c, &r.paths, &r.n);
	cmd_edit_load(&tl, r.paths, r.n);
	memset(&a, 0, sizeof a);
	a.id = argv[i];
	now = cmd_edit_note(&a.note, by, conf.author, argv[i + 1]);
	status = cmd_edit_change(&r);
	if (status == CLI_OK)
		cli_say(stdout, "annotated %s in %s", a.id, a.f->path);
	free(now);
	timeline_free(&tl);
	conf_free(&conf);
	return status;
}

/* The event to delete, and which events still name it in their related
 * list (said after the deletion). */
static struct tl_file *
cmd_edit_find_rm(struct edit_run *r)
{
	struct id_args	*a = r->arg;
	struct tl_file	*f;

	if ((f = cmd_edit_find_id(r)) != NULL) {
		buf_free(&a->links);
		(void)timeline_links_to(r->tl, a->id, &a->links);
	}
	return f;
}

static int
cmd_edit_rm(int argc, char **argv, const char *usage)
{
	struct cli	 c = { .cmd = "rm" };
	struct timeline	 tl = TIMELINE_INIT;
	struct id_args	 a;
	struct edit_run	 r = { .cmd = "rm", .tl = &tl, .find = cmd_edit_find_rm,
			    .plan = cmd_edit_plan_delete, .arg = &a };
	const char	*config = NULL;
	int		 i, status;

	if ((i = cmd_edit_options(argc, argv, usage, NULL, &config,
	    &status)) == -1)
		return status;
	if (argc - i < 1)
		return cli_usage_error("rm", "give the ID of the event to "
		    "delete");
	if (argv[i][0] == '\0')
		return cli_usage_error("rm", "the event ID is empty");
	cli_config(c.cmd, config, NULL);
	c.paths = argv + i + 1;
	c.npaths = (size_t)(argc - i - 1);
	cli_paths(&c, &r.paths, &r.n);
	cmd_edit_load(&tl, r.paths, r.n);
	memset(&a, 0, sizeof a);
	a.id = argv[i];
	status = cmd_edit_change(&r);
	if (status == CLI_OK) {
		cli_say(stdout, "removed %s from %s", a.id, a.f->path);
		if (a.links.len > 0)
			cli_say(stderr, "tlv rm: warning: '%s' is still named "
			    "in the related list of %s", a.id, a.links.data);
	}
	buf_free(&a.links);
	timeline_free(&tl);
	return status;
}

/* --- add ----------------------------------------------------------------- */

struct add_args {
	const struct tl_file	*f;
	struct edit_event	 ev;
	const char		**tags, **actors;
	const char		 *config;	/* --config, or NULL */
	const char		 *path;
	const char		 *given_id;	/* --id, or NULL */
	char			 *slug;		/* made, or NULL */
};

/* The file (loaded without errors that stop it) and a free id. */
static struct tl_file *
cmd_edit_find_add(struct edit_run *r)
{
	struct add_args	*a = r->arg;

	if (r->tl->nfiles != 1 || r->tl->files[0].failed) {
		cmd_edit_error("add", "cannot add to %s: it does not load",
		    a->path);
		return NULL;
	}
	if (a->given_id != NULL && timeline_find_id(r->tl, a->given_id) !=
	    NULL) {
		cmd_edit_error("add", "id '%s' is taken", a->given_id);
		return NULL;
	}
	free(a->slug);
	a->slug = NULL;
	a->ev.id = a->given_id;
	if (a->ev.id == NULL)
		a->ev.id = a->slug = edit_slug(r->tl, a->ev.date, a->ev.title);
	a->f = &r->tl->files[0];
	return &r->tl->files[0];
}

static bool
cmd_edit_plan_add(const char *buf, size_t len, const void *arg, struct edit *ed,
    char **err)
{
	const struct add_args	*a = arg;

	return edit_plan_add(buf, len, a->f, &a->ev, ed, err);
}

/* A new timeline file for 'tlv add' to a path that does not exist. */
static bool
cmd_edit_add_create(const char *path)
{
	const char	*base = strrchr(path, '/');
	struct buf	 b = BUF_INIT;
	FILE		*fp;
	bool		 ok;

	base = base != NULL ? base + 1 : path;
	buf_adds(&b, "title: ");
	edit_scalar(&b, base, false);
	buf_adds(&b, "\nevents:\n");
	if ((fp = fopen(path, "wx")) == NULL)
		return false;
	ok = fwrite(b.data, 1, b.len, fp) == b.len;
	ok = fclose(fp) == 0 && ok;
	buf_free(&b);
	return ok;
}

static bool
cmd_edit_add_parse(struct add_args *a, int argc, char **argv,
    const char *usage, int *status)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "title", required_argument, NULL, 't' },
		{ "status", required_argument, NULL, 's' },
		{ "tag", required_argument, NULL, 'g' },
		{ "actor", required_argument, NULL, 'a' },
		{ "id", required_argument, NULL, 'i' },
		{ "config", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int	ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (ch) {
		case 'd': a->ev.date = optarg; break;
		case 't': a->ev.title = optarg; break;
		case 's': a->ev.status = optarg; break;
		case 'i': a->ev.id = optarg; break;
		case 'c': a->config = optarg; break;
		case 'g':
			a->tags = xreallocarray(a->tags, a->ev.ntags + 1,
			    sizeof *a->tags);
			a->tags[a->ev.ntags++] = optarg;
			break;
		case 'a':
			a->actors = xreallocarray(a->actors, a->ev.nactors + 1,
			    sizeof *a->actors);
			a->actors[a->ev.nactors++] = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			*status = CLI_OK;
			return false;
		default:
			*status = cli_option_error("add", opts,
			    argv[optind - 1]);
			return false;
		}
	}
	a->ev.tags = a->tags;
	a->ev.actors = a->actors;
	return true;
}

/* The values must be what a timeline accepts. */
static bool
cmd_edit_add_check(const struct add_args *a, int argc, int i, int *status)
{
	struct date_range	 r;
	enum tl_status		 st;
	char			*err = NULL;

	if (a->ev.date == NULL || a->ev.title == NULL || *a->ev.title == '\0')
		*status = cli_usage_error("add", "--date and --title are "
		    "required");
	else if (argc - i != 1)
		*status = cli_usage_error("add", "give exactly one FILE to add "
		    "to");
	else if (!date_parse(a->ev.date, strlen(a->ev.date), 0, &r, &err,
	    NULL)) {
		*status = cli_usage_error("add", "%s", err);
		free(err);
	} else if (a->ev.status != NULL && !tl_status_parse(a->ev.status,
	    strlen(a->ev.status), &st))
		*status = cli_usage_error("add", "unknown status '%s' "
		    "(confirmed, reported, alleged, disputed or denied)",
		    a->ev.status);
	else if (a->ev.id != NULL && (*a->ev.id == '\0' ||
	    !text_is_clean(a->ev.id, strlen(a->ev.id), 0) ||
	    strpbrk(a->ev.id, " \t") != NULL))
		/* An id is typed back on command lines and in queries. */
		*status = cli_usage_error("add", "invalid --id '%s': one word "
		    "of printable characters, such as 'wsj-contact'",
		    a->ev.id);
	else
		return true;
	return false;
}

static int
cmd_edit_add(int argc, char **argv, const char *usage)
{
	struct add_args	 a;
	struct timeline	 tl = TIMELINE_INIT;
	struct edit_run	 r = { .cmd = "add", .tl = &tl,
			    .find = cmd_edit_find_add,
			    .plan = cmd_edit_plan_add, .arg = &a, .n = 1 };
	struct stat	 st;
	int		 status = CLI_OK;

	memset(&a, 0, sizeof a);
	if (!cmd_edit_add_parse(&a, argc, argv, usage, &status) ||
	    !cmd_edit_add_check(&a, argc, optind, &status))
		goto out;
	cli_config("add", a.config, NULL);
	if (stat(argv[optind], &st) == -1 && errno == ENOENT &&
	    !cmd_edit_add_create(argv[optind])) {
		status = cmd_edit_error("add", "cannot create %s: %s",
		    argv[optind], strerror(errno));
		goto out;
	}
	a.path = argv[optind];
	a.given_id = a.ev.id;
	r.paths = argv + optind;
	cmd_edit_load(&tl, r.paths, 1);
	status = cmd_edit_change(&r);
	if (status == CLI_OK)
		cli_say(stdout, "%s", a.ev.id);
out:
	free(a.slug);
	free(a.tags);
	free(a.actors);
	timeline_free(&tl);
	return status;
}

const struct cmd_entry cmd_annotate_entry = {
	"annotate", "[--by NAME] ID TEXT [FILE|DIR ...]",
	"append a note to event ID", cmd_edit_annotate_usage, cmd_edit_annotate
};

const struct cmd_entry cmd_add_entry = {
	"add", "--date D --title T [--status S] [--tag T]... [--actor A]... "
	"FILE", "add an event", cmd_edit_add_usage, cmd_edit_add
};

const struct cmd_entry cmd_rm_entry = {
	"rm", "ID [FILE|DIR ...]", "delete event ID", cmd_edit_rm_usage,
	cmd_edit_rm
};
