//! *Sede di inoltro della richiesta*: choosing another destination office, Regione → Provincia
//! → Sede (citizen requests) or Regione → Sede INPS (regional requests).

use types::offices::OfficeDto;
use yew::prelude::*;

use crate::api;
use crate::components::{focus, Modal, SelectField};
use crate::hooks::{use_load, Load};

#[derive(Properties, PartialEq)]
pub struct OfficeDialogProps {
    /// Ask for the province between region and office.
    pub with_province: bool,
    pub on_choose: Callback<OfficeDto>,
    pub on_close: Callback<()>,
}

fn options<T>(
    placeholder: &'static str,
    load: &Load<Vec<T>>,
    pair: impl Fn(&T) -> (String, String),
) -> Vec<(AttrValue, AttrValue)> {
    let mut options = vec![(AttrValue::Static(""), AttrValue::Static(placeholder))];
    if let Some(items) = load.ready() {
        options.extend(items.iter().map(|item| {
            let (value, label) = pair(item);
            (AttrValue::from(value), AttrValue::from(label))
        }));
    }
    options
}

/// The dialog.
#[component]
pub fn OfficeDialog(props: &OfficeDialogProps) -> Html {
    let region = use_state(String::new);
    let province = use_state(String::new);
    let office = use_state(String::new);
    let error = use_state(|| None::<AttrValue>);
    let office_ref = use_node_ref();
    let with_province = props.with_province;

    let (regions, _) = use_load((), |_| async { api::regions().await.map(|p| p.items) });
    let (provinces, _) = use_load((*region).clone(), move |region| async move {
        if region.is_empty() || !with_province {
            return Ok(Vec::new());
        }
        api::provinces(&region).await.map(|p| p.items)
    });
    let (offices, _) = use_load(
        ((*region).clone(), (*province).clone()),
        move |(region, province)| async move {
            if region.is_empty() || (with_province && province.is_empty()) {
                return Ok(Vec::new());
            }
            let province = with_province.then_some(province);
            api::offices(&region, province.as_deref())
                .await
                .map(|p| p.items)
        },
    );

    let on_region = {
        let (region, province, office) = (region.clone(), province.clone(), office.clone());
        Callback::from(move |v: String| {
            region.set(v);
            province.set(String::new());
            office.set(String::new());
        })
    };
    let on_province = {
        let (province, office) = (province.clone(), office.clone());
        Callback::from(move |v: String| {
            province.set(v);
            office.set(String::new());
        })
    };
    let on_office = {
        let office = office.clone();
        Callback::from(move |v: String| office.set(v))
    };
    let confirm = {
        let office = office.clone();
        let offices = offices.clone();
        let on_choose = props.on_choose.clone();
        let error = error.clone();
        let office_ref = office_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let chosen = offices
                .ready()
                .and_then(|items| items.iter().find(|o| o.id.to_string() == *office).cloned());
            match chosen {
                Some(chosen) => on_choose.emit(chosen),
                None => {
                    error.set(Some(
                        "Seleziona la sede alla quale inviare la richiesta.".into(),
                    ));
                    focus(&office_ref);
                }
            }
        })
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let office_label = if with_province { "Sede" } else { "Sede INPS" };
    let footer = html! {
        <>
            <button type="button" class="btn btn-outline-primary btn-sm" onclick={close}>{ "Annulla" }</button>
            <button type="button" class="btn btn-primary btn-sm" onclick={confirm}>{ "Conferma sede" }</button>
        </>
    };
    html! {
        <Modal id="office-dialog" title="Modifica la sede di inoltro" on_close={props.on_close.clone()} footer={footer}>
            <p>{ "Seleziona la sede alla quale desideri inviare la richiesta in sostituzione di quella proposta come di competenza." }</p>
            <SelectField
                id="office-region"
                label="Regione"
                options={options("Seleziona la regione", &regions, |r| (r.code.clone(), r.name.clone()))}
                value={(*region).clone()}
                onchange={on_region}
            />
            if with_province {
                <SelectField
                    id="office-province"
                    label="Provincia"
                    disabled={region.is_empty()}
                    options={options("Seleziona la provincia", &provinces, |p| (p.code.clone(), p.name.clone()))}
                    value={(*province).clone()}
                    onchange={on_province}
                />
            }
            <SelectField
                id="office-office"
                label={office_label}
                node_ref={office_ref}
                disabled={region.is_empty() || (with_province && province.is_empty())}
                options={options("Seleziona la sede", &offices, |o| (o.id.to_string(), o.display_name.clone()))}
                value={(*office).clone()}
                onchange={on_office}
                error={(*error).clone()}
            />
            if let Load::Failed(err) = &offices {
                <p class="text-danger" role="alert">{ err.message() }</p>
            }
        </Modal>
    }
}
