//! Provenance of a result (§8.1 b: results are re-examined for years): the
//! bscore version, the standard, and SHA-256 digests of the checklist and
//! the audit exactly as read, so that a result can be re-derived and checked.

use sha2::{Digest, Sha256};
use std::fmt::Write;

/// The SHA-256 of `text`'s bytes, in lowercase hexadecimal.
pub fn sha256(text: &str) -> String {
    sha256_bytes(text.as_bytes())
}

/// The SHA-256 of bytes as read (a form's workbook), in hex.
pub fn sha256_bytes(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// This build's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_standard_sha256() {
        assert_eq!(
            sha256(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
