//! Whether a BOM carries evidence that a catalogue product may be sold: a certification
//! certificate, a testing report, a MPS sales permit or a CCC certificate for information security
//! products, from the component's `catscan:` properties or from the user's list of certified
//! products, each judged as of the run's date.

pub mod rules;
#[cfg(test)]
mod tests;

use std::fmt;

use time::Date;

use crate::inventory::Component;
use crate::knowledge::{ItemGroup, Knowledge, Status};
use crate::policy::certified::{CertifiedList, ListedKind};
use crate::resolve::category::MODEL_PROPERTIES;
use crate::resolve::vendor::VendorIdentity;

/// Evidence properties, in the `catscan:` namespace (documented in the README).
pub(crate) const CERTIFICATE: &str = "catscan:certificate";
pub(crate) const CERTIFICATE_ISSUED: &str = "catscan:certificate-issued";
pub(crate) const CERTIFICATE_EXPIRY: &str = "catscan:certificate-expiry";
pub(crate) const TEST_REPORT: &str = "catscan:test-report";
pub(crate) const TEST_REPORT_DATE: &str = "catscan:test-report-date";
pub(crate) const MOPS_PERMIT: &str = "catscan:mops-permit";
pub(crate) const MOPS_PERMIT_ISSUED: &str = "catscan:mops-permit-issued";
pub(crate) const MOPS_PERMIT_EXPIRY: &str = "catscan:mops-permit-expiry";
pub(crate) const CCCI_CERTIFICATE: &str = "catscan:ccci-certificate";
pub(crate) const CCCI_ISSUED: &str = "catscan:ccci-issued";
pub(crate) const CCCI_EXPIRY: &str = "catscan:ccci-expiry";

/// The date properties, for checking their values.
pub const DATE_PROPERTIES: &[&str] = &[
    CERTIFICATE_ISSUED,
    CERTIFICATE_EXPIRY,
    TEST_REPORT_DATE,
    MOPS_PERMIT_ISSUED,
    MOPS_PERMIT_EXPIRY,
    CCCI_ISSUED,
    CCCI_EXPIRY,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// The kinds of evidence that a catalogue product may be sold.
pub enum Kind {
    /// A security certification certificate (CNCA-CCIS), valid for a term from its issue.
    Certificate,
    /// A security testing report (安全检测报告); it counts from its date, no validity period being known.
    TestReport,
    /// The Ministry of Public Security's sales permit for computer information system security
    /// products, issued until 2023-06-30 and valid for its term.
    MopsPermit,
    /// A CCC (China Compulsory Certification) certificate for information security products.
    Ccci,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Self::Certificate => "security certification certificate",
            Self::TestReport => "security testing report",
            Self::MopsPermit => "MPS sales permit",
            Self::Ccci => "CCC certificate for information security products",
        }
    }
}

/// Where a piece of evidence was stated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A `catscan:` property of the component (the property's name).
    Property(&'static str),
    /// A row of the list of certified products (`--certified`).
    List {
        /// The list's file, as reports name it.
        file: String,
        /// 1-based line of the row.
        line: u64,
    },
}

/// A certificate, report or permit the BOM or the list records for a component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// What kind of evidence it is.
    pub kind: Kind,
    /// The certificate, report or permit number, as written.
    pub number: String,
    /// The day it was issued (for a report, its date); `None` when not recorded.
    pub issued: Option<Date>,
    /// The last day on which the evidence is valid (有效期至: the day itself counts).
    pub expiry: Option<Date>,
    /// Where it was stated.
    pub origin: Origin,
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.kind.describe(), self.number)?;
        if let Some(d) = self.issued {
            write!(f, " issued {d}")?;
        }
        if let Some(d) = self.expiry {
            write!(f, ", expiring {d}")?;
        }
        match &self.origin {
            Origin::Property(p) => write!(f, " (property {p})"),
            Origin::List { file, line } => write!(f, " ({file}, line {line})"),
        }
    }
}

/// What a piece of evidence is worth on the run's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assessment {
    /// It counts; the note says what could not be checked, if anything.
    Valid(Option<String>),
    /// It counts only on grounds the research marks inferred or unknown, so it cannot settle
    /// the obligation; the text says why.
    Doubtful(String),
    /// It does not count, and why.
    Invalid(String),
    /// It cannot be genuine: a sales permit dated after the last day permits were issued.
    NotGenuine(String),
}

/// The evidence recorded for a component: its properties first, then matching list rows.
pub fn collect(
    c: &Component<'_>,
    vendor_names: &[&str],
    list: Option<&CertifiedList>,
    knowledge: &Knowledge,
) -> Vec<Evidence> {
    let prop = |name: &str| {
        c.property(name)
            .map(|p| p.value.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let date = |name: &str| prop(name).and_then(|v| crate::inventory::dates::parse(&v));
    let mut out = Vec::new();
    for (kind, number, issued, expiry) in [
        (
            Kind::Certificate,
            CERTIFICATE,
            Some(CERTIFICATE_ISSUED),
            Some(CERTIFICATE_EXPIRY),
        ),
        (Kind::TestReport, TEST_REPORT, Some(TEST_REPORT_DATE), None),
        (
            Kind::MopsPermit,
            MOPS_PERMIT,
            Some(MOPS_PERMIT_ISSUED),
            Some(MOPS_PERMIT_EXPIRY),
        ),
        (
            Kind::Ccci,
            CCCI_CERTIFICATE,
            Some(CCCI_ISSUED),
            Some(CCCI_EXPIRY),
        ),
    ] {
        if let Some(n) = prop(number) {
            out.push(Evidence {
                kind,
                number: n,
                issued: issued.and_then(date),
                expiry: expiry.and_then(date),
                origin: Origin::Property(number),
            });
        }
    }
    if let Some(list) = list {
        let models: Vec<&str> = std::iter::once(c.name.as_ref())
            .chain(
                c.properties
                    .iter()
                    .filter(|p| MODEL_PROPERTIES.contains(&p.name.as_ref()))
                    .map(|p| p.value.as_ref()),
            )
            .collect();
        for row in list.matching(knowledge, vendor_names, &models) {
            out.push(Evidence {
                kind: match row.kind {
                    ListedKind::Report => Kind::TestReport,
                    ListedKind::Certificate | ListedKind::Unstated => Kind::Certificate,
                },
                number: row.number.clone(),
                issued: row.issued,
                expiry: row.expiry,
                origin: Origin::List {
                    file: list.file.clone(),
                    line: row.line,
                },
            });
        }
    }
    out
}

/// Judges one piece of evidence for an item of `group` on `as_of`.
pub fn assess(e: &Evidence, group: ItemGroup, as_of: Date, knowledge: &Knowledge) -> Assessment {
    let rules = &knowledge.regime.evidence;
    if let Some(why) = permit_not_genuine(e, knowledge) {
        return Assessment::NotGenuine(why);
    }
    if let Some(issued) = e.issued.filter(|d| *d > as_of) {
        return Assessment::Invalid(format!("it was issued on {issued}, after {as_of}"));
    }
    match e.kind {
        Kind::Certificate => {
            let (expiry, derived) = match (e.expiry, e.issued) {
                (Some(x), _) => (Some(x), false),
                (None, Some(issued)) => (
                    Some(last_day_of_term(issued, rules.certification.validity_years)),
                    true,
                ),
                (None, None) => (None, false),
            };
            match expiry {
                Some(x) if x < as_of => Assessment::Invalid(if derived {
                    format!(
                        "it was valid until {x}, {} years after its issue ({}: {})",
                        rules.certification.validity_years,
                        rules.certification.validity_status.describe(),
                        rules.certification.validity_note
                    )
                } else {
                    format!("it was valid until {x}")
                }),
                Some(x) if derived => Assessment::Valid(Some(format!(
                    "valid until {x}, taking the {}-year validity of certificates ({})",
                    rules.certification.validity_years,
                    rules.certification.validity_status.describe()
                ))),
                Some(_) => Assessment::Valid(None),
                None => Assessment::Valid(Some(
                    "no dates are given, so its validity was not checked".into(),
                )),
            }
        }
        Kind::TestReport => match e.issued {
            Some(_) => Assessment::Valid(None),
            None => Assessment::Valid(Some("no date is given".into())),
        },
        Kind::MopsPermit => {
            let permit = &rules.mops_permit;
            if group != permit.applies_to {
                return Assessment::Invalid(format!(
                    "a sales permit is for computer information system security products, not for {}",
                    group.name_en()
                ));
            }
            match e.expiry {
                Some(x) if x < as_of => Assessment::Invalid(format!(
                    "it was valid until {x}; a permit counts only until its expiry"
                )),
                Some(_) => Assessment::Valid(Some(format!(
                    "sales permits are no longer issued, but one issued before {} remains valid until it expires",
                    permit.last_issue.next_day().unwrap_or(permit.last_issue)
                ))),
                None => Assessment::Invalid(
                    "its expiry is not given, and a permit counts only until its expiry".into(),
                ),
            }
        }
        Kind::Ccci => {
            let ccci = &rules.ccci;
            if as_of >= ccci.ended {
                return Assessment::Invalid(format!(
                    "CCC for information security products is not evidence on or after {}: {}",
                    ccci.ended, ccci.note
                ));
            }
            match e.expiry {
                Some(x) if x < as_of => Assessment::Invalid(format!("it was valid until {x}")),
                _ => {
                    let why = format!(
                        "it is accepted only until {}, and that it met the obligation before then is {} ({})",
                        ccci.ended,
                        ccci.accepted_before_end_status.describe(),
                        ccci.accepted_before_end_note
                    );
                    if ccci.accepted_before_end_status >= Status::Inferred {
                        Assessment::Doubtful(why)
                    } else {
                        Assessment::Valid(Some(why))
                    }
                }
            }
        }
    }
}

/// The last day of a term of `years` that starts on `issued`: a certificate issued on 2019-04-01
/// for five years is valid until 2024-03-31. A term that starts on 29 February ends on 28 February.
fn last_day_of_term(issued: Date, years: u8) -> Date {
    let year = issued.year() + i32::from(years);
    let anniversary = issued.replace_year(year).unwrap_or_else(|_| {
        // 29 February in a year that has none: the term runs to the end of February.
        Date::from_calendar_date(year, time::Month::March, 1).expect("1 March exists")
    });
    anniversary
        .previous_day()
        .expect("not the first day of the calendar")
}

/// Why a sales permit cannot be genuine: it is dated after the last day permits were issued.
pub fn permit_not_genuine(e: &Evidence, knowledge: &Knowledge) -> Option<String> {
    let permit = &knowledge.regime.evidence.mops_permit;
    let issued = e
        .issued
        .filter(|d| e.kind == Kind::MopsPermit && *d > permit.last_issue)?;
    Some(format!(
        "it is dated {issued}, but no sales permit has been issued since {}: {}",
        permit.last_issue, permit.note
    ))
}

/// The names a list row's vendor may match: the registry's name for the component's vendor,
/// and every organisation the BOM names for it.
pub fn vendor_names<'c>(
    c: &'c Component<'_>,
    vendor: Option<&'c VendorIdentity<'_>>,
) -> Vec<&'c str> {
    let mut names: Vec<&str> = vendor
        .and_then(|v| v.registered.map(|(r, _)| r.name.as_str()))
        .into_iter()
        .collect();
    names.extend(c.parties().map(|(_, n)| n));
    names
}

/// Whether an evidence date property holds a date (for `data-quality-invalid-declaration`).
pub fn bad_dates<'c>(c: &'c Component<'_>) -> impl Iterator<Item = (&'c str, &'c str)> + 'c {
    c.properties
        .iter()
        .filter(|p| {
            DATE_PROPERTIES.contains(&p.name.as_ref())
                && crate::inventory::dates::parse(p.value.trim()).is_none()
        })
        .map(|p| (p.name.as_ref(), p.value.as_ref()))
}
