//! Which character encoding a text file that is not UTF-8 is written in.
//!
//! Supplier part lists saved as CSV by a spreadsheet are often written in the legacy encoding of
//! the supplier's locale: GBK/GB18030 in mainland China, Big5 in Taiwan and Hong Kong, Shift_JIS
//! in Japan, windows-1252 in Europe. Decoding such a file in the wrong encoding does not fail —
//! Big5 bytes are almost all valid GBK — it silently turns every name into other characters, so
//! a Huawei row read from Big5 as GBK names nobody catscan knows. The encoding is therefore
//! detected from the bytes with `chardetng` (Firefox's detector), and the guess is accepted only
//! when the file gives enough evidence for it; otherwise the file is refused, because a wrong
//! guess would pass silently.
//!
//! A UTF-16 file is recognised by its byte-order mark, which leaves no doubt.

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

/// Fewer non-ASCII characters than this do not tell encodings apart: two bytes that are one
/// Chinese character in GBK are one in Big5 too, and one accented letter fits any Latin code page.
const MIN_EVIDENCE: usize = 4;

/// How far a decoding can be trusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The file says its encoding (a UTF-16 byte-order mark).
    Declared,
    /// The detector's guess, consistent across the file and backed by enough characters.
    Detected,
    /// The encoding cannot be decided; the reason, for the user.
    Undecided(String),
}

/// A text decoded from a file that is not UTF-8.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The file's text, decoded to UTF-8.
    pub text: String,
    /// The encoding's name as people know it (`Big5`, `Shift_JIS`, `GB18030`, `UTF-16LE`).
    pub encoding: &'static str,
    pub(crate) verdict: Verdict,
}

/// Decodes bytes that are not UTF-8: by their UTF-16 byte-order mark, else in the encoding the
/// detector guesses.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes)
        && encoding != encoding_rs::UTF_8
    {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let verdict = if had_errors {
            Verdict::Undecided(format!(
                "it starts with a {} byte-order mark but is not valid {} (an unpaired surrogate or an odd number of bytes)",
                encoding.name(),
                encoding.name()
            ))
        } else {
            Verdict::Declared
        };
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            verdict,
        };
    }
    let encoding = widen(guess(bytes));
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let text = text.into_owned();
    let verdict = if had_errors {
        Verdict::Undecided(format!(
            "it is not valid in {} either, the encoding its bytes look most like",
            display_name(encoding)
        ))
    } else {
        assess(bytes, &text, encoding)
    };
    Decoded {
        text,
        encoding: display_name(encoding),
        verdict,
    }
}

/// The encoding's name as people write it: encoding_rs names GB18030 in lower case, as the
/// WHATWG Encoding Standard does.
fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == encoding_rs::GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// The detector's guess for `bytes`, UTF-8 excluded (the caller knows the bytes are not UTF-8).
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

/// GBK as GB18030, the standard that extends it and that Chinese editions of Excel write: every
/// GBK file is GB18030, and GB18030 also decodes the four-byte sequences GBK lacks.
fn widen(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        encoding
    }
}

/// Whether the guess is backed by the file: enough non-ASCII characters, and the same guess for
/// every other line with non-ASCII bytes as for the lines in between (a guess that flips between
/// halves of the file is a guess the bytes do not decide).
fn assess(bytes: &[u8], text: &str, encoding: &'static Encoding) -> Verdict {
    let non_ascii = text.chars().filter(|c| !c.is_ascii()).count();
    if non_ascii < MIN_EVIDENCE {
        return Verdict::Undecided(format!(
            "it has only {non_ascii} non-ASCII character{}, too few to tell its encoding (they read as {}, but other encodings fit them as well)",
            if non_ascii == 1 { "" } else { "s" },
            display_name(encoding)
        ));
    }
    let lines: Vec<&[u8]> = bytes
        .split(|&b| b == b'\n' || b == b'\r')
        .filter(|l| !l.is_ascii())
        .collect();
    if lines.len() >= 2 {
        let half = |parity: usize| {
            let mut joined = Vec::new();
            for line in lines.iter().skip(parity).step_by(2) {
                joined.extend_from_slice(line);
                joined.push(b'\n');
            }
            widen(guess(&joined))
        };
        let (even, odd) = (half(0), half(1));
        if even != encoding || odd != encoding {
            let other = if even != encoding { even } else { odd };
            return Verdict::Undecided(format!(
                "some of its lines read as {} and others as {}",
                display_name(encoding),
                display_name(other)
            ));
        }
    }
    Verdict::Detected
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_decoded_by_its_byte_order_mark() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("型号,Model\n".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&le);
        assert_eq!(
            (d.text.as_str(), d.encoding, d.verdict),
            ("型号,Model\n", "UTF-16LE", Verdict::Declared)
        );
        let mut be = vec![0xFE, 0xFF];
        be.extend("a,b".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).encoding, "UTF-16BE");
        let odd = decode(&[0xFF, 0xFE, b'a']);
        assert!(matches!(odd.verdict, Verdict::Undecided(_)), "{odd:?}");
    }

    #[test]
    fn a_single_accented_letter_does_not_decide() {
        let d = decode(b"Manufacturer,Model\nM\xfcller,X1\n");
        match d.verdict {
            Verdict::Undecided(why) => assert!(why.contains("only 1 non-ASCII character"), "{why}"),
            other => panic!("{other:?}"),
        }
    }
}
