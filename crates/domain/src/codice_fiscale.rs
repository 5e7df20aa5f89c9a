//! The Italian *codice fiscale* (CF): validation, omocodia and decoding.
//!
//! A personal CF has 16 characters laid out as `AAAAAA99A99A999A`: three letters from the surname,
//! three from the name, two digits of the birth year, the month letter, two digits of the birth day
//! (plus 40 for women), the cadastral code of the birth place (a letter and three digits) and a
//! check character. When two people would get the same code (*omocodia*) the tax agency replaces
//! some of the digits by the letters `LMNPQRSTUV`; such a variant is a different, valid code.
//! Entities and people awaiting a definitive code have an 11-digit numeric *provisional* code,
//! checked like a Partita IVA.
//!
//! Codes compare exactly: an omocodic code is never "normalised" to its base form, because that
//! would merge two people. [`CodiceFiscale::base_form`] exists only to warn about likely duplicates.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Length of a personal codice fiscale.
const LENGTH: usize = 16;
/// Length of a provisional (numeric) codice fiscale.
const PROVISIONAL_LENGTH: usize = 11;
/// Zero-based indices of the characters that may hold omocodic letters (1-based 7, 8, 10, 11, 13,
/// 14, 15), left to right.
const OMOCODIA_INDICES: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];
/// The letters that replace the digits 0–9 in omocodic codes.
const OMOCODIA_LETTERS: &[u8; 10] = b"LMNPQRSTUV";
/// The month letters, January to December.
const MONTH_LETTERS: &[u8; 12] = b"ABCDEHLMPRST";
/// Values of characters in odd (1-based) positions, indexed by digit value or by letter offset
/// from `A`: the official table gives a digit and the letter of the same index the same value.
const ODD_VALUES: [u8; 26] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// A valid codice fiscale: either a 16-character personal code (possibly omocodic) or an 11-digit
/// provisional code.
///
/// Construct it with [`CodiceFiscale::parse`]; it serialises as its plain string and deserialising
/// validates it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(
    feature = "openapi",
    derive(utoipa::ToSchema),
    schema(value_type = String, example = "RSSMRA85T10A562S")
)]
pub struct CodiceFiscale(String);

/// The personal data encoded in a 16-character codice fiscale.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CfData {
    /// Last two digits of the birth year (the century is not encoded).
    pub year_two_digits: u8,
    /// Birth month, 1–12.
    pub month: u32,
    /// Birth day of the month, 1–31 (already reduced by 40 for women).
    pub day: u32,
    /// Sex, from the day field (41–71 means female).
    pub sex: Sex,
    /// Cadastral (Belfiore) code of the birth comune or foreign country, e.g. `H501`.
    pub place_code: String,
}

/// Sex as encoded in the codice fiscale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Sex {
    /// Birth day written as is (1–31).
    Male,
    /// Birth day written plus 40 (41–71).
    Female,
}

/// Why a string is not a valid codice fiscale.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message_it())]
pub enum CfError {
    /// Nothing was given (or only whitespace).
    Empty,
    /// Not 16 characters (nor an 11-digit provisional code).
    Length {
        /// Number of characters found after trimming.
        found: usize,
    },
    /// A character does not fit the layout `AAAAAA99A99A999A`.
    Layout {
        /// 1-based position of the first wrong character.
        position: usize,
    },
    /// The month letter is not one of `ABCDEHLMPRST`.
    Month {
        /// The letter found.
        letter: char,
    },
    /// The day field is not a day of the month (1–31, or 41–71 for women).
    Day {
        /// The two-digit value found, omocodic letters already reversed.
        value: u32,
    },
    /// The last character is not the one computed from the first 15.
    CheckCharacter {
        /// The correct check character.
        expected: char,
        /// The check character found.
        found: char,
    },
    /// An 11-digit provisional code whose last digit is wrong.
    ProvisionalCheckDigit,
}

impl CfError {
    /// Stable snake_case name of the rule that failed, for API error details.
    pub fn rule(&self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::Length { .. } => "length",
            Self::Layout { .. } => "layout",
            Self::Month { .. } => "month",
            Self::Day { .. } => "day",
            Self::CheckCharacter { .. } => "check_character",
            Self::ProvisionalCheckDigit => "provisional_check_digit",
        }
    }

    /// Italian message for the user.
    pub fn message_it(&self) -> String {
        match self {
            Self::Empty => "Il codice fiscale è obbligatorio".to_owned(),
            Self::Length { found } => {
                format!("Il codice fiscale deve essere di 16 caratteri (trovati {found})")
            }
            Self::Layout { position } => {
                let expected = if is_digit_position(position.wrapping_sub(1)) {
                    "una cifra"
                } else {
                    "una lettera"
                };
                format!(
                    "Il carattere in posizione {position} del codice fiscale non è valido: \
                     è attesa {expected}"
                )
            }
            Self::Month { letter } => format!(
                "La lettera del mese di nascita non è valida: {letter} \
                 (ammesse A, B, C, D, E, H, L, M, P, R, S, T)"
            ),
            Self::Day { value } => format!(
                "Il giorno di nascita non è valido: {value:02} \
                 (ammessi 01–31, o 41–71 per le donne, secondo il mese)"
            ),
            Self::CheckCharacter { expected, .. } => {
                format!("Il carattere di controllo non è corretto: atteso {expected}")
            }
            Self::ProvisionalCheckDigit => {
                "La cifra di controllo del codice fiscale provvisorio non è corretta".to_owned()
            }
        }
    }
}

impl CodiceFiscale {
    /// Validates a codice fiscale, after trimming surrounding whitespace and upper-casing.
    ///
    /// Accepts 16-character personal codes (omocodic variants included) and 11-digit provisional
    /// codes. Checks run in order: emptiness, length, layout, month, day, check character.
    ///
    /// ```
    /// use domain::codice_fiscale::{CfError, CodiceFiscale};
    ///
    /// let cf = CodiceFiscale::parse(" rssmra85t10a562s ").unwrap();
    /// assert_eq!(cf.as_str(), "RSSMRA85T10A562S");
    /// let err = CodiceFiscale::parse("RSSMRA85T10A562T").unwrap_err();
    /// assert_eq!(err.rule(), "check_character");
    /// assert_eq!(err, CfError::CheckCharacter { expected: 'S', found: 'T' });
    /// ```
    pub fn parse(input: &str) -> Result<Self, CfError> {
        let code = input.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(CfError::Empty);
        }
        let found = code.chars().count();
        if found == PROVISIONAL_LENGTH && code.bytes().all(|b| b.is_ascii_digit()) {
            let bytes = code.as_bytes();
            let (body, last) = bytes.split_at(PROVISIONAL_LENGTH - 1);
            return if last == [b'0' + provisional_check_digit(body)] {
                Ok(Self(code))
            } else {
                Err(CfError::ProvisionalCheckDigit)
            };
        }
        if found != LENGTH {
            return Err(CfError::Length { found });
        }
        for (index, c) in code.chars().enumerate() {
            let fits = if is_digit_position(index) {
                c.is_ascii_digit() || u8::try_from(c).is_ok_and(|b| OMOCODIA_LETTERS.contains(&b))
            } else {
                c.is_ascii_uppercase()
            };
            if !fits {
                return Err(CfError::Layout {
                    position: index + 1,
                });
            }
        }
        // From here on the code is 16 ASCII bytes that fit the layout.
        let bytes = code.as_bytes();
        let month_letter = bytes[8];
        let month = month_number(month_letter).ok_or(CfError::Month {
            letter: char::from(month_letter),
        })?;
        let year = two_digit_value(bytes[6], bytes[7]);
        let raw_day = two_digit_value(bytes[9], bytes[10]);
        let day = if raw_day > 40 { raw_day - 40 } else { raw_day };
        let day_range_ok = (1..=31).contains(&raw_day) || (41..=71).contains(&raw_day);
        if !day_range_ok || day > max_day(month, year) {
            return Err(CfError::Day { value: raw_day });
        }
        let expected = check_letter(&bytes[..LENGTH - 1]);
        let found = bytes[LENGTH - 1];
        if found != expected {
            return Err(CfError::CheckCharacter {
                expected: char::from(expected),
                found: char::from(found),
            });
        }
        Ok(Self(code))
    }

    /// The code as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is an 11-digit provisional code.
    pub fn is_provisional(&self) -> bool {
        self.0.len() == PROVISIONAL_LENGTH
    }

    /// Whether this is a personal code with at least one omocodic letter.
    pub fn is_omocodic(&self) -> bool {
        !self.is_provisional()
            && OMOCODIA_INDICES.iter().any(|&index| {
                self.0
                    .as_bytes()
                    .get(index)
                    .is_some_and(u8::is_ascii_uppercase)
            })
    }

    /// The base (non-omocodic) form: omocodic letters turned back into digits and the check
    /// character recomputed. Identity for non-omocodic and provisional codes.
    ///
    /// Only for duplicate warnings: two different people may own a code and its base form.
    pub fn base_form(&self) -> CodiceFiscale {
        let Some(mut body) = self.body() else {
            return self.clone();
        };
        if !self.is_omocodic() {
            return self.clone();
        }
        for index in OMOCODIA_INDICES {
            if let Some(digit) = digit_value(body[index]) {
                body[index] = b'0' + digit;
            }
        }
        Self::from_body(&body)
    }

    /// The personal data encoded in the code; `None` for provisional codes.
    pub fn decode(&self) -> Option<CfData> {
        if self.is_provisional() {
            return None;
        }
        let bytes = self.0.as_bytes();
        let digit = |index: usize| bytes.get(index).copied().and_then(digit_value);
        let year_two_digits = digit(6)? * 10 + digit(7)?;
        let month = month_number(*bytes.get(8)?)?;
        let raw_day = u32::from(digit(9)?) * 10 + u32::from(digit(10)?);
        let (day, sex) = if raw_day > 40 {
            (raw_day - 40, Sex::Female)
        } else {
            (raw_day, Sex::Male)
        };
        let mut place_code = String::with_capacity(4);
        place_code.push(char::from(*bytes.get(11)?));
        for index in 12..15 {
            place_code.push(char::from(b'0' + digit(index)?));
        }
        Some(CfData {
            year_two_digits,
            month,
            day,
            sex,
            place_code,
        })
    }

    /// The first 15 characters of a personal code; `None` for provisional codes.
    fn body(&self) -> Option<[u8; LENGTH - 1]> {
        if self.is_provisional() {
            return None;
        }
        self.0.as_bytes().get(..LENGTH - 1)?.try_into().ok()
    }

    /// Builds a personal code from its first 15 characters, appending the check character.
    ///
    /// The caller guarantees the body fits the layout.
    fn from_body(body: &[u8; LENGTH - 1]) -> CodiceFiscale {
        let mut code: String = body.iter().map(|&b| char::from(b)).collect();
        code.push(char::from(check_letter(body)));
        CodiceFiscale(code)
    }
}

impl CfData {
    /// The birth date, choosing the latest century that puts it on or before `today`.
    ///
    /// `None` when no such date exists (e.g. 29 February in a year that is never a leap year in
    /// the centuries tried: the current one and the two before).
    pub fn birth_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        let century = today.year().div_euclid(100) * 100;
        (0..3)
            .map(|back| century - back * 100 + i32::from(self.year_two_digits))
            .filter_map(|year| NaiveDate::from_ymd_opt(year, self.month, self.day))
            .find(|date| *date <= today)
    }
}

/// The check character of a personal codice fiscale from its first 15 characters, using the
/// official odd/even tables.
///
/// `None` unless `first15` is exactly 15 ASCII letters or digits (either case). The layout is not
/// checked.
pub fn check_character(first15: &str) -> Option<char> {
    let bytes = first15.as_bytes();
    if bytes.len() != LENGTH - 1 || !bytes.iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    let upper: Vec<u8> = bytes.iter().map(u8::to_ascii_uppercase).collect();
    Some(char::from(check_letter(&upper)))
}

/// The base (non-omocodic) code the tax agency computes for a person: three letters of the
/// surname and of the name, birth year, month letter, day (plus 40 for women) and the cadastral
/// code of the birth place, then the check character.
///
/// Names are read as upper-case ASCII letters (accents and punctuation already removed, as in the
/// registry). `None` when the cadastral code is not a letter and three digits.
pub fn encode(
    surname: &str,
    name: &str,
    birth: NaiveDate,
    sex: Sex,
    place_code: &str,
) -> Option<CodiceFiscale> {
    let place = place_code.as_bytes();
    if place.len() != 4
        || !place[0].is_ascii_uppercase()
        || !place[1..].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let month = char::from(*MONTH_LETTERS.get(usize::try_from(birth.month0()).ok()?)?);
    let day = birth.day()
        + match sex {
            Sex::Male => 0,
            Sex::Female => 40,
        };
    let first15 = format!(
        "{}{}{:02}{month}{day:02}{place_code}",
        name_letters(surname, false),
        name_letters(name, true),
        birth.year().rem_euclid(100),
    );
    let check = check_character(&first15)?;
    CodiceFiscale::parse(&format!("{first15}{check}")).ok()
}

/// The three letters of a surname (or, with `is_name`, of a given name): consonants first, then
/// vowels, then `X`; a name with four or more consonants takes the 1st, 3rd and 4th.
fn name_letters(text: &str, is_name: bool) -> String {
    let letters: Vec<char> = text
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let is_vowel = |c: &char| "AEIOU".contains(*c);
    let consonants: Vec<char> = letters.iter().copied().filter(|c| !is_vowel(c)).collect();
    if is_name && consonants.len() >= 4 {
        return [consonants[0], consonants[2], consonants[3]]
            .iter()
            .collect();
    }
    consonants
        .iter()
        .copied()
        .chain(letters.iter().copied().filter(is_vowel))
        .chain(std::iter::repeat('X'))
        .take(3)
        .collect()
}

/// An omocodic variant of a personal code: the digits at the omocodia positions selected by
/// `positions_mask` are replaced by their letters (`0`→`L` … `9`→`V`) and the check character is
/// recomputed.
///
/// Bit 0 of the mask selects position 15 (the rightmost), bit 6 position 7. Positions that already
/// hold a letter stay as they are, as do unselected ones. `None` for provisional codes or a mask
/// with bit 7 set.
pub fn omocodic_variant(cf: &CodiceFiscale, positions_mask: u8) -> Option<CodiceFiscale> {
    if positions_mask & 0x80 != 0 {
        return None;
    }
    let mut body = cf.body()?;
    for (bit, &index) in OMOCODIA_INDICES.iter().rev().enumerate() {
        let byte = body[index];
        if positions_mask & (1 << bit) != 0 && byte.is_ascii_digit() {
            body[index] = OMOCODIA_LETTERS[usize::from(byte - b'0')];
        }
    }
    Some(CodiceFiscale::from_body(&body))
}

impl fmt::Display for CodiceFiscale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for CodiceFiscale {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for CodiceFiscale {
    type Err = CfError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for CodiceFiscale {
    type Error = CfError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl TryFrom<&str> for CodiceFiscale {
    type Error = CfError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<CodiceFiscale> for String {
    fn from(value: CodiceFiscale) -> Self {
        value.0
    }
}

/// Whether a zero-based index is one of the digit positions (which may hold omocodic letters).
fn is_digit_position(index: usize) -> bool {
    OMOCODIA_INDICES.contains(&index)
}

/// Value of a digit or of an omocodic letter standing for a digit.
fn digit_value(c: u8) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c - b'0');
    }
    OMOCODIA_LETTERS
        .iter()
        .position(|&letter| letter == c)
        .and_then(|p| u8::try_from(p).ok())
}

/// Two-digit number from two layout-checked digit positions.
fn two_digit_value(tens: u8, units: u8) -> u32 {
    u32::from(digit_value(tens).unwrap_or(0)) * 10 + u32::from(digit_value(units).unwrap_or(0))
}

/// Month number (1–12) of a month letter.
fn month_number(letter: u8) -> Option<u32> {
    MONTH_LETTERS
        .iter()
        .position(|&m| m == letter)
        .and_then(|p| u32::try_from(p + 1).ok())
}

/// Longest day of a month; February allows the 29th when the two-digit year can be a leap year
/// (every multiple of 4, since `00` may be 2000).
fn max_day(month: u32, year_two_digits: u32) -> u32 {
    match month {
        2 if year_two_digits % 4 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Check letter of upper-case ASCII alphanumerics; other bytes count as zero, which callers rule
/// out beforehand.
fn check_letter(body: &[u8]) -> u8 {
    let sum = body.iter().enumerate().fold(0u8, |sum, (index, &c)| {
        let offset = match c {
            b'0'..=b'9' => c - b'0',
            b'A'..=b'Z' => c - b'A',
            _ => 0,
        };
        // Positions are 1-based in the official algorithm, so index 0 is an odd position.
        let value = if index % 2 == 0 {
            ODD_VALUES[usize::from(offset)]
        } else {
            offset
        };
        (sum + value) % 26
    });
    b'A' + sum
}

/// Partita IVA check digit of the first 10 digits of a provisional code (Luhn variant: digits in
/// even 1-based positions are doubled, minus 9 when above 9).
fn provisional_check_digit(body: &[u8]) -> u8 {
    let sum: u32 = body
        .iter()
        .enumerate()
        .map(|(index, &c)| {
            let digit = u32::from(c.saturating_sub(b'0'));
            if index % 2 == 0 {
                digit
            } else if digit * 2 > 9 {
                digit * 2 - 9
            } else {
                digit * 2
            }
        })
        .sum();
    // sum % 10 < 10, so the result always fits.
    u8::try_from((10 - sum % 10) % 10).unwrap_or(0)
}

#[cfg(test)]
#[expect(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cf(s: &str) -> CodiceFiscale {
        CodiceFiscale::parse(s).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn encode_computes_the_base_code_of_the_tax_agency() {
        let birth = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        let code = |surname, name, date, sex, place| {
            encode(surname, name, date, sex, place).map(|cf| cf.to_string())
        };
        assert_eq!(
            code("BIANCHI", "MARIO", birth(1950, 1, 1), Sex::Male, "H501").as_deref(),
            Some("BNCMRA50A01H501U")
        );
        // Surname with few consonants, name with four: 1st, 3rd and 4th consonant; +40 for women.
        let rossi = code(
            "ROSSI",
            "GIANFRANCA",
            birth(1985, 12, 10),
            Sex::Female,
            "A562",
        );
        assert!(rossi
            .as_deref()
            .is_some_and(|cf| cf.starts_with("RSSGFR85T50A562")));
        assert_eq!(
            code("FO", "LI", birth(2001, 5, 5), Sex::Male, "F205")
                .map(|cf| cf[..6].to_owned())
                .as_deref(),
            Some("FOXLIX")
        );
        assert_eq!(
            code("ROSSI", "MARIO", birth(1985, 12, 10), Sex::Male, "5620"),
            None
        );
    }

    #[test]
    fn known_valid_codes() {
        for code in ["BNCMRA50A01H501U", "RSSMRA85T10A562S"] {
            let parsed = cf(code);
            assert_eq!(parsed.as_str(), code);
            assert_eq!(parsed.to_string(), code);
            assert!(!parsed.is_provisional());
            assert!(!parsed.is_omocodic());
            assert_eq!(parsed.base_form(), parsed);
        }
    }

    #[test]
    fn check_character_matches_hand_computation() {
        assert_eq!(check_character("BNCMRA50A01H501"), Some('U'));
        assert_eq!(check_character("RSSMRA85T10A562"), Some('S'));
        assert_eq!(check_character("rssmra85t10a562"), Some('S'));
        // Worked by hand: replacing the last digit 2 by N (odd table 5 → 20) moves 18 to 7.
        assert_eq!(check_character("RSSMRA85T10A56N"), Some('H'));
        assert_eq!(check_character("RSSMRA85T10A56"), None);
        assert_eq!(check_character("RSSMRA85T10A56-"), None);
        assert_eq!(check_character("RSSMRA85T10A56È"), None);
    }

    #[test]
    fn decodes_personal_data() {
        let data = cf("RSSMRA85T10A562S").decode().unwrap();
        assert_eq!(
            data,
            CfData {
                year_two_digits: 85,
                month: 12,
                day: 10,
                sex: Sex::Male,
                place_code: "A562".to_owned(),
            }
        );
        assert_eq!(data.birth_date(date(2024, 1, 1)), Some(date(1985, 12, 10)));

        let data = cf("BNCMRA50A01H501U").decode().unwrap();
        assert_eq!(data.place_code, "H501");
        assert_eq!(data.birth_date(date(2024, 1, 1)), Some(date(1950, 1, 1)));
    }

    #[test]
    fn decodes_women() {
        let body = "VRDLCU92E51F205";
        let code = format!("{body}{}", check_character(body).unwrap());
        let data = cf(&code).decode().unwrap();
        assert_eq!(data.sex, Sex::Female);
        assert_eq!(data.day, 11);
        assert_eq!(data.month, 5);
        assert_eq!(data.place_code, "F205");
    }

    #[test]
    fn birth_date_chooses_latest_century_not_after_today() {
        let data = CfData {
            year_two_digits: 10,
            month: 6,
            day: 15,
            sex: Sex::Male,
            place_code: "H501".to_owned(),
        };
        assert_eq!(data.birth_date(date(2024, 1, 1)), Some(date(2010, 6, 15)));
        assert_eq!(data.birth_date(date(2010, 6, 15)), Some(date(2010, 6, 15)));
        assert_eq!(data.birth_date(date(2010, 6, 14)), Some(date(1910, 6, 15)));
        assert_eq!(data.birth_date(date(2009, 1, 1)), Some(date(1910, 6, 15)));

        let leap = CfData {
            year_two_digits: 0,
            month: 2,
            day: 29,
            ..data.clone()
        };
        assert_eq!(leap.birth_date(date(2024, 1, 1)), Some(date(2000, 2, 29)));
        // 1900, 1800 and 1700 are not leap years: before 2000 no century fits.
        assert_eq!(leap.birth_date(date(1999, 12, 31)), None);
    }

    #[test]
    fn known_omocodic_variant() {
        let variant = cf("RSSMRA85T10A56NH");
        assert!(variant.is_omocodic());
        assert_eq!(variant.base_form(), cf("RSSMRA85T10A562S"));
        assert_ne!(variant, cf("RSSMRA85T10A562S"));
        assert_eq!(variant.decode(), cf("RSSMRA85T10A562S").decode());
        assert_eq!(
            omocodic_variant(&cf("RSSMRA85T10A562S"), 0b000_0001),
            Some(variant.clone())
        );
        // All seven positions: 8→U 5→R 1→M 0→L 5→R 6→S 2→N.
        let all = omocodic_variant(&cf("RSSMRA85T10A562S"), 0x7F).unwrap();
        assert_eq!(&all.as_str()[..15], "RSSMRAURTMLARSN");
        assert_eq!(all.decode(), variant.decode());
        assert_eq!(omocodic_variant(&variant, 0), Some(variant.clone()));
        assert_eq!(omocodic_variant(&variant, 0x80), None);
    }

    #[test]
    fn rejects_wrong_check_character() {
        let err = CodiceFiscale::parse("RSSMRA85T10A562T").unwrap_err();
        assert_eq!(
            err,
            CfError::CheckCharacter {
                expected: 'S',
                found: 'T'
            }
        );
        assert_eq!(err.rule(), "check_character");
        assert_eq!(
            err.message_it(),
            "Il carattere di controllo non è corretto: atteso S"
        );
        assert_eq!(err.to_string(), err.message_it());
    }

    #[test]
    fn rejects_bad_month() {
        let err = CodiceFiscale::parse("RSSMRA85F10A562S").unwrap_err();
        assert_eq!(err, CfError::Month { letter: 'F' });
        assert_eq!(err.rule(), "month");
    }

    #[test]
    fn rejects_bad_day() {
        for (field, value) in [("00", 0), ("32", 32), ("40", 40), ("72", 72), ("99", 99)] {
            let input = format!("RSSMRA85T{field}A562S");
            let err = CodiceFiscale::parse(&input).unwrap_err();
            assert_eq!(err, CfError::Day { value }, "{input}");
            assert_eq!(err.rule(), "day");
        }
        // 30 February and 31 April (also for women) never exist.
        assert_eq!(
            CodiceFiscale::parse("RSSMRA85B30A562S").unwrap_err(),
            CfError::Day { value: 30 }
        );
        assert_eq!(
            CodiceFiscale::parse("RSSMRA85D71A562S").unwrap_err(),
            CfError::Day { value: 71 }
        );
        // 29 February only in years that may be leap years.
        assert_eq!(
            CodiceFiscale::parse("RSSMRA85B29A562S").unwrap_err(),
            CfError::Day { value: 29 }
        );
        let body = "RSSMRA84B69A562";
        let code = format!("{body}{}", check_character(body).unwrap());
        assert_eq!(cf(&code).decode().unwrap().day, 29);
    }

    #[test]
    fn rejects_bad_length() {
        let err = CodiceFiscale::parse("RSSMRA85T10A562").unwrap_err();
        assert_eq!(err, CfError::Length { found: 15 });
        assert_eq!(err.rule(), "length");
        assert_eq!(
            err.message_it(),
            "Il codice fiscale deve essere di 16 caratteri (trovati 15)"
        );
        assert_eq!(
            CodiceFiscale::parse("RSSMRA85T10A562SX").unwrap_err(),
            CfError::Length { found: 17 }
        );
        assert_eq!(
            CodiceFiscale::parse("RSSMRA85T10").unwrap_err(),
            CfError::Length { found: 11 }
        );
        assert_eq!(
            CodiceFiscale::parse("RSSMRA85T10À562").unwrap_err(),
            CfError::Length { found: 15 }
        );
    }

    #[test]
    fn rejects_empty() {
        for input in ["", "   ", "\t\n"] {
            let err = CodiceFiscale::parse(input).unwrap_err();
            assert_eq!(err, CfError::Empty);
            assert_eq!(err.rule(), "empty");
        }
    }

    #[test]
    fn rejects_bad_layout() {
        let cases = [
            ("1SSMRA85T10A562S", 1),
            ("RSSMR885T10A562S", 6),
            ("RSSMRAA5T10A562S", 7),
            ("RSSMRA8ZT10A562S", 8),
            ("RSSMRA85310A562S", 9),
            ("RSSMRA85T10A56WS", 15),
            ("RSSMRA85T10A5621", 16),
            ("RSSMRA85T10À562S", 12),
            ("RSSMRA85T10A5-2S", 14),
        ];
        for (input, position) in cases {
            let err = CodiceFiscale::parse(input).unwrap_err();
            assert_eq!(err, CfError::Layout { position }, "{input}");
            assert_eq!(err.rule(), "layout");
        }
        assert_eq!(
            CfError::Layout { position: 7 }.message_it(),
            "Il carattere in posizione 7 del codice fiscale non è valido: è attesa una cifra"
        );
        assert_eq!(
            CfError::Layout { position: 16 }.message_it(),
            "Il carattere in posizione 16 del codice fiscale non è valido: è attesa una lettera"
        );
    }

    #[test]
    fn accepts_lowercase_and_whitespace() {
        let parsed = cf("  rssmra85t10a562s\n");
        assert_eq!(parsed.as_str(), "RSSMRA85T10A562S");
        assert_eq!(cf("\tRssMra85T10a56nh "), cf("RSSMRA85T10A56NH"));
    }

    #[test]
    fn provisional_codes() {
        let parsed = cf("12345678903");
        assert!(parsed.is_provisional());
        assert!(!parsed.is_omocodic());
        assert_eq!(parsed.decode(), None);
        assert_eq!(parsed.base_form(), parsed);
        assert_eq!(omocodic_variant(&parsed, 1), None);
        // A real-world shaped one: INPS's own Partita IVA.
        assert!(cf("02121151001").is_provisional());
        assert!(cf("00000000000").is_provisional());

        let err = CodiceFiscale::parse("12345678901").unwrap_err();
        assert_eq!(err, CfError::ProvisionalCheckDigit);
        assert_eq!(err.rule(), "provisional_check_digit");
    }

    #[test]
    fn every_error_has_a_distinct_rule_and_italian_message() {
        let errors = [
            CfError::Empty,
            CfError::Length { found: 3 },
            CfError::Layout { position: 2 },
            CfError::Month { letter: 'Z' },
            CfError::Day { value: 35 },
            CfError::CheckCharacter {
                expected: 'A',
                found: 'B',
            },
            CfError::ProvisionalCheckDigit,
        ];
        let mut rules: Vec<&str> = errors.iter().map(CfError::rule).collect();
        rules.sort_unstable();
        rules.dedup();
        assert_eq!(rules.len(), errors.len());
        for err in &errors {
            assert!(!err.message_it().is_empty());
        }
    }

    #[test]
    fn codes_compare_exactly() {
        let base = cf("RSSMRA85T10A562S");
        let variant = cf("RSSMRA85T10A56NH");
        assert_ne!(base, variant);
        assert_eq!(variant.base_form(), base);
    }

    #[test]
    fn conversions() {
        let parsed: CodiceFiscale = "rssmra85t10a562s".parse().unwrap();
        assert_eq!(String::from(parsed.clone()), "RSSMRA85T10A562S");
        assert_eq!(
            CodiceFiscale::try_from("RSSMRA85T10A562S".to_owned()).unwrap(),
            parsed
        );
        assert!(CodiceFiscale::try_from("nope").is_err());
        assert_eq!(parsed.as_ref(), "RSSMRA85T10A562S");
    }

    #[test]
    fn serde_as_validated_string() {
        let parsed = cf("RSSMRA85T10A562S");
        assert_eq!(
            serde_json::to_string(&parsed).unwrap(),
            "\"RSSMRA85T10A562S\""
        );
        let back: CodiceFiscale = serde_json::from_str("\" rssmra85t10a562s\"").unwrap();
        assert_eq!(back, parsed);
        assert!(serde_json::from_str::<CodiceFiscale>("\"RSSMRA85T10A562T\"").is_err());
    }

    /// Digits or omocodic letters, the characters allowed at digit positions.
    const DIGIT_CLASS: &[u8] = b"0123456789LMNPQRSTUV";
    const LETTER_CLASS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// A random valid, non-omocodic personal code with the data it encodes.
    fn valid_code() -> impl Strategy<Value = (CodiceFiscale, CfData)> {
        (
            "[A-Z]{6}",
            0u8..100,
            1u32..=12,
            1u32..=31,
            any::<bool>(),
            "[A-Z][0-9]{3}",
        )
            .prop_map(|(letters, year, month, day, female, place)| {
                let day = day.min(max_day(month, u32::from(year)));
                let month_letter = char::from(MONTH_LETTERS[usize::try_from(month - 1).unwrap()]);
                let day_field = if female { day + 40 } else { day };
                let body = format!("{letters}{year:02}{month_letter}{day_field:02}{place}");
                let code = format!("{body}{}", check_character(&body).unwrap());
                let data = CfData {
                    year_two_digits: year,
                    month,
                    day,
                    sex: if female { Sex::Female } else { Sex::Male },
                    place_code: place,
                };
                (cf(&code), data)
            })
    }

    proptest! {
        #[test]
        fn generated_codes_parse_and_decode((code, data) in valid_code()) {
            let reparsed = CodiceFiscale::parse(code.as_str());
            prop_assert_eq!(reparsed.as_ref(), Ok(&code));
            prop_assert_eq!(code.decode(), Some(data));
            prop_assert!(!code.is_omocodic());
        }

        #[test]
        fn every_omocodic_variant_is_valid((code, data) in valid_code()) {
            for mask in 0u8..128 {
                let variant = omocodic_variant(&code, mask).unwrap();
                prop_assert_eq!(CodiceFiscale::parse(variant.as_str()), Ok(variant.clone()));
                prop_assert_eq!(variant.is_omocodic(), mask != 0);
                prop_assert_eq!(variant.decode(), Some(data.clone()));
                prop_assert_eq!(variant.base_form(), code.clone());
            }
        }

        #[test]
        fn single_substitution_is_caught(
            (code, _) in valid_code(),
            mask in 0u8..128,
            position in 0usize..LENGTH,
            pick in any::<prop::sample::Index>(),
        ) {
            let variant = omocodic_variant(&code, mask).unwrap();
            let mut bytes = variant.as_str().as_bytes().to_vec();
            let class = if is_digit_position(position) { DIGIT_CLASS } else { LETTER_CLASS };
            let others: Vec<u8> = class.iter().copied().filter(|&c| c != bytes[position]).collect();
            bytes[position] = *pick.get(&others);
            let mutated = String::from_utf8(bytes).unwrap();
            prop_assert!(CodiceFiscale::parse(&mutated).is_err(), "{} accepted", mutated);
        }

        #[test]
        fn provisional_check_digit_catches_single_substitutions(
            body in "[0-9]{10}",
            position in 0usize..PROVISIONAL_LENGTH,
            delta in 1u8..10,
        ) {
            let code = format!("{body}{}", provisional_check_digit(body.as_bytes()));
            prop_assert!(cf(&code).is_provisional());
            let mut bytes = code.into_bytes();
            bytes[position] = b'0' + (bytes[position] - b'0' + delta) % 10;
            let mutated = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(
                CodiceFiscale::parse(&mutated),
                Err(CfError::ProvisionalCheckDigit)
            );
        }

        #[test]
        fn parse_never_panics(input in "\\PC{0,20}") {
            let _ = CodiceFiscale::parse(&input);
        }
    }
}
