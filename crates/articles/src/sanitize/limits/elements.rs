//! What the scan of [`super`] needs to know of HTML elements, by name: which are void, close
//! implicitly, are special, bound a scope, make the tree builder walk its stack, break out of
//! SVG and MathML, or are formatting elements.
//!
//! The names are matched as bytes: so matched, they compile to a switch on the length, then on
//! each byte; matched as strings, each was compared in turn, some eighty for one list, several
//! lists for each tag of each article.

/// What the scan needs to know of one (lower-case) element name, read once per tag.
#[derive(Clone, Copy)]
pub(super) struct Class {
    pub void: bool,
    pub closes_implicitly: bool,
    /// Its index in [`FORMATTING`], for a formatting element.
    pub formatting: Option<usize>,
    pub heading: bool,
    /// An HTML element that closes the SVG or MathML elements open around it.
    pub breakout: bool,
    /// Special in HTML: an end tag such as `</span>` does not close past it.
    pub special: bool,
    /// In HTML, it bounds the scope an end tag such as `</div>` looks in.
    pub scope_boundary: bool,
    pub walks_on_start: bool,
}

impl Class {
    pub fn of(name: &str) -> Class {
        Class {
            void: is_void(name),
            closes_implicitly: closes_implicitly(name),
            formatting: formatting_index(name),
            heading: is_heading(name),
            breakout: is_breakout(name),
            special: is_special_html(name),
            scope_boundary: is_scope_boundary_html(name),
            walks_on_start: walks_on_start(name),
        }
    }
}

/// Elements that never hold anything: no end tag, nothing to close.
fn is_void(name: &str) -> bool {
    matches!(
        name.as_bytes(),
        b"area"
            | b"base"
            | b"basefont"
            | b"bgsound"
            | b"br"
            | b"col"
            | b"embed"
            | b"frame"
            | b"hr"
            | b"image"
            | b"img"
            | b"input"
            | b"keygen"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// Elements whose end tags are optional and that close implicitly (the next `<p>` closes a
/// `<p>`, the next `<td>` a `<td>`), or that the tree builder ignores in a body: not counted.
fn closes_implicitly(name: &str) -> bool {
    matches!(
        name.as_bytes(),
        b"p" | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"rp"
            | b"rt"
            | b"thead"
            | b"tbody"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// The formatting elements, which the tree builder reopens after a block closes them.
pub(super) const FORMATTING: [&str; 14] = [
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

fn formatting_index(name: &str) -> Option<usize> {
    FORMATTING.iter().position(|f| *f == name)
}

fn is_heading(name: &str) -> bool {
    matches!(
        name.as_bytes(),
        b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6"
    )
}

/// HTML start tags that, inside SVG or MathML, close the foreign elements.
fn is_breakout(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name.as_bytes(),
            b"b" | b"big"
                | b"blockquote"
                | b"body"
                | b"br"
                | b"center"
                | b"code"
                | b"dd"
                | b"div"
                | b"dl"
                | b"dt"
                | b"em"
                | b"embed"
                | b"head"
                | b"hr"
                | b"i"
                | b"img"
                | b"li"
                | b"listing"
                | b"menu"
                | b"meta"
                | b"nobr"
                | b"ol"
                | b"p"
                | b"pre"
                | b"ruby"
                | b"s"
                | b"small"
                | b"span"
                | b"strong"
                | b"strike"
                | b"sub"
                | b"sup"
                | b"table"
                | b"tt"
                | b"u"
                | b"ul"
                | b"var"
        )
}

/// HTML's special elements: an end tag such as `</span>` does not close past one.
fn is_special_html(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name.as_bytes(),
            b"address"
                | b"applet"
                | b"area"
                | b"article"
                | b"aside"
                | b"base"
                | b"basefont"
                | b"bgsound"
                | b"blockquote"
                | b"body"
                | b"br"
                | b"button"
                | b"caption"
                | b"center"
                | b"col"
                | b"colgroup"
                | b"dd"
                | b"details"
                | b"dialog"
                | b"dir"
                | b"div"
                | b"dl"
                | b"dt"
                | b"embed"
                | b"fieldset"
                | b"figcaption"
                | b"figure"
                | b"footer"
                | b"form"
                | b"frame"
                | b"frameset"
                | b"head"
                | b"header"
                | b"hgroup"
                | b"hr"
                | b"html"
                | b"iframe"
                | b"img"
                | b"input"
                | b"keygen"
                | b"li"
                | b"link"
                | b"listing"
                | b"main"
                | b"marquee"
                | b"menu"
                | b"meta"
                | b"nav"
                | b"noembed"
                | b"noframes"
                | b"noscript"
                | b"object"
                | b"ol"
                | b"p"
                | b"param"
                | b"plaintext"
                | b"pre"
                | b"script"
                | b"search"
                | b"section"
                | b"select"
                | b"source"
                | b"style"
                | b"summary"
                | b"table"
                | b"tbody"
                | b"td"
                | b"template"
                | b"textarea"
                | b"tfoot"
                | b"th"
                | b"thead"
                | b"title"
                | b"tr"
                | b"track"
                | b"ul"
                | b"wbr"
                | b"xmp"
        )
}

/// HTML elements that bound the scope an end tag such as `</div>` looks in (in SVG and
/// MathML, the integration points do).
fn is_scope_boundary_html(name: &str) -> bool {
    matches!(
        name.as_bytes(),
        b"applet"
            | b"caption"
            | b"html"
            | b"table"
            | b"td"
            | b"th"
            | b"marquee"
            | b"object"
            | b"select"
            | b"template"
    )
}

/// Start tags for which the tree builder walks the whole stack: those that close an open `<p>`
/// (blocks), look for an element in scope (a `<select>`, a `<button>`, a `<ruby>`…) or close
/// list items.
fn walks_on_start(name: &str) -> bool {
    is_heading(name)
        || matches!(
            name.as_bytes(),
            b"address"
                | b"article"
                | b"aside"
                | b"blockquote"
                | b"button"
                | b"center"
                | b"dd"
                | b"details"
                | b"dialog"
                | b"dir"
                | b"div"
                | b"dl"
                | b"dt"
                | b"fieldset"
                | b"figcaption"
                | b"figure"
                | b"footer"
                | b"form"
                | b"header"
                | b"hgroup"
                | b"hr"
                | b"input"
                | b"li"
                | b"listing"
                | b"main"
                | b"menu"
                | b"nav"
                | b"nobr"
                | b"ol"
                | b"optgroup"
                | b"option"
                | b"p"
                | b"plaintext"
                | b"pre"
                | b"rb"
                | b"rp"
                | b"rt"
                | b"rtc"
                | b"search"
                | b"section"
                | b"select"
                | b"summary"
                | b"table"
                | b"ul"
                | b"xmp"
        )
}
