//! Amounts of money and quantities of parts, read as exact decimals ([`Decimal`]) from the way a
//! part list writes them: the unit-price and quantity columns of a part list, and the
//! `catscan:unit-price` and `catscan:quantity` properties these columns become (which any BOM
//! may also carry).
//!
//! A binary float cannot hold 0.1 and loses cents above 2^53; summing prices in one printed a
//! spend of `inf.00`. Here an amount is read exactly or not at all, and the spend is summed with
//! [`exact_add`] and [`exact_mul`], which answer `None` instead of rounding or overflowing, so that
//! the caller can say which value did not fit. Shares are compared as ratios of the exact sums
//! ([`compare_ratio`]), never as rounded quotients.

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// The largest amount catscan totals ([`Decimal::MAX`]), as messages write it.
pub const LARGEST: &str = "79,228,162,514,264,337,593,543,950,335";

/// The most decimal places an amount can have ([`Decimal::MAX_SCALE`]).
pub const MOST_DECIMALS: u32 = Decimal::MAX_SCALE;

/// Why a cell is not an amount catscan can total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not a number written the ways part lists write them (`n/a`, `-5`, `12,50`, `inf`).
    NotANumber,
    /// A number, but larger than [`LARGEST`] or with more than [`MOST_DECIMALS`] decimals
    /// (`1e400`, three hundred nines).
    OutOfRange,
}

/// A unit price and the currency it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Price {
    pub(crate) amount: Decimal,
    /// The ISO 4217 code of the symbol or code written (`¥` and `元` are `CNY`), when there is one.
    pub currency: Option<&'static str>,
}

/// Currency symbols and codes a price may start or end with, and the code each stands for.
/// Longer marks come before the marks they contain (`US$` before `$`).
const CURRENCIES: &[(&str, &str)] = &[
    ("¥", "CNY"),
    ("￥", "CNY"),
    ("元", "CNY"),
    ("RMB", "CNY"),
    ("CNY", "CNY"),
    ("US$", "USD"),
    ("$", "USD"),
    ("USD", "USD"),
    ("€", "EUR"),
    ("EUR", "EUR"),
];

/// A price and its currency: `¥12,000`, `12000 CNY`, `USD 3,500.50`, `8000元`, `12000`, `1.2E+4`.
/// The currency mark comes before or after the number; commas separate thousands.
pub fn parse_price(text: &str) -> Result<Price, AmountError> {
    let t = text.trim();
    for (mark, code) in CURRENCIES {
        let number = t.strip_prefix(mark).or_else(|| t.strip_suffix(mark));
        if let Some(number) = number {
            return Ok(Price {
                amount: parse_number(number)?,
                currency: Some(code),
            });
        }
    }
    Ok(Price {
        amount: parse_number(t)?,
        currency: None,
    })
}

/// The quantity a cell starts with: `4`, `4 台`, `1,200 pcs`, `1.5 m`.
pub fn parse_quantity(text: &str) -> Result<Decimal, AmountError> {
    let t = text.trim();
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(t.len());
    if end == 0 {
        return Err(AmountError::NotANumber);
    }
    parse_number(&t[..end])
}

/// A non-negative decimal number: digits with an optional fraction (`3500.50`, `.5`), commas
/// between groups of three digits (`1,000,000`), and an optional exponent (`1.2E+4`, as
/// spreadsheets export large numbers). The value is exact and without trailing zeros.
fn parse_number(text: &str) -> Result<Decimal, AmountError> {
    let t = text.trim();
    let t = t.strip_prefix('+').unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(at) => (&t[..at], Some(&t[at + 1..])),
        None => (t, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, f),
        None => (mantissa, ""),
    };
    if (whole.is_empty() && fraction.is_empty()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AmountError::NotANumber);
    }
    let whole = ungrouped(whole).ok_or(AmountError::NotANumber)?;
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(AmountError::NotANumber);
            }
            // Any exponent beyond a few hundred puts a non-zero number out of range; reading
            // only the last digits would be wrong, so a long one is taken as "very large".
            let magnitude: i64 = if digits.len() > 6 {
                1_000_000
            } else {
                digits.parse().expect("checked to be digits")
            };
            if e.starts_with('-') {
                -magnitude
            } else {
                magnitude
            }
        }
    };
    // The significant digits, and where the decimal point falls among them.
    let mut digits: String = whole.chars().chain(fraction.chars()).collect();
    let mut point = whole.len() as i64 + exponent;
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    point -= leading as i64;
    digits.truncate(digits.trim_end_matches('0').len());
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    // More than 29 whole digits or 28 decimals cannot be held: say so before building the text.
    let decimals = digits.len() as i64 - point;
    if point > 29 || decimals > i64::from(MOST_DECIMALS) {
        return Err(AmountError::OutOfRange);
    }
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else if decimals <= 0 {
        format!("{digits}{}", "0".repeat((-decimals) as usize))
    } else {
        let (w, f) = digits.split_at(point as usize);
        format!("{w}.{f}")
    };
    Decimal::from_str_exact(&plain)
        .map(|d| d.normalize())
        .map_err(|_| AmountError::OutOfRange)
}

/// The digits of a whole part without its thousands separators: `1,000` but not `10,00` or
/// `1,,000`. `None` when it is not such a number.
fn ungrouped(whole: &str) -> Option<String> {
    let mut groups = whole.split(',');
    let first = groups.next()?;
    if !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut digits = first.to_string();
    let mut grouped = false;
    for group in groups {
        grouped = true;
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    if grouped && !(1..=3).contains(&first.len()) {
        return None;
    }
    Some(digits)
}

/// `a + b` exactly, or `None` when the sum does not fit a [`Decimal`] (larger than [`LARGEST`],
/// or needing more significant digits than it holds, where `checked_add` would round).
pub fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (a, b) = (a.normalize(), b.normalize());
    let sum = a.checked_add(b)?;
    // An exact sum keeps the larger scale; one that had to drop digits has a smaller scale.
    (sum.scale() == a.scale().max(b.scale())).then(|| sum.normalize())
}

/// `a × b` exactly, or `None` when the product does not fit a [`Decimal`] (larger than
/// [`LARGEST`], or needing more significant digits than it holds, where `checked_mul` would
/// round).
pub fn exact_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let (a, b) = (a.normalize(), b.normalize());
    if a.is_zero() || b.is_zero() {
        return Some(Decimal::ZERO);
    }
    let product = a.checked_mul(b)?;
    // An exact product has the sum of the scales; one that had to drop digits has less.
    (product.scale() == a.scale() + b.scale()).then(|| product.normalize())
}

/// How `part / whole` compares with `fraction`, decided exactly (the three are non-negative; a
/// zero whole has a share of 0). With `part = P·10^-p`, `whole = W·10^-w` and
/// `fraction = F·10^-f`, this compares `P·10^(f+w)` with `F·W·10^p`, in integers wide enough for
/// any three decimals.
pub fn compare_ratio(part: Decimal, whole: Decimal, fraction: Decimal) -> Ordering {
    if whole.is_zero() {
        return Decimal::ZERO.cmp(&fraction);
    }
    let mantissa = |d: Decimal| Natural::from(d.mantissa().unsigned_abs());
    let lhs = mantissa(part).times_pow10(fraction.scale() + whole.scale());
    let rhs = mantissa(fraction)
        .times(&mantissa(whole))
        .times_pow10(part.scale());
    lhs.cmp(&rhs)
}

/// A natural number in base 2^32, least significant limb first: just wide enough to compare
/// the products of three decimals' mantissas and powers of ten that [`compare_ratio`] needs.
#[derive(Debug, PartialEq, Eq)]
struct Natural(Vec<u32>);

impl From<u128> for Natural {
    fn from(n: u128) -> Self {
        Natural((0..4).map(|i| (n >> (32 * i)) as u32).collect())
    }
}

impl Natural {
    fn times(&self, other: &Natural) -> Natural {
        let mut limbs = vec![0u32; self.0.len() + other.0.len()];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.0.iter().enumerate() {
                let t = u64::from(a) * u64::from(b) + u64::from(limbs[i + j]) + carry;
                limbs[i + j] = t as u32;
                carry = t >> 32;
            }
            limbs[i + other.0.len()] = carry as u32;
        }
        Natural(limbs)
    }

    fn times_pow10(self, n: u32) -> Natural {
        let mut limbs = self.0;
        for _ in 0..n {
            let mut carry = 0u64;
            for limb in &mut limbs {
                let t = u64::from(*limb) * 10 + carry;
                *limb = t as u32;
                carry = t >> 32;
            }
            if carry > 0 {
                limbs.push(carry as u32);
            }
        }
        Natural(limbs)
    }

    /// The limbs without the zeros above the most significant one.
    fn significant(&self) -> &[u32] {
        let len = self.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        &self.0[..len]
    }
}

impl Ord for Natural {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = (self.significant(), other.significant());
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }
}

impl PartialOrd for Natural {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// What is wrong with a unit price, for a warning that then says what becomes of the row:
/// `unit price "1e400" is not an amount catscan can total; expected …`.
pub fn price_problem(text: &str) -> String {
    format!(
        "unit price \"{}\" is not an amount catscan can total; expected a number of at most {LARGEST} with an optional currency (¥12,000, USD 3,500.50)",
        crate::ingest::shown(text)
    )
}

/// What is wrong with a quantity, for a warning that then says what becomes of the row.
pub fn quantity_problem(text: &str, error: AmountError) -> String {
    let shown = crate::ingest::shown(text);
    match error {
        AmountError::NotANumber => format!(
            "quantity \"{shown}\" does not start with a number; expected a count such as 4, 1,200 or 4 台"
        ),
        AmountError::OutOfRange => format!(
            "quantity \"{shown}\" is larger or more precise than catscan can total (at most {LARGEST}, with at most {MOST_DECIMALS} decimals)"
        ),
    }
}

/// A fraction as a percentage with every decimal it has, and at least one: 0.75 is `75.0%`,
/// 0.7501 is `75.01%` (a minimum share is shown as it was given).
pub fn exact_percentage(fraction: Decimal) -> String {
    let p = (fraction * Decimal::ONE_HUNDRED).normalize();
    format!("{p:.prec$}%", prec = p.scale().max(1) as usize)
}

/// The exact text of an amount: `3500.5`, `100000000000000000000`.
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        Decimal::from_str_exact(text).unwrap()
    }

    fn price(text: &str) -> Result<(String, Option<&'static str>), AmountError> {
        parse_price(text).map(|p| (p.amount.to_string(), p.currency))
    }

    #[test]
    fn prices_are_read_with_their_currency_and_thousands_separators() {
        assert_eq!(price("¥12,000"), Ok(("12000".into(), Some("CNY"))));
        assert_eq!(price("￥12,000"), Ok(("12000".into(), Some("CNY"))));
        assert_eq!(price("12000 CNY"), Ok(("12000".into(), Some("CNY"))));
        assert_eq!(price("8000元"), Ok(("8000".into(), Some("CNY"))));
        assert_eq!(price("RMB 9,500.50"), Ok(("9500.5".into(), Some("CNY"))));
        assert_eq!(price("USD 3,500.50"), Ok(("3500.5".into(), Some("USD"))));
        assert_eq!(price("US$ 3,500.50"), Ok(("3500.5".into(), Some("USD"))));
        assert_eq!(price("$0.10"), Ok(("0.1".into(), Some("USD"))));
        assert_eq!(price("€ 12.50"), Ok(("12.5".into(), Some("EUR"))));
        assert_eq!(price("12.50 EUR"), Ok(("12.5".into(), Some("EUR"))));
        assert_eq!(price(" 12000 "), Ok(("12000".into(), None)));
        assert_eq!(price("1,000.25"), Ok(("1000.25".into(), None)));
        assert_eq!(price(".5"), Ok(("0.5".into(), None)));
        assert_eq!(price("+7"), Ok(("7".into(), None)));
        assert_eq!(price("0"), Ok(("0".into(), None)));
    }

    #[test]
    fn exponents_as_spreadsheets_export_them_are_read_exactly() {
        assert_eq!(price("1.2E+4"), Ok(("12000".into(), None)));
        assert_eq!(price("1e20"), Ok(("100000000000000000000".into(), None)));
        assert_eq!(price("2.5e-3"), Ok(("0.0025".into(), None)));
        assert_eq!(
            price("1e-28"),
            Ok(("0.0000000000000000000000000001".into(), None))
        );
    }

    #[test]
    fn what_is_no_amount_is_told_from_what_is_too_large() {
        for text in [
            "",
            "n/a",
            "-5",
            "12,50",
            "1,0000",
            "1,,000",
            ",100",
            "inf",
            "NaN",
            "1e",
            "e5",
            "1.2.3",
            "¥",
            "12 000",
            "¥8000元",
            "1e+",
            "0x10",
        ] {
            assert_eq!(parse_price(text), Err(AmountError::NotANumber), "{text:?}");
        }
        for text in [
            "1e400",
            "79228162514264337593543950336",
            "1e29",
            "0.00000000000000000000000000001",
            "1e-29",
            "1e99999999999",
        ] {
            assert_eq!(parse_price(text), Err(AmountError::OutOfRange), "{text:?}");
        }
        assert_eq!(parse_price(&"9".repeat(300)), Err(AmountError::OutOfRange));
        assert_eq!(
            parse_price("79,228,162,514,264,337,593,543,950,335").map(|p| p.amount),
            Ok(Decimal::MAX)
        );
        assert_eq!(LARGEST.replace(',', ""), Decimal::MAX.to_string());
        // Zero is zero at any exponent.
        assert_eq!(price("0e400"), Ok(("0".into(), None)));
    }

    #[test]
    fn a_quantity_is_the_number_a_cell_starts_with() {
        assert_eq!(parse_quantity("4"), Ok(d("4")));
        assert_eq!(parse_quantity("4 台"), Ok(d("4")));
        assert_eq!(parse_quantity("1,200 pcs"), Ok(d("1200")));
        assert_eq!(parse_quantity("1.5m"), Ok(d("1.5")));
        assert_eq!(parse_quantity("2.0"), Ok(d("2")));
        assert_eq!(parse_quantity("pcs 4"), Err(AmountError::NotANumber));
        assert_eq!(parse_quantity("-3"), Err(AmountError::NotANumber));
        assert_eq!(parse_quantity("2,5 kg"), Err(AmountError::NotANumber));
        assert_eq!(
            parse_quantity(&"9".repeat(300)),
            Err(AmountError::OutOfRange)
        );
    }

    #[test]
    fn sums_and_products_are_exact_or_none() {
        // Ten prices of 0.1 are 1, where binary floats make 0.9999999999999999.
        let mut sum = Decimal::ZERO;
        for _ in 0..10 {
            sum = exact_add(sum, d("0.1")).unwrap();
        }
        assert_eq!(sum, Decimal::ONE);
        assert_eq!(exact_add(d("0.1"), d("0.2")), Some(d("0.3")));
        // 2^53 + 1, which a float cannot hold, and a cent on top.
        assert_eq!(
            exact_add(d("9007199254740993"), d("0.01")),
            Some(d("9007199254740993.01"))
        );
        assert_eq!(exact_add(Decimal::MAX, Decimal::ONE), None);
        // Rounding the last digit away is refused, not done.
        assert_eq!(exact_add(d("79228162514264337593543951"), d("0.001")), None);
        let e20 = d("100000000000000000000");
        assert_eq!(exact_mul(e20, e20), None);
        assert_eq!(exact_mul(d("3"), d("0.1")), Some(d("0.3")));
        assert_eq!(
            exact_mul(d("1000000000"), d("1000000000000")),
            Some(d("1000000000000000000000"))
        );
        assert_eq!(exact_mul(d("0"), Decimal::MAX), Some(Decimal::ZERO));
        assert_eq!(
            exact_mul(d("0.00000000000001"), d("0.000000000000001")),
            None
        );
    }

    #[test]
    fn shares_are_compared_exactly() {
        use Ordering::*;
        // 3.00 of 4.00 is exactly 75%.
        assert_eq!(compare_ratio(d("3.00"), d("4.00"), d("0.75")), Equal);
        assert_eq!(compare_ratio(d("2.99"), d("4.00"), d("0.75")), Less);
        assert_eq!(compare_ratio(d("3.01"), d("4"), d("0.75")), Greater);
        // 0.1 + 0.2 of 0.3 is all of it; in floats it is 1.0000000000000002 of itself.
        let sum = exact_add(d("0.1"), d("0.2")).unwrap();
        assert_eq!(compare_ratio(sum, d("0.3"), Decimal::ONE), Equal);
        // A third is more than 0.3333333333333333333333333333, which a 28-digit quotient
        // rounds it to, and less than …334.
        let third = d("0.3333333333333333333333333333");
        assert_eq!(compare_ratio(d("1"), d("3"), third), Greater);
        assert_eq!(
            compare_ratio(d("1"), d("3"), d("0.3333333333333333333333333334")),
            Less
        );
        // One part in the largest total still counts.
        assert_eq!(
            compare_ratio(Decimal::MAX - Decimal::ONE, Decimal::MAX, Decimal::ONE),
            Less
        );
        assert_eq!(
            compare_ratio(Decimal::MAX, Decimal::MAX, Decimal::ONE),
            Equal
        );
        assert_eq!(
            compare_ratio(Decimal::ZERO, Decimal::ZERO, Decimal::ZERO),
            Equal
        );
        assert_eq!(compare_ratio(Decimal::ZERO, Decimal::ZERO, d("0.1")), Less);
    }

    #[test]
    fn a_percentage_keeps_every_decimal() {
        assert_eq!(exact_percentage(d("0.75")), "75.0%");
        assert_eq!(exact_percentage(d("0.7501")), "75.01%");
        assert_eq!(exact_percentage(d("1")), "100.0%");
        assert_eq!(exact_percentage(d("0")), "0.0%");
    }

    #[test]
    fn problems_name_the_value_and_what_was_expected() {
        assert_eq!(
            price_problem("1e400"),
            "unit price \"1e400\" is not an amount catscan can total; expected a number of at most 79,228,162,514,264,337,593,543,950,335 with an optional currency (¥12,000, USD 3,500.50)"
        );
        assert_eq!(
            quantity_problem("about four", AmountError::NotANumber),
            "quantity \"about four\" does not start with a number; expected a count such as 4, 1,200 or 4 台"
        );
    }
}
