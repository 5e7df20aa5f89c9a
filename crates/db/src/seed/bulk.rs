//! Bulk data for load tests and benchmarks (`combipat seed --bulk N`): about a hundred extra
//! patronato offices with their operators and regional referents, officials for every INPS
//! office, a registry of citizens, and N requests spread over the two years before `now`, each
//! with a conversation in the state the API would have left it.
//!
//! Deterministic: the same N on the same database gives the same rows. Fast: every table is
//! written with multi-row INSERTs and explicit ids, a transaction per block of requests.
//! Meant for a database nobody else writes to while it runs (a fresh one, before `serve`): ids
//! are taken past the current maximum, and the protocol numbers are reserved up front (a change
//! of a sequence meanwhile aborts the seed rather than risk a duplicate).

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use domain::calendar::rome_date;
use domain::codice_fiscale::check_character;
use domain::protocol::ProtocolNumber;
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::DEMO_PASSWORD;
use crate::passwords::hash_password;
use crate::schema::{
    citizens, comune_caps, comuni, inps_offices, messages, office_caps, official_topics,
    patronato_offices, protocol_sequences, provinces, reminders, request_events, requests,
    topic_overrides, topics, user_profiles, users,
};
use crate::users::{ensure_patronato, find_by_username};
use crate::{on_backend, write_tx, AnyConnection, DbError};

/// What a bulk seed wrote, and how long it took.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BulkReport {
    /// Requests written.
    pub requests: usize,
    /// Messages written (message 0 of every request included).
    pub messages: usize,
    /// Reminders written.
    pub reminders: usize,
    /// Registry people written.
    pub citizens: usize,
    /// Users written (operators, referents, officials).
    pub users: usize,
    /// Patronato offices written.
    pub patronato_offices: usize,
    /// Wall-clock time of the whole seed, in milliseconds.
    pub elapsed_ms: u128,
}

/// Seed of every random choice: the data must be the same from one run to the next, so that
/// benchmark figures compare.
const SEED: u64 = 0x5EED_C0B1_9A70_2026;
/// How far back the requests go.
const HISTORY_DAYS: i64 = 730;
/// Extra patronato offices (at most one per province).
const PATRONATO_OFFICES: usize = 100;
/// The registry size at full scale; smaller runs get a quarter of N (at least a few hundred).
const MAX_CITIZENS: usize = 50_000;
/// Fewest registry people, so that small runs still spread over provinces.
const MIN_CITIZENS: usize = 200;
/// Requests per transaction, with their messages, events and reminders (~45,000 rows).
const BLOCK: usize = 10_000;
/// Bound parameters per statement: below SQLite's limit of 32,766 (PostgreSQL allows 65,535).
const MAX_BINDS: usize = 30_000;
/// The largest sequence a protocol number can carry (seven digits).
const MAX_SEQUENCE: i64 = 9_999_999;
const SECONDS_PER_DAY: i64 = 86_400;

/// The patronati of the bulk offices: code, name as registered, short name used in office names.
/// INCA and ACLI already exist in the demo data and are reused by code.
const PATRONATI: &[(&str, &str, &str)] = &[
    ("INCA", "INCA CGIL", "INCA CGIL"),
    ("ACLI", "Patronato ACLI", "ACLI"),
    ("INAS", "INAS CISL", "INAS CISL"),
    ("ITAL", "ITAL UIL", "ITAL UIL"),
    ("EPACA", "EPACA", "EPACA"),
];

const SURNAMES: &[&str] = &[
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

const MALE_NAMES: &[&str] = &[
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

const FEMALE_NAMES: &[&str] = &[
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

const STREETS: &[&str] = &[
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

/// Topics people ask about most often, with their weight (the others weigh 1).
const POPULAR_TOPICS: &[(&str, u32)] = &[
    ("NASPI", 6),
    ("PENS_VECCHIAIA", 5),
    ("PENS_ANTICIPATA", 5),
    ("AUU", 5),
    ("INV_CIV", 4),
    ("ADI", 4),
    ("ECOCERT", 4),
    ("RICOSTITUZIONE", 3),
    ("MALATTIA", 3),
    ("MATERNITA", 3),
    ("CIG", 3),
    ("L104", 3),
    ("PENS_SUPERSTITI", 3),
    ("ASS_SOCIALE", 2),
    ("INDEBITI", 2),
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

/// The month letters of the codice fiscale, January to December.
const MONTH_LETTERS: &[u8; 12] = b"ABCDEHLMPRST";

/// An INPS office as routing sees it.
struct InpsOffice {
    id: i64,
    code: String,
    kind: String,
    region_id: i64,
}

/// A topic with its label in lower case, for the texts.
struct Topic {
    id: i64,
    code: String,
    label: String,
}

/// A CAP the registry may use for a residence: its comune, province and covering office.
struct Place {
    cap: String,
    comune: String,
    province: String,
    office: usize,
}

/// A comune people may be born in.
struct BirthPlace {
    name: String,
    cadastral: String,
    province: String,
}

/// A registry person, as far as requests need it.
struct Person {
    id: i64,
    cf: String,
    province: String,
    office: usize,
}

/// A patronato user who writes requests.
struct Sender {
    user_id: i64,
    patronato_id: i64,
    office_id: i64,
    /// Province code of the patronato office: most people it serves live there.
    province: String,
    /// Region of a referent (regional requests).
    region_id: Option<i64>,
}

/// Everything the request generator chooses from.
struct World {
    now: NaiveDateTime,
    offices: Vec<InpsOffice>,
    topics: Vec<Topic>,
    citizen_topics: Vec<usize>,
    citizen_topic_weights: WeightedIndex<u32>,
    regional_topics: Vec<usize>,
    /// Hub office per (topic id, region id); region 0 is nationwide.
    overrides: HashMap<(i64, i64), usize>,
    cric_by_region: HashMap<i64, usize>,
    territorial_by_region: HashMap<i64, Vec<usize>>,
    officials: Vec<Vec<i64>>,
    senders: Vec<Sender>,
    bulk_operators: Vec<usize>,
    bulk_operator_weights: WeightedIndex<u32>,
    demo_operators: Vec<usize>,
    referents: Vec<usize>,
    people: Vec<Person>,
    people_by_province: HashMap<String, Vec<usize>>,
}

/// The shape of one request: who, about whom, where, and when each message was written.
/// Everything that decides protocol numbers is here; the rest is drawn from `detail_seed`.
struct Plan {
    sender: usize,
    person: Option<usize>,
    topic: usize,
    office: usize,
    routing: &'static str,
    by_hand: bool,
    /// Message times: the request, then answers and follow-ups alternating.
    messages: Vec<NaiveDateTime>,
    reminders: Vec<NaiveDateTime>,
    /// When the dispatcher gave it to the office; `None` while `sent`.
    dispatched_at: Option<NaiveDateTime>,
    status: &'static str,
    detail_seed: u64,
}

#[derive(Insertable)]
#[diesel(table_name = patronato_offices, treat_none_as_default_value = false)]
struct PatronatoOfficeRow {
    id: i64,
    patronato_id: i64,
    name: String,
    province_id: i64,
    address: String,
    cap: String,
    comune: String,
}

#[derive(Insertable)]
#[diesel(table_name = users, treat_none_as_default_value = false)]
struct UserRow<'a> {
    id: i64,
    username: String,
    password_hash: &'a str,
    full_name: String,
    email: Option<String>,
    side: &'static str,
    patronato_id: Option<i64>,
    patronato_office_id: Option<i64>,
    region_id: Option<i64>,
    inps_office_id: Option<i64>,
    active: bool,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = citizens, treat_none_as_default_value = false)]
struct CitizenRow<'a> {
    id: i64,
    codice_fiscale: String,
    surname: &'static str,
    name: &'static str,
    birth_date: NaiveDate,
    sex: &'static str,
    birth_comune: String,
    birth_province: &'a str,
    residence_address: String,
    residence_comune: String,
    residence_province: &'a str,
    residence_cap: &'a str,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = requests, treat_none_as_default_value = false)]
struct RequestRow<'a> {
    id: i64,
    protocol: String,
    kind: &'static str,
    status: &'static str,
    patronato_id: i64,
    patronato_office_id: Option<i64>,
    region_id: Option<i64>,
    created_by: i64,
    citizen_id: Option<i64>,
    citizen_cf: Option<&'a str>,
    delega_declared_at: Option<NaiveDateTime>,
    motive: &'static str,
    practice_kind: Option<&'static str>,
    practice_number: Option<String>,
    topic_id: i64,
    search_terms: String,
    text: String,
    notes: Option<&'static str>,
    office_id: i64,
    office_chosen_by_hand: bool,
    routing_reason: &'static str,
    assigned_official_id: Option<i64>,
    appointments_enabled: bool,
    followups_used: i32,
    first_answer_at: Option<NaiveDateTime>,
    awaiting_since: Option<NaiveDateTime>,
    last_message_at: NaiveDateTime,
    closed_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
    version: i32,
}

#[derive(Insertable)]
#[diesel(table_name = messages, treat_none_as_default_value = false)]
struct MessageRow {
    id: i64,
    request_id: i64,
    seq: i32,
    protocol: String,
    kind: &'static str,
    author_id: i64,
    author_side: &'static str,
    text: String,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = request_events, treat_none_as_default_value = false)]
struct EventRow {
    id: i64,
    request_id: i64,
    kind: &'static str,
    actor_id: Option<i64>,
    from_office_id: Option<i64>,
    to_office_id: Option<i64>,
    detail: Option<&'static str>,
    created_at: NaiveDateTime,
}

#[derive(Insertable)]
#[diesel(table_name = reminders, treat_none_as_default_value = false)]
struct ReminderRow {
    id: i64,
    request_id: i64,
    seq: i32,
    sent_by: i64,
    created_at: NaiveDateTime,
}

/// Multi-row INSERTs of `$rows` into `$table`, as many rows per statement as the bound-parameter
/// limit allows for `$columns` columns.
macro_rules! insert_all {
    ($conn:expr, $table:expr, $rows:expr, $columns:expr) => {
        for chunk in $rows.chunks(MAX_BINDS / $columns) {
            on_backend!($conn, |c| diesel::insert_into($table)
                .values(chunk)
                .execute(c))?;
        }
    };
}

/// The largest id of a table (0 when empty): bulk rows take the ids after it.
macro_rules! max_id {
    ($conn:expr, $table:ident) => {
        $table::table
            .select(diesel::dsl::max($table::id))
            .first::<Option<i64>>($conn)?
            .unwrap_or(0)
    };
}

/// Generates `n` requests with their conversations, on top of the reference and demo data
/// (load both first). See the module documentation for what else it creates.
///
/// Refuses to run twice on the same database: the bulk usernames would collide.
pub fn seed_bulk(
    conn: &mut AnyConnection,
    n: usize,
    now: NaiveDateTime,
) -> Result<BulkReport, DbError> {
    let started = Instant::now();
    if find_by_username(conn, "bulk.op.1")?.is_some() {
        return Err(DbError::Seed(
            "bulk data is already loaded: seed a fresh database".into(),
        ));
    }
    let outcome = generate(conn, n, now, started);
    // Explicit ids do not move PostgreSQL's id sequences. Whatever was committed, even by a
    // seed that failed halfway, must not collide with the next row the API inserts.
    let restarted = restart_id_sequences(conn);
    let report = outcome?;
    restarted?;
    Ok(report)
}

/// The body of [`seed_bulk`]: each phase commits on its own (users and offices, citizens,
/// protocol reservation, then a block of requests at a time).
fn generate(
    conn: &mut AnyConnection,
    n: usize,
    now: NaiveDateTime,
    started: Instant,
) -> Result<BulkReport, DbError> {
    // Hashed once and shared: argon2 is slow on purpose, and thousands of users would take
    // minutes. Every bulk user signs in with the demo password.
    let password_hash = hash_password(DEMO_PASSWORD)?;
    let mut rng = StdRng::seed_from_u64(SEED);
    let reference = load_reference(conn)?;
    let side = write_tx(conn, |conn| {
        seed_people_of_both_sides(conn, &mut rng, &reference, &password_hash, now)
    })?;
    let citizen_count = (n / 4).clamp(MIN_CITIZENS, MAX_CITIZENS);
    let people = write_tx(conn, |conn| {
        seed_citizens(conn, &mut rng, &reference, citizen_count, now)
    })?;
    tracing::info!(
        users = side.users,
        patronato_offices = side.patronato_offices,
        citizens = people.len(),
        "bulk users, offices and citizens written"
    );
    let (users_written, offices_written) = (side.users, side.patronato_offices);
    let world = World::new(conn, reference, side, people, now)?;

    let start = now - Duration::days(HISTORY_DAYS);
    let mut created: Vec<NaiveDateTime> = (0..n)
        .map(|_| start + Duration::seconds(rng.gen_range(0..HISTORY_DAYS * SECONDS_PER_DAY)))
        .collect();
    // Ids follow creation time, as they would in production.
    created.sort_unstable();
    let protocols = allocate_protocols(conn, &world, &created)?;

    let first_request = max_id!(conn, requests) + 1;
    let mut counters = Counters {
        message: max_id!(conn, messages) + 1,
        event: max_id!(conn, request_events) + 1,
        reminder: max_id!(conn, reminders) + 1,
        messages: 0,
        reminders: 0,
    };
    for block in (0..n).step_by(BLOCK) {
        let end = (block + BLOCK).min(n);
        write_tx(conn, |conn| {
            write_block(
                conn,
                &world,
                &protocols,
                &created,
                (block, end, first_request),
                &mut counters,
            )
        })?;
        if end.is_multiple_of(100_000) || end == n {
            tracing::info!(
                written = end,
                of = n,
                elapsed_s = started.elapsed().as_secs(),
                "bulk requests"
            );
        }
    }
    Ok(BulkReport {
        requests: n,
        messages: counters.messages,
        reminders: counters.reminders,
        citizens: world.people.len(),
        users: users_written,
        patronato_offices: offices_written,
        elapsed_ms: started.elapsed().as_millis(),
    })
}

/// The reference data the generator reads, loaded once.
struct Reference {
    /// Id, code, name and region of every province.
    provinces: Vec<(i64, String, String, i64)>,
    offices: Vec<InpsOffice>,
    places: Vec<Place>,
    birth_places: Vec<BirthPlace>,
    topics: Vec<(Topic, bool, bool)>,
    overrides: Vec<(i64, i64, Option<i64>)>,
}

fn load_reference(conn: &mut AnyConnection) -> Result<Reference, DbError> {
    let provinces: Vec<(i64, String, String, i64)> = provinces::table
        .order(provinces::id)
        .select((
            provinces::id,
            provinces::code,
            provinces::name,
            provinces::region_id,
        ))
        .load(conn)?;
    let offices: Vec<InpsOffice> = inps_offices::table
        .filter(inps_offices::active.eq(true))
        .order(inps_offices::id)
        .select((
            inps_offices::id,
            inps_offices::code,
            inps_offices::kind,
            inps_offices::region_id,
        ))
        .load::<(i64, String, String, i64)>(conn)?
        .into_iter()
        .map(|(id, code, kind, region_id)| InpsOffice {
            id,
            code,
            kind,
            region_id,
        })
        .collect();
    let office_index: HashMap<i64, usize> =
        offices.iter().enumerate().map(|(i, o)| (o.id, i)).collect();
    let coverage: HashMap<String, i64> = office_caps::table
        .select((office_caps::cap, office_caps::office_id))
        .load::<(String, i64)>(conn)?
        .into_iter()
        .collect();
    let cap_comuni: Vec<(String, String, String)> = comune_caps::table
        .inner_join(comuni::table.inner_join(provinces::table))
        .order((comune_caps::cap, comuni::id))
        .select((comune_caps::cap, comuni::name, provinces::code))
        .load(conn)?;
    let mut places = Vec::new();
    let mut seen = HashSet::new();
    for (cap, comune, province) in cap_comuni {
        let office = coverage
            .get(&cap)
            .and_then(|id| office_index.get(id))
            .copied();
        // The first comune of a CAP stands for it; CAPs nobody covers cannot be routed.
        if let Some(office) = office {
            if seen.insert(cap.clone()) {
                places.push(Place {
                    cap,
                    comune: comune.to_uppercase(),
                    province,
                    office,
                });
            }
        }
    }
    let birth_places = comuni::table
        .inner_join(provinces::table)
        .order(comuni::id)
        .select((comuni::name, comuni::cadastral_code, provinces::code))
        .load::<(String, String, String)>(conn)?
        .into_iter()
        .map(|(name, cadastral, province)| BirthPlace {
            name: name.to_uppercase(),
            cadastral,
            province,
        })
        .collect();
    let topics = topics::table
        .filter(topics::active.eq(true))
        .order(topics::id)
        .select((
            topics::id,
            topics::code,
            topics::label,
            topics::for_citizen,
            topics::for_regional,
        ))
        .load::<(i64, String, String, bool, bool)>(conn)?
        .into_iter()
        .map(|(id, code, label, citizen, regional)| {
            (
                Topic {
                    id,
                    code,
                    label: label.to_lowercase(),
                },
                citizen,
                regional,
            )
        })
        .collect();
    let overrides = topic_overrides::table
        .select((
            topic_overrides::topic_id,
            topic_overrides::hub_office_id,
            topic_overrides::region_id,
        ))
        .load(conn)?;
    if places.is_empty() || offices.is_empty() {
        return Err(DbError::Seed(
            "reference data missing: load it before the bulk data".into(),
        ));
    }
    Ok(Reference {
        provinces,
        offices,
        places,
        birth_places,
        topics,
        overrides,
    })
}

/// The users and offices written by [`seed_people_of_both_sides`].
struct BothSides {
    senders: Vec<Sender>,
    bulk_operators: Vec<(usize, u32)>,
    referents: Vec<usize>,
    /// Officials per INPS office id.
    officials: HashMap<i64, Vec<i64>>,
    users: usize,
    patronato_offices: usize,
}

/// A full name in title case from registry-style upper-case parts.
fn title_case(parts: &[&str]) -> String {
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

fn any<T: Copy + Default>(rng: &mut StdRng, items: &[T]) -> T {
    items.choose(rng).copied().unwrap_or_default()
}

fn person_name(rng: &mut StdRng) -> String {
    let first = if rng.gen_bool(0.5) {
        any(rng, MALE_NAMES)
    } else {
        any(rng, FEMALE_NAMES)
    };
    title_case(&[first, any(rng, SURNAMES)])
}

/// Patronato offices, operators and referents, and the officials of every INPS office.
fn seed_people_of_both_sides(
    conn: &mut AnyConnection,
    rng: &mut StdRng,
    reference: &Reference,
    password_hash: &str,
    now: NaiveDateTime,
) -> Result<BothSides, DbError> {
    // Users exist before the oldest request they write or answer.
    let joined = now - Duration::days(HISTORY_DAYS + 1);
    let mut patronati = Vec::new();
    for (code, name, short) in PATRONATI {
        patronati.push((ensure_patronato(conn, code, name)?.0, *short));
    }
    let mut office_names: HashSet<String> = patronato_offices::table
        .select(patronato_offices::name)
        .load::<String>(conn)?
        .into_iter()
        .collect();
    let mut places_by_province: HashMap<&str, Vec<&Place>> = HashMap::new();
    for place in &reference.places {
        places_by_province
            .entry(place.province.as_str())
            .or_default()
            .push(place);
    }
    let mut chosen: Vec<&(i64, String, String, i64)> = reference
        .provinces
        .iter()
        .filter(|(_, code, _, _)| places_by_province.contains_key(code.as_str()))
        .collect();
    chosen.shuffle(rng);
    chosen.truncate(PATRONATO_OFFICES);

    let mut office_id = max_id!(conn, patronato_offices);
    let mut offices = Vec::new();
    // (patronato id, region id, office id, province code, weight) of each new office.
    let mut placed = Vec::new();
    for (province_id, province_code, province_name, region_id) in chosen {
        let Some(places) = places_by_province.get(province_code.as_str()) else {
            continue;
        };
        // Patronato offices sit in the chief town when the province is named after it.
        let chief_town = province_name.to_uppercase();
        let in_town: Vec<&Place> = places
            .iter()
            .copied()
            .filter(|p| p.comune == chief_town)
            .collect();
        let Some(place) = in_town.choose(rng).or_else(|| places.choose(rng)) else {
            continue;
        };
        let (patronato_id, short) = patronati[rng.gen_range(0..patronati.len())];
        let comune = title_case(&[place.comune.as_str()]);
        let mut name = format!("{short} {comune}");
        let mut suffix = 2;
        while office_names.contains(&name) {
            name = format!("{short} {comune} {suffix}");
            suffix += 1;
        }
        office_names.insert(name.clone());
        office_id += 1;
        offices.push(PatronatoOfficeRow {
            id: office_id,
            patronato_id,
            name,
            province_id: *province_id,
            address: format!("{} {}", any(rng, STREETS), rng.gen_range(1..200)),
            cap: place.cap.clone(),
            comune,
        });
        // Offices differ in size: a weight of 1 to 6 shares of the requests.
        placed.push((
            patronato_id,
            *region_id,
            office_id,
            province_code.clone(),
            rng.gen_range(1..=6),
        ));
    }
    insert_all!(conn, patronato_offices::table, offices, 7);

    let mut user_id = max_id!(conn, users);
    let mut rows = Vec::new();
    let mut profiles: Vec<(i64, &'static str)> = Vec::new();
    let mut senders = Vec::new();
    let mut bulk_operators = Vec::new();
    let mut referents = Vec::new();
    let mut patronato_user = |username: String, patronato: i64, office: i64, region| {
        user_id += 1;
        rows.push(UserRow {
            id: user_id,
            email: Some(format!("{username}@bulk.combipat.it")),
            username,
            password_hash,
            full_name: person_name(rng),
            side: "patronato",
            patronato_id: Some(patronato),
            patronato_office_id: Some(office),
            region_id: region,
            inps_office_id: None,
            active: true,
            created_at: joined,
        });
        user_id
    };
    let mut operators = 0;
    let mut referent_pairs = HashSet::new();
    for (patronato_id, region_id, office_id, province, weight) in &placed {
        let staff = if *weight >= 4 { 3 } else { 2 };
        for _ in 0..staff {
            operators += 1;
            let id = patronato_user(
                format!("bulk.op.{operators}"),
                *patronato_id,
                *office_id,
                None,
            );
            profiles.push((id, "operator"));
            bulk_operators.push((senders.len(), *weight));
            senders.push(Sender {
                user_id: id,
                patronato_id: *patronato_id,
                office_id: *office_id,
                province: province.clone(),
                region_id: None,
            });
        }
        // One referent per patronato and region, at the first office it has there.
        if referent_pairs.insert((*patronato_id, *region_id)) {
            let id = patronato_user(
                format!("bulk.ref.{}", referent_pairs.len()),
                *patronato_id,
                *office_id,
                Some(*region_id),
            );
            profiles.push((id, "regional_referent"));
            profiles.push((id, "operator"));
            referents.push(senders.len());
            senders.push(Sender {
                user_id: id,
                patronato_id: *patronato_id,
                office_id: *office_id,
                province: province.clone(),
                region_id: Some(*region_id),
            });
        }
    }

    let citizen_topics: Vec<i64> = reference
        .topics
        .iter()
        .filter(|(_, citizen, _)| *citizen)
        .map(|(t, _, _)| t.id)
        .collect();
    let regional_topics: Vec<i64> = reference
        .topics
        .iter()
        .filter(|(_, _, regional)| *regional)
        .map(|(t, _, _)| t.id)
        .collect();
    // The officials already there (the demo ones: funzionario1 at Pomezia, funzionario2 at
    // CRIC Lazio) answer bulk requests too, so their queues are realistic.
    let mut officials: HashMap<i64, Vec<i64>> = HashMap::new();
    let existing: Vec<(i64, Option<i64>)> = users::table
        .inner_join(user_profiles::table)
        .filter(user_profiles::profile.eq("official"))
        .filter(users::active.eq(true))
        .select((users::id, users::inps_office_id))
        .load(conn)?;
    for (id, office) in existing {
        if let Some(office) = office {
            officials.entry(office).or_default().push(id);
        }
    }
    let mut handled: Vec<(i64, i64)> = Vec::new();
    let mut counted = 0;
    for office in &reference.offices {
        for _ in 0..rng.gen_range(1..=3) {
            counted += 1;
            user_id += 1;
            let username = format!("bulk.fz.{counted}");
            rows.push(UserRow {
                id: user_id,
                email: Some(format!("{username}@bulk.inps.it")),
                username,
                password_hash,
                full_name: person_name(rng),
                side: "inps",
                patronato_id: None,
                patronato_office_id: None,
                region_id: None,
                inps_office_id: Some(office.id),
                active: true,
                created_at: joined,
            });
            profiles.push((user_id, "official"));
            // CRIC officials answer the regional questions, the others the citizens' cases.
            let topics = if office.kind == "cric" {
                &regional_topics
            } else {
                &citizen_topics
            };
            handled.extend(topics.iter().map(|topic| (user_id, *topic)));
            officials.entry(office.id).or_default().push(user_id);
        }
    }
    let users = rows.len();
    insert_all!(conn, users::table, rows, 12);
    let profiles: Vec<_> = profiles
        .into_iter()
        .map(|(user, profile)| {
            (
                user_profiles::user_id.eq(user),
                user_profiles::profile.eq(profile),
            )
        })
        .collect();
    insert_all!(conn, user_profiles::table, profiles, 2);
    let handled: Vec<_> = handled
        .into_iter()
        .map(|(user, topic)| {
            (
                official_topics::user_id.eq(user),
                official_topics::topic_id.eq(topic),
            )
        })
        .collect();
    insert_all!(conn, official_topics::table, handled, 2);
    Ok(BothSides {
        senders,
        bulk_operators,
        referents,
        officials,
        users,
        patronato_offices: offices.len(),
    })
}

/// The three letters of a surname (or, with `is_name`, of a given name) in a codice fiscale.
fn cf_letters(text: &str, is_name: bool) -> String {
    let letters: Vec<char> = text.chars().filter(char::is_ascii_alphabetic).collect();
    let consonants: Vec<char> = letters
        .iter()
        .copied()
        .filter(|c| !"AEIOU".contains(*c))
        .collect();
    let vowels = letters.iter().copied().filter(|c| "AEIOU".contains(*c));
    if is_name && consonants.len() >= 4 {
        return [consonants[0], consonants[2], consonants[3]]
            .iter()
            .collect();
    }
    consonants
        .iter()
        .copied()
        .chain(vowels)
        .chain(std::iter::repeat('X'))
        .take(3)
        .collect()
}

/// The codice fiscale of a person, check character included.
fn codice_fiscale(
    surname: &str,
    name: &str,
    birth: NaiveDate,
    female: bool,
    cadastral: &str,
) -> Result<String, DbError> {
    use chrono::Datelike;
    let month = MONTH_LETTERS[birth.month0() as usize] as char;
    let day = birth.day() + if female { 40 } else { 0 };
    let first15 = format!(
        "{}{}{:02}{month}{day:02}{cadastral}",
        cf_letters(surname, false),
        cf_letters(name, true),
        birth.year() % 100,
    );
    let check = check_character(&first15)
        .ok_or_else(|| DbError::Seed(format!("cannot build a codice fiscale from {first15}")))?;
    Ok(format!("{first15}{check}"))
}

/// The bulk registry: people living at the covered CAPs, most born in their own province.
fn seed_citizens(
    conn: &mut AnyConnection,
    rng: &mut StdRng,
    reference: &Reference,
    count: usize,
    now: NaiveDateTime,
) -> Result<Vec<Person>, DbError> {
    let registered = now - Duration::days(HISTORY_DAYS + 1);
    let mut births_by_province: HashMap<&str, Vec<&BirthPlace>> = HashMap::new();
    for place in &reference.birth_places {
        births_by_province
            .entry(place.province.as_str())
            .or_default()
            .push(place);
    }
    let oldest = NaiveDate::from_ymd_opt(1940, 1, 1)
        .ok_or_else(|| DbError::Seed("bad birth date range".into()))?;
    let first_id = max_id!(conn, citizens) + 1;
    let mut rows = Vec::with_capacity(count);
    let mut people = Vec::with_capacity(count);
    for id in (first_id..).take(count) {
        let place = &reference.places[rng.gen_range(0..reference.places.len())];
        let female = rng.gen_bool(0.5);
        let surname = any(rng, SURNAMES);
        let name = if female {
            any(rng, FEMALE_NAMES)
        } else {
            any(rng, MALE_NAMES)
        };
        let birth_date = oldest + Duration::days(rng.gen_range(0..65 * 365));
        let local = births_by_province.get(place.province.as_str());
        let birth = match local {
            Some(local) if rng.gen_bool(0.7) => local.choose(rng).copied(),
            _ => reference.birth_places.choose(rng),
        }
        .ok_or_else(|| DbError::Seed("no comuni to be born in".into()))?;
        let cf = codice_fiscale(surname, name, birth_date, female, &birth.cadastral)?;
        people.push(Person {
            id,
            cf: cf.clone(),
            province: place.province.clone(),
            office: place.office,
        });
        rows.push(CitizenRow {
            id,
            codice_fiscale: cf,
            surname,
            name,
            birth_date,
            sex: if female { "F" } else { "M" },
            birth_comune: birth.name.clone(),
            birth_province: &birth.province,
            residence_address: format!("{} {}", any(rng, STREETS), rng.gen_range(1..300)),
            residence_comune: place.comune.clone(),
            residence_province: &place.province,
            residence_cap: &place.cap,
            created_at: registered,
        });
    }
    insert_all!(conn, citizens::table, rows, 13);
    Ok(people)
}

/// A demo user who also writes bulk requests, so the demo sign-ins show a long history.
fn demo_sender(conn: &mut AnyConnection, username: &str, region: bool) -> Result<Sender, DbError> {
    let user = find_by_username(conn, username)?
        .ok_or_else(|| DbError::Seed(format!("{username} missing: load the demo data first")))?;
    let (Some(patronato_id), Some(office_id)) = (user.patronato_id, user.patronato_office_id)
    else {
        return Err(DbError::Seed(format!("{username} has no patronato office")));
    };
    let province: String = patronato_offices::table
        .inner_join(provinces::table)
        .filter(patronato_offices::id.eq(office_id))
        .select(provinces::code)
        .first(conn)?;
    Ok(Sender {
        user_id: user.id.0,
        patronato_id: patronato_id.0,
        office_id: office_id.0,
        province,
        region_id: if region {
            user.region_id.map(i64::from)
        } else {
            None
        },
    })
}

impl World {
    fn new(
        conn: &mut AnyConnection,
        reference: Reference,
        side: BothSides,
        people: Vec<Person>,
        now: NaiveDateTime,
    ) -> Result<World, DbError> {
        let office_index: HashMap<i64, usize> = reference
            .offices
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id, i))
            .collect();
        let mut officials = vec![Vec::new(); reference.offices.len()];
        for (office, ids) in side.officials {
            if let Some(i) = office_index.get(&office) {
                officials[*i].extend(ids);
            }
        }
        let mut senders = side.senders;
        let mut demo_operators = Vec::new();
        for username in ["operatore1", "operatore2"] {
            demo_operators.push(senders.len());
            senders.push(demo_sender(conn, username, false)?);
        }
        let mut referents = side.referents;
        referents.push(senders.len());
        senders.push(demo_sender(conn, "referente1", true)?);

        let mut cric_by_region = HashMap::new();
        let mut territorial_by_region: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, office) in reference.offices.iter().enumerate() {
            match office.kind.as_str() {
                "cric" => {
                    cric_by_region.insert(office.region_id, i);
                }
                "provincial" | "agency" => {
                    territorial_by_region
                        .entry(office.region_id)
                        .or_default()
                        .push(i);
                }
                _ => {}
            }
        }
        let mut overrides = HashMap::new();
        for (topic, hub, region) in &reference.overrides {
            if let Some(i) = office_index.get(hub) {
                overrides.insert((*topic, region.unwrap_or(0)), *i);
            }
        }
        let mut topics = Vec::new();
        let mut citizen_topics = Vec::new();
        let mut weights = Vec::new();
        let mut regional_topics = Vec::new();
        for (i, (topic, citizen, regional)) in reference.topics.into_iter().enumerate() {
            if citizen {
                citizen_topics.push(i);
                weights.push(
                    POPULAR_TOPICS
                        .iter()
                        .find(|(code, _)| *code == topic.code)
                        .map_or(1, |(_, weight)| *weight),
                );
            }
            if regional {
                regional_topics.push(i);
            }
            topics.push(topic);
        }
        // Regional requests need a referent whose region has a CRIC.
        referents.retain(|s| {
            senders[*s]
                .region_id
                .is_some_and(|r| cric_by_region.contains_key(&r))
        });
        let weighted = |what: &str, weights: Vec<u32>| {
            WeightedIndex::new(weights).map_err(|e| DbError::Seed(format!("{what}: {e}")))
        };
        let (bulk_operators, operator_weights): (Vec<usize>, Vec<u32>) =
            side.bulk_operators.into_iter().unzip();
        let mut people_by_province: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, person) in people.iter().enumerate() {
            people_by_province
                .entry(person.province.clone())
                .or_default()
                .push(i);
        }
        if people.is_empty() || regional_topics.is_empty() || referents.is_empty() {
            return Err(DbError::Seed(
                "bulk seed needs citizens, regional topics and referents".into(),
            ));
        }
        Ok(World {
            now,
            offices: reference.offices,
            topics,
            citizen_topics,
            citizen_topic_weights: weighted("citizen topics", weights)?,
            regional_topics,
            overrides,
            cric_by_region,
            territorial_by_region,
            officials,
            senders,
            bulk_operators,
            bulk_operator_weights: weighted("bulk operators", operator_weights)?,
            demo_operators,
            referents,
            people,
            people_by_province,
        })
    }

    /// The deterministic random source of request `i`: both passes over the requests (protocol
    /// allocation, then rows) draw the same plan from it.
    fn rng_of(i: usize) -> StdRng {
        StdRng::seed_from_u64(SEED ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
    }

    /// The shape of request `i`, created at `created`.
    fn plan(&self, i: usize, created: NaiveDateTime) -> Plan {
        let mut rng = World::rng_of(i);
        let share = rng.gen_range(0..1000);
        let sender = if share < 50 {
            any(&mut rng, &self.referents)
        } else if share < 60 {
            any(&mut rng, &self.demo_operators)
        } else {
            self.bulk_operators[self.bulk_operator_weights.sample(&mut rng)]
        };
        let (person, topic, office, routing, by_hand) = match self.senders[sender].region_id {
            Some(region) => {
                let topic = any(&mut rng, &self.regional_topics);
                let office = self.cric_by_region.get(&region).copied().unwrap_or(0);
                (None, topic, office, "regional_cric", false)
            }
            None => {
                let person = self.person_for(&mut rng, sender);
                let topic = self.citizen_topics[self.citizen_topic_weights.sample(&mut rng)];
                let (office, routing, by_hand) = self.route(&mut rng, person, topic);
                (Some(person), topic, office, routing, by_hand)
            }
        };
        let (messages, reminders) = self.conversation(&mut rng, created);
        let awaiting = messages.len() % 2 == 1;
        // The dispatcher runs every few seconds; a few waiting requests are still `sent` (just
        // created, or back from a transfer).
        let dispatched_at = Some(created + Duration::seconds(rng.gen_range(2..90))).filter(|at| {
            *at <= self.now && (!awaiting || messages.len() > 1 || rng.gen_ratio(9, 10))
        });
        let status = match (awaiting, dispatched_at) {
            (false, _) => "closed",
            (true, Some(_)) => "assigned",
            (true, None) => "sent",
        };
        Plan {
            sender,
            person,
            topic,
            office,
            routing,
            by_hand,
            messages,
            reminders,
            dispatched_at,
            status,
            detail_seed: rng.gen(),
        }
    }

    /// Someone the sender's office serves: usually a resident of its province.
    fn person_for(&self, rng: &mut StdRng, sender: usize) -> usize {
        let local = self.people_by_province.get(&self.senders[sender].province);
        match local {
            Some(local) if !local.is_empty() && rng.gen_ratio(9, 10) => any(rng, local),
            _ => rng.gen_range(0..self.people.len()),
        }
    }

    /// Routing as the API does it: a hub that handles the topic in the region (or nationwide),
    /// else the office covering the residence CAP; now and then an office chosen by hand.
    fn route(&self, rng: &mut StdRng, person: usize, topic: usize) -> (usize, &'static str, bool) {
        let covering = self.people[person].office;
        let region = self.offices[covering].region_id;
        let topic_id = self.topics[topic].id;
        if rng.gen_ratio(1, 50) {
            if let Some(offices) = self.territorial_by_region.get(&region) {
                return (any(rng, offices), "manual", true);
            }
        }
        match self
            .overrides
            .get(&(topic_id, region))
            .or_else(|| self.overrides.get(&(topic_id, 0)))
        {
            Some(hub) => (*hub, "hub_override", false),
            None => (covering, "cap_coverage", false),
        }
    }

    /// Message times (request, then answers and follow-ups alternating) and reminder times.
    /// Answers take from an hour to months; after an answer the patronato writes again now
    /// and then (two follow-ups at most); reminders come 15+ days into a wait. Whatever would
    /// happen after `now` does not happen, which leaves recent requests waiting.
    fn conversation(
        &self,
        rng: &mut StdRng,
        created: NaiveDateTime,
    ) -> (Vec<NaiveDateTime>, Vec<NaiveDateTime>) {
        let mut messages = vec![created];
        let mut reminders = Vec::new();
        let mut waiting_since = created;
        loop {
            let days = match rng.gen_range(0..100) {
                0..=54 => rng.gen_range(0.04..7.0),
                55..=84 => rng.gen_range(7.0..30.0),
                85..=96 => rng.gen_range(30.0..90.0),
                _ => rng.gen_range(90.0..240.0),
            };
            let answer = waiting_since + seconds(days);
            self.remind(rng, &mut reminders, waiting_since, answer.min(self.now));
            if answer > self.now {
                break;
            }
            messages.push(answer);
            let follow_ups = messages.len() / 2 - 1;
            let again = match follow_ups {
                0 => rng.gen_ratio(22, 100),
                1 => rng.gen_ratio(35, 100),
                _ => false,
            };
            let follow_up = answer + seconds(rng.gen_range(0.1..12.0));
            if !again || follow_up > self.now {
                break;
            }
            messages.push(follow_up);
            waiting_since = follow_up;
        }
        (messages, reminders)
    }

    /// Reminders during a wait from `since` to `until`: the 1st at least 15 days into it, the
    /// 2nd at least 15 days after the 1st, two per request at most.
    fn remind(
        &self,
        rng: &mut StdRng,
        reminders: &mut Vec<NaiveDateTime>,
        since: NaiveDateTime,
        until: NaiveDateTime,
    ) {
        while reminders.len() < 2 {
            let from = reminders
                .last()
                .map_or(since, |last: &NaiveDateTime| (*last).max(since));
            // 15 days and at least an hour: a daylight-saving change cannot pull it back
            // to the 14th Rome calendar day.
            let at = from + Duration::days(15) + seconds(rng.gen_range(0.05..10.0));
            if at >= until || !rng.gen_ratio(6, 10) {
                return;
            }
            reminders.push(at);
        }
    }
}

fn seconds(days: f64) -> Duration {
    Duration::seconds((days * SECONDS_PER_DAY as f64) as i64)
}

/// The protocol sequences of every message of every request, in the order the API would have
/// taken them: per office, in time order. Reserves them in `protocol_sequences` before any
/// request is written, so an interrupted seed leaves gaps, never a number a later create could
/// take again.
struct Protocols {
    /// Index of the first message of request `i` in `sequences`.
    first_message: Vec<usize>,
    sequences: Vec<u32>,
}

fn allocate_protocols(
    conn: &mut AnyConnection,
    world: &World,
    created: &[NaiveDateTime],
) -> Result<Protocols, DbError> {
    let mut stamps: Vec<(i64, u32, u8)> = Vec::with_capacity(created.len() * 3);
    let mut office_of = Vec::with_capacity(created.len());
    let mut first_message = Vec::with_capacity(created.len() + 1);
    first_message.push(0);
    for (i, at) in created.iter().enumerate() {
        let plan = world.plan(i, *at);
        office_of.push(plan.office);
        for (k, at) in plan.messages.iter().enumerate() {
            stamps.push((at.and_utc().timestamp(), i as u32, k as u8));
        }
        first_message.push(first_message[i] + plan.messages.len());
    }
    stamps.sort_unstable();

    let current: HashMap<i64, i64> = protocol_sequences::table
        .select((
            protocol_sequences::office_id,
            protocol_sequences::last_value,
        ))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let base: Vec<i64> = world
        .offices
        .iter()
        .map(|o| current.get(&o.id).copied().unwrap_or(0))
        .collect();
    let mut last = base.clone();
    let mut sequences = vec![0_u32; stamps.len()];
    for (_, i, k) in &stamps {
        let i = *i as usize;
        let office = office_of[i];
        last[office] += 1;
        if last[office] > MAX_SEQUENCE {
            return Err(DbError::Seed(format!(
                "office {} would run out of protocol numbers",
                world.offices[office].code
            )));
        }
        sequences[first_message[i] + usize::from(*k)] = last[office] as u32;
    }

    write_tx(conn, |conn| {
        for (office, (from, to)) in world.offices.iter().zip(base.iter().zip(&last)) {
            if to == from {
                continue;
            }
            let reserved = to - from;
            let value = on_backend!(conn, |c| diesel::update(
                protocol_sequences::table.find(office.id)
            )
            .set(protocol_sequences::last_value.eq(protocol_sequences::last_value + reserved))
            .returning(protocol_sequences::last_value)
            .get_result::<i64>(c))?;
            if value != *to {
                return Err(DbError::Seed(format!(
                    "the protocol sequence of office {} moved during the bulk seed",
                    office.code
                )));
            }
        }
        Ok(())
    })?;
    Ok(Protocols {
        first_message,
        sequences,
    })
}

/// Ids and counts carried from one block to the next.
struct Counters {
    message: i64,
    event: i64,
    reminder: i64,
    messages: usize,
    reminders: usize,
}

fn protocol(office: &InpsOffice, at: NaiveDateTime, sequence: u32) -> Result<String, DbError> {
    ProtocolNumber::new(office.code.clone(), rome_date(at.and_utc()), sequence)
        .map(|p| p.to_string())
        .map_err(|e| DbError::Seed(format!("protocol number: {e}")))
}

/// The text of a request: what it is about, a detail, a closing.
fn request_text(rng: &mut StdRng, motive: &str, regional: bool, topic: &str) -> String {
    let (openers, details) = match (regional, motive) {
        (true, _) => (REGIONAL_OPENERS, REGIONAL_DETAILS),
        (false, "reminder_of_application") => (REMINDER_OPENERS, CITIZEN_DETAILS),
        (false, "benefit_in_progress_or_rejected") => (BENEFIT_OPENERS, CITIZEN_DETAILS),
        (false, _) => (ACCESS_OPENERS, CITIZEN_DETAILS),
    };
    format!(
        "{} {} {}",
        any(rng, openers).replace("{t}", topic),
        any(rng, details),
        any(rng, CLOSINGS)
    )
}

/// A practice reference for a motive that needs one, in the format of its kind.
fn practice(
    rng: &mut StdRng,
    topic: &str,
    office: &InpsOffice,
    created: NaiveDateTime,
) -> Result<(&'static str, String), DbError> {
    let year = rome_date(created.and_utc()).format("%Y");
    if topic == "RDC" {
        return Ok(("rdc", format!("RDC{year}{:06}", rng.gen_range(1..999_999))));
    }
    if PENSION_TOPICS.contains(&topic) && rng.gen_ratio(6, 10) {
        return Ok(("pension", rng.gen_range(10_000_000..99_999_999).to_string()));
    }
    if rng.gen_ratio(1, 4) {
        return Ok((
            "domus",
            format!("DOM{year}{:06}", rng.gen_range(1..999_999)),
        ));
    }
    // The protocol of the application the citizen filed, weeks or months before.
    let filed = created - Duration::days(rng.gen_range(10..300));
    Ok((
        "protocol",
        protocol(office, filed, rng.gen_range(1..2_000_000))?,
    ))
}

/// Writes requests `from..to` (ids from `first_request + from`) with their messages, dispatch
/// events and reminders.
fn write_block(
    conn: &mut AnyConnection,
    world: &World,
    protocols: &Protocols,
    created: &[NaiveDateTime],
    (from, to, first_request): (usize, usize, i64),
    counters: &mut Counters,
) -> Result<(), DbError> {
    let mut request_rows = Vec::with_capacity(to - from);
    let mut message_rows = Vec::new();
    let mut event_rows = Vec::new();
    let mut reminder_rows = Vec::new();
    for (i, created_at) in created.iter().enumerate().take(to).skip(from) {
        let plan = world.plan(i, *created_at);
        let mut rng = StdRng::seed_from_u64(plan.detail_seed);
        let request_id = first_request + i as i64;
        let sender = &world.senders[plan.sender];
        let office = &world.offices[plan.office];
        let topic = &world.topics[plan.topic];
        let regional = plan.person.is_none();
        let person = plan.person.map(|p| &world.people[p]);
        let motive = match (regional, rng.gen_range(0..100)) {
            (true, 0..=59) => "normative_clarification",
            (true, _) => "requirements_and_access",
            (false, 0..=34) => "reminder_of_application",
            (false, 35..=64) => "benefit_in_progress_or_rejected",
            (false, _) => "requirements_and_access",
        };
        let practice = if motive == "requirements_and_access" || regional {
            None
        } else {
            Some(practice(&mut rng, &topic.code, office, *created_at)?)
        };
        let text = request_text(&mut rng, motive, regional, &topic.label);
        let notes = rng.gen_ratio(3, 10).then(|| any(&mut rng, NOTES));
        // One official works the request from dispatch to the last answer; a few waiting
        // ones sit in the office queue, unowned.
        let answered = plan.messages.len() > 1;
        let official = match plan.status {
            "sent" => None,
            _ if !answered && rng.gen_ratio(1, 10) => None,
            _ => Some(
                world.officials[plan.office]
                    .choose(&mut rng)
                    .copied()
                    .ok_or_else(|| {
                        DbError::Seed(format!("office {} has no official", office.code))
                    })?,
            ),
        };
        let mut appointments_enabled = false;
        let first = protocols.first_message[i];
        for (k, at) in plan.messages.iter().enumerate() {
            let (kind, author, side, body) = match k {
                0 => ("request", sender.user_id, "patronato", text.clone()),
                k if k % 2 == 1 => {
                    appointments_enabled = rng.gen_ratio(1, 25);
                    let body = format!(
                        "{} {}",
                        any(&mut rng, ANSWERS),
                        any(&mut rng, ANSWER_CLOSINGS)
                    );
                    let author = official.ok_or_else(|| {
                        DbError::Seed(format!("answer without official in office {}", office.code))
                    })?;
                    ("answer", author, "inps", body)
                }
                _ => (
                    "follow_up",
                    sender.user_id,
                    "patronato",
                    any(&mut rng, FOLLOW_UPS).to_owned(),
                ),
            };
            message_rows.push(MessageRow {
                id: counters.message,
                request_id,
                seq: k as i32,
                protocol: protocol(office, *at, protocols.sequences[first + k])?,
                kind,
                author_id: author,
                author_side: side,
                text: body,
                created_at: *at,
            });
            counters.message += 1;
        }
        for (k, at) in plan.reminders.iter().enumerate() {
            reminder_rows.push(ReminderRow {
                id: counters.reminder,
                request_id,
                seq: k as i32 + 1,
                sent_by: sender.user_id,
                created_at: *at,
            });
            counters.reminder += 1;
        }
        if let Some(at) = plan.dispatched_at {
            event_rows.push(EventRow {
                id: counters.event,
                request_id,
                kind: "dispatched",
                actor_id: None,
                from_office_id: None,
                to_office_id: Some(office.id),
                detail: Some(if official.is_some() {
                    "assegnata a un funzionario"
                } else {
                    "in coda alla sede"
                }),
                created_at: at,
            });
            counters.event += 1;
        }
        let last_message_at = plan.messages.last().copied().unwrap_or(*created_at);
        let awaiting = plan.messages.len() % 2 == 1;
        let last_answer = plan.messages.iter().skip(1).step_by(2).next_back().copied();
        // Every change bumps the version: dispatch, then each answer and follow-up.
        let changes = plan.messages.len() - 1 + usize::from(plan.dispatched_at.is_some());
        request_rows.push(RequestRow {
            id: request_id,
            protocol: protocol(office, *created_at, protocols.sequences[first])?,
            kind: if regional { "regional" } else { "citizen" },
            status: plan.status,
            patronato_id: sender.patronato_id,
            patronato_office_id: Some(sender.office_id),
            region_id: if regional { sender.region_id } else { None },
            created_by: sender.user_id,
            citizen_id: person.map(|p| p.id),
            citizen_cf: person.map(|p| p.cf.as_str()),
            delega_declared_at: person.map(|_| *created_at),
            motive,
            practice_kind: practice.as_ref().map(|(kind, _)| *kind),
            practice_number: practice.map(|(_, number)| number),
            topic_id: topic.id,
            search_terms: crate::search::index_terms(&text, notes),
            text,
            notes,
            office_id: office.id,
            office_chosen_by_hand: plan.by_hand,
            routing_reason: plan.routing,
            assigned_official_id: official,
            appointments_enabled,
            followups_used: (plan.messages.len() as i32 - 1) / 2,
            first_answer_at: plan.messages.get(1).copied(),
            awaiting_since: awaiting.then_some(last_message_at),
            last_message_at,
            closed_at: last_answer,
            created_at: *created_at,
            updated_at: plan
                .dispatched_at
                .map_or(last_message_at, |at| at.max(last_message_at)),
            version: 1 + changes as i32,
        });
        counters.reminders += plan.reminders.len();
    }
    counters.messages += message_rows.len();
    insert_all!(conn, requests::table, request_rows, 31);
    insert_all!(conn, messages::table, message_rows, 9);
    insert_all!(conn, request_events::table, event_rows, 8);
    insert_all!(conn, reminders::table, reminder_rows, 5);
    Ok(())
}

/// PostgreSQL hands out ids from sequences that explicit ids do not move: set them past the
/// bulk rows so the next API insert gets a free id. (SQLite takes the maximum + 1 anyway.)
fn restart_id_sequences(conn: &mut AnyConnection) -> Result<(), DbError> {
    if let AnyConnection::Postgresql(c) = conn {
        for table in [
            "patronato_offices",
            "users",
            "citizens",
            "requests",
            "messages",
            "request_events",
            "reminders",
        ] {
            diesel::sql_query(format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 (SELECT COALESCE(MAX(id), 1) FROM {table}))"
            ))
            .execute(c)?;
        }
    }
    Ok(())
}
