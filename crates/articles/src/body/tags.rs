//! Blogging-tool syntax in Markdown source, turned into what it means before CommonMark runs:
//! Hexo tag plugins (`{% note %}`, `{% youtube %}`, `{% codeblock %}`…), Jekyll/Liquid tags,
//! Hugo shortcodes (`{{< figure >}}`…), and Obsidian's `[[wikilinks]]`, `![[embeds]]` and
//! `> [!note]` callouts.
//!
//! Code is left alone: fenced code blocks and inline code spans are copied verbatim, so
//! documentation that *shows* tag syntax keeps showing it. Tags whose meaning is unclear are
//! removed quietly and listed in one diagnostic, never left as `{% … %}` noise.

use super::escape::{attr, text as escape_text};
use crate::links::{article_link_by_name, find_href};

/// The Markdown source with tags expanded, and the tags that were removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Expanded {
    pub source: String,
    pub removed: Vec<String>,
}

/// Expands the tags of `source`. `asset_dir` is the post's asset folder (Hexo `asset_img`),
/// relative to the article, ending in `/`.
pub fn expand(source: &str, asset_dir: &str) -> Expanded {
    let mut out = Expander {
        asset_dir,
        out: String::with_capacity(source.len() + 64),
        removed: Vec::new(),
        open: Vec::new(),
    };
    out.run(source);
    while let Some(closer) = out.open.pop() {
        out.out.push_str(&closer);
    }
    Expanded {
        source: out.out,
        removed: out.removed,
    }
}

struct Expander<'a> {
    asset_dir: &'a str,
    out: String,
    removed: Vec<String>,
    /// Closing markup of the container tags still open (note, blockquote…).
    open: Vec<String>,
}

/// Longest tag text looked at, so an unclosed `{%` cannot make the scan quadratic.
const MAX_TAG_LEN: usize = 2000;

impl Expander<'_> {
    fn run(&mut self, source: &str) {
        let mut rest = source;
        let mut at_line_start = true;
        while !rest.is_empty() {
            if at_line_start {
                if let Some(len) = fenced_code_len(rest) {
                    self.out.push_str(&rest[..len]);
                    rest = &rest[len..];
                    continue;
                }
                if let Some(len) = self.callout(rest) {
                    rest = &rest[len..];
                    at_line_start = false;
                    continue;
                }
            }
            // Copy plain text up to the next character that may start something, in one go.
            let plain = rest.find(['`', '{', '!', '[', '\n']).unwrap_or(rest.len());
            if plain > 0 {
                self.out.push_str(&rest[..plain]);
                rest = &rest[plain..];
                at_line_start = false;
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            let consumed = match c {
                '`' => Some(code_span_len(rest)),
                '{' => self.tag(rest),
                '!' if rest.starts_with("![[") => self.wikilink(rest, true),
                '[' if rest.starts_with("[[") => self.wikilink(rest, false),
                _ => None,
            };
            let len = consumed.unwrap_or(c.len_utf8());
            if consumed.is_none() || c == '`' {
                self.out.push_str(&rest[..len]);
            }
            at_line_start = rest[..len].ends_with('\n');
            rest = &rest[len..];
        }
    }

    /// Handles `{% … %}`, `{{< … >}}`, `{{% … %}}` and `{{ … }}` at the start of `rest`;
    /// returns the bytes consumed, or `None` when this is not a tag.
    fn tag(&mut self, rest: &str) -> Option<usize> {
        let (open, close) = if rest.starts_with("{%") {
            ("{%", "%}")
        } else if rest.starts_with("{{<") {
            ("{{<", ">}}")
        } else if rest.starts_with("{{%") {
            ("{{%", "%}}")
        } else if rest.starts_with("{{") {
            ("{{", "}}")
        } else {
            return None;
        };
        let window = &rest[..floor_boundary(rest, MAX_TAG_LEN)];
        let end = window[open.len()..].find(close)? + open.len();
        let inner = rest[open.len()..end].trim().trim_matches('-').trim();
        let mut len = end + close.len();
        // A doubled closer (`{% note %} %}`, a common slip) is part of the tag, not text.
        let after = &rest[len..];
        if let Some(stray) = after.trim_start_matches([' ', '\t']).strip_prefix(close) {
            len = rest.len() - stray.len();
        }
        if open == "{{" {
            // Liquid/Hugo output such as `{{ site.baseurl }}`: no value exists here.
            self.removed.push(rest[..len].to_owned());
            return Some(len);
        }
        let (name, args) = split_name(inner);
        if let Some(consumed) = self.raw_block(rest, len, open, close, name, args) {
            return Some(consumed);
        }
        if let Some(ended) = name.strip_prefix("end").or_else(|| name.strip_prefix('/')) {
            if CONTAINERS.contains(&ended) {
                if let Some(closer) = self.open.pop() {
                    self.out.push_str(&closer);
                }
            }
            return Some(len);
        }
        match self.inline(name, args) {
            Some(html) => self.out.push_str(&html),
            None if CONTAINERS.contains(&name) => self.container(name, args),
            None => self.removed.push(rest[..len].to_owned()),
        }
        Some(len)
    }

    /// Tags whose content is code or raw text: everything up to the end tag is taken verbatim.
    fn raw_block(
        &mut self,
        rest: &str,
        tag_len: usize,
        open: &str,
        close: &str,
        name: &str,
        args: &str,
    ) -> Option<usize> {
        let lang = match name {
            "codeblock" | "code" | "highlight" | "include_code" => code_language(args),
            "raw" | "verbatim" => None,
            _ => return None,
        };
        let end_tag = match open {
            "{%" => format!("end{name}"),
            _ => format!("/{name}"),
        };
        let body = &rest[tag_len..];
        let (content, after) = find_end_tag(body, open, close, &end_tag)?;
        if name == "raw" || name == "verbatim" {
            self.out.push_str(content);
        } else {
            let content = content.trim_matches('\n');
            let fence = "`".repeat(longest_run(content, '`').max(2) + 1);
            self.out.push_str(&format!(
                "\n\n{fence}{}\n{content}\n{fence}\n\n",
                lang.unwrap_or_default()
            ));
        }
        Some(tag_len + after)
    }

    /// Opens a container tag as an HTML block whose content is still Markdown.
    fn container(&mut self, name: &str, args: &str) {
        let words = arguments(args);
        match name {
            "blockquote" | "quote" | "pullquote" => {
                let source = words.join(" ");
                self.out.push_str("\n\n<blockquote>\n\n");
                // The attribution is known now but shown after the quote.
                self.open.push(if source.is_empty() {
                    "\n\n</blockquote>\n\n".to_owned()
                } else {
                    format!(
                        "\n\n<footer>— {}</footer></blockquote>\n\n",
                        escape_text(&source)
                    )
                });
            }
            "details" | "fold" | "folding" | "spoiler" => {
                let summary = if words.is_empty() {
                    "…".to_owned()
                } else {
                    words.join(" ")
                };
                self.out.push_str(&format!(
                    "\n\n<details><summary>{}</summary>\n\n",
                    escape_text(&summary)
                ));
                self.open.push("\n\n</details>\n\n".to_owned());
            }
            _ => {
                let (kind, title) = callout_kind(&words);
                self.out
                    .push_str(&format!("\n\n<div class=\"callout callout-{kind}\">"));
                if !title.is_empty() {
                    self.out.push_str(&format!(
                        "<p class=\"callout-title\">{}</p>",
                        escape_text(&title)
                    ));
                }
                self.out.push_str("\n\n");
                self.open.push("\n\n</div>\n\n".to_owned());
            }
        }
    }

    /// Single tags with a clear meaning, as inline HTML (or a URL inside a Markdown link).
    fn inline(&self, name: &str, args: &str) -> Option<String> {
        let words = arguments(args);
        let first = words.first().map(String::as_str).unwrap_or_default();
        let named = |key: &str| named_argument(args, key);
        Some(match name {
            "youtube" => video_link("https://www.youtube.com/watch?v=", first, "YouTube"),
            "vimeo" => video_link("https://vimeo.com/", first, "Vimeo"),
            "bilibili" => video_link("https://www.bilibili.com/video/", first, "Bilibili"),
            "gist" => link(
                &format!("https://gist.github.com/{first}"),
                &format!("Gist {first}"),
            ),
            "jsfiddle" => link(
                &format!("https://jsfiddle.net/{first}/"),
                &format!("JSFiddle {first}"),
            ),
            "tweet" | "twitter" | "x" => {
                let id = named("id").unwrap_or_else(|| words.last().cloned().unwrap_or_default());
                link(&format!("https://x.com/i/status/{id}"), "Post on X")
            }
            "iframe" | "video" => link(first, first),
            "link" if words.len() == 1 => article_link_by_name(first, first),
            "link" => {
                let url_at = words
                    .iter()
                    .position(|w| looks_like_url(w))
                    .unwrap_or(words.len() - 1);
                let text = words[..url_at].join(" ");
                let url = &words[url_at];
                link(url, if text.is_empty() { url } else { &text })
            }
            "post_link" | "post_path" => {
                let title = if words.len() > 1 {
                    words[1..].join(" ")
                } else {
                    first.to_owned()
                };
                article_link_by_name(first, &title)
            }
            "post_url" => find_href(first),
            "asset_img" | "img" | "image" => self.image(name, &words),
            "asset_link" => link(
                &format!("{}{first}", self.asset_dir),
                words.get(1).unwrap_or(&words[0]),
            ),
            "asset_path" => format!("{}{first}", self.asset_dir),
            "figure" => self.figure(args),
            "ref" | "relref" => find_href(first),
            _ => return None,
        })
    }

    /// Hexo `{% img [class] src [width] [height] ["title" ["alt"]] %}` and `asset_img`.
    fn image(&self, name: &str, words: &[String]) -> String {
        let src_at = words
            .iter()
            .position(|w| looks_like_url(w) || w.contains('.'))
            .unwrap_or(0);
        let Some(src) = words.get(src_at) else {
            return String::new();
        };
        let src = if name == "asset_img" {
            format!("{}{src}", self.asset_dir)
        } else {
            src.clone()
        };
        let rest = &words[(src_at + 1).min(words.len())..];
        let sizes: Vec<&String> = rest
            .iter()
            .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let texts: Vec<&String> = rest
            .iter()
            .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
            .collect();
        let title = texts.first().map(|t| t.as_str()).unwrap_or_default();
        let alt = texts.get(1).map(|t| t.as_str()).unwrap_or(title);
        let mut html = format!("<img src=\"{}\" alt=\"{}\"", attr(&src), attr(alt));
        if !title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", attr(title)));
        }
        if let Some(width) = sizes.first() {
            html.push_str(&format!(" width=\"{width}\""));
        }
        if let Some(height) = sizes.get(1) {
            html.push_str(&format!(" height=\"{height}\""));
        }
        html.push('>');
        html
    }

    /// Hugo `{{< figure src="…" title="…" caption="…" alt="…" link="…" >}}`.
    fn figure(&self, args: &str) -> String {
        let src = named_argument(args, "src").unwrap_or_default();
        let alt = named_argument(args, "alt")
            .or_else(|| named_argument(args, "title"))
            .unwrap_or_default();
        let caption = named_argument(args, "caption").or_else(|| named_argument(args, "title"));
        let mut html = format!(
            "<figure><img src=\"{}\" alt=\"{}\">",
            attr(&src),
            attr(&alt)
        );
        if let Some(caption) = caption {
            html.push_str(&format!(
                "<figcaption>{}</figcaption>",
                escape_text(&caption)
            ));
        }
        html.push_str("</figure>");
        html
    }

    /// `[[target#heading|alias]]` and `![[embed.png|300]]`.
    fn wikilink(&mut self, rest: &str, embed: bool) -> Option<usize> {
        let start = if embed { 3 } else { 2 };
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let end = rest[start..line_end].find("]]")? + start;
        let inner = &rest[start..end];
        if inner.is_empty() || inner.contains('[') {
            return None;
        }
        let (target, alias) = match inner.split_once('|') {
            Some((t, a)) => (t.trim(), Some(a.trim())),
            None => (inner.trim(), None),
        };
        let page = target.split('#').next().unwrap_or(target);
        let html = if embed && is_image(page) {
            let width = alias.filter(|a| a.chars().all(|c| c.is_ascii_digit()));
            let alt = alias.filter(|_| width.is_none()).unwrap_or(page);
            let mut img = format!("<img src=\"{}\" alt=\"{}\"", attr(page), attr(alt));
            if let Some(width) = width {
                img.push_str(&format!(" width=\"{width}\""));
            }
            img.push('>');
            img
        } else {
            article_link_by_name(page, alias.unwrap_or(target))
        };
        self.out.push_str(&html);
        Some(end + 2)
    }

    /// `> [!type] Title` (Obsidian) becomes a GitHub alert, which the Markdown parser knows, with
    /// the title in bold. Returns the bytes consumed.
    fn callout(&mut self, rest: &str) -> Option<usize> {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let line = &rest[..line_end];
        let quote_len = line.len() - line.trim_start_matches([' ', '>']).len();
        let prefix = &line[..quote_len];
        if !prefix.contains('>') {
            return None;
        }
        let marker = line[quote_len..].strip_prefix("[!")?;
        let close = marker.find(']')?;
        let kind = &marker[..close];
        if kind.is_empty() || !kind.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return None;
        }
        let title = marker[close + 1..].trim_start_matches(['+', '-']).trim();
        let alert = match kind.to_ascii_lowercase().as_str() {
            "tip" | "hint" | "success" | "check" | "done" => "TIP",
            "important" => "IMPORTANT",
            "warning" | "caution" | "attention" => "WARNING",
            "danger" | "error" | "bug" | "failure" | "fail" | "missing" => "CAUTION",
            _ => "NOTE",
        };
        self.out.push_str(&format!("{prefix}[!{alert}]\n"));
        if !title.is_empty() {
            self.out
                .push_str(&format!("{prefix}**{}**\n", escape_text(title)));
        }
        Some(line_end)
    }
}

/// Container tags: their content is Markdown, wrapped in a box.
const CONTAINERS: &[&str] = &[
    "note",
    "alert",
    "hint",
    "notice",
    "admonition",
    "callout",
    "info",
    "warning",
    "tip",
    "blockquote",
    "quote",
    "pullquote",
    "details",
    "fold",
    "folding",
    "spoiler",
];

/// The kind of box (`info`, `warning`…) and its title, from a note tag's arguments.
fn callout_kind(words: &[String]) -> (&'static str, String) {
    const KINDS: &[(&str, &str)] = &[
        ("default", "note"),
        ("primary", "note"),
        ("info", "info"),
        ("note", "note"),
        ("success", "tip"),
        ("tip", "tip"),
        ("warning", "warning"),
        ("warn", "warning"),
        ("danger", "danger"),
        ("error", "danger"),
        ("caution", "warning"),
    ];
    let mut kind = "note";
    let mut title = Vec::new();
    for word in words {
        match KINDS
            .iter()
            .find(|(name, _)| word.eq_ignore_ascii_case(name))
        {
            Some((_, k)) if title.is_empty() => kind = k,
            _ if matches!(
                word.as_str(),
                "no-icon" | "flat" | "modern" | "simple" | "disabled"
            ) => {}
            _ => title.push(word.as_str()),
        }
    }
    (kind, title.join(" "))
}

fn video_link(prefix: &str, id: &str, site: &str) -> String {
    link(&format!("{prefix}{id}"), &format!("▶ {site} video"))
}

fn link(url: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", attr(url), escape_text(text))
}

fn looks_like_url(word: &str) -> bool {
    word.starts_with("http://") || word.starts_with("https://") || word.starts_with('/')
}

fn is_image(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif", ".bmp",
    ]
    .iter()
    .any(|ext| lower.ends_with(ext))
}

/// `lang:rust` (Hexo codeblock) or a bare first word (Jekyll highlight, Hugo highlight).
fn code_language(args: &str) -> Option<String> {
    let words = arguments(args);
    let lang = words
        .iter()
        .find_map(|w| w.strip_prefix("lang:"))
        .or_else(|| {
            words
                .first()
                .map(String::as_str)
                .filter(|w| !w.contains([':', '/', '.']))
        })?;
    let lang: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '_' | '#'))
        .collect();
    (!lang.is_empty()).then_some(lang)
}

/// The tag name and the rest of its text.
fn split_name(inner: &str) -> (&str, &str) {
    let inner = inner.trim();
    match inner.find(char::is_whitespace) {
        Some(at) => (&inner[..at], inner[at..].trim()),
        None => (inner, ""),
    }
}

/// Arguments split on whitespace, with `"…"` and `'…'` kept together (quotes removed).
fn arguments(args: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    for c in args.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') if word.is_empty() => quote = Some(c),
            (None, c) if c.is_whitespace() || c == ',' => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            (None, c) => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The value of `key="value"` (or `key=value`) in a shortcode's arguments.
fn named_argument(args: &str, key: &str) -> Option<String> {
    let mut search = args;
    while let Some(at) = search.find(key) {
        let before_ok = search[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        let after = &search[at + key.len()..];
        if before_ok {
            if let Some(value) = after.trim_start().strip_prefix('=') {
                let value = value.trim_start();
                return Some(match value.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        value[1..].split(q).next().unwrap_or_default().to_owned()
                    }
                    _ => value
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_owned(),
                });
            }
        }
        search = after;
    }
    None
}

/// Finds `{% end_tag %}` (with the given delimiters); returns the content before it and the
/// bytes up to the end of the end tag.
fn find_end_tag<'a>(
    body: &'a str,
    open: &str,
    close: &str,
    end_tag: &str,
) -> Option<(&'a str, usize)> {
    let mut from = 0;
    while let Some(at) = body[from..].find(open) {
        let start = from + at;
        let inner_start = start + open.len();
        let close_at = body[inner_start..].find(close)?;
        let inner = body[inner_start..inner_start + close_at]
            .trim()
            .trim_matches('-')
            .trim();
        if inner == end_tag {
            return Some((&body[..start], inner_start + close_at + close.len()));
        }
        from = inner_start;
    }
    None
}

/// Length of a fenced code block starting at `rest` (to the closing fence or the end), or
/// `None` when `rest` does not start with a fence.
fn fenced_code_len(rest: &str) -> Option<usize> {
    let indent = rest.len() - rest.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let line = &rest[indent..];
    let fence_char = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let fence_len = line.len() - line.trim_start_matches(fence_char).len();
    if fence_len < 3 {
        return None;
    }
    let first_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if fence_char == '`' && rest[indent + fence_len..first_end].contains('`') {
        return None;
    }
    let mut pos = first_end;
    while pos < rest.len() {
        let line_end = rest[pos..].find('\n').map_or(rest.len(), |i| pos + i + 1);
        let candidate = rest[pos..line_end].trim();
        if candidate.len() >= fence_len && candidate.chars().all(|c| c == fence_char) {
            return Some(line_end);
        }
        pos = line_end;
    }
    Some(rest.len())
}

/// Length of an inline code span at `rest` (a run of backticks, its content and the matching
/// run on the same line), or of the backtick run alone when it is not closed.
fn code_span_len(rest: &str) -> usize {
    let run = rest.len() - rest.trim_start_matches('`').len();
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let mut pos = run;
    while pos < line_end {
        let Some(at) = rest[pos..line_end].find('`') else {
            break;
        };
        let start = pos + at;
        let len = rest[start..].len() - rest[start..].trim_start_matches('`').len();
        if len == run {
            return start + len;
        }
        pos = start + len;
    }
    run
}

fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for ch in text.chars() {
        current = if ch == c { current + 1 } else { 0 };
        longest = longest.max(current);
    }
    longest
}

/// The largest char boundary of `text` not after `limit`.
fn floor_boundary(text: &str, limit: usize) -> usize {
    let mut at = limit.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(source: &str) -> String {
        expand(source, "post/").source
    }

    #[test]
    fn note_becomes_a_box_with_markdown_inside() {
        let out = run("{% note tip 禁用布局 %}\n如果 **你** 不希望\n{% endnote %}\n");
        assert!(
            out.contains(
                "<div class=\"callout callout-tip\"><p class=\"callout-title\">禁用布局</p>"
            ),
            "{out}"
        );
        assert!(out.contains("\n\n如果 **你** 不希望\n"), "{out}");
        assert!(out.contains("</div>"), "{out}");
    }

    #[test]
    fn codeblock_becomes_a_fenced_block() {
        let out = run("{% codeblock lang:js %}\nalert('{% not a tag %}');\n{% endcodeblock %}");
        assert!(
            out.contains("```js\nalert('{% not a tag %}');\n```"),
            "{out}"
        );
        let out = run("{% highlight ruby %}\nputs 1\n{% endhighlight %}");
        assert!(out.contains("```ruby\nputs 1\n```"), "{out}");
    }

    #[test]
    fn code_is_left_alone() {
        let source = "```\n{% youtube x %}\n```\n\nUse `{% note %}` here.";
        assert_eq!(run(source), source);
    }

    #[test]
    fn videos_and_links() {
        assert!(run("{% youtube HLJ9jJy7CMg %}")
            .contains("https://www.youtube.com/watch?v=HLJ9jJy7CMg"));
        let out = run("{{< youtube w7Ft2ymGmfc >}}");
        assert!(out.contains("watch?v=w7Ft2ymGmfc"), "{out}");
        let out = run("{% link Hexo site https://hexo.io %}");
        assert_eq!(out, "<a href=\"https://hexo.io\">Hexo site</a>");
    }

    #[test]
    fn internal_links() {
        assert_eq!(
            run("{% post_link hello-world Hello %}"),
            "<a class=\"article-link\" href=\"#/find/hello-world\">Hello</a>"
        );
        assert_eq!(
            run("[see]({% post_url 2010-07-21-name %})"),
            "[see](#/find/2010-07-21-name)"
        );
        assert_eq!(
            run("[[Other note|alias]]"),
            "<a class=\"article-link\" href=\"#/find/Other%20note\">alias</a>"
        );
    }

    #[test]
    fn images_and_figures() {
        assert_eq!(
            run("{% asset_img cat.png \"A cat\" %}"),
            "<img src=\"post/cat.png\" alt=\"A cat\" title=\"A cat\">"
        );
        assert_eq!(
            run("![[diagram.png|300]]"),
            "<img src=\"diagram.png\" alt=\"diagram.png\" width=\"300\">"
        );
        let out = run("{{< figure src=\"/a.jpg\" caption=\"A caption\" >}}");
        assert_eq!(
            out,
            "<figure><img src=\"/a.jpg\" alt=\"\"><figcaption>A caption</figcaption></figure>"
        );
    }

    #[test]
    fn obsidian_callouts_become_alerts() {
        assert_eq!(
            run("> [!warning] Careful\n> body\n"),
            "> [!WARNING]\n> **Careful**\n> body\n"
        );
    }

    #[test]
    fn unknown_tags_are_removed_and_reported() {
        let out = expand("a {% include footer.html %} b {{ site.url }} c", "");
        assert_eq!(out.source, "a  b  c");
        assert_eq!(
            out.removed,
            vec!["{% include footer.html %}", "{{ site.url }}"]
        );
    }

    #[test]
    fn a_doubled_closer_is_swallowed() {
        assert!(!run("{% note warn \"Warning!\" %} %}\ntext\n{% endnote %}").contains("%}"));
    }

    #[test]
    fn unclosed_tags_are_plain_text() {
        assert_eq!(run("{% never closed"), "{% never closed");
        assert_eq!(run("{% codeblock %}\nno end"), "\nno end");
    }
}
