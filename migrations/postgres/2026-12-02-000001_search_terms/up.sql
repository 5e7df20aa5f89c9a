-- Free-text search over Italian terms computed by the server (db::search): folded, without stop
-- words, stemmed; indexed as they are (the 'simple' configuration), like the SQLite side.
ALTER TABLE requests ADD COLUMN search_terms TEXT NOT NULL DEFAULT '';
DROP INDEX requests_fts_idx;
CREATE INDEX requests_search_idx ON requests USING GIN (to_tsvector('simple', search_terms));
