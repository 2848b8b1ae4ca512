//! The wording of the origin findings that only origin uses: the sources line, the facts of a
//! list entry, and what a rule that needs the vendor says when it has none.

use crate::evaluate::message;
use crate::inventory::ComponentId;
use crate::knowledge::{Entry, Status};
use crate::resolve::Resolved;

/// "Sources: S-FCC-LIST, S-FCC-TLP-2021.": the source keys a finding rests on.
pub(super) fn sources(keys: &[String]) -> String {
    format!("Sources: {}.", keys.join(", "))
}

/// "(added 2021-03-12)", with the status of the date and of the entry when not confirmed.
pub(super) fn entry_facts(entry: &Entry) -> String {
    let mut facts = vec![format!("added {}", entry.added)];
    match (entry.added_status, entry.status) {
        (Status::Confirmed, Status::Confirmed) => {}
        (date, entry) if date == entry => {
            facts.push(format!("the entry and its date are {}", entry.describe()));
        }
        (date, entry) => {
            if date != Status::Confirmed {
                facts.push(format!("that date is {}", date.describe()));
            }
            if entry != Status::Confirmed {
                facts.push(format!("the entry is {}", entry.describe()));
            }
        }
    }
    facts.join("; ")
}

/// "… needs its vendor for the FCC Covered List (--market us), …, but the vendor could not be
/// identified": what a rule that needs the vendor says when the BOM's names match no vendor.
pub(super) fn unresolved_vendor(
    resolved: &Resolved<'_, '_, '_>,
    id: ComponentId,
    why: &str,
) -> String {
    let c = resolved.inventory.component(id);
    let named: Vec<String> = c
        .parties()
        .map(|(field, name)| format!("{} \"{}\"", field.as_str(), name.trim()))
        .collect();
    let written = if named.is_empty() {
        "The BOM names no manufacturer, supplier, publisher or author for it".to_string()
    } else {
        format!(
            "The vendor registry knows none of the names the BOM gives ({})",
            named.join(", ")
        )
    };
    format!(
        "{} needs its vendor for {why}, but the vendor could not be identified. {written}, and neither its package URL nor its CPE names a known vendor. Name the manufacturer as registered, or add the vendor to an extra vendor file.",
        message::component(resolved, id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;

    /// The FCC Covered List's Huawei entry, with the statuses a test sets.
    fn huawei_entry(added_status: Status, status: Status) -> Entry {
        let pack = Knowledge::builtin()
            .packs
            .iter()
            .find(|p| p.id == "us-fcc-covered-list")
            .expect("the FCC pack");
        let mut entry = pack
            .entries
            .iter()
            .find(|e| e.vendor == "huawei")
            .expect("the Huawei entry")
            .clone();
        entry.added_status = added_status;
        entry.status = status;
        entry
    }

    #[test]
    fn entry_facts_name_the_date_and_add_only_the_statuses_that_are_not_confirmed() {
        use Status::*;
        assert_eq!(
            entry_facts(&huawei_entry(Confirmed, Confirmed)),
            "added 2021-03-12"
        );
        assert_eq!(
            entry_facts(&huawei_entry(Corroborated, Corroborated)),
            "added 2021-03-12; the entry and its date are corroborated by several secondary sources only"
        );
        assert_eq!(
            entry_facts(&huawei_entry(Inferred, Confirmed)),
            "added 2021-03-12; that date is inferred, not stated in any source"
        );
        assert_eq!(
            entry_facts(&huawei_entry(Confirmed, Secondary)),
            "added 2021-03-12; the entry is from one secondary source only"
        );
        assert_eq!(
            entry_facts(&huawei_entry(Inferred, Secondary)),
            "added 2021-03-12; that date is inferred, not stated in any source; the entry is from one secondary source only"
        );
    }
}
