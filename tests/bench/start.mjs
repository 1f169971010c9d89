// Start-up benchmark, in headless Chromium against the release build served gzipped (as static
// hosts serve it): the first card of the sample library on loopback, on a 9 Mbps / 40 ms link
// and on "slow 4G" (1.6 Mbps / 150 ms, Chrome DevTools' network emulation), painted from the
// catalog before the app arrives (static/first-paint.js); when the app's own list is live
// (searchable, filterable: its count shows); the longest task before the first card, and
// before the app's list is live; how long a reload takes to list 10 000 stored articles again; and the
// memory the page holds after importing them. Each figure is the median and p95 of several
// runs, each in a fresh browser context (nothing cached).
//
//   node tests/bench/start.mjs <dist> [runs]
import { library } from './generate.mjs';
import { NINE_MBPS, importIntoLectern, throttle, withBrowser, writeSection } from './harness.mjs';
import { summary } from './stats.mjs';

const [dist, runs = '5'] = process.argv.slice(2);
const LINKS = [
  { name: 'loopback', goal: '≤ 300 ms' },
  { name: '9 Mbps, 40 ms', ...NINE_MBPS },
  { name: 'slow 4G (1.6 Mbps, 150 ms)', latency: 150, download: 1.6e6 / 8, upload: 750e3 / 8, goal: '≤ 2 000 ms' },
];
const STORED = 10_000;

/// Records, from the page's own clock, when the first card appears, the longest task until then,
/// when the app's own list is live (its count, `#library-count`, is on the page and the first
/// screen gone), and every long task (`__tasks`: start and duration).
function watchStart() {
  window.__longest = 0;
  window.__tasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (window.__firstCard === undefined) window.__longest = Math.max(window.__longest, entry.duration);
      window.__tasks.push([entry.startTime, entry.duration]);
    }
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, observer) => {
    if (window.__firstCard === undefined && document.querySelector('article.card')) {
      window.__firstCard = performance.now();
    }
    const drawn = document.getElementById('library-count') && !document.getElementById('first-paint');
    if (drawn && document.querySelector('article.card')) {
      window.__live = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  addEventListener('TrunkApplicationStarted', (event) => (window.__wasmMemory = event.detail.wasm.memory));
}

const rows = [];
const row = (figure, times, goal = '') => {
  const { median, p95 } = summary(times);
  rows.push({ figure, 'median (ms)': Math.round(median), 'p95 (ms)': Math.round(p95), goal });
  console.log(`start: ${figure}: median ${Math.round(median)} ms, p95 ${Math.round(p95)} ms`);
};
await withBrowser(dist, 4195, async (browser, origin) => {
  // The server compresses each file once: that first request is not timed.
  await (await browser.newPage()).goto(`${origin}/`);
  for (const link of LINKS) {
    const firstCard = [];
    const live = [];
    const longest = [];
    const longestLive = [];
    for (let run = 0; run < Number(runs); run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      if (link.latency) await throttle(context, page, link);
      await page.addInitScript(watchStart);
      await page.goto(`${origin}/`);
      await page.locator('article.card').first().waitFor({ timeout: 60_000 });
      await page.waitForFunction(() => window.__live !== undefined, null, { timeout: 60_000 });
      firstCard.push(await page.evaluate(() => window.__firstCard));
      live.push(await page.evaluate(() => window.__live));
      longest.push(await page.evaluate(() => window.__longest));
      // The app's start: every task until its list is live (a long task is reported once it
      // has ended).
      await page.waitForTimeout(200);
      longestLive.push(
        await page.evaluate(() => Math.max(0, ...window.__tasks.filter(([at]) => at < window.__live).map(([, ms]) => ms))),
      );
      await context.close();
    }
    row(`first card, ${link.name}`, firstCard, link.goal);
    row(`the app's list live, ${link.name}`, live);
    row(`longest task until the first card, ${link.name}`, longest, '< 50 ms');
    row(`longest task until the app's list is live, ${link.name}`, longestLive, '< 50 ms');
  }

  // A reader's 10 000 articles, stored; then reloads until all are listed again.
  const context = await browser.newContext();
  await context.addInitScript(watchStart);
  const { page } = await importIntoLectern(context, origin, library(STORED));
  // Stored once the footer's storage figure shows.
  await page.locator('.site-footer').waitFor({ timeout: 600_000 });
  await page.waitForTimeout(1000);
  const memory = await page.evaluate(() => {
    const wasm = window.__wasmMemory?.buffer.byteLength ?? 0;
    return { wasm, js: performance.memory?.usedJSHeapSize ?? 0 };
  });
  const megabytes = `${(memory.wasm / 1e6).toFixed(0)} MB of wasm memory, ${(memory.js / 1e6).toFixed(0)} MB of JS heap`;
  rows.push({ figure: `memory after importing ${STORED} articles`, 'median (ms)': megabytes, 'p95 (ms)': '', goal: '' });
  console.log(`start: memory after importing ${STORED} articles: ${megabytes}`);
  const total = Number((await page.locator('#library-count').textContent()).split(' ')[0]);
  const [firstCards, reloads, searchable] = [[], [], []];
  for (let run = 0; run < Number(runs); run += 1) {
    await page.reload();
    await page.waitForFunction(
      (total) => document.getElementById('library-count')?.textContent.startsWith(`${total} article`),
      total,
      { timeout: 120_000, polling: 10 },
    );
    reloads.push(await page.evaluate(() => performance.now()));
    firstCards.push(await page.evaluate(() => window.__firstCard));
    await page.waitForFunction(() => !document.querySelector('[aria-busy]'), null, { timeout: 120_000, polling: 10 });
    searchable.push(await page.evaluate(() => performance.now()));
  }
  row(`reload with ${STORED} stored articles: first card`, firstCards);
  row(`reload until ${STORED} stored articles are listed`, reloads, '≤ 1 500 ms');
  row(`reload until ${STORED} stored articles are searchable`, searchable);
  await context.close();
});

writeSection(
  'Start',
  `The release build served gzipped on loopback, each run in a fresh browser context (nothing cached); links throttled with Chrome DevTools' network emulation. ${runs} runs each. The first card is painted from the catalog by \`first-paint.js\` before the app's WebAssembly has arrived; "the app's list live" is when the app has taken over (its count shows: search, filters and the reader's own files work from then). What bounds the longest task until the list is live, in DevTools traces of a fresh page on this machine: the page's first layout, of the cards the catalog paints (style and text layout, 25–45 ms in a fresh renderer, with or without Chinese titles), and the app's first tasks (its start, listing the catalog, its screen drawn behind the first one, then its filter panel), each compiling the 150–380 functions of WebAssembly it is the first to run (they are compiled lazily, each at its first call, on the thread that calls it: 30–70 ms of \`wasm.CompileLazy\` in such a task). How long a task takes here also depends on the CPU this shared machine gives the page's thread: in the same traces those tasks had a third to a half of their length in thread time, and a plain 100 ms busy loop in a page 57 ms. More code on the way to the list, or a larger first screen, lengthens them. Traced again (eight fresh start-ups on loopback, 2026-12-05): the tasks over 45 ms before the list was live were the first layout of the cards (29–70 ms of layout, with 17–27 ms of thread time in the whole task) and the app's first tasks compiling WebAssembly (\`wasm.CompileLazy\`, 18–42 ms), 14–25 ms of it in V8's \`FlushInstructionCache\` on this virtual machine. What else ran meanwhile (every thread of the trace): in most of those tasks the service worker's thread, 23–47 ms of each, installing (fetching and storing the whole build again), which took the page's thread its CPU (7–25 ms of thread time in 45–90 ms tasks); since 718f208 and 50f3ff9 it is registered only once the library is listed and no drop is being read (12 fresh start-ups twice, before / after: tasks over 50 ms in 2–3 / 1 of them, the list live 372–397 / 268–295 ms median).`,
  rows,
);
