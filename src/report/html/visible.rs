//! What HTML escaping leaves alone. `maud` escapes `& < > "` in every spliced text, which is
//! all that markup needs; two kinds of character still pass through it and would act on the
//! reader rather than be read: control characters (an escape sequence, a NUL), which HTML does
//! not allow in a document, and invisible formatting characters (a bidirectional override
//! that reorders a name, a zero-width space that hides a vendor). This pass runs over the whole
//! rendered page, so that no splice can forget it. The page's own text (markup, style sheet,
//! script) holds none of these characters, which a test checks: the pass only ever changes text
//! that came from the report, and leaves the hashes of the style sheet and the script valid.

use crate::report::escape::is_invisible;

/// The page with control characters other than tab, line feed and carriage return replaced by
/// U+FFFD, and invisible formatting characters written as Rust escapes (`\u{202e}`), shown and
/// not obeyed.
///
/// The page is rewritten in its own buffer, from the end: it grows by the replacements' extra
/// length, each run of unchanged text moves right by the growth still due before it, and each
/// changed character is replaced where it lands. A second buffer would hold the page twice, and
/// a report of many findings is hundreds of megabytes.
pub(super) fn made_visible(page: String) -> String {
    let growth: usize = page
        .chars()
        .filter(|&c| changed(c))
        .map(|c| shown(c).len() - c.len_utf8())
        .sum();
    // Every replacement is longer than its character: no growth, no change.
    if growth == 0 {
        return page;
    }
    let mut bytes = page.into_bytes();
    // `bytes[..read]` are still where they were; `bytes[write..]` are final.
    let mut read = bytes.len();
    bytes.resize(read + growth, 0);
    let mut write = bytes.len();
    while write > read {
        // The run of unchanged text before `read`, and the changed character before it.
        let mut start = read;
        let mut before = None;
        while start > 0 {
            // Printable ASCII, tab and line breaks are never changed: skipped in one scan.
            let Some(last) = bytes[..start].iter().rposition(|&b| may_change(b)) else {
                start = 0;
                break;
            };
            // Every byte of a character beyond ASCII is beyond ASCII: `last` ends a character.
            let (at, c) = last_char(&bytes[..=last]);
            if changed(c) {
                before = Some((at, c));
                start = last + 1;
                break;
            }
            start = at;
        }
        let run = read - start;
        bytes.copy_within(start..read, write - run);
        write -= run;
        // Always found while the page still has to grow; the guard ends the loop regardless.
        let Some((at, c)) = before else { break };
        let shown = shown(c);
        write -= shown.len();
        bytes[write..write + shown.len()].copy_from_slice(shown.as_bytes());
        read = at;
    }
    // Whole characters were moved or replaced by whole characters: the bytes are UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Whether [`made_visible`] rewrites `c`.
fn changed(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_invisible(c)
}

/// Whether the byte may be part of a character [`made_visible`] rewrites: an ASCII control
/// other than tab, line feed and carriage return, or any byte of a character beyond ASCII.
fn may_change(b: u8) -> bool {
    !b.is_ascii() || (b.is_ascii_control() && !matches!(b, b'\t' | b'\n' | b'\r'))
}

/// What [`made_visible`] writes for a character it rewrites.
fn shown(c: char) -> String {
    if c.is_control() {
        '\u{fffd}'.to_string()
    } else {
        c.escape_unicode().to_string()
    }
}

/// The last character of UTF-8 `bytes` (not empty) and where it starts.
fn last_char(bytes: &[u8]) -> (usize, char) {
    let last = bytes.len() - 1;
    if bytes[last].is_ascii() {
        return (last, char::from(bytes[last]));
    }
    // A character starts at the last byte that does not continue one (`0b10xx_xxxx`).
    let start = bytes.iter().rposition(|&b| b & 0xC0 != 0x80).unwrap_or(0);
    let c = std::str::from_utf8(&bytes[start..])
        .ok()
        .and_then(|s| s.chars().next())
        .unwrap_or('\u{fffd}');
    (start, c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::html::assets::{PROCUREMENT_STYLE, SCRIPT, STYLE};

    /// The same rewriting, into a second buffer.
    fn reference(text: &str) -> String {
        text.chars()
            .map(|c| if changed(c) { shown(c) } else { c.to_string() })
            .collect()
    }

    #[test]
    fn controls_are_replaced_and_invisible_characters_shown() {
        assert_eq!(
            made_visible("a\u{0}b\u{1b}]0;t\u{7}\tc\r\nd\u{202e}txt.exe\u{200b}".into()),
            "a\u{fffd}b\u{fffd}]0;t\u{fffd}\tc\r\nd\\u{202e}txt.exe\\u{200b}"
        );
        assert_eq!(made_visible("浪潮 TS860M5 → …".into()), "浪潮 TS860M5 → …");
    }

    #[test]
    fn rewriting_in_place_matches_rewriting_into_a_new_buffer() {
        for text in [
            "",
            "\u{1b}",
            "\u{202e}",
            "\u{1b}[31m浪潮\u{85}x\u{ad}y\u{e0001}z\u{feff}",
            "<td>山石网科</td>\u{200b}",
            "\u{202e}\u{202e}ab\u{7f}\u{7f}→\u{2066}",
            "no change at all → …",
        ] {
            assert_eq!(made_visible(text.to_string()), reference(text), "{text:?}");
        }
        let long = "<tr><td>Huawei \u{202e}NetEngine</td><td>\u{1b}[0m</td></tr>\n".repeat(1_000);
        assert_eq!(made_visible(long.clone()), reference(&long));
    }

    #[test]
    fn the_pages_own_text_is_left_as_written() {
        for text in [STYLE, PROCUREMENT_STYLE, SCRIPT] {
            assert!(!text.chars().any(changed));
        }
    }
}
