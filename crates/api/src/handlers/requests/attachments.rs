//! `POST /api/v1/requests/{id}/attachments`: the sender adds attachments to its open request.

use actix_web::{post, web, HttpResponse};
use db::requests::Event;
use domain::enums::{AuditAction, AuditResource, EventKind, RequestStatus};
use types::attachments::AddAttachments;
use types::ids::RequestId;
use types::problem::Problem;
use types::requests::RequestDetail;

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::handlers::requests::{detail_json, readable};
use crate::idempotency::{respond, run_once, IdempotencyHeader, IdempotencyKey, Operation};
use crate::requests::access::is_sender;
use crate::requests::attachments;
use crate::state::AppState;

/// Add attachments to a request.
///
/// The sender links its drafts to its open request after sending it: they join the request's
/// own message (message 0, at most 10 in all) and the history records an `attachments_added`
/// event. A closed request takes no more attachments.
#[utoipa::path(
    tag = "requests",
    params(
        ("id" = RequestId, Path, description = "Request id"),
        IdempotencyHeader
    ),
    request_body = AddAttachments,
    responses(
        (status = 201, description = "Linked; the request as it is now.", body = RequestDetail),
        (status = 403, description = "`sender_only`: only the sender may add attachments.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`request_not_found`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`request_closed` or `attachment_linked`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`, `attachment_not_found` (not a draft of the caller's, or expired), `too_many_attachments` or `idempotency_key_reused`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/requests/{id}/attachments")]
pub async fn add_attachments(
    state: web::Data<AppState>,
    user: AuthUser,
    key: IdempotencyKey,
    id: web::Path<RequestId>,
    body: web::Json<AddAttachments>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner();
    validate(&body)?;
    let op = Operation::new(
        user.user_id,
        key,
        format!("POST /api/v1/requests/{id}/attachments"),
        &body,
    )?;
    let now = state.now();
    let reference = state.reference.clone();
    let (stored, replayed) = state
        .db(move |conn| {
            run_once(conn, &op, 201, now, |conn| {
                let request = readable(conn, &user, id, true)?;
                if !is_sender(&user, &request) {
                    return Err(ApiError::Forbidden {
                        code: "sender_only",
                        detail: "Solo chi ha inviato la richiesta può aggiungere allegati.".into(),
                    });
                }
                if request.status == RequestStatus::Closed {
                    return Err(ApiError::Conflict {
                        code: "request_closed",
                        detail: "La richiesta è chiusa: non è possibile aggiungere allegati."
                            .into(),
                    });
                }
                let first = db::requests::messages_of(conn, id)?
                    .into_iter()
                    .next()
                    .ok_or_else(|| ApiError::Internal(format!("request {id} has no message")))?;
                let names =
                    attachments::link(conn, &user, &body.attachment_ids, id, first.id, now)?;
                db::requests::record_event(
                    conn,
                    &Event {
                        request_id: id,
                        kind: EventKind::AttachmentsAdded,
                        actor_id: Some(user.user_id),
                        from_office_id: None,
                        to_office_id: None,
                        detail: Some(names.join(", ")),
                        created_at: now.naive_utc(),
                    },
                )?;
                audit::record(
                    conn,
                    &user,
                    now,
                    AuditAction::Write,
                    AuditResource::Request,
                    Some(id.to_string()),
                    Some("attachments".into()),
                )?;
                detail_json(conn, &reference, &user, id, now)
            })
        })
        .await?;
    Ok(respond(&stored, replayed, None))
}
