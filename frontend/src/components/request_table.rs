//! Requests as a table: date, topic, protocol, codice fiscale, status, and the arrow to the
//! detail.

use types::requests::RequestSummary;
use yew::prelude::*;

use crate::app::Route;
use crate::components::DetailLink;
use crate::format;

/// One row: the request and, on the home panel, when its answer arrived.
#[derive(Clone, PartialEq)]
pub struct Row {
    pub request: RequestSummary,
    pub answered_at: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Properties, PartialEq)]
pub struct RequestTableProps {
    pub caption: AttrValue,
    pub rows: Vec<Row>,
    /// Show the codice fiscale column (citizen requests).
    #[prop_or(true)]
    pub show_cf: bool,
}

/// The table; each row links to its detail.
#[component]
pub fn RequestTable(props: &RequestTableProps) -> Html {
    let answered = props.rows.iter().any(|r| r.answered_at.is_some());
    html! {
        <div class="table-responsive">
            <table class="table table-hover requests-table">
                <caption class="visually-hidden">{ props.caption.clone() }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Data richiesta" }</th>
                        if answered { <th scope="col">{ "Data risposta" }</th> }
                        <th scope="col">{ "Oggetto" }</th>
                        <th scope="col">{ "Numero protocollo" }</th>
                        if props.show_cf { <th scope="col">{ "Codice fiscale" }</th> }
                        <th scope="col">{ "Stato richiesta" }</th>
                        <th scope="col"><span class="visually-hidden">{ "Dettaglio" }</span></th>
                    </tr>
                </thead>
                <tbody>
                    { for props.rows.iter().enumerate().map(|(i, row)| {
                        let r = &row.request;
                        html! {
                            // A request answered twice appears twice on the home panel.
                            <tr key={format!("{}-{i}", r.id)}>
                                <td>{ format::day(r.created_at) }</td>
                                if answered {
                                    <td>{ row.answered_at.map(format::date_time).unwrap_or_default() }</td>
                                }
                                <td>{ r.topic.label.clone() }</td>
                                <td class="text-break">{ r.protocol.clone() }</td>
                                if props.show_cf {
                                    <td>{ r.citizen_cf.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                                }
                                <td>{ r.status_label.clone() }</td>
                                <td class="text-end">
                                    <DetailLink to={Route::Detail { id: r.id.0 }} label={format!("Apri il dettaglio della richiesta {}", r.protocol)} />
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
