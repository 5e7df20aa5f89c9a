//! Reference data: territory, offices with their CAP coverage, topics.

use std::collections::HashSet;

use diesel::prelude::*;
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{assert_problem, TestApp};

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("items")
}

#[actix_web::test]
async fn the_territory_is_the_real_one() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let (_, regions) = operator.get("/territory/regions").await;
    assert_eq!(items(&regions).len(), 20);
    let (_, provinces) = operator.get("/territory/provinces?limit=200").await;
    assert_eq!(items(&provinces).len(), 107);
    let (_, lazio) = operator.get("/territory/provinces?region=12").await;
    let codes: HashSet<&str> = items(&lazio)
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, HashSet::from(["FR", "LT", "RI", "RM", "VT"]));

    let (status, pomezia) = operator.get("/territory/comuni?name=pomez").await;
    assert_eq!(status, StatusCode::OK, "{pomezia}");
    let first = &items(&pomezia)[0];
    assert_eq!(first["name"], "Pomezia");
    assert_eq!(first["cadastral_code"], "G811");
    assert_eq!(first["province_code"], "RM");
    assert_eq!(first["region"]["name"], "Lazio");
    assert!(first["caps"]
        .as_array()
        .unwrap()
        .contains(&Value::from("00071")));

    let (_, by_cap) = operator.get("/territory/comuni?cap=00071").await;
    assert!(items(&by_cap).iter().any(|c| c["name"] == "Pomezia"));
    let (_, accented) = operator.get("/territory/comuni?name=forli").await;
    assert!(
        items(&accented).iter().any(|c| c["name"] == "Forlì"),
        "{accented}"
    );
}

#[actix_web::test]
async fn comuni_are_paginated_with_a_cursor() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let (_, first) = operator.get("/territory/comuni?province=RM&limit=50").await;
    let cursor = first["next_cursor"]
        .as_str()
        .expect("a full page has a cursor");
    let (_, second) = operator
        .get(&format!(
            "/territory/comuni?province=RM&limit=50&cursor={cursor}"
        ))
        .await;
    let a: HashSet<&str> = items(&first)
        .iter()
        .map(|c| c["istat_code"].as_str().unwrap())
        .collect();
    let b: HashSet<&str> = items(&second)
        .iter()
        .map(|c| c["istat_code"].as_str().unwrap())
        .collect();
    assert_eq!(a.len(), 50);
    assert!(!b.is_empty());
    assert!(a.is_disjoint(&b));

    // Walking every page of Roma's province visits each comune once (121 comuni).
    let mut seen = HashSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/territory/comuni?province=RM&limit=40&cursor={c}"),
            None => "/territory/comuni?province=RM&limit=40".to_owned(),
        };
        let (_, page) = operator.get(&path).await;
        for comune in items(&page) {
            assert!(seen.insert(comune["istat_code"].as_str().unwrap().to_owned()));
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
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

#[actix_web::test]
async fn offices_are_listed_by_kind_and_place() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let (_, crics) = operator.get("/offices?kind=cric&limit=200").await;
    assert_eq!(items(&crics).len(), 20);
    let (_, provincial) = operator.get("/offices?kind=provincial&limit=200").await;
    assert_eq!(items(&provincial).len(), 107);
    let (_, hubs) = operator.get("/offices?kind=hub").await;
    assert!(items(&hubs).len() >= 2);

    let (_, forli) = operator.get("/offices?name=Forl%C3%AC").await;
    assert_eq!(items(&forli)[0]["name"], "FORLÌ", "{forli}");
    let (_, pomezia) = operator.get("/offices?name=pomezia").await;
    let office = &items(&pomezia)[0];
    assert_eq!(office["code"], "7013");
    let (status, detail) = operator.get(&format!("/offices/{}", office["id"])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["address"], "Via Pontina Km 28.400");
    assert!(detail["covered_caps"]
        .as_array()
        .unwrap()
        .contains(&Value::from("00071")));
    assert_problem(
        &operator.get("/offices/999999").await,
        404,
        "office_not_found",
    );
}

#[actix_web::test]
async fn topics_are_found_by_keyword_and_kind() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let (_, all) = operator.get("/topics?limit=200").await;
    assert!(items(&all).len() >= 30);
    let (_, pensioni) = operator.get("/topics?q=paesi%20pension").await;
    let labels: Vec<&str> = items(&pensioni)
        .iter()
        .map(|t| t["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"PENSIONI PAESI NON CONVENZIONATI"),
        "{labels:?}"
    );
    assert!(labels
        .iter()
        .all(|l| l.contains("PENSION") && l.contains("PAESI")));

    let (_, regional) = operator.get("/topics?kind=regional&limit=200").await;
    assert!(items(&regional).iter().all(|t| t["request_kinds"]
        .as_array()
        .unwrap()
        .contains(&Value::from("regional"))));
    assert!(items(&regional).len() < items(&all).len());
    let (_, accent) = operator.get("/topics?q=invalidita").await;
    assert!(!items(&accent).is_empty());
}

#[actix_web::test]
async fn reference_data_needs_a_token() {
    let app = TestApp::spawn().await;
    let result = app
        .anonymous(reqwest::Method::GET, "/territory/regions", None)
        .await;
    assert_problem(&result, 401, "missing_token");
}
