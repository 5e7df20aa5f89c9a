//! Pieces of the summary screens: a labelled value of a `<dl class="row summary-list">`, and the
//! arrow that opens a detail from a table row.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

/// One term and its value in a summary list, three to a row on wide screens.
pub fn field(term: &'static str, value: impl Into<Html>) -> Html {
    html! {
        <div class="col-sm-6 col-lg-4">
            <dt>{ term }</dt>
            <dd>{ value.into() }</dd>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailLinkProps {
    pub to: Route,
    /// What it opens, for assistive technology (the arrow alone says nothing).
    pub label: AttrValue,
}

/// The arrow button at the end of a table row.
#[component]
pub fn DetailLink(props: &DetailLinkProps) -> Html {
    html! {
        <Link<Route> to={props.to.clone()} classes="btn btn-sm btn-outline-primary btn-icon">
            <svg class="icon icon-sm icon-primary" aria-hidden="true" focusable="false">
                <use href="/bootstrap-italia/svg/sprites.svg#it-arrow-right"></use>
            </svg>
            <span class="visually-hidden">{ props.label.clone() }</span>
        </Link<Route>>
    }
}
