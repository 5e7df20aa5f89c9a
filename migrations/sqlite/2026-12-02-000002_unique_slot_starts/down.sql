DROP INDEX appointment_slots_point_start_idx;
CREATE INDEX appointment_slots_point_idx ON appointment_slots (point_id, starts_at);
