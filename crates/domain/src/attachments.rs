//! Attachments (RULES.md R8): what may be attached, how big, how many, for how long a draft
//! lives, and what its stored name is. The server checks every upload with these rules and the
//! SPA checks a file before sending it.

use chrono::{DateTime, Duration, Utc};

/// Largest attachment: 6 MB (6 × 1024 × 1024 bytes).
pub const MAX_BYTES: u64 = 6 * 1024 * 1024;
/// Attachments per message (the request itself, a follow-up or an answer).
pub const MAX_PER_MESSAGE: usize = 10;
/// [`MAX_PER_MESSAGE`] as the `u64` that `validator`'s length bounds take.
pub const MAX_PER_MESSAGE_U64: u64 = MAX_PER_MESSAGE as u64;
/// Hours an unlinked draft is kept.
pub const DRAFT_HOURS: i64 = 24;
/// Longest stored file name, in characters (the extension included).
pub const MAX_NAME_CHARS: usize = 120;

/// When a draft uploaded at `at` expires.
pub fn draft_expires_at(at: DateTime<Utc>) -> DateTime<Utc> {
    at + Duration::hours(DRAFT_HOURS)
}

/// The formats the service accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// GIF image.
    Gif,
    /// JPEG image.
    Jpeg,
    /// PDF document.
    Pdf,
    /// TIFF image.
    Tiff,
    /// Plain text, UTF-8 or Latin-1.
    Txt,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 5] = [
        Format::Gif,
        Format::Jpeg,
        Format::Pdf,
        Format::Tiff,
        Format::Txt,
    ];

    /// The media type it is stored and served with.
    pub const fn media_type(&self) -> &'static str {
        match self {
            Format::Gif => "image/gif",
            Format::Jpeg => "image/jpeg",
            Format::Pdf => "application/pdf",
            Format::Tiff => "image/tiff",
            Format::Txt => "text/plain; charset=utf-8",
        }
    }

    /// The file name extensions of the format (lower case).
    pub const fn extensions(&self) -> &'static [&'static str] {
        match self {
            Format::Gif => &["gif"],
            Format::Jpeg => &["jpg", "jpeg"],
            Format::Pdf => &["pdf"],
            Format::Tiff => &["tif", "tiff"],
            Format::Txt => &["txt"],
        }
    }

    /// The format a file name's extension claims, if it is one of ours.
    pub fn from_name(name: &str) -> Option<Format> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&extension.as_str()))
    }

    /// The format the first bytes of a file show (its magic number); text has none.
    pub fn from_content(head: &[u8]) -> Option<Format> {
        if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
            Some(Format::Gif)
        } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Format::Jpeg)
        } else if head.starts_with(b"%PDF-") {
            Some(Format::Pdf)
        } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
            Some(Format::Tiff)
        } else {
            None
        }
    }
}

/// The list of accepted formats, for messages.
pub const ACCEPTED: &str = "gif, jpg/jpeg, pdf, tiff/tif, txt";

/// Why a file cannot be attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing in it.
    Empty,
    /// More than [`MAX_BYTES`].
    TooLarge,
    /// An extension that is none of ours.
    FormatNotAllowed,
    /// The content is not what the extension says (an `.exe` renamed `.pdf`, a GIF called
    /// `.pdf`).
    ContentMismatch {
        /// What the name claims.
        claimed: Format,
    },
    /// A `.txt` that is neither UTF-8 nor Latin-1 text.
    NotText,
    /// The message already has [`MAX_PER_MESSAGE`].
    TooMany,
}

impl Refusal {
    /// Stable API code.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Empty => "attachment_empty",
            Refusal::TooLarge => "attachment_too_large",
            Refusal::FormatNotAllowed => "attachment_format_not_allowed",
            Refusal::ContentMismatch { .. } => "attachment_content_mismatch",
            Refusal::NotText => "attachment_not_text",
            Refusal::TooMany => "too_many_attachments",
        }
    }

    /// Italian message for the operator.
    pub fn message_it(&self) -> String {
        match self {
            Refusal::Empty => "Il file è vuoto.".into(),
            Refusal::TooLarge => format!(
                "Il file supera la dimensione massima di {} MB.",
                MAX_BYTES / (1024 * 1024)
            ),
            Refusal::FormatNotAllowed => {
                format!("Formato non ammesso: sono ammessi solo file {ACCEPTED}.")
            }
            Refusal::ContentMismatch { claimed } => format!(
                "Il contenuto del file non corrisponde all'estensione: non è un file {}.",
                claimed.extensions()[0]
            ),
            Refusal::NotText => {
                "Il file .txt non contiene testo leggibile (UTF-8 o Latin-1).".into()
            }
            Refusal::TooMany => {
                format!("È possibile allegare al massimo {MAX_PER_MESSAGE} file per messaggio.")
            }
        }
    }
}

/// The size rule, checkable before anything is sent.
pub fn check_size(bytes: u64) -> Result<(), Refusal> {
    match bytes {
        0 => Err(Refusal::Empty),
        n if n > MAX_BYTES => Err(Refusal::TooLarge),
        _ => Ok(()),
    }
}

/// The count rule: a message (the request, a follow-up, an answer) carries at most
/// [`MAX_PER_MESSAGE`] attachments, those it already has included.
pub fn check_count(already: usize, adding: usize) -> Result<(), Refusal> {
    if already.saturating_add(adding) > MAX_PER_MESSAGE {
        Err(Refusal::TooMany)
    } else {
        Ok(())
    }
}

/// Whether a draft uploaded by `owner` can still be linked by `caller` at `now`: only its
/// owner's, only unlinked, only before it expires.
pub fn linkable<U: PartialEq>(
    owner: &U,
    caller: &U,
    linked: bool,
    expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), LinkRefusal> {
    if owner != caller {
        return Err(LinkRefusal::NotFound);
    }
    if linked {
        return Err(LinkRefusal::Linked);
    }
    match expires_at {
        Some(at) if at <= now => Err(LinkRefusal::NotFound),
        _ => Ok(()),
    }
}

/// Why a draft cannot be linked or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkRefusal {
    /// Unknown, someone else's, or expired: as if it did not exist.
    NotFound,
    /// Already part of a request: immutable.
    Linked,
}

impl LinkRefusal {
    /// Stable API code.
    pub fn code(&self) -> &'static str {
        match self {
            LinkRefusal::NotFound => "attachment_not_found",
            LinkRefusal::Linked => "attachment_linked",
        }
    }

    /// Italian message for the operator.
    pub fn message_it(&self) -> &'static str {
        match self {
            LinkRefusal::NotFound => {
                "L'allegato non esiste, è scaduto o non è stato caricato da te."
            }
            LinkRefusal::Linked => {
                "L'allegato fa già parte di una richiesta e non può essere modificato né rimosso."
            }
        }
    }
}

/// How a text attachment is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// Valid UTF-8: stored as it is.
    Utf8,
    /// Latin-1 (ISO 8859-1): stored converted to UTF-8.
    Latin1,
}

fn is_text_char(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r' | '\u{c}')
}

/// Whether `content` is text, and in which encoding: UTF-8 without control characters, or
/// else Latin-1 whose bytes are all printable characters.
pub fn text_encoding(content: &[u8]) -> Option<Text> {
    match std::str::from_utf8(content) {
        Ok(text) => text.chars().all(is_text_char).then_some(Text::Utf8),
        Err(_) => content
            .iter()
            .all(|&b| is_text_char(char::from(b)))
            .then_some(Text::Latin1),
    }
}

/// Latin-1 bytes as UTF-8 text.
pub fn latin1_to_utf8(content: &[u8]) -> String {
    content.iter().map(|&b| char::from(b)).collect()
}

/// The format of a file named `name` whose first bytes are `head` (at least the first 8, the
/// whole file for text): the extension must be one of ours and the content must match it.
pub fn classify(name: &str, head: &[u8]) -> Result<Format, Refusal> {
    let claimed = Format::from_name(name).ok_or(Refusal::FormatNotAllowed)?;
    match (claimed, Format::from_content(head)) {
        (Format::Txt, None) => Ok(Format::Txt),
        (Format::Txt, Some(_)) => Err(Refusal::NotText),
        (claimed, Some(found)) if found == claimed => Ok(claimed),
        (claimed, _) => Err(Refusal::ContentMismatch { claimed }),
    }
}

/// The name an attachment is stored and offered with: the last path segment, without control
/// characters, at most [`MAX_NAME_CHARS`] characters with its extension kept; never empty.
pub fn stored_name(original: &str) -> String {
    let last = original
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>();
    let trimmed = last.trim().trim_start_matches('.').to_owned();
    let name = if trimmed.is_empty() {
        "allegato".to_owned()
    } else {
        trimmed
    };
    if name.chars().count() <= MAX_NAME_CHARS {
        return name;
    }
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) if ext.chars().count() <= 10 => (stem.to_owned(), format!(".{ext}")),
        _ => (name.clone(), String::new()),
    };
    let keep = MAX_NAME_CHARS - extension.chars().count();
    stem.chars().take(keep).collect::<String>() + &extension
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_megabytes_is_the_limit_and_empty_is_refused() {
        assert_eq!(check_size(MAX_BYTES), Ok(()));
        assert_eq!(check_size(MAX_BYTES + 1), Err(Refusal::TooLarge));
        assert_eq!(check_size(0), Err(Refusal::Empty));
        assert_eq!(MAX_BYTES, 6_291_456);
    }

    #[test]
    fn the_content_must_match_the_extension() {
        let pdf = b"%PDF-1.7\n...";
        let gif = b"GIF89a......";
        let exe = b"MZ\x90\x00\x03\x00\x00\x00";
        assert_eq!(classify("domanda.PDF", pdf), Ok(Format::Pdf));
        assert_eq!(classify("foto.gif", gif), Ok(Format::Gif));
        assert_eq!(
            classify("scansione.jpeg", &[0xFF, 0xD8, 0xFF, 0xE0]),
            Ok(Format::Jpeg)
        );
        assert_eq!(classify("scansione.tif", b"II*\0xxxx"), Ok(Format::Tiff));
        assert_eq!(
            classify("programma.pdf", exe),
            Err(Refusal::ContentMismatch {
                claimed: Format::Pdf
            })
        );
        assert_eq!(
            classify("immagine.pdf", gif),
            Err(Refusal::ContentMismatch {
                claimed: Format::Pdf
            })
        );
        assert_eq!(
            classify("programma.exe", exe),
            Err(Refusal::FormatNotAllowed)
        );
        assert_eq!(
            classify("senza-estensione", pdf),
            Err(Refusal::FormatNotAllowed)
        );
        assert_eq!(classify("nota.txt", pdf), Err(Refusal::NotText));
        assert_eq!(classify("nota.txt", b"Gentile sede"), Ok(Format::Txt));
    }

    #[test]
    fn text_is_utf8_or_latin1_and_never_binary() {
        assert_eq!(
            text_encoding("Perché la pratica è ferma?\n".as_bytes()),
            Some(Text::Utf8)
        );
        let latin1 = b"Perch\xe9 la pratica \xe8 ferma?";
        assert_eq!(text_encoding(latin1), Some(Text::Latin1));
        assert_eq!(latin1_to_utf8(latin1), "Perché la pratica è ferma?");
        assert_eq!(text_encoding(b"\x00\x01\x02binary"), None);
        assert_eq!(
            text_encoding(b"abc\x81def"),
            None,
            "C1 controls are not Latin-1 text"
        );
    }

    #[test]
    fn stored_names_have_no_path_no_controls_and_a_bounded_length() {
        assert_eq!(stored_name("../../etc/passwd"), "passwd");
        assert_eq!(stored_name("C:\\Documenti\\domanda.pdf"), "domanda.pdf");
        assert_eq!(stored_name("doman\u{0}da\n.pdf"), "domanda.pdf");
        assert_eq!(stored_name(""), "allegato");
        assert_eq!(stored_name(".."), "allegato");
        let long = format!("{}.pdf", "a".repeat(300));
        let stored = stored_name(&long);
        assert_eq!(stored.chars().count(), MAX_NAME_CHARS);
        assert!(stored.ends_with(".pdf"));
    }

    #[test]
    fn at_most_ten_per_message() {
        assert_eq!(check_count(0, MAX_PER_MESSAGE), Ok(()));
        assert_eq!(check_count(0, MAX_PER_MESSAGE + 1), Err(Refusal::TooMany));
        assert_eq!(check_count(9, 2), Err(Refusal::TooMany));
    }

    #[test]
    fn only_the_owners_unexpired_unlinked_draft_is_linkable() {
        let now = DateTime::from_timestamp(1_772_000_000, 0).unwrap_or_default();
        let later = Some(draft_expires_at(now));
        assert_eq!(linkable(&1, &1, false, later, now), Ok(()));
        assert_eq!(
            linkable(&1, &2, false, later, now),
            Err(LinkRefusal::NotFound)
        );
        assert_eq!(linkable(&1, &1, true, None, now), Err(LinkRefusal::Linked));
        assert_eq!(
            linkable(&1, &1, false, Some(now), now),
            Err(LinkRefusal::NotFound)
        );
    }

    #[test]
    fn a_draft_lives_24_hours() {
        let at = DateTime::from_timestamp(1_772_000_000, 0).unwrap_or_default();
        assert_eq!(draft_expires_at(at) - at, Duration::hours(24));
    }
}
