//! `combipat seed --bulk`: the generated requests are consistent with what the API keeps, their
//! protocol numbers are unique, and the API goes on working on top of them.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;
use db::schema::{citizens, inps_offices, messages, protocol_sequences, reminders, requests};
use diesel::prelude::*;
use domain::codice_fiscale::CodiceFiscale;
use domain::protocol::ProtocolNumber;
use types::requests::RequestQuery;
use types::RequestStatus;

use crate::helpers::{citizen_id, create, question, start_instant, topic_id, TestApp};

const REQUESTS: usize = 2_000;

type RequestRow = (
    i64,
    String,
    String,
    i32,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    Option<NaiveDateTime>,
    NaiveDateTime,
    Option<i64>,
);

#[actix_web::test]
async fn bulk_seed_is_consistent_and_leaves_room_for_new_requests() {
    let app = TestApp::spawn().await;
    let now = start_instant().naive_utc();
    let mut conn = app.pool.get().unwrap();
    let before: i64 = requests::table.count().get_result(&mut conn).unwrap();
    let report = db::seed::seed_bulk(&mut conn, REQUESTS, now).unwrap();
    assert_eq!(report.requests, REQUESTS);
    assert!(report.citizens >= 200 && report.users > 100 && report.patronato_offices > 50);
    assert!(
        db::seed::seed_bulk(&mut conn, 1, now).is_err(),
        "a second bulk seed is refused"
    );

    let rows: Vec<RequestRow> = requests::table
        .order(requests::id)
        .select((
            requests::id,
            requests::protocol,
            requests::status,
            requests::followups_used,
            requests::first_answer_at,
            requests::awaiting_since,
            requests::closed_at,
            requests::created_at,
            requests::assigned_official_id,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(rows.len() as i64 - before, REQUESTS as i64);
    assert_eq!(report.messages as i64, {
        let n: i64 = messages::table.count().get_result(&mut conn).unwrap();
        n
    });
    let first: HashMap<i64, (String, String)> = messages::table
        .filter(messages::seq.eq(0))
        .select((messages::request_id, messages::protocol, messages::kind))
        .load::<(i64, String, String)>(&mut conn)
        .unwrap()
        .into_iter()
        .map(|(request, protocol, kind)| (request, (protocol, kind)))
        .collect();
    let mut statuses: HashMap<String, usize> = HashMap::new();
    for (id, protocol, status, followups, first_answer, awaiting, closed, created, official) in
        &rows
    {
        assert_eq!(
            first.get(id),
            Some(&(protocol.clone(), "request".to_owned())),
            "message 0 of request {id}"
        );
        assert!((0..=2).contains(followups), "followups of {id}");
        assert!(*created <= now && *created >= now - chrono::Duration::days(731));
        match status.as_str() {
            "closed" => {
                assert!(first_answer.is_some() && closed.is_some(), "closed {id}");
                assert!(awaiting.is_none(), "closed {id} is not waiting");
                assert!(
                    official.is_some(),
                    "closed {id} has the official who answered"
                );
            }
            "assigned" | "sent" => {
                assert!(awaiting.is_some(), "waiting {id} has awaiting_since")
            }
            other => panic!("status {other}"),
        }
        if status == "sent" {
            assert!(official.is_none(), "sent {id} has no official");
        }
        *statuses.entry(status.clone()).or_default() += 1;
    }
    assert!(
        statuses["closed"] > REQUESTS / 2,
        "mostly closed: {statuses:?}"
    );
    assert!(
        statuses.get("assigned").copied().unwrap_or(0) > 0,
        "{statuses:?}"
    );

    // Turn-taking: message kinds alternate, the last one decides whether the request waits.
    let conversation: Vec<(i64, i32, String, String, NaiveDateTime)> = messages::table
        .order((messages::request_id, messages::seq))
        .select((
            messages::request_id,
            messages::seq,
            messages::kind,
            messages::author_side,
            messages::created_at,
        ))
        .load(&mut conn)
        .unwrap();
    let mut previous: Option<(i64, i32, NaiveDateTime)> = None;
    for (request, seq, kind, side, at) in &conversation {
        let expected = match seq {
            0 => ("request", "patronato"),
            s if s % 2 == 1 => ("answer", "inps"),
            _ => ("follow_up", "patronato"),
        };
        assert_eq!(
            (kind.as_str(), side.as_str()),
            expected,
            "request {request}"
        );
        if let Some((r, s, t)) = previous {
            if r == *request {
                assert_eq!(s + 1, *seq, "no gap in request {request}");
                assert!(t <= *at, "messages of {request} in time order");
            }
        }
        previous = Some((*request, *seq, *at));
    }

    // Every protocol is valid and unique, requests and messages together (a request shares
    // its protocol with its message 0 only).
    let message_protocols: Vec<String> = messages::table
        .select(messages::protocol)
        .load(&mut conn)
        .unwrap();
    let unique: HashSet<&String> = message_protocols.iter().collect();
    assert_eq!(
        unique.len(),
        message_protocols.len(),
        "message protocols unique"
    );
    let request_protocols: HashSet<&String> = rows.iter().map(|r| &r.1).collect();
    assert_eq!(
        request_protocols.len(),
        rows.len(),
        "request protocols unique"
    );

    // The sequences left in protocol_sequences are above every number used.
    let codes: HashMap<String, i64> = inps_offices::table
        .select((inps_offices::code, inps_offices::id))
        .load::<(String, i64)>(&mut conn)
        .unwrap()
        .into_iter()
        .collect();
    let last: HashMap<i64, i64> = protocol_sequences::table
        .select((
            protocol_sequences::office_id,
            protocol_sequences::last_value,
        ))
        .load::<(i64, i64)>(&mut conn)
        .unwrap()
        .into_iter()
        .collect();
    let mut highest: HashMap<i64, i64> = HashMap::new();
    for protocol in &message_protocols {
        let parsed: ProtocolNumber = protocol.parse().unwrap();
        let office = codes[&parsed.office_code];
        let top = highest.entry(office).or_default();
        *top = (*top).max(i64::from(parsed.sequence));
    }
    for (office, top) in &highest {
        assert!(
            last[office] >= *top,
            "office {office}: {} < {top}",
            last[office]
        );
    }

    // Reminders: at most two, 15+ days apart.
    let sent: Vec<(i64, i32, NaiveDateTime)> = reminders::table
        .order((reminders::request_id, reminders::seq))
        .select((reminders::request_id, reminders::seq, reminders::created_at))
        .load(&mut conn)
        .unwrap();
    for pair in sent.windows(2) {
        if pair[0].0 == pair[1].0 {
            assert_eq!((pair[0].1, pair[1].1), (1, 2));
            assert!(pair[1].2 - pair[0].2 >= chrono::Duration::days(15));
        }
    }

    // The registry holds valid codes.
    let codes: Vec<String> = citizens::table
        .select(citizens::codice_fiscale)
        .load(&mut conn)
        .unwrap();
    for code in &codes {
        assert!(CodiceFiscale::parse(code).is_ok(), "{code}");
    }
    drop(conn);

    // The API reads the bulk history and creates new requests without a collision.
    let operator = app.operator().await;
    let closed = RequestQuery {
        status: Some(RequestStatus::Closed),
        limit: Some(5),
        ..Default::default()
    };
    let page = operator.list_requests(&closed).await.unwrap();
    assert!(
        !page.items.is_empty(),
        "operatore1 sees bulk history: {page:?}"
    );
    let detail = operator.show_request(page.items[0].id).await.unwrap();
    assert!(detail.messages.len() >= 2);

    let anna = citizen_id(&operator, "SPSNNA72S63G811M", "ESPOSITO").await;
    let naspi = topic_id(&operator, "NASPI").await;
    let body = question(anna, naspi, "Richiesta dopo il caricamento massivo.");
    let created = create(&operator, &body).await;
    assert!(!unique.contains(&created.protocol));
}
