//! The legal bases the rules cite, read from `catalogues/legal-bases.toml`, and the "Legal basis"
//! paragraph of a rule's help written from them.
//!
//! A citation (an article, its quotation, its renumbering, the dates it is in force from) is data:
//! it is corrected in one file and every rule that cites it, in SARIF, `catscan explain` and
//! `catscan rules`, says the same thing.

use std::fmt::Write as _;

use serde::Deserialize;
use time::Date;

use super::catalogue::Law;
use super::{Status, date};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LegalBasesFile {
    #[serde(rename = "basis")]
    pub(crate) bases: Vec<LegalBasis>,
}

/// A provision a rule rests on: a law's article, a notice's clause, a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// What rules cite it by (`cn-csl-product-certification`).
    pub id: String,
    /// The instrument as cited, with its Chinese title where it has one.
    pub instrument: String,
    /// The article, section or clause, as numbered from `in_force_from`; none when the whole
    /// instrument is the basis (a list, a decision).
    pub provision: Option<String>,
    #[serde(with = "date")]
    /// The first day the provision applied under this number.
    pub in_force_from: Date,
    /// How well the sources support `in_force_from`.
    pub in_force_from_status: Status,
    /// Later numbers of the same provision, oldest first.
    #[serde(default)]
    pub renumbered: Vec<Renumbering>,
    /// The verbatim text, where the help quotes it.
    pub quote: Option<String>,
    /// What the quotation is of, when it is not the provision itself.
    pub quote_note: Option<String>,
    /// What the provision says, in English.
    pub english: String,
    /// Anything else the citation says (an amendment, a scope), after the English.
    pub note: Option<String>,
    /// How well the sources support the citation as a whole.
    pub status: Status,
    /// What of the provision was read, and where, when it is not confirmed.
    pub status_note: Option<String>,
    /// Keys of `catalogues/sources.toml` the citation rests on.
    pub sources: Vec<String>,
    /// What breaking the provision costs: the penalty provisions, oldest first, each from the
    /// day it applied. Empty where no penalty was read; a reader of the help should know what is
    /// at stake, and a penalty is only written down from a source.
    #[serde(default, rename = "penalty")]
    pub penalties: Vec<Penalty>,
}

/// A provision that sets the penalty for breaking a basis (article 63 of the Cybersecurity Law
/// from 2026-01-01 for selling uncertified catalogue products).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    /// The penalty provision (`article 63`).
    pub provision: String,
    #[serde(with = "date")]
    /// The first day it applied under this number.
    pub from: Date,
    /// The verbatim text, where it was read.
    pub quote: Option<String>,
    /// What it imposes, in English.
    pub english: String,
    /// Anything else a reader needs (what applied before, what was not read).
    pub note: Option<String>,
    /// How well the sources support it.
    pub status: Status,
    /// Keys of `catalogues/sources.toml` it rests on.
    pub sources: Vec<String>,
}

impl Penalty {
    /// The penalty in one Markdown sentence group: provision, date, status below confirmed,
    /// quotation, English and note.
    pub fn markdown(&self) -> String {
        let mut out = format!("{} from {}", self.provision, self.from);
        if self.status != Status::Confirmed {
            let _ = write!(out, " ({})", self.status);
        }
        out.push(':');
        if let Some(q) = &self.quote {
            let _ = write!(out, " *{q}*");
        }
        let _ = write!(out, " {}", self.english);
        if let Some(n) = &self.note {
            let _ = write!(out, " {n}");
        }
        out
    }
}

/// A provision's new number from a date (the 2025 amendment of the Cybersecurity Law renumbers
/// article 23 as article 25 from 2026-01-01).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Renumbering {
    /// The provision's number from `from` (`article 25`).
    pub provision: String,
    #[serde(with = "date")]
    /// The first day the new number applies.
    pub from: Date,
    /// How well the sources support the renumbering.
    pub status: Status,
    /// Anything the citation says of the renumbering.
    pub note: Option<String>,
    /// Keys of `catalogues/sources.toml` the renumbering rests on.
    pub sources: Vec<String>,
}

impl LegalBasis {
    /// The citation in Markdown: the instrument and provision, from when (and each later number),
    /// the quotation, the English, the note, how firm it is, and the source keys.
    pub fn markdown(&self) -> String {
        let mut out = self.instrument.clone();
        if let Some(p) = &self.provision {
            let _ = write!(out, ", {p}");
        }
        let _ = write!(out, ", in force from {}", self.in_force_from);
        if self.in_force_from_status != Status::Confirmed {
            let _ = write!(out, " ({})", self.in_force_from_status);
        }
        for r in &self.renumbered {
            let _ = write!(out, "; {} from {}", r.provision, r.from);
            let remarks: Vec<&str> = r
                .note
                .as_deref()
                .into_iter()
                .chain((r.status != Status::Confirmed).then(|| r.status.as_str()))
                .collect();
            if !remarks.is_empty() {
                let _ = write!(out, " ({})", remarks.join("; "));
            }
        }
        out.push(':');
        if let Some(q) = &self.quote {
            let _ = write!(out, " *{q}*");
            if let Some(n) = &self.quote_note {
                let _ = write!(out, " ({n})");
            }
        }
        let _ = write!(out, " {}", self.english);
        if let Some(n) = &self.note {
            let _ = write!(out, " {n}");
        }
        if self.status != Status::Confirmed {
            let _ = write!(out, " Status: {}.", self.status.describe());
            if let Some(n) = &self.status_note {
                let _ = write!(out, " {n}");
            }
        }
        for p in &self.penalties {
            let _ = write!(out, " Penalty, {}", p.markdown());
        }
        let _ = write!(out, " Sources: {}.", self.all_sources().join(", "));
        out
    }

    /// The basis's source keys, then those of its later numbers that it does not already cite.
    pub fn all_sources(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        let all = self
            .sources
            .iter()
            .chain(self.renumbered.iter().flat_map(|r| &r.sources))
            .chain(self.penalties.iter().flat_map(|p| &p.sources));
        for key in all {
            if !keys.contains(&key.as_str()) {
                keys.push(key);
            }
        }
        keys
    }
}

/// The legal bases of the catalogue data, by id.
#[derive(Debug, Default)]
pub struct LegalBases {
    /// Every legal basis, in file order.
    pub bases: Vec<LegalBasis>,
}

impl LegalBases {
    /// The basis with this id (`cn-csl-product-certification`).
    pub fn get(&self, id: &str) -> Option<&LegalBasis> {
        self.bases.iter().find(|b| b.id == id)
    }

    /// The "**Legal basis.**" paragraph for these basis ids: one citation, or a list of them.
    /// An id that names no basis is an error naming it (the registry test keeps the built-in
    /// rules from citing one).
    pub fn paragraph(&self, ids: &[&str]) -> Result<String, String> {
        let cited: Vec<String> = ids
            .iter()
            .map(|id| {
                self.get(id).map(LegalBasis::markdown).ok_or_else(|| {
                    format!("no legal basis \"{id}\" in catalogues/legal-bases.toml")
                })
            })
            .collect::<Result<_, _>>()?;
        Ok(match cited.as_slice() {
            [] => return Err("a rule that cites the law names at least one legal basis".into()),
            [one] => format!("**Legal basis.** {one}"),
            many => format!("**Legal basis.**\n\n- {}", many.join("\n- ")),
        })
    }

    /// What is wrong with the bases beyond their TOML form: a basis defined twice, or numbered
    /// again on a date that is not after the one before.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for b in &self.bases {
            if !seen.insert(b.id.as_str()) {
                out.push(format!("legal basis \"{}\" is defined twice", b.id));
            }
            let mut previous = b.in_force_from;
            for r in &b.renumbered {
                if r.from <= previous {
                    out.push(format!(
                        "legal basis \"{}\": {} from {} is not after {previous}, the date before it",
                        b.id, r.provision, r.from
                    ));
                }
                previous = r.from;
            }
            for pair in b.penalties.windows(2) {
                if pair[1].from <= pair[0].from {
                    out.push(format!(
                        "legal basis \"{}\": penalty {} from {} is not after {} from {}",
                        b.id, pair[1].provision, pair[1].from, pair[0].provision, pair[0].from
                    ));
                }
            }
        }
        out
    }
}

/// The basis that quotes the catalogue obligation must cite it as `catalogues/cn/regime.toml`
/// records it, number for number and date for date: the regime decides which article a finding's
/// message names, the basis what the help says, and the two must not drift apart.
pub(crate) fn agreement_with_regime(bases: &LegalBases, law: &Law) -> Option<String> {
    let Some(basis) = bases
        .bases
        .iter()
        .find(|b| b.quote.as_deref() == Some(law.obligation_zh.as_str()))
    else {
        return Some(
            "no legal basis quotes the obligation of catalogues/cn/regime.toml (law.obligation_zh)"
                .into(),
        );
    };
    let numbering: Vec<(String, Date)> = basis
        .provision
        .iter()
        .map(|p| (p.clone(), basis.in_force_from))
        .chain(
            basis
                .renumbered
                .iter()
                .map(|r| (r.provision.clone(), r.from)),
        )
        .collect();
    let regime: Vec<(String, Date)> = law
        .articles
        .iter()
        .map(|a| (format!("article {}", a.number), a.from))
        .collect();
    let show = |list: &[(String, Date)]| {
        list.iter()
            .map(|(p, d)| format!("{p} from {d}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    (numbering != regime).then(|| {
        format!(
            "legal basis \"{}\" numbers the obligation {}, but catalogues/cn/regime.toml numbers it {}",
            basis.id,
            show(&numbering),
            show(&regime)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bases(text: &str) -> LegalBases {
        let file: LegalBasesFile = toml::from_str(text).expect("valid test data");
        LegalBases { bases: file.bases }
    }

    const RENUMBERED: &str = r#"
[[basis]]
id = "law-art-1"
instrument = "A Law"
provision = "article 1"
in_force_from = 2020-01-01
in_force_from_status = "confirmed"
quote = "原文"
english = "What it says."
status = "confirmed"
sources = ["S-A"]

[[basis.renumbered]]
provision = "article 3"
from = 2026-01-01
status = "inferred"
note = "two articles added before it"
sources = ["S-B"]

[[basis]]
id = "list"
instrument = "A list"
in_force_from = 2021-05-01
in_force_from_status = "secondary"
english = "Listed products may not be bought."
status = "secondary"
status_note = "One report."
sources = ["S-C"]
"#;

    #[test]
    fn a_renumbered_provision_is_cited_with_each_number_and_its_date() {
        let b = bases(RENUMBERED);
        assert_eq!(
            b.paragraph(&["law-art-1"]).unwrap(),
            "**Legal basis.** A Law, article 1, in force from 2020-01-01; article 3 from 2026-01-01 \
(two articles added before it; inferred): *原文* What it says. Sources: S-A, S-B."
        );
    }

    #[test]
    fn several_bases_are_a_list_and_a_weak_one_says_how_weak() {
        let b = bases(RENUMBERED);
        let text = b.paragraph(&["law-art-1", "list"]).unwrap();
        assert!(
            text.starts_with("**Legal basis.**\n\n- A Law, article 1,"),
            "{text}"
        );
        assert!(
            text.ends_with(
                "\n- A list, in force from 2021-05-01 (secondary): Listed products may not be bought. \
Status: from one secondary source only. One report. Sources: S-C."
            ),
            "{text}"
        );
    }

    const PENALISED: &str = r#"
[[basis]]
id = "duty"
instrument = "A Law"
provision = "article 5"
in_force_from = 2017-06-01
in_force_from_status = "confirmed"
english = "A duty."
status = "confirmed"
sources = ["S-A"]

[[basis.penalty]]
provision = "article 9"
from = 2017-06-01
english = "A fine of one to ten times the price."
status = "confirmed"
sources = ["S-A"]

[[basis.penalty]]
provision = "article 11"
from = 2026-01-01
quote = "罚款"
english = "A larger fine."
note = "Raised by the amendment."
status = "secondary"
sources = ["S-P"]
"#;

    #[test]
    fn penalties_are_cited_after_the_provision_each_from_its_day_with_its_sources() {
        let b = bases(PENALISED);
        assert_eq!(
            b.paragraph(&["duty"]).unwrap(),
            "**Legal basis.** A Law, article 5, in force from 2017-06-01: A duty. \
Penalty, article 9 from 2017-06-01: A fine of one to ten times the price. \
Penalty, article 11 from 2026-01-01 (secondary): *罚款* A larger fine. Raised by the amendment. \
Sources: S-A, S-P."
        );
        let reversed = PENALISED.replace("from = 2026-01-01", "from = 2016-01-01");
        assert_eq!(
            bases(&reversed).problems(),
            [
                "legal basis \"duty\": penalty article 11 from 2016-01-01 is not after article 9 from 2017-06-01"
            ]
        );
    }

    #[test]
    fn an_unknown_id_or_no_id_is_an_error() {
        let b = bases(RENUMBERED);
        assert_eq!(
            b.paragraph(&["law-art-2"]).unwrap_err(),
            "no legal basis \"law-art-2\" in catalogues/legal-bases.toml"
        );
        assert_eq!(
            b.paragraph(&[]).unwrap_err(),
            "a rule that cites the law names at least one legal basis"
        );
    }

    #[test]
    fn a_basis_defined_twice_or_renumbered_out_of_order_is_named() {
        let twice = format!(
            "{RENUMBERED}{}",
            &RENUMBERED[RENUMBERED.find("[[basis]]\nid = \"list\"").unwrap()..]
        );
        assert_eq!(
            bases(&twice).problems(),
            ["legal basis \"list\" is defined twice"]
        );
        let early = RENUMBERED.replace("from = 2026-01-01", "from = 2019-06-01");
        assert_eq!(
            bases(&early).problems(),
            [
                "legal basis \"law-art-1\": article 3 from 2019-06-01 is not after 2020-01-01, the date before it"
            ]
        );
    }

    #[test]
    fn the_obligation_must_be_numbered_as_the_regime_numbers_it() {
        let knowledge = crate::knowledge::Knowledge::builtin();
        assert_eq!(
            agreement_with_regime(&knowledge.legal, &knowledge.regime.law),
            None
        );
        let mut law = knowledge.regime.law.clone();
        law.articles[1].number = 26;
        assert_eq!(
            agreement_with_regime(&knowledge.legal, &law).unwrap(),
            "legal basis \"cn-csl-product-certification\" numbers the obligation article 23 from 2017-06-01, \
article 25 from 2026-01-01, but catalogues/cn/regime.toml numbers it article 23 from 2017-06-01, article 26 from 2026-01-01"
        );
        law.obligation_zh.push('。');
        assert_eq!(
            agreement_with_regime(&knowledge.legal, &law).unwrap(),
            "no legal basis quotes the obligation of catalogues/cn/regime.toml (law.obligation_zh)"
        );
    }
}
