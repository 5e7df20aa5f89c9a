-- A slot's end is stored, so that a list of upcoming or past bookings is filtered (and limited)
-- by the database instead of after its LIMIT.
ALTER TABLE appointment_slots ADD COLUMN ends_at TIMESTAMP;
UPDATE appointment_slots SET ends_at = starts_at + make_interval(mins => duration_minutes);
ALTER TABLE appointment_slots ALTER COLUMN ends_at SET NOT NULL;
ALTER TABLE appointment_slots ADD CONSTRAINT appointment_slots_ends_after_start CHECK (ends_at > starts_at);
CREATE INDEX appointment_slots_office_end_idx ON appointment_slots (office_id, ends_at);
