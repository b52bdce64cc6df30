/* SPDX-License-Identifier: MIT */
/*
 * tlv export: the timeline in another format on stdout (export.h).
 * tlv import: a TimelineJS JSON file as tlv YAML on stdout, written with
 * yamlout so that every text reads back exactly.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "cli.h"
#include "cmd.h"
#include "cmd_load.h"
#include "date.h"
#include "export.h"
#include "html.h"
#include "lanes.h"
#include "query.h"
#include "text.h"
#include "timeline.h"
#include "xmalloc.h"
#include "yamlout.h"

static const char cmd_export_usage[] =
"usage: tlv export --format FORMAT [OPTIONS] [FILE|DIR ...]\n"
"\n"
"Write the events to standard output in another format.  With no FILE,\n"
"the bundled timelines.\n"
"\n"
"Formats (any case; md is short for markdown, ical and icalendar for ics):\n"
"  markdown     a chronology for a report: headings by year, sources as links\n"
"  json         every field, in tlv's schema (doc/export-json.md)\n"
"  csv          one row per event (RFC 4180; text cells that start with\n"
"               = + - @ get a leading ' so spreadsheets do not run them);\n"
"               tags, actors, sources one a line in their cells, a source's\n"
"               outlet, title, date and url separated by TABs\n"
"  ics          iCalendar all-day events (RFC 5545); events it cannot hold\n"
"               (open ends, BCE years) are skipped with a warning\n"
"  timelinejs   TimelineJS3 JSON (tlv can open it again)\n"
"  svg          the timeline view as a picture (lanes by file, bars, fuzzy\n"
"               parts lighter, source ticks, time axis; see tlv(1))\n"
"\n"
"  --lanes MODE       svg: the lanes, as L in the viewer: file (the default),\n"
"                     actor, tag, status, outlet or none (one lane)\n"
"\n"
"Filters (ANDed; as for 'tlv summary'):\n"
CLI_FILTER_USAGE
"\n"
"  --config FILE      the configuration file (see tlv(1))\n"
"\n"
"Exit status: 0 success, 1 a file had errors, 2 usage error.\n";

static const char cmd_export_import_usage[] =
"usage: tlv import --from timelinejs FILE.json\n"
"\n"
"Convert a TimelineJS3 JSON file to a tlv timeline (YAML) on standard\n"
"output: unique_id becomes id, start_date date, end_date end,\n"
"text.headline title, text.text description (kept as HTML: 'markup: html'),\n"
"group a tag; media, background, display dates and eras are kept under\n"
"'timelinejs' for the export, and a tlv export's 'tlv' key is read back.\n"
"\n"
"  tlv import --from timelinejs story.json > story.yaml\n"
"\n"
"  --config FILE      the configuration file (see tlv(1))\n"
"\n"
"Exit status: 0 success, 1 the file had errors, 2 usage error.\n";

/* Options of the shared parser that take a value as the next argument. */
static const char *const export_valued[] = {
	"--filter", "--from", "--to", "--tag", "--actor", "--status", "--grep",
	"--width", "--config"
};

static bool
cmd_export_is_valued(const char *arg)
{
	size_t	i;

	for (i = 0; i < sizeof export_valued / sizeof *export_valued; i++)
		if (strcmp(arg, export_valued[i]) == 0)
			return true;
	return false;
}

/*
 * Take --format FMT and --lanes MODE (or --format=FMT, --lanes=MODE) out
 * of the options (they end at the first operand or "--"), leaving the rest
 * for cli_parse in out (argv[0] kept).  Returns the new argc, or -1 if
 * --format has no value, -2 if --lanes has none.
 */
static int
cmd_export_take_format(int argc, char **argv, char **out, const char **fmt,
    const char **lanes)
{
	int	i, n = 0;

	out[n++] = argv[0];
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || a[1] == '\0' || strcmp(a, "--") == 0)
			break;
		if (strcmp(a, "--format") == 0) {
			if (++i == argc)
				return -1;
			*fmt = argv[i];
		} else if (strncmp(a, "--format=", 9) == 0)
			*fmt = a + 9;
		else if (strcmp(a, "--lanes") == 0) {
			if (++i == argc)
				return -2;
			*lanes = argv[i];
		} else if (strncmp(a, "--lanes=", 8) == 0)
			*lanes = a + 8;
		else {
			out[n++] = argv[i];
			if (cmd_export_is_valued(a) && i + 1 < argc)
				out[n++] = argv[++i];
		}
	}
	while (i < argc)
		out[n++] = argv[i++];
	out[n] = NULL;
	return n;
}

/* The skip callback: one warning per event, sanitised. */
static void
cmd_export_warn_skipped(void *arg, const struct tl_event *e, const char *why)
{
	const char	*name = e->id != NULL ? e->id : e->title;
	struct buf	 b = BUF_INIT;

	text_sanitize(&b, name, strlen(name), 0);
	fprintf(stderr, "tlv export: skipped '%s': %s\n", b.data, why);
	buf_free(&b);
	(void)arg;
}

/* The format named by --format, or a usage error. */
static int
cmd_export_pick_format(const char *name, enum export_format *fmt)
{
	struct buf	 b = BUF_INIT;
	const char	*names[EXPORT_NFORMATS], *near;
	int		 status, i;

	if (name == NULL)
		return cli_usage_error("export", "--format is required (one "
		    "of: %s)", EXPORT_FORMAT_NAMES);
	if (export_format_parse(name, fmt))
		return CLI_OK;
	for (i = 0; i < EXPORT_NFORMATS; i++)
		names[i] = export_format_name((enum export_format)i);
	near = text_closest(name, names, EXPORT_NFORMATS);
	text_sanitize(&b, name, strlen(name), 0);
	status = near != NULL ?
	    cli_usage_error("export", "unknown format '%s' (did you mean "
	    "'%s'?)", buf_str(&b), near) :
	    cli_usage_error("export", "unknown format '%s' (formats: %s)",
	    buf_str(&b), EXPORT_FORMAT_NAMES);
	buf_free(&b);
	return status;
}

/* The lanes named by --lanes (for svg), or a usage error. */
static int
cmd_export_pick_lanes(const char *name, enum export_format fmt,
    enum lanes_mode *mode)
{
	struct buf	 b = BUF_INIT;
	const char	*names[LANES_NMODES], *near;
	int		 status, i;

	*mode = LANES_FILE;
	if (name == NULL)
		return CLI_OK;
	if (fmt != EXPORT_SVG)
		return cli_usage_error("export", "--lanes is for --format svg");
	if (lanes_mode_parse(name, mode))
		return CLI_OK;
	for (i = 0; i < LANES_NMODES; i++)
		names[i] = lanes_mode_name((enum lanes_mode)i);
	near = text_closest(name, names, LANES_NMODES);
	text_sanitize(&b, name, strlen(name), 0);
	status = near != NULL ?
	    cli_usage_error("export", "unknown lanes '%s' (did you mean "
	    "'%s'?)", buf_str(&b), near) :
	    cli_usage_error("export", "unknown lanes '%s' (lanes: %s)",
	    buf_str(&b), LANES_MODE_NAMES);
	buf_free(&b);
	return status;
}

static int
cmd_export_write(struct cli *c, enum export_format fmt,
    enum lanes_mode lanes, const struct query *q)
{
	struct timeline		 tl = TIMELINE_INIT;
	struct export_opts	 opts = { .query = q, .now = date_now(),
				    .skipped = cmd_export_warn_skipped,
				    .lanes = (unsigned)lanes };
	char			**paths;
	size_t			 n;
	int			 status;

	cli_paths(c, &paths, &n);
	status = cmd_load(&tl, paths, n, CMD_LOAD_REPORT);
	if (cli_changes(c, q, &tl) != CLI_OK) {
		timeline_free(&tl);
		return CLI_USAGE;
	}
	export_write(stdout, &tl, fmt, &opts);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("tlv export: stdout");
		status = CLI_DATA_ERROR;
	}
	timeline_free(&tl);
	return status;
}

/* Options, format and filter; -1 with *status when the command should
 * end (after --help, or on a usage error). */
static int
cmd_export_parse(struct cli *c, int argc, char **argv, const char *usage,
    enum export_format *fmt, enum lanes_mode *lanes, int *status)
{
	char		**args = xreallocarray(NULL, (size_t)argc + 1,
			    sizeof *args);
	const char	 *name = NULL, *lanes_name = NULL;
	int		  nargs, rc = -1;

	nargs = cmd_export_take_format(argc, argv, args, &name, &lanes_name);
	if (nargs == -1)
		*status = cli_usage_error("export", "--format needs a value "
		    "(one of: %s)", EXPORT_FORMAT_NAMES);
	else if (nargs == -2)
		*status = cli_usage_error("export", "--lanes needs a value "
		    "(one of: %s)", LANES_MODE_NAMES);
	else if (cli_parse(c, nargs, args, CLI_OPT_FILTER, usage,
	    status) == 0 && (*status = cmd_export_pick_format(name, fmt)) ==
	    CLI_OK && (*status = cmd_export_pick_lanes(lanes_name, *fmt,
	    lanes)) == CLI_OK)
		rc = 0;
	if (rc == 0) {
		/* cli_parse points c->paths into args: back into argv. */
		c->paths = argv + (argc - (int)c->npaths);
	}
	free(args);
	return rc;
}

static int
cmd_export_run(int argc, char **argv, const char *usage)
{
	struct cli		 c = { .cmd = "export" };
	enum export_format	 fmt = EXPORT_JSON;
	enum lanes_mode		 lanes = LANES_FILE;
	struct query		*q;
	int			 status;
	bool			 ok;

	if (cmd_export_parse(&c, argc, argv, usage, &fmt, &lanes,
	    &status) == -1) {
		cli_free(&c);
		return status;
	}
	q = cli_query(&c, &ok);
	if (!ok || cli_since_check(&c, q) != CLI_OK) {
		if (q != NULL)
			query_free(q);
		cli_free(&c);
		return CLI_USAGE;
	}
	cli_config(c.cmd, c.config, NULL);
	status = cmd_export_write(&c, fmt, lanes, q);
	if (q != NULL)
		query_free(q);
	cli_free(&c);
	return status;
}

/* --- import ------------------------------------------------------------- */

/* lead + "key: value\n" (nothing if value is NULL); html: the value is
 * TimelineJS HTML text, decoded first.  Block scalars are indented two
 * more than lead.  False if nothing was written. */
static bool
cmd_export_put(struct buf *b, const char *lead, const char *key,
    const char *value, bool html)
{
	struct buf	t = BUF_INIT;

	if (value == NULL || (*value == '\0' && strcmp(key, "title") != 0))
		return false;	/* an empty optional text is no text */
	if (html)
		html_decode_refs(&t, value, strlen(value));
	else
		buf_adds(&t, value);
	buf_printf(b, "%s%s: ", lead, key);
	yamlout_scalar(b, buf_str(&t), (int)strlen(lead) + 2);
	buf_addc(b, '\n');
	buf_free(&t);
	return true;
}

/* A list of texts under key (nothing when empty). */
static void
cmd_export_import_list(struct buf *b, const char *key, const char *const *v,
    uint32_t n)
{
	uint32_t	i;

	if (n == 0)
		return;
	buf_printf(b, "    %s:\n", key);
	for (i = 0; i < n; i++) {
		buf_adds(b, "      - ");
		yamlout_scalar(b, v[i], 8);
		buf_addc(b, '\n');
	}
}

/* The verdicts and related ids (with their relations) of import_own. */
static void
cmd_export_import_claims(struct buf *b, const struct tl_event *e)
{
	const struct tl_verdict	*v;
	uint32_t		 i;

	if (tl_event_verdicts(e) != NULL)
		buf_adds(b, "    verdicts:\n");
	for (v = tl_event_verdicts(e); v != NULL &&
	    v->status != TL_STATUS_NONE; v++) {
		cmd_export_put(b, "      - ", "date", v->date_text, false);
		cmd_export_put(b, "        ", "status",
		    tl_status_name(v->status), false);
		cmd_export_put(b, "        ", "by", v->by, false);
		cmd_export_put(b, "        ", "text", v->text, false);
	}
	if (e->nrelated > 0)
		buf_adds(b, "    related:\n");
	for (i = 0; i < e->nrelated; i++) {
		const struct tl_ref *r = &e->related[i];

		if (r->rel == TL_REL_NONE) {
			buf_adds(b, "      - ");
			yamlout_scalar(b, r->text, 8);
			buf_addc(b, '\n');
			continue;
		}
		cmd_export_put(b, "      - ", "id", r->text, false);
		cmd_export_put(b, "        ", "rel",
		    tl_rel_name((enum tl_rel)r->rel), false);
	}
}

/* tlv's own fields, from a slide's "tlv" mapping (tlv's export). */
static void
cmd_export_import_own(struct buf *b, const struct tl_event *e)
{
	uint32_t	i;

	if (e->status != TL_STATUS_NONE)
		cmd_export_put(b, "    ", "status",
		    tl_status_name(e->status), false);
	cmd_export_import_list(b, "actors", e->actors, e->nactors);
	if (e->nsources > 0)
		buf_adds(b, "    sources:\n");
	for (i = 0; i < e->nsources; i++) {
		const struct tl_source *so = &e->sources[i];
		const struct tl_source_more *m = tl_event_source_more(e, i);
		const char *lead = "      - ";

		if (cmd_export_put(b, lead, "outlet", so->outlet,
		    false))
			lead = "        ";
		if (cmd_export_put(b, lead, "url", so->url, false))
			lead = "        ";
		if (cmd_export_put(b, lead, "title", so->title, false))
			lead = "        ";
		if (cmd_export_put(b, lead, "date", so->date_text, false))
			lead = "        ";
		if (m != NULL && cmd_export_put(b, lead, "via", m->via,
		    false))
			lead = "        ";
		if (m != NULL)
			cmd_export_put(b, lead, "archive", m->archive,
			    false);
	}
	cmd_export_import_claims(b, e);
	if (e->nnotes > 0)
		buf_adds(b, "    notes:\n");
	for (i = 0; i < e->nnotes; i++) {
		const struct tl_note *n = &e->notes[i];
		const char *lead = "      - ";

		if (cmd_export_put(b, lead, "at", n->at, false))
			lead = "        ";
		if (cmd_export_put(b, lead, "by", n->by, false))
			lead = "        ";
		cmd_export_put(b, lead, "text", n->text, false);
	}
}

static void
cmd_export_import_tags(struct buf *b, const struct tl_event *e)
{
	struct buf	t = BUF_INIT;
	uint32_t	i;

	if (e->ntags == 0)
		return;
	buf_adds(b, "    tags:\n");
	for (i = 0; i < e->ntags; i++) {
		buf_reset(&t);
		html_decode_refs(&t, e->tags[i], strlen(e->tags[i]));
		buf_adds(b, "      - ");
		yamlout_scalar(b, buf_str(&t), 8);
		buf_addc(b, '\n');
	}
	buf_free(&t);
}

/* The slide's keys that tlv has no field for, as a JSON (so YAML flow)
 * mapping under "timelinejs"; an export gives them back. */
static void
cmd_export_import_side(struct buf *b, const struct tl_html *h)
{
	const char	*sep = "";

	if (h == NULL || (h->display == NULL && h->extra == NULL &&
	    h->start_extra == NULL && h->end_extra == NULL))
		return;
	buf_adds(b, "    timelinejs: {");
	if (h->display != NULL) {
		buf_adds(b, "\"display_date\": ");
		export_json_string(b, h->display, strlen(h->display));
		sep = ", ";
	}
	if (h->start_extra != NULL) {
		buf_printf(b, "%s\"start_date\": {%s}", sep, h->start_extra);
		sep = ", ";
	}
	if (h->end_extra != NULL) {
		buf_printf(b, "%s\"end_date\": {%s}", sep, h->end_extra);
		sep = ", ";
	}
	if (h->extra != NULL)
		buf_printf(b, "%s%s", sep, h->extra);
	buf_adds(b, "}\n");
}

static void
cmd_export_import_event(struct buf *b, const struct timeline *tl,
    const struct tl_event *e)
{
	const struct tl_html	*h = timeline_html(tl, e);
	const char	*end = e->end_text;

	if (end != NULL && tl_event_end(e)->latest < e->date.earliest) {
		struct buf	s = BUF_INIT;

		text_sanitize(&s, e->title, strlen(e->title), 0);
		fprintf(stderr, "tlv import: '%s': end_date is before "
		    "start_date; left out\n", s.data);
		buf_free(&s);
		end = NULL;
	}
	/* The item's "- " goes on whichever field comes first: an event
	 * always has a date, so the list never loses its markers. */
	cmd_export_put(b, cmd_export_put(b, "  - ", "id",
	    e->id, false) ? "    " : "  - ", "date", e->date_text, false);
	cmd_export_put(b, "    ", "end", end, false);
	/* The HTML as it came ("markup: html"). */
	cmd_export_put(b, "    ", "title", h != NULL && h->html ?
	    h->title : e->title, false);
	cmd_export_put(b, "    ", "description", h != NULL && h->html ?
	    h->text : e->description, false);
	cmd_export_import_tags(b, e);
	cmd_export_import_own(b, e);
	cmd_export_import_side(b, h);
}

static void
cmd_export_import_write(FILE *fp, const struct timeline *tl)
{
	const struct tl_file	*f = &tl->files[0];
	struct buf		 b = BUF_INIT;
	size_t			 i;

	buf_adds(&b, "# Converted from TimelineJS by tlv import.\n");
	buf_adds(&b, "# Titles and descriptions are HTML, as in TimelineJS.\n"
	    "markup: html\n");
	cmd_export_put(&b, "", "title", f->title_html != NULL ?
	    f->title_html : f->title, false);
	cmd_export_put(&b, "", "description",
	    f->description_html != NULL ? f->description_html :
	    f->description, false);
	if (f->tljs_title != NULL || f->tljs_top != NULL) {
		buf_adds(&b, "timelinejs: {");
		if (f->tljs_title != NULL)
			buf_printf(&b, "\"title\": {%s}%s", f->tljs_title,
			    f->tljs_top != NULL ? ", " : "");
		if (f->tljs_top != NULL)
			buf_adds(&b, f->tljs_top);
		buf_adds(&b, "}\n");
	}
	buf_adds(&b, tl->nevents > 0 ? "events:\n" : "events: []\n");
	for (i = 0; i < tl->nevents; i++) {
		cmd_export_import_event(&b, tl, &tl->events[i]);
		fwrite(b.data, 1, b.len, fp);
		buf_reset(&b);
	}
	if (b.len > 0)
		fwrite(b.data, 1, b.len, fp);
	buf_free(&b);
}

enum { IMPORT_FROM = 256, IMPORT_HELP, IMPORT_VERSION, IMPORT_CONFIG };

/* Parse the options; -1 with *status when the command should end. */
static int
cmd_export_import_parse(int argc, char **argv, const char *usage,
    const char **from, const char **config, int *status)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, IMPORT_FROM },
		{ "config", required_argument, NULL, IMPORT_CONFIG },
		{ "help", no_argument, NULL, IMPORT_HELP },
		{ "version", no_argument, NULL, IMPORT_VERSION },
		{ NULL, 0, NULL, 0 }
	};
	int	ch;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (ch == IMPORT_FROM)
			*from = optarg;
		else if (ch == IMPORT_CONFIG)
			*config = optarg;
		else if (ch == 'h' || ch == IMPORT_HELP) {
			fputs(usage, stdout);
			*status = CLI_OK;
			return -1;
		} else if (ch == IMPORT_VERSION) {
			printf("tlv %s\n", PACKAGE_VERSION);
			*status = CLI_OK;
			return -1;
		} else {
			*status = cli_option_error("import", opts,
			    argv[optind - 1]);
			return -1;
		}
	}
	return 0;
}

static int
cmd_export_import(int argc, char **argv, const char *usage)
{
	struct timeline	 tl = TIMELINE_INIT;
	const char	*from = NULL, *config = NULL;
	int		 status;

	if (cmd_export_import_parse(argc, argv, usage, &from, &config,
	    &status) == -1)
		return status;
	if (from == NULL || strcmp(from, "timelinejs") != 0)
		return cli_usage_error("import", from == NULL ? "--from is "
		    "required (formats: timelinejs)" : "unknown input format "
		    "(formats: timelinejs)");
	if (argc - optind != 1)
		return cli_usage_error("import", "expected one FILE.json");
	cli_config("import", config, NULL);
	status = cmd_load(&tl, argv + optind, 1, CMD_LOAD_ERRORS |
	    CMD_LOAD_COUNT | CMD_LOAD_IN_ORDER);
	if (tl.nfiles == 1 && !tl.files[0].failed &&
	    tl.files[0].format != TL_FORMAT_TIMELINEJS && tl.nevents > 0) {
		fprintf(stderr, "tlv import: the file is not TimelineJS JSON "
		    "(no events with start_date)\n");
		status = CLI_DATA_ERROR;
	} else if (tl.nfiles == 1 && !tl.files[0].failed)
		cmd_export_import_write(stdout, &tl);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("tlv import: stdout");
		status = CLI_DATA_ERROR;
	}
	timeline_free(&tl);
	return status;
}

const struct cmd_entry cmd_export_entry = {
	"export", "--format FMT [FILE|DIR ...]",
	"markdown, json, csv, ics, timelinejs, svg", cmd_export_usage,
	cmd_export_run
};

const struct cmd_entry cmd_import_entry = {
	"import", "--from timelinejs FILE.json", "TimelineJS JSON to tlv YAML",
	cmd_export_import_usage, cmd_export_import
};
