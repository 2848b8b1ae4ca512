//! Applying the policy to resolved components: catalogue obligations and data-quality checks.
//! Every finding carries its reasons; every component read is either evaluated or counted under a
//! named reason.

pub mod catalogue;
pub(crate) mod control;
mod custom;
pub mod data_quality;
pub mod evidence;
pub mod licence;
mod message;
pub mod origin;
pub mod policy;
pub mod procurement;
#[cfg(test)]
pub(crate) mod test_support;

pub use procurement::{QUANTITY_PROPERTY, UNIT_PRICE_PROPERTY};

pub use message::sentence;

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use std::sync::Arc;

use crate::findings::rules::Rule;
use crate::findings::{
    ComponentRef, Counts, Evaluated, Finding, IntroPath, OutOfScope, PATH_HEAD, PATH_MESSAGE_ENDS,
    PATH_TAIL, PathStep, Region,
};
use crate::inventory::{ComponentId, Introductions, Scope};
use crate::knowledge::Edition;
use crate::policy::Policy;
use crate::resolve::{Classification, Confidence, Resolved};

/// Evaluates one resolved inventory. `edition` is the catalogue edition that applies (none
/// before the first edition took effect).
pub fn evaluate(
    resolved: &Resolved<'_, '_, '_>,
    policy: &Policy,
    edition: Option<&Edition>,
) -> Evaluated {
    let inventory = resolved.inventory;
    let mut out = Collector {
        resolved,
        policy,
        findings: Vec::new(),
        occurrences: HashMap::new(),
        regions: std::cell::RefCell::new(HashMap::new()),
        steps: std::cell::RefCell::new(HashMap::new()),
        introductions: std::cell::OnceCell::new(),
        declarations: std::cell::OnceCell::new(),
    };
    let mut counts = Counts {
        components: inventory.components.len(),
        pedigree: inventory.pedigree_components,
        ..Counts::default()
    };
    let mut custom_facts = custom::Shared::new(policy);
    let mut procurement_account = policy.procurement_on().then(procurement::Account::default);
    for id in inventory.ids() {
        let component = inventory.component(id);
        if component.scope == Some(Scope::Excluded) {
            *counts.out_of_scope.entry(OutOfScope::Excluded).or_default() += 1;
            continue;
        }
        let first_finding = out.findings.len();
        origin::check(&mut out, id);
        if let Some(account) = &mut procurement_account {
            procurement::check(&mut out, account, id);
        }
        let catalogue_applies = policy.catalogue_applies();
        if catalogue_applies {
            licence::check(&mut out, id);
        }
        let reason = match &resolved.get(id).classification {
            Classification::NotAProduct => Some(OutOfScope::NotAProduct),
            Classification::SoftwarePackage => Some(OutOfScope::SoftwarePackage),
            Classification::PartOfProduct(_) => Some(OutOfScope::PartOfProduct),
            Classification::Unclassified => {
                data_quality::unclassified(&mut out, id, catalogue_applies)
            }
            Classification::Matched(matches) => {
                if matches.iter().any(|m| m.category.catalogue) {
                    counts.evaluated += 1;
                    if let Some(edition) = edition.filter(|_| catalogue_applies) {
                        catalogue::evaluate_component(&mut out, id, matches, edition);
                    }
                    None
                } else {
                    Some(OutOfScope::NotACatalogueType)
                }
            }
        };
        if let Some(reason) = reason {
            *counts.out_of_scope.entry(reason).or_default() += 1;
        }
        custom::check(&mut out, &mut custom_facts, id, first_finding);
    }
    for (id, problem) in &resolved.declaration_problems {
        data_quality::invalid_declaration(&mut out, *id, problem);
    }
    let (procurement, amount_warnings) = match procurement_account {
        Some(a) => {
            let (account, warnings) = procurement::finish(&mut out, a);
            (Some(account), warnings)
        }
        None => (None, Vec::new()),
    };
    let excerpt = if policy.excerpts {
        inventory.excerpt(out.findings.iter().filter_map(|f| f.span.clone()))
    } else {
        crate::inventory::excerpt::Excerpt::default()
    };
    Evaluated {
        format: inventory.format,
        spec_version: inventory.spec_version.clone(),
        findings: out.findings,
        diagnostics: inventory
            .diagnostics
            .iter()
            .cloned()
            .chain(custom_facts.failures)
            .chain(amount_warnings)
            .collect(),
        counts,
        procurement,
        excerpt,
    }
}

/// Characters of a name a message, a path step or a report quotes: a name can be megabytes long.
const NAME_EXCERPT: usize = 200;

/// `group/name version` as messages and paths show a component, quoting at most
/// `NAME_EXCERPT` characters of the name (without first copying all of a huge one).
fn shown_name(c: &crate::inventory::Component<'_>) -> String {
    let name = if c.name.is_empty() {
        "(unnamed component)"
    } else {
        &c.name
    };
    let mut shown = match &c.group {
        Some(g) if !g.is_empty() => format!("{}/", crate::findings::excerpt(g, NAME_EXCERPT)),
        _ => String::new(),
    };
    shown.push_str(&crate::findings::excerpt(name, NAME_EXCERPT));
    if let Some(v) = c.version.as_ref().filter(|v| !v.is_empty()) {
        shown.push(' ');
        shown.push_str(&crate::findings::excerpt(v, NAME_EXCERPT));
    }
    shown
}

/// Gathers findings and gives each a stable fingerprint.
struct Collector<'r, 'i, 'a, 'k> {
    resolved: &'r Resolved<'i, 'a, 'k>,
    policy: &'r Policy,
    findings: Vec<Finding>,
    /// How often each fingerprint base has been used, so that identical components (two units of
    /// the same model) get distinct fingerprints in document order.
    occurrences: HashMap<String, u32>,
    /// Regions of the components findings or paths have named: a component often has several
    /// findings and appears on many paths, and looking a position up again means counting lines
    /// again.
    regions: std::cell::RefCell<HashMap<ComponentId, Region>>,
    /// Path steps already made, shared by the paths of every finding they lie on.
    steps: std::cell::RefCell<HashMap<ComponentId, Arc<PathStep>>>,
    /// Shortest paths from the roots, computed when the first finding needs one.
    introductions: std::cell::OnceCell<Introductions>,
    /// The declarations of each component (indices into the inventory's), so that a finding
    /// finds its own without scanning every declaration.
    declarations: std::cell::OnceCell<HashMap<ComponentId, Vec<usize>>>,
}

impl Collector<'_, '_, '_, '_> {
    /// Adds a finding at no more than `cap` unless the policy sets the rule's level by its id
    /// (a team that denies the rule wants every case at its level).
    fn push_at_most(
        &mut self,
        cap: crate::findings::rules::Level,
        rule: &'static Rule,
        id: ComponentId,
        message: String,
        confidence: Option<Confidence>,
    ) {
        let before = self.findings.len();
        self.push(rule, id, message, None, confidence);
        if !self.policy.levels.contains_key(rule.id)
            && let Some(f) = self.findings.get_mut(before)
        {
            f.level = f.level.min(cap);
        }
    }

    /// Adds a finding unless the policy turns the rule off.
    fn push(
        &mut self,
        rule: &'static Rule,
        id: ComponentId,
        message: String,
        item: Option<String>,
        confidence: Option<Confidence>,
    ) {
        let Some(level) = self.policy.level(rule) else {
            return;
        };
        let inventory = self.resolved.inventory;
        let component = self.component_ref(id);
        let region = self.region_of(id);
        let fingerprint = self.fingerprint(
            rule,
            item.as_deref(),
            &component,
            &inventory.component(id).name,
        );
        let path = self.path_to(id);
        let mut message = message;
        if path.len() >= 3 {
            message.push_str(&format!(
                " Introduced via {}.",
                path.describe(PATH_MESSAGE_ENDS)
            ));
        }
        let related = self
            .declarations
            .get_or_init(|| {
                let mut by_component: HashMap<ComponentId, Vec<usize>> = HashMap::new();
                for (i, d) in inventory.declarations.iter().enumerate() {
                    by_component.entry(d.component).or_default().push(i);
                }
                by_component
            })
            .get(&id)
            .map(|list| {
                list.iter()
                    .map(|&i| inventory.declarations[i].clone())
                    .collect()
            })
            .unwrap_or_default();
        // A message is built by appending and keeps up to twice its length in capacity; a
        // report of a million findings holds a million of them.
        message.shrink_to_fit();
        let span = inventory.cells.is_none().then(|| {
            let span = inventory.component(id).span;
            span.start..span.end
        });
        self.findings.push(Finding {
            rule,
            level,
            message,
            component,
            region,
            span,
            catalogue_item: item,
            confidence,
            fingerprint,
            suppression: None,
            new_since_baseline: false,
            path,
            related,
        });
    }

    /// The component as reports show it.
    fn component_ref(&self, id: ComponentId) -> ComponentRef {
        let c = self.resolved.inventory.component(id);
        let identity = self.resolved.get(id).vendor.as_ref();
        ComponentRef {
            // A name can be megabytes long; reports show the start of it (the fingerprint
            // hashes all of it).
            name: crate::findings::excerpt(&c.name, NAME_EXCERPT).into_owned(),
            group: c.group.as_ref().map(|g| g.to_string()),
            version: c.version.as_ref().map(|v| v.to_string()),
            kind: c.kind.as_str().to_string(),
            purl: c.purl.as_ref().map(|p| p.to_string()),
            bom_ref: c.bom_ref.as_ref().map(|r| r.to_string()),
            vendor: identity.and_then(|v| v.display_name()).map(str::to_string),
            vendor_id: identity
                .and_then(|v| v.registered)
                .map(|(v, _)| v.id.clone()),
            vendor_written: identity
                .and_then(|v| v.written.as_ref())
                .map(|(_, name)| name.to_string()),
        }
    }

    /// Adds a finding about the BOM as a whole: located at its subject (the root component)
    /// where it has one, else at the start of the file.
    fn push_document(&mut self, rule: &'static Rule, message: String) {
        let inventory = self.resolved.inventory;
        if let Some(root) = inventory.ids().find(|&id| inventory.component(id).is_root) {
            self.push(rule, root, message, None, None);
            return;
        }
        let Some(level) = self.policy.level(rule) else {
            return;
        };
        let start = inventory.position(0);
        let component = ComponentRef {
            name: inventory.source.display.clone(),
            group: None,
            version: None,
            kind: "bom".to_string(),
            purl: None,
            bom_ref: None,
            vendor: None,
            vendor_id: None,
            vendor_written: None,
        };
        let name = component.name.clone();
        let fingerprint = self.fingerprint(rule, None, &component, &name);
        self.findings.push(Finding {
            rule,
            level,
            message,
            component,
            region: Region { start, end: start },
            span: inventory.cells.is_none().then_some(0..0),
            catalogue_item: None,
            confidence: None,
            fingerprint,
            suppression: None,
            new_since_baseline: false,
            path: IntroPath::default(),
            related: Vec::new(),
        });
    }

    /// The path that introduces a component, each step with its place in the file; a long path
    /// keeps its ends only (see [`IntroPath`]).
    fn path_to(&self, id: ComponentId) -> IntroPath {
        let inventory = self.resolved.inventory;
        let introductions = self
            .introductions
            .get_or_init(|| Introductions::new(inventory));
        let Some(bounded) = introductions.bounded(id, PATH_HEAD, PATH_TAIL) else {
            return IntroPath::default();
        };
        let step = |at: ComponentId| {
            self.steps
                .borrow_mut()
                .entry(at)
                .or_insert_with(|| {
                    Arc::new(PathStep {
                        name: shown_name(inventory.component(at)),
                        region: self.region_of(at),
                    })
                })
                .clone()
        };
        IntroPath {
            head: bounded.head.into_iter().map(step).collect(),
            omitted: bounded.omitted,
            tail: bounded.tail.into_iter().map(step).collect(),
        }
    }

    /// Where a component is in its file.
    fn region_of(&self, id: ComponentId) -> Region {
        let inventory = self.resolved.inventory;
        self.regions
            .borrow_mut()
            .entry(id)
            .or_insert_with(|| {
                let c = inventory.component(id);
                Region {
                    start: inventory.position(c.span.start),
                    end: inventory.position(c.span.end),
                }
            })
            .clone()
    }

    /// `hash:occurrence`, the form GitHub code scanning uses for `primaryLocationLineHash`. The
    /// hash covers the rule, the item, the file and the component's identity (its purl, or its
    /// kind, group, name, version and vendor), not its position: a regenerated or reformatted BOM
    /// keeps its alerts.
    fn fingerprint(
        &mut self,
        rule: &Rule,
        item: Option<&str>,
        c: &ComponentRef,
        name: &str,
    ) -> String {
        let identity = match &c.purl {
            Some(purl) => purl.clone(),
            None => format!(
                "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
                c.kind,
                c.group.as_deref().unwrap_or(""),
                name,
                c.version.as_deref().unwrap_or(""),
                c.vendor.as_deref().unwrap_or("")
            ),
        };
        let file = &self.resolved.inventory.source.display;
        let base = format!(
            "{}\u{1e}{}\u{1e}{}\u{1e}{}",
            rule.id,
            item.unwrap_or(""),
            file,
            identity
        );
        let digest = Sha256::digest(base.as_bytes());
        let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        let n = self.occurrences.entry(hash.clone()).or_insert(0);
        *n += 1;
        format!("{hash}:{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{bom, evaluate, policy_on};
    use crate::inventory::excerpt::Excerpt;

    #[test]
    fn the_lines_around_findings_are_kept_only_when_a_report_quotes_them() {
        let text = bom(r#"{"type":"device","name":"Edge router"}"#);
        let mut policy = policy_on("2026-06-01");
        let quoted = evaluate(&text, &policy);
        assert!(!quoted.findings.is_empty());
        assert_ne!(quoted.excerpt, Excerpt::default());
        policy.excerpts = false;
        let unquoted = evaluate(&text, &policy);
        let messages = |e: &super::Evaluated| -> Vec<String> {
            e.findings.iter().map(|f| f.message.clone()).collect()
        };
        assert_eq!(messages(&unquoted), messages(&quoted));
        assert_eq!(unquoted.excerpt, Excerpt::default());
    }
}
