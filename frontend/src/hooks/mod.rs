//! Custom hooks.

mod use_load;
mod use_session;

pub use use_load::{use_load, Load};
pub use use_session::{remember_return_path, take_return_path, use_session, SessionProvider};
