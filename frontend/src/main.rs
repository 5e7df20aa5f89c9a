//! Scrivi alla sede: the single-page application used by Patronato operators and INPS staff.
//!
//! Built for `wasm32-unknown-unknown` by `scripts/build-frontend.sh`; served by the API server.

mod api;
mod app;
mod components;
mod format;
mod hooks;
mod pages;

use app::App;

fn main() {
    // Mount on <div id="app"> so the static parts of index.html (noscript) stay untouched;
    // fall back to <body> if the page was served without it.
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
