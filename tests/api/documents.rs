//! What the API answers, whole: the request detail each side reads and the problem documents
//! of the main refusals, compared with the snapshots in `snapshots/`. Ids, the sequence part of
//! protocol numbers and instants are redacted, so both databases give the same documents.
//!
//! A changed document fails the test: after an intended change, `just snapshots` rewrites the
//! snapshots; read the diff and commit them with the change.

use client::{Client, Error};
use insta::internals::{Content, Redaction};
use reqwest::Method;
use types::ids::RequestId;
use types::practices::PracticeVerifyRequest;
use types::requests::{CreateRequest, PostMessage, PracticeRef};
use types::PracticeKind;

use crate::helpers::{
    assert_problem, citizen_id, decode, mario_pension_request, send_mario_pension_request, TestApp,
    MARIO_CF,
};

/// Replaces a value, but leaves a null visible.
fn unless_null(placeholder: &'static str) -> Redaction {
    insta::dynamic_redaction(move |value: Content, _| {
        if value.is_nil() {
            value
        } else {
            Content::from(placeholder)
        }
    })
}

/// `INPS.7013.02/03/2026.0000001` → `INPS.7013.02/03/2026.[seq]`.
fn protocol_sequence() -> Redaction {
    insta::dynamic_redaction(|value: Content, _| {
        match value.as_str().and_then(|p| p.rsplit_once('.')) {
            Some((office_and_day, _)) => Content::from(format!("{office_and_day}.[seq]")),
            None => value,
        }
    })
}

fn redacted() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    for id in [
        "id",
        "actor_id",
        "from_office_id",
        "to_office_id",
        "sent_by",
        "request_id",
        "message_id",
    ] {
        settings.add_redaction(&format!(".**.{id}"), unless_null("[id]"));
    }
    for instant in [
        "created_at",
        "delega_declared_at",
        "at",
        "sent_at",
        "linked_at",
        "expires_at",
    ] {
        settings.add_redaction(&format!(".**.{instant}"), unless_null("[time]"));
    }
    settings.add_redaction(".**.protocol", protocol_sequence());
    settings
}

/// Asserts the refusal and compares its problem document with the snapshot `name`.
#[track_caller]
fn assert_problem_snapshot(name: &str, error: &Error, status: u16, code: &str) {
    let problem = assert_problem(error, status, code);
    redacted().bind(|| insta::assert_json_snapshot!(name, problem));
}

#[actix_web::test]
async fn a_dispatched_request_shows_each_side_what_it_may_do() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = send_mario_pension_request(&operator).await;
    app.dispatch();
    let seen_by_operator = operator.show_request(request).await.unwrap();
    let seen_by_official = app.official().await.show_request(request).await.unwrap();
    redacted().bind(|| {
        insta::assert_json_snapshot!("request_detail_seen_by_the_operator", seen_by_operator);
        insta::assert_json_snapshot!("request_detail_seen_by_the_official", seen_by_official);
    });
}

#[actix_web::test]
async fn refused_creations_say_which_fields_and_which_rule() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let valid = mario_pension_request(&operator).await;
    let incomplete = CreateRequest {
        delega_declared: Some(false),
        text: "   ".into(),
        ..valid.clone()
    };
    assert_problem_snapshot(
        "validation_failed",
        &operator.create_request(&incomplete).await.unwrap_err(),
        422,
        "validation_failed",
    );
    let heirs_pension = CreateRequest {
        practice: Some(PracticeRef {
            kind: PracticeKind::Pension,
            number: "87654321".into(),
        }),
        ..valid
    };
    assert_problem_snapshot(
        "pension_role_not_allowed",
        &operator.create_request(&heirs_pension).await.unwrap_err(),
        422,
        "pension_role_not_allowed",
    );
    let omocode = PracticeVerifyRequest {
        citizen_id: citizen_id(&operator, MARIO_CF, "BIANCHINI").await,
        kind: PracticeKind::Protocol,
        number: "INPS.7013.01/02/2026.0000001".into(),
    };
    assert_problem_snapshot(
        "practice_not_linked",
        &operator.verify_practice(&omocode).await.unwrap_err(),
        422,
        "practice_not_linked",
    );
}

#[actix_web::test]
async fn a_draft_attachment_and_the_upload_refusals() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let draft = operator
        .upload_attachment("Estratto conto.pdf", b"%PDF-1.7\n%%EOF\n")
        .await
        .unwrap()
        .body;
    redacted().bind(|| insta::assert_json_snapshot!("attachment_draft", draft));
    assert_problem_snapshot(
        "attachment_content_mismatch",
        &operator
            .upload_attachment("programma.pdf", b"MZ\x90\x00\x03\x00\x00\x00")
            .await
            .unwrap_err(),
        415,
        "attachment_content_mismatch",
    );
    let too_large = vec![b'a'; domain::attachments::MAX_BYTES as usize + 1];
    assert_problem_snapshot(
        "attachment_too_large",
        &operator
            .upload_attachment("nota.txt", &too_large)
            .await
            .unwrap_err(),
        413,
        "attachment_too_large",
    );
}

#[actix_web::test]
async fn an_early_reminder_says_from_which_day() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let request = send_mario_pension_request(&operator).await;
    assert_problem_snapshot(
        "reminder_too_early",
        &operator.send_reminder(request).await.unwrap_err(),
        409,
        "reminder_too_early",
    );
}

async fn answer_and_follow_up(official: &Client, operator: &Client, request: RequestId) {
    let answer = PostMessage {
        text: "Risposta dell'Istituto.".into(),
        enable_appointments: Some(false),
        attachment_ids: Vec::new(),
    };
    official.send_message(request, &answer).await.unwrap();
    let follow_up = PostMessage {
        text: "Ulteriore domanda.".into(),
        enable_appointments: None,
        attachment_ids: Vec::new(),
    };
    operator.send_message(request, &follow_up).await.unwrap();
}

#[actix_web::test]
async fn a_third_follow_up_is_refused_with_the_limit() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let official = app.official().await;
    let request = send_mario_pension_request(&operator).await;
    app.dispatch();
    answer_and_follow_up(&official, &operator, request).await;
    answer_and_follow_up(&official, &operator, request).await;
    let last = PostMessage {
        text: "Risposta finale.".into(),
        enable_appointments: Some(false),
        attachment_ids: Vec::new(),
    };
    official.send_message(request, &last).await.unwrap();
    let third = PostMessage {
        text: "Terza domanda.".into(),
        enable_appointments: None,
        attachment_ids: Vec::new(),
    };
    assert_problem_snapshot(
        "interaction_limit_reached",
        &operator.send_message(request, &third).await.unwrap_err(),
        409,
        "interaction_limit_reached",
    );
}

#[actix_web::test]
async fn unknown_requests_and_undeclared_methods_are_problem_documents() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    assert_problem_snapshot(
        "request_not_found",
        &operator.show_request(RequestId(999_999)).await.unwrap_err(),
        404,
        "request_not_found",
    );
    let delete = app.raw(Method::DELETE, "/auth/token").send().await.unwrap();
    assert_problem_snapshot(
        "method_not_allowed",
        &decode(delete).await.unwrap_err(),
        405,
        "method_not_allowed",
    );
}
