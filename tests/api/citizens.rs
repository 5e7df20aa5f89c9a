//! Registry lookup: omocodia, homonymy, codice fiscale rules, authorization and audit.

use diesel::prelude::*;
use reqwest::StatusCode;

use crate::helpers::{assert_problem, TestApp};

#[actix_web::test]
async fn one_codice_fiscale_can_belong_to_two_people() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let (status, body) = operator.get("/citizens?cf=BNCMRA50A01H501U").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["total"], 2);
    assert_eq!(body["choice_required"], true);
    let items = body["items"].as_array().unwrap();
    assert!(items
        .iter()
        .all(|c| c["codice_fiscale"] == "BNCMRA50A01H501U"));
    let mario = items.iter().find(|c| c["surname"] == "BIANCHI").unwrap();
    assert_eq!(mario["name"], "MARIO");
    assert_eq!(mario["birth_date"], "1950-01-01");
    assert_eq!(mario["birth_place"]["comune"], "ROMA");
    assert_eq!(mario["residence"]["comune"], "POMEZIA");
    assert_eq!(mario["residence"]["cap"], "00071");
    assert_ne!(items[0]["id"], items[1]["id"]);
}

#[actix_web::test]
async fn homonyms_are_all_returned_by_identity_lookup() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let (status, body) = operator
        .get("/citizens?surname=%20rossi&name=Giuseppe&birth_date=1960-05-12")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["total"], 2);
    let codes: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["codice_fiscale"].as_str().unwrap())
        .collect();
    assert_ne!(codes[0], codes[1]);

    let (status, single) = operator
        .get("/citizens?surname=Bianchi&name=Mario&birth_date=1950-01-01")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(single["total"], 1);
    assert_eq!(single["choice_required"], false);
}

#[actix_web::test]
async fn codes_are_trimmed_and_upper_cased() {
    let app = TestApp::spawn().await;
    let (status, body) = app
        .operator()
        .await
        .get("/citizens?cf=%20spsnna72s63g811m%20")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["items"][0]["surname"], "ESPOSITO");
}

#[actix_web::test]
async fn invalid_codes_say_which_rule_failed() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let cases = [
        ("BNCMRA50A01H501X", "check_character"),
        ("BNCMRA50A01H501", "length"),
        ("BNCMRA50Z01H501U", "month"),
        ("BNCMRA50A99H501U", "day"),
        ("1NCMRA50A01H501U", "layout"),
        ("12345678901", "provisional_check_digit"),
    ];
    for (cf, rule) in cases {
        let result = operator.get(&format!("/citizens?cf={cf}")).await;
        let problem = assert_problem(&result, 422, "invalid_codice_fiscale");
        assert_eq!(problem["errors"][0]["field"], "cf", "{cf}");
        assert_eq!(problem["errors"][0]["code"], rule, "{cf}: {problem}");
    }
}

#[actix_web::test]
async fn a_valid_code_without_a_match_is_404() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let result = operator.get("/citizens?cf=RSSMRA85T10A562S").await;
    assert_problem(&result, 404, "citizen_not_found");
    // An omocodic variant is a different code: it does not find the base-form person.
    let result = operator.get("/citizens?cf=BNCMRA50A01H50MM").await;
    assert_problem(&result, 404, "citizen_not_found");
}

#[actix_web::test]
async fn identity_lookup_needs_all_three_fields() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let result = operator.get("/citizens?surname=Rossi").await;
    let problem = assert_problem(&result, 422, "validation_failed");
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "birth_date"]);

    let result = operator
        .get("/citizens?surname=Rossi&name=Giuseppe&birth_date=12/05/1960")
        .await;
    let problem = assert_problem(&result, 422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "birth_date");

    assert_problem(
        &operator.get("/citizens").await,
        422,
        "lookup_criteria_required",
    );
    assert_problem(
        &operator
            .get("/citizens?cf=BNCMRA50A01H501U&surname=Bianchi")
            .await,
        422,
        "ambiguous_lookup",
    );
}

#[actix_web::test]
async fn only_patronato_profiles_may_search_the_registry() {
    let app = TestApp::spawn().await;
    let result = app
        .official()
        .await
        .get("/citizens?cf=BNCMRA50A01H501U")
        .await;
    assert_problem(&result, 403, "profile_not_allowed");
}

#[actix_web::test]
async fn every_citizen_read_is_audited() {
    use db::schema::audit_log;
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let (status, _) = operator.get("/citizens?cf=BNCMRA50A01H501U").await;
    assert_eq!(status, StatusCode::OK);
    let mut conn = app.pool.get().unwrap();
    type Entry = (Option<i64>, Option<String>, String, Option<String>);
    let rows: Vec<Entry> = audit_log::table
        .filter(audit_log::resource_type.eq("citizen"))
        .select((
            audit_log::user_id,
            audit_log::profile,
            audit_log::action,
            audit_log::resource_id,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(rows.len(), 2, "one entry per person read: {rows:?}");
    assert!(rows.iter().all(|(user, profile, action, id)| user.is_some()
        && profile.as_deref() == Some("operator")
        && action == "read"
        && id.is_some()));
}
