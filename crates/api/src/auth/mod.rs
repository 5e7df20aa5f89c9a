//! Authentication (sign-in, JWT access tokens, rotating refresh tokens) and the authenticated
//! user extractor. Sign-in sits behind [`identity`] so an identity provider (SPID/CIE) can
//! replace the password check without touching the rest.

pub mod identity;
pub mod jwt;
pub mod limiter;
mod user;

pub use user::AuthUser;
