//! The signed-in user, shared through a context and read with [`use_session`]. The tokens
//! themselves stay in [`crate::api::session`]: renewing them does not re-render the app.

use std::rc::Rc;

use gloo_storage::{SessionStorage, Storage};
use types::auth::Me;
use types::Profile;
use yew::prelude::*;

use crate::api::{self, session};

const RETURN_KEY: &str = "scrivi-alla-sede.return-to";

#[derive(Clone, Debug, PartialEq, Default)]
struct SessionState {
    /// Active profile; `None` when signed out.
    profile: Option<Profile>,
    /// The user, once `GET /me` answered.
    me: Option<Rc<Me>>,
}

enum SessionAction {
    Profile(Option<Profile>),
    Me(Rc<Me>),
}

impl Reducible for SessionState {
    type Action = SessionAction;

    fn reduce(self: Rc<Self>, action: SessionAction) -> Rc<Self> {
        match action {
            // Token renewals keep the profile: nothing changes, nothing re-renders.
            SessionAction::Profile(profile) if profile == self.profile => self,
            SessionAction::Profile(profile) => Rc::new(SessionState { profile, me: None }),
            SessionAction::Me(me) => Rc::new(SessionState {
                profile: self.profile,
                me: self.profile.is_some().then_some(me),
            }),
        }
    }
}

/// Handle returned by [`use_session`].
#[derive(Clone, PartialEq)]
pub struct SessionHandle {
    state: UseReducerHandle<SessionState>,
}

impl SessionHandle {
    /// The active profile, if signed in.
    pub fn profile(&self) -> Option<Profile> {
        self.state.profile
    }

    /// True when signed in.
    pub fn signed_in(&self) -> bool {
        self.state.profile.is_some()
    }

    /// True when working as regional referent.
    pub fn is_referent(&self) -> bool {
        self.state.profile == Some(Profile::RegionalReferent)
    }

    /// The signed-in user, once loaded.
    pub fn me(&self) -> Option<Rc<Me>> {
        self.state.me.clone()
    }
}

#[derive(Properties, PartialEq)]
pub struct SessionProviderProps {
    pub children: Html,
}

/// Provides the session to every component below it and keeps the tokens fresh.
#[component]
pub fn SessionProvider(props: &SessionProviderProps) -> Html {
    let state = use_reducer(|| SessionState {
        profile: session::current().map(|s| s.profile),
        me: None,
    });
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            session::listen(Callback::from(move |s: Option<session::Session>| {
                dispatcher.dispatch(SessionAction::Profile(s.map(|s| s.profile)));
            }));
            wasm_bindgen_futures::spawn_local(api::keep_fresh());
        });
    }
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.profile, move |profile| {
            if profile.is_some() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(me) = api::me().await {
                        dispatcher.dispatch(SessionAction::Me(Rc::new(me)));
                    }
                });
            }
        });
    }
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

/// Remembers the address a signed-out user asked for, to go there after signing in.
pub fn remember_return_path(path: &str) {
    let _ = SessionStorage::set(RETURN_KEY, path);
}

/// The remembered address, once.
pub fn take_return_path() -> Option<String> {
    let path = SessionStorage::get::<String>(RETURN_KEY).ok();
    SessionStorage::delete(RETURN_KEY);
    path
}
