// The JavaScript pipeline Lectern's ingest is measured against (../ingest.mjs): gray-matter,
// marked, DOMPurify and MiniSearch from npm (pinned in package-lock.json), bundled by esbuild
// into one browser script at bench time. When the page's file input changes it reads every
// file, splits off the front matter, renders the Markdown, sanitizes the HTML and indexes title
// and text; `window.result` then holds the milliseconds from the change event to done and how
// many articles were indexed.
import { Buffer } from 'buffer';
import matter from 'gray-matter';
import { marked } from 'marked';
import DOMPurify from 'dompurify';
import MiniSearch from 'minisearch';

// gray-matter calls Node's Buffer, which a browser lacks.
globalThis.Buffer = Buffer;

document.getElementById('files').addEventListener('change', async (event) => {
  window.result = undefined;
  // gray-matter memoizes by input text: without this a second run would parse nothing.
  matter.clearCache();
  const files = [...event.target.files];
  const texts = await Promise.all(files.map((file) => file.text()));
  const index = new MiniSearch({ fields: ['title', 'text'] });
  const documents = texts.map((text, id) => {
    const { data, content } = matter(text);
    const body = DOMPurify.sanitize(marked.parse(content), { RETURN_DOM: true });
    return { id, title: String(data.title ?? files[id].name), html: body.innerHTML, text: body.textContent };
  });
  index.addAll(documents);
  window.result = { ms: performance.now() - event.timeStamp, indexed: index.documentCount };
});
