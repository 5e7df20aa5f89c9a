//! Form fields in Bootstrap Italia markup: label, hint, and the error next to the field,
//! announced when it appears.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The ids an input is described by: its hint and its error.
fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn feedback(id: &str, error: &Option<AttrValue>) -> Html {
    // Always present, so screen readers announce a message when it is filled in.
    html! {
        <div id={format!("{id}-error")} class="invalid-feedback d-block" aria-live="polite">
            { error.clone().unwrap_or_default() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    /// Called when the field loses focus after a change.
    #[prop_or_default]
    pub onchange: Option<Callback<String>>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub inputmode: Option<AttrValue>,
    #[prop_or_default]
    pub uppercase: bool,
    #[prop_or_default]
    pub node_ref: NodeRef,
    #[prop_or_default]
    pub class: Classes,
}

/// A labelled `<input>`.
#[component]
pub fn TextField(props: &TextFieldProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onchange = props.onchange.clone().map(|cb| {
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    });
    let id = props.id.to_string();
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("form-group", props.class.clone())}>
            <label for={id.clone()} class="active">
                { props.label.clone() }
            </label>
            <input
                ref={props.node_ref.clone()}
                type={props.input_type.clone()}
                id={id.clone()}
                class={classes!("form-control", invalid.then_some("is-invalid"), props.uppercase.then_some("text-uppercase"))}
                value={props.value.clone()}
                required={props.required}
                autocomplete={props.autocomplete.clone()}
                inputmode={props.inputmode.clone()}
                spellcheck={props.uppercase.then_some("false")}
                aria-invalid={invalid.to_string()}
                aria-describedby={described_by(&id, props.hint.is_some(), invalid)}
                {oninput}
                {onchange}
            />
            if let Some(hint) = props.hint.clone() {
                <small id={format!("{id}-hint")} class="form-text">{ hint }</small>
            }
            { feedback(&id, &props.error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextAreaProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub oninput: Callback<String>,
    /// Longest text accepted, in characters: shown as a counter.
    pub max_chars: usize,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or(6)]
    pub rows: u32,
    #[prop_or_default]
    pub node_ref: NodeRef,
}

/// A labelled `<textarea>` with a character counter.
#[component]
pub fn TextArea(props: &TextAreaProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let id = props.id.to_string();
    let used = props.value.chars().count();
    let over = used > props.max_chars;
    let invalid = props.error.is_some() || over;
    let error = props.error.clone().or_else(|| {
        over.then(|| {
            AttrValue::from(format!(
                "Il testo supera il limite di {} caratteri.",
                props.max_chars
            ))
        })
    });
    let mut describedby = format!("{id}-counter");
    if props.hint.is_some() {
        describedby.push_str(&format!(" {id}-hint"));
    }
    if invalid {
        describedby.push_str(&format!(" {id}-error"));
    }
    html! {
        <div class="form-group">
            <label for={id.clone()} class="active">
                { props.label.clone() }
            </label>
            if let Some(hint) = props.hint.clone() {
                <small id={format!("{id}-hint")} class="form-text d-block mb-2">{ hint }</small>
            }
            <textarea
                ref={props.node_ref.clone()}
                id={id.clone()}
                class={classes!("form-control", invalid.then_some("is-invalid"))}
                rows={props.rows.to_string()}
                placeholder={props.placeholder.clone()}
                required={props.required}
                value={props.value.clone()}
                aria-invalid={invalid.to_string()}
                aria-describedby={describedby}
                {oninput}
            />
            <small id={format!("{id}-counter")} class={classes!("form-text", "d-block", "text-end", over.then_some("text-danger"))}>
                { format!("{used}/{} caratteri", props.max_chars) }
            </small>
            { feedback(&id, &error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// (value, label) pairs; the first may be an empty "choose" entry.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub node_ref: NodeRef,
    #[prop_or_default]
    pub class: Classes,
}

/// A labelled `<select>`.
#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let id = props.id.to_string();
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("select-wrapper", "mb-4", props.class.clone())}>
            <label for={id.clone()}>
                { props.label.clone() }
            </label>
            <select
                ref={props.node_ref.clone()}
                id={id.clone()}
                class={classes!(invalid.then_some("is-invalid"))}
                required={props.required}
                disabled={props.disabled}
                aria-invalid={invalid.to_string()}
                aria-describedby={described_by(&id, false, invalid)}
                {onchange}
            >
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={*value == props.value}>{ label.clone() }</option>
                }) }
            </select>
            { feedback(&id, &props.error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckboxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub onchange: Callback<bool>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub node_ref: NodeRef,
}

/// A labelled checkbox.
#[component]
pub fn Checkbox(props: &CheckboxProps) -> Html {
    let onchange = {
        let cb = props.onchange.clone();
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let id = props.id.to_string();
    let invalid = props.error.is_some();
    html! {
        <div class="form-check mb-3">
            <input
                ref={props.node_ref.clone()}
                id={id.clone()}
                type="checkbox"
                checked={props.checked}
                aria-invalid={invalid.to_string()}
                aria-describedby={described_by(&id, false, invalid)}
                {onchange}
            />
            <label for={id.clone()}>{ props.label.clone() }</label>
            { feedback(&id, &props.error) }
        </div>
    }
}

/// Options of a code enum for a `<select>`, after an empty "choose" entry.
pub fn enum_options<E: Copy>(
    placeholder: &'static str,
    all: &[E],
    code: impl Fn(E) -> &'static str,
    label: impl Fn(E) -> &'static str,
) -> Vec<(AttrValue, AttrValue)> {
    std::iter::once((AttrValue::Static(""), AttrValue::Static(placeholder)))
        .chain(
            all.iter()
                .map(|&e| (AttrValue::Static(code(e)), AttrValue::Static(label(e)))),
        )
        .collect()
}

/// Moves keyboard focus to an element, if it is mounted.
pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
