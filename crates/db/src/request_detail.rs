//! Everything the detail of a request shows, in one statement: the request and its citizen as
//! columns (its booking among them), and the rest (sender, assigned official, conversation,
//! attachments, reminders, events) as one JSON document built by the database, with each
//! engine's own JSON functions. One round trip instead of one per part.

use std::sync::OnceLock;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Text};
use domain::enums::Side;
use domain::ids::{RequestId, UserId};
use serde::{Deserialize, Deserializer};

use crate::attachments::Attachment;
use crate::citizens::Citizen;
use crate::fixed_sql::fixed;
use crate::requests::{Event, Message, Reminder, Request};
use crate::schema::{citizens, requests};
use crate::{backend_of, AnyConnection, Backend, DbError};

/// A person the detail names (sender, assigned official).
#[derive(Debug, Clone, Deserialize)]
pub struct Person {
    /// User id.
    pub id: UserId,
    /// Full name.
    pub full_name: String,
    /// Side.
    pub side: Side,
}

/// What the detail reads besides the request row.
#[derive(Debug, Clone, Deserialize)]
pub struct Related {
    /// Who sent the request.
    pub sender: Person,
    /// The official working on it.
    pub assigned: Option<Person>,
    /// The conversation, in order.
    pub messages: Vec<Message>,
    /// Its attachments, oldest first.
    pub attachments: Vec<Attachment>,
    /// Its reminders, oldest first.
    pub reminders: Vec<Reminder>,
    /// Its events, oldest first.
    pub events: Vec<Event>,
}

/// A request with everything its detail shows.
#[derive(Debug, Clone)]
pub struct RequestDetailRow {
    /// The request.
    pub request: Request,
    /// Its citizen (citizen requests).
    pub citizen: Option<Citizen>,
    /// Whether it has an active appointment.
    pub booked: bool,
    /// Sender, official, conversation, attachments, reminders, events.
    pub related: Related,
}

/// The request `id` with everything its detail shows, in one statement; `None` when there is no
/// such request. Visibility is the caller's to check.
pub fn load(conn: &mut AnyConnection, id: RequestId) -> Result<Option<RequestDetailRow>, DbError> {
    let related = related_sql(backend_of(conn));
    let row: Option<(Request, Option<Citizen>, bool, String)> = requests::table
        .left_join(citizens::table)
        .filter(requests::id.eq(id))
        .select((
            Request::as_select(),
            Option::<Citizen>::as_select(),
            // Kept by `appointments::book` and `appointments::cancel`.
            fixed::<Bool>("requests.appointment_booked"),
            fixed::<Text>(related),
        ))
        // No `LIMIT` (the id is the key): a bound limit makes PostgreSQL judge the generic plan
        // worse than a custom one and plan this statement again on every call.
        .get_result(conn)
        .optional()?;
    row.map(|(request, citizen, booked, related)| {
        let related: Related = serde_json::from_str(&related)
            .map_err(|e| DbError::Seed(format!("detail of request {id} is not readable: {e}")))?;
        Ok(RequestDetailRow {
            request,
            citizen,
            booked,
            related,
        })
    })
    .transpose()
}

/// The JSON document of [`Related`] for the current row of `requests`, in the dialect of
/// `backend` (PostgreSQL's `json_build_object`/`json_agg`, SQLite's `json_object`/
/// `json_group_array`; a SQLite subquery loses the JSON subtype, hence `json(…)` around it).
/// Built once per backend: the statement keeps the same text and stays prepared.
fn related_sql(backend: Backend) -> &'static str {
    static POSTGRES: OnceLock<String> = OnceLock::new();
    static SQLITE: OnceLock<String> = OnceLock::new();
    let cell = match backend {
        Backend::Postgres => &POSTGRES,
        Backend::Sqlite => &SQLITE,
    };
    cell.get_or_init(|| build_related_sql(backend))
}

fn build_related_sql(backend: Backend) -> String {
    let (object, array, empty, sub) = match backend {
        Backend::Postgres => ("json_build_object", "json_agg", "'[]'::json", ""),
        Backend::Sqlite => ("json_object", "json_group_array", "json('[]')", "json"),
    };
    let person = |column: &str| {
        format!(
            "{sub}((SELECT {object}('id', u.id, 'full_name', u.full_name, 'side', u.side) \
             FROM users u WHERE u.id = requests.{column}))"
        )
    };
    let list = |fields: &str, from: &str, order: &str| {
        format!(
            "COALESCE({sub}((SELECT {array}({object}({fields}) ORDER BY {order}) {from})), {empty})"
        )
    };
    let document = format!(
        "{object}('sender', {sender}, 'assigned', {assigned}, 'messages', {messages}, \
         'attachments', {attachments}, 'reminders', {reminders}, 'events', {events})",
        sender = person("created_by"),
        assigned = person("assigned_official_id"),
        messages = list(
            // The author's name by key, not a join: a plan kept for every request would hash
            // the whole users table for a handful of messages.
            "'id', m.id, 'seq', m.seq, 'protocol', m.protocol, 'kind', m.kind, \
             'author_id', m.author_id, \
             'author_name', (SELECT u.full_name FROM users u WHERE u.id = m.author_id), \
             'author_side', m.author_side, 'text', m.text, 'created_at', m.created_at",
            "FROM messages m WHERE m.request_id = requests.id",
            "m.seq",
        ),
        attachments = list(
            "'id', a.id, 'owner_id', a.owner_id, 'request_id', a.request_id, \
             'message_id', a.message_id, 'file_name', a.file_name, \
             'content_type', a.content_type, 'size_bytes', a.size_bytes, 'sha256', a.sha256, \
             'created_at', a.created_at, 'linked_at', a.linked_at, 'expires_at', a.expires_at",
            "FROM attachments a WHERE a.request_id = requests.id",
            "a.id",
        ),
        reminders = list(
            "'seq', r.seq, 'sent_by', r.sent_by, 'created_at', r.created_at",
            "FROM reminders r WHERE r.request_id = requests.id",
            "r.seq",
        ),
        events = list(
            "'request_id', e.request_id, 'kind', e.kind, 'actor_id', e.actor_id, \
             'from_office_id', e.from_office_id, 'to_office_id', e.to_office_id, \
             'detail', e.detail, 'created_at', e.created_at",
            "FROM request_events e WHERE e.request_id = requests.id",
            "e.id",
        ),
    );
    match backend {
        Backend::Postgres => format!("({document})::text"),
        Backend::Sqlite => document,
    }
}

/// A stored timestamp inside a JSON document: ISO 8601 from PostgreSQL, the text diesel stored
/// (a space between date and time) from SQLite.
pub(crate) fn stored_time<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
    let text = String::deserialize(d)?;
    parse_stored_time(&text).map_err(serde::de::Error::custom)
}

/// [`stored_time`] of a nullable column.
pub(crate) fn stored_time_opt<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<NaiveDateTime>, D::Error> {
    Option::<String>::deserialize(d)?
        .map(|text| parse_stored_time(&text).map_err(serde::de::Error::custom))
        .transpose()
}

fn parse_stored_time(text: &str) -> Result<NaiveDateTime, chrono::ParseError> {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S%.f"))
}

#[cfg(test)]
mod tests {
    use super::parse_stored_time;

    #[test]
    fn both_engines_timestamps_read_the_same() {
        let pg = parse_stored_time("2026-03-02T10:15:00.123456").ok();
        let sqlite = parse_stored_time("2026-03-02 10:15:00.123456").ok();
        assert!(pg.is_some());
        assert_eq!(pg, sqlite);
        let whole = parse_stored_time("2026-03-02T10:15:00").ok();
        assert!(whole.is_some());
        assert_eq!(whole, parse_stored_time("2026-03-02 10:15:00").ok());
        assert!(parse_stored_time("02/03/2026").is_err());
    }
}
