// Hosted-search benchmark, Pagefind's side: a library of Markdown articles rendered to one HTML
// page each, indexed by Pagefind (npm `pagefind`, pinned in package.json), and searched in
// headless Chromium from the gzipped loopback server, as a reader of a static site would. It
// measures the index build (wall clock), the index's size (raw and gzip -9), and per query: the
// first search in a fresh browser context (cold: time from just before the search to all
// results' data loaded; bytes of everything fetched after the page loaded, Pagefind's script,
// worker, wasm, index chunks and fragments), the same search again (warm), and the cold search
// on a 9 Mbps / 40 ms link (DevTools' emulation, as in start.mjs; it does not reach a web worker's
// fetches, so on that link Pagefind searches without its worker). Quality is measured against a
// scan of the same text (`wordReference`: a run of CJK letters as a substring, several words as
// whole words in order): recall and precision of Pagefind's results over the articles that
// contain the query.
//
//   node tests/bench/pagefind.mjs <library dir> <out.json> [--queries queries.json] [--count N]
//                                 [--scope library|language] [--keep]
//
// --keep leaves the generated site (one page per article under a/, and pagefind/) in the temp dir.
//
// Queries are a JSON array of strings, or drawn deterministically from the articles: phrases
// from past their first 3 000 characters (4–6 CJK ideographs, or two Latin words). Each query is
// searched in the language of the article it was drawn from (or of most articles containing it).
// Pagefind keeps one index per language and a page searches its own; with --scope library (the
// default: the reference scan and Lectern cover the whole library) every language's index is
// searched too, each in a frame of its own language (pagefind-page.js), and the results merged.
//
// `pagefindBench(libraryDir, options)` does the same and returns the figures, for other scripts
// (hosted.mjs, which puts them beside Lectern's); `readLibrary`, `drawQueries`, `reference` and
// `wordReference` are the articles, the queries and the scans it shares with them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import matter from 'gray-matter';
import { marked } from 'marked';
import { NINE_MBPS, throttle, withBrowser } from './harness.mjs';
import { quantile } from './stats.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const PORT = 4197;
/// Queries are drawn from past the opening of an article, where its own title and summary words
/// (found by any engine) are behind.
const SKIP = 3000;
const HAN = /\p{Script=Han}/u;
const WORD = String.raw`\p{L}[\p{L}\p{M}\p{N}]*`;
/// Two words separated by one space with whitespace (or the text's ends) around: a pair touching
/// punctuation or spanning a line break is skipped.
const PAIR = new RegExp(String.raw`(?<!\S)(${WORD}) (${WORD})(?!\S)`, 'gu');

// ---------------------------------------------------------------------------------------------
// Articles

function markdownFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(path, out);
    else if (/\.(md|markdown)$/i.test(entry.name)) out.push(path);
  }
  return out.sort();
}

// gray-matter would eval `---js` front matter: these engines refuse it.
const refuse = () => ({});
const MATTER = { engines: { js: refuse, javascript: refuse } };

/// Front matter (YAML `---`, TOML `+++`, JSON as `---json`, `;;;`-fenced or Hexo's unopened
/// `;;;` form) split from the body. TOML is not parsed: only a `title = "…"` line is read.
function frontMatter(text) {
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/^\s*\n/, '');
  const toml = /^\+\+\+\n([\s\S]*?)\n\+\+\+(?:\n|$)/.exec(text);
  if (toml) {
    const title = /^title\s*=\s*(["'])(.*)\1\s*$/m.exec(toml[1]);
    return { data: title ? { title: title[2] } : {}, body: text.slice(toml[0].length) };
  }
  const json = /^(?:;;;\n)?([\s\S]*?)\n;;;(?:\n|$)/.exec(text);
  if (json) {
    try {
      const source = json[1].trim();
      return { data: JSON.parse(source.startsWith('{') ? source : `{${source}}`), body: text.slice(json[0].length) };
    } catch {
      // Not JSON: `;;;` was body text.
    }
  }
  if (text.startsWith('---')) {
    try {
      const { data, content } = matter(text, MATTER);
      return { data, body: content };
    } catch {
      // Malformed YAML: drop the block, keep the body.
      const block = /^---[^\n]*\n[\s\S]*?\n---(?:\n|$)/.exec(text);
      return { data: {}, body: block ? text.slice(block[0].length) : text };
    }
  }
  return { data: {}, body: text };
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', middot: '·', times: '×' };
const decode = (text) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });

const BLOCK = /^\/?(p|div|h[1-6]|li|ul|ol|dl|dt|dd|pre|blockquote|table|thead|tbody|tr|td|th|hr|br|section|article|header|footer|figure|figcaption|details|summary)\b/i;
/// The text Pagefind indexes from rendered HTML, near enough: no scripts, styles or comments;
/// block elements break words, inline ones do not.
function plainText(html) {
  return decode(
    html
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<(script|style|template|noscript)\b[\s\S]*?<\/\1\s*>/gi, '')
      // A line break in a paragraph's source is a space; only preformatted text keeps lines.
      .split(/(<pre\b[\s\S]*?<\/pre\s*>)/i)
      .map((part, n) => (n % 2 === 1 ? part : part.replace(/\s+/g, ' ')))
      .join('')
      .replace(/<([^>]*)>/g, (_, tag) => (BLOCK.test(tag) ? '\n' : '')),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const isLanguage = (code) => /^[a-z]{2,3}([-_][a-z]{2,4})?$/i.test(code) && LANGUAGE_NAMES.of(code.replace('_', '-')) !== undefined;

/// The article's language: its front matter's, else a folder named like a language (Hexo's
/// `zh-cn/docs/…`), else guessed from its script, since Pagefind segments Chinese and Japanese
/// only in pages that say they are.
function language(data, path, text) {
  const declared = data.lang ?? data.language;
  if (typeof declared === 'string' && isLanguage(declared)) return declared.toLowerCase();
  const folder = path.split(sep).slice(0, -1).find(isLanguage);
  if (folder) return folder.toLowerCase().replace('_', '-');
  const han = (text.match(/\p{Script=Han}/gu) ?? []).length;
  const kana = (text.match(/[\p{Script=Hiragana}\p{Script=Katakana}]/gu) ?? []).length;
  if (kana > 50) return 'ja';
  return han > text.length / 5 ? 'zh' : 'en';
}

export function readLibrary(dir) {
  return markdownFiles(dir).map((file, id) => {
    const path = relative(dir, file);
    const { data, body } = frontMatter(readFileSync(file, 'utf8'));
    const html = marked.parse(body);
    const heading = /^#\s+(.+)$/m.exec(body)?.[1];
    const title = String(data.title ?? heading ?? basename(file).replace(/\.[^.]+$/, ''));
    const text = `${title}\n${plainText(html)}`;
    return { id, path, title, html, text, lower: text.toLowerCase(), lang: language(data, path, text) };
  });
}

// ---------------------------------------------------------------------------------------------
// The site and its index

function writeSite(articles) {
  const site = mkdtempSync(join(tmpdir(), 'lectern-pagefind-'));
  mkdirSync(join(site, 'a'));
  for (const a of articles) {
    writeFileSync(
      join(site, 'a', `${a.id}.html`),
      `<!doctype html><html lang="${a.lang}"><head><meta charset="utf-8"><title>${escapeHtml(a.title)}</title></head>` +
        `<body><main data-pagefind-body><h1>${escapeHtml(a.title)}</h1>\n${a.html}</main></body></html>\n`,
    );
  }
  return site;
}

/// Runs Pagefind over the site. Wall clock, npx included: what a site's build step pays.
function buildIndex(site) {
  const start = performance.now();
  const run = spawnSync('npx', ['--no', '--', 'pagefind', '--site', site], { cwd: ROOT, encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`pagefind failed:\n${run.stdout}\n${run.stderr}`);
  const reported = /Finished in ([\d.]+) seconds/.exec(run.stdout);
  const languages = /Discovered (\d+) language/.exec(run.stdout);
  return { ms, reportedMs: reported ? Number(reported[1]) * 1000 : null, languages: languages ? Number(languages[1]) : 1 };
}

/// Every file of the bundle, raw and as the server sends it (gzip -9, file by file). Pagefind
/// also writes its UI scripts and styles, counted apart: a page that only calls the API never
/// fetches them.
function indexSize(dir) {
  const size = { bytes: 0, gzip: 0, files: 0, ui: 0, uiFiles: 0 };
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      const body = readFileSync(path);
      size.bytes += body.length;
      size.gzip += gzipSync(body, { level: 9 }).length;
      size.files += 1;
      if (/^pagefind-(component-ui|modular-ui|ui|highlight)\./.test(entry.name)) {
        size.ui += body.length;
        size.uiFiles += 1;
      }
    }
  };
  walk(dir);
  return size;
}

// ---------------------------------------------------------------------------------------------
// Queries and the reference scan

/// mulberry32: small, fast, deterministic.
function mulberry32(seed) {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

const isCjk = (lang) => /^(zh|ja)\b/.test(lang);

/// A phrase of `a` from a random point past its opening: 4–6 ideographs for Chinese and
/// Japanese, two words otherwise; null when none follows that point.
function phrase(a, random) {
  const from = SKIP + random(a.text.length - SKIP);
  const rest = a.text.slice(from);
  if (isCjk(a.lang)) {
    for (const run of rest.matchAll(/\p{Script=Han}{4,}/gu)) {
      // A run cut by the random start is not a run of the text.
      if (run.index === 0 && HAN.test(a.text[from - 1])) continue;
      const length = Math.min(run[0].length, 4 + random(3));
      const at = random(run[0].length - length + 1);
      return [...run[0]].slice(at, at + length).join('');
    }
    return null;
  }
  for (const pair of rest.matchAll(PAIR)) {
    if (pair.index === 0 && /\S/.test(a.text[from - 1])) continue;
    return pair[0].toLowerCase();
  }
  return null;
}

export function drawQueries(articles, count, seed = 42) {
  const random = mulberry32(seed);
  const long = articles.filter((a) => a.text.length > SKIP + 200);
  if (long.length === 0) throw new Error(`no article is longer than ${SKIP + 200} characters`);
  const queries = new Map();
  for (let tries = 0; queries.size < count && tries < count * 50; tries++) {
    const a = long[random(long.length)];
    const q = phrase(a, random);
    if (q && !queries.has(q)) queries.set(q, a.lang);
  }
  return [...queries].map(([q, lang]) => ({ q, lang }));
}

/// The ids of the articles whose text (title included) contains `q`, case aside.
export const reference = (articles, q) => {
  const needle = q.toLowerCase();
  return new Set(articles.filter((a) => a.lower.includes(needle)).map((a) => a.id));
};

/// The ids of the articles containing `q` as Lectern's README says a search finds it: a run of
/// CJK letters (or one word) anywhere, as `reference`; several words as a quoted phrase, whole
/// words in order, any punctuation or spacing between them but not a block's end ("past
/// version" is not in "past versions"; "and Paul" is in "and, Paul", not in a table's "and" |
/// "Paul"; "hexo generate" is in "hexo generateを", a CJK letter being a word of its own). A
/// scan of the text with a regular expression, nothing of Lectern's.
export const wordReference = (articles, q) => {
  const words = q.toLowerCase().trim().split(/\s+/);
  if (words.length < 2) return reference(articles, q);
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // A word ends at anything but a letter or digit of a word: a CJK letter is one of its own.
  const cjk = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
  const wordChar = String.raw`(?![${cjk}])[\p{L}\p{N}]`;
  const phrase = new RegExp(String.raw`(?<!${wordChar})${escaped.join(String.raw`[^\p{L}\p{N}\n]+`)}(?!${wordChar})`, 'u');
  return new Set(articles.filter((a) => phrase.test(a.lower)).map((a) => a.id));
};

/// The language a reader of `q` searches in: that of most articles containing it, else the
/// library's commonest.
function readerLanguage(articles, ref) {
  const counts = new Map();
  for (const a of ref.size ? articles.filter((a) => ref.has(a.id)) : articles) counts.set(a.lang, (counts.get(a.lang) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1])[0][0];
}

// ---------------------------------------------------------------------------------------------
// In the browser

/// Bytes fetched by the context (the page, its frames and Pagefind's workers) from now on:
/// encoded bodies and headers, as they crossed the wire; all of them, and each URL once. The
/// server sends no caching headers, so a frame fetches again what another just fetched (Pagefind's
/// script, the shared `wasm.unknown`); a host with caching headers would send each once.
/// Playwright reports no body size for a worker's own script: that one is the file gzipped at
/// level 9, which is what the server sends.
function countBytes(context, site) {
  const sizes = [];
  const listener = (request) =>
    sizes.push(
      request.sizes().then(
        (s) => {
          const url = new URL(request.url());
          const body = s.responseBodySize || (request.resourceType() === 'script' ? servedSize(site, url.pathname) : 0);
          return { url: url.href, bytes: body + s.responseHeadersSize };
        },
        () => ({ url: request.url(), bytes: 0 }),
      ),
    );
  context.on('requestfinished', listener);
  return async () => {
    context.off('requestfinished', listener);
    const all = await Promise.all(sizes);
    const unique = new Map(all.map((r) => [r.url, r.bytes]));
    return { all: all.reduce((sum, r) => sum + r.bytes, 0), unique: [...unique.values()].reduce((a, b) => a + b, 0) };
  };
}

const served = new Map();
function servedSize(site, path) {
  if (!served.has(path)) served.set(path, gzipSync(readFileSync(join(site, decodeURIComponent(path))), { level: 9 }).length);
  return served.get(path);
}

/// A fresh context searching `query` in `languages` (pagefind-page.js): cold, then (when asked)
/// the same again, warm. Bytes are counted from after the page and its frames loaded.
async function coldSearch(browser, origin, site, query, languages, { link, warm }) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`pagefind page error: ${e.message}`));
    // Chromium applies DevTools' network emulation (throttle, harness.mjs) to a page's own
    // requests but not to its dedicated workers' (neither the page's conditions nor, for a
    // worker target, `emulateNetworkConditionsByRule` slow them; checked on Chromium 156), so on
    // this link Pagefind runs without its worker.
    if (link) await throttle(context, page, link);
    await page.goto(`${origin}/bench.html`);
    await page.evaluate((languages) => window.openFrames(languages), languages);
    const bytes = countBytes(context, site);
    await page.evaluate((noWorker) => window.loadPagefind(noWorker), Boolean(link));
    const cold = await page.evaluate((q) => window.searchAll(q), query);
    const result = { ms: cold.ms, urls: cold.urls, bytes: await bytes() };
    if (warm) result.warmMs = (await page.evaluate((q) => window.searchAll(q), query)).ms;
    return result;
  } finally {
    await context.close();
  }
}

/// The server compresses each file on its first request: every file is asked for once, untimed.
async function warmServer(site, origin) {
  const files = [];
  const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => (e.isDirectory() ? walk(join(d, e.name)) : files.push(join(d, e.name))));
  walk(join(site, 'pagefind'));
  for (const file of files) {
    await (await fetch(`${origin}/${relative(site, file).split(sep).join('/')}`, { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
  }
}

// ---------------------------------------------------------------------------------------------

const median = (xs) => (xs.length ? quantile(xs, 0.5) : null);
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const round = (x, digits = 0) => (x === null ? null : Number(x.toFixed(digits)));

export async function pagefindBench(libraryDir, { queries, count = 25, scope = 'library', port = PORT, keep = false } = {}) {
  const articles = readLibrary(libraryDir);
  const site = writeSite(articles);
  try {
    const build = buildIndex(site);
    const size = indexSize(join(site, 'pagefind'));
    // Written after indexing, so never indexed.
    writeFileSync(
      join(site, 'bench.html'),
      '<!doctype html><html lang="en"><meta charset="utf-8"><title>Pagefind bench</title><script type="module" src="/bench.js"></script>\n',
    );
    copyFileSync(join(HERE, 'pagefind-page.js'), join(site, 'bench.js'));
    // A query without a language (a plain string) is searched in that of most articles containing it.
    const drawn = queries ? queries.map((q) => (typeof q === 'string' ? { q, lang: null } : q)) : drawQueries(articles, count);
    const libraryLanguages = [...new Set(articles.map((a) => a.lang))];
    const rows = [];
    await withBrowser(site, port, async (browser, origin) => {
      await warmServer(site, origin);
      for (const { q, lang } of drawn) {
        const ref = wordReference(articles, q);
        const own = lang ?? readerLanguage(articles, ref);
        const languages = scope === 'library' ? [own, ...libraryLanguages.filter((l) => l !== own)] : [own];
        const cold = await coldSearch(browser, origin, site, q, languages, { warm: true });
        const throttled = await coldSearch(browser, origin, site, q, languages, { link: NINE_MBPS });
        const found = new Set(cold.urls.map((url) => Number(/\/a\/(\d+)\.html/.exec(url)?.[1])));
        const hits = [...found].filter((id) => ref.has(id)).length;
        rows.push({
          q,
          lang: own,
          ref: ref.size,
          found: found.size,
          recall: ref.size ? round(hits / ref.size, 3) : null,
          precision: found.size ? round(hits / found.size, 3) : null,
          cold_ms: round(cold.ms, 1),
          cold_bytes: cold.bytes.all,
          cold_unique_bytes: cold.bytes.unique,
          warm_ms: round(cold.warmMs, 1),
          throttled_ms: round(throttled.ms, 1),
          throttled_bytes: throttled.bytes.all,
        });
      }
    }, {}, { h2: true });
    const of = (key) => rows.map((r) => r[key]).filter((x) => x !== null);
    return {
      build_ms: round(build.ms),
      build_reported_ms: round(build.reportedMs),
      index_bytes: size.bytes,
      index_gzip_bytes: size.gzip,
      ui_bytes: size.ui,
      files: size.files,
      ui_files: size.uiFiles,
      articles: articles.length,
      languages: build.languages,
      scope,
      pagefind: JSON.parse(readFileSync(join(ROOT, 'node_modules/pagefind/package.json'), 'utf8')).version,
      queries: rows,
      summary: {
        median_cold_ms: round(median(of('cold_ms')), 1),
        median_warm_ms: round(median(of('warm_ms')), 1),
        median_throttled_ms: round(median(of('throttled_ms')), 1),
        median_cold_bytes: median(of('cold_bytes')),
        median_cold_unique_bytes: median(of('cold_unique_bytes')),
        mean_recall: round(mean(of('recall')), 3),
        mean_precision: round(mean(of('precision')), 3),
        median_recall: round(median(of('recall')), 3),
        median_precision: round(median(of('precision')), 3),
      },
    };
  } finally {
    if (!keep) rmSync(site, { recursive: true, force: true });
  }
}

function describe(dir, r) {
  const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
  const s = r.summary;
  return [
    `pagefind ${r.pagefind}: ${dir}: ${r.articles} articles, ${r.languages} language(s), searched ${r.scope === 'library' ? 'in every language' : "in the query's language"}`,
    `  build ${r.build_ms} ms wall clock (Pagefind reports ${r.build_reported_ms} ms); index ${kb(r.index_bytes)} in ${r.files} files, ${kb(r.index_gzip_bytes)} gzipped (UI files ${kb(r.ui_bytes)} of it)`,
    `  ${r.queries.length} queries: median cold ${s.median_cold_ms} ms / ${kb(s.median_cold_bytes)} (${kb(s.median_cold_unique_bytes)} once per URL), warm ${s.median_warm_ms} ms, 9 Mbps / 40 ms ${s.median_throttled_ms} ms`,
    `  against a substring scan: recall mean ${s.mean_recall} (median ${s.median_recall}), precision mean ${s.mean_precision} (median ${s.median_precision})`,
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const option = (name) => {
    const at = args.indexOf(name);
    return at < 0 ? undefined : args.splice(at, 2)[1];
  };
  const queriesFile = option('--queries');
  const count = Number(option('--count') ?? 25);
  const scope = option('--scope') ?? 'library';
  const keep = args.includes('--keep') && args.splice(args.indexOf('--keep'), 1);
  const [dir, out] = args;
  if (!dir || !out || !['library', 'language'].includes(scope)) {
    console.error('usage: node tests/bench/pagefind.mjs <library dir> <out.json> [--queries queries.json] [--count N] [--scope library|language]');
    process.exit(2);
  }
  const queries = queriesFile ? JSON.parse(readFileSync(queriesFile, 'utf8')) : undefined;
  const result = await pagefindBench(dir, { queries, count, scope, keep: Boolean(keep) });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(describe(dir, result));
  for (const r of result.queries) {
    console.log(`  ${JSON.stringify(r.q)} (${r.lang}): ref ${r.ref}, found ${r.found}, recall ${r.recall}, precision ${r.precision}, cold ${r.cold_ms} ms ${r.cold_bytes} B, warm ${r.warm_ms} ms, throttled ${r.throttled_ms} ms`);
  }
}
