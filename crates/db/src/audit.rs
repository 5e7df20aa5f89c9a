//! The audit trail: every read of personal data and every write.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::audit_log;
use crate::{AnyConnection, DbError};

/// One audit entry to write.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewAuditEntry {
    /// When.
    pub at: NaiveDateTime,
    /// Who (none for failed sign-ins of unknown users).
    pub user_id: Option<i64>,
    /// Active profile.
    pub profile: Option<String>,
    /// Patronato of the actor, so a patronato admin can read its own trail.
    pub patronato_id: Option<i64>,
    /// INPS office of the actor.
    pub inps_office_id: Option<i64>,
    /// What: `read`, `search`, `create`, `sign_in`, …
    pub action: String,
    /// On what: `citizen`, `request`, `session`, …
    pub resource_type: String,
    /// Which one.
    pub resource_id: Option<String>,
    /// Free detail (search criteria, never secrets).
    pub detail: Option<String>,
}

/// Writes one entry.
pub fn record(conn: &mut AnyConnection, entry: &NewAuditEntry) -> Result<(), DbError> {
    diesel::insert_into(audit_log::table)
        .values(entry)
        .execute(conn)?;
    Ok(())
}

/// How many entries exist for a resource (used by tests and the audit API).
pub fn count_for(conn: &mut AnyConnection, resource_type: &str) -> Result<i64, DbError> {
    Ok(audit_log::table
        .filter(audit_log::resource_type.eq(resource_type))
        .count()
        .get_result(conn)?)
}
