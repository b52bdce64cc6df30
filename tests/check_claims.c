/* SPDX-License-Identifier: MIT */
/*
 * Contested claims (claims.c): the verdict as of a date, whether it
 * changed, and sources traced through via to independent origins.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check_suites.h"
#include "claims.h"
#include "date.h"
#include "diag.h"
#include "load.h"
#include "query.h"
#include "timeline.h"

static struct date_range
day(const char *s)
{
	struct date_range	r;

	ck_assert_msg(date_parse(s, strlen(s), 0, &r, NULL, NULL), "%s", s);
	return r;
}

static void
verdict(struct tl_verdict *v, const char *date, enum tl_status s)
{
	v->date_text = date;
	v->date = day(date);
	v->status = s;
}

START_TEST(test_verdict_asof)
{
	struct tl_verdict	v[4];
	struct tl_extra		c = { .verdicts = NULL };
	struct tl_event		e;

	memset(&e, 0, sizeof e);
	memset(v, 0, sizeof v);
	e.status = TL_STATUS_CONFIRMED;
	/* no verdicts: the status, whatever the date */
	ck_assert_int_eq(claims_status_asof(&e, day("1990").latest),
	    TL_STATUS_CONFIRMED);
	ck_assert(!claims_changed(&e, DATE_MAX));
	verdict(&v[0], "2024-10-24", TL_STATUS_ALLEGED);
	verdict(&v[1], "2025-01", TL_STATUS_DISPUTED);
	verdict(&v[2], "2025-03-01", TL_STATUS_CONFIRMED);
	c.verdicts = v;
	e.extra = &c;
	ck_assert_uint_eq(tl_event_nverdicts(&e), 3);
	/* before the first verdict: none yet */
	ck_assert_int_eq(claims_status_asof(&e, day("2024-10-23").latest),
	    TL_STATUS_NONE);
	ck_assert_ptr_null(claims_verdict_asof(&e, day("2024-10-23").latest));
	/* the day itself counts */
	ck_assert_int_eq(claims_status_asof(&e, day("2024-10-24").latest),
	    TL_STATUS_ALLEGED);
	/* a month's verdict counts from its first day */
	ck_assert_int_eq(claims_status_asof(&e, day("2025-01-01").latest),
	    TL_STATUS_DISPUTED);
	ck_assert_int_eq(claims_status_asof(&e, day("2025-02-28").latest),
	    TL_STATUS_DISPUTED);
	ck_assert_int_eq(claims_status_asof(&e, day("2026").latest),
	    TL_STATUS_CONFIRMED);
	ck_assert_str_eq(claims_verdict_asof(&e, DATE_MAX)->date_text,
	    "2025-03-01");
	/* changed: only once two different verdicts are in */
	ck_assert(!claims_changed(&e, day("2024-12").latest));
	ck_assert(claims_changed(&e, day("2025-01").latest));
	ck_assert(claims_changed(&e, DATE_MAX));
	/* the same verdict twice is no change */
	verdict(&v[1], "2025-01", TL_STATUS_ALLEGED);
	verdict(&v[2], "2025-03-01", TL_STATUS_NONE);
	ck_assert(!claims_changed(&e, DATE_MAX));
}
END_TEST

static void
source(struct tl_source *s, const char *outlet, const char *url)
{
	memset(s, 0, sizeof *s);
	s->outlet = outlet;
	s->url = url;
}

/* The origins of e's sources, into b (reset first). */
static const char *
origins(struct buf *b, const struct tl_event *e, uint32_t *n)
{
	buf_reset(b);
	*n = claims_independent(e, b);
	return buf_str(b);
}

START_TEST(test_independent)
{
	struct tl_source	s[4];
	struct tl_source_more	m[4];
	struct tl_extra		c = { .more = m };
	struct tl_event		e;
	uint32_t		n;
	const char		*o;
	size_t			len;
	struct buf		b = BUF_INIT;

	memset(&e, 0, sizeof e);
	memset(m, 0, sizeof m);
	e.sources = s;
	e.extra = &c;
	/* three sources, two relaying the WSJ: one independent */
	source(&s[0], "The Wall Street Journal", NULL);
	source(&s[1], "Reuters", NULL);
	m[1].via = "the wall street journal";	/* case does not matter */
	source(&s[2], "AFP", NULL);
	m[2].via = "Reuters";	/* a chain: AFP via Reuters via the WSJ */
	e.nsources = 3;
	ck_assert_str_eq(origins(&b, &e, &n), "The Wall Street Journal");
	ck_assert_uint_eq(n, 1);
	ck_assert(claims_origin(&e, 2, &o, &len));
	ck_assert_int_eq((int)len, (int)strlen("The Wall Street Journal"));
	ck_assert_uint_eq(claims_via_cycle(&e), UINT32_MAX);
	/* relaying an outlet that is not among the sources: that outlet */
	m[1].via = "TASS";
	ck_assert_str_eq(origins(&b, &e, &n), "The Wall Street Journal, TASS");
	ck_assert_uint_eq(n, 2);
	/* a URL alone: its host; a plain text: itself */
	source(&s[3], NULL, "https://www.wsj.com/world/x");
	e.nsources = 4;
	ck_assert_str_eq(origins(&b, &e, &n),
	    "The Wall Street Journal, TASS, wsj.com");
	ck_assert_uint_eq(n, 3);
	/* a cycle: Reuters via AFP via Reuters has no origin, and is found */
	m[1].via = "AFP";
	e.nsources = 3;
	ck_assert_str_eq(origins(&b, &e, &n), "The Wall Street Journal");
	ck_assert_uint_eq(n, 1);
	ck_assert(!claims_origin(&e, 1, &o, &len));
	ck_assert_uint_eq(claims_via_cycle(&e), 1);
	/* relaying itself is a cycle too */
	m[0].via = "the Wall Street Journal";
	e.nsources = 1;
	ck_assert_uint_eq(claims_via_cycle(&e), 0);
	buf_free(&b);
}
END_TEST

START_TEST(test_relation_problem)
{
	struct tl_event		a, b;
	struct tl_verdict	v[2];
	struct tl_extra		c = { .verdicts = NULL };
	struct tl_ref		r = { "b", 1, 1, TL_REL_CONTRADICTS };
	struct buf		msg = BUF_INIT;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	memset(v, 0, sizeof v);
	a.id = "a";
	a.title = "A";
	a.date_text = "2025-01-10";
	a.date = day(a.date_text);
	b.id = "b";
	b.title = "B";
	a.status = b.status = TL_STATUS_CONFIRMED;
	ck_assert(claims_relation_problem(&a, &r, &b, &msg));
	ck_assert_str_eq(buf_str(&msg), "'a' contradicts 'b' but both are "
	    "confirmed");
	buf_reset(&msg);
	b.status = TL_STATUS_DENIED;
	ck_assert(!claims_relation_problem(&a, &r, &b, &msg));
	/* supports says nothing of statuses */
	r.rel = TL_REL_SUPPORTS;
	ck_assert(!claims_relation_problem(&a, &r, &b, &msg));
	/* a retraction: the retracted event must be updated */
	r.rel = TL_REL_RETRACTS;
	ck_assert(!claims_relation_problem(&a, &r, &b, &msg));
	b.status = TL_STATUS_CONFIRMED;
	ck_assert(claims_relation_problem(&a, &r, &b, &msg));
	ck_assert_str_eq(buf_str(&msg), "'a' retracts 'b', whose status is "
	    "still confirmed: it has no verdict dated on or after "
	    "2025-01-10");
	/* ... by a verdict since: updated (a verdict before is not) */
	verdict(&v[0], "2024-12", TL_STATUS_CONFIRMED);
	c.verdicts = v;
	b.extra = &c;
	r.rel = TL_REL_SUPERSEDES;
	ck_assert(claims_relation_problem(&a, &r, &b, &msg));
	verdict(&v[0], "2025-01-10", TL_STATUS_CONFIRMED);
	ck_assert(!claims_relation_problem(&a, &r, &b, &msg));
	buf_free(&msg);
}
END_TEST

START_TEST(test_rel_names)
{
	enum tl_rel	r;
	int		i;

	for (i = TL_REL_NONE + 1; i < TL_REL_COUNT; i++) {
		const char *name = tl_rel_name((enum tl_rel)i);

		ck_assert(tl_rel_parse(name, strlen(name), &r));
		ck_assert_int_eq((int)r, i);
	}
	ck_assert(tl_rel_parse("Contradicts", 11, &r));
	ck_assert_int_eq(r, TL_REL_CONTRADICTS);
	ck_assert(!tl_rel_parse("refutes", 7, &r));
	ck_assert_str_eq(tl_rel_name(TL_REL_NONE), "");
}
END_TEST

/* The query fields of contested claims, over tests/data/claims.yaml: each
 * query and the ids it keeps, in order. */
static const struct {
	const char	*query;
	const char	*ids;
} claim_queries[] = {
	{ "rel:contradicts", "wsj-contact kremlin-denial" },
	{ "rel:retracts,supersedes", "terminals-retraction terminals-update" },
	{ "rel:follows", "taiwan-request" },
	{ "-rel:supports", "wsj-contact terminals-claim terminals-retraction "
	    "terminals-update kremlin-denial" },
	/* independent: the WSJ and its relays count once */
	{ "sources:1", "wsj-contact taiwan-request terminals-claim "
	    "kremlin-denial" },
	{ "sources:2", "taiwan-request" },
	{ "sources:0", "wsj-contact taiwan-request terminals-claim "
	    "terminals-retraction terminals-update kremlin-denial" },
	/* a plain-text source, an outlet, a URL, an archive, a relay */
	{ "source:TASS", "kremlin-denial" },
	{ "source:\"kyiv post\"", "wsj-contact" },
	{ "source:wsj.com", "wsj-contact" },
	{ "source:web.archive.org", "wsj-contact" },
	{ "source:Reuters", "wsj-contact" },
	/* bare words do not search sources (SPEC section 4) */
	{ "TASS", "" },
	/* the verdict as of a date */
	{ "status:confirmed", "wsj-contact" },
	{ "asof:2024-10-30 status:alleged", "wsj-contact taiwan-request" },
	{ "asof:2024-12 status:disputed", "wsj-contact terminals-claim "
	    "terminals-retraction" },
	{ "asof:2024-02-11 status:reported", "terminals-claim" },
	{ "status:reported asof:2024-02-11", "terminals-claim" },
	{ "asof:2024-03-15 status:confirmed", "terminals-retraction" },
	{ "asof:2026 status:confirmed", "wsj-contact" },
};

START_TEST(test_queries)
{
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	char			 path[] = TESTDATA "/claims.yaml";
	char			*paths[] = { path };
	struct query		*q;
	struct buf		 got = BUF_INIT;
	char			*err = NULL;
	size_t			 i, col;

	load_paths(&tl, paths, 1, &diags);
	ck_assert_uint_eq(diags.n, 0);
	q = query_parse(claim_queries[_i].query, &err, &col);
	ck_assert_msg(q != NULL, "%s: %s", claim_queries[_i].query, err);
	for (i = 0; i < tl.nevents; i++)
		if (query_match(q, &tl, &tl.events[i]))
			buf_printf(&got, "%s%s", got.len > 0 ? " " : "",
			    tl.events[i].id);
	ck_assert_msg(strcmp(buf_str(&got), claim_queries[_i].ids) == 0,
	    "%s: got '%s'", claim_queries[_i].query, buf_str(&got));
	query_free(q);
	buf_free(&got);
	diag_free(&diags);
	timeline_free(&tl);
}
END_TEST

START_TEST(test_query_errors)
{
	static const char *const bad[] = {
		"rel:refutes", "sources:two", "sources:", "sources:-1",
		"rel:"
	};
	char	*err = NULL;
	size_t	 i, col;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_msg(query_parse(bad[i], &err, &col) == NULL, "%s",
		    bad[i]);
		free(err);
		err = NULL;
	}
	ck_assert_ptr_null(query_parse("rel:contradict", &err, &col));
	ck_assert_str_eq(err, "unknown relation 'contradict' (did you mean "
	    "'contradicts'?)");
	ck_assert_uint_eq(col, 4);
	free(err);
}
END_TEST

START_TEST(test_query_asof)
{
	struct query	*q;
	date_time	 t;

	q = query_parse("tag:x asof:2024-10", NULL, NULL);
	ck_assert(query_asof(q, &t));
	ck_assert(t == day("2024-10").latest);
	query_free(q);
	q = query_parse("-asof:2024-10 status:alleged", NULL, NULL);
	ck_assert(!query_asof(q, &t));
	query_free(q);
}
END_TEST

Suite *
claims_suite(void)
{
	Suite	*s = suite_create("claims");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_verdict_asof);
	tcase_add_test(tc, test_independent);
	tcase_add_test(tc, test_relation_problem);
	tcase_add_test(tc, test_rel_names);
	suite_add_tcase(s, tc);
	tc = tcase_create("query");
	tcase_add_loop_test(tc, test_queries, 0,
	    sizeof claim_queries / sizeof *claim_queries);
	tcase_add_test(tc, test_query_errors);
	tcase_add_test(tc, test_query_asof);
	suite_add_tcase(s, tc);
	return s;
}
