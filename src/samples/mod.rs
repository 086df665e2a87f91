//! Samples and sites (§8.3 c 2, §8.2 b 3–4): how large a sample must be,
//! how many sites to visit, and which items a sample draws — each exact
//! and repeatable, so that a sample behind a certificate can be shown
//! years later to be neither too small nor hand-picked (docs/samples.md).
//!
//! No floating point decides anything here: sizes are found by exact
//! products of integers, site counts by integer squares.

mod draw;
mod redraw;

pub use draw::{drawn, listed_items};
pub use redraw::Redraw;

use crate::audit::AuditKind;
use crate::number::Exact;
use num_bigint::BigInt;
use num_traits::{One, Zero};

/// The most items a population may have: far above any service's records,
/// and bounded so that a size is found in a bounded number of steps.
pub const MAX_POPULATION: u64 = 1_000_000_000;

/// How a sample size was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SizeMethod {
    /// A finite population: the hypergeometric probability that a sample
    /// of `size` holds no nonconforming item when `nonconforming` of the
    /// population are, at most 1 − confidence.
    Hypergeometric {
        /// The population.
        population: u64,
        /// ⌈tolerable × population⌉: the fewest nonconforming items that
        /// reach the tolerable rate.
        nonconforming: u64,
    },
    /// No population given: (1 − tolerable)^size ≤ 1 − confidence, the
    /// binomial bound ⌈ln(1−C)/ln(1−t)⌉ found exactly.
    Binomial,
}

/// The smallest zero-nonconformity sample for a confidence and a
/// tolerable rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleSize {
    /// Items to sample.
    pub size: u64,
    /// How it was reached.
    pub method: SizeMethod,
}

/// A confidence or tolerable rate out of range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateError {
    /// The confidence is not above 0 % and below 100 %.
    Confidence,
    /// The tolerable rate is not above 0 % and at most 100 %.
    Tolerable,
    /// The population is 0 or above [`MAX_POPULATION`].
    Population,
}

/// The smallest sample with no nonconforming item that shows, at
/// `confidence` (a share, 0.95), that at most `tolerable` (a share, 0.1)
/// of the population is nonconforming: the smallest n with
/// C(N−D, n) / C(N, n) ≤ 1 − C for a population of N, where
/// D = ⌈t·N⌉; (1 − t)^n ≤ 1 − C without one.
pub fn sample_size(
    population: Option<u64>,
    confidence: &Exact,
    tolerable: &Exact,
) -> Result<SampleSize, RateError> {
    if !confidence.is_positive() || *confidence >= Exact::one() {
        return Err(RateError::Confidence);
    }
    if !tolerable.is_positive() || *tolerable > Exact::one() {
        return Err(RateError::Tolerable);
    }
    let miss = Exact::one() - confidence.clone();
    match population {
        None => Ok(SampleSize {
            size: binomial_size(&miss, tolerable),
            method: SizeMethod::Binomial,
        }),
        Some(population) if population == 0 || population > MAX_POPULATION => {
            Err(RateError::Population)
        }
        Some(population) => {
            let nonconforming = (tolerable.clone() * Exact::ratio(population.into(), 1)).ceil();
            let nonconforming = u64::try_from(nonconforming.numer()).unwrap_or(population);
            Ok(SampleSize {
                size: hypergeometric_size(population, nonconforming, &miss),
                method: SizeMethod::Hypergeometric {
                    population,
                    nonconforming,
                },
            })
        }
    }
}

/// The smallest n with (1 − t)^n ≤ `miss`. The product is kept as an
/// unreduced fraction and compared by cross-multiplying: reducing it
/// at every step would cost a greatest common divisor of ever larger
/// numbers.
fn binomial_size(miss: &Exact, tolerable: &Exact) -> u64 {
    let keep = Exact::one() - tolerable.clone();
    let (keep_numer, keep_denom) = (keep.numer(), keep.denom());
    let (miss_numer, miss_denom) = (miss.numer(), miss.denom());
    let (mut numer, mut denom) = (BigInt::one(), BigInt::one());
    let mut size = 0;
    loop {
        size += 1;
        numer *= &keep_numer;
        denom *= &keep_denom;
        if numer.is_zero() || &numer * &miss_denom <= &denom * &miss_numer {
            return size;
        }
    }
}

/// The smallest n with C(N−D, n) / C(N, n) ≤ `miss`, that is
/// Π (N−D−i)/(N−i) for i < n; at most N − D + 1, where the product is 0.
fn hypergeometric_size(population: u64, nonconforming: u64, miss: &Exact) -> u64 {
    let (miss_numer, miss_denom) = (miss.numer(), miss.denom());
    let (mut numer, mut denom) = (BigInt::one(), BigInt::one());
    for size in 1..=population {
        let taken = size - 1;
        numer *= BigInt::from(population.saturating_sub(nonconforming + taken));
        denom *= BigInt::from(population - taken);
        if numer.is_zero() || &numer * &miss_denom <= &denom * &miss_numer {
            return size;
        }
    }
    population
}

/// How many sites to visit, by IAF MD 1's rule (a documented default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SiteCount {
    /// Sites to visit.
    pub sites: u64,
    /// The factor of √N the kind of audit takes, as tenths (10, 6, 8).
    pub tenths: u64,
}

/// ⌈√N⌉ sites for an initial evaluation, ⌈0.6·√N⌉ for a surveillance and
/// ⌈0.8·√N⌉ for a re-evaluation, found exactly: the smallest k with
/// (10k)² ≥ f²·N for the factor f in tenths. At least one site.
pub fn site_count(sites: u64, kind: AuditKind) -> SiteCount {
    let tenths: u64 = match kind {
        AuditKind::Initial => 10,
        AuditKind::Surveillance => 6,
        AuditKind::Recertification => 8,
    };
    let wanted = u128::from(tenths * tenths) * u128::from(sites);
    // The integer square root of wanted / 100, rounded up.
    let mut k = (wanted / 100).isqrt();
    while 100 * k * k < wanted {
        k += 1;
    }
    SiteCount {
        sites: k.max(1).try_into().unwrap_or(u64::MAX),
        tenths,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn percent(value: i64) -> Exact {
        Exact::ratio(value.into(), 100)
    }

    #[test]
    fn published_zero_deviation_sizes_for_a_large_population() {
        // AICPA attribute-sampling table, zero expected deviations.
        let cases = [
            (95, 10, 29),
            (95, 5, 59),
            (95, 3, 99),
            (95, 2, 149),
            (95, 1, 299),
            (90, 10, 22),
            (90, 5, 45),
            (99, 5, 90),
        ];
        for (confidence, tolerable, size) in cases {
            let found = sample_size(None, &percent(confidence), &percent(tolerable)).unwrap();
            assert_eq!(found.size, size, "{confidence} % / {tolerable} %");
        }
    }

    #[test]
    fn a_finite_population_by_hand() {
        // N = 40, t = 10 %: D = 4; C(36, n) / C(40, n) =
        // (40−n)(39−n)(38−n)(37−n) / (40·39·38·37) ≤ 0.05 first at n = 21
        // (19·18·17·16 = 93,024 ≤ 109,668 = 0.05 × 2,193,360; n = 20
        // gives 116,280).
        let found = sample_size(Some(40), &percent(95), &percent(10)).unwrap();
        assert_eq!(found.size, 21);
        let method = SizeMethod::Hypergeometric {
            population: 40,
            nonconforming: 4,
        };
        assert_eq!(found.method, method);
        // N = 10, t = 10 %: D = 1, (10 − n)/10 ≤ 0.05 only when all are taken.
        assert_eq!(
            sample_size(Some(10), &percent(95), &percent(10))
                .unwrap()
                .size,
            10
        );
    }

    #[test]
    fn rates_out_of_range_are_refused() {
        assert_eq!(
            sample_size(None, &percent(100), &percent(10)),
            Err(RateError::Confidence)
        );
        assert_eq!(
            sample_size(None, &percent(95), &percent(0)),
            Err(RateError::Tolerable)
        );
        assert_eq!(
            sample_size(Some(0), &percent(95), &percent(10)),
            Err(RateError::Population)
        );
    }

    #[test]
    fn site_counts_by_hand() {
        // √10 = 3.16…: 4; 0.6·√10 = 1.90: 2; 0.8·√10 = 2.53: 3.
        let count = |n, kind| site_count(n, kind).sites;
        assert_eq!(count(10, AuditKind::Initial), 4);
        assert_eq!(count(10, AuditKind::Surveillance), 2);
        assert_eq!(count(10, AuditKind::Recertification), 3);
        // 25: 5, 3, 4 (0.6·5 = 3 exactly, 0.8·5 = 4 exactly).
        assert_eq!(count(25, AuditKind::Initial), 5);
        assert_eq!(count(25, AuditKind::Surveillance), 3);
        assert_eq!(count(25, AuditKind::Recertification), 4);
        assert_eq!(count(1, AuditKind::Surveillance), 1);
        assert_eq!(count(0, AuditKind::Initial), 1);
    }
}
