/* SPDX-License-Identifier: MIT */
/*
 * The key script of the tests (TLV_SCRIPT) and ":save-screen"; see ui.h.
 *
 * The screen is then a curses screen on /dev/null of LINES x COLUMNS, and
 * ":save-screen FILE" writes it out as text.  A script line is either a
 * command (":save-screen FILE", ":resize COLSxROWS", ":sh COMMAND" to run a
 * command meanwhile, ":poll" to look for files changed on disk now, as a
 * second without a key does, ":click ROW COL" for a mouse click) or keys: plain characters, and names in
 * angle brackets (<Down>, <Enter>, <C-l>, <lt> for '<').  When the script
 * ends, tlv quits.  The commands are run by the main loop (ui.c).
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <wchar.h>

#include "text.h"
#include "ui.h"
#include "xmalloc.h"

/* A script step: a key, or a command (with its argument). */
struct ui_step {
	int32_t	 key;		/* KEYC_NONE for a command */
	char	*command;	/* "save-screen FILE", ... */
};

struct ui_script {
	struct ui_step	*v;
	size_t		 n, next;
};

static void
ui_script_add(struct ui_script *s, int32_t key, const char *command)
{
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n].key = key;
	s->v[s->n].command = command != NULL ? xstrdup(command) : NULL;
	s->n++;
}

/* Keys of one script line. */
static void
ui_script_keys(struct ui_script *s, const char *line)
{
	const char	*p = line, *end;
	int32_t		 key;
	uint32_t	 cp;
	size_t		 n;

	while (*p != '\0') {
		if (*p == '<' && (end = strchr(p, '>')) != NULL && end > p + 1) {
			if (end - p == 3 && strncmp(p + 1, "lt", 2) == 0)
				key = '<';
			else if (!action_key_parse(p + 1, (size_t)(end - p - 1),
			    &key))
				fatal("TLV_SCRIPT: unknown key name '%.*s'",
				    (int)(end - p + 1), p);
			ui_script_add(s, key, NULL);
			p = end + 1;
			continue;
		}
		n = text_decode(p, strlen(p), &cp);
		ui_script_add(s, (int32_t)cp, NULL);
		p += n;
	}
}

struct ui_script *
ui_script_load(const char *path)
{
	struct ui_script *s = xcalloc(1, sizeof *s);
	FILE	*fp = fopen(path, "r");
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;

	if (fp == NULL)
		fatal("TLV_SCRIPT: %s: %s", path, strerror(errno));
	while ((n = getline(&line, &cap, fp)) != -1) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (line[0] == ':' && line[1] != '\0' && line[1] != ' ' &&
		    (strncmp(line, ":save-screen ", 13) == 0 ||
		    strncmp(line, ":resize ", 8) == 0 ||
		    strncmp(line, ":sh ", 4) == 0 ||
		    strncmp(line, ":click ", 7) == 0 ||
		    strcmp(line, ":poll") == 0))
			ui_script_add(s, KEYC_NONE, line + 1);
		else
			ui_script_keys(s, line);
	}
	free(line);
	fclose(fp);
	return s;
}

bool
ui_script_next(struct ui_script *s, int32_t *key, const char **command)
{
	const struct ui_step	*st;

	if (s->next >= s->n)
		return false;
	st = &s->v[s->next++];
	*key = st->key;
	*command = st->command;
	return true;
}

void
ui_script_free(struct ui_script *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		free(s->v[i].command);
	free(s->v);
	free(s);
}

/* Write the screen as text, one line per row, trailing blanks removed. */
void
ui_save_screen(const struct app *app, const char *path)
{
	FILE		*fp = fopen(path, "w");
	wchar_t		*row = xreallocarray(NULL, (size_t)app->cols + 1,
			    sizeof *row);
	struct buf	 line = BUF_INIT;
	int		 y, i, n;

	if (fp == NULL)
		fatal("save-screen: %s: %s", path, strerror(errno));
	for (y = 0; y < app->rows; y++) {
		buf_reset(&line);
		n = mvinnwstr(y, 0, row, app->cols);
		for (i = 0; i < n && row[i] != L'\0'; i++)
			text_encode(&line, (uint32_t)row[i]);
		while (line.len > 0 && line.data[line.len - 1] == ' ')
			line.len--;
		fprintf(fp, "%.*s\n", (int)line.len, buf_str(&line));
	}
	buf_free(&line);
	free(row);
	if (fclose(fp) != 0)
		fatal("save-screen: %s: %s", path, strerror(errno));
}
