//! The 细则 printed as the document a certification body publishes.
