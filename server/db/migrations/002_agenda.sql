-- The language a workshop runs in: its agenda's texts are in it (templates hold both).
ALTER TABLE workshop ADD COLUMN locale text NOT NULL DEFAULT 'fr';

-- A workshop's agenda: its phases in order. Planned minutes and, once run, actual times.
CREATE TABLE phase (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	id text NOT NULL,
	position integer NOT NULL,
	type text NOT NULL,
	title text NOT NULL,
	minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 480),
	instructions text NOT NULL DEFAULT '',
	settings jsonb NOT NULL DEFAULT '{}',
	started_at timestamptz,
	ended_at timestamptz,
	PRIMARY KEY (workshop_id, id)
);
CREATE INDEX phase_order ON phase (workshop_id, position);

-- The clock and the room controls, owned by the server (see src/lib/domain/agenda/timer.ts).
CREATE TABLE workshop_clock (
	workshop_id text PRIMARY KEY REFERENCES workshop (id) ON DELETE CASCADE,
	phase_id text,
	status text NOT NULL DEFAULT 'idle',
	ends_at timestamptz,
	remaining_ms integer,
	started_at timestamptz,
	locked boolean NOT NULL DEFAULT false,
	-- A silent phase's notes were revealed: later notes of that phase are written at once.
	revealed boolean NOT NULL DEFAULT false,
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every phase change and control, in order: the workshop's log (planned vs actual, report).
CREATE TABLE workshop_event (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	seq bigserial NOT NULL,
	at timestamptz NOT NULL DEFAULT now(),
	actor_id text NOT NULL,
	action text NOT NULL,
	phase_id text,
	detail jsonb NOT NULL DEFAULT '{}',
	PRIMARY KEY (workshop_id, seq)
);

-- Notes written in a silent phase wait here, out of the Yjs document every client receives,
-- until the facilitator reveals them (then they are written into the document).
CREATE TABLE hidden_note (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	id text NOT NULL,
	phase_id text NOT NULL,
	author_id text NOT NULL,
	author_category text NOT NULL,
	anonymous boolean NOT NULL DEFAULT false,
	text text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	revealed_at timestamptz,
	PRIMARY KEY (workshop_id, id)
);
CREATE INDEX hidden_note_waiting ON hidden_note (workshop_id) WHERE revealed_at IS NULL;
