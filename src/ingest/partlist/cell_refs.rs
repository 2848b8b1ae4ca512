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

use std::io::Read;

use quick_xml::events::Event;

/// The last row of a worksheet.
const MAX_ROW: u64 = 1_048_576;
/// The last column of a worksheet (`XFD`).
const MAX_COLUMN: u64 = 16_384;
/// Parts larger than this once decompressed are not looked at (calamine refuses them or
/// reads them as it can; a part list is a few megabytes at most).
const PART_LIMIT: u64 = 256 << 20;

/// The first reference calamine cannot compute with, as the message of the workbook's error;
/// `None` when there is none (or when the archive cannot be walked: calamine then says why).
pub(super) fn unusable(archive: &[u8]) -> Option<String> {
    // A part that says it inflates past the limit (a ZIP bomb, or no part list) is refused before
    // calamine inflates it.
    for entry in central_directory(archive).unwrap_or_default() {
        let size = entry.size(archive).unwrap_or(0);
        if size > PART_LIMIT {
            let name = entry
                .name(archive)
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            return Some(format!(
                "cannot read the workbook: its part {name} inflates to {} MiB, more than the {} MiB catscan reads of one part",
                size >> 20,
                PART_LIMIT >> 20
            ));
        }
    }
    for (name, xml) in parts(archive) {
        if let Some(problem) = first_unusable(&xml) {
            return Some(format!(
                "cannot read the workbook: its part {name} has {problem}"
            ));
        }
    }
    None
}

/// The archive's members, decompressed, in directory order.
fn parts(archive: &[u8]) -> impl Iterator<Item = (String, Vec<u8>)> + '_ {
    let entries = central_directory(archive).unwrap_or_default();
    entries.into_iter().filter_map(move |entry| {
        let name = String::from_utf8_lossy(entry.name(archive)?).into_owned();
        Some((name, entry.content(archive)?))
    })
}

/// One central-directory record: where its member's header is, how it is stored.
struct Entry {
    /// Offset of the record in the archive.
    record: usize,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// The records of the archive's central directory, or `None` when it has none that can be read.
fn central_directory(b: &[u8]) -> Option<Vec<Entry>> {
    // The end-of-central-directory record is in the last 22 + 65,535 bytes.
    let tail_start = b.len().saturating_sub(22 + 65_535);
    let eocd = tail_start + memchr::memmem::rfind(&b[tail_start..], b"PK\x05\x06")?;
    let count = u16_at(b, eocd + 10)?;
    let mut at = u32_at(b, eocd + 16)? as usize;
    let mut entries = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        if b.get(at..at.checked_add(4)?)? != b"PK\x01\x02" {
            return None;
        }
        entries.push(Entry { record: at });
        let name_len = usize::from(u16_at(b, at + 28)?);
        let extra_len = usize::from(u16_at(b, at + 30)?);
        let comment_len = usize::from(u16_at(b, at + 32)?);
        at = at.checked_add(46 + name_len + extra_len + comment_len)?;
    }
    Some(entries)
}

impl Entry {
    fn name<'b>(&self, b: &'b [u8]) -> Option<&'b [u8]> {
        let len = usize::from(u16_at(b, self.record + 28)?);
        b.get(self.record + 46..self.record + 46 + len)
    }

    /// The member's size once decompressed, as the archive states it.
    fn size(&self, b: &[u8]) -> Option<u64> {
        u32_at(b, self.record + 24).map(u64::from)
    }

    /// The member's bytes, decompressed (stored and deflated members; others are left to
    /// calamine).
    fn content(&self, b: &[u8]) -> Option<Vec<u8>> {
        let method = u16_at(b, self.record + 10)?;
        let compressed = u32_at(b, self.record + 20)? as usize;
        let size = u64::from(u32_at(b, self.record + 24)?);
        let header = u32_at(b, self.record + 42)? as usize;
        if b.get(header..header.checked_add(4)?)? != b"PK\x03\x04" || size > PART_LIMIT {
            return None;
        }
        let name_len = usize::from(u16_at(b, header + 26)?);
        let extra_len = usize::from(u16_at(b, header + 28)?);
        let start = header.checked_add(30 + name_len + extra_len)?;
        let data = b.get(start..start.checked_add(compressed)?)?;
        match method {
            0 => Some(data.to_vec()),
            8 => {
                let mut out = Vec::new();
                flate2::read::DeflateDecoder::new(data)
                    .take(size)
                    .read_to_end(&mut out)
                    .ok()?;
                Some(out)
            }
            _ => None,
        }
    }
}

/// What is wrong with the first `r` of a `<row>` or `<c>` past a worksheet's end, or `ref` of a
/// `<dimension>` past it or reversed. Reading stops at the first XML error (calamine reports it).
fn first_unusable(xml: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let element = match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) => e,
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => continue,
        };
        let local_name = element.local_name();
        let wanted = match local_name.as_ref() {
            "row" | "c" => "r",
            "dimension" => "ref",
            _ => "",
        };
        if !wanted.is_empty() {
            for attribute in element.attributes().flatten() {
                let key = attribute.key.local_name();
                let value: &str = &attribute.value;
                if key.as_ref() != wanted {
                    continue;
                }
                if value.split(':').any(|r| past_the_end(r.as_bytes())) {
                    return Some(format!(
                        "the cell reference \"{value}\", past the end of a worksheet; expected references within column XFD and row 1048576"
                    ));
                }
                if wanted == "ref" && reversed(value) {
                    return Some(format!(
                        "the dimension \"{value}\", whose end comes before its start; expected its top-left cell first, as in A1:H9"
                    ));
                }
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
        let entries = central_directory(&workbook).unwrap();
        let first = &entries[0];
        let name = String::from_utf8_lossy(first.name(&workbook).unwrap()).into_owned();
        let mut bomb = workbook.clone();
        bomb[first.record + 24..first.record + 28].copy_from_slice(&(512u32 << 20).to_le_bytes());
        assert_eq!(
            unusable(&bomb).unwrap(),
            format!(
                "cannot read the workbook: its part {name} inflates to 512 MiB, more than the 256 MiB catscan reads of one part"
            )
        );
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
            first_unusable(sheet).as_deref(),
            Some(
                "the cell reference \"B99999999999\", past the end of a worksheet; expected references within column XFD and row 1048576"
            )
        );
        let fine = br#"<worksheet><dimension ref="A1:B2"/><sheetData><row r="2"><c r="B2"/></row></sheetData></worksheet>"#;
        assert_eq!(first_unusable(fine), None);
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
            first_unusable(sheet).as_deref(),
            Some(
                "the dimension \"A2:A1\", whose end comes before its start; expected its top-left cell first, as in A1:H9"
            )
        );
    }
}
