//! `GET /api/v1/audit`: who read or changed what.

use actix_web::{get, web};
use chrono::NaiveDate;
use domain::calendar::start_of_rome_day;
use domain::enums::{AuditResource, Profile};
use serde::Deserialize;
use types::audit::AuditEntryDto;
use types::ids::UserId;
use types::page::Page;
use types::problem::Problem;
use utoipa::IntoParams;
use validator::Validate;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::{formats, validate};
use crate::pagination;
use crate::requests::utc;
use crate::state::AppState;

/// Filters of the audit trail; dates are Europe/Rome days, inclusive.
#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Only this user.
    pub user_id: Option<UserId>,
    /// Only this kind of resource.
    pub resource_type: Option<AuditResource>,
    /// Only this resource id.
    #[param(example = "1", max_length = 40)]
    #[validate(length(max = 40))]
    pub resource_id: Option<String>,
    /// From this day.
    #[param(format = Date)]
    pub date_from: Option<NaiveDate>,
    /// Up to this day.
    #[param(format = Date)]
    pub date_to: Option<NaiveDate>,
    /// Page size (1–200, default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<i64>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "^[A-Za-z0-9_-]{1,64}$")]
    #[validate(custom(function = "formats::cursor"))]
    pub cursor: Option<String>,
}

/// The audit trail, newest first: INPS administrators see everything, a patronato
/// administrator the actions of its own patronato's users.
#[utoipa::path(
    tag = "audit",
    params(AuditQuery),
    responses(
        (status = 200, description = "Audit entries.", body = Page<AuditEntryDto>),
        (status = 403, description = "`profile_not_allowed`: administrators only.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/audit")]
pub async fn list_audit(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<AuditQuery>,
) -> Result<web::Json<Page<AuditEntryDto>>, ApiError> {
    user.require(&[Profile::InpsAdmin, Profile::PatronatoAdmin])?;
    let query = query.into_inner();
    validate(&query)?;
    let limit = pagination::limit(query.limit)?;
    let filter =
        db::audit::AuditFilter {
            patronato_id: match user.profile {
                Profile::PatronatoAdmin => Some(user.patronato_id.ok_or_else(|| {
                    ApiError::Internal("patronato admin without patronato".into())
                })?),
                _ => None,
            },
            user_id: query.user_id,
            resource_type: query.resource_type,
            resource_id: query.resource_id,
            from: query.date_from.map(|d| start_of_rome_day(d).naive_utc()),
            before: query
                .date_to
                .and_then(|d| d.succ_opt())
                .map(|d| start_of_rome_day(d).naive_utc()),
            before_id: pagination::decode(query.cursor.as_deref())?,
            limit,
        };
    let rows = state
        .db(move |conn| Ok(db::audit::list(conn, &filter)?))
        .await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    Ok(web::Json(Page {
        next_cursor: pagination::next_cursor(&ids, limit),
        items: rows
            .into_iter()
            .map(|r| AuditEntryDto {
                id: r.id,
                at: utc(r.at),
                user_id: r.user_id,
                username: r.username,
                profile: r.profile,
                action: r.action,
                resource_type: r.resource_type,
                resource_id: r.resource_id,
                detail: r.detail,
            })
            .collect(),
    }))
}
