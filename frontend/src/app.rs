//! Routes and the application shell.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{Footer, Header};
use crate::hooks::{remember_return_path, use_session, SessionProvider};
use crate::pages::{
    AppointmentDetail, BookAppointment, Detail, History, Home, Informativa, Login, NewRequest,
    NotFound, Statistics,
};

/// Every page of the application.
#[derive(Clone, Debug, PartialEq, Routable)]
pub enum Route {
    /// *Home page* of the signed-in user.
    #[at("/")]
    Home,
    /// *Informativa sul servizio*, shown before signing in.
    #[at("/informativa")]
    Informativa,
    /// Sign-in form.
    #[at("/accedi")]
    Login,
    /// *Nuova richiesta*.
    #[at("/nuova-richiesta")]
    NewRequest,
    /// *Storico richieste*.
    #[at("/storico")]
    History,
    /// *Dettaglio richiesta selezionata*.
    #[at("/richieste/:id")]
    Detail { id: i64 },
    /// *Prenotazione appuntamento* for a request.
    #[at("/richieste/:id/appuntamento")]
    Book { id: i64 },
    /// *Dettaglio appuntamento*.
    #[at("/appuntamenti/:id")]
    Appointment { id: i64 },
    /// *Statistiche*.
    #[at("/statistiche")]
    Statistics,
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    let signed_in = |page: Html| html! { <RequireSession>{ page }</RequireSession> };
    match route {
        Route::Informativa => html! { <Informativa /> },
        Route::Login => html! { <Login /> },
        Route::NotFound => html! { <NotFound /> },
        Route::Home => signed_in(html! { <Home /> }),
        Route::NewRequest => signed_in(html! { <NewRequest /> }),
        Route::History => signed_in(html! { <History /> }),
        Route::Detail { id } => signed_in(html! { <Detail id={id} /> }),
        Route::Book { id } => signed_in(html! { <BookAppointment id={id} /> }),
        Route::Appointment { id } => signed_in(html! { <AppointmentDetail id={id} /> }),
        Route::Statistics => signed_in(html! { <Statistics /> }),
    }
}

#[derive(Properties, PartialEq)]
struct RequireSessionProps {
    children: Html,
}

/// Shows its page to signed-in users; sends the others to the service notice and brings them
/// back here after signing in.
#[component]
fn RequireSession(props: &RequireSessionProps) -> Html {
    let session = use_session();
    let location = use_location();
    if session.signed_in() {
        return props.children.clone();
    }
    if let Some(location) = location {
        let path = location.path();
        if path != "/" {
            remember_return_path(path);
        }
    }
    html! { <Redirect<Route> to={Route::Informativa} /> }
}

/// Root component.
#[component]
pub fn App() -> Html {
    html! {
        <SessionProvider>
            <BrowserRouter>
                <a class="visually-hidden-focusable skip-link" href="#main">
                    { "Vai al contenuto principale" }
                </a>
                <Header />
                <main id="main" class="container my-4 my-lg-5 flex-grow-1" tabindex="-1">
                    <Switch<Route> render={switch} />
                </main>
                <Footer />
            </BrowserRouter>
        </SessionProvider>
    }
}
