// Import benchmark: how long Lectern takes to take in N dropped files, in headless Chromium, and
// the longest main-thread task meanwhile (the page must never freeze: target ≤ 50 ms).
// Run by `cargo xtask bench` against dist/.
//
//   node tests/bench/import.mjs <dist> <count>... [big]
//
// `big` imports one 20 MB article. Files are first put in a hidden input of the page, which costs
// Playwright seconds of main-thread work for 10 000 files; only then does the measurement start,
// and the files are handed to Lectern's "Open files" input as a reader's browser would.
import { withBrowser } from './harness.mjs';

const [dist, ...cases] = process.argv.slice(2);

const words = ['reading', 'articles', '文章', '阅读', 'browser', '浏览器', 'library', '搜索'];
const article = (n, paragraphs = 1) =>
  `---\ntitle: "Imported ${n}"\ndate: 2020-01-${String(1 + (n % 28)).padStart(2, '0')}\ntags: [bench]\n---\n\n` +
  Array.from({ length: paragraphs }, (_, p) =>
    Array.from({ length: 40 }, (_, i) => words[(n + p + i) % words.length]).join(' '),
  ).join('\n\n') + '\n';

/// The files of one case: `count` small articles, or one article of about 20 MB.
export function files(which) {
  if (which === 'big') {
    return [{ name: 'big.md', mimeType: 'text/markdown', buffer: Buffer.from(article(0, 75_000)) }];
  }
  return Array.from({ length: Number(which) }, (_, n) => ({
    name: `bench-${n}.md`,
    mimeType: 'text/markdown',
    buffer: Buffer.from(article(n)),
  }));
}

// Run as a script, not when `profile.mjs` borrows `files`.
if (import.meta.url === `file://${process.argv[1]}`) await withBrowser(dist, 4190, async (browser, origin) => {
  for (const which of cases) {
    const chosen = files(which);
    const megabytes = chosen.reduce((sum, f) => sum + f.buffer.length, 0) / 1e6;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.getByRole('status').filter({ hasText: 'articles' }).waitFor();
    const before = Number((await page.getByRole('status').textContent()).split(' ')[0]);
    await page.evaluate(() => {
      const staging = document.createElement('input');
      staging.type = 'file';
      staging.multiple = true;
      staging.id = 'bench-staging';
      staging.hidden = true;
      document.body.append(staging);
    });
    await page.locator('#bench-staging').setInputFiles(chosen);
    await page.waitForTimeout(200);
    const started = Date.now();
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
      }).observe({ type: 'longtask', buffered: false });
      const open = document.querySelector('input[type=file]:not([webkitdirectory]):not(#bench-staging)');
      open.files = document.getElementById('bench-staging').files;
      open.dispatchEvent(new Event('change', { bubbles: true }));
    });
    const total = before + chosen.length;
    await page.getByRole('status').filter({ hasText: `${total} article` }).waitFor({ timeout: 600_000 });
    const listed = Date.now() - started;
    await page.locator('.site-footer').waitFor({ timeout: 600_000 });
    const stored = Date.now() - started;
    await page.waitForTimeout(300);
    const longest = await page.evaluate(() => window.__longest);
    const what = which === 'big' ? `one ${megabytes.toFixed(1)} MB article` : `${which} files (${megabytes.toFixed(1)} MB)`;
    console.log(
      `import: ${what} listed in ${(listed / 1000).toFixed(2)} s, stored in IndexedDB in ${(stored / 1000).toFixed(2)} s; longest main-thread task ${Math.round(longest)} ms`,
    );
    await context.close();
  }
});
