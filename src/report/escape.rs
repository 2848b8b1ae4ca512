//! Text from an input is data wherever it is printed. One escaping rule per sink, applied where
//! the text is written into it:
//!
//! - [`terminal`]: standard error and the terminal report. Control characters (a line break, an
//!   escape that starts a terminal sequence) and invisible formatting characters (bidirectional
//!   overrides, zero-width spaces) are shown as Rust escapes (`\n`, `\u{1b}`, `\u{202e}`): a name
//!   can neither start a line of its own (on a GitHub runner a line that starts with `::` is a
//!   workflow command), nor move the cursor, retitle the terminal, or reorder what is shown.
//! - [`workflow_data`] and [`workflow_property`]: GitHub Actions workflow commands, encoded as the
//!   runner decodes them (`%`, CR, LF, and in properties `:` and `,`), after [`terminal`].
//! - [`markdown`] and [`markdown_code`]: job summaries and pull-request comments, rendered by
//!   GitHub as Markdown with HTML: markup, links, images, mentions and table pipes are made inert.
//! - HTML is written with maud (`report/html/`), which escapes every spliced text; SARIF and JSON are escaped by `serde_json`.

use std::borrow::Cow;

pub use crate::knowledge::text::is_invisible;

/// For the terminal and standard error: control and invisible characters as escapes (the
/// readers' own escaping of quoted input, [`crate::ingest::shown`]).
pub fn terminal(text: &str) -> Cow<'_, str> {
    crate::ingest::shown(text)
}

/// The message part of a workflow command (`::error file=…::<data>`).
pub fn workflow_data(text: &str) -> String {
    terminal(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value of a workflow command (`file=`, `title=`).
pub fn workflow_property(text: &str) -> String {
    workflow_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Text in a Markdown table cell or paragraph, shown as written and never as markup: control and
/// invisible characters escaped as for [`terminal`]; `<`, `>` and `&` as entities (no HTML
/// element, comment or `</details>` can open or close); ASCII punctuation that Markdown reads
/// (emphasis, code, link and image brackets, headings, tables) behind a backslash; and a
/// zero-width space
/// after `@`, so that a name in a BOM cannot mention a user or a team in a pull-request comment.
pub fn markdown(text: &str) -> String {
    let text = terminal(text);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '@' => out.push_str("@\u{200B}"),
            // Parentheses and `!` are markup only after a `]`, which is escaped.
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text as a Markdown code span, inside a table or not: fenced by more backticks than the text
/// holds in a row (so that a backtick in a file name cannot end the span), padded with a space
/// where the text starts or ends with a backtick, with `|` escaped (a table cell ends at a bare
/// pipe even inside code) and control characters escaped as for [`terminal`].
pub fn markdown_code(text: &str) -> String {
    let text = terminal(text);
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", text.replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "x\n::stop-commands::pwned\r\u{1b}]0;title\u{7}\u{202e}txt.exe";

    #[test]
    fn the_terminal_sees_escapes_not_controls() {
        assert_eq!(terminal("Huawei NE8000"), "Huawei NE8000");
        assert_eq!(
            terminal(HOSTILE),
            "x\\n::stop-commands::pwned\\r\\u{1b}]0;title\\u{7}\\u{202e}txt.exe"
        );
        assert!(!terminal(HOSTILE).contains('\n'));
        assert_eq!(terminal("a\u{200b}b\u{2028}c"), "a\\u{200b}b\\u{2028}c");
        assert_eq!(terminal("山石网科"), "山石网科");
    }

    #[test]
    fn workflow_commands_cannot_be_injected() {
        assert_eq!(workflow_data("50%\n::error::x"), "50%25\\n::error::x");
        assert_eq!(workflow_property("a,b: c"), "a%2Cb%3A c");
        let data = workflow_data(HOSTILE);
        assert!(!data.contains(['\n', '\r', '\u{1b}']), "{data}");
    }

    #[test]
    fn markdown_shows_markup_as_text() {
        assert_eq!(
            markdown("<!-- a | b --> <img src=x onerror=alert(1)> </details>"),
            "&lt;!-- a \\| b --&gt; &lt;img src=x onerror=alert(1)&gt; &lt;/details&gt;"
        );
        assert_eq!(
            markdown("[a](javascript:alert(1)) ![i](https://e/x.png) *b* @org/team"),
            "\\[a\\](javascript:alert(1)) !\\[i\\](https://e/x.png) \\*b\\* @\u{200B}org/team"
        );
        assert_eq!(markdown("a\nb"), "a\\\\nb");
        assert_eq!(markdown("Cisco Systems, Inc."), "Cisco Systems, Inc.");
    }

    #[test]
    fn a_code_span_holds_any_file_name() {
        assert_eq!(markdown_code("boms/a.json"), "`boms/a.json`");
        assert_eq!(markdown_code("a`b.json"), "``a`b.json``");
        assert_eq!(markdown_code("`a``"), "``` `a`` ```");
        assert_eq!(markdown_code("a|b\nc"), "`a\\|b\\nc`");
    }
}
