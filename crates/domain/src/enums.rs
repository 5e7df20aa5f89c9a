//! Shared enumerations with their stable API codes and Italian labels.
//!
//! Every enum serialises as its snake_case code (the same string as `as_str()` and `Display`),
//! parses from that code with [`FromStr`], lists its variants in `ALL` and has the Italian label
//! operators know from the real service in `label_it()`.

use std::fmt;
use std::str::FromStr;

/// A string that is not the code of any variant of the enum it was parsed as.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("Valore non riconosciuto: {0}")]
pub struct UnknownVariant(pub String);

/// Declares a code enum: the derives, serde codes, `ALL`, `as_str`, `label_it`, `FromStr` and
/// `Display`, all from one table so they cannot disagree.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident => $code:literal, $label:literal;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[cfg_attr(feature = "diesel", derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow))]
        #[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
        pub enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $code)]
                $variant,
            )+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stable snake_case code used in the API and the database.
            pub const fn as_str(&self) -> &'static str {
                match self {
                    $(Self::$variant => $code,)+
                }
            }

            /// The Italian label shown to users.
            pub const fn label_it(&self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownVariant;

            /// Parses the snake_case code exactly (no trimming, case-sensitive).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($code => Ok(Self::$variant),)+
                    _ => Err(UnknownVariant(s.to_owned())),
                }
            }
        }

        impl fmt::Display for $name {
            /// Writes the snake_case code, as `as_str()`.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[cfg(feature = "diesel")]
        crate::sql::text_column!($name);
    };
}

code_enum! {
    /// The profile a user works with; the token carries the active one.
    pub enum Profile {
        /// *Operatore generico*: writes citizen requests for one patronato office.
        Operator => "operator", "Operatore";
        /// Writes regional requests routed to the regional information centre.
        RegionalReferent => "regional_referent", "Referente regionale";
        /// Manages one patronato's users and offices.
        PatronatoAdmin => "patronato_admin", "Amministratore patronato";
        /// INPS employee working one office's queue.
        Official => "official", "Funzionario";
        /// INPS administrator of reference data and users.
        InpsAdmin => "inps_admin", "Amministratore INPS";
    }
}

impl Profile {
    /// Which side of the channel the profile belongs to.
    pub const fn side(&self) -> Side {
        match self {
            Self::Operator | Self::RegionalReferent | Self::PatronatoAdmin => Side::Patronato,
            Self::Official | Self::InpsAdmin => Side::Inps,
        }
    }
}

code_enum! {
    /// The two sides of the channel: the patronato that writes and INPS that answers.
    pub enum Side {
        /// The patronato side (operators, referents, patronato administrators).
        Patronato => "patronato", "Patronato";
        /// The INPS side (officials, INPS administrators).
        Inps => "inps", "INPS";
    }
}

/// The side that wrote a message: the same two sides as [`Side`].
pub type MessageSide = Side;

code_enum! {
    /// The kind of a request.
    pub enum RequestKind {
        /// About a citizen's case, written by an operator.
        Citizen => "citizen", "Richiesta cittadino";
        /// A normative or procedural question, written by a regional referent to the CRIC.
        Regional => "regional", "Richiesta regionale";
    }
}

code_enum! {
    /// Where a request stands in its lifecycle.
    pub enum RequestStatus {
        /// Accepted, waiting for dispatch.
        Sent => "sent", "Inviata a Linea INPS";
        /// At the office, waiting for the official's answer.
        Assigned => "assigned", "Assegnata a sede";
        /// The official answered and closed the round.
        Closed => "closed", "Chiusa da funzionario";
    }
}

code_enum! {
    /// Why the patronato writes.
    pub enum Motive {
        /// Reminder about an application already filed.
        ReminderOfApplication => "reminder_of_application", "Sollecito domanda già presentata";
        /// A benefit being processed or rejected.
        BenefitInProgressOrRejected => "benefit_in_progress_or_rejected",
            "Prestazione in corso o respinta";
        /// Requirements and how to access the services.
        RequirementsAndAccess => "requirements_and_access",
            "Requisiti e modalità di accesso ai servizi";
        /// Clarification of the rules.
        NormativeClarification => "normative_clarification", "Chiarimento normativo";
    }
}

impl Motive {
    /// Whether a request with this motive must reference a practice.
    pub const fn requires_practice(&self) -> bool {
        matches!(
            self,
            Self::ReminderOfApplication | Self::BenefitInProgressOrRejected
        )
    }

    /// Whether a request of `kind` may use this motive.
    pub const fn allowed_for(&self, kind: RequestKind) -> bool {
        match kind {
            RequestKind::Citizen => !matches!(self, Self::NormativeClarification),
            RequestKind::Regional => {
                matches!(
                    self,
                    Self::NormativeClarification | Self::RequirementsAndAccess
                )
            }
        }
    }
}

code_enum! {
    /// The kind of reference that identifies a practice.
    pub enum PracticeKind {
        /// Protocol number of an application.
        Protocol => "protocol", "Numero protocollo";
        /// Domus number.
        Domus => "domus", "Numero Domus";
        /// Pension number.
        Pension => "pension", "Numero pensione";
        /// Application number for the *Reddito di cittadinanza*.
        Rdc => "rdc", "Numero domanda RDC";
        /// Application number for the *Reddito di emergenza*.
        Rem => "rem", "Numero domanda REM";
    }
}

code_enum! {
    /// The role of a person linked to a practice.
    pub enum PracticeRole {
        /// The holder of the benefit.
        Holder => "holder", "Titolare";
        /// Court-appointed support administrator.
        SupportAdministrator => "support_administrator", "Amministratore di sostegno";
        /// Legal guardian.
        Guardian => "guardian", "Tutore";
        /// Heir.
        Heir => "heir", "Erede";
        /// Delegate.
        Delegate => "delegate", "Delegato";
        /// Any other role.
        Other => "other", "Altro";
    }
}

impl PracticeRole {
    /// Whether a person in this role may ask about a pension: only the holder, the support
    /// administrator and the guardian.
    pub const fn may_ask_about_pension(&self) -> bool {
        matches!(
            self,
            Self::Holder | Self::SupportAdministrator | Self::Guardian
        )
    }
}

code_enum! {
    /// The kind of an INPS office (*struttura territoriale*).
    pub enum OfficeKind {
        /// Provincial office (*sede provinciale*).
        Provincial => "provincial", "Sede provinciale";
        /// Local agency (*agenzia territoriale*).
        Agency => "agency", "Agenzia territoriale";
        /// Office specialised in some topics over an area (*polo*).
        Hub => "hub", "Polo specialistico";
        /// Regional information centre.
        Cric => "cric", "Centro regionale informativo (CRIC)";
    }
}

impl OfficeKind {
    /// Whether an office of this kind may receive requests of `kind` (RULES.md R6.4): citizen
    /// requests go to territorial offices and hubs, regional ones to a CRIC.
    pub const fn receives(&self, kind: RequestKind) -> bool {
        match kind {
            RequestKind::Citizen => matches!(self, Self::Provincial | Self::Agency | Self::Hub),
            RequestKind::Regional => matches!(self, Self::Cric),
        }
    }
}

code_enum! {
    /// Why a request went to its office.
    pub enum RoutingReason {
        /// The territorial office covering the citizen's residence CAP.
        CapCoverage => "cap_coverage", "Competenza territoriale (CAP di residenza)";
        /// A hub handles the topic for the region, or nationwide.
        HubOverride => "hub_override", "Polo specialistico per l'argomento";
        /// Regional requests go to the region's information centre.
        RegionalCric => "regional_cric", "Centro regionale informativo della regione";
        /// The sender chose the office.
        Manual => "manual", "Scelta dall'operatore";
        /// An official transferred the request here.
        Transfer => "transfer", "Trasferita da un'altra sede";
    }
}

code_enum! {
    /// What a message of the conversation is.
    pub enum MessageKind {
        /// Message 0: the request itself.
        Request => "request", "Richiesta";
        /// An answer of the institute.
        Answer => "answer", "Risposta";
        /// A further message of the patronato after an answer.
        FollowUp => "follow_up", "Ulteriore interazione";
    }
}

code_enum! {
    /// What happened to a request besides its messages (the history).
    pub enum EventKind {
        /// The dispatcher gave it to an official or to the office queue.
        Dispatched => "dispatched", "Assegnata alla sede";
        /// An official took it.
        Taken => "taken", "Presa in carico";
        /// An official moved it to another office.
        Transferred => "transferred", "Trasferita ad altra sede";
        /// The sender added attachments to its open request.
        AttachmentsAdded => "attachments_added", "Allegati aggiunti";
        /// An appointment was booked for it.
        AppointmentBooked => "appointment_booked", "Appuntamento prenotato";
        /// Its appointment was cancelled.
        AppointmentCancelled => "appointment_cancelled", "Appuntamento annullato";
    }
}

code_enum! {
    /// What an audit entry records.
    pub enum AuditAction {
        /// Read personal data.
        Read => "read", "Lettura";
        /// Searched (the results list personal data).
        Search => "search", "Ricerca";
        /// Created a resource.
        Create => "create", "Creazione";
        /// Wrote in a conversation.
        Write => "write", "Scrittura";
        /// Sent a reminder.
        Remind => "remind", "Sollecito";
        /// Took a request.
        Take => "take", "Presa in carico";
        /// Transferred a request.
        Transfer => "transfer", "Trasferimento";
        /// Signed in.
        SignIn => "sign_in", "Accesso";
        /// Deleted a resource (a draft attachment).
        Delete => "delete", "Eliminazione";
        /// Cancelled an appointment.
        Cancel => "cancel", "Annullamento";
    }
}

code_enum! {
    /// What an audit entry is about.
    pub enum AuditResource {
        /// A registry person.
        Citizen => "citizen", "Cittadino";
        /// A request.
        Request => "request", "Richiesta";
        /// A message of a conversation.
        Message => "message", "Messaggio";
        /// The answers panel.
        Answer => "answer", "Risposta";
        /// An attachment.
        Attachment => "attachment", "Allegato";
        /// An office's consultation points and slots.
        Agenda => "agenda", "Agenda";
        /// An appointment.
        Appointment => "appointment", "Appuntamento";
        /// A sign-in session.
        Session => "session", "Sessione";
    }
}

code_enum! {
    /// How an appointment takes place.
    pub enum Channel {
        /// At the office.
        InPerson => "in_person", "In presenza";
        /// By phone.
        Phone => "phone", "Telefono";
        /// In an online meeting room.
        WebMeeting => "web_meeting", "Web meeting";
    }
}

code_enum! {
    /// Where an appointment stands.
    pub enum AppointmentStatus {
        /// Booked and upcoming (or under way).
        Booked => "booked", "Prenotato";
        /// Cancelled by the booker or by the office.
        Cancelled => "cancelled", "Annullato";
        /// Took place.
        Done => "done", "Svolto";
    }
}

#[cfg(test)]
#[expect(clippy::unwrap_used)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use std::fmt::Debug;

    /// snake_case of a CamelCase variant name, as serde's `rename_all` computes it.
    fn snake_case(name: &str) -> String {
        let mut out = String::new();
        for (i, c) in name.chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }

    fn check_enum<T>(all: &[T], as_str: fn(&T) -> &'static str, label: fn(&T) -> &'static str)
    where
        T: Copy + Debug + Eq + std::hash::Hash + FromStr<Err = UnknownVariant> + fmt::Display,
        T: serde::Serialize + serde::de::DeserializeOwned,
    {
        assert!(!all.is_empty());
        let distinct: HashSet<T> = all.iter().copied().collect();
        assert_eq!(distinct.len(), all.len());
        let labels: HashSet<&str> = all.iter().map(label).collect();
        assert_eq!(labels.len(), all.len());
        for value in all {
            let code = as_str(value);
            assert_eq!(code, snake_case(&format!("{value:?}")));
            assert_eq!(value.to_string(), code);
            assert_eq!(code.parse::<T>().unwrap(), *value);
            let json = serde_json::to_string(value).unwrap();
            assert_eq!(json, format!("\"{code}\""));
            assert_eq!(serde_json::from_str::<T>(&json).unwrap(), *value);
            assert!(!label(value).is_empty());
        }
        assert_eq!(
            "no_such_variant".parse::<T>(),
            Err(UnknownVariant("no_such_variant".to_owned()))
        );
        assert!(serde_json::from_str::<T>("\"no_such_variant\"").is_err());
    }

    #[test]
    fn all_enums_are_consistent() {
        check_enum(Profile::ALL, Profile::as_str, Profile::label_it);
        check_enum(Side::ALL, Side::as_str, Side::label_it);
        check_enum(RequestKind::ALL, RequestKind::as_str, RequestKind::label_it);
        check_enum(
            RequestStatus::ALL,
            RequestStatus::as_str,
            RequestStatus::label_it,
        );
        check_enum(Motive::ALL, Motive::as_str, Motive::label_it);
        check_enum(
            PracticeKind::ALL,
            PracticeKind::as_str,
            PracticeKind::label_it,
        );
        check_enum(
            PracticeRole::ALL,
            PracticeRole::as_str,
            PracticeRole::label_it,
        );
        check_enum(OfficeKind::ALL, OfficeKind::as_str, OfficeKind::label_it);
        check_enum(
            RoutingReason::ALL,
            RoutingReason::as_str,
            RoutingReason::label_it,
        );
        check_enum(MessageKind::ALL, MessageKind::as_str, MessageKind::label_it);
        check_enum(EventKind::ALL, EventKind::as_str, EventKind::label_it);
        check_enum(AuditAction::ALL, AuditAction::as_str, AuditAction::label_it);
        check_enum(
            AuditResource::ALL,
            AuditResource::as_str,
            AuditResource::label_it,
        );
        check_enum(Channel::ALL, Channel::as_str, Channel::label_it);
        check_enum(
            AppointmentStatus::ALL,
            AppointmentStatus::as_str,
            AppointmentStatus::label_it,
        );
    }

    #[test]
    fn parse_is_exact() {
        assert!("Operator".parse::<Profile>().is_err());
        assert!(" operator".parse::<Profile>().is_err());
        assert_eq!(
            "operatore".parse::<Profile>().unwrap_err().to_string(),
            "Valore non riconosciuto: operatore"
        );
    }

    #[test]
    fn labels_from_the_spec() {
        assert_eq!(Profile::RegionalReferent.label_it(), "Referente regionale");
        assert_eq!(RequestStatus::Sent.label_it(), "Inviata a Linea INPS");
        assert_eq!(RequestStatus::Assigned.label_it(), "Assegnata a sede");
        assert_eq!(RequestStatus::Closed.label_it(), "Chiusa da funzionario");
        assert_eq!(
            Motive::ReminderOfApplication.label_it(),
            "Sollecito domanda già presentata"
        );
        assert_eq!(PracticeKind::Rdc.label_it(), "Numero domanda RDC");
        assert_eq!(
            PracticeRole::SupportAdministrator.label_it(),
            "Amministratore di sostegno"
        );
        assert_eq!(
            OfficeKind::Cric.label_it(),
            "Centro regionale informativo (CRIC)"
        );
        assert_eq!(Channel::WebMeeting.as_str(), "web_meeting");
        assert_eq!(AppointmentStatus::Cancelled.label_it(), "Annullato");
    }

    #[test]
    fn profile_sides() {
        let patronato: Vec<Profile> = Profile::ALL
            .iter()
            .copied()
            .filter(|p| p.side() == Side::Patronato)
            .collect();
        assert_eq!(
            patronato,
            [
                Profile::Operator,
                Profile::RegionalReferent,
                Profile::PatronatoAdmin
            ]
        );
        assert_eq!(Profile::Official.side(), Side::Inps);
        assert_eq!(Profile::InpsAdmin.side(), Side::Inps);
        let side: MessageSide = Side::Inps;
        assert_eq!(side.label_it(), "INPS");
    }

    #[test]
    fn motive_rules() {
        let practice: Vec<Motive> = Motive::ALL
            .iter()
            .copied()
            .filter(Motive::requires_practice)
            .collect();
        assert_eq!(
            practice,
            [
                Motive::ReminderOfApplication,
                Motive::BenefitInProgressOrRejected
            ]
        );
        let citizen: Vec<Motive> = Motive::ALL
            .iter()
            .copied()
            .filter(|m| m.allowed_for(RequestKind::Citizen))
            .collect();
        assert_eq!(
            citizen,
            [
                Motive::ReminderOfApplication,
                Motive::BenefitInProgressOrRejected,
                Motive::RequirementsAndAccess
            ]
        );
        let regional: Vec<Motive> = Motive::ALL
            .iter()
            .copied()
            .filter(|m| m.allowed_for(RequestKind::Regional))
            .collect();
        assert_eq!(
            regional,
            [
                Motive::RequirementsAndAccess,
                Motive::NormativeClarification
            ]
        );
    }

    #[test]
    fn citizen_requests_go_to_territorial_offices_and_hubs_regional_ones_to_a_cric() {
        let receiving = |kind| -> Vec<OfficeKind> {
            OfficeKind::ALL
                .iter()
                .copied()
                .filter(|office| office.receives(kind))
                .collect()
        };
        assert_eq!(
            receiving(RequestKind::Citizen),
            [OfficeKind::Provincial, OfficeKind::Agency, OfficeKind::Hub]
        );
        assert_eq!(receiving(RequestKind::Regional), [OfficeKind::Cric]);
    }

    #[test]
    fn pension_roles() {
        let allowed: Vec<PracticeRole> = PracticeRole::ALL
            .iter()
            .copied()
            .filter(PracticeRole::may_ask_about_pension)
            .collect();
        assert_eq!(
            allowed,
            [
                PracticeRole::Holder,
                PracticeRole::SupportAdministrator,
                PracticeRole::Guardian
            ]
        );
    }
}
