/* SPDX-License-Identifier: MIT */
/* A file's bytes for loading, and its hash; see load_int.h. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h"
#include "load_int.h"
#include "timeline.h"
#include "xmalloc.h"

/*
 * A file's hash, to notice a change on disk before a save.  Four lanes of
 * FNV-style mixing over 32-byte blocks, so that four multiplies are in
 * flight and hashing keeps up with memory; the bytes after the last whole
 * block go into the first lane one by one, and the lanes are folded at
 * the end.  A file can be fed in pieces: every piece but the last must be
 * a multiple of LOAD_HASH_BLOCK bytes.
 */

void
load_hash_start(struct load_hasher *s, size_t len)
{
	s->h[0] = 14695981039346656037ULL ^ len;
	s->h[1] = s->h[0] ^ 0x9E3779B97F4A7C15ULL;
	s->h[2] = s->h[0] ^ 0xC2B2AE3D27D4EB4FULL;
	s->h[3] = s->h[0] ^ 0x165667B19E3779F9ULL;
}

void
load_hash_feed(struct load_hasher *s, const unsigned char *b, size_t len)
{
	uint64_t	w;
	size_t		i, k;

	for (i = 0; i + LOAD_HASH_BLOCK <= len; i += LOAD_HASH_BLOCK)
		for (k = 0; k < 4; k++) {
			memcpy(&w, b + i + 8 * k, 8);
			s->h[k] = (s->h[k] ^ w) * LOAD_HASH_PRIME;
			s->h[k] ^= s->h[k] >> 32;
		}
	for (; i < len; i++)
		s->h[0] = (s->h[0] ^ b[i]) * LOAD_HASH_PRIME;
}

uint64_t
load_hash_end(const struct load_hasher *s)
{
	uint64_t	h = s->h[0];
	size_t		k;

	for (k = 1; k < 4; k++) {
		h = (h ^ s->h[k]) * LOAD_HASH_PRIME;
		h ^= h >> 29;
	}
	return h;
}

uint64_t
load_hash(const void *p, size_t len)
{
	struct load_hasher	s;

	load_hash_start(&s, len);
	load_hash_feed(&s, p, len);
	return load_hash_end(&s);
}

/* Read a whole regular file; NULL with errno set (EFBIG when too big). */
char *
load_read_file(const char *path, size_t *lenp)
{
	struct stat	 st;
	char		*buf = NULL;
	size_t		 len = 0, cap;
	ssize_t		 r;
	int		 fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1)
		goto fail;
	if (S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;	/* FIFO, device: reported as such */
		goto fail;
	}
	if ((uintmax_t)st.st_size > TL_MAX_FILE_SIZE) {
		errno = EFBIG;
		goto fail;
	}
	cap = (size_t)st.st_size + 1;
	buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap >= TL_MAX_FILE_SIZE) {
				errno = EFBIG;
				goto fail;
			}
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
		r = read(fd, buf + len, cap - len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			goto fail;
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	*lenp = len;
	return buf;
fail:
	saved = errno;
	free(buf);
	close(fd);
	errno = saved;
	return NULL;
}

/*
 * Big files are mapped rather than read, and the pages the parser is done
 * with are given back as it goes (MADV_DONTNEED on a private, read-only
 * file mapping just drops clean pages; they would be read again from the
 * page cache if touched), so a file never has to be in memory whole: the
 * timeline built from it is what stays.
 */

void
load_drop(void *ctx, size_t upto)
{
	struct load_map	*m = ctx;
	size_t		 page = (size_t)sysconf(_SC_PAGESIZE);
	size_t		 end = upto / page * page;

	if (end > m->dropped) {
		if (m->hashing)
			load_hash_feed(&m->hasher, (const unsigned char *)
			    m->base + m->dropped, end - m->dropped);
		madvise((void *)(uintptr_t)(m->base + m->dropped),
		    end - m->dropped, MADV_DONTNEED);
		m->dropped = end;
	}
	if (m->progress != NULL && m->progress->fn != NULL && upto < m->len)
		m->progress->fn(m->progress->ctx, m->path, upto, m->len,
		    m->tl->nevents);
}

/* Hash the whole mapping in one pass in order (the kernel reads ahead,
 * MADV_SEQUENTIAL), giving pages back behind it so that hashing never
 * holds more than a step of the file in memory.  For parallel parsing,
 * on a thread of its own while the parts are parsed (see load_parallel);
 * one parser hashes the pages it gives back instead (load_drop), which
 * saves reading the file twice.  Touches only m->hasher. */
#define LOAD_HASH_STEP	((size_t)4 << 20)	/* a multiple of the block */

void *
load_hash_mapped(void *arg)
{
	struct load_map		*m = arg;
	const unsigned char	*b = (const unsigned char *)m->base;
	size_t			 off, n;

	for (off = 0; off < m->len; off += n) {
		n = m->len - off < LOAD_HASH_STEP ? m->len - off :
		    LOAD_HASH_STEP;
		load_hash_feed(&m->hasher, b + off, n);
		madvise((void *)(uintptr_t)(b + off), n, MADV_DONTNEED);
	}
	return NULL;
}

/* Map path if it is a regular file of at least LOAD_MAP_MIN bytes. */
bool
load_map(const char *path, struct load_map *m)
{
	struct stat	st;
	void		*p;
	int		 fd;

	memset(m, 0, sizeof *m);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) == -1)
		return false;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (uintmax_t)st.st_size < LOAD_MAP_MIN ||
	    (uintmax_t)st.st_size > TL_MAX_FILE_SIZE) {
		close(fd);
		return false;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return false;
	madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
	m->base = p;
	m->len = (size_t)st.st_size;
	m->hashing = true;
	load_hash_start(&m->hasher, m->len);
	return true;
}
