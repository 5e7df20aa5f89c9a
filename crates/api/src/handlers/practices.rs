//! Practice verification: is this person linked to this practice, with a role that may ask?

use actix_web::{post, web};
use db::practices::Link;
use types::practices::{PracticeVerification, PracticeVerifyRequest};
use types::problem::Problem;
use types::{PracticeKind, PracticeRole};

use crate::auth::AuthUser;
use crate::dto::stored;
use crate::error::ApiError;
use crate::extract::validate;
use crate::state::AppState;

/// The exact message of the service when the number does not belong to the person.
pub fn not_linked_message(kind: PracticeKind) -> String {
    let label = match kind {
        PracticeKind::Protocol => "Numero di protocollo",
        other => other.label_it(),
    };
    format!("{label} non corretto o non associato al codice fiscale")
}

/// The exact message when the person's role in a pension may not ask about it.
pub const PENSION_ROLE_MESSAGE: &str = "Per il codice fiscale inserito, associato al numero della \
pensione indicata, non può essere richiesta alcuna informazione in quanto si riferisce a soggetto \
diverso da: Titolare, Amministratore di sostegno, Tutore.";

/// Checks a practice reference against a registry person (SPEC §4): the rule request creation
/// applies again on submit.
pub fn verify(
    conn: &mut db::AnyConnection,
    citizen_id: i64,
    kind: PracticeKind,
    number: &str,
) -> Result<PracticeVerification, ApiError> {
    let number = number.trim().to_uppercase();
    let not_linked = || {
        ApiError::field(
            "practice_not_linked",
            "number",
            "not_linked",
            not_linked_message(kind),
        )
    };
    let role = match db::practices::link_of(conn, kind.as_str(), &number, citizen_id)? {
        Link::NoPractice | Link::NotLinked => return Err(not_linked()),
        Link::Role(role) => stored::<PracticeRole>("practice_people.role", &role)?,
    };
    if kind == PracticeKind::Pension && !role.may_ask_about_pension() {
        return Err(ApiError::field(
            "pension_role_not_allowed",
            "number",
            "role",
            PENSION_ROLE_MESSAGE.into(),
        ));
    }
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
            db::citizens::get_citizen(conn, body.citizen_id.0)?.ok_or_else(|| {
                ApiError::not_found("citizen_not_found", "Cittadino non trovato in anagrafica.")
            })?;
            verify(conn, body.citizen_id.0, body.kind, &body.number)
        })
        .await?;
    Ok(web::Json(verification))
}
