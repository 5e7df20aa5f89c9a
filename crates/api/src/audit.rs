//! Writing the audit trail from handlers.

use chrono::{DateTime, Utc};
use db::audit::NewAuditEntry;
use db::AnyConnection;
use domain::enums::{AuditAction, AuditResource};

use crate::auth::AuthUser;
use crate::error::ApiError;

/// Records that `user` did `action` on a resource.
pub fn record(
    conn: &mut AnyConnection,
    user: &AuthUser,
    at: DateTime<Utc>,
    action: AuditAction,
    resource_type: AuditResource,
    resource_id: Option<String>,
    detail: Option<String>,
) -> Result<(), ApiError> {
    db::audit::record(
        conn,
        &NewAuditEntry {
            at: at.naive_utc(),
            user_id: Some(user.user_id),
            profile: Some(user.profile),
            patronato_id: user.patronato_id,
            inps_office_id: user.inps_office_id,
            action,
            resource_type,
            resource_id,
            detail,
        },
    )?;
    Ok(())
}
