CREATE TABLE operations (
  operation_id        TEXT PRIMARY KEY,
  parent_operation_id TEXT REFERENCES operations(operation_id),
  operation_type      TEXT NOT NULL,
  status              TEXT NOT NULL
                      CHECK (status IN ('pending','running','completed','failed','cancelled')),
  created_at          TEXT NOT NULL,
  started_at          TEXT,
  completed_at        TEXT,
  progress_percentage REAL NOT NULL DEFAULT 0,
  current_step        TEXT,
  parameters          TEXT NOT NULL DEFAULT '{}',
  error_message       TEXT,
  result_summary      TEXT
);

CREATE INDEX idx_operations_type_status ON operations(operation_type, status, created_at);
CREATE INDEX idx_operations_parent ON operations(parent_operation_id);
CREATE INDEX idx_operations_created ON operations(created_at);

CREATE TABLE operation_events (
  event_id     INTEGER PRIMARY KEY AUTOINCREMENT,
  ts           TEXT NOT NULL,
  operation_id TEXT NOT NULL,
  event        TEXT NOT NULL,
  from_status  TEXT,
  to_status    TEXT,
  message      TEXT
);

CREATE INDEX idx_operation_events_op ON operation_events(operation_id, event_id);
