//! HTTP handlers, one module per resource. Each handler reads like: extract, authorize,
//! decide, persist, answer.

pub mod agenda;
pub mod answers;
pub mod appointments;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod citizens;
pub mod me;
pub mod offices;
pub mod practices;
pub mod requests;
pub mod routing;
pub mod sandbox;
pub mod statistics;
pub mod system;
pub mod territory;
pub mod topics;
