//! Registry lookup: by codice fiscale, or by surname + name + birth date. Always every match.

use actix_web::{get, web};
use chrono::NaiveDate;
use domain::codice_fiscale::CodiceFiscale;
use domain::enums::{AuditAction, AuditResource};
use types::citizens::{CitizenMatches, CitizenQuery};
use types::problem::{FieldError, Problem};

use crate::auth::AuthUser;
use crate::dto;
use crate::error::ApiError;
use crate::extract::validate;
use crate::state::AppState;

enum Lookup {
    ByCf(CodiceFiscale),
    ByIdentity {
        surname: String,
        name: String,
        birth_date: NaiveDate,
    },
}

fn missing(field: &str) -> FieldError {
    FieldError {
        field: field.into(),
        code: "required".into(),
        message: "Campo obbligatorio per la ricerca per anagrafica.".into(),
    }
}

fn parse(query: CitizenQuery) -> Result<Lookup, ApiError> {
    let clean = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let (cf, surname, name, birth_date) = (
        clean(query.cf),
        clean(query.surname),
        clean(query.name),
        clean(query.birth_date),
    );
    let by_identity = surname.is_some() || name.is_some() || birth_date.is_some();
    match (cf, by_identity) {
        (Some(_), true) => Err(ApiError::rule(
            "ambiguous_lookup",
            "Cercare per codice fiscale oppure per anagrafica (cognome, nome e data di nascita), \
             non entrambi.",
        )),
        (Some(cf), false) => CodiceFiscale::parse(&cf)
            .map(Lookup::ByCf)
            .map_err(|e| ApiError::field("invalid_codice_fiscale", "cf", e.rule(), e.message_it())),
        (None, false) => Err(ApiError::rule(
            "lookup_criteria_required",
            "Indicare il codice fiscale oppure cognome, nome e data di nascita.",
        )),
        (None, true) => {
            let mut errors = Vec::new();
            if surname.is_none() {
                errors.push(missing("surname"));
            }
            if name.is_none() {
                errors.push(missing("name"));
            }
            let date = match birth_date.as_deref() {
                None => {
                    errors.push(missing("birth_date"));
                    None
                }
                Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                    Ok(date) => Some(date),
                    Err(_) => {
                        errors.push(FieldError {
                            field: "birth_date".into(),
                            code: "format".into(),
                            message: "Data non valida: usare il formato AAAA-MM-GG.".into(),
                        });
                        None
                    }
                },
            };
            match (surname, name, date) {
                (Some(surname), Some(name), Some(birth_date)) if errors.is_empty() => {
                    Ok(Lookup::ByIdentity {
                        surname,
                        name,
                        birth_date,
                    })
                }
                _ => Err(ApiError::validation(errors)),
            }
        }
    }
}

/// Find people in the registry.
///
/// By codice fiscale, or by surname, name and birth date. Returns **all** matches: two people
/// may share a codice fiscale (omocodia) and homonyms share surname, name and birth date; with
/// more than one match the operator picks one and the request refers to its `id`. Every person
/// returned is written to the audit trail.
#[utoipa::path(
    tag = "citizens",
    params(CitizenQuery),
    responses(
        (status = 200, description = "One or more matches.", body = CitizenMatches),
        (status = 403, description = "`profile_not_allowed`: patronato profiles only.", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "`citizen_not_found`: no person matches.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`invalid_codice_fiscale` (with the failed rule), `validation_failed`, `ambiguous_lookup` or `lookup_criteria_required`.", body = Problem, content_type = "application/problem+json")
    ),
    security(("bearer" = []))
)]
#[get("/citizens")]
pub async fn search_citizens(
    state: web::Data<AppState>,
    auth: AuthUser,
    query: web::Query<CitizenQuery>,
) -> Result<web::Json<CitizenMatches>, ApiError> {
    auth.require_patronato_side()?;
    let query = query.into_inner();
    validate(&query)?;
    let lookup = parse(query)?;
    let trail = state.audit.clone();
    let now = state.now();
    let rows = state
        .db(move |conn| {
            let rows = match &lookup {
                Lookup::ByCf(cf) => db::citizens::find_by_cf(conn, cf.as_str())?,
                Lookup::ByIdentity {
                    surname,
                    name,
                    birth_date,
                } => db::citizens::find_by_identity(conn, surname, name, *birth_date)?,
            };
            let criteria = match &lookup {
                Lookup::ByCf(_) => "by_cf",
                Lookup::ByIdentity { .. } => "by_identity",
            };
            for row in &rows {
                trail.read(
                    &auth,
                    now,
                    AuditAction::Read,
                    AuditResource::Citizen,
                    Some(row.id.to_string()),
                    Some(criteria.into()),
                )?;
            }
            Ok(rows)
        })
        .await?;
    if rows.is_empty() {
        return Err(ApiError::not_found(
            "citizen_not_found",
            "Nessun cittadino trovato in anagrafica con i dati indicati.",
        ));
    }
    let items = dto::all(rows);
    Ok(web::Json(CitizenMatches {
        total: i64::try_from(items.len()).unwrap_or(i64::MAX),
        choice_required: items.len() > 1,
        items,
    }))
}
