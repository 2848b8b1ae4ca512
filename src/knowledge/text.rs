//! Text written in a BOM as catscan compares it with its knowledge: what a reader sees, not the
//! bytes that hide from one.

use std::borrow::Cow;

/// The text as a terminal or a browser shows it: terminal escape sequences (`ESC [ … m`,
/// `ESC ] … BEL`) and invisible formatting characters (zero-width spaces, bidirectional
/// overrides) removed, and every other control character a space. `"Hik\u{200B}vision"` and
/// `"Hikvision\u{1b}[0m"` are Hikvision: a name a reviewer reads as a listed vendor must be
/// matched as one, or a control sequence would hide the vendor from every rule.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() || is_invisible(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // ESC [ (CSI) or the C1 CSI: parameters, then one final byte in @..~.
            '\u{1b}' if chars.peek() == Some(&'[') => {
                chars.next();
                skip_csi(&mut chars);
            }
            '\u{9b}' => skip_csi(&mut chars),
            // ESC ] P X ^ _ (OSC, DCS, SOS, PM, APC) or their C1 forms: a string ended by BEL
            // or ST (ESC \ or U+9C).
            '\u{1b}' if matches!(chars.peek(), Some(']' | 'P' | 'X' | '^' | '_')) => {
                chars.next();
                skip_string(&mut chars);
            }
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            // Any other escape: ESC, intermediate bytes (space to /), one final byte.
            '\u{1b}' => {
                while chars
                    .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                    .is_some()
                {}
                chars.next();
            }
            c if is_invisible(c) && !matches!(c, '\u{2028}' | '\u{2029}') => {}
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => out.push(' '),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether a character is invisible formatting a reader cannot see but a terminal or a browser
/// acts on: bidirectional embeddings, overrides and isolates, zero-width characters, the byte
/// order mark, line and paragraph separators, soft hyphens and tag characters.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
    }
}

fn skip_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' if chars.peek() == Some(&'\\') => {
                chars.next();
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_hides_from_a_reader_is_removed() {
        assert_eq!(visible("Huawei"), "Huawei");
        assert_eq!(visible("Hik\u{200B}vision"), "Hikvision");
        assert_eq!(
            visible("Hikvision\u{1b}]0;owned\u{7}\u{1b}[2J"),
            "Hikvision"
        );
        assert_eq!(
            visible("\u{1b}[1;31mZTE\u{1b}[0m Corporation"),
            "ZTE Corporation"
        );
        assert_eq!(visible("Dahua\u{202e}\u{202c}"), "Dahua");
        assert_eq!(visible("Hua\nwei"), "Hua wei");
        assert_eq!(visible("\u{1b}P1$r\u{1b}\\Hytera"), "Hytera");
        assert_eq!(visible("\u{1b}(BHytera"), "Hytera");
        assert_eq!(visible("华为\u{FEFF}技术"), "华为技术");
    }
}
