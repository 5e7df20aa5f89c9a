//! Who sees and acts on a request (RULES.md R1, R7.6, R9.2, R10.1, R14.2): the visibility scope
//! of each profile, and who may write, remind, answer or book. Anything outside the scope is
//! "not found" to the caller, never "forbidden", so other patronati's requests stay invisible.
//!
//! The history filters and the single-request checks both come from [`Scope`]: the database
//! query translates the scope into SQL, the checks call [`Scope::contains`].

use crate::enums::{Profile, RequestKind, Side};
use crate::ids::{OfficeId, PatronatoId, PatronatoOfficeId, RegionId, UserId};

/// The caller, as its token describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Viewer {
    /// User id.
    pub user_id: UserId,
    /// Active profile.
    pub profile: Profile,
    /// Side of the active profile.
    pub side: Side,
    /// Patronato of a patronato user.
    pub patronato_id: Option<PatronatoId>,
    /// Patronato office of a patronato user.
    pub patronato_office_id: Option<PatronatoOfficeId>,
    /// Region of a referent.
    pub region_id: Option<RegionId>,
    /// INPS office of an official.
    pub inps_office_id: Option<OfficeId>,
}

/// Whom a request belongs to: the facts visibility depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parties {
    /// Citizen or regional.
    pub kind: RequestKind,
    /// Sender.
    pub created_by: UserId,
    /// Patronato of the sender.
    pub patronato_id: PatronatoId,
    /// Patronato office of the sender (citizen requests).
    pub patronato_office_id: Option<PatronatoOfficeId>,
    /// Region (regional requests).
    pub region_id: Option<RegionId>,
    /// Destination INPS office.
    pub office_id: OfficeId,
}

/// The requests a viewer sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Requests of `kind` sent by this user (*Le mie richieste*).
    Mine {
        /// The sender.
        user: UserId,
        /// The kind the active profile writes.
        kind: RequestKind,
    },
    /// Citizen requests of a patronato office (*Tutte le richieste* of an operator).
    PatronatoOffice(PatronatoOfficeId),
    /// Regional requests of a patronato in a region (a referent's *Tutte le richieste*).
    Regional {
        /// Patronato.
        patronato_id: PatronatoId,
        /// Region.
        region_id: RegionId,
    },
    /// Requests at an INPS office (an official's queue).
    InpsOffice(OfficeId),
}

impl Scope {
    /// The scope of `viewer`: its own requests (`mine`, for the profiles that write) or all
    /// those of its office. `None` for profiles without requests (administrators) or a token
    /// without the office it needs.
    pub fn of(viewer: &Viewer, mine: bool) -> Option<Scope> {
        match Scope::own(viewer) {
            Some(own) if mine => Some(own),
            _ => Scope::office(viewer),
        }
    }

    /// The requests `viewer` sent (*Le mie richieste*), for the profiles that write.
    pub fn own(viewer: &Viewer) -> Option<Scope> {
        writes(viewer.profile).map(|kind| Scope::Mine {
            user: viewer.user_id,
            kind,
        })
    }

    /// All the requests of `viewer`'s office (*Tutte le richieste*; an official's queue).
    pub fn office(viewer: &Viewer) -> Option<Scope> {
        match viewer.profile {
            Profile::Operator => viewer.patronato_office_id.map(Scope::PatronatoOffice),
            Profile::RegionalReferent => match (viewer.patronato_id, viewer.region_id) {
                (Some(patronato_id), Some(region_id)) => Some(Scope::Regional {
                    patronato_id,
                    region_id,
                }),
                _ => None,
            },
            Profile::Official => viewer.inps_office_id.map(Scope::InpsOffice),
            Profile::PatronatoAdmin | Profile::InpsAdmin => None,
        }
    }

    /// Whether a request with these parties is in the scope.
    pub fn contains(&self, request: &Parties) -> bool {
        match *self {
            Scope::Mine { user, kind } => request.created_by == user && request.kind == kind,
            Scope::PatronatoOffice(office) => {
                request.kind == RequestKind::Citizen && request.patronato_office_id == Some(office)
            }
            Scope::Regional {
                patronato_id,
                region_id,
            } => {
                request.kind == RequestKind::Regional
                    && request.patronato_id == patronato_id
                    && request.region_id == Some(region_id)
            }
            Scope::InpsOffice(office) => request.office_id == office,
        }
    }
}

/// The kind of request a profile writes, if any.
pub const fn writes(profile: Profile) -> Option<RequestKind> {
    match profile {
        Profile::Operator => Some(RequestKind::Citizen),
        Profile::RegionalReferent => Some(RequestKind::Regional),
        Profile::PatronatoAdmin | Profile::Official | Profile::InpsAdmin => None,
    }
}

/// Whether `viewer` may read the request: it is in the viewer's office scope.
pub fn can_read(viewer: &Viewer, request: &Parties) -> bool {
    Scope::office(viewer).is_some_and(|scope| scope.contains(request))
}

/// Whether `viewer` writes in the conversation for the patronato: any operator of the sender's
/// office (referents of the same patronato and region for regional requests), not only the
/// sender.
pub fn writes_for_patronato(viewer: &Viewer, request: &Parties) -> bool {
    writes(viewer.profile) == Some(request.kind) && can_read(viewer, request)
}

/// Whether `viewer` sent the request: only the sender reminds and books appointments for it.
pub fn is_sender(viewer: &Viewer, request: &Parties) -> bool {
    writes_for_patronato(viewer, request) && request.created_by == viewer.user_id
}

/// Whether `viewer` is an official of the request's current office: only they answer, take and
/// transfer it.
pub fn is_destination_official(viewer: &Viewer, request: &Parties) -> bool {
    viewer.profile == Profile::Official && viewer.inps_office_id == Some(request.office_id)
}

/// The office whose agenda `viewer` manages (consultation points, slots, cancellations): an
/// official's own office; nobody else manages one.
pub fn agenda_office(viewer: &Viewer) -> Option<OfficeId> {
    match viewer.profile {
        Profile::Official => viewer.inps_office_id,
        _ => None,
    }
}

/// Whether `viewer` sees a booking made by `booked_by` in the agenda of `office`: the booker
/// and the office's officials; to anyone else it does not exist.
pub fn sees_booking(viewer: &Viewer, booked_by: UserId, office: OfficeId) -> bool {
    viewer.user_id == booked_by || agenda_office(viewer) == Some(office)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(profile: Profile) -> Viewer {
        Viewer {
            user_id: UserId(1),
            profile,
            side: profile.side(),
            patronato_id: Some(PatronatoId(10)),
            patronato_office_id: Some(PatronatoOfficeId(100)),
            region_id: Some(RegionId(12)),
            inps_office_id: None,
        }
    }

    fn citizen_request() -> Parties {
        Parties {
            kind: RequestKind::Citizen,
            created_by: UserId(2),
            patronato_id: PatronatoId(10),
            patronato_office_id: Some(PatronatoOfficeId(100)),
            region_id: None,
            office_id: OfficeId(7013),
        }
    }

    #[test]
    fn an_operator_sees_the_citizen_requests_of_its_office_and_writes_in_them() {
        let operator = viewer(Profile::Operator);
        let request = citizen_request();
        assert!(can_read(&operator, &request));
        assert!(writes_for_patronato(&operator, &request));
        assert!(
            !is_sender(&operator, &request),
            "a colleague is not the sender"
        );
        let own = Parties {
            created_by: UserId(1),
            ..request
        };
        assert!(is_sender(&operator, &own));
        assert!(Scope::of(&operator, true).is_some_and(|s| s.contains(&own)));
        assert!(!Scope::of(&operator, true).is_some_and(|s| s.contains(&request)));
        let elsewhere = Parties {
            patronato_office_id: Some(PatronatoOfficeId(101)),
            ..request
        };
        assert!(!can_read(&operator, &elsewhere));
    }

    #[test]
    fn a_referent_sees_the_regional_requests_of_its_patronato_and_region_only() {
        let referent = viewer(Profile::RegionalReferent);
        let regional = Parties {
            kind: RequestKind::Regional,
            patronato_office_id: None,
            region_id: Some(RegionId(12)),
            ..citizen_request()
        };
        assert!(can_read(&referent, &regional));
        assert!(!can_read(&referent, &citizen_request()));
        let other_region = Parties {
            region_id: Some(RegionId(3)),
            ..regional
        };
        assert!(!can_read(&referent, &other_region));
        let other_patronato = Parties {
            patronato_id: PatronatoId(11),
            ..regional
        };
        assert!(!can_read(&referent, &other_patronato));
    }

    #[test]
    fn officials_see_their_office_and_administrators_no_request() {
        let mut official = viewer(Profile::Official);
        official.inps_office_id = Some(OfficeId(7013));
        let request = citizen_request();
        assert!(can_read(&official, &request));
        assert!(is_destination_official(&official, &request));
        assert!(!writes_for_patronato(&official, &request));
        official.inps_office_id = Some(OfficeId(1));
        assert!(!can_read(&official, &request));
        assert_eq!(Scope::own(&official), None, "officials send no requests");
        for admin in [Profile::PatronatoAdmin, Profile::InpsAdmin] {
            assert_eq!(Scope::of(&viewer(admin), false), None);
            assert!(!can_read(&viewer(admin), &request));
        }
    }

    #[test]
    fn an_official_manages_the_agenda_of_its_office_and_sees_its_bookings() {
        let official = Viewer {
            inps_office_id: Some(OfficeId(7)),
            ..viewer(Profile::Official)
        };
        assert_eq!(agenda_office(&official), Some(OfficeId(7)));
        assert_eq!(agenda_office(&viewer(Profile::Operator)), None);
        assert!(sees_booking(&official, UserId(2), OfficeId(7)));
        assert!(!sees_booking(&official, UserId(2), OfficeId(8)));
        assert!(sees_booking(
            &viewer(Profile::Operator),
            UserId(1),
            OfficeId(8)
        ));
        assert!(!sees_booking(
            &viewer(Profile::Operator),
            UserId(2),
            OfficeId(8)
        ));
    }
}
