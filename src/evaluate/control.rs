//! Who controls a vendor, decided from the vendor registry: the control record of the vendor or
//! of its nearest parent that has one, else a controlling country, else where the vendor is
//! incorporated. The MLPS developer test and the domestic-share table both take their answer
//! from here (through `procurement::control_of`), so the two can never disagree. Which country is
//! domestic, and how Hong Kong, Macao and Taiwan count, is data (`catalogues/regions.toml`).
//!
//! A BOM can also declare who controls a component's developer (the properties
//! [`DECLARED_CONTROLLER`] and [`DECLARED_CONTROLLER_COUNTRY`], which a supplier's answer to
//! `catscan ask` writes). A declaration decides where the registry cannot, and says that it is
//! the BOM's word; where the registry decides, a declaration that agrees is noted and one that
//! disagrees leaves the question undecided, so that neither a stale registry entry nor a
//! supplier's claim silently wins.

use crate::findings::Control;
use crate::knowledge::regions::{Question, Regions, Standing};
use crate::knowledge::vendors::{ControlKind, ControlRecord};
use crate::knowledge::{Status, Vendor};

/// The property in which a BOM names the party that controls a component's developer.
pub const DECLARED_CONTROLLER: &str = "catscan:developer-controller";
/// The property in which a BOM gives the country that party controls the developer from (an
/// ISO 3166-1 code).
pub const DECLARED_CONTROLLER_COUNTRY: &str = "catscan:developer-controller-country";

/// What a BOM declares about who controls a component's developer.
#[derive(Debug, Clone, Copy)]
pub(super) struct Declared<'a> {
    /// The controlling party, as written ([`DECLARED_CONTROLLER`]).
    pub controller: Option<&'a str>,
    /// The country, as written ([`DECLARED_CONTROLLER_COUNTRY`]).
    pub country: &'a str,
}

/// The ISO 3166-1 alpha-2 code of a country written as an alpha-2 or alpha-3 code (any case).
pub(crate) fn country_code(written: &str) -> Option<&'static str> {
    let written = written.trim();
    isocountry::CountryCode::for_alpha2_caseless(written)
        .or_else(|_| isocountry::CountryCode::for_alpha3_caseless(written))
        .ok()
        .map(|c| c.alpha2())
}

/// The registry's decision with the BOM's declaration laid over it: the declaration decides
/// when the registry does not; when both decide, agreement is noted and disagreement leaves
/// control unknown (recorded, so that the MLPS test says why instead of asking again).
pub(super) fn with_declaration(
    regions: &Regions,
    registry: ControlOf,
    declared: Option<Declared<'_>>,
) -> ControlOf {
    let Some(declared) = declared else {
        return registry;
    };
    let Some(code) = country_code(declared.country) else {
        return ControlOf {
            reason: format!(
                "{}; the BOM's {DECLARED_CONTROLLER_COUNTRY} \"{}\" is not an ISO 3166-1 country code, so it was not used",
                registry.reason,
                declared.country.trim()
            ),
            ..registry
        };
    };
    let by = declared
        .controller
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| format!(", by {c}"))
        .unwrap_or_default();
    let claim = format!(
        "the BOM declares control from {code}{by} ({DECLARED_CONTROLLER_COUNTRY}; a declaration catscan does not check)"
    );
    let control = country_control(regions, code);
    match registry.control {
        Control::Unknown => ControlOf {
            control,
            recorded: true,
            reason: format!(
                "controlled from {code}{by}, as the BOM declares ({DECLARED_CONTROLLER_COUNTRY}; a declaration catscan does not check){}; the registry: {}",
                unsettled(regions, code),
                registry.reason
            ),
            ..registry
        },
        decided if decided == control => ControlOf {
            reason: format!("{}; {claim} agrees", registry.reason),
            ..registry
        },
        _ => ControlOf {
            control: Control::Unknown,
            recorded: true,
            reason: format!(
                "{}, but {claim}; the two disagree, so catscan does not decide",
                registry.reason
            ),
            ..registry
        },
    }
}

/// What catscan decides about who controls a component's vendor.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct ControlOf {
    pub control: Control,
    /// The registry name of the component's vendor, when the registry knows it.
    pub vendor: Option<String>,
    /// Whether a control fact of the registry decided (a control record or a controlling
    /// country), rather than the vendor's incorporation or the lack of a vendor.
    pub recorded: bool,
    /// Why, without the vendor's name: "controlled from CN, by … (a state body, as of 2024;
    /// confirmed)".
    pub reason: String,
}

impl ControlOf {
    /// The reason led by the vendor's name, as the share table and other rules quote it.
    pub fn basis(&self) -> String {
        match &self.vendor {
            Some(name) => format!("{name}: {}", self.reason),
            None => self.reason.clone(),
        }
    }
}

/// Who controls the first vendor of a lineage (the component's vendor, then its parents): the
/// nearest entry with a control record decides, or else the nearest with a controlling country;
/// without either, where the vendor is incorporated. Entries of status unknown decide nothing.
pub(super) fn of_lineage(regions: &Regions, lineage: &[&Vendor]) -> ControlOf {
    let Some(own) = lineage.first().copied() else {
        return ControlOf {
            control: Control::Unknown,
            vendor: None,
            recorded: false,
            reason: "the BOM names no vendor".to_string(),
        };
    };
    let decided = |control: Control, recorded: bool, reason: String| ControlOf {
        control,
        vendor: Some(own.name.clone()),
        recorded,
        reason,
    };
    if own.status == Status::Unknown {
        return decided(
            Control::Unknown,
            false,
            "the registry entry has status unknown (its key facts were never read) and is not used for origin decisions".to_string(),
        );
    }
    for v in lineage.iter().filter(|v| v.status != Status::Unknown) {
        let through = if v.id == own.id {
            String::new()
        } else {
            format!(", through {}", v.name)
        };
        if let Some(record) = &v.control {
            let (control, reason) = from_record(regions, record, v, own, &through);
            return decided(control, true, reason);
        }
        if let Some(country) = v.controlling_country.as_deref() {
            return decided(
                country_control(regions, country),
                true,
                format!(
                    "controlled from {country}{through}{}",
                    unsettled(regions, country)
                ),
            );
        }
    }
    // Incorporation at home does not show who controls the company; incorporation abroad does.
    let incorporated = own
        .incorporated_in
        .as_deref()
        .map(|i| (i, regions.standing(i, Question::ControlledFromChina)));
    let (control, reason) = match incorporated {
        Some((i, Standing::Unsettled)) => (
            Control::Unknown,
            format!(
                "incorporated in {i}, controlling owner not recorded; whether {i} counts as domestic is not settled"
            ),
        ),
        Some((i, Standing::Domestic)) => (
            Control::Unknown,
            format!("incorporated in {i}, controlling owner not recorded"),
        ),
        Some((i, Standing::Foreign)) => (Control::Foreign, format!("incorporated in {i}")),
        None => (Control::Unknown, "country not recorded".to_string()),
    };
    decided(control, false, reason)
}

/// Control exercised from a country, as the data says it counts: China is domestic; Hong Kong,
/// Macao and Taiwan are not settled by the sources; anywhere else is foreign.
fn country_control(regions: &Regions, country: &str) -> Control {
    match regions.standing(country, Question::ControlledFromChina) {
        Standing::Domestic => Control::Domestic,
        Standing::Unsettled => Control::Unknown,
        Standing::Foreign => Control::Foreign,
    }
}

/// "; whether HK counts as domestic is not settled", for the regions the sources leave open.
fn unsettled(regions: &Regions, country: &str) -> String {
    if regions.standing(country, Question::ControlledFromChina) == Standing::Unsettled {
        format!("; whether {country} counts as domestic is not settled")
    } else {
        String::new()
    }
}

/// "confirmed", "inferred: the source names …": the status of a fact, and, where it rests on
/// one report or on inference, what the record says about that (several agreeing reports need no
/// further word).
fn status_words(status: Status, note: Option<&str>) -> String {
    let explained = !matches!(status, Status::Confirmed | Status::Corroborated);
    match note.filter(|_| explained) {
        Some(n) => format!("{}: {}", status.as_str(), n.trim_end_matches('.')),
        None => status.as_str().to_string(),
    }
}

/// The decision a control record gives. `v` is the entry that carries it (the vendor or a
/// parent), `through` names that parent.
fn from_record(
    regions: &Regions,
    record: &ControlRecord,
    v: &Vendor,
    own: &Vendor,
    through: &str,
) -> (Control, String) {
    let as_of = record
        .as_of
        .map(|y| format!(", as of {y}"))
        .unwrap_or_default();
    let status = status_words(record.status, record.note.as_deref());
    if record.status == Status::Unknown {
        return (
            Control::Unknown,
            format!(
                "the registry's control record{through} is of unknown status ({status}), so it decides nothing"
            ),
        );
    }
    let holder = record.holder.as_deref().unwrap_or_default();
    let what = match record.kind {
        ControlKind::State => "a state body",
        ControlKind::Company => "a company",
        ControlKind::NaturalPerson => "a natural person",
        ControlKind::NoneDeclared => {
            return none_declared(regions, record, v, own, &as_of, &status);
        }
    };
    let facts = format!("{holder} ({what}{as_of}; {status})");
    match record.country.as_deref() {
        Some(country) => (
            country_control(regions, country),
            format!(
                "controlled from {country}{through}, by {facts}{}",
                unsettled(regions, country)
            ),
        ),
        None if record.kind == ControlKind::NaturalPerson => (
            Control::Unknown,
            format!(
                "controlled{through} by {facts}, whose nationality the registry does not record"
            ),
        ),
        None => (
            Control::Unknown,
            format!("controlled{through} by {facts}, from a country the registry does not record"),
        ),
    }
}

/// A filing that declares no actual controller (无实际控制人) does not answer the MLPS test,
/// which asks whether Chinese citizens, legal persons or the state invest in or hold the
/// developer: only major shareholders recorded as Chinese make the vendor domestic. It is never
/// foreign on that ground alone.
fn none_declared(
    regions: &Regions,
    record: &ControlRecord,
    v: &Vendor,
    own: &Vendor,
    as_of: &str,
    status: &str,
) -> (Control, String) {
    let whose = if v.id == own.id {
        "its filing".to_string()
    } else {
        format!("the filing of its parent {}", v.name)
    };
    let declared = format!("{whose} declares no actual controller (无实际控制人{as_of}; {status})");
    match &record.major_holders {
        Some(m)
            if m.country
                .as_deref()
                .is_some_and(|c| regions.is_domestic_country(c))
                && m.status != Status::Unknown =>
        {
            (
                Control::Domestic,
                format!(
                    "{declared}; its major shareholders, {}, are Chinese ({})",
                    m.holders,
                    status_words(m.status, m.note.as_deref())
                ),
            )
        }
        other => {
            let holders = match other {
                Some(m) => match m.country.as_deref() {
                    Some(c) => format!(
                        "the major shareholders recorded, {}, are from {c} ({})",
                        m.holders,
                        status_words(m.status, m.note.as_deref())
                    ),
                    None => format!(
                        "the major shareholders recorded, {} ({}), are not recorded as Chinese as a whole",
                        m.holders,
                        status_words(m.status, m.note.as_deref())
                    ),
                },
                None => "the registry does not record who its major shareholders are".to_string(),
            };
            (
                Control::Unknown,
                format!(
                    "{declared}, which by itself does not say whether Chinese citizens, legal persons or the state invest in or hold it; {holders}"
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Knowledge;
    use crate::knowledge::vendors::MajorHolders;

    fn vendor(id: &str) -> &'static Vendor {
        Knowledge::builtin()
            .vendor(id)
            .unwrap_or_else(|| panic!("vendor {id} in the registry"))
    }

    fn decide(lineage: &[&Vendor]) -> (Control, String) {
        let d = of_lineage(&Knowledge::builtin().regions, lineage);
        (d.control, d.basis())
    }

    #[test]
    fn a_natural_person_named_without_nationality_is_domestic_and_says_it_is_inferred() {
        assert_eq!(
            decide(&[vendor("qianxin")]),
            (
                Control::Domestic,
                "Qi An Xin Technology Group Inc.: controlled from CN, by Qi Xiangdong (a natural person, as of 2024; inferred: the source names Qi Xiangdong as controlling shareholder and actual controller without stating his nationality)".to_string()
            )
        );
    }

    #[test]
    fn a_state_controller_in_china_is_domestic_with_its_status() {
        assert_eq!(
            decide(&[vendor("kylin-software")]),
            (
                Control::Domestic,
                "Kylin Software Co., Ltd.: controlled from CN, by China Electronics Corporation (CEC) (a state body, as of 2020; corroborated)".to_string()
            )
        );
        assert_eq!(
            decide(&[vendor("fiberhome")]).1,
            "FiberHome Telecommunication Technologies Co., Ltd.: controlled from CN, by 中国信息通信科技集团 (CICT), a central SOE under SASAC, through 武汉邮电科学研究院 (烽火科技集团) (a state body, as of 2021; confirmed)"
        );
    }

    #[test]
    fn a_company_controlling_from_abroad_is_foreign() {
        assert_eq!(
            decide(&[vendor("nokia-shanghai-bell")]),
            (
                Control::Foreign,
                "Nokia Shanghai Bell Co., Ltd.: controlled from FI, by Nokia Corporation (50% + 1 share); China Huaxin Post & Telecommunication Economy Development Center, a state-owned investment company, holds the rest (a company, as of 2017; corroborated)".to_string()
            )
        );
    }

    #[test]
    fn control_from_hong_kong_stays_unsettled() {
        let (control, basis) = decide(&[vendor("hollysys")]);
        assert_eq!(control, Control::Unknown);
        assert!(
            basis.ends_with("(a company, as of 2024; corroborated); whether HK counts as domestic is not settled"),
            "{basis}"
        );
    }

    #[test]
    fn a_natural_person_without_a_nationality_decides_nothing() {
        assert_eq!(
            decide(&[vendor("autel-robotics")]),
            (
                Control::Unknown,
                "Autel Robotics: controlled by the founding family (founders Frank Li and Gary DeLuca; general manager Maxwell Lee) (a natural person, as of 2023; secondary: a DroneDJ interview relayed by retailers calls it a family business; no source states the founders' nationality), whose nationality the registry does not record".to_string()
            )
        );
    }

    #[test]
    fn no_declared_controller_is_neither_foreign_nor_silently_domestic() {
        let cxmt = vendor("cxmt");
        assert_eq!(
            decide(&[cxmt]),
            (
                Control::Unknown,
                "ChangXin Memory Technologies (CXMT): its filing declares no actual controller (无实际控制人, as of 2026; secondary: the prospectus states 无控股股东、无实际控制人; read only in a summary of an analysis of it), which by itself does not say whether Chinese citizens, legal persons or the state invest in or hold it; the major shareholders recorded, Big Fund II and Hefei and Anhui state entities, together well over 30% (secondary: who holds the rest is not recorded), are not recorded as Chinese as a whole".to_string()
            )
        );
        // Recording the major shareholders as Chinese decides it, and says on what.
        let mut chinese_holders = cxmt.clone();
        let record = chinese_holders
            .control
            .as_mut()
            .expect("cxmt has a control record");
        record.major_holders = Some(MajorHolders {
            holders: "state funds, 60%".to_string(),
            country: Some("CN".to_string()),
            status: Status::Confirmed,
            note: None,
        });
        let (control, basis) = decide(&[&chinese_holders]);
        assert_eq!(control, Control::Domestic);
        assert!(
            basis.ends_with("; its major shareholders, state funds, 60%, are Chinese (confirmed)"),
            "{basis}"
        );
        // Foreign major shareholders do not make it foreign either.
        let mut foreign_holders = chinese_holders.clone();
        if let Some(m) = foreign_holders
            .control
            .as_mut()
            .and_then(|r| r.major_holders.as_mut())
        {
            m.country = Some("US".to_string());
        }
        let (control, basis) = decide(&[&foreign_holders]);
        assert_eq!(control, Control::Unknown);
        assert!(
            basis.ends_with(
                "; the major shareholders recorded, state funds, 60%, are from US (confirmed)"
            ),
            "{basis}"
        );
        // Without any major shareholders.
        let mut none = cxmt.clone();
        none.control.as_mut().expect("record").major_holders = None;
        assert!(
            decide(&[&none])
                .1
                .ends_with("; the registry does not record who its major shareholders are")
        );
    }

    #[test]
    fn a_parent_declaring_no_controller_with_chinese_holders_decides_through_the_parent() {
        let mut child = vendor("sangfor").clone();
        child.control = None;
        let (control, basis) = decide(&[&child, vendor("tsinghua-unigroup")]);
        assert_eq!(control, Control::Domestic);
        assert_eq!(
            basis,
            "Sangfor Technologies Inc.: the filing of its parent Tsinghua Unigroup Co., Ltd. declares no actual controller (无实际控制人, as of 2022; secondary: one report: Tsinghua Holdings exited in July 2022 and 紫光集团 has no actual controller since); its major shareholders, 智广芯控股 (100% since July 2022), are Chinese (inferred: inferred from the holder's Chinese name and a restructuring led by a state-backed Chinese consortium (Wise Road Capital); no source read states where 智广芯控股 is incorporated)"
        );
        let (control, basis) = decide(&[&child, vendor("kylin-software")]);
        assert_eq!(control, Control::Domestic);
        assert!(
            basis.starts_with(
                "Sangfor Technologies Inc.: controlled from CN, through Kylin Software Co., Ltd., by China Electronics Corporation (CEC)"
            ),
            "{basis}"
        );
    }

    #[test]
    fn the_nearest_record_decides_and_a_record_of_unknown_status_decides_nothing() {
        let mut unknown = vendor("kylin-software").clone();
        unknown.control.as_mut().expect("record").status = Status::Unknown;
        assert_eq!(
            decide(&[&unknown, vendor("cec")]),
            (
                Control::Unknown,
                "Kylin Software Co., Ltd.: the registry's control record is of unknown status (unknown: several reports describe Kylin Software as a unit of CEC, a central SOE), so it decides nothing".to_string()
            )
        );
    }

    #[test]
    fn without_a_control_fact_incorporation_is_what_is_known() {
        let sangfor = vendor("sangfor");
        assert!(sangfor.control.is_none() && sangfor.controlling_country.is_none());
        let decided = of_lineage(&Knowledge::builtin().regions, &[sangfor]);
        assert!(!decided.recorded);
        assert_eq!(
            (decided.control, decided.basis()),
            (
                Control::Unknown,
                "Sangfor Technologies Inc.: incorporated in CN, controlling owner not recorded"
                    .to_string()
            )
        );
        let mut unconfirmed = vendor("qianxin").clone();
        unconfirmed.status = Status::Unknown;
        assert_eq!(
            decide(&[&unconfirmed]).1,
            "Qi An Xin Technology Group Inc.: the registry entry has status unknown (its key facts were never read) and is not used for origin decisions"
        );
        assert_eq!(
            decide(&[]),
            (Control::Unknown, "the BOM names no vendor".to_string())
        );
    }

    #[test]
    fn incorporation_abroad_is_foreign_and_at_home_or_in_a_region_decides_nothing() {
        assert_eq!(
            decide(&[vendor("check-point")]),
            (
                Control::Foreign,
                "Check Point Software Technologies Ltd.: incorporated in IL".to_string()
            )
        );
        let mut lenovo = vendor("lenovo").clone();
        lenovo.control = None;
        assert_eq!(
            decide(&[&lenovo]),
            (
                Control::Unknown,
                "Lenovo Group Limited: incorporated in HK, controlling owner not recorded; whether HK counts as domestic is not settled".to_string()
            )
        );
        assert_eq!(
            decide(&[vendor("montage")]),
            (
                Control::Unknown,
                "Montage Technology Group Limited: country not recorded".to_string()
            )
        );
    }

    #[test]
    fn a_controlling_country_without_a_record_decides_through_the_nearest_parent() {
        let mut juniper = vendor("juniper").clone();
        juniper.control = None;
        assert_eq!(
            decide(&[&juniper]),
            (
                Control::Foreign,
                "Juniper Networks, Inc.: controlled from US".to_string()
            )
        );
        let mut child = vendor("sangfor").clone();
        child.control = None;
        assert_eq!(
            decide(&[&child, &juniper]),
            (
                Control::Foreign,
                "Sangfor Technologies Inc.: controlled from US, through Juniper Networks, Inc."
                    .to_string()
            )
        );
        juniper.controlling_country = Some("TW".to_string());
        assert_eq!(
            decide(&[&juniper]),
            (
                Control::Unknown,
                "Juniper Networks, Inc.: controlled from TW; whether TW counts as domestic is not settled".to_string()
            )
        );
    }

    #[test]
    fn a_record_without_a_country_decides_nothing() {
        let mut kylin = vendor("kylin-software").clone();
        kylin.control.as_mut().expect("record").country = None;
        let (control, basis) = decide(&[&kylin]);
        assert_eq!(control, Control::Unknown);
        assert!(
            basis.starts_with(
                "Kylin Software Co., Ltd.: controlled by China Electronics Corporation (CEC)"
            ) && basis.ends_with(", from a country the registry does not record"),
            "{basis}"
        );
    }

    /// How a region counts is read from `catalogues/regions.toml`: the same vendor is decided
    /// differently when the data gives Hong Kong another standing.
    #[test]
    fn how_a_region_counts_comes_from_the_data() {
        let hollysys = vendor("hollysys");
        let builtin = &Knowledge::builtin().regions;
        let unsettled = of_lineage(builtin, &[hollysys]);
        assert_eq!(unsettled.control, Control::Unknown);
        assert!(
            unsettled
                .reason
                .ends_with("; whether HK counts as domestic is not settled"),
            "{}",
            unsettled.reason
        );
        let with_hong_kong = |standing: Standing| {
            let mut regions = builtin.clone();
            let hk = regions
                .regions
                .iter_mut()
                .find(|r| r.code == "HK")
                .expect("HK in regions.toml");
            for answer in &mut hk.answers {
                answer.standing = standing;
            }
            regions
        };
        let domestic = of_lineage(&with_hong_kong(Standing::Domestic), &[hollysys]);
        assert_eq!(domestic.control, Control::Domestic);
        assert!(
            domestic
                .reason
                .starts_with("controlled from HK, by Superior Technologies")
        );
        assert!(
            !domestic.reason.contains("not settled"),
            "{}",
            domestic.reason
        );
        let foreign = of_lineage(&with_hong_kong(Standing::Foreign), &[hollysys]);
        assert_eq!(foreign.control, Control::Foreign);
        // Incorporation in a region the data calls foreign is foreign too.
        let mut lenovo = vendor("lenovo").clone();
        lenovo.control = None;
        assert_eq!(
            of_lineage(&with_hong_kong(Standing::Foreign), &[&lenovo]).reason,
            "incorporated in HK"
        );
    }

    /// A control record and the older controlling country of one vendor never disagree.
    #[test]
    fn control_records_agree_with_the_controlling_country() {
        for v in &Knowledge::builtin().vendors {
            if let (Some(record), Some(country)) = (&v.control, &v.controlling_country) {
                assert_eq!(
                    record.country.as_deref(),
                    Some(country.as_str()),
                    "vendor {}",
                    v.id
                );
            }
        }
    }

    fn declared(lineage: &[&Vendor], country: &str) -> ControlOf {
        let regions = &Knowledge::builtin().regions;
        let registry = of_lineage(regions, lineage);
        with_declaration(
            regions,
            registry,
            Some(Declared {
                controller: Some("Example Holdings"),
                country,
            }),
        )
    }

    #[test]
    fn a_declaration_decides_where_the_registry_cannot_and_says_it_is_the_boms_word() {
        let sangfor = vendor("sangfor");
        assert_eq!(decide(&[sangfor]).0, Control::Unknown);
        let d = declared(&[sangfor], "cn");
        assert_eq!(d.control, Control::Domestic);
        assert!(d.recorded);
        assert_eq!(
            d.basis(),
            "Sangfor Technologies Inc.: controlled from CN, by Example Holdings, as the BOM declares (catscan:developer-controller-country; a declaration catscan does not check); the registry: incorporated in CN, controlling owner not recorded"
        );
        let abroad = declared(&[sangfor], "USA");
        assert_eq!(abroad.control, Control::Foreign);
        assert!(
            abroad
                .reason
                .starts_with("controlled from US, by Example Holdings")
        );
        // Hong Kong stays unsettled, as it does in the registry.
        let hk = declared(&[sangfor], "HK");
        assert_eq!(hk.control, Control::Unknown);
        assert!(hk.recorded);
        assert!(
            hk.reason
                .contains("; whether HK counts as domestic is not settled"),
            "{}",
            hk.reason
        );
    }

    #[test]
    fn a_declaration_the_registry_contradicts_leaves_control_undecided() {
        let qianxin = vendor("qianxin");
        assert_eq!(decide(&[qianxin]).0, Control::Domestic);
        let d = declared(&[qianxin], "US");
        assert_eq!(d.control, Control::Unknown);
        assert!(d.recorded);
        assert!(
            d.reason.ends_with(", but the BOM declares control from US, by Example Holdings (catscan:developer-controller-country; a declaration catscan does not check); the two disagree, so catscan does not decide"),
            "{}",
            d.reason
        );
        let agrees = declared(&[qianxin], "CN");
        assert_eq!(agrees.control, Control::Domestic);
        assert!(agrees.reason.ends_with("; the BOM declares control from CN, by Example Holdings (catscan:developer-controller-country; a declaration catscan does not check) agrees"), "{}", agrees.reason);
    }

    #[test]
    fn a_declared_country_that_is_no_country_code_is_not_used_and_said() {
        let d = declared(&[vendor("sangfor")], "China");
        assert_eq!(d.control, Control::Unknown);
        assert!(!d.recorded);
        assert!(
            d.reason.ends_with("; the BOM's catscan:developer-controller-country \"China\" is not an ISO 3166-1 country code, so it was not used"),
            "{}",
            d.reason
        );
        assert_eq!(country_code("deu"), Some("DE"));
        assert_eq!(country_code("UK"), None);
    }
}
