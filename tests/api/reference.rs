//! Reference data: territory, offices with their CAP coverage, topics.

use std::collections::HashSet;

use client::Client;
use diesel::prelude::*;
use reqwest::Method;
use types::ids::OfficeId;
use types::offices::{OfficeDto, OfficeQuery};
use types::page::{Page, PageQuery};
use types::territory::{ComuneDto, ComuneQuery, ProvinceQuery};
use types::topics::{TopicDto, TopicQuery};
use types::{OfficeKind, RequestKind};

use crate::helpers::{assert_problem, send, TestApp};

#[actix_web::test]
async fn the_territory_is_the_real_one() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let regions = operator.list_regions(&PageQuery::default()).await.unwrap();
    assert_eq!(regions.items.len(), 20);
    let provinces = |region: Option<&str>, limit: Option<i64>| ProvinceQuery {
        region: region.map(str::to_owned),
        limit,
        cursor: None,
    };
    let all = operator
        .list_provinces(&provinces(None, Some(200)))
        .await
        .unwrap();
    assert_eq!(all.items.len(), 107);
    let lazio = operator
        .list_provinces(&provinces(Some("12"), None))
        .await
        .unwrap();
    let codes: HashSet<&str> = lazio.items.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, HashSet::from(["FR", "LT", "RI", "RM", "VT"]));

    let pomezia = comuni(&operator, by_name("pomez")).await;
    let first = &pomezia.items[0];
    assert_eq!(first.name, "Pomezia");
    assert_eq!(first.cadastral_code, "G811");
    assert_eq!(first.province_code, "RM");
    assert_eq!(first.region.name, "Lazio");
    assert!(first.caps.iter().any(|cap| cap == "00071"));

    let by_cap = ComuneQuery {
        cap: Some("00071".into()),
        ..Default::default()
    };
    let by_cap = comuni(&operator, by_cap).await;
    assert!(by_cap.items.iter().any(|c| c.name == "Pomezia"));
    let accented = comuni(&operator, by_name("forli")).await;
    assert!(
        accented.items.iter().any(|c| c.name == "Forlì"),
        "{accented:?}"
    );
}

fn by_name(name: &str) -> ComuneQuery {
    ComuneQuery {
        name: Some(name.into()),
        ..Default::default()
    }
}

async fn comuni(session: &Client, query: ComuneQuery) -> Page<ComuneDto> {
    session.list_comuni(&query).await.unwrap()
}

#[actix_web::test]
async fn comuni_are_paginated_with_a_cursor() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let roma = |limit: i64, cursor: Option<String>| ComuneQuery {
        province: Some("RM".into()),
        limit: Some(limit),
        cursor,
        ..Default::default()
    };
    let first = comuni(&operator, roma(50, None)).await;
    let cursor = first.next_cursor.clone().expect("a full page has a cursor");
    let second = comuni(&operator, roma(50, Some(cursor))).await;
    let istat = |page: &Page<ComuneDto>| -> HashSet<String> {
        page.items.iter().map(|c| c.istat_code.clone()).collect()
    };
    let (a, b) = (istat(&first), istat(&second));
    assert_eq!(a.len(), 50);
    assert!(!b.is_empty());
    assert!(a.is_disjoint(&b));

    // Walking every page of Roma's province visits each comune once (121 comuni).
    let mut seen = HashSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = comuni(&operator, roma(40, cursor)).await;
        for comune in &page.items {
            assert!(seen.insert(comune.istat_code.clone()));
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), 121);
}

#[actix_web::test]
async fn every_cap_is_covered_by_exactly_one_territorial_office() {
    use db::schema::{comune_caps, inps_offices, office_caps};
    let app = TestApp::spawn().await;
    let mut conn = app.pool.get().unwrap();
    let territory: HashSet<String> = comune_caps::table
        .select(comune_caps::cap)
        .distinct()
        .load::<String>(&mut conn)
        .unwrap()
        .into_iter()
        .collect();
    let covered: Vec<(String, String)> = office_caps::table
        .inner_join(inps_offices::table)
        .select((office_caps::cap, inps_offices::kind))
        .load(&mut conn)
        .unwrap();
    let covered_caps: HashSet<String> = covered.iter().map(|(cap, _)| cap.clone()).collect();
    assert_eq!(covered.len(), covered_caps.len(), "a CAP covered twice");
    assert_eq!(covered_caps, territory);
    assert!(covered
        .iter()
        .all(|(_, kind)| kind == "provincial" || kind == "agency"));
}

async fn offices(session: &Client, query: OfficeQuery) -> Vec<OfficeDto> {
    session.list_offices(&query).await.unwrap().items
}

fn of_kind(kind: OfficeKind) -> OfficeQuery {
    OfficeQuery {
        kind: Some(kind),
        limit: Some(200),
        ..Default::default()
    }
}

fn named(name: &str) -> OfficeQuery {
    OfficeQuery {
        name: Some(name.into()),
        ..Default::default()
    }
}

#[actix_web::test]
async fn offices_are_listed_by_kind_and_place() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    assert_eq!(
        offices(&operator, of_kind(OfficeKind::Cric)).await.len(),
        20
    );
    assert_eq!(
        offices(&operator, of_kind(OfficeKind::Provincial))
            .await
            .len(),
        107
    );
    let hubs = OfficeQuery {
        kind: Some(OfficeKind::Hub),
        ..Default::default()
    };
    assert!(offices(&operator, hubs).await.len() >= 2);

    let forli = offices(&operator, named("Forlì")).await;
    assert_eq!(forli[0].name, "FORLÌ", "{forli:?}");
    let pomezia = offices(&operator, named("pomezia")).await;
    let office = &pomezia[0];
    assert_eq!(office.code, "7013");
    let detail = operator.show_office(office.id).await.unwrap();
    assert_eq!(detail.office.address, "Via Pontina Km 28.400");
    assert!(detail.covered_caps.iter().any(|cap| cap == "00071"));
    assert_problem(
        &operator.show_office(OfficeId(999_999)).await.unwrap_err(),
        404,
        "office_not_found",
    );
}

async fn topics(session: &Client, query: TopicQuery) -> Vec<TopicDto> {
    session.list_topics(&query).await.unwrap().items
}

fn keywords(q: &str) -> TopicQuery {
    TopicQuery {
        q: Some(q.into()),
        ..Default::default()
    }
}

#[actix_web::test]
async fn topics_are_found_by_keyword_and_kind() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let every = TopicQuery {
        limit: Some(200),
        ..Default::default()
    };
    let all = topics(&operator, every.clone()).await;
    assert!(all.len() >= 30);
    let pensioni = topics(&operator, keywords("paesi pension")).await;
    let labels: Vec<&str> = pensioni.iter().map(|t| t.label.as_str()).collect();
    assert!(
        labels.contains(&"PENSIONI PAESI NON CONVENZIONATI"),
        "{labels:?}"
    );
    assert!(labels
        .iter()
        .all(|l| l.contains("PENSION") && l.contains("PAESI")));

    let regional = TopicQuery {
        kind: Some(RequestKind::Regional),
        ..every
    };
    let regional = topics(&operator, regional).await;
    assert!(regional
        .iter()
        .all(|t| t.request_kinds.contains(&RequestKind::Regional)));
    assert!(regional.len() < all.len());
    assert!(!topics(&operator, keywords("invalidita")).await.is_empty());
}

#[actix_web::test]
async fn reference_data_needs_a_token() {
    let app = TestApp::spawn().await;
    let anonymous = send(app.raw(Method::GET, "/territory/regions")).await;
    assert_problem(&anonymous.unwrap_err(), 401, "missing_token");
}
