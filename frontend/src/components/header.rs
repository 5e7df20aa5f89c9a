//! Page header: owner band with the user's data panel, product name, and the top bar
//! (*Home page*, *Nuova richiesta*, *Storico richieste*, *Statistiche*, *Esci dal servizio*).

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::app::Route;
use crate::components::UserDetails;
use crate::hooks::use_session;

fn icon(name: &str) -> Html {
    html! {
        <svg class="icon" aria-hidden="true" focusable="false">
            <use href={format!("/bootstrap-italia/svg/sprites.svg#{name}")}></use>
        </svg>
    }
}

/// Signs out and goes to the service notice.
#[hook]
pub fn use_sign_out() -> Callback<MouseEvent> {
    let navigator = use_navigator();
    Callback::from(move |_: MouseEvent| {
        if let Some(navigator) = &navigator {
            navigator.push(&Route::Informativa);
        }
        wasm_bindgen_futures::spawn_local(api::sign_out());
    })
}

/// The header of every page.
#[component]
pub fn Header() -> Html {
    let session = use_session();
    html! {
        <header class="it-header-wrapper d-print-none">
            <div class="it-header-slim-wrapper">
                <div class="container">
                    <div class="row">
                        <div class="col-12">
                            <div class="it-header-slim-wrapper-content">
                                <span class="d-none d-lg-block navbar-brand">
                                    { "INPS — Comunicazione bidirezionale Patronati" }
                                </span>
                                <span class="d-lg-none navbar-brand">{ "INPS" }</span>
                                if session.signed_in() {
                                    <div class="it-header-slim-right-zone"><UserMenu /></div>
                                }
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
                                            { icon("it-mail") }
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
                if session.signed_in() { <TopBar /> }
            </div>
        </header>
    }
}

/// The user's name; opens the panel with their data and the sign-out button.
#[component]
fn UserMenu() -> Html {
    let session = use_session();
    let open = use_state(|| false);
    let sign_out = use_sign_out();
    let route = use_route::<Route>();
    {
        let open = open.clone();
        use_effect_with(route, move |_| open.set(false));
    }
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                open.set(false);
            }
        })
    };
    let name = session
        .me()
        .map(|me| me.full_name.clone())
        .unwrap_or_default();
    let profile = session.profile().map(|p| p.label_it()).unwrap_or_default();
    html! {
        <div class="user-menu position-relative" {onkeydown}>
            <button
                type="button"
                class="btn btn-primary btn-sm btn-icon"
                aria-expanded={open.to_string()}
                aria-controls="user-panel"
                onclick={toggle}
            >
                <span class="rounded-icon">{ icon("it-user") }</span>
                <span class="ms-2">{ format!("{name} · {profile}") }</span>
            </button>
            if *open {
                <div id="user-panel" class="user-panel card shadow p-3">
                    <h2 class="h6">{ "Dati operatore" }</h2>
                    if let Some(me) = session.me() { <UserDetails me={me} /> }
                    <button type="button" class="btn btn-outline-primary btn-sm mt-3" onclick={sign_out}>
                        { "Esci dal servizio" }
                    </button>
                </div>
            }
        </div>
    }
}

/// Which top bar entry a page belongs to.
fn section(route: &Route) -> Option<usize> {
    match route {
        Route::Home => Some(0),
        Route::NewRequest => Some(1),
        Route::History | Route::Detail { .. } => Some(2),
        Route::Statistics => Some(3),
        _ => None,
    }
}

#[component]
fn TopBar() -> Html {
    let expanded = use_state(|| false);
    let route = use_route::<Route>();
    let navigator = use_navigator();
    let sign_out = use_sign_out();
    {
        let expanded = expanded.clone();
        use_effect_with(route.clone(), move |_| expanded.set(false));
    }
    let current = route.as_ref().and_then(section);
    let toggle = {
        let expanded = expanded.clone();
        Callback::from(move |_: MouseEvent| expanded.set(!*expanded))
    };
    let on_key = {
        let expanded = expanded.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *expanded {
                expanded.set(false);
            }
        })
    };
    let entries = [
        ("Home page", Route::Home),
        ("Nuova richiesta", Route::NewRequest),
        ("Storico richieste", Route::History),
        ("Statistiche", Route::Statistics),
    ];
    html! {
        <div class="it-header-navbar-wrapper">
            <div class="container">
                <div class="row">
                    <div class="col-12">
                        <nav class="navbar navbar-expand-lg" aria-label="Menu principale" onkeydown={on_key}>
                            <button
                                class="custom-navbar-toggler"
                                type="button"
                                aria-controls="main-nav"
                                aria-expanded={expanded.to_string()}
                                onclick={toggle.clone()}
                            >
                                { icon("it-burger") }
                                <span class="visually-hidden">{ "Menu" }</span>
                            </button>
                            <div id="main-nav" class={classes!("navbar-collapsable", expanded.then_some("expanded"))}>
                                <div class="close-div">
                                    <button class="btn close-menu" type="button" onclick={toggle}>
                                        <span class="visually-hidden">{ "Chiudi il menu" }</span>
                                        { icon("it-close-big") }
                                    </button>
                                </div>
                                <div class="menu-wrapper">
                                    <ul class="navbar-nav">
                                        { for entries.into_iter().enumerate().map(|(i, (label, to))| {
                                            let active = current == Some(i);
                                            let href = to.to_path();
                                            let onclick = {
                                                let navigator = navigator.clone();
                                                Callback::from(move |e: MouseEvent| {
                                                    e.prevent_default();
                                                    if let Some(navigator) = &navigator {
                                                        navigator.push(&to);
                                                    }
                                                })
                                            };
                                            html! {
                                                <li class="nav-item">
                                                    <a
                                                        class={classes!("nav-link", active.then_some("active"))}
                                                        href={href}
                                                        aria-current={active.then_some("page")}
                                                        {onclick}
                                                    >
                                                        <span>{ label }</span>
                                                    </a>
                                                </li>
                                            }
                                        }) }
                                    </ul>
                                    <ul class="navbar-nav navbar-secondary">
                                        <li class="nav-item">
                                            <button type="button" class="nav-link btn btn-link" onclick={sign_out}>
                                                <span>{ "Esci dal servizio" }</span>
                                            </button>
                                        </li>
                                    </ul>
                                </div>
                            </div>
                        </nav>
                    </div>
                </div>
            </div>
        </div>
    }
}
