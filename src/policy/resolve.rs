//! Which setting wins: the command line over the policy file (`catscan.toml`, or the policy table
//! of a workspace's Cargo.toml) over the defaults. One pure function, [`resolve`], from what each
//! of them said to the [`Policy`] a run is made under; it reads no file and looks at no clock, so
//! that every case of the precedence is a unit test.
//!
//! The rules, setting by setting:
//!
//! - a value (`--as-of`, `--edition`, `--market`, `--mlps-grade`, `--procurement`,
//!   `--min-domestic-share`, `--certified`, `--answers`, `--fail-on`) given on the command line
//!   replaces the file's; the file's replaces the default;
//! - a switch (`--cii`, `--us-federal`, `--allow-empty`) can only turn a setting on: the command
//!   line has no way to say "off", so the file's `true` stands;
//! - rule levels (`-A`, `-W`, `-D`) are laid over the file's `[levels]`, `-A` first, then `-W`,
//!   then `-D`, so that a rule named by both `-W` and `-D` is an error;
//! - `--columns` adds to the file's `[columns]`, replacing the header of a field both name;
//! - whatever the source, an option that only has a meaning in one market adds that market.

use std::path::PathBuf;

use rust_decimal::Decimal;
use time::Date;

use crate::findings::rules::{self, Level};
use crate::knowledge::{Buyer, Knowledge, KnowledgeError};
use crate::policy::config::{Config, Setting};
use crate::policy::{FailOn, Market, Policy};

/// What the command line says about the policy: `None`, `false` or empty where it is silent.
#[derive(Debug, Clone, Default)]
pub struct PolicyArgs {
    /// `--as-of`: the date the rules are applied as of.
    pub as_of: Option<Date>,
    /// `--edition`: a catalogue edition forced instead of the one in force.
    pub edition: Option<String>,
    /// `--market`: the markets the product is sold in (empty: as the file says, else China).
    pub markets: Vec<Market>,
    /// `--mlps-grade`: the MLPS grade of the system the products go into.
    pub mlps_grade: Option<u8>,
    /// `--cii`: the buyer operates critical information infrastructure in China.
    pub cii: bool,
    /// `--us-federal`: the product is sold to the US federal government.
    pub us_federal: bool,
    /// `--procurement`: who buys the products, when government-procurement rules apply.
    pub procurement: Option<Buyer>,
    /// `--min-domestic-share`: the least share of key components under domestic control, 0 to 1.
    pub min_domestic_share: Option<Decimal>,
    /// `-A`: rules or families turned off.
    pub allow: Vec<String>,
    /// `-W`: rules or families reported as warnings.
    pub warn: Vec<String>,
    /// `-D`: rules or families reported as errors.
    pub deny: Vec<String>,
    /// `--columns`, as written: `manufacturer=Maker,part-number=Item No.`.
    pub columns: Option<String>,
    /// `--certified`: the list of certified or tested products.
    pub certified: Option<PathBuf>,
    /// `--answers`: a supplier's filled-in questionnaire.
    pub answers: Option<PathBuf>,
    /// `--fail-on`: the least level of finding that fails the run.
    pub fail_on: Option<FailOn>,
    /// `--allow-empty`: a run that finds no bill of materials passes.
    pub allow_empty: bool,
}

/// The policy, and the list of certified products it names, which the caller reads (and whose
/// errors it reports) only once the policy is known to be valid.
#[derive(Debug)]
pub struct Resolved {
    /// The policy the run is made under.
    pub policy: Policy,
    /// The list of certified products to read: `--certified`, else the policy file's `certified`
    /// (resolved against the file's folder).
    pub certified: Option<PathBuf>,
    /// The supplier's answers to read: `--answers`, else the policy file's `answers` (resolved
    /// against the file's folder).
    pub answers: Option<PathBuf>,
    /// What the user should hear but that does not stop the run: a deprecated rule given a level.
    pub warnings: Vec<String>,
}

/// A policy the command line and the file cannot make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyError {
    /// An extra rule pack or vendor file the policy file names is not valid.
    Knowledge(KnowledgeError),
    /// `--columns` is not a list of FIELD=HEADER pairs.
    Columns(String),
    /// `-A`, `-W` or `-D` names neither a rule (built-in or the file's own) nor a family.
    UnknownRule(String),
    /// `-A`, `-W` or `-D` names a rule that was removed (its id stays reserved).
    RemovedRule(String),
    /// `--edition` or the file's `edition` names an edition the knowledge does not have.
    UnknownEdition {
        /// The edition id as given.
        id: String,
        /// The ids of the editions the knowledge has, for the message.
        editions: Vec<String>,
    },
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Knowledge(e) => e.fmt(f),
            Self::Columns(e) => write!(f, "--columns: {e}"),
            Self::UnknownRule(name) => {
                write!(
                    f,
                    "no rule or family \"{name}\"; `catscan rules` lists them"
                )
            }
            Self::RemovedRule(why) => f.write_str(why),
            Self::UnknownEdition { id, editions } => write!(
                f,
                "no catalogue edition \"{id}\"; the editions are: {}",
                editions.join(", ")
            ),
        }
    }
}

impl std::error::Error for PolicyError {}

/// The policy a run is made under: `args` over `file` over the defaults, `today` the date the law
/// is applied as of when neither names one. See the module documentation for the rules.
pub fn resolve(
    args: &PolicyArgs,
    file: Option<Config>,
    today: Date,
) -> Result<Resolved, PolicyError> {
    let knowledge = match &file {
        Some(c) => Knowledge::with_extra(&c.extra_packs, &c.extra_vendors)
            .map_err(PolicyError::Knowledge)?,
        None => Knowledge::builtin(),
    };
    let as_of = args
        .as_of
        .or(file.as_ref().and_then(|c| c.as_of))
        .unwrap_or(today);
    let mut policy = Policy::new(as_of);
    policy.knowledge = knowledge;
    let mut certified = args.certified.clone();
    let mut answers = args.answers.clone();
    if let Some(c) = file {
        policy.allow_empty = c.allow_empty.unwrap_or(false);
        policy.file = Some(c.file);
        policy.edition = c.edition;
        if let Some(m) = c.markets {
            policy.markets = m.into_iter().collect();
        }
        policy.mlps_grade = c.mlps_grade;
        policy.cii = c.cii.unwrap_or(false);
        policy.us_federal = c.us_federal.unwrap_or(false);
        policy.procurement = c.procurement;
        policy.min_domestic_share = c.min_domestic_share;
        certified = certified.or(c.certified);
        answers = answers.or(c.answers);
        for (rule, setting) in c.levels {
            policy.levels.insert(rule, setting.level());
        }
        policy.exceptions = c.exceptions;
        policy.read.columns.map = c.columns;
        policy.custom_rules = c.custom_rules;
        if let Some(f) = c.fail_on {
            policy.fail_on = f;
        }
    }
    policy.allow_empty |= args.allow_empty;
    if let Some(f) = args.fail_on {
        policy.fail_on = f;
    }
    if !args.markets.is_empty() {
        policy.markets = args.markets.iter().copied().collect();
    }
    if let Some(spec) = &args.columns {
        let given =
            crate::ingest::partlist::ColumnOverrides::parse(spec).map_err(PolicyError::Columns)?;
        for (field, header) in given.map {
            policy.read.columns.map.retain(|(f, _)| *f != field);
            policy.read.columns.map.push((field, header));
        }
    }
    if args.mlps_grade.is_some() {
        policy.mlps_grade = args.mlps_grade;
    }
    policy.cii |= args.cii;
    if args.procurement.is_some() {
        policy.procurement = args.procurement;
    }
    if args.min_domestic_share.is_some() {
        policy.min_domestic_share = args.min_domestic_share;
    }
    policy.us_federal |= args.us_federal;
    // One rule for markets: the markets chosen (default cn) select the rule families that run,
    // and an option that only has a meaning in a market adds that market, so that `--market us
    // --cii` runs the Chinese rules the --cii asks for as `--us-federal` runs the US ones.
    if policy.us_federal {
        policy.markets.insert(Market::Us);
    }
    if policy.cii
        || policy.mlps_grade.is_some()
        || policy.procurement.is_some()
        || policy.min_domestic_share.is_some()
    {
        policy.markets.insert(Market::Cn);
    }
    let custom_ids: Vec<&str> = policy.custom_rules.iter().map(|c| c.rule.id).collect();
    let mut levels = Vec::new();
    let mut warnings = Vec::new();
    for (names, setting) in [
        (&args.allow, Setting::Allow),
        (&args.warn, Setting::Level(Level::Warning)),
        (&args.deny, Setting::Level(Level::Error)),
    ] {
        for name in names {
            match rules::by_id(name).map(rules::level_setting) {
                Some(Err(removed)) => return Err(PolicyError::RemovedRule(removed)),
                Some(Ok(Some(deprecated))) => warnings.push(deprecated),
                _ => {}
            }
            let known = rules::by_id(name).is_some()
                || custom_ids.contains(&name.as_str())
                || rules::all().any(|r| r.family.as_str() == name);
            if !known {
                return Err(PolicyError::UnknownRule(name.clone()));
            }
            levels.push((name.clone(), setting.level()));
        }
    }
    policy.levels.extend(levels);
    if let Some(id) = &args.edition {
        policy.edition = Some(id.clone());
    }
    if let Some(id) = &policy.edition
        && knowledge.edition(id).is_none()
    {
        return Err(PolicyError::UnknownEdition {
            id: id.clone(),
            editions: knowledge.editions.iter().map(|e| e.id.clone()).collect(),
        });
    }
    Ok(Resolved {
        policy,
        certified,
        answers,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use time::macros::date;

    use super::*;
    use crate::ingest::partlist::Field;
    use crate::knowledge::DataFile;
    use crate::policy::config;

    const TODAY: Date = date!(2026 - 12 - 07);

    /// A policy file as the reader gives it.
    fn file(text: &str) -> Option<Config> {
        Some(config::parse(text, "catscan.toml", Path::new(".")).expect("a valid policy file"))
    }

    fn policy(args: &PolicyArgs, file: Option<Config>) -> Policy {
        resolve(args, file, TODAY).expect("a valid policy").policy
    }

    fn refused(args: &PolicyArgs, file: Option<Config>) -> String {
        resolve(args, file, TODAY)
            .expect_err("the policy should be refused")
            .to_string()
    }

    fn markets(list: &[Market]) -> BTreeSet<Market> {
        list.iter().copied().collect()
    }

    #[test]
    fn the_date_comes_from_the_command_line_then_the_file_then_today() {
        let cli = PolicyArgs {
            as_of: Some(date!(2024 - 01 - 01)),
            ..PolicyArgs::default()
        };
        let from_file = || file("as-of = 2023-06-30\n");
        assert_eq!(policy(&cli, None).as_of, date!(2024 - 01 - 01));
        assert_eq!(
            policy(&PolicyArgs::default(), from_file()).as_of,
            date!(2023 - 06 - 30)
        );
        assert_eq!(policy(&cli, from_file()).as_of, date!(2024 - 01 - 01));
        assert_eq!(policy(&PolicyArgs::default(), None).as_of, TODAY);
    }

    #[test]
    fn the_edition_comes_from_the_command_line_then_the_file_and_must_exist() {
        let cli = PolicyArgs {
            edition: Some("cn-2017".into()),
            ..PolicyArgs::default()
        };
        let from_file = || file("edition = \"cn-2023\"\n");
        assert_eq!(policy(&cli, None).edition.as_deref(), Some("cn-2017"));
        assert_eq!(
            policy(&PolicyArgs::default(), from_file())
                .edition
                .as_deref(),
            Some("cn-2023")
        );
        assert_eq!(
            policy(&cli, from_file()).edition.as_deref(),
            Some("cn-2017")
        );
        assert_eq!(policy(&PolicyArgs::default(), None).edition, None);

        let unknown = PolicyArgs {
            edition: Some("cn-1999".into()),
            ..PolicyArgs::default()
        };
        assert_eq!(
            refused(&unknown, None),
            "no catalogue edition \"cn-1999\"; the editions are: cn-2017, cn-2023"
        );
        assert_eq!(
            refused(&PolicyArgs::default(), file("edition = \"cn-2019\"\n")),
            "no catalogue edition \"cn-2019\"; the editions are: cn-2017, cn-2023"
        );
        // The command line's edition replaces the file's unknown one before it is checked.
        assert_eq!(
            policy(&cli, file("edition = \"cn-2019\"\n"))
                .edition
                .as_deref(),
            Some("cn-2017")
        );
    }

    #[test]
    fn markets_come_from_the_command_line_then_the_file_then_china() {
        let cli = PolicyArgs {
            markets: vec![Market::Us],
            ..PolicyArgs::default()
        };
        let from_file = || file("markets = [\"us\", \"cn\"]\n");
        assert_eq!(policy(&cli, None).markets, markets(&[Market::Us]));
        assert_eq!(
            policy(&PolicyArgs::default(), from_file()).markets,
            markets(&[Market::Cn, Market::Us])
        );
        assert_eq!(policy(&cli, from_file()).markets, markets(&[Market::Us]));
        assert_eq!(
            policy(&PolicyArgs::default(), None).markets,
            markets(&[Market::Cn])
        );
    }

    #[test]
    fn an_option_of_one_market_adds_that_market_wherever_it_is_given() {
        let us_only = PolicyArgs {
            markets: vec![Market::Us],
            ..PolicyArgs::default()
        };
        for cn_option in [
            "cii = true\n",
            "mlps-grade = 3\n",
            "procurement = \"cn-central\"\n",
            "min-domestic-share = 0.5\n",
        ] {
            assert_eq!(
                policy(&us_only, file(cn_option)).markets,
                markets(&[Market::Cn, Market::Us]),
                "{cn_option}"
            );
        }
        let cii = PolicyArgs {
            markets: vec![Market::Us],
            cii: true,
            ..PolicyArgs::default()
        };
        assert_eq!(
            policy(&cii, None).markets,
            markets(&[Market::Cn, Market::Us])
        );
        let federal = PolicyArgs {
            us_federal: true,
            ..PolicyArgs::default()
        };
        assert_eq!(
            policy(&federal, None).markets,
            markets(&[Market::Cn, Market::Us])
        );
        assert_eq!(
            policy(
                &PolicyArgs::default(),
                file("markets = [\"cn\"]\nus-federal = true\n")
            )
            .markets,
            markets(&[Market::Cn, Market::Us])
        );
    }

    #[test]
    fn values_of_the_command_line_replace_the_files() {
        let cli = PolicyArgs {
            mlps_grade: Some(4),
            procurement: Some(Buyer::CnGovernment),
            min_domestic_share: Some(Decimal::new(75, 2)),
            certified: Some(PathBuf::from("given.csv")),
            answers: Some(PathBuf::from("given.xlsx")),
            fail_on: Some(FailOn::Note),
            ..PolicyArgs::default()
        };
        let from_file = || {
            let mut c = file(
                "mlps-grade = 2\nprocurement = \"cn-central\"\nmin-domestic-share = 0.5\nfail-on = \"warning\"\n",
            )
            .unwrap();
            c.certified = Some(PathBuf::from("listed.csv"));
            c.answers = Some(PathBuf::from("listed.xlsx"));
            Some(c)
        };

        let both = resolve(&cli, from_file(), TODAY).unwrap();
        assert_eq!(both.policy.mlps_grade, Some(4));
        assert_eq!(both.policy.procurement, Some(Buyer::CnGovernment));
        assert_eq!(both.policy.min_domestic_share, Some(Decimal::new(75, 2)));
        assert_eq!(both.policy.fail_on, FailOn::Note);
        assert_eq!(both.certified, Some(PathBuf::from("given.csv")));
        assert_eq!(both.answers, Some(PathBuf::from("given.xlsx")));

        let file_only = resolve(&PolicyArgs::default(), from_file(), TODAY).unwrap();
        assert_eq!(file_only.policy.mlps_grade, Some(2));
        assert_eq!(file_only.policy.procurement, Some(Buyer::CnCentral));
        assert_eq!(
            file_only.policy.min_domestic_share,
            Some(Decimal::new(5, 1))
        );
        assert_eq!(file_only.policy.fail_on, FailOn::Warning);
        assert_eq!(file_only.certified, Some(PathBuf::from("listed.csv")));
        assert_eq!(file_only.answers, Some(PathBuf::from("listed.xlsx")));

        let cli_only = resolve(&cli, None, TODAY).unwrap();
        assert_eq!(cli_only.policy.mlps_grade, Some(4));
        assert_eq!(cli_only.policy.procurement, Some(Buyer::CnGovernment));
        assert_eq!(
            cli_only.policy.min_domestic_share,
            Some(Decimal::new(75, 2))
        );
        assert_eq!(cli_only.policy.fail_on, FailOn::Note);
        assert_eq!(cli_only.certified, Some(PathBuf::from("given.csv")));
        assert_eq!(cli_only.answers, Some(PathBuf::from("given.xlsx")));

        let neither = resolve(&PolicyArgs::default(), None, TODAY).unwrap();
        assert_eq!(neither.policy.mlps_grade, None);
        assert_eq!(neither.policy.procurement, None);
        assert_eq!(neither.policy.min_domestic_share, None);
        assert_eq!(neither.policy.fail_on, FailOn::Error);
        assert_eq!(neither.certified, None);
        assert_eq!(neither.answers, None);
        assert_eq!(neither.policy.file, None);
    }

    #[test]
    fn switches_of_the_command_line_turn_on_and_never_off() {
        let on = PolicyArgs {
            cii: true,
            us_federal: true,
            allow_empty: true,
            ..PolicyArgs::default()
        };
        let file_on = || file("cii = true\nus-federal = true\nallow-empty = true\n");
        let file_off = || file("cii = false\nus-federal = false\nallow-empty = false\n");
        for (args, file, expected) in [
            (&on, None, true),
            (&PolicyArgs::default(), file_on(), true),
            (&on, file_off(), true),
            (&PolicyArgs::default(), file_off(), false),
            (&PolicyArgs::default(), None, false),
        ] {
            let p = policy(args, file);
            assert_eq!(
                (p.cii, p.us_federal, p.allow_empty),
                (expected, expected, expected)
            );
        }
    }

    #[test]
    fn rule_levels_of_the_command_line_lie_over_the_files_deny_last() {
        let from_file = || file("[levels]\norigin = \"warn\"\ncatalogue-possible = \"allow\"\n");
        let cli = PolicyArgs {
            allow: vec!["licence".into()],
            warn: vec!["catalogue-in-scope".into()],
            deny: vec!["origin".into(), "catalogue-in-scope".into()],
            ..PolicyArgs::default()
        };
        let p = policy(&cli, from_file());
        assert_eq!(p.levels.get("origin"), Some(&Some(Level::Error)));
        assert_eq!(p.levels.get("catalogue-possible"), Some(&None));
        assert_eq!(p.levels.get("licence"), Some(&None));
        // Named by -W and -D: -D is applied last.
        assert_eq!(
            p.levels.get("catalogue-in-scope"),
            Some(&Some(Level::Error))
        );
        assert_eq!(p.levels.len(), 4);

        let file_only = policy(&PolicyArgs::default(), from_file());
        assert_eq!(file_only.levels.get("origin"), Some(&Some(Level::Warning)));
        assert!(policy(&PolicyArgs::default(), None).levels.is_empty());
    }

    #[test]
    fn a_level_for_an_unknown_rule_is_refused() {
        for args in [
            PolicyArgs {
                allow: vec!["catalogue-in-scpoe".into()],
                ..PolicyArgs::default()
            },
            PolicyArgs {
                deny: vec!["catalogue-in-scpoe".into()],
                ..PolicyArgs::default()
            },
        ] {
            assert_eq!(
                refused(&args, None),
                "no rule or family \"catalogue-in-scpoe\"; `catscan rules` lists them"
            );
        }
    }

    #[test]
    #[cfg(feature = "custom-rules")]
    fn a_level_for_a_rule_of_the_file_is_known_only_with_the_file() {
        let custom = PolicyArgs {
            warn: vec!["custom-no-usb".into()],
            ..PolicyArgs::default()
        };
        assert_eq!(
            refused(&custom, None),
            "no rule or family \"custom-no-usb\"; `catscan rules` lists them"
        );
        let defined = file(
            "[[rule]]\nid = \"custom-no-usb\"\nlevel = \"error\"\nmessage = \"m\"\nwhen = \"component.name == 'usb'\"\n",
        );
        let p = policy(&custom, defined);
        assert_eq!(p.levels.get("custom-no-usb"), Some(&Some(Level::Warning)));
        assert_eq!(p.custom_rules.len(), 1);
    }

    #[test]
    fn columns_of_the_command_line_add_to_the_files_and_replace_a_field_both_name() {
        let from_file = || file("[columns]\nmanufacturer = \"Maker\"\nquantity = \"Qty\"\n");
        let cli = PolicyArgs {
            columns: Some("manufacturer=Hersteller, part-number=Item No.".into()),
            ..PolicyArgs::default()
        };
        assert_eq!(
            policy(&cli, from_file()).read.columns.map,
            [
                (Field::Quantity, "Qty".to_string()),
                (Field::Manufacturer, "Hersteller".to_string()),
                (Field::PartNumber, "Item No.".to_string()),
            ]
        );
        assert_eq!(
            policy(&PolicyArgs::default(), from_file()).read.columns.map,
            [
                (Field::Manufacturer, "Maker".to_string()),
                (Field::Quantity, "Qty".to_string()),
            ]
        );
        assert!(
            policy(&PolicyArgs::default(), None)
                .read
                .columns
                .map
                .is_empty()
        );

        let bad = PolicyArgs {
            columns: Some("manufacturer".into()),
            ..PolicyArgs::default()
        };
        assert_eq!(
            refused(&bad, None),
            "--columns: \"manufacturer\" is not FIELD=HEADER; expected e.g. \"part-number=Item No.\""
        );
    }

    #[test]
    fn the_files_exceptions_and_name_come_with_it() {
        let p = policy(
            &PolicyArgs::default(),
            file("[[exception]]\nname = \"x\"\nrule = \"origin-us-fcc-covered\"\nreason = \"r\"\n"),
        );
        assert_eq!(p.file.as_deref(), Some("catscan.toml"));
        assert_eq!(p.exceptions.len(), 1);
        assert_eq!(p.exceptions[0].rule, "origin-us-fcc-covered");
    }

    #[test]
    fn an_invalid_extra_data_file_is_refused_with_its_name() {
        let mut c = Config::default();
        c.extra_packs.push(DataFile {
            name: "packs/broken.toml",
            text: "id = [",
        });
        let e = resolve(&PolicyArgs::default(), Some(c), TODAY).expect_err("refused");
        assert!(matches!(&e, PolicyError::Knowledge(_)), "{e:?}");
        assert!(e.to_string().starts_with("packs/broken.toml: "), "{e}");
    }
}
