//! "Informativa sul servizio": what the service is and how personal data is handled.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::PageHeading;

/// Service notice shown before signing in.
#[component]
pub fn Informativa() -> Html {
    let navigator = use_navigator();

    let on_continue = {
        let navigator = navigator.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(navigator) = &navigator {
                navigator.push(&Route::Login);
            }
        })
    };
    let on_back = Callback::from(move |_: MouseEvent| {
        if let Some(navigator) = &navigator {
            navigator.back();
        }
    });

    html! {
        <div class="row">
            <div class="col-12 col-lg-9">
                <PageHeading title="Informativa sul servizio" />
                <p class="lead">
                    { "Scrivi alla sede è il canale di comunicazione bidirezionale tra gli Istituti di \
                       Patronato e le sedi INPS." }
                </p>
                <p>
                    { "Gli operatori di Patronato lo usano per inviare alla sede INPS competente \
                       richieste di informazioni e di chiarimento sulle pratiche dei cittadini che \
                       assistono; i funzionari INPS rispondono attraverso lo stesso canale. Ogni \
                       comunicazione resta registrata ed è consultabile da entrambe le parti." }
                </p>
                <h2 class="h4 mt-4">{ "Trattamento dei dati personali" }</h2>
                <p>
                    { "Le comunicazioni contengono dati personali dei cittadini, che possono \
                       riguardare anche categorie particolari di dati (ad esempio dati relativi alla \
                       salute). Puoi inserire e consultare i dati di un cittadino solo se il \
                       Patronato ha ricevuto dal cittadino il mandato di assistenza (delega) per la \
                       pratica oggetto della comunicazione." }
                </p>
                <p>
                    { "INPS e il Patronato trattano i dati, ciascuno per quanto di competenza, al \
                       solo fine di gestire la pratica, nel rispetto del Regolamento (UE) 2016/679 \
                       (GDPR) e del decreto legislativo 196/2003. Gli accessi e le operazioni \
                       effettuate nel servizio sono registrati." }
                </p>
                <p>
                    { "Selezionando «Continua» dichiari di aver letto questa informativa." }
                </p>
                <div class="d-flex flex-wrap gap-3 mt-4">
                    <button type="button" class="btn btn-outline-primary" onclick={on_back}>
                        { "Indietro" }
                    </button>
                    <button type="button" class="btn btn-primary" onclick={on_continue}>
                        { "Continua" }
                    </button>
                </div>
            </div>
        </div>
    }
}
