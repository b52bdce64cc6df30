/* SPDX-License-Identifier: MIT */
/*
 * Byte-exact edits.  For every hand-formatted fixture (comments everywhere,
 * flow events, CRLF, no final newline, 4-space and flush indentation, block
 * scalars, CJK) and every event in it: add a note, delete it, give it an
 * id, put its own text back.  Each result must load cleanly, hold exactly
 * the expected change, keep every other event as it was, and differ from
 * the original only inside the splice.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "check_suites.h"
#include "diag.h"
#include "edit.h"
#include "save.h"
#include "save_int.h"
#include "text.h"
#include "timeline.h"
#include "yamlio.h"
#include "yamlout.h"

static const char *const fixtures[] = {
	/* comments everywhere, 2-space indentation */
	"# head comment\n"
	"title: T   # trailing\n"
	"events:\n"
	"  # before the first\n"
	"  - id: a   # after the id\n"
	"    date: 2022-02-24\n"
	"    title: First   # comment on the last line\n"
	"\n"
	"  # between\n"
	"  - id: b\n"
	"    date: late 2022\n"
	"    title: 'Quoted: title'\n"
	"    notes:\n"
	"      - at: 2026-01-01T00:00:00Z\n"
	"        text: old note  # kept\n"
	"# tail comment\n",
	/* flow events and a flow notes list */
	"events:\n"
	"  - {id: a, date: 2022, title: A}\n"
	"  - {id: b, date: 2023, title: B, notes: [{text: n1}]}\n"
	"  - {id: c, date: 2024, title: C, notes: []}\n",
	/* CRLF line ends */
	"title: crlf\r\nevents:\r\n  - id: a\r\n    date: 2022\r\n"
	"    title: A\r\n  - id: b\r\n    date: 2023\r\n    title: B\r\n",
	/* no final newline */
	"events:\n  - id: a\n    date: 2022\n    title: A\n"
	"  - id: b\n    date: 2023\n    title: B",
	/* 4-space indentation, flush "- " items */
	"events:\n"
	"- id: a\n"
	"  date: 2022\n"
	"  title: A\n"
	"  notes:\n"
	"  - text: flush note\n"
	"- id: b\n"
	"  date: 2023\n"
	"  title:    B\n",
	"events:\n"
	"    -   id: a\n"
	"        date: 2022\n"
	"        title: Four spaces\n"
	"    -   id: b\n"
	"        date: 2023\n"
	"        title: B\n",
	/* block scalars with odd indentation, CJK */
	"events:\n"
	"  - id: a\n"
	"    date: 2022\n"
	"    title: 東京の会議\n"
	"    description: |2\n"
	"        indented more\n"
	"      less\n"
	"\n"
	"  - id: b\n"
	"    date: 2023\n"
	"    description: >-\n"
	"      folded\n"
	"      text\n"
	"    title: 終わり\n",
	/* block scalars on the last line of a file without final newline:
	 * what is added after them must not add a line break to them */
	"events:\n"
	"  - id: a\n"
	"    date: 2022\n"
	"    title: A\n"
	"    description: >\n"
	"      folded, clip\n"
	"      last words",
	"events:\n"
	"  - id: a\n"
	"    date: 2022\n"
	"    title: A\n"
	"    description: |+2  # keep\n"
	"      literal\n"
	"        more indented",
	"events:\n"
	"  - id: a\n"
	"    date: 2022\n"
	"    title: A\n"
	"    description: |\n"
	"      text\n"
	"     ",
	/* a comment after the '-', the keys on the lines below */
	"events:\n"
	"  - # the first\n"
	"\n"
	"    # and more comment\n"
	"    id: a\n"
	"    date: 2022\n"
	"    title: A\n"
	"  -\n"
	"    id: b\n"
	"    date: 2023\n"
	"    title: B\n",
	/* a BOM, the top level indented, an empty events list at the end
	 * of a file without a final newline */
	"\xEF\xBB\xBF\n    title: T\n    events:",
	/* ... and the events key on the first line, after a BOM (fuzz_edit:
	 * the BOM was taken for the key's indentation, none) */
	"\xEF\xBB\xBF   events: ",
	/* comments inside flow lists, after the last item and alone */
	"events: [  # the first\n"
	"  {id: a, date: 2022, title: A, tags: [x, y  # more\n"
	"    ], notes: [  # none yet\n"
	"    ]},\n"
	"  {id: b, date: 2023, title: \"B # not a comment\"}  # last\n"
	"]\n",
	/* an event without id, and one ending in a flow list */
	"events:\n"
	"  - date: 2022\n"
	"    title: No id here\n"
	"    tags: [a,\n"
	"      b]\n"
	"  - id: z\n"
	"    date: 2023\n"
	"    title: Z\n",
	/* no final newline, a folded text before the last event
	 * (fuzz_edit: deleting that event took the text's line break) */
	"events:\n  - id: a\n    date: 2022\n    title: A\n"
	"    description: >\n      folded\n      text\n\n"
	"  - id: b\n    date: 2023\n    title: B",
	/* a tlv file written as JSON: notes go in as JSON */
	"{\"title\": \"J\", \"events\": [{\"id\": \"a\", \"date\": \"2001\", "
	"\"title\": \"A\"},\n {\"id\": \"b\", \"date\": \"2002\", \"title\": \"B\", "
	"\"notes\": [{\"text\": \"n\"}]}]}\n",
	/* trailing commas in flow collections (found by fuzz_edit) */
	"events:\n"
	"  - {id: a, date: 2022, title: A,}\n"
	"  - {id: b, date: 2023, title: B, notes: [{text: n1},] , }\n"
	"  - { date: 2024, title: C, }\n",
	"events: [ {id: a, date: 2022, title: A,}, {id: b, date: 2023, "
	"title: B}, ]\n",
	/* a last key without a value, its ':' at the end (fuzz_edit) */
	"events:\n  - {id: a, date: 2022, title: A, description: }\n"
	"  - {id: b, date: 2023, title: B, notes: [], description:   }\n",
	/* quotes inside plain scalars in a flow list are text (fuzz_edit:
	 * a note went in after the "quote") */
	"events: [{id: a, date: 2022, title: x 'y, description: \"it's # here\"},\n"
	"  {id: b, date: 2023, title: 5 ' 10\", tags: [a 'b], description: \"#'\"}]\n",
	/* a comment right after a '}' or a closing quote (fuzz_edit: a new
	 * event went in after the '#') */
	"events: [{id: a, date: 2022, title: \"A\"},# one\n"
	"  {id: b, date: 2023, title: \"B\"# the title\n"
	"  , tags: [x]}# two\n"
	"]\n",
};
#define NFIXTURES ((int)(sizeof fixtures / sizeof fixtures[0]))

struct loaded {
	struct timeline		tl;
	struct diag_list	diags;
	bool			ok;
};

static void
load(struct loaded *l, const char *buf, size_t len)
{
	uint32_t	fi;

	memset(l, 0, sizeof *l);
	fi = timeline_add_file(&l->tl, "f.yaml");
	l->ok = yamlio_load_buffer(&l->tl, fi, buf, len, &l->diags);
}

/* A plan that must have been refused, for a reason that says want. */
static void
refused(bool planned, char **err, struct edit *ed, const char *want)
{
	ck_assert(!planned);
	ck_assert_ptr_nonnull(*err);
	ck_assert_msg(strstr(*err, want) != NULL, "reason '%s', want '%s'",
	    *err, want);
	free(*err);
	*err = NULL;
	edit_free(ed);
}

static void
unload(struct loaded *l)
{
	timeline_free(&l->tl);
	diag_free(&l->diags);
}

static char *
diags_text(const struct loaded *l)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < l->diags.n; i++)
		diag_format(&l->diags.v[i], &b);
	return buf_detach(&b);
}

/* The events of before and after, paired in load order, equal but
 * for the one changed (which may be absent from after). */
static void
same_except(const struct loaded *a, const struct loaded *b, size_t changed,
    bool gone)
{
	size_t	i, j = 0, k;

	ck_assert_uint_eq(b->tl.nevents, a->tl.nevents - (gone ? 1 : 0));
	for (i = 0; i < a->tl.nevents; i++) {
		const struct tl_event *x = &a->tl.events[i], *y;

		if (i == changed && gone)
			continue;
		y = &b->tl.events[j++];
		ck_assert_str_eq(x->title, y->title);
		ck_assert_str_eq(x->date_text, y->date_text);
		/* No edit changes a description or an old note. */
		ck_assert((x->description == NULL) == (y->description == NULL));
		if (x->description != NULL)
			ck_assert_str_eq(x->description, y->description);
		ck_assert_uint_ge(y->nnotes, x->nnotes);
		for (k = 0; k < x->nnotes; k++)
			ck_assert_str_eq(x->notes[k].text, y->notes[k].text);
		if (i == changed)
			continue;
		ck_assert_uint_eq(x->nnotes, y->nnotes);
		ck_assert((x->id == NULL) == (y->id == NULL));
	}
}

/* Bytes outside the splice are untouched. */
static void
outside_same(const char *orig, size_t len, const struct edit *ed,
    const char *out, size_t outlen)
{
	ck_assert_uint_eq(outlen, len - (ed->end - ed->start) + ed->text.len);
	ck_assert(memcmp(orig, out, ed->start) == 0);
	ck_assert(memcmp(orig + ed->end, out + ed->start + ed->text.len,
	    len - ed->end) == 0);
}

static const char *const note_texts[] = {
	"plain note", "colon: inside", "# not a comment", "- dash",
	"trailing space ", "multi\nline", "quote \" and \\ backslash",
	"null", "日本語のメモ", "tab\there", "esc \x1b[31m", "{flow}, [x]",
};

START_TEST(test_note)
{
	const char	*src = fixtures[_i];
	size_t		 len = strlen(src), k, t;

	for (k = 0; ; k++) {
		struct loaded		a, b;
		struct edit		ed;
		struct edit_note	n;
		char			*out, *err = NULL, *d;
		size_t			outlen;

		load(&a, src, len);
		ck_assert_msg(a.ok && a.diags.errors == 0, "fixture %d", _i);
		if (k >= a.tl.nevents) {
			unload(&a);
			break;
		}
		t = (k + (size_t)_i) % (sizeof note_texts / sizeof *note_texts);
		n.at = "2026-11-29T10:15:00Z";
		n.by = k % 2 ? "alice" : NULL;
		n.text = note_texts[t];
		ck_assert_msg(edit_plan_note(src, len, &a.tl.events[k], &n, &ed,
		    &err), "%s", err);
		out = edit_apply(src, len, &ed, &outlen);
		outside_same(src, len, &ed, out, outlen);
		load(&b, out, outlen);
		d = diags_text(&b);
		ck_assert_msg(b.ok && b.diags.n == 0, "fixture %d event %zu:\n%s\n"
		    "---\n%s", _i, k, d, out);
		free(d);
		same_except(&a, &b, k, false);
		ck_assert_uint_eq(b.tl.events[k].nnotes,
		    a.tl.events[k].nnotes + 1);
		ck_assert_str_eq(b.tl.events[k].notes[b.tl.events[k].nnotes -
		    1].text, n.text);
		ck_assert_str_eq(b.tl.events[k].notes[b.tl.events[k].nnotes -
		    1].at, n.at);
		/* a file written as JSON gets its note as JSON */
		if (src[0] == '{')
			ck_assert_msg(strstr(out, "{\"at\": \"2026-11-29T10:15:00Z\""
			    ) != NULL, "not JSON:\n%s", out);
		/* a CRLF file stays CRLF, a file without final newline too */
		ck_assert((strstr(src, "\r\n") != NULL) ==
		    (strstr(out, "\r\n") != NULL));
		ck_assert((src[len - 1] == '\n') == (out[outlen - 1] == '\n'));
		edit_free(&ed);
		free(out);
		unload(&a);
		unload(&b);
	}
}
END_TEST

/* notes written as one text that starts with '-' is not a list to add to:
 * a refusal with a reason, not a broken file */
START_TEST(test_note_refused)
{
	static const char src[] =
	    "events:\n"
	    "  - id: a\n"
	    "    date: 2022\n"
	    "    title: A\n"
	    "    notes:\n"
	    "      -dash first, a text, not a list\n";
	struct loaded		 a;
	struct edit		 ed;
	struct edit_note	 n = { "2026-11-29T10:15:00Z", NULL, "new" };
	char			*err = NULL;

	load(&a, src, strlen(src));
	ck_assert(a.ok && a.diags.n == 0 && a.tl.nevents == 1);
	ck_assert_uint_eq(a.tl.events[0].nnotes, 1);
	refused(edit_plan_note(src, strlen(src), &a.tl.events[0], &n, &ed,
	    &err), &err, &ed, "its 'notes' is not a list");
	unload(&a);
}
END_TEST

/* A file that ends inside a block scalar on a line of spaces, without a
 * newline: what is added after it is refused with a reason (the scalar's
 * text could change), and the file is not touched. */
START_TEST(test_eof_spaces_refused)
{
	static const char src[] =
	    "events:\n"
	    "  - id: a\n"
	    "    date: 2022\n"
	    "    title: A\n"
	    "    notes:\n"
	    "      - text: |+\n"
	    "          note text\n"
	    "           ";
	struct loaded		 a;
	struct edit		 ed;
	struct edit_note	 n = { "2026-11-29T10:15:00Z", NULL, "new" };
	char			*err = NULL;

	load(&a, src, strlen(src));
	ck_assert(a.ok && a.diags.n == 0 && a.tl.nevents == 1);
	refused(edit_plan_note(src, strlen(src), &a.tl.events[0], &n, &ed,
	    &err), &err, &ed, "end the file with a newline");
	unload(&a);
}
END_TEST

/* An event copied to the end of a file without a final newline, ending
 * with a folded text: that text keeps its last line break (the file then
 * ends with a newline), as the copy must hold what the original does. */
START_TEST(test_add_text_eof_block)
{
	static const char src[] =
	    "events:\n"
	    "  - id: a\n"
	    "    date: 2022\n"
	    "    title: A\n"
	    "    description: >\n"
	    "      folded\n"
	    "      text\n"
	    "  - id: b\n"
	    "    date: 2023\n"
	    "    title: B";
	struct loaded	 a, b;
	struct edit	 ed;
	struct buf	 item = BUF_INIT;
	char		*err = NULL, *out;
	size_t		 outlen;

	load(&a, src, strlen(src));
	ck_assert(a.ok && a.diags.n == 0 && a.tl.nevents == 2);
	edit_item_text(src, strlen(src), &a.tl.events[0], &item);
	ck_assert_msg(edit_plan_add_text(src, strlen(src), &a.tl.files[0],
	    buf_str(&item), &ed, &err), "%s", err);
	out = edit_apply(src, strlen(src), &ed, &outlen);
	outside_same(src, strlen(src), &ed, out, outlen);
	load(&b, out, outlen);
	ck_assert(b.ok && b.diags.n == 0 && b.tl.nevents == 3);
	ck_assert_str_eq(b.tl.events[2].description, "folded text\n");
	ck_assert_str_eq(b.tl.events[2].description,
	    a.tl.events[0].description);
	edit_free(&ed);
	buf_free(&item);
	free(out);
	unload(&a);
	unload(&b);
}
END_TEST

/* An events list with a tag or an anchor, or an explicit null: adding is
 * refused with a reason, the file untouched (fuzz_edit found both). */
static const char *const unplain_events[] = {
	"events: !tag [\n]\n",
	"# c\nevents:\n !i &-X",
	"events: ~\n",
	"events: &list\n  - {date: 2022, title: A}\n",
	"? #\n             events ",
};

START_TEST(test_add_refused)
{
	const char		*src = unplain_events[_i];
	struct loaded		 a;
	struct edit		 ed;
	struct edit_event	 ev = { NULL, "2022", "New", NULL, NULL, 0, NULL,
				    0 };
	char			*err = NULL;

	load(&a, src, strlen(src));
	ck_assert_uint_eq(a.tl.nfiles, 1);
	refused(edit_plan_add(src, strlen(src), &a.tl.files[0], &ev, &ed,
	    &err), &err, &ed, "add the event in the file");
	refused(edit_plan_add_text(src, strlen(src), &a.tl.files[0],
	    "date: 2022\ntitle: New\n", &ed, &err), &err, &ed, "in the file");
	unload(&a);
}
END_TEST

/* An event with a tag or an anchor is not edited (fuzz_edit found the
 * places wrong; and an anchored event's aliases would change too), nor one
 * whose end libyaml puts on the next item's line. */
START_TEST(test_event_props_refused)
{
	static const char src[] =
	    "events:\n"
	    "  - ! # a tag, then a comment\n"
	    "    date: 2022\n"
	    "    title: A\n"
	    "  - &b\n"
	    "    date: 2023\n"
	    "    title: B\n"
	    /* libyaml ends this one where the next starts */
	    "  - date: 2024\n"
	    "    title: C\n"
	    "    sources:\n"
	    "      ? outlet\n"
	    "  - date: 2025\n"
	    "    title: D\n";
	struct loaded		 a;
	struct edit		 ed;
	struct edit_note	 n = { "2026-11-29T10:15:00Z", NULL, "new" };
	char			*err = NULL;
	size_t			 k;

	load(&a, src, strlen(src));
	ck_assert(a.ok && a.diags.n == 0 && a.tl.nevents == 4);
	for (k = 0; k < 3; k++) {
		const struct tl_event *e = &a.tl.events[k];

		refused(edit_plan_note(src, strlen(src), e, &n, &ed, &err),
		    &err, &ed, "edit it in the file");
		refused(edit_plan_delete(src, strlen(src), e, &ed, &err),
		    &err, &ed, "edit it in the file");
		refused(edit_plan_replace(src, strlen(src), e,
		    "date: 2024\ntitle: C\n", &ed, &err), &err, &ed,
		    "edit it in the file");
		refused(edit_plan_set_id(src, strlen(src), e, "x", &ed, &err),
		    &err, &ed, "edit it in the file");
	}
	unload(&a);
}
END_TEST

START_TEST(test_delete)
{
	const char	*src = fixtures[_i];
	size_t		 len = strlen(src), k;

	for (k = 0; ; k++) {
		struct loaded	 a, b;
		struct edit	 ed;
		char		*out, *err = NULL;
		size_t		 outlen;

		load(&a, src, len);
		if (k >= a.tl.nevents) {
			unload(&a);
			break;
		}
		ck_assert_msg(edit_plan_delete(src, len, &a.tl.events[k], &ed,
		    &err), "%s", err);
		out = edit_apply(src, len, &ed, &outlen);
		load(&b, out, outlen);
		ck_assert_msg(b.ok && b.diags.errors == 0, "fixture %d event "
		    "%zu:\n%s", _i, k, out);
		same_except(&a, &b, k, true);
		/* no final newline stays so, but after a block scalar that
		 * now ends the file (its text keeps its line break) */
		if (len > 0 && src[len - 1] != '\n')
			ck_assert(outlen == 0 || out[outlen - 1] != '\n' ||
			    yamlio_eof_block_scalar(out, outlen - 1) != SIZE_MAX);
		edit_free(&ed);
		free(out);
		unload(&a);
		unload(&b);
	}
}
END_TEST

START_TEST(test_set_id_and_replace)
{
	const char	*src = fixtures[_i];
	size_t		 len = strlen(src), k;

	for (k = 0; ; k++) {
		struct loaded	 a, b;
		struct edit	 ed;
		struct buf	 item = BUF_INIT;
		char		*out, *err = NULL;
		size_t		 outlen;

		load(&a, src, len);
		if (k >= a.tl.nevents) {
			unload(&a);
			break;
		}
		/* Its own text put back changes nothing. */
		edit_item_text(src, len, &a.tl.events[k], &item);
		if (edit_plan_replace(src, len, &a.tl.events[k], item.data, &ed,
		    &err)) {
			out = edit_apply(src, len, &ed, &outlen);
			ck_assert_msg(outlen == len && memcmp(out, src, len) == 0,
			    "fixture %d event %zu:\n%s\n---\n%s", _i, k,
			    item.data, out);
			free(out);
		} else
			free(err);
		edit_free(&ed);
		buf_free(&item);
		if (a.tl.events[k].id == NULL) {
			ck_assert(edit_plan_set_id(src, len, &a.tl.events[k],
			    "new-id", &ed, &err));
			out = edit_apply(src, len, &ed, &outlen);
			load(&b, out, outlen);
			ck_assert_msg(b.ok && b.diags.n == 0, "%s", out);
			ck_assert_str_eq(b.tl.events[k].id, "new-id");
			same_except(&a, &b, k, false);
			unload(&b);
			edit_free(&ed);
			free(out);
		}
		unload(&a);
	}
}
END_TEST

/* An event without an id given one and a note in one splice (edit_join),
 * as the viewer's a does: one save, one undo. */
START_TEST(test_id_and_note)
{
	const char	*src = fixtures[_i];
	size_t		 len = strlen(src), k;

	for (k = 0; ; k++) {
		struct loaded		a, b;
		struct edit		id, note, ed, ed2;
		struct edit_note	n = { "2026-11-29T10:15:00Z", "bob",
					    "both at once" };
		char			*out, *err = NULL;
		size_t			outlen;

		load(&a, src, len);
		if (k >= a.tl.nevents) {
			unload(&a);
			break;
		}
		if (a.tl.events[k].id != NULL) {
			unload(&a);
			continue;
		}
		ck_assert(edit_plan_set_id(src, len, &a.tl.events[k],
		    "joined-id", &id, &err));
		ck_assert_msg(edit_plan_note(src, len, &a.tl.events[k], &n,
		    &note, &err), "%s", err);
		ck_assert_msg(edit_join(src, len, &id, &note, &ed, &err), "%s",
		    err);
		ck_assert_uint_eq(ed.start, id.start);
		out = edit_apply(src, len, &ed, &outlen);
		outside_same(src, len, &ed, out, outlen);
		load(&b, out, outlen);
		ck_assert_msg(b.ok && b.diags.n == 0, "fixture %d event %zu:\n"
		    "%s", _i, k, out);
		same_except(&a, &b, k, false);
		ck_assert_str_eq(b.tl.events[k].id, "joined-id");
		ck_assert_uint_eq(b.tl.events[k].nnotes,
		    a.tl.events[k].nnotes + 1);
		ck_assert_str_eq(b.tl.events[k].notes[b.tl.events[k].nnotes -
		    1].text, n.text);
		free(out);
		/* The other order gives the same splice. */
		ck_assert(edit_join(src, len, &note, &id, &ed2, &err));
		ck_assert(ed2.start == ed.start && ed2.end == ed.end &&
		    ed2.text.len == ed.text.len && memcmp(ed2.text.data,
		    ed.text.data, ed.text.len) == 0);
		unload(&b);
		edit_free(&ed);
		edit_free(&ed2);
		edit_free(&id);
		edit_free(&note);
		unload(&a);
	}
}
END_TEST

/* Overlapping splices are refused; touching ones join. */
START_TEST(test_join)
{
	const char	*src = "abcdef";
	struct edit	 x, y, ed;
	char		*err = NULL, *out;
	size_t		 n;

	memset(&x, 0, sizeof x);
	memset(&y, 0, sizeof y);
	x.start = 1;
	x.end = 3;
	buf_adds(&x.text, "X");
	y.start = 3;
	y.end = 3;
	buf_adds(&y.text, "Y");
	ck_assert(edit_join(src, 6, &y, &x, &ed, &err));
	out = edit_apply(src, 6, &ed, &n);
	ck_assert_str_eq(out, "aXYdef");
	free(out);
	edit_free(&ed);
	y.start = 2;
	y.end = 4;
	refused(edit_join(src, 6, &x, &y, &ed, &err), &err, &ed, "overlap");
	y.start = y.end = 5;
	ck_assert(edit_join(src, 6, &x, &y, &ed, &err));
	out = edit_apply(src, 6, &ed, &n);
	ck_assert_str_eq(out, "aXdeYf");
	free(out);
	edit_free(&ed);
	edit_free(&x);
	edit_free(&y);
}
END_TEST

/* Undo change ed (made to src) in now, which tl loaded; now_undone is what
 * it must give. */
static void
undo_in(const char *src, const struct edit *ed, const char *id,
    const char *gone, const char *now, size_t nowlen, const char *want)
{
	struct edit_undo	 u = { src, strlen(src), ed->start, ed->end,
				    ed->text.data != NULL ? ed->text.data : "",
				    ed->text.len, id, gone, false, false };
	struct loaded		 l;
	struct edit		 back;
	char			*out, *err = NULL;
	size_t			 outlen;

	load(&l, now, nowlen);
	ck_assert_msg(edit_plan_undo(now, nowlen, &l.tl, 0, &u, &back, &err),
	    "%s:\n%s", err, now);
	out = edit_apply(now, nowlen, &back, &outlen);
	ck_assert_msg(outlen == strlen(want) && memcmp(out, want, outlen) == 0,
	    "undo gave:\n%s\nwant:\n%s", out, want);
	free(out);
	edit_free(&back);
	unload(&l);
}

/* A note and a deletion on every event with an id, undone right away
 * (the exact bytes come back) and after another program put a line at
 * the top (the change is found again by its event's id). */
START_TEST(test_undo)
{
	const char		*src = fixtures[_i];
	size_t			 len = strlen(src), k, outlen;
	const struct edit_note	 n = { "2026-11-29T10:15:00Z", NULL, "x" };
	const char		*top = "# another program\n";

	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		return;		/* the line would go before the BOM */
	for (k = 0; ; k++) {
		struct loaded	 a;
		struct edit	 ed;
		char		*out, *err = NULL, *id, *moved, *want;
		int		 kind;

		load(&a, src, len);
		if (k >= a.tl.nevents) {
			unload(&a);
			break;
		}
		id = a.tl.events[k].id != NULL ? strdup(a.tl.events[k].id) :
		    NULL;
		for (kind = 0; id != NULL && kind < 2; kind++) {
			if (!(kind == 0 ? edit_plan_note(src, len,
			    &a.tl.events[k], &n, &ed, &err) :
			    edit_plan_delete(src, len, &a.tl.events[k], &ed,
			    &err))) {
				free(err);
				err = NULL;
				edit_free(&ed);
				continue;
			}
			out = edit_apply(src, len, &ed, &outlen);
			undo_in(src, &ed, kind == 0 ? id : NULL,
			    kind == 0 ? NULL : id, out, outlen, src);
			moved = malloc(strlen(top) + outlen + 1);
			want = malloc(strlen(top) + len + 1);
			strcpy(moved, top);
			memcpy(moved + strlen(top), out, outlen + 1);
			strcpy(want, top);
			strcat(want, src);
			undo_in(src, &ed, kind == 0 ? id : NULL,
			    kind == 0 ? NULL : id, moved, strlen(moved), want);
			free(moved);
			free(want);
			free(out);
			edit_free(&ed);
		}
		free(id);
		unload(&a);
	}
}
END_TEST

START_TEST(test_odd_break)
{
	static const struct { const char *in, *want; } cases[] = {
		{ "a: 1\nb: 2\n", NULL },
		{ "a: 1\r\nb: 2\r\n", NULL },
		{ "a: 1\rb: 2\r\n", "lone CR" },
		{ "a: 1\r\nb: 2\r", "lone CR" },
		{ "a: \xC2\x85", "NEL (U+0085)" },
		{ "a: caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D\n", NULL },
		{ "a: x\xE2\x80\xA8y\n", "LS (U+2028)" },
		{ "a: x\xE2\x80\xA9y\n", "PS (U+2029)" },
		/* past the eight-byte steps */
		{ "title: a longer line of plain text\r\n"
		  "description: more of it, and more\r\n", NULL },
		{ "title: a longer line of plain text\r\n"
		  "description: more of it, and more\r", "lone CR" },
		{ "title: a longer line of plain text, then\rmore", "lone CR" },
		{ "title: a longer line of plain text \xC3\xBC then "
		  "\xE2\x80\xA8", "LS (U+2028)" },
	};
	size_t	i;
	const char *got;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = text_odd_break(cases[i].in, strlen(cases[i].in));
		if (cases[i].want == NULL)
			ck_assert_msg(got == NULL, "case %zu: %s", i, got);
		else
			ck_assert_str_eq(got, cases[i].want);
	}
}
END_TEST

/* Blank lines between items: how many, and whether any two follow each
 * other or one ends the file. */
static void
blank_lines(const char *s, size_t len, int *n, bool *double_blank,
    bool *at_end)
{
	size_t	i;

	*n = 0;
	*double_blank = *at_end = false;
	for (i = 1; i < len; i++)
		if (s[i] == '\n' && s[i - 1] == '\n') {
			(*n)++;
			if (i >= 2 && s[i - 2] == '\n')
				*double_blank = true;
			if (i + 1 == len)
				*at_end = true;
		}
}

/* Items set apart by blank lines: a deletion (first, middle, last) takes
 * one blank line with it; an addition brings one. */
START_TEST(test_spaced_items)
{
	const char	*src = "events:\n"
			    "  - id: a\n    date: 2020\n    title: A\n\n"
			    "  - id: b\n    date: 2021\n    title: B\n\n"
			    "  - id: c\n    date: 2022\n    title: C\n";
	const struct edit_event ev = { "d", "2023", "D", NULL, NULL, 0, NULL,
			    0 };
	size_t		 len = strlen(src), k, outlen;
	struct loaded	 a, b;
	struct edit	 ed;
	char		*out, *err = NULL;
	int		 n;
	bool		 dbl, end;

	load(&a, src, len);
	for (k = 0; k < a.tl.nevents; k++) {
		ck_assert(edit_plan_delete(src, len, &a.tl.events[k], &ed,
		    &err));
		out = edit_apply(src, len, &ed, &outlen);
		blank_lines(out, outlen, &n, &dbl, &end);
		ck_assert_msg(n == 1 && !dbl && !end, "deleting %zu:\n%s", k,
		    out);
		load(&b, out, outlen);
		ck_assert(b.ok && b.diags.n == 0 && b.tl.nevents == 2);
		unload(&b);
		free(out);
		edit_free(&ed);
	}
	ck_assert(edit_plan_add(src, len, &a.tl.files[0], &ev, &ed, &err));
	out = edit_apply(src, len, &ed, &outlen);
	blank_lines(out, outlen, &n, &dbl, &end);
	ck_assert_msg(n == 3 && !dbl && !end, "%s", out);
	ck_assert_ptr_nonnull(strstr(out, "title: C\n\n  - id: d\n"));
	free(out);
	edit_free(&ed);
	ck_assert(edit_plan_add_text(src, len, &a.tl.files[0],
	    "id: e\ndate: 2024\ntitle: E\n", &ed, &err));
	out = edit_apply(src, len, &ed, &outlen);
	ck_assert_ptr_nonnull(strstr(out, "title: C\n\n  - id: e\n"));
	free(out);
	edit_free(&ed);
	unload(&a);
	/* Items without blank lines get none. */
	load(&a, fixtures[2], strlen(fixtures[2]));
	ck_assert(edit_plan_add(fixtures[2], strlen(fixtures[2]),
	    &a.tl.files[0], &ev, &ed, &err));
	out = edit_apply(fixtures[2], strlen(fixtures[2]), &ed, &outlen);
	blank_lines(out, outlen, &n, &dbl, &end);
	ck_assert_int_eq(n, 0);
	free(out);
	edit_free(&ed);
	unload(&a);
}
END_TEST

/* What a template left empty is not written. */
START_TEST(test_item_prune)
{
	struct buf	b = BUF_INIT;

	edit_item_prune("date: 2026-11-29\ntitle: Filled in  \nstatus: "
	    "reported\ntags: []\nactors: [Putin]\ndescription: \n"
	    "sources:\n- outlet: X\nnotes: {}\nrelated: ''\n"
	    "url: \"\"\nend:\n  ongoing\n", &b);
	ck_assert_str_eq(buf_str(&b), "date: 2026-11-29\ntitle: Filled in\n"
	    "status: reported\nactors: [Putin]\nsources:\n- outlet: X\n"
	    "end:\n  ongoing\n");
	buf_free(&b);
}
END_TEST

START_TEST(test_add)
{
	const char		*src = fixtures[_i];
	size_t			 len = strlen(src), outlen;
	static const char	*const tags[] = { "a", "b, c" };
	struct edit_event	 ev = { "new-one", "late 2024", "Title: new",
				    "alleged", tags, 2, NULL, 0 };
	struct loaded		 a, b;
	struct edit		 ed;
	char			*out, *err = NULL;

	load(&a, src, len);
	ck_assert_msg(edit_plan_add(src, len, &a.tl.files[0], &ev, &ed, &err),
	    "%s", err);
	out = edit_apply(src, len, &ed, &outlen);
	outside_same(src, len, &ed, out, outlen);
	load(&b, out, outlen);
	ck_assert_msg(b.ok && b.diags.n == 0, "%s", out);
	ck_assert_uint_eq(b.tl.nevents, a.tl.nevents + 1);
	ck_assert_str_eq(b.tl.events[b.tl.nevents - 1].id, "new-one");
	ck_assert_str_eq(b.tl.events[b.tl.nevents - 1].title, "Title: new");
	ck_assert_str_eq(b.tl.events[b.tl.nevents - 1].tags[1], "b, c");
	edit_free(&ed);
	free(out);
	unload(&a);
	unload(&b);
}
END_TEST

/* Scalars re-parse to exactly the text, in block and flow context. */
static const char *const scalars[] = {
	"plain", "with: colon", "with:colon", "# hash", "a # b", "a#b",
	"- dash", "-1", "? q", "[x]", "{y}", "a, b", "'single'", "\"double\"",
	"trailing ", " leading", "null", "Null", "~", "true", "no", "123",
	"1e3", "2022-02-24", "multi\nline", "cr\rlf", "tab\t", "\\back",
	"日本語", "émigré", "emoji 🚀", "\xe2\x80\xae" "rlo", "bell\a",
	"nel\xc2\x85", "ls\xe2\x80\xa8", "bom\xef\xbb\xbf", "%percent",
	"@at", "`tick", "!bang", "&amp", "*star", "|pipe", ">gt", "end:",
	"a: b: c", "x ", "",
};

START_TEST(test_scalar)
{
	const char	*s = scalars[_i];
	int		 flow;

	for (flow = 0; flow < 2; flow++) {
		struct buf	 b = BUF_INIT;
		struct loaded	 l;

		buf_adds(&b, flow ? "events: [{date: 2022, title: x, tags: ["
		    : "events:\n  - date: 2022\n    title: x\n    tags:\n"
		    "      - ");
		edit_scalar(&b, s, flow);
		buf_adds(&b, flow ? "]}]\n" : "\n");
		load(&l, b.data, b.len);
		if (*s == '\0' || strcmp(s, "null") == 0) {
			/* empty is written quoted: an empty tag is an error,
			 * but it must not silently vanish or become null */
			ck_assert(strstr(b.data, "\"\"") != NULL ||
			    strstr(b.data, "\"null\"") != NULL);
		} else {
			ck_assert_msg(l.ok && l.tl.nevents == 1, "%s", b.data);
			ck_assert_uint_eq(l.tl.events[0].ntags, 1);
			ck_assert_str_eq(l.tl.events[0].tags[0], s);
		}
		unload(&l);
		buf_free(&b);
	}
}
END_TEST

START_TEST(test_slug)
{
	struct timeline	 tl = TIMELINE_INIT;
	uint32_t	 f = timeline_add_file(&tl, "f.yaml");
	struct tl_event	*e;
	char		*s;

	s = edit_slug(&tl, "24 February 2022", "Russia invades Ukraine!");
	ck_assert_str_eq(s, "24-february-2022-russia-invades-ukraine");
	e = timeline_add_event(&tl, f);
	e->id = s;
	e->title = "x";
	e->date_text = "2022";
	s = edit_slug(&tl, "24 February 2022", "Russia invades Ukraine!");
	ck_assert_str_eq(s, "24-february-2022-russia-invades-ukraine-2");
	free(s);
	free((char *)(uintptr_t)e->id);
	e->id = NULL;
	s = edit_slug(&tl, "", "日本語");
	ck_assert_str_eq(s, "event");
	free(s);
	timeline_free(&tl);
}
END_TEST

/*
 * The safety net (save_check): a change is checked on the items it
 * touches; one that would break the file, or break it only further on
 * (a key at the list's column, an id another event has, an open quote),
 * or change an event it does not touch, is refused, and a good one
 * passes.
 */
static const char check_src[] =
    "title: T\n"
    "events:\n"
    "  - id: a\n"
    "    date: 2001-01-01\n"
    "    title: A\n"
    "  - id: b\n"
    "    date: 2001-01-02\n"
    "    title: B\n"
    "  - id: c\n"
    "    date: 2001-01-03\n"
    "    title: C\n";

static const struct {
	const char	*after;		/* the splice goes after this */
	const char	*text;
	const char	*why;		/* NULL: accepted */
} check_cases[] = {
	{ "title: B\n", "    status: confirmed\n", NULL },
	{ "title: B\n", "  - id: d\n    date: 2001-01-04\n    title: D\n",
	    NULL },
	{ "title: B\n", "  - id: a\n    date: 2001-01-04\n    title: D\n",
	    "'a'" },
	{ "title: B\n", "x: 1\n", "?" },
	{ "title: B\n", "    status: \"open\n", "?" },
	{ "title: B\n", "    status: nonsense\n", "status" },
	{ "title: C\n", "  - id: e\n    title: no date\n", "date" },
	/* A key at column 0 that loads: the next item is its value, not an
	 * event (found by fuzz_edit). */
	{ "title: B\n", "x:\n", "'c'" },
	{ "title: B\n", "k: #", "'c'" },
	/* A text without its line break, ending where the next item's line
	 * begins, makes that line the end of its own (found by fuzz_edit:
	 * the region ended there, and loaded). */
	{ "title: B\n", "    k: v #", "?" },
	{ "title: B\n", "    tags: [x]", "?" },
	/* Line breaks that YAML has and tlv does not write: an $EDITOR may
	 * hand back U+2028 pasted from a web page (fuzz_edit, op 6: a NEL
	 * in a folded text made a key at column 0 of the rest of its line,
	 * and the region loaded alone) */
	{ "title: B\n", "    description: a\xc2\x85" "b: c\n",
	    "NEL (U+0085)" },
	{ "title: B\n", "    description: a\xe2\x80\xa8" "b\n",
	    "LS (U+2028)" },
	/* A note whose text looks like an anchor is checked on the whole
	 * file, and is the note of the event before it (found by fuzz_edit:
	 * the check took that event for one the change did not touch). */
	{ "title: C\n", "    notes:\n      - text: \"x &a\"\n", NULL },
	{ "title: B\n", "    notes:\n      - text: \"x &a\"\n", NULL },
};

/* The net's verdict as a case wants it: accepted (want NULL), else
 * refused saying want ("?": anything). */
static void
expect_check(bool ok, const char *want, const char *why, int i)
{
	if (want == NULL)
		ck_assert_msg(ok, "case %d refused: %s", i,
		    why != NULL ? why : "?");
	else {
		ck_assert_msg(!ok, "case %d accepted", i);
		ck_assert_ptr_nonnull(why);
		ck_assert_msg(strcmp(want, "?") == 0 || strstr(why, want) !=
		    NULL, "case %d, why: %s", i, why);
	}
}

START_TEST(test_save_check)
{
	struct loaded	 l;
	struct edit	 ed;
	char		*why = NULL;
	const char	*at;
	bool		 ok;

	load(&l, check_src, strlen(check_src));
	ck_assert(l.ok && l.diags.errors == 0);
	at = strstr(check_src, check_cases[_i].after);
	ck_assert_ptr_nonnull(at);
	memset(&ed, 0, sizeof ed);
	ed.start = ed.end = (size_t)(at - check_src) +
	    strlen(check_cases[_i].after);
	buf_adds(&ed.text, check_cases[_i].text);
	ok = save_check(&l.tl, &l.tl.files[0], check_src, strlen(check_src),
	    &ed, &why);
	expect_check(ok, check_cases[_i].why, why, _i);
	free(why);
	edit_free(&ed);
	unload(&l);
}
END_TEST

/*
 * The whole-file check, as for a flow list: an anchor redefined in one
 * event changes another whose alias names it, which is refused by name;
 * a key added to one event passes.  The events before the change are the
 * loaded timeline's own (sorted by date here, not in file order) when the
 * file loaded clean, and the file loaded again when it has an error (the
 * second source): both say the same.
 */
static const char *const whole_srcs[] = {
	"title: T\n"
	"events: [\n"
	"  {id: a, date: &d 2001-01-05, title: A},\n"
	"  {id: b, date: 2001-01-02, title: B},\n"
	"  {id: c, date: *d, title: C}\n"
	"]\n",
	"title: T\n"
	"events: [\n"
	"  {id: a, date: &d 2001-01-05, title: A},\n"
	"  {id: b, date: 2001-01-02, title: B},\n"
	"  {id: x, title: no date},\n"
	"  {id: c, date: *d, title: C}\n"
	"]\n",
};

START_TEST(test_save_check_whole)
{
	const char	*src = whole_srcs[_i], *at;
	struct loaded	 l;
	struct edit	 ed;
	char		*why = NULL;

	load(&l, src, strlen(src));
	ck_assert(l.ok && l.diags.errors == (size_t)_i);
	timeline_sort(&l.tl);

	memset(&ed, 0, sizeof ed);
	at = strstr(src, "2001-01-05");
	ed.start = (size_t)(at - src);
	ed.end = ed.start + strlen("2001-01-05");
	buf_adds(&ed.text, "2002-02-02");
	ck_assert(!save_check(&l.tl, &l.tl.files[0], src, strlen(src), &ed,
	    &why));
	ck_assert_ptr_nonnull(why);
	ck_assert_msg(strstr(why, "event 'c'") != NULL, "why: %s", why);
	free(why);
	why = NULL;
	edit_free(&ed);

	memset(&ed, 0, sizeof ed);
	at = strstr(src, "title: B");
	ed.start = ed.end = (size_t)(at - src) + strlen("title: B");
	buf_adds(&ed.text, ", status: confirmed");
	ck_assert_msg(save_check(&l.tl, &l.tl.files[0], src, strlen(src),
	    &ed, &why), "refused: %s", why != NULL ? why : "?");
	free(why);
	edit_free(&ed);
	unload(&l);
}
END_TEST

/*
 * What the safety net loads (save_check_scope): the items a change
 * touches, not the whole file.  A note or a key at the end of an item is
 * an insertion at the next item's line, and is checked with the item it
 * ends -- also in a list at column 0 -- and a new item after it.
 */
static const char scope_flat[] =
    "title: T\n"
    "events:\n"
    "- id: a\n"
    "  date: 2001-01-01\n"
    "  title: A\n"
    "- id: b\n"
    "  date: 2001-01-02\n"
    "  title: B\n"
    "- id: c\n"
    "  date: 2001-01-03\n"
    "  title: C\n";

static const struct {
	const char	*src;
	const char	*after;		/* the splice starts after this */
	const char	*cut;		/* and removes these bytes */
	const char	*text;
	const char	*from, *to;	/* the scope, NULL: to the end */
} scope_cases[] = {
	{ check_src, "title: B\n", "", "    status: confirmed\n",
	    "  - id: b", "  - id: c" },
	{ check_src, "title: A\n", "", "  - id: d\n    date: 2001\n"
	    "    title: D\n", "  - id: a", "  - id: b" },
	{ check_src, "title: C\n", "", "    status: confirmed\n",
	    "  - id: c", NULL },
	{ check_src, "title: A\n", "  - id: b\n    date: 2001-01-02\n"
	    "    title: B\n", "", "  - id: b", "  - id: c" },
	{ scope_flat, "title: B\n", "", "  status: confirmed\n", "- id: b",
	    "- id: c" },
	{ scope_flat, "title: C\n", "", "  notes:\n    - at: 2001\n"
	    "      text: n\n", "- id: c", NULL },
};

/* The splice of a case: after the text after in src, over the bytes
 * cut, the text text. */
static void
case_splice(struct edit *ed, const char *src, const char *after,
    const char *cut, const char *text)
{
	const char	*at = strstr(src, after);

	ck_assert_ptr_nonnull(at);
	memset(ed, 0, sizeof *ed);
	ed->start = (size_t)(at - src) + strlen(after);
	ed->end = ed->start + strlen(cut);
	ck_assert(strncmp(src + ed->start, cut, strlen(cut)) == 0);
	buf_adds(&ed->text, text);
}

START_TEST(test_check_scope)
{
	const char	*src = scope_cases[_i].src;
	struct loaded	 l;
	struct edit	 ed;
	size_t		 from = 0, to = 0, len = strlen(src);

	load(&l, src, len);
	ck_assert(l.ok && l.diags.errors == 0);
	case_splice(&ed, src, scope_cases[_i].after, scope_cases[_i].cut,
	    scope_cases[_i].text);
	ck_assert_msg(save_check_scope(&l.tl, &l.tl.files[0], src, len, &ed,
	    &from, &to), "case %d: the whole file is loaded", _i);
	ck_assert_uint_eq(from, (size_t)(strstr(src, scope_cases[_i].from) -
	    src));
	ck_assert_uint_eq(to, scope_cases[_i].to == NULL ? len :
	    (size_t)(strstr(src, scope_cases[_i].to) - src));
	edit_free(&ed);
	unload(&l);
}
END_TEST

/*
 * A flow events list is checked on the items from the one the splice
 * begins in (or follows) to the one it ends in, as a block list is; a
 * change that would leave two commas, swallow the list's comma in a
 * comment or open a quote is refused all the same (found on the whole
 * file), and one in a file with an error is checked on the whole file.
 */
static const char flow_src[] =
    "title: T\n"
    "events: [\n"
    "  {id: a, date: 2001-01-01, title: A},\n"
    "  {id: b, date: 2001-01-02, title: B},  # about b\n"
    "  {id: c, date: 2001-01-03, title: C}\n"
    "]\n";

static const char flow_json[] =
    "{\"title\": \"T\", \"events\": [\n"
    "  {\"id\": \"a\", \"date\": \"2001\", \"title\": \"A\"},\n"
    "  {\"id\": \"b\", \"date\": \"2002\", \"title\": \"B\"}\n"
    "]}\n";

static const char flow_bad[] =
    "events: [{id: a, date: 2001, title: A}, {id: x, title: no date},\n"
    "  {id: c, date: 2003, title: C}]\n";

static const struct {
	const char	*src;
	const char	*after;		/* the splice starts after this */
	const char	*cut;		/* and removes these bytes */
	const char	*text;
	const char	*why;		/* NULL: accepted */
	const char	*from, *to;	/* the scope; from NULL: the whole
					   file; to NULL: the splice's end */
} flow_cases[] = {
	{ flow_src, "title: B", "", ", status: confirmed", NULL,
	    "{id: b", "," },
	{ flow_src, "title: C}", "", ",\n  {id: d, date: 2001-01-04, "
	    "title: D}", NULL, "{id: c", "\n]" },
	{ flow_src, "title: A},\n", "  {id: b, date: 2001-01-02, title: B},"
	    "  # about b\n", "", NULL, "{id: a", "\n]" },
	{ flow_src, "events: [\n", "  {id: a, date: 2001-01-01, title: A},\n",
	    "", NULL, "  {id: a", ",  # about b" },
	{ flow_json, "\"title\": \"A\"", "", ", \"notes\": [{\"at\": "
	    "\"2001\", \"text\": \"n\"}]", NULL, "{\"id\": \"a\"", "," },
	{ flow_src, "title: C}", "", ",\n  {id: a, date: 2001, title: D}",
	    "'a'", "{id: c", "\n]" },
	{ flow_src, "title: B", "", ", status: nonsense", "status",
	    "{id: b", "," },
	{ flow_src, "title: B}", "", ",", "?", NULL, NULL },
	{ flow_src, "title: A}", "", " # x", "?", NULL, NULL },
	{ flow_src, "title: C}", "", ", {id: e, title: \"open", "?", NULL,
	    NULL },
	{ flow_bad, "title: C", "", ", status: confirmed", NULL, NULL, NULL },
};

START_TEST(test_check_flow)
{
	const char	*src = flow_cases[_i].src;
	struct loaded	 l;
	struct edit	 ed;
	char		*why = NULL;
	size_t		 from = 0, to = 0, len = strlen(src);
	bool		 region, ok;

	load(&l, src, len);
	ck_assert(l.ok);
	ck_assert_uint_eq(l.diags.errors, src == flow_bad ? 1 : 0);
	timeline_sort(&l.tl);
	case_splice(&ed, src, flow_cases[_i].after, flow_cases[_i].cut,
	    flow_cases[_i].text);
	region = save_check_scope(&l.tl, &l.tl.files[0], src, len, &ed,
	    &from, &to);
	ck_assert_msg(region == (flow_cases[_i].from != NULL), "case %d: %s",
	    _i, region ? "a region" : "the whole file");
	if (region) {
		ck_assert_uint_eq(from, (size_t)(strstr(src,
		    flow_cases[_i].from) - src));
		ck_assert_uint_eq(to, (size_t)(strstr(src + ed.end,
		    flow_cases[_i].to) - src));
	}
	ok = save_check(&l.tl, &l.tl.files[0], src, len, &ed, &why);
	expect_check(ok, flow_cases[_i].why, why, _i);
	free(why);
	edit_free(&ed);
	unload(&l);
}
END_TEST

/*
 * An '&' or a '*' in a text is not an anchor or an alias: a note saying
 * "Musk & Putin", or one to an event whose description says "R & D", is
 * checked on its item, not by loading the whole file (as it was before
 * stop 28: the note cost three loads at any size).  The load says whether
 * a file has either (tl_file.refs); where it has one, or where the new
 * bytes bring one, the whole file decides.
 */
#define REFS_AB \
    "title: T\n" \
    "events:\n" \
    "  - id: a\n" \
    "    date: 2001-01-01\n" \
    "    title: A\n" \
    "    description: R & D, *not* a list\n" \
    "  - id: b\n" \
    "    date: 2001-01-02\n" \
    "    title: B\n"

static const char refs_plain[] = REFS_AB;

static const char refs_anchor[] = REFS_AB
    "    tags: &t [x]\n"
    "  - id: c\n"
    "    date: 2001-01-03\n"
    "    title: C\n"
    "    tags: *t\n";

static const struct {
	const char	*src;
	const char	*after;		/* the splice starts after this */
	const char	*text;		/* and inserts this */
	enum save_check	 want;
} refs_cases[] = {
	{ refs_plain, "R & D, *not* a list\n", "    notes:\n      - at: "
	    "2001\n        text: Musk & Putin * 2\n", SAVE_CHECK_OK },
	{ refs_plain, "title: B\n", "    status: confirmed\n",
	    SAVE_CHECK_OK },
	{ refs_plain, "title: A\n", "    tags: &n [y]\n", SAVE_CHECK_WHOLE },
	{ refs_plain, "title: B\n", "    tags: *zz\n", SAVE_CHECK_BAD },
	{ refs_anchor, "R & D, *not* a list\n", "    status: confirmed\n",
	    SAVE_CHECK_WHOLE },
	{ refs_anchor, "title: B\n", "    status: confirmed\n",
	    SAVE_CHECK_WHOLE },
};

START_TEST(test_check_refs)
{
	const char	*src = refs_cases[_i].src;
	struct loaded	 l;
	struct edit	 ed;
	struct save_src	 s;
	char		*why = NULL;
	size_t		 len = strlen(src);

	load(&l, src, len);
	ck_assert(l.ok && l.diags.errors == 0);
	ck_assert(l.tl.files[0].refs == (src == refs_anchor));
	timeline_sort(&l.tl);
	case_splice(&ed, src, refs_cases[_i].after, "", refs_cases[_i].text);
	memset(&s, 0, sizeof s);
	s.p = src;
	s.len = len;
	s.fd = -1;
	ck_assert_int_eq(save_check_region(&l.tl, &l.tl.files[0], &s, &ed,
	    &why), refs_cases[_i].want);
	free(why);
	why = NULL;
	/* and what the whole file says is the same */
	ck_assert_msg(save_check(&l.tl, &l.tl.files[0], src, len, &ed, &why) ==
	    (refs_cases[_i].want != SAVE_CHECK_BAD), "case %d: %s", _i,
	    why != NULL ? why : "saved");
	free(why);
	edit_free(&ed);
	unload(&l);
}
END_TEST

/* One plain-scalar policy (yamlout_plain_ok): the words some YAML reader
 * takes for null or a boolean are quoted by the editor and the exporters
 * alike; dates and times stay plain in a timeline, not in an export. */
START_TEST(test_plain_policy)
{
	static const char *const words[] = { "y", "N", "Off", "~", "YES",
	    "null" };
	static const char *const typed[] = { "2022-02-24",
	    "2026-11-29T10:15:00Z", "10:15", "a#b" };
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < sizeof words / sizeof *words; i++) {
		b.len = 0;
		edit_scalar(&b, words[i], false);
		ck_assert_msg(b.data[0] == '"', "edit: %s", buf_str(&b));
		b.len = 0;
		yamlout_scalar(&b, words[i], 4);
		ck_assert_msg(b.data[0] == '"', "yamlout: %s", buf_str(&b));
	}
	for (i = 0; i < sizeof typed / sizeof *typed; i++) {
		b.len = 0;
		edit_scalar(&b, typed[i], false);
		ck_assert_str_eq(buf_str(&b), typed[i]);
		ck_assert(!yamlout_plain_ok(typed[i], strlen(typed[i]), 0));
		ck_assert(yamlout_plain_ok(typed[i], strlen(typed[i]),
		    YAMLOUT_AS_TYPED));
	}
	ck_assert(!yamlout_plain_ok("10:15", 5, YAMLOUT_AS_TYPED |
	    YAMLOUT_FLOW));
	buf_free(&b);
}
END_TEST

/* An undo that keeps only the items around the change (a window, as a
 * save in a block list keeps it) undoes it as one with the whole file. */
START_TEST(test_undo_window)
{
	static const char	 text[] = "    status: confirmed\n";
	const char		*src = check_src, *w0, *at;
	struct edit_undo	 u;
	struct loaded		 l;
	struct edit		 back;
	struct buf		 now = BUF_INIT;
	char			*err = NULL, *out;
	size_t			 outlen, start;

	at = strstr(src, "title: B\n") + strlen("title: B\n");
	start = (size_t)(at - src);
	w0 = strstr(src, "  - id: a");
	buf_add(&now, src, start);
	buf_adds(&now, text);
	buf_adds(&now, at);
	load(&l, now.data, now.len);
	ck_assert(l.ok && l.diags.errors == 0);
	memset(&u, 0, sizeof u);
	u.before = w0;
	u.before_len = strlen(w0);
	u.window = true;
	u.start = u.end = start - (size_t)(w0 - src);
	u.text = text;
	u.text_len = strlen(text);
	u.id = "b";
	ck_assert_msg(edit_plan_undo(now.data, now.len, &l.tl, 0, &u, &back,
	    &err), "%s", err != NULL ? err : "?");
	out = edit_apply(now.data, now.len, &back, &outlen);
	ck_assert_str_eq(out, src);
	free(out);
	edit_free(&back);
	buf_free(&now);
	unload(&l);
}
END_TEST

/* An edit that changes the status of an event with verdicts records a
 * verdict at the end of its list (block or flow), and nothing else. */
static const struct {
	const char	*old, *edited, *want;
} item_verdicts[] = {
	{ "status: disputed", /* block list */
	  "id: a\ndate: 2024\ntitle: A\nstatus: confirmed\nverdicts:\n"
	  "  - date: 2024-01-01\n    status: disputed\n    by: X\n"
	  "tags: [t]   # kept\n",
	  "id: a\ndate: 2024\ntitle: A\nstatus: confirmed\nverdicts:\n"
	  "  - date: 2024-01-01\n    status: disputed\n    by: X\n"
	  "  - date: 2026-11-29\n    status: confirmed\n    by: alice\n"
	  "tags: [t]   # kept\n" },
	{ "status: alleged", /* flow list, last key, no final newline */
	  "id: a\ndate: 2024\ntitle: A\nstatus: denied\n"
	  "verdicts: [{date: 2024, status: alleged}]  # c",
	  "id: a\ndate: 2024\ntitle: A\nstatus: denied\n"
	  "verdicts: [{date: 2024, status: alleged}, {date: 2026-11-29, "
	  "status: denied, by: alice}]  # c" },
	{ "status: alleged", /* flush block list, a block scalar after */
	  "id: a\ndate: 2024\ntitle: A\nstatus: reported\nverdicts:\n"
	  "- date: 2024\n  status: alleged\ndescription: |\n  text\n",
	  "id: a\ndate: 2024\ntitle: A\nstatus: reported\nverdicts:\n"
	  "- date: 2024\n  status: alleged\n"
	  "- date: 2026-11-29\n  status: reported\n  by: alice\n"
	  "description: |\n  text\n" },
	{ "status: alleged", /* no verdicts list */
	  "id: a\ndate: 2024\ntitle: A\nstatus: denied\n", NULL },
	{ "status: denied", /* the status unchanged */
	  "id: a\ndate: 2024\ntitle: B\nstatus: denied\n"
	  "verdicts: [{date: 2024, status: alleged}]\n", NULL },
	{ "status: alleged", /* the edit wrote the verdict */
	  "id: a\ndate: 2024\ntitle: A\nstatus: denied\n"
	  "verdicts: [{date: 2024, status: alleged}, {date: 2025, "
	  "status: denied}]\n", NULL },
	{ "status: alleged", /* no status now */
	  "id: a\ndate: 2024\ntitle: A\n"
	  "verdicts: [{date: 2024, status: alleged}]\n", NULL },
};

START_TEST(test_item_verdict)
{
	struct loaded	 a;
	struct buf	 src = BUF_INIT;
	char		*out;

	buf_printf(&src, "events:\n  - {id: a, date: 2024, title: A, %s}\n",
	    item_verdicts[_i].old);
	load(&a, src.data, src.len);
	ck_assert(a.ok && a.tl.nevents == 1);
	out = edit_item_verdict(item_verdicts[_i].edited, &a.tl.events[0],
	    "2026-11-29", "alice");
	if (item_verdicts[_i].want == NULL)
		ck_assert_msg(out == NULL, "%s", out);
	else {
		ck_assert_msg(out != NULL, "no verdict added");
		ck_assert_str_eq(out, item_verdicts[_i].want);
	}
	free(out);
	unload(&a);
	buf_free(&src);
}
END_TEST

/* --- the keys the load keeps for a big event ------------------------------
 *
 * An event of TL_KEYS_MIN bytes or more keeps its key spans from the load
 * (timeline.h, struct tl_keys): yamlio_event_keys must give exactly what
 * parsing its bytes again gives, wherever the event is, and a note planned
 * on them must be the same splice. */

#define SAVE_QUOTED_MIN_TEST	((size_t)64 * 1024)	/* save_check.c */
#define BIG	"\x01"	/* stands for TL_KEYS_MIN bytes of text */

static const char *const big_events[] = {
	/* a quoted scalar between keys, CJK before it, a list after */
	"title: T\nevents:\n  - id: small\n    date: 2021\n    title: S\n"
	"  - id: a\n    date: 2022\n    title: 東京の会議\n"
	"    description: \"" BIG "\"\n    tags: [x, y]\n"
	"    notes:\n      - text: n\n\n  - id: b\n    date: 2023\n"
	"    title: B\n",
	/* a flow mapping with a flow notes list */
	"events:\n  - {id: a, date: 2022, title: 'é', description: \"" BIG
	"\", notes: []}\n  - {id: b, date: 2023, title: B}\n",
	/* a block scalar, blank lines, flush items */
	"events:\n- id: a\n  date: 2022\n  title: T\n  description: |\n"
	"    " BIG "\n    more\n\n\n- id: b\n  date: 2023\n  title: B\n",
	/* CRLF, a quoted key, a plain scalar, no final line break */
	"events:\r\n  - id: a\r\n    date: 2022\r\n    \"title\": T\r\n"
	"    description: " BIG "\r\n    x-extra: 1",
	/* CRLF, a quoted text of several lines, blank ones among them */
	"events:\r\n  - id: a\r\n    date: 2022\r\n    title: A\r\n"
	"    description: \"one\r\n      " BIG "\r\n\r\n   \t  three\"  \r\n"
	"    tags: [x]\r\n  - id: b\r\n    date: 2023\r\n    title: B\r\n",
	/* the big event last, its notes a block list */
	"events:\n    -   id: a\n        date: 2022\n        title: A\n"
	"        description: '" BIG "'\n        notes:\n"
	"        - text: one\n",
};

/* src with BIG replaced by n bytes of text (some of it CJK). */
static void
big_src(struct buf *b, const char *src, size_t n)
{
	const char	*p = strchr(src, BIG[0]);
	size_t		 i;

	buf_add(b, src, (size_t)(p - src));
	for (i = 0; i < n; i += 16)
		buf_adds(b, i % 4096 == 0 ? "日本語のテキスト" :
		    "0123456789abcdef");
	buf_adds(b, p + 1);
}

/* The keys of e, kept (as loaded) and parsed again, are the same. */
static void
same_keys(const char *src, size_t len, const struct tl_event *e)
{
	struct arena		 a = ARENA_INIT;
	struct tl_event		 c = *e;
	struct tl_extra	 cl = *e->extra;
	struct tl_key		*k1, *k2;
	uint32_t		 n1, n2, i;

	cl.keys = NULL;
	c.extra = &cl;
	k1 = yamlio_event_keys(src, len, e, &a, &n1);
	k2 = yamlio_event_keys(src, len, &c, &a, &n2);
	ck_assert_uint_eq(n1, n2);
	ck_assert_uint_gt(n1, 2);
	for (i = 0; i < n1; i++) {
		ck_assert_str_eq(k1[i].name, k2[i].name);
		ck_assert_msg(memcmp(&k1[i].key, &k2[i].key,
		    sizeof k1[i].key) == 0 && memcmp(&k1[i].value,
		    &k2[i].value, sizeof k1[i].value) == 0,
		    "key %s: %u-%u line %u col %u / %u-%u line %u col %u "
		    "(value %u-%u / %u-%u)", k1[i].name, k1[i].key.start,
		    k1[i].key.end, k1[i].key.line, k1[i].key.col,
		    k2[i].key.start, k2[i].key.end, k2[i].key.line,
		    k2[i].key.col, k1[i].value.start, k1[i].value.end,
		    k2[i].value.start, k2[i].value.end);
	}
	arena_free(&a);
}

START_TEST(test_big_event_keys)
{
	struct buf		 src = BUF_INIT;
	struct loaded		 l;
	struct timeline		 copy = TIMELINE_INIT;
	struct edit_note	 n = { "2026-01-01T00:00:00Z", "me", "big" };
	struct edit		 e1, e2;
	struct tl_event		 c;
	struct tl_extra	 cl;
	char			*err = NULL, *err2 = NULL;
	size_t			 i, kept = 0;
	bool			 ok;

	big_src(&src, big_events[_i], TL_KEYS_MIN);
	timeline_add_file(&copy, "copy.yaml");
	load(&l, src.data, src.len);
	ck_assert_msg(l.ok && l.diags.errors == 0, "%s", diags_text(&l));
	for (i = 0; i < l.tl.nevents; i++) {
		const struct tl_event *e = &l.tl.events[i];
		bool big = e->span.end - e->span.start >= TL_KEYS_MIN;

		ck_assert(big == (e->extra != NULL &&
		    e->extra->keys != NULL));
		if (!big)
			continue;
		kept++;
		same_keys(src.data, src.len, e);
		/* A copy into another timeline keeps them too. */
		same_keys(src.data, src.len, timeline_copy_event(&copy, 0,
		    e));
		/* The same note either way. */
		c = *e;
		cl = *e->extra;
		cl.keys = NULL;
		c.extra = &cl;
		ok = edit_plan_note(src.data, src.len, e, &n, &e1, &err);
		ck_assert(edit_plan_note(src.data, src.len, &c, &n, &e2,
		    &err2) == ok);
		if (!ok) {	/* refused alike (the blank lines of '|') */
			ck_assert_str_eq(err, err2);
			free(err);
			free(err2);
			err = err2 = NULL;
			continue;
		}
		ck_assert_uint_eq(e1.start, e2.start);
		ck_assert_uint_eq(e1.end, e2.end);
		ck_assert_uint_eq(e1.text.len, e2.text.len);
		ck_assert(memcmp(e1.text.data, e2.text.data, e1.text.len) == 0);
		edit_free(&e1);
		edit_free(&e2);
	}
	ck_assert_uint_eq(kept, 1);
	timeline_free(&copy);
	unload(&l);
	buf_free(&src);
}
END_TEST

/* Kept keys that do not fit the bytes (a file changed under the
 * timeline) are not used: the event is parsed again. */
START_TEST(test_big_event_keys_stale)
{
	struct buf		 src = BUF_INIT;
	struct loaded		 l;
	struct arena		 a = ARENA_INIT;
	struct tl_event		*e;
	struct tl_key		*k;
	uint32_t		 n;

	big_src(&src, big_events[0], TL_KEYS_MIN);
	load(&l, src.data, src.len);
	ck_assert(l.ok);
	e = &l.tl.events[1];
	ck_assert_ptr_nonnull(e->extra->keys);
	e->extra->keys->v[0].key.start += 1;	/* "d: a", not "id: a" */
	k = yamlio_event_keys(src.data, src.len, e, &a, &n);
	ck_assert_uint_gt(n, 0);
	ck_assert_str_eq(k[0].name, "id");
	ck_assert_uint_eq(src.data[k[0].key.start], 'i');
	arena_free(&a);
	unload(&l);
	buf_free(&src);
}
END_TEST

/*
 * The safety net need not read a big quoted description that ends before
 * the splice (save_check.c, save_quoted_skip): what it loads instead
 * (save_check_text) is short, and loads with an error exactly when the
 * region with the text does -- for a note, a key after the text, and
 * splices that break the item.  Plain, block and flow-mapping texts are
 * loaded as they are.
 */
static const char *const big_splices[] = {
	NULL,	/* a note, planned */
	"    status: confirmed\n",
	"    status: \"open\n",
	"    title: twice\n",
	"  x: out of the item\n",
	"    status: nonsense\n",
	"  - id: a\n    date: 2024\n    title: the same id\n",
};

static size_t
errors_of(const char *text, size_t n)
{
	struct loaded	l;
	size_t		errors;

	load(&l, text, n);
	errors = l.ok ? l.diags.errors : SIZE_MAX;
	unload(&l);
	return errors;
}

START_TEST(test_big_quoted_skipped)
{
	struct buf		 src = BUF_INIT, real = BUF_INIT;
	struct loaded		 l;
	struct edit_note	 n = { "2026-01-01T00:00:00Z", "me", "big" };
	struct edit		 ed;
	const struct tl_event	*e = NULL;
	char			*text, *err = NULL, *why = NULL;
	size_t			 i, j, len, from, to;
	bool			 quoted, ok;

	for (i = 0; i < sizeof big_events / sizeof big_events[0]; i++) {
		buf_free(&src);
		big_src(&src, big_events[i], TL_KEYS_MIN);
		quoted = strstr(big_events[i], "description: \"" BIG) !=
		    NULL || strstr(big_events[i], "description: '") != NULL ||
		    strstr(big_events[i], "description: \"one") != NULL;
		quoted = quoted && strstr(big_events[i], "{id: a") == NULL;
		load(&l, src.data, src.len);
		ck_assert(l.ok && l.diags.errors == 0);
		for (j = 0; j < l.tl.nevents; j++)
			if (l.tl.events[j].extra != NULL &&
			    l.tl.events[j].extra->keys != NULL)
				e = &l.tl.events[j];
		ck_assert_ptr_nonnull(e);
		for (j = 0; j < sizeof big_splices / sizeof big_splices[0];
		    j++) {
			memset(&ed, 0, sizeof ed);
			if (big_splices[j] == NULL) {
				if (!edit_plan_note(src.data, src.len, e, &n,
				    &ed, &err)) {
					free(err);	/* '|' and blanks */
					err = NULL;
					continue;
				}
			} else {
				if (strstr(big_events[i], "\r\n") != NULL ||
				    strncmp(big_events[i], "events:\n- ", 10) ==
				    0 || strstr(big_events[i], "    -   ") !=
				    NULL || strstr(big_events[i], "{id: a") !=
				    NULL)
					continue;	/* not this layout */
				/* after the line of the description's end */
				ed.start = ed.end = (size_t)(strstr(src.data +
				    e->span.start, "\"\n") - src.data) + 2;
				buf_adds(&ed.text, big_splices[j]);
			}
			text = save_check_text(&l.tl, &l.tl.files[0], src.data,
			    src.len, &ed, &len);
			/* (a line out of the item: the whole file) */
			ck_assert((text == NULL) == (j == 4));
			if (text == NULL)
				goto check;
			ck_assert(save_check_scope(&l.tl, &l.tl.files[0],
			    src.data, src.len, &ed, &from, &to));
			ck_assert_msg(quoted == (len < SAVE_QUOTED_MIN_TEST),
			    "fixture %zu: %zu bytes loaded", i, len);
			buf_free(&real);
			buf_adds(&real, "events:\n");
			buf_add(&real, src.data + from, ed.start - from);
			buf_add(&real, ed.text.data, ed.text.len);
			buf_add(&real, src.data + ed.end, to - ed.end);
			ck_assert_msg((errors_of(text, len) == 0) ==
			    (errors_of(real.data, real.len) == 0),
			    "fixture %zu, splice %zu: short and real differ",
			    i, j);
check:
			ok = save_check(&l.tl, &l.tl.files[0], src.data,
			    src.len, &ed, &why);
			/* (an id twice in one file is load_check's error,
			 * not the file's: a save does not count it) */
			ck_assert_msg(ok == (j <= 1 || j == 6), "fixture %zu, splice "
			    "%zu: %s", i, j, ok ? "accepted" : why);
			free(why);
			why = NULL;
			free(text);
			edit_free(&ed);
		}
		unload(&l);
		e = NULL;
	}
	buf_free(&src);
	buf_free(&real);
}
END_TEST

Suite *
edit_suite(void)
{
	Suite	*s = suite_create("edit");
	TCase	*tc;

	tc = tcase_create("fixtures");
	tcase_add_loop_test(tc, test_note, 0, NFIXTURES);
	tcase_add_test(tc, test_note_refused);
	tcase_add_test(tc, test_eof_spaces_refused);
	tcase_add_test(tc, test_add_text_eof_block);
	tcase_add_test(tc, test_event_props_refused);
	tcase_add_loop_test(tc, test_add_refused, 0,
	    (int)(sizeof unplain_events / sizeof unplain_events[0]));
	tcase_add_loop_test(tc, test_delete, 0, NFIXTURES);
	tcase_add_loop_test(tc, test_set_id_and_replace, 0, NFIXTURES);
	tcase_add_loop_test(tc, test_id_and_note, 0, NFIXTURES);
	tcase_add_test(tc, test_join);
	tcase_add_loop_test(tc, test_add, 0, NFIXTURES);
	tcase_add_loop_test(tc, test_undo, 0, NFIXTURES);
	tcase_add_test(tc, test_odd_break);
	tcase_add_test(tc, test_spaced_items);
	tcase_add_test(tc, test_item_prune);
	tcase_add_test(tc, test_undo_window);
	tcase_add_loop_test(tc, test_item_verdict, 0,
	    (int)(sizeof item_verdicts / sizeof item_verdicts[0]));
	tcase_add_loop_test(tc, test_save_check, 0,
	    (int)(sizeof check_cases / sizeof check_cases[0]));
	tcase_add_loop_test(tc, test_check_flow, 0,
	    (int)(sizeof flow_cases / sizeof *flow_cases));
	tcase_add_loop_test(tc, test_check_refs, 0,
	    sizeof refs_cases / sizeof *refs_cases);
	tcase_add_loop_test(tc, test_save_check_whole, 0,
	    (int)(sizeof whole_srcs / sizeof whole_srcs[0]));
	tcase_add_loop_test(tc, test_check_scope, 0,
	    (int)(sizeof scope_cases / sizeof scope_cases[0]));
	tcase_add_loop_test(tc, test_big_event_keys, 0,
	    (int)(sizeof big_events / sizeof big_events[0]));
	tcase_add_test(tc, test_big_event_keys_stale);
	tcase_add_test(tc, test_big_quoted_skipped);
	suite_add_tcase(s, tc);

	tc = tcase_create("scalars");
	tcase_add_loop_test(tc, test_scalar, 0,
	    (int)(sizeof scalars / sizeof scalars[0]));
	tcase_add_test(tc, test_slug);
	tcase_add_test(tc, test_plain_policy);
	suite_add_tcase(s, tc);
	return s;
}
