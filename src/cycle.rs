//! The certification cycle's rules (§8.1 b: "应至少按年度进行监督评价，至少每三年
//! 重新评价一次") checked over a service's evaluations in date order, once,
//! for `bscore history` and for one audit's own dates (an overdue
//! re-evaluation). docs/scoring.md says how each rule is read.

use crate::audit::{AuditKind, AuditMeta};
use crate::checklist::Checklist;
use crate::schedule::add_years;
use jiff::civil::Date;

/// One evaluation as the cycle sees it: when, what kind, and the cycle
/// start it declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    /// The evaluation's date.
    pub date: Date,
    /// Initial, surveillance or re-evaluation.
    pub kind: AuditKind,
    /// The cycle start the audit declares (or, for an initial or
    /// re-evaluation without one, its own date).
    pub cycle_start: Option<Date>,
}

impl Dated {
    /// The dates of an audit's header.
    pub fn of(meta: &AuditMeta) -> Dated {
        Dated {
            date: meta.date,
            kind: meta.kind,
            cycle_start: meta.cycle_start,
        }
    }

    /// Whether this evaluation opens a cycle: an initial evaluation or a
    /// re-evaluation.
    fn opens_cycle(&self) -> bool {
        self.kind != AuditKind::Surveillance
    }

    /// The start of the cycle this evaluation opens: its date, whatever
    /// `cycle_start` it declares (docs/cli.md: a surveillance's start is
    /// "the date of the evaluation that opened its cycle"). An initial
    /// evaluation declaring an earlier start would otherwise make its own
    /// cycle end before it, and its surveillances mismatched.
    fn opened_on(&self) -> Date {
        self.date
    }
}

/// Which rule of the cycle a series breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// The first evaluation on record is a surveillance: a series starts
    /// with an initial evaluation (or a re-evaluation, when the earlier
    /// cycles are not on record).
    FirstNotInitial,
    /// Two consecutive evaluations more than the surveillance interval
    /// (one year) apart.
    SurveillanceInterval,
    /// An evaluation after the cycle's end with no re-evaluation before.
    RecertificationOverdue,
    /// A surveillance that declares another cycle start than the
    /// evaluation that opened its cycle.
    CycleStartMismatch,
    /// An initial evaluation after the first: a later cycle opens with a
    /// re-evaluation.
    InitialAgain,
}

impl Rule {
    /// The id the JSON result and the docs use.
    pub fn id(self) -> &'static str {
        match self {
            Rule::FirstNotInitial => "first_not_initial",
            Rule::SurveillanceInterval => "surveillance_interval",
            Rule::RecertificationOverdue => "recertification_overdue",
            Rule::CycleStartMismatch => "cycle_start_mismatch",
            Rule::InitialAgain => "initial_again",
        }
    }
}

/// A breach of the cycle between two evaluations of the series (the same
/// one twice for a rule about one evaluation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Breach {
    /// The rule broken.
    pub rule: Rule,
    /// Positions in the series of the evaluations it lies between.
    pub between: (usize, usize),
    /// The latest date the later evaluation was due (for the interval and
    /// the re-evaluation), or the cycle start expected (for a mismatch).
    pub due: Option<Date>,
}

/// Every breach of the cycle in `series`, which is in date order, in the
/// order they happen.
pub fn breaches(checklist: &Checklist, series: &[Dated]) -> Vec<Breach> {
    let Some(first) = series.first() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    if !first.opens_cycle() {
        found.push(Breach {
            rule: Rule::FirstNotInitial,
            between: (0, 0),
            due: None,
        });
    }
    let mut cycle = Cycle::opened(0, first);
    for (index, pair) in series.windows(2).enumerate() {
        let (before, after) = (pair[0], pair[1]);
        let at = index + 1;
        if let Some(due) = add_years(before.date, checklist.surveillance_interval_years)
            .filter(|due| after.date > *due)
        {
            found.push(Breach {
                rule: Rule::SurveillanceInterval,
                between: (index, at),
                due: Some(due),
            });
        }
        if after.kind == AuditKind::Initial {
            found.push(Breach {
                rule: Rule::InitialAgain,
                between: (index, at),
                due: None,
            });
        }
        found.extend(cycle.check(checklist, at, &after));
        if after.opens_cycle() {
            cycle = Cycle::opened(at, &after);
        }
    }
    found
}

/// The cycle an evaluation runs in: where it opened, when it started, and
/// whether its end has already been found passed.
struct Cycle {
    opener: usize,
    start: Option<Date>,
    overdue_said: bool,
}

impl Cycle {
    /// The cycle `dated` (at `index`) opens, or the one a first
    /// surveillance declares it runs in.
    fn opened(index: usize, dated: &Dated) -> Cycle {
        Cycle {
            opener: index,
            start: if dated.opens_cycle() {
                Some(dated.opened_on())
            } else {
                dated.cycle_start
            },
            overdue_said: false,
        }
    }

    /// The breaches of evaluation `at` in this cycle: past its end (said
    /// once a cycle), or a surveillance declaring another start.
    fn check(&mut self, checklist: &Checklist, at: usize, dated: &Dated) -> Vec<Breach> {
        let mut found = Vec::new();
        let Some(start) = self.start else {
            self.start = dated.cycle_start;
            return found;
        };
        let end = add_years(start, checklist.recertification_interval_years);
        if let Some(end) = end.filter(|end| dated.date > *end && !self.overdue_said) {
            self.overdue_said = true;
            found.push(Breach {
                rule: Rule::RecertificationOverdue,
                between: (self.opener, at),
                due: Some(end),
            });
        }
        if !dated.opens_cycle() && dated.cycle_start.is_some_and(|declared| declared != start) {
            found.push(Breach {
                rule: Rule::CycleStartMismatch,
                between: (self.opener, at),
                due: Some(start),
            });
        }
        found
    }
}

/// A surveillance held after its cycle's end: the re-evaluation was due
/// by `due` and this audit should have been one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Overdue {
    /// The cycle's start.
    pub cycle_start: Date,
    /// The latest date of the re-evaluation.
    pub due: Date,
}

/// Whether one audit is a surveillance past its cycle's end.
pub fn overdue(checklist: &Checklist, meta: &AuditMeta) -> Option<Overdue> {
    let dated = Dated::of(meta);
    if dated.opens_cycle() {
        return None;
    }
    let cycle_start = dated.cycle_start?;
    let due = add_years(cycle_start, checklist.recertification_interval_years)?;
    (dated.date > due).then_some(Overdue { cycle_start, due })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(date: Date, kind: AuditKind, cycle_start: Option<Date>) -> Dated {
        Dated {
            date,
            kind,
            cycle_start,
        }
    }

    fn initial(date: Date) -> Dated {
        at(date, AuditKind::Initial, None)
    }

    fn surveillance(date: Date, start: Date) -> Dated {
        at(date, AuditKind::Surveillance, Some(start))
    }

    fn rules(series: &[Dated]) -> Vec<(&'static str, (usize, usize))> {
        let checklist = Checklist::builtin();
        breaches(&checklist, series)
            .into_iter()
            .map(|breach| (breach.rule.id(), breach.between))
            .collect()
    }

    #[test]
    fn a_yearly_cycle_re_evaluated_in_time_breaks_nothing() {
        // 2023-06-01 + 1 year = 2024-06-01 ≥ 2024-05-20; 2024-05-20 + 1
        // year = 2025-05-20 ≥ 2025-05-15; 2025-05-15 + 1 year = 2026-05-15
        // ≥ 2026-05-10, when the re-evaluation comes, before the cycle's
        // end 2023-06-01 + 3 years = 2026-06-01.
        let start = date(2023, 6, 1);
        let series = [
            initial(start),
            surveillance(date(2024, 5, 20), start),
            surveillance(date(2025, 5, 15), start),
            at(date(2026, 5, 10), AuditKind::Recertification, None),
        ];
        assert_eq!(rules(&series), []);
        // A fortnight later it would be in the cycle but 10 days past the
        // year since the last surveillance.
        let mut late = series;
        late[3].date = date(2026, 5, 25);
        assert_eq!(rules(&late), [("surveillance_interval", (2, 3))]);
    }

    #[test]
    fn a_surveillance_a_day_past_the_year_breaks_the_interval() {
        // 2024-03-01 + 1 year = 2025-03-01: on it is in time, a day later
        // is not.
        let start = date(2024, 3, 1);
        let on_time = [initial(start), surveillance(date(2025, 3, 1), start)];
        assert_eq!(rules(&on_time), []);
        let late = [initial(start), surveillance(date(2025, 3, 2), start)];
        assert_eq!(rules(&late), [("surveillance_interval", (0, 1))]);
        let checklist = Checklist::builtin();
        assert_eq!(breaches(&checklist, &late)[0].due, Some(date(2025, 3, 1)));
    }

    #[test]
    fn a_leap_day_s_year_ends_on_the_28th_of_february() {
        // 2024-02-29 + 1 year = 2025-02-28 (no 29th in 2025): the 28th is
        // in time, 1 March is not.
        let start = date(2024, 2, 29);
        let in_time = [initial(start), surveillance(date(2025, 2, 28), start)];
        assert_eq!(rules(&in_time), []);
        let late = [initial(start), surveillance(date(2025, 3, 1), start)];
        assert_eq!(rules(&late), [("surveillance_interval", (0, 1))]);
    }

    #[test]
    fn a_fourth_surveillance_instead_of_a_re_evaluation_is_overdue_once() {
        // Started 2023-01-10, the cycle ends 2026-01-10; the surveillances
        // of 2026-01-05 is in it, those of 2027-01-01 and 2027-12-20 are
        // past it: said once, between the initial and the first late one.
        let start = date(2023, 1, 10);
        let series = [
            initial(start),
            surveillance(date(2024, 1, 8), start),
            surveillance(date(2025, 1, 6), start),
            surveillance(date(2026, 1, 5), start),
            surveillance(date(2027, 1, 1), start),
            surveillance(date(2027, 12, 20), start),
        ];
        assert_eq!(rules(&series), [("recertification_overdue", (0, 4))]);
    }

    #[test]
    fn a_re_evaluation_opens_a_new_cycle() {
        // Re-evaluated 2026-01-05, the new cycle ends 2029-01-05: a
        // surveillance of 2027-01-04 declaring the new start is fine, one
        // declaring the old start is a mismatch.
        let start = date(2023, 1, 10);
        let again = date(2026, 1, 5);
        let series = [
            initial(start),
            surveillance(date(2024, 1, 8), start),
            surveillance(date(2025, 1, 6), start),
            at(again, AuditKind::Recertification, None),
            surveillance(date(2027, 1, 4), again),
        ];
        assert_eq!(rules(&series), []);
        let mut mismatched = series;
        mismatched[4] = surveillance(date(2027, 1, 4), start);
        assert_eq!(rules(&mismatched), [("cycle_start_mismatch", (3, 4))]);
    }

    #[test]
    fn a_cycle_starts_on_the_date_of_the_evaluation_that_opens_it() {
        // An initial evaluation of 2023-06-01 that declares cycle_start
        // 2020-01-01 still opens its cycle on 2023-06-01: the surveillance
        // of 2024-06-01 declaring 2023-06-01 is in time (2023-06-01 + 1
        // year = 2024-06-01) and matches; the cycle ends 2026-06-01, not
        // 2023-01-01, so nothing is overdue.
        let series = [
            at(date(2023, 6, 1), AuditKind::Initial, Some(date(2020, 1, 1))),
            surveillance(date(2024, 6, 1), date(2023, 6, 1)),
        ];
        assert_eq!(rules(&series), []);
        // Declaring the start the initial declared is the mismatch.
        let mut mismatched = series;
        mismatched[1] = surveillance(date(2024, 6, 1), date(2020, 1, 1));
        assert_eq!(rules(&mismatched), [("cycle_start_mismatch", (0, 1))]);
    }

    #[test]
    fn the_series_opens_with_an_initial_evaluation_only_once() {
        let start = date(2024, 4, 1);
        let surveillance_first = [surveillance(start, date(2023, 4, 3))];
        assert_eq!(rules(&surveillance_first), [("first_not_initial", (0, 0))]);
        let twice = [initial(start), initial(date(2025, 3, 1))];
        assert_eq!(rules(&twice), [("initial_again", (0, 1))]);
    }

    #[test]
    fn a_re_evaluation_after_the_cycle_s_end_is_overdue_and_opens_the_next() {
        // Started 2022-05-01, the cycle ended 2025-05-01: a re-evaluation
        // on 2025-06-01 is late, and more than a year after 2024-04-20
        // (due by 2025-04-20); on 2025-04-18 it is in time for both.
        let start = date(2022, 5, 1);
        let series = [
            initial(start),
            surveillance(date(2023, 4, 25), start),
            surveillance(date(2024, 4, 20), start),
            at(date(2025, 4, 18), AuditKind::Recertification, None),
        ];
        assert_eq!(rules(&series), []);
        let mut late = series;
        late[3] = at(date(2025, 6, 1), AuditKind::Recertification, None);
        assert_eq!(
            rules(&late),
            [
                ("surveillance_interval", (2, 3)),
                ("recertification_overdue", (0, 3))
            ]
        );
    }

    #[test]
    fn one_surveillance_past_its_cycle_is_overdue() {
        let checklist = Checklist::builtin();
        let meta = AuditMeta::dated;
        // 2023-01-31 + 3 years = 2026-01-31.
        let start = Some(date(2023, 1, 31));
        let late = meta(date(2026, 2, 1), AuditKind::Surveillance, start);
        assert_eq!(
            overdue(&checklist, &late),
            Some(Overdue {
                cycle_start: date(2023, 1, 31),
                due: date(2026, 1, 31)
            })
        );
        let on_the_day = meta(date(2026, 1, 31), AuditKind::Surveillance, start);
        assert_eq!(overdue(&checklist, &on_the_day), None);
        let re_evaluated = meta(date(2026, 2, 1), AuditKind::Recertification, start);
        assert_eq!(overdue(&checklist, &re_evaluated), None);
    }
}
