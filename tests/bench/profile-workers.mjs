// Where the parsing workers spend their time: one import into a page open a few seconds (its
// workers started and warmed up, as for a reader's drop), traced by Chromium with V8's sampling
// profiler on every thread, then summed per function over the workers' threads (the page's
// own thread is `profile.mjs`'s): self time, and inclusive time of the engine's and the app's
// functions. The trace covers the page's load too, so the workers' start and warm-up count.
//
//   node tests/bench/profile-workers.mjs <dist> <count | reference | hexo-site | jekyll-posts>
//
// Then a timeline of the threads: how many milliseconds of each 50 ms (LECTERN_TIMELINE_MS to
// change it) the page's thread and each worker ran tasks, from the hand-over on: which of them
// bounds the import, and whether any waits (a task's time is wall time: on a 2-core machine
// three busy threads each get two thirds of a core).
//
// LECTERN_TRACE_OUT=<file> keeps the trace (DevTools' Performance panel opens it). Release
// builds strip function names; for readable names profile a build made with
// `data-wasm-opt="0" data-keep-debug` on the `lectern-worker` link of index.html (not committed).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { corpus } from './generate.mjs';
import { SETTLE_MS, importIntoLectern, withBrowser } from './harness.mjs';
import { files } from './import.mjs';

const [dist, which] = process.argv.slice(2);
const TOP = 40;

const chosen = /^[a-z]+-[a-z]+$/.test(which) ? corpus(which) : files(which);
const scratch = mkdtempSync(join(tmpdir(), 'lectern-trace-'));
const path = process.env.LECTERN_TRACE_OUT ?? join(scratch, 'trace.json');
await withBrowser(dist, 4197, async (browser, origin) => {
  const context = await browser.newContext();
  await browser.startTracing(undefined, { path, categories: ['disabled-by-default-v8.cpu_profiler', 'devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const { ms } = await importIntoLectern(context, origin, chosen, SETTLE_MS);
  await browser.stopTracing();
  console.log(`${chosen.length} files searchable ${Math.round(ms)} ms after the hand-over`);
});
const { traceEvents } = JSON.parse(readFileSync(path, 'utf8'));
report(traceEvents);
timeline(traceEvents);
rmSync(scratch, { recursive: true, force: true });

/// Sums the samples of every worker thread's profile per function.
function report(events) {
  const threads = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  // A profile is a `Profile` event, then `ProfileChunk`s of nodes and samples under its id.
  const profiles = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.id}`;
    if (e.name === 'Profile') profiles.set(key, { thread: threads.get(`${e.pid}:${e.tid}`) ?? '', nodes: new Map(), self: new Map() });
    const profile = profiles.get(key);
    if (e.name !== 'ProfileChunk' || !profile) continue;
    const { cpuProfile = {}, timeDeltas = [] } = e.args.data;
    for (const node of cpuProfile.nodes ?? []) profile.nodes.set(node.id, node);
    // A sample's time is the gap to the next one.
    (cpuProfile.samples ?? []).forEach((id, i) => {
      profile.self.set(id, (profile.self.get(id) ?? 0) + (timeDeltas[i + 1] ?? 0) / 1000);
    });
  }
  const name = (node) => (node.callFrame.functionName || '(anonymous)').replace(/::h[0-9a-f]{16}$/, '');
  const self = new Map();
  const inclusive = new Map();
  let busy = 0;
  const workers = [...profiles.values()].filter((p) => p.thread.startsWith('DedicatedWorker'));
  for (const profile of workers) {
    for (const [id, ms] of profile.self) {
      const leaf = profile.nodes.get(id);
      if (!leaf || name(leaf) === '(idle)') continue;
      busy += ms;
      self.set(name(leaf), (self.get(name(leaf)) ?? 0) + ms);
      const seen = new Set();
      for (let node = leaf; node; node = profile.nodes.get(node.parent)) {
        if (!seen.has(name(node))) inclusive.set(name(node), (inclusive.get(name(node)) ?? 0) + ms);
        seen.add(name(node));
      }
    }
  }
  console.log(`${workers.length} workers busy ${busy.toFixed(0)} ms in all`);
  const print = (title, entries) => {
    console.log(title);
    entries.sort((a, b) => b[1] - a[1]).slice(0, TOP)
      .forEach(([key, ms]) => console.log(`${ms.toFixed(1).padStart(9)}  ${key.slice(0, 130)}`));
  };
  print('self time (ms):', [...self]);
  print("inclusive time of the engine's and the app's functions (ms):", [...inclusive].filter(([key]) => /^(articles|lectern)/.test(key)));
}

/// Prints each busy thread's task time per bucket from the hand-over (the file input's `change`
/// event) on, and its total.
function timeline(events) {
  const bucket = Number(process.env.LECTERN_TIMELINE_MS ?? 50) * 1000;
  const threads = new Map();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const handedOver = Math.max(
    ...events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change').map((e) => e.ts),
  );
  const busy = new Map();
  for (const e of events) {
    const thread = threads.get(`${e.pid}:${e.tid}`) ?? '';
    if (e.ph !== 'X' || e.name !== 'RunTask' || !/^(CrRendererMain|DedicatedWorker)/.test(thread)) continue;
    const buckets = busy.get(`${e.pid}:${e.tid}`) ?? { thread, ms: [] };
    busy.set(`${e.pid}:${e.tid}`, buckets);
    // A task is split over the buckets it spans.
    for (let at = Math.max(e.ts, handedOver); at < e.ts + e.dur; ) {
      const index = Math.floor((at - handedOver) / bucket);
      const end = Math.min(e.ts + e.dur, handedOver + (index + 1) * bucket);
      buckets.ms[index] = (buckets.ms[index] ?? 0) + (end - at) / 1000;
      at = end;
    }
  }
  console.log(`busy ms per ${bucket / 1000} ms from the hand-over, per thread (total first):`);
  for (const { thread, ms } of busy.values()) {
    const total = ms.reduce((sum, x) => sum + (x ?? 0), 0);
    if (total < 1) continue;
    const row = Array.from(ms, (x) => String(Math.round(x ?? 0)).padStart(4)).join('');
    console.log(`${thread.padEnd(24)}${Math.round(total).toString().padStart(6)} |${row}`);
  }
}
