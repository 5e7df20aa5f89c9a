//! *Riepilogo e inoltro*: the destination office (with the change-office dialog) and the
//! summary; *Invia* sends the request.

use types::RequestKind;
use yew::prelude::*;

use super::state::{Action, Routing, Step};
use super::{on_behalf_of, StepProps};
use crate::api;
use crate::components::{size_label, ErrorAlert, Notice, OfficeDialog, Status};
use crate::format;
use crate::hooks::use_session;

const AUTOMATIC: &str = "Qualora siano date delle indicazioni di scrivere ad una particolare sede \
                         e si intende modificare la struttura di destinazione, scegli «Modifica \
                         sede».";

#[component]
pub fn ReviewStep(props: &StepProps) -> Html {
    let w = props.wizard.clone();
    let session = use_session();
    let dialog_open = use_state(|| false);

    {
        let w = w.clone();
        use_effect_with((), move |_| {
            if let Some(request) = w.routing_request() {
                let w = w.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    w.dispatch(Action::Routed(api::preview_routing(&request).await));
                });
            }
        });
    }
    let open = {
        let dialog_open = dialog_open.clone();
        Callback::from(move |_: MouseEvent| dialog_open.set(true))
    };
    let close = {
        let dialog_open = dialog_open.clone();
        Callback::from(move |()| dialog_open.set(false))
    };
    let choose = {
        let w = w.clone();
        let dialog_open = dialog_open.clone();
        Callback::from(move |office| {
            w.dispatch(Action::OfficeChosen(office));
            dialog_open.set(false);
        })
    };
    let back = {
        let w = w.clone();
        Callback::from(move |_: MouseEvent| w.dispatch(Action::Go(Step::Compose)))
    };
    let send = {
        let w = w.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(request) = w.create_request() else {
                return;
            };
            if w.sending || w.office().is_none() {
                return;
            }
            w.dispatch(Action::Sending);
            let key = w.idempotency_key.clone();
            let w = w.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match api::create_request(&request, &key).await {
                    Ok(detail) => w.dispatch(Action::Sent(Box::new(detail))),
                    Err(err) => w.dispatch(Action::SendFailed(err)),
                }
            });
        })
    };

    let me = session.me();
    let office = w.office().cloned();
    let notice = match (&w.manual_office, &w.routing) {
        (Some(_), _) => {
            "Hai scelto la sede di inoltro in sostituzione di quella proposta come di competenza."
                .to_owned()
        }
        (None, Routing::Proposed(p)) => format!("{} {AUTOMATIC}", p.notice),
        (None, Routing::Failed(message)) => {
            format!("{message} Scegli la sede con «Modifica sede».")
        }
        (None, _) => String::new(),
    };
    let d = &w.draft;
    let practice = w
        .practice_ref()
        .map(|p| format!("{}: {}", p.kind.label_it(), p.number))
        .unwrap_or_else(|| "—".to_owned());
    html! {
        <>
            { on_behalf_of(&w, me.as_ref().map(|m| m.full_name.clone())) }
            if let Some(message) = w.alert.clone() { <ErrorAlert message={message} /> }
            <section class="mb-5" aria-labelledby="office-title">
                <h3 id="office-title" class="h4">{ "Sede di inoltro della richiesta" }</h3>
                if w.routing == Routing::Loading && w.manual_office.is_none() {
                    <Status message="Individuazione della sede in corso…" />
                }
                if !notice.is_empty() {
                    <Notice title="Avviso"><p class="mb-0">{ notice }</p></Notice>
                }
                if let Some(office) = &office {
                    <div class="card card-bg no-after mb-3 office-card">
                        <div class="card-body">
                            <p class="h5 card-title mb-1">{ office.name.clone() }</p>
                            <p class="mb-0">
                                <svg class="icon icon-sm" aria-hidden="true" focusable="false"><use href="/bootstrap-italia/svg/sprites.svg#it-map-marker"></use></svg>
                                { format!(" {}, {} {}", office.address, office.cap, office.comune) }
                            </p>
                        </div>
                    </div>
                } else if w.routing != Routing::Loading {
                    <p class="fw-semibold">{ "Nessuna sede selezionata" }</p>
                }
                <button type="button" class="btn btn-outline-primary btn-sm" onclick={open}>{ "Modifica sede" }</button>
            </section>
            <section aria-labelledby="summary-title" class="mb-4">
                <h3 id="summary-title" class="h4">{ "Riepilogo richiesta" }</h3>
                <dl class="row summary-list">
                    <div class="col-md-6 col-lg-4"><dt>{ "Nominativo Operatore" }</dt><dd>{ me.as_ref().map(|m| m.full_name.clone()).unwrap_or_default() }</dd></div>
                    <div class="col-md-6 col-lg-4"><dt>{ "Oggetto" }</dt><dd>{ d.topic.as_ref().map(|t| t.label.clone()).unwrap_or_default() }</dd></div>
                    <div class="col-md-6 col-lg-4"><dt>{ "Motivo" }</dt><dd>{ d.motive.map(|m| m.label_it()).unwrap_or_default() }</dd></div>
                    <div class="col-md-6 col-lg-4"><dt>{ "Riferimento pratica" }</dt><dd>{ practice }</dd></div>
                    <div class="col-md-6 col-lg-4"><dt>{ "Sede di inoltro" }</dt><dd>{ office.as_ref().map(|o| o.display_name.clone()).unwrap_or_else(|| "—".to_owned()) }</dd></div>
                </dl>
                if let Some(c) = &w.citizen {
                    <h4 class="h5">{ "Dati del richiedente" }</h4>
                    <dl class="row summary-list">
                        <div class="col-sm-6 col-lg-3"><dt>{ "Codice fiscale" }</dt><dd>{ c.codice_fiscale.clone() }</dd></div>
                        <div class="col-sm-6 col-lg-3"><dt>{ "Cognome" }</dt><dd>{ c.surname.clone() }</dd></div>
                        <div class="col-sm-6 col-lg-3"><dt>{ "Nome" }</dt><dd>{ c.name.clone() }</dd></div>
                        <div class="col-sm-6 col-lg-3"><dt>{ "Data di nascita" }</dt><dd>{ format::date(c.birth_date) }</dd></div>
                    </dl>
                }
                <h4 class="h5">{ "Testo della richiesta" }</h4>
                <p class="text-prewrap">{ d.text.trim().to_owned() }</p>
                if !d.notes.trim().is_empty() {
                    <h4 class="h5">{ "Note" }</h4>
                    <p class="text-prewrap">{ d.notes.trim().to_owned() }</p>
                }
                if !w.attachments.is_empty() {
                    <h4 class="h5">{ "Allegati" }</h4>
                    <ul>
                        { for w.attachments.iter().map(|a| html! {
                            <li>{ a.file_name.clone() }<span class="text-muted small ms-2">{ size_label(a.size_bytes) }</span></li>
                        }) }
                    </ul>
                }
            </section>
            <div class="d-flex flex-wrap gap-2">
                <button type="button" class="btn btn-outline-primary" onclick={back}>{ "Indietro" }</button>
                <button type="button" class="btn btn-primary" onclick={send} disabled={w.sending || office.is_none()}>
                    { if w.sending { "Invio in corso…" } else { "Invia" } }
                </button>
            </div>
            <div class="visually-hidden" role="status">{ if w.sending { "Invio in corso…" } else { "" } }</div>
            if *dialog_open {
                <OfficeDialog with_province={w.kind == RequestKind::Citizen} on_choose={choose} on_close={close} />
            }
        </>
    }
}
