//! Applying the policy file's exceptions to a run's findings: a finding an exception covers is
//! marked suppressed with the exception's reason; an exception past its expiry suppresses nothing
//! and is reported, as is one that matches nothing. Deciding here, after every file is
//! evaluated, is what lets "matches nothing" mean nothing in the whole run.

use crate::findings::rules::Rule;
use crate::findings::{Finding, PolicyFinding, Report, Suppression};
use crate::knowledge::vendors::normalize;
use crate::policy::{ComponentSelector, Exception, Policy};

/// Marks the suppressed findings of `report` and adds the policy findings.
pub fn apply(report: &mut Report, policy: &Policy) {
    let as_of = policy.as_of;
    let mut matched = vec![0usize; policy.exceptions.len()];
    for file in &mut report.files {
        let Ok(evaluated) = &mut file.outcome else {
            continue;
        };
        for finding in &mut evaluated.findings {
            let Some((i, e)) = policy
                .exceptions
                .iter()
                .enumerate()
                .find(|(_, e)| covers(e, finding))
            else {
                continue;
            };
            matched[i] += 1;
            match e.expires {
                Some(last) if as_of > last => {
                    finding.message.push_str(&format!(
                        " (This finding was excepted until {last} by {}; that exception has expired.)",
                        e.describe()
                    ));
                }
                _ => {
                    finding.suppression = Some(Suppression {
                        reason: e.reason.clone(),
                        location: e.location.clone(),
                        expires: e.expires,
                    });
                }
            }
        }
    }
    for (e, count) in policy.exceptions.iter().zip(matched) {
        let expired = e.expires.filter(|last| as_of > *last);
        let (rule, message): (&'static Rule, String) = match expired {
            Some(last) => (
                &crate::evaluate::policy::rules::EXCEPTION_EXPIRED,
                format!(
                    "{} expired on {last} (as of {as_of}), so the {count} finding{} it covered {} reported again. Its reason was: {}",
                    capitalise(&e.describe()),
                    if count == 1 { "" } else { "s" },
                    if count == 1 { "is" } else { "are" },
                    e.reason
                ),
            ),
            None if count == 0 => (
                &crate::evaluate::policy::rules::EXCEPTION_UNUSED,
                format!(
                    "{} matched no finding in this run: remove it if its finding is gone, or correct its component or rule.",
                    capitalise(&e.describe())
                ),
            ),
            None => continue,
        };
        if let Some(level) = policy.level(rule) {
            report.policy_findings.push(PolicyFinding {
                rule,
                level,
                message,
                location: e.location.clone(),
            });
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Whether an exception covers a finding: the same rule, and every component field it gives
/// matches.
pub fn covers(e: &Exception, f: &Finding) -> bool {
    e.rule == f.rule.id && selects(&e.component, f)
}

fn selects(s: &ComponentSelector, f: &Finding) -> bool {
    let c = &f.component;
    let purl_ok = s.purl.as_deref().is_none_or(|want| {
        c.purl.as_deref().is_some_and(|have| {
            have == want
                || (!want.contains('@')
                    && have.split(['@', '?', '#']).next() == Some(want.trim_end_matches('/')))
        })
    });
    let name_ok = s
        .name
        .as_deref()
        .is_none_or(|want| c.name.trim().eq_ignore_ascii_case(want.trim()));
    let ref_ok = s
        .bom_ref
        .as_deref()
        .is_none_or(|want| c.bom_ref.as_deref() == Some(want));
    let vendor_ok = s.vendor.as_deref().is_none_or(|want| {
        c.vendor_id.as_deref() == Some(want)
            || c.vendor
                .as_deref()
                .is_some_and(|have| normalize(have) == normalize(want))
    });
    purl_ok && name_ok && ref_ok && vendor_ok
}
