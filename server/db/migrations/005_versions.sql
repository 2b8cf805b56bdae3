-- Version history of the board (issue 3, point 9): saved copies of the workshop's Yjs document
-- that a facilitator can restore. `state` is Y.encodeStateAsUpdate of the document then;
-- `digest` is the SHA-256 of its canonical content, so "nothing changed since the last
-- version" is one comparison, on any instance. `seq` orders versions saved within one instant.
CREATE TABLE board_version (
	id text PRIMARY KEY,
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	seq bigserial NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	reason text NOT NULL CHECK (reason IN ('phase', 'periodic', 'before_restore', 'manual')),
	phase_id text,
	-- The phase's title when the version was saved (the agenda can change afterwards).
	label text NOT NULL DEFAULT '',
	note_count integer NOT NULL,
	digest text NOT NULL,
	state bytea NOT NULL
);
CREATE INDEX board_version_workshop ON board_version (workshop_id, seq DESC);
