/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for the writer's invariant (SPEC section 7): an edit,
 * applied and reloaded, gives the model as it was plus that edit, and no
 * byte outside the edit's splice changes.
 *
 * Input: op byte, event byte, a text (up to the first NUL) and then the
 * timeline file.  Files that load with errors are skipped (the invariant
 * is about files tlv can read; save refuses to add errors anyway).  The op
 * picks one of the planners the viewer and 'tlv annotate/add/rm' use:
 *
 *   0  note on event k, with the text (and the text as author)
 *   1  delete event k
 *   2  add an event titled with the text (date, status, tags from bits)
 *   3  give event k (when it has none) the text as id
 *   4  replace event k with its own item text (as $EDITOR hands it back
 *      unchanged): the model must not change at all
 *   5  add a copy of event k from its item text (of an event that op 4
 *      would replace; not of one on the last line of a file without a
 *      final newline: its item text ends with a line break that the file
 *      does not have)
 *   6  the save's safety net (save_check): the text spliced anywhere into
 *      event k's bytes or just after them, over up to 3 of its bytes; when
 *      the net lets it through, the new file must load without errors and
 *      every event the splice did not touch must be in it unchanged
 *   7  give event k (when it has none) the text as id and a note with the
 *      text, in one splice (edit_join, as the viewer's a does)
 *
 * Every change a planner makes must pass save_check too (the net must not
 * refuse a good change), but for op 5's copy of an event with an id: two
 * events with one id are an error at the next load, which the net may
 * refuse ("is taken"); and for op 1's deletion of an event in a file with
 * an anchor or alias, when the new file has errors (another event's
 * alias has lost its anchor).
 *
 * Files with line breaks other than LF and CRLF (a lone CR, NEL, U+2028,
 * U+2029: libyaml breaks lines there too), or a byte order mark after the
 * start, are skipped: the planners work on LF-separated lines of text, and
 * such files are out of their scope.
 *
 * A planner may refuse a layout with a message; when it accepts, the
 * result must reload without errors and compare equal, field by field, to
 * the expected model.  Anything else aborts: that is a finding.
 */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "edit.h"
#include "save.h"
#include "text.h"
#include "timeline.h"
#include "yamlio.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_NOTE_AT	"2026-11-29T10:15:00Z"

static const char *const fuzz_dates[] = {
	"2022-10-12", "late 2022", "2022-Q4", "2022-02-24/2022-03-31",
	"2022?", "c. 1066", "44 BC", "February 24, 2022"
};

/* Valid UTF-8, no NUL: what a user can type or an editor can hand back. */
static bool
fuzz_text_ok(const char *s, size_t len)
{
	size_t		 i = 0, n;
	uint32_t	 cp;

	while (i < len) {
		n = text_decode(s + i, len - i, &cp);
		if (cp == 0 || (cp == 0xFFFD &&
		    (n != 3 || memcmp(s + i, "\xEF\xBF\xBD", 3) != 0)))
			return false;
		i += n;
	}
	return true;
}

/* Only LF and CRLF break lines; a BOM only at the start. */
static bool
fuzz_breaks_ok(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if ((i > 0 && i + 2 < len &&
		    memcmp(s + i, "\xEF\xBB\xBF", 3) == 0) ||
		    (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')) ||
		    (i + 1 < len && memcmp(s + i, "\xC2\x85", 2) == 0) ||
		    (i + 2 < len && (memcmp(s + i, "\xE2\x80\xA8", 3) == 0 ||
		    memcmp(s + i, "\xE2\x80\xA9", 3) == 0)))
			return false;
	return true;
}

static void
fuzz_str(struct buf *b, const char *name, const char *s)
{
	if (s == NULL)
		buf_printf(b, "%s: -\n", name);
	else
		buf_printf(b, "%s: [%zu]%s\n", name, strlen(s), s);
}

static void
fuzz_strs(struct buf *b, const char *name, const char *const *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		fuzz_str(b, name, v[i]);
}

/* Everything of an event that the model holds, but where it is. */
static void
fuzz_event_model(struct buf *b, const struct tl_event *e)
{
	size_t	i;

	fuzz_str(b, "id", e->id);
	fuzz_str(b, "title", e->title);
	fuzz_str(b, "description", e->description);
	fuzz_str(b, "date", e->date_text);
	fuzz_str(b, "end", e->end_text);
	buf_printf(b, "range: %lld %lld %d %u\n", (long long)e->date.earliest,
	    (long long)e->date.latest, (int)e->date.precision, e->date.flags);
	if (e->end_text != NULL)
		buf_printf(b, "end range: %lld %lld %d %u\n",
		    (long long)tl_event_end(e)->earliest,
		    (long long)tl_event_end(e)->latest,
		    (int)tl_event_end(e)->precision, tl_event_end(e)->flags);
	buf_printf(b, "status: %s\n", tl_status_name(e->status));
	fuzz_strs(b, "tag", e->tags, e->ntags);
	fuzz_strs(b, "actor", e->actors, e->nactors);
	for (i = 0; i < e->nsources; i++) {
		fuzz_str(b, "source.outlet", e->sources[i].outlet);
		fuzz_str(b, "source.url", e->sources[i].url);
		fuzz_str(b, "source.title", e->sources[i].title);
		fuzz_str(b, "source.date", e->sources[i].date_text);
	}
	for (i = 0; i < e->nrelated; i++)
		fuzz_str(b, "related", e->related[i].text);
	for (i = 0; i < e->nnotes; i++) {
		fuzz_str(b, "note.at", e->notes[i].at);
		fuzz_str(b, "note.by", e->notes[i].by);
		fuzz_str(b, "note.text", e->notes[i].text);
	}
	buf_adds(b, "--\n");
}

static void
fuzz_note_model(struct buf *b, const struct edit_note *n)
{
	fuzz_str(b, "note.at", n->at);
	fuzz_str(b, "note.by", n->by);
	fuzz_str(b, "note.text", n->text);
}

/* The model of an event added with edit_plan_add. */
static bool
fuzz_added_model(struct buf *b, const struct edit_event *ev)
{
	struct date_range	 r;
	char			*err = NULL;
	size_t			 col;

	if (!date_parse(ev->date, strlen(ev->date), 0, &r, &err, &col)) {
		free(err);
		return false;
	}
	fuzz_str(b, "id", ev->id);
	fuzz_str(b, "title", ev->title);
	fuzz_str(b, "description", NULL);
	fuzz_str(b, "date", ev->date);
	fuzz_str(b, "end", NULL);
	buf_printf(b, "range: %lld %lld %d %u\n", (long long)r.earliest,
	    (long long)r.latest, (int)r.precision, r.flags);
	buf_printf(b, "status: %s\n", ev->status != NULL ? ev->status : "");
	fuzz_strs(b, "tag", ev->tags, ev->ntags);
	fuzz_strs(b, "actor", ev->actors, ev->nactors);
	buf_adds(b, "--\n");
	return true;
}

/* Load buf; false if the file has errors.  Sort keys are set, the order
 * is the load order (no timeline_sort). */
static bool
fuzz_load(struct timeline *tl, const char *buf, size_t len)
{
	struct diag_list	diags = DIAG_LIST_INIT;
	uint32_t		fi = timeline_add_file(tl, "fuzz.yaml");
	bool			ok;

	ok = yamlio_load_buffer(tl, fi, buf, len, &diags) &&
	    diags.errors == 0;
	diag_free(&diags);
	return ok;
}

/* Op 6 (see above). */
static void
fuzz_splice(const struct timeline *tl, const char *file, size_t flen,
    size_t k, unsigned bits, const char *text, size_t tlen)
{
	const struct tl_event	*e = &tl->events[k];
	struct timeline		 tl2 = TIMELINE_INIT;
	struct buf		 one = BUF_INIT, got = BUF_INIT;
	struct edit		 ed;
	char			*why = NULL, *next;
	size_t			 newlen, i;

	memset(&ed, 0, sizeof ed);
	ed.start = e->span.start + (bits * 131 + tlen) %
	    (e->span.end - e->span.start + 1);
	ed.end = ed.start + bits % 4 > flen ? flen : ed.start + bits % 4;
	buf_add(&ed.text, text, tlen);
	if (!save_check(tl, &tl->files[0], file, flen, &ed, &why)) {
		if (why == NULL)
			abort();	/* a refusal says why */
		goto out;
	}
	next = edit_apply(file, flen, &ed, &newlen);
	if (!fuzz_load(&tl2, next, newlen)) {
		fprintf(stderr, "fuzz_edit: op 6: save_check let through a "
		    "change that breaks the file\n---- new file:\n%.*s\n----\n",
		    (int)newlen, next);
		abort();
	}
	for (i = 0; i < tl2.nevents; i++)
		fuzz_event_model(&got, &tl2.events[i]);
	for (i = 0; i < tl->nevents; i++) {
		if (tl->events[i].span.end >= ed.start &&
		    tl->events[i].span.start <= ed.end)
			continue;	/* touched, or right next to it */
		one.len = 0;
		fuzz_event_model(&one, &tl->events[i]);
		if (strstr(buf_str(&got), buf_str(&one)) == NULL) {
			fprintf(stderr, "fuzz_edit: op 6: an event the change "
			    "did not touch changed:\n%s---- new file:\n%.*s\n"
			    "----\n", buf_str(&one), (int)newlen, next);
			abort();
		}
	}
	free(next);
out:
	free(why);
	edit_free(&ed);
	buf_free(&one);
	buf_free(&got);
	timeline_free(&tl2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct timeline		 tl = TIMELINE_INIT, tl2 = TIMELINE_INIT;
	struct buf		 want = BUF_INIT, got = BUF_INIT, item = BUF_INIT;
	struct edit		 ed, ed1, ed2;
	struct edit_note	 note;
	struct edit_event	 ev;
	const char		*nul, *file, *tagv[1];
	char			*text = NULL, *err = NULL, *next = NULL;
	size_t			 flen, tlen, newlen, k = 0, i;
	unsigned		 op, bits;
	bool			 planned = false;

	memset(&ed, 0, sizeof ed);
	if (size < 3)
		return 0;
	op = data[0] % 8;
	bits = data[0] / 8;
	nul = memchr(data + 2, '\0', size - 2);
	if (nul == NULL)
		return 0;
	tlen = (size_t)(nul - (const char *)data) - 2;
	file = nul + 1;
	flen = size - (size_t)(file - (const char *)data);
	if (tlen == 0 || !fuzz_text_ok((const char *)data + 2, tlen))
		return 0;
	text = malloc(tlen + 1);
	if (text == NULL)
		abort();
	memcpy(text, data + 2, tlen);
	text[tlen] = '\0';

	if (!fuzz_breaks_ok(file, flen) || !fuzz_load(&tl, file, flen))
		goto out;
	if (tl.nevents > 0)
		k = data[1] % tl.nevents;
	else if (op != 2)
		goto out;

	/* A note is not written into a TimelineJS file: the viewer and
	 * 'tlv annotate' refuse it first (edit_fields_allowed). */
	if ((op == 0 || op == 7) && !edit_fields_allowed(&tl.files[0], NULL))
		goto out;

	switch (op) {
	case 0:
		note.at = FUZZ_NOTE_AT;
		note.by = bits & 1 ? text : NULL;
		note.text = text;
		planned = edit_plan_note(file, flen, &tl.events[k], &note,
		    &ed, &err);
		for (i = 0; i < tl.nevents; i++) {
			fuzz_event_model(&want, &tl.events[i]);
			if (i == k) {
				want.len -= 3;	/* the "--\n" */
				fuzz_note_model(&want, &note);
				buf_adds(&want, "--\n");
			}
		}
		break;
	case 1:
		planned = edit_plan_delete(file, flen, &tl.events[k], &ed,
		    &err);
		for (i = 0; i < tl.nevents; i++)
			if (i != k)
				fuzz_event_model(&want, &tl.events[i]);
		break;
	case 2:
		memset(&ev, 0, sizeof ev);
		ev.title = text;
		ev.date = fuzz_dates[bits % 8];
		ev.status = bits & 8 ? "alleged" : NULL;
		if (bits & 16) {
			tagv[0] = text;
			ev.tags = tagv;
			ev.ntags = 1;
			ev.actors = tagv;
			ev.nactors = 1;
		}
		for (i = 0; i < tl.nevents; i++)
			fuzz_event_model(&want, &tl.events[i]);
		if (!fuzz_added_model(&want, &ev))
			goto out;
		planned = edit_plan_add(file, flen, &tl.files[0], &ev, &ed,
		    &err);
		break;
	case 3:
		if (tl.events[k].id != NULL)
			goto out;
		planned = edit_plan_set_id(file, flen, &tl.events[k], text,
		    &ed, &err);
		for (i = 0; i < tl.nevents; i++) {
			if (i == k)
				tl.events[k].id = text;
			fuzz_event_model(&want, &tl.events[i]);
		}
		break;
	case 4:
	case 5:
		/* The item text of an event on the last line of a file
		 * without a final newline ends with one the file does not
		 * have: a copy of it may differ in that line break. */
		if (op == 5 && file[flen - 1] != '\n' &&
		    memchr(file + tl.events[k].span.end, '\n',
		    flen - tl.events[k].span.end) == NULL)
			goto out;
		edit_item_text(file, flen, &tl.events[k], &item);
		/* Only an event the editor may change is copied. */
		if (op == 5) {
			if (!edit_plan_replace(file, flen, &tl.events[k],
			    buf_str(&item), &ed, &err))
				goto out;
			edit_free(&ed);
		}
		if (op == 4)
			planned = edit_plan_replace(file, flen,
			    &tl.events[k], buf_str(&item), &ed, &err);
		else
			planned = edit_plan_add_text(file, flen,
			    &tl.files[0], buf_str(&item), &ed, &err);
		for (i = 0; i < tl.nevents; i++)
			fuzz_event_model(&want, &tl.events[i]);
		if (op == 5)
			fuzz_event_model(&want, &tl.events[k]);
		break;
	case 6:
		fuzz_splice(&tl, file, flen, k, bits, text, tlen);
		goto out;
	case 7:
		if (tl.events[k].id != NULL)
			goto out;
		note.at = FUZZ_NOTE_AT;
		note.by = bits & 1 ? text : NULL;
		note.text = text;
		memset(&ed1, 0, sizeof ed1);
		memset(&ed2, 0, sizeof ed2);
		planned = edit_plan_set_id(file, flen, &tl.events[k], text,
		    &ed1, &err) && edit_plan_note(file, flen, &tl.events[k],
		    &note, &ed2, &err) && edit_join(file, flen, &ed1, &ed2,
		    &ed, &err);
		edit_free(&ed1);
		edit_free(&ed2);
		for (i = 0; i < tl.nevents; i++) {
			if (i == k)
				tl.events[k].id = text;
			fuzz_event_model(&want, &tl.events[i]);
			if (i == k) {
				want.len -= 3;	/* the "--\n" */
				fuzz_note_model(&want, &note);
				buf_adds(&want, "--\n");
			}
		}
		break;
	}
	if (!planned) {
		if (err == NULL)
			abort();	/* a refusal always says why */
		goto out;
	}
	/* A copy of an event with an id makes two, which the next load
	 * reports: save_check may refuse that, and only that.  Deleting an
	 * event may leave another's alias without its anchor: refused, if
	 * the new file has errors. */
	if (ed.start > ed.end || ed.end > flen)
		abort();
	next = edit_apply(file, flen, &ed, &newlen);
	if (!save_check(&tl, &tl.files[0], file, flen, &ed, &err) &&
	    (op != 5 || tl.events[k].id == NULL || err == NULL ||
	    strstr(err, "is taken") == NULL)) {
		if (op == 1 && tl.files[0].refs && !fuzz_load(&tl2, next,
		    newlen))
			goto out;
		fprintf(stderr, "fuzz_edit: op %u: save_check refused a good "
		    "change: %s\n", op, err != NULL ? err : "?");
		abort();
	}
	free(err);
	err = NULL;

	/* Bytes outside the splice are the old bytes. */
	if (newlen != flen - (ed.end - ed.start) + ed.text.len ||
	    memcmp(next, file, ed.start) != 0 ||
	    memcmp(next + ed.start + ed.text.len, file + ed.end,
	    flen - ed.end) != 0)
		abort();

	/* The new bytes give the expected model. */
	if (!fuzz_load(&tl2, next, newlen)) {
		fprintf(stderr, "fuzz_edit: op %u: the edited file has errors\n"
		    "---- new file:\n%.*s\n----\n", op, (int)newlen, next);
		abort();
	}
	for (i = 0; i < tl2.nevents; i++)
		fuzz_event_model(&got, &tl2.events[i]);
	if (want.len != got.len || (got.len > 0 &&
	    memcmp(want.data, got.data, got.len) != 0)) {
		fprintf(stderr, "fuzz_edit: op %u: the model differs\n"
		    "---- want:\n%s---- got:\n%s---- new file:\n%.*s\n----\n",
		    op, buf_str(&want), buf_str(&got), (int)newlen, next);
		abort();
	}
out:
	edit_free(&ed);
	free(next);
	free(err);
	free(text);
	buf_free(&want);
	buf_free(&got);
	buf_free(&item);
	timeline_free(&tl);
	timeline_free(&tl2);
	return 0;
}
