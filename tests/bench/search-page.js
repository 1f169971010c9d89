// The search benchmark's page (see search.mjs): both engines, the same generated articles, the
// same queries, timed with the page's clock. `window.run(count)` returns the figures.
import { quantile } from './stats.mjs';
import init, { Bench } from './search_bench.js';
import MiniSearch from './minisearch.js';
await init();

// A deterministic generator of mixed Chinese and English articles of about 5 kB each, with a
// Zipf-like vocabulary (a few words are everywhere, most are rare), as real text has.
// mulberry32: small, fast, and good enough in every bit for picking words.
let seed = 42;
const random = (n) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
const zipf = (n) => random(random(n) + 1);
const syllables = 'ka lo mi ren sta ber pol tur vin qua dex fal gor hup jen kri lum nor pra sel tiv wen yor zel'.split(' ');
seed = 7;
const en = Array.from({ length: 4000 }, () =>
  Array.from({ length: 2 + random(2) }, () => syllables[random(syllables.length)]).join(''));
// Two-character words from the first 2 500 ideographs.
const zh = Array.from({ length: 4000 }, () =>
  String.fromCodePoint(0x4e00 + random(2500)) + String.fromCodePoint(0x4e00 + random(2500)));
const categories = ['news', 'tech', 'life', '金融', '技术', '随笔', 'notes', 'travel', '读书', 'rust', 'web', '生活'];
const tags = ['hexo', 'hugo', 'jekyll', 'zola', 'obsidian', '教程', '笔记', '发布', 'release', 'guide'];
// A few hundred authors, some writing far more than others; a third of articles name no language.
const authors = Array.from({ length: 300 }, (_, n) => `${syllables[n % syllables.length]}${syllables[(n * 7) % syllables.length]} ${n}`);
const langs = ['en', 'zh-CN', ''];
const encoder = new TextEncoder();
const bytes = (text) => encoder.encode(text).length;
const sentence = () => random(2) === 0
  ? Array.from({ length: 8 + random(10) }, () => zh[zipf(zh.length)]).join('') + '。'
  : Array.from({ length: 8 + random(10) }, () => en[zipf(en.length)]).join(' ') + '. ';
function article(n) {
  let body = '';
  for (let size = 0; size < 5000; ) {
    const more = sentence();
    body += more;
    size += bytes(more);
  }
  return {
    id: n,
    title: sentence().slice(0, 24),
    author: authors[zipf(authors.length)],
    category: categories[random(categories.length)],
    tags: [tags[random(tags.length)], tags[random(tags.length)]].join(','),
    body,
    year: 2010 + random(15),
    month: 1 + random(12),
    lang: langs[random(langs.length)],
  };
}
// The first keys of a search (one and two letters, one common character: they match most
// articles, the costliest keystrokes), common and rare words, prefixes as typed, Chinese runs
// of 2 to 4 characters (some across word boundaries), two terms, an exclusion, a phrase.
const queries = [en[0].slice(0, 1), en[0].slice(0, 2), zh[0].slice(0, 1), en[0].slice(0, 3), en[3], en[600], `${en[1]} ${en[40]}`, `${en[2]} -${en[5]}`,
  `"${en[0]} ${en[1]}"`, zh[0], zh[300], zh[2500], zh[1] + zh[2], zh[10].slice(1) + zh[11],
  `${zh[4]} ${en[9]}`, `${zh[0]} -${zh[1]}`];

// Each sample times ten runs of one query: the page's clock is too coarse for one.
const RUNS = 10;
function time(search) {
  const times = [];
  const found = {};
  const each = {};
  for (let round = 0; round < 10; round++) {
    for (const q of queries) {
      const start = performance.now();
      for (let run = 0; run < RUNS; run++) found[q] = search(q);
      const ms = (performance.now() - start) / RUNS;
      times.push(ms);
      (each[q] ??= []).push(ms);
    }
  }
  const median = Object.fromEntries(Object.entries(each).map(([q, ts]) => [q, quantile(ts, 0.5)]));
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), found, median };
}

// MiniSearch is compared where it indexes in reasonable time (`withMini`): at 100 000 articles it
// would take minutes and gigabytes.
window.run = (count, withMini) => {
  seed = 42;
  const docs = Array.from({ length: count }, (_, n) => article(n));
  const megabytes = docs.reduce((s, d) => s + bytes(d.body + d.title), 0) / 1e6;
  let start = performance.now();
  const lectern = new Bench();
  for (const d of docs) lectern.add(d.title, d.author, d.category, d.tags, d.body, d.year, d.month, d.lang);
  lectern.arrange();
  const lecternBuild = performance.now() - start;
  const result = { megabytes, lectern: { build: lecternBuild, ...time((q) => lectern.search(q)) } };
  lectern.free();
  if (withMini) {
    start = performance.now();
    const mini = new MiniSearch({ fields: ['title', 'author', 'category', 'tags', 'body'], searchOptions: { prefix: true, combineWith: 'AND' } });
    mini.addAll(docs);
    result.mini = { build: performance.now() - start, ...time((q) => mini.search(q).length) };
  }
  return result;
};
window.ready = true;
