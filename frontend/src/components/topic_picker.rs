//! Topic by keyword (*Scegli l'argomento della tua richiesta*): the operator types a word and
//! picks one of the matches.

use types::requests::TopicRef;
use types::topics::TopicDto;
use types::RequestKind;
use yew::prelude::*;

use crate::api;
use crate::components::TextField;
use crate::hooks::{use_load, Load};

#[derive(Properties, PartialEq)]
pub struct TopicPickerProps {
    pub kind: RequestKind,
    pub selected: Option<TopicRef>,
    pub on_select: Callback<Option<TopicRef>>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub node_ref: NodeRef,
}

/// Keyword field and the matching topics as radio buttons.
#[component]
pub fn TopicPicker(props: &TopicPickerProps) -> Html {
    let keyword = use_state(String::new);
    let kind = props.kind;
    let (matches, _) = use_load((kind, (*keyword).clone()), move |(kind, q)| async move {
        if q.trim().chars().count() < 2 {
            return Ok(Vec::new());
        }
        api::topics(kind, &q, 20).await.map(|page| page.items)
    });
    let on_keyword = {
        let keyword = keyword.clone();
        Callback::from(move |value: String| keyword.set(value))
    };
    let searching = keyword.trim().chars().count() >= 2;
    let status = match (&matches, searching) {
        (_, false) => String::new(),
        (Load::Loading, true) => "Ricerca in corso…".to_owned(),
        (Load::Ready(items), true) if items.is_empty() => {
            "Nessun argomento corrisponde alla parola chiave.".to_owned()
        }
        (Load::Ready(items), true) => format!("{} argomenti trovati.", items.len()),
        (Load::Failed(err), true) => err.message(),
    };
    let items: Vec<TopicDto> = matches
        .ready()
        .map(|items| items.as_ref().clone())
        .unwrap_or_default();
    html! {
        <fieldset class="mb-4">
            <legend class="h5">{ "Scegli l'argomento della tua richiesta" }</legend>
            if let Some(topic) = &props.selected {
                <p class="mb-4">
                    <span class="fw-semibold">{ "Argomento selezionato: " }</span>
                    <span class="chip chip-primary chip-lg"><span class="chip-label">{ topic.label.clone() }</span></span>
                </p>
            }
            <TextField
                id="topic-keyword"
                label="Parola chiave"
                hint="Inserisci una parola chiave e seleziona l'opzione più appropriata"
                value={(*keyword).clone()}
                oninput={on_keyword}
                error={props.error.clone()}
                node_ref={props.node_ref.clone()}
                autocomplete="off"
            />
            <p class="small" role="status">{ status }</p>
            if !items.is_empty() {
                <div class="topic-matches mb-4">
                    { for items.into_iter().map(|topic| {
                        let id = format!("topic-{}", topic.id);
                        let checked = props.selected.as_ref().is_some_and(|s| s.id == topic.id);
                        let onchange = {
                            let on_select = props.on_select.clone();
                            let chosen = TopicRef { id: topic.id, label: topic.label.clone() };
                            Callback::from(move |_: Event| on_select.emit(Some(chosen.clone())))
                        };
                        html! {
                            <div class="form-check" key={topic.id.0}>
                                <input type="radio" name="topic" id={id.clone()} {checked} {onchange} />
                                <label for={id}>{ topic.label.clone() }</label>
                            </div>
                        }
                    }) }
                </div>
            }
        </fieldset>
    }
}
