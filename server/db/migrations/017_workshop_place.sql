-- Where a workshop takes place (issue 11, item 1: the report's context): a place written by
-- its facilitator, e.g. "Mairie de quartier, salle 2", or "À distance". Empty: not said.
ALTER TABLE workshop ADD COLUMN place text NOT NULL DEFAULT '' CHECK (length(place) <= 200);
