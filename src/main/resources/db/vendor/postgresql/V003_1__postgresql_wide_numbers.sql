-- PostgreSQL only, right after V003: the numbers the shared migrations V002 and V003 declare as
-- INTEGER and REAL are 8 bytes in SQLite but 4 in PostgreSQL. Widen them to what the code stores
-- (Java longs and doubles): a seed or a version above 2^31, or a dollar amount, must survive.
ALTER TABLE operations ALTER COLUMN version TYPE BIGINT;
ALTER TABLE researches ALTER COLUMN seed TYPE BIGINT;
ALTER TABLE llm_spend ALTER COLUMN input_tokens TYPE BIGINT;
ALTER TABLE llm_spend ALTER COLUMN output_tokens TYPE BIGINT;
ALTER TABLE llm_spend ALTER COLUMN cost_usd TYPE DOUBLE PRECISION;
