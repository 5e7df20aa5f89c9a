//! *Dettaglio appuntamento*: where and when, channel, topic, citizens, requests, notes and status;
//! *Annulla appuntamento* (after a confirmation), *Aggiungi al calendario* and, for web meetings,
//! *Accedi Web Meeting* while the room is open.

use std::rc::Rc;

use types::appointments::AppointmentDto;
use types::ids::AppointmentId;
use types::requests::ActionState;
use types::Channel;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::app::Route;
use crate::components::{field, ErrorAlert, Modal, PageHeading, Status};
use crate::format;
use crate::hooks::{use_load, Load};

#[derive(Properties, PartialEq)]
pub struct AppointmentDetailProps {
    pub id: i64,
}

const TITLE: &str = "Dettaglio appuntamento";

#[component]
pub fn AppointmentDetail(props: &AppointmentDetailProps) -> Html {
    let id = AppointmentId(props.id);
    let (loaded, _) = use_load(id, api::appointment);
    let updated = use_state(|| None::<Rc<AppointmentDto>>);
    let message = use_state(|| None::<Result<String, String>>);
    let asking = use_state(|| false);
    let busy = use_state(|| false);
    let a = match (&*updated, &loaded) {
        (Some(a), _) => a.clone(),
        (None, Load::Ready(a)) => a.clone(),
        (None, Load::Loading) => {
            return html! { <><PageHeading title={TITLE} /><Status message="Caricamento dell'appuntamento…" /></> }
        }
        (None, Load::Failed(err)) => {
            return html! { <><PageHeading title={TITLE} /><ErrorAlert message={err.message()} /></> }
        }
    };
    let calendar = {
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            let message = message.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(err) = api::download_calendar(id).await {
                    message.set(Some(Err(err.message())));
                }
            });
        })
    };
    let ask = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(true))
    };
    let close = {
        let asking = asking.clone();
        Callback::from(move |()| asking.set(false))
    };
    let cancel = {
        let (updated, message, asking, busy) = (
            updated.clone(),
            message.clone(),
            asking.clone(),
            busy.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (updated, message, asking, busy) = (
                updated.clone(),
                message.clone(),
                asking.clone(),
                busy.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::cancel_appointment(id).await {
                    Ok(cancelled) => {
                        updated.set(Some(Rc::new(cancelled)));
                        message.set(Some(Ok("Appuntamento annullato.".to_owned())));
                    }
                    Err(err) => message.set(Some(Err(err.message()))),
                }
                asking.set(false);
                busy.set(false);
            });
        })
    };
    let office = &a.office;
    let when = format!(
        "{} {}–{}",
        format::weekday_day(a.starts_at),
        format::time(a.starts_at),
        format::time(a.ends_at)
    );
    let citizens = if a.citizens.is_empty() {
        html! { "—" }
    } else {
        html! {
            <ul class="list-unstyled mb-0">
                // Two requests may be about the same citizen: named once.
                { for a.citizens.iter().enumerate().filter(|(i, c)| !a.citizens[..*i].iter().any(|p| p.codice_fiscale == c.codice_fiscale)).map(|(_, c)| html! {
                    <li>{ format!("{} {} ({})", c.surname, c.name, c.codice_fiscale) }</li>
                }) }
            </ul>
        }
    };
    let requests = html! {
        <ul class="list-unstyled mb-0">
            { for a.requests.iter().map(|r| html! {
                <li key={r.id.0}>
                    <Link<Route> to={Route::Detail { id: r.id.0 }} classes="text-break">{ r.protocol.clone() }</Link<Route>>
                </li>
            }) }
        </ul>
    };
    html! {
        <>
            <PageHeading title={TITLE} />
            <p role="status" class="text-success">
                { match &*message { Some(Ok(text)) => text.clone(), _ => String::new() } }
            </p>
            if let Some(Err(text)) = &*message {
                <ErrorAlert message={text.clone()} />
            }
            <section aria-labelledby="appointment-data-title" class="mb-5">
                <h2 id="appointment-data-title" class="h4">{ "Dati dell'appuntamento" }</h2>
                <dl class="row summary-list">
                    { field("Stato", a.status_label.clone()) }
                    { field("Data e ora", when) }
                    { field("Canale", a.channel.label_it()) }
                    { field("Sede", office.name.clone()) }
                    { field("Indirizzo", format!("{}, {} {}", office.address, office.cap, office.comune)) }
                    { field("Punto di consulenza", a.point.name.clone()) }
                    { field("Argomento", a.topic.label.clone()) }
                    { field("Cittadini", citizens) }
                    { field("Protocolli delle richieste", requests) }
                    { field("Note", a.notes.clone().unwrap_or_else(|| "—".to_owned())) }
                    { field("Prenotato da", format!("{} il {}", a.booked_by.full_name, format::date_time(a.created_at))) }
                    if let Some(at) = a.cancelled_at {
                        { field("Annullato il", format::date_time(at)) }
                    }
                    if let Some(by) = &a.cancelled_by {
                        { field("Annullato da", by.full_name.clone()) }
                    }
                    if let Some(reason) = &a.cancel_reason {
                        { field("Motivo dell'annullamento", reason.clone()) }
                    }
                </dl>
            </section>
            <section aria-labelledby="appointment-actions-title" class="mb-4 d-print-none">
                <h2 id="appointment-actions-title" class="h4">{ "Azioni" }</h2>
                if a.channel == Channel::WebMeeting {
                    <WebMeeting id={id} join={a.join.clone()} opens_at={a.join_opens_at} />
                }
                <div class="d-flex gap-2 flex-wrap">
                    <button type="button" class="btn btn-outline-primary" onclick={calendar}>{ "Aggiungi al calendario" }</button>
                    if a.cancel.allowed {
                        <button type="button" class="btn btn-outline-danger" onclick={ask}>{ "Annulla appuntamento" }</button>
                    }
                </div>
                if !a.cancel.allowed {
                    if let Some(reason) = &a.cancel.reason {
                        <p class="reason mt-3">{ reason.clone() }</p>
                    }
                }
            </section>
            if *asking {
                <Modal
                    id="cancel-dialog"
                    title="Annulla appuntamento"
                    on_close={close.clone()}
                    footer={html! {
                        <>
                            <button type="button" class="btn btn-danger" onclick={cancel} disabled={*busy}>{ "Conferma annullamento" }</button>
                            <button type="button" class="btn btn-outline-primary" onclick={close.reform(|_: MouseEvent| ())} disabled={*busy}>{ "Chiudi" }</button>
                        </>
                    }}
                >
                    <p class="mb-0">{ format!("Vuoi annullare l'appuntamento del {} alle {}? La disponibilità tornerà libera per altri.", format::day(a.starts_at), format::time(a.starts_at)) }</p>
                </Modal>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct WebMeetingProps {
    id: AppointmentId,
    join: Option<ActionState>,
    opens_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// *Accedi Web Meeting*: the room's link while it is open, otherwise from when it opens.
#[component]
fn WebMeeting(props: &WebMeetingProps) -> Html {
    let allowed = props.join.as_ref().is_some_and(|j| j.allowed);
    let (link, _) = use_load((props.id, allowed), |(id, allowed)| async move {
        if allowed {
            api::join_appointment(id).await.map(Some)
        } else {
            Ok(None)
        }
    });
    let opens = props.opens_at.map(|at| {
        format!(
            "Il Web Meeting sarà accessibile dal {}.",
            format::date_time(at)
        )
    });
    let reason = props.join.as_ref().and_then(|j| j.reason.clone());
    html! {
        <div class="mb-3">
            { match (&link, allowed) {
                (Load::Ready(link), true) if link.is_some() => {
                    let url = link.as_ref().as_ref().map(|l| l.url.clone()).unwrap_or_default();
                    html! {
                        <a class="btn btn-primary" href={url} target="_blank" rel="noopener noreferrer">
                            { "Accedi Web Meeting" }
                            <span class="visually-hidden">{ " (si apre in una nuova finestra)" }</span>
                        </a>
                    }
                }
                (Load::Failed(err), _) => html! {
                    <>
                        <button type="button" class="btn btn-primary" disabled=true>{ "Accedi Web Meeting" }</button>
                        <ErrorAlert message={err.message()} />
                    </>
                },
                _ => html! {
                    <>
                        <button type="button" class="btn btn-primary" disabled=true aria-describedby="join-when">{ "Accedi Web Meeting" }</button>
                        // The API's reason says when the room opens; the time is the fallback.
                        <p id="join-when" class="reason mt-2">{ reason.or(opens).unwrap_or_default() }</p>
                    </>
                },
            } }
        </div>
    }
}
