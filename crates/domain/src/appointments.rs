//! Appointments (RULES.md R10): which requests may be booked together, into which slot and by
//! which channel, when a booking may be cancelled, and when the web meeting opens.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc, Weekday};

use crate::calendar::ROME;
use crate::enums::{AppointmentStatus, Channel};
use crate::ids::{OfficeId, TopicId};
use crate::lifecycle::EligibilityReason;

/// Requests one appointment may cover (so at most two citizens).
pub const MAX_REQUESTS: usize = 2;
/// Minutes before the start from which the web meeting can be joined.
pub const JOIN_EARLY_MINUTES: i64 = 15;

/// A request offered for booking, as the booking rule sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Its topic.
    pub topic: TopicId,
    /// Its destination office, whose agenda it is booked in.
    pub office: OfficeId,
    /// Whether the booker sent it.
    pub own: bool,
    /// Why it is eligible now; empty when it is not.
    pub reasons: Vec<EligibilityReason>,
    /// Whether it already has an active appointment.
    pub booked: bool,
}

/// The slot asked for, as the booking rule sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// The office whose agenda it belongs to.
    pub office: OfficeId,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// Its length.
    pub minutes: i64,
    /// The channels it offers.
    pub channels: Vec<Channel>,
    /// The topics its consultation point handles.
    pub topics: Vec<TopicId>,
    /// Whether a booking holds it already.
    pub booked: bool,
}

impl Candidate {
    /// Whether this request may be booked now: the booker's own, eligible by one of the three
    /// cases, and without an active appointment. The request detail's allowed action, the
    /// eligibility endpoint and the booking all ask this.
    pub fn check(&self) -> Result<(), Refusal> {
        if !self.own {
            Err(Refusal::NotOwn)
        } else if self.reasons.is_empty() {
            Err(Refusal::NotEligible)
        } else if self.booked {
            Err(Refusal::AlreadyBooked)
        } else {
            Ok(())
        }
    }
}

impl Slot {
    /// When it ends.
    pub fn ends_at(&self) -> DateTime<Utc> {
        slot_end(self.starts_at, self.minutes)
    }
}

/// When a slot starting at `starts_at` and lasting `minutes` ends.
pub fn slot_end(starts_at: DateTime<Utc>, minutes: i64) -> DateTime<Utc> {
    starts_at + Duration::minutes(minutes)
}

/// Why a booking is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No request, or more than [`MAX_REQUESTS`].
    RequestCount,
    /// A request of someone else (*solo per le proprie richieste*).
    NotOwn,
    /// A request none of the three cases makes eligible.
    NotEligible,
    /// The requests are about different topics.
    DifferentTopics,
    /// The slot belongs to another office's agenda than the request's destination.
    OtherOffice,
    /// The slot's consultation point does not handle the topic.
    TopicNotHandled,
    /// The slot does not offer this channel.
    ChannelNotOffered,
    /// The slot has started already.
    SlotPast,
    /// A request already has an active appointment.
    AlreadyBooked,
    /// The appointment has started: the booker can no longer cancel it.
    CancelTooLate,
    /// The web meeting is not open now.
    JoinClosed {
        /// When it opens (or opened).
        opens_at: DateTime<Utc>,
        /// When it closes.
        closes_at: DateTime<Utc>,
    },
    /// Only web meetings have a room.
    NotWebMeeting,
    /// Someone else booked the slot first.
    SlotTaken,
    /// The appointment is cancelled or over: nothing more to do with it.
    NotActive,
    /// The office cancels only with a reason for the booker.
    ReasonRequired,
}

impl Refusal {
    /// Stable API code.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::RequestCount => "appointment_request_count",
            Refusal::NotOwn => "own_requests_only",
            Refusal::NotEligible => "not_eligible",
            Refusal::DifferentTopics => "different_topics",
            Refusal::OtherOffice => "other_office",
            Refusal::TopicNotHandled => "topic_not_handled",
            Refusal::ChannelNotOffered => "channel_not_offered",
            Refusal::SlotPast => "slot_past",
            Refusal::AlreadyBooked => "request_already_booked",
            Refusal::CancelTooLate => "cancel_too_late",
            Refusal::JoinClosed { .. } => "web_meeting_not_open",
            Refusal::NotWebMeeting => "not_web_meeting",
            Refusal::SlotTaken => "slot_taken",
            Refusal::NotActive => "appointment_not_active",
            Refusal::ReasonRequired => "cancel_reason_required",
        }
    }

    /// Italian message for the operator.
    pub fn message_it(&self) -> String {
        let rome = |t: &DateTime<Utc>| t.with_timezone(&ROME).format("%d/%m/%Y %H:%M").to_string();
        match self {
            Refusal::RequestCount => {
                format!("Un appuntamento riguarda una richiesta o al massimo {MAX_REQUESTS}.")
            }
            Refusal::NotOwn => {
                "È possibile prenotare un appuntamento solo per le proprie richieste".into()
            }
            Refusal::NotEligible => crate::lifecycle::not_eligible_message(),
            Refusal::DifferentTopics => {
                "Le richieste di un appuntamento devono avere lo stesso argomento.".into()
            }
            Refusal::OtherOffice => {
                "L'orario scelto è nell'agenda di un'altra sede: scegliere un orario della sede \
                 di destinazione della richiesta."
                    .into()
            }
            Refusal::TopicNotHandled => {
                "Il punto di consulenza di questa disponibilità non tratta l'argomento.".into()
            }
            Refusal::ChannelNotOffered => {
                "La modalità scelta non è disponibile per questo orario.".into()
            }
            Refusal::SlotPast => "L'orario scelto è già passato.".into(),
            Refusal::AlreadyBooked => {
                "Per la richiesta esiste già un appuntamento prenotato.".into()
            }
            Refusal::CancelTooLate => {
                "L'appuntamento è già iniziato: non può più essere annullato.".into()
            }
            Refusal::JoinClosed {
                opens_at,
                closes_at,
            } => format!(
                "Il web meeting è accessibile dalle {} alle {}.",
                rome(opens_at),
                rome(closes_at)
            ),
            Refusal::NotWebMeeting => "L'appuntamento non si svolge in web meeting.".into(),
            Refusal::SlotTaken => {
                "L'orario scelto è stato appena prenotato: sceglierne un altro.".into()
            }
            Refusal::NotActive => "L'appuntamento è annullato o già svolto.".into(),
            Refusal::ReasonRequired => {
                "Indicare il motivo dell'annullamento: viene comunicato a chi ha prenotato.".into()
            }
        }
    }
}

/// Whether `requests` may be booked into `slot` by `channel` at `now`: one or two requests,
/// all the booker's own, all eligible and not booked yet, about the same topic, which the slot's
/// consultation point handles; a channel the slot offers; a free slot still to come.
pub fn check_booking(
    requests: &[Candidate],
    slot: &Slot,
    channel: Channel,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if requests.is_empty() || requests.len() > MAX_REQUESTS {
        return Err(Refusal::RequestCount);
    }
    // Checked first: of two operators racing for a slot, the second learns that it is gone.
    if slot.booked {
        return Err(Refusal::SlotTaken);
    }
    for request in requests {
        request.check()?;
    }
    let topic = requests[0].topic;
    if requests.iter().any(|r| r.topic != topic) {
        return Err(Refusal::DifferentTopics);
    }
    if requests.iter().any(|r| r.office != slot.office) {
        return Err(Refusal::OtherOffice);
    }
    if !slot.topics.contains(&topic) {
        return Err(Refusal::TopicNotHandled);
    }
    if !slot.channels.contains(&channel) {
        return Err(Refusal::ChannelNotOffered);
    }
    if slot.starts_at <= now {
        return Err(Refusal::SlotPast);
    }
    Ok(())
}

/// Where an appointment stands at `now`: a booking whose end has passed took place.
pub fn status_at(
    stored: AppointmentStatus,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> AppointmentStatus {
    match stored {
        AppointmentStatus::Booked if ends_at <= now => AppointmentStatus::Done,
        other => other,
    }
}

/// The stored bookings that stand as one status at an instant: the inverse of [`status_at`],
/// so that a list asks the database for exactly the bookings it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredAs {
    /// Their stored status.
    pub stored: AppointmentStatus,
    /// Only those ending after this instant.
    pub ends_after: Option<DateTime<Utc>>,
    /// Only those ended at or before this instant.
    pub ended_by: Option<DateTime<Utc>>,
}

/// Which stored bookings [`status_at`] shows as `shown` at `now`.
pub fn stored_as(shown: AppointmentStatus, now: DateTime<Utc>) -> StoredAs {
    let (stored, ends_after, ended_by) = match shown {
        AppointmentStatus::Booked => (AppointmentStatus::Booked, Some(now), None),
        AppointmentStatus::Done => (AppointmentStatus::Booked, None, Some(now)),
        AppointmentStatus::Cancelled => (AppointmentStatus::Cancelled, None, None),
    };
    StoredAs {
        stored,
        ends_after,
        ended_by,
    }
}

/// Whether the booker may still cancel an appointment: a booked one, until its start.
pub fn check_booker_cancel(
    status: AppointmentStatus,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if status != AppointmentStatus::Booked {
        Err(Refusal::NotActive)
    } else if now < starts_at {
        Ok(())
    } else {
        Err(Refusal::CancelTooLate)
    }
}

/// Whether the office may cancel an appointment: a booked one that has not ended.
pub fn check_office_cancel(
    status: AppointmentStatus,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), Refusal> {
    if status_at(status, ends_at, now) == AppointmentStatus::Booked {
        Ok(())
    } else {
        Err(Refusal::NotActive)
    }
}

/// The office tells the booker why it cancels: a reason that is not blank.
pub fn check_office_reason(reason: Option<&str>) -> Result<(), Refusal> {
    if reason.is_some_and(|r| !r.trim().is_empty()) {
        Ok(())
    } else {
        Err(Refusal::ReasonRequired)
    }
}

/// Whether the web meeting of `slot` can be joined at `now`: from [`JOIN_EARLY_MINUTES`]
/// before the start until the end.
pub fn check_join(slot: &Slot, channel: Channel, now: DateTime<Utc>) -> Result<(), Refusal> {
    if channel != Channel::WebMeeting {
        return Err(Refusal::NotWebMeeting);
    }
    let opens_at = slot.starts_at - Duration::minutes(JOIN_EARLY_MINUTES);
    let closes_at = slot.ends_at();
    if (opens_at..=closes_at).contains(&now) {
        Ok(())
    } else {
        Err(Refusal::JoinClosed {
            opens_at,
            closes_at,
        })
    }
}

/// The start times of a weekly pattern over a date range (inclusive): on each listed weekday,
/// at each listed Rome local time. A local time that a daylight-saving change skips is left
/// out; one it repeats counts once (the earlier instant).
pub fn weekly_starts(
    from: NaiveDate,
    to: NaiveDate,
    weekdays: &[Weekday],
    times: &[NaiveTime],
) -> Vec<DateTime<Utc>> {
    use chrono::{Datelike, TimeZone};
    let mut starts = Vec::new();
    for day in from.iter_days().take_while(|d| *d <= to) {
        if !weekdays.contains(&day.weekday()) {
            continue;
        }
        for time in times {
            if let Some(at) = ROME.from_local_datetime(&day.and_time(*time)).earliest() {
                starts.push(at.with_timezone(&Utc));
            }
        }
    }
    starts.sort();
    starts.dedup();
    starts
}

#[cfg(test)]
#[expect(clippy::unwrap_used)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 20, h, m, 0).unwrap()
    }

    fn eligible(topic: i64) -> Candidate {
        Candidate {
            topic: TopicId(topic),
            office: OfficeId(3),
            own: true,
            reasons: vec![EligibilityReason::EnabledByOfficial],
            booked: false,
        }
    }

    fn slot() -> Slot {
        Slot {
            office: OfficeId(3),
            starts_at: at(9, 0),
            minutes: 30,
            channels: vec![Channel::InPerson, Channel::WebMeeting],
            topics: vec![TopicId(7)],
            booked: false,
        }
    }

    #[test]
    fn a_list_of_one_status_asks_for_the_stored_bookings_that_stand_as_it() {
        let now = at(9, 30);
        let ends = [at(9, 29), at(9, 30), at(9, 31)];
        let stored = [AppointmentStatus::Booked, AppointmentStatus::Cancelled];
        for shown in [
            AppointmentStatus::Booked,
            AppointmentStatus::Done,
            AppointmentStatus::Cancelled,
        ] {
            let asked = stored_as(shown, now);
            for (stored, ends_at) in stored.iter().flat_map(|s| ends.map(|e| (*s, e))) {
                let selected = stored == asked.stored
                    && asked.ends_after.is_none_or(|t| ends_at > t)
                    && asked.ended_by.is_none_or(|t| ends_at <= t);
                assert_eq!(
                    selected,
                    status_at(stored, ends_at, now) == shown,
                    "{shown:?}: {stored:?} ending {ends_at}"
                );
            }
        }
    }

    #[test]
    fn one_or_two_own_eligible_requests_on_a_topic_the_point_handles() {
        let now = at(8, 0);
        let web = Channel::WebMeeting;
        assert_eq!(check_booking(&[eligible(7)], &slot(), web, now), Ok(()));
        assert_eq!(
            check_booking(&[eligible(7), eligible(7)], &slot(), web, now),
            Ok(())
        );
        assert_eq!(
            check_booking(&[], &slot(), web, now),
            Err(Refusal::RequestCount)
        );
        let three = [eligible(7), eligible(7), eligible(7)];
        assert_eq!(
            check_booking(&three, &slot(), web, now),
            Err(Refusal::RequestCount)
        );
        let other = Candidate {
            own: false,
            ..eligible(7)
        };
        assert_eq!(
            check_booking(&[other], &slot(), web, now),
            Err(Refusal::NotOwn)
        );
        let waiting = Candidate {
            reasons: vec![],
            ..eligible(7)
        };
        assert_eq!(
            check_booking(&[waiting], &slot(), web, now),
            Err(Refusal::NotEligible)
        );
        let booked = Candidate {
            booked: true,
            ..eligible(7)
        };
        assert_eq!(
            check_booking(&[booked], &slot(), web, now),
            Err(Refusal::AlreadyBooked)
        );
        assert_eq!(
            check_booking(&[eligible(7), eligible(8)], &slot(), web, now),
            Err(Refusal::DifferentTopics)
        );
        assert_eq!(
            check_booking(&[eligible(8)], &slot(), web, now),
            Err(Refusal::TopicNotHandled)
        );
        let elsewhere = Candidate {
            office: OfficeId(4),
            ..eligible(7)
        };
        assert_eq!(
            check_booking(&[elsewhere], &slot(), web, now),
            Err(Refusal::OtherOffice)
        );
        assert_eq!(
            check_booking(&[eligible(7)], &slot(), Channel::Phone, now),
            Err(Refusal::ChannelNotOffered)
        );
        assert_eq!(
            check_booking(&[eligible(7)], &slot(), web, at(9, 0)),
            Err(Refusal::SlotPast)
        );
        let taken = Slot {
            booked: true,
            ..slot()
        };
        assert_eq!(
            check_booking(&[eligible(7)], &taken, web, now),
            Err(Refusal::SlotTaken)
        );
    }

    #[test]
    fn the_web_meeting_opens_15_minutes_before_the_start_until_the_end() {
        let web = Channel::WebMeeting;
        let closed = check_join(&slot(), web, at(8, 44));
        assert!(
            matches!(closed, Err(Refusal::JoinClosed { opens_at, .. }) if opens_at == at(8, 45))
        );
        assert_eq!(check_join(&slot(), web, at(8, 45)), Ok(()));
        assert_eq!(check_join(&slot(), web, at(9, 30)), Ok(()));
        assert!(check_join(&slot(), web, at(9, 31)).is_err());
        assert_eq!(
            check_join(&slot(), Channel::Phone, at(9, 0)),
            Err(Refusal::NotWebMeeting)
        );
        let message = Refusal::JoinClosed {
            opens_at: at(8, 45),
            closes_at: at(9, 30),
        }
        .message_it();
        assert!(message.contains("20/03/2026 09:45"), "{message}");
    }

    #[test]
    fn the_booker_cancels_until_the_start() {
        let booked = AppointmentStatus::Booked;
        assert_eq!(check_booker_cancel(booked, at(9, 0), at(8, 59)), Ok(()));
        assert_eq!(
            check_booker_cancel(booked, at(9, 0), at(9, 0)),
            Err(Refusal::CancelTooLate)
        );
        assert_eq!(
            check_booker_cancel(AppointmentStatus::Cancelled, at(9, 0), at(8, 0)),
            Err(Refusal::NotActive)
        );
    }

    #[test]
    fn the_office_cancels_a_booking_not_yet_over_and_says_why() {
        let booked = AppointmentStatus::Booked;
        assert_eq!(check_office_cancel(booked, at(9, 30), at(9, 10)), Ok(()));
        assert_eq!(
            check_office_cancel(booked, at(9, 30), at(9, 30)),
            Err(Refusal::NotActive)
        );
        assert_eq!(check_office_reason(Some("Sede chiusa")), Ok(()));
        assert_eq!(
            check_office_reason(Some("  ")),
            Err(Refusal::ReasonRequired)
        );
        assert_eq!(check_office_reason(None), Err(Refusal::ReasonRequired));
        assert_eq!(
            status_at(booked, at(9, 30), at(9, 30)),
            AppointmentStatus::Done
        );
        assert_eq!(status_at(booked, at(9, 30), at(9, 29)), booked);
    }

    #[test]
    fn a_weekly_pattern_follows_rome_local_time_across_the_clock_change() {
        let day = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        // Fridays 20 and 27 March 2026; summer time starts on Sunday 29 March.
        let starts = weekly_starts(day(3, 16), day(4, 3), &[Weekday::Fri], &[nine]);
        let utc_hours: Vec<u32> = starts.iter().map(chrono::Timelike::hour).collect();
        assert_eq!(starts.len(), 3);
        assert_eq!(
            utc_hours,
            [8, 8, 7],
            "09:00 in Rome is 08:00 UTC in winter, 07:00 in summer"
        );
        let skipped = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        assert!(weekly_starts(day(3, 29), day(3, 29), &[Weekday::Sun], &[skipped]).is_empty());
    }
}
