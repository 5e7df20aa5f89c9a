//! INPS protocol numbers, e.g. `INPS.7013.24/02/2021.0000123`.
//!
//! Every request and every message gets one: the office code, the date of protocol and a
//! per-office sequence. This module only knows the format; allocating unique sequences is the
//! database's job.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Fixed prefix of every protocol number.
const PREFIX: &str = "INPS";
/// Longest office code.
const MAX_OFFICE_CODE_LEN: usize = 10;
/// Largest sequence that fits in seven digits.
const MAX_SEQUENCE: u32 = 9_999_999;
/// Regular expression of the textual form, for API documentation.
#[cfg(feature = "openapi")]
const PATTERN: &str = r"^INPS\.[A-Za-z0-9]{1,10}\.[0-9]{2}/[0-9]{2}/[0-9]{4}\.[0-9]{7}$";

/// A protocol number: `INPS.<office code>.<DD/MM/YYYY>.<7-digit zero-padded sequence>`.
///
/// Build it with [`ProtocolNumber::new`] or parse it with [`str::parse`]; it serialises as its
/// textual form and deserialising validates it. Ordering is by office, then date, then sequence.
///
/// ```
/// use domain::protocol::ProtocolNumber;
///
/// let date = chrono::NaiveDate::from_ymd_opt(2021, 2, 24).unwrap();
/// let protocol = ProtocolNumber::new("7013", date, 123).unwrap();
/// assert_eq!(protocol.to_string(), "INPS.7013.24/02/2021.0000123");
/// assert_eq!("INPS.7013.24/02/2021.0000123".parse(), Ok(protocol));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ProtocolNumber {
    /// Code of the INPS office, 1–10 ASCII letters or digits, e.g. `7013`.
    pub office_code: String,
    /// Date of protocol (in Europe/Rome).
    pub date: NaiveDate,
    /// Per-office sequence, 1–9 999 999.
    pub sequence: u32,
}

/// Why a protocol number is not valid. The messages are Italian, for the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    /// The text does not have the shape `INPS.<office>.<DD/MM/YYYY>.<7 digits>`.
    #[error(
        "Il numero di protocollo deve avere la forma INPS.<codice sede>.<GG/MM/AAAA>.<7 cifre>, \
         ad esempio INPS.7013.24/02/2021.0000123"
    )]
    Layout,
    /// The office code is empty, longer than 10 characters or not ASCII alphanumeric.
    #[error("Il codice sede del protocollo deve essere di 1–10 lettere o cifre")]
    OfficeCode,
    /// The date does not exist or its year is not in 1–9999.
    #[error("La data del protocollo non è valida")]
    Date,
    /// The sequence is 0 or above 9 999 999.
    #[error("Il progressivo del protocollo deve essere compreso tra 0000001 e 9999999")]
    Sequence,
}

impl ProtocolError {
    /// Stable snake_case name of the rule that failed, for API error details.
    pub fn rule(&self) -> &'static str {
        match self {
            Self::Layout => "layout",
            Self::OfficeCode => "office_code",
            Self::Date => "date",
            Self::Sequence => "sequence",
        }
    }
}

impl ProtocolNumber {
    /// Validates the parts of a protocol number.
    pub fn new(
        office_code: impl Into<String>,
        date: NaiveDate,
        sequence: u32,
    ) -> Result<Self, ProtocolError> {
        let office_code = office_code.into();
        if office_code.is_empty()
            || office_code.len() > MAX_OFFICE_CODE_LEN
            || !office_code.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(ProtocolError::OfficeCode);
        }
        // Four-digit years keep the textual form parseable.
        if !(1..=9999).contains(&date.year()) {
            return Err(ProtocolError::Date);
        }
        if !(1..=MAX_SEQUENCE).contains(&sequence) {
            return Err(ProtocolError::Sequence);
        }
        Ok(Self {
            office_code,
            date,
            sequence,
        })
    }
}

impl fmt::Display for ProtocolNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{PREFIX}.{}.{:02}/{:02}/{:04}.{:07}",
            self.office_code,
            self.date.day(),
            self.date.month(),
            self.date.year(),
            self.sequence
        )
    }
}

impl FromStr for ProtocolNumber {
    type Err = ProtocolError;

    /// Parses exactly the textual form; surrounding whitespace is not accepted.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut parts = s.split('.');
        let (Some(PREFIX), Some(office_code), Some(date), Some(sequence), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(ProtocolError::Layout);
        };
        let date = parse_date(date)?;
        if sequence.len() != 7 || !sequence.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ProtocolError::Layout);
        }
        let sequence = sequence.parse().map_err(|_| ProtocolError::Layout)?;
        Self::new(office_code, date, sequence)
    }
}

/// Parses `DD/MM/YYYY` with exactly two, two and four digits.
fn parse_date(text: &str) -> Result<NaiveDate, ProtocolError> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, b)| match index {
            2 | 5 => *b == b'/',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return Err(ProtocolError::Layout);
    }
    let number = |range: std::ops::Range<usize>| -> Result<u32, ProtocolError> {
        text.get(range)
            .and_then(|digits| digits.parse().ok())
            .ok_or(ProtocolError::Layout)
    };
    let day = number(0..2)?;
    let month = number(3..5)?;
    let year = i32::try_from(number(6..10)?).map_err(|_| ProtocolError::Layout)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(ProtocolError::Date)
}

impl TryFrom<String> for ProtocolNumber {
    type Error = ProtocolError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<ProtocolNumber> for String {
    fn from(value: ProtocolNumber) -> Self {
        value.to_string()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for ProtocolNumber {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(PATTERN))
            .description(Some(
                "Protocol number: INPS.<office code>.<DD/MM/YYYY>.<7-digit sequence>",
            ))
            .examples(["INPS.7013.24/02/2021.0000123"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for ProtocolNumber {}

#[cfg(test)]
#[expect(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn formats_the_example() {
        let protocol = ProtocolNumber::new("7013", date(2021, 2, 24), 123).unwrap();
        assert_eq!(protocol.to_string(), "INPS.7013.24/02/2021.0000123");
        assert_eq!(
            "INPS.7013.24/02/2021.0000123"
                .parse::<ProtocolNumber>()
                .unwrap(),
            protocol
        );
    }

    #[test]
    fn new_validates_parts() {
        let d = date(2024, 1, 31);
        assert_eq!(
            ProtocolNumber::new("", d, 1),
            Err(ProtocolError::OfficeCode)
        );
        assert_eq!(
            ProtocolNumber::new("12345678901", d, 1),
            Err(ProtocolError::OfficeCode)
        );
        assert_eq!(
            ProtocolNumber::new("70-13", d, 1),
            Err(ProtocolError::OfficeCode)
        );
        assert_eq!(
            ProtocolNumber::new("7013", d, 0),
            Err(ProtocolError::Sequence)
        );
        assert_eq!(
            ProtocolNumber::new("7013", d, 10_000_000),
            Err(ProtocolError::Sequence)
        );
        assert_eq!(
            ProtocolNumber::new("7013", date(10_000, 1, 1), 1),
            Err(ProtocolError::Date)
        );
        assert!(ProtocolNumber::new("AB12345678".to_owned(), d, 9_999_999).is_ok());
    }

    #[test]
    fn rejects_other_layouts() {
        let cases = [
            ("", ProtocolError::Layout),
            ("INPS.7013.24/02/2021", ProtocolError::Layout),
            ("INPS.7013.24/02/2021.0000123.1", ProtocolError::Layout),
            ("inps.7013.24/02/2021.0000123", ProtocolError::Layout),
            (" INPS.7013.24/02/2021.0000123", ProtocolError::Layout),
            ("INPS.7013.24/02/2021.0000123 ", ProtocolError::Layout),
            ("INPS.7013.24/2/2021.0000123", ProtocolError::Layout),
            ("INPS.7013.24-02-2021.0000123", ProtocolError::Layout),
            ("INPS.7013.24/02/21.0000123", ProtocolError::Layout),
            ("INPS.7013.24/02/2021.123", ProtocolError::Layout),
            ("INPS.7013.24/02/2021.+000123", ProtocolError::Layout),
            ("INPS.7013.24/02/2021.00001234", ProtocolError::Layout),
            ("INPS..24/02/2021.0000123", ProtocolError::OfficeCode),
            ("INPS.70 13.24/02/2021.0000123", ProtocolError::OfficeCode),
            ("INPS.7013.30/02/2021.0000123", ProtocolError::Date),
            ("INPS.7013.24/13/2021.0000123", ProtocolError::Date),
            ("INPS.7013.24/02/0000.0000123", ProtocolError::Date),
            ("INPS.7013.24/02/2021.0000000", ProtocolError::Sequence),
        ];
        for (input, expected) in cases {
            assert_eq!(input.parse::<ProtocolNumber>(), Err(expected), "{input}");
        }
    }

    #[test]
    fn messages_are_italian_and_rules_distinct() {
        assert!(ProtocolError::Layout
            .to_string()
            .starts_with("Il numero di protocollo deve avere la forma"));
        let rules = [
            ProtocolError::Layout.rule(),
            ProtocolError::OfficeCode.rule(),
            ProtocolError::Date.rule(),
            ProtocolError::Sequence.rule(),
        ];
        for (i, a) in rules.iter().enumerate() {
            for b in &rules[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn serde_as_validated_string() {
        let protocol = ProtocolNumber::new("7013", date(2021, 2, 24), 123).unwrap();
        let json = serde_json::to_string(&protocol).unwrap();
        assert_eq!(json, "\"INPS.7013.24/02/2021.0000123\"");
        assert_eq!(
            serde_json::from_str::<ProtocolNumber>(&json).unwrap(),
            protocol
        );
        assert!(serde_json::from_str::<ProtocolNumber>("\"INPS.7013.24/02/2021.0\"").is_err());
    }

    #[cfg(feature = "openapi")]
    #[test]
    fn openapi_schemas_are_strings() {
        use utoipa::{PartialSchema, ToSchema};
        assert_eq!(ProtocolNumber::name(), "ProtocolNumber");
        let protocol = serde_json::to_value(ProtocolNumber::schema()).unwrap();
        assert_eq!(protocol["type"], "string");
        assert_eq!(protocol["pattern"], PATTERN);
        let cf = serde_json::to_value(crate::codice_fiscale::CodiceFiscale::schema()).unwrap();
        assert_eq!(cf["type"], "string");
        let channel = serde_json::to_value(crate::enums::Channel::schema()).unwrap();
        assert_eq!(
            channel["enum"],
            serde_json::json!(["in_person", "phone", "web_meeting"])
        );
    }

    proptest! {
        #[test]
        fn roundtrip(
            office in "[A-Za-z0-9]{1,10}",
            days in 1i32..=3_652_059,
            sequence in 1u32..=MAX_SEQUENCE,
        ) {
            let date = NaiveDate::from_num_days_from_ce_opt(days).unwrap();
            let protocol = ProtocolNumber::new(office, date, sequence).unwrap();
            let text = protocol.to_string();
            prop_assert_eq!(text.len(), 4 + 1 + protocol.office_code.len() + 1 + 10 + 1 + 7);
            prop_assert_eq!(text.parse::<ProtocolNumber>(), Ok(protocol));
        }

        #[test]
        fn parse_never_panics(input in "\\PC{0,40}") {
            let _ = input.parse::<ProtocolNumber>();
        }
    }
}
