//! Every rule catscan reports, with its documentation. A rule's id never changes meaning; new
//! situations get new rules. `catscan rules` lists them and `catscan rule ID` prints one.

use std::fmt;

/// How serious a finding is, and the SARIF level it is reported at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Note,
    Warning,
    Error,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "note" => Some(Self::Note),
            "warning" => Some(Self::Warning),
            "error" => Some(Self::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Families group rules in SARIF `properties.tags` and in the reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    Catalogue,
    Licence,
    Evidence,
    Origin,
    /// Government-procurement lists and the domestic-control share.
    Procurement,
    DataQuality,
    /// Findings about the policy itself: exceptions that expired or match nothing.
    Policy,
    /// Rules written by the user in `catscan.toml`.
    Custom,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Catalogue => "catalogue",
            Self::Licence => "licence",
            Self::Evidence => "evidence",
            Self::Origin => "origin",
            Self::Procurement => "procurement",
            Self::DataQuality => "data-quality",
            Self::Policy => "policy",
            Self::Custom => "custom",
        }
    }
}

/// A rule: what it detects, how serious it is by default, and help that cites the legal basis.
#[derive(Debug)]
pub struct Rule {
    /// Stable identifier, used as the SARIF `ruleId` and in `-A/-W/-D`.
    pub id: &'static str,
    /// Upper camel case, shown by GitHub as the rule's name.
    pub name: &'static str,
    pub family: Family,
    pub default_level: Level,
    /// One sentence (SARIF `shortDescription`).
    pub summary: &'static str,
    /// A paragraph (SARIF `fullDescription`).
    pub description: &'static str,
    /// Markdown help: why it matters, the legal basis, the sources, what to do.
    pub help: &'static str,
}

/// A catalogue product whose threshold is met (or that has none).
pub const CATALOGUE_IN_SCOPE: Rule = Rule {
    id: "catalogue-in-scope",
    name: "CatalogueProductInScope",
    family: Family::Catalogue,
    default_level: Level::Error,
    summary: "A component is a catalogue product and meets the item's threshold: it needs security certification or testing before it is sold or provided in China.",
    description: "The component is recognised, with certain or likely confidence, as a product category that an item of the \
catalogue edition in force covers, and it meets the item's threshold (or the item has none, as for every specialized \
cybersecurity product in the 2023 edition). Such a product may be sold or provided in China only after security \
certification or security testing by a qualified body.",
    help: concat!(
        "A product of the Catalogue of Critical Network Equipment and Specialized Cybersecurity Products was found in the BOM.\n\n",
        "The message says which catalogue item, why the component was recognised (which field, which words or values), how each ",
        "threshold condition was checked, and what the obligation is.\n\n",
        "**What to do.** Make sure the product holds a valid security certification certificate or a security testing report ",
        "from a qualified body for the mandatory standard. If catscan recognised the component wrongly, say what it is with the ",
        "property `catscan:category` (a category id, see `catscan catalogue categories`), or state the attributes the threshold ",
        "needs (`catscan:throughput`, `catscan:routing-table-capacity`, …), and run catscan again.\n\n",
        "**Legal basis.** Cybersecurity Law of the People's Republic of China, article 23 (article 25 from 2026-01-01, text unchanged): ",
        "*网络关键设备和网络安全专用产品应当按照相关国家标准的强制性要求，由具备资格的机构安全认证合格或者安全检测符合要求后，方可销售或者提供。* ",
        "Critical network equipment and specialized cybersecurity products may be sold or provided only after a qualified body has ",
        "certified them or tested them as meeting the mandatory requirements of the relevant national standards (GB 40050-2021 for ",
        "equipment, GB 42250-2022 for specialized products from 2023-07-01). The catalogue: first batch (2017 No. 1, from 2017-06-01); ",
        "adjusted catalogue (2023 No. 2, from 2023-07-03), which repealed the first batch.\n\n",
        "**Sources.** Each item's sources and the confirmation status of its name and threshold are shown by ",
        "`catscan catalogue show ITEM`; the data is in `catalogues/cn/`. Where a fact is below confirmed (corroborated, secondary, inferred or unknown), the message says so."
    ),
};

/// A component that may be a catalogue product, on weak evidence.
pub const CATALOGUE_POSSIBLE: Rule = Rule {
    id: "catalogue-possible",
    name: "CataloguePossibleProduct",
    family: Family::Catalogue,
    default_level: Level::Warning,
    summary: "A component may be a catalogue product: only weak evidence says so, and a person should confirm what it is.",
    description: "The component matches a catalogue category with possible confidence only: a word in its description, a word \
in the name of software listed without a declared category, a product family that also holds other products, or a vendor \
whose only catalogue-relevant product line is this category. If it is such a product and meets the item's threshold, the \
certification obligation applies.",
    help: concat!(
        "catscan found weak evidence that the component is a catalogue product; it reports it so that the decision is made by a ",
        "person rather than silently.\n\n",
        "**What to do.** Check what the component is. If it is the product the message names, record it with the property ",
        "`catscan:category` and state the attributes the threshold needs; catscan then reports it as in scope or not. If it is ",
        "not, declare its real category with `catscan:category` (e.g. `library`-like parts need nothing: libraries are never ",
        "classified from their words).\n\n",
        "**Legal basis.** Cybersecurity Law of the People's Republic of China, article 23 (article 25 from 2026-01-01): catalogue ",
        "products may be sold or provided only after security certification or testing by a qualified body. See the rule ",
        "`catalogue-in-scope` for the full text."
    ),
};

/// A catalogue product whose threshold cannot be checked.
pub const CATALOGUE_UNDETERMINED: Rule = Rule {
    id: "catalogue-undetermined",
    name: "CatalogueThresholdUndetermined",
    family: Family::Catalogue,
    default_level: Level::Warning,
    summary: "A component is a catalogue product category, but whether it meets the item's threshold cannot be decided.",
    description: "The component is recognised as a category a catalogue item covers, but the threshold cannot be checked: an \
attribute the threshold needs is missing from the BOM, the only figure is unlabelled and below the limit, the catalogue's own \
threshold value was never read (status unknown), or the answer depends on whether the conditions must all hold, which the \
sources do not confirm. The message names what is missing.",
    help: concat!(
        "catscan could not decide whether the product falls under the catalogue item; it does not guess.\n\n",
        "**What to do.** Add the attributes the message names to the component as properties, in any usual unit: ",
        "`catscan:throughput` (whole-system, bidirectional, e.g. `25.6 Tbps`), `catscan:routing-table-capacity` (`400万条`, ",
        "`4000000`), `catscan:packet-forwarding-rate` (`14400 Mpps`), `catscan:cpu-count`, `catscan:cores-per-cpu`, ",
        "`catscan:memory` (`512 GB`), `catscan:form-factor` (`rack`, `tower`, `blade`), `catscan:instruction-execution-time` ",
        "(`0.05 µs`, `50纳秒`). Where the catalogue's own threshold was never read, treat the product as in scope unless its ",
        "supplier shows otherwise.\n\n",
        "**Legal basis.** Cybersecurity Law of the People's Republic of China, article 23 (article 25 from 2026-01-01); the item ",
        "thresholds are those of the catalogue edition in force. See `catalogue-in-scope`."
    ),
};

/// A catalogue category whose item does not apply (below threshold, wrong form).
pub const CATALOGUE_NOT_IN_SCOPE: Rule = Rule {
    id: "catalogue-not-in-scope",
    name: "CatalogueItemDoesNotApply",
    family: Family::Catalogue,
    default_level: Level::Note,
    summary: "A component is of a catalogue product category, but the item does not apply to it (below the threshold, or not the form the item covers).",
    description: "The component is recognised as a category a catalogue item covers, but the item does not apply: a threshold \
condition is clearly missed (from a labelled value), the server is not rack-mounted, or the item covers only hardware (or \
only software) and the component is not. The result records the decision and its grounds so that the register of catalogue \
categories in the BOM is complete.",
    help: concat!(
        "The item does not apply to this component, for the reason the message gives. No certification obligation follows from ",
        "this item; the result is a note so that the decision can be audited.\n\n",
        "**What to do.** Nothing, unless the values catscan read are wrong; the message says which property or text each value ",
        "came from.\n\n",
        "**Legal basis.** Cybersecurity Law of the People's Republic of China, article 23 (article 25 from 2026-01-01); item ",
        "thresholds of the catalogue edition in force."
    ),
};

/// A catalogue product in scope whose evidence counts on the run's date.
pub const EVIDENCE_ON_RECORD: Rule = Rule {
    id: "evidence-on-record",
    name: "CatalogueProductWithEvidence",
    family: Family::Evidence,
    default_level: Level::Note,
    summary: "A component is, or may be, a catalogue product, and the BOM or the list of certified products records evidence that is valid on the run's date.",
    description: "The component falls or may fall under a catalogue item, and a security certification certificate, a security \
testing report, or a sales permit still within its term is recorded for it (component properties catscan:certificate, \
catscan:test-report, catscan:mops-permit, or a row of --certified) and is valid on the run's date. Valid evidence also \
replaces a catalogue-possible or catalogue-undetermined finding: whether or not the item applies, the obligation is met. \
It is reported as a note so that the SARIF is a complete register of the catalogue products in the BOM.",
    help: concat!(
        "The message names the evidence, where it is recorded and until when it counts.\n\n",
        "**What counts, as of the run's date.** A certification certificate (valid to its expiry, or five years from its issue ",
        "when no expiry is given, a period reported for CNCA-CCIS-2018 certificates by secondary sources); a testing report; ",
        "a MPS sales permit for a specialized product until its expiry (none has been issued since 2023-06-30, 2023年第1号 ",
        "point 二).\n\n",
        "**What does not count.** A CCC certificate for information security products (catscan:ccci-certificate) never counts ",
        "on or after 2023-07-01, when the scheme stopped applying to these products (2023年第1号 point 三). Before that date it ",
        "is reported as uncertain evidence: that the catalogue accepted it is inferred, not stated in the research sources, so ",
        "an in-scope product with only a CCC certificate is catalogue-undetermined rather than a note. A permit dated after ",
        "2023-06-30 is licence-permit-not-genuine; evidence whose dates cannot be read is data-quality-invalid-declaration.\n\n",
        "**What to do.** Keep the certificate or report current; catscan cannot check a number against the official registry."
    ),
};

/// A sales permit dated after the last day permits were issued.
pub const LICENCE_PERMIT_NOT_GENUINE: Rule = Rule {
    id: "licence-permit-not-genuine",
    name: "SalesPermitCannotBeGenuine",
    family: Family::Licence,
    default_level: Level::Error,
    summary: "A MPS sales permit recorded for a component is dated after 2023-06-30, when permits stopped being issued, so it cannot be genuine.",
    description: "From 2023-07-01 the sales permit for computer information system security products (销售许可证) is no longer \
issued (2023年第1号, point 二). A permit whose issue date is later is either recorded wrongly or not genuine; it is not \
evidence for the product.",
    help: concat!(
        "**What to do.** Check the permit with the supplier. A product without valid evidence needs security certification or ",
        "testing before it is sold.\n\n",
        "**Legal basis.** 《关于调整网络安全专用产品安全管理有关事项的公告》（2023年第1号）point 二: ",
        "*停止颁发《计算机信息系统安全专用产品销售许可证》，产品生产者无需申领。此前已经获得销售许可证的产品在有效期内可继续销售或者提供。*"
    ),
};

/// A product candidate with no vendor and nothing that says what it is.
pub const DATA_QUALITY_NO_VENDOR: Rule = Rule {
    id: "data-quality-no-vendor",
    name: "ComponentWithoutVendor",
    family: Family::DataQuality,
    default_level: Level::Warning,
    summary: "A device has no manufacturer or supplier and nothing that says what it is, so catscan cannot decide whether it is a catalogue product.",
    description: "The component is a device (the BOM's subject or one listed in the BOM) with no manufacturer, supplier, \
publisher or author, no declared category, and no words catscan recognises. Without a vendor, catscan cannot use the vendor's product lines; without \
a category, it cannot decide whether a catalogue item applies.",
    help: concat!(
        "**What to do.** Ask the supplier for a BOM that names the manufacturer of every device (CycloneDX `manufacturer` or ",
        "`supplier`), or add it yourself; better still, declare the category with `catscan:category`.\n\n",
        "A wrong \"clean\" result is worse than a warning: catscan reports what it cannot decide."
    ),
};

/// A device from a vendor that makes catalogue products, with nothing saying which.
pub const DATA_QUALITY_UNCLASSIFIED: Rule = Rule {
    id: "data-quality-unclassified",
    name: "UnclassifiedDevice",
    family: Family::DataQuality,
    default_level: Level::Warning,
    summary: "A device comes from a vendor that makes catalogue products, but nothing in the BOM says which kind of device it is.",
    description: "The device's vendor is in catscan's registry with product lines that include several catalogue categories \
(for example routers, switches and firewalls), and neither the component's name, description, properties nor a known \
product line says which it is. catscan cannot decide whether a catalogue item applies.",
    help: concat!(
        "**What to do.** Declare the category with the property `catscan:category` (see `catscan catalogue categories`), or ask ",
        "the supplier for a BOM with descriptive names or categories."
    ),
};

/// A declaration in the BOM that names nothing catscan knows.
pub const DATA_QUALITY_INVALID_DECLARATION: Rule = Rule {
    id: "data-quality-invalid-declaration",
    name: "InvalidCatscanDeclaration",
    family: Family::DataQuality,
    default_level: Level::Warning,
    summary: "A catscan property in the BOM names a category or catalogue item that does not exist, or records evidence with a date that cannot be read, so it was ignored.",
    description: "`catscan:category` must name a category of `catscan catalogue categories`; `catscan:catalogue-item` must name \
an item of a catalogue edition (`cne.router` or `cn-2023/cne.router`). A declaration that names neither is ignored, and the \
component is classified from its other fields. The dates of evidence (catscan:certificate-issued, -expiry, \
catscan:test-report-date, catscan:mops-permit-issued, -expiry, catscan:ccci-issued, -expiry) must be written YYYY-MM-DD; \
evidence whose term cannot be read is not counted.",
    help: "**What to do.** Correct the value; `catscan catalogue list` shows the items of each edition and `catscan catalogue categories` the categories. Write evidence dates as YYYY-MM-DD, for example 2027-12-31.",
};

/// A security product from a developer that is not both incorporated and controlled in China,
/// in a system of MLPS grade 3 or higher.
pub const ORIGIN_MLPS_FOREIGN_DEVELOPER: Rule = Rule {
    id: "origin-mlps-foreign-developer",
    name: "ForeignSecurityProductInMlpsGrade3",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "A security product in a system of MLPS grade 3 or higher comes from a developer that is not incorporated and controlled in China.",
    description: "With `--mlps-grade 3` or higher (and the Chinese market), every information security product in the BOM must come \
from a developer incorporated in China as an independent legal person and invested in or controlled by Chinese citizens, legal \
persons or the state. The vendor registry records where the component's vendor is incorporated and who controls it; this \
vendor is incorporated or controlled elsewhere.",
    help: concat!(
        "**What to do.** Replace the product with one from a qualifying domestic developer, or document why the system is below ",
        "grade 3. If the vendor is wrong, correct the BOM's manufacturer or supplier.\n\n",
        "**Legal basis.** 《信息安全等级保护管理办法》 (公通字[2007]43号), Article 21, as summarised by secondary sources and by the MPS ",
        "filing form (国产品: 研制、生产单位是由中国公民、法人投资或者国家投资或者控股，在中华人民共和国境内具有独立的法人资格，产品的核心技术、关键部件具有我国自主知识产权). ",
        "The verbatim article was not retrieved, and whether MLPS 2.0 replaced it is unconfirmed; the message says so. Which ",
        "categories count as security products is catscan's reading (`catalogues/packs/cn-mlps.toml`).\n\n",
        "Core technology, key components and the absence of backdoors cannot be read from a BOM; catscan checks the developer only."
    ),
};

/// A component of a vendor on a list that the policy file adds (`[extra] packs`).
pub const ORIGIN_LISTED_VENDOR: Rule = Rule {
    id: "origin-listed-vendor",
    name: "VendorOnPolicyList",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "The component comes from a vendor on a list that this project's policy adds.",
    description: "A rule pack listed under `[extra] packs` in catscan.toml names the component's vendor (or its parent), in the \
entry's scope and from the entry's date. The message names the list, the entry and its sources.",
    help: concat!(
        "**What to do.** Follow the policy that the list records; the list's `requirement` says what it asks. Lists of this kind ",
        "are maintained by the team that owns catscan.toml, in the format of the files in `catalogues/packs/`."
    ),
};

/// An origin rule applies, but the vendor's origin or the list's scope cannot be decided.
pub const ORIGIN_UNDETERMINED: Rule = Rule {
    id: "origin-undetermined",
    name: "OriginCannotBeDecided",
    family: Family::Origin,
    default_level: Level::Warning,
    summary: "An origin rule applies to the component, but whether it is met cannot be decided from the BOM and the vendor registry.",
    description: "Either the vendor registry does not record where the component's vendor is incorporated or who controls it (or its \
entry has status unknown), or the vendor is named on a list whose scope is limited to some products or uses that the BOM \
does not show (\"telecommunications equipment\", \"to the extent used for public safety …\"). The message says which.",
    help: concat!(
        "**What to do.** Establish the missing fact and record it: the developer's incorporation and controlling owner for the ",
        "MLPS rule, or the product's use for a purpose-limited list entry. If the component is out of scope, add an exception ",
        "with the reason in `catscan.toml` so that the decision is kept and audited.\n\n",
        "A wrong \"clean\" result is worse than a warning: catscan reports what it cannot decide."
    ),
};

/// A network product a CII operator would need to review before buying.
pub const ORIGIN_CII_REVIEW: Rule = Rule {
    id: "origin-cii-review",
    name: "NetworkProductNeedsCiiReview",
    family: Family::Origin,
    default_level: Level::Warning,
    summary: "A network product bought by a critical information infrastructure operator must be assessed for national-security risk, and reviewed when that risk exists.",
    description: "With `--cii`, every product of the kinds the Cybersecurity Review Measures name (core network equipment, servers, mass \
storage, network security equipment, …) is reported: the operator must pre-assess the risk of the product once in use and file \
for cybersecurity review when national security is or may be affected. It is a warning where the review could change the decision \
(a developer that is foreign, or whose control catscan's registry does not record) and a note where the registry records the \
developer as controlled from China.",
    help: concat!(
        "**What to do.** Record the pre-assessment for the product; where it finds a possible effect on national security, file ",
        "with the Cybersecurity Review Office before buying. An exception in `catscan.toml` with the assessment's reference keeps ",
        "the decision auditable.\n\n",
        "**Why a note for some products (catscan's reading, inferred).** Every product of these kinds needs the operator's ",
        "pre-assessment, whoever made it. Where the review could change the decision to buy is where the developer is foreign, ",
        "or its control is unknown: the one review conclusion recorded (Micron, 2023-05-21) found a risk to the supply chain of ",
        "critical information infrastructure from a foreign vendor. A product whose developer catscan's registry records as ",
        "controlled from China is therefore reported as a note, and the others as a warning. Setting the rule's level by its id ",
        "(`-W origin-cii-review`) reports every case at that level.\n\n",
        "**Legal basis.** 关键信息基础设施安全保护条例 Art. 19 (*运营者应当优先采购安全可信的网络产品和服务；采购网络产品和服务可能影响国家安全的，",
        "应当按照国家网络安全规定通过安全审查。*), in force 2021-09-01; 网络安全审查办法 (CAC Decree No. 8, effective 2022-02-15) Art. 2; ",
        "Cybersecurity Law Art. 35 (Art. 37 from 2026-01-01, inferred). The mapping of the Measures' product words to catscan ",
        "categories is inferred (`catalogues/packs/cn-cii-review.toml`)."
    ),
};

/// A product whose maker failed a cybersecurity review: CII operators must stop buying it.
pub const ORIGIN_CII_REVIEW_FAILED: Rule = Rule {
    id: "origin-cii-review-failed",
    name: "ProductOfVendorThatFailedCybersecurityReview",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "The component comes from a company whose products failed China's cybersecurity review: operators of critical information infrastructure must stop buying them.",
    description: "With `--cii`, a component whose vendor (or its parent) is named in a cybersecurity review conclusion is reported from the \
date of the conclusion. The one conclusion recorded is the 2023-05-21 decision on Micron.",
    help: concat!(
        "**What to do.** Do not buy the product for critical information infrastructure; plan its replacement. The notice names ",
        "no deadline for removing products already in use.\n\n",
        "**Legal basis.** Conclusion of the Cybersecurity Review Office, 2023-05-21: *我国内关键信息基础设施的运营者应停止采购美光公司产品。* ",
        "The notice names 美光公司（Micron） only; catscan takes Micron Technology, Inc. and its subsidiaries."
    ),
};

/// Equipment of a company on the FCC Covered List.
pub const ORIGIN_US_FCC_COVERED: Rule = Rule {
    id: "origin-us-fcc-covered",
    name: "FccCoveredEquipment",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "The component is equipment of a company on the FCC Covered List, in the category the list covers: it can get no new FCC equipment authorization.",
    description: "With `--market us`, a component whose vendor (or its parent, through the registry) is named on the FCC Covered List, from \
the date the entry was added, and whose category is within the entry's scope. Products of the company outside the scope, or \
whose scope depends on their use, are reported as origin-undetermined.",
    help: concat!(
        "**What to do.** Replace the equipment for the US market. Covered equipment gets no new FCC equipment authorization ",
        "(FCC 22-84, from 2023-02-06) and no Universal Service Fund support.\n\n",
        "**Legal basis.** Secure and Trusted Communications Networks Act of 2019; 47 CFR 1.50002. Every entry includes the named ",
        "entity's subsidiaries and affiliates; catscan follows its registry's parent links and says so, because whether a company ",
        "is an affiliate is a legal question. Entries, dates and scopes: `catalogues/packs/us-fcc-covered-list.toml`."
    ),
};

/// Telecommunications or video-surveillance equipment of a company named in NDAA §889.
pub const ORIGIN_US_NDAA_889: Rule = Rule {
    id: "origin-us-ndaa-889",
    name: "Section889CoveredEquipment",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "The component is covered telecommunications or video-surveillance equipment under NDAA FY2019 §889: US federal agencies may not buy it or contract with those who use it.",
    description: "With `--us-federal`, a component whose vendor (or its parent) is Huawei, ZTE, Hytera, Hikvision or Dahua, in the equipment \
categories §889(f)(3) names, from 2019-08-13 (Part A; Part B from 2020-08-13).",
    help: concat!(
        "**What to do.** Remove the equipment from what is offered to, or used in performing, a US federal contract; report it ",
        "under FAR 52.204-25 where it is found in use.\n\n",
        "**Legal basis.** Pub. L. 115-232 §889; FAR 52.204-25; 2 CFR 200.216. The statute covers \"any subsidiary or affiliate\" of ",
        "the named companies. Entries: `catalogues/packs/us-ndaa-889.toml`."
    ),
};

/// Kaspersky software, including Kaspersky code integrated into another product.
pub const ORIGIN_US_KASPERSKY: Rule = Rule {
    id: "origin-us-kaspersky",
    name: "KasperskySoftware",
    family: Family::Origin,
    default_level: Level::Error,
    summary: "The component is Kaspersky software or contains it: transactions in it with US persons are prohibited by the 2024 Commerce determination.",
    description: "With `--market us`, any component (including a library) whose vendor is Kaspersky, from 2024-07-20. The determination also \
covers Kaspersky software integrated into third-party (white-label) products; threat-intelligence and security-training \
products are excluded.",
    help: concat!(
        "**What to do.** Remove the component, or establish that it is an excluded threat-intelligence or training product and ",
        "record that as an exception with the reason.\n\n",
        "**Legal basis.** BIS/OICTS Final Determination, Case No. ICTS-2021-002 (89 FR 52434, 2024-06-24): new agreements ",
        "prohibited from 2024-07-20; updates prohibited from 2024-09-29."
    ),
};

/// A CPU, operating system, database or security product that is not on the list the
/// procurement rules in force require.
pub const PROCUREMENT_NOT_LISTED: Rule = Rule {
    id: "procurement-not-listed",
    name: "ProductNotOnRequiredProcurementList",
    family: Family::Procurement,
    default_level: Level::Error,
    summary: "A CPU, operating system, database or security product is not on the list that the procurement rules in force require for the buyer.",
    description: "With `--procurement cn-government` or `cn-central`, the government procurement demand standards (2023 and 2025 \
editions) require the CPU and the operating system of computers to meet the secure-and-reliable evaluation (安全可靠测评), and \
the central government procurement centre's 2014 framework supply admitted antivirus software from five domestic brands and \
operating systems from eight brands. The component is of a class such a list covers and is not on it on the run's date: its \
vendor could not be on the list (only companies registered in China are evaluated; Windows 7 was the only foreign operating \
system of 2014), the list is known in full and does not name it, or its listing had lapsed. The message names the list, its \
date and the nearest listed products.",
    help: concat!(
        "**What to do.** Offer a listed product instead (the message names the nearest ones), or show that the buyer is not bound ",
        "(a buyer below township level, a purchase outside the framework supply). If catscan recognised the class wrongly, declare ",
        "it with the property `catscan:class` (`cpu`, `operating-system`, `database`, `security-software`, or `none`).\n\n",
        "**Basis.** 财库〔2023〕30号 (laptops, 2023-12-16) and the related 2023 standards, 财库〔2025〕29号/30号 as applied by ",
        "国机采〔2025〕7号 from 2025-03-11: *应当将CPU、操作系统符合安全可靠测评要求纳入采购需求*. The secure-and-reliable lists ",
        "(安全可靠测评结果公告, CNITSEC) count for three years from each announcement. CGPC 2014 framework supply ",
        "(总第二十一期, 2014-07-31). Statuses, dates and sources: `catscan explain cn-anke`, `catscan explain cn-mof-demand-std-2023`, ",
        "and the files in `catalogues/procurement/`. The lists are known only in part; where a product could be on the unread ",
        "part, catscan reports procurement-list-undetermined instead."
    ),
};

/// A product of a listed class that may or may not be on a list known only in part.
pub const PROCUREMENT_LIST_UNDETERMINED: Rule = Rule {
    id: "procurement-list-undetermined",
    name: "ProcurementListingCannotBeDecided",
    family: Family::Procurement,
    default_level: Level::Warning,
    summary: "A CPU, operating system, database or security product may or may not be on the procurement list it needs: the list is known only in part, or the sources about its entry conflict.",
    description: "The secure-and-reliable lists were not read in full (the annex tables of 2023年第1号 in particular), and some \
entries are known without a version or from conflicting sources. The component is of a class the list covers, its vendor \
could be on it, and it is not among the entries known, or it matches an entry that cannot decide. catscan does not guess \
either way: the message names what is known and the nearest listed products.",
    help: concat!(
        "**What to do.** Ask the supplier for the announcement (number and date) that lists the product, and record it as an ",
        "exception with that reference in `catscan.toml`; or choose a product the message names as listed.\n\n",
        "A wrong \"clean\" result is worse than a warning: catscan reports what it cannot decide."
    ),
};

/// A product that a procurement notice excludes by name.
pub const PROCUREMENT_EXCLUDED_PRODUCT: Rule = Rule {
    id: "procurement-excluded-product",
    name: "ProductExcludedFromProcurement",
    family: Family::Procurement,
    default_level: Level::Error,
    summary: "A product that a government procurement notice in force excludes by name (Windows 8 on computers bought by central state organs).",
    description: "With `--procurement cn-central`, the central government procurement centre's May 2014 notice for \
energy-saving IT products (laptops, tablets, desktops, all-in-one computers and printers) says that no computer product may \
have Windows 8 installed. The component matches the excluded product.",
    help: concat!(
        "**What to do.** Offer the computer with another operating system.\n\n",
        "**Basis.** 中央国家机关政府采购中心《关于进行信息类协议供货强制节能产品补充招标的通知》, clause 5: ",
        "*所有计算机类产品不允许安装Windows 8操作系统* (bidding 2014-05-20 to 2014-05-23; reprinted in full by Xinhua). The notice ",
        "gives no end date. `catalogues/procurement/cn-cgpc-2014-win8.toml`."
    ),
};

/// A product of a brand dropped from the central government procurement list.
pub const PROCUREMENT_VENDOR_DROPPED: Rule = Rule {
    id: "procurement-vendor-dropped",
    name: "BrandDroppedFromProcurementList",
    family: Family::Procurement,
    default_level: Level::Warning,
    summary: "The component comes from a brand that had been dropped from the central government procurement centre's approved list by late 2014 (Cisco, Apple, McAfee, Citrix).",
    description: "With `--procurement cn-central`, Reuters' analysis of the CGPC approved list (reported 2015-02-26) found that \
Cisco (60 products in 2012), Apple, McAfee (Intel) and Citrix had no products left on it. The list binds central ministries \
only. It is an analysis of a list that changes, not an official statement, hence a warning.",
    help: concat!(
        "**What to do.** Check the current CGPC list for the product before offering it to a central ministry.\n\n",
        "**Basis.** Reuters analysis, reprinted by SCMP 2015-02-26. Apple's absence from the August 2014 energy-saving list was ",
        "not a security exclusion and is not reported. `catalogues/procurement/cn-cgpc-2015-list.toml`."
    ),
};

/// The key hardware and software of a BOM are below the policy's domestic-control share.
pub const PROCUREMENT_DOMESTIC_SHARE_BELOW: Rule = Rule {
    id: "procurement-domestic-share-below",
    name: "DomesticControlShareBelowThreshold",
    family: Family::Procurement,
    default_level: Level::Error,
    summary: "The share of the BOM's key hardware and software from vendors controlled from China is below the policy's minimum, even if every vendor of unknown control were domestic.",
    description: "With `--min-domestic-share` (or `min-domestic-share` in catscan.toml), catscan counts the key components of each BOM \
(catalogue products, CPUs, operating systems, databases, security software) by the controlling country of their vendor, as \
the vendor registry records it: domestic (controlled from China), foreign, or unknown. It counts BOM entries and, where a part \
list gives quantity and unit price, spend. The domestic share is below the minimum on a measure, and would stay below it even if \
every unknown were domestic.",
    help: concat!(
        "**What to do.** Replace foreign key components, or check the threshold the buyer really applies.\n\n",
        "**Background.** \"Secure and controllable\" targets: 银监发〔2014〕39号 set about 75% for banking IT by 2019 (its ",
        "implementing guide 317 was suspended on 2015-04-13). catscan's share counts vendor control only; it is not the same ",
        "test as \"secure and controllable\". Every report shows the table with the unknown share apart."
    ),
};

/// Whether the domestic share meets the minimum depends on vendors of unknown control.
pub const PROCUREMENT_DOMESTIC_SHARE_UNDETERMINED: Rule = Rule {
    id: "procurement-domestic-share-undetermined",
    name: "DomesticControlShareUndetermined",
    family: Family::Procurement,
    default_level: Level::Warning,
    summary: "Whether the BOM's key hardware and software meet the policy's domestic-control share depends on vendors whose control is unknown.",
    description: "The domestic share is below the minimum when the vendors of unknown control are counted as foreign, and at or \
above it when they are counted as domestic. The message lists the unknown components and why each is unknown (vendor not \
identified, control not recorded in the registry, registry entry of status unknown, incorporated in Hong Kong, Macao or Taiwan).",
    help: concat!(
        "**What to do.** Name the manufacturers the registry does not know, or add them to an extra vendor file with their ",
        "controlling owner and country and your source; run catscan again."
    ),
};

/// A product whose vendor catscan could not identify, where a rule needs it.
pub const DATA_QUALITY_UNRESOLVED_VENDOR: Rule = Rule {
    id: "data-quality-unresolved-vendor",
    name: "VendorNotInRegistry",
    family: Family::DataQuality,
    default_level: Level::Warning,
    summary: "An origin rule needs the component's vendor, but the vendor named in the BOM is not in the registry (or none is named).",
    description: "Origin rules decide by vendor: where the developer is incorporated, who controls it, whether it is on a list. The BOM \
names no vendor for the component, or one that the registry does not know after normalising case, width, punctuation and legal \
suffixes. catscan does not guess: no fuzzy match puts a component on the wrong vendor.",
    help: concat!(
        "**What to do.** Name the manufacturer as registered (CycloneDX `manufacturer` or `supplier`), or add the vendor to an extra ",
        "vendor file listed in `catscan.toml`, with its country and controlling owner and your source."
    ),
};

/// An exception in `catscan.toml` whose expiry date has passed.
pub const POLICY_EXCEPTION_EXPIRED: Rule = Rule {
    id: "policy-exception-expired",
    name: "ExpiredException",
    family: Family::Policy,
    default_level: Level::Warning,
    summary: "An exception in catscan.toml has expired, so the findings it covered are reported again.",
    description: "Every exception carries a reason and may carry an expiry date. On and after that date (compared with --as-of) it no \
longer suppresses anything: the findings come back at their level, and this warning names the exception and where it is.",
    help: "**What to do.** Review the decision: renew the exception with a new date and reason, or fix the findings and remove it.",
};

/// An exception in `catscan.toml` that matched no finding.
pub const POLICY_EXCEPTION_UNUSED: Rule = Rule {
    id: "policy-exception-unused",
    name: "UnusedException",
    family: Family::Policy,
    default_level: Level::Warning,
    summary: "An exception in catscan.toml matched no finding in this run.",
    description: "An exception that matches nothing is either stale (the component or the finding is gone) or mistyped (a wrong purl, \
name or rule id), and a mistyped exception silently fails to do what its author meant.",
    help: "**What to do.** Remove the exception if its finding is gone, or correct its component or rule.",
};

/// All rules, in the order reports list them.
pub const ALL: &[&Rule] = &[
    &CATALOGUE_IN_SCOPE,
    &EVIDENCE_ON_RECORD,
    &LICENCE_PERMIT_NOT_GENUINE,
    &CATALOGUE_POSSIBLE,
    &CATALOGUE_UNDETERMINED,
    &CATALOGUE_NOT_IN_SCOPE,
    &DATA_QUALITY_NO_VENDOR,
    &DATA_QUALITY_UNCLASSIFIED,
    &DATA_QUALITY_INVALID_DECLARATION,
    &ORIGIN_MLPS_FOREIGN_DEVELOPER,
    &ORIGIN_CII_REVIEW_FAILED,
    &ORIGIN_US_FCC_COVERED,
    &ORIGIN_US_NDAA_889,
    &ORIGIN_US_KASPERSKY,
    &ORIGIN_LISTED_VENDOR,
    &ORIGIN_CII_REVIEW,
    &ORIGIN_UNDETERMINED,
    &PROCUREMENT_NOT_LISTED,
    &PROCUREMENT_EXCLUDED_PRODUCT,
    &PROCUREMENT_DOMESTIC_SHARE_BELOW,
    &PROCUREMENT_VENDOR_DROPPED,
    &PROCUREMENT_LIST_UNDETERMINED,
    &PROCUREMENT_DOMESTIC_SHARE_UNDETERMINED,
    &DATA_QUALITY_UNRESOLVED_VENDOR,
    &POLICY_EXCEPTION_EXPIRED,
    &POLICY_EXCEPTION_UNUSED,
];

pub fn by_id(id: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_unique_and_documented() {
        let mut ids = std::collections::HashSet::new();
        for r in ALL {
            assert!(ids.insert(r.id), "duplicate rule id {}", r.id);
            assert!(
                r.id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                r.id
            );
            assert!(
                r.name.chars().next().unwrap().is_ascii_uppercase(),
                "{}",
                r.name
            );
            assert!(
                r.summary.ends_with('.') && r.summary.len() <= 1024,
                "{}",
                r.id
            );
            assert!(!r.help.is_empty() && !r.description.is_empty(), "{}", r.id);
            assert!(
                r.id.starts_with(r.family.as_str()),
                "{} is in family {}",
                r.id,
                r.family.as_str()
            );
        }
    }
}
