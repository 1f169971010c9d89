// A file that crashes or stalls the parser: it is listed with a note naming it, the rest of the
// drop is read, the app starts again after a reload without touching it, and "Try again" reads it.
//
// No file crashes today's engine, so the parsing worker is wrapped (through its loader script,
// which the test serves) in a double that behaves as a parser bug would on two file names:
// `stall.md` makes it spin for ever, `trap.md` makes it throw. Everything else is Lectern's
// own worker, and the page's watchdog is the real one.
import { test, expect } from './fixtures.mjs';

const DOUBLE = `
// Test double: parse jobs naming stall.md or trap.md are parsed up to that file, then the worker
// stalls or crashes. Each parse job it sees is told to the test on a BroadcastChannel; other
// jobs (reading a drop's files, warming up) go to the worker as they are. A message is [the job
// as JSON, its files] (src/parse_job/wire.rs).
const probe = new BroadcastChannel('lectern-test-probe');
let real = null;
Object.defineProperty(self, 'onmessage', { configurable: true, get: () => real, set: (h) => { real = h; } });
self.addEventListener('message', (event) => {
  const [header, files] = event.data;
  const job = JSON.parse(header);
  if (!job.task.Parse && !job.task.ParseEach) return real(event);
  probe.postMessage(job.paths);
  const bad = job.paths.findIndex((p) => /(^|\\/)(stall|trap)\\.md$/.test(p));
  if (bad < 0) return real(event);
  real({ data: [JSON.stringify({ ...job, paths: job.paths.slice(0, bad) }), files.slice(0, bad)] });
  if (job.paths[bad].endsWith('stall.md')) { for (;;) {} }
  throw new Error('simulated parser trap');
});
`;

const file = (name, text) => ({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });

test.use({ expectedConsoleError: /simulated parser trap/ });

/// Serves the parsing worker wrapped in the double.
async function withTheDouble(page) {
  await page.route('**/worker-loader.js*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: DOUBLE + (await response.text()) });
  });
}

test('a file that stops the parser is set aside, and the app still starts', async ({ page }) => {
  await withTheDouble(page);
  // What the worker is asked to parse, as the double reports it.
  await page.addInitScript(() => {
    window.__jobs = [];
    new BroadcastChannel('lectern-test-probe').onmessage = (event) => window.__jobs.push(...event.data);
  });
  await page.goto('./');
  const status = page.getByRole('status');
  await expect(status).toHaveText('12 articles');
  await page.getByLabel('Open files').setInputFiles([
    file('first.md', '# First\n\nRead before the stall.'),
    file('stall.md', '# Stall\n\nThe double spins on this one.'),
    file('middle.md', '# Middle\n\nRead by a fresh worker.'),
    file('trap.md', '# Trap\n\nThe double throws on this one.'),
    file('last.md', '# Last\n\nRead after the trap.'),
  ]);
  // The stall costs the watchdog's budget (5 s) before the rest goes to a new worker.
  await expect(status).toHaveText('17 articles', { timeout: 20_000 });
  for (const [name, text] of [['First', 'Read before the stall.'], ['Middle', 'Read by a fresh worker.'], ['Last', 'Read after the trap.']]) {
    await page.evaluate((id) => { location.hash = `#/read/dropped/${id}`; }, name.toLowerCase());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.locator('.reader-body')).toHaveText(text);
  }
  await page.evaluate(() => { location.hash = '#/read/dropped/stall'; });
  await expect(page.locator('article.reader')).toContainText('ran too long');
  await page.evaluate(() => { location.hash = '#/read/dropped/trap'; });
  await expect(page.locator('article.reader')).toContainText('crashed');

  // The next start lists everything at once: the articles read before come back as they were
  // stored (this build parsed them), and the set-aside files are never given to the parser.
  await page.evaluate(() => { location.hash = '#/'; });
  await page.reload();
  await expect(status).toHaveText('17 articles');
  await page.evaluate(() => { location.hash = '#/read/dropped/middle'; });
  await expect(page.locator('.reader-body')).toHaveText('Read by a fresh worker.');
  const asked = await page.evaluate(() => window.__jobs);
  expect(asked).not.toContain('middle.md');
  expect(asked).not.toContain('stall.md');
  expect(asked).not.toContain('trap.md');
  await page.evaluate(() => { location.hash = '#/read/dropped/stall'; });
  await expect(page.locator('article.reader')).toContainText('earlier visit');

  // With the real worker again, "Try again" reads it; and it stays read after a reload.
  await page.unroute('**/worker-loader.js*');
  await page.evaluate(() => { location.hash = '#/'; });
  await page.reload();
  await expect(status).toHaveText('17 articles');
  await page.evaluate(() => { location.hash = '#/read/dropped/stall'; });
  await page.getByText('About this file', { exact: true }).click();
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.locator('.reader-body')).toHaveText('The double spins on this one.');
  await page.reload();
  await expect(page.locator('.reader-body')).toHaveText('The double spins on this one.');
});

// A worker sends its answers a few at a time: when it stops, it may have parsed files past the
// first one the page has no answer for. The rest is parsed again a file at a time, so the
// file to blame is found, and no other is.
test('a file that stops the parser first in a batch is the only one set aside', async ({ page }) => {
  await withTheDouble(page);
  await page.goto('./');
  const status = page.getByRole('status');
  await expect(status).toHaveText('12 articles');
  const fine = Array.from({ length: 23 }, (_, n) => file(`fine-${n}.md`, `# Fine ${n}\n\nParsed whole.`));
  await page.getByLabel('Open files').setInputFiles([file('trap.md', '# Trap\n\nThe double throws on this one.'), ...fine]);
  await expect(status).toHaveText('36 articles', { timeout: 20_000 });
  await page.evaluate(() => { location.hash = '#/read/dropped/trap'; });
  await expect(page.locator('article.reader')).toContainText('crashed');
  for (const n of [0, 1, 2, 22]) {
    await page.evaluate((id) => { location.hash = `#/read/dropped/${id}`; }, `fine-${n}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Fine ${n}`);
    await expect(page.locator('.reader-body')).toHaveText('Parsed whole.');
  }
});
