/* SPDX-License-Identifier: MIT */
/*
 * Growable byte buffer.  data is always NUL-terminated (data[len] == 0) once
 * anything has been added; a zeroed struct buf is a valid empty buffer whose
 * data may be NULL -- use buf_str() to get a string in every case.  The
 * buffer owns data until buf_detach() hands it to the caller.
 */
#ifndef TLV_BUF_H
#define TLV_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_add(struct buf *, const void *, size_t);
void	 buf_adds(struct buf *, const char *);
void	 buf_addc(struct buf *, char);
/* n copies of a byte (padding). */
void	 buf_addn(struct buf *, char, size_t n);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
void	 buf_reserve(struct buf *, size_t);
void	 buf_truncate(struct buf *, size_t);
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);
const char *buf_str(const struct buf *);
char	*buf_detach(struct buf *);

#endif
