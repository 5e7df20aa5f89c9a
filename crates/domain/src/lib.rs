//! Pure business rules of *Scrivi alla sede*.
//!
//! This crate holds the rules every other part of the system agrees on: validation and decoding of
//! the Italian *codice fiscale*, the INPS protocol number format, the shared enumerations with their
//! stable API codes and Italian labels, the clock abstraction and calendar arithmetic in
//! Europe/Rome. It does no I/O and compiles to `wasm32-unknown-unknown`, so the front end uses the
//! very same rules as the server.

#![warn(missing_docs)]

pub mod access;
pub mod appointments;
pub mod attachments;
pub mod calendar;
pub mod clock;
pub mod codice_fiscale;
pub mod enums;
pub mod history;
pub mod ids;
pub mod lifecycle;
pub mod practices;
pub mod protocol;
pub mod routing;
#[cfg(feature = "diesel")]
pub mod sql;
