// A reader on a slow link sees the library before the app's WebAssembly has arrived: the page
// paints the newest cards from the catalog (static/first-paint.js), and the app takes over in
// place. Each test holds the WebAssembly back, as a slow link would, and then lets it come.
import { test, expect } from './fixtures.mjs';

/// Holds the app's WebAssembly until the returned function is called.
async function holdTheApp(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  await page.route('**/lectern-*_bg.wasm', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/// Each card as a reader sees it: its text and where its title leads.
async function cards(page) {
  return page.locator('article.card').evaluateAll((cards) =>
    cards.map((card) => ({ text: card.innerText, href: card.querySelector('h2 a').getAttribute('href') })),
  );
}

for (const [lang, count] of [
  ['en', '12 articles'],
  ['zh', '12 篇文章'],
]) {
  test(`the library paints before the app arrives, as the app draws it (${lang})`, async ({ page }) => {
    await page.addInitScript((lang) => localStorage.setItem('lectern.lang', lang), lang);
    // Frames drawn without a card once the first ones showed: the app must take over in place.
    await page.addInitScript(() => {
      window.__framesWithoutCards = 0;
      const look = () => {
        const card = document.querySelector('article.card');
        if (card) window.__cardsShown = true;
        else if (window.__cardsShown) window.__framesWithoutCards += 1;
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    const release = await holdTheApp(page);
    await page.goto('./');
    const early = page.locator('#first-paint');
    await expect(early.locator('article.card')).toHaveCount(12);
    await expect(early.locator('.count')).toHaveText(count);
    // The app's controls are there but wait for it; the app draws nothing of its own yet.
    await expect(early.locator('.layout-toggle')).toBeDisabled();
    await expect(page.locator('header')).toHaveCount(1);
    await expect(page.getByRole('status')).toHaveCount(0);
    const painted = await cards(page);
    expect(painted[0].href).toBe('#/read/jekyll/2025-01-29-jekyll-4-4-1-released');

    release();
    await expect(page.getByRole('status')).toHaveText(count);
    await expect(early).toHaveCount(0);
    await expect(page.locator('header')).toHaveCount(1);
    // Title, categories, date (in the reader's zone), authors, reading time, tags and excerpt:
    // word for word what the app shows, card for card, and the same links.
    expect(await cards(page)).toEqual(painted);
    expect(await page.evaluate(() => window.__framesWithoutCards)).toBe(0);
  });
}

test('a card followed before the app arrives opens its article', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('./');
  await page.locator('#first-paint').getByRole('link', { name: 'TOML front matter' }).click();
  await expect(page).toHaveURL(/#\/read\/samples\/toml-plus$/);
  release();
  await expect(page.getByRole('heading', { level: 1, name: 'TOML front matter' })).toBeVisible();
  await expect(page.locator('#first-paint')).toHaveCount(0);
});

test('the list stays where the reader scrolled it before the app arrived', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 700 });
  const release = await holdTheApp(page);
  await page.goto('./');
  await expect(page.locator('#first-paint article.card')).toHaveCount(12);
  await page.evaluate(() => window.scrollTo(0, 1500));
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBe(1500);
  release();
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.scrollY)).toBe(before);
});

test('what is typed before the app arrives is searched when it does', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('./');
  await page.locator('#first-paint').getByRole('searchbox', { name: 'Search' }).fill('脱贫');
  release();
  await expect(page.getByRole('status')).toHaveText('1 article');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await expect(search).toHaveValue('脱贫');
  await expect(search).toBeFocused();
  await expect(page).toHaveURL(/q=/);
});

test('a reader in the search field as the app takes over goes on typing in the app\'s', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.goto('./');
  await page.locator('#first-paint').getByRole('searchbox', { name: 'Search' }).focus();
  release();
  await expect(page.locator('#first-paint')).toHaveCount(0);
  const search = page.getByRole('searchbox', { name: 'Search' });
  await expect(search).toBeFocused();
  // Keys, not a fill: they go wherever the focus is.
  await page.keyboard.type('脱贫');
  await expect(search).toHaveValue('脱贫');
  await expect(page.getByRole('status')).toHaveText('1 article');
});

test('a link into the library is left to the app', async ({ page }) => {
  const release = await holdTheApp(page);
  await page.addInitScript(() => addEventListener('DOMContentLoaded', () => (window.__parsed = true)));
  await page.goto('./#/?q=hexo');
  // The script has run (deferred scripts run before DOMContentLoaded) and painted nothing.
  await page.waitForFunction(() => window.__parsed);
  expect(await page.evaluate(() => window.lecternFetched)).toBeUndefined();
  await expect(page.locator('#first-paint')).toHaveCount(0);
  release();
  await expect(page.getByRole('status')).toHaveText('5 articles');
});
