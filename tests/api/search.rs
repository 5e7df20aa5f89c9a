//! Free-text search of the history (RULES.md R11.3): Italian words match their other forms on
//! both databases, and a common word over a large table is answered by the index inside the
//! scoped query, counted up to a limit.

use std::time::Instant;

use client::Client;
use diesel::connection::SimpleConnection;
use domain::history::TEXT_SEARCH_COUNT_LIMIT;
use types::ids::RequestId;
use types::requests::{RequestPage, RequestQuery};

use crate::helpers::{create, mario_asks, on_postgres, TestApp};

async fn request_saying(operator: &Client, text: &str) -> RequestId {
    create(operator, &mario_asks(operator, "NASPI", text).await)
        .await
        .id
}

fn words(q: &str) -> RequestQuery {
    RequestQuery {
        q: Some(q.into()),
        ..Default::default()
    }
}

async fn found(operator: &Client, q: &str) -> RequestPage {
    operator.list_requests(&words(q)).await.unwrap()
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
        let hits: Vec<RequestId> = page.items.iter().map(|r| r.id).collect();
        assert_eq!(hits, [*id], "«{q}» should find only «{text}»");
        assert_eq!(page.total, 1);
    }
    assert_eq!(found(&operator, "pensione invalidita").await.total, 0);
    assert_eq!(
        found(&operator, "di della").await.total,
        0,
        "stop words only"
    );
    assert_eq!(found(&operator, "  ").await.total, 6, "no words: no filter");
}

/// Copies request `template` `n` times with the given search terms, in one statement.
fn copies(app: &TestApp, template: RequestId, n: u32, terms: &str, tag: &str) {
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
async fn a_common_word_over_70_000_matching_requests_is_one_page_counted_up_to_the_limit() {
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
    let limit = u32::try_from(TEXT_SEARCH_COUNT_LIMIT).unwrap();
    copies(&app, template, limit, &terms("NASpI"), "N");

    let started = Instant::now();
    let page = found(&operator, "pensioni").await;
    let elapsed = started.elapsed();
    assert_eq!(page.total, TEXT_SEARCH_COUNT_LIMIT);
    assert!(!page.total_is_exact, "more than the limit: a lower bound");
    assert_eq!(page.items.len(), 50);
    assert!(page.next_cursor.is_some());
    let next = RequestQuery {
        cursor: page.next_cursor.clone(),
        ..words("pensioni")
    };
    let next = operator.list_requests(&next).await.unwrap();
    assert_eq!(next.match_count(), page.match_count());
    assert_ne!(next.items[0].id, page.items[0].id);
    // Exactly the limit is still an exact count.
    let naspi = found(&operator, "naspi").await;
    assert_eq!(
        (naspi.total, naspi.total_is_exact),
        (TEXT_SEARCH_COUNT_LIMIT, true)
    );
    // Structured criteria count every match.
    let all = operator
        .list_requests(&RequestQuery::default())
        .await
        .unwrap();
    assert_eq!((all.total, all.total_is_exact), (73_001, true));
    // Another patronato sees none of them.
    assert_eq!(
        found(&app.other_patronato().await, "pensione").await.total,
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
