//! Routing preview: the destination office before sending.

use actix_web::{post, web};
use types::problem::Problem;
use types::routing::{RoutingPreview, RoutingPreviewRequest};
use types::RequestKind;

use crate::auth::AuthUser;
use crate::dto::IntoDto;
use crate::error::ApiError;
use crate::extract::validate;
use crate::routing::{notice, route_citizen, route_regional};
use crate::state::AppState;

fn topic_not_allowed(kind: RequestKind) -> ApiError {
    ApiError::field(
        "topic_not_allowed",
        "topic_id",
        "kind",
        format!(
            "L'argomento scelto non è disponibile per le richieste di tipo «{}».",
            kind.label_it()
        ),
    )
}

/// Preview where a request would go and why: CAP coverage, a hub override for the topic, or
/// the regional information centre. The wizard shows it; patronato software can too.
#[utoipa::path(
    tag = "routing",
    request_body = RoutingPreviewRequest,
    responses(
        (status = 200, description = "The proposed office.", body = RoutingPreview),
        (status = 403, description = "`profile_not_allowed`: patronato profiles only.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`citizen_not_found`, `topic_not_found` or `region_not_found`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`no_competent_office`, `topic_not_allowed`, `region_required` or `validation_failed`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/routing/preview")]
pub async fn preview_routing(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: web::Json<RoutingPreviewRequest>,
) -> Result<web::Json<RoutingPreview>, ApiError> {
    auth.require_patronato_side()?;
    let body = body.into_inner();
    validate(&body)?;
    let route = state
        .db(move |conn| {
            let topic = db::topics::get_topic(conn, body.topic_id)?.ok_or_else(|| {
                ApiError::not_found("topic_not_found", "L'argomento indicato non esiste.")
            })?;
            match body.kind {
                RequestKind::Citizen => {
                    if !topic.for_citizen {
                        return Err(topic_not_allowed(body.kind));
                    }
                    let cap = match (body.citizen_id, body.cap) {
                        (Some(id), None) => {
                            db::citizens::get_citizen(conn, id)?
                                .ok_or_else(|| {
                                    ApiError::not_found(
                                        "citizen_not_found",
                                        "Cittadino non trovato in anagrafica.",
                                    )
                                })?
                                .residence_cap
                        }
                        (None, Some(cap)) if cap.chars().all(|c| c.is_ascii_digit()) => cap,
                        (None, Some(_)) => {
                            return Err(ApiError::field(
                                "validation_failed",
                                "cap",
                                "format",
                                "Il CAP deve essere di 5 cifre.".into(),
                            ))
                        }
                        _ => {
                            return Err(ApiError::rule(
                                "validation_failed",
                                "Per una richiesta cittadino indicare citizen_id oppure cap (uno solo).",
                            ))
                        }
                    };
                    route_citizen(conn, topic.id, &cap)
                }
                RequestKind::Regional => {
                    if !topic.for_regional {
                        return Err(topic_not_allowed(body.kind));
                    }
                    let region_id = match body.region_code {
                        Some(code) => {
                            db::territory::region_by_code(conn, &code)?
                                .ok_or_else(|| {
                                    ApiError::not_found("region_not_found", "La regione indicata non esiste.")
                                })?
                                .id
                        }
                        None => auth.region_id.ok_or_else(|| {
                            ApiError::field(
                                "region_required",
                                "region_code",
                                "required",
                                "Indicare la regione della richiesta regionale.".into(),
                            )
                        })?,
                    };
                    route_regional(conn, region_id)
                }
            }
        })
        .await?;
    Ok(web::Json(RoutingPreview {
        notice: notice(route.reason).into(),
        reason: route.reason,
        office: route.office.into_dto(),
    }))
}
