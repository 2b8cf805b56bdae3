-- Decisions and commitments (issue 10, item 6): what the workshop commits to, written by its
-- facilitators during a decisions phase and answered later by the project owners.

-- The project owners (porteur·ses de projet) a workshop's decisions go back to.
CREATE TABLE workshop_owner (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	id text NOT NULL,
	position integer NOT NULL,
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
	email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
	organisation text NOT NULL DEFAULT '' CHECK (length(organisation) <= 200),
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, id)
);

-- One decision: who commits (collèges and/or the owner), who is responsible, by when, and by
-- when the owner answers. `source_id` is the priority, cluster or note it came from, kept as
-- text (no foreign key: priorities come later, notes live in the Yjs document).
CREATE TABLE decision (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	id text NOT NULL,
	position integer NOT NULL,
	title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	text text NOT NULL DEFAULT '' CHECK (length(text) <= 2000),
	commits text[] NOT NULL DEFAULT '{}',
	responsible text NOT NULL DEFAULT '' CHECK (length(responsible) <= 200),
	due_date date,
	answer_by date,
	status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'confirmed', 'dropped')),
	source_id text,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, id)
);
CREATE INDEX decision_order ON decision (workshop_id, position);

-- Every change of a decision: who made it, when, and the whole decision as it became (for a
-- deletion, as it was last). Kept when the decision is deleted, so the owners' answers and the
-- report can tell what was decided and how it changed.
CREATE TABLE decision_history (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	seq bigserial NOT NULL,
	decision_id text NOT NULL,
	at timestamptz NOT NULL DEFAULT now(),
	actor_id text NOT NULL,
	action text NOT NULL CHECK (action IN ('create', 'update', 'move', 'delete')),
	decision jsonb NOT NULL,
	PRIMARY KEY (workshop_id, seq)
);
CREATE INDEX decision_history_decision ON decision_history (workshop_id, decision_id, seq);
