// Lectern with the keyboard alone, and the reader's settings: theme and language, remembered.
import { test, expect } from './fixtures.mjs';

test('the keyboard alone: search, move through the list, open, next, back, help', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeFocused();
  await page.keyboard.type('hexo');
  await expect(page.getByRole('status')).toHaveText('5 articles');
  // Leave the field (shortcuts are not typed into it), then walk the list.
  await page.locator('main').focus();
  await page.keyboard.press('j');
  const links = page.locator('.card-title a');
  await expect(links.nth(0)).toBeFocused();
  await page.keyboard.press('j');
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await expect(links.nth(0)).toBeFocused();
  const first = await links.nth(0).textContent();
  const second = await links.nth(1).textContent();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first);
  // ] and [ follow the list as it is filtered.
  await page.keyboard.press(']');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(second);
  await expect(page.getByRole('link', { name: new RegExp(`^Previous\\s*${escape(first)}`) })).toBeVisible();
  await page.keyboard.press('[');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('status')).toHaveText('5 articles');
  await expect(page).toHaveURL(/#\/\?q=hexo$/);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
});

test('the skip link moves to the content', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  await expect(page).toHaveURL(/#\/$/);
});

test('theme and language switch, and are remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
  await page.keyboard.press('t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.keyboard.press('t');
  await page.getByRole('button', { name: '切换到中文界面' }).click();
  await expect(page.getByRole('status')).toHaveText('12 篇文章');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('12 篇文章');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).not.toBe(light);
});

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('the library shows a grid or a compact list, remembered', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./');
  const cards = page.locator('article.card');
  await expect(cards).toHaveCount(12);
  const columns = async () =>
    new Set(await cards.evaluateAll((all) => all.map((c) => Math.round(c.getBoundingClientRect().left)))).size;
  expect(await columns()).toBeGreaterThanOrEqual(3);
  const toggle = page.getByRole('button', { name: 'Compact list' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await columns()).toBe(1);
  await expect(page.locator('.card-cover:visible')).toHaveCount(0);
  await page.reload();
  // Measured once the app has taken over from the first paint: while it draws its own list
  // behind the first paint's (hidden, so at the left edge), the cards of both are counted.
  await expect(page.locator('#first-paint')).toHaveCount(0);
  await expect(cards).toHaveCount(12);
  expect(await columns()).toBe(1);
});
