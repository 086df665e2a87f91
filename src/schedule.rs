//! The certification cycle (§8.1 b): the latest dates for the next
//! surveillance and for re-evaluation, from the audit's date and kind.

use crate::audit::{AuditKind, AuditMeta};
use crate::checklist::Checklist;
use jiff::ToSpan;
use jiff::civil::Date;

/// The latest dates of the next evaluations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// Start of the cycle, when known.
    pub cycle_start: Option<Date>,
    /// Latest date for the next surveillance: one interval after this audit.
    pub next_surveillance: Option<Date>,
    /// Latest date for re-evaluation: the cycle's length after its start.
    pub recertification: Option<Date>,
}

/// Adds whole years; 29 February moves to 28 February in a common year, so
/// the date is never later than the interval allows.
pub(crate) fn add_years(date: Date, years: u8) -> Option<Date> {
    date.checked_add(i64::from(years).years()).ok()
}

/// The schedule that follows an audit.
pub fn schedule(checklist: &Checklist, meta: &AuditMeta) -> Schedule {
    Schedule {
        cycle_start: meta.cycle_start,
        next_surveillance: add_years(meta.date, checklist.surveillance_interval_years),
        recertification: meta
            .cycle_start
            .and_then(|start| add_years(start, checklist.recertification_interval_years)),
    }
}

/// The evaluation that must come next, and the latest date it may take
/// place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Next {
    /// A surveillance, or a re-evaluation when the cycle ends first.
    pub kind: AuditKind,
    /// The earlier of the next surveillance's and the re-evaluation's
    /// latest dates.
    pub by: Date,
}

impl Schedule {
    /// The next evaluation: a re-evaluation when the cycle ends on or
    /// before the next surveillance would be due (the re-evaluation then
    /// stands in for that year's surveillance), else a surveillance. `None`
    /// when neither date is known.
    pub fn next(&self) -> Option<Next> {
        match (self.next_surveillance, self.recertification) {
            (Some(surveillance), Some(end)) if end <= surveillance => Some(Next {
                kind: AuditKind::Recertification,
                by: end,
            }),
            (Some(surveillance), _) => Some(Next {
                kind: AuditKind::Surveillance,
                by: surveillance,
            }),
            (None, Some(end)) => Some(Next {
                kind: AuditKind::Recertification,
                by: end,
            }),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_leap_day_moves_to_the_end_of_february() {
        assert_eq!(add_years(date(2024, 2, 29), 1), Some(date(2025, 2, 28)));
        assert_eq!(add_years(date(2024, 2, 29), 3), Some(date(2027, 2, 28)));
        assert_eq!(add_years(date(2024, 2, 29), 4), Some(date(2028, 2, 29)));
    }

    fn next_of(date: Date, kind: AuditKind, cycle_start: Option<Date>) -> Option<Next> {
        let meta = AuditMeta::dated(date, kind, cycle_start);
        schedule(&Checklist::builtin(), &meta).next()
    }

    #[test]
    fn the_next_evaluation_never_passes_the_re_evaluation_deadline() {
        // The audit: a surveillance of 2024-11-20 in a cycle from
        // 2021-01-10. Next surveillance 2025-11-20, re-evaluation
        // 2024-01-10: the re-evaluation is next, by 2024-01-10.
        let surveillance = AuditKind::Surveillance;
        assert_eq!(
            next_of(date(2024, 11, 20), surveillance, Some(date(2021, 1, 10))),
            Some(Next {
                kind: AuditKind::Recertification,
                by: date(2024, 1, 10)
            })
        );
        // 2023-01-31 + 12 months = 2024-01-31. In a cycle from 2021-02-01
        // (re-evaluation by 2024-02-01) the surveillance comes a day
        // before: it is next; from 2021-01-31 both fall on 2024-01-31,
        // and the re-evaluation stands in for the surveillance.
        assert_eq!(
            next_of(date(2023, 1, 31), surveillance, Some(date(2021, 2, 1))),
            Some(Next {
                kind: AuditKind::Surveillance,
                by: date(2024, 1, 31)
            })
        );
        assert_eq!(
            next_of(date(2023, 1, 31), surveillance, Some(date(2021, 1, 31))),
            Some(Next {
                kind: AuditKind::Recertification,
                by: date(2024, 1, 31)
            })
        );
        // An initial evaluation on 2024-02-29 starts its cycle: next
        // surveillance by 2025-02-28, re-evaluation by 2027-02-28.
        assert_eq!(
            next_of(
                date(2024, 2, 29),
                AuditKind::Initial,
                Some(date(2024, 2, 29))
            ),
            Some(Next {
                kind: AuditKind::Surveillance,
                by: date(2025, 2, 28)
            })
        );
        // A surveillance whose cycle start is unknown: a year on.
        assert_eq!(
            next_of(date(2025, 3, 1), surveillance, None),
            Some(Next {
                kind: AuditKind::Surveillance,
                by: date(2026, 3, 1)
            })
        );
    }

    #[test]
    fn year_ends_stay_year_ends() {
        assert_eq!(add_years(date(2026, 12, 31), 1), Some(date(2027, 12, 31)));
        assert_eq!(add_years(date(2026, 1, 1), 3), Some(date(2029, 1, 1)));
    }
}
