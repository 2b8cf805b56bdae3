-- Tables (issue 13): a room of 20–60 works in tables of 5–8 in parallel. The table plan is
-- stored with the workshop: its tables, in order, and who sits at which.
CREATE TABLE workshop_table (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	id text NOT NULL,
	-- The tables' order in the plan (Table 1, Table 2…); late joiners' ties go to the first.
	position integer NOT NULL,
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
	-- What the table's phones show under its name.
	instructions text NOT NULL DEFAULT '' CHECK (length(instructions) <= 500),
	-- The table's reporter, who picks its contributions to the plenary (NULL: none named yet).
	reporter_id text REFERENCES participant (id) ON DELETE SET NULL,
	PRIMARY KEY (workshop_id, id)
);

-- One seat per participant: someone sits at exactly one table, or at none.
CREATE TABLE table_seat (
	workshop_id text NOT NULL,
	participant_id text NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
	table_id text NOT NULL,
	seated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, participant_id),
	FOREIGN KEY (workshop_id, table_id) REFERENCES workshop_table (workshop_id, id) ON DELETE CASCADE
);
CREATE INDEX table_seat_table ON table_seat (workshop_id, table_id);

-- The notes a table's reporter picked as the table's contribution to the plenary (a few each).
CREATE TABLE table_contribution (
	workshop_id text NOT NULL,
	table_id text NOT NULL,
	note_id text NOT NULL,
	picked_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, note_id),
	FOREIGN KEY (workshop_id, table_id) REFERENCES workshop_table (workshop_id, id) ON DELETE CASCADE
);

-- "J'ai fini" (readiness): one row per participant who said so in a phase run. A phase run is
-- the phase and the time it was started, so readiness starts empty at every phase change
-- (going back to a phase starts it again).
CREATE TABLE readiness (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	phase_id text NOT NULL,
	phase_started_at bigint NOT NULL,
	participant_id text NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
	done_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, phase_id, phase_started_at, participant_id)
);
