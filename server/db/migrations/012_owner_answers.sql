-- Back to the owners (issue 11, item 3): a closed workshop, each owner's secret link, their
-- answers to the confirmed decisions with their history, and the e-mails sent to them.

-- Owners' secret links. Only the token's SHA-256 is stored, as for sessions and invitations,
-- so a leaked table cannot be replayed as links. A new link revokes the owner's older ones;
-- a revoked row is kept (revoked_at) so that its replay is told "replaced", not "unknown".
CREATE TABLE owner_link (
	id text PRIMARY KEY,
	workshop_id text NOT NULL,
	owner_id text NOT NULL,
	token_hash text NOT NULL UNIQUE,
	created_by text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	revoked_at timestamptz,
	FOREIGN KEY (workshop_id, owner_id) REFERENCES workshop_owner (workshop_id, id) ON DELETE CASCADE
);
CREATE INDEX owner_link_owner ON owner_link (workshop_id, owner_id);

-- Every answer of an owner to a decision, never updated: the current answer is the latest
-- (highest seq); the others are its history, shown with their dates. The decision is named
-- with its workshop, so an answer can only ever be about a decision of the owner's workshop.
-- The owner's name is copied: the answer keeps who gave it if the owner is later removed.
CREATE TABLE decision_answer (
	workshop_id text NOT NULL,
	seq bigserial NOT NULL,
	decision_id text NOT NULL,
	owner_id text NOT NULL,
	owner_name text NOT NULL,
	answer text NOT NULL CHECK (answer IN ('accepted', 'adapted', 'declined', 'studying', 'in_progress', 'done')),
	reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 2000),
	criteria text NOT NULL DEFAULT '' CHECK (length(criteria) <= 1000),
	planned_for date,
	at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, seq),
	FOREIGN KEY (workshop_id, decision_id) REFERENCES decision (workshop_id, id) ON DELETE CASCADE
);
CREATE INDEX decision_answer_decision ON decision_answer (workshop_id, decision_id, seq);

-- The e-mails to each owner: whether the last one carrying a link went out, and when the last
-- reminder did. `link_origin` is the public origin the link was made for, so the reminder job
-- (which has no request) writes links that open the same site.
CREATE TABLE owner_mail (
	workshop_id text NOT NULL,
	owner_id text NOT NULL,
	status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
	attempts integer NOT NULL DEFAULT 0,
	last_error text,
	attempted_at timestamptz NOT NULL DEFAULT now(),
	sent_at timestamptz,
	reminded_at timestamptz,
	link_origin text NOT NULL,
	PRIMARY KEY (workshop_id, owner_id),
	FOREIGN KEY (workshop_id, owner_id) REFERENCES workshop_owner (workshop_id, id) ON DELETE CASCADE
);

-- The closing: a closed workshop's decisions went to the owners. Its status becomes 'closed'.
ALTER TABLE workshop ADD COLUMN closed_at timestamptz;
