//! Practice ↔ person verification with the exact messages of the service.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::{assert_problem, citizen_id, TestApp};

const PENSION_ROLE: &str = "Per il codice fiscale inserito, associato al numero della pensione \
indicata, non può essere richiesta alcuna informazione in quanto si riferisce a soggetto diverso \
da: Titolare, Amministratore di sostegno, Tutore.";

#[actix_web::test]
async fn the_holder_of_a_pension_may_ask() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mario = citizen_id(&operator, "BNCMRA50A01H501U", "BIANCHI").await;
    let (status, body) = operator
        .post(
            "/practices/verify",
            json!({"citizen_id": mario, "kind": "pension", "number": " 12345678 "}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({"kind": "pension", "number": "12345678", "role": "holder"})
    );
}

#[actix_web::test]
async fn an_heir_may_not_ask_about_the_pension() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mario = citizen_id(&operator, "BNCMRA50A01H501U", "BIANCHI").await;
    let result = operator
        .post(
            "/practices/verify",
            json!({"citizen_id": mario, "kind": "pension", "number": "87654321"}),
        )
        .await;
    let problem = assert_problem(&result, 422, "pension_role_not_allowed");
    assert_eq!(problem["detail"], PENSION_ROLE);
}

#[actix_web::test]
async fn a_protocol_linked_to_the_person_is_accepted_and_not_to_the_omocode() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mario = citizen_id(&operator, "BNCMRA50A01H501U", "BIANCHI").await;
    let other = citizen_id(&operator, "BNCMRA50A01H501U", "BIANCHINI").await;
    let body = |who: i64| json!({"citizen_id": who, "kind": "protocol", "number": "INPS.7013.01/02/2026.0000001"});
    let (status, ok) = operator.post("/practices/verify", body(mario)).await;
    assert_eq!(status, StatusCode::OK, "{ok}");
    assert_eq!(ok["role"], "holder");

    let result = operator.post("/practices/verify", body(other)).await;
    let problem = assert_problem(&result, 422, "practice_not_linked");
    assert_eq!(
        problem["detail"],
        "Numero di protocollo non corretto o non associato al codice fiscale"
    );
}

#[actix_web::test]
async fn the_message_names_the_kind_of_number() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mario = citizen_id(&operator, "BNCMRA50A01H501U", "BIANCHI").await;
    let cases = [
        (
            "pension",
            "Numero pensione non corretto o non associato al codice fiscale",
        ),
        (
            "domus",
            "Numero Domus non corretto o non associato al codice fiscale",
        ),
        (
            "rdc",
            "Numero domanda RDC non corretto o non associato al codice fiscale",
        ),
        (
            "rem",
            "Numero domanda REM non corretto o non associato al codice fiscale",
        ),
    ];
    for (kind, message) in cases {
        let result = operator
            .post(
                "/practices/verify",
                json!({"citizen_id": mario, "kind": kind, "number": "00000000"}),
            )
            .await;
        let problem = assert_problem(&result, 422, "practice_not_linked");
        assert_eq!(problem["detail"], message);
        assert_eq!(problem["errors"][0]["field"], "number");
    }
}

#[actix_web::test]
async fn bad_verification_requests_are_4xx() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    assert_problem(
        &operator
            .post(
                "/practices/verify",
                json!({"citizen_id": 999_999, "kind": "pension", "number": "12345678"}),
            )
            .await,
        404,
        "citizen_not_found",
    );
    assert_problem(
        &operator
            .post(
                "/practices/verify",
                json!({"citizen_id": 1, "kind": "passport", "number": "1"}),
            )
            .await,
        422,
        "invalid_body",
    );
    assert_problem(
        &operator
            .post(
                "/practices/verify",
                json!({"citizen_id": 1, "kind": "pension", "number": ""}),
            )
            .await,
        422,
        "validation_failed",
    );
    assert_problem(
        &app.official()
            .await
            .post(
                "/practices/verify",
                json!({"citizen_id": 1, "kind": "pension", "number": "12345678"}),
            )
            .await,
        403,
        "profile_not_allowed",
    );
}
