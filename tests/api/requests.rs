//! Request lifecycle: creation rules, dispatch, answers, follow-ups, reminders, visibility,
//! idempotency and protocol numbers under concurrency.

use std::collections::HashSet;

use chrono::Duration;
use diesel::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, citizen_id, topic_id, Session, TestApp};

/// A valid citizen request for Mario Bianchi about his pension.
async fn mario_request(operator: &Session<'_>) -> Value {
    let mario = citizen_id(operator, "BNCMRA50A01H501U", "BIANCHI").await;
    let topic = topic_id(operator, "PENS_VECCHIAIA").await;
    json!({
        "kind": "citizen",
        "citizen_id": mario,
        "delega_declared": true,
        "motive": "benefit_in_progress_or_rejected",
        "practice": {"kind": "pension", "number": "12345678"},
        "topic_id": topic,
        "text": "Si chiede lo stato della pratica di pensione del sig. Bianchi.",
        "notes": "Documentazione completa agli atti."
    })
}

async fn create(session: &Session<'_>, body: Value) -> Value {
    let (status, detail) = session.post("/requests", body).await;
    assert_eq!(status, StatusCode::CREATED, "{detail}");
    detail
}

fn dispatch(app: &TestApp) -> usize {
    let mut conn = app.pool.get().unwrap();
    api::jobs::dispatcher::dispatch_all(&mut conn, domain::clock::Clock::now(&*app.clock)).unwrap()
}

fn id(detail: &Value) -> i64 {
    detail["id"].as_i64().expect("id")
}

#[actix_web::test]
async fn the_whole_conversation_with_its_limit() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let official = app.official().await;
    let created = create(&operator, mario_request(&operator).await).await;
    let request = id(&created);
    assert_eq!(created["status"], "sent");
    assert_eq!(created["status_label"], "Inviata a Linea INPS");
    assert_eq!(created["office"]["code"], "7013");
    assert_eq!(created["routing_reason"], "cap_coverage");
    assert_eq!(created["office_chosen_by_hand"], false);
    assert!(created["protocol"]
        .as_str()
        .unwrap()
        .starts_with("INPS.7013.02/03/2026."));
    assert_eq!(created["messages"][0]["seq"], 0);
    assert_eq!(created["messages"][0]["protocol"], created["protocol"]);
    assert_eq!(
        created["practice"],
        json!({"kind": "pension", "number": "12345678"})
    );
    assert_eq!(created["citizen"]["surname"], "BIANCHI");
    assert!(created["delega_declared_at"].is_string());
    assert_eq!(
        created["allowed_actions"]["follow_up"]["code"],
        "not_your_turn"
    );

    assert_eq!(dispatch(&app), 1);
    assert_eq!(dispatch(&app), 0, "dispatch is idempotent");
    let (_, assigned) = official.get(&format!("/requests/{request}")).await;
    assert_eq!(assigned["status"], "assigned");
    assert_eq!(assigned["assigned_official"]["full_name"], "Laura Conti");
    assert_eq!(assigned["allowed_actions"]["answer"]["allowed"], true);

    let path = format!("/requests/{request}/messages");
    let answer = |text: &str, enable: bool| json!({"text": text, "enable_appointments": enable});
    for round in 1..=3 {
        let (status, answered) = official
            .post(&path, answer("Risposta dell'Istituto.", false))
            .await;
        assert_eq!(status, StatusCode::CREATED, "{answered}");
        assert_eq!(answered["status"], "closed");
        assert_problem(
            &official.post(&path, answer("Ancora?", false)).await,
            409,
            "not_your_turn",
        );
        let follow_up = operator
            .post(&path, json!({"text": "Ulteriore domanda."}))
            .await;
        if round < 3 {
            assert_eq!(follow_up.0, StatusCode::CREATED, "{}", follow_up.1);
            assert_eq!(follow_up.1["status"], "assigned");
            assert_eq!(follow_up.1["follow_ups_used"], round);
            assert_eq!(follow_up.1["assigned_official"]["full_name"], "Laura Conti");
            assert_problem(
                &operator.post(&path, json!({"text": "E ancora."})).await,
                409,
                "not_your_turn",
            );
        } else {
            let problem = assert_problem(&follow_up, 409, "interaction_limit_reached");
            assert!(problem["detail"]
                .as_str()
                .unwrap()
                .contains("massimo di 2 ulteriori interazioni"));
        }
    }
    let (_, messages) = operator.get(&path).await;
    let sides: Vec<&str> = messages["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["author"]["side"].as_str().unwrap())
        .collect();
    assert_eq!(
        sides,
        [
            "patronato",
            "inps",
            "patronato",
            "inps",
            "patronato",
            "inps"
        ]
    );
    let protocols: HashSet<&str> = messages["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["protocol"].as_str().unwrap())
        .collect();
    assert_eq!(protocols.len(), 6, "every message has its own protocol");

    let (_, last) = operator.get(&format!("/requests/{request}")).await;
    assert_eq!(
        last["allowed_actions"]["follow_up"]["code"],
        "interaction_limit_reached"
    );
    assert_eq!(last["allowed_actions"]["book_appointment"]["allowed"], true);
}

#[actix_web::test]
async fn reminders_follow_the_clock() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = id(&create(&operator, mario_request(&operator).await).await);
    let path = format!("/requests/{request}/reminders");

    let early = assert_problem(
        &operator.post(&path, json!(null)).await,
        409,
        "reminder_too_early",
    );
    assert_eq!(early["allowed_from"], "2026-03-17");
    let (_, detail) = operator.get(&format!("/requests/{request}")).await;
    assert_eq!(
        detail["allowed_actions"]["remind"]["allowed_from"],
        "2026-03-17"
    );

    app.clock.advance(Duration::days(14));
    assert_problem(
        &operator.post(&path, json!(null)).await,
        409,
        "reminder_too_early",
    );
    app.clock.advance(Duration::days(1));
    let (status, first) = operator.post(&path, json!(null)).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert_eq!(first["reminders"][0]["seq"], 1);

    let second = assert_problem(
        &operator.post(&path, json!(null)).await,
        409,
        "reminder_too_early",
    );
    assert_eq!(second["allowed_from"], "2026-04-01");
    app.clock.advance(Duration::days(15));
    assert_eq!(
        operator.post(&path, json!(null)).await.0,
        StatusCode::CREATED
    );
    app.clock.advance(Duration::days(30));
    assert_problem(
        &operator.post(&path, json!(null)).await,
        409,
        "reminder_limit_reached",
    );

    let (_, listed) = operator.get(&path).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 2);
    // A colleague of the same office may read, not remind.
    let colleague = app.session("operatore2", None).await;
    assert_problem(
        &colleague.post(&path, json!(null)).await,
        403,
        "sender_only",
    );
}

#[actix_web::test]
async fn reminders_through_the_sandbox_clock_endpoint() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = id(&create(&operator, mario_request(&operator).await).await);
    let path = format!("/requests/{request}/reminders");
    assert_problem(
        &operator.post(&path, json!(null)).await,
        409,
        "reminder_too_early",
    );
    let (status, _) = operator
        .post("/sandbox/clock", json!({"advance_days": 15}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        operator.post(&path, json!(null)).await.0,
        StatusCode::CREATED
    );
}

#[actix_web::test]
async fn creation_rules_are_enforced_by_the_api() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let valid = mario_request(&operator).await;
    let with = |patch: Value| {
        let mut body = valid.clone();
        for (k, v) in patch.as_object().unwrap() {
            if v.is_null() {
                body.as_object_mut().unwrap().remove(k);
            } else {
                body[k] = v.clone();
            }
        }
        body
    };
    let cases = [
        (
            json!({"delega_declared": false}),
            422,
            "validation_failed",
            "delega_declared",
        ),
        (
            json!({"delega_declared": null}),
            422,
            "validation_failed",
            "delega_declared",
        ),
        (
            json!({"practice": null}),
            422,
            "validation_failed",
            "practice",
        ),
        (
            json!({"motive": "requirements_and_access"}),
            422,
            "validation_failed",
            "practice",
        ),
        (
            json!({"motive": "normative_clarification"}),
            422,
            "validation_failed",
            "motive",
        ),
        (json!({"text": ""}), 422, "validation_failed", "text"),
        (json!({"text": "   "}), 422, "validation_failed", "text"),
        (
            json!({"text": "x".repeat(4001)}),
            422,
            "validation_failed",
            "text",
        ),
        (
            json!({"notes": "x".repeat(2001)}),
            422,
            "validation_failed",
            "notes",
        ),
        (
            json!({"practice": {"kind": "pension", "number": "87654321"}}),
            422,
            "pension_role_not_allowed",
            "number",
        ),
        (
            json!({"practice": {"kind": "protocol", "number": "INPS.7013.01/01/2026.0000099"}}),
            422,
            "practice_not_linked",
            "number",
        ),
        (
            json!({"citizen_id": 999_999}),
            422,
            "citizen_not_found",
            "citizen_id",
        ),
        (
            json!({"topic_id": 999_999}),
            422,
            "topic_not_found",
            "topic_id",
        ),
        (
            json!({"office_id": 999_999}),
            422,
            "office_not_found",
            "office_id",
        ),
    ];
    for (patch, status, code, field) in cases {
        let result = operator.post("/requests", with(patch.clone())).await;
        let problem = assert_problem(&result, status, code);
        let fields: Vec<&str> = problem["errors"]
            .as_array()
            .map(|e| e.iter().map(|f| f["field"].as_str().unwrap()).collect())
            .unwrap_or_default();
        assert!(fields.contains(&field), "{patch}: {problem}");
    }
    let regional_only = topic_id(&operator, "NORMATIVA_GENERALE").await;
    assert_problem(
        &operator
            .post("/requests", with(json!({"topic_id": regional_only})))
            .await,
        422,
        "topic_not_allowed",
    );
    // Nothing was written by any refusal.
    let mut conn = app.pool.get().unwrap();
    let count: i64 = db::schema::requests::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(count, 0);

    assert_problem(
        &app.official().await.post("/requests", valid.clone()).await,
        403,
        "profile_not_allowed",
    );
    assert_problem(
        &app.referent().await.post("/requests", valid).await,
        403,
        "profile_not_allowed",
    );
}

#[actix_web::test]
async fn an_office_chosen_by_hand_is_recorded() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let (_, offices) = operator.get("/offices?name=milano&kind=provincial").await;
    let milano = offices["items"][0]["id"].as_i64().unwrap();
    let mut body = mario_request(&operator).await;
    body["office_id"] = json!(milano);
    let created = create(&operator, body.clone()).await;
    assert_eq!(created["office"]["name"], "MILANO");
    assert_eq!(created["office_chosen_by_hand"], true);
    assert_eq!(created["routing_reason"], "manual");
    // A second open request on the same topic is a warning, not a refusal.
    let again = create(&operator, body).await;
    assert_eq!(again["warnings"][0]["code"], "open_request_same_topic");

    let (_, crics) = operator.get("/offices?kind=cric&region=12").await;
    let mut wrong = mario_request(&operator).await;
    wrong["office_id"] = crics["items"][0]["id"].clone();
    assert_problem(
        &operator.post("/requests", wrong).await,
        422,
        "office_not_suitable",
    );
}

#[actix_web::test]
async fn regional_requests_go_to_the_cric_and_stay_regional() {
    let app = TestApp::spawn().await;
    let referent = app.referent().await;
    let topic = topic_id(&referent, "NORMATIVA_GENERALE").await;
    let body = json!({"kind": "regional", "motive": "normative_clarification", "topic_id": topic,
                      "text": "Chiarimento sulla circolare 12/2026."});
    let created = create(&referent, body.clone()).await;
    assert_eq!(created["office"]["kind"], "cric");
    assert_eq!(created["office"]["region"]["name"], "Lazio");
    assert_eq!(created["citizen"], Value::Null);
    let request = id(&created);

    let (_, history) = referent.get("/requests").await;
    assert_eq!(history["total"], 1);
    let as_operator = app.session("referente1", Some("operator")).await;
    let (_, history) = as_operator.get("/requests").await;
    assert_eq!(
        history["total"], 0,
        "the operator history holds citizen requests only"
    );
    let path = format!("/requests/{request}");
    assert_eq!(
        app.session("funzionario2", None).await.get(&path).await.0,
        StatusCode::OK
    );
    // The operator profile of the same patronato sees citizen requests only.
    assert_problem(
        &app.operator().await.get(&path).await,
        404,
        "request_not_found",
    );
    assert_problem(
        &app.official().await.get(&path).await,
        404,
        "request_not_found",
    );

    let mut with_citizen = body;
    with_citizen["citizen_id"] = json!(1);
    with_citizen["delega_declared"] = json!(true);
    let problem = assert_problem(
        &referent.post("/requests", with_citizen).await,
        422,
        "validation_failed",
    );
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2);
}

#[actix_web::test]
async fn requests_of_others_are_404_for_every_resource() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = id(&create(&operator, mario_request(&operator).await).await);
    let outsiders = [
        app.other_patronato().await,
        app.session("funzionario2", None).await,
        app.session("admin.inps", None).await,
        app.session("admin.patronato", Some("patronato_admin"))
            .await,
    ];
    for outsider in &outsiders {
        for (method, path, body) in [
            (Method::GET, format!("/requests/{request}"), None),
            (Method::GET, format!("/requests/{request}/messages"), None),
            (Method::GET, format!("/requests/{request}/reminders"), None),
            (
                Method::POST,
                format!("/requests/{request}/messages"),
                Some(json!({"text": "x"})),
            ),
            (Method::POST, format!("/requests/{request}/reminders"), None),
            (Method::POST, format!("/requests/{request}/take"), None),
            (
                Method::POST,
                format!("/requests/{request}/transfer"),
                Some(json!({"office_id": 1, "reason": "x"})),
            ),
        ] {
            let result = outsider.send(method.clone(), &path, body).await;
            assert_problem(&result, 404, "request_not_found");
        }
    }
    // A colleague of the same office reads and may follow up once answered.
    let colleague = app.session("operatore2", None).await;
    assert_eq!(
        colleague.get(&format!("/requests/{request}")).await.0,
        StatusCode::OK
    );
    assert_problem(
        &app.operator().await.get("/requests/999999").await,
        404,
        "request_not_found",
    );
}

#[actix_web::test]
async fn the_same_idempotency_key_never_creates_twice() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let body = mario_request(&operator).await;
    let send = |body: Value, key: &str| {
        app.client
            .post(app.url("/requests"))
            .bearer_auth(&operator.token)
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let first = send(body.clone(), "retry-42").await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let location = first
        .headers()
        .get("location")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let first: Value = first.json().await.unwrap();
    let second = send(body.clone(), "retry-42").await.unwrap();
    assert_eq!(second.status(), StatusCode::CREATED);
    assert_eq!(second.headers().get("idempotent-replayed").unwrap(), "true");
    let second: Value = second.json().await.unwrap();
    assert_eq!(first["id"], second["id"]);
    assert_eq!(location, format!("/api/v1/requests/{}", first["id"]));

    let mut other = body;
    other["text"] = json!("Un altro testo.");
    let result = crate::helpers::split(send(other.clone(), "retry-42").await.unwrap()).await;
    assert_problem(&result, 422, "idempotency_key_reused");
    assert_eq!(
        send(other, "retry-43").await.unwrap().status(),
        StatusCode::CREATED
    );

    // Keys are per user: a colleague's identical key is a different operation.
    let colleague = app.session("operatore2", None).await;
    let theirs = app
        .client
        .post(app.url("/requests"))
        .bearer_auth(&colleague.token)
        .header("Idempotency-Key", "retry-42")
        .json(&mario_request(&colleague).await)
        .send()
        .await
        .unwrap();
    assert_eq!(theirs.status(), StatusCode::CREATED);
    assert!(theirs.headers().get("idempotent-replayed").is_none());
    // Keys expire after 24 hours: then the key is free for a new operation.
    app.clock.advance(Duration::hours(25));
    let mut later = mario_request(&operator).await;
    later["text"] = json!("Dopo un giorno.");
    assert_eq!(
        send(later, "retry-42").await.unwrap().status(),
        StatusCode::CREATED
    );

    let mut conn = app.pool.get().unwrap();
    let count: i64 = db::schema::requests::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(count, 4);
}

#[actix_web::test]
async fn transfer_moves_the_request_and_the_history_shows_it() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let official = app.official().await;
    let request = id(&create(&operator, mario_request(&operator).await).await);
    dispatch(&app);
    let (_, offices) = official.get("/offices?name=milano&kind=provincial").await;
    let milano = offices["items"][0]["id"].as_i64().unwrap();
    let (status, _) = official
        .post(
            &format!("/requests/{request}/transfer"),
            json!({"office_id": milano, "reason": "Residenza effettiva a Milano."}),
        )
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_problem(
        &official.get(&format!("/requests/{request}")).await,
        404,
        "request_not_found",
    );
    let (_, detail) = operator.get(&format!("/requests/{request}")).await;
    assert_eq!(detail["status"], "sent");
    assert_eq!(detail["office"]["name"], "MILANO");
    let transfer = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "transferred")
        .unwrap();
    assert_eq!(transfer["detail"], "Residenza effettiva a Milano.");
    assert_eq!(transfer["to_office_id"], milano);
}

#[actix_web::test]
async fn an_office_without_a_suitable_official_keeps_the_request_in_its_queue() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mut body = mario_request(&operator).await;
    let (_, offices) = operator.get("/offices?name=milano&kind=provincial").await;
    body["office_id"] = offices["items"][0]["id"].clone();
    let request = id(&create(&operator, body).await);
    dispatch(&app);
    let (_, detail) = operator.get(&format!("/requests/{request}")).await;
    assert_eq!(detail["status"], "assigned");
    assert_eq!(detail["assigned_official"], Value::Null);
}

#[actix_web::test]
async fn protocol_numbers_stay_unique_under_200_parallel_creates() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let body = mario_request(&operator).await;
    let sends = (0..200).map(|_| {
        app.client
            .post(app.url("/requests"))
            .bearer_auth(&operator.token)
            .json(&body)
            .send()
    });
    let responses = futures_util::future::join_all(sends).await;
    let mut protocols = HashSet::new();
    for response in responses {
        let response = response.unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
        let detail: Value = response.json().await.unwrap();
        assert!(protocols.insert(detail["protocol"].as_str().unwrap().to_owned()));
    }
    assert_eq!(protocols.len(), 200);
    let mut conn = app.pool.get().unwrap();
    let stored: i64 = db::schema::requests::table
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(stored, 200, "none lost");
}

#[actix_web::test]
async fn the_history_filters_and_pages() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let body = mario_request(&operator).await;
    let mut ids = Vec::new();
    for n in 0..5 {
        let mut b = body.clone();
        b["text"] = json!(format!("Richiesta numero {n} sulla ricostituzione"));
        ids.push(id(&create(&operator, b).await));
        app.clock.advance(Duration::days(1));
    }
    let colleague = app.session("operatore2", None).await;
    let (_, office) = colleague.get("/requests").await;
    assert_eq!(office["total"], 5);
    let (_, mine) = colleague.get("/requests?scope=mine").await;
    assert_eq!(mine["total"], 0);
    let (_, page) = operator.get("/requests?limit=2").await;
    assert_eq!(page["items"][0]["id"], ids[4], "newest first");
    let cursor = page["next_cursor"].as_str().unwrap();
    let (_, next) = operator
        .get(&format!("/requests?limit=2&cursor={cursor}"))
        .await;
    assert_eq!(next["items"][0]["id"], ids[2]);
    let (_, by_date) = operator
        .get("/requests?date_from=2026-03-03&date_to=2026-03-04")
        .await;
    assert_eq!(by_date["total"], 2);
    let (_, by_cf) = operator.get("/requests?cf=bncmra50a01h501u").await;
    assert_eq!(by_cf["total"], 5);
    let (_, by_text) = operator.get("/requests?q=numero%203").await;
    assert_eq!(by_text["total"], 1, "{by_text}");
    let (_, by_status) = operator.get("/requests?status=closed").await;
    assert_eq!(by_status["total"], 0);
    let protocol = page["items"][0]["protocol"].as_str().unwrap().to_owned();
    let (_, by_protocol) = operator
        .get(&format!("/requests?protocol={}", urlencode(&protocol)))
        .await;
    assert_eq!(by_protocol["items"][0]["id"], ids[4]);
    let (_, other) = app.other_patronato().await.get("/requests").await;
    assert_eq!(other["total"], 0);
    let (_, queue) = app
        .official()
        .await
        .get("/requests?assigned=unassigned")
        .await;
    assert_eq!(queue["total"], 5);
}

fn urlencode(text: &str) -> String {
    text.replace('/', "%2F")
}

#[actix_web::test]
async fn reads_carry_an_etag_and_revalidate() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = id(&create(&operator, mario_request(&operator).await).await);
    let url = app.url(&format!("/requests/{request}"));
    let get = |tag: Option<String>| {
        let mut builder = app.client.get(&url).bearer_auth(&operator.token);
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

    dispatch(&app);
    let changed = get(Some(tag.clone())).await.unwrap();
    assert_eq!(changed.status(), StatusCode::OK, "the request changed");
    assert_ne!(
        changed.headers().get("etag").unwrap().to_str().unwrap(),
        tag
    );
}
