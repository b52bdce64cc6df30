/* SPDX-License-Identifier: MIT */
/*
 * Story-level diffs: each kind of change gives its one line, an event
 * without an id is matched by its date and title, text from the files is
 * never printed raw, and the textconv form is the same for the same
 * events however the file is laid out.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check_suites.h"
#include "diag.h"
#include "load.h"
#include "storydiff.h"
#include "timeline.h"
#include "yamlio.h"

static void
sd_load(struct timeline *tl, const char *text)
{
	struct diag_list	diags = DIAG_LIST_INIT;

	timeline_add_file(tl, "s.yaml");
	ck_assert(yamlio_load_buffer(tl, 0, text, strlen(text), &diags));
	load_check(tl, &diags);
	ck_assert_uint_eq(diags.errors, 0);
	diag_free(&diags);
	timeline_sort(tl);
}

static char *
sd_diff(const char *a, const char *b, size_t *n)
{
	struct timeline	old = TIMELINE_INIT, new = TIMELINE_INIT;
	struct buf	out = BUF_INIT;

	sd_load(&old, a);
	sd_load(&new, b);
	*n = storydiff_lines(&old, &new, false, &out);
	timeline_free(&old);
	timeline_free(&new);
	return buf_detach(&out);
}

START_TEST(test_kinds)
{
	const char	*a =
	    "events:\n"
	    "  - id: a\n    date: 2022\n    title: A\n    status: alleged\n"
	    "    sources: [{outlet: WSJ}]\n"
	    "  - date: 2023\n    title: No id\n"
	    "  - id: gone\n    date: 2024\n    title: Gone\n";
	const char	*b =
	    "events:\n"
	    "  - {id: a, date: late 2022, title: A2, status: confirmed,\n"
	    "     sources: [{outlet: WSJ}, {outlet: Reuters}],\n"
	    "     tags: [x], notes: [{at: 2026-01-01, by: bo, text: hi}]}\n"
	    "  - date: 2023\n    title: No id\n    description: more\n"
	    "  - id: new\n    date: 2025\n    title: New\n";
	size_t		 n;
	char		*out = sd_diff(a, b, &n);

	ck_assert_str_eq(out,
	    "  re-dated   a  2022 -> late 2022\n"
	    "  re-titled  a  \"A\" -> \"A2\"\n"
	    "  verdict    a  alleged -> confirmed\n"
	    "  source     a  + Reuters\n"
	    "  note       a  + bo: hi\n"
	    "  changed    a  tags\n"
	    "  changed    \"No id\"  description\n"
	    "  added      new  2025  New\n"
	    "  removed    gone  2024  Gone\n");
	ck_assert_uint_eq(n, 9);
	free(out);
	out = sd_diff(a, a, &n);
	ck_assert_str_eq(out, "");
	ck_assert_uint_eq(n, 0);
	free(out);
}
END_TEST

/* An escape sequence in a title reaches the output as visible text. */
START_TEST(test_sanitised)
{
	const char	*a = "events:\n  - id: a\n    date: 2022\n    title: A\n";
	const char	*b = "events:\n  - id: a\n    date: 2022\n"
			    "    title: \"\\e]0;pwned\\a\\nX\"\n";
	size_t		 n;
	char		*out = sd_diff(a, b, &n);

	ck_assert_ptr_null(strchr(out, '\033'));
	ck_assert_ptr_null(strchr(out, '\a'));
	ck_assert_ptr_nonnull(strstr(out, "^[]0;pwned^G X"));
	free(out);
}
END_TEST

/* The text form does not depend on layout or order in the file. */
START_TEST(test_textconv_stable)
{
	struct timeline	a = TIMELINE_INIT, b = TIMELINE_INIT;
	struct buf	ta = BUF_INIT, tb = BUF_INIT;

	sd_load(&a, "# c\nevents:\n  - id: x\n    date: 2021\n    title: X\n"
	    "    tags: [t]\n  - id: y\n    date: 2020\n    title: Y\n");
	sd_load(&b, "events: [{id: y, date: 2020, title: 'Y'},\n"
	    "  {id: x, title: X, date: 2021, tags: t}]\n");
	storydiff_text(&a, &ta);
	storydiff_text(&b, &tb);
	ck_assert_str_eq(buf_str(&ta), buf_str(&tb));
	ck_assert_str_eq(buf_str(&ta), "== x\ndate: 2021\ntitle: X\ntags: t\n"
	    "\n== y\ndate: 2020\ntitle: Y\n");
	buf_free(&ta);
	buf_free(&tb);
	timeline_free(&a);
	timeline_free(&b);
}
END_TEST

/* The blocks go by id, those without one last by date: a re-dated event
 * changes one line of the text, not where its block is. */
START_TEST(test_textconv_order)
{
	struct timeline	a = TIMELINE_INIT, b = TIMELINE_INIT;
	struct buf	ta = BUF_INIT, tb = BUF_INIT;

	sd_load(&a, "events:\n  - {id: b, date: 2020, title: B}\n"
	    "  - {date: 2023, title: N2}\n  - {date: 2022, title: N1}\n"
	    "  - {id: a, date: 2021, title: A}\n");
	sd_load(&b, "events:\n  - {id: b, date: 2025, title: B}\n"
	    "  - {date: 2023, title: N2}\n  - {date: 2022, title: N1}\n"
	    "  - {id: a, date: 2021, title: A}\n");
	storydiff_text(&a, &ta);
	storydiff_text(&b, &tb);
	ck_assert_str_eq(buf_str(&ta), "== a\ndate: 2021\ntitle: A\n\n"
	    "== b\ndate: 2020\ntitle: B\n\n"
	    "== (no id)\ndate: 2022\ntitle: N1\n\n"
	    "== (no id)\ndate: 2023\ntitle: N2\n");
	ck_assert_str_eq(buf_str(&tb), "== a\ndate: 2021\ntitle: A\n\n"
	    "== b\ndate: 2025\ntitle: B\n\n"
	    "== (no id)\ndate: 2022\ntitle: N1\n\n"
	    "== (no id)\ndate: 2023\ntitle: N2\n");
	buf_free(&ta);
	buf_free(&tb);
	timeline_free(&a);
	timeline_free(&b);
}
END_TEST

/* The marks say for each event what the lines say, by kind; events of
 * another file are left alone; gone events are counted. */
START_TEST(test_marks)
{
	struct timeline		 old = TIMELINE_INIT, new = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	const char		*other = "events:\n  - id: o\n    date: 2020\n"
				    "    title: Other file\n";
	uint8_t			*marks;
	size_t			 i;

	sd_load(&old, "events:\n"
	    "  - id: a\n    date: 2022\n    title: A\n    status: alleged\n"
	    "  - id: n\n    date: 2022\n    title: N\n"
	    "  - id: same\n    date: 2022\n    title: S\n"
	    "    notes: [{text: x}, {text: y}]\n"
	    "  - id: gone\n    date: 2024\n    title: Gone\n");
	sd_load(&new, "events:\n"
	    "  - id: a\n    date: 2022\n    title: A2\n    status: denied\n"
	    "  - id: n\n    date: 2022\n    title: N\n"
	    "    notes: [{by: bo, text: hi}]\n"
	    "  - id: same\n    date: 2022\n    title: S\n"
	    "    notes: [{text: y}, {text: x}]\n"
	    "  - id: new\n    date: 2025\n    title: New\n");
	timeline_add_file(&new, "other.yaml");
	ck_assert(yamlio_load_buffer(&new, 1, other, strlen(other), &diags));
	diag_free(&diags);
	timeline_sort(&new);
	marks = calloc(new.nevents, 1);
	memset(marks, 0xff, new.nevents);
	ck_assert_uint_eq(storydiff_marks(&old, &new, 0, marks), 1);
	for (i = 0; i < new.nevents; i++) {
		const char	*id = new.events[i].id;
		unsigned	 want = strcmp(id, "a") == 0 ? STORYDIFF_TITLE |
				    STORYDIFF_STATUS : strcmp(id, "n") == 0 ?
				    STORYDIFF_NOTES : strcmp(id, "same") == 0 ?
				    0 : strcmp(id, "new") == 0 ?
				    STORYDIFF_ADDED : 0xff;

		ck_assert_msg(marks[i] == want, "%s: %#x", id, marks[i]);
	}
	free(marks);
	timeline_free(&old);
	timeline_free(&new);
}
END_TEST

/* Claims: entries added to or removed from the verdicts list, the
 * relations (a reorder is no change), a source's via and archive; the
 * marks agree with the lines. */
static const char sd_claims_old[] =
    "events:\n"
    "  - id: a\n    date: 2022\n    title: A\n    status: alleged\n"
    "    verdicts:\n      - {date: 2024-10-24, status: alleged, by: WSJ}\n"
    "    related: [b, {id: c, rel: supports}, {id: d, rel: follows}]\n"
    "    sources:\n      - outlet: WSJ\n      - {outlet: Reuters, via: AP}\n"
    "      - {outlet: TASS, archive: 'https://archive.org/t'}\n"
    "  - id: r\n    date: 2023\n    title: R\n    status: reported\n"
    "    related: [{id: a, rel: supports}, b]\n"
    "  - id: s\n    date: 2023\n    title: S\n    status: reported\n"
    "  - id: b\n    date: 2024\n    title: B\n"
    "  - id: c\n    date: 2024\n    title: C\n"
    "  - id: d\n    date: 2024\n    title: D\n";
static const char sd_claims_new[] =
    "events:\n"
    "  - id: a\n    date: 2022\n    title: A\n    status: confirmed\n"
    "    verdicts:\n      - {date: 2024-10-24, status: alleged, by: WSJ}\n"
    "      - {date: 2025-03-01, status: confirmed, by: Kremlin,\n"
    "         text: Peskov confirms.}\n"
    "    related: [{id: d, rel: follows}, {id: b, rel: contradicts}]\n"
    "    sources:\n      - {outlet: Reuters, via: WSJ,\n"
    "         archive: 'https://archive.org/r'}\n"
    "      - outlet: WSJ\n      - outlet: TASS\n      - {outlet: AFP, via: WSJ}\n"
    "  - id: r\n    date: 2023\n    title: R\n    status: reported\n"
    "    related: [b, {id: a, rel: supports}]\n"
    "  - id: s\n    date: 2023\n    title: S\n    status: denied\n"
    "    verdicts:\n      - {date: 2023, status: reported}\n"
    "      - {date: 2024, status: reported, by: AP}\n"
    "      - {date: 2025, status: denied, by: X}\n"
    "  - id: b\n    date: 2024\n    title: B\n"
    "  - id: c\n    date: 2024\n    title: C\n"
    "  - id: d\n    date: 2024\n    title: D\n";

START_TEST(test_claims)
{
	struct timeline	 old = TIMELINE_INIT, new = TIMELINE_INIT;
	uint8_t		*marks;
	size_t		 n, i;
	char		*out = sd_diff(sd_claims_old, sd_claims_new, &n);

	ck_assert_str_eq(out,
	    "  verdict    a  alleged -> confirmed (2025-03-01, by Kremlin): "
	    "Peskov confirms.\n"
	    "  source     a  + AFP, via WSJ\n"
	    "  source     a  Reuters now via WSJ (was AP)\n"
	    "  source     a  Reuters now archived <https://archive.org/r>\n"
	    "  source-    a  TASS no longer archived <https://archive.org/t>\n"
	    "  related    a  now contradicts b (was only related)\n"
	    "  related-   a  no longer supports c\n"
	    "  verdict    s  still reported (2023)\n"
	    "  verdict    s  still reported (2024, by AP)\n"
	    "  verdict    s  reported -> denied (2025, by X)\n");
	ck_assert_uint_eq(n, 10);
	free(out);
	/* Backwards: the entry removed, the status back, the relations. */
	out = sd_diff(sd_claims_new, sd_claims_old, &n);
	ck_assert_ptr_nonnull(strstr(out, "  verdict-   a  - confirmed "
	    "(2025-03-01, by Kremlin): Peskov confirms.\n"
	    "  verdict    a  confirmed -> alleged\n"));
	ck_assert_ptr_nonnull(strstr(out, "  related    a  now related to b "
	    "(was contradicts)\n  related    a  now supports c\n"));
	ck_assert_ptr_nonnull(strstr(out, "  source-    a  - AFP, via WSJ\n"));
	ck_assert_ptr_nonnull(strstr(out, "  source-    a  Reuters no longer "
	    "archived <https://archive.org/r>\n"));
	free(out);

	sd_load(&old, sd_claims_old);
	sd_load(&new, sd_claims_new);
	marks = calloc(new.nevents, 1);
	ck_assert_uint_eq(storydiff_marks(&old, &new, 0, marks), 0);
	for (i = 0; i < new.nevents; i++) {
		const char	*id = new.events[i].id;
		unsigned	 want = strcmp(id, "a") == 0 ? STORYDIFF_STATUS |
				    STORYDIFF_SOURCES | STORYDIFF_RELATED :
				    strcmp(id, "s") == 0 ? STORYDIFF_STATUS : 0;

		ck_assert_msg(marks[i] == want, "%s: %#x", id, marks[i]);
	}
	free(marks);
	timeline_free(&old);
	timeline_free(&new);
}
END_TEST

/* The text form carries verdicts, relations, via and archive. */
START_TEST(test_textconv_claims)
{
	struct timeline	tl = TIMELINE_INIT;
	struct buf	t = BUF_INIT;

	sd_load(&tl, sd_claims_new);
	storydiff_text(&tl, &t);
	ck_assert_ptr_nonnull(strstr(buf_str(&t), "== a\ndate: 2022\n"
	    "title: A\nstatus: confirmed\n"
	    "verdict: 2024-10-24 alleged, by WSJ\n"
	    "verdict: 2025-03-01 confirmed, by Kremlin: Peskov confirms.\n"
	    "source: Reuters, via WSJ, archived <https://archive.org/r>\n"
	    "source: WSJ\nsource: TASS\nsource: AFP, via WSJ\n"
	    "related: contradicts b\nrelated: follows d\n"));
	ck_assert_ptr_nonnull(strstr(buf_str(&t), "== r\ndate: 2023\n"
	    "title: R\nstatus: reported\nrelated: b\nrelated: supports a\n"));
	buf_free(&t);
	timeline_free(&tl);
}
END_TEST

Suite *
storydiff_suite(void)
{
	Suite	*s = suite_create("storydiff");
	TCase	*tc = tcase_create("lines");

	tcase_add_test(tc, test_kinds);
	tcase_add_test(tc, test_sanitised);
	tcase_add_test(tc, test_textconv_stable);
	tcase_add_test(tc, test_textconv_order);
	tcase_add_test(tc, test_marks);
	tcase_add_test(tc, test_claims);
	tcase_add_test(tc, test_textconv_claims);
	suite_add_tcase(s, tc);
	return s;
}
