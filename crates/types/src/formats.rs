//! Format rules of query parameters, mirrored by the `pattern`s in the OpenAPI document so that
//! clients and server agree on what is well-formed.

use validator::ValidationError;

fn check(ok: bool, message: &'static str) -> Result<(), ValidationError> {
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new("format").with_message(message.into()))
    }
}

/// ISTAT region code: two digits.
pub fn region_code(value: &str) -> Result<(), ValidationError> {
    check(
        value.len() == 2 && value.bytes().all(|b| b.is_ascii_digit()),
        "Codice regione ISTAT di 2 cifre (es. 12).",
    )
}

/// Province sigla: two letters.
pub fn province_code(value: &str) -> Result<(), ValidationError> {
    check(
        value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic()),
        "Sigla della provincia di 2 lettere (es. RM).",
    )
}

/// CAP: five digits.
pub fn cap(value: &str) -> Result<(), ValidationError> {
    check(
        value.len() == 5 && value.bytes().all(|b| b.is_ascii_digit()),
        "Il CAP deve essere di 5 cifre.",
    )
}

/// Opaque cursor: URL-safe base64.
pub fn cursor(value: &str) -> Result<(), ValidationError> {
    check(
        (1..=64).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "Il cursore non è valido: usare il valore next_cursor della pagina precedente.",
    )
}
