//! The OpenAPI document: generated from the handlers' annotations, plus the parts that are the
//! same everywhere (security scheme, shared error responses).

use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as OpenApiDoc, Ref, RefOr, Response, ResponseBuilder};
use utoipa::{Modify, OpenApi};

/// Top-level information and shared components.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Scrivi alla sede — API",
        description = "Two-way channel between Patronato operators and INPS offices: citizen and \
regional requests, answers, reminders and appointments. Errors are RFC 9457 problem documents \
(`application/problem+json`) with a stable `code` and an Italian `detail`. Sign in with \
`POST /api/v1/auth/token` and send `Authorization: Bearer <access_token>`.",
        license(name = "EUPL-1.2"),
        version = "1.0.0"
    ),
    servers((url = "/", description = "This server")),
    components(schemas(types::problem::Problem, types::problem::FieldError)),
    tags(
        (name = "auth", description = "Sign-in, tokens and the signed-in user"),
        (name = "territory", description = "Regions, provinces and comuni (ISTAT)"),
        (name = "offices", description = "INPS offices"),
        (name = "topics", description = "Topics of requests"),
        (name = "citizens", description = "Citizen registry (anagrafica)"),
        (name = "practices", description = "Practice references"),
        (name = "routing", description = "Destination office of a request"),
        (name = "requests", description = "Requests, conversation, reminders and INPS actions"),
        (name = "audit", description = "Audit trail of personal-data reads and writes"),
        (name = "sandbox", description = "Test clock of sandbox servers"),
        (name = "system", description = "Health and readiness")
    )
)]
pub struct ApiDoc;

/// Adds the bearer scheme and the error responses every operation can give. Applied after the
/// handlers' paths are collected (derive-time modifiers would run before).
pub struct SecurityAndErrors;

fn problem(description: &str) -> RefOr<Response> {
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                Content::new(Some(RefOr::Ref(Ref::from_schema_name("Problem")))),
            )
            .build(),
    )
}

fn add_if_missing(operation: &mut Operation, status: &str, description: &str) {
    operation
        .responses
        .responses
        .entry(status.to_owned())
        .or_insert_with(|| problem(description));
}

impl Modify for SecurityAndErrors {
    fn modify(&self, openapi: &mut OpenApiDoc) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("Access token from POST /api/v1/auth/token"))
                    .build(),
            ),
        );
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                item.get.as_mut(),
                item.post.as_mut(),
                item.put.as_mut(),
                item.patch.as_mut(),
                item.delete.as_mut(),
            ];
            for operation in operations.into_iter().flatten() {
                add_if_missing(
                    operation,
                    "400",
                    "`invalid_query`, `malformed_body` or another unreadable request.",
                );
                if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
                    add_if_missing(operation, "401", "`missing_token` or `invalid_token`.");
                }
                if operation.request_body.is_some() {
                    add_if_missing(operation, "413", "`payload_too_large`.");
                    add_if_missing(operation, "415", "`unsupported_media_type`: send JSON.");
                }
                if operation.request_body.is_some()
                    || operation.parameters.as_ref().is_some_and(|p| !p.is_empty())
                {
                    add_if_missing(
                        operation,
                        "422",
                        "`invalid_body` or `validation_failed`, with per-field `errors`.",
                    );
                }
                add_if_missing(operation, "500", "`internal_error`: nothing was written.");
                add_if_missing(
                    operation,
                    "503",
                    "`service_unavailable`: the database is not reachable.",
                );
            }
        }
    }
}
