//! The questionnaire as an Excel workbook, for a supplier to fill in: a frozen bilingual
//! header, the answer columns shaded, data validation where an answer has a form (a unit from a
//! list, a category from catscan's list, dates as dates, numbers as numbers), an instructions
//! sheet, and hidden fingerprints of the BOM and of each component so that the answers match back
//! however the rows are sorted.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use crate::knowledge::Knowledge;
use crate::questions::layout::{
    COLUMNS, Column, FINGERPRINT_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET, QUESTIONS_SHEET,
};
use crate::questions::model::{Need, Questionnaire};

/// The workbook's bytes.
pub fn write(q: &Questionnaire, knowledge: &Knowledge) -> Result<Vec<u8>, String> {
    build(q, knowledge)
        .and_then(|mut book| book.save_to_buffer())
        .map_err(|e| format!("cannot write the questionnaire workbook: {e}"))
}

/// The lines of the instructions: English, then Chinese.
pub fn instructions(q: &Questionnaire) -> Vec<(String, String)> {
    let mut lines = vec![
        (
            format!("Questions about {} (as of {}).", q.file, q.as_of),
            format!("关于 {} 的问题（截至 {}）。", q.file, q.as_of),
        ),
        (
            "Each row of the Questions sheet asks for one fact catscan could not find in the bill of materials. Write the answer in the shaded columns; leave a row empty when you do not know.".to_string(),
            "“Questions”表中每一行询问一项物料清单中缺少的信息。请在带底色的列中填写答复；不清楚时请留空。".to_string(),
        ),
        (
            "Answer: the figure, name or number asked for. Unit or kind: the unit of the figure (choose from the list); for evidence, whether it is a certificate or a test report; for who controls the developer, the ISO 3166-1 code of the country it is controlled from (CN, US, …).".to_string(),
            "答复：所需的数值、名称或编号。单位或类型：数值的单位（从列表中选择）；证据是认证证书还是检测报告；开发者实际控制人所在国家/地区的 ISO 3166-1 代码（CN、US 等）。".to_string(),
        ),
        (
            "Issued on, Valid until, Answered on: dates (YYYY-MM-DD). Issuing body: the certification body or testing laboratory.".to_string(),
            "签发日期、有效期至、答复日期：日期（年-月-日）。发证机构：认证机构或检测实验室。".to_string(),
        ),
        (
            "Rows may be sorted or filtered; do not change the hidden Key and Settles columns, which match each answer to its component.".to_string(),
            "可以对行排序或筛选；请勿修改隐藏的“键”和“解决的发现”列，它们用于将答复与组件对应。".to_string(),
        ),
        (
            format!("{} questions; BOM fingerprint {}.", q.questions.len(), q.bom),
            format!("共 {} 个问题；BOM 指纹 {}。", q.questions.len(), q.bom),
        ),
    ];
    if !q.unanswerable.is_empty() {
        lines.push((
            format!(
                "{} findings cannot be decided but need no answer from you (the catalogue's own text is unclear):",
                q.unanswerable.len()
            ),
            format!("另有 {} 项无法判定，但无需您答复（目录原文不明确）：", q.unanswerable.len()),
        ));
        for u in &q.unanswerable {
            lines.push((format!("  {u}"), String::new()));
        }
    }
    lines
}

fn build(q: &Questionnaire, knowledge: &Knowledge) -> Result<Workbook, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let answer = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xFFF2CC))
        .set_border(FormatBorder::Thin);
    let date = answer.clone().set_num_format("yyyy-mm-dd");

    let categories: Vec<&str> = knowledge
        .categories
        .iter()
        .filter(|c| c.catalogue)
        .map(|c| c.id.as_str())
        .collect();

    let sheet = book.add_worksheet();
    sheet.set_name(QUESTIONS_SHEET)?;
    for (i, column) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, column.header(), &header)?;
        sheet.set_column_width(i as u16, width(*column))?;
    }
    sheet.set_row_height(0, 32)?;
    sheet.set_freeze_panes(1, 2)?;
    // Printed: A4 landscape, one page wide, the header on every page.
    sheet.set_paper_size(9);
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_print_gridlines(true);
    sheet.set_column_hidden(Column::Key.index())?;
    sheet.set_column_hidden(Column::Settles.index())?;
    let last = q.questions.len() as u32;
    if last > 0 {
        sheet.autofilter(0, 0, last, Column::AnsweredOn.index())?;
        let dates = DataValidation::new()
            .allow_date(DataValidationRule::Between(
                ExcelDateTime::from_ymd(1990, 1, 1)?,
                ExcelDateTime::from_ymd(2100, 12, 31)?,
            ))
            .set_error_title("A date")?
            .set_error_message("Write a date, YYYY-MM-DD (日期，年-月-日).")?;
        for column in [Column::Issued, Column::Expires, Column::AnsweredOn] {
            sheet.add_data_validation(1, column.index(), last, column.index(), &dates)?;
        }
    }
    for (n, question) in q.questions.iter().enumerate() {
        let row = n as u32 + 1;
        let s = &question.subject;
        let cells: [(Column, String); 9] = [
            (Column::Component, s.name.clone()),
            (Column::Version, s.version.clone().unwrap_or_default()),
            (Column::Model, s.model.clone().unwrap_or_default()),
            (Column::BomRef, s.bom_ref.clone().unwrap_or_default()),
            (Column::Location, format!("{}:{}", s.file, s.line)),
            (
                Column::Needed,
                format!("{}\n{}", question.what_en, question.what_zh),
            ),
            (Column::Why, question.why.clone()),
            (
                Column::Key,
                format!("{}/{}/{}", q.bom, s.fingerprint, question.need.key()),
            ),
            (
                Column::Settles,
                question
                    .settles
                    .iter()
                    .map(|s| s.key())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ];
        sheet.write_number_with_format(row, Column::Number.index(), row as f64, &text)?;
        let mut lines = 1;
        for (column, value) in cells {
            if !matches!(column, Column::Key | Column::Settles) {
                lines = lines.max(lines_of(&value, width(column)));
            }
            sheet.write_string_with_format(row, column.index(), value, &text)?;
        }
        // Spreadsheet programs do not all grow a row to fit wrapped text on opening (LibreOffice
        // keeps the default height, and the lines overlap): the height is set from the text.
        sheet.set_row_height(row, 15.0 * lines as f64)?;
        for column in COLUMNS.iter().filter(|c| c.is_answer()) {
            let format = if matches!(
                column,
                Column::Issued | Column::Expires | Column::AnsweredOn
            ) {
                &date
            } else {
                &answer
            };
            sheet.write_blank(row, column.index(), format)?;
        }
        validate_row(sheet, row, &question.need, &question.units, &categories)?;
    }

    let instructions = book.add_worksheet();
    instructions.set_name(INSTRUCTIONS_SHEET)?;
    instructions.set_column_width(0, 100.0)?;
    instructions.set_column_width(1, 70.0)?;
    instructions.write_string_with_format(0, 0, "How to answer", &header)?;
    instructions.write_string_with_format(0, 1, "填写说明", &header)?;
    for (i, (en, zh)) in instructions_rows(q).into_iter().enumerate() {
        let row = i as u32 + 1;
        let lines = lines_of(&en, 100.0).max(lines_of(&zh, 70.0));
        instructions.set_row_height(row, 15.0 * lines as f64)?;
        instructions.write_string_with_format(row, 0, en, &text)?;
        instructions.write_string_with_format(row, 1, zh, &text)?;
    }
    instructions.set_paper_size(9);
    instructions.set_landscape();
    instructions.set_print_fit_to_pages(1, 0);

    let lists = book.add_worksheet();
    lists.set_name(LISTS_SHEET)?;
    lists.write_string(0, 0, "category")?;
    for (i, c) in categories.iter().enumerate() {
        lists.write_string(i as u32 + 1, 0, *c)?;
    }
    lists.write_string(0, 1, "country")?;
    for (i, c) in isocountry::CountryCode::iter_alpha2().enumerate() {
        lists.write_string(i as u32 + 1, 1, c.alpha2())?;
    }
    lists.set_hidden(true);

    let fingerprint = book.add_worksheet();
    fingerprint.set_name(FINGERPRINT_SHEET)?;
    for (i, (name, value)) in [
        ("bom", q.bom.clone()),
        ("file", q.file.clone()),
        ("as-of", q.as_of.to_string()),
    ]
    .into_iter()
    .enumerate()
    {
        fingerprint.write_string(i as u32, 0, name)?;
        fingerprint.write_string(i as u32, 1, value)?;
    }
    fingerprint.set_hidden(true);
    Ok(book)
}

/// A column's width, in characters of the default font.
fn width(column: Column) -> f64 {
    match column {
        Column::Number => 5.0,
        Column::Component => 26.0,
        Column::Needed => 50.0,
        Column::Why => 50.0,
        Column::Answer => 18.0,
        Column::Unit => 13.0,
        Column::Location => 24.0,
        Column::Body => 20.0,
        Column::Version | Column::Model | Column::BomRef => 12.0,
        _ => 11.0,
    }
}

/// How many lines a text takes once wrapped in a column this wide: a Chinese character is
/// nearly as wide as two Latin ones (measured on LibreOffice's rendering of the default font,
/// where a column fits about 1.1 Latin characters per unit of width, less the breaks at word
/// ends).
fn lines_of(text: &str, width: f64) -> usize {
    let room = width.max(1.0);
    text.split('\n')
        .map(|line| {
            let cells: f64 = line
                .chars()
                .map(|c| if (c as u32) >= 0x2E80 { 1.8 } else { 1.0 })
                .sum();
            ((cells / room).ceil() as usize).max(1)
        })
        .sum()
}

fn instructions_rows(q: &Questionnaire) -> Vec<(String, String)> {
    instructions(q)
}

/// The validation of one row's answer cells: what the need's answer must look like.
fn validate_row(
    sheet: &mut Worksheet,
    row: u32,
    need: &Need,
    units: &[&'static str],
    categories: &[&str],
) -> Result<(), XlsxError> {
    let (answer, unit) = (Column::Answer.index(), Column::Unit.index());
    let stop = DataValidationErrorStyle::Stop;
    match need {
        Need::Attribute(_) if units == ["rack", "tower", "blade"] => {
            let list = DataValidation::new().allow_list_strings(units)?;
            sheet.add_data_validation(row, answer, row, answer, &list)?;
        }
        Need::Attribute(_) => {
            let number = DataValidation::new()
                .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                .set_error_style(stop)
                .set_error_title("A number")?
                .set_error_message(
                    "Write the figure alone and choose its unit in the next column (数值，单位在下一列).",
                )?;
            sheet.add_data_validation(row, answer, row, answer, &number)?;
            if !units.is_empty() {
                let list = DataValidation::new().allow_list_strings(units)?;
                sheet.add_data_validation(row, unit, row, unit, &list)?;
            }
        }
        Need::Evidence => {
            let list = DataValidation::new().allow_list_strings(units)?;
            sheet.add_data_validation(row, unit, row, unit, &list)?;
        }
        Need::Category => {
            let range = format!("={LISTS_SHEET}!$A$2:$A${}", categories.len() + 1);
            let list = DataValidation::new().allow_list_formula(Formula::new(range));
            sheet.add_data_validation(row, answer, row, answer, &list)?;
        }
        Need::Control => {
            let countries = isocountry::CountryCode::num_country_codes();
            let range = format!("={LISTS_SHEET}!$B$2:$B${}", countries + 1);
            let list = DataValidation::new()
                .allow_list_formula(Formula::new(range))
                .set_error_style(stop)
                .set_error_title("A country code")?
                .set_error_message(
                    "The ISO 3166-1 code of the country the controller controls from: CN, US, DE … (国家/地区代码).",
                )?;
            sheet.add_data_validation(row, unit, row, unit, &list)?;
        }
        Need::Manufacturer => {}
    }
    Ok(())
}
