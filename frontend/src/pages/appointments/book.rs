//! *Prenotazione appuntamento*: the eligible request (and optionally a second own request of the
//! same topic), the office's free slots grouped by day, the channel, notes, a confirmation step,
//! then the appointment's detail.

use std::rc::Rc;

use types::appointments::{BookAppointment as Booking, Eligibility, SlotDto, SlotQuery};
use types::ids::{RequestId, SlotId};
use types::requests::{ListScope, RequestDetail, RequestQuery, RequestSummary, NOTES_MAX_CHARS};
use types::Channel;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, new_idempotency_key, ApiError};
use crate::app::Route;
use crate::components::{
    enum_options, field, focus, ErrorAlert, Notice, PageHeading, SelectField, Status, TextArea,
    TextField,
};
use crate::format;
use crate::hooks::{use_load, Load};

/// Other own requests looked at as a possible second one.
const CANDIDATES: i64 = 10;

#[derive(Properties, PartialEq)]
pub struct BookProps {
    pub id: i64,
}

/// The request, its eligibility and the other own requests of its topic that may join it.
struct Subject {
    request: RequestDetail,
    eligibility: Eligibility,
    others: Vec<RequestSummary>,
}

async fn subject(id: RequestId) -> Result<Subject, ApiError> {
    let request = api::request_detail(id).await?;
    let eligibility = api::appointment_eligibility(id).await?;
    let mut others = Vec::new();
    if eligibility.eligible {
        let query = RequestQuery {
            scope: Some(ListScope::Mine),
            topic_id: Some(eligibility.topic.id),
            limit: Some(CANDIDATES),
            ..RequestQuery::default()
        };
        for other in api::list_requests(&query).await?.items {
            if other.id != id && api::appointment_eligibility(other.id).await?.eligible {
                others.push(other);
            }
        }
    }
    Ok(Subject {
        request,
        eligibility,
        others,
    })
}

/// Slots in time order, grouped by their day in Europe/Rome.
fn by_day(slots: &[SlotDto]) -> Vec<(String, Vec<&SlotDto>)> {
    let mut days: Vec<(String, Vec<&SlotDto>)> = Vec::new();
    for slot in slots {
        let day = format::weekday_day(slot.starts_at);
        match days.last_mut() {
            Some((last, group)) if *last == day => group.push(slot),
            _ => days.push((day, vec![slot])),
        }
    }
    days
}

fn channels(list: &[Channel]) -> String {
    list.iter()
        .map(Channel::label_it)
        .collect::<Vec<_>>()
        .join(", ")
}

fn hours(slot: &SlotDto) -> String {
    format!(
        "{}–{}",
        format::time(slot.starts_at),
        format::time(slot.ends_at)
    )
}

#[derive(Clone, PartialEq)]
struct Choice {
    slot: Option<SlotId>,
    channel: Option<Channel>,
    second: Option<RequestId>,
    notes: String,
}

#[component]
pub fn BookAppointment(props: &BookProps) -> Html {
    let id = RequestId(props.id);
    let (loaded, _) = use_load(id, subject);
    let title = "Prenotazione appuntamento";
    let subject = match &loaded {
        Load::Loading => {
            return html! { <><PageHeading title={title} /><Status message="Caricamento della richiesta…" /></> }
        }
        Load::Failed(err) => {
            return html! { <><PageHeading title={title} /><ErrorAlert message={err.message()} /></> }
        }
        Load::Ready(s) => s.clone(),
    };
    let back = html! {
        <Link<Route> to={Route::Detail { id: props.id }} classes="btn btn-outline-primary">{ "Torna alla richiesta" }</Link<Route>>
    };
    if !subject.eligibility.eligible {
        let reason = subject.eligibility.reason.clone().unwrap_or_else(|| {
            "Per questa richiesta non è possibile prenotare un appuntamento.".to_owned()
        });
        return html! {
            <>
                <PageHeading title={title} />
                <Notice title="Prenotazione non disponibile" kind="warning"><p class="mb-0">{ reason }</p></Notice>
                { back }
            </>
        };
    }
    html! {
        <>
            <PageHeading title={title} />
            <Booker subject={SubjectRef(subject)} />
            <p class="mt-4">{ back }</p>
        </>
    }
}

#[derive(Clone)]
struct SubjectRef(Rc<Subject>);

impl PartialEq for SubjectRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct BookerProps {
    subject: SubjectRef,
}

/// The booking form and its confirmation step.
#[component]
fn Booker(props: &BookerProps) -> Html {
    let s = &props.subject.0;
    let e = &s.eligibility;
    let navigator = use_navigator();
    let choice = use_state(|| Choice {
        slot: None,
        channel: None,
        second: None,
        notes: String::new(),
    });
    let confirming = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    let slot_error = use_state(|| None::<String>);
    let key = use_memo((), |_| new_idempotency_key());
    let slots_ref = use_node_ref();
    let confirm_ref = use_node_ref();
    let channel_filter = use_state(String::new);
    let from_filter = use_state(String::new);
    let channel = channel_filter.parse::<Channel>().ok();
    let from = format::parse_date(&from_filter);
    let query = SlotQuery {
        office_id: e.office_id,
        topic_id: Some(e.topic.id),
        channel,
        from,
        ..SlotQuery::default()
    };
    let (slots, reload_slots) = use_load(
        (e.office_id, e.topic.id, channel, from),
        move |_| async move { api::free_slots(&query).await },
    );
    let filter = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |value: String| state.set(value))
    };
    // Focus follows the step: the confirmation's heading, or back to the slots (after *Modifica*
    // or a refusal), so keyboard and screen reader users are not left on a removed button.
    let back_to_slots = use_state(|| 0u32);
    {
        let (confirm_ref, slots_ref) = (confirm_ref.clone(), slots_ref.clone());
        use_effect_with((*confirming, *back_to_slots), move |(confirming, back)| {
            if *confirming {
                focus(&confirm_ref);
            } else if *back > 0 {
                focus(&slots_ref);
            }
        });
    }
    let free: Vec<SlotDto> = slots.ready().map(|p| p.items.clone()).unwrap_or_default();
    let selected = choice
        .slot
        .and_then(|id| free.iter().find(|slot| slot.id == id).cloned());

    let pick_slot = |slot: &SlotDto| {
        let (choice, slot_error, error) = (choice.clone(), slot_error.clone(), error.clone());
        let (id, offered) = (slot.id, slot.channels.clone());
        Callback::from(move |_: Event| {
            let mut next = (*choice).clone();
            next.slot = Some(id);
            // The only channel is chosen at once; a channel the slot does not offer is dropped.
            next.channel = match offered.as_slice() {
                [only] => Some(*only),
                _ => next.channel.filter(|c| offered.contains(c)),
            };
            choice.set(next);
            slot_error.set(None);
            // A refusal about the previous choice no longer applies.
            error.set(None);
        })
    };
    let pick_channel = |channel: Channel| {
        let (choice, slot_error) = (choice.clone(), slot_error.clone());
        Callback::from(move |_: Event| {
            choice.set(Choice {
                channel: Some(channel),
                ..(*choice).clone()
            });
            slot_error.set(None);
        })
    };
    let pick_second = |second: Option<RequestId>| {
        let choice = choice.clone();
        Callback::from(move |_: Event| {
            choice.set(Choice {
                second,
                ..(*choice).clone()
            })
        })
    };
    let on_notes = {
        let choice = choice.clone();
        Callback::from(move |notes: String| {
            choice.set(Choice {
                notes,
                ..(*choice).clone()
            })
        })
    };
    let proceed = {
        let (choice, confirming, slot_error, slots_ref) = (
            choice.clone(),
            confirming.clone(),
            slot_error.clone(),
            slots_ref.clone(),
        );
        let ready = selected.is_some();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let message = if !ready {
                Some("Scegli una disponibilità.")
            } else if choice.channel.is_none() {
                Some("Scegli il canale dell'appuntamento.")
            } else if choice.notes.trim().chars().count() as u64 > NOTES_MAX_CHARS {
                Some("Le note superano il limite di caratteri.")
            } else {
                None
            };
            match message {
                Some(message) => {
                    slot_error.set(Some(message.to_owned()));
                    focus(&slots_ref);
                }
                None => confirming.set(true),
            }
        })
    };
    let go_back = {
        let (confirming, back_to_slots) = (confirming.clone(), back_to_slots.clone());
        Callback::from(move |_: MouseEvent| {
            confirming.set(false);
            back_to_slots.set(*back_to_slots + 1);
        })
    };
    let confirm = {
        let (choice, busy, error, confirming, back_to_slots) = (
            choice.clone(),
            busy.clone(),
            error.clone(),
            confirming.clone(),
            back_to_slots.clone(),
        );
        let key = (*key).clone();
        let request_id = s.request.id;
        let reload_slots = reload_slots.clone();
        Callback::from(move |_: MouseEvent| {
            let (Some(slot_id), Some(channel)) = (choice.slot, choice.channel) else {
                return;
            };
            if *busy {
                return;
            }
            busy.set(true);
            let notes = choice.notes.trim().to_owned();
            let booking = Booking {
                slot_id,
                channel,
                request_ids: std::iter::once(request_id).chain(choice.second).collect(),
                notes: (!notes.is_empty()).then_some(notes),
            };
            let (choice, busy, error, confirming, back_to_slots, key, navigator, reload_slots) = (
                choice.clone(),
                busy.clone(),
                error.clone(),
                confirming.clone(),
                back_to_slots.clone(),
                key.clone(),
                navigator.clone(),
                reload_slots.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::book_appointment(&booking, &key).await {
                    Ok(appointment) => {
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::Appointment {
                                id: appointment.id.0,
                            });
                        }
                    }
                    Err(err) => {
                        // Someone else took the slot first: choose again among the free ones.
                        if err.code() == Some("slot_taken") {
                            choice.set(Choice {
                                slot: None,
                                ..(*choice).clone()
                            });
                            confirming.set(false);
                            back_to_slots.set(*back_to_slots + 1);
                            reload_slots.emit(());
                        }
                        error.set(Some(err.message()));
                    }
                }
                busy.set(false);
            });
        })
    };

    let request = html! {
        <section aria-labelledby="booking-request-title" class="mb-4">
            <h2 id="booking-request-title" class="h4">{ "Richiesta" }</h2>
            <dl class="row summary-list">
                { field("Numero di protocollo", html! { <span class="text-break">{ s.request.protocol.clone() }</span> }) }
                { field("Oggetto", e.topic.label.clone()) }
                if let Some(c) = &s.request.citizen {
                    { field("Codice fiscale", c.codice_fiscale.clone()) }
                }
                { field("Sede", s.request.office.display_name.clone()) }
            </dl>
            <ul>
                { for e.cases.iter().map(|c| html! { <li key={c.code.clone()}>{ c.message.clone() }</li> }) }
            </ul>
        </section>
    };
    let alert = match &*error {
        Some(message) => html! { <ErrorAlert message={message.clone()} /> },
        None => html! {},
    };

    if *confirming {
        let Some(slot) = selected else {
            return html! {};
        };
        let second = choice
            .second
            .and_then(|id| s.others.iter().find(|o| o.id == id));
        return html! {
            <>
                { request }
                <section aria-labelledby="confirm-title" class="mb-4">
                    <h2 id="confirm-title" ref={confirm_ref} tabindex="-1" class="h4">{ "Conferma la prenotazione" }</h2>
                    { alert }
                    <dl class="row summary-list">
                        { field("Data", format::weekday_day(slot.starts_at)) }
                        { field("Orario", hours(&slot)) }
                        { field("Punto di consulenza", slot.point.name.clone()) }
                        { field("Canale", choice.channel.map(|c| c.label_it()).unwrap_or_default()) }
                        if let Some(other) = second {
                            { field("Seconda richiesta", format!("{} ({})", other.protocol, other.citizen_cf.clone().unwrap_or_default())) }
                        }
                        { field("Note", if choice.notes.trim().is_empty() { "—".to_owned() } else { choice.notes.trim().to_owned() }) }
                    </dl>
                    <div class="d-flex gap-2 flex-wrap">
                        <button type="button" class="btn btn-primary" onclick={confirm} disabled={*busy}>{ "Conferma prenotazione" }</button>
                        <button type="button" class="btn btn-outline-primary" onclick={go_back} disabled={*busy}>{ "Modifica" }</button>
                    </div>
                </section>
            </>
        };
    }

    html! {
        <>
            { request }
            <form novalidate=true onsubmit={proceed}>
                if !s.others.is_empty() {
                    <fieldset class="mb-4">
                        <legend class="h5">{ "Vuoi includere una seconda richiesta dello stesso argomento?" }</legend>
                        <div class="form-check">
                            <input type="radio" name="second" id="second-none" checked={choice.second.is_none()} onchange={pick_second(None)} />
                            <label for="second-none">{ "Nessuna seconda richiesta" }</label>
                        </div>
                        { for s.others.iter().map(|o| {
                            let id = format!("second-{}", o.id);
                            html! {
                                <div class="form-check" key={id.clone()}>
                                    <input type="radio" name="second" id={id.clone()} checked={choice.second == Some(o.id)} onchange={pick_second(Some(o.id))} />
                                    <label for={id}>{ format!("{} · {}", o.protocol, o.citizen_cf.clone().unwrap_or_default()) }</label>
                                </div>
                            }
                        }) }
                    </fieldset>
                }
                { alert }
                <div class="row mt-4">
                    <SelectField
                        class="col-sm-6"
                        id="slot-channel"
                        label="Canale delle disponibilità"
                        options={enum_options("Tutti i canali", Channel::ALL, |c| c.as_str(), |c| c.label_it())}
                        value={(*channel_filter).clone()}
                        onchange={filter(&channel_filter)}
                    />
                    <TextField
                        class="col-sm-6"
                        id="slot-from"
                        label="Dal giorno"
                        input_type="date"
                        value={(*from_filter).clone()}
                        oninput={filter(&from_filter)}
                    />
                </div>
                <fieldset ref={slots_ref} tabindex="-1" class="mb-4" aria-describedby="slot-error">
                    <legend class="h5">{ "Disponibilità" }</legend>
                    { match &slots {
                        Load::Loading => html! { <Status message="Caricamento delle disponibilità…" /> },
                        Load::Failed(err) => html! { <ErrorAlert message={err.message()} /> },
                        Load::Ready(page) if page.items.is_empty() => html! {
                            <Status message="Nessuna disponibilità per questo argomento presso la sede." />
                        },
                        Load::Ready(_) => html! {
                            <>
                                <Status message={format!("{} disponibilità trovate.", free.len())} />
                                { for by_day(&free).into_iter().map(|(day, group)| html! {
                                    <fieldset class="mb-3 slot-day" key={day.clone()}>
                                        <legend class="h6 text-capitalize">{ day.clone() }</legend>
                                        { for group.into_iter().map(|slot| {
                                            let id = format!("slot-{}", slot.id);
                                            html! {
                                                <div class="form-check" key={id.clone()}>
                                                    <input type="radio" name="slot" id={id.clone()} checked={choice.slot == Some(slot.id)} onchange={pick_slot(slot)} />
                                                    <label for={id}>{ format!("{} · {} · {}", hours(slot), slot.point.name, channels(&slot.channels)) }</label>
                                                </div>
                                            }
                                        }) }
                                    </fieldset>
                                }) }
                            </>
                        },
                    } }
                    <div id="slot-error" class="invalid-feedback d-block" aria-live="polite">{ (*slot_error).clone().unwrap_or_default() }</div>
                </fieldset>
                if let Some(slot) = &selected {
                    <fieldset class="mb-4">
                        <legend class="h5">{ "Canale" }</legend>
                        { for slot.channels.iter().map(|c| {
                            let id = format!("channel-{}", c.as_str());
                            html! {
                                <div class="form-check" key={id.clone()}>
                                    <input type="radio" name="channel" id={id.clone()} checked={choice.channel == Some(*c)} onchange={pick_channel(*c)} />
                                    <label for={id}>{ c.label_it() }</label>
                                </div>
                            }
                        }) }
                    </fieldset>
                }
                <TextArea
                    id="booking-notes"
                    label="Note per la sede"
                    hint="Facoltative: ciò che la sede deve sapere prima dell'appuntamento."
                    value={choice.notes.clone()}
                    oninput={on_notes}
                    max_chars={NOTES_MAX_CHARS as usize}
                    rows={3}
                />
                <button type="submit" class="btn btn-primary">{ "Prosegui" }</button>
            </form>
        </>
    }
}
