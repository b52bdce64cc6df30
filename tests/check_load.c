/* SPDX-License-Identifier: MIT */
/*
 * Loading (load.h): bytes in memory (load_buffer), files and directories
 * (load_paths): the problems each gives, as FILE:LINE:COL, the order of
 * files and of their events, what a file that cannot be read leaves.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "check_suites.h"
#include "diag.h"
#include "load.h"
#include "timeline.h"
#include "xmalloc.h"

static const char good[] =
"title: Good\n"
"events:\n"
"  - id: b\n"
"    date: 2021\n"
"    title: Second\n"
"  - id: a\n"
"    date: 2020-05\n"
"    title: First\n"
"    related: [b]\n";

/* All of diags, formatted as the commands print them. */
static char *
diags_text(const struct diag_list *diags)
{
	struct buf	 b = BUF_INIT;
	char		*text;
	size_t		 i;

	for (i = 0; i < diags->n; i++)
		diag_format(&diags->v[i], &b);
	text = xstrdup(buf_str(&b));
	buf_free(&b);
	return text;
}

static void
write_file(const char *path, const char *text)
{
	FILE	*fp = fopen(path, "w");

	ck_assert_ptr_nonnull(fp);
	ck_assert_int_eq(fputs(text, fp) >= 0, 1);
	ck_assert_int_eq(fclose(fp), 0);
}

START_TEST(buffer_good)
{
	struct timeline		tl = TIMELINE_INIT;
	struct diag_list	diags = DIAG_LIST_INIT;

	ck_assert(load_buffer(&tl, "mem.yaml", good, strlen(good), &diags));
	ck_assert_uint_eq(diags.n, 0);
	ck_assert_uint_eq(tl.nfiles, 1);
	ck_assert_str_eq(tl.files[0].path, "mem.yaml");
	ck_assert_str_eq(tl.files[0].title, "Good");
	ck_assert_uint_eq(tl.files[0].size, strlen(good));
	ck_assert(tl.files[0].hash == load_hash(good, strlen(good)));
	/* Sorted by date, not in the file's order. */
	ck_assert_uint_eq(tl.nevents, 2);
	ck_assert_str_eq(tl.events[0].id, "a");
	ck_assert_str_eq(tl.events[1].id, "b");
	ck_assert_uint_eq(tl.events[0].span.line, 6);
	timeline_free(&tl);
	diag_free(&diags);
}
END_TEST

START_TEST(buffer_errors)
{
	static const char bad[] =
	"events:\n"
	"  - id: a\n"
	"    date: 2022-Q5\n"
	"    title: Bad date\n"
	"  - id: b\n"
	"    date: 2020\n"
	"    title: Fine\n"
	"    related: [nowhere]\n";
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	char			*text;

	ck_assert(!load_buffer(&tl, "old.yaml (HEAD)", bad, strlen(bad),
	    &diags));
	text = diags_text(&diags);
	ck_assert_str_eq(text,
	    "old.yaml (HEAD):3:16: error: invalid date '2022-Q5': a quarter "
	    "is Q1..Q4\n"
	    "old.yaml (HEAD):8:15: warning: related id 'nowhere' matches no "
	    "loaded event\n");
	ck_assert_uint_eq(diags.errors, 1);
	ck_assert_uint_eq(diags.warnings, 1);
	/* The good event is kept. */
	ck_assert_uint_eq(tl.nevents, 1);
	ck_assert_str_eq(tl.events[0].id, "b");
	free(text);
	timeline_free(&tl);
	diag_free(&diags);
}
END_TEST

/* A duplicate id is load_check's error: in diags, but the bytes loaded. */
START_TEST(buffer_duplicate)
{
	static const char dup[] =
	"events:\n"
	"  - id: a\n"
	"    date: 2020\n"
	"    title: One\n"
	"  - id: a\n"
	"    date: 2021\n"
	"    title: Two\n";
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	char			*text;

	ck_assert(load_buffer(&tl, "d.yaml", dup, strlen(dup), &diags));
	text = diags_text(&diags);
	ck_assert_str_eq(text,
	    "d.yaml:5:9: error: duplicate id 'a' (ids must be unique across "
	    "all loaded files)\n"
	    "d.yaml:2:9: note: 'a' was first used here\n");
	free(text);
	timeline_free(&tl);
	diag_free(&diags);
}
END_TEST

/* Not YAML at all, or nothing: the file fails; NULL is no bytes. */
START_TEST(buffer_unparsable)
{
	static const char junk[] = "events: [\n";
	struct timeline		tl = TIMELINE_INIT;
	struct diag_list	diags = DIAG_LIST_INIT;

	ck_assert(!load_buffer(&tl, "j.yaml", junk, strlen(junk), &diags));
	ck_assert_uint_ge(diags.errors, 1);
	ck_assert_str_eq(diags.v[0].file, "j.yaml");
	ck_assert_uint_eq(diags.v[0].line, 2);
	ck_assert_uint_eq(tl.nevents, 0);
	timeline_free(&tl);
	diag_free(&diags);

	tl = (struct timeline)TIMELINE_INIT;
	diags = (struct diag_list)DIAG_LIST_INIT;
	(void)load_buffer(&tl, "empty.yaml", NULL, 0, &diags);
	ck_assert_uint_eq(tl.nfiles, 1);
	ck_assert_uint_eq(tl.nevents, 0);
	ck_assert_uint_eq(tl.files[0].size, 0);
	timeline_free(&tl);
	diag_free(&diags);
}
END_TEST

/*
 * Files and a directory: a directory's timeline files in name order
 * (others skipped), the files in the order given, every problem placed
 * in its file, duplicate ids across files, a missing file.
 */
START_TEST(paths_order)
{
	char			 dir[] = "/tmp/tlv-check-load-XXXXXX";
	char			*sub, *p[6], *paths[3], *text, *want;
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	size_t			 i, failed;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	sub = xasprintf("%s/d", dir);
	ck_assert_int_eq(mkdir(sub, 0700), 0);
	p[0] = xasprintf("%s/z.yaml", sub);
	p[1] = xasprintf("%s/a.json", sub);
	p[2] = xasprintf("%s/notes.txt", sub);
	p[3] = xasprintf("%s/m.yml", sub);
	p[4] = xasprintf("%s/top.yaml", dir);
	p[5] = xasprintf("%s/gone.yaml", dir);
	write_file(p[0], "events:\n  - id: z\n    date: 1990\n    title: Z\n");
	write_file(p[1], "{\"events\": [{\"id\": \"j\", \"date\": \"1995\", "
	    "\"title\": \"J\"}]}\n");
	write_file(p[2], "not a timeline\n");
	write_file(p[3], "events:\n  - id: m\n    date: 1999-13\n    title: M\n");
	write_file(p[4], "events:\n  - id: z\n    date: 1980\n    title: Again\n");
	paths[0] = p[4];
	paths[1] = sub;
	paths[2] = p[5];
	failed = load_paths(&tl, paths, 3, &diags);
	ck_assert_uint_eq(failed, 1);
	ck_assert_uint_eq(tl.nfiles, 5);
	ck_assert_str_eq(tl.files[0].path, p[4]);
	ck_assert_str_eq(tl.files[1].path, p[1]);
	ck_assert_str_eq(tl.files[2].path, p[3]);
	ck_assert_str_eq(tl.files[3].path, p[0]);
	ck_assert_str_eq(tl.files[4].path, p[5]);
	ck_assert(tl.files[4].failed);
	ck_assert(!tl.files[0].failed);
	text = diags_text(&diags);
	want = xasprintf(
	    "%s:3:16: error: invalid date '1999-13': month must be "
	    "01..12\n"
	    "%s: error: cannot read: No such file or directory\n"
	    "%s:2:9: error: duplicate id 'z' (ids must be unique across all "
	    "loaded files)\n"
	    "%s:2:9: note: 'z' was first used here\n", p[3], p[5], p[0],
	    p[4]);
	ck_assert_str_eq(text, want);
	/* Sorted by date across the files; both z are kept. */
	ck_assert_uint_eq(tl.nevents, 3);
	ck_assert_str_eq(tl.events[0].title, "Again");
	ck_assert_str_eq(tl.events[1].title, "Z");
	ck_assert_str_eq(tl.events[2].id, "j");
	free(text);
	free(want);
	timeline_free(&tl);
	diag_free(&diags);
	for (i = 0; i < 5; i++) {
		(void)unlink(p[i]);
		free(p[i]);
	}
	free(p[5]);
	(void)rmdir(sub);
	(void)rmdir(dir);
	free(sub);
}
END_TEST

/* A directory's timeline files by name, with or without a trailing '/';
 * hidden files and other names are not timelines; an unreadable
 * directory is NULL; an empty one is a warning when loaded. */
START_TEST(dir_files)
{
	char			 dir[] = "/tmp/tlv-check-load-XXXXXX";
	static const char *const names[] = {
		"b.yml", "a.yaml", ".hidden.yaml", "c.json", "d.txt", "e.yaml~",
	};
	char			**v, *with_slash, *gone, *p[6];
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	size_t			 n, i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	/* Empty first: a warning, no failure. */
	ck_assert_uint_eq(load_paths(&tl, (char *[]){ dir }, 1, &diags), 0);
	ck_assert_uint_eq(diags.errors, 0);
	ck_assert_uint_eq(diags.warnings, 1);
	ck_assert_str_eq(diags.v[0].file, dir);
	timeline_free(&tl);
	diag_free(&diags);
	for (i = 0; i < 6; i++) {
		p[i] = xasprintf("%s/%s", dir, names[i]);
		write_file(p[i], "events: []\n");
	}
	v = load_dir_files(dir, &n);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(v[0], p[1]);
	ck_assert_str_eq(v[1], p[0]);
	ck_assert_str_eq(v[2], p[3]);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	with_slash = xasprintf("%s/", dir);
	v = load_dir_files(with_slash, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(v[0], p[1]);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
	gone = xasprintf("%s/nowhere", dir);
	ck_assert_ptr_null(load_dir_files(gone, &n));
	ck_assert_uint_eq(n, 0);
	for (i = 0; i < 6; i++) {
		(void)unlink(p[i]);
		free(p[i]);
	}
	(void)rmdir(dir);
	free(with_slash);
	free(gone);
}
END_TEST

/* What cannot be read fails with why: not a regular file, a directory
 * handed to load_file. */
START_TEST(not_regular)
{
	char			 dir[] = "/tmp/tlv-check-load-XXXXXX";
	struct timeline		 tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;
	char			*text, *want;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert(!load_file(&tl, "/dev/null", &diags));
	ck_assert(!load_file(&tl, dir, &diags));
	ck_assert(tl.files[0].failed);
	ck_assert(tl.files[1].failed);
	ck_assert_uint_eq(diags.errors, 2);
	text = diags_text(&diags);
	want = xasprintf("/dev/null: error: cannot read: not a regular file\n"
	    "%s: error: cannot read: %s\n", dir, strerror(EISDIR));
	ck_assert_str_eq(text, want);
	free(text);
	free(want);
	(void)rmdir(dir);
	timeline_free(&tl);
	diag_free(&diags);
}
END_TEST

/* A reload: a file that broke keeps its last good events, marked stale,
 * with its errors reported; loaded cleanly again it is itself. */
/* What a save keeps once its change is checked: the files' paths and what
 * was read off them, not the events or their text. */
START_TEST(drop_events)
{
	struct timeline		tl = TIMELINE_INIT;
	struct diag_list	diags = DIAG_LIST_INIT;
	size_t			start, end;

	ck_assert(load_buffer(&tl, "mem.yaml", good, strlen(good), &diags));
	start = tl.files[0].events_start;
	end = tl.files[0].events_end;
	ck_assert_uint_gt(end, start);
	timeline_drop_events(&tl);
	ck_assert_uint_eq(tl.nevents, 0);
	ck_assert_ptr_null(tl.events);
	ck_assert_ptr_null(timeline_find_id(&tl, "a"));
	ck_assert_uint_eq(tl.nfiles, 1);
	ck_assert_str_eq(tl.files[0].path, "mem.yaml");
	ck_assert_ptr_null(tl.files[0].title);	/* was the arena's */
	ck_assert_uint_eq(tl.files[0].size, strlen(good));
	ck_assert(tl.files[0].hash == load_hash(good, strlen(good)));
	ck_assert_uint_eq(tl.files[0].events_start, start);
	ck_assert_uint_eq(tl.files[0].events_end, end);
	timeline_free(&tl);	/* the rest, once */
	diag_free(&diags);
}
END_TEST

START_TEST(keep_stale)
{
	char			 dir[] = "/tmp/tlv-check-load-XXXXXX";
	char			*path;
	struct timeline		 before = TIMELINE_INIT, tl = TIMELINE_INIT;
	struct diag_list	 diags = DIAG_LIST_INIT;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = xasprintf("%s/s.yaml", dir);
	write_file(path, good);
	(void)load_paths(&before, &path, 1, &diags);
	ck_assert_uint_eq(diags.n, 0);
	write_file(path, "events:\n  - id: a\n    date: [\n");
	(void)load_paths_keep(&tl, &path, 1, &diags, &before);
	ck_assert_uint_ge(diags.errors, 1);
	ck_assert_str_eq(diags.v[0].file, path);
	ck_assert(tl.files[0].stale);
	ck_assert_uint_eq(tl.nevents, 2);
	ck_assert_str_eq(tl.events[0].id, "a");
	timeline_free(&before);
	before = tl;
	tl = (struct timeline)TIMELINE_INIT;
	diag_free(&diags);
	diags = (struct diag_list)DIAG_LIST_INIT;
	write_file(path, "events:\n  - id: c\n    date: 2000\n    title: C\n");
	(void)load_paths_keep(&tl, &path, 1, &diags, &before);
	ck_assert_uint_eq(diags.n, 0);
	ck_assert(!tl.files[0].stale);
	ck_assert_uint_eq(tl.nevents, 1);
	ck_assert_str_eq(tl.events[0].id, "c");
	timeline_free(&before);
	timeline_free(&tl);
	diag_free(&diags);
	(void)unlink(path);
	(void)rmdir(dir);
	free(path);
}
END_TEST

Suite *
load_suite(void)
{
	Suite	*s = suite_create("load");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, buffer_good);
	tcase_add_test(tc, buffer_errors);
	tcase_add_test(tc, buffer_duplicate);
	tcase_add_test(tc, buffer_unparsable);
	tcase_add_test(tc, paths_order);
	tcase_add_test(tc, dir_files);
	tcase_add_test(tc, not_regular);
	tcase_add_test(tc, keep_stale);
	tcase_add_test(tc, drop_events);
	suite_add_tcase(s, tc);
	return s;
}
