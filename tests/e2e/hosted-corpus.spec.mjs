// A real blog hosted as people host it: Hexo's documentation in ten languages, indexed by
// `cargo xtask test` and opened with ?library= under the build's sub-path. Phrases from deep in
// its articles (mostly Chinese and Japanese) list exactly the articles the engine finds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures.mjs';
import { SUBPATH_PORT } from './playwright.config.mjs';

const corpus = process.env.LECTERN_E2E_CORPUS;
const phrasesFile = process.env.LECTERN_E2E_CORPUS_PHRASES;

test.skip(
  !corpus || !phrasesFile,
  'run through `cargo xtask test`, which indexes the corpus and picks the phrases',
);

// The route a card links to: each segment of the id percent-encoded (src/route.rs).
const route = (id) => `#/read/${id.split('/').map(encodeURIComponent).join('/')}`;

test('phrases from deep in real articles list exactly what the engine finds', async ({ page }) => {
  const phrases = JSON.parse(readFileSync(phrasesFile, 'utf8'));
  expect(phrases.length).toBeGreaterThanOrEqual(10);
  const { count } = JSON.parse(readFileSync(join(corpus, 'index.json'), 'utf8'));
  // A library URL relative to the page, as a site links to its own.
  await page.goto(`http://127.0.0.1:${SUBPATH_PORT}/lectern/?library=corpus/`);
  const status = page.getByRole('status');
  await expect(status).toHaveText(`${count} articles`);
  const search = page.getByRole('searchbox', { name: 'Search' });
  const links = page.locator('article.card h2 a');
  for (const { phrase, ids } of phrases) {
    await search.fill(phrase);
    // The count and the cards together, so neither is the last phrase's; the count alone (no
    // "searching the articles' text…") is said once the index's files are fetched and searched.
    await expect
      .poll(async () => ({
        status: await status.textContent(),
        links: (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).sort(),
      }), { message: phrase })
      .toEqual({
        status: `${ids.length} article${ids.length === 1 ? '' : 's'}`,
        links: ids.map(route).sort(),
      });
  }
});
