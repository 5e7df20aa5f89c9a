//! INPS offices.

use actix_web::{get, web};
use types::ids::OfficeId;
use types::offices::{OfficeDetail, OfficeDto, OfficeQuery};
use types::page::Page;
use types::problem::Problem;

use crate::auth::AuthUser;
use crate::dto::{self, IntoDto};
use crate::error::ApiError;
use crate::extract::validate;
use crate::pagination;
use crate::state::AppState;

/// List INPS offices.
///
/// Active INPS offices by region, province, kind or words of the name, by id: the
/// Regione → Provincia → Sede choice of the change-office dialog.
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

/// Show an INPS office.
///
/// One office, active or not, with its address and the CAPs it covers.
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
pub async fn show_office(
    state: web::Data<AppState>,
    _auth: AuthUser,
    id: web::Path<OfficeId>,
) -> Result<web::Json<OfficeDetail>, ApiError> {
    let id = id.into_inner();
    let (office, covered_caps) = state
        .db(move |conn| {
            let office = db::offices::get_office(conn, id)?.ok_or_else(office_not_found)?;
            let caps = db::offices::caps_of_office(conn, id)?;
            Ok((office, caps))
        })
        .await?;
    Ok(web::Json(OfficeDetail {
        office: office.into_dto(),
        covered_caps,
    }))
}

/// 404 for an INPS office id in the path that does not exist.
pub fn office_not_found() -> ApiError {
    ApiError::not_found("office_not_found", "La sede INPS indicata non esiste.")
}
