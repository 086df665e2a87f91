//! The files a command reads and writes: inputs (`-`, directories, a size
//! limit) and outputs that never destroy what is there.

mod interrupt;
mod names;
mod output;
mod read;
mod refusals;
mod streams;
mod together;
mod wildcard;
mod write;

pub use names::{Writes, Written, chosen_kind};
pub use streams::table_width;

pub use interrupt::clean_up_on_interrupt;
pub use output::Output;
pub use read::{
    Audits, Source, read_audits, read_plan_text, read_result, read_source, read_text,
    read_toml_text,
};
pub use refusals::refuse_existing_output;
pub use together::emit_all;
pub use wildcard::{expand_all, expand_one};
pub use write::{emit, emit_with, stdout_writer, write_beside};
