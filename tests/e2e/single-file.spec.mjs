// The single file, `dist/lectern.html`, opened from disk as a double-click opens it: nothing
// is fetched (there is no server), yet a folder, search, filters, reading, themes, an export
// and its zip, and a reload all work.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test, expect } from './fixtures.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SINGLE_FILE = pathToFileURL(resolve(here, '../../dist/lectern.html')).href;
const ARTICLES = resolve(here, '../../static/articles');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const NEWS = '人民日报：夯实脱贫群众就业增收基本盘';

/// A folder as a reader keeps one: the reference article, a note with a picture beside it.
async function folder(testInfo) {
  const root = testInfo.outputPath('notes');
  await mkdir(join(root, 'img'), { recursive: true });
  const news = (await readdir(join(ARTICLES, 'news'))).find((name) => name.endsWith('.md'));
  await writeFile(join(root, 'news.md'), await readFile(join(ARTICLES, 'news', news)));
  await writeFile(join(root, 'trip.md'), '---\ntitle: Trip\ntags: [travel]\n---\n\n![the view](img/view.png)\n\nA quiet harbour.\n');
  await writeFile(join(root, 'img', 'view.png'), PNG);
  return root;
}

test('opened from disk, the single file reads a folder, searches, filters, and keeps it all', async ({ page }, testInfo) => {
  const requests = [];
  page.on('request', (request) => requests.push(`${request.resourceType()} ${request.url()}`));
  await page.goto(SINGLE_FILE);
  await expect(page.getByRole('status')).toHaveText('0 articles');

  await page.getByLabel('Open folder').setInputFiles(await folder(testInfo));
  await expect(page.getByRole('status')).toHaveText('2 articles');
  await page.getByRole('searchbox', { name: 'Search' }).fill('harbour');
  await expect(page.getByRole('status')).toHaveText('1 article');
  await page.getByRole('searchbox', { name: 'Search' }).fill('');
  const filters = page.getByRole('complementary', { name: 'Filters' });
  await filters.getByRole('group', { name: 'Tags' }).getByRole('checkbox', { name: /^travel/ }).check();
  await expect(page.getByRole('status')).toHaveText('1 article');
  await filters.getByRole('group', { name: 'Tags' }).getByRole('checkbox', { name: /^travel/ }).uncheck();

  // The parsing worker ran (from a blob: URL) and resolved the folder's picture.
  await page.getByRole('link', { name: 'Trip' }).click();
  const picture = page.getByRole('img', { name: 'the view' });
  await expect(picture).toHaveAttribute('src', /^blob:/);
  await expect.poll(() => picture.evaluate((img) => img.complete && img.naturalWidth)).toBe(1);
  await page.getByRole('link', { name: '← Library' }).click();
  await page.getByRole('link', { name: NEWS }).click();
  await expect(page.locator('.reader-body')).toContainText('拓展就地就近就业');
  await page.getByRole('link', { name: '← Library' }).click();

  await page.getByRole('button', { name: 'Dark theme' }).click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('status')).toHaveText('2 articles');

  // The app came from the file alone: only the article's own remote pictures went out.
  const elsewhere = requests.filter((request) => !/^\S+ (file|blob|data):/.test(request));
  expect(elsewhere.length).toBeGreaterThan(0);
  expect(elsewhere.filter((request) => !request.startsWith('image https://n.sinaimg.cn/'))).toEqual([]);
});

test('from disk, a GBK file reads as Chinese, TeX as MathML and TOML front matter: the worker\'s modules are inside the file', async ({ page }) => {
  const requests = [];
  page.on('request', (request) => requests.push(`${request.resourceType()} ${request.url()}`));
  await page.goto(SINGLE_FILE);
  await expect(page.getByRole('status')).toHaveText('0 articles');
  const gbk = await readFile(resolve(here, '../../crates/articles/tests/fixtures/edge/gbk-encoded.md'));
  await page.getByLabel('Open files').setInputFiles([{ name: 'gbk-encoded.md', mimeType: 'text/markdown', buffer: gbk }]);
  await page.getByRole('link', { name: 'GBK 编码的文章' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('GBK 编码的文章');
  await page.getByText('About this file').click();
  await expect(page.getByLabel('Read as')).toHaveValue('GBK');
  await page.evaluate(() => (location.hash = '#/'));
  await page.getByLabel('Open files').setInputFiles([
    { name: 'euler.md', mimeType: 'text/markdown', buffer: Buffer.from('# Euler\n\n$$e^{i\\pi} + 1 = 0$$\n') },
  ]);
  await page.getByRole('link', { name: 'Euler' }).click();
  await expect(page.locator('.reader-body math[display="block"] msup')).toHaveCount(1);
  await page.evaluate(() => (location.hash = '#/'));
  await page.getByLabel('Open files').setInputFiles([
    { name: 'hugo.md', mimeType: 'text/markdown', buffer: Buffer.from('+++\ntitle = "Front matter in TOML"\n+++\nRead from disk.\n') },
  ]);
  await page.getByRole('link', { name: 'Front matter in TOML' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Front matter in TOML');
  expect(requests.filter((request) => !/^\S+ (file|blob|data):/.test(request))).toEqual([]);
});

test('from disk, an export is a zip the single file reads back', async ({ page }, testInfo) => {
  await page.goto(SINGLE_FILE);
  await page.getByLabel('Open folder').setInputFiles(await folder(testInfo));
  await expect(page.getByRole('status')).toHaveText('2 articles');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export my files (.zip)' }).click();
  const zip = testInfo.outputPath('notes.zip');
  await (await download).saveAs(zip);

  await page.getByRole('button', { name: 'Remove all my files' }).click();
  await expect(page.getByRole('status')).toHaveText('0 articles');
  await page.getByLabel('Open files').setInputFiles(zip);
  await expect(page.getByRole('status')).toHaveText('2 articles');
  await page.getByRole('link', { name: 'Trip' }).click();
  await expect(page.getByRole('img', { name: 'the view' })).toHaveAttribute('src', /^blob:/);
});

test('from disk in a browser that keeps nothing, it says so once and still reads', async ({ page }) => {
  // Some browsers give a page opened from disk no storage at all.
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined }));
  await page.goto(SINGLE_FILE);
  const notice = page.locator('.notice');
  await expect(notice).toContainText('This browser keeps nothing for this page');
  await page.getByLabel('Open files').setInputFiles([{ name: 'a.md', mimeType: 'text/markdown', buffer: Buffer.from('# Kept a while\n\nUntil the tab closes.') }]);
  await expect(page.getByRole('status')).toHaveText('1 article');
  await expect(notice).toHaveText('Added 1 article.');
  await page.getByRole('link', { name: 'Kept a while' }).click();
  await expect(page.locator('.reader-body')).toHaveText('Until the tab closes.');
});
