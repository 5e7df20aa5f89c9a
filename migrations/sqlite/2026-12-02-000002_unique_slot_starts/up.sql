-- A consultation point publishes one slot per start time: a weekly pattern applied twice skips
-- what exists instead of doubling it.
DROP INDEX appointment_slots_point_idx;
CREATE UNIQUE INDEX appointment_slots_point_start_idx ON appointment_slots (point_id, starts_at);
