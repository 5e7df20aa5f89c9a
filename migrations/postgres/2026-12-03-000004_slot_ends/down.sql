DROP INDEX appointment_slots_office_end_idx;
ALTER TABLE appointment_slots DROP COLUMN ends_at;
