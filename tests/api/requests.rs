//! Request lifecycle: creation rules, dispatch, answers, follow-ups, reminders, visibility,
//! idempotency and protocol numbers under concurrency.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate};
use client::Client;
use reqwest::{Method, StatusCode};
use types::ids::{CitizenId, OfficeId, RequestId, TopicId};
use types::offices::OfficeQuery;
use types::page::PageQuery;
use types::requests::{
    Assignment, CreateRequest, ListScope, PostMessage, PracticeRef, RequestPage, RequestQuery,
    TransferRequest,
};
use types::system::AdvanceClock;
use types::{
    EventKind, Motive, OfficeKind, PracticeKind, Profile, RequestKind, RequestStatus,
    RoutingReason, Side,
};

use crate::helpers::{
    assert_problem, create, mario_asks, mario_pension_request, office_id,
    send_mario_pension_request, stored_requests, topic_id, TestApp,
};

fn message(text: &str) -> PostMessage {
    PostMessage {
        text: text.into(),
        enable_appointments: None,
        attachment_ids: Vec::new(),
    }
}

/// An answer of the official (appointments not enabled).
fn answer(text: &str) -> PostMessage {
    PostMessage {
        enable_appointments: Some(false),
        ..message(text)
    }
}

async fn milano(session: &Client) -> OfficeId {
    office_id(
        session,
        OfficeQuery {
            name: Some("milano".into()),
            kind: Some(OfficeKind::Provincial),
            ..Default::default()
        },
    )
    .await
}

#[actix_web::test]
async fn the_whole_conversation_with_its_limit() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let official = app.official().await;
    let created = create(&operator, &mario_pension_request(&operator).await).await;
    let request = created.id;
    assert_eq!(created.status, RequestStatus::Sent);
    assert_eq!(created.status_label, "Inviata a Linea INPS");
    assert_eq!(created.office.code, "7013");
    assert_eq!(created.routing_reason, RoutingReason::CapCoverage);
    assert!(!created.office_chosen_by_hand);
    assert!(created.protocol.starts_with("INPS.7013.02/03/2026."));
    assert_eq!(created.messages[0].seq, 0);
    assert_eq!(created.messages[0].protocol, created.protocol);
    assert_eq!(
        created.practice,
        Some(PracticeRef {
            kind: PracticeKind::Pension,
            number: "12345678".into()
        })
    );
    assert_eq!(created.citizen.as_ref().unwrap().surname, "BIANCHI");
    assert!(created.delega_declared_at.is_some());
    assert_eq!(
        created.allowed_actions.follow_up.code.as_deref(),
        Some("not_your_turn")
    );

    assert_eq!(app.dispatch(), 1);
    assert_eq!(app.dispatch(), 0, "dispatch is idempotent");
    let assigned = official.show_request(request).await.unwrap();
    assert_eq!(assigned.status, RequestStatus::Assigned);
    assert_eq!(assigned.assigned_official.unwrap().full_name, "Laura Conti");
    assert!(assigned.allowed_actions.answer.allowed);

    for round in 1..=3 {
        let answered = official
            .send_message(request, &answer("Risposta dell'Istituto."))
            .await
            .unwrap();
        assert_eq!(answered.status, StatusCode::CREATED);
        assert_eq!(answered.body.status, RequestStatus::Closed);
        assert_problem(
            &official
                .send_message(request, &answer("Ancora?"))
                .await
                .unwrap_err(),
            409,
            "not_your_turn",
        );
        let follow_up = operator
            .send_message(request, &message("Ulteriore domanda."))
            .await;
        if round < 3 {
            let follow_up = follow_up.unwrap();
            assert_eq!(follow_up.status, StatusCode::CREATED);
            let detail = follow_up.body;
            assert_eq!(detail.status, RequestStatus::Assigned);
            assert_eq!(detail.follow_ups_used, round);
            assert_eq!(detail.assigned_official.unwrap().full_name, "Laura Conti");
            assert_problem(
                &operator
                    .send_message(request, &message("E ancora."))
                    .await
                    .unwrap_err(),
                409,
                "not_your_turn",
            );
        } else {
            let problem = assert_problem(&follow_up.unwrap_err(), 409, "interaction_limit_reached");
            assert!(problem
                .detail
                .contains("massimo di 2 ulteriori interazioni"));
        }
    }
    let messages = operator
        .list_messages(request, &PageQuery::default())
        .await
        .unwrap();
    let sides: Vec<Side> = messages.items.iter().map(|m| m.author.side).collect();
    assert_eq!(
        sides,
        [
            Side::Patronato,
            Side::Inps,
            Side::Patronato,
            Side::Inps,
            Side::Patronato,
            Side::Inps
        ]
    );
    let protocols: HashSet<&str> = messages.items.iter().map(|m| m.protocol.as_str()).collect();
    assert_eq!(protocols.len(), 6, "every message has its own protocol");

    let last = operator.show_request(request).await.unwrap();
    assert_eq!(
        last.allowed_actions.follow_up.code.as_deref(),
        Some("interaction_limit_reached")
    );
    assert!(last.allowed_actions.book_appointment.allowed);
}

fn day(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

#[actix_web::test]
async fn reminders_follow_the_clock() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = send_mario_pension_request(&operator).await;
    let remind = || operator.send_reminder(request);

    let early = assert_problem(&remind().await.unwrap_err(), 409, "reminder_too_early");
    assert_eq!(early.allowed_from, day(2026, 3, 17));
    let detail = operator.show_request(request).await.unwrap();
    assert_eq!(detail.allowed_actions.remind.allowed_from, day(2026, 3, 17));

    app.clock.advance(Duration::days(14));
    assert_problem(&remind().await.unwrap_err(), 409, "reminder_too_early");
    app.clock.advance(Duration::days(1));
    let first = remind().await.unwrap();
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(first.body.reminders[0].seq, 1);

    let second = assert_problem(&remind().await.unwrap_err(), 409, "reminder_too_early");
    assert_eq!(second.allowed_from, day(2026, 4, 1));
    app.clock.advance(Duration::days(15));
    assert_eq!(remind().await.unwrap().status, StatusCode::CREATED);
    app.clock.advance(Duration::days(30));
    assert_problem(&remind().await.unwrap_err(), 409, "reminder_limit_reached");

    let listed = operator
        .list_reminders(request, &PageQuery::default())
        .await
        .unwrap();
    assert_eq!(listed.items.len(), 2);
    // A colleague of the same office may read, not remind.
    let colleague = app.colleague().await;
    assert_problem(
        &colleague.send_reminder(request).await.unwrap_err(),
        403,
        "sender_only",
    );
}

#[actix_web::test]
async fn reminders_through_the_sandbox_clock_endpoint() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = send_mario_pension_request(&operator).await;
    assert_problem(
        &operator.send_reminder(request).await.unwrap_err(),
        409,
        "reminder_too_early",
    );
    operator
        .advance_clock(&AdvanceClock { advance_days: 15 })
        .await
        .unwrap();
    assert_eq!(
        operator.send_reminder(request).await.unwrap().status,
        StatusCode::CREATED
    );
}

#[actix_web::test]
async fn creation_rules_are_enforced_by_the_api() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let valid = mario_pension_request(&operator).await;
    type Patch = fn(&mut CreateRequest);
    let cases: [(Patch, u16, &str, &str); 14] = [
        (
            |r| r.delega_declared = Some(false),
            422,
            "validation_failed",
            "delega_declared",
        ),
        (
            |r| r.delega_declared = None,
            422,
            "validation_failed",
            "delega_declared",
        ),
        (|r| r.practice = None, 422, "validation_failed", "practice"),
        (
            |r| r.motive = Motive::RequirementsAndAccess,
            422,
            "validation_failed",
            "practice",
        ),
        (
            |r| r.motive = Motive::NormativeClarification,
            422,
            "validation_failed",
            "motive",
        ),
        (|r| r.text = String::new(), 422, "validation_failed", "text"),
        (|r| r.text = "   ".into(), 422, "validation_failed", "text"),
        (
            |r| r.text = "x".repeat(4001),
            422,
            "validation_failed",
            "text",
        ),
        (
            |r| r.notes = Some("x".repeat(2001)),
            422,
            "validation_failed",
            "notes",
        ),
        (
            |r| {
                r.practice = Some(PracticeRef {
                    kind: PracticeKind::Pension,
                    number: "87654321".into(),
                })
            },
            422,
            "pension_role_not_allowed",
            "number",
        ),
        (
            |r| {
                r.practice = Some(PracticeRef {
                    kind: PracticeKind::Protocol,
                    number: "INPS.7013.01/01/2026.0000099".into(),
                })
            },
            422,
            "practice_not_linked",
            "number",
        ),
        (
            |r| r.citizen_id = Some(CitizenId(999_999)),
            422,
            "citizen_not_found",
            "citizen_id",
        ),
        (
            |r| r.topic_id = TopicId(999_999),
            422,
            "topic_not_found",
            "topic_id",
        ),
        (
            |r| r.office_id = Some(OfficeId(999_999)),
            422,
            "office_not_found",
            "office_id",
        ),
    ];
    for (patch, status, code, field) in cases {
        let mut body = valid.clone();
        patch(&mut body);
        let refused = operator.create_request(&body).await.unwrap_err();
        let problem = assert_problem(&refused, status, code);
        assert!(
            problem.errors.iter().any(|e| e.field == field),
            "{field}: {problem:?}"
        );
    }
    let regional_only = CreateRequest {
        topic_id: topic_id(&operator, "NORMATIVA_GENERALE").await,
        ..valid.clone()
    };
    assert_problem(
        &operator.create_request(&regional_only).await.unwrap_err(),
        422,
        "topic_not_allowed",
    );
    // Nothing was written by any refusal.
    assert_eq!(stored_requests(&app), 0);

    for other in [app.official().await, app.referent().await] {
        assert_problem(
            &other.create_request(&valid).await.unwrap_err(),
            403,
            "profile_not_allowed",
        );
    }
}

#[actix_web::test]
async fn an_office_chosen_by_hand_is_recorded() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let body = CreateRequest {
        office_id: Some(milano(&operator).await),
        ..mario_pension_request(&operator).await
    };
    let created = create(&operator, &body).await;
    assert_eq!(created.office.name, "MILANO");
    assert!(created.office_chosen_by_hand);
    assert_eq!(created.routing_reason, RoutingReason::Manual);
    // A second open request on the same topic is a warning, not a refusal.
    let again = create(&operator, &body).await;
    assert_eq!(again.warnings[0].code, "open_request_same_topic");

    let cric = office_id(
        &operator,
        OfficeQuery {
            kind: Some(OfficeKind::Cric),
            region: Some("12".into()),
            ..Default::default()
        },
    )
    .await;
    let wrong = CreateRequest {
        office_id: Some(cric),
        ..mario_pension_request(&operator).await
    };
    assert_problem(
        &operator.create_request(&wrong).await.unwrap_err(),
        422,
        "office_not_suitable",
    );
}

#[actix_web::test]
async fn regional_requests_go_to_the_cric_and_stay_regional() {
    let app = TestApp::spawn().await;
    let referent = app.referent().await;
    let body = CreateRequest {
        kind: RequestKind::Regional,
        citizen_id: None,
        delega_declared: None,
        motive: Motive::NormativeClarification,
        practice: None,
        topic_id: topic_id(&referent, "NORMATIVA_GENERALE").await,
        text: "Chiarimento sulla circolare 12/2026.".into(),
        notes: None,
        office_id: None,
        attachment_ids: Vec::new(),
    };
    let created = create(&referent, &body).await;
    assert_eq!(created.office.kind, OfficeKind::Cric);
    assert_eq!(created.office.region.name, "Lazio");
    assert_eq!(created.citizen, None);
    let request = created.id;

    let all = RequestQuery::default();
    assert_eq!(referent.list_requests(&all).await.unwrap().total, 1);
    let as_operator = app.session("referente1", Some(Profile::Operator)).await;
    assert_eq!(
        as_operator.list_requests(&all).await.unwrap().total,
        0,
        "the operator history holds citizen requests only"
    );
    let cric_official = app.session("funzionario2", None).await;
    cric_official.show_request(request).await.unwrap();
    // The operator profile of the same patronato sees citizen requests only.
    for outsider in [app.operator().await, app.official().await] {
        assert_problem(
            &outsider.show_request(request).await.unwrap_err(),
            404,
            "request_not_found",
        );
    }

    let with_citizen = CreateRequest {
        citizen_id: Some(CitizenId(1)),
        delega_declared: Some(true),
        ..body
    };
    let problem = assert_problem(
        &referent.create_request(&with_citizen).await.unwrap_err(),
        422,
        "validation_failed",
    );
    assert_eq!(problem.errors.len(), 2);
}

#[actix_web::test]
async fn requests_of_others_are_404_for_every_resource() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = send_mario_pension_request(&operator).await;
    let outsiders = [
        app.other_patronato().await,
        app.session("funzionario2", None).await,
        app.session("admin.inps", None).await,
        app.session("admin.patronato", Some(Profile::PatronatoAdmin))
            .await,
    ];
    let page = PageQuery::default();
    let transfer = TransferRequest {
        office_id: OfficeId(1),
        reason: "x".into(),
    };
    for outsider in &outsiders {
        let refusals = [
            ("show_request", outsider.show_request(request).await.err()),
            (
                "list_messages",
                outsider.list_messages(request, &page).await.err(),
            ),
            (
                "list_reminders",
                outsider.list_reminders(request, &page).await.err(),
            ),
            (
                "send_message",
                outsider.send_message(request, &message("x")).await.err(),
            ),
            ("send_reminder", outsider.send_reminder(request).await.err()),
            ("take_request", outsider.take_request(request).await.err()),
            (
                "transfer_request",
                outsider.transfer_request(request, &transfer).await.err(),
            ),
        ];
        for (operation, refusal) in refusals {
            let refusal = refusal.unwrap_or_else(|| panic!("{operation} was allowed"));
            assert_problem(&refusal, 404, "request_not_found");
        }
    }
    // A colleague of the same office reads and may follow up once answered.
    app.colleague().await.show_request(request).await.unwrap();
    assert_problem(
        &app.operator()
            .await
            .show_request(RequestId(999_999))
            .await
            .unwrap_err(),
        404,
        "request_not_found",
    );
}

#[actix_web::test]
async fn the_same_idempotency_key_never_creates_twice() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let body = mario_pension_request(&operator).await;
    let first = operator
        .create_request_with_key(&body, "retry-42")
        .await
        .unwrap();
    assert_eq!(first.status, StatusCode::CREATED);
    assert!(!first.replayed);
    let second = operator
        .create_request_with_key(&body, "retry-42")
        .await
        .unwrap();
    assert_eq!(second.status, StatusCode::CREATED);
    assert!(second.replayed);
    assert_eq!(first.body.id, second.body.id);
    assert_eq!(
        first.location,
        Some(format!("/api/v1/requests/{}", first.body.id))
    );

    let other = CreateRequest {
        text: "Un altro testo.".into(),
        ..body
    };
    assert_problem(
        &operator
            .create_request_with_key(&other, "retry-42")
            .await
            .unwrap_err(),
        422,
        "idempotency_key_reused",
    );
    let fresh = operator
        .create_request_with_key(&other, "retry-43")
        .await
        .unwrap();
    assert_eq!(fresh.status, StatusCode::CREATED);

    // Keys are per user: a colleague's identical key is a different operation.
    let colleague = app.colleague().await;
    let theirs = colleague
        .create_request_with_key(&mario_pension_request(&colleague).await, "retry-42")
        .await
        .unwrap();
    assert_eq!(theirs.status, StatusCode::CREATED);
    assert!(!theirs.replayed);
    // Keys expire after 24 hours: then the key is free for a new operation.
    app.clock.advance(Duration::hours(25));
    let later = CreateRequest {
        text: "Dopo un giorno.".into(),
        ..mario_pension_request(&operator).await
    };
    let later = operator
        .create_request_with_key(&later, "retry-42")
        .await
        .unwrap();
    assert_eq!(later.status, StatusCode::CREATED);
    assert!(!later.replayed);

    assert_eq!(stored_requests(&app), 4);
}

#[actix_web::test]
async fn transfer_moves_the_request_and_the_history_shows_it() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let official = app.official().await;
    let request = send_mario_pension_request(&operator).await;
    app.dispatch();
    let milano = milano(&official).await;
    official
        .transfer_request(
            request,
            &TransferRequest {
                office_id: milano,
                reason: "Residenza effettiva a Milano.".into(),
            },
        )
        .await
        .unwrap();
    assert_problem(
        &official.show_request(request).await.unwrap_err(),
        404,
        "request_not_found",
    );
    let detail = operator.show_request(request).await.unwrap();
    assert_eq!(detail.status, RequestStatus::Sent);
    assert_eq!(detail.office.name, "MILANO");
    let transfer = detail
        .history
        .iter()
        .find(|e| e.kind == EventKind::Transferred)
        .unwrap();
    assert_eq!(
        transfer.detail.as_deref(),
        Some("Residenza effettiva a Milano.")
    );
    assert_eq!(transfer.to_office_id, Some(milano));
}

#[actix_web::test]
async fn an_office_without_a_suitable_official_keeps_the_request_in_its_queue() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let body = CreateRequest {
        office_id: Some(milano(&operator).await),
        ..mario_pension_request(&operator).await
    };
    let request = create(&operator, &body).await.id;
    app.dispatch();
    let detail = operator.show_request(request).await.unwrap();
    assert_eq!(detail.status, RequestStatus::Assigned);
    assert_eq!(detail.assigned_official, None);
}

#[actix_web::test]
async fn protocol_numbers_stay_unique_under_200_parallel_creates() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let body = mario_pension_request(&operator).await;
    let creates = (0..200).map(|_| operator.create_request(&body));
    let mut protocols = HashSet::new();
    for created in futures_util::future::join_all(creates).await {
        let created = created.unwrap();
        assert_eq!(created.status, StatusCode::CREATED);
        assert!(protocols.insert(created.body.protocol));
    }
    assert_eq!(protocols.len(), 200);
    assert_eq!(stored_requests(&app), 200, "none lost");
}

#[actix_web::test]
async fn the_history_filters_and_pages() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let body = mario_pension_request(&operator).await;
    let mut ids = Vec::new();
    for n in 0..5 {
        let numbered = CreateRequest {
            text: format!("Richiesta numero {n} sulla ricostituzione"),
            ..body.clone()
        };
        ids.push(create(&operator, &numbered).await.id);
        app.clock.advance(Duration::days(1));
    }
    let colleague = app.colleague().await;
    assert_eq!(history(&colleague, RequestQuery::default()).await.total, 5);
    let mine = RequestQuery {
        scope: Some(ListScope::Mine),
        ..Default::default()
    };
    assert_eq!(history(&colleague, mine).await.total, 0);
    let first_two = RequestQuery {
        limit: Some(2),
        ..Default::default()
    };
    let page = history(&operator, first_two.clone()).await;
    assert_eq!(page.items[0].id, ids[4], "newest first");
    let next = RequestQuery {
        cursor: page.next_cursor.clone(),
        ..first_two
    };
    assert_eq!(history(&operator, next).await.items[0].id, ids[2]);
    let by_date = RequestQuery {
        date_from: day(2026, 3, 3),
        date_to: day(2026, 3, 4),
        ..Default::default()
    };
    assert_eq!(history(&operator, by_date).await.total, 2);
    let by_cf = RequestQuery {
        cf: Some("bncmra50a01h501u".into()),
        ..Default::default()
    };
    assert_eq!(history(&operator, by_cf).await.total, 5);
    let by_text = RequestQuery {
        q: Some("numero 3".into()),
        ..Default::default()
    };
    let by_text = history(&operator, by_text).await;
    assert_eq!(by_text.total, 1, "{by_text:?}");
    let by_status = RequestQuery {
        status: Some(RequestStatus::Closed),
        ..Default::default()
    };
    assert_eq!(history(&operator, by_status).await.total, 0);
    let by_protocol = RequestQuery {
        protocol: Some(page.items[0].protocol.clone()),
        ..Default::default()
    };
    assert_eq!(history(&operator, by_protocol).await.items[0].id, ids[4]);
    let other = app.other_patronato().await;
    assert_eq!(history(&other, RequestQuery::default()).await.total, 0);
    let queue = RequestQuery {
        assigned: Some(Assignment::Unassigned),
        ..Default::default()
    };
    assert_eq!(history(&app.official().await, queue).await.total, 5);
}

async fn history(session: &Client, query: RequestQuery) -> RequestPage {
    session.list_requests(&query).await.unwrap()
}

#[actix_web::test]
async fn reads_carry_an_etag_and_revalidate() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = send_mario_pension_request(&operator).await;
    let path = format!("/requests/{request}");
    let get = |tag: Option<String>| {
        let mut builder = app.raw_as(&operator, Method::GET, &path);
        if let Some(tag) = tag {
            builder = builder.header("If-None-Match", tag);
        }
        builder.send()
    };
    let first = get(None).await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert_eq!(
        first.headers().get("cache-control").unwrap(),
        "private, no-cache"
    );
    let tag = first
        .headers()
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let again = get(Some(tag.clone())).await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.text().await.unwrap().is_empty());

    app.dispatch();
    let changed = get(Some(tag.clone())).await.unwrap();
    assert_eq!(changed.status(), StatusCode::OK, "the request changed");
    assert_ne!(
        changed.headers().get("etag").unwrap().to_str().unwrap(),
        tag
    );
}

/// The history's total of every scope and status, as kept by the database (no criterion but the
/// status) and as counted (a date criterion that every request meets).
async fn totals_agree(session: &Client, scope: Option<ListScope>) -> i64 {
    let mut all = 0;
    for status in [
        None,
        Some(RequestStatus::Sent),
        Some(RequestStatus::Assigned),
        Some(RequestStatus::Closed),
    ] {
        let kept = RequestQuery {
            scope,
            status,
            ..Default::default()
        };
        let counted = RequestQuery {
            date_from: NaiveDate::from_ymd_opt(2000, 1, 1),
            ..kept.clone()
        };
        let kept = history(session, kept).await.total;
        assert_eq!(
            kept,
            history(session, counted).await.total,
            "{scope:?} {status:?}"
        );
        if status.is_none() {
            all = kept;
        }
    }
    all
}

#[actix_web::test]
async fn the_history_totals_kept_by_the_database_follow_every_change_and_their_folding() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let official = app.official().await;
    let colleague = app.colleague().await;
    let sessions = [
        (&operator, None),
        (&operator, Some(ListScope::Mine)),
        (&official, None),
    ];
    let first = send_mario_pension_request(&operator).await;
    let second = create(
        &colleague,
        &mario_asks(&colleague, "NASPI", "Sollecito NASpI.").await,
    )
    .await
    .id;
    create(
        &operator,
        &mario_asks(&operator, "VIGILANZA", "Domanda di vigilanza.").await,
    )
    .await;
    for (session, scope) in sessions {
        totals_agree(session, scope).await;
    }
    assert_eq!(totals_agree(&operator, None).await, 3);

    app.dispatch();
    official
        .send_message(first, &answer("Risposta dell'Istituto."))
        .await
        .unwrap();
    let milano = milano(&official).await;
    let transfer = TransferRequest {
        office_id: milano,
        reason: "Residenza effettiva a Milano.".into(),
    };
    official.transfer_request(second, &transfer).await.unwrap();
    for (session, scope) in sessions {
        totals_agree(session, scope).await;
    }
    let closed = RequestQuery {
        status: Some(RequestStatus::Closed),
        ..Default::default()
    };
    assert_eq!(history(&operator, closed).await.total, 1);

    // Folding the appended rows changes no total.
    let before = totals_agree(&official, None).await;
    let mut conn = app.pool.get().unwrap();
    assert!(db::request_counts::compact(&mut conn).unwrap() > 0);
    drop(conn);
    assert_eq!(totals_agree(&official, None).await, before);
    for (session, scope) in sessions {
        totals_agree(session, scope).await;
    }
}
