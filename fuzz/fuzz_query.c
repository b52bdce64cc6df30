/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for the filter query language: the input is one query
 * line.  It is parsed; a query that parses is matched against every event
 * of a small built-in timeline (words, tags, actors, dates, notes and
 * sources, so that every field has something to compare).  A parse error
 * must come with a message and a column inside the text.  Built only with
 * ./configure --enable-fuzzing.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "query.h"
#include "timeline.h"
#include "yamlio.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char fuzz_timeline[] =
"title: Fuzz\n"
"events:\n"
"  - id: a\n"
"    date: late 2022\n"
"    end: ongoing\n"
"    title: Musk reportedly in contact with Putin\n"
"    description: Ünïcödé text, \"quotes\" and a, comma\n"
"    status: alleged\n"
"    tags: [starlink, russia]\n"
"    actors: [Elon Musk, Vladimir Putin]\n"
"    sources:\n"
"      - outlet: WSJ\n"
"        url: https://example.com/x\n"
"        date: 2024-10-24\n"
"    related: [b]\n"
"    notes:\n"
"      - at: 2026-11-29T10:15:00Z\n"
"        by: alice\n"
"        text: Check the Kremlin.\n"
"  - id: b\n"
"    date: 44 BC/2022-02-24T04:50:00+02:00\n"
"    title: b\n"
"  - date: ../2014\n"
"    title: open start\n"
"    status: denied\n"
"    tags: taiwan\n";

static struct timeline	fuzz_tl = TIMELINE_INIT;
static bool		fuzz_ready;

static void
fuzz_setup(void)
{
	struct diag_list	diags = DIAG_LIST_INIT;
	uint32_t		fi;

	fi = timeline_add_file(&fuzz_tl, "fuzz.yaml");
	if (!yamlio_load_buffer(&fuzz_tl, fi, fuzz_timeline,
	    sizeof fuzz_timeline - 1, &diags) || diags.errors > 0)
		abort();
	timeline_sort(&fuzz_tl);
	diag_free(&diags);
	fuzz_ready = true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct query	*q;
	char		*text, *err = NULL;
	size_t		 col = SIZE_MAX, i;

	if (!fuzz_ready)
		fuzz_setup();
	if ((text = malloc(size + 1)) == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	if ((q = query_parse(text, &err, &col)) == NULL) {
		if (err == NULL || col > strlen(text))
			abort();
		free(err);
	} else {
		for (i = 0; i < fuzz_tl.nevents; i++)
			(void)query_match(q, &fuzz_tl, &fuzz_tl.events[i]);
		(void)query_is_empty(q);
		query_free(q);
	}
	free(text);
	return 0;
}
