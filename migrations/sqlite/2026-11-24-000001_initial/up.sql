-- Territory: regions, provinces, comuni and their CAPs (ISTAT data, loaded at first start).
CREATE TABLE regions (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE provinces (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    region_id BIGINT NOT NULL REFERENCES regions (id)
);
CREATE INDEX provinces_region_idx ON provinces (region_id);

CREATE TABLE comuni (
    id INTEGER PRIMARY KEY,
    istat_code TEXT NOT NULL UNIQUE,
    cadastral_code TEXT NOT NULL,
    name TEXT NOT NULL,
    name_search TEXT NOT NULL,
    province_id BIGINT NOT NULL REFERENCES provinces (id)
);
CREATE INDEX comuni_province_idx ON comuni (province_id);
CREATE INDEX comuni_name_search_idx ON comuni (name_search);
CREATE INDEX comuni_cadastral_idx ON comuni (cadastral_code);

CREATE TABLE comune_caps (
    comune_id BIGINT NOT NULL REFERENCES comuni (id),
    cap TEXT NOT NULL,
    PRIMARY KEY (comune_id, cap)
);
CREATE INDEX comune_caps_cap_idx ON comune_caps (cap);

-- INPS offices and the CAPs each territorial office covers (one office per CAP).
CREATE TABLE inps_offices (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_search TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('provincial', 'agency', 'hub', 'cric')),
    region_id BIGINT NOT NULL REFERENCES regions (id),
    province_id BIGINT REFERENCES provinces (id),
    address TEXT NOT NULL,
    cap TEXT NOT NULL,
    comune TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX inps_offices_region_idx ON inps_offices (region_id, kind);
CREATE INDEX inps_offices_province_idx ON inps_offices (province_id, kind);

CREATE TABLE office_caps (
    cap TEXT PRIMARY KEY,
    office_id BIGINT NOT NULL REFERENCES inps_offices (id)
);
CREATE INDEX office_caps_office_idx ON office_caps (office_id);

-- Per-office protocol counter; incremented inside the transaction that uses the number.
CREATE TABLE protocol_sequences (
    office_id BIGINT PRIMARY KEY REFERENCES inps_offices (id),
    last_value BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE topics (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    label TEXT NOT NULL,
    label_search TEXT NOT NULL,
    for_citizen BOOLEAN NOT NULL,
    for_regional BOOLEAN NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE
);

-- A hub that handles a topic for one region, or nationwide when region_id is NULL.
CREATE TABLE topic_overrides (
    id INTEGER PRIMARY KEY,
    topic_id BIGINT NOT NULL REFERENCES topics (id),
    hub_office_id BIGINT NOT NULL REFERENCES inps_offices (id),
    region_id BIGINT REFERENCES regions (id)
);
CREATE UNIQUE INDEX topic_overrides_scope_idx ON topic_overrides (topic_id, COALESCE(region_id, 0));

-- Patronati, their offices and users of both sides.
CREATE TABLE patronati (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);

CREATE TABLE patronato_offices (
    id INTEGER PRIMARY KEY,
    patronato_id BIGINT NOT NULL REFERENCES patronati (id),
    name TEXT NOT NULL,
    province_id BIGINT NOT NULL REFERENCES provinces (id),
    address TEXT NOT NULL,
    cap TEXT NOT NULL,
    comune TEXT NOT NULL
);
CREATE INDEX patronato_offices_patronato_idx ON patronato_offices (patronato_id);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    full_name TEXT NOT NULL,
    email TEXT,
    side TEXT NOT NULL CHECK (side IN ('patronato', 'inps')),
    patronato_id BIGINT REFERENCES patronati (id),
    patronato_office_id BIGINT REFERENCES patronato_offices (id),
    region_id BIGINT REFERENCES regions (id),
    inps_office_id BIGINT REFERENCES inps_offices (id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    CHECK ((side = 'patronato' AND patronato_id IS NOT NULL AND inps_office_id IS NULL)
        OR (side = 'inps' AND patronato_id IS NULL AND patronato_office_id IS NULL))
);
CREATE INDEX users_patronato_office_idx ON users (patronato_office_id);
CREATE INDEX users_inps_office_idx ON users (inps_office_id);

CREATE TABLE user_profiles (
    user_id BIGINT NOT NULL REFERENCES users (id),
    profile TEXT NOT NULL CHECK (profile IN ('operator', 'regional_referent', 'patronato_admin', 'official', 'inps_admin')),
    PRIMARY KEY (user_id, profile)
);

-- Topics an official handles (used by dispatch).
CREATE TABLE official_topics (
    user_id BIGINT NOT NULL REFERENCES users (id),
    topic_id BIGINT NOT NULL REFERENCES topics (id),
    PRIMARY KEY (user_id, topic_id)
);
CREATE INDEX official_topics_topic_idx ON official_topics (topic_id);

-- Rotating refresh tokens: one family per sign-in; reuse of a used token revokes the family.
CREATE TABLE refresh_tokens (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    family TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    profile TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family);

-- Personal API tokens for unattended patronato software (hashed at rest).
CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    profile TEXT NOT NULL,
    scopes TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP,
    last_used_at TIMESTAMP,
    revoked_at TIMESTAMP
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

-- Citizen registry. The codice fiscale is NOT unique: omocodia means two people may share one.
CREATE TABLE citizens (
    id INTEGER PRIMARY KEY,
    codice_fiscale TEXT NOT NULL,
    surname TEXT NOT NULL,
    name TEXT NOT NULL,
    birth_date DATE NOT NULL,
    sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    birth_comune TEXT NOT NULL,
    birth_province TEXT NOT NULL,
    residence_address TEXT NOT NULL,
    residence_comune TEXT NOT NULL,
    residence_province TEXT NOT NULL,
    residence_cap TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX citizens_cf_idx ON citizens (codice_fiscale);
CREATE INDEX citizens_identity_idx ON citizens (surname, name, birth_date);

CREATE TABLE practices (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('protocol', 'domus', 'pension', 'rdc', 'rem')),
    number TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (kind, number)
);

CREATE TABLE practice_people (
    practice_id BIGINT NOT NULL REFERENCES practices (id),
    citizen_id BIGINT NOT NULL REFERENCES citizens (id),
    role TEXT NOT NULL CHECK (role IN ('holder', 'support_administrator', 'guardian', 'heir', 'delegate', 'other')),
    PRIMARY KEY (practice_id, citizen_id)
);
CREATE INDEX practice_people_citizen_idx ON practice_people (citizen_id);

-- Requests and their conversation.
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    protocol TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('citizen', 'regional')),
    status TEXT NOT NULL CHECK (status IN ('sent', 'assigned', 'closed')),
    patronato_id BIGINT NOT NULL REFERENCES patronati (id),
    patronato_office_id BIGINT REFERENCES patronato_offices (id),
    region_id BIGINT REFERENCES regions (id),
    created_by BIGINT NOT NULL REFERENCES users (id),
    citizen_id BIGINT REFERENCES citizens (id),
    citizen_cf TEXT,
    delega_declared_at TIMESTAMP,
    motive TEXT NOT NULL CHECK (motive IN ('reminder_of_application', 'benefit_in_progress_or_rejected', 'requirements_and_access', 'normative_clarification')),
    practice_kind TEXT CHECK (practice_kind IN ('protocol', 'domus', 'pension', 'rdc', 'rem')),
    practice_number TEXT,
    topic_id BIGINT NOT NULL REFERENCES topics (id),
    text TEXT NOT NULL,
    notes TEXT,
    office_id BIGINT NOT NULL REFERENCES inps_offices (id),
    office_chosen_by_hand BOOLEAN NOT NULL,
    routing_reason TEXT NOT NULL,
    assigned_official_id BIGINT REFERENCES users (id),
    appointments_enabled BOOLEAN NOT NULL DEFAULT FALSE,
    followups_used INTEGER NOT NULL DEFAULT 0,
    first_answer_at TIMESTAMP,
    awaiting_since TIMESTAMP,
    last_message_at TIMESTAMP NOT NULL,
    closed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    CHECK (kind = 'regional'
        OR (citizen_id IS NOT NULL AND citizen_cf IS NOT NULL AND delega_declared_at IS NOT NULL AND patronato_office_id IS NOT NULL)),
    CHECK (kind = 'citizen' OR (citizen_id IS NULL AND region_id IS NOT NULL)),
    CHECK ((practice_kind IS NULL) = (practice_number IS NULL)),
    CHECK (followups_used BETWEEN 0 AND 2)
);
-- History screen: office / mine / regional scope, newest first, plus each search criterion.
CREATE INDEX requests_office_scope_idx ON requests (patronato_office_id, kind, created_at DESC, id DESC);
CREATE INDEX requests_office_status_idx ON requests (patronato_office_id, kind, status, created_at DESC, id DESC);
CREATE INDEX requests_mine_idx ON requests (created_by, created_at DESC, id DESC);
CREATE INDEX requests_regional_scope_idx ON requests (patronato_id, region_id, kind, created_at DESC, id DESC);
CREATE INDEX requests_topic_idx ON requests (topic_id, created_at DESC);
CREATE INDEX requests_cf_idx ON requests (citizen_cf, created_at DESC);
CREATE INDEX requests_status_idx ON requests (status, created_at DESC);
CREATE INDEX requests_citizen_topic_idx ON requests (citizen_id, topic_id, status);
-- INPS queue: office, status, owner.
CREATE INDEX requests_inps_queue_idx ON requests (office_id, status, created_at DESC, id DESC);
CREATE INDEX requests_official_idx ON requests (assigned_official_id, status);
-- Free-text search over the request text and notes (FTS5, kept in step by triggers).
CREATE VIRTUAL TABLE requests_fts USING fts5(
    text, notes, content = 'requests', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN
    INSERT INTO requests_fts (rowid, text, notes) VALUES (new.id, new.text, COALESCE(new.notes, ''));
END;
CREATE TRIGGER requests_fts_update AFTER UPDATE OF text, notes ON requests BEGIN
    INSERT INTO requests_fts (requests_fts, rowid, text, notes)
        VALUES ('delete', old.id, old.text, COALESCE(old.notes, ''));
    INSERT INTO requests_fts (rowid, text, notes) VALUES (new.id, new.text, COALESCE(new.notes, ''));
END;
CREATE TRIGGER requests_fts_delete AFTER DELETE ON requests BEGIN
    INSERT INTO requests_fts (requests_fts, rowid, text, notes)
        VALUES ('delete', old.id, old.text, COALESCE(old.notes, ''));
END;

CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests (id),
    seq INTEGER NOT NULL,
    protocol TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('request', 'answer', 'follow_up')),
    author_id BIGINT NOT NULL REFERENCES users (id),
    author_side TEXT NOT NULL CHECK (author_side IN ('patronato', 'inps')),
    text TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (request_id, seq)
);
CREATE INDEX messages_answer_time_idx ON messages (author_side, created_at);

-- What happened to a request besides messages: transfers, dispatch, attachments added later.
CREATE TABLE request_events (
    id INTEGER PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests (id),
    kind TEXT NOT NULL,
    actor_id BIGINT REFERENCES users (id),
    from_office_id BIGINT REFERENCES inps_offices (id),
    to_office_id BIGINT REFERENCES inps_offices (id),
    detail TEXT,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX request_events_request_idx ON request_events (request_id, id);

CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES requests (id),
    seq INTEGER NOT NULL CHECK (seq IN (1, 2)),
    sent_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL,
    UNIQUE (request_id, seq)
);

-- Attachments: drafts owned by the uploader until linked to a request or a message.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    owner_id BIGINT NOT NULL REFERENCES users (id),
    request_id BIGINT REFERENCES requests (id),
    message_id BIGINT REFERENCES messages (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256 TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    linked_at TIMESTAMP,
    expires_at TIMESTAMP
);
CREATE INDEX attachments_owner_idx ON attachments (owner_id, linked_at);
CREATE INDEX attachments_request_idx ON attachments (request_id);
CREATE INDEX attachments_message_idx ON attachments (message_id);
CREATE INDEX attachments_sha_idx ON attachments (sha256);

-- Appointment agenda.
CREATE TABLE consultation_points (
    id INTEGER PRIMARY KEY,
    office_id BIGINT NOT NULL REFERENCES inps_offices (id),
    name TEXT NOT NULL,
    channels TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX consultation_points_office_idx ON consultation_points (office_id);

CREATE TABLE consultation_point_topics (
    point_id BIGINT NOT NULL REFERENCES consultation_points (id),
    topic_id BIGINT NOT NULL REFERENCES topics (id),
    PRIMARY KEY (point_id, topic_id)
);

CREATE TABLE appointment_slots (
    id INTEGER PRIMARY KEY,
    office_id BIGINT NOT NULL REFERENCES inps_offices (id),
    point_id BIGINT NOT NULL REFERENCES consultation_points (id),
    starts_at TIMESTAMP NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
    channels TEXT NOT NULL,
    created_by BIGINT NOT NULL REFERENCES users (id),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX appointment_slots_office_idx ON appointment_slots (office_id, starts_at);
CREATE INDEX appointment_slots_point_idx ON appointment_slots (point_id, starts_at);

CREATE TABLE appointments (
    id INTEGER PRIMARY KEY,
    slot_id BIGINT NOT NULL REFERENCES appointment_slots (id),
    booked_by BIGINT NOT NULL REFERENCES users (id),
    channel TEXT NOT NULL CHECK (channel IN ('in_person', 'phone', 'web_meeting')),
    topic_id BIGINT NOT NULL REFERENCES topics (id),
    notes TEXT,
    status TEXT NOT NULL CHECK (status IN ('booked', 'cancelled', 'done')),
    room_url TEXT,
    created_at TIMESTAMP NOT NULL,
    cancelled_at TIMESTAMP,
    cancelled_by BIGINT REFERENCES users (id),
    cancel_reason TEXT
);
-- A slot is booked at most once (cancelled bookings free it again).
CREATE UNIQUE INDEX appointments_active_slot_idx ON appointments (slot_id) WHERE status = 'booked';
CREATE INDEX appointments_booker_idx ON appointments (booked_by, status);

CREATE TABLE appointment_requests (
    appointment_id BIGINT NOT NULL REFERENCES appointments (id),
    request_id BIGINT NOT NULL REFERENCES requests (id),
    active BOOLEAN NOT NULL,
    PRIMARY KEY (appointment_id, request_id)
);
-- One active appointment per request.
CREATE UNIQUE INDEX appointment_requests_active_idx ON appointment_requests (request_id) WHERE active;

-- Audit trail of every read of personal data and every write.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    user_id BIGINT REFERENCES users (id),
    profile TEXT,
    patronato_id BIGINT REFERENCES patronati (id),
    inps_office_id BIGINT REFERENCES inps_offices (id),
    action TEXT NOT NULL,
    resource_type TEXT NOT NULL,
    resource_id TEXT,
    detail TEXT
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_user_idx ON audit_log (user_id, at DESC);
CREATE INDEX audit_log_resource_idx ON audit_log (resource_type, resource_id);
CREATE INDEX audit_log_patronato_idx ON audit_log (patronato_id, at DESC);

-- Idempotency-Key store: the first response is replayed for the same user, key and body.
CREATE TABLE idempotency_keys (
    user_id BIGINT NOT NULL REFERENCES users (id),
    key TEXT NOT NULL,
    method TEXT NOT NULL,
    path TEXT NOT NULL,
    body_hash TEXT NOT NULL,
    status_code INTEGER,
    response_body TEXT,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);
