-- Known devices (issue 14, item 1): a browser that signed in to an account gets a long-lived
-- cookie; its SHA-256 is stored here. Sign-ins from a known device are throttled on the device
-- alone, so someone else guessing the account's password (or sharing the town hall's proxy
-- address) cannot lock the real user out.
CREATE TABLE sign_in_device (
	token_hash text PRIMARY KEY,
	facilitator_id text NOT NULL REFERENCES facilitator (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL DEFAULT now(),
	last_used_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_device_facilitator ON sign_in_device (facilitator_id);
