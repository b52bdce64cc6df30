/* SPDX-License-Identifier: MIT */
/*
 * Test shim for tests/oom.sh, loaded with LD_PRELOAD: makes malloc, calloc
 * and realloc fail (NULL, ENOMEM) from some point on.
 *
 *	FAILMALLOC_AFTER=N	the first N allocations succeed, every later
 *				one fails
 *	FAILMALLOC_SIGNAL=1	allocations succeed until the process gets
 *				SIGUSR1, then every one fails (to fail a
 *				viewer that is already drawing)
 *
 * The real functions come from dlsym(RTLD_NEXT); dlsym may itself allocate,
 * so allocations made while it runs come from a small static pool.  Not for
 * sanitizer builds: ASan has its own allocator.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static void	*(*real_malloc)(size_t);
static void	*(*real_calloc)(size_t, size_t);
static void	*(*real_realloc)(void *, size_t);

static int			 fm_resolving;
static unsigned long		 fm_count, fm_after = (unsigned long)-1;
static volatile sig_atomic_t	 fm_failing;
static _Alignas(max_align_t) char fm_pool[16384];
static size_t			 fm_pool_used;

static void
fm_usr1(int sig)
{
	(void)sig;
	fm_failing = 1;
}

static void
fm_init(void)
{
	const char	*s;

	if (real_malloc != NULL || fm_resolving)
		return;
	fm_resolving = 1;
	real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
	real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
	real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
	fm_resolving = 0;
	if ((s = getenv("FAILMALLOC_AFTER")) != NULL)
		fm_after = strtoul(s, NULL, 10);
	if ((s = getenv("FAILMALLOC_SIGNAL")) != NULL && *s == '1')
		signal(SIGUSR1, fm_usr1);
}

static void *
fm_pool_alloc(size_t n)
{
	void	*p;

	n = (n + 15) & ~(size_t)15;
	if (n > sizeof fm_pool - fm_pool_used)
		return NULL;
	p = fm_pool + fm_pool_used;
	fm_pool_used += n;
	return p;
}

static int
fm_fail(void)
{
	if (fm_failing || ++fm_count > fm_after) {
		errno = ENOMEM;
		return 1;
	}
	return 0;
}

void *
malloc(size_t n)
{
	fm_init();
	if (real_malloc == NULL)
		return fm_pool_alloc(n);
	return fm_fail() ? NULL : real_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
	void	*p;

	fm_init();
	if (real_calloc == NULL) {
		if (size != 0 && n > (size_t)-1 / size)
			return NULL;
		if ((p = fm_pool_alloc(n * size)) != NULL)
			memset(p, 0, n * size);
		return p;
	}
	return fm_fail() ? NULL : real_calloc(n, size);
}

void *
realloc(void *old, size_t n)
{
	fm_init();
	if (real_realloc == NULL)
		return NULL;
	return fm_fail() ? NULL : real_realloc(old, n);
}

/* Memory from the pool is never given back. */
void
free(void *p)
{
	static void	(*real_free)(void *);

	if (p == NULL || ((char *)p >= fm_pool &&
	    (char *)p < fm_pool + sizeof fm_pool))
		return;
	if (real_free == NULL)
		real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
	real_free(p);
}
