//! Reusable pieces of the interface.

mod alert;
mod footer;
mod header;
mod page_heading;

pub use alert::ErrorAlert;
pub use footer::Footer;
pub use header::Header;
pub use page_heading::PageHeading;
