//! Exact numbers: decimals read as written, and the cut (truncating) display
//! that SPEC §3.5 prescribes.
//!
//! Every score in bscore is a [`BigRational`]. Fixed-size rationals overflow
//! on realistic sample sizes and decimal floats cannot hold k/n exactly, so
//! neither may decide a grade (see `CRATES.md`).

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;

/// An exact rational number.
pub type Exact = BigRational;

/// An integer as an [`Exact`].
pub fn int(value: i64) -> Exact {
    BigRational::from_integer(BigInt::from(value))
}

/// Why a numeric literal is not an exact finite decimal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecimalError {
    /// `inf` or `nan`.
    NotFinite,
    /// Anything else that is not a decimal literal.
    Malformed,
}

impl fmt::Display for DecimalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecimalError::NotFinite => f.write_str("not a finite number"),
            DecimalError::Malformed => f.write_str("not a decimal number"),
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
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(DecimalError::Malformed);
    }
    // Exponents beyond this are not plausible scores and would only make the
    // power below expensive.
    if exponent.abs() > 1000 {
        return Err(DecimalError::Malformed);
    }
    let digits: BigInt = format!("{whole}{fraction}")
        .parse()
        .map_err(|_| DecimalError::Malformed)?;
    let scale = exponent - i32::try_from(fraction.len()).map_err(|_| DecimalError::Malformed)?;
    let ten = BigInt::from(10);
    let magnitude = if scale >= 0 {
        BigRational::from_integer(digits * num_traits::pow(ten, scale as usize))
    } else {
        BigRational::new(digits, num_traits::pow(ten, scale.unsigned_abs() as usize))
    };
    Ok(if negative { -magnitude } else { magnitude })
}

/// Cuts `value` toward zero to `places` decimal places (SPEC §3.5: 69.996
/// becomes 69.99, never 70.00).
pub fn cut(value: &Exact, places: u32) -> Exact {
    let scale = BigRational::from_integer(num_traits::pow(BigInt::from(10), places as usize));
    (value * &scale).trunc() / scale
}

/// `value` cut to `places` decimals and written with exactly that many
/// (`87.50`), for tables and reports.
pub fn fixed(value: &Exact, places: u32) -> String {
    let cut_value = cut(value, places);
    let scale = num_traits::pow(BigInt::from(10), places as usize);
    let scaled = (cut_value * BigRational::from_integer(scale.clone())).to_integer();
    let sign = if scaled.is_negative() { "-" } else { "" };
    let (whole, fraction) = scaled.abs().div_rem(&scale);
    if places == 0 {
        return format!("{sign}{whole}");
    }
    format!("{sign}{whole}.{fraction:0>width$}", width = places as usize)
}

/// `value` rounded up to `places` decimals and written with that many: for
/// points still missing, where a cut figure would promise too little.
pub fn ceil_fixed(value: &Exact, places: u32) -> String {
    let scale = BigRational::from_integer(num_traits::pow(BigInt::from(10), places as usize));
    fixed(&((value * &scale).ceil() / scale), places)
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

/// The exact value as `"p/q"` in lowest terms, or `"p"` when whole.
pub fn fraction(value: &Exact) -> String {
    if value.denom().is_one() {
        value.numer().to_string()
    } else {
        format!("{}/{}", value.numer(), value.denom())
    }
}

/// `value` as a percentage of `of`, or zero when `of` is zero.
pub fn percent(value: &Exact, of: &Exact) -> Exact {
    if of.is_zero() {
        Exact::zero()
    } else {
        value / of * int(100)
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
            NumberLiteral::Integer(value) => Ok(int(*value)),
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
        Exact::new(BigInt::from(n), BigInt::from(d))
    }

    #[test]
    fn decimals_are_read_as_written() {
        assert_eq!(parse_decimal("0.3"), Ok(ratio(3, 10)));
        assert_eq!(parse_decimal("0.25"), Ok(ratio(1, 4)));
        assert_eq!(parse_decimal("+1_0.5"), Ok(ratio(21, 2)));
        assert_eq!(parse_decimal("-0.5"), Ok(ratio(-1, 2)));
        assert_eq!(parse_decimal("2.5e-1"), Ok(ratio(1, 4)));
        assert_eq!(parse_decimal("1E2"), Ok(int(100)));
        // The literal's own digits, not the binary double nearest to 0.1.
        let long = "1000000000000000055511151231257827";
        let expected = Exact::new(long.parse().unwrap(), num_traits::pow(BigInt::from(10), 34));
        assert_eq!(parse_decimal(&format!("0.{long}")), Ok(expected));
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
        assert_eq!(fixed(&int(100), 2), "100.00");
        assert_eq!(trimmed(&ratio(175, 2), 2), "87.5");
        assert_eq!(trimmed(&int(95), 2), "95");
        assert_eq!(trimmed(&ratio(1, 3), 2), "0.33");
        assert_eq!(fixed(&ratio(-1, 3), 2), "-0.33");
        assert_eq!(ceil_fixed(&ratio(1, 300), 2), "0.01");
        assert_eq!(ceil_fixed(&ratio(286, 100), 2), "2.86");
    }

    #[test]
    fn fractions_are_in_lowest_terms() {
        assert_eq!(fraction(&ratio(350, 4)), "175/2");
        assert_eq!(fraction(&int(95)), "95");
    }
}
