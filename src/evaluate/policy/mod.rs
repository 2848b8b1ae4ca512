//! Rules of the policy family: exceptions in the policy file that expired or match nothing.

pub mod rules;
