//! Home page of the signed-in user: who they are and where they work.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::client;
use crate::api::dto::Me;
use crate::app::Route;
use crate::components::{ErrorAlert, PageHeading};
use crate::hooks::use_session;

#[derive(Clone, PartialEq)]
enum Load {
    Loading,
    Loaded(Box<Me>),
    Failed(String),
}

/// Home page; without a session it sends the user to the service notice.
#[component]
pub fn Home() -> Html {
    let session = use_session();
    let me = use_state(|| Load::Loading);
    let logging_out = use_state(|| false);
    let access_token = session.current().map(|s| s.access_token.clone());

    {
        let me = me.clone();
        let session = session.clone();
        use_effect_with(access_token.clone(), move |token| {
            if let Some(token) = token.clone() {
                me.set(Load::Loading);
                wasm_bindgen_futures::spawn_local(async move {
                    match client::me(&token).await {
                        Ok(user) => me.set(Load::Loaded(Box::new(user))),
                        // Expired or revoked token: sign in again.
                        Err(err) if err.status() == Some(401) => session.sign_out(),
                        Err(err) => me.set(Load::Failed(err.message())),
                    }
                });
            }
        });
    }

    let on_logout = {
        let session = session.clone();
        let logging_out = logging_out.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(current) = session.current().cloned() else {
                return;
            };
            if *logging_out {
                return;
            }
            logging_out.set(true);
            let session = session.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // The local session goes in any case: a failed revocation must not keep the
                // user signed in on this browser.
                let _ = client::logout(&current.access_token, &current.refresh_token).await;
                session.sign_out();
            });
        })
    };

    if access_token.is_none() {
        return html! { <Redirect<Route> to={Route::Informativa} /> };
    }

    match &*me {
        Load::Loading => html! {
            <>
                <PageHeading title="Pagina iniziale" />
                <p role="status">{ "Caricamento dei tuoi dati in corso…" }</p>
            </>
        },
        Load::Failed(message) => html! {
            <>
                <PageHeading title="Pagina iniziale" />
                <ErrorAlert message={message.clone()} />
                { logout_button(on_logout, *logging_out) }
            </>
        },
        Load::Loaded(user) => html! {
            <>
                <PageHeading title={format!("Benvenuto/a {}", user.full_name)} />
                { user_summary(user) }
                { logout_button(on_logout, *logging_out) }
            </>
        },
    }
}

/// Profile, organisation and office of the user.
fn user_summary(user: &Me) -> Html {
    let mut rows: Vec<(&str, String)> = vec![
        ("Nome utente", user.username.clone()),
        ("Modalità di lavoro", user.active_profile.label().to_owned()),
    ];
    if let Some(patronato) = &user.patronato {
        rows.push(("Patronato", patronato.name.clone()));
    }
    if let Some(office) = &user.patronato_office {
        rows.push((
            "Sede del patronato",
            format!("{} ({})", office.name, office.province_code),
        ));
    }
    if let Some(region) = &user.region {
        rows.push(("Regione", region.name.clone()));
    }
    if let Some(office) = &user.inps_office {
        rows.push((
            "Sede INPS",
            format!("{} (codice {})", office.name, office.code),
        ));
    }
    html! {
        <section class="card-wrapper mb-4" aria-labelledby="user-summary-title">
            <div class="card card-bg no-after">
                <div class="card-body">
                    <h2 id="user-summary-title" class="h5 card-title">{ "I tuoi dati" }</h2>
                    <dl class="user-summary mb-0">
                        { for rows.into_iter().map(|(term, value)| html! {
                            <div class="row py-1">
                                <dt class="col-sm-4">{ term }</dt>
                                <dd class="col-sm-8 mb-0">{ value }</dd>
                            </div>
                        }) }
                    </dl>
                </div>
            </div>
        </section>
    }
}

fn logout_button(onclick: Callback<MouseEvent>, busy: bool) -> Html {
    html! {
        <button type="button" class="btn btn-outline-primary" onclick={onclick} aria-disabled={busy.to_string()}>
            { if busy { "Uscita in corso…" } else { "Esci" } }
        </button>
    }
}
