//! bscore's integration tests, one binary: the library's stages and the
//! real `bscore` binary, with the helpers in [`common`] shared by all.
//!
//! Some tests need programs from outside (Chromium to print the HTML
//! report, LibreOffice and Gnumeric to open the form). Where one is
//! missing, such a test is reported as *ignored*, with what to install,
//! never as passed; in CI (`CI` set) the programs are required and the
//! tests run, failing without them. The test harness can only report a
//! test as ignored when that is known as the tests compile, so the
//! search of PATH stays in build.rs (cfgs `has_browser`,
//! `has_libreoffice`, `has_gnumeric`): a check at run time could only
//! return early, which the harness counts as passed, or fail, which
//! blames the code for the machine.

mod batch;
mod boundaries;
mod checklist;
mod cli;
mod common;
mod docx_hostile;
mod engine;
mod evaluation_docx;
mod evaluation_report;
mod examples;
mod faults;
mod files;
mod form;
mod form_hostile;
mod form_input;
mod form_rules;
mod form_samples;
mod fuzzed;
mod gap;
mod hints;
mod history;
mod json;
mod language;
mod next_evaluation;
mod opened;
mod outputs;
mod printed;
mod properties;
mod provenance;
mod readme;
mod reference;
mod reports;
mod reports_by;
mod rules;
mod rules_show;
mod sampled_audits;
mod sampled_reports;
mod samples;
mod schema;
mod shell;
mod spreadsheet;
mod team_merge;
mod team_plan;
mod template;
mod text_safety;
mod width;
