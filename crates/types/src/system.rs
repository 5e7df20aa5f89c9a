//! Health, readiness and the sandbox clock.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

/// Liveness.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// Always `ok`.
    #[cfg_attr(feature = "openapi", schema(example = "ok"))]
    pub status: String,
    /// Server version.
    #[cfg_attr(feature = "openapi", schema(example = "0.1.0"))]
    pub version: String,
}

/// Readiness: the database answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ready {
    /// `ok` or `unavailable`.
    #[cfg_attr(feature = "openapi", schema(example = "ok"))]
    pub status: String,
    /// `sqlite` or `postgresql`.
    #[cfg_attr(feature = "openapi", schema(example = "sqlite"))]
    pub database: String,
}

/// The sandbox clock that every time rule reads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SandboxClock {
    /// The server's "now" (UTC).
    #[cfg_attr(feature = "openapi", schema(example = "2026-11-24T10:00:00Z"))]
    pub now: DateTime<Utc>,
    /// Today's date in Europe/Rome, the calendar of every day rule.
    #[cfg_attr(feature = "openapi", schema(example = "2026-11-24"))]
    pub today: NaiveDate,
    /// Whole days the clock has been moved ahead of real time.
    #[cfg_attr(feature = "openapi", schema(example = 15))]
    pub offset_days: i64,
}

/// Moves the sandbox clock forward.
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AdvanceClock {
    /// Days to move forward (1–3650). The clock never goes back.
    #[validate(range(min = 1, max = 3650))]
    #[cfg_attr(feature = "openapi", schema(example = 15, minimum = 1, maximum = 3650))]
    pub advance_days: i64,
}
