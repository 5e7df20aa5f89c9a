//! *Storico richieste*: *Tutte le richieste* / *Le mie richieste*, one search criterion plus
//! free text, the results table and pages by cursor.

use types::requests::{ListScope, RequestQuery};
use types::RequestKind;
use yew::prelude::*;

use crate::api;
use crate::components::{
    Criteria, Criterion, ErrorAlert, PageHeading, RequestTable, Row, SearchCriteria, Status,
};
use crate::hooks::{use_load, use_session, Load};

const PAGE_SIZE: i64 = 20;

fn scope(mine: bool) -> ListScope {
    if mine {
        ListScope::Mine
    } else {
        ListScope::Office
    }
}

/// *Le mie richieste* rather than *Tutte le richieste*.
fn is_mine(query: &RequestQuery) -> bool {
    query.scope == Some(ListScope::Mine)
}

#[component]
pub fn History() -> Html {
    let session = use_session();
    let referent = session.is_referent();
    let filter = use_state(RequestQuery::default);
    // Cursors of the pages seen so far: the last one is the page shown.
    let cursors = use_state(|| vec![None::<String>]);
    let page_cursor = cursors.last().cloned().flatten();
    let (page, _) = use_load(
        ((*filter).clone(), page_cursor),
        |(filter, cursor)| async move {
            let query = RequestQuery {
                limit: Some(PAGE_SIZE),
                cursor,
                ..filter
            };
            api::list_requests(&query).await
        },
    );

    let select_tab = |mine: bool| {
        let filter = filter.clone();
        let cursors = cursors.clone();
        Callback::from(move |_: MouseEvent| {
            filter.set(RequestQuery {
                scope: Some(scope(mine)),
                ..(*filter).clone()
            });
            cursors.set(vec![None]);
        })
    };
    let tab_keys = {
        let filter = filter.clone();
        let cursors = cursors.clone();
        Callback::from(move |e: KeyboardEvent| {
            let mine = match e.key().as_str() {
                "ArrowRight" | "ArrowLeft" => !is_mine(&filter),
                "Home" => false,
                "End" => true,
                _ => return,
            };
            e.prevent_default();
            filter.set(RequestQuery {
                scope: Some(scope(mine)),
                ..(*filter).clone()
            });
            cursors.set(vec![None]);
            let id = if mine { "tab-mine" } else { "tab-all" };
            if let Some(tab) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(id))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = tab.focus();
            }
        })
    };
    let on_search = {
        let filter = filter.clone();
        let cursors = cursors.clone();
        Callback::from(move |c: Criteria| {
            filter.set(RequestQuery {
                scope: filter.scope,
                date_from: c.date_from,
                date_to: c.date_to,
                topic_id: c.topic_id,
                protocol: c.protocol,
                cf: c.cf,
                status: c.status,
                q: c.q,
                ..RequestQuery::default()
            });
            cursors.set(vec![None]);
        })
    };
    let previous = {
        let cursors = cursors.clone();
        Callback::from(move |_: MouseEvent| {
            let mut list = (*cursors).clone();
            if list.len() > 1 {
                list.pop();
                cursors.set(list);
            }
        })
    };
    let next = {
        let cursors = cursors.clone();
        let next_cursor = page.ready().and_then(|p| p.next_cursor.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(cursor) = next_cursor.clone() {
                let mut list = (*cursors).clone();
                list.push(Some(cursor));
                cursors.set(list);
            }
        })
    };

    let mut criteria = vec![Criterion::Date, Criterion::Topic, Criterion::Protocol];
    if !referent {
        criteria.push(Criterion::Cf);
    }
    criteria.push(Criterion::Status);
    let kind = if referent {
        RequestKind::Regional
    } else {
        RequestKind::Citizen
    };
    let page_number = cursors.len();
    let tab = |id: &'static str, label: &'static str, mine: bool| {
        let selected = is_mine(&filter) == mine;
        html! {
            <li class="nav-item" role="presentation">
                <button
                    type="button"
                    id={id}
                    role="tab"
                    class={classes!("nav-link", selected.then_some("active"))}
                    aria-selected={selected.to_string()}
                    aria-controls="history-panel"
                    tabindex={if selected { "0" } else { "-1" }}
                    onclick={select_tab(mine)}
                    onkeydown={tab_keys.clone()}
                >
                    { label }
                </button>
            </li>
        }
    };
    html! {
        <>
            <PageHeading title="Storico richieste" />
            <ul class="nav nav-tabs mb-4" role="tablist" aria-label="Quali richieste">
                { tab("tab-all", "Tutte le richieste", false) }
                { tab("tab-mine", "Le mie richieste", true) }
            </ul>
            <div id="history-panel" role="tabpanel" aria-labelledby={if is_mine(&filter) { "tab-mine" } else { "tab-all" }}>
                <SearchCriteria id="history-search" kind={kind} criteria={criteria} date_range=true free_text=true on_search={on_search} />
                { match &page {
                    Load::Loading => html! { <Status message="Caricamento delle richieste…" /> },
                    Load::Failed(err) => html! { <ErrorAlert message={err.message()} /> },
                    Load::Ready(p) if p.items.is_empty() => html! { <Status message="Nessuna richiesta corrisponde ai criteri di ricerca." /> },
                    Load::Ready(p) => {
                        let count = p.match_count();
                        let pages = count.exact.then(|| ((count.total.max(0) as u64).div_ceil(PAGE_SIZE as u64)).max(1));
                        let status = match pages {
                            Some(pages) => format!("{}. Pagina {page_number} di {pages}.", count.found_it()),
                            None => format!("{}. Pagina {page_number}.", count.found_it()),
                        };
                        let position = match pages {
                            Some(pages) => format!("{page_number} / {pages}"),
                            None => page_number.to_string(),
                        };
                        html! {
                            <>
                                <Status message={status} />
                                <RequestTable
                                    caption="Richieste trovate"
                                    show_cf={!referent}
                                    rows={p.items.iter().map(|r| Row { request: r.clone(), answered_at: None }).collect::<Vec<_>>()}
                                />
                                <nav class="pagination-wrapper" aria-label="Pagine dei risultati">
                                    <ul class="pagination">
                                        <li class={classes!("page-item", (page_number == 1).then_some("disabled"))}>
                                            <button type="button" class="page-link" onclick={previous} disabled={page_number == 1}>
                                                { "Pagina precedente" }
                                            </button>
                                        </li>
                                        <li class="page-item"><span class="page-link" aria-current="page">{ position }</span></li>
                                        <li class={classes!("page-item", p.next_cursor.is_none().then_some("disabled"))}>
                                            <button type="button" class="page-link" onclick={next} disabled={p.next_cursor.is_none()}>
                                                { "Pagina successiva" }
                                            </button>
                                        </li>
                                    </ul>
                                </nav>
                            </>
                        }
                    }
                } }
            </div>
        </>
    }
}
