//! `GET /api/v1/audit`: who read or changed what.

use actix_web::{get, web};
use domain::calendar::start_of_rome_day;
use domain::enums::Profile;
use types::audit::{AuditEntryDto, AuditQuery};
use types::page::Page;
use types::problem::Problem;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::pagination;
use crate::requests::utc;
use crate::state::AppState;

/// List the audit trail.
///
/// Who read or changed what, newest first: INPS administrators see everything, a patronato
/// administrator the actions of its own patronato's users. Filters by user, resource and day.
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
    // The list shows every read accepted before it, also those still queued.
    state.audit.flush().await?;
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
