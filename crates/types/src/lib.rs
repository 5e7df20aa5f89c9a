//! The API contract of Scrivi alla sede: request and response bodies, ids and the problem
//! document. Shared by the server and the WASM client, so it has no server dependencies;
//! OpenAPI derives sit behind the `openapi` feature.

pub mod appointments;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod citizens;
pub mod files;
pub mod formats;
pub mod ids;
pub mod offices;
pub mod page;
pub mod practices;
pub mod problem;
pub mod requests;
pub mod routing;
pub mod system;
pub mod territory;
pub mod topics;

pub use domain::enums::{
    AppointmentStatus, AuditAction, AuditResource, Channel, EventKind, MessageKind, Motive,
    OfficeKind, PracticeKind, PracticeRole, Profile, RequestKind, RequestStatus, RoutingReason,
    Side,
};
