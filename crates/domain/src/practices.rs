//! Practice references (RULES.md R4.4): which person may ask about which practice, with the
//! service's exact messages.

use crate::enums::{PracticeKind, PracticeRole};

/// The exact message of the service when the number does not belong to the person; the label
/// follows the kind ("Numero di protocollo", "Numero Domus", "Numero pensione", …).
pub fn not_linked_message(kind: PracticeKind) -> String {
    let label = match kind {
        PracticeKind::Protocol => "Numero di protocollo",
        other => other.label_it(),
    };
    format!("{label} non corretto o non associato al codice fiscale")
}

/// The exact message when the person's role in a pension may not ask about it.
pub const PENSION_ROLE_MESSAGE: &str = "Per il codice fiscale inserito, associato al numero della \
pensione indicata, non può essere richiesta alcuna informazione in quanto si riferisce a soggetto \
diverso da: Titolare, Amministratore di sostegno, Tutore.";

/// Why a practice reference cannot be used for a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PracticeRefusal {
    /// No such practice, or the person is not linked to it.
    NotLinked,
    /// A pension the person holds in a role that may not ask about it (an heir, a delegate).
    PensionRoleNotAllowed,
}

impl PracticeRefusal {
    /// Stable API code.
    pub fn code(&self) -> &'static str {
        match self {
            PracticeRefusal::NotLinked => "practice_not_linked",
            PracticeRefusal::PensionRoleNotAllowed => "pension_role_not_allowed",
        }
    }

    /// The service's message for a reference of `kind`.
    pub fn message_it(&self, kind: PracticeKind) -> String {
        match self {
            PracticeRefusal::NotLinked => not_linked_message(kind),
            PracticeRefusal::PensionRoleNotAllowed => PENSION_ROLE_MESSAGE.into(),
        }
    }
}

/// Whether a person linked to a practice of `kind` with `role` (`None`: not linked, or no such
/// practice) may ask about it: any linked role, except for pensions, where only the holder, the
/// support administrator and the guardian may.
pub fn may_ask(
    kind: PracticeKind,
    role: Option<PracticeRole>,
) -> Result<PracticeRole, PracticeRefusal> {
    let role = role.ok_or(PracticeRefusal::NotLinked)?;
    if kind == PracticeKind::Pension && !role.may_ask_about_pension() {
        return Err(PracticeRefusal::PensionRoleNotAllowed);
    }
    Ok(role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_messages_follow_the_kind() {
        assert_eq!(
            not_linked_message(PracticeKind::Protocol),
            "Numero di protocollo non corretto o non associato al codice fiscale"
        );
        assert_eq!(
            not_linked_message(PracticeKind::Pension),
            "Numero pensione non corretto o non associato al codice fiscale"
        );
    }

    #[test]
    fn only_holders_administrators_and_guardians_ask_about_a_pension() {
        use PracticeRole::*;
        assert_eq!(may_ask(PracticeKind::Pension, Some(Holder)), Ok(Holder));
        assert_eq!(may_ask(PracticeKind::Pension, Some(Guardian)), Ok(Guardian));
        assert_eq!(
            may_ask(PracticeKind::Pension, Some(Heir)),
            Err(PracticeRefusal::PensionRoleNotAllowed)
        );
        assert_eq!(may_ask(PracticeKind::Domus, Some(Heir)), Ok(Heir));
        assert_eq!(
            may_ask(PracticeKind::Rdc, None),
            Err(PracticeRefusal::NotLinked)
        );
    }
}
