//! Both sides of the channel: the bulk patronato offices with their operators and regional
//! referents, the officials of every INPS office, and the demo users who also write.

use std::collections::{HashMap, HashSet};

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use domain::enums::{Profile, RequestKind, Side};
use domain::ids::{OfficeId, PatronatoId, PatronatoOfficeId, RegionId, TopicId, UserId};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

use super::rows::{insert_all, max_id, PatronatoOfficeRow, UserRow};
use super::texts::{any, person_name, title_case, STREETS};
use super::world::{Place, Reference};
use super::HISTORY_DAYS;
use crate::schema::{official_topics, patronato_offices, provinces, user_profiles, users};
use crate::users::{ensure_patronato, find_by_username};
use crate::{AnyConnection, DbError};

/// Extra patronato offices (at most one per province).
const PATRONATO_OFFICES: usize = 100;

/// The patronati of the bulk offices: code, name as registered, short name used in office names.
/// INCA and ACLI already exist in the demo data and are reused by code.
const PATRONATI: &[(&str, &str, &str)] = &[
    ("INCA", "INCA CGIL", "INCA CGIL"),
    ("ACLI", "Patronato ACLI", "ACLI"),
    ("INAS", "INAS CISL", "INAS CISL"),
    ("ITAL", "ITAL UIL", "ITAL UIL"),
    ("EPACA", "EPACA", "EPACA"),
];

/// A patronato user who writes requests.
pub(super) struct Sender {
    pub(super) user_id: UserId,
    pub(super) patronato_id: PatronatoId,
    pub(super) office_id: PatronatoOfficeId,
    /// Province code of the patronato office: most people it serves live there.
    pub(super) province: String,
    /// Region of a referent (regional requests).
    pub(super) region_id: Option<RegionId>,
}

/// The users and offices written by [`seed_people_of_both_sides`].
pub(super) struct BothSides {
    pub(super) senders: Vec<Sender>,
    /// Sender index and weight of each bulk operator.
    pub(super) bulk_operators: Vec<(usize, u32)>,
    pub(super) referents: Vec<usize>,
    /// Officials per INPS office.
    pub(super) officials: HashMap<OfficeId, Vec<UserId>>,
    pub(super) users: usize,
    pub(super) patronato_offices: usize,
}

/// Patronato offices, operators and referents, and the officials of every INPS office.
pub(super) fn seed_people_of_both_sides(
    conn: &mut AnyConnection,
    rng: &mut StdRng,
    reference: &Reference,
    password_hash: &str,
    now: NaiveDateTime,
) -> Result<BothSides, DbError> {
    // Users exist before the oldest request they write or answer.
    let joined = now - Duration::days(HISTORY_DAYS + 1);
    let mut patronati = Vec::new();
    for (code, name, short) in PATRONATI {
        patronati.push((ensure_patronato(conn, code, name)?, *short));
    }
    let mut office_names: HashSet<String> = patronato_offices::table
        .select(patronato_offices::name)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let mut places_by_province: HashMap<&str, Vec<&Place>> = HashMap::new();
    for place in &reference.places {
        places_by_province
            .entry(place.province.as_str())
            .or_default()
            .push(place);
    }
    let mut chosen: Vec<&(i64, String, String, RegionId)> = reference
        .provinces
        .iter()
        .filter(|(_, code, _, _)| places_by_province.contains_key(code.as_str()))
        .collect();
    chosen.shuffle(rng);
    chosen.truncate(PATRONATO_OFFICES);

    let mut office_id = max_id!(conn, patronato_offices);
    let mut offices = Vec::new();
    // (patronato id, region id, office id, province code, weight) of each new office.
    let mut placed = Vec::new();
    for (province_id, province_code, province_name, region_id) in chosen {
        let Some(places) = places_by_province.get(province_code.as_str()) else {
            continue;
        };
        // Patronato offices sit in the chief town when the province is named after it.
        let chief_town = province_name.to_uppercase();
        let in_town: Vec<&Place> = places
            .iter()
            .copied()
            .filter(|p| p.comune == chief_town)
            .collect();
        let Some(place) = in_town.choose(rng).or_else(|| places.choose(rng)) else {
            continue;
        };
        let (patronato_id, short) = patronati[rng.gen_range(0..patronati.len())];
        let comune = title_case(&[place.comune.as_str()]);
        let mut name = format!("{short} {comune}");
        let mut suffix = 2;
        while office_names.contains(&name) {
            name = format!("{short} {comune} {suffix}");
            suffix += 1;
        }
        office_names.insert(name.clone());
        office_id += 1;
        offices.push(PatronatoOfficeRow {
            id: PatronatoOfficeId(office_id),
            patronato_id,
            name,
            province_id: *province_id,
            address: format!("{} {}", any(rng, STREETS), rng.gen_range(1..200)),
            cap: place.cap.clone(),
            comune,
        });
        // Offices differ in size: a weight of 1 to 6 shares of the requests.
        placed.push((
            patronato_id,
            *region_id,
            PatronatoOfficeId(office_id),
            province_code.clone(),
            rng.gen_range(1..=6),
        ));
    }
    insert_all!(conn, patronato_offices::table, offices, 7);

    let mut user_id = max_id!(conn, users);
    let mut rows = Vec::new();
    let mut profiles = Vec::new();
    let profile = |user: UserId, profile: Profile| {
        (
            user_profiles::user_id.eq(user),
            user_profiles::profile.eq(profile),
        )
    };
    let mut senders = Vec::new();
    let mut bulk_operators = Vec::new();
    let mut referents = Vec::new();
    let mut patronato_user = |username: String,
                              patronato: PatronatoId,
                              office: PatronatoOfficeId,
                              region: Option<RegionId>| {
        user_id += 1;
        rows.push(UserRow {
            id: UserId(user_id),
            email: Some(format!("{username}@bulk.combipat.it")),
            username,
            password_hash,
            full_name: person_name(rng),
            side: Side::Patronato,
            patronato_id: Some(patronato),
            patronato_office_id: Some(office),
            region_id: region,
            inps_office_id: None,
            active: true,
            created_at: joined,
        });
        UserId(user_id)
    };
    let mut operators = 0;
    let mut referent_pairs = HashSet::new();
    for (patronato_id, region_id, office_id, province, weight) in &placed {
        let staff = if *weight >= 4 { 3 } else { 2 };
        for _ in 0..staff {
            operators += 1;
            let id = patronato_user(
                format!("bulk.op.{operators}"),
                *patronato_id,
                *office_id,
                None,
            );
            profiles.push(profile(id, Profile::Operator));
            bulk_operators.push((senders.len(), *weight));
            senders.push(Sender {
                user_id: id,
                patronato_id: *patronato_id,
                office_id: *office_id,
                province: province.clone(),
                region_id: None,
            });
        }
        // One referent per patronato and region, at the first office it has there.
        if referent_pairs.insert((*patronato_id, *region_id)) {
            let id = patronato_user(
                format!("bulk.ref.{}", referent_pairs.len()),
                *patronato_id,
                *office_id,
                Some(*region_id),
            );
            profiles.push(profile(id, Profile::RegionalReferent));
            profiles.push(profile(id, Profile::Operator));
            referents.push(senders.len());
            senders.push(Sender {
                user_id: id,
                patronato_id: *patronato_id,
                office_id: *office_id,
                province: province.clone(),
                region_id: Some(*region_id),
            });
        }
    }

    let citizen_topics: Vec<TopicId> = reference
        .topics
        .iter()
        .filter(|(_, citizen, _)| *citizen)
        .map(|(t, _, _)| t.id)
        .collect();
    let regional_topics: Vec<TopicId> = reference
        .topics
        .iter()
        .filter(|(_, _, regional)| *regional)
        .map(|(t, _, _)| t.id)
        .collect();
    // The officials already there (the demo ones: funzionario1 at Pomezia, funzionario2 at
    // CRIC Lazio) answer bulk requests too, so their queues are realistic.
    let mut officials: HashMap<OfficeId, Vec<UserId>> = HashMap::new();
    let existing: Vec<(UserId, Option<OfficeId>)> = users::table
        .inner_join(user_profiles::table)
        .filter(user_profiles::profile.eq(Profile::Official))
        .filter(users::active.eq(true))
        .select((users::id, users::inps_office_id))
        .load(conn)?;
    for (id, office) in existing {
        if let Some(office) = office {
            officials.entry(office).or_default().push(id);
        }
    }
    let mut handled = Vec::new();
    let mut counted = 0;
    for office in &reference.offices {
        for _ in 0..rng.gen_range(1..=3) {
            counted += 1;
            user_id += 1;
            let id = UserId(user_id);
            let username = format!("bulk.fz.{counted}");
            rows.push(UserRow {
                id,
                email: Some(format!("{username}@bulk.inps.it")),
                username,
                password_hash,
                full_name: person_name(rng),
                side: Side::Inps,
                patronato_id: None,
                patronato_office_id: None,
                region_id: None,
                inps_office_id: Some(office.id),
                active: true,
                created_at: joined,
            });
            profiles.push(profile(id, Profile::Official));
            // CRIC officials answer the regional questions, the others the citizens' cases.
            let topics = if office.kind.receives(RequestKind::Regional) {
                &regional_topics
            } else {
                &citizen_topics
            };
            handled.extend(topics.iter().map(|topic| {
                (
                    official_topics::user_id.eq(id),
                    official_topics::topic_id.eq(*topic),
                )
            }));
            officials.entry(office.id).or_default().push(id);
        }
    }
    let users = rows.len();
    insert_all!(conn, users::table, rows, 12);
    insert_all!(conn, user_profiles::table, profiles, 2);
    insert_all!(conn, official_topics::table, handled, 2);
    Ok(BothSides {
        senders,
        bulk_operators,
        referents,
        officials,
        users,
        patronato_offices: offices.len(),
    })
}

/// A demo user who also writes bulk requests, so the demo sign-ins show a long history.
pub(super) fn demo_sender(
    conn: &mut AnyConnection,
    username: &str,
    region: bool,
) -> Result<Sender, DbError> {
    let user = find_by_username(conn, username)?
        .ok_or_else(|| DbError::Seed(format!("{username} missing: load the demo data first")))?;
    let (Some(patronato_id), Some(office_id)) = (user.patronato_id, user.patronato_office_id)
    else {
        return Err(DbError::Seed(format!("{username} has no patronato office")));
    };
    let province: String = patronato_offices::table
        .inner_join(provinces::table)
        .filter(patronato_offices::id.eq(office_id))
        .select(provinces::code)
        .first(conn)?;
    Ok(Sender {
        user_id: user.id,
        patronato_id,
        office_id,
        province,
        region_id: user.region_id.filter(|_| region),
    })
}
