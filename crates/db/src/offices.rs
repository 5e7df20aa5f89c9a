//! INPS offices, the CAPs they cover and the hubs that take over some topics.

use diesel::prelude::*;
use domain::enums::OfficeKind;
use domain::ids::{OfficeId, RegionId, TopicId};

use crate::schema::{inps_offices, office_caps, provinces, regions, topic_overrides};
use crate::{like_escape, search_key, AnyConnection, DbError};

/// An INPS office with its region and province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// Row id.
    pub id: OfficeId,
    /// Office code used in protocol numbers ("7013").
    pub code: String,
    /// Name in upper case ("POMEZIA").
    pub name: String,
    /// Provincial office, agency, hub or CRIC.
    pub kind: OfficeKind,
    /// Region row id.
    pub region_id: RegionId,
    /// Region ISTAT code.
    pub region_code: String,
    /// Region name.
    pub region_name: String,
    /// Province sigla, if the office sits in one.
    pub province_code: Option<String>,
    /// Street address.
    pub address: String,
    /// CAP of the address.
    pub cap: String,
    /// Comune of the address.
    pub comune: String,
}

/// Filters for [`list_offices`].
#[derive(Debug, Default, Clone)]
pub struct OfficeFilter {
    /// Region ISTAT code.
    pub region_code: Option<String>,
    /// Province sigla.
    pub province_code: Option<String>,
    /// Office kind.
    pub kind: Option<OfficeKind>,
    /// Words of the name.
    pub name: Option<String>,
    /// Only offices with a greater id (keyset pagination).
    pub after_id: Option<OfficeId>,
    /// Page size.
    pub limit: i64,
}

type OfficeRow = (
    OfficeId,
    String,
    String,
    OfficeKind,
    RegionId,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
);

fn from_row(row: OfficeRow) -> Office {
    let (
        id,
        code,
        name,
        kind,
        region_id,
        region_code,
        region_name,
        province_code,
        address,
        cap,
        comune,
    ) = row;
    Office {
        id,
        code,
        name,
        kind,
        region_id,
        region_code,
        region_name,
        province_code,
        address,
        cap,
        comune,
    }
}

macro_rules! office_query {
    () => {
        inps_offices::table
            .inner_join(regions::table)
            .left_join(provinces::table)
            .select((
                inps_offices::id,
                inps_offices::code,
                inps_offices::name,
                inps_offices::kind,
                inps_offices::region_id,
                regions::code,
                regions::name,
                provinces::code.nullable(),
                inps_offices::address,
                inps_offices::cap,
                inps_offices::comune,
            ))
    };
}

/// Active offices matching the filter, ordered by id.
pub fn list_offices(
    conn: &mut AnyConnection,
    filter: &OfficeFilter,
) -> Result<Vec<Office>, DbError> {
    let mut query = office_query!()
        .filter(inps_offices::active.eq(true))
        .order(inps_offices::id.asc())
        .limit(filter.limit)
        .into_boxed();
    if let Some(region) = &filter.region_code {
        query = query.filter(regions::code.eq(region.clone()));
    }
    if let Some(province) = &filter.province_code {
        query = query.filter(provinces::code.eq(province.to_uppercase()));
    }
    if let Some(kind) = &filter.kind {
        query = query.filter(inps_offices::kind.eq(*kind));
    }
    if let Some(name) = &filter.name {
        for word in search_key(name).split(' ').filter(|w| !w.is_empty()) {
            let pattern = format!("%{}%", like_escape(word));
            query = query.filter(inps_offices::name_search.like(pattern).escape('\\'));
        }
    }
    if let Some(after) = filter.after_id {
        query = query.filter(inps_offices::id.gt(after));
    }
    let rows: Vec<OfficeRow> = query.load(conn)?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// Every office, active or not, by id: the reference cache of the API.
pub fn all_offices(conn: &mut AnyConnection) -> Result<Vec<Office>, DbError> {
    let rows: Vec<OfficeRow> = office_query!().order(inps_offices::id.asc()).load(conn)?;
    Ok(rows.into_iter().map(from_row).collect())
}

/// One office by id (active or not).
pub fn get_office(conn: &mut AnyConnection, id: OfficeId) -> Result<Option<Office>, DbError> {
    let row: Option<OfficeRow> = office_query!()
        .filter(inps_offices::id.eq(id))
        .first(conn)
        .optional()?;
    Ok(row.map(from_row))
}

/// The territorial office covering a CAP.
pub fn office_for_cap(conn: &mut AnyConnection, cap: &str) -> Result<Option<Office>, DbError> {
    let row: Option<OfficeRow> = office_query!()
        .filter(
            inps_offices::id.eq_any(
                office_caps::table
                    .filter(office_caps::cap.eq(cap))
                    .select(office_caps::office_id),
            ),
        )
        .filter(inps_offices::active.eq(true))
        .first(conn)
        .optional()?;
    Ok(row.map(from_row))
}

/// The hub that handles a topic in a region, if any (`domain::routing::applicable_hub`: a
/// regional override before a nationwide one).
pub fn hub_override(
    conn: &mut AnyConnection,
    topic_id: TopicId,
    region_id: RegionId,
) -> Result<Option<Office>, DbError> {
    let hubs: Vec<(Option<RegionId>, OfficeId)> = topic_overrides::table
        .filter(topic_overrides::topic_id.eq(topic_id))
        .select((topic_overrides::region_id, topic_overrides::hub_office_id))
        .load(conn)?;
    match domain::routing::applicable_hub(hubs, &region_id) {
        Some(hub) => get_office(conn, hub),
        None => Ok(None),
    }
}

/// The hub that handles a topic nationwide, if any.
pub fn nationwide_hub(
    conn: &mut AnyConnection,
    topic_id: TopicId,
) -> Result<Option<Office>, DbError> {
    let hub: Option<OfficeId> = topic_overrides::table
        .filter(topic_overrides::topic_id.eq(topic_id))
        .filter(topic_overrides::region_id.is_null())
        .select(topic_overrides::hub_office_id)
        .first(conn)
        .optional()?;
    match hub {
        Some(hub) => get_office(conn, hub),
        None => Ok(None),
    }
}

/// The regional information centre (CRIC) of a region.
pub fn cric_of_region(
    conn: &mut AnyConnection,
    region_id: RegionId,
) -> Result<Option<Office>, DbError> {
    let row: Option<OfficeRow> = office_query!()
        .filter(inps_offices::region_id.eq(region_id))
        .filter(inps_offices::kind.eq(OfficeKind::Cric))
        .filter(inps_offices::active.eq(true))
        .first(conn)
        .optional()?;
    Ok(row.map(from_row))
}

/// The CAPs an office covers, sorted.
pub fn caps_of_office(
    conn: &mut AnyConnection,
    office_id: OfficeId,
) -> Result<Vec<String>, DbError> {
    Ok(office_caps::table
        .filter(office_caps::office_id.eq(office_id))
        .order(office_caps::cap.asc())
        .select(office_caps::cap)
        .load(conn)?)
}
