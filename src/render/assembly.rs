//! How the reports of a run are written: a streamed format piece by piece
//! as they come, with what goes before, between and after them; a whole
//! format (XLSX) gathered and written as one file.

use super::report::{Line, Piece, RenderOptions, Report, Streamed, Summary};
use crate::checklist::Checklist;
use std::io::{self, Write};

/// How a format is written: report by report as they come, or whole.
pub enum Rendering<'a> {
    /// Each report is rendered on its own and written at once; a batch of
    /// thousands is never held whole.
    Streamed(Assembler<'a>),
    /// The reports are gathered and written as one file (XLSX, a workbook).
    Whole(WholeRenderer),
}

/// Writes the pieces of a streamed format in order, with what goes before,
/// between and after them.
pub struct Assembler<'a> {
    renderer: Box<dyn Streamed>,
    checklist: &'a Checklist,
    several: bool,
    lines: Vec<Line>,
    written: bool,
}

impl Assembler<'_> {
    /// An assembler of `renderer`'s pieces; `several` says whether they are
    /// a batch.
    pub(super) fn new(
        renderer: Box<dyn Streamed>,
        checklist: &Checklist,
        several: bool,
    ) -> Assembler<'_> {
        Assembler {
            renderer,
            checklist,
            several,
            lines: Vec::new(),
            written: false,
        }
    }

    /// Renders one report on its own (on any thread).
    pub fn piece(&self, report: &Report<'_>) -> io::Result<Piece> {
        let bytes = self.renderer.piece(report, self.several)?;
        Ok(Piece {
            bytes,
            summary: Summary::of(report),
        })
    }

    /// Writes the next piece.
    pub fn push(&mut self, piece: Piece, out: &mut dyn Write) -> io::Result<()> {
        match self.written {
            false => self
                .renderer
                .head(self.checklist, &piece.summary, self.several, out)?,
            true => self.renderer.separator(self.several, out)?,
        }
        out.write_all(&piece.bytes)?;
        self.written = true;
        self.lines.push(Line::Evaluated(piece.summary));
        Ok(())
    }

    /// Records, in its place, an audit that could not be evaluated.
    pub fn refuse(&mut self, file: String) {
        self.lines.push(Line::Refused(file));
    }

    /// Writes what follows the last piece, if there was any.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        if self.written {
            self.renderer
                .tail(self.checklist, &self.lines, self.several, out)?;
        }
        Ok(())
    }
}

/// A format written whole.
pub struct WholeRenderer {
    options: RenderOptions,
}

impl WholeRenderer {
    /// The XLSX workbook's writer, the one format written whole.
    pub(super) fn xlsx(options: RenderOptions) -> WholeRenderer {
        WholeRenderer { options }
    }

    /// Writes every report as one file.
    pub fn render(&self, reports: &[Report<'_>], out: &mut dyn Write) -> io::Result<()> {
        super::xlsx::XlsxRenderer {
            options: self.options,
        }
        .render(reports, out)
    }
}
