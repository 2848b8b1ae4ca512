//! Every bound catscan puts on what one input can make it do, in one place.
//!
//! catscan reads files written by others: a supplier's BOM, a workbook, a baseline, a policy
//! file that a pull request may change. Each of them could be built to take minutes, gigabytes
//! or the whole stack, so every cost an input controls has a limit here, with its default and why
//! it is set where it is. An input past a limit gets an error (or, for diagnostics, a count) that
//! names the limit and the `--limit NAME=VALUE` that raises it.
//!
//! Limits are set for one run on the command line only (`--limit input-size=4GiB`, repeatable),
//! never in `catscan.toml`: a pull request controls that file, and could otherwise lift the bounds
//! that protect the CI runner from the very inputs it brings. The values are process-wide, set
//! once by the command line before anything is read; the readers deep in the pipeline ask
//! [`Limit::value`].

use std::sync::atomic::{AtomicU64, Ordering};

/// One bound, by name. The doc comment of each says what it bounds, its default and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// The largest regular file read as an input: 2 GiB, twice the largest SBOM the scaling
    /// benchmark reads (a million components). Larger files are mapped, not copied, but every
    /// reader keeps what it found in memory.
    InputSize,
    /// The largest input read from a pipe, a device or standard input: 512 MiB. These are
    /// copied into memory and may never end (`/dev/zero`).
    StreamSize,
    /// The deepest nesting of JSON arrays and objects, or of XML elements: 10,000 levels, 5,000
    /// nested components, far beyond any real product structure. Deeper documents are read on
    /// a stack that grows on the heap, so this bounds memory and time, not the stack.
    NestingDepth,
    /// The most bytes catscan inflates from one workbook, all its parts together: 256 MiB. A
    /// part list is a few megabytes; a ZIP bomb inflates a thousandfold, and may say it inflates
    /// to less than it does, so what is inflated is counted, not what the archive declares.
    XlsxInflatedSize,
    /// The most rows one worksheet may have: 1,048,576, the most Excel allows. A sheet of
    /// millions of empty rows compresses to nothing and would keep the reader busy for minutes.
    XlsxRows,
    /// The most cells one worksheet may have: 10,000,000 (100,000 parts of 100 columns).
    XlsxCells,
    /// The longest `when` expression of a custom rule, in bytes: 4 KiB. Rules are a line or two;
    /// the CEL parser's time and stack grow with the expression.
    CelSize,
    /// How deep a `when` expression may nest: 32 levels (each bracket, each operator of a chain
    /// such as `a + b + c`, each step of a member chain such as `x.f().g()` or `x[0][1]`, each
    /// conditional). The CEL parser and evaluator recurse once per level; rules need a few.
    CelDepth,
    /// How deep the comprehensions of a `when` expression (`all`, `exists`, `exists_one`, `map`,
    /// `filter`) may nest within one another: 3. Each level multiplies the work by the size of
    /// a list the BOM controls (a component's properties).
    CelComprehensionDepth,
    /// The most comprehension steps one evaluation of a `when` expression may take (one
    /// component, one rule): 100,000. Counted before each comprehension runs, by the size of
    /// what it iterates, so that nested loops over a large BOM's lists stop early.
    CelSteps,
    /// How many diagnostics of one code one file reports one by one: 20. The rest are counted in
    /// one line, so that a file with a million bad rows gives a readable report.
    DiagnosticsPerCode,
    /// The largest baseline SARIF log read (`--baseline`): 512 MiB. The log is streamed and only
    /// the rule and the fingerprint of each result are kept, so memory follows the results;
    /// this bounds the time spent reading it.
    BaselineSize,
    /// The largest data file (pack, vendor file, certified list) read for a policy: 16 MiB, far
    /// above any real one (the built-in catalogues together are under 1 MiB).
    DataFileSize,
}

/// How a limit's value is written and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A size in bytes, written with a binary suffix: `512MiB`, `4GiB`.
    Bytes,
    /// A count: `1048576`, `1_000_000`.
    Count,
}

/// The values set on the command line, by [`Limit::index`]; 0 when not set (every limit is at
/// least 1).
static SET: [AtomicU64; Limit::ALL.len()] = [const { AtomicU64::new(0) }; Limit::ALL.len()];

impl Limit {
    /// Every limit, in the order documentation lists them.
    pub const ALL: [Limit; 13] = [
        Limit::InputSize,
        Limit::StreamSize,
        Limit::NestingDepth,
        Limit::XlsxInflatedSize,
        Limit::XlsxRows,
        Limit::XlsxCells,
        Limit::CelSize,
        Limit::CelDepth,
        Limit::CelComprehensionDepth,
        Limit::CelSteps,
        Limit::DiagnosticsPerCode,
        Limit::BaselineSize,
        Limit::DataFileSize,
    ];

    /// The name `--limit` takes.
    pub fn name(self) -> &'static str {
        match self {
            Limit::InputSize => "input-size",
            Limit::StreamSize => "stream-size",
            Limit::NestingDepth => "nesting-depth",
            Limit::XlsxInflatedSize => "xlsx-inflated-size",
            Limit::XlsxRows => "xlsx-rows",
            Limit::XlsxCells => "xlsx-cells",
            Limit::CelSize => "cel-size",
            Limit::CelDepth => "cel-depth",
            Limit::CelComprehensionDepth => "cel-comprehension-depth",
            Limit::CelSteps => "cel-steps",
            Limit::DiagnosticsPerCode => "diagnostics-per-code",
            Limit::BaselineSize => "baseline-size",
            Limit::DataFileSize => "data-file-size",
        }
    }

    /// The value when the command line does not set one.
    pub const fn default_value(self) -> u64 {
        match self {
            Limit::InputSize => 2 << 30,
            Limit::StreamSize => 512 << 20,
            Limit::NestingDepth => 10_000,
            Limit::XlsxInflatedSize => 256 << 20,
            Limit::XlsxRows => 1_048_576,
            Limit::XlsxCells => 10_000_000,
            Limit::CelSize => 4 << 10,
            Limit::CelDepth => 32,
            Limit::CelComprehensionDepth => 3,
            Limit::CelSteps => 100_000,
            Limit::DiagnosticsPerCode => 20,
            Limit::BaselineSize => 512 << 20,
            Limit::DataFileSize => 16 << 20,
        }
    }

    pub(crate) fn unit(self) -> Unit {
        match self {
            Limit::InputSize
            | Limit::StreamSize
            | Limit::XlsxInflatedSize
            | Limit::CelSize
            | Limit::BaselineSize
            | Limit::DataFileSize => Unit::Bytes,
            _ => Unit::Count,
        }
    }

    /// What the limit bounds, in a few words, for `--help` and the README.
    pub fn what(self) -> &'static str {
        match self {
            Limit::InputSize => "size of an input file",
            Limit::StreamSize => "size of an input read from a pipe, a device or standard input",
            Limit::NestingDepth => "nesting of JSON arrays and objects, or of XML elements",
            Limit::XlsxInflatedSize => "bytes inflated from one workbook, all parts together",
            Limit::XlsxRows => "rows of one worksheet",
            Limit::XlsxCells => "cells of one worksheet",
            Limit::CelSize => "length of a custom rule's `when` expression",
            Limit::CelDepth => "nesting of a `when` expression",
            Limit::CelComprehensionDepth => {
                "comprehensions (all, exists, map, filter) nested in a `when` expression"
            }
            Limit::CelSteps => "comprehension steps of one evaluation of a `when` expression",
            Limit::DiagnosticsPerCode => "diagnostics of one code listed for one file",
            Limit::BaselineSize => "size of the --baseline SARIF log",
            Limit::DataFileSize => "size of a data file a policy names (pack, vendors, certified)",
        }
    }

    fn index(self) -> usize {
        Limit::ALL
            .iter()
            .position(|&l| l == self)
            .unwrap_or_default()
    }

    /// The value in force: the command line's, else the default.
    pub fn value(self) -> u64 {
        match SET[self.index()].load(Ordering::Relaxed) {
            0 => self.default_value(),
            set => set,
        }
    }

    /// The value in force, as a `usize` (saturating on 32-bit targets).
    pub fn value_usize(self) -> usize {
        usize::try_from(self.value()).unwrap_or(usize::MAX)
    }

    /// The value in force as people read it: `2 GiB`, `10,000`.
    pub fn shown(self) -> String {
        self.format(self.value(), " ")
    }

    /// How to raise the limit, for the end of a message: ``raise it with `--limit
    /// input-size=4GiB` ``, suggesting twice the value in force.
    pub fn raise_hint(self) -> String {
        let doubled = self.value().saturating_mul(2);
        format!(
            "raise it with `--limit {}={}`",
            self.name(),
            self.format(doubled, "").replace(',', "_")
        )
    }

    /// `value` in the limit's unit; `space` goes between a number and its binary suffix.
    fn format(self, value: u64, space: &str) -> String {
        match self.unit() {
            Unit::Count => thousands(value),
            Unit::Bytes => {
                for (shift, suffix) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")] {
                    if value >= 1 << shift && value.is_multiple_of(1 << shift) {
                        return format!("{}{space}{suffix}", thousands(value >> shift));
                    }
                }
                if space.is_empty() {
                    value.to_string()
                } else {
                    format!("{} bytes", thousands(value))
                }
            }
        }
    }

    /// Sets the limits named in `--limit NAME=VALUE` arguments, each of which may be given once.
    ///
    /// # Errors
    ///
    /// An unknown name (the message lists the names), a value that is not a positive number in
    /// the limit's unit, or a name given twice.
    pub fn set_from_args<S: AsRef<str>>(args: &[S]) -> Result<(), String> {
        let mut given: Vec<(Limit, u64)> = Vec::new();
        for arg in args {
            let arg = arg.as_ref();
            let (name, value) = arg.split_once('=').ok_or_else(|| {
                format!("--limit {arg}: expected NAME=VALUE, such as input-size=4GiB")
            })?;
            let limit = Limit::ALL
                .into_iter()
                .find(|l| l.name() == name.trim())
                .ok_or_else(|| {
                    format!(
                        "--limit {arg}: no limit \"{}\"; the limits are {}",
                        name.trim(),
                        Limit::ALL.map(Limit::name).join(", ")
                    )
                })?;
            let value =
                parse(limit.unit(), value.trim()).map_err(|e| format!("--limit {arg}: {e}"))?;
            if given.iter().any(|&(l, _)| l == limit) {
                return Err(format!("--limit {arg}: {} is given twice", limit.name()));
            }
            given.push((limit, value));
        }
        for (limit, value) in given {
            SET[limit.index()].store(value, Ordering::Relaxed);
        }
        Ok(())
    }
}

/// A limit's value as written on the command line.
fn parse(unit: Unit, text: &str) -> Result<u64, String> {
    let digits = text
        .find(|c: char| !(c.is_ascii_digit() || c == '_'))
        .unwrap_or(text.len());
    let (number, suffix) = text.split_at(digits);
    let number: u64 = number
        .replace('_', "")
        .parse()
        .map_err(|_| expected(unit))?;
    let shift = match (unit, suffix.trim()) {
        (_, "") => 0,
        (Unit::Bytes, "KiB") => 10,
        (Unit::Bytes, "MiB") => 20,
        (Unit::Bytes, "GiB") => 30,
        (Unit::Bytes, "TiB") => 40,
        _ => return Err(expected(unit)),
    };
    match number.checked_mul(1 << shift) {
        Some(0) | None => Err(expected(unit)),
        Some(value) => Ok(value),
    }
}

fn expected(unit: Unit) -> String {
    match unit {
        Unit::Bytes => "expected a size of at least 1 byte, such as 4096, 512MiB or 4GiB".into(),
        Unit::Count => "expected a whole number of at least 1, such as 1000000 or 1_000_000".into(),
    }
}

/// A number with a comma between thousands: `1,048,576`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_in_their_unit() {
        assert_eq!(parse(Unit::Bytes, "4GiB"), Ok(4 << 30));
        assert_eq!(parse(Unit::Bytes, "512MiB"), Ok(512 << 20));
        assert_eq!(parse(Unit::Bytes, "4096"), Ok(4096));
        assert_eq!(parse(Unit::Count, "1_000_000"), Ok(1_000_000));
        assert!(parse(Unit::Count, "1MiB").is_err());
        assert!(parse(Unit::Bytes, "0").is_err());
        assert!(parse(Unit::Bytes, "4 GB").is_err());
        assert!(parse(Unit::Bytes, "99999999999TiB").is_err());
    }

    #[test]
    fn defaults_are_shown_as_people_read_them_and_the_hint_doubles_them() {
        assert_eq!(Limit::InputSize.format(2 << 30, " "), "2 GiB");
        assert_eq!(Limit::XlsxRows.format(1_048_576, " "), "1,048,576");
        assert_eq!(Limit::CelSize.format(5000, " "), "5,000 bytes");
        assert_eq!(
            Limit::InputSize.format(Limit::InputSize.default_value() * 2, ""),
            "4GiB"
        );
        assert_eq!(
            Limit::XlsxRows.format(2_097_152, "").replace(',', "_"),
            "2_097_152"
        );
    }

    #[test]
    fn every_limit_has_a_distinct_name() {
        let mut names = Limit::ALL.map(Limit::name).to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Limit::ALL.len());
    }
}
