/* SPDX-License-Identifier: MIT */
/*
 * gen: write a synthetic tlv timeline to stdout for the benchmarks.
 *
 *	bench/gen N [SEED] > file.yaml
 *
 * The output is a function of N and SEED alone (a splitmix64 stream, no
 * rand(), no locale, no clock), so every machine benchmarks the same bytes.
 * Events average about 0.9 KB and look like hand-kept files: mostly ISO days
 * with a mix of every other SPEC section 2 form, folded and literal
 * descriptions, flow lists of tags and actors, block lists of sources,
 * occasional related ids, notes and non-ASCII text.
 *
 * Invariants the benchmark relies on: every event id is unique and every
 * related id names an earlier event; every date is a valid calendar date;
 * every end: is "ongoing" or no earlier than its date; every scalar is
 * written so that it reads back as the intended text (quoted when a plain
 * scalar would not).  Events drift forward in time with some jitter, so the
 * file is nearly, not exactly, in date order.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

/* Base days run from FIRST_YEAR over SPAN_DAYS (about 1995..2025). */
#define FIRST_YEAR	1995
#define SPAN_DAYS	11300L

struct rng {
	uint64_t	state;
};

/* A growable string; never truncates. */
struct str {
	char	*data;
	size_t	 len;
	size_t	 cap;
	size_t	 cps;	/* length in code points (the text is UTF-8) */
};

struct day {
	int	year;
	int	month;
	int	day;
};

struct gen {
	struct rng	rng;
	uint64_t	seed;
	size_t		n;
	struct str	text;	/* scratch: the scalar being built */
	struct str	line;	/* scratch: a second scalar */
};

/* --- word lists ---------------------------------------------------------- */

static const char *const title_words[] = {
	"Musk", "Putin", "Kremlin", "Starlink", "terminals", "Ukraine",
	"officials", "says", "denies", "reports", "confirms", "talks", "over",
	"satellite", "access", "Pentagon", "contract", "funding", "dispute",
	"after", "before", "amid", "with", "about", "request", "Taiwan",
	"Beijing", "SpaceX", "drone", "strike", "Crimea", "coverage", "outage",
	"front", "line", "sanctions", "export", "controls", "envoy", "meets",
	"calls", "secret", "regular", "contact", "leaked", "memo", "shows",
	"investigation", "opens", "lawmakers", "demand", "answers", "from",
	"spokesman", "rejects", "claim", "new", "deal", "agreement", "signed",
	"service", "restored", "cut", "off", "near", "Kherson", "Bakhmut",
	"Zaporizhzhia", "Black", "Sea", "fleet", "attack", "plan", "poll",
	"interview", "broadcast", "on", "X", "platform", "account", "suspended",
	"intelligence", "assessment", "briefing", "Senate", "hearing", "of",
	"the", "and", "for", "in", "to", "by", "as",
};

static const char *const nonascii_words[] = {
	"Müller", "Peña", "café", "Élysée", "Gdańsk", "São Paulo", "Türkiye",
	"Zürich", "naïve", "Ørsted", "Straße", "Dvořák", "Kyiv—Odesa",
	"Erdoğan", "Sánchez", "Кремль", "Москва", "Путин", "Украина",
	"Роскосмос", "台湾", "北京", "東京", "서울", "Malmö", "Århus",
};

static const char *const title_prefixes[] = {
	"Report: ", "Exclusive: ", "Update: ", "Timeline: ", "[Update] ",
	"\"Peace plan\" ", "'Leak' ", "@elonmusk ", "#StandWithUkraine ",
	"*Exclusive* ", "- ", "? ", "% ", "& ", "!Breaking ", "{Draft} ",
	"Q&A: ", "`Code` ", ">Quote ", "|Pipe ",
};

static const char *const desc_words[] = {
	"the", "a", "of", "and", "to", "in", "that", "officials", "said",
	"according", "people", "familiar", "with", "matter", "company",
	"government", "ministry", "defence", "statement", "later", "earlier",
	"denied", "confirmed", "reported", "terminals", "satellites",
	"service", "coverage", "region", "front", "forces", "troops",
	"Russian", "Ukrainian", "American", "Chinese", "Taiwanese",
	"European", "talks", "call", "calls", "meeting", "weeks", "months",
	"days", "after", "before", "during", "while", "despite", "because",
	"contract", "funding", "payment", "invoice", "letter", "memo",
	"document", "documents", "reviewed", "by", "newspaper", "reporters",
	"spokesman", "declined", "comment", "told", "investigators",
	"lawmakers", "committee", "hearing", "questions", "answers",
	"network", "outage", "restored", "disabled", "requested", "asked",
	"refused", "agreed", "announced", "plan", "proposal", "poll",
	"posted", "platform", "account", "followers", "million", "dollars",
	"export", "controls", "sanctions", "licence", "shipment", "units",
	"drones", "attack", "strike", "fleet", "harbour", "coast", "city",
	"border", "capital", "envoy", "adviser", "aide", "deputy", "minister",
	"president", "chief", "executive", "engineer", "source", "sources",
	"anonymous", "public", "private", "secret", "regular", "direct",
	"indirect", "channel", "message", "messages", "email", "interview",
};

static const char *const slug_words[] = {
	"kremlin", "starlink", "taiwan", "pentagon", "crimea", "kherson",
	"outage", "contract", "funding", "talks", "call", "memo", "leak",
	"denial", "poll", "interview", "hearing", "sanctions", "export",
	"drones", "fleet", "envoy", "satellite", "terminals", "payment",
	"letter", "meeting", "probe", "report", "claim", "deal", "plan",
	"strike", "coverage", "service", "platform", "account", "briefing",
	"assessment", "request", "shipment", "licence", "statement", "reply",
	"visit", "summit", "launch", "orbit", "ground-station", "jamming",
};

static const char *const tags[] = {
	"starlink", "russia", "ukraine", "taiwan", "china", "spacex",
	"satellites", "sanctions", "diplomacy", "military", "telecom",
	"export-controls", "kremlin", "pentagon", "eu", "nato", "energy",
	"cyber", "disinformation", "elections", "finance", "courts",
	"congress", "drones", "crimea", "black-sea", "x-twitter", "tesla",
	"space", "defense", "intelligence", "leaks", "interviews", "lobbying",
	"peace-plan", "jamming", "procurement", "media", "denials", "press",
};

static const char *const actors[] = {
	"Elon Musk", "Vladimir Putin", "Volodymyr Zelenskyy", "Dmitry Peskov",
	"Gwynne Shotwell", "Xi Jinping", "Mykhailo Fedorov", "Lloyd Austin",
	"Antony Blinken", "Olaf Scholz", "Emmanuel Macron",
	"Recep Tayyip Erdoğan", "Pedro Sánchez", "Ursula von der Leyen",
	"Jens Stoltenberg", "Donald Trump", "Joe Biden", "Dmitry Medvedev",
	"Sergey Lavrov", "Mark Milley", "Colin Kahl", "Radosław Sikorski",
	"Tsai Ing-wen", "Lai Ching-te", "Andriy Melnyk", "Ian Bremmer",
	"Tucker Carlson", "Walter Isaacson", "Владимир Соловьёв", "王毅",
	"Sergei Kiriyenko", "Kyrylo Budanov", "Mike O'Neill",
};

static const char *const outlets[] = {
	"The Wall Street Journal", "The New York Times", "Reuters",
	"Associated Press", "The Washington Post", "Financial Times",
	"Bloomberg", "Kyiv Independent", "Meduza", "Le Monde",
	"Süddeutsche Zeitung", "El País", "Новая газета", "朝日新聞",
	"The Guardian", "BBC News", "Politico", "Der Spiegel", "CNN",
	"The New Yorker", "Ukrainska Pravda", "Nikkei Asia", "Axios",
};

static const char *const hosts[] = {
	"www.wsj.com", "www.nytimes.com", "www.reuters.com", "apnews.com",
	"www.washingtonpost.com", "www.ft.com", "www.bloomberg.com",
	"kyivindependent.com", "meduza.io", "www.lemonde.fr",
	"www.sueddeutsche.de", "elpais.com", "novayagazeta.eu",
	"www.asahi.com", "www.theguardian.com", "www.bbc.co.uk",
	"www.politico.com", "www.spiegel.de", "edition.cnn.com",
	"www.newyorker.com", "www.pravda.com.ua", "asia.nikkei.com",
	"www.axios.com",
};

static const char *const sections[] = {
	"world", "politics", "business", "tech", "europe", "asia", "news",
	"articles", "investigations", "opinion",
};

static const char *const statuses[] = {
	"confirmed", "reported", "alleged", "disputed", "denied",
};

static const char *const users[] = {
	"alice", "bob", "carol", "dmitri", "eve", "françois", "grace",
};

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static const char *const seasons[] = {	/* by meteorological season */
	"winter", "spring", "summer", "autumn",
};

/* --- random numbers ------------------------------------------------------ */

/* splitmix64: one 64-bit state, full period, good enough for test data. */
static uint64_t
rng_next(struct rng *r)
{
	uint64_t	z;

	r->state += 0x9E3779B97F4A7C15ULL;
	z = r->state;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* In [0, n); the modulo bias is far below anything a benchmark sees. */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)((rng_next(r) >> 32) % n);
}

/* In [lo, hi]. */
static int
rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

static bool
rng_permille(struct rng *r, uint32_t p)
{
	return rng_below(r, 1000) < p;
}

static const char *
rng_pick(struct rng *r, const char *const *list, size_t n)
{
	return list[rng_below(r, (uint32_t)n)];
}

#define PICK(r, list)	rng_pick((r), (list), NELEM(list))

/* --- strings ------------------------------------------------------------- */

/* Length in code points (the text is UTF-8). */
static size_t
utf8_len(const char *s, size_t n)
{
	size_t	i, cps = 0;

	for (i = 0; i < n; i++)
		cps += ((unsigned char)s[i] & 0xC0) != 0x80;
	return cps;
}

static void
str_add(struct str *s, const char *p, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		size_t	 cap = s->cap < 256 ? 256 : s->cap;
		char	*data;

		while (cap < s->len + n + 1)
			cap *= 2;
		if ((data = realloc(s->data, cap)) == NULL) {
			fputs("gen: out of memory\n", stderr);
			exit(1);
		}
		s->data = data;
		s->cap = cap;
	}
	memcpy(s->data + s->len, p, n);
	s->len += n;
	s->data[s->len] = '\0';
	s->cps += utf8_len(p, n);
}

static void
str_adds(struct str *s, const char *p)
{
	str_add(s, p, strlen(p));
}

static void
str_clear(struct str *s)
{
	s->len = 0;
	s->cps = 0;
	str_add(s, "", 0);
}

/* --- YAML scalars -------------------------------------------------------- */

/* Whether s can be written as a plain scalar (in a flow list when flow). */
static bool
yaml_plain_ok(const char *s, bool flow)
{
	size_t	n = strlen(s);

	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) != NULL)
		return false;
	if (s[n - 1] == ':' || s[n - 1] == ' ' || strchr(s, '#') != NULL ||
	    strstr(s, ": ") != NULL)
		return false;
	return !flow || strpbrk(s, ",[]{}:") == NULL;
}

/* Write s as a scalar that reads back as s: plain when that is safe,
 * else single-quoted when s has a double quote, else double-quoted. */
static void
yaml_put(const char *s, bool flow)
{
	if (yaml_plain_ok(s, flow)) {
		fputs(s, stdout);
	} else if (strchr(s, '"') != NULL) {
		putchar('\'');
		for (; *s != '\0'; s++) {
			if (*s == '\'')
				putchar('\'');
			putchar(*s);
		}
		putchar('\'');
	} else {
		putchar('"');
		for (; *s != '\0'; s++) {
			if (*s == '\\')
				putchar('\\');
			putchar(*s);
		}
		putchar('"');
	}
}

static bool
already_chosen(const char *const *chosen, int n, const char *s)
{
	int	i;

	for (i = 0; i < n; i++)
		if (chosen[i] == s)
			return true;
	return false;
}

/* A flow list "[a, b]" of k (at most 4) distinct entries of list. */
static void
yaml_put_flow(struct rng *r, const char *const *list, size_t n, int k)
{
	const char	*chosen[4];
	int		 i;

	putchar('[');
	for (i = 0; i < k && i < 4; i++) {
		do
			chosen[i] = rng_pick(r, list, n);
		while (already_chosen(chosen, i, chosen[i]));
		if (i > 0)
			fputs(", ", stdout);
		yaml_put(chosen[i], true);
	}
	puts("]");
}

/*
 * A block scalar body: text word-wrapped at 78 columns with `indent`
 * spaces.  '\n' in text is a paragraph break, written as an empty line.
 * Lines never start or end with a blank, so folding reads back exactly.
 */
static void
yaml_put_block(const char *text, int indent)
{
	const char	*p = text;
	size_t		 len, i, width = (size_t)(78 - indent);

	while (*p != '\0') {
		len = strcspn(p, "\n");
		if (len > width) {	/* break at the last blank that fits */
			for (i = width; i > 0 && p[i] != ' '; i--)
				;
			if (i == 0)	/* one long word: break after it */
				i = strcspn(p, " \n");
			len = i;
		}
		printf("%*s%.*s\n", indent, "", (int)len, p);
		p += len;
		if (*p == '\n')
			putchar('\n');
		if (*p != '\0')
			p++;
	}
}

/* --- calendar ------------------------------------------------------------ */

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
month_days(int y, int m)
{
	static const int	days[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Leap days in years 1..y-1 (y >= 1). */
static long
leaps_before(int y)
{
	return (long)(y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400;
}

/* Days from 1 January FIRST_YEAR to 1 January y. */
static long
year_start(int y)
{
	return 365L * (y - FIRST_YEAR) + leaps_before(y) -
	    leaps_before(FIRST_YEAR);
}

/* Day number k (0 = 1 January FIRST_YEAR, k >= 0) as a calendar day. */
static struct day
day_from_index(long k)
{
	struct day	d = { FIRST_YEAR + (int)(k / 366), 1, 1 };

	while (year_start(d.year + 1) <= k)
		d.year++;
	k -= year_start(d.year);
	while (k >= month_days(d.year, d.month))
		k -= month_days(d.year, d.month++);
	d.day = (int)k + 1;
	return d;
}

static void
put_iso(const struct day *d)
{
	printf("%04d-%02d-%02d", d->year, d->month, d->day);
}

/* --- dates --------------------------------------------------------------- */

/* In groups, by the function that writes them (see date_put()). */
enum form {
	/* date_put_day() */
	F_ISO_DAY, F_ISO_MINUTE, F_ISO_ZONED, F_DAY_MONTH, F_MONTH_DAY,
	/* date_put_coarse() */
	F_YEAR_MONTH, F_YEAR, F_PART_OF_YEAR, F_QUARTER_ISO, F_QUARTER_WORD,
	F_HALF, F_SUBYEAR, F_SEASON, F_MONTH_NAME, F_PART_OF_MONTH,
	/* date_put_fuzzy() */
	F_UNCERTAIN, F_APPROXIMATE, F_BOTH, F_INTERVAL, F_OPEN_INTERVAL,
	F_UNSPEC_DECADE, F_UNSPEC_MONTH, F_DECADE,
	/* date_put() */
	F_CIRCA, F_BC
};

/* How often each form appears, per 936 dates. */
static const struct {
	enum form	form;
	uint32_t	weight;
} form_weights[] = {
	{ F_ISO_DAY, 420 }, { F_ISO_MINUTE, 12 }, { F_ISO_ZONED, 8 },
	{ F_YEAR_MONTH, 100 }, { F_YEAR, 45 }, { F_PART_OF_YEAR, 60 },
	{ F_QUARTER_ISO, 18 }, { F_QUARTER_WORD, 18 }, { F_HALF, 14 },
	{ F_SEASON, 20 }, { F_MONTH_NAME, 40 }, { F_DAY_MONTH, 50 },
	{ F_MONTH_DAY, 15 }, { F_PART_OF_MONTH, 10 }, { F_UNCERTAIN, 15 },
	{ F_APPROXIMATE, 15 }, { F_BOTH, 4 }, { F_INTERVAL, 45 },
	{ F_OPEN_INTERVAL, 5 }, { F_UNSPEC_DECADE, 4 }, { F_UNSPEC_MONTH, 3 },
	{ F_DECADE, 5 }, { F_SUBYEAR, 4 }, { F_CIRCA, 3 }, { F_BC, 3 },
};

static enum form
date_pick_form(struct rng *r)
{
	uint32_t	total = 0, x;
	size_t		i;

	for (i = 0; i < NELEM(form_weights); i++)
		total += form_weights[i].weight;
	x = rng_below(r, total);
	for (i = 0; x >= form_weights[i].weight; i++)
		x -= form_weights[i].weight;
	return form_weights[i].form;
}

/* early (Jan-Apr), mid (May-Aug), late (Sep-Dec) for a month. */
static const char *
part_of_year(int month)
{
	return month <= 4 ? "early" : month <= 8 ? "mid" : "late";
}

/* Day-precision forms: the range is the base day (or an instant in it). */
static void
date_put_day(struct rng *r, enum form f, const struct day *d)
{
	static const char *const zones[] = { "Z", "+02:00", "+03:00",
	    "-05:00", "+01:00" };
	const char *month = month_names[d->month - 1];

	switch (f) {
	case F_ISO_MINUTE:
		put_iso(d);
		printf("T%02d:%02d", rng_range(r, 0, 23), rng_range(r, 0, 59));
		break;
	case F_ISO_ZONED:
		put_iso(d);
		printf("T%02d:%02d:%02d%s", rng_range(r, 0, 23),
		    rng_range(r, 0, 59), rng_range(r, 0, 59), PICK(r, zones));
		break;
	case F_DAY_MONTH:
		printf("%d %s %d", d->day, month, d->year);
		break;
	case F_MONTH_DAY:
		printf("%s %d, %d", month, d->day, d->year);
		break;
	default:
		put_iso(d);
		break;
	}
}

/* Forms whose range is a part of the base day's year containing it. */
static void
date_put_coarse(struct rng *r, enum form f, const struct day *d)
{
	int	q = (d->month - 1) / 3 + 1, h = d->month <= 6 ? 1 : 2;

	switch (f) {
	case F_YEAR_MONTH:
		printf("%04d-%02d", d->year, d->month);
		break;
	case F_PART_OF_YEAR:
		printf("%s%s%d", part_of_year(d->month),
		    d->month > 4 && d->month <= 8 && rng_permille(r, 500) ?
		    "-" : " ", d->year);
		break;
	case F_QUARTER_ISO:
		printf("%04d-Q%d", d->year, q);
		break;
	case F_QUARTER_WORD:
		printf("Q%d %d", q, d->year);
		break;
	case F_HALF:
		printf("%04d-H%d", d->year, h);
		break;
	case F_SUBYEAR:
		printf("%04d-%d", d->year, 32 + q);
		break;
	case F_SEASON:	/* winter Y runs from December Y into Y+1 */
		printf("%s %d", d->month >= 9 && d->month <= 11 &&
		    rng_permille(r, 300) ? "fall" : seasons[d->month % 12 / 3],
		    d->month <= 2 ? d->year - 1 : d->year);
		break;
	case F_MONTH_NAME:
		if (rng_permille(r, 200))
			printf("%.3s %d", month_names[d->month - 1], d->year);
		else
			printf("%s %d", month_names[d->month - 1], d->year);
		break;
	case F_PART_OF_MONTH:
		printf("%s %s %d", d->day <= 10 ? "early" : d->day <= 20 ?
		    "mid" : "late", month_names[d->month - 1], d->year);
		break;
	default:
		printf("%04d", d->year);
		break;
	}
}

/* Qualified, unspecified and interval forms; all contain the base day. */
static void
date_put_fuzzy(struct rng *r, enum form f, long k, const struct day *d)
{
	static const char *const decade_parts[] = { "", "early ", "mid ",
	    "late " };
	struct day	e = day_from_index(k + rng_range(r, 1, 90));
	int		y = d->year % 10;

	switch (f) {
	case F_UNCERTAIN:
		printf("%04d?", d->year);
		break;
	case F_APPROXIMATE:
		printf("%04d-%02d~", d->year, d->month);
		break;
	case F_BOTH:
		printf("%04d%%", d->year);
		break;
	case F_INTERVAL:
		put_iso(d);
		putchar('/');
		put_iso(&e);
		break;
	case F_OPEN_INTERVAL:
		if (rng_permille(r, 500))
			printf("%04d-%02d/..", d->year, d->month);
		else
			printf("../%04d", d->year);
		break;
	case F_UNSPEC_DECADE:
		printf("%03dX", d->year / 10);
		break;
	case F_UNSPEC_MONTH:
		printf("%04d-XX", d->year);
		break;
	default:	/* F_DECADE: "1990s", or its early/mid/late part */
		if (d->year % 100 < 10) {	/* tlv refuses "2000s" */
			printf("%03dX", d->year / 10);
			break;
		}
		y = rng_permille(r, 500) ? 0 : y <= 3 ? 1 : y <= 6 ? 2 : 3;
		printf("%s%04ds", decade_parts[y], d->year / 10 * 10);
		break;
	}
}

/*
 * Write "date: ..." for base day k; returns false for a form that has no
 * sensible end: (intervals, circa, BC).
 */
static bool
date_put(struct rng *r, long k)
{
	struct day	d = day_from_index(k);
	enum form	f = date_pick_form(r);

	fputs("    date: ", stdout);
	if (f == F_CIRCA)
		printf("%s %d", rng_permille(r, 700) ? "c." : "circa",
		    rng_range(r, 1000, 1900));	/* tlv wants 4 digits */
	else if (f == F_BC)
		printf("%d %s", rng_range(r, 1, 500),
		    rng_permille(r, 700) ? "BC" : "BCE");
	else if (f <= F_MONTH_DAY)
		date_put_day(r, f, &d);
	else if (f <= F_PART_OF_MONTH)
		date_put_coarse(r, f, &d);
	else
		date_put_fuzzy(r, f, k, &d);
	putchar('\n');
	return f != F_CIRCA && f != F_BC && f != F_INTERVAL &&
	    f != F_OPEN_INTERVAL;
}

/* "end: ..." after base day k: ongoing, a later day, or a later year. */
static void
date_put_end(struct rng *r, long k)
{
	struct day	d = day_from_index(k + rng_range(r, 30, 900));
	uint32_t	x = rng_below(r, 10);

	fputs("    end: ", stdout);
	if (x < 3)
		fputs("ongoing", stdout);
	else if (x < 7)
		put_iso(&d);
	else if (x < 9)
		printf("%04d-%02d", d.year, d.month);
	else
		printf("late %d", d.year + 1);
	putchar('\n');
}

/* --- text ---------------------------------------------------------------- */

/* Upper-case an ASCII first letter in place. */
static void
capitalise(char *s)
{
	if (*s >= 'a' && *s <= 'z')
		*s = (char)(*s - 'a' + 'A');
}

/*
 * A headline of 40..90 code points.  About 20% have non-ASCII words (the
 * first of them among the first three words), 6% a prefix that needs
 * quoting, 2% a " #2".
 */
static void
text_title(struct gen *g)
{
	struct str	*s = &g->text;
	size_t		 target = (size_t)rng_range(&g->rng, 40, 87);
	int		 foreign = rng_permille(&g->rng, 200) ?
			    rng_range(&g->rng, 0, 2) : -1, w;
	const char	*word;
	size_t		 start;

	str_clear(s);
	if (rng_permille(&g->rng, 60))
		str_adds(s, PICK(&g->rng, title_prefixes));
	start = s->len;
	for (w = 0; s->cps < target; w++) {
		if (foreign == w || (foreign >= 0 &&
		    rng_permille(&g->rng, 150)))
			word = PICK(&g->rng, nonascii_words);
		else
			word = PICK(&g->rng, title_words);
		if (s->cps + 1 + utf8_len(word, strlen(word)) > 87)
			break;
		if (s->len > 0 && s->data[s->len - 1] != ' ')
			str_adds(s, " ");
		str_adds(s, word);
	}
	if (rng_permille(&g->rng, 20))
		str_adds(s, " #2");
	capitalise(s->data + start);
}

/*
 * One sentence of up to 18 words (at least one), with the odd comma and
 * foreign word, that keeps s within max code points.
 */
static void
text_sentence(struct gen *g, struct str *s, size_t max)
{
	static const char	 aside[] = ": see report #12";
	int			 i, words = rng_range(&g->rng, 6, 18);
	size_t			 start = s->len;
	const char		*w;

	for (i = 0; i < words; i++) {
		if (rng_permille(&g->rng, 25))
			w = PICK(&g->rng, nonascii_words);
		else
			w = PICK(&g->rng, desc_words);
		if (i > 0 && s->cps + 3 + utf8_len(w, strlen(w)) > max)
			break;
		if (i > 0)
			str_adds(s, i > 1 && rng_permille(&g->rng, 60) ?
			    ", " : " ");
		str_adds(s, w);
	}
	capitalise(s->data + start);
	if (rng_permille(&g->rng, 40) && s->cps + sizeof aside <= max)
		str_adds(s, aside);
	str_adds(s, ".");
}

/* A description of 200..600 code points in sentences and paragraphs. */
static void
text_description(struct gen *g)
{
	struct str	*s = &g->text;
	size_t		 target = (size_t)rng_range(&g->rng, 200, 420);

	/* 596: a paragraph break reads back as two newlines, and clip
	 * chomping adds a final one. */
	str_clear(s);
	for (;;) {
		text_sentence(g, s, 596);
		if (s->cps >= target)
			break;
		str_adds(s, s->cps > 150 && rng_permille(&g->rng, 120) ?
		    "\n" : " ");
	}
}

/* --- events -------------------------------------------------------------- */

/* The id of event i, the same whenever it is asked for. */
static void
event_id(const struct gen *g, size_t i, struct str *s)
{
	struct rng	r = { g->seed * 0x2545F4914F6CDD1DULL ^ (uint64_t)i };
	char		num[32];
	int		k, words = rng_range(&r, 2, 3);

	str_clear(s);
	snprintf(num, sizeof num, "ev-%06zu", i);
	str_adds(s, num);
	for (k = 0; k < words; k++) {
		str_adds(s, "-");
		str_adds(s, PICK(&r, slug_words));
	}
}

static void
event_description(struct gen *g)
{
	static const char *const styles[] = { ">", ">", ">", "|", "|",
	    ">-", "|-" };

	text_description(g);
	printf("    description: %s\n", PICK(&g->rng, styles));
	yaml_put_block(g->text.data, 6);
}

static void
event_sources(struct gen *g, long k, size_t i)
{
	uint32_t	x = rng_below(&g->rng, 20), o;
	int		n = x < 10 ? 1 : x < 17 ? 2 : 3, j;
	struct day	d;

	puts("    sources:");
	for (j = 0; j < n; j++) {
		o = rng_below(&g->rng, (uint32_t)NELEM(outlets));
		d = day_from_index(k + rng_range(&g->rng, 0,
		    rng_permille(&g->rng, 800) ? 30 : 700));
		fputs("      - outlet: ", stdout);
		yaml_put(outlets[o], false);
		printf("\n        url: https://%s/%s/%04d/%02d/%s-%s-%06zu\n",
		    hosts[o], PICK(&g->rng, sections), d.year, d.month,
		    PICK(&g->rng, slug_words), PICK(&g->rng, slug_words), i);
		fputs("        date: ", stdout);
		put_iso(&d);
		putchar('\n');
	}
}

static void
event_related(struct gen *g, size_t i)
{
	int	n = rng_range(&g->rng, 1, 2), j;
	size_t	back;

	fputs("    related: [", stdout);
	for (j = 0; j < n; j++) {
		back = 1 + rng_below(&g->rng, i < 200 ? (uint32_t)i : 200);
		event_id(g, i - back, &g->line);
		printf("%s%s", j > 0 ? ", " : "", g->line.data);
	}
	puts("]");
}

static void
event_notes(struct gen *g)
{
	static const char *const remarks[] = {
		"Check whether the Kremlin commented.",
		"Second source needed: only one outlet so far.",
		"Date is from the print edition; online it ran a day earlier.",
		"Spokesman's reply, verbatim: \"no comment\".",
		"Ask the desk in Kyiv — they may have the memo.",
		"Compare with the Bloomberg account #3",
		"Follow up",
	};
	int	n = rng_range(&g->rng, 1, 2), j;

	puts("    notes:");
	for (j = 0; j < n; j++) {
		printf("      - at: 2025-%02d-%02dT%02d:%02d:00Z\n",
		    rng_range(&g->rng, 1, 12), rng_range(&g->rng, 1, 28),
		    rng_range(&g->rng, 0, 23), rng_range(&g->rng, 0, 59));
		fputs("        by: ", stdout);
		yaml_put(PICK(&g->rng, users), false);
		fputs("\n        text: ", stdout);
		yaml_put(PICK(&g->rng, remarks), false);
		putchar('\n');
	}
}

/* Event i, with its base day drifting forward through the span. */
static void
event_put(struct gen *g, size_t i)
{
	long	k = (long)((uint64_t)i * SPAN_DAYS / g->n) +
		    rng_range(&g->rng, -45, 45);

	if (k < 0)
		k = 0;
	event_id(g, i, &g->line);
	printf("\n  - id: %s\n", g->line.data);
	if (date_put(&g->rng, k) && rng_permille(&g->rng, 100))
		date_put_end(&g->rng, k);
	text_title(g);
	fputs("    title: ", stdout);
	yaml_put(g->text.data, false);
	putchar('\n');
	event_description(g);
	if (!rng_permille(&g->rng, 150))
		printf("    status: %s\n", PICK(&g->rng, statuses));
	fputs("    tags: ", stdout);
	yaml_put_flow(&g->rng, tags, NELEM(tags), rng_range(&g->rng, 1, 4));
	fputs("    actors: ", stdout);
	yaml_put_flow(&g->rng, actors, NELEM(actors), rng_range(&g->rng, 1, 3));
	event_sources(g, k, i);
	if (i > 0 && rng_permille(&g->rng, 150))
		event_related(g, i);
	if (rng_permille(&g->rng, 100))
		event_notes(g);
}

static void
gen_header(const struct gen *g)
{
	printf("# Synthetic tlv timeline for benchmarks: %zu events, "
	    "seed %" PRIu64 ".\n", g->n, g->seed);
	puts("# Written by bench/gen; every event in it is invented.\n");
	printf("title: Synthetic timeline (%zu events, seed %" PRIu64 ")\n",
	    g->n, g->seed);
	puts("description: >\n"
	    "  Invented events in the shape of a reporter's timeline: fuzzy\n"
	    "  dates, sources, tags, actors, notes and some non-ASCII text.\n"
	    "  Generated for measuring load time and memory, not for reading.");
	puts(g->n > 0 ? "events:" : "events: []");
}

static bool
parse_u64(const char *s, uint64_t *out)
{
	char			*end;
	unsigned long long	 v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || s[0] == '-')
		return false;
	*out = v;
	return true;
}

int
main(int argc, char **argv)
{
	struct gen	g = { .seed = 1 };
	uint64_t	n;
	size_t		i;

	if (argc < 2 || argc > 3 || !parse_u64(argv[1], &n) ||
	    n > 100000000 || (argc == 3 && !parse_u64(argv[2], &g.seed))) {
		fputs("usage: gen N [SEED] > file.yaml\n", stderr);
		return 2;
	}
	g.n = (size_t)n;
	g.rng.state = g.seed;
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	gen_header(&g);
	for (i = 0; i < g.n; i++)
		event_put(&g, i);
	free(g.text.data);
	free(g.line.data);
	if (fflush(stdout) == EOF || ferror(stdout)) {
		perror("gen: stdout");
		return 1;
	}
	return 0;
}
