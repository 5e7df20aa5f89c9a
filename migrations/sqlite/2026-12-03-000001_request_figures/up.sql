-- The statistics read every figure from the request row (db::statistics::figures): how many
-- reminders it had and whether it has an active booking, kept by the statements that write
-- reminders and bookings, instead of one lookup per request and figure.
ALTER TABLE requests ADD COLUMN reminders_sent INTEGER NOT NULL DEFAULT 0 CHECK (reminders_sent BETWEEN 0 AND 2);
ALTER TABLE requests ADD COLUMN appointment_booked BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE requests SET reminders_sent = (SELECT COUNT(*) FROM reminders WHERE reminders.request_id = requests.id)
    WHERE id IN (SELECT request_id FROM reminders);
UPDATE requests SET appointment_booked = TRUE
    WHERE id IN (SELECT request_id FROM appointment_requests WHERE active);

-- The scope indexes carry every column the figures read (as trailing key columns: SQLite has no
-- INCLUDE), so the statistics of a scope read the index only.
DROP INDEX requests_office_scope_idx;
DROP INDEX requests_mine_idx;
DROP INDEX requests_regional_scope_idx;
DROP INDEX requests_inps_queue_idx;
CREATE INDEX requests_office_scope_idx ON requests (patronato_office_id, kind, created_at DESC, id DESC,
    status, awaiting_since, reminders_sent, appointments_enabled, appointment_booked, topic_id);
CREATE INDEX requests_mine_idx ON requests (created_by, kind, created_at DESC, id DESC,
    status, awaiting_since, reminders_sent, appointments_enabled, appointment_booked, topic_id);
CREATE INDEX requests_regional_scope_idx ON requests (patronato_id, region_id, kind, created_at DESC, id DESC,
    status, awaiting_since, reminders_sent, appointments_enabled, appointment_booked, topic_id);
CREATE INDEX requests_inps_queue_idx ON requests (office_id, status, created_at DESC, id DESC,
    awaiting_since, reminders_sent, appointments_enabled, appointment_booked, topic_id);
