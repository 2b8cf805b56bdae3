-- Names of people who took part through a facilitator, without a phone (issue 14, item 10):
-- kept here, on the server, and shown to facilitators only. The board document every phone
-- receives carries only that a note was written for someone, and their collège.
CREATE TABLE proxy_name (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	note_id text NOT NULL,
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, note_id)
);
