//! Which HTML elements are blocks: they start an HTML block in CommonMark (type 6) and
//! separate words when HTML is turned into plain text.

/// Whether `name` (lower case) is a block-level element. It runs for every tag of every
/// article; matched as bytes, the names compile to a switch on the length, then on each byte,
/// where matched as strings they were compared one after another.
pub fn is_block(name: &str) -> bool {
    matches!(
        name.as_bytes(),
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"center"
            | b"dd"
            | b"details"
            | b"dialog"
            | b"div"
            | b"dl"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hr"
            | b"html"
            | b"iframe"
            | b"li"
            | b"main"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"section"
            | b"style"
            | b"table"
            | b"td"
            | b"th"
            | b"tr"
            | b"ul"
            | b"video"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_inline_elements() {
        assert!(is_block("div") && is_block("h6") && is_block("video"));
        assert!(!is_block("span") && !is_block("a") && !is_block("Div"));
    }
}
