//! Safety limits checked before any parser runs.
//!
//! wasm has a small stack (about 1 MB) and a stack overflow there cannot be caught, so deeply
//! nested input is refused by a linear scan before a recursive parser could see it.

/// The largest front matter block Lectern parses.
pub const MAX_BLOCK_BYTES: usize = 256 * 1024;
/// The deepest nesting of lists and maps accepted in front matter.
pub const MAX_DEPTH: usize = 64;
/// The most values a YAML block may expand to, counting every alias expansion.
pub const MAX_NODES: usize = 50_000;

/// The deepest nesting of `[`/`{` brackets outside quoted strings.
pub fn bracket_depth(text: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in text.chars() {
        if let Some(q) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' && q == '"' {
                escaped = true;
            } else if c == q || c == '\n' {
                quote = None;
            }
            continue;
        }
        match c {
            '"' | '\'' => quote = Some(c),
            '[' | '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_nesting_outside_strings() {
        assert_eq!(bracket_depth("a: [1, [2, {b: 3}]]"), 3);
        assert_eq!(bracket_depth("a: \"[[[[\""), 0);
        assert_eq!(bracket_depth(&"[".repeat(10_000)), 10_000);
    }
}
