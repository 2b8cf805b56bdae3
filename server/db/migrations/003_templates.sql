-- Organisations (a lab, a department, a city's services): facilitators share templates in them.
CREATE TABLE organisation (
	id text PRIMARY KEY,
	name text NOT NULL,
	created_by text NOT NULL REFERENCES facilitator (id),
	created_at timestamptz NOT NULL DEFAULT now()
);

-- A facilitator belongs to one or more organisations.
CREATE TABLE membership (
	organisation_id text NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
	facilitator_id text NOT NULL REFERENCES facilitator (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (organisation_id, facilitator_id)
);
CREATE INDEX membership_facilitator ON membership (facilitator_id);

-- Saved templates (built-ins are files in workshops/, never rows). The body is a template
-- file as src/lib/domain/templates/schema.ts validates it, checked before every write.
CREATE TABLE template (
	id text PRIMARY KEY,
	owner_id text NOT NULL REFERENCES facilitator (id) ON DELETE CASCADE,
	organisation_id text REFERENCES organisation (id),
	visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'organisation')),
	body jsonb NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CHECK (visibility = 'private' OR organisation_id IS NOT NULL)
);
CREATE INDEX template_owner ON template (owner_id);
CREATE INDEX template_organisation ON template (organisation_id) WHERE visibility = 'organisation';

-- A series of linked workshops made from one template (e.g. vivre-ensemble). The template is
-- copied in: later sessions are made from it even if the saved template changes or goes.
CREATE TABLE series (
	id text PRIMARY KEY,
	title text NOT NULL,
	created_by text NOT NULL REFERENCES facilitator (id),
	locale text NOT NULL DEFAULT 'fr',
	template jsonb NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);

-- Which workshop is which session of its series.
CREATE TABLE series_workshop (
	workshop_id text PRIMARY KEY REFERENCES workshop (id) ON DELETE CASCADE,
	series_id text NOT NULL REFERENCES series (id) ON DELETE CASCADE,
	session_key text NOT NULL,
	UNIQUE (series_id, session_key)
);
