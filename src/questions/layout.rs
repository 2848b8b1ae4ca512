//! The questionnaire's columns, shared by the writers (XLSX, CSV, Markdown) and the reader of
//! answers: a column is found back by its English header, so a supplier who hides, widens or
//! reorders rows does not break the match, and the writers and the reader cannot disagree.

/// The sheet of questions.
pub const QUESTIONS_SHEET: &str = "Questions";
/// The sheet that explains how to answer.
pub const INSTRUCTIONS_SHEET: &str = "Instructions";
/// The hidden sheet of the lists data validation offers (units, categories).
pub const LISTS_SHEET: &str = "Lists";
/// The hidden sheet that records which BOM the questions are about.
pub const FINGERPRINT_SHEET: &str = "catscan";

/// A column of the questions sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The question's number, 1 upwards.
    Number,
    /// The component's name.
    Component,
    /// The component's version.
    Version,
    /// The component's model number.
    Model,
    /// The component's identifier within the BOM.
    BomRef,
    /// The BOM file and line of the component.
    Location,
    /// What is needed, in English and Chinese.
    Needed,
    /// Why it is needed: rule, catalogue item, legal basis.
    Why,
    /// The supplier's answer: a figure, a certificate number, a name.
    Answer,
    /// The unit of a figure, or the kind of evidence or the controller's country.
    Unit,
    /// The day a certificate or report was issued.
    Issued,
    /// The last day a certificate is valid.
    Expires,
    /// The body that issued a certificate or report.
    Body,
    /// The day the supplier answered.
    AnsweredOn,
    /// Hidden: `<BOM fingerprint>/<component fingerprint>/<need>`.
    Key,
    /// Hidden: the findings the answer settles (`rule item; rule item`).
    Settles,
}

/// Every column, in the order they are written.
pub const COLUMNS: [Column; 16] = [
    Column::Number,
    Column::Component,
    Column::Version,
    Column::Model,
    Column::BomRef,
    Column::Location,
    Column::Needed,
    Column::Why,
    Column::Answer,
    Column::Unit,
    Column::Issued,
    Column::Expires,
    Column::Body,
    Column::AnsweredOn,
    Column::Key,
    Column::Settles,
];

impl Column {
    /// The English header, which the reader matches.
    pub fn english(self) -> &'static str {
        match self {
            Self::Number => "No.",
            Self::Component => "Component",
            Self::Version => "Version",
            Self::Model => "Model",
            Self::BomRef => "bom-ref",
            Self::Location => "Location in the BOM",
            Self::Needed => "What is needed",
            Self::Why => "Why",
            Self::Answer => "Answer",
            Self::Unit => "Unit or kind",
            Self::Issued => "Issued on",
            Self::Expires => "Valid until",
            Self::Body => "Issuing body",
            Self::AnsweredOn => "Answered on",
            Self::Key => "Key",
            Self::Settles => "Settles",
        }
    }

    /// The Chinese header, written under the English one.
    pub fn chinese(self) -> &'static str {
        match self {
            Self::Number => "序号",
            Self::Component => "组件",
            Self::Version => "版本",
            Self::Model => "型号",
            Self::BomRef => "BOM引用",
            Self::Location => "在BOM中的位置",
            Self::Needed => "所需信息",
            Self::Why => "原因",
            Self::Answer => "答复",
            Self::Unit => "单位或类型",
            Self::Issued => "签发日期",
            Self::Expires => "有效期至",
            Self::Body => "发证机构",
            Self::AnsweredOn => "答复日期",
            Self::Key => "键（勿改）",
            Self::Settles => "解决的发现（勿改）",
        }
    }

    /// "Answer\n答复": the header as written in the workbook.
    pub fn header(self) -> String {
        format!("{}\n{}", self.english(), self.chinese())
    }

    /// Whether the supplier writes in this column.
    pub fn is_answer(self) -> bool {
        matches!(
            self,
            Self::Answer
                | Self::Unit
                | Self::Issued
                | Self::Expires
                | Self::Body
                | Self::AnsweredOn
        )
    }

    /// The column whose header is this text (its English line, or the whole header; case and
    /// surrounding spaces ignored).
    pub fn from_header(text: &str) -> Option<Self> {
        let english = text.lines().next().unwrap_or("").trim();
        COLUMNS
            .into_iter()
            .find(|c| c.english().eq_ignore_ascii_case(english))
    }

    /// The column's 0-based position among [`COLUMNS`].
    pub fn index(self) -> u16 {
        COLUMNS.iter().position(|c| *c == self).unwrap_or(0) as u16
    }
}

/// A column's letters as spreadsheets name them: 0 is A, 26 is AA.
pub fn letters(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_back_by_header_and_named_as_spreadsheets_do() {
        for c in COLUMNS {
            assert_eq!(Column::from_header(&c.header()), Some(c));
        }
        assert_eq!(Column::from_header(" answer "), Some(Column::Answer));
        assert_eq!(letters(0), "A");
        assert_eq!(letters(8), "I");
        assert_eq!(letters(26), "AA");
        assert_eq!(letters(27), "AB");
    }
}
