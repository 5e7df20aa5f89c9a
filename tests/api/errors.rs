//! Bad input of any kind: a problem document with a 4xx, never a 500.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, split, TestApp};

#[actix_web::test]
async fn malformed_json_is_400() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/auth/token"))
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
    assert_problem(&split(response).await, 400, "malformed_body");
}

#[actix_web::test]
async fn wrong_content_type_is_415_and_huge_bodies_413() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/auth/token"))
        .header("content-type", "text/plain")
        .body("username=a")
        .send()
        .await
        .unwrap();
    assert_problem(&split(response).await, 415, "unsupported_media_type");

    let huge = "x".repeat(200 * 1024);
    let result = app
        .anonymous(
            Method::POST,
            "/auth/token",
            Some(json!({"username": huge, "password": "x"})),
        )
        .await;
    assert_problem(&result, 413, "payload_too_large");
}

#[actix_web::test]
async fn unknown_fields_are_refused() {
    let app = TestApp::spawn().await;
    let result = app
        .anonymous(
            Method::POST,
            "/auth/token",
            Some(json!({"username": "a", "password": "b", "admin": true})),
        )
        .await;
    assert_problem(&result, 422, "invalid_body");
}

#[actix_web::test]
async fn unknown_paths_are_404_and_wrong_methods_405() {
    let app = TestApp::spawn().await;
    assert_problem(
        &app.anonymous(Method::GET, "/api/v1/nothing-here", None)
            .await,
        404,
        "not_found",
    );
    let response = app
        .client
        .delete(app.url("/auth/token"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response
            .headers()
            .get("allow")
            .and_then(|v| v.to_str().ok()),
        Some("POST")
    );
    assert_problem(&split(response).await, 405, "method_not_allowed");
    let operator = app.operator().await;
    assert_problem(
        &operator
            .send(Method::PUT, "/offices/1", Some(json!({})))
            .await,
        405,
        "method_not_allowed",
    );
    assert_problem(
        &operator.get("/offices/not-a-number").await,
        404,
        "not_found",
    );
}

#[actix_web::test]
async fn bad_query_parameters_are_4xx() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let cases = [
        ("/offices?limit=abc", 400, "invalid_query"),
        ("/offices?kind=castle", 400, "invalid_query"),
        ("/topics?kind=other", 400, "invalid_query"),
        ("/offices?limit=0", 422, "validation_failed"),
        ("/offices?limit=201", 422, "validation_failed"),
        ("/offices?cursor=@@@", 422, "validation_failed"),
        ("/offices?cursor=abcd", 422, "invalid_cursor"),
        ("/territory/provinces?region=", 422, "validation_failed"),
        ("/territory/comuni?cap=123", 422, "validation_failed"),
        ("/territory/comuni?province=R0", 422, "validation_failed"),
    ];
    for (path, status, code) in cases {
        let result = operator.get(path).await;
        assert_eq!(result.0.as_u16(), status, "{path}: {}", result.1);
        assert_problem(&result, status, code);
    }
}

#[actix_web::test]
async fn probes_answer() {
    let app = TestApp::spawn().await;
    let (status, health) = app.anonymous(Method::GET, "/health", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["status"], "ok");
    let (status, ready) = app.anonymous(Method::GET, "/ready", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ready["status"], "ok");
    let expected = if crate::helpers::on_postgres() {
        "postgresql"
    } else {
        "sqlite"
    };
    assert_eq!(ready["database"], expected);
}

#[actix_web::test]
async fn status_answers_a_problem_document_in_the_guidelines_shape() {
    let app = TestApp::spawn().await;
    let response = app.client.get(app.url("/status")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], 200);
    assert!(body["title"].is_string());
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
            let response = app
                .client
                .request(method.clone(), app.url(path))
                .send()
                .await
                .unwrap();
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
