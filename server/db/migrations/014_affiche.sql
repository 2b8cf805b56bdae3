-- The affiche (issue 11, item 2): the Strasbourg poster of a workshop, validated from the
-- participants' phones before it is published with its validation counts.

-- One affiche per workshop. `version` grows with every change of the content: validations
-- are per version, so an edit starts them again. `published_tally` keeps the counts by
-- collège the published version was validated by.
CREATE TABLE affiche (
	workshop_id text PRIMARY KEY REFERENCES workshop (id) ON DELETE CASCADE,
	content jsonb NOT NULL,
	version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
	status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'published')),
	published_at timestamptz,
	published_tally jsonb,
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- One answer per participant per version; a second answer replaces the first.
CREATE TABLE affiche_validation (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	participant_id text NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
	version integer NOT NULL,
	choice text NOT NULL CHECK (choice IN ('valide', 'modification')),
	comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 280),
	at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, version, participant_id)
);
