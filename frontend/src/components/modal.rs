//! Modal dialog: focus moves into it when it opens, stays inside while it is open (Tab and
//! Shift+Tab wrap), Escape closes it, and focus returns to where it was when it closes.

use wasm_bindgen::JsCast;
use yew::prelude::*;

const FOCUSABLE: &str =
    "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

#[derive(Properties, PartialEq)]
pub struct ModalProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub on_close: Callback<()>,
    #[prop_or_default]
    pub children: Html,
    #[prop_or_default]
    pub footer: Html,
}

fn body() -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.body()
}

/// A Bootstrap Italia modal, shown while mounted.
#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let dialog = use_node_ref();
    let title = use_node_ref();
    {
        let title = title.clone();
        use_effect_with((), move |_| {
            let previous = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(body) = body() {
                let _ = body.class_list().add_1("modal-open");
            }
            if let Some(title) = title.cast::<web_sys::HtmlElement>() {
                let _ = title.focus();
            }
            move || {
                if let Some(body) = body() {
                    let _ = body.class_list().remove_1("modal-open");
                }
                if let Some(previous) = previous {
                    let _ = previous.focus();
                }
            }
        });
    }
    let onkeydown = {
        let on_close = props.on_close.clone();
        let dialog = dialog.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                on_close.emit(());
            }
            "Tab" => trap_tab(&dialog, &e),
            _ => {}
        })
    };
    let title_id = format!("{}-title", props.id);
    html! {
        <>
            <div
                ref={dialog}
                id={props.id.clone()}
                class="modal fade show d-block"
                role="dialog"
                aria-modal="true"
                aria-labelledby={title_id.clone()}
                {onkeydown}
            >
                <div class="modal-dialog modal-dialog-centered modal-dialog-scrollable" role="document">
                    <div class="modal-content">
                        <div class="modal-header">
                            <h2 ref={title} id={title_id} class="modal-title h5" tabindex="-1">
                                { props.title.clone() }
                            </h2>
                        </div>
                        <div class="modal-body">{ props.children.clone() }</div>
                        <div class="modal-footer">{ props.footer.clone() }</div>
                    </div>
                </div>
            </div>
            <div class="modal-backdrop fade show"></div>
        </>
    }
}

fn trap_tab(dialog: &NodeRef, e: &KeyboardEvent) {
    let Some(dialog) = dialog.cast::<web_sys::Element>() else {
        return;
    };
    let Ok(nodes) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let count = nodes.length();
    if count == 0 {
        e.prevent_default();
        return;
    }
    let element = |i: u32| {
        nodes
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let is_active = |el: &Option<web_sys::HtmlElement>| match (el, &active) {
        (Some(el), Some(active)) => {
            let el: &web_sys::Element = el.as_ref();
            el == active
        }
        _ => false,
    };
    // From the title (or anything not tabbable) Tab goes to the first control, Shift+Tab to
    // the last; from either end it wraps.
    let index = (0..count).find(|&i| is_active(&element(i)));
    let target = match (e.shift_key(), index) {
        (true, None | Some(0)) => element(count - 1),
        (false, None) => element(0),
        (false, Some(i)) if i == count - 1 => element(0),
        _ => None,
    };
    if let Some(target) = target {
        e.prevent_default();
        let _ = target.focus();
    }
}
