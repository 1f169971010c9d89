// The layout from a small phone to a wide monitor, in both themes: no horizontal scrolling,
// thumb-sized controls on phones, one column on a phone and several on a desktop, and no
// serious or critical accessibility violation (axe-core). Screenshots of the library and the
// reference article go to test-results/ for a person to look at.
import { assertAccessible } from './axe.mjs';
import { test, expect } from './fixtures.mjs';

const WIDTHS = [320, 375, 768, 1280, 1920];
const REFERENCE = './#/read/news/000_6ceb1ec26c302d42';

async function assertNoHorizontalScroll(page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
}

/** Controls a phone user taps, smaller than 44 px in either dimension. The date histogram's
 *  bars are left out: narrower on a phone (56 px tall), with the date fields above them as the
 *  thumb-sized way to pick a period. */
async function smallTargets(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('button, .button, input.search, .facet label, .pager-link, .reader-nav a')]
      .filter((el) => el.offsetParent !== null && !el.matches('.histogram .bar'))
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ el, box }) => `${el.className || el.tagName} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
}

for (const width of WIDTHS) {
  test(`library and reference article at ${width} px`, async ({ page }, testInfo) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('./');
    const cards = page.locator('article.card');
    await expect(cards).toHaveCount(12);
    await assertNoHorizontalScroll(page);
    const lefts = new Set(
      await cards.evaluateAll((all) => all.map((card) => Math.round(card.getBoundingClientRect().left))),
    );
    if (width < 600) expect(lefts.size, 'one column on a phone').toBe(1);
    else if (width >= 1280) expect(lefts.size, 'several columns on a desktop').toBeGreaterThanOrEqual(3);
    if (width < 600) {
      await page.getByRole('button', { name: /Filters and order/ }).click();
      expect(await smallTargets(page), 'touch targets of at least 44 px').toEqual([]);
    }
    await assertNoHorizontalScroll(page);

    await page.goto(REFERENCE);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await assertNoHorizontalScroll(page);
    const body = await page.locator('.reader-body').boundingBox();
    expect(body.width).toBeLessThanOrEqual(Math.min(width, 720));
    if (width < 600) expect(await smallTargets(page), 'touch targets of at least 44 px').toEqual([]);
  });
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core finds nothing serious, ${scheme} theme; screenshots`, async ({ page }, testInfo) => {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('./');
      await expect(page.locator('article.card')).toHaveCount(12);
      await assertAccessible(page, `the library at ${width} px`);
      await page.screenshot({ path: testInfo.outputPath(`library-${width}-${scheme}.png`), fullPage: true });
      await page.goto(REFERENCE);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await assertAccessible(page, `the reference article at ${width} px`);
      await page.screenshot({ path: testInfo.outputPath(`reference-${width}-${scheme}.png`), fullPage: true });
    }
  });
}

test('the reader keeps a comfortable measure: ~40 CJK characters, ~70 Latin ones a line', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(REFERENCE);
  // Its front matter names no language: its text is Chinese, and the body says so.
  await expect(page.locator('article.reader')).toHaveAttribute('lang', 'zh');
  // A CJK character is one em wide: the column holds this many.
  const ems = await page.locator('.reader-body').evaluate((b) => b.clientWidth / parseFloat(getComputedStyle(b).fontSize));
  expect(ems, 'CJK characters a line').toBeGreaterThanOrEqual(35);
  expect(ems, 'CJK characters a line').toBeLessThanOrEqual(45);
  await page.goto('./#/read/jekyll/2013-05-06-jekyll-1-0-0-released');
  await expect(page.locator('article.reader')).toHaveClass(/script-latin/);
  // Characters a line of the longer paragraphs (their last, short line left out).
  const latin = await page.evaluate(() =>
    [...document.querySelectorAll('.reader-body p')]
      .map((p) => [p.textContent.trim().length, Math.round(p.clientHeight / parseFloat(getComputedStyle(p).lineHeight))])
      .filter(([, lines]) => lines >= 3)
      .map(([chars, lines]) => chars / (lines - 0.5)),
  );
  expect(latin.length).toBeGreaterThan(0);
  for (const perLine of latin) {
    expect(perLine, 'Latin characters a line').toBeGreaterThanOrEqual(60);
    expect(perLine, 'Latin characters a line').toBeLessThanOrEqual(80);
  }
});

test.describe('in a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('the interface is Chinese, accessible, and laid out well; screenshots', async ({ page }, testInfo) => {
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto('./');
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
      await expect(page.getByRole('status')).toHaveText('12 篇文章');
      await assertNoHorizontalScroll(page);
      await assertAccessible(page, `the Chinese library at ${width} px`);
      await page.screenshot({ path: testInfo.outputPath(`library-${width}-zh.png`), fullPage: true });
      for (const [name, link] of [['reference', REFERENCE], ['writing', './#/read/hexo/zh-cn-writing']]) {
        await page.goto(link);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await assertNoHorizontalScroll(page);
        await assertAccessible(page, `${name} in the Chinese interface at ${width} px`);
        await page.screenshot({ path: testInfo.outputPath(`${name}-${width}-zh.png`), fullPage: true });
      }
    }
  });
});

test('printing gives the article alone, black on white, with its links spelled out', async ({ page }, testInfo) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./#/read/hexo/2020-07-29-hexo-5-released');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
  for (const chrome of ['.topbar', '.reader-nav', '.article-pager', '.site-footer', '.outline', '.about-file']) {
    await expect(page.locator(chrome).first(), chrome).toBeHidden();
  }
  const colours = await page.locator('.reader-body').evaluate((body) => [
    getComputedStyle(body).color,
    getComputedStyle(document.body).backgroundColor,
  ]);
  expect(colours).toEqual(['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
  const link = page.locator('.reader-body a[href^="http"]').first();
  const href = await link.getAttribute('href');
  expect(await link.evaluate((a) => getComputedStyle(a, '::after').content)).toBe(`" (${href})"`);
  await page.pdf({ path: testInfo.outputPath('hexo-5-released.pdf') });
});

test('the top bar covers nothing it scrolls to, and leaves a phone its screen', async ({ page }) => {
  const below = (locator) => locator.evaluate((el) => el.getBoundingClientRect().top);
  const barBottom = () => page.locator('.topbar').evaluate((bar) => bar.getBoundingClientRect().bottom);
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.goto('./');
  await expect(page.locator('article.card')).toHaveCount(12);
  await page.evaluate(() => window.scrollTo(0, 600));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(600);
  // The filters beside the list stay in view below the bar, their heading readable.
  expect(await below(page.locator('.filters')), 'the filters, below the top bar').toBeGreaterThanOrEqual(await barBottom());

  await page.goto('./#/read/hexo/2020-07-29-hexo-5-released');
  await page.locator('.outline').getByRole('link', { name: 'Fix', exact: true }).click();
  const heading = page.locator('.reader-body').getByRole('heading', { name: 'Fix', exact: true });
  await expect(heading).toBeFocused();
  const top = await below(heading);
  expect(top, 'the heading jumped to, below the top bar').toBeGreaterThanOrEqual(await barBottom());
  expect(top, 'the heading jumped to, near the top of the window').toBeLessThan(200);

  // On a phone the bar is two rows: it scrolls away with the article.
  await page.setViewportSize({ width: 375, height: 700 });
  await page.goto(REFERENCE);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 600));
  await expect.poll(barBottom, 'the top bar, scrolled away').toBeLessThanOrEqual(0);
});

test('a phone shows the list near the top, and the keyboard goes through the bar as it reads', async ({ page }) => {
  const box = (locator) => locator.evaluate((el) => {
    const { top, bottom, height } = el.getBoundingClientRect();
    return { top, bottom, middle: (top + bottom) / 2, height };
  });
  await page.setViewportSize({ width: 375, height: 700 });
  await page.goto('./');
  // The app's own screen, not the first one painted before it (whose cards are the same).
  const status = page.getByRole('status').filter({ hasText: '12 articles' });
  await expect(status).toBeVisible();
  await expect(page.locator('article.card')).toHaveCount(12);
  // 375 px (an iPhone) and 360 px (most Android phones), where English's labels are tightest.
  for (const width of [375, 360]) {
    await page.setViewportSize({ width, height: 700 });
    // The name and both ways to open files on one row, the search and the switches on the next.
    const brand = await box(page.locator('.brand'));
    const search = await box(page.getByRole('searchbox'));
    expect((await box(page.locator('.topbar'))).height, `the bar at ${width} px, two rows`).toBeLessThan(130);
    for (const name of ['Open folder', 'Open files']) {
      expect(Math.abs((await box(page.locator('.topbar label', { hasText: name }))).middle - brand.middle), name).toBeLessThan(4);
    }
    expect(search.top, 'the search below the name').toBeGreaterThan(brand.bottom);
    const theme = await box(page.getByRole('button', { name: 'Dark theme' }));
    expect(Math.abs(theme.middle - search.middle), 'the switches beside the search').toBeLessThan(4);
    // The count and the layout's toggle share a row; the first card starts in the screen's top half.
    const count = await box(status);
    const toggle = await box(page.getByRole('button', { name: 'Compact list' }));
    expect(Math.abs(toggle.middle - count.middle), 'the toggle beside the count').toBeLessThan(4);
    expect((await box(page.locator('article.card').first())).top, 'the first card').toBeLessThan(350);
  }

  // Wide, the bar is one row in the order of the page: Tab goes on from the search to the
  // folder, then the files, as they are seen.
  await page.setViewportSize({ width: 1280, height: 700 });
  await page.getByRole('searchbox').focus();
  await page.keyboard.press('Tab');
  await expect(page.locator('.open-folder input')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('.open-files input')).toBeFocused();
  const folder = await box(page.locator('.open-folder'));
  const files = await box(page.locator('.open-files'));
  const wideSearch = await box(page.getByRole('searchbox'));
  expect(Math.abs(folder.middle - wideSearch.middle), 'one row').toBeLessThan(4);
  expect(await page.locator('.open-folder').evaluate((el) => el.getBoundingClientRect().right))
    .toBeLessThan(await page.locator('.open-files').evaluate((el) => el.getBoundingClientRect().left));
  expect(files.height).toBeGreaterThanOrEqual(44);
});
