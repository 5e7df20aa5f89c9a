//! Practice ↔ person verification with the exact messages of the service.

use client::Client;
use reqwest::Method;
use serde_json::json;
use types::ids::CitizenId;
use types::practices::{PracticeVerification, PracticeVerifyRequest};
use types::{PracticeKind, PracticeRole};

use crate::helpers::{assert_problem, citizen_id, mario, send, TestApp, MARIO_CF};

const PENSION_ROLE: &str = "Per il codice fiscale inserito, associato al numero della pensione \
indicata, non può essere richiesta alcuna informazione in quanto si riferisce a soggetto diverso \
da: Titolare, Amministratore di sostegno, Tutore.";

fn practice(citizen_id: CitizenId, kind: PracticeKind, number: &str) -> PracticeVerifyRequest {
    PracticeVerifyRequest {
        citizen_id,
        kind,
        number: number.into(),
    }
}

async fn verify(
    session: &Client,
    body: PracticeVerifyRequest,
) -> client::Result<PracticeVerification> {
    session.verify_practice(&body).await
}

#[actix_web::test]
async fn the_holder_of_a_pension_may_ask() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mario = mario(&operator).await;
    let verified = verify(
        &operator,
        practice(mario, PracticeKind::Pension, " 12345678 "),
    )
    .await
    .unwrap();
    assert_eq!(
        verified,
        PracticeVerification {
            kind: PracticeKind::Pension,
            number: "12345678".into(),
            role: PracticeRole::Holder
        }
    );
}

#[actix_web::test]
async fn an_heir_may_not_ask_about_the_pension() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mario = mario(&operator).await;
    let refused = verify(
        &operator,
        practice(mario, PracticeKind::Pension, "87654321"),
    )
    .await;
    let problem = assert_problem(&refused.unwrap_err(), 422, "pension_role_not_allowed");
    assert_eq!(problem.detail, PENSION_ROLE);
}

#[actix_web::test]
async fn a_protocol_linked_to_the_person_is_accepted_and_not_to_the_omocode() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mario = mario(&operator).await;
    let other = citizen_id(&operator, MARIO_CF, "BIANCHINI").await;
    let body = |who| practice(who, PracticeKind::Protocol, "INPS.7013.01/02/2026.0000001");
    let verified = verify(&operator, body(mario)).await.unwrap();
    assert_eq!(verified.role, PracticeRole::Holder);

    let refused = verify(&operator, body(other)).await.unwrap_err();
    let problem = assert_problem(&refused, 422, "practice_not_linked");
    assert_eq!(
        problem.detail,
        "Numero di protocollo non corretto o non associato al codice fiscale"
    );
}

#[actix_web::test]
async fn the_message_names_the_kind_of_number() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mario = mario(&operator).await;
    let cases = [
        (
            PracticeKind::Pension,
            "Numero pensione non corretto o non associato al codice fiscale",
        ),
        (
            PracticeKind::Domus,
            "Numero Domus non corretto o non associato al codice fiscale",
        ),
        (
            PracticeKind::Rdc,
            "Numero domanda RDC non corretto o non associato al codice fiscale",
        ),
        (
            PracticeKind::Rem,
            "Numero domanda REM non corretto o non associato al codice fiscale",
        ),
    ];
    for (kind, message) in cases {
        let refused = verify(&operator, practice(mario, kind, "00000000")).await;
        let problem = assert_problem(&refused.unwrap_err(), 422, "practice_not_linked");
        assert_eq!(problem.detail, message);
        assert_eq!(problem.errors[0].field, "number");
    }
}

#[actix_web::test]
async fn bad_verification_requests_are_4xx() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let nobody = practice(CitizenId(999_999), PracticeKind::Pension, "12345678");
    assert_problem(
        &verify(&operator, nobody).await.unwrap_err(),
        404,
        "citizen_not_found",
    );
    // A kind no enum can hold.
    let passport = app
        .raw_as(&operator, Method::POST, "/practices/verify")
        .json(&json!({"citizen_id": 1, "kind": "passport", "number": "1"}));
    assert_problem(&send(passport).await.unwrap_err(), 422, "invalid_body");
    let empty = practice(CitizenId(1), PracticeKind::Pension, "");
    assert_problem(
        &verify(&operator, empty).await.unwrap_err(),
        422,
        "validation_failed",
    );
    let official = practice(CitizenId(1), PracticeKind::Pension, "12345678");
    assert_problem(
        &verify(&app.official().await, official).await.unwrap_err(),
        403,
        "profile_not_allowed",
    );
}
