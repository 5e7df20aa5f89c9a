//! Requests: create, history, detail, conversation, INPS actions, reminders.

pub mod attachments;
pub mod create;
pub mod detail;
pub mod inps;
pub mod list;
pub mod messages;
pub mod reminders;
pub mod summary;

use db::requests::Request;
use db::AnyConnection;
use domain::ids::RequestId;
use types::requests::RequestDetail;

use chrono::{DateTime, Utc};
use domain::enums::{AuditAction, AuditResource};

use crate::audit::Trail;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::reference::Reference;
use crate::requests::access::{ensure_readable, not_found};

/// Loads (and on PostgreSQL locks) a request the user may read, or 404.
pub fn readable(
    conn: &mut AnyConnection,
    user: &AuthUser,
    id: RequestId,
    lock: bool,
) -> Result<Request, ApiError> {
    let request = if lock {
        db::requests::lock_request(conn, id)?
    } else {
        db::requests::get_request(conn, id)?
    }
    .ok_or_else(not_found)?;
    ensure_readable(user, &request)?;
    Ok(request)
}

/// Loads a request the user may read and records the read (`part` names what of it was read:
/// `None` for the whole detail).
pub fn read(
    conn: &mut AnyConnection,
    trail: &Trail,
    user: &AuthUser,
    id: RequestId,
    part: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Request, ApiError> {
    let request = readable(conn, user, id, false)?;
    record_read(trail, user, id, part, now)?;
    Ok(request)
}

/// Records that `user` read (`part` of) request `id`.
fn record_read(
    trail: &Trail,
    user: &AuthUser,
    id: RequestId,
    part: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    trail.read(
        user,
        now,
        AuditAction::Read,
        AuditResource::Request,
        Some(id.to_string()),
        part.map(str::to_owned),
    )
}

/// The detail of a request the user may read, recording the read (`part` as in [`read`]).
pub fn read_detail(
    conn: &mut AnyConnection,
    trail: &Trail,
    reference: &Reference,
    user: &AuthUser,
    id: RequestId,
    part: Option<&str>,
    now: DateTime<Utc>,
) -> Result<RequestDetail, ApiError> {
    let detail = crate::requests::detail::load(conn, reference, user, id, now)?;
    record_read(trail, user, id, part, now)?;
    Ok(detail)
}

/// The detail of the request as `user` sees it now, as the JSON body a write stores for its
/// idempotency key.
pub fn detail_json(
    conn: &mut AnyConnection,
    reference: &Reference,
    user: &AuthUser,
    id: RequestId,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let detail = crate::requests::detail::load(conn, reference, user, id, now)?;
    serde_json::to_string(&detail).map_err(|e| ApiError::Internal(e.to_string()))
}
