// What the browser benchmarks share: a static server for a folder on loopback, headless
// Chromium, and handing files to a page's file input as a reader's browser does.
//
//   withBrowser(dir, port, run, mounts, { h2 })
//                                        serves `dir` gzipped, as hosts do (and each folder of
//                                        `mounts`, URL prefix to folder, beside it; with `h2`,
//                                        over HTTP/2 and TLS, see serve.mjs), launches the
//                                        browser, calls `run(browser, origin)` and tears both
//                                        down, whatever happens
//   asInputFiles(files)                  files ({ name, text }) as Playwright sets them
//   stage(page, files)                   puts files in a hidden input of the page, ahead of
//                                        any measurement
//   handOver(page, selector)             gives the staged files to the input `selector` with a
//                                        change event, and from then on keeps the longest
//                                        main-thread task in `window.__longest`
//   NINE_MBPS, throttle(context, page, link)
//                                        a 9 Mbps / 40 ms link (start.mjs's), and putting a
//                                        page on a link with DevTools' network emulation
//   writeSection(title, about, rows)   one section of BENCHMARKS.md, as JSON where `cargo
//                                        xtask bench` asks for it (LECTERN_BENCH_JSON): a
//                                        table of `rows` (objects, one key per column)
//   SETTLE_MS                            how long a benchmark's page is open before a drop
//                                        (its parsing workers started and warmed up)
//   OPEN_FILES                           the selector of Lectern's "Open files" input
//   watchLibrary(page, total)            sets `window.__listed` and `window.__searchable`:
//                                        promises of the milliseconds from the hand-over until
//                                        `total` articles are listed, and until searchable
//                                        too, read from DOM changes (no polling on the page)
//   importIntoLectern(context, origin, files, settleMs = 0)
//                                        opens Lectern, waits `settleMs` once it lists its
//                                        library, hands `files` to its "Open files" input
//                                        and resolves once they are listed (and so searchable:
//                                        the app indexes what it lists), with the page, the
//                                        milliseconds from the hand-over and the page's own
//                                        thread's busy milliseconds meanwhile
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVE = resolve(dirname(fileURLToPath(import.meta.url)), '../e2e/serve.mjs');

export async function withBrowser(dir, port, run, mounts = {}, { h2 = false } = {}) {
  const mounted = Object.entries(mounts).flatMap(([prefix, folder]) => ['--mount', `${prefix}=${folder}`]);
  const flags = ['--gzip', ...(h2 ? ['--h2'] : [])];
  const server = spawn('node', [SERVE, dir, String(port), ...mounted, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
  // Its first line names the origin (https when it serves HTTP/2).
  const origin = await new Promise((resolve, reject) => {
    server.stdout.once('data', (line) => resolve(/at (https?:\/\/[^/\s]+)/.exec(String(line))?.[1]));
    server.once('exit', (code) => reject(new Error(`the server stopped (${code})`)));
  });
  if (origin.startsWith('https:')) {
    // The certificate is the server's own, made for this run: Node's fetch (warming the
    // server's cache) and the browser accept it.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  }
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--ignore-certificate-errors'],
  });
  try {
    await run(browser, origin);
  } finally {
    await browser.close();
    server.kill();
  }
}

export const asInputFiles = (files) =>
  files.map(({ name, text }) => ({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) }));

// Setting 10 000 files costs Playwright seconds of the page's main thread, so they are set on a
// hidden input first and only their hand-over to the page's own input is measured.
export async function stage(page, files) {
  await page.evaluate(() => {
    const staging = document.createElement('input');
    staging.type = 'file';
    staging.multiple = true;
    staging.id = 'bench-staging';
    staging.hidden = true;
    document.body.append(staging);
  });
  await page.locator('#bench-staging').setInputFiles(asInputFiles(files));
  await page.waitForTimeout(200);
}

export async function handOver(page, selector) {
  await page.evaluate((selector) => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
    window.__handedOver = performance.now();
    const input = document.querySelector(selector);
    input.files = document.getElementById('bench-staging').files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, selector);
}

// A reader drops files on a page that has been open a moment: each page is given this long
// once it has loaded (Lectern: once it lists its library; its parsing workers start and warm
// up meanwhile, src/bin/lectern-worker/warm_up.rs) before the files are handed over.
export const SETTLE_MS = 3000;

export const OPEN_FILES = 'input[type=file]:not([webkitdirectory]):not(#bench-staging)';

export async function watchLibrary(page, total) {
  // The count is read the moment it changes, not when Playwright next polls; searchable once
  // the library is no longer busy (its articles' text is indexed when the page is idle). Only
  // the list's head (where the count is: an import's progress takes its place for a while) and
  // the list's busy mark are watched: observing the whole page, cards and all, would add the
  // harness's own work to the tasks that change the list.
  await page.evaluate((total) => {
    const library = document.getElementById('library-count').closest('section');
    const listed = () => (document.getElementById('library-count')?.textContent ?? '').startsWith(`${total} article`);
    const watch = (done, ready) => {
      const observer = new MutationObserver(() => ready() && done(performance.now() - window.__handedOver));
      observer.observe(library.querySelector('.library-head'), { childList: true, characterData: true, subtree: true });
      observer.observe(library, { attributes: true, attributeFilter: ['aria-busy'] });
    };
    window.__listed = new Promise((done) => watch(done, listed));
    window.__searchable = new Promise((done) => watch(done, () => listed() && !library.hasAttribute('aria-busy')));
  }, total);
}

export async function importIntoLectern(context, origin, files, settleMs = 0) {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  const status = page.getByRole('status');
  await status.filter({ hasText: 'articles' }).waitFor();
  await page.waitForTimeout(settleMs);
  const total = Number((await status.textContent()).split(' ')[0]) + files.length;
  await stage(page, files);
  await watchLibrary(page, total);
  // The page's own thread's busy time (DevTools' TaskDuration), from the hand-over until
  // searchable: what of that time the page worked rather than waited (for the workers, for
  // storage). Read a moment after searchable, so a few milliseconds of what follows may count.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskTime = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
  const before = await taskTime();
  await handOver(page, OPEN_FILES);
  const listedMs = await page.evaluate(() => window.__listed);
  const ms = await page.evaluate(() => window.__searchable);
  return { page, listedMs, ms, busyMs: (await taskTime()) - before };
}

export const NINE_MBPS = { latency: 40, download: 9e6 / 8, upload: 9e6 / 8 };

export async function throttle(context, page, link) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: link.latency,
    downloadThroughput: link.download,
    uploadThroughput: link.upload,
  });
}

export function writeSection(title, about, rows) {
  const out = process.env.LECTERN_BENCH_JSON;
  if (out) writeFileSync(out, `${JSON.stringify({ title, about, rows }, null, 2)}\n`);
}
