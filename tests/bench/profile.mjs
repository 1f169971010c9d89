// Where the page's main thread spends its time: a CPU profile of one import or one catalog
// load in headless Chromium, summed per function over the busiest stretch of work.
//
//   node tests/bench/profile.mjs <dist> import <count | big | reference | hexo-site | jekyll-posts>
//     (reference: 500 shaped like the reference article; the others, the repo's corpora),
//     handed over as the ingest benchmark does, from the hand-over until stored
//   node tests/bench/profile.mjs <dist> catalog <catalog path within dist> <article count>
//   node tests/bench/profile.mjs <dist> search <catalog path within dist> <article count> <query>
//     (the catalog listed first; then the query typed a key at a time)
//   node tests/bench/profile.mjs <dist> reload <count>
//     (the files imported and stored first; then a reload until they are all listed and searchable again)
//
// Then, over the whole profile, a timeline: the main thread's busy milliseconds in each 100 ms
// (LECTERN_TIMELINE_MS to change it), with the three stages that took most of them, a stage
// being the outermost function of the engine, the state, the browser edges or Yew's rendering
// on the stack (the workflows of `effects/` call them all: reading, answers taken, listing,
// indexing, storing, rendering): where an import's time goes, and when the page waits for the
// workers.
//
// LECTERN_PROFILE_OUT=<file> also writes the whole profile there (a `.cpuprofile` DevTools
// opens).
//
// Release builds strip function names; for readable names profile a build made with
// `data-wasm-opt="0" data-keep-debug` on the `lectern` link of index.html (not committed).
import { writeFileSync } from 'node:fs';

import { OPEN_FILES, SETTLE_MS, asInputFiles, handOver, stage, watchLibrary, withBrowser } from './harness.mjs';
import { files } from './import.mjs';

const [dist, mode, ...rest] = process.argv.slice(2);
const TOP = 30;

await withBrowser(dist, 4196, async (browser, origin) => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__tasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  if (mode === 'catalog' || mode === 'search') {
    const [catalog, count, query] = rest;
    if (mode === 'catalog') await cdp.send('Profiler.start');
    await page.goto(`${origin}/?library=${encodeURIComponent(catalog)}`);
    await page.getByRole('status').filter({ hasText: `${count} articles` }).waitFor({ timeout: 600_000 });
    if (mode === 'search') {
      await page.evaluate(() => (window.__tasks = []));
      await cdp.send('Profiler.start');
      await page.getByRole('searchbox', { name: 'Search' }).pressSequentially(query, { delay: 150 });
    }
  } else {
    const chosen = files(rest[0]);
    await page.goto(`${origin}/`);
    await page.getByRole('status').filter({ hasText: 'articles' }).waitFor();
    const before = Number((await page.getByRole('status').textContent()).split(' ')[0]);
    if (mode === 'import') {
      // As the ingest benchmark drops them: the page open a while (its workers warmed up), the
      // files staged, then handed over with the profiler running, and the library watched
      // through DOM changes (Playwright's polling would run on the thread profiled).
      await page.waitForTimeout(SETTLE_MS);
      await stage(page, chosen);
      await watchLibrary(page, before + chosen.length);
      await page.evaluate(() => (window.__tasks = []));
      await cdp.send('Profiler.start');
      await handOver(page, OPEN_FILES);
      await page.evaluate(() => window.__searchable);
    } else {
      await page.getByLabel('Open files').setInputFiles(asInputFiles(chosen));
    }
    const listed = page.getByRole('status').filter({ hasText: `${before + chosen.length} article` });
    await listed.waitFor({ timeout: 600_000 });
    await page.locator('.site-footer').waitFor({ timeout: 600_000 });
    if (mode === 'reload') {
      await page.waitForTimeout(1000);
      await cdp.send('Profiler.start');
      await page.reload();
      await listed.waitFor({ timeout: 600_000 });
      // Then searchable: every stored text indexed again (the list no longer busy).
      await page.waitForFunction(() => !document.querySelector('[aria-busy]'), null, { timeout: 600_000, polling: 100 });
    }
  }
  await page.waitForTimeout(500);
  const { profile } = await cdp.send('Profiler.stop');
  if (process.env.LECTERN_PROFILE_OUT) writeFileSync(process.env.LECTERN_PROFILE_OUT, JSON.stringify(profile));
  console.log(`long tasks (ms): ${JSON.stringify(await page.evaluate(() => window.__tasks))}`);
  report(profile);
  timeline(profile);
});

/// Prints the main thread's busy time per bucket, by stage (see the head of this file).
function timeline(profile) {
  const bucket = Number(process.env.LECTERN_TIMELINE_MS ?? 100) * 1000;
  const { byId, parent, name } = graph(profile);
  const stage = /^lectern::(browser|state|parse_job)::|^articles::|RenderRunner/;
  const times = sampleTimes(profile);
  const buckets = new Map();
  profile.samples.forEach((id, i) => {
    const leaf = byId.get(id);
    if (i + 1 >= times.length || name(leaf) === '(idle)') return;
    let label = name(leaf);
    for (let at = leaf.id; at !== undefined; at = parent.get(at)) {
      if (stage.test(name(byId.get(at)))) label = name(byId.get(at));
    }
    label = label.replace(/::h[0-9a-f]{16}/g, '').slice(-70);
    const at = Math.floor((times[i] - profile.startTime) / bucket);
    const stages = buckets.get(at) ?? new Map();
    stages.set(label, (stages.get(label) ?? 0) + (times[i + 1] - times[i]) / 1000);
    buckets.set(at, stages);
  });
  console.log(`timeline (ms from the profile's start, busy ms per ${bucket / 1000} ms):`);
  for (const [at, stages] of [...buckets].sort((a, b) => a[0] - b[0])) {
    const busy = [...stages.values()].reduce((sum, ms) => sum + ms, 0);
    const top = [...stages].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const named = top.map(([label, ms]) => `${label} ${ms.toFixed(0)}`).join(' | ');
    console.log(`${String((at * bucket) / 1000).padStart(7)} ${busy.toFixed(0).padStart(4)}  ${named}`);
  }
}

/// The profile's call tree: its nodes by id, each node's parent, and a node's function name.
function graph(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n) => n.callFrame.functionName || n.callFrame.url || '(anonymous)';
  return { byId, parent, name };
}

/// When each sample was taken, in the profile's microseconds.
function sampleTimes(profile) {
  let t = profile.startTime;
  return profile.timeDeltas.map((d) => (t += d));
}

/// Prints self and inclusive time per function over the longest run of busy samples.
function report(profile) {
  const { byId, parent, name } = graph(profile);
  const times = sampleTimes(profile);
  let best = null;
  let from = null;
  profile.samples.forEach((id, i) => {
    const idle = name(byId.get(id)) === '(idle)';
    if (!idle && from === null) from = i;
    if ((idle || i === profile.samples.length - 1) && from !== null) {
      if (!best || times[i] - times[from] > times[best.to] - times[best.from]) best = { from, to: i };
      from = null;
    }
  });
  // A reload's work is spread between waits (storage, timers): all of it is summed.
  if (mode === 'reload') best = { from: 0, to: profile.samples.length - 1 };
  if (!best) return;
  // The main thread's work in all, against the time profiled: the rest it waited (storage, the
  // worker, the network, timers).
  let busy = 0;
  profile.samples.forEach((id, i) => {
    if (i + 1 < times.length && name(byId.get(id)) !== '(idle)') busy += (times[i + 1] - times[i]) / 1000;
  });
  console.log(`busy ${busy.toFixed(0)} ms of ${((times.at(-1) - times[0]) / 1000).toFixed(0)} ms profiled`);
  const self = new Map();
  const inclusive = new Map();
  for (let i = best.from; i < best.to; i++) {
    const ms = (times[i + 1] - times[i]) / 1000;
    const leaf = byId.get(profile.samples[i]);
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + ms);
    const seen = new Set();
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const key = name(byId.get(id));
      if (!seen.has(key)) inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
      seen.add(key);
    }
  }
  const print = (title, map) => {
    console.log(title);
    [...map].sort((a, b) => b[1] - a[1]).slice(0, TOP)
      .forEach(([key, ms]) => console.log(`${ms.toFixed(1).padStart(9)}  ${key.slice(0, 130)}`));
  };
  console.log(`${mode === 'reload' ? 'whole profile' : 'busiest stretch'}: ${((times[best.to] - times[best.from]) / 1000).toFixed(1)} ms`);
  print('self time (ms):', self);
  print('inclusive time (ms):', inclusive);
}
