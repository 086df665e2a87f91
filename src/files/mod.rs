//! The files a command reads and writes: inputs (`-`, directories, a size
//! limit) and outputs that never destroy what is there.

mod names;
mod read;
mod streams;
mod wildcard;
mod write;

pub use names::{Writes, Written, chosen_kind, extension_of};
pub use streams::table_width;

pub use read::{Audits, Source, is_form, read_audits, read_result, read_source};
pub use wildcard::{expand_all, expand_one};
pub use write::{
    Output, clean_up_on_interrupt, emit, emit_all, emit_with, refuse_existing_output,
    stdout_writer, write_beside,
};
