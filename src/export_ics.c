/* SPDX-License-Identifier: MIT */
/*
 * tlv export --format ics (export_int.h): RFC 5545 all-day events; an
 * event it cannot hold is skipped with a reason.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cal.h"
#include "export.h"
#include "export_int.h"
#include "timeline.h"

/* Append "NAME:" + value as one folded content line. */
static void
export_ics_prop(struct buf *b, const char *name, const char *value)
{
	struct buf	t = BUF_INIT;

	buf_adds(&t, name);
	buf_adds(&t, value);
	export_ics_line(b, t.data, t.len);
	buf_free(&t);
}

/* Append "NAME:" + TEXT-escaped value as one folded content line. */
static void
export_ics_textprop(struct buf *b, const char *name, const char *value)
{
	struct buf	t = BUF_INIT;

	buf_adds(&t, name);
	export_ics_text(&t, value, strlen(value));
	export_ics_line(b, t.data, t.len);
	buf_free(&t);
}

void
export_ics_begin(struct export *x)
{
	char	*title = timeline_title(x->tl);

	export_ics_prop(&x->b, "BEGIN:", "VCALENDAR");
	export_ics_prop(&x->b, "VERSION:", "2.0");
	export_ics_prop(&x->b, "PRODID:",
	    "-//tlv//tlv " PACKAGE_VERSION "//EN");
	export_ics_prop(&x->b, "CALSCALE:", "GREGORIAN");
	export_ics_textprop(&x->b, "X-WR-CALNAME:", title);
	free(title);
	export_flush(x);
}

/* 64-bit FNV-1a, byte by byte: the same on every machine. */
static uint64_t
export_fnv(uint64_t h, const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* UID: the id, or a hash of file name, date and title for events
 * without one (stable across runs and directories). */
static void
export_ics_uid(struct export *x, const struct tl_event *e, struct buf *t)
{
	const char	*path = x->tl->files[e->file].path;
	const char	*base = strrchr(path, '/');
	uint64_t	 h = 0xcbf29ce484222325ULL;

	if (e->id != NULL) {
		buf_adds(t, e->id);
		buf_adds(t, "@tlv");
		return;
	}
	base = base != NULL ? base + 1 : path;
	h = export_fnv(h, base, strlen(base) + 1);
	h = export_fnv(h, e->date_text, strlen(e->date_text) + 1);
	h = export_fnv(h, e->title, strlen(e->title));
	buf_printf(t, "tlv-%016llx@tlv", (unsigned long long)h);
}

/* Why iCalendar cannot hold e, or NULL.  Fills the all-day bounds. */
static const char *
export_ics_days(const struct tl_event *e, struct date_parts *start,
    struct date_parts *end)
{
	if (e->date.earliest <= DATE_MIN)
		return "iCalendar cannot express an open start";
	if (export_ongoing(e))
		return "iCalendar cannot express an ongoing end";
	if (tl_event_latest(e) >= DATE_MAX)
		return "iCalendar cannot express an open end";
	date_split(e->date.earliest, start);
	/* DTEND is exclusive: the day after the last day. */
	date_split(tl_event_latest(e), end);
	cal_civil_from_days(cal_days_from_civil(end->year, end->month,
	    end->day) + 1, &end->year, &end->month, &end->day);
	if (start->year < 1)
		return "iCalendar cannot express years before 1 AD";
	if (end->year > 9999)
		return "iCalendar cannot express years after 9999";
	return NULL;
}

static void
export_ics_description(struct buf *t, const struct tl_event *e)
{
	uint32_t	i, k;

	buf_printf(t, "Date: %s", e->date_text);
	if (e->end_text != NULL)
		buf_printf(t, " \xe2\x80\x93 %s", e->end_text);
	if (e->status != TL_STATUS_NONE)
		buf_printf(t, "\nStatus: %s", tl_status_name(e->status));
	if (e->description != NULL)
		buf_printf(t, "\n\n%s", e->description);
	if (e->nsources > 0)
		buf_adds(t, "\n\nSources:");
	for (i = 0; i < e->nsources; i++) {
		const struct tl_source *s = &e->sources[i];
		const char *parts[4] = { s->outlet, s->title, s->date_text,
		    s->url };
		const char *sep = "\n- ";

		for (k = 0; k < 4; k++)
			if (parts[k] != NULL) {
				buf_printf(t, "%s%s", sep, parts[k]);
				sep = ", ";
			}
	}
}

static void
export_ics_categories(struct buf *b, const struct tl_event *e)
{
	struct buf	t = BUF_INIT;
	uint32_t	i;

	if (e->ntags == 0)
		return;
	buf_adds(&t, "CATEGORIES:");
	for (i = 0; i < e->ntags; i++) {
		if (i > 0)
			buf_addc(&t, ',');
		export_ics_text(&t, e->tags[i], strlen(e->tags[i]));
	}
	export_ics_line(b, t.data, t.len);
	buf_free(&t);
}

bool
export_ics_event(struct export *x, const struct tl_event *e)
{
	struct date_parts	 start, end, now;
	struct buf		 t = BUF_INIT;
	const char		*why = export_ics_days(e, &start, &end);

	if (why != NULL) {
		export_skip(x, e, why);
		return false;
	}
	date_split(x->opts->now, &now);
	export_ics_prop(&x->b, "BEGIN:", "VEVENT");
	export_ics_uid(x, e, &t);
	export_ics_textprop(&x->b, "UID:", t.data);
	buf_reset(&t);
	buf_printf(&t, "DTSTAMP:%04lld%02u%02uT%02u%02u%02uZ",
	    (long long)now.year, now.month, now.day, now.hour, now.minute,
	    now.second);
	buf_printf(&t, "\r\nDTSTART;VALUE=DATE:%04lld%02u%02u",
	    (long long)start.year, start.month, start.day);
	buf_printf(&t, "\r\nDTEND;VALUE=DATE:%04lld%02u%02u\r\n",
	    (long long)end.year, end.month, end.day);
	buf_add(&x->b, t.data, t.len);
	export_ics_textprop(&x->b, "SUMMARY:", e->title);
	buf_reset(&t);
	export_ics_description(&t, e);
	export_ics_textprop(&x->b, "DESCRIPTION:", t.data);
	export_ics_categories(&x->b, e);
	export_ics_prop(&x->b, "END:", "VEVENT");
	buf_free(&t);
	return true;
}

void
export_ics_end(struct export *x)
{
	export_ics_prop(&x->b, "END:", "VCALENDAR");
	export_flush(x);
}
