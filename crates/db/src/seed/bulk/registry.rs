//! The bulk registry: people living at the covered CAPs, most born in their own province, with
//! the codice fiscale the tax agency would give them.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use domain::codice_fiscale::{encode, Sex};
use domain::ids::CitizenId;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

use super::rows::{insert_all, max_id, CitizenRow};
use super::texts::{any, FEMALE_NAMES, MALE_NAMES, STREETS, SURNAMES};
use super::world::{BirthPlace, Reference};
use super::HISTORY_DAYS;
use crate::schema::citizens;
use crate::{AnyConnection, DbError};

/// The registry size at full scale; smaller runs get a quarter of N (at least a few hundred).
const MAX_CITIZENS: usize = 50_000;
/// Fewest registry people, so that small runs still spread over provinces.
const MIN_CITIZENS: usize = 200;

/// How many people the registry gets for `n` requests.
pub(super) fn registry_size(n: usize) -> usize {
    (n / 4).clamp(MIN_CITIZENS, MAX_CITIZENS)
}

/// A registry person, as far as requests need it.
pub(super) struct Person {
    pub(super) id: CitizenId,
    pub(super) cf: String,
    pub(super) province: String,
    /// The office covering the residence CAP.
    pub(super) office: usize,
}

/// Writes `count` registry people.
pub(super) fn seed_citizens(
    conn: &mut AnyConnection,
    rng: &mut StdRng,
    reference: &Reference,
    count: usize,
    now: NaiveDateTime,
) -> Result<Vec<Person>, DbError> {
    let registered = now - Duration::days(HISTORY_DAYS + 1);
    let mut births_by_province: HashMap<&str, Vec<&BirthPlace>> = HashMap::new();
    for place in &reference.birth_places {
        births_by_province
            .entry(place.province.as_str())
            .or_default()
            .push(place);
    }
    let oldest = NaiveDate::from_ymd_opt(1940, 1, 1)
        .ok_or_else(|| DbError::Seed("bad birth date range".into()))?;
    let first_id = max_id!(conn, citizens) + 1;
    let mut rows = Vec::with_capacity(count);
    let mut people = Vec::with_capacity(count);
    for id in (first_id..).take(count).map(CitizenId) {
        let place = &reference.places[rng.gen_range(0..reference.places.len())];
        let sex = if rng.gen_bool(0.5) {
            Sex::Female
        } else {
            Sex::Male
        };
        let surname = any(rng, SURNAMES);
        let name = any(
            rng,
            match sex {
                Sex::Female => FEMALE_NAMES,
                Sex::Male => MALE_NAMES,
            },
        );
        let birth_date = oldest + Duration::days(rng.gen_range(0..65 * 365));
        let local = births_by_province.get(place.province.as_str());
        let birth = match local {
            Some(local) if rng.gen_bool(0.7) => local.choose(rng).copied(),
            _ => reference.birth_places.choose(rng),
        }
        .ok_or_else(|| DbError::Seed("no comuni to be born in".into()))?;
        let cf = encode(surname, name, birth_date, sex, &birth.cadastral)
            .ok_or_else(|| {
                DbError::Seed(format!(
                    "no codice fiscale for {surname} {name}, born in {}",
                    birth.cadastral
                ))
            })?
            .as_str()
            .to_owned();
        people.push(Person {
            id,
            cf: cf.clone(),
            province: place.province.clone(),
            office: place.office,
        });
        rows.push(CitizenRow {
            id,
            codice_fiscale: cf,
            surname,
            name,
            birth_date,
            sex: match sex {
                Sex::Female => "F",
                Sex::Male => "M",
            },
            birth_comune: birth.name.clone(),
            birth_province: &birth.province,
            residence_address: format!("{} {}", any(rng, STREETS), rng.gen_range(1..300)),
            residence_comune: place.comune.clone(),
            residence_province: &place.province,
            residence_cap: &place.cap,
            created_at: registered,
        });
    }
    insert_all!(conn, citizens::table, rows, 13);
    Ok(people)
}
