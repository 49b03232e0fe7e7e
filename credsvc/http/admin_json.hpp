// The JSON of administered things (domains, users, credentials, revoked
// keys, audit entries, API tokens): one shape for `credsvc admin ... --json`
// and for the HTTPS admin API. Times are "2026-11-21T13:27:00Z" (UTC). Never
// a private key, a password hash or a token secret. No I/O.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/credential_table.hpp"
#include "db/live_query.hpp"
#include "db/records.hpp"
#include "db/token_table.hpp"
#include "http/address_view.hpp"

namespace credsvc::http {

// A PEM chain's leaf: subject, issuer, san_dns, not_before, not_after,
// spki_sha256, key ("EC-256"), and chain_length. Throws certs::Error for a
// chain that does not parse.
boost::json::object certificate_chain_json(const std::string& chain_pem);

// name, realm, tls and identity (certificate_chain_json, or null),
// identity_alg, created_at.
boost::json::object domain_json(const db::Domain& domain);

// aor, domain, enabled, created_at.
boost::json::object user_json(const db::User& user);

// A stored credential: subject, issuer, san_uris, fingerprint_sha256 (or
// "error" when the stored certificate does not parse), not_before,
// not_after, spki_sha256, key ("none", "plain" or "encrypted"), etag,
// publication_expires, version, updated_at.
boost::json::object credential_json(const db::Credential& credential);

// spki_sha256, reason, revoked_at, revoked_by.
boost::json::object revoked_key_json(const db::RevokedKey& key);

// Everything stored for one address (`credsvc admin show`): aor, enabled
// (null without a user), password_changed_at (with a user), credential
// (or null), revoked_keys.
boost::json::object address_json(const std::string& aor, const AddressView& view);

// Live subscriber counts from the running instances (db/live_query.hpp):
// instances_running, instances_answered, certificate, credential, and
// per_instance [{instance, host, pid, certificate, credential}].
boost::json::object live_subscribers_json(const db::LiveSubscribers& live);

// id, at, actor, action, aor, domain (null when absent), detail (the object).
boost::json::object audit_entry_json(const db::AuditEntry& entry);

// id, name, scope, created_at, created_by, revoked_at (or null).
boost::json::object api_token_json(const db::ApiToken& token);

// What a credential's listing says of it at `now`: "not_yet_valid",
// "expired" (the certificate), "lapsed" (the publication, not yet swept),
// "disabled" (its user), else "active". Revoked ones are no longer stored:
// they are listed from the revoked keys.
std::string_view credential_status(const db::ListedCredential& listed, db::TimePoint now);

// One line of the credentials listing: aor, status, user_enabled,
// expires_at (the earlier of not_after and publication_expires), then the
// fields of credential_json.
boost::json::object listed_credential_json(const db::ListedCredential& listed, db::TimePoint now);

// A revoked key in the same listing: aor, status "revoked", spki_sha256,
// reason, revoked_at, revoked_by, expires_at null.
boost::json::object listed_revoked_key_json(const db::RevokedKey& key);

}  // namespace credsvc::http
