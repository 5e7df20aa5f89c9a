//! The sandbox test clock.

use chrono::NaiveDate;
use reqwest::Method;
use serde_json::json;
use types::system::AdvanceClock;

use crate::helpers::{assert_problem, send, start_instant, TestApp};

#[actix_web::test]
async fn the_sandbox_clock_moves_forward_by_days() {
    let app = TestApp::spawn().await;
    let clock = app.client().show_clock().await.unwrap();
    assert_eq!(clock.today, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    assert_eq!(clock.offset_days, 0);

    let operator = app.operator().await;
    let moved = operator
        .advance_clock(&AdvanceClock { advance_days: 15 })
        .await
        .unwrap();
    assert_eq!(moved.today, NaiveDate::from_ymd_opt(2026, 3, 17).unwrap());
    assert_eq!(moved.offset_days, 15);
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
    for advance_days in [0, -3] {
        assert_problem(
            &operator
                .advance_clock(&AdvanceClock { advance_days })
                .await
                .unwrap_err(),
            422,
            "validation_failed",
        );
    }
    let anonymous = app
        .raw(Method::POST, "/sandbox/clock")
        .json(&json!({"advance_days": 1}));
    assert_problem(&send(anonymous).await.unwrap_err(), 401, "missing_token");
}

#[actix_web::test]
async fn without_sandbox_mode_the_clock_does_not_exist() {
    let app = TestApp::spawn_with(|c| c.sandbox = false).await;
    assert_problem(
        &app.client().show_clock().await.unwrap_err(),
        404,
        "not_found",
    );
    let operator = app.operator().await;
    assert_problem(
        &operator
            .advance_clock(&AdvanceClock { advance_days: 1 })
            .await
            .unwrap_err(),
        404,
        "not_found",
    );
}
