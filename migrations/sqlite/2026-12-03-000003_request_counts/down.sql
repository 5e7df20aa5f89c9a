DROP TRIGGER request_counts_insert;
DROP TRIGGER request_counts_update;
DROP TRIGGER request_counts_delete;
DROP TABLE request_counts;
