//! Data loaded into an empty database: the real reference data (territory, INPS offices,
//! topics) at first start, the demo data (patronati, users, citizens, practices) on request, and
//! bulk data (many requests with their conversations) for load tests.

mod bulk;
mod demo;
mod reference;

pub use bulk::{seed_bulk, BulkReport};
pub use demo::{seed_demo, DEMO_PASSWORD};
pub use reference::load_reference_data;
