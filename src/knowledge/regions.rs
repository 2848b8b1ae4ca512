//! Which country is domestic, and how the regimes treat the regions whose standing they leave open
//! (`catalogues/regions.toml`).
//!
//! The MLPS developer test asks whether a developer is incorporated in China and controlled by
//! Chinese citizens, legal persons or the state; the domestic-control share and the procurement
//! lists of domestic companies ask who controls a vendor. A country code answers both questions:
//! the domestic country is domestic, a region the data names has the standing the data gives it
//! for each question, and any other country is foreign. These are facts about the law with their
//! sources and statuses, so they are data, not Rust.

use serde::Deserialize;

use super::{DataFile, KnowledgeError, Status};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionsFile {
    domestic: Domestic,
    #[serde(rename = "region", default)]
    regions: Vec<Region>,
}

/// The country whose companies the regimes call domestic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domestic {
    /// ISO 3166-1 alpha-2, as the vendor registry writes countries: "CN".
    pub country: String,
    /// The country's name, for messages ("the People's Republic of China").
    pub name: String,
    /// How well the sources support which country is domestic.
    pub status: Status,
    /// What the sources say, and how they were read.
    pub note: Option<String>,
    /// Keys of `catalogues/sources.toml` this rests on.
    pub sources: Vec<String>,
}

/// A place with a country code of its own whose standing the regimes may treat apart.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// ISO 3166-1 alpha-2: "HK".
    pub code: String,
    /// The region's name, for messages ("Hong Kong").
    pub name: String,
    /// Its standing for each question, one answer per question.
    #[serde(rename = "answer")]
    pub answers: Vec<Answer>,
}

/// What a region is for one question, with how far that is supported.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// The question answered.
    pub question: Question,
    /// How the region counts for it.
    pub standing: Standing,
    /// How well the sources support the answer.
    pub status: Status,
    /// What the sources say, and how they were read.
    pub note: Option<String>,
    /// Keys of `catalogues/sources.toml` the answer rests on.
    pub sources: Vec<String>,
}

/// A question a vendor's country answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Question {
    /// Is a developer incorporated there incorporated in China (在中华人民共和国境内), as the
    /// MLPS developer test requires?
    IncorporatedInChina,
    /// Is a vendor controlled from there controlled from China, for the MLPS control test, the
    /// domestic-control share and the lists of domestic companies?
    ControlledFromChina,
}

impl Question {
    /// Every question; each region must answer each once.
    pub const ALL: [Question; 2] = [Self::IncorporatedInChina, Self::ControlledFromChina];

    /// The question as `regions.toml` writes it (`controlled-from-china`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IncorporatedInChina => "incorporated-in-china",
            Self::ControlledFromChina => "controlled-from-china",
        }
    }
}

/// How a country counts for a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Standing {
    /// It counts as China.
    Domestic,
    /// It does not count as China.
    Foreign,
    /// The sources do not settle it: a vendor there is undetermined, never decided either way.
    Unsettled,
}

/// The domestic country and the regions, checked.
#[derive(Debug, Clone)]
pub struct Regions {
    /// The domestic country.
    pub domestic: Domestic,
    /// The regions the regimes treat apart, in file order.
    pub regions: Vec<Region>,
}

impl Regions {
    /// How `country` (a country code) counts for `question`: the domestic country is domestic,
    /// a region has the standing the data gives it, any other country is foreign.
    pub fn standing(&self, country: &str, question: Question) -> Standing {
        if country == self.domestic.country {
            return Standing::Domestic;
        }
        self.regions
            .iter()
            .find(|r| r.code == country)
            .and_then(|r| r.answers.iter().find(|a| a.question == question))
            .map_or(Standing::Foreign, |a| a.standing)
    }

    /// Whether `country` is the domestic country itself (not a region treated as domestic).
    pub fn is_domestic_country(&self, country: &str) -> bool {
        country == self.domestic.country
    }
}

/// Reads and checks `regions.toml`: sources resolve (through `check_sources`, which knows the
/// source keys), codes are unique and are not the domestic country, and every region answers
/// every question exactly once.
pub(super) fn load(
    file: DataFile,
    check_sources: impl Fn(&DataFile, &str, &[String]) -> Result<(), KnowledgeError>,
) -> Result<Regions, KnowledgeError> {
    let parsed: RegionsFile = super::parse(file)?;
    let error = |message: String| KnowledgeError {
        file: file.name.to_string(),
        message,
    };
    check_sources(&file, "the domestic country", &parsed.domestic.sources)?;
    super::unique(
        file,
        parsed.regions.iter().map(|r| r.code.as_str()),
        "region code",
    )?;
    for region in &parsed.regions {
        if region.code == parsed.domestic.country {
            return Err(error(format!(
                "region {} is the domestic country; a region is a place other than {}",
                region.code, parsed.domestic.country
            )));
        }
        for question in Question::ALL {
            let answers = region
                .answers
                .iter()
                .filter(|a| a.question == question)
                .count();
            if answers != 1 {
                return Err(error(format!(
                    "region {} answers the question {} {answers} times; expected exactly once",
                    region.code,
                    question.as_str()
                )));
            }
        }
        for answer in &region.answers {
            check_sources(
                &file,
                &format!(
                    "the answer of region {} to {}",
                    region.code,
                    answer.question.as_str()
                ),
                &answer.sources,
            )?;
        }
    }
    Ok(Regions {
        domestic: parsed.domestic,
        regions: parsed.regions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{BUILTIN, Builtin, Knowledge};

    fn load_with(text: String) -> Result<Knowledge, KnowledgeError> {
        Knowledge::load(&Builtin {
            regions: DataFile {
                name: BUILTIN.regions.name,
                text: Box::leak(text.into_boxed_str()),
            },
            ..BUILTIN
        })
    }

    #[test]
    fn china_is_domestic_and_hong_kong_macao_and_taiwan_are_unsettled_for_both_questions() {
        let regions = &Knowledge::builtin().regions;
        for question in Question::ALL {
            assert_eq!(regions.standing("CN", question), Standing::Domestic);
            for code in ["HK", "MO", "TW"] {
                assert_eq!(regions.standing(code, question), Standing::Unsettled);
            }
            assert_eq!(regions.standing("US", question), Standing::Foreign);
            assert_eq!(regions.standing("FI", question), Standing::Foreign);
        }
        assert!(regions.is_domestic_country("CN"));
        assert!(!regions.is_domestic_country("HK"));
    }

    #[test]
    fn a_region_answering_a_question_twice_or_never_is_named() {
        let text = BUILTIN.regions.text.replacen(
            "question = \"controlled-from-china\"",
            "question = \"incorporated-in-china\"",
            1,
        );
        assert_ne!(text, BUILTIN.regions.text);
        assert_eq!(
            load_with(text).unwrap_err().to_string(),
            "catalogues/regions.toml: region HK answers the question incorporated-in-china 2 times; expected exactly once"
        );
    }

    #[test]
    fn a_region_that_is_the_domestic_country_is_named() {
        let text = BUILTIN
            .regions
            .text
            .replacen("code = \"HK\"", "code = \"CN\"", 1);
        assert_eq!(
            load_with(text).unwrap_err().to_string(),
            "catalogues/regions.toml: region CN is the domestic country; a region is a place other than CN"
        );
    }

    #[test]
    fn an_undefined_source_key_is_named() {
        let text =
            BUILTIN
                .regions
                .text
                .replacen("sources = [\"S-MLPS21\"", "sources = [\"S-NOPE\"", 1);
        assert_ne!(text, BUILTIN.regions.text);
        assert_eq!(
            load_with(text).unwrap_err().to_string(),
            "catalogues/regions.toml: the domestic country cites source \"S-NOPE\", which sources.toml does not define (cite a key of sources.toml or a URL)"
        );
    }

    #[test]
    fn an_unknown_standing_is_an_error_naming_the_file() {
        let text =
            BUILTIN
                .regions
                .text
                .replacen("standing = \"unsettled\"", "standing = \"maybe\"", 1);
        let error = load_with(text).unwrap_err();
        assert_eq!(error.file, "catalogues/regions.toml");
        assert!(
            error.message.contains(
                "unknown variant `maybe`, expected one of `domestic`, `foreign`, `unsettled`"
            ),
            "{}",
            error.message
        );
    }
}
