// Import benchmark: how long Lectern takes to take in N dropped files, in headless Chromium, and
// the longest main-thread task meanwhile (the page must never freeze: target ≤ 50 ms).
// Run by `cargo xtask bench` against dist/.
//
//   node tests/bench/import.mjs <dist> <count>... [big]
//
// The files are generated articles that read like real ones (generate.mjs); `big` imports one
// 20 MB article. They are staged in the page first and then handed to Lectern's "Open files"
// input as a reader's browser would (harness.mjs).
import { bigArticle, corpus, library } from './generate.mjs';
import { importIntoLectern, withBrowser, writeSection } from './harness.mjs';

const [dist, ...cases] = process.argv.slice(2);

/// The files of one case: `count` generated articles, one article of about 20 MB, 500
/// articles shaped like the reference one, or a corpus of the repo (`hexo-site`, `jekyll-posts`).
export function files(which) {
  if (which === 'big') return [{ name: 'big.md', text: bigArticle(20_000_000) }];
  if (which === 'hexo-site' || which === 'jekyll-posts') return corpus(which);
  return which === 'reference' ? library(500, 'reference') : library(Number(which));
}

// Run as a script, not when `profile.mjs` borrows `files`.
if (import.meta.url === `file://${process.argv[1]}`) await withBrowser(dist, 4190, async (browser, origin) => {
  const rows = [];
  for (const which of cases) {
    const chosen = files(which);
    const megabytes = chosen.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0) / 1e6;
    const context = await browser.newContext();
    const { page, listedMs: listed, ms: searchable } = await importIntoLectern(context, origin, chosen);
    await page.locator('.site-footer').waitFor({ timeout: 600_000 });
    const stored = await page.evaluate(() => performance.now() - window.__handedOver);
    await page.waitForTimeout(300);
    const longest = await page.evaluate(() => window.__longest);
    const what = which === 'big' ? `one ${megabytes.toFixed(1)} MB article` : `${which} files (${megabytes.toFixed(1)} MB)`;
    console.log(
      `import: ${what} listed in ${(listed / 1000).toFixed(2)} s, searchable in ${(searchable / 1000).toFixed(2)} s, stored in IndexedDB in ${(stored / 1000).toFixed(2)} s; longest main-thread task ${Math.round(longest)} ms`,
    );
    rows.push({
      files: what,
      'listed (s)': (listed / 1000).toFixed(2),
      'searchable (s)': (searchable / 1000).toFixed(2),
      'stored (s)': (stored / 1000).toFixed(2),
      'longest task (ms)': Math.round(longest),
    });
    await context.close();
  }
  writeSection('Import', "Generated files handed to the release build's \"Open files\" input: until listed, until searchable (every article's text indexed: the list no longer \`aria-busy\`), and until stored in IndexedDB; one run each.", rows);
});
