//! Typed ids: a request id cannot be passed where an office id is expected. Defined in
//! `domain` (the database rows use them too) and part of the contract.

pub use domain::ids::*;
