-- Priorities (issue 10): the top items of the last revealed vote placed on a desirability ×
-- feasibility matrix, then the priorities the facilitator confirms, in order. Rows, never the
-- board's Yjs document: the server checks every placement.

-- One row per placer × item of a priorities phase; placing again moves it.
CREATE TABLE priority_placement (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	phase_id text NOT NULL,
	placer_id text NOT NULL,
	-- The placer's collège when they placed ('facilitator' when the facilitator places for the room).
	category text NOT NULL,
	item_id text NOT NULL,
	desirability integer NOT NULL CHECK (desirability BETWEEN 0 AND 100),
	feasibility integer NOT NULL CHECK (feasibility BETWEEN 0 AND 100),
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, phase_id, placer_id, item_id)
);

-- The priorities the facilitator confirmed for a phase, in order (position 0 first); a new
-- confirmation replaces the list.
CREATE TABLE priority (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	phase_id text NOT NULL,
	item_id text NOT NULL,
	position integer NOT NULL CHECK (position >= 0),
	-- The item's label when confirmed (the board's cluster may be renamed or removed later).
	label text NOT NULL,
	confirmed_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, phase_id, item_id),
	UNIQUE (workshop_id, phase_id, position)
);
