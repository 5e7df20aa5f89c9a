//! The OpenAPI document: generated from the handlers' annotations, plus the parts that are the
//! same everywhere (security scheme, shared error responses, headers, links, id bounds).

use utoipa::openapi::extensions::Extensions;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::link::LinkBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayItems, KnownFormat, ObjectBuilder, Schema, SchemaFormat, SchemaType,
    Type,
};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{
    Content, OpenApi as OpenApiDoc, Ref, RefOr, Response, ResponseBuilder, Responses,
};
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
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
        contact(name = "Scrivi alla sede", url = "https://scrivi-alla-sede.inps.it/", email = "scrivi-alla-sede@inps.it"),
        version = "1.0.0"
    ),
    servers((url = "/", description = "This server")),
    components(schemas(
        types::problem::Problem,
        types::problem::FieldError,
        types::requests::ListScope,
        types::requests::Assignment,
        types::AuditResource,
        types::AuditAction
    )),
    tags(
        (name = "auth", description = "Sign-in, tokens and the signed-in user"),
        (name = "territory", description = "Regions, provinces and comuni (ISTAT)"),
        (name = "offices", description = "INPS offices"),
        (name = "topics", description = "Topics of requests"),
        (name = "citizens", description = "Citizen registry (anagrafica)"),
        (name = "practices", description = "Practice references"),
        (name = "routing", description = "Destination office of a request"),
        (name = "requests", description = "Requests, conversation, reminders and INPS actions"),
        (name = "agenda", description = "Consultation points and slots of INPS offices"),
        (name = "appointments", description = "Eligibility, booking, detail, cancellation, calendar and web meeting"),
        (name = "attachments", description = "Attachments: draft upload, download, removal"),
        (name = "audit", description = "Audit trail of personal-data reads and writes"),
        (name = "sandbox", description = "Test clock of sandbox servers"),
        (name = "system", description = "Health, readiness and status")
    )
)]
pub struct ApiDoc;

/// Completes the document once the handlers' paths are collected (derive-time modifiers would
/// run before): the bearer scheme, the error responses every operation can give with their
/// headers, `security: []` on public operations, item references in page schemas, bounds on
/// ids, and the links a stateful client follows from a new request or a new draft attachment.
pub struct SecurityAndErrors;

fn retry_after() -> utoipa::openapi::header::Header {
    HeaderBuilder::new()
        .schema(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32))),
        )
        .description(Some("Seconds to wait before retrying"))
        .build()
}

fn problem(status: &str, description: &str) -> RefOr<Response> {
    let mut response = ResponseBuilder::new().description(description).content(
        "application/problem+json",
        Content::new(Some(RefOr::Ref(Ref::from_schema_name("Problem")))),
    );
    if matches!(status, "429" | "503") {
        response = response.header("Retry-After", retry_after());
    }
    RefOr::T(response.build())
}

fn add_if_missing(operation: &mut Operation, status: &str, description: &str) {
    operation
        .responses
        .responses
        .entry(status.to_owned())
        .or_insert_with(|| problem(status, description));
}

/// `Retry-After` on the 429 and 503 responses an operation declares itself.
fn retry_after_on_waits(responses: &mut Responses) {
    for (status, response) in responses.responses.iter_mut() {
        if let (true, RefOr::T(response)) = (matches!(status.as_str(), "429" | "503"), response) {
            response
                .headers
                .entry("Retry-After".into())
                .or_insert_with(retry_after);
        }
    }
}

fn errors(operation: &mut Operation) {
    // No security requirement means a public operation: say so (`security: []`).
    let public = operation.security.as_ref().is_none_or(|s| s.is_empty());
    if public {
        operation.security = Some(Vec::new());
    }
    add_if_missing(
        operation,
        "400",
        "`invalid_query`, `malformed_body` or another unreadable request.",
    );
    if !public {
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
    retry_after_on_waits(&mut operation.responses);
}

/// The operations a client can chain from the request `create_request` returns.
const REQUEST_LINKS: &[(&str, &str)] = &[
    ("show_request", "The request as it is now"),
    ("list_messages", "Its conversation"),
    ("list_reminders", "Its reminders"),
    ("send_message", "Write in its conversation"),
    ("send_reminder", "Remind INPS of it"),
    ("take_request", "Take it (officials of its office)"),
    ("transfer_request", "Transfer it (officials of its office)"),
    ("show_eligibility", "Whether it can get an appointment"),
    ("add_attachments", "Add attachments to it (its sender)"),
];

/// The operations a client can chain from the draft `upload_attachment` returns.
const ATTACHMENT_LINKS: &[(&str, &str)] = &[
    ("download_attachment", "Its content"),
    ("remove_attachment", "Remove the draft"),
];

/// The operations on a booked appointment, linked from `book_appointment`.
const APPOINTMENT_LINKS: &[(&str, &str)] = &[
    ("show_appointment", "The appointment as it is now"),
    ("cancel_appointment", "Cancel it"),
    ("appointment_calendar", "Its calendar file"),
    ("join_appointment", "Its web meeting room"),
];

/// Links from the `201` of an operation to those that take the new resource's `id`.
fn links_from_created(operation: &mut Operation, links: &[(&str, &str)]) {
    let Some(RefOr::T(created)) = operation.responses.responses.get_mut("201") else {
        return;
    };
    for (operation_id, description) in links {
        // utoipa 5.5 writes `Link::operation_id` as `operation_id`, not the `operationId` of
        // the specification; its flattened extensions carry the right key.
        let operation = Extensions::from_iter([("operationId", *operation_id)]);
        created.links.insert(
            (*operation_id).to_owned(),
            RefOr::T(
                LinkBuilder::new()
                    .parameter("id", "$response.body#/id")
                    .description(*description)
                    .extensions(Some(operation))
                    .build(),
            ),
        );
    }
}

/// utoipa inlines the item schema of a generic `Page<T>`; point it to the component instead,
/// so generators make one model per item type.
fn page_items_by_reference(name: &str, schema: &mut RefOr<Schema>) {
    let Some(item) = name.strip_prefix("Page_") else {
        return;
    };
    let RefOr::T(Schema::Object(page)) = schema else {
        return;
    };
    if let Some(RefOr::T(Schema::Array(items))) = page.properties.get_mut("items") {
        items.items = ArrayItems::RefOrSchema(Box::new(RefOr::Ref(Ref::from_schema_name(item))));
    }
}

/// Ids are positive and fit a JavaScript number.
fn bounded_id(name: &str, schema: &mut RefOr<Schema>) {
    if let (true, RefOr::T(Schema::Object(id))) = (name.ends_with("Id"), schema) {
        if id.schema_type == SchemaType::Type(Type::Integer) {
            id.minimum = Some(1.0.into());
            id.maximum = Some((domain::ids::MAX_ID as f64).into());
        }
    }
}

/// Id lists bounded by a rule of the domain: the attachments of a message, the requests of an
/// appointment. utoipa takes only literals for `maxItems`, so the bound comes from the domain
/// here (and the domain's refusal, not a validation error, answers a longer list).
fn bounded_id_lists(schema: &mut RefOr<Schema>) {
    let RefOr::T(Schema::Object(object)) = schema else {
        return;
    };
    let bounds = [
        ("attachment_ids", domain::attachments::MAX_PER_MESSAGE),
        ("request_ids", domain::appointments::MAX_REQUESTS),
    ];
    for (property, bound) in bounds {
        if let Some(RefOr::T(Schema::Array(ids))) = object.properties.get_mut(property) {
            ids.max_items = Some(bound);
        }
    }
}

/// A file is at most the attachment limit, and the upload form has its one part only; utoipa
/// takes only literals for `maxLength`, so the bound comes from the domain here.
fn bounded_files(name: &str, schema: &mut RefOr<Schema>) {
    let RefOr::T(Schema::Object(object)) = schema else {
        return;
    };
    match name {
        "Binary" => {
            object.max_length = usize::try_from(domain::attachments::MAX_BYTES).ok();
        }
        "UploadForm" => {
            object.additional_properties = Some(Box::new(AdditionalProperties::FreeForm(false)));
        }
        _ => {}
    }
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
        for (name, schema) in components.schemas.iter_mut() {
            page_items_by_reference(name, schema);
            bounded_id(name, schema);
            bounded_id_lists(schema);
            bounded_files(name, schema);
        }
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                item.get.as_mut(),
                item.post.as_mut(),
                item.put.as_mut(),
                item.patch.as_mut(),
                item.delete.as_mut(),
            ];
            for operation in operations.into_iter().flatten() {
                errors(operation);
                match operation.operation_id.as_deref() {
                    Some("create_request") => links_from_created(operation, REQUEST_LINKS),
                    Some("upload_attachment") => links_from_created(operation, ATTACHMENT_LINKS),
                    Some("book_appointment") => links_from_created(operation, APPOINTMENT_LINKS),
                    _ => {}
                }
            }
        }
    }
}
