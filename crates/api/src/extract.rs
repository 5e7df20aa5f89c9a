//! Extractor configuration (every rejection becomes a problem document) and body validation.

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::web;
use types::problem::FieldError;
use validator::{Validate, ValidationErrors, ValidationErrorsKind};

use crate::error::ApiError;

/// Largest JSON body accepted (attachments travel separately).
pub const JSON_LIMIT: usize = 64 * 1024;

/// JSON bodies: size limit, content type and shape errors as problem documents.
pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(JSON_LIMIT)
        .error_handler(|error, _req| json_error(error).into())
}

fn json_error(error: JsonPayloadError) -> ApiError {
    match error {
        JsonPayloadError::OverflowKnownLength { .. } | JsonPayloadError::Overflow { .. } => {
            ApiError::PayloadTooLarge {
                detail: format!(
                    "Il corpo della richiesta supera il limite di {} KB.",
                    JSON_LIMIT / 1024
                ),
            }
        }
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType {
            detail: "Il corpo della richiesta deve essere JSON (Content-Type: application/json)."
                .into(),
        },
        JsonPayloadError::Deserialize(e) if e.is_data() => ApiError::Unprocessable {
            code: "invalid_body",
            detail: format!("Il corpo della richiesta non è conforme allo schema: {e}"),
            errors: vec![FieldError {
                field: "body".into(),
                code: "schema".into(),
                message: e.to_string(),
            }],
        },
        other => ApiError::BadRequest {
            code: "malformed_body",
            detail: format!("Il corpo della richiesta non è JSON valido: {other}"),
        },
    }
}

/// Query strings: type errors as 400 problem documents.
pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|error, _req| {
        let QueryPayloadError::Deserialize(e) = error else {
            return ApiError::BadRequest {
                code: "invalid_query",
                detail: "Parametri della richiesta non validi.".into(),
            }
            .into();
        };
        ApiError::BadRequest {
            code: "invalid_query",
            detail: format!("Parametri della richiesta non validi: {e}"),
        }
        .into()
    })
}

/// Path parameters: an id that cannot exist is a 404.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|_error: PathError, _req| {
        ApiError::not_found("not_found", "La risorsa richiesta non esiste.").into()
    })
}

/// Runs the `validator` rules of a body; failures become 422 with Italian field messages.
pub fn validate<T: Validate>(value: &T) -> Result<(), ApiError> {
    value
        .validate()
        .map_err(|errors| ApiError::validation(field_errors(&errors, "")))
}

fn field_errors(errors: &ValidationErrors, prefix: &str) -> Vec<FieldError> {
    let mut out = Vec::new();
    for (field, kind) in errors.errors() {
        let name = if prefix.is_empty() {
            field.to_string()
        } else {
            format!("{prefix}.{field}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for error in list {
                    out.push(FieldError {
                        field: name.clone(),
                        code: error.code.to_string(),
                        message: message_it(error),
                    });
                }
            }
            ValidationErrorsKind::Struct(inner) => out.extend(field_errors(inner, &name)),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    out.extend(field_errors(inner, &format!("{name}[{index}]")));
                }
            }
        }
    }
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

fn message_it(error: &validator::ValidationError) -> String {
    if let Some(message) = &error.message {
        return message.to_string();
    }
    let param = |name: &str| error.params.get(name).map(|v| v.to_string());
    match error.code.as_ref() {
        "length" => match (param("min"), param("max"), param("equal")) {
            (_, _, Some(equal)) => format!("Deve essere lungo esattamente {equal} caratteri."),
            (Some(min), Some(max), _) => {
                format!("La lunghezza deve essere compresa tra {min} e {max} caratteri.")
            }
            (Some(min), None, _) => format!("Deve contenere almeno {min} caratteri."),
            (None, Some(max), _) => format!("Può contenere al massimo {max} caratteri."),
            _ => "Lunghezza non valida.".into(),
        },
        "range" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("Il valore deve essere compreso tra {min} e {max}."),
            _ => "Valore fuori dall'intervallo ammesso.".into(),
        },
        "required" => "Campo obbligatorio.".into(),
        _ => "Valore non valido.".into(),
    }
}
