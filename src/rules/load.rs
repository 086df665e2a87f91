//! Reading a 细则 file: every problem at once, located, in both languages.
