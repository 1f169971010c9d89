// A reader opens articles written by someone hostile: nothing in them may run.
//
// The cases (xss-cases.mjs) are DOMPurify's 223 payloads and some 190 hand-written
// filter-evasion and Markdown-specific vectors. Each case reaches every place an article's
// words reach the page through three dropped articles (see `articlesFor`):
//   <case>-fm.md    title, author, the one tag, the one category, the cover, and the body as
//                   Markdown: six positions in one article, since one escaped front matter line
//                   cannot disturb another, nor the body;
//   <case>-html.md  the body as HTML (`<div>\n…\n</div>`);
//   <case>-link.md  the payload as a link's URL (`[click](…)`), apart from the body because a
//                   body payload (an open comment, <plaintext>) may swallow what follows it.
// That is some 1 200 articles, given through "Open files" a few hundred at a time, the last batch
// dropped on the page. Every one is opened, and the live DOM is checked after each (see
// `liveScriptIn`); so are the library's cards, searches for payload fragments, and the lists
// filtered by a hostile tag and author. Throughout, a dialog, a set `window.__xss` (the hook
// the payloads set) or a request to evil.example that is not an image fails the test. Images
// of remote hosts are allowed by design (the fixture answers them with a placeholder).
import { test, expect } from './fixtures.mjs';
import { allCases, articlesFor, encodeValue, HOSTILE_SVG } from './xss-cases.mjs';

const CASES = allCases();
const ARTICLES = CASES.flatMap(articlesFor);
const SAMPLES = 12;
const BATCH = 300;

/** What `article_count` says for `n` articles. */
const count = (n) => (n === 1 ? '1 article' : `${n} articles`);

/** Files as the "Open files" input takes them. */
const asFiles = (articles) =>
  articles.map(({ name, text }) => ({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) }));

/**
 * Watches a page for script that ran: dialogs, and requests to the attacker's host that are
 * not images (an <img> of a remote host is allowed; a fetch, a stylesheet or a frame is not).
 * `news()` gives what happened since it was last asked, so a failure names the article shown.
 */
function watchForScript(page) {
  const events = [];
  const remote = new Map();
  let seen = 0;
  page.on('dialog', (dialog) => {
    events.push(`a ${dialog.type()} dialog said "${dialog.message()}" at ${page.url()}`);
    dialog.dismiss().catch(() => {});
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!/^(https?|wss?):$/.test(url.protocol) || ['127.0.0.1', 'localhost'].includes(url.hostname)) return;
    // Recorded for the report; only evil.example's non-image requests are failures.
    const key = `${url.hostname} (${request.resourceType()})`;
    remote.set(key, (remote.get(key) ?? 0) + 1);
    if (url.hostname.endsWith('evil.example') && request.resourceType() !== 'image') {
      events.push(`a ${request.resourceType()} request to ${request.url()} at ${page.url()}`);
    }
  });
  return {
    news: () => events.slice(seen, (seen = events.length)),
    all: () => [...events],
    remote: () => [...remote].map(([key, n]) => `${key}: ${n}`),
  };
}

/** The document as the app makes it, before any article: what an article must not add to. */
function documentBaseline() {
  return {
    scripts: document.scripts.length,
    heads: document.querySelectorAll('base, meta[http-equiv]').length,
    baseURI: document.baseURI.split('#')[0],
  };
}

/**
 * Runs in the page: every trace of live script in the DOM, as readable lines (none is good).
 * Checks the whole document, so the reader, the cards, the filter panel and the pager alike.
 */
function liveScriptIn(baseline) {
  const found = [];
  const main = document.querySelector('main');
  // Where an element is, in a few ancestors, and what it looks like.
  const describe = (element) => {
    const path = [];
    for (let at = element; at && at !== document.body && path.length < 4; at = at.parentElement) {
      path.unshift(at.localName + (at.classList.length ? `.${[...at.classList].join('.')}` : ''));
    }
    return `${path.join(' > ')}: ${element.outerHTML.slice(0, 200)}`;
  };
  const URL_ATTRIBUTES = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster', 'background', 'cite'];
  const SCRIPT_URL = /^(javascript:|vbscript:|data:text\/html)/;
  const PLAYERS = [
    'https://www.youtube.com/embed/',
    'https://www.youtube-nocookie.com/embed/',
    'https://player.vimeo.com/video/',
    'https://player.bilibili.com/player.html',
  ];
  // As a URL parser reads it: tabs and newlines anywhere, and leading controls, do not count.
  const asUrl = (value) => value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '').toLowerCase();
  for (const element of document.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) {
      const lower = name.toLowerCase();
      const value = element.getAttribute(name) ?? '';
      if (lower.startsWith('on')) found.push(`handler ${name}: ${describe(element)}`);
      if (lower === 'srcdoc') found.push(`srcdoc: ${describe(element)}`);
      if ((URL_ATTRIBUTES.includes(lower) || lower.endsWith(':href')) && SCRIPT_URL.test(asUrl(value))) {
        found.push(`script URL in ${name}: ${describe(element)}`);
      }
      if (lower === 'style' && /javascript:|vbscript:|expression\(|@import|behavior:|-moz-binding/.test(asUrl(value))) {
        found.push(`script in a style attribute: ${describe(element)}`);
      }
    }
  }
  for (const frame of document.querySelectorAll('iframe')) {
    if (!PLAYERS.some((player) => (frame.getAttribute('src') ?? '').startsWith(player))) {
      found.push(`a frame that is not a video player: ${describe(frame)}`);
    }
  }
  // Elements that run, load or submit something; an article's HTML has none of them.
  for (const element of main.querySelectorAll('script, object, embed, applet, frame, frameset, style, link, meta, base, form')) {
    found.push(`<${element.localName}> in main: ${describe(element)}`);
  }
  if ([...document.forms].some((form) => main.contains(form))) found.push('document.forms has a form of the article');
  if (document.scripts.length !== baseline.scripts) found.push(`${document.scripts.length - baseline.scripts} script element(s) added`);
  if (document.querySelectorAll('base, meta[http-equiv]').length !== baseline.heads) found.push('a <base> or <meta http-equiv> was added');
  if (document.baseURI.split('#')[0] !== baseline.baseURI) found.push(`the base URL became ${document.baseURI}`);
  // Titles, names, tags and categories are text: any element in them (but a search's <mark>) is markup that got in.
  for (const element of document.querySelectorAll('.reader-header h1, .byline-authors, .categories li, .card-tags li, .card-title a, .pager-title')) {
    if ([...element.children].some((child) => child.localName !== 'mark')) found.push(`markup in text: ${describe(element)}`);
  }
  if (window.__xss !== undefined) found.push(`window.__xss is ${String(window.__xss)}`);
  return found;
}

/** Opens the app on the sample library and notes the document it starts from. */
async function openApp(page) {
  await page.goto('./');
  await expect(page.getByRole('status')).toHaveText(count(SAMPLES));
  return page.evaluate(documentBaseline);
}

/** Gives the articles through "Open files", a batch at a time, and drops the last batch on the page. */
async function bringIn(page, articles) {
  const status = page.getByRole('status');
  const batches = [];
  for (let at = 0; at < articles.length; at += BATCH) batches.push(articles.slice(at, at + BATCH));
  const dropped = batches.pop();
  let listed = SAMPLES;
  for (const batch of batches) {
    await page.getByLabel('Open files').setInputFiles(asFiles(batch));
    listed += batch.length;
    await expect(status).toHaveText(count(listed), { timeout: 60_000 });
  }
  // The other way in: a drop anywhere on the page (a script cannot drag real files).
  const dataTransfer = await page.evaluateHandle((files) => {
    const transfer = new DataTransfer();
    for (const { name, text } of files) transfer.items.add(new File([text], name, { type: 'text/markdown' }));
    return transfer;
  }, dropped.map(({ name, text }) => ({ name, text })));
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  listed += dropped.length;
  await expect(status).toHaveText(count(listed), { timeout: 60_000 });
}

/** Opens an article by its address, as a link would, and waits until it is the one shown. */
async function read(page, article) {
  await page.evaluate((hash) => {
    location.hash = hash;
  }, `#/read/${encodeValue(article.id)}`);
  // The file's name (under "About this file") says which article is on the page: its title may be the payload.
  await expect(page.locator('article.reader .about-file .file-facts code')).toHaveText(article.name);
  // Its front matter was read, every field of it: each position really was tried.
  await expect.soft(page.locator('.about-file > table.fields > tbody > tr > th'), `${article.name} front matter`).toHaveText(article.fields);
}

/** Opens the first article of the list shown, as a keyboard user does: its title, then Enter. */
async function openFirstCard(page) {
  // Not a click: a title that is a 2 000-character payload makes a link taller than the
  // window, whose middle the sticky header can cover.
  await page.locator('article.card h2 a').first().press('Enter');
}

/** Checks the page now: nothing live in the DOM, no dialog, no escaped request, no hook set. */
async function expectInert(page, watch, baseline, where) {
  const found = [...(await page.evaluate(liveScriptIn, baseline)), ...watch.news()];
  expect.soft(found, where).toEqual([]);
}

/** At the end of a test: nothing ran, all along. */
async function expectNothingRan(page, watch) {
  expect(watch.all(), 'no dialog, and no request to evil.example but images').toEqual([]);
  expect(await page.evaluate(() => window.__xss), 'the hook was never set').toBeUndefined();
  console.log(`requests that left the machine (answered by the fixture): ${watch.remote().join(', ') || 'none'}`);
}

const label = (article) => {
  const c = CASES.find(({ id }) => id === article.caseId);
  return `${article.name} [${article.positions.join(', ')}] ${c.title}`;
};

test('every case, in every position, is shown inert', async ({ page }) => {
  test.setTimeout(300_000);
  expect(CASES.length).toBeGreaterThanOrEqual(300);
  const watch = watchForScript(page);
  const baseline = await openApp(page);
  await bringIn(page, ARTICLES);
  await expectInert(page, watch, baseline, 'the library with every case in it');
  for (const article of ARTICLES) {
    await read(page, article);
    await expectInert(page, watch, baseline, label(article));
  }
  await expectNothingRan(page, watch);
});

test('the library of hostile files, searched and filtered, is shown inert', async ({ page }) => {
  test.setTimeout(300_000);
  const watch = watchForScript(page);
  const baseline = await openApp(page);
  await bringIn(page, ARTICLES);
  const status = page.getByRole('status');

  // Searching for pieces of the payloads marks them in the cards and, opened, in the article.
  const search = page.getByRole('searchbox', { name: 'Search' });
  for (const fragment of ['onerror', 'javascript', 'alert', 'script', 'evil.example', '<svg', 'mglyph', '__proto__']) {
    await page.evaluate(() => {
      location.hash = '#/';
    });
    await search.fill(fragment);
    await expect(page).toHaveURL(/#\/\?q=/);
    await expect(status).toHaveText(/^\d+ articles?$/);
    // The hits are marked: the list shown is the search's.
    await expect(page.locator('article.card mark').first()).toBeVisible();
    await expectInert(page, watch, baseline, `the cards found by "${fragment}"`);
    await openFirstCard(page);
    await expect(page.locator('article.reader h1')).toBeVisible();
    await expectInert(page, watch, baseline, `the first article found by "${fragment}", its hits marked`);
  }

  // Filtering by a hostile tag and author, as the filter panel writes them in the address.
  const hostile = [
    '"><img src=x onerror=alert(1)>',
    '<svg><script>window.__xss=1;alert(1)</script></svg>',
    '[x](javascript:alert(1))',
    "<img src=x id/=' onerror=alert(1)//'>", // DOMPurify's
  ].map((payload) => CASES.find((c) => c.payload === payload));
  for (const { id, payload } of hostile) {
    const value = payload.trim();
    const expected = CASES.filter((c) => c.payload.trim() === value).length;
    for (const facet of ['tag', 'author']) {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, `#/?${facet}=${encodeValue(value)}`);
      await expect(status, `${facet} of ${id}`).toHaveText(count(expected));
      await expectInert(page, watch, baseline, `the list filtered by the ${facet} of ${id}`);
      await openFirstCard(page);
      await expect(page.locator('article.reader .about-file .file-facts code')).toHaveText(/-fm\.md$/);
      await expectInert(page, watch, baseline, `an article of the ${facet} of ${id}`);
    }
  }
  // Every card of my files, with its hostile title, byline, tags, categories and cover.
  await page.evaluate(() => {
    location.hash = '#/?source=dropped';
  });
  await expect(status).toHaveText(count(ARTICLES.length));
  // "Show more" until every card is there. The button also presses itself as it nears the
  // view, so it may be gone by the time it is clicked: hence a retried step, not a plain loop.
  const more = page.getByRole('button', { name: /^Show \d+ more/ });
  const cards = page.locator('article.card');
  await expect(async () => {
    if (await more.count()) await more.click({ timeout: 2_000 });
    expect(await cards.count()).toBe(ARTICLES.length);
  }).toPass({ timeout: 120_000 });
  await expectInert(page, watch, baseline, 'every card of my files');
  await expectNothingRan(page, watch);
});

test('an SVG beside an article is shown as a picture, never opened as a page', async ({ page, context }) => {
  const watch = watchForScript(page);
  const baseline = await openApp(page);
  await page.getByLabel('Open files').setInputFiles([
    { name: 'diagram.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(HOSTILE_SVG) },
    { name: 'svg-link.md', mimeType: 'text/markdown', buffer: Buffer.from('[![diagram](diagram.svg)](diagram.svg)\n') },
  ]);
  await expect(page.getByRole('status')).toHaveText(count(SAMPLES + 1));
  await read(page, { id: 'dropped/svg-link', name: 'svg-link.md', fields: [] });

  const picture = page.getByRole('img', { name: 'diagram' });
  await expect(picture).toHaveAttribute('src', /\S/);
  const src = await picture.getAttribute('src');
  // As an <img> the SVG's script cannot run; as a document of the app's origin it could.
  const link = page.locator('.reader-body a').filter({ has: picture });
  const href = (await link.count()) ? await link.getAttribute('href') : null;
  expect.soft(href ?? '', 'the link around the picture does not open the SVG from a blob: URL').not.toMatch(/^blob:/i);
  await expectInert(page, watch, baseline, 'the article with the SVG');

  // Opening the picture's address (or the link's) on a page of its own, as "Open image in new
  // tab" would, never runs script as Lectern. Opened the way goto opens it (like an address
  // typed in the address bar), a data: document may run its own script, but in an opaque origin
  // of its own ("null"), which reaches nothing of Lectern's; a data: URL may also be refused as a
  // top-level page, which is fine. A blob: URL, though, is a document of Lectern's origin.
  const lectern = new URL(page.url()).origin;
  for (const [what, url] of [['the picture', src], ['the link', href]]) {
    if (!url || url.startsWith('#')) continue;
    const other = await context.newPage();
    const dialogs = [];
    other.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
    await other.goto(new URL(url, page.url()).href).catch(() => {});
    const shown = await other
      .evaluate(() => ({ origin: self.origin, hook: window.__xss }))
      .catch(() => ({ origin: 'none (not shown)', hook: undefined }));
    const ranAsLectern = shown.origin === lectern && (shown.hook !== undefined || dialogs.length > 0);
    expect.soft(
      ranAsLectern,
      `${what} opened as a page (${url.slice(0, 50)}…) runs no script as Lectern: origin ${shown.origin}, ` +
        `window.__xss ${shown.hook}, dialogs [${dialogs.join(', ')}]`,
    ).toBe(false);
    await other.close();
  }
  await expectNothingRan(page, watch);
});
