//! "Accedi": username and password, then the working profile when the user has several.

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use types::auth::TokenRequest;
use types::Profile;

use crate::api::{self, ApiError};
use crate::app::Route;
use crate::components::{ErrorAlert, PageHeading};
use crate::hooks::{take_return_path, use_session};

/// Messages shown next to the fields.
#[derive(Clone, Debug, Default, PartialEq)]
struct FieldErrors {
    username: Option<String>,
    password: Option<String>,
    profile: Option<String>,
}

impl FieldErrors {
    fn is_empty(&self) -> bool {
        self.username.is_none() && self.password.is_none() && self.profile.is_none()
    }

    /// Field errors of a problem document, for the fields of this form.
    fn from_api(err: &ApiError) -> Self {
        let mut errors = FieldErrors::default();
        for (field, message) in err.field_errors() {
            let message = Some(message).filter(|m| !m.is_empty());
            match field.as_str() {
                "username" => errors.username = message,
                "password" => errors.password = message,
                "profile" => errors.profile = message,
                _ => {}
            }
        }
        errors
    }
}

/// Sign-in page.
#[component]
pub fn Login() -> Html {
    let session = use_session();
    let username = use_state(String::new);
    let password = use_state(String::new);
    let show_password = use_state(|| false);
    // Set when the server asked to choose among several profiles.
    let profiles = use_state(|| None::<Vec<Profile>>);
    let chosen = use_state(|| None::<Profile>);
    let field_errors = use_state(FieldErrors::default);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let username_ref = use_node_ref();
    let password_ref = use_node_ref();
    let profiles_ref = use_node_ref();

    // When the profile choice appears, move focus to it so its legend is announced.
    {
        let profiles_ref = profiles_ref.clone();
        use_effect_with(profiles.is_some(), move |shown| {
            if *shown {
                if let Some(fieldset) = profiles_ref.cast::<web_sys::HtmlElement>() {
                    let _ = fieldset.focus();
                }
            }
        });
    }

    let on_username = {
        let username = username.clone();
        let profiles = profiles.clone();
        let chosen = chosen.clone();
        Callback::from(move |e: InputEvent| {
            username.set(e.target_unchecked_into::<HtmlInputElement>().value());
            // Another user may have other profiles: ask the server again.
            profiles.set(None);
            chosen.set(None);
        })
    };
    let on_password = {
        let password = password.clone();
        Callback::from(move |e: InputEvent| {
            password.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_show_password = {
        let show_password = show_password.clone();
        Callback::from(move |e: Event| {
            show_password.set(e.target_unchecked_into::<HtmlInputElement>().checked());
        })
    };

    let onsubmit = {
        let username = username.clone();
        let password = password.clone();
        let profiles = profiles.clone();
        let chosen = chosen.clone();
        let field_errors = field_errors.clone();
        let error = error.clone();
        let busy = busy.clone();
        let username_ref = username_ref.clone();
        let password_ref = password_ref.clone();
        let profiles_ref = profiles_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            let errors = FieldErrors {
                username: username
                    .trim()
                    .is_empty()
                    .then(|| "Inserisci il nome utente.".to_owned()),
                password: password
                    .is_empty()
                    .then(|| "Inserisci la password.".to_owned()),
                profile: (profiles.is_some() && chosen.is_none())
                    .then(|| "Scegli la modalità di lavoro.".to_owned()),
            };
            if !errors.is_empty() {
                focus_first_invalid(&errors, &username_ref, &password_ref, &profiles_ref);
                field_errors.set(errors);
                error.set(None);
                return;
            }
            field_errors.set(FieldErrors::default());
            error.set(None);
            busy.set(true);

            let request = TokenRequest {
                username: username.trim().to_owned(),
                password: (*password).clone(),
                profile: *chosen,
            };
            let profiles = profiles.clone();
            let field_errors = field_errors.clone();
            let error = error.clone();
            let busy = busy.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::sign_in(&request).await;
                busy.set(false);
                match result {
                    // The page re-renders signed in and moves on.
                    Ok(()) => {}
                    Err(ApiError::Problem(problem))
                        if problem.code == "profile_required"
                            && problem
                                .available_profiles
                                .as_ref()
                                .is_some_and(|p| !p.is_empty()) =>
                    {
                        profiles.set(problem.available_profiles.clone());
                    }
                    Err(err) => {
                        field_errors.set(FieldErrors::from_api(&err));
                        error.set(Some(err.message()));
                    }
                }
            });
        })
    };

    if session.signed_in() {
        let to = take_return_path()
            .and_then(|path| Route::recognize(&path))
            .filter(|route| !matches!(route, Route::NotFound | Route::Login | Route::Informativa))
            .unwrap_or(Route::Home);
        return html! { <Redirect<Route> to={to} /> };
    }

    let errors = (*field_errors).clone();
    html! {
        <div class="row">
            <div class="col-12 col-md-8 col-lg-6">
                <PageHeading title="Accedi" />
                <p>{ "Inserisci le credenziali che ti sono state assegnate." }</p>
                if let Some(message) = (*error).clone() {
                    <ErrorAlert message={message} />
                }
                <form novalidate=true onsubmit={onsubmit} aria-busy={(*busy).to_string()}>
                    <div class="form-group">
                        <label for="username" class="active">{ "Nome utente" }</label>
                        <input
                            ref={username_ref}
                            type="text"
                            id="username"
                            name="username"
                            class={classes!("form-control", errors.username.is_some().then_some("is-invalid"))}
                            autocomplete="username"
                            autocapitalize="none"
                            spellcheck="false"
                            required=true
                            aria-invalid={errors.username.is_some().to_string()}
                            aria-describedby={errors.username.is_some().then_some("username-error")}
                            value={(*username).clone()}
                            oninput={on_username}
                        />
                        if let Some(message) = errors.username.clone() {
                            <div id="username-error" class="invalid-feedback d-block">{ message }</div>
                        }
                    </div>
                    <div class="form-group mb-2">
                        <label for="password" class="active">{ "Password" }</label>
                        <input
                            ref={password_ref}
                            type={if *show_password { "text" } else { "password" }}
                            id="password"
                            name="password"
                            class={classes!("form-control", errors.password.is_some().then_some("is-invalid"))}
                            autocomplete="current-password"
                            required=true
                            aria-invalid={errors.password.is_some().to_string()}
                            aria-describedby={errors.password.is_some().then_some("password-error")}
                            value={(*password).clone()}
                            oninput={on_password}
                        />
                        if let Some(message) = errors.password.clone() {
                            <div id="password-error" class="invalid-feedback d-block">{ message }</div>
                        }
                    </div>
                    <div class="form-check mb-4">
                        <input
                            id="show-password"
                            type="checkbox"
                            checked={*show_password}
                            onchange={on_show_password}
                        />
                        <label for="show-password">{ "Mostra password" }</label>
                    </div>
                    if let Some(available) = (*profiles).clone() {
                        { profile_choice(&available, &chosen, errors.profile.clone(), profiles_ref) }
                    }
                    <button
                        type="submit"
                        class="btn btn-primary"
                        aria-disabled={(*busy).to_string()}
                    >
                        { if *busy { "Accesso in corso…" } else { "Accedi" } }
                    </button>
                    <div class="visually-hidden" role="status">
                        { if *busy { "Accesso in corso…" } else { "" } }
                    </div>
                </form>
            </div>
        </div>
    }
}

/// Radio buttons to choose the working profile.
fn profile_choice(
    available: &[Profile],
    chosen: &UseStateHandle<Option<Profile>>,
    error: Option<String>,
    fieldset_ref: NodeRef,
) -> Html {
    let describedby = if error.is_some() {
        "profile-hint profile-error"
    } else {
        "profile-hint"
    };
    html! {
        <fieldset ref={fieldset_ref} tabindex="-1" class="mb-4" aria-describedby={describedby}>
            <legend class="h5 text-body">{ "Scegli la modalità di lavoro" }</legend>
            <p id="profile-hint" class="small">
                { "Il tuo utente ha più modalità di lavoro: scegli quella da usare in questa sessione." }
            </p>
            { for available.iter().map(|&profile| {
                let id = format!("profile-{}", profile.as_str());
                let onchange = {
                    let chosen = chosen.clone();
                    Callback::from(move |_: Event| chosen.set(Some(profile)))
                };
                html! {
                    <div class="form-check" key={profile.as_str()}>
                        <input
                            type="radio"
                            name="profile"
                            id={id.clone()}
                            value={profile.as_str()}
                            checked={**chosen == Some(profile)}
                            onchange={onchange}
                        />
                        <label for={id}>{ profile.label_it() }</label>
                    </div>
                }
            }) }
            if let Some(message) = error {
                <div id="profile-error" class="invalid-feedback d-block">{ message }</div>
            }
        </fieldset>
    }
}

/// Moves focus to the first field with an error.
fn focus_first_invalid(
    errors: &FieldErrors,
    username: &NodeRef,
    password: &NodeRef,
    profiles: &NodeRef,
) {
    let target = if errors.username.is_some() {
        username
    } else if errors.password.is_some() {
        password
    } else {
        profiles
    };
    if let Some(element) = target.cast::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
