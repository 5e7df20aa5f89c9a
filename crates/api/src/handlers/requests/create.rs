//! `POST /api/v1/requests`: a citizen request (operator) or a regional one (referent).

use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, Utc};
use db::citizens::Citizen;
use db::requests::NewRequest;
use db::AnyConnection;
use domain::enums::{MessageKind, Profile, RequestKind, RoutingReason};
use domain::ids::{OfficeId, TopicId};
use domain::lifecycle::Conversation;
use types::practices::PracticeVerification;
use types::problem::{FieldError, Problem};
use types::requests::{CreateRequest, RequestDetail, Warning};

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::handlers::practices::verify;
use crate::idempotency::{respond, run_once, IdempotencyHeader, IdempotencyKey, Operation};
use crate::reference::Reference;
use crate::requests::{attachments, detail, protocol};
use crate::routing::{route_citizen, route_regional, Route};
use crate::state::AppState;
use domain::enums::{AuditAction, AuditResource};

fn field(field: &str, code: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

/// The rules that need no database: the fields a kind and a motive require or forbid.
fn check_shape(body: &CreateRequest) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    if body.text.trim().is_empty() {
        errors.push(field(
            "text",
            "required",
            "Il testo della richiesta è obbligatorio.",
        ));
    }
    if !body.motive.allowed_for(body.kind) {
        errors.push(field(
            "motive",
            "not_allowed",
            "Motivo non previsto per questo tipo di richiesta.",
        ));
    }
    match (body.motive.requires_practice(), &body.practice) {
        (true, None) => errors.push(field(
            "practice",
            "required",
            "Per questo motivo indicare il riferimento della pratica.",
        )),
        (false, Some(_)) => errors.push(field(
            "practice",
            "not_allowed",
            "Per questo motivo non va indicato alcun riferimento di pratica.",
        )),
        _ => {}
    }
    match body.kind {
        RequestKind::Citizen => {
            if body.citizen_id.is_none() {
                errors.push(field("citizen_id", "required", "Indicare il cittadino."));
            }
            if body.delega_declared != Some(true) {
                errors.push(field(
                    "delega_declared",
                    "required",
                    "Dichiarare di essere in possesso della delega a operare per conto del \
                     richiedente e di esibirla su richiesta.",
                ));
            }
        }
        RequestKind::Regional => {
            if body.citizen_id.is_some() {
                errors.push(field(
                    "citizen_id",
                    "not_allowed",
                    "Le richieste regionali non riguardano un cittadino.",
                ));
            }
            if body.delega_declared.is_some() {
                errors.push(field(
                    "delega_declared",
                    "not_allowed",
                    "Le richieste regionali non richiedono la delega.",
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::validation(errors))
    }
}

/// The office chosen by hand, if it exists and receives requests of this kind.
fn manual_route(
    conn: &mut AnyConnection,
    office_id: OfficeId,
    kind: RequestKind,
) -> Result<Route, ApiError> {
    let office = db::offices::get_office(conn, office_id)?.ok_or_else(office_not_found)?;
    if !office.kind.receives(kind) {
        return Err(office_not_suitable(kind));
    }
    Ok(Route {
        office,
        reason: RoutingReason::Manual,
    })
}

/// The 422 for an office that does not exist.
pub fn office_not_found() -> ApiError {
    ApiError::field(
        "office_not_found",
        "office_id",
        "exists",
        "La sede indicata non esiste.".into(),
    )
}

/// The 422 for an office of a kind that does not receive requests of `kind`.
pub fn office_not_suitable(kind: RequestKind) -> ApiError {
    let detail = match kind {
        RequestKind::Citizen => {
            "Per una richiesta cittadino scegliere una sede provinciale, un'agenzia o un polo."
        }
        RequestKind::Regional => {
            "Per una richiesta regionale scegliere un centro regionale informativo (CRIC)."
        }
    };
    ApiError::field("office_not_suitable", "office_id", "kind", detail.into())
}

/// The person of a citizen request, its checked practice reference and the warning about an
/// open request on the same topic.
struct CitizenPart {
    citizen: Citizen,
    practice: Option<PracticeVerification>,
    warning: Option<Warning>,
}

fn citizen_part(
    conn: &mut AnyConnection,
    body: &CreateRequest,
    topic: TopicId,
) -> Result<CitizenPart, ApiError> {
    let id = body.citizen_id.unwrap_or_default();
    let citizen = db::citizens::get_citizen(conn, id)?.ok_or_else(|| {
        ApiError::field(
            "citizen_not_found",
            "citizen_id",
            "exists",
            "Cittadino non trovato in anagrafica.".into(),
        )
    })?;
    let practice = body
        .practice
        .as_ref()
        .map(|p| verify(conn, citizen.id, p.kind, &p.number))
        .transpose()?;
    let warning = db::requests::open_request_exists(conn, citizen.id, topic)?.map(|protocol| Warning {
        code: "open_request_same_topic".into(),
        message: format!(
            "Per questo cittadino esiste già una richiesta aperta sullo stesso argomento ({protocol})."
        ),
    });
    Ok(CitizenPart {
        citizen,
        practice,
        warning,
    })
}

/// The topic, if it exists and requests of this kind may use it.
fn topic_for(conn: &mut AnyConnection, body: &CreateRequest) -> Result<TopicId, ApiError> {
    let topic = db::topics::get_topic(conn, body.topic_id)?.ok_or_else(|| {
        ApiError::field(
            "topic_not_found",
            "topic_id",
            "exists",
            "L'argomento indicato non esiste.".into(),
        )
    })?;
    if !topic.allows(body.kind) {
        return Err(ApiError::field(
            "topic_not_allowed",
            "topic_id",
            "kind",
            format!(
                "L'argomento non è disponibile per le richieste di tipo «{}».",
                body.kind.label_it()
            ),
        ));
    }
    Ok(topic.id)
}

/// Writes the request, message 0, protocol number and audit entry; returns the detail.
fn create(
    conn: &mut AnyConnection,
    reference: &Reference,
    user: &AuthUser,
    body: &CreateRequest,
    now: DateTime<Utc>,
) -> Result<RequestDetail, ApiError> {
    let topic = topic_for(conn, body)?;
    let part = match body.kind {
        RequestKind::Citizen => Some(citizen_part(conn, body, topic)?),
        RequestKind::Regional => None,
    };
    let citizen = part.as_ref().map(|p| &p.citizen);
    let region_id = match body.kind {
        RequestKind::Citizen => None,
        RequestKind::Regional => Some(user.region_id.ok_or_else(|| {
            ApiError::rule(
                "region_required",
                "Al referente non è associata alcuna regione.",
            )
        })?),
    };
    let route = match (body.office_id, citizen, region_id) {
        (Some(office), _, _) => manual_route(conn, office, body.kind)?,
        (None, Some(citizen), _) => route_citizen(conn, topic, &citizen.residence_cap)?,
        (None, None, Some(region)) => route_regional(conn, region)?,
        (None, None, None) => return Err(ApiError::Internal("request without destination".into())),
    };
    let protocol = protocol::next(conn, route.office.id, now)?;
    let at = now.naive_utc();
    let patronato_id = user
        .patronato_id
        .ok_or_else(|| ApiError::Internal("patronato user without patronato".into()))?;
    let text = body.text.trim().to_owned();
    let start = Conversation::new(now);
    let practice = part.as_ref().and_then(|p| p.practice.as_ref());
    let id = db::requests::insert_request(
        conn,
        &NewRequest {
            protocol: protocol.clone(),
            kind: body.kind,
            status: start.status,
            patronato_id,
            patronato_office_id: user.patronato_office_id,
            region_id,
            created_by: user.user_id,
            citizen_id: citizen.map(|c| c.id),
            citizen_cf: citizen.map(|c| c.codice_fiscale.clone()),
            delega_declared_at: citizen.map(|_| at),
            motive: body.motive,
            practice_kind: practice.map(|p| p.kind),
            practice_number: practice.map(|p| p.number.clone()),
            topic_id: topic,
            text: text.clone(),
            notes: body
                .notes
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            office_id: route.office.id,
            office_chosen_by_hand: route.reason == RoutingReason::Manual,
            routing_reason: route.reason,
            awaiting_since: Some(at),
            last_message_at: at,
            created_at: at,
            updated_at: at,
        },
    )?;
    let message_id = db::requests::insert_message(
        conn,
        &db::requests::NewMessage {
            request_id: id,
            seq: 0,
            protocol,
            kind: MessageKind::Request,
            author_id: user.user_id,
            author_side: user.side,
            text,
            created_at: at,
        },
    )?;
    attachments::link(conn, user, &body.attachment_ids, id, message_id, now)?;
    audit::record(
        conn,
        user,
        now,
        AuditAction::Create,
        AuditResource::Request,
        Some(id.to_string()),
        None,
    )?;
    let mut detail = detail::load(conn, reference, user, id, now)?;
    detail.warnings = part.and_then(|p| p.warning).into_iter().collect();
    Ok(detail)
}

/// Send a request to INPS.
///
/// A citizen request (operator profile: registry person, delega, motive, practice reference
/// when the motive needs it, topic, text) or a regional one (referent profile). Routing
/// chooses the destination unless `office_id` is given. One transaction writes the request,
/// message 0, its protocol number, the link of the caller's draft `attachment_ids` and the audit
/// entry. With `Idempotency-Key`, a retry with the
/// same body returns the first response.
#[utoipa::path(
    tag = "requests",
    request_body = CreateRequest,
    params(IdempotencyHeader),
    responses(
        (status = 201, description = "Sent; `warnings` may flag an open request on the same topic.", body = RequestDetail,
            headers(("Location" = String, description = "URL of the new request"))),
        (status = 403, description = "`profile_not_allowed`: citizen requests need the operator profile, regional ones the referent profile.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`idempotency_key_in_progress` or `attachment_linked`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`, `attachment_not_found` (not a draft of the caller's, or expired), `too_many_attachments`, `citizen_not_found`, `practice_not_linked`, `pension_role_not_allowed`, `topic_not_found`, `topic_not_allowed`, `no_competent_office`, `office_not_suitable`, `idempotency_key_reused`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/requests")]
pub async fn create_request(
    state: web::Data<AppState>,
    user: AuthUser,
    key: IdempotencyKey,
    body: web::Json<CreateRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    match body.kind {
        RequestKind::Citizen => user.require(&[Profile::Operator])?,
        RequestKind::Regional => user.require(&[Profile::RegionalReferent])?,
    }
    validate(&body)?;
    check_shape(&body)?;
    let op = Operation::new(user.user_id, key, "POST /api/v1/requests".into(), &body)?;
    let now = state.now();
    let reference = state.reference.clone();
    let (stored, replayed) = state
        .db(move |conn| {
            run_once(conn, &op, 201, now, |conn| {
                let detail = create(conn, &reference, &user, &body, now)?;
                serde_json::to_string(&detail).map_err(|e| ApiError::Internal(e.to_string()))
            })
        })
        .await?;
    Ok(respond(&stored, replayed, Some("/api/v1/requests")))
}
