//! Routing preview: CAP coverage, hub overrides, the regional CRIC, and refusals.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{assert_problem, citizen_id, topic_id, TestApp};

#[actix_web::test]
async fn an_ordinary_topic_routes_mario_bianchi_to_pomezia() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mario = citizen_id(&operator, "BNCMRA50A01H501U", "BIANCHI").await;
    let naspi = topic_id(&operator, "NASPI").await;
    let (status, body) = operator
        .post(
            "/routing/preview",
            json!({"kind": "citizen", "citizen_id": mario, "topic_id": naspi}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["reason"], "cap_coverage");
    assert_eq!(body["office"]["code"], "7013");
    assert_eq!(body["office"]["kind"], "agency");
    assert_eq!(
        body["office"]["display_name"],
        "POMEZIA — Via Pontina Km 28.400, 00071 Pomezia"
    );
    assert!(body["notice"].as_str().unwrap().contains("automaticamente"));
}

#[actix_web::test]
async fn a_hub_override_wins_over_cap_coverage() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mario = citizen_id(&operator, "BNCMRA50A01H501U", "BIANCHI").await;
    let nationwide = topic_id(&operator, "PENS_NON_CONV").await;
    let (_, body) = operator
        .post(
            "/routing/preview",
            json!({"kind": "citizen", "citizen_id": mario, "topic_id": nationwide}),
        )
        .await;
    assert_eq!(body["reason"], "hub_override", "{body}");
    assert_eq!(body["office"]["kind"], "hub");

    // A regional override applies in its region only.
    let vigilanza = topic_id(&operator, "VIGILANZA").await;
    let (_, lazio) = operator
        .post(
            "/routing/preview",
            json!({"kind": "citizen", "cap": "00071", "topic_id": vigilanza}),
        )
        .await;
    assert_eq!(lazio["reason"], "hub_override", "{lazio}");
    let (_, milano) = operator
        .post(
            "/routing/preview",
            json!({"kind": "citizen", "cap": "20124", "topic_id": vigilanza}),
        )
        .await;
    assert_eq!(milano["reason"], "cap_coverage", "{milano}");
    assert_eq!(milano["office"]["name"], "MILANO");
}

#[actix_web::test]
async fn regional_requests_go_to_the_cric() {
    let app = TestApp::spawn().await;
    let referent = app.referent().await;
    let topic = topic_id(&referent, "NORMATIVA_GENERALE").await;
    let (status, body) = referent
        .post(
            "/routing/preview",
            json!({"kind": "regional", "topic_id": topic}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["reason"], "regional_cric");
    assert_eq!(body["office"]["kind"], "cric");
    assert_eq!(body["office"]["region"]["name"], "Lazio");
    assert!(body["notice"].as_str().unwrap().contains("Sede Regionale"));

    let (_, lombardia) = referent
        .post(
            "/routing/preview",
            json!({"kind": "regional", "topic_id": topic, "region_code": "03"}),
        )
        .await;
    assert_eq!(lombardia["office"]["region"]["name"], "Lombardia");
}

#[actix_web::test]
async fn routing_refusals_are_explicit() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let naspi = topic_id(&operator, "NASPI").await;
    assert_problem(
        &operator
            .post(
                "/routing/preview",
                json!({"kind": "citizen", "cap": "99999", "topic_id": naspi}),
            )
            .await,
        422,
        "no_competent_office",
    );
    let regional_only = topic_id(&operator, "NORMATIVA_GENERALE").await;
    assert_problem(
        &operator
            .post(
                "/routing/preview",
                json!({"kind": "citizen", "cap": "00071", "topic_id": regional_only}),
            )
            .await,
        422,
        "topic_not_allowed",
    );
    // An operator has no region of its own.
    assert_problem(
        &operator
            .post(
                "/routing/preview",
                json!({"kind": "regional", "topic_id": naspi}),
            )
            .await,
        422,
        "region_required",
    );
    assert_problem(
        &operator
            .post(
                "/routing/preview",
                json!({"kind": "citizen", "topic_id": naspi}),
            )
            .await,
        422,
        "validation_failed",
    );
    assert_problem(
        &operator
            .post(
                "/routing/preview",
                json!({"kind": "citizen", "cap": "00071", "topic_id": 999_999}),
            )
            .await,
        404,
        "topic_not_found",
    );
    assert_problem(
        &app.official()
            .await
            .post(
                "/routing/preview",
                json!({"kind": "citizen", "cap": "00071", "topic_id": naspi}),
            )
            .await,
        403,
        "profile_not_allowed",
    );
}
