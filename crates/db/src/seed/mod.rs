//! Data loaded into an empty database: the real reference data (territory, INPS offices,
//! topics) at first start, and the demo data (patronati, users, citizens, practices) on request.

mod demo;
mod reference;

pub use demo::{seed_demo, DEMO_PASSWORD};
pub use reference::load_reference_data;
