//! Practices (pratiche) and the people linked to them with a role.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::{practice_people, practices};
use crate::{AnyConnection, DbError};

/// The role a person has in a practice, if the practice exists and the person is linked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// No practice of that kind and number.
    NoPractice,
    /// The practice exists but the person is not linked to it.
    NotLinked,
    /// Linked with this role.
    Role(String),
}

/// How a person is linked to the practice `kind` + `number`.
pub fn link_of(
    conn: &mut AnyConnection,
    kind: &str,
    number: &str,
    citizen_id: i64,
) -> Result<Link, DbError> {
    let practice: Option<i64> = practices::table
        .filter(practices::kind.eq(kind))
        .filter(practices::number.eq(number))
        .select(practices::id)
        .first(conn)
        .optional()?;
    let Some(practice_id) = practice else {
        return Ok(Link::NoPractice);
    };
    let role: Option<String> = practice_people::table
        .filter(practice_people::practice_id.eq(practice_id))
        .filter(practice_people::citizen_id.eq(citizen_id))
        .select(practice_people::role)
        .first(conn)
        .optional()?;
    Ok(role.map_or(Link::NotLinked, Link::Role))
}

/// Creates a practice (or finds the existing one) and links a person to it with a role.
pub fn link_person(
    conn: &mut AnyConnection,
    kind: &str,
    number: &str,
    citizen_id: i64,
    role: &str,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    let existing: Option<i64> = practices::table
        .filter(practices::kind.eq(kind))
        .filter(practices::number.eq(number))
        .select(practices::id)
        .first(conn)
        .optional()?;
    let practice_id = match existing {
        Some(id) => id,
        None => diesel::insert_into(practices::table)
            .values((
                practices::kind.eq(kind),
                practices::number.eq(number),
                practices::created_at.eq(now),
            ))
            .returning(practices::id)
            .get_result(conn)?,
    };
    diesel::insert_into(practice_people::table)
        .values((
            practice_people::practice_id.eq(practice_id),
            practice_people::citizen_id.eq(citizen_id),
            practice_people::role.eq(role),
        ))
        .execute(conn)?;
    Ok(())
}
