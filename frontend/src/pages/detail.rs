//! *Dettaglio richiesta selezionata*: every field, the reminders, the new message (only when
//! the API allows it, otherwise its reason), the conversation, and the printable summary.

use std::rc::Rc;

use domain::lifecycle::{Refusal, INTERACTION_LIMIT_MESSAGE};
use types::attachments::AttachmentDto;
use types::ids::RequestId;
use types::requests::{ActionState, RequestDetail, TEXT_MAX_CHARS};
use types::Side;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, new_idempotency_key};
use crate::app::Route;
use crate::components::{
    field, AttachmentLinks, AttachmentPicker, ErrorAlert, Notice, PageHeading, Status, TextArea,
};
use crate::format;
use crate::hooks::{use_load, Load};

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: i64,
}

/// Why an action is not possible now, and from when.
fn refusal(state: &ActionState) -> String {
    let mut text = state.reason.clone().unwrap_or_default();
    if let Some(from) = state.allowed_from {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!("Possibile dal {}.", format::date(from)));
    }
    text
}

#[component]
pub fn Detail(props: &DetailProps) -> Html {
    let id = RequestId(props.id);
    let (loaded, _) = use_load(id, |id| async move { api::request_detail(id).await });
    let updated = use_state(|| None::<Rc<RequestDetail>>);
    let summary_error = use_state(|| None::<String>);
    {
        let updated = updated.clone();
        use_effect_with(id, move |_| updated.set(None));
    }
    let detail = match (&*updated, &loaded) {
        (Some(d), _) => d.clone(),
        (None, Load::Ready(d)) => d.clone(),
        (None, Load::Loading) => {
            return html! {
                <>
                    <PageHeading title="Dettaglio richiesta selezionata" />
                    <Status message="Caricamento della richiesta…" />
                </>
            }
        }
        (None, Load::Failed(err)) => {
            return html! {
                <>
                    <PageHeading title="Dettaglio richiesta selezionata" />
                    <ErrorAlert message={err.message()} />
                </>
            }
        }
    };
    let on_update = {
        let updated = updated.clone();
        Callback::from(move |d: RequestDetail| updated.set(Some(Rc::new(d))))
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let summary = {
        let (summary_error, id) = (summary_error.clone(), detail.id);
        Callback::from(move |_: MouseEvent| {
            let summary_error = summary_error.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = api::download_summary(id).await.map_err(|e| e.message());
                summary_error.set(outcome.err());
            });
        })
    };
    let d = &detail;
    let practice = d
        .practice
        .as_ref()
        .map(|p| format!("{}: {}", p.kind.label_it(), p.number))
        .unwrap_or_else(|| "—".to_owned());
    let last_answer = d
        .messages
        .iter()
        .rev()
        .find(|m| m.author.side == Side::Inps);
    let reminder = |seq: i32| {
        d.reminders
            .iter()
            .find(|r| r.seq == seq)
            .map(|r| format::date_time(r.sent_at))
            .unwrap_or_else(|| "—".to_owned())
    };
    html! {
        <>
            <PageHeading title="Dettaglio richiesta selezionata" />
            <section aria-labelledby="request-title" class="mb-5">
                <h2 id="request-title" class="h4">{ "Dettagli richiesta" }</h2>
                <dl class="row summary-list">
                    { field("Nominativo Operatore", d.sender.full_name.clone()) }
                    { field("Oggetto", d.topic.label.clone()) }
                    { field("Motivo", d.motive_label.clone()) }
                    { field("Riferimento pratica", practice) }
                    { field("Data richiesta", format::date_time(d.created_at)) }
                    { field("Numero di protocollo", html! { <span class="text-break">{ d.protocol.clone() }</span> }) }
                    { field("Stato richiesta", d.status_label.clone()) }
                    { field("Agenzia di inoltro", d.office.display_name.clone()) }
                    if let Some(office) = &d.patronato_office {
                        { field("Sede del patronato", office.name.clone()) }
                    }
                    if let Some(official) = &d.assigned_official {
                        { field("Funzionario", official.full_name.clone()) }
                    }
                </dl>
                if let Some(c) = &d.citizen {
                    <h3 class="h5">{ "Dati del richiedente" }</h3>
                    <dl class="row summary-list">
                        { field("Codice fiscale", c.codice_fiscale.clone()) }
                        { field("Cognome", c.surname.clone()) }
                        { field("Nome", c.name.clone()) }
                        { field("Data di nascita", format::date(c.birth_date)) }
                        { field("Luogo di nascita", format!("{} ({})", c.birth_place.comune, c.birth_place.province)) }
                        { field("Residenza", format!("{}, {} {} ({})", c.residence.address, c.residence.cap, c.residence.comune, c.residence.province)) }
                    </dl>
                }
                <h3 class="h5">{ "Testo della richiesta" }</h3>
                <p class="text-prewrap">{ d.text.clone() }</p>
                if let Some(notes) = &d.notes {
                    <h3 class="h5">{ "Note" }</h3>
                    <p class="text-prewrap">{ notes.clone() }</p>
                }
                <h3 class="h5">{ "Testo della risposta" }</h3>
                <p class="text-prewrap">{ last_answer.map(|m| m.text.clone()).unwrap_or_else(|| "Nessuna risposta ricevuta.".to_owned()) }</p>
            </section>
            <section aria-labelledby="reminder-title" class="mb-5">
                <h2 id="reminder-title" class="h4">{ "Sollecito" }</h2>
                <dl class="row summary-list">
                    { field("Data 1° sollecito", reminder(1)) }
                    { field("Data 2° sollecito", reminder(2)) }
                </dl>
                <ReminderAction detail={detail.clone()} on_update={on_update.clone()} />
            </section>
            <section aria-labelledby="appointment-title" class="mb-5 d-print-none">
                <h2 id="appointment-title" class="h4">{ "Appuntamento" }</h2>
                if d.allowed_actions.book_appointment.allowed {
                    <p>{ "Per questa richiesta è possibile prenotare un appuntamento." }</p>
                    <Link<Route> to={Route::Book { id: d.id.0 }} classes="btn btn-primary">{ "Prenotazione appuntamento" }</Link<Route>>
                } else {
                    <button type="button" class="btn btn-primary" disabled=true aria-describedby="appointment-reason">{ "Prenotazione appuntamento" }</button>
                    <p id="appointment-reason" class="reason mt-2">{ refusal(&d.allowed_actions.book_appointment) }</p>
                }
            </section>
            <section aria-labelledby="conversation-title" class="mb-4">
                <h2 id="conversation-title" class="h4">{ "Cronologia comunicazioni ed allegati" }</h2>
                // Once the limit is reached the same words come back as the reason below.
                if d.allowed_actions.follow_up.code.as_deref() != Some(Refusal::InteractionLimitReached.code()) {
                    <Notice title="Attenzione" kind="warning"><p class="mb-0">{ INTERACTION_LIMIT_MESSAGE }</p></Notice>
                }
                <FollowUp detail={detail.clone()} on_update={on_update} />
                <h3 class="h5 mt-4">{ "Cronologia comunicazione" }</h3>
                <ol class="list-unstyled conversation">
                    { for d.messages.iter().map(|m| html! {
                        <li class={classes!("card", "card-bg", "no-after", "mb-3", (m.author.side == Side::Inps).then_some("message-inps"))} key={m.seq}>
                            <div class="card-body">
                                <p class="small mb-1">
                                    <span class="fw-semibold">{ "N. protocollo: " }</span>
                                    <span class="text-break">{ m.protocol.clone() }</span>
                                    { " · " }{ format::date_time(m.created_at) }
                                </p>
                                <p class="fw-semibold mb-1">
                                    { m.author.full_name.clone() }
                                    { if m.author.side == Side::Inps { " (INPS)" } else { " (Patronato)" } }
                                </p>
                                <p class="text-prewrap mb-0">{ m.text.clone() }</p>
                                <AttachmentLinks attachments={m.attachments.clone()} />
                            </div>
                        </li>
                    }) }
                </ol>
            </section>
            <div class="d-flex gap-2 flex-wrap d-print-none">
                <button type="button" class="btn btn-primary" onclick={summary}>{ "Stampa riepilogo" }</button>
                <button type="button" class="btn btn-outline-primary" onclick={print}>{ "Stampa questa pagina" }</button>
            </div>
            <div aria-live="polite">
                if let Some(message) = &*summary_error { <ErrorAlert message={message.clone()} /> }
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
struct ActionProps {
    detail: Rc<RequestDetail>,
    on_update: Callback<RequestDetail>,
}

/// *Sollecita*, when allowed; otherwise the reason and the date from which it is.
#[component]
fn ReminderAction(props: &ActionProps) -> Html {
    let busy = use_state(|| false);
    let result = use_state(|| None::<Result<String, String>>);
    let key = use_memo(props.detail.reminders.len(), |_| new_idempotency_key());
    let state = &props.detail.allowed_actions.remind;
    let onclick = {
        let (busy, result) = (busy.clone(), result.clone());
        let id = props.detail.id;
        let key = (*key).clone();
        let on_update = props.on_update.clone();
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (busy, result, key, on_update) =
                (busy.clone(), result.clone(), key.clone(), on_update.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::send_reminder(id, &key).await {
                    Ok(detail) => {
                        result.set(Some(Ok("Sollecito inviato.".to_owned())));
                        on_update.emit(detail);
                    }
                    Err(err) => result.set(Some(Err(err.message()))),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <div class="d-print-none">
            if state.allowed {
                <button type="button" class="btn btn-primary" {onclick} disabled={*busy}>{ "Sollecita" }</button>
            } else {
                <p class="reason">{ refusal(state) }</p>
            }
            { match &*result {
                Some(Ok(message)) => html! { <p role="status" class="text-success mt-2">{ message.clone() }</p> },
                Some(Err(message)) => html! { <ErrorAlert message={message.clone()} /> },
                None => html! { <p role="status" class="visually-hidden"></p> },
            } }
        </div>
    }
}

/// The new message, when allowed; otherwise the reason.
#[component]
fn FollowUp(props: &ActionProps) -> Html {
    let text = use_state(String::new);
    let attachments = use_state(Vec::<AttachmentDto>::new);
    let error = use_state(|| None::<AttrValue>);
    let busy = use_state(|| false);
    let sent = use_state(|| false);
    let key = use_memo(props.detail.messages.len(), |_| new_idempotency_key());
    let on_attachments = {
        let attachments = attachments.clone();
        Callback::from(move |list| attachments.set(list))
    };
    let textarea = use_node_ref();
    let state = &props.detail.allowed_actions.follow_up;
    let oninput = {
        let (text, error, sent) = (text.clone(), error.clone(), sent.clone());
        Callback::from(move |v: String| {
            text.set(v);
            error.set(None);
            sent.set(false);
        })
    };
    let onsubmit = {
        let (text, error, busy, sent) = (text.clone(), error.clone(), busy.clone(), sent.clone());
        let attachments = attachments.clone();
        let id = props.detail.id;
        let key = (*key).clone();
        let on_update = props.on_update.clone();
        let textarea = textarea.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = text.trim().to_owned();
            let length = body.chars().count() as u64;
            if length == 0 || length > TEXT_MAX_CHARS {
                error.set(Some(if length == 0 {
                    "Scrivi il testo del messaggio.".into()
                } else {
                    format!("Il testo supera il limite di {TEXT_MAX_CHARS} caratteri.").into()
                }));
                crate::components::focus(&textarea);
                return;
            }
            if *busy {
                return;
            }
            busy.set(true);
            let ids = attachments.iter().map(|a| a.id).collect();
            let attachments = attachments.clone();
            let (text, error, busy, sent, key, on_update) = (
                text.clone(),
                error.clone(),
                busy.clone(),
                sent.clone(),
                key.clone(),
                on_update.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::post_follow_up(id, &body, ids, &key).await {
                    Ok(detail) => {
                        text.set(String::new());
                        attachments.set(Vec::new());
                        sent.set(true);
                        on_update.emit(detail);
                    }
                    Err(err) => {
                        let message = err
                            .field_errors()
                            .into_iter()
                            .find(|(f, _)| f == "text")
                            .map(|(_, m)| m)
                            .unwrap_or_else(|| err.message());
                        error.set(Some(message.into()));
                    }
                }
                busy.set(false);
            });
        })
    };
    html! {
        <div class="d-print-none">
            <p role="status" class="text-success">{ if *sent { "Messaggio inviato." } else { "" } }</p>
            if state.allowed {
                <form novalidate=true {onsubmit}>
                    <TextArea
                        id="follow-up"
                        label="Nuovo messaggio"
                        placeholder="Scrivi qui il testo del messaggio"
                        value={(*text).clone()}
                        {oninput}
                        max_chars={TEXT_MAX_CHARS as usize}
                        error={(*error).clone()}
                        node_ref={textarea}
                        required=true
                        rows={4}
                    />
                    <AttachmentPicker id="follow-up-attachments" attachments={(*attachments).clone()} on_change={on_attachments} />
                    <button type="submit" class="btn btn-primary" disabled={*busy}>{ "Invia messaggio" }</button>
                </form>
            } else {
                <p class="reason">{ refusal(state) }</p>
            }
        </div>
    }
}
