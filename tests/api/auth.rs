//! Sign-in, profiles, refresh rotation, logout, bearer checks and rate limiting.

use reqwest::{Method, StatusCode};
use serde_json::json;
use types::{Profile, Side};

use crate::helpers::{assert_problem, decode, send, TestApp, PASSWORD};

#[actix_web::test]
async fn every_demo_user_can_sign_in() {
    let app = TestApp::spawn().await;
    let users = [
        ("operatore1", None, Profile::Operator),
        ("operatore2", None, Profile::Operator),
        ("operatore3", None, Profile::Operator),
        (
            "referente1",
            Some(Profile::RegionalReferent),
            Profile::RegionalReferent,
        ),
        ("referente1", Some(Profile::Operator), Profile::Operator),
        ("funzionario1", None, Profile::Official),
        ("funzionario2", None, Profile::Official),
        (
            "admin.patronato",
            Some(Profile::PatronatoAdmin),
            Profile::PatronatoAdmin,
        ),
        ("admin.inps", None, Profile::InpsAdmin),
    ];
    for (username, profile, expected) in users {
        let session = app.client();
        let tokens = session
            .sign_in(username, PASSWORD, profile)
            .await
            .unwrap_or_else(|e| panic!("{username}: {e}"));
        assert_eq!(tokens.token_type, "Bearer");
        assert_eq!(tokens.profile, expected);
        assert_eq!(tokens.expires_in, 900);
        assert!(tokens.refresh_token.len() > 20);
        let me = session.show_me().await.unwrap();
        assert_eq!(me.username, username);
        assert_eq!(me.active_profile, expected);
    }
}

#[actix_web::test]
async fn a_user_with_several_profiles_must_choose_one() {
    let app = TestApp::spawn().await;
    let refused = app
        .client()
        .sign_in("referente1", PASSWORD, None)
        .await
        .unwrap_err();
    let problem = assert_problem(&refused, 422, "profile_required");
    let both = vec![Profile::Operator, Profile::RegionalReferent];
    assert_eq!(problem.available_profiles.as_ref(), Some(&both));

    let me = app.referent().await.show_me().await.unwrap();
    assert_eq!(me.active_profile, Profile::RegionalReferent);
    assert_eq!(me.available_profiles, both);
    assert_eq!(me.region.unwrap().name, "Lazio");
    assert_eq!(me.patronato.unwrap().name, "INCA CGIL");
}

#[actix_web::test]
async fn a_profile_that_is_not_granted_is_refused() {
    let app = TestApp::spawn().await;
    let refused = app
        .client()
        .sign_in("operatore1", PASSWORD, Some(Profile::InpsAdmin))
        .await
        .unwrap_err();
    let problem = assert_problem(&refused, 422, "profile_not_available");
    assert_eq!(problem.errors[0].field, "profile");
}

#[actix_web::test]
async fn me_describes_the_offices_of_each_side() {
    let app = TestApp::spawn().await;
    let me = app.operator().await.show_me().await.unwrap();
    assert_eq!(me.side, Side::Patronato);
    assert_eq!(me.patronato_office.unwrap().name, "INCA CGIL Roma");
    assert_eq!(me.inps_office, None);
    let me = app.other_patronato().await.show_me().await.unwrap();
    assert_eq!(me.patronato.unwrap().name, "Patronato ACLI");
    assert_eq!(me.patronato_office.unwrap().province_code, "MI");
    let me = app.official().await.show_me().await.unwrap();
    assert_eq!(me.side, Side::Inps);
    let office = me.inps_office.unwrap();
    assert_eq!(office.code, "7013");
    assert_eq!(office.name, "POMEZIA");
}

#[actix_web::test]
async fn wrong_passwords_and_unknown_users_look_the_same() {
    let app = TestApp::spawn().await;
    let wrong = app.client().sign_in("operatore1", "nope", None).await;
    let a = assert_problem(&wrong.unwrap_err(), 401, "invalid_credentials");
    let unknown = app.client().sign_in("nobody", "nope", None).await;
    let b = assert_problem(&unknown.unwrap_err(), 401, "invalid_credentials");
    assert_eq!(a.detail, b.detail);
}

#[actix_web::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = TestApp::spawn().await;
    let session = app.client();
    let first = session.sign_in("operatore1", PASSWORD, None).await.unwrap();
    let second = session.refresh().await.unwrap();
    assert_ne!(second.refresh_token, first.refresh_token);
    assert_eq!(second.profile, Profile::Operator);

    let refresh = |refresh_token: &str| {
        let replay = app.client();
        replay.use_tokens(&first.access_token, refresh_token);
        async move { replay.refresh().await.unwrap_err() }
    };
    // The spent token comes back: the whole family is revoked, the newest token too.
    assert_problem(
        &refresh(&first.refresh_token).await,
        401,
        "refresh_token_reused",
    );
    assert_problem(
        &refresh(&second.refresh_token).await,
        401,
        "invalid_refresh_token",
    );
    assert_problem(
        &refresh("rt_not-a-real-token").await,
        401,
        "invalid_refresh_token",
    );
}

#[actix_web::test]
async fn logout_revokes_the_refresh_token() {
    let app = TestApp::spawn().await;
    let session = app.client();
    let tokens = session.sign_in("operatore2", PASSWORD, None).await.unwrap();
    session.logout().await.unwrap();
    session.use_tokens(&tokens.access_token, &tokens.refresh_token);
    assert_problem(
        &session.refresh().await.unwrap_err(),
        401,
        "invalid_refresh_token",
    );
}

#[actix_web::test]
async fn bad_bearer_tokens_are_401_never_anonymous() {
    let app = TestApp::spawn().await;
    assert_problem(
        &send(app.raw(Method::GET, "/me")).await.unwrap_err(),
        401,
        "missing_token",
    );
    let garbage = app
        .raw(Method::GET, "/me")
        .bearer_auth("not.a.jwt")
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        garbage
            .headers()
            .get("www-authenticate")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer")
    );

    // A well-formed token signed with another secret.
    let forged = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &json!({"iss": "combipat", "aud": "combipat-api", "sub": "1", "exp": 4_102_444_800_u64,
                "nbf": 0, "iat": 0, "profile": "inps_admin", "side": "inps"}),
        &jsonwebtoken::EncodingKey::from_secret(b"some-other-secret-some-other-secret"),
    )
    .unwrap();
    let session = app.client();
    session.use_access_token(&forged);
    assert_problem(&session.show_me().await.unwrap_err(), 401, "invalid_token");
}

#[actix_web::test]
async fn sign_in_is_rate_limited_per_user() {
    let app = TestApp::spawn_with(|c| c.login_per_user_per_minute = 3).await;
    for _ in 0..3 {
        app.client()
            .sign_in("operatore1", PASSWORD, None)
            .await
            .unwrap();
    }
    // The typed client does not show headers: Retry-After is read from the raw answer.
    let response = app
        .raw(Method::POST, "/auth/token")
        .json(&json!({"username": "operatore1", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    let retry_after: u64 = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After header");
    assert!(retry_after >= 1);
    assert_problem(
        &decode(response).await.unwrap_err(),
        429,
        "too_many_requests",
    );
    // Another user is not affected.
    app.client()
        .sign_in("operatore2", PASSWORD, None)
        .await
        .unwrap();
}

#[actix_web::test]
async fn sign_in_validates_its_body() {
    let app = TestApp::spawn().await;
    let empty = app.client().sign_in("", "x", None).await.unwrap_err();
    let problem = assert_problem(&empty, 422, "validation_failed");
    assert_eq!(problem.errors[0].field, "username");
    // A profile no enum can hold.
    let unknown_profile = app
        .raw(Method::POST, "/auth/token")
        .json(&json!({"username": "a", "password": "x", "profile": "emperor"}));
    assert_problem(
        &send(unknown_profile).await.unwrap_err(),
        422,
        "invalid_body",
    );
}
