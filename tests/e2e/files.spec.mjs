// A reader brings their own files: through "Open files", or by dropping them on the page.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';

const NOTE = `---
title: My dropped note
date: 2030-01-02 09:00
tags: [mine]
---

Written on my own machine.
`;

/// The result of one request (`method`, e.g. `getAll` or `count`) on a store of Lectern's
/// database, made in the page; `null` when the database has no such store (yet).
const stored = (page, store, method) =>
  page.evaluate(
    ([store, method]) =>
      new Promise((done, fail) => {
        const open = indexedDB.open('lectern');
        open.onsuccess = () => {
          if (![...open.result.objectStoreNames].includes(store)) return (open.result.close(), done(null));
          const request = open.result.transaction(store).objectStore(store)[method]();
          request.onsuccess = () => (open.result.close(), done(request.result));
          request.onerror = fail;
        };
        open.onerror = fail;
      }),
    [store, method],
  );

test('opening files adds them to the library and names what was skipped', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.getByLabel('Open files').setInputFiles([
    { name: 'note.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTE) },
    { name: 'slides.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
  ]);
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await expect(page.locator('.notice')).toContainText('skipped 1 file (not an article or an image): slides.pdf');
  // Dated 2030, it is the newest.
  await expect(page.locator('article h2 a').first()).toHaveText('My dropped note');
  await page.getByRole('link', { name: 'My dropped note' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My dropped note');
  await expect(page.locator('.reader-body')).toHaveText('Written on my own machine.');
});

test('a GBK file reads as Chinese, parsed by the worker off the page', async ({ page }) => {
  const requested = [];
  page.context().on('request', (request) => requested.push(request.url()));
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  // A UTF-8 file needs no detector of legacy encodings: it is not downloaded.
  await page.getByLabel('Open files').setInputFiles([{ name: 'note.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTE) }]);
  await expect(page.getByRole('status')).toHaveText('13 articles');
  const detector = () => requested.filter((url) => url.includes('/lectern-detect.wasm'));
  expect(detector()).toEqual([]);
  const gbk = await readFile(new URL('../../crates/articles/tests/fixtures/edge/gbk-encoded.md', import.meta.url));
  await page.getByLabel('Open files').setInputFiles([{ name: 'gbk-encoded.md', mimeType: 'text/markdown', buffer: gbk }]);
  await page.getByRole('link', { name: 'GBK 编码的文章' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('GBK 编码的文章');
  const workers = page.workers().map((worker) => worker.url());
  // The worker is started with this build's name, which its own files are fetched with, so a
  // cached worker of another build is never used; the detector too, once, when a file needs it.
  const build = (await page.locator('link[rel=modulepreload]').getAttribute('href')).match(/lectern-[0-9a-f]+/)[0];
  expect(workers.some((url) => url.endsWith(`/worker-loader.js?v=${build}`)), workers.join('\n')).toBe(true);
  for (const file of ['lectern-worker.js', 'lectern-worker_bg.wasm']) {
    expect(requested.some((url) => url.endsWith(`/${file}?v=${build}`)), requested.join('\n')).toBe(true);
  }
  expect(detector().map((url) => new URL(url).search)).toEqual([`?v=${build}`]);
  // Read in the wrong encoding on purpose, then in the right one again.
  await page.getByText('About this file').click();
  const encoding = page.getByLabel('Read as');
  await expect(encoding).toHaveValue('GBK');
  await encoding.selectOption('windows-1252');
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('GBK 编码的文章');
  await expect(page.getByLabel('Read as')).toHaveValue('windows-1252');
  await page.getByLabel('Read as').selectOption('GBK');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('GBK 编码的文章');
});

const MATH = `---
title: Euler and friends
---

Inline $e^{i\\pi} + 1 = 0$, and a block:

$$\\sum_{n=1}^{\\infty} \\frac{1}{n^2} = \\frac{\\pi^2}{6}$$

And one that is not TeX: $\\badcommand$.
`;

test('TeX math renders as MathML: its module is fetched once an article has a formula', async ({ page }) => {
  const requested = [];
  page.context().on('request', (request) => requested.push(request.url()));
  const math = () => requested.filter((url) => url.includes('/lectern-math.wasm'));
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.getByLabel('Open files').setInputFiles([{ name: 'note.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTE) }]);
  await expect(page.getByRole('status')).toHaveText('13 articles');
  expect(math()).toEqual([]);
  await page.getByLabel('Open files').setInputFiles([{ name: 'euler.md', mimeType: 'text/markdown', buffer: Buffer.from(MATH) }]);
  await page.getByRole('link', { name: 'Euler and friends' }).click();
  const body = page.locator('.reader-body');
  await expect(body.locator('math[display="inline"]')).toHaveCount(1);
  await expect(body.locator('math[display="block"] mfrac')).toHaveCount(2);
  // The formula that does not parse stays as its source, and the notes say why.
  await expect(body.locator('code')).toHaveText('\\badcommand');
  await expect(page.getByRole('complementary', { name: 'Notes about this file' })).toContainText('could not be read');
  const build = (await page.locator('link[rel=modulepreload]').getAttribute('href')).match(/lectern-[0-9a-f]+/)[0];
  expect(math().map((url) => new URL(url).search)).toEqual([`?v=${build}`]);
});

const TOML = `+++
title = "Written for Hugo"
date = 2023-05-10T08:30:00+08:00
tags = ["toml", "hugo"]
+++

A page as Hugo writes them.
`;

test('TOML front matter is read by its module, fetched once a file has it', async ({ page }) => {
  const requested = [];
  page.context().on('request', (request) => requested.push(request.url()));
  const toml = () => requested.filter((url) => url.includes('/lectern-toml.wasm'));
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.getByLabel('Open files').setInputFiles([{ name: 'note.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTE) }]);
  await expect(page.getByRole('status')).toHaveText('13 articles');
  expect(toml()).toEqual([]);
  await page.getByLabel('Open files').setInputFiles([{ name: 'hugo-page.md', mimeType: 'text/markdown', buffer: Buffer.from(TOML) }]);
  await page.getByRole('link', { name: 'Written for Hugo' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Written for Hugo');
  await expect(page.locator('article time').first()).toHaveAttribute('datetime', /^2023-05-10/);
  await expect(page.getByRole('complementary', { name: 'Notes about this file' })).toHaveCount(0);
  const build = (await page.locator('link[rel=modulepreload]').getAttribute('href')).match(/lectern-[0-9a-f]+/)[0];
  expect(toml().map((url) => new URL(url).search)).toEqual([`?v=${build}`]);
});

test('a link to an internationalised host is kept, its host written as the browser sends it', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  const note = '---\ntitle: 中文链接\n---\n\n见<a href="https://中文.com/新闻">中文网</a>，也见[慕尼黑](https://münchen.de/)。\n';
  await page.getByLabel('Open files').setInputFiles([{ name: 'idn.md', mimeType: 'text/markdown', buffer: Buffer.from(note) }]);
  await page.getByRole('link', { name: '中文链接' }).click();
  await expect(page.getByRole('link', { name: '中文网' })).toHaveAttribute('href', 'https://xn--fiq228c.com/新闻');
  // Read by the browser, it is the very host the article wrote.
  expect(await page.getByRole('link', { name: '中文网' }).evaluate((a) => a.hostname)).toBe('xn--fiq228c.com');
  await expect(page.getByRole('link', { name: '慕尼黑' })).toHaveAttribute('href', 'https://xn--mnchen-3ya.de/');
});

test.describe('a host that lacks the worker', () => {
  // The worker's program failing to load is said by the worker as its own error.
  test.use({ expectedConsoleError: /404|Failed to load resource|WebAssembly|status code/ });

  // Its loader, or its program (which the loader fetches, so the page hears only what the
  // loader tells it).
  for (const missing of ['worker-loader.js', 'lectern-worker_bg.wasm']) {
    test(`without ${missing}, files are kept and listed, each saying the parser could not start`, async ({ page }) => {
      await page.route(`**/${missing}*`, (route) => route.fulfill({ status: 404, body: '' }));
      await readWithoutWorker(page);
    });
  }

  test('without the archiver, a dropped zip is named as unread and the export says why', async ({ page }) => {
    await page.route('**/lectern-archiver_bg.wasm*', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto('./');
    await expect(page.getByRole('status')).toHaveText('12 articles');
    await page.getByLabel('Open files').setInputFiles([
      { name: 'trip.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\x05\x06' + '\0'.repeat(18), 'latin1') },
      { name: 'note.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTE) },
    ]);
    // The article beside it is read all the same.
    await expect(page.getByRole('status')).toHaveText('13 articles');
    await expect(page.locator('.notice')).toContainText('trip.zip');
    await expect(page.locator('.notice')).toContainText('archiver could not start');
    await page.getByRole('button', { name: 'Export my files (.zip)' }).click();
    await expect(page.locator('.notice')).toContainText('archiver could not start');
  });

  async function readWithoutWorker(page) {
    await page.goto('./');
    await expect(page.getByRole('status')).toHaveText('12 articles');
    await page.getByLabel('Open files').setInputFiles([
      { name: 'note.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTE) },
      { name: 'second.md', mimeType: 'text/markdown', buffer: Buffer.from('# Second\n\nAlso read.') },
    ]);
    // The page carries no parser of its own: nothing is lost, and the reader is told why.
    await expect(page.getByRole('status')).toHaveText('14 articles');
    await page.getByRole('link', { name: 'second', exact: true }).click();
    await expect(page.getByRole('complementary', { name: 'Notes about this file' }))
      .toContainText('parser could not start');
  }

  // As offline before the math module was ever fetched: the article is read all the same, its
  // formulas as TeX, and the reader told why.
  test('without the math module, formulas stay TeX and the article says why', async ({ page }) => {
    await page.route('**/lectern-math.wasm*', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto('./');
    await expect(page.getByRole('status')).toHaveText('12 articles');
    await page.getByLabel('Open files').setInputFiles([{ name: 'euler.md', mimeType: 'text/markdown', buffer: Buffer.from(MATH) }]);
    await page.getByRole('link', { name: 'Euler and friends' }).click();
    const body = page.locator('.reader-body');
    await expect(body.locator('code').first()).toHaveText('e^{i\\pi} + 1 = 0');
    await expect(body.locator('math')).toHaveCount(0);
    await expect(page.getByRole('complementary', { name: 'Notes about this file' }))
      .toContainText('the math module could not be loaded');
  });

  // As offline before the TOML module was ever fetched: the article is read all the same, its
  // front matter not, and the reader told why.
  test('without the TOML module, the article is read and says its front matter was not', async ({ page }) => {
    await page.route('**/lectern-toml.wasm*', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto('./');
    await expect(page.getByRole('status')).toHaveText('12 articles');
    await page.getByLabel('Open files').setInputFiles([{ name: 'hugo-page.md', mimeType: 'text/markdown', buffer: Buffer.from(TOML) }]);
    await expect(page.getByRole('status')).toHaveText('13 articles');
    await page.getByRole('link', { name: 'hugo page', exact: true }).click();
    await expect(page.locator('.reader-body')).toContainText('A page as Hugo writes them.');
    await expect(page.getByRole('complementary', { name: 'Notes about this file' }))
      .toContainText('TOML front matter could not be read here');
  });

  // As offline before the detector was ever fetched: the file is read all the same, and the
  // reader told, who can choose its encoding (the browser decodes it).
  test('without the encoding detector, a GBK file is kept, said undetected, and read once chosen', async ({ page }) => {
    await page.route('**/lectern-detect.wasm*', (route) => route.fulfill({ status: 404, body: '' }));
    await page.goto('./');
    await expect(page.getByRole('status')).toHaveText('12 articles');
    const gbk = await readFile(new URL('../../crates/articles/tests/fixtures/edge/gbk-encoded.md', import.meta.url));
    await page.getByLabel('Open files').setInputFiles([{ name: 'gbk-encoded.md', mimeType: 'text/markdown', buffer: gbk }]);
    await expect(page.getByRole('status')).toHaveText('13 articles');
    await page.goto('./#/read/dropped/gbk-encoded');
    await expect(page.getByRole('complementary', { name: 'Notes about this file' }))
      .toContainText('its encoding could not be detected');
    await page.getByText('About this file', { exact: true }).click();
    await page.getByLabel('Read as').selectOption('GBK');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('GBK 编码的文章');
  });

  // A moment offline is not for the worker's life: a detector that could not be fetched is
  // fetched again, a few seconds later, for the next file that needs it.
  test('a detector that could not be fetched is fetched again for a later file', async ({ page }) => {
    let online = false;
    const requested = [];
    await page.route('**/lectern-detect.wasm*', (route) => {
      requested.push(online);
      return online ? route.fallback() : route.fulfill({ status: 404, body: '' });
    });
    await page.goto('./');
    await expect(page.getByRole('status')).toHaveText('12 articles');
    const gbk = await readFile(new URL('../../crates/articles/tests/fixtures/edge/gbk-encoded.md', import.meta.url));
    const files = (names) => names.map((name) => ({ name, mimeType: 'text/markdown', buffer: gbk }));
    const title = page.getByRole('link', { name: 'GBK 编码的文章' });
    // Dealt to the parsing workers in turn: each of them tries, and fails.
    await page.getByLabel('Open files').setInputFiles(files(['a.md', 'b.md', 'c.md', 'd.md']));
    await expect(page.getByRole('status')).toHaveText('16 articles');
    await expect(title).toHaveCount(0);
    expect(requested.length).toBeGreaterThan(0);
    online = true;
    await page.waitForTimeout(5_500);
    await page.getByLabel('Open files').setInputFiles(files(['e.md', 'f.md']));
    await expect(page.getByRole('status')).toHaveText('18 articles');
    await expect(title).toHaveCount(2);
    expect(requested).toContain(true);
  });
});

test('dropping a file anywhere on the page adds it', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.md', { type: 'text/markdown' }));
    return transfer;
  }, '# Dropped by hand\n\nHello from a drop.');
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await expect(page.locator('.drop-overlay')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.locator('.drop-overlay')).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await page.getByRole('link', { name: 'Dropped by hand' }).click();
  await expect(page.locator('.reader-body')).toHaveText('Hello from a drop.');
});

test('hostile front matter and HTML stay inert', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    return dialog.dismiss();
  });
  await page.goto('./');
  const hostile = [
    '---',
    'title: "<img src=x onerror=alert(1)>"',
    '---',
    '',
    '<script>alert(3)</script>',
    '<img src="data:x" onerror="alert(4)">',
    '<a href="javascript:alert(6)">x</a>',
  ].join('\n');
  await page.getByLabel('Open files').setInputFiles([
    { name: 'xss.md', mimeType: 'text/markdown', buffer: Buffer.from(hostile) },
  ]);
  await page.getByRole('link', { name: '<img src=x onerror=alert(1)>' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<img src=x onerror=alert(1)>');
  await expect(page.locator('.reader-body script, .reader-body [onerror]')).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test('a reloaded library is indexed a slice at a time until its last article is found', async ({ page }) => {
  // Some 900 KB of text: several slices of indexing after a reload, none of which changes
  // what is shown until the last (the list is busy until then), with nothing typed.
  const words = 'Words of a kept note, read again after a reload. '.repeat(45);
  const notes = Array.from({ length: 400 }, (_, n) => ({
    name: `note-${n}.md`,
    mimeType: 'text/markdown',
    buffer: Buffer.from(`# Kept note ${n}\n\n${words}\n\nunusualword${n}\n`),
  }));
  await page.goto('./');
  await page.getByLabel('Open files').setInputFiles(notes);
  await expect(page.getByRole('status')).toHaveText('412 articles');
  await expect(page.locator('.site-footer')).toContainText('MB of this browser’s storage');

  await page.reload();
  await expect(page.getByRole('status')).toHaveText('412 articles');
  await expect(page.locator('section.library')).not.toHaveAttribute('aria-busy', 'true', { timeout: 20_000 });
  await page.getByRole('searchbox', { name: 'Search' }).fill('unusualword399');
  await expect(page.getByRole('status')).toHaveText('1 article');
  await expect(page.getByRole('link', { name: 'Kept note 399' })).toBeVisible();
});

test('dropped articles survive a reload; a removal sticks, and can be undone', async ({ page }) => {
  await page.goto('./');
  await page.getByLabel('Open files').setInputFiles([
    { name: 'keep.md', mimeType: 'text/markdown', buffer: Buffer.from('# Keep me\n\nStill here.') },
    { name: 'drop.md', mimeType: 'text/markdown', buffer: Buffer.from('# Remove me\n\nGoing.') },
  ]);
  await expect(page.getByRole('status')).toHaveText('14 articles');
  await expect(page.locator('.site-footer')).toContainText('MB of this browser’s storage');

  await page.reload();
  await expect(page.getByRole('status')).toHaveText('14 articles');
  await page.getByRole('link', { name: 'Keep me' }).click();
  await expect(page.locator('.reader-body')).toHaveText('Still here.');

  await page.goto('./#/read/dropped/drop');
  await page.getByRole('button', { name: 'Remove from library' }).click();
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status')).toHaveText('14 articles');
  await page.goto('./#/read/dropped/drop');
  await page.getByRole('button', { name: 'Remove from library' }).click();
  await expect(page.locator('.notice')).toContainText('Removed “Remove me”');
  // The removed article's page gives way to the library; its address follows the screen (the
  // address is written after the render that shows the notice).
  await expect(page).toHaveURL(/#\/$/);

  await page.reload();
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await expect(page.getByRole('link', { name: 'Remove me' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Keep me' })).toHaveCount(1);
});

test('a library kept by an earlier version lists after a reload, then from its stored summaries', async ({ page }) => {
  // Storage as version 1 left it: one store of files, no summaries beside them.
  await page.goto('./icon.svg');
  await page.evaluate(
    () =>
      new Promise((done, fail) => {
        const open = indexedDB.open('lectern', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('files', { keyPath: 'path' });
        open.onsuccess = () => {
          const transaction = open.result.transaction('files', 'readwrite');
          const bytes = new TextEncoder().encode('---\ntitle: Kept by an older version\n---\n\nAn unusual word: quillwort.\n');
          transaction.objectStore('files').put({ path: 'old.md', bytes });
          transaction.oncomplete = () => (open.result.close(), done());
          transaction.onerror = fail;
        };
        open.onerror = fail;
      }),
  );
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('13 articles');
  const listing = async () =>
    (await stored(page, 'listing', 'getAll'))?.map((r) => [r.path, JSON.parse(r.summary).title]) ?? null;
  // Parsed now, and stored with what the library lists of it.
  await expect.poll(listing).toEqual([['old.md', 'Kept by an older version']]);

  await page.reload();
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await page.getByRole('searchbox', { name: 'Search' }).fill('quillwort');
  await expect(page.getByRole('status')).toHaveText('1 article');
  await page.getByRole('link', { name: 'Kept by an older version' }).click();
  await expect(page.locator('.reader-body')).toHaveText('An unusual word: quillwort.');
});

test('a "remove all" while a kept library is parsed again stays removed after a reload', async ({ page }) => {
  // Kept by an earlier version (no parsed articles beside the files): after a reload each
  // file is parsed again, and stored again with its article once all are. The small files are
  // listed while the last, a large one, is still parsed.
  await page.goto('./icon.svg');
  await page.evaluate(
    (count) =>
      new Promise((done, fail) => {
        const open = indexedDB.open('lectern', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('files', { keyPath: 'path' });
        open.onsuccess = () => {
          const transaction = open.result.transaction('files', 'readwrite');
          const files = transaction.objectStore('files');
          const note = (title, paragraphs) =>
            new TextEncoder().encode(`---\ntitle: ${title}\n---\n\n${'A paragraph of a kept note.\n\n'.repeat(paragraphs)}`);
          for (let n = 0; n < count; n++) files.put({ path: `kept/${n}.md`, bytes: note(`Kept note ${n}`, 5) });
          files.put({ path: 'large.md', bytes: note('A large kept note', 200_000) });
          transaction.oncomplete = () => (open.result.close(), done());
          transaction.onerror = fail;
        };
        open.onerror = fail;
      }),
    200,
  );
  await page.goto('./');
  // As soon as the first kept files are listed, while the large one is parsed.
  await page.getByRole('button', { name: 'Remove all my files' }).click();
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  const kept = () => stored(page, 'files', 'count');
  // The parsed files' storing comes after the parsing: give it time to (wrongly) land.
  for (let check = 0; check < 10; check++) {
    expect(await kept()).toBe(0);
    await page.waitForTimeout(100);
  }
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await expect(page.getByRole('link', { name: 'Kept note 1' })).toHaveCount(0);
});

test('a large file and its article (kept as blobs) come back whole after a reload', async ({ page }) => {
  const paragraph = '长文的一段。A long paragraph of a large article, stored out of line.\n\n';
  const big = `# A large article\n\n${paragraph.repeat(20_000)}The very last words.\n`;
  expect(big.length).toBeGreaterThan(1 << 20);
  await page.goto('./');
  await page.getByLabel('Open files').setInputFiles([{ name: 'large.md', mimeType: 'text/markdown', buffer: Buffer.from(big) }]);
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await expect(page.locator('.site-footer')).toContainText('MB of this browser’s storage');
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await page.getByRole('link', { name: 'A large article' }).click();
  await expect(page.locator('.reader-body p').last()).toHaveText('The very last words.');
  const stored = await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('lectern');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('files').objectStore('files').get('large.md');
          get.onsuccess = () => {
            const { bytes, parsed } = get.result;
            resolve([bytes instanceof Blob, bytes.size, parsed.body instanceof Blob, 'html' in parsed]);
          };
        };
      }),
  );
  // The article's HTML and text are one blob too, not strings copied into the record.
  expect(stored).toEqual([true, Buffer.byteLength(big), true, false]);
  // Read back from that blob: the article as it was, searchable (a huge article in its first
  // half megabyte: see `state/listing.rs`).
  await page.goto('./');
  await page.getByRole('searchbox', { name: 'Search' }).fill('"long paragraph of a large article"');
  await expect(page.getByRole('status')).toHaveText('1 article');
});

test('the same file dropped twice is one article; a changed version replaces it', async ({ page }) => {
  await page.goto('./');
  const drop = (text) =>
    page.getByLabel('Open files').setInputFiles([
      { name: 'twice.md', mimeType: 'text/markdown', buffer: Buffer.from(text) },
    ]);
  await drop('# Twice\n\nfirst');
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await drop('# Twice\n\nfirst');
  await expect(page.locator('.notice')).toContainText('1 already in the library');
  await drop('# Twice\n\nsecond');
  await expect(page.locator('.notice')).toContainText('1 replaced by a newer version');
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await page.getByRole('link', { name: 'Twice' }).click();
  await expect(page.locator('.reader-body')).toHaveText('second');
});

test('two files of one name picked together are both kept; the notice says so', async ({ page }) => {
  await page.goto('./');
  // "Open files" gives names without folders: a Hugo site's blog/dnstap.md and plugins/dnstap.md.
  await page.getByLabel('Open files').setInputFiles([
    { name: 'dnstap.md', mimeType: 'text/markdown', buffer: Buffer.from('# dnstap on the blog\n\nA post.') },
    { name: 'dnstap.md', mimeType: 'text/markdown', buffer: Buffer.from('# The dnstap plugin\n\nA plugin page.') },
  ]);
  await expect(page.getByRole('status')).toHaveText('14 articles');
  await expect(page.locator('.notice')).toContainText('1 kept beside one of the same name: dnstap (2).md');
  await page.getByRole('link', { name: 'The dnstap plugin' }).click();
  await expect(page.locator('.reader-body')).toHaveText('A plugin page.');
  await page.goBack();
  await page.getByRole('link', { name: 'dnstap on the blog' }).click();
  await expect(page.locator('.reader-body')).toHaveText('A post.');
});

test('a folder keeps its pictures, shown beside its articles', async ({ page }, testInfo) => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  // A script cannot drop a folder in Chromium, so the folder goes through "Open folder".
  const folder = testInfo.outputPath('blog');
  await mkdir(join(folder, 'posts', 'images'), { recursive: true });
  await writeFile(join(folder, 'posts', 'trip.md'), '# Trip\n\n![the view](images/view.png)\n');
  await writeFile(join(folder, 'posts', 'images', 'view.png'), png);
  await writeFile(join(folder, 'notes.pdf'), 'not an article');
  await page.goto('./');
  await page.getByLabel('Open folder').setInputFiles(folder);
  await expect(page.locator('.notice')).toContainText('notes.pdf');
  await page.getByRole('link', { name: 'Trip' }).click();
  const picture = page.getByRole('img', { name: 'the view' });
  await expect(picture).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => picture.evaluate((img) => img.complete && img.naturalWidth)).toBe(1);
  await page.reload();
  await expect(page.getByRole('img', { name: 'the view' })).toHaveAttribute('src', /^blob:/);
});

test('when storage is full the reader is told, and nothing stored is lost', async ({ page }) => {
  // DevTools' Storage.overrideQuotaForOrigin is not enforced by this Chromium: accepted on a page
  // session ("Internal error" on the browser's), yet navigator.storage.estimate() keeps its
  // 10 GiB and a 600 kB put commits under a 100 kB override, in a persistent profile too. So the
  // quota error is raised the way the browser raises it: from IDBObjectStore.put, on demand.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args) {
      // The second file of a drop overflows, after the first was queued.
      if (window.__storageFull && (window.__puts = (window.__puts ?? 0) + 1) > 1) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    };
  });
  await page.goto('./');
  await page.getByLabel('Open files').setInputFiles([
    { name: 'safe.md', mimeType: 'text/markdown', buffer: Buffer.from('# Safe\n\nStored first.') },
  ]);
  await expect(page.locator('.site-footer')).toContainText('storage');
  await page.evaluate(() => {
    window.__storageFull = true;
  });
  await page.getByLabel('Open files').setInputFiles([
    { name: 'big.md', mimeType: 'text/markdown', buffer: Buffer.from('# Too big\n\nWill not fit.') },
    { name: 'also.md', mimeType: 'text/markdown', buffer: Buffer.from('# Also new\n\nSame drop.') },
  ]);
  await expect(page.locator('.notice')).toContainText('could not be kept in this browser (QuotaExceededError');
  // Still readable in this tab.
  await page.getByRole('link', { name: 'Too big' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Too big');

  await page.goto('./');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Safe' })).toHaveCount(1);
  // The failed drop was not half-written.
  await expect(page.getByRole('link', { name: 'Too big' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Also new' })).toHaveCount(0);
});

test('export, remove everything, import the zip: the same files, byte for byte', async ({ page }, testInfo) => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  const folder = testInfo.outputPath('trip');
  await mkdir(join(folder, 'img'), { recursive: true });
  await writeFile(join(folder, 'day1.md'), '# Day one\n\n![beach](img/beach.png)\n');
  await writeFile(join(folder, 'day2.md'), Buffer.from([0xef, 0xbb, 0xbf, ...Buffer.from('# Day two\r\n\r\nBOM and CRLF kept.')]));
  await writeFile(join(folder, 'img', 'beach.png'), png);
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('./');
  await page.getByLabel('Open folder').setInputFiles(folder);
  await expect(page.getByRole('status')).toHaveText('14 articles');
  // Archives are the archiver's, a worker program of its own that no one downloads before
  // they need it: fetched by the first export, of this build.
  const archiver = () => requested.filter((url) => /\/lectern-archiver[._]/.test(url));
  expect(archiver()).toEqual([]);

  const exportOnce = async (name) => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export my files (.zip)' }).click();
    const file = testInfo.outputPath(name);
    await (await download).saveAs(file);
    return readFile(file);
  };
  const first = await exportOnce('first.zip');
  const build = (await page.locator('link[rel=modulepreload]').getAttribute('href')).match(/lectern-[0-9a-f]+/)[0];
  expect(archiver().map((url) => url.split('/').pop()).sort()).toEqual([
    `lectern-archiver.js?v=${build}`,
    `lectern-archiver_bg.wasm?v=${build}`,
  ]);
  expect(requested.some((url) => url.includes('/lectern-publisher'))).toBe(false);

  await page.getByRole('button', { name: 'Remove all my files' }).click();
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('12 articles');

  await page.getByLabel('Open files').setInputFiles(testInfo.outputPath('first.zip'));
  await expect(page.getByRole('status')).toHaveText('14 articles');
  await page.getByRole('link', { name: 'Day one' }).click();
  await expect(page.getByRole('img', { name: 'beach' })).toHaveAttribute('src', /^blob:/);
  await page.goto('./');
  const second = await exportOnce('second.zip');
  expect(second.equals(first), 'the re-exported archive is identical').toBe(true);
});

test('pasting Markdown text makes an article of it', async ({ page }) => {
  await page.goto('./');
  // A paste before the app has started is the browser's, not Lectern's.
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.evaluate(() => {
    const clipboard = new DataTransfer();
    clipboard.setData('text/plain', '# Pasted note\n\nFrom the clipboard.');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true }));
  });
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await page.getByRole('link', { name: 'Pasted note' }).click();
  await expect(page.locator('.reader-body')).toHaveText('From the clipboard.');
  // Typing in the search field is not pasting an article.
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await page.getByRole('searchbox', { name: 'Search' }).focus();
  await page.evaluate(() => {
    const clipboard = new DataTransfer();
    clipboard.setData('text/plain', 'just a query');
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true }));
  });
  await expect(page.getByRole('status')).toHaveText('13 articles');
});

test('a large import shows its progress and can be cancelled', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  const many = Array.from({ length: 4000 }, (_, n) => ({
    name: `many-${n}.md`,
    mimeType: 'text/markdown',
    buffer: Buffer.from(`# Many ${n}\n\n${'Some words to parse. '.repeat(40)}`),
  }));
  await page.getByLabel('Open files').setInputFiles(many);
  const progress = page.locator('.import-progress');
  await expect(progress).toContainText(/Reading files: \d+ of 4000/);
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.notice')).toHaveText('Import cancelled; nothing from it was added.');
  await expect(progress).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('12 articles');
});
