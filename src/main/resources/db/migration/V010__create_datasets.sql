-- Imported price datasets (the bundled ones are read from the class path, not stored).
-- Plain SQL that SQLite and PostgreSQL both accept.
CREATE TABLE datasets (
  dataset_id    TEXT PRIMARY KEY,
  symbol        TEXT NOT NULL,
  timeframe     TEXT NOT NULL,
  source        TEXT NOT NULL,
  bar_count     INTEGER NOT NULL,
  first_bar_ms  BIGINT NOT NULL,
  last_bar_ms   BIGINT NOT NULL,
  created_at    TEXT NOT NULL,
  import_report TEXT
);

-- One row per bar; bar_ms is the bar's opening time in epoch milliseconds (UTC).
CREATE TABLE dataset_bars (
  dataset_id TEXT NOT NULL REFERENCES datasets(dataset_id) ON DELETE CASCADE,
  bar_ms     BIGINT NOT NULL,
  open       DOUBLE PRECISION NOT NULL,
  high       DOUBLE PRECISION NOT NULL,
  low        DOUBLE PRECISION NOT NULL,
  close      DOUBLE PRECISION NOT NULL,
  volume     DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (dataset_id, bar_ms)
);
