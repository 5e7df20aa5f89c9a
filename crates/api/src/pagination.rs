//! Keyset pagination: `limit` plus an opaque cursor naming the last item seen.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, NaiveDateTime};

use types::page::Page;

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

fn invalid_cursor() -> ApiError {
    ApiError::field(
        "invalid_cursor",
        "cursor",
        "format",
        "Il cursore non è valido: usare il valore next_cursor della pagina precedente.".into(),
    )
}

fn decoded_text(cursor: &str) -> Option<String> {
    URL_SAFE_NO_PAD
        .decode(cursor)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
}

/// Decodes a cursor from a previous page.
pub fn decode(cursor: Option<&str>) -> Result<Option<i64>, ApiError> {
    let Some(cursor) = cursor else {
        return Ok(None);
    };
    decoded_text(cursor)
        .and_then(|text| text.strip_prefix("id:").and_then(|n| n.parse().ok()))
        .map(Some)
        .ok_or_else(invalid_cursor)
}

/// One page of a short list loaded whole in its stable order (reference data, a conversation):
/// the cursor names the position of the next item.
pub fn page_of<T>(
    items: Vec<T>,
    limit: Option<i64>,
    cursor: Option<&str>,
) -> Result<Page<T>, ApiError> {
    let size = usize::try_from(self::limit(limit)?).unwrap_or(usize::MAX);
    let start: usize = match cursor {
        None => 0,
        Some(cursor) => decoded_text(cursor)
            .and_then(|text| text.strip_prefix("at:").and_then(|n| n.parse().ok()))
            .ok_or_else(invalid_cursor)?,
    };
    let end = start.saturating_add(size);
    let next_cursor = (end < items.len()).then(|| URL_SAFE_NO_PAD.encode(format!("at:{end}")));
    Ok(Page {
        items: items.into_iter().skip(start).take(size).collect(),
        next_cursor,
    })
}

/// Encodes the (creation time, id) of the last item of a page ordered newest first.
pub fn encode_keyset(created_at: NaiveDateTime, id: i64) -> String {
    URL_SAFE_NO_PAD.encode(format!(
        "t:{}:{id}",
        created_at.and_utc().timestamp_micros()
    ))
}

/// Decodes a cursor made by [`encode_keyset`].
pub fn decode_keyset(cursor: &str) -> Result<(NaiveDateTime, i64), ApiError> {
    decoded_text(cursor)
        .and_then(|text| {
            let mut parts = text.strip_prefix("t:")?.split(':');
            let micros: i64 = parts.next()?.parse().ok()?;
            let id: i64 = parts.next()?.parse().ok()?;
            Some((DateTime::from_timestamp_micros(micros)?.naive_utc(), id))
        })
        .ok_or_else(invalid_cursor)
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
    fn keyset_cursors_round_trip() -> Result<(), ApiError> {
        let at = DateTime::from_timestamp_micros(1_772_438_400_123_456)
            .map(|t| t.naive_utc())
            .unwrap_or_default();
        assert_eq!(decode_keyset(&encode_keyset(at, 77))?, (at, 77));
        assert!(decode_keyset(&encode(77)).is_err());
        Ok(())
    }

    #[test]
    fn short_lists_page_by_position() -> Result<(), ApiError> {
        let first = page_of((1..=5).collect(), Some(2), None)?;
        assert_eq!(first.items, [1, 2]);
        let second = page_of((1..=5).collect(), Some(2), first.next_cursor.as_deref())?;
        assert_eq!(second.items, [3, 4]);
        let last = page_of((1..=5).collect(), Some(2), second.next_cursor.as_deref())?;
        assert_eq!(last.items, [5]);
        assert_eq!(last.next_cursor, None);
        assert!(page_of(vec![1], None, Some(&encode(1))).is_err());
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
