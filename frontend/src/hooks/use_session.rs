//! The signed-in session: tokens kept in `sessionStorage` (gone when the tab closes), shared
//! through a context and read with [`use_session`].

use std::rc::Rc;

use gloo_storage::{SessionStorage, Storage};
use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::api::dto::{Profile, TokenResponse};

const STORAGE_KEY: &str = "scrivi-alla-sede.session";

/// Tokens and profile of the signed-in user.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub profile: Profile,
    /// When the access token expires, in milliseconds since the Unix epoch (browser clock).
    pub expires_at_ms: f64,
}

impl Session {
    /// Builds a session from a token answer received now.
    pub fn from_token(token: TokenResponse) -> Self {
        // u64 seconds → f64 ms is exact: token lifetimes are far below 2^53.
        let lifetime_ms = token.expires_in as f64 * 1000.0;
        Session {
            access_token: token.access_token,
            refresh_token: token.refresh_token,
            profile: token.profile,
            expires_at_ms: js_sys::Date::now() + lifetime_ms,
        }
    }

    fn load() -> Option<Self> {
        SessionStorage::get(STORAGE_KEY).ok()
    }

    fn store(session: Option<&Session>) {
        match session {
            // A full or disabled storage only costs a new login after reload.
            Some(session) => {
                let _ = SessionStorage::set(STORAGE_KEY, session);
            }
            None => SessionStorage::delete(STORAGE_KEY),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Default)]
struct SessionState {
    session: Option<Session>,
}

enum SessionAction {
    SignIn(Session),
    SignOut,
}

impl Reducible for SessionState {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        let session = match action {
            SessionAction::SignIn(session) => Some(session),
            SessionAction::SignOut => None,
        };
        // Persist here, synchronously, so a reload right after cannot see a stale session.
        Session::store(session.as_ref());
        Rc::new(SessionState { session })
    }
}

/// Handle returned by [`use_session`].
#[derive(Clone, PartialEq)]
pub struct SessionHandle {
    state: UseReducerHandle<SessionState>,
}

impl SessionHandle {
    /// The current session, if signed in.
    pub fn current(&self) -> Option<&Session> {
        self.state.session.as_ref()
    }

    /// Stores a new session.
    pub fn sign_in(&self, session: Session) {
        self.state.dispatch(SessionAction::SignIn(session));
    }

    /// Forgets the session (tokens are removed from storage).
    pub fn sign_out(&self) {
        self.state.dispatch(SessionAction::SignOut);
    }
}

#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    pub children: Html,
}

/// Provides the session to every component below it.
#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let state = use_reducer(|| SessionState {
        session: Session::load(),
    });
    let handle = SessionHandle { state };
    html! {
        <ContextProvider<SessionHandle> context={handle}>
            { props.children.clone() }
        </ContextProvider<SessionHandle>>
    }
}

/// The session of the signed-in user; must be used below [`SessionProvider`].
#[hook]
pub fn use_session() -> SessionHandle {
    match use_context::<SessionHandle>() {
        Some(handle) => handle,
        None => panic!("use_session must be used inside <SessionProvider>"),
    }
}
