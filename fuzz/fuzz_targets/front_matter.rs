//! Structured fuzzing of front matter and template syntax: the input bytes are read as a
//! program of opcodes, each appending a fragment that matters to the engine's known weak spots,
//! and the file they build is parsed with the same invariants as `parse.rs`
//! (`articles_fuzz::check_article`: no panic, inert HTML, lossless JSON round trip).
//!
//! Why: arbitrary bytes rarely form a valid YAML alias bomb, a 10 000-segment TOML key or a
//! `{% link %}` tag inside a front-matter-bearing file, yet those are where the engine's
//! resource limits and tag plugins live. The generators build them from few bytes:
//! - YAML anchors and aliases (`&a`, `*a`, fan-out, nested "billion laughs" levels, `<<:`
//!   merges), block nesting by indentation, `- ` list nesting, flow `[`/`{` nesting;
//! - TOML dotted keys, `[table.headers]`, `[[arrays.of.tables]]`, nested inline tables;
//! - JSON (fenced `;;;` and Hexo's bare leading object) nesting, escapes, extreme numbers;
//! - the fields the engine interprets (`date`, `cover`, `categories`, …) with hostile values
//!   (`-9223372036854775808`, `javascript:` covers, `blob:`/`data:` URLs);
//! - Hexo tag plugins (`{% link %}`, `{% asset_link %}`, `{% img %}`, `{% iframe %}`, …, with
//!   and without arguments), Hugo shortcodes (`{{< link >}}`), `<iframe>` holding `<img>`,
//!   raw HTML with URL attributes, Markdown and Obsidian links;
//! - large repeated strings (up to hundreds of kilobytes from two bytes).
//!
//! Input layout: byte 0 picks the `ParseOptions` and file name (as in `parse.rs`), byte 1 the
//! front matter notation, byte 2 flags (BOM, CRLF, leading blank lines, no closing fence),
//! then opcodes with their operands until the input ends.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The built file stops growing past this many bytes (the engine's own front matter limit is
/// 256 KiB; the body has none).
const MAX_FILE: usize = 1 << 20;

#[derive(Clone, Copy, PartialEq)]
enum Notation {
    Yaml,
    YamlLang,
    Toml,
    Json,
    HexoJson,
    None,
}

/// URLs that matter to the sanitizer and the resolver (relative, hostile, the dropped files).
const URLS: &[&str] = &[
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "&#106;avascript:alert(1)",
    "\u{1}javascript:alert(1)",
    "./javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "da&#9;ta:text/html,x",
    " data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "data:image/png;base64,iVBORw0KGgo=",
    "DATA:image/png,x",
    "blob:http://localhost:8080/1",
    "diagram.svg",
    "./diagram.svg",
    "pic.svg",
    "../posts/pic.svg",
    "img/a.png",
    "../../../../x.png",
    "other.md",
    "../notes/c.markdown#part",
    "#/read/x",
    "#anchor",
    "//evil.example/x",
    "https://www.youtube.com/embed/x",
    "https://player.vimeo.com/video/1",
    "https://evil.example/",
    "mailto:a@b",
    "",
    " ",
    "%6Aavascript:alert(1)",
    "javascript&colon;alert(1)",
];

/// Scalars: dates, numbers at the edges, strings that look like other things.
const SCALARS: &[&str] = &[
    "-9223372036854775808",
    "9223372036854775807",
    "-9223372036854775809",
    "18446744073709551616",
    "0",
    "-1",
    "1e400",
    "-0.0",
    ".nan",
    ".inf",
    "-.inf",
    "nan",
    "inf",
    "2021-09-30",
    "2021-09-30 12:34:56",
    "2021-09-30T12:34:56+08:00",
    "1979-05-27T07:32:00Z",
    "2021/9/30",
    "2021年9月30日",
    "Thu, 30 Sep 2021 12:00:00 +0000",
    "9999-12-31T23:59:59Z",
    "0000-00-00",
    "2021-13-45",
    "-99999-01-01",
    "253402300800",
    "-62167219200",
    "1632960000000",
    "true",
    "null",
    "~",
    "\"\"",
    "'quoted: with colon'",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "<script>alert(1)</script>",
    "{{< link >}}",
    "{% link %}",
    "中文标题",
];

const FIELDS: &[&str] = &[
    "title",
    "date",
    "updated",
    "lastmod",
    "published",
    "pubDate",
    "created",
    "tags",
    "categories",
    "category",
    "cover",
    "thumbnail",
    "banner",
    "image",
    "photos",
    "author",
    "authors",
    "summary",
    "description",
    "excerpt",
    "draft",
    "lang",
    "slug",
    "permalink",
];

const HEXO_TAGS: &[&str] = &[
    "link",
    "asset_link",
    "asset_img",
    "asset_path",
    "img",
    "image",
    "iframe",
    "video",
    "post_link",
    "post_path",
    "post_url",
    "youtube",
    "vimeo",
    "bilibili",
    "gist",
    "jsfiddle",
    "tweet",
    "figure",
    "note",
    "details",
    "fold",
    "blockquote",
    "quote",
    "codeblock",
    "raw",
    "include_code",
    "pullquote",
    "callout",
    "tabs",
    "",
];

const SHORTCODES: &[&str] = &[
    "link",
    "figure",
    "ref",
    "relref",
    "youtube",
    "vimeo",
    "gist",
    "tweet",
    "x",
    "highlight",
    "param",
    "img",
    "iframe",
    "notice",
    "",
];

const WORDS: &[&str] = &[
    "text",
    "\"a title\"",
    "'single quoted'",
    "title:\"x\"",
    "id=1",
    "src=x",
    "width=100",
    "onerror=alert(1)",
    "\"",
    "%}",
    ">}}",
    "中文",
];

/// What a frame may hold: the sanitizer's raw-text handling of `<iframe>` content.
const FRAME_CONTENT: &[&str] = &[
    "<img src=x>",
    "<img =>",
    "<img src=\"a><img \" onerror=alert(1)>",
    "<img src=x onerror=alert(1)>text",
    "<iframe><img src=y></iframe>",
    "<script>alert(1)</script>",
    "</iframe><img src=x onerror=alert(1)>",
    "<!--",
    "<img src=",
    "",
];

const ELEMENTS: &[(&str, &str)] = &[
    ("a", "href"),
    ("img", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("source", "src"),
    ("audio", "src"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
    ("button", "formaction"),
    ("area", "href"),
    ("blockquote", "cite"),
    ("svg><use", "xlink:href"),
    ("math><mi", "href"),
    ("base", "href"),
    ("img", "srcset"),
    ("a", "ping"),
    ("div", "style"),
];

/// Bodies' building blocks, also what the large repeats repeat.
const FRAGMENTS: &[&str] = &[
    "x",
    "中",
    "&",
    "[",
    "{",
    "<",
    "<a>",
    "<div>",
    "</div>",
    "**",
    "_",
    "`",
    "$",
    "$$",
    "\\",
    "> ",
    "- ",
    "1. ",
    "|",
    "[x]: y\n",
    "[^1]",
    "\n",
    "\n\n",
    "    ",
    "\t",
    "<!-- more -->",
    "{%",
    "{{<",
    "&#x",
    "\u{200b}",
    "e\u{301}",
];

/// The opcode reader and the file being built.
struct Builder<'a> {
    data: &'a [u8],
    notation: Notation,
    front: String,
    body: String,
    /// JSON entries, joined at the end.
    entries: Vec<String>,
    anchors: usize,
    laughs: usize,
    keys: usize,
}

impl<'a> Builder<'a> {
    fn byte(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.byte() as usize % items.len()]
    }

    /// A count from one byte, skewed small: 0..=255.
    fn small(&mut self) -> usize {
        self.byte() as usize
    }

    /// A count from two bytes: 0..=65535.
    fn large(&mut self) -> usize {
        (self.byte() as usize) << 8 | self.byte() as usize
    }

    fn room(&self) -> usize {
        MAX_FILE.saturating_sub(self.front.len() + self.body.len() + self.entries.len() * 8)
    }

    /// The next `n` input bytes as text, as written (lossy).
    fn raw(&mut self) -> String {
        let n = (self.small() % 64).min(self.data.len());
        let (taken, rest) = self.data.split_at(n);
        self.data = rest;
        String::from_utf8_lossy(taken).into_owned()
    }

    fn key(&mut self) -> String {
        self.keys += 1;
        format!("k{}", self.keys)
    }

    fn repeated(&mut self, piece: &str) -> String {
        let count = self.large().min(self.room() / piece.len().max(1));
        piece.repeat(count)
    }

    /// A YAML / TOML / JSON scalar.
    fn scalar(&mut self) -> String {
        let scalar = self.pick(SCALARS);
        match self.notation {
            Notation::Toml | Notation::Json | Notation::HexoJson
                if !scalar.starts_with('"')
                    && scalar.parse::<f64>().is_err()
                    && !matches!(scalar, "true" | "nan" | "inf") =>
            {
                json_string(scalar)
            }
            _ => scalar.to_owned(),
        }
    }

    fn front_op(&mut self) {
        match self.notation {
            Notation::Yaml | Notation::YamlLang => self.yaml_op(),
            Notation::Toml => self.toml_op(),
            Notation::Json | Notation::HexoJson => self.json_op(),
            Notation::None => self.body_op(),
        }
    }

    fn yaml_op(&mut self) {
        let line = match self.byte() % 13 {
            // An anchored scalar, possibly large.
            0 => {
                self.anchors += 1;
                let value = if self.byte() % 2 == 0 {
                    self.scalar()
                } else {
                    let piece = self.pick(FRAGMENTS).replace(['\n', '\'', ':'], "x");
                    format!("'{}'", self.repeated(&piece).replace('\'', "''"))
                };
                format!("a{0}: &a{0} {value}\n", self.anchors)
            }
            // Fan-out: many aliases of one anchor, flow or block.
            1 => {
                let anchor = format!("*a{}", self.small() % (self.anchors + 1));
                let count = self.large().min(self.room() / 8);
                if self.byte() % 2 == 0 {
                    format!(
                        "{}: [{}]\n",
                        self.key(),
                        vec![anchor.as_str(); count].join(", ")
                    )
                } else {
                    format!(
                        "{}:\n{}",
                        self.key(),
                        format!("  - {anchor}\n").repeat(count)
                    )
                }
            }
            // One level of laughs: a list of the previous level, anchored.
            2 => {
                let width = 1 + self.small() % 16;
                let line = if self.laughs == 0 {
                    "l0: &l0 'lol'\n".to_owned()
                } else {
                    let previous = format!("*l{}", self.laughs - 1);
                    format!(
                        "l{0}: &l{0} [{1}]\n",
                        self.laughs,
                        vec![previous.as_str(); width].join(",")
                    )
                };
                self.laughs += 1;
                line
            }
            // Flow nesting, balanced or not.
            3 => {
                let depth = self.large().min(self.room() / 4);
                let (open, close) = match self.byte() % 3 {
                    0 => ("[", "]"),
                    1 => ("{a: ", "}"),
                    _ => ("[{a: ", "}]"),
                };
                let closed = if self.byte() % 4 == 0 {
                    depth / 2
                } else {
                    depth
                };
                format!(
                    "{}: {}1{}\n",
                    self.key(),
                    open.repeat(depth),
                    close.repeat(closed)
                )
            }
            // Block nesting by indentation.
            4 => {
                let depth = self.small() + self.small();
                let mut text = String::new();
                for level in 0..depth {
                    text.push_str(&" ".repeat(level * 2));
                    text.push_str("k:\n");
                }
                text.push_str(&" ".repeat(depth * 2));
                text.push_str("k: v\n");
                format!("{}:\n{}", self.key(), indent(&text, 2))
            }
            // `- ` list nesting, on one line or by indentation.
            5 => {
                let depth = self.small() + self.small();
                if self.byte() % 2 == 0 {
                    format!("{}:\n  {}x\n", self.key(), "- ".repeat(depth))
                } else {
                    let mut text = format!("{}:\n", self.key());
                    for level in 0..depth {
                        text.push_str(&" ".repeat(level * 2 + 2));
                        text.push_str("-\n");
                    }
                    text
                }
            }
            // A merge of an anchor.
            6 => {
                let anchor = self.small() % (self.anchors + 1);
                format!("{}:\n  <<: *a{anchor}\n  x: 1\n", self.key())
            }
            // An interpreted field with a hostile value.
            7 => {
                let field = self.pick(FIELDS);
                let value = match self.byte() % 4 {
                    0 => format!(
                        "\"{}\"",
                        self.pick(URLS).replace('\\', "\\\\").replace('"', "\\\"")
                    ),
                    1 => format!("[{}, [{}]]", self.scalar(), self.scalar()),
                    2 => format!("*a{}", self.small() % (self.anchors + 1)),
                    _ => self.scalar(),
                };
                format!("{field}: {value}\n")
            }
            // YAML's own tags, complex keys, block scalars.
            8 => match self.byte() % 7 {
                0 => format!("{}: !!binary aGVsbG8=\n", self.key()),
                1 => format!("{}: !!timestamp {}\n", self.key(), self.scalar()),
                2 => format!("? [{}]\n: {}\n", self.scalar(), self.scalar()),
                3 => format!("{}: |\n  {}\n  {}\n", self.key(), self.raw(), self.raw()),
                4 => format!("{}: !!float {}\n", self.key(), self.scalar()),
                5 => format!("{}: &a{} !!str\n", self.key(), self.anchors),
                _ => format!("%YAML 1.2\n{}: !custom {}\n", self.key(), self.scalar()),
            },
            // Categories as a list of lists, tags as a map.
            9 => {
                let n = self.small() % 32;
                let mut text = "categories:\n".to_owned();
                for _ in 0..n {
                    text.push_str(&format!("  - [{}, {}]\n", self.scalar(), self.scalar()));
                }
                text
            }
            10 => format!("{}\n", self.raw()),
            11 => "---\n".to_owned(),
            _ => {
                self.body_op();
                String::new()
            }
        };
        self.push_front(&line);
    }

    fn toml_op(&mut self) {
        let line = match self.byte() % 10 {
            // Dotted keys, as many segments as two bytes say.
            0 => {
                let depth = 1 + self.large().min(self.room() / 2);
                let segment = if self.byte() % 2 == 0 { "a" } else { "\"q.k\"" };
                format!("{} = {}\n", vec![segment; depth].join("."), self.scalar())
            }
            // A table header or an array of tables, deep.
            1 => {
                let depth = 1 + self.large().min(self.room() / 2);
                let path = vec!["a"; depth].join(".");
                if self.byte() % 2 == 0 {
                    format!("[{path}]\nx = {}\n", self.scalar())
                } else {
                    format!("[[{path}]]\nx = {}\n", self.scalar())
                }
            }
            // Nested inline tables and arrays.
            2 => {
                let depth = self.large().min(self.room() / 8);
                if self.byte() % 2 == 0 {
                    format!(
                        "{} = {}1{}\n",
                        self.key(),
                        "{a = ".repeat(depth),
                        "}".repeat(depth)
                    )
                } else {
                    format!(
                        "{} = {}1{}\n",
                        self.key(),
                        "[".repeat(depth),
                        "]".repeat(depth)
                    )
                }
            }
            3 => {
                let field = self.pick(FIELDS);
                let value = match self.byte() % 3 {
                    0 => json_string(self.pick(URLS)),
                    1 => format!("[{}, [{}]]", self.scalar(), self.scalar()),
                    _ => self.scalar(),
                };
                format!("{field} = {value}\n")
            }
            4 => format!(
                "date = {}\n",
                self.pick(&[
                    "1979-05-27T07:32:00Z",
                    "1979-05-27",
                    "07:32:00",
                    "-9223372036854775808",
                    "9223372036854775807",
                    "+inf",
                    "nan",
                    "0x7fffffffffffffff",
                    "1979-05-27T07:32:00.999999999-07:00",
                ])
            ),
            5 => {
                let piece = self.pick(FRAGMENTS);
                format!("{} = {}\n", self.key(), json_string(&self.repeated(piece)))
            }
            6 => format!("{} = '''\n{}\n'''\n", self.key(), self.raw()),
            7 => format!("{}\n", self.raw()),
            _ => {
                self.body_op();
                String::new()
            }
        };
        self.push_front(&line);
    }

    fn json_op(&mut self) {
        let entry = match self.byte() % 8 {
            0 => {
                let depth = self.large().min(self.room() / 8);
                let (open, close) = match self.byte() % 3 {
                    0 => ("[", "]"),
                    1 => ("{\"a\":", "}"),
                    _ => ("[{\"a\":", "}]"),
                };
                format!(
                    "\"{}\": {}1{}",
                    self.key(),
                    open.repeat(depth),
                    close.repeat(depth)
                )
            }
            1 => {
                let field = self.pick(FIELDS);
                let value = match self.byte() % 3 {
                    0 => json_string(self.pick(URLS)),
                    1 => format!("[{}, [{}]]", self.scalar(), self.scalar()),
                    _ => self.scalar(),
                };
                format!("\"{field}\": {value}")
            }
            2 => {
                let piece = self.pick(FRAGMENTS);
                format!("\"{}\": {}", self.key(), json_string(&self.repeated(piece)))
            }
            3 => format!(
                "\"{}\": {}",
                self.key(),
                self.pick(&[
                    "-9223372036854775808",
                    "-9223372036854775809",
                    "1e400",
                    "-0",
                    "1.7976931348623157e308",
                    "5e-324",
                    "\"\\ud800\"",
                    "\"\\udc00\\ud800\"",
                    "\"\\u0000\"",
                    "{}",
                    "[]",
                    "null",
                ])
            ),
            4 => self.raw(),
            // A repeated key: the last one wins, or not.
            5 => format!("\"title\": {}", self.scalar()),
            _ => {
                self.body_op();
                return;
            }
        };
        if self.room() > entry.len() {
            self.entries.push(entry);
        }
    }

    fn url(&mut self) -> &'static str {
        self.pick(URLS)
    }

    fn body_op(&mut self) {
        let text = match self.byte() % 12 {
            // A Hexo tag plugin, with or without arguments, sometimes a block.
            0 => {
                let name = self.pick(HEXO_TAGS);
                let mut args = Vec::new();
                for _ in 0..self.byte() % 4 {
                    args.push(if self.byte() % 2 == 0 {
                        self.url()
                    } else {
                        self.pick(WORDS)
                    });
                }
                let args = args.join(" ");
                match self.byte() % 4 {
                    0 => format!("{{% {name} {args} %}}text{{% end{name} %}}"),
                    1 => format!(
                        "\n{{% {name} {args} %}}\n\n{}\n\n{{% end{name} %}}\n",
                        self.raw()
                    ),
                    2 => format!("{{%{name}%}}"),
                    _ => format!("{{% {name} {args} %}}"),
                }
            }
            // A Hugo shortcode.
            1 => {
                let name = self.pick(SHORTCODES);
                let url = self.url();
                match self.byte() % 4 {
                    0 => format!("{{{{< {name} >}}}}"),
                    1 => format!("{{{{< {name} \"{url}\" >}}}}"),
                    2 => format!("{{{{% {name} src=\"{url}\" %}}}}inner{{{{% /{name} %}}}}"),
                    _ => format!(
                        "{{{{< {name} src=\"{url}\" title=\"{}\" >}}}}",
                        self.pick(WORDS)
                    ),
                }
            }
            // A frame holding markup.
            2 => {
                let url = self.url();
                let inner = self.pick(FRAME_CONTENT);
                match self.byte() % 3 {
                    0 => format!("\n<iframe src=\"{url}\">{inner}</iframe>\n"),
                    1 => format!("<div><iframe>{inner}</iframe>after</div>"),
                    _ => format!("<iframe src={url}>{inner}"),
                }
            }
            // Raw HTML with a URL attribute.
            3 => {
                let (element, attribute) = self.pick(ELEMENTS);
                let url = self.url();
                let name = element.rsplit('<').next().unwrap_or(element);
                match self.byte() % 3 {
                    0 => format!("<{element} {attribute}=\"{url}\">t</{name}>"),
                    1 => format!("<{element} {attribute}='{url}' onerror=alert(1)>"),
                    _ => format!("<{element} {attribute}={url}>"),
                }
            }
            // Markdown and Obsidian links and images.
            4 => {
                let url = self.url();
                match self.byte() % 7 {
                    0 => format!("[link]({url})"),
                    1 => format!("![image]({url})"),
                    2 => format!("[ref][r]\n\n[r]: {url}\n"),
                    3 => format!("<{url}>"),
                    4 => format!("[[{url}]]"),
                    5 => format!("![[{url}]]"),
                    _ => format!("[![i]({url})]({url} \"t\")"),
                }
            }
            // A large repeated string.
            5 => {
                let piece = self.pick(FRAGMENTS);
                self.repeated(piece)
            }
            // Structure.
            6 => {
                let depth = self.small();
                match self.byte() % 8 {
                    0 => format!("\n{}x\n", "> ".repeat(depth)),
                    1 => format!("\n{}x\n", "- ".repeat(depth)),
                    2 => format!("\n{}\n", "[".repeat(depth)),
                    3 => format!("\n```{}\n{}\n```\n", self.pick(WORDS), self.raw()),
                    4 => format!("\n$$\n{}\n$$\n", self.raw()),
                    5 => "\n<!-- more -->\n".to_owned(),
                    6 => format!("\n{} heading {}\n", "#".repeat(1 + depth % 7), self.raw()),
                    _ => format!("\n> [!{}] {}\n> body\n", self.pick(WORDS), self.raw()),
                }
            }
            7 => self.pick(FRAGMENTS).to_owned(),
            _ => self.raw(),
        };
        if self.room() > text.len() {
            self.body.push_str(&text);
        }
    }

    fn push_front(&mut self, text: &str) {
        if self.room() > text.len() {
            self.front.push_str(text);
        }
    }

    fn file(self, flags: u8) -> Vec<u8> {
        let (open, close) = match self.notation {
            Notation::Yaml => ("---\n", "---\n"),
            Notation::YamlLang => ("---yaml\n", "---\n"),
            Notation::Toml => ("+++\n", "+++\n"),
            Notation::Json => (";;;\n", ";;;\n"),
            Notation::HexoJson => ("", ";;;\n"),
            Notation::None => ("", ""),
        };
        let mut text = String::new();
        if flags & 4 != 0 {
            text.push_str("\n  \n");
        }
        text.push_str(open);
        match self.notation {
            Notation::Json | Notation::HexoJson => {
                text.push_str("{\n");
                text.push_str(&self.entries.join(",\n"));
                text.push_str("\n}\n");
            }
            _ => text.push_str(&self.front),
        }
        if flags & 8 == 0 || self.notation == Notation::HexoJson {
            text.push_str(close);
        }
        text.push_str(&self.body);
        if flags & 2 != 0 {
            text = text.replace('\n', "\r\n");
        }
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if flags & 1 != 0 {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(text.as_bytes());
        bytes
    }
}

/// `text` as a JSON (and TOML basic) string.
fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn indent(text: &str, by: usize) -> String {
    let pad = " ".repeat(by);
    text.lines().map(|line| format!("{pad}{line}\n")).collect()
}

/// `FRONT_MATTER_DUMP=<path>`: write each built file there before parsing it, to see what an
/// artifact builds (`FRONT_MATTER_DUMP=/tmp/x.md cargo +nightly fuzz run front_matter <artifact>`).
fn dump_path() -> Option<&'static std::path::Path> {
    static PATH: std::sync::OnceLock<Option<std::path::PathBuf>> = std::sync::OnceLock::new();
    PATH.get_or_init(|| std::env::var_os("FRONT_MATTER_DUMP").map(Into::into))
        .as_deref()
}

fuzz_target!(|data: &[u8]| {
    let [selector, notation, flags, program @ ..] = data else {
        return;
    };
    let notation = match notation % 6 {
        0 => Notation::Yaml,
        1 => Notation::YamlLang,
        2 => Notation::Toml,
        3 => Notation::Json,
        4 => Notation::HexoJson,
        _ => Notation::None,
    };
    let mut builder = Builder {
        data: program,
        notation,
        front: String::new(),
        body: "\n".to_owned(),
        entries: Vec::new(),
        anchors: 0,
        laughs: 0,
        keys: 0,
    };
    while !builder.data.is_empty() && builder.room() > 0 {
        builder.front_op();
    }
    let file = builder.file(*flags);
    if let Some(path) = dump_path() {
        // Best effort: a failed write must not hide the finding being reproduced.
        let _ = std::fs::write(path, &file);
    }
    articles_fuzz::parse_and_check(*selector, &file);
});
