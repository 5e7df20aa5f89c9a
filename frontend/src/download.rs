//! Files the API serves behind the bearer token (the printable summary, calendar events): the
//! page fetches them, then hands them to the browser as a download.

use wasm_bindgen::JsCast;

/// Offers `bytes` as the file `name`; `false` if the browser refused.
pub fn save(bytes: &[u8], content_type: &str, name: &str) -> bool {
    save_file(bytes, content_type, name).is_some()
}

fn save_file(bytes: &[u8], content_type: &str, name: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(content_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let link = document
        .create_element("a")
        .ok()?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Released once the browser has had time to take the file.
    wasm_bindgen_futures::spawn_local(async move {
        yew::platform::time::sleep(std::time::Duration::from_secs(60)).await;
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Some(())
}
