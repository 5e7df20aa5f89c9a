//! Statistics, the recent-answers panel, the audit trail and dispatch balancing.

use chrono::Duration;
use client::Client;
use types::audit::AuditQuery;
use types::ids::RequestId;
use types::requests::{
    Assignment, Figures, PostMessage, RecentQuery, RequestQuery, StatisticsQuery,
};
use types::{AuditAction, AuditResource, Profile};

use crate::helpers::{assert_problem, create, mario, mario_asks, topic_id, TestApp};

async fn new_request(operator: &Client, topic: &str) -> RequestId {
    let body = mario_asks(operator, topic, "Quali sono i requisiti?").await;
    create(operator, &body).await.id
}

async fn answer(official: &Client, request: RequestId, enable: bool) {
    let body = PostMessage {
        text: "Risposta.".into(),
        enable_appointments: Some(enable),
        attachment_ids: Vec::new(),
    };
    let answered = official.send_message(request, &body).await.unwrap();
    assert_eq!(answered.status, reqwest::StatusCode::CREATED);
}

#[actix_web::test]
async fn statistics_count_the_seven_figures() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let colleague = app.colleague().await;
    let official = app.official().await;
    let waiting = new_request(&operator, "NASPI").await;
    let answered = new_request(&operator, "NASPI").await;
    let enabled = new_request(&operator, "AUU").await;
    new_request(&colleague, "NASPI").await;
    app.dispatch();
    answer(&official, answered, false).await;
    answer(&official, enabled, true).await;
    app.clock.advance(Duration::days(16));
    operator.send_reminder(waiting).await.unwrap();

    let all = StatisticsQuery::default();
    let stats = operator.show_statistics(&all).await.unwrap();
    assert_eq!(
        stats.mine,
        Some(Figures {
            open: 1,
            over_15_days: 1,
            first_reminder: 1,
            second_reminder: 0,
            closed: 2,
            appointments_enabled: 1,
            appointments: 0
        })
    );
    assert_eq!(stats.office.open, 2);
    assert_eq!(stats.office.closed, 2);
    let naspi = StatisticsQuery {
        topic_id: Some(topic_id(&operator, "NASPI").await),
        ..Default::default()
    };
    let by_topic = operator.show_statistics(&naspi).await.unwrap();
    assert_eq!(by_topic.office.closed, 1);
    let next_year = StatisticsQuery {
        date_from: chrono::NaiveDate::from_ymd_opt(2027, 1, 1),
        ..Default::default()
    };
    let outside = operator.show_statistics(&next_year).await.unwrap();
    assert_eq!(outside.office.open, 0);

    let inps = official.show_statistics(&all).await.unwrap();
    assert_eq!(inps.mine, None);
    assert_eq!(inps.office.closed, 2);
    assert_eq!(inps.median_hours_to_first_answer, Some(0.0));
    let admin = app.session("admin.inps", None).await;
    assert_problem(
        &admin.show_statistics(&all).await.unwrap_err(),
        403,
        "profile_not_allowed",
    );
}

#[actix_web::test]
async fn the_home_panel_lists_recent_answers_to_my_requests() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let official = app.official().await;
    let old = new_request(&operator, "NASPI").await;
    let fresh = new_request(&operator, "AUU").await;
    let colleagues = new_request(&app.colleague().await, "NASPI").await;
    app.dispatch();
    answer(&official, old, false).await;
    app.clock.advance(Duration::days(5));
    answer(&official, fresh, false).await;
    answer(&official, colleagues, false).await;

    let panel = operator
        .recent_answers(&RecentQuery::default())
        .await
        .unwrap();
    assert_eq!(
        panel.total, 1,
        "only my requests, only the last 3 days: {panel:?}"
    );
    assert_eq!(panel.items[0].request.id, fresh);
    let week = RecentQuery {
        days: Some(7),
        ..Default::default()
    };
    assert_eq!(operator.recent_answers(&week).await.unwrap().total, 2);
    let naspi = RecentQuery {
        topic_id: Some(topic_id(&operator, "NASPI").await),
        ..week
    };
    assert_eq!(operator.recent_answers(&naspi).await.unwrap().total, 1);
    let no_days = RecentQuery {
        days: Some(0),
        ..Default::default()
    };
    assert_problem(
        &operator.recent_answers(&no_days).await.unwrap_err(),
        422,
        "validation_failed",
    );
    assert_problem(
        &official
            .recent_answers(&RecentQuery::default())
            .await
            .unwrap_err(),
        403,
        "profile_not_allowed",
    );
}

fn audit_of(resource_type: AuditResource) -> AuditQuery {
    AuditQuery {
        resource_type: Some(resource_type),
        ..Default::default()
    }
}

#[actix_web::test]
async fn the_audit_trail_is_for_administrators_within_their_reach() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = new_request(&operator, "NASPI").await;
    operator.show_request(request).await.unwrap();
    mario(&app.other_patronato().await).await;

    let all = app
        .session("admin.inps", None)
        .await
        .list_audit(&audit_of(AuditResource::Request))
        .await
        .unwrap();
    let actions: Vec<AuditAction> = all.items.iter().map(|e| e.action).collect();
    assert!(
        actions.contains(&AuditAction::Create) && actions.contains(&AuditAction::Read),
        "{actions:?}"
    );
    let id = request.to_string();
    assert!(all
        .items
        .iter()
        .all(|e| e.resource_id.as_deref() == Some(id.as_str())));

    let admin = app
        .session("admin.patronato", Some(Profile::PatronatoAdmin))
        .await;
    let own = admin
        .list_audit(&audit_of(AuditResource::Citizen))
        .await
        .unwrap();
    let users: Vec<&str> = own
        .items
        .iter()
        .map(|e| e.username.as_deref().unwrap())
        .collect();
    assert!(!users.is_empty());
    assert!(
        users.iter().all(|u| *u == "operatore1"),
        "only INCA users: {users:?}"
    );
    assert_problem(
        &operator
            .list_audit(&AuditQuery::default())
            .await
            .unwrap_err(),
        403,
        "profile_not_allowed",
    );
}

#[actix_web::test]
async fn dispatch_gives_work_to_the_least_loaded_official() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    {
        // A second official at POMEZIA who handles every citizen topic.
        let mut conn = app.pool.get().unwrap();
        let first = db::users::find_by_username(&mut conn, "funzionario1")
            .unwrap()
            .unwrap();
        let id = db::users::create_user(
            &mut conn,
            &db::users::NewUser {
                username: "funzionario3".into(),
                password_hash: first.password_hash.clone(),
                full_name: "Paolo Sala".into(),
                email: None,
                side: domain::enums::Side::Inps,
                patronato_id: None,
                patronato_office_id: None,
                region_id: None,
                inps_office_id: first.inps_office_id,
                created_at: chrono::Utc::now().naive_utc(),
            },
            &[domain::enums::Profile::Official],
        )
        .unwrap();
        use diesel::prelude::*;
        let topics: Vec<domain::ids::TopicId> = db::schema::topics::table
            .filter(db::schema::topics::for_citizen.eq(true))
            .select(db::schema::topics::id)
            .load(&mut conn)
            .unwrap();
        db::users::set_official_topics(&mut conn, id, &topics).unwrap();
    }
    for _ in 0..4 {
        new_request(&operator, "NASPI").await;
    }
    app.dispatch();
    let mine = RequestQuery {
        assigned: Some(Assignment::Mine),
        ..Default::default()
    };
    let first = app.official().await.list_requests(&mine).await.unwrap();
    let second = app
        .session("funzionario3", None)
        .await
        .list_requests(&mine)
        .await
        .unwrap();
    assert_eq!(first.total, 2, "{first:?}");
    assert_eq!(second.total, 2, "{second:?}");
}
