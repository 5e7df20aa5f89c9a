//! API integration tests: a real server on a free port, a fresh database per test (SQLite by
//! default; PostgreSQL when `TEST_DATABASE_URL` is set), one client per demo identity.

// Panicking on a broken fixture is the right failure mode in tests.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod helpers;

mod appointments;
mod attachments;
mod audit;
mod auth;
mod bulk;
mod citizens;
mod documents;
mod errors;
mod insights;
mod migrations;
mod openapi;
mod practices;
mod reference;
mod requests;
mod routing;
mod sandbox;
mod search;
mod summary;
mod transactions;
