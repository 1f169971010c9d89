//! The reader's clock: their time zone and today's date, which only the browser knows, as the
//! [`Calendar`] the app hands its components.

use articles::ArticleDate;
use wasm_bindgen::JsValue;

use crate::calendar::{as_written, Calendar, Clock};
use crate::i18n::Shown;

/// The browser's calendar.
pub fn calendar() -> Calendar {
    Calendar::new(Browser)
}

struct Browser;

impl Clock for Browser {
    fn local(&self, date: &ArticleDate) -> Shown {
        let Some(seconds) = date.instant_seconds() else {
            return as_written(date);
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

    fn today(&self) -> (i32, u8, u8) {
        let today = js_sys::Date::new_0();
        (
            today.get_full_year() as i32,
            (today.get_month() + 1) as u8,
            today.get_date() as u8,
        )
    }
}
