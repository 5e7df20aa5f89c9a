//! Keyset pagination: `limit` plus an opaque cursor naming the last item seen.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;

use crate::error::ApiError;

/// Items per page when the client does not say.
pub const DEFAULT_LIMIT: i64 = 50;
/// Most items per page.
pub const MAX_LIMIT: i64 = 200;

/// The page size, checked.
pub fn limit(requested: Option<i64>) -> Result<i64, ApiError> {
    match requested {
        None => Ok(DEFAULT_LIMIT),
        Some(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::field(
            "validation_failed",
            "limit",
            "range",
            format!("Il parametro limit deve essere compreso tra 1 e {MAX_LIMIT}."),
        )),
    }
}

/// Encodes the id of the last item of a page.
pub fn encode(last_id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!("id:{last_id}"))
}

/// Decodes a cursor from a previous page.
pub fn decode(cursor: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(cursor) = cursor else {
        return Ok(None);
    };
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|text| text.strip_prefix("id:").and_then(|n| n.parse().ok()))
        .map(Some)
        .ok_or_else(|| {
            ApiError::field(
                "invalid_cursor",
                "cursor",
                "format",
                "Il cursore non è valido: usare il valore next_cursor della pagina precedente."
                    .into(),
            )
        })
}

/// The cursor for the next page: present only when the page is full.
pub fn next_cursor(ids: &[i64], limit: i64) -> Option<String> {
    if usize::try_from(limit).ok() == Some(ids.len()) {
        ids.last().map(|id| encode(*id))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() -> Result<(), ApiError> {
        assert_eq!(decode(Some(&encode(1234)))?, Some(1234));
        assert_eq!(decode(None)?, None);
        assert!(decode(Some("???")).is_err());
        assert!(decode(Some(&URL_SAFE_NO_PAD.encode("x:1"))).is_err());
        Ok(())
    }

    #[test]
    fn limits_are_bounded() {
        assert!(matches!(limit(None), Ok(DEFAULT_LIMIT)));
        assert!(limit(Some(0)).is_err());
        assert!(limit(Some(MAX_LIMIT + 1)).is_err());
        assert!(matches!(limit(Some(5)), Ok(5)));
    }

    #[test]
    fn next_cursor_only_on_full_pages() {
        assert_eq!(next_cursor(&[1, 2], 2), Some(encode(2)));
        assert_eq!(next_cursor(&[1], 2), None);
    }
}
