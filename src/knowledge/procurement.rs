//! Procurement rules (`catalogues/procurement/*.toml`): government-procurement exclusions, the
//! "secure and reliable" evaluation lists and the demand standards that require them, and the
//! product classes (CPU, operating system, database, security software) they are about. Each
//! instrument is one file with its issuer, document number, dates, scope and status; the
//! evaluation lives in `evaluate::procurement`.

use serde::Deserialize;
use time::Date;

use super::vocabulary::Words;
use super::{Status, date, opt_date};

/// What kind of instrument a file holds, and so what test it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InstrumentKind {
    /// A list of evaluated products that other instruments require (安全可靠测评结果).
    EvaluationList,
    /// Only the listed products (or brands) may be bought.
    ApprovedList,
    /// Buyers must require products of some classes to be on an evaluation list.
    ListRequirement,
    /// Named products may not be bought.
    ExcludedProducts,
    /// Named brands were dropped from an approved list.
    DroppedVendors,
    /// No list a BOM can be checked against; kept for `catscan explain`.
    Guidance,
}

impl InstrumentKind {
    /// The kind as messages and `catscan explain` word it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::EvaluationList => "evaluation list",
            Self::ApprovedList => "approved list",
            Self::ListRequirement => "list requirement",
            Self::ExcludedProducts => "excluded products",
            Self::DroppedVendors => "dropped vendors",
            Self::Guidance => "guidance (no list)",
        }
    }
}

/// The procurement policy that turns an instrument on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Buyer {
    /// Party and government organs at township level and above (`--procurement cn-government`).
    #[serde(rename = "procurement-cn-government")]
    CnGovernment,
    /// Central state organs buying through the central government procurement centre
    /// (`--procurement cn-central`); they are government buyers too.
    #[serde(rename = "procurement-cn-central")]
    CnCentral,
}

impl Buyer {
    /// The policy value (`cn-central`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CnGovernment => "cn-government",
            Self::CnCentral => "cn-central",
        }
    }

    /// Reads a policy value (`cn-government`, `cn-central`); `None` for any other.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "cn-government" => Some(Self::CnGovernment),
            "cn-central" => Some(Self::CnCentral),
            _ => None,
        }
    }

    /// Whether a buyer of this kind is bound by instruments for `other`: central organs are
    /// government organs.
    pub fn includes(self, other: Buyer) -> bool {
        self == other || (self == Self::CnCentral && other == Self::CnGovernment)
    }

    /// The command-line words, for messages.
    pub fn flag(self) -> &'static str {
        match self {
            Self::CnGovernment => "--procurement cn-government",
            Self::CnCentral => "--procurement cn-central",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct InstrumentFile {
    pub instrument: Instrument,
    #[serde(default, rename = "covers")]
    pub covers: Vec<Coverage>,
    #[serde(default, rename = "announcement")]
    pub announcements: Vec<Announcement>,
    #[serde(default, rename = "entry")]
    pub entries: Vec<ListEntry>,
}

/// One procurement instrument.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// The instrument's id, its file's name (`cn-mof-demand-std-2023`).
    pub id: String,
    /// What the instrument is, in English.
    pub name: String,
    /// The instrument's title in Chinese, as issued (`政府采购需求标准（2023年版）`).
    pub name_zh: String,
    /// Who issued it, Chinese name with English in brackets.
    pub issuer: String,
    /// The document number (`财库〔2023〕30号`), with what is known of it; `None` when no number was
    /// read.
    pub document: Option<String>,
    /// What kind of instrument it is, and so what test it makes.
    pub kind: InstrumentKind,
    /// `None` for evaluation lists (applied through a requirement) and guidance.
    pub applies_when: Option<Buyer>,
    /// The rule its findings carry.
    pub rule: Option<String>,
    /// For a list requirement: the evaluation list it requires.
    pub list: Option<String>,
    /// Who the instrument binds and what purchases it concerns, as the sources say.
    pub scope: String,
    #[serde(with = "date")]
    /// The first day the instrument applies.
    pub in_force_from: Date,
    /// How well the sources support `in_force_from`.
    pub in_force_from_status: Status,
    /// What is known of the start date and how it was read.
    pub in_force_from_note: Option<String>,
    /// Exclusive; `None` while in force or when no end is recorded (`in_force_until_note`).
    #[serde(default, with = "opt_date")]
    pub in_force_until: Option<Date>,
    /// Why no end is recorded, or what is known of the end.
    pub in_force_until_note: Option<String>,
    /// How well the sources support the instrument as a whole.
    pub status: Status,
    /// What of the instrument was read, and where.
    pub status_note: Option<String>,
    /// What it requires, as a clause that follows "it says that".
    pub requirement: String,
    /// Keys of `catalogues/sources.toml` the instrument rests on.
    pub sources: Vec<String>,
    /// Anything else a reader of the data needs to know.
    pub note: Option<String>,
    /// The product classes a list is about.
    #[serde(default)]
    pub classes: Vec<String>,
    /// Narrower scopes of those classes (`[[scope]]` of classes.toml) that the list is limited
    /// to: the 2014 operating-system category is about desktop operating systems only.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// Why the list is limited to those scopes, for `catscan explain` and the data's reader.
    pub scopes_note: Option<String>,
    /// Every entry of the list is known.
    #[serde(default)]
    pub complete: bool,
    /// Why the list is, or is not, known whole.
    pub complete_note: Option<String>,
    /// Every foreign entry of a list known in part is known.
    #[serde(default)]
    pub foreign_complete: bool,
    /// Why the foreign entries are, or are not, known whole.
    pub foreign_complete_note: Option<String>,
    /// No product of a company incorporated or controlled outside China can be on the list.
    #[serde(default)]
    pub domestic_only: bool,
    /// Why no foreign product can be on the list, or what keeps it from being sure.
    pub domestic_only_note: Option<String>,
    /// An evaluation list's entries count for this many years from their announcement.
    pub valid_years: Option<u8>,
    /// How well the sources support `valid_years`.
    pub valid_years_status: Option<Status>,
    /// Filled in when loading.
    #[serde(skip)]
    pub covers: Vec<Coverage>,
    #[serde(skip)]
    /// The evaluation list's announcements (`[[announcement]]`), filled in when loading.
    pub announcements: Vec<Announcement>,
    #[serde(skip)]
    /// The list's entries (`[[entry]]`), filled in when loading.
    pub entries: Vec<ListEntry>,
}

impl Instrument {
    /// Whether the instrument applies on `day`: from `in_force_from` up to, not including,
    /// `in_force_until`.
    pub fn in_force_on(&self, day: Date) -> bool {
        day >= self.in_force_from && self.in_force_until.is_none_or(|u| day < u)
    }

    /// "财库〔2023〕30号 …, in force from 2023-12-16": how messages name it.
    pub fn citation(&self) -> String {
        let mut s = format!("{} ({}", self.name_zh, self.issuer);
        if let Some(d) = &self.document {
            s.push_str(", ");
            s.push_str(d);
        }
        s.push_str(&format!(", from {}", self.in_force_from));
        if self.in_force_from_status != Status::Confirmed {
            s.push_str(&format!(
                ", a date {}",
                self.in_force_from_status.describe()
            ));
        }
        if let Some(u) = self.in_force_until {
            s.push_str(&format!(" until {u}"));
        }
        s.push(')');
        s
    }

    /// The announcement with this number (`2023年第1号`).
    pub fn announcement(&self, number: &str) -> Option<&Announcement> {
        self.announcements.iter().find(|a| a.number == number)
    }

    /// The day an entry starts to count: its announcement's date, or the list's own.
    pub fn listed_on(&self, entry: &ListEntry) -> Date {
        entry
            .announcement
            .as_deref()
            .and_then(|n| self.announcement(n))
            .map_or(self.in_force_from, |a| a.date)
    }

    /// The first day an entry no longer counts, for lists whose entries lapse.
    pub fn lapses_on(&self, entry: &ListEntry) -> Option<Date> {
        let years = self.valid_years? as i32;
        let listed = self.listed_on(entry);
        listed.replace_year(listed.year() + years).ok().or_else(|| {
            listed
                .replace_day(28)
                .ok()?
                .replace_year(listed.year() + years)
                .ok()
        })
    }
}

/// A product class a list requirement covers, with the status of that coverage.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Coverage {
    /// The product class's id in `classes.toml` (`cpu`).
    pub class: String,
    /// How well the sources support that the requirement covers the class.
    pub status: Status,
    /// What the sources say of the coverage, and how it was read.
    pub note: Option<String>,
}

/// One announcement of an evaluation list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Announcement {
    /// The announcement's number as issued (`2023年第1号`).
    pub number: String,
    #[serde(with = "date")]
    /// The day it was announced; its entries count from then.
    pub date: Date,
    /// How well the sources support `date`.
    pub date_status: Status,
    /// What is known of the date and how it was read.
    pub date_note: Option<String>,
    /// Every entry of the announcement is known.
    pub complete: bool,
    /// What the announcement lists, as far as it is known.
    pub note: Option<String>,
    /// Keys of `catalogues/sources.toml` the announcement rests on.
    pub sources: Vec<String>,
}

/// A product or brand on a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListEntry {
    /// The number of the announcement that listed it; `None` for lists without announcements (the
    /// list's own date counts).
    pub announcement: Option<String>,
    /// The product class; `None` for a dropped brand (every product).
    pub class: Option<String>,
    /// The product as the sources write it.
    pub product: String,
    /// How BOMs write the product (or, for a brand, words that name it in a product's name).
    #[serde(default)]
    pub names: Vec<String>,
    /// The vendor registry id.
    pub vendor: Option<String>,
    /// The company as the list writes it, for vendors not in the registry.
    #[serde(default)]
    pub vendor_names: Vec<String>,
    /// A brand entry: every product of the class by the vendor.
    #[serde(default)]
    pub all_products: bool,
    /// The evaluation level, in Roman numerals (I, II, III) whatever the source writes.
    pub level: Option<String>,
    /// Why a match with this entry still cannot decide (sources conflict, no version given).
    pub undecided: Option<String>,
    /// How well the sources support the entry.
    pub status: Status,
    /// What of the entry was read, and where.
    pub status_note: Option<String>,
    /// Anything else a reader of the data needs to know.
    pub note: Option<String>,
    /// Keys of `catalogues/sources.toml` the entry rests on.
    pub sources: Vec<String>,
    /// Filled in when loading.
    #[serde(skip)]
    pub phrases: Vec<Phrase>,
    #[serde(skip)]
    /// `vendor_names` as [`name_key`]s, filled in when loading.
    pub vendor_keys: Vec<String>,
}

/// How catscan recognises a product class.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductClass {
    /// The class's id (`cpu`, `operating-system`), which instruments name.
    pub id: String,
    /// The class's name in English, for messages.
    pub name: String,
    /// The class's name in Chinese, as the instruments write it.
    pub name_zh: String,
    /// Words put only hardware (or a component of unstated kind) in the class.
    #[serde(default)]
    pub hardware: bool,
    /// Component kinds (CycloneDX type, SPDX primary package purpose) of the class; a class with
    /// kinds takes words only from components of unstated kind.
    pub kinds: Words,
    /// catscan categories (categories.toml) whose components are of the class.
    pub categories: Words,
    /// CPE parts of the class (`o`, operating system).
    pub cpe_parts: Words,
    /// Package URLs `type/name`, any version, of the class.
    pub purls: Words,
    /// Words of a product's name or model, on word boundaries; read only where identity is
    /// missing (never from a package of a software ecosystem).
    pub words: Words,
    /// Filled in when loading: `words` ready to match.
    #[serde(skip)]
    pub phrases: Vec<Phrase>,
}

/// A narrower part of a product class that some lists are limited to (desktop operating
/// systems; antivirus as opposed to other malware-scanning software), and the words that put a
/// product inside or outside it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassScope {
    /// The scope's id (`desktop-operating-system`), which instruments name in `scopes`.
    pub id: String,
    /// The class it narrows.
    pub class: String,
    /// The scope's name in English, for messages.
    pub name: String,
    /// The scope's name in Chinese.
    pub name_zh: String,
    /// Words of a name or model that put a product of the class inside the scope.
    pub words: Vec<String>,
    /// Words that put it outside (a server operating system; a product the source places in
    /// another category).
    pub outside_words: Vec<String>,
    /// Why the scope has the limits it has, for messages.
    pub note: String,
    /// How well the sources support the scope's limits.
    pub status: Status,
    /// Keys of `catalogues/sources.toml` the scope rests on.
    pub sources: Vec<String>,
}

/// Whether a product of a class is within a [`ClassScope`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScopeFit {
    /// Its name says it is (the word that says so).
    Inside(String),
    /// Its name says it is not (the word that says so).
    Outside(String),
    /// Its name says neither, or both.
    Unknown,
}

impl ClassScope {
    /// Where a name (its [`tokens`]) puts a product: a name that says both inside and outside
    /// ("RHEL Workstation") decides nothing.
    pub fn fit(&self, name: &[Token]) -> ScopeFit {
        let find = |words: &[String]| words.iter().find(|w| Phrase::new(w).is_in(name)).cloned();
        match (find(&self.words), find(&self.outside_words)) {
            (Some(w), None) => ScopeFit::Inside(w),
            (None, Some(w)) => ScopeFit::Outside(w),
            _ => ScopeFit::Unknown,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClassesFile {
    /// Words that make a name a part of a class's products (a driver, a keyring), not one.
    pub part_words: Vec<String>,
    #[serde(rename = "class")]
    pub classes: Vec<ProductClass>,
    #[serde(default, rename = "scope")]
    pub scopes: Vec<ClassScope>,
}

/// Everything about procurement catscan knows.
#[derive(Debug, Default)]
pub struct Procurement {
    /// The product classes of `classes.toml`, in file order.
    pub classes: Vec<ProductClass>,
    /// Narrower scopes of the classes that some lists are limited to.
    pub scopes: Vec<ClassScope>,
    /// Words that make a name a part of a class's products (`part_words` of `classes.toml`).
    pub part_words: Vec<Phrase>,
    /// In file order.
    pub instruments: Vec<Instrument>,
}

impl Procurement {
    /// The product class with this id.
    pub fn class(&self, id: &str) -> Option<&ProductClass> {
        self.classes.iter().find(|c| c.id == id)
    }

    /// The class scope with this id.
    pub fn scope(&self, id: &str) -> Option<&ClassScope> {
        self.scopes.iter().find(|s| s.id == id)
    }

    /// The instrument with this id.
    pub fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.id == id)
    }
}

/// A token of a name: a run of ASCII letters, a run of digits, or one other letter (a Chinese
/// character), with whether it is written against the token before it ("3C5000L": `l` is glued
/// to `5000`; in "3C5000 L" it is not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The token, lower-cased.
    pub text: String,
    /// Whether it is glued to the token before it: written straight after it, or after a `.`
    /// between digits.
    pub glued: bool,
}

/// Splits a name into [`Token`]s. Letters and digits split apart ("V10SP1" and "V10 SP1" give
/// the same words); a `.` between digits glues ("8.1" is one version, not "8" then "1").
pub fn tokens(text: &str) -> Vec<Token> {
    #[derive(PartialEq, Clone, Copy)]
    enum Run {
        Letters,
        Digits,
    }
    let mut out: Vec<Token> = Vec::new();
    let mut run: Option<Run> = None;
    let mut glued_next = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        let lower = ch.to_lowercase().next().unwrap_or(ch);
        let this = if ch.is_ascii_alphabetic() {
            Some(Run::Letters)
        } else if ch.is_ascii_digit() {
            Some(Run::Digits)
        } else if ch.is_alphanumeric() {
            // A CJK character (or another script): a word of its own, never glued.
            out.push(Token {
                text: lower.to_string(),
                glued: false,
            });
            run = None;
            glued_next = false;
            continue;
        } else {
            let between_digits = ch == '.'
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
            run = None;
            glued_next = between_digits;
            continue;
        };
        match (run, out.last_mut()) {
            (Some(r), Some(last)) if Some(r) == this => last.text.push(lower),
            (Some(_), _) => {
                out.push(Token {
                    text: lower.to_string(),
                    glued: true,
                });
            }
            (None, _) => {
                out.push(Token {
                    text: lower.to_string(),
                    glued: glued_next,
                });
            }
        }
        run = this;
        glued_next = false;
    }
    out
}

/// A phrase to find in a name on word boundaries: "Kunpeng 920" is in "Huawei Kunpeng 920
/// 48-core" but not in "Kunpeng 9200"; "3C5000" is not in "3C5000L".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// The phrase as written in the data.
    pub text: String,
    words: Vec<String>,
}

impl Phrase {
    /// A phrase to match, from its written form.
    pub fn new(text: &str) -> Self {
        Phrase {
            text: text.to_string(),
            words: tokens(text).into_iter().map(|t| t.text).collect(),
        }
    }

    /// Whether the phrase is in `hay` (the [`tokens`] of a name) on word boundaries.
    pub fn is_in(&self, hay: &[Token]) -> bool {
        let n = self.words.len();
        if n == 0 || hay.len() < n {
            return false;
        }
        (0..=hay.len() - n).any(|start| {
            hay[start..start + n]
                .iter()
                .zip(&self.words)
                .all(|(t, w)| t.text == *w)
                && !hay.get(start + n).is_some_and(|t| t.glued)
                && (start == 0 || !hay[start].glued)
        })
    }
}

/// A company name for comparison: lower case, letters and digits only.
pub fn name_key(name: &str) -> String {
    tokens(name).into_iter().map(|t| t.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(phrase: &str, name: &str) -> bool {
        Phrase::new(phrase).is_in(&tokens(name))
    }

    #[test]
    fn phrases_match_on_word_boundaries() {
        assert!(has("Kunpeng 920", "Huawei Kunpeng 920 48-core 2.6GHz"));
        assert!(has("Kunpeng 920", "KUNPENG-920"));
        assert!(!has("Kunpeng 920", "Kunpeng 9200"));
        assert!(!has("Loongson 3C5000", "Loongson 3C5000L"));
        assert!(has("3C5000L", "龙芯3C5000L 服务器处理器"));
        assert!(has("Kylin Desktop V10 SP1", "Kylin Desktop v10sp1"));
        assert!(!has("Kylin Desktop V10 SP1", "Kylin Desktop V10 SP2"));
        assert!(has("Windows 8", "Microsoft Windows 8 Pro"));
        assert!(!has("Windows 8", "Windows 8.1"));
        assert!(!has("Windows 8", "Windows 10"));
        assert!(has(
            "银河麒麟桌面操作系统V10 SP1",
            "银河麒麟桌面操作系统 V10 SP1"
        ));
        assert!(has("3A6000(C)", "Loongson 3A6000C"));
        assert!(!has("3A6000(C)", "Loongson 3A6000"));
        assert!(has("360", "360杀毒"));
        assert!(!has("360", "Sophos 3600"));
    }

    #[test]
    fn company_names_compare_without_case_or_punctuation() {
        assert_eq!(name_key("Apple Inc."), name_key("APPLE INC"));
        assert_eq!(name_key("华为终端有限公司"), "华为终端有限公司");
    }
}
