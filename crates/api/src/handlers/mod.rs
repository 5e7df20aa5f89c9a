//! HTTP handlers, one module per resource. Each handler reads like: extract, authorize,
//! decide, persist, answer.

pub mod auth;
pub mod citizens;
pub mod me;
pub mod offices;
pub mod practices;
pub mod routing;
pub mod sandbox;
pub mod system;
pub mod territory;
pub mod topics;
