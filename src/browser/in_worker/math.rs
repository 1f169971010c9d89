//! TeX math, rendered by `crates/math` (pulldown-latex) loaded as a module of its own the first
//! time an article has a formula: the engine is built without it and lent [`render`]
//! (`articles::body::use_math`). Where the module cannot be loaded (offline before it was ever
//! fetched), the formula stays TeX and the article says why.

use super::modules::{Kept, OnDemand};

thread_local! {
    /// The math module (see `modules`).
    static MATH: Kept = const {
        Kept::new(OnDemand {
            file: "lectern-math.wasm",
            global: "lecternMath",
        })
    };
}

/// MathML for `latex` (a block when `display`), or why it could not be rendered.
pub fn render(latex: &str, display: bool) -> Result<String, String> {
    match MATH.with(|math| math.ask("render", latex, &[u32::from(display)])) {
        None => Err(format!(
            "the formula `{latex}` was left as TeX: the math module could not be loaded"
        )),
        Some(Some((mathml, false))) => Ok(mathml),
        Some(Some((why, true))) => Err(why),
        Some(None) => Err(format!("the formula `{latex}` could not be rendered")),
    }
}
