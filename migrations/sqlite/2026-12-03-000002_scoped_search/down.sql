-- PostgreSQL only: its free-text index moves into one GIN with the scope columns. SQLite keeps
-- its FTS5 table (requests_fts); the folder exists so both backends share one migration history.
SELECT 1;
