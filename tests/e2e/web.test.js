/*
 * web.test.js: the web interface in headless Chromium (playwright-core,
 * Debian's /usr/bin/chromium), end to end: the five seed articles
 * (../shared/seeds) and one hostile article written here are stored with
 * `rasd ingest`, `rasd serve` runs on a free loopback port, and a browser
 * checks what an analyst would see:
 *   - a search for قسد lists the seed articles about the SDF;
 *   - the story page of seed 000 shows it, and 002's story page shows the
 *     «ميليشيا» label the government-aligned outlet puts on the SDF
 *     (one page when the two are clustered together);
 *   - clicking a quote highlights its sentence (provenance);
 *   - the map shows Deir ez-Zor;
 *   - the hostile article's markup is shown as text and never runs.
 * Screenshots go to $RASD_E2E_OUT (build/e2e/). Skips (exit 77) when the
 * seeds, Chromium or playwright-core are absent.
 *
 * Run: RASD_BIN=build/rasd node --test tests/e2e/
 */
"use strict";

const { test, before, after, afterEach } = require("node:test");
const assert = require("node:assert/strict");
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const root = path.resolve(__dirname, "..", "..");
const rasd = process.env.RASD_BIN || path.join(root, "build", "rasd");
const seeds = process.env.RASD_SEEDS || path.resolve(root, "..", "shared", "seeds");
const outDir = process.env.RASD_E2E_OUT || path.join(root, "build", "e2e");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";

function skip(why) {
  console.log("e2e skipped: " + why);
  process.exit(77);
}
if (!fs.existsSync(path.join(seeds, "manifest.tsv"))) skip("no seed articles at " + seeds);
if (!fs.existsSync(chromiumPath)) skip("no Chromium at " + chromiumPath + " (scripts/install-deps.sh installs it)");
let chromium;
try {
  ({ chromium } = require(path.join(root, "node_modules", "playwright-core")));
} catch (e) {
  skip("playwright-core is not installed (npm install)");
}

/* The seeds' first lines are their titles; read here, never copied. */
function seedFile(prefix) {
  const f = fs.readdirSync(seeds).find((n) => n.startsWith(prefix) && n.endsWith(".txt"));
  assert.ok(f, "seed " + prefix + " is missing");
  return path.join(seeds, f);
}
function titleOf(file) {
  return fs.readFileSync(file, "utf8").split("\n").find((l) => l.trim()).trim();
}

let tmp, server, base, browser, page;
const HOSTILE_TITLE = "قسد <script>window.__xss = 1</script> في دير الزور";

async function api(p) {
  const r = await fetch(base + p);
  assert.equal(r.status, 200, p);
  return r.json();
}

let ids = {}; /* seed prefix -> article id */
const problems = [];

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rasd-e2e-"));
  fs.mkdirSync(outDir, { recursive: true });
  /* the seeds (with their manifest: outlet and date) and a hostile article */
  const articles = path.join(tmp, "articles");
  fs.mkdirSync(articles);
  for (const f of fs.readdirSync(seeds)) if (f.endsWith(".txt") || f === "manifest.tsv") fs.copyFileSync(path.join(seeds, f), path.join(articles, f));
  fs.writeFileSync(path.join(tmp, "hostile.txt"), HOSTILE_TITLE + "\nقالت قوات سوريا الديمقراطية إن \"><img src=x onerror=\"window.__xss=2\"> وصل.\n'; DROP TABLE documents; --\n");
  const db = path.join(tmp, "e2e.db");
  const ing = spawnSync(rasd, ["ingest", "--db", db, "--keep-json", "--quiet", "--jobs", "2", articles, path.join(tmp, "hostile.txt")], { encoding: "utf8" });
  assert.equal(ing.status, 0, "rasd ingest failed: " + ing.stderr);
  server = spawn(rasd, ["serve", "--db", db, "--port", "0", "--threads", "2", "--quiet"], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise((resolve, reject) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve("http://127.0.0.1:" + m[1]);
    });
    server.on("exit", (code) => reject(new Error("rasd serve exited with " + code)));
  });
  /* article ids by origin: the export knows each article's title */
  const lines = (await (await fetch(base + "/api/export")).text()).trim().split("\n").map((l) => JSON.parse(l));
  for (const p of ["000", "001", "002", "003", "004"]) {
    const t = titleOf(seedFile(p));
    const d = lines.find((x) => x.title === t);
    assert.ok(d, "seed " + p + " is not stored");
    ids[p] = d.id;
  }
  ids.hostile = lines.find((x) => x.title === HOSTILE_TITLE).id;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  /* nothing may be fetched from anywhere but this server, and no script
   * error may happen: both are checked after every test */
  page.on("request", (r) => { if (!r.url().startsWith(base) && !r.url().startsWith("data:")) problems.push("off-site request: " + r.url()); });
  page.on("pageerror", (e) => problems.push("script error: " + e.message));
  page.on("console", (m) => { if (m.type() === "error") problems.push("console error: " + m.text()); });
});

afterEach(() => {
  const found = problems.splice(0);
  assert.deepEqual(found, []);
});

after(async () => {
  if (browser) await browser.close();
  if (server) {
    /* SIGTERM is a clean stop: exit status 0 (under ASan, also no leak) */
    const exited = new Promise((r) => server.once("exit", (code, signal) => r([code, signal])));
    server.kill("SIGTERM");
    const [code, signal] = await exited;
    assert.equal(code, 0, "rasd serve exited with " + code + " (" + signal + ")");
  }
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function open(hash) {
  await page.goto(base + "/" + hash);
  await page.waitForFunction((h) => document.body.dataset.ready === h, hash, { timeout: 20000 });
}

test("search for قسد lists the SDF articles, with highlighted snippets and facets", async () => {
  await open("#/search?q=" + encodeURIComponent("قسد"));
  const shown = await page.$$eval("#results .result", (rs) => rs.map((r) => +r.dataset.id));
  /* every seed whose text names قسد must be found */
  for (const p of ["000", "001", "002", "004"]) {
    if (!fs.readFileSync(seedFile(p), "utf8").includes("قسد")) continue;
    assert.ok(shown.includes(ids[p]), "seed " + p + " (id " + ids[p] + ") is not among the results " + shown);
  }
  const marks = await page.$$eval("#results mark", (m) => m.map((x) => x.textContent));
  assert.ok(marks.length > 0 && marks.every((m) => m.includes("قسد")), "highlights: " + marks);
  const outletFacets = await page.$$eval('.facets a[data-facet="outlet"]', (a) => a.length);
  assert.ok(outletFacets >= 1);
  await page.screenshot({ path: path.join(outDir, "search.png"), fullPage: true });
});

test("the story of seeds 000 and 002 shows both, and the «ميليشيا» label on the SDF in 002", async () => {
  const a0 = await api("/api/article/" + ids["000"]);
  const a2 = await api("/api/article/" + ids["002"]);
  assert.equal(a0.story, a2.story, "seeds 000 and 002 are in different stories");
  await open("#/story/" + a0.story);
  const articles = await page.$$eval(".story-article", (x) => x.map((e) => +e.dataset.id));
  assert.ok(articles.includes(ids["000"]), "000 is not shown on the story page");
  assert.ok(articles.includes(ids["002"]), "002 is not shown on the story page");
  const sdfLabels = await page.$$eval('#labels .label[data-actor="sdf"]', (x) => x.map((e) => e.textContent));
  assert.ok(sdfLabels.some((t) => t.includes("ميليشيا")), "labels on the SDF: " + JSON.stringify(sdfLabels));
  /* the map shows Deir ez-Zor */
  await page.waitForSelector("#map svg circle.place", { timeout: 20000 });
  const places = await page.$$eval("#map svg circle.place title", (t) => t.map((e) => e.textContent));
  assert.ok(places.some((p) => p.includes("دير الزور")), "places on the map: " + places);
  const land = await page.$$eval("#map svg path.land", (p) => p.length);
  assert.ok(land > 10, "country outlines drawn: " + land);
  /* labels do not overlap one another; zoom in shows fewer degrees, marks keep their size */
  const boxes = await page.$$eval("#map svg text.place-label", (t) => t.map((e) => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }));
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [a, b] = [boxes[i], boxes[j]];
    assert.ok(!(a[0] < b[2] - 1 && b[0] < a[2] - 1 && a[1] < b[3] - 1 && b[1] < a[3] - 1), "map labels " + i + " and " + j + " overlap");
  }
  const size = () => page.$eval("#map svg circle.place", (c) => c.getBoundingClientRect().width);
  const before = await size();
  await page.click('#map .map-zoom button[data-zoom="2"]');
  assert.equal(await page.$eval("#map svg", (s) => s.dataset.zoom), "2.00");
  assert.ok(Math.abs((await size()) - before) < 1, "a mark's size changed with the zoom");
  await page.click('#map .map-zoom button[data-zoom="0"]');
  /* each outlet's labels, per article of that outlet in the story */
  const rates = await page.$$eval("#labels .label[data-per-article]", (x) => x.map((e) => +e.dataset.perArticle));
  assert.ok(rates.length > 0 && rates.every((r) => r > 0), "labels per article: " + rates);
  await page.screenshot({ path: path.join(outDir, "story-000-002.png"), fullPage: true });
});

test("clicking a quote highlights its sentence", async () => {
  await open("#/article/" + ids["002"]);
  const quotes = await page.$$(".facts li.fact.quote");
  assert.ok(quotes.length > 0, "no quotes listed");
  assert.equal(await page.$$eval("#article-text .provenance", (x) => x.length), 0);
  await quotes[0].click();
  const lit = await page.$$eval("#article-text .provenance", (x) => x.map((e) => e.textContent).join(""));
  assert.ok(lit.length > 0, "no sentence highlighted");
  /* the highlighted sentence holds the quote's own words */
  const [start, end] = await quotes[0].evaluate((li) => [+li.dataset.start, +li.dataset.end]);
  const a = await api("/api/article/" + ids["002"]);
  const quoted = Buffer.from(a.text, "utf8").subarray(start, end).toString("utf8");
  assert.ok(lit.includes(quoted.slice(0, 20)), "highlight «" + lit.slice(0, 80) + "» lacks «" + quoted.slice(0, 20) + "»");
  await page.screenshot({ path: path.join(outDir, "article-provenance.png"), fullPage: true });
});

test("a hostile article is shown as text and runs nothing", async () => {
  await open("#/article/" + ids.hostile);
  const title = await page.textContent("main h1");
  assert.equal(title, HOSTILE_TITLE);
  const text = await page.textContent("#article-text");
  assert.ok(text.includes('"><img src=x onerror="window.__xss=2">'));
  assert.ok(text.includes("'; DROP TABLE documents; --"));
  assert.equal(await page.$$eval("main img, main script", (x) => x.length), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await open("#/search?q=" + encodeURIComponent("قسد"));
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  const h = await api("/api/health");
  assert.equal(h.documents, 6);
  await page.screenshot({ path: path.join(outDir, "hostile.png"), fullPage: true });
});

test("actor page: names, mentions over time, labels per outlet", async () => {
  await open("#/actor/sdf");
  const h1 = await page.textContent("main h1");
  assert.ok(h1.includes("قوات سوريا الديمقراطية"));
  const points = await page.$$eval("#timeline svg.chart .mentions circle", (r) => r.length);
  assert.ok(points >= 1);
  const chips = await page.$$eval("main .chip", (c) => c.map((e) => e.textContent));
  assert.ok(chips.some((c) => c.includes("قسد")), "names seen: " + chips);
  await page.screenshot({ path: path.join(outDir, "actor-sdf.png"), fullPage: true });
});

test("names and meanings: actors by their Arabic name, CAMEO and labels in Arabic, English on hover", async () => {
  await open("#/actor/sdf");
  /* the event tables name the other side in Arabic, the English on hover */
  const links = await page.$$eval("main a[data-actor]", (a) => a.map((e) => ({ text: e.textContent, title: e.title, id: e.dataset.actor })));
  const kb = links.filter((l) => !l.id.startsWith("person:") && l.title.includes("("));
  assert.ok(kb.length > 0, "no actor link with its English name on hover: " + JSON.stringify(links.slice(0, 5)));
  for (const l of kb) assert.notEqual(l.text, l.id, "actor shown by its id: " + l.id);
  /* every CAMEO code shown has an Arabic label and its English on hover */
  const cameo = await page.$$eval("main .cameo", (c) => c.map((e) => ({ text: e.textContent, title: e.title })));
  assert.ok(cameo.length > 0, "no CAMEO chips on the actor page");
  for (const c of cameo) {
    assert.match(c.text, /[\u0600-\u06FF]/, "CAMEO without an Arabic label: " + c.text);
    assert.match(c.title, /[A-Za-z]{3,}/, "CAMEO without its English label on hover: " + c.title);
  }
  /* framing labels in Arabic, the code on hover */
  const labels = await page.$$eval("main .label", (l) => l.map((e) => e.textContent));
  for (const l of labels) assert.match(l, /[\u0600-\u06FF]/, "label in English: " + l);
  /* the article's legend wears its colours */
  await open("#/article/" + ids["002"]);
  const colours = await page.$$eval(".legend span", (s) => s.map((e) => getComputedStyle(e).backgroundColor));
  assert.ok(colours.length >= 5 && colours.every((c) => c !== "rgba(0, 0, 0, 0)"), "legend colours: " + colours);
  assert.ok(new Set(colours).size >= 5, "legend colours are not distinct: " + colours);
});

test("events page: filters, paging, names, downloads with the same filters", async () => {
  await open("#/events");
  const all = await api("/api/events?limit=500");
  assert.ok(all.total > 0);
  const rows = await page.$$eval("#events-table tbody tr", (r) => r.length);
  assert.equal(rows, Math.min(20, all.total));
  /* filter by a CAMEO root through the form */
  const root = all.items.find((e) => e.cameo).cameo.slice(0, 2);
  await page.selectOption('#events-filters select[name="cameo"]', root);
  await page.click('#events-filters button[type="submit"]');
  await page.waitForFunction((h) => document.body.dataset.ready === h, "#/events?cameo=" + root);
  const want = (await api("/api/events?cameo=" + root)).total;
  const shown = await page.$$eval("#events-table [data-cameo]", (c) => c.map((e) => e.dataset.cameo));
  assert.ok(shown.length > 0 && shown.every((c) => c.startsWith(root)), "codes shown under root " + root + ": " + shown);
  assert.ok((await page.textContent("#events-total")).startsWith(String(want)));
  /* the download carries the filter, and the file holds the filtered rows */
  const href = await page.getAttribute('a[data-format="events-csv"]', "href");
  assert.ok(href.includes("cameo=" + root) && href.includes("format=events-csv"), href);
  const csv = await (await fetch(base + href)).text();
  assert.equal(csv.trim().split("\n").length - 1 >= want, true, "csv rows for root " + root);
  assert.ok(await page.getAttribute('a[data-format="events-jsonl"]', "href"));
  /* a place filter (from a place link) */
  const placed = all.items.find((e) => e.place);
  if (placed) {
    await open("#/events?place=" + encodeURIComponent(placed.place));
    const places = await page.$$eval("#events-table td a[data-place]", (a) => a.map((e) => e.dataset.place));
    assert.ok(places.length > 0 && places.every((p) => p === placed.place), "places: " + places);
  }
  /* paging */
  if (all.total > 20) {
    await open("#/events");
    await page.click(".pager button");
    await page.waitForFunction(() => document.body.dataset.ready === "#/events?offset=20");
    assert.ok((await page.textContent(".pager")).includes("21"));
  }
  /* the map of every event's place: as many events on it as the store
   * places on a gazetteer point; near places clustered, split by zooming */
  await open("#/events");
  await page.waitForSelector("#event-map svg circle.place", { timeout: 20000 });
  const ep = await api("/api/event-places?limit=300");
  const onPoints = ep.items.filter((x) => !x.place.startsWith("country:"));
  const members = await page.$$eval("#event-map svg circle.place", (c) => c.map((e) => +e.dataset.members));
  const outside = +(await page.$eval("#event-map svg", (s) => s.dataset.outside));
  assert.equal(members.reduce((a, b) => a + b, 0) + outside, onPoints.length, "places on the event map");
  assert.ok(outside < onPoints.length / 2, "most places are outside the map's view");
  const before = members.length;
  for (let i = 0; i < 3; i++) await page.click('#event-map .map-zoom button[data-zoom="2"]');
  const after = await page.$$eval("#event-map svg circle.place", (c) => c.length);
  assert.ok(after <= onPoints.length && (before === onPoints.length || after > before || after > 0), "clusters " + before + " -> " + after);
  await page.click('#event-map .map-zoom button[data-zoom="0"]');
  await page.screenshot({ path: path.join(outDir, "events.png"), fullPage: true });
});

test("quotes page: speaker, quote, article link, filters, download", async () => {
  await open("#/quotes");
  const all = await api("/api/quotes?limit=500");
  assert.ok(all.total > 0);
  const cards = await page.$$eval("#quotes-list blockquote", (b) => b.length);
  assert.equal(cards, Math.min(20, all.total));
  const hrefs = await page.$$eval("#quotes-list a.quote-link", (a) => a.map((e) => e.getAttribute("href")));
  assert.ok(hrefs.every((h) => /^#\/article\/\d+\?hl=\d+-\d+$/.test(h)), hrefs.join(" "));
  const spoken = all.items.find((q) => q.speaker);
  if (spoken) {
    await page.fill('#quotes-filters input[name="speaker"]', spoken.speaker);
    await page.click('#quotes-filters button[type="submit"]');
    await page.waitForFunction((h) => document.body.dataset.ready === h, "#/quotes?speaker=" + encodeURIComponent(spoken.speaker));
    const want = (await api("/api/quotes?speaker=" + encodeURIComponent(spoken.speaker))).total;
    assert.equal(await page.$$eval("#quotes-list blockquote", (b) => b.length), Math.min(20, want));
    const href = await page.getAttribute('a[data-format="quotes-csv"]', "href");
    assert.ok(href.includes("speaker="), href);
    const r = await fetch(base + href);
    assert.equal(r.status, 200, href);
  }
  await open("#/quotes");
  await page.screenshot({ path: path.join(outDir, "quotes.png"), fullPage: true });
});

test("counts over time: a real date axis on the home and actor pages", async () => {
  await open("#/");
  await page.waitForSelector("#timeline svg.chart");
  const t = await api("/api/timeline");
  const days = t.events.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date));
  const bars = await page.$$eval("#timeline svg .events rect", (r) => r.map((e) => ({ date: e.dataset.date, x: +e.getAttribute("x") })));
  assert.equal(bars.length, days.length);
  /* distance proportional to time: x is an affine function of the date */
  if (bars.length >= 3) {
    const ms = (d) => Date.parse(d + "T00:00:00Z");
    const [a, b] = [bars[0], bars[bars.length - 1]];
    for (const c of bars) {
      const expect = a.x + (b.x - a.x) * (ms(c.date) - ms(a.date)) / (ms(b.date) - ms(a.date));
      assert.ok(Math.abs(c.x - expect) < 1, "bar of " + c.date + " at " + c.x + ", expected " + expect);
    }
  }
  const xt = await page.$$eval("#timeline svg text.xtick", (x) => x.map((e) => e.textContent));
  const yt = await page.$$eval("#timeline svg text.ytick", (x) => x.map((e) => e.textContent));
  assert.ok(xt.length >= 2 && xt.every((x) => /^\d{4}(-\d{2}){0,2}$/.test(x)), "x ticks: " + xt);
  assert.ok(yt.length >= 2 && yt[0] === "0", "y ticks: " + yt);
  /* choosing a CAMEO root redraws with only its events */
  await page.selectOption('#timeline select[name="cameo"]', "19");
  const t19 = await api("/api/timeline?cameo=19");
  await page.waitForFunction((n) => document.querySelectorAll("#timeline svg .events rect").length === n,
    t19.events.filter((r) => /^\d{4}-\d{2}-\d{2}$/.test(r.date)).length);
  await page.selectOption('#timeline select[name="by"]', "week");
  await page.waitForFunction(() => /أسبوع/.test(document.querySelector("#timeline .chart-legend").textContent));
  await page.screenshot({ path: path.join(outDir, "home.png"), fullPage: true });
  await open("#/actor/sdf");
  const a = await api("/api/timeline?actor=sdf");
  const pts = await page.$$eval("#timeline svg .mentions circle", (c) => c.length);
  assert.equal(pts, a.articles.length);
});

test("phone width: no view is wider than a 390 px screen; screenshots of each view", async () => {
  const story = (await api("/api/article/" + ids["000"])).story;
  const views = { home: "#/", search: "#/search?q=" + encodeURIComponent("قسد"), stories: "#/stories", story: "#/story/" + story,
    article: "#/article/" + ids["002"], actors: "#/actors", actor: "#/actor/sdf", events: "#/events", quotes: "#/quotes", outlets: "#/outlets" };
  const wide = [];
  for (const [width, tag] of [[390, "phone"], [1300, "desktop"]]) {
    await page.setViewportSize({ width: width, height: tag === "phone" ? 844 : 1000 });
    for (const [name, hash] of Object.entries(views)) {
      await open(hash);
      if (name === "story") await page.waitForSelector("#map svg circle.place", { timeout: 20000 });
      const w = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
      if (w > width) wide.push(name + " at " + width + ": " + w + " px");
      await page.screenshot({ path: path.join(outDir, "view-" + name + "-" + tag + ".png"), fullPage: true });
    }
  }
  await page.setViewportSize({ width: 1300, height: 1000 });
  assert.deepEqual(wide, []);
});
