//! Rendering a [`Report`](crate::findings::Report). Reports decide nothing.

pub mod escape;
pub mod github;
pub mod html;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod snippet;
mod stream;
pub mod summary;
pub mod terminal;
