//! Cargo workspaces, read through `cargo metadata`.
