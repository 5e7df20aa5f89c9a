//! Attachments (SPEC §8, RULES.md R8): drafts uploaded first, linked when a request or a
//! message is sent, downloaded only by who may read the request, expired after 24 hours.

use chrono::Duration;
use diesel::prelude::*;
use domain::attachments::{MAX_BYTES, MAX_PER_MESSAGE};
use domain::clock::Clock;
use reqwest::Method;
use sha2::{Digest, Sha256};
use types::attachments::{AddAttachments, AttachmentDto};
use types::ids::{AttachmentId, RequestId};
use types::requests::{CreateRequest, PostMessage, RequestDetail};
use types::EventKind;

use crate::helpers::{
    assert_problem, create, mario_pension_request, start_instant, stored_requests, TestApp,
};

/// A PDF of `len` bytes (a header and filler).
fn pdf(len: usize, seed: u8) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend((0..len.saturating_sub(bytes.len())).map(|i| (i as u8) ^ seed));
    bytes.truncate(len);
    bytes
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Files in the blob directory.
fn stored_blobs(app: &TestApp) -> usize {
    fn count(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir).map_or(0, |entries| {
            entries
                .flatten()
                .map(|e| {
                    let path = e.path();
                    if path.is_dir() {
                        count(&path)
                    } else {
                        1
                    }
                })
                .sum()
        })
    }
    count(&app.blob_dir)
}

/// Rows of the attachments table.
fn stored_rows(app: &TestApp) -> i64 {
    let mut conn = app.pool.get().unwrap();
    db::schema::attachments::table
        .count()
        .get_result(&mut conn)
        .unwrap()
}

async fn upload(session: &client::Client, name: &str, bytes: &[u8]) -> AttachmentDto {
    let created = session.upload_attachment(name, bytes).await.unwrap();
    assert_eq!(created.status.as_u16(), 201);
    created.body
}

fn with_attachments(mut body: CreateRequest, ids: Vec<AttachmentId>) -> CreateRequest {
    body.attachment_ids = ids;
    body
}

/// `add_attachments` of these drafts to `request`.
async fn add_later(
    session: &client::Client,
    request: RequestId,
    ids: Vec<AttachmentId>,
) -> client::Result<RequestDetail> {
    let body = AddAttachments {
        attachment_ids: ids,
    };
    session
        .add_attachments(request, &body)
        .await
        .map(|created| created.body)
}

async fn cleanup(app: &TestApp) -> usize {
    api::jobs::drafts::cleanup_all(&app.state, app.clock.now())
        .await
        .unwrap()
}

#[actix_web::test]
async fn an_upload_is_a_draft_of_the_uploader_and_downloads_byte_exact() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let content = pdf(200_000, 7);
    let draft = upload(&operator, "../Estratto conto è.pdf", &content).await;
    assert_eq!(draft.file_name, "Estratto conto è.pdf");
    assert_eq!(draft.content_type, "application/pdf");
    assert_eq!(draft.size_bytes, 200_000);
    assert_eq!(draft.sha256, sha256(&content));
    assert_eq!(draft.request_id, None);
    assert_eq!(draft.linked_at, None);
    assert_eq!(draft.created_at, start_instant());
    assert_eq!(
        draft.expires_at,
        Some(start_instant() + Duration::hours(24))
    );

    let download = operator.download_attachment(draft.id).await.unwrap();
    assert!(download.body == content, "the bytes differ");
    assert_eq!(download.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(
        download.etag.as_deref(),
        Some(format!("\"{}\"", draft.sha256).as_str())
    );
    let disposition = download.content_disposition.unwrap();
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(
        disposition.contains("filename=\"Estratto conto _.pdf\""),
        "{disposition}"
    );
    assert!(
        disposition.contains("filename*=UTF-8''Estratto%20conto%20%C3%A8.pdf"),
        "{disposition}"
    );
    let raw = app
        .raw_as(
            &operator,
            Method::GET,
            &format!("/attachments/{}", draft.id),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        raw.headers()["x-content-type-options"].to_str().unwrap(),
        "nosniff"
    );
    let again = app
        .raw_as(
            &operator,
            Method::GET,
            &format!("/attachments/{}", draft.id),
        )
        .header("If-None-Match", format!("\"{}\"", draft.sha256))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);
}

#[actix_web::test]
async fn every_bad_upload_is_refused_with_its_code_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec();
    let cases: [(&str, Vec<u8>, u16, &str); 6] = [
        (
            "programma.pdf",
            exe.clone(),
            415,
            "attachment_content_mismatch",
        ),
        (
            "immagine.pdf",
            b"GIF89a\x01\x00".to_vec(),
            415,
            "attachment_content_mismatch",
        ),
        ("vuoto.pdf", Vec::new(), 415, "attachment_empty"),
        (
            "nota.txt",
            b"\x00\x01\x02binario\x81".to_vec(),
            415,
            "attachment_not_text",
        ),
        ("programma.exe", exe, 415, "attachment_format_not_allowed"),
        (
            "enorme.pdf",
            pdf(MAX_BYTES as usize + 1, 1),
            413,
            "attachment_too_large",
        ),
    ];
    for (name, bytes, status, code) in cases {
        let error = operator.upload_attachment(name, &bytes).await.unwrap_err();
        assert_problem(&error, status, code);
    }
    assert_eq!(stored_rows(&app), 0, "no row for a refused upload");
    assert_eq!(stored_blobs(&app), 0, "no content for a refused upload");
}

#[actix_web::test]
async fn a_body_that_is_not_multipart_or_has_no_file_part_is_refused() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let json = app
        .raw_as(&operator, Method::POST, "/attachments")
        .json(&serde_json::json!({"file": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json.status().as_u16(), 415);
    let form = reqwest::multipart::Form::new().text("note", "nessun file");
    let no_file = app
        .raw_as(&operator, Method::POST, "/attachments")
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(no_file.status().as_u16(), 422);
    assert_eq!(stored_rows(&app), 0);
}

#[actix_web::test]
async fn administrators_attach_nothing() {
    let app = TestApp::spawn().await;
    let admin = app
        .session("admin.patronato", Some(types::Profile::PatronatoAdmin))
        .await;
    let error = admin
        .upload_attachment("domanda.pdf", &pdf(1000, 1))
        .await
        .unwrap_err();
    assert_problem(&error, 403, "profile_not_allowed");
    assert_eq!(stored_rows(&app), 0);
    assert_eq!(stored_blobs(&app), 0);
}

#[actix_web::test]
async fn six_megabytes_exactly_are_accepted_and_one_byte_more_is_413() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let limit = pdf(MAX_BYTES as usize, 3);
    let draft = upload(&operator, "limite.pdf", &limit).await;
    assert_eq!(draft.size_bytes, MAX_BYTES as i64);
    let error = operator
        .upload_attachment("oltre.pdf", &pdf(MAX_BYTES as usize + 1, 4))
        .await
        .unwrap_err();
    assert_problem(&error, 413, "attachment_too_large");
    assert_eq!(stored_rows(&app), 1);
    assert_eq!(stored_blobs(&app), 1);
}

#[actix_web::test]
async fn text_in_latin1_is_stored_as_utf8() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let draft = upload(&operator, "nota.txt", b"Perch\xe9 la pratica \xe8 ferma?").await;
    assert_eq!(draft.content_type, "text/plain; charset=utf-8");
    let download = operator.download_attachment(draft.id).await.unwrap();
    assert_eq!(
        String::from_utf8(download.body).unwrap(),
        "Perché la pratica è ferma?"
    );
}

#[actix_web::test]
async fn the_same_content_is_stored_once() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let content = pdf(10_000, 9);
    let a = upload(&operator, "a.pdf", &content).await;
    let b = upload(&operator, "b.pdf", &content).await;
    assert_ne!(a.id, b.id);
    assert_eq!(stored_rows(&app), 2);
    assert_eq!(stored_blobs(&app), 1);
}

#[actix_web::test]
async fn at_most_ten_attachments_per_message() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let mut ids = Vec::new();
    for i in 0..=MAX_PER_MESSAGE {
        ids.push(
            upload(&operator, &format!("doc{i}.pdf"), &pdf(1000, i as u8))
                .await
                .id,
        );
    }
    let eleven = with_attachments(mario_pension_request(&operator).await, ids.clone());
    let error = operator.create_request(&eleven).await.unwrap_err();
    let problem = assert_problem(&error, 422, "validation_failed");
    assert_eq!(problem.errors[0].field, "attachment_ids");

    let ten = with_attachments(
        mario_pension_request(&operator).await,
        ids[..MAX_PER_MESSAGE].to_vec(),
    );
    let detail = create(&operator, &ten).await;
    assert_eq!(detail.messages[0].attachments.len(), MAX_PER_MESSAGE);
    assert!(detail.messages[0]
        .attachments
        .iter()
        .all(|a| a.request_id == Some(detail.id)
            && a.linked_at.is_some()
            && a.expires_at.is_none()));
    let error = add_later(&operator, detail.id, vec![ids[MAX_PER_MESSAGE]])
        .await
        .unwrap_err();
    assert_problem(&error, 422, "too_many_attachments");
}

#[actix_web::test]
async fn someone_elses_draft_cannot_be_linked_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let colleague = app.colleague().await;
    let theirs = upload(&colleague, "loro.pdf", &pdf(1000, 1)).await;
    let mine = upload(&operator, "mio.pdf", &pdf(1000, 2)).await;
    let body = with_attachments(
        mario_pension_request(&operator).await,
        vec![mine.id, theirs.id],
    );
    let before = stored_requests(&app);
    let error = operator.create_request(&body).await.unwrap_err();
    assert_problem(&error, 422, "attachment_not_found");
    assert_eq!(stored_requests(&app), before, "no request written");
    let mut conn = app.pool.get().unwrap();
    let linked: i64 = db::schema::attachments::table
        .filter(db::schema::attachments::linked_at.is_not_null())
        .count()
        .get_result(&mut conn)
        .unwrap();
    assert_eq!(linked, 0, "not even my own draft was linked");
    // The same request with only my draft goes through.
    let body = with_attachments(mario_pension_request(&operator).await, vec![mine.id]);
    create(&operator, &body).await;
    assert_eq!(stored_requests(&app), before + 1);
}

#[actix_web::test]
async fn only_who_may_read_the_request_downloads_its_attachments() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let stranger = app.other_patronato().await;
    let content = pdf(5000, 5);
    let draft = upload(&operator, "domanda.pdf", &content).await;
    let error = stranger.download_attachment(draft.id).await.unwrap_err();
    assert_problem(&error, 404, "attachment_not_found");

    let body = with_attachments(mario_pension_request(&operator).await, vec![draft.id]);
    let detail = create(&operator, &body).await;
    app.dispatch();
    let error = stranger.download_attachment(draft.id).await.unwrap_err();
    assert_problem(&error, 404, "attachment_not_found");
    let official = app.official().await;
    assert!(official.download_attachment(draft.id).await.unwrap().body == content);

    // The answer carries the official's own attachment, which the operator then reads.
    let reply = upload(&official, "risposta.pdf", &pdf(3000, 6)).await;
    let answer = PostMessage {
        text: "In allegato la comunicazione.".into(),
        enable_appointments: Some(false),
        attachment_ids: vec![reply.id],
    };
    let answered = official
        .send_message(detail.id, &answer)
        .await
        .unwrap()
        .body;
    assert_eq!(answered.messages[1].attachments[0].id, reply.id);
    assert!(operator.download_attachment(reply.id).await.is_ok());
    let error = stranger.download_attachment(reply.id).await.unwrap_err();
    assert_problem(&error, 404, "attachment_not_found");
}

#[actix_web::test]
async fn a_draft_can_be_deleted_by_its_owner_but_not_once_linked() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let colleague = app.colleague().await;
    let draft = upload(&operator, "bozza.pdf", &pdf(1000, 1)).await;
    let error = colleague.remove_attachment(draft.id).await.unwrap_err();
    assert_problem(&error, 404, "attachment_not_found");
    operator.remove_attachment(draft.id).await.unwrap();
    assert_eq!(stored_rows(&app), 0);
    assert_eq!(stored_blobs(&app), 0);
    let error = operator.download_attachment(draft.id).await.unwrap_err();
    assert_problem(&error, 404, "attachment_not_found");

    let linked = upload(&operator, "allegato.pdf", &pdf(1000, 2)).await;
    let body = with_attachments(mario_pension_request(&operator).await, vec![linked.id]);
    create(&operator, &body).await;
    let error = operator.remove_attachment(linked.id).await.unwrap_err();
    assert_problem(&error, 409, "attachment_linked");
    assert_eq!(stored_rows(&app), 1);
}

#[actix_web::test]
async fn drafts_expire_24_hours_after_upload_on_the_business_clock() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let shared = pdf(2000, 8);
    let draft = upload(&operator, "bozza.pdf", &shared).await;
    let kept = upload(&operator, "tenuto.pdf", &shared).await;
    let lonely = upload(&operator, "sola.pdf", &pdf(2000, 9)).await;
    let body = with_attachments(mario_pension_request(&operator).await, vec![kept.id]);
    create(&operator, &body).await;

    app.clock.advance(Duration::hours(23));
    assert_eq!(cleanup(&app).await, 0);
    assert_eq!(stored_rows(&app), 3);

    app.clock.advance(Duration::hours(1));
    assert_eq!(cleanup(&app).await, 2);
    assert_eq!(stored_rows(&app), 1);
    assert_eq!(
        stored_blobs(&app),
        1,
        "the linked copy keeps the shared content"
    );
    assert!(operator.download_attachment(kept.id).await.is_ok());
    for id in [draft.id, lonely.id] {
        let error = operator.download_attachment(id).await.unwrap_err();
        assert_problem(&error, 404, "attachment_not_found");
    }
    assert_eq!(cleanup(&app).await, 0, "a second run finds nothing");
}

#[actix_web::test]
async fn an_expired_draft_cannot_be_linked() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let draft = upload(&operator, "bozza.pdf", &pdf(1000, 1)).await;
    app.clock.advance(Duration::hours(24));
    let body = with_attachments(mario_pension_request(&operator).await, vec![draft.id]);
    let error = operator.create_request(&body).await.unwrap_err();
    assert_problem(&error, 422, "attachment_not_found");
}

#[actix_web::test]
async fn attachments_added_later_are_recorded_in_the_history() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let detail = create(&operator, &mario_pension_request(&operator).await).await;
    let later = upload(&operator, "integrazione.pdf", &pdf(1000, 3)).await;
    let added = add_later(&operator, detail.id, vec![later.id])
        .await
        .unwrap();
    assert_eq!(added.messages[0].attachments[0].id, later.id);
    let event = added
        .history
        .iter()
        .find(|e| e.kind == EventKind::AttachmentsAdded)
        .expect("an attachments_added event");
    assert_eq!(event.detail.as_deref(), Some("integrazione.pdf"));

    let error = add_later(&operator, detail.id, vec![later.id])
        .await
        .unwrap_err();
    assert_problem(&error, 409, "attachment_linked");

    // Once INPS answered, the request is closed.
    app.dispatch();
    let official = app.official().await;
    let answer = PostMessage {
        text: "Pratica definita.".into(),
        enable_appointments: Some(false),
        attachment_ids: Vec::new(),
    };
    official.send_message(detail.id, &answer).await.unwrap();
    let late = upload(&operator, "tardi.pdf", &pdf(1000, 4)).await;
    let error = add_later(&operator, detail.id, vec![late.id])
        .await
        .unwrap_err();
    assert_problem(&error, 409, "request_closed");
}

#[actix_web::test]
async fn an_s3_store_round_trips_byte_exact() {
    let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
        eprintln!("TEST_S3_ENDPOINT not set: S3 round trip skipped");
        return;
    };
    let bucket = format!("combipat-{}", std::process::id());
    // moto accepts any credentials; creating the bucket is a plain PUT.
    let created = reqwest::Client::new()
        .put(format!("{endpoint}/{bucket}"))
        .send()
        .await
        .unwrap();
    assert!(created.status().is_success() || created.status().as_u16() == 409);
    let app = TestApp::spawn_with(|config| {
        config.blobs = api::config::BlobConfig::S3(api::config::S3Config {
            bucket: bucket.clone(),
            endpoint: Some(endpoint.clone()),
            region: "us-east-1".into(),
            access_key_id: Some("test".into()),
            secret_access_key: Some(api::config::Secret::new("test")),
            allow_http: true,
        });
    })
    .await;
    let operator = app.operator().await;
    let content = pdf(MAX_BYTES as usize, 2);
    let draft = upload(&operator, "s3.pdf", &content).await;
    let again = upload(&operator, "s3-copia.pdf", &content).await;
    assert_eq!(draft.sha256, again.sha256);
    let download = operator.download_attachment(draft.id).await.unwrap();
    assert!(download.body == content, "the bytes differ");
    operator.remove_attachment(again.id).await.unwrap();
    assert!(operator.download_attachment(draft.id).await.is_ok());
}
