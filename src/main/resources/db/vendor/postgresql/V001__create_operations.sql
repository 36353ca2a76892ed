-- PostgreSQL's own V001 (SQLite's is db/vendor/sqlite/V001__create_operations.sql): the same
-- tables and columns, with the types PostgreSQL needs. The differences, all here:
--   * event_id is BIGSERIAL (SQLite: INTEGER PRIMARY KEY AUTOINCREMENT);
--   * rowid is declared (SQLite has it implicitly): the store breaks ties of equal created_at in
--     insertion order with o.rowid on both databases;
--   * progress_percentage is DOUBLE PRECISION (PostgreSQL's REAL is 4 bytes, SQLite's 8);
--   * the time columns collate as "C": they hold fixed-width ISO-8601 text and must sort by
--     character, whatever the database's locale.
CREATE TABLE operations (
  operation_id        TEXT PRIMARY KEY,
  parent_operation_id TEXT REFERENCES operations(operation_id),
  operation_type      TEXT NOT NULL,
  status              TEXT NOT NULL
                      CHECK (status IN ('pending','running','completed','failed','cancelled')),
  created_at          TEXT COLLATE "C" NOT NULL,
  started_at          TEXT COLLATE "C",
  completed_at        TEXT COLLATE "C",
  progress_percentage DOUBLE PRECISION NOT NULL DEFAULT 0,
  current_step        TEXT,
  parameters          TEXT NOT NULL DEFAULT '{}',
  error_message       TEXT,
  result_summary      TEXT,
  rowid               BIGSERIAL NOT NULL UNIQUE
);

CREATE INDEX idx_operations_type_status ON operations(operation_type, status, created_at);
CREATE INDEX idx_operations_parent ON operations(parent_operation_id);
CREATE INDEX idx_operations_created ON operations(created_at);

CREATE TABLE operation_events (
  event_id     BIGSERIAL PRIMARY KEY,
  ts           TEXT COLLATE "C" NOT NULL,
  operation_id TEXT NOT NULL,
  event        TEXT NOT NULL,
  from_status  TEXT,
  to_status    TEXT,
  message      TEXT
);

CREATE INDEX idx_operation_events_op ON operation_events(operation_id, event_id);
