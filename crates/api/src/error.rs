//! The one error type of the API, rendered as an RFC 9457 problem document.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use chrono::NaiveDate;
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use domain::appointments::Refusal as AppointmentRefusal;
use domain::enums::Side;
use domain::lifecycle::Refusal;
use types::problem::{FieldError, Problem};
use types::Profile;

/// Seconds a client should wait before retrying when the database is unreachable.
pub const UNAVAILABLE_RETRY_SECS: u64 = 5;

/// Base of the `type` URI of every problem document.
pub const PROBLEM_BASE: &str = "https://scrivi-alla-sede.inps.it/problems/";

/// Every way a request can fail. The `code` strings are part of the API contract.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request cannot be read (malformed JSON, bad query string, bad header).
    #[error("{code}: {detail}")]
    BadRequest {
        /// Stable code.
        code: &'static str,
        /// Italian detail.
        detail: String,
    },
    /// 401: no valid credentials.
    #[error("{code}: {detail}")]
    Unauthorized {
        /// Stable code.
        code: &'static str,
        /// Italian detail.
        detail: String,
    },
    /// 403: authenticated, but the active profile may not do this.
    #[error("{code}: {detail}")]
    Forbidden {
        /// Stable code.
        code: &'static str,
        /// Italian detail.
        detail: String,
    },
    /// 404: no such resource, or not visible to this user.
    #[error("{code}: {detail}")]
    NotFound {
        /// Stable code.
        code: &'static str,
        /// Italian detail.
        detail: String,
    },
    /// 405: the path exists with other methods.
    #[error("method not allowed")]
    MethodNotAllowed {
        /// The methods the path accepts.
        allow: Vec<String>,
    },
    /// 409: the request conflicts with the current state.
    #[error("{code}: {detail}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// Italian detail.
        detail: String,
    },
    /// 409: a conversation rule refuses the action now (turn-taking, limits, reminder dates).
    #[error("refused: {0:?}")]
    Refused(Refusal, Side),
    /// A rule of the agenda or of a booking refuses the action.
    #[error("appointment refused: {0:?}")]
    Appointment(AppointmentRefusal),
    /// 413, 415 or 422: a file that cannot be attached (too large, empty, wrong format, too
    /// many for one message).
    #[error("attachment refused: {0:?}")]
    Attachment(domain::attachments::Refusal),
    /// 413: body too large.
    #[error("payload too large")]
    PayloadTooLarge {
        /// Italian detail.
        detail: String,
    },
    /// 415: wrong content type.
    #[error("unsupported media type")]
    UnsupportedMediaType {
        /// Italian detail.
        detail: String,
    },
    /// 422: well-formed but breaks a rule; `errors` names the fields.
    #[error("{code}: {detail}")]
    Unprocessable {
        /// Stable code.
        code: &'static str,
        /// Italian detail.
        detail: String,
        /// Per-field errors.
        errors: Vec<FieldError>,
    },
    /// 422 `profile_required`: the user has several profiles and must choose one.
    #[error("profile required")]
    ProfileRequired {
        /// The profiles to choose from.
        available: Vec<Profile>,
    },
    /// 429: too many attempts.
    #[error("too many requests")]
    TooManyRequests {
        /// Seconds to wait.
        retry_after_secs: u64,
    },
    /// 503: the database is unreachable or saturated.
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// 500: a defect; the cause is logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// 422 `validation_failed` with per-field errors.
    pub fn validation(errors: Vec<FieldError>) -> ApiError {
        ApiError::Unprocessable {
            code: "validation_failed",
            detail: "Alcuni dati inseriti non sono validi: correggere i campi indicati.".into(),
            errors,
        }
    }

    /// 422 for one field.
    pub fn field(code: &'static str, field: &str, rule: &str, message: String) -> ApiError {
        ApiError::Unprocessable {
            code,
            detail: message.clone(),
            errors: vec![FieldError {
                field: field.to_owned(),
                code: rule.to_owned(),
                message,
            }],
        }
    }

    /// 422 without field errors.
    pub fn rule(code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::Unprocessable {
            code,
            detail: detail.into(),
            errors: Vec::new(),
        }
    }

    /// 404 with a code and detail.
    pub fn not_found(code: &'static str, detail: impl Into<String>) -> ApiError {
        ApiError::NotFound {
            code,
            detail: detail.into(),
        }
    }

    /// The stable code of this error.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest { code, .. }
            | ApiError::Unauthorized { code, .. }
            | ApiError::Forbidden { code, .. }
            | ApiError::NotFound { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::Unprocessable { code, .. } => code,
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::Refused(refusal, _) => refusal.code(),
            ApiError::Appointment(refusal) => refusal.code(),
            ApiError::Attachment(refusal) => refusal.code(),
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::UnsupportedMediaType { .. } => "unsupported_media_type",
            ApiError::ProfileRequired { .. } => "profile_required",
            ApiError::TooManyRequests { .. } => "too_many_requests",
            ApiError::Unavailable(_) => "service_unavailable",
            ApiError::Internal(_) => "internal_error",
        }
    }

    fn title(&self) -> &'static str {
        match self.status_code() {
            StatusCode::BAD_REQUEST => "Richiesta non leggibile",
            StatusCode::UNAUTHORIZED => "Autenticazione necessaria",
            StatusCode::FORBIDDEN => "Operazione non consentita",
            StatusCode::NOT_FOUND => "Risorsa non trovata",
            StatusCode::METHOD_NOT_ALLOWED => "Metodo non consentito",
            StatusCode::CONFLICT => "Operazione in conflitto",
            StatusCode::PAYLOAD_TOO_LARGE => "Contenuto troppo grande",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "Formato non supportato",
            StatusCode::UNPROCESSABLE_ENTITY => "Dati non validi",
            StatusCode::TOO_MANY_REQUESTS => "Troppe richieste",
            StatusCode::SERVICE_UNAVAILABLE => "Servizio non disponibile",
            _ => "Errore interno",
        }
    }

    fn detail(&self) -> String {
        match self {
            ApiError::BadRequest { detail, .. }
            | ApiError::Unauthorized { detail, .. }
            | ApiError::Forbidden { detail, .. }
            | ApiError::NotFound { detail, .. }
            | ApiError::Conflict { detail, .. }
            | ApiError::Unprocessable { detail, .. }
            | ApiError::PayloadTooLarge { detail }
            | ApiError::UnsupportedMediaType { detail } => detail.clone(),
            ApiError::MethodNotAllowed { allow } => format!(
                "Metodo non consentito su questo indirizzo. Metodi ammessi: {}.",
                allow.join(", ")
            ),
            ApiError::ProfileRequired { .. } => {
                "Scegli la modalità di lavoro: l'utente dispone di più profili.".into()
            }
            ApiError::Refused(refusal, side) => refusal.message_it(*side),
            ApiError::Appointment(refusal) => refusal.message_it(),
            ApiError::Attachment(refusal) => refusal.message_it(),
            ApiError::TooManyRequests { retry_after_secs } => {
                format!("Troppi tentativi di accesso. Riprovare tra {retry_after_secs} secondi.")
            }
            ApiError::Unavailable(_) => {
                "Il servizio è momentaneamente non disponibile. Riprovare tra poco.".into()
            }
            ApiError::Internal(_) => {
                "Si è verificato un errore imprevisto. Riprovare più tardi.".into()
            }
        }
    }

    fn allowed_from(&self) -> Option<NaiveDate> {
        match self {
            ApiError::Refused(refusal, _) => refusal.allowed_from(),
            _ => None,
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        Problem {
            type_uri: format!("{PROBLEM_BASE}{}", self.code()),
            title: self.title().to_owned(),
            status: self.status_code().as_u16(),
            detail: self.detail(),
            code: self.code().to_owned(),
            errors: match self {
                ApiError::Unprocessable { errors, .. } => errors.clone(),
                _ => Vec::new(),
            },
            available_profiles: match self {
                ApiError::ProfileRequired { available } => Some(available.clone()),
                _ => None,
            },
            allowed_from: self.allowed_from(),
            opens_at: match self {
                ApiError::Appointment(AppointmentRefusal::JoinClosed { opens_at, .. }) => {
                    Some(*opens_at)
                }
                _ => None,
            },
            retry_after_seconds: match self {
                ApiError::TooManyRequests { retry_after_secs } => Some(*retry_after_secs),
                _ => None,
            },
        }
    }
}

/// Refusals about what was asked for are 422 (403 for someone else's request); refusals about
/// the state of the agenda now are 409.
fn appointment_status(refusal: &AppointmentRefusal) -> StatusCode {
    match refusal {
        AppointmentRefusal::NotOwn => StatusCode::FORBIDDEN,
        AppointmentRefusal::RequestCount
        | AppointmentRefusal::DifferentTopics
        | AppointmentRefusal::OtherOffice
        | AppointmentRefusal::TopicNotHandled
        | AppointmentRefusal::ChannelNotOffered
        | AppointmentRefusal::ReasonRequired => StatusCode::UNPROCESSABLE_ENTITY,
        AppointmentRefusal::NotEligible
        | AppointmentRefusal::SlotPast
        | AppointmentRefusal::AlreadyBooked
        | AppointmentRefusal::CancelTooLate
        | AppointmentRefusal::JoinClosed { .. }
        | AppointmentRefusal::NotWebMeeting
        | AppointmentRefusal::SlotTaken
        | AppointmentRefusal::NotActive => StatusCode::CONFLICT,
    }
}

impl From<AppointmentRefusal> for ApiError {
    fn from(refusal: AppointmentRefusal) -> ApiError {
        ApiError::Appointment(refusal)
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } | ApiError::Refused(..) => StatusCode::CONFLICT,
            ApiError::Appointment(refusal) => appointment_status(refusal),
            ApiError::PayloadTooLarge { .. }
            | ApiError::Attachment(domain::attachments::Refusal::TooLarge) => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            ApiError::Attachment(domain::attachments::Refusal::TooMany) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::Attachment(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::UnsupportedMediaType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unprocessable { .. } | ApiError::ProfileRequired { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => tracing::error!(%cause, "internal error"),
            ApiError::Unavailable(cause) => tracing::warn!(%cause, "service unavailable"),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((header::CONTENT_TYPE, "application/problem+json"));
        match self {
            ApiError::TooManyRequests { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            ApiError::Unavailable(_) => {
                response.insert_header((header::RETRY_AFTER, UNAVAILABLE_RETRY_SECS.to_string()));
            }
            ApiError::MethodNotAllowed { allow } => {
                if let Ok(value) = HeaderValue::from_str(&allow.join(", ")) {
                    response.insert_header((header::ALLOW, value));
                }
            }
            ApiError::Unauthorized { .. } => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            _ => {}
        }
        response.json(self.problem())
    }
}

impl From<DieselError> for ApiError {
    fn from(error: DieselError) -> ApiError {
        match error {
            DieselError::NotFound => ApiError::not_found(
                "not_found",
                "La risorsa richiesta non esiste o non è visibile con il profilo attivo.",
            ),
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => {
                ApiError::Conflict {
                    code: "already_exists",
                    detail: "Esiste già un elemento con gli stessi dati.".into(),
                }
            }
            DieselError::DatabaseError(DatabaseErrorKind::ForeignKeyViolation, _) => {
                ApiError::rule("invalid_reference", "Un riferimento indicato non esiste.")
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<db::DbError> for ApiError {
    fn from(error: db::DbError) -> ApiError {
        match error {
            db::DbError::Query(e) => e.into(),
            db::DbError::Pool(e) => ApiError::Unavailable(e.to_string()),
            db::DbError::Connect(e) => ApiError::Unavailable(e),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<domain::attachments::LinkRefusal> for ApiError {
    fn from(refusal: domain::attachments::LinkRefusal) -> ApiError {
        let (code, detail) = (refusal.code(), refusal.message_it().to_owned());
        match refusal {
            domain::attachments::LinkRefusal::NotFound => ApiError::NotFound { code, detail },
            domain::attachments::LinkRefusal::Linked => ApiError::Conflict { code, detail },
        }
    }
}

impl From<crate::blobs::BlobError> for ApiError {
    fn from(error: crate::blobs::BlobError) -> ApiError {
        ApiError::Unavailable(format!("blob store: {error}"))
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> ApiError {
        ApiError::Internal(error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_errors_map_to_stable_statuses() {
        let not_found: ApiError = DieselError::NotFound.into();
        assert_eq!(not_found.status_code(), StatusCode::NOT_FOUND);
        let unique: ApiError = DieselError::DatabaseError(
            DatabaseErrorKind::UniqueViolation,
            Box::new("duplicate".to_owned()),
        )
        .into();
        assert_eq!(unique.status_code(), StatusCode::CONFLICT);
        assert_eq!(unique.code(), "already_exists");
        let fk: ApiError = DieselError::DatabaseError(
            DatabaseErrorKind::ForeignKeyViolation,
            Box::new("fk".to_owned()),
        )
        .into();
        assert_eq!(fk.status_code(), StatusCode::UNPROCESSABLE_ENTITY);
        let other: ApiError = DieselError::RollbackTransaction.into();
        assert_eq!(other.status_code(), StatusCode::INTERNAL_SERVER_ERROR);
    }

    #[test]
    fn attachment_refusals_map_to_413_415_and_422() {
        use domain::attachments::Refusal;
        assert_eq!(
            ApiError::Attachment(Refusal::TooLarge).status_code(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
        assert_eq!(
            ApiError::Attachment(Refusal::Empty).status_code(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE
        );
        assert_eq!(
            ApiError::Attachment(Refusal::TooMany).status_code(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert_eq!(
            ApiError::Attachment(Refusal::NotText).code(),
            "attachment_not_text"
        );
    }

    #[test]
    fn internal_errors_hide_their_cause() {
        let problem = ApiError::Internal("secret table name".into()).problem();
        assert!(!problem.detail.contains("secret"));
        assert_eq!(problem.code, "internal_error");
        assert_eq!(problem.status, 500);
        assert!(problem.type_uri.ends_with("/internal_error"));
    }

    #[test]
    fn profile_required_lists_the_choices() {
        let problem = ApiError::ProfileRequired {
            available: vec![Profile::RegionalReferent, Profile::Operator],
        }
        .problem();
        assert_eq!(problem.status, 422);
        assert_eq!(
            problem.available_profiles,
            Some(vec![Profile::RegionalReferent, Profile::Operator])
        );
    }
}
