-- Free-text search over Italian terms computed by the server (db::search): folded, without stop
-- words, stemmed. The FTS5 table indexes those terms only (contentless), kept in step by triggers.
DROP TRIGGER requests_fts_insert;
DROP TRIGGER requests_fts_update;
DROP TRIGGER requests_fts_delete;
DROP TABLE requests_fts;

ALTER TABLE requests ADD COLUMN search_terms TEXT NOT NULL DEFAULT '';

CREATE VIRTUAL TABLE requests_fts USING fts5(terms, content = '', contentless_delete = 1);
CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN
    INSERT INTO requests_fts (rowid, terms) VALUES (new.id, new.search_terms);
END;
CREATE TRIGGER requests_fts_update AFTER UPDATE OF search_terms ON requests BEGIN
    DELETE FROM requests_fts WHERE rowid = old.id;
    INSERT INTO requests_fts (rowid, terms) VALUES (new.id, new.search_terms);
END;
CREATE TRIGGER requests_fts_delete AFTER DELETE ON requests BEGIN
    DELETE FROM requests_fts WHERE rowid = old.id;
END;
