-- A slot's end is stored, so that a list of upcoming or past bookings is filtered (and limited)
-- by the database instead of after its LIMIT. Written in the text form diesel writes timestamps.
ALTER TABLE appointment_slots ADD COLUMN ends_at TIMESTAMP NOT NULL DEFAULT '';
UPDATE appointment_slots
    SET ends_at = strftime('%Y-%m-%d %H:%M:%S', starts_at, '+' || duration_minutes || ' minutes');
CREATE INDEX appointment_slots_office_end_idx ON appointment_slots (office_id, ends_at);
