//! One service's evaluations over the certification cycle (§8.1 b): the
//! series in date order, each result tied to the one before, the cycle's
//! rules checked, and what became of each nonconformity.

pub mod chart;
