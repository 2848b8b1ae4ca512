//! When the knowledge was last reviewed (`catalogues/knowledge.toml`), and the warning a run gives
//! when its as-of date is long past that review.
//!
//! Catalogues are adjusted, lists gain names and companies change hands; catscan cannot know of a
//! change made after its data was last checked. Like a vulnerability scanner that warns about an
//! old database, a run applied to a date well after the review says so, so that a report without
//! findings is not taken for proof that nothing applies.

use serde::Deserialize;
use time::{Date, Month};

use super::date;

/// How long after a review the knowledge is taken as current.
pub const FRESH_MONTHS: u8 = 6;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ReviewFile {
    pub review: Review,
}

/// The last review of the whole knowledge.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The day every fact was last checked against its sources.
    #[serde(with = "date")]
    pub last_reviewed: Date,
    /// What the review covered.
    pub note: String,
}

impl Review {
    /// The last day the knowledge counts as current: the review date plus six months (the last
    /// day of the month when that month is shorter: 08-31 gives 02-28).
    pub fn fresh_until(&self) -> Date {
        add_months(self.last_reviewed, FRESH_MONTHS)
    }

    /// Whether a run as of `as_of` applies knowledge more than six months past its review.
    pub fn is_stale_on(&self, as_of: Date) -> bool {
        as_of > self.fresh_until()
    }

    /// The warning a run as of `as_of` gives, if the knowledge is stale by then.
    pub fn stale_notice(&self, as_of: Date) -> Option<String> {
        self.is_stale_on(as_of).then(|| {
            format!(
                "catscan's knowledge was last reviewed on {}, more than {FRESH_MONTHS} months before the as-of date {as_of}: catalogues, lists and vendors may have changed since, so a missing finding does not show that nothing applies; use a newer catscan, or check the facts it relies on (catscan catalogue facts)",
                self.last_reviewed
            )
        })
    }
}

/// `date` plus `months` calendar months, on the same day of the month or the last day of a
/// shorter month.
fn add_months(date: Date, months: u8) -> Date {
    let zero_based = date.month() as i32 - 1 + i32::from(months);
    let year = date.year() + zero_based / 12;
    let month = Month::try_from((zero_based % 12 + 1) as u8).expect("1 to 12");
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).expect("a day within the month")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn reviewed(on: Date) -> Review {
        Review {
            last_reviewed: on,
            note: String::new(),
        }
    }

    #[test]
    fn six_months_end_on_the_same_day_or_the_last_of_a_shorter_month() {
        assert_eq!(
            reviewed(date!(2026 - 12 - 07)).fresh_until(),
            date!(2027 - 06 - 07)
        );
        assert_eq!(
            reviewed(date!(2026 - 08 - 31)).fresh_until(),
            date!(2027 - 02 - 28)
        );
        assert_eq!(
            reviewed(date!(2027 - 08 - 31)).fresh_until(),
            date!(2028 - 02 - 29)
        );
        assert_eq!(
            reviewed(date!(2026 - 05 - 15)).fresh_until(),
            date!(2026 - 11 - 15)
        );
    }

    #[test]
    fn the_notice_starts_the_day_after_six_months() {
        let review = reviewed(date!(2026 - 12 - 07));
        assert_eq!(review.stale_notice(date!(2027 - 06 - 07)), None);
        assert_eq!(review.stale_notice(date!(2020 - 01 - 01)), None);
        assert_eq!(
            review.stale_notice(date!(2027 - 06 - 08)).as_deref(),
            Some(
                "catscan's knowledge was last reviewed on 2026-12-07, more than 6 months before the as-of date 2027-06-08: catalogues, lists and vendors may have changed since, so a missing finding does not show that nothing applies; use a newer catscan, or check the facts it relies on (catscan catalogue facts)"
            )
        );
    }
}
