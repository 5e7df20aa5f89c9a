//! *Statistiche*: topic and period; the seven figures for one's own requests and the office's,
//! as a table and as a chart.

use types::ids::TopicId;
use types::requests::{Figures, StatisticsQuery};
use types::RequestKind;
use yew::prelude::*;

use crate::api;
use crate::components::{
    BarChart, ErrorAlert, PageHeading, Series, Status, TextField, TopicSelect,
};
use crate::format::parse_date;
use crate::hooks::{use_load, use_session, Load};

const LABELS: [&str; 7] = [
    "Aperte",
    "Superati 15 gg",
    "1° Sollecito",
    "2° Sollecito",
    "Chiuse",
    "Abilitate appuntamento*",
    "Appuntamento",
];

fn values(f: &Figures) -> Vec<i64> {
    vec![
        f.open,
        f.over_15_days,
        f.first_reminder,
        f.second_reminder,
        f.closed,
        f.appointments_enabled,
        f.appointments,
    ]
}

#[component]
pub fn Statistics() -> Html {
    let session = use_session();
    let referent = session.is_referent();
    let topic = use_state(|| None::<TopicId>);
    let date_from = use_state(String::new);
    let date_to = use_state(String::new);
    let error = use_state(|| None::<AttrValue>);
    let filter = use_state(StatisticsQuery::default);
    let (stats, _) = use_load(
        (*filter).clone(),
        |f| async move { api::statistics(&f).await },
    );

    let on_topic = {
        let topic = topic.clone();
        Callback::from(move |t| topic.set(t))
    };
    let set = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |v: String| state.set(v))
    };
    let onsubmit = {
        let (topic, date_from, date_to, error, filter) = (
            topic.clone(),
            date_from.clone(),
            date_to.clone(),
            error.clone(),
            filter.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let from = parse_date(&date_from);
            let to = parse_date(&date_to);
            if let (Some(from), Some(to)) = (from, to) {
                if to < from {
                    error.set(Some(
                        "La data finale non può precedere quella iniziale.".into(),
                    ));
                    return;
                }
            }
            error.set(None);
            filter.set(StatisticsQuery {
                topic_id: *topic,
                date_from: from,
                date_to: to,
                ..StatisticsQuery::default()
            });
        })
    };
    let office_name = if referent {
        "Richieste della regione"
    } else {
        "Richieste della sede"
    };
    let kind = if referent {
        RequestKind::Regional
    } else {
        RequestKind::Citizen
    };
    html! {
        <>
            <PageHeading title="Statistiche" />
            <form class="mb-4" novalidate=true {onsubmit}>
                <div class="row">
                    <div class="col-md-6 col-lg-4">
                        <TopicSelect id="stats-topic" label="Argomento" kind={kind} value={*topic} onchange={on_topic} empty="Tutti gli argomenti" />
                    </div>
                    <TextField class="col-md-3 col-lg-4" id="stats-from" label="Data da" input_type="date" value={(*date_from).clone()} oninput={set(&date_from)} />
                    <TextField class="col-md-3 col-lg-4" id="stats-to" label="Data a" input_type="date" value={(*date_to).clone()} oninput={set(&date_to)} error={(*error).clone()} />
                </div>
                <button type="submit" class="btn btn-primary btn-sm">{ "Visualizza" }</button>
            </form>
            { match &stats {
                Load::Loading => html! { <Status message="Calcolo degli indicatori…" /> },
                Load::Failed(err) => html! { <ErrorAlert message={err.message()} /> },
                Load::Ready(s) => {
                    let mut rows: Vec<(&'static str, Vec<i64>)> = Vec::new();
                    if let Some(mine) = &s.mine {
                        rows.push(("Le mie richieste", values(mine)));
                    }
                    rows.push((office_name, values(&s.office)));
                    let classes = ["bar-mine", "bar-office"];
                    let series: Vec<Series> = rows
                        .iter()
                        .zip(classes)
                        .map(|((name, values), class)| Series { name, class, values: values.clone() })
                        .collect();
                    html! {
                        <>
                            <div class="table-responsive">
                                <table class="table stats-table">
                                    <caption>{ "Indicatori statistici delle richieste" }</caption>
                                    <thead>
                                        <tr>
                                            <th scope="col"><span class="visually-hidden">{ "Richieste" }</span></th>
                                            { for LABELS.iter().map(|l| html! { <th scope="col">{ *l }</th> }) }
                                        </tr>
                                    </thead>
                                    <tbody>
                                        { for rows.iter().map(|(name, values)| html! {
                                            <tr>
                                                <th scope="row">{ *name }</th>
                                                { for values.iter().map(|v| html! { <td>{ *v }</td> }) }
                                            </tr>
                                        }) }
                                    </tbody>
                                </table>
                            </div>
                            <p class="small">{ "*È possibile prenotare un appuntamento solo per le proprie richieste" }</p>
                            <BarChart id="stats-chart" title="Indicatori statistici: grafico a barre" labels={LABELS.to_vec()} series={series} />
                        </>
                    }
                }
            } }
        </>
    }
}
