// "Publish…": the reader's files become a ready static site, byte for byte the one
// `cargo xtask dist --library <folder>` builds from the same folder, and it works when served.
import { readFile, readdir } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.mjs';
import { unzip } from './unzip.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DIST = resolve(here, '../../dist');
const FOLDER = resolve(here, 'publish-library');
// The folder as `cargo xtask dist --library` lays it out under articles/: a copy with the
// catalog `cargo xtask index` wrote (made by `cargo xtask test`).
const INDEXED = process.env.LECTERN_E2E_SITE;

async function tree(dir, into = new Map(), root = dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await tree(path, into, root);
    else into.set(relative(root, path).split('\\').join('/'), await readFile(path));
  }
  return into;
}

/// What `cargo xtask dist --library FOLDER` would write: this build's own files, and the
/// indexed folder under articles/.
async function expectedSite() {
  const site = new Map();
  for (const name of JSON.parse(await readFile(join(DIST, 'lectern-site.json'), 'utf8'))) {
    site.set(name, await readFile(join(DIST, name)));
  }
  for (const [path, bytes] of await tree(INDEXED)) site.set(`articles/${path}`, bytes);
  return site;
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.md': 'text/markdown' };

test('Publish… makes the site cargo xtask dist --library makes, and it runs', async ({ page, browser }, testInfo) => {
  test.skip(!INDEXED, 'LECTERN_E2E_SITE names the indexed folder (cargo xtask test sets it)');
  const requested = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.getByLabel('Open folder').setInputFiles(FOLDER);
  await expect(page.getByRole('status')).toHaveText('15 articles');
  // The catalog's writers are the publisher's, a worker program fetched only to publish (the
  // site's own copy of it is fetched without the build's query, as the build's other files).
  const publisher = () => requested.filter((url) => /\/lectern-publisher[\w.]*\?v=/.test(url));
  expect(publisher()).toEqual([]);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Publish…' }).click();
  const archive = testInfo.outputPath('site.zip');
  await (await download).saveAs(archive);
  await expect(page.locator('.notice')).toContainText('lectern-site.zip is a ready site');
  expect(publisher().length, requested.join('\n')).toBe(2);

  const published = unzip(await readFile(archive));
  const expected = await expectedSite();
  expect([...published.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [path, bytes] of expected) {
    expect(published.get(path).equals(bytes), `${path} is the same, byte for byte`).toBe(true);
  }

  // Served as a static host would serve it (to a browser that never saw Lectern: the reader's
  // own files are not there), the site lists, searches and reads its library.
  const visitor = await browser.newContext({ serviceWorkers: 'block' });
  const site = await visitor.newPage();
  const problems = [];
  site.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  site.on('pageerror', (error) => problems.push(error.message));
  await site.route('http://127.0.0.1:4173/published/**', (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/published\//, '') || 'index.html';
    const bytes = published.get(decodeURIComponent(path));
    return bytes
      ? route.fulfill({ body: bytes, contentType: TYPES[extname(path)] ?? 'application/octet-stream' })
      : route.fulfill({ status: 404, body: '' });
  });
  await site.goto('http://127.0.0.1:4173/published/');
  await expect(site.getByRole('status')).toHaveText('3 articles');
  await site.getByRole('searchbox', { name: 'Search' }).fill('静态网站');
  await expect(site.getByRole('status')).toHaveText('1 article');
  await site.getByRole('searchbox', { name: 'Search' }).fill('');
  await site.getByRole('link', { name: 'Hello from the browser' }).click();
  const photo = site.getByRole('img', { name: 'a photo' });
  await expect(photo).toHaveAttribute('src', 'articles/posts/img/photo.png');
  await expect.poll(() => photo.evaluate((img) => img.complete && img.naturalWidth)).toBe(1);
  await visitor.close();
  expect(problems, 'the published site\'s console has no errors').toEqual([]);
});
