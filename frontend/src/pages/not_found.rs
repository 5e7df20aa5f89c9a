//! Fallback for unknown addresses.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::PageHeading;

/// "Pagina non trovata".
#[component]
pub fn NotFound() -> Html {
    html! {
        <>
            <PageHeading title="Pagina non trovata" />
            <p>{ "L'indirizzo richiesto non corrisponde a nessuna pagina del servizio." }</p>
            <Link<Route> to={Route::Home} classes="btn btn-primary">{ "Torna alla pagina iniziale" }</Link<Route>>
        </>
    }
}
