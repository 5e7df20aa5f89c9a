//! *Stampa riepilogo*: the request and its whole conversation as an A4 PDF, laid out from the
//! same [`RequestDetail`] the detail screen shows. printpdf writes the document; DejaVu Sans
//! (embedded, subset to the glyphs used) renders Italian accents and any other Latin text.

use chrono::{DateTime, Utc};
use domain::calendar::ROME;
use printpdf::{IndirectFontRef, Mm, PdfDocument, PdfDocumentReference, PdfLayerReference};
use types::attachments::AttachmentDto;
use types::requests::{MessageDto, RequestDetail};

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_WIDTH: f32 = 210.0;
const PAGE_HEIGHT: f32 = 297.0;
const MARGIN: f32 = 18.0;
const BODY_PT: f32 = 10.0;
const SMALL_PT: f32 = 8.0;
const TITLE_PT: f32 = 16.0;
const HEADING_PT: f32 = 12.0;
/// Width of the labels column of the fields table.
const LABEL_WIDTH: f32 = 48.0;
const PT_TO_MM: f32 = 25.4 / 72.0;

/// Why a summary could not be made (a font that does not load: a build defect, not bad input).
#[derive(Debug, thiserror::Error)]
#[error("summary PDF: {0}")]
pub struct SummaryError(String);

/// The summary of `detail`, printed at `now`, as PDF bytes.
pub fn render(detail: &RequestDetail, now: DateTime<Utc>) -> Result<Vec<u8>, SummaryError> {
    let mut sheet = Sheet::new(&format!("Riepilogo richiesta {}", detail.protocol))?;
    sheet.title("Riepilogo richiesta");
    sheet.line(&detail.protocol, HEADING_PT, Face::Bold);
    sheet.gap(3.0);
    sheet.heading("Dati della richiesta");
    for (label, value) in request_fields(detail) {
        sheet.field(label, &value);
    }
    if let Some(citizen) = &detail.citizen {
        sheet.heading("Dati del cittadino");
        sheet.field("Codice fiscale", &citizen.codice_fiscale);
        sheet.field(
            "Cognome e nome",
            &format!("{} {}", citizen.surname, citizen.name),
        );
        sheet.field(
            "Nato il",
            &format!(
                "{} a {} ({})",
                citizen.birth_date.format("%d/%m/%Y"),
                citizen.birth_place.comune,
                citizen.birth_place.province
            ),
        );
        let home = &citizen.residence;
        sheet.field(
            "Residenza",
            &format!(
                "{}, {} {} ({})",
                home.address, home.cap, home.comune, home.province
            ),
        );
    }
    sheet.heading("Cronologia comunicazione");
    for message in &detail.messages {
        sheet.message(message);
    }
    sheet.finish(now)
}

fn rome_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&ROME).format("%d/%m/%Y %H:%M").to_string()
}

fn request_fields(detail: &RequestDetail) -> Vec<(&'static str, String)> {
    let mut fields = vec![
        ("Data", rome_time(detail.created_at)),
        ("Stato", detail.status_label.clone()),
        ("Operatore", detail.sender.full_name.clone()),
    ];
    if let Some(office) = &detail.patronato_office {
        fields.push(("Ufficio patronato", office.name.clone()));
    }
    fields.push(("Motivo", detail.motive_label.clone()));
    if let Some(practice) = &detail.practice {
        fields.push((
            "Riferimento pratica",
            format!("{}: {}", practice.kind.label_it(), practice.number),
        ));
    }
    fields.push(("Oggetto", detail.topic.label.clone()));
    fields.push(("Sede INPS", detail.office.display_name.clone()));
    if let Some(official) = &detail.assigned_official {
        fields.push(("Funzionario", official.full_name.clone()));
    }
    if let Some(notes) = &detail.notes {
        fields.push(("Ulteriori note", notes.clone()));
    }
    for reminder in &detail.reminders {
        let label = if reminder.seq == 1 {
            "Data 1° sollecito"
        } else {
            "Data 2° sollecito"
        };
        fields.push((label, rome_time(reminder.sent_at)));
    }
    fields
}

#[derive(Clone, Copy)]
enum Face {
    Regular,
    Bold,
}

/// A font and its metrics (printpdf places glyphs; the wrapping needs their widths).
struct Font {
    pdf: IndirectFontRef,
    face: ttf_parser::Face<'static>,
}

impl Font {
    fn load(doc: &PdfDocumentReference, bytes: &'static [u8]) -> Result<Font, SummaryError> {
        let pdf = doc
            .add_external_font(bytes)
            .map_err(|e| SummaryError(e.to_string()))?;
        let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| SummaryError(e.to_string()))?;
        Ok(Font { pdf, face })
    }

    /// Width of `text` at `size` points, in millimetres.
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 / f32::from(self.face.units_per_em()) * size * PT_TO_MM
    }

    /// `text` broken into lines no wider than `width` mm (words longer than a line are cut).
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                line = self.cut(word, size, width, &mut lines);
            }
            lines.push(line);
        }
        lines
    }

    /// Pushes the full-width pieces of an over-long word and returns its rest.
    fn cut(&self, word: &str, size: f32, width: f32, lines: &mut Vec<String>) -> String {
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if self.width(&piece, size) > width && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        piece
    }
}

/// The pages being written, top to bottom, with the cursor's height on the current one.
struct Sheet {
    doc: PdfDocumentReference,
    pages: Vec<PdfLayerReference>,
    y: f32,
    regular: Font,
    bold: Font,
}

impl Sheet {
    fn new(title: &str) -> Result<Sheet, SummaryError> {
        let (doc, page, layer) = PdfDocument::new(title, Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), "testo");
        let regular = Font::load(&doc, REGULAR)?;
        let bold = Font::load(&doc, BOLD)?;
        let first = doc.get_page(page).get_layer(layer);
        Ok(Sheet {
            doc,
            pages: vec![first],
            y: PAGE_HEIGHT - MARGIN,
            regular,
            bold,
        })
    }

    fn font(&self, face: Face) -> &Font {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    fn layer(&self) -> &PdfLayerReference {
        &self.pages[self.pages.len() - 1]
    }

    /// Room for `height` mm on this page, or a new page (the footer keeps its band).
    fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN + 8.0 {
            let (page, layer) = self.doc.add_page(Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT), "testo");
            self.pages.push(self.doc.get_page(page).get_layer(layer));
            self.y = PAGE_HEIGHT - MARGIN;
        }
    }

    fn line_height(size: f32) -> f32 {
        size * PT_TO_MM * 1.35
    }

    fn text_at(&self, text: &str, size: f32, x: f32, face: Face) {
        self.layer()
            .use_text(text, size, Mm(x), Mm(self.y), &self.font(face).pdf);
    }

    /// Moves the cursor down one line of `size` points, onto a new page if needed.
    fn next_line(&mut self, size: f32) {
        let height = Self::line_height(size);
        self.ensure(height);
        self.y -= height;
    }

    /// One line of text at the left margin.
    fn line(&mut self, text: &str, size: f32, face: Face) {
        self.next_line(size);
        self.text_at(text, size, MARGIN, face);
    }

    /// Wrapped text starting at `x`.
    fn paragraph(&mut self, text: &str, size: f32, x: f32, face: Face) {
        let width = PAGE_WIDTH - MARGIN - x;
        for line in self.font(face).wrap(text, size, width) {
            self.next_line(size);
            self.text_at(&line, size, x, face);
        }
    }

    fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    fn title(&mut self, text: &str) {
        self.line(text, TITLE_PT, Face::Bold);
    }

    fn heading(&mut self, text: &str) {
        self.gap(4.0);
        self.ensure(Self::line_height(HEADING_PT) * 3.0);
        self.line(text, HEADING_PT, Face::Bold);
        self.gap(1.0);
    }

    /// A label and its value, the value wrapped in its column.
    fn field(&mut self, label: &str, value: &str) {
        let x = MARGIN + LABEL_WIDTH;
        let lines = self.regular.wrap(value, BODY_PT, PAGE_WIDTH - MARGIN - x);
        for (i, line) in lines.iter().enumerate() {
            self.next_line(BODY_PT);
            if i == 0 {
                self.text_at(label, BODY_PT, MARGIN, Face::Bold);
            }
            self.text_at(line, BODY_PT, x, Face::Regular);
        }
    }

    fn message(&mut self, message: &MessageDto) {
        self.gap(2.0);
        self.ensure(Self::line_height(BODY_PT) * 4.0);
        let header = format!(
            "{} — {} — {}",
            message.kind.label_it(),
            message.protocol,
            rome_time(message.created_at)
        );
        self.line(&header, BODY_PT, Face::Bold);
        let author = format!(
            "{} ({})",
            message.author.full_name,
            message.author.side.label_it()
        );
        self.line(&author, SMALL_PT, Face::Regular);
        self.paragraph(&message.text, BODY_PT, MARGIN + 4.0, Face::Regular);
        if !message.attachments.is_empty() {
            self.line("Allegati", SMALL_PT, Face::Bold);
            for attachment in &message.attachments {
                self.paragraph(
                    &attachment_line(attachment),
                    SMALL_PT,
                    MARGIN + 4.0,
                    Face::Regular,
                );
            }
        }
    }

    /// Page footers, then the bytes.
    fn finish(self, now: DateTime<Utc>) -> Result<Vec<u8>, SummaryError> {
        let total = self.pages.len();
        for (i, layer) in self.pages.iter().enumerate() {
            let footer = format!(
                "Stampato il {} — pagina {} di {}",
                rome_time(now),
                i + 1,
                total
            );
            layer.use_text(
                footer,
                SMALL_PT,
                Mm(MARGIN),
                Mm(MARGIN - 6.0),
                &self.regular.pdf,
            );
        }
        self.doc
            .save_to_bytes()
            .map_err(|e| SummaryError(e.to_string()))
    }
}

fn attachment_line(attachment: &AttachmentDto) -> String {
    format!(
        "{} ({} byte) SHA-256 {}",
        attachment.file_name, attachment.size_bytes, attachment.sha256
    )
}
