//! Page footer.

use yew::prelude::*;

/// Small footer with the owner of the service.
#[component]
pub fn Footer() -> Html {
    html! {
        <footer class="it-footer mt-auto d-print-none">
            <div class="it-footer-small-prints clearfix">
                <div class="container">
                    <p class="it-footer-small-prints-list list-inline mb-0 py-3 text-white">
                        { "INPS — Istituto Nazionale della Previdenza Sociale · Scrivi alla sede" }
                    </p>
                </div>
            </div>
        </footer>
    }
}
