// The folder tree: a "Folders" facet narrows the list to a folder (the hosted library's and the
// reader's own, kept as they were opened), and an article's breadcrumbs lead back to its folders.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.mjs';

const FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), 'publish-library');

test('the folder tree narrows the list, and breadcrumbs lead back to a folder', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  const folders = page.getByRole('complementary', { name: 'Filters' }).getByRole('group', { name: 'Folders' });
  await expect(folders.getByRole('checkbox', { name: /^news\s*1$/ })).toBeVisible();
  await folders.getByRole('checkbox', { name: /^news/ }).check();
  await expect(page.getByRole('status')).toHaveText('1 article');
  await expect(page).toHaveURL(/folder=news/);
  await folders.getByRole('checkbox', { name: /^news/ }).uncheck();

  // A folder opened whole keeps its structure, under "My files".
  await page.getByLabel('Open folder').setInputFiles(FOLDER);
  await expect(page.getByRole('status')).toHaveText('15 articles');
  await expect(folders.getByRole('checkbox', { name: /^My files\s*3$/ })).toBeVisible();
  await folders.getByRole('checkbox', { name: /^posts\s*1$/ }).check();
  await expect(page.getByRole('status')).toHaveText('1 article');
  await folders.getByRole('checkbox', { name: /^posts/ }).uncheck();
  await expect(page.getByRole('status')).toHaveText('15 articles');

  await page.getByRole('link', { name: 'Hello from the browser' }).click();
  const crumbs = page.getByRole('navigation', { name: 'Folder' });
  await expect(crumbs.getByRole('link')).toHaveText(['My files', 'publish-library', 'posts']);
  await crumbs.getByRole('link', { name: 'publish-library' }).click();
  await expect(page.getByRole('status')).toHaveText('3 articles');
  await expect(folders.getByRole('checkbox', { name: /^publish-library/ })).toBeChecked();
});
