/* SPDX-License-Identifier: MIT */
/*
 * Diagnostics: problems found in files, collected in a list instead of being
 * printed where they are found (library code never prints).  A diagnostic
 * has the form editors and CI understand:
 *
 *	FILE:LINE:COL: SEVERITY: MESSAGE
 *
 * LINE and COL are 1-based (COL counts characters); 0 means "unknown" and
 * that part is left out.  The list copies file and message, so callers may
 * free theirs.  Messages may quote untrusted text: diag_print() passes
 * everything through the text sanitiser.
 */
#ifndef TLV_DIAG_H
#define TLV_DIAG_H

#include <stdio.h>
#include <stddef.h>

struct buf;

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE	/* attached to the diagnostic before it */
};

struct diag {
	enum diag_severity	 severity;
	char			*file;
	unsigned		 line;
	unsigned		 col;
	char			*msg;
};

struct diag_list {
	struct diag	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 errors;
	size_t		 warnings;
};

#define DIAG_LIST_INIT { NULL, 0, 0, 0, 0 }

void	 diag_add(struct diag_list *, enum diag_severity, const char *file,
	    unsigned line, unsigned col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
/* Format one diagnostic, sanitised, with a trailing newline. */
void	 diag_format(const struct diag *, struct buf *);
/* Print all with severity <= max_severity (DIAG_NOTEs follow their parent). */
void	 diag_print(const struct diag_list *, FILE *,
	    enum diag_severity max_severity);
/*
 * Put the list in the order of the files (paths[0..npaths), a file not
 * there last), then of line and column; each diagnostic keeps its notes
 * after it, and ties keep the order they were found in.
 */
void	 diag_sort(struct diag_list *, char *const *paths, size_t npaths);
/* The same order without moving anything: order[k] (l->n of them) is the
 * index in l->v of what diag_sort would put at k. */
void	 diag_order(const struct diag_list *l, char *const *paths,
	    size_t npaths, size_t *order);
/* Drop diagnostics from index n on; returns how many errors went. */
size_t	 diag_truncate(struct diag_list *, size_t n);
void	 diag_free(struct diag_list *);

#endif
