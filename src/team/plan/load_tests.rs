//! Tests of the plan loader.
