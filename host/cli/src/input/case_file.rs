//! Reading case files (TOML or JSON) with errors that name the file, the
//! line and column, and the field.

use std::fmt;
use std::path::{Path, PathBuf};

use echri_sdk::model::Case;

/// Case files larger than this are refused before parsing: a real case is a
/// few kilobytes.
pub const MAX_CASE_FILE_BYTES: u64 = 1 << 20;

/// The formats a case can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML.
    Toml,
    /// JSON.
    Json,
}

impl Format {
    /// The format for a file name, by extension.
    pub fn of_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("toml") {
            Some(Format::Toml)
        } else if ext.eq_ignore_ascii_case("json") {
            Some(Format::Json)
        } else {
            None
        }
    }
}

/// Why a case could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CaseFileError {
    /// The file could not be read.
    #[error("cannot read case file `{}`", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is too large.
    #[error("case file `{}` is {size} bytes, the limit is {MAX_CASE_FILE_BYTES}", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        size: u64,
    },
    /// The extension is neither `.toml` nor `.json`.
    #[error("case file `{}` has an unknown format: expected a `.toml` or `.json` file", path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The content is malformed or invalid (the message locates it).
    #[error(transparent)]
    Invalid(#[from] Invalid),
}

/// A malformed or invalid case, located.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Invalid {
    /// The file (or other input name, e.g. `cases.jsonl:17`).
    pub source_name: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The path of the field at fault, e.g. `items[0].control_code`.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source_name)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// Reads and validates the case in `path`.
pub fn read_case_file(path: &Path) -> Result<Case, CaseFileError> {
    let format = Format::of_path(path).ok_or_else(|| CaseFileError::UnknownFormat {
        path: path.to_owned(),
    })?;
    let read_err = |source| CaseFileError::Read {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_CASE_FILE_BYTES {
        return Err(CaseFileError::TooLarge {
            path: path.to_owned(),
            size,
        });
    }
    let text = std::fs::read_to_string(path).map_err(read_err)?;
    Ok(parse_case(&text, format, &path.display().to_string())?)
}

/// Parses and validates one case. `source_name` names the input in errors.
pub fn parse_case(text: &str, format: Format, source_name: &str) -> Result<Case, Invalid> {
    match format {
        Format::Json => {
            let mut de = serde_json::Deserializer::from_str(text);
            let case: Case = serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let inner = e.inner();
                Invalid {
                    source_name: source_name.to_owned(),
                    line: Some(inner.line()).filter(|&l| l > 0),
                    column: Some(inner.column()).filter(|&c| c > 0),
                    field: field_path(e.path()),
                    message: strip_json_position(&inner.to_string()),
                }
            })?;
            de.end().map_err(|e| Invalid {
                source_name: source_name.to_owned(),
                line: Some(e.line()),
                column: Some(e.column()),
                field: None,
                message: strip_json_position(&e.to_string()),
            })?;
            Ok(case)
        }
        Format::Toml => {
            let de = toml::Deserializer::parse(text)
                .map_err(|e| toml_invalid(text, source_name, None, &e))?;
            serde_path_to_error::deserialize(de).map_err(|e| {
                let field = field_path(e.path());
                toml_invalid(text, source_name, field, e.inner())
            })
        }
    }
}

pub(crate) fn field_path(path: &serde_path_to_error::Path) -> Option<String> {
    let s = path.to_string();
    (s != ".").then_some(s)
}

/// A TOML error located by line and column in `text`.
pub(crate) fn toml_invalid(
    text: &str,
    source_name: &str,
    field: Option<String>,
    e: &toml::de::Error,
) -> Invalid {
    let (line, column) = match e.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            (Some(line), Some(column))
        }
        None => (None, None),
    };
    Invalid {
        source_name: source_name.to_owned(),
        line,
        column,
        field,
        message: e.message().trim().to_owned(),
    }
}

/// serde_json appends " at line L column C" to its messages; the position is
/// reported separately.
fn strip_json_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "t"
as_of = 2024-01-01
destination = "GB"
[[items]]
control_code = "5A001.j"
[[parties]]
name = "Acme"
country = "GB"
kind = "private"
role = "end-user"
"#;

    #[test]
    fn extensions_match_in_any_case() {
        assert_eq!(Format::of_path(Path::new("A.TOML")), Some(Format::Toml));
        assert_eq!(Format::of_path(Path::new("b.Json")), Some(Format::Json));
        assert_eq!(Format::of_path(Path::new("c.jsonl")), None);
    }

    #[test]
    fn an_invalid_case_file_is_said_once() {
        let dir = std::env::temp_dir().join(format!("echri-once-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bad.toml");
        std::fs::write(
            &path,
            GOOD.replace("destination = \"GB\"", "destination = \"UK\""),
        )
        .unwrap();
        let err = anyhow::Error::from(read_case_file(&path).unwrap_err());
        let text = format!("{err:#}");
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(text.matches("unknown country code").count(), 1, "{text}");
        assert_eq!(err.chain().count(), 1, "{text}");
    }

    #[test]
    fn toml_with_bare_date_parses() {
        let case = parse_case(GOOD, Format::Toml, "good.toml").unwrap();
        assert_eq!(case.as_of.to_string(), "2024-01-01");
    }

    #[test]
    fn bad_control_code_names_line_and_field() {
        let bad = GOOD.replace("5A001.j", "5Z001");
        let err = parse_case(&bad, Format::Toml, "bad.toml").unwrap_err();
        assert_eq!(err.line, Some(6), "{err}");
        assert_eq!(err.field.as_deref(), Some("items[0].control_code"), "{err}");
        assert!(
            err.message.contains("invalid control code `5Z001`"),
            "{err}"
        );
    }

    #[test]
    fn unknown_country_and_unknown_field() {
        let bad = GOOD.replace("destination = \"GB\"", "destination = \"UK\"");
        let err = parse_case(&bad, Format::Toml, "x.toml").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("destination"));
        assert!(err.message.contains("`GB`"), "{err}");

        let bad = GOOD.replace("kind = \"private\"", "kind = \"private\"\ncolour = \"red\"");
        let err = parse_case(&bad, Format::Toml, "x.toml").unwrap_err();
        assert!(err.message.contains("unknown field `colour`"), "{err}");
        assert_eq!(err.line, Some(11), "{err}");
    }

    #[test]
    fn json_errors_are_located() {
        let json = r#"{"id": "j", "as_of": "2024-02-30", "destination": "FR",
            "items": [{"control_code": "EAR99"}],
            "parties": [{"name": "A", "country": "FR", "kind": "private", "role": "end-user"}]}"#;
        let err = parse_case(json, Format::Json, "c.json").unwrap_err();
        assert_eq!(err.field.as_deref(), Some("as_of"));
        assert_eq!(err.line, Some(1));
        assert!(err.message.contains("day 30 does not exist"), "{err}");
        assert_eq!(
            err.to_string(),
            format!(
                "c.json:1:{}: field `as_of`: {}",
                err.column.unwrap(),
                err.message
            )
        );
    }

    #[test]
    fn empty_items_and_missing_end_user_are_rejected() {
        let json = r#"{"id": "j", "as_of": "2024-02-01", "destination": "FR", "items": [],
            "parties": [{"name": "A", "country": "FR", "kind": "private", "role": "end-user"}]}"#;
        let err = parse_case(json, Format::Json, "c.json").unwrap_err();
        assert!(err.message.contains("at least one item"), "{err}");
        let json = json
            .replace(
                "\"items\": []",
                "\"items\": [{\"control_code\": \"EAR99\"}]",
            )
            .replace("end-user", "consignee");
        let err = parse_case(&json, Format::Json, "c.json").unwrap_err();
        assert!(err.message.contains("role `end-user`"), "{err}");
    }
}
