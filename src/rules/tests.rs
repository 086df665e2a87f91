//! Tests of [`super::breaches`].
