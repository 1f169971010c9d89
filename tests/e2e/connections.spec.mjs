// Connected reading: below an article, the articles linking to it ("Linked from", each with the
// sentence of its link) and related ones saying why; links to articles the library lacks are
// listed in "About this file"; a link to another article previews it; a graph of its links. For a hosted library (Hexo's documentation, indexed by
// `cargo xtask test`: one small shard fetched per article opened) and for the reader's own
// files (connected in memory, and again after a reload).
import { assertAccessible } from './axe.mjs';
import { test, expect } from './fixtures.mjs';
import { SUBPATH_PORT } from './playwright.config.mjs';

const corpus = process.env.LECTERN_E2E_CORPUS;

test('a hosted article shows who links to it and what is related; a backlink is followed', async ({ page }) => {
  test.skip(!corpus, 'run through `cargo xtask test`, which indexes the corpus');
  const shards = [];
  page.on('request', (request) => {
    if (/\/index\/[0-9a-f]{16}\/connections\//.test(request.url())) shards.push(request.url());
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`http://127.0.0.1:${SUBPATH_PORT}/lectern/?library=corpus/#/read/docs/front-matter`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Front-matter');
  const linkedFrom = page.getByRole('region', { name: 'Linked from' });
  const permalinks = linkedFrom.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Permalinks' }) });
  await expect(permalinks).toContainText("Timestamp of post's published date");
  const related = page.getByRole('region', { name: 'Related articles' }).getByRole('listitem');
  await expect(related.first()).toBeVisible();
  const count = await related.count();
  expect(count).toBeGreaterThanOrEqual(1);
  expect(count).toBeLessThanOrEqual(5);
  for (const why of await related.locator('.connection-why').allTextContents()) {
    expect(why).toMatch(/shared tag|same category|linked|similar word/);
  }
  expect(shards, 'one shard of connections, fetched when the article opened').toHaveLength(1);
  // The graph of its links, drawn once opened: the page that links here is a node of it.
  await expect(page.locator('svg.graph')).toHaveCount(0);
  await page.getByText('Graph of links').click();
  const graph = page.getByRole('navigation', { name: 'Graph of links' });
  await expect(graph.getByRole('link', { name: /^Permalinks/ })).toBeVisible();
  await assertAccessible(page, 'an article with its connections and graph');

  await permalinks.getByRole('link', { name: 'Permalinks' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Permalinks');
  await expect(page).toHaveURL(/#\/read\/docs\/permalinks$/);
});

test('a link to another article previews it on focus and hover, beside it; Esc closes only the preview', async ({ page }) => {
  test.skip(!corpus, 'run through `cargo xtask test`, which indexes the corpus');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    // A fresh load (the same address again would only keep the page, and the link's focus).
    await page.goto('about:blank');
    await page.goto(`http://127.0.0.1:${SUBPATH_PORT}/lectern/?library=corpus/#/read/docs/permalinks`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Permalinks');
    const link = page.locator('.reader-body a[href="#/read/docs/front-matter"]').first();
    const preview = page.getByRole('tooltip');

    // The keyboard: focusing the link shows the article it leads to, described by it.
    await link.focus();
    await expect(preview).toBeVisible();
    await expect(preview.locator('.link-preview-title')).toHaveText('Front-matter');
    await expect(preview.locator('.link-preview-excerpt')).not.toBeEmpty();
    await expect(link).toHaveAttribute('aria-describedby', await preview.getAttribute('id'));
    const [a, b] = [await link.boundingBox(), await preview.boundingBox()];
    const apart = a.y + a.height <= b.y || b.y + b.height <= a.y;
    expect(apart, `the preview (${JSON.stringify(b)}) never covers its link (${JSON.stringify(a)})`).toBe(true);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(width);
    expect(await preview.evaluate((el) => getComputedStyle(el).animationName), 'reduced motion').toBe('none');
    if (width === 1280) await assertAccessible(page, 'an article with a link preview open');
    await page.keyboard.press('Escape');
    await expect(preview).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 }), 'Esc closed the preview, not the article').toHaveText('Permalinks');
    await expect(link).not.toHaveAttribute('aria-describedby');
  }

  // The pointer: resting on the link shows it, leaving hides it.
  await page.locator('h1').hover();
  await page.locator('.reader-body a[href="#/read/docs/front-matter"]').first().hover();
  await expect(page.getByRole('tooltip')).toContainText('Front-matter');
  await page.locator('h1').hover();
  await expect(page.getByRole('tooltip')).toHaveCount(0);

});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('a long press on a link previews it without following it; a touch elsewhere closes it', async ({ page }) => {
    test.skip(!corpus, 'run through `cargo xtask test`, which indexes the corpus');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`http://127.0.0.1:${SUBPATH_PORT}/lectern/?library=corpus/#/read/docs/permalinks`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Permalinks');
    const link = page.locator('.reader-body a[href="#/read/docs/front-matter"]').first();
    await link.scrollIntoViewIfNeeded();
    // A finger, through the DevTools protocol: Playwright taps, but cannot hold a press.
    const touch = await page.context().newCDPSession(page);
    const at = async (locator) => {
      const box = await locator.boundingBox();
      return [{ x: box.x + box.width / 2, y: box.y + box.height / 2 }];
    };
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: await at(link) });
    await expect(page.getByRole('tooltip')).toContainText('Front-matter');
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(300);
    await expect(page.getByRole('heading', { level: 1 }), 'the press did not follow the link').toHaveText('Permalinks');
    await expect(page.getByRole('tooltip')).toBeVisible();
    await touch.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: await at(page.locator('h1')) });
    await touch.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await expect(page.getByRole('tooltip')).toHaveCount(0);
  });
});

test('the reader’s own files link each other, relate, and keep doing so after a reload', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  const file = (name, text) => ({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });
  await page.getByLabel('Open files').setInputFiles([
    file('alpha.md', '---\ntitle: Alpha garden\ntags: [garden]\n---\n\nRoses grow. See [the beta note](beta.md) for tulips. Also [[Missing page]].\n'),
    file('beta.md', '---\ntitle: Beta garden\ntags: [garden, spring]\n---\n\nTulips in spring.\n'),
  ]);
  await expect(page.getByRole('status')).toHaveText('14 articles');
  await page.getByRole('link', { name: 'Beta garden' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beta garden');
  const check = async () => {
    const linkedFrom = page.getByRole('region', { name: 'Linked from' });
    await expect(linkedFrom.getByRole('listitem')).toHaveCount(1);
    await expect(linkedFrom.getByRole('link')).toHaveText('Alpha garden');
    await expect(linkedFrom.locator('.connection-context')).toHaveText('See the beta note for tulips.');
    const related = page.getByRole('region', { name: 'Related articles' }).getByRole('listitem');
    await expect(related.first()).toContainText('Alpha garden');
    await expect(related.first().locator('.connection-why')).toContainText('1 shared tag · linked');
  };
  await check();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beta garden');
  await check();

  // Following the link from the graph; the missing page is named in "About this file".
  await page.getByText('Graph of links').click();
  await page.getByRole('navigation', { name: 'Graph of links' }).getByRole('link', { name: /^Alpha garden/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alpha garden');
  await expect(page.getByRole('region', { name: 'Linked from' })).toHaveCount(0);
  await page.getByText('About this file').click();
  await expect(page.locator('.unresolved-links')).toHaveText('Missing page');
  // Its link to the other file previews it.
  await page.locator('.reader-body').getByRole('link', { name: 'the beta note' }).focus();
  await expect(page.getByRole('tooltip').locator('.link-preview-title')).toHaveText('Beta garden');
  await expect(page.getByRole('tooltip')).toContainText('Tulips in spring.');
});
