//! *Compilazione*: motive, practice reference (checked as soon as it is filled), topic, text
//! and notes.

use types::practices::PracticeVerifyRequest;
use types::requests::{NOTES_MAX_CHARS, TEXT_MAX_CHARS};
use types::{Motive, PracticeKind, RequestKind};
use yew::prelude::*;

use super::state::{Action, PracticeCheck, Step, Wizard};
use super::{on_behalf_of, StepProps, WizardHandle};
use crate::api;
use crate::components::{
    enum_options, focus, AttachmentPicker, ErrorAlert, Notice, SelectField, TextArea, TextField,
    TopicPicker,
};
use crate::hooks::use_session;

const CRIC_WARNING: &str = "La presente istanza sarà indirizzata alla Sede Regionale INPS e \
                            pertanto, al fine di trovare adeguato riscontro, può essere riferita \
                            solo a chiarimenti generici o normativi.";

/// Checks the practice reference against the chosen citizen, when both are known.
fn verify(w: &WizardHandle, state: &Wizard) {
    let (Some(practice), Some(citizen)) = (state.practice_ref(), state.citizen.as_ref()) else {
        return;
    };
    let request = PracticeVerifyRequest {
        citizen_id: citizen.id,
        kind: practice.kind,
        number: practice.number.clone(),
    };
    w.dispatch(Action::PracticeChecking);
    let w = w.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = api::verify_practice(&request).await.map(|v| v.role);
        w.dispatch(Action::PracticeChecked {
            kind: practice.kind,
            number: practice.number,
            result,
        });
    });
}

#[component]
pub fn ComposeStep(props: &StepProps) -> Html {
    let w = props.wizard.clone();
    let session = use_session();
    let refs: [(&'static str, NodeRef); 6] = [
        ("motive", use_node_ref()),
        ("practice_kind", use_node_ref()),
        ("practice_number", use_node_ref()),
        ("topic", use_node_ref()),
        ("text", use_node_ref()),
        ("notes", use_node_ref()),
    ];
    let node = |key: &str| {
        refs.iter()
            .find(|(k, _)| *k == key)
            .map(|(_, r)| r.clone())
            .unwrap_or_default()
    };
    let error = |key: &str| w.errors.get(key).cloned().map(AttrValue::from);

    // A reference kind chosen after the number was typed is checked at once too.
    {
        let w = w.clone();
        use_effect_with(w.draft.practice_kind, move |_| {
            if w.practice == PracticeCheck::Unchecked {
                verify(&w, &w);
            }
        });
    }

    let on_motive = |motive: Motive| {
        let w = w.clone();
        Callback::from(move |_: Event| w.dispatch(Action::Motive(motive)))
    };
    let on_practice_kind = {
        let w = w.clone();
        Callback::from(move |v: String| w.dispatch(Action::PracticeKind(v.parse().ok())))
    };
    let on_practice_number = {
        let w = w.clone();
        Callback::from(move |v: String| w.dispatch(Action::PracticeNumber(v)))
    };
    // "Change" fires when the field is left after editing: the reference is then complete.
    let on_practice_done = {
        let w = w.clone();
        Callback::from(move |_: String| verify(&w, &w))
    };
    let on_topic = {
        let w = w.clone();
        Callback::from(move |t| w.dispatch(Action::Topic(t)))
    };
    let on_text = {
        let w = w.clone();
        Callback::from(move |v: String| w.dispatch(Action::Text(v)))
    };
    let on_notes = {
        let w = w.clone();
        Callback::from(move |v: String| w.dispatch(Action::Notes(v)))
    };
    let on_attachments = {
        let w = w.clone();
        Callback::from(move |list| w.dispatch(Action::Attachments(list)))
    };
    let back = {
        let w = w.clone();
        Callback::from(move |_: MouseEvent| w.dispatch(Action::Go(Step::Citizen)))
    };
    let proceed = {
        let w = w.clone();
        let refs = refs.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let errors = w.compose_errors();
            if let Some(first) = refs.iter().find(|(k, _)| errors.contains_key(k)) {
                focus(&first.1);
                w.dispatch(Action::Invalid(errors));
            } else if w.practice == PracticeCheck::Checking {
                // The check answers in a moment; the operator presses again then.
            } else {
                w.dispatch(Action::Go(Step::Review));
            }
        })
    };

    let motives: Vec<Motive> = Motive::ALL
        .iter()
        .copied()
        .filter(|m| m.allowed_for(w.kind))
        .collect();
    let needs_practice = w.draft.motive.is_some_and(|m| m.requires_practice());
    let referent_name = session.me().map(|m| m.full_name.clone());
    let practice_status = match &w.practice {
        PracticeCheck::Checking => "Verifica del riferimento in corso…".to_owned(),
        PracticeCheck::Valid(role) => {
            format!(
                "Riferimento verificato: il cittadino risulta {}.",
                role.label_it()
            )
        }
        _ => String::new(),
    };
    html! {
        <form novalidate=true onsubmit={proceed}>
            { on_behalf_of(&w, referent_name) }
            if let Some(message) = w.alert.clone() { <ErrorAlert message={message} /> }
            <fieldset ref={node("motive")} tabindex="-1" class="mb-4" aria-describedby="motive-error">
                <legend class="h5">{ "Per quale motivo vuoi contattare INPS?" }</legend>
                { for motives.into_iter().map(|m| {
                    let id = format!("motive-{}", m.as_str());
                    html! {
                        <div class="form-check">
                            <input type="radio" name="motive" id={id.clone()} checked={w.draft.motive == Some(m)} onchange={on_motive(m)} />
                            <label for={id}>{ m.label_it() }</label>
                        </div>
                    }
                }) }
                <div id="motive-error" class="invalid-feedback d-block" aria-live="polite">{ error("motive").unwrap_or_default() }</div>
            </fieldset>
            if needs_practice {
                <fieldset class="mb-4">
                    <legend class="h5">{ "Inserisci il riferimento della pratica" }</legend>
                    <div class="row">
                        <div class="col-md-5">
                            <SelectField
                                id="practice-kind"
                                label="Tipo di riferimento"
                                options={enum_options("Seleziona il tipo", PracticeKind::ALL, |k| k.as_str(), |k| k.label_it())}
                                value={w.draft.practice_kind.map(|k| k.as_str()).unwrap_or_default()}
                                onchange={on_practice_kind}
                                error={error("practice_kind")}
                                node_ref={node("practice_kind")}
                                required=true
                            />
                        </div>
                        <div class="col-md-7">
                            <TextField
                                id="practice-number"
                                label={w.draft.practice_kind.map(|k| k.label_it()).unwrap_or("Numero")}
                                value={w.draft.practice_number.clone()}
                                oninput={on_practice_number}
                                onchange={on_practice_done}
                                error={error("practice_number")}
                                node_ref={node("practice_number")}
                                required=true
                                autocomplete="off"
                            />
                        </div>
                    </div>
                    <p class="small text-success" role="status">{ practice_status }</p>
                </fieldset>
            }
            <TopicPicker kind={w.kind} selected={w.draft.topic.clone()} on_select={on_topic} error={error("topic")} node_ref={node("topic")} />
            <TextArea
                id="text"
                label="Testo della richiesta"
                hint="Inserisci un breve testo che descriva la tua richiesta"
                placeholder="Scrivi qui il testo della tua richiesta"
                value={w.draft.text.clone()}
                oninput={on_text}
                max_chars={TEXT_MAX_CHARS as usize}
                error={error("text")}
                node_ref={node("text")}
                required=true
            />
            <TextArea
                id="notes"
                label="Inserisci ulteriori note (facoltativo)"
                placeholder="Scrivi qui eventuali note relative alla tua richiesta"
                value={w.draft.notes.clone()}
                oninput={on_notes}
                max_chars={NOTES_MAX_CHARS as usize}
                error={error("notes")}
                node_ref={node("notes")}
                rows={4}
            />
            <AttachmentPicker id="attachments" attachments={w.attachments.clone()} on_change={on_attachments} />
            if w.kind == RequestKind::Regional {
                <Notice title="Attenzione" kind="warning"><p class="mb-0">{ CRIC_WARNING }</p></Notice>
            }
            <div class="d-flex flex-wrap gap-2 mt-4">
                if w.kind == RequestKind::Citizen {
                    <button type="button" class="btn btn-outline-primary" onclick={back}>{ "Indietro" }</button>
                }
                <button type="submit" class="btn btn-primary">{ "Prosegui" }</button>
            </div>
        </form>
    }
}
