//! The appointment agenda (consultation points and slots of an INPS office) and bookings.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc, Weekday};
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::ids::{AppointmentId, ConsultationPointId, OfficeId, RequestId, SlotId, TopicId};
use crate::offices::OfficeDto;
use crate::page::paged_query;
use crate::requests::{ActionState, PersonRef, TopicRef};
use crate::{AppointmentStatus, Channel};

/// A consultation point (*punto di consulenza*) of an office: the topics it handles and the
/// channels it offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationPointDto {
    /// Id.
    pub id: ConsultationPointId,
    /// Its office.
    pub office_id: OfficeId,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "Sportello pensioni"))]
    pub name: String,
    /// Topics it handles.
    pub topics: Vec<TopicRef>,
    /// Channels it offers.
    pub channels: Vec<Channel>,
    /// Whether it takes new slots.
    pub active: bool,
}

/// A new consultation point.
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewConsultationPoint {
    /// Name (1–120 characters).
    #[validate(length(min = 1, max = 120))]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Sportello pensioni", min_length = 1, max_length = 120)
    )]
    pub name: String,
    /// Topics it handles (at least one).
    #[validate(length(min = 1, max = 50))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 50))]
    pub topic_ids: Vec<TopicId>,
    /// Channels it offers (at least one).
    #[validate(length(min = 1, max = 3))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 3))]
    pub channels: Vec<Channel>,
}

/// A consultation point, briefly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsultationPointRef {
    /// Id.
    pub id: ConsultationPointId,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "Sportello pensioni"))]
    pub name: String,
}

/// A slot of the agenda.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotDto {
    /// Id.
    pub id: SlotId,
    /// Its office.
    pub office_id: OfficeId,
    /// Its consultation point.
    pub point: ConsultationPointRef,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Length in minutes.
    #[cfg_attr(feature = "openapi", schema(example = 30, minimum = 1))]
    pub duration_minutes: i32,
    /// Channels it offers.
    pub channels: Vec<Channel>,
    /// Whether an active appointment holds it.
    pub booked: bool,
}

/// A day of the week, numbered as ISO 8601 does: 1 = Monday … 7 = Sunday.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct IsoWeekday(pub Weekday);

impl TryFrom<u8> for IsoWeekday {
    type Error = String;

    fn try_from(day: u8) -> Result<IsoWeekday, String> {
        match day {
            1..=7 => Weekday::try_from(day - 1)
                .map(IsoWeekday)
                .map_err(|e| e.to_string()),
            _ => Err(format!(
                "giorno della settimana {day}: da 1 (lunedì) a 7 (domenica)"
            )),
        }
    }
}

impl From<IsoWeekday> for u8 {
    fn from(day: IsoWeekday) -> u8 {
        u8::try_from(day.0.number_from_monday()).unwrap_or(1)
    }
}

/// A time of day in Europe/Rome, `HH:MM` (seconds accepted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalTime(pub NaiveTime);

#[cfg(feature = "openapi")]
mod schemas {
    use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
    use utoipa::openapi::RefOr;

    impl utoipa::PartialSchema for super::IsoWeekday {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int32)))
                .minimum(Some(1))
                .maximum(Some(7))
                .description(Some("Day of the week, ISO 8601: 1 = Monday … 7 = Sunday."))
                .examples([1])
                .into()
        }
    }

    impl utoipa::ToSchema for super::IsoWeekday {}

    impl utoipa::PartialSchema for super::LocalTime {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some("^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"))
                .max_length(Some(8))
                .description(Some("Time of day in Europe/Rome, `HH:MM`."))
                .examples(["09:00"])
                .into()
        }
    }

    impl utoipa::ToSchema for super::LocalTime {}
}

/// A weekly pattern of slots over a date range (Europe/Rome).
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct WeeklyPattern {
    /// First day (included).
    #[cfg_attr(feature = "openapi", schema(example = "2026-03-09", max_length = 10))]
    pub from: NaiveDate,
    /// Last day (included).
    #[cfg_attr(feature = "openapi", schema(example = "2026-03-20", max_length = 10))]
    pub to: NaiveDate,
    /// Days of the week, ISO numbers (1 Monday … 7 Sunday).
    #[validate(length(min = 1, max = 7))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 7, example = json!([1, 3])))]
    pub weekdays: Vec<IsoWeekday>,
    /// Start times on each of those days, local time.
    #[validate(length(min = 1, max = 48))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 48, example = json!(["09:00", "09:30"])))]
    pub times: Vec<LocalTime>,
}

/// New slots of a consultation point: one (`starts_at`) or a weekly pattern (`weekly`).
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewSlots {
    /// The consultation point.
    pub point_id: ConsultationPointId,
    /// Length of each slot in minutes.
    #[validate(range(min = 5, max = 480))]
    #[cfg_attr(feature = "openapi", schema(example = 30, minimum = 5, maximum = 480))]
    pub duration_minutes: i32,
    /// Channels each slot offers (among the point's).
    #[validate(length(min = 1, max = 3))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1, max_items = 3))]
    pub channels: Vec<Channel>,
    /// A single slot's start.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "2026-03-10T08:00:00Z", max_length = 40)
    )]
    pub starts_at: Option<DateTime<Utc>>,
    /// A weekly pattern.
    #[serde(default)]
    #[validate(nested)]
    pub weekly: Option<WeeklyPattern>,
}

/// What `POST /api/v1/appointment-slots` made.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlotsCreated {
    /// The new slots, in time order.
    pub created: Vec<SlotDto>,
    /// Starts skipped because the point already had a slot there.
    #[cfg_attr(feature = "openapi", schema(example = 0))]
    pub skipped: i64,
}

paged_query! {
    /// Filters of the free slots.
    #[derive(Clone, Debug, Default, Serialize, Deserialize, Validate)]
    #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
    #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
    pub struct SlotQuery {
        /// The office.
        pub office_id: OfficeId,
        /// Only points handling this topic.
        pub topic_id: Option<TopicId>,
        /// Only slots offering this channel.
        pub channel: Option<Channel>,
        /// From this day (Europe/Rome, default today).
        #[cfg_attr(feature = "openapi", param(example = "2026-03-09", format = Date, max_length = 10))]
        pub from: Option<NaiveDate>,
        /// Up to this day included.
        #[cfg_attr(feature = "openapi", param(example = "2026-03-20", format = Date, max_length = 10))]
        pub to: Option<NaiveDate>,
    }
}

/// One of the three cases that make a request bookable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EligibilityCase {
    /// `a`, `b` or `c` (SPEC §10).
    #[cfg_attr(feature = "openapi", schema(example = "a"))]
    pub case: String,
    /// Stable code (`waiting_over_15_days`, `enabled_by_official`, `conversation_exhausted`).
    #[cfg_attr(feature = "openapi", schema(example = "enabled_by_official"))]
    pub code: String,
    /// Italian description.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Il funzionario ha abilitato la prenotazione di un appuntamento.")
    )]
    pub message: String,
}

/// Whether a request may be booked now (`GET /api/v1/requests/{id}/appointment-eligibility`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Eligibility {
    /// The request.
    pub request_id: RequestId,
    /// Its topic (both requests of one appointment share it).
    pub topic: TopicRef,
    /// Its destination office, whose agenda offers the slots.
    pub office_id: OfficeId,
    /// Whether it may be booked now.
    pub eligible: bool,
    /// The cases that hold (empty when not eligible).
    pub cases: Vec<EligibilityCase>,
    /// Stable code of why not (`not_own_request`, `not_eligible`, `already_booked`).
    pub code: Option<String>,
    /// Italian explanation of why not.
    pub reason: Option<String>,
}

/// A booking.
#[derive(Clone, Debug, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BookAppointment {
    /// The slot.
    pub slot_id: SlotId,
    /// A channel the slot offers.
    pub channel: Channel,
    /// The requests it covers: the booker's own, eligible, same topic (1 or 2).
    #[validate(length(min = 1))]
    #[cfg_attr(feature = "openapi", schema(min_items = 1))]
    pub request_ids: Vec<RequestId>,
    /// Notes for the office (up to 2,000 characters).
    #[serde(default)]
    #[validate(length(max = crate::requests::NOTES_MAX_CHARS))]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub notes: Option<String>,
}

/// A citizen an appointment is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentCitizen {
    /// Codice fiscale.
    #[cfg_attr(feature = "openapi", schema(example = "BNCMRA80A01H501U"))]
    pub codice_fiscale: String,
    /// Surname.
    #[cfg_attr(feature = "openapi", schema(example = "Bianchi"))]
    pub surname: String,
    /// Name.
    #[cfg_attr(feature = "openapi", schema(example = "Mario"))]
    pub name: String,
}

/// A request an appointment covers, briefly.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentRequestRef {
    /// Id.
    pub id: RequestId,
    /// Protocol number.
    #[cfg_attr(feature = "openapi", schema(example = "INPS.7013.02/03/2026.0000002"))]
    pub protocol: String,
}

/// An appointment: what the detail screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppointmentDto {
    /// Id.
    pub id: AppointmentId,
    /// Status.
    pub status: AppointmentStatus,
    /// Italian label of the status.
    #[cfg_attr(feature = "openapi", schema(example = "Prenotato"))]
    pub status_label: String,
    /// The slot.
    pub slot_id: SlotId,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Channel.
    pub channel: Channel,
    /// Italian label of the channel.
    #[cfg_attr(feature = "openapi", schema(example = "Web meeting"))]
    pub channel_label: String,
    /// The office, with its address.
    pub office: OfficeDto,
    /// The consultation point.
    pub point: ConsultationPointRef,
    /// Topic.
    pub topic: TopicRef,
    /// The citizens (none for regional requests).
    pub citizens: Vec<AppointmentCitizen>,
    /// The requests it covers.
    pub requests: Vec<AppointmentRequestRef>,
    /// Notes of the booker.
    pub notes: Option<String>,
    /// Who booked it.
    pub booked_by: PersonRef,
    /// When it was booked.
    pub created_at: DateTime<Utc>,
    /// When it was cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Who cancelled it.
    pub cancelled_by: Option<PersonRef>,
    /// Why the office cancelled it.
    pub cancel_reason: Option<String>,
    /// The caller may cancel it now.
    pub cancel: ActionState,
    /// Web meeting only: whether the room can be joined now (`allowed_from` the day it opens;
    /// `join_opens_at` the exact time).
    pub join: Option<ActionState>,
    /// Web meeting only: from when the room can be joined.
    pub join_opens_at: Option<DateTime<Utc>>,
}

paged_query! {
    /// Filters of the appointments list: the caller's upcoming bookings (patronato), or an
    /// office's (INPS, `office_id`).
    #[derive(Clone, Debug, Default, Serialize, Deserialize, Validate)]
    #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
    #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
    pub struct AppointmentQuery {
        /// INPS: the office's appointments.
        pub office_id: Option<OfficeId>,
        /// Only this status (default `booked`).
        pub status: Option<AppointmentStatus>,
        /// From this day (Europe/Rome, default today).
        #[cfg_attr(feature = "openapi", param(example = "2026-03-09", format = Date, max_length = 10))]
        pub from: Option<NaiveDate>,
        /// Up to this day included.
        #[cfg_attr(feature = "openapi", param(example = "2026-03-20", format = Date, max_length = 10))]
        pub to: Option<NaiveDate>,
    }
}

/// Cancels an appointment: the booker until the start, the office with a reason.
#[derive(Clone, Debug, Default, Serialize, Deserialize, Validate)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelAppointment {
    /// Why (required for the office, 1–1,000 characters).
    #[serde(default)]
    #[validate(length(min = 1, max = 1000))]
    #[cfg_attr(
        feature = "openapi",
        schema(
            example = "Sede chiusa per inventario.",
            min_length = 1,
            max_length = 1000
        )
    )]
    pub reason: Option<String>,
}

/// The web meeting room of an appointment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct JoinLink {
    /// The room's address.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "https://meet.example.it/r/5f0c3a8e2b7d4c1fa9e6d3b0c7a4f1e2")
    )]
    pub url: String,
    /// From when it can be joined.
    pub opens_at: DateTime<Utc>,
    /// Until when.
    pub closes_at: DateTime<Utc>,
}

#[cfg(test)]
#[expect(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_are_iso_numbers_and_times_are_hours_and_minutes() {
        let pattern: WeeklyPattern = serde_json::from_str(
            r#"{"from":"2026-03-09","to":"2026-03-20","weekdays":[1,7],"times":["09:00","14:30:00"]}"#,
        )
        .unwrap();
        assert_eq!(
            pattern.weekdays,
            [IsoWeekday(Weekday::Mon), IsoWeekday(Weekday::Sun)]
        );
        assert_eq!(
            pattern.times[1].0,
            NaiveTime::from_hms_opt(14, 30, 0).unwrap()
        );
        assert_eq!(serde_json::to_string(&pattern.weekdays).unwrap(), "[1,7]");
        assert!(serde_json::from_str::<IsoWeekday>("0").is_err());
        assert!(serde_json::from_str::<IsoWeekday>("8").is_err());
    }
}
