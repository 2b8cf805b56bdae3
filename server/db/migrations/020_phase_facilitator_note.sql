-- A phase's text has two parts (issue 12, item 3): its instructions for the room (phones and
-- projector) and a note for the facilitator only, never projected nor sent to participants.
ALTER TABLE phase ADD COLUMN facilitator_note text NOT NULL DEFAULT '' CHECK (length(facilitator_note) <= 2000);
