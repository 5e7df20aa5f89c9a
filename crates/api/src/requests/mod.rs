//! What the request handlers share: who may see and act on a request, protocol numbers and the
//! detail view.

pub mod access;
pub mod attachments;
pub mod detail;
pub mod printout;
pub mod protocol;

use chrono::{DateTime, NaiveDateTime, Utc};
use db::requests::ListedRequest;
use db::AnyConnection;
use types::requests::RequestSummary;

use crate::error::ApiError;
use crate::reference::Reference;

/// A stored UTC timestamp as an instant.
pub fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}

/// A row of the history as published (topic and office from the reference cache).
pub fn summary(
    conn: &mut AnyConnection,
    reference: &Reference,
    request: ListedRequest,
) -> Result<RequestSummary, ApiError> {
    Ok(RequestSummary {
        topic: reference.topic(conn, request.topic_id)?,
        office_name: reference.office_name(conn, request.office_id)?,
        id: request.id,
        protocol: request.protocol,
        kind: request.kind,
        status: request.status,
        status_label: request.status.label_it().into(),
        created_at: utc(request.created_at),
        citizen_cf: request.citizen_cf,
        awaiting_answer: request.awaiting_since.is_some(),
    })
}
