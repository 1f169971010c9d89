// Catalog benchmark: how fast Lectern lists a large hosted library, in headless Chromium.
// Run by `cargo xtask bench`, which writes the catalog into dist/ first.
//
//   node tests/bench/catalog.mjs <dist> <catalog path within dist> <article count>
import { withBrowser, writeSection } from './harness.mjs';

const [dist, catalog, count] = process.argv.slice(2);
await withBrowser(dist, 4191, async (browser, origin) => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__longest = Math.max(window.__longest, entry.duration);
        // Tasks from the first cards on: the page is in use while the rest arrives.
        if (window.__cardsAt !== undefined && entry.startTime >= window.__cardsAt) {
          window.__longestAfterCards = Math.max(window.__longestAfterCards ?? 0, entry.duration);
        }
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  const started = Date.now();
  await page.goto(`${origin}/?library=${encodeURIComponent(catalog)}`);
  await page.locator('article.card').first().waitFor();
  const firstCards = Date.now() - started;
  await page.evaluate(() => (window.__cardsAt = performance.now()));
  // Listed: the whole library, or (past 20 shards) its newest, the rest fetched as wanted.
  await page.waitForFunction(
    (count) => {
      const m = /^(\d+) articles?(?: \((\d+) older not listed yet\))?$/.exec(document.querySelector('[role=status]')?.textContent ?? '');
      return m && Number(m[1]) + Number(m[2] ?? 0) === count && !document.querySelector('[aria-busy]');
    },
    Number(count),
    { timeout: 300_000, polling: 50 },
  );
  const listed = Date.now() - started;
  const listedCount = Number(/^\d+/.exec(await page.getByRole('status').textContent())[0]);
  const [longestStart, longestListing] = await page.evaluate(() => [window.__longest, window.__longestAfterCards ?? 0]);
  await page.evaluate(() => (window.__longest = 0));
  const searchStarted = Date.now();
  await page.getByRole('searchbox', { name: 'Search' }).fill('details 旅行 note 9999');
  // First results come from titles and summaries; the count's note goes once all text is in.
  await page.getByRole('status').filter({ hasText: /^\d+ articles?/ }).waitFor({ timeout: 300_000 });
  const firstResults = Date.now() - searchStarted;
  await page.getByRole('status').filter({ hasText: /^[1-9]\d* articles?(?: \(and \d+ found among older articles, not listed yet\))?$/ }).waitFor({ timeout: 300_000 });
  const searched = Date.now() - searchStarted;
  const longest = await page.evaluate(() => window.__longest);
  console.log(
    `catalog: ${count} articles, first cards in ${(firstCards / 1000).toFixed(2)} s, ${listedCount} listed in ${(listed / 1000).toFixed(2)} s; ` +
      `first search: results in ${(firstResults / 1000).toFixed(2)} s, all text fetched and searched in ${(searched / 1000).toFixed(2)} s; longest main-thread task ${Math.round(longestStart)} ms from the start (starting the app included), ${Math.round(longestListing)} ms once the first cards show, ${Math.round(longest)} ms while searching`,
  );
  const s = (ms) => (ms / 1000).toFixed(2);
  writeSection('Hosted catalog', `A generated library of ${count} articles opened with ?library= on loopback: one run.`, [
    { step: 'first cards', 'time (s)': s(firstCards), 'longest task (ms)': Math.round(longestStart) },
    { step: listedCount === Number(count) ? 'all listed' : `the newest ${listedCount} listed (the rest as wanted)`, 'time (s)': s(listed), 'longest task (ms)': Math.round(longestListing) },
    { step: 'first search: first results', 'time (s)': s(firstResults), 'longest task (ms)': '' },
    { step: 'first search: all text fetched and searched', 'time (s)': s(searched), 'longest task (ms)': Math.round(longest) },
  ]);
});
