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
pub(super) fn made_visible(page: String) -> String {
    if !page.chars().any(changed) {
        return page;
    }
    let mut out = String::with_capacity(page.len() + 64);
    for c in page.chars() {
        if !changed(c) {
            out.push(c);
        } else if c.is_control() {
            out.push('\u{fffd}');
        } else {
            out.extend(c.escape_unicode());
        }
    }
    out
}

/// Whether [`made_visible`] rewrites `c`.
fn changed(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_invisible(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::html::assets::{PROCUREMENT_STYLE, SCRIPT, STYLE};

    #[test]
    fn controls_are_replaced_and_invisible_characters_shown() {
        assert_eq!(
            made_visible("a\u{0}b\u{1b}]0;t\u{7}\tc\r\nd\u{202e}txt.exe\u{200b}".into()),
            "a\u{fffd}b\u{fffd}]0;t\u{fffd}\tc\r\nd\\u{202e}txt.exe\\u{200b}"
        );
        assert_eq!(made_visible("浪潮 TS860M5 → …".into()), "浪潮 TS860M5 → …");
    }

    #[test]
    fn the_pages_own_text_is_left_as_written() {
        for text in [STYLE, PROCUREMENT_STYLE, SCRIPT] {
            assert!(!text.chars().any(changed));
        }
    }
}
