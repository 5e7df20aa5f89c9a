//! Background jobs that run inside `serve`.

pub mod dispatcher;
pub mod drafts;
