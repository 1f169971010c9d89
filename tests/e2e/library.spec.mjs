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
