-- The history's exact total without counting the scope's rows (db::request_counts): every
-- statement that inserts, updates or deletes requests appends, per scope and status, how many
-- it added or removed. Rows are only ever appended, so writers never wait on one another; the
-- dispatcher folds them into one row per scope and status now and then. A total is the sum of
-- its scope's rows. Scope keys: 'mine:<user>:<kind>', 'office:<patronato office>' (citizen
-- requests), 'regional:<patronato>:<region>' (regional requests), 'inps:<INPS office>'.
CREATE TABLE request_counts (
    id BIGSERIAL PRIMARY KEY,
    scope TEXT NOT NULL,
    status TEXT NOT NULL,
    requests BIGINT NOT NULL
);
CREATE INDEX request_counts_scope_idx ON request_counts (scope, status) INCLUDE (requests);

CREATE FUNCTION request_scopes(kind TEXT, created_by BIGINT, patronato_office_id BIGINT,
                               patronato_id BIGINT, region_id BIGINT, office_id BIGINT)
RETURNS TEXT[] LANGUAGE SQL IMMUTABLE AS $$
    SELECT ARRAY[
        'mine:' || created_by || ':' || kind,
        CASE WHEN kind = 'citizen' THEN 'office:' || patronato_office_id
             ELSE 'regional:' || patronato_id || ':' || region_id END,
        'inps:' || office_id]
$$;

CREATE FUNCTION request_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO request_counts (scope, status, requests)
        SELECT s, n.status, COUNT(*) FROM new_rows n,
            unnest(request_scopes(n.kind, n.created_by, n.patronato_office_id, n.patronato_id,
                                  n.region_id, n.office_id)) s
        GROUP BY s, n.status;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO request_counts (scope, status, requests)
        SELECT s, st, SUM(d) FROM (
            SELECT s, n.status AS st, 1 AS d FROM new_rows n,
                unnest(request_scopes(n.kind, n.created_by, n.patronato_office_id,
                                      n.patronato_id, n.region_id, n.office_id)) s
            UNION ALL
            SELECT s, o.status, -1 FROM old_rows o,
                unnest(request_scopes(o.kind, o.created_by, o.patronato_office_id,
                                      o.patronato_id, o.region_id, o.office_id)) s
        ) changes
        GROUP BY s, st HAVING SUM(d) <> 0;
    ELSE
        INSERT INTO request_counts (scope, status, requests)
        SELECT s, o.status, -COUNT(*) FROM old_rows o,
            unnest(request_scopes(o.kind, o.created_by, o.patronato_office_id, o.patronato_id,
                                  o.region_id, o.office_id)) s
        GROUP BY s, o.status;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER request_counts_insert AFTER INSERT ON requests
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION request_counts_keep();
CREATE TRIGGER request_counts_update AFTER UPDATE ON requests
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION request_counts_keep();
CREATE TRIGGER request_counts_delete AFTER DELETE ON requests
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION request_counts_keep();

INSERT INTO request_counts (scope, status, requests)
SELECT s, r.status, COUNT(*) FROM requests r,
    unnest(request_scopes(r.kind, r.created_by, r.patronato_office_id, r.patronato_id,
                          r.region_id, r.office_id)) s
GROUP BY s, r.status;
