//! `POST /api/v1/requests`: a citizen request (operator) or a regional one (referent).

use actix_web::{post, web, HttpResponse};
use chrono::{DateTime, Utc};
use db::requests::NewRequest;
use db::AnyConnection;
use domain::enums::{Profile, RequestKind};
use types::problem::{FieldError, Problem};
use types::requests::{CreateRequest, RequestDetail, Warning};
use types::routing::RoutingReason;

use crate::audit;
use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::handlers::practices::verify;
use crate::idempotency::{respond, run_once, IdempotencyHeader, IdempotencyKey, Operation};
use crate::requests::{detail, protocol};
use crate::routing::{route_citizen, route_regional, Route};
use crate::state::AppState;

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

fn office_not_suitable(detail: &str) -> ApiError {
    ApiError::field("office_not_suitable", "office_id", "kind", detail.into())
}

/// The office chosen by hand, if it exists and suits the kind of request.
fn manual_route(
    conn: &mut AnyConnection,
    office_id: i64,
    kind: RequestKind,
) -> Result<Route, ApiError> {
    let office = db::offices::get_office(conn, office_id)?.ok_or_else(|| {
        ApiError::field(
            "office_not_found",
            "office_id",
            "exists",
            "La sede indicata non esiste.".into(),
        )
    })?;
    let suits = match kind {
        RequestKind::Citizen => matches!(office.kind.as_str(), "provincial" | "agency" | "hub"),
        RequestKind::Regional => office.kind == "cric",
    };
    if !suits {
        return Err(office_not_suitable(match kind {
            RequestKind::Citizen => {
                "Per una richiesta cittadino scegliere una sede provinciale, un'agenzia o un polo."
            }
            RequestKind::Regional => {
                "Per una richiesta regionale scegliere un centro regionale informativo (CRIC)."
            }
        }));
    }
    Ok(Route {
        office,
        reason: RoutingReason::CapCoverage,
    })
}

/// Writes the request, message 0, protocol number and audit entry; returns the detail.
fn create(
    conn: &mut AnyConnection,
    user: &AuthUser,
    body: &CreateRequest,
    now: DateTime<Utc>,
) -> Result<RequestDetail, ApiError> {
    let topic = db::topics::get_topic(conn, body.topic_id.0)?.ok_or_else(|| {
        ApiError::field(
            "topic_not_found",
            "topic_id",
            "exists",
            "L'argomento indicato non esiste.".into(),
        )
    })?;
    let topic_fits = match body.kind {
        RequestKind::Citizen => topic.for_citizen,
        RequestKind::Regional => topic.for_regional,
    };
    if !topic_fits {
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
    let mut warnings = Vec::new();
    let (citizen, practice) = match body.kind {
        RequestKind::Citizen => {
            let id = body.citizen_id.map(|c| c.0).unwrap_or_default();
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
            if let Some(protocol) = db::requests::open_request_exists(conn, citizen.id, topic.id)? {
                warnings.push(Warning {
                    code: "open_request_same_topic".into(),
                    message: format!(
                        "Per questo cittadino esiste già una richiesta aperta sullo stesso argomento ({protocol})."
                    ),
                });
            }
            (Some(citizen), practice)
        }
        RequestKind::Regional => (None, None),
    };
    let region_id = match body.kind {
        RequestKind::Citizen => None,
        RequestKind::Regional => Some(user.region_id.ok_or_else(|| {
            ApiError::rule(
                "region_required",
                "Al referente non è associata alcuna regione.",
            )
        })?),
    };
    let (route, by_hand) = match (body.office_id, &citizen, region_id) {
        (Some(office), _, _) => (manual_route(conn, office.0, body.kind)?, true),
        (None, Some(citizen), _) => (
            route_citizen(conn, topic.id, &citizen.residence_cap)?,
            false,
        ),
        (None, None, Some(region)) => (route_regional(conn, region)?, false),
        (None, None, None) => return Err(ApiError::Internal("request without destination".into())),
    };
    let protocol = protocol::next(conn, route.office.id, now)?;
    let at = now.naive_utc();
    let patronato_id = user
        .patronato_id
        .ok_or_else(|| ApiError::Internal("patronato user without patronato".into()))?;
    let id = db::requests::insert_request(
        conn,
        &NewRequest {
            protocol: protocol.clone(),
            kind: body.kind.as_str().into(),
            status: "sent".into(),
            patronato_id,
            patronato_office_id: user.patronato_office_id,
            region_id,
            created_by: user.user_id,
            citizen_id: citizen.as_ref().map(|c| c.id),
            citizen_cf: citizen.as_ref().map(|c| c.codice_fiscale.clone()),
            delega_declared_at: citizen.as_ref().map(|_| at),
            motive: body.motive.as_str().into(),
            practice_kind: practice.as_ref().map(|p| p.kind.as_str().into()),
            practice_number: practice.as_ref().map(|p| p.number.clone()),
            topic_id: topic.id,
            text: body.text.trim().to_owned(),
            notes: body
                .notes
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            office_id: route.office.id,
            office_chosen_by_hand: by_hand,
            routing_reason: if by_hand {
                "manual".into()
            } else {
                serde_json::to_value(route.reason)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            },
            awaiting_since: Some(at),
            last_message_at: at,
            created_at: at,
            updated_at: at,
        },
    )?;
    db::requests::insert_message(
        conn,
        &db::requests::NewMessage {
            request_id: id,
            seq: 0,
            protocol,
            kind: "request".into(),
            author_id: user.user_id,
            author_side: "patronato".into(),
            text: body.text.trim().to_owned(),
            created_at: at,
        },
    )?;
    audit::record(
        conn,
        user,
        now,
        "create",
        "request",
        Some(id.to_string()),
        None,
    )?;
    let request = db::requests::get_request(conn, id)?
        .ok_or_else(|| ApiError::Internal("request vanished".into()))?;
    let mut detail = detail::load(conn, user, request, now)?;
    detail.warnings = warnings;
    Ok(detail)
}

/// Send a request to INPS: a citizen request (operator profile: registry person, delega,
/// motive, practice reference when the motive needs it, topic, text) or a regional one
/// (referent profile). Routing chooses the destination unless `office_id` is given.
///
/// One transaction writes the request, message 0, its protocol number and the audit entry.
/// With `Idempotency-Key`, a retry with the same body returns the first response.
#[utoipa::path(
    tag = "requests",
    request_body = CreateRequest,
    params(IdempotencyHeader),
    responses(
        (status = 201, description = "Sent; `warnings` may flag an open request on the same topic.", body = RequestDetail,
            headers(("Location" = String, description = "URL of the new request"))),
        (status = 403, description = "`profile_not_allowed`: citizen requests need the operator profile, regional ones the referent profile.", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "`idempotency_key_in_progress`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`validation_failed`, `citizen_not_found`, `practice_not_linked`, `pension_role_not_allowed`, `topic_not_found`, `topic_not_allowed`, `no_competent_office`, `office_not_suitable`, `idempotency_key_reused`.", body = Problem, content_type = "application/problem+json")
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
    let (stored, replayed) = state
        .db(move |conn| {
            run_once(conn, &op, 201, now, |conn| {
                let detail = create(conn, &user, &body, now)?;
                serde_json::to_string(&detail).map_err(|e| ApiError::Internal(e.to_string()))
            })
        })
        .await?;
    Ok(respond(&stored, replayed, Some("/api/v1/requests")))
}
