//! The catalogue data in `catalogues/`: every entry is complete enough to be cited, and a broken
//! data file is rejected with the file named.
//!
//! `Knowledge::load` already enforces the structural checks (unique ids, known sources and
//! categories, parseable thresholds and dates); these tests assert that it does, and add the
//! checks about content that a reviewer of the data would make.

use catscan::knowledge::{BUILTIN, Builtin, DataFile, Knowledge, Status};

#[test]
fn every_item_names_its_sources_status_and_both_names() {
    let k = Knowledge::builtin();
    let mut count = 0;
    for edition in &k.editions {
        assert!(!edition.sources.is_empty(), "{}", edition.id);
        for item in &edition.items {
            count += 1;
            let at = format!("{}/{}", edition.id, item.id);
            assert!(!item.sources.is_empty(), "{at} has no source");
            assert!(!item.name_zh.trim().is_empty(), "{at} has no Chinese name");
            assert!(!item.name_en.trim().is_empty(), "{at} has no English name");
            assert!(!item.categories.is_empty(), "{at} has no category");
            if matches!(item.status, Status::Inferred | Status::Unknown) {
                assert!(
                    item.status_note.as_deref().is_some_and(|n| !n.is_empty()),
                    "{at} is {:?} without a note saying why",
                    item.status
                );
            }
            for s in &item.standards {
                assert!(
                    !s.sources.is_empty(),
                    "{at}: standard {} has no source",
                    s.id
                );
            }
            if let Some(t) = &item.threshold {
                if matches!(t.status, Status::Inferred | Status::Unknown) {
                    assert!(
                        t.status_note.as_deref().is_some_and(|n| !n.is_empty()),
                        "{at}: a {:?} threshold must say why in status_note",
                        t.status
                    );
                }
                if !t.is_known() {
                    assert_eq!(
                        t.status,
                        Status::Unknown,
                        "{at}: a threshold that was never read must stay unknown"
                    );
                }
            }
        }
    }
    assert_eq!(count, 15 + 22, "items of the 2017 and 2023 editions");
}

#[test]
fn the_editions_follow_each_other_without_a_gap() {
    let k = Knowledge::builtin();
    let ids: Vec<&str> = k.editions.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["cn-2017", "cn-2023"]);
    let (first, second) = (&k.editions[0], &k.editions[1]);
    assert_eq!(first.in_force_until, Some(second.in_force_from));
    assert!(second.in_force_until.is_none());
    assert_eq!(first.in_force_from.to_string(), "2017-06-01");
    assert_eq!(second.in_force_from.to_string(), "2023-07-03");
}

/// A catalogue category that no item and no candidate of the edition in force covers would make
/// catscan call a product "not in scope" without saying that the edition is only partly known.
#[test]
fn every_catalogue_category_is_covered_by_an_item_or_a_candidate_of_2023() {
    let k = Knowledge::builtin();
    let edition = k.edition("cn-2023").unwrap();
    let covered = |id: &str| {
        edition.items.iter().any(|i| {
            i.categories.iter().any(|c| c == id) || i.also.iter().any(|a| a.category == id)
        }) || edition.candidate(id).is_some()
    };
    let missing: Vec<&str> = k
        .categories
        .iter()
        .filter(|c| c.catalogue && !covered(&c.id))
        .map(|c| c.id.as_str())
        .collect();
    assert!(missing.is_empty(), "not covered in cn-2023: {missing:?}");
}

/// The built-in files with one of them replaced.
fn with_edition_2023(text: String) -> Builtin {
    let editions: &'static [DataFile] = Box::leak(Box::new([
        BUILTIN.editions[0],
        DataFile {
            name: "catalogues/cn/2023.toml",
            text: Box::leak(text.into_boxed_str()),
        },
    ]));
    Builtin {
        editions,
        ..BUILTIN
    }
}

fn load_error(files: &Builtin) -> String {
    match Knowledge::load(files) {
        Ok(_) => panic!("the broken data was accepted"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_broken_data_file_is_rejected_with_its_name() {
    let original = BUILTIN.editions[1].text;

    let unknown_source = original.replacen("\"S-IYH\"", "\"S-NOWHERE\"", 1);
    assert_ne!(unknown_source, original);
    let message = load_error(&with_edition_2023(unknown_source));
    assert!(message.starts_with("catalogues/cn/2023.toml"), "{message}");
    assert!(
        message.contains("cites source \"S-NOWHERE\", which sources.toml does not define"),
        "{message}"
    );

    let duplicate = original.replacen("id = \"cne.switch\"", "id = \"cne.router\"", 1);
    assert_ne!(duplicate, original);
    let message = load_error(&with_edition_2023(duplicate));
    assert!(
        message.contains("item id \"cne.router\" is defined twice"),
        "{message}"
    );

    let bad_date = original.replacen(
        "in_force_from = 2023-07-03",
        "in_force_from = 2023-13-03",
        1,
    );
    assert_ne!(bad_date, original);
    let message = load_error(&with_edition_2023(bad_date));
    assert!(message.starts_with("catalogues/cn/2023.toml"), "{message}");
    assert!(message.contains("line 20"), "{message}");

    let unknown_key = original.replacen("\nstatus = ", "\nstatsu = ", 1);
    let message = load_error(&with_edition_2023(unknown_key));
    assert!(message.contains("unknown field `statsu`"), "{message}");
}

/// Every origin pack and entry cites its sources and dates, names a rule catscan has, and an
/// entity list's entries name vendors of the registry.
#[test]
fn every_rule_pack_is_sourced_dated_and_names_registered_vendors() {
    let k = Knowledge::builtin();
    let ids: Vec<&str> = k.packs.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "cn-cii-micron",
            "cn-cii-review",
            "cn-mlps",
            "us-fcc-covered-list",
            "us-kaspersky-2024",
            "us-ndaa-889"
        ]
    );
    for pack in &k.packs {
        assert!(!pack.sources.is_empty(), "{}", pack.id);
        assert!(
            catscan::findings::rules::by_id(&pack.rule).is_some(),
            "{}",
            pack.id
        );
        if pack.status != Status::Confirmed {
            assert!(
                pack.status_note.is_some(),
                "{} must say why it is {:?}",
                pack.id,
                pack.status
            );
        }
        for e in &pack.entries {
            assert!(!e.sources.is_empty(), "{}/{}", pack.id, e.vendor);
            assert!(
                e.added >= pack.in_force_from,
                "{}/{} added before the pack",
                pack.id,
                e.vendor
            );
            assert!(
                k.vendors.iter().any(|v| v.id == e.vendor),
                "{}/{}",
                pack.id,
                e.vendor
            );
        }
    }
    // Dates from the research, as the rules rely on them.
    let pack = |id: &str| k.packs.iter().find(|p| p.id == id).unwrap();
    assert_eq!(
        pack("cn-cii-micron").in_force_from.to_string(),
        "2023-05-21"
    );
    assert_eq!(pack("us-ndaa-889").in_force_from.to_string(), "2019-08-13");
    assert_eq!(
        pack("us-kaspersky-2024").in_force_from.to_string(),
        "2024-07-20"
    );
    let fcc = pack("us-fcc-covered-list");
    let added = |v: &str| {
        fcc.entries
            .iter()
            .find(|e| e.vendor == v)
            .unwrap()
            .added
            .to_string()
    };
    assert_eq!(added("huawei"), "2021-03-12");
    assert_eq!(added("kaspersky"), "2022-03-25");
    assert_eq!(added("dji"), "2025-12-22");
}

#[test]
fn a_rule_pack_naming_an_unknown_vendor_is_rejected() {
    let broken = BUILTIN.packs[3]
        .text
        .replacen("vendor = \"zte\"", "vendor = \"zte-corp\"", 1);
    assert_ne!(broken, BUILTIN.packs[3].text);
    let mut packs: Vec<DataFile> = BUILTIN.packs.to_vec();
    packs[3] = DataFile {
        name: BUILTIN.packs[3].name,
        text: Box::leak(broken.into_boxed_str()),
    };
    let files = Builtin {
        packs: Box::leak(packs.into_boxed_slice()),
        ..BUILTIN
    };
    let message = load_error(&files);
    assert_eq!(
        message,
        "catalogues/packs/us-fcc-covered-list.toml: entry zte-corp of pack us-fcc-covered-list names vendor \"zte-corp\", which vendors.toml does not define"
    );
}
