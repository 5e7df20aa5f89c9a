DROP INDEX requests_search_idx;
ALTER TABLE requests DROP COLUMN search_vector;
CREATE INDEX requests_search_idx ON requests USING GIN (to_tsvector('simple', search_terms));
