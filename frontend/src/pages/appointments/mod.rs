//! Appointments: booking one for a request, and an appointment's detail.

mod book;
mod detail;

pub use book::BookAppointment;
pub use detail::AppointmentDetail;
