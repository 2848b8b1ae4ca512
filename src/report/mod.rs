//! Rendering a [`Report`](crate::findings::Report). Reports decide nothing.

pub mod json;
pub mod markdown;
pub mod sarif;
pub mod summary;
