//! Free-text search of the history (RULES.md R11.3): Italian words match their other forms on
//! both databases, and a common word over a large table is answered by the index inside the
//! scoped query.

use std::time::Instant;

use diesel::connection::SimpleConnection;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{citizen_id, on_postgres, topic_id, Session, TestApp};

async fn request_saying(operator: &Session<'_>, text: &str) -> i64 {
    let mario = citizen_id(operator, "BNCMRA50A01H501U", "BIANCHI").await;
    let topic = topic_id(operator, "NASPI").await;
    let (status, detail) = operator
        .post(
            "/requests",
            json!({"kind": "citizen", "citizen_id": mario, "delega_declared": true,
                   "motive": "requirements_and_access", "topic_id": topic, "text": text}),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{detail}");
    detail["id"].as_i64().unwrap()
}

async fn found(operator: &Session<'_>, q: &str) -> Value {
    let (status, page) = operator.get(&format!("/requests?q={}", urlencode(q))).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page
}

fn urlencode(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[actix_web::test]
async fn italian_words_find_their_other_forms_on_both_databases() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    // (written in the request, searched for)
    let pairs = [
        ("Domanda di pensione di vecchiaia.", "pensioni"),
        ("Richiesta per l'invalidità civile.", "invalidita"),
        ("Indennità di disoccupazione NASpI.", "disoccupazioni"),
        ("Gli assegni familiari non sono arrivati.", "assegno"),
        ("Verifica dei contributi versati.", "CONTRIBUTO"),
        ("Perché la pratica è ferma?", "perche pratiche"),
    ];
    let mut ids = Vec::new();
    for (text, _) in pairs {
        ids.push(request_saying(&operator, text).await);
    }
    for ((text, q), id) in pairs.iter().zip(&ids) {
        let page = found(&operator, q).await;
        let hits: Vec<i64> = page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        assert_eq!(hits, [*id], "«{q}» should find only «{text}»");
        assert_eq!(page["total"], 1);
    }
    assert_eq!(found(&operator, "pensione invalidita").await["total"], 0);
    assert_eq!(
        found(&operator, "di della").await["total"],
        0,
        "stop words only"
    );
    assert_eq!(
        found(&operator, "  ").await["total"],
        6,
        "no words: no filter"
    );
}

/// Copies request `template` `n` times with the given search terms, in one statement.
fn copies(app: &TestApp, template: i64, n: u32, terms: &str, tag: &str) {
    let columns = "kind, status, patronato_id, patronato_office_id, region_id, created_by, \
        citizen_id, citizen_cf, delega_declared_at, motive, practice_kind, practice_number, \
        topic_id, text, notes, office_id, office_chosen_by_hand, routing_reason, \
        assigned_official_id, appointments_enabled, followups_used, first_answer_at, \
        awaiting_since, last_message_at, closed_at, created_at, updated_at, version";
    let sql = if on_postgres() {
        format!(
            "INSERT INTO requests (protocol, search_terms, {columns}) \
             SELECT '{tag}.' || s, '{terms}', {columns} FROM requests, generate_series(1, {n}) AS s \
             WHERE id = {template}"
        )
    } else {
        format!(
            "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {n}) \
             INSERT INTO requests (protocol, search_terms, {columns}) \
             SELECT '{tag}.' || n, '{terms}', {columns} FROM requests, s WHERE id = {template}"
        )
    };
    app.pool.get().unwrap().batch_execute(&sql).unwrap();
}

#[actix_web::test]
async fn a_common_word_over_70_000_matching_requests_is_one_page_with_the_exact_total() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let template = request_saying(&operator, "Sollecito pensione di vecchiaia.").await;
    let terms = |text| db::search::index_terms(text, None);
    copies(
        &app,
        template,
        72_000,
        &terms("Sollecito pensione di vecchiaia."),
        "P",
    );
    copies(&app, template, 1_000, &terms("NASpI"), "N");

    let started = Instant::now();
    let page = found(&operator, "pensioni").await;
    let elapsed = started.elapsed();
    assert_eq!(page["total"], 72_001);
    assert_eq!(page["items"].as_array().unwrap().len(), 50);
    assert!(page["next_cursor"].is_string());
    let (status, next) = operator
        .get(&format!(
            "/requests?q=pensioni&cursor={}",
            page["next_cursor"].as_str().unwrap()
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{next}");
    assert_eq!(next["total"], 72_001);
    assert_ne!(next["items"][0]["id"], page["items"][0]["id"]);
    assert_eq!(found(&operator, "naspi").await["total"], 1_000);
    // Another patronato sees none of them.
    assert_eq!(
        found(&app.other_patronato().await, "pensione").await["total"],
        0
    );
    eprintln!(
        "search over 73,001 requests ({}): first page in {elapsed:?}",
        if on_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    );
}
