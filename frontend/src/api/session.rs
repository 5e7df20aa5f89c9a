//! The tokens of the signed-in user: kept in `sessionStorage` (so a reload or a deep link keeps
//! the session, and closing the tab ends it), held here for the HTTP client, and announced to
//! the one listener the session context registers.

use std::cell::RefCell;

use gloo_storage::{SessionStorage, Storage};
use serde::{Deserialize, Serialize};
use types::auth::TokenResponse;
use types::Profile;
use yew::Callback;

const STORAGE_KEY: &str = "scrivi-alla-sede.session";

/// Tokens and profile of the signed-in user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub profile: Profile,
    /// When the access token expires, in milliseconds since the Unix epoch (browser clock).
    pub expires_at_ms: f64,
    /// Lifetime of the access token when issued, in milliseconds.
    pub lifetime_ms: f64,
}

impl Session {
    /// A session from a token answer received now.
    pub fn from_token(token: TokenResponse) -> Self {
        // u64 seconds → f64 ms is exact: token lifetimes are far below 2^53.
        let lifetime_ms = token.expires_in as f64 * 1000.0;
        Session {
            access_token: token.access_token,
            refresh_token: token.refresh_token,
            profile: token.profile,
            expires_at_ms: js_sys::Date::now() + lifetime_ms,
            lifetime_ms,
        }
    }

    /// When to renew the access token: a minute before it expires, or a quarter of its
    /// lifetime for short-lived tokens, so a call never leaves with a token about to expire.
    pub fn refresh_due_ms(&self) -> f64 {
        self.expires_at_ms - (self.lifetime_ms / 4.0).min(60_000.0)
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Session>> = RefCell::new(SessionStorage::get(STORAGE_KEY).ok());
    static LISTENER: RefCell<Option<Callback<Option<Session>>>> = const { RefCell::new(None) };
}

/// The current session, if signed in.
pub fn current() -> Option<Session> {
    CURRENT.with(|c| c.borrow().clone())
}

/// Replaces the session (`None` signs out) and tells the listener.
pub fn set(session: Option<Session>) {
    match &session {
        // A full or disabled storage only costs a new sign-in after a reload.
        Some(s) => {
            let _ = SessionStorage::set(STORAGE_KEY, s);
        }
        None => SessionStorage::delete(STORAGE_KEY),
    }
    CURRENT.with(|c| *c.borrow_mut() = session.clone());
    let listener = LISTENER.with(|l| l.borrow().clone());
    if let Some(listener) = listener {
        listener.emit(session);
    }
}

/// Registers the one listener of session changes (the session context).
pub fn listen(callback: Callback<Option<Session>>) {
    LISTENER.with(|l| *l.borrow_mut() = Some(callback));
}
