// The shared setup of every end-to-end test: a page whose console must stay free of errors,
// whose Content-Security-Policy is never violated, and whose requests to the internet (remote
// article images) get a local placeholder, because the test machines are offline.
import { test as base, expect } from '@playwright/test';

const PLACEHOLDER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export const test = base.extend({
  // Console errors a test provokes on purpose (a host refusing CORS), as one regular expression.
  expectedConsoleError: [null, { option: true }],
  page: async ({ page, expectedConsoleError }, use) => {
    const problems = [];
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !expectedConsoleError?.test(text)) {
        problems.push(`console: ${text}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // The built page's Content-Security-Policy must never be tripped: Chromium also logs a
    // violation to the console, but the event names the directive.
    await page.exposeFunction('__lecternViolation', (text) => problems.push(`CSP violation: ${text}`));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) =>
        window.__lecternViolation(`${event.violatedDirective} ${event.blockedURI}`),
      );
    });
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: PLACEHOLDER_PNG }),
    );
    await use(page);
    expect(problems, 'the console has no errors').toEqual([]);
  },
});

export { expect };
