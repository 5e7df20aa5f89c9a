//! The codice fiscale checked as the operator types, with the domain's own rules.

use domain::codice_fiscale::{check_character, CfError, CodiceFiscale};

/// A valid prefix layout to complete partial input with: letters and digits in place, month
/// `A`, day `01`.
const TEMPLATE: &str = "AAAAAA00A01A000";

/// The message to show for `value`, or none while it may still become valid. With `finished`
/// (the field lost focus, or the form is submitted) an incomplete code is an error too.
pub fn cf_error(value: &str, finished: bool) -> Option<String> {
    let code = value.trim().to_ascii_uppercase();
    let typed = code.chars().count();
    if typed == 0 {
        return None;
    }
    if finished || typed >= 16 || (typed == 11 && code.bytes().all(|b| b.is_ascii_digit())) {
        return CodiceFiscale::parse(&code).err().map(|e| e.message_it());
    }
    if code.bytes().all(|b| b.is_ascii_digit()) {
        // Possibly a provisional numeric code still being typed.
        return None;
    }
    // Complete the typed prefix and report only errors inside what was typed.
    let first15: String = code
        .chars()
        .chain(TEMPLATE.chars().skip(typed))
        .take(15)
        .collect();
    let Some(check) = check_character(&first15) else {
        let position = code
            .chars()
            .position(|c| !c.is_ascii_alphanumeric())
            .map_or(1, |p| p + 1);
        return Some(CfError::Layout { position }.message_it());
    };
    match CodiceFiscale::parse(&format!("{first15}{check}")) {
        Err(err @ CfError::Layout { position }) if position <= typed => Some(err.message_it()),
        Err(err @ CfError::Month { .. }) if typed >= 9 => Some(err.message_it()),
        Err(err @ CfError::Day { .. }) if typed >= 11 => Some(err.message_it()),
        _ => None,
    }
}

/// The code upper-cased and trimmed, if valid.
pub fn valid_cf(value: &str) -> Option<String> {
    CodiceFiscale::parse(value)
        .ok()
        .map(|cf| cf.as_str().to_owned())
}
