-- API tokens for the HTTPS APIs (STIR signing/verification, admin). Only the
-- SHA-256 of a token's secret is stored; the token text ("csv_<id>_<secret>")
-- is shown once, when it is created. A revoked token keeps its row (and its
-- audit trail) with revoked_at set.
CREATE TABLE api_tokens (
    id            text        PRIMARY KEY,  -- public, short, random
    name          text        NOT NULL,
    scope         text        NOT NULL,
    secret_sha256 text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text        NOT NULL,
    revoked_at    timestamptz,
    CONSTRAINT api_tokens_id_form CHECK (id ~ '^[a-z0-9]{8,32}$'),
    CONSTRAINT api_tokens_name_nonempty CHECK (name <> '' AND length(name) <= 200),
    CONSTRAINT api_tokens_scope CHECK (scope IN ('admin', 'stir')),
    CONSTRAINT api_tokens_secret_hex CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT api_tokens_created_by_nonempty CHECK (created_by <> '')
);
