//! Sign-in, profiles, refresh rotation, logout, bearer checks and rate limiting.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{assert_problem, TestApp, PASSWORD};

#[actix_web::test]
async fn every_demo_user_can_sign_in() {
    let app = TestApp::spawn().await;
    let users = [
        ("operatore1", None, "operator"),
        ("operatore2", None, "operator"),
        ("operatore3", None, "operator"),
        ("referente1", Some("regional_referent"), "regional_referent"),
        ("referente1", Some("operator"), "operator"),
        ("funzionario1", None, "official"),
        ("funzionario2", None, "official"),
        (
            "admin.patronato",
            Some("patronato_admin"),
            "patronato_admin",
        ),
        ("admin.inps", None, "inps_admin"),
    ];
    for (username, profile, expected) in users {
        let (status, body) = app.sign_in(username, profile).await;
        assert_eq!(status, StatusCode::OK, "{username}: {body}");
        assert_eq!(body["token_type"], "Bearer");
        assert_eq!(body["profile"], expected);
        assert_eq!(body["expires_in"], 900);
        assert!(body["refresh_token"].as_str().is_some_and(|t| t.len() > 20));
        let session = app.session(username, profile).await;
        let (status, me) = session.get("/me").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(me["username"], username);
        assert_eq!(me["active_profile"], expected);
    }
}

#[actix_web::test]
async fn a_user_with_several_profiles_must_choose_one() {
    let app = TestApp::spawn().await;
    let result = app.sign_in("referente1", None).await;
    let problem = assert_problem(&result, 422, "profile_required");
    assert_eq!(
        problem["available_profiles"],
        json!(["operator", "regional_referent"])
    );

    let referent = app.referent().await;
    let (_, me) = referent.get("/me").await;
    assert_eq!(me["active_profile"], "regional_referent");
    assert_eq!(
        me["available_profiles"],
        json!(["operator", "regional_referent"])
    );
    assert_eq!(me["region"]["name"], "Lazio");
    assert_eq!(me["patronato"]["name"], "INCA CGIL");
}

#[actix_web::test]
async fn a_profile_that_is_not_granted_is_refused() {
    let app = TestApp::spawn().await;
    let result = app.sign_in("operatore1", Some("inps_admin")).await;
    let problem = assert_problem(&result, 422, "profile_not_available");
    assert_eq!(problem["errors"][0]["field"], "profile");
}

#[actix_web::test]
async fn me_describes_the_offices_of_each_side() {
    let app = TestApp::spawn().await;
    let (_, me) = app.operator().await.get("/me").await;
    assert_eq!(me["side"], "patronato");
    assert_eq!(me["patronato_office"]["name"], "INCA CGIL Roma");
    assert_eq!(me["inps_office"], serde_json::Value::Null);
    let (_, me) = app.other_patronato().await.get("/me").await;
    assert_eq!(me["patronato"]["name"], "Patronato ACLI");
    assert_eq!(me["patronato_office"]["province_code"], "MI");
    let (_, me) = app.official().await.get("/me").await;
    assert_eq!(me["side"], "inps");
    assert_eq!(me["inps_office"]["code"], "7013");
    assert_eq!(me["inps_office"]["name"], "POMEZIA");
}

#[actix_web::test]
async fn wrong_passwords_and_unknown_users_look_the_same() {
    let app = TestApp::spawn().await;
    let wrong = app
        .anonymous(
            Method::POST,
            "/auth/token",
            Some(json!({"username": "operatore1", "password": "nope"})),
        )
        .await;
    let a = assert_problem(&wrong, 401, "invalid_credentials");
    let unknown = app
        .anonymous(
            Method::POST,
            "/auth/token",
            Some(json!({"username": "nobody", "password": "nope"})),
        )
        .await;
    let b = assert_problem(&unknown, 401, "invalid_credentials");
    assert_eq!(a["detail"], b["detail"]);
}

#[actix_web::test]
async fn refresh_rotates_and_reuse_revokes_the_family() {
    let app = TestApp::spawn().await;
    let (_, first) = app.sign_in("operatore1", None).await;
    let refresh = |token: &serde_json::Value| {
        app.anonymous(
            Method::POST,
            "/auth/refresh",
            Some(json!({"refresh_token": token.as_str().unwrap()})),
        )
    };
    let (status, second) = refresh(&first["refresh_token"]).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(second["profile"], "operator");

    // The spent token comes back: the whole family is revoked, the newest token too.
    assert_problem(
        &refresh(&first["refresh_token"]).await,
        401,
        "refresh_token_reused",
    );
    assert_problem(
        &refresh(&second["refresh_token"]).await,
        401,
        "invalid_refresh_token",
    );
    assert_problem(
        &refresh(&json!("rt_not-a-real-token")).await,
        401,
        "invalid_refresh_token",
    );
}

#[actix_web::test]
async fn logout_revokes_the_refresh_token() {
    let app = TestApp::spawn().await;
    let (_, tokens) = app.sign_in("operatore2", None).await;
    let body = json!({"refresh_token": tokens["refresh_token"]});
    let (status, _) = app
        .anonymous(Method::POST, "/auth/logout", Some(body.clone()))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let after = app
        .anonymous(Method::POST, "/auth/refresh", Some(body))
        .await;
    assert_problem(&after, 401, "invalid_refresh_token");
}

#[actix_web::test]
async fn bad_bearer_tokens_are_401_never_anonymous() {
    let app = TestApp::spawn().await;
    assert_problem(
        &app.anonymous(Method::GET, "/me", None).await,
        401,
        "missing_token",
    );
    let garbage = app
        .client
        .get(app.url("/me"))
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
    let response = app
        .client
        .get(app.url("/me"))
        .bearer_auth(forged)
        .send()
        .await
        .unwrap();
    let result = crate::helpers::split(response).await;
    assert_problem(&result, 401, "invalid_token");
}

#[actix_web::test]
async fn sign_in_is_rate_limited_per_user() {
    let app = TestApp::spawn_with(|c| c.login_per_user_per_minute = 3).await;
    for _ in 0..3 {
        let (status, _) = app.sign_in("operatore1", None).await;
        assert_eq!(status, StatusCode::OK);
    }
    let response = app
        .client
        .post(app.url("/auth/token"))
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
    let result = crate::helpers::split(response).await;
    assert_problem(&result, 429, "too_many_requests");
    // Another user is not affected.
    assert_eq!(app.sign_in("operatore2", None).await.0, StatusCode::OK);
}

#[actix_web::test]
async fn sign_in_validates_its_body() {
    let app = TestApp::spawn().await;
    let empty = app
        .anonymous(
            Method::POST,
            "/auth/token",
            Some(json!({"username": "", "password": "x"})),
        )
        .await;
    let problem = assert_problem(&empty, 422, "validation_failed");
    assert_eq!(problem["errors"][0]["field"], "username");
    let unknown_profile = app
        .anonymous(
            Method::POST,
            "/auth/token",
            Some(json!({"username": "a", "password": "x", "profile": "emperor"})),
        )
        .await;
    assert_problem(&unknown_profile, 422, "invalid_body");
}
