//! Lectern's TeX math: a formula (`$…$`, `$$…$$`) to MathML Core, which browsers render
//! natively without JavaScript, by [`pulldown_latex`].
//!
//! The engine renders with [`to_mathml`] when built with its `math` feature (natively: tests,
//! `cargo xtask index`). pulldown-latex is some 30 KB gzipped of WebAssembly and few articles
//! have a formula, so Lectern's parsing worker is built without it and loads this crate as a
//! module of its own the first time an article needs it (`src/browser/in_worker/modules.rs`),
//! as it does the encoding detector. Built for `wasm32-unknown-unknown` by `cargo xtask
//! modules`, it exports `input`, `render` and `output` (the `wasm` module) and imports
//! nothing.
//!
//! pulldown-latex's parser recurses into groups, so formulas are checked for size and nesting
//! first (wasm's stack is small); a formula that is refused or does not parse is an error, and
//! the engine leaves it visible as its TeX source and reports why.

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};

/// The longest formula rendered; longer ones are shown as source.
const MAX_FORMULA_BYTES: usize = 16 * 1024;
/// The deepest `{…}` nesting rendered.
const MAX_GROUP_DEPTH: usize = 32;

/// MathML for `latex`, or why it could not be rendered.
pub fn to_mathml(latex: &str, display: bool) -> Result<String, String> {
    if latex.len() > MAX_FORMULA_BYTES {
        return Err(format!(
            "a formula longer than {} KiB was left as TeX",
            MAX_FORMULA_BYTES / 1024
        ));
    }
    if group_depth(latex) > MAX_GROUP_DEPTH {
        return Err(format!(
            "a formula nested deeper than {MAX_GROUP_DEPTH} groups was left as TeX"
        ));
    }
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(latex, &storage).collect();
    if let Some(Err(error)) = events.iter().find(|e| e.is_err()) {
        let first_line = error
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned();
        return Err(format!(
            "the formula `{latex}` could not be read ({first_line})"
        ));
    }
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        ..RenderConfig::default()
    };
    let mut mathml = String::new();
    push_mathml(&mut mathml, events.into_iter(), config).map_err(|e| e.to_string())?;
    Ok(mathml)
}

fn group_depth(latex: &str) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for c in latex.chars() {
        match c {
            '{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// The module's exports (see `lectern_module`): `input` gives room for a text, `output` is
/// where the answer is.
#[cfg(target_arch = "wasm32")]
pub mod wasm {
    lectern_module::buffer_exports!();

    /// Renders the first `length` bytes of the buffer as a formula (`display` non-zero: a
    /// block): its MathML, or why it could not be rendered (see `lectern_module::answer`).
    #[no_mangle]
    pub extern "C" fn render(length: usize, display: u32) -> usize {
        lectern_module::answer(length, |latex| super::to_mathml(latex, display != 0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_mathml() {
        let mathml = to_mathml(r"x^2 + \frac{a}{b}", false).expect("valid TeX");
        assert!(
            mathml.starts_with("<math display=\"inline\">") && mathml.contains("<mfrac>"),
            "{mathml}"
        );
        assert!(to_mathml("E = mc^2", true)
            .expect("valid")
            .contains("display=\"block\""));
    }

    #[test]
    fn bad_or_hostile_formulas_are_refused() {
        assert!(to_mathml(r"\badcommand {", false).is_err());
        assert!(to_mathml(r"\badcommand", false).is_err());
        assert!(to_mathml(&"{".repeat(10_000), false).is_err());
        assert!(to_mathml(&"x".repeat(100_000), false).is_err());
    }
}
