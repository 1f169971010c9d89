// The layout at a phone's and a desktop's width: no horizontal scrolling, one column on a
// phone and several on a desktop. Screenshots go to test-results/ for a person to look at.
import { test, expect } from './fixtures.mjs';

const WIDTHS = [375, 1280];

async function assertNoHorizontalScroll(page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
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
    else expect(lefts.size, 'several columns on a desktop').toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: testInfo.outputPath(`library-${width}.png`), fullPage: true });

    await page.goto('./#/read/news/000_6ceb1ec26c302d42');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await assertNoHorizontalScroll(page);
    const body = await page.locator('.reader-body').boundingBox();
    expect(body.width).toBeLessThanOrEqual(Math.min(width, 720));
    await page.screenshot({ path: testInfo.outputPath(`reference-${width}.png`), fullPage: true });
  });
}
