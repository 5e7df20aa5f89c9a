//! The citizen registry (anagrafica). In production this is INPS's registry; here a table.
//!
//! The codice fiscale is not a key: omocodia means two people may share one, so every lookup
//! returns all matches and a request always points to a registry row id.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use domain::ids::CitizenId;

use crate::schema::citizens;
use crate::{AnyConnection, DbError};

/// A person of the registry.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = citizens)]
pub struct Citizen {
    /// Registry id.
    pub id: CitizenId,
    /// Codice fiscale, exactly as registered.
    pub codice_fiscale: String,
    /// Surname, upper case.
    pub surname: String,
    /// Given name(s), upper case.
    pub name: String,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// `M` or `F`.
    pub sex: String,
    /// Comune (or foreign country) of birth.
    pub birth_comune: String,
    /// Province sigla of birth (`EE` abroad).
    pub birth_province: String,
    /// Street address of residence.
    pub residence_address: String,
    /// Comune of residence.
    pub residence_comune: String,
    /// Province sigla of residence.
    pub residence_province: String,
    /// CAP of residence.
    pub residence_cap: String,
}

/// A person to add to the registry.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = citizens)]
pub struct NewCitizen {
    /// Codice fiscale.
    pub codice_fiscale: String,
    /// Surname, upper case.
    pub surname: String,
    /// Given name(s), upper case.
    pub name: String,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// `M` or `F`.
    pub sex: String,
    /// Comune of birth.
    pub birth_comune: String,
    /// Province sigla of birth.
    pub birth_province: String,
    /// Street address.
    pub residence_address: String,
    /// Comune of residence.
    pub residence_comune: String,
    /// Province sigla of residence.
    pub residence_province: String,
    /// CAP of residence.
    pub residence_cap: String,
    /// When the row was written.
    pub created_at: NaiveDateTime,
}

/// Every person registered with exactly this codice fiscale.
pub fn find_by_cf(conn: &mut AnyConnection, cf: &str) -> Result<Vec<Citizen>, DbError> {
    Ok(citizens::table
        .filter(citizens::codice_fiscale.eq(cf))
        .order(citizens::id.asc())
        .select(Citizen::as_select())
        .load(conn)?)
}

/// Every person with this surname, name and birth date (homonyms included).
pub fn find_by_identity(
    conn: &mut AnyConnection,
    surname: &str,
    name: &str,
    birth_date: NaiveDate,
) -> Result<Vec<Citizen>, DbError> {
    Ok(citizens::table
        .filter(citizens::surname.eq(normalise_name(surname)))
        .filter(citizens::name.eq(normalise_name(name)))
        .filter(citizens::birth_date.eq(birth_date))
        .order(citizens::id.asc())
        .select(Citizen::as_select())
        .load(conn)?)
}

/// One person by registry id.
pub fn get_citizen(conn: &mut AnyConnection, id: CitizenId) -> Result<Option<Citizen>, DbError> {
    Ok(citizens::table
        .find(id)
        .select(Citizen::as_select())
        .first(conn)
        .optional()?)
}

/// Adds a person to the registry; returns the registry id.
pub fn insert_citizen(conn: &mut AnyConnection, row: &NewCitizen) -> Result<CitizenId, DbError> {
    Ok(diesel::insert_into(citizens::table)
        .values(row)
        .returning(citizens::id)
        .get_result(conn)?)
}

/// Names are stored upper case with single spaces, as the registry prints them.
pub fn normalise_name(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_uppercase()
}
