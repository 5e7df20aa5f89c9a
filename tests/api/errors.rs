//! Bad input of any kind: a problem document with a 4xx, never a 500.
//!
//! Most of these requests are what a typed client cannot send (broken JSON, unknown fields,
//! unparsable query strings, undeclared methods), so they go raw.

use reqwest::{Method, StatusCode};
use serde_json::json;
use types::offices::OfficeQuery;
use types::problem::Problem;
use types::territory::{ComuneQuery, ProvinceQuery};

use crate::helpers::{assert_problem, decode, send, TestApp};

#[actix_web::test]
async fn malformed_json_is_400() {
    let app = TestApp::spawn().await;
    let response = app
        .raw(Method::POST, "/auth/token")
        .header("content-type", "application/json")
        .body("{\"username\": ")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/problem+json")
    );
    assert_problem(&decode(response).await.unwrap_err(), 400, "malformed_body");
}

#[actix_web::test]
async fn wrong_content_type_is_415_and_huge_bodies_413() {
    let app = TestApp::spawn().await;
    let plain = app
        .raw(Method::POST, "/auth/token")
        .header("content-type", "text/plain")
        .body("username=a");
    assert_problem(
        &send(plain).await.unwrap_err(),
        415,
        "unsupported_media_type",
    );

    let huge = "x".repeat(200 * 1024);
    let refused = app.client().sign_in(&huge, "x", None).await.unwrap_err();
    assert_problem(&refused, 413, "payload_too_large");
}

#[actix_web::test]
async fn unknown_fields_are_refused() {
    let app = TestApp::spawn().await;
    let body = json!({"username": "a", "password": "b", "admin": true});
    let refused = send(app.raw(Method::POST, "/auth/token").json(&body)).await;
    assert_problem(&refused.unwrap_err(), 422, "invalid_body");
}

#[actix_web::test]
async fn unknown_paths_are_404_and_wrong_methods_405() {
    let app = TestApp::spawn().await;
    assert_problem(
        &send(app.raw(Method::GET, "/api/v1/nothing-here"))
            .await
            .unwrap_err(),
        404,
        "not_found",
    );
    let response = app.raw(Method::DELETE, "/auth/token").send().await.unwrap();
    assert_eq!(
        response
            .headers()
            .get("allow")
            .and_then(|v| v.to_str().ok()),
        Some("POST")
    );
    assert_problem(
        &decode(response).await.unwrap_err(),
        405,
        "method_not_allowed",
    );
    let operator = app.operator().await;
    let put = app
        .raw_as(&operator, Method::PUT, "/offices/1")
        .json(&json!({}));
    assert_problem(&send(put).await.unwrap_err(), 405, "method_not_allowed");
    let not_an_id = app.raw_as(&operator, Method::GET, "/offices/not-a-number");
    assert_problem(&send(not_an_id).await.unwrap_err(), 404, "not_found");
}

#[actix_web::test]
async fn bad_query_parameters_are_4xx() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    // Values no query type can hold.
    let unparsable = [
        ("/offices?limit=abc", 400, "invalid_query"),
        ("/offices?kind=castle", 400, "invalid_query"),
        ("/topics?kind=other", 400, "invalid_query"),
    ];
    for (path, status, code) in unparsable {
        let refused = send(app.raw_as(&operator, Method::GET, path)).await;
        let refused = refused.expect_err(path);
        assert_eq!(refused.status().map(|s| s.as_u16()), Some(status), "{path}");
        assert_problem(&refused, status, code);
    }
    let paging = [
        (Some(0), None, "validation_failed"),
        (Some(201), None, "validation_failed"),
        (None, Some("@@@"), "validation_failed"),
        (None, Some("abcd"), "invalid_cursor"),
    ];
    for (limit, cursor, code) in paging {
        let query = OfficeQuery {
            limit,
            cursor: cursor.map(str::to_owned),
            ..Default::default()
        };
        let refused = operator.list_offices(&query).await;
        assert_problem(&refused.expect_err(&format!("{query:?}")), 422, code);
    }
    let no_region = ProvinceQuery {
        region: Some(String::new()),
        ..Default::default()
    };
    let refused = operator.list_provinces(&no_region).await.unwrap_err();
    assert_problem(&refused, 422, "validation_failed");
    let short_cap = ComuneQuery {
        cap: Some("123".into()),
        ..Default::default()
    };
    let not_a_province = ComuneQuery {
        province: Some("R0".into()),
        ..Default::default()
    };
    for query in [short_cap, not_a_province] {
        let refused = operator.list_comuni(&query).await;
        assert_problem(
            &refused.expect_err(&format!("{query:?}")),
            422,
            "validation_failed",
        );
    }
}

#[actix_web::test]
async fn probes_answer() {
    let app = TestApp::spawn().await;
    let probes = app.client();
    assert_eq!(probes.health().await.unwrap().status, "ok");
    let ready = probes.ready().await.unwrap();
    assert_eq!(ready.status, "ok");
    let expected = if crate::helpers::on_postgres() {
        "postgresql"
    } else {
        "sqlite"
    };
    assert_eq!(ready.database, expected);
}

#[actix_web::test]
async fn status_answers_a_problem_document_in_the_guidelines_shape() {
    let app = TestApp::spawn().await;
    // Raw for the content type; the body is the typed problem document.
    let response = app.raw(Method::GET, "/status").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: Problem = response.json().await.unwrap();
    assert_eq!(body.status, 200);
    assert_eq!(app.client().status().await.unwrap(), body);
}

#[actix_web::test]
async fn every_path_answers_an_undeclared_method_with_405_and_allow() {
    let app = TestApp::spawn().await;
    let cases = [
        ("/health", "GET"),
        ("/ready", "GET"),
        ("/status", "GET"),
        ("/api/v1/auth/token", "POST"),
        ("/api/v1/requests/1/take", "POST"),
    ];
    for (path, allow) in cases {
        for method in [Method::TRACE, Method::PUT, Method::DELETE] {
            let response = app.raw(method.clone(), path).send().await.unwrap();
            assert_eq!(
                response.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
            assert_eq!(response.headers()["allow"], allow, "{method} {path}");
            assert_eq!(
                response.headers()["content-type"],
                "application/problem+json"
            );
        }
    }
}
