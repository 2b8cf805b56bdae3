-- What a person's read-only sync connection tried to write (issue 14, item 11), kept beyond a
-- room's life and shared by every instance: once promoted, a document that wrote while
-- read-only is refused (4409) wherever and whenever the promoted connection comes.
-- `tried`: their next writable connection must start from the server's document;
-- `client_ids`: the Yjs client ids they wrote new structs with (their later updates under those
-- ids are refused).
CREATE TABLE read_only_write (
	workshop_id text NOT NULL REFERENCES workshop (id) ON DELETE CASCADE,
	person_id text NOT NULL,
	tried boolean NOT NULL,
	client_ids jsonb NOT NULL DEFAULT '[]',
	PRIMARY KEY (workshop_id, person_id)
);
