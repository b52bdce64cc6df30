/* SPDX-License-Identifier: MIT */
/*
 * Test helper for tests/adversarial.sh: writes the hostile-input corpus
 * into DIR, one file per case, named CASE.yaml.  The cases are too big to
 * keep in the tree (20 MB scalars, a million levels of nesting), so they
 * are generated at test time; adversarial.sh knows what each must give.
 *
 *	nest-{flow-seq,flow-map,block-seq,block-map}-{1k,100k,1m}
 *	alias-bomb (billion laughs 9x9 used as tags, actors, sources,
 *	notes), alias-self, alias-wide (a 100k list aliased by 2000 events),
 *	alias-big (a 1 MB scalar aliased by 5000 titles), anchors-100k, big-title (20 MB), big-desc
 *	(20 MB), long-line (1 MB), payload-{nul,esc,c1,bidi} (in every text
 *	field, as double-quoted escapes), trunc-{quoted,flow,key,block},
 *	bom, crlf, empty, blank, blank-tab, dup-keys-100k, dup-top-keys
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char	*gen_dir;

static FILE *
gen_open(const char *name)
{
	char	 path[4096];
	FILE	*f;

	snprintf(path, sizeof path, "%s/%s.yaml", gen_dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "gen_adversarial: %s: %s\n", path,
		    strerror(errno));
		exit(2);
	}
	return f;
}

static void
gen_close(FILE *f)
{
	if (ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "gen_adversarial: write error\n");
		exit(2);
	}
}

static void
gen_repeat(FILE *f, const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		fputs(s, f);
}

/* The start of a valid file, inside its first event's mapping. */
static const char gen_head[] =
    "title: Hostile\n"
    "events:\n"
    "  - date: 2022\n"
    "    title: t\n";

static void
gen_nesting(const char *kind, const char *label, size_t depth)
{
	char	 name[64];
	FILE	*f;

	snprintf(name, sizeof name, "nest-%s-%s", kind, label);
	f = gen_open(name);
	fputs(gen_head, f);
	if (strcmp(kind, "flow-seq") == 0) {
		fputs("    tags: ", f);
		gen_repeat(f, "[", depth);
		gen_repeat(f, "]", depth);
	} else if (strcmp(kind, "flow-map") == 0) {
		fputs("    tags: ", f);
		gen_repeat(f, "{a: ", depth);
		fputs("b", f);
		gen_repeat(f, "}", depth);
	} else if (strcmp(kind, "block-seq") == 0) {
		/* "- - - x": each dash opens a sequence one column in. */
		fputs("    tags:\n    ", f);
		gen_repeat(f, "- ", depth);
		fputs("x", f);
	} else {
		/* "? ? ? x": each explicit key opens a mapping. */
		fputs("    tags:\n      ", f);
		gen_repeat(f, "? ", depth);
		fputs("x", f);
	}
	fputs("\n", f);
	gen_close(f);
}

/* The classic bomb: nine levels of nine aliases (9^9 leaves), used as the
 * value of every list field. */
static void
gen_alias_bomb(void)
{
	FILE	*f = gen_open("alias-bomb");
	int	 i, j;

	fputs("title: Bomb\ndescription: &a0 lol\nevents:\n  - date: 2022\n"
	    "    title: t\n    status: &s0 [", f);
	for (j = 0; j < 9; j++)
		fprintf(f, "%s*a0", j > 0 ? ", " : "");
	fputs("]\n", f);
	for (i = 1; i < 9; i++) {
		fprintf(f, "    k%d: &s%d [", i, i);
		for (j = 0; j < 9; j++)
			fprintf(f, "%s*s%d", j > 0 ? ", " : "", i - 1);
		fputs("]\n", f);
	}
	fputs("    tags: *s8\n    actors: *s8\n    sources: *s8\n"
	    "    notes: *s8\n    related: *s8\n    description: *s8\n", f);
	gen_close(f);
}

static void
gen_alias_self(void)
{
	FILE	*f = gen_open("alias-self");

	fputs(gen_head, f);
	fputs("    tags: &a [x, *a]\n    actors: &b {k: *b}\n", f);
	gen_close(f);
}

/* Linear, not exponential: a big node, aliased many times. */
static void
gen_alias_wide(void)
{
	FILE	*f = gen_open("alias-wide");
	size_t	 i;

	fputs("title: Wide\nx: &w [", f);
	for (i = 0; i < 100000; i++)
		fprintf(f, "%st%zu", i > 0 ? ", " : "", i);
	fputs("]\nevents:\n", f);
	for (i = 0; i < 2000; i++)
		fputs("  - {date: 2022, title: t, tags: *w}\n", f);
	gen_close(f);

	f = gen_open("alias-big");
	fputs("title: Big\ndescription: &b ", f);
	for (i = 0; i < 1024 * 1024 / 8; i++)
		fputs("abcdefg ", f);
	fputs("\nevents:\n", f);
	for (i = 0; i < 5000; i++)
		fputs("  - {date: 2022, title: *b}\n", f);
	gen_close(f);
}

static void
gen_anchors(size_t n)
{
	FILE	*f = gen_open("anchors-100k");
	size_t	 i;

	fputs(gen_head, f);
	fputs("    tags:\n", f);
	for (i = 0; i < n; i++)
		fprintf(f, "      - &a%zu t%zu\n", i, i);
	fprintf(f, "    actors: [*a0, *a%zu, *a%zu]\n", n / 2, n - 1);
	gen_close(f);
}

static void
gen_big(void)
{
	FILE	*f = gen_open("big-title");
	size_t	 i;

	fputs("title: ", f);
	for (i = 0; i < 20 * 1024 * 1024 / 64; i++)
		fputs("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ 123456789.", f);
	fputs("\nevents:\n  - date: 2022\n    title: t\n", f);
	gen_close(f);

	f = gen_open("big-desc");
	fputs(gen_head, f);
	fputs("    description: >\n", f);
	for (i = 0; i < 20 * 1024 * 1024 / 80; i++)
		fputs("      Lorem ipsum dolor sit amet, consectetur adipiscing"
		    " elit, sed do eiusmod\n", f);
	gen_close(f);

	f = gen_open("long-line");
	fputs(gen_head, f);
	fputs("    actors: [", f);
	for (i = 0; i < 1024 * 1024 / 8; i++)
		fprintf(f, "%sa%05zu", i > 0 ? ", " : "", i % 100000);
	fputs("]\n", f);
	gen_close(f);
}

/* Every text field carries the payload, written as a YAML escape. */
static void
gen_payload(const char *label, const char *esc)
{
	char	 name[64];
	FILE	*f;

	snprintf(name, sizeof name, "payload-%s", label);
	f = gen_open(name);
	fprintf(f,
	    "title: \"file %s\"\n"
	    "description: \"top %s\"\n"
	    "events:\n"
	    "  - id: \"id-%s\"\n"
	    "    date: 2022\n"
	    "    title: \"title %s end\"\n"
	    "    description: \"desc %s end\"\n"
	    "    tags: [\"tag%s\"]\n"
	    "    actors: [\"actor %s\"]\n"
	    "    sources:\n"
	    "      - outlet: \"outlet %s\"\n"
	    "        url: \"https://example.com/%s\"\n"
	    "        title: \"stitle %s\"\n"
	    "    related: [\"rel%s\"]\n"
	    "    notes:\n"
	    "      - by: \"by %s\"\n"
	    "        text: \"note %s\"\n"
	    "      - \"plain note %s\"\n"
	    "  - date: \"2022%s\"\n"
	    "    title: date with a payload\n"
	    "  - date: 2023\n"
	    "    title: t\n"
	    "    \"key%s\": 1\n",
	    esc, esc, esc, esc, esc, esc, esc, esc, esc, esc, esc, esc, esc,
	    esc, esc, esc);
	gen_close(f);
}

static void
gen_text(const char *name, const char *text, size_t len)
{
	FILE	*f = gen_open(name);

	fwrite(text, 1, len, f);
	gen_close(f);
}

static void
gen_truncated(void)
{
	static const char valid[] =
	    "title: Cut\n"
	    "events:\n"
	    "  - date: 2022\n"
	    "    title: \"quoted title\"\n"
	    "    tags: [a, b, c]\n"
	    "    actors:\n"
	    "      - x\n";
	const char	*q = strstr(valid, "quoted"), *b = strstr(valid, "b, c");

	gen_text("trunc-quoted", valid, (size_t)(q - valid) + 3);
	gen_text("trunc-flow", valid, (size_t)(b - valid) + 1);
	gen_text("trunc-key", valid, (size_t)(strstr(valid, "tags") -
	    valid) + 2);
	gen_text("trunc-block", valid, sizeof valid - 4);
}

static void
gen_encodings(void)
{
	static const char valid[] =
	    "title: Fine\n"
	    "events:\n"
	    "  - date: 2022\n"
	    "    title: t\n";
	FILE		*f;
	const char	*p;

	f = gen_open("bom");
	fputs("\xEF\xBB\xBF", f);
	fputs(valid, f);
	gen_close(f);
	f = gen_open("crlf");
	for (p = valid; *p != '\0'; p++) {
		if (*p == '\n')
			fputc('\r', f);
		fputc(*p, f);
	}
	gen_close(f);
	gen_text("empty", "", 0);
	gen_text("blank", " \n\n   \n", 7);
	gen_text("blank-tab", " \n\t\n\n   \n", 9);
}

static void
gen_dup_keys(size_t n)
{
	FILE	*f = gen_open("dup-keys-100k");
	size_t	 i;

	fputs(gen_head, f);
	for (i = 0; i < n; i++)
		fputs("    x: 1\n", f);
	gen_close(f);

	f = gen_open("dup-top-keys");
	fputs("title: one\ntitle: two\ndescription: a\ndescription: b\n"
	    "events:\n  - date: 2022\n    title: t\n", f);
	gen_close(f);
}

int
main(int argc, char **argv)
{
	static const char *const kinds[] = {
		"flow-seq", "flow-map", "block-seq", "block-map"
	};
	size_t	i;

	if (argc != 2) {
		fprintf(stderr, "usage: gen_adversarial DIR\n");
		return 2;
	}
	gen_dir = argv[1];
	for (i = 0; i < 4; i++) {
		gen_nesting(kinds[i], "1k", 1000);
		gen_nesting(kinds[i], "100k", 100000);
		gen_nesting(kinds[i], "1m", 1000000);
	}
	gen_alias_bomb();
	gen_alias_self();
	gen_alias_wide();
	gen_anchors(100000);
	gen_big();
	gen_payload("nul", "\\0");
	gen_payload("esc", "\\e[31mred\\e[0m\\e]0;title\\a");
	gen_payload("c1", "\\x9b31m\\u0085\\u009d");
	gen_payload("bidi", "\\u202Eevil\\u2066\\u200F");
	gen_truncated();
	gen_encodings();
	gen_dup_keys(100000);
	return 0;
}
