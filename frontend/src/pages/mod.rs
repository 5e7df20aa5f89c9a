//! One module per page.

mod appointments;
mod detail;
mod history;
mod home;
mod informativa;
mod login;
mod new_request;
mod not_found;
mod statistics;

pub use appointments::{AppointmentDetail, BookAppointment};
pub use detail::Detail;
pub use history::History;
pub use home::Home;
pub use informativa::Informativa;
pub use login::Login;
pub use new_request::NewRequest;
pub use not_found::NotFound;
pub use statistics::Statistics;
