-- Quick polls (issue 10). Like votes, answers never enter the board's Yjs document: every
-- sync client receives the whole document, and answers stay secret until the reveal (unless
-- the phase shows its results live).

-- One row per participant × chosen choice of a poll phase; a new answer replaces the rows.
CREATE TABLE poll_answer (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	phase_id text NOT NULL,
	participant_id text NOT NULL,
	-- The participant's collège when they answered (results are by collège; a name never is).
	category text NOT NULL,
	-- The index of the choice in the phase's settings (0-based).
	choice integer NOT NULL CHECK (choice >= 0 AND choice < 10),
	answered_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, phase_id, participant_id, choice)
);

-- A poll phase whose answers everyone may see (revealed by the facilitator or on leaving it).
-- Apart from vote_reveal: each lists the last phase of its own kind to keep on screen.
CREATE TABLE poll_reveal (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	phase_id text NOT NULL,
	revealed_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, phase_id)
);
