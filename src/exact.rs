//! [`Exact`]: a rational number that is exact whatever its size, and cheap
//! while it is small.
//!
//! Scores are sums of (1 − k/n) × points over 86 indicators, so their
//! denominators are least common multiples of sample sizes. Most values an
//! audit produces fit an `i64`, nearly all fit an `i128`, and with samples
//! of hundreds some fit neither (a sum of 86 sample
//! fractions with samples of 30 to 200 overflows `Ratio<i128>` by about the
//! 25th item). Every operation therefore runs on `Ratio<i64>` (fast
//! 64-bit gcd and division), then `Ratio<i128>`, with checked arithmetic,
//! and moves to `BigRational` only when both would overflow; results move
//! back to the smallest form that holds them. Values compare equal whatever
//! their representation.

use num_bigint::BigInt;
use num_integer::Integer;
use num_rational::{BigRational, Ratio};
use num_traits::{CheckedAdd, CheckedDiv, CheckedMul, CheckedSub, One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Div, Mul, Neg, Sub};

type Small = Ratio<i128>;
type Word = Ratio<i64>;

/// An exact rational number.
#[derive(Clone)]
pub struct Exact(Repr);

#[derive(Clone)]
enum Repr {
    Word(Word),
    Small(Small),
    Big(BigRational),
}

/// The smallest form of an `i128` ratio.
fn from_small(value: Small) -> Exact {
    match (i64::try_from(*value.numer()), i64::try_from(*value.denom())) {
        (Ok(numerator), Ok(denominator)) => {
            Exact(Repr::Word(Word::new_raw(numerator, denominator)))
        }
        _ => Exact(Repr::Small(value)),
    }
}

fn widen(value: &Word) -> Small {
    Small::new_raw(i128::from(*value.numer()), i128::from(*value.denom()))
}

/// Evaluates `$body` with `$ratio` bound to whichever ratio `$value` holds:
/// one expression for the three representations, whose types differ.
macro_rules! on_ratio {
    ($value:expr, $ratio:ident => $body:expr) => {
        match &$value.0 {
            Repr::Word($ratio) => $body,
            Repr::Small($ratio) => $body,
            Repr::Big($ratio) => $body,
        }
    };
}

impl From<Word> for Exact {
    fn from(value: Word) -> Exact {
        Exact(Repr::Word(value))
    }
}

impl From<Small> for Exact {
    /// Kept in 64 bits when it fits.
    fn from(value: Small) -> Exact {
        from_small(value)
    }
}

impl Exact {
    /// `numerator / denominator`, reduced. Panics on a zero denominator,
    /// like any division by zero.
    pub fn ratio(numerator: i128, denominator: i128) -> Exact {
        from_small(Small::new(numerator, denominator))
    }

    /// `numerator / denominator` of any size, reduced.
    pub fn new(numerator: BigInt, denominator: BigInt) -> Exact {
        Exact::from_big(BigRational::new(numerator, denominator))
    }

    /// A whole number.
    pub fn from_integer(value: i64) -> Exact {
        Exact(Repr::Word(Word::from_integer(value)))
    }

    /// From a big rational, kept small when it fits.
    pub fn from_big(value: BigRational) -> Exact {
        match (value.numer().to_i128(), value.denom().to_i128()) {
            (Some(numerator), Some(denominator)) => {
                from_small(Small::new_raw(numerator, denominator))
            }
            _ => Exact(Repr::Big(value)),
        }
    }

    /// As a big rational.
    pub fn to_big(&self) -> BigRational {
        match &self.0 {
            Repr::Word(word) => {
                BigRational::new_raw(BigInt::from(*word.numer()), BigInt::from(*word.denom()))
            }
            Repr::Small(small) => {
                BigRational::new_raw(BigInt::from(*small.numer()), BigInt::from(*small.denom()))
            }
            Repr::Big(big) => big.clone(),
        }
    }

    /// Numerator in lowest terms (the sign is here).
    pub fn numer(&self) -> BigInt {
        self.to_big().numer().clone()
    }

    /// Denominator in lowest terms, positive.
    pub fn denom(&self) -> BigInt {
        self.to_big().denom().clone()
    }

    /// The small form, when the value has one.
    pub fn as_small(&self) -> Option<(i128, i128)> {
        self.small().map(|small| (*small.numer(), *small.denom()))
    }

    /// Rounded up to a whole number.
    ///
    /// Not `Ratio::ceil`: for a positive value that adds the denominator to
    /// the numerator first, which overflows near the top of `i64`/`i128`
    /// (a panic in a debug build, a wrong figure in a release build).
    /// `div_ceil` never leaves the range of the quotient.
    pub fn ceil(&self) -> Exact {
        match &self.0 {
            Repr::Word(word) => Exact::from_integer(Integer::div_ceil(word.numer(), word.denom())),
            Repr::Small(small) => Exact::ratio(Integer::div_ceil(small.numer(), small.denom()), 1),
            Repr::Big(big) => Exact::from_big(big.ceil()),
        }
    }

    /// Whether the value is below, at or above zero.
    pub fn signum(&self) -> Ordering {
        on_ratio!(self, ratio => if ratio.is_negative() {
            Ordering::Less
        } else if ratio.is_zero() {
            Ordering::Equal
        } else {
            Ordering::Greater
        })
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.signum() == Ordering::Less
    }

    /// Whether the value is above zero.
    pub fn is_positive(&self) -> bool {
        self.signum() == Ordering::Greater
    }

    /// The nearest `f64`, for drawing charts and filling spreadsheet cells:
    /// never for deciding anything.
    pub fn to_f64(&self) -> Option<f64> {
        on_ratio!(self, ratio => ratio.to_f64())
    }

    /// The value as an `i128` ratio, when it has one.
    fn small(&self) -> Option<Small> {
        match &self.0 {
            Repr::Word(word) => Some(widen(word)),
            Repr::Small(small) => Some(*small),
            Repr::Big(_) => None,
        }
    }

    /// Applies a checked operation in 64 bits, else in 128 bits, else on
    /// big rationals.
    fn combine(
        &self,
        other: &Exact,
        word: impl Fn(&Word, &Word) -> Option<Word>,
        small: impl Fn(&Small, &Small) -> Option<Small>,
        big: impl Fn(BigRational, BigRational) -> BigRational,
    ) -> Exact {
        if let (Repr::Word(a), Repr::Word(b)) = (&self.0, &other.0)
            && let Some(result) = word(a, b)
        {
            return Exact(Repr::Word(result));
        }
        if let (Some(a), Some(b)) = (self.small(), other.small())
            && let Some(result) = small(&a, &b)
        {
            return from_small(result);
        }
        Exact::from_big(big(self.to_big(), other.to_big()))
    }
}

impl Default for Exact {
    fn default() -> Exact {
        Exact::zero()
    }
}

impl Zero for Exact {
    fn zero() -> Exact {
        Exact(Repr::Word(Word::zero()))
    }

    fn is_zero(&self) -> bool {
        on_ratio!(self, ratio => ratio.is_zero())
    }
}

impl One for Exact {
    fn one() -> Exact {
        Exact(Repr::Word(Word::one()))
    }
}

impl PartialEq for Exact {
    fn eq(&self, other: &Exact) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Exact {}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> Ordering {
        // Ratio's comparison divides rather than multiplies: no overflow.
        match (&self.0, &other.0) {
            (Repr::Word(a), Repr::Word(b)) => a.cmp(b),
            _ => match (self.small(), other.small()) {
                (Some(a), Some(b)) => a.cmp(&b),
                _ => self.to_big().cmp(&other.to_big()),
            },
        }
    }
}

impl fmt::Debug for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Exact({self})")
    }
}

/// `p/q` in lowest terms, or `p` when whole.
impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        on_ratio!(self, ratio => if ratio.denom().is_one() {
            write!(f, "{}", ratio.numer())
        } else {
            write!(f, "{}/{}", ratio.numer(), ratio.denom())
        })
    }
}

impl Neg for Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        match self.0 {
            Repr::Word(word) => match word.numer().checked_neg() {
                Some(numerator) => Exact(Repr::Word(Word::new_raw(numerator, *word.denom()))),
                None => from_small(-widen(&word)),
            },
            // −(2^63) fits 64 bits again: normalise.
            Repr::Small(small) => match small.numer().checked_neg() {
                Some(numerator) => from_small(Small::new_raw(numerator, *small.denom())),
                None => Exact::from_big(-Exact(Repr::Small(small)).to_big()),
            },
            Repr::Big(big) => Exact::from_big(-big),
        }
    }
}

macro_rules! operator {
    ($trait:ident, $method:ident, $checked:ident) => {
        impl $trait<&Exact> for &Exact {
            type Output = Exact;
            fn $method(self, other: &Exact) -> Exact {
                self.combine(
                    other,
                    |a, b| a.$checked(b),
                    |a, b| a.$checked(b),
                    |a, b| $trait::$method(a, b),
                )
            }
        }
        impl $trait<Exact> for Exact {
            type Output = Exact;
            fn $method(self, other: Exact) -> Exact {
                (&self).$method(&other)
            }
        }
        impl $trait<&Exact> for Exact {
            type Output = Exact;
            fn $method(self, other: &Exact) -> Exact {
                (&self).$method(other)
            }
        }
        impl $trait<Exact> for &Exact {
            type Output = Exact;
            fn $method(self, other: Exact) -> Exact {
                self.$method(&other)
            }
        }
    };
}

operator!(Add, add, checked_add);
operator!(Sub, sub, checked_sub);
operator!(Mul, mul, checked_mul);
operator!(Div, div, checked_div);

impl std::ops::AddAssign<&Exact> for Exact {
    fn add_assign(&mut self, other: &Exact) {
        *self = &*self + other;
    }
}

impl std::ops::SubAssign<Exact> for Exact {
    fn sub_assign(&mut self, other: Exact) {
        *self = &*self - &other;
    }
}

impl Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::zero(), |total, item| total + item)
    }
}

impl<'a> Sum<&'a Exact> for Exact {
    fn sum<I: Iterator<Item = &'a Exact>>(iter: I) -> Exact {
        iter.fold(Exact::zero(), |total, item| total + item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_values_overflowing_i128_move_to_big_and_stay_exact() {
        let big = Exact::ratio(i128::MAX, 1);
        let sum = &big + &big;
        assert_eq!(sum.numer(), BigInt::from(i128::MAX) * 2);
        assert_eq!(&sum - &big, big);
        let tiny = Exact::ratio(1, i128::MAX);
        let product = &tiny * &tiny;
        assert_eq!(
            product.denom(),
            BigInt::from(i128::MAX) * BigInt::from(i128::MAX)
        );
        assert_eq!(&product * &Exact::ratio(i128::MAX, 1), tiny);
        assert!(product.as_small().is_none());
        assert!(
            (&product * &Exact::ratio(i128::MAX, 1))
                .as_small()
                .is_some(),
            "back to small"
        );
    }

    #[test]
    fn values_past_i64_move_to_i128_and_back() {
        let large = Exact::from_integer(i64::MAX);
        let double = &large + &large;
        assert!(matches!(double.0, Repr::Small(_)), "past i64: 128-bit");
        assert_eq!(double.numer(), BigInt::from(i64::MAX) * 2);
        let back = &double - &large;
        assert!(matches!(back.0, Repr::Word(_)), "fits again: 64-bit");
        assert_eq!(back, large);
    }

    #[test]
    fn representations_compare_by_value() {
        let small = Exact::ratio(3, 4);
        let big = Exact(Repr::Big(BigRational::new(
            BigInt::from(6),
            BigInt::from(8),
        )));
        assert_eq!(small, big);
        assert!(Exact::ratio(1, 2) < big);
        assert_eq!(format!("{big}"), "3/4");
    }

    #[test]
    fn results_take_the_smallest_form_that_holds_them() {
        let above_i64 = Exact::ratio(1i128 << 63, 1);
        assert!(matches!(above_i64.0, Repr::Small(_)));
        assert!(matches!((-above_i64).0, Repr::Word(_)));
        let half = Exact::ratio(i128::from(i64::MAX) * 2 + 1, 2);
        assert!(matches!(half.ceil().0, Repr::Small(_)));
        assert!(matches!(Exact::ratio(3, 2).ceil().0, Repr::Word(_)));
    }

    #[test]
    fn ceil_is_exact_in_every_form() {
        assert_eq!(Exact::ratio(7, 2).ceil(), Exact::from_integer(4));
        assert_eq!(Exact::ratio(-7, 2).ceil(), Exact::from_integer(-3));
        // Near the top of each form, where Ratio::ceil overflows.
        assert_eq!(
            Exact::ratio(i64::MAX.into(), 2).ceil(),
            Exact::from_integer(i64::MAX / 2 + 1)
        );
        assert_eq!(
            Exact::ratio(i128::MAX, 2).ceil(),
            Exact::ratio(i128::MAX / 2 + 1, 1)
        );
        // Past i128: 2^130 / 3 rounds up to (2^130 + 2) / 3.
        let power: BigInt = BigInt::one() << 130usize;
        let big = Exact::new(power.clone(), BigInt::from(3));
        assert!(matches!(big.0, Repr::Big(_)));
        assert_eq!(big.ceil().numer(), (power + 2) / 3);
    }

    #[test]
    fn signs_agree_in_every_form() {
        for value in [
            Exact::ratio(-3, 2),
            Exact::ratio(-(1i128 << 100), 3),
            Exact::new(-BigInt::from(1u128 << 127) * 4, BigInt::from(3)),
        ] {
            assert!(value.is_negative() && !value.is_positive());
            assert!((-value.clone()).is_positive());
            assert_eq!(value.signum(), Ordering::Less);
        }
        assert_eq!(Exact::zero().signum(), Ordering::Equal);
    }

    #[test]
    fn negation_of_the_smallest_i64_moves_to_i128() {
        let most_negative = Exact::from_integer(i64::MIN);
        let negated = -most_negative;
        assert_eq!(negated.numer(), BigInt::from(1u64 << 63));
        assert!(matches!(negated.0, Repr::Small(_)));
    }

    #[test]
    fn debug_shows_the_exact_value() {
        assert_eq!(format!("{:?}", Exact::ratio(6, 8)), "Exact(3/4)");
    }

    #[test]
    fn negation_of_the_smallest_i128_is_exact() {
        let most_negative = Exact::ratio(i128::MIN, 1);
        assert_eq!((-most_negative).numer(), -BigInt::from(i128::MIN));
    }

    #[test]
    fn sums_of_many_sample_fractions_stay_exact() {
        // 1/1 + 1/2 + … + 1/200: far past i128, exact through BigRational.
        let harmonic: Exact = (1..=200).map(|n| Exact::ratio(1, n)).sum();
        let expected = (1..=200).fold(BigRational::zero(), |total, n| {
            total + BigRational::new(BigInt::one(), BigInt::from(n))
        });
        assert_eq!(harmonic.to_big(), expected);
    }
}
