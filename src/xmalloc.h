/* SPDX-License-Identifier: MIT */
/*
 * Allocation that never returns NULL.  On failure fatal() runs the hook set
 * with xmalloc_set_fatal_hook() (the viewer uses it to restore the terminal),
 * prints "tlv: out of memory" and exits with status 1.  Sizes that overflow
 * are treated as failures, never wrapped.  Any thread may fail: the first
 * to call fatal() restores and prints, the others wait until it exits.
 */
#ifndef TLV_XMALLOC_H
#define TLV_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* Called once, before the message, when tlv must die. */
void	 xmalloc_set_fatal_hook(void (*)(void));
void	 fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
