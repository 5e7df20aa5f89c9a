//! Dates and times as Italian operators read them. Times are shown in Europe/Rome through the
//! browser's Intl support, so the wasm carries no time zone database.

use chrono::{DateTime, NaiveDate, Utc};
use wasm_bindgen::JsValue;

/// `01/01/1950`.
pub fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `24/02/2021 17:04` in Europe/Rome.
pub fn date_time(at: DateTime<Utc>) -> String {
    rome(at, true)
}

/// `24/02/2021`, the day in Europe/Rome.
pub fn day(at: DateTime<Utc>) -> String {
    rome(at, false)
}

fn rome(at: DateTime<Utc>, with_time: bool) -> String {
    let options = js_sys::Object::new();
    let mut pairs = vec![
        ("timeZone", "Europe/Rome"),
        ("day", "2-digit"),
        ("month", "2-digit"),
        ("year", "numeric"),
    ];
    if with_time {
        pairs.extend([("hour", "2-digit"), ("minute", "2-digit")]);
    }
    for (key, value) in pairs {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let when = js_sys::Date::new(&JsValue::from_f64(at.timestamp_millis() as f64));
    String::from(when.to_locale_string("it-IT", &options)).replace(',', "")
}

/// The value of an `<input type="date">` (`YYYY-MM-DD`), if complete.
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}
