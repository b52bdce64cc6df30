/* SPDX-License-Identifier: MIT */
/* The action table, key names and key maps; see action.h. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "buf.h"
#include "text.h"
#include "xmalloc.h"

static const struct action_info action_table[ACTION_COUNT] = {
	[ACTION_NONE] = { "none", "", 0, "" },
#define ACTION_INFO(id, name, keys, flags, help) \
	[ACTION_##id] = { name, keys, flags, help },
	ACTION_LIST(ACTION_INFO)
#undef ACTION_INFO
};

static const struct action_key_name {
	const char	*name;
	int32_t		 key;
} action_key_names[] = {
	{ "Up", KEYC_UP }, { "Down", KEYC_DOWN }, { "Left", KEYC_LEFT },
	{ "Right", KEYC_RIGHT }, { "Home", KEYC_HOME }, { "End", KEYC_END },
	{ "PgUp", KEYC_PGUP }, { "PgDn", KEYC_PGDN },
	{ "Delete", KEYC_DELETE }, { "Backspace", KEYC_BACKSPACE },
	{ "Enter", KEYC_ENTER }, { "Tab", KEYC_TAB }, { "Esc", KEYC_ESC },
	{ "Space", ' ' }, { "Resize", KEYC_RESIZE }, { "Mouse", KEYC_MOUSE },
};
#define ACTION_NKEYNAMES (sizeof action_key_names / sizeof *action_key_names)

const struct action_info *
action_info(enum action a)
{
	return &action_table[(unsigned)a < ACTION_COUNT ? a : ACTION_NONE];
}

enum action
action_by_name(const char *name)
{
	int	i;

	for (i = 1; i < ACTION_COUNT; i++)
		if (strcmp(action_table[i].name, name) == 0)
			return (enum action)i;
	return ACTION_NONE;
}

bool
action_key_parse(const char *s, size_t len, int32_t *key)
{
	uint32_t	cp;
	size_t		i, used;

	for (i = 0; i < ACTION_NKEYNAMES; i++)
		if (strlen(action_key_names[i].name) == len &&
		    strncmp(action_key_names[i].name, s, len) == 0) {
			*key = action_key_names[i].key;
			return true;
		}
	if (len == 3 && s[0] == 'C' && s[1] == '-' &&
	    ((s[2] >= 'a' && s[2] <= 'z') || (s[2] >= '@' && s[2] <= '_'))) {
		*key = KEYC_CTRL(s[2]);
		return true;
	}
	if (len >= 2 && len <= 3 && s[0] == 'F' && s[1] >= '1' && s[1] <= '9') {
		int n = atoi(s + 1);

		if (n >= 1 && n <= 12 && (len == 2 || s[2] >= '0')) {
			*key = KEYC_F1 + n - 1;
			return true;
		}
	}
	used = text_decode(s, len, &cp);
	if (used == 0 || used != len || cp == 0xFFFD || cp < 0x21 || cp == 0x7f)
		return false;
	*key = (int32_t)cp;
	return true;
}

const char *
action_key_name(int32_t key, char *buf, size_t n)
{
	size_t	i;

	for (i = 0; i < ACTION_NKEYNAMES; i++)
		if (action_key_names[i].key == key) {
			snprintf(buf, n, "%s", action_key_names[i].name);
			return buf;
		}
	if (key >= KEYC_F1 && key <= KEYC_F12)
		snprintf(buf, n, "F%d", key - KEYC_F1 + 1);
	else if (key > 0 && key < 0x20)
		snprintf(buf, n, "C-%c", key + 'a' - 1);
	else if (key > 0x20 && key < 0x110000) {
		struct buf b = BUF_INIT;

		text_encode(&b, (uint32_t)key);
		snprintf(buf, n, "%s", b.data);
		buf_free(&b);
	} else
		snprintf(buf, n, "?");
	return buf;
}

void
keymap_bind(struct keymap *km, int32_t key, enum action a)
{
	size_t	i;

	for (i = 0; i < km->n; i++)
		if (km->v[i].key == key) {
			km->v[i].action = a;
			return;
		}
	km->v = xreallocarray(km->v, km->n + 1, sizeof *km->v);
	km->v[km->n].key = key;
	km->v[km->n].action = a;
	km->n++;
}

void
keymap_init_defaults(struct keymap *km)
{
	int		 a;
	const char	*p, *end;
	int32_t		 key;

	memset(km, 0, sizeof *km);
	for (a = 1; a < ACTION_COUNT; a++) {
		for (p = action_table[a].keys; *p != '\0'; p = end) {
			while (*p == ' ')
				p++;
			for (end = p; *end != '\0' && *end != ' '; end++)
				continue;
			if (end > p && action_key_parse(p, (size_t)(end - p),
			    &key))
				keymap_bind(km, key, (enum action)a);
		}
	}
}

enum action
keymap_lookup(const struct keymap *km, int32_t key)
{
	size_t	i;

	for (i = 0; i < km->n; i++)
		if (km->v[i].key == key)
			return km->v[i].action;
	return ACTION_NONE;
}

void
keymap_describe(const struct keymap *km, enum action a, struct buf *out)
{
	char	name[32];
	size_t	i;
	bool	first = true;

	for (i = 0; i < km->n; i++) {
		if (km->v[i].action != a)
			continue;
		if (!first)
			buf_adds(out, ", ");
		buf_adds(out, action_key_name(km->v[i].key, name, sizeof name));
		first = false;
	}
}

void
keymap_free(struct keymap *km)
{
	free(km->v);
	memset(km, 0, sizeof *km);
}
