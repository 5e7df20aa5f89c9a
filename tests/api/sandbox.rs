//! The sandbox test clock.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{assert_problem, start_instant, TestApp};

#[actix_web::test]
async fn the_sandbox_clock_moves_forward_by_days() {
    let app = TestApp::spawn().await;
    let (status, clock) = app.anonymous(Method::GET, "/sandbox/clock", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(clock["today"], "2026-03-02");
    assert_eq!(clock["offset_days"], 0);

    let operator = app.operator().await;
    let (status, moved) = operator
        .post("/sandbox/clock", json!({"advance_days": 15}))
        .await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!(moved["today"], "2026-03-17");
    assert_eq!(moved["offset_days"], 15);
    // Every rule reads the same clock.
    assert_eq!(
        domain::clock::Clock::now(&*app.clock),
        start_instant() + chrono::Duration::days(15)
    );
}

#[actix_web::test]
async fn the_clock_never_goes_back_and_needs_a_token_to_move() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    assert_problem(
        &operator
            .post("/sandbox/clock", json!({"advance_days": 0}))
            .await,
        422,
        "validation_failed",
    );
    assert_problem(
        &operator
            .post("/sandbox/clock", json!({"advance_days": -3}))
            .await,
        422,
        "validation_failed",
    );
    assert_problem(
        &app.anonymous(
            Method::POST,
            "/sandbox/clock",
            Some(json!({"advance_days": 1})),
        )
        .await,
        401,
        "missing_token",
    );
}

#[actix_web::test]
async fn without_sandbox_mode_the_clock_does_not_exist() {
    let app = TestApp::spawn_with(|c| c.sandbox = false).await;
    assert_problem(
        &app.anonymous(Method::GET, "/sandbox/clock", None).await,
        404,
        "not_found",
    );
    let operator = app.operator().await;
    assert_problem(
        &operator
            .post("/sandbox/clock", json!({"advance_days": 1}))
            .await,
        404,
        "not_found",
    );
}
