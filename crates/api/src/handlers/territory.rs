//! Regions, provinces and comuni.

use actix_web::{get, web};
use types::page::{Page, PageQuery};
use types::territory::{ComuneDto, ComuneQuery, ProvinceDto, ProvinceQuery, RegionRef};

use crate::auth::AuthUser;
use crate::dto;
use crate::error::ApiError;
use crate::extract::validate;
use crate::pagination;
use crate::state::AppState;

/// List the regions.
///
/// The 20 Italian regions with their ISTAT codes, by name: the first step of the
/// Regione → Provincia → Sede choice.
#[utoipa::path(
    tag = "territory",
    params(PageQuery),
    responses((status = 200, description = "The regions.", body = Page<RegionRef>)),
    security(("bearer" = []))
)]
#[get("/territory/regions")]
pub async fn list_regions(
    state: web::Data<AppState>,
    _auth: AuthUser,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<RegionRef>>, ApiError> {
    let query = query.into_inner();
    validate(&query)?;
    let items = state
        .db(|conn| Ok(dto::all(db::territory::list_regions(conn)?)))
        .await?;
    let page = pagination::page_of(items, query.limit, query.cursor.as_deref())?;
    Ok(web::Json(page))
}

/// List the provinces.
///
/// The provinces with their sigla, optionally of one region, by name.
#[utoipa::path(
    tag = "territory",
    params(ProvinceQuery),
    responses((status = 200, description = "Provinces.", body = Page<ProvinceDto>)),
    security(("bearer" = []))
)]
#[get("/territory/provinces")]
pub async fn list_provinces(
    state: web::Data<AppState>,
    _auth: AuthUser,
    query: web::Query<ProvinceQuery>,
) -> Result<web::Json<Page<ProvinceDto>>, ApiError> {
    let query = query.into_inner();
    validate(&query)?;
    let region = query.region.clone();
    let items = state
        .db(move |conn| {
            let rows = db::territory::list_provinces(conn, region.as_deref())?;
            Ok(dto::all(rows))
        })
        .await?;
    let page = pagination::page_of(items, query.limit, query.cursor.as_deref())?;
    Ok(web::Json(page))
}

/// Find comuni.
///
/// Comuni by name prefix (case- and accent-insensitive), CAP or province, with their cadastral
/// code and CAPs, in ISTAT order.
#[utoipa::path(
    tag = "territory",
    params(ComuneQuery),
    responses(
        (status = 200, description = "Comuni, in ISTAT order.", body = Page<ComuneDto>),
        (status = 422, description = "`validation_failed` (limit) or `invalid_cursor`.", body = types::problem::Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/territory/comuni")]
pub async fn list_comuni(
    state: web::Data<AppState>,
    _auth: AuthUser,
    query: web::Query<ComuneQuery>,
) -> Result<web::Json<Page<ComuneDto>>, ApiError> {
    let query = query.into_inner();
    validate(&query)?;
    let limit = pagination::limit(query.limit)?;
    let filter = db::territory::ComuneFilter {
        name: query.name.filter(|n| !n.trim().is_empty()),
        cap: query.cap,
        province_code: query.province,
        after_id: pagination::decode(query.cursor.as_deref())?,
        limit,
    };
    let rows = state
        .db(move |conn| db::territory::search_comuni(conn, &filter).map_err(ApiError::from))
        .await?;
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    Ok(web::Json(Page {
        next_cursor: pagination::next_cursor(&ids, limit),
        items: dto::all(rows),
    }))
}
