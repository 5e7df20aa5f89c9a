//! Users of both sides, their profiles, patronati and patronato offices.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use domain::enums::{Profile, Side};
use domain::ids::{OfficeId, PatronatoId, PatronatoOfficeId, RegionId, TopicId, UserId};

use crate::offices::{get_office, Office};
use crate::schema::{
    official_topics, patronati, patronato_offices, provinces, regions, user_profiles, users,
};
use crate::territory::Region;
use crate::{AnyConnection, DbError};

/// A user account.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    /// Row id.
    pub id: UserId,
    /// Sign-in name.
    pub username: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Name and surname.
    pub full_name: String,
    /// Contact address.
    pub email: Option<String>,
    /// Side of the user.
    pub side: Side,
    /// Patronato of a patronato user.
    pub patronato_id: Option<PatronatoId>,
    /// Patronato office of a patronato user.
    pub patronato_office_id: Option<PatronatoOfficeId>,
    /// Region of a regional referent.
    pub region_id: Option<RegionId>,
    /// INPS office of an official.
    pub inps_office_id: Option<OfficeId>,
    /// Whether the user may sign in.
    pub active: bool,
}

/// A user to create.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser {
    /// Sign-in name.
    pub username: String,
    /// argon2id PHC string.
    pub password_hash: String,
    /// Name and surname.
    pub full_name: String,
    /// Contact address.
    pub email: Option<String>,
    /// Side of the user.
    pub side: Side,
    /// Patronato of a patronato user.
    pub patronato_id: Option<PatronatoId>,
    /// Patronato office of a patronato user.
    pub patronato_office_id: Option<PatronatoOfficeId>,
    /// Region of a regional referent.
    pub region_id: Option<RegionId>,
    /// INPS office of an official.
    pub inps_office_id: Option<OfficeId>,
    /// Creation time.
    pub created_at: NaiveDateTime,
}

/// A patronato office with its patronato.
#[derive(Debug, Clone)]
pub struct PatronatoOffice {
    /// Row id.
    pub id: PatronatoOfficeId,
    /// Name ("INCA CGIL Roma").
    pub name: String,
    /// Province sigla.
    pub province_code: String,
    /// Patronato id.
    pub patronato_id: PatronatoId,
    /// Patronato name.
    pub patronato_name: String,
}

/// Where a user belongs, for `/me` and for authorization.
#[derive(Debug, Clone, Default)]
pub struct UserContext {
    /// Patronato (id, name).
    pub patronato: Option<(PatronatoId, String)>,
    /// Patronato office.
    pub patronato_office: Option<PatronatoOffice>,
    /// Region of a referent.
    pub region: Option<Region>,
    /// INPS office of an official.
    pub inps_office: Option<Office>,
}

/// The active user with this username.
pub fn find_by_username(conn: &mut AnyConnection, username: &str) -> Result<Option<User>, DbError> {
    Ok(users::table
        .filter(users::username.eq(username))
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// One user by id.
pub fn get_user(conn: &mut AnyConnection, id: UserId) -> Result<Option<User>, DbError> {
    Ok(users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()?)
}

/// The profiles granted to a user.
pub fn profiles_of(conn: &mut AnyConnection, user_id: UserId) -> Result<Vec<Profile>, DbError> {
    Ok(user_profiles::table
        .filter(user_profiles::user_id.eq(user_id))
        .select(user_profiles::profile)
        .load(conn)?)
}

/// The patronato, office, region and INPS office a user belongs to.
pub fn context_of(conn: &mut AnyConnection, user: &User) -> Result<UserContext, DbError> {
    let mut context = UserContext::default();
    if let Some(id) = user.patronato_id {
        context.patronato = patronati::table
            .find(id)
            .select((patronati::id, patronati::name))
            .first(conn)
            .optional()?;
    }
    if let Some(id) = user.patronato_office_id {
        context.patronato_office = patronato_office(conn, id)?;
    }
    if let Some(id) = user.region_id {
        context.region = regions::table
            .find(id)
            .select(Region::as_select())
            .first(conn)
            .optional()?;
    }
    if let Some(id) = user.inps_office_id {
        context.inps_office = get_office(conn, id)?;
    }
    Ok(context)
}

type PatronatoOfficeRow = (PatronatoOfficeId, String, String, PatronatoId, String);

macro_rules! patronato_office_query {
    () => {
        patronato_offices::table
            .inner_join(patronati::table)
            .inner_join(provinces::table)
            .select((
                patronato_offices::id,
                patronato_offices::name,
                provinces::code,
                patronati::id,
                patronati::name,
            ))
    };
}

fn patronato_office_of(
    (id, name, province_code, patronato_id, patronato_name): PatronatoOfficeRow,
) -> PatronatoOffice {
    PatronatoOffice {
        id,
        name,
        province_code,
        patronato_id,
        patronato_name,
    }
}

/// One patronato office with its patronato.
pub fn patronato_office(
    conn: &mut AnyConnection,
    id: PatronatoOfficeId,
) -> Result<Option<PatronatoOffice>, DbError> {
    let row: Option<PatronatoOfficeRow> = patronato_office_query!()
        .filter(patronato_offices::id.eq(id))
        .first(conn)
        .optional()?;
    Ok(row.map(patronato_office_of))
}

/// Every patronato office with its patronato: the reference cache of the API.
pub fn all_patronato_offices(conn: &mut AnyConnection) -> Result<Vec<PatronatoOffice>, DbError> {
    let rows: Vec<PatronatoOfficeRow> = patronato_office_query!()
        .order(patronato_offices::id.asc())
        .load(conn)?;
    Ok(rows.into_iter().map(patronato_office_of).collect())
}

/// Creates a user with its profiles; returns the new id.
pub fn create_user(
    conn: &mut AnyConnection,
    user: &NewUser,
    profiles: &[Profile],
) -> Result<UserId, DbError> {
    let id: UserId = diesel::insert_into(users::table)
        .values(user)
        .returning(users::id)
        .get_result(conn)?;
    for profile in profiles {
        diesel::insert_into(user_profiles::table)
            .values((
                user_profiles::user_id.eq(id),
                user_profiles::profile.eq(*profile),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// Records the topics an official handles.
pub fn set_official_topics(
    conn: &mut AnyConnection,
    user_id: UserId,
    topic_ids: &[TopicId],
) -> Result<(), DbError> {
    diesel::delete(official_topics::table.filter(official_topics::user_id.eq(user_id)))
        .execute(conn)?;
    for topic_id in topic_ids {
        diesel::insert_into(official_topics::table)
            .values((
                official_topics::user_id.eq(user_id),
                official_topics::topic_id.eq(*topic_id),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Creates a patronato, or returns the id of the one with that code.
pub fn ensure_patronato(
    conn: &mut AnyConnection,
    code: &str,
    name: &str,
) -> Result<PatronatoId, DbError> {
    let existing: Option<PatronatoId> = patronati::table
        .filter(patronati::code.eq(code))
        .select(patronati::id)
        .first(conn)
        .optional()?;
    match existing {
        Some(id) => Ok(id),
        None => Ok(diesel::insert_into(patronati::table)
            .values((patronati::code.eq(code), patronati::name.eq(name)))
            .returning(patronati::id)
            .get_result(conn)?),
    }
}

/// A patronato office to create.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = patronato_offices)]
pub struct NewPatronatoOffice {
    /// Patronato id.
    pub patronato_id: PatronatoId,
    /// Name.
    pub name: String,
    /// Province row id.
    pub province_id: i64,
    /// Street address.
    pub address: String,
    /// CAP.
    pub cap: String,
    /// Comune.
    pub comune: String,
}

/// Creates a patronato office; returns its id.
pub fn create_patronato_office(
    conn: &mut AnyConnection,
    office: &NewPatronatoOffice,
) -> Result<PatronatoOfficeId, DbError> {
    Ok(diesel::insert_into(patronato_offices::table)
        .values(office)
        .returning(patronato_offices::id)
        .get_result(conn)?)
}
