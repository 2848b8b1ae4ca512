//! One test per decision of the catalogue family: which item covers a component, whether its
//! threshold is met, not met or cannot be decided, and what the message then says. Each runs a
//! small BOM through the real readers and resolver (see `test_support`), except the few
//! decisions no item of the built-in catalogues reaches, which call [`decide`] with an item
//! changed for the test.

use super::{Decision, Tri, Undecided, decide};
use crate::evaluate::test_support::{
    assert_says, bom, component, evaluate, evaluate_under, findings, policy_on,
};
use crate::findings::rules::Level;
use crate::knowledge::Knowledge;
use crate::policy::{Market, Policy};

/// The one finding of the catalogue (or `evidence-on-record`) the BOM gets.
fn decision(text: &str, policy: &Policy) -> (&'static str, Level, String) {
    let mut found: Vec<_> = findings(text, policy)
        .into_iter()
        .filter(|(id, _, _)| id.starts_with("catalogue-") || *id == "evidence-on-record")
        .collect();
    assert_eq!(found.len(), 1, "one catalogue finding expected: {found:?}");
    found.remove(0)
}

/// A device declared as `category` by Huawei, with `properties` after the declaration.
fn huawei(name: &str, category: &str, properties: &[(&str, &str)]) -> String {
    let mut all = vec![("catscan:category", category)];
    all.extend_from_slice(properties);
    bom(&component("device", name, Some("Huawei"), &all))
}

const ROUTER_OVER_BOTH: &[(&str, &str)] = &[
    ("catscan:throughput", "25.6 Tbps"),
    ("catscan:routing-table-capacity", "400万条"),
];

const CNE_OBLIGATION_2026: &str = "Obligation (Cybersecurity Law art. 25): as critical network equipment (网络关键设备), it may be sold or provided in China only after security certification or security testing by a qualified body against the mandatory national standard GB 40050-2021 (网络关键设备安全通用要求).";

#[test]
fn a_router_meeting_both_conditions_is_in_scope_and_both_readings_agree() {
    let (rule, level, message) = decision(
        &huawei("NE8000 X8", "router", ROUTER_OVER_BOTH),
        &policy_on("2026-11-23"),
    );
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            "NE8000 X8 (device, Huawei Technologies Co., Ltd.) is a router (路由器) and meets the threshold of item cn-2023/cne.router (路由器, Router) of the 2023 catalogue.",
            "Recognised from: property catscan:category = \"router\" (confidence: certain).",
            "Threshold: 整系统吞吐量（双向）≥12Tbps: 25.6 Tbps from property catscan:throughput = \"25.6 Tbps\", met; 整系统路由表容量≥55万条: 4,000,000 entries from property catscan:routing-table-capacity = \"400万条\", met.",
            "No certificate or testing report valid on 2026-11-23 is recorded for it (properties catscan:certificate or catscan:test-report, or a row of the --certified list).",
            "The sources do not say whether all threshold conditions must hold; both readings agree here.",
            CNE_OBLIGATION_2026,
            "Product standards for this item (named by the research, not by the catalogue): GB 40050-2021 (mandatory baseline for all critical network equipment (the standard itself was not read: its metadata pages and an MIIT testing notice say so); corroborated), GB/T 41269-2022 (security technical requirements for routers; secondary).",
        ],
    );
    assert!(message.ends_with("Sources: S-VSCB, S-B1482."), "{message}");
}

#[test]
fn a_router_below_both_labelled_conditions_is_not_in_scope_whichever_reading() {
    let (rule, level, message) = decision(
        &huawei(
            "AR6300",
            "router",
            &[
                ("catscan:throughput", "1 Tbps"),
                ("catscan:routing-table-capacity", "10万条"),
            ],
        ),
        &policy_on("2026-11-23"),
    );
    assert_eq!((rule, level), ("catalogue-not-in-scope", Level::Note));
    assert_eq!(
        message,
        "AR6300 (device, Huawei Technologies Co., Ltd.) is a router (路由器), but item cn-2023/cne.router (路由器, Router) of the 2023 catalogue does not apply to it: whole-system throughput (bidirectional) is 1 Tbps and whole-system routing-table capacity is 100,000 entries (threshold: 整系统吞吐量（双向）≥12Tbps；整系统路由表容量≥55万条); this holds whether or not all conditions must be met. \
Recognised from: property catscan:category = \"router\" (confidence: certain). \
Threshold: 整系统吞吐量（双向）≥12Tbps: 1 Tbps from property catscan:throughput = \"1 Tbps\", not met; 整系统路由表容量≥55万条: 100,000 entries from property catscan:routing-table-capacity = \"10万条\", not met. \
Sources: S-VSCB, S-B1482."
    );
}

#[test]
fn a_plc_slower_than_the_single_condition_is_not_in_scope_without_a_reading_caveat() {
    let (rule, level, message) = decision(
        &huawei(
            "P1",
            "plc",
            &[("catscan:instruction-execution-time", "0.5 µs")],
        ),
        &policy_on("2026-11-23"),
    );
    assert_eq!((rule, level), ("catalogue-not-in-scope", Level::Note));
    assert_says(
        &message,
        &[
            "P1 (device, Huawei Technologies Co., Ltd.) is a programmable logic controller (可编程逻辑控制器), but item cn-2023/cne.plc (可编程逻辑控制器（PLC设备）, Programmable logic controller (PLC equipment)) of the 2023 catalogue does not apply to it: controller instruction execution time is 500 ns (threshold: 控制器指令执行时间≤0.08微秒). Recognised",
            "Threshold: 控制器指令执行时间≤0.08微秒: 500 ns from property catscan:instruction-execution-time = \"0.5 µs\", not met.",
        ],
    );
    assert!(!message.contains("whether or not"), "{message}");
    assert!(!message.contains("Obligation"), "{message}");
}

#[test]
fn a_router_that_states_neither_condition_is_undetermined_and_names_what_to_add() {
    let (rule, level, message) = decision(&huawei("R1", "router", &[]), &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-undetermined", Level::Warning));
    assert_says(
        &message,
        &[
            "R1 (device, Huawei Technologies Co., Ltd.) is a router (路由器) under item cn-2023/cne.router (路由器, Router) of the 2023 catalogue, but whether it meets the item's threshold cannot be decided: the BOM does not state its whole-system throughput (bidirectional) or whole-system routing-table capacity.",
            "Threshold: 整系统吞吐量（双向）≥12Tbps: whole-system throughput (bidirectional) not stated; 整系统路由表容量≥55万条: whole-system routing-table capacity not stated.",
            "To decide, state whole-system throughput (bidirectional) and whole-system routing-table capacity as a property of the component (see the rule's help for the names).",
            CNE_OBLIGATION_2026,
        ],
    );
}

#[test]
fn an_unlabelled_figure_below_the_limit_leaves_the_condition_undetermined() {
    let text = bom(&serde_json::json!({
        "type": "device", "name": "R1", "manufacturer": {"name": "Huawei"},
        "description": "Line rate 800 Gbps",
        "properties": [{"name": "catscan:category", "value": "router"}]
    })
    .to_string());
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-undetermined", Level::Warning));
    assert_says(
        &message,
        &[
            "R1 (device, Huawei Technologies Co., Ltd.) is a router (路由器) under item cn-2023/cne.router (路由器, Router) of the 2023 catalogue, but whether it meets the item's threshold cannot be decided: the BOM does not state its whole-system throughput (bidirectional) or whole-system routing-table capacity.",
            "Threshold: 整系统吞吐量（双向）≥12Tbps: whole-system throughput (bidirectional) not stated (the only figure is 800 Gbps from the description (\"Line rate 800 Gbps\"), which does not say it is the whole-system throughput (bidirectional); an unlabelled figure can show that a threshold is met, never that it is missed); 整系统路由表容量≥55万条: whole-system routing-table capacity not stated.",
        ],
    );
}

#[test]
fn an_item_whose_threshold_was_never_read_is_undetermined_and_treated_as_in_scope() {
    let (rule, level, message) = decision(&huawei("IDS-1", "ids", &[]), &policy_on("2020-01-01"));
    assert_eq!((rule, level), ("catalogue-undetermined", Level::Warning));
    assert_says(
        &message,
        &[
            "IDS-1 (device, Huawei Technologies Co., Ltd.) is an intrusion detection system (入侵检测系统) under item cn-2017/csp2017.ids (入侵检测系统（IDS）, Intrusion detection system (IDS)) of the 2017 catalogue, but whether it meets the item's threshold cannot be decided: the catalogue's threshold for this item was never read (status unknown).",
            "About the threshold: Not retrieved; every source was cut off before this row. Treat the product as in scope unless its supplier shows that it is below the threshold.",
            "Obligation (Cybersecurity Law art. 23): as a specialized cybersecurity product (网络安全专用产品), it may be sold or provided in China only after security certification or security testing by a qualified body.",
        ],
    );
    assert!(!message.contains("Threshold"), "{message}");
}

#[test]
fn a_rack_server_meeting_only_some_conditions_is_undetermined_by_the_open_combination() {
    let text = bom(&component(
        "device",
        "S1",
        Some("xFusion Digital Technologies"),
        &[
            ("catscan:category", "server"),
            ("catscan:form-factor", "rack"),
            ("catscan:cpu-count", "8"),
            ("catscan:cores-per-cpu", "16"),
            ("catscan:memory", "128 GB"),
        ],
    ));
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-undetermined", Level::Warning));
    assert_says(
        &message,
        &[
            "S1 (device, xFusion Digital Technologies (Super Fusion Digital Technology Co., Ltd.)) is a server (服务器) under item cn-2023/cne.server_rack (服务器（机架式）, Server (rack-mounted)) of the 2023 catalogue, but whether it meets the item's threshold cannot be decided: the answer depends on whether all threshold conditions must hold, which the sources do not say.",
            "Threshold: 服务器（机架式） (rack-mounted): rack-mounted from property catscan:form-factor = \"rack\", met; CPU数量≥8个: 8 from property catscan:cpu-count = \"8\", met; 单CPU内核数≥14个: 16 from property catscan:cores-per-cpu = \"16\", met; 内存容量≥256GB: 128 GB from property catscan:memory = \"128 GB\", not met.",
            "If all conditions must hold, the item does not apply; if any one suffices, it applies. All three conditions are listed together; whether all must hold (AND) is not stated in the retrieved text (status unknown).",
            CNE_OBLIGATION_2026,
        ],
    );
}

#[test]
fn a_device_known_only_from_its_vendors_one_product_line_is_a_possible_match() {
    let text = bom(&component(
        "device",
        "Gate 9",
        Some("Hillstone Networks Inc"),
        &[],
    ));
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-possible", Level::Warning));
    assert_says(
        &message,
        &[
            "Gate 9 (device, Hillstone Networks Co., Ltd.) may be a firewall (防火墙), which would fall under item cn-2023/csp.firewall (防火墙, Firewall) of the 2023 catalogue; only weak evidence says so.",
            "Recognised from: nothing in the BOM says what it is, but Hillstone Networks Co., Ltd.'s product lines are \"NGFW, cloud security\" (confidence: possible).",
            "Obligation (Cybersecurity Law art. 25): as a specialized cybersecurity product (网络安全专用产品), it may be sold or provided in China only after security certification or security testing by a qualified body against the mandatory national standard GB 42250-2022 (信息安全技术 网络安全专用产品安全技术要求).",
        ],
    );
    // A possible match is not an in-scope product: it is not told that evidence is missing.
    assert!(!message.contains("No certificate"), "{message}");
}

#[test]
fn software_declared_as_a_router_is_outside_a_hardware_only_item() {
    let text = bom(&component(
        "application",
        "routerd",
        Some("Huawei"),
        &[("catscan:category", "router")],
    ));
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-not-in-scope", Level::Note));
    assert_eq!(
        message,
        "routerd (application, Huawei Technologies Co., Ltd.) is a router (路由器), but item cn-2023/cne.router (路由器, Router) of the 2023 catalogue does not apply to it: the item covers hardware only and this is an application. Recognised from: property catscan:category = \"router\" (confidence: certain). Sources: S-VSCB, S-B1482."
    );
}

#[test]
fn a_hardware_only_reading_from_a_secondary_source_says_so() {
    let text = bom(&component(
        "application",
        "fwd",
        Some("Hillstone Networks Inc"),
        &[("catscan:category", "firewall")],
    ));
    let (rule, level, message) = decision(&text, &policy_on("2020-01-01"));
    assert_eq!((rule, level), ("catalogue-not-in-scope", Level::Note));
    assert_says(
        &message,
        &[
            "fwd (application, Hillstone Networks Co., Ltd.) is a firewall (防火墙), but item cn-2017/csp2017.firewall_hw (防火墙（硬件）, Firewall (hardware)) of the 2017 catalogue does not apply to it: the item covers hardware only and this is an application (the hardware-only reading is from one secondary source only).",
            "The item's place in the 2017 catalogue is from one secondary source only: Name from S-BB and S-CSA; the Chinese name is unconfirmed.",
            "Its Chinese name is unsupported: no source for it could be read.",
        ],
    );
}

#[test]
fn a_device_is_outside_a_software_only_item() {
    let (rule, level, message) = decision(
        &huawei("Shredder", "data-destruction", &[]),
        &policy_on("2026-11-23"),
    );
    assert_eq!((rule, level), ("catalogue-not-in-scope", Level::Note));
    assert_says(
        &message,
        &[
            "Shredder (device, Huawei Technologies Co., Ltd.) is a data destruction product (数据销毁产品), but item cn-2023/csp.data_destruction_sw (数据销毁软件产品, Data destruction software products) of the 2023 catalogue does not apply to it: the item covers software products only and this is a device.",
        ],
    );
}

/// A server of xFusion with every threshold condition met, and `form` as its form factor.
fn big_server(form: Option<&str>) -> String {
    let mut properties = vec![("catscan:category", "server")];
    if let Some(f) = form {
        properties.push(("catscan:form-factor", f));
    }
    properties.extend([
        ("catscan:cpu-count", "8"),
        ("catscan:cores-per-cpu", "16"),
        ("catscan:memory", "512 GB"),
    ]);
    bom(&component(
        "device",
        "S1",
        Some("xFusion Digital Technologies"),
        &properties,
    ))
}

#[test]
fn a_tower_server_is_not_a_rack_mounted_server() {
    let (rule, level, message) = decision(&big_server(Some("tower")), &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-not-in-scope", Level::Note));
    assert_says(
        &message,
        &[
            "S1 (device, xFusion Digital Technologies (Super Fusion Digital Technology Co., Ltd.)) is a server (服务器), but item cn-2023/cne.server_rack (服务器（机架式）, Server (rack-mounted)) of the 2023 catalogue does not apply to it: form factor is tower (threshold: CPU数量≥8个；单CPU内核数≥14个；内存容量≥256GB).",
            "Threshold: 服务器（机架式） (rack-mounted): tower from property catscan:form-factor = \"tower\", not met; CPU数量≥8个",
        ],
    );
    // The form factor alone decides: no caveat about how the conditions combine.
    assert!(!message.contains("whether or not"), "{message}");
}

#[test]
fn a_server_without_a_form_factor_is_undetermined_even_over_every_condition() {
    let (rule, level, message) = decision(&big_server(None), &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-undetermined", Level::Warning));
    assert_says(
        &message,
        &[
            "S1 (device, xFusion Digital Technologies (Super Fusion Digital Technology Co., Ltd.)) is a server (服务器) under item cn-2023/cne.server_rack (服务器（机架式）, Server (rack-mounted)) of the 2023 catalogue, but whether it meets the item's threshold cannot be decided: the BOM does not state its form factor.",
            "Threshold: 服务器（机架式） (rack-mounted): form factor not stated; CPU数量≥8个: 8 from property catscan:cpu-count = \"8\", met;",
            "To decide, state form factor as a property of the component (see the rule's help for the names).",
        ],
    );
}

#[test]
fn nothing_is_in_scope_before_the_first_edition_took_effect() {
    let text = huawei("NE8000 X8", "router", ROUTER_OVER_BOTH);
    let before = findings(&text, &policy_on("2017-05-31"));
    assert!(
        before
            .iter()
            .all(|(id, _, _)| !id.starts_with("catalogue-")),
        "{before:?}"
    );
    let (rule, _, message) = decision(&text, &policy_on("2017-06-01"));
    assert_eq!(rule, "catalogue-in-scope");
    assert!(message.contains("item cn-2017/cne.router"), "{message}");
}

#[test]
fn the_2017_edition_applies_until_2023_07_02_and_the_2023_edition_from_2023_07_03() {
    let text = huawei("R1", "router", ROUTER_OVER_BOTH);
    let (rule, level, message) = decision(&text, &policy_on("2023-07-02"));
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            "R1 (device, Huawei Technologies Co., Ltd.) is a router (路由器) and meets the threshold of item cn-2017/cne.router (路由器, Router) of the 2017 catalogue.",
            "The item's place in the 2017 catalogue is from one secondary source only: The 2017 annex was never read: the numbers are from one consultancy summary (S-B740).",
            "Threshold (from one secondary source only): 整系统吞吐量（双向）≥12Tbps: 25.6 Tbps",
            "Obligation (Cybersecurity Law art. 23): as critical network equipment (网络关键设备)",
        ],
    );
    let (rule, level, message) = decision(&text, &policy_on("2023-07-03"));
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            "R1 (device, Huawei Technologies Co., Ltd.) is a router (路由器) and meets the threshold of item cn-2023/cne.router (路由器, Router) of the 2023 catalogue.",
            "Threshold: 整系统吞吐量（双向）≥12Tbps: 25.6 Tbps",
        ],
    );
    assert!(!message.contains("The item's place"), "{message}");
}

#[test]
fn an_item_known_from_a_secondary_source_puts_a_product_in_scope_and_says_so() {
    let (rule, level, message) = decision(&huawei("V1", "vpn", &[]), &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            "V1 (device, Huawei Technologies Co., Ltd.) is a VPN product (虚拟专用网产品) and falls under item cn-2023/csp.vpn (虚拟专用网产品, VPN products) of the 2023 catalogue, which sets no threshold.",
            "The item's place in the 2023 catalogue is from one secondary source only: A third party's reading of the official PDF lists VPN among the 2023 categories (S-IYH);",
            "Its Chinese name is unsupported: no source for it could be read. Sources: S-IYH, S-GB42250N.",
        ],
    );
    assert_eq!(
        message.matches("The item's place in the").count(),
        1,
        "{message}"
    );
}

#[test]
fn an_item_only_inferred_to_be_in_the_catalogue_leaves_the_obligation_undetermined() {
    let (rule, level, message) =
        decision(&huawei("A1", "anti-spam", &[]), &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-undetermined", Level::Warning));
    assert_says(
        &message,
        &[
            "A1 (device, Huawei Technologies Co., Ltd.) is an anti-spam product (反垃圾邮件产品), which would fall under item cn-2023/csp.antispam (反垃圾邮件产品, Anti-spam products) of the 2023 catalogue, but whether the obligation applies cannot be decided: the item's place in the 2023 catalogue is inferred, not stated in any source.",
            "If the catalogue holds the item, the product needs certification or testing before it is sold; check the official catalogue text.",
            "Its Chinese name is inferred, not stated in any source.",
        ],
    );
    // The first sentence gave the item's status as the reason: it is not repeated after it.
    assert!(
        !message.contains("The item's place in the 2023 catalogue"),
        "{message}"
    );
}

#[test]
fn a_category_an_item_covers_by_a_secondary_reading_is_in_scope_and_says_so() {
    let text = bom(&component(
        "device",
        "W1",
        Some("Chaitin"),
        &[("catscan:category", "waf")],
    ));
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            "W1 (device, Beijing Changting Future Technology Co., Ltd. (Chaitin)) is a web application firewall (Web应用防火墙) and falls under item cn-2023/csp.firewall (防火墙, Firewall) of the 2023 catalogue, which sets no threshold.",
            "That the item covers this category is from one secondary source only. S-PSWP lists WEB应用防火墙 (standards GB/T 20281-2020 and GB/T 37931-2019) under 防火墙; the 2017 WAF item is reported to have been merged into 防火墙.",
        ],
    );
}

#[test]
fn a_category_an_item_covers_only_by_inference_is_undetermined() {
    let (rule, level, message) = decision(&huawei("G1", "gap", &[]), &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-undetermined", Level::Warning));
    assert_says(
        &message,
        &[
            "G1 (device, Huawei Technologies Co., Ltd.) is a security isolation and information exchange product (安全隔离与信息交换产品（网闸）), which would fall under item cn-2023/csp.net_terminal_isolation (网络和终端隔离产品, Network and terminal isolation products) of the 2023 catalogue, but whether the obligation applies cannot be decided: that the item covers this kind of product is inferred, not stated in any source.",
            "That the item covers this category is inferred, not stated in any source.",
            "If the item covers it, the product needs certification or testing before it is sold; check the official catalogue text.",
        ],
    );
}

#[test]
fn a_category_no_known_item_covers_is_undetermined_in_an_incomplete_edition() {
    let (rule, level, message) = decision(&huawei("D1", "dlp", &[]), &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-undetermined", Level::Warning));
    assert_eq!(
        message,
        "D1 (device, Huawei Technologies Co., Ltd.) is a data leakage prevention product (数据泄露防护产品); whether the 2023 catalogue covers it cannot be decided, because catscan does not know all of that edition's items. \
Recognised from: property catscan:category = \"dlp\" (confidence: certain). \
The 2023 catalogue has 4 devices and 34 specialized products. The official table was cut off after product 5: 9 items are confirmed, 6 more are members by secondary sources, 7 are inferred, and about 16 are unknown. \
Hint: TC260 drafted a product standard for data leakage prevention products (数据泄露防护产品) in 2024, in a batch that also held four catalogue categories; that suggests, but does not show, that they are in the catalogue."
    );
}

#[test]
fn a_category_no_item_covers_is_not_in_scope_in_a_complete_edition() {
    let (rule, level, message) = decision(&huawei("V1", "vpn", &[]), &policy_on("2020-01-01"));
    assert_eq!((rule, level), ("catalogue-not-in-scope", Level::Note));
    assert_eq!(
        message,
        "V1 (device, Huawei Technologies Co., Ltd.) is a VPN product (虚拟专用网产品), a category that no item of the 2017 catalogue covers. Recognised from: property catscan:category = \"vpn\" (confidence: certain). Other editions cover it: cn-2023/csp.vpn."
    );
}

#[test]
fn a_labelled_value_that_would_decide_otherwise_is_named_beside_the_one_used() {
    let (rule, _, message) = decision(
        &huawei(
            "R1",
            "router",
            &[
                ("catscan:throughput", "25.6 Tbps"),
                ("hw:throughput", "1 Tbps"),
                ("catscan:routing-table-capacity", "400万条"),
            ],
        ),
        &policy_on("2026-11-23"),
    );
    assert_eq!(rule, "catalogue-in-scope");
    assert_says(
        &message,
        &[
            "R1 (device, Huawei Technologies Co., Ltd.) is a router (路由器) and meets the threshold",
            "整系统吞吐量（双向）≥12Tbps: 25.6 Tbps from property catscan:throughput = \"25.6 Tbps\", met (the BOM also gives 1 Tbps from property hw:throughput = \"1 Tbps\", which would decide otherwise);",
        ],
    );
}

#[test]
fn a_catalogue_value_of_inferred_unit_and_a_secondary_threshold_say_so() {
    let (rule, level, message) = decision(
        &huawei(
            "B1",
            "backup-recovery",
            &[
                ("catscan:backup-capacity", "30 TB"),
                ("catscan:backup-speed", "100 MB/s"),
                ("catscan:backup-interval", "30 min"),
            ],
        ),
        &policy_on("2020-01-01"),
    );
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            "B1 (device, Huawei Technologies Co., Ltd.) is a data backup and recovery product (数据备份与恢复产品) and meets the threshold of item cn-2017/csp2017.backup_appliance (数据备份一体机, Data backup all-in-one machine) of the 2017 catalogue.",
            "Threshold (from one secondary source only): backup capacity ≥ 20T (printed so; read as TB, the unit inferred): 30 TB from property catscan:backup-capacity = \"30 TB\", met (the catalogue value 20 TB is inferred, not stated in any source); backup speed ≥ 60 MB/s: 100 MB/s from property catscan:backup-speed = \"100 MB/s\", met; backup interval ≤ 1 hour: 1800 s from property catscan:backup-interval = \"30 min\", met.",
        ],
    );
}

#[test]
fn the_catalogue_is_not_applied_when_china_is_not_a_market() {
    let mut policy = policy_on("2026-11-23");
    policy.markets = [Market::Us].into();
    let text = huawei("R1", "router", ROUTER_OVER_BOTH);
    let found = findings(&text, &policy);
    assert!(
        found.iter().all(|(id, _, _)| !id.starts_with("catalogue-")),
        "{found:?}"
    );
    // The router is still counted as a catalogue product read.
    assert_eq!(evaluate(&text, &policy).counts.evaluated, 1);
}

/// Decides `item` (the built-in one of `edition`, changed by `change`) for the one component of
/// `text`: the decisions that no built-in item reaches.
fn decide_changed(
    text: &str,
    edition: &str,
    item: &str,
    change: impl FnOnce(&mut crate::knowledge::Item),
) -> (Decision, Vec<Tri>) {
    let knowledge = Knowledge::builtin();
    let source = crate::inventory::SourceFile {
        path: "unit.cdx.json".into(),
        display: "unit.cdx.json".to_string(),
    };
    let inventory = crate::ingest::read(source, text, &Default::default())
        .expect("the test BOM reads")
        .expect("the test text is a BOM");
    let mut item = knowledge
        .edition(edition)
        .and_then(|e| e.item(item))
        .expect("the item exists")
        .clone();
    change(&mut item);
    let id = inventory.ids().next().expect("one component");
    let (decision, checked) = decide(inventory.component(id), &item, knowledge);
    (decision, checked.iter().map(|c| c.outcome).collect())
}

#[test]
fn a_rack_item_without_threshold_decides_by_form_factor_alone() {
    let without_threshold = |item: &mut crate::knowledge::Item| item.threshold = None;
    let (tower, outcomes) = decide_changed(
        &big_server(Some("tower")),
        "cn-2023",
        "cne.server_rack",
        without_threshold,
    );
    assert_eq!(outcomes, [Tri::NotMet]);
    assert!(
        matches!(&tower, Decision::NotInScope(why) if why == "the item covers rack-mounted servers only and this one is tower (from property catscan:form-factor = \"tower\")"),
    );
    let (unstated, _) = decide_changed(
        &big_server(None),
        "cn-2023",
        "cne.server_rack",
        without_threshold,
    );
    assert!(
        matches!(&unstated, Decision::Undetermined(Undecided::Missing(attrs)) if attrs == &["form factor".to_string()]),
    );
    let (rack, _) = decide_changed(
        &big_server(Some("rack")),
        "cn-2023",
        "cne.server_rack",
        without_threshold,
    );
    assert!(matches!(rack, Decision::InScope { no_threshold: true }));
}

#[test]
fn a_rack_item_whose_threshold_was_never_read_still_excludes_a_tower_server() {
    let unread = |item: &mut crate::knowledge::Item| {
        let ids = Knowledge::builtin()
            .edition("cn-2017")
            .and_then(|e| e.item("csp2017.ids"))
            .and_then(|i| i.threshold.clone());
        item.threshold = ids;
    };
    let (tower, _) = decide_changed(
        &big_server(Some("tower")),
        "cn-2023",
        "cne.server_rack",
        unread,
    );
    assert!(
        matches!(&tower, Decision::NotInScope(why) if why.starts_with("the item covers rack-mounted servers only and this one is tower")),
    );
    let (rack, _) = decide_changed(
        &big_server(Some("rack")),
        "cn-2023",
        "cne.server_rack",
        unread,
    );
    assert!(matches!(
        rack,
        Decision::Undetermined(Undecided::ThresholdNotRead(Some(_)))
    ));
}

#[test]
fn an_edition_forced_on_a_date_before_the_law_names_the_law_without_an_article() {
    let mut policy = policy_on("2016-01-01");
    policy.edition = Some("cn-2017".to_string());
    let (rule, _, message) = decision(&huawei("R1", "router", ROUTER_OVER_BOTH), &policy);
    assert_eq!(rule, "catalogue-in-scope");
    assert_says(
        &message,
        &[
            "R1 (device, Huawei Technologies Co., Ltd.) is a router (路由器) and meets the threshold of item cn-2017/cne.router (路由器, Router) of the 2017 catalogue.",
            "Obligation (the Cybersecurity Law): as critical network equipment (网络关键设备), it may be sold or provided in China only after security certification or security testing by a qualified body.",
        ],
    );
}

#[test]
fn a_server_without_a_form_factor_meeting_some_conditions_asks_for_its_form_factor() {
    let text = bom(&component(
        "device",
        "S1",
        Some("xFusion Digital Technologies"),
        &[
            ("catscan:category", "server"),
            ("catscan:cpu-count", "8"),
            ("catscan:cores-per-cpu", "16"),
            ("catscan:memory", "128 GB"),
        ],
    ));
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-undetermined", Level::Warning));
    // Whether all conditions must hold matters only once the form factor is known.
    assert_says(
        &message,
        &[
            "S1 (device, xFusion Digital Technologies (Super Fusion Digital Technology Co., Ltd.)) is a server (服务器) under item cn-2023/cne.server_rack (服务器（机架式）, Server (rack-mounted)) of the 2023 catalogue, but whether it meets the item's threshold cannot be decided: the BOM does not state its form factor.",
            "To decide, state form factor as a property of the component (see the rule's help for the names).",
        ],
    );
    assert!(
        !message.contains("If all conditions must hold"),
        "{message}"
    );
}

#[test]
fn a_possible_match_the_item_does_not_apply_to_is_not_in_scope() {
    let text = bom(&component(
        "device",
        "SIMATIC S7-1500",
        Some("Siemens"),
        &[("catscan:instruction-execution-time", "0.5 µs")],
    ));
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-not-in-scope", Level::Note));
    assert_says(
        &message,
        &[
            "SIMATIC S7-1500 (device, ",
            ") is a programmable logic controller (可编程逻辑控制器), but item cn-2023/cne.plc (可编程逻辑控制器（PLC设备）, Programmable logic controller (PLC equipment)) of the 2023 catalogue does not apply to it: controller instruction execution time is 500 ns (threshold: 控制器指令执行时间≤0.08微秒).",
            "(confidence: possible)",
        ],
    );
}

#[test]
fn a_possible_category_no_item_of_an_incomplete_edition_covers_is_possible_and_names_other_editions()
 {
    // The built-in 2023 edition covers every catalogue category or gives a hint for it: without
    // its firewall item, a firewall is a category it may or may not hold.
    let mut edition = Knowledge::builtin()
        .edition("cn-2023")
        .expect("the 2023 edition")
        .clone();
    edition.items.retain(|i| i.id != "csp.firewall");
    let text = bom(&component(
        "device",
        "Gate 9",
        Some("Hillstone Networks Inc"),
        &[],
    ));
    let found: Vec<_> = evaluate_under(&text, &policy_on("2026-11-23"), &edition)
        .findings
        .into_iter()
        .map(|f| (f.rule.id, f.level, f.message))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0, found[0].1),
        ("catalogue-possible", Level::Warning)
    );
    assert_eq!(
        found[0].2,
        "Gate 9 (device, Hillstone Networks Co., Ltd.) is a firewall (防火墙); whether the 2023 catalogue covers it cannot be decided, because catscan does not know all of that edition's items. \
Recognised from: nothing in the BOM says what it is, but Hillstone Networks Co., Ltd.'s product lines are \"NGFW, cloud security\" (confidence: possible). \
The 2023 catalogue has 4 devices and 34 specialized products. The official table was cut off after product 5: 9 items are confirmed, 6 more are members by secondary sources, 7 are inferred, and about 16 are unknown. \
Other editions cover this category: cn-2017/csp2017.firewall_hw."
    );
}

#[test]
fn a_component_of_unstated_kind_is_not_excluded_from_a_hardware_only_item() {
    let text = bom(r#"{"name":"R1","manufacturer":{"name":"Huawei"},
        "properties":[{"name":"catscan:category","value":"router"},
                      {"name":"catscan:throughput","value":"25.6 Tbps"},
                      {"name":"catscan:routing-table-capacity","value":"400万条"}]}"#);
    let (rule, level, message) = decision(&text, &policy_on("2026-11-23"));
    assert_eq!((rule, level), ("catalogue-in-scope", Level::Error));
    assert_says(
        &message,
        &[
            "R1 (unspecified, Huawei Technologies Co., Ltd.) is a router (路由器) and meets the threshold of item cn-2023/cne.router",
        ],
    );
}
