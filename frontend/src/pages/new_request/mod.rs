//! *Nuova richiesta*: the wizard Individuazione cittadino → Compilazione → Riepilogo e inoltro
//! → Conferma (a referent's regional request starts at Compilazione).

mod citizen;
mod compose;
mod done;
mod review;
pub mod state;

use types::RequestKind;
use yew::prelude::*;

use crate::components::{focus, PageHeading, Stepper};
use crate::hooks::use_session;
use state::{Step, Wizard};

pub type WizardHandle = UseReducerHandle<Wizard>;

#[derive(Properties, PartialEq)]
pub struct StepProps {
    pub wizard: WizardHandle,
}

fn step_label(step: Step) -> &'static str {
    match step {
        Step::Citizen => "Individuazione cittadino",
        Step::Compose => "Compilazione",
        Step::Review => "Riepilogo e inoltro",
        Step::Done => "Conferma",
    }
}

/// The wizard page.
#[component]
pub fn NewRequest() -> Html {
    let session = use_session();
    let kind = if session.is_referent() {
        RequestKind::Regional
    } else {
        RequestKind::Citizen
    };
    let wizard = use_reducer(move || Wizard::new(kind));
    let heading = use_node_ref();
    // Each step's heading receives focus so screen readers announce where the user is.
    {
        let heading = heading.clone();
        use_effect_with(wizard.step, move |_| focus(&heading));
    }
    let steps = wizard.steps();
    let current = steps.iter().position(|s| *s == wizard.step).unwrap_or(0);
    let body = match wizard.step {
        Step::Citizen => html! { <citizen::CitizenStep wizard={wizard.clone()} /> },
        Step::Compose => html! { <compose::ComposeStep wizard={wizard.clone()} /> },
        Step::Review => html! { <review::ReviewStep wizard={wizard.clone()} /> },
        Step::Done => html! { <done::DoneStep wizard={wizard.clone()} /> },
    };
    html! {
        <>
            <PageHeading title="Nuova richiesta" />
            <Stepper steps={steps.iter().map(|s| step_label(*s)).collect::<Vec<_>>()} current={current} />
            <h2 ref={heading} tabindex="-1" class="h3 step-heading mb-4">{ step_label(wizard.step) }</h2>
            { body }
        </>
    }
}

/// *Per conto di:* the citizen, or the referent for a regional request.
pub fn on_behalf_of(wizard: &Wizard, referent_name: Option<String>) -> Html {
    let who = match (&wizard.citizen, referent_name) {
        (Some(c), _) => format!("{} {}", c.name, c.surname),
        (None, Some(name)) => format!("Ref. {name}"),
        (None, None) => String::new(),
    };
    html! { <p class="lead">{ "Per conto di: " }<strong>{ who }</strong></p> }
}
