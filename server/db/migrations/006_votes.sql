-- Dot votes (issue 10). Votes never enter the board's Yjs document: every sync client
-- receives the whole document, and a vote stays secret until the facilitator reveals it.

-- One row per voter × item of a vote phase with at least one dot; 0 dots deletes the row.
CREATE TABLE vote (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	phase_id text NOT NULL,
	voter_id text NOT NULL,
	-- The voter's collège when they voted (results are by collège; a name never is).
	category text NOT NULL,
	item_id text NOT NULL,
	dots integer NOT NULL CHECK (dots > 0),
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, phase_id, voter_id, item_id)
);

-- Dots counted on the wall for people without a phone, typed by the facilitator per item and
-- collège; kept apart from phone votes and shown as such.
CREATE TABLE paper_vote (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	phase_id text NOT NULL,
	item_id text NOT NULL,
	category text NOT NULL,
	dots integer NOT NULL CHECK (dots > 0),
	PRIMARY KEY (workshop_id, phase_id, item_id, category)
);

-- A vote phase whose results everyone may see (revealed by the facilitator or on leaving it).
CREATE TABLE vote_reveal (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	phase_id text NOT NULL,
	revealed_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, phase_id)
);
