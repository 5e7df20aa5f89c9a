//! INPS offices.

use actix_web::{get, web};
use serde::Deserialize;
use types::ids::OfficeId;
use types::offices::{OfficeDetail, OfficeDto};
use types::page::Page;
use types::problem::Problem;
use types::OfficeKind;
use utoipa::IntoParams;
use validator::Validate;

use crate::auth::AuthUser;
use crate::dto::{self, IntoDto};
use crate::error::ApiError;
use crate::extract::{formats, validate};
use crate::pagination;
use crate::state::AppState;

/// Filters of the office list.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct OfficeQuery {
    /// ISTAT code of the region.
    #[param(example = "12", pattern = "^[0-9]{2}$")]
    #[validate(custom(function = "formats::region_code"))]
    pub region: Option<String>,
    /// Province sigla.
    #[param(example = "RM", pattern = "^[A-Za-z]{2}$")]
    #[validate(custom(function = "formats::province_code"))]
    pub province: Option<String>,
    /// Kind of office.
    pub kind: Option<OfficeKind>,
    /// Words of the name.
    #[param(example = "pomezia", max_length = 100)]
    #[validate(length(max = 100))]
    pub name: Option<String>,
    /// Page size (1–200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    #[validate(custom(function = "formats::cursor"))]
    pub cursor: Option<String>,
}

/// INPS offices by region, province, kind or name (Regione → Provincia → Sede).
#[utoipa::path(
    tag = "offices",
    params(OfficeQuery),
    responses(
        (status = 200, description = "Offices, by id.", body = Page<OfficeDto>),
        (status = 422, description = "`validation_failed` (limit) or `invalid_cursor`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/offices")]
pub async fn list_offices(
    state: web::Data<AppState>,
    _auth: AuthUser,
    query: web::Query<OfficeQuery>,
) -> Result<web::Json<Page<OfficeDto>>, ApiError> {
    let query = query.into_inner();
    validate(&query)?;
    let limit = pagination::limit(query.limit)?;
    let filter = db::offices::OfficeFilter {
        region_code: query.region,
        province_code: query.province,
        kind: query.kind,
        name: query.name,
        after_id: pagination::decode(query.cursor.as_deref())?.map(OfficeId),
        limit,
    };
    let rows = state
        .db(move |conn| db::offices::list_offices(conn, &filter).map_err(ApiError::from))
        .await?;
    let ids: Vec<i64> = rows.iter().map(|o| o.id.0).collect();
    Ok(web::Json(Page {
        items: dto::all(rows),
        next_cursor: pagination::next_cursor(&ids, limit),
    }))
}

/// One office, with the CAPs it covers.
#[utoipa::path(
    tag = "offices",
    params(("id" = OfficeId, Path, description = "Office id")),
    responses(
        (status = 200, description = "The office.", body = OfficeDetail),
        (status = 404, description = "`office_not_found`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/offices/{id}")]
pub async fn get_office(
    state: web::Data<AppState>,
    _auth: AuthUser,
    id: web::Path<OfficeId>,
) -> Result<web::Json<OfficeDetail>, ApiError> {
    let id = id.into_inner();
    let (office, covered_caps) = state
        .db(move |conn| {
            let office = db::offices::get_office(conn, id)?.ok_or_else(|| {
                ApiError::not_found("office_not_found", "La sede INPS indicata non esiste.")
            })?;
            let caps = db::offices::caps_of_office(conn, id)?;
            Ok((office, caps))
        })
        .await?;
    Ok(web::Json(OfficeDetail {
        office: office.into_dto(),
        covered_caps,
    }))
}
