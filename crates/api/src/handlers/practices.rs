//! Practice verification: is this person linked to this practice, with a role that may ask?

use actix_web::{post, web};
use domain::practices::may_ask;
use types::ids::CitizenId;
use types::practices::{PracticeVerification, PracticeVerifyRequest};
use types::problem::Problem;
use types::PracticeKind;

use crate::auth::AuthUser;
use crate::error::ApiError;
use crate::extract::validate;
use crate::state::AppState;

/// Checks a practice reference against a registry person (RULES.md R4.4): the rule request
/// creation applies again on submit.
pub fn verify(
    conn: &mut db::AnyConnection,
    citizen_id: CitizenId,
    kind: PracticeKind,
    number: &str,
) -> Result<PracticeVerification, ApiError> {
    let number = number.trim().to_uppercase();
    let role = db::practices::role_in(conn, kind, &number, citizen_id)?;
    let role = may_ask(kind, role).map_err(|refusal| {
        ApiError::field(refusal.code(), "number", "linked", refusal.message_it(kind))
    })?;
    Ok(PracticeVerification { kind, number, role })
}

/// Verify that a practice reference (protocol, Domus, pension, RDC, REM number) belongs to the
/// chosen registry person, as the wizard does as soon as the field is filled.
#[utoipa::path(
    tag = "practices",
    request_body = PracticeVerifyRequest,
    responses(
        (status = 200, description = "Linked, with a role that may ask.", body = PracticeVerification),
        (status = 403, description = "`profile_not_allowed`: patronato profiles only.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`citizen_not_found`.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`practice_not_linked` (*Numero … non corretto o non associato al codice fiscale*), `pension_role_not_allowed` or `validation_failed`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[post("/practices/verify")]
pub async fn verify_practice(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: web::Json<PracticeVerifyRequest>,
) -> Result<web::Json<PracticeVerification>, ApiError> {
    auth.require_patronato_side()?;
    let body = body.into_inner();
    validate(&body)?;
    let verification = state
        .db(move |conn| {
            db::citizens::get_citizen(conn, body.citizen_id)?.ok_or_else(|| {
                ApiError::not_found("citizen_not_found", "Cittadino non trovato in anagrafica.")
            })?;
            verify(conn, body.citizen_id, body.kind, &body.number)
        })
        .await?;
    Ok(web::Json(verification))
}
