//! A panic is a defect, not an outage: it answers 500 with a problem document and leaves no
//! transaction open behind it (RULES.md R14.4).

use std::time::{Duration, Instant};

use actix_web::body::to_bytes;
use actix_web::{test, web, App, HttpResponse};
use api::error::ApiError;
use api::state::AppState;
use chrono::Utc;
use db::audit::NewAuditEntry;
use diesel::prelude::*;
use domain::enums::{AuditAction, AuditResource};
use types::problem::Problem;

use crate::helpers::TestApp;

fn entry(detail: &str) -> NewAuditEntry {
    NewAuditEntry {
        at: Utc::now().naive_utc(),
        user_id: None,
        profile: None,
        patronato_id: None,
        inps_office_id: None,
        action: AuditAction::Create,
        resource_type: AuditResource::Session,
        resource_id: None,
        detail: Some(detail.to_owned()),
    }
}

/// Writes one row in a write transaction, then panics before committing.
async fn write_then_panic(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    state
        .db(|conn| {
            db::write_tx(conn, |conn| -> Result<(), ApiError> {
                db::audit::record(conn, &entry("half-written"))?;
                panic!("a defect in the middle of a write")
            })
        })
        .await?;
    Ok(HttpResponse::Ok().finish())
}

/// Panics in the async part of a handler.
async fn panic_in_handler() -> HttpResponse {
    panic!("a defect outside the database work")
}

fn count(app: &TestApp, detail: &str) -> i64 {
    use db::schema::audit_log;
    let mut conn = app.pool.get().unwrap();
    audit_log::table
        .filter(audit_log::detail.eq(detail))
        .count()
        .get_result(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn a_panic_mid_write_answers_500_and_leaves_no_transaction_open() {
    let app = TestApp::spawn().await;
    let service = test::init_service(
        App::new()
            .app_data(web::Data::new(app.state.clone()))
            .wrap(actix_web::middleware::from_fn(api::panics::catch_panics))
            .route("/write-then-panic", web::post().to(write_then_panic))
            .route("/panic", web::post().to(panic_in_handler)),
    )
    .await;
    for path in ["/write-then-panic", "/panic"] {
        let request = test::TestRequest::post().uri(path).to_request();
        // An error out of the middleware becomes its error response, as the server does it.
        let (status, body) = match test::try_call_service(&service, request).await {
            Ok(response) => (response.status(), test::read_body(response).await),
            Err(error) => {
                let response = error.error_response();
                let status = response.status();
                (status, to_bytes(response.into_body()).await.unwrap())
            }
        };
        assert_eq!(status.as_u16(), 500, "{path}: {body:?}");
        let problem: Problem = serde_json::from_slice(&body).unwrap();
        assert_eq!(problem.code, "internal_error");
        assert!(
            !problem.detail.contains("defect"),
            "no internals in the answer"
        );
    }
    assert_eq!(
        count(&app, "half-written"),
        0,
        "the half-written row is gone"
    );

    // Every connection the pool hands out next is clean: writes neither wait for a lock left
    // behind nor land in a transaction that never commits.
    let started = Instant::now();
    for _ in 0..20 {
        app.state
            .db(|conn| db::write_tx(conn, |conn| Ok(db::audit::record(conn, &entry("after"))?)))
            .await
            .unwrap();
    }
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "20 writes took {:?}",
        started.elapsed()
    );
    assert_eq!(count(&app, "after"), 20, "all 20 committed");
    let operator = app.operator().await;
    let (status, _) = operator.get("/me").await;
    assert_eq!(status.as_u16(), 200);
}
