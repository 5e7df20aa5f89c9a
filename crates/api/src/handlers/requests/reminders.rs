//! Reminders (*solleciti*): `GET/POST /api/v1/requests/{id}/reminders`.

use actix_web::{get, post, web, HttpResponse};
use domain::enums::Side;
use types::ids::RequestId;
use types::page::{Page, PageQuery};
use types::problem::Problem;
use types::requests::{ReminderDto, RequestDetail};

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::handlers::requests::{detail_json, read, readable};
use crate::idempotency::{respond, run_once, IdempotencyHeader, IdempotencyKey, Operation};
use crate::pagination;
use crate::requests::access::is_sender;
use crate::requests::detail::{self, SENDER_ONLY};
use crate::state::AppState;
use domain::enums::{AuditAction, AuditResource};

/// List the reminders.
///
/// The reminders sent for a request (*Data 1° sollecito*, *Data 2° sollecito*), oldest first.
#[utoipa::path(
    tag = "requests",
    params(("id" = RequestId, Path, description = "Request id"), PageQuery),
    responses(
        (status = 200, description = "Reminders, oldest first.", body = Page<ReminderDto>),
        (status = 404, description = "`request_not_found`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/requests/{id}/reminders")]
pub async fn list_reminders(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<RequestId>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<ReminderDto>>, ApiError> {
    let id = id.into_inner();
    let query = query.into_inner();
    validate(&query)?;
    let trail = state.audit.clone();
    let now = state.now();
    let reminders = state
        .db(move |conn| {
            read(conn, &trail, &user, id, Some("reminders"), now)?;
            Ok(db::requests::reminders_of(conn, id)?)
        })
        .await?;
    let items = detail::reminders(&reminders);
    let page = pagination::page_of(items, query.limit, query.cursor.as_deref())?;
    Ok(web::Json(page))
}

/// Send a reminder.
///
/// The 1st after at least 15 calendar days (Europe/Rome) of waiting for an answer, the 2nd at
/// least 15 days after the 1st, never more than two. Only the sender may. Too early is 409
/// `reminder_too_early` with `allowed_from`.
#[utoipa::path(
    tag = "requests",
    params(
        ("id" = RequestId, Path, description = "Request id"),
        IdempotencyHeader
    ),
    responses(
        (status = 201, description = "Sent; the request as it is now.", body = RequestDetail),
        (status = 403, description = "`sender_only`: only the sender may remind.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`request_not_found`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`reminder_too_early` (with `allowed_from`), `reminder_limit_reached` or `not_awaiting_answer`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/requests/{id}/reminders")]
pub async fn send_reminder(
    state: web::Data<AppState>,
    user: AuthUser,
    key: IdempotencyKey,
    id: web::Path<RequestId>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let op = Operation::new(
        user.user_id,
        key,
        format!("POST /api/v1/requests/{id}/reminders"),
        &(),
    )?;
    let now = state.now();
    let reference = state.reference.clone();
    let (stored, replayed) = state
        .db(move |conn| {
            run_once(conn, &op, 201, now, |conn| {
                let request = readable(conn, &user, id, true)?;
                if !is_sender(&user, &request) {
                    let (code, detail) = SENDER_ONLY;
                    return Err(ApiError::Forbidden {
                        code,
                        detail: detail.into(),
                    });
                }
                let reminders = db::requests::reminders_of(conn, id)?;
                let next = request
                    .conversation(&reminders)
                    .remind(now)
                    .map_err(|r| ApiError::Refused(r, Side::Patronato))?;
                let seq = db::requests::insert_reminder(conn, id, &next, user.user_id)?;
                audit::record(
                    conn,
                    &user,
                    now,
                    AuditAction::Remind,
                    AuditResource::Request,
                    Some(id.to_string()),
                    Some(format!("sollecito {seq}")),
                )?;
                detail_json(conn, &reference, &user, id, now)
            })
        })
        .await?;
    Ok(respond(&stored, replayed, None))
}
