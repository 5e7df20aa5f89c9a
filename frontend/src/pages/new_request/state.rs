//! The wizard's state and every transition, in one reducer.

use std::collections::BTreeMap;
use std::rc::Rc;

use types::attachments::AttachmentDto;
use types::citizens::{CitizenDto, CitizenQuery};
use types::offices::OfficeDto;
use types::requests::{
    CreateRequest, PracticeRef, RequestDetail, TopicRef, NOTES_MAX_CHARS, TEXT_MAX_CHARS,
};
use types::routing::{RoutingPreview, RoutingPreviewRequest};
use types::{Motive, PracticeKind, PracticeRole, RequestKind};
use yew::prelude::*;

use crate::api::{new_idempotency_key, ApiError};
use crate::components::codice_fiscale::{cf_error, valid_cf};
use crate::format::parse_date;

/// The wizard's steps; a regional request has no citizen step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Citizen,
    Compose,
    Review,
    Done,
}

/// *Ricerca per Codice Fiscale* or *Ricerca per Anagrafica*.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchMode {
    Cf,
    Identity,
}

/// What "the same request for another citizen" carries over.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Draft {
    pub motive: Option<Motive>,
    pub practice_kind: Option<PracticeKind>,
    pub practice_number: String,
    pub topic: Option<TopicRef>,
    pub text: String,
    pub notes: String,
}

/// The practice reference check, run as soon as the reference is filled.
#[derive(Clone, Debug, PartialEq)]
pub enum PracticeCheck {
    Unchecked,
    Checking,
    Valid(PracticeRole),
    Invalid(String),
}

/// The proposed destination office.
#[derive(Clone, Debug, PartialEq)]
pub enum Routing {
    Unknown,
    Loading,
    Proposed(Rc<RoutingPreview>),
    Failed(String),
}

/// Messages next to fields, by field.
pub type Errors = BTreeMap<&'static str, String>;

#[derive(Clone, Debug, PartialEq)]
pub struct Wizard {
    pub kind: RequestKind,
    pub step: Step,
    pub mode: SearchMode,
    pub cf: String,
    pub surname: String,
    pub name: String,
    pub birth_date: String,
    pub searching: bool,
    /// More than one registry match: the operator must choose.
    pub matches: Vec<CitizenDto>,
    pub citizen: Option<CitizenDto>,
    pub delega: bool,
    pub draft: Draft,
    pub practice: PracticeCheck,
    pub routing: Routing,
    /// Chosen by hand in the change-office dialog.
    pub manual_office: Option<OfficeDto>,
    pub errors: Errors,
    /// An error that belongs to no field.
    pub alert: Option<String>,
    pub sending: bool,
    pub idempotency_key: String,
    pub created: Option<Rc<RequestDetail>>,
    /// Drafts uploaded for this request; never carried over (they link to the one sent).
    pub attachments: Vec<AttachmentDto>,
}

pub enum Action {
    Mode(SearchMode),
    Cf(String),
    Surname(String),
    Name(String),
    BirthDate(String),
    Searching,
    Found(Vec<CitizenDto>),
    SearchFailed(ApiError),
    Choose(CitizenDto),
    ChangeCitizen,
    Delega(bool),
    /// Validation messages of the current step (empty: the step is complete).
    Invalid(Errors),
    Go(Step),
    Motive(Motive),
    PracticeKind(Option<PracticeKind>),
    PracticeNumber(String),
    PracticeChecking,
    PracticeChecked {
        kind: PracticeKind,
        number: String,
        result: Result<PracticeRole, ApiError>,
    },
    Topic(Option<TopicRef>),
    Text(String),
    Notes(String),
    Attachments(Vec<AttachmentDto>),
    Routed(Result<RoutingPreview, ApiError>),
    OfficeChosen(OfficeDto),
    Sending,
    Sent(Box<RequestDetail>),
    SendFailed(ApiError),
    /// A new request for the same citizen.
    SameCitizen,
    /// The same request for another citizen.
    OtherCitizen,
}

impl Wizard {
    pub fn new(kind: RequestKind) -> Self {
        Wizard {
            kind,
            step: match kind {
                RequestKind::Citizen => Step::Citizen,
                RequestKind::Regional => Step::Compose,
            },
            mode: SearchMode::Cf,
            cf: String::new(),
            surname: String::new(),
            name: String::new(),
            birth_date: String::new(),
            searching: false,
            matches: Vec::new(),
            citizen: None,
            delega: false,
            draft: Draft::default(),
            practice: PracticeCheck::Unchecked,
            routing: Routing::Unknown,
            manual_office: None,
            errors: Errors::new(),
            alert: None,
            sending: false,
            idempotency_key: new_idempotency_key(),
            created: None,
            attachments: Vec::new(),
        }
    }

    /// The steps shown in the navigator.
    pub fn steps(&self) -> Vec<Step> {
        match self.kind {
            RequestKind::Citizen => vec![Step::Citizen, Step::Compose, Step::Review, Step::Done],
            RequestKind::Regional => vec![Step::Compose, Step::Review, Step::Done],
        }
    }

    /// The registry lookup the search fields describe, when complete.
    pub fn lookup(&self) -> Option<CitizenQuery> {
        match self.mode {
            SearchMode::Cf => valid_cf(&self.cf).map(|cf| CitizenQuery {
                cf: Some(cf),
                ..CitizenQuery::default()
            }),
            SearchMode::Identity => {
                let surname = self.surname.trim();
                let name = self.name.trim();
                let birth_date = parse_date(&self.birth_date)?;
                (!surname.is_empty() && !name.is_empty()).then(|| CitizenQuery {
                    surname: Some(surname.to_owned()),
                    name: Some(name.to_owned()),
                    birth_date: Some(birth_date.to_string()),
                    ..CitizenQuery::default()
                })
            }
        }
    }

    /// The practice reference, when the motive needs one and it is filled.
    pub fn practice_ref(&self) -> Option<PracticeRef> {
        let motive = self.draft.motive?;
        let number = self.draft.practice_number.trim();
        match (motive.requires_practice(), self.draft.practice_kind) {
            (true, Some(kind)) if !number.is_empty() => Some(PracticeRef {
                kind,
                number: number.to_owned(),
            }),
            _ => None,
        }
    }

    pub fn cf_errors(&self) -> Errors {
        let mut errors = Errors::new();
        if self.mode == SearchMode::Cf {
            let message = if self.cf.trim().is_empty() {
                Some("Inserisci il codice fiscale del cittadino.".to_owned())
            } else {
                cf_error(&self.cf, true)
            };
            if let Some(message) = message {
                errors.insert("cf", message);
            }
        }
        errors
    }

    pub fn citizen_errors(&self) -> Errors {
        let mut errors = Errors::new();
        if self.citizen.is_none() {
            errors.insert(
                "citizen",
                "Individua il cittadino per cui inviare la richiesta.".into(),
            );
        } else if !self.delega {
            errors.insert(
                "delega",
                "Per proseguire dichiara di essere in possesso della delega.".into(),
            );
        }
        errors
    }

    pub fn compose_errors(&self) -> Errors {
        let mut errors = Errors::new();
        let d = &self.draft;
        match d.motive {
            None => {
                errors.insert("motive", "Scegli il motivo del contatto.".into());
            }
            Some(motive) if motive.requires_practice() => {
                if d.practice_kind.is_none() {
                    errors.insert(
                        "practice_kind",
                        "Scegli il tipo di riferimento della pratica.".into(),
                    );
                }
                if d.practice_number.trim().is_empty() {
                    errors.insert(
                        "practice_number",
                        "Inserisci il riferimento della pratica.".into(),
                    );
                } else if let PracticeCheck::Invalid(message) = &self.practice {
                    errors.insert("practice_number", message.clone());
                }
            }
            Some(_) => {}
        }
        if d.topic.is_none() {
            errors.insert("topic", "Scegli l'argomento della richiesta.".into());
        }
        let text = d.text.trim().chars().count();
        if text == 0 {
            errors.insert("text", "Scrivi il testo della richiesta.".into());
        } else if text as u64 > TEXT_MAX_CHARS {
            errors.insert(
                "text",
                format!("Il testo supera il limite di {TEXT_MAX_CHARS} caratteri."),
            );
        }
        if d.notes.trim().chars().count() as u64 > NOTES_MAX_CHARS {
            errors.insert(
                "notes",
                format!("Le note superano il limite di {NOTES_MAX_CHARS} caratteri."),
            );
        }
        errors
    }

    /// The routing question for the current draft.
    pub fn routing_request(&self) -> Option<RoutingPreviewRequest> {
        Some(RoutingPreviewRequest {
            kind: self.kind,
            topic_id: self.draft.topic.as_ref()?.id,
            citizen_id: self.citizen.as_ref().map(|c| c.id),
            cap: None,
            region_code: None,
        })
    }

    /// The office the request goes to.
    pub fn office(&self) -> Option<&OfficeDto> {
        self.manual_office.as_ref().or(match &self.routing {
            Routing::Proposed(preview) => Some(&preview.office),
            _ => None,
        })
    }

    pub fn create_request(&self) -> Option<CreateRequest> {
        let d = &self.draft;
        let notes = d.notes.trim();
        Some(CreateRequest {
            kind: self.kind,
            citizen_id: self.citizen.as_ref().map(|c| c.id),
            delega_declared: (self.kind == RequestKind::Citizen).then_some(self.delega),
            motive: d.motive?,
            practice: self.practice_ref(),
            topic_id: d.topic.as_ref()?.id,
            text: d.text.trim().to_owned(),
            notes: (!notes.is_empty()).then(|| notes.to_owned()),
            office_id: self.manual_office.as_ref().map(|o| o.id),
            attachment_ids: self.attachments.iter().map(|a| a.id).collect(),
        })
    }
}

/// Where a field named by the server is shown, and on which step.
fn field_of(server_field: &str) -> Option<(&'static str, Step)> {
    Some(match server_field {
        "citizen_id" => ("citizen", Step::Citizen),
        "delega_declared" => ("delega", Step::Citizen),
        "motive" => ("motive", Step::Compose),
        "practice" | "practice.kind" | "kind" => ("practice_kind", Step::Compose),
        "practice.number" | "number" => ("practice_number", Step::Compose),
        "topic_id" => ("topic", Step::Compose),
        "text" => ("text", Step::Compose),
        "notes" => ("notes", Step::Compose),
        _ => return None,
    })
}

impl Reducible for Wizard {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut w = (*self).clone();
        match action {
            Action::Mode(mode) => {
                w.mode = mode;
                w.errors.clear();
                w.alert = None;
            }
            Action::Cf(v) => {
                match cf_error(&v, false) {
                    Some(message) => w.errors.insert("cf", message),
                    None => w.errors.remove("cf"),
                };
                w.cf = v;
            }
            Action::Surname(v) => w.surname = v,
            Action::Name(v) => w.name = v,
            Action::BirthDate(v) => w.birth_date = v,
            Action::Searching => {
                w.searching = true;
                w.alert = None;
                w.errors.clear();
                w.matches.clear();
            }
            Action::Found(mut matches) => {
                w.searching = false;
                if matches.len() == 1 {
                    w.citizen = matches.pop();
                    w.delega = false;
                } else if matches.is_empty() {
                    w.alert = Some("Nessun cittadino trovato con i dati inseriti.".into());
                } else {
                    w.matches = matches;
                }
            }
            Action::SearchFailed(err) => {
                w.searching = false;
                let field = match w.mode {
                    SearchMode::Cf => "cf",
                    SearchMode::Identity => "surname",
                };
                let mut placed = false;
                for (name, message) in err.field_errors() {
                    if let Some(key) = ["cf", "surname", "name", "birth_date"]
                        .into_iter()
                        .find(|k| *k == name)
                    {
                        w.errors.insert(key, message);
                        placed = true;
                    }
                }
                if !placed {
                    if err.code() == Some("citizen_not_found") {
                        w.errors.insert(field, err.message());
                    } else {
                        w.alert = Some(err.message());
                    }
                }
            }
            Action::Choose(citizen) => {
                w.matches.clear();
                w.citizen = Some(citizen);
                w.delega = false;
            }
            Action::ChangeCitizen => {
                w.citizen = None;
                w.delega = false;
                w.matches.clear();
                w.practice = PracticeCheck::Unchecked;
            }
            Action::Delega(v) => {
                w.delega = v;
                w.errors.remove("delega");
            }
            Action::Invalid(errors) => {
                w.errors = errors;
                w.alert = None;
            }
            Action::Go(step) => {
                w.errors.clear();
                w.alert = None;
                if step == Step::Review && w.step != Step::Review {
                    w.routing = Routing::Loading;
                    w.idempotency_key = new_idempotency_key();
                }
                w.step = step;
            }
            Action::Motive(motive) => {
                w.draft.motive = Some(motive);
                w.errors.remove("motive");
                if !motive.requires_practice() {
                    w.draft.practice_kind = None;
                    w.draft.practice_number.clear();
                    w.practice = PracticeCheck::Unchecked;
                }
            }
            Action::PracticeKind(kind) => {
                w.draft.practice_kind = kind;
                w.practice = PracticeCheck::Unchecked;
                w.errors.remove("practice_kind");
                w.errors.remove("practice_number");
            }
            Action::PracticeNumber(v) => {
                w.draft.practice_number = v;
                w.practice = PracticeCheck::Unchecked;
                w.errors.remove("practice_number");
            }
            Action::PracticeChecking => w.practice = PracticeCheck::Checking,
            Action::PracticeChecked {
                kind,
                number,
                result,
            } => {
                // An answer about a reference the operator has since changed is ignored.
                let current = w.practice_ref();
                if current.as_ref().map(|p| (p.kind, p.number.as_str()))
                    == Some((kind, number.as_str()))
                {
                    match result {
                        Ok(role) => {
                            w.practice = PracticeCheck::Valid(role);
                            w.errors.remove("practice_number");
                        }
                        Err(err) => {
                            let message = err
                                .field_errors()
                                .into_iter()
                                .map(|(_, m)| m)
                                .next()
                                .unwrap_or_else(|| err.message());
                            w.errors.insert("practice_number", message.clone());
                            w.practice = PracticeCheck::Invalid(message);
                        }
                    }
                }
            }
            Action::Topic(topic) => {
                w.draft.topic = topic;
                w.errors.remove("topic");
            }
            Action::Text(v) => {
                w.draft.text = v;
                w.errors.remove("text");
            }
            Action::Notes(v) => {
                w.draft.notes = v;
                w.errors.remove("notes");
            }
            Action::Attachments(list) => w.attachments = list,
            Action::Routed(result) => {
                w.routing = match result {
                    Ok(preview) => Routing::Proposed(Rc::new(preview)),
                    Err(err) => Routing::Failed(err.message()),
                }
            }
            Action::OfficeChosen(office) => w.manual_office = Some(office),
            Action::Sending => {
                w.sending = true;
                w.alert = None;
            }
            Action::Sent(detail) => {
                w.sending = false;
                w.created = Some(Rc::new(*detail));
                w.step = Step::Done;
            }
            Action::SendFailed(err) => {
                w.sending = false;
                let mut errors = Errors::new();
                let mut back_to = None;
                for (name, message) in err.field_errors() {
                    if let Some((key, step)) = field_of(&name) {
                        errors.insert(key, message);
                        back_to = back_to.or(Some(step));
                    }
                }
                if errors.is_empty() {
                    w.alert = Some(err.message());
                } else {
                    w.errors = errors;
                    w.alert = Some(err.message());
                    if let Some(step) = back_to {
                        w.step = step;
                    }
                }
            }
            Action::SameCitizen => {
                let citizen = w.citizen.take();
                let kind = w.kind;
                w = Wizard::new(kind);
                // The delega is declared again for each request.
                w.citizen = citizen;
            }
            Action::OtherCitizen => {
                // The practice reference belonged to the previous citizen.
                let draft = Draft {
                    practice_number: String::new(),
                    ..w.draft.clone()
                };
                let kind = w.kind;
                w = Wizard::new(kind);
                w.draft = draft;
            }
        }
        Rc::new(w)
    }
}
