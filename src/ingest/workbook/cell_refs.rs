//! The cell references of a workbook's worksheets, checked before calamine reads them.
//!
//! calamine turns a reference such as `B5` into a row and a column in 32-bit arithmetic that
//! overflows on a reference far past the end of a worksheet (`A99999999999`), and takes a
//! sheet's size as its dimension's end minus its start, which overflows when the end comes first
//! (`A2:A1`): a panic in a build with overflow checks, a wrong cell or size in a release build.
//! No spreadsheet writes either (a worksheet has at most 1,048,576 rows and 16,384 columns,
//! `XFD`, and a dimension runs from its top-left cell), so a workbook that has one is damaged,
//! and is refused with the reference and the part of the archive it is in.
//!
//! The references calamine reads are the `r` of rows and cells and the `ref` of the sheet's
//! dimension. Every part of the archive is looked at, whatever its name, since the workbook's
//! relationships may place a worksheet anywhere, and read with the lenient settings calamine
//! reads sheets with (end tags need not match), so that no reference calamine reads is missed.
//!
//! The same pass counts each part's rows and cells: a worksheet of hundreds of millions of empty
//! rows compresses to almost nothing and would keep calamine busy for minutes, so a sheet with
//! more than the [`Limit::XlsxRows`] or [`Limit::XlsxCells`] is refused, by name. The parts are
//! streamed through [`archive`], which stops at the [`Limit::XlsxInflatedSize`] and at a part
//! that inflates to more than it declares.

use std::collections::HashMap;
use std::io::BufRead;

use quick_xml::events::Event;

use super::archive::{self, Entry};
use crate::limits::Limit;

/// The last row of a worksheet.
const MAX_ROW: u64 = 1_048_576;
/// The last column of a worksheet (`XFD`).
const MAX_COLUMN: u64 = 16_384;

/// Why calamine must not read the workbook, as the message of the workbook's error: a part past
/// a limit, a part that inflates to more than it says, a reference calamine cannot compute
/// with; `None` when there is nothing of the kind.
pub(super) fn unusable(bytes: &[u8]) -> Option<String> {
    let why = |problem: String| Some(format!("cannot read the workbook: {problem}"));
    let Some(entries) = archive::central_directory(bytes) else {
        return why(
            "its ZIP central directory cannot be read; expected an Excel workbook (.xlsx) saved whole (ZIP64 archives, for parts over 4 GiB, are not read)".into(),
        );
    };
    // Members that say they inflate past the limit (a ZIP bomb, or no part list) are refused
    // before anything is inflated.
    if let Some(problem) = archive::over_the_limit(bytes, &entries) {
        return why(problem);
    }
    let sheets = sheet_names(bytes, &entries);
    for entry in &entries {
        let name = entry.shown_name(bytes);
        let Some(inflating) = entry.inflate(bytes) else {
            continue;
        };
        let sheet = sheets.get(&name).map(String::as_str);
        let mut reader = quick_xml::Reader::from_reader(std::io::BufReader::new(inflating));
        let problem = first_unusable(&mut reader, sheet);
        let mut inflating = reader.into_inner().into_inner();
        if problem.is_none() {
            // The rest of the part (after an XML error, calamine's to report) is inflated and
            // counted too. Damaged compressed data is calamine's to report as well.
            let _ = std::io::copy(&mut inflating, &mut std::io::sink());
        }
        if inflating.lies() {
            return why(archive::lying_message(&name, inflating.declared()));
        }
        match problem {
            Some(Problem::Reference(problem)) => {
                return why(format!("its part {name} has {problem}"));
            }
            Some(Problem::Limit(problem)) => return why(problem),
            None => {}
        }
    }
    None
}

/// What stops the reading of a part.
enum Problem {
    /// A reference calamine cannot compute with, described.
    Reference(String),
    /// A sheet past a limit: the whole message.
    Limit(String),
}

/// The worksheets' names by the archive member that holds each (`xl/worksheets/sheet1.xml`),
/// from the workbook's list of sheets and its relationships; empty when they cannot be read.
fn sheet_names(bytes: &[u8], entries: &[Entry]) -> HashMap<String, String> {
    let part = |wanted: &str| {
        entries
            .iter()
            .find(|e| e.name(bytes) == Some(wanted.as_bytes()))
            .and_then(|e| archive::content(bytes, e))
    };
    let mut names = HashMap::new();
    let (Some(workbook), Some(relationships)) =
        (part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels"))
    else {
        return names;
    };
    // Relationship id → target, from `<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>`.
    let targets: HashMap<String, String> = elements(&relationships, "Relationship")
        .into_iter()
        .filter_map(|attributes| {
            let id = attributes.get("Id")?.clone();
            let target = attributes.get("Target")?;
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            Some((id, path))
        })
        .collect();
    // `<sheet name="Parts" r:id="rId1"/>`: the id attribute's prefix varies, its local name not.
    for attributes in elements(&workbook, "sheet") {
        if let (Some(name), Some(path)) = (
            attributes.get("name"),
            attributes.get("id").and_then(|id| targets.get(id)),
        ) {
            names.insert(path.clone(), name.clone());
        }
    }
    names
}

/// The attributes (by local name, unescaped) of every element of `xml` with the local name
/// `wanted`.
fn elements(xml: &[u8], wanted: &str) -> Vec<HashMap<String, String>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == wanted => {
                let attributes = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        let key = a.key.local_name().as_ref().to_string();
                        let value = a
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_or_else(|_| a.value.to_string(), |v| v.into_owned());
                        (key, value)
                    })
                    .collect();
                out.push(attributes);
            }
            Ok(Event::Eof) | Err(_) => return out,
            Ok(_) => {}
        }
    }
}

/// What is wrong with the first `r` of a `<row>` or `<c>` past a worksheet's end, or `ref` of a
/// `<dimension>` past it or reversed; or the first row or cell past the limits, counted in the
/// part (named by its `sheet`, when it is one). Reading stops at the first XML error (calamine
/// reports it).
fn first_unusable<R: BufRead>(
    reader: &mut quick_xml::Reader<R>,
    sheet: Option<&str>,
) -> Option<Problem> {
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let (most_rows, most_cells) = (Limit::XlsxRows.value(), Limit::XlsxCells.value());
    let (mut rows, mut cells) = (0u64, 0u64);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let element = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => e,
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => continue,
        };
        let local_name = element.local_name();
        let (wanted, count, counted) = match local_name.as_ref() {
            "row" => ("r", &mut rows, (Limit::XlsxRows, most_rows, "rows")),
            "c" => ("r", &mut cells, (Limit::XlsxCells, most_cells, "cells")),
            "dimension" => ("ref", &mut 0, (Limit::XlsxRows, u64::MAX, "")),
            _ => continue,
        };
        *count += 1;
        let (limit, most, what) = counted;
        if *count > most {
            let whose = match sheet {
                Some(name) => format!("sheet '{name}'"),
                None => "a part of it".to_string(),
            };
            return Some(Problem::Limit(format!(
                "{whose} has more than {} {what}, the {} limit; {}",
                limit.shown(),
                limit.name(),
                limit.raise_hint()
            )));
        }
        for attribute in element.attributes().flatten() {
            let key = attribute.key.local_name();
            let value: &str = &attribute.value;
            if key.as_ref() != wanted {
                continue;
            }
            if value.split(':').any(|r| past_the_end(r.as_bytes())) {
                return Some(Problem::Reference(format!(
                    "the cell reference \"{value}\", past the end of a worksheet; expected references within column XFD and row 1048576"
                )));
            }
            if wanted == "ref" && reversed(value) {
                return Some(Problem::Reference(format!(
                    "the dimension \"{value}\", whose end comes before its start; expected its top-left cell first, as in A1:H9"
                )));
            }
        }
    }
}

/// Whether a dimension `start:end` has its end above or left of its start (both being cell
/// references, which calamine requires before it subtracts).
fn reversed(dimension: &str) -> bool {
    let cell = |r: &str| {
        let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
        let digits = &r[letters..];
        let valid = letters > 0
            && !digits.is_empty()
            && digits.bytes().all(|c| c.is_ascii_digit())
            && !past_the_end(r.as_bytes());
        valid.then(|| {
            (
                row_of(digits.as_bytes()),
                column_of(&r.as_bytes()[..letters]),
            )
        })
    };
    match dimension.split(':').collect::<Vec<_>>()[..] {
        [start, end] => match (cell(start), cell(end)) {
            (Some((r0, c0)), Some((r1, c1))) => r1 < r0 || c1 < c0,
            _ => false,
        },
        _ => false,
    }
}

/// A column's number from its letters (A = 1, base 26), saturating.
fn column_of(letters: &[u8]) -> u64 {
    letters.iter().fold(0u64, |n, c| {
        n.saturating_mul(26)
            .saturating_add(u64::from(c.to_ascii_uppercase() - b'A') + 1)
    })
}

/// A row's number from its digits, saturating.
fn row_of(digits: &[u8]) -> u64 {
    digits.iter().fold(0u64, |n, c| {
        n.saturating_mul(10).saturating_add(u64::from(c - b'0'))
    })
}

/// Whether a reference (`B5`, or a row number) names a row or a column past a worksheet's end:
/// letters for the column, then digits for the row, counted as calamine counts them (base 26
/// from A = 1, base 10), without overflowing.
fn past_the_end(reference: &[u8]) -> bool {
    let letters = reference
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let digits = reference[letters..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    column_of(&reference[..letters]) > MAX_COLUMN
        || row_of(&reference[letters..letters + digits]) > MAX_ROW
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture workbook with its first part saying it inflates to 512 MiB: refused, by name,
    /// before anything is inflated; the workbook as it is passes.
    #[test]
    fn a_part_that_inflates_past_the_limit_is_refused() {
        let workbook = include_bytes!("../../../sbom-fixtures/datacenter-parts.xlsx").to_vec();
        assert_eq!(unusable(&workbook), None);
        let entries = archive::central_directory(&workbook).unwrap();
        let first = &entries[0];
        let name = first.shown_name(&workbook);
        let mut bomb = workbook.clone();
        let at = first.record() + 24;
        bomb[at..at + 4].copy_from_slice(&(512u32 << 20).to_le_bytes());
        assert_eq!(
            unusable(&bomb).unwrap(),
            format!(
                "cannot read the workbook: its parts inflate to more than 256 MiB, the xlsx-inflated-size limit, at part {name} (512 MiB); raise it with `--limit xlsx-inflated-size=512MiB`"
            )
        );
    }

    /// The sheets of the fixture workbook are named by the parts that hold them.
    #[test]
    fn sheets_are_named_by_their_parts() {
        let workbook = include_bytes!("../../../sbom-fixtures/datacenter-parts.xlsx");
        let entries = archive::central_directory(workbook).unwrap();
        let names = sheet_names(workbook, &entries);
        assert_eq!(
            names.get("xl/worksheets/sheet1.xml").map(String::as_str),
            Some("Equipment")
        );
    }

    fn first_unusable_in(xml: &[u8]) -> Option<String> {
        match first_unusable(&mut quick_xml::Reader::from_reader(xml), Some("S")) {
            Some(Problem::Reference(p) | Problem::Limit(p)) => Some(p),
            None => None,
        }
    }

    #[test]
    fn references_past_a_worksheets_end_are_found() {
        for inside in [
            &b"A1"[..],
            b"XFD1048576",
            b"b5",
            b"12",
            b"A1:C40",
            b"",
            b"A",
        ] {
            assert!(
                !inside.split(|&c| c == b':').any(past_the_end),
                "{}",
                String::from_utf8_lossy(inside)
            );
        }
        for past in [
            &b"A99999999999"[..],
            b"XFE1",
            b"A1048577",
            b"ZZZZZZZZZZ1",
            b"A1:B99999999999999999999",
            b"4294967297",
        ] {
            assert!(
                past.split(|&c| c == b':').any(past_the_end),
                "{}",
                String::from_utf8_lossy(past)
            );
        }
    }

    #[test]
    fn the_first_reference_past_the_end_is_named() {
        let sheet = br#"<worksheet><dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B99999999999"><v>1</v></c></row></sheetData></worksheet>"#;
        assert_eq!(
            first_unusable_in(sheet).as_deref(),
            Some(
                "the cell reference \"B99999999999\", past the end of a worksheet; expected references within column XFD and row 1048576"
            )
        );
        let fine = br#"<worksheet><dimension ref="A1:B2"/><sheetData><row r="2"><c r="B2"/></row></sheetData></worksheet>"#;
        assert_eq!(first_unusable_in(fine), None);
    }

    #[test]
    fn a_dimension_whose_end_comes_first_is_found() {
        for dimension in ["A2:A1", "B1:A1", "b5:A9", "C3:B2"] {
            assert!(reversed(dimension), "{dimension}");
        }
        for dimension in [
            "A1:A1", "A1:H9", "A1", "A1:B", "2:1", "A2:A1:A0", "", "A1:b2",
        ] {
            assert!(!reversed(dimension), "{dimension}");
        }
        let sheet = br#"<worksheet><dimension ref="A2:A1"/><sheetData/></worksheet>"#;
        assert_eq!(
            first_unusable_in(sheet).as_deref(),
            Some(
                "the dimension \"A2:A1\", whose end comes before its start; expected its top-left cell first, as in A1:H9"
            )
        );
    }
}
