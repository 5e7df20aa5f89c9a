//! Page heading that also names the page for assistive technology.

use std::cell::Cell;

use yew::prelude::*;

const PRODUCT: &str = "Scrivi alla sede";

thread_local! {
    /// True until the first page heading has been shown.
    static FIRST_PAGE: Cell<bool> = const { Cell::new(true) };
}

#[derive(Properties, PartialEq)]
pub struct PageHeadingProps {
    pub title: AttrValue,
}

/// The `<h1>` of a page. It sets the document title and, after a navigation inside the app,
/// moves keyboard focus to itself so screen readers announce the new page (on the very first
/// page the browser's own focus handling is left alone).
#[component]
pub fn PageHeading(props: &PageHeadingProps) -> Html {
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(props.title.clone(), move |title| {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(&format!("{title} — {PRODUCT}"));
            }
            let first = FIRST_PAGE.with(|first| first.replace(false));
            if !first {
                if let Some(h1) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = h1.focus();
                }
            }
        });
    }
    html! {
        <h1 ref={heading} tabindex="-1" class="page-heading mb-4">{ props.title.clone() }</h1>
    }
}
