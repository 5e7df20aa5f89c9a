//! *Home page*: the user's data, *Crea nuova richiesta* and the panel *Risposte ricevute negli
//! ultimi 3 giorni* with its search, and the upcoming appointments.

use types::appointments::AppointmentQuery;
use types::requests::RecentQuery;
use types::RequestKind;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::app::Route;
use crate::components::{
    use_sign_out, Criteria, Criterion, DetailLink, ErrorAlert, PageHeading, RequestTable, Row,
    SearchCriteria, Status, UserDetails,
};
use crate::format;
use crate::hooks::{use_load, use_session, Load};

/// Home page of operators and referents.
#[component]
pub fn Home() -> Html {
    let session = use_session();
    let referent = session.is_referent();
    let sign_out = use_sign_out();
    let filter = use_state(RecentQuery::default);
    let (answers, _) = use_load((*filter).clone(), |filter| async move {
        api::recent_answers(&filter).await
    });
    let on_search = {
        let filter = filter.clone();
        Callback::from(move |c: Criteria| {
            filter.set(RecentQuery {
                date: c.date_from,
                topic_id: c.topic_id,
                cf: c.cf,
                protocol: c.protocol,
                ..RecentQuery::default()
            })
        })
    };
    let (kind, intro, criteria) = if referent {
        (
            RequestKind::Regional,
            "Il servizio Comunicazione bidirezionale patronati consente di inviare all'INPS \
             richieste di chiarimenti su aspetti normativi o procedimentali.",
            vec![Criterion::Date, Criterion::Topic, Criterion::Protocol],
        )
    } else {
        (
            RequestKind::Citizen,
            "Il servizio Comunicazione bidirezionale patronati consente di inviare all'INPS \
             richieste relative a pratiche di specifici cittadini.",
            vec![
                Criterion::Date,
                Criterion::Topic,
                Criterion::Cf,
                Criterion::Protocol,
            ],
        )
    };
    let count = answers
        .ready()
        .map(|a| a.total.to_string())
        .unwrap_or_else(|| "…".to_owned());
    html! {
        <>
            <PageHeading title="Home page" />
            <div class="row g-4">
                <div class="col-lg-4">
                    <section class="card-wrapper" aria-labelledby="user-card-title">
                        <div class="card card-bg no-after">
                            <div class="card-body">
                                <h2 id="user-card-title" class="h5 card-title">{ "Dati operatore" }</h2>
                                if let Some(me) = session.me() {
                                    <p class="mb-2">{ "Benvenuto/a " }<strong>{ me.full_name.clone() }</strong></p>
                                    <UserDetails me={me} />
                                }
                                <button type="button" class="btn btn-outline-primary btn-sm mt-3" onclick={sign_out}>
                                    { "Esci dal servizio" }
                                </button>
                            </div>
                        </div>
                    </section>
                </div>
                <div class="col-lg-8">
                    <section aria-labelledby="new-request-title" class="mb-5">
                        <h2 id="new-request-title" class="h4">{ "Nuova richiesta" }</h2>
                        <p>{ intro }</p>
                        <Link<Route> to={Route::NewRequest} classes="btn btn-primary">{ "Crea nuova richiesta" }</Link<Route>>
                    </section>
                    <UpcomingAppointments />
                    <section aria-labelledby="answers-title">
                        <h2 id="answers-title" class="h4">{ format!("Risposte ricevute negli ultimi 3 giorni: {count}") }</h2>
                        <p class="small">{ "Le ultime risposte ricevute alle richieste che hai inoltrato." }</p>
                        <SearchCriteria id="answers-search" kind={kind} criteria={criteria} on_search={on_search} />
                        { match &answers {
                            Load::Loading => html! { <Status message="Caricamento delle risposte…" /> },
                            Load::Failed(err) => html! { <ErrorAlert message={err.message()} /> },
                            Load::Ready(a) if a.items.is_empty() => html! {
                                <Status message="Nessuna risposta ricevuta con questi criteri." />
                            },
                            Load::Ready(a) => html! {
                                <>
                                    <Status message={format!("{} risposte trovate.", a.items.len())} />
                                    <RequestTable
                                        caption="Risposte ricevute"
                                        show_cf={!referent}
                                        rows={a.items.iter().map(|r| Row { request: r.request.clone(), answered_at: Some(r.answered_at) }).collect::<Vec<_>>()}
                                    />
                                </>
                            },
                        } }
                    </section>
                </div>
            </div>
        </>
    }
}

/// *Prossimi appuntamenti*: the user's booked appointments still to come, earliest first.
#[component]
fn UpcomingAppointments() -> Html {
    let (appointments, _) = use_load((), |()| async move {
        api::appointments(&AppointmentQuery::default()).await
    });
    html! {
        <section aria-labelledby="appointments-title" class="mb-5">
            <h2 id="appointments-title" class="h4">{ "Prossimi appuntamenti" }</h2>
            { match &appointments {
                Load::Loading => html! { <Status message="Caricamento degli appuntamenti…" /> },
                Load::Failed(err) => html! { <ErrorAlert message={err.message()} /> },
                Load::Ready(page) if page.items.is_empty() => html! {
                    <Status message="Nessun appuntamento in programma." />
                },
                Load::Ready(page) => html! {
                    <div class="table-responsive">
                        <table class="table table-hover appointments-table">
                            <caption class="visually-hidden">{ "Prossimi appuntamenti" }</caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ "Data" }</th>
                                    <th scope="col">{ "Ora" }</th>
                                    <th scope="col">{ "Canale" }</th>
                                    <th scope="col">{ "Argomento" }</th>
                                    <th scope="col">{ "Codice fiscale" }</th>
                                    <th scope="col"><span class="visually-hidden">{ "Dettaglio" }</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                { for page.items.iter().map(|a| {
                                    let mut cf = a.citizens.iter().map(|c| c.codice_fiscale.clone()).collect::<Vec<_>>();
                                    cf.dedup();
                                    html! {
                                        <tr key={a.id.0}>
                                            <td>{ format::day(a.starts_at) }</td>
                                            <td>{ format!("{}–{}", format::time(a.starts_at), format::time(a.ends_at)) }</td>
                                            <td>{ a.channel.label_it() }</td>
                                            <td>{ a.topic.label.clone() }</td>
                                            <td>{ if cf.is_empty() { "—".to_owned() } else { cf.join(", ") } }</td>
                                            <td class="text-end">
                                                <DetailLink to={Route::Appointment { id: a.id.0 }} label={format!("Apri il dettaglio dell'appuntamento del {}", format::date_time(a.starts_at))} />
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    </div>
                },
            } }
        </section>
    }
}
