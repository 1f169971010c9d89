// Catalog benchmark: how fast Lectern lists a large hosted library, in headless Chromium.
// Run by `cargo xtask bench`, which writes the catalog into dist/ first.
//
//   node tests/bench/catalog.mjs <dist> <catalog path within dist> <article count>
import { withBrowser } from './harness.mjs';

const [dist, catalog, count] = process.argv.slice(2);
await withBrowser(dist, 4191, async (browser, origin) => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  const started = Date.now();
  await page.goto(`${origin}/?library=${encodeURIComponent(catalog)}`);
  await page.locator('article.card').first().waitFor();
  const firstCards = Date.now() - started;
  await page.getByRole('status').filter({ hasText: `${count} articles` }).waitFor({ timeout: 300_000 });
  const listed = Date.now() - started;
  const searchStarted = Date.now();
  await page.getByRole('searchbox', { name: 'Search' }).fill('details 旅行 note 9999');
  await page.getByRole('status').filter({ hasText: /^[1-9]\d* articles?$/ }).waitFor({ timeout: 300_000 });
  const searched = Date.now() - searchStarted;
  const longest = await page.evaluate(() => window.__longest);
  console.log(
    `catalog: ${count} articles, first cards in ${(firstCards / 1000).toFixed(2)} s, all listed in ${(listed / 1000).toFixed(2)} s; ` +
      `first search (fetching the search text) ${(searched / 1000).toFixed(2)} s; longest main-thread task ${Math.round(longest)} ms`,
  );
});
