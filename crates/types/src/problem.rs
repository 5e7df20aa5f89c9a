//! RFC 9457 problem documents: every error the API returns.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::Profile;

/// An error response (`application/problem+json`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "type": "https://scrivi-alla-sede.inps.it/problems/invalid_codice_fiscale",
    "title": "Codice fiscale non valido",
    "status": 422,
    "detail": "Il carattere di controllo non è corretto: atteso U",
    "code": "invalid_codice_fiscale",
    "errors": [{"field": "cf", "code": "check_character", "message": "Il carattere di controllo non è corretto: atteso U"}]
})))]
pub struct Problem {
    /// URI naming the problem type; ends with the `code`.
    #[serde(rename = "type")]
    pub type_uri: String,
    /// Short Italian summary of the problem type.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// Italian explanation of this occurrence, fit to show to the operator.
    pub detail: String,
    /// Stable machine-readable code (snake_case); clients switch on this.
    pub code: String,
    /// Per-field errors of a validation failure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// With `profile_required`: the profiles the user may choose from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_profiles: Option<Vec<Profile>>,
    /// With `reminder_too_early` and similar: the first day (Europe/Rome) the action is allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed_from: Option<NaiveDate>,
    /// With `web_meeting_not_open`: when the web meeting room opens (or opened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<DateTime<Utc>>,
    /// With rate limiting: seconds to wait before retrying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
}

/// One invalid field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name as in the request (query parameter or JSON property, dotted for nesting).
    #[cfg_attr(feature = "openapi", schema(example = "birth_date"))]
    pub field: String,
    /// Stable rule code (`required`, `length`, `format`, …).
    #[cfg_attr(feature = "openapi", schema(example = "format"))]
    pub code: String,
    /// Italian message to show next to the field.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Data non valida: usare il formato AAAA-MM-GG")
    )]
    pub message: String,
}
