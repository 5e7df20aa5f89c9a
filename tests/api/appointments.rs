//! The agenda and appointments (RULES.md R10): consultation points and slots, eligibility by
//! case, booking rules, one booking per slot under concurrency, cancellation, the calendar file
//! and the web meeting window.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use client::Client;
use reqwest::StatusCode;
use types::appointments::{
    AppointmentDto, AppointmentQuery, BookAppointment, CancelAppointment, IsoWeekday, LocalTime,
    NewConsultationPoint, NewSlots, SlotDto, SlotQuery, WeeklyPattern,
};
use types::ids::{OfficeId, RequestId, SlotId, TopicId};
use types::page::PageQuery;
use types::requests::{PostMessage, StatisticsQuery};
use types::{AppointmentStatus, Channel, EventKind};

use crate::helpers::*;

/// The official's answer, enabling appointments or not.
fn answer(enable: bool) -> PostMessage {
    PostMessage {
        text: "Risposta dell'Istituto.".into(),
        enable_appointments: Some(enable),
        attachment_ids: Vec::new(),
    }
}

fn follow_up() -> PostMessage {
    PostMessage {
        text: "Ulteriore richiesta di chiarimenti.".into(),
        enable_appointments: None,
        attachment_ids: Vec::new(),
    }
}

/// An instant in Rome on a day of March 2026 (UTC+1).
fn rome(day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour - 1, minute, 0)
        .unwrap()
}

/// The free slots of `office` in March 2026 (the demo agenda lies around the real date).
fn march(office: OfficeId) -> SlotQuery {
    SlotQuery {
        office_id: office,
        to: NaiveDate::from_ymd_opt(2026, 3, 31),
        ..Default::default()
    }
}

/// Moves the test clock (forwards) to `at`.
fn move_clock_to(app: &TestApp, at: DateTime<Utc>) {
    app.clock
        .advance(at - domain::clock::Clock::now(&*app.clock));
}

/// What a booking test needs: an official's agenda with one point and its slots, and an
/// operator's request the official enabled for appointments (case b).
struct Agenda {
    app: TestApp,
    operator: Client,
    official: Client,
    office: OfficeId,
    topic: TopicId,
    request: RequestId,
}

impl Agenda {
    async fn new() -> Agenda {
        let app = TestApp::spawn().await;
        let operator = app.operator().await;
        let official = app.official().await;
        let created = create(&operator, &mario_pension_request(&operator).await).await;
        app.dispatch();
        official
            .send_message(created.id, &answer(true))
            .await
            .unwrap();
        Agenda {
            app,
            operator,
            official,
            office: created.office.id,
            topic: created.topic.id,
            request: created.id,
        }
    }

    /// A consultation point of the office handling the request's topic.
    async fn point(&self, channels: Vec<Channel>) -> types::ids::ConsultationPointId {
        let point = NewConsultationPoint {
            name: "Sportello pensioni".into(),
            topic_ids: vec![self.topic],
            channels,
        };
        let created = self
            .official
            .create_point(self.office, &point)
            .await
            .unwrap();
        assert_eq!(created.status, StatusCode::CREATED);
        created.body.id
    }

    /// One 30-minute slot at `at`, by in-person and web meeting.
    async fn slot(&self, at: DateTime<Utc>) -> SlotDto {
        let point = self
            .point(vec![Channel::InPerson, Channel::WebMeeting])
            .await;
        let slots = NewSlots {
            point_id: point,
            duration_minutes: 30,
            channels: vec![Channel::InPerson, Channel::WebMeeting],
            starts_at: Some(at),
            weekly: None,
        };
        let mut created = self.official.create_slots(&slots).await.unwrap().body;
        created.created.remove(0)
    }

    fn booking(&self, slot: SlotId, channel: Channel) -> BookAppointment {
        BookAppointment {
            slot_id: slot,
            channel,
            request_ids: vec![self.request],
            notes: Some("Portare il documento d'identità.".into()),
        }
    }

    /// An in-person booking of `slot` on the request's topic, as the database stores it.
    fn stored_booking(&self, slot: SlotId) -> db::appointments::NewAppointment {
        db::appointments::NewAppointment {
            slot_id: slot,
            booked_by: types::ids::UserId(1),
            channel: Channel::InPerson,
            topic_id: self.topic,
            notes: None,
            status: AppointmentStatus::Booked,
            room_url: None,
            created_at: start_instant().naive_utc(),
        }
    }

    async fn book(&self, slot: SlotId, channel: Channel) -> AppointmentDto {
        let booked = self
            .operator
            .book_appointment(&self.booking(slot, channel), None)
            .await
            .unwrap();
        assert_eq!(booked.status, StatusCode::CREATED);
        booked.body
    }
}

#[actix_web::test]
async fn officials_publish_points_and_weekly_slots_and_a_second_run_skips_what_exists() {
    let agenda = Agenda::new().await;
    let point = agenda.point(vec![Channel::InPerson, Channel::Phone]).await;
    let listed = agenda
        .operator
        .list_points(agenda.office, &PageQuery::default())
        .await
        .unwrap();
    let ours = listed.items.iter().find(|p| p.id == point).unwrap();
    assert_eq!(ours.topics[0].id, agenda.topic);
    assert_eq!(ours.channels, [Channel::InPerson, Channel::Phone]);

    let times =
        ["09:00", "09:30"].map(|t| LocalTime(NaiveTime::parse_from_str(t, "%H:%M").unwrap()));
    let weekly = NewSlots {
        point_id: point,
        duration_minutes: 30,
        channels: vec![Channel::InPerson],
        starts_at: None,
        weekly: Some(WeeklyPattern {
            from: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            to: NaiveDate::from_ymd_opt(2026, 3, 20).unwrap(),
            weekdays: vec![IsoWeekday(Weekday::Mon), IsoWeekday(Weekday::Wed)],
            times: times.to_vec(),
        }),
    };
    let first = agenda.official.create_slots(&weekly).await.unwrap().body;
    assert_eq!(
        first.created.len(),
        8,
        "Mondays and Wednesdays of two weeks, twice a day"
    );
    assert_eq!(first.skipped, 0);
    assert_eq!(first.created[0].starts_at, rome(9, 9, 0));
    let again = agenda.official.create_slots(&weekly).await.unwrap().body;
    assert_eq!((again.created.len(), again.skipped), (0, 8));

    let phone = SlotQuery {
        channel: Some(Channel::Phone),
        ..march(agenda.office)
    };
    assert!(agenda
        .operator
        .list_slots(&phone)
        .await
        .unwrap()
        .items
        .is_empty());
    let in_person = SlotQuery {
        channel: Some(Channel::InPerson),
        topic_id: Some(agenda.topic),
        from: NaiveDate::from_ymd_opt(2026, 3, 16),
        ..phone
    };
    let free = agenda.operator.list_slots(&in_person).await.unwrap();
    assert_eq!(free.items.len(), 4, "from the 16th on");

    let video = NewSlots {
        channels: vec![Channel::WebMeeting],
        ..weekly.clone()
    };
    assert_problem(
        &agenda.official.create_slots(&video).await.unwrap_err(),
        422,
        "channel_not_offered",
    );
    assert_problem(
        &agenda.operator.create_slots(&weekly).await.unwrap_err(),
        403,
        "agenda_officials_only",
    );
    let both = NewSlots {
        starts_at: Some(rome(9, 9, 0)),
        ..weekly
    };
    assert_problem(
        &agenda.official.create_slots(&both).await.unwrap_err(),
        422,
        "validation_failed",
    );
}

#[actix_web::test]
async fn case_a_a_request_waiting_more_than_15_days_can_be_booked() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = send_mario_pension_request(&operator).await;
    let waiting = operator.show_eligibility(request).await.unwrap();
    assert!(!waiting.eligible);
    assert_eq!(waiting.code.as_deref(), Some("not_eligible"));
    assert!(waiting.cases.is_empty());

    app.clock.advance(Duration::days(15));
    assert!(!operator.show_eligibility(request).await.unwrap().eligible);
    app.clock.advance(Duration::days(1));
    let eligible = operator.show_eligibility(request).await.unwrap();
    assert!(eligible.eligible, "{eligible:?}");
    assert_eq!(eligible.cases[0].case, "a");
    assert_eq!(eligible.cases[0].code, "waiting_over_15_days");
    let detail = operator.show_request(request).await.unwrap();
    assert!(detail.allowed_actions.book_appointment.allowed);
}

#[actix_web::test]
async fn case_b_the_official_enables_appointments_when_answering() {
    let agenda = Agenda::new().await;
    let eligible = agenda
        .operator
        .show_eligibility(agenda.request)
        .await
        .unwrap();
    assert!(eligible.eligible);
    assert_eq!(eligible.cases.len(), 1);
    assert_eq!(eligible.cases[0].case, "b");
    assert_eq!(eligible.office_id, agenda.office);
    assert_eq!(eligible.topic.id, agenda.topic);

    // A colleague reads the request but may not book it.
    let colleague = agenda.app.colleague().await;
    let theirs = colleague.show_eligibility(agenda.request).await.unwrap();
    assert!(!theirs.eligible);
    assert_eq!(theirs.code.as_deref(), Some("own_requests_only"));
    let detail = colleague.show_request(agenda.request).await.unwrap();
    assert_eq!(
        detail.allowed_actions.book_appointment.reason.as_deref(),
        Some("È possibile prenotare un appuntamento solo per le proprie richieste")
    );
}

#[actix_web::test]
async fn case_c_the_conversation_cannot_continue() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let official = app.official().await;
    let request = send_mario_pension_request(&operator).await;
    app.dispatch();
    official
        .send_message(request, &answer(false))
        .await
        .unwrap();
    for _ in 0..2 {
        app.clock.advance(Duration::days(2));
        assert!(!operator.show_eligibility(request).await.unwrap().eligible);
        operator.send_message(request, &follow_up()).await.unwrap();
        app.clock.advance(Duration::days(2));
        official
            .send_message(request, &answer(false))
            .await
            .unwrap();
    }
    let exhausted = operator.show_eligibility(request).await.unwrap();
    assert!(exhausted.eligible, "{exhausted:?}");
    assert_eq!(exhausted.cases[0].case, "c");
    assert_eq!(exhausted.cases[0].code, "conversation_exhausted");
}

#[actix_web::test]
async fn a_booking_names_own_eligible_requests_a_channel_of_the_slot_and_a_slot_to_come() {
    let agenda = Agenda::new().await;
    let slot = agenda.slot(rome(10, 9, 0)).await;
    let operator = &agenda.operator;

    let phone = agenda.booking(slot.id, Channel::Phone);
    let refused = operator.book_appointment(&phone, None).await.unwrap_err();
    assert_problem(&refused, 422, "channel_not_offered");
    let colleague = agenda.app.colleague().await;
    let theirs = agenda.booking(slot.id, Channel::InPerson);
    assert_problem(
        &colleague.book_appointment(&theirs, None).await.unwrap_err(),
        403,
        "own_requests_only",
    );
    let waiting = send_mario_pension_request(operator).await;
    let two = BookAppointment {
        request_ids: vec![agenda.request, waiting],
        ..agenda.booking(slot.id, Channel::InPerson)
    };
    assert_problem(
        &operator.book_appointment(&two, None).await.unwrap_err(),
        409,
        "not_eligible",
    );
    let missing = BookAppointment {
        slot_id: SlotId(999_999),
        ..agenda.booking(slot.id, Channel::InPerson)
    };
    assert_problem(
        &operator.book_appointment(&missing, None).await.unwrap_err(),
        404,
        "slot_not_found",
    );

    let request = agenda.booking(slot.id, Channel::InPerson);
    let booked = operator
        .book_appointment(&request, Some("prenota-1"))
        .await
        .unwrap();
    assert_eq!(booked.status, StatusCode::CREATED);
    let appointment = booked.body;
    assert_eq!(
        booked.location.as_deref(),
        Some(format!("/api/v1/appointments/{}", appointment.id).as_str())
    );
    let replay = operator
        .book_appointment(&request, Some("prenota-1"))
        .await
        .unwrap();
    assert!(replay.replayed);
    assert_eq!(replay.body.id, appointment.id);
    assert_eq!(appointment.status, AppointmentStatus::Booked);
    assert_eq!(appointment.office.id, agenda.office);
    assert_eq!(appointment.point.name, "Sportello pensioni");
    assert_eq!(appointment.citizens[0].codice_fiscale, MARIO_CF);
    assert!(appointment.requests[0].protocol.starts_with("INPS.7013."));
    assert_eq!(
        appointment.notes.as_deref(),
        Some("Portare il documento d'identità.")
    );
    assert!(appointment.cancel.allowed);
    assert_eq!(
        appointment.join, None,
        "no room for an in-person appointment"
    );

    let detail = operator.show_request(agenda.request).await.unwrap();
    assert_eq!(
        detail.allowed_actions.book_appointment.code.as_deref(),
        Some("request_already_booked")
    );
    assert!(detail
        .history
        .iter()
        .any(|e| e.kind == EventKind::AppointmentBooked));
    let upcoming = operator
        .list_appointments(&AppointmentQuery::default())
        .await
        .unwrap();
    assert_eq!(upcoming.items.len(), 1);
    let office = agenda
        .official
        .list_appointments(&AppointmentQuery::default())
        .await
        .unwrap();
    assert_eq!(office.items[0].id, appointment.id);
    let stranger = agenda.app.other_patronato().await;
    assert_problem(
        &stranger.show_appointment(appointment.id).await.unwrap_err(),
        404,
        "appointment_not_found",
    );

    let later = agenda.slot(rome(11, 9, 0)).await;
    let rebooking = agenda.booking(later.id, Channel::InPerson);
    let book_later = || operator.book_appointment(&rebooking, None);
    assert_problem(
        &book_later().await.unwrap_err(),
        409,
        "request_already_booked",
    );
    operator
        .cancel_appointment(appointment.id, &CancelAppointment::default())
        .await
        .unwrap();
    agenda.app.clock.advance(Duration::days(10));
    assert_problem(&book_later().await.unwrap_err(), 409, "slot_past");
}

#[actix_web::test]
async fn a_slot_is_booked_at_most_once_under_100_concurrent_bookings() {
    let agenda = Agenda::new().await;
    let slot = agenda.slot(rome(10, 9, 0)).await;
    let booking = agenda.booking(slot.id, Channel::WebMeeting);
    let started = std::time::Instant::now();
    let attempts = (0..100).map(|_| agenda.operator.book_appointment(&booking, None));
    let results = futures_util::future::join_all(attempts).await;
    let elapsed = started.elapsed();
    let won = results.iter().filter(|r| r.is_ok()).count();
    let taken = results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .filter(|e| assert_problem(e, 409, "slot_taken").status == 409)
        .count();
    println!(
        "booking race on {}: 100 concurrent bookings, {won} booked, {taken} slot_taken, {} ms",
        if on_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        elapsed.as_millis()
    );
    assert_eq!((won, taken), (1, 99));
    // Below the request locks, the slot's unique index refuses a second booking of other
    // requests.
    let other = send_mario_pension_request(&agenda.operator).await;
    let mut conn = agenda.app.pool.get().unwrap();
    let second = agenda.stored_booking(slot.id);
    assert!(matches!(
        db::appointments::book(&mut conn, &second, &[other]),
        Err(db::appointments::BookingConflict::SlotTaken)
    ));
    let free = march(agenda.office);
    assert!(agenda
        .operator
        .list_slots(&free)
        .await
        .unwrap()
        .items
        .is_empty());
}

#[actix_web::test]
async fn the_booker_cancels_until_the_start_and_the_office_cancels_with_a_reason() {
    let agenda = Agenda::new().await;
    let slot = agenda.slot(rome(3, 9, 0)).await;
    let first = agenda.book(slot.id, Channel::InPerson).await;
    let cancelled = agenda
        .operator
        .cancel_appointment(first.id, &CancelAppointment::default())
        .await
        .unwrap();
    assert_eq!(cancelled.status, AppointmentStatus::Cancelled);
    assert_eq!(cancelled.status_label, "Annullato");
    assert!(!cancelled.cancel.allowed);
    let free = march(agenda.office);
    assert_eq!(
        agenda.operator.list_slots(&free).await.unwrap().items.len(),
        1
    );
    assert!(
        agenda
            .operator
            .show_eligibility(agenda.request)
            .await
            .unwrap()
            .eligible
    );

    let second = agenda.book(slot.id, Channel::InPerson).await;
    let silent = agenda
        .official
        .cancel_appointment(second.id, &CancelAppointment::default())
        .await
        .unwrap_err();
    assert_problem(&silent, 422, "cancel_reason_required");
    move_clock_to(&agenda.app, rome(3, 9, 0));
    let too_late = agenda
        .operator
        .cancel_appointment(second.id, &CancelAppointment::default())
        .await
        .unwrap_err();
    assert_problem(&too_late, 409, "cancel_too_late");
    let why = CancelAppointment {
        reason: Some("Sede chiusa per inventario.".into()),
    };
    let by_office = agenda
        .official
        .cancel_appointment(second.id, &why)
        .await
        .unwrap();
    assert_eq!(
        by_office.cancel_reason.as_deref(),
        Some("Sede chiusa per inventario.")
    );
    assert_eq!(by_office.cancelled_by.unwrap().full_name, "Laura Conti");
    let seen = agenda.operator.show_appointment(second.id).await.unwrap();
    assert_eq!(seen.status, AppointmentStatus::Cancelled);
    let history = agenda
        .operator
        .show_request(agenda.request)
        .await
        .unwrap()
        .history;
    let cancellations = history
        .iter()
        .filter(|e| e.kind == EventKind::AppointmentCancelled)
        .count();
    assert_eq!(cancellations, 2);
}

#[actix_web::test]
async fn the_web_meeting_opens_15_minutes_before_the_start_until_the_end() {
    let agenda = Agenda::new().await;
    let start = rome(3, 10, 0);
    let slot = agenda.slot(start).await;
    let appointment = agenda.book(slot.id, Channel::WebMeeting).await;
    assert_eq!(
        appointment.join_opens_at,
        Some(start - Duration::minutes(15))
    );
    let join = || agenda.operator.join_appointment(appointment.id);

    move_clock_to(&agenda.app, start - Duration::minutes(16));
    let early = assert_problem(&join().await.unwrap_err(), 409, "web_meeting_not_open");
    assert_eq!(early.opens_at, Some(start - Duration::minutes(15)));
    assert!(
        early.detail.contains("03/03/2026 09:45"),
        "{}",
        early.detail
    );
    let shown = agenda
        .operator
        .show_appointment(appointment.id)
        .await
        .unwrap();
    assert!(!shown.join.unwrap().allowed);

    move_clock_to(&agenda.app, start - Duration::minutes(15));
    let open = join().await.unwrap();
    assert!(open
        .url
        .starts_with("https://meet.scrivi-alla-sede.inps.it/r/"));
    assert_eq!(
        open.url.len(),
        "https://meet.scrivi-alla-sede.inps.it/r/".len() + 32
    );
    let shown = agenda
        .operator
        .show_appointment(appointment.id)
        .await
        .unwrap();
    assert!(shown.join.unwrap().allowed);

    move_clock_to(&agenda.app, start + Duration::minutes(30));
    assert_eq!(join().await.unwrap().url, open.url);
    assert_eq!(
        agenda
            .official
            .join_appointment(appointment.id)
            .await
            .unwrap()
            .url,
        open.url,
        "the office joins the same room"
    );

    move_clock_to(&agenda.app, start + Duration::minutes(31));
    assert_problem(&join().await.unwrap_err(), 409, "web_meeting_not_open");
    let done = agenda
        .operator
        .show_appointment(appointment.id)
        .await
        .unwrap();
    assert_eq!(done.status, AppointmentStatus::Done);
}

#[actix_web::test]
async fn the_agenda_lists_bookings_to_come_and_under_way_and_done_ones_once_ended() {
    let agenda = Agenda::new().await;
    let start = rome(4, 10, 0);
    let slot = agenda.slot(start).await;
    let booked = agenda.book(slot.id, Channel::InPerson).await;
    let official = &agenda.official;
    let listed = move |status: Option<AppointmentStatus>, from: Option<NaiveDate>| {
        let query = AppointmentQuery {
            status,
            from,
            ..Default::default()
        };
        async move {
            let page = official.list_appointments(&query).await.unwrap();
            page.items
                .iter()
                .map(|a| (a.id, a.status))
                .collect::<Vec<_>>()
        }
    };
    let done = Some(AppointmentStatus::Done);
    let that_day = NaiveDate::from_ymd_opt(2026, 3, 4);

    move_clock_to(&agenda.app, start + Duration::minutes(29));
    assert_eq!(
        listed(None, None).await,
        [(booked.id, AppointmentStatus::Booked)],
        "under way"
    );
    assert_eq!(listed(done, None).await, []);

    move_clock_to(&agenda.app, start + Duration::minutes(30));
    assert_eq!(listed(None, None).await, [], "ended: no longer to come");
    assert_eq!(
        listed(Some(AppointmentStatus::Booked), that_day).await,
        [],
        "not even from its day"
    );
    assert_eq!(
        listed(done, None).await,
        [(booked.id, AppointmentStatus::Done)]
    );
    assert_eq!(listed(Some(AppointmentStatus::Cancelled), None).await, []);
}

#[actix_web::test]
async fn bookings_to_come_are_listed_after_any_number_of_past_ones() {
    let agenda = Agenda::new().await;
    let point = agenda.point(vec![Channel::InPerson]).await;
    // More past bookings than one list loads, written straight to the agenda.
    let mut conn = agenda.app.pool.get().unwrap();
    let past = db::appointments::NewSlots {
        office: agenda.office,
        point,
        duration_minutes: 5,
        channels: &[Channel::InPerson],
        created_by: types::ids::UserId(1),
        now: start_instant().naive_utc(),
    };
    let starts: Vec<_> = (0..600)
        .map(|i| (rome(3, 8, 0) + Duration::minutes(5 * i)).naive_utc())
        .collect();
    let (slots, _) = db::appointments::insert_slots(&mut conn, &past, &starts).unwrap();
    for slot in &slots {
        db::appointments::book(&mut conn, &agenda.stored_booking(slot.id), &[]).unwrap();
    }
    drop(conn);
    let later = agenda.slot(rome(10, 9, 0)).await;
    let to_come = agenda.book(later.id, Channel::InPerson).await;

    move_clock_to(&agenda.app, rome(6, 9, 0));
    let upcoming = agenda
        .official
        .list_appointments(&AppointmentQuery::default())
        .await
        .unwrap();
    let ids: Vec<_> = upcoming.items.iter().map(|a| a.id).collect();
    assert_eq!(ids, [to_come.id]);
}

#[actix_web::test]
async fn the_calendar_file_holds_the_appointment() {
    let agenda = Agenda::new().await;
    let slot = agenda.slot(rome(10, 9, 0)).await;
    let appointment = agenda.book(slot.id, Channel::WebMeeting).await;
    let file = agenda
        .operator
        .appointment_calendar(appointment.id)
        .await
        .unwrap();
    assert_eq!(
        file.content_type.as_deref(),
        Some("text/calendar; charset=utf-8")
    );
    assert!(file
        .content_disposition
        .unwrap()
        .contains(&format!("appuntamento-{}.ics", appointment.id)));
    let text = String::from_utf8(file.body).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
    assert!(text.contains("DTSTART:20260310T080000Z"), "{text}");
    assert!(text.contains("DTEND:20260310T083000Z"), "{text}");
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains(&appointment.office.address), "{unfolded}");
    assert!(
        unfolded.contains(&appointment.requests[0].protocol),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("https://meet.scrivi-alla-sede.inps.it/r/"),
        "{unfolded}"
    );
}

#[actix_web::test]
async fn statistics_count_requests_enabled_for_and_with_an_appointment() {
    let agenda = Agenda::new().await;
    let all = StatisticsQuery::default();
    let before = agenda.operator.show_statistics(&all).await.unwrap().office;
    assert_eq!((before.appointments_enabled, before.appointments), (1, 0));
    let slot = agenda.slot(rome(10, 9, 0)).await;
    let booked = agenda.book(slot.id, Channel::InPerson).await;
    let after = agenda.operator.show_statistics(&all).await.unwrap();
    assert_eq!(after.office.appointments, 1);
    assert_eq!(after.mine.unwrap().appointments, 1);
    let detail = agenda.operator.show_request(agenda.request).await.unwrap();
    assert!(
        !detail.allowed_actions.book_appointment.allowed,
        "booked already"
    );

    // A cancelled booking no longer counts, and the request can be booked again.
    agenda
        .operator
        .cancel_appointment(booked.id, &CancelAppointment::default())
        .await
        .unwrap();
    let cancelled = agenda.operator.show_statistics(&all).await.unwrap().office;
    assert_eq!(cancelled.appointments, 0);
    let detail = agenda.operator.show_request(agenda.request).await.unwrap();
    assert!(
        detail.allowed_actions.book_appointment.allowed,
        "free again"
    );
    agenda.book(slot.id, Channel::InPerson).await;
    let rebooked = agenda.operator.show_statistics(&all).await.unwrap().office;
    assert_eq!(rebooked.appointments, 1);
}
