//! Escaping text placed into HTML that the engine writes itself (tag plugin output, coloured
//! code).

/// Escapes text content: `&`, `<`, `>`.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_text(&mut out, value);
    out
}

/// Appends `value` to `out`, escaped as text content.
pub fn push_text(out: &mut String, value: &str) {
    let mut rest = value;
    // A byte search: `str::find` of characters decodes each one, slowly in WebAssembly.
    while let Some(at) = memchr::memchr3(b'&', b'<', b'>', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
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
