-- The history's exact total without counting the scope's rows (db::request_counts): every
-- change of a request appends, per scope and status, how many it added or removed; the
-- dispatcher folds them into one row per scope and status now and then. A total is the sum of
-- its scope's rows. Scope keys: 'mine:<user>:<kind>', 'office:<patronato office>' (citizen
-- requests), 'regional:<patronato>:<region>' (regional requests), 'inps:<INPS office>'.
CREATE TABLE request_counts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    scope TEXT NOT NULL,
    status TEXT NOT NULL,
    requests BIGINT NOT NULL
);
CREATE INDEX request_counts_scope_idx ON request_counts (scope, status, requests);

CREATE TRIGGER request_counts_insert AFTER INSERT ON requests BEGIN
    INSERT INTO request_counts (scope, status, requests) VALUES
        ('mine:' || new.created_by || ':' || new.kind, new.status, 1),
        (CASE WHEN new.kind = 'citizen' THEN 'office:' || new.patronato_office_id
              ELSE 'regional:' || new.patronato_id || ':' || new.region_id END, new.status, 1),
        ('inps:' || new.office_id, new.status, 1);
END;
CREATE TRIGGER request_counts_update AFTER UPDATE OF status, office_id ON requests
    WHEN old.status IS NOT new.status OR old.office_id IS NOT new.office_id BEGIN
    INSERT INTO request_counts (scope, status, requests) VALUES
        ('mine:' || old.created_by || ':' || old.kind, old.status, -1),
        (CASE WHEN old.kind = 'citizen' THEN 'office:' || old.patronato_office_id
              ELSE 'regional:' || old.patronato_id || ':' || old.region_id END, old.status, -1),
        ('inps:' || old.office_id, old.status, -1),
        ('mine:' || new.created_by || ':' || new.kind, new.status, 1),
        (CASE WHEN new.kind = 'citizen' THEN 'office:' || new.patronato_office_id
              ELSE 'regional:' || new.patronato_id || ':' || new.region_id END, new.status, 1),
        ('inps:' || new.office_id, new.status, 1);
END;
CREATE TRIGGER request_counts_delete AFTER DELETE ON requests BEGIN
    INSERT INTO request_counts (scope, status, requests) VALUES
        ('mine:' || old.created_by || ':' || old.kind, old.status, -1),
        (CASE WHEN old.kind = 'citizen' THEN 'office:' || old.patronato_office_id
              ELSE 'regional:' || old.patronato_id || ':' || old.region_id END, old.status, -1),
        ('inps:' || old.office_id, old.status, -1);
END;

INSERT INTO request_counts (scope, status, requests)
SELECT 'mine:' || created_by || ':' || kind, status, COUNT(*) FROM requests GROUP BY 1, 2;
INSERT INTO request_counts (scope, status, requests)
SELECT CASE WHEN kind = 'citizen' THEN 'office:' || patronato_office_id
            ELSE 'regional:' || patronato_id || ':' || region_id END, status, COUNT(*)
FROM requests GROUP BY 1, 2;
INSERT INTO request_counts (scope, status, requests)
SELECT 'inps:' || office_id, status, COUNT(*) FROM requests GROUP BY 1, 2;
