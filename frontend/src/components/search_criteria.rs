//! *Ricerca per*: one criterion from a drop-down (date, topic, protocol, codice fiscale,
//! status) and its value, plus optional free text.

use chrono::NaiveDate;
use types::ids::TopicId;
use types::{RequestKind, RequestStatus};
use yew::prelude::*;

use crate::components::codice_fiscale::{cf_error, valid_cf};
use crate::components::{enum_options, SelectField, TextField, TopicSelect};
use crate::format::parse_date;

/// A search criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Criterion {
    Date,
    Topic,
    Protocol,
    Cf,
    Status,
}

impl Criterion {
    fn code(self) -> &'static str {
        match self {
            Criterion::Date => "date",
            Criterion::Topic => "topic",
            Criterion::Protocol => "protocol",
            Criterion::Cf => "cf",
            Criterion::Status => "status",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Criterion::Date => "Data richiesta",
            Criterion::Topic => "Oggetto",
            Criterion::Protocol => "Numero protocollo",
            Criterion::Cf => "Codice fiscale",
            Criterion::Status => "Stato richiesta",
        }
    }
}

/// What to search for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Criteria {
    pub date_from: Option<NaiveDate>,
    /// With a single-day search, equal to `date_from`.
    pub date_to: Option<NaiveDate>,
    pub topic_id: Option<TopicId>,
    pub protocol: Option<String>,
    pub cf: Option<String>,
    pub status: Option<RequestStatus>,
    pub q: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct SearchCriteriaProps {
    pub id: AttrValue,
    pub kind: RequestKind,
    pub criteria: Vec<Criterion>,
    /// Date as a range (*Dal* / *Al*) rather than one day.
    #[prop_or_default]
    pub date_range: bool,
    /// Offer the free-text field.
    #[prop_or_default]
    pub free_text: bool,
    pub on_search: Callback<Criteria>,
}

#[derive(Clone, Default, PartialEq)]
struct Errors {
    value: Option<AttrValue>,
    date_to: Option<AttrValue>,
}

/// The search form.
#[component]
pub fn SearchCriteria(props: &SearchCriteriaProps) -> Html {
    let criterion = use_state(|| props.criteria.first().copied().unwrap_or(Criterion::Date));
    let date_from = use_state(String::new);
    let date_to = use_state(String::new);
    let topic = use_state(|| None::<TopicId>);
    let text = use_state(String::new);
    let status = use_state(|| None::<RequestStatus>);
    let q = use_state(String::new);
    let errors = use_state(Errors::default);
    let id = props.id.to_string();

    let on_criterion = {
        let (criterion, text, errors) = (criterion.clone(), text.clone(), errors.clone());
        let available = props.criteria.clone();
        Callback::from(move |code: String| {
            if let Some(c) = available.iter().find(|c| c.code() == code) {
                criterion.set(*c);
                text.set(String::new());
                errors.set(Errors::default());
            }
        })
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let on_text = {
        let (text, errors, criterion) = (text.clone(), errors.clone(), criterion.clone());
        Callback::from(move |v: String| {
            if *criterion == Criterion::Cf {
                errors.set(Errors {
                    value: cf_error(&v, false).map(AttrValue::from),
                    ..Errors::default()
                });
            }
            text.set(v);
        })
    };
    let on_topic = {
        let topic = topic.clone();
        Callback::from(move |t: Option<TopicId>| topic.set(t))
    };
    let on_status = {
        let status = status.clone();
        Callback::from(move |v: String| status.set(v.parse().ok()))
    };

    let onsubmit = {
        let criterion = criterion.clone();
        let (date_from, date_to, topic, text, status, q) = (
            date_from.clone(),
            date_to.clone(),
            topic.clone(),
            text.clone(),
            status.clone(),
            q.clone(),
        );
        let errors = errors.clone();
        let on_search = props.on_search.clone();
        let date_range = props.date_range;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut found = Criteria {
                q: Some(q.trim().to_owned()).filter(|s| !s.is_empty()),
                ..Criteria::default()
            };
            let mut errs = Errors::default();
            let value = text.trim().to_owned();
            match *criterion {
                Criterion::Date => {
                    found.date_from = parse_date(&date_from);
                    found.date_to = if date_range {
                        parse_date(&date_to)
                    } else {
                        found.date_from
                    };
                    if let (Some(from), Some(to)) = (found.date_from, found.date_to) {
                        if to < from {
                            errs.date_to =
                                Some("La data finale non può precedere quella iniziale.".into());
                        }
                    }
                }
                Criterion::Topic => found.topic_id = *topic,
                Criterion::Protocol => {
                    found.protocol = Some(value).filter(|v| !v.is_empty());
                }
                Criterion::Cf if value.is_empty() => {}
                Criterion::Cf => match valid_cf(&value) {
                    Some(cf) => found.cf = Some(cf),
                    None => errs.value = cf_error(&value, true).map(AttrValue::from),
                },
                Criterion::Status => found.status = *status,
            }
            let ok = errs == Errors::default();
            errors.set(errs);
            if ok {
                on_search.emit(found);
            }
        })
    };
    let reset = {
        let (date_from, date_to, topic, text, status, q, errors) = (
            date_from.clone(),
            date_to.clone(),
            topic.clone(),
            text.clone(),
            status.clone(),
            q.clone(),
            errors.clone(),
        );
        let on_search = props.on_search.clone();
        Callback::from(move |_: MouseEvent| {
            date_from.set(String::new());
            date_to.set(String::new());
            topic.set(None);
            text.set(String::new());
            status.set(None);
            q.set(String::new());
            errors.set(Errors::default());
            on_search.emit(Criteria::default());
        })
    };

    let criterion_options: Vec<(AttrValue, AttrValue)> = props
        .criteria
        .iter()
        .map(|c| (AttrValue::Static(c.code()), AttrValue::Static(c.label())))
        .collect();
    let value_field = match *criterion {
        Criterion::Date if props.date_range => html! {
            <div class="row">
                <TextField class="col-sm-6" id={format!("{id}-from")} label="Dal" input_type="date" value={(*date_from).clone()} oninput={set(&date_from)} />
                <TextField class="col-sm-6" id={format!("{id}-to")} label="Al" input_type="date" value={(*date_to).clone()} oninput={set(&date_to)} error={errors.date_to.clone()} />
            </div>
        },
        Criterion::Date => html! {
            <TextField id={format!("{id}-date")} label="Data" input_type="date" value={(*date_from).clone()} oninput={set(&date_from)} />
        },
        Criterion::Topic => html! {
            <TopicSelect id={format!("{id}-topic")} label="Oggetto" kind={props.kind} value={*topic} onchange={on_topic} />
        },
        Criterion::Status => html! {
            <SelectField
                id={format!("{id}-status")}
                label="Stato richiesta"
                options={enum_options("Tutti gli stati", RequestStatus::ALL, |s| s.as_str(), |s| s.label_it())}
                value={status.map(|s| s.as_str()).unwrap_or_default()}
                onchange={on_status}
            />
        },
        Criterion::Protocol => html! {
            <TextField id={format!("{id}-protocol")} label="Numero protocollo" hint="Ad esempio INPS.7013.24/02/2021.0000123" value={(*text).clone()} oninput={on_text} error={errors.value.clone()} autocomplete="off" />
        },
        Criterion::Cf => html! {
            <TextField id={format!("{id}-cf")} label="Codice fiscale" value={(*text).clone()} oninput={on_text} error={errors.value.clone()} uppercase=true autocomplete="off" />
        },
    };
    html! {
        <form class="search-criteria mb-3" role="search" aria-label="Ricerca" novalidate=true {onsubmit}>
            <div class="row align-items-start">
                <div class="col-md-4">
                    <SelectField
                        id={format!("{id}-criterion")}
                        label="Ricerca per"
                        options={criterion_options}
                        value={criterion.code()}
                        onchange={on_criterion}
                    />
                </div>
                <div class="col-md-8">{ value_field }</div>
            </div>
            if props.free_text {
                <TextField id={format!("{id}-q")} label="Testo libero" hint="Parole contenute nel testo o nelle note della richiesta" value={(*q).clone()} oninput={set(&q)} />
            }
            <div class="d-flex flex-wrap gap-2">
                <button type="submit" class="btn btn-primary btn-sm">{ "Cerca" }</button>
                <button type="button" class="btn btn-outline-primary btn-sm" onclick={reset}>{ "Azzera" }</button>
            </div>
        </form>
    }
}
