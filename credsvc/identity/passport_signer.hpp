#pragma once
// Signs PASSporTs (RFC 8225) with ES256 for one signing profile: a P-256 key
// and the https URL (x5u) of its certificate, with the SHAKEN ppt (RFC 8588)
// by default. The header is fixed per signer, so its canonical JSON and
// base64url form are made once. Const and thread-safe after construction.

#include <optional>
#include <string>

#include "certs/pkcs8_key.hpp"
#include "identity/detail/sign_template.hpp"
#include "identity/passport.hpp"

namespace credsvc::identity {

class PassportSigner {
 public:
  // Throws std::invalid_argument: key not EC P-256, x5u not an https URL a
  // header can carry, ppt not a token.
  PassportSigner(certs::PrivateKey key, std::string x5u, std::optional<std::string> ppt = std::string("shaken"));

  [[nodiscard]] const PassportHeader& header() const noexcept { return header_; }
  // {"alg":"ES256","ppt":"shaken","typ":"passport","x5u":"..."}
  [[nodiscard]] const std::string& header_json() const noexcept { return header_json_; }

  // The full-form PASSporT: BASE64URL(header).BASE64URL(payload).BASE64URL(R||S).
  // Throws std::invalid_argument with claims_error()'s reason for claims
  // that cannot be signed.
  [[nodiscard]] std::string sign(const PassportClaims& claims) const;
  // The RFC 8224 §4.1 Identity header value:
  // <PASSporT>;info=<x5u>;alg=ES256[;ppt=shaken]
  [[nodiscard]] std::string identity(const PassportClaims& claims) const;

 private:
  certs::PrivateKey key_;
  PassportHeader header_;
  std::string header_json_;
  std::string encoded_header_;
  detail::SignTemplate template_;
};

}  // namespace credsvc::identity
