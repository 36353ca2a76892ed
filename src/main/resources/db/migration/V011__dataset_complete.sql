-- A dataset imported in several transactions (its bars in slices, so that a large import never
-- holds the one writer for long) is written row first with complete = 0, and counts only once the
-- last slice set complete = 1. The foreign key from dataset_bars needs the row to exist first.
-- Plain SQL that SQLite and PostgreSQL both accept.
ALTER TABLE datasets ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
