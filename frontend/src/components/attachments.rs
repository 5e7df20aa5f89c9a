//! Attachments of a message being written (*Allegati*): files checked by type, size and count
//! before they are sent (the same rules the server applies), uploaded one by one with a progress
//! bar, removable with a confirmation (*Rimuovi allegato*); and the links that download the
//! attachments of a sent message.

use domain::attachments::{check_size, Format, Refusal, MAX_PER_MESSAGE};
use types::attachments::AttachmentDto;
use yew::prelude::*;

use super::Modal;
use crate::api;

/// `.gif,.jpg,…`: what the file chooser offers.
fn accepted_extensions() -> String {
    Format::ALL
        .iter()
        .flat_map(|f| f.extensions().iter())
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(",")
}

/// The checks a file passes before it is sent: a type we accept, not empty, not too large, and
/// room left on the message.
fn precheck(file: &web_sys::File, attached: usize) -> Result<(), Refusal> {
    if attached >= MAX_PER_MESSAGE {
        return Err(Refusal::TooMany);
    }
    Format::from_name(&file.name()).ok_or(Refusal::FormatNotAllowed)?;
    check_size(file.size() as u64)
}

/// "48 KB", "1,2 MB".
pub fn size_label(bytes: i64) -> String {
    let bytes = bytes as f64;
    if bytes >= 1024.0 * 1024.0 {
        format!("{:.1} MB", bytes / (1024.0 * 1024.0)).replace('.', ",")
    } else {
        format!("{} KB", (bytes / 1024.0).ceil() as i64)
    }
}

/// An upload under way.
#[derive(Clone, PartialEq)]
struct Sending {
    name: String,
    percent: u32,
}

#[derive(Properties, PartialEq)]
pub struct AttachmentPickerProps {
    /// Field id (the label points at it).
    pub id: AttrValue,
    /// The drafts uploaded so far, in order.
    pub attachments: Vec<AttachmentDto>,
    /// Called with the new list after an upload or a removal.
    pub on_change: Callback<Vec<AttachmentDto>>,
}

/// The file chooser, the uploads in progress and the uploaded drafts.
#[component]
pub fn AttachmentPicker(props: &AttachmentPickerProps) -> Html {
    let sending = use_state(|| None::<Sending>);
    let errors = use_state(Vec::<String>::new);
    let removing = use_state(|| None::<AttachmentDto>);
    let input = use_node_ref();
    // The list as uploads finish one after the other, ahead of the parent's next render.
    let latest = use_mut_ref(Vec::<AttachmentDto>::new);
    *latest.borrow_mut() = props.attachments.clone();

    let on_files = {
        let sending = sending.clone();
        let errors = errors.clone();
        let latest = latest.clone();
        let on_change = props.on_change.clone();
        let input = input.clone();
        Callback::from(move |_: Event| {
            let Some(element) = input.cast::<web_sys::HtmlInputElement>() else {
                return;
            };
            let files: Vec<web_sys::File> = element
                .files()
                .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
                .unwrap_or_default();
            element.set_value("");
            let (sending, errors, latest, on_change) = (
                sending.clone(),
                errors.clone(),
                latest.clone(),
                on_change.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let mut problems = Vec::new();
                for file in files {
                    let name = file.name();
                    if let Err(refusal) = precheck(&file, latest.borrow().len()) {
                        problems.push(format!("{name}: {}", refusal.message_it()));
                        continue;
                    }
                    sending.set(Some(Sending {
                        name: name.clone(),
                        percent: 0,
                    }));
                    let progress = {
                        let sending = sending.clone();
                        let name = name.clone();
                        move |sent: f64, total: f64| {
                            let percent = if total > 0.0 {
                                (sent / total * 100.0) as u32
                            } else {
                                0
                            };
                            sending.set(Some(Sending {
                                name: name.clone(),
                                percent: percent.min(100),
                            }));
                        }
                    };
                    match api::upload_attachment(&file, progress).await {
                        Ok(uploaded) => {
                            let mut list = latest.borrow().clone();
                            list.push(uploaded);
                            *latest.borrow_mut() = list.clone();
                            on_change.emit(list);
                        }
                        Err(error) => problems.push(format!("{name}: {}", error.message())),
                    }
                }
                sending.set(None);
                errors.set(problems);
            });
        })
    };

    let confirm_removal = {
        let removing = removing.clone();
        let errors = errors.clone();
        let on_change = props.on_change.clone();
        let attachments = props.attachments.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(target) = (*removing).clone() else {
                return;
            };
            let (removing, errors, on_change, attachments) = (
                removing.clone(),
                errors.clone(),
                on_change.clone(),
                attachments.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::delete_attachment(target.id).await {
                    Ok(()) => {
                        on_change.emit(
                            attachments
                                .into_iter()
                                .filter(|a| a.id != target.id)
                                .collect(),
                        );
                        errors.set(Vec::new());
                    }
                    Err(error) => {
                        errors.set(vec![format!("{}: {}", target.file_name, error.message())])
                    }
                }
                removing.set(None);
            });
        })
    };
    let close_dialog = {
        let removing = removing.clone();
        Callback::from(move |()| removing.set(None))
    };
    let cancel_removal = {
        let removing = removing.clone();
        Callback::from(move |_: MouseEvent| removing.set(None))
    };
    let hint_id = format!("{}-hint", props.id);
    let full = props.attachments.len() >= MAX_PER_MESSAGE;

    html! {
        <div class="mb-4">
            <label for={props.id.clone()} class="form-label fw-semibold">{ "Allegati (facoltativo)" }</label>
            <input
                ref={input}
                id={props.id.clone()}
                type="file"
                class="form-control"
                multiple=true
                accept={accepted_extensions()}
                aria-describedby={hint_id.clone()}
                disabled={sending.is_some() || full}
                onchange={on_files}
            />
            <p id={hint_id} class="small text-muted mt-1">
                { format!(
                    "Formati ammessi: {}; al massimo {} MB per file e {} file per messaggio.",
                    domain::attachments::ACCEPTED,
                    domain::attachments::MAX_BYTES / (1024 * 1024),
                    MAX_PER_MESSAGE
                ) }
            </p>
            <div aria-live="polite">
                if let Some(upload) = (*sending).clone() {
                    <p class="small mb-1">{ format!("Caricamento di {}: {}%", upload.name, upload.percent) }</p>
                    // A native progress bar: the page's CSP allows no inline style to size a div.
                    <progress class="w-100" max="100" value={upload.percent.to_string()}
                        aria-label={format!("Caricamento di {}", upload.name)}>
                        { format!("{}%", upload.percent) }
                    </progress>
                }
            </div>
            <div aria-live="assertive">
                { for errors.iter().map(|e| html! { <div class="alert alert-danger py-2 mt-2" role="alert">{ e.clone() }</div> }) }
            </div>
            if !props.attachments.is_empty() {
                <ul class="list-group mt-2" aria-label="File allegati">
                    { for props.attachments.iter().map(|a| {
                        let removing = removing.clone();
                        let target = a.clone();
                        let remove = Callback::from(move |_: MouseEvent| removing.set(Some(target.clone())));
                        html! {
                            <li class="list-group-item d-flex justify-content-between align-items-center">
                                <span>{ a.file_name.clone() }<span class="text-muted small ms-2">{ size_label(a.size_bytes) }</span></span>
                                <button type="button" class="btn btn-outline-danger btn-sm" onclick={remove}
                                    aria-label={format!("Rimuovi {}", a.file_name)}>{ "Rimuovi" }</button>
                            </li>
                        }
                    }) }
                </ul>
            }
            if let Some(target) = (*removing).clone() {
                <Modal id="remove-attachment" title="Rimuovi allegato" on_close={close_dialog}
                    footer={html! {
                        <>
                            <button type="button" class="btn btn-outline-primary" onclick={cancel_removal}>{ "Annulla" }</button>
                            <button type="button" class="btn btn-danger" onclick={confirm_removal}>{ "Rimuovi" }</button>
                        </>
                    }}>
                    <p>{ format!("Vuoi rimuovere l'allegato {}?", target.file_name) }</p>
                </Modal>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AttachmentLinksProps {
    /// The attachments of a sent message.
    pub attachments: Vec<AttachmentDto>,
}

/// The attachments of a sent message, each a button that downloads it.
#[component]
pub fn AttachmentLinks(props: &AttachmentLinksProps) -> Html {
    let error = use_state(|| None::<String>);
    if props.attachments.is_empty() {
        return html! {};
    }
    html! {
        <div class="mt-2">
            <ul class="list-unstyled mb-0" aria-label="Allegati">
                { for props.attachments.iter().map(|a| {
                    let attachment = a.clone();
                    let error = error.clone();
                    let download = Callback::from(move |_: MouseEvent| {
                        let (attachment, error) = (attachment.clone(), error.clone());
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Err(e) = api::download_attachment(&attachment).await {
                                error.set(Some(e.message()));
                            }
                        });
                    });
                    html! {
                        <li>
                            <button type="button" class="btn btn-link p-0" onclick={download}>
                                { a.file_name.clone() }
                            </button>
                            <span class="text-muted small ms-2">{ size_label(a.size_bytes) }</span>
                        </li>
                    }
                }) }
            </ul>
            if let Some(message) = (*error).clone() {
                <div class="alert alert-danger py-2 mt-2" role="alert">{ message }</div>
            }
        </div>
    }
}
