// A reader brings their own files: through "Open files", or by dropping them on the page.
import { test, expect } from './fixtures.mjs';

const NOTE = `---
title: My dropped note
date: 2030-01-02 09:00
tags: [mine]
---

Written on my own machine.
`;

test('opening files adds them to the library and names what was skipped', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  await page.getByLabel('Open files').setInputFiles([
    { name: 'note.md', mimeType: 'text/markdown', buffer: Buffer.from(NOTE) },
    { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([137, 80, 78, 71]) },
  ]);
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await expect(page.locator('.notice')).toContainText('photo.png');
  // Dated 2030, it is the newest.
  await expect(page.locator('article h2 a').first()).toHaveText('My dropped note');
  await page.getByRole('link', { name: 'My dropped note' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My dropped note');
  await expect(page.locator('.reader-body')).toHaveText('Written on my own machine.');
});

test('dropping a file anywhere on the page adds it', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText('12 articles');
  const dataTransfer = await page.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'dropped.md', { type: 'text/markdown' }));
    return transfer;
  }, '# Dropped by hand\n\nHello from a drop.');
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await expect(page.locator('.drop-overlay')).toBeVisible();
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.locator('.drop-overlay')).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText('13 articles');
  await page.getByRole('link', { name: 'Dropped by hand' }).click();
  await expect(page.locator('.reader-body')).toHaveText('Hello from a drop.');
});

test('hostile front matter and HTML stay inert', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs += 1;
    return dialog.dismiss();
  });
  await page.goto('./');
  const hostile = [
    '---',
    'title: "<img src=x onerror=alert(1)>"',
    '---',
    '',
    '<script>alert(3)</script>',
    '<img src="data:x" onerror="alert(4)">',
    '<a href="javascript:alert(6)">x</a>',
  ].join('\n');
  await page.getByLabel('Open files').setInputFiles([
    { name: 'xss.md', mimeType: 'text/markdown', buffer: Buffer.from(hostile) },
  ]);
  await page.getByRole('link', { name: '<img src=x onerror=alert(1)>' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<img src=x onerror=alert(1)>');
  await expect(page.locator('.reader-body script, .reader-body [onerror]')).toHaveCount(0);
  expect(dialogs).toBe(0);
});
