//! TeX math, rendered by `crates/math` (pulldown-latex) loaded as a module of its own the first
//! time an article has a formula: the engine is built without it and lent [`render`]
//! (`articles::body::use_math`). Where the module cannot be loaded (offline before it was ever
//! fetched), the formula stays TeX and the article says why.

use std::cell::{OnceCell, RefCell};

use js_sys::WebAssembly;

use super::modules::{Instance, OnDemand};

/// The math module (see `modules`).
const MODULE: OnDemand = OnDemand {
    file: "lectern-math.wasm",
    global: "lecternMath",
};

thread_local! {
    /// Compiled at the first formula; `None` if it could not be.
    static COMPILED: OnceCell<Option<WebAssembly::Module>> = const { OnceCell::new() };
    /// The instance formulas are rendered by, made again after one traps.
    static INSTANCE: RefCell<Option<Instance>> = const { RefCell::new(None) };
}

/// MathML for `latex` (a block when `display`), or why it could not be rendered.
pub fn render(latex: &str, display: bool) -> Result<String, String> {
    let module = COMPILED.with(|compiled| compiled.get_or_init(|| MODULE.compile()).clone());
    let Some(module) = module else {
        return Err(format!(
            "the formula `{latex}` was left as TeX: the math module could not be loaded"
        ));
    };
    INSTANCE.with_borrow_mut(|kept| {
        let instance = kept.take().or_else(|| Instance::new(&module));
        let answer = instance.as_ref().and_then(|i| ask(i, latex, display));
        // A module that trapped (a panic in pulldown-latex) may have left its memory half
        // changed: the next formula gets an instance of its own.
        if answer.is_some() {
            *kept = instance;
        }
        answer.unwrap_or_else(|| Err(format!("the formula `{latex}` could not be rendered")))
    })
}

/// Writes the formula into the module, renders it, and reads the answer back (see
/// `crates/math`'s exports); `None` when a call failed.
fn ask(module: &Instance, latex: &str, display: bool) -> Option<Result<String, String>> {
    let length = u32::try_from(latex.len()).ok()?;
    let at = module.call("input", &[length])?;
    module.write(at, latex.as_bytes())?;
    let answer = module.call("render", &[length, u32::from(display)])?;
    let at = module.call("output", &[])?;
    let text = String::from_utf8(module.read(at, answer as usize / 2)?).ok()?;
    Some(if answer % 2 == 0 { Ok(text) } else { Err(text) })
}
