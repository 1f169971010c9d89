// What js-yaml reads from the front matter of each file given on the command line, printed as
// one JSON object: { "js_yaml": version, "files": { path: fields } }. Run by
// tests/js_yaml_parity.rs, which compares it with what Lectern reads.
//
// The block is split the way gray-matter 4 splits it (what Hexo, Astro and most Node tools
// use): the file must start with `---` (after a BOM), the block ends at the first "\n---", and
// js-yaml's safeLoad (gray-matter's YAML engine) parses it. Only the fields the parity test
// compares are printed, already normalised (see NORMALISATION in js_yaml_parity.rs):
//   ok          whether js-yaml read the block (false: `error` holds its message)
//   title       a string, number or boolean as text, trimmed; null when absent, empty or not a
//               scalar (a YAML timestamp title is a Date to js-yaml: null, not compared)
//   date        milliseconds since the epoch of the first date field Lectern also reads
//               (date, published, pubDate, created; keys matched ignoring case, as Lectern
//               does): a Date as js-yaml made it, or a string Date.parse reads (run with
//               TZ=UTC, so a date without a zone is UTC, as js-yaml treats its own timestamps)
//   authors     author/authors: strings, list items, and the `name` of objects
//   tags        tags/tag/keywords, categories/category: list items as text; a string is
//   categories  split on commas (or on white space without one) for tags, kept whole for
//               categories; nested lists are flattened
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let yaml;
let version;
try {
  yaml = require("js-yaml");
  version = require("js-yaml/package.json").version;
} catch (error) {
  console.error(
    `js-yaml is not installed (${error.message}); run \`npm ci\` at the repository root`,
  );
  process.exit(2);
}

// Lectern's DATE_KEYS (front_matter/fields.rs), in its order.
const DATE_KEYS = [
  "date", "published", "pubDate", "publishDate", "publish_date", "pub_date", "published_at",
  "date_published", "datePublished", "created", "created_at", "createdAt", "date_created",
  "dateCreated",
];
const AUTHOR_KEYS = ["author", "authors"];
const TAG_KEYS = ["tags", "tag", "keywords"];
const CATEGORY_KEYS = ["categories", "category"];

/** gray-matter's split: the block, or null when the file has no front matter. */
function block(text) {
  const str = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!str.startsWith("---") || str.charAt(3) === "-") return null;
  let rest = str.slice(3);
  // A language after the fence (`---yaml`): gray-matter uses that engine; only YAML is read.
  const language = /^[^\S\n]*([a-zA-Z]*)/.exec(rest);
  const name = language ? language[1].toLowerCase() : "";
  if (name && name !== "yaml" && name !== "yml") return null;
  if (language) rest = rest.slice(language[0].length);
  const close = rest.indexOf("\n---");
  return close === -1 ? rest : rest.slice(0, close);
}

/** The first present, non-null field among `keys`, keys matched ignoring case. */
function first(data, keys) {
  for (const key of keys) {
    for (const [k, v] of Object.entries(data)) {
      if (k.toLowerCase() === key.toLowerCase() && v !== null && v !== undefined) return v;
    }
  }
  return undefined;
}

function scalarText(value) {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

function dateOf(data) {
  for (const key of DATE_KEYS) {
    const entry = Object.entries(data).find(
      ([k, v]) => k.toLowerCase() === key.toLowerCase() && v !== null && typeof v !== "boolean",
    );
    if (!entry) continue;
    const value = entry[1];
    if (value instanceof Date) return isNaN(value.getTime()) ? null : value.getTime();
    if (typeof value === "string") {
      const ms = Date.parse(value);
      return isNaN(ms) ? null : ms;
    }
    return null;
  }
  return null;
}

function authors(value) {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(authors);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const name = scalarText(value.name);
    return name ? [name] : [];
  }
  const text = scalarText(value);
  return text ? [text] : [];
}

function list(value, splitText) {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item) => list(item, false));
  const text = scalarText(value);
  if (text === null) return [];
  if (!splitText) return [text];
  return /[,，]/.test(text) ? text.split(/[,，]/) : text.split(/\s+/);
}

function clean(items) {
  const out = [];
  for (const item of items.map((s) => s.trim()).filter((s) => s !== "")) {
    if (out[out.length - 1] !== item) out.push(item);
  }
  return out;
}

function fields(path) {
  const matter = block(readFileSync(path, "utf8"));
  if (matter === null) return null;
  let data;
  try {
    data = yaml.safeLoad(matter);
  } catch (error) {
    return { ok: false, error: String(error.message).split("\n")[0] };
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) data = {};
  const title = scalarText(first(data, ["title"]));
  return {
    ok: true,
    title: title === "" ? null : title,
    date: dateOf(data),
    authors: authors(first(data, AUTHOR_KEYS)),
    tags: clean(list(first(data, TAG_KEYS), true)),
    categories: clean(list(first(data, CATEGORY_KEYS), false)),
  };
}

const files = {};
for (const path of process.argv.slice(2)) files[path] = fields(path);
process.stdout.write(JSON.stringify({ js_yaml: version, files }));
