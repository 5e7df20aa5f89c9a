//! Registry lookup: omocodia, homonymy, codice fiscale rules, authorization and audit.

use chrono::NaiveDate;
use client::Client;
use diesel::prelude::*;
use types::citizens::{CitizenMatches, CitizenQuery};

use crate::helpers::{assert_problem, TestApp, MARIO_CF};

fn by_cf(cf: &str) -> CitizenQuery {
    CitizenQuery {
        cf: Some(cf.into()),
        ..Default::default()
    }
}

fn by_identity(surname: &str, name: &str, birth_date: &str) -> CitizenQuery {
    CitizenQuery {
        surname: Some(surname.into()),
        name: Some(name.into()),
        birth_date: Some(birth_date.into()),
        cf: None,
    }
}

async fn lookup(session: &Client, query: CitizenQuery) -> client::Result<CitizenMatches> {
    session.search_citizens(&query).await
}

#[actix_web::test]
async fn one_codice_fiscale_can_belong_to_two_people() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let found = lookup(&operator, by_cf(MARIO_CF)).await.unwrap();
    assert_eq!(found.total, 2);
    assert!(found.choice_required);
    let items = &found.items;
    assert!(items.iter().all(|c| c.codice_fiscale == MARIO_CF));
    let mario = items.iter().find(|c| c.surname == "BIANCHI").unwrap();
    assert_eq!(mario.name, "MARIO");
    assert_eq!(
        mario.birth_date,
        NaiveDate::from_ymd_opt(1950, 1, 1).unwrap()
    );
    assert_eq!(mario.birth_place.comune, "ROMA");
    assert_eq!(mario.residence.comune, "POMEZIA");
    assert_eq!(mario.residence.cap, "00071");
    assert_ne!(items[0].id, items[1].id);
}

#[actix_web::test]
async fn homonyms_are_all_returned_by_identity_lookup() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let found = lookup(&operator, by_identity(" rossi", "Giuseppe", "1960-05-12"))
        .await
        .unwrap();
    assert_eq!(found.total, 2);
    assert_ne!(found.items[0].codice_fiscale, found.items[1].codice_fiscale);

    let single = lookup(&operator, by_identity("Bianchi", "Mario", "1950-01-01"))
        .await
        .unwrap();
    assert_eq!(single.total, 1);
    assert!(!single.choice_required);
}

#[actix_web::test]
async fn codes_are_trimmed_and_upper_cased() {
    let app = TestApp::spawn().await;
    let found = lookup(&app.operator().await, by_cf(" spsnna72s63g811m "))
        .await
        .unwrap();
    assert_eq!(found.items[0].surname, "ESPOSITO");
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
        let refused = lookup(&operator, by_cf(cf)).await.unwrap_err();
        let problem = assert_problem(&refused, 422, "invalid_codice_fiscale");
        assert_eq!(problem.errors[0].field, "cf", "{cf}");
        assert_eq!(problem.errors[0].code, rule, "{cf}: {problem:?}");
    }
}

#[actix_web::test]
async fn a_valid_code_without_a_match_is_404() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let refused = lookup(&operator, by_cf("RSSMRA85T10A562S")).await;
    assert_problem(&refused.unwrap_err(), 404, "citizen_not_found");
    // An omocodic variant is a different code: it does not find the base-form person.
    let refused = lookup(&operator, by_cf("BNCMRA50A01H50MM")).await;
    assert_problem(&refused.unwrap_err(), 404, "citizen_not_found");
}

#[actix_web::test]
async fn identity_lookup_needs_all_three_fields() {
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    let surname_only = CitizenQuery {
        surname: Some("Rossi".into()),
        ..Default::default()
    };
    let refused = lookup(&operator, surname_only).await.unwrap_err();
    let problem = assert_problem(&refused, 422, "validation_failed");
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["name", "birth_date"]);

    let italian_date = by_identity("Rossi", "Giuseppe", "12/05/1960");
    let refused = lookup(&operator, italian_date).await.unwrap_err();
    let problem = assert_problem(&refused, 422, "validation_failed");
    assert_eq!(problem.errors[0].field, "birth_date");

    assert_problem(
        &lookup(&operator, CitizenQuery::default())
            .await
            .unwrap_err(),
        422,
        "lookup_criteria_required",
    );
    let both = CitizenQuery {
        surname: Some("Bianchi".into()),
        ..by_cf(MARIO_CF)
    };
    assert_problem(
        &lookup(&operator, both).await.unwrap_err(),
        422,
        "ambiguous_lookup",
    );
}

#[actix_web::test]
async fn only_patronato_profiles_may_search_the_registry() {
    let app = TestApp::spawn().await;
    let refused = lookup(&app.official().await, by_cf(MARIO_CF)).await;
    assert_problem(&refused.unwrap_err(), 403, "profile_not_allowed");
}

#[actix_web::test]
async fn every_citizen_read_is_audited() {
    use db::schema::audit_log;
    let app = TestApp::spawn().await;
    let operator = app.operator().await;
    lookup(&operator, by_cf(MARIO_CF)).await.unwrap();
    app.state.audit.flush().await.unwrap();
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
