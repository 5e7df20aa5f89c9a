//! Routes and the application shell.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{Footer, Header};
use crate::hooks::SessionProvider;
use crate::pages::{Home, Informativa, Login, NotFound};

/// Every page of the application.
#[derive(Clone, Debug, PartialEq, Routable)]
pub enum Route {
    /// Home page of the signed-in user.
    #[at("/")]
    Home,
    /// Service notice, shown before signing in.
    #[at("/informativa")]
    Informativa,
    /// Sign-in form.
    #[at("/accedi")]
    Login,
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <Home /> },
        Route::Informativa => html! { <Informativa /> },
        Route::Login => html! { <Login /> },
        Route::NotFound => html! { <NotFound /> },
    }
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
