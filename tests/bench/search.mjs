// Search benchmark: Lectern's engine (its wasm build, `crates/search-bench`) beside MiniSearch
// (npm) on the same generated articles, in the same headless Chromium page: index build time,
// and query latency (p50 / p95) over a fixed set of English and Chinese queries. Lectern's time
// is a keystroke's in the app: the search, the facet counts over its matches, the order shown.
//
//   node tests/bench/search.mjs <wasm-bindgen output dir> <count>...
import { copyFileSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBrowser, writeSection } from './harness.mjs';

const [pkg, ...counts] = process.argv.slice(2);
// The largest library MiniSearch indexes beside Lectern (see search-page.js).
const MINI_MAX = 10000;
const here = dirname(fileURLToPath(import.meta.url));
const site = mkdtempSync(join(tmpdir(), 'lectern-search-bench-'));
for (const file of readdirSync(pkg)) copyFileSync(join(pkg, file), join(site, file));
copyFileSync(resolve(here, '../../node_modules/minisearch/dist/es/index.js'), join(site, 'minisearch.js'));
copyFileSync(resolve(here, 'search-page.js'), join(site, 'search-page.js'));
copyFileSync(resolve(here, 'stats.mjs'), join(site, 'stats.mjs'));
writeFileSync(
  join(site, 'index.html'),
  '<!doctype html><meta charset="utf-8"><title>search bench</title><script type="module" src="./search-page.js"></script>',
);

const rows = [];
const GOALS = { 10000: '≤ 5 ms p95', 100000: '≤ 16 ms p95' };
await withBrowser(site, 4194, async (browser, origin) => {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.ready === true);
  for (const count of counts.map(Number)) {
    const r = await page.evaluate(([n, mini]) => window.run(n, mini), [count, count <= MINI_MAX]);
    const ms = (x) => `${x.toFixed(2)} ms`;
    const slowest = Object.entries(r.lectern.median).sort((a, b) => b[1] - a[1])[0];
    rows.push({
      articles: `${count} (${r.megabytes.toFixed(0)} MB of text)`,
      'Lectern p50 / p95 (ms)': `${r.lectern.p50.toFixed(2)} / ${r.lectern.p95.toFixed(2)}`,
      'MiniSearch p50 / p95 (ms)': r.mini ? `${r.mini.p50.toFixed(2)} / ${r.mini.p95.toFixed(2)}` : 'not run',
      'slowest query (Lectern median)': `${slowest[0]}: ${slowest[1].toFixed(2)} ms`,
      'index built in (s)': (r.lectern.build / 1000).toFixed(2),
      goal: GOALS[count] ?? '',
    });
    console.log(`search: ${count} articles (${r.megabytes.toFixed(1)} MB of text)`);
    console.log(`  Lectern    index ${(r.lectern.build / 1000).toFixed(2)} s; query p50 ${ms(r.lectern.p50)}, p95 ${ms(r.lectern.p95)} (a keystroke: search, facet counts, order)`);
    if (r.mini) {
      console.log(`  MiniSearch index ${(r.mini.build / 1000).toFixed(2)} s; query p50 ${ms(r.mini.p50)}, p95 ${ms(r.mini.p95)}`);
    } else {
      console.log(`  MiniSearch not run above ${MINI_MAX} articles`);
    }
    const width = Math.max(...Object.keys(r.lectern.found).map((q) => q.length));
    console.log(`  per query: matches and median time (Lectern${r.mini ? ' / MiniSearch' : ''}):`);
    for (const q of Object.keys(r.lectern.found)) {
      const mini = (x) => (r.mini ? ` / ${x(r.mini)}` : '');
      console.log(
        `    ${q.padEnd(width)}  ${r.lectern.found[q]}${mini((m) => m.found[q])}  ` +
          `${ms(r.lectern.median[q])}${mini((m) => ms(m.median[q]))}`,
      );
    }
  }
});
writeSection(
  'Search',
  `A keystroke's work (crates/search-bench): parse the query, search, put the matches in list order, count the facets, order by relevance; over generated articles, every query of the set timed in rounds, p50 and p95 over all. MiniSearch (npm) on the same articles, up to ${MINI_MAX}.`,
  rows,
);
