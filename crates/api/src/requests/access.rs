//! Who may see and act on a request: the rules of `domain::access` applied to a stored request.
//! Anything a user may not see is a 404, never a 403, so the existence of other patronati's
//! requests is not revealed.

use db::requests::Request;
use domain::access::{self, Scope};

use crate::auth::AuthUser;
use crate::error::ApiError;

/// The 404 for requests that do not exist or are not visible.
pub fn not_found() -> ApiError {
    ApiError::not_found(
        "request_not_found",
        "La richiesta non esiste o non è visibile con il profilo attivo.",
    )
}

/// Fails with 404 unless `user` may read `request`.
pub fn ensure_readable(user: &AuthUser, request: &Request) -> Result<(), ApiError> {
    if access::can_read(user, &request.parties()) {
        Ok(())
    } else {
        Err(not_found())
    }
}

/// Whether `user` writes in the conversation for the patronato (the sender or a colleague).
pub fn writes_for_patronato(user: &AuthUser, request: &Request) -> bool {
    access::writes_for_patronato(user, &request.parties())
}

/// Whether `user` sent the request.
pub fn is_sender(user: &AuthUser, request: &Request) -> bool {
    access::is_sender(user, &request.parties())
}

/// Whether `user` is an official of the request's current office.
pub fn is_destination_official(user: &AuthUser, request: &Request) -> bool {
    access::is_destination_official(user, &request.parties())
}

/// The requests a profile sees in the history: `mine` or the whole office (patronato office,
/// region for referents, INPS office for officials).
pub fn scope(user: &AuthUser, mine: bool) -> Result<Scope, ApiError> {
    Scope::of(user, mine).ok_or_else(|| ApiError::Forbidden {
        code: "profile_not_allowed",
        detail: "Il profilo attivo non ha uno storico richieste.".into(),
    })
}
