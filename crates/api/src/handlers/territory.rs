//! Regions, provinces and comuni.

use actix_web::{get, web};
use serde::Deserialize;
use types::page::Page;
use types::territory::{ComuneDto, ProvinceDto, RegionRef};
use utoipa::IntoParams;
use validator::Validate;

use crate::auth::AuthUser;
use crate::dto;
use crate::error::ApiError;
use crate::extract::{formats, validate};
use crate::pagination;
use crate::state::AppState;

/// All regions, by name.
#[utoipa::path(
    tag = "territory",
    responses((status = 200, description = "The 20 regions.", body = Page<RegionRef>)),
    security(("bearer" = []))
)]
#[get("/territory/regions")]
pub async fn list_regions(
    state: web::Data<AppState>,
    _auth: AuthUser,
) -> Result<web::Json<Page<RegionRef>>, ApiError> {
    let items = state
        .db(|conn| Ok(dto::all(db::territory::list_regions(conn)?)))
        .await?;
    Ok(web::Json(Page {
        items,
        next_cursor: None,
    }))
}

/// Filters of the province list.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct ProvinceQuery {
    /// ISTAT code of the region.
    #[param(example = "12", pattern = "^[0-9]{2}$")]
    #[validate(custom(function = "formats::region_code"))]
    pub region: Option<String>,
}

/// Provinces, optionally of one region, by name.
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
    let region = query.region;
    let items = state
        .db(move |conn| {
            Ok(dto::all(db::territory::list_provinces(
                conn,
                region.as_deref(),
            )?))
        })
        .await?;
    Ok(web::Json(Page {
        items,
        next_cursor: None,
    }))
}

/// Filters of the comune list.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct ComuneQuery {
    /// Beginning of the name, case- and accent-insensitive.
    #[param(example = "pome", max_length = 100)]
    #[validate(length(max = 100))]
    pub name: Option<String>,
    /// Postal code.
    #[param(example = "00071", pattern = "^[0-9]{5}$")]
    #[validate(custom(function = "formats::cap"))]
    pub cap: Option<String>,
    /// Province sigla.
    #[param(example = "RM", pattern = "^[A-Za-z]{2}$")]
    #[validate(custom(function = "formats::province_code"))]
    pub province: Option<String>,
    /// Page size (1–200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    #[validate(custom(function = "formats::cursor"))]
    pub cursor: Option<String>,
}

/// Comuni by name prefix, CAP or province, with their CAPs.
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
    let filter = db::territory::ComuneFilter {
        name: query.name.filter(|n| !n.trim().is_empty()),
        cap: query.cap,
        province_code: query.province,
        after_id: pagination::decode(query.cursor.as_deref())?,
        limit: pagination::limit(query.limit)?,
    };
    let rows = state
        .db(move |conn| db::territory::search_comuni(conn, &filter).map_err(ApiError::from))
        .await?;
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    let next_cursor = pagination::next_cursor(&ids, pagination::limit(query.limit)?);
    Ok(web::Json(Page {
        items: dto::all(rows),
        next_cursor,
    }))
}
