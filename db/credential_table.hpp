// Published credentials (RFC 6072) and revoked keys. Functions run inside the
// caller's transaction; every change writes an audit entry in it. Writers of
// one AOR serialise on the user's row; writers of one key on an advisory lock.
#pragma once

#include <cstddef>
#include <optional>
#include <pqxx/transaction_base>
#include <string>
#include <vector>

#include "db/records.hpp"

namespace credsvc::db {

std::optional<Credential> get_credential(pqxx::transaction_base& tx, const std::string& aor);

// Inserts or replaces the AOR's credential (version + 1) with credential.etag
// as its new entity-tag. With `if_match`, the current etag must equal it
// (RFC 3903 §4.4) or PreconditionFailed is thrown. Throws NotFound for an
// unknown user and KeyRevoked when the key's SPKI is in revoked_keys.
Credential put_credential(pqxx::transaction_base& tx, const Credential& credential, const std::string& actor,
                          const std::optional<std::string>& if_match = std::nullopt);

// RFC 3903 §4.3 refresh: new etag and expiry, same content and version.
// Throws NotFound when there is no credential, PreconditionFailed when its
// etag is not `if_match`.
Credential refresh_publication(pqxx::transaction_base& tx, const std::string& aor, const std::string& if_match,
                               const std::string& new_etag, TimePoint new_expires, const std::string& actor);

// Deletes the AOR's credential and records its key in revoked_keys, so it can
// never be published again (credentials of other AORs with the same key go
// too). Returns the deleted credential, or nullopt when there was none.
std::optional<Credential> revoke_credential(pqxx::transaction_base& tx, const std::string& aor,
                                            const std::string& reason, const std::string& actor);

// A stored credential with its user's enabled flag, for listings.
struct ListedCredential {
  Credential credential;
  bool user_enabled = true;
};

// The credentials of every user, or of one domain's users, the soonest to
// lapse first (the earlier of the certificate's notAfter and the
// publication's expiry), then by AOR; at most `limit`.
std::vector<ListedCredential> list_credentials(pqxx::transaction_base& tx, const std::optional<std::string>& domain,
                                               std::size_t limit);

bool is_key_revoked(pqxx::transaction_base& tx, const std::string& spki_sha256);
// All revoked keys, or those revoked from one AOR; newest first.
std::vector<RevokedKey> list_revoked_keys(pqxx::transaction_base& tx, const std::optional<std::string>& aor);

// Deletes credentials whose publication_expires <= now (audit "expire",
// actor "system") and returns their AORs, sorted.
std::vector<std::string> expire_publications(pqxx::transaction_base& tx, TimePoint now);

}  // namespace credsvc::db
