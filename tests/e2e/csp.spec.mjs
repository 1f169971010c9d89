// The built page carries a strict Content-Security-Policy, and using Lectern never trips it:
// the library, a search, an import of a whole folder, and the reader of every article of the
// shared corpora (Hexo docs in ten languages, Jekyll posts, the edge cases, the reference article).
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures.mjs';

const CORPORA = fileURLToPath(new URL('../../crates/articles/tests/', import.meta.url));

// Violations are events on the document; the console check of the fixture catches the rest.
async function watchViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__violations.push(`${event.violatedDirective}: ${event.blockedURI}`);
    });
  });
}

const violations = (page) => page.evaluate(() => window.__violations);

test('the page states a strict policy before any script', async ({ page }) => {
  const response = await page.request.get('./');
  const html = await response.text();
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  expect(policy, 'a CSP meta element').toBeTruthy();
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  const directives = Object.fromEntries(policy.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
  expect(directives['script-src']).toContain("'self'");
  expect(directives['script-src']).toContain("'wasm-unsafe-eval'");
  expect(directives['script-src']).not.toContain("'unsafe-inline'");
  expect(directives['script-src']).not.toContain("'unsafe-eval'");
  // Every inline script is allowed by its hash, no more.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>/g)].length;
  expect(directives['script-src'].filter((s) => s.startsWith("'sha256-"))).toHaveLength(inline);
  expect(directives['object-src']).toEqual(["'none'"]);
  expect(directives['base-uri']).toEqual(["'none'"]);
  expect(directives['form-action']).toEqual(["'none'"]);
  expect(directives['frame-src']).toContain('https://www.youtube.com');
  const headers = await (await page.request.get('./_headers')).text();
  expect(headers).toContain(`Content-Security-Policy: ${policy}; frame-ancestors`);
});

test.describe('using Lectern', () => {
  // Some corpus articles show pictures by site-root paths (`/images/…`) that this test server
  // does not have: 404s, not violations.
  test.use({ expectedConsoleError: /status of 404/ });

  test('no violation while listing, searching, importing a folder and reading every article', async ({ page }) => {
    test.setTimeout(240_000);
    await watchViolations(page);
    const missing = [];
    page.on('response', (response) => response.status() === 404 && missing.push(new URL(response.url()).pathname));
    await page.goto('./');
    const status = page.getByRole('status');
    await expect(status).toHaveText('12 articles');
    await page.getByRole('searchbox', { name: 'Search' }).fill('hexo');
    await expect(status).toHaveText('5 articles');
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByLabel('Open folder').setInputFiles(CORPORA);
    await expect(page.locator('.notice')).toContainText('Added', { timeout: 60_000 });
    // Every dropped article, by the link its card gives it.
    const links = await droppedLinks(page);
    expect(links.length).toBeGreaterThan(590);
    for (const [href, title] of links) {
      await page.evaluate((href) => { location.hash = href; }, href);
      await expect(page.locator('article.reader h1').first()).toHaveText(title);
    }
    await page.evaluate(() => { location.hash = '#/'; });
    await page.getByRole('searchbox', { name: 'Search' }).fill('部署');
    await expect(status).not.toHaveText('0 articles');
    expect(await violations(page)).toEqual([]);
    expect(missing.filter((path) => !/\.(png|jpe?g|gif|svg|webp)$/i.test(path))).toEqual([]);
  });
});

// The links and titles of the reader's own files: the "my files" source filter lists them all, a page
// of cards at a time.
async function droppedLinks(page) {
  await page.evaluate(() => { location.hash = '#/?source=dropped'; });
  await expect(page.getByRole('status')).toHaveText(/^\d+ articles$/);
  // The button a scrolling reader's observer presses, pressed until every card is there.
  await page.evaluate(async () => {
    for (let button; (button = document.querySelector('button.show-more')); ) {
      button.click();
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  });
  return page.evaluate(() =>
    [...document.querySelectorAll('article h2 a')].map((a) => [a.getAttribute('href'), a.textContent]),
  );
}
