// Generated articles that read like real ones, for the browser benchmarks (import.mjs,
// ingest.mjs). Their vocabulary, its frequencies and their lengths (title, paragraphs per
// article, words per paragraph and sentence, clauses, headings) are measured from the corpora in
// the repository: the Hexo documentation in English and Chinese, the Jekyll posts and the
// reference article. A library of a few dozen repeated words compresses, parses and indexes far
// faster than real text and hides the real cost. Deterministic: article n comes from a xorshift
// seeded with n. xtask/src/generate.rs generates the same way, in Rust, for `cargo xtask
// generate` and the catalog benchmark.
//
//   library(count, shape)  count articles as { name, text }: shape 'mixed' (English and Chinese
//                          Markdown, one in eight Chinese with an HTML body like the reference
//                          article) or 'reference' (all shaped like the reference article)
//   bigArticle(length)     one English article of at least that many characters
//   markdownFiles(dir)     the Markdown files under a folder; TESTS, the engine's test folder
//   corpus(name)           a corpus of the engine's tests (hexo-site, jekyll-posts) as { name, text }
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TESTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../crates/articles/tests');
/// Where the measured texts are, and the Hexo translations left out: only English and Chinese
/// are generated.
const SOURCES = ['corpora', 'fixtures/seed'];
const OTHER_LANGUAGES = /\/(es|ja|ko|pt-br|ru|th)\//;
const CHINESE = /\/(zh-cn|zh-tw|seed)\//;
const HAN = /\p{Script=Han}+/gu;
const WORD = /[A-Za-z]+(?:'[a-z]+)?/g;
/// Chinese is sampled in runs of two characters, about a word: whole runs between punctuation
/// are too few in the corpus (a few thousand) and single characters lose its texture.
const RUN = 2;

/// xorshift32: tiny, fast, and plenty for picking words.
function rng(seed) {
  let s = (Math.imul(seed + 1, 0x9e3779b9) ^ 0x5bd1e995) >>> 0 || 1;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  for (let i = 0; i < 4; i++) next();
  return {
    below: (n) => next() % n,
    chance: (p) => next() / 2 ** 32 < p,
    /// An element of a list: a list of observations with repeats is sampled by frequency.
    pick: (list) => list[next() % list.length],
  };
}

/// Tokens with their counts, sampled by frequency through a cumulative table.
class Vocabulary {
  counts = new Map();
  add(token) {
    this.counts.set(token, (this.counts.get(token) ?? 0) + 1);
  }
  seal() {
    this.tokens = [...this.counts.keys()].sort();
    let total = 0;
    this.cumulative = this.tokens.map((t) => (total += this.counts.get(t)));
    this.total = total;
    return this;
  }
  sample(random) {
    const target = random.below(this.total);
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > target) hi = mid;
      else lo = mid + 1;
    }
    return this.tokens[lo];
  }
}

/// What one kind of article looks like, measured: lengths are lists of observations (words for
/// English, characters for Chinese); for Chinese, its clauses (runs of characters between
/// punctuation), how many end a sentence and how many English words come between them.
const shape = () => ({ titles: [], paragraphs: [], lengths: [], headings: 0, blocks: 0, clauses: [], ends: 0, latin: 0 });

/// The Markdown files under `dir`, sorted.
export function markdownFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) markdownFiles(path, out);
    else if (/\.(md|markdown)$/.test(path)) out.push(path);
  }
  return out.sort();
}

/// A corpus as dropped files; the path goes into the name, since several folders hold files of
/// the same name and a file dropped twice is kept once.
export function corpus(name) {
  const dir = join(TESTS, 'corpora', name);
  return markdownFiles(dir).map((path) => ({
    name: relative(dir, path).replaceAll('/', '__'),
    text: readFileSync(path, 'utf8'),
  }));
}

/// Reads the corpora once: vocabularies, lengths, categories and authors.
function measure() {
  const model = {
    en: shape(),
    zh: shape(),
    reference: shape(),
    english: new Vocabulary(),
    chinese: new Vocabulary(),
    sentences: [],
    commas: 0,
    words: 0,
    categories: [],
    authors: [],
  };
  const paths = SOURCES.flatMap((s) => markdownFiles(join(TESTS, s))).filter((p) => !OTHER_LANGUAGES.test(p));
  for (const path of paths) {
    const source = readFileSync(path, 'utf8');
    const fence = source.match(/^\s*---\n([\s\S]*?)\n---\n/);
    const front = fence?.[1] ?? '';
    const body = source.slice(fence?.[0].length ?? 0);
    const chinese = CHINESE.test(path);
    const kind = path.includes('/seed/') ? model.reference : chinese ? model.zh : model.en;
    const title = front.match(/^title:\s*['"]?(.*?)['"]?\s*$/m)?.[1];
    if (title) kind.titles.push(chinese ? (title.match(HAN) ?? []).join('').length : title.split(/\s+/).length);
    model.authors.push(...[...front.matchAll(/^author:\s*(.+)$/gm)].map((m) => m[1].trim()));
    const categories = front.match(/^categor(?:y|ies):[ \t]*(.*)((?:\n[ \t]*-.*)*)/m);
    if (categories) {
      const inline = categories[1].replace(/[[\]]/g, '').split(',');
      const listed = categories[2].split('\n').map((l) => l.replace(/^\s*-\s*/, ''));
      model.categories.push(...[...inline, ...listed].map((c) => c.trim()).filter(Boolean));
    }
    // Code is not prose: its words would skew the vocabulary and its blocks the lengths.
    const text = body
      .replace(/```[\s\S]*?```|<style[\s\S]*?<\/style>|<!--[\s\S]*?-->/g, '')
      .replace(/\{%[\s\S]*?%\}/g, '')
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/https?:\/\/\S+/g, '');
    let paragraphs = 0;
    for (const raw of text.split(/\n\s*\n|<\/p>/)) {
      const block = raw.replace(/<[^>]*>/g, '').trim();
      if (!block) continue;
      if (!chinese) for (const [word] of block.matchAll(WORD)) model.english.add(word);
      for (const [run] of block.matchAll(HAN)) {
        for (let i = 0; i < run.length; i += RUN) model.chinese.add(run.slice(i, i + RUN));
      }
      kind.blocks++;
      if (/^#/.test(block)) kind.headings++;
      if (/^([#\-*|>{!]|\d+\.)/.test(block)) continue;
      paragraphs++;
      if (chinese) {
        const runs = block.match(HAN) ?? [];
        kind.lengths.push(runs.join('').length);
        kind.clauses.push(...runs.map((r) => r.length));
        // What follows each run: the end of a sentence, English, or a comma.
        for (const gap of block.split(HAN).slice(1)) {
          if (/[。！？]/.test(gap)) kind.ends++;
          else if (/[A-Za-z]/.test(gap)) kind.latin++;
        }
      } else {
        const words = block.match(WORD) ?? [];
        kind.lengths.push(words.length);
        model.words += words.length;
        model.commas += (block.match(/,\s/g) ?? []).length;
        for (const sentence of block.split(/[.!?]\s/)) {
          const n = (sentence.match(WORD) ?? []).length;
          if (n) model.sentences.push(n);
        }
      }
    }
    kind.paragraphs.push(paragraphs);
  }
  model.english.seal();
  model.chinese.seal();
  // Tags: the corpora have next to none, so articles are tagged with their common words.
  const common = (v, min) => v.tokens.filter((t) => t.length >= min).sort((a, b) => v.counts.get(b) - v.counts.get(a));
  model.tags = [...common(model.english, 5).slice(0, 200), ...common(model.chinese, 2).slice(0, 100)];
  return model;
}

const model = measure();

/// A title of a measured length: English words, capitalised, or Chinese characters.
function title(random, kind, chinese) {
  const length = Math.max(1, random.pick(kind.titles));
  if (chinese) return han(random, length);
  return Array.from({ length }, () => capital(model.english.sample(random))).join(' ');
}

const capital = (word) => word[0].toUpperCase() + word.slice(1);

/// `length` Chinese characters in runs sampled by frequency.
function han(random, length) {
  let text = '';
  while (text.length < length) text += model.chinese.sample(random);
  return text.slice(0, length);
}

/// An English paragraph of `words` words, in sentences of measured lengths.
function english(random, words) {
  const sentences = [];
  for (let left = words; left > 0; ) {
    const length = Math.min(left, Math.max(1, random.pick(model.sentences)));
    left -= length;
    const sentence = Array.from({ length }, (_, i) => {
      const word = model.english.sample(random);
      const comma = i < length - 1 && random.chance(model.commas / model.words) ? ',' : '';
      return (i === 0 ? capital(word) : word) + comma;
    });
    sentences.push(`${sentence.join(' ')}.`);
  }
  return sentences.join(' ');
}

/// A Chinese paragraph of about `characters` characters: runs of measured lengths, each followed
/// by a comma, a full stop or an English word, as often as in the corpus.
function chinese(random, kind, characters) {
  let text = '';
  for (let left = characters; left > 0; ) {
    const length = Math.min(left, Math.max(1, random.pick(kind.clauses)));
    left -= length;
    text += han(random, length);
    if (left <= 0 || random.chance(kind.ends / kind.clauses.length)) text += '。';
    else if (random.chance(kind.latin / kind.clauses.length)) text += ` ${model.english.sample(random)} `;
    else text += '，';
  }
  return text;
}

const date = (random) =>
  `${2012 + random.below(13)}-${String(1 + random.below(12)).padStart(2, '0')}-${String(1 + random.below(28)).padStart(2, '0')} ` +
  `${String(random.below(24)).padStart(2, '0')}:${String(random.below(60)).padStart(2, '0')}:00`;

/// Article n: its front matter and body, with its own sequence of random numbers; a measured
/// number of paragraphs, or as many as make `minLength` characters.
function article(n, kindName, minLength = 0) {
  const random = rng(n);
  const kind = model[kindName];
  const zh = kindName !== 'en';
  const tags = Array.from({ length: random.below(4) }, () => random.pick(model.tags));
  const front = [
    `title: "${title(random, kind, zh)}"`,
    `date: ${date(random)}`,
    `author: ${random.pick(model.authors)}`,
    `categories: [${random.pick(model.categories)}]`,
    `tags: [${[...new Set(tags)].join(', ')}]`,
  ];
  const count = Math.max(1, random.pick(kind.paragraphs));
  const blocks = [];
  for (let p = 0, length = 0; minLength ? length < minLength : p < count; p++) {
    const size = Math.max(1, random.pick(kind.lengths));
    const text = zh ? chinese(random, kind, size) : english(random, size);
    length += text.length;
    if (kindName === 'reference') {
      blocks.push(`<p cms-style="font-L">　　${text}</p>`);
      continue;
    }
    if (p > 0 && random.chance(kind.headings / kind.blocks)) blocks.push(`## ${title(random, kind, zh)}`);
    blocks.push(text);
  }
  const body = kindName === 'reference' ? `<div>\n${blocks.join('\n')}\n</div>` : blocks.join('\n\n');
  return `---\n${front.join('\n')}\n---\n\n${body}\n`;
}

/// The shape of article n of a mixed library: half English, three in eight Chinese Markdown,
/// one in eight like the reference article.
function mixed(n) {
  const roll = rng(n).below(8);
  return roll < 4 ? 'en' : roll < 7 ? 'zh' : 'reference';
}

export function library(count, which = 'mixed') {
  return Array.from({ length: count }, (_, n) => ({
    name: `bench-${n}.md`,
    text: article(n, which === 'reference' ? 'reference' : mixed(n)),
  }));
}

export const bigArticle = (bytes) => article(0, 'en', bytes);
