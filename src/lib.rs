//! catscan: reads bills of materials and reports where a product runs into China's catalogue of
//! critical network equipment and specialized cybersecurity products, with reasons, as SARIF.

pub mod ingest;
pub mod inventory;
