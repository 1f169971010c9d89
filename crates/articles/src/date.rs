//! Reading the many ways generators write a date, and recording which way each was read.
//!
//! A date with a zone (`Z`, `+08:00`, `GMT`, Unix time) is an instant and keeps it exactly. A date
//! without one is a local date-time of the reader, as Hexo and Jekyll treat it, and is shown as
//! written. Nothing here panics: text that is not a date gives `None` and the caller reports it.

use serde::{Deserialize, Serialize};

/// A calendar date-time as written in an article, with its zone when it had one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Whether a time of day was written (a bare `2021-09-30` has none).
    pub has_time: bool,
    /// Minutes east of UTC when the text named a zone; `None` for a floating local date-time.
    pub offset_minutes: Option<i32>,
    /// How the text was read, so the reader can see why a date came out as it did.
    pub format: DateFormat,
}

/// The notation a date was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateFormat {
    /// ISO 8601 / RFC 3339, `2022-02-17T23:32:20Z` (also TOML's native datetimes).
    Iso8601,
    /// Jekyll's `2016-03-08 14:03:00 -0800`, with a space before the time.
    YearMonthDay,
    /// Hexo's `2013/7/13 20:46:25`.
    Slashed,
    /// Email and RSS style, `Thu, 17 Feb 2022 23:32:20 GMT`.
    Rfc2822,
    /// `2022年2月17日 08:00`.
    Chinese,
    UnixSeconds,
    UnixMillis,
    /// A `YYYY-MM-DD-` prefix of the file name.
    FileName,
}

impl ArticleDate {
    /// Seconds since the Unix epoch when the date is an instant (it had a zone).
    pub fn instant_seconds(&self) -> Option<i64> {
        let offset = i64::from(self.offset_minutes?);
        Some(self.civil_seconds() - offset * 60)
    }

    /// A key that orders dates: the instant when there is one, else the date read as UTC.
    pub fn sort_key(&self) -> i64 {
        self.instant_seconds()
            .unwrap_or_else(|| self.civil_seconds())
    }

    /// The value for `<time datetime>`: the exact UTC instant, or the local date-time as written.
    pub fn datetime_attr(&self) -> String {
        match self.instant_seconds() {
            Some(seconds) => {
                let utc = civil_from_unix(seconds);
                format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                    utc.year, utc.month, utc.day, utc.hour, utc.minute, utc.second
                )
            }
            None if self.has_time => format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                self.year, self.month, self.day, self.hour, self.minute, self.second
            ),
            None => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }

    /// The date as written, `YYYY-MM-DD HH:MM` (or `YYYY-MM-DD` without a time).
    pub fn written_text(&self) -> String {
        let date = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if self.has_time {
            format!("{date} {:02}:{:02}", self.hour, self.minute)
        } else {
            date
        }
    }

    fn civil_seconds(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }
}

/// Plain civil fields, used while converting instants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Civil {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The UTC calendar fields of a Unix time.
pub fn civil_from_unix(seconds: i64) -> Civil {
    let days = seconds.div_euclid(86_400);
    let rem = seconds.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Civil {
        year: year.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32,
        month: month as u8,
        day: day as u8,
        hour: (rem / 3600) as u8,
        minute: (rem % 3600 / 60) as u8,
        second: (rem % 60) as u8,
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Reads a date written as text in any of the supported notations.
pub fn parse_date(text: &str) -> Option<ArticleDate> {
    let text = text.trim();
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    // `…+09:00[Asia/Tokyo]` (RFC 9557) and `… GMT+0900 (JST)` (JavaScript's Date text): the
    // offset already says when; the name in brackets adds nothing.
    let text = match text.rfind(['[', '(']) {
        Some(at) if at > 0 && text.ends_with([']', ')']) => text[..at].trim_end(),
        _ => text,
    };
    if let Ok(number) = text.parse::<i64>() {
        return from_unix_number(number);
    }
    if text.contains('年') {
        return parse_chinese(text);
    }
    if text.starts_with(|c: char| c.is_ascii_alphabetic()) || looks_like_rfc2822(text) {
        return parse_rfc2822(text);
    }
    parse_numeric(text)
}

/// Reads a Unix time: seconds, or milliseconds when the number is too large to be seconds.
pub fn from_unix_number(number: i64) -> Option<ArticleDate> {
    // 10^11 seconds is the year 5138; anything larger is a millisecond count. `unsigned_abs`,
    // because `i64::MIN.abs()` overflows.
    let (seconds, format) = if number.unsigned_abs() >= 100_000_000_000 {
        (number.div_euclid(1000), DateFormat::UnixMillis)
    } else {
        (number, DateFormat::UnixSeconds)
    };
    // Small numbers are more likely a year or a typo than a time in January 1970; the upper
    // bound is the end of the year 9999.
    if !(100_000..=253_402_300_799).contains(&seconds.unsigned_abs()) {
        return None;
    }
    let c = civil_from_unix(seconds);
    Some(ArticleDate {
        year: c.year,
        month: c.month,
        day: c.day,
        hour: c.hour,
        minute: c.minute,
        second: c.second,
        has_time: true,
        offset_minutes: Some(0),
        format,
    })
}

/// Reads a `YYYY-MM-DD-` prefix of a file name, as Jekyll and Hexo name posts.
pub fn date_from_file_name(name: &str) -> Option<ArticleDate> {
    let stem = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let head = stem.get(..10)?;
    let bytes = head.as_bytes();
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let year = head.get(..4)?.parse().ok()?;
    let month = head.get(5..7)?.parse().ok()?;
    let day = head.get(8..10)?.parse().ok()?;
    build((year, month, day), None, None, DateFormat::FileName)
}

fn looks_like_rfc2822(text: &str) -> bool {
    // `17 Feb 2022 …`: a day number followed by a month name.
    let mut words = text.split_whitespace();
    matches!((words.next(), words.next()), (Some(day), Some(month))
        if day.chars().all(|c| c.is_ascii_digit()) && month_from_name(month).is_some())
}

fn month_from_name(name: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.trim_end_matches([',', '.']).to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .map(|i| i as u8 + 1)
}

/// A day of the month, `4`, `4,` or `4th`.
fn day_number(word: &str) -> Option<u8> {
    let word = word.trim_end_matches([',', '.']);
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

/// `AM` / `PM` (also `a.m.`): whether the hour is after noon.
fn meridiem(word: &str) -> Option<bool> {
    match word.replace('.', "").to_ascii_lowercase().as_str() {
        "am" => Some(false),
        "pm" => Some(true),
        _ => None,
    }
}

/// A 12-hour time made 24-hour: `12 AM` is midnight, `12 PM` noon.
fn with_meridiem((hour, minute, second): (u8, u8, u8), pm: Option<bool>) -> Option<(u8, u8, u8)> {
    let hour = match pm {
        None => hour,
        Some(_) if hour == 0 || hour > 12 => return None,
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
    };
    Some((hour, minute, second))
}

/// `[Thu, ]17 Feb 2022 23:32[:20] [PM] GMT|+0000|-08:00`
fn parse_rfc2822(text: &str) -> Option<ArticleDate> {
    let text = match text.split_once(',') {
        Some((weekday, rest)) if weekday.chars().all(|c| c.is_ascii_alphabetic()) => rest,
        _ => text,
    };
    let mut words = text.split_whitespace();
    let mut first = words.next()?;
    let mut second = words.next()?;
    // A weekday without its comma (`Thu Mar 04 2021`, JavaScript's Date text) is skipped.
    if first.chars().all(|c| c.is_ascii_alphabetic()) && month_from_name(first).is_none() {
        first = second;
        second = words.next()?;
    }
    // Both `17 Feb` and `Feb 17` appear in the wild.
    let (day, month) = match (day_number(first), month_from_name(second)) {
        (Some(day), Some(month)) => (day, month),
        _ => (day_number(second)?, month_from_name(first)?),
    };
    let year: i32 = words.next()?.trim_end_matches(',').parse().ok()?;
    let mut rest: Vec<&str> = words.collect();
    let time = match rest.first() {
        Some(t) => {
            let meridiem = rest.get(1).and_then(|m| meridiem(m));
            let time = with_meridiem(parse_time(t)?, meridiem)?;
            rest.drain(..if meridiem.is_some() { 2 } else { 1 });
            Some(time)
        }
        None => None,
    };
    let mut rest = rest.into_iter();
    let offset = match rest.next() {
        Some(zone) => Some(parse_zone(zone)?),
        None => None,
    };
    let words = rest;
    if words.count() > 0 {
        return None;
    }
    // RFC 2822 without a zone is still UTC by convention of the feeds that write it.
    let offset = offset.or(time.map(|_| 0));
    build((year, month, day), time, offset, DateFormat::Rfc2822)
}

/// `2022年2月17日[ 08:00[:00]]`
fn parse_chinese(text: &str) -> Option<ArticleDate> {
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let (day, rest) = rest.split_once(['日', '号'])?;
    let rest = rest.trim();
    let time = if rest.is_empty() {
        None
    } else {
        Some(parse_time(rest)?)
    };
    build(
        (
            year.trim().parse().ok()?,
            month.trim().parse().ok()?,
            day.trim().parse().ok()?,
        ),
        time,
        None,
        DateFormat::Chinese,
    )
}

/// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][ ][Z|±HH[:]MM|UTC]` and the same with `/` (Hexo).
fn parse_numeric(text: &str) -> Option<ArticleDate> {
    let date_end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '/' || c == '.'))
        .unwrap_or(text.len());
    let (date_part, rest) = text.split_at(date_end);
    let separator = if date_part.contains('/') {
        '/'
    } else if date_part.contains('-') {
        '-'
    } else {
        '.'
    };
    let fields: Vec<&str> = date_part.split(separator).collect();
    let [first, second, third] = fields[..] else {
        return None;
    };
    let (year, month, day): (i32, u8, u8) = if first.len() == 4 {
        (
            first.parse().ok()?,
            second.parse().ok()?,
            third.parse().ok()?,
        )
    } else if third.len() == 4 {
        // Year last: `04.03.2021` is day first (as written in Europe); `3/4/2021` is month
        // first, as JavaScript's Date reads it, unless the first number cannot be a month.
        let (a, b): (u8, u8) = (first.parse().ok()?, second.parse().ok()?);
        let (month, day) = if separator == '/' && a <= 12 {
            (a, b)
        } else {
            (b, a)
        };
        (third.parse().ok()?, month, day)
    } else {
        return None;
    };
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let mut format = match separator {
        '/' => DateFormat::Slashed,
        _ => DateFormat::YearMonthDay,
    };
    let rest = match rest.strip_prefix(['T', 't']) {
        Some(after) => {
            format = DateFormat::Iso8601;
            after
        }
        None => rest.trim_start(),
    };
    if rest.is_empty() {
        if separator == '-' {
            format = DateFormat::Iso8601;
        }
        return build((year, month, day), None, None, format);
    }
    let time_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.' || c == ','))
        .unwrap_or(rest.len());
    let (time_part, zone_part) = rest.split_at(time_end);
    let zone_part = zone_part.trim();
    let (pm, zone_part) = match zone_part.split_once(' ') {
        Some((word, zone)) if meridiem(word).is_some() => (meridiem(word), zone.trim()),
        _ => match meridiem(zone_part) {
            Some(pm) => (Some(pm), ""),
            None => (None, zone_part),
        },
    };
    let time = with_meridiem(parse_time(time_part)?, pm)?;
    let offset = if zone_part.is_empty() {
        None
    } else {
        Some(parse_zone(zone_part)?)
    };
    build((year, month, day), Some(time), offset, format)
}

/// `HH:MM[:SS[.fraction]]`; the fraction is dropped.
fn parse_time(text: &str) -> Option<(u8, u8, u8)> {
    let mut parts = text.split(':');
    let hour = parts.next()?.trim().parse().ok()?;
    let minute = parts.next()?.trim().parse().ok()?;
    let second = match parts.next() {
        Some(s) => {
            let whole = s.split(['.', ',']).next()?;
            whole.parse().ok()?
        }
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    Some((hour, minute, second))
}

/// `Z`, `UTC`, `GMT`, `UT`, common unambiguous abbreviations (North American, European, East
/// Asian, Australian), `±H`, `±HH`, `±HHMM`, `±HH:MM`, and those after `UTC` or `GMT`
/// (`GMT+0900`, `UTC+8`).
fn parse_zone(zone: &str) -> Option<i32> {
    let upper = zone.to_ascii_uppercase();
    let named = match upper.as_str() {
        "Z" | "UTC" | "GMT" | "UT" | "WET" => Some(0),
        "EDT" => Some(-240),
        "EST" | "CDT" => Some(-300),
        "CST" | "MDT" => Some(-360),
        "MST" | "PDT" => Some(-420),
        "PST" => Some(-480),
        "CET" | "BST" | "WEST" => Some(60),
        "CEST" | "EET" => Some(120),
        "EEST" | "MSK" => Some(180),
        "HKT" | "SGT" | "AWST" => Some(480),
        "JST" | "KST" => Some(540),
        "AEST" => Some(600),
        "AEDT" => Some(660),
        "NZST" => Some(720),
        "NZDT" => Some(780),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    if let Some(offset) = ["UTC", "GMT"]
        .iter()
        .find_map(|name| upper.strip_prefix(name))
        .filter(|offset| !offset.is_empty())
    {
        return parse_zone(offset);
    }
    let sign = match zone.chars().next()? {
        '+' => 1,
        '-' | '\u{2212}' => -1,
        _ => return None,
    };
    let digits: String = zone
        .chars()
        .skip(1)
        .filter(|c| *c != ':')
        .collect::<String>();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes): (i32, i32) = match digits.len() {
        1 | 2 => (digits.parse().ok()?, 0),
        4 => (
            digits.get(..2)?.parse().ok()?,
            digits.get(2..)?.parse().ok()?,
        ),
        _ => return None,
    };
    if hours > 14 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 60 + minutes))
}

fn build(
    (year, month, day): (i32, u8, u8),
    time: Option<(u8, u8, u8)>,
    offset_minutes: Option<i32>,
    format: DateFormat,
) -> Option<ArticleDate> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let (hour, minute, second) = time.unwrap_or((0, 0, 0));
    // A leap second (`:60`) is kept as the last second of the minute.
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(ArticleDate {
        year,
        month,
        day,
        hour,
        minute,
        second: second.min(59),
        has_time: time.is_some(),
        offset_minutes,
        format,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(text: &str) -> String {
        parse_date(text)
            .map(|d| d.datetime_attr())
            .unwrap_or_default()
    }

    #[test]
    fn rfc2822_is_an_instant() {
        let date = parse_date("Thu, 17 Feb 2022 23:32:20 GMT").expect("a date");
        assert_eq!(date.format, DateFormat::Rfc2822);
        assert_eq!(date.datetime_attr(), "2022-02-17T23:32:20Z");
        assert_eq!(attr("17 Feb 2022 23:32:20 +0800"), "2022-02-17T15:32:20Z");
    }

    #[test]
    fn iso_and_jekyll_forms() {
        assert_eq!(attr("2022-02-17T23:32:20Z"), "2022-02-17T23:32:20Z");
        assert_eq!(
            attr("2022-02-17T23:32:20.250+08:00"),
            "2022-02-17T15:32:20Z"
        );
        assert_eq!(attr("2016-03-08 14:03:00 -0800"), "2016-03-08T22:03:00Z");
        assert_eq!(attr("2016-03-08 14:03 -08:00"), "2016-03-08T22:03:00Z");
        assert_eq!(attr("2021-09-30"), "2021-09-30");
    }

    #[test]
    fn dates_as_people_write_them() {
        for (text, expected) in [
            ("2021-03-04T05:06:07.123+0900", "2021-03-03T20:06:07Z"),
            (
                "2021-03-04T05:06:07.123456789+09:00",
                "2021-03-03T20:06:07Z",
            ),
            ("2021-03-04 05:06:07.5 +09:00", "2021-03-03T20:06:07Z"),
            ("2021-03-04T05:06:07.5z", "2021-03-04T05:06:07Z"),
            ("2021-03-04T05:06:07+09", "2021-03-03T20:06:07Z"),
            ("2021-03-04 05:06:07 GMT+0900", "2021-03-03T20:06:07Z"),
            ("2021-03-04 05:06 UTC+9", "2021-03-03T20:06:00Z"),
            ("2021-03-04 05:06:07 JST", "2021-03-03T20:06:07Z"),
            (
                "2021-03-04T05:06:07+09:00[Asia/Tokyo]",
                "2021-03-03T20:06:07Z",
            ),
            (
                "Thu Mar 04 2021 05:06:07 GMT+0900 (Japan Standard Time)",
                "2021-03-03T20:06:07Z",
            ),
            ("2021-03-04 5:06 PM", "2021-03-04T17:06:00"),
            ("2021-03-04 12:06 am", "2021-03-04T00:06:00"),
            ("March 4th, 2021", "2021-03-04"),
            ("Thursday, March 4, 2021 5:06 PM", "2021-03-04T17:06:00Z"),
            ("4 March 2021", "2021-03-04"),
            ("04.03.2021", "2021-03-04"),
            ("3/4/2021", "2021-03-04"),
            ("25/12/2021", "2021-12-25"),
            ("2021-03-04 05:06", "2021-03-04T05:06:00"),
        ] {
            assert_eq!(attr(text), expected, "{text}");
        }
        assert_eq!(attr("2021-03-04 13:00 PM"), "");
        assert_eq!(attr("2021-03-04 05:06 +15"), "");
    }

    #[test]
    fn floating_dates_stay_as_written() {
        let date = parse_date("2013/7/13 20:46:25").expect("a date");
        assert_eq!(date.format, DateFormat::Slashed);
        assert_eq!(date.offset_minutes, None);
        assert_eq!(date.datetime_attr(), "2013-07-13T20:46:25");
        assert_eq!(date.written_text(), "2013-07-13 20:46");
    }

    #[test]
    fn chinese_dates() {
        let date = parse_date("2022年2月17日 08:00").expect("a date");
        assert_eq!(date.format, DateFormat::Chinese);
        assert_eq!(date.datetime_attr(), "2022-02-17T08:00:00");
        assert_eq!(attr("2022年2月17日"), "2022-02-17");
    }

    #[test]
    fn unix_seconds_and_millis() {
        assert_eq!(attr("1645140740"), "2022-02-17T23:32:20Z");
        assert_eq!(attr("1645140740000"), "2022-02-17T23:32:20Z");
    }

    #[test]
    fn extreme_numbers_are_refused_without_overflow() {
        for number in [i64::MIN, i64::MIN + 1, i64::MAX, -100_000_000_000_000_000] {
            assert_eq!(from_unix_number(number), None, "{number}");
        }
        assert_eq!(parse_date("-9223372036854775808"), None);
        assert!(from_unix_number(-100_000_000_000).is_some());
    }

    #[test]
    fn impossible_dates_are_refused() {
        for text in [
            "2022-02-30",
            "2022-13-01",
            "yesterday",
            "2022-01-01 25:00",
            "",
            "12",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn file_name_prefix() {
        let date = date_from_file_name("posts/2021-09-30-date-from-filename.md").expect("a date");
        assert_eq!(date.datetime_attr(), "2021-09-30");
        assert_eq!(date_from_file_name("notes.md"), None);
        assert_eq!(date_from_file_name("中文标题很长的文件名.md"), None);
    }

    #[test]
    fn civil_round_trip() {
        for seconds in [-86_400_i64, 0, 951_782_400, 1_645_140_740, 4_102_444_800] {
            let c = civil_from_unix(seconds);
            let back = days_from_civil(c.year, c.month, c.day) * 86_400
                + i64::from(c.hour) * 3600
                + i64::from(c.minute) * 60
                + i64::from(c.second);
            assert_eq!(back, seconds);
        }
    }
}
