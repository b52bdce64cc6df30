/* SPDX-License-Identifier: MIT */
/*
 * The index of strings (idindex.h) under the timeline's ids, the story
 * diff and the merge driver: what is found, which of a repeated key wins,
 * who hears of the repeats, keys in a field of a struct, items renumbered.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_suites.h"
#include "idindex.h"
#include "xmalloc.h"

struct dups {
	size_t	first[8];
	size_t	again[8];
	size_t	n;
};

static void
note_dup(void *ctx, size_t first, size_t again)
{
	struct dups	*d = ctx;

	ck_assert_uint_lt(d->n, 8);
	d->first[d->n] = first;
	d->again[d->n++] = again;
}

START_TEST(test_find)
{
	const char	*keys[] = { "b", "a", NULL, "c", "a", "", "b", "a" };
	struct idindex	 ix = IDINDEX_INIT;
	struct dups	 d = { { 0 }, { 0 }, 0 };

	/* Not built: nothing is found. */
	ck_assert_uint_eq(idindex_find(&ix, "a"), IDINDEX_NONE);
	idindex_build(&ix, keys, sizeof *keys, 8, note_dup, &d);
	ck_assert_uint_eq(idindex_find(&ix, "b"), 0);
	ck_assert_uint_eq(idindex_find(&ix, "a"), 1);	/* the first wins */
	ck_assert_uint_eq(idindex_find(&ix, "c"), 3);
	ck_assert_uint_eq(idindex_find(&ix, ""), 5);	/* "" is a key */
	ck_assert_uint_eq(idindex_find(&ix, "d"), IDINDEX_NONE);
	ck_assert_uint_eq(idindex_find(&ix, "ab"), IDINDEX_NONE);
	/* Each repeat, in item order, with the item it repeats. */
	ck_assert_uint_eq(d.n, 3);
	ck_assert_uint_eq(d.first[0], 1);
	ck_assert_uint_eq(d.again[0], 4);
	ck_assert_uint_eq(d.first[1], 0);
	ck_assert_uint_eq(d.again[1], 6);
	ck_assert_uint_eq(d.first[2], 1);
	ck_assert_uint_eq(d.again[2], 7);
	/* Built again on fewer items: the old ones are gone. */
	idindex_build(&ix, keys, sizeof *keys, 2, NULL, NULL);
	ck_assert_uint_eq(idindex_find(&ix, "a"), 1);
	ck_assert_uint_eq(idindex_find(&ix, "c"), IDINDEX_NONE);
	idindex_free(&ix);
	ck_assert_ptr_null(ix.slots);
	ck_assert_uint_eq(idindex_find(&ix, "a"), IDINDEX_NONE);
	idindex_free(&ix);	/* twice is harmless */
}
END_TEST

START_TEST(test_empty)
{
	struct idindex	ix = IDINDEX_INIT;

	idindex_build(&ix, NULL, sizeof(char *), 0, NULL, NULL);
	ck_assert_ptr_nonnull(ix.slots);
	ck_assert_uint_eq(idindex_find(&ix, ""), IDINDEX_NONE);
	idindex_free(&ix);
}
END_TEST

struct item {
	int		 n;
	const char	*name;
	double		 pad;
};

/* Keys in a field of a struct array, and items that move. */
START_TEST(test_struct_renumber)
{
	struct item	 a[3] = { { 1, "one", 0 }, { 2, NULL, 0 },
			    { 3, "three", 0 } }, t;
	struct idindex	 ix = IDINDEX_INIT;
	uint32_t	 to[3] = { 2, 1, 0 };

	idindex_build(&ix, &a[0].name, sizeof a[0], 3, NULL, NULL);
	ck_assert_int_eq(a[idindex_find(&ix, "one")].n, 1);
	ck_assert_int_eq(a[idindex_find(&ix, "three")].n, 3);
	/* The first and the last swap places. */
	t = a[0];
	a[0] = a[2];
	a[2] = t;
	idindex_renumber(&ix, to);
	ck_assert_uint_eq(idindex_find(&ix, "one"), 2);
	ck_assert_uint_eq(idindex_find(&ix, "three"), 0);
	ck_assert_int_eq(a[idindex_find(&ix, "one")].n, 1);
	idindex_free(&ix);
}
END_TEST

/* Enough keys to fill many slots and collide: each is found where it is,
 * the one that is not there is not, and a repeat of each is heard of. */
START_TEST(test_many)
{
	enum { N = 20000 };
	char		**keys = xcalloc(2 * N, sizeof *keys);
	char		  miss[32];
	struct idindex	  ix = IDINDEX_INIT;
	size_t		  i, repeats = 0;

	for (i = 0; i < N; i++) {
		keys[i] = xasprintf("ev-%zu", i);
		keys[N + i] = xstrdup(keys[i]);
	}
	idindex_build(&ix, keys, sizeof *keys, 2 * N, NULL, NULL);
	ck_assert_uint_ge(ix.mask + 1, 4 * N);	/* at most half full */
	for (i = 0; i < N; i++)
		ck_assert_uint_eq(idindex_find(&ix, keys[i]), i);
	for (i = 0; i < 100; i++) {
		snprintf(miss, sizeof miss, "ev-%zu", N + i);
		ck_assert_uint_eq(idindex_find(&ix, miss), IDINDEX_NONE);
	}
	idindex_build(&ix, keys, sizeof *keys, 2 * N, NULL, NULL);
	for (i = 0; i < 2 * N; i++)
		repeats += idindex_find(&ix, keys[i]) != i;
	ck_assert_uint_eq(repeats, N);
	idindex_free(&ix);
	for (i = 0; i < 2 * N; i++)
		free(keys[i]);
	free(keys);
}
END_TEST

START_TEST(test_hash)
{
	/* FNV-1a's published values (64-bit). */
	if (sizeof(size_t) == 8) {
		ck_assert_uint_eq(idindex_hash(""),
		    (size_t)0xcbf29ce484222325ULL);
		ck_assert_uint_eq(idindex_hash("a"),
		    (size_t)0xaf63dc4c8601ec8cULL);
	}
	ck_assert_uint_ne(idindex_hash("ab"), idindex_hash("ba"));
}
END_TEST

Suite *
idindex_suite(void)
{
	Suite	*s = suite_create("idindex");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_struct_renumber);
	tcase_add_test(tc, test_many);
	tcase_add_test(tc, test_hash);
	suite_add_tcase(s, tc);
	return s;
}
