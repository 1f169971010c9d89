//! Showing dates in the reader's own time zone, which only the browser knows.

use articles::ArticleDate;
use wasm_bindgen::JsValue;

/// `YYYY-MM-DD HH:MM` in the reader's time zone for an instant; as written for a local date.
pub fn display(date: &ArticleDate) -> String {
    let Some(seconds) = date.instant_seconds() else {
        return date.written_text();
    };
    let local = js_sys::Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        local.get_full_year(),
        local.get_month() + 1,
        local.get_date(),
        local.get_hours(),
        local.get_minutes()
    )
}
