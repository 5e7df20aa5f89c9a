//! Everything about the HTTP API: the client, the session tokens and one function per call.
//! Wire types come from the shared `types` crate.

mod client;
mod endpoints;
pub mod session;

pub use client::{keep_fresh, ApiError};
pub use endpoints::*;
