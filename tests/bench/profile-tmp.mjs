import { withBrowser } from './harness.mjs';
const [dist, which] = process.argv.slice(2);
const words = ['reading', 'articles', '文章', '阅读', 'browser', '浏览器', 'library', '搜索'];
const article = (n, paragraphs = 1) =>
  `---\ntitle: "Imported ${n}"\ndate: 2020-01-${String(1 + (n % 28)).padStart(2, '0')}\ntags: [bench]\n---\n\n` +
  Array.from({ length: paragraphs }, (_, p) =>
    Array.from({ length: 40 }, (_, i) => words[(n + p + i) % words.length]).join(' '),
  ).join('\n\n') + '\n';
const chosen = which === 'big'
  ? [{ name: 'big.md', mimeType: 'text/markdown', buffer: Buffer.from(article(0, 75_000)) }]
  : Array.from({ length: Number(which) }, (_, n) => ({ name: `bench-${n}.md`, mimeType: 'text/markdown', buffer: Buffer.from(article(n)) }));
await withBrowser(dist, 4191, async (browser, origin) => {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await page.addInitScript(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
  });
  await cdp.send('Profiler.start');
  await page.goto(`${origin}/?library=bench-library/index.json`);
  await page.getByRole('status').filter({ hasText: `100000 articles` }).waitFor({ timeout: 600000 });
  console.log('long tasks', JSON.stringify(await page.evaluate(() => window.__tasks)));
  const { profile } = await cdp.send('Profiler.stop');
  console.log('long tasks', JSON.stringify(await page.evaluate(() => window.__tasks)));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const name = (n) => n.callFrame.functionName || n.callFrame.url || '?';
  let t = profile.startTime; const times = profile.timeDeltas.map((d) => (t += d));
  // contiguous busy runs
  const runs = []; let cur = null;
  profile.samples.forEach((id, i) => {
    const idle = name(byId.get(id)) === '(idle)';
    if (!idle) { if (!cur) cur = { from: i, to: i }; else cur.to = i; }
    else if (cur) { runs.push(cur); cur = null; }
  });
  if (cur) runs.push(cur);
  runs.sort((a, b) => (times[b.to] - times[b.from]) - (times[a.to] - times[a.from]));
  for (const run of runs.slice(0, 3)) {
    console.log('run ms', ((times[run.to] - times[run.from]) / 1000).toFixed(1));
    const self = new Map(), incl = new Map();
    for (let i = run.from; i <= run.to; i++) {
      const dt = (times[i + 1] ?? times[i]) - times[i];
      let n = byId.get(profile.samples[i]);
      self.set(name(n), (self.get(name(n)) || 0) + dt / 1000);
      const seen = new Set();
      for (let id = n.id; id !== undefined; id = parent.get(id)) { const k = name(byId.get(id)); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + dt / 1000); } }
    }
    console.log(' self:'); [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k.slice(0, 120)));
    console.log(' inclusive:'); [...incl.entries()].sort((a, b) => b[1] - a[1]).slice(0, 45).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k.slice(0, 120)));
  }
});
