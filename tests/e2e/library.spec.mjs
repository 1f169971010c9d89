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
  // The card shows the catalog's excerpt (the search index holds no text); the article, once
  // open, marks the hit.
  const card = page.locator('article.card');
  await expect(card.locator('.card-excerpt')).not.toBeEmpty();
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

test('a filtered view is a link: it survives a reload, and Back steps through it', async ({ page }) => {
  await page.goto('./');
  const count = page.getByRole('status');
  await expect(count).toHaveText('12 articles');
  const filters = page.getByRole('complementary', { name: 'Filters' });
  await filters.getByRole('checkbox', { name: /^release/ }).check();
  await expect(count).toHaveText('3 articles');
  await expect(page).toHaveURL(/#\/\?cat=release$/);
  await page.getByRole('searchbox', { name: 'Search' }).fill('1.0');
  await expect(count).toHaveText('1 article');
  await expect(page).toHaveURL(/#\/\?q=1.0&cat=release$/);
  await filters.getByRole('combobox', { name: 'Order' }).selectOption('title');
  await expect(page).toHaveURL(/#\/\?q=1.0&cat=release&sort=title$/);

  await page.reload();
  await expect(count).toHaveText('1 article');
  await expect(page.locator('article h2 a')).toHaveText(['Jekyll 1.0.0 Released']);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('1.0');
  await expect(filters.getByRole('checkbox', { name: /^release/ })).toBeChecked();

  // Typing replaced the address; the facet and the order were steps.
  await page.goBack();
  await expect(page).toHaveURL(/#\/\?q=1.0&cat=release$/);
  await expect(count).toHaveText('1 article');
  await page.goBack();
  await expect(count).toHaveText('12 articles');
  await expect(filters.getByRole('checkbox', { name: /^release/ })).not.toBeChecked();
});

test('an article followed the moment a filter changes opens, and the address stays on it', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  // The list's new address is written a task after the render that draws it. The reader's
  // click lands in between: once the count has changed and the render's effects have run (a
  // few microtasks on), still in the render's task, the reference article is followed.
  await page.evaluate(() => {
    const count = document.querySelector('main [role=status]');
    const follow = () => document.querySelector('a[href="#/read/news/000_6ceb1ec26c302d42"]').click();
    new MutationObserver((_, observer) => {
      observer.disconnect();
      queueMicrotask(() => queueMicrotask(() => queueMicrotask(follow)));
    }).observe(count, { childList: true, characterData: true, subtree: true });
    const finance = [...document.querySelectorAll('input[type=checkbox]')].find((box) =>
      box.closest('label')?.textContent.trim().startsWith('金融'),
    );
    finance.click();
  });
  await expect(page.locator('.reader-body')).toContainText('拓展就地就近就业');
  await expect(page).toHaveURL(/#\/read\/news\/000_6ceb1ec26c302d42$/);
});

test('facets count what they would give, (none) included, and combine', async ({ page }) => {
  await page.goto('./#/?sort=title');
  const count = page.getByRole('status');
  await expect(count).toHaveText('12 articles');
  const filters = page.getByRole('complementary', { name: 'Filters' });
  const tags = filters.getByRole('group', { name: 'Tags' });
  // Nine sample articles have no tag at all: they are one tick away, never lost.
  await expect(tags.getByRole('checkbox', { name: '(none) 9' })).toBeVisible();
  await tags.getByRole('checkbox', { name: /^\(none\)/ }).check();
  await expect(count).toHaveText('9 articles');
  // A parent category includes its children.
  await filters.getByRole('checkbox', { name: /^金融/ }).check();
  await expect(count).toHaveText('1 article');
  await expect(page.locator('article h2 a')).toHaveText(['人民日报：夯实脱贫群众就业增收基本盘']);
  await filters.getByRole('button', { name: 'Clear all' }).click();
  await expect(count).toHaveText('12 articles');
  // Sorted by title with the browser's collation: Latin and Chinese (by pinyin) in one order.
  const titles = await page.locator('article h2 a').allTextContents();
  const sorted = [...titles].sort(new Intl.Collator('zh-u-co-pinyin', { numeric: true, sensitivity: 'base' }).compare);
  expect(titles).toEqual(sorted);
});

test('the date histogram picks a year, and the source facet tells my files from the site', async ({ page }) => {
  await page.goto('./');
  const count = page.getByRole('status');
  await expect(count).toHaveText('12 articles');
  await page.getByLabel('Open files').setInputFiles([
    { name: 'mine.md', mimeType: 'text/markdown', buffer: Buffer.from('---\ntitle: Mine\ndate: 2022-05-01\n---\n\nBody.') },
  ]);
  await expect(count).toHaveText('13 articles');
  const filters = page.getByRole('complementary', { name: 'Filters' });
  const source = filters.getByRole('group', { name: 'Source' });
  await source.getByRole('checkbox', { name: /^My files/ }).check();
  await expect(page.locator('article h2 a')).toHaveText(['Mine']);
  await source.getByRole('checkbox', { name: /^My files/ }).uncheck();
  await source.getByRole('checkbox', { name: /^This site/ }).check();
  await expect(count).toHaveText('12 articles');
  await source.getByRole('checkbox', { name: /^This site/ }).uncheck();
  await filters.getByRole('button', { name: '2022: 2 articles' }).click();
  await expect(count).toHaveText('2 articles');
  await expect(page).toHaveURL(/from=2022-01&to=2022-12/);
});
