//! Regions, provinces and comuni with their CAPs.

use diesel::prelude::*;
use domain::ids::RegionId;

use crate::schema::{comune_caps, comuni, provinces, regions};
use crate::{like_escape, search_key, AnyConnection, DbError};

/// A region.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = regions)]
pub struct Region {
    /// Row id.
    pub id: RegionId,
    /// ISTAT region code ("12").
    pub code: String,
    /// Italian name.
    pub name: String,
}

/// A province with its region.
#[derive(Debug, Clone)]
pub struct Province {
    /// Row id.
    pub id: i64,
    /// Two-letter sigla ("RM").
    pub code: String,
    /// Name.
    pub name: String,
    /// Its region.
    pub region: Region,
}

/// A comune with its province, region and CAPs.
#[derive(Debug, Clone)]
pub struct Comune {
    /// Row id.
    pub id: i64,
    /// ISTAT code ("058091").
    pub istat_code: String,
    /// Cadastral (Belfiore) code ("H501").
    pub cadastral_code: String,
    /// Name.
    pub name: String,
    /// Province sigla.
    pub province_code: String,
    /// Province name.
    pub province_name: String,
    /// Region ISTAT code.
    pub region_code: String,
    /// Region name.
    pub region_name: String,
    /// Postal codes, sorted.
    pub caps: Vec<String>,
}

/// Filters for [`search_comuni`].
#[derive(Debug, Default, Clone)]
pub struct ComuneFilter {
    /// Prefix of the name, case- and accent-insensitive.
    pub name: Option<String>,
    /// Exact CAP.
    pub cap: Option<String>,
    /// Province sigla.
    pub province_code: Option<String>,
    /// Only comuni with a greater id (keyset pagination).
    pub after_id: Option<i64>,
    /// Page size.
    pub limit: i64,
}

/// All regions, by name.
pub fn list_regions(conn: &mut AnyConnection) -> Result<Vec<Region>, DbError> {
    Ok(regions::table
        .order(regions::name.asc())
        .select(Region::as_select())
        .load(conn)?)
}

/// Provinces, optionally of one region (by ISTAT region code), by name.
pub fn list_provinces(
    conn: &mut AnyConnection,
    region_code: Option<&str>,
) -> Result<Vec<Province>, DbError> {
    let mut query = provinces::table
        .inner_join(regions::table)
        .order(provinces::name.asc())
        .select((
            provinces::id,
            provinces::code,
            provinces::name,
            Region::as_select(),
        ))
        .into_boxed();
    if let Some(code) = region_code {
        query = query.filter(regions::code.eq(code.to_owned()));
    }
    let rows: Vec<(i64, String, String, Region)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, code, name, region)| Province {
            id,
            code,
            name,
            region,
        })
        .collect())
}

/// Comuni matching the filter, ordered by id, with their CAPs.
pub fn search_comuni(
    conn: &mut AnyConnection,
    filter: &ComuneFilter,
) -> Result<Vec<Comune>, DbError> {
    let mut query = comuni::table
        .inner_join(provinces::table.inner_join(regions::table))
        .order(comuni::id.asc())
        .limit(filter.limit)
        .select((
            comuni::id,
            comuni::istat_code,
            comuni::cadastral_code,
            comuni::name,
            provinces::code,
            provinces::name,
            regions::code,
            regions::name,
        ))
        .into_boxed();
    if let Some(name) = &filter.name {
        let pattern = format!("{}%", like_escape(&search_key(name)));
        query = query.filter(comuni::name_search.like(pattern).escape('\\'));
    }
    if let Some(cap) = &filter.cap {
        let with_cap = comune_caps::table
            .filter(comune_caps::cap.eq(cap.clone()))
            .select(comune_caps::comune_id);
        query = query.filter(comuni::id.eq_any(with_cap));
    }
    if let Some(province) = &filter.province_code {
        query = query.filter(provinces::code.eq(province.to_uppercase()));
    }
    if let Some(after) = filter.after_id {
        query = query.filter(comuni::id.gt(after));
    }
    type Row = (i64, String, String, String, String, String, String, String);
    let rows: Vec<Row> = query.load(conn)?;
    let ids: Vec<i64> = rows.iter().map(|r| r.0).collect();
    let caps: Vec<(i64, String)> = comune_caps::table
        .filter(comune_caps::comune_id.eq_any(ids))
        .order((comune_caps::comune_id, comune_caps::cap))
        .select((comune_caps::comune_id, comune_caps::cap))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(
            |(id, istat_code, cadastral_code, name, pcode, pname, rcode, rname)| Comune {
                caps: caps
                    .iter()
                    .filter(|(cid, _)| *cid == id)
                    .map(|(_, cap)| cap.clone())
                    .collect(),
                id,
                istat_code,
                cadastral_code,
                name,
                province_code: pcode,
                province_name: pname,
                region_code: rcode,
                region_name: rname,
            },
        )
        .collect())
}

/// The region with the given ISTAT code.
pub fn region_by_code(conn: &mut AnyConnection, code: &str) -> Result<Option<Region>, DbError> {
    Ok(regions::table
        .filter(regions::code.eq(code))
        .select(Region::as_select())
        .first(conn)
        .optional()?)
}
