/* SPDX-License-Identifier: MIT */
/*
 * The merge by event.  A property test: for many random stories and random
 * edits on two branches (notes, titles, dates, verdicts, tags, events added
 * and deleted), the merge must either be clean and hold both branches'
 * edits, or report conflicts exactly where both branches changed one field
 * (or one deleted an event the other changed) -- and then taking ours'
 * side of every conflict gives a file that loads with ours' values there
 * and the merged ones everywhere else, and the same for theirs'.  Never a
 * silent loss.  The expected outcome comes from a model of each branch,
 * three-way merged field by field.  Then a few hand-written layouts.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check_suites.h"
#include "diag.h"
#include "load.h"
#include "merge.h"
#include "timeline.h"
#include "yamlio.h"

#define PM_EVENTS	12
#define PM_NOTES	10
#define PM_TAGS		5

struct pm_note {
	char	at[40];
	char	by[8];
	char	text[40];
};

struct pm_event {
	char		id[40];
	char		date[16];
	char		title[48];
	int		status;		/* 0: none */
	int		ntags;		/* -1: no tags key */
	char		tags[PM_TAGS][16];
	int		nnotes;
	struct pm_note	notes[PM_NOTES];
};

struct pm_model {
	int		n;
	struct pm_event	ev[PM_EVENTS];
	int		clock;		/* minutes, for new notes' 'at' */
	int		made;
};

static uint64_t pm_seed;

static unsigned
pm_rand(unsigned n)
{
	pm_seed ^= pm_seed << 13;
	pm_seed ^= pm_seed >> 7;
	pm_seed ^= pm_seed << 17;
	return (unsigned)(pm_seed % n);
}

static const char *const pm_dates[] = {
	"2021", "2022-03-01", "late 2022", "2023-Q2", "early 2024", "2020-05"
};
static const char *const pm_status[] = {
	"", "confirmed", "reported", "alleged", "disputed", "denied"
};

static void
pm_note_add(struct pm_event *e, struct pm_model *m, const char *side)
{
	struct pm_note	*n;
	int		 v;

	if (e->nnotes == PM_NOTES)
		return;
	n = &e->notes[e->nnotes++];
	m->clock += 1 + (int)pm_rand(40);
	v = m->clock;
	snprintf(n->at, sizeof n->at, "2026-02-%02dT%02d:%02d:00Z",
	    1 + v / 1440 % 28, v / 60 % 24, v % 60);
	snprintf(n->by, sizeof n->by, "%s", side);
	snprintf(n->text, sizeof n->text, "n-%s-%d", side, m->made++);
}

static void
pm_base(struct pm_model *m)
{
	int	i, j;

	memset(m, 0, sizeof *m);
	m->n = 1 + (int)pm_rand(6);
	for (i = 0; i < m->n; i++) {
		struct pm_event *e = &m->ev[i];

		snprintf(e->id, sizeof e->id, "e%d", i);
		snprintf(e->date, sizeof e->date, "%s", pm_dates[pm_rand(6)]);
		snprintf(e->title, sizeof e->title, "Title %d", i);
		e->status = (int)pm_rand(6);
		e->ntags = (int)pm_rand(4) - 1;
		for (j = 0; j < e->ntags; j++)
			snprintf(e->tags[j], sizeof e->tags[j], "b%d", j);
		for (j = (int)pm_rand(3); j > 0; j--)
			pm_note_add(e, m, "base");
	}
	m->clock = 0;
}

/* One random edit on a branch. */
static void
pm_mutate(struct pm_model *m, const char *side)
{
	struct pm_event	*e = &m->ev[pm_rand((unsigned)m->n)];
	int		 at;

	switch (pm_rand(8)) {
	case 0:
	case 1:
		pm_note_add(e, m, side);
		break;
	case 2:
		snprintf(e->title, sizeof e->title, "T %s %d", side,
		    m->made++);
		break;
	case 3:
		snprintf(e->date, sizeof e->date, "%s", pm_dates[pm_rand(6)]);
		break;
	case 4:
		e->status = (int)pm_rand(6);
		break;
	case 5:
		if (m->n == PM_EVENTS)
			break;
		at = (int)pm_rand((unsigned)m->n + 1);
		memmove(&m->ev[at + 1], &m->ev[at],
		    (size_t)(m->n - at) * sizeof *m->ev);
		e = &m->ev[at];
		memset(e, 0, sizeof *e);
		snprintf(e->id, sizeof e->id, "%s-new-%d", side, m->made++);
		snprintf(e->date, sizeof e->date, "%s", pm_dates[pm_rand(6)]);
		snprintf(e->title, sizeof e->title, "New %d", m->made++);
		e->ntags = -1;
		m->n++;
		break;
	case 6:
		if (m->n > 1) {
			at = (int)(e - m->ev);
			memmove(&m->ev[at], &m->ev[at + 1],
			    (size_t)(m->n - at - 1) * sizeof *m->ev);
			m->n--;
		}
		break;
	default:
		if (e->ntags < PM_TAGS - 1) {
			if (e->ntags < 0)
				e->ntags = 0;
			snprintf(e->tags[e->ntags], sizeof e->tags[0], "%s%d",
			    side, (int)pm_rand(3));
			e->ntags++;
		}
		break;
	}
}

/* The model as a file; layout (indentation, comments) from layout, the
 * same for every branch. */
static void
pm_write(const struct pm_model *m, unsigned layout, struct buf *b)
{
	const char	*in = layout & 1 ? "" : "  ";
	int		 i, j;

	buf_adds(b, "# a story\ntitle: Property\nevents:\n");
	for (i = 0; i < m->n; i++) {
		const struct pm_event *e = &m->ev[i];

		if (layout & 2)
			buf_printf(b, "%s# %s\n", in, e->id);
		buf_printf(b, "%s- id: %s\n%s  date: %s\n%s  title: %s%s\n",
		    in, e->id, in, e->date, in, e->title,
		    layout & 4 ? "   # kept" : "");
		if (e->status != 0)
			buf_printf(b, "%s  status: %s\n", in,
			    pm_status[e->status]);
		if (e->ntags >= 0) {
			buf_printf(b, "%s  tags: [", in);
			for (j = 0; j < e->ntags; j++)
				buf_printf(b, "%s%s", j > 0 ? ", " : "",
				    e->tags[j]);
			buf_adds(b, "]\n");
		}
		if (e->nnotes > 0)
			buf_printf(b, "%s  notes:\n", in);
		for (j = 0; j < e->nnotes; j++)
			buf_printf(b, "%s    - at: %s\n%s      by: %s\n"
			    "%s      text: %s\n", in, e->notes[j].at, in,
			    e->notes[j].by, in, e->notes[j].text);
	}
	if (layout & 8)
		buf_adds(b, "# the end\n");
}

static const struct pm_event *
pm_find(const struct pm_model *m, const char *id)
{
	int	i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->ev[i].id, id) == 0)
			return &m->ev[i];
	return NULL;
}

static bool
pm_tags_same(const struct pm_event *a, const struct pm_event *b)
{
	int	i;

	if (a->ntags != b->ntags)
		return false;
	for (i = 0; i < a->ntags; i++)
		if (strcmp(a->tags[i], b->tags[i]) != 0)
			return false;
	return true;
}

static bool
pm_same(const struct pm_event *a, const struct pm_event *b)
{
	int	i;

	if (strcmp(a->date, b->date) != 0 || strcmp(a->title, b->title) != 0 ||
	    a->status != b->status || !pm_tags_same(a, b) ||
	    a->nnotes != b->nnotes)
		return false;
	for (i = 0; i < a->nnotes; i++)
		if (strcmp(a->notes[i].text, b->notes[i].text) != 0)
			return false;
	return true;
}

/* What an event must be after the merge, with ours' or theirs' side
 * taken in each conflict. */
struct pm_want {
	struct pm_event	ev[2 * PM_EVENTS];
	int		n;
	int		conflicts;
};

static int
pm_note_cmp(const void *a, const void *b)
{
	const struct pm_note	*x = a, *y = b;
	int			 c = strcmp(x->at, y->at);

	/* at the same instant, ours' first */
	return c != 0 ? c : strcmp(x->by, y->by);
}

/* Field by field; side 0 takes ours in a conflict, 1 theirs. */
static void
pm_merge_event(const struct pm_event *b, const struct pm_event *o,
    const struct pm_event *t, int side, struct pm_want *w)
{
	struct pm_event	*r = &w->ev[w->n++];
	int		 i, k;

#define THREE(f, eq, cp) do {						\
	if (eq(o, t) || eq(b, t))					\
		cp(r, o);						\
	else if (eq(b, o))						\
		cp(r, t);						\
	else {								\
		cp(r, side == 0 ? o : t);				\
		w->conflicts++;						\
	}								\
} while (0)
#define STR_EQ_DATE(x, y) (strcmp((x)->date, (y)->date) == 0)
#define STR_EQ_TITLE(x, y) (strcmp((x)->title, (y)->title) == 0)
#define EQ_STATUS(x, y) ((x)->status == (y)->status)
#define CP_DATE(d, s) memcpy((d)->date, (s)->date, sizeof (d)->date)
#define CP_TITLE(d, s) memcpy((d)->title, (s)->title, sizeof (d)->title)
#define CP_STATUS(d, s) ((d)->status = (s)->status)
#define CP_TAGS(d, s) do { (d)->ntags = (s)->ntags;			\
	memcpy((d)->tags, (s)->tags, sizeof (d)->tags); } while (0)
	memcpy(r->id, o->id, sizeof r->id);
	THREE(date, STR_EQ_DATE, CP_DATE);
	THREE(title, STR_EQ_TITLE, CP_TITLE);
	THREE(status, EQ_STATUS, CP_STATUS);
	THREE(tags, pm_tags_same, CP_TAGS);
#undef THREE
	/* Notes: base's, then both sides' new ones in 'at' order. */
	r->nnotes = b->nnotes;
	memcpy(r->notes, b->notes, sizeof r->notes);
	for (i = b->nnotes; i < o->nnotes; i++)
		r->notes[r->nnotes++] = o->notes[i];
	for (i = b->nnotes; i < t->nnotes; i++)
		r->notes[r->nnotes++] = t->notes[i];
	k = r->nnotes - b->nnotes;
	qsort(r->notes + b->nnotes, (size_t)k, sizeof *r->notes, pm_note_cmp);
}

static void
pm_expect(const struct pm_model *b, const struct pm_model *o,
    const struct pm_model *t, int side, struct pm_want *w)
{
	const struct pm_model	*all[2] = { o, t };
	const struct pm_event	*eb, *eo, *et;
	int			 s, i;

	memset(w, 0, sizeof *w);
	for (s = 0; s < 2; s++)
		for (i = 0; i < all[s]->n; i++) {
			const char *id = all[s]->ev[i].id;

			eo = pm_find(o, id);
			et = pm_find(t, id);
			eb = pm_find(b, id);
			if (s == 1 && eo != NULL)
				continue;	/* done from ours */
			if (eo != NULL && et != NULL)
				pm_merge_event(eb, eo, et, side, w);
			else if (eb == NULL)
				w->ev[w->n++] = eo != NULL ? *eo : *et;
			else if (!pm_same(eb, eo != NULL ? eo : et)) {
				/* deleted on one side, changed on the other */
				w->conflicts++;
				if ((side == 0) == (eo != NULL))
					w->ev[w->n++] = eo != NULL ? *eo : *et;
			}
		}
}

/* The text with ours' (side 0) or theirs' side of each conflict. */
static void
pm_resolve(const char *text, int side, struct buf *out)
{
	const char	*p = text, *nl;
	int		 in = 0;	/* 0 outside, 1 ours, 2 theirs */
	size_t		 n;

	for (; *p != '\0'; p = nl != NULL ? nl + 1 : p + n) {
		nl = strchr(p, '\n');
		n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (n == strlen(MERGE_OURS) && memcmp(p, MERGE_OURS, n) == 0)
			in = 1;
		else if (n == strlen(MERGE_SEP) && in == 1 &&
		    memcmp(p, MERGE_SEP, n) == 0)
			in = 2;
		else if (n == strlen(MERGE_THEIRS) &&
		    memcmp(p, MERGE_THEIRS, n) == 0)
			in = 0;
		else if (in == 0 || in == side + 1)
			buf_add(out, p, n + (nl != NULL));
	}
}

static void
pm_check_event(const struct tl_event *e, const struct pm_event *w,
    const char *ctx)
{
	int	i;

	ck_assert_msg(strcmp(e->date_text, w->date) == 0, "%s: %s date %s, "
	    "want %s", ctx, w->id, e->date_text, w->date);
	ck_assert_msg(strcmp(e->title, w->title) == 0, "%s: %s title %s, "
	    "want %s", ctx, w->id, e->title, w->title);
	ck_assert_msg((int)e->status == w->status, "%s: %s status %d, want "
	    "%d", ctx, w->id, (int)e->status, w->status);
	ck_assert_msg((int)e->ntags == (w->ntags < 0 ? 0 : w->ntags),
	    "%s: %s has %u tags, want %d", ctx, w->id, e->ntags, w->ntags);
	for (i = 0; i < w->ntags; i++)
		ck_assert_str_eq(e->tags[i], w->tags[i]);
	ck_assert_msg((int)e->nnotes == w->nnotes, "%s: %s has %u notes, "
	    "want %d", ctx, w->id, e->nnotes, w->nnotes);
	for (i = 0; i < w->nnotes; i++)
		ck_assert_msg(strcmp(e->notes[i].text, w->notes[i].text) == 0,
		    "%s: %s note %d is %s, want %s", ctx, w->id, i,
		    e->notes[i].text, w->notes[i].text);
}

/* The file text holds exactly the events of w. */
static void
pm_check_file(const char *text, const struct pm_want *w, const char *ctx)
{
	struct timeline		tl = TIMELINE_INIT;
	struct diag_list	diags = DIAG_LIST_INIT;
	struct tl_event		*e;
	int			i;

	timeline_add_file(&tl, "merged.yaml");
	ck_assert(yamlio_load_buffer(&tl, 0, text, strlen(text), &diags));
	load_check(&tl, &diags);
	ck_assert_msg(diags.errors == 0, "%s: the result has errors:\n%s",
	    ctx, text);
	ck_assert_msg((int)tl.nevents == w->n, "%s: %zu events, want %d:\n%s",
	    ctx, tl.nevents, w->n, text);
	for (i = 0; i < w->n; i++) {
		e = timeline_find_id(&tl, w->ev[i].id);
		ck_assert_msg(e != NULL, "%s: %s is missing:\n%s", ctx,
		    w->ev[i].id, text);
		pm_check_event(e, &w->ev[i], ctx);
	}
	diag_free(&diags);
	timeline_free(&tl);
}

START_TEST(test_property)
{
	struct pm_model		 b, o, t;
	struct pm_want		 w0, w1;
	struct buf		 tb = BUF_INIT, to = BUF_INIT, tt = BUF_INIT;
	struct buf		 out = BUF_INIT, r = BUF_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	struct merge_text	 mb, mo, mt;
	enum merge_status	 st;
	size_t			 conflicts;
	unsigned		 layout, k;
	char			 ctx[64];

	pm_seed = 0x9E3779B97F4A7C15ULL ^ (uint64_t)_i * 7919;
	pm_rand(1);
	pm_base(&b);
	o = b;
	t = b;
	for (k = 1 + pm_rand(3); k > 0; k--)
		pm_mutate(&o, "ours");
	for (k = 1 + pm_rand(3); k > 0; k--)
		pm_mutate(&t, "thrs");
	layout = pm_rand(16);
	pm_write(&b, layout, &tb);
	pm_write(&o, layout, &to);
	pm_write(&t, layout, &tt);
	mb = (struct merge_text){ tb.data, tb.len };
	mo = (struct merge_text){ to.data, to.len };
	mt = (struct merge_text){ tt.data, tt.len };
	pm_expect(&b, &o, &t, 0, &w0);
	pm_expect(&b, &o, &t, 1, &w1);
	st = merge_story("p.yaml", &mb, &mo, &mt, &out, &conflicts, &diags);
	snprintf(ctx, sizeof ctx, "case %d", _i);
	ck_assert_msg(st != MERGE_FAILED, "%s: failed:\n%s\n--\n%s\n--\n%s",
	    ctx, tb.data, to.data, tt.data);
	ck_assert_msg((st == MERGE_CONFLICT) == (w0.conflicts > 0),
	    "%s: %zu conflicts, want %d:\n%s\n--ours:\n%s\n--theirs:\n%s\n"
	    "--merged:\n%s", ctx, conflicts, w0.conflicts, tb.data, to.data,
	    tt.data, buf_str(&out));
	ck_assert_msg((int)conflicts == w0.conflicts, "%s: %zu conflicts, "
	    "want %d:\n%s", ctx, conflicts, w0.conflicts, buf_str(&out));
	pm_resolve(buf_str(&out), 0, &r);
	pm_check_file(buf_str(&r), &w0, ctx);
	buf_reset(&r);
	pm_resolve(buf_str(&out), 1, &r);
	pm_check_file(buf_str(&r), &w1, ctx);
	/* Nothing from theirs: ours byte for byte. */
	if (tt.len == tb.len && memcmp(tt.data, tb.data, tb.len) == 0)
		ck_assert_str_eq(buf_str(&out), to.data);
	buf_free(&tb);
	buf_free(&to);
	buf_free(&tt);
	buf_free(&out);
	buf_free(&r);
	diag_free(&diags);
}
END_TEST

/* --- layouts ------------------------------------------------------------- */

static char *
merge3(const char *b, const char *o, const char *t, enum merge_status *st,
    size_t *conflicts)
{
	struct merge_text	mb = { b, strlen(b) }, mo = { o, strlen(o) };
	struct merge_text	mt = { t, strlen(t) };
	struct buf		out = BUF_INIT;
	struct diag_list	diags = DIAG_LIST_INIT;

	*st = merge_story("x.yaml", &mb, &mo, &mt, &out, conflicts, &diags);
	diag_free(&diags);
	return buf_detach(&out);
}

/* Both add a note to an event written with 4-space indentation in ours
 * and 2 in theirs, in a CRLF file: ours' layout, both notes, 'at' order. */
START_TEST(test_indent_crlf)
{
	const char	*b = "events:\r\n- id: a\r\n  date: 2022\r\n"
			    "  title: A\r\n";
	const char	*o = "events:\r\n- id: a\r\n  date: 2022\r\n"
			    "  title: A\r\n  notes:\r\n  - at: 2026-01-02\r\n"
			    "    text: ours\r\n";
	const char	*t = "events:\r\n- id: a\r\n  date: 2022\r\n"
			    "  title: A\r\n  notes:\r\n  - at: 2026-01-01\r\n"
			    "    text: theirs\r\n";
	enum merge_status st;
	size_t		 c;
	char		*out = merge3(b, o, t, &st, &c);

	ck_assert_int_eq(st, MERGE_CLEAN);
	ck_assert_str_eq(out, "events:\r\n- id: a\r\n  date: 2022\r\n"
	    "  title: A\r\n  notes:\r\n  - at: 2026-01-01\r\n"
	    "    text: theirs\r\n  - at: 2026-01-02\r\n    text: ours\r\n");
	free(out);
}
END_TEST

/* No final newline, an event added by theirs at the end. */
START_TEST(test_no_final_newline)
{
	const char	*b = "events:\n  - id: a\n    date: 2022\n    title: A";
	const char	*o = "events:\n  - id: a\n    date: 2022\n    title: A2";
	const char	*t = "events:\n  - id: a\n    date: 2022\n    title: A\n"
			    "  - id: b\n    date: 2023\n    title: B";
	enum merge_status st;
	size_t		 c;
	char		*out = merge3(b, o, t, &st, &c);

	ck_assert_int_eq(st, MERGE_CLEAN);
	ck_assert_str_eq(out, "events:\n  - id: a\n    date: 2022\n    title: A2"
	    "\n  - id: b\n    date: 2023\n    title: B");
	free(out);
}
END_TEST

/* A flow-mapping event changed on both sides: the whole event in
 * conflict, both versions kept. */
START_TEST(test_flow_event_conflict)
{
	const char	*b = "events:\n  - {id: a, date: 2022, title: A}\n";
	const char	*o = "events:\n  - {id: a, date: 2023, title: A}\n";
	const char	*t = "events:\n  - {id: a, date: 2022, title: B}\n";
	enum merge_status st;
	size_t		 c;
	char		*out = merge3(b, o, t, &st, &c);

	ck_assert_int_eq(st, MERGE_CONFLICT);
	ck_assert_uint_eq(c, 1);
	ck_assert_str_eq(out, "events:\n" MERGE_OURS "\n"
	    "  - {id: a, date: 2023, title: A}\n" MERGE_SEP "\n"
	    "  - {id: a, date: 2022, title: B}\n" MERGE_THEIRS "\n");
	free(out);
}
END_TEST

/* Claims in block lists: a source's via changed on one side and a
 * relation on the other both apply; the same source's via or the same
 * relation changed two ways is a conflict around that field alone (both
 * new items kept would say two things of one source), the title theirs
 * changed still applies. */
static const char mc_base[] =
    "events:\n  - id: a\n    date: 2022\n    title: A\n"
    "    sources:\n      - outlet: Reuters\n        via: AP\n"
    "    related:\n      - b\n"
    "  - id: b\n    date: 2023\n    title: B\n";

START_TEST(test_claims_lists)
{
	const char	*o1 = "events:\n  - id: a\n    date: 2022\n    title: A\n"
			    "    sources:\n      - outlet: Reuters\n"
			    "        via: AFP\n"
			    "    related:\n      - b\n      - {id: c, rel: follows}\n"
			    "  - id: b\n    date: 2023\n    title: B\n";
	const char	*t1 = "events:\n  - id: a\n    date: 2022\n    title: A\n"
			    "    sources:\n      - outlet: Reuters\n        via: AP\n"
			    "    related:\n      - {id: b, rel: contradicts}\n"
			    "  - id: b\n    date: 2023\n    title: B\n";
	const char	*o2 = "events:\n  - id: a\n    date: 2022\n    title: A\n"
			    "    sources:\n      - outlet: Reuters\n"
			    "        via: AFP\n"
			    "    related:\n      - {id: b, rel: supports}\n"
			    "  - id: b\n    date: 2023\n    title: B\n";
	const char	*t2 = "events:\n  - id: a\n    date: 2022\n    title: A2\n"
			    "    sources:\n      - outlet: Reuters\n"
			    "        via: DPA\n"
			    "    related:\n      - b\n"
			    "  - id: b\n    date: 2023\n    title: B\n";
	enum merge_status st;
	size_t		 c;
	char		*out = merge3(mc_base, o1, t1, &st, &c);

	ck_assert_int_eq(st, MERGE_CLEAN);
	ck_assert_str_eq(out, "events:\n  - id: a\n    date: 2022\n"
	    "    title: A\n    sources:\n      - outlet: Reuters\n"
	    "        via: AFP\n    related:\n      - {id: c, rel: follows}\n"
	    "      - {id: b, rel: contradicts}\n"
	    "  - id: b\n    date: 2023\n    title: B\n");
	free(out);
	out = merge3(mc_base, o2, t2, &st, &c);
	ck_assert_int_eq(st, MERGE_CONFLICT);
	ck_assert_uint_eq(c, 1);
	ck_assert_str_eq(out, "events:\n  - id: a\n    date: 2022\n"
	    "    title: A2\n" MERGE_OURS "\n    sources:\n"
	    "      - outlet: Reuters\n        via: AFP\n" MERGE_SEP "\n"
	    "    sources:\n      - outlet: Reuters\n        via: DPA\n"
	    MERGE_THEIRS "\n    related:\n      - {id: b, rel: supports}\n"
	    "  - id: b\n    date: 2023\n    title: B\n");
	free(out);
}
END_TEST

/* Input that does not load: the merge fails, nothing is made up. */
START_TEST(test_unparsable)
{
	const char	*b = "events:\n  - id: a\n    date: 2022\n    title: A\n";
	const char	*t = "events:\n  - id: a\n    date: [\n";
	enum merge_status st;
	size_t		 c;
	char		*out = merge3(b, b, t, &st, &c);

	ck_assert_int_eq(st, MERGE_FAILED);
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

Suite *
merge_suite(void)
{
	Suite	*s = suite_create("merge");
	TCase	*tc;

	tc = tcase_create("property");
	tcase_add_loop_test(tc, test_property, 0, 2000);
	tcase_add_test(tc, test_claims_lists);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	tc = tcase_create("layouts");
	tcase_add_test(tc, test_indent_crlf);
	tcase_add_test(tc, test_no_final_newline);
	tcase_add_test(tc, test_flow_event_conflict);
	tcase_add_test(tc, test_unparsable);
	suite_add_tcase(s, tc);
	return s;
}
