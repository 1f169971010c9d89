// A/B: Lectern ingest from two dists, alternating, fresh contexts. node zz-ab.mjs distA distB runs case...
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TESTS, library, markdownFiles } from './generate.mjs';
import { importIntoLectern, withBrowser } from './harness.mjs';
import { summary } from './stats.mjs';
const [a, b, runs, ...names] = process.argv.slice(2);
function corpus(name) {
  const dir = join(TESTS, 'corpora', name);
  return markdownFiles(dir).map((path) => ({ name: relative(dir, path).replaceAll('/', '__'), text: readFileSync(path, 'utf8') }));
}
const settle = { hexo0: 0 };
const make = { hexo0: () => corpus('hexo-site'), hexo: () => corpus('hexo-site'), jekyll: () => corpus('jekyll-posts'), 1000: () => library(1000), 10000: () => library(10000), ref500: () => library(500, 'reference') };
const results = {};
await withBrowser(a, 4301, async (browserA, originA) => {
  await withBrowser(b, 4302, async (browserB, originB) => {
    for (const name of names) {
      const files = make[name]();
      const t = { A: [], B: [], busyA: [], busyB: [], longA: [], longB: [] };
      for (let r = 0; r < Number(runs); r++) {
        for (const [side, browser, origin] of [['A', browserA, originA], ['B', browserB, originB]]) {
          const context = await browser.newContext();
          const { page, ms, busyMs } = await importIntoLectern(context, origin, files, settle[name] ?? 3000);
          t[side].push(ms); t['busy' + side].push(busyMs);
          t['long' + side].push(await page.evaluate(() => window.__longest));
          await context.close();
        }
      }
      const sA = summary(t.A), sB = summary(t.B);
      console.log(`${name}: A median ${Math.round(sA.median)} busy ${Math.round(summary(t.busyA).median)} long [${t.longA.map(Math.round)}] | B median ${Math.round(sB.median)} busy ${Math.round(summary(t.busyB).median)} long [${t.longB.map(Math.round)}] | A/B ${(sA.median / sB.median).toFixed(2)}  [A ${t.A.map(Math.round)}] [B ${t.B.map(Math.round)}]`);
    }
  });
});
