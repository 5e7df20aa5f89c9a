//! Sign-in, token refresh and logout.

use actix_web::{post, web, HttpRequest, HttpResponse};
use domain::enums::{AuditAction, AuditResource};
use types::auth::{RefreshRequest, TokenRequest, TokenResponse};
use types::problem::Problem;

use crate::auth::identity::{self, Lifetimes};
use crate::error::ApiError;
use crate::extract::validate;
use crate::state::AppState;

fn lifetimes(state: &AppState) -> Lifetimes {
    Lifetimes {
        access_secs: state.config.access_token_ttl_secs,
        refresh_secs: state.config.refresh_token_ttl_secs,
    }
}

/// Sign in with username and password; returns an access token and a refresh token.
///
/// A user with several profiles (e.g. a regional referent, who may also work as operator) must
/// name the working profile: without it the answer is 422 `profile_required` listing the
/// choices. Attempts are limited per username and per client address (429 + `Retry-After`).
#[utoipa::path(
    tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "Signed in.", body = TokenResponse),
        (status = 401, description = "`invalid_credentials`.", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "`no_profile`: the user has no profile.", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`profile_required` (with `available_profiles`), `profile_not_available` or `validation_failed`.", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "`too_many_requests`: wait `Retry-After` seconds.", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds to wait")))
    )
)]
#[post("/auth/token")]
pub async fn create_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<TokenRequest>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let body = body.into_inner();
    validate(&body)?;
    let ip = req.peer_addr().map(|addr| addr.ip());
    state.login_limiter.check(&body.username, ip)?;
    let jwt = state.jwt.clone();
    let lifetimes = lifetimes(&state);
    let now = state.now();
    let response = state
        .db(move |conn| {
            let user = identity::check_password(conn, &body.username, &body.password)?;
            let available = identity::profiles_of(conn, user.id)?;
            let profile = identity::choose_profile(&available, body.profile)?;
            let tokens = identity::open_session(conn, &jwt, lifetimes, &user, profile, None)?;
            db::audit::record(
                conn,
                &db::audit::NewAuditEntry {
                    at: now.naive_utc(),
                    user_id: Some(user.id),
                    profile: Some(profile),
                    patronato_id: user.patronato_id,
                    inps_office_id: user.inps_office_id,
                    action: AuditAction::SignIn,
                    resource_type: AuditResource::Session,
                    resource_id: None,
                    detail: None,
                },
            )?;
            Ok(tokens)
        })
        .await?;
    Ok(web::Json(response))
}

/// Exchange a refresh token for a new pair; the presented token is spent.
///
/// Presenting a token that was already spent revokes every token of that sign-in
/// (`refresh_token_reused`): a copy may be in the wrong hands.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "New tokens.", body = TokenResponse),
        (status = 401, description = "`invalid_refresh_token` or `refresh_token_reused`.", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/auth/refresh")]
pub async fn refresh_token(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<web::Json<TokenResponse>, ApiError> {
    let body = body.into_inner();
    validate(&body)?;
    let jwt = state.jwt.clone();
    let lifetimes = lifetimes(&state);
    // The outer result decides the transaction; the inner one is the answer. A reused token
    // must revoke its family *and* be refused, so that refusal commits.
    let outcome = state
        .db(move |conn| {
            db::write_tx(conn, |conn| {
                identity::refresh_session(conn, &jwt, lifetimes, &body.refresh_token)
            })
        })
        .await?;
    outcome.map(web::Json)
}

/// Sign out: revokes the refresh token and every token of the same sign-in.
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses((status = 204, description = "Signed out (also when the token was unknown)."))
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    body: web::Json<RefreshRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner();
    validate(&body)?;
    state
        .db(move |conn| identity::close_session(conn, &body.refresh_token))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
