//! Page header (Bootstrap Italia "header" component, slim + center bands).

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

/// Header with the owner and the product name; the brand links to the home page.
#[component]
pub fn Header() -> Html {
    html! {
        <header class="it-header-wrapper">
            <div class="it-header-slim-wrapper">
                <div class="container">
                    <div class="row">
                        <div class="col-12">
                            <div class="it-header-slim-wrapper-content">
                                <span class="d-block navbar-brand">
                                    { "INPS — Comunicazione bidirezionale Patronati" }
                                </span>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
            <div class="it-nav-wrapper">
                <div class="it-header-center-wrapper">
                    <div class="container">
                        <div class="row">
                            <div class="col-12">
                                <div class="it-header-center-content-wrapper">
                                    <div class="it-brand-wrapper">
                                        <Link<Route> to={Route::Home}>
                                            <svg class="icon" aria-hidden="true" focusable="false">
                                                <use href="/bootstrap-italia/svg/sprites.svg#it-mail"></use>
                                            </svg>
                                            <div class="it-brand-text">
                                                <div class="it-brand-title">{ "Scrivi alla sede" }</div>
                                                <div class="it-brand-tagline d-none d-md-block">
                                                    { "Il canale tra Patronati e sedi INPS" }
                                                </div>
                                            </div>
                                        </Link<Route>>
                                    </div>
                                </div>
                            </div>
                        </div>
                    </div>
                </div>
            </div>
        </header>
    }
}
