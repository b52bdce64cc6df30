/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for date expressions: the input is the text of a date
 * (not NUL-terminated, as the loader passes it).  Parsed with and without
 * DATE_PARSE_END; a parsed range is checked for order and formatted.
 * Built only with ./configure --enable-fuzzing.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_date_one(const char *text, size_t len, unsigned opts)
{
	struct date_range	 r;
	struct date_parts	 p;
	char			*err = NULL, buf[64];
	size_t			 col = SIZE_MAX;

	if (!date_parse(text, len, opts, &r, &err, &col)) {
		/* An error has a message and a column inside the text. */
		if (err == NULL || col > len)
			abort();
		free(err);
		return;
	}
	if (err != NULL || r.earliest > r.latest)
		abort();
	date_format_iso(r.earliest, r.precision, buf, sizeof buf);
	date_format_iso(r.latest, r.precision, buf, sizeof buf);
	if (r.earliest > DATE_MIN && r.earliest < DATE_MAX) {
		date_split(r.earliest, &p);
		date_format_year(p.year, buf, sizeof buf);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*copy;

	/* A private copy of exactly size bytes, so that ASan sees any read
	 * past the end. */
	if ((copy = malloc(size == 0 ? 1 : size)) == NULL)
		abort();
	memcpy(copy, data, size);
	fuzz_date_one(copy, size, 0);
	fuzz_date_one(copy, size, DATE_PARSE_END);
	free(copy);
	return 0;
}
