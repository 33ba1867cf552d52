//! Briefing: turn news articles into a structured "who stands where on what" briefing.
//!
//! The pipeline is three pure steps, each its own module and each usable alone:
//! [`load`] (bytes to text), [`parse`] (text to [`parse::Article`]) and [`analysis`]
//! ([`parse::Article`] to [`model::Briefing`]). [`export`] prints a briefing for the command line.
//! None of these modules knows about the window.

pub mod analysis;
pub mod anchor;
pub mod app;
pub mod command;
pub mod document;
pub mod export;
pub mod jobs;
pub mod load;
pub mod model;
pub mod parse;
pub mod storage;
pub mod ui;
