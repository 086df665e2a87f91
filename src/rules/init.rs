//! The starter 细则 `bscore rules init` writes.
