-- credsvc schema, version 1: domains, users, published credentials,
-- revoked keys and the audit trail (design: "Data (PostgreSQL)").

-- Timestamps cross the client boundary as exact integer microseconds since
-- the Unix epoch, independent of the session's TimeZone and DateStyle.
CREATE FUNCTION credsvc_ts(micros bigint) RETURNS timestamptz
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT to_timestamp((micros / 1000000)::double precision) + (micros % 1000000) * interval '1 microsecond';
$$;

CREATE FUNCTION credsvc_us(t timestamptz) RETURNS bigint
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
    SELECT (extract(epoch FROM t) * 1000000)::bigint;
$$;

CREATE TABLE domains (
    name               text        PRIMARY KEY,
    realm              text        NOT NULL,
    tls_chain_pem      text,
    tls_key_pem        text,        -- PKCS#8 PEM
    identity_chain_pem text,
    identity_key_pem   text,        -- PKCS#8 PEM
    identity_alg       text        NOT NULL DEFAULT 'rsa-sha256',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    -- Domain names compare case-insensitively (RFC 3261 §19.1.4): store one form.
    CONSTRAINT domains_name_canonical CHECK (name = lower(name) AND name ~ '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$'
                                             AND length(name) <= 253),
    CONSTRAINT domains_realm_nonempty CHECK (realm <> ''),
    CONSTRAINT domains_tls_pair CHECK ((tls_chain_pem IS NULL) = (tls_key_pem IS NULL)),
    CONSTRAINT domains_identity_pair CHECK ((identity_chain_pem IS NULL) = (identity_key_pem IS NULL)),
    -- rsa-sha256: RFC 4474; es256: RFC 8224 PASSporT. rsa-sha1 is verify-only.
    CONSTRAINT domains_identity_alg CHECK (identity_alg IN ('rsa-sha256', 'es256'))
);

CREATE TABLE users (
    aor                 text        PRIMARY KEY,   -- canonical "user@domain"
    domain              text        NOT NULL REFERENCES domains (name) ON DELETE RESTRICT,
    ha1_md5             text        NOT NULL,
    ha1_sha256          text        NOT NULL,
    ha1_sha512_256      text        NOT NULL,
    enabled             boolean     NOT NULL DEFAULT true,
    password_changed_at timestamptz NOT NULL DEFAULT now(),
    created_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_aor_form CHECK (aor ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    CONSTRAINT users_aor_in_domain CHECK (split_part(aor, '@', 2) = domain),
    -- Digest HA1 values (RFC 7616 §3.4.2, RFC 8760): lower-case hex of the hash size.
    CONSTRAINT users_ha1_md5_hex CHECK (ha1_md5 ~ '^[0-9a-f]{32}$'),
    CONSTRAINT users_ha1_sha256_hex CHECK (ha1_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT users_ha1_sha512_256_hex CHECK (ha1_sha512_256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX users_domain_idx ON users (domain);

-- At most one credential per AOR (RFC 6072 §6); only users publish, so a
-- removed user takes their credential along.
CREATE TABLE credentials (
    aor                 text        PRIMARY KEY REFERENCES users (aor) ON DELETE CASCADE,
    certificate_der     bytea       NOT NULL,
    pkcs8_der           bytea,      -- opaque to the server, usually PBES2-encrypted (RFC 8018)
    spki_sha256         text        NOT NULL,
    not_before          timestamptz NOT NULL,
    not_after           timestamptz NOT NULL,
    etag                text        NOT NULL,  -- RFC 3903 entity-tag of the publication
    publication_expires timestamptz NOT NULL,
    version             bigint      NOT NULL DEFAULT 1,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT credentials_certificate_nonempty CHECK (octet_length(certificate_der) > 0),
    CONSTRAINT credentials_pkcs8_nonempty CHECK (pkcs8_der IS NULL OR octet_length(pkcs8_der) > 0),
    CONSTRAINT credentials_spki_hex CHECK (spki_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT credentials_validity CHECK (not_after >= not_before),
    CONSTRAINT credentials_etag_nonempty CHECK (etag <> ''),
    CONSTRAINT credentials_version_positive CHECK (version > 0)
);
CREATE INDEX credentials_publication_expires_idx ON credentials (publication_expires);
CREATE INDEX credentials_spki_idx ON credentials (spki_sha256);

-- A revoked key can never be published again, by anyone; rows outlive the user.
CREATE TABLE revoked_keys (
    spki_sha256 text        PRIMARY KEY,
    aor         text        NOT NULL,
    reason      text        NOT NULL DEFAULT '',
    revoked_at  timestamptz NOT NULL DEFAULT now(),
    revoked_by  text        NOT NULL,
    CONSTRAINT revoked_keys_spki_hex CHECK (spki_sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT revoked_keys_by_nonempty CHECK (revoked_by <> '')
);
CREATE INDEX revoked_keys_aor_idx ON revoked_keys (aor);

-- Every publish, revoke, expiry and admin action. No foreign keys: the trail
-- outlives the rows it talks about.
CREATE TABLE audit (
    id     bigserial   PRIMARY KEY,
    at     timestamptz NOT NULL DEFAULT now(),
    actor  text        NOT NULL,
    action text        NOT NULL,
    aor    text,
    domain text,
    detail jsonb       NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT audit_actor_nonempty CHECK (actor <> ''),
    CONSTRAINT audit_action_form CHECK (action ~ '^[a-z][a-z0-9_.-]*$'),
    CONSTRAINT audit_detail_object CHECK (jsonb_typeof(detail) = 'object')
);
CREATE INDEX audit_aor_at_idx ON audit (aor, at) WHERE aor IS NOT NULL;
CREATE INDEX audit_at_idx ON audit (at);
