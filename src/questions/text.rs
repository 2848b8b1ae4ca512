//! The questionnaire as CSV (the workbook's columns, for a supplier's own tools; the answers
//! can be read back from it) and as Markdown (for reading in a review or a ticket).

use crate::questions::layout::{COLUMNS, Column};
use crate::questions::model::Questionnaire;
use crate::questions::xlsx::instructions;

/// CSV with the workbook's columns, the Key and Settles columns included.
pub fn csv(q: &Questionnaire) -> Result<Vec<u8>, String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| format!("cannot write the questionnaire as CSV: {e}");
    out.write_record(
        COLUMNS
            .iter()
            .map(|c| format!("{} / {}", c.english(), c.chinese())),
    )
    .map_err(fail)?;
    for (n, question) in q.questions.iter().enumerate() {
        let s = &question.subject;
        let record: Vec<String> = COLUMNS
            .iter()
            .map(|c| match c {
                Column::Number => (n + 1).to_string(),
                Column::Component => s.name.clone(),
                Column::Version => s.version.clone().unwrap_or_default(),
                Column::Model => s.model.clone().unwrap_or_default(),
                Column::BomRef => s.bom_ref.clone().unwrap_or_default(),
                Column::Location => format!("{}:{}", s.file, s.line),
                Column::Needed => format!("{} / {}", question.what_en, question.what_zh),
                Column::Why => question.why.clone(),
                Column::Key => format!("{}/{}/{}", q.bom, s.fingerprint, question.need.key()),
                Column::Settles => question
                    .settles
                    .iter()
                    .map(|s| s.key())
                    .collect::<Vec<_>>()
                    .join("; "),
                _ => String::new(),
            })
            .collect();
        out.write_record(&record).map_err(fail)?;
    }
    out.into_inner()
        .map_err(|e| format!("cannot write the questionnaire as CSV: {e}"))
}

/// Markdown: the instructions, then one section per component with a table of its questions.
pub fn markdown(q: &Questionnaire) -> String {
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', "<br>");
    let mut out = format!("# Questions about {}\n\n", cell(&q.file));
    for (en, zh) in instructions(q) {
        if zh.is_empty() {
            out.push_str(&format!("- {}\n", cell(en.trim())));
        } else {
            out.push_str(&format!("{}  \n{}\n\n", cell(&en), cell(&zh)));
        }
    }
    let mut current = None;
    for (n, question) in q.questions.iter().enumerate() {
        let s = &question.subject;
        if current != Some(&s.fingerprint) {
            current = Some(&s.fingerprint);
            out.push_str(&format!("\n## {}", cell(&s.name)));
            if let Some(v) = &s.version {
                out.push_str(&format!(" {}", cell(v)));
            }
            out.push_str("\n\n");
            let mut facts = vec![format!("{}, line {}", cell(&s.file), s.line)];
            if let Some(m) = &s.model {
                facts.push(format!("model {}", cell(m)));
            }
            if let Some(r) = &s.bom_ref {
                facts.push(format!("bom-ref `{}`", r.replace('`', "'")));
            }
            out.push_str(&format!("{}\n\n", facts.join(" · ")));
            out.push_str("| No. | What is needed / 所需信息 | Why / 原因 | Answer / 答复 | Unit or kind / 单位或类型 |\n");
            out.push_str("|---|---|---|---|---|\n");
        }
        let units = if question.units.is_empty() {
            String::new()
        } else {
            question.units.join(", ")
        };
        out.push_str(&format!(
            "| {} | {}<br>{} | {} |  | {} |\n",
            n + 1,
            cell(&question.what_en),
            cell(&question.what_zh),
            cell(&question.why),
            cell(&units)
        ));
    }
    if q.questions.is_empty() {
        out.push_str("\nNo question: every finding of this BOM is decided.\n");
    }
    out
}
