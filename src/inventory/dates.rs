//! Calendar dates as catscan reads them from inputs: certificate dates in BOM properties, the
//! certified-products list, and `--as-of` on the command line. One form everywhere, the ISO 8601
//! calendar date `YYYY-MM-DD`, so that a date one input accepts is never refused by another.

use time::Date;

/// What every message about an unreadable date says was expected.
pub const EXPECTED: &str = "expected YYYY-MM-DD, e.g. 2025-06-30";

/// Reads `2025-06-30`; `None` for anything else (other separators, a time of day, a day that
/// does not exist).
pub fn parse(s: &str) -> Option<Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(s, &format).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn only_calendar_dates_that_exist_are_read() {
        assert_eq!(parse("2025-06-30"), Some(date!(2025 - 06 - 30)));
        assert_eq!(parse("2024-02-29"), Some(date!(2024 - 02 - 29)));
        assert_eq!(parse("2025-02-29"), None);
        assert_eq!(parse("2025/06/30"), None);
        assert_eq!(parse("2025-06-30T00:00:00Z"), None);
        assert_eq!(parse("30.06.2025"), None);
        assert_eq!(parse(""), None);
    }
}
