//! A workbook cell's value as text, the way a spreadsheet shows it.
//!
//! A workbook stores a figure as a binary float: the `2.4` a supplier typed may be stored as
//! `2.4000000000000004`, and a sum of `0.1` and `0.2` as `0.30000000000000004`. A spreadsheet
//! shows both to 15 significant digits (`2.4`, `0.3`), and the person who wrote the cell saw
//! that, so every reader of workbook cells turns them into text here, the same way: whole
//! numbers without `.0`, others to 15 significant digits, dates as `YYYY-MM-DD` and dates with
//! a time of day as `YYYY-MM-DD HH:MM:SS`.

use calamine::DataType;

/// A cell's value as text: numbers as [`number`] writes them, dates as `YYYY-MM-DD` (with
/// ` HH:MM:SS` when the cell holds a time of day), text trimmed, errors as Excel shows them
/// (`#DIV/0!`), an empty cell as "". Generic over calamine's cell types, so that a cell read
/// whole ([`calamine::Data`]) and one streamed ([`calamine::DataRef`]) read alike.
pub(crate) fn cell_text<T: DataType>(value: &T) -> String {
    if let Some(i) = value.get_int() {
        i.to_string()
    } else if let Some(f) = value.get_float() {
        number(f)
    } else if let Some(s) = value.get_string() {
        s.trim().to_string()
    } else if let Some(b) = value.get_bool() {
        b.to_string()
    } else if let Some(d) = value.get_datetime() {
        if !d.is_datetime() {
            // A duration: the number of days it holds.
            return number(d.as_f64());
        }
        let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
        if (h, min, s) == (0, 0, 0) {
            format!("{y:04}-{m:02}-{day:02}")
        } else {
            format!("{y:04}-{m:02}-{day:02} {h:02}:{min:02}:{s:02}")
        }
    } else if let Some(s) = value
        .get_datetime_iso()
        .or_else(|| value.get_duration_iso())
    {
        s.trim().to_string()
    } else if let Some(e) = value.get_error() {
        e.to_string()
    } else {
        String::new()
    }
}

/// The date of a date with a time of day as [`cell_text`] writes it (`2025-03-01` of
/// `2025-03-01 10:30:00`); `None` for any other text.
pub(crate) fn date_of_date_time(text: &str) -> Option<&str> {
    let (date, time) = text.split_once(' ')?;
    let digits_at = |s: &str, shape: &str| {
        s.len() == shape.len()
            && s.bytes().zip(shape.bytes()).all(|(c, want)| {
                if want == b'9' {
                    c.is_ascii_digit()
                } else {
                    c == want
                }
            })
    };
    (digits_at(date, "9999-99-99") && digits_at(time, "99:99:99")).then_some(date)
}

/// A number as a spreadsheet shows it: whole numbers without a fraction, others with at most 15
/// significant digits (so `0.1 + 0.2` is `0.3`).
pub(crate) fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return format!("{}", f as i64);
    }
    let magnitude = f.abs().log10().floor() as i32 + 1;
    let decimals = 15 - magnitude;
    if !(0..=17).contains(&decimals) {
        return f.to_string();
    }
    let s = format!("{f:.prec$}", prec = decimals as usize);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{CellErrorType, Data, DataRef, ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn numbers_render_as_spreadsheets_show_them() {
        assert_eq!(number(2.0), "2");
        assert_eq!(number(-40.0), "-40");
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(38.4), "38.4");
        assert_eq!(number(1e20), "100000000000000000000");
    }

    /// A cell read whole and the same cell streamed give the same text.
    #[test]
    fn cells_read_whole_and_streamed_read_alike() {
        let datetime = |serial: f64| ExcelDateTime::new(serial, ExcelDateTimeType::DateTime, false);
        let cases: [(Data, DataRef<'_>, &str); 9] = [
            (Data::Int(7), DataRef::Int(7), "7"),
            (Data::Float(0.1 + 0.2), DataRef::Float(0.1 + 0.2), "0.3"),
            (
                Data::Float(2.4000000000000004),
                DataRef::Float(2.4000000000000004),
                "2.4",
            ),
            (
                Data::String(" Tbps ".into()),
                DataRef::SharedString(" Tbps "),
                "Tbps",
            ),
            (Data::Bool(true), DataRef::Bool(true), "true"),
            // 2025-03-01, and 10:30 on that day.
            (
                Data::DateTime(datetime(45717.0)),
                DataRef::DateTime(datetime(45717.0)),
                "2025-03-01",
            ),
            (
                Data::DateTime(datetime(45717.4375)),
                DataRef::DateTime(datetime(45717.4375)),
                "2025-03-01 10:30:00",
            ),
            (
                Data::Error(CellErrorType::Div0),
                DataRef::Error(CellErrorType::Div0),
                "#DIV/0!",
            ),
            (Data::Empty, DataRef::Empty, ""),
        ];
        for (whole, streamed, shown) in cases {
            assert_eq!(cell_text(&whole), shown, "{whole:?}");
            assert_eq!(cell_text(&streamed), shown, "{streamed:?}");
        }
    }

    #[test]
    fn the_date_of_a_date_with_a_time_is_its_first_ten_characters() {
        assert_eq!(date_of_date_time("2025-03-01 10:30:00"), Some("2025-03-01"));
        assert_eq!(date_of_date_time("2025-03-01"), None);
        assert_eq!(date_of_date_time("2025-03-01T10:30:00"), None);
        assert_eq!(date_of_date_time("2025-03-01 10:30"), None);
        assert_eq!(date_of_date_time("due 2025-03-01 10:30:00"), None);
        assert_eq!(date_of_date_time("31/02/2025 10:30:00"), None);
    }
}
