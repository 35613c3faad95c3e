//! Reading what users give echri: case files (TOML or JSON) and corpora
//! (JSON Lines, stdin, directories of case files), with errors that name
//! the file, line, column and field.

pub mod case_file;
pub mod corpus;
