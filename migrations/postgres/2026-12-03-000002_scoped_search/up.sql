-- Free text inside a scope from one index: a GIN over the scope columns (btree_gin, a trusted
-- extension) and the stored tsvector of the search terms. A common word's posting list is
-- intersected with the scope's inside the index, instead of a bitmap of every request in the
-- table that holds the word ANDed with the scope's; and the stored vector spares computing
-- to_tsvector for each row the planner filters while walking a scope index.
CREATE EXTENSION IF NOT EXISTS btree_gin;
ALTER TABLE requests ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', search_terms)) STORED;
DROP INDEX requests_search_idx;
CREATE INDEX requests_search_idx ON requests
    USING GIN (patronato_office_id, created_by, patronato_id, region_id, office_id, search_vector);
