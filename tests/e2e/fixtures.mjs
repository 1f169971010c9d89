// The shared setup of every end-to-end test: a page whose console must stay free of errors, and
// whose requests to the internet (remote article images) get a local placeholder, because the
// test machines are offline.
import { test as base, expect } from '@playwright/test';

const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: PLACEHOLDER_PNG }),
    );
    await use(page);
    expect(problems, 'the console has no errors').toEqual([]);
  },
});

export { expect };
