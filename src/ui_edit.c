/* SPDX-License-Identifier: MIT */
/*
 * Changes from the viewer: a (note), e (edit in $EDITOR), A (add), D
 * (delete), u (undo).  Each change is planned on the file's current bytes
 * (edit.h), saved at once and safely (save.h) -- written on a thread of
 * its own while the viewer goes on reading keys (struct ui_saving), one
 * change at a time, after waiting the same way for another program's
 * save lock -- remembered for undo, and put into the timeline shown
 * (ui_saved) so the screen shows the file as it now is.
 *
 * If another program changed the file since tlv loaded it, nothing is
 * written: tlv reloads, finds the event again by its id and applies the
 * change to the new bytes -- or says why it no longer applies.  An undo is
 * a change like the others, planned the same way (edit_plan_undo): after
 * another program's change it is found again by its event's id.
 */
#include "config.h"

#include <assert.h>
#include <curses.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "edit.h"
#include "lock.h"
#include "save.h"
#include "ui.h"
#include "xmalloc.h"
#include "yamlio.h"

enum ui_change_kind {
	UI_CHANGE_NOTE,
	UI_CHANGE_DELETE,
	UI_CHANGE_REPLACE,
	UI_CHANGE_ADD,
	UI_CHANGE_UNDO
};

/* A change kept for undo. */
struct ui_undo {
	struct save_undo	 saved;	/* the file, its bytes before */
	struct edit_undo	 how;	/* pointers into saved and below */
	char			*text, *id, *gone;
};

/* ui_edit.c's own state (app->edits): the changes kept for undo, and the
 * editor's session -- its temporary file, the text it started with, the
 * event edited (its id, or where it is if it has none; neither: a new
 * one) and the file a new event goes to. */
struct ui_edits {
	struct ui_undo	*undo;		/* oldest first */
	size_t		 nundo;
	char		*path;
	char		*orig;
	char		*id;
	uint32_t	 file;
	struct ui_saving *saving;	/* a save being written, or NULL */
	bool		 idless;	/* the event edited has no id: it is
					   the one of file at byte start */
	size_t		 start;
};

static struct ui_edits *
ui_edits(struct app *app)
{
	if (app->edits == NULL)
		app->edits = xcalloc(1, sizeof *app->edits);
	return app->edits;
}

struct ui_change {
	enum ui_change_kind	 kind;
	const char		*id;	/* the event (not for ADD) */
	const struct tl_event	*ev;	/* or the event without an id, as
					   loaded (then the change is refused
					   if the file changed on disk) */
	const char		*give;	/* the id ev gets in the same splice
					   (NOTE), or NULL */
	const char		*orig;	/* REPLACE of ev: its item text when
					   the editor opened */
	uint32_t		 file;	/* for ADD */
	struct edit_note	 note;
	const char		*text;	/* item text */
	const char		*keep;	/* cursor here afterwards, or NULL */
	const struct ui_undo	*undo;	/* for UNDO */
};

/* The event a change is about, found again by id after a reload. */
static const struct tl_event *
ui_change_event(const struct app *app, const struct ui_change *c)
{
	if (c->ev != NULL)
		return c->ev;
	return c->id != NULL ? timeline_find_id(&app->tl, c->id) : NULL;
}

/* A note on an event without an id: the id and the note in one splice
 * (one save, one undo). */
static bool
ui_plan_note(const struct ui_change *c, const struct tl_event *e,
    const char *buf, size_t len, struct edit *ed, char **err)
{
	struct edit	id, note;
	bool		ok;

	if (c->give == NULL)
		return edit_plan_note(buf, len, e, &c->note, ed, err);
	memset(ed, 0, sizeof *ed);
	if (!edit_plan_set_id(buf, len, e, c->give, &id, err))
		return false;
	if ((ok = edit_plan_note(buf, len, e, &c->note, &note, err))) {
		ok = edit_join(buf, len, &id, &note, ed, err);
		edit_free(&note);
	}
	edit_free(&id);
	return ok;
}

/* Whether the event without an id is still what the editor was given. */
static bool
ui_same_item(const struct ui_change *c, const struct tl_event *e,
    const char *buf, size_t len, char **err)
{
	struct buf	now = BUF_INIT;
	bool		same;

	if (c->orig == NULL)
		return true;
	edit_item_text(buf, len, e, &now);
	same = strcmp(buf_str(&now), c->orig) == 0;
	buf_free(&now);
	if (!same)
		*err = xstrdup("the event changed since the editor opened; "
		    "nothing was written");
	return same;
}

static bool
ui_plan(const struct app *app, const struct ui_change *c, uint32_t fi,
    const char *buf, size_t len, struct edit *ed, char **err)
{
	const struct tl_event	*e = ui_change_event(app, c);

	if (c->kind == UI_CHANGE_NOTE && !edit_fields_allowed(&app->tl.files[fi],
	    err))
		return false;
	if (c->kind == UI_CHANGE_ADD)
		return edit_plan_add_text(buf, len, &app->tl.files[c->file],
		    c->text, ed, err);
	if (c->kind == UI_CHANGE_UNDO)
		return edit_plan_undo(buf, len, &app->tl, fi,
		    &c->undo->how, ed, err);
	if (e == NULL) {
		*err = xasprintf("event '%s' is no longer in the files",
		    c->id != NULL ? c->id : "?");
		return false;
	}
	switch (c->kind) {
	case UI_CHANGE_NOTE:
		return ui_plan_note(c, e, buf, len, ed, err);
	case UI_CHANGE_DELETE:
		return edit_plan_delete(buf, len, e, ed, err);
	case UI_CHANGE_REPLACE:
		return ui_same_item(c, e, buf, len, err) &&
		    edit_plan_replace(buf, len, e, c->text, ed, err);
	default:
		return false;
	}
}

/*
 * Keep a change saved for undo: u (consumed) holds the bytes before, ed
 * the splice made in them, id the event as the change left it (NULL: the
 * change deleted gone).
 */
static void
ui_undo_push(struct app *app, struct save_undo *u, const struct edit *ed,
    const char *id, const char *gone)
{
	struct ui_edits	*ue = ui_edits(app);
	struct ui_undo	*r;

	ue->undo = xreallocarray(ue->undo, ue->nundo + 1, sizeof *ue->undo);
	r = &ue->undo[ue->nundo++];
	memset(r, 0, sizeof *r);
	r->saved = *u;
	r->text = xstrndup(ed->text.len > 0 ? ed->text.data : "",
	    ed->text.len);
	r->id = id != NULL ? xstrdup(id) : NULL;
	r->gone = gone != NULL ? xstrdup(gone) : NULL;
	r->how.before = r->saved.before;
	r->how.before_len = r->saved.before_len;
	r->how.window = r->saved.window;
	r->how.flow = r->saved.flow;
	r->how.start = ed->start - r->saved.base;
	r->how.end = ed->end - r->saved.base;
	r->how.text = r->text;
	r->how.text_len = ed->text.len;
	r->how.id = r->id;
	r->how.gone = r->gone;
}

static void
ui_undo_pop(struct app *app)
{
	struct ui_edits	*ue = ui_edits(app);
	struct ui_undo	*r = &ue->undo[--ue->nundo];

	save_undo_free(&r->saved);
	free(r->text);
	free(r->id);
	free(r->gone);
}


/* A file that broke on disk shows its last good events, which are not in
 * its bytes: nothing is planned on them. */
static bool
ui_stale_file(const struct app *app, uint32_t fi, char **err)
{
	if (!app->tl.files[fi].stale)
		return false;
	*err = xasprintf("not changed: %s is broken on disk (E shows why); "
	    "the events shown are its last good ones, editable again once "
	    "it is fixed", app->tl.files[fi].path);
	return true;
}

/* The file a change goes to. */
static bool
ui_change_file(const struct app *app, const struct ui_change *c,
    uint32_t *fi)
{
	const struct tl_event	*e = ui_change_event(app, c);

	uint32_t		 i;

	if (c->kind == UI_CHANGE_UNDO) {
		for (i = 0; i < app->tl.nfiles; i++)
			if (strcmp(app->tl.files[i].path,
			    c->undo->saved.path) == 0) {
				*fi = i;
				return true;
			}
		return false;
	}
	if (c->kind == UI_CHANGE_ADD) {
		*fi = c->file;
		return true;
	}
	if (e == NULL)
		return false;
	*fi = e->file;
	return true;
}

/* A change on its way through save_change. */
struct ui_job {
	struct app		*app;
	const struct ui_change	*c;
	uint32_t		 fi;
};

/* Another program holds the file's save lock while the viewer must wait
 * for it (under a key script, or on q): say so on the screen. */
static void
ui_job_waiting(void *ctx, const char *path, const char *holder)
{
	struct app	*app = ((struct ui_job *)ctx)->app;
	char		*say = lock_waiting_text(path, holder);

	ui_message(app, false, "%s%s", app->quit ?
	    "tlv quits once it is saved; " : "", say);
	ui_draw(app);
	free(say);
}

static bool
ui_job_plan(void *ctx, const char *buf, size_t len, struct edit *ed,
    char **err)
{
	struct ui_job	*j = ctx;

	return ui_plan(j->app, j->c, j->fi, buf, len, ed, err);
}

/* The file changed on disk: reload (under the save's lock) and find the
 * event again by its id. */
static struct tl_file *
ui_job_reload(void *ctx, char **err)
{
	struct ui_job	*j = ctx;
	char		*path;

	if (j->c->ev != NULL) {
		/* An event without an id cannot be found again. */
		path = xstrdup(j->app->tl.files[j->fi].path);
		ui_reload(j->app);
		*err = xasprintf("%s changed on disk and was reloaded; nothing "
		    "was written", path);
		free(path);
		return NULL;
	}
	/* Another program wrote it (most often the one that held the lock):
	 * a big file takes a while to load again. */
	ui_message(j->app, false, "%s changed on disk: reloading it to make "
	    "the change there...", j->app->tl.files[j->fi].path);
	ui_draw(j->app);
	path = xstrdup(j->app->tl.files[j->fi].path);
	ui_reload(j->app);
	if (!ui_change_file(j->app, j->c, &j->fi)) {
		*err = j->c->kind == UI_CHANGE_UNDO ? xasprintf("%s changed on "
		    "disk and is no longer loaded; nothing was written", path) :
		    xasprintf("event '%s' is gone from %s (changed on disk): "
		    "nothing was written", j->c->id != NULL ? j->c->id : "?",
		    path);
		free(path);
		return NULL;
	}
	free(path);
	if (ui_stale_file(j->app, j->fi, err))
		return NULL;
	return &j->app->tl.files[j->fi];
}

/*
 * What comes after a save, once it is written (ui_done): the message, and
 * for each kind what else -- the undo record popped, the editor's session
 * ended or offered again.
 */
enum ui_then {
	UI_THEN_SAY,		/* "what: saved PATH" */
	UI_THEN_DELETE,		/* and the events still linking to it */
	UI_THEN_UNDO,		/* "undone: PATH saved", the record popped */
	UI_THEN_EDITOR		/* the editor's session ends, or e/d asked */
};

/*
 * A save on its way (app->edits->saving): planned on the UI thread
 * (save_start), written on a thread of its own (save_pending_run), ended
 * on the UI thread (ui_edit_poll -> ui_done).  Meanwhile the viewer reads
 * keys and draws, which only reads the timeline; nothing changes it --
 * another change is refused (ui_edit_busy), a reload waits (the loop does
 * not look for changed files, ui_edit_settle) -- so the thread may read
 * it.  The thread touches nothing but p and the file; only done is
 * shared, under lock.
 *
 * Before that, while another program holds the file's save lock (a tlv
 * saving, a script, a git hook under flock), the change waits in it
 * (waiting) with nothing planned: the status line names the holder, keys
 * are read, and each poll tries the lock again -- for LOCK_TIMEOUT_S, as a
 * save from the command line waits.
 */
/* The strings of a change kept in a ui_saving (ui_hold). */
#define UI_HELD_MAX	8

struct ui_saving {
	/* Waiting for the save lock another program holds: nothing planned
	 * yet (ui_edit_poll tries again; q waits) */
	bool			 waiting;
	char			*holder;	/* lock_holder's, or NULL */
	double			 since;		/* ms, when the wait began */
	struct ui_change	 c;		/* the change, its strings in
						   held */
	char			*held[UI_HELD_MAX];
	size_t			 nheld;
	struct ui_job		 j;
	pthread_t		 thread;
	pthread_mutex_t		 lock;
	bool			 threaded;
	bool			 done;		/* (lock) the thread is done */
	struct save_pending	*p;
	struct save_job		 job;	/* what p fills on its end */
	struct save_undo	 u;
	struct save_where	 where;
	struct edit		 ed;
	enum ui_then		 then;
	enum ui_change_kind	 kind;
	bool			 stale;		/* found changed on disk */
	uint32_t		 fi;
	char			*path, *status, *what;
	char			*keep;		/* the cursor's event after */
	const struct tl_event	*at;		/* the cursor's when it began */
	char			*uid, *ugone;	/* for the undo record */
	char			*id;		/* the event (DELETE) */
};

static void *
ui_saving_run(void *arg)
{
	struct ui_saving	*s = arg;

	save_pending_run(s->p);
	pthread_mutex_lock(&s->lock);
	s->done = true;
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

static char *
ui_dup(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void	ui_done(struct app *, struct ui_saving *, bool, char *);
static void	ui_edit_finish(struct app *);
static void	ui_edit_again(struct app *);

static const char *
ui_edit_saving(const struct app *app)
{
	return app->saving;
}

void
ui_edit_settle(struct app *app)
{
	(void)ui_edit_poll(app, true);
}

/* A change while another is being saved is refused (one at a time, so
 * that the second is planned on what the first wrote). */
static bool
ui_edit_busy(struct app *app)
{
	const char	*saving = ui_edit_saving(app);

	if (saving == NULL)
		return false;
	ui_message(app, true, "%s: one change at a time -- try again once "
	    "it is saved", saving);
	return true;
}


/* A copy of text that s owns (held), for a change that may wait. */
static const char *
ui_hold(struct ui_saving *s, const char *text)
{
	if (text == NULL)
		return NULL;
	assert(s->nheld < UI_HELD_MAX);
	return s->held[s->nheld++] = xstrdup(text);
}

/* Keep the caller's change c in s: its pointers into the timeline and
 * the undo records stay good while s is on its way, since nothing else
 * changes them meanwhile (see struct ui_saving). */
static void
ui_saving_keep(struct ui_saving *s, const struct ui_change *c)
{
	s->c = *c;
	s->c.id = ui_hold(s, c->id);
	s->c.give = ui_hold(s, c->give);
	s->c.orig = ui_hold(s, c->orig);
	s->c.note.at = ui_hold(s, c->note.at);
	s->c.note.by = ui_hold(s, c->note.by);
	s->c.note.text = ui_hold(s, c->note.text);
	s->c.text = ui_hold(s, c->text);
	s->c.keep = ui_hold(s, c->keep);
}

static void
ui_set_saving(struct app *app, struct ui_saving *s)
{
	ui_edits(app)->saving = s;
	app->saving = s != NULL ? s->status : NULL;
}

/* The status line while s waits for the lock. */
static void
ui_saving_waits(struct app *app, struct ui_saving *s)
{
	free(s->status);
	s->status = lock_waiting_text(s->job.file->path, s->holder);
	ui_set_saving(app, s);
	ui_message(app, false, "%s", s->status);
}

/*
 * Plan the change of s, locked (save_start; lock_fd >= 0: the lock is
 * taken already): if the file changed meanwhile, reload and plan it
 * again.  The write goes on on a thread while the viewer goes on (under a
 * key script: at once, so that screens are the same every run); then
 * ui_done says how it went and does what then asks.
 */
static void
ui_saving_begin(struct app *app, struct ui_saving *s, int lock_fd)
{
	const struct ui_change	*c = &s->c;
	char			*err = NULL;

	ui_set_saving(app, NULL);
	s->waiting = false;
	s->job.locked = lock_fd != -1;
	s->job.lock_fd = lock_fd;
	if ((s->p = save_start(&s->job, &err)) == NULL) {
		ui_done(app, s, false, err != NULL ? err :
		    xstrdup("not saved"));
		return;
	}
	s->fi = s->j.fi;
	s->path = xstrdup(save_pending_path(s->p));
	free(s->status);
	s->status = xasprintf("saving %s...", s->path);
	s->keep = ui_dup(c->keep != NULL ? c->keep :
	    c->kind == UI_CHANGE_DELETE ? NULL : c->id);
	s->uid = ui_dup(c->kind == UI_CHANGE_DELETE ? NULL : c->keep != NULL ?
	    c->keep : c->id);
	s->ugone = ui_dup(c->kind == UI_CHANGE_DELETE ? c->id : NULL);
	s->id = ui_dup(c->id);
	ui_set_saving(app, s);
	pthread_mutex_init(&s->lock, NULL);
	if (app->script == NULL &&
	    pthread_create(&s->thread, NULL, ui_saving_run, s) == 0) {
		s->threaded = true;
		ui_message(app, false, "%s", s->status);
		return;
	}
	save_pending_run(s->p);		/* no thread (or a script): here */
	s->done = true;
	ui_edit_poll(app, true);
}

/*
 * Apply a change: at once if its file's save lock is free (or under a
 * key script, which waits for it); else it waits in ui_saving for the
 * lock while the viewer reads keys (ui_edit_poll tries again).
 */
static void
ui_apply(struct app *app, const struct ui_change *c, enum ui_then then,
    const char *what)
{
	struct ui_saving	*s;
	char			*err = NULL;
	int			 fd = -1;

	if (ui_edit_busy(app))
		return;
	s = xcalloc(1, sizeof *s);
	s->then = then;
	s->kind = c->kind;
	s->what = ui_dup(what);
	ui_saving_keep(s, c);
	s->j.app = app;
	s->j.c = &s->c;
	if (!ui_change_file(app, c, &s->j.fi)) {
		if (c->kind == UI_CHANGE_UNDO)
			err = xasprintf("%s is no longer loaded",
			    c->undo->saved.path);
		else
			err = xasprintf("event '%s' is no longer in the files",
			    c->id != NULL ? c->id : "?");
		ui_done(app, s, false, err);
		return;
	}
	if (ui_stale_file(app, s->j.fi, &err)) {
		ui_done(app, s, false, err);
		return;
	}
	s->job.file = &app->tl.files[s->j.fi];
	s->job.plan = ui_job_plan;
	s->job.reload = ui_job_reload;
	s->job.waiting = ui_job_waiting;
	s->job.ctx = &s->j;
	s->job.tl = &app->tl;
	s->job.undo = c->kind == UI_CHANGE_UNDO ? NULL : &s->u;
	s->job.edit = &s->ed;
	s->job.where = &s->where;
	s->job.late = true;	/* one pass over the file, on the thread */
	s->at = browse_current(&app->br);
	if (app->script == NULL) {
		switch (lock_try(s->job.file->path, &fd, &s->holder, &err)) {
		case LOCK_BUSY:
			s->waiting = true;
			s->since = ui_now_ms();
			ui_saving_waits(app, s);
			return;
		case LOCK_FAILED:
			ui_done(app, s, false, err);
			return;
		case LOCK_TAKEN:
			break;
		}
	}
	ui_saving_begin(app, s, fd);
}

/* s waits for the lock: take it (wait: waiting as the command line does)
 * and begin, or say who still holds it; give up after LOCK_TIMEOUT_S.
 * True if s ended or began. */
static bool
ui_saving_retry(struct app *app, struct ui_saving *s, bool wait)
{
	char	*holder = NULL, *err = NULL;
	int	 fd = -1;

	if (wait) {
		ui_saving_begin(app, s, -1);	/* save_start waits */
		return true;
	}
	switch (lock_try(s->job.file->path, &fd, &holder, &err)) {
	case LOCK_TAKEN:
		ui_saving_begin(app, s, fd);
		return true;
	case LOCK_FAILED:
		ui_set_saving(app, NULL);
		ui_done(app, s, false, err);
		return true;
	case LOCK_BUSY:
		break;
	}
	if (ui_now_ms() - s->since >= LOCK_TIMEOUT_S * 1000.0) {
		ui_set_saving(app, NULL);
		ui_done(app, s, false, lock_timeout_text(s->job.file->path,
		    holder != NULL ? holder : s->holder));
		free(holder);
		return true;
	}
	if (holder != NULL && (s->holder == NULL ||
	    strcmp(holder, s->holder) != 0)) {
		/* Another program has it now. */
		free(s->holder);
		s->holder = holder;
		ui_saving_waits(app, s);
		return false;
	}
	free(holder);
	return false;
}

bool
ui_edit_poll(struct app *app, bool wait)
{
	struct ui_saving	*s = app->edits != NULL ? app->edits->saving :
				    NULL;
	char			*err = NULL;
	bool			 done, ok;

	if (s != NULL && s->waiting) {
		if (!ui_saving_retry(app, s, wait))
			return false;
		/* Begun (still saving, or ended at once), or given up. */
		if ((s = app->edits->saving) == NULL)
			return true;
	}
	if (s == NULL)
		return false;
	if (s->threaded) {
		pthread_mutex_lock(&s->lock);
		done = s->done;
		pthread_mutex_unlock(&s->lock);
		if (!done && !wait)
			return false;
		pthread_join(s->thread, NULL);
	}
	pthread_mutex_destroy(&s->lock);
	ui_set_saving(app, NULL);
	ok = save_pending_end(s->p, &err, &s->stale);
	s->p = NULL;
	ui_done(app, s, ok, err);
	return true;
}

char *
ui_edit_quit(struct app *app)
{
	const char		*saving = ui_edit_saving(app);
	struct ui_saving	*s;
	char			*why = NULL;

	if (saving == NULL)
		return NULL;
	s = app->edits->saving;
	if (s->waiting && ui_signal() != 0) {
		/* Interrupted: not another minute's wait. */
		ui_set_saving(app, NULL);
		ui_done(app, s, false, xasprintf("%s: interrupted while "
		    "waiting for %s to release the save lock; the change was "
		    "not saved", s->job.file->path, s->holder != NULL ?
		    s->holder : "another program"));
		return xstrdup(app->message);
	}
	ui_message(app, false, "tlv quits once it is saved; %s", saving);
	ui_draw(app);
	ui_edit_poll(app, true);
	if (app->message_error)
		why = xstrdup(app->message);
	return why;
}

/* The save of s is over (ok, or not with err, consumed): keep it for
 * undo, put it into the timeline shown, say so; then s is freed. */
static void
ui_done(struct app *app, struct ui_saving *s, bool ok, char *err)
{
	struct buf	links = BUF_INIT;

	if (ok && s->kind != UI_CHANGE_UNDO)
		ui_undo_push(app, &s->u, &s->ed, s->uid, s->ugone);
	else if (ok)
		ui_undo_pop(app);
	edit_free(&s->ed);
	/* keep is where the change leaves the cursor, unless the keys moved
	 * it while the save ran: then it stays where they took it. */
	if (ok)
		ui_saved(app, s->fi, &s->where,
		    browse_current(&app->br) == s->at ? s->keep : NULL);
	free(s->where.bytes);
	if (!ok && s->stale) {
		/* Changed on disk, but not in size, since it was loaded:
		 * found only as it was written. */
		ui_reload(app);
		free(err);
		err = xasprintf("%s changed on disk since it was loaded; "
		    "nothing was written, and it is reloaded: make the change "
		    "again", s->path);
	}
	switch (s->then) {
	case UI_THEN_SAY:
	case UI_THEN_EDITOR:
		if (ok)
			ui_message(app, false, "%s: saved %s", s->what,
			    s->path);
		else
			ui_message(app, true, "%s", err);
		if (s->then == UI_THEN_EDITOR && ok)
			ui_edit_finish(app);
		else if (s->then == UI_THEN_EDITOR)
			ui_edit_again(app);
		break;
	case UI_THEN_DELETE:
		if (!ok)
			ui_message(app, true, "%s", err);
		else if (s->id != NULL &&
		    timeline_links_to(&app->tl, s->id, &links) > 0)
			ui_message(app, false, "deleted (u undoes): saved %s; "
			    "'%s' is still named in the related list of %s",
			    s->path, s->id, links.data);
		else
			ui_message(app, false, "deleted (u undoes): saved %s",
			    s->path);
		break;
	case UI_THEN_UNDO:
		if (ok)
			ui_message(app, false, "undone: %s saved", s->path);
		else
			ui_message(app, true, "cannot undo: %s", err);
		break;
	}
	buf_free(&links);
	free(err);
	free(s->path);
	free(s->status);
	free(s->what);
	free(s->keep);
	free(s->uid);
	free(s->ugone);
	free(s->id);
	free(s->holder);
	while (s->nheld > 0)
		free(s->held[--s->nheld]);
	free(s);
}

/* The bytes of file fi, to plan a change on.  If another program changed
 * it, it is reloaded instead (the event pointers are then stale) and NULL
 * returned with the reason. */
static char *
ui_read(struct app *app, uint32_t fi, size_t *len, char **err)
{
	char	*cur, *path;
	bool	 stale = false;

	if (ui_stale_file(app, fi, err))
		return NULL;
	if ((cur = save_read(&app->tl.files[fi], len, &stale, err)) != NULL ||
	    !stale)
		return cur;
	free(*err);
	path = xstrdup(app->tl.files[fi].path);
	ui_reload(app);
	*err = xasprintf("%s changed on disk and was reloaded; nothing was "
	    "written", path);
	free(path);
	return NULL;
}

/*
 * The event under the cursor, for a change: its id (malloc'd) to *id, or,
 * for an event without one, NULL there and the event itself to *ev.  The
 * change then finds it as loaded (and gives it an id in the same save, if
 * it needs one), not by id after a save of its own.
 */
static bool
ui_target(struct app *app, char **id, const struct tl_event **ev)
{
	const struct tl_event	*e = browse_current(&app->br);
	char			*err = NULL;

	*id = NULL;
	*ev = NULL;
	if (e == NULL) {
		ui_message(app, true, "no event selected");
		return false;
	}
	if (ui_stale_file(app, e->file, &err)) {
		ui_message(app, true, "%s", err);
		free(err);
		return false;
	}
	if (e->id != NULL)
		*id = xstrdup(e->id);
	else
		*ev = e;
	return true;
}

bool
ui_edit_note_allowed(struct app *app, uint32_t fi)
{
	char	*why = NULL;

	if (!ui_edit_allowed(app, fi))
		return false;
	if (fi >= app->tl.nfiles || edit_fields_allowed(&app->tl.files[fi],
	    &why))
		return true;
	ui_message(app, true, "%s", why);
	free(why);
	return false;
}

bool
ui_edit_allowed(struct app *app, uint32_t fi)
{
	char	*why;

	if (ui_edit_busy(app))
		return false;
	if (fi >= app->tl.nfiles ||
	    (why = save_not_writable(app->tl.files[fi].path)) == NULL)
		return true;
	ui_message(app, true, "%s", why);
	free(why);
	return false;
}

void
ui_edit_note(struct app *app, const char *text)
{
	struct ui_change	 c;
	const struct tl_event	*ev;
	char			*id, *give = NULL, *now, *what;

	if (*text == '\0') {
		ui_message(app, false, "empty note: nothing saved");
		return;
	}
	if (!ui_target(app, &id, &ev))
		return;
	memset(&c, 0, sizeof c);
	c.kind = UI_CHANGE_NOTE;
	c.id = id;
	c.ev = ev;
	if (ev != NULL) {
		/* The event needs an id to be found again (by undo): it gets
		 * one in the note's save. */
		give = edit_slug(&app->tl, ev->date_text, ev->title);
		c.give = c.keep = give;
	}
	now = cmd_edit_note(&c.note, NULL, app->author, text);
	what = give != NULL ? xasprintf("note added, id '%s' given", give) :
	    xstrdup("note added");
	ui_apply(app, &c, UI_THEN_SAY, what);
	free(what);
	free(now);
	free(give);
	free(id);
}

void
ui_edit_delete(struct app *app)
{
	struct ui_change	 c;
	const struct tl_event	*ev;
	char			*id;

	if (ui_edit_busy(app) || !ui_target(app, &id, &ev))
		return;
	memset(&c, 0, sizeof c);
	c.kind = UI_CHANGE_DELETE;
	c.id = id;
	c.ev = ev;
	ui_apply(app, &c, UI_THEN_DELETE, NULL);
	free(id);
}

void
ui_edit_undo(struct app *app)
{
	struct ui_edits	*ue = ui_edits(app);
	struct ui_change	 c;
	const struct ui_undo	*u;

	if (ui_edit_busy(app))
		return;
	if (ue->nundo == 0) {
		ui_message(app, false, "nothing to undo");
		return;
	}
	u = &ue->undo[ue->nundo - 1];
	memset(&c, 0, sizeof c);
	c.kind = UI_CHANGE_UNDO;
	c.undo = u;
	/* The cursor on the event put back, or the one changed. */
	c.keep = u->gone != NULL ? u->gone : u->id;
	ui_apply(app, &c, UI_THEN_UNDO, NULL);
}

/* --- $EDITOR ------------------------------------------------------------- */

/*
 * Run $VISUAL (else $EDITOR, else vi) on path, at line if not 0 ("+LINE",
 * as vi, vim, nano and emacs take it), through the shell as git does --
 * sh -c 'EDITOR "$@"' -- so that an editor with options works and the
 * path is an argument, never part of the command text.  The terminal is
 * the editor's meanwhile.  False if it could not be run.
 */
static bool
ui_run_editor(const char *path, unsigned line)
{
	const char		*ed = getenv("VISUAL"), *argv[7];
	char			*cmd, at[16];
	struct sigaction	 ign, oint, oquit;
	pid_t			 pid;
	int			 n = 0, st = 0, saved;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	cmd = xasprintf("%s \"$@\"", ed);
	argv[n++] = "sh";
	argv[n++] = "-c";
	argv[n++] = cmd;
	argv[n++] = "sh";
	if (line > 0) {
		snprintf(at, sizeof at, "+%u", line);
		argv[n++] = at;
	}
	argv[n++] = path;
	argv[n] = NULL;
	def_prog_mode();
	endwin();
	/* Ctrl-C in the editor is the editor's, as with system(3). */
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	if ((pid = fork()) == 0) {
		sigaction(SIGINT, &oint, NULL);
		sigaction(SIGQUIT, &oquit, NULL);
		execv("/bin/sh", (char *const *)(uintptr_t)argv);
		_exit(127);
	}
	saved = errno;
	while (pid > 0 && waitpid(pid, &st, 0) == -1 && errno == EINTR)
		continue;
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	reset_prog_mode();
	refresh();
	free(cmd);
	errno = saved;
	return pid > 0;
}

void
ui_edit_problem(struct app *app, const char *path, unsigned line)
{
	char	*p = xstrdup(path);

	ui_edit_settle(app);	/* the reload must not run under a save */
	if (!ui_run_editor(p, line))
		ui_message(app, true, "cannot run the editor: %s",
		    strerror(errno));
	else
		ui_reload(app);
	free(p);
}

/*
 * Does text (an item) load as exactly one good event?  The first problem
 * goes to *why.  An event without an id gets one: *id (malloc'd) is set
 * and the text to save, with "id: ..." first, goes to *fixed.
 */
static bool
ui_item_check(const struct app *app, const char *text, char **why,
    char **id, char **fixed)
{
	struct timeline		tl = TIMELINE_INIT;
	struct diag_list	diags = DIAG_LIST_INIT;
	struct buf		b = BUF_INIT;
	const char		*p, *nl;
	uint32_t		fi = timeline_add_file(&tl, "event");
	bool			ok;

	*id = *fixed = NULL;
	buf_adds(&b, "events:\n");
	for (p = text; *p != '\0'; p = nl != NULL ? nl + 1 : "") {
		nl = strchr(p, '\n');
		buf_adds(&b, p == text ? "  - " : "    ");
		buf_add(&b, p, nl != NULL ? (size_t)(nl - p) : strlen(p));
		buf_addc(&b, '\n');
	}
	ok = yamlio_load_buffer(&tl, fi, b.data, b.len, &diags) &&
	    diags.errors == 0 && tl.nevents == 1;
	if (!ok)
		*why = diags.n > 0 ? xasprintf("line %u: %s", diags.v[0].line >
		    1 ? diags.v[0].line - 1 : 1, diags.v[0].msg) :
		    xstrdup("the text is not one event (id, date, title, ...)");
	else if (tl.events[0].id == NULL) {
		*id = edit_slug(&app->tl, tl.events[0].date_text,
		    tl.events[0].title);
		buf_reset(&b);
		buf_adds(&b, "id: ");
		edit_scalar(&b, *id, false);
		buf_printf(&b, "\n%s", text);
		*fixed = buf_detach(&b);
	} else
		*id = xstrdup(tl.events[0].id);
	timeline_free(&tl);
	diag_free(&diags);
	buf_free(&b);
	return ok;
}

static char *
ui_read_text(const char *path)
{
	FILE		*fp = fopen(path, "r");
	struct buf	 b = BUF_INIT;
	char		 chunk[4096];
	size_t		 n;

	if (fp == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_add(&b, chunk, n);
	fclose(fp);
	return buf_detach(&b);
}

/* The edited text with a verdict added when it changes the status of an
 * event with a verdicts list (edit_item_verdict), or NULL. */
static char *
ui_edit_verdict(const struct app *app, const struct tl_event *old,
    const char *text)
{
	char			*now, *out;

	if (old == NULL)
		return NULL;
	now = date_now_text();
	now[10] = '\0';		/* the date part */
	out = edit_item_verdict(text, old, now, app->author);
	free(now);
	return out;
}

static void	ui_edit_finish(struct app *);
static void	ui_edit_answer(struct app *, int32_t, void *);

static const struct ui_prompt_hooks ui_again_hooks = {
	.answer = ui_edit_answer,
};

/* The event without an id that the editor session is about, if it is
 * still loaded where it was. */
static const struct tl_event *
ui_edit_idless(const struct app *app)
{
	const struct ui_edits	*ue = app->edits;
	size_t			 i;

	for (i = 0; i < app->tl.nevents; i++)
		if (app->tl.events[i].file == ue->file &&
		    app->tl.events[i].id == NULL &&
		    app->tl.events[i].span.start == ue->start)
			return &app->tl.events[i];
	return NULL;
}

/* Edit the session's file and apply it; leaves the file for "edit
 * again". */
static void
ui_editor_round(struct app *app)
{
	struct ui_edits	*ue = ui_edits(app);
	struct ui_change	 c;
	char			*text, *why = NULL, *id, *fixed, *verdict;

	if (!ui_run_editor(ue->path, 0)) {
		ui_message(app, true, "cannot run the editor: %s",
		    strerror(errno));
		return;
	}
	if ((text = ui_read_text(ue->path)) == NULL) {
		ui_message(app, true, "cannot read back %s", ue->path);
		return;
	}
	if ((ue->id != NULL || ue->idless) && strcmp(text, ue->orig) == 0) {
		ui_message(app, false, "no change");
		ui_edit_finish(app);
		free(text);
		return;
	}
	if (ue->id == NULL && !ue->idless) {
		/* A new event: what the user left empty of the template
		 * is not written. */
		struct buf pruned = BUF_INIT;

		edit_item_prune(text, &pruned);
		free(text);
		text = buf_detach(&pruned);
	}
	if (!ui_item_check(app, text, &why, &id, &fixed)) {
		ui_message(app, true, "e: edit again, d: discard -- %s", why);
		ui_prompt_open(app, UI_PROMPT_EDIT_AGAIN, NULL, &ui_again_hooks);
		free(why);
		free(text);
		return;
	}
	memset(&c, 0, sizeof c);
	c.kind = ue->id != NULL || ue->idless ? UI_CHANGE_REPLACE :
	    UI_CHANGE_ADD;
	/* Found again by the id it had (or where it is, without one: the
	 * id ui_item_check gave it is saved with the edit); the cursor
	 * follows the new one. */
	c.id = ue->id != NULL ? ue->id : ue->idless ? NULL : id;
	if (ue->idless) {
		c.ev = ui_edit_idless(app);
		c.orig = ue->orig;
	}
	c.keep = id;
	c.file = ue->file;
	c.text = fixed != NULL ? fixed : text;
	if ((verdict = ui_edit_verdict(app, ue->id != NULL ?
	    timeline_find_id(&app->tl, ue->id) : c.ev, c.text)) != NULL)
		c.text = verdict;
	if (ue->idless && c.ev == NULL)
		ui_message(app, true, "the event is no longer where it was in "
		    "%s; nothing was written", app->tl.files[ue->file].path);
	if (ue->idless && c.ev == NULL)
		ui_edit_again(app);
	else
		ui_apply(app, &c, UI_THEN_EDITOR, c.kind == UI_CHANGE_ADD ?
		    "added" : verdict != NULL ? "edited, verdict added" :
		    "edited");
	free(text);
	free(fixed);
	free(verdict);
	free(id);
}

static bool
ui_edit_begin(struct app *app, const char *text)
{
	struct ui_edits	*ue = ui_edits(app);
	char	path[] = "/tmp/tlv-edit-XXXXXX.yaml";
	int	fd = mkstemps(path, 5);
	FILE	*fp;

	if (fd == -1 || (fp = fdopen(fd, "w")) == NULL) {
		ui_message(app, true, "cannot make a temporary file: %s",
		    strerror(errno));
		return false;
	}
	fputs(text, fp);
	if (fclose(fp) != 0) {
		ui_message(app, true, "cannot write %s", path);
		unlink(path);
		return false;
	}
	ue->path = xstrdup(path);
	ue->orig = xstrdup(text);
	return true;
}

/* The editor's text could not be saved: e edits it again, d discards. */
static void
ui_edit_again(struct app *app)
{
	ui_prompt_open(app, UI_PROMPT_EDIT_AGAIN, NULL, &ui_again_hooks);
}

/* The editor's session is over: its file removed. */
static void
ui_edit_finish(struct app *app)
{
	struct ui_edits	*ue = ui_edits(app);

	if (ue->path != NULL)
		unlink(ue->path);
	free(ue->path);
	free(ue->orig);
	free(ue->id);
	ue->path = ue->orig = ue->id = NULL;
	ue->idless = false;
}

/* After invalid editor text: e edits again, d (or Esc) discards. */
static void
ui_edit_answer(struct app *app, int32_t key, void *ctx)
{
	(void)ctx;
	if (key == 'e' || key == 'E') {
		ui_prompt_close(app);
		ui_editor_round(app);
	} else if (key == 'd' || key == 'D' || key == KEYC_ESC) {
		ui_prompt_close(app);
		ui_edit_finish(app);
		ui_message(app, false, "discarded");
	}
}

void
ui_edit_free(struct app *app)
{
	if (app->edits == NULL)
		return;
	ui_edit_settle(app);
	ui_edit_finish(app);
	while (app->edits->nundo > 0)
		ui_undo_pop(app);
	free(app->edits->undo);
	free(app->edits);
	app->edits = NULL;
}

void
ui_edit_event(struct app *app)
{
	struct ui_edits	*ue = ui_edits(app);
	const struct tl_event	*e;
	struct buf		 text = BUF_INIT;
	struct edit		 ed;
	char			*cur, *err = NULL, *id;
	size_t			 len;

	if (ui_edit_busy(app) || ((e = browse_current(&app->br)) != NULL &&
	    !ui_edit_allowed(app, e->file)))
		return;
	if (!ui_target(app, &id, &e))
		return;
	if (id != NULL)
		e = timeline_find_id(&app->tl, id);
	if (e == NULL || (cur = ui_read(app, e->file, &len, &err)) == NULL) {
		ui_message(app, true, "%s", err != NULL ? err : "no event");
		free(err);
		free(id);
		return;
	}
	edit_item_text(cur, len, e, &text);
	/* Say now, not after the editor, if it cannot be written back. */
	if (!edit_plan_replace(cur, len, e, text.data, &ed, &err)) {
		ui_message(app, true, "%s", err);
		free(err);
		free(cur);
		free(id);
		buf_free(&text);
		return;
	}
	edit_free(&ed);
	free(cur);
	if (ui_edit_begin(app, text.data)) {
		/* An event without an id gets one with the edit (see
		 * ui_item_check), in the same save. */
		ue->id = id;
		ue->idless = id == NULL;
		ue->file = e->file;
		ue->start = e->span.start;
		ui_editor_round(app);
	} else
		free(id);
	buf_free(&text);
}

void
ui_edit_add(struct app *app)
{
	struct ui_edits	*ue = ui_edits(app);
	const struct tl_event	*e = browse_current(&app->br);
	struct buf		 text = BUF_INIT;
	char			*now = date_now_text(), *err = NULL;

	if (app->tl.nfiles == 0) {
		ui_message(app, true, "no file to add to");
		free(now);
		return;
	}
	ue->file = e != NULL ? e->file : 0;
	if (!ui_edit_allowed(app, ue->file)) {
		free(now);
		return;
	}
	if (ui_stale_file(app, ue->file, &err)) {
		ui_message(app, true, "%s", err);
		free(err);
		free(now);
		return;
	}
	now[10] = '\0';		/* the date part */
	buf_printf(&text, "date: %s\ntitle: \nstatus: reported\n"
	    "tags: []\nactors: []\ndescription: \nsources: []\n", now);
	if (ui_edit_begin(app, text.data))
		ui_editor_round(app);
	buf_free(&text);
	free(now);
}
