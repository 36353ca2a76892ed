-- A research's own state, typed (issue 9): one row per agent_research operation. The API's
-- metadata.parameters of a research are derived from this row; V004 moves existing data here.
CREATE TABLE researches (
  research_id        TEXT PRIMARY KEY REFERENCES operations(operation_id),
  phase              TEXT NOT NULL
                     CHECK (phase IN ('idle','designing','training','backtesting','assessing')),
  phase_started_at   TEXT,
  brief              TEXT,
  model              TEXT,
  bypass_gates       INTEGER NOT NULL DEFAULT 0,
  design_op_id       TEXT,
  training_op_id     TEXT,
  backtest_op_id     TEXT,
  assessment_op_id   TEXT,
  strategy_name      TEXT,
  strategy_spec      TEXT,    -- JSON; the designed strategy spec (issue 10)
  dataset_id         TEXT,    -- issue 10
  seed               INTEGER, -- issue 10
  training_result    TEXT,    -- JSON document as the worker returned it
  backtest_result    TEXT,    -- JSON document as the worker returned it
  assessment_verdict TEXT,
  gate_rejection     TEXT,    -- JSON {gate, reason, detail}
  cancel_reason      TEXT,
  cancelled_by       TEXT,
  cancelled_at       TEXT
);

-- Every committed change stamps its operation with the next value of one global sequence, so a
-- newer snapshot of any operation always carries a larger version.
ALTER TABLE operations ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
