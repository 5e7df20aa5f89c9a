//! *Conferma*: the request is sent; shortcuts to a new request for the same citizen, or the
//! same request for another citizen.

use types::RequestKind;
use yew::prelude::*;
use yew_router::prelude::*;

use super::state::Action;
use super::StepProps;
use crate::app::Route;

#[component]
pub fn DoneStep(props: &StepProps) -> Html {
    let w = props.wizard.clone();
    let same_citizen = {
        let w = w.clone();
        Callback::from(move |_: MouseEvent| w.dispatch(Action::SameCitizen))
    };
    let other_citizen = {
        let w = w.clone();
        Callback::from(move |_: MouseEvent| w.dispatch(Action::OtherCitizen))
    };
    let message = match &w.citizen {
        Some(c) if w.kind == RequestKind::Citizen => {
            format!(
                "Richiesta inviata con successo per conto di {} {}",
                c.name, c.surname
            )
        }
        _ => "Richiesta inviata con successo!".to_owned(),
    };
    html! {
        <>
            <div class="alert alert-success" role="status">
                <p class="h5 mb-1">{ message }</p>
                if let Some(created) = &w.created {
                    <p class="mb-0">{ "Numero di protocollo: " }<strong>{ created.protocol.clone() }</strong></p>
                }
            </div>
            if let Some(created) = &w.created {
                <p>
                    <Link<Route> to={Route::Detail { id: created.id.0 }}>{ "Vai al dettaglio della richiesta" }</Link<Route>>
                </p>
            }
            if w.kind == RequestKind::Citizen {
                <ul class="list-unstyled">
                    <li class="mb-2">
                        <button type="button" class="btn btn-link p-0 text-start" onclick={same_citizen}>
                            { "Se vuoi aprire una nuova richiesta per il medesimo utente clicca qui" }
                        </button>
                    </li>
                    <li class="mb-2">
                        <button type="button" class="btn btn-link p-0 text-start" onclick={other_citizen}>
                            { "Se vuoi aprire la medesima richiesta per un altro utente clicca qui" }
                        </button>
                    </li>
                </ul>
            }
            <Link<Route> to={Route::Home} classes="btn btn-primary mt-3">{ "Torna alla Home" }</Link<Route>>
        </>
    }
}
