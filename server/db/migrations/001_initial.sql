-- Facilitators have accounts; participants never do.
CREATE TABLE facilitator (
	id text PRIMARY KEY,
	email text NOT NULL,
	password_hash text NOT NULL,
	display_name text NOT NULL,
	locale text NOT NULL DEFAULT 'fr',
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX facilitator_email ON facilitator (lower(email));

-- Lucia-style sessions: the cookie holds a random token, we store only its SHA-256.
-- A session belongs to a facilitator, or to a participant of exactly one workshop.
CREATE TABLE session (
	id text PRIMARY KEY,
	facilitator_id text REFERENCES facilitator (id) ON DELETE CASCADE,
	participant_id text,
	expires_at timestamptz NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	CHECK ((facilitator_id IS NULL) <> (participant_id IS NULL))
);
CREATE INDEX session_facilitator ON session (facilitator_id);

-- Failed sign-ins per key (e-mail, and client address) to slow down guessing.
CREATE TABLE sign_in_failure (
	key text PRIMARY KEY,
	failures integer NOT NULL,
	last_failure_at timestamptz NOT NULL
);

CREATE TABLE workshop (
	id text PRIMARY KEY,
	title text NOT NULL,
	join_code text NOT NULL UNIQUE,
	created_by text NOT NULL REFERENCES facilitator (id),
	status text NOT NULL DEFAULT 'open',
	created_at timestamptz NOT NULL DEFAULT now()
);

-- Who facilitates a workshop (the creator, later invited co-facilitators).
CREATE TABLE workshop_facilitator (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	facilitator_id text NOT NULL REFERENCES facilitator (id) ON DELETE CASCADE,
	role text NOT NULL DEFAULT 'facilitator',
	PRIMARY KEY (workshop_id, facilitator_id)
);

-- Participants join by code, with a display name and a category (collège); no account.
CREATE TABLE participant (
	id text PRIMARY KEY,
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	display_name text NOT NULL,
	category text NOT NULL,
	role text NOT NULL DEFAULT 'participant',
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX participant_workshop ON participant (workshop_id);
ALTER TABLE session ADD FOREIGN KEY (participant_id) REFERENCES participant (id) ON DELETE CASCADE;

-- The Yjs document: an append-only log of updates, compacted into one snapshot.
CREATE TABLE yjs_update (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	seq bigserial NOT NULL,
	data bytea NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, seq)
);
CREATE TABLE yjs_snapshot (
	workshop_id text PRIMARY KEY REFERENCES workshop (id) ON DELETE CASCADE,
	data bytea NOT NULL,
	-- The highest yjs_update.seq folded into this snapshot.
	last_seq bigint NOT NULL,
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- Live commands already applied, so that a retry with the same client-made id is applied once.
CREATE TABLE live_command (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	command_id text NOT NULL,
	actor_id text NOT NULL,
	result jsonb NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, command_id)
);
