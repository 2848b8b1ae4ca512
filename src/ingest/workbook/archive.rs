//! The ZIP archive of a workbook, read within the [`Limit::XlsxInflatedSize`] before calamine
//! reads it.
//!
//! A ZIP member states its inflated size, but nothing makes it true: a member that declares a
//! kilobyte may inflate to gigabytes, and calamine would keep all of it. So every member is
//! inflated here first, streamed and counted, never past what it declares and never past what
//! is left of the limit: a workbook whose members declare more than the limit in all is refused
//! before anything is inflated, and one whose member inflates to more than it declares is
//! refused at the byte where it does. After that, what calamine inflates is what was counted.

use std::io::Read;

use crate::limits::Limit;

/// One central-directory record: where its member's header is, how it is stored.
pub(super) struct Entry {
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

/// The records of the archive's central directory, or `None` when it has none that can be read
/// (then the workbook is refused: calamine's ZIP reader might find members this one does not).
pub(super) fn central_directory(b: &[u8]) -> Option<Vec<Entry>> {
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
    pub(super) fn name<'b>(&self, b: &'b [u8]) -> Option<&'b [u8]> {
        let len = usize::from(u16_at(b, self.record + 28)?);
        b.get(self.record + 46..self.record + 46 + len)
    }

    /// The member's name, for messages.
    pub(super) fn shown_name(&self, b: &[u8]) -> String {
        self.name(b)
            .map(String::from_utf8_lossy)
            .unwrap_or_default()
            .into_owned()
    }

    /// The member's size once decompressed, as the archive states it.
    pub(super) fn declared_size(&self, b: &[u8]) -> u64 {
        u32_at(b, self.record + 24).map_or(0, u64::from)
    }

    #[cfg(test)]
    pub(super) fn record(&self) -> usize {
        self.record
    }

    /// The member's bytes as they are stored, and its method (0 stored, 8 deflated).
    fn stored<'b>(&self, b: &'b [u8]) -> Option<(u16, &'b [u8])> {
        let method = u16_at(b, self.record + 10)?;
        let compressed = u32_at(b, self.record + 20)? as usize;
        let header = u32_at(b, self.record + 42)? as usize;
        if b.get(header..header.checked_add(4)?)? != b"PK\x03\x04" {
            return None;
        }
        let name_len = usize::from(u16_at(b, header + 26)?);
        let extra_len = usize::from(u16_at(b, header + 28)?);
        let start = header.checked_add(30 + name_len + extra_len)?;
        Some((method, b.get(start..start.checked_add(compressed)?)?))
    }

    /// A reader of the member's inflated bytes that stops one byte past its declared size (so
    /// that a member inflating to more is seen, and no more of it is inflated); `None` for a
    /// member that is not stored or deflated, or whose data lies outside the archive (calamine
    /// then says why it cannot read it).
    pub(super) fn inflate<'b>(&self, b: &'b [u8]) -> Option<Inflating<'b>> {
        let (method, data) = self.stored(b)?;
        let declared = self.declared_size(b);
        let inner: Box<dyn Read + 'b> = match method {
            0 => Box::new(data),
            8 => Box::new(flate2::read::DeflateDecoder::new(data)),
            _ => return None,
        };
        Some(Inflating {
            inner: inner.take(declared + 1),
            declared,
            read: 0,
        })
    }
}

/// A member's bytes as they are inflated, counted.
pub(super) struct Inflating<'b> {
    inner: std::io::Take<Box<dyn Read + 'b>>,
    declared: u64,
    /// Bytes inflated so far.
    read: u64,
}

impl Inflating<'_> {
    /// Whether the member inflated to more than it declares.
    pub(super) fn lies(&self) -> bool {
        self.read > self.declared
    }

    pub(super) fn declared(&self) -> u64 {
        self.declared
    }
}

impl Read for Inflating<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Why a workbook's archive is refused before calamine reads it, as the end of "cannot read the
/// workbook: …"; `None` when its members declare no more than the limit in all.
pub(super) fn over_the_limit(archive: &[u8], entries: &[Entry]) -> Option<String> {
    let limit = Limit::XlsxInflatedSize;
    let most = limit.value();
    let mut total = 0u64;
    for entry in entries {
        let size = entry.declared_size(archive);
        total = total.saturating_add(size);
        if total > most {
            return Some(format!(
                "its parts inflate to more than {}, the xlsx-inflated-size limit, at part {} ({}); {}",
                limit.shown(),
                entry.shown_name(archive),
                mebibytes(size),
                limit.raise_hint()
            ));
        }
    }
    None
}

/// A size in MiB, or in bytes when it is under one.
pub(super) fn mebibytes(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// The message for a member that inflates to more than it declares.
pub(super) fn lying_message(name: &str, declared: u64) -> String {
    format!(
        "its part {name} inflates to more than the {declared} bytes it declares; expected a workbook whose parts are their stated size (this archive is damaged, or built to exhaust memory)"
    )
}

/// A member's whole content, for the workbook's small parts (its list of sheets and their
/// relationships): `None` when it cannot be inflated or inflates to more than it declares.
pub(super) fn content(archive: &[u8], entry: &Entry) -> Option<Vec<u8>> {
    let mut reader = entry.inflate(archive)?;
    let mut out = Vec::new();
    reader.read_to_end(&mut out).ok()?;
    (!reader.lies()).then_some(out)
}
