//! Statistics, the recent-answers panel, the audit trail and dispatch balancing.

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, citizen_id, topic_id, Session, TestApp};

async fn new_request(operator: &Session<'_>, topic: &str) -> i64 {
    let mario = citizen_id(operator, "BNCMRA50A01H501U", "BIANCHI").await;
    let topic = topic_id(operator, topic).await;
    let (status, detail) = operator
        .post(
            "/requests",
            json!({"kind": "citizen", "citizen_id": mario, "delega_declared": true,
                   "motive": "requirements_and_access", "topic_id": topic,
                   "text": "Quali sono i requisiti?"}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{detail}");
    detail["id"].as_i64().unwrap()
}

fn dispatch(app: &TestApp) {
    let mut conn = app.pool.get().unwrap();
    api::jobs::dispatcher::dispatch_all(&mut conn, domain::clock::Clock::now(&*app.clock)).unwrap();
}

async fn answer(official: &Session<'_>, request: i64, enable: bool) {
    let (status, body) = official
        .post(
            &format!("/requests/{request}/messages"),
            json!({"text": "Risposta.", "enable_appointments": enable}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[actix_web::test]
async fn statistics_count_the_seven_figures() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let colleague = app.session("operatore2", None).await;
    let official = app.official().await;
    let waiting = new_request(&operator, "NASPI").await;
    let answered = new_request(&operator, "NASPI").await;
    let enabled = new_request(&operator, "AUU").await;
    new_request(&colleague, "NASPI").await;
    dispatch(&app);
    answer(&official, answered, false).await;
    answer(&official, enabled, true).await;
    app.clock.advance(Duration::days(16));
    let (status, _) = operator
        .post(&format!("/requests/{waiting}/reminders"), json!(null))
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let (status, stats) = operator.get("/statistics").await;
    assert_eq!(status, StatusCode::OK, "{stats}");
    assert_eq!(
        stats["mine"],
        json!({"open": 1, "over_15_days": 1, "first_reminder": 1, "second_reminder": 0,
               "closed": 2, "appointments_enabled": 1, "appointments": 0})
    );
    assert_eq!(stats["office"]["open"], 2);
    assert_eq!(stats["office"]["closed"], 2);
    let naspi = topic_id(&operator, "NASPI").await;
    let (_, by_topic) = operator.get(&format!("/statistics?topic_id={naspi}")).await;
    assert_eq!(by_topic["office"]["closed"], 1);
    let (_, outside) = operator.get("/statistics?date_from=2027-01-01").await;
    assert_eq!(outside["office"]["open"], 0);

    let (_, inps) = official.get("/statistics").await;
    assert_eq!(inps["mine"], Value::Null);
    assert_eq!(inps["office"]["closed"], 2);
    assert_eq!(inps["median_hours_to_first_answer"], 0.0);
    assert_problem(
        &app.session("admin.inps", None)
            .await
            .get("/statistics")
            .await,
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
    let colleagues = new_request(&app.session("operatore2", None).await, "NASPI").await;
    dispatch(&app);
    answer(&official, old, false).await;
    app.clock.advance(Duration::days(5));
    answer(&official, fresh, false).await;
    answer(&official, colleagues, false).await;

    let (status, panel) = operator.get("/answers/recent").await;
    assert_eq!(status, StatusCode::OK, "{panel}");
    assert_eq!(
        panel["count"], 1,
        "only my requests, only the last 3 days: {panel}"
    );
    assert_eq!(panel["items"][0]["request"]["id"], fresh);
    let (_, week) = operator.get("/answers/recent?days=7").await;
    assert_eq!(week["count"], 2);
    let naspi = topic_id(&operator, "NASPI").await;
    let (_, filtered) = operator
        .get(&format!("/answers/recent?days=7&topic_id={naspi}"))
        .await;
    assert_eq!(filtered["count"], 1);
    assert_problem(
        &operator.get("/answers/recent?days=0").await,
        422,
        "validation_failed",
    );
    assert_problem(
        &official.get("/answers/recent").await,
        403,
        "profile_not_allowed",
    );
}

#[actix_web::test]
async fn the_audit_trail_is_for_administrators_within_their_reach() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = new_request(&operator, "NASPI").await;
    let (status, _) = operator.get(&format!("/requests/{request}")).await;
    assert_eq!(status, StatusCode::OK);
    app.other_patronato()
        .await
        .get("/citizens?cf=BNCMRA50A01H501U")
        .await;

    let (status, all) = app
        .session("admin.inps", None)
        .await
        .get("/audit?resource_type=request")
        .await;
    assert_eq!(status, StatusCode::OK, "{all}");
    let actions: Vec<&str> = all["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"create") && actions.contains(&"read"),
        "{actions:?}"
    );
    assert!(all["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["resource_id"].as_str() == Some(request.to_string().as_str())));

    let admin = app
        .session("admin.patronato", Some("patronato_admin"))
        .await;
    let (_, own) = admin.get("/audit?resource_type=citizen").await;
    let users: Vec<&str> = own["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["username"].as_str().unwrap())
        .collect();
    assert!(!users.is_empty());
    assert!(
        users.iter().all(|u| *u == "operatore1"),
        "only INCA users: {users:?}"
    );
    assert_problem(&operator.get("/audit").await, 403, "profile_not_allowed");
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
    dispatch(&app);
    let (_, first) = app.official().await.get("/requests?assigned=mine").await;
    let (_, second) = app
        .session("funzionario3", None)
        .await
        .get("/requests?assigned=mine")
        .await;
    assert_eq!(first["total"], 2, "{first}");
    assert_eq!(second["total"], 2, "{second}");
}
