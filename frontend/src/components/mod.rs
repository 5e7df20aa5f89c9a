//! Reusable pieces of the interface.

mod alert;
mod attachments;
mod chart;
pub mod codice_fiscale;
mod footer;
mod form;
mod header;
mod modal;
mod office_dialog;
mod page_heading;
mod request_table;
mod search_criteria;
mod stepper;
mod summary;
mod topic_picker;
mod topic_select;
mod user_details;

pub use alert::{ErrorAlert, Notice, Status};
pub use attachments::{size_label, AttachmentLinks, AttachmentPicker};
pub use chart::{BarChart, Series};
pub use footer::Footer;
pub use form::{enum_options, focus, Checkbox, SelectField, TextArea, TextField};
pub use header::{use_sign_out, Header};
pub use modal::Modal;
pub use office_dialog::OfficeDialog;
pub use page_heading::PageHeading;
pub use request_table::{RequestTable, Row};
pub use search_criteria::{Criteria, Criterion, SearchCriteria};
pub use stepper::Stepper;
pub use summary::{field, DetailLink};
pub use topic_picker::TopicPicker;
pub use topic_select::TopicSelect;
pub use user_details::UserDetails;
