//! Accessible error message.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorAlertProps {
    pub message: AttrValue,
}

/// A danger alert announced by screen readers as soon as it appears (`role="alert"`).
///
/// To announce the same message twice, remove the alert and render it again.
#[component]
pub fn ErrorAlert(props: &ErrorAlertProps) -> Html {
    html! {
        <div class="alert alert-danger" role="alert">
            { props.message.clone() }
        </div>
    }
}
