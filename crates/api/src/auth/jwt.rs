//! Access tokens: HS256 JWTs with issuer, audience, expiry and not-before validated.

use std::time::{SystemTime, UNIX_EPOCH};

use domain::enums::{Profile, Side};
use domain::ids::{OfficeId, PatronatoId, PatronatoOfficeId, RegionId};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::config::Secret;
use crate::error::ApiError;

const ISSUER: &str = "combipat";
const AUDIENCE: &str = "combipat-api";

/// What an access token says about its bearer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Claims {
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// User id.
    pub sub: String,
    /// Expiry (Unix seconds).
    pub exp: u64,
    /// Not before (Unix seconds).
    pub nbf: u64,
    /// Issued at (Unix seconds).
    pub iat: u64,
    /// Active profile.
    pub profile: Profile,
    /// Side of the user.
    pub side: Side,
    /// Patronato id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pat: Option<PatronatoId>,
    /// Patronato office id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pof: Option<PatronatoOfficeId>,
    /// Region id of a referent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reg: Option<RegionId>,
    /// INPS office id of an official.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iof: Option<OfficeId>,
}

/// Signing and verification keys.
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

/// Seconds since the Unix epoch, from the real clock: token lifetimes are security, not
/// business rules, so they never follow the sandbox clock.
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl JwtKeys {
    /// Keys from the configured secret.
    pub fn new(secret: &Secret) -> JwtKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.validate_nbf = true;
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        JwtKeys {
            encoding: EncodingKey::from_secret(secret.expose()),
            decoding: DecodingKey::from_secret(secret.expose()),
            validation,
        }
    }

    /// Signs claims for `ttl_secs` from now; fills iss, aud and the times.
    pub fn issue(&self, mut claims: Claims, ttl_secs: u64) -> Result<String, ApiError> {
        let now = unix_now();
        claims.iss = ISSUER.into();
        claims.aud = AUDIENCE.into();
        claims.iat = now;
        claims.nbf = now;
        claims.exp = now + ttl_secs;
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(format!("signing a token: {e}")))
    }

    /// Verifies a token and returns its claims.
    pub fn verify(&self, token: &str) -> Result<Claims, ApiError> {
        decode::<Claims>(token, &self.decoding, &self.validation)
            .map(|data| data.claims)
            .map_err(|e| ApiError::Unauthorized {
                code: "invalid_token",
                detail: match e.kind() {
                    jsonwebtoken::errors::ErrorKind::ExpiredSignature => {
                        "Il token di accesso è scaduto: rinnovarlo con il refresh token.".into()
                    }
                    _ => "Il token di accesso non è valido.".into(),
                },
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> Claims {
        Claims {
            iss: String::new(),
            aud: String::new(),
            sub: "7".into(),
            exp: 0,
            nbf: 0,
            iat: 0,
            profile: Profile::Operator,
            side: Side::Patronato,
            pat: Some(PatronatoId(1)),
            pof: Some(PatronatoOfficeId(2)),
            reg: None,
            iof: None,
        }
    }

    #[test]
    fn issued_tokens_verify_and_others_do_not() -> Result<(), ApiError> {
        let keys = JwtKeys::new(&Secret::new("a-secret-of-at-least-32-characters!!"));
        let token = keys.issue(claims(), 60)?;
        let back = keys.verify(&token)?;
        assert_eq!(back.sub, "7");
        assert_eq!(back.iss, ISSUER);
        assert_eq!(back.profile, Profile::Operator);

        let other = JwtKeys::new(&Secret::new("another-secret-of-32-characters!!!!!"));
        assert!(other.verify(&token).is_err());
        assert!(keys.verify("not.a.token").is_err());
        Ok(())
    }

    #[test]
    fn expired_tokens_are_refused() -> Result<(), ApiError> {
        let keys = JwtKeys::new(&Secret::new("a-secret-of-at-least-32-characters!!"));
        let mut expired = claims();
        expired.iss = ISSUER.into();
        expired.aud = AUDIENCE.into();
        expired.nbf = unix_now() - 120;
        expired.iat = expired.nbf;
        expired.exp = unix_now() - 60;
        let token = encode(&Header::new(Algorithm::HS256), &expired, &keys.encoding)
            .map_err(|e| ApiError::Internal(e.to_string()))?;
        let error = keys.verify(&token).err().map(|e| e.code());
        assert_eq!(error, Some("invalid_token"));
        Ok(())
    }
}
