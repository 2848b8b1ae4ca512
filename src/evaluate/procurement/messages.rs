//! The wording of the procurement findings that only procurement uses: how a list entry is
//! described, an instrument's status, and the shares of the domestic-control table.

use rust_decimal::Decimal;

use crate::findings::{Control, ShareTotals};
use crate::knowledge::{Instrument, ListEntry, Status};

/// `Loongson 3C6000 [龙芯3C6000] (2025年第1号, 2025-03-14, level II)`, with the status of the
/// date and of the entry when they are not confirmed.
pub(super) fn describe_entry(list: &Instrument, entry: &ListEntry) -> String {
    let mut facts = Vec::new();
    if let Some(n) = &entry.announcement {
        facts.push(n.clone());
    }
    facts.push(list.listed_on(entry).to_string());
    let date_status = entry
        .announcement
        .as_deref()
        .and_then(|n| list.announcement(n))
        .map_or(list.in_force_from_status, |a| a.date_status);
    if date_status != Status::Confirmed {
        facts.push(format!("a date {}", date_status.describe()));
    }
    if let Some(l) = &entry.level {
        facts.push(format!("level {l}"));
    }
    if entry.status != Status::Confirmed {
        facts.push(format!("entry {}", entry.status.describe()));
    }
    format!("{} ({})", entry.product, facts.join(", "))
}

/// ". Status (corroborated): …": the instrument's status and its note, nothing for a confirmed
/// instrument without a note.
pub(super) fn status_words(inst: &Instrument) -> String {
    let note = inst.status_note.as_deref().map(|n| n.trim_end_matches('.'));
    match (inst.status, note) {
        (Status::Confirmed, None) => String::new(),
        (Status::Confirmed, Some(n)) => format!(". Status: {n}"),
        (s, Some(n)) => format!(". Status ({}): {n}", s.as_str()),
        (s, None) => format!(". Status: {}", s.describe()),
    }
}

/// "3 of 5 (60.0%)", "76000.00 CNY of 143001.00 (53.1%)". The domestic share is written with
/// as many decimals as it takes to tell it from the minimum: 0.4999999999 against 50% is
/// "49.99999999%", not a puzzling "50.0%".
pub(super) fn fraction(
    t: &ShareTotals,
    control: Control,
    spend: bool,
    currency: Option<&str>,
    min: Decimal,
) -> String {
    let share = match control {
        Control::Domestic => percent_beside(t.share(control), min),
        _ => percent(t.share(control)),
    };
    if spend {
        format!(
            "{} {} of {} ({share})",
            money(t.get(control)),
            currency.unwrap_or(""),
            money(t.total()),
        )
        .replace("  ", " ")
    } else {
        format!("{} of {} ({share})", t.get(control), t.total())
    }
}

/// An amount of money with at least two decimals, exactly: `76000.00`, `0.125`.
fn money(x: Decimal) -> String {
    let x = x.normalize();
    format!("{x:.prec$}", prec = x.scale().max(2) as usize)
}

/// A share (0 to 1) as a percentage with one decimal, or more where one would show a share
/// that differs from `min` as equal to it.
fn percent_beside(share: Decimal, min: Decimal) -> String {
    let hundredfold = |d: Decimal| d * Decimal::ONE_HUNDRED;
    let mut decimals = 1;
    while share != min
        && decimals < Decimal::MAX_SCALE - 2
        && hundredfold(share).round_dp(decimals) == hundredfold(min).round_dp(decimals)
    {
        decimals += 1;
    }
    let p = hundredfold(share).round_dp(decimals);
    format!("{p:.prec$}%", prec = decimals as usize)
}

/// A share (0 to 1) as a percentage with one decimal: `53.1%`.
fn percent(share: Decimal) -> String {
    percent_beside(share, share)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("a decimal")
    }

    #[test]
    fn a_share_takes_as_many_decimals_as_it_needs_to_differ_from_the_minimum() {
        assert_eq!(percent(d("0.531")), "53.1%");
        assert_eq!(percent_beside(d("0.5"), d("0.5")), "50.0%");
        assert_eq!(percent_beside(d("0.4999"), d("0.5")), "49.99%");
        assert_eq!(percent_beside(d("0.4999999999"), d("0.5")), "49.99999999%");
    }

    #[test]
    fn money_has_at_least_two_decimals_and_keeps_the_rest() {
        assert_eq!(money(d("76000")), "76000.00");
        assert_eq!(money(d("0.125")), "0.125");
        assert_eq!(money(d("12.50000")), "12.50");
    }
}
