//! Dates and times as Italian operators read them. Times are shown in Europe/Rome through the
//! browser's Intl support, so the wasm carries no time zone database.

use chrono::{DateTime, NaiveDate, Utc};
use wasm_bindgen::JsValue;

/// `01/01/1950`.
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

const DAY: [(&str, &str); 3] = [
    ("day", "2-digit"),
    ("month", "2-digit"),
    ("year", "numeric"),
];
const TIME: [(&str, &str); 2] = [("hour", "2-digit"), ("minute", "2-digit")];

/// `24/02/2021 17:04` in Europe/Rome.
pub fn date_time(at: DateTime<Utc>) -> String {
    rome(at, &[&DAY, &TIME])
}

/// `24/02/2021`, the day in Europe/Rome.
pub fn day(at: DateTime<Utc>) -> String {
    rome(at, &[&DAY])
}

/// `17:04` in Europe/Rome.
pub fn time(at: DateTime<Utc>) -> String {
    rome(at, &[&TIME])
}

/// `mercoledì 24/02/2021`, the day in Europe/Rome with its weekday.
pub fn weekday_day(at: DateTime<Utc>) -> String {
    rome(at, &[&[("weekday", "long")], &DAY])
}

fn rome(at: DateTime<Utc>, groups: &[&[(&str, &str)]]) -> String {
    let options = js_sys::Object::new();
    let zone = [("timeZone", "Europe/Rome")];
    for (key, value) in zone.iter().chain(groups.iter().flat_map(|g| g.iter())) {
        let _ = js_sys::Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    let when = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    String::from(when.to_locale_string("it-IT", &options)).replace(',', "")
}

/// The value of an `<input type="date">` (`YYYY-MM-DD`), if complete.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}
