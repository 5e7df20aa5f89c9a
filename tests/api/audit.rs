//! The audit trail's read queue (RULES.md R14.2): every read lands, in batches, and a full
//! queue slows readers down instead of dropping entries.

use std::time::{Duration, Instant};

use api::audit::Trail;
use api::auth::AuthUser;
use db::schema::audit_log;
use diesel::prelude::*;
use domain::access::Viewer;
use types::{AuditAction, AuditResource, Profile, Side};

use crate::helpers::{send_mario_pension_request, TestApp};

fn entries(app: &TestApp, resource: AuditResource) -> Vec<Option<String>> {
    let mut conn = app.pool.get().unwrap();
    audit_log::table
        .filter(audit_log::resource_type.eq(resource.as_str()))
        .filter(audit_log::action.eq(AuditAction::Read.as_str()))
        .order(audit_log::id)
        .select(audit_log::resource_id)
        .load(&mut conn)
        .unwrap()
}

#[actix_web::test]
async fn every_read_of_a_request_is_in_the_trail_after_a_flush() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mut read = Vec::new();
    for _ in 0..3 {
        let id = send_mario_pension_request(&operator).await;
        for _ in 0..4 {
            operator.show_request(id).await.unwrap();
            read.push(Some(id.to_string()));
        }
    }

    app.state.audit.flush().await.unwrap();

    assert_eq!(entries(&app, AuditResource::Request), read);
}

#[actix_web::test]
async fn a_full_queue_makes_readers_wait_and_loses_nothing() {
    let app = TestApp::spawn().await;
    let me = app.operator().await.show_me().await.unwrap();
    let user = AuthUser(Viewer {
        user_id: me.id,
        profile: Profile::Operator,
        side: Side::Patronato,
        patronato_id: None,
        patronato_office_id: None,
        region_id: None,
        inps_office_id: None,
    });
    // The writer's only connection is held: it fills one batch, then cannot write it, and the
    // queue of two behind it fills up.
    let count = 600;
    let pool = db::build_pool(&app.state.config.database_url, 1).unwrap();
    let held = pool.get().unwrap();
    let trail = Trail::with_capacity(pool, Duration::from_millis(100), 2);
    let reader = {
        let trail = trail.clone();
        std::thread::spawn(move || {
            for i in 0..count {
                let at = chrono::Utc::now();
                let id = Some(format!("citizen-{i}"));
                trail
                    .read(
                        &user,
                        at,
                        AuditAction::Read,
                        AuditResource::Citizen,
                        id,
                        None,
                    )
                    .unwrap();
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while trail.waits() == 0 {
        assert!(
            Instant::now() < deadline,
            "the reader never found the queue full"
        );
        std::thread::yield_now();
    }
    assert!(
        !reader.is_finished(),
        "a reader waits while the queue is full"
    );

    drop(held);
    reader.join().unwrap();
    trail.flush_blocking().unwrap();

    let expected: Vec<Option<String>> = (0..count).map(|i| Some(format!("citizen-{i}"))).collect();
    assert_eq!(entries(&app, AuditResource::Citizen), expected);
}

#[actix_web::test]
async fn a_graceful_stop_writes_the_queued_reads() {
    // Entries would wait an hour: only the stop writes them.
    let app = TestApp::spawn_with(|config| config.audit_flush_ms = 3_600_000).await;
    let operator = app.operator().await;
    let id = send_mario_pension_request(&operator).await;
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let server = api::server(app.state.clone(), listener).unwrap();
    let handle = server.handle();
    let running = actix_web::rt::spawn(api::serve_until_stopped(server, app.state.audit.clone()));
    let reader = client::Client::new(&address);
    reader.use_access_token(&operator.access_token().unwrap());
    for _ in 0..3 {
        reader.show_request(id).await.unwrap();
    }
    assert!(
        entries(&app, AuditResource::Request).is_empty(),
        "still queued"
    );

    handle.stop(true).await;
    running.await.unwrap().unwrap();

    assert_eq!(
        entries(&app, AuditResource::Request),
        vec![Some(id.to_string()); 3]
    );
}
