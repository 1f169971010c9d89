// Import benchmark: how long Lectern takes to take in N dropped files, in headless Chromium,
// and the longest main-thread task meanwhile. Run by `cargo xtask bench` against dist/.
//
//   node tests/bench/import.mjs <dist> <count>...
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const [dist, ...counts] = process.argv.slice(2);
const here = dirname(fileURLToPath(import.meta.url));
const port = 4190;
const server = spawn('node', [resolve(here, '../e2e/serve.mjs'), dist, String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));

const words = ['reading', 'articles', '文章', '阅读', 'browser', '浏览器', 'library', '搜索'];
const article = (n) =>
  `---\ntitle: "Imported ${n}"\ndate: 2020-01-${String(1 + (n % 28)).padStart(2, '0')}\ntags: [bench]\n---\n\n` +
  Array.from({ length: 40 }, (_, i) => words[(n + i) % words.length]).join(' ') + '\n';

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const count of counts.map(Number)) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('status').filter({ hasText: 'articles' }).waitFor();
    const before = Number((await page.getByRole('status').textContent()).split(' ')[0]);
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
      }).observe({ type: 'longtask', buffered: false });
    });
    const files = Array.from({ length: count }, (_, n) => ({
      name: `bench-${n}.md`,
      mimeType: 'text/markdown',
      buffer: Buffer.from(article(n)),
    }));
    const started = Date.now();
    await page.getByLabel('Open files').setInputFiles(files);
    await page.getByRole('status').filter({ hasText: `${before + count} articles` }).waitFor({ timeout: 600_000 });
    const listed = Date.now() - started;
    await page.locator('.site-footer').waitFor({ timeout: 600_000 });
    const stored = Date.now() - started;
    const longest = await page.evaluate(() => window.__longest);
    console.log(
      `import: ${count} files listed in ${(listed / 1000).toFixed(2)} s, stored in IndexedDB in ${(stored / 1000).toFixed(2)} s; longest main-thread task ${Math.round(longest)} ms`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
