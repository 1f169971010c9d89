//! Which HTML elements are blocks: they start an HTML block in CommonMark (type 6) and
//! separate words when HTML is turned into plain text.

/// Block-level elements, sorted.
pub const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "center",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "iframe",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "style",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "video",
];

/// Whether `name` (lower case) is a block-level element.
pub fn is_block(name: &str) -> bool {
    BLOCK_ELEMENTS.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_for_binary_search() {
        assert!(BLOCK_ELEMENTS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(is_block("div") && is_block("h6") && !is_block("span"));
    }
}
