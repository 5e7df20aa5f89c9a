//! Demo data: two patronati, one user per profile, citizens (omocodia and homonymy cases
//! included) and practices. Documented in the README; acceptance checks rely on it.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use domain::enums::{PracticeKind, PracticeRole, Profile, Side};
use domain::ids::{OfficeId, PatronatoId, PatronatoOfficeId, TopicId, UserId};

use crate::appointments::{insert_point, insert_slots, NewSlots};

use crate::citizens::{insert_citizen, NewCitizen};
use crate::offices::cric_of_region;
use crate::passwords::hash_password;
use crate::practices::link_person;
use crate::schema::{inps_offices, provinces, topics};
use crate::territory::region_by_code;
use crate::users::{
    create_patronato_office, create_user, ensure_patronato, find_by_username, set_official_topics,
    NewPatronatoOffice, NewUser,
};
use crate::{write_tx, AnyConnection, DbError};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "combipat-demo";

/// One demo citizen: CF, surname, name, birth date, sex, birth comune and province,
/// residence address, comune, province and CAP.
type DemoCitizen = (
    &'static str,
    &'static str,
    &'static str,
    (i32, u32, u32),
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

const CITIZENS: &[DemoCitizen] = &[
    (
        "BNCMRA50A01H501U",
        "BIANCHI",
        "MARIO",
        (1950, 1, 1),
        "M",
        "ROMA",
        "RM",
        "Via dei Castelli Romani 12",
        "POMEZIA",
        "RM",
        "00071",
    ),
    // Omocodia: a different person whose natural code is the same.
    (
        "BNCMRA50A01H501U",
        "BIANCHINI",
        "MARIO",
        (1950, 1, 1),
        "M",
        "ROMA",
        "RM",
        "Via Tiburtina 150",
        "ROMA",
        "RM",
        "00185",
    ),
    // Homonyms: same surname, name and birth date, different codes.
    (
        "RSSGPP60E12F839K",
        "ROSSI",
        "GIUSEPPE",
        (1960, 5, 12),
        "M",
        "NAPOLI",
        "NA",
        "Via Toledo 45",
        "NAPOLI",
        "NA",
        "80134",
    ),
    (
        "RSSGPP60E12F205L",
        "ROSSI",
        "GIUSEPPE",
        (1960, 5, 12),
        "M",
        "MILANO",
        "MI",
        "Corso Buenos Aires 20",
        "MILANO",
        "MI",
        "20124",
    ),
    (
        "SPSNNA72S63G811M",
        "ESPOSITO",
        "ANNA",
        (1972, 11, 23),
        "F",
        "POMEZIA",
        "RM",
        "Via Roma 8",
        "POMEZIA",
        "RM",
        "00071",
    ),
    (
        "CLMLCU85L03F205Y",
        "COLOMBO",
        "LUCA",
        (1985, 7, 3),
        "M",
        "MILANO",
        "MI",
        "Via Padova 101",
        "MILANO",
        "MI",
        "20127",
    ),
    (
        "FRRFNC58B55L219M",
        "FERRARI",
        "FRANCESCA",
        (1958, 2, 15),
        "F",
        "TORINO",
        "TO",
        "Via Nizza 30",
        "TORINO",
        "TO",
        "10125",
    ),
    (
        "RSSSVT48P30G273E",
        "RUSSO",
        "SALVATORE",
        (1948, 9, 30),
        "M",
        "PALERMO",
        "PA",
        "Via Maqueda 210",
        "PALERMO",
        "PA",
        "90133",
    ),
    (
        "RMNGLI90D48A662F",
        "ROMANO",
        "GIULIA",
        (1990, 4, 8),
        "F",
        "BARI",
        "BA",
        "Via Sparano 77",
        "BARI",
        "BA",
        "70121",
    ),
    (
        "GLLNTN55T19M213T",
        "GALLO",
        "ANTONIO",
        (1955, 12, 19),
        "M",
        "ARDEA",
        "RM",
        "Via Laurentina 5",
        "ARDEA",
        "RM",
        "00040",
    ),
];

/// Practice kind, number, index into [`CITIZENS`], role.
const PRACTICES: &[(PracticeKind, &str, usize, PracticeRole)] = &[
    (PracticeKind::Pension, "12345678", 0, PracticeRole::Holder),
    (PracticeKind::Pension, "87654321", 0, PracticeRole::Heir),
    (PracticeKind::Pension, "87654321", 9, PracticeRole::Holder),
    (
        PracticeKind::Protocol,
        "INPS.7013.01/02/2026.0000001",
        0,
        PracticeRole::Holder,
    ),
    (
        PracticeKind::Domus,
        "DOM2025000042",
        0,
        PracticeRole::Holder,
    ),
    (PracticeKind::Pension, "11223344", 4, PracticeRole::Holder),
    (
        PracticeKind::Pension,
        "11223344",
        8,
        PracticeRole::SupportAdministrator,
    ),
    (PracticeKind::Rdc, "RDC2023000777", 6, PracticeRole::Holder),
    (PracticeKind::Rem, "REM2021000123", 7, PracticeRole::Holder),
];

fn province_id(conn: &mut AnyConnection, code: &str) -> Result<i64, DbError> {
    provinces::table
        .filter(provinces::code.eq(code))
        .select(provinces::id)
        .first(conn)
        .optional()?
        .ok_or_else(|| {
            DbError::Seed(format!(
                "province {code} missing: load reference data first"
            ))
        })
}

fn office_id_by_code(conn: &mut AnyConnection, code: &str) -> Result<OfficeId, DbError> {
    inps_offices::table
        .filter(inps_offices::code.eq(code))
        .select(inps_offices::id)
        .first(conn)
        .optional()?
        .ok_or_else(|| DbError::Seed(format!("INPS office {code} missing")))
}

/// Weekdays of the demo agenda's four weeks.
const AGENDA_DAYS: u64 = 28;
/// Morning slot starts of the demo agenda (Europe/Rome).
const AGENDA_TIMES: [(u32, u32); 8] = [
    (9, 0),
    (9, 30),
    (10, 0),
    (10, 30),
    (11, 0),
    (11, 30),
    (12, 0),
    (12, 30),
];

/// POMEZIA's agenda: one consultation point for every citizen topic, by every channel, with
/// 30-minute morning slots on the weekdays of the next four weeks.
fn seed_agenda(
    conn: &mut AnyConnection,
    office: OfficeId,
    official: UserId,
    topics: &[TopicId],
    now: NaiveDateTime,
) -> Result<(), DbError> {
    use chrono::{NaiveTime, Weekday};
    use domain::enums::Channel;
    let point = insert_point(
        conn,
        office,
        "Sportello prestazioni e pensioni",
        topics,
        Channel::ALL,
        now,
    )?;
    let today = domain::calendar::rome_date(now.and_utc());
    let from = today.succ_opt().unwrap_or(today);
    let to = from
        .checked_add_days(chrono::Days::new(AGENDA_DAYS))
        .unwrap_or(from);
    let weekdays = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ];
    let times: Vec<NaiveTime> = AGENDA_TIMES
        .iter()
        .filter_map(|(h, m)| NaiveTime::from_hms_opt(*h, *m, 0))
        .collect();
    let starts: Vec<NaiveDateTime> =
        domain::appointments::weekly_starts(from, to, &weekdays, &times)
            .into_iter()
            .map(|s| s.naive_utc())
            .collect();
    let slots = NewSlots {
        office,
        point,
        duration_minutes: 30,
        channels: Channel::ALL,
        created_by: official,
        now,
    };
    insert_slots(conn, &slots, &starts)?;
    Ok(())
}

/// Loads the demo data unless `operatore1` already exists; returns whether it loaded anything.
pub fn seed_demo(conn: &mut AnyConnection, now: NaiveDateTime) -> Result<bool, DbError> {
    if find_by_username(conn, "operatore1")?.is_some() {
        return Ok(false);
    }
    // Hash before the transaction: argon2 is slow on purpose and needs no lock.
    let password_hash = hash_password(DEMO_PASSWORD)?;
    write_tx(conn, |conn| {
        let lazio = region_by_code(conn, "12")?
            .ok_or_else(|| DbError::Seed("region Lazio missing".into()))?;
        let inca = ensure_patronato(conn, "INCA", "INCA CGIL")?;
        let acli = ensure_patronato(conn, "ACLI", "Patronato ACLI")?;
        let rome = province_id(conn, "RM")?;
        let milan = province_id(conn, "MI")?;
        let inca_roma = create_patronato_office(
            conn,
            &NewPatronatoOffice {
                patronato_id: inca,
                name: "INCA CGIL Roma".into(),
                province_id: rome,
                address: "Via Buonarroti 12".into(),
                cap: "00185".into(),
                comune: "Roma".into(),
            },
        )?;
        let acli_milano = create_patronato_office(
            conn,
            &NewPatronatoOffice {
                patronato_id: acli,
                name: "ACLI Milano".into(),
                province_id: milan,
                address: "Via della Signora 3".into(),
                cap: "20122".into(),
                comune: "Milano".into(),
            },
        )?;
        let pomezia = office_id_by_code(conn, "7013")?;
        let cric_lazio = cric_of_region(conn, lazio.id)?
            .ok_or_else(|| DbError::Seed("CRIC Lazio missing".into()))?
            .id;

        let patronato_user = |username: &str,
                              full_name: &str,
                              patronato: PatronatoId,
                              office: PatronatoOfficeId| NewUser {
            username: username.into(),
            password_hash: password_hash.clone(),
            full_name: full_name.into(),
            email: Some(format!("{username}@demo.combipat.it")),
            side: Side::Patronato,
            patronato_id: Some(patronato),
            patronato_office_id: Some(office),
            region_id: None,
            inps_office_id: None,
            created_at: now,
        };
        let inps_user = |username: &str, full_name: &str, office: Option<OfficeId>| NewUser {
            username: username.into(),
            password_hash: password_hash.clone(),
            full_name: full_name.into(),
            email: Some(format!("{username}@demo.inps.it")),
            side: Side::Inps,
            patronato_id: None,
            patronato_office_id: None,
            region_id: None,
            inps_office_id: office,
            created_at: now,
        };

        create_user(
            conn,
            &patronato_user("operatore1", "Giulia Rossi", inca, inca_roma),
            &[Profile::Operator],
        )?;
        create_user(
            conn,
            &patronato_user("operatore2", "Marco Verdi", inca, inca_roma),
            &[Profile::Operator],
        )?;
        create_user(
            conn,
            &patronato_user("operatore3", "Luca Brambilla", acli, acli_milano),
            &[Profile::Operator],
        )?;
        let referent = NewUser {
            region_id: Some(lazio.id),
            ..patronato_user("referente1", "Paola Neri", inca, inca_roma)
        };
        create_user(
            conn,
            &referent,
            &[Profile::RegionalReferent, Profile::Operator],
        )?;
        create_user(
            conn,
            &patronato_user("admin.patronato", "Stefano Galli", inca, inca_roma),
            &[Profile::PatronatoAdmin, Profile::Operator],
        )?;

        let official1 = create_user(
            conn,
            &inps_user("funzionario1", "Laura Conti", Some(pomezia)),
            &[Profile::Official],
        )?;
        let citizen_topics: Vec<TopicId> = topics::table
            .filter(topics::for_citizen.eq(true))
            .select(topics::id)
            .load(conn)?;
        set_official_topics(conn, official1, &citizen_topics)?;
        seed_agenda(conn, pomezia, official1, &citizen_topics, now)?;
        let official2 = create_user(
            conn,
            &inps_user("funzionario2", "Roberto Marini", Some(cric_lazio)),
            &[Profile::Official],
        )?;
        let regional_topics: Vec<TopicId> = topics::table
            .filter(topics::for_regional.eq(true))
            .select(topics::id)
            .load(conn)?;
        set_official_topics(conn, official2, &regional_topics)?;
        create_user(
            conn,
            &inps_user("admin.inps", "Elena Ricci", None),
            &[Profile::InpsAdmin],
        )?;

        let people = CITIZENS
            .iter()
            .map(|c| {
                let (y, m, d) = c.3;
                Ok(NewCitizen {
                    codice_fiscale: c.0.into(),
                    surname: c.1.into(),
                    name: c.2.into(),
                    birth_date: NaiveDate::from_ymd_opt(y, m, d)
                        .ok_or_else(|| DbError::Seed(format!("bad birth date for {}", c.0)))?,
                    sex: c.4.into(),
                    birth_comune: c.5.into(),
                    birth_province: c.6.into(),
                    residence_address: c.7.into(),
                    residence_comune: c.8.into(),
                    residence_province: c.9.into(),
                    residence_cap: c.10.into(),
                    created_at: now,
                })
            })
            .collect::<Result<Vec<_>, DbError>>()?;
        let mut ids = Vec::with_capacity(people.len());
        for person in &people {
            ids.push(insert_citizen(conn, person)?);
        }
        for (kind, number, who, role) in PRACTICES {
            link_person(conn, *kind, number, ids[*who], *role, now)?;
        }
        Ok(true)
    })
}
