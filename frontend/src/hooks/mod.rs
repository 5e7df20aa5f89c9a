//! Custom hooks.

mod use_session;

pub use use_session::{use_session, Session, SessionProvider};
