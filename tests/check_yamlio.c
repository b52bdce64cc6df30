/* SPDX-License-Identifier: MIT */
/*
 * The YAML reader: what loads, what each event holds, exact byte spans and
 * line:col positions (the editor patches files by them), and a diagnostic
 * for every kind of broken input.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "check_suites.h"
#include "diag.h"
#include "load.h"
#include "timeline.h"
#include "yamlio.h"

struct loaded {
	struct timeline		tl;
	struct diag_list	diags;
	bool			ok;
};

static void
load_text(struct loaded *l, const char *text)
{
	uint32_t	fi;

	memset(l, 0, sizeof *l);
	fi = timeline_add_file(&l->tl, "t.yaml");
	l->ok = yamlio_load_buffer(&l->tl, fi, text, strlen(text), &l->diags);
	load_check(&l->tl, &l->diags);
}

static void
loaded_free(struct loaded *l)
{
	timeline_free(&l->tl);
	diag_free(&l->diags);
}

/* All diagnostics as check would print them. */
static char *
diags_text(const struct loaded *l)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < l->diags.n; i++)
		diag_format(&l->diags.v[i], &b);
	return buf_detach(&b);
}

static struct arena key_arena;

static const struct tl_key *
key_of(const char *src, const struct tl_event *e, const char *name)
{
	struct tl_key	*keys;
	uint32_t	 i, n;

	keys = yamlio_event_keys(src, strlen(src), e, &key_arena, &n);
	for (i = 0; i < n; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	ck_abort_msg("no key '%s'", name);
	abort();
}

static uint32_t
nkeys_of(const char *src, const struct tl_event *e)
{
	uint32_t	n;

	yamlio_event_keys(src, strlen(src), e, &key_arena, &n);
	return n;
}

/* The bytes of a span. */
static char *
span_text(const char *src, const struct tl_span *s)
{
	return strndup(src + s->start, s->end - s->start);
}

START_TEST(test_fields)
{
	static const char src[] =
	    "title: Story\n"
	    "description: About it.\n"
	    "events:\n"
	    "  - id: a\n"
	    "    date: late 2022\n"
	    "    end: ongoing\n"
	    "    title: First\n"
	    "    description: |\n"
	    "      Line one.\n"
	    "      Line two.\n"
	    "    status: Alleged\n"
	    "    tags: [starlink, russia]\n"
	    "    actors: Elon Musk\n"
	    "    sources:\n"
	    "      - outlet: WSJ\n"
	    "        url: https://example.com/x\n"
	    "        date: 2024-10-24\n"
	    "      - https://example.org/y\n"
	    "      - Reuters\n"
	    "    related: [b]\n"
	    "    notes:\n"
	    "      - at: 2026-11-29T10:15:00Z\n"
	    "        by: alice\n"
	    "        text: Check it.\n"
	    "      - plain note\n"
	    "  - {id: b, date: 2014, title: Second}\n";
	struct loaded		 l;
	const struct tl_event	*a, *b;

	load_text(&l, src);
	ck_assert_msg(l.ok && l.diags.n == 0, "%s", diags_text(&l));
	ck_assert_str_eq(l.tl.files[0].title, "Story");
	ck_assert_str_eq(l.tl.files[0].description, "About it.");
	ck_assert_uint_eq(l.tl.nevents, 2);
	timeline_sort(&l.tl);
	b = &l.tl.events[0];	/* 2014 sorts first */
	a = &l.tl.events[1];
	ck_assert_str_eq(b->id, "b");
	ck_assert_str_eq(a->id, "a");
	ck_assert_str_eq(a->date_text, "late 2022");
	ck_assert_str_eq(a->end_text, "ongoing");
	ck_assert_str_eq(a->description, "Line one.\nLine two.\n");
	ck_assert_int_eq(a->status, TL_STATUS_ALLEGED);
	ck_assert_uint_eq(a->ntags, 2);
	ck_assert_str_eq(a->tags[1], "russia");
	ck_assert_uint_eq(a->nactors, 1);
	ck_assert_str_eq(a->actors[0], "Elon Musk");
	ck_assert_uint_eq(a->nsources, 3);
	ck_assert_str_eq(a->sources[0].outlet, "WSJ");
	ck_assert_str_eq(a->sources[0].date_text, "2024-10-24");
	ck_assert_ptr_null(a->sources[1].outlet);
	ck_assert_str_eq(a->sources[1].url, "https://example.org/y");
	ck_assert_str_eq(a->sources[2].outlet, "Reuters");
	ck_assert_uint_eq(a->nrelated, 1);
	ck_assert_str_eq(a->related[0].text, "b");
	ck_assert_uint_eq(a->related[0].line, 20);
	ck_assert_uint_eq(a->nnotes, 2);
	ck_assert_str_eq(a->notes[0].by, "alice");
	ck_assert_str_eq(a->notes[1].text, "plain note");
	ck_assert_ptr_null(b->description);
	ck_assert_int_eq(b->status, TL_STATUS_NONE);
	/* the end widens the sort key: ongoing */
	ck_assert(tl_event_latest(a) >= DATE_MAX);
	loaded_free(&l);
}
END_TEST

START_TEST(test_claims)
{
	static const char src[] =
	    "events:\n"
	    "  - id: a\n"
	    "    date: 2024-10-24\n"
	    "    title: Contact\n"
	    "    verdicts:\n"
	    "      - date: 2024-10-24\n"
	    "        status: alleged\n"
	    "        by: WSJ\n"
	    "      - {date: 2025-03-01, status: Confirmed, text: Peskov.}\n"
	    "    related:\n"
	    "      - b\n"
	    "      - {id: b, rel: contradicts}\n"
	    "      - {rel: follows, id: b}\n"
	    "    sources:\n"
	    "      - outlet: Reuters\n"
	    "        via: WSJ\n"
	    "        archive: https://web.archive.org/x\n"
	    "      - TASS report\n"
	    "  - {id: b, date: 2024, title: Other, status: denied}\n";
	struct loaded		 l;
	const struct tl_event	*a;
	const struct tl_verdict	*av;

	load_text(&l, src);
	ck_assert_msg(l.ok && l.diags.n == 0, "%s", diags_text(&l));
	a = timeline_find_id(&l.tl, "a");
	/* no status of its own: the last verdict's */
	ck_assert_int_eq(a->status, TL_STATUS_CONFIRMED);
	ck_assert_uint_eq(tl_event_nverdicts(a), 2);
	av = tl_event_verdicts(a);
	if (av == NULL)
		ck_abort();
	ck_assert_str_eq(av[0].date_text, "2024-10-24");
	ck_assert_int_eq(av[0].status, TL_STATUS_ALLEGED);
	ck_assert_str_eq(av[0].by, "WSJ");
	ck_assert_ptr_null(av[0].text);
	ck_assert_str_eq(av[1].text, "Peskov.");
	ck_assert_uint_eq(a->nrelated, 3);
	ck_assert_int_eq(a->related[0].rel, TL_REL_NONE);
	ck_assert_int_eq(a->related[1].rel, TL_REL_CONTRADICTS);
	ck_assert_str_eq(a->related[1].text, "b");
	ck_assert_uint_eq(a->related[1].line, 12);
	ck_assert_uint_eq(a->related[1].col, 14);
	ck_assert_int_eq(a->related[2].rel, TL_REL_FOLLOWS);
	ck_assert_ptr_nonnull(tl_event_source_more(a, 0));
	ck_assert_str_eq(tl_event_source_more(a, 0)->via, "WSJ");
	ck_assert_str_eq(tl_event_source_more(a, 0)->archive,
	    "https://web.archive.org/x");
	ck_assert_str_eq(a->sources[1].outlet, "TASS report");
	ck_assert_ptr_null(tl_event_source_more(a, 1)->via);
	ck_assert_ptr_null(timeline_find_id(&l.tl, "b")->extra);
	loaded_free(&l);
}
END_TEST

START_TEST(test_spans)
{
	/* multi-byte text before and inside the spans, CRLF line ends */
	static const char src[] =
	    "title: Ünïcödé 漢字\r\n"
	    "events:\r\n"
	    "- id: é1\r\n"
	    "  date: \"2022\"\r\n"
	    "  title: 日本語のタイトル\r\n"
	    "# comment\r\n"
	    "- {id: x, title: 'Flow', date: 2023}\r\n";
	struct loaded		 l;
	const struct tl_event	*e;
	const struct tl_key	*k;
	char			*s;

	load_text(&l, src);
	ck_assert_msg(l.ok && l.diags.n == 0, "%s", diags_text(&l));
	e = &l.tl.events[0];
	s = span_text(src, &e->span);
	ck_assert_str_eq(s, "id: é1\r\n  date: \"2022\"\r\n"
	    "  title: 日本語のタイトル");
	free(s);
	ck_assert_uint_eq(e->span.line, 3);
	ck_assert_uint_eq(e->span.col, 3);
	ck_assert_uint_eq(nkeys_of(src, e), 3);
	k = key_of(src, e, "date");
	s = span_text(src, &k->value);
	ck_assert_str_eq(s, "\"2022\"");
	free(s);
	ck_assert_uint_eq(k->value.line, 4);
	ck_assert_uint_eq(k->value.col, 9);
	k = key_of(src, e, "title");
	s = span_text(src, &k->key);
	ck_assert_str_eq(s, "title");
	free(s);
	s = span_text(src, &k->value);
	ck_assert_str_eq(s, "日本語のタイトル");
	free(s);
	e = &l.tl.events[1];
	s = span_text(src, &e->span);
	ck_assert_str_eq(s, "{id: x, title: 'Flow', date: 2023}");
	free(s);
	ck_assert_uint_eq(e->span.line, 7);
	k = key_of(src, e, "title");
	s = span_text(src, &k->value);
	ck_assert_str_eq(s, "'Flow'");
	free(s);
	ck_assert_uint_eq(k->value.line, 7);
	ck_assert_uint_eq(k->value.col, 18);
	arena_free(&key_arena);
	loaded_free(&l);
}
END_TEST

START_TEST(test_bom)
{
	static const char src[] =
	    "\xEF\xBB\xBFtitle: T\nevents:\n  - {id: q, title: Q, date: 2022}\n";
	struct loaded	 l;
	char		*s;

	load_text(&l, src);
	ck_assert_msg(l.ok && l.diags.n == 0, "%s", diags_text(&l));
	s = span_text(src, &l.tl.events[0].span);
	ck_assert_str_eq(s, "{id: q, title: Q, date: 2022}");
	free(s);
	loaded_free(&l);
}
END_TEST

START_TEST(test_aliases)
{
	static const char src[] =
	    "x-actors: &who [Elon Musk, Vladimir Putin]\n"
	    "events:\n"
	    "  - {title: A, date: 2022, actors: *who}\n"
	    "  - {title: B, date: 2023, actors: *who, tags: &t [a, b]}\n"
	    "  - {title: C, date: 2024, tags: *t}\n";
	struct loaded	l;

	load_text(&l, src);
	ck_assert_uint_eq(l.tl.nevents, 3);
	ck_assert_uint_eq(l.tl.events[0].nactors, 2);
	ck_assert_str_eq(l.tl.events[1].actors[1], "Vladimir Putin");
	ck_assert_uint_eq(l.tl.events[2].ntags, 2);
	/* the unknown top-level key is a warning, nothing else */
	ck_assert_uint_eq(l.diags.errors, 0);
	ck_assert_uint_eq(l.diags.warnings, 1);
	loaded_free(&l);
}
END_TEST

START_TEST(test_timelinejs)
{
	static const char src[] =
	    "{\"title\": {\"text\": {\"headline\": \"TJS\", \"text\": \"d\"}},\n"
	    " \"events\": [\n"
	    "  {\"start_date\": {\"year\": \"2022\", \"month\": \"2\", "
	    "\"day\": \"24\"},\n"
	    "   \"end_date\": {\"year\": 2022, \"month\": 3},\n"
	    "   \"text\": {\"headline\": \"Invasion\", \"text\": \"<p>x</p>\"},\n"
	    "   \"group\": \"war\", \"unique_id\": \"inv\", \"media\": {}},\n"
	    "  {\"start_date\": {\"year\": -44},\n"
	    "   \"text\": {\"headline\": \"Caesar\"}}\n"
	    " ]}\n";
	struct loaded		 l;
	const struct tl_event	*e;

	load_text(&l, src);
	ck_assert_msg(l.ok && l.diags.n == 0, "%s", diags_text(&l));
	ck_assert_int_eq(l.tl.files[0].format, TL_FORMAT_TIMELINEJS);
	ck_assert_str_eq(l.tl.files[0].title, "TJS");
	e = &l.tl.events[0];
	ck_assert_str_eq(e->id, "inv");
	ck_assert_str_eq(e->title, "Invasion");
	ck_assert_str_eq(e->date_text, "2022-02-24");
	ck_assert_str_eq(e->end_text, "2022-03");
	ck_assert_str_eq(e->tags[0], "war");
	ck_assert_str_eq(e->description, "x");	/* HTML as text */
	/* TimelineJS -44 is 44 BC, EDTF -0043. */
	ck_assert_str_eq(l.tl.events[1].date_text, "-0043");
	loaded_free(&l);
}
END_TEST

/* Broken input: each gives exactly these diagnostics. */
static const struct bad_case {
	const char	*src;
	const char	*diags;
	int		 nevents;	/* loaded despite the problem */
} bad_cases[] = {
	{ "", "t.yaml: error: file is empty (expected a mapping with an "
	    "'events' list)\n", 0 },
	{ "- a\n- b\n", "t.yaml:1:1: error: the file must be a mapping with "
	    "an 'events' list, not a list\n", 0 },
	{ "title: x\n", "t.yaml:1:1: error: no 'events' list in this file\n",
	    0 },
	{ "events:\n  - title: A\n    date: lat 2022\n  - {title: B, date: 2022}\n",
	    "t.yaml:3:11: error: unrecognised date 'lat 2022' (did you mean "
	    "'late 2022'?)\n", 1 },
	{ "events:\n  - {title: A}\n",
	    "t.yaml:2:5: error: event 1 has no 'date'\n", 0 },
	{ "events:\n  - {id: e, date: 2022}\n",
	    "t.yaml:2:5: error: event 'e' has no 'title'\n", 0 },
	{ "events:\n  - {id: e, date: 2022, title: x, staus: alleged}\n",
	    "t.yaml:2:35: warning: unknown key 'staus' in event 'e' (did you "
	    "mean 'status'?)\n", 1 },
	{ "events:\n  - {date: 2022, title: x, title: y}\n",
	    "t.yaml:2:28: error: duplicate key 'title' (first at line 2, "
	    "column 18)\n", 0 },
	{ "events:\n  - {date: 2022, title: x, status: aleged}\n",
	    "t.yaml:2:36: error: unknown status 'aleged' (did you mean "
	    "'alleged'?)\n", 0 },
	{ "events:\n  - {date: 2022, title: [x]}\n",
	    "t.yaml:2:25: error: 'title' must be a text value, not a list\n", 0 },
	{ "events:\n  - {date: 2022, title: x, tags: {a: b}}\n",
	    "t.yaml:2:34: error: 'tags' must be a list of text values, not a "
	    "mapping\n", 0 },
	{ "events:\n  - {id: d, date: 2022, title: x}\n"
	    "  - {id: d, date: 2023, title: y}\n",
	    "t.yaml:3:10: error: duplicate id 'd' (ids must be unique across "
	    "all loaded files)\nt.yaml:2:10: note: 'd' was first used here\n",
	    2 },
	{ "events:\n  - {date: 2022, title: x, related: [nope]}\n",
	    "t.yaml:2:38: warning: related id 'nope' matches no loaded event\n",
	    1 },
	{ "events:\n  - title: \"unclosed\n    date: 2022\n",
	    "t.yaml:4:1: error: the file ends inside a quoted value (missing "
	    "closing quote)\nt.yaml:2:12: note: the quote was opened here\n",
	    0 },
	{ "events:\n\t- {date: 2022, title: x}\n",
	    "t.yaml:2:1: error: tab character in indentation (YAML indents "
	    "with spaces)\n", 0 },
	{ "events:\n  - {date: 2022, title: \"a\\0b\"}\n",
	    "t.yaml:2:27: error: NUL character in text (not supported)\n", 0 },
	{ "events:\n  - {date: 2022, title: *nope}\n",
	    "t.yaml:2:25: error: alias '*nope' refers to no complete anchor "
	    "(undefined, or an alias inside its own anchor)\n", 0 },
	{ "events:\n  - {date: 2022, title: x, end: 2021}\n",
	    "t.yaml:2:33: error: 'end' (2021) is before 'date' (2022) in "
	    "event 1\n", 0 },
	{ "events: []\n---\nevents: []\n",
	    "t.yaml:2:1: error: a second YAML document in one file (a "
	    "timeline file holds one)\n", 0 },
	{ "events:\n  - {date: 2022, title: \"\xff\"}\n",
	    "t.yaml:2:26: error: invalid UTF-8 (byte 0xFF); save the file as "
	    "UTF-8\n", 0 },
	{ "events:\n  - 42\n  - {date: 2022, title: ok}\n",
	    "t.yaml:2:5: error: event 1 must be a mapping (id, date, title, "
	    "...), not a text value\n", 1 },
};

START_TEST(test_bad)
{
	const struct bad_case	*c = &bad_cases[_i];
	struct loaded		 l;
	char			*got;

	load_text(&l, c->src);
	got = diags_text(&l);
	ck_assert_str_eq(got, c->diags);
	ck_assert_int_eq((int)l.tl.nevents, c->nevents);
	free(got);
	loaded_free(&l);
}
END_TEST

START_TEST(test_depth)
{
	struct buf	b = BUF_INIT;
	struct loaded	l;
	int		i;
	char		*got;

	buf_adds(&b, "events:\n  - {date: 2022, title: x, deep: ");
	for (i = 0; i < 100000; i++)
		buf_addc(&b, '[');
	load_text(&l, b.data);
	got = diags_text(&l);
	ck_assert_msg(strstr(got, "error: nesting deeper than 64 levels") !=
	    NULL, "%s", got);
	ck_assert(!l.ok);
	ck_assert_uint_eq(l.tl.nevents, 0);
	ck_assert(l.tl.files[0].failed);
	free(got);
	buf_free(&b);
	loaded_free(&l);
}
END_TEST

START_TEST(test_alias_bomb)
{
	/* Nine levels of nine aliases each: walking it naively would visit
	 * 9^9 nodes.  It is just an unknown key here, read once. */
	struct buf	b = BUF_INIT;
	struct loaded	l;
	int		i, j;

	buf_adds(&b, "a0: &a0 [x]\n");
	for (i = 1; i <= 9; i++) {
		buf_printf(&b, "a%d: &a%d [", i, i);
		for (j = 0; j < 9; j++)
			buf_printf(&b, "%s*a%d", j ? ", " : "", i - 1);
		buf_adds(&b, "]\n");
	}
	buf_adds(&b, "events:\n  - {date: 2022, title: x, tags: *a1}\n");
	load_text(&l, b.data);
	/* the tags are lists, not text: one error, where the alias is */
	ck_assert_uint_eq(l.diags.errors, 1);
	ck_assert_uint_eq(l.diags.v[l.diags.n - 1].line, 12);
	ck_assert_uint_eq(l.tl.nevents, 0);
	buf_free(&b);
	loaded_free(&l);
}
END_TEST

/* A duplicate id is reported where the id is, also far along one long
 * line (a JSON file on one line) and many lines into an event (where
 * the event's start is given instead). */
START_TEST(test_dup_id_place)
{
	struct buf	b = BUF_INIT;
	struct loaded	l;
	size_t		col;
	int		i;

	buf_adds(&b, "events: [{id: x, title: a, date: 2022}, {title: \"");
	for (i = 0; i < 70000; i++)
		buf_addc(&b, 'p');
	buf_adds(&b, "\", date: 2022, id: x}]\n");
	col = (size_t)(strstr(b.data + 40, "id: x") - b.data) + 5;
	load_text(&l, b.data);
	ck_assert_uint_eq(l.diags.errors, 1);
	ck_assert_uint_eq(l.diags.v[0].line, 1);
	ck_assert_uint_eq(l.diags.v[0].col, col);
	ck_assert_uint_eq(l.diags.v[1].col, 15);	/* the first one */
	loaded_free(&l);

	buf_reset(&b);
	buf_adds(&b, "events:\n  - {id: y, title: a, date: 2022}\n"
	    "  - title: b\n    description: |\n");
	for (i = 0; i < 300; i++)
		buf_adds(&b, "      line\n");
	buf_adds(&b, "    date: 2022\n    id: y\n");
	load_text(&l, b.data);
	ck_assert_uint_eq(l.diags.errors, 1);
	ck_assert_uint_eq(l.diags.v[0].line, 3);	/* the event's start */
	ck_assert_uint_eq(l.diags.v[0].col, 5);
	buf_free(&b);
	loaded_free(&l);
}
END_TEST

START_TEST(test_many_keys)
{
	/* Duplicate detection stays fast on a huge mapping. */
	struct buf	b = BUF_INIT;
	struct loaded	l;
	int		i;

	buf_adds(&b, "big:\n");
	for (i = 0; i < 200000; i++)
		buf_printf(&b, "  k%d: v\n", i);
	buf_adds(&b, "  k7: again\nevents: []\n");
	load_text(&l, b.data);
	ck_assert_uint_eq(l.diags.errors, 1);
	ck_assert_str_eq(l.diags.v[0].msg, "duplicate key 'k7' (first at "
	    "line 9, column 3)");
	buf_free(&b);
	loaded_free(&l);
}
END_TEST

Suite *
yamlio_suite(void)
{
	Suite	*s = suite_create("yamlio");
	TCase	*tc;

	tc = tcase_create("load");
	tcase_add_test(tc, test_fields);
	tcase_add_test(tc, test_aliases);
	tcase_add_test(tc, test_timelinejs);
	suite_add_tcase(s, tc);

	tc = tcase_create("spans");
	tcase_add_test(tc, test_spans);
	tcase_add_test(tc, test_bom);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_loop_test(tc, test_bad, 0,
	    (int)(sizeof bad_cases / sizeof bad_cases[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_claims);
	tcase_add_test(tc, test_depth);
	tcase_add_test(tc, test_alias_bomb);
	tcase_add_test(tc, test_many_keys);
	tcase_add_test(tc, test_dup_id_place);
	suite_add_tcase(s, tc);
	return s;
}
