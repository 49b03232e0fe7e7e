// A user's credential made at test time (RFC 6072 §10.6 style): a fresh key
// pair and a self-signed certificate naming the AOR, with knobs for the
// faulty variants the server must refuse, and the PUBLISH bodies that carry
// them (application/pkix-cert alone, or multipart/mixed with a PKCS#8 part).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "certs/certificate.hpp"
#include "certs/pkcs8_key.hpp"

namespace credsvc::testing::events {

struct CredentialSpec {
  std::vector<std::string> san_uris;  // empty: "sip:<aor>"
  bool is_ca = false;
  std::chrono::seconds not_before_offset{-60};  // from now
  std::chrono::seconds lifetime{3600};          // from now: notAfter
  std::optional<certs::PrivateKey> key;         // none: a fresh EC P-256 key
};

struct UserCredential {
  certs::PrivateKey key;
  certs::Certificate certificate;

  std::string certificate_der() const;
  std::string key_der() const;                                      // plain PKCS#8
  std::string encrypted_key_der(const std::string& passphrase) const;  // PBES2
};

// `aor` as "alice@example.test". EC P-256 keys: fast and accepted by §8.10.
UserCredential make_credential(const std::string& aor, const CredentialSpec& spec = {});

struct PublicationBody {
  std::string content_type;
  std::string body;
};

PublicationBody certificate_body(const std::string& certificate_der);
// RFC 6072 §8.9: multipart/mixed, the certificate then the PKCS#8 key, both binary.
PublicationBody credential_body(const std::string& certificate_der, const std::string& pkcs8_der);

}  // namespace credsvc::testing::events
