//! bscore's integration tests, one binary: the library's stages and the
//! real `bscore` binary, with the helpers in [`common`] shared by all.

mod batch;
mod boundaries;
mod checklist;
mod cli;
mod common;
mod engine;
mod examples;
mod faults;
mod files;
mod form;
mod form_hostile;
mod form_input;
mod fuzzed;
mod gap;
mod hints;
mod json;
mod language;
mod opened;
mod outputs;
mod printed;
mod properties;
mod provenance;
mod readme;
mod reference;
mod reports;
mod schema;
mod shell;
mod spreadsheet;
mod template;
mod text_safety;
mod width;
