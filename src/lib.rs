//! Briefing: turn news articles into a structured "who stands where on what" briefing.
//!
//! The analysis is three pure steps, each its own module and each usable alone:
//! [`load`] (bytes to text), [`parse`] (text to [`parse::Article`]) and [`analysis`]
//! ([`parse::Article`] to [`model::Briefing`]); [`document`] runs them for one file and
//! [`export`] prints the result for the command line.
//!
//! The analyst's work is a [`model::session::Session`], changed only through
//! [`command::apply`] (with undo in [`command::History`]), kept on disk by [`storage`], and
//! shown with the analysis as a [`model::matrix::Matrix`]. None of these modules knows about the
//! window: [`ui`] draws and [`app`] ties everything together, with slow work in [`jobs`].

pub mod analysis;
pub mod anchor;
pub mod app;
pub mod autosave;
pub mod base;
pub mod command;
pub mod document;
pub mod eval;
pub mod export;
pub mod guard;
pub mod jobs;
pub mod load;
pub mod model;
pub mod openings;
pub mod parse;
pub mod repeats;
pub mod session_file;
pub mod storage;
pub mod terminate;
pub mod ui;
pub mod workspace;
