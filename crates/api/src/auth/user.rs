//! The authenticated user, extracted from the bearer token of each request.

use std::future::{ready, Ready};

use actix_web::{dev::Payload, http::header, web, FromRequest, HttpRequest};
use domain::access::Viewer;
use domain::enums::Profile;
use domain::ids::UserId;

use crate::auth::jwt::Claims;
use crate::error::ApiError;
use crate::state::AppState;

/// Who is calling, with the profile chosen at sign-in: the `domain` viewer the access rules
/// read. A missing or bad token is a 401, never an anonymous call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthUser(pub Viewer);

impl std::ops::Deref for AuthUser {
    type Target = Viewer;

    fn deref(&self) -> &Viewer {
        &self.0
    }
}

impl AuthUser {
    fn from_claims(claims: Claims) -> Result<AuthUser, ApiError> {
        let user_id = claims.sub.parse().map_err(|_| ApiError::Unauthorized {
            code: "invalid_token",
            detail: "Il token di accesso non è valido.".into(),
        })?;
        Ok(AuthUser(Viewer {
            user_id: UserId(user_id),
            profile: claims.profile,
            side: claims.side,
            patronato_id: claims.pat,
            patronato_office_id: claims.pof,
            region_id: claims.reg,
            inps_office_id: claims.iof,
        }))
    }

    /// Fails with 403 unless the active profile is one of `allowed`.
    pub fn require(&self, allowed: &[Profile]) -> Result<(), ApiError> {
        if allowed.contains(&self.profile) {
            Ok(())
        } else {
            let labels: Vec<&str> = allowed.iter().map(Profile::label_it).collect();
            Err(ApiError::Forbidden {
                code: "profile_not_allowed",
                detail: format!(
                    "Operazione non consentita con il profilo {}. Profili ammessi: {}.",
                    self.profile.label_it(),
                    labels.join(", ")
                ),
            })
        }
    }

    /// Fails with 403 unless the active profile is on the patronato side.
    pub fn require_patronato_side(&self) -> Result<(), ApiError> {
        self.require(&[
            Profile::Operator,
            Profile::RegionalReferent,
            Profile::PatronatoAdmin,
        ])
    }
}

fn bearer(req: &HttpRequest) -> Result<&str, ApiError> {
    let value = req
        .headers()
        .get(header::AUTHORIZATION)
        .ok_or_else(|| ApiError::Unauthorized {
            code: "missing_token",
            detail: "Autenticazione necessaria: inviare il token di accesso nell'intestazione \
                     Authorization: Bearer."
                .into(),
        })?;
    value
        .to_str()
        .ok()
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::Unauthorized {
            code: "invalid_token",
            detail: "L'intestazione Authorization deve avere la forma \"Bearer <token>\".".into(),
        })
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = Ready<Result<AuthUser, ApiError>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let result = (|| {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let token = bearer(req)?;
            AuthUser::from_claims(state.jwt.verify(token)?)
        })();
        ready(result)
    }
}
