-- Per-table timer (issue 13, item 6): a table's time follows the phase's, plus whatever extra
-- time the facilitator gave that table in the current phase run (a phase and when it started).
-- Another phase run makes the extra time void, so going back to a phase starts it afresh.
ALTER TABLE workshop_table ADD COLUMN extra_ms integer NOT NULL DEFAULT 0 CHECK (extra_ms BETWEEN 0 AND 28800000);
ALTER TABLE workshop_table ADD COLUMN extra_phase_id text;
ALTER TABLE workshop_table ADD COLUMN extra_phase_started_at bigint;
