//! Every topic of a request kind in a `<select>`, for search criteria and statistics.

use types::ids::TopicId;
use types::RequestKind;
use yew::prelude::*;

use crate::api;
use crate::components::SelectField;
use crate::hooks::use_load;

#[derive(Properties, PartialEq)]
pub struct TopicSelectProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub kind: RequestKind,
    pub value: Option<TopicId>,
    pub onchange: Callback<Option<TopicId>>,
    /// Label of the empty choice.
    #[prop_or(AttrValue::Static("Seleziona l'argomento"))]
    pub empty: AttrValue,
}

/// A select of all topics.
#[component]
pub fn TopicSelect(props: &TopicSelectProps) -> Html {
    let (topics, _) = use_load(props.kind, |kind| async move {
        api::topics(kind, "", 200).await.map(|p| p.items)
    });
    let mut options = vec![(AttrValue::Static(""), props.empty.clone())];
    if let Some(items) = topics.ready() {
        options.extend(items.iter().map(|t| {
            (
                AttrValue::from(t.id.to_string()),
                AttrValue::from(t.label.clone()),
            )
        }));
    }
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |v: String| cb.emit(v.parse().ok().map(TopicId)))
    };
    html! {
        <SelectField
            id={props.id.clone()}
            label={props.label.clone()}
            options={options}
            value={props.value.map(|t| AttrValue::from(t.to_string())).unwrap_or_default()}
            {onchange}
        />
    }
}
