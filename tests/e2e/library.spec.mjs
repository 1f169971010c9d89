// A reader opens Lectern on a static host and browses the sample library.
import { test, expect } from './fixtures.mjs';

test('the library lists every sample article, newest first', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  const titles = page.locator('article h2 a');
  await expect(titles).toHaveCount(12);
  await expect(titles.first()).toHaveText('Jekyll 4.4.1 Released');
  const reference = page.getByRole('link', { name: '人民日报：夯实脱贫群众就业增收基本盘' });
  await expect(reference).toHaveAttribute('href', '#/read/news/000_6ceb1ec26c302d42');
});

test('searching narrows the list, in Chinese too', async ({ page }) => {
  await page.goto('./');
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('脱贫');
  await expect(page.getByRole('status')).toHaveText('1 article');
  await search.fill('hexo');
  await expect(page.getByRole('status')).toHaveText('5 articles');
  await search.fill('');
  await expect(page.getByRole('status')).toHaveText('12 articles');
});

test('a search finds words deep in an article, marks them, and the reader opens at the first', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  // "三重压力" is in the body only, not the title or the excerpt the catalog lists.
  await page.getByRole('searchbox', { name: 'Search' }).fill('三重压力');
  await expect(page.getByRole('status')).toHaveText('1 article');
  const card = page.locator('article.card');
  await expect(card.locator('.card-excerpt mark')).toHaveText('三重压力');
  await card.getByRole('link').click();
  const first = page.locator('.reader-body mark').first();
  await expect(first).toHaveText('三重压力');
  await expect(first).toBeInViewport();
});

test('several terms, phrases, exclusions and accents', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  const search = page.getByRole('searchbox', { name: 'Search' });
  const count = page.getByRole('status');
  await search.fill('hexo');
  await expect(count).toHaveText('5 articles');
  // Of the five, only the Hexo 3.0 release notes say "deploy".
  await search.fill('hexo -deploy');
  await expect(count).toHaveText('4 articles');
  await search.fill('hexo deploy');
  await expect(count).toHaveText('1 article');
  // Full-width letters and capitals fold to the same word.
  await search.fill('ＨＥＸＯ');
  await expect(count).toHaveText('5 articles');
  await search.fill('"no such phrase anywhere"');
  await expect(page.getByText('No article matches')).toBeVisible();
});
