DROP INDEX requests_search_idx;
ALTER TABLE requests DROP COLUMN search_terms;
CREATE INDEX requests_fts_idx ON requests
    USING GIN (to_tsvector('italian', text || ' ' || COALESCE(notes, '')));
