//! The word lists of the bulk data and the texts built from them: names, addresses, request
//! texts, answers, follow-ups, notes and practice references.

use chrono::{Duration, NaiveDateTime};
use domain::calendar::rome_date;
use domain::enums::{Motive, PracticeKind, RequestKind};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

use super::protocols::protocol;
use super::world::InpsOffice;
use crate::DbError;

pub(super) const SURNAMES: &[&str] = &[
    "ROSSI",
    "RUSSO",
    "FERRARI",
    "ESPOSITO",
    "BIANCHI",
    "ROMANO",
    "COLOMBO",
    "RICCI",
    "MARINO",
    "GRECO",
    "BRUNO",
    "GALLO",
    "CONTI",
    "DE LUCA",
    "MANCINI",
    "COSTA",
    "GIORDANO",
    "RIZZO",
    "LOMBARDI",
    "MORETTI",
    "BARBIERI",
    "FONTANA",
    "SANTORO",
    "MARIANI",
    "RINALDI",
    "CARUSO",
    "FERRARA",
    "GALLI",
    "MARTINI",
    "LEONE",
    "LONGO",
    "GENTILE",
    "MARTINELLI",
    "VITALE",
    "LOMBARDO",
    "SERRA",
    "COPPOLA",
    "DE SANTIS",
    "D'ANGELO",
    "MARCHETTI",
    "PARISI",
    "VILLA",
    "CONTE",
    "FERRO",
    "FABBRI",
    "BIANCO",
    "MARINI",
    "GRASSO",
    "VALENTINI",
    "MESSINA",
    "SALA",
    "DE ANGELIS",
    "GATTI",
    "PELLEGRINI",
    "PALUMBO",
    "SANNA",
    "FARINA",
    "RIVA",
    "MONTI",
    "CATTANEO",
    "MORELLI",
    "AMATO",
    "SILVESTRI",
    "MAZZA",
    "TESTA",
    "CARBONE",
    "GIULIANI",
    "BENEDETTI",
    "PIRAS",
    "ORLANDO",
];

pub(super) const MALE_NAMES: &[&str] = &[
    "GIUSEPPE",
    "GIOVANNI",
    "ANTONIO",
    "MARIO",
    "LUIGI",
    "FRANCESCO",
    "ANGELO",
    "VINCENZO",
    "PIETRO",
    "SALVATORE",
    "CARLO",
    "FRANCO",
    "DOMENICO",
    "BRUNO",
    "PAOLO",
    "MICHELE",
    "GIORGIO",
    "ALDO",
    "SERGIO",
    "LUCIANO",
    "STEFANO",
    "MARCO",
    "ANDREA",
    "LUCA",
    "ROBERTO",
    "ALESSANDRO",
    "MASSIMO",
    "DAVIDE",
    "MATTEO",
    "SIMONE",
];

pub(super) const FEMALE_NAMES: &[&str] = &[
    "MARIA",
    "ANNA",
    "GIUSEPPINA",
    "ROSA",
    "ANGELA",
    "GIOVANNA",
    "TERESA",
    "LUCIA",
    "CARMELA",
    "CATERINA",
    "FRANCESCA",
    "ANNAMARIA",
    "ANTONIETTA",
    "CARLA",
    "ELENA",
    "CONCETTA",
    "RITA",
    "MARGHERITA",
    "PAOLA",
    "LAURA",
    "GIULIA",
    "CHIARA",
    "SARA",
    "FEDERICA",
    "SILVIA",
    "VALENTINA",
    "ELISA",
    "MARTINA",
    "ALESSANDRA",
    "ROBERTA",
];

pub(super) const STREETS: &[&str] = &[
    "Via Roma",
    "Via Garibaldi",
    "Via Mazzini",
    "Corso Italia",
    "Via Dante Alighieri",
    "Via Cavour",
    "Via Giuseppe Verdi",
    "Piazza della Repubblica",
    "Via XX Settembre",
    "Via Giacomo Matteotti",
    "Viale Europa",
    "Via Guglielmo Marconi",
    "Via Antonio Gramsci",
    "Via Alessandro Manzoni",
    "Via San Francesco",
    "Corso Vittorio Emanuele II",
    "Via IV Novembre",
    "Via della Libertà",
];

/// Topics whose practices are identified by a pension number.
const PENSION_TOPICS: &[&str] = &[
    "PENS_VECCHIAIA",
    "PENS_ANTICIPATA",
    "QUOTA_103",
    "OPZIONE_DONNA",
    "APE_SOCIALE",
    "LAV_PRECOCI",
    "PENS_SUPERSTITI",
    "PENS_INVALIDITA",
    "RICOSTITUZIONE",
    "PENS_CONV_INT",
    "PENS_NON_CONV",
    "CUMULO_TOTALIZZ",
    "ASS_SOCIALE",
];

// The texts: `{t}` stands for the topic, in lower case.
const REMINDER_OPENERS: &[&str] = &[
    "Si sollecita la definizione della domanda di {t} presentata dal cittadino, ancora in istruttoria.",
    "Si chiede cortesemente notizia sullo stato di lavorazione della domanda di {t}, trasmessa da oltre sessanta giorni.",
    "La domanda di {t} risulta ancora nello stato «acquisita» senza ulteriori aggiornamenti: si chiede di sollecitarne la lavorazione.",
    "Il richiedente attende da mesi l'esito della domanda di {t}; si prega di verificare la pratica indicata.",
    "Si segnala il ritardo nella definizione della pratica di {t}, per la quale non è pervenuta alcuna richiesta di integrazione.",
];
const BENEFIT_OPENERS: &[&str] = &[
    "La domanda di {t} è stata respinta per mancanza dei requisiti, ma dalla documentazione in nostro possesso i requisiti risultano soddisfatti.",
    "Il pagamento della prestazione ({t}) risulta sospeso senza che al cittadino sia stata inviata alcuna comunicazione.",
    "Si segnala che l'importo liquidato per {t} non corrisponde a quanto indicato nel provvedimento.",
    "Il provvedimento di reiezione relativo a {t} non riporta la motivazione: si chiede di conoscerne le ragioni.",
    "La prestazione ({t}) è in pagamento ma non sono state corrisposte le mensilità arretrate.",
];
const ACCESS_OPENERS: &[&str] = &[
    "Si chiede di conoscere i requisiti per accedere a {t} nel caso del cittadino in oggetto.",
    "Il cittadino chiede se può presentare domanda di {t} e con quale documentazione.",
    "Si chiedono chiarimenti sulle modalità di presentazione della domanda di {t}.",
    "Si chiede se la situazione contributiva del cittadino consente l'accesso a {t}.",
];
const REGIONAL_OPENERS: &[&str] = &[
    "Si chiede un chiarimento sull'applicazione della normativa in materia di {t} alla luce dell'ultima circolare.",
    "Diverse sedi del territorio forniscono indicazioni non uniformi in materia di {t}: si chiede un orientamento regionale.",
    "Si chiede di conoscere l'interpretazione dell'Istituto circa i termini di presentazione delle domande di {t}.",
    "Si chiede se, in materia di {t}, la documentazione integrativa possa essere trasmessa esclusivamente in via telematica.",
    "Si chiede conferma dei requisiti di accesso a {t} per i lavoratori con contribuzione mista.",
];
const CITIZEN_DETAILS: &[&str] = &[
    "Il cittadino ha già inviato tutta la documentazione richiesta tramite il patronato.",
    "Si allega copia del documento di identità e della delega sottoscritta.",
    "Il cittadino riferisce di non aver ricevuto alcuna comunicazione all'indirizzo di residenza.",
    "Dall'estratto conto contributivo risultano periodi non ancora accreditati.",
    "Il richiedente versa in condizioni economiche difficili e chiede la massima sollecitudine.",
    "Nel fascicolo risulta un IBAN non aggiornato: il cittadino ha cambiato conto corrente.",
    "La dichiarazione ISEE è stata aggiornata nel mese corrente.",
    "Il cittadino ha già contattato il Contact Center senza ottenere risposta.",
    "Risultano contributi versati all'estero che non sono stati considerati.",
    "Il datore di lavoro ha trasmesso il flusso UniEmens con ritardo.",
];
const REGIONAL_DETAILS: &[&str] = &[
    "La questione riguarda numerosi assistiti delle nostre sedi zonali.",
    "Le indicazioni ricevute dagli sportelli territoriali risultano discordanti.",
    "Non risultano messaggi Hermes recenti sull'argomento.",
    "Si chiede se sia prevista una procedura transitoria per le domande già presentate.",
];
const CLOSINGS: &[&str] = &[
    "Si resta in attesa di cortese riscontro.",
    "Grazie per la collaborazione.",
    "Cordiali saluti.",
    "Si ringrazia anticipatamente.",
    "Restiamo a disposizione per ogni eventuale integrazione.",
];
const NOTES: &[&str] = &[
    "Cittadino seguito dalla sede zonale.",
    "Documentazione completa agli atti.",
    "Pratica già segnalata telefonicamente.",
    "Urgente: il cittadino è privo di altri redditi.",
    "Delega acquisita in originale.",
    "Richiesta collegata a una precedente istanza.",
    "Contattare il cittadino solo tramite il patronato.",
];
const ANSWERS: &[&str] = &[
    "Gentile patronato, la domanda è stata definita con esito positivo e il pagamento sarà disposto con la prossima rata utile.",
    "La pratica risulta in lavorazione: è in corso l'acquisizione dei dati contributivi dall'ente competente.",
    "Si comunica che la domanda è stata respinta per assenza del requisito contributivo; il cittadino può presentare ricorso amministrativo entro 90 giorni.",
    "Per completare l'istruttoria è necessario trasmettere la documentazione reddituale dell'anno precedente.",
    "L'importo è stato ricalcolato e gli arretrati verranno corrisposti entro sessanta giorni.",
    "La sospensione è dovuta a una verifica sui redditi dichiarati; la posizione è ora regolarizzata.",
    "Il requisito richiesto risulta soddisfatto: il cittadino può presentare domanda tramite i servizi telematici.",
    "Si conferma la correttezza del provvedimento emesso, calcolato sulla base dei contributi presenti in archivio.",
    "In materia si rinvia alla circolare più recente dell'Istituto, che disciplina termini e modalità di presentazione.",
    "La posizione assicurativa è stata aggiornata con i periodi segnalati.",
];
const ANSWER_CLOSINGS: &[&str] = &[
    "Cordiali saluti.",
    "Distinti saluti.",
    "Per ulteriori informazioni è possibile prenotare un appuntamento con la sede.",
];
const FOLLOW_UPS: &[&str] = &[
    "Si ringrazia per la risposta. Il cittadino chiede tuttavia di conoscere la data prevista per il pagamento.",
    "Come richiesto, si trasmette la documentazione integrativa.",
    "La risposta non chiarisce il motivo del ricalcolo: si chiede il dettaglio dei periodi considerati.",
    "Il cittadino contesta l'esito e chiede il riesame della pratica.",
    "Si segnala che, a distanza di settimane, il pagamento non risulta ancora disposto.",
    "Si chiede conferma che la documentazione inviata sia stata acquisita.",
];

/// A full name in title case from registry-style upper-case parts.
pub(super) fn title_case(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        if !out.is_empty() {
            out.push(' ');
        }
        let mut upper = true;
        for ch in part.chars() {
            if upper {
                out.extend(ch.to_uppercase());
            } else {
                out.extend(ch.to_lowercase());
            }
            upper = matches!(ch, ' ' | '\'');
        }
    }
    out
}

/// One of `items`, or the default when there are none.
pub(super) fn any<T: Copy + Default>(rng: &mut StdRng, items: &[T]) -> T {
    items.choose(rng).copied().unwrap_or_default()
}

/// The full name of a user.
pub(super) fn person_name(rng: &mut StdRng) -> String {
    let first = if rng.gen_bool(0.5) {
        any(rng, MALE_NAMES)
    } else {
        any(rng, FEMALE_NAMES)
    };
    title_case(&[first, any(rng, SURNAMES)])
}

/// The text of a request: what it is about, a detail, a closing.
pub(super) fn request_text(
    rng: &mut StdRng,
    kind: RequestKind,
    motive: Motive,
    topic: &str,
) -> String {
    let (openers, details) = match (kind, motive) {
        (RequestKind::Regional, _) => (REGIONAL_OPENERS, REGIONAL_DETAILS),
        (_, Motive::ReminderOfApplication) => (REMINDER_OPENERS, CITIZEN_DETAILS),
        (_, Motive::BenefitInProgressOrRejected) => (BENEFIT_OPENERS, CITIZEN_DETAILS),
        _ => (ACCESS_OPENERS, CITIZEN_DETAILS),
    };
    format!(
        "{} {} {}",
        any(rng, openers).replace("{t}", topic),
        any(rng, details),
        any(rng, CLOSINGS)
    )
}

/// The notes of a request, for three in ten.
pub(super) fn notes(rng: &mut StdRng) -> Option<&'static str> {
    rng.gen_ratio(3, 10).then(|| any(rng, NOTES))
}

/// An answer of the institute.
pub(super) fn answer_text(rng: &mut StdRng) -> String {
    format!("{} {}", any(rng, ANSWERS), any(rng, ANSWER_CLOSINGS))
}

/// A follow-up of the patronato.
pub(super) fn follow_up_text(rng: &mut StdRng) -> String {
    any(rng, FOLLOW_UPS).to_owned()
}

/// A practice reference for a motive that needs one, in the format of its kind.
pub(super) fn practice(
    rng: &mut StdRng,
    topic: &str,
    office: &InpsOffice,
    created: NaiveDateTime,
) -> Result<(PracticeKind, String), DbError> {
    let year = rome_date(created.and_utc()).format("%Y");
    if topic == "RDC" {
        return Ok((
            PracticeKind::Rdc,
            format!("RDC{year}{:06}", rng.gen_range(1..999_999)),
        ));
    }
    if PENSION_TOPICS.contains(&topic) && rng.gen_ratio(6, 10) {
        return Ok((
            PracticeKind::Pension,
            rng.gen_range(10_000_000..99_999_999).to_string(),
        ));
    }
    if rng.gen_ratio(1, 4) {
        return Ok((
            PracticeKind::Domus,
            format!("DOM{year}{:06}", rng.gen_range(1..999_999)),
        ));
    }
    // The protocol of the application the citizen filed, weeks or months before.
    let filed = created - Duration::days(rng.gen_range(10..300));
    Ok((
        PracticeKind::Protocol,
        protocol(office, filed, rng.gen_range(1..2_000_000))?,
    ))
}
