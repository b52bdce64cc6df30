/* SPDX-License-Identifier: MIT */
/*
 * A change put into the loaded timeline in place (apply.h) gives what a
 * fresh load of the saved files gives.  On two files (one of them in
 * several layouts), each event in turn gets a note, a new status, a new
 * date (it moves in the sort), is deleted and put back by an undo, and an
 * event is added; after every save the timeline, the id index and the
 * diagnostics are compared, field by field, with a load of the files.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "apply.h"
#include "buf.h"
#include "check_suites.h"
#include "diag.h"
#include "edit.h"
#include "load.h"
#include "load_int.h"
#include "lock.h"
#include "save.h"
#include "timeline.h"
#include "xmalloc.h"

/* The first file's layouts; the second file is always other. */
static const char *const layouts[] = {
	"title: A\n"
	"events:\n"
	"  # first\n"
	"  - id: a1\n"
	"    date: 2001-01-01\n"
	"    title: First\n"
	"\n"
	"  - id: a2\n"
	"    date: 2001-02-01\n"
	"    title: Second\n"
	"    related: [b1]\n"
	"  - id: a3\n"
	"    date: 2001-03-01\n"
	"    title: Third\n"
	"    status: reported\n"
	"    notes:\n"
	"      - text: old\n"
	"  - id: a4\n"
	"    date: 2001-04-01\n"
	"    title: Fourth\n"
	"    related: [a3, nowhere]\n"
	"    colour: red\n"
	"# tail\n",
	/* flush items, no final newline */
	"events:\n"
	"- id: a1\n"
	"  date: 2001-01-01\n"
	"  title: First\n"
	"- id: a2\n"
	"  date: 2001-02-01\n"
	"  title: Second\n"
	"  description: |\n"
	"    two\n"
	"    lines\n"
	"  tags: [t]\n"
	"- id: a3\n"
	"  date: 2001-03-01\n"
	"  title: Third\n"
	"  related: [b2]",
	/* CRLF */
	"events:\r\n  - id: a1\r\n    date: 2001\r\n    title: A\r\n"
	"  - id: a2\r\n    date: 2002\r\n    title: B\r\n",
	/* a flow list, its items on one line */
	"events: [{id: a1, date: 2001, title: A}, {id: a2, date: 2002, "
	"title: B}]\n",
	/* JSON, an item a line, one with a two-byte character before it */
	"{\"title\": \"A\", \"events\": [\n"
	"  {\"id\": \"a1\", \"date\": \"2001-01-01\", \"title\": \"First\"},\n"
	"  {\"id\": \"a2\", \"date\": \"2001-02-01\", \"title\": \"S\u00e9cond\", "
	"\"related\": [\"b1\"]}, "
	"{\"id\": \"a3\", \"date\": \"2001-03-01\", \"title\": \"Third\"}\n"
	"]}\n",
};

static const char other[] =
	"title: B\n"
	"events:\n"
	"- id: b1\n"
	"  date: 2000-06-01\n"
	"  title: B one\n"
	"  related: [a3]\n"
	"- id: b2\n"
	"  date: 2001-02-01\n"
	"  title: B two\n";

static void
dump_str(struct buf *b, const char *s)
{
	buf_printf(b, "[%s]", s != NULL ? s : "(null)");
}

static void
dump_event(struct buf *b, const struct timeline *tl, size_t at)
{
	const struct tl_event	*e = &tl->events[at];
	uint32_t		 i;

	buf_printf(b, "%zu: file %u span %u-%u %u:%u id_at %u st %d "
	    "%lld..%lld ", at, e->file, e->span.start, e->span.end,
	    e->span.line, e->span.col, e->id_at, (int)e->status,
	    (long long)e->date.earliest, (long long)e->date.latest);
	dump_str(b, e->id);
	dump_str(b, e->title);
	dump_str(b, e->description);
	dump_str(b, e->date_text);
	dump_str(b, e->end_text);
	if (e->end_text != NULL)
		buf_printf(b, " end %lld..%lld/%u",
		    (long long)tl_event_end(e)->earliest,
		    (long long)tl_event_end(e)->latest, tl_event_end(e)->flags);
	for (i = 0; i < e->ntags; i++)
		dump_str(b, e->tags[i]);
	for (i = 0; i < e->nactors; i++)
		dump_str(b, e->actors[i]);
	for (i = 0; i < e->nsources; i++) {
		dump_str(b, e->sources[i].outlet);
		dump_str(b, e->sources[i].url);
	}
	for (i = 0; i < e->nrelated; i++)
		buf_printf(b, " rel %s %u:%u/%u", e->related[i].text,
		    e->related[i].line, (unsigned)e->related[i].col,
		    (unsigned)e->related[i].rel);
	for (i = 0; i < e->nnotes; i++) {
		dump_str(b, e->notes[i].at);
		dump_str(b, e->notes[i].text);
	}
	if (e->id != NULL)	/* the index finds the same event */
		buf_printf(b, " idx %zu", (size_t)(timeline_find_id(tl,
		    e->id) - tl->events));
	buf_addc(b, '\n');
}

/* Everything a load gives that the viewer uses, as text. */
static char *
dump(const struct timeline *tl, const struct diag_list *diags)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < tl->nfiles; i++) {
		const struct tl_file *f = &tl->files[i];

		buf_printf(&b, "file %s size %zu hash %llx events %zu errors "
		    "%zu items %u list %zu-%zu indent %u line %u flow %d "
		    "refs %d last %zu ", f->path, f->size,
		    (unsigned long long)f->hash, f->nevents, f->errors,
		    f->nitems, f->events_start, f->events_end,
		    f->events_indent, f->events_line, (int)f->events_flow,
		    (int)f->refs, f->events_last);
		dump_str(&b, f->title);
		buf_addc(&b, '\n');
	}
	for (i = 0; i < tl->nevents; i++)
		dump_event(&b, tl, i);
	for (i = 0; i < tl->ndropped; i++)
		buf_printf(&b, "dropped %s %u %u\n", tl->dropped[i].id != NULL ?
		    tl->dropped[i].id : "-", tl->dropped[i].file,
		    tl->dropped[i].start);
	buf_printf(&b, "%zu errors %zu warnings\n", diags->errors,
	    diags->warnings);
	for (i = 0; i < diags->n; i++)
		diag_format(&diags->v[i], &b);
	return buf_detach(&b);
}

enum step { NOTE, STATUS, DATE, DELETE, UNDO, ADD };

struct plan {
	struct timeline		*tl;
	enum step		 step;
	const char		*id;
	const struct edit_undo	*undo;
	uint32_t		 file;
	const char		*add;	/* the item ADD adds, if not the usual */
};

/* The event's item text with "key: old" changed to "key: now". */
static char *
item_with(const char *buf, size_t len, const struct tl_event *e,
    const char *key, const char *now)
{
	struct buf	 text = BUF_INIT, out = BUF_INIT;
	const char	*p, *nl;
	size_t		 klen = strlen(key);
	bool		 done = false;

	edit_item_text(buf, len, e, &text);
	for (p = text.data; *p != '\0'; p = nl != NULL ? nl + 1 : "") {
		nl = strchr(p, '\n');
		if (strncmp(p, key, klen) == 0 && p[klen] == ':') {
			buf_printf(&out, "%s: %s\n", key, now);
			done = true;
		} else
			buf_add(&out, p, nl != NULL ? (size_t)(nl - p + 1) :
			    strlen(p));
	}
	if (!done)
		buf_printf(&out, "%s: %s\n", key, now);
	buf_free(&text);
	return buf_detach(&out);
}

static bool
plan_step(void *ctx, const char *buf, size_t len, struct edit *ed,
    char **err)
{
	struct plan		 *p = ctx;
	const struct tl_event	 *e = p->id != NULL ?
				    timeline_find_id(p->tl, p->id) : NULL;
	struct edit_note	  n = { "2026-01-02T03:04:05Z", "tester", "a note" };
	char			 *text;
	bool			  ok;

	switch (p->step) {
	case NOTE:
		return edit_plan_note(buf, len, e, &n, ed, err);
	case STATUS:
	case DATE:
		text = item_with(buf, len, e, p->step == STATUS ? "status" :
		    "date", p->step == STATUS ? "confirmed" : "2009-09-09");
		ok = edit_plan_replace(buf, len, e, text, ed, err);
		free(text);
		return ok;
	case DELETE:
		return edit_plan_delete(buf, len, e, ed, err);
	case UNDO:
		return edit_plan_undo(buf, len, p->tl, p->file, p->undo, ed,
		    err);
	case ADD:
		return edit_plan_add_text(buf, len, &p->tl->files[p->file],
		    p->add != NULL ? p->add :
		    "id: added\ndate: 2001-01-15\ntitle: Added\n", ed, err);
	}
	return false;
}

struct run {
	char		*paths[2];
	struct timeline	 tl;
	struct diag_list diags;
	size_t		 in_place, steps;
};

/* Save the step, put it into r's timeline in place, compare with a load;
 * the deletion's undo record to *u if not NULL. */
static void
run_step(struct run *r, struct plan *p, struct save_undo *u,
    struct edit *ed_out)
{
	struct save_job		 job;
	struct save_where	 w;
	struct edit		 ed;
	struct timeline		 fresh = TIMELINE_INIT;
	struct diag_list	 fd = DIAG_LIST_INIT;
	struct apply_items	 c;
	char			*err = NULL, *a, *b;
	uint32_t		 fi = p->file;

	p->tl = &r->tl;
	if (p->id != NULL)
		fi = timeline_find_id(&r->tl, p->id)->file;
	memset(&job, 0, sizeof job);
	memset(&w, 0, sizeof w);
	memset(&ed, 0, sizeof ed);
	job.file = &r->tl.files[fi];
	job.plan = plan_step;
	job.ctx = p;
	job.tl = &r->tl;
	job.undo = u;
	job.edit = &ed;
	job.where = &w;
	ck_assert_msg(save_change(&job, &err), "step %d on %s: %s",
	    (int)p->step, p->id != NULL ? p->id : "-", err);
	c.file = fi;
	c.r0 = w.r0;
	c.r1 = w.r1;
	c.line0 = w.line0;
	c.lines = w.lines;
	c.col = w.col;
	c.bytes = w.bytes;
	c.len = w.len;
	if (w.items && apply_items(&r->tl, &r->diags, &c))
		r->in_place++;
	else
		ck_assert(apply_file(&r->tl, &r->diags, fi));
	r->steps++;
	free(w.bytes);
	load_paths(&fresh, r->paths, 2, &fd);
	a = dump(&r->tl, &r->diags);
	b = dump(&fresh, &fd);
	ck_assert_msg(strcmp(a, b) == 0, "step %d on %s:\n--- in place\n%s"
	    "--- loaded\n%s", (int)p->step, p->id != NULL ? p->id : "-", a, b);
	free(a);
	free(b);
	timeline_free(&fresh);
	diag_free(&fd);
	if (ed_out != NULL)
		*ed_out = ed;
	else
		edit_free(&ed);
}

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	fputs(text, fp);
	ck_assert_int_eq(fclose(fp), 0);
}

/* Two files in a new directory dir, first a, then other, loaded into r. */
static void
run_open(struct run *r, char *dir, const char *a)
{
	ck_assert_ptr_nonnull(mkdtemp(dir));
	memset(r, 0, sizeof *r);
	r->paths[0] = xasprintf("%s/a.yaml", dir);
	r->paths[1] = xasprintf("%s/b.yaml", dir);
	write_file(r->paths[0], a);
	write_file(r->paths[1], other);
	r->tl = (struct timeline)TIMELINE_INIT;
	r->diags = (struct diag_list)DIAG_LIST_INIT;
	load_paths(&r->tl, r->paths, 2, &r->diags);
}

static void
run_close(struct run *r, const char *dir)
{
	size_t	i;

	timeline_free(&r->tl);
	diag_free(&r->diags);
	for (i = 0; i < 2; i++) {
		unlink(r->paths[i]);
		free(r->paths[i]);
	}
	rmdir(dir);
}

/* Undo a deletion (as the viewer keeps it: ui_edit.c's ui_undo_push). */
static void
run_undo(struct run *r, const char *gone, uint32_t fi, struct save_undo *u,
    const struct edit *ed)
{
	struct edit_undo	how;
	struct plan		p;

	memset(&how, 0, sizeof how);
	how.before = u->before;
	how.before_len = u->before_len;
	how.window = u->window;
	how.flow = u->flow;
	how.start = ed->start - u->base;
	how.end = ed->end - u->base;
	how.text = ed->text.len > 0 ? ed->text.data : "";
	how.text_len = ed->text.len;
	how.gone = gone;
	memset(&p, 0, sizeof p);
	p.step = UNDO;
	p.undo = &how;
	p.file = fi;
	run_step(r, &p, NULL, NULL);
}

START_TEST(apply_series)
{
	char		 dir[] = "/tmp/tlv-check-apply-XXXXXX";
	const char	*ids[] = { "a1", "a2", "a3", "a4", "b1", "b2" };
	struct run	 r;
	struct plan	 p;
	struct save_undo u;
	struct edit	 ed;
	enum step	 s;
	size_t		 i;
	uint32_t	 fi;

	run_open(&r, dir, layouts[_i]);
	for (i = 0; i < sizeof ids / sizeof *ids; i++) {
		if (timeline_find_id(&r.tl, ids[i]) == NULL)
			continue;
		for (s = NOTE; s <= DELETE; s++) {
			if (_i >= 3 && (s == STATUS || s == DATE))
				continue;	/* not in a flow list */
			memset(&p, 0, sizeof p);
			p.step = s;
			p.id = ids[i];
			if (s != DELETE) {
				run_step(&r, &p, NULL, NULL);
				continue;
			}
			fi = timeline_find_id(&r.tl, ids[i])->file;
			memset(&u, 0, sizeof u);
			run_step(&r, &p, &u, &ed);
			/* the items around it, not the file */
			ck_assert_msg(u.window && u.flow == (fi == 0 && _i >= 3),
			    "delete %s: the undo keeps the whole file", ids[i]);
			run_undo(&r, ids[i], fi, &u, &ed);
			save_undo_free(&u);
			edit_free(&ed);
		}
	}
	memset(&p, 0, sizeof p);
	p.step = ADD;
	if (_i < 3)	/* not to a flow list */
		run_step(&r, &p, NULL, NULL);
	/* The changes went in place, but for a few. */
	ck_assert_msg(r.in_place * 2 > r.steps, "%zu of %zu in place",
	    r.in_place, r.steps);
	run_close(&r, dir);
}
END_TEST

/* An item added with an anchor goes in place, and the timeline then
 * knows the file has one, as a load does (the safety net reads it). */
START_TEST(apply_refs)
{
	char		 dir[] = "/tmp/tlv-check-apply-XXXXXX";
	struct run	 r;
	struct plan	 p;

	run_open(&r, dir, layouts[1]);
	ck_assert(!r.tl.files[0].refs);
	memset(&p, 0, sizeof p);
	p.step = ADD;
	p.add = "id: anchored\ndate: 2001-01-15\ntitle: Anchored\n"
	    "tags: &t [x]\n";
	run_step(&r, &p, NULL, NULL);	/* compared with a load */
	ck_assert_uint_eq(r.in_place, 1);
	ck_assert(r.tl.files[0].refs);
	run_close(&r, dir);
}
END_TEST

/* The file's bytes, with a '\0' after them for strstr. */
static char *
file_text(const char *path, size_t *len)
{
	char	*p = load_read_file(path, len);

	ck_assert_ptr_nonnull(p);
	p = xreallocarray(p, *len + 1, 1);
	p[*len] = '\0';
	return p;
}

/* A viewer's save in its three parts (save_start, save_pending_run,
 * save_pending_end) with the file compared while it is written (late):
 * saved as save_change saves; and a file changed on disk meanwhile
 * without changing its size is found there -- nothing written, stale. */
START_TEST(apply_late)
{
	char			 dir[] = "/tmp/tlv-check-late-XXXXXX";
	struct run		 r;
	struct plan		 p;
	struct save_job		 job;
	struct save_pending	*pend;
	char			*err = NULL, *path, *got;
	size_t			 len;
	bool			 stale = true;
	FILE			*fp;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	memset(&r, 0, sizeof r);
	path = xasprintf("%s/a.yaml", dir);
	write_file(path, layouts[0]);
	r.tl = (struct timeline)TIMELINE_INIT;
	r.diags = (struct diag_list)DIAG_LIST_INIT;
	load_paths(&r.tl, &path, 1, &r.diags);
	memset(&p, 0, sizeof p);
	p.tl = &r.tl;
	p.step = NOTE;
	p.id = "a2";
	memset(&job, 0, sizeof job);
	job.file = &r.tl.files[0];
	job.plan = plan_step;
	job.ctx = &p;
	job.tl = &r.tl;
	job.late = true;
	/* Saved, and the file's hash is the new bytes'. */
	pend = save_start(&job, &err);
	ck_assert_msg(pend != NULL, "%s", err);
	save_pending_run(pend);
	ck_assert_msg(save_pending_end(pend, &err, &stale), "%s", err);
	ck_assert(!stale);
	got = file_text(path, &len);
	ck_assert_ptr_nonnull(got);
	ck_assert_ptr_nonnull(strstr(got, "text: a note"));
	ck_assert(len == r.tl.files[0].size &&
	    load_hash(got, len) == r.tl.files[0].hash);
	free(got);
	/* Another program changes a byte, not the size, after the plan. */
	pend = save_start(&job, &err);
	ck_assert_msg(pend != NULL, "%s", err);
	got = file_text(path, &len);
	*strstr(got, "Third") = 't';
	ck_assert_ptr_nonnull(fp = fopen(path, "w"));
	ck_assert_uint_eq(fwrite(got, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
	ck_assert(!save_pending_end(pend, &err, &stale));
	ck_assert_msg(stale, "%s", err);
	ck_assert_ptr_nonnull(strstr(err, "changed on disk"));
	free(err);
	err = NULL;
	free(got);
	got = file_text(path, &len);
	ck_assert_ptr_nonnull(strstr(got, "title: third"));
	ck_assert_ptr_null(strstr(got + (strstr(got, "text: a note") -
	    got) + 1, "text: a note"));	/* written once, not twice */
	free(got);
	/* A lock the caller took is taken over: the save does not wait
	 * for it, and releases it when it ends. */
	timeline_free(&r.tl);
	r.tl = (struct timeline)TIMELINE_INIT;
	load_paths(&r.tl, &path, 1, &r.diags);
	job.file = &r.tl.files[0];
	job.tl = &r.tl;
	ck_assert(lock_take(path, NULL, NULL, &job.lock_fd, &err));
	job.locked = true;
	pend = save_start(&job, &err);
	ck_assert_msg(pend != NULL, "%s", err);
	ck_assert_msg(save_pending_end(pend, &err, &stale), "%s", err);
	ck_assert_int_eq(fcntl(job.lock_fd, F_GETFD), -1);	/* closed */
	job.locked = false;
	ck_assert(lock_take(path, NULL, NULL, &job.lock_fd, &err));
	lock_release(job.lock_fd);
	timeline_free(&r.tl);
	diag_free(&r.diags);
	unlink(path);
	free(path);
	rmdir(dir);
}
END_TEST

/*
 * The viewer's look at a save lock (lock_try): taken when free; busy,
 * naming who holds it (here this very process: a second descriptor is
 * refused as another program would be), while it is held; taken again
 * once it is released; a file that is not there fails with why.
 */
START_TEST(apply_lock_try)
{
	char	 dir[] = "/tmp/tlv-lock-XXXXXX", name[32] = "", *path, *want;
	char	*holder = NULL, *err = NULL, *say;
	int	 fd, fd2;
	FILE	*fp;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/a.yaml", dir);
	write_file(path, layouts[0]);
	ck_assert_int_eq(lock_try(path, &fd, &holder, &err), LOCK_TAKEN);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(lock_try(path, &fd2, &holder, &err), LOCK_BUSY);
	ck_assert_int_eq(fd2, -1);
	if ((fp = fopen("/proc/self/comm", "r")) != NULL &&
	    fgets(name, sizeof name, fp) != NULL &&
	    access("/proc/locks", R_OK) == 0) {
		name[strcspn(name, "\n")] = '\0';
		want = xasprintf("%s (pid %ld)", name, (long)getpid());
		ck_assert_str_eq(holder != NULL ? holder : "(none)", want);
		free(want);
	}
	if (fp != NULL)
		fclose(fp);
	say = lock_waiting_text("a.yaml", holder);
	ck_assert_ptr_nonnull(strstr(say, "a.yaml: waiting for "));
	free(say);
	free(holder);
	say = lock_timeout_text("a.yaml", NULL);
	ck_assert_ptr_nonnull(strstr(say, "another program held the save "
	    "lock"));
	free(say);
	lock_release(fd);
	ck_assert_int_eq(lock_try(path, &fd, &holder, &err), LOCK_TAKEN);
	ck_assert_ptr_null(holder);
	lock_release(fd);
	unlink(path);
	ck_assert_int_eq(lock_try(path, &fd, &holder, &err), LOCK_FAILED);
	ck_assert_ptr_nonnull(strstr(err, "cannot lock"));
	free(err);
	free(path);
	rmdir(dir);
}
END_TEST

Suite *
apply_suite(void)
{
	Suite	*s = suite_create("apply");
	TCase	*tc = tcase_create("series");

	tcase_add_loop_test(tc, apply_series, 0,
	    (int)(sizeof layouts / sizeof *layouts));
	tcase_add_test(tc, apply_refs);
	tcase_add_test(tc, apply_late);
	tcase_add_test(tc, apply_lock_try);
	suite_add_tcase(s, tc);
	return s;
}
