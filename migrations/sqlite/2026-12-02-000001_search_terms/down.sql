DROP TRIGGER requests_fts_insert;
DROP TRIGGER requests_fts_update;
DROP TRIGGER requests_fts_delete;
DROP TABLE requests_fts;
ALTER TABLE requests DROP COLUMN search_terms;

CREATE VIRTUAL TABLE requests_fts USING fts5(
    text, notes, content = 'requests', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN
    INSERT INTO requests_fts (rowid, text, notes) VALUES (new.id, new.text, COALESCE(new.notes, ''));
END;
CREATE TRIGGER requests_fts_update AFTER UPDATE OF text, notes ON requests BEGIN
    INSERT INTO requests_fts (requests_fts, rowid, text, notes)
        VALUES ('delete', old.id, old.text, COALESCE(old.notes, ''));
    INSERT INTO requests_fts (rowid, text, notes) VALUES (new.id, new.text, COALESCE(new.notes, ''));
END;
CREATE TRIGGER requests_fts_delete AFTER DELETE ON requests BEGIN
    INSERT INTO requests_fts (requests_fts, rowid, text, notes)
        VALUES ('delete', old.id, old.text, COALESCE(old.notes, ''));
END;
INSERT INTO requests_fts (requests_fts) VALUES ('rebuild');
