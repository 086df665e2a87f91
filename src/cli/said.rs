//! What the command line says on standard error besides a command's
//! failure.

use crate::diagnostic::InputError;
use crate::failure::render_input_errors;
use crate::message::Lang;
use crate::text::visible;
use std::io::{self, Write};

/// Every input problem found, when there are any.
pub(super) fn report_input_errors(errors: &[InputError], lang: Lang) {
    if !errors.is_empty() {
        to_stderr(&render_input_errors(errors, lang));
    }
}

/// One message on standard error, with the file names and text it quotes
/// shown, not obeyed.
pub(super) fn to_stderr(message: &str) {
    // Nothing sensible is left to do if stderr itself is gone.
    let _ = writeln!(io::stderr().lock(), "{}", visible(message, true));
}
