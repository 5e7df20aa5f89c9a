//! INPS actions: take a request, transfer it to another office.

use actix_web::{post, web, HttpResponse};
use db::requests::{Event, RequestChangeset};
use types::problem::Problem;
use types::requests::{RequestDetail, TransferRequest};

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::handlers::requests::readable;
use crate::requests::access::is_destination_official;
use crate::requests::detail;
use crate::state::AppState;

fn officials_only() -> ApiError {
    ApiError::Forbidden {
        code: "profile_not_allowed",
        detail: "Azione riservata ai funzionari della sede di destinazione.".into(),
    }
}

/// Take a request of the office's queue: it becomes the caller's.
#[utoipa::path(
    tag = "requests",
    params(("id" = i64, Path, description = "Request id")),
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
    id: web::Path<i64>,
) -> Result<web::Json<RequestDetail>, ApiError> {
    let id = id.into_inner();
    let now = state.now();
    let detail = state
        .db(move |conn| {
            db::write_tx(conn, |conn| {
                let request = readable(conn, &user, id, true)?;
                if !is_destination_official(&user, &request) {
                    return Err(officials_only());
                }
                let at = now.naive_utc();
                db::requests::update_request(
                    conn,
                    id,
                    &RequestChangeset {
                        status: (request.status == "sent").then(|| "assigned".to_owned()),
                        assigned_official_id: Some(Some(user.user_id)),
                        updated_at: Some(at),
                        ..Default::default()
                    },
                )?;
                db::requests::record_event(
                    conn,
                    &Event {
                        request_id: id,
                        kind: "taken".into(),
                        actor_id: Some(user.user_id),
                        from_office_id: None,
                        to_office_id: None,
                        detail: None,
                        created_at: at,
                    },
                )?;
                audit::record(
                    conn,
                    &user,
                    now,
                    "take",
                    "request",
                    Some(id.to_string()),
                    None,
                )?;
                let request = readable(conn, &user, id, false)?;
                detail::load(conn, &user, request, now)
            })
        })
        .await?;
    Ok(web::Json(detail))
}

/// Transfer a request to another office with a reason: it goes back to `sent` at the new
/// office, unowned, and the history records the move. The caller loses sight of it.
#[utoipa::path(
    tag = "requests",
    params(("id" = i64, Path, description = "Request id")),
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
    id: web::Path<i64>,
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
                let target = db::offices::get_office(conn, body.office_id.0)?.ok_or_else(|| {
                    ApiError::field(
                        "office_not_found",
                        "office_id",
                        "exists",
                        "La sede indicata non esiste.".into(),
                    )
                })?;
                if target.id == request.office_id {
                    return Err(ApiError::field(
                        "same_office",
                        "office_id",
                        "different",
                        "La richiesta è già presso questa sede.".into(),
                    ));
                }
                let suits = if request.kind == "citizen" {
                    target.kind != "cric"
                } else {
                    target.kind == "cric"
                };
                if !suits {
                    return Err(ApiError::field(
                        "office_not_suitable",
                        "office_id",
                        "kind",
                        "La sede indicata non tratta questo tipo di richiesta.".into(),
                    ));
                }
                let at = now.naive_utc();
                db::requests::update_request(
                    conn,
                    id,
                    &RequestChangeset {
                        status: Some("sent".into()),
                        office_id: Some(target.id),
                        office_chosen_by_hand: Some(true),
                        routing_reason: Some("transfer".into()),
                        assigned_official_id: Some(None),
                        updated_at: Some(at),
                        ..Default::default()
                    },
                )?;
                db::requests::record_event(
                    conn,
                    &Event {
                        request_id: id,
                        kind: "transferred".into(),
                        actor_id: Some(user.user_id),
                        from_office_id: Some(request.office_id),
                        to_office_id: Some(target.id),
                        detail: Some(body.reason.trim().to_owned()),
                        created_at: at,
                    },
                )?;
                audit::record(
                    conn,
                    &user,
                    now,
                    "transfer",
                    "request",
                    Some(id.to_string()),
                    Some(format!("to office {}", target.code)),
                )?;
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
