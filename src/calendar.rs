//! Dates as the reader's clock shows them. Only the browser knows the reader's time zone and
//! today's date, so the app hands its [`Calendar`] to the components as a Yew context
//! (`browser::time::calendar`); components read it and stay free of browser APIs, and tests
//! and the fallback use UTC.

use std::rc::Rc;

use articles::date::{civil_from_unix, days_from_civil};
use articles::ArticleDate;

use crate::i18n::{Lang, Shown};

/// What a clock can say: how a date reads in some zone, and what day it is there.
pub trait Clock {
    /// The parts of `date` as shown: in the zone for an instant, as written for a local date.
    fn local(&self, date: &ArticleDate) -> Shown;
    /// Today's date (year, month, day) in the zone.
    fn today(&self) -> (i32, u8, u8);
}

/// The calendar components show dates with.
#[derive(Clone)]
pub struct Calendar(Rc<dyn Clock>);

impl Calendar {
    pub fn new(clock: impl Clock + 'static) -> Calendar {
        Calendar(Rc::new(clock))
    }

    /// The full date (and time) for the reader: `17 Feb 2022, 07:32` / `2022年2月17日 07:32`.
    pub fn full(&self, date: &ArticleDate, lang: Lang) -> String {
        lang.date(&self.0.local(date), true)
    }

    /// A date for a card: relative when recent (`3 days ago`), the date otherwise.
    pub fn brief(&self, date: &ArticleDate, lang: Lang) -> String {
        let shown = self.0.local(date);
        let (year, month, day) = self.0.today();
        let days =
            days_from_civil(year, month, day) - days_from_civil(shown.year, shown.month, shown.day);
        if (0..RECENT_DAYS).contains(&days) {
            lang.days_ago(days)
        } else {
            lang.date(&shown, false)
        }
    }
}

/// One calendar serves a whole visit: two are the same when they share their clock.
impl PartialEq for Calendar {
    fn eq(&self, other: &Calendar) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for Calendar {
    fn default() -> Calendar {
        Calendar::new(Utc)
    }
}

/// Days a date counts as recent on a card.
const RECENT_DAYS: i64 = 7;

/// A clock in UTC that knows no today (no date is "recent"): for tests, and where no calendar
/// was provided.
struct Utc;

impl Clock for Utc {
    fn local(&self, date: &ArticleDate) -> Shown {
        match date.instant_seconds() {
            Some(seconds) => {
                let c = civil_from_unix(seconds);
                Shown {
                    year: c.year,
                    month: c.month,
                    day: c.day,
                    time: Some((c.hour, c.minute)),
                }
            }
            None => as_written(date),
        }
    }

    fn today(&self) -> (i32, u8, u8) {
        (1970, 1, 1)
    }
}

/// A local (floating) date's parts, shown as written whatever the zone.
pub fn as_written(date: &ArticleDate) -> Shown {
    Shown {
        year: date.year,
        month: date.month,
        day: date.day,
        time: date.has_time.then_some((date.hour, date.minute)),
    }
}
