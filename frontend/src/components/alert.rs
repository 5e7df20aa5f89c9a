//! Alerts and notices.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorAlertProps {
    pub message: AttrValue,
    #[prop_or(AttrValue::Static("Attenzione"))]
    pub title: AttrValue,
}

/// A danger alert announced by screen readers as soon as it appears (`role="alert"`).
#[component]
pub fn ErrorAlert(props: &ErrorAlertProps) -> Html {
    html! {
        <div class="alert alert-danger" role="alert">
            <strong>{ props.title.clone() }{ ": " }</strong>{ props.message.clone() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub title: AttrValue,
    #[prop_or_default]
    pub children: Html,
    /// `info`, `warning`, `success`, `danger`.
    #[prop_or(AttrValue::Static("info"))]
    pub kind: AttrValue,
}

/// A callout with a title (*Avviso*, *Attenzione*).
#[component]
pub fn Notice(props: &NoticeProps) -> Html {
    let icon = match props.kind.as_str() {
        "warning" | "danger" => "it-warning-circle",
        "success" => "it-check-circle",
        _ => "it-info-circle",
    };
    html! {
        <div class={classes!("callout", props.kind.to_string(), "mb-4")}>
            <div class="callout-title">
                <svg class="icon" aria-hidden="true" focusable="false">
                    <use href={format!("/bootstrap-italia/svg/sprites.svg#{icon}")}></use>
                </svg>
                <span>{ props.title.clone() }</span>
            </div>
            <div>{ props.children.clone() }</div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct StatusProps {
    pub message: AttrValue,
}

/// A polite status message (loading, results found).
#[component]
pub fn Status(props: &StatusProps) -> Html {
    html! { <p role="status" class="my-3">{ props.message.clone() }</p> }
}
