// Offline after one visit: the service worker keeps what the reader's browser fetched, so with
// the network off Lectern opens, lists its library, reads an article opened before and searches
// the whole text of a small library.
import { test, expect } from './fixtures.mjs';

const TITLE = '人民日报：夯实脱贫群众就业增收基本盘';

test.use({ serviceWorkers: 'allow' });

test('after one visit, the library and a read article open with the network off', async ({ page, context }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  // The page's service worker is this build's, and controls the page.
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 15_000 });
  const script = await page.evaluate(() => navigator.serviceWorker.controller.scriptURL);
  expect(script).toMatch(/\/sw\.js\?v=lectern-[0-9a-f]+$/);
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.locator('.reader-body')).toContainText('拓展就地就近就业');
  await page.goBack();
  await expect(page.getByRole('status')).toHaveText('12 articles');

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.locator('.reader-body')).toContainText('拓展就地就近就业');
  await page.goBack();
  // A search of the articles' whole text never tried online: the index came with the visit.
  await page.getByRole('searchbox', { name: 'Search' }).fill('就近就业');
  await expect(page.getByRole('status')).toHaveText('1 article');
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible();
  await context.setOffline(false);
});

test('the app can be installed: it names its manifest and icon', async ({ page }) => {
  await page.goto('./');
  const href = await page.locator('link[rel=manifest]').getAttribute('href');
  const manifest = await (await page.request.get(href)).json();
  expect(manifest.name).toBe('Lectern');
  expect(manifest.start_url).toBe('./');
  const icon = await page.request.get(manifest.icons[0].src);
  expect(icon.ok()).toBe(true);
  expect(icon.headers()['content-type']).toContain('svg');
});
