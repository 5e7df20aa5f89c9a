//! Everything about the HTTP API: wire types (`dto`) and the one client that talks to it.

pub mod client;
pub mod dto;

pub use client::ApiError;
