//! Practices (pratiche) and the people linked to them with a role.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use domain::enums::{PracticeKind, PracticeRole};
use domain::ids::CitizenId;

use crate::schema::{practice_people, practices};
use crate::{AnyConnection, DbError};

/// The role a person has in the practice `kind` + `number`; `None` when there is no such
/// practice or the person is not linked to it.
pub fn role_in(
    conn: &mut AnyConnection,
    kind: PracticeKind,
    number: &str,
    citizen_id: CitizenId,
) -> Result<Option<PracticeRole>, DbError> {
    let practice: Option<i64> = practices::table
        .filter(practices::kind.eq(kind))
        .filter(practices::number.eq(number))
        .select(practices::id)
        .first(conn)
        .optional()?;
    let Some(practice_id) = practice else {
        return Ok(None);
    };
    Ok(practice_people::table
        .filter(practice_people::practice_id.eq(practice_id))
        .filter(practice_people::citizen_id.eq(citizen_id))
        .select(practice_people::role)
        .first(conn)
        .optional()?)
}

/// Creates a practice (or finds the existing one) and links a person to it with a role.
pub fn link_person(
    conn: &mut AnyConnection,
    kind: PracticeKind,
    number: &str,
    citizen_id: CitizenId,
    role: PracticeRole,
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
