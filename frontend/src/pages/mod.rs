//! One module per page.

mod home;
mod informativa;
mod login;
mod not_found;

pub use home::Home;
pub use informativa::Informativa;
pub use login::Login;
pub use not_found::NotFound;
