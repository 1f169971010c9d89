//! TeX math (`$…$`, `$$…$$`) to MathML, which browsers render natively without JavaScript.
//!
//! Rendered by `lectern-math` (pulldown-latex) when the engine is built with the `math`
//! feature, on by default. A program built without it lends the engine a renderer with
//! [`use_math`]: Lectern's parsing worker loads that crate as a module of its own, only for an
//! article with a formula. A formula that is refused, does not parse, or finds no renderer stays
//! visible as its TeX source, and the caller reports why.

use std::sync::OnceLock;

/// What renders a formula: its MathML, or why it could not be rendered.
pub type Render = fn(&str, bool) -> Result<String, String>;

static LENT: OnceLock<Render> = OnceLock::new();

/// Lends the engine `render` for TeX math; the first one lent stays. An engine built with the
/// `math` feature renders it itself and never asks.
pub fn use_math(render: Render) {
    // A second call changes nothing: one program renders math one way.
    let _ = LENT.set(render);
}

#[cfg(feature = "math")]
pub(super) use lectern_math::to_mathml;

/// MathML for `latex` (a block when `display`) by the renderer lent, or why it could not be
/// rendered.
#[cfg(not(feature = "math"))]
pub(super) fn to_mathml(latex: &str, display: bool) -> Result<String, String> {
    match LENT.get() {
        Some(render) => render(latex, display),
        None => Err(format!(
            "the formula `{latex}` was left as TeX: math could not be rendered here"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "math")]
    #[test]
    fn renders_with_the_built_in_renderer() {
        let mathml = to_mathml(r"x^2 + \frac{a}{b}", false).expect("valid TeX");
        assert!(mathml.contains("<mfrac>"), "{mathml}");
        assert!(to_mathml(r"\badcommand {", false).is_err());
    }

    #[cfg(not(feature = "math"))]
    #[test]
    fn without_a_renderer_a_formula_stays_tex_and_says_why() {
        let error = to_mathml("x^2", false).expect_err("nothing renders math");
        assert!(
            error.contains("`x^2`") && error.contains("left as TeX"),
            "{error}"
        );
    }
}
