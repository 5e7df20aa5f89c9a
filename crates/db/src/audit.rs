//! The audit trail: every read of personal data and every write.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use domain::enums::{AuditAction, AuditResource, Profile};
use domain::ids::{OfficeId, PatronatoId, UserId};

use crate::schema::audit_log;
use crate::{AnyConnection, DbError};

/// One audit entry to write.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log, treat_none_as_default_value = false)]
pub struct NewAuditEntry {
    /// When.
    pub at: NaiveDateTime,
    /// Who (none for failed sign-ins of unknown users).
    pub user_id: Option<UserId>,
    /// Active profile.
    pub profile: Option<Profile>,
    /// Patronato of the actor, so a patronato admin can read its own trail.
    pub patronato_id: Option<PatronatoId>,
    /// INPS office of the actor.
    pub inps_office_id: Option<OfficeId>,
    /// What.
    pub action: AuditAction,
    /// On what.
    pub resource_type: AuditResource,
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

/// Writes entries with one multi-row insert.
pub fn record_all(conn: &mut AnyConnection, entries: &[NewAuditEntry]) -> Result<(), DbError> {
    // Multi-row inserts are backend syntax: the multi-backend connection cannot build one.
    let insert = diesel::insert_into(audit_log::table).values(entries);
    match conn {
        AnyConnection::Postgresql(c) => insert.execute(c)?,
        // In turn with the other writers (`write_tx`), not polling for the lock.
        AnyConnection::Sqlite(_) => crate::write_tx(conn, |conn| match conn {
            AnyConnection::Sqlite(c) => insert.execute(c),
            AnyConnection::Postgresql(c) => insert.execute(c),
        })?,
    };
    Ok(())
}

/// A stored audit entry with the actor's username.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    /// Id (the list is ordered by it, newest first).
    pub id: i64,
    /// When.
    pub at: NaiveDateTime,
    /// Who.
    pub user_id: Option<UserId>,
    /// Their username.
    pub username: Option<String>,
    /// Active profile.
    pub profile: Option<Profile>,
    /// What.
    pub action: AuditAction,
    /// On what.
    pub resource_type: AuditResource,
    /// Which one.
    pub resource_id: Option<String>,
    /// Detail.
    pub detail: Option<String>,
}

/// Filters of the audit list.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Only actions of users of this patronato.
    pub patronato_id: Option<PatronatoId>,
    /// Only this user.
    pub user_id: Option<UserId>,
    /// Only this kind of resource.
    pub resource_type: Option<AuditResource>,
    /// Only this resource.
    pub resource_id: Option<String>,
    /// From this instant.
    pub from: Option<NaiveDateTime>,
    /// Before this instant.
    pub before: Option<NaiveDateTime>,
    /// Only entries older than this id (keyset pagination).
    pub before_id: Option<i64>,
    /// Page size.
    pub limit: i64,
}

/// Audit entries, newest first.
pub fn list(conn: &mut AnyConnection, filter: &AuditFilter) -> Result<Vec<AuditEntry>, DbError> {
    use crate::schema::users;
    let mut query = audit_log::table
        .left_join(users::table.on(users::id.nullable().eq(audit_log::user_id)))
        .order(audit_log::id.desc())
        .limit(filter.limit)
        .filter(crate::fixed_sql::PlannedEachTime)
        .into_boxed();
    if let Some(patronato) = filter.patronato_id {
        query = query.filter(audit_log::patronato_id.eq(patronato));
    }
    if let Some(user) = filter.user_id {
        query = query.filter(audit_log::user_id.eq(user));
    }
    if let Some(kind) = &filter.resource_type {
        query = query.filter(audit_log::resource_type.eq(*kind));
    }
    if let Some(id) = &filter.resource_id {
        query = query.filter(audit_log::resource_id.eq(id.clone()));
    }
    if let Some(from) = filter.from {
        query = query.filter(audit_log::at.ge(from));
    }
    if let Some(before) = filter.before {
        query = query.filter(audit_log::at.lt(before));
    }
    if let Some(before_id) = filter.before_id {
        query = query.filter(audit_log::id.lt(before_id));
    }
    type Row = (
        i64,
        NaiveDateTime,
        Option<UserId>,
        Option<String>,
        Option<Profile>,
        AuditAction,
        AuditResource,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = query
        .select((
            audit_log::id,
            audit_log::at,
            audit_log::user_id,
            users::username.nullable(),
            audit_log::profile,
            audit_log::action,
            audit_log::resource_type,
            audit_log::resource_id,
            audit_log::detail,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, at, user_id, username, profile, action, resource_type, resource_id, detail)| {
                AuditEntry {
                    id,
                    at,
                    user_id,
                    username,
                    profile,
                    action,
                    resource_type,
                    resource_id,
                    detail,
                }
            },
        )
        .collect())
}
