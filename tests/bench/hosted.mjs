// Hosted-search benchmark, Lectern's side and the side-by-side report. Each case is a library
// indexed by `cargo xtask index` (index.json and index/<build>/search/…), served gzipped over HTTP/2 (as
// static hosts and CDNs serve; serve.mjs --h2) on loopback under
// /lectern/articles/ beside the release build at /lectern/, which opens it by default. Per query,
// in headless Chromium, as a reader types it into the search box once the library is listed:
//
//   cold       a fresh browser context: the time from the query's input event to the list's
//              count no longer saying the articles' text is being searched (the page's own
//              clock, at the DOM change), and the bytes of the index files it fetched
//              (/index/<build>/search/…: encoded bodies and headers, as they crossed the wire);
//   warm       the same context, the field cleared and the query typed again (the files are in
//              the app's memory), the median of five;
//   throttled  a fresh context, listed at full speed, then put on a 9 Mbps / 40 ms link
//              (DevTools' emulation, as start.mjs), searched as cold;
//   typed      (with `scale`) as throttled, the query typed key by key, from the last key;
//              with `scale`, each throttled figure is the median of three fresh contexts.
//
// Quality: a case with Markdown articles is checked against pagefind.mjs's scan of their text
// for what the README says a search finds (`wordReference`: a run of CJK letters as a
// substring, several words as a phrase of whole words; the same 25 phrases it draws from deep
// in the articles): the count shown, and recall and precision of the cards listed; and the
// count against a plain substring scan (which also finds "past version" in "past versions"). A case with its own queries carries each one's
// expected count (the in-memory index's) and is checked against that. Drawn phrases of several
// Latin words are searched quoted (`"two words"`, Lectern's phrase search; unquoted, the words are
// found anywhere in an article); runs of Chinese or Japanese as they are. Where the case says so,
// Pagefind (pagefind.mjs) searches the same phrases, unquoted, its natural use, and its figures
// go beside Lectern's.
//
//   node tests/bench/hosted.mjs <dist dir> <cases.json> [scale]
//
// With `scale`, the one case (the million-article library of `cargo xtask bench scale`) is
// reported query by query, with the catalog shards each search then fetches to list its
// matches among older articles.
//
// cases.json (written by `cargo xtask bench hosted`) is an array of
//   { name, library, markdown (or null), index_ms, index_bytes, index_files, documents,
//     queries ([{ q, expected, files }] or null: files are those the query fetches natively), pagefind }
//
// The service worker is blocked: on a first visit it downloads the app again as it installs,
// which would share the link with the search. Any error on a page (an exception, or an error in
// its console) stops the benchmark, printed.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { drawQueries, pagefindBench, readLibrary, reference, wordReference } from './pagefind.mjs';
import { NINE_MBPS, throttle, withBrowser, writeSection } from './harness.mjs';
import { quantile } from './stats.mjs';

const PORT = 4198;
const DRAWN = 25;
/// Listing 100 000 hosted articles takes a while on a shared machine.
const LISTING_MS = 10 * 60_000;
const SEARCH_MS = 3 * 60_000;
const INDEX_FILES = /\/index\/[0-9a-f]{16}\/search\//;
/// The catalog's shards: what a search of a library larger than its start's listing fetches
/// after its count, to list what it found among older articles.
const SHARD_FILES = /\/index\/[0-9a-f]{16}\/articles-\d+\.json$/;
/// A library whose index has more files than the server should compress ahead of the queries.
const WARM_UP_TO = 100_000;

// ---------------------------------------------------------------------------------------------
// The queries and what each should find

/// Lectern's form of a drawn phrase: several Latin words quoted, as a phrase (unquoted they
/// would be found anywhere in an article, not side by side as the scan finds them).
const asLectern = (q) => (/\s/.test(q) && !/^".*"$/.test(q) ? `"${q}"` : q);

/// The case's queries, each with what it is checked against: the articles containing it
/// (`ref`, a Set of ids of `articles`) or a count (`expected`).
function caseQueries(c, articles) {
  if (c.queries) return c.queries.map(({ q, expected }) => ({ q, lectern: q, expected, lang: null }));
  const drawn = drawQueries(articles, DRAWN);
  return drawn.map(({ q, lang }) => {
    const ref = wordReference(articles, q);
    return { q, lectern: asLectern(q), lang, ref, expected: ref.size, plain: reference(articles, q).size };
  });
}

/// A card's link (`#/read/<id>`, each segment of the id percent-encoded) to the Markdown
/// article it shows, by the catalog's path for that id: null for an article of no such file.
function cardToArticle(c, articles) {
  const catalog = JSON.parse(readFileSync(join(c.library, 'index.json'), 'utf8'));
  const entries = [
    ...(catalog.articles ?? []),
    ...(catalog.shards ?? []).flatMap((shard) => JSON.parse(readFileSync(join(c.library, shard), 'utf8')).articles),
  ];
  const pathOf = new Map(entries.map((a) => [a.id, a.path]));
  const byPath = new Map(articles.map((a) => [a.path.split(sep).join('/'), a.id]));
  return (href) => {
    const id = href.replace(/^.*#\/read\//, '').split('/').map(decodeURIComponent).join('/');
    const path = pathOf.get(id);
    if (!path) return null;
    return byPath.get(relative(c.markdown, join(c.library, path)).split(sep).join('/')) ?? null;
  };
}

/// Why an article's verdict differs from the scan's, where a phrase of words explains it: the
/// scan matched inside a word ("the for" in "the formats"), which a search of words does not, or
/// the words follow each other across punctuation ("the, for") or from one block to the next (a
/// table's cells, paragraphs, lines), which the scan does not see.
function why(q, text, kind) {
  const words = q.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const edge = (inner) => new RegExp(String.raw`(?<![\p{L}\p{N}])${inner}(?![\p{L}\p{N}])`, 'iu');
  const shown = (m) => (m ? `: …${text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20).replace(/\s+/g, ' ')}…` : '');
  if (kind === 'missed') {
    if (words.length > 1 && !edge(words.join(' ')).test(text)) return ` (the scan matched inside a word${shown(new RegExp(words.join(' '), 'i').exec(text))})`;
    return shown(new RegExp(words.join(' '), 'i').exec(text));
  }
  const across = edge(words.join(String.raw`[^\p{L}\p{N}]+`)).exec(text);
  if (words.length > 1 && across) {
    const where = across[0].includes('\n') ? 'from one block to the next (table cells, paragraphs, lines)' : 'across punctuation';
    return ` (the words follow each other ${where}${shown(across)})`;
  }
  return ' (not in the scanned text)';
}

// ---------------------------------------------------------------------------------------------
// In the browser

/// Collects a page's exceptions and console errors; `check()` throws (printing them) if any.
function guard(page, label) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  return () => {
    if (errors.length === 0) return;
    for (const e of errors) console.error(`hosted: ${label}: ${e}`);
    throw new Error(`${label}: ${errors.length} error(s) on the page`);
  };
}

/// The count a status says: the articles listed, and those found (or left) among older articles
/// not listed yet (a library of more than 20 shards lists its newest at the start).
const STATUS = /^(\d+) articles?(?: \((?:and (\d+) found among older articles, not listed yet|(\d+) older not listed yet)\))?$/;
function statusCount(text) {
  const m = STATUS.exec(text);
  return m ? Number(m[1]) + Number(m[2] ?? 0) + Number(m[3] ?? 0) : null;
}

/// A fresh context with Lectern open and the whole library listed.
async function openListed(browser, origin, c, label) {
  const context = await browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  const check = guard(page, label);
  await page.goto(`${origin}/lectern/`);
  await listed(page, c.documents);
  check();
  return { context, page, check };
}

/// Waits for the status to count the whole library and for the library to be searchable (not
/// busy: the catalog's titles and excerpts are indexed when the page is idle), and fails on an
/// alert meanwhile. A search typed before then says it has found only so much so far.
async function listed(page, documents) {
  await page.waitForFunction(
    ({ documents, pattern }) => {
      const alert = document.querySelector('[role=alert]');
      if (alert) throw new Error(`while listing: ${alert.textContent}`);
      const m = new RegExp(pattern).exec(document.querySelector('[role=status]')?.textContent ?? '');
      const count = m ? Number(m[1]) + Number(m[3] ?? 0) : null;
      return count === documents && !m[2] && !document.querySelector('[aria-busy]');
    },
    { documents, pattern: STATUS.source },
    { timeout: LISTING_MS, polling: 50 },
  );
}

/// Runs in the page, before the query is typed: resolves once the search is done, with the
/// milliseconds from the query's input event (with `keys`, its last one, the query typed key by
/// key). Done is the status not saying "searching" after it did (a search of the hosted index
/// always says so first), or, given `expect`, the status reading `expect` (a warm search may
/// answer from memory without saying so), or, given `count` (a typed query, whose earlier keys
/// may have fetched all it needs), the status counting that many once the address holds the
/// last key's query (the app puts it there once it has drawn its list); or an alert.
function watchSearch({ expect, keys, count, pattern, query }) {
  window.__searched = new Promise((resolve) => {
    let typed = null;
    let searching = false;
    const status = () => document.querySelector('[role=status]')?.textContent ?? '';
    const observer = new MutationObserver(() => check());
    let polling = null;
    const done = () => {
      observer.disconnect();
      clearInterval(polling);
      const alert = document.querySelector('[role=alert]');
      resolve({ ms: performance.now() - typed, status: status(), alert: alert?.textContent ?? null, searching });
    };
    function check() {
      if (typed === null) return;
      if (document.querySelector('[role=alert]')) return done();
      const text = status();
      if (text.includes('searching')) searching = true;
      else if (count !== undefined) {
        const m = new RegExp(pattern).exec(text);
        const asked = new URLSearchParams(location.hash.replace(/^#\/?\??/, '')).get('q');
        if (asked === query && m && Number(m[1]) + Number(m[2] ?? 0) + Number(m[3] ?? 0) === count) done();
      } else if (expect === null ? searching : text === expect) done();
    }
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    // Capturing on the window, ahead of the app's own listener: the clock starts as the typing
    // reaches the page. A render the app schedules runs before the next task, so a warm answer
    // that changes nothing on the page is still seen then. Typed key by key, the clock starts
    // again at each key, and only the last one's search counts.
    let left = keys ?? 1;
    const onInput = () => {
      left -= 1;
      if (left > 0) return;
      removeEventListener('input', onInput, { capture: true });
      typed = performance.now();
      check();
      setTimeout(check, 0);
      // The address changes without a mutation to observe.
      if (count !== undefined) polling = setInterval(check, 5);
    };
    addEventListener('input', onInput, { capture: true });
  });
}

/// Bytes of the index files the context fetches from now on, and how many files: each request
/// counted once it has finished (or failed), which may be reported just after the app has the
/// file.
function countBytes(context, files = INDEX_FILES) {
  const started = new Set();
  const sizes = [];
  const onRequest = (request) => files.test(request.url()) && started.add(request);
  const onFinished = (request) => {
    if (!started.has(request)) return;
    sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize, () => 0));
  };
  const onFailed = (request) => started.has(request) && sizes.push(Promise.resolve(0));
  context.on('request', onRequest);
  context.on('requestfinished', onFinished);
  context.on('requestfailed', onFailed);
  return async () => {
    for (let waited = 0; sizes.length < started.size && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    context.off('request', onRequest);
    context.off('requestfinished', onFinished);
    context.off('requestfailed', onFailed);
    if (sizes.length < started.size) throw new Error(`${started.size - sizes.length} index request(s) never finished`);
    return { bytes: (await Promise.all(sizes)).reduce((a, b) => a + b, 0), files: started.size };
  };
}

/// Types `query` (at once, or with `keyDelay` key by key, that many ms apart, as a reader types,
/// until the status counts `count`) and waits until the search is done: its time, the count
/// shown, whether the index failed, and (with `bytes`) what it fetched.
async function timedSearch(page, query, { expect = null, bytes = false, keyDelay = null, count } = {}) {
  const counted = bytes ? countBytes(page.context()) : null;
  const box = page.getByRole('searchbox', { name: 'Search' });
  const keys = keyDelay === null ? 1 : [...query].length;
  await page.evaluate(watchSearch, { expect, keys, count, pattern: STATUS.source, query });
  if (keyDelay === null) await box.fill(query);
  else await box.pressSequentially(query, { delay: keyDelay });
  // The deadline is cleared once the search is done: a pending timer would keep node running.
  let deadline;
  const result = await Promise.race([
    page.evaluate(() => window.__searched),
    new Promise((_, fail) => {
      deadline = setTimeout(() => fail(new Error(`search for ${query} not done in ${SEARCH_MS} ms`)), SEARCH_MS);
    }),
  ]).finally(() => clearTimeout(deadline));
  return {
    ms: result.ms,
    status: result.status,
    count: statusCount(result.status),
    failed: result.alert,
    ...(counted ? await counted() : {}),
  };
}

/// Every card the search lists: "Show … more" until all are shown, then their links. The button
/// is pressed in the page, as a keyboard does: scrolling to it to click would also let the list's
/// own observer add a page, and the button would move under the pointer.
async function listedCards(page) {
  const more = page.getByRole('button', { name: /^Show \d+ more/ });
  while ((await more.count()) > 0) {
    const shown = await page.locator('article.card').count();
    await more.evaluate((button) => button.click());
    await page.waitForFunction(
      (shown) => document.querySelectorAll('article.card').length > shown,
      shown,
      { polling: 'raf', timeout: SEARCH_MS },
    );
  }
  return page.locator('article.card h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
}

/// The server compresses each file on its first request (gzip -9, some 10 ms a file here),
/// where a CDN or a host's cache serves what it compressed before: every index file is asked
/// for once, untimed — of a library too large for that, those its queries fetch natively.
async function warmServer(c, origin) {
  const { build } = JSON.parse(readFileSync(join(c.library, 'index.json'), 'utf8'));
  const names =
    c.documents > WARM_UP_TO
      ? [...new Set(c.queries.flatMap(({ files }) => files ?? []))].map((name) => name.replace(/^search\//, ''))
      : readdirSync(join(c.library, build, 'search'));
  for (const name of names) {
    await (await fetch(`${origin}/lectern/articles/${build}search/${name}`, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
  }
}

/// Milliseconds between keys of a query typed key by key: a quick typist's (some 80 words a
/// minute).
const KEY_MS = 150;

/// Samples of each figure on the throttled link in the million-article run, of which the median
/// is reported: one sample of the same query on the same index varied by 100 ms (553, 648, 590).
const SLOW_SAMPLES = 3;
/// Warm searches of each query, the median reported: one sample of a few milliseconds varies by
/// several on this shared machine.
const WARM_SAMPLES = 5;

/// The sample of median time among `samples` (an odd number of them).
const medianSample = (samples) => [...samples].sort((a, b) => a.ms - b.ms)[(samples.length - 1) >> 1];

/// One query, cold and warm in one context, then throttled in another (and, with `scale`, typed
/// key by key on the throttled link too, each throttled figure the median of several fresh
/// contexts).
async function searchQuery(browser, origin, c, query, withCards, scale = false) {
  const label = `${c.name}: ${query.lectern}`;
  const first = await openListed(browser, origin, c, label);
  let cold, warm, cards;
  try {
    const shards = countBytes(first.context, SHARD_FILES);
    cold = await timedSearch(first.page, query.lectern, { bytes: true });
    // Then the shards of what it found among older articles, if any, are listed: the count a
    // warm search of the same query shows at once.
    await first.page.waitForFunction(() => !document.querySelector('[aria-busy]'), null, { timeout: SEARCH_MS });
    const listing = await shards();
    cold.listing_bytes = listing.bytes;
    cold.listing_files = listing.files;
    const settled = await first.page.getByRole('status').textContent();
    if (withCards && !cold.failed) cards = await listedCards(first.page);
    // Each warm search answers with the count the one before settled on; then it may list
    // more of its older matches (a few shards a search), which changes the count for the next.
    const warmSamples = [];
    let expect = settled;
    for (let n = 0; n < WARM_SAMPLES; n += 1) {
      await first.page.getByRole('searchbox', { name: 'Search' }).fill('');
      await listed(first.page, c.documents);
      warmSamples.push(await timedSearch(first.page, query.lectern, { expect }));
      await first.page.waitForFunction(() => !document.querySelector('[aria-busy]'), null, { timeout: SEARCH_MS });
      expect = await first.page.getByRole('status').textContent();
    }
    warm = medianSample(warmSamples);
    first.check();
  } finally {
    await first.context.close();
  }
  const slow = async (how, options) => {
    const samples = [];
    for (let n = 0; n < (scale ? SLOW_SAMPLES : 1); n += 1) {
      samples.push(await onSlowLink(browser, origin, c, `${label} (${how})`, query.lectern, options));
    }
    return medianSample(samples);
  };
  const throttled = await slow('9 Mbps', { bytes: true });
  const keyed = scale ? await slow('typed, 9 Mbps', { keyDelay: KEY_MS, count: query.expected }) : null;
  return { cold, warm, throttled, keyed, cards };
}

/// A search in a fresh context put on the 9 Mbps link once the library is listed.
async function onSlowLink(browser, origin, c, label, query, options) {
  const { context, page, check } = await openListed(browser, origin, c, label);
  try {
    await throttle(context, page, NINE_MBPS);
    const result = await timedSearch(page, query, options);
    check();
    return result;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------
// A case

const round = (x, digits = 0) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

async function lecternCase(dist, c, articles, queries, scale = false) {
  const toArticle = c.markdown && !c.queries ? cardToArticle(c, articles) : null;
  const rows = [];
  await withBrowser(
    dist,
    PORT,
    async (browser, origin) => {
      await warmServer(c, origin);
      for (const query of queries) {
        const r = await searchQuery(browser, origin, c, query, Boolean(toArticle), scale);
        const row = {
          q: query.q,
          lectern: query.lectern,
          lang: query.lang,
          expected: query.expected,
          plain: query.plain,
          count: r.cold.count,
          failed: r.cold.failed ?? r.throttled.failed ?? r.warm.failed,
          cold_ms: round(r.cold.ms, 1),
          cold_bytes: r.cold.bytes,
          cold_files: r.cold.files,
          listing_bytes: r.cold.listing_bytes,
          listing_files: r.cold.listing_files,
          warm_ms: round(r.warm.ms, 1),
          throttled_ms: round(r.throttled.ms, 1),
          throttled_bytes: r.throttled.bytes,
          typed_ms: r.keyed ? round(r.keyed.ms, 1) : null,
        };
        if (r.cards) {
          const found = r.cards.map(toArticle);
          const unmapped = found.filter((id) => id === null).length;
          const ids = new Set(found.filter((id) => id !== null));
          const hits = [...ids].filter((id) => query.ref.has(id)).length;
          Object.assign(row, {
            cards: r.cards.length,
            unmapped,
            recall: query.ref.size ? round(hits / query.ref.size, 3) : null,
            precision: r.cards.length ? round(hits / r.cards.length, 3) : null,
            missed: [...query.ref].filter((id) => !ids.has(id)).map((id) => `${articles[id].path}${why(query.q, articles[id].text, 'missed')}`),
            extra: found
              .map((id, i) => (id === null ? `${r.cards[i]} (no such Markdown file)` : query.ref.has(id) ? null : `${articles[id].path}${why(query.q, articles[id].text, 'extra')}`))
              .filter(Boolean),
          });
        }
        if (r.cards && r.cards.length !== r.cold.count) console.log(`  ${query.lectern}: ${r.cards.length} cards listed, the count says ${r.cold.count}`);
        rows.push(row);
        printLectern(row);
      }
    },
    // The app at /lectern/ opens the library beside it, at ./articles/, by default.
    { '/lectern/articles/': c.library, '/lectern/': dist },
    { h2: true },
  );
  return rows;
}

function printLectern(r) {
  const failed = r.failed ? `  FAILED: ${r.failed}` : '';
  const wrong = r.count !== r.expected ? `  COUNT ${r.count} ≠ ${r.expected}` : '';
  const quality = r.recall !== undefined ? `, ${r.cards} cards, recall ${r.recall}, precision ${r.precision}` : '';
  console.log(
    `  ${JSON.stringify(r.lectern)}: ${r.count} of ${r.expected}${quality}; cold ${r.cold_ms} ms, ${kb(r.cold_bytes)} KB in ${r.cold_files} files; ` +
      `warm ${r.warm_ms} ms; 9 Mbps ${r.throttled_ms} ms${r.typed_ms === null ? '' : `, typed ${r.typed_ms} ms`}${wrong}${failed}`,
  );
  for (const path of r.missed ?? []) console.log(`      missed ${path}`);
  for (const path of r.extra ?? []) console.log(`      extra  ${path}`);
}

// ---------------------------------------------------------------------------------------------
// The report

const kb = (bytes) => (bytes === null || bytes === undefined ? null : round(bytes / 1024, 1));
const ms = (x) => (x === null ? '–' : Math.round(x).toLocaleString('en-US'));
const figures = (rows, key) => rows.map((r) => r[key]).filter((x) => x !== null && x !== undefined);
const medianP95 = (xs, format) => (xs.length ? `${format(quantile(xs, 0.5))} / ${format(quantile(xs, 0.95))}` : '–');

/// "23 of 25 exact", how many equal a plain substring scan's count too, and recall / precision
/// (means) where there is a per-article reference.
function quality(rows) {
  const exact = rows.filter((r) => r.count === r.expected).length;
  const failed = rows.filter((r) => r.failed).length;
  const parts = [`${exact} of ${rows.length} exact`];
  const plain = rows.filter((r) => r.plain !== undefined);
  if (plain.length) parts.push(`${plain.filter((r) => r.count === r.plain).length} equal to a plain substring scan`);
  const recall = figures(rows, 'recall');
  if (recall.length) parts.push(`recall ${mean(recall).toFixed(3)} / precision ${mean(figures(rows, 'precision')).toFixed(3)}`);
  if (failed) parts.push(`${failed} failed`);
  return parts.join('; ');
}

function summaryRow(c, engine, r) {
  return {
    library: c.name,
    engine,
    articles: r.articles.toLocaleString('en-US'),
    'index build (s)': r.build_ms === null ? '–' : (r.build_ms / 1000).toFixed(1),
    'index on disk (KB per 1 000 articles; files)': `${((r.index_bytes / 1024 / r.articles) * 1000).toFixed(0)}; ${r.files}`,
    'cold query median / p95 (ms)': medianP95(figures(r.queries, 'cold_ms'), ms),
    'bytes per cold query median / p95 (KB)': medianP95(figures(r.queries, 'cold_bytes'), (b) => (b / 1024).toFixed(0)),
    'warm median (ms)': ms(quantile(figures(r.queries, 'warm_ms'), 0.5)),
    '9 Mbps median (ms)': ms(quantile(figures(r.queries, 'throttled_ms'), 0.5)),
    'exact count; recall / precision': quality(r.queries),
  };
}

/// Pagefind's figures in Lectern's terms: its bundle without the UI files (a page that only
/// calls its API never fetches them), its found count checked as Lectern's is.
function pagefindFigures(p, queries) {
  return {
    articles: p.articles,
    build_ms: p.build_ms,
    index_bytes: p.index_bytes - p.ui_bytes,
    files: p.files - p.ui_files,
    queries: p.queries.map((r, i) => ({ ...r, count: r.found, expected: queries[i].expected, plain: queries[i].plain })),
  };
}

/// Columns line up in a terminal: CJK characters take two cells.
const cells = (text) => [...text].reduce((n, ch) => n + (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch) ? 2 : 1), 0);
const padCells = (text, width) => text + ' '.repeat(Math.max(0, width - cells(text)));

function printTable(c, lectern, pagefind) {
  console.log(`\nhosted: ${c.name}, per query (count / expected; cold ms, KB; warm ms; 9 Mbps ms)${pagefind ? ', Lectern | Pagefind' : ''}:`);
  const width = Math.min(40, Math.max(...lectern.map((r) => cells(r.lectern))));
  for (const [i, r] of lectern.entries()) {
    const p = pagefind?.queries[i];
    const side = (x) => `${String(x.count).padStart(4)} / ${String(x.expected).padEnd(4)} ${ms(x.cold_ms).padStart(6)} ${String(kb(x.cold_bytes)).padStart(7)} ${ms(x.warm_ms).padStart(5)} ${ms(x.throttled_ms).padStart(6)}`;
    const mark = r.count !== r.expected || r.failed ? ' !' : '';
    console.log(`  ${padCells(r.lectern, width)} ${side(r)}${p ? `  | ${side(p)}` : ''}${mark}`);
  }
}

// ---------------------------------------------------------------------------------------------

/// The million-article library, query by query (`cargo xtask bench scale`).
function scaleRows(rows) {
  return rows.map((r) => ({
    query: r.lectern,
    'articles found (native count)': `${r.count?.toLocaleString('en-US') ?? '–'} (${r.expected.toLocaleString('en-US')})`,
    'cold, loopback (ms)': ms(r.cold_ms),
    'index fetched (KB; files)': `${Math.round(kb(r.cold_bytes))}; ${r.cold_files}`,
    'catalog shards then, to list older matches (KB; files)': `${Math.round(kb(r.listing_bytes))}; ${r.listing_files}`,
    'warm (ms)': ms(r.warm_ms),
    '9 Mbps, 40 ms (ms)': ms(r.throttled_ms),
    'typed key by key, 9 Mbps (ms)': ms(r.typed_ms),
  }));
}

const [dist, casesFile, mode] = process.argv.slice(2);
if (!dist || !casesFile) {
  console.error('usage: node tests/bench/hosted.mjs <dist dir> <cases.json> [scale]');
  process.exit(2);
}
if (mode === 'scale') {
  const [c] = JSON.parse(readFileSync(casesFile, 'utf8'));
  console.log(`hosted: ${c.name}: ${c.documents} articles, ${c.queries.length} given queries`);
  const queries = caseQueries(c, []);
  const rows = await lecternCase(resolve(dist), c, [], queries, true);
  writeSection(
    `Hosted search at ${c.documents.toLocaleString('en-US')} articles, in the browser`,
    'The library of the section above, served gzipped over HTTP/2 (as static hosts and CDNs serve: a round of many files goes at once, not six at a time) on loopback beside the release build and searched in headless Chromium as in "Hosted search": once the newest 20 shards of its catalog are listed (20 000 articles; the others are fetched as they are wanted), a query typed cold in a fresh context (time to the count, and the index files fetched: encoded bytes with headers), then, once the count is shown, the catalog shards fetched to list what it found among older articles (up to 4, until 20 matches are listed); warm (the same query again, the median of five); cold on a 9 Mbps / 40 ms link; and, in a fresh context on that link, typed key by key 150 ms apart (a quick typist), from the last key: what the earlier keys fetched is there, as when a reader types. Each figure on that link is the median of three fresh contexts (one sample varied by some 100 ms). The count is the listed matches plus those the list says it found among older articles, checked against the engine\u2019s count natively (the section above). The server compresses each file on its first request (gzip -9, some 10 ms a file on this machine), where a CDN serves what it compressed before: the files each query fetches natively are asked for once before it, untimed. A query whose last word is one or two letters (every word they begin is searched), when typed, fetches more than its dictionary shards, if more than four files, only 250 ms after the last key (a pause in the typing), and the typed figures include it; entered at once (cold), it is complete and searched without a pause; Chromium’s network emulation also delays each of many files of a round more than the bytes do (the native table’s model is one round trip per round).',
    scaleRows(rows),
  );
  process.exit(rows.some((r) => r.failed || r.count !== r.expected) ? 1 : 0);
}
const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
const section = [];
for (const c of cases) {
  console.log(`hosted: ${c.name}: ${c.documents} articles, ${c.queries ? `${c.queries.length} given queries` : `${DRAWN} drawn queries`}`);
  const articles = c.markdown ? readLibrary(c.markdown) : [];
  const queries = caseQueries(c, articles);
  const lectern = await lecternCase(resolve(dist), c, articles, queries);
  section.push(
    summaryRow(c, 'Lectern', { articles: c.documents, build_ms: c.index_ms, index_bytes: c.index_bytes, files: c.index_files, queries: lectern }),
  );
  let pagefind = null;
  if (c.pagefind && c.markdown) {
    // Unquoted: Pagefind's own phrase syntax is not what its readers type.
    const p = await pagefindBench(c.markdown, { queries: queries.map(({ q, lang }) => ({ q: q.replace(/^"(.*)"$/, '$1'), lang })) });
    pagefind = pagefindFigures(p, lectern);
    section.push(summaryRow(c, `Pagefind ${p.pagefind}`, pagefind));
  }
  printTable(c, lectern, pagefind);
}

console.log('');
for (const row of section) console.log(`hosted: ${Object.entries(row).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
writeSection(
  'Hosted search',
  'Each library indexed for the web (Lectern: `cargo xtask index`, native; Pagefind: its CLI over one HTML page per article), served gzipped over HTTP/2 (as static hosts and CDNs serve) on loopback and searched in headless Chromium as a reader types a query once the library is listed: cold in a fresh browser context (time to the final count, and the index files fetched: encoded bytes with headers), warm (the same query again, the median of five), and cold on a 9 Mbps / 40 ms link (DevTools emulation). ' +
    'Queries are 25 phrases drawn from deep in the corpora’s articles (Lectern searches several words quoted, as a phrase; Pagefind unquoted, its natural use), checked against a scan of the articles’ text for what the README says a search finds (a run of CJK letters as a substring; several words as a phrase of whole words in order, any punctuation or spacing between them but not the end of a block: "past version" is not in "past versions", "and Paul" is in "and, Paul") — also against a plain substring scan, which finds words inside longer ones — or, for generated libraries, against the in-memory index’s count; Lectern’s size is its index/search files, Pagefind’s leaves out its UI files, and Pagefind’s bytes include its script and wasm, fetched at the first search (Lectern’s engine is in the app).',
  section,
);
