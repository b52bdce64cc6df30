// SPDX-License-Identifier: MIT
// tests/tljs-judge.sh: TimelineJS3's own code (its Timeline, and so its
// TimelineConfig and TLDate, under jsdom) reads ORIGINAL.json and
// EXPORT.json (tlv's export of ORIGINAL's import) and compares every
// slide as a TimelineJS reader sees it: getDisplayDate() of its start and
// end, headline, text, group.  With EXPORT alone, it must load without
// errors.  Prints each difference; exits 1 if any.
"use strict";
const fs = require("fs");
const { JSDOM } = require("jsdom");

const bundle = fs.readFileSync(
    require.resolve("@knight-lab/timelinejs/dist/js/timeline.js"), "utf8");

// The config is made once the page's load has run: wait for it.
function ready(tl) {
	return new Promise((resolve, reject) => {
		let n = 0;
		const poll = () => {
			if (tl.config)
				resolve(tl.config);
			else if (++n > 500)
				reject(new Error("TimelineJS made no config"));
			else
				setTimeout(poll, 10);
		};
		poll();
	});
}

async function load(path) {
	const dom = new JSDOM("<!DOCTYPE html><div id=t></div>",
	    { runScripts: "outside-only", pretendToBeVisual: true });
	dom.window.eval(bundle);
	dom.window.console.log = () => {};	// TimelineJS's trace()
	const data = JSON.parse(fs.readFileSync(path, "utf8"));
	const tl = new dom.window.TL.Timeline("t", data);
	const c = await ready(tl);
	const slides = c.events.map((e) => ({
		start: e.start_date.getDisplayDate(),
		end: e.end_date ? e.end_date.getDisplayDate() : null,
		headline: (e.text.headline || "").trim(),
		text: (e.text.text || "").trim(),
		group: e.group || null,
	}));
	return { errors: c.messages.errors, slides, eras: c.eras.length };
}

async function main() {
	let bad = 0;
	const say = (m) => { console.log(m); bad++; };
	const paths = process.argv.slice(2);
	const got = [];
	for (const p of paths)
		got.push(await load(p));
	got.forEach((g, i) => {
		if (g.errors.length > 0)
			say(`${paths[i]}: TimelineJS errors: ` +
			    g.errors.join("; "));
	});
	if (got.length === 2) {
		const [a, b] = got;
		if (a.slides.length !== b.slides.length)
			say(`slides: ${a.slides.length}, exported ` +
			    `${b.slides.length}`);
		if (a.eras !== b.eras)
			say(`eras: ${a.eras}, exported ${b.eras}`);
		a.slides.forEach((x, i) => {
			const y = b.slides[i] || {};
			for (const k of Object.keys(x))
				if (x[k] !== y[k])
					say(`slide ${i} ${k}: ` +
					    `${JSON.stringify(x[k])} != ` +
					    `${JSON.stringify(y[k])}`);
		});
	}
	process.exit(bad > 0 ? 1 : 0);
}

main().catch((e) => { console.log(String(e)); process.exit(1); });
