-- The report's counts by age band and gender outlive the data they came from (issue 11, items
-- 1 and 6): when a participant's age band and gender are erased (retention job, their own
-- request, a facilitator's), the workshop keeps how many counted people had given each answer,
-- never linked to anyone (not even to a collège: the report needs no more).
CREATE TABLE erased_answer_count (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	question text NOT NULL CHECK (question IN ('age_band', 'gender')),
	answer text NOT NULL,
	n integer NOT NULL CHECK (n > 0),
	PRIMARY KEY (workshop_id, question, answer)
);
