//! Rendering a [`Report`](crate::findings::Report). Reports decide nothing.

pub mod sarif;
pub mod summary;
