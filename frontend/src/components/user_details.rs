//! The signed-in user's data (*Dati operatore*).

use types::auth::Me;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct UserDetailsProps {
    pub me: std::rc::Rc<Me>,
}

/// Profile, organisation and office of the user, as a description list.
#[component]
pub fn UserDetails(props: &UserDetailsProps) -> Html {
    let user = &props.me;
    let mut rows: Vec<(&str, String)> = vec![
        ("Nome utente", user.username.clone()),
        (
            "Modalità di lavoro",
            user.active_profile.label_it().to_owned(),
        ),
    ];
    if let Some(patronato) = &user.patronato {
        rows.push(("Patronato", patronato.name.clone()));
    }
    if let Some(office) = &user.patronato_office {
        rows.push((
            "Sede del patronato",
            format!("{} ({})", office.name, office.province_code),
        ));
    }
    if let Some(region) = &user.region {
        rows.push(("Regione", region.name.clone()));
    }
    if let Some(office) = &user.inps_office {
        rows.push(("Sede INPS", format!("{} ({})", office.name, office.code)));
    }
    html! {
        <dl class="user-details mb-0">
            { for rows.into_iter().map(|(term, value)| html! {
                <div class="py-1">
                    <dt>{ term }</dt>
                    <dd class="mb-0">{ value }</dd>
                </div>
            }) }
        </dl>
    }
}
