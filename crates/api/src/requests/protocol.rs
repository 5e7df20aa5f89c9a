//! Protocol numbers: `INPS.<office code>.<DD/MM/YYYY>.<7-digit sequence>`, one per request and
//! per message, from the office's own sequence.

use chrono::{DateTime, Utc};
use db::AnyConnection;
use domain::calendar::rome_date;
use domain::ids::OfficeId;
use domain::protocol::ProtocolNumber;

use crate::error::ApiError;

/// Takes the next protocol number of an office. Call inside the write transaction of the
/// record that carries it: a rollback leaves a gap, never a duplicate.
pub fn next(
    conn: &mut AnyConnection,
    office_id: OfficeId,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let code = db::requests::office_code(conn, office_id)?;
    let sequence = db::requests::next_sequence(conn, office_id)?;
    let sequence = u32::try_from(sequence).map_err(|_| {
        ApiError::Internal(format!("protocol sequence of office {code} overflowed"))
    })?;
    ProtocolNumber::new(code, rome_date(now), sequence)
        .map(|p| p.to_string())
        .map_err(|e| ApiError::Internal(format!("protocol number: {e}")))
}
