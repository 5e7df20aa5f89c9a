//! Who the user is: the password check and the session (token pair) it opens.
//!
//! The real service signs in through SPID/CIE/CNS; an identity provider replaces
//! [`check_password`] and keeps everything after it (profile choice, tokens, audit).

use chrono::{Duration, NaiveDateTime, Utc};
use db::tokens::{self, NewRefreshToken};
use db::users::User;
use db::AnyConnection;
use domain::enums::Profile;
use domain::ids::UserId;
use rand::RngCore;
use sha2::{Digest, Sha256};
use types::auth::TokenResponse;

use crate::auth::jwt::{Claims, JwtKeys};
use crate::error::ApiError;

/// A PHC string that never verifies, used to spend the same time on unknown usernames.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Vv1gq4m0lSx3p5Y6Vb0iCk8YdXkO5fGZ0V8h8cYb4E";

fn invalid_credentials() -> ApiError {
    ApiError::Unauthorized {
        code: "invalid_credentials",
        detail: "Nome utente o password non corretti.".into(),
    }
}

/// Checks a username and password; unknown users and wrong passwords look the same.
pub fn check_password(
    conn: &mut AnyConnection,
    username: &str,
    password: &str,
) -> Result<User, ApiError> {
    match db::users::find_by_username(conn, username.trim())? {
        Some(user)
            if user.active && db::passwords::verify_password(password, &user.password_hash) =>
        {
            Ok(user)
        }
        Some(_) => Err(invalid_credentials()),
        None => {
            // Same work as a real check, so response time does not reveal which users exist.
            let _ = db::passwords::verify_password(password, DUMMY_HASH);
            Err(invalid_credentials())
        }
    }
}

/// The user's profiles, in a stable order (the SPA lists them as given).
pub fn profiles_of(conn: &mut AnyConnection, user_id: UserId) -> Result<Vec<Profile>, ApiError> {
    let mut profiles = db::users::profiles_of(conn, user_id)?;
    profiles.sort();
    Ok(profiles)
}

/// Picks the working profile: the requested one if granted, the only one, or none (the user
/// must choose).
pub fn choose_profile(
    available: &[Profile],
    requested: Option<Profile>,
) -> Result<Profile, ApiError> {
    match (requested, available) {
        (Some(profile), _) if available.contains(&profile) => Ok(profile),
        (Some(profile), _) => Err(ApiError::field(
            "profile_not_available",
            "profile",
            "not_granted",
            format!(
                "Il profilo {} non è assegnato a questo utente.",
                profile.label_it()
            ),
        )),
        (None, [only]) => Ok(*only),
        (None, []) => Err(ApiError::Forbidden {
            code: "no_profile",
            detail: "All'utente non è assegnato alcun profilo.".into(),
        }),
        (None, several) => Err(ApiError::ProfileRequired {
            available: several.to_vec(),
        }),
    }
}

/// SHA-256 of a refresh token, as stored.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

fn random_token(prefix: &str) -> String {
    use base64::Engine as _;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// Lifetimes of the two tokens.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    /// Access token, seconds.
    pub access_secs: u64,
    /// Refresh token, seconds.
    pub refresh_secs: u64,
}

fn real_now() -> NaiveDateTime {
    Utc::now().naive_utc()
}

/// Issues an access token and a refresh token for `user` working as `profile`. A new sign-in
/// starts a family; a refresh continues the old one.
pub fn open_session(
    conn: &mut AnyConnection,
    keys: &JwtKeys,
    lifetimes: Lifetimes,
    user: &User,
    profile: Profile,
    family: Option<String>,
) -> Result<TokenResponse, ApiError> {
    let claims = Claims {
        iss: String::new(),
        aud: String::new(),
        sub: user.id.to_string(),
        exp: 0,
        nbf: 0,
        iat: 0,
        profile,
        side: user.side,
        pat: user.patronato_id,
        pof: user.patronato_office_id,
        reg: user.region_id,
        iof: user.inps_office_id,
    };
    let access_token = keys.issue(claims, lifetimes.access_secs)?;
    let refresh_token = random_token("rt_");
    let now = real_now();
    let refresh_secs = i64::try_from(lifetimes.refresh_secs).unwrap_or(i64::MAX / 2);
    tokens::insert(
        conn,
        &NewRefreshToken {
            user_id: user.id,
            family: family.unwrap_or_else(|| random_token("")),
            token_hash: token_hash(&refresh_token),
            profile,
            created_at: now,
            expires_at: now + Duration::seconds(refresh_secs),
        },
    )?;
    Ok(TokenResponse {
        access_token,
        refresh_token,
        token_type: "Bearer".into(),
        expires_in: lifetimes.access_secs,
        profile,
    })
}

fn invalid_refresh() -> ApiError {
    ApiError::Unauthorized {
        code: "invalid_refresh_token",
        detail: "Il refresh token non è valido o è scaduto: accedere di nuovo.".into(),
    }
}

/// Exchanges a refresh token for a new pair. Presenting a spent token revokes its whole family:
/// somebody else may hold a copy.
pub fn refresh_session(
    conn: &mut AnyConnection,
    keys: &JwtKeys,
    lifetimes: Lifetimes,
    presented: &str,
) -> Result<Result<TokenResponse, ApiError>, ApiError> {
    let now = real_now();
    let Some(stored) = tokens::find_by_hash(conn, &token_hash(presented))? else {
        return Ok(Err(invalid_refresh()));
    };
    if stored.revoked_at.is_some() || stored.expires_at <= now {
        return Ok(Err(invalid_refresh()));
    }
    if stored.used_at.is_some() || !tokens::mark_used(conn, stored.id, now)? {
        tokens::revoke_family(conn, &stored.family, now)?;
        return Ok(Err(ApiError::Unauthorized {
            code: "refresh_token_reused",
            detail: "Il refresh token era già stato usato: per sicurezza la sessione è stata \
                     chiusa. Accedere di nuovo."
                .into(),
        }));
    }
    let user = match db::users::get_user(conn, stored.user_id)? {
        Some(user) if user.active => user,
        _ => return Ok(Err(invalid_refresh())),
    };
    let profile = stored.profile;
    if !profiles_of(conn, user.id)?.contains(&profile) {
        return Ok(Err(invalid_refresh()));
    }
    open_session(conn, keys, lifetimes, &user, profile, Some(stored.family)).map(Ok)
}

/// Revokes the family of a refresh token (logout). Unknown tokens are ignored.
pub fn close_session(conn: &mut AnyConnection, presented: &str) -> Result<(), ApiError> {
    if let Some(stored) = tokens::find_by_hash(conn, &token_hash(presented))? {
        tokens::revoke_family(conn, &stored.family, real_now())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_choice_follows_the_rules() {
        let both = [Profile::Operator, Profile::RegionalReferent];
        assert!(matches!(
            choose_profile(&both, Some(Profile::Operator)),
            Ok(Profile::Operator)
        ));
        assert!(matches!(
            choose_profile(&both, None),
            Err(ApiError::ProfileRequired { .. })
        ));
        assert!(matches!(
            choose_profile(&[Profile::Operator], None),
            Ok(Profile::Operator)
        ));
        let refused = choose_profile(&[Profile::Operator], Some(Profile::InpsAdmin));
        assert_eq!(
            refused.err().map(|e| e.code()),
            Some("profile_not_available")
        );
    }

    #[test]
    fn the_dummy_hash_never_verifies() {
        assert!(!db::passwords::verify_password("combipat-demo", DUMMY_HASH));
        assert!(!db::passwords::verify_password("", DUMMY_HASH));
    }
}
