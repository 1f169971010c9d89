//! Showing dates in the reader's own time zone (which only the browser knows) and language.

use articles::date::days_from_civil;
use articles::ArticleDate;
use wasm_bindgen::JsValue;

use crate::i18n::{Lang, Shown};

/// What a date says on screen: in the reader's zone for an instant, as written for a local
/// (floating) date.
pub fn shown(date: &ArticleDate) -> Shown {
    let Some(seconds) = date.instant_seconds() else {
        return Shown {
            year: date.year,
            month: date.month,
            day: date.day,
            time: date.has_time.then_some((date.hour, date.minute)),
        };
    };
    let local = js_sys::Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
    // The parts of a date are small numbers: the casts cannot truncate.
    Shown {
        year: local.get_full_year() as i32,
        month: (local.get_month() + 1) as u8,
        day: local.get_date() as u8,
        time: Some((local.get_hours() as u8, local.get_minutes() as u8)),
    }
}

/// The full date (and time) for the reader: `17 Feb 2022, 07:32` / `2022年2月17日 07:32`.
pub fn full(date: &ArticleDate, lang: Lang) -> String {
    lang.date(&shown(date), true)
}

/// A date for a card: relative when recent (`3 days ago`), the date otherwise.
pub fn brief(date: &ArticleDate, lang: Lang) -> String {
    let shown = shown(date);
    let today = js_sys::Date::new_0();
    let days = days_between(
        (shown.year, shown.month, shown.day),
        (
            today.get_full_year() as i32,
            (today.get_month() + 1) as u8,
            today.get_date() as u8,
        ),
    );
    if (0..RECENT_DAYS).contains(&days) {
        lang.days_ago(days)
    } else {
        lang.date(&shown, false)
    }
}

/// Days a date counts as recent on a card.
const RECENT_DAYS: i64 = 7;

/// Days from `from` to `to` (civil dates).
fn days_between((y1, m1, d1): (i32, u8, u8), (y2, m2, d2): (i32, u8, u8)) -> i64 {
    days_from_civil(y2, m2, d2) - days_from_civil(y1, m1, d1)
}
