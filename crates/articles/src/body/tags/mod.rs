//! Blogging-tool syntax in Markdown source, turned into what it means before CommonMark runs:
//! Hexo tag plugins (`{% note %}`, `{% youtube %}`, `{% codeblock %}`…), Jekyll/Liquid tags,
//! Hugo shortcodes (`{{< figure >}}`…), and Obsidian's `[[wikilinks]]`, `![[embeds]]` and
//! `> [!note]` callouts.
//!
//! Code is left alone: fenced code blocks and inline code spans are copied verbatim, so
//! documentation that *shows* tag syntax keeps showing it. Tags whose meaning is unclear are
//! removed quietly and listed in one diagnostic, never left as `{% … %}` noise; so are known
//! tags written without the arguments they need (`{% link %}`).

mod obsidian;
mod plugins;
mod syntax;

use plugins::{Inline, CONTAINERS};
use syntax::{
    code_language, fenced_code_len, find_end_tag, floor_boundary, longest_run, split_name,
    CodeSpans, NextMatch,
};

/// The Markdown source with tags expanded, and the tags that were removed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Expanded {
    pub source: String,
    /// Tags that mean nothing here (`{% include %}`, `{{ site.url }}`).
    pub removed: Vec<String>,
    /// Known tags removed because they were written without arguments (`{% link %}`).
    pub without_arguments: Vec<String>,
}

/// Expands the tags of `source`. `asset_dir` is the post's asset folder (Hexo `asset_img`),
/// relative to the article, ending in `/`.
pub fn expand(source: &str, asset_dir: &str) -> Expanded {
    let mut out = Expander {
        asset_dir,
        out: String::with_capacity(source.len() + 64),
        removed: Vec::new(),
        without_arguments: Vec::new(),
        open: Vec::new(),
        closers: Default::default(),
        missing_end_tags: Vec::new(),
        code_spans: CodeSpans::default(),
    };
    out.run(source);
    while let Some(closer) = out.open.pop() {
        out.out.push_str(&closer);
    }
    Expanded {
        source: out.out,
        removed: out.removed,
        without_arguments: out.without_arguments,
    }
}

struct Expander<'a> {
    asset_dir: &'a str,
    out: String,
    removed: Vec<String>,
    without_arguments: Vec<String>,
    /// Closing markup of the container tags still open (note, blockquote…).
    open: Vec<String>,
    /// The next of each tag closer (`%}`, `>}}`, `%}}`, `}}`, as in [`CLOSERS`]), remembered
    /// so that a run of unclosed `{%` or `{{` searches the text after them once, not once each.
    closers: [NextMatch; 4],
    /// End tags of raw blocks (`{%` and `endcodeblock`…) known to be missing from a position
    /// on. A failed search for one fails from any later position too, and each search reads
    /// the rest of the source, so without this every unclosed `{% codeblock %}` would read it
    /// again (8 000 of them: seconds).
    missing_end_tags: Vec<(String, usize)>,
    /// The backtick runs of the current line, for code spans.
    code_spans: CodeSpans,
}

/// Longest tag text looked at: a tag whose closer is further away is not a tag.
const MAX_TAG_LEN: usize = 2000;

/// The tag delimiters, each opener with its closer, longest opener first; the index of a pair
/// is the index of its closer's memory in [`Expander::closers`].
const CLOSERS: [(&str, &str); 4] = [("{%", "%}"), ("{{<", ">}}"), ("{{%", "%}}"), ("{{", "}}")];

impl Expander<'_> {
    fn wikilink(&mut self, rest: &str, embed: bool) -> Option<usize> {
        let (html, len) = obsidian::wikilink(rest, embed)?;
        self.out.push_str(&html);
        Some(len)
    }

    fn run(&mut self, source: &str) {
        let mut rest = source;
        let mut at_line_start = true;
        while !rest.is_empty() {
            // Where `rest` starts in `source`: the searches remember positions in it.
            let at = source.len() - rest.len();
            if at_line_start {
                if let Some(len) = fenced_code_len(rest) {
                    self.out.push_str(&rest[..len]);
                    rest = &rest[len..];
                    continue;
                }
                if let Some((markdown, len)) = obsidian::callout(rest) {
                    self.out.push_str(&markdown);
                    rest = &rest[len..];
                    at_line_start = false;
                    continue;
                }
            }
            // Copy plain text up to the next character that may start something, in one go.
            // They are ASCII, so a byte search finds them (a char search decodes every char).
            // One pass, stopping at the first: a search for each kind apart could read a long
            // line again for every `[` in it.
            let plain = rest
                .bytes()
                .position(|b| matches!(b, b'`' | b'{' | b'!' | b'[' | b'\n'))
                .unwrap_or(rest.len());
            if plain > 0 {
                self.out.push_str(&rest[..plain]);
                rest = &rest[plain..];
                at_line_start = false;
                continue;
            }
            let Some(c) = rest.chars().next() else { break };
            let consumed = match c {
                '`' => Some(self.code_spans.span_len(source, at)),
                '{' => self.tag(source, at),
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

    /// Handles `{% … %}`, `{{< … >}}`, `{{% … %}}` and `{{ … }}` at byte `at` of `source`;
    /// returns the bytes consumed, or `None` when this is not a tag.
    fn tag(&mut self, source: &str, at: usize) -> Option<usize> {
        let rest = source.get(at..)?;
        let kind = CLOSERS
            .iter()
            .position(|(open, _)| rest.starts_with(open))?;
        let (open, close) = CLOSERS[kind];
        // The first closer after the opener, which must end within MAX_TAG_LEN bytes.
        let end = self.closers[kind].find(source, close, at + open.len())? - at;
        if end + close.len() > floor_boundary(rest, MAX_TAG_LEN) {
            return None;
        }
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
        if let Some(consumed) = self.raw_block(rest, at, len, (open, close), name, args) {
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
        match plugins::inline(name, args, self.asset_dir) {
            Inline::Html(html) => self.out.push_str(&html),
            Inline::NeedsArguments => self.without_arguments.push(rest[..len].to_owned()),
            Inline::Unknown if CONTAINERS.contains(&name) => {
                let (open, close) = plugins::container(name, args);
                self.out.push_str(&open);
                self.open.push(close);
            }
            Inline::Unknown => self.removed.push(rest[..len].to_owned()),
        }
        Some(len)
    }

    /// Tags whose content is code or raw text: everything up to the end tag is taken verbatim.
    /// `rest` starts with the tag, at byte `at` of the source.
    fn raw_block(
        &mut self,
        rest: &str,
        at: usize,
        tag_len: usize,
        (open, close): (&str, &str),
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
        let key = format!("{open}{end_tag}");
        let body_at = at + tag_len;
        let known_missing = |(missing, from): &(String, usize)| *missing == key && *from <= body_at;
        if self.missing_end_tags.iter().any(known_missing) {
            return None;
        }
        let Some((content, after)) = find_end_tag(body, open, close, &end_tag) else {
            self.missing_end_tags.push((key, body_at));
            return None;
        };
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

    #[test]
    fn tags_without_arguments_are_removed_and_reported() {
        let out = expand(
            "a {% link %} b {% asset_link %} c {{< link >}} d {% youtube \"\" %} e",
            "post/",
        );
        assert_eq!(out.source, "a  b  c  d  e");
        assert_eq!(
            out.without_arguments,
            vec![
                "{% link %}",
                "{% asset_link %}",
                "{{< link >}}",
                "{% youtube \"\" %}"
            ]
        );
        assert!(out.removed.is_empty());
    }

    #[test]
    fn a_missing_end_tag_is_looked_for_once() {
        // The second `codeblock` is not searched for again, and other end tags still are.
        let out = run("{% codeblock %}a {% codeblock %}b {% raw %}{% c %}{% endraw %} d");
        assert_eq!(out, "a b {% c %} d");
        let out = run("{% raw %}x {{< highlight >}}y{{< /highlight >}} {% endraw %}");
        assert_eq!(out, "x {{< highlight >}}y{{< /highlight >}} ");
        let out =
            run("{{< highlight go >}}a{{% /highlight %}} {{< highlight go >}}b{{< /highlight >}}");
        assert!(
            out.contains("```go\na{{% /highlight %}} {{< highlight go >}}b\n```"),
            "{out}"
        );
    }

    #[test]
    fn closers_are_found_past_earlier_openers() {
        // One search for `%}` serves every `{%` before it.
        let out = expand("{% {% {% include x %} {{ {{ y }} z", "");
        assert_eq!(out.source, "  z");
        assert_eq!(out.removed, vec!["{% {% {% include x %}", "{{ {{ y }}"]);
        // A closer further than MAX_TAG_LEN bytes away closes nothing, a nearer one does.
        let far = format!("{{% include {} %}}", "x".repeat(MAX_TAG_LEN));
        assert_eq!(run(&far), far);
        let padding = "x".repeat(MAX_TAG_LEN);
        let out = expand(&format!("{{% {padding} {{% include y %}} z"), "");
        assert_eq!(out.source, format!("{{% {padding}  z"));
        assert_eq!(out.removed, vec!["{% include y %}"]);
    }

    #[test]
    fn wiki_links_hold_no_bracket_or_line_break() {
        assert_eq!(run("[[a[b]]"), "[[a[b]]");
        assert_eq!(run("[[a\nb]]"), "[[a\nb]]");
        assert_eq!(
            run("[[[x]]"),
            "[<a class=\"article-link\" href=\"#/find/x\">x</a>"
        );
    }

    #[test]
    fn links_with_arguments_in_any_order() {
        assert_eq!(
            run("{% link https://hexo.io Hexo %}"),
            "<a href=\"https://hexo.io\">https://hexo.io</a>"
        );
        assert_eq!(
            run("{% link Hexo site hexo.io %}"),
            "<a href=\"hexo.io\">Hexo site</a>"
        );
        assert_eq!(
            run("{% asset_link a.pdf %}"),
            "<a href=\"post/a.pdf\">a.pdf</a>"
        );
    }
}
