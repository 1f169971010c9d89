//! How much nesting the sanitizer's HTML parser is given, checked by a linear scan before it
//! runs.
//!
//! html5ever's tree builder walks its stack of open elements for many tokens: a `<div>` looks
//! for an open `<p>` to close, an end tag for the element it closes, text for the formatting
//! elements (`<b>`, `<a>`…) to reopen. Its time grows with the depth of the stack times the
//! number of tokens, and it has no depth option: 32 000 unclosed `<div>`s (160 kB) took 5.4 s,
//! 65 000 took 33 s. Bounding the depth alone is not enough: 2 000 open `<span>`s followed by
//! 250 000 stray `</x>` (1 MB) took 20 s.
//!
//! So before it runs, [`cut_point`] reads the HTML once, tracking what the tree builder holds
//! open (see `Scan`), and says where to stop: before the element that would nest deeper than
//! [`MAX_HTML_DEPTH`], or before the token that would take the tree builder's walks past
//! [`WORK_PER_BYTE`] steps per byte of HTML. What comes before is sanitized and shown; every
//! 1 MB pattern tried now takes under half a second natively, as much as ordinary HTML.

mod elements;
mod tokens;

use std::fmt;

use elements::Class;
pub(crate) use tokens::comment_end;
use tokens::{find, raw_text_end, read_tag, script_end, RawText, Tag};

/// The deepest nesting of HTML elements parsed; deeper markup is cut off, with a diagnostic.
///
/// No real article comes near it: Markdown nests a level or two per list or quote, scraped
/// pages a few dozen, and Chrome's own parser stops nesting at 512. The tree builder's cost
/// grows with its square: natively, 500 unclosed `<div>`s take 3 ms, 1 000 take 10 ms, 2 000
/// take 40 ms (which made the fuzzer's inputs take about 100 ms each), 32 000 took 5.4 s.
pub const MAX_HTML_DEPTH: usize = 1_000;

/// The most steps of the tree builder's walks allowed per byte of HTML, as `Scan` estimates
/// them. A step costs at most about 25 ns natively (measured on the worst patterns found: stray
/// end tags, `<li>`, `<option>`, `<div>` under 2 000 open elements, text under an open `<b>`),
/// so no input costs more than about 0.4 µs a byte, about what ordinary HTML dense with tags
/// costs. Real HTML takes far less: the bundled articles at most 0.2 steps a byte, the
/// DOMPurify payloads 1, a page nested 200 deep about 6.
pub const WORK_PER_BYTE: usize = 16;

/// Steps any document may take whatever its length: one nesting down to [`MAX_HTML_DEPTH`] and
/// back, so that a short deep document is cut for its depth.
const BASE_WORK: usize = MAX_HTML_DEPTH * MAX_HTML_DEPTH;

/// Steps of a walk by node identity (is this formatting element still open?) that cost about
/// as much as one step of a walk by name.
const IDENTITY_STEPS: usize = 8;

/// Comparing a formatting element with an earlier one of the same name, attributes and all
/// (the tree builder keeps at most three alike), costs about eight steps.
const COMPARE_STEPS: usize = 8;

/// Bytes html5ever's serializer may scan again while it writes text out, per byte of HTML, and
/// for any document. For each character it escapes (`&`, and the lead byte `0xC2` of U+0080 to
/// U+00BF such as the no-break space) html5ever 0.40 looks for the next `<`, `>` or `"` through
/// the rest of its text node before it looks for the next `&`, so a text node dense with them
/// is quadratic: 65 kB of `&` took 0.5 s natively, 130 kB 1.8 s (found by the fuzzer). memchr
/// scans some 4 GB a second, so the base is about 35 ms; real articles stay far below (a 5 kB
/// paragraph with 100 `&` rescans 0.5 MB).
const RESCAN_PER_BYTE: usize = 64;
const BASE_RESCAN: usize = 1 << 27;

/// Where the HTML is cut, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// Byte offset of the token that would have passed a limit; a char boundary (it is a `<`,
    /// or the start of a piece of text).
    pub at: usize,
    pub reason: Reason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Elements nested deeper than [`MAX_HTML_DEPTH`].
    Depth,
    /// Tokens deep in the stack, more than [`WORK_PER_BYTE`] allows.
    Work,
    /// Text so dense with characters to escape that writing it out would take too long.
    Escapes,
    /// Markup whose reading depends on whether HTML is open inside SVG or MathML, which the
    /// scan cannot tell there (CDATA after HTML inside `<foreignObject>`…); no article has it.
    Unclear,
}

impl fmt::Display for Cut {
    /// The diagnostic a reader sees.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.reason {
            Reason::Depth => {
                format!("the article nests HTML elements deeper than {MAX_HTML_DEPTH} levels")
            }
            Reason::Work => {
                "the article keeps so many HTML elements open that it would take too long to read"
                    .to_owned()
            }
            Reason::Escapes => {
                "the article's text has so many characters to escape in one stretch that it would take too long to show"
                    .to_owned()
            }
            Reason::Unclear => {
                "the article's HTML mixes SVG or MathML with HTML in a way Lectern cannot read safely"
                    .to_owned()
            }
        };
        write!(
            f,
            "{why}; what follows byte {} of its HTML is not shown",
            self.at
        )
    }
}

/// Where `html` must be cut for the sanitizer's parser to stay fast, or `None` when it may be
/// parsed whole.
pub fn cut_point(html: &str) -> Option<Cut> {
    let budget = html
        .len()
        .saturating_mul(WORK_PER_BYTE)
        .saturating_add(BASE_WORK);
    Scan::new(html, budget).run().err()
}

/// An element the scan holds open.
struct Open {
    /// Lower case, as the tree builder compares names.
    name: Box<str>,
    kind: Kind,
    /// Whether it is special: an end tag such as `</span>` does not close past it.
    special: bool,
    /// Whether it bounds the scope an end tag such as `</div>` looks in.
    boundary: bool,
    /// Whether it is named `h1` to `h6`.
    heading: bool,
    /// For an integration point: whether an HTML element the scan does not hold (a `<p>`, a
    /// `<b>`…) was opened in it, so that the tree builder's current node may be HTML.
    html_inside: bool,
}

/// What an open element is, for the parsing rules that depend on it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Html,
    /// An SVG or MathML element; its children are in its namespace.
    Svg,
    MathMl,
    /// Where HTML parsing resumes inside SVG or MathML: `foreignObject`, `desc`, `title`, and
    /// `annotation-xml` whose encoding is HTML.
    HtmlIntegration(Namespace),
    /// MathML's `mi`, `mo`, `mn`, `ms`, `mtext`: HTML inside, except `mglyph` and `malignmark`.
    TextIntegration,
    /// MathML `annotation-xml` of another encoding: foreign, but `<svg>` in it starts SVG.
    Annotation,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Namespace {
    Svg,
    MathMl,
}

impl Kind {
    fn is_html(self) -> bool {
        self == Kind::Html
    }

    fn is_integration_point(self) -> bool {
        matches!(self, Kind::HtmlIntegration(_) | Kind::TextIntegration)
    }

    /// The namespace of foreign children.
    fn namespace(self) -> Namespace {
        match self {
            Kind::Svg | Kind::HtmlIntegration(Namespace::Svg) => Namespace::Svg,
            _ => Namespace::MathMl,
        }
    }
}

/// The state of [`cut_point`]'s scan.
///
/// It follows html5ever's tokenizer exactly where that decides what is markup (tags and their
/// attributes, comments, raw text such as `<script>` and `<style>` content, CDATA in SVG and
/// MathML) and its tree builder closely where that decides what stays open, erring towards
/// counting more:
///
/// - elements whose end tags are optional and that close implicitly (`p`, `td`, `tr`…) are not
///   counted (list items are, closed as the tree builder closes them), nor void elements (`br`,
///   `img`…); every other start tag opens an element, even written `<div/>` (HTML ignores the
///   slash), except in SVG and MathML, where a slash closes it;
/// - an end tag closes the innermost open element of its name and those inside it, only where
///   the tree builder would (not past a table for `</div>`, not past a `<div>` for `</span>`);
///   `</form>` closes only the form;
/// - formatting elements (`b`, `i`, `a`…) are counted apart from the stack, because the tree
///   builder reopens them after a block closes them (`<b><p>x</p>y` is bold twice): each start
///   tag adds one, each end tag of that name takes one away;
/// - in SVG and MathML, an HTML element such as `<div>` closes the foreign elements first;
///   html5ever reads a `<select>`'s content as HTML, as browsers now do.
///
/// What the scan holds open is thus never much less than what the tree builder does, and its
/// estimate of each token's walk (see [`Scan::start_steps`], [`Scan::end_tag`]) bounds the
/// tree builder's.
struct Scan<'a> {
    html: &'a [u8],
    /// Open elements, innermost last (formatting elements aside).
    open: Vec<Open>,
    /// Open formatting elements, oldest first: which (an index in
    /// [`elements::FORMATTING`]), and how many elements `open` held when it opened.
    formatting: Vec<(usize, usize)>,
    /// The steps of the tree builder's walks so far, as estimated.
    work: usize,
    /// The most `work` may reach.
    budget: usize,
    /// Bytes the serializer will scan again for the text so far (see [`RESCAN_PER_BYTE`]).
    rescan: usize,
}

impl<'a> Scan<'a> {
    fn new(html: &'a str, budget: usize) -> Self {
        Scan {
            html: html.as_bytes(),
            open: Vec::new(),
            formatting: Vec::new(),
            work: 0,
            budget,
            rescan: 0,
        }
    }

    /// Reads the HTML to its end (`Ok`) or to the token that passes a limit (`Err`).
    ///
    /// It always ends: each step moves `at` forward by at least one byte (the `<` of a tag or a
    /// comment, or a whole piece of text).
    fn run(&mut self) -> Result<(), Cut> {
        let mut at = 0;
        while at < self.html.len() {
            let Some(lt) = memchr::memchr(b'<', &self.html[at..]) else {
                return self.text(at, self.html.len());
            };
            if lt > 0 {
                self.text(at, at + lt)?;
            }
            match self.markup(at + lt)? {
                Some(next) => at = next.max(at + lt + 1),
                None => return Ok(()),
            }
        }
        Ok(())
    }

    fn depth(&self) -> usize {
        self.open.len() + self.formatting.len()
    }

    /// A walk by node identity through the whole stack: the tree builder's check, for text and
    /// most start tags, of whether the last formatting element is still open.
    fn identity_walk(&self) -> usize {
        self.depth() / IDENTITY_STEPS + 1
    }

    /// Counts `steps` of the tree builder's walks for the token at `at`.
    fn spend(&mut self, at: usize, steps: usize) -> Result<(), Cut> {
        self.work = self.work.saturating_add(steps);
        if self.work > self.budget {
            return Err(Cut {
                at,
                reason: Reason::Work,
            });
        }
        Ok(())
    }

    /// Text from `start` to `end`: the tokenizer hands it over in pieces, a new one at each line
    /// break, NUL and character reference, and the tree builder checks the formatting elements
    /// for each (a character reference costs about four times as much, measured).
    fn text(&mut self, start: usize, end: usize) -> Result<(), Cut> {
        let (mut breaks, mut references, mut latin1) = (1usize, 0usize, 0usize);
        for byte in &self.html[start..end] {
            match byte {
                b'\n' | b'\r' | b'\0' => breaks += 1,
                b'&' => references += 1,
                0xC2 => latin1 += 1,
                _ => {}
            }
        }
        // Each may come out as a character the serializer escapes, and each escape rescans
        // (at most) the rest of the text.
        let rescan = (references + latin1).saturating_mul(end - start);
        self.rescan = self.rescan.saturating_add(rescan);
        let allowed = self
            .html
            .len()
            .saturating_mul(RESCAN_PER_BYTE)
            .saturating_add(BASE_RESCAN);
        if self.rescan > allowed {
            return Err(Cut {
                at: start,
                reason: Reason::Escapes,
            });
        }
        let pieces = breaks + 4 * references;
        self.spend(start, pieces.saturating_mul(self.identity_walk()))
    }

    /// Reads the markup at `at` (a `<`); returns where to go on, `None` at the end of the input.
    fn markup(&mut self, at: usize) -> Result<Option<usize>, Cut> {
        let html = self.html;
        let after = &html[at + 1..];
        if after.starts_with(b"!--") {
            return Ok(comment_end(html, at + 4));
        }
        if after.starts_with(b"![CDATA[") && !self.current_is_html() {
            // CDATA in SVG or MathML, a bogus comment (to the first `>`) in HTML.
            if self.unsure() {
                return Err(Cut {
                    at,
                    reason: Reason::Unclear,
                });
            }
            return Ok(find(html, at + 9, b"]]>").map(|end| end + 3));
        }
        match after.first() {
            // `<!DOCTYPE …>`, `<?…>`, `</…` not followed by a letter: bogus comments.
            Some(b'!' | b'?') => Ok(find(html, at + 2, b">").map(|end| end + 1)),
            Some(b'/') => match after.get(1) {
                Some(b) if b.is_ascii_alphabetic() => self.tag(at),
                Some(b'>') => Ok(Some(at + 3)),
                Some(_) => Ok(find(html, at + 2, b">").map(|end| end + 1)),
                None => Ok(None),
            },
            Some(b) if b.is_ascii_alphabetic() => self.tag(at),
            // A `<` that starts nothing is text.
            _ => Ok(Some(at + 1)),
        }
    }

    /// Reads a start or end tag at `at`; returns where to go on.
    fn tag(&mut self, at: usize) -> Result<Option<usize>, Cut> {
        let Some(tag) = read_tag(self.html, at) else {
            // A tag cut off by the end of the input is dropped, like the rest.
            return Ok(None);
        };
        let class = Class::of(&tag.name);
        if tag.end {
            let steps = self.end_tag(&tag.name, class);
            self.spend(at, steps)?;
            return Ok(Some(tag.next));
        }
        let steps = self.start_steps(&tag, class);
        let raw_text = self.start_tag(&tag, class, at)?;
        if self.depth() > MAX_HTML_DEPTH {
            return Err(Cut {
                at,
                reason: Reason::Depth,
            });
        }
        self.spend(at, steps)?;
        Ok(match raw_text {
            Some(RawText::Plain) => None,
            Some(RawText::Script) => script_end(self.html, tag.next),
            Some(RawText::Until) => raw_text_end(self.html, tag.next, tag.name.as_bytes()),
            None => Some(tag.next),
        })
    }

    /// Whether the innermost element the scan holds open is HTML (or none is open).
    fn current_is_html(&self) -> bool {
        self.open.last().is_none_or(|open| open.kind.is_html())
    }

    /// Whether the innermost element the scan holds is an integration point in which the tree
    /// builder may hold HTML elements the scan does not, formatting elements to reopen among
    /// them: its current node may then be HTML, or the integration point.
    fn unsure(&self) -> bool {
        self.open.last().is_some_and(|open| {
            open.kind.is_integration_point() && (open.html_inside || !self.formatting.is_empty())
        })
    }

    /// Whether the tree builder reads a start tag named `name` by HTML's rules.
    fn html_rules_for_start(&self, name: &str) -> bool {
        match self.open.last().map(|open| open.kind) {
            None | Some(Kind::Html | Kind::HtmlIntegration(_)) => true,
            Some(Kind::TextIntegration) => !matches!(name.as_bytes(), b"mglyph" | b"malignmark"),
            Some(Kind::Annotation) => name == "svg",
            Some(Kind::Svg | Kind::MathMl) => false,
        }
    }

    /// The steps the tree builder's walks take for a start tag, before it opens anything.
    fn start_steps(&self, tag: &Tag, class: Class) -> usize {
        let name = &*tag.name;
        if !self.html_rules_for_start(name) {
            // A foreign element is inserted without a walk; what a breakout pops was pushed.
            return 1;
        }
        match class.formatting {
            // The tree builder compares it with the open ones of its name, and a new `<a>`
            // closes the open one.
            Some(index) => {
                let alike = self.formatting.iter().filter(|(i, _)| *i == index).count();
                let closes = if name == "a" && alike > 0 {
                    self.depth()
                } else {
                    0
                };
                self.identity_walk() + self.formatting.len() + COMPARE_STEPS * alike + closes
            }
            None if class.walks_on_start => self.depth(),
            None => self.identity_walk(),
        }
    }

    /// Opens what a start tag at `at` opens; returns the kind of raw text that follows, if any.
    fn start_tag(&mut self, tag: &Tag, class: Class, at: usize) -> Result<Option<RawText>, Cut> {
        let name = &*tag.name;
        if matches!(name.as_bytes(), b"mglyph" | b"malignmark") && self.unsure() {
            return Err(Cut {
                at,
                reason: Reason::Unclear,
            });
        }
        if !self.html_rules_for_start(name) {
            let breaks_out = class.breakout || (name == "font" && tag.font_attribute);
            if !breaks_out {
                if !tag.self_closing {
                    let namespace = self
                        .open
                        .last()
                        .map_or(Namespace::Svg, |open| open.kind.namespace());
                    let kind = foreign_kind(namespace, name, tag.html_encoding);
                    self.push(name, kind, class);
                }
                return Ok(None);
            }
            // HTML in SVG or MathML closes the foreign elements, then opens as HTML.
            while !self.html_rules_for_start(name) {
                self.open.pop();
            }
        }
        // Names matched as bytes: a switch on length and bytes, not one comparison after another.
        let raw_text = match name.as_bytes() {
            b"select" if self.select_in_scope() => {
                self.close_select();
                None
            }
            b"input" => {
                self.close_select();
                None
            }
            b"li" | b"dd" | b"dt" => {
                self.close_list_item(name);
                self.push(name, Kind::Html, class);
                None
            }
            b"svg" | b"math" if tag.self_closing => None,
            b"svg" => {
                self.push(name, Kind::Svg, class);
                None
            }
            b"math" => {
                self.push(name, Kind::MathMl, class);
                None
            }
            b"plaintext" => Some(RawText::Plain),
            b"script" => Some(RawText::Script),
            b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed" | b"noframes"
            | b"noscript" => Some(RawText::Until),
            _ if class.void => None,
            _ if class.closes_implicitly => {
                self.mark_html_inside();
                None
            }
            _ => {
                match class.formatting {
                    Some(index) => {
                        // A new `<a>` or `<nobr>` closes the open one.
                        if matches!(name, "a" | "nobr") {
                            self.formatting.retain(|(i, _)| *i != index);
                        }
                        self.formatting.push((index, self.open.len()));
                        self.mark_html_inside();
                    }
                    None => self.push(name, Kind::Html, class),
                }
                None
            }
        };
        Ok(raw_text)
    }

    /// Notes that the innermost open element now holds an HTML element the scan does not hold.
    fn mark_html_inside(&mut self) {
        if let Some(open) = self.open.last_mut() {
            open.html_inside = true;
        }
    }

    fn push(&mut self, name: &str, kind: Kind, class: Class) {
        let (special, boundary) = match kind {
            Kind::Html => (class.special, class.scope_boundary),
            Kind::Svg | Kind::MathMl => (false, false),
            _ => (true, true),
        };
        self.open.push(Open {
            name: name.into(),
            kind,
            special,
            boundary,
            heading: class.heading,
            html_inside: false,
        });
    }

    /// Whether a `<select>` is open in scope: html5ever reads a select's content as HTML, as
    /// browsers now do, but a new `<select>` or an `<input>` closes it.
    fn select_in_scope(&self) -> bool {
        for open in self.open.iter().rev() {
            if open.kind.is_html() && &*open.name == "select" {
                return true;
            }
            if open.boundary {
                return false;
            }
        }
        false
    }

    /// Closes the `<select>` in scope, if any, and what it holds.
    fn close_select(&mut self) {
        for (index, open) in self.open.iter().enumerate().rev() {
            if open.kind.is_html() && &*open.name == "select" {
                self.open.truncate(index);
                return;
            }
            if open.boundary {
                return;
            }
        }
    }

    /// Before a list item opens, closes the open one (`<li>` an `<li>`, `<dd>` or `<dt>` a
    /// `<dd>` or `<dt>`) and what it holds, unless a special element other than `<address>`,
    /// `<div>` or `<p>` comes first.
    fn close_list_item(&mut self, name: &str) {
        let same = |other: &str| match name {
            "li" => other == "li",
            _ => matches!(other, "dd" | "dt"),
        };
        for (index, open) in self.open.iter().enumerate().rev() {
            if open.kind.is_html() && same(&open.name) {
                self.open.truncate(index);
                return;
            }
            if open.special && !matches!(open.name.as_bytes(), b"address" | b"div" | b"p") {
                return;
            }
        }
    }

    /// Closes what an end tag closes; returns the steps the tree builder's walks take for it.
    fn end_tag(&mut self, name: &str, class: Class) -> usize {
        let mut steps = 1;
        let foreign = self
            .open
            .last()
            .is_some_and(|open| !open.kind.is_html() && !self.unsure());
        if foreign {
            // In SVG or MathML: the innermost foreign element of that name, if no HTML element
            // comes first; `</p>` and `</br>` close the foreign elements like HTML start tags.
            if matches!(name, "p" | "br") {
                while !self.html_rules_for_start(name) {
                    self.open.pop();
                }
                return steps;
            }
            for (index, open) in self.open.iter().enumerate().rev() {
                if open.kind.is_html() {
                    break;
                }
                steps += 1;
                if &*open.name == name {
                    self.open.truncate(index);
                    return steps;
                }
            }
        }
        if class.void || class.closes_implicitly {
            // `</p>`, `</li>`, `</td>`… look through their scope, and what they close is not
            // counted.
            return steps + self.depth();
        }
        if let Some(index) = class.formatting {
            return steps + self.close_formatting(index);
        }
        let heading = class.heading;
        let special = class.special;
        // `</li>` looks no further than a list either.
        let list = name == "li";
        // The tree builder also walks past formatting elements and the elements not counted,
        // about as many as the ones counted.
        steps += self.formatting.len();
        for (index, open) in self.open.iter().enumerate().rev() {
            steps += 2;
            let named = open.kind.is_html() && (&*open.name == name || (heading && open.heading));
            if named {
                if name == "form" {
                    self.open.remove(index);
                } else {
                    self.open.truncate(index);
                }
                return steps;
            }
            // `</div>` looks no further than a scope boundary (a table…), `</span>` no further
            // than any special element (a `<div>`…).
            let list_boundary = list && matches!(open.name.as_bytes(), b"ol" | b"ul");
            if (special && (open.boundary || list_boundary)) || (!special && open.special) {
                return steps;
            }
        }
        steps
    }

    /// Closes the innermost formatting element `index` (an index in
    /// [`elements::FORMATTING`]); returns the steps of the tree builder's adoption agency
    /// algorithm: few when that element is the innermost, with nothing special opened since,
    /// else as many as the stack is deep.
    fn close_formatting(&mut self, index: usize) -> usize {
        let innermost = match self.formatting.last() {
            Some(&(last, opened)) if last == index && opened <= self.open.len() => {
                let since = &self.open[opened..];
                (!since.iter().any(|open| open.special)).then_some(2 * since.len() + 1)
            }
            _ => None,
        };
        let steps = innermost.unwrap_or_else(|| self.depth());
        if let Some(at) = self.formatting.iter().rposition(|(i, _)| *i == index) {
            self.formatting.remove(at);
        }
        steps
    }
}

/// The kind of a foreign element named `name` in `namespace`.
fn foreign_kind(namespace: Namespace, name: &str, html_encoding: bool) -> Kind {
    match (namespace, name) {
        (Namespace::Svg, "foreignobject" | "desc" | "title") => {
            Kind::HtmlIntegration(Namespace::Svg)
        }
        (Namespace::Svg, _) => Kind::Svg,
        (Namespace::MathMl, "mi" | "mo" | "mn" | "ms" | "mtext") => Kind::TextIntegration,
        (Namespace::MathMl, "annotation-xml") if html_encoding => {
            Kind::HtmlIntegration(Namespace::MathMl)
        }
        (Namespace::MathMl, "annotation-xml") => Kind::Annotation,
        (Namespace::MathMl, _) => Kind::MathMl,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How deep the scan finds `html` nested at its end.
    fn depth(html: &str) -> usize {
        let mut scan = Scan::new(html, usize::MAX);
        assert_eq!(scan.run(), Ok(()), "{html}");
        scan.depth()
    }

    #[test]
    fn unclosed_elements_nest() {
        assert_eq!(depth("<div><section><span>x"), 3);
        assert_eq!(depth("<div><span>x</span></div>after"), 0);
        // HTML ignores the slash of `<div/>`.
        assert_eq!(depth("<div/><span/>"), 2);
        assert_eq!(depth("<DIV><Span CLASS='a>b'>"), 2);
    }

    #[test]
    fn void_and_implicitly_closed_elements_do_not() {
        assert_eq!(
            depth("<br><img src=x><hr/><input><p>a<p>b<td>c<tr><option>"),
            0
        );
        assert_eq!(depth("<ul><li>a<li>b<li>c"), 2);
        assert_eq!(depth("<ul><li><div><li>"), 2);
        assert_eq!(depth("<dl><dt>a<dd>b<dt>c"), 2);
        assert_eq!(depth("<ul><li><ul><li>"), 4);
    }

    #[test]
    fn end_tags_close_only_what_the_tree_builder_closes() {
        // `</span>` stops at the `<div>`, `</div>` at the table.
        assert_eq!(depth("<span><div></span>"), 2);
        assert_eq!(depth("<div><table></div>"), 2);
        assert_eq!(depth("<div><span></div>"), 0);
        assert_eq!(depth("<div></x></y>"), 1);
        // `</form>` closes the form alone.
        assert_eq!(depth("<form><div></form>"), 1);
        assert_eq!(depth("<h1><span></h2>"), 0);
        assert_eq!(depth("<select><div><input>"), 0);
        assert_eq!(depth("<select><div><select>"), 0);
        assert_eq!(depth("<select><div>"), 2);
    }

    #[test]
    fn formatting_elements_count_until_closed() {
        assert_eq!(depth("<b><i></b></i>"), 0);
        assert_eq!(depth("<b><p>x</p>y"), 1);
        assert_eq!(depth("<b><div></div>"), 1);
        assert_eq!(depth("<a>1<a>2<a>3"), 1);
        assert_eq!(depth("<b><b><b>"), 3);
    }

    #[test]
    fn raw_text_comments_and_cdata_hold_no_markup() {
        assert_eq!(depth("<script><div></script>"), 0);
        assert_eq!(depth("<style><div></STYLE ><div>"), 1);
        assert_eq!(depth("<textarea><div></textarea x>"), 0);
        assert_eq!(depth("<title><div></title><div>"), 1);
        assert_eq!(depth("<noscript><div></noscript>"), 0);
        assert_eq!(depth("<plaintext></plaintext><div>"), 0);
        // In a script, an HTML comment with `<script>` in it hides the next `</script>`.
        assert_eq!(
            depth("<script><!--<script></script><div>--></script><div>"),
            1
        );
        assert_eq!(depth("<script><!-- --></script><div>"), 1);
        assert_eq!(depth("<!-- <div> --><!--><div><!----!><div>"), 2);
        assert_eq!(depth("<!-- <div> --!> <div>"), 1);
        assert_eq!(depth("<!DOCTYPE html><?php <div> ?></ x><div>"), 1);
        // CDATA only in SVG and MathML; in HTML, a comment to the first `>`.
        assert_eq!(depth("<svg><![CDATA[ > <div> ]]>"), 1);
        assert_eq!(depth("<![CDATA[ > <div> ]]>"), 1);
        // A tag cut off by the end of the input is dropped.
        assert_eq!(depth("<div><div class='x"), 1);
    }

    #[test]
    fn svg_and_mathml_are_read_as_the_tree_builder_reads_them() {
        assert_eq!(depth("<svg><g><g><path/><circle />"), 3);
        assert_eq!(depth("<svg><g><path/></g></svg>"), 0);
        // An HTML element closes the foreign ones.
        assert_eq!(depth("<svg><g><div>"), 1);
        assert_eq!(depth("<svg><g><font color=red>"), 1);
        assert_eq!(depth("<svg><g><font>"), 3);
        // Integration points hold HTML, where the slash means nothing and text is raw again.
        assert_eq!(depth("<svg><foreignObject><div/><style><p></style>"), 3);
        assert_eq!(depth("<math><mi><div/>"), 3);
        assert_eq!(depth("<math><annotation-xml><div>"), 1);
        assert_eq!(depth("<math><annotation-xml encoding='TEXT/HTML'><div>"), 3);
        assert_eq!(depth("<svg><style><div>"), 1);
        assert_eq!(depth("<svg><style><g>"), 3);
    }

    #[test]
    fn depth_past_the_limit_cuts_before_the_element() {
        let html = "<div>".repeat(MAX_HTML_DEPTH + 10);
        let cut = cut_point(&html);
        assert_eq!(
            cut,
            Some(Cut {
                at: MAX_HTML_DEPTH * 5,
                reason: Reason::Depth
            })
        );
        assert_eq!(cut_point(&"<div>".repeat(MAX_HTML_DEPTH)), None);
        assert_eq!(
            cut.map(|cut| cut.to_string()).unwrap_or_default(),
            "the article nests HTML elements deeper than 1000 levels; what follows byte 5000 of its HTML is not shown"
        );
    }

    #[test]
    fn walks_past_the_budget_cut_where_they_pass_it() {
        // All the spans the depth allows, then stray end tags that each walk all of them.
        let spans = "<span>".repeat(MAX_HTML_DEPTH);
        let html = format!("{spans}{}", "</x>".repeat(100_000));
        let cut = cut_point(&html).expect("a cut");
        assert_eq!(cut.reason, Reason::Work);
        assert!(
            cut.at > spans.len() && html[cut.at..].starts_with("</x>"),
            "{cut:?}"
        );
        // The same tags, closed as they go, are cheap.
        assert_eq!(cut_point(&"<span></span></x>".repeat(100_000)), None);
    }

    #[test]
    fn unclear_markup_is_cut() {
        let html = "<svg><foreignObject><p><![CDATA[ > <div> ]]>";
        assert_eq!(
            cut_point(html).map(|cut| (cut.at, cut.reason)),
            Some((23, Reason::Unclear))
        );
        assert_eq!(cut_point("<svg><foreignObject><![CDATA[x]]>"), None);
    }

    #[test]
    fn every_cut_is_a_char_boundary_and_every_prefix_is_read() {
        let html = "<p>中文<div a=\"é>\"><svg><g>文<!-- é -->&amp;<script>é</script></div>";
        for end in (0..=html.len()).filter(|at| html.is_char_boundary(*at)) {
            for budget in [0, 3, 10, usize::MAX] {
                let mut scan = Scan::new(&html[..end], budget);
                if let Err(cut) = scan.run() {
                    assert!(html.is_char_boundary(cut.at), "{end}: {cut:?}");
                }
            }
        }
    }
}
