//! Requests, their conversation, reminders and the actions allowed on them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::attachments::AttachmentDto;
use crate::auth::PatronatoOfficeRef;
use crate::citizens::CitizenDto;
use crate::ids::{AttachmentId, CitizenId, OfficeId, RequestId, TopicId, UserId};
use crate::offices::OfficeDto;
use crate::page::paged_query;
use crate::{
    EventKind, MessageKind, Motive, PracticeKind, RequestKind, RequestStatus, RoutingReason, Side,
};

/// Longest *Testo della richiesta* or message text, in characters.
pub const TEXT_MAX_CHARS: u64 = 4000;
/// Longest *Ulteriori note*, in characters.
pub const NOTES_MAX_CHARS: u64 = 2000;

/// A practice reference (type + number).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PracticeRef {
    /// Kind of reference.
    pub kind: PracticeKind,
    /// The number.
    #[validate(length(min = 1, max = 64))]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "12345678", min_length = 1, max_length = 64)
    )]
    pub number: String,
}

/// A new request: a citizen request (operator) or a regional one (referent).
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    /// Kind of request.
    pub kind: RequestKind,
    /// Citizen request: the registry person (from `GET /api/v1/citizens`).
    #[serde(default)]
    pub citizen_id: Option<CitizenId>,
    /// Citizen request: *Dichiaro di essere in possesso della delega a operare per conto del
    /// richiedente e di esibirla su richiesta* — must be `true`.
    #[serde(default)]
    pub delega_declared: Option<bool>,
    /// Why INPS is contacted.
    pub motive: Motive,
    /// Required for the motives about an application or a benefit; not allowed otherwise.
    #[serde(default)]
    #[validate(nested)]
    pub practice: Option<PracticeRef>,
    /// Topic.
    pub topic_id: TopicId,
    /// *Testo della richiesta* (1–4,000 characters).
    #[validate(length(min = 1, max = TEXT_MAX_CHARS))]
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "Si chiede lo stato della pratica di pensione.",
            min_length = 1,
            max_length = 4000
        )
    )]
    pub text: String,
    /// *Ulteriori note* (up to 2,000 characters).
    #[serde(default)]
    #[validate(length(max = NOTES_MAX_CHARS))]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub notes: Option<String>,
    /// Destination chosen by hand instead of the automatic one.
    #[serde(default)]
    pub office_id: Option<OfficeId>,
    /// The caller's draft attachments to link to the request (within the per-message limit).
    #[serde(default)]
    #[validate(length(max = domain::attachments::MAX_PER_MESSAGE_U64))]
    pub attachment_ids: Vec<AttachmentId>,
}

/// A follow-up (patronato) or an answer (INPS).
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PostMessage {
    /// The text (1–4,000 characters).
    #[validate(length(min = 1, max = TEXT_MAX_CHARS))]
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "Si allega la documentazione richiesta.",
            min_length = 1,
            max_length = 4000
        )
    )]
    pub text: String,
    /// Answers only: enable appointment booking for this request (*abilita appuntamento*).
    #[serde(default)]
    pub enable_appointments: Option<bool>,
    /// The caller's draft attachments to link to the message (within the per-message limit).
    #[serde(default)]
    #[validate(length(max = domain::attachments::MAX_PER_MESSAGE_U64))]
    pub attachment_ids: Vec<AttachmentId>,
}

/// Moves a request to another INPS office.
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    /// The new office.
    pub office_id: OfficeId,
    /// Why (shown in the history).
    #[validate(length(min = 1, max = 1000))]
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "Competenza della sede di residenza.",
            min_length = 1,
            max_length = 1000
        )
    )]
    pub reason: String,
}

/// A person, briefly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRef {
    /// User id.
    pub id: UserId,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "Giulia Rossi"))]
    pub full_name: String,
    /// Side.
    pub side: Side,
}

/// A topic, briefly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicRef {
    /// Id.
    pub id: TopicId,
    /// Label.
    #[cfg_attr(feature = "openapi", schema(example = "NASPI"))]
    pub label: String,
}

/// A row of the history (*Storico richieste*) or of the INPS queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestSummary {
    /// Id.
    pub id: RequestId,
    /// Protocol number.
    #[cfg_attr(feature = "openapi", schema(example = "INPS.7013.02/03/2026.0000002"))]
    pub protocol: String,
    /// Kind.
    pub kind: RequestKind,
    /// Status.
    pub status: RequestStatus,
    /// Italian label of the status.
    #[cfg_attr(feature = "openapi", schema(example = "Inviata a Linea INPS"))]
    pub status_label: String,
    /// Sending time.
    pub created_at: DateTime<Utc>,
    /// Topic.
    pub topic: TopicRef,
    /// Codice fiscale of the citizen (citizen requests).
    #[cfg_attr(feature = "openapi", schema(example = "BNCMRA50A01H501U"))]
    pub citizen_cf: Option<String>,
    /// Destination office name.
    #[cfg_attr(feature = "openapi", schema(example = "POMEZIA"))]
    pub office_name: String,
    /// Whether the patronato waits for an answer.
    pub awaiting_answer: bool,
}

/// A page of requests with the number of matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestPage {
    /// Requests, newest first.
    pub items: Vec<RequestSummary>,
    /// Cursor of the next page; absent on the last one.
    pub next_cursor: Option<String>,
    /// Matches in all pages; with `total_is_exact: false`, a lower bound (there are more).
    #[cfg_attr(feature = "openapi", schema(example = 134))]
    pub total: i64,
    /// False when a free-text search stopped counting at `total`, its limit: there are more
    /// matches. Structured criteria are always counted exactly.
    pub total_is_exact: bool,
}

impl RequestPage {
    /// The number of matches as the history shows it.
    pub fn match_count(&self) -> domain::history::MatchCount {
        domain::history::MatchCount {
            total: self.total,
            exact: self.total_is_exact,
        }
    }
}

/// One message of the conversation (*Cronologia comunicazione*).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageDto {
    /// Position: 0 is the request itself.
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub seq: i32,
    /// Protocol number of the message.
    #[cfg_attr(feature = "openapi", schema(example = "INPS.7013.05/03/2026.0000003"))]
    pub protocol: String,
    /// The request itself (message 0), an answer or a follow-up.
    pub kind: MessageKind,
    /// Author.
    pub author: PersonRef,
    /// Text.
    #[cfg_attr(feature = "openapi", schema(example = "La pratica è in lavorazione."))]
    pub text: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Its attachments.
    #[serde(default)]
    pub attachments: Vec<AttachmentDto>,
}

/// A reminder (*sollecito*).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderDto {
    /// 1 or 2.
    #[cfg_attr(feature = "openapi", schema(example = 1))]
    pub seq: i32,
    /// When it was sent (*Data 1° sollecito*).
    pub sent_at: DateTime<Utc>,
    /// Who sent it.
    pub sent_by: UserId,
}

/// Whether an action is possible now, and if not why and from when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionState {
    /// The action is possible now.
    pub allowed: bool,
    /// Stable code of the reason it is not (`reminder_too_early`, `interaction_limit_reached`, …).
    #[cfg_attr(feature = "openapi", schema(example = "reminder_too_early"))]
    pub code: Option<String>,
    /// Italian explanation.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Il sollecito sarà possibile dal 17/03/2026.")
    )]
    pub reason: Option<String>,
    /// First day (Europe/Rome) it becomes possible, when only time is missing.
    pub allowed_from: Option<NaiveDate>,
}

/// What the caller may do on the request now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AllowedActions {
    /// Patronato: send a follow-up message.
    pub follow_up: ActionState,
    /// Patronato: send a reminder.
    pub remind: ActionState,
    /// Patronato: book an appointment.
    pub book_appointment: ActionState,
    /// INPS: answer.
    pub answer: ActionState,
    /// INPS: take the request.
    pub take: ActionState,
    /// INPS: transfer to another office.
    pub transfer: ActionState,
}

/// An entry of the request's history besides messages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventDto {
    /// What happened.
    pub kind: EventKind,
    /// Who acted (none for the dispatcher).
    pub actor_id: Option<UserId>,
    /// Office before.
    pub from_office_id: Option<OfficeId>,
    /// Office after.
    pub to_office_id: Option<OfficeId>,
    /// Reason or detail.
    pub detail: Option<String>,
    /// When.
    pub at: DateTime<Utc>,
}

/// A notice that does not stop the operation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Warning {
    /// Stable code.
    #[cfg_attr(feature = "openapi", schema(example = "open_request_same_topic"))]
    pub code: String,
    /// Italian message.
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "Per questo cittadino esiste già una richiesta aperta sullo stesso argomento."
        )
    )]
    pub message: String,
}

/// Everything the detail screen (*Dettaglio richiesta selezionata*) shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestDetail {
    /// Id.
    pub id: RequestId,
    /// Protocol number.
    #[cfg_attr(feature = "openapi", schema(example = "INPS.7013.02/03/2026.0000002"))]
    pub protocol: String,
    /// Kind.
    pub kind: RequestKind,
    /// Status.
    pub status: RequestStatus,
    /// Italian label of the status.
    #[cfg_attr(feature = "openapi", schema(example = "Assegnata a sede"))]
    pub status_label: String,
    /// Sending time.
    pub created_at: DateTime<Utc>,
    /// The operator or referent who sent it.
    pub sender: PersonRef,
    /// The sender's patronato office.
    pub patronato_office: Option<PatronatoOfficeRef>,
    /// Motive.
    pub motive: Motive,
    /// Italian label of the motive.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Prestazione in corso o respinta")
    )]
    pub motive_label: String,
    /// Practice reference.
    pub practice: Option<PracticeRef>,
    /// Topic (*Oggetto*).
    pub topic: TopicRef,
    /// Destination office.
    pub office: OfficeDto,
    /// Whether the operator chose the office by hand.
    pub office_chosen_by_hand: bool,
    /// Why the request is at its office.
    pub routing_reason: RoutingReason,
    /// The official working on it.
    pub assigned_official: Option<PersonRef>,
    /// The citizen (citizen requests).
    pub citizen: Option<CitizenDto>,
    /// When the delega was declared.
    pub delega_declared_at: Option<DateTime<Utc>>,
    /// Text of the request.
    pub text: String,
    /// Notes.
    pub notes: Option<String>,
    /// The conversation, message 0 first.
    pub messages: Vec<MessageDto>,
    /// Reminders sent (*Data 1° sollecito*, *Data 2° sollecito*).
    pub reminders: Vec<ReminderDto>,
    /// Follow-ups used after the first answer (0–2).
    #[cfg_attr(feature = "openapi", schema(example = 0))]
    pub follow_ups_used: i32,
    /// Whether the last answer enabled appointments.
    pub appointments_enabled: bool,
    /// Whether the patronato waits for an answer.
    pub awaiting_answer: bool,
    /// What the caller may do now.
    pub allowed_actions: AllowedActions,
    /// Transfers, dispatch and other events.
    pub history: Vec<EventDto>,
    /// Notices about the operation that returned this detail.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<Warning>,
}

/// An answer received on one of the caller's requests (home panel).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecentAnswer {
    /// The request.
    pub request: RequestSummary,
    /// When the answer arrived.
    pub answered_at: DateTime<Utc>,
    /// Protocol number of the answer.
    #[cfg_attr(feature = "openapi", schema(example = "INPS.7013.05/03/2026.0000003"))]
    pub answer_protocol: String,
}

/// *Risposte ricevute negli ultimi N giorni*.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RecentAnswers {
    /// The answers of this page, newest first.
    pub items: Vec<RecentAnswer>,
    /// Opaque cursor of the next page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
    /// Number of answers in the period (*Risposte ricevute negli ultimi 3 giorni: N*).
    #[cfg_attr(feature = "openapi", schema(example = 3))]
    pub total: i64,
    /// Days covered.
    #[cfg_attr(feature = "openapi", schema(example = 3))]
    pub days: i64,
}

/// The seven figures of the statistics screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    /// *Aperte*: not closed.
    pub open: i64,
    /// *Superati 15 gg*: awaiting an answer for more than 15 days.
    pub over_15_days: i64,
    /// *1° Sollecito*: with a first reminder.
    pub first_reminder: i64,
    /// *2° Sollecito*: with a second reminder.
    pub second_reminder: i64,
    /// *Chiuse*: closed by an official.
    pub closed: i64,
    /// *Abilitate appuntamento*: appointments enabled by the official.
    pub appointments_enabled: i64,
    /// *Appuntamento*: with an active appointment.
    pub appointments: i64,
}

/// Statistics for a topic (or all) and a period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statistics {
    /// The caller's own requests (patronato side).
    pub mine: Option<Figures>,
    /// The office's requests (patronato office, region for referents, INPS office).
    pub office: Figures,
    /// INPS side: median hours from sending to the first answer.
    #[cfg_attr(feature = "openapi", schema(example = 26.5))]
    pub median_hours_to_first_answer: Option<f64>,
}

/// Which requests: the caller's own, or all those of its office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ListScope {
    /// *Le mie richieste*.
    Mine,
    /// *Tutte le richieste* of the office (the region for referents, the INPS office for officials).
    #[default]
    Office,
}

/// INPS queue filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Assignment {
    /// Taken by the caller.
    Mine,
    /// Not taken by anybody.
    Unassigned,
}

paged_query! {
    /// Search criteria: combine freely; dates are Europe/Rome calendar days, inclusive.
    #[derive(Debug, Deserialize, Validate, Clone, Default, Serialize, PartialEq)]
    #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
    #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
    pub struct RequestQuery {
        /// `mine` or `office` (default).
        pub scope: Option<ListScope>,
        /// Sent on or after this day.
        #[cfg_attr(feature = "openapi", param(example = "2026-03-01", format = Date, max_length = 10))]
        pub date_from: Option<NaiveDate>,
        /// Sent on or before this day.
        #[cfg_attr(feature = "openapi", param(example = "2026-03-31", format = Date, max_length = 10))]
        pub date_to: Option<NaiveDate>,
        /// Topic id.
        pub topic_id: Option<TopicId>,
        /// Exact protocol number.
        #[cfg_attr(
            feature = "openapi",
            param(example = "INPS.7013.02/03/2026.0000002", max_length = 40)
        )]
        #[validate(length(max = 40))]
        pub protocol: Option<String>,
        /// Exact codice fiscale of the citizen.
        #[cfg_attr(
            feature = "openapi",
            param(example = "BNCMRA50A01H501U", max_length = 16)
        )]
        #[validate(length(max = 16))]
        pub cf: Option<String>,
        /// Status.
        pub status: Option<RequestStatus>,
        /// Words in the text or notes.
        #[cfg_attr(feature = "openapi", param(example = "pensione", max_length = 200))]
        #[validate(length(max = 200))]
        pub q: Option<String>,
        /// INPS queue: `mine` or `unassigned`.
        pub assigned: Option<Assignment>,
    }
}

paged_query! {
    /// Period and search criteria of the panel.
    #[derive(Debug, Deserialize, Validate, Clone, Default, Serialize, PartialEq)]
    #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
    #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
    pub struct RecentQuery {
        /// Calendar days covered, today included (1–90, default 3).
        #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = 90))]
        #[validate(range(min = 1, max = 90))]
        pub days: Option<i64>,
        /// Only answers of this day.
        #[cfg_attr(feature = "openapi", param(example = "2026-03-05", format = Date, max_length = 10))]
        pub date: Option<NaiveDate>,
        /// Topic id.
        pub topic_id: Option<TopicId>,
        /// Codice fiscale of the citizen.
        #[cfg_attr(
            feature = "openapi",
            param(example = "BNCMRA50A01H501U", max_length = 16)
        )]
        #[validate(length(max = 16))]
        pub cf: Option<String>,
        /// Protocol number of the request.
        #[cfg_attr(feature = "openapi", param(max_length = 40))]
        #[validate(length(max = 40))]
        pub protocol: Option<String>,
    }
}

/// Topic and period (Europe/Rome days, inclusive) of the statistics.
#[derive(Debug, Deserialize, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct StatisticsQuery {
    /// Topic id; all topics when absent.
    pub topic_id: Option<TopicId>,
    /// First day.
    #[cfg_attr(feature = "openapi", param(example = "2026-01-01", format = Date, max_length = 10))]
    pub date_from: Option<NaiveDate>,
    /// Last day.
    #[cfg_attr(feature = "openapi", param(example = "2026-12-31", format = Date, max_length = 10))]
    pub date_to: Option<NaiveDate>,
    /// INPS administrators: the office to report on.
    pub office_id: Option<OfficeId>,
}
