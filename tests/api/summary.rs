//! *Stampa riepilogo* (SPEC §11): the PDF of a request and its whole conversation.

use std::io::Write;
use std::process::{Command, Stdio};

use types::requests::PostMessage;

use types::requests::CreateRequest;

use crate::helpers::{
    assert_problem, create, mario_pension_request, send_mario_pension_request, TestApp,
};

/// The text of a PDF, as `pdftotext` (poppler-utils, installed by `just test`) extracts it.
fn pdf_text(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is installed by `just test`");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8(output.stdout).unwrap()
}

#[actix_web::test]
async fn the_summary_prints_the_request_the_citizen_and_every_message_with_accents() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let official = app.official().await;
    let id = send_mario_pension_request(&operator).await;
    app.dispatch();
    let answer = PostMessage {
        text: "La pratica è già in lavorazione: più dettagli entro venerdì. Perché no?".into(),
        enable_appointments: Some(false),
        attachment_ids: Vec::new(),
    };
    let detail = official.send_message(id, &answer).await.unwrap().body;

    let started = std::time::Instant::now();
    let pdf = operator.print_request(id).await.unwrap();
    eprintln!(
        "summary.pdf: {} bytes in {:?}",
        pdf.body.len(),
        started.elapsed()
    );

    assert_eq!(pdf.content_type.as_deref(), Some("application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf.body);
    let citizen = detail.citizen.as_ref().unwrap();
    for expected in [
        "Riepilogo richiesta",
        detail.protocol.as_str(),
        detail.topic.label.as_str(),
        detail.sender.full_name.as_str(),
        citizen.codice_fiscale.as_str(),
        citizen.surname.as_str(),
        detail.messages[0].protocol.as_str(),
        detail.messages[1].protocol.as_str(),
        "è già in lavorazione: più dettagli entro venerdì. Perché no?",
        "Chiusa da funzionario",
        "pagina 1 di 1",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[actix_web::test]
async fn the_summary_of_another_patronatos_request_is_not_found() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let id = send_mario_pension_request(&operator).await;
    let stranger = app.other_patronato().await;
    assert_problem(
        &stranger.print_request(id).await.unwrap_err(),
        404,
        "request_not_found",
    );
}

#[actix_web::test]
async fn a_long_request_continues_on_the_next_page_without_losing_a_word() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let words: Vec<String> = (1..=360).map(|i| format!("parola{i}")).collect();
    let body = CreateRequest {
        text: words.join(" "),
        ..mario_pension_request(&operator).await
    };
    let id = create(&operator, &body).await.id;

    let text = pdf_text(&operator.print_request(id).await.unwrap().body);

    assert!(
        text.contains("pagina 2 di 2"),
        "two pages expected:\n{text}"
    );
    let printed: Vec<&str> = text
        .split_whitespace()
        .filter(|w| w.starts_with("parola"))
        .collect();
    assert_eq!(printed, words, "every word once, in order");
}
