//! The conversation: `GET/POST /api/v1/requests/{id}/messages`.

use actix_web::{get, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use db::requests::{NewMessage, Request, RequestChangeset};
use db::AnyConnection;
use domain::enums::{MessageKind, Side};
use domain::ids::RequestId;
use types::page::{Page, PageQuery};
use types::problem::Problem;
use types::requests::{MessageDto, PostMessage, RequestDetail};

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::handlers::requests::{detail_json, read, readable};
use crate::idempotency::{respond, run_once, IdempotencyHeader, IdempotencyKey, Operation};
use crate::pagination;
use crate::requests::access::{is_destination_official, writes_for_patronato};
use crate::requests::{attachments, detail, protocol};
use crate::state::AppState;
use domain::enums::{AuditAction, AuditResource};

/// List the conversation.
///
/// The messages of a request, message 0 (the request itself) first, with author, time and
/// protocol number.
#[utoipa::path(
    tag = "requests",
    params(("id" = RequestId, Path, description = "Request id"), PageQuery),
    responses(
        (status = 200, description = "The messages.", body = Page<MessageDto>),
        (status = 404, description = "`request_not_found`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/requests/{id}/messages")]
pub async fn list_messages(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<RequestId>,
    query: web::Query<PageQuery>,
) -> Result<web::Json<Page<MessageDto>>, ApiError> {
    let id = id.into_inner();
    let query = query.into_inner();
    validate(&query)?;
    let trail = state.audit.clone();
    let now = state.now();
    let messages = state
        .db(move |conn| {
            read(conn, &trail, &user, id, Some("messages"), now)?;
            detail::messages(conn, id)
        })
        .await?;
    let page = pagination::page_of(messages, query.limit, query.cursor.as_deref())?;
    Ok(web::Json(page))
}

/// Writes a message with its attachments (the caller's drafts).
fn add_message(
    conn: &mut AnyConnection,
    user: &AuthUser,
    request: &Request,
    kind: MessageKind,
    body: &PostMessage,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let seq = db::requests::message_count(conn, request.id)?;
    let protocol = protocol::next(conn, request.office_id, now)?;
    let text = &body.text;
    let message_id = db::requests::insert_message(
        conn,
        &NewMessage {
            request_id: request.id,
            seq: i32::try_from(seq).unwrap_or(i32::MAX),
            protocol,
            kind,
            author_id: user.user_id,
            author_side: user.side,
            text: text.trim().into(),
            created_at: now.naive_utc(),
        },
    )?;
    attachments::link(
        conn,
        user,
        &body.attachment_ids,
        request.id,
        message_id,
        now,
    )?;
    Ok(())
}

/// A follow-up of the patronato: reopens the request for the same official, if still active.
fn follow_up(
    conn: &mut AnyConnection,
    user: &AuthUser,
    request: &Request,
    body: &PostMessage,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let reminders = db::requests::reminders_of(conn, request.id)?;
    let next = request
        .conversation(&reminders)
        .follow_up(now)
        .map_err(|r| ApiError::Refused(r, Side::Patronato))?;
    add_message(conn, user, request, MessageKind::FollowUp, body, now)?;
    let official = match request.assigned_official_id {
        Some(id) => db::users::get_user(conn, id)?
            .filter(|u| u.active)
            .map(|u| u.id),
        None => None,
    };
    let changes = RequestChangeset {
        assigned_official_id: Some(official),
        ..RequestChangeset::conversation(&next, now.naive_utc())
    };
    db::requests::update_request(conn, request.id, &changes)?;
    Ok(())
}

/// An answer of the institute: closes the round, optionally enabling appointments.
fn answer(
    conn: &mut AnyConnection,
    user: &AuthUser,
    request: &Request,
    body: &PostMessage,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let reminders = db::requests::reminders_of(conn, request.id)?;
    let next = request
        .conversation(&reminders)
        .answer(now, body.enable_appointments.unwrap_or(false))
        .map_err(|r| ApiError::Refused(r, Side::Inps))?;
    add_message(conn, user, request, MessageKind::Answer, body, now)?;
    let changes = RequestChangeset {
        assigned_official_id: Some(Some(user.user_id)),
        ..RequestChangeset::conversation(&next, now.naive_utc())
    };
    db::requests::update_request(conn, request.id, &changes)?;
    Ok(())
}

/// Write in the conversation.
///
/// A follow-up from the patronato side (at most 2 after the first answer, only after the
/// institute answered) or an answer from an official of the destination office (closes the
/// round; `enable_appointments` enables booking). `attachment_ids` names the caller's drafts
/// to attach to the message, linked in the same transaction.
#[utoipa::path(
    tag = "requests",
    params(
        ("id" = RequestId, Path, description = "Request id"),
        IdempotencyHeader
    ),
    request_body = PostMessage,
    responses(
        (status = 201, description = "Written; the request as it is now.", body = RequestDetail),
        (status = 403, description = "`profile_not_allowed`.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`request_not_found`.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`not_your_turn`, `interaction_limit_reached` or `attachment_linked`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`, `attachment_not_found` (not a draft of the caller's, or expired), `too_many_attachments` or `idempotency_key_reused`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/requests/{id}/messages")]
pub async fn send_message(
    state: web::Data<AppState>,
    user: AuthUser,
    key: IdempotencyKey,
    id: web::Path<RequestId>,
    body: web::Json<PostMessage>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner();
    validate(&body)?;
    if body.text.trim().is_empty() {
        return Err(ApiError::field(
            "validation_failed",
            "text",
            "required",
            "Il testo è obbligatorio.".into(),
        ));
    }
    let op = Operation::new(
        user.user_id,
        key,
        format!("POST /api/v1/requests/{id}/messages"),
        &body,
    )?;
    let now = state.now();
    let reference = state.reference.clone();
    let (stored, replayed) = state
        .db(move |conn| {
            run_once(conn, &op, 201, now, |conn| {
                let request = readable(conn, &user, id, true)?;
                if writes_for_patronato(&user, &request) {
                    if body.enable_appointments.is_some() {
                        return Err(ApiError::field(
                            "validation_failed",
                            "enable_appointments",
                            "not_allowed",
                            "Solo il funzionario abilita gli appuntamenti.".into(),
                        ));
                    }
                    follow_up(conn, &user, &request, &body, now)?;
                } else if is_destination_official(&user, &request) {
                    answer(conn, &user, &request, &body, now)?;
                } else {
                    return Err(ApiError::Forbidden {
                        code: "profile_not_allowed",
                        detail: "Il profilo attivo non può scrivere in questa conversazione."
                            .into(),
                    });
                }
                audit::record(
                    conn,
                    &user,
                    now,
                    AuditAction::Write,
                    AuditResource::Message,
                    Some(id.to_string()),
                    None,
                )?;
                detail_json(conn, &reference, &user, id, now)
            })
        })
        .await?;
    Ok(respond(&stored, replayed, None))
}
