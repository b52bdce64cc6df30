/* SPDX-License-Identifier: MIT */
/* Allocation wrappers that never return NULL; see xmalloc.h. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmalloc.h"

static void (*fatal_hook)(void);

void
xmalloc_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

/* Held by the first caller of fatal() until it exits: another thread
 * that fails meanwhile waits here for ever, so the hook (the viewer's
 * terminal restored) runs once and before the one message, and no thread
 * prints or exits while the first is still restoring the screen. */
static pthread_mutex_t	fatal_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t	fatal_thread;
static atomic_bool	fatal_taken;

void
fatal(const char *fmt, ...)
{
	va_list	ap;

	/* The hook itself may fail: the same thread goes straight on. */
	if (!atomic_load_explicit(&fatal_taken, memory_order_acquire) ||
	    !pthread_equal(fatal_thread, pthread_self())) {
		pthread_mutex_lock(&fatal_lock);
		fatal_thread = pthread_self();
		atomic_store_explicit(&fatal_taken, true,
		    memory_order_release);
	}
	if (fatal_hook != NULL) {
		void (*hook)(void) = fatal_hook;

		fatal_hook = NULL;	/* no recursion if the hook fails */
		hook();
	}
	fputs("tlv: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("out of memory (allocating %zu bytes)", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("out of memory (allocating %zu x %zu bytes)", n, size);
	return p;
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size)
		fatal("out of memory (%zu x %zu bytes overflows)", n, size);
	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = realloc(old, n * size)) == NULL)
		fatal("out of memory (allocating %zu x %zu bytes)", n, size);
	return p;
}

char *
xstrndup(const char *s, size_t len)
{
	char	*p;

	if (len == SIZE_MAX)
		fatal("out of memory (string too long)");
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;
	char	*p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("bad format string '%s'", fmt);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}
