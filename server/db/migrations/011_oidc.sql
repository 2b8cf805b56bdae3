-- Facilitators' sign-in through OpenID Connect (issue 14, item 12).

-- A sign-in under way: the browser holds a random token in a short-lived cookie (only its
-- SHA-256 here); the row holds what the callback must check (state, nonce) and the PKCE
-- verifier. Taken once: a replayed callback finds nothing.
CREATE TABLE oidc_attempt (
	token_hash text PRIMARY KEY,
	state text NOT NULL,
	nonce text NOT NULL,
	code_verifier text NOT NULL,
	redirect_to text NOT NULL,
	expires_at timestamptz NOT NULL
);

-- Which provider account is which facilitator: linked by verified e-mail the first time, by
-- (issuer, subject) afterwards, so a changed e-mail at the provider keeps the same account.
CREATE TABLE facilitator_identity (
	issuer text NOT NULL,
	subject text NOT NULL,
	facilitator_id text NOT NULL REFERENCES facilitator (id) ON DELETE CASCADE,
	organisation text,
	created_at timestamptz NOT NULL DEFAULT now(),
	last_sign_in_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (issuer, subject)
);
CREATE INDEX facilitator_identity_facilitator ON facilitator_identity (facilitator_id);
