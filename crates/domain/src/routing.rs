//! Where a request goes (RULES.md R6): the decision over offices the caller has looked up.

use crate::enums::RoutingReason;

/// The destination of a citizen request: a hub that handles the topic for the residence's
/// region (or nationwide) wins over the territorial office covering the residence CAP. `None`
/// when neither exists: there is never a silent default.
pub fn citizen_destination<O>(
    territorial: Option<O>,
    hub: Option<O>,
) -> Option<(O, RoutingReason)> {
    match (hub, territorial) {
        (Some(hub), _) => Some((hub, RoutingReason::HubOverride)),
        (None, Some(office)) => Some((office, RoutingReason::CapCoverage)),
        (None, None) => None,
    }
}

/// Of a topic's hub overrides, `(region, hub)` with `None` meaning nationwide, the one that
/// applies: one for the region itself before a nationwide one.
pub fn applicable_hub<R: PartialEq, O>(
    overrides: impl IntoIterator<Item = (Option<R>, O)>,
    region: &R,
) -> Option<O> {
    let mut nationwide = None;
    for (scope, hub) in overrides {
        match scope {
            Some(r) if r == *region => return Some(hub),
            Some(_) => {}
            None => nationwide = nationwide.or(Some(hub)),
        }
    }
    nationwide
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hub_wins_over_cap_coverage_and_nothing_is_never_a_default() {
        assert_eq!(
            citizen_destination(Some("POMEZIA"), Some("POLO")),
            Some(("POLO", RoutingReason::HubOverride))
        );
        assert_eq!(
            citizen_destination(Some("POMEZIA"), None),
            Some(("POMEZIA", RoutingReason::CapCoverage))
        );
        assert_eq!(
            citizen_destination(None, Some("POLO")),
            Some(("POLO", RoutingReason::HubOverride))
        );
        assert_eq!(citizen_destination::<&str>(None, None), None);
    }

    #[test]
    fn a_regional_hub_comes_before_a_nationwide_one() {
        let overrides = [
            (None, "NAZIONALE"),
            (Some(12), "LAZIO"),
            (Some(3), "LOMBARDIA"),
        ];
        assert_eq!(applicable_hub(overrides, &12), Some("LAZIO"));
        assert_eq!(applicable_hub(overrides, &5), Some("NAZIONALE"));
        assert_eq!(applicable_hub([(Some(3), "LOMBARDIA")], &12), None);
    }
}
