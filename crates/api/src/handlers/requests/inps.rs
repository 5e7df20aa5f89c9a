//! INPS actions: take a request, transfer it to another office.

use actix_web::{post, web, HttpResponse};
use db::offices::Office;
use db::requests::{Event, Request, RequestChangeset};
use db::AnyConnection;
use domain::enums::{EventKind, RoutingReason};
use domain::ids::{OfficeId, RequestId};
use types::problem::Problem;
use types::requests::{RequestDetail, TransferRequest};

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::handlers::requests::create::{office_not_found, office_not_suitable};
use crate::handlers::requests::readable;
use crate::requests::access::is_destination_official;
use crate::requests::detail;
use crate::state::AppState;
use domain::enums::{AuditAction, AuditResource};

fn officials_only() -> ApiError {
    ApiError::Forbidden {
        code: "profile_not_allowed",
        detail: "Azione riservata ai funzionari della sede di destinazione.".into(),
    }
}

/// Take a request.
///
/// A request of the office's queue becomes the caller's (officials of the destination office).
#[utoipa::path(
    tag = "requests",
    params(("id" = RequestId, Path, description = "Request id")),
    responses(
        (status = 200, description = "Taken; the request as it is now.", body = RequestDetail),
        (status = 403, description = "`profile_not_allowed`: officials of the destination office only.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`request_not_found`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/requests/{id}/take")]
pub async fn take_request(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<RequestId>,
) -> Result<web::Json<RequestDetail>, ApiError> {
    let id = id.into_inner();
    let now = state.now();
    let reference = state.reference.clone();
    let detail = state
        .db(move |conn| {
            db::write_tx(conn, |conn| {
                let request = readable(conn, &user, id, true)?;
                if !is_destination_official(&user, &request) {
                    return Err(officials_only());
                }
                let at = now.naive_utc();
                let next = request.conversation(&[]).taken();
                let changes = RequestChangeset {
                    status: Some(next.status),
                    assigned_official_id: Some(Some(user.user_id)),
                    updated_at: Some(at),
                    ..Default::default()
                };
                db::requests::update_request(conn, id, &changes)?;
                db::requests::record_event(
                    conn,
                    &Event {
                        request_id: id,
                        kind: EventKind::Taken,
                        actor_id: Some(user.user_id),
                        from_office_id: None,
                        to_office_id: None,
                        detail: None,
                        created_at: at,
                    },
                )?;
                let what = Some(id.to_string());
                audit::record(
                    conn,
                    &user,
                    now,
                    AuditAction::Take,
                    AuditResource::Request,
                    what,
                    None,
                )?;
                detail::load(conn, &reference, &user, id, now)
            })
        })
        .await?;
    Ok(web::Json(detail))
}

/// The office a request moves to: it exists, is not the current one, and receives requests of
/// this kind.
fn transfer_target(
    conn: &mut AnyConnection,
    request: &Request,
    office_id: OfficeId,
) -> Result<Office, ApiError> {
    let target = db::offices::get_office(conn, office_id)?.ok_or_else(office_not_found)?;
    if target.id == request.office_id {
        return Err(ApiError::field(
            "same_office",
            "office_id",
            "different",
            "La richiesta è già presso questa sede.".into(),
        ));
    }
    if !target.kind.receives(request.kind) {
        return Err(office_not_suitable(request.kind));
    }
    Ok(target)
}

/// Transfer a request to another office.
///
/// With a reason: it goes back to `sent` at the new office, unowned, and the history records
/// the move. The caller loses sight of it.
#[utoipa::path(
    tag = "requests",
    params(("id" = RequestId, Path, description = "Request id")),
    request_body = TransferRequest,
    responses(
        (status = 204, description = "Transferred."),
        (status = 403, description = "`profile_not_allowed`: officials of the destination office only.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`request_not_found`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`office_not_found`, `same_office`, `office_not_suitable` or `validation_failed`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/requests/{id}/transfer")]
pub async fn transfer_request(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<RequestId>,
    body: web::Json<TransferRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner();
    validate(&body)?;
    let now = state.now();
    state
        .db(move |conn| {
            db::write_tx(conn, |conn| {
                let request = readable(conn, &user, id, true)?;
                if !is_destination_official(&user, &request) {
                    return Err(officials_only());
                }
                let target = transfer_target(conn, &request, body.office_id)?;
                let at = now.naive_utc();
                let next = request.conversation(&[]).transferred();
                let changes = RequestChangeset {
                    status: Some(next.status),
                    office_id: Some(target.id),
                    office_chosen_by_hand: Some(true),
                    routing_reason: Some(RoutingReason::Transfer),
                    assigned_official_id: Some(None),
                    updated_at: Some(at),
                    ..Default::default()
                };
                db::requests::update_request(conn, id, &changes)?;
                db::requests::record_event(
                    conn,
                    &Event {
                        request_id: id,
                        kind: EventKind::Transferred,
                        actor_id: Some(user.user_id),
                        from_office_id: Some(request.office_id),
                        to_office_id: Some(target.id),
                        detail: Some(body.reason.trim().to_owned()),
                        created_at: at,
                    },
                )?;
                let what = Some(id.to_string());
                let to = Some(format!("to office {}", target.code));
                audit::record(
                    conn,
                    &user,
                    now,
                    AuditAction::Transfer,
                    AuditResource::Request,
                    what,
                    to,
                )
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
