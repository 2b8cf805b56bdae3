-- Archived workshops (issue 11, item 1): a report's JSON brought back as a read-only workshop.
-- The report is kept as the exact text it was checked as, so exporting the archive gives back
-- the same document. The workshop row (status 'archived') makes it a workshop like the others
-- for its facilitators' pages; it has no board, no join, no live channel.
CREATE TABLE workshop_archive (
	workshop_id text PRIMARY KEY REFERENCES workshop (id) ON DELETE CASCADE,
	report text NOT NULL,
	imported_by text NOT NULL REFERENCES facilitator (id) ON DELETE CASCADE,
	imported_at timestamptz NOT NULL DEFAULT now()
);
