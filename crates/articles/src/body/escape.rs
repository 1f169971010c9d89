//! Escaping text placed into HTML that the engine writes itself (tag plugin output).

/// Escapes text content: `&`, `<`, `>`.
pub fn text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Escapes a double-quoted attribute value.
pub fn attr(value: &str) -> String {
    text(value).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::attr("<a \"b\" & c>"),
            "&lt;a &quot;b&quot; &amp; c&gt;"
        );
    }
}
