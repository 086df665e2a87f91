//! Exact numbers: decimals read as written, and the cut (truncating) display
//! of docs/scoring.md ("What a person sees").
//!
//! Every score in bscore is an [`Exact`] rational. Doubles and decimal
//! floats cannot hold k/n exactly (an exact 70 sums to 69.999… in both),
//! so neither may decide a grade; they only ever carry a figure that was
//! cut first, for display.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::Signed;
use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;

pub use crate::exact::Exact;

/// Decimal places of points and scores as people see them.
pub const SCORE_PLACES: u32 = 2;
/// Decimal places of a deduction coefficient as people see it.
pub const COEFFICIENT_PLACES: u32 = 4;

/// The most digits a decimal may have. No coefficient or number of points
/// needs more, and reading a longer one exactly costs time that grows
/// faster than its length.
pub const MAX_DECIMAL_DIGITS: usize = 40;

/// Why a numeric literal is not an exact finite decimal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecimalError {
    /// `inf` or `nan`.
    NotFinite,
    /// More than [`MAX_DECIMAL_DIGITS`] digits.
    TooManyDigits(usize),
    /// Anything else that is not a decimal literal.
    Malformed,
}

impl DecimalError {
    /// What is wrong, in both languages.
    pub fn text(&self) -> crate::message::Text {
        use crate::message::t;
        match self {
            DecimalError::NotFinite => t!("不是有限的数", "is not a finite number"),
            DecimalError::TooManyDigits(digits) => t!(
                "有 {digits} 位数字，最多读 {MAX_DECIMAL_DIGITS} 位（三分之一写 0.3333 足够；需要精确分数请用抽样数和不符合数）",
                "is a decimal of {digits} digits; at most {MAX_DECIMAL_DIGITS} are read (0.3333 is plenty for a third: use a sample for an exact fraction)"
            ),
            DecimalError::Malformed => t!("不是十进制小数", "is not a decimal number"),
        }
    }
}

/// Parses a TOML decimal literal exactly as written: `"0.3"` is 3/10, not the
/// binary double nearest to it. Accepts a sign, `_` digit separators, a
/// fraction and an exponent (`2.5e-1`).
pub fn parse_decimal(literal: &str) -> Result<Exact, DecimalError> {
    let text: String = literal.trim().chars().filter(|c| *c != '_').collect();
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text.as_str()),
    };
    if unsigned == "inf" || unsigned == "nan" {
        return Err(DecimalError::NotFinite);
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => {
            let exponent: i32 = unsigned[at + 1..]
                .parse()
                .map_err(|_| DecimalError::Malformed)?;
            (&unsigned[..at], exponent)
        }
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = whole.len() + fraction.len();
    if digits > MAX_DECIMAL_DIGITS {
        return Err(DecimalError::TooManyDigits(digits));
    }
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(DecimalError::Malformed);
    }
    // Exponents beyond this are not plausible scores and would only make the
    // power below expensive.
    if exponent.abs() > 1000 {
        return Err(DecimalError::Malformed);
    }
    let scale = exponent - i32::try_from(fraction.len()).map_err(|_| DecimalError::Malformed)?;
    // Short literals, such as every coefficient an assessor writes, fit an
    // i128 with their power of ten.
    if whole.len() + fraction.len() <= 30 && scale.abs() <= 30 {
        let digits: i128 = format!("{whole}{fraction}")
            .parse()
            .map_err(|_| DecimalError::Malformed)?;
        let power = 10i128.pow(scale.unsigned_abs());
        let magnitude = match scale >= 0 {
            true => digits
                .checked_mul(power)
                .map(|whole| Exact::ratio(whole, 1)),
            false => Some(Exact::ratio(digits, power)),
        };
        if let Some(magnitude) = magnitude {
            return Ok(if negative { -magnitude } else { magnitude });
        }
    }
    let digits: BigInt = format!("{whole}{fraction}")
        .parse()
        .map_err(|_| DecimalError::Malformed)?;
    let power = num_traits::pow(BigInt::from(10), scale.unsigned_abs() as usize);
    let magnitude = if scale >= 0 {
        Exact::new(digits * power, BigInt::from(1))
    } else {
        Exact::new(digits, power)
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// 10 to the power `places`, when it fits an `i128`.
fn small_power(places: u32) -> Option<i128> {
    10i128.checked_pow(places)
}

/// `value` × 10^places, truncated toward zero, when it fits an `i128`.
fn scaled_small(value: &Exact, places: u32) -> Option<i128> {
    let (numerator, denominator) = value.as_small()?;
    let scaled = numerator.checked_mul(small_power(places)?)?;
    // Integer division truncates toward zero, as a cut must. 64-bit
    // division is several times faster where the figures fit, as they
    // nearly always do.
    if let (Ok(scaled), Ok(denominator)) = (i64::try_from(scaled), i64::try_from(denominator)) {
        return Some(i128::from(scaled / denominator));
    }
    Some(scaled / denominator)
}

/// `value` × 10^places, truncated toward zero, of any size.
fn scaled_big(value: &Exact, places: u32) -> BigInt {
    let power = num_traits::pow(BigInt::from(10), places as usize);
    let (quotient, _) = (value.numer() * power).div_rem(&value.denom());
    quotient
}

/// Writes a scaled integer's digits with a decimal point `places` from the right.
fn with_point(negative: bool, digits: &str, places: u32) -> String {
    let sign = if negative { "-" } else { "" };
    if places == 0 {
        return format!("{sign}{digits}");
    }
    let places = places as usize;
    let padded = format!("{digits:0>width$}", width = places + 1);
    let (whole, fraction) = padded.split_at(padded.len() - places);
    format!("{sign}{whole}.{fraction}")
}

/// `value` cut to `places` decimals and written with exactly that many
/// (`87.50`), for tables and reports.
pub fn fixed(value: &Exact, places: u32) -> String {
    match scaled_small(value, places) {
        Some(scaled) => with_point(scaled < 0, &scaled.unsigned_abs().to_string(), places),
        None => {
            let scaled = scaled_big(value, places);
            with_point(scaled.is_negative(), &scaled.abs().to_string(), places)
        }
    }
}

/// `value` cut toward zero to `places` decimals: the figure people see.
pub fn cut(value: &Exact, places: u32) -> Exact {
    let power = num_traits::pow(BigInt::from(10), places as usize);
    match (scaled_small(value, places), small_power(places)) {
        (Some(scaled), Some(power)) => Exact::ratio(scaled, power),
        _ => Exact::new(scaled_big(value, places), power),
    }
}

/// `value` rounded up to `places` decimals: for points still missing, where
/// a cut figure would promise too little.
pub fn ceil_to(value: &Exact, places: u32) -> Exact {
    let scale = Exact::new(
        num_traits::pow(BigInt::from(10), places as usize),
        BigInt::from(1),
    );
    (value * &scale).ceil() / scale
}

/// `value` rounded up to `places` decimals and written with that many.
pub fn ceil_fixed(value: &Exact, places: u32) -> String {
    fixed(&ceil_to(value, places), places)
}

/// `value` cut to `places` decimals and written without trailing zeros
/// (`87.5`, `100`), the form used for JSON numbers.
pub fn trimmed(value: &Exact, places: u32) -> String {
    let text = fixed(value, places);
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A figure cut to a number of decimal places, for JSON: serialized as an
/// integer when whole, otherwise as the double nearest to the cut decimal,
/// whose shortest form (what serde_json writes) is exactly that decimal for
/// any figure below 2^53 / 10^places — a test checks every score from 0.00
/// to 100.00. Nothing is decided from it; `_exact` fields carry the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Figure {
    scaled: i128,
    places: u32,
}

impl Figure {
    /// `value` cut toward zero to `places` decimals.
    pub fn cut(value: &Exact, places: u32) -> Figure {
        let scaled = scaled_small(value, places)
            .or_else(|| num_traits::ToPrimitive::to_i128(&scaled_big(value, places)))
            // Beyond ±1.7e38 units of 10^-places: not a figure bscore shows.
            .unwrap_or(if value.is_negative() {
                i128::MIN
            } else {
                i128::MAX
            });
        Figure { scaled, places }
    }
}

impl serde::Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let power = small_power(self.places).unwrap_or(1);
        if self.scaled % power == 0
            && let Ok(whole) = i64::try_from(self.scaled / power)
        {
            return serializer.serialize_i64(whole);
        }
        // Display only: the division is correctly rounded, so this is the
        // double nearest to the decimal.
        serializer.serialize_f64(self.scaled as f64 / power as f64)
    }
}

/// An exact value, serialized as the string `"p/q"` (or `"p"` when whole)
/// without an intermediate allocation.
#[derive(Debug, Clone, PartialEq)]
pub struct ExactText(pub Exact);

impl serde::Serialize for ExactText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// A TOML number as the user wrote it. Integers keep their value (TOML
/// integers are exact, in any radix); for floats only the fact is kept and the
/// caller reads the literal from the source through its span, because the
/// `f64` serde hands over has already lost the decimal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberLiteral {
    /// A TOML integer.
    Integer(i64),
    /// A TOML float; read its text from the source span.
    Float,
}

impl NumberLiteral {
    /// The exact value, reading a float's literal from `source_text`, the
    /// source slice of this literal's span.
    pub fn exact(&self, source_text: &str) -> Result<Exact, DecimalError> {
        match self {
            NumberLiteral::Integer(value) => Ok(Exact::from_integer(*value)),
            NumberLiteral::Float => parse_decimal(source_text),
        }
    }
}

impl<'de> Deserialize<'de> for NumberLiteral {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LiteralVisitor;
        impl Visitor<'_> for LiteralVisitor {
            type Value = NumberLiteral;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(NumberLiteral::Integer(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                i64::try_from(v)
                    .map(NumberLiteral::Integer)
                    .map_err(|_| E::custom("number too large"))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
                Ok(NumberLiteral::Float)
            }
        }
        deserializer.deserialize_any(LiteralVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(n: i64, d: i64) -> Exact {
        Exact::ratio(n.into(), d.into())
    }

    #[test]
    fn decimals_are_read_as_written() {
        assert_eq!(parse_decimal("0.3"), Ok(ratio(3, 10)));
        assert_eq!(parse_decimal("0.25"), Ok(ratio(1, 4)));
        assert_eq!(parse_decimal("+1_0.5"), Ok(ratio(21, 2)));
        assert_eq!(parse_decimal("-0.5"), Ok(ratio(-1, 2)));
        assert_eq!(parse_decimal("2.5e-1"), Ok(ratio(1, 4)));
        assert_eq!(parse_decimal("1E2"), Ok(Exact::from_integer(100)));
        let huge = Exact::new(num_traits::pow(BigInt::from(10), 59), BigInt::from(1));
        assert_eq!(parse_decimal("1.0e59"), Ok(huge), "past i128, exactly");
        // The literal's own digits, not the binary double nearest to 0.1.
        let long = "1000000000000000055511151231257827";
        let expected = Exact::new(long.parse().unwrap(), num_traits::pow(BigInt::from(10), 34));
        assert_eq!(parse_decimal(&format!("0.{long}")), Ok(expected));
    }

    #[test]
    fn forty_digits_are_read_and_forty_one_are_not() {
        // 0.999…9 with 39 nines: 40 digits, past what an i128 holds.
        let nines = "9".repeat(39);
        let power = num_traits::pow(BigInt::from(10), 39);
        let expected = Exact::new(&power - 1, power);
        assert_eq!(parse_decimal(&format!("0.{nines}")), Ok(expected));
        assert_eq!(
            parse_decimal(&format!("0.{nines}9")),
            Err(DecimalError::TooManyDigits(41))
        );
    }

    #[test]
    fn long_and_negative_literals_take_the_big_path_exactly() {
        // 40 digits with no fraction: too long for the i128 path.
        let forty = "9".repeat(40);
        let expected = Exact::new(forty.parse().unwrap(), BigInt::from(1));
        assert_eq!(parse_decimal(&format!("{forty}e0")), Ok(expected.clone()));
        assert_eq!(parse_decimal(&format!("-{forty}e0")), Ok(-expected));
        let huge = Exact::new(num_traits::pow(BigInt::from(10), 59), BigInt::from(1));
        assert_eq!(parse_decimal("-1.0e59"), Ok(-huge));
    }

    #[test]
    fn figures_past_i64_are_cut_exactly() {
        // (10^17 + 1) / 3 × 100 is past i64: the i128 division.
        let third = Exact::ratio(100_000_000_000_000_001, 3);
        assert_eq!(fixed(&third, 2), "33333333333333333.66");
        assert_eq!(cut(&third, 2), Exact::ratio(3_333_333_333_333_333_366, 100));
        // A denominator past i64.
        let tiny = Exact::ratio(1 << 66, (1 << 66) + 1);
        assert_eq!(fixed(&tiny, 4), "0.9999");
    }

    #[test]
    fn exponents_up_to_1000_are_read() {
        let power = num_traits::pow(BigInt::from(10), 1000);
        assert_eq!(
            parse_decimal("1e-1000"),
            Ok(Exact::new(BigInt::from(1), power.clone()))
        );
        assert_eq!(
            parse_decimal("1e1000"),
            Ok(Exact::new(power, BigInt::from(1)))
        );
        assert_eq!(parse_decimal("1e1001"), Err(DecimalError::Malformed));
        assert_eq!(parse_decimal("1e-1001"), Err(DecimalError::Malformed));
    }

    #[test]
    fn every_part_of_a_decimal_must_be_digits() {
        // A second sign would pass as digits to the integer parser.
        for malformed in [
            ".5", "x.5", "1.5x", "1x.5", "1.x", "e5", "1e", "++5.5", "-+5.5", "--5",
        ] {
            assert_eq!(
                parse_decimal(malformed),
                Err(DecimalError::Malformed),
                "{malformed}"
            );
        }
    }

    #[test]
    fn non_finite_and_malformed_literals_are_rejected() {
        assert_eq!(parse_decimal("inf"), Err(DecimalError::NotFinite));
        assert_eq!(parse_decimal("-nan"), Err(DecimalError::NotFinite));
        assert_eq!(parse_decimal("1.2.3"), Err(DecimalError::Malformed));
        assert_eq!(parse_decimal(""), Err(DecimalError::Malformed));
        assert_eq!(parse_decimal("1e99999"), Err(DecimalError::Malformed));
    }

    #[test]
    fn cut_truncates_and_never_rounds_up() {
        assert_eq!(fixed(&ratio(69996, 1000), 2), "69.99");
        assert_eq!(fixed(&ratio(175, 2), 2), "87.50");
        assert_eq!(fixed(&ratio(2, 3), 2), "0.66");
        assert_eq!(fixed(&Exact::from_integer(100), 2), "100.00");
        assert_eq!(trimmed(&ratio(175, 2), 2), "87.5");
        assert_eq!(trimmed(&Exact::from_integer(95), 2), "95");
        assert_eq!(trimmed(&ratio(1, 3), 2), "0.33");
        assert_eq!(fixed(&ratio(-1, 3), 2), "-0.33");
        assert_eq!(ceil_fixed(&ratio(1, 300), 2), "0.01");
        assert_eq!(ceil_fixed(&ratio(286, 100), 2), "2.86");
    }

    #[test]
    fn json_figures_are_written_as_their_exact_decimals() {
        for hundredths in 0..=10_000 {
            let value = ratio(hundredths, 100);
            let json = serde_json::to_string(&Figure::cut(&value, 2)).unwrap();
            assert_eq!(json, trimmed(&value, 2), "{hundredths}/100");
        }
        for ten_thousandths in 0..=10_000 {
            let value = ratio(ten_thousandths, 10_000);
            let json = serde_json::to_string(&Figure::cut(&value, 4)).unwrap();
            assert_eq!(json, trimmed(&value, 4), "{ten_thousandths}/10000");
        }
        let cut = serde_json::to_string(&Figure::cut(&ratio(69_996, 1000), 2)).unwrap();
        assert_eq!(cut, "69.99");
        assert_eq!(
            serde_json::to_string(&ExactText(ratio(350, 4))).unwrap(),
            "\"175/2\""
        );
    }

    #[test]
    fn fractions_are_in_lowest_terms() {
        assert_eq!(ratio(350, 4).to_string(), "175/2");
        assert_eq!(Exact::from_integer(95).to_string(), "95");
    }
}
