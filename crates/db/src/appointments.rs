//! The agenda of an INPS office (consultation points and their slots) and the appointments
//! booked into it.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use domain::appointments::slot_end;
use domain::enums::{AppointmentStatus, Channel};
use domain::ids::{
    AppointmentId, ConsultationPointId, OfficeId, RequestId, SlotId, TopicId, UserId,
};

use crate::schema::{
    appointment_requests, appointment_slots, appointments, consultation_point_topics,
    consultation_points, request_figures,
};
use crate::{AnyConnection, DbError};

/// Channels are stored as their codes, comma-separated, in a fixed order.
fn channels_text(channels: &[Channel]) -> String {
    Channel::ALL
        .iter()
        .filter(|c| channels.contains(c))
        .map(Channel::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_channels(text: &str) -> Vec<Channel> {
    text.split(',').filter_map(|c| c.parse().ok()).collect()
}

/// A consultation point (*punto di consulenza*) of an office.
#[derive(Debug, Clone)]
pub struct Point {
    /// Row id.
    pub id: ConsultationPointId,
    /// Its office.
    pub office_id: OfficeId,
    /// Name ("Sportello pensioni").
    pub name: String,
    /// The topics it handles.
    pub topics: Vec<TopicId>,
    /// The channels it offers.
    pub channels: Vec<Channel>,
    /// Whether it takes bookings.
    pub active: bool,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = consultation_points)]
struct PointRow {
    id: ConsultationPointId,
    office_id: OfficeId,
    name: String,
    channels: String,
    active: bool,
}

fn with_topics(conn: &mut AnyConnection, rows: Vec<PointRow>) -> Result<Vec<Point>, DbError> {
    let ids: Vec<ConsultationPointId> = rows.iter().map(|r| r.id).collect();
    let links: Vec<(ConsultationPointId, TopicId)> = consultation_point_topics::table
        .filter(consultation_point_topics::point_id.eq_any(&ids))
        .order(consultation_point_topics::topic_id.asc())
        .select((
            consultation_point_topics::point_id,
            consultation_point_topics::topic_id,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| Point {
            id: row.id,
            office_id: row.office_id,
            name: row.name,
            topics: links
                .iter()
                .filter(|(point, _)| *point == row.id)
                .map(|(_, topic)| *topic)
                .collect(),
            channels: parse_channels(&row.channels),
            active: row.active,
        })
        .collect())
}

/// Adds a consultation point to `office`.
pub fn insert_point(
    conn: &mut AnyConnection,
    office: OfficeId,
    name: &str,
    topics: &[TopicId],
    channels: &[Channel],
    now: NaiveDateTime,
) -> Result<ConsultationPointId, DbError> {
    let id = diesel::insert_into(consultation_points::table)
        .values((
            consultation_points::office_id.eq(office),
            consultation_points::name.eq(name),
            consultation_points::channels.eq(channels_text(channels)),
            consultation_points::active.eq(true),
            consultation_points::created_at.eq(now),
        ))
        .returning(consultation_points::id)
        .get_result(conn)?;
    let mut topics = topics.to_vec();
    topics.sort();
    topics.dedup();
    // One row per statement: diesel's multi-backend connection has no batch insert.
    for topic in topics {
        diesel::insert_into(consultation_point_topics::table)
            .values((
                consultation_point_topics::point_id.eq(id),
                consultation_point_topics::topic_id.eq(topic),
            ))
            .execute(conn)?;
    }
    Ok(id)
}

/// The consultation points of `office`, by name.
pub fn points_of(conn: &mut AnyConnection, office: OfficeId) -> Result<Vec<Point>, DbError> {
    let rows = consultation_points::table
        .filter(consultation_points::office_id.eq(office))
        .order((
            consultation_points::name.asc(),
            consultation_points::id.asc(),
        ))
        .select(PointRow::as_select())
        .load(conn)?;
    with_topics(conn, rows)
}

/// One consultation point.
pub fn get_point(
    conn: &mut AnyConnection,
    id: ConsultationPointId,
) -> Result<Option<Point>, DbError> {
    let rows = consultation_points::table
        .filter(consultation_points::id.eq(id))
        .select(PointRow::as_select())
        .load(conn)?;
    Ok(with_topics(conn, rows)?.pop())
}

/// A slot of the agenda.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Row id.
    pub id: SlotId,
    /// Its office.
    pub office_id: OfficeId,
    /// Its consultation point.
    pub point_id: ConsultationPointId,
    /// The point's name.
    pub point_name: String,
    /// Start (UTC).
    pub starts_at: NaiveDateTime,
    /// Length in minutes.
    pub duration_minutes: i32,
    /// End (UTC), as stored with the slot.
    pub ends_at: NaiveDateTime,
    /// Channels offered.
    pub channels: Vec<Channel>,
    /// Whether a booking holds it.
    pub booked: bool,
}

type SlotRow = (
    SlotId,
    OfficeId,
    ConsultationPointId,
    String,
    NaiveDateTime,
    i32,
    NaiveDateTime,
    String,
);

/// The columns of a [`SlotRow`] (the slot joined with its consultation point).
macro_rules! slot_columns {
    () => {
        (
            appointment_slots::id,
            appointment_slots::office_id,
            appointment_slots::point_id,
            consultation_points::name,
            appointment_slots::starts_at,
            appointment_slots::duration_minutes,
            appointment_slots::ends_at,
            appointment_slots::channels,
        )
    };
}

fn slot_of(row: SlotRow, booked: bool) -> Slot {
    let (id, office_id, point_id, point_name, starts_at, duration_minutes, ends_at, channels) = row;
    Slot {
        id,
        office_id,
        point_id,
        point_name,
        starts_at,
        duration_minutes,
        ends_at,
        channels: parse_channels(&channels),
        booked,
    }
}

macro_rules! slot_query {
    () => {
        appointment_slots::table
            .inner_join(consultation_points::table)
            .select(slot_columns!())
    };
}

/// The slots a new set would add: the starts `point` has no slot at yet.
pub struct NewSlots<'a> {
    /// Office.
    pub office: OfficeId,
    /// Consultation point.
    pub point: ConsultationPointId,
    /// Length in minutes.
    pub duration_minutes: i32,
    /// Channels offered.
    pub channels: &'a [Channel],
    /// Who publishes them.
    pub created_by: UserId,
    /// When.
    pub now: NaiveDateTime,
}

/// Publishes a slot at each of `starts` the point has none at yet; returns the new slots and how
/// many starts were skipped because a slot exists there.
pub fn insert_slots(
    conn: &mut AnyConnection,
    new: &NewSlots<'_>,
    starts: &[NaiveDateTime],
) -> Result<(Vec<Slot>, usize), DbError> {
    let existing: Vec<NaiveDateTime> = appointment_slots::table
        .filter(appointment_slots::point_id.eq(new.point))
        .filter(appointment_slots::starts_at.eq_any(starts))
        .select(appointment_slots::starts_at)
        .load(conn)?;
    let fresh: Vec<NaiveDateTime> = starts
        .iter()
        .copied()
        .filter(|s| !existing.contains(s))
        .collect();
    let channels = channels_text(new.channels);
    for start in &fresh {
        diesel::insert_into(appointment_slots::table)
            .values((
                appointment_slots::office_id.eq(new.office),
                appointment_slots::point_id.eq(new.point),
                appointment_slots::starts_at.eq(*start),
                appointment_slots::duration_minutes.eq(new.duration_minutes),
                appointment_slots::ends_at.eq(slot_end(
                    start.and_utc(),
                    i64::from(new.duration_minutes),
                )
                .naive_utc()),
                appointment_slots::channels.eq(&channels),
                appointment_slots::created_by.eq(new.created_by),
                appointment_slots::created_at.eq(new.now),
            ))
            .execute(conn)?;
    }
    let created = slot_query!()
        .filter(appointment_slots::point_id.eq(new.point))
        .filter(appointment_slots::starts_at.eq_any(&fresh))
        .order(appointment_slots::starts_at.asc())
        .load::<SlotRow>(conn)?
        .into_iter()
        .map(|row| slot_of(row, false))
        .collect();
    Ok((created, starts.len() - fresh.len()))
}

/// Ids of the slots a booking holds.
fn held_slot_ids(conn: &mut AnyConnection, ids: &[SlotId]) -> Result<Vec<SlotId>, DbError> {
    Ok(appointments::table
        .filter(appointments::status.eq(AppointmentStatus::Booked))
        .filter(appointments::slot_id.eq_any(ids))
        .select(appointments::slot_id)
        .load(conn)?)
}

/// One slot.
pub fn get_slot(conn: &mut AnyConnection, id: SlotId) -> Result<Option<Slot>, DbError> {
    let row: Option<SlotRow> = slot_query!()
        .filter(appointment_slots::id.eq(id))
        .first(conn)
        .optional()?;
    let booked = !held_slot_ids(conn, &[id])?.is_empty();
    Ok(row.map(|row| slot_of(row, booked)))
}

/// Which free slots to list.
#[derive(Debug, Clone)]
pub struct FreeSlots {
    /// Office.
    pub office: OfficeId,
    /// Only points handling this topic.
    pub topic: Option<TopicId>,
    /// Only slots offering this channel.
    pub channel: Option<Channel>,
    /// Starting after this instant.
    pub after: NaiveDateTime,
    /// Starting before this instant.
    pub before: Option<NaiveDateTime>,
    /// At most this many.
    pub limit: i64,
}

/// Free slots of active points, earliest first.
pub fn free_slots(conn: &mut AnyConnection, filter: &FreeSlots) -> Result<Vec<Slot>, DbError> {
    let mut query = slot_query!()
        .filter(appointment_slots::office_id.eq(filter.office))
        .filter(consultation_points::active.eq(true))
        .filter(appointment_slots::starts_at.gt(filter.after))
        .filter(
            appointment_slots::id.ne_all(
                appointments::table
                    .filter(appointments::status.eq(AppointmentStatus::Booked))
                    .select(appointments::slot_id),
            ),
        )
        .order((
            appointment_slots::starts_at.asc(),
            appointment_slots::id.asc(),
        ))
        .limit(filter.limit)
        .into_boxed();
    if let Some(before) = filter.before {
        query = query.filter(appointment_slots::starts_at.lt(before));
    }
    if let Some(topic) = filter.topic {
        query = query.filter(
            appointment_slots::point_id.eq_any(
                consultation_point_topics::table
                    .filter(consultation_point_topics::topic_id.eq(topic))
                    .select(consultation_point_topics::point_id),
            ),
        );
    }
    if let Some(channel) = filter.channel {
        query = query.filter(appointment_slots::channels.like(format!("%{}%", channel.as_str())));
    }
    Ok(query
        .load::<SlotRow>(conn)?
        .into_iter()
        .map(|row| slot_of(row, false))
        .collect())
}

/// A booking.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = appointments)]
pub struct Appointment {
    /// Row id.
    pub id: AppointmentId,
    /// The slot it holds.
    pub slot_id: SlotId,
    /// Who booked it.
    pub booked_by: UserId,
    /// How it takes place.
    pub channel: Channel,
    /// Topic of its requests.
    pub topic_id: TopicId,
    /// The booker's notes.
    pub notes: Option<String>,
    /// Stored status (a booking whose end has passed is shown as done).
    pub status: AppointmentStatus,
    /// Web meeting room.
    pub room_url: Option<String>,
    /// When it was booked.
    pub created_at: NaiveDateTime,
    /// When it was cancelled.
    pub cancelled_at: Option<NaiveDateTime>,
    /// Who cancelled it.
    pub cancelled_by: Option<UserId>,
    /// The office's reason.
    pub cancel_reason: Option<String>,
}

/// A booking to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = appointments)]
pub struct NewAppointment {
    /// The slot.
    pub slot_id: SlotId,
    /// The booker.
    pub booked_by: UserId,
    /// The channel.
    pub channel: Channel,
    /// The topic.
    pub topic_id: TopicId,
    /// Notes.
    pub notes: Option<String>,
    /// Always booked.
    pub status: AppointmentStatus,
    /// Web meeting room.
    pub room_url: Option<String>,
    /// Now.
    pub created_at: NaiveDateTime,
}

/// Why a booking could not be stored.
#[derive(Debug, thiserror::Error)]
pub enum BookingConflict {
    /// Another booking holds the slot.
    #[error("the slot is booked")]
    SlotTaken,
    /// A request has an active appointment already.
    #[error("a request is booked")]
    RequestBooked,
    /// Anything else.
    #[error(transparent)]
    Db(#[from] DbError),
}

fn unique_violation(error: &diesel::result::Error) -> bool {
    matches!(
        error,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

/// Stores a booking of `requests`. The partial unique indexes decide concurrent bookings: of
/// two for one slot (or one request), the second fails here.
pub fn book(
    conn: &mut AnyConnection,
    new: &NewAppointment,
    requests: &[RequestId],
) -> Result<AppointmentId, BookingConflict> {
    let id = diesel::insert_into(appointments::table)
        .values(new)
        .returning(appointments::id)
        .get_result(conn)
        .map_err(|e| {
            if unique_violation(&e) {
                BookingConflict::SlotTaken
            } else {
                BookingConflict::Db(e.into())
            }
        })?;
    for request in requests {
        diesel::insert_into(appointment_requests::table)
            .values((
                appointment_requests::appointment_id.eq(id),
                appointment_requests::request_id.eq(request),
                appointment_requests::active.eq(true),
            ))
            .execute(conn)
            .map_err(|e| {
                if unique_violation(&e) {
                    BookingConflict::RequestBooked
                } else {
                    BookingConflict::Db(e.into())
                }
            })?;
    }
    set_booked(conn, requests, true)?;
    Ok(id)
}

/// Keeps `requests.appointment_booked` (read by the statistics and the detail) in step with the
/// active bookings.
fn set_booked(
    conn: &mut AnyConnection,
    requests: &[RequestId],
    booked: bool,
) -> Result<(), DbError> {
    diesel::update(request_figures::table.filter(request_figures::id.eq_any(requests)))
        .set(request_figures::appointment_booked.eq(booked))
        .execute(conn)?;
    Ok(())
}

/// Whether `request` has an active appointment.
pub fn has_active_appointment(
    conn: &mut AnyConnection,
    request: RequestId,
) -> Result<bool, DbError> {
    Ok(diesel::select(diesel::dsl::exists(
        appointment_requests::table
            .filter(appointment_requests::request_id.eq(request))
            .filter(appointment_requests::active.eq(true)),
    ))
    .get_result(conn)?)
}

/// One booking.
pub fn get_appointment(
    conn: &mut AnyConnection,
    id: AppointmentId,
) -> Result<Option<Appointment>, DbError> {
    Ok(appointments::table
        .filter(appointments::id.eq(id))
        .select(Appointment::as_select())
        .first(conn)
        .optional()?)
}

/// The requests a booking covers, in the order they were named.
pub fn requests_of(conn: &mut AnyConnection, id: AppointmentId) -> Result<Vec<RequestId>, DbError> {
    Ok(appointment_requests::table
        .filter(appointment_requests::appointment_id.eq(id))
        .order(appointment_requests::request_id.asc())
        .select(appointment_requests::request_id)
        .load(conn)?)
}

/// Which bookings to list.
#[derive(Debug, Clone)]
pub struct Bookings {
    /// Booked by this user.
    pub booked_by: Option<UserId>,
    /// In this office's agenda.
    pub office: Option<OfficeId>,
    /// With this stored status.
    pub status: AppointmentStatus,
    /// Ending after this instant.
    pub ends_after: Option<NaiveDateTime>,
    /// Ended at or before this instant.
    pub ended_by: Option<NaiveDateTime>,
    /// Starting before this instant.
    pub starts_before: Option<NaiveDateTime>,
    /// Starting at or after this instant.
    pub starts_from: Option<NaiveDateTime>,
}

/// Bookings with their slot, earliest first.
pub fn list(
    conn: &mut AnyConnection,
    filter: &Bookings,
    limit: i64,
) -> Result<Vec<(Appointment, Slot)>, DbError> {
    let mut query = appointments::table
        .inner_join(appointment_slots::table.inner_join(consultation_points::table))
        .select((Appointment::as_select(), slot_columns!()))
        .filter(appointments::status.eq(filter.status))
        .order((appointment_slots::starts_at.asc(), appointments::id.asc()))
        .limit(limit)
        .into_boxed();
    if let Some(user) = filter.booked_by {
        query = query.filter(appointments::booked_by.eq(user));
    }
    if let Some(office) = filter.office {
        query = query.filter(appointment_slots::office_id.eq(office));
    }
    if let Some(from) = filter.starts_from {
        query = query.filter(appointment_slots::starts_at.ge(from));
    }
    if let Some(before) = filter.starts_before {
        query = query.filter(appointment_slots::starts_at.lt(before));
    }
    if let Some(after) = filter.ends_after {
        query = query.filter(appointment_slots::ends_at.gt(after));
    }
    if let Some(by) = filter.ended_by {
        query = query.filter(appointment_slots::ends_at.le(by));
    }
    let rows: Vec<(Appointment, SlotRow)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(appointment, slot)| {
            let booked = appointment.status == AppointmentStatus::Booked;
            (appointment, slot_of(slot, booked))
        })
        .collect())
}

/// Cancels a booking: the slot is free again and its requests may be booked again.
pub fn cancel(
    conn: &mut AnyConnection,
    id: AppointmentId,
    by: UserId,
    reason: Option<&str>,
    now: NaiveDateTime,
) -> Result<(), DbError> {
    diesel::update(appointments::table.filter(appointments::id.eq(id)))
        .set((
            appointments::status.eq(AppointmentStatus::Cancelled),
            appointments::cancelled_at.eq(now),
            appointments::cancelled_by.eq(by),
            appointments::cancel_reason.eq(reason),
        ))
        .execute(conn)?;
    let freed: Vec<RequestId> = diesel::update(
        appointment_requests::table
            .filter(appointment_requests::appointment_id.eq(id))
            .filter(appointment_requests::active.eq(true)),
    )
    .set(appointment_requests::active.eq(false))
    .returning(appointment_requests::request_id)
    .get_results(conn)?;
    set_booked(conn, &freed, false)?;
    Ok(())
}
