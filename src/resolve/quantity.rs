//! Physical quantities as catalogue thresholds and BOMs state them, normalised to one unit per
//! dimension so that "12 Tbps", "12000 Gbps" and "12Tbit/s" compare equal, and "55万条" is 550,000.
//!
//! A unit is only recognised in the dimension asked for: "GB" is a size, "Gb/s" a bit rate,
//! "GB/s" a byte rate, and "100GE" (a port speed name) is no quantity at all.

use std::fmt;

/// What a quantity measures, and the unit its normalised value is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// bit/s
    BitRate,
    /// packet/s
    PacketRate,
    /// table entries
    Entries,
    /// a plain count
    Count,
    /// byte
    Bytes,
    /// second
    Seconds,
    /// byte/s
    ByteRate,
    /// connections
    Connections,
    /// connection/s
    ConnectionRate,
    /// rack / tower / blade (a value of [`FormFactor`], not a number)
    FormFactor,
}

impl Dimension {
    pub(crate) fn from_unit_name(unit: &str) -> Option<Self> {
        Some(match unit {
            "bit/s" => Self::BitRate,
            "packet/s" => Self::PacketRate,
            "entries" => Self::Entries,
            "count" => Self::Count,
            "byte" => Self::Bytes,
            "second" => Self::Seconds,
            "byte/s" => Self::ByteRate,
            "connection" => Self::Connections,
            "connection/s" => Self::ConnectionRate,
            "form-factor" => Self::FormFactor,
            _ => return None,
        })
    }
}

/// The physical shape of a server: the catalogue's server item is for rack-mounted servers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormFactor {
    /// Rack-mounted (`1U`, `rackmount`, `机架式`): the only form the server item covers.
    Rack,
    /// A free-standing tower (`tower`, `塔式`).
    Tower,
    /// A blade for a chassis (`blade`, `刀片`).
    Blade,
}

impl FormFactor {
    /// Reads a form factor from free text ("1U rack", "2U", "机架式", "tower").
    pub fn parse(text: &str) -> Option<Self> {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let rack_unit = words.iter().any(|w| {
            w.strip_suffix('u').is_some_and(|n| {
                !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit())
            })
        });
        if words.iter().any(|w| matches!(*w, "blade")) || lower.contains("刀片") {
            Some(Self::Blade)
        } else if words.iter().any(|w| matches!(*w, "tower")) || lower.contains("塔式") {
            Some(Self::Tower)
        } else if rack_unit
            || words
                .iter()
                .any(|w| matches!(*w, "rack" | "rackmount" | "rackmounted"))
            || lower.contains("rack-mount")
            || lower.contains("机架")
        {
            Some(Self::Rack)
        } else {
            None
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Rack => "rack-mounted",
            Self::Tower => "tower",
            Self::Blade => "blade",
        }
    }
}

/// A normalised amount: `value` is in the base unit of `dimension`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Quantity {
    pub(crate) value: f64,
    pub(crate) dimension: Dimension,
}

impl Quantity {
    /// Compares with a relative tolerance, so that 12000 Gbps is exactly 12 Tbps.
    pub fn at_least(&self, other: &Quantity) -> bool {
        self.value >= other.value * (1.0 - 1e-9)
    }

    pub(crate) fn at_most(&self, other: &Quantity) -> bool {
        self.value <= other.value * (1.0 + 1e-9)
    }
}

impl fmt::Display for Quantity {
    /// In the unit a person would use for the magnitude: 38.4 Tbps, 4,000,000 entries, 0.05 µs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = self.value;
        let scaled = |units: &[(f64, &str)]| {
            let (factor, name) = units
                .iter()
                .rev()
                .find(|(factor, _)| v >= *factor)
                .copied()
                .unwrap_or(units[0]);
            format!("{} {name}", trim_number(v / factor))
        };
        let text = match self.dimension {
            Dimension::BitRate => scaled(&[
                (1.0, "bps"),
                (1e3, "Kbps"),
                (1e6, "Mbps"),
                (1e9, "Gbps"),
                (1e12, "Tbps"),
            ]),
            Dimension::PacketRate => {
                scaled(&[(1.0, "pps"), (1e3, "Kpps"), (1e6, "Mpps"), (1e9, "Gpps")])
            }
            Dimension::Bytes => scaled(&[
                (1.0, "B"),
                (1e3, "KB"),
                (1e6, "MB"),
                (1e9, "GB"),
                (1e12, "TB"),
                (1e15, "PB"),
            ]),
            Dimension::ByteRate => {
                scaled(&[(1.0, "B/s"), (1e3, "KB/s"), (1e6, "MB/s"), (1e9, "GB/s")])
            }
            Dimension::Seconds => {
                if v < 1e-6 {
                    format!("{} ns", trim_number(v * 1e9))
                } else if v < 1e-3 {
                    format!("{} µs", trim_number(v * 1e6))
                } else if v < 1.0 {
                    format!("{} ms", trim_number(v * 1e3))
                } else if v < 3600.0 {
                    format!("{} s", trim_number(v))
                } else {
                    format!("{} h", trim_number(v / 3600.0))
                }
            }
            Dimension::Entries => format!("{} entries", group_thousands(v)),
            Dimension::Count => group_thousands(v),
            Dimension::Connections => format!("{} connections", group_thousands(v)),
            Dimension::ConnectionRate => format!("{} per second", group_thousands(v)),
            Dimension::FormFactor => String::new(),
        };
        f.write_str(&text)
    }
}

fn trim_number(v: f64) -> String {
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn group_thousands(v: f64) -> String {
    if v.fract().abs() > 1e-9 || v.abs() >= 1e15 {
        return trim_number(v);
    }
    let digits = format!("{}", v.round() as i64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A quantity found in free text, with where it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub(crate) quantity: Quantity,
    /// Byte range of the number and its unit in the text searched.
    pub start: usize,
    pub(crate) end: usize,
}

/// Parses a whole value such as a property value or a threshold: "12 Tbps", "55万条",
/// "3,000,000", "0.08微秒". `default_unit` applies to a bare number ("121" in
/// `hw:throughput-gbps`). Returns `None` unless the whole text is one quantity of `dimension`.
pub fn parse(text: &str, dimension: Dimension, default_unit: Option<&str>) -> Option<Quantity> {
    let text = text.trim();
    let (number, rest) = parse_number(text)?;
    let rest = rest.trim();
    let (multiplier, unit) = split_multiplier(rest);
    let unit = unit.trim();
    let unit = if unit.is_empty() {
        default_unit.unwrap_or("")
    } else {
        unit
    };
    let factor = unit_factor(unit, dimension)?;
    Some(Quantity {
        value: number * multiplier * factor,
        dimension,
    })
}

/// Finds every quantity of `dimension` in free text ("… 121 Gbps, 路由表容量400万条 …").
pub fn find_all(text: &str, dimension: Dimension) -> Vec<Found> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // A number starts at a digit that does not continue a word ("x86", "SFP28", "V800R021").
        let starts_number = bytes[i].is_ascii_digit()
            && (i == 0
                || !(bytes[i - 1].is_ascii_alphanumeric()
                    || bytes[i - 1] == b'.'
                    || bytes[i - 1] == b'-'));
        if !starts_number {
            i += 1;
            continue;
        }
        let Some((number, rest)) = parse_number(&text[i..]) else {
            i += 1;
            continue;
        };
        let number_end = text.len() - rest.len();
        let after = rest.trim_start_matches([' ', '\u{a0}']);
        let (multiplier, unit_text) = split_multiplier_prefix(after);
        let unit = unit_token(unit_text);
        let unit_end = text.len() - unit_text.len() + unit.len();
        let factor = unit_factor(unit, dimension);
        // "2x", "16x1GE": a multiplication sign after the number is no unit.
        let is_times = after.starts_with(['x', 'X', '×', '*']) && !unit.eq_ignore_ascii_case("x");
        match factor {
            // In running text a bare number is too often a model number or a port count to be read
            // as an amount: a unit or a magnitude word must follow.
            Some(factor) if !is_times && (!unit.is_empty() || multiplier != 1.0) => {
                out.push(Found {
                    quantity: Quantity {
                        value: number * multiplier * factor,
                        dimension,
                    },
                    start: i,
                    end: unit_end,
                });
                i = unit_end.max(number_end);
            }
            _ => i = number_end.max(i + 1),
        }
    }
    out
}

/// A decimal number with optional thousands separators: "12", "0.08", "3,000,000", "1 000".
fn parse_number(text: &str) -> Option<(f64, &str)> {
    let bytes = text.as_bytes();
    let mut end = 0;
    let mut digits = String::new();
    let mut seen_point = false;
    while end < bytes.len() {
        let b = bytes[end];
        if b.is_ascii_digit() {
            digits.push(b as char);
            end += 1;
        } else if b == b'.'
            && !seen_point
            && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            && !digits.is_empty()
        {
            seen_point = true;
            digits.push('.');
            end += 1;
        } else if b == b','
            && !seen_point
            && is_thousands_group(&bytes[end + 1..])
            && !digits.is_empty()
        {
            end += 1;
        } else {
            break;
        }
    }
    if digits.is_empty() {
        return None;
    }
    digits.parse::<f64>().ok().map(|n| (n, &text[end..]))
}

/// Exactly three digits follow and then no further digit: "3,000,000" but not "1,5" or "16,24".
fn is_thousands_group(rest: &[u8]) -> bool {
    rest.len() >= 3
        && rest[..3].iter().all(u8::is_ascii_digit)
        && !rest.get(3).is_some_and(u8::is_ascii_digit)
}

/// Splits a leading magnitude word: 万 (10⁴), 亿 (10⁸), 千 (10³), and the English ones that stand
/// apart from a unit ("3 million connections", "550K routes").
fn split_multiplier(rest: &str) -> (f64, &str) {
    split_multiplier_prefix(rest)
}

fn split_multiplier_prefix(rest: &str) -> (f64, &str) {
    for (word, factor) in [("万", 1e4), ("亿", 1e8), ("千", 1e3)] {
        if let Some(after) = rest.strip_prefix(word) {
            return (factor, after);
        }
    }
    let lower = rest.to_ascii_lowercase();
    for (word, factor) in [("million", 1e6), ("thousand", 1e3), ("billion", 1e9)] {
        if lower.starts_with(word) {
            return (factor, rest[word.len()..].trim_start());
        }
    }
    // A lone K or M directly before a word boundary or a count word ("550K routes", "3M").
    let mut chars = rest.chars();
    if let Some(c @ ('K' | 'k' | 'M')) = chars.next() {
        let after = chars.as_str();
        let next = after.chars().next();
        if next.is_none_or(|n| n == ' ' || n == ',' || n == ')' || n == '条' || n == '/') {
            return (if c == 'M' { 1e6 } else { 1e3 }, after.trim_start());
        }
    }
    (1.0, rest)
}

/// The unit word that follows a number: letters, µ, '/', and the Chinese unit characters.
fn unit_token(text: &str) -> &str {
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let is_unit_char = c.is_ascii_alphabetic()
            || matches!(c, 'µ' | 'μ' | '/' | '+')
            || matches!(
                c,
                '条' | '个'
                    | '颗'
                    | '路'
                    | '纳'
                    | '微'
                    | '毫'
                    | '秒'
                    | '分'
                    | '钟'
                    | '小'
                    | '时'
                    | '核'
            );
        if !is_unit_char {
            break;
        }
        end = i + c.len_utf8();
    }
    // "/s" belongs to the unit, a trailing "/" alone does not.
    text[..end].trim_end_matches('/')
}

/// The factor that turns one `unit` into the base unit of `dimension`, or `None` if `unit` is not
/// a unit of that dimension.
fn unit_factor(unit: &str, dimension: Dimension) -> Option<f64> {
    let lower = unit.to_ascii_lowercase();
    let u = lower.as_str();
    match dimension {
        Dimension::BitRate => {
            // "b" is a bit, "B" a byte: only lower-case b in the "/s" spellings.
            let per_second = unit.strip_suffix("/s").or_else(|| unit.strip_suffix("ps"));
            let prefix = |p: &str| match p {
                "" => Some(1.0),
                "k" | "K" => Some(1e3),
                "m" | "M" => Some(1e6),
                "g" | "G" => Some(1e9),
                "t" | "T" => Some(1e12),
                "p" | "P" => Some(1e15),
                _ => None,
            };
            if let Some(stem) = u.strip_suffix("bps") {
                return prefix(stem);
            }
            let stem = per_second?;
            if let Some(p) = stem.strip_suffix("bit") {
                return prefix(p);
            }
            stem.strip_suffix('b').and_then(prefix)
        }
        Dimension::PacketRate => match u {
            "pps" => Some(1.0),
            "kpps" => Some(1e3),
            "mpps" => Some(1e6),
            "gpps" => Some(1e9),
            "tpps" => Some(1e12),
            _ => None,
        },
        Dimension::Entries => match u {
            "" | "条" | "entries" | "entry" | "routes" | "route" | "个" => Some(1.0),
            _ => None,
        },
        Dimension::Count => match u {
            "" | "个" | "颗" | "路" | "核" | "cpu" | "cpus" | "core" | "cores" | "socket"
            | "sockets" => Some(1.0),
            _ => None,
        },
        Dimension::Connections => match u {
            "" | "个" | "connections" | "sessions" => Some(1.0),
            _ => None,
        },
        Dimension::ConnectionRate => match u {
            "/s" | "cps" | "per" | "个/秒" | "/秒" => Some(1.0),
            _ => None,
        },
        Dimension::Bytes => {
            // Decimal (GB = 10⁹) and binary (GiB = 2³⁰); a bare G or T as Chinese data sheets
            // write it ("内存256G"). "Gb" (gigabit) is not a size.
            if unit.ends_with('b') && !unit.ends_with("ib") {
                return None;
            }
            match u {
                "b" | "byte" | "bytes" => Some(1.0),
                "kb" | "k" => Some(1e3),
                "mb" | "m" => Some(1e6),
                "gb" | "g" => Some(1e9),
                "tb" | "t" => Some(1e12),
                "pb" | "p" => Some(1e15),
                "kib" => Some(1024.0),
                "mib" => Some(1024.0 * 1024.0),
                "gib" => Some(1024.0 * 1024.0 * 1024.0),
                "tib" => Some(1024f64.powi(4)),
                "pib" => Some(1024f64.powi(5)),
                _ => None,
            }
        }
        Dimension::ByteRate => {
            let stem = unit
                .strip_suffix("/s")
                .or_else(|| unit.strip_suffix("ps"))?;
            if stem.ends_with('b') {
                return None;
            }
            match stem.to_ascii_lowercase().as_str() {
                "b" => Some(1.0),
                "kb" => Some(1e3),
                "mb" => Some(1e6),
                "gb" => Some(1e9),
                "tb" => Some(1e12),
                _ => None,
            }
        }
        Dimension::Seconds => match unit {
            "ns" | "纳秒" => Some(1e-9),
            "µs" | "μs" | "us" | "微秒" => Some(1e-6),
            "ms" | "毫秒" => Some(1e-3),
            "s" | "sec" | "second" | "seconds" | "秒" => Some(1.0),
            "min" | "minute" | "minutes" | "分钟" => Some(60.0),
            "h" | "hour" | "hours" | "hr" | "小时" => Some(3600.0),
            _ => None,
        },
        Dimension::FormFactor => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str, d: Dimension) -> f64 {
        parse(text, d, None)
            .unwrap_or_else(|| panic!("{text} did not parse"))
            .value
    }

    #[test]
    fn units_normalise() {
        assert_eq!(q("12 Tbps", Dimension::BitRate), 12e12);
        assert_eq!(q("12000Gbps", Dimension::BitRate), 12e12);
        assert_eq!(q("25.6 Tbit/s", Dimension::BitRate), 25.6e12);
        assert_eq!(q("400 Gb/s", Dimension::BitRate), 400e9);
        assert!(
            parse("400 GB/s", Dimension::BitRate, None).is_none(),
            "GB/s is bytes"
        );
        assert_eq!(q("10 Gpps", Dimension::PacketRate), 10e9);
        assert_eq!(q("14880 Mpps", Dimension::PacketRate), 14.88e9);
        assert_eq!(q("55万条", Dimension::Entries), 550_000.0);
        assert_eq!(q("4,000,000", Dimension::Entries), 4e6);
        assert_eq!(q("550K routes", Dimension::Entries), 550e3);
        assert_eq!(q("256GB", Dimension::Bytes), 256e9);
        assert_eq!(
            q("256 GiB", Dimension::Bytes),
            256.0 * 1024.0 * 1024.0 * 1024.0
        );
        assert_eq!(q("2 TB", Dimension::Bytes), 2e12);
        assert!(
            parse("16Gb", Dimension::Bytes, None).is_none(),
            "Gb is a bit count"
        );
        assert!((q("0.08 µs", Dimension::Seconds) - 0.08e-6).abs() < 1e-15);
        assert!((q("0.08微秒", Dimension::Seconds) - 0.08e-6).abs() < 1e-15);
        assert!((q("80 ns", Dimension::Seconds) - 0.08e-6).abs() < 1e-15);
        assert!((q("30纳秒", Dimension::Seconds) - 30e-9).abs() < 1e-15);
        assert_eq!(q("1 h", Dimension::Seconds), 3600.0);
        assert_eq!(q("60 MB/s", Dimension::ByteRate), 60e6);
        assert_eq!(q("3,000,000", Dimension::Connections), 3e6);
        assert_eq!(q("300万", Dimension::Connections), 3e6);
        assert_eq!(q("250000/s", Dimension::ConnectionRate), 250e3);
        assert_eq!(q("8", Dimension::Count), 8.0);
        assert_eq!(
            parse("121", Dimension::BitRate, Some("Gbps"))
                .unwrap()
                .value,
            121e9
        );
    }

    #[test]
    fn thresholds_compare_with_tolerance() {
        let a = parse("12000 Gbps", Dimension::BitRate, None).unwrap();
        let b = parse("12 Tbps", Dimension::BitRate, None).unwrap();
        assert!(a.at_least(&b) && a.at_most(&b));
    }

    #[test]
    fn quantities_are_found_in_text_but_port_names_are_not() {
        let text = "Carrier-grade firewall, 16x1GE + 8x10GE SFP+ + 4x100GE QSFP28, 121 Gbps";
        let found = find_all(text, Dimension::BitRate);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].quantity.value, 121e9);
        assert_eq!(&text[found[0].start..found[0].end], "121 Gbps");
        let zh = "整系统吞吐量（双向）25.6Tbps，路由表容量400万条";
        assert_eq!(find_all(zh, Dimension::BitRate)[0].quantity.value, 25.6e12);
        assert_eq!(
            find_all(zh, Dimension::Entries)
                .last()
                .unwrap()
                .quantity
                .value,
            4e6
        );
        assert!(find_all("Huawei NE8000 V800R021", Dimension::Count).is_empty());
        assert!(
            find_all("2x Intel Xeon Gold 6330", Dimension::Count).is_empty(),
            "2x is a multiplier, not a count"
        );
    }

    #[test]
    fn display_uses_a_readable_unit() {
        let show = |t: &str, d| parse(t, d, None).unwrap().to_string();
        assert_eq!(show("38400 Gbps", Dimension::BitRate), "38.4 Tbps");
        assert_eq!(show("55万条", Dimension::Entries), "550,000 entries");
        assert_eq!(show("0.05 µs", Dimension::Seconds), "50 ns");
        assert_eq!(show("512 GB", Dimension::Bytes), "512 GB");
    }

    #[test]
    fn form_factors() {
        assert_eq!(FormFactor::parse("1U rack"), Some(FormFactor::Rack));
        assert_eq!(FormFactor::parse("2U"), Some(FormFactor::Rack));
        assert_eq!(FormFactor::parse("机架式服务器"), Some(FormFactor::Rack));
        assert_eq!(FormFactor::parse("Tower server"), Some(FormFactor::Tower));
        assert_eq!(FormFactor::parse("blade"), Some(FormFactor::Blade));
        assert_eq!(FormFactor::parse("desktop"), None);
    }
}
