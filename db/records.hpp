// Plain value types exchanged with the store, one per table.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace credsvc::db {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;
using Bytes = std::vector<std::uint8_t>;

// A certificate chain and its private key, both PEM (the key PKCS#8).
struct PemPair {
  std::string chain_pem;
  std::string key_pem;

  friend bool operator==(const PemPair&, const PemPair&) = default;
};

struct Domain {
  std::string name;   // lower case
  std::string realm;  // Digest realm; add_domain uses the name when empty
  std::optional<PemPair> tls;       // served on the SIP/HTTPS listeners (SNI)
  std::optional<PemPair> identity;  // signs NOTIFYs (RFC 4474 / RFC 8224)
  std::string identity_alg = "rsa-sha256";
  TimePoint created_at{};  // set by the store
  TimePoint updated_at{};  // set by the store
};

// Digest HA1 values, lower-case hex, computed by the caller (RFC 7616 §3.4.2).
struct DigestHa1 {
  std::string md5;
  std::string sha256;
  std::string sha512_256;
};

struct User {
  std::string aor;     // canonical "user@domain"
  std::string domain;  // the part after '@'
  DigestHa1 ha1;
  bool enabled = true;
  TimePoint password_changed_at{};  // set by the store
  TimePoint created_at{};           // set by the store
};

// A user's published credential (RFC 6072): certificate and optional key.
struct Credential {
  std::string aor;
  Bytes certificate_der;
  std::optional<Bytes> pkcs8_der;  // opaque, usually encrypted
  std::string spki_sha256;         // lower-case hex (certs::sha256_hex of the SPKI)
  TimePoint not_before{};
  TimePoint not_after{};
  std::string etag;                 // RFC 3903 entity-tag, chosen by the caller
  TimePoint publication_expires{};  // when the publication lapses
  std::int64_t version = 0;         // set by the store: 1, 2, ... per AOR
  TimePoint updated_at{};           // set by the store
};

struct RevokedKey {
  std::string spki_sha256;
  std::string aor;
  std::string reason;
  TimePoint revoked_at{};
  std::string revoked_by;
};

struct AuditEntry {
  std::int64_t id = 0;
  TimePoint at{};
  std::string actor;   // "admin:cli", "user:alice@example.com", "system", ...
  std::string action;  // "publish", "revoke", "expire", "user.add", ...
  std::optional<std::string> aor;
  std::optional<std::string> domain;
  std::string detail = "{}";  // a JSON object
};

}  // namespace credsvc::db
