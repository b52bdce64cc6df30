/* SPDX-License-Identifier: MIT */
/*
 * The filter query (src/query.c).  A hand-built timeline modelled on the
 * Musk/Putin/Starlink reporting (no YAML loader involved); every query is
 * checked against the exact set of events it keeps, named by fixture label
 * in fixture order.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check_suites.h"
#include "date.h"
#include "query.h"
#include "storydiff.h"
#include "timeline.h"

#define FX_MAX	4

struct fx_source {
	const char	*outlet;
	const char	*date;		/* NULL: undated source */
};

struct fx_event {
	const char		*label;
	const char		*id;
	const char		*date;
	const char		*end;
	const char		*title;
	const char		*description;
	enum tl_status		 status;
	uint32_t		 file;
	const char		*tags[FX_MAX];
	const char		*actors[FX_MAX];
	const char		*notes[FX_MAX];
	struct fx_source	 sources[FX_MAX];
	const char		*related[FX_MAX];
};

static const char *const fx_paths[] = {
	"timelines/musk-kremlin.yaml",
	"timelines/reactions/world.yaml"
};

static const struct fx_event fx_events[] = {
	{ .label = "activation", .id = "starlink-activation",
	  .date = "2022-02-26",
	  .title = "Starlink activated over Ukraine after Fedorov's request",
	  .status = TL_STATUS_CONFIRMED,
	  .tags = { "starlink", "ukraine" },
	  .actors = { "Elon Musk", "Mykhailo Fedorov" },
	  .sources = { { "Reuters", "2022-02-27" } } },
	{ .label = "crimea", .id = "crimea-outage", .date = "2022-09",
	  .title = "Starlink disabled near Crimea during a drone attack",
	  .description = "Walter Isaacson's biography says Musk refused to "
	    "enable coverage.",
	  .status = TL_STATUS_REPORTED,
	  .tags = { "starlink", "ukraine", "crimea" },
	  .actors = { "Elon Musk", "Walter Isaacson" },
	  .notes = { "Musk disputes the characterization." },
	  .sources = { { "The Washington Post", "2023-09-12" },
	    { "CNN", "2023-09-07" } } },
	{ .label = "wsj", .id = "wsj-musk-putin-contact",
	  .date = "late 2022", .end = "ongoing",
	  .title = "Musk reportedly begins regular contact with Putin",
	  .description = "Several current and former officials told the WSJ "
	    "of secret talks.",
	  .status = TL_STATUS_ALLEGED,
	  .tags = { "starlink", "russia" },
	  .actors = { "Elon Musk", "Vladimir Putin" },
	  .notes = { "Check whether the Kremlin commented." },
	  .sources = { { "The Wall Street Journal", "2024-10-24" } },
	  .related = { "taiwan-request" } },
	{ .label = "taiwan", .id = "taiwan-request", .date = "mid 2023",
	  .title = "Putin reportedly asked Musk not to activate Starlink "
	    "over Taiwan",
	  .status = TL_STATUS_ALLEGED,
	  .tags = { "starlink", "taiwan", "china" },
	  .actors = { "Vladimir Putin", "ELON MUSK" },
	  .sources = { { "The Wall Street Journal", "2024-10-24" } } },
	{ .label = "denial", .id = "kremlin-denial", .date = "2024-10-25",
	  .title = "Kremlin denies regular contacts",
	  .description = "Peskov called the report \"a hoax\" and said they "
	    "spoke once, in 2021.",
	  .status = TL_STATUS_DENIED,
	  .tags = { "russia" },
	  .actors = { "Dmitry Peskov" },
	  .sources = { { "TASS", "2024-10-25" }, { "Reuters", NULL } } },
	{ .label = "clubhouse", .id = NULL, .date = "February 2021",
	  .title = "Musk invites Putin to a Clubhouse chat",
	  .tags = { "Russia" },
	  .actors = { "Elon Musk", "Vladimir Putin" } },
	{ .label = "moscow", .id = "moscow-statement", .file = 1,
	  .date = "2024-11", .end = "2024-12",
	  .title = "Москва: заявление о Starlink",
	  .status = TL_STATUS_DISPUTED,
	  .tags = { "russia" },
	  .actors = { "Дмитрий Песков" },
	  .sources = { { "RIA Novosti", NULL } } },
	{ .label = "elysee", .id = "elysee-comment", .file = 1,
	  .date = "2023-Q2",
	  .title = "Élysée comments on Starlink in Ukraine",
	  .description = "Paris backs Kyiv; archived at \\\\lemonde\\2023.",
	  .status = TL_STATUS_REPORTED,
	  .tags = { "france", "starlink" },
	  .actors = { "Emmanuel Macron" },
	  .sources = { { "Le Monde", "2023-05-02" } } },
};
#define FX_N	(sizeof fx_events / sizeof fx_events[0])
#define FX_ALL	"activation crimea wsj taiwan denial clubhouse moscow elysee"

/* The timeline built from fx_events; everything lives in here. */
struct fixture {
	char			paths[2][64];
	struct tl_file		files[2];
	struct tl_event		events[FX_N];
	struct tl_extra		extras[FX_N];
	const char		*tags[FX_N][FX_MAX];
	const char		*actors[FX_N][FX_MAX];
	struct tl_note		notes[FX_N][FX_MAX];
	struct tl_source	sources[FX_N][FX_MAX];
	struct tl_ref		related[FX_N][FX_MAX];
	struct timeline		tl;
};

static struct date_range
fx_date(const char *text, unsigned opts)
{
	struct date_range	r;
	char			*err = NULL;

	ck_assert_msg(date_parse(text, strlen(text), opts, &r, &err, NULL),
	    "fixture date '%s': %s", text, err != NULL ? err : "?");
	return r;
}

static uint32_t
fx_copy_strings(const char **dst, const char *const *src)
{
	uint32_t	n;

	for (n = 0; n < FX_MAX && src[n] != NULL; n++)
		dst[n] = src[n];
	return n;
}

static void
fx_build_dates(struct tl_event *ev, struct tl_extra *xe,
    const struct fx_event *x)
{
	ev->date_text = x->date;
	ev->date = fx_date(x->date, 0);
	if (x->end == NULL)
		return;
	ev->end_text = x->end;
	ev->extra = xe;
	xe->end = fx_date(x->end, DATE_PARSE_END);
}

static void
fx_build_lists(struct fixture *fx, size_t i, const struct fx_event *x)
{
	struct tl_event	*ev = &fx->events[i];
	uint32_t	 n;

	ev->ntags = fx_copy_strings(fx->tags[i], x->tags);
	ev->tags = fx->tags[i];
	ev->nactors = fx_copy_strings(fx->actors[i], x->actors);
	ev->actors = fx->actors[i];
	for (n = 0; n < FX_MAX && x->notes[n] != NULL; n++)
		fx->notes[i][n].text = x->notes[n];
	ev->nnotes = n;
	ev->notes = fx->notes[i];
	for (n = 0; n < FX_MAX && x->related[n] != NULL; n++)
		fx->related[i][n].text = x->related[n];
	ev->nrelated = n;
	ev->related = fx->related[i];
}

static void
fx_build_sources(struct fixture *fx, size_t i, const struct fx_event *x)
{
	struct tl_source	*s = fx->sources[i];
	uint32_t		 n;

	for (n = 0; n < FX_MAX && x->sources[n].outlet != NULL; n++) {
		s[n].outlet = x->sources[n].outlet;
		s[n].date_text = x->sources[n].date;
	}
	fx->events[i].nsources = n;
	fx->events[i].sources = s;
}

static void
fx_build(struct fixture *fx)
{
	const struct fx_event	*x;
	size_t			 i;

	memset(fx, 0, sizeof *fx);
	for (i = 0; i < 2; i++) {
		strcpy(fx->paths[i], fx_paths[i]);
		fx->files[i].path = fx->paths[i];
	}
	for (i = 0; i < FX_N; i++) {
		x = &fx_events[i];
		fx->events[i].id = x->id;
		fx->events[i].title = x->title;
		fx->events[i].description = x->description;
		fx->events[i].status = x->status;
		fx->events[i].file = x->file;
		fx_build_dates(&fx->events[i], &fx->extras[i], x);
		fx_build_lists(fx, i, x);
		fx_build_sources(fx, i, x);
	}
	fx->tl.files = fx->files;
	fx->tl.nfiles = 2;
	fx->tl.events = fx->events;
	fx->tl.nevents = FX_N;
}

static struct query *
parse_ok(const char *text)
{
	struct query	*q;
	char		*err = NULL;
	size_t		 col = 0;

	q = query_parse(text, &err, &col);
	ck_assert_msg(q != NULL, "query '%s' rejected at column %zu: %s",
	    text, col, err != NULL ? err : "(no message)");
	ck_assert_ptr_null(err);
	return q;
}

/* Labels of the fixture events that q keeps, space-separated. */
static char *
matching_labels(const struct query *q, const struct fixture *fx)
{
	struct buf	out = BUF_INIT;
	size_t		i;

	for (i = 0; i < FX_N; i++) {
		if (!query_match(q, &fx->tl, &fx->events[i]))
			continue;
		if (out.len != 0)
			buf_addc(&out, ' ');
		buf_adds(&out, fx_events[i].label);
	}
	return buf_detach(&out);
}

static void
expect_matches(const char *text, const char *want)
{
	struct fixture	 fx;
	struct query	*q;
	char		*got;

	fx_build(&fx);
	q = parse_ok(text);
	got = matching_labels(q, &fx);
	ck_assert_msg(strcmp(got, want) == 0,
	    "query '%s' kept '%s', want '%s'", text, got, want);
	free(got);
	query_free(q);
}

struct match_case {
	const char	*query;
	const char	*want;
};

/* --- parse --------------------------------------------------------------- */

static const struct {
	const char	*query;
	bool		 empty;
} parse_cases[] = {
	{ "", true },
	{ "   \t  ", true },
	{ "kremlin", false },
	{ "  kremlin\t", false },
	{ "tag:starlink status:alleged,denied actor:\"Elon Musk\" "
	  "from:2022-06 to:2024 -tag:taiwan kremlin", false },
	{ "TAG:starlink Status:ALLEGED", false },
	{ "-tag:taiwan -kremlin -\"exact phrase\"", false },
	{ "tag:a,\"b, c\",d", false },
	{ "actor:\"Elon \\\"the\\\" Musk\"", false },
	{ "\"back\\\\slash\" \"odd \\n backslash\"", false },
	{ "from:\"February 24, 2022\"", false },
	{ "from:\"late 2022\" to:2024-Q1 asof:2024-10-24", false },
	{ "status:none status:confirmed,reported,disputed", false },
	{ "has:notes,sources,id,description,end,related,mark", false },
	{ "has:NOTES", false },
	{ "id:crimea-outage file:musk", false },
	{ "\"http://example.com\" 12:30 a.b:c", false },
	{ "hello,world Élysée: москва", false },
	{ "--double", false },
};

START_TEST(test_parse)
{
	struct query	*q = parse_ok(parse_cases[_i].query);

	ck_assert_msg(query_is_empty(q) == parse_cases[_i].empty,
	    "query '%s': is_empty %d", parse_cases[_i].query,
	    (int)query_is_empty(q));
	query_free(q);
}
END_TEST

/* --- errors -------------------------------------------------------------- */

static const struct {
	const char	*query;
	size_t		 col;
	const char	*message;	/* a substring of the message */
} error_cases[] = {
	{ "tga:starlink", 0, "unknown field 'tga' (did you mean 'tag'?)" },
	{ "kremlin TAGG:x", 8, "unknown field 'TAGG' (did you mean 'tag'?)" },
	{ "stauts:alleged", 0, "(did you mean 'status'?)" },
	{ "foo:bar", 0, "unknown field 'foo'" },
	{ "http://example.com", 0, "unknown field 'http'" },
	{ "tag:", 4, "missing value after 'tag:'" },
	{ "changed:note", 8,
	  "unknown changed: value 'note' (did you mean 'notes'?)" },
	{ "changed:x", 8, "(one of any, added, notes, status, date, title, "
	  "sources, related)" },
	{ "status: alleged", 7, "missing value after 'status:'" },
	{ "tag:a,,b", 6, "missing value after ','" },
	{ "tag:starlink,", 13, "missing value after ','" },
	{ "tag:\"\"", 4, "empty value" },
	{ "kremlin \"\"", 8, "empty phrase" },
	{ "\"unterminated", 0, "unterminated quote" },
	{ "actor:\"Elon Musk", 6, "unterminated quote" },
	{ "actor:\"Elon\\\" Musk", 6, "unterminated quote" },
	{ "kremlin -\"", 9, "unterminated quote" },
	{ "kremlin -", 8, "nothing to negate after '-'" },
	{ "- tag:x", 0, "nothing to negate after '-'" },
	{ "status:aleged", 7,
	  "unknown status 'aleged' (did you mean 'alleged'?)" },
	{ "status:alleged,bogus", 15, "unknown status 'bogus' (one of " },
	{ "status:\"alleged,denied\"", 7,
	  "unknown status 'alleged,denied'" },
	{ "has:note", 4, "unknown has: value 'note' (did you mean 'notes'?)" },
	{ "has:nothing", 4, "unknown has: value 'nothing'" },
	{ "from:\"lat 2022\"", 6, "from: unrecognised date 'lat 2022'" },
	{ "to:soon", 3, "to: unrecognised date 'soon'" },
	/* the column points into the value, at what date_parse blames */
	{ "kremlin from:2022-02-30", 21, "from: invalid date '2022-02-30'" },
	{ "asof:\"late Febuary 2024\"", 11, "asof: " },
	/* after an escape, bytes no longer line up: blame the whole value */
	{ "from:\"x\\\"y\"", 5, "from: " },
	{ "asof:", 5, "missing value after 'asof:'" },
	{ "from:2022,2023", 9, "from: takes one date" },
	/* a run of words that is no date is blamed whole, with its hint */
	{ "from:lat 2022 -tag:x", 5,
	  "from: unrecognised date 'lat 2022' (did you mean 'late 2022'?)" },
	{ "from:late kremlin", 10, "from: unrecognised date 'late kremlin'" },
	{ "kremlin to:late", 11, "to: unrecognised date 'late'" },
	{ "tag:\"a\"b", 7, "expected a blank after the closing quote" },
	{ "foo\"bar\"", 3, "unexpected '\"'" },
	{ "actor:Elon\" Musk\"", 10, "unexpected '\"'" },
};

START_TEST(test_errors)
{
	struct query	*q;
	char		*err = NULL;
	size_t		 col = 12345;

	q = query_parse(error_cases[_i].query, &err, &col);
	ck_assert_msg(q == NULL, "query '%s' accepted", error_cases[_i].query);
	ck_assert_ptr_nonnull(err);
	ck_assert_msg(col == error_cases[_i].col,
	    "query '%s': column %zu, want %zu (%s)", error_cases[_i].query,
	    col, error_cases[_i].col, err);
	ck_assert_msg(strstr(err, error_cases[_i].message) != NULL,
	    "query '%s': message '%s' lacks '%s'", error_cases[_i].query,
	    err, error_cases[_i].message);
	free(err);
}
END_TEST

/* A caller that wants no message may pass NULL. */
START_TEST(test_errors_null)
{
	ck_assert_ptr_null(query_parse("tga:x", NULL, NULL));
}
END_TEST

/* --- match --------------------------------------------------------------- */

static const struct match_case match_cases[] = {
	{ "", FX_ALL },
	{ "tag:starlink", "activation crimea wsj taiwan elysee" },
	{ "TAG:Starlink", "activation crimea wsj taiwan elysee" },
	{ "tag:russia", "wsj denial clubhouse moscow" },
	{ "tag:star", "" },
	{ "tag:taiwan,crimea", "crimea taiwan" },
	{ "tag:starlink -tag:taiwan", "activation crimea wsj elysee" },
	{ "status:alleged,denied", "wsj taiwan denial" },
	{ "status:none", "clubhouse" },
	{ "-status:none",
	  "activation crimea wsj taiwan denial moscow elysee" },
	{ "actor:\"Elon Musk\"", "activation crimea wsj taiwan clubhouse" },
	{ "actor:musk", "activation crimea wsj taiwan clubhouse" },
	{ "actor:putin,peskov", "wsj taiwan denial clubhouse" },
	{ "actor:putin -actor:musk", "" },
	{ "kremlin", "wsj denial" },
	{ "-kremlin", "activation crimea taiwan clubhouse moscow elysee" },
	{ "\"regular contact\"", "wsj denial" },
	{ "-\"regular contact\"",
	  "activation crimea taiwan clubhouse moscow elysee" },
	{ "\"a hoax\"", "denial" },
	{ "isaacson", "crimea" },
	{ "characterization", "crimea" },
	{ "ukraine", "activation crimea elysee" },
	{ "putin musk", "wsj taiwan clubhouse" },
	{ "starlink status:reported", "crimea elysee" },
	{ "id:crimea-outage", "crimea" },
	{ "id:crimea", "" },
	{ "id:crimea-outage,kremlin-denial", "crimea denial" },
	{ "file:reactions", "moscow elysee" },
	{ "file:REACTIONS", "" },
	{ "has:notes", "crimea wsj" },
	{ "has:sources",
	  "activation crimea wsj taiwan denial moscow elysee" },
	{ "-has:id", "clubhouse" },
	{ "has:description", "crimea wsj denial elysee" },
	{ "has:end", "wsj moscow" },
	{ "has:related", "wsj" },
	{ "has:notes,related", "crimea wsj" },
	{ "tag:starlink status:alleged,denied actor:\"Elon Musk\" "
	  "from:2022-06 to:2024 -tag:taiwan kremlin", "wsj" },
};

START_TEST(test_match)
{
	expect_matches(match_cases[_i].query, match_cases[_i].want);
}
END_TEST

/* --- dates --------------------------------------------------------------- */

static const struct match_case date_cases[] = {
	/* "ongoing" keeps wsj in every from: */
	{ "from:2024", "wsj denial moscow" },
	{ "from:2024-12-15", "wsj moscow" },
	{ "-from:2023", "activation crimea clubhouse" },
	{ "to:2022-06", "activation clubhouse" },
	/* late 2022 and 2022-09 both start on 1 September */
	{ "to:2022-09-01", "activation crimea wsj clubhouse" },
	{ "to:2022-08-31", "activation clubhouse" },
	{ "from:2022-10 to:2022-10", "wsj" },
	{ "from:2022-09-15 to:2022-09-20", "crimea wsj" },
	{ "from:\"late 2022\" to:\"late 2022\"", "crimea wsj" },
	/* mid 2023 is May-August; 2023-Q2 ends on 30 June */
	{ "from:2023-06-30 to:2023-07-01", "wsj taiwan elysee" },
	{ "from:2023-07-01 to:2023-07-01", "wsj taiwan" },
	{ "from:2021 to:2021", "clubhouse" },
	/* the bounds are inclusive, to the second */
	{ "from:2022-02-26T23:59:59 to:2022-02-26T23:59:59", "activation" },
	{ "from:2022-02-27T00:00:00 to:2022-02-27", "" },
	{ "to:2021-02-01T00:00:00", "clubhouse" },
	{ "to:2021-01-31T23:59:59", "" },
	/* a source dated later than D hides an event until D */
	{ "asof:2024-10-23", "activation crimea clubhouse elysee" },
	{ "asof:2024-10-24",
	  "activation crimea wsj taiwan clubhouse elysee" },
	/* crimea: one of two sources (the second listed) is early enough */
	{ "asof:2023-09-08", "activation crimea clubhouse elysee" },
	{ "asof:2023-09-06", "activation clubhouse elysee" },
	{ "asof:2022", "activation clubhouse" },
	{ "asof:2022-02-27T00:00:00", "activation clubhouse" },
	{ "asof:2022-02-26T23:59:59", "clubhouse" },
	/* moscow has only an undated source: known from 1 November 2024 */
	{ "asof:2024-10", "activation crimea wsj taiwan denial clubhouse "
	  "elysee" },
	{ "asof:2024", FX_ALL },
	{ "-asof:2024-10-24", "denial moscow" },
	{ "from:2022 to:2022 asof:2023", "activation crimea" },
};

START_TEST(test_dates)
{
	expect_matches(date_cases[_i].query, date_cases[_i].want);
}
END_TEST

/* A date value needs no quotes: it runs as far as it still reads as a
 * date, and keeps what the quoted value keeps. */
static const struct {
	const char	*bare, *quoted;
} bare_date_cases[] = {
	{ "from:late 2022 to:late 2022",
	  "from:\"late 2022\" to:\"late 2022\"" },
	{ "from:late 2022 to:early 2023",
	  "from:\"late 2022\" to:\"early 2023\"" },
	{ "asof:24 October 2024", "asof:\"24 October 2024\"" },
	{ "asof:23 October 2024", "asof:\"23 October 2024\"" },
	{ "from:February 26, 2022 to:February 26, 2022",
	  "from:\"February 26, 2022\" to:\"February 26, 2022\"" },
	{ "actor:\"Elon Musk\" from:late 2022 -tag:taiwan",
	  "actor:\"Elon Musk\" from:\"late 2022\" -tag:taiwan" },
	{ "from:late 2022 kremlin", "from:\"late 2022\" kremlin" },
	{ "-from:mid 2023 starlink", "-from:\"mid 2023\" starlink" },
};

START_TEST(test_bare_dates)
{
	struct fixture	 fx;
	struct query	*a, *b;
	char		*got, *want;

	fx_build(&fx);
	a = parse_ok(bare_date_cases[_i].bare);
	b = parse_ok(bare_date_cases[_i].quoted);
	got = matching_labels(a, &fx);
	want = matching_labels(b, &fx);
	ck_assert_msg(strcmp(got, want) == 0, "query '%s' kept '%s', "
	    "'%s' keeps '%s'", bare_date_cases[_i].bare, got,
	    bare_date_cases[_i].quoted, want);
	free(got);
	free(want);
	query_free(a);
	query_free(b);
}
END_TEST

/* --- unicode ------------------------------------------------------------- */

static const struct match_case unicode_cases[] = {
	{ "élysée", "elysee" },
	{ "ÉLYSÉE", "elysee" },
	{ "\"Élysée comments\"", "elysee" },
	{ "elysee", "elysee" },			/* diacritics fold */
	{ "ELYSEE", "elysee" },
	{ "москва", "moscow" },
	{ "МОСКВА", "moscow" },
	{ "Заявление", "moscow" },
	{ "actor:дмитрий", "moscow" },
	{ "actor:ПЕСКОВ", "moscow" },
	{ "actor:peskov", "denial" },
	{ "tag:RUSSIA", "wsj denial clubhouse moscow" },
};

START_TEST(test_unicode)
{
	expect_matches(unicode_cases[_i].query, unicode_cases[_i].want);
}
END_TEST

/* --- append -------------------------------------------------------------- */

static const struct {
	const char	*start;
	const char	*terms[3][2];	/* field (or NULL), value */
	const char	*text;
	const char	*want;
} append_cases[] = {
	{ "", { { "tag", "starlink" }, { "actor", "Elon Musk" } },
	  "tag:\"starlink\" actor:\"Elon Musk\"",
	  "activation crimea wsj taiwan" },
	{ "kremlin", { { "tag", "russia" } },
	  "kremlin tag:\"russia\"", "wsj denial" },
	{ "", { { NULL, "\"a hoax\"" } },
	  "\"\\\"a hoax\\\"\"", "denial" },
	{ "", { { NULL, "\\\\lemonde\\" } },
	  "\"\\\\\\\\lemonde\\\\\"", "elysee" },
	{ "", { { "from", "February 24, 2022" }, { "to", "2022-09-01" } },
	  "from:\"February 24, 2022\" to:\"2022-09-01\"",
	  "activation crimea wsj" },
	{ "", { { "status", "alleged" }, { "actor", "Elon \"the\" Musk" } },
	  "status:\"alleged\" actor:\"Elon \\\"the\\\" Musk\"", "" },
	/* quoted, a comma is literal, not OR */
	{ "", { { "actor", "peskov,putin" } },
	  "actor:\"peskov,putin\"", "" },
};

START_TEST(test_append)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	buf_adds(&b, append_cases[_i].start);
	for (i = 0; i < 3 && append_cases[_i].terms[i][1] != NULL; i++)
		query_append_term(&b, append_cases[_i].terms[i][0],
		    append_cases[_i].terms[i][1]);
	ck_assert_str_eq(buf_str(&b), append_cases[_i].text);
	expect_matches(buf_str(&b), append_cases[_i].want);
	buf_free(&b);
}
END_TEST

#define NCASES(a)	((int)(sizeof (a) / sizeof (a)[0]))

/* query_narrows: is the new text's match set inside the old one's? */
struct narrow_case {
	const char	*old, *now;
	bool		 narrows;
};

static const struct narrow_case narrow_cases[] = {
	{ NULL, "tag:x", true },
	{ "", "musk", true },
	{ "mus", "musk", true },
	{ "musk", "musk ", true },
	{ "musk ", "musk -tag:x", true },
	{ "\"elon m", "\"elon mu", true },
	{ "actor:elo", "actor:elon", true },
	{ "actor:elon", "actor:elon,putin", false },
	{ "file:sto", "file:story", true },
	{ "tag:star", "tag:starl", false },
	{ "status:alleged", "status:alleged,denied", false },
	{ "from:2022", "from:2022-06", false },
	{ "-mus", "-musk", false },
	{ "tag", "tag:x", false },
	{ "musk", "mus", false },
	{ "musk", "putin", false },
	{ "id:a", "id:ab", false },
	/* more words may extend a date: "from:late" + " 2022" */
	{ "from:late", "from:late 2022", false },
	{ "asof:2024 ", "asof:2024 October", false },
	{ "-to:2022 ", "-to:2022 10", false },
	{ "from:2022 tag:x ", "from:2022 tag:x kremlin", true },
	{ "from:\"late 2022\" ", "from:\"late 2022\" kremlin", true },
	/* @ab is another filter than @a, not a narrower one */
	{ "@a", "@ab", false },
	{ "@a ", "@a tag:x", true },
};

START_TEST(test_narrows)
{
	ck_assert_int_eq(query_narrows(narrow_cases[_i].old,
	    narrow_cases[_i].now), narrow_cases[_i].narrows);
}
END_TEST

/* --- saved filters and marks (env) ------------------------------------ */

static const struct query_saved saved_filters[] = {
	{ "kremlin", "tag:russia status:denied,disputed" },
	{ "musk", "actor:musk" },
	{ "both", "@musk tag:russia" },
	{ "loop-a", "@loop-b" },
	{ "loop-b", "tag:x @loop-a" },
	{ "self", "@self" },
	{ "broken", "tag:russia stauts:x" },
	{ "musk", "actor:\"elon musk\" -status:none" },	/* the last wins */
};

/* The fixture's events marked: crimea and moscow. */
static bool
fx_marked(void *arg, const struct timeline *tl, const struct tl_event *e)
{
	const char	*id = e->id;

	(void)arg;
	(void)tl;
	return id != NULL && (strcmp(id, "crimea-outage") == 0 ||
	    strcmp(id, "moscow-statement") == 0);
}

static const struct query_env saved_env = {
	.saved = saved_filters,
	.nsaved = sizeof saved_filters / sizeof saved_filters[0],
	.marked = fx_marked
};

static const struct match_case saved_cases[] = {
	{ "@kremlin", "denial moscow" },
	{ "-@kremlin", "activation crimea wsj taiwan clubhouse elysee" },
	{ "@musk", "activation crimea wsj taiwan" },
	{ "@both", "wsj" },
	{ "@kremlin kremlin", "denial" },
	/* either: ',' is OR, as inside a value */
	{ "@kremlin,@both", "wsj denial moscow" },
	{ "-@kremlin,@musk", "clubhouse elysee" },
	{ "@both,@both tag:russia", "wsj" },
	{ "has:mark", "crimea moscow" },
	{ "-has:mark tag:starlink", "activation wsj taiwan elysee" },
	{ "has:mark,notes", "crimea wsj moscow" },
};

START_TEST(test_saved)
{
	struct fixture	 fx;
	struct query	*q;
	char		*got, *err = NULL;
	size_t		 col = 0;

	fx_build(&fx);
	q = query_parse_env(saved_cases[_i].query, &saved_env, &err, &col);
	ck_assert_msg(q != NULL, "query '%s' rejected at %zu: %s",
	    saved_cases[_i].query, col, err);
	got = matching_labels(q, &fx);
	ck_assert_msg(strcmp(got, saved_cases[_i].want) == 0,
	    "query '%s' kept '%s', want '%s'", saved_cases[_i].query, got,
	    saved_cases[_i].want);
	free(got);
	query_free(q);
}
END_TEST

static const struct {
	const char	*query;
	size_t		 col;
	const char	*message;
} saved_errors[] = {
	{ "tag:x @nope", 6, "unknown saved filter '@nope' (filter NAME = "
	  "QUERY in the config)" },
	{ "@", 0, "missing name after '@'" },
	{ "kremlin @a!b", 8, "a saved filter's name is letters" },
	/* a loop is named whole, from the filter that comes back */
	{ "@self", 0, "saved filter 'self' refers to itself (self -> self)" },
	{ "tag:y @loop-a", 6, "saved filter 'loop-a' refers to itself "
	  "(loop-a -> loop-b -> loop-a)" },
	{ "@musk,@loop-b", 6, "saved filter 'loop-b' refers to itself "
	  "(loop-b -> loop-a -> loop-b)" },
	/* ',' is OR between @NAMEs only */
	{ "@musk,tag:x", 6, "another @NAME after ',' (either of two saved "
	  "filters: @a,@b)" },
	{ "@musk,", 6, "another @NAME after ','" },
	{ "@musk,@nope", 6, "unknown saved filter '@nope'" },
	{ "@broken", 0, "in @broken at column 12: unknown field 'stauts'" },
};

START_TEST(test_saved_errors)
{
	struct query	*q;
	char		*err = NULL;
	size_t		 col = 12345;

	q = query_parse_env(saved_errors[_i].query, &saved_env, &err, &col);
	ck_assert_msg(q == NULL, "query '%s' accepted", saved_errors[_i].query);
	ck_assert_msg(col == saved_errors[_i].col,
	    "query '%s': column %zu, want %zu (%s)", saved_errors[_i].query,
	    col, saved_errors[_i].col, err);
	ck_assert_msg(strstr(err, saved_errors[_i].message) != NULL,
	    "query '%s': message '%s' lacks '%s'", saved_errors[_i].query,
	    err, saved_errors[_i].message);
	free(err);
}
END_TEST

/* Without an env: no saved filter is known, nothing is marked. */
START_TEST(test_saved_no_env)
{
	char	*err = NULL;
	size_t	 col = 0;

	ck_assert_ptr_null(query_parse("@kremlin", &err, &col));
	ck_assert_ptr_nonnull(strstr(err, "unknown saved filter"));
	free(err);
	expect_matches("has:mark", "");
	expect_matches("-has:mark", FX_ALL);
}
END_TEST

/* --- changed: ------------------------------------------------------------ */

static const struct match_case changed_cases[] = {
	{ "changed:", "activation crimea wsj" },
	{ "changed: tag:ukraine", "activation crimea" },
	{ "changed:any", "activation crimea wsj" },
	{ "-changed:", "taiwan denial clubhouse moscow elysee" },
	{ "changed:added", "activation" },
	{ "changed:notes", "crimea" },
	{ "changed:status", "wsj" },
	{ "changed:title", "wsj" },
	{ "changed:notes,status", "crimea wsj" },
	{ "CHANGED:Notes", "crimea" },
	{ "changed:date", "" },
};

/* What the timeline knows changed since a commit (tl->changed). */
START_TEST(test_changed)
{
	struct fixture	 fx;
	struct query	*q;
	uint8_t		 marks[FX_N];
	char		*got;

	fx_build(&fx);
	memset(marks, 0, sizeof marks);
	marks[0] = STORYDIFF_ADDED;			/* activation */
	marks[1] = STORYDIFF_NOTES;			/* crimea */
	marks[2] = STORYDIFF_STATUS | STORYDIFF_TITLE;	/* wsj */
	fx.tl.changed = marks;
	q = parse_ok(changed_cases[_i].query);
	ck_assert(query_uses(q, "changed"));
	ck_assert(!query_uses(q, "tag") || _i == 1);
	got = matching_labels(q, &fx);
	ck_assert_msg(strcmp(got, changed_cases[_i].want) == 0,
	    "query '%s' kept '%s', want '%s'", changed_cases[_i].query, got,
	    changed_cases[_i].want);
	free(got);
	query_free(q);
}
END_TEST

/* Nothing is known (not in a git work tree): changed: keeps nothing. */
START_TEST(test_changed_unknown)
{
	expect_matches("changed:", "");
	expect_matches("changed:notes", "");
	expect_matches("-changed:", FX_ALL);
}
END_TEST

/* --- implies (parsed terms) ---------------------------------------------- */

static const struct narrow_case implies_cases[] = {
	/* after an open date value the texts cannot tell; the terms can */
	{ "from:2022", "from:2022 ", true },
	{ "from:2022 ", "from:2022 t", true },
	{ "from:2022 t", "from:2022 to", true },
	{ "from:late 2022", "from:late 2022 kremlin", true },
	{ "from:2022 to", "from:2022 to:2023", false },
	{ "from:2022", "from:2022 10", true },	/* and the word 10 */
	{ "to:2022", "to:2023", false },
	{ "kreml", "kremlin tag:x", true },
	{ "actor:elo", "actor:elon", true },
	{ "-kreml", "-kremlin", false },
	{ "tag:star", "tag:starlink", false },
	{ "status:alleged", "status:alleged,denied", false },
	{ "status:alleged,denied", "status:alleged", false },
	{ "tag:x tag:x", "tag:x", false },
	{ "", "anything", true },
	/* asof: changes what status: means */
	{ "status:alleged", "status:alleged asof:2023", false },
	{ "status:alleged asof:2023", "status:alleged asof:2023 tag:x",
	  true },
};

START_TEST(test_implies)
{
	struct query	*old = parse_ok(implies_cases[_i].old);
	struct query	*now = parse_ok(implies_cases[_i].now);

	ck_assert_msg(query_implies(now, old) == implies_cases[_i].narrows,
	    "'%s' after '%s'", implies_cases[_i].now, implies_cases[_i].old);
	query_free(old);
	query_free(now);
}
END_TEST

Suite *
query_suite(void)
{
	Suite	*s = suite_create("query");
	TCase	*tc;

	tc = tcase_create("parse");
	tcase_add_loop_test(tc, test_parse, 0, NCASES(parse_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("errors");
	tcase_add_loop_test(tc, test_errors, 0, NCASES(error_cases));
	tcase_add_test(tc, test_errors_null);
	suite_add_tcase(s, tc);
	tc = tcase_create("match");
	tcase_add_loop_test(tc, test_match, 0, NCASES(match_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("changed");
	tcase_add_loop_test(tc, test_changed, 0, NCASES(changed_cases));
	tcase_add_test(tc, test_changed_unknown);
	suite_add_tcase(s, tc);
	tc = tcase_create("dates");
	tcase_add_loop_test(tc, test_dates, 0, NCASES(date_cases));
	tcase_add_loop_test(tc, test_bare_dates, 0, NCASES(bare_date_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("unicode");
	tcase_add_loop_test(tc, test_unicode, 0, NCASES(unicode_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("append");
	tcase_add_loop_test(tc, test_append, 0, NCASES(append_cases));
	suite_add_tcase(s, tc);
	tc = tcase_create("saved");
	tcase_add_loop_test(tc, test_saved, 0, NCASES(saved_cases));
	tcase_add_loop_test(tc, test_saved_errors, 0, NCASES(saved_errors));
	tcase_add_test(tc, test_saved_no_env);
	suite_add_tcase(s, tc);
	tc = tcase_create("narrows");
	tcase_add_loop_test(tc, test_narrows, 0,
	    (int)(sizeof narrow_cases / sizeof narrow_cases[0]));
	tcase_add_loop_test(tc, test_implies, 0, NCASES(implies_cases));
	suite_add_tcase(s, tc);
	return s;
}
