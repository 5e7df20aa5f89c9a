//! Requests, their conversation, reminders and events.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::schema::{
    citizens, inps_offices, messages, protocol_sequences, reminders, request_events, requests,
    topics, users,
};
use crate::{on_backend, AnyConnection, DbError};

/// A stored request.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct Request {
    /// Id.
    pub id: i64,
    /// Protocol number of the request.
    pub protocol: String,
    /// `citizen` or `regional`.
    pub kind: String,
    /// `sent`, `assigned` or `closed`.
    pub status: String,
    /// Patronato of the sender.
    pub patronato_id: i64,
    /// Patronato office of the sender.
    pub patronato_office_id: Option<i64>,
    /// Region of a regional request.
    pub region_id: Option<i64>,
    /// Sender.
    pub created_by: i64,
    /// Registry person of a citizen request.
    pub citizen_id: Option<i64>,
    /// Codice fiscale of that person, as registered (for search).
    pub citizen_cf: Option<String>,
    /// When the sender declared holding the delega.
    pub delega_declared_at: Option<NaiveDateTime>,
    /// Motive code.
    pub motive: String,
    /// Practice reference kind.
    pub practice_kind: Option<String>,
    /// Practice reference number.
    pub practice_number: Option<String>,
    /// Topic.
    pub topic_id: i64,
    /// Text of the request (message 0).
    pub text: String,
    /// Notes.
    pub notes: Option<String>,
    /// Destination INPS office.
    pub office_id: i64,
    /// Whether the operator chose the office by hand.
    pub office_chosen_by_hand: bool,
    /// `cap_coverage`, `hub_override`, `regional_cric` or `manual`.
    pub routing_reason: String,
    /// Official working on it.
    pub assigned_official_id: Option<i64>,
    /// Whether the last answer enabled appointments.
    pub appointments_enabled: bool,
    /// Follow-ups after the first answer.
    pub followups_used: i32,
    /// First answer.
    pub first_answer_at: Option<NaiveDateTime>,
    /// Start of the current wait for an answer; none when the institute wrote last.
    pub awaiting_since: Option<NaiveDateTime>,
    /// Last message.
    pub last_message_at: NaiveDateTime,
    /// Last time the institute closed the round.
    pub closed_at: Option<NaiveDateTime>,
    /// Creation.
    pub created_at: NaiveDateTime,
    /// Last change.
    pub updated_at: NaiveDateTime,
    /// Optimistic-concurrency version (ETag).
    pub version: i32,
}

/// A request to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = requests)]
pub struct NewRequest {
    /// Protocol number.
    pub protocol: String,
    /// Kind.
    pub kind: String,
    /// Initial status (`sent`).
    pub status: String,
    /// Patronato.
    pub patronato_id: i64,
    /// Patronato office.
    pub patronato_office_id: Option<i64>,
    /// Region (regional requests).
    pub region_id: Option<i64>,
    /// Sender.
    pub created_by: i64,
    /// Registry person.
    pub citizen_id: Option<i64>,
    /// Their codice fiscale.
    pub citizen_cf: Option<String>,
    /// Delega declaration time.
    pub delega_declared_at: Option<NaiveDateTime>,
    /// Motive.
    pub motive: String,
    /// Practice kind.
    pub practice_kind: Option<String>,
    /// Practice number.
    pub practice_number: Option<String>,
    /// Topic.
    pub topic_id: i64,
    /// Text.
    pub text: String,
    /// Notes.
    pub notes: Option<String>,
    /// Destination office.
    pub office_id: i64,
    /// Chosen by hand.
    pub office_chosen_by_hand: bool,
    /// Routing reason.
    pub routing_reason: String,
    /// Start of the wait (creation).
    pub awaiting_since: Option<NaiveDateTime>,
    /// Creation time, also the last message time.
    pub last_message_at: NaiveDateTime,
    /// Creation time.
    pub created_at: NaiveDateTime,
    /// Creation time.
    pub updated_at: NaiveDateTime,
}

/// A message of the conversation, with its author.
#[derive(Debug, Clone, Queryable)]
pub struct Message {
    /// Id.
    pub id: i64,
    /// Position (0 = the request).
    pub seq: i32,
    /// Protocol number.
    pub protocol: String,
    /// `request`, `answer` or `follow_up`.
    pub kind: String,
    /// Author id.
    pub author_id: i64,
    /// Author name.
    pub author_name: String,
    /// `patronato` or `inps`.
    pub author_side: String,
    /// Text.
    pub text: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// A message to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = messages)]
pub struct NewMessage {
    /// Request.
    pub request_id: i64,
    /// Position.
    pub seq: i32,
    /// Protocol number.
    pub protocol: String,
    /// Kind.
    pub kind: String,
    /// Author.
    pub author_id: i64,
    /// Side.
    pub author_side: String,
    /// Text.
    pub text: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// An event of the history (transfer, dispatch, …).
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = request_events)]
pub struct Event {
    /// Request.
    pub request_id: i64,
    /// `dispatched`, `taken`, `transferred`, …
    pub kind: String,
    /// Who.
    pub actor_id: Option<i64>,
    /// Office before.
    pub from_office_id: Option<i64>,
    /// Office after.
    pub to_office_id: Option<i64>,
    /// Reason or detail.
    pub detail: Option<String>,
    /// When.
    pub created_at: NaiveDateTime,
}

/// Takes the next number of an office's protocol sequence. Runs inside the caller's
/// transaction: the row lock (PostgreSQL) or the write lock (SQLite) makes it unique.
pub fn next_sequence(conn: &mut AnyConnection, office_id: i64) -> Result<i64, DbError> {
    use protocol_sequences::dsl as ps;
    let value = on_backend!(conn, |c| diesel::update(
        ps::protocol_sequences.find(office_id)
    )
    .set(ps::last_value.eq(ps::last_value + 1))
    .returning(ps::last_value)
    .get_result::<i64>(c))?;
    Ok(value)
}

/// The code of an office (for protocol numbers).
pub fn office_code(conn: &mut AnyConnection, office_id: i64) -> Result<String, DbError> {
    Ok(inps_offices::table
        .find(office_id)
        .select(inps_offices::code)
        .first(conn)?)
}

/// Stores a request; returns its id.
pub fn insert_request(conn: &mut AnyConnection, request: &NewRequest) -> Result<i64, DbError> {
    Ok(diesel::insert_into(requests::table)
        .values(request)
        .returning(requests::id)
        .get_result(conn)?)
}

/// How many messages a request has (the next message's position).
pub fn message_count(conn: &mut AnyConnection, request_id: i64) -> Result<i64, DbError> {
    Ok(messages::table
        .filter(messages::request_id.eq(request_id))
        .count()
        .get_result(conn)?)
}

/// Stores a message; returns its id.
pub fn insert_message(conn: &mut AnyConnection, message: &NewMessage) -> Result<i64, DbError> {
    Ok(diesel::insert_into(messages::table)
        .values(message)
        .returning(messages::id)
        .get_result(conn)?)
}

/// Records an event.
pub fn record_event(conn: &mut AnyConnection, event: &Event) -> Result<(), DbError> {
    diesel::insert_into(request_events::table)
        .values(event)
        .execute(conn)?;
    Ok(())
}

/// One request.
pub fn get_request(conn: &mut AnyConnection, id: i64) -> Result<Option<Request>, DbError> {
    Ok(requests::table
        .find(id)
        .select(Request::as_select())
        .first(conn)
        .optional()?)
}

/// One request, locked against concurrent changes until the transaction ends (PostgreSQL; on
/// SQLite the write transaction already holds the database lock).
pub fn lock_request(conn: &mut AnyConnection, id: i64) -> Result<Option<Request>, DbError> {
    match conn {
        AnyConnection::Postgresql(c) => Ok(requests::table
            .find(id)
            .select(Request::as_select())
            .for_update()
            .first(c)
            .optional()?),
        AnyConnection::Sqlite(_) => get_request(conn, id),
    }
}

/// The conversation of a request, in order.
pub fn messages_of(conn: &mut AnyConnection, request_id: i64) -> Result<Vec<Message>, DbError> {
    Ok(messages::table
        .inner_join(users::table.on(users::id.eq(messages::author_id)))
        .filter(messages::request_id.eq(request_id))
        .order(messages::seq.asc())
        .select((
            messages::id,
            messages::seq,
            messages::protocol,
            messages::kind,
            messages::author_id,
            users::full_name,
            messages::author_side,
            messages::text,
            messages::created_at,
        ))
        .load(conn)?)
}

/// When the reminders of a request were sent, oldest first.
pub fn reminders_of(
    conn: &mut AnyConnection,
    request_id: i64,
) -> Result<Vec<(i32, i64, NaiveDateTime)>, DbError> {
    Ok(reminders::table
        .filter(reminders::request_id.eq(request_id))
        .order(reminders::seq.asc())
        .select((reminders::seq, reminders::sent_by, reminders::created_at))
        .load(conn)?)
}

/// Stores a reminder.
pub fn insert_reminder(
    conn: &mut AnyConnection,
    request_id: i64,
    seq: i32,
    sent_by: i64,
    at: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::insert_into(reminders::table)
        .values((
            reminders::request_id.eq(request_id),
            reminders::seq.eq(seq),
            reminders::sent_by.eq(sent_by),
            reminders::created_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The history of a request besides messages, oldest first.
pub fn events_of(conn: &mut AnyConnection, request_id: i64) -> Result<Vec<Event>, DbError> {
    Ok(request_events::table
        .filter(request_events::request_id.eq(request_id))
        .order(request_events::id.asc())
        .select(Event::as_select())
        .load(conn)?)
}

/// Changes to a request after an action; `None` leaves a column as it is.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = requests)]
pub struct RequestChangeset {
    /// New status.
    pub status: Option<String>,
    /// New office.
    pub office_id: Option<i64>,
    /// Office chosen by hand.
    pub office_chosen_by_hand: Option<bool>,
    /// Routing reason.
    pub routing_reason: Option<String>,
    /// Official (`Some(None)` clears it).
    pub assigned_official_id: Option<Option<i64>>,
    /// Appointments enabled by the last answer.
    pub appointments_enabled: Option<bool>,
    /// Follow-ups used.
    pub followups_used: Option<i32>,
    /// First answer.
    pub first_answer_at: Option<Option<NaiveDateTime>>,
    /// Start of the wait (`Some(None)` when the institute answered).
    pub awaiting_since: Option<Option<NaiveDateTime>>,
    /// Last message.
    pub last_message_at: Option<NaiveDateTime>,
    /// Closing of the round.
    pub closed_at: Option<Option<NaiveDateTime>>,
    /// Always set.
    pub updated_at: Option<NaiveDateTime>,
}

/// Applies a changeset and bumps the version.
pub fn update_request(
    conn: &mut AnyConnection,
    id: i64,
    changes: &RequestChangeset,
) -> Result<(), DbError> {
    diesel::update(requests::table.find(id))
        .set((changes, requests::version.eq(requests::version + 1)))
        .execute(conn)?;
    Ok(())
}

/// Whether the person already has an open request on the topic (a warning, not a refusal).
pub fn open_request_exists(
    conn: &mut AnyConnection,
    citizen_id: i64,
    topic_id: i64,
) -> Result<Option<String>, DbError> {
    Ok(requests::table
        .filter(requests::citizen_id.eq(citizen_id))
        .filter(requests::topic_id.eq(topic_id))
        .filter(requests::status.ne("closed"))
        .select(requests::protocol)
        .first(conn)
        .optional()?)
}

/// Who may see which requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Requests sent by this user.
    Mine(i64),
    /// Citizen requests of a patronato office.
    PatronatoOffice(i64),
    /// Regional requests of a patronato in a region.
    Regional {
        /// Patronato.
        patronato_id: i64,
        /// Region.
        region_id: i64,
    },
    /// Requests at an INPS office.
    InpsOffice(i64),
}

/// Search criteria of the history and the INPS queue.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    /// Created on or after (UTC instant of the Rome day start).
    pub created_from: Option<NaiveDateTime>,
    /// Created before.
    pub created_before: Option<NaiveDateTime>,
    /// Topic.
    pub topic_id: Option<i64>,
    /// Exact protocol number.
    pub protocol: Option<String>,
    /// Exact codice fiscale.
    pub cf: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Only requests of this kind.
    pub kind: Option<String>,
    /// Only requests owned by this official.
    pub official_id: Option<i64>,
    /// Only requests nobody took.
    pub unassigned: bool,
    /// Free text over text and notes.
    pub q: Option<String>,
}

/// A row of the history list.
#[derive(Debug, Clone)]
pub struct RequestSummary {
    /// The request.
    pub request: Request,
    /// Topic label.
    pub topic_label: String,
    /// Destination office name.
    pub office_name: String,
}

/// The requests of a scope matching a filter, as a boxed query (shared with the statistics).
macro_rules! scoped {
    ($scope:expr, $filter:expr) => {{
        let mut query = requests::table.into_boxed();
        query = match $scope {
            Scope::Mine(user) => query.filter(requests::created_by.eq(*user)),
            Scope::PatronatoOffice(office) => query
                .filter(requests::patronato_office_id.eq(*office))
                .filter(requests::kind.eq("citizen")),
            Scope::Regional {
                patronato_id,
                region_id,
            } => query
                .filter(requests::patronato_id.eq(*patronato_id))
                .filter(requests::region_id.eq(*region_id))
                .filter(requests::kind.eq("regional")),
            Scope::InpsOffice(office) => query.filter(requests::office_id.eq(*office)),
        };
        let filter: &RequestFilter = $filter;
        if let Some(from) = filter.created_from {
            query = query.filter(requests::created_at.ge(from));
        }
        if let Some(before) = filter.created_before {
            query = query.filter(requests::created_at.lt(before));
        }
        if let Some(topic) = filter.topic_id {
            query = query.filter(requests::topic_id.eq(topic));
        }
        if let Some(protocol) = &filter.protocol {
            query = query.filter(requests::protocol.eq(protocol.clone()));
        }
        if let Some(cf) = &filter.cf {
            query = query.filter(requests::citizen_cf.eq(cf.clone()));
        }
        if let Some(status) = &filter.status {
            query = query.filter(requests::status.eq(status.clone()));
        }
        if let Some(kind) = &filter.kind {
            query = query.filter(requests::kind.eq(kind.clone()));
        }
        if let Some(official) = filter.official_id {
            query = query.filter(requests::assigned_official_id.eq(official));
        }
        if filter.unassigned {
            query = query.filter(requests::assigned_official_id.is_null());
        }
        query
    }};
}
pub(crate) use scoped;

fn text_match_ids(conn: &mut AnyConnection, q: &str) -> Result<Option<Vec<i64>>, DbError> {
    // Only words: the free text becomes a conjunction of terms, safe for both engines.
    let words: Vec<String> = crate::search_key(q)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        return Ok(None);
    }
    #[derive(QueryableByName)]
    struct Hit {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        id: i64,
    }
    let hits: Vec<Hit> = match conn {
        AnyConnection::Postgresql(c) => diesel::sql_query(
            "SELECT id FROM requests WHERE to_tsvector('italian', text || ' ' || COALESCE(notes, '')) \
             @@ plainto_tsquery('italian', $1)",
        )
        .bind::<diesel::sql_types::Text, _>(words.join(" "))
        .load(c)?,
        AnyConnection::Sqlite(c) => {
            let query: Vec<String> = words.iter().map(|w| format!("\"{w}\"*")).collect();
            diesel::sql_query("SELECT rowid AS id FROM requests_fts WHERE requests_fts MATCH ?")
                .bind::<diesel::sql_types::Text, _>(query.join(" "))
                .load(c)?
        }
    };
    Ok(Some(hits.into_iter().map(|h| h.id).collect()))
}

/// A page of requests, newest first, after the keyset `after` = (created_at, id); and the exact
/// total of the filtered scope.
pub fn list_requests(
    conn: &mut AnyConnection,
    scope: &Scope,
    filter: &RequestFilter,
    after: Option<(NaiveDateTime, i64)>,
    limit: i64,
) -> Result<(Vec<RequestSummary>, i64), DbError> {
    let text_ids = match &filter.q {
        Some(q) => text_match_ids(conn, q)?,
        None => None,
    };
    let mut count_query = scoped!(scope, filter);
    if let Some(ids) = &text_ids {
        count_query = count_query.filter(requests::id.eq_any(ids.clone()));
    }
    let total: i64 = count_query.count().get_result(conn)?;

    let mut query = scoped!(scope, filter);
    if let Some(ids) = &text_ids {
        query = query.filter(requests::id.eq_any(ids.clone()));
    }
    if let Some((created_at, id)) = after {
        query = query.filter(
            requests::created_at
                .lt(created_at)
                .or(requests::created_at.eq(created_at).and(requests::id.lt(id))),
        );
    }
    let page: Vec<Request> = query
        .order((requests::created_at.desc(), requests::id.desc()))
        .limit(limit)
        .select(Request::as_select())
        .load(conn)?;
    Ok((summaries(conn, page)?, total))
}

/// Adds topic labels and office names to requests, in two queries.
fn summaries(conn: &mut AnyConnection, page: Vec<Request>) -> Result<Vec<RequestSummary>, DbError> {
    let topic_ids: Vec<i64> = page.iter().map(|r| r.topic_id).collect();
    let office_ids: Vec<i64> = page.iter().map(|r| r.office_id).collect();
    let labels: Vec<(i64, String)> = topics::table
        .filter(topics::id.eq_any(topic_ids))
        .select((topics::id, topics::label))
        .load(conn)?;
    let offices: Vec<(i64, String)> = inps_offices::table
        .filter(inps_offices::id.eq_any(office_ids))
        .select((inps_offices::id, inps_offices::name))
        .load(conn)?;
    let find = |pairs: &[(i64, String)], id: i64| {
        pairs
            .iter()
            .find(|(k, _)| *k == id)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    Ok(page
        .into_iter()
        .map(|request| RequestSummary {
            topic_label: find(&labels, request.topic_id),
            office_name: find(&offices, request.office_id),
            request,
        })
        .collect())
}

/// An answer received on a request.
#[derive(Debug, Clone)]
pub struct ReceivedAnswer {
    /// The request.
    pub summary: RequestSummary,
    /// When the answer arrived.
    pub answered_at: NaiveDateTime,
    /// Its protocol number.
    pub protocol: String,
}

/// Answers received since `since` on the requests a user sent, newest first.
pub fn recent_answers(
    conn: &mut AnyConnection,
    user_id: i64,
    since: NaiveDateTime,
    filter: &RequestFilter,
) -> Result<Vec<ReceivedAnswer>, DbError> {
    let mut query = messages::table
        .inner_join(requests::table)
        .filter(requests::created_by.eq(user_id))
        .filter(messages::kind.eq("answer"))
        .filter(messages::created_at.ge(since))
        .into_boxed();
    if let Some(from) = filter.created_from {
        query = query.filter(messages::created_at.ge(from));
    }
    if let Some(before) = filter.created_before {
        query = query.filter(messages::created_at.lt(before));
    }
    if let Some(topic) = filter.topic_id {
        query = query.filter(requests::topic_id.eq(topic));
    }
    if let Some(cf) = &filter.cf {
        query = query.filter(requests::citizen_cf.eq(cf.clone()));
    }
    if let Some(protocol) = &filter.protocol {
        query = query.filter(requests::protocol.eq(protocol.clone()));
    }
    let rows: Vec<(Request, NaiveDateTime, String)> = query
        .order((messages::created_at.desc(), messages::id.desc()))
        .select((
            Request::as_select(),
            messages::created_at,
            messages::protocol,
        ))
        .load(conn)?;
    let answers: Vec<(NaiveDateTime, String)> =
        rows.iter().map(|(_, at, p)| (*at, p.clone())).collect();
    let requests = rows.into_iter().map(|(r, _, _)| r).collect();
    Ok(summaries(conn, requests)?
        .into_iter()
        .zip(answers)
        .map(|(summary, (answered_at, protocol))| ReceivedAnswer {
            summary,
            answered_at,
            protocol,
        })
        .collect())
}

/// The citizen of a request (for the detail).
pub fn citizen_of(
    conn: &mut AnyConnection,
    request: &Request,
) -> Result<Option<crate::citizens::Citizen>, DbError> {
    match request.citizen_id {
        Some(id) => Ok(citizens::table
            .find(id)
            .select(crate::citizens::Citizen::as_select())
            .first(conn)
            .optional()?),
        None => Ok(None),
    }
}

/// Requests waiting for dispatch, oldest first, locked so that parallel dispatchers (several
/// server instances on PostgreSQL) never take the same one.
pub fn claim_sent(conn: &mut AnyConnection, limit: i64) -> Result<Vec<Request>, DbError> {
    // Built per arm: `as_select` fixes the backend of the statement.
    macro_rules! sent {
        () => {
            requests::table
                .filter(requests::status.eq("sent"))
                .order(requests::id.asc())
                .limit(limit)
                .select(Request::as_select())
        };
    }
    match conn {
        AnyConnection::Postgresql(c) => Ok(sent!().for_update().skip_locked().load(c)?),
        AnyConnection::Sqlite(c) => Ok(sent!().load(c)?),
    }
}

/// The active official of an office who handles the topic and has the fewest open requests
/// (ties: lowest id).
pub fn least_loaded_official(
    conn: &mut AnyConnection,
    office_id: i64,
    topic_id: i64,
) -> Result<Option<i64>, DbError> {
    use crate::schema::{official_topics, user_profiles};
    let candidates: Vec<i64> = users::table
        .inner_join(official_topics::table.on(official_topics::user_id.eq(users::id)))
        .inner_join(user_profiles::table.on(user_profiles::user_id.eq(users::id)))
        .filter(users::inps_office_id.eq(office_id))
        .filter(users::active.eq(true))
        .filter(official_topics::topic_id.eq(topic_id))
        .filter(user_profiles::profile.eq("official"))
        .select(users::id)
        .order(users::id.asc())
        .load(conn)?;
    let mut best: Option<(i64, i64)> = None;
    for official in candidates {
        let open: i64 = requests::table
            .filter(requests::assigned_official_id.eq(official))
            .filter(requests::status.ne("closed"))
            .count()
            .get_result(conn)?;
        if best.is_none_or(|(_, load)| open < load) {
            best = Some((official, open));
        }
    }
    Ok(best.map(|(official, _)| official))
}
