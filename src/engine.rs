//! The scoring engine (§8.3; docs/scoring.md): pure functions from a checklist and an
//! audit to an [`Evaluation`]. No I/O, no output format, no floating point.

use crate::audit::Audit;
use crate::checklist::{Checklist, Grade};
use crate::number::Exact;
use num_traits::{One, Zero};

/// One indicator's contribution.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    /// 小类分值.
    pub points: Exact,
    /// The deduction coefficient; `None` when excluded.
    pub coefficient: Option<Exact>,
    /// (1 − coefficient) × points; zero when excluded.
    pub earned: Exact,
    /// Whether the points count towards the applicable total (not excluded).
    pub applicable: bool,
}

/// Earned against applicable points for a category or group.
#[derive(Debug, Clone, PartialEq)]
pub struct Subtotal {
    /// Points earned.
    pub earned: Exact,
    /// Points applicable (declared total less exclusions).
    pub applicable: Exact,
}

impl Subtotal {
    /// Earned as a percentage of applicable points (得分率).
    pub fn rate(&self) -> Option<Exact> {
        rate(&self.earned, &self.applicable)
    }
}

/// `earned` as a percentage of `applicable` (得分率); `None` when nothing
/// applies.
pub fn rate(earned: &Exact, applicable: &Exact) -> Option<Exact> {
    (!applicable.is_zero()).then(|| earned / applicable * Exact::from_integer(100))
}

/// The result of scoring one audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Per indicator, in checklist order.
    pub indicators: Vec<IndicatorScore>,
    /// Per category, in checklist order.
    pub categories: Vec<Subtotal>,
    /// Per group, in checklist order.
    pub groups: Vec<Subtotal>,
    /// Σ earned (实际得分).
    pub earned: Exact,
    /// Σ applicable points (涉及项总分值).
    pub applicable: Exact,
    /// earned / applicable × full score (§8.3 c 5).
    pub normalized: Exact,
    /// Number of special deductions (§8.3 c 3).
    pub special_deductions: usize,
    /// Points the special deductions take off: their number × the
    /// checklist's points per deduction.
    pub deducted: Exact,
    /// Points the best-practice bonus adds (§8.3 c 4); zero without one.
    pub bonus_points: Exact,
    /// normalized − deducted + bonus points, clamped to 0..=full score.
    pub score: Exact,
    /// The grade (§8.3 d).
    pub grade: Grade,
}

impl Evaluation {
    /// Whether the evaluation passed (any grade but fail).
    pub fn passed(&self) -> bool {
        self.grade != Grade::Fail
    }

    /// Whether special deductions stand: they fail the evaluation whatever
    /// the score (§8.3 d 2).
    pub fn failed_by_special_deduction(&self) -> bool {
        self.special_deductions > 0
    }

    /// Earned against applicable points over the whole checklist.
    pub fn total(&self) -> Subtotal {
        Subtotal {
            earned: self.earned.clone(),
            applicable: self.applicable.clone(),
        }
    }
}

/// Scoring needs some applicable points to divide by; the audit loader
/// rejects audits without, so this only reaches callers that build audits
/// by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoApplicablePoints;

impl std::fmt::Display for NoApplicablePoints {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no applicable points: every indicator that carries points is excluded")
    }
}

impl std::error::Error for NoApplicablePoints {}

/// Scores an audit against the checklist it was validated with.
pub fn evaluate(checklist: &Checklist, audit: &Audit) -> Result<Evaluation, NoApplicablePoints> {
    let indicators: Vec<IndicatorScore> = checklist
        .indicators
        .iter()
        .zip(&audit.entries)
        .map(|(indicator, entry)| score_indicator(&indicator.points, entry))
        .collect();
    // Totals start from the checklist's declared points and subtract what
    // the audit takes away: excluded points from the applicable ones, lost
    // points from the earned ones. Most indicators conform, so this adds
    // far fewer rationals than summing every earned figure.
    let mut group_losses: Vec<Losses> =
        checklist.groups.iter().map(|_| Losses::default()).collect();
    let mut category_losses: Vec<Losses> = checklist
        .categories
        .iter()
        .map(|_| Losses::default())
        .collect();
    let mut total_losses = Losses::default();
    for (indicator, score) in checklist.indicators.iter().zip(&indicators) {
        let loss = Losses::of(score);
        if loss.is_nothing() {
            continue;
        }
        group_losses[indicator.group].add(&loss);
        category_losses[indicator.category].add(&loss);
        total_losses.add(&loss);
    }
    let groups: Vec<Subtotal> = checklist
        .groups
        .iter()
        .zip(&group_losses)
        .map(|(group, losses)| losses.subtotal(&group.total))
        .collect();
    let categories: Vec<Subtotal> = checklist
        .categories
        .iter()
        .zip(&category_losses)
        .map(|(category, losses)| losses.subtotal(&category.total))
        .collect();
    let all = total_losses.subtotal(&checklist.full_score);
    if all.applicable.is_zero() {
        return Err(NoApplicablePoints);
    }
    let normalized = &all.earned / &all.applicable * &checklist.full_score;
    let special_deductions = audit.special_deductions.len();
    let deducted = deducted_points(checklist, special_deductions);
    let bonus_points = if audit.bonus.is_some() {
        checklist.bonus_points.clone()
    } else {
        Exact::zero()
    };
    let score = final_score(checklist, &normalized, &deducted, &bonus_points);
    let grade = grade(checklist, &score, special_deductions);
    Ok(Evaluation {
        indicators,
        categories,
        groups,
        earned: all.earned,
        applicable: all.applicable,
        normalized,
        special_deductions,
        deducted,
        bonus_points,
        score,
        grade,
    })
}

/// What an audit takes away from declared points.
#[derive(Default)]
struct Losses {
    /// Points of excluded indicators.
    excluded: Exact,
    /// Points lost by applicable indicators.
    lost: Exact,
}

impl Losses {
    fn of(score: &IndicatorScore) -> Losses {
        if score.applicable {
            let conforms = score.coefficient.as_ref().is_none_or(Zero::is_zero);
            Losses {
                excluded: Exact::zero(),
                lost: if conforms {
                    Exact::zero()
                } else {
                    &score.points - &score.earned
                },
            }
        } else {
            Losses {
                excluded: score.points.clone(),
                lost: Exact::zero(),
            }
        }
    }

    fn is_nothing(&self) -> bool {
        self.excluded.is_zero() && self.lost.is_zero()
    }

    fn add(&mut self, other: &Losses) {
        if !other.excluded.is_zero() {
            self.excluded += &other.excluded;
        }
        if !other.lost.is_zero() {
            self.lost += &other.lost;
        }
    }

    /// Earned and applicable points of something that declares `points`.
    fn subtotal(&self, points: &Exact) -> Subtotal {
        let applicable = if self.excluded.is_zero() {
            points.clone()
        } else {
            points - &self.excluded
        };
        let earned = if self.lost.is_zero() {
            applicable.clone()
        } else {
            &applicable - &self.lost
        };
        Subtotal { earned, applicable }
    }
}

fn score_indicator(points: &Exact, entry: &crate::audit::Entry) -> IndicatorScore {
    if entry.is_excluded() {
        return IndicatorScore {
            points: points.clone(),
            coefficient: None,
            earned: Exact::zero(),
            applicable: false,
        };
    }
    let coefficient = entry
        .measure()
        .map_or_else(Exact::zero, |measure| measure.coefficient());
    // Most indicators conform: skip the arithmetic for them.
    let earned = if coefficient.is_zero() {
        points.clone()
    } else {
        (Exact::one() - &coefficient) * points
    };
    IndicatorScore {
        points: points.clone(),
        earned,
        coefficient: Some(coefficient),
        applicable: true,
    }
}

/// The points `count` special deductions take off (§8.3 c 3).
fn deducted_points(checklist: &Checklist, count: usize) -> Exact {
    Exact::from_integer(i64::try_from(count).unwrap_or(i64::MAX))
        * &checklist.special_deduction_points
}

/// normalized − deducted + bonus points, clamped to 0..=full score
/// (docs/scoring.md, step 4).
pub fn final_score(
    checklist: &Checklist,
    normalized: &Exact,
    deducted: &Exact,
    bonus_points: &Exact,
) -> Exact {
    let raw = normalized - deducted + bonus_points;
    raw.clamp(Exact::zero(), checklist.full_score.clone())
}

/// The grade of an exact score (docs/scoring.md, step 5): any special deduction fails;
/// otherwise the best band whose inclusive minimum the score reaches.
pub fn grade(checklist: &Checklist, score: &Exact, special_deductions: usize) -> Grade {
    if special_deductions > 0 {
        return Grade::Fail;
    }
    checklist
        .grades
        .iter()
        .filter(|band| band.min_score.as_ref().is_some_and(|min| score >= min))
        .map(|band| band.grade)
        .max()
        .unwrap_or(Grade::Fail)
}
