//! XLSX part lists: the workbook's bytes as catscan loads them, the reader, then resolution,
//! evaluation and SARIF.
//!
//! A workbook is a ZIP archive of XML files, compressed and checksummed, so byte mutations of
//! the archive almost never reach the XML inside. The custom mutator therefore mostly unpacks
//! the archive, mutates one of its files with libFuzzer's mutator and packs it again; one time
//! in eight it mutates the archive's bytes as they are, for the container's own reader.
#![no_main]

use std::io::{Cursor, Read, Write};

use catscan::ingest::partlist::{self, ColumnOverrides};
use libfuzzer_sys::{fuzz_mutator, fuzz_target, fuzzer_mutate};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

fuzz_target!(|bytes: &[u8]| {
    std::hint::black_box(partlist::is_xlsx(bytes));
    catscan_fuzz::scan(partlist::read_xlsx(
        catscan_fuzz::source(),
        bytes,
        &ColumnOverrides::default(),
    ));
});

fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
    match mutate_member(&data[..size], max_size, seed) {
        Some(archive) => {
            data[..archive.len()].copy_from_slice(&archive);
            archive.len()
        }
        None => fuzzer_mutate(data, size, max_size),
    }
});

/// The largest member unpacked for mutation: the seeds' members are a few KB.
const MEMBER_LIMIT: u64 = 1 << 20;

/// The archive with one member mutated, or `None` when the archive's own bytes are to be
/// mutated (one time in eight, or when it cannot be unpacked or the result would be too large).
fn mutate_member(archive: &[u8], max_size: usize, seed: u32) -> Option<Vec<u8>> {
    if seed % 8 == 0 {
        return None;
    }
    let mut zip = ZipArchive::new(Cursor::new(archive)).ok()?;
    let mut members = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let member = zip.by_index(i).ok()?;
        let name = member.name().ok()?.into_owned();
        let mut content = Vec::new();
        member.take(MEMBER_LIMIT).read_to_end(&mut content).ok()?;
        members.push((name, content));
    }
    if members.is_empty() {
        return None;
    }
    let pick = (seed / 8) as usize % members.len();
    let content = &mut members[pick].1;
    let len = content.len();
    let room = len * 2 + 64;
    content.resize(room, 0);
    let new_len = fuzzer_mutate(content, len, room);
    content.truncate(new_len);
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, content) in &members {
        out.start_file(name.as_str(), options).ok()?;
        out.write_all(content).ok()?;
    }
    let packed = out.finish().ok()?.into_inner();
    (packed.len() <= max_size).then_some(packed)
}
