//! Loads the committed reference data files (see `crates/db/data/SOURCES.md`).

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Deserialize;

use crate::schema::{
    comune_caps, comuni, inps_offices, office_caps, protocol_sequences, provinces, regions,
    topic_overrides, topics,
};
use crate::{on_backend, search_key, write_tx, AnyConnection, DbError};

const COMUNI_CSV: &str = include_str!("../../data/comuni.csv");
const OFFICES_CSV: &str = include_str!("../../data/inps_offices.csv");
const OFFICE_CAPS_CSV: &str = include_str!("../../data/office_caps.csv");
const TOPICS_CSV: &str = include_str!("../../data/topics.csv");
const OVERRIDES_CSV: &str = include_str!("../../data/topic_overrides.csv");

/// Rows per multi-row INSERT: well under SQLite's bound-parameter limit.
const CHUNK: usize = 500;

#[derive(Deserialize)]
struct ComuneRecord {
    istat_code: String,
    name: String,
    province_code: String,
    province_name: String,
    region_code: String,
    region_name: String,
    cadastral_code: String,
    caps: String,
}

#[derive(Deserialize)]
struct OfficeRecord {
    code: String,
    name: String,
    kind: String,
    region_code: String,
    province_code: String,
    address: String,
    cap: String,
    comune: String,
}

#[derive(Deserialize)]
struct OfficeCapRecord {
    cap: String,
    office_code: String,
}

#[derive(Deserialize)]
struct TopicRecord {
    code: String,
    label: String,
    citizen: bool,
    regional: bool,
}

#[derive(Deserialize)]
struct OverrideRecord {
    topic_code: String,
    hub_office_code: String,
    region_code: String,
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<Vec<T>, DbError> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|e| DbError::Seed(format!("{name}: {e}")))
}

fn missing(what: &str, key: &str) -> DbError {
    DbError::Seed(format!("{what} {key} is referenced but not defined"))
}

/// Loads territory, offices, CAP coverage and topics when the database has none yet.
/// Returns whether anything was loaded. One transaction: all or nothing.
pub fn load_reference_data(conn: &mut AnyConnection) -> Result<bool, DbError> {
    let present: i64 = regions::table.count().get_result(conn)?;
    if present > 0 {
        return Ok(false);
    }
    write_tx(conn, |conn| {
        let comuni_rows: Vec<ComuneRecord> = parse("comuni.csv", COMUNI_CSV)?;
        let region_ids = load_regions(conn, &comuni_rows)?;
        let province_ids = load_provinces(conn, &comuni_rows, &region_ids)?;
        load_comuni(conn, &comuni_rows, &province_ids)?;
        let office_ids = load_offices(conn, &region_ids, &province_ids)?;
        load_office_caps(conn, &office_ids)?;
        load_topics(conn, &region_ids, &office_ids)?;
        Ok(true)
    })
}

fn load_regions(
    conn: &mut AnyConnection,
    rows: &[ComuneRecord],
) -> Result<HashMap<String, i64>, DbError> {
    let mut seen: Vec<(String, String)> = Vec::new();
    for row in rows {
        if !seen.iter().any(|(code, _)| *code == row.region_code) {
            seen.push((row.region_code.clone(), row.region_name.clone()));
        }
    }
    let values: Vec<_> = seen
        .iter()
        .map(|(code, name)| (regions::code.eq(code), regions::name.eq(name)))
        .collect();
    on_backend!(conn, |c| diesel::insert_into(regions::table)
        .values(&values)
        .execute(c))?;
    let ids: Vec<(String, i64)> = regions::table
        .select((regions::code, regions::id))
        .load(conn)?;
    Ok(ids.into_iter().collect())
}

fn load_provinces(
    conn: &mut AnyConnection,
    rows: &[ComuneRecord],
    region_ids: &HashMap<String, i64>,
) -> Result<HashMap<String, i64>, DbError> {
    let mut seen: Vec<(String, String, i64)> = Vec::new();
    for row in rows {
        if !seen.iter().any(|(code, _, _)| *code == row.province_code) {
            let region = *region_ids
                .get(&row.region_code)
                .ok_or_else(|| missing("region", &row.region_code))?;
            seen.push((row.province_code.clone(), row.province_name.clone(), region));
        }
    }
    let values: Vec<_> = seen
        .iter()
        .map(|(code, name, region)| {
            (
                provinces::code.eq(code),
                provinces::name.eq(name),
                provinces::region_id.eq(*region),
            )
        })
        .collect();
    on_backend!(conn, |c| diesel::insert_into(provinces::table)
        .values(&values)
        .execute(c))?;
    let ids: Vec<(String, i64)> = provinces::table
        .select((provinces::code, provinces::id))
        .load(conn)?;
    Ok(ids.into_iter().collect())
}

fn load_comuni(
    conn: &mut AnyConnection,
    rows: &[ComuneRecord],
    province_ids: &HashMap<String, i64>,
) -> Result<(), DbError> {
    for chunk in rows.chunks(CHUNK) {
        let values = chunk
            .iter()
            .map(|row| {
                let province = *province_ids
                    .get(&row.province_code)
                    .ok_or_else(|| missing("province", &row.province_code))?;
                Ok((
                    comuni::istat_code.eq(&row.istat_code),
                    comuni::cadastral_code.eq(&row.cadastral_code),
                    comuni::name.eq(&row.name),
                    comuni::name_search.eq(search_key(&row.name)),
                    comuni::province_id.eq(province),
                ))
            })
            .collect::<Result<Vec<_>, DbError>>()?;
        on_backend!(conn, |c| diesel::insert_into(comuni::table)
            .values(&values)
            .execute(c))?;
    }
    let ids: HashMap<String, i64> = comuni::table
        .select((comuni::istat_code, comuni::id))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let mut caps = Vec::new();
    for row in rows {
        let id = *ids
            .get(&row.istat_code)
            .ok_or_else(|| missing("comune", &row.istat_code))?;
        for cap in row.caps.split_whitespace() {
            caps.push((
                comune_caps::comune_id.eq(id),
                comune_caps::cap.eq(cap.to_owned()),
            ));
        }
    }
    for chunk in caps.chunks(CHUNK) {
        on_backend!(conn, |c| diesel::insert_into(comune_caps::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

fn load_offices(
    conn: &mut AnyConnection,
    region_ids: &HashMap<String, i64>,
    province_ids: &HashMap<String, i64>,
) -> Result<HashMap<String, i64>, DbError> {
    let offices: Vec<OfficeRecord> = parse("inps_offices.csv", OFFICES_CSV)?;
    let mut ids = HashMap::new();
    for office in &offices {
        let region = *region_ids
            .get(&office.region_code)
            .ok_or_else(|| missing("region", &office.region_code))?;
        let province = province_ids.get(&office.province_code).copied();
        let id: i64 = diesel::insert_into(inps_offices::table)
            .values((
                inps_offices::code.eq(&office.code),
                inps_offices::name.eq(&office.name),
                inps_offices::name_search.eq(search_key(&office.name)),
                inps_offices::kind.eq(&office.kind),
                inps_offices::region_id.eq(region),
                inps_offices::province_id.eq(province),
                inps_offices::address.eq(&office.address),
                inps_offices::cap.eq(&office.cap),
                inps_offices::comune.eq(&office.comune),
            ))
            .returning(inps_offices::id)
            .get_result(conn)?;
        diesel::insert_into(protocol_sequences::table)
            .values((
                protocol_sequences::office_id.eq(id),
                protocol_sequences::last_value.eq(0_i64),
            ))
            .execute(conn)?;
        ids.insert(office.code.clone(), id);
    }
    Ok(ids)
}

fn load_office_caps(
    conn: &mut AnyConnection,
    office_ids: &HashMap<String, i64>,
) -> Result<(), DbError> {
    let rows: Vec<OfficeCapRecord> = parse("office_caps.csv", OFFICE_CAPS_CSV)?;
    let values = rows
        .iter()
        .map(|row| {
            let office = *office_ids
                .get(&row.office_code)
                .ok_or_else(|| missing("office", &row.office_code))?;
            Ok((
                office_caps::cap.eq(&row.cap),
                office_caps::office_id.eq(office),
            ))
        })
        .collect::<Result<Vec<_>, DbError>>()?;
    for chunk in values.chunks(CHUNK) {
        on_backend!(conn, |c| diesel::insert_into(office_caps::table)
            .values(chunk)
            .execute(c))?;
    }
    Ok(())
}

fn load_topics(
    conn: &mut AnyConnection,
    region_ids: &HashMap<String, i64>,
    office_ids: &HashMap<String, i64>,
) -> Result<(), DbError> {
    let rows: Vec<TopicRecord> = parse("topics.csv", TOPICS_CSV)?;
    let mut topic_ids = HashMap::new();
    for topic in &rows {
        let id: i64 = diesel::insert_into(topics::table)
            .values((
                topics::code.eq(&topic.code),
                topics::label.eq(&topic.label),
                topics::label_search.eq(search_key(&format!("{} {}", topic.label, topic.code))),
                topics::for_citizen.eq(topic.citizen),
                topics::for_regional.eq(topic.regional),
            ))
            .returning(topics::id)
            .get_result(conn)?;
        topic_ids.insert(topic.code.clone(), id);
    }
    let overrides: Vec<OverrideRecord> = parse("topic_overrides.csv", OVERRIDES_CSV)?;
    for row in &overrides {
        let topic = *topic_ids
            .get(&row.topic_code)
            .ok_or_else(|| missing("topic", &row.topic_code))?;
        let hub = *office_ids
            .get(&row.hub_office_code)
            .ok_or_else(|| missing("office", &row.hub_office_code))?;
        let region = match row.region_code.as_str() {
            "" => None,
            code => Some(
                *region_ids
                    .get(code)
                    .ok_or_else(|| missing("region", code))?,
            ),
        };
        diesel::insert_into(topic_overrides::table)
            .values((
                topic_overrides::topic_id.eq(topic),
                topic_overrides::hub_office_id.eq(hub),
                topic_overrides::region_id.eq(region),
            ))
            .execute(conn)?;
    }
    Ok(())
}
