-- Join and roles (issue 4): how people join a workshop, who is on the panel, who else may look.

-- Join settings of a workshop. A workshop without a row uses the defaults (open, ask nothing).
-- Age band and gender are asked only when the facilitator wants them (GDPR: minimisation).
-- expected_panel: { categories: { agent: 5, … }, ageBands?: { '18-29': 2, … }, genderBalance?: true }
CREATE TABLE workshop_join (
	workshop_id text PRIMARY KEY REFERENCES workshop (id) ON DELETE CASCADE,
	join_open boolean NOT NULL DEFAULT true,
	ask_age_band boolean NOT NULL DEFAULT false,
	ask_gender boolean NOT NULL DEFAULT false,
	expected_panel jsonb NOT NULL DEFAULT '{"categories": {}}',
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- What a participant chose to tell. NULL means not asked or skipped; both stay NULL unless asked.
-- removed_at: the facilitator removed them (sessions deleted, notes kept).
-- erased_at: their name, age band and gender were erased by the retention job.
ALTER TABLE participant ADD COLUMN age_band text;
ALTER TABLE participant ADD COLUMN gender text;
ALTER TABLE participant ADD COLUMN anonymous boolean NOT NULL DEFAULT false;
ALTER TABLE participant ADD COLUMN removed_at timestamptz;
ALTER TABLE participant ADD COLUMN erased_at timestamptz;
CREATE INDEX participant_created ON participant (created_at) WHERE erased_at IS NULL;

-- Co-facilitator invitations: a secret link, single use. Only the token's SHA-256 is stored,
-- as for sessions, so a leaked table cannot be replayed as links.
CREATE TABLE invitation (
	id text PRIMARY KEY,
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	token_hash text NOT NULL UNIQUE,
	created_by text NOT NULL REFERENCES facilitator (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	accepted_by text REFERENCES facilitator (id) ON DELETE SET NULL,
	accepted_at timestamptz,
	revoked_at timestamptz
);
CREATE INDEX invitation_workshop ON invitation (workshop_id);

-- Observer links: a secret link that gives read-only sessions (a projector, a guest).
-- Revoking the link ends every session made from it (ON DELETE CASCADE below).
CREATE TABLE observer_link (
	id text PRIMARY KEY,
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	token_hash text NOT NULL UNIQUE,
	created_by text NOT NULL REFERENCES facilitator (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX observer_link_workshop ON observer_link (workshop_id);

CREATE TABLE observer_session (
	id text PRIMARY KEY,
	link_id text NOT NULL REFERENCES observer_link (id) ON DELETE CASCADE,
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	expires_at timestamptz NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
