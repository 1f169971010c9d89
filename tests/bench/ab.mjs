// Two builds side by side in one browser and one run: the same files handed to each build's
// "Open files" input, the builds in turn (A B, then B A, …), each run in a fresh context on a
// page open a few seconds, as the ingest benchmark hands them over. On this shared machine a
// time measured alone moves 10–30 % between runs; two builds measured in turn move together,
// so a change is judged by the ratio of their medians (A / B: above 1, B is faster).
//
//   node tests/bench/ab.mjs <dist A> <dist B> <runs> <case>...
//
// Cases: hexo-site and jekyll-posts (the repo's corpora), 1000 and 10000 (generated),
// reference (500 generated like the reference article). Build A first, copy `dist/` aside,
// then build B: `cp -r dist /tmp/a && <change> && cargo xtask dist`.
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { corpus, library } from './generate.mjs';
import { SETTLE_MS, importIntoLectern, withBrowser } from './harness.mjs';
import { summary } from './stats.mjs';

const [distA, distB, runs, ...names] = process.argv.slice(2);
const CASES = {
  'hexo-site': () => corpus('hexo-site'),
  'jekyll-posts': () => corpus('jekyll-posts'),
  1000: () => library(1000),
  10000: () => library(10_000),
  reference: () => library(500, 'reference'),
};
const unknown = names.filter((name) => !CASES[name]);
if (!distB || !(Number(runs) > 0) || names.length === 0 || unknown.length > 0) {
  console.error(`usage: ab.mjs <dist A> <dist B> <runs> <case>... (cases: ${Object.keys(CASES).join(', ')})`);
  process.exit(2);
}

// One server for both: each build under a sub-path of its own (the app runs under any).
const root = mkdtempSync(join(tmpdir(), 'lectern-ab-'));
symlinkSync(resolve(distA), join(root, 'A'));
symlinkSync(resolve(distB), join(root, 'B'));

await withBrowser(root, 4197, async (browser, origin) => {
  for (const name of names) {
    const files = CASES[name]();
    const times = { A: [], B: [] };
    const busy = { A: [], B: [] };
    for (let run = 0; run < Number(runs); run++) {
      for (const side of run % 2 ? ['B', 'A'] : ['A', 'B']) {
        const context = await browser.newContext();
        const { ms, busyMs } = await importIntoLectern(context, `${origin}/${side}`, files, SETTLE_MS);
        times[side].push(Math.round(ms));
        busy[side].push(Math.round(busyMs));
        await context.close();
      }
    }
    const median = (side) => summary(times[side]).median;
    const line = (side) =>
      `${side} median ${Math.round(median(side))} ms (page busy ${Math.round(summary(busy[side]).median)}) [${times[side].join(' ')}]`;
    console.log(`${name}, ${files.length} files: ${line('A')}; ${line('B')}; A / B ${(median('A') / median('B')).toFixed(2)}`);
  }
});
