-- One row per design or assessment operation whose model tokens were paid for.
CREATE TABLE llm_spend (
  operation_id  TEXT PRIMARY KEY,
  research_id   TEXT NOT NULL,
  day           TEXT NOT NULL,
  model         TEXT NOT NULL,
  input_tokens  INTEGER NOT NULL,
  output_tokens INTEGER NOT NULL,
  cost_usd      REAL NOT NULL,
  recorded_at   TEXT NOT NULL
);

CREATE INDEX idx_llm_spend_day ON llm_spend(day);
