-- Data rights (issue 11, item 6) and the participant's e-mail for the owners' answers (item 4).

-- How long an organisation keeps its participants' personal data; NULL is the instance's default
-- (CONCERTO_PARTICIPANT_RETENTION_MONTHS). A workshop follows its creator's organisations.
ALTER TABLE organisation ADD COLUMN participant_retention_months integer CHECK (participant_retention_months BETWEEN 1 AND 120);

-- The period the join notice promised this participant when they joined: a later, longer period
-- set by the organisation never keeps their data longer than they were told (a shorter one applies).
ALTER TABLE participant ADD COLUMN retention_months integer;

-- An e-mail left at the end of the workshop to be told when the owners answer, with the moment
-- the participant ticked the consent box; erased with their name.
ALTER TABLE participant ADD COLUMN answer_email text CHECK (answer_email IS NULL OR length(answer_email) BETWEEN 3 AND 254);
ALTER TABLE participant ADD COLUMN answer_email_consented_at timestamptz;

-- Series carry-over (issue 11, item 5): the notes a later session imported from earlier ones, by
-- their id in this workshop, so a re-import brings only new notes and one the facilitator
-- deleted does not come back.
CREATE TABLE carried_note (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	note_id text NOT NULL,
	imported_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (workshop_id, note_id)
);
