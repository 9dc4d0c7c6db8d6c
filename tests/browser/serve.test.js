// dyad serve in a real browser: Debian's headless Chromium driven by
// playwright-core. Starts `dyad serve` on a database ingested from
// examples/articles, opens every page (desktop and phone width), clicks an
// event and checks the explanation panel, applies filters and checks the
// counts, and saves screenshots in target/browser-artifacts/.
//
//   DYAD=target/debug/dyad node --test tests/browser     (from the repo root)
//
// If Chromium cannot start, the tests fail with the reason.
"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { spawn, execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { chromium } = require("playwright-core");

const root = path.resolve(__dirname, "../..");
const dyad = path.resolve(root, process.env.DYAD || "target/debug/dyad");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const artifacts = path.join(root, "target/browser-artifacts");
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let server, base, browser, tmp;

before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  assert.ok(fs.existsSync(dyad), `no dyad binary at ${dyad} (build it, or set DYAD)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dyad-browser-"));
  const db = path.join(tmp, "examples.db");
  execFileSync(dyad, ["ingest", path.join(root, "examples/articles"), "--db", db], { stdio: "pipe" });
  server = spawn(dyad, ["serve", "--db", db, "--addr", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
  base = await new Promise((resolve, reject) => {
    let err = "";
    const timer = setTimeout(() => reject(new Error(`dyad serve did not start: ${err}`)), 30000);
    server.stderr.on("data", (d) => {
      err += d;
      const m = /http:\/\/(127\.0\.0\.1:\d+)\//.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(`http://${m[1]}`);
      }
    });
    server.on("exit", (code) => reject(new Error(`dyad serve exited (${code}): ${err}`)));
  });
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ["--no-sandbox", "--disable-dev-shm-usage"],
    });
  } catch (e) {
    throw new Error(`Chromium could not start (${chromiumPath}): ${e.message}`);
  }
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function page(viewport = DESKTOP) {
  const ctx = await browser.newContext({ viewport });
  const p = await ctx.newPage();
  const errors = [];
  p.on("pageerror", (e) => errors.push(String(e)));
  p.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  p.on("request", (r) => {
    if (!r.url().startsWith(base)) errors.push(`request outside the server: ${r.url()}`);
  });
  p.errors = errors;
  return p;
}

async function api(p) {
  const r = await fetch(base + p);
  assert.equal(r.status, 200, p);
  return r.json();
}

async function total(p) {
  return Number(await p.locator("#counts").getAttribute("data-total"));
}

async function shot(p, name) {
  await p.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/// Nothing wider than the screen at phone width (tables scroll in their box).
async function fitsPhone(p) {
  const [sw, iw] = await p.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  assert.ok(sw <= iw + 1, `page is ${sw}px wide at ${iw}px`);
}

test("documents: listed, searched and paged", async () => {
  const p = await page();
  await p.goto(base + "/");
  const all = await total(p);
  const listed = (await api("/api/documents")).total;
  assert.ok(all > 0);
  assert.equal(all, listed);
  assert.equal(await p.locator("table.list tbody tr").count(), Math.min(all, 50));
  await shot(p, "documents");
  // Search for a word of the first title: fewer or as many, all matching.
  const title = (await p.locator("table.list tbody tr a").first().textContent()).trim();
  const word = title.split(/\s+/).find((w) => w.length > 5) || title.split(/\s+/)[0];
  await p.fill('input[name="search"]', word);
  await Promise.all([p.waitForNavigation(), p.click('form.filters button[type="submit"]')]);
  const found = await total(p);
  assert.ok(found >= 1 && found <= all, `${found} of ${all}`);
  assert.equal(found, (await api(`/api/documents?search=${encodeURIComponent(word)}`)).total);
  assert.deepEqual(p.errors, []);
});

test("article: clicking an event shows why it was coded; clicking a quote its speaker", async () => {
  const docs = (await api("/api/documents?limit=100")).documents;
  const doc = docs.find((d) => d.events > 0);
  assert.ok(doc, "a document with events");
  const contract = await api(`/api/documents/${encodeURIComponent(doc.id)}`);
  const p = await page();
  await p.goto(`${base}/documents/${encodeURIComponent(doc.id)}`);
  assert.equal(await p.locator("#doc [data-ev]").first().isVisible(), true);
  assert.ok((await p.locator("#doc .m").count()) > 0, "actor mentions are marked");
  const ev = p.locator("#doc .ev").first();
  const i = Number(await ev.getAttribute("data-ev"));
  const e = contract.events[i];
  await ev.click();
  const panel = p.locator("#panel");
  await assert.doesNotReject(panel.locator('dd[data-field="Dictionary line"]').waitFor());
  const field = async (k) => (await panel.locator(`dd[data-field="${k}"]`).textContent()).trim();
  assert.ok((await field("Source")).startsWith(e.source || "-"));
  assert.ok((await field("Target")).startsWith(e.target || "-"));
  assert.ok((await field("Code")).startsWith(e.code));
  assert.ok((await field("QuadClass")).startsWith(String(e.quad_class)));
  assert.equal(await field("Goldstein"), String(e.goldstein));
  assert.ok((await field("Date")).includes(e.date_from));
  assert.ok((await field("Sentence")).startsWith(`${e.sentence}:`));
  assert.equal(await field("Dictionary line"), e.pattern);
  await p.locator("#explain[data-loaded]").waitFor({ timeout: 30000 });
  const tried = await p.locator("#explain pre.tried").textContent();
  assert.ok(tried.length > 0, "the patterns tried are shown");
  assert.ok((await p.locator("#explain pre.parse").textContent()).includes("nsubj") ||
    (await p.locator("#explain pre.parse").textContent()).includes("ROOT"));
  await shot(p, "article-event");

  const withQuote = docs.find((d) => d.id === doc.id) && contract.quotes.length ? contract : null;
  if (withQuote) {
    const q = p.locator("#doc [data-q]:not([data-ev])").first();
    const k = Number(await q.getAttribute("data-q"));
    await q.click();
    await panel.locator('dd[data-field="Resolved"]').waitFor();
    const quote = contract.quotes[k];
    const speaker = (await field("Speaker")).trim();
    if (quote.speaker && quote.speaker.name) assert.equal(speaker, quote.speaker.name);
    await shot(p, "article-quote");
  }
  assert.deepEqual(p.errors, []);

  const phone = await page(PHONE);
  await phone.goto(`${base}/documents/${encodeURIComponent(doc.id)}`);
  await phone.locator("#doc .ev").first().click();
  await phone.locator('dd[data-field="Dictionary line"]').waitFor();
  await fitsPhone(phone);
  await shot(phone, "article-phone");
});

test("events: a filter gives the counts the API gives", async () => {
  const p = await page();
  await p.goto(base + "/events");
  const all = await total(p);
  assert.ok(all > 0);
  const q1 = Number((await p.locator('#counts [data-quad="1"]').textContent()).split(" ")[0]);
  await p.selectOption('select[name="quad"]', "1");
  await Promise.all([p.waitForNavigation(), p.click('form.filters button[type="submit"]')]);
  assert.ok(p.url().includes("quad=1"));
  const filtered = await total(p);
  assert.equal(filtered, q1);
  assert.ok(filtered < all);
  const rows = await p.locator("table.events tbody tr").count();
  assert.equal(rows, Math.min(filtered, 50));
  const viaApi = (await api("/api/events?quad=1&limit=1000")).events.length;
  assert.equal(filtered, viaApi);
  await shot(p, "events-quad1");
  assert.deepEqual(p.errors, []);
});

test("network: actors and dyads, click through to the events", async () => {
  const p = await page();
  await p.goto(base + "/network");
  const nodes = p.locator("svg.network a.node");
  assert.ok((await nodes.count()) > 1);
  assert.ok((await p.locator("svg.network a.edge").count()) > 0);
  await shot(p, "network");
  const code = await nodes.first().getAttribute("data-code");
  const net = await api("/api/network");
  const node = net.nodes.find((n) => n.code === code);
  await Promise.all([p.waitForNavigation(), nodes.first().locator("circle").click()]);
  assert.ok(p.url().includes(`actor=${code}`), p.url());
  // The actor filter is a code prefix: at least the node's dyad events.
  assert.ok((await total(p)) >= node.events / 2, `${await total(p)} vs ${node.events}`);
  const phone = await page(PHONE);
  await phone.goto(base + "/network");
  await fitsPhone(phone);
  await shot(phone, "network-phone");
});

test("timeline: counts by QuadClass, a bar opens its events", async () => {
  const p = await page();
  await p.goto(base + "/timeline?by=month");
  const bars = p.locator("svg.timeline a.bar");
  assert.ok((await bars.count()) > 0);
  await shot(p, "timeline");
  const title = await bars.first().locator("title").textContent();
  const n = Number(/: (\d+) events/.exec(title)[1]);
  await Promise.all([p.waitForNavigation(), bars.first().locator("rect").click({ force: true })]);
  assert.ok(p.url().includes("/events?"), p.url());
  assert.equal(await total(p), n, `${title} -> ${p.url()}`);
  const phone = await page(PHONE);
  await phone.goto(base + "/timeline");
  await fitsPhone(phone);
  await shot(phone, "timeline-phone");
});

test("map: places on the outline, areas drawn apart from cities", async () => {
  const p = await page();
  await p.goto(base + "/map");
  assert.equal(await p.locator("svg.map path.land").count(), 1);
  const places = (await api("/api/places")).places;
  assert.ok(places.length > 0);
  assert.equal(await p.locator("svg.map a.place").count(), places.length);
  const areas = places.filter((x) => ["country", "admin1", "admin2", "region"].includes(x.feature)).length;
  assert.equal(await p.locator("svg.map a.place.area").count(), areas);
  assert.equal(await p.locator("svg.map a.place.city").count(), places.length - areas);
  if (areas && places.length - areas) {
    const style = (sel) => p.locator(sel).first().locator("circle").evaluate((c) => getComputedStyle(c).strokeDasharray);
    assert.notEqual(await style("svg.map a.place.area"), await style("svg.map a.place.city"));
  }
  await shot(p, "map");
  const phone = await page(PHONE);
  await phone.goto(base + "/map");
  await fitsPhone(phone);
  await shot(phone, "map-phone");
  const docs = await page(PHONE);
  await docs.goto(base + "/");
  await fitsPhone(docs);
  await shot(docs, "documents-phone");
});
