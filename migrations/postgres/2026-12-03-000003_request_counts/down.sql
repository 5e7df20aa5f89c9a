DROP TRIGGER request_counts_insert ON requests;
DROP TRIGGER request_counts_update ON requests;
DROP TRIGGER request_counts_delete ON requests;
DROP FUNCTION request_counts_keep();
DROP FUNCTION request_scopes(TEXT, BIGINT, BIGINT, BIGINT, BIGINT, BIGINT);
DROP TABLE request_counts;
