//! Requests, their conversation, reminders and events.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use domain::access::{Parties, Scope};
use domain::enums::{
    EventKind, MessageKind, Motive, PracticeKind, Profile, RequestKind, RequestStatus,
    RoutingReason, Side,
};
use domain::history::MatchCount;
use domain::ids::{
    CitizenId, MessageId, OfficeId, PatronatoId, PatronatoOfficeId, RegionId, RequestId, TopicId,
    UserId,
};
use domain::lifecycle::Conversation;

use crate::schema::{
    citizens, inps_offices, messages, protocol_sequences, reminders, request_events,
    request_figures, requests, users,
};
use crate::{on_backend, AnyConnection, DbError};

/// A stored request.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct Request {
    /// Id.
    pub id: RequestId,
    /// Protocol number of the request.
    pub protocol: String,
    /// Citizen or regional.
    pub kind: RequestKind,
    /// Where it stands.
    pub status: RequestStatus,
    /// Patronato of the sender.
    pub patronato_id: PatronatoId,
    /// Patronato office of the sender.
    pub patronato_office_id: Option<PatronatoOfficeId>,
    /// Region of a regional request.
    pub region_id: Option<RegionId>,
    /// Sender.
    pub created_by: UserId,
    /// Registry person of a citizen request.
    pub citizen_id: Option<CitizenId>,
    /// Codice fiscale of that person, as registered (for search).
    pub citizen_cf: Option<String>,
    /// When the sender declared holding the delega.
    pub delega_declared_at: Option<NaiveDateTime>,
    /// Why the patronato writes.
    pub motive: Motive,
    /// Practice reference kind.
    pub practice_kind: Option<PracticeKind>,
    /// Practice reference number.
    pub practice_number: Option<String>,
    /// Topic.
    pub topic_id: TopicId,
    /// Text of the request (message 0).
    pub text: String,
    /// Notes.
    pub notes: Option<String>,
    /// Destination INPS office.
    pub office_id: OfficeId,
    /// Whether the operator chose the office by hand.
    pub office_chosen_by_hand: bool,
    /// Why it went to its office.
    pub routing_reason: RoutingReason,
    /// Official working on it.
    pub assigned_official_id: Option<UserId>,
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

/// A request as the history and the answers list it: the columns of a summary, nothing else
/// (the text alone can be larger than the rest of the row).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = requests)]
pub struct ListedRequest {
    /// Id.
    pub id: RequestId,
    /// Protocol number of the request.
    pub protocol: String,
    /// Citizen or regional.
    pub kind: RequestKind,
    /// Where it stands.
    pub status: RequestStatus,
    /// Codice fiscale of the citizen (citizen requests).
    pub citizen_cf: Option<String>,
    /// Topic.
    pub topic_id: TopicId,
    /// Destination INPS office.
    pub office_id: OfficeId,
    /// Start of the current wait for an answer; none when the institute wrote last.
    pub awaiting_since: Option<NaiveDateTime>,
    /// Creation.
    pub created_at: NaiveDateTime,
}

fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}

impl Request {
    /// Whom the request belongs to, for the visibility rules.
    pub fn parties(&self) -> Parties {
        Parties {
            kind: self.kind,
            created_by: self.created_by,
            patronato_id: self.patronato_id,
            patronato_office_id: self.patronato_office_id,
            region_id: self.region_id,
            office_id: self.office_id,
        }
    }

    /// The conversation facts the lifecycle rules read; `reminders` are the request's own.
    pub fn conversation(&self, reminders: &[Reminder]) -> Conversation {
        Conversation {
            status: self.status,
            last_message_side: if self.awaiting_since.is_some() {
                Side::Patronato
            } else {
                Side::Inps
            },
            last_message_at: utc(self.last_message_at),
            first_answer_at: self.first_answer_at.map(utc),
            follow_ups: u8::try_from(self.followups_used).unwrap_or(u8::MAX),
            reminders: reminders.iter().map(|r| utc(r.created_at)).collect(),
            appointments_enabled: self.appointments_enabled,
        }
    }
}

/// A request to store (its search terms are derived from the text on insert).
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = requests)]
pub struct NewRequest {
    /// Protocol number.
    pub protocol: String,
    /// Kind.
    pub kind: RequestKind,
    /// Initial status.
    pub status: RequestStatus,
    /// Patronato.
    pub patronato_id: PatronatoId,
    /// Patronato office.
    pub patronato_office_id: Option<PatronatoOfficeId>,
    /// Region (regional requests).
    pub region_id: Option<RegionId>,
    /// Sender.
    pub created_by: UserId,
    /// Registry person.
    pub citizen_id: Option<CitizenId>,
    /// Their codice fiscale.
    pub citizen_cf: Option<String>,
    /// Delega declaration time.
    pub delega_declared_at: Option<NaiveDateTime>,
    /// Motive.
    pub motive: Motive,
    /// Practice kind.
    pub practice_kind: Option<PracticeKind>,
    /// Practice number.
    pub practice_number: Option<String>,
    /// Topic.
    pub topic_id: TopicId,
    /// Text.
    pub text: String,
    /// Notes.
    pub notes: Option<String>,
    /// Destination office.
    pub office_id: OfficeId,
    /// Chosen by hand.
    pub office_chosen_by_hand: bool,
    /// Routing reason.
    pub routing_reason: RoutingReason,
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
#[derive(Debug, Clone, Queryable, serde::Deserialize)]
pub struct Message {
    /// Id.
    pub id: MessageId,
    /// Position (0 = the request).
    pub seq: i32,
    /// Protocol number.
    pub protocol: String,
    /// Request, answer or follow-up.
    pub kind: MessageKind,
    /// Author id.
    pub author_id: UserId,
    /// Author name.
    pub author_name: String,
    /// Side of the author.
    pub author_side: Side,
    /// Text.
    pub text: String,
    /// When.
    #[serde(deserialize_with = "crate::request_detail::stored_time")]
    pub created_at: NaiveDateTime,
}

/// A message to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = messages)]
pub struct NewMessage {
    /// Request.
    pub request_id: RequestId,
    /// Position.
    pub seq: i32,
    /// Protocol number.
    pub protocol: String,
    /// Kind.
    pub kind: MessageKind,
    /// Author.
    pub author_id: UserId,
    /// Side.
    pub author_side: Side,
    /// Text.
    pub text: String,
    /// When.
    pub created_at: NaiveDateTime,
}

/// An event of the history (transfer, dispatch, …).
#[derive(Debug, Clone, Queryable, Selectable, Insertable, serde::Deserialize)]
#[diesel(table_name = request_events)]
pub struct Event {
    /// Request.
    pub request_id: RequestId,
    /// What happened.
    pub kind: EventKind,
    /// Who.
    pub actor_id: Option<UserId>,
    /// Office before.
    pub from_office_id: Option<OfficeId>,
    /// Office after.
    pub to_office_id: Option<OfficeId>,
    /// Reason or detail.
    pub detail: Option<String>,
    /// When.
    #[serde(deserialize_with = "crate::request_detail::stored_time")]
    pub created_at: NaiveDateTime,
}

/// A reminder (*sollecito*) sent for a request.
#[derive(Debug, Clone, Queryable, Selectable, serde::Deserialize)]
#[diesel(table_name = reminders)]
pub struct Reminder {
    /// 1 or 2.
    pub seq: i32,
    /// Who sent it.
    pub sent_by: UserId,
    /// When.
    #[serde(deserialize_with = "crate::request_detail::stored_time")]
    pub created_at: NaiveDateTime,
}

/// Takes the next number of an office's protocol sequence. Runs inside the caller's
/// transaction: the row lock (PostgreSQL) or the write lock (SQLite) makes it unique.
pub fn next_sequence(conn: &mut AnyConnection, office_id: OfficeId) -> Result<i64, DbError> {
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
pub fn office_code(conn: &mut AnyConnection, office_id: OfficeId) -> Result<String, DbError> {
    Ok(inps_offices::table
        .find(office_id)
        .select(inps_offices::code)
        .first(conn)?)
}

/// Stores a request with the search terms of its text and notes; returns its id.
pub fn insert_request(
    conn: &mut AnyConnection,
    request: &NewRequest,
) -> Result<RequestId, DbError> {
    let terms = crate::search::index_terms(&request.text, request.notes.as_deref());
    Ok(diesel::insert_into(requests::table)
        .values((request, requests::search_terms.eq(terms)))
        .returning(requests::id)
        .get_result(conn)?)
}

/// How many messages a request has (the next message's position).
pub fn message_count(conn: &mut AnyConnection, request_id: RequestId) -> Result<i64, DbError> {
    Ok(messages::table
        .filter(messages::request_id.eq(request_id))
        .count()
        .get_result(conn)?)
}

/// Stores a message; returns its id.
pub fn insert_message(
    conn: &mut AnyConnection,
    message: &NewMessage,
) -> Result<MessageId, DbError> {
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
pub fn get_request(conn: &mut AnyConnection, id: RequestId) -> Result<Option<Request>, DbError> {
    Ok(requests::table
        .find(id)
        .select(Request::as_select())
        .first(conn)
        .optional()?)
}

/// One request, locked against concurrent changes until the transaction ends (PostgreSQL; on
/// SQLite the write transaction already holds the database lock).
pub fn lock_request(conn: &mut AnyConnection, id: RequestId) -> Result<Option<Request>, DbError> {
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
pub fn messages_of(
    conn: &mut AnyConnection,
    request_id: RequestId,
) -> Result<Vec<Message>, DbError> {
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

/// The reminders of a request, oldest first.
pub fn reminders_of(
    conn: &mut AnyConnection,
    request_id: RequestId,
) -> Result<Vec<Reminder>, DbError> {
    Ok(reminders::table
        .filter(reminders::request_id.eq(request_id))
        .order(reminders::seq.asc())
        .select(Reminder::as_select())
        .load(conn)?)
}

/// Stores the last reminder of `next`, the conversation after [`Conversation::remind`].
pub fn insert_reminder(
    conn: &mut AnyConnection,
    request_id: RequestId,
    next: &Conversation,
    sent_by: UserId,
) -> Result<i32, DbError> {
    let seq = i32::try_from(next.reminders.len()).unwrap_or(i32::MAX);
    let at = next
        .reminders
        .last()
        .ok_or_else(|| DbError::Seed("a reminder step without a reminder".into()))?;
    diesel::insert_into(reminders::table)
        .values((
            reminders::request_id.eq(request_id),
            reminders::seq.eq(seq),
            reminders::sent_by.eq(sent_by),
            reminders::created_at.eq(at.naive_utc()),
        ))
        .execute(conn)?;
    diesel::update(request_figures::table.find(request_id))
        .set(request_figures::reminders_sent.eq(seq))
        .execute(conn)?;
    Ok(seq)
}

/// The history of a request besides messages, oldest first.
pub fn events_of(conn: &mut AnyConnection, request_id: RequestId) -> Result<Vec<Event>, DbError> {
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
    pub status: Option<RequestStatus>,
    /// New office.
    pub office_id: Option<OfficeId>,
    /// Office chosen by hand.
    pub office_chosen_by_hand: Option<bool>,
    /// Routing reason.
    pub routing_reason: Option<RoutingReason>,
    /// Official (`Some(None)` clears it).
    pub assigned_official_id: Option<Option<UserId>>,
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

impl RequestChangeset {
    /// The columns that store the conversation state `next` (status included), changed at `at`:
    /// the one place where a lifecycle step becomes a row.
    pub fn conversation(next: &Conversation, at: NaiveDateTime) -> RequestChangeset {
        let last = next.last_message_at.naive_utc();
        let institute_wrote_last = !next.awaiting_answer();
        RequestChangeset {
            status: Some(next.status),
            appointments_enabled: Some(next.appointments_enabled),
            followups_used: Some(i32::from(next.follow_ups)),
            first_answer_at: Some(next.first_answer_at.map(|t| t.naive_utc())),
            awaiting_since: Some((!institute_wrote_last).then_some(last)),
            last_message_at: Some(last),
            closed_at: institute_wrote_last.then_some(Some(last)),
            updated_at: Some(at),
            ..RequestChangeset::default()
        }
    }
}

/// Applies a changeset and bumps the version.
pub fn update_request(
    conn: &mut AnyConnection,
    id: RequestId,
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
    citizen_id: CitizenId,
    topic_id: TopicId,
) -> Result<Option<String>, DbError> {
    Ok(requests::table
        .filter(requests::citizen_id.eq(citizen_id))
        .filter(requests::topic_id.eq(topic_id))
        .filter(requests::status.ne(RequestStatus::Closed))
        .select(requests::protocol)
        .first(conn)
        .optional()?)
}

/// Search criteria of the history and the INPS queue.
#[derive(Debug, Clone, Default)]
pub struct RequestFilter {
    /// Created on or after (UTC instant of the Rome day start).
    pub created_from: Option<NaiveDateTime>,
    /// Created before.
    pub created_before: Option<NaiveDateTime>,
    /// Topic.
    pub topic_id: Option<TopicId>,
    /// Exact protocol number.
    pub protocol: Option<String>,
    /// Exact codice fiscale.
    pub cf: Option<String>,
    /// Status.
    pub status: Option<RequestStatus>,
    /// Only requests owned by this official.
    pub official_id: Option<UserId>,
    /// Only requests nobody took.
    pub unassigned: bool,
    /// Free text over text and notes.
    pub q: Option<String>,
}

/// The requests of a scope matching a filter, as a boxed query (shared with the statistics).
/// The scope is `domain::access::Scope`, translated into SQL here and nowhere else.
macro_rules! scoped {
    ($conn:expr, $scope:expr, $filter:expr) => {{
        use ::domain::access::Scope;
        use ::domain::enums::RequestKind;
        use $crate::schema::requests;
        // Planned with its values each time (see `PlannedEachTime`).
        let mut query = requests::table
            .filter($crate::fixed_sql::PlannedEachTime)
            .into_boxed();
        query = match *$scope {
            Scope::Mine { user, kind } => query
                .filter(requests::created_by.eq(user))
                .filter(requests::kind.eq(kind)),
            Scope::PatronatoOffice(office) => query
                .filter(requests::patronato_office_id.eq(office))
                .filter(requests::kind.eq(RequestKind::Citizen)),
            Scope::Regional {
                patronato_id,
                region_id,
            } => query
                .filter(requests::patronato_id.eq(patronato_id))
                .filter(requests::region_id.eq(region_id))
                .filter(requests::kind.eq(RequestKind::Regional)),
            Scope::InpsOffice(office) => query.filter(requests::office_id.eq(office)),
        };
        let filter: &$crate::requests::RequestFilter = $filter;
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
        if let Some(status) = filter.status {
            query = query.filter(requests::status.eq(status));
        }
        if let Some(official) = filter.official_id {
            query = query.filter(requests::assigned_official_id.eq(official));
        }
        if filter.unassigned {
            query = query.filter(requests::assigned_official_id.is_null());
        }
        let backend = $crate::backend_of($conn);
        if let Some(matches) = filter
            .q
            .as_deref()
            .and_then(|q| $crate::search::text_matches(backend, q))
        {
            query = query.filter(matches);
        }
        query
    }};
}
pub(crate) use scoped;

/// A page of requests, newest first, after the keyset `after` = (created_at, id); and the number
/// of matches of the filtered scope (`domain::history::MatchCount`: bounded for free text).
pub fn list_requests(
    conn: &mut AnyConnection,
    scope: &Scope,
    filter: &RequestFilter,
    after: Option<(NaiveDateTime, RequestId)>,
    limit: i64,
) -> Result<(Vec<ListedRequest>, MatchCount), DbError> {
    let free_text = filter.q.is_some();
    let counted: i64 = match MatchCount::rows_to_count(free_text) {
        None if crate::request_counts::answer(filter) => {
            crate::request_counts::total(conn, scope, filter.status)?
        }
        None => scoped!(conn, scope, filter).count().get_result(conn)?,
        // Any `bound` matching ids, in whatever order the index gives them: no sort, no more.
        Some(bound) => {
            let ids: Vec<RequestId> = scoped!(conn, scope, filter)
                .select(requests::id)
                .limit(bound)
                .load(conn)?;
            i64::try_from(ids.len()).unwrap_or(i64::MAX)
        }
    };
    let total = MatchCount::of(counted, free_text);
    let mut query = scoped!(conn, scope, filter);
    if let Some((created_at, id)) = after {
        query = query.filter(
            requests::created_at
                .lt(created_at)
                .or(requests::created_at.eq(created_at).and(requests::id.lt(id))),
        );
    }
    let page: Vec<ListedRequest> = query
        .order((requests::created_at.desc(), requests::id.desc()))
        .limit(limit)
        .select(ListedRequest::as_select())
        .load(conn)?;
    Ok((page, total))
}

/// An answer received on a request.
#[derive(Debug, Clone)]
pub struct ReceivedAnswer {
    /// The request.
    pub request: ListedRequest,
    /// When the answer arrived.
    pub answered_at: NaiveDateTime,
    /// Its protocol number.
    pub protocol: String,
}

/// Answers received since `since` on the requests a user sent, newest first.
pub fn recent_answers(
    conn: &mut AnyConnection,
    user_id: UserId,
    since: NaiveDateTime,
    filter: &RequestFilter,
) -> Result<Vec<ReceivedAnswer>, DbError> {
    let mut query = messages::table
        .inner_join(requests::table)
        .filter(requests::created_by.eq(user_id))
        .filter(messages::kind.eq(MessageKind::Answer))
        .filter(messages::created_at.ge(since))
        .filter(crate::fixed_sql::PlannedEachTime)
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
    let rows: Vec<(ListedRequest, NaiveDateTime, String)> = query
        .order((messages::created_at.desc(), messages::id.desc()))
        .select((
            ListedRequest::as_select(),
            messages::created_at,
            messages::protocol,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(request, answered_at, protocol)| ReceivedAnswer {
            request,
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
                .filter(requests::status.eq(RequestStatus::Sent))
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
    office_id: OfficeId,
    topic_id: TopicId,
) -> Result<Option<UserId>, DbError> {
    use crate::schema::{official_topics, user_profiles};
    let candidates: Vec<UserId> = users::table
        .inner_join(official_topics::table.on(official_topics::user_id.eq(users::id)))
        .inner_join(user_profiles::table.on(user_profiles::user_id.eq(users::id)))
        .filter(users::inps_office_id.eq(office_id))
        .filter(users::active.eq(true))
        .filter(official_topics::topic_id.eq(topic_id))
        .filter(user_profiles::profile.eq(Profile::Official))
        .select(users::id)
        .order(users::id.asc())
        .load(conn)?;
    let mut best: Option<(UserId, i64)> = None;
    for official in candidates {
        let open: i64 = requests::table
            .filter(requests::assigned_official_id.eq(official))
            .filter(requests::status.ne(RequestStatus::Closed))
            .count()
            .get_result(conn)?;
        if best.is_none_or(|(_, load)| open < load) {
            best = Some((official, open));
        }
    }
    Ok(best.map(|(official, _)| official))
}
