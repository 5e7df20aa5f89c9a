//! *Individuazione cittadino*: search by codice fiscale or by anagrafica, the omocodia /
//! homonymy chooser, and the delega.

use types::citizens::CitizenDto;
use yew::prelude::*;

use super::state::{Action, SearchMode, Step};
use super::StepProps;
use crate::api;
use crate::components::{focus, Checkbox, ErrorAlert, Notice, TextField};
use crate::format;

const DELEGA: &str = "Dichiaro di essere in possesso della delega a operare per conto del \
                      richiedente e di esibirla su richiesta";

fn place(citizen: &CitizenDto) -> String {
    let r = &citizen.residence;
    format!(
        "Nato il {} a {} ({}), residente in {}, {} {} ({})",
        format::date(citizen.birth_date),
        citizen.birth_place.comune,
        citizen.birth_place.province,
        r.address,
        r.cap,
        r.comune,
        r.province
    )
}

#[component]
pub fn CitizenStep(props: &StepProps) -> Html {
    let w = props.wizard.clone();
    let cf_ref = use_node_ref();
    let delega_ref = use_node_ref();
    let chooser_ref = use_node_ref();
    {
        let chooser_ref = chooser_ref.clone();
        use_effect_with(w.matches.len() > 1, move |shown| {
            if *shown {
                focus(&chooser_ref);
            }
        });
    }

    let dispatch = |make: fn(String) -> Action| {
        let w = w.clone();
        Callback::from(move |v: String| w.dispatch(make(v)))
    };
    let set_mode = |mode: SearchMode| {
        let w = w.clone();
        Callback::from(move |_: Event| w.dispatch(Action::Mode(mode)))
    };
    let search = {
        let w = w.clone();
        let cf_ref = cf_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let errors = w.cf_errors();
            if !errors.is_empty() {
                w.dispatch(Action::Invalid(errors));
                focus(&cf_ref);
                return;
            }
            let Some(lookup) = w.lookup() else {
                return;
            };
            w.dispatch(Action::Searching);
            let w = w.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match api::search_citizens(&lookup).await {
                    Ok(found) => w.dispatch(Action::Found(found.items)),
                    Err(err) => w.dispatch(Action::SearchFailed(err)),
                }
            });
        })
    };
    let proceed = {
        let w = w.clone();
        let delega_ref = delega_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let errors = w.citizen_errors();
            if errors.is_empty() {
                w.dispatch(Action::Go(Step::Compose));
            } else {
                w.dispatch(Action::Invalid(errors));
                focus(&delega_ref);
            }
        })
    };
    let error = |key: &str| w.errors.get(key).cloned().map(AttrValue::from);

    if let Some(citizen) = &w.citizen {
        let change = {
            let w = w.clone();
            Callback::from(move |_: MouseEvent| w.dispatch(Action::ChangeCitizen))
        };
        let on_delega = {
            let w = w.clone();
            Callback::from(move |v: bool| w.dispatch(Action::Delega(v)))
        };
        return html! {
            <section aria-labelledby="selected-title">
                <h3 id="selected-title" class="h5">{ "Hai selezionato" }</h3>
                <dl class="row summary-list">
                    <div class="col-sm-6 col-lg-3"><dt>{ "Nome Cognome" }</dt><dd>{ format!("{} {}", citizen.name, citizen.surname) }</dd></div>
                    <div class="col-sm-6 col-lg-3"><dt>{ "Nato il" }</dt><dd>{ format::date(citizen.birth_date) }</dd></div>
                    <div class="col-sm-6 col-lg-3"><dt>{ "Nato a" }</dt><dd>{ format!("{} ({})", citizen.birth_place.comune, citizen.birth_place.province) }</dd></div>
                    <div class="col-sm-6 col-lg-3"><dt>{ "Codice fiscale" }</dt><dd>{ citizen.codice_fiscale.clone() }</dd></div>
                </dl>
                <Checkbox id="delega" label={DELEGA} checked={w.delega} onchange={on_delega} error={error("delega")} node_ref={delega_ref} />
                <div class="d-flex flex-wrap gap-2 mt-4">
                    <button type="button" class="btn btn-outline-primary" onclick={change}>{ "Cambia cittadino" }</button>
                    <button type="button" class="btn btn-primary" onclick={proceed}>{ "Continua" }</button>
                </div>
            </section>
        };
    }

    let complete = w.lookup().is_some();
    html! {
        <>
            if let Some(message) = w.alert.clone() { <ErrorAlert message={message} /> }
            <form novalidate=true onsubmit={search} aria-busy={w.searching.to_string()}>
                <fieldset class="mb-3">
                    <legend class="h5">{ "Individua il cittadino per conto del quale inviare la richiesta" }</legend>
                    <div class="form-check form-check-inline">
                        <input type="radio" name="search-mode" id="mode-cf" checked={w.mode == SearchMode::Cf} onchange={set_mode(SearchMode::Cf)} />
                        <label for="mode-cf">{ "Ricerca per Codice Fiscale" }</label>
                    </div>
                    <div class="form-check form-check-inline">
                        <input type="radio" name="search-mode" id="mode-identity" checked={w.mode == SearchMode::Identity} onchange={set_mode(SearchMode::Identity)} />
                        <label for="mode-identity">{ "Ricerca per Anagrafica" }</label>
                    </div>
                </fieldset>
                if w.mode == SearchMode::Cf {
                    <div class="row"><div class="col-md-6">
                        <TextField id="cf" label="Codice fiscale" value={w.cf.clone()} oninput={dispatch(Action::Cf)} error={error("cf")} uppercase=true autocomplete="off" required=true node_ref={cf_ref} hint="16 caratteri, oppure 11 cifre per il codice provvisorio" />
                    </div></div>
                } else {
                    <div class="row">
                        <TextField class="col-md-4" id="surname" label="Cognome" value={w.surname.clone()} oninput={dispatch(Action::Surname)} error={error("surname")} required=true autocomplete="off" />
                        <TextField class="col-md-4" id="name" label="Nome" value={w.name.clone()} oninput={dispatch(Action::Name)} error={error("name")} required=true autocomplete="off" />
                        <TextField class="col-md-4" id="birth-date" label="Data di nascita" input_type="date" value={w.birth_date.clone()} oninput={dispatch(Action::BirthDate)} error={error("birth_date")} required=true />
                    </div>
                }
                <button type="submit" class="btn btn-primary" disabled={!complete || w.searching}>
                    { if w.searching { "Ricerca in corso…" } else { "Continua" } }
                </button>
                <div class="visually-hidden" role="status">{ if w.searching { "Ricerca in corso…" } else { "" } }</div>
            </form>
            if w.matches.len() > 1 {
                <fieldset ref={chooser_ref} tabindex="-1" class="mt-5 citizen-chooser">
                    <legend class="h5">{ "Attenzione!" }</legend>
                    <Notice title="Più cittadini corrispondono alla ricerca" kind="warning">
                        <p class="mb-0">
                            { if w.mode == SearchMode::Cf {
                                "Sono stati trovati più utenti con lo stesso codice fiscale. Selezionare un utente per procedere con la richiesta:"
                            } else {
                                "Sono stati trovati più utenti con gli stessi dati anagrafici. Selezionare un utente per procedere con la richiesta:"
                            } }
                        </p>
                    </Notice>
                    { for w.matches.iter().map(|c| {
                        let id = format!("citizen-{}", c.id);
                        let onchange = {
                            let w = w.clone();
                            let c = c.clone();
                            Callback::from(move |_: Event| w.dispatch(Action::Choose(c.clone())))
                        };
                        html! {
                            <div class="form-check citizen-option" key={c.id.0}>
                                <input type="radio" name="citizen" id={id.clone()} aria-describedby={format!("{id}-place")} {onchange} />
                                <label for={id.clone()}>{ format!("{} {} — {}", c.name, c.surname, c.codice_fiscale) }</label>
                                <p id={format!("{id}-place")} class="small ms-5 mb-2">{ place(c) }</p>
                            </div>
                        }
                    }) }
                </fieldset>
            }
        </>
    }
}
