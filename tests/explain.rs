//! A rule's help as users read it: `catscan explain` and the SARIF rule table print the rule's own
//! text followed by the "Legal basis" paragraph written from `catalogues/legal-bases.toml`.

mod common;

use common::catscan;
use serde_json::Value;

/// The legal basis of the catalogue rules, as `catalogues/legal-bases.toml` gives it.
const CATALOGUE_BASIS: &str = "**Legal basis.** Cybersecurity Law of the People's Republic of China (中华人民共和国网络安全法), \
article 23, in force from 2017-06-01; article 25 from 2026-01-01 (text unchanged): \
*网络关键设备和网络安全专用产品应当按照相关国家标准的强制性要求，由具备资格的机构安全认证合格或者安全检测符合要求后，方可销售或者提供。* \
Critical network equipment and specialized cybersecurity products may be sold or provided only after a qualified body has \
certified them or tested them as meeting the mandatory requirements of the relevant national standards (GB 40050-2021 for \
equipment, GB 42250-2022 for specialized products from 2023-07-01). The catalogue: first batch (2017 No. 1, from \
2017-06-01); adjusted catalogue (2023 No. 2, from 2023-07-03), which repealed the first batch. \
Penalty, article 63 from 2026-01-01 (secondary): \
*违反本法第二十五条规定，销售或者提供未经安全认证、安全检测或者安全认证不合格、安全检测不符合要求的网络关键设备和网络安全专用产品的，\
由有关主管部门责令停止销售或者提供，给予警告，没收违法所得；没有违法所得或者违法所得不足十万元的，并处二万元以上十万元以下罚款；\
违法所得十万元以上的，并处违法所得一倍以上五倍以下罚款；情节严重的，并可以责令暂停相关业务、停业整顿、吊销相关业务许可证或者吊销营业执照。* \
Selling or providing such a product uncertified or untested: the sale is stopped, a warning given and the illegal income \
confiscated, with a fine of CNY 20,000 to 100,000 (illegal income under CNY 100,000 or none) or of one to five times the \
illegal income; in serious cases the business may be suspended or its licence revoked. The 2025 amendment added this \
liability (增加规定法律责任, as 法治日报 reported of the draft). \
Sources: S-LAW, S-CSL-2017, S-GB40050, S-GB42250, S-ANQ, S-EMR, S-VSCB, S-CSL25, S-CSLAMEND, \
S-CSLAMEND-TEXT, S-CSL63, S-FZRB-CSLDRAFT.";

#[test]
fn explain_ends_the_help_with_the_legal_basis_written_from_the_data() {
    let run = catscan(&["explain", "catalogue-in-scope"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("catalogue-in-scope (CatalogueProductInScope, default level error)\n\n"),
        "{}",
        run.stdout
    );
    let what_to_do = run
        .stdout
        .find("**What to do.**")
        .expect("a What to do paragraph");
    let basis = run
        .stdout
        .find(&format!("\n\n{CATALOGUE_BASIS}\n"))
        .unwrap_or_else(|| panic!("no exact legal basis paragraph in:\n{}", run.stdout));
    assert!(what_to_do < basis, "{}", run.stdout);
    assert_eq!(
        run.stdout.matches("**Legal basis.**").count(),
        1,
        "{}",
        run.stdout
    );
}

#[test]
fn the_sarif_rule_table_carries_the_same_help() {
    let run = catscan(&[
        "scan",
        "sbom-fixtures/datacenter-hbom.cdx.json",
        "--format",
        "sarif",
        "--as-of",
        "2026-11-23",
        "-q",
    ]);
    let sarif: Value = serde_json::from_str(&run.stdout).expect("SARIF");
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("a rule table");
    assert_eq!(rules.len(), 26);
    let rule = rules
        .iter()
        .find(|r| r["id"] == "catalogue-in-scope")
        .expect("catalogue-in-scope in the table");
    let markdown = rule["help"]["markdown"].as_str().expect("help.markdown");
    assert!(
        markdown.ends_with(&format!("\n\n{CATALOGUE_BASIS}")),
        "{markdown}"
    );
    let text = rule["help"]["text"].as_str().expect("help.text");
    let plain = CATALOGUE_BASIS.replace("**", "").replace('*', "");
    assert!(text.ends_with(&format!("\n\n{plain}")), "{text}");
    // Every rule's help names its legal basis once, after what to do.
    for r in rules {
        let help = r["help"]["markdown"].as_str().unwrap_or_default();
        assert_eq!(help.matches("**Legal basis.**").count(), 1, "{}", r["id"]);
        let what_to_do = help.find("**What to do.**");
        let basis = help.find("**Legal basis.**");
        assert!(
            matches!((what_to_do, basis), (Some(w), Some(b)) if w < b),
            "{}",
            r["id"]
        );
    }
}

#[test]
fn the_rules_list_comes_from_the_registry() {
    let run = catscan(&["rules"]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 26, "{}", run.stdout);
    assert!(
        run.stdout.lines().any(|l| l
            == format!(
                "{:34} {:8} {:13} {}",
                "licence-permit-not-genuine",
                "error",
                "licence",
                "A MPS sales permit recorded for a component is dated after 2023-06-30, when permits stopped being issued, so it cannot be genuine."
            )),
        "{}",
        run.stdout
    );
}
