//! Display names that are not checklist data.

use crate::audit::AuditKind;
use crate::checklist::{Checklist, Grade};

/// The checklist's Chinese name for a grade.
pub fn grade_name(checklist: &Checklist, grade: Grade) -> &str {
    &checklist.band(grade).name
}

/// Chinese name of an audit kind.
pub fn kind_name(kind: AuditKind) -> &'static str {
    match kind {
        AuditKind::Initial => "初次评价",
        AuditKind::Surveillance => "监督评价",
        AuditKind::Recertification => "重新评价",
    }
}
